"""The reading layer (amip.inputs.reading): one decimal convention per file, strict CSV, limits."""
import pytest

from amip.errors import InputError
from amip.inputs import reading
from amip.inputs.reading import parse_number, read_csv_rows


@pytest.mark.parametrize("text,german,value", [
    ("1.383,20", True, 1383.2), ("1383,20", True, 1383.2), ("12.500", True, 12500.0), ("0,35", True, 0.35),
    ("100", True, 100.0), ("1383.20", False, 1383.2), ("1e3", False, 1000.0), ("-5", False, -5.0),
    ("1.234.567 €", True, 1234567.0),
])
def test_numbers_in_the_file_convention(text, german, value):
    assert parse_number(text, german=german, file="f", row=2, column="c") == pytest.approx(value)


@pytest.mark.parametrize("text,german,words", [
    ("1383.20", True, "deutschen Format"), ("0.35", True, "deutschen Format"), ("1.5", True, "deutschen Format"),
    ("1383,20", False, "Dezimalpunkt"), ("1,234.5", False, "Dezimalpunkt"), ("WAHR", True, "Wahrheitswert"),
    ("TRUE", False, "Wahrheitswert"), ("inf", False, "keine endliche Zahl"), ("1e999", False, "keine endliche Zahl"),
    ("abc", False, "ist keine Zahl"),
])
def test_numbers_in_the_other_convention_are_errors_never_re_read(text, german, words):
    with pytest.raises(InputError, match=words) as e:
        parse_number(text, german=german, file="f.csv", row=7, column="cost")
    assert "f.csv, Zeile 7, Spalte 'cost'" in str(e.value)


