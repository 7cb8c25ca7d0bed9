"""What the table kinds (``kinds/``) share: the builder's input, cell helpers, positions, names.

A builder receives an :class:`Input` (the tree, the reader's language, the years and the check
diagnostics); it never reads files. A finding marks the cell whose field it is about
(:meth:`Input.problems` with the field-path prefixes below), never by its message or code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from pohon.catalogue import t
from pohon.diagnostics import Diagnostic, Severity
from pohon.mapping.codes import normalise
from pohon.mapping.components import Component
from pohon.mapping.nomenclature import builtin
from pohon.mapping.profiles import level_names, resolve_profile
from pohon.model.positions import PetaJabatan, Position, level_order
from pohon.model.tree import Node, PerformanceTree
from pohon.render.tables.numbers import number_text
from pohon.render.tables.model import Cell

# which field of a box a column shows: a finding marks the cell whose field it is about
INDICATORS = (("indikator",),)
CODES = (("kode",), ("komponen",))
PAGU = (("pagu",),)
POSITIONS = (("jabatan",), ("pemilik",))


@dataclass
class Input:
    tree: PerformanceTree
    lang: str
    years: list[int]
    diags: list[Diagnostic]
    file: str = ""
    source: object = None  # the tree file's SourceMap: places the findings a form adds (:meth:`finding`)

    def problems(self, node_id: str, fields: tuple[tuple, ...] = (), exclude: tuple[tuple, ...] = ()) -> str | None:
        """The findings about ``node_id`` whose field is one of ``fields`` (all when empty), as a cell note."""
        msgs = [f"{d.code}: {d.message(self.lang)}" for d in self.by_node.get(node_id, ())
                if d.severity != Severity.INFO and (not fields or any(d.about(*f) for f in fields))
                and not any(d.about(*f) for f in exclude)]
        return "\n".join(msgs) if msgs else None

    def finding(self, code: str, node: Node | None, field: tuple = (), **params) -> str:
        """A finding the form itself makes (a gap it marks: rules D001–D019), added once to the
        document's findings; returns it as a cell note."""
        from pohon.catalogue import diagnostic
        from pohon.diagnostics import Location

        location = Location(self.file)
        if self.source is not None and node is not None:
            location = self.source.locate(node.path + (field or ("id",)))
        d = diagnostic(code, location, node=node.id if node else None, field=field, **params)
        if d not in self._added:
            self._added.add(d)
            self.diags.append(d)
        return f"{d.code}: {d.message(self.lang)}"

    @cached_property
    def _added(self) -> set:
        return set()

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


@dataclass
class Holder:
    """A person holding a position, as the signature blocks show them (empty: written by hand)."""

    nama: str = ""
    nip: str = ""
    pangkat: str = ""


@dataclass
class Owner:
    """A position as the PK/SKP tables see it: one declared in `peta_jabatan` (``position``),
    one a box names in `jabatan:` text, or the unnamed position of a chain of boxes."""

    key: str
    nama: str
    tingkat: str  # the level as shown (JPT Pratama, Administrator, JF/JP …)
    nodes: list[Node] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    position: Position | None = None
    superior: str | None = None  # key of the superior's Owner (declared positions)
    head: bool = False  # a declared head of the organisation (top level, no superior)


class Positions(dict):
    """Owner key → :class:`Owner` (a position id, ``@`` and a name written in `jabatan:`, or ``#``
    for an unnamed position); :meth:`keys_of` finds the owners of a box without scanning every
    owner's boxes. ``declared``: the tree has a peta jabatan."""

    declared: bool = False
    peta: PetaJabatan | None = None

    def keys_of(self, node_id: str) -> list[str]:
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for key, entry in self.items():
                for n in entry.nodes:
                    keys = index.setdefault(n.id, [])
                    if key not in keys:
                        keys.append(key)
            self.__dict__["_index"] = index
        return index.get(node_id, [])


