"""`--jenis anggaran`: pagu and realisation of the budget for one year, per sasaran (LKjIP Tabel
3.3/3.4, source 002: pagu, % of the total, realisation, absorption) and per planning component
(program, kegiatan, sub kegiatan). A component several boxes carry is listed and counted once."""

from __future__ import annotations

from decimal import Decimal

from pohon.catalogue import t
from pohon.mapping.components import components_of
from pohon.render.tables.common import PAGU, Input, head, subtitle
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.kinds._ukur import measurement, pct, rupiah, sasaran_rows
from pohon.render.tables.model import Cell, Section, TableDoc

BUDGET_FIELDS = PAGU + (("realisasi_anggaran",), ("realisasi_anggaran_tw",))
COMPONENTS = ("program", "kegiatan", "sub_kegiatan")


def build_anggaran(inp: Input) -> TableDoc:
    lang, tree = inp.lang, inp.tree
    m = measurement(inp)
    year = m.year
    cols = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_anggaran", lang), t("tabel_porsi", lang), t("tabel_realisasi_anggaran", lang) + " (Rp)",
            t("tabel_serapan", lang) + " (%)"]
    per_sasaran = Section(t("tabel_sasaran", lang), [], [[head(c) for c in cols]], cols, [5, 40, 36, 18, 10, 18, 11])
    for lead, node, nm in sasaran_rows(inp, m):
        per_sasaran.rows.append([
            *lead, Cell(nm.pagu, kind="rupiah", problem=inp.problems(node.id, BUDGET_FIELDS)) if nm.pagu is not None else Cell(""),
            pct(nm.porsi), rupiah(nm.realisasi), pct(nm.serapan)])
    per_sasaran.rows.append([Cell(t("tabel_jumlah", lang), colspan=3, style="total"), None, None,
                             rupiah(m.total_pagu, "total"), pct(m.settings.round("porsi", Decimal(100)) if m.total_pagu else None, "total"),
                             rupiah(m.total_realisasi, "total"), pct(m.total_serapan, "total")])
    ccols = [t("tabel_kode", lang), t("tabel_komponen", lang), t("tabel_uraian", lang), t("tabel_anggaran", lang),
             t("tabel_realisasi_anggaran", lang) + " (Rp)", t("tabel_serapan", lang) + " (%)"]
    per_comp = Section(t("tabel_komponen", lang), [], [[head(c) for c in ccols]], ccols, [20, 14, 50, 18, 18, 11])
    seen: set = set()
    for node in tree.walk():
        nm = m.of(node.id)
        if nm.pagu is None:
            continue
        for comp in components_of(node):
            if comp.jenis not in COMPONENTS:
                continue
            key = comp.key or ("#", node.id)
            if key in seen:
                continue
            seen.add(key)
            per_comp.rows.append([Cell(comp.kode or ""), Cell(t(f"tabel_jenis_{comp.jenis}", lang)),
                                  Cell(comp.nama or node.uraian), rupiah(nm.pagu), rupiah(nm.realisasi), pct(nm.serapan)])
    sections = [per_sasaran] + ([per_comp] if per_comp.rows else [])
    return TableDoc("anggaran", t("tabel_judul_anggaran", lang, year=year), subtitle(tree, lang), sections, lang=lang,
                    orientation="landscape")


KIND = TableKind("anggaran", build_anggaran, "tabel_help_anggaran", order=82)
