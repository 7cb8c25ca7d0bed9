"""`--jenis renja`: Tabel T-C.33 of the Renja Perangkat Daerah, "Rumusan Rencana Program,
Kegiatan dan Sub Kegiatan Perangkat Daerah Tahun n dan Prakiraan Maju Tahun n+1".

The form of Permendagri 86/2017, Lampiran (Renja Perangkat Daerah, Tabel T-C.33), as source 000
(Renja 2022 Badan Kesbangpol Kabupaten Balangan, Tabel T-C.33 and Tabel 4.1) prints it. Columns,
in this order:

(1) Kode, split in five cells as the source prints it: Urusan, Bidang Urusan, Program, Kegiatan,
Sub Kegiatan (``1 | 05 | 01 | 2.01 | 0001``); (2) Urusan/Bidang Urusan Pemerintahan Daerah dan
Program/Kegiatan/Sub Kegiatan; (3) Indikator Kinerja Program (Outcome)/Kegiatan (Output)/Sub
Kegiatan (Output); Rencana Tahun n (Tahun Rencana): (4) Lokasi, (5) Target Capaian Kinerja,
(6) Kebutuhan Dana/Pagu Indikatif, (7) Sumber Dana; (8) Catatan Penting; Prakiraan Maju Rencana
Tahun n+1: (9) Target Capaian Kinerja, (10) Kebutuhan Dana/Pagu Indikatif. A Jumlah row closes
the table.

Rows are in code order, each program under the header rows of its urusan and bidang urusan
(names from the nomenclature reference); a kegiatan under the program its code extends (else
the program box above it), a sub kegiatan likewise under its kegiatan. Boxes that are one
component (the same code) are one row. Every program, kegiatan and sub kegiatan row has its
target and pagu: the pagu a box declares, else the sum of its sub kegiatan with each shared
component counted once (``_plan.pagu_of``). The Jumlah is the roll-up total of the year
(:mod:`pohon.mapping.budget`). n is ``--tahun`` (default: the first year of the period); when
n+1 lies outside the tree's period its columns stay empty and a note says so. A target is
written with the unit of its year, so "12 Bulan" then "100%" stays visible.

Uncoded boxes still make rows (their names, never internal ids) after the coded ones, with the
findings about their codes marked; a missing pagu reads "pagu belum diisi".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pohon.catalogue import t
from pohon.mapping import budget as budget_mod
from pohon.mapping.codes import Code, parse_code
from pohon.mapping.components import KIND_RANK, Component
from pohon.mapping.nomenclature import builtin
from pohon.model.tree import Node
from pohon.render.tables.common import (CODES, Input, component_name, crosscutting_notes, head, joined_ids, subtitle,
                                        target_text)
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.kinds._plan import (DASH, code_sort_key, indicator_pairs, inherited, joined_boxes, pagu_cell,
                                             pagu_of, plan_component)
from pohon.render.tables.model import Cell, Section, TableDoc
from pohon.render.tables.numbers import rupiah_text
from pohon.render.tables.terbilang import in_words_en, terbilang

NCOLS = 14
_PARENT_KIND = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}
_PREFIX = {"program": 3, "kegiatan": 5}


@dataclass
class Entry:
    """One row group of the form: a program, kegiatan or sub kegiatan and the boxes carrying it."""

    jenis: str
    key: tuple
    comp: Component
    boxes: list[Node]
    children: list[Entry] = field(default_factory=list)

    @property
    def code(self) -> Code | None:
        return self.comp.code

    @property
    def sort_key(self) -> tuple:
        return code_sort_key(self.code) + (self.boxes[0].order,)

    def indicators(self, joined):
        """The indicators of its boxes and of the boxes joining them (upper kondisi antara), each once."""
        seen, out = set(), []
        for node in self.boxes:
            for box, i in indicator_pairs(joined, node):
                ind = box.indikator[i]
                k = " ".join(ind.uraian.split()).casefold()
                if k not in seen:
                    seen.add(k)
                    out.append((box, i, ind))
        return out


def entries(inp: Input) -> tuple[list[Entry], list[Node]]:
    """The top entries (programs, and what has no program above it), each with its children;
    and the crosscutting boxes left to their partners."""
    tree = inp.tree
    by_key: dict[tuple, Entry] = {}
    of_node: dict[str, Entry] = {}
    apart: list[Node] = []
    for node in tree.walk():
        if node.partner_handled:
            apart.append(node)
            continue
        comp = plan_component(node)
        if comp is None:
            continue
        key = comp.key or (comp.jenis, "#" + node.id)
        entry = by_key.get(key)
        if entry is None:
            entry = by_key[key] = Entry(comp.jenis, key, comp, [])
        entry.boxes.append(node)
        of_node[node.id] = entry
    tops: list[Entry] = []
    for entry in by_key.values():
        parent = None
        want = _PARENT_KIND.get(entry.jenis)
        if want and entry.code is not None and len(entry.code.parts) > _PREFIX[want]:
            parent = by_key.get((want, ".".join(entry.code.parts[:_PREFIX[want]])))
        if parent is None and want:
            for anc in tree.ancestors(entry.boxes[0].id):
                up = of_node.get(anc.id)
                if up is not None and KIND_RANK[up.jenis] < KIND_RANK[entry.jenis]:
                    parent = up
                    break
        (parent.children if parent is not None else tops).append(entry)
    for entry in by_key.values():
        entry.children.sort(key=lambda e: e.sort_key)
    tops.sort(key=lambda e: e.sort_key)
    return tops, apart


def _org_bidang(inp: Input) -> Code | None:
    for part in (inp.tree.doc.organisasi.urusan or "").replace(";", ",").split(","):
        code = parse_code(part)
        if code is not None and len(code.parts) >= 2:
            return Code(code.parts[:2])
    return None


def _group_of(entry: Entry, org: Code | None) -> Code | None:
    if entry.code is not None and len(entry.code.parts) >= 2:
        return Code(entry.code.parts[:2])
    return org


def code_cells(code: Code | None, rowspan: int) -> list:
    parts = list(code.parts) if code is not None else []
    shown = parts[:3] + ([".".join(parts[3:5])] if len(parts) >= 5 else []) + parts[5:6]
    shown += [""] * (5 - len(shown))
    return [Cell(p, kind="center", rowspan=rowspan) for p in shown]


def header(lang: str, year: int) -> tuple[list, list[str]]:
    h1 = [head(t("renja_kode", lang), colspan=5), None, None, None, None,
          head(t("renja_urusan_program", lang), rowspan=2), head(t("renja_indikator", lang), rowspan=2),
          head(t("renja_rencana_tahun", lang, year=year), colspan=4), None, None, None,
          head(t("renja_catatan_penting", lang), rowspan=2),
          head(t("renja_prakiraan_maju", lang, year=year + 1), colspan=2), None]
    sub = [t("renja_kode_urusan", lang), t("renja_kode_bidang", lang), t("tabel_jenis_program", lang),
           t("renja_kode_kegiatan", lang), t("renja_kode_sub", lang)]
    h2 = [head(s) for s in sub] + [None, None] + [
        head(t("renja_lokasi", lang)), head(t("renja_target", lang)), head(t("renja_pagu", lang)),
        head(t("renja_sumber_dana", lang)), None, head(t("renja_target", lang)), head(t("renja_pagu", lang))]
    h3 = [head("(1)", colspan=5), None, None, None, None] + [head(f"({n})") for n in range(2, 11)]
    columns = [f"{t('renja_kode', lang)} {s}" for s in sub] + [
        t("renja_urusan_program", lang), t("renja_indikator", lang),
        t("renja_lokasi", lang), f"{t('renja_target', lang)} {year}", f"{t('renja_pagu', lang)} {year}",
        t("renja_sumber_dana", lang), t("renja_catatan_penting", lang),
        f"{t('renja_target', lang)} {year + 1}", f"{t('renja_pagu', lang)} {year + 1}"]
    return [h1, h2, h3], columns


def build_renja(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    nxt = year + 1
    has_next = nxt in tree.years
    b = budget_mod.roll_up(tree)
    tops, apart = entries(inp)
    joined = joined_boxes(tree)
    hdr, columns = header(lang, year)
    sec = Section("Renja T-C.33", [], hdr, columns, [5, 6, 6, 7, 7, 44, 40, 22, 12, 17, 16, 14, 12, 17])
    org = tree.doc.organisasi
    sec.title = [line for line in (org.pemda, t("renja_nama_pd", lang, org=org.nama)) if line]
    ref = builtin()
    org_bidang = _org_bidang(inp)
    shown_urusan: str | None = None
    shown_bidang: str | None = None
    for entry in tops:
        group = _group_of(entry, org_bidang)
        if group is not None and group.text != shown_bidang:
            urusan = group.parts[0]
            if urusan != shown_urusan:
                sec.rows.append(_heading_row(Code((urusan,)), ref, "urusan", lang))
                shown_urusan = urusan
            sec.rows.append(_heading_row(group, ref, "bidang", lang))
            shown_bidang = group.text
        _entry_rows(inp, b, joined, entry, year, has_next, sec.rows)
    total = [Cell(t("renja_jumlah", lang), colspan=9, style="total")] + [None] * 8
    total += [Cell(b.total.get(year), kind="rupiah", style="total"), Cell("", colspan=3, style="total"), None, None,
              Cell(b.total.get(nxt) if has_next else None, kind="rupiah", style="total")]
    sec.rows.append(total)
    _notes(inp, b, sec, year, has_next)
    sec.notes += crosscutting_notes(apart, lang)
    title = t("renja_judul", lang, year=year, next=nxt)
    return TableDoc("renja", title, subtitle(tree, lang), [sec], lang=lang, orientation="landscape")


def _heading_row(code: Code, ref, level: str, lang: str) -> list:
    entry = ref.get(code.text)
    name = entry.nama if entry is not None else t("renja_nama_tidak_ada", lang, jenis=t(f"tabel_jenis_{level}", lang),
                                                   kode=code.text)
    return code_cells(code, 1) + [Cell(name, style="group"), Cell("", colspan=NCOLS - 6)] + [None] * (NCOLS - 7)


def _entry_rows(inp: Input, b, joined, entry: Entry, year: int, has_next: bool, rows: list) -> None:
    stack = [entry]
    while stack:
        e = stack.pop()
        rows.extend(_rows_of(inp, b, joined, e, year, has_next))
        stack.extend(reversed(e.children))


def _rows_of(inp: Input, b, joined, e: Entry, year: int, has_next: bool) -> list[list]:
    tree, lang = inp.tree, inp.lang
    inds = e.indicators(joined)
    n = max(1, len(inds))
    first = e.boxes[0]
    style = "group" if e.jenis == "program" else ""
    name = component_name(e.comp, first)
    code_problem = "\n".join(p for p in (inp.problems(x.id, CODES) for x in e.boxes) if p) or None
    lokasi = inherited(tree, first, "lokasi") or ""
    amount = pagu_of(b, tree, e.boxes, year)
    sumber = (inherited(tree, first, "sumber_dana") or "") if amount else DASH
    catatan = "\n".join(x.data.catatan_penting for x in e.boxes if x.data.catatan_penting)
    out = []
    for k in range(n):
        node, i, ind = inds[k] if inds else (first, None, None)
        if k == 0:
            row = code_cells(e.code, n) + [Cell(name, rowspan=n, style=style, problem=code_problem)]
        else:
            row = [None] * 6
        ind_problem = inp.problems(node.id, (("indikator", i),), exclude=(("indikator", i, "target"),)) \
            if i is not None else inp.problems(first.id, (("indikator",),))
        row.append(Cell(ind.uraian if ind else t("renja_indikator_belum", lang), problem=ind_problem))
        row.append(Cell(lokasi, rowspan=n) if k == 0 else None)
        row.append(_target_cell(inp, node, i, ind, year))
        if k == 0:
            row += [pagu_cell(inp, b, e.boxes, year, rowspan=n), Cell(sumber, kind="center", rowspan=n),
                    Cell(catatan, rowspan=n)]
        else:
            row += [None, None, None]
        row.append(_target_cell(inp, node, i, ind, year + 1) if has_next else Cell(""))
        if k == 0:
            row.append(pagu_cell(inp, b, e.boxes, year + 1, rowspan=n) if has_next else Cell("", rowspan=n))
        else:
            row.append(None)
        out.append(row)
    return out


def _target_cell(inp: Input, node: Node, i, ind, year: int) -> Cell:
    if ind is None:
        return Cell(DASH, kind="center")
    problem = inp.problems(node.id, (("indikator", i, "target", year),)) if year in ind.target else \
        inp.problems(node.id, (("indikator", i, "target"),))
    return Cell(target_text(ind, year), kind="center", problem=problem)


def _notes(inp: Input, b, sec: Section, year: int, has_next: bool) -> None:
    tree, lang = inp.tree, inp.lang
    amount = b.total.get(year, Decimal(0))
    words = terbilang(amount) if lang == "id" else in_words_en(amount)
    sec.notes.append(t("renja_ringkasan", lang, year=year, amount=rupiah_text(amount), words=words))
    if not has_next:
        sec.notes.append(t("renja_maju_di_luar", lang, year=year + 1, period=tree.doc.periode))
    for shared in b.shared:
        if set(shared.years) & {year, year + 1}:
            sec.notes.append(t("tabel_komponen_bersama", lang, nodes=joined_ids(shared.node_ids, lang),
                               component="; ".join(f"{t(f'tabel_jenis_{c.jenis}', lang)} {c.code}"
                                                   for c in shared.components)))


KIND = TableKind("renja", build_renja, "tabel_help_renja", order=25)
