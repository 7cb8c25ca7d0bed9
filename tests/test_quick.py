"""The quick reader (pohon.model.quick) agrees with the pydantic models wherever it reads a file,
and leaves to pydantic every file pydantic refuses."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pohon.loader.yamlsource import YamlProblem, parse
from pohon.model import quick, schema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_tree import generate  # noqa: E402



def deep(x):
    """Every value with its type, every object with its class name and fields in order."""
    fields = getattr(x, "FIELDS", None) or (tuple(type(x).model_fields) if hasattr(type(x), "model_fields") else None)
    if fields is not None:
        return type(x).__name__, tuple((k, deep(getattr(x, k))) for k in fields)
    if isinstance(x, list):
        return "list", tuple(deep(i) for i in x)
    if isinstance(x, dict):
        return "dict", tuple((deep(k), deep(v)) for k, v in x.items())
    return type(x).__name__, x


def pydantic_read(data, kind="pohon"):
    try:
        return (schema.PohonFile if kind == "pohon" else schema.RealisasiBerkas).model_validate(data)
    except Exception:
        return None


def agree(data, kind="pohon") -> tuple[object, object]:
    """Both readers' results on ``data`` (a deep copy each: neither may change the data), asserting
    they agree: the quick reader accepts only what pydantic accepts, and gives the same."""
    fast, slow = quick.read(copy.deepcopy(data), kind), pydantic_read(copy.deepcopy(data), kind)
    if fast is not None:
        assert slow is not None, "the quick reader accepted a file pydantic refuses"
        assert deep(fast) == deep(slow)
    return fast, slow


def _data(text: str):
    try:
        parsed = parse(text)
    except YamlProblem:
        return None
    if parsed is None or parsed.controls or parsed.split_numbers or not isinstance(parsed.data, dict):
        return None
    return parsed.data


# every YAML file of the project that the loader would validate (parses to a mapping, no control characters)
FILES = [p for p in sorted({*ROOT.glob("trees/*.yaml"), *ROOT.glob("tests/**/*.yaml")})
         if _data(p.read_text(encoding="utf-8-sig", errors="replace")) is not None]


def test_every_model_has_the_same_fields_in_the_same_order_with_the_same_defaults():
    from pydantic_core import PydanticUndefined

    for name, cls in quick.CLASSES.items():
        model = getattr(schema, name)
        assert cls.FIELDS == tuple(model.model_fields), name
        for field, info in model.model_fields.items():
            if info.is_required():
                assert field not in cls.DEFAULTS, (name, field)
            else:
                default = info.get_default(call_default_factory=True)
                assert field in cls.DEFAULTS and quick._default(cls.DEFAULTS[field]) == default, (name, field)
                assert info.default is not PydanticUndefined or info.default_factory is not None


def test_the_schema_digest_is_current():
    """A change of the file format must be looked at in pohon/model/quick.py too."""
    text = json.dumps(schema.PohonFile.model_json_schema(), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert quick.SCHEMA_DIGEST == digest, (
        f"schema.py changed: review pohon/model/quick.py for the change, then set SCHEMA_DIGEST = \"{digest}\"")


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_agrees_with_pydantic_on_every_file(path):
    data = _data(path.read_text(encoding="utf-8-sig", errors="replace"))
    fast, slow = agree(data, "realisasi" if "realisasi" in data and "pohon" not in data else "pohon")
    if slow is not None:
        assert fast is not None, "a valid file should be read without pydantic"


@pytest.mark.parametrize("variant", ["normal", "similar", "lookalike"])
def test_agrees_on_generated_trees(variant):
    data = _data(generate(400, variant=variant))
    fast, slow = agree(data)
    assert fast is not None and slow is not None
    flat = _data(generate(200, flat=True))
    assert agree(flat)[0] is not None


def test_dump_is_pydantics():
    for path in FILES:
        data = _data(path.read_text(encoding="utf-8-sig", errors="replace"))
        fast = quick.read(data) if "pohon" in data else None
        if fast is None:
            continue
        slow = schema.PohonFile.model_validate(data)
        for options in ({}, {"mode": "json"}, {"mode": "json", "exclude_defaults": True},
                        {"exclude_none": True}, {"mode": "json", "exclude": {"kinerja"}}):
            assert fast.model_dump(**options) == slow.model_dump(**options), (path, options)


BASE = {
    "pohon": "1", "organisasi": {"nama": "Dinas X"}, "periode": "2025-2029",
    "peta_jabatan": [{"id": "KADIS", "nama": "Kepala Dinas", "tingkat": "JPT Pratama", "pemegang": "Budi"}],
    "kinerja": [{
        "id": "O1", "uraian": "Meningkatnya pelayanan", "peran": "outcome", "pemilik": "KADIS",
        "indikator": [{"uraian": "Indeks kepuasan", "satuan": "%", "target": {"2025": "80", "2026": "82,5"}}],
        "cabang": [{"id": "C1", "uraian": "Terlaksananya layanan", "pagu": {"2025": "Rp 1.500.000"},
                    "crosscutting": "ya", "komponen": ["program"], "jabatan": "Kepala Bidang"}],
    }],
}
# places in BASE a fuzzed value goes (a path of keys and indexes; the last key is set)
PLACES = [
    ("periode",), ("organisasi", "nama"), ("organisasi", "kepala_daerah"), ("pohon",),
    ("kinerja", 0, "id"), ("kinerja", 0, "uraian"), ("kinerja", 0, "peran"), ("kinerja", 0, "crosscutting"),
    ("kinerja", 0, "pemilik"), ("kinerja", 0, "abaikan"), ("kinerja", 0, "pagu"), ("kinerja", 0, "komponen"),
    ("kinerja", 0, "indikator", 0, "target"), ("kinerja", 0, "indikator", 0, "satuan"),
    ("kinerja", 0, "indikator", 0, "polaritas"), ("kinerja", 0, "indikator", 0, "iku"),
    ("kinerja", 0, "indikator", 0, "baseline"), ("kinerja", 0, "indikator", 0, "tahun_baseline"),
    ("kinerja", 0, "indikator", 0, "realisasi_tw"), ("kinerja", 0, "indikator", 0, "rencana_aksi"),
    ("kinerja", 0, "indikator", 0, "satuan_tahun"), ("kinerja", 0, "cabang", 0, "pagu"),
    ("kinerja", 0, "cabang", 0, "jabatan"), ("kinerja", 0, "cabang", 0, "crosscutting"),
    ("peta_jabatan", 0, "tingkat"), ("peta_jabatan", 0, "pemegang"), ("peta_jabatan", 0, "id"),
    ("pengukuran",), ("kinerja", 0, "dilaporkan"), ("kinerja", 0, "nama_lain"),
]
_WORDS = ["", " ", "2025", "2025 ", "95", "12,5", "1.500.000", "Rp 1.500.000,00", "-", "–", "true", "ya",
          "tidak", "False", "positif", " negatif", "outcome", "antara-utama", "JPT Pratama", "jabatan pengawas",
          "4 5", "12 Dokumen", "BB (75,3)", "1e5", "0,0000001", "99999999999999999999", "abc", "a b",
          "program", "r/t", "2-r/t", "kumulatif", "#1a9850", "2021-2026", "2026-2021", "3", "13", "\u00a0x\u00a0"]
scalars = st.one_of(st.none(), st.sampled_from(_WORDS), st.text(max_size=6))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(st.sampled_from(_WORDS), max_size=4),
    st.dictionaries(st.sampled_from(["2025", "2026", " 2027", "2028 "]), st.sampled_from(_WORDS), max_size=3),
    st.dictionaries(st.one_of(st.sampled_from(["2025", "2026", "1900", "x", "uraian", "nama", "bulan",
                                               "capaian", "tw", "aksi", "M004"]), st.text(max_size=3)),
                    inner, max_size=4)), max_leaves=8)


def _set(data, path, value):
    cur = data
    for step in path[:-1]:
        cur = cur[step]
    cur[path[-1]] = value


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.one_of(st.sampled_from(_WORDS), values)), min_size=1, max_size=3))
def test_fuzzed_values_never_make_the_readers_disagree(changes):
    data = copy.deepcopy(BASE)
    for place, value in changes:
        _set(data, place, value)
    agree(data)


def test_base_of_the_fuzz_is_read_quickly():
    fast, slow = agree(BASE)
    assert fast is not None and slow is not None
    assert fast.kinerja[0].cabang[0].pagu == {2025: Decimal("1500000")}
    assert fast.kinerja[0].indikator[0].target == {2025: 80, 2026: 82.5}


def test_check_of_a_valid_tree_does_not_import_pydantic():
    code = ("import sys; sys.argv = ['pohon', 'check', 'trees/kesbangpol-balangan.yaml']\n"
            "from pohon.launch import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
