"""A section as the writers lay it out, top to bottom (one order for every format).

``flow(sec)`` is the section's content after its title lines: the blocks ``before``, the main
table, the notes (as paragraphs), the blocks ``after``, then the place and date with the
signatures. Writers that keep their own title layout (HTML, Markdown) render the title lines
themselves and the rest from :func:`flow`; the document writers (PDF, DOCX) add the title lines
as paragraphs with :func:`title_blocks`.
"""

from __future__ import annotations

from pohon.render.tables.model import Block, PageBreak, Paragraph, Section, Signatures, Table, TableDoc


def main_table(sec: Section) -> Table:
    return Table(sec.header, sec.columns, sec.widths, sec.rows)


def closing(sec: Section, city: str = "") -> Signatures | None:
    """The section's own signatures with its place and date (a city from the letterhead when the
    builder wrote no place and date)."""
    if not sec.signatures:  # a place and date alone (the builder's signatures are in a block)
        return Signatures([], sec.place_date) if sec.place_date else None
    place = sec.place_date or (f"{city}, ……………" if city else "")
    return Signatures(list(sec.signatures), place)


def flow(sec: Section, city: str = "") -> list[Block]:
    out: list[Block] = list(sec.before)
    out.append(main_table(sec))
    out += [Paragraph(note, "note") for note in sec.notes]
    out += sec.after
    end = closing(sec, city)
    if end is not None:
        out.append(end)
    return out


def block_kind(block) -> str:
    """``paragraph`` | ``table`` | ``signatures`` | ``pagebreak`` (for templates)."""
    return {Paragraph: "paragraph", Table: "table", Signatures: "signatures", PageBreak: "pagebreak"}.get(
        type(block), "")


def has_rows(doc: TableDoc) -> bool:
    """True when some section has a body row (a kind the tree's data supports)."""
    return any(sec.rows for sec in doc.sections)


def grid_rows(rows: list) -> list[list]:
    """Body rows where every covered position points at the cell that covers it."""
    out = [list(r) for r in rows]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            for di in range(cell.rowspan):
                for dj in range(cell.colspan):
                    if (di or dj) and i + di < len(out) and j + dj < len(out[i + di]):
                        out[i + di][j + dj] = cell
    return out
