"""Property-based tests: whatever a file holds, loading and checking it never raises, and every
diagnostic is a located value with a code from the catalogue."""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pohon.catalogue import rules
from pohon.cli import main
from pohon.loader import load_text, load_tree
from pohon.rules import check_result

EXAMPLE = Path(__file__).parent.parent / "trees" / "kesbangpol-balangan.yaml"
EXAMPLE_BYTES = EXAMPLE.read_bytes()
EXAMPLE_DATA = yaml.safe_load(EXAMPLE_BYTES.decode("utf-8"))
CODES = set(rules())
def fast(n: int) -> settings:
    return settings(max_examples=n, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_well_formed(diags, file: str) -> None:
    for d in diags:
        assert d.code in CODES, d
        assert d.file == file
        assert d.line >= 0 and d.col >= 0, d
        assert d.message() and d.severity.value in ("error", "warning", "info"), d


def check_text(text: str, name: str = "fuzz.yaml"):
    result = load_text(text, name)
    diags = check_result(result)
    assert_well_formed(diags, name)
    return diags


# -- random text and random data --------------------------------------------------------

YAMLISH = st.text(alphabet=st.sampled_from(list("abcO1 -:[]{},&*!?|>'\"#\n\t\\%@`") + ["\u0421", "é", "\x00"]),
                  max_size=200)


@fast(1500)
@given(st.one_of(st.text(max_size=300), YAMLISH))
def test_random_text_never_raises(text):
    check_text(text)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["O1", "C1", "2024", "1.500.000", "12,5", "-", ""]))
KEYS = st.one_of(st.sampled_from(["pohon", "organisasi", "periode", "kinerja", "id", "uraian", "induk", "peran",
                                  "cabang", "indikator", "target", "pagu", "abaikan", "crosscutting", "satuan",
                                  "nama", "2024", "tw", "komponen", "jabatan", "nomenklatur_x"]),
                 st.text(max_size=8))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


@fast(600)
@given(st.dictionaries(KEYS, DATA, max_size=6), st.booleans())
def test_random_nested_data_never_raises(data, with_header):
    if with_header:
        data = {"pohon": 1, "organisasi": {"nama": "X"}, "periode": "2024-2025", **data}
    check_text(dump(data))


# -- mutations of the example tree ------------------------------------------------------

def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(EXAMPLE_DATA) if p]
SWAPS = [None, "teks", 7, [], {}, ["a", "b"], {"x": 1}, True, "2O24", "Rp abc"]


def dump(data) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False)


def _mutate(data, path, op, swap) -> str:
    """Apply one mutation to ``data`` in place; returns text to append (a duplicated key)."""
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if op == "delete":
        del parent[last]
    elif op == "swap":
        parent[last] = copy.deepcopy(swap)
    elif op == "rename" and isinstance(parent, dict):
        parent[str(last)[::-1] + "x"] = parent.pop(last)
    elif op == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif op == "duplicate" and len(path) == 1:
        return f"{last}: lagi\n"  # a duplicate top-level key, only expressible as text
    return ""


@fast(800)
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), st.sampled_from(["delete", "swap", "rename", "duplicate"]),
                          st.sampled_from(SWAPS)), min_size=1, max_size=3))
def test_mutated_example_tree_never_raises(mutations):
    data = copy.deepcopy(EXAMPLE_DATA)
    tail = ""
    for path, op, swap in mutations:
        try:
            tail += _mutate(data, path, op, swap)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or retyped this path
    check_text(dump(data) + tail)


@fast(400)
@given(st.integers(min_value=0, max_value=len(EXAMPLE_BYTES)), st.binary(max_size=8))
def test_truncated_or_corrupted_example_file_never_raises(cut, junk):
    fd, name = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(EXAMPLE_BYTES[:cut] + junk)
        diags = check_result(load_tree(name))
        assert_well_formed(diags, name)
    finally:
        os.unlink(name)


# -- random trees: parent links (cycles, dangling), roles, nesting ------------------------

IDS = ["O1", "C1", "C2", "K1", "K2", "A1", "A-1", "С1", "01", "K 1", ""]
ROLES = [None, "outcome", "csf", "antara-utama", "antara", "operasional", "bos"]
STATEMENTS = ["Meningkatnya rasa aman", "Pelaksanaan rapat", "Mencegah konflik", "Terlaksananya koordinasi",
              "Meningkatnya rasa aman", "Zero konflik", "Terkoordinirnya batas wilayah"]


@st.composite
def random_tree(draw):
    n = draw(st.integers(min_value=0, max_value=12))
    nodes = []
    for _ in range(n):
        node = {"id": draw(st.sampled_from(IDS)), "uraian": draw(st.sampled_from(STATEMENTS))}
        if draw(st.booleans()):
            node["induk"] = draw(st.sampled_from(IDS + ["X9"]))
        role = draw(st.sampled_from(ROLES))
        if role:
            node["peran"] = role
        if draw(st.booleans()):
            node["indikator"] = [{"uraian": draw(st.sampled_from(["Jumlah kasus", "Persentase desa", "Zero konflik"])),
                                  "satuan": draw(st.sampled_from(["%", "kasus", None])),
                                  "target": {2024: 1, draw(st.sampled_from([2025, 2030])): 2}}]
        if draw(st.integers(0, 4)) == 0:
            node["crosscutting"] = draw(st.sampled_from([True, ["Setda"], []]))
        if draw(st.integers(0, 5)) == 0:
            node["abaikan"] = {draw(st.sampled_from(["M004", "M001", "S006", "F001"])): "alasan"}
        nodes.append(node)
    # nest some nodes under earlier ones
    top = []
    for node in nodes:
        if top and draw(st.integers(0, 2)) == 0:
            top[draw(st.integers(0, len(top) - 1))].setdefault("cabang", []).append(node)
        else:
            top.append(node)
    return {"pohon": 1, "organisasi": {"nama": "Dinas Uji"}, "periode": "2024-2025", "kinerja": top}


@fast(1000)
@given(random_tree())
def test_random_trees_never_raise_and_every_diagnostic_is_located(data):
    diags = check_text(dump(data))
    for d in diags:
        assert d.line >= 1 and d.col >= 1, d  # a parsed tree has a position for everything


# -- the CLI: no traceback ever reaches the terminal --------------------------------------

@fast(100)
@given(st.one_of(YAMLISH, random_tree().map(lambda d: dump(d))))
def test_cli_never_prints_a_traceback(text):
    fd, name = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        result = CliRunner().invoke(main, ["check", "--format", "json", name])
        assert result.exit_code in (0, 1), (result.exit_code, result.output)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    finally:
        os.unlink(name)
