"""One module per spreadsheet layout. Each defines ``NAME``, ``COLUMNS`` (:class:`~pohon.impor.detect.Col`)
and ``build(sheet, found, draft, options)`` filling a :class:`~pohon.impor.draft.Draft`.

- ``matriks`` (cascade/translation matrix, source 003): rows with a level, parents from row order;
- ``rencana-aksi`` (source 004): Tujuan … Sub Kegiatan with quarterly targets, actions, budget;
- ``renja`` (Tabel T-C.33, source 000): codes, hierarchy from the code, yearly targets and pagu;
- ``renstra`` (Tabel T-C.27 as pohon writes it): Tujuan, Sasaran, then coded rows read as in the Renja;
- ``isian``: the fill-in workbook of ``pohon templat`` (several sheets, read as a whole).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache

NAMES = ("matriks", "rencana-aksi", "renja", "renstra")


@dataclass
class Options:
    year: int | None = None
    periode: str | None = None
    organisasi: str | None = None
    kolom: dict[str, list[int]] | None = None
    header_row: int | None = None
    extra: dict = field(default_factory=dict)


@cache
def module(name: str):
    return importlib.import_module(f"pohon.impor.layouts.{name.replace('-', '_')}")
