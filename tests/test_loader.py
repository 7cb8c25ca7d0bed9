from pathlib import Path

import pytest

from pohon.loader.load import load_text
from tests.helpers import chain, tree


def codes(result):
    return [(d.code, d.line, d.col, d.node) for d in result.diagnostics]


def test_clean_tree_loads_with_positions():
    result = load_text(chain(), "t.yaml")
    assert result.ok and result.diagnostics == []
    node = result.tree.node("KA1")
    assert result.source.value(node.path + ("uraian",)) == (19, 25)


def test_scalars_stay_text_so_ids_are_not_numbers():
    text = tree("""
        - id: 1.10
          peran: outcome
          uraian: no
          catatan: 2021-09-01
        """)
    result = load_text(text)
    node = result.tree.node("1.10")
    assert node.uraian == "no"
    assert node.data.catatan == "2021-09-01"


def test_indonesian_numbers_in_targets_and_pagu():
    text = tree("""
        - id: O1
          peran: outcome
          uraian: Meningkatnya x
          indikator: [{uraian: a, satuan: Rp, target: {2024: "1.500.000", 2025: "12,5"}}]
          pagu: {2024: "Rp 10.154.864.976,00"}
        """)
    node = load_text(text).tree.node("O1")
    assert node.indikator[0].target == {2024: 1500000, 2025: 12.5}
    assert str(node.data.pagu[2024]) == "10154864976.00"


def test_unknown_key_points_at_the_key_and_suggests_the_right_one():
    text = tree("""
        - id: O1
          uraain: Meningkatnya x
        """)
    result = load_text(text, "t.yaml")
    unknown = [d for d in result.diagnostics if d.code == "F003"]
    assert [(d.line, d.col, d.node) for d in unknown] == [(6, 5, "O1")]
    assert unknown[0].message() == "Kunci `uraain` tidak dikenal di kotak O1"
    assert unknown[0].hint().startswith("Maksud Anda `uraian`?")


def test_wrong_value_points_at_the_value():
    text = tree("""
        - id: O1
          uraian: Meningkatnya x
          peran: outcom
        """)
    (d,) = load_text(text, "t.yaml").diagnostics
    assert (d.code, d.line, d.col, d.node) == ("F004", 7, 12, "O1")
    assert d.message().startswith("Nilai `peran` tidak valid: harus salah satu dari 'outcome'")


def test_duplicate_key_is_an_error_not_silently_the_last():
    text = tree("""
        - id: O1
          uraian: Meningkatnya x
          uraian: Meningkatnya y
        """)
    (d,) = load_text(text, "t.yaml").diagnostics
    assert (d.code, d.line, d.col) == ("F002", 7, 5)
    assert d.message() == "Kunci `uraian` ditulis dua kali (pertama di baris 6)"


def test_syntax_error_carries_a_numbered_excerpt():
    text = "pohon: 1\norganisasi: {nama: x\nperiode: 2024-2025\n"
    (d,) = load_text(text, "t.yaml").diagnostics
    assert d.code == "F001"
    assert "2 | organisasi: {nama: x" in d.excerpt


def test_english_messages():
    text = tree("""
        - id: O1
          uraain: Meningkatnya x
        """)
    result = load_text(text, "t.yaml")
    assert "Unknown key `uraain` in box O1" in [d.message("en") for d in result.diagnostics]


@pytest.mark.parametrize("version, message", [
    ("pohon: 2\n", "Versi format `pohon: 2` tidak dikenal"),
    ("organisasi: {nama: x}\n", "Kunci `pohon:` (versi format) tidak ada"),
])
def test_version_is_checked_first(version, message):
    (d,) = load_text(version + "kinerja: []\n").diagnostics
    assert (d.code, d.message()) == ("F006", message)


def test_merge_keys_and_small_aliases_work():
    text = tree("""
        - id: O1
          peran: outcome
          uraian: Meningkatnya x
          indikator:
            - &base {uraian: Indeks x, satuan: indeks, target: {2024: 1, 2025: 2}}
            - {<<: *base, uraian: Indeks y}
        """)
    node = load_text(text).tree.node("O1")
    assert [i.uraian for i in node.indikator] == ["Indeks x", "Indeks y"]
    assert node.indikator[1].satuan == "indeks"


# -- positions: exactly where libyaml puts them, without its node graph ----------------------

