from amip.inputs.loader import DATA_DIR, load_rates


def test_lookup_prefers_instrument_type_then_category():
    table = load_rates(DATA_DIR / "rates.csv")
    assert table.lookup("mag", "I").key == "mag"
    assert table.lookup("unknown-type", "IV").key == "IV"
    assert table.lookup("unknown-type", "nope") is None


def test_every_rate_has_a_source_and_estimates_stay_marked(case):
    for m in case.measures:
        assert m.rate_source.strip(), m.id
        if m.rate_is_estimate:
            assert "ESTIMATE" in m.rate_source.upper(), m.id
    # The § 16e rate is sourced (IAB via table.media), not an estimate; MAT is an estimate.
    assert not case.measure("hf2-16e").rate_is_estimate
    assert case.measure("hf1-avgs-mat").rate_is_estimate


def test_a_row_may_carry_its_own_rate(case):
    coaching = case.measure("hf2-16i-coaching")
    assert coaching.integration_rate == 0
    assert "198 Personen" in coaching.rate_source


def test_the_estimate_column_reads_ja_nein_like_the_effect_table(tmp_path):
    import csv

    import pytest

    from amip.errors import InputError

    src = DATA_DIR / "rates.csv"
    rows = list(csv.DictReader(src.open(encoding="utf-8")))
    for value, expected in (("ja", True), ("Nein", False), ("yes", True), ("0", False)):
        rows[0]["estimate"] = value
        p = tmp_path / "rates.csv"
        with p.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        assert load_rates(p).entries[0].estimate is expected
    rows[0]["estimate"] = "vielleicht"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(InputError, match="yes oder no"):
        load_rates(p)
