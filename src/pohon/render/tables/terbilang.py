"""Numbers in Indonesian words (*terbilang*), as written under budget totals.

``4497496565`` → "empat miliar empat ratus sembilan puluh tujuh juta empat ratus sembilan puluh
enam ribu lima ratus enam puluh lima rupiah". Rules: "se-" for one of a unit (sepuluh, sebelas,
seratus, seribu, but "satu juta"), "belas" for 11–19. A negative amount is "minus …" (also below
one rupiah: ``-0.50`` → "minus nol rupiah lima puluh sen"); an amount of more than 36 digits,
beyond any budget, is written in grouped digits rather than in words.
"""

from __future__ import annotations

from decimal import Decimal

_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")]


def _below_1000(n: int) -> str:
    words = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_ONES[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [_ONES[rest - 10], "belas"]
    elif rest >= 20:
        tens, ones = divmod(rest, 10)
        words += [_ONES[tens], "puluh"]
        if ones:
            words.append(_ONES[ones])
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


def _below_1000000(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    words = []
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words += [_below_1000(thousands), "ribu"]
    if rest:
        words.append(_below_1000(rest))
    return " ".join(words)


WORDS_BELOW = 10**36  # "triliun triliun triliun": beyond it, digits


def terbilang_int(n: int) -> str:
    if abs(n) >= WORDS_BELOW:
        return _digits(n)
    if n == 0:
        return "nol"
    if n < 0:
        return "minus " + terbilang_int(-n)
    words = []
    for scale, name in _SCALES:
        if n >= scale:
            count, n = divmod(n, scale)
            words += [terbilang_int(count), name]
    if n:
        words.append(_below_1000000(n))
    return " ".join(words)


def _digits(n: int | Decimal) -> str:
    return format(Decimal(n), ",f").replace(",", ".")


def terbilang(amount: int | Decimal, currency: str = "rupiah") -> str:
    """Amount in words; sen (cents, rounded) are added when the amount has a fraction."""
    from pohon.render.tables.numbers import rounded, to_decimal

    d = to_decimal(amount)
    if not d.is_finite():
        return str(d)
    exact = rounded(d.copy_abs())
    whole = int(exact)
    cents = int((exact - whole) * 100)
    text = terbilang_int(whole)
    if currency:
        text += f" {currency}"
    if cents:
        text += f" {terbilang_int(cents)} sen"
    return ("minus " + text) if d < 0 and (whole or cents) else text


def in_words_en(amount: int | Decimal) -> str:
    """A short English rendering for --lang en: grouped digits, the sign and cents kept
    (``-0.5`` → "minus 0.50 rupiah")."""
    from pohon.render.tables.numbers import rounded, to_decimal

    d = to_decimal(amount)
    if not d.is_finite():
        return f"{d} rupiah"
    exact = rounded(d.copy_abs())
    if exact == int(exact):
        exact = Decimal(int(exact))
    text = format(exact, ",f")
    return ("minus " if d < 0 and exact else "") + text + " rupiah"