POSITION_SAMPLES = [
    "a: b\r\nc:\r\n  - 1\r\n  - {x: 'y', z: [1, 2]}\r\n",
    "a: \"x\u2028y\"\nb: [é, \U0001F600, ü]\nc: {\U0001F600: 1, k: 2}\n",
    "\ufeffpohon: 1\nkinerja:\n  - id: O1\n    uraian: >\n      dua\n      baris\n    catatan: |\n      a\n",
    "a: 1\rb: 2\rc: [3,\r 4]\r",
    "a: x\x85b: [1, 2]\u2029c: {d: e}\n",
    "? a\n: 1\n? b\n: 2\n'q': \"r\"\n",
    "- - - 1\n    - 2\n  - 3\n- {a: [], b: {}}\n",
    "a:\t1\nb:\n- c\n- d: e\n  f: g\n",
]


def _graph_positions(node, path=(), out=None):
    """Every value's (and key's) position as PyYAML's composed node graph gives it."""
    import yaml

    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                p = path + (k.value,)
                out[p] = ((v.start_mark.line + 1, v.start_mark.column + 1), (k.start_mark.line + 1, k.start_mark.column + 1))
                _graph_positions(v, p, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            p = path + (i,)
            out[p] = ((v.start_mark.line + 1, v.start_mark.column + 1), None)
            _graph_positions(v, p, out)
    return out


@pytest.mark.parametrize("text", POSITION_SAMPLES + [p.read_text(encoding="utf-8") for p in sorted(
    (Path(__file__).parent.parent / "trees").glob("*.yaml"))], ids=lambda t: repr(t[:20]))
def test_every_position_is_the_one_libyaml_gives(text):
    import yaml

    from pohon.loader.yamlsource import SourceMap, parse

    parsed = parse(text)
    source = SourceMap(parsed.table, "t.yaml")
    expected = _graph_positions(yaml.compose(text, Loader=yaml.CSafeLoader))
    assert expected
    for path, (value, key) in expected.items():
        assert source.value(path) == value, path
        assert source.key(path) == (key or value), path
    assert source.value(()) == (1, 1) or parsed.data is not None


def test_positions_of_a_big_generated_tree_are_exact():
    """Every box of a generated 300-box tree: id, uraian, an indicator's target, as libyaml sees them."""
    import yaml

    sys_path = str(Path(__file__).parent.parent / "benchmarks")
    import sys
    sys.path.insert(0, sys_path)
    try:
        from gen_tree import generate
    finally:
        sys.path.remove(sys_path)
    text = generate(300)
    result = load_text(text, "g.yaml")
    assert result.ok
    expected = _graph_positions(yaml.compose(text, Loader=yaml.CSafeLoader))
    for node in result.tree:
        for sub in (("id",), ("uraian",), ("indikator", 0, "target", "2026")):
            value, key = expected[node.path + sub]
            assert result.source.value(node.path + sub) == value
            assert result.source.key(node.path + sub) == key


# A year map of whole numbers (the bulk of a big tree) is read in one call; any other map goes
# through the item validators. Both ways give the same values and the same located errors.
@pytest.mark.parametrize("written, read", [
    ("{2024: 95, 2025: 0095}", {2024: 95, 2025: 95}),
    ("{2024: 95, 2025: 62.5}", {2024: 95, 2025: 62.5}),
    ("{2024: 95, 2025: '-'}", {2024: 95}),
    ("{2024: '', 2025: 7}", {2025: 7}),
    ("{2024: 95, 2025: 5%}", {2024: 95, 2025: 5}),
    ("{}", {}),
])
def test_year_map_values(written, read):
    res = load_text(tree(f"- {{id: O1, uraian: Meningkatnya rasa aman, indikator: [{{uraian: Indeks A, target: {written}}}]}}"))
    assert res.tree.node("O1").indikator[0].target == read
    assert [type(v) for v in res.tree.node("O1").indikator[0].target.values()] == [type(v) for v in read.values()]


@pytest.mark.parametrize("written, key, message", [
    ("{2024: 95, 1800: 5}", "1800", 'not a year (4 digits): "1800"'),
    ("{'2024 ': 5}", "2024 ", 'not a year (4 digits): "2024 "'),
    ("{2024: 95, 2025: 1234567890123456789}", "2025", '"1234567890123456789" is out of range'),
    ("{2024: ٣}", "2024", '"٣" is not one number'),
    ("{2024: 9_5}", "2024", '"9_5" is not one number'),
])
def test_year_map_errors(written, key, message):
    res = load_text(tree(f"- {{id: O1, uraian: Meningkatnya rasa aman, indikator: [{{uraian: Indeks A, target: {written}}}]}}"))
    (d,) = [d for d in res.diagnostics if d.code == "F004"]
    assert (d.node, d.field) == ("O1", ("indikator", 0, "target", key))
    assert message in d.message("en")
