"""WarmModel's set-up read in columns: each column measure's position and weight, and the snapshot's
basis statuses, against the look-ups they replace."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from amip.optimizer.montecarlo import columns
from amip.optimizer.warm import WarmModel


def test_positions_and_weights_are_the_measures_of_the_columns(case):
    weighted = replace(case, measures=tuple(replace(m, objective_weight=1.0 + 0.25 * (k % 3))
                                            for k, m in enumerate(case.measures)))
    model = WarmModel(weighted)
    assert model.positions.tolist() == columns(weighted, model.ids)
    assert model.weights.tolist() == [weighted.measure(mid).objective_weight for mid in model.ids]
    assert len(set(model.weights.tolist())) == 3
    assert [weighted.measures[j].id for j in model.positions] == model.ids


def test_the_snapshot_reads_highs_basis_statuses(case):
    model = WarmModel(case)
    snap = model.snapshot()
    basis = model.h.getBasis()
    expected = [int(v) for v in basis.col_status] + [int(v) for v in basis.row_status]
    assert snap.status.tolist() == expected
    assert np.issubdtype(snap.status.dtype, np.integer)
    assert (snap.status == 1).sum() == len(basis.row_status)     # one basic variable per row
