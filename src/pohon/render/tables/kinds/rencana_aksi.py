"""`--jenis rencana-aksi`: per indicator the annual target, TW1–TW4, actions, budget and the
officer responsible (source 004)."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping import budget as budget_mod
from pohon.render.tables.common import Input, head, position_of, positions, subtitle, value_cell
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys


def build_rencana_aksi(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    b = budget_mod.roll_up(tree)
    h1 = [head(t("tabel_no", lang), rowspan=2), head(t("tabel_kinerja", lang), rowspan=2),
          head(t("tabel_indikator", lang), rowspan=2), head(t("tabel_satuan", lang), rowspan=2),
          head(t("tabel_target_tahunan", lang), rowspan=2), head(t("tabel_target_triwulan", lang), colspan=4),
          None, None, None, head(t("tabel_aksi", lang), rowspan=2), head(t("tabel_anggaran", lang), rowspan=2),
          head(t("tabel_penanggung_jawab", lang), rowspan=2)]
    h2 = [None] * 5 + [head(t("tabel_tw", lang, n=n)) for n in range(1, 5)] + [None, None, None]
    cols = [t("tabel_no", lang), t("tabel_kinerja", lang), t("tabel_indikator", lang), t("tabel_satuan", lang),
            t("tabel_target_tahunan", lang)] + [t("tabel_tw", lang, n=n) for n in range(1, 5)] + \
           [t("tabel_aksi", lang), t("tabel_anggaran", lang), t("tabel_penanggung_jawab", lang)]
    sec = Section(t("tabel_judul_rencana_aksi", lang, year=year)[:31], [], [h1, h2], cols,
                  [5, 34, 36, 9, 10, 8, 8, 8, 8, 48, 16, 22])
    any_plan = any(year in ind.rencana_aksi for n in tree for ind in n.indikator)
    owners = positions(tree, lang)
    items = []
    for node in tree.walk():
        for i, ind in enumerate(node.indikator):
            if any_plan and year not in ind.rencana_aksi:
                continue
            if not any_plan and node.role_key != "operasional":
                continue
            items.append((node, i, ind))
    node_spans = spans_from_keys([n.id for n, _, _ in items])
    for k, (node, i, ind) in enumerate(items):
        ra = ind.rencana_aksi.get(year)
        tws = list(ra.tw) + [None] * (4 - len(ra.tw)) if ra else [None] * 4
        aksi = "\n".join(f"{t('tabel_tw', lang, n=n + 1)}: {a}" for n, a in enumerate(ra.aksi) if a) if ra else ""
        problem = inp.problems(node.id, (("indikator", i, "rencana_aksi", year),))
        anggaran = ra.anggaran if ra and ra.anggaran is not None else (b.of(node.id, year) if i == 0 else None)
        pj = (ra.penanggung_jawab if ra and ra.penanggung_jawab else position_of(node, owners))
        no_cell = Cell(len({n.id for n, _, _ in items[: k + 1]}), kind="center", rowspan=node_spans[k]) if node_spans[k] else None
        row = [no_cell,
               Cell(node.uraian, rowspan=node_spans[k], style="group") if node_spans[k] else None,
               Cell(ind.uraian), Cell(ind.satuan or "", kind="center"),
               value_cell(ind.target.get(year), ind.satuan)]
        for n, v in enumerate(tws):
            c = value_cell(v, ind.satuan)
            if problem and n == 3:
                c.problem = problem
            row.append(c)
        row += [Cell(aksi), Cell(anggaran, kind="rupiah"), Cell(pj)]
        sec.rows.append(row)
    if not items:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    return TableDoc("rencana-aksi", t("tabel_judul_rencana_aksi", lang, year=year), subtitle(tree, lang), [sec], lang=lang)


KIND = TableKind("rencana-aksi", build_rencana_aksi, "tabel_help_rencana_aksi", order=50)
