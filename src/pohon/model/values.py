"""Values as Indonesian planners type them: numbers, Rupiah, years and periods."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

_RP = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_PERCENT = re.compile(r"\s*%$")
_DIGIT = re.compile(r"\d")
_NUMBER_TEXT = re.compile(r"[-+]?[0-9.,]+")
# a grade with its score, as LKjIP tables print them: "BB (75,3)", "A (90)"
_GRADE = re.compile(r"^[A-Za-z]{1,3}[+-]?\s*\(\s*[-+]?[0-9.,]+\s*\)$")
_THOUSANDS_DOT = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{3})+$")
_THOUSANDS_COMMA = re.compile(r"^-?[0-9]{1,3}(,[0-9]{3}){2,}$")
_PERIOD = re.compile(r"^\s*([0-9]{4})\s*[-–—/]\s*([0-9]{4})\s*$")
_YEAR = re.compile(r"[0-9]{4}")

# What a budget or a target can be: at most 18 digits before the decimal mark (a quintillion
# Rupiah) and 6 after. A fraction is kept as a float, so it has at most 15 significant digits
# (a float holds those exactly). Beyond, a number is an error, never a rounded guess.
MAX_WHOLE_DIGITS = 18
MAX_FRACTION_DIGITS = 6
MAX_FLOAT_DIGITS = 15
FIRST_YEAR, LAST_YEAR = 1900, 2200

# Characters that must never reach a renderer or a terminal from user text: C0 controls except
# tab and the line breaks (LF, CR), DEL, C1 controls, lone surrogates, the non-characters
# U+FFFE/U+FFFF and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


class NumberOutOfRange(ValueError):
    """A number beyond what a budget or target can be (see ``MAX_WHOLE_DIGITS``)."""

    def __init__(self, text: str, too_precise: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.too_precise = too_precise


def checked(num: Decimal, text: str = "") -> Decimal:
    """``num`` when it is within what a budget or target can be; else :class:`NumberOutOfRange`."""
    if not num.is_finite():
        raise NumberOutOfRange(text or str(num))
    _, digits, exponent = num.as_tuple()
    whole = len(digits) + exponent  # digits before the decimal mark (leading zeros are not kept)
    if whole > MAX_WHOLE_DIGITS or -exponent > MAX_FRACTION_DIGITS:
        raise NumberOutOfRange(text or str(num))
    return num


def parse_number(text: str) -> Decimal | None:
    """Parse a number written the Indonesian way (or the international way).

    ``1.500.000`` → 1500000, ``12,5`` → 12.5, ``Rp 10.154.864.976,00`` → 10154864976.00,
    ``2,675,203,565`` (as printed in Renja tables) → 2675203565, ``12.5`` → 12.5, ``75%`` → 75.
    Returns None when ``text`` is not one number: ``4 5`` (an inner space), ``12 Dokumen`` and
    ``1.2.3`` are not read at all rather than read wrongly. Digits are ASCII digits. A number
    beyond :data:`MAX_WHOLE_DIGITS`/:data:`MAX_FRACTION_DIGITS` raises :class:`NumberOutOfRange`.
    """
    s = _PERCENT.sub("", _RP.sub("", text.strip()))
    if not s or not _NUMBER_TEXT.fullmatch(s) or not re.search(r"[0-9]", s):
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
        num = Decimal(s)
    except InvalidOperation:
        return None
    return checked(num, text.strip())


class MixedValue(ValueError):
    """Text holding digits that is not one number (``4 5``, ``12 Dokumen``): never guessed."""


def number_or_text(value: object) -> int | float | str:
    """A target/realisation value: a number where it parses, else text without digits (e.g. "BB")
    or a grade with its score ("BB (75,3)"). Anything else with digits raises :class:`MixedValue`;
    a number beyond what a target can be raises :class:`NumberOutOfRange`."""
    if isinstance(value, bool):
        raise ValueError("boolean is not a value")
    if isinstance(value, int):
        return int(checked(Decimal(value)))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberOutOfRange(str(value))
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        return _number(checked(value), str(value))
    text = str(value).strip()
    if len(text) <= MAX_WHOLE_DIGITS and text.isascii() and text.isdigit():
        return int(text)  # the common case ("2024", "95"): same result, 5× faster
    num = parse_number(text)
    if num is None:
        if not text:
            raise ValueError("empty")
        if _DIGIT.search(text) and not _GRADE.match(text):
            raise MixedValue(text)
        return text
    return _number(num, text)


def _number(num: Decimal, text: str) -> int | float:
    if num == num.to_integral_value():
        return int(num)
    if len(num.normalize().as_tuple().digits) > MAX_FLOAT_DIGITS:
        raise NumberOutOfRange(text, too_precise=True)
    return float(num)


def rupiah(value: object) -> Decimal | None:
    """An amount of Rupiah (exact, a Decimal), or None when ``value`` is not one number.
    Raises :class:`NumberOutOfRange` beyond what a budget can be."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return checked(Decimal(value))
    if isinstance(value, Decimal):
        return checked(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberOutOfRange(str(value))
        return checked(Decimal(repr(value)))
    return parse_number(str(value))


def parse_year(value: object) -> int | None:
    """A year: exactly four ASCII digits (or an int) from 1900 to 2200; else None.
    ``02024``, ``2_024``, ``+2024`` and `` 2024`` are not years (``int()`` would read them all)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        year = value
    elif isinstance(value, str) and _YEAR.fullmatch(value):
        year = int(value)
    else:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def is_year_text(value: object) -> bool:
    return isinstance(value, str) and _YEAR.fullmatch(value) is not None


def parse_period(text: str) -> tuple[int, int] | None:
    """``2021-2026`` → (2021, 2026): two years of four ASCII digits, the first not after the
    second; else None. (How long a period may be is a rule's matter: M014, M015.)"""
    m = _PERIOD.match(str(text))
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if start <= end else None


def format_rupiah(amount: int | float | Decimal, prefix: str = "Rp ") -> str:
    """``4497496565`` → ``Rp 4.497.496.565`` (dot thousands, comma decimals)."""
    from decimal import ROUND_HALF_UP

    d = Decimal(str(amount))
    cents = abs(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # sen, rounded once
    whole, frac = divmod(cents, 1)
    text = ("-" if d < 0 and cents else "") + f"{int(whole):,}".replace(",", ".")
    if frac:
        text += "," + f"{int(frac * 100):02d}"
    return prefix + text


def decimal_text(d: Decimal) -> str:
    """A finite Decimal with every decimal it carries, dot thousands and a decimal comma, exact
    at any size: ``94.70`` → ``94,70``, ``-1.66`` → ``-1,66``, ``66348353265`` → ``66.348.353.265``
    (no context rounding: ``copy_abs`` and ``format`` keep every digit)."""
    text = format(d.copy_abs(), ",f")
    return ("-" if d < 0 else "") + text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_number(value: int | float | Decimal | str) -> str:
    """Indonesian display of a number, every decimal as written: ``12.5`` → ``12,5``; ``1500`` →
    ``1.500``; ``0.125`` → ``0,125``; a whole float without its ``,0`` (``3.0`` → ``3``)."""
    if isinstance(value, str):
        return value
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        return str(value)
    if isinstance(value, float) and value.is_integer():
        d = d.to_integral_value()
    return decimal_text(d)


_SHOWN_TABS = re.compile(CONTROL_CHARACTERS.pattern.replace(r"\x0b", r"\x09\x0b"))
# in a one-line message, the line breaks too
_SHOWN_IN_LINE = re.compile(CONTROL_CHARACTERS.pattern.replace(r"\x00-\x08\x0b\x0c\x0e-\x1f", r"\x00-\x1f"))
MAX_SHOWN = 80  # characters of a user's text quoted in a message


def visible(text: str, tabs: bool = False) -> str:
    """``text`` with each control character (and, with ``tabs``, each tab) replaced by one visible
    symbol: ␇ for BEL, ␛ for ESC (the Control Pictures block), ␡ for DEL, � for the others."""
    from pohon.textsafe import picture

    return (_SHOWN_TABS if tabs else CONTROL_CHARACTERS).sub(picture, text)


def shown(text: str, width: int = MAX_SHOWN) -> str:
    """A user's text as a message quotes it, on one line: at most ``width`` characters, control
    characters (tabs and line breaks too) visible."""
    from pohon.textsafe import clip, picture

    return clip(_SHOWN_IN_LINE.sub(picture, text), width)
