"""Reading back the fill-in workbook of `pohon templat` (:mod:`.templat`, columns in
:mod:`.sheets`). Boxes are nested under their `induk` when it names a box written above them
(the workbook is in reading order); otherwise `induk:` is kept as written, so that a broken tree
stays broken in the same way and `pohon check` says so. Values the format cannot take (a peran
outside the list, a year that is not a year) are located errors, and left out.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from pohon.diagnostics import Location, Term
from pohon.impor import cells
from pohon.impor import sheets as S
from pohon.impor.draft import Draft
from pohon.impor.read import Book, Sheet

_YEAR_COL = re.compile(r"^(target|realisasi|pagu)\s+([0-9]{4})$")
_PATH = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


def is_isian(book: Book) -> bool:
    names = {s.name for s in book.sheets}
    return S.KOTAK in names and S.INFO in names


class IsianDraft(Draft):
    """A draft whose data was read whole from the workbook (no box-by-box building)."""

    def __init__(self, file: str) -> None:
        super().__init__(file, layout="isian")
        self.prebuilt: dict = {}
        self.cellmap: dict[tuple, Location] = {}
        self.count = 0

    def data(self, lang: str = "id"):
        from pohon.impor.order import ordered

        return ordered(self.prebuilt), self.cellmap


class _Rows:
    """The rows of one sheet as {column name: value}, with where each came from."""

    def __init__(self, sheet: Sheet | None) -> None:
        self.sheet = sheet
        self.columns: dict[str, int] = {}
        if sheet is not None and sheet.rows:
            for c, v in enumerate(sheet.rows[0]):
                name = cells.text(v)
                if name:
                    self.columns[name.casefold()] = c

    def __iter__(self):
        if self.sheet is None:
            return
        for r in range(1, len(self.sheet.rows)):
            row = self.sheet.rows[r]
            if not any(v is not None for v in row):
                continue
            yield r, {name: (row[c] if c < len(row) else None) for name, c in self.columns.items()}

    def at(self, r: int, name: str) -> Location:
        return self.sheet.at(r, self.columns.get(name, 0))  # type: ignore[union-attr]


def _str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v)
    return s if s.strip() else None


def _value(v: Any) -> Any:
    """A target, baseline or amount as the loader takes it: numbers as numbers, text as text."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    return v


def _extra(draft: Draft, rows: _Rows, r: int, row: dict) -> dict:
    text = row.get("lainnya")
    if text is None:
        return {}
    try:
        data = yaml.safe_load(str(text))
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        draft.problem("I027", rows.at(r, "lainnya"), column="lainnya", value=cells.text(text) or "",
                      expected=Term("templat_harap_yaml"))
        return {}
    return data


def _unflatten(pairs: list[tuple[str, Any]]) -> dict:
    root: dict = {}
    for path, value in pairs:
        steps = [m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _PATH.finditer(path)]
        node: Any = root
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            nxt = steps[i + 1] if not last else None
            if isinstance(step, int):
                while len(node) < step:
                    node.append(None)
                if last:
                    node[step - 1] = value
                else:
                    if node[step - 1] is None:
                        node[step - 1] = [] if isinstance(nxt, int) else {}
                    node = node[step - 1]
            else:
                if last:
                    node[step] = value
                else:
                    node = node.setdefault(step, [] if isinstance(nxt, int) else {})
    return root


