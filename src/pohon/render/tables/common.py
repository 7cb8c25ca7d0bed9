"""What the table kinds (``kinds/``) share: the builder's input, cell helpers, positions, names.

A builder receives an :class:`Input` (the tree, the reader's language, the years and the check
diagnostics); it never reads files. A finding marks the cell whose field it is about
(:meth:`Input.problems` with the field-path prefixes below), never by its message or code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pohon.catalogue import t
from pohon.diagnostics import Diagnostic, Severity
from pohon.mapping.codes import normalise
from pohon.mapping.components import Component
from pohon.mapping.nomenclature import builtin
from pohon.mapping.profiles import resolve_profile
from pohon.model.tree import Node, PerformanceTree
from pohon.render.tables.numbers import number_text
from pohon.render.tables.model import Cell

# which field of a box a column shows: a finding marks the cell whose field it is about
INDICATORS = (("indikator",),)
CODES = (("kode",), ("komponen",))
PAGU = (("pagu",),)
POSITIONS = (("jabatan",),)


@dataclass
class Input:
    tree: PerformanceTree
    lang: str
    years: list[int]
    diags: list[Diagnostic]
    file: str = ""

    def problems(self, node_id: str, fields: tuple[tuple, ...] = (), exclude: tuple[tuple, ...] = ()) -> str | None:
        """The findings about ``node_id`` whose field is one of ``fields`` (all when empty), as a cell note."""
        msgs = [f"{d.code}: {d.message(self.lang)}" for d in self.by_node.get(node_id, ())
                if d.severity != Severity.INFO and (not fields or any(d.about(*f) for f in fields))
                and not any(d.about(*f) for f in exclude)]
        return "\n".join(msgs) if msgs else None

    @cached_property
    def by_node(self) -> dict[str, list[Diagnostic]]:
        out: dict[str, list[Diagnostic]] = {}
        for d in self.diags:
            out.setdefault(d.node, []).append(d)
        return out


def head(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan=rowspan, colspan=colspan, style="head")


def value_cell(v, satuan: str | None = None) -> Cell:
    if v is None:
        return Cell("")
    if isinstance(v, str):
        return Cell(v, kind="center")
    if satuan and satuan.strip() == "%":
        return Cell(v, kind="percent")
    return Cell(v, kind="number")


def indicator_lines(node: Node, years: list[int], with_target: bool = True) -> str:
    lines = []
    for ind in node.indikator:
        text = ind.uraian
        if with_target:
            parts = []
            for y in years:
                if y in ind.target:
                    v = ind.target[y]
                    unit = f" {ind.satuan}" if ind.satuan else ""
                    if ind.satuan and ind.satuan.strip() == "%":
                        unit = "%"
                    parts.append(f"{y}: {number_text(v)}{unit}")
            if parts:
                text += " (" + "; ".join(parts) + ")"
        lines.append(text)
    return "\n".join(lines)


def component_name(comp: Component, node: Node) -> str:
    if comp.nama:
        return comp.nama
    if comp.jenis in ("program", "kegiatan", "sub_kegiatan") and comp.kode:
        entry = builtin().get(normalise(comp.kode) or "")
        if entry:
            return entry.nama
    return node.uraian


def subtitle(tree: PerformanceTree, lang: str) -> str:
    org = tree.doc.organisasi
    return t("tabel_org_periode", lang, org=org.nama, period=tree.doc.periode)


class Positions(dict):
    """Position key → entry (name, level, holder, nip, [nodes]); :meth:`keys_of` finds the
    positions of a box without scanning every position's boxes."""

    def keys_of(self, node_id: str) -> list[str]:
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for key, entry in self.items():
                for n in entry["nodes"]:
                    keys = index.setdefault(n.id, [])
                    if key not in keys:
                        keys.append(key)
            self.__dict__["_index"] = index
        return index.get(node_id, [])


def positions(tree: PerformanceTree, lang: str) -> Positions:
    """Position key → (name, level, holder, nip, [nodes]) in tree order."""
    prof = resolve_profile(tree.doc)
    out = Positions()
    for node in tree.walk():
        if node.data.jabatan:
            for jab in node.data.jabatan:
                levels = prof.levels_of(node)
                level = jab.tingkat or ("/".join(levels) if levels else "")
                key = jab.nama
                entry = out.setdefault(key, {"nama": jab.nama, "tingkat": level, "pemegang": jab.pemegang,
                                             "nip": jab.nip, "nodes": []})
                entry["pemegang"] = entry["pemegang"] or jab.pemegang
                entry["nip"] = entry["nip"] or jab.nip
                entry["nodes"].append(node)
        else:
            levels = prof.levels_of(node)
            level = "/".join(levels) if levels else "?"
            key = "#" + level
            entry = out.setdefault(key, {"nama": t("tabel_jabatan_belum", lang, level=level), "tingkat": level,
                                         "pemegang": None, "nip": None, "nodes": []})
            entry["nodes"].append(node)
    return out


def position_of(node: Node, owners: Positions) -> str:
    keys = owners.keys_of(node.id)
    return owners[keys[0]]["nama"] if keys else ""


SHEET_NAME_MAX = 31  # UTF-16 code units, as Excel counts
_RESERVED_SHEET_NAMES = {"history"}  # Excel keeps it for its own sheet


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, n: int) -> str:
    while _utf16_len(text) > n:
        text = text[:-1]
    return text


def sheet_name(name: str, used: set[str]) -> str:
    """A valid sheet name for ``name``, unique among ``used`` (compared without case, as
    spreadsheets do): no ``[]:*?/\\`` or control characters, no apostrophe first or last, at
    most 31 characters, not Excel's reserved "History"."""
    clean = "".join(ch for ch in name if ch not in "[]:*?/\\" and ch.isprintable())
    clean = _cut(" ".join(clean.split()), SHEET_NAME_MAX).strip(" '") or "Sheet"
    base, i = clean, 2
    while clean.casefold() in used or clean.casefold() in _RESERVED_SHEET_NAMES:
        suffix = f" ({i})"
        clean = _cut(base, SHEET_NAME_MAX - len(suffix)).rstrip(" '") + suffix
        i += 1
    used.add(clean.casefold())
    return clean


def target_text(ind, year: int) -> str:
    if ind is None or year not in ind.target:
        return "-"
    v = ind.target[year]
    unit = ind.satuan or ""
    if unit.strip() == "%":
        return f"{number_text(v)}%"
    return f"{number_text(v)} {unit}".strip()


def joined_ids(ids, lang: str) -> str:
    """``SK1``, ``SK1 dan SK2``, ``SK1, SK2 dan SK3`` (``and`` in English)."""
    ids = list(ids)
    if len(ids) < 2:
        return "".join(ids)
    return t("tabel_daftar", lang, head=", ".join(ids[:-1]), last=ids[-1])


def crosscutting_notes(nodes, lang: str) -> list[str]:
    """The crosscutting boxes left to their partners, listed apart from the organisation's own
    translation: "Kondisi crosscutting — ditangani bersama <mitra>: C3 …"."""
    return [t("tabel_crosscutting_mitra", lang, node=n.id, uraian=n.uraian,
              mitra=", ".join(n.data.mitra) or t("tabel_mitra_belum", lang)) for n in nodes]
