"""One year's measurement of a tree: capaian per indicator, roll-up per box, budget absorption,
budget shares and efficiency per sasaran, quarterly monitoring. Pure: a tree in, numbers out.

Roll-up (``pengukuran.agregasi``): a box with indicators takes the mean of their capaian as
rounded for the capaian table (or the mean weighted by ``bobot``); a box without indicators takes
the mean of its measured child boxes and is marked ``derived``. Budget: the pagu of a branch is
:mod:`pohon.mapping.budget`'s (each component once); its realisation is the sum of
``realisasi_anggaran`` of the same components (the first box of a shared component), or the
box's own ``realisasi_anggaran`` when no component below has one. Efficiency (LKjIP, source 002):
E = Σ((PAKI × CKI) − RAKI) / Σ(PAKI × CKI) × 100 over the components of a sasaran's branch,
CKI the capaian of the component's box (or of its nearest measured ancestor in the branch).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

from pohon.gcpause import paused_gc
from pohon.mapping.budget import Budget, roll_up
from pohon.mapping.components import components_of
from pohon.measure.bands import Band, category
from pohon.measure.formulas import HUNDRED, Capaian, capaian, formula_for
from pohon.measure.quantity import as_decimal, quantity
from pohon.measure.settings import Settings, settings_of
from pohon.model.tree import Node, PerformanceTree


@dataclass
class Quarter:
    tw: int  # 1..4
    target: object
    realisasi: object
    capaian: Decimal | None  # rounded
    status: str  # tercapai | tertinggal | belum | kosong


@dataclass
class IndicatorMeasure:
    node: Node
    index: int
    ind: object  # schema.Indikator
    year: int
    target: object
    realisasi: object
    result: Capaian
    capaian: Decimal | None  # rounded as the capaian table prints it
    band: Band | None
    years: range = range(0)
    settings: Settings | None = None

    @cached_property
    def quarters(self) -> list[Quarter]:
        """TW1–TW4 of the year: target (rencana aksi), realisation, capaian, status; [] without either."""
        ind = self.ind
        if not ind.rencana_aksi and not ind.realisasi_tw:
            return []
        return quarters(ind, self.year, self.formula, self.settings)

    @property
    def formula(self) -> str:
        return self.result.formula

    @cached_property
    def previous(self) -> list[tuple[int, object, object, Decimal | None]]:
        """(year, target, realisation, rounded capaian) of the years before, where written."""
        ind, s, out = self.ind, self.settings, []
        for y in self.years:
            if y >= self.year:
                break
            if y in ind.target or y in ind.realisasi:
                prev = capaian(quantity(ind.realisasi.get(y)), quantity(ind.target.get(y)), self.formula, s.cap)
                out.append((y, ind.target.get(y), ind.realisasi.get(y), s.round("capaian", prev.value)))
        return out

    @property
    def end_year(self) -> int | None:
        return max((y for y in self.ind.target if y in self.years), default=None)

    @property
    def end_target(self):
        end = self.end_year
        return None if end is None else self.ind.target[end]

    @cached_property
    def kemajuan_exact(self) -> Decimal | None:
        """Realisation against the end-of-period target (the same formula, no cap)."""
        if self.end_year is None:
            return None
        return capaian(quantity(self.realisasi), quantity(self.end_target), self.formula, None).value

    @property
    def kemajuan(self) -> Decimal | None:
        return self.settings.round("kemajuan", self.kemajuan_exact)


@dataclass
class NodeMeasure:
    node: Node
    capaian: Decimal | None = None  # rounded
    capaian_exact: Decimal | None = None
    band: Band | None = None
    derived: bool = False  # from child boxes, not from the box's own indicators
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    serapan: Decimal | None = None  # rounded
    serapan_exact: Decimal | None = None
    porsi: Decimal | None = None  # rounded share of the total pagu
    efisiensi: Decimal | None = None  # rounded
    efisiensi_exact: Decimal | None = None


@dataclass
class Measurement:
    year: int
    settings: Settings
    indicators: list[IndicatorMeasure]
    nodes: dict[str, NodeMeasure]
    budget: Budget
    total_pagu: Decimal | None = None
    total_realisasi: Decimal | None = None
    total_serapan: Decimal | None = None
    mean_capaian: Decimal | None = None  # of the capaian table's rows (IKU), rounded

    def of(self, node_id: str) -> NodeMeasure | None:
        return self.nodes.get(node_id)

    def indicators_of(self, node_id: str) -> list[IndicatorMeasure]:
        return [m for m in self.indicators if m.node.id == node_id]


def is_iku(node: Node, ind) -> bool:
    """The indicators of the capaian table: IKU (outcome and CSF boxes unless `iku: false`, and any `iku: true`)."""
    return bool((node.role_key in ("outcome", "csf") and ind.iku is not False) or ind.iku)


def is_sasaran(node: Node) -> bool:
    return any(c.jenis == "sasaran" for c in components_of(node))


def measure_indicator(node: Node, index: int, ind, year: int, years: range, s: Settings) -> IndicatorMeasure:
    formula = formula_for(ind.polaritas, ind.rumus_capaian, s.negative)
    t_raw, r_raw = ind.target.get(year), ind.realisasi.get(year)
    res = capaian(quantity(r_raw), quantity(t_raw), formula, s.cap)
    rounded = s.round("capaian", res.value)
    return IndicatorMeasure(node, index, ind, year, t_raw, r_raw, res, rounded, category(rounded, s.bands), years, s)


def quarters(ind, year: int, formula: str, s: Settings) -> list[Quarter]:
    ra = ind.rencana_aksi.get(year)
    targets = list(ra.tw) if ra is not None else []
    reals = list(ind.realisasi_tw.get(year, []))
    if not targets and not reals:
        return []
    out = []
    for k in range(4):
        t = targets[k] if k < len(targets) else None
        r = reals[k] if k < len(reals) else None
        res = capaian(quantity(r), quantity(t), formula, s.cap)
        rounded = s.round("capaian", res.value)
        if r is None:
            status = "kosong" if t is None else "belum"
        elif rounded is None:
            status = "kosong"
        else:
            status = "tercapai" if res.value >= HUNDRED else "tertinggal"
        out.append(Quarter(k + 1, t, r, rounded, status))
    return out


def _mean(values: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    if len(values) == 1 and values[0][1]:
        return values[0][0]
    total_w = sum((w for _, w in values), Decimal(0))
    if not values or total_w == 0:
        return None
    return sum((v * w for v, w in values), Decimal(0)) / total_w


def measure(tree: PerformanceTree, year: int, budget: Budget | None = None) -> Measurement:
    """One year's measurement, computed once per tree and year (the tables, the findings and the
    diagram of one run share it; realisation files are merged before anything is measured)."""
    if budget is None:
        return tree.derived(("measurement", year), lambda: measure(tree, year, roll_up(tree)))
    with paused_gc():  # many small objects beside a big tree that stays alive
        return _measure(tree, year, budget)


def _measure(tree: PerformanceTree, year: int, budget: Budget | None = None) -> Measurement:
    s = settings_of(tree.doc)
    years = tree.years
    budget = budget or roll_up(tree)
    indicators: list[IndicatorMeasure] = []
    nodes: dict[str, NodeMeasure] = {}
    weighted = s.aggregation == "bobot"
    for node in tree.walk():
        own = [measure_indicator(node, i, ind, year, years, s) for i, ind in enumerate(node.indikator)]
        indicators.extend(own)
        nm = NodeMeasure(node)
        vals = [(m.capaian, (as_decimal(m.ind.bobot) or Decimal(0)) if weighted else Decimal(1))
                for m in own if m.capaian is not None]
        if vals:
            nm.capaian = s.round("capaian", _mean(vals))
            nm.capaian_exact = _mean([(m.result.value, (as_decimal(m.ind.bobot) or Decimal(0)) if weighted else Decimal(1))
                                      for m in own if m.capaian is not None])
        nodes[node.id] = nm
    for node in reversed(list(tree.walk())):  # children first: boxes without indicators take theirs
        nm = nodes[node.id]
        if nm.capaian is None:  # no capaian of its own (no indicator measured): from the boxes below
            kids = [nodes[c.id].capaian for c in tree.children(node.id) if nodes[c.id].capaian is not None]
            if kids:
                nm.capaian, nm.derived = s.round("capaian", _mean([(k, Decimal(1)) for k in kids])), True
                nm.capaian_exact = _mean([(nodes[c.id].capaian_exact, Decimal(1)) for c in tree.children(node.id)
                                          if nodes[c.id].capaian_exact is not None])
        nm.band = category(nm.capaian, s.bands)
    _budget(tree, year, budget, nodes, s)
    m = Measurement(year, s, indicators, nodes, budget)
    m.total_pagu = budget.total.get(year)
    m.total_realisasi = _realised(tree, budget, [n.id for n in tree.roots()], year)
    if m.total_pagu and m.total_realisasi is not None:
        m.total_serapan = s.round("serapan", m.total_realisasi / m.total_pagu * HUNDRED)
    rows = [x.capaian for x in indicators if x.capaian is not None and is_iku(x.node, x.ind)]
    m.mean_capaian = s.round("capaian", _mean([(v, Decimal(1)) for v in rows]))
    return m


def _realised(tree: PerformanceTree, budget: Budget, starts: list[str], year: int) -> Decimal | None:
    """Σ realisasi_anggaran of the components in the branches (each once, its first box with one);
    a single box's own figure when no component below has one; None when some lack it."""
    found: dict = {}
    units: set = set()
    visited: set[str] = set()
    for start in starts:
        for n in tree.walk(start):
            if n.id in visited:
                continue
            visited.add(n.id)
            key = budget.units.get(n.id, {}).get(year)
            if key is None:
                continue
            units.add(key)
            r = n.data.realisasi_anggaran.get(year)
            if r is not None:
                found.setdefault(key, r)
    if found and len(found) == len(units):
        return sum(found.values(), Decimal(0))
    if len(starts) == 1 and not found:
        return tree.node(starts[0]).data.realisasi_anggaran.get(year)
    return None


