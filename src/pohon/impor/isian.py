"""Reading back the fill-in workbook of `pohon templat` (placeholder until written)."""

from __future__ import annotations


def is_isian(book) -> bool:
    return any(s.name == "Kotak" for s in book.sheets) and any(s.name == "Petunjuk" for s in book.sheets)
