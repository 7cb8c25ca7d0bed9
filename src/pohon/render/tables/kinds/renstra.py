"""`--jenis renstra`: the Renstra/Renja matrix, Tujuan to Sub Kegiatan with indicators, targets
and pagu per year, a subtotal per program, the total and the summary in words (Renja T-C.33, source 004).

An upper kondisi antara is part of the program of the kondisi antara utama above it: the program
cell stays that box's, and its indicator cell lists the upper boxes' indicators too. A
crosscutting box left to its partner is no row; it is listed apart, below the table."""

from __future__ import annotations

from decimal import Decimal

from pohon.catalogue import t
from pohon.mapping import budget as budget_mod
from pohon.mapping.components import KINDS, components_of, index
from pohon.model.tree import Node
from pohon.render.tables.numbers import rupiah_text
from pohon.render.tables.common import (CODES, PAGU, Input, component_name, crosscutting_notes, head,
                                        indicator_lines, joined_ids, subtitle, value_cell)
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys
from pohon.render.tables.terbilang import in_words_en, terbilang


def build_renstra(inp: Input) -> TableDoc:
    tree, lang, years = inp.tree, inp.lang, inp.years
    b = budget_mod.roll_up(tree)
    idx = index(tree)
    level_cols = list(KINDS)  # tujuan .. sub_kegiatan, two columns each
    n_label = 2 * len(level_cols)
    # header: two rows
    h1: list = []
    h2: list = []
    for k in level_cols:
        name = t(f"tabel_jenis_{k}", lang)
        h1 += [head(name, rowspan=2), head(t("tabel_indikator_dari", lang, jenis=name), rowspan=2)]
        h2 += [None, None]
    h1.append(head(t("tabel_satuan", lang), rowspan=2))
    h2.append(None)
    h1 += [head(t("tabel_target", lang), colspan=len(years))] + [None] * (len(years) - 1)
    h2 += [head(str(y)) for y in years]
    h1 += [head(t("tabel_pagu", lang), colspan=len(years))] + [None] * (len(years) - 1)
    h2 += [head(str(y)) for y in years]
    columns = []
    for k in level_cols:
        name = t(f"tabel_jenis_{k}", lang)
        columns += [name, t("tabel_indikator_dari", lang, jenis=name)]
    columns += [t("tabel_satuan", lang)] + [t("tabel_target_tahun", lang, year=y) for y in years] \
        + [t("tabel_pagu_tahun", lang, year=y) for y in years]
    widths = [22, 22, 24, 24, 26, 24, 28, 26, 30, 28, 10] + [9] * len(years) + [16] * len(years)

    # flat rows: (path {level: node}, leaf node, indicator index | None, kind)
    flat: list[dict] = []

    def level_of(node: Node) -> str | None:
        comps = components_of(node)
        return comps[0].jenis if comps and comps[0].joins is None else None

    # depth first, without recursion (a flat `induk:` chain may be thousands of boxes deep);
    # a program's subtotal row comes after all of its rows
    roots = tree.roots() or [n for n in tree.walk() if tree.parent(n.id) is None]
    stack: list[tuple[Node, dict, bool]] = [(root, {}, False) for root in reversed(roots)]
    apart: list[Node] = []
    while stack:
        node, path, closing = stack.pop()
        if node.partner_handled:
            apart.append(node)
            continue
        if closing:
            flat.append({"path": {k: v for k, v in path.items() if KINDS.index(k) < KINDS.index("program")},
                         "leaf": node, "ind": None, "kind": "subtotal"})
            continue
        lv = level_of(node)
        path = dict(path)
        if lv is not None:
            path[lv] = node
        if lv == "program":
            stack.append((node, path, True))
        children = tree.children(node.id)
        if children:
            stack.extend((child, path, False) for child in reversed(children))
        else:
            n = max(1, len(node.indikator))
            for i in range(n):
                flat.append({"path": path, "leaf": node, "ind": i if node.indikator else None, "kind": "row"})

    flat = _one_subtotal_per_program(flat)

    rows = []
    spans_by_level = {}
    for k in level_cols:
        keys = [(f["path"][k].id if k in f["path"] else None) for f in flat]
        # a subtotal row stays outside the merged cells of its program and below
        keys = [None if (f["kind"] == "subtotal" and KINDS.index(k) >= KINDS.index("program")) else key
                for key, f in zip(keys, flat)]
        spans_by_level[k] = spans_from_keys([None if key is None else (key, _group(flat, i, k)) for i, key in enumerate(keys)])
    leaf_keys = [(f["leaf"].id if f["kind"] == "row" else None) for f in flat]
    leaf_spans = spans_from_keys(leaf_keys)

    for i, f in enumerate(flat):
        row: list = []
        if f["kind"] == "subtotal":
            for k in level_cols:
                if KINDS.index(k) < KINDS.index("program"):
                    row += _level_cells(inp, f, k, spans_by_level[k][i])
            node, boxes = f["leaf"], f["boxes"]
            comp = components_of(node)[0]
            label = t("tabel_jumlah_program", lang, kode=f"{t('tabel_jenis_program', lang)} {comp.kode or node.id}")
            if len(boxes) > 1:  # one program, several boxes: one subtotal, each component once
                label = t("tabel_jumlah_program_bersama", lang, label=label, nodes=joined_ids(boxes, lang))
            span = n_label - 2 * KINDS.index("program") + 1 + len(years)
            row.append(Cell(label, colspan=span, style="subtotal"))
            row += [None] * (span - 1)
            for y in years:
                amount = b.of(node.id, y) if len(boxes) == 1 else b.of_boxes(tree, boxes, y)
                problem = "\n".join(p for p in (_pagu_problem(inp, box, y) for box in boxes) if p) or None
                row.append(Cell(amount, kind="rupiah", style="subtotal", problem=problem))
            rows.append(row)
            continue
        for k in level_cols:
            row += _level_cells(inp, f, k, spans_by_level[k][i])
        leaf: Node = f["leaf"]
        ind = leaf.indikator[f["ind"]] if f["ind"] is not None else None
        row.append(Cell(ind.satuan if ind else "", kind="center"))
        for y in years:
            row.append(value_cell(ind.target.get(y), ind.satuan) if ind else Cell(""))
        for y in years:
            if leaf_spans[i]:
                row.append(Cell(b.of(leaf.id, y), kind="rupiah", rowspan=leaf_spans[i],
                                problem=_pagu_problem(inp, leaf.id, y)))
            else:
                row.append(None)
        rows.append(row)
    total = [Cell(t("tabel_total", lang), colspan=n_label + 1 + len(years), style="total")]
    total += [None] * (n_label + len(years))
    total += [Cell(b.total.get(y), kind="rupiah", style="total") for y in years]
    rows.append(total)

    sec = Section("Renstra-Renja", [], [h1, h2], columns, widths, rows)
    counts = {k: idx.count(k) for k in ("program", "kegiatan", "sub_kegiatan")}
    for y in years:
        amount = b.total.get(y, Decimal(0))
        words = terbilang(amount) if lang == "id" else in_words_en(amount)
        sec.notes.append(t("tabel_ringkasan", lang, program=counts["program"], kegiatan=counts["kegiatan"],
                           sub=counts["sub_kegiatan"], year=y, amount=rupiah_text(amount), words=words))
    sec.notes += crosscutting_notes(apart, lang)
    for shared in b.shared:
        if set(shared.years) & set(years):
            sec.notes.append(t("tabel_komponen_bersama", lang, nodes=joined_ids(shared.node_ids, lang),
                               component="; ".join(f"{t(f'tabel_jenis_{c.jenis}', lang)} {c.code}"
                                                   for c in shared.components)))
    return TableDoc("renstra", t("tabel_judul_renstra", lang), subtitle(tree, lang), [sec], lang=lang)


