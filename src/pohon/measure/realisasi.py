"""Realisation files per year (``realisasi-2024.yaml``), read with the tree's own reader (safe
size limit, exact positions) and merged into the loaded tree, so that every measurement, table
and diagram sees one tree. Problems are located diagnostics, never exceptions.

Format (docs/ukur.md)::

    realisasi: 1
    tahun: 2024
    kotak:
      S1:
        anggaran: 1.107.498.428
        anggaran_tw: [250.000.000, 300.000.000, 280.000.000, 277.498.428]
        indikator:
          1: {realisasi: 84,61, tw: [80, 82, 83, 84,61]}     # by number (1 = first) …
          Indeks Kesalehan Sosial: {realisasi: 84,61}          # … or by uraian

A value the tree already holds for the same year must be equal (U013); a box id that is not in
the tree (U001), an indicator that is not in the box (U002), a year outside the period (U003).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Location
from pohon.io import ReadError, read_limited
from pohon.loader.yamlsource import SourceMap, YamlProblem, excerpt, parse
from pohon.model import quick
from pohon.measure.quantity import is_unreadable, quantity
from pohon.model.values import format_number, shown

if TYPE_CHECKING:
    from pohon.model.schema import RealisasiBerkas

MAX_BYTES = 32 * 1024 * 1024
PATTERN = "realisasi-*.yaml"


@dataclass
class Loaded:
    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # (box id, field path in the tree's terms) → (source map, path) of where the figure was written
    # in a realisation file; located only for the few findings that need it (:meth:`where`)
    origin: dict[tuple, tuple] = field(default_factory=dict)

    def where(self, key: tuple) -> Location | None:
        found = self.origin.get(key)
        return found[0].locate(found[1]) if found is not None else None


def beside(tree_file: str | os.PathLike) -> list[Path]:
    """The realisation files next to a tree file (``realisasi-*.yaml``), sorted."""
    folder = Path(tree_file).parent
    try:
        return sorted(p for p in folder.glob(PATTERN) if p.is_file())
    except OSError:
        return []


def read(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> tuple[RealisasiBerkas | None, SourceMap, list[Diagnostic]]:
    name = str(path)
    try:
        raw = read_limited(path, max_bytes)
    except ReadError as exc:
        from pohon.loader.load import unreadable

        return None, SourceMap(None, name), [unreadable(exc, name, max_bytes)]
    from pohon.loader.load import decode_source  # the tree's own checks: UTF-16/32, NUL bytes, bad UTF-8 (F007)

    diags: list[Diagnostic] = []
    text = decode_source(raw, name, diags)
    if text is None:
        return None, SourceMap(None, name), diags
    return read_text(text, name)


def read_text(text: str, name: str) -> tuple[RealisasiBerkas | None, SourceMap, list[Diagnostic]]:
    from pohon.loader.load import validation_problems

    try:
        parsed = parse(text)
    except YamlProblem as p:
        return None, SourceMap(None, name), [diagnostic(p.code, Location(name, p.line, p.col), excerpt=p.excerpt, **p.params)]
    if parsed is None or not isinstance(parsed.data, dict):
        return None, SourceMap(None, name), [diagnostic("U012", Location(name, 1, 1))]
    source = SourceMap(parsed.table, name)
    diags = [diagnostic(p.code, Location(name, p.line, p.col), excerpt=excerpt(text, p.line, p.col), **p.params)
             for p in parsed.split_numbers + parsed.controls]
    if diags:
        return None, source, diags
    data = parsed.data
    if "realisasi" not in data or "tahun" not in data:
        return None, source, [diagnostic("U012", Location(name, 1, 1))]
    doc = quick.read(data, "realisasi")  # pydantic decides what the quick reader is not sure of
    if doc is None:
        from pydantic import ValidationError

        from pohon.model import schema
        try:
            doc = schema.RealisasiBerkas.model_validate(data)
        except ValidationError as exc:
            key_models = {"kotak": schema.RealisasiKotak, "indikator": schema.RealisasiIndikator,
                          "dilaporkan": schema.Dilaporkan}
            return None, source, validation_problems(exc, data, source, key_models, schema.RealisasiBerkas)
    return doc, source, []


def _indicator(node, key: str):
    k = key.strip()
    if k.isdigit():
        i = int(k) - 1
        return i if 0 <= i < len(node.indikator) else None
    folded = " ".join(k.split()).casefold()
    for i, ind in enumerate(node.indikator):
        if " ".join(ind.uraian.split()).casefold() == folded:
            return i
    return None


def merge(tree, files: list[Path]) -> Loaded:
    """Read each file and put its figures into ``tree`` (in place). Files in the order given."""
    out = Loaded()
    for path in files:
        doc, source, diags = read(path)
        out.files.append(str(path))
        out.diagnostics.extend(diags)
        if doc is not None:
            out.diagnostics.extend(_merge_one(tree, doc, source, out.origin))
    return out


def _merge_one(tree, doc: RealisasiBerkas, source: SourceMap, origin: dict) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    year = doc.tahun
    if year not in tree.years:
        return [diagnostic("U003", source.locate(("tahun",)), field=("tahun",), year=year, period=tree.doc.periode)]
    for box_id, entry in doc.kotak.items():
        node = tree.get(box_id)
        if node is None:
            out.append(diagnostic("U001", source.locate(("kotak", box_id), key=True), field=("kotak", box_id),
                                  node_id=shown(box_id)))
            continue
        data = node.data
        put = _Put(out, source, origin, node, year)
        if entry.anggaran is not None:
            put(("kotak", box_id, "anggaran"), ("realisasi_anggaran",), data.realisasi_anggaran, entry.anggaran)
        if entry.anggaran_tw:
            put(("kotak", box_id, "anggaran_tw"), ("realisasi_anggaran_tw",), data.realisasi_anggaran_tw, list(entry.anggaran_tw))
        if entry.dilaporkan is not None:
            data.dilaporkan.setdefault(year, entry.dilaporkan)
        for key, ri in entry.indikator.items():
            i = _indicator(node, key)
            if i is None:
                out.append(diagnostic("U002", source.locate(("kotak", box_id, "indikator", key), key=True),
                                      node=node.id, field=("kotak", box_id, "indikator", key), key=shown(key),
                                      n=len(node.indikator)))
                continue
            ind = node.indikator[i]
            base = ("kotak", box_id, "indikator", key)
            here = ("indikator", i)
            if ri.realisasi is not None:
                measurable = quantity(ind.target.get(year)) is not None
                if measurable and isinstance(ri.realisasi, str) and is_unreadable(ri.realisasi):
                    out.append(diagnostic("U004", source.locate(base + ("realisasi",)), node=node.id, field=base + ("realisasi",),
                                          indicator=ind.uraian, year=year, value=ri.realisasi))
                else:
                    put(base + ("realisasi",), here + ("realisasi",), ind.realisasi, ri.realisasi)
            if ri.tw:
                measurable = quantity(ind.target.get(year)) is not None
                bad = [k for k, v in enumerate(ri.tw) if measurable and isinstance(v, str) and is_unreadable(v)]
                for k in bad:
                    out.append(diagnostic("U004", source.locate(base + ("tw", k)), node=node.id, field=base + ("tw", k),
                                          indicator=ind.uraian, year=year, value=ri.tw[k]))
                if not bad:
                    put(base + ("tw",), here + ("realisasi_tw",), ind.realisasi_tw, list(ri.tw))
                    for k in range(len(ri.tw)):
                        origin[(node.id, here + ("realisasi_tw", str(year), k))] = (source, base + ("tw", k))
            if ri.dilaporkan is not None:
                ind.dilaporkan.setdefault(year, ri.dilaporkan)
    return out


class _Put:
    """Puts one figure of a file into the tree, unless the tree holds another for that year (U013)."""

    def __init__(self, out: list, source: SourceMap, origin: dict, node, year: int) -> None:
        self.out, self.source, self.origin, self.node, self.year = out, source, origin, node, year

    def __call__(self, path: tuple, tree_field: tuple, target: dict, value) -> None:
        old = target.get(self.year)
        if old is not None and old != value:
            self.out.append(diagnostic("U013", self.source.locate(path), node=self.node.id, field=path, year=self.year,
                                       here=_text(value), tree=_text(old)))
            return
        target[self.year] = value
        self.origin[(self.node.id, tree_field + (str(self.year),))] = (self.source, path)


def _text(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_text(x) for x in v) + "]"
    return format_number(v) if isinstance(v, (int, float)) else str(v)
