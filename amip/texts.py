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
POLICY_ROW_LABEL = "Zusage: {label}"
LINK_ROW_LABEL = "Verknüpfung: {follower} höchstens {ratio} × Eintritte von {leader}"
POLICY_PRICE = "{label} kostet {price} Integrationen"
POLICY_PRICE_UNIT = "{label} kostet {price} (Einheit des Ziels: {unit})"
POLICY_PRICE_NONE = "{label}: bindet nicht, kostet nichts"
POLICY_HEADER = "Zusagen (Politik) und ihr Preis"
POLICY_COLUMNS = ("Zusage", "bindet", "Preis (Neulösung)", "Preis (Dual × Betrag)", "Quelle")
POLICY_OFF = "Zusagen und Verknüpfungen ausgeschaltet ({why}): das Optimum ohne Politik."
POLICY_NONE = "Keine Zusagen in diesem Fall."
POLICY_TOTAL = "Alle Zusagen zusammen kosten {price} Integrationen (Optimum ohne Zusagen: {free})."
LINK_EMPTY = "{follower}: {places} Plätze bezahlt, {used} Teilnehmende ({leader} hat {leader_entries} Eintritte){money}"
LINK_EMPTY_MONEY = "; {eur} ohne Nutzen"
LINK_OK = "{follower} folgt {leader}: {used} von {places} vorab gekauften Plätzen besetzt"
LINKS_HEADER = "Verknüpfte Maßnahmen"
NO_POLICY_HELP = ("Ohne die Zusagen (Politik) des Falls und ohne verknüpfte Maßnahmen rechnen: das "
                  "Optimum ohne Politik.")
NO_POLICY_NOTE = "Kommandozeile: --no-policy (Zusagen und Verknüpfungen aus)"
POLICY_SHEET = "Zusagen"
POLICY_SHEET_COLUMNS = ("Name", "Zusage", "Art", "Maßnahmen", "Sinn", "Grenze", "Wert im Plan", "bindet",
                        "Preis Neulösung (Integrationen)", "Preis Dual × Betrag (Integrationen)", "Dual",
                        "Quelle")
LINK_SHEET_COLUMNS = ("Maßnahme", "folgt", "Art", "Verhältnis", "aktiv", "Eintritte", "Eintritte Leitmaßnahme",
                      "vorab gekaufte Plätze", "davon leer", "Geld ohne Nutzen (€)", "Quelle")
POLICY_PRICE_METHOD = ("Preis = Optimum ohne die Zusage − Optimum mit ihr (eine Neulösung desselben Modells, "
                       "Zusage gelockert); daneben Dual × erzwungener Betrag, eine obere Schranke.")
REFERRED_NOTE = ("Regeln {year}: {n} Maßnahme(n) ({types}) werden von der Agentur für Arbeit entschieden und bezahlt "
                 "({paragraph}): Eintritte fest wie geplant, Integrationen zählen weiter, Kosten 0 € im Neufallbudget "
                 "[{source}]")
POLICY_OTHER_TABLE = ("Eigene Maßnahmentabelle: die Zusagen und Verknüpfungen des Falls (Duisburg) gelten "
                      "nicht; ein Szenario kann eigene setzen (policy.commitments, links).")
KIND_LABELS = {"min_entries": "mindestens", "max_entries": "höchstens", "corridor": "Korridor",
               "max_eur": "höchstens (€)"}

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