def read_isian(book: Book, lang: str = "id") -> IsianDraft:
    from pohon.model.roles import roles

    draft = IsianDraft(book.file)
    by_name = {s.name: s for s in book.sheets}
    rows = {name: _Rows(by_name.get(name)) for name in (S.INFO, S.KOTAK, S.INDIKATOR, S.RENCANA_AKSI, S.KOMPONEN,
                                                       S.PAGU, S.JABATAN_KOTAK, S.ABAIKAN, S.PETA_JABATAN,
                                                       S.PEMEGANG, S.REALISASI_TW)}
    cellmap = draft.cellmap
    # -- Info ------------------------------------------------------------------------------
    pairs = []
    for r, row in rows[S.INFO]:
        path = cells.text(row.get("bagian"))
        value = row.get("nilai")
        if path and value is not None and not (isinstance(value, str) and not value.strip()):
            pairs.append((path, _value(value)))
            cellmap[tuple(int(s) - 1 if s.isdigit() else s for s in re.findall(r"[^.\[\]]+", path))] = rows[S.INFO].at(r, "nilai")
    top = _unflatten(pairs)
    # -- Kotak ------------------------------------------------------------------------------
    role_keys = {x.key for x in roles()}
    boxes: list[dict] = []
    refs: dict[str, dict] = {}
    seen: dict[str, int] = {}
    where: dict[int, tuple[int, str | None]] = {}  # box index → (row, parent as written)
    kr = rows[S.KOTAK]
    for r, row in kr:
        box_id = _str(row.get("id"))
        if box_id is None:
            draft.problem("I027", kr.at(r, "id"), column="id", value="", expected=Term("templat_harap_id"))
            continue
        box_id = box_id.strip()
        seen[box_id] = seen.get(box_id, 0) + 1
        ref = box_id if seen[box_id] == 1 else f"{box_id}#{seen[box_id]}"
        box: dict[str, Any] = {"id": box_id}
        uraian = _str(row.get("uraian"))
        if uraian is None:
            draft.problem("I027", kr.at(r, "uraian"), column="uraian", value="", expected=Term("templat_harap_uraian"))
            uraian = box_id
        box["uraian"] = uraian
        peran = _str(row.get("peran"))
        if peran is not None:
            if peran.strip() in role_keys:
                box["peran"] = peran.strip()
            else:
                draft.problem("I027", kr.at(r, "peran"), column="peran", value=peran,
                              expected=", ".join(sorted(role_keys)))
        for col in S.KOTAK_TEXT:
            if col in ("peran", "uraian"):
                continue
            v = _str(row.get(col))
            if v is not None:
                box[col] = v
        cc = _str(row.get("crosscutting"))
        if cc is not None:
            word = cc.strip().casefold()
            box["crosscutting"] = True if word in (S.YES, "true", "y") else False if word in (S.NO, "false") else [
                p.strip() for p in cc.split(S.LIST_SEP.strip()) if p.strip()]
        pemilik = _str(row.get("pemilik"))
        if pemilik is not None:
            box["pemilik"] = [p.strip() for p in pemilik.split(S.LIST_SEP.strip()) if p.strip()]
        box.update(_extra(draft, kr, r, row))
        where[len(boxes)] = (r, _str(row.get("induk")))
        boxes.append(box)
        refs[ref] = box
    for name in (S.INDIKATOR, S.RENCANA_AKSI, S.KOMPONEN, S.PAGU, S.JABATAN_KOTAK, S.ABAIKAN):
        for r, row in rows[name]:
            ref = _str(row.get("kotak"))
            if ref is None or ref.strip() not in refs:
                draft.problem("I026", rows[name].at(r, "kotak"),
                              what=Term.of("templat_kotak_tidak_ada", sheet=name, ref=ref or ""))
    # -- the parts of each box ----------------------------------------------------------------
    ir = rows[S.INDIKATOR]
    for r, row in ir:
        box = refs.get((_str(row.get("kotak")) or "").strip())
        if box is None:
            continue
        ind: dict[str, Any] = {}
        for col in S.INDIKATOR_TEXT:
            v = _str(row.get(col))
            if v is not None:
                ind[col] = v
        for col in S.INDIKATOR_VALUES:
            if row.get(col) is not None:
                ind[col] = _value(row[col])
        for name, v in row.items():
            m = _YEAR_COL.match(name)
            if m and v is not None and m.group(1) != "pagu":
                ind.setdefault(m.group(1), {})[int(m.group(2))] = _value(v)
        ind.update(_extra(draft, ir, r, row))
        if "uraian" not in ind:
            draft.problem("I027", ir.at(r, "uraian"), column="uraian", value="", expected=Term("templat_harap_uraian"))
            ind["uraian"] = "?"
        box.setdefault("indikator", []).append(ind)
        ind["__row"] = r
    rr = rows[S.RENCANA_AKSI]
    for r, row in rr:
        box = refs.get((_str(row.get("kotak")) or "").strip())
        if box is None:
            continue
        n = row.get("indikator")
        year = row.get("tahun")
        inds = box.get("indikator", [])
        if not isinstance(n, (int, float)) or not 1 <= int(n) <= len(inds):
            draft.problem("I026", rr.at(r, "indikator"), what=Term.of("templat_indikator_tidak_ada", n=_str(n) or ""))
            continue
        plan: dict[str, Any] = {}
        for name in ("tw", "aksi"):
            items = [_value(row.get(f"{name}{q}")) for q in range(1, 5)]
            while items and items[-1] is None:
                items.pop()
            if items:
                plan[name] = items
        for col in ("anggaran", "penanggung_jawab", "catatan"):
            if row.get(col) is not None:
                plan[col] = _value(row[col]) if col == "anggaran" else _str(row[col])
        plan.update(_extra(draft, rr, r, row))
        inds[int(n) - 1].setdefault("rencana_aksi", {})[_value(year)] = plan
    tr = rows[S.REALISASI_TW]
    for r, row in tr:
        box = refs.get((_str(row.get("kotak")) or "").strip())
        if box is None:
            draft.problem("I026", tr.at(r, "kotak"),
                          what=Term.of("templat_kotak_tidak_ada", sheet=S.REALISASI_TW, ref=_str(row.get("kotak")) or ""))
            continue
        n = row.get("indikator")
        inds = box.get("indikator", [])
        if not isinstance(n, (int, float)) or not 1 <= int(n) <= len(inds):
            draft.problem("I026", tr.at(r, "indikator"), what=Term.of("templat_indikator_tidak_ada", n=_str(n) or ""))
            continue
        values = [_value(row.get(f"tw{q}")) for q in range(1, 5)]
        while values and values[-1] is None:
            values.pop()
        inds[int(n) - 1].setdefault("realisasi_tw", {})[_value(row.get("tahun"))] = values
    for r, row in rows[S.KOMPONEN]:
        box = refs.get((_str(row.get("kotak")) or "").strip())
        if box is not None:
            box.setdefault("komponen", []).append({k: _str(row.get(k)) for k in S.KOMPONEN_COLS[1:]
                                                   if row.get(k) is not None})
    for r, row in rows[S.PAGU]:
        box = refs.get((_str(row.get("kotak")) or "").strip())
        if box is not None:
            for name, v in row.items():
                m = _YEAR_COL.match(name)
                if m and m.group(1) == "pagu" and v is not None:
                    box.setdefault("pagu", {})[int(m.group(2))] = _value(v)
    for r, row in rows[S.JABATAN_KOTAK]:
        box = refs.get((_str(row.get("kotak")) or "").strip())
        if box is not None:
            box.setdefault("jabatan", []).append({k: _str(row.get(k)) for k in ("nama", "tingkat", "pemegang", "nip")
                                                  if row.get(k) is not None})
    for r, row in rows[S.ABAIKAN]:
        box = refs.get((_str(row.get("kotak")) or "").strip())
        if box is not None and _str(row.get("aturan")):
            box.setdefault("abaikan", {})[_str(row.get("aturan")).strip()] = _str(row.get("alasan")) or ""
    # -- nesting, in row order ------------------------------------------------------------------
    index_of_first: dict[str, int] = {}
    for i, b in enumerate(boxes):
        index_of_first.setdefault(b["id"], i)
    roots: list[dict] = []
    path_of: dict[int, tuple] = {}
    for i, box in enumerate(boxes):
        r, parent = where[i]
        p = index_of_first.get(parent) if parent is not None else None
        unique = parent is not None and sum(1 for b in boxes if b["id"] == parent) == 1
        if p is not None and p < i and unique and "induk" not in box:
            siblings = boxes[p].setdefault("cabang", [])
            path_of[i] = path_of[p] + ("cabang", len(siblings))
            siblings.append(box)
        else:
            if parent is not None and "induk" not in box:
                box["induk"] = parent
            path_of[i] = ("kinerja", len(roots))
            roots.append(box)
        cellmap[path_of[i]] = kr.at(r, "uraian")
        for j, ind in enumerate(box.get("indikator", [])):
            row_no = ind.pop("__row")
            cellmap[path_of[i] + ("indikator", j)] = ir.at(row_no, "uraian")
    # -- peta jabatan ----------------------------------------------------------------------------
    peta: list[dict] = []
    by_pos: dict[str, dict] = {}
    pr = rows[S.PETA_JABATAN]
    for r, row in pr:
        jab = {k: _str(row.get(k)) for k in ("id", "nama", "tingkat", "jenjang", "atasan", "unit", "catatan")
               if _str(row.get(k)) is not None}
        jab.update(_extra(draft, pr, r, row))
        cellmap[("peta_jabatan", len(peta))] = pr.at(r, "id")
        peta.append(jab)
        if "id" in jab:
            by_pos.setdefault(jab["id"], jab)
    for r, row in rows[S.PEMEGANG]:
        jab = by_pos.get((_str(row.get("jabatan")) or "").strip())
        if jab is None:
            draft.problem("I026", rows[S.PEMEGANG].at(r, "jabatan"),
                          what=Term.of("templat_jabatan_tidak_ada", ref=_str(row.get("jabatan")) or ""))
            continue
        jab.setdefault("pemegang", []).append({k: _str(row.get(k)) for k in ("nama", "nip", "pangkat", "catatan")
                                               if row.get(k) is not None})
    data = dict(top)
    if peta:
        data["peta_jabatan"] = peta
    data["kinerja"] = roots
    draft.prebuilt = data
    draft.boxes = []
    draft.count = len(boxes)
    return draft
