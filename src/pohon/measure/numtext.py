"""Exact numbers as pohon writes them in messages and tables (dot thousands, comma decimals),
keeping every decimal a Decimal holds: 94.73 → "94,73", −1.66 → "-1,66", 66348353265 → "66.348.353.265"."""

from __future__ import annotations

from decimal import Decimal


def dec_text(d: Decimal | int | None) -> str:
    if d is None:
        return ""
    d = Decimal(d)
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + frac if frac else "")
