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


# =========================================================================== the year as it runs:
# actuals (Ist), Hochrechnung, lapsing money, re-plan (issue 18)

IST_TITLE = "Hochrechnung {year} zum Monatsende {month}: Ist bis Monat {m}, Profil: {profile}"
IST_SPEND = ("Ausgaben bis Monat {m}: {actual}. Hochrechnung zum Jahresende: {spend} "
             "(Spanne {low} bis {high}) gegenüber dem Plan {plan}; Neufallbudget {budget}.")
IST_LAPSE = ("Verfallende Mittel zum Jahresende: {lapse} (Spanne {low} bis {high}). Sie können nicht ins "
             "nächste Jahr übertragen werden: das SGB II kennt für Eingliederungsmittel eines Jobcenters "
             "keine Übertragung (§ 46 SGB II); nicht verausgabte Mittel fallen an den Bund zurück.")
IST_OVERRUN = "Überschreitung des Neufallbudgets zum Jahresende: {overrun} (Hochrechnung)."
IST_INTEGRATIONS = ("Erwartete Integrationen im Jahr: {fc} (Spanne {low} bis {high}) gegenüber {plan} im Plan "
                    "({delta}).")
IST_UNDER = "Unter Plan (setzen Mittel frei):"
IST_OVER = "Über Plan (brauchen mehr Mittel):"
IST_MEASURE_LINE = "  {name}: Eintritte {fc} statt {plan}, Ausgaben {spend} statt {pspend} ({sign}{money})"
IST_NONE = "  keine"
IST_METHOD = ("Methode: Ist bis Monat {m} ÷ Anteil des Profils bis Monat {m} ({share}); Spanne aus dem Band "
              "des Profils ({low} bis {high}); nie unter Ist + Festlegungen.")
IST_HEADERS = ("Maßnahme", "Plan Eintr.", "Ist Eintr.", "HR Eintr.", "Plan €", "Ist €", "HR €", "frei (+)/Bedarf (−) €")
IST_SHEET_SUMMARY = "Hochrechnung"
IST_SHEET_MEASURES = "Maßnahmen"
IST_SHEET_FLOW = "Mittelabfluss"
IST_FLOW_HEADERS = ("Monat", "Plan (kumuliert, €)", "Ist (kumuliert, €)", "Hochrechnung (€)", "Hochrechnung niedrig (€)",
                    "Hochrechnung hoch (€)", "Neuplanung (€)")
IST_CHART_TITLE = "Mittelabfluss {year}: Plan, Ist, Hochrechnung und Neuplanung (kumuliert)"
IST_CHART_Y = "Euro (kumuliert)"
IST_WRITTEN = "Excel-Arbeitsmappe geschrieben: {path}"
IST_HTML_WRITTEN = "HTML-Bericht geschrieben: {path}"
IST_HTML_TITLE = "Jahresverlauf {year}: Hochrechnung und Neuplanung zum Monat {m}"
ACTUALS_TEMPLATE_WRITTEN = ("Ist-Arbeitsmappe geschrieben: {path}. Tragen Sie die kumulierten Eintritte und Ausgaben "
                            "je Monat ein, dann: amip ist --actuals {path} --month M")
ACTUALS_HELP_SHEET = "Erläuterung"
ACTUALS_HELP = (
    ("Eintritte", "Kumulierte Neueintritte je Maßnahme bis zum Ende jedes Monats (Jan … Dez); "
                  "Monate nach dem Berichtsmonat bleiben leer."),
    ("Ausgaben", "Kumulierte Ausgaben (brutto, wie gebucht) in Euro bis zum Ende jedes Monats."),
    ("Festlegungen", "Bereits gebundene Mittel: für den Rest des Jahres und für die Folgejahre "
                     "(Verpflichtungsermächtigung). Ausgaben über dem Jahresplan einer Maßnahme brauchen hier "
                     "einen Eintrag."),
    ("Zahlen", "Zahlen oder Text im deutschen Format (1.234,56). Werte fallen nie: es sind Summen bis Monatsende."),
)

ACT_NOT_A_NUMBER = "{what}: '{value}' ist keine Zahl"
ACT_NOT_FINITE = "{what}: '{value}' ist keine endliche Zahl"
ACT_NEGATIVE = "{what}: {value} ist negativ"
ACT_NO_HEADER = ("keine Kopfzeile mit der Spalte 'Maßnahme-ID' in den ersten 30 Zeilen (siehe "
                 "`amip template --actuals`)")
ACT_MONTH_RANGE = "Monat {month} liegt außerhalb von 1–12"
ACT_MONTH_TWICE = "Monat {month} steht zweimal in der Kopfzeile"
ACT_NO_MONTHS = "keine Monatsspalten (Jan … Dez) in der Kopfzeile"
ACT_NO_ID = "Werte ohne Maßnahme-ID"
ACT_UNKNOWN = "unbekannte Maßnahme '{id}': keine Maßnahme des Falls, die aus dem Neufallbudget bezahlt wird"
ACT_ID_TWICE = "Maßnahme '{id}' steht zweimal im Blatt"
ACT_AFTER_MONTH = "Monat {month} ist ausgefüllt, der Berichtsmonat ist aber {report} (--month {m})"
ACT_FALLS = ("kumulierte {what} fallen von {before} ({month}, {cell}) auf {now}: das Blatt enthält Summen bis "
             "Monatsende")
