"""Builders: one :class:`TableDoc` per table kind, from a tree and its check diagnostics."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

from pohon.catalogue import t
from pohon.diagnostics import Diagnostic, Severity
from pohon.mapping import budget as budget_mod
from pohon.mapping.quarters import quarter_status
from pohon.mapping.components import KINDS, Component, components_of, index
from pohon.mapping.nomenclature import builtin
from pohon.mapping.codes import normalise
from pohon.mapping.profiles import resolve_profile
from pohon.model.tree import Node, PerformanceTree
from pohon.model.values import format_number, format_rupiah
from pohon.render.tables.model import Cell, Section, TableDoc, spans_from_keys
from pohon.render.tables.terbilang import in_words_en, terbilang

JENIS = ("matriks", "renstra", "pk", "skp", "rencana-aksi", "iku")
# which field of a box a column shows: a finding marks the cell whose field it is about
INDICATORS = (("indikator",),)
CODES = (("kode",), ("komponen",))
PAGU = (("pagu",),)
POSITIONS = (("jabatan",),)


@dataclass
class Input:
    tree: PerformanceTree
    lang: str
    years: list[int]
    diags: list[Diagnostic]
    file: str = ""

    def problems(self, node_id: str, fields: tuple[tuple, ...] = (), exclude: tuple[tuple, ...] = ()) -> str | None:
        """The findings about ``node_id`` whose field is one of ``fields`` (all when empty), as a cell note."""
        msgs = [f"{d.code}: {d.message(self.lang)}" for d in self.by_node.get(node_id, ())
                if d.severity != Severity.INFO and (not fields or any(d.about(*f) for f in fields))
                and not any(d.about(*f) for f in exclude)]
        return "\n".join(msgs) if msgs else None

    @cached_property
    def by_node(self) -> dict[str, list[Diagnostic]]:
        out: dict[str, list[Diagnostic]] = {}
        for d in self.diags:
            out.setdefault(d.node, []).append(d)
        return out


def _head(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan=rowspan, colspan=colspan, style="head")


def _value_cell(v, satuan: str | None = None) -> Cell:
    if v is None:
        return Cell("")
    if isinstance(v, str):
        return Cell(v, kind="center")
    if satuan and satuan.strip() == "%":
        return Cell(v, kind="percent")
    return Cell(v, kind="number")


def _indicator_lines(node: Node, years: list[int], with_target: bool = True) -> str:
    lines = []
    for ind in node.indikator:
        text = ind.uraian
        if with_target:
            parts = []
            for y in years:
                if y in ind.target:
                    v = ind.target[y]
                    unit = f" {ind.satuan}" if ind.satuan else ""
                    if ind.satuan and ind.satuan.strip() == "%":
                        unit = "%"
                    parts.append(f"{y}: {format_number(v)}{unit}")
            if parts:
                text += " (" + "; ".join(parts) + ")"
        lines.append(text)
    return "\n".join(lines)


def component_name(comp: Component, node: Node) -> str:
    if comp.nama:
        return comp.nama
    if comp.jenis in ("program", "kegiatan", "sub_kegiatan") and comp.kode:
        entry = builtin().get(normalise(comp.kode) or "")
        if entry:
            return entry.nama
    return node.uraian


def _subtitle(tree: PerformanceTree, lang: str) -> str:
    org = tree.doc.organisasi
    return t("tabel_org_periode", lang, org=org.nama, period=tree.doc.periode)


def _positions(tree: PerformanceTree, lang: str):
    """Position key → (name, level, holder, nip, [nodes]) in tree order."""
    prof = resolve_profile(tree.doc)
    out: dict[str, dict] = {}
    for node in tree.walk():
        if node.data.jabatan:
            for jab in node.data.jabatan:
                levels = prof.levels(node.role_key)
                level = jab.tingkat or ("/".join(levels) if levels else "")
                key = jab.nama
                entry = out.setdefault(key, {"nama": jab.nama, "tingkat": level, "pemegang": jab.pemegang,
                                             "nip": jab.nip, "nodes": []})
                entry["pemegang"] = entry["pemegang"] or jab.pemegang
                entry["nip"] = entry["nip"] or jab.nip
                entry["nodes"].append(node)
        else:
            levels = prof.levels(node.role_key)
            level = "/".join(levels) if levels else "?"
            key = "#" + level
            entry = out.setdefault(key, {"nama": t("tabel_jabatan_belum", lang, level=level), "tingkat": level,
                                         "pemegang": None, "nip": None, "nodes": []})
            entry["nodes"].append(node)
    return out


def _position_of(node: Node, positions: dict) -> str:
    for entry in positions.values():
        if node in entry["nodes"]:
            return entry["nama"]
    return ""


def _sheet(name: str, used: set[str]) -> str:
    clean = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31].strip() or "Sheet"
    base, i = clean, 2
    while clean in used:
        suffix = f" ({i})"
        clean = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(clean)
    return clean


# -- 1. matriks cascading ---------------------------------------------------------------------

def build_matriks(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    prof = resolve_profile(tree.doc)
    cols = [t("tabel_no", lang), t("tabel_rujukan", lang), t("tabel_peran", lang), t("tabel_kinerja", lang),
            t("tabel_indikator", lang), t("tabel_jenis_kinerja", lang), t("tabel_komponen", lang),
            t("tabel_tingkat_jabatan", lang)]
    sec = Section("Matriks", [], [[_head(c) for c in cols]], cols, [5, 10, 16, 42, 42, 20, 36, 22])
    for i, node in enumerate(tree.walk(), start=1):
        role = node.role
        comps = components_of(node)
        comp_text = "\n".join(
            f"{t(f'tabel_jenis_{c.jenis}', lang)}" + (f" {c.kode}" if c.kode else "")
            + (f": {component_name(c, node)}" if c.jenis in ("program", "kegiatan", "sub_kegiatan") else "")
            for c in comps)
        levels = prof.levels(node.role_key)
        level_text = "/".join(levels) if levels else "—"
        if node.data.jabatan:
            level_text += "\n" + "\n".join(j.nama for j in node.data.jabatan)
        kinerja = node.uraian + (f" [{t('tabel_crosscutting', lang)}]" if node.is_crosscutting else "")
        sec.rows.append([
            Cell(i, kind="center"),
            Cell(t("tabel_tahap", lang, n=role.tahap) if role else "", kind="center"),
            Cell(role.name(lang) if role else "?"),
            Cell(kinerja, problem=inp.problems(node.id, exclude=INDICATORS + CODES + PAGU + POSITIONS)),
            Cell(_indicator_lines(node, [], with_target=False), problem=inp.problems(node.id, INDICATORS)),
            Cell(role.kinerja.get(lang, role.kinerja["id"]) if role else ""),
            Cell(comp_text, problem=inp.problems(node.id, CODES)),
            Cell(level_text, problem=inp.problems(node.id, POSITIONS) if levels
                 else t("tabel_jabatan_belum", lang, level="?")),
        ])
    return TableDoc("matriks", t("tabel_judul_matriks", lang), _subtitle(tree, lang), [sec], lang=lang)


# -- 2. renstra / renja matrix ------------------------------------------------------------------

def build_renstra(inp: Input) -> TableDoc:
    tree, lang, years = inp.tree, inp.lang, inp.years
    b = budget_mod.roll_up(tree)
    idx = index(tree)
    level_cols = list(KINDS)  # tujuan .. sub_kegiatan, two columns each
    n_label = 2 * len(level_cols)
    # header: two rows
    h1: list = []
    h2: list = []
    for k in level_cols:
        name = t(f"tabel_jenis_{k}", lang)
        h1 += [_head(name, rowspan=2), _head(t("tabel_indikator_dari", lang, jenis=name), rowspan=2)]
        h2 += [None, None]
    h1.append(_head(t("tabel_satuan", lang), rowspan=2))
    h2.append(None)
    h1 += [_head(t("tabel_target", lang), colspan=len(years))] + [None] * (len(years) - 1)
    h2 += [_head(str(y)) for y in years]
    h1 += [_head(t("tabel_pagu", lang), colspan=len(years))] + [None] * (len(years) - 1)
    h2 += [_head(str(y)) for y in years]
    columns = []
    for k in level_cols:
        name = t(f"tabel_jenis_{k}", lang)
        columns += [name, t("tabel_indikator_dari", lang, jenis=name)]
    columns += [t("tabel_satuan", lang)] + [t("tabel_target_tahun", lang, year=y) for y in years] \
        + [t("tabel_pagu_tahun", lang, year=y) for y in years]
    widths = [22, 22, 24, 24, 26, 24, 28, 26, 30, 28, 10] + [9] * len(years) + [16] * len(years)

    # flat rows: (path {level: node}, leaf node, indicator index | None, kind)
    flat: list[dict] = []

    def level_of(node: Node) -> str | None:
        comps = components_of(node)
        return comps[0].jenis if comps else None

    def visit(node: Node, path: dict) -> None:
        lv = level_of(node)
        path = dict(path)
        if lv is not None:
            path[lv] = node
        children = tree.children(node.id)
        if children:
            for child in children:
                visit(child, path)
        else:
            n = max(1, len(node.indikator))
            for i in range(n):
                flat.append({"path": path, "leaf": node, "ind": i if node.indikator else None, "kind": "row"})
        if lv == "program":
            flat.append({"path": {k: v for k, v in path.items() if KINDS.index(k) < KINDS.index("program")},
                         "leaf": node, "ind": None, "kind": "subtotal"})

    for root in tree.roots() or [n for n in tree.walk() if tree.parent(n.id) is None]:
        visit(root, {})

    rows = []
    spans_by_level = {}
    for k in level_cols:
        keys = [(f["path"][k].id if k in f["path"] else None) for f in flat]
        # a subtotal row stays outside the merged cells of its program and below
        keys = [None if (f["kind"] == "subtotal" and KINDS.index(k) >= KINDS.index("program")) else key
                for key, f in zip(keys, flat)]
        spans_by_level[k] = spans_from_keys([None if key is None else (key, _group(flat, i, k)) for i, key in enumerate(keys)])
    leaf_keys = [(f["leaf"].id if f["kind"] == "row" else None) for f in flat]
    leaf_spans = spans_from_keys(leaf_keys)

    for i, f in enumerate(flat):
        row: list = []
        if f["kind"] == "subtotal":
            for k in level_cols:
                if KINDS.index(k) < KINDS.index("program"):
                    row += _level_cells(inp, f, k, spans_by_level[k][i])
            node = f["leaf"]
            comp = components_of(node)[0]
            label = t("tabel_jumlah_program", lang, kode=f"{t('tabel_jenis_program', lang)} {comp.kode or node.id}")
            span = n_label - 2 * KINDS.index("program") + 1 + len(years)
            row.append(Cell(label, colspan=span, style="subtotal"))
            row += [None] * (span - 1)
            for y in years:
                row.append(Cell(b.of(node.id, y), kind="rupiah", style="subtotal",
                                problem=_pagu_problem(inp, node.id, y)))
            rows.append(row)
            continue
        for k in level_cols:
            row += _level_cells(inp, f, k, spans_by_level[k][i])
        leaf: Node = f["leaf"]
        ind = leaf.indikator[f["ind"]] if f["ind"] is not None else None
        row.append(Cell(ind.satuan if ind else "", kind="center"))
        for y in years:
            row.append(_value_cell(ind.target.get(y), ind.satuan) if ind else Cell(""))
        for y in years:
            if leaf_spans[i]:
                row.append(Cell(b.of(leaf.id, y), kind="rupiah", rowspan=leaf_spans[i],
                                problem=_pagu_problem(inp, leaf.id, y)))
            else:
                row.append(None)
        rows.append(row)
    total = [Cell(t("tabel_total", lang), colspan=n_label + 1 + len(years), style="total")]
    total += [None] * (n_label + len(years))
    total += [Cell(b.total.get(y), kind="rupiah", style="total") for y in years]
    rows.append(total)

    sec = Section("Renstra-Renja", [], [h1, h2], columns, widths, rows)
    counts = {k: idx.count(k) for k in ("program", "kegiatan", "sub_kegiatan")}
    for y in years:
        amount = b.total.get(y, Decimal(0))
        words = terbilang(amount) if lang == "id" else in_words_en(amount)
        sec.notes.append(t("tabel_ringkasan", lang, program=counts["program"], kegiatan=counts["kegiatan"],
                           sub=counts["sub_kegiatan"], year=y, amount=format_rupiah(amount), words=words))
    return TableDoc("renstra", t("tabel_judul_renstra", lang), _subtitle(tree, lang), [sec], lang=lang)


def _group(flat: list[dict], i: int, k: str) -> tuple:
    """Merge key of the ancestors above level k, so equal nodes under different parents never merge."""
    f = flat[i]
    return tuple(f["path"][a].id for a in KINDS[: KINDS.index(k)] if a in f["path"])


def _pagu_problem(inp: Input, node_id: str, year: int) -> str | None:
    return inp.problems(node_id, (("pagu", year),))


def _level_cells(inp: Input, f: dict, k: str, span: int) -> list:
    node = f["path"].get(k)
    if node is not None and f["kind"] == "row" and f["leaf"] is node:
        # the leaf: its name merges over its indicator rows; one indicator per row
        ind_text = node.indikator[f["ind"]].uraian if f["ind"] is not None else ""
        name_cell = Cell(_level_name(node, k), rowspan=span, style="group",
                         problem=inp.problems(node.id, CODES + PAGU)) if span else None
        return [name_cell, Cell(ind_text)]
    if span == 0:
        return [None, None]
    if node is None or (f["kind"] == "subtotal" and KINDS.index(k) >= KINDS.index("program")):
        return [Cell("", rowspan=span), Cell("", rowspan=span)]
    return [Cell(_level_name(node, k), rowspan=span, style="group", problem=inp.problems(node.id, CODES + PAGU)),
            Cell(_indicator_lines(node, inp.years), rowspan=span)]


def _level_name(node: Node, k: str) -> str:
    comps = [c for c in components_of(node) if c.jenis == k] or components_of(node)[:1]
    if k in ("program", "kegiatan", "sub_kegiatan"):
        return "\n".join((f"{c.kode} " if c.kode else "") + component_name(c, node) for c in comps)
    return node.uraian


# -- 3. perjanjian kinerja ---------------------------------------------------------------------

def build_pk(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    org = tree.doc.organisasi
    cols = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_target_tahun", lang, year=year)]
    sections = []
    used: set[str] = set()
    for entry in _positions(tree, lang).values():
        title = [f"{t('tabel_jabatan', lang)}: {entry['nama']}",
                 f"{t('tabel_organisasi', lang)}: {org.nama}"]
        if entry["pemegang"]:
            title.insert(1, f"{t('tabel_pemegang', lang)}: {entry['pemegang']}"
                         + (f" (NIP {entry['nip']})" if entry["nip"] else ""))
        sec = Section(_sheet(entry["nama"], used), title, [[_head(c) for c in cols]], cols, [5, 55, 58, 22])
        no = 0
        for node in entry["nodes"]:
            n = max(1, len(node.indikator))
            no += 1
            for i in range(n):
                ind = node.indikator[i] if node.indikator else None
                target = _target_text(ind, year)
                sec.rows.append([
                    Cell(no, kind="center", rowspan=n) if i == 0 else None,
                    Cell(node.uraian, rowspan=n, style="group", problem=inp.problems(node.id, INDICATORS)) if i == 0 else None,
                    Cell(ind.uraian if ind else ""),
                    Cell(target, kind="center"),
                ])
        sec.signature = [t("tabel_tertanda", lang), entry["nama"], entry["pemegang"] or "", ]
        sections.append(sec)
    return TableDoc("pk", t("tabel_judul_pk", lang, year=year), _subtitle(tree, lang), sections, lang=lang)


def _target_text(ind, year: int) -> str:
    if ind is None or year not in ind.target:
        return "-"
    v = ind.target[year]
    unit = ind.satuan or ""
    if unit.strip() == "%":
        return f"{format_number(v)}%"
    return f"{format_number(v)} {unit}".strip()


# -- 4. SKP ---------------------------------------------------------------------------------

def build_skp(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    positions = _positions(tree, lang)
    cols = [t("tabel_no", lang), t("tabel_rhk_pimpinan", lang), t("tabel_atasan", lang), t("tabel_hasil_kerja", lang),
            t("tabel_indikator_kinerja", lang), t("tabel_target_tahun", lang, year=year)]
    sections = []
    used: set[str] = set()
    for entry in positions.values():
        if "JPT" in entry["tingkat"].split("/"):
            continue
        title = [f"{t('tabel_jabatan', lang)}: {entry['nama']}", f"{t('tabel_organisasi', lang)}: {tree.doc.organisasi.nama}"]
        if entry["pemegang"]:
            title.insert(1, f"{t('tabel_pemegang', lang)}: {entry['pemegang']}")
        sec = Section(_sheet(entry["nama"], used), title, [[_head(c) for c in cols]], cols, [5, 40, 24, 40, 44, 14])
        no = 0
        for node in entry["nodes"]:
            parent = tree.parent(node.id)
            n = max(1, len(node.indikator))
            no += 1
            for i in range(n):
                ind = node.indikator[i] if node.indikator else None
                first = i == 0
                sec.rows.append([
                    Cell(no, kind="center", rowspan=n) if first else None,
                    Cell(parent.uraian if parent else "", rowspan=n) if first else None,
                    Cell(_position_of(parent, positions) if parent else "", rowspan=n) if first else None,
                    Cell(node.uraian, rowspan=n, style="group") if first else None,
                    Cell(ind.uraian if ind else ""),
                    Cell(_target_text(ind, year), kind="center"),
                ])
        sections.append(sec)
    if not sections:
        sections.append(Section("SKP", [t("tabel_tidak_ada_baris", lang)], [[_head(c) for c in cols]], cols,
                                [5, 40, 24, 40, 44, 14]))
    return TableDoc("skp", t("tabel_judul_skp", lang, year=year), _subtitle(tree, lang), sections, lang=lang)


# -- 5. rencana aksi --------------------------------------------------------------------------

def build_rencana_aksi(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    b = budget_mod.roll_up(tree)
    h1 = [_head(t("tabel_no", lang), rowspan=2), _head(t("tabel_kinerja", lang), rowspan=2),
          _head(t("tabel_indikator", lang), rowspan=2), _head(t("tabel_satuan", lang), rowspan=2),
          _head(t("tabel_target_tahunan", lang), rowspan=2), _head(t("tabel_target_triwulan", lang), colspan=4),
          None, None, None, _head(t("tabel_aksi", lang), rowspan=2), _head(t("tabel_anggaran", lang), rowspan=2),
          _head(t("tabel_penanggung_jawab", lang), rowspan=2)]
    h2 = [None] * 5 + [_head(t("tabel_tw", lang, n=n)) for n in range(1, 5)] + [None, None, None]
    cols = [t("tabel_no", lang), t("tabel_kinerja", lang), t("tabel_indikator", lang), t("tabel_satuan", lang),
            t("tabel_target_tahunan", lang)] + [t("tabel_tw", lang, n=n) for n in range(1, 5)] + \
           [t("tabel_aksi", lang), t("tabel_anggaran", lang), t("tabel_penanggung_jawab", lang)]
    sec = Section(t("tabel_judul_rencana_aksi", lang, year=year)[:31], [], [h1, h2], cols,
                  [5, 34, 36, 9, 10, 8, 8, 8, 8, 48, 16, 22])
    any_plan = any(year in ind.rencana_aksi for n in tree for ind in n.indikator)
    positions = _positions(tree, lang)
    items = []
    for node in tree.walk():
        for i, ind in enumerate(node.indikator):
            if any_plan and year not in ind.rencana_aksi:
                continue
            if not any_plan and node.role_key != "operasional":
                continue
            items.append((node, i, ind))
    node_spans = spans_from_keys([n.id for n, _, _ in items])
    for k, (node, i, ind) in enumerate(items):
        ra = ind.rencana_aksi.get(year)
        tws = list(ra.tw) + [None] * (4 - len(ra.tw)) if ra else [None] * 4
        aksi = "\n".join(f"{t('tabel_tw', lang, n=n + 1)}: {a}" for n, a in enumerate(ra.aksi) if a) if ra else ""
        problem = inp.problems(node.id, (("indikator", i, "rencana_aksi", year),))
        anggaran = ra.anggaran if ra and ra.anggaran is not None else (b.of(node.id, year) if i == 0 else None)
        pj = (ra.penanggung_jawab if ra and ra.penanggung_jawab else _position_of(node, positions))
        no_cell = Cell(len({n.id for n, _, _ in items[: k + 1]}), kind="center", rowspan=node_spans[k]) if node_spans[k] else None
        row = [no_cell,
               Cell(node.uraian, rowspan=node_spans[k], style="group") if node_spans[k] else None,
               Cell(ind.uraian), Cell(ind.satuan or "", kind="center"),
               _value_cell(ind.target.get(year), ind.satuan)]
        for n, v in enumerate(tws):
            c = _value_cell(v, ind.satuan)
            if problem and n == 3:
                c.problem = problem
            row.append(c)
        row += [Cell(aksi), Cell(anggaran, kind="rupiah"), Cell(pj)]
        sec.rows.append(row)
    if not items:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    return TableDoc("rencana-aksi", t("tabel_judul_rencana_aksi", lang, year=year), _subtitle(tree, lang), [sec], lang=lang)


# -- 6. IKU -----------------------------------------------------------------------------------

def build_iku(inp: Input) -> TableDoc:
    tree, lang, years = inp.tree, inp.lang, inp.years
    positions = _positions(tree, lang)
    h1 = [_head(t("tabel_no", lang), rowspan=2), _head(t("tabel_iku_kinerja", lang), rowspan=2),
          _head(t("tabel_indikator_kinerja", lang), rowspan=2), _head(t("tabel_satuan", lang), rowspan=2),
          _head(t("tabel_polaritas", lang), rowspan=2), _head(t("tabel_baseline", lang), rowspan=2),
          _head(t("tabel_target", lang), colspan=len(years))] + [None] * (len(years) - 1) + \
         [_head(t("tabel_penanggung_jawab", lang), rowspan=2)]
    h2 = [None] * 6 + [_head(str(y)) for y in years] + [None]
    cols = [t("tabel_no", lang), t("tabel_iku_kinerja", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_satuan", lang), t("tabel_polaritas", lang), t("tabel_baseline", lang)] + \
           [t("tabel_target_tahun", lang, year=y) for y in years] + [t("tabel_penanggung_jawab", lang)]
    sec = Section("IKU", [], [h1, h2], cols, [5, 44, 48, 10, 11, 12] + [9] * len(years) + [28])
    items = []
    for node in tree.walk():
        for ind in node.indikator:
            strategic = node.role_key in ("outcome", "csf")
            if (strategic and ind.iku is not False) or ind.iku:
                items.append((node, ind))
    spans = spans_from_keys([n.id for n, _ in items])
    no = 0
    for k, (node, ind) in enumerate(items):
        if spans[k]:
            no += 1
        base = "" if ind.baseline is None else format_number(ind.baseline) + (f" ({ind.tahun_baseline})" if ind.tahun_baseline else "")
        row = [Cell(no, kind="center", rowspan=spans[k]) if spans[k] else None,
               Cell(node.uraian, rowspan=spans[k], style="group") if spans[k] else None,
               Cell(ind.uraian), Cell(ind.satuan or "", kind="center"),
               Cell(t(f"tabel_{ind.polaritas}", lang), kind="center"), Cell(base, kind="center")]
        row += [_value_cell(ind.target.get(y), ind.satuan) for y in years]
        row.append(Cell(_position_of(node, positions)))
        sec.rows.append(row)
    if not items:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    return TableDoc("iku", t("tabel_judul_iku", lang), _subtitle(tree, lang), [sec], lang=lang)


BUILDERS = {
    "matriks": build_matriks,
    "renstra": build_renstra,
    "pk": build_pk,
    "skp": build_skp,
    "rencana-aksi": build_rencana_aksi,
    "iku": build_iku,
}


def build(kind: str, tree: PerformanceTree, lang: str = "id", years: list[int] | None = None,
          diags: list[Diagnostic] | None = None, file: str = "") -> TableDoc:
    years = years or list(tree.years)
    inp = Input(tree, lang, years, list(diags or []), file)
    doc = BUILDERS[kind](inp)
    doc.source = file
    doc.findings = [f"{d.line}:{d.col} {d.code} [{d.node or '-'}] {d.message(lang)}" for d in sorted(
        (d for d in inp.diags if d.severity != Severity.INFO), key=lambda d: d.sort_key)]
    return doc
