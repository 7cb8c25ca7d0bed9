"""The Renja program table (Tabel T-C.33, source 000):

    Kode (urusan | bidang | program | kegiatan | sub kegiatan, or one dotted column) |
    Program/Kegiatan/Sub Kegiatan | Indikator | Rencana Tahun N: Lokasi, Target, Pagu, Sumber Dana |
    Catatan | Prakiraan Maju N+1: Target, Pagu

The level and the parent come from the code (3 parts: program, 5: kegiatan, 6: sub kegiatan; a
child's code extends its parent's). A code that does not extend any box above (``3.27.06…``
under program 8.01.05) is kept as printed and placed under the nearest box above of the parent
level (noted). Rows without a code that hold an indicator are more indicators of the box above
(noted). Targets "4 Keg" are split into value and unit (noted); Rupiah in either style. The TOTAL
row is compared with the programs' pagu.
"""

from __future__ import annotations

import re

from pohon.impor import cells
from pohon.impor.detect import Col, Found
from pohon.impor.draft import Box, Draft
from pohon.diagnostics import Term
from pohon.impor.layouts.common import add_pagu, indicator, indicator_texts, note_row, set_target, top
from pohon.impor.read import Sheet
from pohon.model.values import format_rupiah

NAME = "renja"
COLUMNS = (
    Col("kode", r"^kode", required=True, many=True),
    Col("indikator", r"indikator", required=True),
    Col("nama", r"program|kegiatan|urusan|uraian|nama", required=True, avoid=r"indikator|^kode"),
    Col("target", r"target", many=True, required=True),
    Col("pagu", r"pagu|kebutuhan dan|anggaran", many=True),
    Col("catatan", r"catatan|keterangan"),
    Col("lokasi", r"lokasi"),
    Col("sumber_dana", r"sumber\s*dana"),
)
LEVEL = {3: ("program", "antara-utama", "P"), 5: ("kegiatan", "antara", "K"), 6: ("sub_kegiatan", "operasional", "SK")}
PARENT_PARTS = {5: 3, 6: 5}
_YEAR = re.compile(r"\b(19[5-9][0-9]|2[01][0-9][0-9])\b")
_NUMBERING = re.compile(r"^\(?[0-9]{1,2}\)?$")
_TOTAL = ("total", "jumlah", "jumlah total", "total pagu")
PAD = {1: 2, 2: 2}  # bidang and program: two digits


def _years(found: Found, name: str, fallback: int | None) -> list[tuple[int, int]]:
    out = []
    for c in found.columns.get(name, []):
        m = _YEAR.search(found.headers.get(c, ""))
        year = int(m.group(1)) if m else fallback
        if year is not None:
            out.append((c, year))
    return out


def _code(draft: Draft, sheet: Sheet, r: int, cols: list[int]) -> str | None:
    if len(cols) == 1:
        v = sheet.value(r, cols[0])
        s = cells.text(v)
        return s if s and cells.is_code(s) else None
    parts: list[str | None] = []
    for i, c in enumerate(cols):
        v = sheet.value(r, c)
        part = cells.code_part(v)
        if part is not None and isinstance(v, (int, float)) and not isinstance(v, bool):
            want = PAD.get(i)
            if want and part.isdigit() and len(part) < want:
                part = part.zfill(want)
            elif i == len(cols) - 1 and part.isdigit() and len(part) < 2:
                part = part.zfill(2)
            if part != str(v):
                draft.note("I017", sheet.at(r, c), None, printed=str(v), kode=part)
        parts.append(part)
    code = cells.join_code(parts)
    return code if code and cells.is_code(code) else None


