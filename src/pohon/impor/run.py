"""Importing one file: read it, find its layout, build the tree, write the YAML, check it.

:func:`import_file` never raises for what is in the file (every problem is a finding) and
returns an :class:`Outcome`: the YAML text (None when nothing could be built), the findings of
the import (reading, interpreting) and those of ``pohon check`` on the result, located at the
spreadsheet's cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Location
from pohon.errors import PohonError
from pohon.impor.detect import Found, by_hand, describe, locate, unused
from pohon.impor.draft import CellMap, Draft
from pohon.impor.layouts import NAMES, Options, module
from pohon.impor.read import Book, Limits, Sheet, read_book


@dataclass
class Outcome:
    file: str
    yaml: str | None = None
    findings: list[Diagnostic] = field(default_factory=list)  # of the import
    checked: list[Diagnostic] = field(default_factory=list)  # of `pohon check` on the result
    layout: str = ""
    sheet: str = ""
    columns: list[tuple[str, str]] = field(default_factory=list)
    unused: list[tuple[str, str]] = field(default_factory=list)
    boxes: int = 0
    draft: Draft | None = None


def detect(sheet: Sheet, layout: str | None, options: Options) -> Found | None:
    if options.kolom:
        if layout is None:
            raise PohonError("impor_kolom_perlu_tata_letak")
        return by_hand(sheet, layout, options.kolom, options.header_row)
    names = [layout] if layout else list(NAMES)
    best: Found | None = None
    for name in names:
        found = locate(sheet, name, module(name).COLUMNS)
        if found is not None and (best is None or _better(found, best)):
            best = found
    return best


def _better(a: Found, b: Found) -> bool:
    req_a = sum(1 for c in module(a.layout).COLUMNS if c.required)
    req_b = sum(1 for c in module(b.layout).COLUMNS if c.required)
    return (req_a, a.score) > (req_b, b.score)


def import_file(path: str | Path, layout: str | None = None, options: Options | None = None,
                sheet_name: str | None = None, lang: str = "id", limits: Limits = Limits()) -> Outcome:
    options = options or Options()
    name = str(path)
    out = Outcome(name)
    book = read_book(path, limits, sheet_name)
    out.findings.extend(book.findings)
    if book.fatal:
        return out
    if layout is None and not _is_isian(book):
        from pohon.impor.own import non_carrier

        form = non_carrier(book)
        if form is not None:  # pohon's own PK/SKP/IKU/evaluation form: no tree to read from it
            kind, title, at = form
            out.findings.append(diagnostic("I041", at, form=title, kind=kind))
            return out
    if layout == "isian" or (layout is None and _is_isian(book)):
        from pohon.impor.isian import read_isian

        draft = read_isian(book, lang)
        out.layout = "isian"
    else:
        draft = _import_sheet(book, layout, options, out)
        if draft is None:
            return out
    known = {id(d) for d in out.findings}
    out.findings.extend(d for d in draft.findings if id(d) not in known)
    out.draft = draft
    data, cells = draft.data(lang)
    out.boxes = getattr(draft, "count", 0) or len(draft.boxes)
    out.yaml = _yaml(data, draft, out, lang)
    out.checked = _check(out.yaml, name, cells)
    return out


def _is_isian(book: Book) -> bool:
    from pohon.impor.isian import is_isian

    return is_isian(book)


def _import_sheet(book: Book, layout: str | None, options: Options, out: Outcome) -> Draft | None:
    found: Found | None = None
    sheet: Sheet | None = None
    for s in book.sheets:
        f = detect(s, layout, options)
        if f is not None and (found is None or _better(f, found)):
            found, sheet = f, s
    if found is None or sheet is None:
        first = next((s for s in book.sheets if s.rows), book.sheets[0])
        heads = _first_headers(first)
        out.findings.append(diagnostic("I011", first.at(0, 0), headers=heads,
                                       layouts=", ".join(NAMES) if layout is None else layout))
        return None
    out.layout, out.sheet = found.layout, sheet.name
    out.columns, out.unused = describe(found), unused(found)
    draft = Draft(book.file, layout=found.layout)
    module(found.layout).build(sheet, found, draft, options)
    return draft


def _first_headers(sheet: Sheet) -> str:
    from pohon.impor.cells import text

    for row in sheet.rows[:30]:
        texts = list(dict.fromkeys(t for t in (text(v) for v in row) if t))
        if len(texts) >= 2:
            return "; ".join(x[:30] for x in texts[:8])
    return ""


def _yaml(data: dict, draft: Draft, out: Outcome, lang: str) -> str:
    from pohon.catalogue import t
    from pohon.impor.yamlout import dump

    header = [t("impor_kepala", lang, file=Path(out.file).name, layout=out.layout,
                sheet=out.sheet or "-")]
    return dump(data, header)


def _check(text: str, name: str, cells) -> list[Diagnostic]:
    from pohon.loader.load import load_text
    from pohon.rules import check_result

    loaded = load_text(text, name)
    if loaded.tree is None:  # the import wrote something the loader refuses: its findings, at the cells
        return [_relocated(d, CellMap(cells, name)) for d in loaded.diagnostics]
    loaded.source = CellMap(cells, name)
    return check_result(loaded)


def _relocated(d: Diagnostic, cmap: CellMap) -> Diagnostic:
    return d.replace(location=cmap.locate(("kinerja",)) if d.location.line else d.location)
