"""Every sentence a user reads, in German, in one place (style.md §13): keyed by name, filled with
named fields, e.g. ``T.POLICY_PRICE.format(name=…, price=num(x))``. Numbers are formatted by
``amip.models.fmt`` before they go in. Plain strings only: no solver, no click, importable from
every layer. Older modules still word some texts inline; they move here over time.

Sections by area; add to your area's section only.
"""
from __future__ import annotations

# =========================================================================== legal names used by several areas
#: The Integrationsquote is a Kennzahl of the comparison under § 48a SGB II, defined in § 5 Abs. 1 of the
#: Verordnung zur Festlegung der Kennzahlen nach § 48a SGB II: 'Kennzahl für die Verbesserung der Integration in
#: Erwerbstätigkeit ist die „Integrationsquote“: Summe der Integrationen in den vergangenen zwölf Monaten /
#: Durchschnittlicher Bestand der erwerbsfähigen Leistungsberechtigten in den vergangenen zwölf Monaten'
#: (gesetze-im-internet.de/sgb2_48afkv/__5.html). § 48b SGB II (Zielvereinbarungen) only uses it, Abs. 5: 'Für den
#: Abschluss der Vereinbarungen und die Nachhaltung der Zielerreichung sind die Daten nach § 51b und die Kennzahlen
#: nach § 48a Absatz 2 maßgeblich.' One label for every output (trial finding 12).
IQ = "Integrationsquote (K2, § 48a SGB II)"
IQ_DENOMINATOR = "Nenner der " + IQ

# =========================================================================== effect measures
# (gross / net / kennzahl, the honest headline)

HELP_EFFECT = ("Wirkungsmaß, in dem optimiert und analysiert wird: brutto (Brutto-Eingliederungsquote, "
               "Voreinstellung), netto (durch die Maßnahmen verursachte Integrationen, Nettoeffekt) oder kennzahl "
               "(was § 48a SGB II zählt); gross und net, wie JSON sie schreibt, gehen auch. Jedes Ergebnis zeigt "
               "alle drei.")
#: --effect's German names → the codes JSON keeps
EFFECT_CODES = {"brutto": "gross", "netto": "net"}
HELP_EFFECTS = "Tabelle der Nettoeffekte und der § 48a-Zählweise (CSV) statt der mitgelieferten amip/data/effects.csv."
HELP_DRAWS_HEADLINE = ("Ziehungen (höchstens) der schnellen Monte-Carlo-Rechnung für die Spanne P5–P95 der "
                       "Schlagzeile (0 schaltet sie ab; hat keine Quote eine Spanne, wird nicht gezogen; würden "
                       "weitere Ziehungen die Rundung der Spanne voraussichtlich nicht verfeinern, endet sie früher).")
#: Names of the three measures for people (the keys gross/net/kennzahl stay in JSON).
EFFECT_NAMES = {"gross": "brutto", "net": "netto", "kennzahl": "Kennzahl § 48a"}
#: the integrations target under an effect measure other than gross (the model's rates are that measure's)
TARGET_INTEGRATIONS_EFFECT = "erwartete Integrationen ({effect})"
EFFECT_LONG = {"gross": "Brutto-Integrationen (svB 6 Monate nach Austritt, mit Mitnahme)",
               "net": "Netto-Integrationen (durch die Maßnahmen verursacht)",
               "kennzahl": "Integrationen nach § 48a SGB II (Kennzahl)"}
HEADLINE = ("Schlagzeile ({name}): {value} Integrationen, P5–P95 {p5} bis {p95} "
            "({rounded}{draws} Ziehungen der Quoten aus ihren Spannen, Startwert {seed}, je Ziehung neu optimiert)")
HEADLINE_OFF = "Schlagzeile ({name}): {value} Integrationen (ohne Spanne: {reason})"
HEADLINE_REASONS = {"draws_off": "--draws 0", "goal": "ein Ziel (--goal) minimiert Euro",
                    "objective": "die Zielfunktion ist nicht das Wirkungsmaß allein",
                    "modes": "die Modi {modes} werden nicht je Ziehung neu gelöst",
                    "no_optimal": "keine Ziehung hatte einen optimalen Plan",
                    "no_range": "keine Quote hat eine Spanne, daher keine Ziehung",
                    "one_draw": "eine einzige Ziehung mit optimalem Plan ergibt keine Spanne",
                    "no_decision": "keine Maßnahme nimmt Neueintritte auf, es gibt nichts neu zu optimieren"}
#: P5 and P95 rounded to the unit the draws support (amip.optimizer.headline.shown_unit), when above 0,1.
HEADLINE_ROUNDED = "nach außen gerundet auf {unit}, genauer bestimmen die Ziehungen sie nicht; "
#: The headline when the draws stopped early (amip.optimizer.headline: more draws would not refine the unit).
HEADLINE_EARLY = ("Schlagzeile ({name}): {value} Integrationen, P5–P95 {p5} bis {p95} "
                  "({rounded}{draws} von {requested} Ziehungen der Quoten aus ihren Spannen, Startwert {seed}, je "
                  "Ziehung neu optimiert; weitere hätten die Rundung voraussichtlich nicht verfeinert)")
EFFECTS_LINE = ("Wirkungsmaße des Plans: brutto {gross} · netto {net} (P5–P95 {p5} bis {p95}{rounded}) · "
                "Kennzahl § 48a {kennzahl} · optimiert: {active}")
#: After a Monte Carlo range shown coarser than one decimal (amip.optimizer.headline.shown_unit).
RANGE_ROUNDED = ", nach außen gerundet auf {unit}"
EFFECTS_MISSING = "nicht berechenbar ({n} ohne Zeile in der Nettoeffekt-Tabelle)"
EFFECTS_NOTE = ("  brutto = Austritte in svB 6 Monate danach (mit Mitnahme); netto = verursachte Integrationen "
                "(Nettoeffekt in Prozentpunkten × Eintritte, meist Schätzungen aus der Tabelle der Nettoeffekte); "
                "Kennzahl = was § 48a SGB II zählt (EGZ, ESG, § 16e bei Eintritt; § 16i, AGH nicht).")
MARK_POLICY = "[Festlegung]"   #: POLICY in the data (issue 23: the reader sees the German word)
MARK_ESTIMATE = "[Schätzung]"   #: ESTIMATE in the data
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
SRC_UPPER_POLICY = "{multiple} × Plan, Fallvorgabe policy.upper_multiple: {source}"
SRC_MEASURE_TABLE = "Maßnahmentabelle: {where}"
SRC_REPLAN_CAPACITY = ("Kapazität im Rest des Jahres: laufendes Tempo, neue Eintritte ab Monat {start} bis zur "
                       "Obergrenze ({source})")
SRC_SCENARIO_BOUND = "Szenario {name}: {key} ({where}: {source})"
SRC_NET = "{file} {key_type} '{key}': {source} ({evidence}; Horizont {horizon})"
SRC_KENNZAHL_GROSS = "; wie die Brutto-Quote: {source}"

# (end of section: effect measures)


# =========================================================================== commitments (Politik),
# linked measures, rule years
POLICY_ROW_LABEL = "Zusage: {label}"
#: Nouns a count goes with: (one, several, several in the dative: 'von 5.109 Eintritten')
NOUN_MEASURE = ("Maßnahme", "Maßnahmen", "Maßnahmen")
NOUN_ENTRY = ("Eintritt", "Eintritte", "Eintritten")
NOUN_NEW_ENTRY = ("Neueintritt", "Neueintritte", "Neueintritten")
NOUN_VOUCHER = ("Gutschein", "Gutscheine", "Gutscheinen")


def counted_noun(n, noun: tuple[str, str, str], *, dative: bool = False, shown: str | None = None) -> str:
    """A count with its noun in the right number (and case): '1 Maßnahme', '3 Maßnahmen', 'von 5.109 Eintritten'
    (``dative``). ``shown``: the number as already formatted (German digits); the noun follows the value ``n``."""
    from amip.models.fmt import num  # not at the top: amip.models' package imports this module

    one = abs(n - 1) < 1e-9
    return f"{shown if shown is not None else num(n)} {noun[0] if one else noun[2] if dative else noun[1]}"


def counted(n: int, shown: int) -> str:
    """How many a list has, and how many of them it shows when it is cut: '13' or '13, die ersten 12 gezeigt'."""
    from amip.models.fmt import num

    return num(n) if n <= shown else f"{num(n)}, die ersten {num(shown)} gezeigt"


#: the targets (amip.models.planning.TARGETS): gross integrations are not the § 48a Kennzahl; LZB and LLU follow
#: the goals of § 48a SGB II
TARGETS_HEAD = "Ziele (LZB und LLU wie in § 48a SGB II)"


def policy_row_label(label: str) -> str:
    """The label of a commitment's row: "Zusage: EGZ ≤ 500 …", but "Zusage § 16i ≥ 198 …" once, not
    "Zusage: Zusage § 16i …"."""
    return label if label.lower().startswith("zusage") else POLICY_ROW_LABEL.format(label=label)


def commitment_named(row_label: str) -> str:
    """A commitment in a sentence, from its row label: "die Zusage „EGZ ≤ 500 …“", "„Zusage § 16i ≥ 198 …“"."""
    label = row_label.removeprefix(POLICY_ROW_LABEL.format(label=""))
    return f"„{label}“" if label.lower().startswith("zusage") else f"die Zusage „{label}“"


LINK_ROW_LABEL = "Verknüpfung: {follower} höchstens {ratio} × Eintritte von {leader}"
POLICY_BINDS, POLICY_BINDS_NOT = "bindet", "bindet nicht"
#: one sentence per commitment or link, derived from its re-solves (amip.optimizer.result.policy_sentence)
POLICY_COSTS = "{label} kostet {amount} · {binds}"
POLICY_UNPRICED = "{label} · {binds}"
POLICY_FREE = "{label}: {binds}, kostet nichts"
POLICY_FREE_BINDING = "{label}: bindet, kostet aber nichts (ohne sie dasselbe Optimum)"
POLICY_FREE_WHILE_LINKED = "{label}: {binds}, kostet für sich nichts, solange {links} gilt"
POLICY_LINKS_OWN = " ({links_own})"
POLICY_LINK_OWN_ONE = "sie allein kostet {amount}"
POLICY_LINK_OWN_EACH = "{link} kostet für sich {amount}"
POLICY_CLAUSE = "; "   #: ends the clause on an item's own price (its dual bound goes there)
POLICY_WITH_LINKS = "; ohne {all} {both} mehr: fällt {they}, kostet die Zusage {after}"
POLICY_ALL = ("beide", "alle zusammen")
POLICY_LINKS_FALL = ("die Kopplung", "die Kopplungen")
POLICY_DUAL_BOUND = " (Dual × Betrag ≤ {bound})"
POLICY_LINK_NAME = "die Kopplung {follower} → {leader}"
POLICY_LINK_PARTNERS = "; ohne sie und {commitments} zusammen {both} mehr"
POLICY_AMOUNT = "{price} Integrationen"
POLICY_AMOUNT_EFFECT = "{price} Integrationen ({effect})"
POLICY_AMOUNT_UNIT = "{price} (Einheit des Ziels: {unit})"
PAT_BESIDE = ("PAT-Entlastung der § 16i-Neueintritte nach den Pauschalen der Regeldatei: {relief}; der Startplan "
              "erwartet ca. {expected} für neue Fälle (eine Schätzung, keine Obergrenze: PAT-Mittel werden nicht "
              "auf die Jobcenter verteilt)")
PAT_CAPPED = "PAT-Entlastung für Neufälle durch den Fall begrenzt auf {cap} je Jahr (pat.cap_eur)"
#: Sheet Budget, the PAT line's Herkunft: the terminal's sentence (text.pat_note); it said 'Obergrenze laut Falldatei'
#: where the case has none (trial finding 10)
XL_PAT_HOW = "Modell; {note}"
XL_PAT_NONE = "kein Passiv-Aktiv-Transfer im Fall"
SRC_VOUCHER = "{source}; je ausgegebenem Gutschein: × Einlösequote {share}"
MEASURE_VOUCHER = ("Maßnahme '{id}': die Einlösequote muss in 0 < untere ≤ Quote ≤ obere ≤ 1 liegen, ist "
                   "{share} (Spanne {low} bis {high})")
VOUCHER_LINE = ("Gutscheine (Eintritte = ausgegebene Gutscheine; die Quote der Tabelle gilt je ausgegebenem "
                "Gutschein, Integrationen = Gutscheine × Quote): {items}")
VOUCHER_ITEM = ("{id}: {vouchers} Gutscheine × {rate} = {integrations} Integrationen, davon {participants} "
                "Teilnehmende (Einlösequote {share}, je Teilnehmendem {participant_rate})")
POLICY_JUDGEMENT = " (eine Annahme der Planung, keine Zahl des Startplans)"
POLICY_HEADER = "Zusagen (Politik) und ihr Preis"
POLICY_COLUMNS = ("Zusage", "bindet", "Preis (Neulösung)", "Preis ≤ Dual × Betrag", "Quelle")
POLICY_OFF = "Zusagen und Verknüpfungen ausgeschaltet ({why}): das Optimum ohne Politik."
POLICY_NONE = "Keine Zusagen in diesem Fall."
POLICY_TOTAL = "Alle Zusagen zusammen kosten {price} Integrationen (Optimum ohne Zusagen: {free})."
POLICY_TOTAL_EFFECT = "Alle Zusagen zusammen kosten {price} Integrationen ({effect}) (Optimum ohne Zusagen: {free})."
POLICY_TOTAL_UNIT = "Alle Zusagen zusammen kosten {price} (Einheit des Ziels: {unit}; Optimum ohne Zusagen: {free})."
#: The objective's unit (a stable English key in JSON, ``objective_unit``) as a reader sees it: prefix → German
OBJECTIVE_UNIT_DE = (("weighted targets: ", "gewichtete Ziele: "),
                     ("weighted integrations", "gewichtete Integrationen"),
                     ("EUR (least net spend that reaches the goal)",
                      "€ (geringste Netto-Ausgabe, die das Ziel erreicht)"),
                     ("integrations", "Integrationen"))


def objective_unit_de(unit: str) -> str:
    """The German words for an objective unit key ('weighted targets: 1×lzb' → 'gewichtete Ziele: 1×lzb')."""
    for key, german in OBJECTIVE_UNIT_DE:
        if unit.startswith(key):
            return german + unit[len(key):]
    return unit
LINK_EMPTY = "{follower}: {places} Plätze bezahlt, {used} Teilnehmende ({leader} hat {leader_entries} Eintritte){money}"
LINK_EMPTY_MONEY = "; {eur} ohne Nutzen"
LINK_OK = "{follower} folgt {leader}: {used} von {places} vorab gekauften Plätzen besetzt"
LINKS_HEADER = "Verknüpfte Maßnahmen"
NO_POLICY_HELP = ("Ohne die Zusagen (Politik) des Falls und ohne verknüpfte Maßnahmen rechnen: das "
                  "Optimum ohne Politik.")
NO_POLICY_NOTE = "Kommandozeile: --no-policy (Zusagen und Verknüpfungen aus)"
POLICY_SHEET = "Zusagen"
POLICY_SHEET_COLUMNS = ("Name", "Zusage", "Art", "Maßnahmen", "Sinn", "Grenze", "Wert im Plan", "bindet",
                        "Preis Neulösung (Integr.)", "Preis ≤ Dual × Betrag (Integr.)", "Dual",
                        "Quelle")
LINK_SHEET_COLUMNS = ("Maßnahme", "folgt", "Art", "Verhältnis", "aktiv", "Eintritte", "Eintritte Leit-Maßnahme",
                      "vorab gekaufte Plätze", "davon leer", "Geld ohne Nutzen (€)", "Quelle")
POLICY_PRICE_METHOD = ("Preis = Optimum ohne die Zusage − Optimum mit ihr (eine Neulösung desselben Modells, "
                       "Zusage gelockert); daneben Dual × erzwungener Betrag, eine obere Schranke.")
REFERRED_NOTE = ("Regeln {year}: {n} Maßnahme(n) ({types}) werden von der Agentur für Arbeit entschieden und bezahlt "
                 "({paragraph}): Eintritte fest wie geplant, Integrationen zählen weiter, Kosten 0 € im Neufallbudget "
                 "[{source}]")
POLICY_OTHER_TABLE = ("Eigene Maßnahmentabelle: die Zusagen und Verknüpfungen des Falls (Duisburg) gelten "
                      "nicht; ein Szenario kann eigene setzen (policy.commitments, links).")
REPLAN_POLICY_LIFTED = ("{label}: mit den {done} Eintritten bis Monat {m} und den Grenzen des restlichen Jahres "
                        "nicht mehr einzuhalten; im Rest des Jahres aufgehoben")
REPLAN_LINK_LIFTED = ("Verknüpfung {follower} → {leader}: bis Monat {m} und im Rest des Jahres erreicht {leader} "
                      "höchstens {most} Eintritte für {least} Plätze; im Rest des Jahres aufgehoben")
KIND_LABELS = {"min_entries": "mindestens", "max_entries": "höchstens", "corridor": "Korridor",
               "max_eur": "höchstens (€)", "link": "Kopplung"}

#: Limits on the money the plan year's new entries bind in later years (Verpflichtungsermächtigung, issue 26)
LIMIT_ROW_LABEL = "Vorbindung {year} (Verpflichtungsermächtigung)"
LIMIT_ROW_LABEL_REPLAN = "Vorbindung {year} (Verpflichtungsermächtigung; Eintritte bis heute + neue Eintritte)"
LIMIT_HEADER = "Grenzen der Vorbindungen (Geld der Neueintritte in Folgejahren) und ihr Preis"
LIMIT_COLUMNS = ("Jahr", "Grenze", "im Plan", "bindet", "Preis (Neulösung)", "Preis (Dual × Betrag)", "Quelle")
LIMIT_PRICE = "Die Grenze der Vorbindung {year} ({limit}) kostet {price} Integrationen{effect}"
LIMIT_PRICE_NONE = "Die Grenze der Vorbindung {year} ({limit}) bindet nicht und kostet nichts"
LIMIT_BINDS_UNPRICED = "Die Grenze der Vorbindung {year} ({limit}) bindet (ohne Preis: keine Neulösung in diesem Modus)"
LIMIT_KEPT = "Die Grenze der Vorbindung {year} ({limit}) wird eingehalten"
LIMIT_BROKEN = "Die Grenze der Vorbindung {year} ({limit}) wird um {over} überschritten"
LIMIT_NONE = "Keine Grenzen der Vorbindungen gesetzt (commitments.limits)."
LIMIT_SHARE_SOURCE = "{share} × die Vorbindungen des Planungsjahres ({vorbindungen}; {vb_source}): {source}"
LIMIT_NEEDS_VORBINDUNGEN = ("share_of_vorbindungen braucht die Vorbindungen des Falls (budget.vorbindungen_eur); "
                            "dieser Fall hat keine")
LIMIT_BELOW_DONE = ("die Grenze der Vorbindung {year} ({limit}) liegt unter dem, was die Eintritte bis Monat {m} "
                    "schon von {year} binden: {done} ({who})")
#: the mark and footnote of measures whose money falls mostly after the plan year
LATER_MARK = "¹"
LATER_FOOTNOTE = ("¹ Weniger als die Hälfte des Geldes eines Eintritts fällt ins Planungsjahr: die Kosten des "
                  "Planungsjahres unterschätzen die Maßnahme. Bei breitem Terminal stehen daneben die Gesamtkosten "
                  "(alle Jahre, aus Dauer, Eintrittsprofil, Förderstaffel und PAT) und die Gesamtkosten je "
                  "Integration (Gesamt/Integr.); immer in --format json (cash_by_year, total_cost_eur) und in der "
                  "Excel-Mappe.")
LIMIT_REPLAN_SOURCE = "{source}; abzüglich {done}, die die Eintritte bis Monat {m} schon binden"
XL_LIMIT_PRICE = "Preis der Grenze {year} (Integrationen; Neulösung ohne die Grenze)"
XL_BINDS = "bindet"
XL_BINDS_NOT = "bindet nicht"
XL_TOTAL_COST = "Gesamtkosten (alle Jahre)"
XL_COST_PER_INTEGRATION_TOTAL = "Kosten je Integr. gesamt"
XL_PLAN_YEAR_SHARE = "Anteil Planungsjahr"
XL_LATER_CELL = "¹ Nur {share} des Geldes eines Eintritts fallen ins Planungsjahr."
REPLAN_COMMITMENTS = ("Vorbindungen der Folgejahre (Eintritte bis Monat {m} und die neu geplanten danach): {years}; "
                      "die neuen Eintritte bleiben in dem, was die Grenzen nach dem schon Gebundenen lassen.")
REPLAN_COMMITMENT_YEAR = "{year} {total} (davon bis heute {done}{limit})"
REPLAN_COMMITMENT_LIMIT = "; Grenze {limit}"
REPLAN_BINDS = "Ihre Eintritte nach Monat {m} binden von den Folgejahren: {years}."

# (end of section: commitments)


# =========================================================================== own case: init,
# jobcenters, case folders, Rahmendaten, the frame notice

#: `amip jobcenters`, `amip init`, case folders and the Rahmendaten sheet.
JC_QUERY_TOO_LONG = ("der gesuchte Jobcenter-Name ist {n} Zeichen lang; erlaubt sind höchstens {limit} Zeichen "
                     "(der längste Name hat 33)")
JC_UNKNOWN = "unbekanntes Jobcenter '{query}'; ähnliche Namen: {close} (alle: amip jobcenters)"
JC_UNKNOWN_NONE = "unbekanntes Jobcenter '{query}'; kein ähnlicher Name (alle: amip jobcenters)"
JC_AMBIGUOUS = ("'{query}' passt auf {n} Jobcenter: {names}. Keines wird stillschweigend gewählt: bitte den Namen "
                "genauer angeben oder die Träger-Nr nennen (alle: amip jobcenters)")
JC_LIST_HEAD = "{n} Jobcenter (EinglMV 2022, Anlagen 2–4; EGT-Schätzung = 5,005 Mrd. € × Anteil)"
JC_LIST_COLUMNS = ("Träger-Nr", "Form", "Jobcenter", "Anteil EGT %", "EGT-Schätzung")
JC_NONE_FOUND = "kein Jobcenter passt auf '{query}'"
EGT_ESTIMATE_SOURCE = ("ESTIMATE: Eingliederungsmittel ≈ 5,005 Mrd. € (Zuteilung 2022, BIAJ) × ({share} %) = "
                       "½ × {gsq} % (EinglMV 2022 Anlage 2) + ½ × {lzb} % (Anlage 3), Träger-Nr {nr}; "
                       "durch den Betrag aus dem Zuteilungsschreiben ersetzen")
ELB_ESTIMATE_SOURCE = ("ESTIMATE: 3,718 Mio. eLb im Jahresdurchschnitt 2022 bundesweit (BIAJ-Materialien 1892) × "
                       "{share} % (Anteil an den Eingliederungsmitteln, EinglMV 2022, Träger-Nr {nr}: der eLb-Anteil, "
                       "je zur Hälfte um ¼ der Abweichung der Grundsicherungsquote bzw. des LZB-Anteils angepasst); "
                       "durch die eigene Zahl ersetzen (BA-Statistik, Eckwerte; oder amip init --elb)")
ELB_FROM_OPTION = "eigene Angabe bei amip init --elb (eLb im Jahresdurchschnitt des Planungsjahres)"
INIT_ELB = "eLb im Jahresdurchschnitt (" + IQ_DENOMINATOR + "): {elb} – {how}"
INIT_ELB_ESTIMATED = "geschätzt aus der Bundestabelle; mit --elb die eigene Zahl angeben"
INIT_ELB_GIVEN = "aus --elb"
INIT_BAD_ELB = ("'{value}' ist keine Zahl von eLb > 0 (erwerbsfähige Leistungsberechtigte im Jahresdurchschnitt, "
                "z. B. 47232 oder 47.232)")
RATIO_SOURCE = ("ESTIMATE: {share} der EGT-Zuteilung wie in Duisburg 2020 ({what}, Seed {lines}); "
                "durch den eigenen Wert ersetzen")
VORBINDUNGEN_POLICY_SOURCE = ("POLICY: {share} der EGT-Zuteilung wie in Duisburg 2020 ({what}, Seed {lines}) "
                              "angenommen – kein bundesweiter Anteil gefunden; durch den Stand der eigenen "
                              "Haushaltsüberwachungsliste ersetzen")
UMSCHICHTUNG_NATIONAL_SOURCE = ("ESTIMATE: {share} der EGT-Zuteilung, bundesweit 2017 in die Verwaltungskosten "
                                "umgeschichtet (911 Mio. €, BIAJ; BT-Drs. 19/2334; domain.md §7.3) statt Duisburgs "
                                "{duisburg} (Seed L262); durch den Beschluss der Trägerversammlung ersetzen")
SCALED_SOURCE = ("ESTIMATE: Duisburg 2020 ({base}) × {scale} (Verhältnis der Neufallbudgets); "
                 "durch den eigenen Wert ersetzen")
CATALOGUE_NOTE = ("abgeleiteter Katalog – durch eigene Maßnahmen ersetzen (ESTIMATE: Struktur Duisburg 2020, "
                  "Eintritte und Beträge × {scale})")
PLANNING_DERIVED_DESCRIPTION = ("Planungsdaten übernommen aus {template} (ESTIMATE): Dauern, Vorlaufzeiten, "
                                "Klassengrößen, abnehmender Ertrag, LZB/LLU je Integration, Zielgruppen, "
                                "Verknüpfungen; Kunden je Personalklasse × {scale}. Durch eigene Werte ersetzen")
PLANNING_CARRIED_SOURCE = "Vorlage {template}, übernommen (ESTIMATE, durch den eigenen Wert ersetzen): {source}"
PLANNING_SCALED_SOURCE = ("Vorlage {template}: {base} × {scale} (ESTIMATE, Verhältnis der Neufallbudgets; durch "
                          "den eigenen Bestand ersetzen): {source}")
DERIVED_CATALOGUE = ("Maßnahmenkatalog: die {n} Maßnahmen der Vorlage {template}, Eintritte und Beträge × {scale} "
                     "(Kosten je Eintritt und Quoten unverändert) – durch den eigenen AmIp ersetzen")
DERIVED_PLANNING = ("Planungsdaten (planung.yaml): Dauern, Vorlaufzeiten, Klassengrößen, LZB/LLU je Integration, "
                    "Zielgruppen, Verknüpfungen (Coaching folgt § 16i) aus der Vorlage {template}; Kunden je "
                    "Personalklasse skaliert – durch eigene Werte ersetzen")
DERIVATION_NOTE = ("Abgeleiteter Fall: Vorlage {template} × {scale}; geschätzt oder gesetzt: {labels}. Zu ersetzen: "
                   "diese Werte (Blatt Rahmendaten), Maßnahmen und Planungsdaten; Einzelheiten im Excel-Blatt Herkunft")
