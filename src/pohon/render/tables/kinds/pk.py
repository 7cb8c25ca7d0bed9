"""`--jenis pk`: the Perjanjian Kinerja of each position and holder, in the form of PermenPANRB
53/2014 (Lampiran: format Perjanjian Kinerja): the statement page, the attachment and the
Program–Anggaran block.

- Statement (``Section.before``): "PERJANJIAN KINERJA TAHUN …", the opening sentence, the first
  party's and the second party's name and position, the promise and the supervision sentence,
  place and date, the two signatures, a page break.
- Attachment (the main table): No | Sasaran Strategis (the head), Sasaran Program
  (Administrator), Sasaran Kegiatan (Pengawas) or Sasaran Kegiatan/Sub Kegiatan (JF, JP) — the
  heading is the signer's level's (``data/forms.yaml``) — | Indikator Kinerja | Target (value and
  unit for the year). A box without an indicator gives no row: it is named below the table, and
  its finding (M001) is the check's.
- Program–Anggaran block (``Section.after``): No | Program (the head) / Kegiatan / Sub Kegiatan
  (by level) | Anggaran (Rp) | Keterangan, then Jumlah: the components of that kind in the
  branches of the signer's boxes, each once, with their pagu for the year (rolled up from the
  sub kegiatan, :mod:`pohon.mapping.budget`). A missing pagu reads "pagu belum diisi", marked
  with the check's findings about it (D021, on the sub kegiatan without pagu); a component without
  a code shows its box's statement, marked with D020. A tree that has not begun its translation
  (no code, no pagu anywhere) has neither finding, as in the planning forms: its cells read
  "pagu belum diisi" unmarked. The Jumlah of an incomplete block is marked.
- Signatures under the attachment, with place and date ("Balangan, …………… 2024").

Who signs: with a peta jabatan (``peta_jabatan:``) every position owning boxes gets one PK per
holder (``pemegang``), never pooled: the holder signs as Pihak Pertama, the superior's holder as
Pihak Kedua; the head of the organisation (the JPT without a superior, named by its ``pemegang``
or else ``organisasi.kepala``) signs with the Kepala Daerah (``organisasi.kepala_daerah``, or a
dotted line to write the name by hand). Without one, positions are those the boxes name in
`jabatan:` text, or unnamed (see :func:`pohon.render.tables.common.positions`): the holder of
the outcome/CSF boxes' position (or ``organisasi.kepala``) is the head, signing with the Kepala
Daerah; every other PK is signed by its holder and, when its boxes hang under the boxes of one
position, by that position's holder (else a dotted Pihak Kedua to fill). A PK always has both parties.
The outcome (the organisation's Tujuan) and crosscutting boxes left to a partner have no PK rows.
"""

from __future__ import annotations

from decimal import Decimal

from pohon.catalogue import t
from pohon.mapping import budget as budget_mod
from pohon.mapping.profiles import in_agreement
from pohon.render.tables.common import (CODES, DOTS, INDICATORS, Holder, Input, Owner, Positions, head, kepala_daerah,
                                        positions, section_name, subtitle, superior_by_boxes, target_text)
from pohon.render.tables.forms import (budget_rows, component_label, level_of, pagu_problems, pk_level, place_date,
                                       row_budget, unnamed_position)
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import (Cell, PageBreak, Paragraph, Section, Signature, Signatures, Table,
                                       TableDoc)

HEAD_ROLES = ("outcome", "csf")