ACT_OPTION_MONTH = "--month {month} liegt außerhalb von 1–12"
ACT_NO_SHEET = "kein Blatt '{sheet}'; Blätter: {sheets} (siehe `amip template --actuals`)"
ACT_EMPTY = "noch kein Monat ausgefüllt"
ACT_OVER_PLAN = ("Ausgaben von {id} bis Ende {month} ({spend}) liegen über dem Jahresplan der Maßnahme ({plan}), "
                 "ohne Eintrag im Blatt '{sheet}' (Festlegung)")
PROFILE_SHAPE = "Profil ({source}): braucht 12 kumulierte Anteile, die bei 1 enden"
PROFILE_FALLS = "Profil ({source}): kumulierte Anteile dürfen nicht fallen"
PROFILE_NATIONAL = ("ESTIMATE: bundesweite kumulierte Ausgabenkurve der Jobcenter (BIAJ nach BA-Daten, domain.md "
                    "§7.3; spending-curve.csv), geteilt durch den Dezemberwert")
PROFILE_LOCAL = "örtliches Profil aus dem Ist früherer Jahre: {files}"
HISTORY_NOT_DECEMBER = "das Ist eines früheren Jahres muss bis Dezember (Monat 12) reichen, nicht bis Monat {month}"
HISTORY_EMPTY = "das Ist eines früheren Jahres hat keine Ausgaben"
HELP_FORCE = "Vorhandene Ausgabedateien überschreiben."
HELP_HTML = "Einen eigenständigen HTML-Bericht schreiben (Mittelabfluss als SVG-Grafik)."
HELP_OUTPUT = "Eine Excel-Arbeitsmappe (.xlsx) schreiben, mit dem Mittelabfluss als Excel-Diagramm."
HELP_HISTORY = ("Vollständiges Ist eines früheren Jahres (mehrfach möglich): örtliches Monatsprofil statt der "
                "bundesweiten Kurve.")
HELP_MONTH = "Berichtsmonat 1–12 (Standard: der letzte ausgefüllte Monat); spätere Monate müssen leer sein."
HELP_ACTUALS = "Ist-Arbeitsmappe (siehe `amip template --actuals`)."
HELP_TEMPLATE_ACTUALS = ("Die leere Ist-Arbeitsmappe schreiben (Eintritte, Ausgaben, Festlegungen je Monat) für "
                         "`amip ist` / `amip replan`.")
HTML_SUFFIX = "der HTML-Bericht muss auf .html enden"
REPLAN_NEEDS_MONTH = "replan braucht --month M (den letzten Monat des Ist)"
REPLAN_NOTE_FIELD = ("field_min__{field}: {min} Eintritte sind nach Monat {m} nicht mehr erreichbar; gesenkt auf "
                     "{reach}")
REPLAN_NOTE_POOL = "pool__{pool}: die Eintritte bis heute ({used}) übersteigen schon den Pool ({size})"

REPLAN_RAISE, REPLAN_LOWER, REPLAN_HOLD, REPLAN_STOP = "erhöhen", "senken", "halten", "stoppen"
REPLAN_SUMMARY = ("Neuplanung ab Monat {month}: {obj} Integrationen statt {base}, wenn der Plan einfach weiterläuft "
                  "({gain}). Geld für Eintritte nach dem Monat: {rest}; es verfallen {lapse} statt {base_lapse}. "
                  "Davon bringt das sonst verfallende Geld {from_lapse} Integrationen, das Umschichten bei gleichem "
                  "Geld {from_moves}.")
REPLAN_PRICE = "Grenzrate des Budgets {price} je 100.000 €"
REPLAN_PRICE_SLACK = "das Budget bindet nicht: es bleibt Geld übrig"
REPLAN_WHY_MONEY_ONLY = "Geldposten ohne Eintritte: läuft wie geplant (oder wie festgelegt)."
REPLAN_WHY_LEAD = ("Hält das laufende Tempo; mehr Eintritte erst nach dem Vorlauf von {lead} Monaten (ab Monat "
                   "{start}), also nicht mehr in diesem Jahr.")
REPLAN_WHY_RAISE = "Bringt {yield_} Integrationen je 100.000 € ({price})."
REPLAN_WHY_CAP = "Begrenzt durch die Kapazität (laufendes Tempo, ab Monat {start} bis zur Obergrenze)."
REPLAN_WHY_HOLD_CAP = ("Bringt {yield_} Integrationen je 100.000 € ({price}), ist aber schon an der Kapazität "
                       "(mehr erst ab Monat {start}).")
REPLAN_WHY_LOWER = ("Jeder weitere Eintritt kostet {rc} Integrationen an anderer Stelle (reduzierte Kosten): "
                    "{yield_} je 100.000 € ({price}).")
REPLAN_WHY_LOWER_BOUND = ("Nur so viele Eintritte, wie die Grenzen verlangen ({yield_} Integrationen je 100.000 €); "
                          "das Geld bringt anderswo mehr.")
REPLAN_WHY_HOLD = "Läuft wie geplant: eine Änderung brächte nichts."
REPLAN_HEADERS = ("Maßnahme", "Aktion", "Eintr. weiter so", "Eintr. neu", "Δ Eintr.", "Δ €", "Grund")
REPLAN_SHEET = "Neuplanung"

# (end of section: the year as it runs)