def build(sheet: Sheet, found: Found, draft: Draft, options, upper=None) -> None:
    """``upper`` (the Renstra's Tujuan and Sasaran columns): reads a row without a code as a
    box above the programs (True when it did) and gives the box a program goes under."""
    col = found.col
    targets = _years(found, "target", options.year)
    pagus = _years(found, "pagu", options.year)
    top(draft, sheet, found.header_row, options, sorted({y for _, y in targets + pagus}))
    code_cols = _code_columns(sheet, found)
    by_code: dict[str, Box] = {}
    last_of: dict[int, Box] = {}  # parts → last box of that level
    last: Box | None = None
    for r in range(found.data_start, len(sheet.rows)):
        if not sheet.rows[r] or note_row(sheet, r):
            continue
        name = cells.text(sheet.value(r, col("nama")))
        ind_text = cells.text(sheet.value(r, col("indikator")))
        if name and _NUMBERING.match(name) and (ind_text is None or _NUMBERING.match(ind_text)):
            continue  # the column numbering row "(1) 2 4 3 5 …"
        first = next((t for t in (cells.text(v) for v in sheet.rows[r]) if t), None)
        if first and first.casefold() in _TOTAL:
            _total(draft, sheet, r, pagus)
            break  # the table ends at its total row (pohon's own tables write notes and findings below)
        code = _code(draft, sheet, r, code_cols)
        if code is None and upper is not None and upper.row(draft, sheet, r, targets, pagus):
            last, last_of = None, {}
            continue
        if code is None:
            if any(cells.text(sheet.value(r, c)) for c in code_cols):
                draft.problem("I024", sheet.at(r, code_cols[0]), value=" ".join(
                    cells.text(sheet.value(r, c)) or "" for c in code_cols).strip())
                continue
            if ind_text and last is not None and not name:
                inds = _indicators(draft, sheet, r, col("indikator"), last, targets)
                for ind in inds:
                    draft.note("I028", sheet.at(r, col("indikator")), ind, box=last.id)
                note_c = col("catatan")
                note = cells.text(sheet.value(r, note_c)) if note_c is not None else None
                if note and inds:  # never dropped: a value in the notes column of a continuation row
                    inds[-1].fields["catatan"] = note
                    inds[-1].cells[("catatan",)] = sheet.at(r, note_c)
                for c, year in pagus:
                    if not cells.blank(sheet.value(r, c)):
                        draft.problem("I013", sheet.at(r, c), value=cells.text(sheet.value(r, c)) or "",
                                      expected=Term("impor_harap_pagu_baris_lanjutan"))
            elif name:  # a box without a code has no place in a table ordered by code: said, not dropped silently
                draft.problem("I042", sheet.at(r, col("nama")), name=name)
            continue
        if last is not None and code == last.fields.get("kode") and cells.text(name) == cells.text(
                (last.fields.get("komponen") or [{}])[0].get("nama")):
            _repeated(draft, sheet, r, found, last, targets, pagus)  # pohon's own tables: one row per indicator
            continue
        parts = code.split(".")
        level = LEVEL.get(len(parts))
        if level is None:
            if len(parts) > 2:
                draft.problem("I024", sheet.at(r, code_cols[0]), value=code)
            continue
        jenis, role, prefix = level
        parent: Box | None = None
        mismatch = False
        if upper is not None and len(parts) not in PARENT_PARTS:
            parent = upper.current()
        if len(parts) in PARENT_PARTS:
            want = ".".join(parts[:PARENT_PARTS[len(parts)]])
            parent = by_code.get(want)
            if parent is None:
                parent = last_of.get(PARENT_PARTS[len(parts)])
                mismatch = parent is not None
        at = sheet.at(r, col("nama"))
        fields: dict = {}
        if parent is None:
            fields["peran"] = role
        fields["kode"] = code
        fields["komponen"] = [{"jenis": jenis, **({"nama": name} if name else {})}]
        box = draft.add(Box(draft.unique_id(prefix + code), name or code, at, fields, parent.id if parent else None))
        box.cells[("kode",)] = sheet.at(r, code_cols[0])
        if parent is None and len(parts) in PARENT_PARTS:
            draft.note("I018", at, box)
        if mismatch:
            draft.note("I016", sheet.at(r, code_cols[0]), box, kode=code, parent=parent.fields.get("kode", parent.id))
        by_code.setdefault(code, box)
        last_of[len(parts)] = box
        for deeper in [p for p in last_of if p > len(parts)]:
            del last_of[deeper]
        last = box
        catatan_c = col("catatan")
        note = cells.text(sheet.value(r, catatan_c)) if catatan_c is not None else None
        if note:
            box.fields["catatan_penting"] = note
            box.cells[("catatan_penting",)] = sheet.at(r, catatan_c)
        for name in ("lokasi", "sumber_dana"):  # written where it differs from the box above (inherited)
            c = col(name)
            value = cells.text(sheet.value(r, c)) if c is not None and not cells.blank(sheet.value(r, c)) else None
            if value and value != _inherited(draft, box, name):
                box.fields[name] = value
                box.cells[(name,)] = sheet.at(r, c)
        _indicators(draft, sheet, r, col("indikator"), box, targets)
        for c, year in pagus:
            add_pagu(draft, sheet, box, year, sheet.value(r, c), r, c)


