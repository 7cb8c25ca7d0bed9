"""The Rencana Aksi matrix (source 004):

    NO | TUJUAN | INDIKATOR TUJUAN | SASARAN | INDIKATOR SASARAN | PROGRAM | INDIKATOR PROGRAM |
    KEGIATAN | INDIKATOR KEGIATAN | SUB KEGIATAN | INDIKATOR SUB KEGIATAN | SATUAN |
    TARGET (TR 1–TR 4) | TARGET KEGIATAN | RENCANA AKSI | ANGGARAN | PENANGGUNG JAWAB

Tujuan → outcome, Sasaran → csf, Program → antara-utama, Kegiatan → antara, Sub Kegiatan →
operasional. Merged cells (TUJUAN over several rows) were forward-filled by the reader; a blank
cell that is not merged is read as the text above it (noted). A row repeating a box under the
same parent is the same box (noted); its anggaran is counted once. The quarterly targets are the
sasaran indicator's ("TARGET KINERJA SASARAN"): they, the actions, the anggaran and the
penanggung jawab become that indicator's `rencana_aksi` for the year of the title (or --tahun);
"TARGET KEGIATAN" is the kegiatan indicator's target for the year; the anggaran is also the sub
kegiatan's pagu.
"""

from __future__ import annotations

import re

from pohon.diagnostics import Term
from pohon.impor import cells
from pohon.impor.detect import Col, Found
from pohon.impor.draft import Box, Draft
from pohon.impor.layouts.common import gap, indicator, indicator_texts, same, set_target, title_lines, title_year, top, unit_of
from pohon.impor.read import Sheet, col_letter

NAME = "rencana-aksi"
COLUMNS = (
    Col("no", r"^no\b"),
    Col("indikator_tujuan", r"indikator\s+(kinerja\s+)?tujuan"),
    Col("tujuan", r"^tujuan"),
    Col("indikator_sasaran", r"indikator\s+(kinerja\s+)?sasaran", required=True),
    Col("sasaran", r"^sasaran", required=True),
    Col("indikator_program", r"indikator\s+(kinerja\s+)?program"),
    Col("program", r"^program"),
    Col("indikator_sub_kegiatan", r"indikator\s+(kinerja\s+)?sub\s*kegiatan"),
    Col("indikator_kegiatan", r"indikator\s+(kinerja\s+)?kegiatan"),
    Col("sub_kegiatan", r"^sub\s*kegiatan"),
    Col("kegiatan", r"^kegiatan"),
    Col("satuan", r"^satuan"),
    Col("tw", r"\b(tr|tw|triwulan)\s*([1-4]|i{1,3}|iv)\b", required=True, many=True),
    Col("target", r"^target\b", avoid=r"\b(tr|tw|triwulan)\b"),
    Col("aksi", r"rencana\s+aksi|^aksi|kegiatan\s+aksi"),
    Col("anggaran", r"anggaran|pagu"),
    Col("penanggung_jawab", r"penanggung\s*jawab|^pj$"),
)
LEVELS = (("tujuan", "outcome", "T"), ("sasaran", "csf", "S"), ("program", "antara-utama", "P"),
          ("kegiatan", "antara", "K"), ("sub_kegiatan", "operasional", "SK"))
_ITEM = re.compile(r"(?:^|\s)([1-9])\s*[.)]\s*-?\s*")


def split_actions(text: str) -> list[str] | None:
    """"1. - a 2. - b" → ["a", "b"] when the items are numbered 1, 2, … n (n ≤ 4), else None."""
    marks = list(_ITEM.finditer(text))
    if len(marks) < 2 or len(marks) > 4 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return None
    if text[:marks[0].start()].strip():
        return None
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append(" ".join(text[m.end():end].split()))
    return out if all(out) else None


