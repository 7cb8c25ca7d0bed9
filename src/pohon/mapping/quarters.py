"""Quarterly targets (rencana aksi TW1–TW4) against the annual target of an indicator."""

from __future__ import annotations

from decimal import Decimal

from pohon.model.values import format_number


def _num(v) -> Decimal | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    return None


def quarter_status(ind, year: int) -> tuple[bool, str, object] | None:
    """(consistent, detail, annual target) for an indicator's rencana aksi, or None if not checkable."""
    ra = ind.rencana_aksi.get(year)
    target = _num(ind.target.get(year))
    if ra is None or target is None:
        return None
    tws = [_num(v) for v in ra.tw]
    values = [v for v in tws if v is not None]
    if not values or any(v is None and raw is not None for v, raw in zip(tws, ra.tw)):
        return None
    total = sum(values, Decimal(0))
    last = next((v for v in reversed(tws) if v is not None), None)
    parts = " + ".join(format_number(float(v) if v != v.to_integral_value() else int(v)) for v in values)
    if ind.sifat == "kumulatif":
        return (total == target, f"TW {parts} = {format_number(_plain(total))}", ind.target.get(year))
    if ind.sifat == "stok":
        return (last == target, f"TW4 = {format_number(_plain(last))}", ind.target.get(year))
    ok = total == target or last == target
    return (ok, f"Σ TW = {format_number(_plain(total))}, TW4 = {format_number(_plain(last))}", ind.target.get(year))


def _plain(d: Decimal):
    return int(d) if d == d.to_integral_value() else float(d)