def _budget(tree: PerformanceTree, year: int, budget: Budget, nodes: dict[str, NodeMeasure], s: Settings) -> None:
    total = budget.total.get(year)
    for node in tree.walk():
        nm = nodes[node.id]
        nm.pagu = budget.of(node.id, year)
        if nm.pagu is None and not node.data.realisasi_anggaran:
            continue
        nm.realisasi = _realised(tree, budget, [node.id], year)
        if nm.pagu and nm.realisasi is not None:
            nm.serapan_exact = nm.realisasi / nm.pagu * HUNDRED
            nm.serapan = s.round("serapan", nm.serapan_exact)
        if nm.pagu is not None and total:
            nm.porsi = s.round("porsi", nm.pagu / total * HUNDRED)
        if is_sasaran(node):
            nm.efisiensi_exact = efficiency(tree, budget, node, year, nodes, s)
            nm.efisiensi = s.round("efisiensi", nm.efisiensi_exact)


def efficiency(tree: PerformanceTree, budget: Budget, top: Node, year: int, nodes: dict[str, NodeMeasure],
               s: Settings) -> Decimal | None:
    """E of one sasaran's branch; None when a component lacks pagu, realisation or capaian."""
    seen: set = set()
    num = den = Decimal(0)
    inherited: dict[str, Decimal | None] = {}
    exact = s.cki == "persis"
    for n in tree.walk(top.id):
        parent = tree.parent(n.id)
        own = nodes[n.id].capaian_exact if exact else nodes[n.id].capaian
        inherited[n.id] = own if own is not None else (inherited.get(parent.id) if parent is not None and n is not top else None)
        key = budget.units.get(n.id, {}).get(year)
        if key is None or key in seen:
            continue
        seen.add(key)
        paki, raki, cki = n.data.pagu[year], n.data.realisasi_anggaran.get(year), inherited[n.id]
        if raki is None or cki is None:
            return None
        pc = paki * cki / HUNDRED
        num += pc - raki
        den += pc
    if not seen or den == 0:
        return None
    return num / den * HUNDRED
