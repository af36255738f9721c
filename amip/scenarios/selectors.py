"""The selectors of a scenario section (``all`` → ``field`` → ``product_category`` → ``instrument_type``
→ ``measure``): the steps in the order they apply, the check that each names something the case has,
and the note each change leaves in ``Case.notes``. Shared by apply.py and planning.py."""
from __future__ import annotations

from amip import texts as T  # plain strings
from amip.models import Case
from amip.scenarios.resolver import ResolvedScenario

SELECTOR_ORDER = ("all", "field", "product_category", "instrument_type", "measure")


def steps(rs: ResolvedScenario, section: str) -> list[tuple[tuple[str, ...], str, str | None, dict]]:
    """(key path, selector, key, record) in the order they apply."""
    data = rs.get(*section.split(".")) or {}
    base = tuple(section.split("."))
    out = []
    for selector in SELECTOR_ORDER:
        if selector not in data:
            continue
        if selector == "all":
            out.append((base + ("all",), "all", None, data["all"]))
        else:
            out += [(base + (selector, key), selector, key, rec) for key, rec in data[selector].items()]
    return out


def check_selector_keys(case: Case, rs: ResolvedScenario, section: str) -> None:
    for path, selector, key, _ in steps(rs, section):
        if selector == "all":
            continue
        if selector == "field":
            if key in {f.id for f in case.fields}:
                continue
        elif case.select(selector, key):   # one index per case ('M01' names 'm01'); no pass over the measures
            continue
        known = ({f.id for f in case.fields} if selector == "field" else
                 {getattr(m, "id" if selector == "measure" else selector) for m in case.measures})
        hint = closest_key(key, known)
        names = sorted(known)
        listing = ", ".join(names[:12]) + (T.SC_MORE.format(n=len(names)) if len(names) > 12 else "")
        raise rs.error(path, T.SC_UNKNOWN_KEY.format(kind=T.SC_KINDS.get(selector, selector), key=key)
                             + (T.SC_HINT.format(hint=hint) if hint else T.SC_KNOWN.format(listing=listing)))


def closest_key(key: str, known: set[str]) -> str | None:
    import difflib

    hits = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return hits[0] if hits else None


def how(rec: dict, unit: str = "") -> str:
    if "multiplier" in rec:
        return f"×{rec['multiplier']:g}"
    if "value" in rec:
        return f"= {rec['value']:g}{unit}"
    return ", ".join(f"{k} {v:g}" if isinstance(v, (int, float)) else f"{k} {v}"
                     for k, v in rec.items() if k != "source")


def note(rs: ResolvedScenario, path: tuple[str, ...], rec: dict, count: int, unit: str = "") -> str:
    src = rec.get("source", "no source given")
    return f"{'.'.join(path)} {how(rec, unit)} on {count} measure(s) [{rs.where(path)}; {src}]"
