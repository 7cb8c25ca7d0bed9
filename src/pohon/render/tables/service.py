"""`pohon tabel` as a service: load, check, build, write. No printing here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pohon.catalogue import t
from pohon.diagnostics import Diagnostic, Severity
from pohon.errors import PohonError
from pohon.render.tables.build import build
from pohon.render.tables.writers import EXTENSIONS, to_csv, to_html, to_markdown


@dataclass
class TableOutcome:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: bytes | None = None
    written: Path | None = None
    loaded: bool = False

    @property
    def has_errors(self) -> bool:
        return any(d.severity == Severity.ERROR for d in self.diagnostics)


def output_format(output: Path | None, fmt: str | None, lang: str) -> str:
    if fmt:
        return fmt
    if output is None:
        return "md"
    found = EXTENSIONS.get(output.suffix.lower())
    if found is None:
        raise PohonError(t("tabel_format_tidak_dikenal", lang, path=output))
    return found


def make_table(tree_path: Path, jenis: str, fmt: str, output: Path | None = None, tahun: int | None = None,
               sep: str = ",", force: bool = False, lang: str = "id", template_dir: Path | None = None) -> TableOutcome:
    from pohon.io import ensure_writable, write_bytes
    from pohon.loader.load import load_tree
    from pohon.rules import check_result

    if fmt == "xlsx" and output is None:
        raise PohonError(t("tabel_xlsx_perlu_o", lang))
    if template_dir is not None and not Path(template_dir).is_dir():
        raise PohonError(t("tabel_template_tidak_ada", lang, path=template_dir))
    if output is not None:
        ensure_writable(Path(output), force, lang)
    result = load_tree(tree_path, lang)
    out = TableOutcome(diagnostics=list(result.diagnostics), loaded=result.tree is not None)
    if result.tree is None:
        return out
    tree = result.tree
    if tahun is not None and tahun not in tree.years:
        raise PohonError(t("tabel_tahun_tidak_ada", lang, year=tahun, period=tree.doc.periode))
    out.diagnostics = check_result(result, lang)
    years = [tahun] if tahun is not None else list(tree.years)
    doc = build(jenis, tree, lang, years, out.diagnostics, str(tree_path))
    if fmt == "xlsx":
        from pohon.render.tables.xlsx import to_xlsx

        data = to_xlsx(doc)
    elif fmt == "csv":
        data = to_csv(doc, sep)
    elif fmt == "html":
        data = to_html(doc, template_dir).encode("utf-8")
    else:
        data = to_markdown(doc, template_dir).encode("utf-8")
    out.data = data
    if output is not None:
        out.written = write_bytes(output, data, force=force, lang=lang)
    return out
