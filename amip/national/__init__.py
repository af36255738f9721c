"""The national run (issue 19): every jobcenter of the national table × scenarios × Monte Carlo draws,
as a map over one pure function, and the joint national LP.

- ``cases``: the case of one jobcenter (derived from Duisburg 2020 and varied by the LZB/GSQ index,
  or the planner's own case folder), built from a small picklable ``CaseSpec``;
- ``select``: which jobcenters (Land group, gE/zkT, name search, own case folders) and the specs;
- ``run``: ``solve_case(spec) -> dict`` (the sequential reference) and the drivers (plain loop,
  Dask distributed);
- ``joint``: one LP over all jobcenters' measures with one national budget row.

Nothing here imports Dask at module level: ``amip.national.run.run_dask`` imports it when asked.
"""
