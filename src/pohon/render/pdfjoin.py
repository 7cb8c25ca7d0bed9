"""Join Graphviz's one-page PDFs into one PDF, a page each, with a bookmark per page; shrink a
one-page PDF onto a paper size.

``pohon render --pisah -o pohon.pdf`` draws every page with Graphviz (cairo), which writes
plain PDFs: a classic cross-reference table, no object streams, one page. Joining them needs no
PDF library: every object of every page is copied as it is with its number shifted (only the
dictionaries are rewritten, never stream data), the pages get one new page tree, and the
catalogue gets an outline. Input that is not such a PDF raises :class:`PdfJoinError`.

The output is written as it goes (one input in memory at a time) and holds no date, so the
same pages give the same bytes. :func:`fit_page` shrinks a page by wrapping its content in a
scaling operator (``q s 0 0 s 0 0 cm … Q``) instead of asking Graphviz for a second layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

_REF = re.compile(rb"(\d+)\s+(\d+)\s+R\b")
_OBJ = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_STREAM = re.compile(rb">>\s*stream(\r\n|\n|\r)")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_XREF_SECTION = re.compile(rb"\s*(\d+)[ \t]+(\d+)[ \t]*\r?\n")


class PdfJoinError(Exception):
    """An input is not a PDF this joiner understands (``message`` says why)."""


def _ref(dictionary: bytes, key: bytes) -> int | None:
    m = re.search(rb"/" + key + rb"\s+(\d+)\s+\d+\s+R\b", dictionary)
    return int(m.group(1)) if m else None


class _Pdf:
    """One input PDF: its objects by number (bytes from ``N G obj`` to ``endobj``) and page order."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self.data = data
        m = _STARTXREF.search(data[-1024:])
        if not data.startswith(b"%PDF-") or m is None:
            raise PdfJoinError(f"{name}: not a PDF")
        start = int(m.group(1))
        if data[start:start + 4] != b"xref":
            raise PdfJoinError(f"{name}: cross-reference stream (not supported)")
        self.offsets = self._xref(start)
        trailer = _TRAILER.search(data, start)
        if trailer is None or b"/Prev" in trailer.group(1):
            raise PdfJoinError(f"{name}: unsupported trailer")
        self.root = _ref(trailer.group(1), b"Root")
        self.info = _ref(trailer.group(1), b"Info")
        ends = sorted(self.offsets.values()) + [start]
        after = dict(zip(ends, ends[1:]))
        self.span = {n: (o, after[o]) for n, o in self.offsets.items()}
        self.pages, self.page_tree = self._pages()

    def _xref(self, start: int) -> dict[int, int]:
        data, pos, offsets = self.data, start + 4, {}
        while True:
            m = _XREF_SECTION.match(data, pos)
            if m is None:
                break
            first, count = int(m.group(1)), int(m.group(2))
            pos = m.end()
            for k in range(count):
                entry = data[pos:pos + 20]
                if len(entry) < 18:
                    raise PdfJoinError(f"{self.name}: broken cross-reference table")
                if entry[17:18] == b"n":
                    offsets[first + k] = int(entry[:10])
                pos += 20
        if not offsets:
            raise PdfJoinError(f"{self.name}: empty cross-reference table")
        return offsets

    def body(self, num: int) -> bytes:
        """The bytes of object ``num`` from ``N G obj`` to ``endobj`` (inclusive)."""
        if num not in self.span:
            raise PdfJoinError(f"{self.name}: object {num} missing")
        lo, hi = self.span[num]
        chunk = self.data[lo:hi]
        m = _OBJ.match(chunk)
        end = chunk.rfind(b"endobj")
        if m is None or int(m.group(1)) != num or end < 0:
            raise PdfJoinError(f"{self.name}: object {num} unreadable")
        return chunk[:end + 6]

    def dictionary(self, num: int) -> bytes:
        body = self.body(num)
        s = _STREAM.search(body)
        return body[:s.start() + 2] if s else body

    def _pages(self) -> tuple[list[int], set[int]]:
        if self.root is None:
            raise PdfJoinError(f"{self.name}: no catalogue")
        top = _ref(self.dictionary(self.root), b"Pages")
        if top is None:
            raise PdfJoinError(f"{self.name}: no page tree")
        pages: list[int] = []
        tree: set[int] = set()
        stack = [top]
        while stack:
            num = stack.pop()
            if num in tree or len(tree) > 10_000:
                raise PdfJoinError(f"{self.name}: page tree loops")
            d = self.dictionary(num)
            if re.search(rb"/Type\s*/Pages\b", d):
                tree.add(num)
                if re.search(rb"/(Resources|MediaBox|CropBox|Rotate)\b", d):
                    raise PdfJoinError(f"{self.name}: inherited page attributes (not supported)")
                kids = re.search(rb"/Kids\s*\[(.*?)\]", d, re.S)
                stack.extend(reversed([int(k.group(1)) for k in _REF.finditer(kids.group(1) if kids else b"")]))
            else:
                pages.append(num)
        return pages, tree


