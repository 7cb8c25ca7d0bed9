"""The audit of a published report (``pohon audit``): every printed figure recorded under
``dilaporkan:`` (per indicator, per box, and the totals in ``pengukuran.dilaporkan``) is
recomputed from the data with the tree's rules; each mismatch is a diagnostic (A001–A010) with
both numbers and, where pohon can tell, the likely cause: another capaian formula (a reversed
polarity), another year's target or realisation, truncation instead of rounding (or the reverse),
a stock indicator's quarters summed, a total that is not the sum of its rows."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pohon.diagnostics import Diagnostic, Term
from pohon.measure.bands import category, find
from pohon.measure.compute import IndicatorMeasure, Measurement, measure
from pohon.measure.formulas import POSITIVE, capaian, formulas
from pohon.measure.numtext import dec_text
from pohon.measure.quantity import Grade, as_decimal, grade_fits, grade_of_score, quantity
from pohon.measure.rounding import other_mode, round_to


def audited_years(tree) -> list[int]:
    years = set()
    for node in tree:
        years.update(node.data.dilaporkan)
        for ind in node.indikator:
            years.update(ind.dilaporkan)
    if tree.doc.pengukuran is not None:
        years.update(tree.doc.pengukuran.dilaporkan)
    return sorted(y for y in years if y in tree.years)


def count_printed(tree, years: list[int]) -> int:
    n = 0
    fields = ("capaian", "kategori", "kemajuan", "pagu", "realisasi_anggaran", "serapan", "porsi", "efisiensi", "realisasi")
    for node in tree:
        for src in [node.data.dilaporkan] + [ind.dilaporkan for ind in node.indikator]:
            for y in years:
                d = src.get(y)
                if d is not None:
                    n += sum(getattr(d, f) is not None for f in fields)
    if tree.doc.pengukuran is not None:
        for y in years:
            d = tree.doc.pengukuran.dilaporkan.get(y)
            if d is not None:
                n += sum(getattr(d, f) is not None for f in fields)
    return n


class _Auditor:
    def __init__(self, ctx, m: Measurement) -> None:
        self.ctx, self.m, self.s, self.year = ctx, m, m.settings, m.year

    def matches(self, measure_name: str, value: Decimal | None, printed: Decimal) -> bool:
        if value is None:
            return False
        cara, desimal = self.s.rounding[measure_name]
        return round_to(value, cara, desimal) == printed or round_to(value, other_mode(cara), desimal) == printed

    def rounding_cause(self, measure_name: str, exact: Decimal | None, printed: Decimal, ours: Decimal) -> Term | str:
        if exact is None:
            return ""
        cara, desimal = self.s.rounding[measure_name]
        other = other_mode(cara)
        for places in sorted({desimal, max(0, -printed.as_tuple().exponent)}):
            if round_to(exact, other, places) == printed:
                return Term.of("a_sebab_pembulatan", mode=Term(f"a_mode_{other}"), exact=dec_text(round_to(exact, "potong", places + 3)),
                               ours=dec_text(ours))
        return ""

    # -- indicators -----------------------------------------------------------------------
    def indicator(self, im: IndicatorMeasure) -> Iterator[Diagnostic]:
        d = im.ind.dilaporkan.get(self.year)
        if d is None:
            return
        node, i = im.node, im.index
        base = ("indikator", i, "dilaporkan", str(self.year))
        at = lambda code, f, **p: self.ctx.at(code, node, base + (f,), indicator=im.ind.uraian, year=self.year, **p)  # noqa: E731
        if d.capaian is not None:
            printed = as_decimal(d.capaian)
            if im.capaian is None:
                yield self.not_checkable(node, base + ("capaian",), "a_capaian", printed, Term(f"a_alasan_{im.result.reason}"))
            elif printed != im.capaian:
                yield at("A001", "capaian", printed=dec_text(printed), computed=dec_text(im.capaian),
                         formula=formulas()[im.formula]["teks"], **_cause(self.capaian_cause(im, printed)))
        if d.kategori is not None and im.band is not None:
            named = find(d.kategori, self.s.bands)
            if named is None or named.rank != im.band.rank:
                cause: Term | str = ""
                printed_c = as_decimal(d.capaian) if d.capaian is not None else None
                if printed_c is not None and named is not None and category(printed_c, self.s.bands) == named:
                    cause = Term.of("a_sebab_capaian_tercetak", printed=dec_text(printed_c))
                yield at("A002", "kategori", printed=d.kategori, computed=Term.of("band", id=im.band.id, en=im.band.en),
                         capaian=dec_text(im.capaian), **_cause(cause))
        if d.kemajuan is not None:
            printed = as_decimal(d.kemajuan)
            if im.kemajuan is None:
                yield self.not_checkable(node, base + ("kemajuan",), "a_kemajuan", printed, Term("a_alasan_no_target"))
            elif printed != im.kemajuan:
                cause = self.rounding_cause("kemajuan", im.kemajuan_exact, printed, im.kemajuan) or self.year_cause(
                    im, printed, "kemajuan", target=im.end_target)
                yield at("A003", "kemajuan", printed=dec_text(printed), computed=dec_text(im.kemajuan),
                         end_year=im.end_year, end_target=str(im.end_target), **_cause(cause))
        if d.realisasi is not None and im.realisasi is not None:
            p, r = quantity(d.realisasi), quantity(im.realisasi)
            if p != r:
                cause = ""
                if isinstance(p, Grade) and not grade_fits(p):
                    g = grade_of_score(p.score)
                    cause = Term.of("a_sebab_predikat", score=dec_text(p.score), grade=g.nama if g else "?")
                yield at("A009", "realisasi", printed=str(d.realisasi), computed=str(im.realisasi), **_cause(cause))

    def capaian_cause(self, im: IndicatorMeasure, printed: Decimal) -> Term | str:
        ind, year = im.ind, self.year
        r, t = quantity(im.realisasi), quantity(im.target)
        for f in formulas():
            if f == im.formula:
                continue
            res = capaian(r, t, f, self.s.cap)
            if self.matches("capaian", res.value, printed):
                flipped = (f == POSITIVE) != (im.formula == POSITIVE)
                return Term.of("a_sebab_polaritas" if flipped else "a_sebab_rumus", formula=formulas()[f]["teks"])
        cause = self.year_cause(im, printed, "capaian", target=im.target)
        if cause:
            return cause
        if ind.sifat == "stok":
            tw = ind.realisasi_tw.get(year, [])
            nums = [as_decimal(v) for v in tw]
            if len(nums) == 4 and all(n is not None for n in nums):
                total = sum(nums, Decimal(0))
                if self.matches("capaian", capaian(total, t, im.formula, self.s.cap).value, printed):
                    return Term.of("a_sebab_stok", total=dec_text(total))
        return self.rounding_cause("capaian", im.result.value, printed, im.capaian)

    def year_cause(self, im: IndicatorMeasure, printed: Decimal, measure_name: str, target) -> Term | str:
        ind, year = im.ind, self.year
        r = quantity(im.realisasi)
        for y in sorted(ind.target, key=lambda y: (abs(y - year), y)):
            if y == year or (measure_name == "kemajuan" and y == im.end_year):
                continue
            res = capaian(r, quantity(ind.target[y]), im.formula, self.s.cap if measure_name == "capaian" else None)
            if self.matches(measure_name, res.value, printed):
                return Term.of("a_sebab_tahun_target", year=y, target=str(ind.target[y]))
        for y in sorted(ind.realisasi, key=lambda y: (abs(y - year), y)):
            if y == year:
                continue
            res = capaian(quantity(ind.realisasi[y]), quantity(target), im.formula, None)
            if self.matches(measure_name, res.value, printed):
                return Term.of("a_sebab_tahun_realisasi", year=y, realisasi=str(ind.realisasi[y]))
        return ""

    def not_checkable(self, node, path, what: str, printed, reason) -> Diagnostic:
        return self.ctx.at("A010", node, path, what=Term(what), year=self.year, where=Term.of("a_kotak", node=node.id),
                           printed=dec_text(printed) if isinstance(printed, Decimal) else str(printed), reason=reason)

    # -- boxes ----------------------------------------------------------------------------
    def box(self, node) -> Iterator[Diagnostic]:
        d = node.data.dilaporkan.get(self.year)
        if d is None:
            return
        nm = self.m.of(node.id)
        base = ("dilaporkan", str(self.year))
        where = Term.of("a_kotak", node=node.id)
        if d.capaian is not None:
            printed = as_decimal(d.capaian)
            if nm.capaian is None:
                yield self.not_checkable(node, base + ("capaian",), "a_capaian", printed, Term("a_alasan_no_realisation"))
            elif printed != nm.capaian:
                yield self.ctx.at("A001", node, base + ("capaian",), indicator=node.uraian, year=self.year,
                                  printed=dec_text(printed), computed=dec_text(nm.capaian), formula=Term("tabel_rata_rata"),
                                  **_cause(self.rounding_cause("capaian", nm.capaian_exact, printed, nm.capaian)))
        for f, value, what in (("pagu", nm.pagu, "a_pagu"), ("realisasi_anggaran", nm.realisasi, "a_realisasi_anggaran")):
            printed = getattr(d, f)
            if printed is None:
                continue
            if value is None:
                yield self.not_checkable(node, base + (f,), what, printed, Term("a_alasan_tanpa_anggaran"))
            elif printed != value:
                yield self.ctx.at("A007", node, base + (f,), what=Term(what), year=self.year, where=where,
                                  printed=dec_text(printed), computed=dec_text(value), **_cause(""))
        if d.serapan is not None:
            printed = as_decimal(d.serapan)
            if nm.serapan is None:
                yield self.not_checkable(node, base + ("serapan",), "a_serapan", printed, Term("a_alasan_tanpa_anggaran"))
            elif printed != nm.serapan:
                yield self.ctx.at("A004", node, base + ("serapan",), year=self.year, where=where, printed=dec_text(printed),
                                  computed=dec_text(nm.serapan), realisasi=dec_text(nm.realisasi), pagu=dec_text(nm.pagu),
                                  **_cause(self.rounding_cause("serapan", nm.serapan_exact, printed, nm.serapan)))
        if d.porsi is not None:
            printed = as_decimal(d.porsi)
            total = self.m.total_pagu
            if nm.porsi is None or not total:
                yield self.not_checkable(node, base + ("porsi",), "a_porsi", printed, Term("a_alasan_tanpa_anggaran"))
            elif printed != nm.porsi:
                yield self.ctx.at("A005", node, base + ("porsi",), year=self.year, printed=dec_text(printed),
                                  computed=dec_text(nm.porsi), total=dec_text(total),
                                  **_cause(self.rounding_cause("porsi", nm.pagu / total * 100, printed, nm.porsi)))
        if d.efisiensi is not None:
            printed = as_decimal(d.efisiensi)
            if nm.efisiensi is None:
                reason = "a_alasan_tanpa_anggaran" if nm.pagu is not None or not node.data.dilaporkan else "a_alasan_bukan_sasaran"
                yield self.not_checkable(node, base + ("efisiensi",), "a_efisiensi", printed, Term(reason))
            elif printed != nm.efisiensi:
                yield self.ctx.at("A006", node, base + ("efisiensi",), year=self.year, printed=dec_text(printed),
                                  computed=dec_text(nm.efisiensi), **_cause(self.efficiency_cause(node, printed)))

    def efficiency_cause(self, node, printed: Decimal) -> Term | str:
        from dataclasses import replace

        from pohon.measure.compute import efficiency

        other = "persis" if self.s.cki == "dibulatkan" else "dibulatkan"
        value = efficiency(self.ctx.tree, self.m.budget, node, self.year, self.m.nodes, replace(self.s, cki=other))
        if self.matches("efisiensi", value, printed):
            return Term.of("a_sebab_cki", mode=Term(f"a_mode_{other}"))
        return self.rounding_cause("efisiensi", self.m.of(node.id).efisiensi_exact, printed, self.m.of(node.id).efisiensi)

    # -- totals ---------------------------------------------------------------------------
    def totals(self) -> Iterator[Diagnostic]:
        spec = self.ctx.tree.doc.pengukuran
        d = spec.dilaporkan.get(self.year) if spec is not None else None
        if d is None:
            return
        base = ("pengukuran", "dilaporkan", str(self.year))
        where = Term("a_total")
        at = lambda code, f, **p: self.ctx.at_path(code, base + (f,), **p)  # noqa: E731
        for f, value, what in (("pagu", self.m.total_pagu, "a_pagu"), ("realisasi_anggaran", self.m.total_realisasi, "a_realisasi_anggaran")):
            printed = getattr(d, f)
            if printed is None:
                continue
            if value is None:
                yield at("A010", f, what=Term(what), year=self.year, where=where, printed=dec_text(printed),
                         reason=Term("a_alasan_tanpa_anggaran"))
            elif printed != value:
                yield at("A007", f, what=Term(what), year=self.year, where=where, printed=dec_text(printed),
                         computed=dec_text(value), **_cause(""))
        if d.serapan is not None:
            printed = as_decimal(d.serapan)
            if self.m.total_serapan is None:
                yield at("A010", "serapan", what=Term("a_serapan"), year=self.year, where=where, printed=dec_text(printed),
                         reason=Term("a_alasan_tanpa_anggaran"))
            elif printed != self.m.total_serapan:
                yield at("A004", "serapan", year=self.year, where=where, printed=dec_text(printed),
                         computed=dec_text(self.m.total_serapan), realisasi=dec_text(self.m.total_realisasi),
                         pagu=dec_text(self.m.total_pagu), **_cause(""))
        if d.capaian is not None:
            printed = as_decimal(d.capaian)
            rows = [im for im in self.m.indicators if im.capaian is not None and _in_table(im)]
            computed = self.m.mean_capaian
            if computed is None:
                yield at("A010", "capaian", what=Term("a_capaian"), year=self.year, where=where, printed=dec_text(printed),
                         reason=Term("a_alasan_no_realisation"))
            elif printed != computed:
                cause: Term | str = ""
                printed_rows = [as_decimal(im.ind.dilaporkan[self.year].capaian) for im in rows
                                if self.year in im.ind.dilaporkan and im.ind.dilaporkan[self.year].capaian is not None]
                if printed_rows and len(printed_rows) == len(rows):
                    mean = self.s.round("capaian", sum(printed_rows, Decimal(0)) / len(printed_rows))
                    if mean != printed:
                        cause = Term.of("a_sebab_baris_rata", rows=dec_text(mean))
                yield at("A008", "capaian", year=self.year, printed=dec_text(printed), computed=dec_text(computed),
                         n=len(rows), **_cause(cause))


def _cause(cause: Term | str) -> dict:
    """The likely cause as words (``cause``) and as a key for machines (``sebab``: polaritas, rumus,
    tahun_target, tahun_realisasi, pembulatan, stok, capaian_tercetak, baris_rata, cki, predikat; or empty)."""
    key = cause.key.removeprefix("a_sebab_") if isinstance(cause, Term) else ""
    return {"cause": cause, "sebab": key}


def _in_table(im: IndicatorMeasure) -> bool:
    from pohon.measure.compute import is_iku

    return is_iku(im.node, im.ind)


def audit(ctx, years: list[int] | None = None) -> list[Diagnostic]:
    """Every mismatch between recorded printed figures and pohon's recomputation."""
    tree = ctx.tree
    out: list[Diagnostic] = []
    for year in years or audited_years(tree):
        a = _Auditor(ctx, measure(tree, year))
        for im in a.m.indicators:
            out.extend(a.indicator(im))
        for node in tree.walk():
            out.extend(a.box(node))
        out.extend(a.totals())
    return out