SHEET_HERKUNFT = "Herkunft"
HERKUNFT_COLUMNS = ("Was", "Wert", "Quelle (so entstanden)", "Eigenen Wert finden")
HERKUNFT_TEMPLATE = "Vorlage (Fall, aus dem abgeleitet ist)"
HERKUNFT_TEMPLATE_WHY = "Struktur des AmIp Duisburg 2020 (Vorlage), der einzige Fall mit Maßnahmen, Geld und Eintritten"
HERKUNFT_SCALE = "Skalenfaktor"
HERKUNFT_SCALE_WHY = "Neufallbudget dieses Falls ÷ Neufallbudget der Vorlage: Eintritte und Beträge × Faktor"
HERKUNFT_CARRIED = "aus der Vorlage übernommen"
VORLAGE_DERIVED_HEAD = ("Abgeleiteter Fall – kein eigener Plan: Struktur der Vorlage {template} × {scale}, "
                        "Rahmenwerte geschätzt")
VORLAGE_DERIVED_CARRIED = "Abgeleitet (aus der Vorlage):"
VORLAGE_DERIVED_ESTIMATED = "Geschätzt oder festgelegt:"
VORLAGE_DERIVED_REPLACE = "Vor einer Entscheidung durch eigene Werte ersetzen:"
COMMITMENTS_NOT_CARRIED = ("Zusagen (Politik): keine aus der Vorlage übernommen – die Zusagen Duisburgs (§ 16i, "
                           "§ 16e, FbW, AGH, AVGS, EGZ, ESG) sind Beschlüsse dortiger Gremien, keine Struktur; eigene "
                           "Zusagen in der Planungsdatei unter policy: commitments: eintragen")
CATALOGUE_CASE_NOTE = "Maßnahmenkatalog: {source}"
EGT_CASE_NOTE = "EGT-Zuteilung {amount}: {source}"
INIT_WRITTEN = ("Fallordner geschrieben: {folder} ({files}). EGT-Zuteilung {egt}, Neufallbudget {nfb}. "
                "Als Nächstes: die Werte im Blatt Rahmendaten von {folder}/massnahmen.xlsx prüfen (der eine Rahmen "
                "des Falls; Schätzungen ersetzen), dann "
                "amip optimize --case {folder}")
INIT_JOBCENTER = ("Jobcenter {name} (Träger-Nr {nr}, {form}): EGT-Zuteilung geschätzt {egt} "
                  "(Schätzung, EinglMV 2022), abgeleitet aus Duisburg 2020 × {scale}")
INIT_EXISTS = ("{path} gibt es schon; mit --force überschreiben (andere Dateien im Ordner bleiben unberührt)")
INIT_NOT_FOLDER = "{path} ist eine Datei, kein Ordner"
CASE_NOT_FOUND = "--case: nicht gefunden (erwartet: ein Fallordner mit case.yaml oder eine Arbeitsmappe .xlsx)"
CASE_NO_YAML = "der Ordner enthält keine case.yaml (einen Fallordner legt `amip init ORDNER` an)"
CASE_BAD_KIND = "--case erwartet einen Ordner mit case.yaml, eine case.yaml oder eine Arbeitsmappe .xlsx"
CASE_MISSING_KEY = "Pflichtwert '{key}' fehlt ({meaning})"
CASE_BAD_NUMBER_CELL = "'{key}' ({unit}): {problem}"   # problem: reading.number_problem (the workbook's hint)
CASE_NEGATIVE = "'{key}': {value} ist negativ; erlaubt sind Werte ≥ 0"
FRAME_NO_SHEET = ("die Arbeitsmappe hat kein Blatt 'Rahmendaten' (Blätter: {sheets}); eine Vorlage mit diesem Blatt "
                  "schreibt `amip template` oder `amip init`")
FRAME_NO_HEADER = "Blatt 'Rahmendaten': keine Kopfzeile mit 'Schlüssel' und 'Wert' in den ersten 30 Zeilen"
FRAME_UNKNOWN_KEY = ("unbekannter Schlüssel '{key}'; erlaubt: {allowed}, pools.<id>, fields.<id>, "
                     "budget.egt_path.<Jahr>, budget.vorbindungen_path.<Jahr>")
#: The later years' rows of the sheet (``budget.egt_path.<Jahr>``, ``budget.vorbindungen_path.<Jahr>``).
FRAME_PATH_NOTE = ("Folgejahre – optional, nur für amip optimize --horizon N: EGT-Zuteilung und Vorbindungen der "
                   "Jahre nach dem Planungsjahr, je Jahr mit Quelle. Leer lassen = EGT wie im Planungsjahr, "
                   "Vorbindungen 0 €. Die Jahre lückenlos ab dem ersten Folgejahr füllen.")
FRAME_PATH_GAP = ("'budget.{path}.{year}' ist leer, aber '{later}' ist angegeben: eine Lücke in den Folgejahren wird "
                  "nicht geraten. Den Betrag für {year} eintragen ({hint}) oder die späteren Jahre leeren")
FRAME_PATH_GAP_HINT = {"egt_path": "die EGT-Zuteilung des Jahres", "vorbindungen_path": "0, wenn nichts gebunden ist"}
FRAME_KEY_TWICE = ("Schlüssel '{key}' steht zweimal im Blatt Rahmendaten ({first} und {second}); welcher Wert gilt, "
                   "wird nicht geraten: eine der beiden Zeilen löschen")
FRAME_TWICE_IN_YAML = ("case.yaml verweist mit 'frame: {frame}' auf das Blatt Rahmendaten als Rahmen des Falls und "
                       "enthält selbst '{key}'; der Rahmen steht an einer Stelle: '{key}' aus case.yaml löschen "
                       "und den Wert im Blatt Rahmendaten pflegen")
FRAME_NOT_WORKBOOK = ("case.yaml: 'frame: {frame}' muss auf eine Arbeitsmappe (.xlsx) mit dem Blatt Rahmendaten "
                      "im Fallordner zeigen")
FRAME_DIFFERS = ("der Rahmen steht zweimal und die Werte weichen ab: '{key}' ist in case.yaml {yaml_value}, im Blatt "
                 "Rahmendaten von {workbook} ({cell}) {sheet_value}. Einen Wert angleichen, oder den Rahmen nur im "
                 "Blatt führen: in case.yaml die Abschnitte des Rahmens löschen und 'frame: {workbook}' eintragen")
FRAME_NOT_GIVEN = "nicht angegeben"
FRAME_SHEET = "Rahmendaten"
FRAME_COLUMNS = ("Schlüssel", "Bezeichnung", "Wert", "Einheit", "Quelle / Fundstelle", "Wo zu finden")
FRAME_SHEET_NOTE = ("Rahmen des Falls (der eine Rahmen: eine case.yaml daneben verweist mit 'frame:' hierher): "
                    "Spalte 'Wert' ausfüllen, Spalte 'Quelle' mit der Fundstelle. "
                    "Werte mit ESTIMATE sind geschätzt und durch eigene zu ersetzen. "
                    "Verwendung: amip optimize --case DIESE-DATEI.xlsx")
CELL_SOURCE = "{sheet}!{cell}"
TEMPLATE_WRITTEN = ("Arbeitsmappe geschrieben: {path}. Blätter 'Rahmendaten' und 'Maßnahmen' ausfüllen, dann: "
                    "amip optimize --case {path} --output plan.xlsx")
TEMPLATE_USAGE = ("Verwendung: amip optimize --case DATEI.xlsx --output plan.xlsx (Rahmendaten und Maßnahmen aus "
                  "dieser Mappe), oder nur die Maßnahmen: amip optimize --measures DATEI.xlsx --budget EUR")

#: "No silent frame": --measures without --case.
NO_FRAME = ("--measures ohne --case: es fehlt der Rahmen des Falls (Neufallbudget). Entweder --budget EUR angeben "
            "(neutraler Rahmen: keine Pools, kein PAT, kein Personal, keine Zielgruppen) oder mit "
            "`amip init ORDNER --jobcenter NAME` einen Fall anlegen und --case ORDNER verwenden")
FRAME_NOTICE = ("Hinweis: Rahmen ohne Fall – Maßnahmentabelle {measures}, Neufallbudget {budget} (--budget), "
                "Regeljahr {year}, Mindesteintritte je Handlungsfeld {share} der geplanten Eintritte "
                "(Festlegung), Obergrenze {multiple} × Planung (Festlegung); keine Kundenpools (Pools der Tabelle "
                "ohne Größe begrenzen nicht), kein PAT, kein Personal, keine Zielgruppen")
NEUTRAL_TITLE = "eigene Maßnahmentabelle ohne Fall ({file})"
NEUTRAL_FIELD_MIN_SOURCE = ("POLICY (neutraler Rahmen): jedes Handlungsfeld behält mindestens {share} der in der "
                            "Tabelle geplanten Eintritte")
NEUTRAL_UPPER_SOURCE = ("POLICY (neutraler Rahmen): ohne eigene Obergrenze höchstens {multiple} × die geplanten "
                        "Neueintritte")
NEUTRAL_BUDGET_SOURCE = "--budget (neutraler Rahmen ohne Budgetkette)"
CASE_LINE = "Fall: {title}"

#: Help texts of the options and commands of this area.
HELP_CASE = ("Fall: ein Ordner mit case.yaml (amip init) oder eine Arbeitsmappe mit den Blättern Rahmendaten und "
             "Maßnahmen; ersetzt den Fall Duisburg 2020.")
HELP_CASE_COMPARE = "Fall für alle Szenarien: ein Ordner mit case.yaml oder eine Arbeitsmappe mit Rahmendaten."
HELP_BUDGET = ("Neufallbudget in Euro (35085957 oder 35.085.957); ersetzt das des Falls. Mit --measures ohne --case "
               "Pflicht (neutraler Rahmen).")
HELP_MEASURES = ("Maßnahmentabelle (CSV oder .xlsx, deutsche Spaltennamen möglich; siehe amip template); ersetzt die "
                 "des Falls. Ohne --case gilt der neutrale Rahmen und --budget ist Pflicht.")
HELP_INIT = ("Einen Fallordner anlegen: case.yaml (jeder Wert mit Bedeutung, Einheit und Fundstelle) und die "
             "Maßnahmen-Arbeitsmappe (Blätter Maßnahmen, Erläuterung, Rahmendaten).")
HELP_INIT_JOBCENTER = ("Jobcenter aus der Bundestabelle (EinglMV 2022): Name, Träger-Nr und geschätzte EGT-Zuteilung; "
                       "dazu ein abgeleiteter Maßnahmenkatalog (Struktur Duisburg 2020, skaliert; Schätzung).")
HELP_INIT_YEAR = "Planungsjahr: wählt die Regeldatei."
HELP_INIT_ELB = ("eLb im Jahresdurchschnitt des Planungsjahres (" + IQ_DENOMINATOR + "), z. B. "
                 "47.232; ohne die Angabe schätzt --jobcenter sie aus der Bundestabelle, sonst bleibt "
                 "kennzahlen.elb_average im Blatt Rahmendaten leer.")
HELP_INIT_FORCE = "Bestehende case.yaml und Arbeitsmappe im Ordner überschreiben."
HELP_JOBCENTERS = "Die 405 Jobcenter der Bundestabelle (EinglMV 2022) auflisten oder suchen (Name oder Träger-Nr)."

#: Budget chain rows of a case that starts at the EGT-Zuteilung.
CHAIN_EGT = "EGT-Zuteilung (Eingliederungstitel)"
CHAIN_VORBINDUNGEN = "− Vorbindungen"
CHAIN_UMSCHICHTUNG = "− Umschichtung EGT → Verwaltung"
CHAIN_EGT_VERFUEGBAR = "= EGT verfügbar"
CHAIN_RUECKEINNAHMEN = "+ Rückeinnahmen EGT"
CHAIN_NEUFALLBUDGET = "= Neufallbudget"
CHAIN_DERIVED = "abgeleitet"

#: The frame of a case: key → (label, unit, meaning and where to find it). case.yaml comments, the
#: Rahmendaten sheet and the messages about a missing value all use it.
FRAME_HELP: dict[str, tuple[str, str, str]] = {
    "name": ("Kurzname des Falls", "Text", "Kennung in allen Ausgaben, z. B. bochum-2020"),
    "title": ("Titel", "Text", "Name des Jobcenters und Planungsjahr, wie er in den Berichten steht"),
    "year": ("Planungsjahr / Regeljahr", "Jahr", "wählt die Regeldatei (amip/rules/JAHR.yaml)"),
    "jobcenter.traeger_nr": ("Träger-Nr", "Text", "fünfstellig, mit führender Null (EinglMV, Anlagen 2–4)"),
    "budget.egt_zuteilung_eur": ("EGT-Zuteilung", "€",
                                 "Eingliederungstitel des Jahres: Zuteilungsschreiben des BMAS / EinglMV Anlage 2–3 "
                                 "(Anteil × Bundessumme)"),
    "budget.vorbindungen_eur": ("Vorbindungen", "€",
                                "Mittel des Jahres, die Maßnahmen aus Vorjahren schon binden: Finanzsystem "
                                "(ERP/Haushaltsüberwachungsliste), Stand Jahresbeginn"),
    "budget.umschichtung_eur": ("Umschichtung EGT → Verwaltung", "€",
                                "Beschluss der Trägerversammlung zum Gesamtbudget (§ 46 Abs. 3 SGB II)"),
    "budget.rueckeinnahmen_egt_eur": ("Rückeinnahmen EGT", "€",
                                      "erwartete Rückzahlungen zugunsten des EGT (Vorjahreswert aus dem Finanzsystem)"),
    "budget.egt_path": ("EGT-Zuteilung Folgejahr", "€",
                        "optional, nur für amip optimize --horizon N: Eingliederungstitel des Jahres (Eckwert, "
                        "Zuteilungsschreiben des BMAS); leer = wie im Planungsjahr (POLICY)"),
    "budget.vorbindungen_path": ("Vorbindungen Folgejahr", "€",
                                 "optional, nur für amip optimize --horizon N: Mittel des Jahres, die Verträge vor dem "
                                 "Planungsjahr binden (Haushaltsüberwachungsliste); leer = 0 € (nicht bekannt)"),
    "pat.new_cases_expected_eur": ("PAT für neue § 16i-Fälle (erwartet, keine Obergrenze)", "€",
                              "Passiv-Aktiv-Transfer, der für Neufälle des Jahres eingeplant ist (Finanzplanung)"),
    "pat.months_in_year": ("PAT-Monate je Neueintritt", "Monate",
                           "durchschnittliche Monate von Eintritt bis Jahresende (Eintrittsprofil)"),
    "pat.bg_mix.single": ("§ 16i-Anteil 1-Personen-BG", "Anteil 0–1", "BA-Statistik Förderstatistik / eigene Fälle"),
    "pat.bg_mix.single_parent": ("§ 16i-Anteil Alleinerziehende", "Anteil 0–1",
                                 "BA-Statistik Förderstatistik / eigene Fälle"),
    "pat.bg_mix.other": ("§ 16i-Anteil übrige BG", "Anteil 0–1", "Rest, so dass die drei Anteile 1 ergeben"),
    "kennzahlen.elb_average": ("eLb im Jahresdurchschnitt (" + IQ_DENOMINATOR + ")", "Personen",
                               "Prognose der BA-Zentrale bzw. Statistik der Grundsicherung (Eckwerte, "
                               "Jahresdurchschnitt); Duisburg 2020: 47.232 (AmIp, L1285); leer = kein Beitrag zur "
                               "Integrationsquote"),
    "policy.field_min_share": ("Mindestanteil je Handlungsfeld", "Anteil 0–1",
                               "POLICY: Anteil der geplanten Eintritte, den jedes Handlungsfeld mindestens behält"),
    "policy.upper_multiple": ("Obergrenze je Maßnahme", "Vielfaches",
                              "POLICY: ohne eigene Obergrenze höchstens dieses Vielfache der geplanten Neueintritte"),
    "policy.budget_support_low": ("Budgetbereich der Daten, unten", "Anteil des Neufallbudgets",
                                  "POLICY: kleinstes Budget, für das Kosten und Quoten gelten (amip sensitivity "
                                  "markiert Punkte darunter als Extrapolation)"),
    "policy.budget_support_high": ("Budgetbereich der Daten, oben", "Anteil des Neufallbudgets",
                                   "POLICY: größtes Budget, für das Kosten und Quoten gelten"),
    "catalogue.source": ("Herkunft des Maßnahmenkatalogs", "Text",
                         "leer = eigene Maßnahmen; sonst steht hier, woraus der Katalog abgeleitet ist (ESTIMATE)"),
    "catalogue.scale": ("Skalenfaktor des abgeleiteten Katalogs", "Faktor",
                        "Neufallbudget des Falls ÷ Neufallbudget der Vorlage Duisburg 2020; mit eigenen Maßnahmen "
                        "leer lassen"),
    "pools": ("Kundenpool", "Personen",
              "Zahl der Leistungsberechtigten der Gruppe: BA-Statistik (Statistik der Grundsicherung, "
              "Eckwerte des Jobcenters)"),
    "fields": ("Handlungsfeld", "Text", "Name des Handlungsfelds aus dem eigenen AmIp"),
    "fields.min_entries": ("Mindesteintritte", "Eintritte",
                           "POLICY/AmIp: Mindestzahl an Eintritten im Handlungsfeld (ersetzt den Mindestanteil)"),
}

# (end of section: own case)


# =========================================================================== measure tables as
# planners have them, plan round trip
ID_INVALID = ("Kennung '{id}' darf nur Buchstaben, Ziffern, '-' oder '_' enthalten und muss mit einem Buchstaben "
              "oder einer Ziffer beginnen")
ID_SAME_BUT_CASE = ("Kennung '{id}' gleicht '{other}' aus Zeile {row} bis auf Groß-/Kleinschreibung; Kennungen "
                    "müssen sich auch ohne sie unterscheiden")
ID_SAME_NAME = ("Kennung '{id}' und '{other}' aus Zeile {row} ergeben denselben internen Namen '{key}' ('-' und '_' "
                "gelten als gleich); bitte eine der beiden umbenennen")
INSTRUMENT_UNKNOWN = "unbekannter Instrumententyp '{code}'{hint}; erlaubt: {allowed}"
INSTRUMENT_HINT = "; meinten Sie '{closest}'?"
INSTRUMENT_NOT_DERIVED = ("Instrumententyp fehlt und lässt sich aus der Rechtsgrundlage '{instrument}' nicht "
                          "ableiten; bitte die Spalte 'Instrumententyp' füllen (erlaubt: {allowed})")
INSTRUMENT_DERIVED = "Instrumententyp aus der Rechtsgrundlage abgeleitet ({reference} → {code})"
INSTRUMENT_DERIVED_NOTE = "Instrumententyp aus der Rechtsgrundlage abgeleitet für {n} Maßnahme(n): {items}"
BUDGET_BASIS_UNKNOWN = "unbekannte Budgetbasis '{value}'; erlaubt: {allowed}"
HEADER_TWICE = "Spalte '{column}' kommt doppelt vor: {headers} (deutsche und englische Überschrift derselben Spalte?)"
INPUTS_DERIVED_HEADER = "Abgeleitete Instrumententypen"
INPUTS_DERIVED_COLUMN = "Rechtsgrundlage → Instrumententyp"
INSTRUMENT_DERIVED_MORE = " … (alle im Excel-Blatt Eingaben und in --format json)"
HELP_PLAN = ("Ein Plan aus `amip optimize --output`, von Hand bearbeitet: gegen sein Optimum bewerten, mit allen "
             "Eingaben, mit denen er erstellt wurde (Fall, Szenario, Maßnahmendatei, Quoten, Budget, Optionen).")
HELP_ACCEPT_CHANGED = ("Mit --plan: eine seit dem Optimieren geänderte Eingabedatei nur melden (beide Prüfsummen), "
                       "statt abzubrechen.")
ACCEPT_CHANGED_NEEDS_PLAN = "--accept-changed gilt nur mit --plan"
INPUTS_OPTIONS = "Optionen des Laufs (JSON)"
INPUTS_CHECKSUM = "Prüfsumme: {role}"
INPUTS_BUDGET = "Neufallbudget (Lauf)"

RT_FILE_MISSING = ("die Datei '{name}' ({role}), mit der der Plan erstellt wurde, ist nicht mehr da; gesucht: "
                   "{tried}. Legen Sie sie neben die Planmappe{hint}")
RT_FILE_MISSING_HINT = " oder geben Sie sie mit --{option} an"
RT_FILE_CHANGED = ("die Eingabedatei ({role}) hat sich geändert, seit der Plan erstellt wurde (Prüfsumme damals "
                   "{old}, jetzt {new}); mit --accept-changed wird trotzdem mit der heutigen Datei bewertet")
RT_FILE_CHANGED_WARNING = ("Warnung: {path} ({role}) hat sich geändert, seit der Plan erstellt wurde: Prüfsumme "
                           "damals {old}, jetzt {new}; bewertet wird mit der heutigen Datei (--accept-changed)")
RT_FILE_MOVED = "Hinweis: {role} gefunden unter {path} (aufgezeichnet: {recorded})"
RT_OVERRIDE = "Hinweis: --{option} {value} ersetzt den aufgezeichneten Wert {recorded}"
RT_OPTIONS_NOT_JSON = "'{label}' ist kein JSON-Objekt (von Hand geändert?)"
RT_UNKNOWN_OPTION = ("Hinweis: die Planmappe zeichnet die Option --{option} {value} "
                     "auf, die diese Version nicht kennt; "
                     "sie wird nicht angewandt")
RT_REPLAYED = "Eingaben des Plans wieder angewandt: {items}"
RT_OLD_WORKBOOK = ("Hinweis: diese Planmappe stammt aus einer älteren Version und zeichnet ihre Optionen nicht auf; "
                   "Szenario und Maßnahmendatei werden aus dem Blatt Eingaben übernommen, andere Optionen (--budget, "
                   "--rates …) bitte wie beim Optimieren angeben")
RT_OTHER_BUDGET = ("Achtung: der Plan wird gegen ein anderes Neufallbudget bewertet als beim Optimieren: {now} statt "
                   "{then}")
RT_HASH_DIFFERS = ("Warnung: die Daten unterscheiden sich von denen, mit denen der Plan optimiert wurde "
                   "(Eingabe-Hash); der Vergleich mit dem aufgezeichneten Optimum ist nur bedingt aussagekräftig")

# (end of section: measure tables and round trip)


# =========================================================================== reading and writing
# layer: limits, encodings, hostile input, signals

#: Limits of the reading layer (amip.inputs.reading): {what} the input, {limit} the value, {env} the
#: environment variable that raises it.
LIMIT_HINT = "Grenze {limit}; anheben mit der Umgebungsvariablen {env}=…"
LIMIT_ABOVE_CEILING = ("Umgebungsvariable {env}={raw} ist zu groß: höchstens {ceiling} (eine Grenze schützt vor "
                       "Eingaben, die den Rechner lahmlegen; sie lässt sich anheben, nicht abschalten)")
FILE_TOO_LARGE = "{what} ist {size} MB groß, mehr als erlaubt ({hint})"
TOO_MANY_ROWS = "{what} hat mehr als {limit} Datenzeilen ({hint})"
CELL_TOO_LONG = "eine Zelle ist länger als {limit} Zeichen ({hint})"
NOT_A_REGULAR_FILE = "{what} ist keine gewöhnliche Datei (sondern {kind}); bitte eine gespeicherte Datei angeben"
TEXT_EMPTY = "leerer Wert; bitte einen Namen angeben"
PATH_EMPTY = "leerer Pfad: bitte eine Datei oder einen Ordner angeben (für den aktuellen Ordner: .)"
PATH_TOO_LONG = "der Pfad ist zu lang ({n} Zeichen; das Dateisystem erlaubt weniger)"
IS_OLD_XLS = ("{what} ist eine alte Excel-Datei (.xls) oder eine mit Kennwort geschützte (verschlüsselte) "
              "Arbeitsmappe; bitte in Excel ohne Kennwort als „Excel-Arbeitsmappe (.xlsx)“ speichern")
IS_ODS = ("{what} ist eine OpenDocument-Tabelle (.ods, LibreOffice/OpenOffice), keine Excel-Arbeitsmappe; bitte "
          "als „Excel 2007-365 (.xlsx)“ speichern")
IS_OTHER_ZIP = ("{what} ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (ihm fehlt [Content_Types].xml); bitte "
                "in Excel als „Excel-Arbeitsmappe (.xlsx)“ speichern")
IS_TEXT_NOT_XLSX = ("{what} ist eine Textdatei (vermutlich CSV), keine Excel-Arbeitsmappe; bitte mit der Endung "
                    ".csv angeben oder in Excel als .xlsx speichern")
NOT_UTF8 = "{what} ist kein UTF-8-Text (Byte {pos}): {hint}"
IS_XLSX = "{what} ist eine Excel-Arbeitsmappe (.xlsx); bitte mit der Endung .xlsx angeben"
NOT_UTF8_HINT = "vermutlich Latin-1/Windows-1252; bitte als „CSV UTF-8“ speichern"
NOT_UTF8_HINT_YAML = "vermutlich Latin-1/Windows-1252; bitte im Editor mit der Kodierung UTF-8 speichern"
UTF16_NO_BOM = ("{what} ist offenbar UTF-16-Text ohne Byte-Order-Mark (BOM); bitte als „CSV UTF-8“ "
                "speichern (oder als UTF-16 mit BOM)")
UTF16_BROKEN = "{what} ist als UTF-16 markiert (BOM), aber kein gültiger UTF-16-Text (Byte {pos})"
CSV_UNCLOSED_QUOTE = ("ein Anführungszeichen wird nicht geschlossen (ab Zeile {row}); eine Zelle würde "
                      "mehrere Zeilen verschlucken")
CSV_NEWLINE_IN_CELL = ("die Zelle enthält einen Zeilenumbruch: vermutlich ein nicht geschlossenes "
                       "Anführungszeichen, das Zeilen zusammenführt")
CSV_BAD_QUOTE = "fehlerhafte Anführungszeichen: {problem}"
CSV_TABS = ("die Spalten sind durch Tabulatoren getrennt (Excel: „Text (Tabstopp-getrennt)“ oder „Unicode-Text“); "
            "bitte als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern: Semikolon mit Dezimalkomma oder Komma "
            "mit Dezimalpunkt")
CSV_SEP_LINE = ("die erste Zeile 'sep=…' nennt das Trennzeichen {sep}, die Kopfzeile darunter nutzt ein anderes "
                "oder es wird nicht unterstützt; erlaubt sind ';' (Dezimalkomma) und ',' (Dezimalpunkt)")
CSV_QUOTE_THEN_SEPARATOR = ("nach einem schließenden Anführungszeichen muss das Trennzeichen '{sep}' folgen (ein "
                            "Anführungszeichen im Text wird verdoppelt: \"\")")
CSV_SHORT_ROW = ("{cells} Zellen, aber die Kopfzeile hat {columns} Spalten: fehlende Trennzeichen würden "
                 "die Werte in falsche Spalten verschieben")