def build_pk(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    org = tree.doc.organisasi
    sections = []
    used: set[str] = set()
    owners = positions(tree, lang)
    budget = budget_mod.roll_up(tree)
    if owners.declared:
        head_key = None
    else:
        head_key = next((k for k, e in owners.items() if any(n.role_key in HEAD_ROLES for n in e.nodes)), None)

    def holders(key: str) -> list[Holder]:
        """The holders of a position; the head's name may come from `organisasi.kepala`."""
        found = owners[key].holders or [Holder()]
        if key == head_key and org.kepala and not found[0].nama:
            found = [Holder(org.kepala, found[0].nip, found[0].pangkat), *found[1:]]
        return found

    for key, entry in owners.items():
        nodes = [n for n in entry.nodes if in_agreement(n)]  # not the Tujuan, nor a partner's box
        if not nodes:
            continue
        form = pk_level(level_of(entry, tree))
        unnamed_position(inp, entry)
        cols = [t("tabel_no", lang), t(form["sasaran"], lang), t("tabel_indikator_kinerja", lang), t("tabel_target", lang)]
        superior = entry.superior if owners.declared else superior_by_boxes(tree, owners, key)
        for holder in holders(key):
            sheet, label = section_name(entry, holder, owners, used)
            sec = Section(sheet, [], [[head(c) for c in cols]], cols,
                          [5, 55, 58, 22])
            sec.label = label
            _attachment(inp, sec, nodes, year)
            first = _signature(t("tabel_tertanda", lang), entry, holder, owners.declared)
            second = _second_party(owners, key, superior, holders, lang, tree)
            sec.signatures = [second, first]
            sec.place_date = place_date(org, year, lang)
            sec.before = _statement(first, second, year, sec.place_date, sec.signatures, lang)
            sec.before += [Paragraph(line, "title" if i == 0 else "center")
                           for i, line in enumerate(_attachment_heading(entry, org.nama, year, lang))]
            sec.after = [_budget_block(inp, budget, entry, nodes, form["anggaran"], year)]
            sections.append(sec)
    return TableDoc("pk", t("tabel_judul_pk", lang, year=year), subtitle(tree, lang), sections, lang=lang,
                    orientation="portrait")


def _attachment(inp: Input, sec: Section, nodes, year: int) -> None:
    """The attachment's rows: each box with its indicators and the year's target; a box without
    an indicator is named below the table instead (never a row without an indicator)."""
    no = 0
    for node in nodes:
        if not node.indikator:
            problem = inp.problems(node.id, INDICATORS)
            sec.notes.append(t("tabel_pk_tanpa_indikator", inp.lang, node=node.id, uraian=node.uraian)
                             + (f" ({problem})" if problem else ""))
            continue
        n = len(node.indikator)
        no += 1
        for i, ind in enumerate(node.indikator):
            sec.rows.append([
                Cell(no, kind="center", rowspan=n) if i == 0 else None,
                Cell(node.uraian, rowspan=n, style="group",
                     problem=inp.problems(node.id, INDICATORS)) if i == 0 else None,
                Cell(ind.uraian),
                Cell(target_text(ind, year), kind="center"),
            ])
    if no == 0:
        sec.notes.insert(0, t("tabel_tidak_ada_baris", inp.lang))


def _attachment_heading(entry: Owner, org_name: str, year: int, lang: str) -> list[str]:
    """"PERJANJIAN KINERJA TAHUN 2024", the unit (a declared position's, when it is not the
    organisation) and the organisation, in capitals as the form prints them."""
    lines = [t("tabel_pk_lampiran_judul", lang, year=year)]
    unit = entry.position.data.unit if entry.position is not None else None
    if unit and " ".join(unit.split()).casefold() != " ".join(org_name.split()).casefold():
        lines.append(unit.upper())
    lines.append(org_name.upper())
    return lines


def _statement(first: Signature, second: Signature, year: int, when: str, parties, lang: str) -> list:
    """The statement page of PermenPANRB 53/2014: the parties, the promise, the signatures."""

    def party(sig: Signature) -> Table:
        rows = [[Cell(t("tabel_pemegang", lang)), Cell(":"), Cell(sig.name or DOTS)],
                [Cell(t("tabel_jabatan", lang)), Cell(":"), Cell(sig.position or DOTS)]]
        if sig.nip:
            rows.insert(1, [Cell(t("tabel_nip", lang)), Cell(":"), Cell(sig.nip)])
        return Table([], ["", "", ""], [12, 2, 70], rows)

    return [Paragraph(t("tabel_pk_pernyataan_judul", lang, year=year), "title"),
            Paragraph(t("tabel_pk_pembuka", lang)),
            party(first), Paragraph(t("tabel_pk_disebut_pertama", lang)),
            party(second), Paragraph(t("tabel_pk_disebut_kedua", lang)),
            Paragraph(t("tabel_pk_janji", lang)), Paragraph(t("tabel_pk_supervisi", lang)),
            Signatures(list(parties), when), PageBreak()]


def _budget_block(inp: Input, budget, entry: Owner, nodes, jenis: str, year: int) -> Table:
    """No | Program/Kegiatan/Sub Kegiatan | Anggaran (Rp) | Keterangan, and the Jumlah."""
    lang = inp.lang
    kind = t(f"tabel_jenis_{jenis}", lang)
    cols = [t("tabel_no", lang), kind, t("tabel_anggaran", lang), t("tabel_keterangan", lang)]
    table = Table([[head(c) for c in cols]], cols, [5, 70, 20, 25])
    rows = budget_rows(inp.tree, nodes, jenis)
    if not rows:
        table.rows.append([Cell(t("tabel_pk_tanpa_anggaran", lang, jenis=kind), colspan=4), None, None, None])
        return table
    total, missing = Decimal(0), 0
    for no, row in enumerate(rows, 1):
        box_ids = row.boxes if row.component.joins is None else [row.component.joins.node_id, *row.boxes]
        amount = row_budget(budget, inp.tree, row, year)
        if amount is None:
            missing += 1
            money = Cell(t("form_pagu_belum", lang), kind="center", problem=pagu_problems(inp, box_ids, year))
        else:
            total += amount
            money = Cell(amount, kind="rupiah",
                         problem=_joined(inp.problems(i, (("pagu", year),)) for i in box_ids))
        name = Cell(component_label(row.component, row.node, lang), problem=_joined(inp.problems(i, CODES) for i in box_ids))
        table.rows.append([Cell(no, kind="center"), name, money, Cell("")])
    if missing == len(rows):  # no pagu at all: no sum to print
        money = Cell(t("form_pagu_belum", lang), kind="center", style="total",
                     problem=t("tabel_jumlah_belum_lengkap", lang, n=missing))
    else:
        money = Cell(total, kind="rupiah", style="total",
                     problem=t("tabel_jumlah_belum_lengkap", lang, n=missing) if missing else None)
    table.rows.append([Cell(t("tabel_jumlah", lang), colspan=2, style="total"), None, money, Cell("", style="total")])
    return table


def _joined(problems) -> str | None:
    found: list[str] = []
    for p in problems:
        if p and p not in found:
            found.append(p)
    return "\n".join(found) or None


def _signature(party: str, entry: Owner, holder: Holder, dotted: bool) -> Signature:
    return Signature(party, entry.nama, holder.nama or (DOTS if dotted else ""), holder.nip, holder.pangkat)


def _second_party(owners: Positions, key: str, superior: str | None, holders, lang: str, tree) -> Signature:
    """Pihak Kedua: the superior's (first) holder; for the head of the organisation, the Kepala
    Daerah (`organisasi.kepala_daerah`, else the title that goes with `pemda` and a dotted line);
    when the superior is not known (boxes under several positions), dotted lines to fill."""
    party = t("tabel_pihak_kedua", lang)
    if superior is not None:
        return _signature(party, owners[superior], holders(superior)[0], owners.declared)
    entry = owners[key]
    is_head = entry.head if owners.declared else any(n.role_key in HEAD_ROLES for n in entry.nodes)
    if is_head:
        jabatan, nama = kepala_daerah(tree.doc.organisasi, lang)
        return Signature(party, jabatan, nama or DOTS)
    return Signature(party, DOTS, DOTS)


KIND = TableKind("pk", build_pk, "tabel_help_pk", order=30)
