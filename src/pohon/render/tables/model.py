"""A format-neutral table: sections of header and body rows with spans, typed cells and
problem marks. Builders (``build.py``) make it from a tree; writers render it as HTML,
Markdown, CSV or XLSX."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Cell:
    value: Any = None  # str, int, float, Decimal or None
    kind: str = "text"  # text | rupiah | number | percent | center
    rowspan: int = 1
    colspan: int = 1
    style: str = ""  # "" | group | subtotal | total | head
    problem: str | None = None  # what pohon check found here (shown as a mark/comment)

    @property
    def text(self) -> str:
        """The value as a reader sees it (numbers in Indonesian notation, any size, sign kept)."""
        from pohon.render.tables.numbers import is_number, number_text, rupiah_text

        v = self.value
        if v is None:
            return ""
        if self.kind == "rupiah" and is_number(v):
            return rupiah_text(v, prefix="")
        if is_number(v):
            return number_text(v) if self.kind in ("number", "percent") else str(v)
        return str(v)


Row = list  # list[Cell | None]; None = covered by a span from above or the left


@dataclass
class Signature:
    """A signature block under a table (PK): the party, the position, then room to sign and the name."""

    party: str  # "Pihak Pertama" / "Pihak Kedua"
    position: str
    name: str = ""  # empty: written by hand
    nip: str = ""
    rank: str = ""  # pangkat/golongan


@dataclass
class Paragraph:
    """A line of running text outside a table (a PK's statement, a form's heading)."""

    text: str
    style: str = ""  # "" | title (centred, bold, larger) | center | bold | small


@dataclass
class Table:
    """A further table in a section, before or after its main table (a PK's Program–Anggaran
    block, an SKP's Pegawai yang dinilai / Pejabat Penilai block)."""

    header: list[Row]  # header rows (with spans); empty for a label–value block
    columns: list[str]
    widths: list[float]
    rows: list[Row] = field(default_factory=list)
    title: list[str] = field(default_factory=list)


@dataclass
class Signatures:
    """A row of signature places (left to right), with the place and date above them."""

    parties: list[Signature]
    place_date: str = ""  # "Paringin, …………… 2024"


@dataclass
class PageBreak:
    """Start a new page (PDF, DOCX); other formats ignore it or draw a rule."""


Block = Paragraph | Table | Signatures | PageBreak


@dataclass
class Section:
    name: str  # sheet name / anchor
    title: list[str]  # lines above the table
    header: list[Row]  # header rows (with spans)
    columns: list[str]  # one flat label per column (Markdown, CSV)
    widths: list[float]  # column widths in characters (XLSX)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines below the table
    signatures: list[Signature] = field(default_factory=list)  # signature blocks, left to right (PK)
    before: list[Block] = field(default_factory=list)  # blocks between the title and the main table
    after: list[Block] = field(default_factory=list)  # blocks between the notes and the signatures
    place_date: str = ""  # above the signatures: "Paringin, …………… 2024"
    label: str = ""  # the full name (PDF bookmark, file name) when ``name`` is cut to a sheet name

    @property
    def full_name(self) -> str:
        return self.label or self.name

    @property
    def ncols(self) -> int:
        return len(self.columns)


@dataclass
class Letterhead:
    """The kop surat above a document (PDF, DOCX): the Pemda, the organisation, its address line,
    a contact line, the city where documents are signed, and the logo's bytes (checked PNG/JPEG)."""

    pemda: str = ""
    nama: str = ""
    alamat: str = ""
    kontak: str = ""  # "Telp. … · Email … · Laman …"
    kota: str = ""
    logo: bytes | None = None
    logo_type: str = ""  # png | jpg

    def __bool__(self) -> bool:
        return bool(self.pemda or self.nama or self.alamat or self.kontak or self.logo)


@dataclass
class TableDoc:
    kind: str
    title: str
    subtitle: str
    sections: list[Section]
    findings: list[str] = field(default_factory=list)  # "file:line: CODE message" of the check
    lang: str = "id"
    source: str = ""
    orientation: str = "portrait"  # portrait | landscape: the form's page (PDF, DOCX, XLSX print setup)
    paper: str = "A4"  # A4 | F4
    letterhead: Letterhead | None = None  # set by the service from the tree's `organisasi.kop` or --pengaturan


def spans_from_keys(keys: list[Any]) -> list[int]:
    """Row spans for a column where equal consecutive non-None keys merge: 3 → [3, 0, 0]."""
    spans = [1] * len(keys)
    i = 0
    while i < len(keys):
        j = i + 1
        if keys[i] is not None:
            while j < len(keys) and keys[j] == keys[i]:
                j += 1
        spans[i] = j - i
        for k in range(i + 1, j):
            spans[k] = 0
        i = j
    return spans
