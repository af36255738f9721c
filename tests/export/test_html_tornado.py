"""The sensitivity report's tornado: its bars carry names a planner knows, not rate-group codes."""
import re

from click.testing import CliRunner

from amip.cli import main
from amip.export.report import group_name
from amip.inputs.instruments import lookup


def test_tornado_labels_are_names_that_fit_the_margin(tmp_path):
    out = tmp_path / "s.html"
    r = CliRunner().invoke(main, ["sensitivity", "--html", str(out), "--draws", "20"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    seg = html[html.index("<h2>Tornado"):]
    seg = seg[:seg.index("</svg>")]
    labels = re.findall(r'font-size="11" text-anchor="end">([^<]+)</text>', seg)
    labels = [x for x in labels if not re.fullmatch(r"[-\d.,]+", x)]
    assert labels and all(len(x) <= 36 for x in labels)
    assert "Arbeitsgelegenheiten" in labels and "mat" not in labels
    assert len(set(labels)) == len(labels)   # two FbW groups stay apart (their codes are kept)


def test_group_name_knows_registry_codes_measure_ids_and_leaves_others():
    assert group_name("agh") == f"{lookup('agh').name} (agh)" and group_name("agh", short=True) == lookup("agh").name
    assert group_name("m-1", {"m-1": "Mein Kurs"}) == "Mein Kurs (m-1)"
    assert group_name("unbekannt") == "unbekannt"
