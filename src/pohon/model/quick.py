"""Reading a valid tree file without pydantic.

The file format is defined by the pydantic models of :mod:`pohon.model.schema`; importing
pydantic and building those models costs more than everything else `pohon check` does on a
tree of a few dozen boxes. This module reads the common case, a file the models accept, into
plain objects with the same fields, values and behaviour (the ``*Behaviour`` classes of
:mod:`pohon.model.coerce`, shared with the models) and otherwise gives up: :func:`read` returns
None for anything it is not sure of (an unknown key, a missing field, a value of an unexpected
type, a value the format refuses), and the loader then validates with pydantic, which reports
every problem with its exact message. So this reader never decides that a file is wrong and
never accepts one that pydantic would refuse; where it accepts, it gives what pydantic gives.

Kept in step with schema.py by tests/test_quick.py: the same fields in the same order with the
same defaults for every model, ``SCHEMA_DIGEST`` (the JSON Schema of the format: a change there
needs a look here), and the same objects as pydantic's on every file under tests/ and on
generated variants.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from pohon.model import coerce
from pohon.model.coerce import (AksiBehaviour, IndikatorBehaviour, JabatanPetaBehaviour, PohonFileBehaviour,
                                SimpulBehaviour)
from pohon.model.roles import roles

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from typing import Any, Callable

SCHEMA_DIGEST = "28bd790bd87b08efefda830d9ff3e777bd19f14a2e40d770f75eef01ebfd3a4d"  # sha256 of schema.PohonFile.model_json_schema() (tests/test_quick.py)


class Unsure(Exception):
    """The quick reader leaves this file to pydantic."""


_LIST, _DICT = object(), object()  # defaults made fresh for every object: [] and {}


class Plain:
    """An object of the file format read by this module: fields as attributes (``FIELDS`` in the
    model's order), compared field by field like a pydantic model."""

    FIELDS: tuple[str, ...] = ()
    DEFAULTS: dict[str, Any] = {}  # default of each optional field (_LIST, _DICT: a new [] / {})

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def model_dump(self, mode: str = "python", include: set | None = None, exclude: set | None = None,
                   exclude_defaults: bool = False, exclude_none: bool = False) -> dict:
        """The fields as plain data, as pydantic's ``model_dump`` gives them (the options pohon uses)."""
        out = {}
        for name in self.FIELDS:
            if (include is not None and name not in include) or (exclude is not None and name in exclude):
                continue
            v = self.__dict__[name]
            if exclude_none and v is None:
                continue
            if exclude_defaults and name in self.DEFAULTS and v == _default(self.DEFAULTS[name]):
                continue
            out[name] = _dumped(v, mode == "json", exclude_defaults, exclude_none)
        return out


def _default(d: Any) -> Any:
    return [] if d is _LIST else {} if d is _DICT else d


def _dumped(v: Any, json: bool, exclude_defaults: bool, exclude_none: bool) -> Any:
    if isinstance(v, Plain):
        return v.model_dump("json" if json else "python", exclude_defaults=exclude_defaults, exclude_none=exclude_none)
    if v.__class__ is list:
        return [_dumped(x, json, exclude_defaults, exclude_none) for x in v]
    if v.__class__ is dict:
        return {(str(k) if json else k): _dumped(x, json, exclude_defaults, exclude_none) for k, x in v.items()}
    if v.__class__ is Decimal:
        return coerce.money_out(v)
    return v


# -- how one value is read (each raises Unsure for anything it is not sure of) ----------------

# What pydantic's `str_strip_whitespace` strips: Unicode White_Space (str.strip() also strips
# U+001C–U+001F, which pydantic keeps).
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _text(v: Any) -> str:
    if v.__class__ is not str:
        raise Unsure
    return v.strip(_WHITE_SPACE)


def _opt_text(v: Any) -> str | None:
    if v is None:
        return None
    if v.__class__ is not str:
        raise Unsure
    return v.strip(_WHITE_SPACE)


def _nonempty(v: Any) -> str:
    s = _text(v)
    if not s:
        raise Unsure
    return s


def _text_matching(pattern: str) -> Callable:
    """Text that matches ``pattern`` whole, once stripped (the schema's pattern or a stricter one)."""
    match = re.compile(pattern).fullmatch

    def read(v: Any) -> str:
        s = _text(v)
        if not match(s):
            raise Unsure
        return s
    return read


_ident = _text_matching(r"\S+")


def _pure(f: Callable) -> Callable:
    """A :mod:`coerce` function, its refusal left to pydantic."""
    def read(v: Any) -> Any:
        try:
            return f(v)
        except coerce.Invalid:
            raise Unsure from None
    return read


def _one_of(*allowed: str) -> Callable:
    allowed_set = frozenset(allowed)

    def read(v: Any) -> str:
        if v.__class__ is not str or v not in allowed_set:
            raise Unsure
        return v
    return read


def _optional(read: Callable) -> Callable:
    return lambda v: None if v is None else read(v)


def _before(pre: Callable, read: Callable) -> Callable:
    return lambda v: read(pre(v))


def _list_of(read: Callable, max_length: int | None = None) -> Callable:
    def read_list(v: Any) -> list:
        if v.__class__ is not list or (max_length is not None and len(v) > max_length):
            raise Unsure
        return [read(x) for x in v]
    return read_list


def _whole(v: Any) -> int:
    if v.__class__ is not str or not (v.isascii() and v.isdigit()) or len(v) > 18:
        raise Unsure
    return int(v)


def _flag(v: Any) -> bool:
    if v == "true":
        return True
    if v == "false":
        return False
    raise Unsure


_year = _pure(coerce.year)
_value_pure = _pure(coerce.value)


def _value(v: Any) -> Any:
    r = _value_pure(v)
    return r.strip() if r.__class__ is str else r


_money_pure = _pure(coerce.money)


def _money(v: Any) -> Decimal:
    r = _money_pure(v)
    if r.__class__ is not Decimal:
        raise Unsure
    return r


def _per_year(read: Callable, pre: Callable = coerce.years_once) -> Callable:
    """A year map ``{year: value}`` (after ``pre``, pohon's reading of the map as a whole)."""
    pre_read = _pure(pre)

    def read_map(v: Any) -> dict:
        v = pre_read(v)
        if v.__class__ is not dict:
            raise Unsure
        out = {_year(k): read(x) for k, x in v.items()}
        if len(out) != len(v):  # two keys that are one year: pydantic keeps the last, say nothing here
            raise Unsure
        return out
    return read_map


_values_per_year_items = _per_year(_optional(_value), coerce.year_map)


def _values_per_year(v: Any) -> dict:
    quick = coerce.whole_per_year(v)
    if quick is not None:
        return quick
    out = _values_per_year_items(v)
    if any(x is None for x in out.values()):  # dict[Tahun, Nilai]: no None (year_map dropped the blanks)
        raise Unsure
    return out


_text_list = _before(coerce.text_list, _list_of(_text))


def _text_map(v: Any) -> dict:
    if v.__class__ is not dict:
        raise Unsure
    return {_text(k): _text(x) for k, x in v.items()}


def _union_flag_or_texts(v: Any) -> Any:
    v = coerce.flag_or_partners(v)
    if v.__class__ is bool:
        return v
    return _list_of(_text)(v)


def _bounded_int(lo: int, hi: int) -> Callable:
    def read(v: Any) -> int:
        n = _whole(v)
        if not lo <= n <= hi:
            raise Unsure
        return n
    return read


_colour = _text_matching(r"#[0-9A-Fa-f]{6}")
_period = _before(_text_matching(r"[ \t]*[0-9]{4}[ \t]*[-–][ \t]*[0-9]{4}[ \t]*"), _pure(coerce.period))


# -- the models ----------------------------------------------------------------------------------

_REQUIRED = object()


def _model(name: str, fields: dict[str, tuple[Any, Callable]], bases: tuple = (), before: Callable | None = None):
    """A plain class ``name`` with ``fields`` ({field: (default or _REQUIRED, reader)}) and the
    function that reads a mapping into it. The function is written out for the fields (one dict
    display with fresh lists and dicts, the model's field order): this is the hot loop of a big file."""
    cls = type(name, (Plain, *bases), {"FIELDS": tuple(fields), "__module__": __name__,
                                      "DEFAULTS": {k: d for k, (d, _) in fields.items() if d is not _REQUIRED}})
    env: dict[str, Any] = {"_readers": {k: r for k, (_, r) in fields.items()}, "_cls": cls, "_new": object.__new__,
                           "_before": before, "Unsure": Unsure, "_R": _REQUIRED}
    items = []
    for i, (k, (d, _)) in enumerate(fields.items()):
        if d is _LIST or d is _DICT or d is _REQUIRED:
            items.append(f"{k!r}: {'[]' if d is _LIST else '{}' if d is _DICT else '_R'}")
        else:
            env[f"_d{i}"] = d
            items.append(f"{k!r}: _d{i}")
    required = [k for k, (d, _) in fields.items() if d is _REQUIRED]
    code = (
        "def read(v):\n"
        + ("    v = _before(v)\n" if before is not None else "")
        + "    if v.__class__ is not dict:\n        raise Unsure\n"
        + f"    d = {{{', '.join(items)}}}\n"
        + "    get = _readers.get\n"
        + "    for k, x in v.items():\n"
        + "        r = get(k)\n        if r is None:\n            raise Unsure\n        d[k] = r(x)\n"
        + "".join(f"    if d[{k!r}] is _R:\n        raise Unsure\n" for k in required)
        + "    o = _new(_cls)\n    o.__dict__ = d\n    return o\n")
    compiled = None

    def read(v: Any) -> Any:  # written out on first use: most files use few of the models
        nonlocal compiled
        if compiled is None:
            exec(compile(code, f"<pohon.model.quick {name}>", "exec"), env)
            compiled = env["read"]
        return compiled(v)
    read.cls = cls  # type: ignore[attr-defined]
    return read


_RUMUS = ("r/t", "2-r/t", "t/r", "(t-r)/t")


_peran = _one_of(*(r.key for r in roles()))


_opt_value = _optional(_value)
_opt_money = _optional(_money)

_kepala_daerah = _model("KepalaDaerah", {"jabatan": (None, _opt_text), "nama": (None, _opt_text)},
                        before=coerce.named)
_kop = _model("Kop", {k: (None, _opt_text) for k in ("logo", "pemda", "nama", "alamat", "telepon", "email",
                                                      "laman", "kota")})
_organisasi = _model("Organisasi", {
    "nama": (_REQUIRED, _text), "singkat": (None, _opt_text), "pemda": (None, _opt_text),
    "urusan": (None, _opt_text), "kepala": (None, _opt_text), "kepala_daerah": (None, _optional(_kepala_daerah)),
    "kop": (None, _optional(_kop)), "catatan": (None, _opt_text)})
_tahap1 = _model("Tahap1", {"mandat": (_LIST, _text_list), "permasalahan": (None, _opt_text),
                            "ekspektasi": (None, _opt_text), "catatan": (None, _opt_text)})
_aksi = _model("Aksi", {
    "uraian": (_REQUIRED, _nonempty),
    "bulan": (_LIST, _before(coerce.one_or_list, _list_of(_pure(coerce.month)))),
    "triwulan": (None, _optional(_pure(coerce.quarter)))}, bases=(AksiBehaviour,))
_dilaporkan = _model("Dilaporkan", {
    "capaian": (None, _opt_value), "kategori": (None, _before(coerce.no_category, _opt_text)),
    "kemajuan": (None, _opt_value), "pagu": (None, _opt_money), "realisasi_anggaran": (None, _opt_money),
    "serapan": (None, _opt_value), "porsi": (None, _opt_value), "efisiensi": (None, _opt_value),
    "realisasi": (None, _opt_value), "sumber": (None, _opt_text)})
_reported_per_year = _per_year(_dilaporkan)
_pembulatan = _model("Pembulatan", {"cara": ("bulat", _one_of("bulat", "potong")),
                                    "desimal": (2, _bounded_int(0, 6))})
_pembulatan_ukur = _model("PembulatanUkur", {k: (None, _optional(_pembulatan)) for k in (
    "capaian", "kemajuan", "serapan", "porsi", "efisiensi")})
_pita = _model("PitaKategori", {"nama": (_REQUIRED, _nonempty), "min": (None, _opt_value),
                                "warna": (None, _optional(_colour))})
_pengukuran = _model("Pengukuran", {
    "rumus_negatif": (None, _optional(_one_of(*_RUMUS))), "pembulatan": (None, _optional(_pembulatan_ukur)),
    "batas_atas": (None, _opt_value), "agregasi": (None, _optional(_one_of("rata-rata", "bobot"))),
    "cki": (None, _optional(_one_of("dibulatkan", "persis"))), "kategori": (None, _optional(_list_of(_pita))),
    "dilaporkan": (_DICT, _reported_per_year), "catatan": (None, _opt_text)})
_rencana_aksi = _model("RencanaAksi", {
    "tw": (_LIST, _list_of(_opt_value, 4)),
    "aksi": (_LIST, _before(coerce.actions, _list_of(_optional(_aksi)))),
    "anggaran": (None, _opt_money), "penanggung_jawab": (None, _opt_text), "catatan": (None, _opt_text)})
_indikator = _model("Indikator", {
    "uraian": (_REQUIRED, _text), "satuan": (None, _opt_text), "satuan_tahun": (_DICT, _per_year(_text)),
    "polaritas": ("positif", _one_of("positif", "negatif")), "sifat": (None, _optional(_one_of("kumulatif", "stok"))),
    "rumus_capaian": (None, _optional(_one_of(*_RUMUS))), "baseline": (None, _opt_value),
    "tahun_baseline": (None, _optional(_year)), "kondisi_akhir": (None, _opt_value),
    "target": (_DICT, _values_per_year), "realisasi": (_DICT, _values_per_year),
    "rencana_aksi": (_DICT, _per_year(_rencana_aksi)), "iku": (None, _optional(_flag)),
    "alasan": (None, _opt_text), "formulasi": (None, _opt_text), "sumber_data": (None, _opt_text),
    "penanggung_jawab": (None, _opt_text),
    "aspek": (None, _optional(_one_of("kuantitas", "kualitas", "waktu", "biaya"))), "catatan": (None, _opt_text),
    "realisasi_tw": (_DICT, _per_year(_list_of(_opt_value, 4))), "bobot": (None, _opt_value),
    "dilaporkan": (_DICT, _reported_per_year)}, bases=(IndikatorBehaviour,))
_komponen = _model("KomponenRef", {
    "jenis": (_REQUIRED, _one_of("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")),
    "kode": (None, _opt_text), "nama": (None, _opt_text), "kinerja": (None, _opt_text),
    "indikator": (None, _opt_text)}, before=coerce.of_kind)
_jabatan = _model("Jabatan", {"nama": (_REQUIRED, _text), "tingkat": (None, _opt_text),
                              "pemegang": (None, _opt_text), "nip": (None, _opt_text)}, before=coerce.named)


def _simpul_fields() -> dict:
    return {
        "id": (_REQUIRED, _ident), "uraian": (_REQUIRED, _nonempty), "peran": (None, _optional(_peran)),
        "induk": (None, _opt_text), "faktor": (None, _opt_text), "indikator": (_LIST, _list_of(_indikator)),
        "crosscutting": (False, _union_flag_or_texts),
        "komponen": (_LIST, _list_of(_komponen)), "kode": (None, _opt_text), "pagu": (_DICT, _per_year(_money)),
        "lokasi": (None, _opt_text), "sumber_dana": (None, _opt_text), "catatan_penting": (None, _opt_text),
        "jabatan": (_LIST, _before(coerce.one_mapping, _list_of(_jabatan))), "pemilik": (_LIST, _text_list),
        "abaikan": (_DICT, _before(_pure(coerce.reasons), _text_map)), "catatan": (None, _opt_text),
        "realisasi_anggaran": (_DICT, _per_year(_money)),
        "realisasi_anggaran_tw": (_DICT, _per_year(_list_of(_opt_money, 4))),
        "dilaporkan": (_DICT, _reported_per_year),
        "cabang": (_LIST, lambda v: _simpul_list(v)),
    }


_simpul = _model("Simpul", _simpul_fields(), bases=(SimpulBehaviour,))
_simpul_list = _list_of(_simpul)


def _peta(v: Any) -> dict:
    if v.__class__ is not dict:
        raise Unsure
    return {_peran(k): _text_list(x) for k, x in v.items()}


_profil = _model("ProfilJabatan", {"dasar": ("bawaan", _text), "peta": (_DICT, _peta)})
_pemegang = _model("Pemegang", {"nama": (_REQUIRED, _nonempty), "nip": (None, _opt_text),
                                "pangkat": (None, _opt_text), "catatan": (None, _opt_text)}, before=coerce.named)
_jabatan_peta = _model("JabatanPeta", {
    "id": (_REQUIRED, _ident), "nama": (_REQUIRED, _nonempty),
    "tingkat": (_REQUIRED, _before(coerce.tingkat, _one_of(*coerce.TINGKAT_LEVEL))),
    "jenjang": (None, _opt_text), "atasan": (None, _opt_text), "unit": (None, _opt_text),
    "pemegang": (_LIST, _before(coerce.one_mapping, _list_of(_pemegang))), "tugas_tambahan": (_LIST, _text_list),
    "catatan": (None, _opt_text)}, bases=(JabatanPetaBehaviour,))
_pohon_file = _model("PohonFile", {
    "pohon": (_REQUIRED, _whole), "organisasi": (_REQUIRED, _organisasi), "periode": (_REQUIRED, _period),
    "tahap1": (None, _optional(_tahap1)), "profil_jabatan": (None, _optional(_profil)),
    "nomenklatur": (_LIST, _text_list), "peta_jabatan": (_LIST, _list_of(_jabatan_peta)),
    "kinerja": (_REQUIRED, _simpul_list), "pengukuran": (None, _optional(_pengukuran)),
    "catatan": (None, _opt_text)}, bases=(PohonFileBehaviour,))


# -- a realisation file (realisasi-2024.yaml) --


@lru_cache(maxsize=8192)
def _value_of_text(v: str) -> Any:
    return _value(v)


def _value_remembered(v: Any) -> Any:
    """:func:`_value`, remembering the texts already read: a realisation file repeats its figures."""
    return _value_of_text(v) if v.__class__ is str else _value(v)


def _keyed(read: Callable) -> Callable:
    def read_map(v: Any) -> dict:
        if v.__class__ is not dict:
            raise Unsure
        return {_text(k): read(x) for k, x in v.items()}
    return read_map


_opt_value_r = _optional(_value_remembered)
_realisasi_indikator = _model("RealisasiIndikator", {
    "realisasi": (None, _opt_value_r), "tw": (_LIST, _list_of(_opt_value_r, 4)),
    "dilaporkan": (None, _optional(_dilaporkan)), "catatan": (None, _opt_text)})
_realisasi_kotak = _model("RealisasiKotak", {
    "indikator": (_DICT, _keyed(_realisasi_indikator)), "anggaran": (None, _opt_money),
    "anggaran_tw": (_LIST, _list_of(_opt_money, 4)), "dilaporkan": (None, _optional(_dilaporkan)),
    "catatan": (None, _opt_text)})
_realisasi_berkas = _model("RealisasiBerkas", {
    "realisasi": (_REQUIRED, _whole), "tahun": (_REQUIRED, _year), "kotak": (_DICT, _keyed(_realisasi_kotak)),
    "catatan": (None, _opt_text)})

# the plain class of each model of schema.py that a tree or realisation file holds
CLASSES = {r.cls.__name__: r.cls for r in (  # type: ignore[attr-defined]
    _kepala_daerah, _kop, _organisasi, _tahap1, _aksi, _dilaporkan, _pembulatan, _pembulatan_ukur, _pita,
    _pengukuran, _rencana_aksi, _indikator, _komponen, _jabatan, _simpul, _profil, _pemegang, _jabatan_peta,
    _pohon_file, _realisasi_indikator, _realisasi_kotak, _realisasi_berkas)}


def read(data: Any, kind: str = "pohon") -> Any:
    """The file's data (as the loader parsed it) as a plain ``PohonFile`` (``kind="realisasi"``:
    ``RealisasiBerkas``), or None when this reader is not sure (pydantic then decides, with its
    messages)."""
    try:
        return (_pohon_file if kind == "pohon" else _realisasi_berkas)(data)
    except Exception:  # Unsure, a nesting too deep, a value a coerce function did not expect
        return None
