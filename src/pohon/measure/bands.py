"""Categories of capaian from a band table (``data/pengukuran.yaml`` ``kategori``, default
Permendagri 86/2017; a tree may declare its own in ``pengukuran.kategori``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from pohon.datafiles import data_yaml


@dataclass(frozen=True)
class Band:
    id: str  # name in Indonesian
    en: str
    min: Decimal | None  # inclusive lower bound; None for the last band
    warna: str  # fill colour for diagrams
    rank: int  # 0 = highest


@cache
def default_bands(name: str = "permendagri-86-2017") -> tuple[Band, ...]:
    table = data_yaml("pengukuran.yaml")["kategori"][name]
    return tuple(Band(b["id"], b["en"], None if b["min"] is None else Decimal(str(b["min"])), b["warna"], i)
                 for i, b in enumerate(table["pita"]))


def default_source() -> str:
    return data_yaml("pengukuran.yaml")["kategori"]["permendagri-86-2017"]["sumber"]


def category(value: Decimal | None, bands: tuple[Band, ...]) -> Band | None:
    """The first band (highest first) whose minimum ``value`` reaches; the last band takes the rest.

    With the default table and one decimal, 90,5 is "Tinggi" (it does not reach 91) and 50,9
    "Sangat rendah": the bands are read as printed (≥ 91, 76–90, …) with no gaps between them."""
    if value is None:
        return None
    for band in bands:
        if band.min is None or value >= band.min:
            return band
    return None


def find(name: str, bands: tuple[Band, ...]) -> Band | None:
    """The band a printed category names (case and spaces do not matter)."""
    key = " ".join(name.split()).casefold()
    for band in bands:
        if band.id.casefold() == key or band.en.casefold() == key:
            return band
    return None
