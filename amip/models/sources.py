"""Source notes for a reader outside this project (issue 17): the data files cite the seed document
by line ("Seed L233"), the project's source collection by section ("domain.md §3.2") and sometimes an
issue number. ``for_reader`` words them as source names a planner can look up, and puts the English
sentences of the shipped data files and the markers ESTIMATE/POLICY into German (issue 23: "Schätzung",
"Festlegung"); the data files and ``--format json`` keep the exact citation. Stdlib only."""
from __future__ import annotations

import re

from amip import texts as T

_SEED_LINES = re.compile(r"\b[Ss]eed,? L(\d+)(?:\s*[-–]\s*L?(\d+))?")
_SEED_SECTION = re.compile(r"\b[Ss]eed(?: section)? (\d+(?:\.\d+)+)")
_DOMAIN = re.compile(r"(?:\.\./)?(?:shared/)?domain\.md\s*§\s*(\d+(?:\.\d+)?)")
_LINES = re.compile(r"\bL(\d{2,4})(?:\s*[-–]\s*L?(\d+))?\b")   #: a bare line reference of the seed
#: the seed document as a bare word, German or English ('des Seeds', 'der Seed', 'the seed'); not a random
#: seed ('Seed 2020', 'SeedSequence') and not a line reference (handled above)
_SEED_WORD = re.compile(r"\b(?:the )?[Ss]eeds?\b(?!\s*\d|Sequence)")
_ISSUE = re.compile(r"\s*[(;,]?\s*\b[Ii]ssue \d+\b\)?")
_WORDS = ((re.compile(r"\brule file:\s*"), T.SRC_RULE_FILE), (re.compile(r"\bcase file:\s*"), T.SRC_CASE_FILE),
          (re.compile(r"\bderived\b"), T.SRC_DERIVED))
#: the shipped data's English sentences, longest first (a sentence may contain a shorter key)
_SENTENCES = sorted(T.SOURCE_SENTENCES_DE.items(), key=lambda kv: -len(kv[0]))
_PATTERNS = tuple((re.compile(p), template) for p, template in T.SOURCE_PATTERNS_DE)
_MARKERS = tuple((re.compile(rf"\b{key}\b"), word) for key, word in T.MARKERS_DE)


def _german_number(group: str) -> str:
    """'7,302' → '7.302' and '132.9' → '132,9' (a number as the data's English wrote it)."""
    if re.fullmatch(r"\d{1,3}(,\d{3})+", group):
        return group.replace(",", ".")
    if re.fullmatch(r"\d+\.\d+", group):
        return group.replace(".", ",")
    return group


def in_german(text: str, *, markers: bool = True) -> str:
    """The English sentences of the shipped data files and the texts a run writes into a source note, in
    German; the markers ESTIMATE and POLICY as 'Schätzung' and 'Festlegung'. Anything else stays as written."""
    for english, german in _SENTENCES:
        if english in text:
            text = text.replace(english, german)
    for pattern, template in _PATTERNS:
        text = pattern.sub(lambda m, t=template: t.format(*(_german_number(g or "") for g in m.groups())), text)
    return _markers(text) if markers else text


def _markers(text: str) -> str:
    for pattern, word in _MARKERS:
        text = pattern.sub(word, text)
    return text


def for_reader(text: str | None, *, markers: bool = True) -> str:
    """'Seed L294: 35.085.957 €' → 'AmIp 2020 Duisburg, Z. 294: 35.085.957 €'; 'domain.md §3.2' →
    the section's name in the source collection; issue numbers dropped; English sentences of the shipped
    data and the markers in German (in_german). ``markers=False``: ESTIMATE and POLICY stay, for a file the
    planner edits whose loader reads them (`amip init`'s planung.yaml)."""
    if not text:
        return text or ""
    out = in_german(text, markers=markers)
    out = _SEED_LINES.sub(
        lambda m: T.SRC_SEED_LINES.format(lines=m.group(1) + ("–" + m.group(2) if m.group(2) else "")), out)
    out = _LINES.sub(lambda m: T.SRC_LINES.format(lines=m.group(1) + ("–" + m.group(2) if m.group(2) else "")), out)
    out = _SEED_SECTION.sub(lambda m: T.SRC_SEED_SECTION.format(section=m.group(1)), out)
    out = _SEED_WORD.sub(T.SRC_SEED_WORD, out)
    out = _DOMAIN.sub(lambda m: T.SRC_DOMAIN.format(
        section=m.group(1), title=T.DOMAIN_SECTIONS.get(m.group(1), T.DOMAIN_SECTIONS.get(m.group(1)[0], ""))),
                      out)
    out = _ISSUE.sub("", out)
    for pattern, word in _WORDS:
        out = pattern.sub(word, out)
    out = shown_path(out)
    return _markers(out) if markers else out


#: The folder of the installed package ('/usr/lib/python3/site-packages/amip'): its own files are named from it
_PACKAGE = __file__.rsplit("/", 2)[0] + "/"


def shown_path(text: str) -> str:
    """A file shipped with amip named as the package names it ('amip/rules/2020.yaml'), not by the folder it
    happens to be installed in; other paths stay as written."""
    return text.replace(_PACKAGE, "amip/")
