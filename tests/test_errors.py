"""amip.errors: the exception tree's helpers for messages (file names, system errors)."""
import errno

import pytest

from amip.errors import InputError, os_reason, path_text


@pytest.mark.parametrize("name,shown", [
    ("m.csv", "m.csv"), ("m\nx.csv", "m\\nx.csv"), ("m\u202evsc.xlsx", "m\\u202evsc.xlsx"),
    ("a\u00a0b.csv", "a\\xa0b.csv"), ("März.csv", "März.csv"), ("m\udcff.csv", "m\\xff.csv"), ("a\tb", "a\\tb"),
])
def test_a_file_name_is_shown_as_it_is_on_one_line(name, shown):
    assert path_text(name) == shown


def test_an_error_naming_a_file_with_a_newline_is_one_line():
    assert "\n" not in str(InputError("nicht gefunden", file="a\nb.csv"))


@pytest.mark.parametrize("code,words", [
    (errno.ELOOP, "symbolische Verknüpfungen"), (errno.EACCES, "keine Berechtigung"),
    (errno.ECONNREFUSED, "Verbindung abgelehnt"), (errno.ENOSPC, "kein Platz"), (errno.EREMOTEIO, "EREMOTEIO"),
])
def test_a_system_error_is_said_in_german(code, words):
    assert words in os_reason(OSError(code, "English words"))
    assert "English" not in os_reason(OSError(code, "English words"))


def test_a_timeout_is_said_in_german():
    assert os_reason(TimeoutError()) == "Zeitüberschreitung"
