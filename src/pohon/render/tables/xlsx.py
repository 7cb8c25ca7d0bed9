"""XLSX writer (XlsxWriter): a planner's own spreadsheet.

Merged cells for the hierarchy, wrapped text, frozen header rows, column widths, number formats
for Rupiah and percentages, A4 landscape with the header rows repeated on every page, problem
cells filled and commented. Deterministic: the same input gives the same bytes.

Safe to open: every text is written as a string (never a formula, a link or a number read from
text: the workbook's ``strings_to_*`` conversions are off), text a spreadsheet would evaluate
when edited (``=``, ``+``, ``-``, ``@`` first) carries Excel's quote prefix, and a number the
sheet cannot hold exactly (more than 15 digits, infinite) is written as its text. Sheet names
are made valid and unique; a table larger than a sheet is refused with a message; a text longer
than a cell holds (32,767 characters) is cut with a visible note.
"""

from __future__ import annotations

import io
import math
from datetime import datetime

from pohon.catalogue import t
from pohon.render.tables.common import sheet_name
from pohon.render.tables.model import Cell, Section, TableDoc
from pohon.render.tables.numbers import is_number, spreadsheet_number
from pohon.render.tables.safe import make_safe, starts_formula
from pohon.render.tables.writers import check_sheet_size

FIXED_DATE = datetime(2000, 1, 1, 0, 0, 0)
LINE_PT = 12.5  # row height per wrapped line at 9 pt
FONT = "Arial"
MAX_CELL_TEXT = 32_767  # characters a cell (or a comment) holds
MAX_ROW_HEIGHT = 409  # points: the tallest row a spreadsheet has
WORKBOOK_OPTIONS = {"in_memory": True, "constant_memory": False, "strings_to_formulas": False,
                    "strings_to_urls": False, "strings_to_numbers": False}


class _Formats:
    def __init__(self, wb) -> None:
        self.wb = wb
        self.cache: dict[tuple, object] = {}

    def get(self, kind: str = "text", style: str = "", problem: bool = False, integer: bool = True,
            quote: bool = False):
        key = (kind, style, problem, integer, quote)
        if key not in self.cache:
            spec = {"font_name": FONT, "font_size": 9, "text_wrap": True, "valign": "top", "border": 1}
            if kind == "rupiah":
                spec.update(num_format="#,##0" if integer else "#,##0.00", align="right", indent=1)
            elif kind == "number":
                spec.update(num_format="#,##0" if integer else "#,##0.##", align="right", indent=1)
            elif kind == "percent":
                spec.update(num_format='0"%"' if integer else '0.##"%"', align="right", indent=1)
            elif kind == "center":
                spec.update(align="center")
            if style == "head":
                spec.update(bold=True, align="center", valign="vcenter", bg_color="#D9E2F3")
            elif style == "group":
                spec.update(bold=True)
            elif style == "subtotal":
                spec.update(bold=True, bg_color="#EEF2F9")
            elif style == "total":
                spec.update(bold=True, bg_color="#D9E2F3")
            if problem:
                spec.update(bg_color="#FDE8E8", font_color="#9C1C1C")
            if quote:
                spec.update(quote_prefix=True)
            self.cache[key] = self.wb.add_format(spec)
        return self.cache[key]

    def named(self, name: str, quote: bool = False):
        """A format of the lines around the table (title, subtitle, meta, note), with the quote prefix."""
        key = ("named", name, quote)
        if key not in self.cache:
            self.cache[key] = self.wb.add_format({**LINE_FORMATS[name], **({"quote_prefix": True} if quote else {})})
        return self.cache[key]


LINE_FORMATS = {
    "title": {"font_name": FONT, "bold": True, "font_size": 12, "align": "center"},
    "sub": {"font_name": FONT, "font_size": 10, "align": "center"},
    "meta": {"font_name": FONT, "font_size": 10},
    "note": {"font_name": FONT, "font_size": 10, "bold": True, "text_wrap": True, "valign": "top"},
    "finding": {"font_name": FONT, "font_size": 9, "text_wrap": True, "valign": "top"},
    "finding_head": {"font_name": FONT, "font_size": 10, "bold": True},
}


def _text(text: str, lang: str) -> str:
    """``text`` as a cell holds it: cut (with a note saying so) beyond 32,767 characters."""
    if len(text) <= MAX_CELL_TEXT:
        return text
    mark = t("tabel_terpotong", lang, n=len(text))
    return text[: MAX_CELL_TEXT - len(mark) - 1] + "…" + mark


def write_text(ws, r: int, c: int, text: str, fmt, lang: str, last: tuple[int, int] | None = None) -> None:
    """User text in a cell (or a merged range up to ``last``), always as a string."""
    text = _text(text, lang)
    if last is not None and last != (r, c):
        ws.merge_range(r, c, last[0], last[1], "", fmt)
    if text:
        ws.write_string(r, c, text, fmt)
    else:
        ws.write_blank(r, c, None, fmt)


def _lines(text: str, width: float) -> int:
    chars = max(1.0, width * 1.3)  # a 9 pt font fits a little more than the nominal width
    return sum(max(1, math.ceil(len(part) / chars)) for part in str(text).split("\n")) if text else 1


