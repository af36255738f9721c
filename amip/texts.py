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

#: Limits of the reading layer (amip.models.reading): {what} the input, {limit} the value, {env} the
#: environment variable that raises it.
LIMIT_HINT = "Grenze {limit}; anheben mit der Umgebungsvariablen {env}=…"
FILE_TOO_LARGE = "{what} ist {size} MB groß, mehr als erlaubt ({hint})"
TOO_MANY_ROWS = "{what} hat mehr als {limit} Datenzeilen ({hint})"
CELL_TOO_LONG = "eine Zelle ist länger als {limit} Zeichen ({hint})"
NOT_A_REGULAR_FILE = "{what} ist keine gewöhnliche Datei (sondern {kind}); bitte eine gespeicherte Datei angeben"
PATH_TOO_LONG = "der Pfad ist zu lang ({n} Zeichen; das Dateisystem erlaubt weniger)"
IS_OLD_XLS = ("{what} ist eine alte Excel-Datei (.xls) oder eine mit Kennwort geschützte Arbeitsmappe "
              "(password-protected); bitte in Excel ohne Kennwort als „Excel-Arbeitsmappe (.xlsx)“ speichern")
IS_XLSX = "{what} ist eine Excel-Arbeitsmappe (.xlsx); bitte mit der Endung .xlsx angeben"
NOT_UTF8_HINT = "vermutlich Latin-1/Windows-1252; bitte als „CSV UTF-8“ speichern"
UTF16_NO_BOM = ("{what} ist offenbar UTF-16-Text ohne Byte-Order-Mark (BOM); bitte als „CSV UTF-8“ "
                "speichern (oder als UTF-16 mit BOM)")
UTF16_BROKEN = "{what} ist als UTF-16 markiert (BOM), aber kein gültiger UTF-16-Text (Byte {pos})"
CSV_UNCLOSED_QUOTE = ("ein Anführungszeichen wird nicht geschlossen (ab Zeile {row}); eine Zelle würde "
                      "mehrere Zeilen verschlucken")
CSV_NEWLINE_IN_CELL = ("die Zelle enthält einen Zeilenumbruch: vermutlich ein nicht geschlossenes "
                       "Anführungszeichen, das Zeilen zusammenführt")
CSV_BAD_QUOTE = "fehlerhafte Anführungszeichen: {problem}"
CSV_SHORT_ROW = ("{cells} Zellen, aber die Kopfzeile hat {columns} Spalten: fehlende Trennzeichen würden "
                 "die Werte in falsche Spalten verschieben")
NUMBER_GERMAN_FILE = ("'{text}' ist keine Zahl im deutschen Format dieser Datei (Trennzeichen ';': ',' ist das "
                      "Dezimalkomma, '.' trennt Tausender, z. B. 1.383,20)")
NUMBER_DOT_FILE = ("'{text}' ist keine Zahl im Format dieser Datei (Trennzeichen ',': '.' ist der "
                   "Dezimalpunkt, ohne Tausendertrennzeichen, z. B. 1383.20)")
NUMBER_BOOLEAN = "'{text}' ist ein Wahrheitswert (WAHR/FALSCH), keine Zahl"
NUMBER_TOO_LARGE = "{value} ist unplausibel groß (höchstens {limit} {unit})"
YAML_TOO_MANY_ALIASES = "mehr als {limit} YAML-Verweise (Aliase, *name) ({hint})"
YAML_TOO_DEEP = "YAML ist tiefer als {limit} Ebenen verschachtelt ({hint})"
YAML_NUMBER = "Zeile {line}: '{key}': {problem}"
YAML_NOT_FINITE = "{value} ist keine endliche Zahl"
YAML_TOO_LARGE = "{value} ist unplausibel groß (Betrag höchstens {limit:g})"
ZIP_TOO_LARGE = ("die Arbeitsmappe entpackt sich auf mehr als {limit} MB ({name}: {size} MB; {hint}); "
                 "vermutlich eine Zip-Bombe")
WORKBOOK_UNREADABLE = ("{what} is not a readable .xlsx workbook (corrupt, password-protected, or another format "
                       "saved as .xlsx): keine lesbare .xlsx-Arbeitsmappe ({detail})")
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
DISK_FULL = "Datenträger voll oder Dateigrößengrenze erreicht"
STDOUT_FAILED = "Error: die Ausgabe (stdout) kann nicht geschrieben werden: {reason}"
INTERRUPTED = "Abgebrochen ({signal}); keine Ausgabedatei geschrieben, keine temporäre Datei zurückgelassen."
OS_ERROR = "{file}: Ein-/Ausgabefehler: {reason}"
TOO_MANY_SOLVES = ("{solves} Lösungen (--draws {draws} + --points {points}) sind mehr als erlaubt ({hint}); "
                   "das dauerte Stunden")
DURATION_TOO_LONG = "{value:g} Monate Dauer sind unplausibel (höchstens {limit} Monate)"

# (end of section: reading and writing)


# =========================================================================== general

# (end of section: general)
