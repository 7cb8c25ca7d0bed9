"""Which layout a sheet has and where its columns are, from the header rows.

Each layout declares its columns (:class:`Col`: a field name and the header words that name it).
Headers may take up to three rows (a merged "Rencana Tahun 2022" over "Target" and "Pagu"): the
text of a column is the words of those rows together. The layout whose required columns are all
found, with the most columns found, wins; ``--kolom uraian=C,indikator=D`` maps columns by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pohon.impor.cells import text
from pohon.impor.read import Sheet, col_index, col_letter

HEADER_SCAN = 30  # header rows are looked for among the first rows
_PUNCT = re.compile(r"[^\w%/ ]+")


@dataclass(frozen=True)
class Col:
    field: str
    pattern: str  # regular expression searched in the column's header words (lower case)
    required: bool = False
    many: bool = False  # the field may take several columns (quarters, code parts, years)
    avoid: str = ""  # a header matching this is not this column


@dataclass
class Found:
    """The columns of one layout in one sheet."""

    layout: str
    header_row: int  # 0-based, the first header row
    depth: int  # header rows
    columns: dict[str, list[int]] = field(default_factory=dict)  # field → column indexes
    headers: dict[int, str] = field(default_factory=dict)  # column → its header words

    @property
    def data_start(self) -> int:
        return self.header_row + self.depth

    def col(self, name: str) -> int | None:
        cols = self.columns.get(name)
        return cols[0] if cols else None

    @property
    def score(self) -> int:
        return sum(len(v) for v in self.columns.values())


def words(v) -> str:
    s = text(v) or ""
    return " ".join(_PUNCT.sub(" ", s.casefold()).split())


def header_words(sheet: Sheet, row: int, depth: int) -> dict[int, str]:
    out: dict[int, str] = {}
    width = max((len(sheet.rows[r]) for r in range(row, min(row + depth, len(sheet.rows)))), default=0)
    for c in range(width):
        parts: list[str] = []
        for r in range(row, min(row + depth, len(sheet.rows))):
            w = words(sheet.value(r, c))
            if w and w not in parts:
                parts.append(w)
        if parts:
            out[c] = " ".join(parts)
    return out


def match(cols: tuple[Col, ...], headers: dict[int, str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    taken: set[int] = set()
    for col in cols:
        rx = re.compile(col.pattern)
        avoid = re.compile(col.avoid) if col.avoid else None
        for c, h in sorted(headers.items()):
            if c in taken or not rx.search(h) or (avoid is not None and avoid.search(h)):
                continue
            found.setdefault(col.field, []).append(c)
            taken.add(c)
            if not col.many:
                break
    return found


def locate(sheet: Sheet, layout: str, cols: tuple[Col, ...]) -> Found | None:
    """The best header rows of ``layout`` in ``sheet``, None when its required columns are not there."""
    best: Found | None = None
    required = {c.field for c in cols if c.required}
    for row in range(min(HEADER_SCAN, len(sheet.rows))):
        if sum(1 for v in sheet.rows[row] if v is not None) < 2 and not any(
                (row, c) in sheet.merged for c in range(len(sheet.rows[row]))):
            continue  # a title line, not a header
        for depth in (1, 2, 3):
            headers = header_words(sheet, row, depth)
            found = match(cols, headers)
            if not required <= set(found):
                continue
            cand = Found(layout, row, depth, found, headers)
            if best is None or cand.score > best.score or (cand.score == best.score and cand.depth < best.depth
                                                            and cand.header_row == best.header_row):
                best = cand
    return best


_MAP = re.compile(r"^\s*([a-z_0-9]+)\s*=\s*([A-Za-z]{1,3})\s*$")


def parse_kolom(spec: str) -> dict[str, list[int]] | None:
    """``uraian=C,indikator=D,tw=M,tw=N`` → {"uraian": [2], "indikator": [3], "tw": [12, 13]};
    None when the text is not of that form."""
    out: dict[str, list[int]] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        m = _MAP.match(part)
        if not m:
            return None
        out.setdefault(m.group(1).lower(), []).append(col_index(m.group(2)))
    return out or None


def by_hand(sheet: Sheet, layout: str, mapping: dict[str, list[int]], header_row: int | None) -> Found:
    """Columns named with ``--kolom``: the header is the first row holding text in them (or none)."""
    row = header_row if header_row is not None else 0
    if header_row is None:
        first = min(c for cols in mapping.values() for c in cols)
        for r in range(min(HEADER_SCAN, len(sheet.rows))):
            v = sheet.value(r, first)
            if v is not None and not isinstance(v, (int, float)):
                row = r
                break
    headers = header_words(sheet, row, 1)
    return Found(layout, row, 1, mapping, headers)


def describe(found: Found) -> list[tuple[str, str]]:
    """(field, column letters) for the summary, in column order."""
    out = []
    for name, cols in sorted(found.columns.items(), key=lambda kv: kv[1][0]):
        out.append((name, ",".join(col_letter(c) for c in cols)))
    return out


def unused(found: Found) -> list[tuple[str, str]]:
    used = {c for cols in found.columns.values() for c in cols}
    return [(col_letter(c), h) for c, h in sorted(found.headers.items()) if c not in used]
