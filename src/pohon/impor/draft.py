"""The tree being imported: boxes in reading order, each with where it came from and the notes
on what had to be interpreted. :meth:`Draft.data` gives the tree file's data (nested under
``cabang:``, keys in the schema's order) and the cell every value came from, so that
``pohon check`` findings on the result can point at the spreadsheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Location


@dataclass
class Indicator:
    fields: dict[str, Any] = field(default_factory=dict)  # uraian, satuan, target {year: v}, …
    at: Location | None = None
    cells: dict[tuple, Location] = field(default_factory=dict)  # field path → cell
    notes: list[Diagnostic] = field(default_factory=list)


@dataclass
class Box:
    id: str
    uraian: str
    at: Location
    fields: dict[str, Any] = field(default_factory=dict)  # peran, kode, komponen, pagu, …
    parent: str | None = None
    indikator: list[Indicator] = field(default_factory=list)
    cells: dict[tuple, Location] = field(default_factory=dict)
    notes: list[Diagnostic] = field(default_factory=list)


@dataclass
class Draft:
    file: str
    top: dict[str, Any] = field(default_factory=dict)  # organisasi, periode, catatan …
    boxes: list[Box] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)  # every note and problem, in order
    layout: str = ""

    def box(self, box_id: str) -> Box | None:
        return self._index().get(box_id)

    def _index(self) -> dict[str, Box]:
        idx = self.__dict__.get("_idx")
        if idx is None or self.__dict__.get("_idx_n") != len(self.boxes):
            idx = {}
            for b in self.boxes:
                idx.setdefault(b.id, b)
            self.__dict__["_idx"], self.__dict__["_idx_n"] = idx, len(self.boxes)
        return idx

    def add(self, box: Box) -> Box:
        idx = self._index()
        self.boxes.append(box)
        idx.setdefault(box.id, box)
        self.__dict__["_idx_n"] = len(self.boxes)
        return box

    def unique_id(self, wanted: str) -> str:
        idx = self._index()
        if wanted not in idx:
            return wanted
        n = 2
        while f"{wanted}-{n}" in idx:
            n += 1
        return f"{wanted}-{n}"

    def problem(self, code: str, at: Location, **params) -> Diagnostic:
        d = diagnostic(code, at, **params)
        self.findings.append(d)
        return d

    def note(self, code: str, at: Location, on: Box | Indicator | None = None, **params) -> Diagnostic:
        """An interpreted value: a finding for the summary, and a line in the `catatan` of ``on``."""
        node = None
        if isinstance(on, Box):
            node = on.id
        d = diagnostic(code, at, node=node, **params)
        self.findings.append(d)
        if on is not None:
            on.notes.append(d)
        return d

    # -- the tree file's data ---------------------------------------------------------------
    def data(self, lang: str = "id") -> tuple[dict, dict[tuple, Location]]:
        from pohon.impor.order import ordered

        cells: dict[tuple, Location] = {}
        children: dict[str | None, list[Box]] = {}
        known = self._index()
        for b in self.boxes:
            parent = b.parent if b.parent in known else None
            children.setdefault(parent, []).append(b)

        def node(b: Box, path: tuple) -> dict:
            out: dict[str, Any] = {"id": b.id, "uraian": b.uraian, **b.fields}
            if b.parent is not None and b.parent not in known:
                out["induk"] = b.parent
            cells[path] = b.at
            for k, loc in b.cells.items():
                cells[path + k] = loc
            inds = []
            for j, ind in enumerate(b.indikator):
                d = dict(ind.fields)
                if ind.notes:
                    d["catatan"] = _join(d.get("catatan"), ind.notes, lang)
                inds.append(d)
                if ind.at is not None:
                    cells[path + ("indikator", j)] = ind.at
                for k, loc in ind.cells.items():
                    cells[path + ("indikator", j) + k] = loc
            if inds:
                out["indikator"] = inds
            if b.notes:
                out["catatan"] = _join(out.get("catatan"), b.notes, lang)
            kids = children.get(b.id, [])
            if kids:
                out["cabang"] = [node(k, path + ("cabang", i)) for i, k in enumerate(kids)]
            return out

        data = {"pohon": 1, **self.top,
                "kinerja": [node(b, ("kinerja", i)) for i, b in enumerate(children.get(None, []))]}
        return ordered(data), cells


def _join(existing: str | None, notes: list[Diagnostic], lang: str) -> str:
    from pohon.catalogue import t

    lines = [existing] if existing else []
    seen: set[str] = set()
    for d in notes:
        text = t("impor_catatan", lang, cell=d.location.cell, message=d.message(lang))
        if text not in seen:
            seen.add(text)
            lines.append(text)
    return "\n".join(lines)


class CellMap:
    """A source map for the rules: the cell each data path came from (the nearest one above)."""

    def __init__(self, cells: dict[tuple, Location], file: str) -> None:
        self.cells, self.file = cells, file

    def locate(self, path: tuple, key: bool = False) -> Location:
        path = tuple(path)
        while path:
            loc = self.cells.get(path)
            if loc is not None:
                return loc
            path = path[:-1]
        return Location(self.file, sheet="", cell="A1")

    def key(self, path: tuple) -> tuple[int, int]:
        return (0, 0)

    def value(self, path: tuple) -> tuple[int, int]:
        return (0, 0)
