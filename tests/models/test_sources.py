"""Sources as a reader cites them (issue 17) and in German (issue 23): the data's English sentences, the texts
a run writes into a source note and the markers ESTIMATE/POLICY; the data files keep the original."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.models.sources import for_reader, in_german


def test_the_field_minimum_source_reads_german():
    raw = ("80% of the planned 7,302 entries, rounded down; POLICY: each field keeps at least 80 % of the entries the "
           "seed plans for it (new + pre-bought + outside). The seed sets no field minima (CHECKS 4.9) but orients on "
           "the 2019 Förderintensität (L508-509) and allows in-year deviations (L153-156).")
    out = for_reader(raw)
    assert out.startswith("80 % der geplanten 7.302 Eintritte, abgerundet; Festlegung: jedes Handlungsfeld")
    assert "Z. 508–509" in out and "POLICY" not in out and "entries" not in out


def test_markers_and_numbers_become_german():
    assert in_german("ESTIMATE: x [ESTIMATE]; POLICY/ESTIMATE") == "Schätzung: x [Schätzung]; Festlegung/Schätzung"
    assert in_german("measure table: measures.csv row 39") == "Maßnahmentabelle: measures.csv Zeile 39"
    assert in_german("ESTIMATE: the planned 14,308 entries / 301.4 planned FTE").endswith(
        "die geplanten 14.308 Eintritte / 301,4 geplante VZÄ")
    assert in_german("no English here: Quelle") == "no English here: Quelle"   # anything else stays as written


def test_every_translated_sentence_is_in_the_shipped_data_or_a_run_text():
    """A key of SOURCE_SENTENCES_DE that no data file contains would never apply: each one is found."""
    root = Path(__file__).resolve().parents[2] / "amip"
    blob = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*")
                     if p.suffix in (".csv", ".yaml", ".py") and p.name != "texts.py")
    missing = [k for k in T.SOURCE_SENTENCES_DE if k not in blob and k.replace("'", "''") not in blob]
    assert missing == []
