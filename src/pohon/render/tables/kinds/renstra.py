"""`--jenis renstra`: Tabel T-C.27 of the Renstra Perangkat Daerah, "Rencana Program, Kegiatan,
dan Pendanaan Perangkat Daerah".

The form of Permendagri 86/2017, Lampiran (Renstra Perangkat Daerah, Tabel T-C.27). Columns, in
this order: (1) Tujuan; (2) Sasaran; (3) Kode; (4) Program dan Kegiatan; (5) Indikator Kinerja
Tujuan, Sasaran, Program (outcome) dan Kegiatan (output); (6) Data Capaian pada Tahun Awal
Perencanaan; Target Kinerja Program dan Kerangka Pendanaan, per year of the period: Target and
Rp; Kondisi Kinerja pada akhir periode Renstra Perangkat Daerah: Target and Rp; Unit Kerja
Perangkat Daerah Penanggung Jawab; Lokasi. Sub kegiatan (Permendagri 90/2019) are rows below
their kegiatan. A Jumlah row closes the table.

Rows follow the tree: each Tujuan, its Sasaran, and below each the programs, kegiatan and sub
kegiatan in code order (uncoded after coded, in tree order), one row per indicator; the Tujuan
and Sasaran cells span the rows below them. Printed figures:

- Data capaian tahun awal: the indicator's `baseline` (with `tahun_baseline` when given).
- Target of a year: with the unit of that year (`satuan_tahun`), so a change of unit stays visible.
- Rp of a year: the box's pagu (``_plan.pagu_of``: declared, else the roll-up of its branch);
  "pagu belum diisi" when there is none. Tujuan and Sasaran rows carry no Rp.
- Kondisi akhir: the indicator's `kondisi_akhir`, else the target of the last year shown; Rp the
  sum of the years shown (a year without pagu is marked).
- Unit kerja penanggung jawab: the unit of the position owning the box (`peta_jabatan`), else
  the position's name.
- Lokasi: the box's `lokasi`, else that of the nearest box above it.
- Jumlah: the roll-up total of each year (each component once), and their sum.
"""

from __future__ import annotations

from decimal import Decimal

from pohon.catalogue import t
from pohon.mapping import budget as budget_mod
from pohon.mapping.components import components_of
from pohon.model.tree import Node
from pohon.render.tables.common import (CODES, POSITIONS, Input, component_name, crosscutting_notes, head,
                                        joined_ids, positions, subtitle, target_text, value_text)
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.kinds._plan import (BUDGET_KINDS, DASH, code_sort_key, indicator_pairs, inherited,
                                             joined_boxes, owner_of, pagu_cell, pagu_of, plan_component)
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys


def component_level(node: Node) -> str | None:
    """tujuan, sasaran, program, kegiatan or sub_kegiatan; None for a box joining another's component."""
    comps = components_of(node)
    if not comps or comps[0].joins is not None:
        return None
    return comps[0].jenis


def _child_key(node: Node) -> tuple:
    comp = plan_component(node)
    return code_sort_key(comp.code if comp is not None else None) + (node.order,)


def flat_rows(inp: Input) -> tuple[list[dict], list[Node]]:
    """One record per row: the box, its level, the indicator index (None: a box without one),
    and the Tujuan and Sasaran it is under; depth first, children in code order."""
    tree = inp.tree
    roots = tree.roots() or [n for n in tree.walk() if tree.parent(n.id) is None]
    out: list[dict] = []
    apart: list[Node] = []
    joined = joined_boxes(tree)
    stack: list[tuple[Node, dict]] = [(r, {}) for r in reversed(roots)]
    while stack:
        node, path = stack.pop()
        if node.partner_handled:
            apart.append(node)
            continue
        lv = component_level(node)
        path = dict(path)
        if lv in ("tujuan", "sasaran"):
            path[lv] = node.id
            if lv == "tujuan":
                path.pop("sasaran", None)
        if lv is not None:
            pairs = indicator_pairs(joined, node) if lv in BUDGET_KINDS else [(node, i) for i in range(len(node.indikator))]
            for box, i in pairs or [(node, None)]:
                out.append({"node": node, "level": lv, "box": box, "ind": i, **path})
        children = sorted(tree.children(node.id), key=_child_key)
        stack.extend((c, path) for c in reversed(children))
    return out, apart