NUMBER_GERMAN_FILE = ("'{text}' ist keine Zahl im deutschen Format dieser Datei (Trennzeichen ';': ',' ist das "
                      "Dezimalkomma, '.' trennt Tausender, z. B. 1.383,20)")
NUMBER_DOT_FILE = ("'{text}' ist keine Zahl im Format dieser Datei (Trennzeichen ',': '.' ist der "
                   "Dezimalpunkt, ohne Tausendertrennzeichen, z. B. 1383.20)")
NUMBER_WORKBOOK = ("'{text}' ist keine Zahl: bitte nur die Zahl eintragen, so wie Excel sie zeigt, z. B. 2.042,19 € "
                   "oder 2042,19 (Komma als Dezimalzeichen, Punkt als Tausendertrennzeichen, '€' darf stehen)")
NUMBER_BOOLEAN = "'{text}' ist ein Wahrheitswert (WAHR/FALSCH), keine Zahl"
NUMBER_TOO_LARGE = "{value} ist unplausibel groß (höchstens {limit} {unit})"
NUMBER_TOO_SMALL = "{value} ist unplausibel klein (0 oder mindestens {limit})"
YAML_TOO_MANY_ALIASES = "mehr als {limit} YAML-Verweise (Aliase, *name) ({hint})"
YAML_TOO_BIG = "{what} ist {size} KB groß, zu groß für eine YAML-Datei ({hint})"
YAML_TOO_MANY_NODES = "mehr als {limit} Werte in einer YAML-Datei ({hint})"
YAML_TOO_DEEP = "YAML ist tiefer als {limit} Ebenen verschachtelt ({hint})"
YAML_SYNTAX = "{line}YAML-Syntaxfehler{column}: {problem}"
YAML_SYNTAX_AT = " bei Zeichen {column}"
YAML_VALUE = "ein Wert lässt sich nicht lesen (YAML-Leser: \"{detail}\")"
#: PyYAML's problem texts → German (the first pattern that matches the whole text; {0}, {1}: its groups,
#: tokens such as '<stream end>' by YAML_TOKENS); anything else: YAML_PROBLEM_OTHER with the parser's words quoted
YAML_PROBLEMS = (
    (r"expected ',' or '\}', but got (.+)",
     "in einer Zuordnung in geschweiften Klammern fehlt ein Komma oder die schließende Klammer '}}' (gefunden: {0})"),
    (r"expected ',' or '\]', but got (.+)",
     "in einer Liste in eckigen Klammern fehlt ein Komma oder die schließende Klammer ']' (gefunden: {0})"),
    (r"mapping values are not allowed here",
     "ein Doppelpunkt an unerlaubter Stelle: falsch eingerückt, oder ein Text mit ': ' ohne Anführungszeichen"),
    (r"found character '\\t' that cannot start any token",
     "ein Tabulatorzeichen; YAML rückt nur mit Leerzeichen ein"),
    (r"found character (.+) that cannot start any token",
     "das Zeichen {0} darf einen Wert nicht beginnen; den Wert in Anführungszeichen setzen"),
    (r"expected <block end>, but found (.+)",
     "die Einrückung passt nicht zu den Zeilen darüber (gefunden: {0})"),
    (r"expected <block mapping start>, but found (.+)", "hier wird ein 'Schlüssel: Wert' erwartet (gefunden: {0})"),
    (r"expected a comment or a line break, but found (.+)",
     "nach dem Wert steht noch etwas (gefunden: {0}); ein Kommentar beginnt mit ' #'"),
    (r"found undefined alias '(.*)'", "Verweis *{0} auf einen nicht definierten Anker &{0}"),
    (r"second occurrence", "ein Anker (&name) ist zweimal definiert"),
    (r"found unexpected end of stream",
     "die Datei endet mitten in einem Wert (ein Anführungszeichen oder eine Klammer nicht geschlossen?)"),
    (r"found unknown escape character (.+)",
     "unbekannte Escape-Folge {0} in doppelten Anführungszeichen; einfache Anführungszeichen verwenden"),
    (r"could not determine a constructor for the tag (.+)", "unbekanntes YAML-Tag {0}"),
    (r"could not find expected ':'", "ein Doppelpunkt fehlt ('Schlüssel: Wert')"),
    (r"did not find expected key", "ein Schlüssel fehlt oder die Einrückung stimmt nicht"),
    (r"did not find expected '-' indicator", "ein Listenpunkt '-' fehlt oder die Einrückung stimmt nicht"),
    (r"found unexpected ':'", "ein unerwarteter Doppelpunkt; den Wert in Anführungszeichen setzen"),
    (r"expected the node content, but found (.+)", "hier fehlt ein Wert (gefunden: {0})"),
    (r"but found another document", "mehr als ein YAML-Dokument in der Datei (eine Zeile '---' zu viel?)"),
    (r"found unhashable key", "ein Schlüssel ist eine Liste oder Zuordnung; Schlüssel müssen Texte oder Zahlen sein"),
    (r"expected alphabetic or numeric character, but found (.+)", "nach '&' oder '*' fehlt der Name des Ankers "
                                                                  "(gefunden: {0})"),
)
YAML_TOKENS = {"'<stream end>'": "Dateiende", "'<block end>'": "Blockende", "'<scalar>'": "ein Wert",
               "'<block mapping start>'": "eine neue Zuordnung", "'<block sequence start>'": "eine neue Liste",
               "'?'": "ein neuer Schlüssel", "'-'": "ein Listenpunkt '-'"}
YAML_PROBLEM_OTHER = "der Text ist hier kein gültiges YAML (YAML-Leser: \"{problem}\")"
YAML_DECIMAL_COMMA = ("'{text}' ist in deutscher Schreibweise; YAML schreibt Zahlen mit Dezimalpunkt und ohne "
                      "Tausenderpunkte, also {dot}")
YAML_EXPONENT = ("'{text}' liest YAML als Text, nicht als Zahl (die Exponentenschreibweise braucht dort einen Punkt "
                 "und ein Vorzeichen): als {yaml} oder {plain} schreiben")
YAML_NUMBER = "Zeile {line}: '{key}': {problem}"
YAML_NOT_DECIMAL = ("'{value}' ist keine Dezimalzahl: {form}, hier also {read}; bitte dezimal schreiben (ohne "
                    "führende Null, ohne ':') oder, wenn ein Text gemeint ist, in Anführungszeichen setzen")
YAML_FORM_OCTAL = "YAML liest eine Zahl mit führender Null als Oktalzahl (Basis 8)"
YAML_FORM_SEXAGESIMAL = "YAML liest Zahlen mit ':' als Sexagesimalzahl (Basis 60, wie eine Uhrzeit)"
YAML_FORM_HEX = "YAML liest '0x…' als Hexadezimalzahl"
YAML_FORM_BINARY = "YAML liest '0b…' als Binärzahl"
YAML_NOT_FINITE = "{value} ist keine endliche Zahl"
YAML_TOO_LARGE = "{value} ist unplausibel groß (Betrag höchstens {limit:g})"
ZIP_TOO_LARGE = ("die Arbeitsmappe entpackt sich auf mehr als {limit} MB ({name}: {size} MB; {hint}); "
                 "vermutlich eine Zip-Bombe")
WORKBOOK_UNREADABLE = ("{what} ist keine lesbare .xlsx-Arbeitsmappe (beschädigt, mit Kennwort geschützt oder ein "
                       "anderes Format unter der Endung .xlsx; Fehlerart {detail})")
DAMAGE_ZIP = "kein gültiges ZIP-Archiv, vielleicht abgeschnitten"
DAMAGE_EOF = "die Datei endet vorzeitig"
DAMAGE_DEFLATE = "ein Teil ist beschädigt (die Kompression lässt sich nicht entpacken)"
DAMAGE_XML = "fehlerhaftes XML in der Arbeitsmappe"
DAMAGE_XML_AT = ", Zeile {line}, Spalte {col}"
DAMAGE_PART = "ein Teil der Arbeitsmappe fehlt: {part}"
DAMAGE_OTHER = "unerwarteter Aufbau der Datei"
WORKBOOK_FORBIDDEN_XML = ("{what} enthält verbotenes XML ({detail}: DTD, Entitäten oder externe Verweise); "
                          "aus Sicherheitsgründen nicht gelesen")
WORKBOOK_HIDDEN_SKIPPED = "ausgeblendete Blätter übersprungen: {names}"
FORMULA_WITHOUT_VALUE = ("die Zelle enthält eine Formel ohne gespeicherten Wert ({formula}); die Datei in Excel "
                         "öffnen und speichern, damit der Wert mitgespeichert wird")
SECTION_MISSING = "Abschnitt oder Schlüssel '{key}' fehlt"
REFERENCE_NOT_NUMBER = "der Zielwert muss eine Zahl sein, nicht '{value}'"
REFERENCE_EMPTY = "der Zielwert fehlt (leere Zelle)"
OUTPUT_IS_INPUT = ("die Ausgabedatei ist eine Eingabe dieses Laufs ({input}); sie wird nie überschrieben, "
                   "auch nicht mit --force: bitte einen anderen Namen wählen")
WRITE_FAILED = "die Ausgabedatei kann nicht geschrieben werden: {reason}; nichts wurde geschrieben"
#: System errors (errno symbol) in German words, for every message that names why a file or a connection failed
OS_REASONS = {
    "ENOENT": "nicht vorhanden", "EACCES": "keine Berechtigung", "EPERM": "nicht erlaubt",
    "ELOOP": "zu viele symbolische Verknüpfungen hintereinander (eine Schleife?)",
    "EIO": "Ein-/Ausgabefehler des Datenträgers", "ENOTDIR": "ein Teil des Pfades ist kein Ordner",
    "EISDIR": "ist ein Ordner", "ENOSPC": "kein Platz mehr auf dem Datenträger", "EFBIG": "Datei zu groß",
    "EDQUOT": "Speicherkontingent erschöpft", "EROFS": "der Datenträger ist schreibgeschützt",
    "EPIPE": "die Gegenseite hat die Ausgabe geschlossen", "ENXIO": "Gerät oder Adresse nicht vorhanden",
    "ENODEV": "Gerät nicht vorhanden", "ETXTBSY": "die Datei ist in Benutzung", "EBUSY": "belegt",
    "EMFILE": "zu viele offene Dateien", "ENFILE": "zu viele offene Dateien im System",
    "ESTALE": "veraltete Netzwerkdatei", "EAGAIN": "vorübergehend nicht verfügbar", "EINVAL": "ungültiger Pfad",
    "ETIMEDOUT": "Zeitüberschreitung", "ECONNREFUSED": "Verbindung abgelehnt",
    "ECONNRESET": "Verbindung von der Gegenseite zurückgesetzt", "EHOSTUNREACH": "Rechner nicht erreichbar",
    "ENETUNREACH": "Netz nicht erreichbar", "EADDRNOTAVAIL": "Adresse nicht verfügbar",
    "ENAMETOOLONG": "der Name ist zu lang", "EEXIST": "gibt es schon", "EXDEV": "liegt auf einem anderen Datenträger",
}
OS_REASON_OTHER = "Systemfehler {name}"
DISK_FULL = "Datenträger voll oder Dateigrößengrenze erreicht"
STDOUT_FAILED = "Fehler: die Ausgabe (stdout) kann nicht geschrieben werden: {reason}"
INTERRUPTED_WRITTEN = ("Abgebrochen ({signal}); geschrieben wurde(n) vor dem Abbruch: {files}; keine temporäre "
                       "Datei zurückgelassen.")
INTERRUPTED = "Abgebrochen ({signal}); keine Ausgabedatei geschrieben, keine temporäre Datei zurückgelassen."
OS_ERROR = "{file}: Ein-/Ausgabefehler: {reason}"
TOO_MANY_SOLVES = ("{solves} Lösungen (--draws {draws} + --points {points}) sind mehr als erlaubt ({hint}); "
                   "das dauerte Stunden")
DURATION_TOO_LONG = "{value:g} Monate Dauer sind unplausibel (höchstens {limit} Monate)"

# (end of section: reading and writing)


# =========================================================================== Excel that prints, German CSV,
# the decision paper (issue 17 B)

#: Sheet names of the plan workbook; plan_workbook.OLD_SHEETS keeps reading the English ones of older workbooks.
SHEET_ALLOCATION = "Zuteilung"
SHEET_FIELDS = "Handlungsfelder"
SHEET_BUDGET = "Budget"
SHEET_CONSTRAINTS = "Restriktionen"
SHEET_INPUTS = "Eingaben"
SHEET_YEARS = "Integrationen nach Jahr"
SHEET_QUOTA = "Integrationsquote"
XL_QUOTA_BY_YEAR = "dieselben Eintritte: Integrationen nach § 48a {year}"
XL_YEARS_COHORT = "Integrationen der Eintrittskohorte {year}"
XL_YEARS_LATER = "{year} und später"
XL_QUOTA_IN_YEAR = "Integrationen nach § 48a im Jahr {year} aus den Eintritten des Plans"
XL_QUOTA_COUNT = ("gezählt wie § 48a SGB II: EGZ, Einstiegsgeld, § 16e bei Eintritt; § 16i und AGH nicht; übrige "
                  "nach Austritt mit ihrer Quote (Tabelle der Nettoeffekte, Spalte kennzahl)")
XL_QUOTA_ELB = "eLb im Jahresdurchschnitt"
XL_QUOTA_SHARE = "Beitrag zur Integrationsquote {year}"
XL_QUOTA_BASIS = ("Integrationen im Jahr ÷ eLb im Jahresdurchschnitt; nur die Eintritte des Plans: Integrationen "
                  "ohne Maßnahme und aus Eintritten früherer Jahre sind nicht modelliert – ein Beitrag, nicht die "
                  "Quote")
XL_QUOTA_PUBLISHED = "veröffentlichte " + IQ
REPORT_QUOTA = ("Von ihnen geschehen {in_year} im Jahr {year} selbst; nach § 48a gezählt trägt der Plan {share} % zur "
                "Integrationsquote {year} bei ({elb} eLb{published}; nur sein Beitrag).")
REPORT_QUOTA_PUBLISHED = "; veröffentlicht {pct} %, {basis}"
XL_TOTAL = "Summe"
GROUP_BASIS_SHARE = "{share} aller Eintritte"
GROUP_BASIS_RATIO = "{ratio} × ihr Anteil an den eLb {pop} ({source})"
ERR_NO_PLAN_SHEET = ("kein Blatt '{sheet}' (in älteren Plänen: '{old}'); ein Plan kommt aus `amip optimize --output`; "
                     "Blätter: {sheets}")
XL_FOOTER = "Fall {case} · Szenario {scenario} · {date} · Eingabe-Hash {hash}"
XL_FOOTER_PLAIN = "amip · {date}"
XL_PAGE = "Blatt &A · Seite &P von &N"
XL_FORMULA_NOTE = ("Kosten und Integrationen sind Formeln (Eintritte × Kosten bzw. Quote): ändern Sie 'davon neu', "
                   "rechnet die Tabelle neu; gespeichert sind auch die Werte.")
HELP_DIALECT = ("CSV-Dialekt bei --format csv: plain (Komma, Dezimalpunkt, für Programme; Voreinstellung) oder de "
                "(Semikolon, Dezimalkomma, UTF-8 mit BOM: öffnet sich in deutschem Excel).")
HELP_REPORT = ("Entscheidungsvorlage für die Trägerversammlung (eine bis zwei A4-Seiten): der Plan in einem Satz mit "
               "seiner Spanne, Plan gegen Vorjahresplan je Handlungsfeld, die größten Verschiebungen mit Begründung, "
               "der Preis jeder Zusage, die Schätzungen und die Robustheit. Als HTML oder PDF (nach der Endung).")
HELP_REPORT_OUTPUT = "Zieldatei: vorlage.html (eigenständig) oder vorlage.pdf (WeasyPrint)."
ERR_REPORT_SUFFIX = "die Vorlage wird als .html oder .pdf geschrieben, nicht als '{suffix}'"
ERR_REPORT_INFEASIBLE = "kein zulässiger Plan: für eine Vorlage erst die Diagnose von `amip optimize` beheben"
ERR_PDF_ENGINE = ("PDF braucht WeasyPrint (pip install weasyprint) und Pango (.ci/system-packages); "
                  "ersatzweise --output vorlage.html: {why}")
REPORT_TITLE = "Entscheidungsvorlage: Eingliederungsmittel {year} · {case}"
REPORT_SUB = "Für die Trägerversammlung · Szenario {scenario} · erstellt {date} · amip {version}"
REPORT_H_PLAN = "Der Plan in einem Satz"
REPORT_PLAN = ("Mit dem Neufallbudget von {budget} sieht der Plan {entries} Eintritte in {n} Maßnahmen vor und "
               "lässt {integrations} Integrationen ({effect}) erwarten{range}; das sind {delta} "
               "gegenüber dem bisherigen "
               "Plan der Maßnahmentabelle ({planned}).")
REPORT_RANGE = " (P5–P95 {p5} bis {p95}{rounded}, {draws} Ziehungen der Quoten aus ihren Spannen)"
REPORT_H_FIELDS = "Plan gegen bisherigen Plan je Handlungsfeld"
REPORT_FIELD_COLS = ("Handlungsfeld", "Kosten bisher", "Kosten Plan", "Δ Kosten", "Integrationen bisher",
                     "Integrationen Plan")
REPORT_CHART_FIELDS = "Kosten je Handlungsfeld: bisher (hell) und Plan (dunkel)"
REPORT_CHART_SHIFTS = "Verschiebungen in Euro: mehr (blau), weniger (rot)"
REPORT_H_SHIFTS = "Die {n} größten Verschiebungen"
REPORT_SHIFT_COLS = ("Maßnahme", "Eintritte bisher → Plan", "Δ Kosten", "Begründung")
REPORT_WHY_FIXED = "{dir}: Eintritte ohne neue Mittel (vorgebunden oder außerhalb des Budgets)"
REPORT_MORE, REPORT_LESS = "mehr", "weniger"
REPORT_H_POLICY = "Was jede Zusage kostet"
REPORT_POLICY_TOTAL = ("Alle Zusagen zusammen kosten {price} Integrationen: ohne sie ließe dasselbe Budget {free} "
                       "erwarten. Der Preis einer Zusage ist, was der Plan ohne sie mehr brächte.")
REPORT_LIMITS = ("Grenzen der Vorbindungen (was die Neueintritte von späteren Jahren binden dürfen; Quelle je Grenze "
                 "im Excel-Blatt Planung): {items}.")
REPORT_LIMIT_ITEM = "{year} ≤ {limit}, der Plan bindet {bound}, {cost}"
REPORT_LIMIT_PRICE = "kostet {price} Integrationen"
REPORT_LIMIT_FREE = "kostet nichts"
REPORT_POLICY_NONE = "Der Fall enthält keine politischen Zusagen (Abschnitt policy: der Falldatei)."
REPORT_POLICY_OFF = "Der Plan wurde ohne die Zusagen des Falls gerechnet (--no-policy)."
REPORT_H_ESTIMATES = "Welche Eingaben geschätzt sind"
REPORT_ESTIMATES = ("{n} von {total} Integrationsquoten sind Schätzungen; sie tragen {share} der erwarteten "
                    "Integrationen des Plans. Die größten: {top}.")
REPORT_ESTIMATES_NONE = "Alle Integrationsquoten stammen aus Daten; keine ist geschätzt."
REPORT_NET_ESTIMATE = ("Die Nettoeffekte (wie viele Integrationen die Maßnahmen verursachen) sind überwiegend "
                       "Schätzungen aus der Wirkungsforschung.")
REPORT_H_ROBUST = "Wie robust der Plan ist"
REPORT_EFFECTS = ("Gemessen in drei Wirkungsmaßen: brutto {gross} Integrationen (Austritte in Beschäftigung, mit "
                  "Mitnahme), netto {net} (durch die Maßnahmen verursacht{net_range}), nach der Kennzahl § 48a "
                  "{kennzahl}. Optimiert wurden die {active}.")
REPORT_NET_RANGE = "; Spanne {p5} bis {p95}{rounded}"
REPORT_HEADLINE_ROBUST = ("Werden die Quoten aus ihren Spannen gezogen und je Ziehung neu geplant, liegen die "
                          "Integrationen in 90 von 100 Fällen zwischen {about}{p5} und {p95}.")
REPORT_ABOUT = "etwa "    #: before a range rounded coarser than 0,1 (amip.optimizer.headline.shown_unit)
REPORT_BUDGET = ("Das Budget bindet: weitere 100.000 € brächten etwa {per} Integrationen. Bindende Vorgaben: {names}.")
REPORT_NO_BINDING = "keine außer dem Budget"
REPORT_BOUNDS = "dazu {bounds}"
#: the measures at their own bounds, one count everywhere (amip.optimizer.result.BoundsAtLimit, trial finding 14)
BOUNDS_AT_LIMIT = "{n} an ihrer Grenze ({parts})"   # n: counted_noun(…, NOUN_MEASURE)
BOUNDS_UPPER = "{n} an der Obergrenze"
BOUNDS_LOWER = "{n} an einer Untergrenze über 0"
BOUNDS_ZERO = "{n} ohne Neueintritte, Untergrenze 0"
BOUNDS_TERMINAL = "  dazu {bounds}; Liste in --format json (bounds_at_limit) und im Excel-Blatt Restriktionen"
BOUNDS_COMPARE = "{n} an ihrer Grenze"   # n: counted_noun(…, NOUN_MEASURE)
BOUNDS_ONLY = "Keine bindende Restriktion außer den Grenzen der Maßnahmen."
REPORT_FOOT = ("Quellen und alle Zahlen je Maßnahme: amip optimize --output plan.xlsx (Blätter Zuteilung und "
               "Eingaben). Eingabe-Hash {hash}.")
REPORT_PREVIOUS = "bisher"
REPORT_PLAN_WORD = "Plan"
REPORT_DONE = "Entscheidungsvorlage geschrieben: {path}"
HELP_REPORT_FORCE = "Eine vorhandene Zieldatei überschreiben."
# The sensitivity report (HTML): status words, distributions, the plain-German summary.
RANGING_STATE = {"at upper bound": "an der Obergrenze", "unfunded": "ohne Mittel",
                 "at lower bound": "an der Untergrenze", "between bounds": "zwischen den Grenzen"}
DISTRIBUTION = {"triangular": "Dreiecksverteilung", "uniform": "Gleichverteilung", "normal": "Normalverteilung",
                "beta": "Betaverteilung", "fixed": "fest"}
DIST_RANGE = "{name} {low} bis {high}"
DIST_NORMAL = "{name}, 95-%-Intervall {low} bis {high}"
DIST_CENTRE = " (Modus {c})"
DIST_MEAN = " (Mittel {c})"
ROBUST_CRITERION = ("der Plan mit dem besten Mittel der schlechtesten {alpha} der Ziehungen (CVaR): er verzichtet "
                    "auf etwas Erwartung, um schlechte Jahre abzufedern")
SENS_GLANCE = "Auf einen Blick"
SENS_GLANCE_PLAN = "Der Plan lässt {value} Integrationen erwarten; das Neufallbudget von {budget} ist {used}."
SENS_USED_ALL = "voll verplant"
SENS_USED_PART = "zu {share} verplant"
SENS_GLANCE_BUDGET = ("Weitere 100.000 € brächten etwa {per} Integrationen; das gilt für ein Budget von {low} bis "
                      "{high}.")
MC_PRECISION = ("Einzelne Quantile sind auf etwa ±{x} genau (Monte-Carlo-Fehler, dieselbe Regel wie bei der "
                "Schlagzeile: wie weit das Band der sortierten Ziehungen um den Rang des Quantils reicht; je Quantil "
                "±{low} bis ±{x}); Unterschiede zwischen den Plänen sind genauer (Ziehung für Ziehung verglichen "
                "etwa ±{y}), weil alle auf denselben Ziehungen gerechnet sind.")
MC_PRECISION_NOT_FINER = ("Einzelne Quantile sind auf etwa ±{x} genau (Monte-Carlo-Fehler, dieselbe Regel wie bei "
                          "der Schlagzeile: wie weit das Band der sortierten Ziehungen um den Rang des Quantils "
                          "reicht; je Quantil ±{low} bis ±{x}); Ziehung für Ziehung verglichen sind die Unterschiede "
                          "zwischen den Plänen hier nicht genauer (etwa ±{y}).")
MC_PRECISION_ALONE = ("Einzelne Quantile sind auf etwa ±{x} genau (Monte-Carlo-Fehler, dieselbe Regel wie bei der "
                      "Schlagzeile: wie weit das Band der sortierten Ziehungen um den Rang des Quantils reicht; je "
                      "Quantil ±{low} bis ±{x}).")
MC_PRECISION_TOO_FEW = ("Mit {draws} Ziehungen lässt sich nicht angeben, wie genau die Quantile sind: dafür braucht "
                        "es mindestens {min} Ziehungen mit Ergebnis (erst ab so vielen prüft auch die Schlagzeile ihre "
                        "Genauigkeit).")
MC_XL_ERROR = "Monte-Carlo-Fehler ± {q}"
MC_ERROR_ROW = "Monte Carlo: Fehler eines Quantils (größter, P5 / P50 / P95 der drei Pläne)"
MC_ERROR_UNIT = "± Integrationen (Regel der Schlagzeile); Unterschiede der Pläne, Ziehung für Ziehung: ±{y}"
SENS_GLANCE_MC = ("Schwanken die Quoten in ihren Spannen, liegt das Optimum in 90 von 100 Fällen zwischen {p5} und "
                  "{p95} Integrationen; der Plan selbst, unverändert, zwischen {n5} und {n95}.")
SENS_GLANCE_TORNADO = ("Am stärksten hängt das Ergebnis an den Quoten der Gruppe {group}: ±{pct} % bewegen es um "
                       "{low} bzw. {high} Integrationen.")
SENS_GLANCE_HELD = ("{n} Maßnahmen weichen vom Plan der Maßnahmentabelle ab oder bekommen nichts; was sie hält (je "
                    "eine Neulösung mit gelockerter Ursache geprüft): {parts}.")
#: (one, several): the sentence for one measure and for more
SENS_HELD_UPPER = ("{n} stößt an ihre eigene Obergrenze", "{n} stoßen an ihre eigene Obergrenze")
SENS_HELD_ROW = ("„{label}“ hält {n}", "„{label}“ hält {n}")
SENS_HELD_BUDGET = ("{n} nimmt das letzte Geld auf", "{n} nehmen das letzte Geld auf")
SENS_HELD_PRICE = ("{n} bekommt nichts, weil ihre Quote für ihre Kosten zu niedrig ist",
                   "{n} bekommen nichts, weil ihre Quote für ihre Kosten zu niedrig ist")
SENS_HELD_OTHER = ("{n} ohne einzelnen Grund (Gleichstand)", "{n} ohne einzelnen Grund (Gleichstand)")
SENS_GLANCE_UNSURE = ("{n} werden nur in einem Teil der Ziehungen gefördert; ihre Förderung ist unsicher.",
                      "{n} wird nur in einem Teil der Ziehungen gefördert; ihre Förderung ist unsicher.")
