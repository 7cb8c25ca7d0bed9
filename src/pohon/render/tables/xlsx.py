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
from dataclasses import replace
from datetime import datetime

from pohon.catalogue import t
from pohon.render.tables.common import sheet_name
from pohon.render.tables.blocks import closing, letterhead_city, main_table, own_title
from pohon.render.tables.model import Cell, PageBreak, Paragraph, Section, Signatures, Table, TableDoc
from pohon.render.tables.numbers import is_number, places_of, spreadsheet_number
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

    def get(self, kind: str = "text", style: str = "", problem: bool = False, places: int = 0,
            quote: bool = False):
        """A cell format; a number shows exactly its ``places`` decimals (never rounded for display)."""
        key = (kind, style, problem, places, quote)
        decimals = "." + "0" * places if places else ""
        if key not in self.cache:
            spec = {"font_name": FONT, "font_size": 9, "text_wrap": True, "valign": "top", "border": 1}
            if kind == "rupiah":
                spec.update(num_format="#,##0.00" if places else "#,##0", align="right", indent=1)
            elif kind == "number":
                spec.update(num_format=f"#,##0{decimals}", align="right", indent=1)
            elif kind == "percent":
                spec.update(num_format=f'0{decimals}"%"', align="right", indent=1)
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
    "meta_wrap": {"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "top"},
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
        places = (0 if number.is_integer() else 2) if cell.kind == "rupiah" else places_of(v)  # as the text shows it
        fmt = fmts.get(cell.kind, cell.style, bool(cell.problem), places)
    else:  # text, or a number a sheet cannot hold exactly (written as its text, aligned as a number)
        v = cell.text
        kind = cell.kind if cell.kind == "center" or is_number(cell.value) else "text"
        fmt = fmts.get(kind, cell.style, bool(cell.problem), 0, starts_formula(v))
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


def _row_heights(rows: list, widths: list[float]) -> list[float]:
    """Heights that show every wrapped line, merged cells spread over the rows they cover."""
    n = len(rows)
    lines = [1] * n
    merged = []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            width = sum(widths[j: j + cell.colspan]) or 12
            need = _lines(cell.text, width)
            if cell.rowspan == 1:
                lines[i] = max(lines[i], need)
            else:
                merged.append((i, min(cell.rowspan, n - i), need))
    for i, span, need in merged:
        have = sum(lines[i: i + span])
        if need > have:
            extra = need - have
            for k in range(span):  # spread evenly
                lines[i + k] += extra // span + (1 if k < extra % span else 0)
    return [min(MAX_ROW_HEIGHT, max(1, x) * LINE_PT + 3) for x in lines]


def _block_rows(block) -> int:
    if isinstance(block, Table):
        return len(block.title) + len(block.header) + len(block.rows) + 1
    if isinstance(block, Signatures):
        return 12
    return 2


def _section_rows(sec: Section) -> int:
    """Rows the section needs on a sheet (title lines, blocks, header, body, notes, signatures)."""
    return (3 + len(sec.title) + len(sec.header) + len(sec.rows) + 1 + len(sec.notes) + 1 + 12
            + sum(_block_rows(b) for b in [*sec.before, *sec.after]))


# paper sizes of the print setup: 9 = A4; 14 = Folio 8½ × 13 in (216 × 330 mm), the nearest to F4 (215 × 330 mm)
PAPER_CODES = {"A4": 9, "F4": 14}


def _spread(widths: list[float], sheet: list[float]) -> list[tuple[int, int]]:
    """For each of a block table's columns, the first and last sheet column it covers, so that
    its columns keep their proportions on a sheet with more (and other) columns."""
    k, n = len(widths), len(sheet)
    total, sheet_total = sum(widths) or 1, sum(sheet) or 1
    bounds, start, done = [], 0, 0.0
    for j, w in enumerate(widths):
        done += w / total
        last_allowed = n - (k - j)  # leave a column for each block column still to come
        if j == k - 1:
            end = n - 1
        else:
            acc, end = 0.0, start
            for i in range(n):
                acc += sheet[i] / sheet_total
                if i >= start and abs(acc - done) < abs(sum(sheet[: end + 1]) / sheet_total - done):
                    end = i
            end = min(max(end, start), last_allowed)
        bounds.append((start, end))
        start = end + 1
    return bounds


def _respread(rows: list, bounds: list[tuple[int, int]]) -> list:
    """Rows of a block table laid on the sheet's columns (``bounds`` from :func:`_spread`)."""
    n = bounds[-1][1] + 1
    out = []
    for row in rows:
        new = [None] * n
        for j, cell in enumerate(row[: len(bounds)]):
            if cell is not None:
                last = bounds[min(len(bounds), j + cell.colspan) - 1][1]
                new[bounds[j][0]] = replace(cell, colspan=last - bounds[j][0] + 1)
        out.append(new)
    return out


class _Sheet:
    """One worksheet: sections stacked top to bottom, with their blocks."""

    def __init__(self, wb, fmts: _Formats, doc: TableDoc, name: str, sections: list[Section]) -> None:
        self.ws = wb.add_worksheet(name)
        self.fmts, self.doc, self.lang = fmts, doc, doc.lang
        ncols = max([sec.ncols for sec in sections] + [1])
        first = sections[0] if sections else None
        self.widths = list(first.widths) if first else []
        self.widths += [12] * (ncols - len(self.widths))
        self.last_col = max(0, ncols - 1)
        self.breaks: list[int] = []
        self.header_rows: tuple[int, int] | None = None
        self.r = 0

    def widen(self, widths: list[float]) -> None:
        """A block table with more columns than the main table adds columns (their widths)."""
        if len(widths) > len(self.widths):
            self.widths += list(widths[len(self.widths):])

    def line(self, text: str, kind: str, col: int = 0, last: int | None = None, height: bool = False) -> None:
        last = self.last_col if last is None else last
        write_text(self.ws, self.r, col, text, self.fmts.named(kind, starts_formula(text)), self.lang,
                   (self.r, last))
        if height:
            width = sum(self.widths[col: last + 1]) * 0.9
            self.ws.set_row(self.r, min(MAX_ROW_HEIGHT, _lines(text, width) * 14 + 2))
        self.r += 1

    def rows(self, rows: list, widths: list[float], header: bool) -> None:
        ws = self.ws
        heights = [2 * LINE_PT + 4] * len(rows) if header else _row_heights(rows, widths)
        n = len(rows)
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                if cell is not None:
                    if cell.rowspan > n - i:  # a span beyond the table would cover what follows it
                        cell = replace(cell, rowspan=n - i)
                    _write_cell(ws, self.fmts, self.r + i, j, cell, self.lang)
            ws.set_row(self.r + i, heights[i])
        self.r += n

    def table(self, block: Table, main: bool = False) -> None:
        widths = list(block.widths) + [12] * (len(block.columns) - len(block.widths))
        header, rows = block.header, block.rows
        if not main:
            self.widen(widths)
            ncols = len(block.columns) or max((len(r) for r in [*header, *rows]), default=1)
            if ncols < len(self.widths):  # spread over the sheet's columns in proportion to its widths
                bounds = _spread(widths[:ncols] + [12] * (ncols - len(widths)), self.widths)
                header, rows = _respread(header, bounds), _respread(rows, bounds)
            widths = self.widths
        for text in block.title:
            self.line(text, "note")
        top = self.r
        self.rows(header, widths, header=True)
        if main and self.header_rows is None and header:
            self.header_rows = (top, self.r - 1)
        self.rows(rows, widths, header=False)
        self.r += 1

    def signatures(self, block: Signatures) -> None:
        self.r += 1
        right = max(0, self.last_col - 1)
        n = len(block.parties)
        cols = [right] if n <= 1 else [min(1, right), right] if n == 2 else [
            min(self.last_col, round(k * self.last_col / max(1, n - 1))) for k in range(n)]
        if block.place_date:
            self.line(block.place_date, "meta", cols[-1], cols[-1])
        top = bottom = self.r
        for col, sig in zip(cols, block.parties):
            lines = [sig.party, sig.position, None, None, None, sig.name or "(………………………)"] + (
                [sig.rank] if sig.rank else []) + ([f"NIP {sig.nip}"] if sig.nip else [])
            self.r = top
            for text in lines:
                if text:
                    self.line(text, "meta", col, col)
                else:
                    self.r += 1
            bottom = max(bottom, self.r)
        self.r = bottom + 1

    def block(self, block) -> None:
        if isinstance(block, Paragraph):
            kind = {"title": "title", "center": "sub", "bold": "note", "note": "note", "small": "finding"}.get(
                block.style or "", "meta_wrap")
            self.line(block.text, kind, height=kind in ("note", "meta_wrap", "finding"))
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Signatures):
            self.signatures(block)
        elif isinstance(block, PageBreak):
            self.r += 1
            self.breaks.append(self.r)

    def section(self, sec: Section, city: str) -> None:
        if self.r:
            self.r += 1
            self.breaks.append(self.r)
        if not own_title(sec):  # a form with its own title block (PK, SKP) prints that one only
            self.line(self.doc.title.upper(), "title")
            self.line(self.doc.subtitle, "sub")
        for text in sec.title:
            self.line(text, "meta")
        self.r += 1
        for b in sec.before:
            self.block(b)
        self.table(main_table(sec), main=True)
        for note in sec.notes:
            self.line(note, "note", height=True)
        for b in sec.after:
            self.block(b)
        end = closing(sec, city)
        if end is not None:
            self.signatures(end)

    def finish(self, freeze: bool) -> None:
        ws, doc = self.ws, self.doc
        for j, w in enumerate(self.widths):
            ws.set_column(j, j, w)
        if freeze and self.header_rows is not None:
            ws.freeze_panes(self.header_rows[1] + 1, 0)
        if doc.orientation == "landscape":
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.set_paper(PAPER_CODES.get(doc.paper, 9))
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        if freeze and self.header_rows is not None:  # stacked sections each start with their own header
            ws.repeat_rows(*self.header_rows)
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_footer("&L&8" + doc.title.replace("&", "&&") + "&R&8" + t("dok_halaman", doc.lang).replace("&", "&&")
                      + " &P / &N")
        if self.breaks:
            ws.set_h_pagebreaks(self.breaks[:1023])
        ws.print_area(0, 0, max(0, self.r), max(self.last_col, len(self.widths) - 1))