def positions(tree: PerformanceTree, lang: str) -> Positions:
    """The owners of the boxes, in order: the declared positions (``peta_jabatan`` order), then
    positions named by `jabatan:` text and unnamed positions, in tree order. A box without a
    named owner continues the unnamed position of its parent when they share a level (the outcome
    and its CSFs are the JPT's, a kondisi antara and its kondisi operasional one JF's); any other
    starts its own, so boxes of different branches (five Kepala Bidang) are never pooled."""
    prof = resolve_profile(tree.doc)
    peta = PetaJabatan.of(tree)
    out = Positions()
    out.peta, out.declared = peta, peta.declared
    if peta.declared:
        order = level_order(prof, level_names())
        top = min((order.rank(p.level) for p in peta if order.rank(p.level) is not None), default=None)
        kepala = tree.doc.organisasi.kepala
        for pos in peta:
            up = peta.superior(pos.id)
            head = up is None and pos.declared_superior is None and top is not None and order.rank(pos.level) == top
            holders = [Holder(h.nama, h.nip or "", h.pangkat or "") for h in pos.holders]
            if not holders and head and kepala:
                holders = [Holder(kepala)]
            out[pos.id] = Owner(pos.id, pos.nama, pos.data.tingkat, holders=holders, position=pos,
                                superior=up.id if up else None, head=head)
    by_name = {" ".join(p.nama.split()).casefold(): p.id for p in peta} if peta.declared else {}
    unnamed: dict[str, str] = {}  # box id -> key of the unnamed position it belongs to
    for node in tree.walk():
        owners = peta.owners(node.id)
        if owners:
            for pos in owners:
                out[pos.id].nodes.append(node)
            continue
        levels = prof.levels_of(node)
        if node.data.jabatan:
            for jab in node.data.jabatan:
                key = by_name.get(" ".join(jab.nama.split()).casefold()) or "@" + jab.nama
                entry = out.get(key)
                if entry is None:
                    entry = out[key] = Owner(key, jab.nama, jab.tingkat or ("/".join(levels) if levels else ""))
                if not entry.position and (jab.pemegang or jab.nip):
                    first = entry.holders[0] if entry.holders else Holder()
                    entry.holders = [Holder(first.nama or jab.pemegang or "", first.nip or jab.nip or "")]
                entry.nodes.append(node)
            continue
        level = "/".join(levels) if levels else "?"
        parent = tree.parent(node.id)
        key = unnamed.get(parent.id) if parent is not None else None
        if key is None or not set(levels) & set(prof.levels_of(parent)):
            key = f"#{level}#{node.id}"
            out[key] = Owner(key, level, level)
        unnamed[node.id] = key
        out[key].nodes.append(node)
    per_level: dict[str, int] = {}
    for key, entry in out.items():
        if key.startswith("#"):
            per_level[entry.tingkat] = per_level.get(entry.tingkat, 0) + 1
    for key, entry in out.items():
        if key.startswith("#"):
            entry.nama = (t("tabel_jabatan_belum", lang, level=entry.tingkat) if per_level[entry.tingkat] == 1
                          else t("tabel_jabatan_belum_kotak", lang, level=entry.tingkat, node=entry.nodes[0].id))
    return out


def position_of(node: Node, owners: Positions) -> str:
    keys = owners.keys_of(node.id)
    return owners[keys[0]].nama if keys else ""


DOTS = "." * 40  # a name to be written by hand


def superior_by_boxes(tree, owners: Positions, key: str) -> str | None:
    """Without a peta jabatan: the position owning the boxes right above position ``key``'s
    boxes, when that is one position (None for the head, or when they hang under several)."""
    mine = {n.id for n in owners[key].nodes}
    found: set[str] = set()
    for node in owners[key].nodes:
        parent = tree.parent(node.id)
        if parent is not None and parent.id not in mine:
            found |= {k for k in owners.keys_of(parent.id) if k != key}
    return found.pop() if len(found) == 1 else None


def section_name(entry: Owner, holder: Holder, owners: Positions, used: set[str]) -> tuple[str, str]:
    """The sheet name of a position's PK/SKP and its full name: its name; with a peta jabatan,
    the position id first when another position has the same name, and the holder when it has
    several."""
    name = entry.nama
    if entry.position is not None:
        same = sum(1 for e in owners.values() if e.position is not None and e.nodes and e.nama == entry.nama)
        if same > 1:
            name = f"{entry.key} {name}"
        if len(entry.holders) > 1 and holder.nama:
            name = f"{holder.nama} - {name}"
    return sheet_name(name, used), name


_REGION_HEAD = (("kabupaten", "tabel_bupati"), ("kota", "tabel_wali_kota"), ("provinsi", "tabel_gubernur"))


def kepala_daerah(org, lang: str) -> tuple[str, str]:
    """The Kepala Daerah's position and name (empty when unknown): `organisasi.kepala_daerah`,
    else the title that goes with `organisasi.pemda` (Kabupaten X → Bupati X)."""
    given = org.kepala_daerah
    if given is not None and given.jabatan:
        return given.jabatan, given.nama or ""
    nama = given.nama if given is not None else ""
    pemda = " ".join((org.pemda or "").split())
    for prefix, key in _REGION_HEAD:
        if pemda.casefold().startswith(prefix + " "):
            return t(key, lang, name=pemda[len(prefix) + 1:]), nama or ""
    return t("tabel_kepala_daerah", lang), nama or ""


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


def value_text(v, unit: str | None) -> str:
    """A value with its unit: ``3 Dok``, ``100%``, ``64,6`` (a text value as written)."""
    shown = number_text(v) if not isinstance(v, str) else v
    unit = (unit or "").strip()
    return f"{shown}%" if unit == "%" else f"{shown} {unit}".strip()


def target_text(ind, year: int) -> str:
    """The target of ``year`` with the unit of that year (`satuan_tahun`, else `satuan`): ``3 Dok``,
    ``100%``, ``64,6``; ``-`` without a target that year."""
    if ind is None or year not in ind.target:
        return "-"
    return value_text(ind.target[year], ind.unit(year))


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
