"""Numbers in Indonesian words (*terbilang*), as written under budget totals.

``4497496565`` → "empat miliar empat ratus sembilan puluh tujuh juta empat ratus sembilan puluh
enam ribu lima ratus enam puluh lima rupiah". Rules: "se-" for one of a unit (sepuluh, sebelas,
seratus, seribu, but "satu juta"), "belas" for 11–19.
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


def terbilang_int(n: int) -> str:
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


def terbilang(amount: int | Decimal, currency: str = "rupiah") -> str:
    """Amount in words; sen (cents) are added when the amount has a fraction."""
    d = Decimal(amount)
    whole = int(d)
    text = terbilang_int(whole)
    cents = int((abs(d - whole) * 100).to_integral_value())
    if currency:
        text += f" {currency}"
    if cents:
        text += f" {terbilang_int(cents)} sen"
    return text


def in_words_en(amount: int | Decimal) -> str:
    """A short English rendering for --lang en (digits grouped; no words)."""
    return f"{int(Decimal(amount)):,} rupiah"
