"""`--jenis iku`: the manual of the key performance indicators (IKU, PermenPAN 09/2007): per
IKU indicator its Sasaran, the indicator, Alasan, Formulasi/Penjelasan, Satuan, Kondisi Awal
(`baseline` with `tahun_baseline`), the targets per year, Sumber Data and Penanggung Jawab.

Which indicators: those of the outcome and CSF boxes (unless `iku: false`) and any indicator
with `iku: true`. Alasan, formulasi and sumber data are the indicator's `alasan:`,
`formulasi:` and `sumber_data:`; a missing one leaves its cell empty and marked, with a finding
(D001). The penanggung jawab is the indicator's `penanggung_jawab:`, else the position owning
the box. Crosscutting boxes left to a partner are the partner's. A negative polarity is said in the Formulasi cell ("makin kecil makin baik")."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.render.tables.common import Input, head, position_of, positions, subtitle, value_cell
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys
from pohon.render.tables.numbers import number_text

MANUAL = ("alasan", "formulasi", "sumber_data")  # the fields the manual needs from the file


def build_iku(inp: Input) -> TableDoc:
    tree, lang, years = inp.tree, inp.lang, inp.years
    owners = positions(tree, lang)
    before = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang),
              t("tabel_iku_alasan", lang), t("tabel_iku_formulasi", lang), t("tabel_satuan", lang),
              t("tabel_baseline", lang)]
    after = [t("tabel_iku_sumber", lang), t("tabel_penanggung_jawab", lang)]
    h1 = [head(c, rowspan=2) for c in before] + [head(t("tabel_target", lang), colspan=len(years))] + \
        [None] * (len(years) - 1) + [head(c, rowspan=2) for c in after]
    h2 = [None] * len(before) + [head(str(y)) for y in years] + [None] * len(after)
    cols = before + [t("tabel_target_tahun", lang, year=y) for y in years] + after
    sec = Section("IKU", [], [h1, h2], cols, [4, 30, 32, 30, 30, 9, 10] + [8] * len(years) + [20, 24])
    items = []
    for node in tree.walk():
        if node.partner_handled:
            continue  # a crosscutting box left to its partner: the partner's IKU
        for i, ind in enumerate(node.indikator):
            strategic = node.role_key in ("outcome", "csf")
            if (strategic and ind.iku is not False) or ind.iku:
                items.append((node, i, ind))
    spans = spans_from_keys([n.id for n, _, _ in items])
    no = 0
    for k, (node, i, ind) in enumerate(items):
        if spans[k]:
            no += 1
        missing = [f for f in MANUAL if not getattr(ind, f)]
        note = None
        if missing:
            note = inp.finding("D001", node, ("indikator", i), indicator=ind.uraian,
                               fields=", ".join(missing))
        formula = ind.formulasi or ""
        if ind.polaritas == "negatif":
            formula = "\n".join(x for x in (formula, t("tabel_iku_negatif", lang)) if x)
        base = "" if ind.baseline is None else number_text(ind.baseline) + (
            f" ({ind.tahun_baseline})" if ind.tahun_baseline else "")
        row = [Cell(no, kind="center", rowspan=spans[k]) if spans[k] else None,
               Cell(node.uraian, rowspan=spans[k], style="group") if spans[k] else None,
               Cell(ind.uraian),
               Cell(ind.alasan or "", problem=note if not ind.alasan else None),
               Cell(formula, problem=note if not ind.formulasi else None),
               Cell(ind.satuan or "", kind="center"),
               Cell(base, kind="center")]
        row += [value_cell(ind.target.get(y), ind.satuan) for y in years]
        row += [Cell(ind.sumber_data or "", problem=note if not ind.sumber_data else None),
                Cell(ind.penanggung_jawab or position_of(node, owners))]
        sec.rows.append(row)
    if not items:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    return TableDoc("iku", t("tabel_judul_iku", lang), subtitle(tree, lang), [sec], lang=lang,
                    orientation="landscape")


KIND = TableKind("iku", build_iku, "tabel_help_iku", order=60)
