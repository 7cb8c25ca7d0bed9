"""What the layouts share: finding the organisation and the year in the title rows above the
header, adding an indicator without duplicating it, reading a target with its unit."""

from __future__ import annotations

import re
from typing import Any

from pohon.diagnostics import Term
from pohon.impor import cells
from pohon.impor.draft import Box, Draft, Indicator
from pohon.impor.read import Sheet

_YEAR = re.compile(r"\b(19[5-9][0-9]|2[01][0-9][0-9])\b")
_PERIODE = re.compile(r"\bperiode\s+(\d{4})\s*[-–]\s*(\d{4})\b", re.IGNORECASE)
_GAP = re.compile(r"\bbelum\s+(diisi|ditulis)\b", re.IGNORECASE)
_ORG = re.compile(r"^(nama\s+(perangkat\s+daerah|opd|skpd|organisasi)\s*:?\s*)", re.IGNORECASE)
_ORG_WORDS = re.compile(r"\b(badan|dinas|kantor|sekretariat|inspektorat|kecamatan|rsud|satuan polisi)\b", re.IGNORECASE)


def title_lines(sheet: Sheet, before: int) -> list[str]:
    out = []
    for r in range(min(before, len(sheet.rows))):
        for v in sheet.rows[r]:
            t = cells.text(v)
            if t:
                out.extend(line for line in (cells.multiline(v) or "").splitlines() if line.strip())
                break
    return out


def title_year(lines: list[str]) -> int | None:
    for line in lines:
        if re.search(r"tahun", line, re.IGNORECASE):
            m = _YEAR.search(line)
            if m:
                return int(m.group(1))
    return None


def title_org(lines: list[str]) -> str | None:
    for line in lines:
        m = _ORG.match(line)
        if m:
            rest = line[m.end():].strip(" :")
            if rest:
                return rest
    for line in lines:
        m = _ORG_WORDS.search(line)
        if m:
            name = line[m.start():].strip()
            name = re.split(r"\s+tahun\b|\s+·\s+", name, flags=re.IGNORECASE)[0].strip()  # pohon's "Org · Periode …"
            return name
    return None


def top(draft: Draft, sheet: Sheet, header_row: int, options, years: list[int]) -> None:
    """`organisasi` and `periode` of the imported tree."""
    lines = title_lines(sheet, header_row)
    org = options.organisasi or title_org(lines)
    if org is None:
        from pathlib import Path

        org = Path(draft.file).stem
        draft.problem("I032", sheet.at(0, 0), name=org)
    periode = options.periode
    if periode is None:  # pohon's own tables: the subtitle "Organisasi · Periode 2022-2026"
        periode = next((f"{m.group(1)}-{m.group(2)}" for m in map(_PERIODE.search, lines) if m), None)
    if periode is None and years:
        periode = f"{min(years)}-{max(years)}"
    if periode is None:
        from pohon.errors import PohonError

        raise PohonError("impor_perlu_periode")
    draft.top = {"organisasi": {"nama": org}, "periode": periode}


def same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").casefold().split()) == " ".join((b or "").casefold().split())


def indicator(box: Box, uraian: str, at, r: int, c: int) -> tuple[Indicator, bool]:
    """The box's indicator of that wording (found again), or a new one; True when new."""
    for ind in box.indikator:
        if same(ind.fields.get("uraian"), uraian):
            return ind, False
    ind = Indicator({"uraian": uraian}, at)
    ind.cells[("uraian",)] = at
    box.indikator.append(ind)
    return ind, True


def set_target(draft: Draft, sheet: Sheet, ind: Indicator, year: int, value: Any, r: int, c: int,
               key: str = "target") -> None:
    """A yearly target (or realisation) from one cell: the number, its unit (noted when split
    off), several numbers kept as text (noted)."""
    reading = cells.target(value)
    if reading.value is None:
        return
    at = sheet.at(r, c)
    if reading.several:  # the format holds one value per year: the cell goes into the note
        draft.note("I019", at, ind, value=reading.value, year=year)
        return
    ind.fields.setdefault(key, {})[year] = cells.plain(reading.value)
    ind.cells[(key, year)] = at
    if reading.unit:
        unit_of(draft, ind, reading.unit, at, value=cells.text(value), split=reading.split)


def unit_of(draft: Draft, ind: Indicator, unit: str, at, value: str | None = None, split: bool = False) -> None:
    have = ind.fields.get("satuan")
    if have is None:
        ind.fields["satuan"] = unit
        ind.cells[("satuan",)] = at
        if split:
            draft.note("I014", at, ind, value=value or "", unit=unit)
    elif not same(have, unit):
        year = next((k[1] for k, loc in ind.cells.items() if loc == at and k[0] == "target"), None)
        if year is not None:  # the unit of that year's target (satuan_tahun), noted
            ind.fields.setdefault("satuan_tahun", {})[year] = unit
        draft.note("I025", at, ind, unit=unit, first=have)


def gap(value: Any) -> bool:
    """pohon's own marker of a value not written ("pagu belum diisi", "(penanggung jawab belum
    ditulis)", …): nothing to read, not a problem."""
    s = cells.text(value)
    return bool(s) and _GAP.search(s) is not None


def add_pagu(draft: Draft, sheet: Sheet, box: Box, year: int, value: Any, r: int, c: int) -> None:
    if gap(value):
        return
    reading = cells.money(value)
    at = sheet.at(r, c)
    if cells.text(value) in ("-", "–", "—"):  # a dash in a budget column is nil: Rp 0 (documented)
        from decimal import Decimal

        reading = cells.Reading(Decimal(0))
    if reading.bad:
        draft.problem("I013", at, value=cells.text(value) or "", expected=Term("impor_harap_rupiah"))
        return
    if reading.value is None:
        return
    box.fields.setdefault("pagu", {})[year] = cells.plain(reading.value)
    box.cells[("pagu", year)] = at


def note_row(sheet: Sheet, r: int) -> bool:
    """A line of text across the table (one value, or one merged cell filled into every column):
    a note under or inside the table, not a row of it."""
    values = [v for v in sheet.rows[r] if v is not None]
    return bool(values) and len({str(v) for v in values}) == 1 and (
        len(values) == 1 or any((r, c) in sheet.merged for c in range(len(sheet.rows[r]))))


def indicator_texts(draft: Draft, sheet: Sheet, r: int, c: int, on) -> list[str]:
    """The indicators of a cell: one per line (pohon's own tables write several that way)."""
    raw = cells.multiline(sheet.value(r, c))
    if not raw:
        return []
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    if len(lines) > 1:
        draft.note("I036", sheet.at(r, c), on, n=len(lines))
    return lines
