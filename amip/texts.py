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
INSTRUMENT_DERIVED_MORE = " … (alle im Excel-Blatt Inputs und in --format json)"
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
RT_UNKNOWN_OPTION = ("Hinweis: die Planmappe zeichnet die Option --{option} {value} auf, die diese Version nicht kennt; "
                     "sie wird nicht angewandt")
RT_REPLAYED = "Eingaben des Plans wieder angewandt: {items}"
RT_OLD_WORKBOOK = ("Hinweis: diese Planmappe stammt aus einer älteren Version und zeichnet ihre Optionen nicht auf; "
                   "Szenario und Maßnahmendatei werden aus dem Blatt Inputs übernommen, andere Optionen (--budget, "
                   "--rates …) bitte wie beim Optimieren angeben")
RT_OTHER_BUDGET = ("Achtung: der Plan wird gegen ein anderes Neufallbudget bewertet als beim Optimieren: {now} statt "
                   "{then}")
RT_HASH_DIFFERS = ("Warnung: die Daten unterscheiden sich von denen, mit denen der Plan optimiert wurde "
                   "(Eingabe-Hash); der Vergleich mit dem aufgezeichneten Optimum ist nur bedingt aussagekräftig")

# (end of section: measure tables and round trip)


# =========================================================================== reading and writing
# layer: limits, encodings, hostile input, signals

# (end of section: reading and writing)


# =========================================================================== general

# (end of section: general)
