"""Build a table: the kind's builder (``kinds/``) on a tree and its check diagnostics."""

from __future__ import annotations

from pohon.diagnostics import Diagnostic, Severity
from pohon.model.tree import PerformanceTree
from pohon.render.tables.common import Input
from pohon.render.tables.kinds import get
from pohon.render.tables.model import TableDoc


def build(kind: str, tree: PerformanceTree, lang: str = "id", years: list[int] | None = None,
          diags: list[Diagnostic] | None = None, file: str = "", source=None) -> TableDoc:
    """The table ``kind`` of ``tree``; ``source`` (the file's SourceMap) places the findings a form adds."""
    years = years or list(tree.years)
    inp = Input(tree, lang, years, list(diags or []), file, source)
    doc = get(kind).build(inp)
    doc.source = file
    doc.findings = [f"{d.line}:{d.col} {d.code} [{d.node or '-'}] {d.message(lang)}" for d in sorted(
        (d for d in inp.diags if d.severity != Severity.INFO), key=lambda d: d.sort_key)]
    return doc
