"""Every sentence a user reads, in German, in one place (style.md §13): keyed by name, filled with
named fields, e.g. ``T.POLICY_PRICE.format(name=…, price=num(x))``. Numbers are formatted by
``amip.models.fmt`` before they go in. Plain strings only: no solver, no click, importable from
every layer. Older modules still word some texts inline; they move here over time.

Sections by area; add to your area's section only.
"""
from __future__ import annotations


# =========================================================================== effect measures
# (gross / net / kennzahl, the honest headline)

HELP_EFFECT = ("Wirkungsmaß, in dem optimiert und analysiert wird: gross (Brutto-Eingliederungsquote, Voreinstellung), "
               "net (durch die Maßnahmen verursachte Integrationen, Nettoeffekt) oder kennzahl (was § 48a SGB II "
               "zählt). Jedes Ergebnis zeigt alle drei.")
HELP_EFFECTS = "Tabelle der Nettoeffekte und der § 48a-Zählweise (CSV) statt der mitgelieferten amip/data/effects.csv."
HELP_DRAWS_HEADLINE = ("Ziehungen der schnellen Monte-Carlo-Rechnung für die Spanne P5–P95 der Schlagzeile "
                       "(0 schaltet sie ab).")
#: Names of the three measures for people (the keys gross/net/kennzahl stay in JSON).
EFFECT_NAMES = {"gross": "brutto", "net": "netto", "kennzahl": "Kennzahl § 48a"}
EFFECT_LONG = {"gross": "Brutto-Integrationen (svB 6 Monate nach Austritt, mit Mitnahme)",
               "net": "Netto-Integrationen (durch die Maßnahmen verursacht)",
               "kennzahl": "Integrationen nach § 48a SGB II (Kennzahl)"}
HEADLINE = ("Schlagzeile ({name}): {value} Integrationen, P5–P95 {p5} bis {p95} "
            "({draws} Ziehungen der Quoten aus ihren Spannen, Seed {seed}, je Ziehung neu optimiert)")
HEADLINE_OFF = "Schlagzeile ({name}): {value} Integrationen (ohne Spanne: {reason})"
HEADLINE_REASONS = {"--draws 0": "--draws 0",
                    "a goal minimises euros": "ein Ziel (--goal) minimiert Euro",
                    "the objective is not the effect measure alone": "die Zielfunktion ist nicht das Wirkungsmaß allein",
                    "no draw had an optimal plan": "keine Ziehung hatte einen optimalen Plan"}
HEADLINE_MODES = "die Modi {modes} werden nicht je Ziehung neu gelöst"
EFFECTS_LINE = ("Wirkungsmaße des Plans: brutto {gross} · netto {net} (P5–P95 {p5} bis {p95}) · "
                "Kennzahl § 48a {kennzahl} · optimiert: {active}")
EFFECTS_MISSING = "nicht berechenbar ({n} Maßnahmen ohne Zeile in der Nettoeffekt-Tabelle)"
EFFECTS_NOTE = ("  brutto = Austritte in svB 6 Monate danach (mit Mitnahme); netto = verursachte Integrationen "
                "(Nettoeffekt in Prozentpunkten × Eintritte, meist ESTIMATE, amip/data/effects.csv); "
                "Kennzahl = was § 48a SGB II zählt (EGZ, ESG, § 16e bei Eintritt; § 16i, AGH nicht).")
MARK_POLICY = "[POLICY]"
MARK_ESTIMATE = "[ESTIMATE]"
BOUNDS_MARKED = "  davon {mark} ({n}): {ids}"
EVAL_EFFECTS_HEAD = "Plan gegen Optimum in jedem Wirkungsmaß (Optimum jeweils in diesem Maß gelöst):"
EVAL_EFFECTS_ROW = "  {name:<16} Plan {plan:>10} · Optimum {best:>10} · Differenz {delta:>10}"
COMPARE_EFFECTS_HEAD = "Wirkungsmaße je Szenario (optimiert: {active}):"
EXCEL_EFFECTS_HEAD = "Wirkungsmaße des Plans"
EXCEL_EFFECT_COLS = ("Wirkungsmaß", "Wert", "P5", "P95", "Einheit")
EXCEL_MEASURE_EFFECT_COLS = ("brutto je Eintritt", "netto je Eintritt", "Kennzahl je Eintritt")
# Errors of the net-effect table and of switching the measure (file, row and column come from InputError).
ERR_EFFECT_RANGE_PP = "{v} liegt außerhalb von [-100, 100] Prozentpunkten"
ERR_EFFECT_KEY_TYPE = "'{v}' muss instrument_type oder product_category sein"
ERR_EFFECT_KEY_MISSING = "Wert fehlt"
ERR_EFFECT_DUPLICATE = "doppelter Schlüssel {key} (zuerst in Zeile {row})"
ERR_EFFECT_OUTSIDE = "net_pp {v} liegt außerhalb seiner Spanne [{low}, {high}]"
ERR_EFFECT_KENNZAHL = ("'{v}' muss entry, none oder gross sein (entry: zählt bei Eintritt; none: nie; "
                       "gross: wie die Brutto-Quote)")
ERR_EFFECT_YES_NO = "'{v}' muss yes oder no (ja/nein) sein"
ERR_EFFECT_SOURCE = "jeder Wert braucht seine Quelle"
ERR_EFFECT_NO_ROW = ("Maßnahme '{id}' (instrument_type '{type}', Produktkategorie '{cat}') hat keine Zeile in der "
                     "Nettoeffekt-Tabelle; ergänzen Sie eine (oder eine Zeile für die Produktkategorie), um sie "
                     "als '{effect}' zu messen")
ERR_EFFECT_UNKNOWN = "{option} muss gross, net oder kennzahl sein, nicht '{v}'"
ERR_NET_NO_ROW = "Maßnahme '{id}' hat keine Zeile in der Nettoeffekt-Tabelle ({file}), die sich anpassen ließe"
#: Title of the table's rate column (× 100) per effect measure, and what it means.
RATE_COLUMN = {"gross": "Quote", "net": "Netto", "kennzahl": "Zählt"}
RATE_COLUMN_NOTE = {"net": "  Spalte Netto: Nettoeffekt in Prozentpunkten je Eintritt (amip/data/effects.csv).",
                    "kennzahl": "  Spalte Zählt: Integrationen nach § 48a je 100 Eintritte (100 = zählt bei Eintritt)."}
NOTE_EFFECT = "Wirkungsmaß: {name} ({effect})"

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
