"""`--jenis monitoring`: quarterly monitoring of the Rencana Aksi for one year (source 004):
per indicator the target, realisation and capaian of each quarter (TW1–TW4) and the status
(tercapai, tertinggal, belum diisi)."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.render.tables.common import Input, head, subtitle, value_cell
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.kinds._ukur import measurement, pct
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys


def build_monitoring(inp: Input) -> TableDoc:
    lang, tree = inp.lang, inp.tree
    m = measurement(inp)
    year = m.year
    h1 = [head(t("tabel_no", lang), rowspan=2), head(t("tabel_kinerja", lang), rowspan=2),
          head(t("tabel_indikator_kinerja", lang), rowspan=2), head(t("tabel_satuan", lang), rowspan=2),
          head(t("tabel_target", lang) + f" {year}", rowspan=2)]
    h2: list = [None] * 5
    cols = [t("tabel_no", lang), t("tabel_kinerja", lang), t("tabel_indikator_kinerja", lang), t("tabel_satuan", lang),
            t("tabel_target", lang) + f" {year}"]
    for k in range(1, 5):
        tw = t("tabel_tw", lang, n=k)
        h1 += [head(tw, colspan=4), None, None, None]
        h2 += [head(t("tabel_target", lang)), head(t("tabel_realisasi", lang)), head("%"), head(t("tabel_status", lang))]
        cols += [f"{tw} {t('tabel_target', lang)}", f"{tw} {t('tabel_realisasi', lang)}", f"{tw} %", f"{tw} {t('tabel_status', lang)}"]
    h1 += [head(t("tabel_realisasi", lang) + f" {year}", rowspan=2), head(t("tabel_capaian", lang) + " (%)", rowspan=2)]
    h2 += [None, None]
    cols += [t("tabel_realisasi", lang) + f" {year}", t("tabel_capaian", lang) + " (%)"]
    sec = Section(t("tabel_judul_monitoring", lang, year=year), [], [h1, h2], cols,
                  [5, 30, 30, 8, 8] + [7, 7, 6, 9] * 4 + [9, 9])
    items = [im for im in m.indicators if im.quarters]
    spans = spans_from_keys([im.node.id for im in items])
    no = 0
    for k, im in enumerate(items):
        if spans[k]:
            no += 1
        row = [Cell(no, kind="center", rowspan=spans[k]) if spans[k] else None,
               Cell(im.node.uraian, rowspan=spans[k], style="group") if spans[k] else None,
               Cell(im.ind.uraian, problem=inp.problems(im.node.id, (("indikator", im.index),))),
               Cell(im.ind.satuan or "", kind="center"), value_cell(im.target, im.ind.satuan)]
        for q in im.quarters:
            row += [value_cell(q.target, im.ind.satuan), value_cell(q.realisasi, im.ind.satuan), pct(q.capaian),
                    Cell(t(f"status_{q.status}", lang), kind="center")]
        row += [value_cell(im.realisasi, im.ind.satuan), pct(im.capaian)]
        sec.rows.append(row)
    if not items:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    return TableDoc("monitoring", t("tabel_judul_monitoring", lang, year=year), subtitle(tree, lang), [sec], lang=lang,
                    orientation="landscape")


KIND = TableKind("monitoring", build_monitoring, "tabel_help_monitoring", order=86)
