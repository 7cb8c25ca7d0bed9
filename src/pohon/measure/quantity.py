"""A target or realisation as an exact quantity: a :class:`~decimal.Decimal`, or a SAKIP grade
("BB (75,3)", "BB") with its rank from ``data/pengukuran.yaml`` (``predikat``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from pohon.datafiles import data_yaml
from pohon.model.values import parse_number

_GRADE = re.compile(r"^\s*([A-Za-z]{1,3})\s*(?:\(\s*([-+]?[0-9.,]+)\s*\))?\s*$")


@dataclass(frozen=True)
class GradeBand:
    nama: str
    rank: int
    low: Decimal  # exclusive, except for the lowest grade
    high: Decimal  # inclusive


@dataclass(frozen=True)
class Grade:
    """A grade letter (by rank) with its score when written: ``BB (75,3)``."""

    nama: str
    rank: int
    score: Decimal | None

    @property
    def band(self) -> GradeBand:
        return grade_table()[self.nama]


@cache
def grade_table() -> dict[str, GradeBand]:
    rows = data_yaml("pengukuran.yaml")["predikat"]
    return {r["nama"]: GradeBand(r["nama"], int(r["peringkat"]), Decimal(str(r["min"])), Decimal(str(r["max"])))
            for r in rows}


def grade_of_score(score: Decimal) -> GradeBand | None:
    """The grade whose range holds ``score`` (min < score ≤ max; the lowest includes its min)."""
    bands = sorted(grade_table().values(), key=lambda b: b.rank)
    for b in bands:
        if (b.low < score or (b is bands[0] and score >= b.low)) and score <= b.high:
            return b
    return None


def grade_fits(g: Grade) -> bool:
    """Whether a grade's written score lies in its letter's range (no score: nothing to check)."""
    if g.score is None:
        return True
    found = grade_of_score(g.score)
    return found is not None and found.nama == g.nama


def as_decimal(value) -> Decimal | None:
    """A number exactly (floats through their shortest text, which is what the file said)."""
    cls = value.__class__
    if cls is int:
        return _int(value)
    if cls is float:
        return _float(value)
    if cls is Decimal:
        return value
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


@lru_cache(maxsize=8192)
def _int(value: int) -> Decimal:
    return Decimal(value)


@lru_cache(maxsize=8192)
def _float(value: float) -> Decimal:
    return Decimal(repr(value))


def quantity(value) -> Decimal | Grade | None:
    """A value as a number or a grade; None for a missing value or text that is neither."""
    num = as_decimal(value)
    if num is not None:
        return num
    if isinstance(value, str):
        return _text_quantity(value)
    return None


@lru_cache(maxsize=4096)
def _text_quantity(value: str) -> Decimal | Grade | None:
    m = _GRADE.match(value)
    if m:
        nama = m.group(1).upper()
        table = grade_table()
        if nama in table:
            score = parse_number(m.group(2)) if m.group(2) else None
            return Grade(nama, table[nama].rank, score)
    try:
        return parse_number(value)
    except ValueError:
        return None


def is_unreadable(value) -> bool:
    """A written value that is neither a number nor a grade (text where a number is needed)."""
    return value is not None and quantity(value) is None
