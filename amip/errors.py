"""The one exception tree of amip. The CLI maps it to exit codes in one place.

- InputError (exit 2): bad input data, a bad scenario, a bad option, an output path refused.
- InfeasibleError (exit 3): the model has no feasible plan.
- SolverError (exit 4): the solver is missing or failed.
"""
from __future__ import annotations

from amip import texts as T  # plain strings


def os_reason(e: OSError) -> str:
    """Why the system refused a file or a connection, in German (the system's strerror is English: 'Too
    many levels of symbolic links', 'Connection refused'); an error number without a German text is named
    by its symbol (ELIBBAD), never by the English sentence."""
    import errno

    code = getattr(e, "errno", None)
    name = errno.errorcode.get(code, "") if code is not None else ""
    if name in T.OS_REASONS:
        return T.OS_REASONS[name]
    if isinstance(e, TimeoutError):
        return T.OS_REASONS["ETIMEDOUT"]
    return T.OS_REASON_OTHER.format(name=name or type(e).__name__)


def path_text(path) -> str:
    """A file name as a user reads it: bytes that are not UTF-8 (a name from an old Windows share,
    carried by Python as lone surrogates) shown as \\xNN, so that no message or output fails to encode;
    characters that are invisible or move the text (a line break, a tab, a right-to-left override U+202E,
    a no-break space) shown as escapes (\\n, \\u202e, \\xa0), so that a message stays one line and shows
    the name that is really there."""
    import os

    text = str(path)
    if text.isascii() and text.isprintable():
        return text
    if not text.isascii():
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class AmipError(Exception):
    """Base of every error amip raises on purpose."""

    exit_code = 1


class InputError(AmipError):
    """Bad user input. The message names the file, the row or key and the problem."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None, cell: str | None = None) -> None:
        self.file, self.row, self.column, self.cell, self.problem = file, row, column, cell, message
        where = []
        if file:
            where.append(path_text(file))
        if cell:
            where.append(cell)            # a workbook cell, e.g. Maßnahmen!F12
        elif row is not None:
            where.append(T.WHERE_ROW.format(row=row))
        if column:
            where.append(T.WHERE_COLUMN.format(column=column))
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


ValidationError = InputError


class InfeasibleError(AmipError):
    """No plan satisfies all constraints."""

    exit_code = 3

    def __init__(self, message: str, conflicts: list[str] | None = None, *, diagnosis: dict | None = None) -> None:
        self.conflicts = list(conflicts or [])
        self.diagnosis = diagnosis or {"conflicts": self.conflicts, "changes": [], "findings": []}
        super().__init__(message)


class SolverError(AmipError):
    """The solver is missing, crashed or stopped without an optimal answer."""

    exit_code = 4
