"""Rules for the planning forms (group D, D020–D039): what the Renja (Tabel T-C.33), the Renstra
(Tabel T-C.27) and the Rencana Aksi need and a tree does not give.

A tree that has not begun its translation into the budget (no code and no pagu anywhere) raises
none of D020/D021: early trees are checked for the method, not for the forms.
"""

from __future__ import annotations

from collections.abc import Iterator

from pohon.diagnostics import Diagnostic, Term
from pohon.rules.context import Context

BUDGET_KINDS = ("program", "kegiatan", "sub_kegiatan")


def _component(components: list):
    for comp in components:
        if comp.jenis in BUDGET_KINDS and comp.joins is None:
            return comp
    return None


def check_codes_and_pagu(ctx: Context) -> Iterator[Diagnostic]:
    """D020: a program, kegiatan or sub kegiatan without a code; D021: a sub kegiatan (a box
    with no budget component below it) without pagu for a year of the period."""
    tree = ctx.tree
    if not ctx.facts.translating:  # the tree writes no code and no pagu anywhere
        return
    from pohon.mapping.components import components_of  # only a tree with codes or pagu needs them

    b = ctx.budget
    years = list(tree.years)
    order = list(tree.walk())
    comps = {n.id: _component(components_of(n)) for n in order}
    below: set[str] = set()  # boxes with a budget component somewhere below them (one pass, children first)
    for node in reversed(order):
        if node.id in below or comps[node.id] is not None:
            parent = tree.parent(node.id)
            if parent is not None:
                below.add(parent.id)
    for node in order:
        if node.partner_handled:
            continue
        comp = comps[node.id]
        if comp is None:
            continue
        if not comp.kode:
            yield ctx.at("D020", node, comp.field if comp.index is not None else "uraian", about=("kode",),
                         jenis=Term(f"tabel_jenis_{comp.jenis}"))
        if node.id in below:  # pagu is written on the lowest component; the roll-up does the rest
            continue
        missing = [y for y in years if b.of(node.id, y) is None]
        if missing:  # one finding per box, about its pagu: the forms mark each missing year's cell
            field = ("pagu",) if node.data.pagu else "uraian"
            yield ctx.at("D021", node, field, about=("pagu",), jenis=Term(f"tabel_jenis_{comp.jenis}"),
                         years=", ".join(map(str, missing)), example=missing[0])


def check_actions(ctx: Context) -> Iterator[Diagnostic]:
    """D022: an action of a rencana aksi without months (no `bulan`, no `triwulan`)."""
    for node, i, ind in ctx.facts.with_actions:
        for year, plan in sorted(ind.rencana_aksi.items()):
            for j, action in enumerate(plan.aksi):
                if action is not None and not action.months:
                    yield ctx.at("D022", node, ("indikator", i, "rencana_aksi", year, "aksi", j),
                                 action=action.uraian, year=year, indicator=ind.uraian)


CHECKS = [check_codes_and_pagu, check_actions]
