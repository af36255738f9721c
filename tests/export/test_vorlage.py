"""The Entscheidungsvorlage's content, checked against the results it is made from."""
from __future__ import annotations

import html as html_lib
import re

import pytest

from amip import texts as T
from amip.export.vorlage import marginal_per_100k, render_vorlage, shifts
from amip.models.fmt import num
from amip.optimizer import evaluate, optimize
from amip.optimizer.reasons import reasons


@pytest.fixture(scope="module")
def plans(case):
    return optimize(case), evaluate(case)


def test_the_largest_shifts_are_the_largest_and_their_reasons_are_the_checked_records(case, plans):
    """Each shift's reason is the record of amip.optimizer.reasons for that measure (checked there by
    a re-solve with its cause relaxed): never a price comparison its own numbers contradict."""
    plan, previous = plans
    rs = reasons(case, plan)
    rows = shifts(plan, previous, reasons=rs)
    before = {m.id: m for m in previous.measures}
    moved = sorted((abs(m.cost - before[m.id].cost) for m in plan.measures), reverse=True)
    assert [abs(s.delta_cost) for s in rows] == pytest.approx(moved[:len(rows)]) and len(rows) == 10
    assert marginal_per_100k(plan) > 0, "the default budget binds"
    by_id = {r.id: r for r in rs}
    for s in rows:
        r = by_id[s.id]
        assert s.reason == r.text
        word = T.RS_STOPS if s.after <= 1e-9 else T.REPORT_MORE if s.after > s.before else T.REPORT_LESS
        assert s.reason.startswith(word), s


def test_the_paper_lists_every_binding_commitment_beside_the_budget(case, plans):
    plan, previous = plans
    text = re.sub(r"<[^>]+>", " ", render_vorlage(plan, previous, reasons=reasons(case, plan)))
    binding = [c for c in plan.constraints if c.kind == "policy" and c.binding and abs(c.dual or 0) > 1e-12]
    part = text[text.index("Bindende Vorgaben"):]
    for c in binding:
        assert c.label in part, c.name
    if binding:
        assert T.REPORT_NO_BINDING not in part
    assert "Zusage: Zusage" not in text and "-0 €" not in text


def test_the_paper_states_the_plan_its_range_the_fields_and_the_commitments(plans):
    plan, previous = plans
    head = {"p5": 4000.4, "p95": 5000.6, "draws": 300}
    policy = [{"name": "Zusage A", "source": "Beschluss TV 3/2020", "binding": True, "price_integrations": 12.5,
               "text": "Zusage A kostet 12,5 Integrationen · bindet"},
              {"name": "Zusage B", "source": "Koalitionsvertrag", "binding": False, "price_integrations": 0.0,
               "text": "Zusage B: bindet nicht, kostet nichts"}]
    html = render_vorlage(plan, previous, headline=head, policy=policy, today="01.12.2026")
    text = re.sub(r"<[^>]+>", " ", html)
    assert num(plan.integrations) in text and "P5–P95 4.000,4 bis 5.000,6" in text
    for f in plan.fields:
        assert f.name in text
    assert ("Zusage A kostet 12,5 Integrationen · bindet" in text and "Beschluss TV 3/2020" in text
            and "Zusage B: bindet nicht, kostet nichts" in text)   # each commitment's one sentence (JSON text)
    assert text.index("Zusage A") < text.index("Zusage B"), "the dearest commitment first"
    assert "zwischen 4.000,4 und 5.000,6" in text and "zwischen etwa" not in text
    assert re.search(r"P5–P95 4\.000,4 bis 5\.000,6\s*,\s*\d", text)   # one decimal: no rounding words after it
    n_est = sum(m.rate_is_estimate for m in plan.measures)
    assert f"{n_est} von {len(plan.measures)} Integrationsquoten" in text
    assert num(plan.effects["net"]["value"]) in text and num(plan.effects["kennzahl"]["value"]) in text
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")
    assert html.count("<svg") == 2
    assert T.REPORT_POLICY_NONE in render_vorlage(plan, previous)


def test_the_shipped_commitments_are_priced_in_the_paper():
    """The default case's commitments and its link (JSON policy): each one's sentence on its price, the
    sentence of the terminal and JSON (trial finding 1: the paper said "70,2 Integrationen weniger, bindet
    nicht (kostet nichts)" of § 16i), dearest first (a commitment that costs only with its link by the
    price of both)."""
    from amip.scenarios import load_scenario

    case = load_scenario()   # the base scenario, with the case's policy section
    plan, previous = optimize(case), evaluate(case)
    d = plan.to_dict()
    commitments = [c for c in d["policy"] if c["kind"] != "link"]
    assert commitments, "the default case has commitments (i14b)"
    text = re.sub(r"<[^>]+>", " ", render_vorlage(plan, previous, policy=d["policy"], policy_total=d["policy_total"]))
    text = html_lib.unescape(re.sub(r"\s+", " ", text))
    prices = sorted(commitments,
                    key=lambda c: -max(c["price_integrations"], c.get("price_with_links_integrations") or 0))
    positions = [text.index(c["text"].removesuffix(T.POLICY_JUDGEMENT)) for c in prices]
    assert positions == sorted(positions)
    # the link's own price stands in the § 16i sentence, not in a row of its own (two pages)
    link = next(c for c in d["policy"] if c["kind"] == "link")
    assert link["text"] not in text and f"sie allein kostet {num(link['price_integrations'])} Integrationen" in text
    assert "Integrationen weniger" not in text and "(kostet nichts)" not in text
    assert num(d["policy_total"]["price_integrations"]) in text


def test_the_template_escapes_every_text_and_formats_every_number_by_one_filter(plans):
    """The Vorlage is a Jinja2 template with autoescape: a name with markup stays text."""
    from dataclasses import replace

    from amip.export.templating import FORMATS, number

    plan, previous = plans
    evil = '<script>alert("x")</script> & Co'
    ms = tuple(replace(m, name=evil) if k == 0 else m for k, m in enumerate(plan.measures))
    fs = tuple(replace(f, name=evil) if k == 0 else f for k, f in enumerate(plan.fields))
    html = render_vorlage(replace(plan, measures=ms, fields=fs), previous, case_title=evil)
    assert "<script" not in html and "&lt;script&gt;" in html and "&amp; Co" in html
    assert number(1234567.8, "eur") == "1.234.568 €" and number(16785.96) == "16.786"
    assert number(-0.3, "signed_eur") == "0 €" and set(FORMATS) >= {"num", "eur", "signed_eur", "meur", "px"}


def test_the_template_ships_with_the_package():
    from pathlib import Path

    import amip.export

    assert (Path(amip.export.__file__).parent / "templates" / "vorlage.html.j2").is_file()
    setup = Path(amip.export.__file__).parents[2] / "setup.cfg"
    if setup.is_file():   # a source tree: the template is package data, jinja2 a requirement
        text = setup.read_text(encoding="utf-8")
        assert "export/templates/*.j2" in text and "jinja2>=" in text


def test_the_papers_range_is_rounded_as_far_as_its_draws_support(plans):
    """The headline's P5–P95 to its shown unit (JSON ``precision``, amip.optimizer.headline.shown_unit),
    said beside the range and as 'etwa' in the sentence on the re-planned draws."""
    plan, previous = plans
    head = {"p5": 3586.9, "p95": 4085.1, "draws": 100, "precision": 500.0}
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", render_vorlage(plan, previous, headline=head)))
    assert "P5–P95 3.500 bis 4.500, nach außen gerundet auf 500, 100 Ziehungen" in text
    assert "zwischen etwa 3.500 und 4.500" in text and "3.586,9" not in text