SENS_FIGURES = "Kennzahlen"
SENS_UNBOUNDED = "unbegrenzt"

# (end of section: Excel, CSV and the decision paper)


# =========================================================================== the national run
# (amip national: all 405 jobcenters, Dask, the joint national LP)

EGT_TOTAL_SOURCE = "ESTIMATE: Bundessumme {total} € (--total) statt 5,005 Mrd. €; Anteile wie folgt – {source}"
NAT_RATE_SOURCE = ("ESTIMATE, Index nach der " + IQ + ": Quote × {factor} = K2 {k2} % ({basis}) / Bundeswert "
                   "{bund} %; {index_source}; Grundlage: {source}")
INDEX_NOT_NUMBER = "'{value}' ist keine Zahl (Integrationsquote in Prozent, z. B. 24.8)"
INDEX_NOT_POSITIVE = "'{value}': die Integrationsquote muss größer als 0 sein (sonst wäre der Quotenfaktor ≤ 0)"
INDEX_COLUMNS = "Spalten fehlen: {missing} (erwartet: {columns})"
INDEX_UNKNOWN_NR = "Träger-Nr '{nr}' steht nicht in der Bundestabelle (amip jobcenters)"
INDEX_TWICE = "Träger-Nr {nr} steht zweimal in der Indextabelle (zuerst in Zeile {first})"
INDEX_NO_SOURCE = "Träger-Nr {nr}: die Quelle ist leer; jede Zahl braucht ihre Fundstelle"
INDEX_MISSING = "{n} Jobcenter fehlen in der Indextabelle (jedes der 405 braucht eine Zeile): {names}"
NAT_INDEX_NOTE = ("Quotenindex: " + IQ + " je Jobcenter ÷ Bundeswert aus {file} "
                  "({own} mit eigenem Wert, {land} mit Landeswert, {bund} mit Bundeswert, Faktor 1); höhere "
                  "Integrationsquote, höhere Quoten (Bayern 30,8 % gegen Bremen 19,0 %, K2 2017)")
NAT_SHARES_NOTE = ("Budgetkette jedes abgeleiteten Jobcenters: Umschichtung in die Verwaltung {umschichtung} der "
                   "EGT-Zuteilung (Bundeswert 2017, ESTIMATE), Vorbindungen {vorbindungen} wie Duisburg 2020 "
                   "(POLICY: kein Bundeswert gefunden), Rückeinnahmen wie Duisburg 2020 (ESTIMATE)")
NAT_POOL_SOURCE = ("ESTIMATE (Index LZB/GSQ): {base} × {factor} (Verhältnis LZB/GSQ des Jobcenters {ratio} zu "
                   "Duisburg {duisburg})")
NAT_DERIVED_NOTE = ("Abgeleitete Kataloge (ESTIMATE): Maßnahmenstruktur und Planungsdaten Duisburg 2020, auf das "
                    "Neufallbudget jedes Jobcenters skaliert; Quoten × Quotenindex nach der " + IQ + ", "
                    "Langzeit-Pools × Verhältnis LZB/GSQ zu Duisburg; keine Zusagen übernommen. Kein Jobcenter plant "
                    "so – die Zahlen zeigen Größenordnungen, keine Pläne.")
NAT_OWN_NOTE = "{n} Jobcenter mit eigenem Fallordner (--cases): {names}"
NAT_DRAWS_NOTE = ("Monte Carlo: {draws} Ziehungen je Jobcenter, je Jobcenter ein eigener Startwert der "
                  "Zufallszahlen aus SeedSequence({seed}); die Ziehungen sind zwischen den Jobcentern unabhängig, "
                  "das Band der Bundessumme ist daher enger als bei gemeinsamen Fehlern der Quoten")
NAT_JOINT_NOTE = ("Gemeinsames Bundes-LP: ein Budget für alle statt des Verteilungsschlüssels, jede Grenze der "
                  "Jobcenter bleibt (Handlungsfelder, Pools, Obergrenzen, PAT, Anteilsgrenzen). Gilt nur für die "
                  "abgeleiteten Kataloge (ESTIMATE): eine Größenordnung dessen, was der Schlüssel kostet")
NAT_EXTRA_MISSING = ("amip national braucht Dask und pyarrow (Extra 'national'): "
                     "pip install 'amip-optimizer[national]' "
                     "(fehlt: {missing})")
NAT_NO_MATCH = "kein Jobcenter passt auf die Auswahl ({what}); alle: amip jobcenters"
NAT_BAD_LAND = "unbekanntes Land '{land}'; bekannt: {known}"
NAT_BAD_TOTAL = "'{value}' ist kein Betrag in Euro > 0 (z. B. 5005000000 oder 5.005.000.000)"
NAT_BAD_SCHEDULER = "--scheduler {address}: kein Dask-Scheduler erreichbar ({problem})"
NAT_SCHEDULER_SCHEME = "das Schema '{scheme}://' wird nicht unterstützt; erlaubt: {allowed}"
NAT_SCHEDULER_FORM = "erwartet wird tcp://RECHNER:PORT"
NAT_SCHEDULER_CONNECT = "Verbindung nicht möglich: {reason}"
NAT_SCHEDULER_CLOSED = "die Gegenstelle hat die Verbindung ohne Antwort geschlossen"
NAT_SCHEDULER_SILENT = "die Gegenstelle nimmt die Verbindung an, antwortet aber nicht binnen {s} s"
NAT_SCHEDULER_NOT_DASK = "die Gegenstelle antwortet nicht wie ein Dask-Scheduler (Antwort beginnt mit '{start}')"
NAT_BAD_WORKERS = ("--workers und --scheduler schließen sich aus: "
                   "die Worker eines bestehenden Clusters stellt der Cluster")
NAT_CASE_NO_NR = ("Fallordner ohne Träger-Nr (jobcenter.traeger_nr in case.yaml): er lässt sich keinem der 405 "
                  "Jobcenter zuordnen")
NAT_CASE_UNKNOWN_NR = "Träger-Nr {nr} steht nicht in der Bundestabelle (amip jobcenters)"
NAT_CASE_TWICE = "Träger-Nr {nr}: zwei Fallordner ({first}, {second})"
NAT_OUTPUT_EXISTS = "{path} gibt es schon; mit --force überschreiben"
NAT_OUTPUT_NOT_DIR = "--output muss ein Ordner sein, keine Datei"
NAT_FAILED = "{n} Jobcenter ohne Ergebnis (übrige vollständig): {names}"
NAT_FAILED_ONE = "Jobcenter {name} ({nr}), Szenario {scenario}: {problem}"
NAT_ENGINE_SEQUENTIAL = "nacheinander, ohne Dask"
NAT_ENGINE_LOCAL = "lokaler Dask-Cluster, {workers} Worker"
NAT_ENGINE_SCHEDULER = "Dask-Cluster {address}"
NAT_WRITTEN = "Geschrieben: {files}"
NAT_HEAD = ("Bundeslauf: {n} Jobcenter, Szenario {scenario}, Bundessumme {total}, {draws} Ziehungen je Jobcenter "
            "({engine}, {seconds} s)")
NAT_TOTALS = ("Summe: {integrations} Integrationen (brutto) aus {spend} Ausgaben; nicht verausgabt {unspent} "
              "(Neufallbudgets {budget})")
NAT_EFFECTS = ("    Wirkung der Pläne: brutto {gross} Integrationen, netto {net} zusätzliche, "
               "§ 48a-Kennzahl {kennzahl} "
               "(optimiert: {effect})")
NAT_BAND = "Monte Carlo der Bundessumme ({effect}): P5 {p5} – P50 {p50} – P95 {p95}"
NAT_JOINT = ("Gemeinsames LP ({effect}): {joint} statt {separate} (+{gain}, {gain_pct}) – so viel gibt der "
             "Verteilungsschlüssel auf")
NAT_MOVES_HEAD = "Größte Verschiebungen im gemeinsamen LP (Ausgaben gegenüber dem Neufallbudget):"
NAT_TABLE_COLUMNS = ("Träger-Nr", "Jobcenter", "Neufallbudget", "Integrationen", "Ausgaben", "je 100.000 €")
NAT_SHEET_SUMMARY = "Übersicht"
NAT_SHEET_JC = "Jobcenter"
NAT_SHEET_MOVES = "Gemeinsames LP"
NAT_SHEET_NOTES = "Hinweise"
NAT_SHEET_FAILED = "Fehler"
NAT_CHART_TITLE = "Integrationen je 100.000 € Neufallbudget, nach Jobcenter sortiert"
NAT_XLS_COLUMNS = ("Träger-Nr", "Jobcenter", "Form", "Land", "Szenario", "Herkunft", "Index LZB/GSQ",
                   "Faktor Quoten", "Neufallbudget €", "Integr. (brutto)", "Ausgaben €", "nicht verausgabt €",
                   "Integr. je 100.000 €", "MC P5", "MC P50", "MC P95")
NAT_MOVE_COLUMNS = ("Träger-Nr", "Jobcenter", "Neufallbudget €", "Ausgaben gemeinsames LP €", "Verschiebung €",
                    "Integrationen getrennt", "Integrationen gemeinsam")
NAT_SUMMARY_ROWS = ("Jobcenter", "Szenario", "Bundessumme €", "Ziehungen je Jobcenter", "Neufallbudgets €",
                    "Integrationen (brutto)", "Ausgaben €", "nicht verausgabt €", "MC P5", "MC P50", "MC P95",
                    "Gemeinsames LP: Integrationen", "Getrennt: Integrationen", "Kosten des Schlüssels (Integrationen)")
NAT_SOURCE_DERIVED = "abgeleitet"
NAT_SOURCE_OWN = "eigener Fall"
HELP_NAT_INDEX = ("Eigene Indextabelle der Integrationsquoten (CSV wie amip/data/national/integrationsquote-k2.csv: "
                  "traeger_nr, jobcenter, k2_pct, k2_bund_pct, basis, source; jedes der 405 Jobcenter eine Zeile)")
HELP_NATIONAL = ("Bundeslauf: alle 405 Jobcenter (oder eine Auswahl) mit abgeleiteten Katalogen, auf Dask verteilt, "
                 "dazu das gemeinsame Bundes-LP (was der Verteilungsschlüssel kostet). Braucht das Extra 'national'.")
HELP_NAT_WORKERS = "Worker des lokalen Dask-Clusters (Standard: ein Worker je Kern); 0 = ohne Dask, nacheinander."
HELP_NAT_SCHEDULER = "Adresse eines laufenden Dask-Schedulers (z. B. tcp://10.0.0.5:8786) statt eines lokalen Clusters."
HELP_NAT_DRAWS = "Monte-Carlo-Ziehungen je Jobcenter (0 = keine)."
HELP_NAT_SEED = "Startwert der Ziehungen; jedes Jobcenter bekommt einen eigenen aus SeedSequence(seed).spawn(n)."
HELP_NAT_OUTPUT = "Ordner für jobcenters.parquet (eine Zeile je Jobcenter) und die Excel-Übersicht national.xlsx."
HELP_NAT_TOTAL = "Bundessumme der Eingliederungsmittel in Euro (Standard: Zuteilung 2022, 5,005 Mrd. €, BIAJ)."
HELP_NAT_LAND = ("Nur Jobcenter dieses Landes "
                 "(Kürzel wie NW, BY, oder die zwei Ziffern der Träger-Nr); mehrfach möglich.")
HELP_NAT_FORM = "Nur gemeinsame Einrichtungen (gE) oder zugelassene kommunale Träger (zkT)."
HELP_NAT_SEARCH = "Nur Jobcenter, deren Name oder Träger-Nr dies enthält; mehrfach möglich."
HELP_NAT_CASES = "Eigene Fallordner (amip init), die den abgeleiteten Fall ihres Jobcenters ersetzen; mehrfach möglich."
HELP_NAT_SCENARIO = "Szenario (Name oder Datei) für jedes Jobcenter; mehrfach möglich (Standard: base)."
HELP_NAT_NO_JOINT = "Ohne das gemeinsame Bundes-LP."
HELP_NAT_QUIET = "Kein Fortschrittsbalken."
HELP_NAT_FORCE = "Bestehende Dateien im --output-Ordner überschreiben."

# (end of section: the national run)


# =========================================================================== general

# --- German throughout, terminal output (issue 17 A) -------------------------------------------
#: click's own words (its gettext message ids) → German; amip.cli installs them for every command.
CLICK_DE = {
    "Usage:": "Aufruf:",
    "Options": "Optionen",
    "Commands": "Befehle",
    "Positional arguments": "Argumente",
    "Show this message and exit.": "Diese Hilfe zeigen und beenden.",
    "Show the version and exit.": "Die Version zeigen und beenden.",
    "%(prog)s, version %(version)s": "%(prog)s, Version %(version)s",
    "Error: {message}": "Fehler: {message}",
    "Try '{command} {option}' for help.": "Hilfe: '{command} {option}'.",
    "Invalid value for {param_hint}: {message}": "Ungültiger Wert für {param_hint}: {message}",
    "Invalid value: {message}": "Ungültiger Wert: {message}",
    "Missing argument": "Argument fehlt",
    "Missing option": "Option fehlt",
    "Missing parameter": "Angabe fehlt",
    "Missing parameter: {param_name}": "Angabe fehlt: {param_name}",
    "Missing {param_type}": "{param_type} fehlt",
    "Missing command.": "Befehl fehlt.",
    "No such command {name!r}.": "Unbekannter Befehl {name!r}.",
    "No such option {name!r}.": "Unbekannte Option {name!r}.",
    "Option {name!r} does not take a value.": "Option {name!r} nimmt keinen Wert.",
    "Option {name!r} requires an argument.": "Option {name!r} braucht einen Wert.",
    "Option {name!r} requires {nargs} arguments.": "Option {name!r} braucht {nargs} Werte.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} nimmt {nargs} Werte.",
    "Got unexpected extra argument ({args})": "Unerwartetes zusätzliches Argument ({args})",
    "Got unexpected extra arguments ({args})": "Unerwartete zusätzliche Argumente ({args})",
    "Did you mean {possibility}?": "Meinten Sie {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Meinten Sie eine von: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} ist nicht {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} ist keine von {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} ist keine gültige Angabe (erwartet: {number_type}).",
    "{value} is not in the range {range}.": "{value} liegt nicht im Bereich {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} gibt es nicht.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} ist ein Ordner.",
    "{name} {filename!r} is a file.": "{name} {filename!r} ist eine Datei.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} ist nicht lesbar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} ist nicht beschreibbar.",
    "Could not open file {filename!r}: {message}": "Datei {filename!r} lässt sich nicht öffnen: {message}",
    "file": "Datei", "directory": "Ordner", "path": "Pfad",
    "default: {default}": "Standard: {default}",
    "required": "erforderlich",
    "Aborted!": "Abgebrochen.",
    "unknown error": "unbekannter Fehler",
    "Choose from:\n\t{choices}": "Zur Wahl:\n\t{choices}",
    "integer": "ganze Zahl", "float": "Zahl",
}
#: InputError's location prefix (file, cell or row, column): the problem follows after ': '.
WHERE_ROW = "Zeile {row}"
WHERE_COLUMN = "Spalte '{column}'"
ERROR = "Fehler: {message}"
#: Constraint display names beside the stable keys (one function: amip.models.labels.display_name).
CON_BUDGET = "Neufallbudget"
CON_FIELD_MIN = "Mindesteintritte {field}"
CON_POOL = "Kundenpool {pool}"
CON_UPPER = "Obergrenze {measure}"
CON_LOWER = "Untergrenze {measure}"
CON_PAT_CAP = "PAT-Deckel für Neufälle"
CON_PAT_PER_ENTRY = "PAT-Entlastung je § 16i-Eintritt"
#: Status words of a measure and of a run.
BUDGET_BASIS_DE = {"new": "neu", "prebought": "vorab gekauft", "mixed": "gemischt", "prior_year": "Vorjahr (fest)"}

HELP_MAIN = ("amip-optimizer: das Neufallbudget eines Jobcenters so auf Maßnahmen verteilen, dass die erwarteten "
             "Integrationen am größten sind.")
HELP_OPTIMIZE = "Die Verteilung lösen (Voreinstellung: Duisburg 2020) und den optimalen Plan zeigen."
HELP_EVALUATE = ("Einen Plan mit denselben Daten und Quoten bewerten: den Plan der Maßnahmentabelle oder eine "
                 "bearbeitete Planmappe (--plan), und ihn mit dem Optimum vergleichen.")
HELP_COMPARE = "Mehrere Szenarien optimieren und nebeneinander zeigen, mit Differenzen zum ersten."
HELP_TRADEOFF = ("Zielkonflikt zweier Ziele (integrations, lzb, llu): das Meiste an B für jedes Niveau von A.")
HELP_SENSITIVITY = "Schattenpreise, Ranging, Budgetkurve, Tornado und Monte Carlo für den optimalen Plan."
HELP_TEMPLATE = ("Eine leere Maßnahmen-Arbeitsmappe schreiben (deutsche Überschriften, Auswahllisten, €-Formate), "
                 "auszufüllen für --measures.")
HELP_SCENARIOS = "Szenariodateien auflisten, zeigen und anlegen."
HELP_SCENARIOS_LIST = "Die mitgelieferten Szenarien mit ihren Eltern und Beschreibungen."
HELP_SCENARIOS_SHOW = "Das aufgelöste Szenario: jeder Wert mit Datei und Zeile, aus der er stammt, und seine Wirkung."
HELP_SCENARIOS_NEW = "Eine kommentierte Szenariodatei schreiben, die von einer anderen erbt (Voreinstellung: base)."
HELP_FEATURE = {
    "staff": ("Steuerungskapazität (Betreuungsschlüssel U25 1:73, Ü25 1:135) als weiche Grenze mit Strafe; "
              "meldet, wenn sie bindet."),
    "groups": "Mindestanteile der Eintritte für Frauen, Alleinerziehende und Geflüchtete (Planungsdatei / Szenario).",
    "returns": ("Abnehmender Ertrag: die Quote sinkt jenseits der geplanten Eintritte (stückweise linear, "
                "weiterhin ein LP)."),
    "integer": ("Ganze Plätze und ganze Klassen (Lose): ein MILP, gezeigt neben seiner LP-Schranke und einem "
                "gerundeten LP-Plan."),
}
HELP_RATES = "Tabelle der Eingliederungsquoten (CSV) statt der mitgelieferten."
HELP_SHEET = "Blatt einer .xlsx-Mappe in --measures (Standard: das erste mit der Maßnahmen-Kopfzeile)."
HELP_SCENARIO = "Name eines mitgelieferten Szenarios oder eine Szenariodatei (YAML)."
HELP_FORCE_OUTPUT = "Eine vorhandene --output-Datei überschreiben."
HELP_FORMAT = "Ausgabeform: table (Tabelle für Menschen), csv oder json (für Programme)."
HELP_FORMAT_TABLE_JSON = "Ausgabeform: table (Tabelle für Menschen) oder json (für Programme)."
HELP_OUTPUT_XLSX = "Eine Excel-Arbeitsmappe (.xlsx) schreiben."
HELP_EXPLAIN = "Erklären, warum Geld übrig bleibt, warum eine Maßnahme nichts bekommt und was bindet."
HELP_GOAL = ("Geringste Netto-Ausgabe, die N eines Ziels erreicht (integrations, lzb, llu), mit den Grenzkosten; "
             "z. B. 'integrations>=5000'.")
HELP_OBJECTIVE = ("Zu maximierende Ziele: 'lzb', Gewichte 'integrations=1,llu=0.0002' (auch 0,0002) oder "
                  "lexikographisch 'integrations>lzb>llu'.")
HELP_TOLERANCE = "Lexikographisch: jedes spätere Ziel darf die früheren diesen Anteil ihres Optimums kosten."
HELP_COMPARE_OUTPUT = ("Eine Arbeitsmappe (.xlsx) schreiben: ein Vergleichsblatt mit Diagrammen und ein Blatt "
                       "je Szenario.")
HELP_POINTS_TRADEOFF = "Punkte der Kurve, vom Optimum für B bis zum Optimum für A."
HELP_TRADEOFF_OUTPUT = "Die Punkte der Kurve als Excel-Arbeitsmappe (.xlsx) schreiben."
HELP_SENS_OUTPUT = "Eine Arbeitsmappe (.xlsx) schreiben: ein Blatt je Analyse, mit Excel-Diagrammen."
HELP_SENS_HTML = "Einen eigenständigen HTML-Bericht (SVG-Grafiken eingebettet) zum Versenden schreiben."
HELP_DRAWS_MC = "Ziehungen der Monte-Carlo-Rechnung."
HELP_SEED = "Startwert der Monte-Carlo-Ziehungen (gleicher Startwert, gleiches Ergebnis)."
HELP_JOBS = "Prozesse für die Budgetkurve und die Ziehungen (gleiches Ergebnis bei jedem Wert)."
HELP_POINTS_FRONTIER = "Punkte der Budgetkurve."
HELP_BUDGET_RANGE = "Bereich der Budgetkurve in Prozent des Neufallbudgets."
HELP_TORNADO_PCT = "Tornado: jede Quotengruppe ± so viele Prozent."
HELP_FORCE_FILES = "Vorhandene Ausgabedateien überschreiben."
HELP_QUIET = "Keine Fortschrittsanzeige."
HELP_TEMPLATE_OUTPUT = "Zu schreibende Arbeitsmappe (.xlsx)."
HELP_FORCE_FILE = "Eine vorhandene Datei überschreiben."
HELP_SCEN_FROM = "Das Szenario, von dem geerbt wird."
HELP_SCEN_OUTPUT = "Zu schreibende Datei (Standard: ./NAME.yaml)."
HELP_SCEN_DESCRIPTION = "Eine Zeile für `amip scenarios list` und die Berichte."
SCENARIO_VARIANT = "Variante von {parent}"

# Messages of the command line.
ERR_NOT_EUR = "'{value}' ist kein Eurobetrag"
ERR_NOT_PLAUSIBLE_BUDGET = "{value} € ist kein plausibles Neufallbudget (muss > 0 und < 1e12 sein)"
ERR_SHEET_NEEDS_XLSX = "--sheet braucht eine .xlsx-Arbeitsmappe, angegeben mit --measures"
ERR_OUTPUT_XLSX = "die Ausgabe muss eine Excel-Datei mit der Endung .xlsx sein"
ERR_GOAL_AND_OBJECTIVE = "--goal und --objective schließen einander aus: ein Ziel minimiert Euro"
ERR_COMPARE_TWO = "compare braucht mindestens zwei Szenarien, z. B. amip compare base downturn-mild"
ERR_COMPARE_EFFECTS = ("die Szenarien optimieren verschiedene Wirkungsmaße ({effects}); ihre Integrationen und deren "
                       "Unterschied wären nicht vergleichbar. --effect für alle setzen oder 'effect:' in den "
                       "Szenarien angleichen")
ERR_COMPARE_SCENARIO = "Szenario '{name}': {message}"
ERR_RANGE = "'{value}' ist kein Bereich wie 50:150 (Prozent des Neufallbudgets)"
ERR_RANGE_ORDER = "'{value}': nötig ist 0 < von < bis ≤ 1000 (Prozent)"
ERR_HTML_SUFFIX = "der HTML-Bericht muss auf .html enden"
ERR_SCENARIO_SUFFIX = "eine Szenariodatei muss auf .yaml enden"
WRITTEN_XLSX = "Excel-Arbeitsmappe geschrieben: {path}"
WRITTEN_DIAGNOSIS_XLSX = "Excel-Arbeitsmappe mit der Diagnose geschrieben: {path}"
WRITTEN_HTML = "HTML-Bericht geschrieben: {path}"
WRITTEN_SCENARIO = "Szenariodatei geschrieben: {path} (erbt von {ref}). Als Nächstes: amip scenarios show {path}"
FEATURES_NOTE = "Befehlszeile: {flags}"
EVAL_OPTIMUM = ("Das Optimum erreicht {best} statt {plan} Integrationen: {gain} ({pct}) bei {best_used} statt "
                "{used} (Neufallbudget {budget}).")
EVAL_SHIFTS = ("Die {n} größten Verschiebungen zum Optimum und warum "
               "(je eine Neulösung mit gelockerter Ursache geprüft):")
EVAL_SHIFT = "  {name} ({id}): {before} → {after} Eintritte, {cost}: {why}"
EVAL_VIOLATED_FIRST = "Achtung: der Plan verletzt {n} Restriktion(en); Liste unter „Verletzte Restriktionen“."
#: Reasons (amip.optimizer.reasons): why a measure moves or stops, one sentence each, from what binds.
RS_MORE, RS_LESS, RS_STOPS = "mehr", "weniger", "bekommt nichts"
RS_ORIGIN = {"POLICY": "Festlegung des Falls", "ESTIMATE": "Schätzung",
             "Kapazität": "Kapazität im Rest des Jahres",
             "Szenario": "Vorgabe des Szenarios", "Planungstabelle": "Maßnahmentabelle", "": "ohne Quelle"}
RS_UPPER_LABEL = "Obergrenze Neueintritte {id}"
RS_LOWER_LABEL = "Untergrenze Neueintritte {id}"
RS_BUDGET_LABEL = "Neufallbudget"
RS_UPPER = ("{dir}, bis zur Obergrenze von {value} Neueintritten ({where}): je 100.000 € bringt sie {per} "
            "Integrationen, das letzte Geld anderswo {marg}; nur die Obergrenze hält sie")
RS_LOWER = ("{dir}, nur die Untergrenze von {value} Neueintritten ({where}): je 100.000 € bringt sie {per} "
            "Integrationen, das letzte Geld anderswo {marg}")
RS_COMMITMENT_UP = "{dir}: {label} bindet und hält sie, sonst bekäme sie {then}"
RS_COMMITMENT_DOWN = "{dir}: {label} bindet und verlangt sie, sonst bekäme sie {then}"
RS_LINK_UP = "{dir}: die {label} bindet, sonst bekäme sie {then}"
RS_LINK_DOWN = "{dir}: die {label} bindet, sonst bekäme sie {then}"
RS_ROW_UP = "{dir}: die Vorgabe „{label}“ bindet, sonst bekäme sie {then}"
RS_ROW_DOWN = "{dir}: die Vorgabe „{label}“ bindet und verlangt sie, sonst bekäme sie {then}"
#: what the measure would get with its cause relaxed: "noch" where that goes on the way it moved (trial finding 13)
RS_THEN = {("up", False): "mehr", ("up", True): "noch mehr", ("down", False): "weniger", ("down", True): "noch weniger"}
RS_BUDGET_UP = ("{dir}: sie nimmt das letzte Geld auf: je 100.000 € bringt sie {per} Integrationen, so viel wie das "
                "letzte Geld; mit 1 % mehr Budget bekäme sie {then}")
RS_BUDGET_UP_ROWS = ("{dir}: sie nimmt das letzte Geld auf (je 100.000 € bringt sie {per} Integrationen, das letzte "
                     "Geld {marg}; dazwischen stehen bindende Vorgaben); mit 1 % mehr Budget bekäme sie {then}")