def _shift(body: bytes, base: int, parent: int | None = None) -> bytes:
    """Object bytes with every object number moved by ``base`` (stream data untouched); a page's
    ``/Parent`` points at the new page tree ``parent``."""
    s = _STREAM.search(body)
    head, tail = (body[:s.start() + 2], body[s.start() + 2:]) if s else (body, b"")
    head = _OBJ.sub(lambda m: b"%d %s obj" % (int(m.group(1)) + base, m.group(2)), head, count=1)
    head = _REF.sub(lambda m: b"%d %s R" % (int(m.group(1)) + base, m.group(2)), head)
    if parent is not None:
        head = re.sub(rb"/Parent\s+\d+\s+\d+\s+R", b"/Parent %d 0 R" % parent, head)
    return head + tail


def _text(title: str) -> bytes:
    """A PDF text string (UTF-16BE with byte-order mark, hexadecimal)."""
    return b"<FEFF" + title.encode("utf-16-be", "replace").hex().upper().encode() + b">"


def join_pdfs(parts: Iterable[tuple[str | Path, str]], out: BinaryIO) -> int:
    """Write one PDF to ``out`` with the pages of every ``(pdf file, bookmark title)`` in order;
    returns the number of pages."""
    offsets: dict[int, int] = {}
    written = 0

    def put(data: bytes) -> None:
        nonlocal written
        out.write(data)
        written += len(data)

    put(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n")
    base = 0
    pages: list[tuple[int, str]] = []  # (new page object number, title)
    # numbers 1..3 are this file's: page tree, catalogue, outline root; inputs follow
    pages_num, catalog_num, outlines_num = 1, 2, 3
    base = 3
    for path, title in parts:
        pdf = _Pdf(Path(path).read_bytes(), str(path))
        skip = pdf.page_tree | {pdf.root} | ({pdf.info} if pdf.info is not None else set())
        first_page = True
        for num in sorted(pdf.offsets):
            if num in skip:
                continue
            is_page = num in pdf.pages
            offsets[num + base] = written
            put(_shift(pdf.body(num), base, pages_num if is_page else None) + b"\n")
        for num in pdf.pages:
            pages.append((num + base, title if first_page else ""))
            first_page = False
        base += max(pdf.offsets) + 1
    if not pages:
        raise PdfJoinError("no pages")
    # the page tree, the outline (one bookmark per input: its first page), the catalogue
    offsets[pages_num] = written
    kids = b" ".join(b"%d 0 R" % n for n, _ in pages)
    put(b"%d 0 obj\n<< /Type /Pages /Kids [ %s ] /Count %d >>\nendobj\n" % (pages_num, kids, len(pages)))
    marks = [(n, title) for n, title in pages if title]
    items = list(range(base, base + len(marks)))
    for k, ((page, title), num) in enumerate(zip(marks, items)):
        offsets[num] = written
        links = b"/Parent %d 0 R" % outlines_num
        if k:
            links += b" /Prev %d 0 R" % items[k - 1]
        if k + 1 < len(items):
            links += b" /Next %d 0 R" % items[k + 1]
        put(b"%d 0 obj\n<< /Title %s %s /Dest [ %d 0 R /Fit ] >>\nendobj\n" % (num, _text(title), links, page))
    offsets[outlines_num] = written
    if items:
        put(b"%d 0 obj\n<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>\nendobj\n"
            % (outlines_num, items[0], items[-1], len(items)))
    else:
        put(b"%d 0 obj\n<< /Type /Outlines /Count 0 >>\nendobj\n" % outlines_num)
    offsets[catalog_num] = written
    mode = b" /PageMode /UseOutlines" if items else b""
    put(b"%d 0 obj\n<< /Type /Catalog /Pages %d 0 R /Outlines %d 0 R%s >>\nendobj\n"
        % (catalog_num, pages_num, outlines_num, mode))
    size = base + len(items)
    xref = written
    rows = [b"0000000000 65535 f \n"]
    for num in range(1, size):
        o = offsets.get(num)
        rows.append(b"%010d 00000 n \n" % o if o is not None else b"0000000000 65535 f \n")
    put(b"xref\n0 %d\n" % size + b"".join(rows))
    put(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, catalog_num, xref))
    return len(pages)


_MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\]")
_CONTENTS = re.compile(rb"/Contents\s+(\d+)\s+(\d+)\s+R")


def _num(value: float) -> bytes:
    return (b"%.2f" % value).rstrip(b"0").rstrip(b".") or b"0"


def page_size(data: bytes) -> tuple[float, float]:
    """Width and height (points) of the first page of a Graphviz PDF."""
    pdf = _Pdf(data, "pdf")
    x0, y0, x1, y1 = (float(v) for v in _MEDIABOX.search(pdf.dictionary(pdf.pages[0])).groups())
    return x1 - x0, y1 - y0


def fit_page(data: bytes, scale) -> bytes:
    """A Graphviz one-page PDF rewritten without its date, its page shrunk by ``scale`` (None or 1:
    the natural size; or a function of the page's width and height in points that returns it).
    A page with link annotations keeps its natural size (their boxes would not follow)."""
    pdf = _Pdf(data, "pdf")
    if len(pdf.pages) != 1:
        raise PdfJoinError("pdf: not one page")
    page = pdf.pages[0]
    head = pdf.dictionary(page)
    box, contents = _MEDIABOX.search(head), _CONTENTS.search(head)
    if callable(scale):  # the size as page_size() reads it, from this one parse
        x0, y0, x1, y1 = (float(v) for v in _MEDIABOX.search(head).groups())
        scale = scale(x1 - x0, y1 - y0)
    if scale is not None and (scale >= 1 or box is None or contents is None or b"/Annots" in head):
        scale = None
    out: list[bytes] = [b"%PDF-1.5\n%\xb5\xed\xae\xfb\n"]
    offsets: dict[int, int] = {}
    size = max(pdf.offsets) + 1
    written = len(out[0])
    extra = {}
    if scale is not None:
        x0, y0, x1, y1 = (float(v) for v in box.groups())
        start, end = size, size + 1  # two small content streams around the page's own
        extra = {start: b"q %.5f 0 0 %.5f 0 0 cm\n" % (scale, scale), end: b"Q\n"}
        size += 2
    for num in sorted(pdf.offsets):
        if num == pdf.info:
            continue
        body = pdf.body(num)
        if num == page and scale is not None:
            s = _STREAM.search(body)
            dict_part, tail = (body[:s.start() + 2], body[s.start() + 2:]) if s else (body, b"")
            corners = b" ".join(_num(v * scale) for v in (x0, y0, x1, y1))
            dict_part = _MEDIABOX.sub(b"/MediaBox [ %s ]" % corners, dict_part, count=1)
            dict_part = _CONTENTS.sub(b"/Contents [ %d 0 R %s %s R %d 0 R ]" % (
                start, contents.group(1), contents.group(2), end), dict_part, count=1)
            body = dict_part + tail
        offsets[num] = written
        out.append(body + b"\n")
        written += len(out[-1])
    for num, stream in extra.items():
        offsets[num] = written
        out.append(b"%d 0 obj\n<< /Length %d >>\nstream\n%sendstream\nendobj\n" % (num, len(stream), stream))
        written += len(out[-1])
    rows = [b"0000000000 65535 f \n"]
    for num in range(1, size):
        o = offsets.get(num)
        rows.append(b"%010d 00000 n \n" % o if o is not None else b"0000000000 65535 f \n")
    out.append(b"xref\n0 %d\n" % size + b"".join(rows))
    out.append(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, pdf.root, written))
    return b"".join(out)
