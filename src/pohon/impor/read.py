"""The sheets of a workbook (.xlsx) or a CSV file as rows of values, read safely.

- XLSX is read with openpyxl in read-only mode and ``data_only=True`` (the values Excel cached,
  never a formula run here); read-only mode does not give merged ranges, so they are found by a
  bounded scan of the sheet's XML (``<mergeCell ref=…>``) and the top-left value is copied into
  every cell of its range (forward-filled); the same scan finds formulas without a cached value.
- CSV: comma, semicolon or tab; UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
  text"), else Windows-1252 when every byte is defined there (reported), else refused.
- Limits: file size, rows per sheet, columns per row, total cells and the workbook's unpacked
  size; over a limit is one located finding, found without reading the rest.

Nothing raises for what is in the file: every problem is a diagnostic (rule codes I0xx).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Location, Term

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 400 * 1024 * 1024  # sum of the workbook's unpacked parts (a zip bomb is refused)
MAX_ROWS = 20_000
MAX_COLS = 200
MAX_CELLS = 2_000_000
MAX_MERGED = 200_000  # cells filled from merged ranges, per workbook
ERROR_VALUES = frozenset({"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                          "#GETTING_DATA", "#SPILL!", "#CALC!"})
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .xlsx, or an old .xls
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS
    max_cols: int = MAX_COLS
    max_cells: int = MAX_CELLS


def col_letter(c: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")


def parse_ref(ref: str) -> tuple[int, int] | None:
    """``C12`` → (11, 2), 0-based (row, column)."""
    m = _REF.match(ref.strip())
    return (int(m.group(2)) - 1, col_index(m.group(1))) if m else None


@dataclass
class Sheet:
    file: str
    name: str  # "" for a CSV file
    rows: list[list[Any]] = field(default_factory=list)  # rows[0] is row 1
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # filled cell → origin

    def ref(self, r: int, c: int) -> str:
        return f"{col_letter(c)}{r + 1}"

    def at(self, r: int, c: int = 0) -> Location:
        return Location(self.file, sheet=self.name, cell=self.ref(r, c))

    def value(self, r: int, c: int) -> Any:
        row = self.rows[r] if 0 <= r < len(self.rows) else ()
        return row[c] if 0 <= c < len(row) else None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Book:
    file: str
    sheets: list[Sheet] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    fatal: bool = False  # nothing could be read

    def stop(self, code: str, location: Location | None = None, **params) -> Book:
        self.findings.append(diagnostic(code, location or Location(self.file, sheet="", cell="A1"), **params))
        self.fatal = True
        return self


MAX_CONTROL_FINDINGS = 20


def _clean(sheet: Sheet, book: Book, r: int, c: int, text: str) -> str:
    """Control characters (terminal escapes, bidi overrides) shown, never passed on (the loader
    would refuse the whole file, F014); CR LF as LF."""
    from pohon.model.values import CONTROL_CHARACTERS
    from pohon.textsafe import visible

    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL_CHARACTERS.search(text):
        text = CONTROL_CHARACTERS.sub(lambda m: visible(m.group(0)), text)
        if sum(1 for d in book.findings if d.code == "I037") < MAX_CONTROL_FINDINGS:
            book.findings.append(diagnostic("I037", sheet.at(r, c)))
    return text


def read_book(path: str | Path, limits: Limits = Limits(), sheet: str | None = None) -> Book:
    """Every sheet of ``path`` (or only ``sheet``), with the findings of reading it."""
    from pohon.io import ReadError, read_limited

    name = str(path)
    book = Book(name)
    try:
        raw = read_limited(path, limits.max_bytes)
    except ReadError as exc:
        return book.stop("I001", detail=exc.reason)
    if not raw.strip():
        return book.stop("I004")
    if raw.startswith(_OLE):
        return book.stop("I003")
    if raw.startswith(_ZIP):
        _read_xlsx(raw, book, limits, sheet)
    elif b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return book.stop("I002", found=Term("impor_biner"))
    else:
        _read_csv(raw, book, limits)
    if not book.fatal and not any(s.rows for s in book.sheets):
        book.stop("I004")
    return book


# -- XLSX --------------------------------------------------------------------------------------
def _read_xlsx(raw: bytes, book: Book, limits: Limits, only: str | None) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        if sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED:
            book.stop("I005", what=Term("impor_batas_isi"), limit=MAX_UNPACKED)
            return
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        book.stop("I002", found=Term("impor_zip_rusak"))
        return
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        book.stop("I003")
        return
    if "xl/workbook.xml" not in names:
        book.stop("I002", found=Term("impor_bukan_xlsx"))
        return
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken package: each is "not readable"
        book.stop("I002", found=Term("impor_xlsx_rusak"))
        return
    try:
        titles = wb.sheetnames
        if only is not None and only not in titles:
            book.stop("I006", sheet=only, sheets=", ".join(titles))
            return
        cells = 0
        for title in titles:
            if only is not None and title != only:
                continue
            ws = wb[title]
            if getattr(ws, "sheet_state", "visible") != "visible" and only is None and title.startswith("_"):
                continue
            sheet = Sheet(book.file, title)
            book.sheets.append(sheet)
            declared = _declared_rows(ws)
            if declared is not None and declared > limits.max_rows * 4:
                book.stop("I005", sheet.at(limits.max_rows, 0), what=Term.of("impor_batas_baris", n=declared),
                          limit=limits.max_rows)
                return
            try:
                over = _fill_rows(ws, sheet, book, limits, cells)
            except Exception:
                book.stop("I002", sheet.at(len(sheet.rows), 0), found=Term("impor_xlsx_rusak"))
                return
            if over:
                return
            cells += sum(len(r) for r in sheet.rows)
            _scan_xml(zf, getattr(ws, "_worksheet_path", None) or getattr(ws, "worksheet_path", ""), sheet, book)
    finally:
        wb.close()


def _declared_rows(ws) -> int | None:
    try:
        dim = ws.calculate_dimension(force=False) if hasattr(ws, "calculate_dimension") else None
    except Exception:
        return None
    if not dim or ":" not in dim:
        return None
    end = parse_ref(dim.split(":")[1])
    return end[0] + 1 if end else None


def _fill_rows(ws, sheet: Sheet, book: Book, limits: Limits, cells: int) -> bool:
    """Reads the values; True when a limit stopped the reading (the finding is in ``book``)."""
    rows = sheet.rows
    for r, row in enumerate(ws.iter_rows(values_only=True, max_col=limits.max_cols + 1)):
        if r >= limits.max_rows:
            book.stop("I005", sheet.at(r, 0), what=Term.of("impor_batas_baris", n=Term.of("more_than", n=limits.max_rows)),
                      limit=limits.max_rows)
            return True
        values = list(row)
        if len(values) > limits.max_cols:
            if any(v is not None for v in values[limits.max_cols:]):
                book.stop("I005", sheet.at(r, limits.max_cols), what=Term("impor_batas_kolom"), limit=limits.max_cols)
                return True
            values = values[:limits.max_cols]
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()
        for c, v in enumerate(values):
            if isinstance(v, str):
                if v in ERROR_VALUES:
                    book.findings.append(diagnostic("I008", sheet.at(r, c), value=v))
                    values[c] = None
                elif not v.strip():
                    values[c] = None
                elif not v.isprintable():
                    values[c] = _clean(sheet, book, r, c, v)
        rows.append(values)
        cells += len(values)
        if cells > limits.max_cells:
            book.stop("I005", sheet.at(r, 0), what=Term("impor_batas_sel"), limit=limits.max_cells)
            return True
    while rows and not rows[-1]:
        rows.pop()
    return False


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Za-z]+[0-9]+):([A-Za-z]+[0-9]+)\"")
_NO_CACHE = re.compile(rb"<(?:\w+:)?c\s+r=\"([A-Z]+[0-9]+)\"[^>]*>\s*<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
                       rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_CHUNK = 1 << 20


def _scan_xml(zf: zipfile.ZipFile, member: str, sheet: Sheet, book: Book) -> None:
    """Merged ranges (forward-filled into ``sheet``) and formulas without a cached value, by a
    streaming scan of the sheet's XML (read-only openpyxl exposes neither)."""
    member = str(PurePosixPath(member)).lstrip("/")
    try:
        fh = zf.open(member)
    except (KeyError, OSError, zipfile.BadZipFile):
        return
    merges: list[tuple[str, str]] = []
    missing: list[str] = []
    tail = b""
    with fh:
        while True:
            chunk = fh.read(_CHUNK)
            data = tail + chunk
            cut = len(data) if not chunk else max(data.rfind(b"<c "), data.rfind(b"<mergeCell"), len(data) - 4096, 0)
            part, tail = data[:cut], data[cut:]
            if len(merges) <= MAX_MERGED:
                merges.extend((a.decode(), b.decode()) for a, b in _MERGE.findall(part))
            missing.extend(m.decode() for m in _NO_CACHE.findall(part))
            if not chunk:
                break
    for ref in missing[:50]:
        rc = parse_ref(ref)
        if rc and sheet.value(*rc) is None:
            book.findings.append(diagnostic("I009", sheet.at(*rc)))
    filled = sum(len(s.merged) for s in book.sheets)
    for a, b in merges:
        start, end = parse_ref(a), parse_ref(b)
        if not start or not end:
            continue
        (r0, c0), (r1, c1) = start, end
        r1 = min(r1, len(sheet.rows) - 1)
        c1 = min(c1, MAX_COLS - 1)
        size = max(0, r1 - r0 + 1) * max(0, c1 - c0 + 1)
        filled += size
        if filled > MAX_MERGED:
            book.findings.append(diagnostic("I038", sheet.at(r0, c0), limit=MAX_MERGED))
            return
        top = sheet.value(r0, c0)
        for r in range(r0, r1 + 1):
            row = sheet.rows[r]
            for c in range(c0, c1 + 1):
                if (r, c) == (r0, c0):
                    continue
                if top is not None:
                    while len(row) <= c:
                        row.append(None)
                    row[c] = top
                sheet.merged[(r, c)] = (r0, c0)


