"""Measurement checks (rule group U) on the figures a tree holds: realisation years, values that
are no number, quarters against the annual figure, grades against their scores, divisions pohon
cannot make, the band table and weights. The year-bound findings of monitoring (a past quarter
without realisation, a quarter behind its target) are in :mod:`pohon.measure.findings`."""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from decimal import Decimal
from functools import cache

from pohon.diagnostics import Diagnostic, Term
from pohon.model.values import format_number
from pohon.rules.context import Context

# pohon.measure.quantity and .settings (their tables and classes) are imported when a tree first
# needs them: a grade, a realisation, a band table, or several indicators on a box without weights


def _shown(v) -> str:
    return format_number(v) if isinstance(v, (int, float)) else str(v)


# Set by `pohon ukur`/`audit` while checking a tree whose realisation files are merged next: the U
# rules then run once, on the merged figures (:func:`pohon.ukur.measured`).
DEFERRED: ContextVar[bool] = ContextVar("pohon_measure_deferred", default=False)


def check_measure(ctx: Context) -> Iterator[Diagnostic]:
    if DEFERRED.get():
        return
    tree = ctx.tree
    years = tree.years
    period = tree.doc.periode
    s = None
    for node in tree:
        data = node.data
        if data.realisasi_anggaran or data.realisasi_anggaran_tw or data.dilaporkan:
            yield from _box(ctx, node, data, years, period)
        if not node.indikator:
            continue
        for i, ind in enumerate(node.indikator):
            if ind.realisasi or ind.realisasi_tw or ind.dilaporkan:
                s = s or _settings(tree)
                yield from _indicator(ctx, node, i, ind, years, period, s)
            else:  # no realisation: only a grade target and a missing weight can be wrong
                yield from _targets(ctx, node, ("indikator", i), ind)
                if len(node.indikator) > 1 and ind.bobot is None and (s := s or _settings(tree)).aggregation == "bobot":
                    yield ctx.at("U011", node, ("indikator", i, "uraian"), about=("indikator", i, "bobot"),
                                 indicator=ind.uraian)
    yield from _bands(ctx)


def _settings(tree):
    from pohon.measure.settings import settings_of

    return settings_of(tree.doc)


def _box(ctx: Context, node, data, years, period) -> Iterator[Diagnostic]:
    """U003, U005 and U014 on a box's budget realisation and printed figures."""
    for field_name in ("realisasi_anggaran", "realisasi_anggaran_tw", "dilaporkan"):
        for y in getattr(data, field_name):
            if y not in years:
                yield ctx.at("U003", node, (field_name, str(y)), key=True, year=y, period=period)
    for y, tw in data.realisasi_anggaran_tw.items():
        annual = data.realisasi_anggaran.get(y)
        if annual is not None and len(tw) == 4 and all(v is not None for v in tw):
            total = sum(tw, Decimal(0))
            if total != annual:
                yield ctx.at("U005", node, ("realisasi_anggaran_tw", str(y)), year=y, annual=format_number(annual),
                             quarters=format_number(total), rule=Term("u005_jumlah"), indicator=Term("u005_anggaran"))
    for y, r in data.realisasi_anggaran.items():
        pagu = data.pagu.get(y)
        if pagu is not None and r > pagu:
            yield ctx.at("U014", node, ("realisasi_anggaran", str(y)), year=y, realisasi=format_number(r),
                         pagu=format_number(pagu))


def _targets(ctx: Context, node, base: tuple, ind) -> Iterator[Diagnostic]:
    """U009 on targets: a grade whose score is outside its letter's range (only a text is a grade)."""
    for y, v in ind.target.items():
        if v.__class__ is str:
            Grade, _, grade_fits, grade_of_score, quantity = _quantity()
            q = quantity(v)
            if isinstance(q, Grade) and not grade_fits(q):
                band = grade_of_score(q.score)
                yield ctx.at("U009", node, base + ("target", str(y)), indicator=ind.uraian, year=y, value=v,
                             grade=q.nama, expected=band.nama if band else "?")


