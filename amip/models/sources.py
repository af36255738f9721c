"""Source notes for a reader outside this project (issue 17): the data files cite the seed document
by line ("Seed L233"), the project's source collection by section ("domain.md §3.2") and sometimes an
issue number. ``for_reader`` words them as source names a planner can look up; the data files and
``--format json`` keep the exact citation. Stdlib only."""
from __future__ import annotations

import re

from amip import texts as T

_SEED_LINES = re.compile(r"\b[Ss]eed,? L(\d+)(?:\s*[-–]\s*L?(\d+))?")
_SEED_SECTION = re.compile(r"\b[Ss]eed(?: section)? (\d+(?:\.\d+)+)")
_DOMAIN = re.compile(r"(?:\.\./)?(?:shared/)?domain\.md\s*§\s*(\d+(?:\.\d+)?)")
_LINES = re.compile(r"\bL(\d{2,4})(?:\s*[-–]\s*L?(\d+))?\b")   #: a bare line reference of the seed
_ISSUE = re.compile(r"\s*[(;,]?\s*\b[Ii]ssue \d+\b\)?")
_WORDS = ((re.compile(r"\brule file:\s*"), T.SRC_RULE_FILE), (re.compile(r"\bcase file:\s*"), T.SRC_CASE_FILE),
          (re.compile(r"\bderived\b"), T.SRC_DERIVED))


def for_reader(text: str | None) -> str:
    """'Seed L294: 35.085.957 €' → 'AmIp 2020 Duisburg, Z. 294: 35.085.957 €'; 'domain.md §3.2' →
    the section's name in the source collection; issue numbers dropped."""
    if not text:
        return text or ""
    out = _SEED_LINES.sub(lambda m: T.SRC_SEED_LINES.format(lines=m.group(1) + ("–" + m.group(2) if m.group(2) else "")),
                          text)
    out = _LINES.sub(lambda m: T.SRC_LINES.format(lines=m.group(1) + ("–" + m.group(2) if m.group(2) else "")), out)
    out = _SEED_SECTION.sub(lambda m: T.SRC_SEED_SECTION.format(section=m.group(1)), out)
    out = _DOMAIN.sub(lambda m: T.SRC_DOMAIN.format(section=m.group(1),
                                                    title=T.DOMAIN_SECTIONS.get(m.group(1),
                                                                                T.DOMAIN_SECTIONS.get(m.group(1)[0], ""))),
                      out)
    out = _ISSUE.sub("", out)
    for pattern, word in _WORDS:
        out = pattern.sub(word, out)
    return out
