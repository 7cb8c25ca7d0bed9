"""pohon's own forms that do not carry the cascade (PK, SKP, IKU, capaian, anggaran, efisiensi,
monitoring): recognised from their title so that `pohon impor` says what the file is instead of
guessing a tree from it (I041).

A PK or SKP lists one position's targets, the IKU and the evaluation tables one row per sasaran
indicator: none of them writes the boxes' parents, codes or the boxes below the sasaran, so no
reader can rebuild the tree from them. The titles are the builders' own (data/messages.yaml,
``tabel_judul_<kind>``), in either language, as written in the title line or the form's own
upper-case heading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pohon.impor import cells
from pohon.impor.read import Book

KINDS = ("pk", "skp", "iku", "capaian", "anggaran", "efisiensi", "monitoring")
TITLE_ROWS = 8  # the title is among the first rows of a sheet


def _norm(s: str) -> str:
    s = re.sub(r"\([^)]*\)", " ", s.casefold())
    return " ".join(re.sub(r"[^\w ]+", " ", s).split())


@lru_cache(maxsize=1)
def _prefixes() -> tuple[tuple[str, str], ...]:
    from pohon.catalogue import t

    out = []
    for kind in KINDS:
        for lang in ("id", "en"):
            head = _norm(t(f"tabel_judul_{kind}", lang, year="\x00").split("\x00")[0])
            head = re.sub(r"\s*\btahun$", "", head).strip()
            if head:
                out.append((head, kind))
    return tuple(out)


def non_carrier(book: Book):
    """(kind, printed title, location) of the first sheet titled as a non-carrier form, or None."""
    for sheet in book.sheets:
        for r in range(min(TITLE_ROWS, len(sheet.rows))):
            for c, v in enumerate(sheet.rows[r]):
                s = cells.text(v)
                if not s:
                    continue
                found = _norm(s)
                for head, kind in _prefixes():
                    if found == head or found.startswith(head + " "):
                        return kind, s, sheet.at(r, c)
                break  # only a row's first text is its title
    return None
