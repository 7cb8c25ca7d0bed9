"""Pagu (budget ceiling) roll-up with :class:`~decimal.Decimal`.

Pagu is written per year on sub kegiatan and rolls up: kegiatan = Σ sub kegiatan, program =
Σ kegiatan, total = Σ programs (Permendagri 90/2019; Renja table T-C.33). A pagu written on a
higher node is kept as *declared*; when its children carry pagu for that year the *computed*
sum is what counts, and a difference is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pohon.model.tree import PerformanceTree


@dataclass
class Mismatch:
    node_id: str
    year: int
    declared: Decimal
    computed: Decimal


@dataclass
class Budget:
    declared: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    computed: dict[str, dict[int, Decimal]] = field(default_factory=dict)  # Σ children, where any
    effective: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    total: dict[int, Decimal] = field(default_factory=dict)

    def of(self, node_id: str, year: int) -> Decimal | None:
        return self.effective.get(node_id, {}).get(year)

    @property
    def years(self) -> list[int]:
        return sorted({y for v in self.effective.values() for y in v})


def roll_up(tree: PerformanceTree) -> Budget:
    b = Budget()
    order = list(tree.walk())
    for node in reversed(order):  # children before parents
        declared = dict(node.data.pagu)
        computed: dict[int, Decimal] = {}
        for child in tree.children(node.id):
            for year, amount in b.effective.get(child.id, {}).items():
                computed[year] = computed.get(year, Decimal(0)) + amount
        effective = dict(declared)
        effective.update(computed)
        b.declared[node.id] = declared
        b.computed[node.id] = computed
        b.effective[node.id] = effective
        for year in sorted(set(declared) & set(computed)):
            if declared[year] != computed[year]:
                b.mismatches.append(Mismatch(node.id, year, declared[year], computed[year]))
        if tree.parent(node.id) is None:
            for year, amount in effective.items():
                b.total[year] = b.total.get(year, Decimal(0)) + amount
    b.mismatches.sort(key=lambda m: (tree.node(m.node_id).order, m.year))
    return b
