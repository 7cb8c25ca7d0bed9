"""Values as Indonesian planners type them: numbers, Rupiah, years and periods."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_RP = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_PERCENT = re.compile(r"\s*%$")
_DIGIT = re.compile(r"\d")
# a grade with its score, as LKjIP tables print them: "BB (75,3)", "A (90)"
_GRADE = re.compile(r"^[A-Za-z]{1,3}[+-]?\s*\(\s*[-+]?[\d.,]+\s*\)$")
_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3}){2,}$")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–—/]\s*(\d{4})\s*$")


def parse_number(text: str) -> Decimal | None:
    """Parse a number written the Indonesian way (or the international way).

    ``1.500.000`` → 1500000, ``12,5`` → 12.5, ``Rp 10.154.864.976,00`` → 10154864976.00,
    ``2,675,203,565`` (as printed in Renja tables) → 2675203565, ``12.5`` → 12.5, ``75%`` → 75.
    Returns None when ``text`` is not one number: ``4 5`` (an inner space), ``12 Dokumen`` and
    ``1.2.3`` are not read at all rather than read wrongly.
    """
    s = _PERCENT.sub("", _RP.sub("", text.strip()))
    if not s or not re.fullmatch(r"[-+]?[\d.,]+", s) or not re.search(r"\d", s):
        return None
    if "," in s and "." in s:
        # whichever separator comes last is the decimal mark
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        s = s.replace(",", "") if _THOUSANDS_COMMA.match(s) else s.replace(",", ".")
    elif _THOUSANDS_DOT.match(s) and s.count(".") >= 2:
        s = s.replace(".", "")
    elif _THOUSANDS_DOT.match(s) and not s.lstrip("-").startswith("0"):
        # "1.500": Indonesian thousands. "0.500" stays a decimal fraction.
        s = s.replace(".", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


class MixedValue(ValueError):
    """Text holding digits that is not one number (``4 5``, ``12 Dokumen``): never guessed."""


def number_or_text(value: object) -> int | float | str:
    """A target/realisation value: a number where it parses, else text without digits (e.g. "BB")
    or a grade with its score ("BB (75,3)"). Anything else with digits raises :class:`MixedValue`."""
    if isinstance(value, bool):
        raise ValueError("boolean is not a value")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    text = str(value).strip()
    if text.isascii() and text.isdigit():  # the common case ("2024", "95"): same result, 5× faster
        return int(text)
    num = parse_number(text)
    if num is None:
        if not text:
            raise ValueError("empty")
        if _DIGIT.search(text) and not _GRADE.match(text):
            raise MixedValue(text)
        return text
    return int(num) if num == num.to_integral_value() else float(num)


def parse_period(text: str) -> tuple[int, int] | None:
    m = _PERIOD.match(str(text))
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if start <= end else None


def format_rupiah(amount: int | float | Decimal, prefix: str = "Rp ") -> str:
    """``4497496565`` → ``Rp 4.497.496.565`` (dot thousands, comma decimals)."""
    d = Decimal(str(amount))
    whole = int(d)
    frac = abs(d - whole)
    text = f"{whole:,}".replace(",", ".")
    if frac:
        text += "," + f"{frac:.2f}"[2:]
    return prefix + text


def format_number(value: int | float | str) -> str:
    """Indonesian display of a number: ``12.5`` → ``12,5``; ``1500`` → ``1.500``."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
