"""What the measurement kinds (capaian, anggaran, efisiensi, monitoring) share: the year they
measure, the measurement itself and the words of a category."""

from __future__ import annotations

from decimal import Decimal

from pohon.catalogue import t
from pohon.measure.bands import Band
from pohon.measure.compute import Measurement, is_sasaran, measure
from pohon.measure.formulas import formulas
from pohon.measure.numtext import dec_text
from pohon.render.tables.common import Input
from pohon.render.tables.model import Cell


def measured_year(inp: Input) -> int:
    """One year: the year asked (``--tahun``), else the latest year of the table with any realisation."""
    if len(inp.years) == 1:
        return inp.years[0]
    tree = inp.tree
    found = {y for n in tree for ind in n.indikator for y in ind.realisasi}
    found |= {y for n in tree for y in n.data.realisasi_anggaran}
    within = [y for y in inp.years if y in found]
    return within[-1] if within else inp.years[0]


def measurement(inp: Input) -> Measurement:
    return measure(inp.tree, measured_year(inp))


def sasaran_rows(inp: Input, m: Measurement):
    """(first cells, node, its measure) for each sasaran in tree order: the first cells are the
    LKjIP tables' No, Sasaran and its indicators."""
    no = 0
    for node in inp.tree.walk():
        if is_sasaran(node):
            no += 1
            lead = [Cell(no, kind="center"), Cell(node.uraian), Cell("\n".join(i.uraian for i in node.indikator))]
            yield lead, node, m.of(node.id)


def band_name(band: Band | None, lang: str) -> str:
    if band is None:
        return ""
    return band.en if lang == "en" else band.id


def pct(value: Decimal | None, style: str = "") -> Cell:
    return Cell(value, kind="percent", style=style) if value is not None else Cell("", style=style)


def rupiah(value: Decimal | None, style: str = "") -> Cell:
    return Cell(value, kind="rupiah", style=style) if value is not None else Cell("", style=style)


def rule_note(m: Measurement, lang: str) -> str:
    s = m.settings
    cara, desimal = s.rounding["capaian"]
    from pohon.measure.bands import default_source

    bands = ", ".join(f"{band_name(b, lang)} ≥ {dec_text(b.min)}" if b.min is not None else band_name(b, lang) for b in s.bands)
    source = "" if s.own_bands else f" ({default_source()})"
    return t("tabel_catatan_rumus", lang, formula=formulas()[s.negative]["teks"],
             rounding=t("tabel_pembulatan", lang, mode=t(f"a_mode_{cara}", lang), n=desimal), bands=bands + source)
