"""Method rules (pohon kinerja tahap 2–4): indicators, condition phrasing, crosscutting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Term
from pohon.rules.context import Context, words

PLANNING_YEARS = 10  # a longer period is not a Renstra/RPJMD period (M014)
MAX_PERIOD_YEARS = 50  # a longer one is no planning period at all (M015); tables refuse it

_FIRST_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")


def check_indicators(ctx: Context) -> Iterator[Diagnostic]:
    """M001 no indicator, M002 no unit, M003 missing targets, M010 target outside the period."""
    years = list(ctx.tree.years)
    period = f"{years[0]}–{years[-1]}"
    for node in ctx.tree:
        if not node.indikator:
            if not node.is_crosscutting:  # a crosscutting CSF is measured by its partner
                yield ctx.at("M001", node, about=("indikator",))
            continue
        for i, ind in enumerate(node.indikator):
            where = ("indikator", i)
            if not ind.satuan:
                yield ctx.at("M002", node, where + ("uraian",), indicator=ind.uraian)
            missing = [y for y in years if y not in ind.target]
            if missing and not node.is_crosscutting:
                field = where + ("target",) if ind.target else where + ("uraian",)
                yield ctx.at("M003", node, field, indicator=ind.uraian, years=_years(missing),
                             period=period, example=missing[0])
            for year in sorted(ind.target):
                if year not in years:
                    yield ctx.at("M010", node, where + ("target", str(year)), key=True,
                                 indicator=ind.uraian, year=year, period=period)


def _years(years: list[int]) -> str:
    """2022, 2023, 2024 → "2022–2024"; gaps listed."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


@cache
def _wording() -> tuple:
    w = words()
    condition = {x.casefold() for x in w["kondisi"]}
    activity = {k.casefold(): v for k, v in w["kegiatan"].items()}
    action = {k.casefold(): v for k, v in w["tindakan"].items()}
    pattern = re.compile(w["tindakan_pola"], re.IGNORECASE)
    # one pass per indicator: the patterns as named alternatives, the example kept per name
    embeds = w["target_dalam_indikator"]
    embed = re.compile("|".join(f"(?P<e{i}>{e['pola']})" for i, e in enumerate(embeds)), re.IGNORECASE)
    examples = {f"e{i}": e["contoh"] for i, e in enumerate(embeds)}
    negative = re.compile("|".join(w["negatif"]), re.IGNORECASE)
    return condition, activity, action, pattern, (embed, examples), negative


def phrasing(statement: str) -> tuple[str, str, str] | None:
    """("activity"|"action", first word, suggested condition word) when ``statement`` is not a condition."""
    m = _FIRST_WORD.search(statement)
    if not m:
        return None
    word = m.group(0)
    low = word.casefold()
    condition, activity, action, pattern, _, _ = _wording()
    if low in condition or low.endswith("nya"):
        return None
    if low in activity:
        return ("activity", word, activity[low])
    if low in action:
        return ("action", word, action[low])
    if pattern.match(low):
        return ("action", word, "Meningkatnya")
    return None




def check_phrasing(ctx: Context) -> Iterator[Diagnostic]:
    """M004: a box states a condition ("Meningkatnya…"), not an activity or an action."""
    for node in ctx.tree:
        found = phrasing(node.uraian)
        if found:
            kind, word, suggestion = found
            yield ctx.at("M004", node, "uraian", kind=Term(f"phrasing_{kind}"), word=word, suggestion=suggestion)


def check_indicator_wording(ctx: Context) -> Iterator[Diagnostic]:
    """M007 target inside the indicator, M008 "Jumlah…" with %, M012 polarity hint."""
    w = words()
    percent = {u.casefold() for u in w["satuan_persen"]}
    counts = tuple(c.casefold() for c in w["hitungan"])
    *_, (embed, examples), negative = _wording()
    for node in ctx.tree:
        for i, ind in enumerate(node.indikator):
            where = ("indikator", i, "uraian")
            m = embed.search(ind.uraian)
            if m:
                yield ctx.at("M007", node, where, indicator=ind.uraian, word=m.group(0),
                             suggestion=examples[m.lastgroup])
            unit = (ind.satuan or "").strip().casefold()
            if ind.uraian.casefold().startswith(counts) and unit in percent:
                yield ctx.at("M008", node, ("indikator", i, "satuan"), indicator=ind.uraian)
            if ind.polaritas == "positif" and negative.search(ind.uraian) and not ind.uraian.casefold().startswith(
                    ("persentase", "indeks")):
                yield ctx.at("M012", node, where, indicator=ind.uraian)


def check_crosscutting(ctx: Context) -> Iterator[Diagnostic]:
    """M006 crosscutting without a partner; M011 crosscutting yet decomposed."""
    for node in ctx.tree:
        if not node.is_crosscutting:
            continue
        if not node.data.mitra:
            yield ctx.at("M006", node, "crosscutting")
        kids = ctx.tree.children(node.id)
        if kids:
            yield ctx.at("M011", node, "crosscutting", count=len(kids))


def check_period(ctx: Context) -> Iterator[Diagnostic]:
    """M014 a period longer than a planning period; M015 a period no plan has (tables refuse it)."""
    years = len(ctx.tree.years)
    period = ctx.tree.doc.periode
    for code, limit in (("M015", MAX_PERIOD_YEARS), ("M014", PLANNING_YEARS)):
        if years > limit:
            yield diagnostic(code, ctx.source.locate(("periode",)), field=("periode",), period=period,
                             years=years, max=limit)
            return


CHECKS = [check_period, check_indicators, check_phrasing, check_indicator_wording, check_crosscutting]