def test_rows_keep_their_spreadsheet_numbers_across_quoted_line_ends(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('a,b\n1,2\n\n3,"x"\n', encoding="utf-8")
    header, rows, german = read_csv_rows(p, "table")
    assert header == ["a", "b"] and [n for n, _ in rows] == [2, 4] and not german


@pytest.mark.parametrize("text,words", [
    ('a,b\n1,"2\n3,4\n', "Anführungszeichen"), ("a,b\n1\n", "1 Zellen"), ('a,b\n1,"x\ny"\n', "Zeilenumbruch"),
    ("a,b\n1,2\n3,4,5\n", "3 Zellen"), ("a,b\n,\n\n", "Zeilen"),
])
def test_strict_structure(tmp_path, text, words):
    p = tmp_path / "t.csv"
    p.write_text(text, encoding="utf-8")
    for read in (read_csv_rows, reading.read_csv_columns):
        with pytest.raises(InputError, match=words):
            read(p, "table")


@pytest.mark.parametrize("text", [
    "a,b\n1,2\n3,4\n", 'a;b\n"1,5"; x \n\n;\n 3 ;4', "a,b,a\n1,2,3\n4,5,6\n", "a,b\n ,2\n3,\n", "a\n\u00a0x\u00a0\n",
])
def test_columns_hold_the_cells_of_the_rows(tmp_path, text):
    """read_csv_columns: the same table as read_csv_rows (row numbers, stripped cells, empty rows left out,
    a header name given twice holding its last column), by column."""
    p = tmp_path / "t.csv"
    p.write_text(text, encoding="utf-8")
    header, rows, german = read_csv_rows(p, "table")
    assert reading.read_csv_columns(p, "table") == (header, [n for n, _ in rows],
                                                    {h: [r[h] for _, r in rows] for h in header}, german)


def test_limits_are_raisable_by_environment(monkeypatch, tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a\n" + "1\n" * 30, encoding="utf-8")
    monkeypatch.setenv("AMIP_MAX_ROWS", "10")
    with pytest.raises(InputError, match="AMIP_MAX_ROWS"):
        read_csv_rows(p, "table")
    monkeypatch.setenv("AMIP_MAX_ROWS", "100")
    assert len(read_csv_rows(p, "table")[1]) == 30


def test_yaml_numbers_and_expansion(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("a:\n  b: [1, 2, {c: 1.0e+300}]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Zeile 2: 'a\.b\.2\.c'"):
        reading.load_yaml(p, "scenario file")
    p.write_text('x: &x ["l"]\n' + "".join(f"y{i}: &y{i} [" + ", ".join([f"*{'x' if i == 0 else f'y{i - 1}'}"] * 9)
                                           + "]\n" for i in range(9)), encoding="utf-8")
    with pytest.raises(InputError, match="YAML-Verweise"):
        reading.load_yaml(p, "scenario file")


def test_a_yaml_text_read_again_is_parsed_once_and_every_reader_gets_its_own_copy(tmp_path, monkeypatch):
    calls = []
    parse = reading._parse_yaml
    monkeypatch.setattr(reading, "_parse_yaml", lambda *a: calls.append(a[1]) or parse(*a))
    text = "name: x\nstaff:\n  classes:\n    u25: {customers: 120}\nuse: [a, b]\n"
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(text, encoding="utf-8")
    b.write_text(text, encoding="utf-8")
    first = reading.load_yaml(a, "scenario file")
    first["staff"]["classes"]["u25"]["customers"] = 1
    first["use"].append("c")
    second = reading.load_yaml(b, "scenario file")   # another file, the same text
    assert second == {"name": "x", "staff": {"classes": {"u25": {"customers": 120}}}, "use": ["a", "b"]}
    assert calls == [str(a)]
    b.write_text(text.replace("120", "130"), encoding="utf-8")
    assert reading.load_yaml(b, "scenario file")["staff"]["classes"]["u25"]["customers"] == 130
    monkeypatch.setenv("AMIP_MAX_YAML_DEPTH", "2")   # other limits: checked again
    with pytest.raises(InputError, match="Zeile 4"):
        reading.load_yaml(a, "scenario file")


def _shipped_yaml():
    from pathlib import Path

    import amip

    return sorted(Path(amip.__file__).parent.rglob("*.yaml"))


def test_the_package_s_own_yaml_is_read_by_libyaml_and_every_other_file_by_pyyaml(tmp_path):
    import yaml

    files = _shipped_yaml()
    assert len(files) >= 5   # rule years, the shipped cases, the scenarios
    assert all(reading.yaml_loader(str(f)) is yaml.CSafeLoader for f in files)
    copy = tmp_path / "planning.yaml"
    copy.write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert reading.yaml_loader(str(copy)) is yaml.SafeLoader
    assert reading.yaml_loader("nicht/da.yaml") is yaml.SafeLoader


@pytest.mark.parametrize("path", _shipped_yaml(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_libyaml_reads_every_shipped_yaml_file_exactly_as_pyyaml(path, tmp_path):
    """The fast loader is only used where it is known to agree: the same data and the same key lines
    as the pure-Python loader (which reads every user file), for each file the package ships."""
    text = path.read_text(encoding="utf-8")
    reading.forget_parsed()
    fast = reading.load_yaml(path, "planning file")
    fast_lines = reading.line_index(text, str(path))
    reading.forget_parsed()
    copy = tmp_path / path.name   # the same text outside the package: PyYAML
    copy.write_text(text, encoding="utf-8")
    assert reading.load_yaml(copy, "planning file") == fast
    assert reading.line_index(text + "\n", str(copy)) == fast_lines
    reading.forget_parsed()


@pytest.mark.parametrize("value,words", [
    ("0450000", ("Oktalzahl", "151.552")), ("45:00:00", ("Basis 60", "162.000")), ("0x10", ("Hexadezimalzahl",)),
    ("0b1010", ("Binärzahl", "10")), ("-017", ("Oktalzahl", "-15")),
])
def test_a_yaml_number_not_written_in_decimals_is_refused_with_what_yaml_reads(tmp_path, value, words):
    p = tmp_path / "s.yaml"
    p.write_text(f"budget:\n  neufallbudget_eur: {value}\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        reading.load_yaml(p, "scenario file")
    assert "Zeile 2" in str(e.value) and "'budget.neufallbudget_eur'" in str(e.value)
    assert all(w in str(e.value) for w in words), str(e.value)


@pytest.mark.parametrize("value,read", [("35_085_957", 35_085_957), ("+1.5", 1.5), ("0", 0), ("0.5", 0.5),
                                        ("01.5", 1.5), ("1.0e+3", 1000.0), ("'0450'", "0450")])
def test_decimal_yaml_numbers_and_quoted_text_are_read(tmp_path, value, read):
    p = tmp_path / "s.yaml"
    p.write_text(f"x: {value}\n", encoding="utf-8")
    assert reading.load_yaml(p, "scenario file")["x"] == read


@pytest.mark.parametrize("text,words", [
    ("a: 1\n\tb: 2\n", "Tabulatorzeichen"), ("a: 1\n---\nb: 2\n", "mehr als ein YAML-Dokument"),
    ("a: [1\n", "schließende Klammer ']'"), ("a: {b: 1\n", "schließende Klammer '}'"),
    ("a: !!python/name:os.system\n", "YAML-Tag"), ("a: *nix\n", "Anker"),
])
def test_yaml_syntax_problems_are_said_in_german(tmp_path, text, words):
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        reading.load_yaml(p, "scenario file")
    assert "YAML-Syntaxfehler" in str(e.value) and words in str(e.value), str(e.value)


def test_a_yaml_file_is_held_to_its_size_and_value_limits(tmp_path, monkeypatch):
    p = tmp_path / "s.yaml"
    p.write_text("a: 1\n# " + "x" * 3000 + "\n", encoding="utf-8")
    monkeypatch.setenv("AMIP_MAX_YAML_KB", "2")
    with pytest.raises(InputError, match="zu groß für eine YAML-Datei"):
        reading.load_yaml(p, "scenario file")
    monkeypatch.delenv("AMIP_MAX_YAML_KB")
    p.write_text("a: [" + ", ".join(["1"] * 50) + "]\n", encoding="utf-8")
    monkeypatch.setenv("AMIP_MAX_YAML_NODES", "20")
    with pytest.raises(InputError, match="mehr als 20 Werte"):
        reading.load_yaml(p, "scenario file")


@pytest.mark.parametrize("env", ["AMIP_MAX_ROWS", "AMIP_MAX_CELL_CHARS", "AMIP_MAX_YAML_DEPTH", "AMIP_MAX_SOLVES"])
def test_a_limit_above_its_ceiling_is_refused(monkeypatch, env):
    monkeypatch.setenv(env, "9" * 30)
    name = next(k for k, (e, _) in reading.LIMITS.items() if e == env)
    with pytest.raises(InputError, match="ist zu groß"):
        reading.limit(name)
    monkeypatch.setenv(env, str(reading.LIMIT_CEILINGS[name]))
    assert reading.limit(name) == reading.LIMIT_CEILINGS[name]


@pytest.mark.parametrize("text,value", [
    ("sep=;\nid;x\na;1,5\n", "1,5"), ('"sep=,"\nid,x\na,1.5\n', "1.5"), ("\n\nid,x\na,1.5\n", "1.5"),
])
def test_excel_s_separator_line_and_empty_lines_above_the_header(tmp_path, text, value):
    p = tmp_path / "m.csv"
    p.write_text(text, encoding="utf-8")
    header, rows, _ = read_csv_rows(p, "measure table")
    assert header == ["id", "x"] and rows[0][1]["x"] == value
    assert rows[0][0] == (4 if text.startswith("\n") else 2)   # rows as Excel shows them


@pytest.mark.parametrize("text,words", [("id\tx\na\t1\n", "Tabulatoren"), ("sep=|\nid|x\na|1\n", "'|'"),
                                        ("sep=;\nid,x\na,1\n", "'sep=…'")])
def test_a_separator_other_than_semicolon_or_comma_is_refused(tmp_path, text, words):
    p = tmp_path / "m.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_csv_rows(p, "measure table")
    assert words in str(e.value) and "Zeile 1" in str(e.value)


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_read(tmp_path, encoding):
    p = tmp_path / "m.csv"
    p.write_bytes(("\ufeffid,x\nä,1\n").encode(encoding))
    assert read_csv_rows(p, "measure table")[1][0][1] == {"id": "ä", "x": "1"}


def test_messages_name_the_input_in_german(tmp_path):
    p = tmp_path / "m.csv"
    p.write_bytes("id\nÄ\n".encode("cp1252"))
    with pytest.raises(InputError) as e:
        read_csv_rows(p, "measure table")
    assert "Maßnahmentabelle ist kein UTF-8-Text" in str(e.value)


@pytest.mark.parametrize("data,words", [
    (None, "OpenDocument-Tabelle"), (b"id;x\n\xc4;1\n", "Textdatei"), (b"PK\x03\x04 broken", "ZIP-Archiv"),
])
def test_a_workbook_of_another_kind_is_named(tmp_path, data, words):
    import zipfile

    p = tmp_path / "m.xlsx"
    if data is None:
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    else:
        p.write_bytes(data)
    with pytest.raises(InputError) as e:
        reading.check_zip(p, "measure table")
    assert words in str(e.value), str(e.value)
@pytest.mark.parametrize("text, words", [
    ("a: {b: 1 c: 2}\n", "fehlt ein Komma oder die schließende Klammer '}'"),
    ("a: [1, 2\n", "gefunden: Dateiende"),
    ("a: b: c\n", "Doppelpunkt an unerlaubter Stelle"),
    ("a:\n\tb: 1\n", "Tabulatorzeichen"),
    ("- a\nb: 1\n", "Einrückung passt nicht"),
    ("a: *x\n", "nicht definierten Anker &x"),
    ("a: 'x\n", "endet mitten in einem Wert"),
    ("a: !foo 1\n", "unbekanntes YAML-Tag"),
    ("a: &x 1\nb: &x 2\n", "zweimal definiert"),
    ("a: 1\n---\nb: 2\n", "mehr als ein YAML-Dokument"),
])
def test_yaml_syntax_errors_are_german(tmp_path, text, words):
    """PyYAML's problem texts translated (trial finding 4): the line, the character and German words."""
    from amip.inputs.reading import load_yaml

    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_yaml(p, "scenario file")
    assert "YAML-Syntaxfehler" in str(e.value) and words in str(e.value)
    assert "expected" not in str(e.value) and "found" not in str(e.value)


@pytest.mark.parametrize("text, dot", [("0,9", "0.9"), ("1.234,5", "1234.5"), ("30.000.000", "30000000")])
def test_a_german_decimal_in_yaml_gets_the_dot_form(tmp_path, text, dot):
    from amip.inputs.reading import decimal_comma_hint, load_yaml

    assert decimal_comma_hint(text).endswith(f"also {dot}")
    assert decimal_comma_hint("0.9") is None and decimal_comma_hint(0.9) is None
    p = tmp_path / "s.yaml"
    p.write_text(f"a: {{x: {text}, source: s}}\n", encoding="utf-8")
    if "," in text:   # in a flow mapping the comma splits the number: {x: 0, 9: null}
        with pytest.raises(InputError, match=f"'a.x'.*also {dot.replace('.', '[.]')}"):
            load_yaml(p, "scenario file")
    p.write_text("b: [1,2]\nc: {x: 1, 2: 3}\nd: {x: 1, 2}\n", encoding="utf-8")   # no decimal comma: read as written
    assert load_yaml(p, "scenario file") == {"b": [1, 2], "c": {"x": 1, 2: 3}, "d": {"x": 1, 2: None}}


def test_a_workbook_s_damage_is_said_in_german_after_its_type():
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    err = ParseError("no element found: line 1, column 20")
    err.position = (1, 20)
    assert reading.damage_detail(zipfile.BadZipFile("File is not a zip file")).startswith("BadZipFile: kein gültiges")
    assert reading.damage_detail(err) == "ParseError: fehlerhaftes XML in der Arbeitsmappe, Zeile 1, Spalte 20"
    assert "Kompression" in reading.damage_detail(zlib.error("invalid distance"))
    assert "xl/workbook.xml" in reading.damage_detail(KeyError("There is no item named 'xl/workbook.xml'"))
    assert "is not" not in reading.damage_detail(ValueError("value is not valid"))
