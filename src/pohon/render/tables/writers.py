"""Text writers: CSV (UTF-8 with BOM), Markdown and HTML (Jinja2 templates)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from pohon.catalogue import t
from pohon.render.tables.model import Cell, Section, TableDoc

FORMATS = ("html", "md", "csv", "xlsx")
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv", ".xlsx": "xlsx"}


def grid(section: Section) -> list[list[Cell | None]]:
    """Body rows where every covered position points at the cell that covers it."""
    out: list[list[Cell | None]] = [list(r) for r in section.rows]
    for i, row in enumerate(section.rows):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            for di in range(cell.rowspan):
                for dj in range(cell.colspan):
                    if (di or dj) and i + di < len(out) and j + dj < len(out[i + di]):
                        out[i + di][j + dj] = cell
    return out


# -- CSV ------------------------------------------------------------------------------------

def _csv_value(cell: Cell, sep: str):
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, Decimal, float)) and not isinstance(v, bool):
        d = Decimal(str(v))
        text = str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")
        return text.replace(".", ",") if sep == ";" else text
    return str(v)


def to_csv(doc: TableDoc, sep: str = ",") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([doc.title])
    w.writerow([doc.subtitle])
    for sec in doc.sections:
        w.writerow([])
        for line in sec.title:
            w.writerow([line])
        w.writerow(sec.columns)
        for row in grid(sec):
            out = []
            for j, cell in enumerate(row):
                if cell is None:
                    out.append("")
                elif j > 0 and row[j - 1] is cell:  # a column span: the value once
                    out.append("")
                else:
                    out.append(_csv_value(cell, sep))
            w.writerow(out)
        for note in sec.notes:
            w.writerow([note])
        for sig in sec.signatures:
            w.writerow([sig.party, sig.position, sig.name, f"NIP {sig.nip}" if sig.nip else ""])
    if doc.findings:
        w.writerow([])
        w.writerow([t("tabel_catatan_periksa", doc.lang)])
        for f in doc.findings:
            w.writerow([f])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# -- Jinja2 (Markdown, HTML) ------------------------------------------------------------------

def environment(template_dir: str | Path | None = None):
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

    loaders = []
    if template_dir:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(PackageLoader("pohon", "templates/tables"))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(["html", "htm", "html.j2"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = _md_escape
    env.globals["t"] = t
    return env


def _md_escape(text) -> str:
    s = "" if text is None else str(text)
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def to_markdown(doc: TableDoc, template_dir=None) -> str:
    env = environment(template_dir)
    sections = [{"sec": s, "rows": _md_rows_fast(s)} for s in doc.sections]
    return env.get_template("table.md.j2").render(doc=doc, sections=sections, lang=doc.lang)


def _md_rows_fast(sec: Section) -> list[list[str]]:
    own = {}
    for i, r in enumerate(sec.rows):
        for j, c in enumerate(r):
            if c is not None:
                own[id(c)] = (i, j)
    rows = []
    for i, row in enumerate(grid(sec)):
        out = []
        for j, cell in enumerate(row):
            if cell is None or own.get(id(cell)) != (i, j):
                out.append("")
                continue
            text = cell.text
            if cell.problem:
                text += " ⚠"
            if cell.style in ("subtotal", "total", "head") and text:
                text = f"**{text}**"
            out.append(text)
        rows.append(out)
    return rows


def to_html(doc: TableDoc, template_dir=None) -> str:
    env = environment(template_dir)
    return env.get_template("table.html.j2").render(doc=doc, lang=doc.lang)
