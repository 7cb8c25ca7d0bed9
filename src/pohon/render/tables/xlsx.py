"""XLSX writer (XlsxWriter): a planner's own spreadsheet.

Merged cells for the hierarchy, wrapped text, frozen header rows, column widths, number formats
for Rupiah and percentages, A4 landscape with the header rows repeated on every page, problem
cells filled and commented. Deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import io
import math
from datetime import datetime
from decimal import Decimal

from pohon.catalogue import t
from pohon.render.tables.model import Cell, Section, TableDoc

FIXED_DATE = datetime(2000, 1, 1, 0, 0, 0)
LINE_PT = 12.5  # row height per wrapped line at 9 pt
FONT = "Arial"


class _Formats:
    def __init__(self, wb) -> None:
        self.wb = wb
        self.cache: dict[tuple, object] = {}

    def get(self, kind: str = "text", style: str = "", problem: bool = False, integer: bool = True):
        key = (kind, style, problem, integer)
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
            self.cache[key] = self.wb.add_format(spec)
        return self.cache[key]


def _is_num(v) -> bool:
    return isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)


def _lines(text: str, width: float) -> int:
    chars = max(1.0, width * 1.3)  # a 9 pt font fits a little more than the nominal width
    return sum(max(1, math.ceil(len(part) / chars)) for part in str(text).split("\n")) if text else 1


def _write_cell(ws, fmts: _Formats, r: int, c: int, cell: Cell) -> None:
    v = cell.value
    integer = not _is_num(v) or Decimal(str(v)) == Decimal(str(v)).to_integral_value()
    fmt = fmts.get(cell.kind if _is_num(v) or cell.kind == "center" else "text", cell.style, bool(cell.problem), integer)
    if cell.rowspan > 1 or cell.colspan > 1:
        last_r, last_c = r + cell.rowspan - 1, c + cell.colspan - 1
        if _is_num(v):
            ws.merge_range(r, c, last_r, last_c, None, fmt)
            ws.write_number(r, c, float(v), fmt)
        else:
            ws.merge_range(r, c, last_r, last_c, "" if v is None else str(v), fmt)
    elif _is_num(v):
        ws.write_number(r, c, float(v), fmt)
    elif v is None or v == "":
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_string(r, c, str(v), fmt)
    if cell.problem:
        ws.write_comment(r, c, cell.problem, {"x_scale": 3, "y_scale": 2, "font_name": FONT, "font_size": 9})


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
    return [max(1, x) * LINE_PT + 3 for x in lines]


def _write_section(wb, fmts: _Formats, doc: TableDoc, sec: Section) -> None:
    ws = wb.add_worksheet(sec.name)
    widths = sec.widths + [12] * (sec.ncols - len(sec.widths))
    for j, w in enumerate(widths[: sec.ncols]):
        ws.set_column(j, j, w)
    title_fmt = wb.add_format({"font_name": FONT, "bold": True, "font_size": 12, "align": "center"}) \
        if "title" not in fmts.cache else fmts.cache["title"]
    fmts.cache["title"] = title_fmt
    sub_fmt = fmts.cache.setdefault("sub", wb.add_format({"font_name": FONT, "font_size": 10, "align": "center"}))
    meta_fmt = fmts.cache.setdefault("meta", wb.add_format({"font_name": FONT, "font_size": 10}))
    note_fmt = fmts.cache.setdefault("note", wb.add_format({"font_name": FONT, "font_size": 10, "bold": True,
                                                             "text_wrap": True, "valign": "top"}))
    last_col = sec.ncols - 1
    r = 0
    ws.merge_range(r, 0, r, last_col, doc.title.upper(), title_fmt)
    r += 1
    ws.merge_range(r, 0, r, last_col, doc.subtitle, sub_fmt)
    r += 1
    for line in sec.title:
        ws.merge_range(r, 0, r, last_col, line, meta_fmt)
        r += 1
    r += 1
    header_top = r
    for row in sec.header:
        for j, cell in enumerate(row):
            if cell is not None:
                _write_cell(ws, fmts, r, j, cell)
        ws.set_row(r, 2 * LINE_PT + 4)
        r += 1
    header_bottom = r - 1
    ws.freeze_panes(r, 0)
    body_top = r
    heights = _row_heights(sec, widths)
    for i, row in enumerate(sec.rows):
        for j, cell in enumerate(row):
            if cell is not None:
                _write_cell(ws, fmts, body_top + i, j, cell)
        ws.set_row(body_top + i, heights[i])
    r = body_top + len(sec.rows) + 1
    for note in sec.notes:
        ws.merge_range(r, 0, r, last_col, note, note_fmt)
        ws.set_row(r, _lines(note, sum(widths[: sec.ncols]) * 0.9) * 14 + 2)
        r += 1
    if sec.signatures:
        r += 1
        right = max(0, sec.ncols - 2)
        cols = [right] if len(sec.signatures) == 1 else [min(1, right), right]
        bottom = r
        for col, sig in zip(cols, sec.signatures):  # Pihak Kedua left, Pihak Pertama right
            lines = [sig.party, sig.position, None, None, None, sig.name] + ([f"NIP {sig.nip}"] if sig.nip else [])
            for k, line in enumerate(lines):
                if line:
                    ws.write_string(r + k, col, line, meta_fmt)
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

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": False})
    wb.set_properties({"title": doc.title, "subject": doc.subtitle, "author": "pohon", "created": FIXED_DATE,
                       "comments": doc.source})
    fmts = _Formats(wb)
    for sec in doc.sections:
        _write_section(wb, fmts, doc, sec)
    if doc.findings:
        ws = wb.add_worksheet(t("tabel_catatan_periksa", doc.lang)[:31])
        ws.set_column(0, 0, 140)
        wrap = wb.add_format({"font_name": FONT, "font_size": 9, "text_wrap": True, "valign": "top"})
        bold = wb.add_format({"font_name": FONT, "font_size": 10, "bold": True})
        ws.write_string(0, 0, t("tabel_catatan_periksa", doc.lang), bold)
        for i, f in enumerate(doc.findings, start=1):
            ws.write_string(i, 0, f, wrap)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
    wb.close()
    return buf.getvalue()