def _indicator(ctx: Context, node, i: int, ind, years, period, s) -> Iterator[Diagnostic]:
    Grade, as_decimal, grade_fits, grade_of_score, quantity = _quantity()
    base = ("indikator", i)
    for field_name in ("realisasi", "realisasi_tw", "dilaporkan"):
        for y in getattr(ind, field_name):
            if y not in years:
                yield ctx.at("U003", node, base + (field_name, str(y)), key=True, year=y, period=period)
    for where, values in (("target", ind.target), ("realisasi", ind.realisasi)):
        for y, v in values.items():
            q = quantity(v)
            if q is None and isinstance(v, str):
                # a text target ("WTP") is a qualitative target; a text realisation of a measurable one is not
                if where == "realisasi" and quantity(ind.target.get(y)) is not None:
                    yield ctx.at("U004", node, base + (where, str(y)), indicator=ind.uraian, year=y, value=v)
            elif isinstance(q, Grade) and not grade_fits(q):
                band = grade_of_score(q.score)
                yield ctx.at("U009", node, base + (where, str(y)), indicator=ind.uraian, year=y, value=v,
                             grade=q.nama, expected=band.nama if band else "?")
    for y, tw in ind.realisasi_tw.items():
        measurable = quantity(ind.target.get(y)) is not None
        for k, v in enumerate(tw):
            if measurable and isinstance(v, str) and quantity(v) is None:
                yield ctx.at("U004", node, base + ("realisasi_tw", str(y), k), indicator=ind.uraian, year=y, value=v)
        annual = as_decimal(ind.realisasi.get(y))
        nums = [as_decimal(v) for v in tw]
        if annual is None or len(tw) != 4 or any(n is None for n in nums) or ind.sifat is None:
            continue
        if ind.sifat == "kumulatif":
            got, rule = sum(nums, Decimal(0)), "u005_jumlah"
        else:
            got, rule = nums[-1], "u005_akhir"
        if got != annual:
            yield ctx.at("U005", node, base + ("realisasi_tw", str(y)), year=y, annual=format_number(ind.realisasi[y]),
                         quarters=_shown(float(got) if got != got.to_integral_value() else int(got)),
                         rule=Term(rule), indicator=Term.of("u005_indikator", indicator=ind.uraian))
    capaian, formula_for = _formulas()
    formula = formula_for(ind.polaritas, ind.rumus_capaian, s.negative)
    for y, r in ind.realisasi.items():
        t = ind.target.get(y)
        if t is None or y not in years:
            continue
        res = capaian(quantity(r), quantity(t), formula, s.cap)
        if res.reason in ("zero_target", "zero_realisation", "mixed") and quantity(r) is not None and quantity(t) is not None:
            yield ctx.at("U008", node, base + ("realisasi", str(y)), indicator=ind.uraian, year=y, target=_shown(t),
                         realisasi=_shown(r), reason=Term(f"u008_{res.reason}"))
    if s.aggregation == "bobot" and len(node.indikator) > 1 and ind.bobot is None:
        yield ctx.at("U011", node, base + ("uraian",), about=base + ("bobot",), indicator=ind.uraian)


@cache
def _quantity():
    """What :mod:`pohon.measure.quantity` offers the U rules, imported when a tree first needs it."""
    from pohon.measure.quantity import Grade, as_decimal, grade_fits, grade_of_score, quantity

    return Grade, as_decimal, grade_fits, grade_of_score, quantity


@cache
def _formulas():
    """``capaian`` and ``formula_for`` of :mod:`pohon.measure.formulas`, imported when a
    realisation first needs them (a tree without one never does)."""
    from pohon.measure.formulas import capaian, formula_for

    return capaian, formula_for


def _bands(ctx: Context) -> Iterator[Diagnostic]:
    spec = ctx.tree.doc.pengukuran
    if spec is None or not spec.kategori:
        return
    as_decimal = _quantity()[1]
    prev = None
    last = len(spec.kategori) - 1
    for k, band in enumerate(spec.kategori):
        path = ("pengukuran", "kategori", k)
        m = as_decimal(band.min)
        if band.min is not None and m is None:
            yield ctx.at_path("U010", path + ("min",), detail=Term.of("u010_bukan_angka", value=str(band.min)))
        elif m is None and k != last:
            yield ctx.at_path("U010", path, detail=Term.of("u010_tanpa_min", name=band.nama))
        elif m is not None and prev is not None and m >= prev:
            yield ctx.at_path("U010", path + ("min",), detail=Term.of("u010_urutan", name=band.nama))
        prev = m if m is not None else prev


CHECKS = [check_measure]
