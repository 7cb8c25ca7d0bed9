"""The nomenclature reference: codes and names of program/kegiatan/sub kegiatan.

The package ships a partial list seeded from real documents (``data/nomenklatur.csv``, see
``data/README.md``); a tree file may add its own lists (``nomenklatur: [daftar.csv]``), which
take precedence. CSV columns: ``kode``, ``nama`` and optionally ``tingkat`` (others, such as
the ``kinerja``, ``indikator`` and ``satuan`` that `pohon nomenklatur impor` writes, are kept
out of the check); comma or semicolon separated, UTF-8 (with or without BOM). A ``.yaml`` file
holds the same rows as a list under ``nomenklatur:``.
"""

from __future__ import annotations

import re
from functools import cache

from pohon.datafiles import data_text
from pohon.diagnostics import Term
from pohon.frozen import Frozen
from pohon.io import ReadError, read_limited
from pohon.mapping.codes import normalise
from pohon.model.values import CONTROL_CHARACTERS, shown

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 32 * 1024 * 1024  # a reference list is at most this big (the national list is ~3 MB)
MAX_PROBLEMS = 100  # problems reported per reference file


class Entry(Frozen):
    """One code of a reference with its name (a frozen value, see :mod:`pohon.frozen`)."""

    __slots__ = ("kode", "nama", "tingkat", "sumber")

    def __init__(self, kode: str, nama: str, tingkat: str | None, sumber: str) -> None:
        for attr, value in (("kode", kode), ("nama", nama), ("tingkat", tingkat), ("sumber", sumber)):
            object.__setattr__(self, attr, value)


class Reference:
    def __init__(self, entries: dict[str, Entry] | None = None,
                 problems: list[tuple[str, Term]] | None = None) -> None:
        self.entries = {} if entries is None else entries
        self.problems = [] if problems is None else problems  # (file, what is wrong)

    def __repr__(self) -> str:
        return f"Reference(entries={self.entries!r}, problems={self.problems!r})"

    def get(self, kode: str | None) -> Entry | None:
        norm = normalise(kode)
        return self.entries.get(norm) if norm else None

    def __len__(self) -> int:
        return len(self.entries)


class _BadCsv(ValueError):
    def __init__(self, row: int, problem: Term) -> None:
        super().__init__(row)
        self.term = Term.of("ref_csv_row", row=row, problem=problem)


