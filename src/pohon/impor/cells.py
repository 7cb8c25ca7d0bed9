"""One cell's value as pohon reads it: text, a target with its unit, a Rupiah amount, a code.

Each reader returns the value and what had to be interpreted (a :class:`Reading`), so that the
layout can note it; a value that cannot be read exactly is a problem, never a guess.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pohon.model.values import MixedValue, NumberOutOfRange, number_or_text, rupiah

_BLANK = {"", "-", "–", "—"}
_NUM_UNIT = re.compile(r"^\s*([-+]?[0-9][0-9.,]*)\s*(%|[^\d\s].*?)\s*$")
_SEVERAL = re.compile(r"[0-9]")
_RATE = re.compile(r"^per\s+[0-9][0-9.,]*\s+[^\d]+$", re.IGNORECASE)  # "per 10.000 penduduk": one unit
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Reading:
    value: Any = None  # int | float | str | Decimal | None
    unit: str | None = None
    split: bool = False  # "4 Keg" → 4 and "Keg"
    several: bool = False  # "1 Keg 2 Keg": kept as text
    bad: bool = False  # not readable as what was expected


def text(v: Any) -> str | None:
    """A cell as one line of text (inner runs of whitespace kept as one space), None when blank."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (_dt.datetime, _dt.date)):
        v = v.isoformat()
    s = _SPACES.sub(" ", str(v)).strip()
    return s or None


def multiline(v: Any) -> str | None:
    """A cell's text keeping its line breaks (actions, notes)."""
    if v is None:
        return None
    s = "\n".join(" ".join(line.split()) for line in str(v).strip().splitlines())
    return s or None


def blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() in _BLANK)


def target(v: Any) -> Reading:
    """A target or realisation: a number, a number with its unit ("4 Keg", "100%"), or text (a
    grade "BB"). Several numbers in one cell ("1 Keg 2 Keg") stay text, marked; a rate's unit
    holds its base ("47 per 10.000 penduduk": 47, unit "per 10.000 penduduk")."""
    if blank(v):
        return Reading()
    if isinstance(v, bool):
        return Reading(text(v))
    if isinstance(v, (int, float)):
        return Reading(int(v) if isinstance(v, float) and v.is_integer() else v)
    s = text(v) or ""
    try:
        return Reading(number_or_text(s), "%" if s.endswith("%") else None)
    except (MixedValue, NumberOutOfRange, ValueError):
        pass
    m = _NUM_UNIT.match(s)
    if m and (not _SEVERAL.search(m.group(2)) or _RATE.match(m.group(2))):
        try:
            num = number_or_text(m.group(1))
        except (MixedValue, NumberOutOfRange, ValueError):
            num = None
        if isinstance(num, (int, float)):
            return Reading(num, m.group(2).strip(), split=m.group(2) != "%")
    if re.match(r"^\s*[0-9]", s) and re.search(r"[0-9][^0-9]+[0-9]", s):
        return Reading(s, several=True)
    return Reading(s)


def money(v: Any) -> Reading:
    """A Rupiah amount: 2675203565, "2,675,203,565", "Rp 10.154.864.976,00"; blank or "-" is none."""
    if blank(v):
        return Reading()
    if isinstance(v, bool):
        return Reading(bad=True, value=text(v))
    if isinstance(v, int):
        return Reading(Decimal(v))
    if isinstance(v, float):
        return Reading(Decimal(repr(v)) if v == v and abs(v) < 1e18 else None, bad=not (v == v and abs(v) < 1e18))
    s = text(v) or ""
    try:
        num = rupiah(s)
    except NumberOutOfRange:
        num = None
    if num is None:
        return Reading(s, bad=True)
    return Reading(num)


_CODE_PART = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def code_part(v: Any) -> str | None:
    """One code column as printed ("05", "2.01", 8): text, keeping leading zeros."""
    if blank(v):
        return None
    if isinstance(v, float):
        # Excel turned "2.01" into 2.01 and "05" into 5: the text is what was meant, as far as it goes
        return f"{v:.2f}" if not v.is_integer() else str(int(v))
    return text(v)


def join_code(parts: list[str | None]) -> str | None:
    """Code columns joined with dots: ("1", "05", "01", "2.01", "01") → 1.05.01.2.01.01."""
    got = [p.strip().strip(".") for p in parts if p]
    return ".".join(got) if got else None


def is_code(s: str | None) -> bool:
    return bool(s) and bool(_CODE_PART.match(s))  # type: ignore[arg-type]


def plain(value: Any) -> Any:
    """A value as it goes into the tree data: Decimal → int (whole) or float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
