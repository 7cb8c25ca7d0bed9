"""The translation / cascade matrix (source 003, "penjenjangan kinerja"):

    Rujukan tahapan | Kinerja | Indikator kinerja | Keterangan: jenis kinerja | komponen | PK

One row per box, in reading order; the level comes from the kind of performance ("kinerja
strategis", "taktikal intermediate" …) or, failing that, from the stage ("tahap 1/2"). A box's
parent is the nearest row above with a higher level — as a person reads the table — and that
guess is noted on every box. The "Keterangan" header is often merged over three columns; they
are told apart by what they hold.
"""

from __future__ import annotations

import re

from pohon.diagnostics import Term
from pohon.impor import cells
from pohon.impor.detect import Col, Found
from pohon.impor.draft import Box, Draft
from pohon.impor.layouts.common import indicator, indicator_texts, note_row, set_target, top
from pohon.impor.read import Sheet, col_letter

NAME = "matriks"
COLUMNS = (
    Col("tahap", r"rujukan|tahap"),
    Col("peran", r"^peran|^role"),
    Col("kinerja", r"^(kinerja|kondisi|uraian kinerja|pernyataan kinerja)$|^kinerja\b(?!.*indikator)", required=True,
        avoid=r"indikator|jenis"),
    Col("indikator", r"indikator", required=True),
    Col("satuan", r"^satuan"),
    Col("target", r"^target\b.*\b(19|20)[0-9]{2}\b|^(19|20)[0-9]{2}$", many=True),
    Col("jenis", r"jenis kinerja|^jenis$|^keterangan", required=True, many=True),
    Col("komponen", r"komponen"),
    Col("jabatan", r"^pk\b|jabatan|^skp"),
)

# the kind of performance → role (data/roles.yaml), most specific first
_KINDS = (
    (re.compile(r"strategis\s*(skpd|opd|organisasi|pd)\b"), "outcome"),
    (re.compile(r"intermedia"), "antara-utama"),
    (re.compile(r"immedia"), "antara"),
    (re.compile(r"operasional"), "operasional"),
    (re.compile(r"strategis"), "csf"),
    (re.compile(r"\boutcome\b|\btujuan\b"), "outcome"),
    (re.compile(r"\bcsf\b"), "csf"),
)
_STAGE = re.compile(r"tahap\W*([12])\b")
RANK = {"outcome": 0, "csf": 1, "antara-utama": 2, "antara": 3, "operasional": 4}
_COMPONENT = (
    (re.compile(r"sub\s*kegiatan"), "sub_kegiatan"), (re.compile(r"kegiatan"), "kegiatan"),
    (re.compile(r"program"), "program"), (re.compile(r"sasaran"), "sasaran"), (re.compile(r"tujuan"), "tujuan"),
)
DEFAULT_COMPONENT = {"outcome": "tujuan", "csf": "sasaran", "antara-utama": "program", "antara": "kegiatan",
                     "operasional": "sub_kegiatan"}
_PK = {"csf": re.compile(r"jpt"), "antara-utama": re.compile(r"administrator|kabid|sekretaris"),
       "antara": re.compile(r"\bjf\b|pengawas|fungsional"), "operasional": re.compile(r"\bjf\b|\bjp\b|pelaksana|fungsional")}


def _role_names() -> dict[str, str]:
    from pohon.model.roles import roles

    out = {}
    for r in roles():
        for name in (r.key, r.name("id"), r.name("en")):
            out[" ".join(name.casefold().split())] = r.key
    return out


def role_of(kind: str | None, stage: str | None, peran: str | None = None) -> str | None:
    """The role from the "Peran dalam Pohon" column (pohon's own tables), else from the kind of
    performance, else from the stage."""
    if peran:
        named = _role_names().get(" ".join(peran.casefold().split()))
        if named in RANK:
            return named
    k = " ".join((kind or "").casefold().split())
    for rx, role in _KINDS:
        if k and rx.search(k):
            return role
    m = _STAGE.search((stage or "").casefold())
    if m:
        return "outcome" if m.group(1) == "1" else "csf"
    return None


