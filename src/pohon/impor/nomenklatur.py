"""`pohon nomenklatur impor`: the official nomenclature lampiran (Kepmendagri 050-5889/2021 and
its updates of Permendagri 90/2019) as a reference file that `pohon check` uses.

The lampiran's table: code columns URUSAN/UNSUR | BIDANG URUSAN/BIDANG UNSUR | PROGRAM |
KEGIATAN | SUB KEGIATAN (often under a merged "KODE"), then NOMENKLATUR URUSAN … (the name),
KINERJA, INDIKATOR, SATUAN; a dotted code in one column is read too. Rows with the placeholder
``X XX`` (programs common to every urusan, e.g. PROGRAM PENUNJANG) become the codes of the
urusan named with ``--urusan 8.01`` (repeatable), or are counted and left out. Rows without a
code continue the indicators of the row above.

Output: CSV (``kode,tingkat,nama,kinerja,indikator,satuan``; the columns
:mod:`pohon.mapping.nomenclature` reads) or YAML (a list of the same mappings).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from pohon.diagnostics import Diagnostic
from pohon.impor import cells
from pohon.impor.detect import Col, locate
from pohon.impor.read import Book, Limits, read_book
from pohon.mapping.codes import parse_code

COLUMNS = (
    Col("bidang", r"bidang", avoid=r"nomenklatur"),
    Col("urusan", r"urusan|unsur", avoid=r"nomenklatur|bidang"),
    Col("sub_kegiatan", r"^sub\s*kegiatan$|^kode sub\s*kegiatan$"),
    Col("program", r"^program$|^kode program$"),
    Col("kegiatan", r"^kegiatan$|^kode kegiatan$"),
    Col("kode", r"^kode$"),
    Col("nama", r"nomenklatur|uraian|^nama", required=True),
    Col("kinerja", r"^kinerja"),
    Col("indikator", r"indikator", required=True),
    Col("satuan", r"satuan"),
)
CODE_PARTS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")
LIMITS = Limits(max_rows=200_000, max_cells=4_000_000)
FIELDS = ("kode", "tingkat", "nama", "kinerja", "indikator", "satuan")


@dataclass
class Result:
    entries: list[dict] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    placeholders: int = 0  # X XX rows without --urusan
    columns: str = ""


def _code_text(sheet, r: int, found) -> str | None:
    if found.col("kode") is not None and not any(found.col(p) is not None for p in CODE_PARTS):
        return cells.text(sheet.value(r, found.col("kode")))
    parts = [cells.code_part(sheet.value(r, found.col(p))) if found.col(p) is not None else None for p in CODE_PARTS]
    got = [p for p in parts if p]
    return " ".join(got) if got else None


def read_lampiran(path, urusan: list[str]) -> Result:
    from pohon.catalogue import diagnostic

    res = Result()
    book: Book = read_book(path, LIMITS)
    res.findings.extend(book.findings)
    if book.fatal:
        return res
    found = sheet = None
    for s in book.sheets:
        f = locate(s, "nomenklatur", COLUMNS)
        if f is not None and (found is None or f.score > found.score):
            found, sheet = f, s
    if found is None:
        first = book.sheets[0]
        res.findings.append(diagnostic("I011", first.at(0, 0), headers="", layouts="nomenklatur"))
        return res
    from pohon.impor.detect import describe

    res.columns = ", ".join(f"{n}={c}" for n, c in describe(found))
    seen: dict[str, dict] = {}
    last: list[dict] = []
    for r in range(found.data_start, len(sheet.rows)):
        if not sheet.rows[r]:
            continue
        raw = _code_text(sheet, r, found)
        name = cells.text(sheet.value(r, found.col("nama")))
        extra = {k: cells.text(sheet.value(r, found.col(k))) if found.col(k) is not None else None
                 for k in ("kinerja", "indikator", "satuan")}
        if raw is None:
            if last and any(extra.values()):  # another indicator of the row(s) above
                for entry in last:
                    for k, v in extra.items():
                        if v:
                            entry[k] = f"{entry[k]}; {v}" if entry.get(k) else v
            continue
        words = raw.replace(".", " ").split()
        if words and words[0].upper() == "X":
            if not urusan or len(words) < 3:  # "X" / "X XX": headings of the common part, no code of their own
                res.placeholders += 1
                last = []
                continue
            texts = [" ".join([*u.split("."), *words[2:]]) for u in urusan]
        else:
            texts = [raw]
        last = []
        for text in texts:
            code = parse_code(text)
            if code is None:
                res.findings.append(diagnostic("I035", sheet.at(r, found.col("nama") or 0), value=raw))
                continue
            entry = seen.get(code.text)
            if entry is None:
                entry = {"kode": code.text, "tingkat": code.level, "nama": name or "", **extra}
                seen[code.text] = entry
                res.entries.append(entry)
            last.append(entry)
    return res


def as_csv(entries: list[dict]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(FIELDS)
    for e in entries:
        w.writerow([_safe(e.get(k) or "") for k in FIELDS])
    return out.getvalue()


def as_yaml(entries: list[dict]) -> str:
    from pohon.impor.yamlout import dump

    return dump({"nomenklatur": [{k: e[k] for k in FIELDS if e.get(k)} for e in entries]})


def _safe(text: str) -> str:
    """A CSV field a spreadsheet will not run as a formula."""
    from pohon.render.tables.safe import csv_text

    return csv_text(text)
