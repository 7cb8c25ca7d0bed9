"""Capaian (achievement, %) of one indicator in one year, by its polarity and formula.

Names (``data/pengukuran.yaml`` ``rumus``): ``r/t`` R/T×100 (higher is better); for lower is
better ``2-r/t`` (2 − R/T)×100 (the default), ``t/r`` T/R×100, ``(t-r)/t`` (T − R)/T×100.

Explicit rules, never a division by zero (docs/ukur.md):
- no target or no realisation → no capaian (``reason`` says which);
- a zero divisor: when target and realisation are both zero the capaian is 100 (nothing was
  to happen and nothing did); otherwise no capaian, reason ``zero_target`` / ``zero_realisation``;
- grades: when target and realisation both carry a score, the scores are used; otherwise the
  ranks (D=1 … AA=7) take the place of the numbers in the same formula;
- a number against a grade (or text) → no capaian, reason ``mixed``;
- an optional cap (``batas_atas``) limits the result; a negative result is kept (a realisation
  more than twice a lower-is-better target) and is shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from pohon.datafiles import data_yaml
from pohon.measure.quantity import Grade

HUNDRED = Decimal(100)
ZERO = Decimal(0)
POSITIVE = "r/t"


@cache
def formulas() -> dict[str, dict]:
    return data_yaml("pengukuran.yaml")["rumus"]


@dataclass(frozen=True)
class Capaian:
    value: Decimal | None  # exact, capped, not rounded
    reason: str | None = None  # why there is none: no_target, no_realisation, zero_target, zero_realisation, mixed
    formula: str = POSITIVE
    capped: bool = False
    by_rank: bool = False


def _pair(r, t) -> tuple[Decimal, Decimal, bool] | None:
    if isinstance(r, Grade) and isinstance(t, Grade):
        if r.score is not None and t.score is not None:
            return r.score, t.score, False
        return Decimal(r.rank), Decimal(t.rank), True
    if isinstance(r, Decimal) and isinstance(t, Decimal):
        return r, t, False
    if isinstance(r, Grade) and r.score is not None and isinstance(t, Decimal):
        return r.score, t, False
    if isinstance(t, Grade) and t.score is not None and isinstance(r, Decimal):
        return r, t.score, False
    return None


def raw(formula: str, r: Decimal, t: Decimal) -> Decimal | str:
    """The formula on two numbers: a Decimal, or the reason there is none (a zero divisor)."""
    if formula == "t/r":
        if r == 0:
            return HUNDRED if t == 0 else "zero_realisation"
        return t / r * HUNDRED
    if t == 0:
        return HUNDRED if r == 0 else "zero_target"
    if formula == POSITIVE:
        return r / t * HUNDRED
    if formula == "2-r/t":
        return (2 - r / t) * HUNDRED
    if formula == "(t-r)/t":
        return (t - r) / t * HUNDRED
    raise ValueError(f"unknown capaian formula {formula!r}")


def capaian(r, t, formula: str = POSITIVE, cap: Decimal | None = None) -> Capaian:
    """Capaian of realisation ``r`` against target ``t`` (quantities: Decimal, Grade or None)."""
    if t is None:
        return Capaian(None, "no_target", formula)
    if r is None:
        return Capaian(None, "no_realisation", formula)
    pair = _pair(r, t)
    if pair is None:
        return Capaian(None, "mixed", formula)
    rv, tv, by_rank = pair
    value = raw(formula, rv, tv)
    if isinstance(value, str):
        return Capaian(None, value, formula, by_rank=by_rank)
    if cap is not None and value > cap:
        return Capaian(cap, None, formula, capped=True, by_rank=by_rank)
    return Capaian(value, None, formula, by_rank=by_rank)


def formula_for(polaritas: str, rumus_capaian: str | None, negative_default: str) -> str:
    """The formula of an indicator: its own ``rumus_capaian``, else by polarity."""
    if rumus_capaian:
        return rumus_capaian
    return negative_default if polaritas == "negatif" else POSITIVE