def _repeated(draft: Draft, sheet: Sheet, r: int, found: Found, box: Box, targets, pagus) -> None:
    """A row repeating the code and name of the box above (pohon's own Renja writes one row per
    indicator, the box's cells merged or repeated): another indicator of that box; its pagu, when
    written, is the same figure again (counted once) or a located problem."""
    ic = found.col("indikator")
    for ind in _indicators(draft, sheet, r, ic, box, targets):
        draft.note("I040", sheet.at(r, ic), ind, box=box.id)
    for c, year in pagus:
        value = sheet.value(r, c)
        if cells.blank(value):
            continue
        reading = cells.money(value)
        dash = cells.text(value) in ("-", "–", "—")
        got = 0 if dash else (cells.plain(reading.value) if reading.value is not None and not reading.bad else None)
        if got is None or got != box.fields.get("pagu", {}).get(year):
            draft.problem("I013", sheet.at(r, c), value=cells.text(value) or "",
                          expected=Term("impor_harap_pagu_sama"))


def _inherited(draft: Draft, box: Box, name: str) -> str | None:
    parent = draft.box(box.parent) if box.parent else None
    while parent is not None:
        if name in parent.fields:
            return parent.fields[name]
        parent = draft.box(parent.parent) if parent.parent else None
    return None


def _code_columns(sheet: Sheet, found: Found) -> list[int]:
    """The code columns: those under "Kode", and the untitled columns right of a single "Kode"
    header that hold code parts (a header not merged over them)."""
    cols = list(found.columns["kode"])
    if len(cols) != 1:
        return cols
    used = {c for cols_ in found.columns.values() for c in cols_}
    c = cols[0] + 1
    sample = range(found.data_start, min(found.data_start + 30, len(sheet.rows)))
    while c not in found.headers and c not in used and len(cols) < 5:
        values = [cells.code_part(sheet.value(r, c)) for r in sample]
        if not any(values) or not all(v is None or cells.is_code(v) for v in values):
            break
        cols.append(c)
        c += 1
    found.columns["kode"] = cols
    return cols


_PAIR = re.compile(r"([-+]?[0-9][0-9.,]*\s*(?:%|[^\d\s][^\d]*?))(?=\s+[-+]?[0-9]|\s*$)")


def _indicators(draft: Draft, sheet: Sheet, r: int, ic: int, box: Box, targets) -> list:
    """The row's indicators with their yearly targets. A cell with several lines holds several
    indicators (noted); a target cell with as many lines, or as many "value unit" pairs
    ("1 Keg 2 Keg"), gives each its own target (noted); otherwise the cell is only noted."""
    texts = indicator_texts(draft, sheet, r, ic, box)
    inds = [indicator(box, t, sheet.at(r, ic), r, ic)[0] for t in texts]
    if not inds:
        return inds
    for c, year in targets:
        value = sheet.value(r, c)
        if len(inds) == 1:
            set_target(draft, sheet, inds[0], year, value, r, c)
            continue
        raw = cells.multiline(value) or ""
        parts = [p for p in raw.split("\n") if p.strip()] if "\n" in raw else [m.strip() for m in _PAIR.findall(raw)]
        if len(parts) == len(inds):
            if "\n" not in raw:
                draft.note("I039", sheet.at(r, c), box, value=raw, n=len(parts))
            for ind, part in zip(inds, parts):
                set_target(draft, sheet, ind, year, part, r, c)
        elif not cells.blank(value):
            draft.note("I019", sheet.at(r, c), inds[0], value=cells.text(value) or "", year=year)
    return inds


def _total(draft: Draft, sheet: Sheet, r: int, pagus) -> None:
    programs = [b for b in draft.boxes if len((b.fields.get("kode") or "").split(".")) == 3]
    for c, year in pagus:
        reading = cells.money(sheet.value(r, c))
        if reading.value is None or reading.bad:
            continue
        total = sum((b.fields.get("pagu", {}).get(year, 0) for b in programs), 0)
        if total != reading.value:
            draft.problem("I022", sheet.at(r, c), year=year, printed=format_rupiah(reading.value), sum=format_rupiah(total))