RS_BUDGET_STOPS = ("{dir}: je 100.000 € bringt sie {per} Integrationen, genau so viel wie das letzte Geld; mit 1 % "
                   "mehr Budget bekäme sie Geld")
RS_BUDGET_STOPS_ROWS = ("{dir}: je 100.000 € bringt sie {per} Integrationen, das letzte Geld {marg} (dazwischen stehen "
                        "bindende Vorgaben); mit 1 % mehr Budget bekäme sie Geld")
RS_BUDGET_DOWN = ("{dir}: sie gibt Geld an Ergiebigeres ab; mit 1 % mehr Budget bekäme sie {then}, das letzte Geld "
                  "bringt {marg} Integrationen je 100.000 €")
#: a measure that gets more than planned, but less with more budget: the tight budget is why it gets more
RS_BUDGET_DOWN_MORE = ("{dir}, solange das Budget knapp ist: mit 1 % mehr Budget bekäme sie weniger, das Geld ginge "
                       "an Ergiebigeres (das letzte Geld bringt {marg} Integrationen je 100.000 €)")
RS_PRICE = ("{dir}: je 100.000 € bringt sie {per} Integrationen, das letzte Geld anderswo {marg}; erst ab "
            "{rate_word} von {needed} % bekäme sie Geld")
RS_OPEN = "{dir}: kein einzelner Grund ermittelt (ganzzahlige Planung, Gewichte oder Zielvorgabe)"
RS_PRICE_ROWS = ("{dir}: je 100.000 € bringt sie {per} Integrationen, doch die bindenden Vorgaben zusammen machen "
                 "sie teurer; erst ab {rate_word} von {needed} % bekäme sie Geld")
#: what the price reason names as the rate a measure would need, per optimised effect measure
RS_RATE_WORD = {"gross": "einer Quote", "net": "einem Nettoeffekt", "kennzahl": "einer Zählquote (§ 48a)"}
RS_TIE = ("ohne eindeutigen Grund: andere Pläne bringen genau so viel (ein Gleichstand), die Wahl zwischen ihnen "
          "ist kein Grund")
#: --explain (amip.optimizer.explain).
EX_UNSPENT = ("{left} des Neufallbudgets bleiben ungenutzt: keine Maßnahme, die Integrationen bringt, kann weitere "
              "Eintritte aufnehmen. {n} Maßnahmen sind an ihrer Obergrenze")
EX_UNSPENT_BINDING = "; es binden: {items}"
EX_USED = ("Das Neufallbudget wird ganz verplant: es bindet; je weitere 100.000 € kämen {price} Integrationen "
           "hinzu.")
EX_BINDS_EUR = "{label} bindet: je weitere 100.000 € ändert sich der Zielwert um {dual}."
EX_BINDS_ENTRY = "{label} bindet: je weiteren Eintritt dieser Grenze ändert sich der Zielwert um {dual}."
EX_NOTHING = "bekommt nichts"
EX_ONLY_LOWER = "bekommt nur ihre Untergrenze"
EX_UNFUNDED = ("{name} ({id}) {what}: bei {cost} netto je Eintritt und einer Quote von {rate} % bringt sie "
               "{yield_} Integrationen je 100.000 €, das Budget bringt anderswo {price}. Ihre Quote müsste um "
               "{points} Punkte auf {needed} % steigen, bevor sie Geld bekommt (reduzierte Kosten {rc} je Eintritt).")
EX_CAPPED = ("{name} ({id}) ist an ihrer Obergrenze von {upper} Neueintritten ({where}); jeder weitere Eintritt "
             "brächte {rc} zum Zielwert.")
EX_REASON = "{name} ({id}) {text}."
EX_HEAD = "Erklärung (--explain):"
EX_UNFUNDED_HEAD = "{n} Maßnahmen ohne neue Mittel; die {shown} knappsten:"
EX_UNFUNDED_HEAD_ALL = "{n} Maßnahmen ohne neue Mittel, die knappsten zuerst:"
EX_CAPPED_HEAD = ("{upper} Maßnahmen an ihrer Obergrenze, bei {n} davon brächte ein weiterer Eintritt mehr; die "
                  "{shown} wertvollsten:")
EX_CAPPED_HEAD_ALL = ("{upper} Maßnahmen an ihrer Obergrenze, bei {n} davon brächte ein weiterer Eintritt mehr, die "
                      "wertvollsten zuerst:")
EX_MORE = "(alle in --format json, Schlüssel 'explain')"
#: The infeasibility diagnosis (amip.optimizer.diagnose).
DG_NO_PLAN = "kein Plan erfüllt alle Restriktionen."
DG_CONFLICTS = "Widersprüchliche Restriktionen: {items}."
DG_CHANGES = "Kleinste Änderungen, die einen Plan zulassen:"
DG_CHANGES_ONE = "Kleinste Änderung, die einen Plan zulässt:"
#: several changes, none enough alone (each alone re-solved); all together re-solved feasible
DG_CHANGES_TOGETHER = ("Kleinste Änderungen, die einen Plan zulassen – nur zusammen: {together} gibt es "
                       "einen Plan (Neulösung geprüft), mit keiner allein:")
DG_TOGETHER_TWO = "mit beiden zusammen"
DG_TOGETHER_N = "mit allen {n} zusammen"
DG_CHANGES_UNVERIFIED = ("Kleinste Änderungen laut Relaxierung – eine Neulösung mit allen zusammen fand dennoch "
                         "keinen Plan (Rundung); die Angaben je Änderung sind jede für sich neu gelöst:")
DG_ALONE_OK = "reicht allein (Neulösung geprüft)"
DG_ALONE_NEED = "allein reicht das nicht; allein müsste der Wert auf {needed} {move} (Neulösung geprüft)"
DG_UP, DG_DOWN = "steigen", "sinken"
DG_ALONE_NONE = ("allein reicht keine Änderung dieses Werts: auch ganz ohne diese Grenze gibt es keinen Plan "
                 "(Neulösung)")
DG_RAISE, DG_LOWER = "erhöhen", "senken"
DG_CHANGE = "{what} {verb} um {amount}: von {current} auf {needed}"
DG_ENTRIES = "{n} Eintritte"
DG_WHAT_BUDGET = "das Neufallbudget"
DG_WHAT_FIELD_MIN = "die Mindesteintritte von {field}"
DG_WHAT_POOL = "den Kundenpool {pool}"
DG_WHAT_LOWER = "die Untergrenze der Neueintritte von '{id}'"
DG_WHAT_UPPER = "die Obergrenze der Neueintritte von '{id}'"
DG_AND = " und "
DG_WHAT_GOAL = "das Ziel „{target}“"
DG_GOAL_LABEL = "Ziel „{target}“"
DG_UNIT = {"integrations": "Integrationen", "persons": "Personen"}
DG_LOWER_BOUNDS = "die Untergrenzen der Maßnahmen"
DG_ALL_LIMITS = "alle Grenzen zusammen"
DG_NEED = ("{label}: brauchen mindestens {need} für Neueintritte (nach der PAT-Entlastung), es bleiben aber nur "
           "{avail} des Neufallbudgets von {budget} nach den festen Posten ohne Eintritte von {fixed}; vorab "
           "gekaufte Plätze sind schon bezahlt")
DG_FIELD = ("das Minimum von {min} Eintritten in {field} ist nicht erreichbar: innerhalb der übrigen Grenzen "
            "erreicht {field} höchstens {most} Eintritte (davon {fixed} vorab gekauft oder außerhalb des Budgets "
            "finanziert)")
DG_PAT_CAP = "die PAT-Entlastung für Neufälle ist auf {cap} gedeckelt"
#: --objective and --goal.
OBJ_UNKNOWN_TARGET = "{option} '{spec}': unbekanntes Ziel '{name}'; bekannt: {known}"
OBJ_TOLERANCE = "--tolerance muss in [0, 1) liegen, nicht {v}"
OBJ_TWICE = "--objective '{spec}': ein Ziel kommt zweimal vor"
OBJ_WEIGHT = "--objective '{spec}': das Gewicht '{w}' von {t} ist keine Zahl ≥ 0"
OBJ_ZERO = "--objective '{spec}': mindestens ein Gewicht muss > 0 sein"
GOAL_FORMAT = "--goal '{spec}': bitte ZIEL>=ZAHL schreiben, z. B. integrations>=4500 (Ziele: {targets})"
#: amip tradeoff.
TRADEOFF_SHEET = "Zielkonflikt"
TRADEOFF_TITLE = "Zielkonflikt {a} ↔ {b} · Fall {case} · Szenario {scenario}"
TRADEOFF_POINT = "Punkt"
TRADEOFF_RATE = "Δ {b} je Δ {a}"
#: the targets' short names for column titles and sentences (the JSON and CSV keep integrations, lzb, llu)
TARGET_SHORT = {"integrations": "Integrationen", "lzb": "LZB-Abbau", "llu": "LLU (€)"}
TRADEOFF_SLOPE = "Steigung"
TRADEOFF_NOTE = ("Erster Punkt: das Optimum für {b}; letzter: das Optimum für {a}. Dazwischen: das Meiste an {b}, "
                 "das bei mindestens so viel {a} möglich ist (ε-Schranke, ein warmes Modell). "
                 "Steigung: Δ {b} je Δ {a}.")
#: Source notes for a reader (amip.models.sources.for_reader).
SRC_SEED_LINES = "AmIp 2020 Duisburg, Z. {lines}"
SRC_LINES = "Z. {lines}"
SRC_SEED_SECTION = "AmIp 2020 Duisburg, Abschn. {section}"
#: the seed document named as a word ('keine Zahl des Seeds', 'der Seed nennt nur'): project jargon a
#: Trägerversammlung does not know
SRC_SEED_WORD = "AmIp 2020 Duisburg"
SRC_DOMAIN = "Quellensammlung amip-optimizer, Abschn. {section} ({title})"
SRC_RULE_FILE = "Regeldatei: "
SRC_CASE_FILE = "Falldatei: "
SRC_DERIVED = "abgeleitet"
DOMAIN_SECTIONS = {
    "1": "Rechtsrahmen", "1.1": "§ 46 SGB II, Gesamtbudget", "1.2": "Eingliederungsmittel-Verordnung",
    "1.3": "Verpflichtungsermächtigungen und Vorbindungen", "1.4": "Regeln der Instrumente",
    "1.5": "Passiv-Aktiv-Transfer", "1.6": "§ 44c SGB II, Arbeitsmarkt- und Integrationsprogramm",
    "2": "Eingliederungsquoten", "2.1": "Begriffe", "2.2": "Brutto-Eingliederungsquoten je Instrument",
    "2.3": "kausale Effekte", "3": "Abschwung", "3.1": "belegte Zahlen zum Abschwung",
    "3.2": "Szenariofaktoren für den Abschwung, ESTIMATE", "4": "Programme anderer Jobcenter",
    "7": "Nettoeffekte und Mittelabfluss", "7.1": "Nettoeffekte je Instrument", "7.2": "Zählweise nach § 48a SGB II",
    "7.3": "Mittelabfluss im Jahr", "7.4": "Verteilungsschlüssel und Bundesdaten", "7.5": "Regeländerungen nach 2020",
}
#: Messages of the reading layer, the measure table and the output files, in German (issue 17 A).
WHAT_DE = {"case file": "Falldatei", "measure table": "Maßnahmentabelle", "scenario file": "Szenariodatei",
           "rate table": "Quotentabelle", "measures": "Maßnahmentabelle", "rule file": "Regeldatei",
           "effect table": "Nettoeffekt-Tabelle", "case workbook": "Fall-Arbeitsmappe",
           "actuals workbook": "Ist-Arbeitsmappe", "case": "Fall", "plan workbook": "Planmappe",
           "history": "Ergebnis-Historie", "planning file": "Planungsdatei", "index table": "Indextabelle",
           "workbook": "Arbeitsmappe", "actuals": "Ist-Datei"}
RD_NOT_FOUND = "{what} nicht gefunden"
RD_IS_DIR = "{what} ist ein Ordner, keine Datei"
RD_CANNOT_READ = "{what} lässt sich nicht lesen: {reason}"
RD_BINARY = "{what} ist eine Binärdatei, kein Text"
RD_EMPTY = "{what} ist leer"
RD_CELLS = "{n} Zellen, aber die Kopfzeile hat {m} Spalten"
RD_NO_ROWS = "{what} hat eine Kopfzeile, aber keine Zeilen"
RD_VALUE_MISSING = "Wert fehlt"
RD_NOT_FINITE = "'{text}' ist keine endliche Zahl"
RD_NOT_NUMBER = "'{text}' ist keine Zahl"
RD_YAML_TOP = "{what} muss auf oberster Ebene eine YAML-Zuordnung sein"
OUT_IS_DIR = "der Ausgabepfad ist ein Ordner, keine Datei"
OUT_NO_DIR = "der Ausgabeordner '{folder}' existiert nicht"
OUT_EXISTS = "die Ausgabedatei gibt es schon; mit --force wird sie überschrieben"
OUT_NOT_WRITABLE = "der Ausgabeordner '{folder}' ist nicht beschreibbar"
LD_NEGATIVE = "{v} ist negativ; erlaubt sind Werte ≥ 0"
LD_TOO_LARGE = "{v} € ist unplausibel groß (mehr als {max} €)"
LD_MISSING_COLS = "Spalte(n) fehlen: {missing}; nötig: {required}"
LD_UNKNOWN_COLS = "unbekannte Spalte(n) {cols}; erlaubt: {allowed}"
LD_DUP_COLS = "doppelte Spalte(n) {cols}"
LD_OUTSIDE_01 = "{v} liegt außerhalb von [0, 1]"
LD_DUP_ID = "doppelte Kennung '{id}' (zuerst in Zeile {row})"
LD_UNKNOWN_FIELD = "unbekanntes Handlungsfeld '{v}'; bekannt: {known}"
LD_UNKNOWN_BASIS = ("unbekannte Budgetbasis '{v}'; bekannt: {known} "
                    "(auch: neu, gemischt, vorab eingekauft, Vorjahr, außerhalb)")
LD_UNKNOWN_POOL = "unbekannter Pool '{v}'; bekannt: {known}"
LD_RATE_OUTSIDE = "Eingliederungsquote {v} liegt außerhalb von [0, 1]"
LD_RATE_SOURCE = "eine integration_rate braucht ihre rate_source"
SCEN_NOT_FOUND = "Szenariodatei nicht gefunden"
SCEN_IS_DIR = "der Szenariopfad ist ein Ordner"
PLANNING_NOT_FOUND = "Planungsdatei '{name}' nicht gefunden"
SC_UNKNOWN_KEY = "{kind} '{key}' gibt es nicht in der Maßnahmentabelle des Falls"
SC_KINDS = {"field": "Handlungsfeld", "product_category": "Produktkategorie", "instrument_type": "Instrumententyp",
            "measure": "Maßnahme"}
SC_HINT = "; meinten Sie '{hint}'?"
SC_KNOWN = "; bekannt: {listing}"
SC_MORE = " … ({n} insgesamt)"
WB_NO_HEADER = "keine Kopfzeile mit den Spalten {cols} in den ersten {n} Zeilen"
WB_HEADER_LACKS = ("die Kopfzeile in {cell} hat nicht alle nötigen Spalten; es fehlen: {missing} (umbenannte "
                   "Überschrift? die Überschriften der Vorlage schreibt `amip template`)")
WB_HEADER_UNKNOWN = "; nicht erkannte Überschriften: {names}"
WB_NO_SHEET_WITH_HEADER = "kein Blatt hat die Kopfzeile der Maßnahmentabelle: {problem}; Blätter: {sheets}"
WB_COLUMN_TWICE = ("eine Spalte steht zweimal in der Kopfzeile: {columns} (deutsche und englische Überschrift "
                   "derselben Spalte?); eine davon löschen")
WB_SHEET_EMPTY = " (das Blatt ist leer)"
WB_NO_SHEET = "kein Blatt '{sheet}'; Blätter: {names}"
WB_SHEET_AMBIGUOUS = ("'{sheet}' passt auf mehrere Blätter ('{names}'), die sich nur in Groß-/Kleinschreibung, "
                      "Leerzeichen oder der Unicode-Form unterscheiden; bitte eines umbenennen")
WB_ERROR_VALUE = ("die Zelle enthält den Excel-Fehlerwert {value} (eine Formel ist fehlgeschlagen); bitte die "
                  "Formel in Excel korrigieren oder einen Wert eintragen")
WB_BOOL_IN_NUMBER = "die Zelle enthält einen Wahrheitswert ({value}), keine Zahl"
WB_TRUE = "WAHR"
WB_FALSE = "FALSCH"
WB_DATE_IN_NUMBER = ("die Zelle enthält ein Datum ({value}), keine Zahl; bitte in Excel das Zellformat „Zahl“ "
                     "wählen und den Wert prüfen")
#: Column headers of the terminal tables.
TAB_ID = "ID"
TAB_MEASURE = "Maßnahme"
TAB_FIELD = "HF"
TAB_FIELD_NAME = "Handlungsfeld"
TAB_PLANNED = "Plan"
TAB_ENTRIES = "Eintritte"
TAB_DELTA = "Δ"
TAB_COST_PER_ENTRY = "€/Eintritt"
TAB_COST = "Kosten"
TAB_COST_YEAR = "Kosten {year}"
TAB_TOTAL_COST = "Gesamtkosten"
TAB_COST_PER_INTEGRATION_TOTAL = "Gesamt/Integr."
TAB_INTEGRATIONS = "Kohorte"   #: integrations the year's entries produce in all, also in later years
TAB_IN_YEAR = "im Jahr {year}"         #: of those, the integrations that happen in the plan year
TAB_INTEGRATIONS_NOTE = ("Kohorte = Integrationen der Eintrittskohorte {year}, auch in späteren Jahren; "
                         "im Jahr {year} = davon die Integrationen, die im Jahr {year} geschehen.")
#: Integrations by the year they happen, and the § 48b view (issue 26; amip.models.timing)
TIMING_AFTER_EXIT = ("ESTIMATE: Eingliederungsquote = sozialversicherungspflichtig beschäftigt sechs Monate nach "
                     "Austritt (§ 54 SGB II i.V.m. § 11 SGB III); die Aufnahme gleichmäßig über die sechs Monate "
                     "nach dem Austritt (Eintritt + erwartete Dauer) verteilt")
TIMING_FROM_ENTRY = ("ESTIMATE: AVGS-MPAV (private Arbeitsvermittlung): die Vermittlung ist die Integration; "
                     "gleichmäßig über die sechs Monate ab Ausgabe des Gutscheins (die Dauer der Maßnahme gilt nur "
                     "der Zahlung der Vergütung, § 45 Abs. 6 SGB III)")
BY_YEAR_LINE = ("Integrationen der Eintrittskohorte ({effect}) nach dem Jahr, in dem sie geschehen: {items} "
                "(Dauer je Maßnahme und sechs Monate der Eingliederungsquote; Schätzung)")
QUOTA_LINE = ("Beitrag der Eintritte {year} zur " + IQ + ": {quota} ({n} Integrationen nach § 48a "
              "im Jahr {year} ÷ {elb} eLb im Jahresdurchschnitt). Nur die Eintritte des Plans: Integrationen ohne "
              "Maßnahme und aus Eintritten früherer Jahre sind nicht modelliert – ein Beitrag, nicht die Quote.")
QUOTA_PUBLISHED = ("Veröffentlichte " + IQ + " zum Vergleich: {pct}, Grundlage: {basis}; Quellen weiter "
                   "unten unter „Quellen zur " + IQ + "“")
QUOTA_SOURCES_HEAD = "Quellen zur " + IQ
QUOTA_SOURCES = "eLb im Jahresdurchschnitt: {elb_source}"
QUOTA_PUBLISHED_SOURCE = "veröffentlichte " + IQ + ": {source}"
QUOTA_NO_ELB = ("Integrationen nach § 48a im Jahr {year} aus den Eintritten des Plans: {n}; für den Beitrag zur "
                + IQ + " fehlt die Zahl der eLb im Jahresdurchschnitt (Schlüssel "
                "kennzahlen.elb_average im Fall).")
TAB_MINIMUM = "Minimum"

# (end of section: general)


# =========================================================================== the year as it runs:
# actuals (Ist), Hochrechnung, lapsing money, re-plan (issue 18)

IST_TITLE = "Hochrechnung {year} zum Monatsende {month}: Ist bis Monat {m}"
IST_PROFILE = "Profil: {profile}"
IST_SPEND = ("Ausgaben bis Monat {m}: {actual}. Hochrechnung zum Jahresende: {spend} "
             "(Spanne {low} bis {high}) gegenüber dem Plan {plan}; Neufallbudget {budget}.")
#: Carry-over (trial finding 16): § 46 SGB II gives the jobcenter no carry-over; unspent money becomes federal
#: Ausgabereste (Kap. 1101 Tit. 685 11) which the next year's EinglMV distributes by its key to all jobcenters,
#: e.g. EinglMV 2018 § 1 Abs. 1 'Die Verteilung der Mittel, die im Bundeshaushalt 2018 in Kapitel 1101 Titelgruppe
#: 01 Titel 685 11 für Leistungen zur Eingliederung in Arbeit veranschlagt sind, einschließlich zur Verfügung
#: stehender Ausgabereste in Höhe von bis zu 350 Millionen Euro, … erfolgt nach den in den Absätzen 2 bis 6
#: festgelegten anderen und ergänzenden Maßstäben', or moves to Verwaltungskosten (EinglMV 2024 § 1 Abs. 1 Satz 2:
#: 'Die verbindlich … zur Verfügung stehenden Ausgabereste werden zur Verstärkung der Mittel für Verwaltungskosten …
#: eingesetzt'); o-ton 10.4.2014: 'Die Jobcenter erhalten nicht die Beträge zurück, die sie im Vorjahr eingespart
#: haben. Die Verteilung folgt der Logik der Eingliederungsmittelverordnung.' (domain.md §7.3)
IST_CARRY_OVER = ("das Jobcenter kann sie nicht ins nächste Jahr mitnehmen: § 46 SGB II sieht keine Übertragung an "
                  "das Jobcenter vor. Nicht verausgabte Eingliederungsmittel werden Ausgabereste des Bundes (Kap. 1101 "
                  "Tit. 685 11); die Eingliederungsmittel-Verordnung eines Folgejahres verteilt sie, wenn überhaupt, "
                  "nach ihrem Schlüssel auf alle Jobcenter (EinglMV 2018 § 1 Abs. 1: „einschließlich zur Verfügung "
                  "stehender Ausgabereste“) oder schlägt sie den Verwaltungskosten zu (EinglMV 2024 § 1 Abs. 1 "
                  "Satz 2); das Jobcenter, das gespart hat, bekommt sie nicht zurück")
IST_LAPSE = "Verfallende Mittel zum Jahresende: {lapse} (Spanne {low} bis {high}); " + IST_CARRY_OVER + "."
IST_OVERRUN = "Überschreitung des Neufallbudgets zum Jahresende: {overrun} (Hochrechnung; Spanne {low} bis {high})."
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
IST_FLOW_HEADERS = ("Monat", "Plan (kumuliert, €)", "Ist (kumuliert, €)", "Hochrechnung (€)",
                    "Hochrechnung niedrig (€)",
                    "Hochrechnung hoch (€)", "Neuplanung (€)")
IST_CHART_TITLE = "Mittelabfluss {year}: Plan, Ist, Hochrechnung und Neuplanung (kumuliert)"
IST_CHART_Y = "Euro (kumuliert)"
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

ACT_NOT_A_NUMBER = "{what}: {problem}"   # problem: reading.number_problem (the workbook's hint)
ACT_NEGATIVE = "{what}: {value} ist negativ"
ACT_NO_HEADER = ("keine Kopfzeile mit der Spalte 'Maßnahme-ID' in den ersten 30 Zeilen (siehe "
                 "`amip template --actuals`)")
ACT_MONTH_RANGE = "Monat {month} liegt außerhalb von 1–12"
ACT_MONTH_YEAR = "der Spaltenkopf '{header}' nennt das Jahr {year}; der Fall plant {case_year}"
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
                    "§7.3; spending-curve.csv)")
PROFILE_OWN_CURVE = "ESTIMATE: kumulierte Ausgabenkurve aus eigenen Punkten ({file})"
PROFILE_FITTED = ("{what}, geglättet: das Monatstempo ändert sich von Januar bis November gleichmäßig ({jan} bis "
                  "{nov} des Jahres je Monat; Dezember {dec}), angepasst an die Punkte der Jahre {first}–{last}, je "
                  "Jahr geteilt durch den Dezemberwert; Spanne: das langsamste ({slow}) und das schnellste Jahr "
                  "({fast}) der Punkte bis November")
CURVE_WHAT = "Ausgabenkurve"
CURVE_BAD_MONTH = "'{value}' ist kein Monat 1 bis 12"
CURVE_BAD_SHARE = "'{value}' ist kein Anteil über 0 und höchstens 1 (z. B. 0.656 für 65,6 %)"
CURVE_NO_DECEMBER = ("Ausgabenkurve ({source}): es fehlt ein Dezemberwert (Monat 12), durch den die Punkte "
                     "geteilt werden")
CURVE_TOO_FEW = ("Ausgabenkurve ({source}): braucht Punkte in mindestens zwei verschiedenen Monaten von Januar "
                 "bis November")
CURVE_NOT_MONOTONE = ("Ausgabenkurve ({source}): die angepasste Kurve steigt nicht von Monat zu Monat bis unter "
                      "den Dezemberwert (Tempo im Januar {a}, Änderung je Monat {b}, Stand November {nov}); "
                      "bitte die Punkte prüfen")
PROFILE_LOCAL = "örtliches Profil aus dem Ist früherer Jahre: {files}"
HISTORY_NOT_DECEMBER = "das Ist eines früheren Jahres muss bis Dezember (Monat 12) reichen, nicht bis Monat {month}"
HISTORY_EMPTY = "das Ist eines früheren Jahres hat keine Ausgaben"
HELP_HTML = "Einen eigenständigen HTML-Bericht schreiben (Mittelabfluss als SVG-Grafik)."
HELP_OUTPUT = "Eine Excel-Arbeitsmappe (.xlsx) schreiben, mit dem Mittelabfluss als Excel-Diagramm."
HELP_HISTORY = ("Vollständiges Ist eines früheren Jahres (mehrfach möglich): örtliches Monatsprofil statt der "
                "bundesweiten Kurve.")
HELP_CURVE = ("Eigene Punkte der kumulierten Ausgabenkurve (CSV wie amip/data/spending-curve.csv: month, "
              "share_of_allocation, years, kind, source); die Kurve wird daraus genauso angepasst.")
