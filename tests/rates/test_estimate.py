"""with_history (issue 27): measures with own results get the posterior and its interval as their
range, drawn on their own; every other measure keeps the prior."""
from amip.inputs.assemble import CaseRequest, assemble_case


def test_only_measures_with_history_change(tmp_path, case):
    p = tmp_path / "h.csv"
    p.write_text("id,year,exits,in_job_6m\nhf1-foerderzentrum-2,2018,400,40\nhf1-foerderzentrum-2,2019,400,44\n",
                 encoding="utf-8")
    own = assemble_case(CaseRequest(history=p))
    base = {m.id: m for m in case.measures}
    for m in own.measures:
        if m.id == "hf1-foerderzentrum-2":
            assert 0.10 < m.integration_rate < 0.13 < base[m.id].integration_rate   # 84 of 800, pulled to 20 %
            low, high = m.rate_range
            assert low < m.integration_rate < high and high - low < 0.05
            assert m.uncertainty_group == m.id and "h.csv" in m.rate_source and "sha256" in m.rate_source
        else:
            assert (m.integration_rate, m.rate_range, m.uncertainty_group) == \
                (base[m.id].integration_rate, base[m.id].rate_range, base[m.id].uncertainty_group)
    assert own.files["history"] == str(p)
