"""`pohon ukur` and `pohon audit` as services: a tree file (and its realisation files) in, a
checked tree with the realisations merged and every finding out. No printing.

The tree is loaded and checked once (``pohon.app.check_file``); the realisation files (given, or
``realisasi-*.yaml`` beside the tree) are merged into it; the measurement rules (U) run again on
the merged figures, and a finding about a figure that came from a realisation file points at
that file. The monitoring findings (U006, U007) and the audit (A) are added for the year(s) asked.
"""

from __future__ import annotations

from pathlib import Path

from pohon.app import CheckedTree, check_file, require_loaded
from pohon.diagnostics import Diagnostic
from pohon.errors import PohonError


def _relocated(diags: list[Diagnostic], loaded) -> list[Diagnostic]:
    if not loaded.origin:
        return diags
    out = []
    for d in diags:
        loc = loaded.where((d.node, d.field)) if d.node else None
        if loc is None and d.node and len(d.field) > 4:
            loc = loaded.where((d.node, d.field[:4]))
        out.append(d.replace(location=loc, excerpt="") if loc is not None else d)
    return out


def _suppressed(checked: CheckedTree, diags: list[Diagnostic]) -> list[Diagnostic]:
    tree = checked.tree
    out = []
    for d in diags:
        node = tree.get(d.node) if d.node else None
        if node is not None and d.code in {c.upper() for c in node.data.abaikan}:
            continue
        out.append(d)
    return out


def measured(path: Path, realisasi: list[Path] | None = None) -> CheckedTree:
    """The checked tree with its realisation files merged (given ones, else those beside it)."""
    from pohon.measure import realisasi as files_mod
    from pohon.rules.context import Context
    from pohon.rules.measure import check_measure

    for f in realisasi or ():
        if not Path(f).is_file():
            raise PohonError("ukur_realisasi_tidak_ada", path=str(f))
    from pohon.gcpause import paused_gc
    from pohon.rules.measure import DEFERRED

    files = list(realisasi) if realisasi else files_mod.beside(path)
    if not files:
        return require_loaded(check_file(path))
    token = DEFERRED.set(True)  # the U rules run once, after the merge
    try:
        checked = require_loaded(check_file(path))
    finally:
        DEFERRED.reset(token)
    with paused_gc():  # many small objects beside a big tree that stays alive
        loaded = files_mod.merge(checked.tree, files)
        ctx = Context(checked.tree, checked.file, checked.loaded.source)
        again = _suppressed(checked, _relocated(list(check_measure(ctx)), loaded))
    kept = [d for d in checked.diagnostics if not d.code.startswith("U")]
    diags = sorted(set(kept + loaded.diagnostics + again), key=lambda d: d.sort_key)
    return CheckedTree(checked.file, diags, checked.loaded)


def with_findings(checked: CheckedTree, extra: list[Diagnostic]) -> CheckedTree:
    diags = sorted(set(checked.diagnostics + extra), key=lambda d: d.sort_key)
    return CheckedTree(checked.file, diags, checked.loaded)


def monitoring_findings(checked: CheckedTree, year: int, per: str | None) -> list[Diagnostic]:
    from pohon.measure.compute import measure
    from pohon.measure.findings import monitoring, parse_per
    from pohon.rules.context import Context

    quarter = None
    if per is not None:
        quarter = parse_per(per, year)
        if quarter is None:
            raise PohonError("ukur_per_salah", value=per)
    ctx = Context(checked.tree, checked.file, checked.loaded.source)
    return _suppressed(checked, list(monitoring(ctx, measure(checked.tree, year), quarter)))


def audit_findings(checked: CheckedTree, years: list[int] | None) -> tuple[list[Diagnostic], int]:
    """The audit's findings and how many printed figures were compared."""
    from pohon.measure.audit import audit, audited_years, count_printed
    from pohon.rules.context import Context

    ctx = Context(checked.tree, checked.file, checked.loaded.source)
    years = years or audited_years(checked.tree)
    return _suppressed(checked, audit(ctx, years)), count_printed(checked.tree, years)


def default_year(checked: CheckedTree) -> int:
    """The latest year of the period with any realisation; else the period's first year."""
    tree = checked.tree
    found = [y for n in tree for ind in n.indikator for y in ind.realisasi if y in tree.years]
    found += [y for n in tree for y in n.data.realisasi_anggaran if y in tree.years]
    return max(found) if found else tree.years[0]
