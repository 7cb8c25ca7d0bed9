"""Rounding of a measure with :class:`~decimal.Decimal`: ``bulat`` rounds half up (away from zero
at the half: 55,55 → 55,6; −1,655 → −1,66), ``potong`` truncates toward zero (98,38 → 98,3)."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

MODES = {"bulat": ROUND_HALF_UP, "potong": ROUND_DOWN}


def round_to(value: Decimal, cara: str, desimal: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-desimal), rounding=MODES[cara])


def other_mode(cara: str) -> str:
    return "potong" if cara == "bulat" else "bulat"