def _split_keterangan(sheet: Sheet, found: Found, draft: Draft) -> None:
    """A merged "Keterangan" header over several columns: which is the kind, the component, the PK."""
    cols = found.columns.get("jenis", [])
    if len(cols) <= 1:
        return
    kinds: dict[int, str] = {}
    for c in cols:
        sample = " ".join((cells.text(sheet.value(r, c)) or "").casefold()
                          for r in range(found.data_start, min(found.data_start + 40, len(sheet.rows))))
        if re.search(r"kinerja|strategis|taktikal|operasional", sample):
            kinds.setdefault(c, "jenis")
        elif re.search(r"tujuan|sasaran|program|kegiatan", sample):
            kinds.setdefault(c, "komponen")
        elif re.search(r"\bpk\b|\bskp\b|jpt|administrator", sample):
            kinds.setdefault(c, "jabatan")
    found.columns["jenis"] = [c for c in cols if kinds.get(c) == "jenis"][:1] or cols[:1]
    for name in ("komponen", "jabatan"):
        got = [c for c in cols if kinds.get(c) == name]
        if got and name not in found.columns:
            found.columns[name] = got[:1]
    parts: list = []
    for c in cols:
        if c in kinds:
            parts += [", " if parts else "", f"{col_letter(c)}=", Term("impor_kolom_" + kinds[c])]
    draft.note("I023", sheet.at(found.header_row, cols[0]), None,
               header=cells.text(sheet.value(found.header_row, cols[0])) or "", columns=tuple(parts))


def build(sheet: Sheet, found: Found, draft: Draft, options) -> None:
    _split_keterangan(sheet, found, draft)
    col = found.col
    years = []
    for c in found.columns.get("target", []):
        m = re.search(r"(19|20)[0-9]{2}", found.headers.get(c, ""))
        if m:
            years.append((c, int(m.group(0))))
    top(draft, sheet, found.header_row, options, [y for _, y in years])
    stack: list[tuple[int, Box]] = []  # (rank, box) of the open branch
    counters: dict[str | None, int] = {}
    for r in range(found.data_start, len(sheet.rows)):
        row = sheet.rows[r]
        if not row or note_row(sheet, r):
            continue
        kinerja = cells.text(sheet.value(r, col("kinerja")))
        ind_text = cells.text(sheet.value(r, col("indikator"))) if col("indikator") is not None else None
        kind = cells.text(sheet.value(r, col("jenis"))) if col("jenis") is not None else None
        stage = cells.text(sheet.value(r, col("tahap"))) if col("tahap") is not None else None
        if not kinerja:
            if ind_text or kind:
                draft.problem("I029", sheet.at(r, col("kinerja")))
            continue
        peran = cells.text(sheet.value(r, col("peran"))) if col("peran") is not None else None
        role = role_of(kind, stage, peran)
        if role is None:
            draft.problem("I024", sheet.at(r, col("jenis") if col("jenis") is not None else col("kinerja")),
                          value=kind or stage or "")
            continue
        rank = RANK[role]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        if parent is None and rank > 0:
            parent_id = None
        else:
            parent_id = parent.id if parent else None
        n = counters[parent_id] = counters.get(parent_id, 0) + 1
        if parent is None:
            wanted = ("T" if role == "outcome" else "C") + str(n)
        elif parent.fields.get("peran") == "outcome":
            wanted = f"C{n}"
        else:
            wanted = f"{parent.id}.{n}"
        box = draft.add(Box(draft.unique_id(wanted), kinerja, sheet.at(r, col("kinerja")), {"peran": role}, parent_id))
        box.cells[("peran",)] = sheet.at(r, col("jenis") if col("jenis") is not None else col("kinerja"))
        if parent is not None:
            draft.note("I015", box.at, box, parent=parent.id, row=parent.at)
        elif rank > 0 and draft.boxes[:-1]:
            draft.note("I018", box.at, box)
        stack.append((rank, box))
        if kind and "crosscutting" in kind.casefold():  # pohon's matriks: "Kondisi crosscutting — …"
            box.fields["crosscutting"] = True
        for ind_text in indicator_texts(draft, sheet, r, col("indikator"), box) if col("indikator") is not None else []:
            ind, _ = indicator(box, ind_text, sheet.at(r, col("indikator")), r, col("indikator"))
            if col("satuan") is not None and cells.text(sheet.value(r, col("satuan"))):
                ind.fields["satuan"] = cells.text(sheet.value(r, col("satuan")))
            for c, y in years:
                set_target(draft, sheet, ind, y, sheet.value(r, c), r, c)
        comp_c = col("komponen")
        comp_text = (cells.text(sheet.value(r, comp_c)) or "").casefold() if comp_c is not None else ""
        for rx, jenis in _COMPONENT:
            if comp_text and rx.search(comp_text):
                if jenis != DEFAULT_COMPONENT[role]:
                    box.fields["komponen"] = [jenis]
                    draft.note("I033", sheet.at(r, comp_c), box, component=jenis, role=Term("role:" + role))
                break
        pk_c = col("jabatan")
        pk = cells.text(sheet.value(r, pk_c)) if pk_c is not None else None
        if pk and role in _PK and not _PK[role].search(pk.casefold()):
            draft.note("I034", sheet.at(r, pk_c), box, value=pk, role=Term("role:" + role))