def header(lang: str, years: list[int]) -> tuple[list, list[str], list[float]]:
    ny = len(years)
    fixed = [t("renstra_tujuan", lang), t("renstra_sasaran", lang), t("renstra_kode", lang),
             t("renstra_program_kegiatan", lang), t("renstra_indikator", lang), t("renstra_capaian_awal", lang)]
    h1 = [head(x, rowspan=3) for x in fixed]
    h1 += [head(t("renstra_target_pendanaan", lang), colspan=2 * ny)] + [None] * (2 * ny - 1)
    h1 += [head(t("renstra_kondisi_akhir", lang), colspan=2), None,
           head(t("renstra_unit", lang), rowspan=3), head(t("renstra_lokasi", lang), rowspan=3)]
    h2 = [None] * 6
    for y in years:
        h2 += [head(t("renstra_tahun", lang, year=y), colspan=2), None]
    h2 += [head(t("renstra_akhir_periode", lang, year=years[-1]), colspan=2), None, None, None]
    h3 = [None] * 6 + [head(x) for _ in range(ny + 1) for x in (t("renstra_target", lang), t("renstra_rp", lang))]
    h3 += [None, None]
    n = 6 + 2 * ny + 4
    h4 = [head(f"({k})") for k in range(1, n + 1)]
    columns = fixed[:]
    for y in years:
        columns += [f"{t('renstra_target', lang)} {y}", f"{t('renstra_rp', lang)} {y}"]
    columns += [f"{t('renstra_target', lang)} {t('renstra_akhir', lang)}", f"{t('renstra_rp', lang)} {t('renstra_akhir', lang)}",
                t("renstra_unit", lang), t("renstra_lokasi", lang)]
    widths = [26, 26, 14, 34, 36, 12] + [10, 16] * ny + [10, 17, 24, 20]
    return [h1, h2, h3, h4], columns, widths