CURVE_AND_HISTORY = "--curve und --history schließen sich aus: das Profil kommt entweder aus Punkten oder aus dem Ist"
HELP_MONTH = "Berichtsmonat 1–12 (Standard: der letzte ausgefüllte Monat); spätere Monate müssen leer sein."
HELP_ACTUALS = "Ist-Arbeitsmappe (siehe `amip template --actuals`)."
HELP_TEMPLATE_ACTUALS = ("Die leere Ist-Arbeitsmappe schreiben (Eintritte, Ausgaben, Festlegungen je Monat) für "
                         "`amip ist` / `amip replan`.")
HELP_TEMPLATE_ACTUALS_CASE = "Mit --actuals: die Ist-Arbeitsmappe für diesen Fall (Ordner oder Arbeitsmappe)."
TEMPLATE_CASE_NEEDS_ACTUALS = "--case gilt bei `amip template` nur zusammen mit --actuals"
REPLAN_NEEDS_MONTH = "replan braucht --month M (den letzten Monat des Ist)"
REPLAN_NOTE_FIELD = ("field_min__{field}: {min} Eintritte sind nach Monat {m} nicht mehr erreichbar; gesenkt auf "
                     "{reach}")
REPLAN_NOTE_POOL = "pool__{pool}: die Eintritte bis heute ({used}) übersteigen schon den Pool ({size})"

REPLAN_RAISE, REPLAN_LOWER, REPLAN_HOLD, REPLAN_STOP = "erhöhen", "senken", "halten", "stoppen"
REPLAN_SUMMARY = ("Neuplanung ab Monat {month}: {obj} Integrationen statt {base}, wenn der Plan einfach weiterläuft "
                  "({gain}). Geld für Eintritte nach dem Monat: {rest}; es verfallen {lapse} statt {base_lapse}. "
                  "Davon bringt das sonst verfallende Geld {from_lapse} Integrationen, das Umschichten bei gleichem "
                  "Geld {from_moves}.")
REPLAN_LAPSES = ("Die Hochrechnung oben ({fc} verfallende Mittel) schreibt die Ausgaben mit dem Ausgabenprofil fort; "
                 "die {base} beim Weiterlaufen rechnen dieselben Eintritte im laufenden Tempo mit dem Geld, das jeder "
                 "Eintritt nach dem Monat in diesem Jahr noch kostet, und mit der PAT-Entlastung.")
REPLAN_WHY = "{text}."
REPLAN_PRICE = "Grenzrate des Budgets {price} je 100.000 €"
REPLAN_PRICE_SLACK = "das Budget bindet nicht: es bleibt Geld übrig"
REPLAN_WHY_MONEY_ONLY = "Geldposten ohne Eintritte: läuft wie geplant (oder wie festgelegt)."
REPLAN_WHY_LEAD = ("Hält das laufende Tempo; mehr Eintritte erst nach dem Vorlauf von {lead} Monaten (ab Monat "
                   "{start}), also nicht mehr in diesem Jahr.")
REPLAN_WHY_HOLD_CAP = ("Bringt {yield_} Integrationen je 100.000 € ({price}), ist aber schon an der Kapazität "
                       "(mehr erst ab Monat {start}).")
REPLAN_WHY_HOLD = "Läuft wie geplant: eine Änderung brächte nichts."
REPLAN_HEADERS = ("Maßnahme", "Aktion", "Eintr. weiter so", "Eintr. neu", "Δ Eintr.", "Δ €", "Grund")
REPLAN_SHEET = "Neuplanung"

# (end of section: the year as it runs)


# =========================================================================== validation messages
# (scenario schema, measure / PAT / rate / budget checks, plan workbook, solver and trade-off errors;
# the location — file, Zeile, key path, cell, measure id — comes from InputError / rs.error)

#: The scenario schema: {got} is the value as read ({v:g} for numbers), {allowed} the keys or options.
SCHEMA_NUMBER = "muss eine Zahl sein{unit}, ist {got}"
SCHEMA_TINY = "muss 0 oder mindestens {limit:g} sein, ist {got}"
SCHEMA_FINITE = "muss eine endliche Zahl sein, ist {got}"
SCHEMA_WHOLE = "muss eine ganze Zahl sein, ist {got}"
SCHEMA_MIN = "muss ≥ {min} sein, ist {got}"
SCHEMA_ABOVE = "muss > {above} sein, ist {got}"
SCHEMA_MAX = "muss ≤ {max} sein, ist {got}"
SCHEMA_TEXT = "muss ein Text sein, ist {got}"
SCHEMA_CHOICE = "muss eins von {options} sein, ist {got}"
SCHEMA_PATH = "muss ein Dateipfad sein, ist {got}"
SCHEMA_NAMES = "muss ein Szenarioname oder eine Szenariodatei sein oder eine Liste davon, ist {got}"
SCHEMA_FLAG = "muss true oder false (ja/nein) sein, ist {got}"
SCHEMA_KEYS = "muss {what} oder eine Liste davon sein, ist {got}"
SCHEMA_BREAKPOINTS = "muss eine Liste von Paaren [Vielfaches der geplanten Eintritte, Quotenfaktor] sein, ist {got}"
SCHEMA_BP_PAIR = "Eintrag {i} muss ein Paar [Vielfaches, Faktor] aus Zahlen sein, ist {got}"
SCHEMA_BP_RISE = "Eintrag {i}: die Vielfachen müssen steigen, ist {m} nach {prev}"
SCHEMA_BP_FALL = "Eintrag {i}: die Quotenfaktoren müssen fallen und in [0, 1) liegen, ist {f} nach {prev}"
SCHEMA_FEATURES = "muss eine Liste aus {options} sein, ist {got}"
SCHEMA_TOP = "eine Szenariodatei muss auf oberster Ebene eine YAML-Zuordnung (Schlüssel: Wert) sein"
SCHEMA_UNKNOWN_KEY = "unbekannter Schlüssel; erlaubt sind hier: {allowed}"
SCHEMA_UNKNOWN_KEY_HINT = "unbekannter Schlüssel; meinten Sie '{hint}'? Erlaubt sind hier: {allowed}"
SCHEMA_MISSING_KEY = "Schlüssel '{key}' fehlt"
SCHEMA_MAPPING = "muss eine Zuordnung aus {allowed} sein, ist {got}"
SCHEMA_TABLE = "muss eine Zuordnung {kind} → Einstellungen sein, ist {got}"
SCHEMA_EXACTLY_ONE = "braucht genau eins von {options}"
SCHEMA_EXACTLY_ONE_NOT = ", nicht {present}"
SCHEMA_AT_LEAST_ONE = "braucht mindestens eins von {options}"
SCHEMA_EXCLUDE = "'{a}' und '{b}' schließen einander aus"
#: How a read value is described: nothing, yes/no, or its kind and value.
SCHEMA_NOTHING = "nichts (leerer Wert)"
SCHEMA_YESNO = "ja/nein {v}"
SCHEMA_YES = "(ja: yes/true/on)"
SCHEMA_NO = "(nein: no/false/off)"
SCHEMA_DATE = "ein Datum ({v}; YAML liest JJJJ-MM-TT als Datum)"
SCHEMA_OTHER_KIND = "ein anderer Wert"
SCHEMA_KINDS = {"str": "Text", "int": "Zahl", "float": "Zahl", "dict": "eine Zuordnung", "list": "eine Liste",
                "bytes": "Binärdaten (!!binary)", "bytearray": "Binärdaten (!!binary)", "set": "eine Menge (!!set)"}
#: Units and key kinds of the schema, as shown in its messages.
SCHEMA_WORDS = {
    "% around the reference": "% um den Bezugswert", "%": "%", "EUR per entry": "€ je Eintritt",
    "EUR per month": "€ je Monat", "EUR": "€", "customers per FTE": "Kunden je VZÄ",
    "entries per FTE and year": "Eintritte je VZÄ und Jahr", "entries": "Eintritte",
    "integrations per entry above capacity": "Integrationen je Eintritt über der Kapazität",
    "integrations per entry": "Integrationen je Eintritt", "month": "Monat", "months": "Monate",
    "new entries of the prior year": "Neueintritte des Vorjahres", "new entries": "Neueintritte",
    "percentage points": "Prozentpunkte", "persons": "Personen", "places per class": "Plätze je Klasse",
    "places": "Plätze", "× the scenario's rate": "× die Quote des Szenarios",
    "commitment name": "Festlegungsname", "field of action": "Handlungsfeld", "instrument type": "Instrumententyp",
    "measure id": "Maßnahmen-ID", "product category": "Produktkategorie", "year": "Jahr", "pool": "Pool",
    "BG class": "BG-Klasse",
}

#: Measure, PAT, rate-table and budget checks (the field names stay the keys of the files).
MEASURE_EFFECT = "Maßnahme '{id}': effect muss eins von {options} sein, ist '{got}'"
MEASURE_FINITE = "Maßnahme '{id}': {name} muss eine endliche Zahl sein, ist {got}"
MEASURE_MIN = "Maßnahme '{id}': {name} muss ≥ {min} sein, ist {got}"
MEASURE_RATE = "Maßnahme '{id}': integration_rate muss in [{floor}, 1] liegen, ist {got}"
MEASURE_BOUNDS = "Maßnahme '{id}': die Untergrenze {lower} liegt über der Obergrenze {upper}"
MEASURE_DISTRIBUTION = "Maßnahme '{id}': die Verteilung der Quote muss eins von {options} sein, ist '{got}'"
MEASURE_RANGE = ("Maßnahme '{id}': die Spanne der Quote [{low}, {high}] muss in [{floor}, 1] liegen und die Quote "
                 "{rate} enthalten")
PAT_UNKNOWN = "pat.bg_mix: unbekannte BG-Klasse(n) {unknown}; die Regeldatei kennt {known}"
PAT_NEGATIVE = "pat.bg_mix: die Anteile müssen ≥ 0 sein"
PAT_SUM = "pat.bg_mix: die Anteile müssen sich zu 1 summieren, ihre Summe ist {sum}"
PAT_MONTHS = "pat.months_in_year muss in [0, 12] liegen, ist {got}"
PAT_CAP = "pat.new_cases_cap_eur muss ≥ 0 sein, ist {got}"
RATE_KEY_TYPE = "Quotentabelle: key_type muss eins von {options} sein, ist '{got}'"
RATE_UNIT = "Quotentabelle: {key_type} '{key}': {name} muss in [0, 1] liegen, ist {got}"
RATE_OUTSIDE = "Quotentabelle: {key_type} '{key}': die Quote {rate} liegt außerhalb ihrer Spanne [{low}, {high}]"
RATE_NO_SOURCE = "Quotentabelle: {key_type} '{key}': jede Quote braucht eine Quelle"
BUDGET_NEGATIVE = "Budget: {name} muss eine Zahl ≥ 0 sein, ist {got}"
BUDGET_SUPPORT = ("Budget: die tragfähige Spanne braucht beide Anteile mit unten ≤ 1 ≤ oben, ist {low}–{high}")
BUDGET_CHAIN_NEGATIVE = ("die Budgetkette ergibt ein negatives Neufallbudget von {got}: {chain}. Prüfen Sie diese "
                         "Schlüssel (Falldatei oder Szenario, z. B. Vorbindungen über der EGT-Zuteilung) oder geben "
                         "Sie das Neufallbudget mit --budget vor")
BUDGET_NEUFALL = "Budget: das Neufallbudget muss > 0 € sein, ist {got}"
#: Reading a plan workbook back (the cell comes from InputError).
PLAN_EMPTY = "das Blatt ist leer"
PLAN_NO_COLUMN = "die Spalte '{name}' fehlt in der Kopfzeile"
PLAN_TWICE = "Maßnahme '{id}' steht zweimal im Blatt (zuerst in Zeile {row})"
PLAN_NO_ROWS = "keine Maßnahmenzeilen unter der Kopfzeile"

#: Solver, comparison, trade-off and sensitivity errors (target keys and option flags stay as typed).
COMPARE_EMPTY = "ein Vergleich braucht mindestens ein Szenario und je Name ein Ergebnis"
COMPARE_SAME_NAMES = "die Szenarionamen müssen sich unterscheiden, um verglichen zu werden: {names}"
ROUND_NO_STEP = "Maßnahme '{id}': keine ganze Zahl von Plätzen liegt innerhalb ihrer Grenzen und Klassen"
TRADEOFF_SAME = "ein Zielkonflikt braucht zwei verschiedene Ziele, '{a}' steht zweimal da"
TRADEOFF_INTEGER = "die Zielkonflikt-Kurve rechnet mit dem LP; --integer weglassen"
TRADEOFF_POINTS = "ein Zielkonflikt braucht mindestens 2 Punkte"
TRADEOFF_NO_PLAN = "HiGHS fand keinen Plan bei {a} ≥ {eps}"
TARGETS_LP_NO_OPTIMUM = "die LP-Relaxation des ganzzahligen Modells hat keine optimale Lösung"
WARM_UNSUPPORTED = ("die Sensitivitätsanalyse löst das LP mit anderen Quoten und Budgets neu und deckt {flags} nicht "
                    "ab; ohne diese Optionen ausführen (Zielgruppen und Festlegungsgrenzen sind abgedeckt)")
WARM_NO_OPTIMUM = "das Grundmodell hat keinen optimalen Plan; zuerst `amip optimize --explain` ausführen"
WARM_RANGING = "die Bereichsanalyse (Ranging) von HiGHS schlug fehl (sie braucht eine optimale Basislösung)"
WARM_WORKER_DIED = "ein Arbeitsprozess von --jobs {jobs} ist abgebrochen ({error}); mit --jobs 1 erneut ausführen"
SOLVE_NO_HIGHS = "HiGHS ist nicht verfügbar: das Paket 'highspy' installieren (pip install highspy)"
SOLVE_NOT_OPTIMAL = "HiGHS hielt ohne optimalen Plan an (Status {status})"
MC_NO_ROBUST = "HiGHS fand keinen robusten Plan (CVaR)"
POLICY_NO_RESOLVE = "HiGHS konnte das Grundmodell nicht neu lösen, um die Festlegungen zu bepreisen"

#: Scenario apply / planning / policy errors (the key path comes from rs.error).
SC_COMMIT_NAME = ("ein Festlegungsname darf nur Kleinbuchstaben, Ziffern oder '_' enthalten (er benennt die "
                  "Restriktion policy__<name>)")
SC_COMMIT_NEEDS_TARGET = "eine neue Festlegung braucht 'measure' oder 'instrument_type'"
SC_COMMIT_NEEDS_KIND = "eine neue Festlegung braucht eins von min_entries, max_entries, corridor_pct, max_eur"
SC_COMMIT_NEEDS_SOURCE = "eine Festlegung braucht ihre Quelle (Zeile im Startplan, Beschluss oder ESTIMATE/POLICY)"
SC_COMMIT_UNKNOWN = "unbekannte {what} {keys} in der Maßnahmentabelle des Falls"
SC_COMMIT_NO_NEW = "'{keys}' hat keine Maßnahme mit Neueintritten: nichts, worauf man sich festlegen könnte"
SC_LINK_NEEDS_FOLLOWS = "eine Verknüpfung braucht 'follows' (die Maßnahme, deren Teilnehmende sie bedient)"
SC_LINK_UNKNOWN = "unbekannte Maßnahmen-ID {keys} in der Maßnahmentabelle des Falls"
SC_LINK_SELF = "eine Maßnahme kann nicht sich selbst folgen"
SC_LINK_NEEDS_SOURCE = "eine Verknüpfung braucht ihre Quelle"
SC_NO_NEW_ENTRIES = "Maßnahme '{id}' hat keine Neueintritte (budget_basis {basis}); {why}"
SC_WHY_COST = "ihre Kosten gehen nicht in den Plan ein"
SC_WHY_BOUND = "nur Neueintritte lassen sich begrenzen"
SC_RATE_ABOVE_ONE = "gibt Maßnahme '{id}' eine Eingliederungsquote von {rate} > 1"
SC_BOUNDS_CROSS = ("lässt Maßnahme '{id}' mit einer Untergrenze von {lower} "
                   "über ihrer Obergrenze von {upper} Neueintritten")
SC_RANGE_MISSES = "gibt Maßnahme '{id}' die Spanne [{low}, {high}], die ihre Quote {rate} nicht enthält"
SC_SCENARIO = "Szenario {name}: {error}"
SC_NO_PAT = ("die Regeldatei für {year} hat keinen Passiv-Aktiv-Transfer ({file}); 'pat' entfernen oder ein anderes "
             "Jahr wählen")
SC_PAT_UNKNOWN = "unbekannte BG-Klasse '{cls}'; die Regeldatei kennt {known}"
SC_CLASS_MIN = "class_min {low} liegt über lot_size {size}"
SC_LIMIT_YEAR = ("eine Festlegungsgrenze braucht ein späteres Jahr des Plans: {years} (oder vom Planungsjahr "
                 "an gezählt: +1, +2, +3+), ist '{got}'")
SC_RATIO_NEEDS_POP = "min_ratio_to_population braucht groups.population.{group} (ihren Anteil an den eLb)"
SC_SHARE_ABOVE_ALL = "verlangt {share} aller Eintritte, mehr als alle"
SC_STAFF_NEEDS = "braucht '{need}'"
#: Words of the commitment selectors in messages.
SC_SELECTOR = {"measure": "Maßnahmen-ID", "instrument_type": "Instrumententypen"}
SC_TEMPLATE_NAME = "der Szenarioname '{name}' darf nur Kleinbuchstaben, Ziffern, '-' oder '_' enthalten"
COMMIT_NAME = "der Festlegungsname '{name}' darf nur Kleinbuchstaben, Ziffern oder '_' enthalten"
COMMIT_KIND = "Zusage '{name}': die Art (kind) muss eine von {kinds} sein"
COMMIT_SELECTOR = "Zusage '{name}' braucht 'measure' oder 'instrument_type' mit mindestens einem Schlüssel"
COMMIT_SOURCE = "Zusage '{name}' braucht ihre Quelle (source)"

#: Rows of the rate and measure tables (file, Zeile, Spalte come from InputError) and the sources they write.
LD_DUPLICATE_KEY = "doppelter Schlüssel {key_type}={key} (zuerst in Zeile {row})"
LD_FIXED_ONLY_PRIOR = "fixed_spend_eur gilt nur für budget_basis 'prior_year', nicht für '{basis}'"
LD_NO_RATE = ("keine Eingliederungsquote für instrument_type '{itype}' oder product_category '{cat}' in {file}; dort "
              "eine Zeile ergänzen oder integration_rate und rate_source angeben")
LD_BOUND_NEEDS_NEW = "eine Grenze für Neueintritte braucht budget_basis new oder mixed, nicht '{basis}'"
LD_RANGE_OWN = ("eigene Quote ohne Spanne: keine Unsicherheit in der Monte-Carlo-Rechnung, außer der Abschnitt "
                "'uncertainty' eines Szenarios nennt eine")
LD_RANGE_TABLE = ("{file} {key_type} '{key}': Spanne [{low}, {high}] ({source}); Standardverteilung: Dreieck mit "
                  "dem Modus bei der Quote")

# loader and resolver: case files, rule files, scenario references
SCN_UNKNOWN = ("unbekanntes Szenario '{ref}'; mitgeliefert: {names} "
               "(eine eigene Datei braucht einen Pfad wie ./mein.yaml)")
SCN_KEY_TWICE = "Zeile {line}: '{key}': Schlüssel doppelt angegeben"
SCN_MISSING_PARENT = "Zeile {line}: 'extends': fehlendes Elternszenario '{parent}': {error}"
SCN_TOO_DEEP = ("Zeile {line}: 'extends': die Vererbung ist tiefer als {limit} Ebenen ({chain} …); fassen Sie "
                "Zwischenstufen zusammen")
SCN_TOO_MANY_PARENTS = "Zeile {line}: 'extends': {n} Elternszenarien; erlaubt sind höchstens {limit}"
SCN_TOO_MANY_FILES = "Zeile {line}: 'extends': die Vererbung umfasst mehr als {limit} Szenariodateien"
SCN_CYCLE = "Zeile {line}: 'extends': Zyklus {cycle}"
RULES_NO_YEAR = "keine Regeldatei für das Jahr {year}; bekannte Jahre: {known}"
RULES_SCHEDULES = ("subsidy_schedules: jeder Eintrag braucht instrument_type, paragraph, shares (Zahlen), "
                   "max_months und source ({error})")
RULES_REFERRAL = "referred_to_agentur: braucht instrument_types, paragraph und source ({error})"
CASE_KEY_RECORD = "Schlüssel '{key}' muss {{value: <Zahl>, source: <Text>}} sein"
CASE_KEY_FINITE = "Schlüssel '{key}' muss eine endliche Zahl sein"
CASE_FIELDS = "'fields' muss jeder Kennung eines Handlungsfelds {{name: …}} zuordnen"
CASE_NO_MEASURES = "Schlüssel 'measures' fehlt (die Maßnahmentabelle: eine CSV- oder .xlsx-Datei neben {file})"
CASE_YEAR = "'year' muss eine Jahreszahl sein, ist {got}"
CASE_POLICY_MAPPING = "'policy' muss ein Abschnitt (Zuordnung) sein"
CASE_POOL_NEGATIVE = "'pools.{key}' muss ≥ 0 sein"
CASE_ELB_NOT_POSITIVE = ("'kennzahlen.elb_average' (eLb im Jahresdurchschnitt) muss größer als 0 sein, ist {got}: "
                         "die Zahl der erwerbsfähigen Leistungsberechtigten im Jahresdurchschnitt eintragen "
                         "(Duisburg 2020: 47.232) oder den Schlüssel leer lassen")
ELB_NO_SOURCE = "ohne Quellenangabe im Fall"
CASE_FIELD_MIN_SHARE = "policy.field_min_share muss in [0, 1] liegen, ist {got}"
CASE_BUDGET_MAPPING = "'budget' muss aus Einträgen {{value, source}} bestehen"
CASE_BUDGET_NEGATIVE = "'budget.{key}' muss ≥ 0 sein, ist {got}"

# (end of section: validation messages)

# --------------------------------------------------------------------------- issue 27: own results (history)
HIST_SHEET = "Ergebnisse"
HIST_MISSING_COLUMNS = ("Spalte(n) fehlen: {missing}; erwartet werden die Überschriften {expected} "
                        "(oder die Schlüssel id, year, exits, in_job_6m, entries, cost_eur)")
HIST_UNKNOWN = "unbekannte Maßnahme '{id}': keine Maßnahme des Falls"
HIST_NO_ID = "Maßnahme-ID fehlt"
HIST_YEAR = "Jahr '{value}' ist keine Jahreszahl"
HIST_YEAR_AFTER = "Jahr {year} liegt nach dem Planungsjahr {plan}: Ergebnisse gibt es nur für vergangene Jahre"
HIST_NEGATIVE = "{what} ist negativ ({value})"
HIST_NOT_WHOLE = "{what} muss eine ganze Zahl sein, ist {value}"
HIST_IN_JOB_ABOVE = "davon in svB ({in_job}) ist größer als die Austritte ({exits})"
HIST_TWICE = "Maßnahme '{id}' im Jahr {year} doppelt (zuerst in {first})"
HIST_NO_SHEET = "Blatt '{sheet}' fehlt; vorhandene Blätter: {names}"
HIST_EMPTY = "keine Ergebnisse eingetragen"
HIST_TEMPLATE_WRITTEN = "Vorlage für die Ergebnis-Historie geschrieben: {path}"
HELP_TEMPLATE_HISTORY = ("Die leere Ergebnis-Historie schreiben (je Maßnahme und Jahr: "
                         "Austritte, davon in svB 6 Monate "
                         "nach Austritt, optional Eintritte und Kosten) für 'amip rates --history'")
HIST_HELP_SHEET = "Hinweise"
HIST_HELP_LINES = (
    "Je Zeile eine Maßnahme und ein abgeschlossenes Jahr (nach dem Austrittsjahr).",
    "Austritte: Teilnehmende, die die Maßnahme im Jahr verlassen haben.",
    "davon in svB 6 Monate nach Austritt: davon sozialversicherungspflichtig beschäftigt sechs Monate "
    "nach dem Austritt (Eingliederungsquote der Eingliederungsbilanz, § 54 SGB II i.V.m. § 11 SGB III).",
    "Eintritte und Kosten (€) sind optional.",
    "Jahre nach dem Planungsjahr, doppelte Zeilen (Maßnahme, Jahr) und 'davon' größer als die Austritte "
    "werden mit Blatt und Zelle abgewiesen.",
)
HIST_EXAMPLE_NOTE = "Beispieldaten, simuliert; keine echten Ergebnisse"
RATES_SOURCE = ("Eigene Ergebnisse {history}: {in_job} von {exits} Austritten in svB 6 Monate nach Austritt; "
                "{method}; Prior: {prior}")
RATES_RANGE_SOURCE = "90-%-Intervall der Teilpooling-Schätzung aus {history}"
HIST_CASE_NOTE = "--history: {n} Maßnahmen mit eigenen Ergebnissen ({history}); die übrigen behalten die Quotentabelle"
HELP_RATES_CMD = ("Eingliederungsquoten aus den eigenen Ergebnissen schätzen (Teilpooling mit der Quotentabelle als "
                  "Prior): je Maßnahme Austritte, davon in svB, Rohquote, Prior, Schätzung, 90-%-Intervall, Gewicht")
HELP_HISTORY_RESULTS = ("Ergebnis-Historie (Arbeitsmappe oder CSV: Maßnahme-ID, Jahr, "
                        "Austritte, davon in svB 6 Monate nach "
                "Austritt): die Quoten der Maßnahmen mit eigenen Ergebnissen werden geschätzt (amip rates)")
HELP_RATES_OUTPUT = "Die geschätzten Quoten als Quotentabelle (CSV) schreiben, die --rates liest"
RATES_WRITTEN = "Quotentabelle geschrieben: {path}"
RATES_OUTPUT_CSV = "--output muss auf .csv enden (eine Quotentabelle)"
RATES_HEAD = ("Maßnahme", "Austritte", "davon svB", "Rohquote", "Prior", "Schätzung", "90-%-Intervall", "Gewicht")
RATES_TITLE = "Eingliederungsquoten aus eigenen Ergebnissen: {history}"
RATES_METHOD = "Methode: {method}"
RATES_NO_DATA = "{n} Maßnahmen ohne eigene Ergebnisse behalten die Quotentabelle (nicht aufgeführt)."
RATES_DEFINITION = "Eingliederungsquote (svB 6 Monate nach Austritt), brutto; Teilpooling eigener Ergebnisse"
RATES_NEEDS_HISTORY = "amip rates braucht --history DATEI (die eigenen Ergebnisse je Maßnahme und Jahr)"

# =========================================================================== workbooks and CSV in German (issue 23)
#: Machine values a reader sees in a workbook cell or the German CSV, in German (JSON and the plain CSV keep
#: the keys). Budget basis of a measure, kind and unit of a constraint, kind of a link, status of a run.
CONSTRAINT_KIND_DE = {"budget": "Budget", "pat": "PAT", "field_min": "Feldminimum", "pool": "Kundenpool",
                      "statutory": "gesetzlich", "commitment": "Vorbindung", "group": "Zielgruppe",
                      "soft": "weiche Grenze", "bound": "Grenze", "policy": "Zusage", "link": "Verknüpfung",
                      "goal": "Ziel", "staff": "Personal"}
