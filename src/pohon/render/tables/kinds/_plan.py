"""What the planning forms (Renja T-C.33, Renstra T-C.27, Rencana Aksi) share: which planning
component a box is, the order of codes, a box's pagu as the forms print it, inherited lokasi and
sumber dana, targets with their year's unit, and the head of the organisation who signs.

Printed figures follow these rules (docs/tabel.md):

- A box's pagu for a year is the pagu it declares itself when it writes one (a declared figure
  that differs from the sum of its branch keeps its K006 mark), else the roll-up of its branch
  (:mod:`pohon.mapping.budget`: each component once). Boxes that are one component (the same
  code) show the pagu of their branches together, each component once.
- Lokasi and sumber dana are the box's own, else those of the nearest box above it.
- A target is written with the unit of its year (`satuan_tahun`, else `satuan`), so a change
  of unit between years stays visible.
"""

from __future__ import annotations

from decimal import Decimal

from pohon.catalogue import t
from pohon.mapping.budget import Budget
from pohon.mapping.codes import Code
from pohon.mapping.components import Component, components_of
from pohon.model.tree import Node, PerformanceTree
from pohon.render.tables.common import Holder, Input, Owner, Positions
from pohon.render.tables.model import Cell, Signature

BUDGET_KINDS = ("program", "kegiatan", "sub_kegiatan")
DASH = "-"


def plan_component(node: Node) -> Component | None:
    """The box's own program/kegiatan/sub kegiatan (not one it joins as an upper kondisi antara)."""
    for comp in components_of(node):
        if comp.jenis in BUDGET_KINDS and comp.joins is None:
            return comp
    return None


def joined_boxes(tree: PerformanceTree) -> dict[str, list[Node]]:
    """Box id → the boxes that are part of its component (upper kondisi antara joining it), tree
    order: their indicators are the component's too. One pass over the tree."""
    out: dict[str, list[Node]] = {}
    for n in tree.walk():
        comps = components_of(n)
        if comps and comps[0].joins is not None:
            out.setdefault(comps[0].joins.node_id, []).append(n)
    return out


def indicator_pairs(joined: dict[str, list[Node]], node: Node) -> list[tuple[Node, int]]:
    """The indicators a component's row shows: the box's own, then those of the boxes joining it."""
    return [(box, i) for box in (node, *joined.get(node.id, ())) for i in range(len(box.indikator))]


def code_sort_key(code: Code | None) -> tuple:
    """Codes in numeric order (``8.01.06`` before ``8.01.10``); uncoded after coded."""
    if code is None:
        return (1,)
    return (0, tuple(int(p) for p in code.parts))


def inherited(tree: PerformanceTree, node: Node, field: str) -> str | None:
    """The box's own `field` (lokasi, sumber_dana), else that of the nearest box above it."""
    own = getattr(node.data, field)
    if own:
        return own
    for anc in tree.ancestors(node.id):
        value = getattr(anc.data, field)
        if value:
            return value
    return None


def pagu_of(b: Budget, tree: PerformanceTree, boxes: list[Node], year: int) -> Decimal | None:
    """The pagu the forms print for a component carried by ``boxes`` (see the module's rules)."""
    if len(boxes) == 1:
        node = boxes[0]
        if year in node.data.pagu:
            return node.data.pagu[year]
        return b.of(node.id, year)
    return b.of_boxes(tree, [n.id for n in boxes], year)


def pagu_cell(inp: Input, b: Budget, boxes: list[Node], year: int, rowspan: int = 1, style: str = "") -> Cell:
    """A pagu cell; "pagu belum diisi" when there is none, with the findings about it."""
    amount = pagu_of(b, inp.tree, boxes, year)
    # the findings about this year's pagu; without one, also those about the pagu as a whole (D021)
    others = tuple(("pagu", y) for y in inp.tree.years if y != year)
    problem = "\n".join(p for p in (inp.problems(n.id, (("pagu", year),)) if amount is not None
                                    else inp.problems(n.id, (("pagu",),), exclude=others) for n in boxes) if p) or None
    if amount is None:
        return Cell(t("form_pagu_belum", inp.lang), kind="center", rowspan=rowspan, style=style, problem=problem)
    return Cell(amount, kind="rupiah", rowspan=rowspan, style=style, problem=problem)


def holder_of(entry: Owner | None) -> Holder:
    return entry.holders[0] if entry is not None and entry.holders else Holder()


def owner_of(owners: Positions, node: Node) -> Owner | None:
    keys = owners.keys_of(node.id)
    return owners[keys[0]] if keys else None


def head_signature(inp: Input, owners: Positions) -> Signature:
    """The head of the organisation (the owner of the top box, or `organisasi.kepala`) as a
    signature place: position, name, NIP and pangkat; dots when unknown."""
    tree, lang = inp.tree, inp.lang
    org = tree.doc.organisasi
    roots = tree.roots()
    entry = owner_of(owners, roots[0]) if roots else None
    heads = [e for e in owners.values() if e.head]
    if heads:
        entry = heads[0]
    if entry is not None and entry.key.startswith("#"):
        entry = None
    position = entry.nama if entry is not None else t("form_kepala_org", lang, org=org.nama)
    holder = holder_of(entry)
    region = org.pemda or ""
    if region and region.casefold() in position.casefold():
        region = ""
    # as source 004 prints it: the position, the region, room to sign, the name, pangkat and NIP
    return Signature(position, region, holder.nama or org.kepala or "", holder.nip, holder.pangkat)


def place_date(inp: Input, year: int) -> str:
    return t("form_tempat_tanggal", inp.lang, year=year)
