"""Text writers: CSV (UTF-8 with BOM), Markdown and HTML (Jinja2 templates).

No output runs anything (see ``safe.py``): CSV fields a spreadsheet would evaluate get a ``'``
in front, Markdown text is escaped (no HTML, links or images from the tree), HTML is escaped
by the template engine. Templates, pohon's and the user's (``--template-dir``), run in Jinja2's
immutable sandbox: they read the table, never Python's internals, files or the environment.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from pohon.catalogue import t
from pohon.errors import PohonError
from pohon.render.tables.blocks import block_kind, closing, flow, grid_rows, letterhead_city
from pohon.render.tables.model import Cell, PageBreak, Paragraph, Section, Signatures, Table, TableDoc
from pohon.render.tables.numbers import is_number, plain_text
from pohon.render.tables.safe import MarkdownText, csv_text, make_safe, md_text

FORMATS = ("html", "md", "csv", "xlsx", "docx", "pdf")
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv", ".xlsx": "xlsx",
              ".docx": "docx", ".pdf": "pdf"}
MAX_ROWS, MAX_COLS = 1_048_576, 16_384  # a spreadsheet's sheet (XLSX, and CSV opened in one)


def grid(section: Section) -> list[list[Cell | None]]:
    """Body rows where every covered position points at the cell that covers it."""
    return grid_rows(section.rows)


def check_sheet_size(name: str, rows: int, cols: int) -> None:
    """A table a spreadsheet cannot hold is refused with a message, never cut silently."""
    if rows > MAX_ROWS or cols > MAX_COLS:
        raise PohonError("tabel_terlalu_besar", sheet=name, rows=rows, cols=cols, max_rows=MAX_ROWS,
                         max_cols=MAX_COLS)


# -- CSV ------------------------------------------------------------------------------------

def _csv_value(cell: Cell, sep: str) -> str:
    v = cell.value
    if v is None:
        return ""
    if is_number(v):  # a number is data: written plainly, never prefixed (its sign is a sign)
        return plain_text(v, "," if sep == ";" else ".")
    return csv_text(str(v))


def to_csv(doc: TableDoc, sep: str = ",") -> bytes:
    make_safe(doc)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def line(*texts) -> None:
        w.writerow([csv_text(x) for x in texts])

    def table_rows(rows) -> None:
        for row in grid_rows(rows):
            out = []
            for j, cell in enumerate(row):
                if cell is None:
                    out.append("")
                elif j > 0 and row[j - 1] is cell:  # a column span: the value once
                    out.append("")
                else:
                    out.append(_csv_value(cell, sep))
            w.writerow(out)

    head = doc.letterhead
    if head:
        for text in (head.pemda, head.nama, head.alamat, head.kontak):
            if text:
                line(text)
    line(doc.title)
    line(doc.subtitle)
    for sec in doc.sections:
        check_sheet_size(sec.name, len(sec.title) + 1 + len(sec.rows) + len(sec.notes) + len(sec.signatures) + 3
                         + sum(len(b.rows) + len(b.header) + len(b.title) + 1 if isinstance(b, Table) else 4
                               for b in [*sec.before, *sec.after]), sec.ncols)
        w.writerow([])
        for text in sec.title:
            line(text)
        for block in flow(sec, letterhead_city(doc)):
            if isinstance(block, Paragraph):
                line(block.text)
            elif isinstance(block, Table):
                for text in block.title:
                    line(text)
                if block.rows is sec.rows:  # the main table: its flat column labels (a reader's first row)
                    line(*block.columns)
                else:
                    table_rows(block.header)
                table_rows(block.rows)
            elif isinstance(block, Signatures):
                if block.place_date:
                    line(block.place_date)
                for sig in block.parties:
                    line(sig.party, sig.position, sig.name, *([sig.rank] if sig.rank else []),
                         f"NIP {sig.nip}" if sig.nip else "")
            elif isinstance(block, PageBreak):
                w.writerow([])
    if doc.findings:
        w.writerow([])
        line(t("tabel_catatan_periksa", doc.lang))
        for f in doc.findings:
            line(f)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# -- Jinja2 (Markdown, HTML) ------------------------------------------------------------------

MAX_TEMPLATE_BYTES = 1_000_000
MAX_TEMPLATE_TEXT = 10_000_000  # the longest string or list a template may build with * or **


class TemplateProblem(Exception):
    """A user's template file that cannot be used (not a regular file, too big, not UTF-8)."""

    def __init__(self, key: str, path: str, **params) -> None:
        super().__init__(key)
        self.key, self.path, self.params = key, path, params


def _loaders(template_dir):
    from jinja2 import FileSystemLoader, PackageLoader
    from jinja2.loaders import split_template_path

    class UserTemplates(FileSystemLoader):
        """The user's folder: regular files of at most 1 MB, UTF-8."""

        def get_source(self, environment, template):
            for base in self.searchpath:
                path = os.path.join(base, *split_template_path(template))
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):
                    raise TemplateProblem("tabel_templat_bukan_berkas", path)
                if st.st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateProblem("tabel_templat_terlalu_besar", path, max=MAX_TEMPLATE_BYTES)
                try:
                    return super().get_source(environment, template)
                except UnicodeDecodeError:
                    raise TemplateProblem("tabel_templat_bukan_utf8", path) from None
            return super().get_source(environment, template)

    loaders = [UserTemplates(str(template_dir))] if template_dir else []
    return loaders + [PackageLoader("pohon", "templates/tables")]