def build(sheet: Sheet, found: Found, draft: Draft, options) -> None:
    col = found.col
    year = options.year or title_year(title_lines(sheet, found.header_row))
    if year is None:
        from pohon.errors import PohonError

        raise PohonError("impor_perlu_tahun")
    top(draft, sheet, found.header_row, options, [year])
    tws = found.columns.get("tw", [])[:4]
    own = _own(found)
    seen: dict[tuple[str | None, str], Box] = {}
    budget_seen: dict[str, tuple[str, tuple[int, int]]] = {}  # sub kegiatan → (box, (row, column)) of its pagu
    above: dict[str, str] = {}
    for r in range(found.data_start, len(sheet.rows)):
        if not sheet.rows[r]:
            continue
        if own and _total_row(sheet, r):
            break  # pohon's form: the Jumlah row ends the table (signature, Jadwal below)
        parent: Box | None = None
        texts: dict[str, str] = {}
        for level, _role, _prefix in LEVELS:
            c = col(level)
            if c is None:
                continue
            value = cells.text(sheet.value(r, c))
            if value is None and level in above and (r, c) not in sheet.merged and _row_has_data(sheet, r, found):
                value = above[level]
                draft.note("I031", sheet.at(r, c), None, column=col_letter(c), value=value)
            if value is not None:
                texts[level] = value
                above[level] = value
        if not texts:
            continue
        boxes: dict[str, Box] = {}
        for level, role, prefix in LEVELS:
            if level not in texts:
                continue
            c = col(level)
            key = (parent.id if parent else None, " ".join(texts[level].casefold().split()))
            box = seen.get(key)
            if box is None:
                n = sum(1 for k in seen if k[0] == key[0]) + 1
                wanted = f"{prefix}{n}" if parent is None or level == "sasaran" else f"{parent.id}.{n}"
                if level == "sasaran":
                    wanted = f"S{sum(1 for k in seen if k[0] is not None and seen[k].fields.get('peran') == 'csf') + 1}"
                box = draft.add(Box(draft.unique_id(wanted), texts[level], sheet.at(r, c),
                                    {"peran": role}, parent.id if parent else None))
                seen[key] = box
                if parent is None and level != "tujuan" and draft.boxes[:-1]:
                    draft.note("I018", box.at, box)
            elif (r, c) not in sheet.merged and box.at.cell != sheet.at(r, c).cell and level != "tujuan":
                draft.note("I020", sheet.at(r, c), None, box=box.id)
            boxes[level] = box
            parent = box
        for level, _role, _prefix in LEVELS:
            ic = col(f"indikator_{level}")
            box = boxes.get(level)
            text = cells.text(sheet.value(r, ic)) if ic is not None else None
            if box is not None and text:
                if own:  # pohon writes a box's indicators one per line
                    for line in indicator_texts(draft, sheet, r, ic, None):
                        indicator(box, line, sheet.at(r, ic), r, ic)
                else:
                    indicator(box, text, sheet.at(r, ic), r, ic)
        if own:
            _own_row(draft, sheet, found, r, boxes, year, tws, budget_seen)
            continue
        repeated = _budget(draft, sheet, found, r, boxes, year, budget_seen)
        _targets(draft, sheet, found, r, boxes, year, tws, repeated)


def _row_has_data(sheet: Sheet, r: int, found: Found) -> bool:
    return any(sheet.value(r, c) is not None for c in found.columns.get("tw", []))  or any(
        sheet.value(r, c) is not None for name in ("indikator_sasaran", "aksi", "anggaran")
        for c in found.columns.get(name, []))


def _sasaran_indicator(sheet: Sheet, found: Found, r: int, boxes: dict[str, Box]):
    box = boxes.get("sasaran")
    ic = found.col("indikator_sasaran")
    text = cells.text(sheet.value(r, ic)) if ic is not None else None
    if box is None or not text:
        return None
    return next((i for i in box.indikator if same(i.fields.get("uraian"), text)), None)


