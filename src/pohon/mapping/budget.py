"""Pagu (budget ceiling) roll-up with :class:`~decimal.Decimal`.

Pagu is written per year on sub kegiatan and rolls up: kegiatan = Σ sub kegiatan, program =
Σ kegiatan, total = Σ programs (Permendagri 90/2019; Renja table T-C.33). A pagu written on a
higher node is kept as *declared*; when its children carry pagu for that year the *computed*
sum is what counts, and a difference is reported.

Every sum counts each component once. The pagu a box carries itself (no pagu below it that
year) belongs to its component, identified by the normalised code(s) of the box's coded
components; a box without a code is its own component. Several boxes may carry the same
component (the method allows several boxes to become one component; real Rencana Aksi tables
list one sub kegiatan under two sasaran): within a sum the component counts once, with the pagu
of its first box in tree order. Boxes of one component that write different pagu are reported
as :class:`Conflict` (rule K015).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pohon.mapping.components import Component, components_of
from pohon.model.tree import Node, PerformanceTree

UnitKey = tuple  # the sorted keys of a box's coded components, or ("#", node id)
NO_UNITS: dict = {}
ZERO = Decimal(0)


@dataclass
class Mismatch:
    node_id: str
    year: int
    declared: Decimal
    computed: Decimal


@dataclass(frozen=True)
class Shared:
    """A component whose pagu several boxes carry: counted once in every sum."""

    key: UnitKey
    components: tuple[Component, ...]  # of the first box (for labels)
    node_ids: tuple[str, ...]  # the boxes carrying its pagu, tree order
    years: tuple[int, ...]


@dataclass(frozen=True)
class Conflict:
    """A box whose pagu differs from the first box of the same component (that one counts)."""

    node_id: str
    year: int
    amount: Decimal  # written on node_id
    counted_node: str  # the first box of the component, whose pagu counts
    counted: Decimal
    components: tuple[Component, ...]


@dataclass
class Budget:
    declared: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    computed: dict[str, dict[int, Decimal]] = field(default_factory=dict)  # Σ children, where any
    effective: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    total: dict[int, Decimal] = field(default_factory=dict)
    units: dict[str, dict[int, UnitKey]] = field(default_factory=dict)  # box → year → component, where it carries its own pagu
    shared: list[Shared] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def of(self, node_id: str, year: int) -> Decimal | None:
        return self.effective.get(node_id, {}).get(year)

    @property
    def years(self) -> list[int]:
        return sorted({y for v in self.effective.values() for y in v})

    def of_boxes(self, tree: PerformanceTree, node_ids, year: int) -> Decimal | None:
        """The pagu of the branches of several boxes together (e.g. every box of one program),
        each component once, with the pagu of its first box in tree order; None without pagu."""
        seen: dict[UnitKey, Decimal] = {}
        visited: set[str] = set()
        for start in sorted(node_ids, key=lambda i: tree.node(i).order):
            for node in tree.walk(start):
                if node.id in visited:
                    continue
                visited.add(node.id)
                key = self.units.get(node.id, {}).get(year)
                if key is not None:
                    seen.setdefault(key, node.data.pagu[year])
        return sum(seen.values(), Decimal(0)) if seen else None


def unit_key(node: Node) -> UnitKey:
    """Which component a box's own pagu belongs to: its coded components, else the box itself."""
    if node.data.kode is None and not node.data.komponen:
        return ("#", node.id)
    keys = sorted({c.key for c in components_of(node) if c.code is not None})
    return tuple(keys) if keys else ("#", node.id)


