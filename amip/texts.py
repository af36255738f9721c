"""Every sentence a user reads, in German, in one place (style.md §13): keyed by name, filled with
named fields, e.g. ``T.POLICY_PRICE.format(name=…, price=num(x))``. Numbers are formatted by
``amip.models.fmt`` before they go in. Plain strings only: no solver, no click, importable from
every layer. Older modules still word some texts inline; they move here over time.

Sections by area; add to your area's section only.
"""
from __future__ import annotations


# =========================================================================== effect measures
# (gross / net / kennzahl, the honest headline)

# (end of section: effect measures)


# =========================================================================== commitments (Politik),
# linked measures, rule years

# (end of section: commitments)


# =========================================================================== own case: init,
# jobcenters, case folders, Rahmendaten, the frame notice

# (end of section: own case)


# =========================================================================== measure tables as
# planners have them, plan round trip

# (end of section: measure tables and round trip)


# =========================================================================== reading and writing
# layer: limits, encodings, hostile input, signals

# (end of section: reading and writing)


# =========================================================================== general

# (end of section: general)
