"""`pohon tabel` as a service: a checked tree in, the table's bytes out. No printing, no loading
(but the letterhead's logo and the user's templates)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from pohon.catalogue import t
from pohon.errors import PohonError
from pohon.render.tables.build import build
from pohon.render.tables.model import Letterhead, TableDoc
from pohon.render.tables.writers import EXTENSIONS, to_csv, to_html, to_markdown

MAX_TABLE_YEARS = 50  # the longest period a table holds (rule M015 reports a longer one)
DIRECTORY_FORMAT = "pdf"  # `-o folder/`: one document per section, PDF unless --format says otherwise
MAX_FILE_STEM = 60
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def output_format(output: Path | None, fmt: str | None, lang: str, directory: bool = False) -> str:
    if fmt:
        return fmt
    if directory:
        return DIRECTORY_FORMAT
    if output is None:
        return "md"
    found = EXTENSIONS.get(output.suffix.lower())
    if found is None:
        raise PohonError(t("tabel_format_tidak_dikenal", lang, path=output))
    return found


def _years(checked, years: list[int] | None) -> list[int]:
    tree = checked.tree
    years = years or list(tree.years)
    if len(years) > MAX_TABLE_YEARS:
        raise PohonError("tabel_periode_terlalu_panjang", period=tree.doc.periode, n=len(years), max=MAX_TABLE_YEARS)
    return years


def make_doc(checked, jenis: str, years: list[int] | None = None, lang: str = "id",
             letterhead: Letterhead | None = None) -> TableDoc:
    doc = build(jenis, checked.tree, lang, _years(checked, years), checked.diagnostics, checked.file,
                getattr(checked.loaded, "source", None))
    doc.letterhead = letterhead
    return doc


def render_doc(doc: TableDoc, fmt: str, sep: str = ",", template_dir: Path | None = None) -> bytes:
    if fmt == "xlsx":
        from pohon.render.tables.xlsx import to_xlsx

        return to_xlsx(doc)
    if fmt == "pdf":
        from pohon.render.tables.pdf import TEMPLATE, to_pdf
        from pohon.templatefiles import template

        source, user_path = template(template_dir, TEMPLATE)
        fonts = Path(template_dir, "fonts") if template_dir else None
        return to_pdf(doc, source, user_path, os.path.abspath(fonts) if user_path and fonts and fonts.is_dir() else None)
    if fmt == "docx":
        from pohon.render.tables.docx import REFERENCE, check_reference, to_docx
        from pohon.templatefiles import MAX_REFERENCE_BYTES, user_template

        found = user_template(template_dir, REFERENCE, MAX_REFERENCE_BYTES)
        return to_docx(doc, check_reference(*found) if found else None)
    if fmt == "csv":
        return to_csv(doc, sep)
    if fmt == "html":
        return to_html(doc, template_dir).encode("utf-8")
    return to_markdown(doc, template_dir).encode("utf-8")


def make_table(checked, jenis: str, fmt: str, years: list[int] | None = None, sep: str = ",",
               lang: str = "id", template_dir: Path | None = None, letterhead: Letterhead | None = None) -> bytes:
    """The table ``jenis`` of a checked tree in ``fmt`` (bytes); reads no file but the user's templates."""
    return render_doc(make_doc(checked, jenis, years, lang, letterhead), fmt, sep, template_dir)


def make_workbook(checked, years: list[int] | None = None, lang: str = "id",
                  letterhead: Letterhead | None = None) -> tuple[bytes | None, list[tuple[str, str]]]:
    """Every kind the tree's data supports in one workbook, one sheet each; the kinds left out
    with the reason (a builder that yields no rows). None when no kind has rows."""
    from pohon.render.tables.blocks import has_rows
    from pohon.render.tables.kinds import kinds
    from pohon.render.tables.xlsx import to_xlsx_many

    docs, skipped = [], []
    for name in kinds():
        doc = make_doc(checked, name, years, lang, letterhead)
        if has_rows(doc):
            docs.append(doc)
        else:
            skipped.append((name, t("dok_tanpa_baris", lang)))
    return (to_xlsx_many(docs) if docs else None), skipped


def file_stem(name: str) -> str:
    """A safe ASCII file name for a section name: letters, digits and ``-`` (``Kepala Bidang
    Politik & Ormas`` → ``kepala-bidang-politik-ormas``)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:MAX_FILE_STEM].strip("-")
    if text in _WINDOWS_RESERVED:
        text += "-"
    return text


def per_section(doc: TableDoc, ext: str) -> list[tuple[str, TableDoc]]:
    """One document per section (a PK per position and holder): unique file names in order
    (``01-kepala-badan.pdf``), each a copy of ``doc`` holding one section."""
    from dataclasses import replace

    out, used = [], set()
    for i, sec in enumerate(doc.sections, start=1):
        stem = f"{i:02d}-{file_stem(sec.full_name) or doc.kind}"
        name, n = f"{stem}.{ext}", 2
        while name.lower() in used:
            name, n = f"{stem}-{n}.{ext}", n + 1
        used.add(name.lower())
        out.append((name, replace(doc, sections=[sec], findings=list(doc.findings))))
    return out
