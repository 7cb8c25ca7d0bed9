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


PLACE_UNKNOWN = "……………,"  # a form's place and date without the place: "……………, …………… 2024"


def letterhead_city(doc: TableDoc) -> str:
    """The letterhead's city, "" without a letterhead (a form's place when it names none)."""
    return doc.letterhead.kota if doc.letterhead else ""


def place_date(text: str, city: str) -> str:
    """The place and date with the letterhead's city: written for an empty one ("Paringin,
    ……………") or for the dots of an unknown place ("Paringin, …………… 2024")."""
    if not city:
        return text
    if not text:
        return f"{city}, ……………"
    if text.startswith(PLACE_UNKNOWN):
        return city + "," + text[len(PLACE_UNKNOWN):]
    return text


def closing(sec: Section, city: str = "") -> Signatures | None:
    """The section's own signatures with its place and date (the city from the letterhead
    where the form has no place)."""
    if not sec.signatures:  # a place and date alone (the builder's signatures are in a block)
        return Signatures([], place_date(sec.place_date, city)) if sec.place_date else None
    return Signatures(list(sec.signatures), place_date(sec.place_date, city))


def flow(sec: Section, city: str = "") -> list[Block]:
    out: list[Block] = list(sec.before)
    out.append(main_table(sec))
    out += [Paragraph(note, "note") for note in sec.notes]
    out += sec.after
    end = closing(sec, city)
    if end is not None:
        out.append(end)
    return out


def own_title(sec: Section) -> bool:
    """True when the section opens with its own title (a PK's "PERJANJIAN KINERJA TAHUN …"):
    the document writers then leave out the document's title and subtitle above it."""
    return bool(sec.before) and isinstance(sec.before[0], Paragraph) and sec.before[0].style == "title"


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