def build_renstra(inp: Input) -> TableDoc:
    tree, lang, years = inp.tree, inp.lang, inp.years
    b = budget_mod.roll_up(tree)
    owners = positions(tree, lang)
    flat, apart = flat_rows(inp)
    hdr, columns, widths = header(lang, years)
    sec = Section("Renstra T-C.27", [], hdr, columns, widths)
    org = tree.doc.organisasi
    sec.title = [line for line in (org.pemda, t("renja_nama_pd", lang, org=org.nama)) if line]
    tujuan_spans = spans_from_keys([f.get("tujuan") for f in flat])
    sasaran_spans = spans_from_keys([(f.get("tujuan"), f["sasaran"]) if f.get("sasaran") else None for f in flat])
    box_spans = spans_from_keys([f["node"].id for f in flat])
    for k, f in enumerate(flat):
        node, lv, box, i = f["node"], f["level"], f["box"], f["ind"]
        ind = box.indikator[i] if i is not None else None
        row: list = []
        for col, spans, key in (("tujuan", tujuan_spans, f.get("tujuan")), ("sasaran", sasaran_spans, f.get("sasaran"))):
            if key is None:
                row.append(Cell(""))
            elif spans[k]:
                upper = tree.node(key)
                row.append(Cell(upper.uraian, rowspan=spans[k], style="group",
                                problem=inp.problems(upper.id, (("uraian",), ("id",)))))
            else:
                row.append(None)
        span = box_spans[k]
        budget = lv in BUDGET_KINDS
        if span:
            comp = plan_component(node) if budget else None
            code = "" if comp is None else comp.code.text if comp.code is not None else comp.kode or ""
            name = component_name(comp, node) if comp is not None else ""
            problem = inp.problems(node.id, CODES) if budget else None
            row += [Cell(code, kind="center", rowspan=span, problem=problem),
                    Cell(name, rowspan=span, style="group" if lv == "program" else "")]
        else:
            row += [None, None]
        ind_problem = inp.problems(box.id, (("indikator", i),), exclude=(("indikator", i, "target"),)) \
            if i is not None else inp.problems(node.id, (("indikator",),))
        row.append(Cell(ind.uraian if ind else t("renja_indikator_belum", lang), problem=ind_problem))
        row.append(Cell(_baseline(ind), kind="center"))
        for y in years:
            row.append(Cell(target_text(ind, y), kind="center",
                            problem=inp.problems(box.id, (("indikator", i, "target", y),)) if i is not None else None))
            if not span:
                row.append(None)
            elif budget:
                row.append(pagu_cell(inp, b, [node], y, rowspan=span))
            else:
                row.append(Cell("", rowspan=span))
        row.append(Cell(_final_target(ind, years), kind="center"))
        if span:
            row.append(_final_pagu(inp, b, node, years, span) if budget else Cell("", rowspan=span))
            row += [_unit_cell(inp, owners, node, span), Cell(inherited(tree, node, "lokasi") or "", rowspan=span)]
        else:
            row += [None, None, None]
        sec.rows.append(row)
    if not flat:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    ny = len(years)
    total = [Cell(t("renja_jumlah", lang), colspan=6, style="total")] + [None] * 5
    for y in years:
        total += [Cell("", style="total"), Cell(b.total.get(y), kind="rupiah", style="total")]
    known = [b.total[y] for y in years if y in b.total]
    total += [Cell("", style="total"), Cell(sum(known, Decimal(0)) if known else None, kind="rupiah", style="total"),
              Cell("", colspan=2, style="total"), None]
    assert len(total) == 6 + 2 * ny + 4
    sec.rows.append(total)
    for shared in b.shared:
        if set(shared.years) & set(years):
            sec.notes.append(t("tabel_komponen_bersama", lang, nodes=joined_ids(shared.node_ids, lang),
                               component="; ".join(f"{t(f'tabel_jenis_{c.jenis}', lang)} {c.code}"
                                                   for c in shared.components)))
    sec.notes += crosscutting_notes(apart, lang)
    return TableDoc("renstra", t("renstra_judul", lang), subtitle(tree, lang), [sec], lang=lang,
                    orientation="landscape")


def _unit_cell(inp: Input, owners, node: Node, span: int) -> Cell:
    """The unit of the position owning the box, else the position's name; a box whose position is
    not written says so (never an internal id), with the findings about its owner."""
    entry = owner_of(owners, node)
    problem = inp.problems(node.id, POSITIONS)
    if entry is None or entry.key.startswith("#"):
        return Cell(t("renstra_unit_belum", inp.lang), rowspan=span, problem=problem)
    data = entry.position.data if entry.position is not None else None
    return Cell(data.unit if data is not None and data.unit else entry.nama, rowspan=span, problem=problem)


def _baseline(ind) -> str:
    if ind is None or ind.baseline is None:
        return DASH
    text = value_text(ind.baseline, ind.unit(ind.tahun_baseline))
    return f"{text} ({ind.tahun_baseline})" if ind.tahun_baseline else text


def _final_target(ind, years: list[int]) -> str:
    if ind is None:
        return DASH
    if ind.kondisi_akhir is not None:
        return value_text(ind.kondisi_akhir, ind.unit(years[-1]))
    return target_text(ind, years[-1])


def _final_pagu(inp: Input, b, node: Node, years: list[int], span: int) -> Cell:
    amounts = {y: pagu_of(b, inp.tree, [node], y) for y in years}
    known = [a for a in amounts.values() if a is not None]
    missing = [y for y, a in amounts.items() if a is None]
    if not known:
        return Cell(t("form_pagu_belum", inp.lang), kind="center", rowspan=span)
    problem = t("renstra_akhir_sebagian", inp.lang, years=", ".join(map(str, missing))) if missing else None
    return Cell(sum(known, Decimal(0)), kind="rupiah", rowspan=span, problem=problem)


KIND = TableKind("renstra", build_renstra, "tabel_help_renstra", order=20)