def _rows(text: str) -> list[dict[str, str]]:
    import csv
    import io

    first = text.split("\n", 1)[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    # a row with more fields than the header puts the extras in a list under the key None: drop them
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    out: list[dict[str, str]] = []
    header = False
    try:
        header = reader.fieldnames is not None  # row 1
        for row in reader:
            out.append({(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None})
    except csv.Error as exc:  # a field over the csv module's limit, a NUL, a broken quote
        text_of = str(exc)
        problem = (Term.of("ref_csv_field_too_long", limit=csv.field_size_limit()) if "field limit" in text_of
                   else Term("ref_csv_nul") if "NUL" in text_of else Term("ref_csv_other"))
        raise _BadCsv(len(out) + 2 if header else 1, problem) from None
    return out


def parse_reference(text: str, sumber: str) -> tuple[dict[str, Entry], list[Term]]:
    """The entries of a reference CSV and what is wrong in it (a CSV that cannot be read is one problem)."""
    try:
        rows = _rows(text)
    except _BadCsv as exc:
        return {}, [exc.term]
    return _entries(rows, sumber)


def _entries(rows: list[dict[str, str]], sumber: str, first: int = 2) -> tuple[dict[str, Entry], list[Term]]:
    entries: dict[str, Entry] = {}
    bad: list[Term] = []
    if rows and not {"kode", "nama"} <= set(rows[0]):
        return {}, [Term("ref_no_columns")]
    for i, row in enumerate(rows, start=first):
        if any(CONTROL_CHARACTERS.search(v) for v in row.values()):  # never passed on to a message or table
            bad.append(Term.of("ref_control", row=i))
            continue
        norm = normalise(row.get("kode"))
        if norm is None:
            bad.append(Term.of("ref_bad_code", row=i, kode=shown(row.get("kode") or "")))
            continue
        entries[norm] = Entry(norm, row.get("nama", ""), row.get("tingkat") or None, sumber)
    if len(bad) > MAX_PROBLEMS:  # one file's problems are bounded: the rest are counted
        bad = bad[:MAX_PROBLEMS] + [Term.of("ref_more_rows", n=len(bad) - MAX_PROBLEMS)]
    return entries, bad


def parse_yaml_reference(text: str, sumber: str) -> tuple[dict[str, Entry], list[Term]]:
    """The entries of a YAML reference: ``nomenklatur: [{kode, nama, tingkat, …}, …]`` (or the bare list)."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}, [Term("ref_yaml_bad")]
    if isinstance(data, dict):
        data = data.get("nomenklatur")
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        return {}, [Term("ref_yaml_bad")]
    rows = [{str(k).strip().lower(): ("" if v is None else str(v)).strip() for k, v in x.items()} for x in data]
    if rows and not all("kode" in r and "nama" in r for r in rows):
        return {}, [Term("ref_no_columns")]
    return _entries(rows, sumber, first=1)


BUILTIN = ("urusan_bidang.csv", "nomenklatur.csv")
#: the entries of :func:`builtin` as read, for every check without reading the CSVs again (~1.5 ms
#: with the csv module); rewritten by ``python -m pohon.datafiles``, used only while its key matches
COMPILED = "nomenklatur.compiled.json"


@cache
def builtin() -> dict[str, Entry]:
    """pohon's list: the urusan and bidang urusan names (``data/urusan_bidang.csv``, for the
    heading rows of the Renja) and the program/kegiatan/sub kegiatan of ``data/nomenklatur.csv``."""
    found = _compiled_builtin()
    return found if found is not None else _read_builtin()


def _read_builtin() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for name in BUILTIN:
        more, _ = parse_reference(data_text(name), f"pohon:data/{name}")
        entries.update(more)
    return entries


def builtin_key() -> str | None:
    """What the entries depend on: the two CSVs and the code that reads them (this module and the
    code parser); None when a source cannot be read."""
    from pohon.datafiles import checksum, data_bytes
    from pohon.mapping import codes

    crcs = [checksum(data_bytes(name)) for name in BUILTIN]
    try:
        for module in (__file__, codes.__file__):
            with open(module, "rb") as f:
                crcs.append(checksum(f.read()))
    except (OSError, TypeError):  # no source beside the module (a zipped or compiled install)
        return None
    return "-".join(f"{c:08x}" for c in crcs)


def _compiled_builtin() -> dict[str, Entry] | None:
    import json

    from pohon.datafiles import data_bytes

    try:
        copy = json.loads(data_bytes(COMPILED))
        key = builtin_key()
        if key is None or copy.get("key") != key:
            return None
        return {kode: Entry(kode, nama, tingkat, sumber) for kode, nama, tingkat, sumber in copy["entries"]}
    except (OSError, ValueError, AttributeError, TypeError, KeyError):
        return None


def compiled_builtin_text() -> str:
    """The compiled copy as it should be."""
    import json

    rows = ",\n ".join(json.dumps([e.kode, e.nama, e.tingkat, e.sumber], ensure_ascii=False)
                       for e in _read_builtin().values())
    return f'{{"key": {json.dumps(builtin_key())},\n "entries": [\n {rows}\n]}}\n'  # an entry a line


def write_compiled_builtin() -> bool:
    """Rewrite the compiled copy if it differs; whether it was written."""
    import os

    from pohon.datafiles import DATA_DIR, write_if_changed

    return write_if_changed(os.path.join(DATA_DIR, COMPILED), compiled_builtin_text())


def load_reference(extra_files: list[str] | None = None, base: Path | None = None) -> Reference:
    """The built-in list, overridden by the user's files (paths relative to ``base``)."""
    ref = Reference(dict(builtin()))
    for name in extra_files or []:
        from pathlib import Path  # only for a tree that names its own lists

        path = (base / name) if base is not None and not Path(name).is_absolute() else Path(name)
        try:  # a regular file only, and never more than MAX_BYTES of it (`/dev/zero` would never end)
            text = read_limited(path, MAX_BYTES).decode("utf-8-sig")
        except ReadError as exc:
            ref.problems.append((name, exc.reason))
            continue
        except UnicodeDecodeError:
            ref.problems.append((name, Term("ref_not_utf8")))
            continue
        if str(name).lower().endswith((".yaml", ".yml")):
            entries, bad = parse_yaml_reference(text, str(name))
        else:
            entries, bad = parse_reference(text, str(name))
        ref.entries.update(entries)
        for b in bad:
            ref.problems.append((name, b))
    return ref


_PUNCT = re.compile(r"[^\w]+", re.UNICODE)


def comparable(name: str) -> str:
    """Names compared without case, punctuation or spacing differences."""
    return " ".join(_PUNCT.sub(" ", name.casefold()).split())


def name_similarity(a: str, b: str) -> int:
    from rapidfuzz import fuzz

    return int(fuzz.ratio(comparable(a), comparable(b)))  # floor: a difference never shows as 100%
