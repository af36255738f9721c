"""`amip scenarios new NAME --from PARENT`: a scenario file that inherits everything and shows every
key, commented out, with what it does. Uncomment what you need; each number wants a source."""
from __future__ import annotations

import re

from amip import texts as T
from amip.errors import InputError

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

TEMPLATE = """\
# Scenario {name}: inherits everything from {parent} and changes only what you uncomment below.
# Schema: amip/scenarios/schema.py. Run:  amip scenarios show {path}   (resolved values, their origin)
#                                          amip optimize --scenario {path}
# Every number that is not obvious gets a `source:` (a seed line, a study, or ESTIMATE/POLICY with reasoning).
name: {name}
description: "{description}"
extends: {parent}            # a shipped name (base, downturn-mild …) or a path such as ./other.yaml; a list merges left to right

# year: 2020                 # selects the rule file amip/rules/<year>.yaml (statutory parameters by year)

# budget:
#   neufallbudget_eur: {{value: 33000000, source: "…"}}   # absolute, in euros
#   change_pct: {{value: -10, source: "…"}}               # % change of the Neufallbudget (applied last)
#   egt_change_pct: {{value: -10, source: "…"}}           # % change of the EGT-Zuteilung; Vorbindungen stay, so the Neufallbudget absorbs it
#   vorbindungen_eur: {{value: 32647597, source: "…"}}    # commitments from earlier years (seed L250)
#   rueckeinnahmen_egt_eur: {{value: 400000, source: "…"}} # Rückeinnahmen in favour of the EGT (seed L261)

# Integration rates (integrations per entry). Selectors apply from the least to the most specific:
# all → field → product_category → instrument_type → measure. A multiplier multiplies what the earlier
# steps left; a value replaces it.
# rates:
#   instrument_type:
#     egz: {{multiplier: 0.88, source: "ESTIMATE …"}}
#   product_category:
#     IV: {{multiplier: 0.90, source: "…"}}
#   measure:
#     hf2-16e: {{value: 0.55, source: "…"}}

# Effect measure the scenario is optimised in (the command line's --effect wins): gross (the rate
# table, default), net (integrations caused: the net-effect table) or kennzahl (what § 48a SGB II counts).
# (A key effect_table with a CSV path, relative to this file, replaces amip/data/effects.csv; same columns.)
# effect: net

# Net effects in percentage points (same selectors; they act in --effect net). A downturn raises the
# net effect of training (domain.md §3.2: FbW ×1.10 mild / ×1.20 severe, EGZ/§ 16e ×1.05 / ×1.10):
# net_effects:
#   instrument_type:
#     fbw: {{multiplier: 1.10, source: "ESTIMATE domain.md §3.2 …"}}
#     egz: {{value: 5, source: "…"}}

# Costs per new entry, in euros (same selectors; money-only items are not touched):
# costs:
#   instrument_type:
#     fbw: {{multiplier: 1.05, source: "…"}}

# Eligible customer pools, in persons (elb, lzb, lza, u25, asyl_8hkl, alleinerziehende):
# pools:
#   lza: {{multiplier: 1.15, source: "…"}}

# Minimum entries per field of action (all fields by share of their planned entries, or one field):
# fields:
#   min_share: {{value: 0.8, source: "…"}}
#   field:
#     HF1: {{min_entries: 6000, source: "…"}}
#     HF3: {{min_share: 0.9, source: "…"}}

# Bounds on new entries: per measure min, max or fixed; per group a capacity factor on the upper bound:
# bounds:
#   instrument_type:
#     mat: {{max_multiplier: 0.95, source: "…"}}
#   measure:
#     hf2-16i: {{min: 100, max: 198, source: "…"}}
#     hf1-foerderzentrum-2: {{fixed: 425, source: "…"}}

# Passiv-Aktiv-Transfer (§ 16i): flat rates per BG class (single, single_parent, other), the BG mix, the cap:
# pat:
#   rates_eur_per_month:
#     single: {{value: 800, source: "…"}}
#   bg_mix:
#     single: {{value: 0.55, source: "…"}}
#     other: {{value: 0.33, source: "…"}}
#   months_in_year: {{value: 5, source: "…"}}
#   # a local cap on the PAT relief for new cases in every year (the default case has none: PAT is no
#   # local allotment, domain.md §1.5); it is priced like every limit
#   new_cases_cap_eur: {{value: 600000, source: "…"}}

# Objective weights: one integration of the selected measures counts this much (default 1):
# objective:
#   weights:
#     field:
#       HF2: {{value: 1.5, source: "POLICY …"}}

# Uncertainty of the rates for `amip sensitivity` (Monte Carlo). Default: triangular over the rate
# table's range_low–range_high, one draw per instrument type. Distributions: triangular, uniform,
# normal (low–high = central 95 %), fixed. Ranges: low/high (absolute), low_factor/high_factor
# (× the scenario's rate) or spread_pct (± %):
# uncertainty:
#   group_by: instrument_type        # or: measure (every rate drawn on its own)
#   rates:
#     instrument_type:
#       egz: {{distribution: uniform, low: 0.55, high: 0.75, source: "…"}}
#       p16i: {{distribution: normal, spread_pct: 40, source: "…"}}

# Planning realism. The case's planning file (amip/data/duisburg-2020/planning.yaml) sets these
# for Duisburg; a scenario overrides them. Which parts act on the optimum: `use` (or the flags
# --integer, --returns, --groups, --staff). Money bound in later years is always reported.
# use: [integer, returns, groups, staff]
# Whole classes: a measure runs with 0 or with class_min..lot_size places per class (--integer):
# lots:
#   measure:
#     hf1-foerderzentrum-2: {{lot_size: 20, class_min: 16, source: "…"}}
# Expected months per entry; months after 31 December bind the later years' money:
# durations:
#   instrument_type:
#     fbw_ao: {{months: 30, source: "…"}}
# Months from the decision to the first new entry, for `amip replan` (vouchers 0, tendered measures 3):
# lead_times:
#   instrument_type:
#     mat: {{months: 4, source: "…"}}
# Commitment limits (Verpflichtungsermächtigung) for the later years (on by default from the planning
# file, each priced): in euros, as a share of the case's Vorbindungen, or switched off; "2023+" is 2023
# and every year after it (or counted from the plan year: '+1', '+2', '+3+'):
# commitments:
#   first_entry_month: {{value: 4, source: "…"}}
#   limits:
#     2021: {{value: 20000000, source: "…"}}
#     2022: {{share_of_vorbindungen: 0.3, source: "…"}}
#     2023+: {{active: false, source: "…"}}
# Diminishing returns: beyond 1.0 × the planned entries the rate falls to 90 %, beyond 1.5 × to 75 %:
# returns:
#   instrument_type:
#     agh: {{breakpoints: [[1.0, 0.85], [1.2, 0.6]], source: "…"}}
# Targets per integration besides integrations (LZB fewer, LLU saved in euros):
# targets:
#   lzb:
#     instrument_type:
#       p16e: {{value: 0.4, source: "…"}}
# Target groups: shares of each measure's entries, their share of eLb, and minimum shares (--groups):
# groups:
#   limits:
#     women: {{min_share: 0.48, source: "…"}}
# Staff: caseload and customers per class (u25, ue25), staff in post / planned, penalty (--staff):
# staff:
#   staffing_ratio: {{value: 1.0, source: "…"}}
# Commitments (Politik) of the case, each priced in every output: switch one off, change its number,
# or add your own (measure or instrument_type; min_entries, max_entries, corridor_pct around the plan
# or reference_entries, or max_eur). `policy: {{active: false}}` (or --no-policy) drops them all.
# policy:
#   commitments:
#     agh_korridor: {{active: false}}
#     p16i_zusage: {{min_entries: 150, source: "…"}}
#     mat_cap: {{instrument_type: mat, max_eur: 6000000, label: "MAT ≤ 6 Mio. €", source: "…"}}
# Linked measures: a measure that serves another's participants follows it (at_most or exactly):
# links:
#   hf2-16i-coaching: {{follows: hf2-16i, mode: exactly, ratio: 1.0, source: "…"}}
"""  # noqa: E501 — the template is shown to the user as is; its long comment lines stay whole


def render_template(name: str, parent: str, path: str, description: str = "") -> str:
    if not NAME_RE.match(name):
        raise InputError(T.SC_TEMPLATE_NAME.format(name=name))
    desc = (description or f"variant of {parent}").replace("\\", "\\\\").replace('"', '\\"')
    import json

    parent_yaml = parent if NAME_RE.match(parent) else json.dumps(parent)   # a path is quoted
    return TEMPLATE.format(name=name, parent=parent_yaml, path=path, description=desc)
