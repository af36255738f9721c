"""`amip scenarios new`: the written file loads again, and so does every example in it."""
import re

import pytest

from amip.errors import InputError
from amip.optimizer import optimize
from amip.scenarios import load_scenario
from amip.scenarios.template import render_template

EXAMPLE = re.compile(r"^#( *)([a-z][a-z0-9_-]*|HF\d|IV|\d{4}):( |$)")


def test_template_loads_and_changes_nothing(tmp_path, case):
    p = tmp_path / "mine.yaml"
    p.write_text(render_template("mine", "downturn-mild", str(p)), encoding="utf-8")
    c = load_scenario(p)
    parent = load_scenario("downturn-mild")
    assert c.scenario == "mine"
    assert [m.integration_rate for m in c.measures] == [m.integration_rate for m in parent.measures]
    assert optimize(c).objective == pytest.approx(optimize(parent).objective, rel=1e-12)


def test_every_example_in_the_template_is_valid(tmp_path, case):
    """Uncomment every example line: the file must load and each example must take effect."""
    p = tmp_path / "all.yaml"
    text = render_template("all", "base", str(p))
    lines = [EXAMPLE.sub(lambda m: m.group(1)[1:] + m.group(2) + ":" + m.group(3), line) for line in text.splitlines()]
    p.write_text("\n".join(lines), encoding="utf-8")
    c = load_scenario(p)
    assert c.effect == "net"   # the example `effect: net`: the rates below stay the gross ones
    assert c.measure("hf2-16e").effect_value("gross") == 0.55
    assert c.measure("hf1-egz").integration_rate == pytest.approx(0.05)   # net_effects value 5 pp
    base = load_scenario("base", effect="net")
    fbw = [m.id for m in c.measures if m.instrument_type == "fbw"]
    assert fbw and all(c.measure(mid).integration_rate == pytest.approx(1.10 * base.measure(mid).integration_rate)
                       for mid in fbw)
    assert c.measure("hf1-foerderzentrum-2").lower_entries == 425 == c.measure("hf1-foerderzentrum-2").upper_entries
    assert c.field_of("HF1").min_entries == 6000
    assert c.pat.rates_eur_per_month["single"] == 800
    assert any(m.objective_weight == 1.5 for m in c.measures if m.field == "HF2")
    p7 = c.planning
    assert p7.features == ("integer", "returns", "groups", "staff")
    assert p7.of("hf1-foerderzentrum-2").lot_size == 20 and p7.of("hf1-fbw-umschulung").duration_months == 30
    assert [(lim.year, lim.limit_eur) for lim in p7.commitment_limits][0] == (2021, 20_000_000)
    assert p7.of("hf2-agh").returns == ((1.0, 0.85), (1.2, 0.6)) and p7.of("hf2-16e").target_factor("lzb") == 0.4
    assert [lim.min_share for lim in p7.group_limits if lim.group == "women"] == [0.48]
    assert all(sc.staffing_ratio == 1.0 for sc in p7.staff)


def test_template_names_are_checked():
    with pytest.raises(InputError, match="darf nur Kleinbuchstaben"):
        render_template("Mein Szenario", "base", "x.yaml")


def test_the_template_a_planner_edits_is_german():
    """Finding 5: the comments are German (keys, example values and the markers ESTIMATE/POLICY the loader
    reads stay); seed lines read as the AmIp's lines."""
    from tests.test_cli_outputs_german import english

    text = render_template("k15", "base", "k15.yaml")
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line)
    keys = set(re.findall(r"([a-z][a-z0-9_]*):", text)) | set(re.findall(r"--([a-z]+)", text))
    values = {"all", "gross", "net", "kennzahl", "triangular", "uniform", "normal", "fixed", "exactly", "at_most",
              "single", "other", "measure", "value", "multiplier", "source"}
    prose = re.sub(r"\b(" + "|".join(sorted(keys | values, key=len, reverse=True)) + r")\b", " ", comments)
    assert english(prose, markers=False) == []
    assert "seed" not in text.lower() and "AmIp 2020 Duisburg, Z. 250" in text
