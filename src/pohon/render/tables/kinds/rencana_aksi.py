"""`--jenis rencana-aksi`: the Rencana Aksi of one year as source 004 prints it (Rencana Aksi
Kinerja Sasaran, Badan Kesbangpol Kota Metro 2021).

Columns, in the source's order: No; Tujuan, Indikator Tujuan; Sasaran, Indikator Kinerja
Sasaran; Program, Indikator Program; Kegiatan, Indikator Kegiatan; Sub Kegiatan, Indikator Sub
Kegiatan; Satuan; Target Kinerja TW I, TW II, TW III, TW IV; Target (the year's); Rencana Aksi (the
numbered actions); Anggaran; Penanggung Jawab. A Jumlah row, the signature of the head of the
organisation with place and date, then the Jadwal Kegiatan: one row per action, months 1–12
grouped by quarter, a mark (√) in each month of the action.

One row per indicator with a `rencana_aksi` for the year (without any in the tree: one per
indicator of the kondisi operasional, so a plan can be filled in). The cascade cells of a row are
the boxes above the indicator's box and those below it, by their component (tujuan … sub
kegiatan); equal cells of consecutive rows merge. Printed figures:

- Satuan: the unit of the year (`satuan_tahun`, else `satuan`).
- Anggaran: the action plan's `anggaran`, else the pagu of the box's branch (roll-up).
- Penanggung jawab: the plan's `penanggung_jawab`, else the holder of the position owning the
  box (`peta_jabatan`, `jabatan: {pemegang}`), else the position's name.
- Jumlah: the pagu of the rows' branches with each component counted once, plus the declared
  anggaran of rows whose branch has no pagu. When the column's own sum differs (one sub kegiatan
  printed on two rows, as source 004 does), a note gives both figures.
- Actions in the old form (`aksi: [tw1, tw2, tw3, tw4]`) are scheduled in the three months of
  their quarter; an action written `{uraian, bulan: [...]}` in its months.
"""

from __future__ import annotations

from decimal import Decimal

from pohon.catalogue import t
from pohon.mapping import budget as budget_mod
from pohon.mapping.components import KINDS, components_of
from pohon.model.tree import Node
from pohon.render.tables.common import POSITIONS, Input, component_name, head, positions, subtitle, value_cell
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.kinds._plan import BUDGET_KINDS, head_signature, holder_of, owner_of, place_date
from pohon.render.tables.kinds.renstra import component_level
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys
from pohon.render.tables.numbers import rupiah_text

NCASCADE = 2 * len(KINDS)
NCOLS = 1 + NCASCADE + 1 + 4 + 1 + 3
TW_ROMAN = ("I", "II", "III", "IV")


def header(lang: str, year: int) -> tuple[list, list[str]]:
    cascade = []
    for k in KINDS:
        cascade += [t(f"tabel_jenis_{k}", lang), t(f"ra_indikator_{k}", lang)]
    after = [t("ra_target_tahun", lang, year=year), t("tabel_aksi", lang), t("tabel_anggaran", lang),
             t("tabel_penanggung_jawab", lang)]
    h1 = [head(t("tabel_no", lang), rowspan=2)] + [head(c, rowspan=2) for c in cascade] + \
         [head(t("tabel_satuan", lang), rowspan=2), head(t("ra_target_kinerja", lang), colspan=4), None, None, None] + \
         [head(a, rowspan=2) for a in after]
    h2 = [None] * (1 + NCASCADE + 1) + [head(t("ra_tw", lang, n=r)) for r in TW_ROMAN] + [None] * 4
    columns = [t("tabel_no", lang)] + cascade + [t("tabel_satuan", lang)] + \
              [t("ra_tw", lang, n=r) for r in TW_ROMAN] + after
    return [h1, h2], columns


def items(inp: Input, year: int) -> list[tuple[Node, int]]:
    tree = inp.tree
    any_plan = any(year in ind.rencana_aksi for n in tree for ind in n.indikator)
    out = []
    for node in tree.walk():
        if node.partner_handled:
            continue
        for i, ind in enumerate(node.indikator):
            if any_plan and year not in ind.rencana_aksi:
                continue
            if not any_plan and node.role_key != "operasional":
                continue
            out.append((node, i))
    return out