UNIT_DE = {"entries": "Eintritte", "EUR": "€", "eur": "€", "persons": "Personen", "integrations": "Integrationen",
           "new entries": "Neueintritte", "months": "Monate", "places": "Plätze", "share": "Anteil"}
LINK_MODE_DE = {"at_most": "höchstens", "exactly": "genau"}
STATUS_DE = {"optimal": "optimal", "infeasible": "unzulässig", "unbounded": "unbeschränkt",
             "evaluated": "bewertet (gegebener Plan)", "not_solved": "nicht gelöst", "error": "Fehler"}
#: The markers of the data files (ESTIMATE, POLICY) as a reader sees them; data and JSON keep the markers.
MARKERS_DE = (("ESTIMATE", "Schätzung"), ("POLICY", "Festlegung"))
#: Keys of the run information (diagnosis workbook's Eingaben) as a reader sees them.
META_DE = {"status": "Status", "case": "Fall", "scenario": "Szenario", "year": "Jahr", "input_hash": "Eingabe-Hash",
           "version": "Version", "solver": "Löser", "timestamp": "Zeitstempel (UTC)"}
#: `--format csv --dialect de`: German column titles (the plain dialect keeps the machine keys).
CSV_HEADERS_DE = {
    "id": "Maßnahme-ID", "field": "Handlungsfeld", "name": "Maßnahme", "instrument": "Instrument",
    "instrument_type": "Instrumententyp", "product_category": "Produktkategorie", "budget_basis": "Budgetbasis",
    "cost_per_entry": "Netto-Kosten je Eintritt (€)", "gross_cost_per_entry": "Brutto-Kosten je Eintritt (€)",
    "pat_relief_per_entry": "PAT je Eintritt (€)", "rate": "Integrationsquote", "rate_is_estimate": "Quote geschätzt",
    "rate_source": "Quelle der Quote", "lower": "Untergrenze Eintritte", "upper": "Obergrenze Eintritte",
    "planned_entries": "Plan Eintritte", "entries": "Optimum Eintritte", "new_entries": "davon neu",
    "prebought_entries": "davon vorgebunden", "cost": "Kosten Neufallbudget (€)",
    "integrations": "Integrationen", "integrations_in_year": "davon Integrationen im Planungsjahr",
    "reduced_cost": "Reduzierte Kosten (Integr. je Eintritt)", "point": "Punkt", "lzb": "LZB", "llu": "LLU",
    "traeger_nr": "Träger-Nr", "form": "Form", "egl_share_pct": "Anteil EGT %", "egt_estimate_eur": "EGT-Schätzung (€)"}
#: Texts that a run writes itself into a source note (amip.models.loader, amip.scenarios.apply): regex → German
#: template; numbers in the groups are rewritten the German way (7,302 → 7.302; 132.9 → 132,9) by for_reader.
SOURCE_PATTERNS_DE = (
    (r"(\d+)% of the planned ([\d,]+) entries, rounded down;", "{0} % der geplanten {1} Eintritte, abgerundet;"),
    (r"(\d+)% of the planned ([\d,]+) entries", "{0} % der geplanten {1} Eintritte"),
    (r"\bmeasure table: ", "Maßnahmentabelle: "),
    (r"\bmeasures\.csv row (\d+)", "measures.csv Zeile {0}"),
    (r"\bminimum ([\d,]+) entries", "Minimum {0} Eintritte"),
    (r"^up to (\d+) months$", "bis zu {0} Monate"),
    (r"\bthe planned ([\d,]+) entries / ([\d.]+) planned FTE", "die geplanten {0} Eintritte / {1} geplante VZÄ"),
)
#: Sentences of the shipped data files (sources and notes) a reader meets in a workbook or report, in German.
#: The data files keep the English original (it is what their tests and JSON cite); keys are exact substrings.
SOURCE_SENTENCES_DE = {
    # the planning file's English sources (Duisburg 2020), as `amip init` writes them and a reader sees them
    "Duisburg 2020: classes, durations, diminishing returns, targets, target groups, staff":
        "Duisburg 2020: Klassen, Dauern, abnehmender Ertrag, Ziele, Zielgruppen, Personal",
    "provider courses (MAT bei einem Träger) run as classes; 12-15 places is the usual class size (issue 7's "
    "example). The seed buys provider measures by tender and lots (L511-514) and names projects of 20 places (L2308) "
    "but gives no class sizes":
        "Kurse von Trägern (MAT bei einem Träger) laufen in Klassen; 12-15 Plätze sind die übliche Klassengröße. Der "
        "AmIp kauft Trägermaßnahmen per Ausschreibung und in Losen (L511-514) und nennt Projekte mit 20 Plätzen "
        "(L2308), aber keine Klassengrößen",
    "AVGS-MAT is a voucher (§ 45 Abs. 4 SGB III): each holder chooses a provider; individual places":
        "AVGS-MAT ist ein Gutschein (§ 45 Abs. 4 SGB III): jede Inhaberin wählt einen Träger; Einzelplätze",
    "one project group; 20 planned entries (measures.csv), like the 20-place project of L2308":
        "eine Projektgruppe; 20 geplante Eintritte (measures.csv), wie das Projekt mit 20 Plätzen in L2308",
    "FbW bought by tender (Vergabe-FbW, L515) runs as classes; class sizes not in the seed":
        "per Ausschreibung eingekaufte FbW (Vergabe-FbW, L515) läuft in Klassen; Klassengrößen nicht im AmIp",
    "tendered school-leaving-certificate course (Vergabe-FbW, L515); class sizes not in the seed":
        "ausgeschriebener Kurs zum Schulabschluss (Vergabe-FbW, L515); Klassengrößen nicht im AmIp",
    "a tendered group measure (Vergabe nach UVgO/VgV, seed L511-515) needs about 3 months from the decision to the "
    "first class: tender period, award, start-up by the provider; the seed names no times":
        "eine ausgeschriebene Gruppenmaßnahme (Vergabe nach UVgO/VgV, L511-515) braucht vom Beschluss bis zur ersten "
        "Klasse etwa 3 Monate: Ausschreibungsfrist, Zuschlag, Anlauf beim Träger; der AmIp nennt keine Zeiten",
    "voucher (AVGS, § 45 Abs. 4 SGB III): issued at once, the holder chooses a provider":
        "Gutschein (AVGS, § 45 Abs. 4 SGB III): sofort ausgegeben, die Inhaberin wählt einen Träger",
    "voucher/individual: betriebliche Erprobung with an employer, arranged at once (§ 45 Abs. 2 SGB III)":
        "Gutschein/Einzelfall: betriebliche Erprobung bei einem Arbeitgeber, sofort vereinbart (§ 45 Abs. 2 SGB III)",
    "individual wage subsidy (§ 88 SGB III): granted case by case, no procurement":
        "Lohnkostenzuschuss im Einzelfall (§ 88 SGB III): je Fall bewilligt, kein Einkauf",
    "individual benefit (§ 16b SGB II): granted case by case, no procurement":
        "Einzelleistung (§ 16b SGB II): je Fall bewilligt, kein Einkauf",
    "individual wage subsidy (§ 16i SGB II): granted case by case, no procurement":
        "Lohnkostenzuschuss im Einzelfall (§ 16i SGB II): je Fall bewilligt, kein Einkauf",
    "individual wage subsidy (§ 16e SGB II): granted case by case, no procurement":
        "Lohnkostenzuschuss im Einzelfall (§ 16e SGB II): je Fall bewilligt, kein Einkauf",
    "individual subsidy to an employer (§ 54a SGB III), no procurement":
        "Zuschuss an einen Arbeitgeber im Einzelfall (§ 54a SGB III), kein Einkauf",
    "FbW by Bildungsgutschein (§ 81 Abs. 4 SGB III) needs a certified course with a free start date: about 1 month":
        "FbW mit Bildungsgutschein (§ 81 Abs. 4 SGB III) braucht einen zugelassenen Kurs mit freiem Starttermin: "
        "etwa 1 Monat",
    "retraining by Bildungsgutschein: the next course start, about 1 month":
        "Umschulung mit Bildungsgutschein: der nächste Kursbeginn, etwa 1 Monat",
    "new AGH places need a provider's places and the local advisory board (Örtlicher Beirat): about 2 months":
        "neue AGH-Plätze brauchen Plätze eines Trägers und den Örtlichen Beirat: etwa 2 Monate",
    "außerbetriebliche Ausbildung is tendered and starts with the training year (1 August/1 September): no new start "
    "within the year after the tender":
        "außerbetriebliche Ausbildung wird ausgeschrieben und beginnt mit dem Ausbildungsjahr (1. August/1. "
        "September): kein neuer Beginn im Jahr nach der Ausschreibung",
    "AVGS-MAT is a voucher (§ 45 Abs. 4 SGB III): issued at once":
        "AVGS-MAT ist ein Gutschein (§ 45 Abs. 4 SGB III): sofort ausgegeben",
    "entries spread evenly over April-December, 5 months on average in 2020: the same assumption as the case's PAT "
    "estimate (case.yaml pat.months_in_year = 5)":
        "Eintritte gleichmäßig über April-Dezember verteilt, im Mittel 5 Monate in 2020: dieselbe Annahme wie die "
        "PAT-Schätzung des Falls (case.yaml pat.months_in_year = 5)",
    "beyond 100 % of the planned entries the rate falls to 90 %, beyond 150 % to 75 % of the table rate; shape, not "
    "a measured elasticity":
        "über 100 % der geplanten Eintritte fällt die Quote auf 90 %, über 150 % auf 75 % der Tabellenquote; eine "
        "Form, keine gemessene Elastizität",
    "LZB share of eLb 72 % (L1028) × share of integrations that end benefit receipt 43.7 % (BT Kleine Anfrage, "
    "domain.md §2.1) = 0.315 LZB fewer per integration":
        "LZB-Anteil an den eLb 72 % (L1028) × Anteil der Integrationen, die den Leistungsbezug beenden, 43,7 % (BT "
        "Kleine Anfrage, domain.md §2.1) = 0,315 LZB weniger je Integration",
    "under-25s have shorter benefit histories: half the LZB share (36 %) × 43.7 %":
        "unter 25-Jährige sind kürzer im Leistungsbezug: der halbe LZB-Anteil (36 %) × 43,7 %",
    "every § 16i participant is LZB (6 of 7 years in receipt, § 16i Abs. 3) × 43.7 % of integrations that end receipt":
        "jede Teilnehmerin nach § 16i ist LZB (6 von 7 Jahren im Bezug, § 16i Abs. 3) × 43,7 % der Integrationen, "
        "die den Bezug beenden",
    "§ 16e needs 2 years of unemployment: 90 % LZB × 43.7 %":
        "§ 16e setzt 2 Jahre Arbeitslosigkeit voraus: 90 % LZB × 43,7 %",
    "EGZ/MPAV/MAG reach customers close to the market: 60 % LZB × 43.7 %":
        "EGZ/MPAV/MAG erreichen marktnahe Kunden: 60 % LZB × 43,7 %",
    "12 months × 800 € LLU per BG (Regelbedarf 432 € in 2020 + housing; Duisburg figure not in the seed) × (43.7 % "
    "ending receipt + 56.3 % × 30 % reduction by earned income) = 5.817 € in the year after integration":
        "12 Monate × 800 € LLU je BG (Regelbedarf 432 € in 2020 + Unterkunft; Duisburger Zahl nicht im AmIp) × (43,7 "
        "% Ende des Bezugs + 56,3 % × 30 % Minderung durch Erwerbseinkommen) = 5.817 € im Jahr nach der Integration",
    "the seed prints no share of women among eLb; about half nationally (not verified)":
        "der AmIp nennt keinen Frauenanteil an den eLb; bundesweit etwa die Hälfte (nicht geprüft)",
    "measures without a gender focus: half women":
        "Maßnahmen ohne Ausrichtung auf ein Geschlecht: zur Hälfte Frauen",
    "employer subsidies reach men more often (full-time jobs)":
        "Arbeitgeberzuschüsse erreichen öfter Männer (Vollzeitstellen)",
    "AGH participants are more often men":
        "AGH-Teilnehmende sind öfter Männer",
    "9 in 10 single parents are women":
        "9 von 10 Alleinerziehenden sind Frauen",
    "part-time language course, aimed at mothers among refugees (seed 4.4: refugee women)":
        "Sprachkurs in Teilzeit für Mütter unter den Geflüchteten (seed 4.4: geflüchtete Frauen)",
    "below their 11.9 % of eLb in measures without that focus":
        "unter ihren 11,9 % der eLb in Maßnahmen ohne diese Ausrichtung",
    "measure for single parents (L2642)":
        "Maßnahme für Alleinerziehende (L2642)",
    "measure for single parents (L2616-2620)":
        "Maßnahme für Alleinerziehende (L2616-2620)",
    "below their 13.8 % of eLb in measures without that focus":
        "unter ihren 13,8 % der eLb in Maßnahmen ohne diese Ausrichtung",
    "draws on the refugee pool (measures.csv pool asyl_8hkl)":
        "schöpft aus dem Pool der Geflüchteten (measures.csv pool asyl_8hkl)",
    "migrants, half of them refugees":
        "Zugewanderte, zur Hälfte Geflüchtete",
    "at least 47 % women, above the seed plan's 46,2 %, towards their share of eLb (§ 1 Abs. 2 S. 3 SGB II; 50 % is "
    "out of reach with these share estimates)":
        "mindestens 47 % Frauen, über den 46,2 % des Plans im AmIp, auf ihren Anteil an den eLb hin (§ 1 Abs. 2 S. 3 "
        "SGB II; 50 % sind mit diesen geschätzten Anteilen nicht erreichbar)",
    "at least 0.8 × their share of eLb (seed 4.4: attention to single parents, L997)":
        "mindestens 0,8 × ihr Anteil an den eLb (seed 4.4: Augenmerk auf Alleinerziehende, L997)",
    "at least their share of eLb (seed 4.4: integration of refugees, esp. women, L1002-1005)":
        "mindestens ihr Anteil an den eLb (seed 4.4: Integration Geflüchteter, besonders der Frauen, L1002-1005)",
    "measures for adults":
        "Maßnahmen für Erwachsene",
    "HF3 Übergang Schule und Beruf: the U25 team (L981, L3108)":
        "HF3 Übergang Schule und Beruf: das U25-Team (L981, L3108)",
    # quoted rows of the source collection's English tables: the quote stays, a German gloss follows
    "'Unit costs'": "'Unit costs' (Kosten je Einheit)",
    "'Gross exit-to-job rate, all eLb'":
        "'Gross exit-to-job rate, all eLb' (Brutto-Abgangsquote in Beschäftigung, alle eLb)",
    "'Gross EQ multiplier MAT/MAG/AVGS'":
        "'Gross EQ multiplier MAT/MAG/AVGS' (Faktor der Brutto-Eingliederungsquote MAT/MAG/AVGS)",
    "'Gross EQ multiplier FbW'": "'Gross EQ multiplier FbW' (Faktor der Brutto-Eingliederungsquote FbW)",
    "'Gross EQ multiplier EGZ, ESG, § 16e'":
        "'Gross EQ multiplier EGZ, ESG, § 16e' (Faktor der Brutto-Eingliederungsquote EGZ, ESG, § 16e)",
    "'Net effect multiplier, EGZ/§16e'": "'Net effect multiplier, EGZ/§16e' (Faktor des Nettoeffekts EGZ/§ 16e)",
    "'Gross EQ multiplier AGH, § 16i'":
        "'Gross EQ multiplier AGH, § 16i' (Faktor der Brutto-Eingliederungsquote AGH, § 16i)",
    "'Capacity for group measures'": "'Capacity for group measures' (Kapazität der Gruppenmaßnahmen)",
    "'Net effect multiplier, AGH/§16i'": "'Net effect multiplier, AGH/§16i' (Faktor des Nettoeffekts AGH/§ 16i)",
    "'Eligible pool LZA'": "'Eligible pool LZA' (Kundenpool LZA)",
    "'Net effect multiplier, FbW/human capital'":
        "'Net effect multiplier, FbW/human capital' (Faktor des Nettoeffekts FbW/Humankapital)",
    "entries spread over 2020, PAT paid from entry to 31 Dec (~5 months on average); the seed gives no entry profile":
        "Eintritte über 2020 verteilt, PAT vom Eintritt bis 31. Dezember gezahlt (im Mittel etwa 5 Monate); der AmIp "
        "2020 Duisburg nennt keinen zeitlichen Verlauf der Eintritte",
    "1-person BG dominate among long-term recipients; no Duisburg figure":
        "unter den Langzeitleistungsbeziehenden überwiegen Ein-Personen-BG; keine Zahl für Duisburg",
    "share of Alleinerziehende in eLb, 6.010/50.396 = 11.9 %": "Anteil der Alleinerziehenden an den eLb, "
                                                               "6.010/50.396 = 11,9 %",
    "6.010 Alleinerziehende of 50.396 eLb": "6.010 Alleinerziehende von 50.396 eLb",
    "6.965 Asyl/Flucht (8 HKL) of 50.396 eLb": "6.965 Asyl/Flucht (8 HKL) von 50.396 eLb",
    "792,33 FTE expected in post (L618) / 868,20 FTE planned (L607)":
        "792,33 VZÄ voraussichtlich besetzt (L618) / 868,20 VZÄ geplant (L607)",
    "caseload 1:135": "Betreuungsschlüssel 1:135", "caseload 1:73": "Betreuungsschlüssel 1:73",
    "9.701 under 25": "9.701 unter 25", "9.701 eLb under 25": "9.701 eLb unter 25",
    "staffing ratio": "Besetzungsquote", "entries per FTE": "Eintritte je VZÄ", "penalty": "Strafe",
    "BA-Statistik via hammer-eu (domain.md §1.4): completed § 16e spells average 568 of 720 days = 18.7 months "
    "(national, applied to Duisburg: ESTIMATE)":
        "BA-Statistik über hammer-eu (domain.md §1.4): abgeschlossene § 16e-Förderungen dauern im Mittel 568 von "
        "720 Tagen = 18,7 Monate (bundesweit, auf Duisburg übertragen: ESTIMATE)",
    "ESTIMATE: AGH places typically up to 12 months (domain.md §1.4, C6)":
        "ESTIMATE: AGH-Plätze meist bis zu 12 Monate (domain.md §1.4, C6)",
    "ESTIMATE: AVGS-MPAV placement fee is paid after 6 weeks and after 6 months of employment "
    "(§ 45 Abs. 6 SGB III, domain knowledge)":
        "ESTIMATE: die Vermittlungsvergütung des AVGS-MPAV wird nach 6 Wochen und nach 6 Monaten Beschäftigung "
        "gezahlt (§ 45 Abs. 6 SGB III, Fachwissen)",
    "ESTIMATE: EGZ runs up to 12 months as a rule (§ 89 SGB III, domain knowledge); early ends shorten it":
        "ESTIMATE: EGZ läuft in der Regel bis zu 12 Monate (§ 89 SGB III, Fachwissen); vorzeitige Abbrüche "
        "verkürzen ihn",
    "ESTIMATE: Einstiegsgeld is paid up to 24 months (§ 16b Abs. 2 SGB II, domain knowledge)":
        "ESTIMATE: Einstiegsgeld wird bis zu 24 Monate gezahlt (§ 16b Abs. 2 SGB II, Fachwissen)",
    "ESTIMATE: Einstiegsqualifizierung lasts 4-12 months (§ 54a SGB III, domain knowledge)":
        "ESTIMATE: Einstiegsqualifizierung dauert 4–12 Monate (§ 54a SGB III, Fachwissen)",
    "ESTIMATE: a retraining (Umschulung) is shortened by a third of a 3-year apprenticeship: 24 months "
    "(§ 180 Abs. 4 SGB III, domain knowledge; domain.md §1.3: FbW up to 24 months)":
        "ESTIMATE: eine Umschulung ist um ein Drittel einer 3-jährigen Ausbildung verkürzt: 24 Monate "
        "(§ 180 Abs. 4 SGB III, Fachwissen; domain.md §1.3: FbW bis zu 24 Monate)",
    "ESTIMATE: activation measures (MAT) are 'überwiegend von kurzer Dauer' (IAB-Kurzbericht 8/2015, "
    "domain.md §1.4); 3-6 months usual":
        "ESTIMATE: Aktivierungsmaßnahmen (MAT) sind 'überwiegend von kurzer Dauer' (IAB-Kurzbericht 8/2015, "
        "domain.md §1.4); üblich 3–6 Monate",
    "ESTIMATE: an entry steered without a free case manager loses 0.1 integrations (about half a MAT rate): "
    "worse matching and follow-up":
        "ESTIMATE: ein Eintritt ohne freie Integrationsfachkraft verliert 0,1 Integrationen (etwa eine halbe "
        "MAT-Quote): schlechtere Zuweisung und Nachbetreuung",
    "ESTIMATE: at most 60 months (§ 16i Abs. 5 SGB II); early exits as for § 16e, whose completed spells average "
    "568 of 720 days = 79 % (BA-Statistik, domain.md §1.4): 0.79 × 60 ≈ 47 months":
        "ESTIMATE: höchstens 60 Monate (§ 16i Abs. 5 SGB II); vorzeitige Austritte wie bei § 16e, dessen "
        "abgeschlossene Förderungen im Mittel 568 von 720 Tagen = 79 % dauern (BA-Statistik, domain.md §1.4): "
        "0,79 × 60 ≈ 47 Monate",
    "ESTIMATE: ausbildungsbegleitende Hilfen over a training year":
        "ESTIMATE: ausbildungsbegleitende Hilfen über ein Ausbildungsjahr",
    "ESTIMATE: außerbetriebliche Berufsausbildung = a 3-year apprenticeship (§ 76 SGB III, domain knowledge)":
        "ESTIMATE: außerbetriebliche Berufsausbildung = eine 3-jährige Ausbildung (§ 76 SGB III, Fachwissen)",
    "ESTIMATE: betriebliche Erprobung lasts up to 6 weeks (§ 45 Abs. 2 SGB III, domain knowledge)":
        "ESTIMATE: betriebliche Erprobung dauert bis zu 6 Wochen (§ 45 Abs. 2 SGB III, Fachwissen)",
    "ESTIMATE: further training without a vocational qualification; months not in the seed":
        "ESTIMATE: Weiterbildung ohne Berufsabschluss; Monate nicht im AmIp",
    "ESTIMATE: rehabilitation measures, months not in the seed":
        "ESTIMATE: Reha-Maßnahmen, Monate nicht im AmIp",
    "ESTIMATE: § 16h support for young people, months not in the seed":
        "ESTIMATE: § 16h-Förderung junger Menschen, Monate nicht im AmIp",
    "POLICY: each field keeps at least 80 % of the entries the seed plans for it (new + pre-bought + outside). "
    "The seed sets no field minima (CHECKS 4.9) but orients on the 2019 Förderintensität (L508-509) and allows "
    "in-year deviations (L153-156).":
        "POLICY: jedes Handlungsfeld behält mindestens 80 % der Eintritte, die der AmIp für es plant (neu + vorab "
        "gekauft + außerhalb). Der AmIp setzt keine Mindestwerte je Feld (CHECKS 4.9), orientiert sich aber an der "
        "Förderintensität 2019 (L508-509) und erlaubt Abweichungen im Jahr (L153-156).",
    "POLICY: jobcenters spent 75 % of their EGT in 2018 and ~81 % in 2014-2017 (O-Ton Arbeitsmarkt, domain.md §1.1); "
    "Duisburg's EGT fell 12 % 2022->2023 (WAZ, domain.md §3.2)":
        "POLICY: die Jobcenter gaben 2018 75 % ihres EGT aus, 2014–2017 etwa 81 % (O-Ton Arbeitsmarkt, "
        "domain.md §1.1); Duisburgs EGT sank 2022→2023 um 12 % (WAZ, domain.md §3.2)",
    "POLICY: the largest year-on-year rise in the evidence: Jobcenter Landkreis Konstanz EGT +11.1 % 2019->2020 "
    "(Eingliederungsbilanz 2020, domain.md §3.1)":
        "POLICY: der größte belegte Anstieg gegenüber dem Vorjahr: Jobcenter Landkreis Konstanz EGT +11,1 % "
        "2019→2020 (Eingliederungsbilanz 2020, domain.md §3.1)",
    "POLICY: without a pool or an explicit upper bound, a measure may grow to at most 2x its planned new entries "
    "(provider capacity; the seed plans by lots and tenders, L511-514).":
        "POLICY: ohne Kundenpool oder eigene Obergrenze darf eine Maßnahme höchstens auf das 2-Fache ihrer "
        "geplanten Neueintritte wachsen (Kapazität der Träger; der AmIp plant mit Losen und Vergaben, L511-514).",
    "L2777-2779: coaching before and during the THCG measures":
        "L2777-2779: Coaching vor und während der THCG-Maßnahmen",
    "POLICY-Lesart des AmIp": "Festlegung: Lesart des AmIp",
    "[ESTIMATE] own assumption: domain.md gives no rate for this category; § 48a SGB II counts the start of a "
    "vocational training as an integration (sgb2.info glossary)":
        "[ESTIMATE] eigene Annahme: die Quellensammlung nennt für diese Kategorie keine Quote; "
        "§ 48a SGB II zählt den Beginn "
        "einer Berufsausbildung als Integration (sgb2.info, Glossar)",
    "Pool proxy: LZA (≥ 1 year), an upper bound of the ≥ 2-year group":
        "Pool ersatzweise: LZA (≥ 1 Jahr), eine Obergrenze der Gruppe ≥ 2 Jahre",
    "§ 16i Abs. 3: > 6 of the last 7 years in SGB II receipt": "§ 16i Abs. 3: > 6 der letzten 7 Jahre im SGB-II-Bezug",
    "Pool proxy: LZB (21 of 24 months), an upper bound": "Pool ersatzweise: LZB (21 von 24 Monaten), eine Obergrenze",
    "own judgement": "eigene Einschätzung", "domain knowledge": "Fachwissen",
}
#: The data files of a run by role, as the Eingaben sheet names them ('Datei: Maßnahmentabelle'); a plan
#: workbook is read back by these words or, from older workbooks, by the role key (amip.inputs.plan_workbook).
ROLE_DE = {"case": "Falldatei", "measures": "Maßnahmentabelle", "rates": "Quotentabelle", "rules": "Regeldatei",
           "effects": "Nettoeffekt-Tabelle", "planning": "Planungsdatei", "scenario": "Szenariodatei",
           "scenario_chain": "Szenariokette", "actuals": "Ist-Arbeitsmappe"}
