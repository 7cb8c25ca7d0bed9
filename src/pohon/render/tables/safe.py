"""What every table writer does to the tree's text so that no output runs anything.

A tree file travels by e-mail and chat; its tables are opened by people who trust them. So:

- :func:`visible` shows control characters as visible symbols (``ESC`` → ``␛``) and replaces
  what no file format can hold (lone surrogates, U+FFFE/U+FFFF) with ``�``; :func:`make_safe`
  applies it to every text of a :class:`TableDoc` (cells, titles, notes, signatures, findings),
  and every writer calls it first.
- :func:`starts_formula` is the spreadsheet test: text a spreadsheet could evaluate (``=``,
  ``+``, ``-``, ``@``, tab or CR first, also after spaces, and their full-width forms).
  XLSX writes such text as a string with Excel's quote prefix; CSV puts ``'`` in front
  (:func:`csv_text`, OWASP's guidance on CSV injection).
- :func:`md_text` escapes text for Markdown: HTML (``<``, ``>``, entities), link and image
  syntax, table pipes and backslashes.
"""

from __future__ import annotations

import re
import unicodedata

from pohon.render.tables.model import Cell, PageBreak, Paragraph, Signatures, Table, TableDoc
from pohon.textsafe import picture

# first characters a spreadsheet evaluates: = + - @ (and tab, CR), with their full-width and
# small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫), which some spreadsheets read as the ASCII ones
FORMULA_FIRST = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
# text that only looks like it starts a formula: pohon's "-" (no value) and plain numbers (-5, -12,5%)
_PLAIN = re.compile(r"-|[-+]?\d+(?:[.,]\d+)*\s?%?")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def visible(text: str) -> str:
    """``text`` with control characters shown (``\\x1b`` → ``␛``); line breaks (CR LF, CR, LF) as LF, tabs kept."""
    if not text:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub(picture, text)


def _blank(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def starts_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (or a DDE/link call)."""
    if not text:
        return False
    if text[0] in "\t\r":
        return True
    i = 0
    while i < len(text) and _blank(text[i]):
        i += 1
    if i == len(text) or text[i] not in FORMULA_FIRST:
        return False
    return not _PLAIN.fullmatch(text.strip())


def csv_text(text: str) -> str:
    """A CSV field for ``text``: ``'`` in front when a spreadsheet would evaluate it."""
    return "'" + text if starts_formula(text) else text


_MD_SPECIAL = re.compile(r"[\\|<>]|&(?=#?\w+;)|\](?=\s*[(\[:])")
_MD_REPLACE = {"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;"}


class MarkdownText(str):
    """Text already escaped for Markdown (escaping it again changes nothing)."""


def md_text(value) -> MarkdownText:
    """``value`` as literal Markdown text: no HTML, no link or image, one table cell."""
    if isinstance(value, MarkdownText):
        return value
    s = "" if value is None else visible(str(value))
    s = _MD_SPECIAL.sub(lambda m: _MD_REPLACE.get(m.group(0), "\\]"), s)
    return MarkdownText(s.replace("\n", "<br>"))


def make_safe(doc: TableDoc) -> TableDoc:
    """Every text of ``doc`` through :func:`visible` (in place; running it twice changes nothing)."""
    doc.title, doc.subtitle = visible(doc.title), visible(doc.subtitle)
    doc.findings = [visible(f) for f in doc.findings]
    for sec in doc.sections:
        sec.name = visible(sec.name)
        sec.title = [visible(x) for x in sec.title]
        sec.columns = [visible(x) for x in sec.columns]
        sec.notes = [visible(x) for x in sec.notes]
        _safe_signatures(sec.signatures)
        sec.place_date = visible(sec.place_date or "")
        _safe_rows(sec.header, sec.rows)
        for block in [*sec.before, *sec.after]:
            _safe_block(block)
    head = doc.letterhead
    if head is not None:
        head.pemda, head.nama, head.alamat = visible(head.pemda), visible(head.nama), visible(head.alamat)
        head.kontak, head.kota = visible(head.kontak), visible(head.kota)
    return doc


def _safe_signatures(signatures) -> None:
    for sig in signatures:
        sig.party, sig.position = visible(sig.party), visible(sig.position)
        sig.name, sig.nip = visible(sig.name or ""), visible(sig.nip or "")
        sig.rank = visible(sig.rank or "")


def _safe_rows(*groups) -> None:
    for rows in groups:
        for row in rows:
            for cell in row:
                if cell is not None:
                    _safe_cell(cell)


def _safe_block(block) -> None:
    if isinstance(block, Paragraph):
        block.text = visible(block.text or "")
    elif isinstance(block, Table):
        block.title = [visible(x) for x in block.title]
        block.columns = [visible(x) for x in block.columns]
        _safe_rows(block.header, block.rows)
    elif isinstance(block, Signatures):
        _safe_signatures(block.parties)
        block.place_date = visible(block.place_date or "")
    elif not isinstance(block, PageBreak):
        raise TypeError(f"not a block: {block!r}")


def _safe_cell(cell: Cell) -> None:
    if isinstance(cell.value, str):
        cell.value = visible(cell.value)
    if cell.problem:
        cell.problem = visible(cell.problem)
