"""Node → planning components (many-to-many).

A node's components are its ``komponen:`` list when written, else one component of its
tier's default kind (``data/roles.yaml`` ``jenjang``: outcome → tujuan, csf → sasaran, …) with
the node's ``kode:``. Several nodes naming the same code make one *merged* component; a node
with several components is *split*.

An upper kondisi antara (a kondisi antara with a kondisi antara below it) written without its
own ``kode:`` or ``komponen:`` joins the component of the box it hangs from (its *anchor*, the
kondisi antara utama): the method's "several boxes can become one component", implied by the
translation table rather than chosen, so it is no merged component to report. A crosscutting
box left to its partner becomes no component of this organisation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from pohon.mapping.codes import Code, parse_code
from pohon.mapping.nomenclature import comparable
from pohon.model.tree import Node, PerformanceTree

KINDS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
KIND_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True)
class Component:
    jenis: str
    kode: str | None  # as written
    nama: str | None  # as written
    node_id: str
    index: int | None  # position in the node's `komponen:` list; None for the tier default
    code_on_node: bool = False  # the code is the node's `kode:`
    joins: Component | None = None  # an upper kondisi antara: the anchor's component it is part of

    @cached_property
    def code(self) -> Code | None:
        return parse_code(self.kode)

    @cached_property
    def key(self) -> tuple[str, str] | None:
        """Identity of the component across nodes: its code, else its name."""
        if self.joins is not None:
            return self.joins.key or (self.joins.jenis, "#" + self.joins.node_id)
        if self.code is not None:
            return (self.jenis, self.code.text)
        if self.nama:
            return (self.jenis, comparable(self.nama))
        return None

    @property
    def field(self) -> tuple:
        """Data path (relative to the node) of the component's code, for positions."""
        if self.code_on_node:
            return ("kode",)
        return ("komponen", self.index, "kode") if self.kode else ("komponen", self.index)

    @property
    def name_field(self) -> tuple:
        return ("komponen", self.index, "nama") if self.index is not None and self.nama else self.field

    @property
    def term(self) -> tuple:
        """The component as a message parameter: its kind in the reader's language, code and name."""
        from pohon.diagnostics import Term

        return (Term(f"tabel_jenis_{self.jenis}"), *(f" {x}" for x in (self.kode, self.nama) if x))


def components_of(node: Node) -> list[Component]:
    """The node's components, worked out once per node (every K rule, the budget and the tables
    ask again; each component parses its code once). Treat the list as read-only."""
    if node.components is None:
        node.components = _components(node)
    return node.components


def _components(node: Node) -> list[Component]:
    if node.partner_handled:
        return []
    refs = node.data.komponen
    if refs:
        single = len(refs) == 1
        return [
            Component(r.jenis, r.kode or (node.data.kode if single else None), r.nama, node.id, i,
                      code_on_node=bool(single and not r.kode and node.data.kode))
            for i, r in enumerate(refs)
        ]
    t = node.tier
    if t is None:
        return []
    if node.anchor is not None and node.data.kode is None:
        base = primary(node.anchor)
        if base is not None and base.jenis == t.komponen:
            return [Component(t.komponen, None, None, node.id, None, joins=base)]
    return [Component(t.komponen, node.data.kode, None, node.id, None, code_on_node=True)]


def shown(comp: Component) -> Component:
    """The component whose code and name a table shows: the anchor's for a joined one."""
    return comp.joins if comp.joins is not None else comp


def primary(node: Node) -> Component | None:
    comps = components_of(node)
    return comps[0] if comps else None


def coded_ancestor(tree: PerformanceTree, node: Node) -> tuple[Node, Component] | None:
    """The nearest ancestor with a coded program/kegiatan/sub kegiatan component."""
    for anc in tree.ancestors(node.id):
        for comp in components_of(anc):
            if comp.code is not None and comp.jenis in ("program", "kegiatan", "sub_kegiatan"):
                return anc, comp
    return None


@dataclass
class ComponentIndex:
    by_key: dict[tuple[str, str], list[Component]]
    by_node: dict[str, list[Component]]

    def merged(self) -> list[list[Component]]:
        """Components several boxes chose to share (an upper kondisi antara joining its anchor's
        component is the translation table's doing, not a choice)."""
        return [comps for comps in self.by_key.values()
                if len({c.node_id for c in comps if c.joins is None}) > 1]

    def split(self) -> list[list[Component]]:
        return [comps for comps in self.by_node.values() if len(comps) > 1]

    def count(self, jenis: str) -> int:
        return sum(1 for k in self.by_key if k[0] == jenis)


def index(tree: PerformanceTree) -> ComponentIndex:
    by_key: dict[tuple[str, str], list[Component]] = defaultdict(list)
    by_node: dict[str, list[Component]] = {}
    for node in tree.walk():
        comps = components_of(node)
        by_node[node.id] = comps
        for c in comps:
            # without code, name or anchor a component has no key: not worked out (most boxes of a new tree)
            key = (c.key if c.kode or c.nama or c.joins is not None else None) or (c.jenis, "#" + node.id)
            by_key[key].append(c)
    return ComponentIndex(dict(by_key), by_node)