def environment(template_dir: str | Path | None = None, html: bool = False):
    """The sandboxed Jinja2 environment for one output format: HTML escapes every value; Markdown
    escapes every value with :func:`md_text` (the ``md`` filter marks a value as escaped)."""
    from jinja2 import ChoiceLoader
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
    from markupsafe import Markup

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**" and is_number(left) and is_number(right) and abs(right) > 64 and abs(left) > 1:
                raise SecurityError("** too big")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_TEMPLATE_TEXT:
                        raise SecurityError("* too big")
            return super().call_binop(context, operator, left, right)

    def md_finalize(value):
        if isinstance(value, (Markup, MarkdownText)) or value is None:
            return "" if value is None else value
        return md_text(value)

    options = {"autoescape": True} if html else {"autoescape": False, "finalize": md_finalize}
    env = Sandbox(loader=ChoiceLoader(_loaders(template_dir)), trim_blocks=True, lstrip_blocks=True,
                  keep_trailing_newline=True, **options)
    env.filters["md"] = md_text
    env.globals["t"] = t
    return env


def _render(doc: TableDoc, name: str, template_dir, html: bool, **context) -> str:
    """Render template ``name``; a user's template that fails is a one-line message (exit 2)."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    try:
        return environment(template_dir, html).get_template(name).render(doc=doc, lang=doc.lang, **context)
    except TemplateProblem as e:
        raise PohonError(e.key, path=e.path, **e.params) from None
    except TemplateSyntaxError as e:
        raise PohonError("tabel_templat_galat", file=e.filename or e.name or name, line=e.lineno or 0,
                         detail=e.message or "") from None
    except TemplateNotFound as e:
        file, line = _template_frame(e, name)
        raise PohonError("tabel_templat_tidak_ada", file=file, line=line, name=e.name) from None
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError, RecursionError,
            MemoryError) as e:
        if not template_dir and not isinstance(e, TemplateError):
            raise  # pohon's own templates: a bug, not the user's
        file, line = _template_frame(e, name)
        raise PohonError("tabel_templat_galat", file=file, line=line, detail=_one_line(e)) from None


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _template_frame(e: BaseException, name: str) -> tuple[str, int]:
    """The innermost template file and line of a rendering error: Jinja2 puts them in the
    traceback as frames of the template's file (every other frame is Python's)."""
    found = (name, 0)
    tb = e.__traceback__
    while tb is not None:
        file = tb.tb_frame.f_code.co_filename
        if not file.endswith((".py", ".pyc")) and not (file.startswith("<") and file.endswith(">")):
            found = (file, tb.tb_lineno)
        tb = tb.tb_next
    return found


def to_markdown(doc: TableDoc, template_dir=None) -> str:
    make_safe(doc)
    city = letterhead_city(doc)
    sections = []
    for s in doc.sections:
        items = []
        for b in flow(s, city):
            item = {"kind": block_kind(b), "block": b}
            if isinstance(b, Table):
                ncols = len(b.columns) or max((len(r) for r in [*b.header, *b.rows]), default=1)
                item["columns"] = [md_text(c) for c in b.columns] or [MarkdownText(" ")] * ncols
                item["rows"] = _md_rows_fast(b.rows if b.columns else [*b.header, *b.rows])
            items.append(item)
        main = next(i for i in items if i["kind"] == "table" and i["block"].rows is s.rows)
        sections.append({"sec": s, "rows": main["rows"], "flow": items})
    return _render(doc, "table.md.j2", template_dir, html=False, sections=sections, letterhead=doc.letterhead)


def _md_rows_fast(body: list) -> list[list[MarkdownText]]:
    own = {}
    for i, r in enumerate(body):
        for j, c in enumerate(r):
            if c is not None:
                own[id(c)] = (i, j)
    rows = []
    empty = MarkdownText("")
    for i, row in enumerate(grid_rows(body)):
        out = []
        for j, cell in enumerate(row):
            if cell is None or own.get(id(cell)) != (i, j):
                out.append(empty)
                continue
            text = md_text(cell.text)
            if cell.problem:
                text += " ⚠"
            if cell.style in ("subtotal", "total", "head") and text:
                text = f"**{text}**"
            out.append(MarkdownText(text))
        rows.append(out)
    return rows


def to_html(doc: TableDoc, template_dir=None) -> str:
    make_safe(doc)
    city = letterhead_city(doc)
    sections = [{"sec": s, "flow": [{"kind": block_kind(b), "block": b} for b in flow(s, city)]} for s in doc.sections]
    head = doc.letterhead
    logo_uri = ""
    if head and head.logo:
        import base64

        mime = "image/png" if head.logo_type == "png" else "image/jpeg"
        logo_uri = f"data:{mime};base64," + base64.b64encode(head.logo).decode("ascii")
    size = {"F4": "215mm 330mm"}.get(doc.paper, "A4")
    page_size = f"{size} {doc.orientation if doc.orientation in ('portrait', 'landscape') else 'portrait'}"
    return _render(doc, "table.html.j2", template_dir, html=True, sections=sections, letterhead=head,
                   logo_uri=logo_uri, page_size=page_size)
