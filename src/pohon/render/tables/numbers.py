"""Numbers as the tables show them: Indonesian grouping, the sign always kept, any size.

The writers receive whatever the tree holds (``int``, ``float``, ``Decimal``), so nothing here
may fail on a huge, tiny or non-finite number: ``-0,50`` stays negative, a 310-digit number is
written digit for digit, and a spreadsheet gets a number only when it can hold it exactly
(:func:`spreadsheet_number`; otherwise the writer writes the text).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from pohon.model.values import decimal_text

EXCEL_DIGITS = 15  # significant digits a spreadsheet keeps (IEEE double as Excel shows it)
_CENT = Decimal("0.01")


def to_decimal(value) -> Decimal:
    """The exact value of an int, float or Decimal (a float's binary value, as Python prints it)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(value)  # int: exact at any size; float: exact binary value (inf → Infinity)


def _exact(d: Decimal, places: int = 2):
    """A decimal context where arithmetic on ``d`` (to ``places`` decimals) is exact, at any size."""
    prec = max(28, len(d.as_tuple().digits) + places + 2, d.adjusted() + places + 3) if d.is_finite() else 28
    return localcontext(prec=prec)


def rounded(d: Decimal, places: int = 2) -> Decimal:
    """``d`` rounded to ``places`` decimals (half to even, as Python rounds), at any size."""
    with _exact(d, places):
        return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _integral(d: Decimal) -> Decimal | None:
    """``d`` as a whole number when it is one (exactly, at any size), else None."""
    with _exact(d, 0):
        whole = d.to_integral_value()
        return whole if whole == d else None


def plain_text(value, decimal_mark: str = ".") -> str:
    """Every digit, no grouping (CSV): ``-0.5``, ``4497496565``, a 310-digit number in full; a
    float as Python prints it (``2.675``)."""
    d = Decimal(repr(value)) if isinstance(value, float) else to_decimal(value)
    if not d.is_finite():
        return _nonfinite(d)
    whole = _integral(d)
    with _exact(d, 0):
        text = format(whole if whole is not None else d.normalize(), "f")
    return text.replace(".", decimal_mark)


def _nonfinite(d: Decimal) -> str:
    if d.is_nan():
        return "NaN"
    return "-∞" if d.is_signed() else "∞"


def _grouped(d: Decimal, places: int, strip: bool) -> str:
    """``abs(d)`` rounded to ``places`` with dot thousands and a decimal comma."""
    d = rounded(d.copy_abs(), places) if places else d.copy_abs()
    text = format(d, ",f")
    if "." in text and strip:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def rupiah_text(amount, prefix: str = "Rp ") -> str:
    """``4497496565`` → ``Rp 4.497.496.565``; ``-0.5`` → ``Rp -0,50`` (cents only when there are any)."""
    d = to_decimal(amount)
    if not d.is_finite():
        return prefix + _nonfinite(d)
    d = rounded(d)
    whole = _integral(d)
    text = _grouped(whole if whole is not None else d, 0 if whole is not None else 2, strip=False)
    negative = d < 0 and text.strip("0.,") != ""
    return prefix + ("-" if negative else "") + text


def number_text(value) -> str:
    """``12.5`` → ``12,5``; ``1500`` → ``1.500``; ``0.125`` → ``0,125``: every decimal the value
    has, never rounded here (a float as Python prints it; a Decimal with the places it carries, so
    a capaian rounded to two places shows ``94,20``); text stays as it is."""
    if isinstance(value, str):
        return value
    d = Decimal(repr(value)) if isinstance(value, float) else to_decimal(value)
    return decimal_text(d) if d.is_finite() else _nonfinite(d)


def places_of(value) -> int:
    """How many decimals :func:`number_text` shows for ``value`` (0 for a whole number)."""
    d = Decimal(repr(value)) if isinstance(value, float) else to_decimal(value)
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def spreadsheet_number(value) -> float | None:
    """``value`` as a float a spreadsheet holds exactly as written (finite, at most 15 significant
    digits and below 10^15), else None: the writer then writes the number as text."""
    try:  # a float as Python prints it (0.1, not its 55-digit binary value)
        d = Decimal(repr(value)) if isinstance(value, float) else to_decimal(value)
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not d.is_finite():
        return None
    if d.is_zero():
        return 0.0
    with _exact(d, 0):
        digits = d.normalize().as_tuple().digits
    if len(digits) > EXCEL_DIGITS or d.adjusted() >= EXCEL_DIGITS:
        return None
    return float(d)