def _write_sheet(wb, fmts: _Formats, doc: TableDoc, sections: list[Section], name: str) -> None:
    sheet = _Sheet(wb, fmts, doc, name, sections)
    city = letterhead_city(doc)
    for sec in sections:
        sheet.section(sec, city)
    sheet.finish(freeze=len(sections) == 1)


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
        _write_sheet(wb, fmts, doc, [sec], name)
    _findings_sheet(wb, fmts, doc, findings_name)
    wb.close()
    return buf.getvalue()


def to_xlsx_many(docs: list[TableDoc]) -> bytes:
    """Several tables in one workbook (``pohon tabel`` without ``--jenis``): one sheet per table,
    its sections stacked with a page break between them; the check findings once, at the end."""
    import xlsxwriter

    for doc in docs:
        make_safe(doc)
    used: set[str] = set()
    names = [sheet_name(_sheet_label(doc), used) for doc in docs]
    first = docs[0]
    findings_name = sheet_name(t("tabel_catatan_periksa", first.lang), used) if first.findings else ""
    for doc, name in zip(docs, names):
        check_sheet_size(name, sum(_section_rows(sec) for sec in doc.sections), max([s.ncols for s in doc.sections] + [1]))
    check_sheet_size(findings_name, len(first.findings) + 1, 1)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, WORKBOOK_OPTIONS)
    wb.set_properties({"title": first.subtitle, "author": "pohon", "created": FIXED_DATE, "comments": first.source})
    fmts = _Formats(wb)
    for doc, name in zip(docs, names):
        _write_sheet(wb, fmts, doc, doc.sections, name)
    _findings_sheet(wb, fmts, first, findings_name)
    wb.close()
    return buf.getvalue()


def _sheet_label(doc: TableDoc) -> str:
    """A kind's short sheet name (``dok_lembar_<kind>`` in messages.yaml), else its title."""
    from pohon.catalogue import has_message

    key = "dok_lembar_" + doc.kind.replace("-", "_")
    return t(key, doc.lang) if has_message(key) else doc.title


def _findings_sheet(wb, fmts: _Formats, doc: TableDoc, findings_name: str) -> None:
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
