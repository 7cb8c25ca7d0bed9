"""The Renstra table (Tabel T-C.27) as pohon writes it:

    Tujuan | Sasaran | Kode | Program dan Kegiatan | Indikator | Data Capaian Awal |
    Target N, Rp N (each year) | Target/Rp akhir periode | Unit Kerja Penanggung Jawab | Lokasi

One row per indicator; the Tujuan and Sasaran cells repeat (or are merged) down their rows. A
row without a code is a Tujuan's indicator (Sasaran empty) or a Sasaran's; a coded row is read as
in the Renja (:mod:`renja`: level and parent from the code, a row repeating the box's code and
name is another indicator of it), a program going under the Sasaran above it. The "akhir
periode" columns are sums and last targets worked out from the years, not read.
"""

from __future__ import annotations

from pohon.impor import cells
from pohon.impor.detect import Col, Found
from pohon.impor.draft import Box, Draft
from pohon.impor.layouts import renja
from pohon.impor.layouts.common import same
from pohon.impor.read import Sheet

NAME = "renstra"
COLUMNS = (
    Col("tujuan", r"^tujuan$", required=True),
    Col("sasaran", r"^sasaran$", required=True),
    Col("kode", r"^kode", required=True, many=True),
    Col("nama", r"program|kegiatan", required=True, avoid=r"indikator|^kode"),
    Col("indikator", r"indikator", required=True),
    # "Target 2022" (one header row) or "… Tahun 2022 / Target" (three): the word ends the header
    Col("target", r"(^|\s)target(\s+(19|20)\d\d)?$", many=True, required=True, avoid=r"akhir"),
    Col("pagu", r"(^|\s)rp(\s+(19|20)\d\d)?$", many=True, avoid=r"akhir"),
    Col("akhir", r"akhir", many=True),
    Col("unit", r"unit kerja|penanggung"),
    Col("lokasi", r"lokasi"),
)
ROLE = {"tujuan": "outcome", "sasaran": "csf"}
PREFIX = {"tujuan": "T", "sasaran": "S"}


class Upper:
    """The Tujuan and Sasaran boxes, read from the rows without a code."""

    def __init__(self, found: Found) -> None:
        self.found = found
        self.tujuan: Box | None = None
        self.sasaran: Box | None = None

    def current(self) -> Box | None:
        return self.sasaran or self.tujuan

    def row(self, draft: Draft, sheet: Sheet, r: int, targets, pagus) -> bool:
        col = self.found.col
        tujuan = cells.text(sheet.value(r, col("tujuan")))
        sasaran = cells.text(sheet.value(r, col("sasaran")))
        if not tujuan and not sasaran or cells.text(sheet.value(r, col("nama"))):
            return False
        if tujuan and (self.tujuan is None or not same(self.tujuan.uraian, tujuan)):
            self.tujuan, self.sasaran = self._box(draft, sheet, r, "tujuan", tujuan, None), None
        if sasaran and (self.sasaran is None or not same(self.sasaran.uraian, sasaran)):
            self.sasaran = self._box(draft, sheet, r, "sasaran", sasaran, self.tujuan)
        box = self.sasaran if sasaran else self.tujuan
        renja._indicators(draft, sheet, r, col("indikator"), box, targets)
        return True

    def _box(self, draft: Draft, sheet: Sheet, r: int, level: str, text: str, parent: Box | None) -> Box:
        at = sheet.at(r, self.found.col(level))
        n = sum(1 for b in draft.boxes if b.fields.get("peran") == ROLE[level]) + 1
        return draft.add(Box(draft.unique_id(f"{PREFIX[level]}{n}"), text, at, {"peran": ROLE[level]},
                             parent.id if parent else None))


def build(sheet: Sheet, found: Found, draft: Draft, options) -> None:
    renja.build(sheet, found, draft, options, upper=Upper(found))