def _targets(draft: Draft, sheet: Sheet, found: Found, r: int, boxes: dict[str, Box], year: int, tws: list[int],
             repeated: bool) -> None:
    ind = _sasaran_indicator(sheet, found, r, boxes)
    satuan_c = found.col("satuan")
    satuan = cells.text(sheet.value(r, satuan_c)) if satuan_c is not None else None
    if ind is not None and satuan:
        unit_of(draft, ind, satuan, sheet.at(r, satuan_c))
    plan: dict = {}
    tw: list = []
    for q, c in enumerate(tws):
        reading = cells.target(sheet.value(r, c))
        tw.append(cells.plain(reading.value) if not reading.several else None)
        if reading.value is not None and ind is not None:
            ind.cells[("rencana_aksi", year, "tw", q)] = sheet.at(r, c)
            if reading.unit:
                unit_of(draft, ind, reading.unit, sheet.at(r, c), value=cells.text(sheet.value(r, c)), split=reading.split)
            if reading.several:
                draft.note("I019", sheet.at(r, c), ind, value=reading.value, year=year)
    while tw and tw[-1] is None:
        tw.pop()
    if tw:
        plan["tw"] = tw
    ac = found.col("aksi")
    actions = cells.multiline(sheet.value(r, ac)) if ac is not None else None
    if actions:
        items = split_actions(actions)
        if items is not None:
            plan["aksi"] = items
            if ind is not None:
                draft.note("I030", sheet.at(r, ac), ind, n=len(items))
        else:
            plan["aksi"] = [actions]
        if ind is not None:
            ind.cells[("rencana_aksi", year, "aksi")] = sheet.at(r, ac)
    pc = found.col("anggaran")
    money = cells.money(sheet.value(r, pc)) if pc is not None else None
    if money is not None and money.value is not None and not money.bad and not repeated:
        plan["anggaran"] = cells.plain(money.value)  # a repeated amount is counted once (I021)
    jc = found.col("penanggung_jawab")
    pj = cells.text(sheet.value(r, jc)) if jc is not None else None
    if pj:
        plan["penanggung_jawab"] = pj
    if ind is not None and plan:
        ind.fields.setdefault("rencana_aksi", {})[year] = plan
    tc = found.col("target")
    keg = boxes.get("kegiatan")
    kc = found.col("indikator_kegiatan")
    if tc is not None and keg is not None and kc is not None and cells.text(sheet.value(r, kc)):
        kind = next(i for i in keg.indikator if same(i.fields.get("uraian"), cells.text(sheet.value(r, kc))))
        set_target(draft, sheet, kind, year, sheet.value(r, tc), r, tc)


def _budget(draft: Draft, sheet: Sheet, found: Found, r: int, boxes: dict[str, Box], year: int,
            budget_seen: dict[str, tuple[str, tuple[int, int]]]) -> bool:
    """The sub kegiatan's pagu from ANGGARAN; True when the row repeats an amount already counted."""
    pc = found.col("anggaran")
    if pc is None:
        return False
    level = next((lv for lv in ("sub_kegiatan", "kegiatan", "program") if lv in boxes), None)
    if level is None:
        return False
    box = boxes[level]
    key = level + ":" + " ".join(box.uraian.casefold().split())  # the same sub kegiatan under another sasaran
    reading = cells.money(sheet.value(r, pc))
    if reading.bad:
        draft.problem("I013", sheet.at(r, pc), value=cells.text(sheet.value(r, pc)) or "", expected=Term("impor_harap_rupiah"))
        return False
    if reading.value is None:
        return False
    if key in budget_seen:
        from pohon.model.values import format_rupiah

        first_box, first_cell = budget_seen[key]
        draft.note("I021", sheet.at(r, pc), box, amount=format_rupiah(reading.value), box=first_box, row=sheet.at(*first_cell))
        return True
    budget_seen[key] = (box.id, (r, pc))
    box.fields.setdefault("pagu", {})[year] = cells.plain(reading.value)
    box.cells[("pagu", year)] = sheet.at(r, pc)
    return False


