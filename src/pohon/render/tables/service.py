"""`pohon tabel` as a service: a checked tree in, the table's bytes out. No printing, no loading."""

from __future__ import annotations

from pathlib import Path

from pohon.catalogue import t
from pohon.errors import PohonError
from pohon.render.tables.build import build
from pohon.render.tables.writers import EXTENSIONS, to_csv, to_html, to_markdown

MAX_TABLE_YEARS = 50  # the longest period a table holds (rule M015 reports a longer one)


def output_format(output: Path | None, fmt: str | None, lang: str) -> str:
    if fmt:
        return fmt
    if output is None:
        return "md"
    found = EXTENSIONS.get(output.suffix.lower())
    if found is None:
        raise PohonError(t("tabel_format_tidak_dikenal", lang, path=output))
    return found


def make_table(checked, jenis: str, fmt: str, years: list[int] | None = None, sep: str = ",",
               lang: str = "id", template_dir: Path | None = None) -> bytes:
    """The table ``jenis`` of a checked tree in ``fmt`` (bytes); reads no file but the user's templates."""
    tree = checked.tree
    years = years or list(tree.years)
    if len(years) > MAX_TABLE_YEARS:
        raise PohonError("tabel_periode_terlalu_panjang", period=tree.doc.periode, n=len(years), max=MAX_TABLE_YEARS)
    doc = build(jenis, tree, lang, years, checked.diagnostics, checked.file, getattr(checked.loaded, "source", None))
    if fmt == "xlsx":
        from pohon.render.tables.xlsx import to_xlsx

        return to_xlsx(doc)
    if fmt == "csv":
        return to_csv(doc, sep)
    if fmt == "html":
        return to_html(doc, template_dir).encode("utf-8")
    return to_markdown(doc, template_dir).encode("utf-8")
