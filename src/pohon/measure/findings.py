"""Findings of quarterly monitoring for one year (rule group U): a past quarter without
realisation (U006) and a quarter behind its target (U007, early warning).

"Past" is decided by ``per``: the last quarter that has ended, given by the user (``--per
2024-09-30`` or ``--per TW3``), or else the latest quarter of that year for which the data
holds any realisation. Never today's date: the same files give the same findings any day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pohon.diagnostics import Diagnostic
from pohon.measure.compute import Measurement
from pohon.measure.numtext import dec_text


def quarter_of_date(day: dt.date, year: int) -> int:
    """The last quarter of ``year`` that has ended on ``day`` (0 before 31 March ends, 4 after the year)."""
    if day.year > year:
        return 4
    if day.year < year:
        return 0
    ends = [dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30), dt.date(year, 12, 31)]
    return sum(1 for e in ends if day >= e)


def parse_per(text: str, year: int) -> int | None:
    """``TW3``/``3`` → 3; ``2024-09-30`` → 3 (for 2024). None when it is neither."""
    t = text.strip().upper()
    if t.startswith("TW"):
        t = t[2:].strip()
    if t in ("1", "2", "3", "4", "I", "II", "III", "IV"):
        return {"I": 1, "II": 2, "III": 3, "IV": 4}.get(t) or int(t)
    try:
        return quarter_of_date(dt.date.fromisoformat(text.strip()), year)
    except ValueError:
        return None


def latest_quarter(m: Measurement) -> int:
    """The latest quarter with any realisation in the data for the measured year."""
    last = 0
    for im in m.indicators:
        tw = im.ind.realisasi_tw.get(m.year)
        if tw:
            last = max(last, max((k + 1 for k, v in enumerate(tw) if v is not None), default=0))
    return last


def monitoring(ctx, m: Measurement, per: int | None = None) -> Iterator[Diagnostic]:
    past = latest_quarter(m) if per is None else per
    per_text = f"TW{past}" if past else "-"
    for im in m.indicators:
        if m.year not in im.ind.rencana_aksi:
            continue  # no quarterly targets: nothing is missing or behind
        base = ("indikator", im.index)
        for q in im.quarters:
            if q.tw > past:
                break
            if q.status == "belum":
                yield ctx.at("U006", im.node, base + ("uraian",), about=base + ("realisasi_tw", str(m.year), q.tw - 1),
                             indicator=im.ind.uraian, tw=q.tw, year=m.year, per=per_text)
            elif q.status == "tertinggal":
                yield ctx.at("U007", im.node, base + ("realisasi_tw", str(m.year), q.tw - 1), indicator=im.ind.uraian,
                             tw=q.tw, year=m.year, realisasi=str(q.realisasi), target=str(q.target),
                             capaian=dec_text(q.capaian))