# -- pohon's own Rencana Aksi (render/tables/kinds/rencana_aksi.py) --------------------------
_OWN_TARGET = re.compile(r"^target (19|20)[0-9]{2}$")


def _own(found: Found) -> bool:
    """pohon's own form: its target column is "Target 2022" (source 004 prints "TARGET KEGIATAN")."""
    tc = found.col("target")
    return tc is not None and _OWN_TARGET.match(found.headers.get(tc, "")) is not None


def _total_row(sheet: Sheet, r: int) -> bool:
    first = next((t for t in (cells.text(v) for v in sheet.rows[r]) if t), None)
    return first is not None and first.casefold() in ("jumlah", "total")


def _own_row(draft: Draft, sheet: Sheet, found: Found, r: int, boxes: dict[str, Box], year: int, tws: list[int],
             budget_seen: dict) -> None:
    """A row of pohon's form is one indicator of the deepest box in it: its unit, quarterly
    targets, yearly target and actions; the amount is that box's pagu for the year (counted once
    per box), the penanggung jawab is kept only with a plan. A row of a tree without action plans
    is always the sub kegiatan's; a row with a plan may be a box above it (the form lists the boxes
    below such a box in the same row and does not say whose the row is): noted (I043)."""
    level = next((lv for lv, _r, _p in reversed(LEVELS) if lv in boxes), None)
    if level is None:
        return
    box = boxes[level]
    ic = found.col(f"indikator_{level}")
    text = cells.text(sheet.value(r, ic)) if ic is not None else None
    ind = next((i for i in box.indikator if same(i.fields.get("uraian"), text)), None) if text else None
    if ind is None:
        return
    satuan_c = found.col("satuan")
    satuan = cells.text(sheet.value(r, satuan_c)) if satuan_c is not None else None
    if satuan:
        unit_of(draft, ind, satuan, sheet.at(r, satuan_c))
    tc = found.col("target")
    if tc is not None:
        set_target(draft, sheet, ind, year, sheet.value(r, tc), r, tc)
    plan: dict = {}
    tw = [cells.plain(cells.target(sheet.value(r, c)).value) for c in tws]
    while tw and tw[-1] is None:
        tw.pop()
    if tw:
        plan["tw"] = tw
        for q, c in enumerate(tws[:len(tw)]):
            ind.cells[("rencana_aksi", year, "tw", q)] = sheet.at(r, c)
    ac = found.col("aksi")
    actions = cells.multiline(sheet.value(r, ac)) if ac is not None else None
    if actions:
        plan["aksi"] = split_actions(actions) or [actions]
        ind.cells[("rencana_aksi", year, "aksi")] = sheet.at(r, ac)
    jc = found.col("penanggung_jawab")
    pj = sheet.value(r, jc) if jc is not None else None
    if plan and cells.text(pj) and not gap(pj):
        plan["penanggung_jawab"] = cells.text(pj)
    if plan:
        ind.fields.setdefault("rencana_aksi", {})[year] = plan
        # the form prints a plan of a box above the same way (its boxes below listed in the row)
        draft.note("I043", sheet.at(r, tws[0] if tws else (ac if ac is not None else ic)), ind, box=box.id)
    pc = found.col("anggaran")
    value = sheet.value(r, pc) if pc is not None else None
    if pc is None or level not in ("program", "kegiatan", "sub_kegiatan") or box.id in budget_seen or gap(value):
        return
    reading = cells.money(value)
    if reading.bad:
        draft.problem("I013", sheet.at(r, pc), value=cells.text(value) or "", expected=Term("impor_harap_rupiah"))
        return
    if reading.value is not None:
        budget_seen[box.id] = (box.id, (r, pc))
        box.fields.setdefault("pagu", {})[year] = cells.plain(reading.value)
        box.cells[("pagu", year)] = sheet.at(r, pc)
