"""`pohon templat`: the fill-in workbook — one sheet per part of the tree (boxes, indicators with
their yearly targets and realisations, action plans per quarter, components, pagu, positions),
with dropdowns (peran, satuan, polaritas, sifat, tingkat, parent and box ids), frozen headers, a
Petunjuk sheet, and the tree's current content when a tree is given. `pohon impor` reads it back
(:mod:`.isian`); tree → workbook → tree loses nothing (see :mod:`.sheets`).

Written with XlsxWriter: every text is written as text (never a formula), the metadata date is
fixed (same tree → same bytes).
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from typing import Any

import yaml

from pohon.impor import sheets as S

FIXED_DATE = datetime(2000, 1, 1)
MAX_EXACT = 2 ** 53
EXTRA_ROWS = 500  # empty rows with dropdowns below the content
COMMON_UNITS = ("%", "dokumen", "laporan", "orang", "kegiatan", "kasus", "indeks", "nilai", "bulan", "paket",
                "unit", "organisasi", "desa", "kecamatan", "peserta", "rekomendasi", "predikat")
DEFAULT_PERIOD = "2025-2029"


def _flow(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False).strip()


def _dump(model, exclude: set[str]) -> dict:
    """The fields of ``model`` not in ``exclude`` that differ from their default, as YAML data
    (``model``: a model of the file format, pydantic's or the quick reader's of the same name)."""
    from pohon.model import schema

    fields = getattr(schema, type(model).__name__).model_fields
    return {name: value for name, value in model.model_dump(mode="json", exclude=exclude).items()
            if getattr(model, name) != fields[name].get_default(call_default_factory=True)}


class _Writer:
    def __init__(self, lang: str) -> None:
        import xlsxwriter

        self.buf = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buf, {"in_memory": True, "strings_to_formulas": False,
                                                "strings_to_urls": False, "strings_to_numbers": False})
        self.wb.set_properties({"title": "Isian pohon kinerja", "author": "pohon", "created": FIXED_DATE})
        self.head = self.wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                        "valign": "top"})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        self.lang = lang
        self.sheets: dict[str, Any] = {}
        self.widths: dict[str, list[int]] = {}
        self.lines: dict[str, dict[int, int]] = {}  # sheet → row → wrapped lines (row height on close)

    def sheet(self, name: str, columns: list[str], widths: dict[str, int] | None = None):
        ws = self.wb.add_worksheet(name)
        self.widths[name] = []
        self.lines[name] = {}
        for c, col in enumerate(columns):
            ws.write_string(0, c, col, self.head)
            width = (widths or {}).get(col, 14 if len(col) < 12 else len(col) + 2)
            self.widths[name].append(width)
            ws.set_column(c, c, width, self.wrap)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # printed: all columns on the page width
        ws.repeat_rows(0)
        ws.freeze_panes(1, 1 if columns and columns[0] in ("id", "kotak", "bagian", "jabatan") else 0)
        self.sheets[name] = (ws, columns)
        return ws

    def put(self, name: str, r: int, col: str, value: Any) -> None:
        ws, columns = self.sheets[name]
        c = columns.index(col)
        if value is None:
            return
        if isinstance(value, bool):
            ws.write_boolean(r, c, value)
        elif isinstance(value, Decimal):
            if value == value.to_integral_value() and abs(value) < MAX_EXACT:
                ws.write_number(r, c, int(value))
            elif float(value) == value:
                ws.write_number(r, c, float(value))
            else:
                ws.write_string(r, c, str(value))
        elif isinstance(value, int):
            if abs(value) < MAX_EXACT:
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
        elif isinstance(value, float):
            ws.write_number(r, c, value)
        else:
            ws.write_string(r, c, str(value))
            text = str(value)
            width = max(self.widths[name][c], 4)
            lines = sum(max(1, -(-len(part) // width)) for part in text.split("\n"))
            if lines > self.lines[name].get(r, 1):
                self.lines[name][r] = min(lines, 30)

    def dropdown(self, name: str, col: str, last: int, source, strict: bool = True) -> None:
        ws, columns = self.sheets[name]
        c = columns.index(col)
        opts = {"validate": "list", "source": source}
        if not strict:
            opts["error_type"] = "information"
        ws.data_validation(1, c, last, c, opts)

    def close(self) -> bytes:
        for name, rows in self.lines.items():
            ws = self.sheets[name][0]
            for r, n in rows.items():
                ws.set_row(r, 15 * n)
        self.wb.close()
        return self.buf.getvalue()


def _units(doc) -> list[str]:
    seen = list(COMMON_UNITS)
    for simpul, _ in _walk(doc.kinerja if doc else []):
        for ind in simpul.indikator:
            if ind.satuan and ind.satuan not in seen:
                seen.append(ind.satuan)
    out, size = [], 0
    for u in seen:  # a list validation holds at most 255 characters
        if size + len(u) + 1 > 250 or "," in u:
            continue
        out.append(u)
        size += len(u) + 1
    return out


def _walk(items, parent: str | None = None):
    for s in items:
        yield s, parent
        yield from _walk(s.cabang, s.id)


def _years(doc, periode: str) -> list[int]:
    from pohon.model.values import parse_period

    start, end = parse_period(doc.periode if doc else periode) or (2025, 2029)
    years = set(range(start, end + 1))
    if doc is not None:
        for s, _ in _walk(doc.kinerja):
            years.update(s.pagu)
            for ind in s.indikator:
                years.update(ind.target)
                years.update(ind.realisasi)
    return sorted(years)


def _flatten(prefix: str, value: Any, out: list[tuple[str, Any]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    elif isinstance(value, list):
        for i, v in enumerate(value, start=1):
            _flatten(f"{prefix}[{i}]", v, out)
    elif value is not None:
        out.append((prefix, value))


def workbook(doc=None, lang: str = "id", periode: str = DEFAULT_PERIOD) -> bytes:
    """The fill-in workbook, empty (``doc`` None) or holding ``doc`` (a :class:`PohonFile`)."""
    from pohon.catalogue import t
    from pohon.model.roles import roles

    w = _Writer(lang)
    years = _years(doc, periode)
    ws = w.sheet(S.PETUNJUK, ["petunjuk"], {"petunjuk": 110})
    for r, line in enumerate(t("templat_petunjuk", lang).split("\n"), start=1):
        ws.write_string(r, 0, line)
    ws.freeze_panes(1, 0)

    # Info: the file's own fields, one per row (dotted paths; list items numbered [1], [2] …)
    w.sheet(S.INFO, list(S.INFO_COLS), {"bagian": 34, "nilai": 80})
    info: list[tuple[str, Any]] = []
    if doc is not None:
        top = doc.model_dump(mode="json", exclude={"kinerja", "peta_jabatan"}, exclude_defaults=True)
        top.setdefault("pohon", doc.pohon)
        _flatten("", top, info)
    else:
        info = [("pohon", 1), ("organisasi.nama", ""), ("periode", periode)]
    for r, (path, value) in enumerate(info, start=1):
        w.put(S.INFO, r, "bagian", path)
        w.put(S.INFO, r, "nilai", value)

    target_cols = [f"target {y}" for y in years] + [f"realisasi {y}" for y in years]
    w.sheet(S.KOTAK, list(S.KOTAK_COLS), {"uraian": 60, "catatan": 40, "faktor": 30, "lainnya": 30})
    cut = S.INDIKATOR_COLS.index("iku") + 1
    w.sheet(S.INDIKATOR, list(S.INDIKATOR_COLS[:cut]) + target_cols + list(S.INDIKATOR_COLS[cut:]),
            {"uraian": 50, "catatan": 30, "lainnya": 30, "formulasi": 30, "alasan": 30})
    w.sheet(S.RENCANA_AKSI, list(S.RA_COLS), {"aksi1": 30, "aksi2": 30, "aksi3": 30, "aksi4": 30})
    if S.HAS_RTW:
        w.sheet(S.REALISASI_TW, list(S.RTW_COLS))
    w.sheet(S.KOMPONEN, list(S.KOMPONEN_COLS), {"nama": 60, "kode": 20})
    w.sheet(S.PAGU, list(S.PAGU_COLS) + [f"pagu {y}" for y in years])
    w.sheet(S.JABATAN_KOTAK, list(S.JABATAN_KOTAK_COLS), {"nama": 40, "pemegang": 30})
    w.sheet(S.ABAIKAN, list(S.ABAIKAN_COLS), {"alasan": 60})
    w.sheet(S.PETA_JABATAN, list(S.PETA_COLS), {"nama": 50, "unit": 40})
    w.sheet(S.PEMEGANG, list(S.PEMEGANG_COLS), {"nama": 40, "pangkat": 30})

    rows = {name: 0 for name in w.sheets}

    def next_row(name: str) -> int:
        rows[name] += 1
        return rows[name]

    simpuls = list(_walk(doc.kinerja)) if doc is not None else []
    count: dict[str, int] = {}
    for simpul, nested_parent in simpuls:
        count[simpul.id] = count.get(simpul.id, 0) + 1
        ref = simpul.id if count[simpul.id] == 1 else f"{simpul.id}#{count[simpul.id]}"
        _box(w, next_row, simpul, nested_parent, ref, years)
    for jab in (doc.peta_jabatan if doc is not None else []):
        r = next_row(S.PETA_JABATAN)
        for col in ("id", "nama", "tingkat", "jenjang", "atasan", "unit", "catatan"):
            w.put(S.PETA_JABATAN, r, col, getattr(jab, col))
        extra = _dump(jab, S.PETA_IN_COLUMNS)
        if extra:
            w.put(S.PETA_JABATAN, r, "lainnya", _flow(extra))
        for holder in jab.pemegang:
            h = next_row(S.PEMEGANG)
            w.put(S.PEMEGANG, h, "jabatan", jab.id)
            for col in ("nama", "nip", "pangkat", "catatan"):
                w.put(S.PEMEGANG, h, col, getattr(holder, col))

    last = lambda name: max(rows[name], 1) + EXTRA_ROWS  # noqa: E731
    box_ids = f"='{S.KOTAK}'!$A$2:$A${last(S.KOTAK) + 1}"
    w.dropdown(S.KOTAK, "peran", last(S.KOTAK), [r.key for r in roles()])
    w.dropdown(S.KOTAK, "induk", last(S.KOTAK), box_ids, strict=False)
    w.dropdown(S.KOTAK, "crosscutting", last(S.KOTAK), [S.YES, S.NO], strict=False)
    for name in (S.INDIKATOR, S.RENCANA_AKSI, S.KOMPONEN, S.PAGU, S.JABATAN_KOTAK, S.ABAIKAN) + (
            (S.REALISASI_TW,) if S.HAS_RTW else ()):
        w.dropdown(name, "kotak", last(name), box_ids, strict=False)
    w.dropdown(S.INDIKATOR, "satuan", last(S.INDIKATOR), _units(doc), strict=False)
    w.dropdown(S.INDIKATOR, "polaritas", last(S.INDIKATOR), ["positif", "negatif"])
    w.dropdown(S.INDIKATOR, "sifat", last(S.INDIKATOR), ["kumulatif", "stok"])
    w.dropdown(S.KOMPONEN, "jenis", last(S.KOMPONEN), ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"])
    from pohon.model.schema import TINGKAT_LEVEL

    w.dropdown(S.PETA_JABATAN, "tingkat", last(S.PETA_JABATAN), list(TINGKAT_LEVEL), strict=False)
    w.dropdown(S.PETA_JABATAN, "atasan", last(S.PETA_JABATAN),
               f"='{S.PETA_JABATAN}'!$A$2:$A${last(S.PETA_JABATAN) + 1}", strict=False)
    w.dropdown(S.PEMEGANG, "jabatan", last(S.PEMEGANG), f"='{S.PETA_JABATAN}'!$A$2:$A${last(S.PETA_JABATAN) + 1}",
               strict=False)
    w.wb.worksheets()[2].activate()  # opens on Kotak
    return w.close()


def _box(w: _Writer, next_row, simpul, nested_parent: str | None, ref: str, years: list[int]) -> None:
    r = next_row(S.KOTAK)
    extra = _dump(simpul, S.SIMPUL_IN_COLUMNS)
    parent = nested_parent if nested_parent is not None else simpul.induk
    if nested_parent is not None and simpul.induk is not None:
        extra["induk"] = simpul.induk  # nested under one box, `induk:` naming another: both kept
    w.put(S.KOTAK, r, "id", simpul.id)
    w.put(S.KOTAK, r, "induk", parent)
    for col in S.KOTAK_TEXT:
        w.put(S.KOTAK, r, col, getattr(simpul, col))
    cc = simpul.crosscutting
    if cc is True:
        w.put(S.KOTAK, r, "crosscutting", S.YES)
    elif isinstance(cc, list) and cc and all(S.LIST_SEP.strip() not in p for p in cc):
        w.put(S.KOTAK, r, "crosscutting", S.LIST_SEP.join(cc))
    elif cc is not False:
        extra["crosscutting"] = cc
    if simpul.pemilik:
        if all(S.LIST_SEP.strip() not in p for p in simpul.pemilik):
            w.put(S.KOTAK, r, "pemilik", S.LIST_SEP.join(simpul.pemilik))
        else:
            extra["pemilik"] = list(simpul.pemilik)
    komponen = simpul.komponen
    if any(_dump(k, set(S.KOMPONEN_COLS)) for k in komponen):  # a field without a column: the list as YAML
        extra["komponen"] = simpul.model_dump(mode="json", include={"komponen"})["komponen"]
        komponen = []
    if extra:
        w.put(S.KOTAK, r, "lainnya", _flow(extra))
    for k in komponen:
        kr = next_row(S.KOMPONEN)
        w.put(S.KOMPONEN, kr, "kotak", ref)
        for col in S.KOMPONEN_COLS[1:]:
            w.put(S.KOMPONEN, kr, col, getattr(k, col))
    if simpul.pagu:
        pr = next_row(S.PAGU)
        w.put(S.PAGU, pr, "kotak", ref)
        for y, v in simpul.pagu.items():
            w.put(S.PAGU, pr, f"pagu {y}", v)
    for j in simpul.jabatan:
        jr = next_row(S.JABATAN_KOTAK)
        w.put(S.JABATAN_KOTAK, jr, "kotak", ref)
        for col in ("nama", "tingkat", "pemegang", "nip"):
            w.put(S.JABATAN_KOTAK, jr, col, getattr(j, col))
    for code, reason in simpul.abaikan.items():
        ar = next_row(S.ABAIKAN)
        w.put(S.ABAIKAN, ar, "kotak", ref)
        w.put(S.ABAIKAN, ar, "aturan", code)
        w.put(S.ABAIKAN, ar, "alasan", reason)
    for n, ind in enumerate(simpul.indikator, start=1):
        ir = next_row(S.INDIKATOR)
        w.put(S.INDIKATOR, ir, "kotak", ref)
        w.put(S.INDIKATOR, ir, "no", n)
        for col in (*S.INDIKATOR_TEXT, *S.INDIKATOR_VALUES):
            w.put(S.INDIKATOR, ir, col, getattr(ind, col))
        for y, v in ind.target.items():
            w.put(S.INDIKATOR, ir, f"target {y}", v)
        for y, v in ind.realisasi.items():
            w.put(S.INDIKATOR, ir, f"realisasi {y}", v)
        extra = _dump(ind, S.INDIKATOR_IN_COLUMNS)
        rtw = getattr(ind, "realisasi_tw", {})
        if rtw and any(v and v[-1] is None for v in rtw.values()):  # "an empty last quarter": as YAML
            extra["realisasi_tw"] = ind.model_dump(mode="json", include={"realisasi_tw"})["realisasi_tw"]
        elif rtw:
            for y, values in rtw.items():
                tr = next_row(S.REALISASI_TW)
                w.put(S.REALISASI_TW, tr, "kotak", ref)
                w.put(S.REALISASI_TW, tr, "indikator", n)
                w.put(S.REALISASI_TW, tr, "tahun", y)
                for q, v in enumerate(values, start=1):
                    w.put(S.REALISASI_TW, tr, f"tw{q}", v)
        if extra:
            w.put(S.INDIKATOR, ir, "lainnya", _flow(extra))
        for y, plan in ind.rencana_aksi.items():
            rr = next_row(S.RENCANA_AKSI)
            w.put(S.RENCANA_AKSI, rr, "kotak", ref)
            w.put(S.RENCANA_AKSI, rr, "indikator", n)
            w.put(S.RENCANA_AKSI, rr, "tahun", y)
            extra = _dump(plan, S.RA_IN_COLUMNS)
            for name in ("tw", "aksi"):
                items = getattr(plan, name)
                if name == "aksi":  # an action per quarter (the old form) fits the cells aksi1–aksi4
                    simple = len(items) <= 4 and all(
                        a is None or (a.triwulan == q and not a.bulan and not _dump(a, {"uraian", "triwulan", "bulan"}))
                        for q, a in enumerate(items, start=1))
                    if not simple or (items and items[-1] is None):
                        extra[name] = plan.model_dump(mode="json", include={name})[name]
                        continue
                    items = [a.uraian if a is not None else None for a in items]
                elif items and items[-1] is None:  # a cell cannot say "an empty last quarter"
                    extra[name] = plan.model_dump(mode="json", include={name})[name]
                    continue
                for q, v in enumerate(items, start=1):
                    w.put(S.RENCANA_AKSI, rr, f"{name}{q}", v)
            for col in ("anggaran", "penanggung_jawab", "catatan"):
                w.put(S.RENCANA_AKSI, rr, col, getattr(plan, col))
            if extra:
                w.put(S.RENCANA_AKSI, rr, "lainnya", _flow(extra))
