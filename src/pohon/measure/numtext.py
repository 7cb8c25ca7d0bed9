"""Exact numbers as pohon writes them in messages and tables (dot thousands, comma decimals),
keeping every decimal a Decimal holds: 94.73 → "94,73", −1.66 → "-1,66", 66348353265 → "66.348.353.265".
The same text as `render.tables.numbers.number_text` (both are `model.values.decimal_text`); None → ""."""

from __future__ import annotations

from decimal import Decimal

from pohon.model.values import decimal_text


def dec_text(d: Decimal | int | None) -> str:
    return "" if d is None else decimal_text(Decimal(d))