def cascade(inp: Input, node: Node) -> dict[str, list[Node]]:
    """The boxes of each level for a row of ``node``: the nearest above it (and itself), and
    those below it (not below a Tujuan: its whole tree would fill the row)."""
    tree = inp.tree
    levels: dict[str, list[Node]] = {}
    for box in [node, *tree.ancestors(node.id)]:
        lv = component_level(box)
        if lv is not None and lv not in levels:
            levels[lv] = [box]
    own = component_level(node)
    if own is not None and own != "tujuan":
        for box in tree.descendants(node.id) if tree.children(node.id) else ():
            lv = component_level(box)
            if lv is not None and KINDS.index(lv) > KINDS.index(own) and not box.partner_handled:
                levels.setdefault(lv, []).append(box)
    return levels


def _name(box: Node, lv: str) -> str:
    """The box's program/kegiatan/sub kegiatan by its name (source 004 prints no codes), else its statement."""
    if lv in BUDGET_KINDS:
        comps = [c for c in components_of(box) if c.jenis == lv]
        if comps:
            return component_name(comps[0], box)
    return box.uraian


def build_rencana_aksi(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    b = budget_mod.roll_up(tree)
    owners = positions(tree, lang)
    hdr, columns = header(lang, year)
    sec = Section(t("ra_sheet", lang, year=year), [], hdr, columns,
                  [4] + [17, 17] * len(KINDS) + [8, 6, 6, 6, 6, 8, 40, 15, 18])
    org = tree.doc.organisasi
    sec.title = [t("ra_judul_org", lang, org=org.nama.upper() if lang == "id" else org.nama, year=year)]
    rows_items = items(inp, year)
    plans = [(node, i, node.indikator[i], node.indikator[i].rencana_aksi.get(year)) for node, i in rows_items]
    casc = [cascade(inp, node) for node, _ in rows_items]
    # merge keys per cascade column: the boxes of the level and of every level above
    col_keys: list[list] = []
    for li, lv in enumerate(KINDS):
        upper = KINDS[: li + 1]
        names = [tuple(tuple(x.id for x in c.get(u, ())) for u in upper) if c.get(lv) else None for c in casc]
        own = [(names[k], rows_items[k][1]) if names[k] is not None and component_level(rows_items[k][0]) == lv else names[k]
               for k in range(len(casc))]
        col_keys += [names, own]
    spans = [spans_from_keys(keys) for keys in col_keys]
    printed: list[Decimal] = []
    for k, (node, i, ind, ra) in enumerate(plans):
        row: list = [Cell(k + 1, kind="center")]
        for li, lv in enumerate(KINDS):
            boxes = casc[k].get(lv, [])
            for part in (0, 1):
                span = spans[2 * li + part][k]
                if not span:
                    row.append(None)
                    continue
                if not boxes:
                    row.append(Cell("", rowspan=span))
                elif part == 0:
                    row.append(Cell("\n".join(_name(x, lv) for x in boxes), rowspan=span, style="group"))
                elif lv == component_level(node):
                    row.append(Cell(ind.uraian, rowspan=span,
                                    problem=inp.problems(node.id, (("indikator", i),),
                                                         exclude=(("indikator", i, "rencana_aksi"),))))
                else:
                    row.append(Cell("\n".join(x.uraian for b_ in boxes for x in b_.indikator), rowspan=span))
        unit = ind.unit(year)
        row.append(Cell(unit or "", kind="center"))
        tws = (list(ra.tw) + [None] * 4)[:4] if ra else [None] * 4
        tw_problem = inp.problems(node.id, (("indikator", i, "rencana_aksi", year, "tw"),))
        for n, v in enumerate(tws):
            c = value_cell(v, unit)
            if n == 3 and tw_problem:
                c.problem = tw_problem
            row.append(c)
        row.append(value_cell(ind.target.get(year), unit))
        actions = [a for a in (ra.aksi if ra else []) if a is not None]
        row.append(Cell("\n".join(f"{n}. {a.uraian}" for n, a in enumerate(actions, 1)),
                        problem=inp.problems(node.id, (("indikator", i, "rencana_aksi", year, "aksi"),))))
        amount = ra.anggaran if ra and ra.anggaran is not None else b.of(node.id, year)
        if amount is not None:
            printed.append(amount)
        row.append(Cell(amount, kind="rupiah",
                        problem=inp.problems(node.id, (("indikator", i, "rencana_aksi", year, "anggaran"),)))
                   if amount is not None else Cell(t("form_pagu_belum", lang), kind="center"))
        row.append(_responsible(inp, owners, node, ra))
        sec.rows.append(row)
    total = _total(inp, b, plans, year)
    sec.rows.append([Cell(t("renja_jumlah", lang), colspan=NCOLS - 2, style="total")] + [None] * (NCOLS - 3)
                    + [Cell(total, kind="rupiah", style="total") if total is not None
                       else Cell(t("form_pagu_belum", lang), kind="center", style="total"), Cell("", style="total")])
    if not plans:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    column_sum = sum(printed, Decimal(0))
    if printed and total is not None and column_sum != total:
        sec.notes.append(t("ra_jumlah_beda", lang, column=rupiah_text(column_sum), total=rupiah_text(total)))
    sec.signatures = [head_signature(inp, owners)]
    sec.place_date = place_date(inp, year)
    return TableDoc("rencana-aksi", t("tabel_judul_rencana_aksi", lang, year=year), subtitle(tree, lang),
                    [sec, schedule(inp, plans, year)], lang=lang, orientation="landscape")


def _responsible(inp: Input, owners, node: Node, ra) -> Cell:
    """The plan's officer, else the holder of the owning position, else the position; a box whose
    position is not written says so (never an internal id)."""
    if ra is not None and ra.penanggung_jawab:
        return Cell(ra.penanggung_jawab)
    entry = owner_of(owners, node)
    problem = inp.problems(node.id, POSITIONS)
    if entry is None or entry.key.startswith("#"):
        return Cell(t("ra_pj_belum", inp.lang), problem=problem)
    return Cell(holder_of(entry).nama or entry.nama, problem=problem)


def _total(inp: Input, b, plans, year: int) -> Decimal | None:
    """The pagu of the rows' branches, each component once, plus the declared anggaran of the
    rows whose branch has no pagu."""
    with_pagu = [node.id for node, _, _, _ in plans if b.of(node.id, year) is not None]
    total = b.of_boxes(inp.tree, dict.fromkeys(with_pagu), year) if with_pagu else None
    extra = [ra.anggaran for node, _, _, ra in plans
             if node.id not in with_pagu and ra is not None and ra.anggaran is not None]
    if extra:
        total = (total or Decimal(0)) + sum(extra, Decimal(0))
    return total


def schedule(inp: Input, plans, year: int) -> Section:
    """Jadwal Kegiatan: one row per action, the months 1–12 under their quarter, √ when planned."""
    lang = inp.lang
    h1 = [head(t("tabel_no", lang), rowspan=2), head(t("tabel_aksi", lang), rowspan=2)]
    for r in TW_ROMAN:
        h1 += [head(t("ra_tw", lang, n=r), colspan=3), None, None]
    h2 = [None, None] + [head(str(m)) for m in range(1, 13)]
    columns = [t("tabel_no", lang), t("tabel_aksi", lang)] + [str(m) for m in range(1, 13)]
    sec = Section(t("ra_jadwal_sheet", lang, year=year), [t("ra_jadwal", lang)], [h1, h2], columns, [6, 60] + [4] * 12)
    for k, (node, i, ind, ra) in enumerate(plans, 1):
        actions = [a for a in (ra.aksi if ra else []) if a is not None]
        for n, a in enumerate(actions, 1):
            months = set(a.months)
            problem = None if months else t("ra_bulan_belum", lang)
            sec.rows.append([Cell(f"{k}.{n}", kind="center"), Cell(a.uraian, problem=problem)]
                            + [Cell("√" if m in months else "", kind="center") for m in range(1, 13)])
    if not sec.rows:
        sec.notes.append(t("ra_jadwal_kosong", lang))
    return sec


KIND = TableKind("rencana-aksi", build_rencana_aksi, "tabel_help_rencana_aksi", order=50)
