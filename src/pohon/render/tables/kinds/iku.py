"""`--jenis iku`: the key performance indicators: those of the outcome and CSF boxes (unless
`iku: false`) and any indicator with `iku: true` (PermenPAN 09/2007)."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.render.tables.numbers import number_text
from pohon.render.tables.common import Input, head, position_of, positions, subtitle, value_cell
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys


def build_iku(inp: Input) -> TableDoc:
    tree, lang, years = inp.tree, inp.lang, inp.years
    owners = positions(tree, lang)
    h1 = [head(t("tabel_no", lang), rowspan=2), head(t("tabel_iku_kinerja", lang), rowspan=2),
          head(t("tabel_indikator_kinerja", lang), rowspan=2), head(t("tabel_satuan", lang), rowspan=2),
          head(t("tabel_polaritas", lang), rowspan=2), head(t("tabel_baseline", lang), rowspan=2),
          head(t("tabel_target", lang), colspan=len(years))] + [None] * (len(years) - 1) + \
         [head(t("tabel_penanggung_jawab", lang), rowspan=2)]
    h2 = [None] * 6 + [head(str(y)) for y in years] + [None]
    cols = [t("tabel_no", lang), t("tabel_iku_kinerja", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_satuan", lang), t("tabel_polaritas", lang), t("tabel_baseline", lang)] + \
           [t("tabel_target_tahun", lang, year=y) for y in years] + [t("tabel_penanggung_jawab", lang)]
    sec = Section("IKU", [], [h1, h2], cols, [5, 44, 48, 10, 11, 12] + [9] * len(years) + [28])
    items = []
    for node in tree.walk():
        for ind in node.indikator:
            strategic = node.role_key in ("outcome", "csf")
            if (strategic and ind.iku is not False) or ind.iku:
                items.append((node, ind))
    spans = spans_from_keys([n.id for n, _ in items])
    no = 0
    for k, (node, ind) in enumerate(items):
        if spans[k]:
            no += 1
        base = "" if ind.baseline is None else number_text(ind.baseline) + (f" ({ind.tahun_baseline})" if ind.tahun_baseline else "")
        row = [Cell(no, kind="center", rowspan=spans[k]) if spans[k] else None,
               Cell(node.uraian, rowspan=spans[k], style="group") if spans[k] else None,
               Cell(ind.uraian), Cell(ind.satuan or "", kind="center"),
               Cell(t(f"tabel_{ind.polaritas}", lang), kind="center"), Cell(base, kind="center")]
        row += [value_cell(ind.target.get(y), ind.satuan) for y in years]
        row.append(Cell(position_of(node, owners)))
        sec.rows.append(row)
    if not items:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    return TableDoc("iku", t("tabel_judul_iku", lang), subtitle(tree, lang), [sec], lang=lang)


KIND = TableKind("iku", build_iku, "tabel_help_iku", order=60)