def roll_up(tree: PerformanceTree) -> Budget:
    b = Budget()
    order = list(tree.walk())
    # which years have pagu below each box: a box carries its own pagu only for the other years
    below: dict[str, set[int]] = {}
    with_pagu = [n for n in order if n.data.pagu]
    if not with_pagu:  # no pagu anywhere: every box declares and computes nothing
        for node in order:
            b.declared[node.id] = {}
            b.computed[node.id] = {}
            b.effective[node.id] = {}
        return b
    for node in with_pagu:
        years = set(node.data.pagu)
        anc = tree.parent(node.id)
        while anc is not None:
            seen = below.setdefault(anc.id, set())
            if years <= seen:
                break  # and so for the ancestors above
            seen |= years
            anc = tree.parent(anc.id)
    boxes: dict[tuple[UnitKey, int], list[str]] = {}  # (coded component, year) → boxes, tree order
    for node in with_pagu:
        under = below.get(node.id, ())
        own = [y for y in node.data.pagu if y not in under]
        if own:
            key = unit_key(node)
            b.units[node.id] = {y: key for y in own}
            if key[0] != "#":  # a box without a code is its own component: never shared
                for y in own:
                    boxes.setdefault((key, y), []).append(node.id)
    shared_keys = {k for k, ids in boxes.items() if len(ids) > 1}

    # children before parents; what a box passes up: plain sums per year, and the shared
    # components' pagu by (component, year), first box (tree order) first
    passed: dict[str, tuple[dict[int, Decimal], dict[tuple, Decimal]]] = {}
    for node in reversed(order):
        plain: dict[int, Decimal] = {}
        shared: dict[tuple, Decimal] = {}
        for child in tree.children(node.id):
            child_plain, child_shared = passed.pop(child.id)
            for year, amount in child_plain.items():
                plain[year] = plain.get(year, ZERO) + amount
            for k, amount in child_shared.items():
                shared.setdefault(k, amount)
        computed = dict(plain)
        for (_, year), amount in shared.items():
            computed[year] = computed.get(year, ZERO) + amount
        declared = dict(node.data.pagu)
        effective = dict(declared)
        effective.update(computed)
        b.declared[node.id] = declared
        b.computed[node.id] = computed
        b.effective[node.id] = effective
        if declared and computed:
            for year in sorted(set(declared) & set(computed)):
                if declared[year] != computed[year]:
                    b.mismatches.append(Mismatch(node.id, year, declared[year], computed[year]))
        for year, key in b.units.get(node.id, NO_UNITS).items():
            if shared_keys and (key, year) in shared_keys:
                shared.setdefault((key, year), declared[year])
            else:
                plain[year] = plain.get(year, ZERO) + declared[year]
        passed[node.id] = (plain, shared)

    tops = [n for n in order if n.id in passed]  # the starts of the walk, in tree order
    everything: dict[tuple, Decimal] = {}
    for node in tops:
        top_plain, top_shared = passed[node.id]
        for year, amount in top_plain.items():
            b.total[year] = b.total.get(year, ZERO) + amount
        for k, amount in top_shared.items():
            everything.setdefault(k, amount)
    for (_, year), amount in everything.items():
        b.total[year] = b.total.get(year, ZERO) + amount

    b.mismatches.sort(key=lambda m: (tree.node(m.node_id).order, m.year))
    _shares(tree, b, boxes, shared_keys)
    return b


def _shares(tree: PerformanceTree, b: Budget, boxes: dict, shared_keys: set) -> None:
    by_key: dict[UnitKey, tuple[list[str], list[int]]] = {}
    for key, year in sorted(shared_keys, key=lambda k: (tree.node(boxes[k][0]).order, k[1])):
        ids = boxes[(key, year)]
        node_ids, years = by_key.setdefault(key, ([], []))
        node_ids.extend(i for i in ids if i not in node_ids)
        years.append(year)
        first = tree.node(ids[0])
        comps = tuple(c for c in components_of(first) if c.code is not None)
        for other in ids[1:]:
            amount = tree.node(other).data.pagu[year]
            if amount != first.data.pagu[year]:
                b.conflicts.append(Conflict(other, year, amount, first.id, first.data.pagu[year], comps))
    for key, (node_ids, years) in by_key.items():
        ordered = tuple(sorted(node_ids, key=lambda i: tree.node(i).order))
        first = tree.node(ordered[0])
        b.shared.append(Shared(key, tuple(c for c in components_of(first) if c.code is not None), ordered,
                               tuple(sorted(years))))
    b.conflicts.sort(key=lambda c: (tree.node(c.node_id).order, c.year))