def _one_subtotal_per_program(flat: list[dict]) -> list[dict]:
    """Boxes translated into the same program (same code) share one subtotal row, after the last
    of them, so that the subtotals add up to the total; a box without a code is its own program."""
    boxes: dict[tuple, list[str]] = {}
    for f in flat:
        if f["kind"] == "subtotal":
            comp = components_of(f["leaf"])[0]
            f["program"] = comp.key if comp.code is not None else ("#", f["leaf"].id)
            boxes.setdefault(f["program"], []).append(f["leaf"].id)
    out = []
    for f in flat:
        if f["kind"] == "subtotal":
            ids = boxes[f["program"]]
            if f["leaf"].id != ids[-1]:
                continue
            f["boxes"] = ids
        out.append(f)
    return out


def _group(flat: list[dict], i: int, k: str) -> tuple:
    """Merge key of the ancestors above level k, so equal nodes under different parents never merge."""
    f = flat[i]
    return tuple(f["path"][a].id for a in KINDS[: KINDS.index(k)] if a in f["path"])


def _pagu_problem(inp: Input, node_id: str, year: int) -> str | None:
    return inp.problems(node_id, (("pagu", year),))


def _level_cells(inp: Input, f: dict, k: str, span: int) -> list:
    node = f["path"].get(k)
    if node is not None and f["kind"] == "row" and f["leaf"] is node:
        # the leaf: its name merges over its indicator rows; one indicator per row
        ind_text = node.indikator[f["ind"]].uraian if f["ind"] is not None else ""
        name_cell = Cell(_level_name(node, k), rowspan=span, style="group",
                         problem=inp.problems(node.id, CODES + PAGU)) if span else None
        return [name_cell, Cell(ind_text)]
    if span == 0:
        return [None, None]
    if node is None or (f["kind"] == "subtotal" and KINDS.index(k) >= KINDS.index("program")):
        return [Cell("", rowspan=span), Cell("", rowspan=span)]
    text = indicator_lines(node, inp.years)
    for upper in _joined_boxes(inp.tree, node):  # the upper kondisi antara of this program
        text += f"\n{upper.uraian}:\n" + indicator_lines(upper, inp.years)
    return [Cell(_level_name(node, k), rowspan=span, style="group", problem=inp.problems(node.id, CODES + PAGU)),
            Cell(text.strip("\n"), rowspan=span)]


def _joined_boxes(tree, node: Node) -> list[Node]:
    """The boxes below ``node`` that are part of its component (upper kondisi antara), tree order."""
    out = []
    for n in tree.descendants(node.id) if tree.children(node.id) else ():
        comps = components_of(n)
        if comps and comps[0].joins is not None and comps[0].joins.node_id == node.id:
            out.append(n)
    return out


def _level_name(node: Node, k: str) -> str:
    comps = [c for c in components_of(node) if c.jenis == k] or components_of(node)[:1]
    if k in ("program", "kegiatan", "sub_kegiatan"):
        return "\n".join((f"{c.kode} " if c.kode else "") + component_name(c, node) for c in comps)
    return node.uraian


KIND = TableKind("renstra", build_renstra, "tabel_help_renstra", order=20)
