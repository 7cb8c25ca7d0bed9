"""What the official forms (PK, SKP, IKU, translation matrix) share: the form data
(``data/forms.yaml``), the signer's level, the place and date line, the budget block of a PK.

Sources: PermenPANRB 53/2014 (Perjanjian Kinerja), PermenPANRB 6/2022 (SKP), PermenPAN 09/2007
(IKU), source 003 (translation table). The words are in ``data/messages.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from pohon.catalogue import t
from pohon.datafiles import data_yaml
from pohon.mapping.components import Component, components_of, shown
from pohon.mapping.profiles import resolve_profile
from pohon.model.coerce import TINGKAT_LEVEL
from pohon.model.tree import Node, PerformanceTree
from pohon.render.tables.common import Input, Owner, component_name

LEVEL_KEYS = {k.casefold(): v for k, v in TINGKAT_LEVEL.items()}


@cache
def forms() -> dict:
    return data_yaml("forms.yaml")


def level_of(entry: Owner, tree: PerformanceTree) -> str | None:
    """The signer's level (JPT, Administrator, Pengawas, JF, JP): the declared position's, the
    `jabatan:` text's `tingkat`, else the level profile's first level of its first box."""
    if entry.position is not None:
        return entry.position.level
    for part in (entry.tingkat or "").split("/"):
        found = LEVEL_KEYS.get(part.strip().casefold())
        if found:
            return found
    prof = resolve_profile(tree.doc)
    for node in entry.nodes:
        levels = prof.levels_of(node)
        if levels:
            return levels[0]
    return None


def pk_level(level: str | None) -> dict:
    """The PK form data of a level (heading key, budget component kind); JF's when unknown."""
    table = forms()["pk"]["tingkat"]
    return table.get(level or "") or table["JF"]


def sasaran_heading(jenis: str, lang: str) -> str:
    """How source 003 words a component: Tujuan SKPD, Sasaran Strategis, Sasaran Program …"""
    return t(forms()["jenis_sasaran"][jenis], lang)


def place(org) -> str:
    """The city a form is signed in: `organisasi.kop`'s city when the file gives one, else the
    Pemda without "Kabupaten"/"Kota"/"Provinsi" (Kabupaten Balangan → Balangan), else a dotted line."""
    kop = getattr(org, "kop", None)
    city = getattr(kop, "kota", None) if kop is not None else None
    if city:
        return str(city)
    pemda = " ".join((org.pemda or "").split())
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        if pemda.casefold().startswith(prefix.casefold()):
            return pemda[len(prefix):]
    return pemda or "……………"


def place_date(org, year: int, lang: str) -> str:
    """"Balangan, …………… 2024": the day and month are written when the form is signed."""
    return t("tabel_tempat_tanggal", lang, place=place(org), year=year)


def component_label(comp: Component, node: Node, lang: str) -> str:
    """A component as a form names it: its code and nomenclature name (the reference list's for a
    code without `nama:`), or the box's statement when it has neither."""
    base = shown(comp)
    anchor = node if base is comp else (node.anchor or node)
    name = component_name(base, anchor)
    return " ".join(x for x in (base.kode, name) if x)


@dataclass
class BudgetRow:
    """One row of a PK's Program/Kegiatan/Sub Kegiatan – Anggaran block: a component once,
    with the boxes that carry it."""

    component: Component
    node: Node  # its first box (tree order)
    boxes: list[str] = field(default_factory=list)


def budget_rows(tree: PerformanceTree, nodes: list[Node], jenis: str) -> list[BudgetRow]:
    """The components of kind ``jenis`` in the branches of ``nodes`` (their own included), each
    once (a component several boxes carry is one row), in tree order. Crosscutting boxes left
    to a partner have no component."""
    rows: dict[tuple, BudgetRow] = {}
    seen: set[str] = set()
    for start in nodes:
        for node in tree.walk(start.id):
            if node.id in seen:
                continue
            seen.add(node.id)
            for comp in components_of(node):
                base = shown(comp)
                if base.jenis != jenis:
                    continue
                key = base.key or (base.jenis, "#" + base.node_id)
                row = rows.get(key)
                if row is None:
                    row = rows[key] = BudgetRow(comp, node)
                if node.id not in row.boxes:
                    row.boxes.append(node.id)
    return sorted(rows.values(), key=lambda r: r.node.order)


def row_budget(budget, tree: PerformanceTree, row: BudgetRow, year: int) -> Decimal | None:
    """The pagu of a budget row for ``year``: its box's (rolled up), or, for a component several
    boxes carry, their branches together with each sub kegiatan once; None when none is written."""
    if len(row.boxes) == 1:
        return budget.of(row.boxes[0], year)
    return budget.of_boxes(tree, row.boxes, year)


def unnamed_position(inp: Input, entry: Owner) -> None:
    """A position no box names (pohon calls it "<level> (jabatan belum ditulis)"): one finding
    (D002) on its first box, so the form's gap is in the document's findings."""
    if entry.position is None and entry.key.startswith("#") and entry.nodes:
        inp.finding("D002", entry.nodes[0], name=entry.nama)


def pagu_problems(inp: Input, box_ids, year: int) -> str | None:
    """The findings about the missing pagu of a budget row: those about the pagu of its boxes and of
    the boxes below them (D021 is on the sub kegiatan that lacks it), each once."""
    others = tuple(("pagu", y) for y in inp.tree.years if y != year)
    found: list[str] = []
    seen: set[str] = set()
    for start in box_ids:
        for node in inp.tree.walk(start):
            if node.id in seen:
                continue
            seen.add(node.id)
            p = inp.problems(node.id, (("pagu",),), exclude=others)
            if p and p not in found:
                found.append(p)
    return "\n".join(found) or None