XL_DIAG_STATUS = "unzulässig: kein Plan erfüllt alle Restriktionen"
XL_DIAG_CHANGES = "Änderungen"
XL_DIAG_ALONE = "allein genug"            #: the listed change alone admits a plan (re-solved)
XL_DIAG_ALONE_NEED = "allein nötig"       #: what this limit alone would need (re-solved)
XL_DIAG_NONE = "keiner"                   #: no value of this limit alone admits a plan
XL_YES_NO = {True: "ja", False: "nein"}
XL_SAME_SOURCE = "wie Zeile {row}"
#: A shadow price's unit as the terminal and the sheets Restriktionen and Schattenpreise name it
SHADOW_UNIT_EUR = "Integrationen je 100.000 €"
SHADOW_UNIT_ENTRY = "Integrationen je Eintritt"
SHADOW_UNIT_GOAL_EUR = "€ je €"
SHADOW_UNIT_GOAL = "€ je Einheit"
#: Headers of the shadow price in the terminal's unit (sheets Restriktionen, Schattenpreise)
XL_SHADOW_PRICE = "Schattenpreis"
XL_SHADOW_UNIT = "Schattenpreis: Einheit"
XL_SHADOW_RAW = "Schattenpreis je Einheit der Restriktion (roh)"
XL_COMPARE_BINDING = "{names} (+{bounds} Maßnahmen an ihrer Grenze)"
NAT_CHART_AXIS = "Jobcenter, nach Integrationen je 100.000 € sortiert (Namen im Blatt Jobcenter)"
COST_ONLY_SAME = ("gleiche Quote {rate} (ein Eintrag der Quotentabelle): die Wahl beruht allein auf den Kosten, "
                  "{a} je Eintritt gegenüber {b}")
COST_ONLY_OVERLAP = ("Quoten {ra} (90 %: {la} – {ha}) und {rb} (90 %: {lb} – {hb}) sind nach den Daten nicht "
                     "unterscheidbar: die Wahl beruht allein auf den Kosten, {a} je Eintritt gegenüber {b}")
COST_ONLY_TITLE = ("Entscheidungen allein nach Kosten ({n} Paare): die Quoten dieser Maßnahmen sind nach den Daten "
                   "nicht unterscheidbar, erhöht wurde jeweils die billigere")
COST_ONLY_LINE = "{itype}: erhöht {up}; gekürzt {down}"
COST_ONLY_MORE = "{names} und {more} weitere"   #: a list cut short in the Vorlage: how many are not named
VOI_TITLE = ("Wo bessere Daten am meisten bringen ({shown}): erwarteter Gewinn an Integrationen, wäre die Quote "
             "vor der Planung bekannt (neu optimiert):")
VOI_GROUP = "{group} ({n})"
VOI_NOTE = ("(Wert vollständiger Information je Quote, eine Gruppe mit mehreren Maßnahmen gemeinsam gezogen: "
            "Mittel der neu optimierten Pläne über die Quantile ihrer "
            "Verteilung minus Optimum bei erwarteten Quoten; JSON value_of_information)")
LD_RATE_UNKNOWN_MEASURE = "key_type measure: keine Maßnahme der Maßnahmentabelle heißt {ids}"
VOI_SHEET = "Wert der Information"
TEMPLATE_HISTORY_OR_ACTUALS = "--history und --actuals schließen sich aus: eine Vorlage je Aufruf"

# --------------------------------------------------------------------------- horizon plan (issue 26 item 4)
HELP_HORIZON = ("Mehrjahresplan: Eintritte je Maßnahme für N Planungsjahre (2–5) gemeinsam optimieren; jedes Jahr "
                "hält seinen EGT ein, der Plan des ersten Jahres ist die Empfehlung.")
ERR_HORIZON_RANGE = "{got}: ein Mehrjahresplan umfasst 2 bis 5 Planungsjahre"
EGT_PATH_MAPPING = ("'budget.{path}': erwartet je Jahr {{value: Betrag, source: \"Fundstelle\"}}, "
                    "z. B. 2021: {{value: …}}")
EGT_PATH_YEAR = "'budget.{path}.{key}': der Schlüssel ist kein Jahr (vierstellig, z. B. 2021)"
EGT_PATH_VALUE = "'budget.{path}.{year}': der Betrag des Jahres ist keine Zahl ({got})"
EGT_PATH_NEGATIVE = "'budget.{path}.{year}': der Betrag des Jahres ist negativ oder ungültig ({got}); erlaubt ab 0 €"
EGT_PATH_NO_SOURCE = "ohne Quellenangabe"
EGT_PATH_SHORT = ("'budget.egt_path' nennt {given}, aber --horizon {n} braucht den EGT für {needed}; "
                  "es fehlt {missing}. Den Pfad ergänzen oder --horizon kürzen")
EGT_PATH_PLAN_YEAR = ("'budget.{path}.{year}': der Pfad nennt die Folgejahre ab {first}; das Planungsjahr steht in "
                      "der Budgetkette (budget.egt_zuteilung_eur, budget.vorbindungen_eur)")
HORIZON_MODE = ("--horizon optimiert die Integrationen aller Jahrgänge; mit {option} geht das nicht zusammen. "
                "{option} weglassen oder ohne --horizon rechnen")
HORIZON_EVALUATE = ("--horizon: amip evaluate bewertet den Plan eines Jahres; der Mehrjahresplan entsteht mit "
                    "amip optimize --horizon N")
HORIZON_ONE_YEAR_PLAN = ("--horizon {n}: diese Arbeitsmappe enthält einen Einjahresplan (ohne --horizon gerechnet); "
                         "evaluate --plan bewertet ihn nur als Einjahresplan. --horizon weglassen oder den Plan mit "
                         "amip optimize --horizon {n} --output … neu erstellen")
HORIZON_EGT_FLAT = ("POLICY: EGT der Folgejahre wie im Planungsjahr ({egt}, gleichbleibend); ein eigener Pfad steht "
                    "im Blatt Rahmendaten (budget.egt_path.JAHR), in case.yaml oder einem Szenario unter "
                    "budget.egt_path")
HORIZON_PRIOR_UNKNOWN = ("Vorbindungen früherer Verträge nicht bekannt: der AmIp 2020 Duisburg nennt nur die "
                         "Vorbindungen mit Wirksamkeit im Planungsjahr (L249–250: „Die Vorbindungen aus vorherigen "
                         "Haushaltsjahren mit Wirksamkeit in 2020 betragen derzeit voraussichtlich ca. "
                         "32.647.597 €“); angesetzt 0 €. "
                         "Bekannte Vorbindungen stehen im Blatt Rahmendaten (budget.vorbindungen_path.JAHR) oder in "
                         "case.yaml unter budget.vorbindungen_path")
HORIZON_PRIOR_CASE = "Vorbindungen des Falls (budget.vorbindungen_eur)"
HORIZON_FIXED_SAME = ("POLICY: Umschichtung, Rückeinnahmen und feste Posten ohne Eintritte in jedem Jahr wie im "
                      "Planungsjahr; Kosten und Quoten je Eintritt ebenso")
HORIZON_PREBOUGHT = ("POLICY: Vorab eingekaufte Plätze gibt es nur im Planungsjahr. In den Folgejahren darf eine "
                     "Maßnahme mit Neueintritten diese Plätze neu einkaufen (Obergrenze + vorab gekaufte Plätze, zu "
                     "ihren Kosten je Eintritt); Maßnahmen nur aus vorab gekauften Plätzen haben keinen Preis für "
                     "Neueintritte und fallen weg. Mindestzahlen, Zusagen und Verknüpfungen gelten für jeden "
                     "Jahrgang")
HORIZON_LIMITS_SHIFTED = ("POLICY: Die Grenzen der Folgejahre (commitments.limits, Quellen dort) gelten im "
                          "Mehrjahresplan nur für die Jahre nach dem Horizont, um {shift} Jahre verschoben, für alle "
                          "Jahrgänge zusammen: {items}")
HORIZON_LIMIT_ITEM = "{year} ≤ {limit} (Grenze {orig})"
HORIZON_LIMITS_INSIDE = ("In den Jahren des Horizonts ({years}) ersetzt die EGT-Bedingung jedes Jahres die Grenzen der "
                         "Folgejahre")
HORIZON_NO_LIMITS = ("Ohne Grenzen der Folgejahre (commitments.limits) bindet der letzte Jahrgang die Jahre nach dem "
                     "Horizont unbegrenzt")
HORIZON_TITLE = "Mehrjahresplan ({n} Jahre, {first}–{last}; Ziel: {target} aller Jahrgänge)"
HORIZON_HEAD = ("Jahr", "EGT", "Vorbindungen", "feste Posten", "Kasse Jahrgänge", "frei", "Integr. im Jahr",
                "Integr. Jahrgang", "Quote")
HORIZON_AFTER = "Nach dem Horizont gebunden: {items}"
HORIZON_AFTER_ITEM = "{year}: {cash} (Grenze {limit})"
HORIZON_OBJECTIVE = ("Summe über alle Jahrgänge: {total} {target}, davon {after} in den Jahren nach {last}; "
                     "Empfehlung ist der Plan von {first} (oben: {first_value})")
HORIZON_DIFF_TITLE = "Erstes Jahr gegenüber dem Einjahres-Optimum (Neueintritte; Kosten netto im Planungsjahr):"
HORIZON_DIFF_LINE = "{id} {name}: {one} → {horizon} ({delta}; {eur})"
HORIZON_DIFF_NONE = ("Das erste Jahr gleicht dem Einjahres-Optimum (keine Maßnahme weicht um einen Eintritt oder "
                     "mehr ab)")
HORIZON_DIFF_NO_OPTIMUM = "Das Einjahres-Optimum ist unzulässig: kein Vergleich"
HORIZON_INFEASIBLE = ("Der Mehrjahresplan über {n} Jahre ist unzulässig: kein Plan hält in jedem Jahr den EGT, die "
                      "Mindestzahlen, Zusagen und die Grenzen nach dem Horizont ein. Widersprüchliche Restriktionen: "
                      "{conflicts}. --horizon kürzen, budget.egt_path oder die genannten Grenzen prüfen")
HORIZON_ROW_YEAR = "Mittel des Jahres {year} (EGT ohne Vorbindungen und feste Posten)"
HORIZON_ROW_AFTER = "Grenze nach dem Horizont {year} (verschoben aus der Grenze {orig})"
HORIZON_ROW_COHORT = "{label} (Jahrgang {year})"
HORIZON_SHEET = "Mehrjahresplan"
HORIZON_INTEGRATIONS_NOTE = ("Integrationen im Jahr: aus Dauer, Eintrittsprofil und den sechs Monaten der "
                             "Eingliederungsquote (Schätzung); was die Jahrgänge nach dem Horizont bewirken, steht in "
                             "der Summe")
HORIZON_QUOTA_NOTE = ("Quote: Beitrag zur " + IQ + ", was § 48a von den Eintritten aller "
                      "Jahrgänge im Jahr zählt ÷ {elb} eLb, in jedem Jahr die eLb von {year} (keine Prognose "
                      "für spätere Jahre in den Daten; Schätzung); Integrationen ohne Maßnahme und aus früheren "
                      "Eintritten sind nicht modelliert")
HORIZON_NOTE_EGT = "EGT {year}: {source}"
HORIZON_NOTE_PRIOR = "Vorbindungen {year}: {source}"
HORIZON_XL_AFTER = "nach dem Horizont: {year}"
HORIZON_XL_LIMIT = "Grenze der Folgejahre {orig} (commitments.limits), verschoben; Spalte verfügbar = die Grenze"
HORIZON_XL_TOTAL = "Summe aller Jahrgänge"
HORIZON_XL_TOTAL_HOW = ("Integrationen nach dem Horizont (Spalte Integrationen im Jahr) und Zielwert aller Jahrgänge "
                        "(Spalte Integrationen des Jahrgangs)")
HORIZON_XL_MEASURES = "Neueintritte je Jahrgang"
HORIZON_XL_ONE_YEAR = "Einjahres-Optimum"
HORIZON_XL_DELTA_EUR = "Δ Kosten erstes Jahr"
HORIZON_XL_NOTE = "Hinweis"
HORIZON_COHORT_INFEASIBLE = ("Mehrjahresplan unzulässig: schon der Jahrgang {year} allein (ohne die vorab gekauften "
                             "Plätze des Planungsjahres, mit beliebig viel Geld) hat keinen Plan. {text}")
HORIZON_PRIOR_GIVEN = "{source} ({where})"


# --------------------------------------------------------------------------- i30h: messages once English
PW_UNKNOWN_MEASURE = "unbekannte Maßnahme '{id}' (nicht in der Maßnahmentabelle des Falls)"
PW_ROWS_MISSING = ("die Zeilen von {n} Maßnahme(n) fehlen ({ids}); statt eine Zeile zu löschen, die Eintritte "
                   "auf 0 setzen")
PW_TOTAL_EDITED = "{id}: {total} geändert ({cell}) → {new} Neueintritte"
PW_DISAGREE = ("'{total}' {total_v} und '{new}' {new_v} passen nicht zusammen (feste Eintritte {fixed}); "
               "nur eine der beiden Spalten ändern")
PW_TWO_CELLS = "{first} und {second}"
PW_BELOW_FIXED = ("{total} {total_v} liegt unter den {fixed} festen Eintritten (vorab eingekauft oder außerhalb) "
                  "dieser Maßnahme")
FIELD_MIN_UNREACHABLE = ("Handlungsfeld {field} braucht {need} Eintritte, hat aber nur {fixed} feste und keine "
                         "Maßnahme mit Neueintritten")
GOAL_WITH_STAFF = ("--goal sucht die kleinsten Ausgaben, die Personalgrenze wird aber in Integrationen bezahlt; "
                   "für ein Ziel --staff weglassen (oder `use: [staff]` im Szenario)")
DURATION_ABOVE_STATUTE = ("{months} Monate überschreiten die gesetzliche Höchstdauer von {max} Monaten für {id} "
                          "({paragraph})")
EFF_WHERE = "Nettoeffekt-Tabelle: {key_type} '{key}'"
EFF_KEY_TYPE = "Nettoeffekt-Tabelle: key_type muss eins von {allowed} sein, ist '{got}'"
EFF_PP_RANGE = "{where}: {name} muss zwischen -100 und 100 Prozentpunkten liegen, ist {got}"
EFF_OUTSIDE_RANGE = "{where}: net_pp {net} liegt außerhalb seiner Spanne [{low}, {high}]"
EFF_KENNZAHL = "{where}: kennzahl muss eins von {allowed} sein, ist '{got}'"
EFF_NEEDS_SOURCE = "{where}: jeder Nettoeffekt und jede Lesart nach § 48a braucht eine Quelle"
LINK_BAD_MODE = "Kopplung von '{follower}': mode muss eins von {allowed} sein"
NAT_JOINT_NOT_OPTIMAL = "das gemeinsame Bundes-LP hat keinen optimalen Plan (Löserstatus: {status})"
LINK_BAD_RATIO = "Kopplung von '{follower}': ratio muss größer als 0 sein"


#: `amip scenarios new`: the scenario file a planner edits, every key commented out with what it does (German;
#: the keys and the example values are what the schema reads). Seed lines as the AmIp's lines ("Z. 250").
SCENARIO_TEMPLATE = """\
# Szenario {name}: übernimmt alles von {parent} und ändert nur, was Sie unten einkommentieren
# (das '# ' am Zeilenanfang entfernen; die Einrückung bleibt).
# Prüfen und rechnen:  amip scenarios show {path}   (aufgelöste Werte und ihre Herkunft)
#                      amip optimize --scenario {path}
# Jede nicht selbstverständliche Zahl bekommt eine Quelle (`source:`): eine Zeile des AmIp, eine Studie, ein
# Beschluss – oder ESTIMATE (Schätzung) bzw. POLICY (Festlegung) mit Begründung; an diesen Wörtern erkennt
# amip Schätzungen und Festlegungen. Zahlen mit Dezimalpunkt und ohne Tausenderpunkte schreiben: 0.9, 33000000.
name: {name}
description: "{description}"
extends: {parent}            # ein mitgeliefertes Szenario (base, downturn-mild …) oder ein Pfad wie ./anderes.yaml; eine Liste wird von links nach rechts zusammengeführt

# year: 2020                 # wählt die Regeldatei amip/rules/<Jahr>.yaml (gesetzliche Werte je Jahr)

# budget:
#   neufallbudget_eur: {{value: 33000000, source: "…"}}   # absolut, in Euro
#   change_pct: {{value: -10, source: "…"}}               # Änderung des Neufallbudgets in % (zuletzt angewandt)
#   egt_change_pct: {{value: -10, source: "…"}}           # Änderung der EGT-Zuteilung in %; die Vorbindungen bleiben, das Neufallbudget trägt die Änderung
#   vorbindungen_eur: {{value: 32647597, source: "…"}}    # Vorbindungen aus früheren Jahren (AmIp 2020 Duisburg, Z. 250)
#   rueckeinnahmen_egt_eur: {{value: 400000, source: "…"}} # Rückeinnahmen zugunsten des EGT (AmIp 2020 Duisburg, Z. 261)

# Integrationsquoten (Integrationen je Eintritt). Die Auswahlen wirken vom allgemeinsten zum genauesten:
# all → field (Handlungsfeld) → product_category → instrument_type → measure (Maßnahme). Ein multiplier
# vervielfacht, was die früheren Stufen ergaben; ein value ersetzt es.
# rates:
#   instrument_type:
#     egz: {{multiplier: 0.88, source: "ESTIMATE …"}}
#   product_category:
#     IV: {{multiplier: 0.90, source: "…"}}
#   measure:
#     hf2-16e: {{value: 0.55, source: "…"}}

# Wirkungsmaß, in dem das Szenario optimiert wird (--effect auf der Kommandozeile geht vor): brutto (die
# Quotentabelle, Voreinstellung), netto (verursachte Integrationen, Tabelle der Nettoeffekte) oder kennzahl
# (was § 48a SGB II zählt); die Kürzel gross und net gehen auch. (Ein Schlüssel effect_table mit dem Pfad
# einer CSV, relativ zu dieser Datei, ersetzt amip/data/effects.csv; dieselben Spalten.)
# effect: netto

# Nettoeffekte in Prozentpunkten (dieselben Auswahlen; sie wirken bei --effect netto). Ein Abschwung hebt den
# Nettoeffekt der Weiterbildung (Quellensammlung amip-optimizer, Abschn. 3.2: FbW ×1,10 mild / ×1,20 schwer,
# EGZ/§ 16e ×1,05 / ×1,10):
# net_effects:
#   instrument_type:
#     fbw: {{multiplier: 1.10, source: "ESTIMATE domain.md §3.2 …"}}
#     egz: {{value: 5, source: "…"}}

# Kosten je Neueintritt in Euro (dieselben Auswahlen; reine Geldposten bleiben unberührt):
# costs:
#   instrument_type:
#     fbw: {{multiplier: 1.05, source: "…"}}

# Kundenpools in Personen (elb, lzb, lza, u25, asyl_8hkl, alleinerziehende):
# pools:
#   lza: {{multiplier: 1.15, source: "…"}}

# Mindesteintritte je Handlungsfeld (alle Felder als Anteil ihrer geplanten Eintritte, oder ein Feld):
# fields:
#   min_share: {{value: 0.8, source: "…"}}
#   field:
#     HF1: {{min_entries: 6000, source: "…"}}
#     HF3: {{min_share: 0.9, source: "…"}}

# Grenzen der Neueintritte: je Maßnahme min, max oder fixed (fest); je Gruppe ein Kapazitätsfaktor auf die
# Obergrenze:
# bounds:
#   instrument_type:
#     mat: {{max_multiplier: 0.95, source: "…"}}
#   measure:
#     hf2-16i: {{min: 100, max: 198, source: "…"}}
#     hf1-foerderzentrum-2: {{fixed: 425, source: "…"}}

# Passiv-Aktiv-Transfer (§ 16i): Pauschalen je BG-Typ (single = Alleinstehende, single_parent =
# Alleinerziehende, other = übrige), die Mischung der BG-Typen, der Deckel:
# pat:
#   rates_eur_per_month:
#     single: {{value: 800, source: "…"}}
#   bg_mix:
#     single: {{value: 0.55, source: "…"}}
#     other: {{value: 0.33, source: "…"}}
#   months_in_year: {{value: 5, source: "…"}}
#   # ein örtlicher Deckel der PAT-Entlastung für Neufälle in jedem Jahr (der Standardfall hat keinen: der PAT
#   # ist kein örtliches Kontingent, Quellensammlung amip-optimizer, Abschn. 1.5); er wird bepreist wie jede Grenze
#   new_cases_cap_eur: {{value: 600000, source: "…"}}

# Gewichte des Ziels: eine Integration der gewählten Maßnahmen zählt so viel (Voreinstellung 1):
# objective:
#   weights:
#     field:
#       HF2: {{value: 1.5, source: "POLICY …"}}

# Unsicherheit der Quoten für `amip sensitivity` (Monte Carlo). Voreinstellung: Dreiecksverteilung über die
# Spanne range_low–range_high der Quotentabelle, eine Ziehung je Instrumententyp. Verteilungen: triangular
# (Dreieck), uniform (gleichverteilt), normal (low–high = mittlere 95 %), fixed (fest). Spannen: low/high
# (absolut), low_factor/high_factor (× die Quote des Szenarios) oder spread_pct (± %):
# uncertainty:
#   group_by: instrument_type        # oder: measure (jede Quote einzeln gezogen)
#   rates:
#     instrument_type:
#       egz: {{distribution: uniform, low: 0.55, high: 0.75, source: "…"}}
#       p16i: {{distribution: normal, spread_pct: 40, source: "…"}}

# Planungsrealismus. Die Planungsdatei des Falls (amip/data/duisburg-2020/planning.yaml) setzt diese Werte für
# Duisburg; ein Szenario überschreibt sie. Welche Teile auf das Optimum wirken: `use` (oder die Schalter
# --integer, --returns, --groups, --staff). Das in Folgejahren gebundene Geld wird immer ausgewiesen.
# use: [integer, returns, groups, staff]
# Ganze Klassen: eine Maßnahme läuft mit 0 oder mit class_min bis lot_size Plätzen je Klasse (--integer):
# lots:
#   measure:
#     hf1-foerderzentrum-2: {{lot_size: 20, class_min: 16, source: "…"}}
# Erwartete Monate je Eintritt; Monate nach dem 31. Dezember binden das Geld der Folgejahre:
# durations:
#   instrument_type:
#     fbw_ao: {{months: 30, source: "…"}}
# Monate vom Beschluss bis zum ersten Neueintritt, für `amip replan` (Gutscheine 0, ausgeschriebene Maßnahmen 3):
# lead_times:
#   instrument_type:
#     mat: {{months: 4, source: "…"}}
# Grenzen der Verpflichtungsermächtigung für die Folgejahre (laut Planungsdatei voreingestellt an, jede
# bepreist): in Euro, als Anteil der Vorbindungen des Falls, oder abgeschaltet; "2023+" ist 2023 und jedes
# Jahr danach (oder vom Planungsjahr gezählt: '+1', '+2', '+3+'):
# commitments:
#   first_entry_month: {{value: 4, source: "…"}}
#   limits:
#     2021: {{value: 20000000, source: "…"}}
#     2022: {{share_of_vorbindungen: 0.3, source: "…"}}
#     2023+: {{active: false, source: "…"}}
# Abnehmender Ertrag: über dem 1,0-Fachen der geplanten Eintritte fällt die Quote auf 85 %, über dem
# 1,2-Fachen auf 60 %:
# returns:
#   instrument_type:
#     agh: {{breakpoints: [[1.0, 0.85], [1.2, 0.6]], source: "…"}}
# Weitere Ziele je Integration neben den Integrationen (LZB: Langzeitleistungsbezieher weniger, LLU: gesparte
# Leistungen zum Lebensunterhalt in Euro):
# targets:
#   lzb:
#     instrument_type:
#       p16e: {{value: 0.4, source: "…"}}
# Zielgruppen: Anteile an den Eintritten jeder Maßnahme, ihr Anteil an den eLb und Mindestanteile (--groups):
# groups:
#   limits:
#     women: {{min_share: 0.48, source: "…"}}
# Personal: Betreuungsschlüssel und Kunden je Klasse (u25, ue25), besetzte / geplante Stellen, Strafe (--staff):
# staff:
#   staffing_ratio: {{value: 1.0, source: "…"}}
# Zusagen (Politik) des Falls, jede in jeder Ausgabe bepreist: eine abschalten, ihre Zahl ändern oder eigene
# hinzufügen (measure oder instrument_type; min_entries, max_entries, corridor_pct um die Planung oder um
# reference_entries, oder max_eur). `policy: {{active: false}}` (oder --no-policy) lässt alle weg.
# policy:
#   commitments:
#     agh_korridor: {{active: false}}
#     p16i_zusage: {{min_entries: 150, source: "…"}}
#     mat_cap: {{instrument_type: mat, max_eur: 6000000, label: "MAT ≤ 6 Mio. €", source: "…"}}
# Verknüpfte Maßnahmen: eine Maßnahme, die die Teilnehmenden einer anderen begleitet, folgt ihr (at_most:
# höchstens, exactly: genau):
# links:
#   hf2-16i-coaching: {{follows: hf2-16i, mode: exactly, ratio: 1.0, source: "…"}}
"""  # noqa: E501 — the template is shown to the user as is; its long comment lines stay whole
HORIZON_PRICE_TITLE = ("Grenzertrag je 100.000 € EGT ({name} aller Jahrgänge, Dualwert der Geldzeile des Jahres; "
                       "Spanne, in der er gilt, aus dem HiGHS-Ranging):")
HORIZON_PRICE_BINDS = "{year}: {per} – das Geld des Jahres ist verplant; gilt für einen EGT {range}"
HORIZON_PRICE_FREE = ("{year}: 0 – {free} des Jahres bleiben frei: mehr EGT bringt nichts, ein EGT bis hinab zu {low} "
                      "ändert das Ergebnis nicht")
HORIZON_PRICE_AFTER_TITLE = "Grenzertrag je 100.000 € mehr an verschobener Grenze nach dem Horizont:"
HORIZON_PRICE_AFTER_BINDS = "{year} (Grenze {orig}): {per} – die Grenze bindet; gilt für eine Grenze {range}"
HORIZON_PRICE_AFTER_FREE = ("{year} (Grenze {orig}): 0 – {free} unter der Grenze: eine höhere Grenze bringt nichts, "
                            "eine Grenze bis hinab zu {low} ändert das Ergebnis nicht")
HORIZON_PRICE_RANGE = "von {low} bis {high}"
HORIZON_PRICE_FROM = "ab {low} (nach oben offen)"
HORIZON_PRICE_TO = "bis {high}"
HORIZON_PRICE_POINT = "nur an dieser Stelle (das Ranging nennt keine Spanne)"
HORIZON_PRICE_INTEGER = ("Grenzertrag je 100.000 € EGT: mit --integer (ganze Eintritte) hat die Geldzeile keinen "
                         "Dualwert; ohne --integer gerechnet steht er hier")
HORIZON_XL_PRICE = "Grenzertrag je 100.000 €"
HORIZON_XL_PRICE_FROM = "gilt ab (EGT bzw. Grenze)"
HORIZON_XL_PRICE_TO = "gilt bis"
