"""DOCX writer (python-docx): a document a planner can adjust and sign in Word or LibreOffice.

Each section starts on a new page with the letterhead (kop surat), the title, the section's
title lines, then its blocks (:func:`pohon.render.tables.blocks.flow`): paragraphs, tables with
merged cells and header rows repeated on every page, the place and date, and the signatures as
a borderless table side by side. Page size (A4, F4 = 215 × 330 mm) and orientation come from
the document; the footer holds the title and the page number (a PAGE field).

A reference document ``document.docx`` in ``--template-dir`` gives the styles, page margins and
header/footer of the planner's office (its body is emptied first).

Deterministic: fixed core properties (dates, revision, author) and fixed ZIP timestamps.
Text is always inserted as text runs (never fields or hyperlinks from the tree).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from pohon.catalogue import t
from pohon.render.tables.blocks import flow, letterhead_city, own_title
from pohon.render.tables.model import Cell, PageBreak, Paragraph, Signatures, Table, TableDoc
from pohon.render.tables.pdf import PAPER_MM
from pohon.render.tables.safe import make_safe

FIXED_DATE = datetime(2000, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
REFERENCE = "document.docx"
FONT = "Times New Roman"
FILL = {"head": "D9E2F3", "total": "D9E2F3", "subtotal": "EEF2F9"}
PROBLEM_FILL = "FDE8E8"


def to_docx(doc: TableDoc, reference: bytes | None = None) -> bytes:
    """``doc`` as a Word document (on the styles of ``reference``, a checked .docx, when given)."""
    import docx
    from docx.shared import Mm, Pt

    make_safe(doc)
    document = docx.Document(io.BytesIO(reference) if reference else None)
    if reference:
        body = document.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
    normal = document.styles["Normal"]
    if not reference:
        normal.font.name = FONT
        normal.font.size = Pt(11)
    head = doc.letterhead
    city = letterhead_city(doc)
    section = document.sections[0]
    width, height = PAPER_MM.get(doc.paper, PAPER_MM["A4"])
    landscape = doc.orientation == "landscape"
    from docx.enum.section import WD_ORIENT

    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
    if not reference:
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(16), Mm(18)
        _footer(section, doc.title, doc.lang)
    usable = section.page_width - section.left_margin - section.right_margin
    for i, sec in enumerate(doc.sections):
        if i:  # each section (a PK per position) is a Word section of its own, numbered from 1
            _new_section(document)
        if head:
            _letterhead(document, head, usable)
        if not own_title(sec):  # a form with its own title block (PK, SKP) prints that one only
            _outline(_para(document, doc.title.upper(), bold=True, center=True, size=12))
            if doc.subtitle:
                _para(document, doc.subtitle, center=True)
        for line in sec.title:
            _para(document, line, space_after=0)
        for block in flow(sec, city):
            _block(document, block, usable)
    if doc.findings:
        _new_section(document)
        _para(document, t("tabel_catatan_periksa", doc.lang), bold=True)
        for f in doc.findings:
            _para(document, "• " + f, size=8, space_after=0)
    props = document.core_properties
    props.title, props.subject, props.author = doc.title[:255], doc.subtitle[:255], "pohon"
    props.last_modified_by, props.comments, props.revision = "pohon", doc.source[:255], 1
    props.created = props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip(buf.getvalue())


MAX_REFERENCE_UNPACKED = 100_000_000  # bytes a reference document may unpack to (no ZIP bomb)


def check_reference(data: bytes, path: str) -> bytes:
    """A user's reference document, refused with a message when python-docx cannot open it or
    it unpacks to more than 100 MB."""
    from pohon.diagnostics import Term
    from pohon.errors import PohonError

    try:
        import docx

        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
        if unpacked > MAX_REFERENCE_UNPACKED:
            raise PohonError("tabel_templat_galat", file=path, line=0,
                             detail=Term.of("dok_docx_terlalu_besar", max=MAX_REFERENCE_UNPACKED))
        docx.Document(io.BytesIO(data))
    except PohonError:
        raise
    except Exception as e:  # not a Word document: python-docx and zipfile raise several kinds
        raise PohonError("tabel_templat_galat", file=path, line=0,
                         detail=Term.of("dok_bukan_docx", error=type(e).__name__)) from None
    return data


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and permissions (python-docx stamps the time of saving)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# -- pieces ---------------------------------------------------------------------------------

def _para(container, text: str, bold: bool = False, center: bool = False, right: bool = False, size: float = 0,
          space_after: float = 4, italic: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    _runs(p, text, bold=bold, size=size, italic=italic)
    return p


def _runs(p, text: str, bold: bool = False, size: float = 0, italic: bool = False, color: str = "") -> None:
    """``text`` as runs with line breaks (never a field or a link)."""
    from docx.shared import Pt, RGBColor

    for k, part in enumerate(str(text).split("\n")):
        run = p.add_run()
        if k:
            run.add_break()
        if part:
            run._r.add_t(part)  # the text as it is (Run.text would read tabs and breaks into it)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)


def _outline(p) -> None:
    """Mark a title paragraph as a level-1 heading for Word's navigation pane (keeps its look)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(level)


