"""`--jenis capaian` (and `pohon ukur`): target, realisasi, capaian and kategori of the key
indicators for one year, with the previous years' realisation, the Renstra end target and the
tingkat kemajuan (LKjIP Tabel 3.1/3.2, source 002; Tabel 2.2, source 000);
the last row is the mean of the rows."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.measure.compute import is_iku
from pohon.render.tables.common import Input, head, subtitle, value_cell
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.kinds._ukur import band_name, measurement, pct, rule_note
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys

PREVIOUS = 2  # previous years shown


def build_capaian(inp: Input) -> TableDoc:
    lang = inp.lang
    m = measurement(inp)
    year = m.year
    prev_years = [y for y in inp.tree.years if y < year][-PREVIOUS:]
    items = [im for im in m.indicators if is_iku(im.node, im.ind)]
    lead = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang), t("tabel_satuan", lang)]
    prev_cols = [t("tabel_tahun_lalu", lang, year=y) for y in prev_years]
    main = [t("tabel_target", lang) + f" {year}", t("tabel_realisasi", lang) + f" {year}",
            t("tabel_capaian", lang) + f" {year} (%)", t("tabel_kategori", lang)]
    tail = [t("tabel_target_akhir_pendek", lang), t("tabel_kemajuan", lang) + " (%)"]
    cols = lead + prev_cols + main + tail
    header = [[head(c) for c in cols]]
    sec = Section(t("tabel_capaian", lang), [], header, cols,
                  [5, 36, 40, 9] + [10] * len(prev_years) + [10, 10, 10, 13, 12, 11])
    spans = spans_from_keys([im.node.id for im in items])
    no = 0
    for k, im in enumerate(items):
        if spans[k]:
            no += 1
        prev = {y: r for y, _, r, _ in im.previous}
        problem = inp.problems(im.node.id, (("indikator", im.index),))
        end = "" if im.end_target is None else f"{value_cell(im.end_target, im.ind.satuan).text} ({im.end_year})"
        row = [Cell(no, kind="center", rowspan=spans[k]) if spans[k] else None,
               Cell(im.node.uraian, rowspan=spans[k], style="group") if spans[k] else None,
               Cell(im.ind.uraian, problem=problem), Cell(im.ind.satuan or "", kind="center")]
        row += [value_cell(prev.get(y), im.ind.satuan) for y in prev_years]
        row += [value_cell(im.target, im.ind.satuan), value_cell(im.realisasi, im.ind.satuan), pct(im.capaian),
                Cell(band_name(im.band, lang), kind="center"), Cell(end, kind="center"), pct(im.kemajuan)]
        sec.rows.append(row)
    if items:
        total = [Cell(t("tabel_rata_rata", lang), colspan=len(lead) + len(prev_years) + 2, style="total")]
        total += [None] * (len(lead) + len(prev_years) + 1)
        total += [pct(m.mean_capaian, "total"), Cell("", style="total"), Cell("", style="total"), Cell("", style="total")]
        sec.rows.append(total)
    else:
        sec.notes.append(t("tabel_tidak_terukur", lang, year=year))
    sec.notes.append(rule_note(m, lang))
    return TableDoc("capaian", t("tabel_judul_capaian", lang, year=year), subtitle(inp.tree, lang), [sec], lang=lang,
                    orientation="landscape")


KIND = TableKind("capaian", build_capaian, "tabel_help_capaian", order=80)