def _write_cell(ws, fmts: _Formats, r: int, c: int, cell: Cell, lang: str) -> None:
    v = cell.value
    number = spreadsheet_number(v) if is_number(v) else None
    if number is not None:
        fmt = fmts.get(cell.kind, cell.style, bool(cell.problem), number.is_integer())
    else:  # text, or a number a sheet cannot hold exactly (written as its text, aligned as a number)
        v = cell.text
        kind = cell.kind if cell.kind == "center" or is_number(cell.value) else "text"
        fmt = fmts.get(kind, cell.style, bool(cell.problem), True, starts_formula(v))
    last = (r + cell.rowspan - 1, c + cell.colspan - 1)
    if number is not None:
        if last != (r, c):
            ws.merge_range(r, c, last[0], last[1], "", fmt)
        ws.write_number(r, c, number, fmt)
    else:
        write_text(ws, r, c, v, fmt, lang, last)
    if cell.problem:
        ws.write_comment(r, c, _text(cell.problem, lang), {"x_scale": 3, "y_scale": 2, "font_name": FONT,
                                                           "font_size": 9})


def _row_heights(sec: Section, widths: list[float]) -> list[float]:
    """Heights that show every wrapped line, merged cells spread over the rows they cover."""
    n = len(sec.rows)
    lines = [1] * n
    merged = []
    for i, row in enumerate(sec.rows):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            width = sum(widths[j: j + cell.colspan])
            need = _lines(cell.text, width)
            if cell.rowspan == 1:
                lines[i] = max(lines[i], need)
            else:
                merged.append((i, cell.rowspan, need))
    for i, span, need in merged:
        have = sum(lines[i: i + span])
        if need > have:
            extra = need - have
            for k in range(span):  # spread evenly
                lines[i + k] += extra // span + (1 if k < extra % span else 0)
    return [min(MAX_ROW_HEIGHT, max(1, x) * LINE_PT + 3) for x in lines]


def _section_rows(sec: Section) -> int:
    """Rows the section's sheet needs (title lines, header, body, notes, signatures)."""
    return 3 + len(sec.title) + len(sec.header) + len(sec.rows) + 1 + len(sec.notes) + 1 + 7


def _write_section(wb, fmts: _Formats, doc: TableDoc, sec: Section, name: str) -> None:
    ws = wb.add_worksheet(name)
    lang = doc.lang
    widths = sec.widths + [12] * (sec.ncols - len(sec.widths))
    for j, w in enumerate(widths[: sec.ncols]):
        ws.set_column(j, j, w)
    last_col = sec.ncols - 1

    def line(r: int, text: str, kind: str, col: int = 0, last: int | None = None) -> None:
        write_text(ws, r, col, text, fmts.named(kind, starts_formula(text)), lang,
                   (r, last_col if last is None else last))

    r = 0
    line(r, doc.title.upper(), "title")
    r += 1
    line(r, doc.subtitle, "sub")
    r += 1
    for text in sec.title:
        line(r, text, "meta")
        r += 1
    r += 1
    header_top = r
    for row in sec.header:
        for j, cell in enumerate(row):
            if cell is not None:
                _write_cell(ws, fmts, r, j, cell, lang)
        ws.set_row(r, 2 * LINE_PT + 4)
        r += 1
    header_bottom = r - 1
    ws.freeze_panes(r, 0)
    body_top = r
    heights = _row_heights(sec, widths)
    for i, row in enumerate(sec.rows):
        for j, cell in enumerate(row):
            if cell is not None:
                _write_cell(ws, fmts, body_top + i, j, cell, lang)
        ws.set_row(body_top + i, heights[i])
    r = body_top + len(sec.rows) + 1
    for note in sec.notes:
        line(r, note, "note")
        ws.set_row(r, min(MAX_ROW_HEIGHT, _lines(note, sum(widths[: sec.ncols]) * 0.9) * 14 + 2))
        r += 1
    if sec.signatures:
        r += 1
        right = max(0, sec.ncols - 2)
        cols = [right] if len(sec.signatures) == 1 else [min(1, right), right]
        bottom = r
        for col, sig in zip(cols, sec.signatures):  # Pihak Kedua left, Pihak Pertama right
            lines = [sig.party, sig.position, None, None, None, sig.name] + ([sig.rank] if sig.rank else []) + (
                [f"NIP {sig.nip}"] if sig.nip else [])
            for k, text in enumerate(lines):
                if text:
                    line(r + k, text, "meta", col, col)
            bottom = max(bottom, r + len(lines))
        r = bottom
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.repeat_rows(header_top, header_bottom)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer("&L&8" + doc.title.replace("&", "&&") + "&R&8&P / &N")
    ws.print_area(0, 0, max(r, body_top + len(sec.rows)), last_col)


def to_xlsx(doc: TableDoc) -> bytes:
    import xlsxwriter

    make_safe(doc)
    used: set[str] = set()
    names = [sheet_name(sec.name, used) for sec in doc.sections]
    findings_name = sheet_name(t("tabel_catatan_periksa", doc.lang), used) if doc.findings else ""
    for sec, name in zip(doc.sections, names):
        check_sheet_size(name, _section_rows(sec), sec.ncols)
    check_sheet_size(findings_name, len(doc.findings) + 1, 1)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, WORKBOOK_OPTIONS)
    wb.set_properties({"title": doc.title, "subject": doc.subtitle, "author": "pohon", "created": FIXED_DATE,
                       "comments": doc.source})
    fmts = _Formats(wb)
    for sec, name in zip(doc.sections, names):
        _write_section(wb, fmts, doc, sec, name)
    if doc.findings:
        ws = wb.add_worksheet(findings_name)
        ws.set_column(0, 0, 140)
        head = t("tabel_catatan_periksa", doc.lang)
        write_text(ws, 0, 0, head, fmts.named("finding_head", starts_formula(head)), doc.lang)
        for i, f in enumerate(doc.findings, start=1):
            write_text(ws, i, 0, f, fmts.named("finding", starts_formula(f)), doc.lang)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
    wb.close()
    return buf.getvalue()