def _new_section(document) -> None:
    from docx.enum.section import WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = document.add_section(WD_SECTION.NEW_PAGE)
    number = OxmlElement("w:pgNumType")
    number.set(qn("w:start"), "1")
    section._sectPr.append(number)


def _page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _block(document, block, usable) -> None:
    if isinstance(block, Paragraph):
        style = block.style or ""
        p = _para(document, block.text, bold=style in ("title", "bold", "note"), center=style in ("title", "center"),
                  size=12 if style == "title" else 8 if style == "small" else 0)
        if style == "title":
            _outline(p)
    elif isinstance(block, Table):
        for line in block.title:
            _para(document, line, bold=True, space_after=2)
        _table(document, block, usable)
    elif isinstance(block, Signatures):
        _signatures(document, block, usable)
    elif isinstance(block, PageBreak):
        _page_break(document)


def _set_cell_fill(cell, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    tc_pr.append(shd)


def _borders(table, visible: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "404040")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _ncols(block: Table) -> int:
    """The table's columns: its labels, or (a label–value block) its longest row."""
    return max(1, len(block.columns) or max((len(r) for r in [*block.header, *block.rows]), default=1))


def _slots(rows: list, ncols: int) -> list[list[tuple[str, Cell | None, int]]]:
    """Each row as Word cells: ("origin", cell, colspan), ("continue", cell, colspan) under a
    row span, or ("empty", None, 1); columns covered by a column span are left out."""
    nrows = len(rows)
    owner: list[list[tuple[Cell, int, int] | None]] = [[None] * ncols for _ in range(nrows)]
    for i, row in enumerate(rows):  # a row lists every column; None where a span covers it
        for j, cell in enumerate(row[:ncols]):
            if cell is None:
                continue
            found = (cell, i, j)
            for a in range(i, min(nrows, i + max(1, cell.rowspan))):
                for b in range(j, min(ncols, j + max(1, cell.colspan))):
                    owner[a][b] = found
    out = []
    for i in range(nrows):
        slots, j = [], 0
        while j < ncols:
            found = owner[i][j]
            if found is None:
                slots.append(("empty", None, 1))
                j += 1
                continue
            cell, oi, oj = found
            span = 1
            while j + span < ncols and owner[i][j + span] is found:
                span += 1
            slots.append(("origin" if oi == i else "continue", cell, span))
            j += span
        out.append(slots)
    return out


def _table(document, block: Table, usable) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt
    from docx.table import _Cell

    ncols = _ncols(block)
    rows = [*block.header, *block.rows]
    if not rows:
        return
    table = document.add_table(rows=0, cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table, bool(block.header))  # a label–value block (no header) has no lines
    widths = [float(w) if w and w > 0 else 10.0 for w in list(block.widths)[:ncols]]
    widths += [10.0] * (ncols - len(widths))
    total = sum(widths)
    col_widths = [int(usable * w / total) for w in widths]
    for j, col in enumerate(table.columns):
        col.width = col_widths[j]
    size = 7 if ncols > 12 else 8 if ncols > 7 else 9
    nhead = len(block.header)
    for i, slots in enumerate(_slots(rows, ncols)):
        row = table.add_row()
        if i < nhead:
            _repeat_header(row)
        tr = row._tr
        tcs = list(tr.tc_lst)
        for extra in tcs[len(slots):]:
            tr.remove(extra)
        j = 0
        for tc, (kind, cell, span) in zip(tcs, slots):
            if span > 1:
                tc.grid_span = span
            tc.width = sum(col_widths[j: j + span])
            j += span
            if cell is not None and cell.rowspan > 1:
                tc.vMerge = "restart" if kind == "origin" else "continue"
            if kind == "origin":
                _fill_cell(_Cell(tc, table), cell, size, head=i < nhead)
    document.add_paragraph().paragraph_format.space_after = Pt(2)


def _fill_cell(target, cell: Cell, size: float, head: bool) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = target.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    style = cell.style or ""
    if style == "head" or head:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    elif cell.kind in ("rupiah", "number", "percent"):
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif cell.kind == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(p, cell.text, bold=style in ("head", "total", "subtotal", "group") or head, size=size)
    if cell.problem:
        _runs(p, " ⚠", size=size, color="C0392B")
        _set_cell_fill(target, PROBLEM_FILL)
    elif style in FILL or head:
        _set_cell_fill(target, FILL.get(style, FILL["head"]))


def _signatures(document, block: Signatures, usable) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    parties = list(block.parties)
    if len(parties) <= 1:  # one signer signs on the right half, as on a letter
        parties.insert(0, None)
    n = len(parties)
    table = document.add_table(rows=2, cols=n)
    table.autofit = False
    _borders(table, False)
    for j in range(n):
        table.columns[j].width = int(usable / n)
    for row in table.rows:
        cant_split = OxmlElement("w:cantSplit")  # a signature never breaks across pages
        row._tr.get_or_add_trPr().append(cant_split)
        for c in row.cells:
            c.width = int(usable / n)
    place = table.cell(0, n - 1).paragraphs[0]
    place.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(place, block.place_date or "")
    for j, sig in enumerate(parties):
        if sig is None:
            continue
        c = table.cell(1, j)
        lines = [(sig.party, False), (sig.position, False), ("", False), ("", False), ("", False),
                 (sig.name or "(………………………………)", True)]
        if sig.rank:
            lines.append((sig.rank, False))
        if sig.nip:
            lines.append((f"NIP {sig.nip}", False))
        for k, (text, bold) in enumerate(lines):
            p = c.paragraphs[0] if k == 0 else c.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.keep_with_next = True
            _runs(p, text, bold=bold)
            if bold and sig.name:
                for r in p.runs:
                    r.underline = True


def _letterhead(document, head, usable) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    lines = [(head.pemda.upper(), 13, True), (head.nama.upper(), 14, True), (head.alamat, 9, False),
             (head.kontak, 9, False)]
    lines = [x for x in lines if x[0]]
    logo = head.logo if head.logo else None
    if logo:
        table = document.add_table(rows=1, cols=3)
        table.autofit = False
        _borders(table, False)
        widths = [Mm(24), usable - Mm(48), Mm(24)]
        for j, c in enumerate(table.rows[0].cells):
            c.width = widths[j]
            table.columns[j].width = widths[j]
        try:
            table.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(logo), width=Mm(20))
        except Exception:  # an image python-docx cannot read: the letterhead without it
            pass
        cell = table.cell(0, 1)
        target_first = cell.paragraphs[0]
    else:
        cell, target_first = document, None
    for k, (text, size, bold) in enumerate(lines):
        p = target_first if (k == 0 and target_first is not None) else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _runs(p, text, bold=bold, size=size)
    rule = document.add_paragraph()
    rule.paragraph_format.space_after = Pt(8)
    p_pr = rule._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "thickThinSmallGap")
    bottom.set(qn("w:sz"), "18")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    p_pr.append(borders)


def _footer(section, title: str, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _runs(p, f"{title} · {t('dok_halaman', lang)} ", size=8)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "16")
    rpr.append(sz)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    p._p.append(fld)