# -- CSV ---------------------------------------------------------------------------------------
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode_text(raw: bytes) -> tuple[str | None, str]:
    """The text and the encoding it was read in ("" when it could not be read)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        enc = "utf-8"
    try:
        return raw.decode(enc), enc
    except UnicodeDecodeError:
        if enc != "utf-8":
            return None, ""
    if any(b in _CP1252_UNDEFINED for b in raw) or b"\x00" in raw:
        return None, ""
    return raw.decode("cp1252"), "cp1252"


def _delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    best, score = ",", -1
    for d in ("\t", ";", ","):
        counts = [ln.count(d) for ln in lines]
        if not counts or max(counts) == 0:
            continue
        s = sum(counts)
        if s > score:
            best, score = d, s
    return best


def _read_csv(raw: bytes, book: Book, limits: Limits) -> None:
    text, enc = decode_text(raw)
    sheet = Sheet(book.file, "")
    if text is None:
        book.stop("I007", sheet.at(0, 0))
        return
    if enc == "cp1252":
        book.findings.append(diagnostic("I010", sheet.at(0, 0)))
    if "\x00" in text:
        book.stop("I002", found=Term("impor_biner"))
        return
    book.sheets.append(sheet)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    cells = 0
    try:
        for r, row in enumerate(reader):
            if r >= limits.max_rows:
                book.stop("I005", sheet.at(r, 0), what=Term.of("impor_batas_baris", n=Term.of("more_than", n=limits.max_rows)),
                          limit=limits.max_rows)
                return
            if len(row) > limits.max_cols and any(v.strip() for v in row[limits.max_cols:]):
                book.stop("I005", sheet.at(r, limits.max_cols), what=Term("impor_batas_kolom"), limit=limits.max_cols)
                return
            values: list[Any] = [(v if v.isprintable() else _clean(sheet, book, r, c, v)) if v.strip() else None
                                 for c, v in enumerate(row[:limits.max_cols])]
            while values and values[-1] is None:
                values.pop()
            cells += len(values)
            if cells > limits.max_cells:
                book.stop("I005", sheet.at(r, 0), what=Term("impor_batas_sel"), limit=limits.max_cells)
                return
            sheet.rows.append(values)
    except csv.Error:
        book.stop("I002", sheet.at(len(sheet.rows), 0), found=Term("impor_csv_rusak"))
        return
    while sheet.rows and not sheet.rows[-1]:
        sheet.rows.pop()
