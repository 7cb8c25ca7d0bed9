"""`--jenis matriks`: the cascade matrix, one row per box: method step, role, performance,
indicators, kind of performance, planning components and PK/SKP position level (source 003).

The role column names the box's tier (an upper kondisi antara is translated like the kondisi
antara utama above it, into the same program); the outcome is the organisation's Tujuan, owned
by its head but signed in no PK. A crosscutting box left to its partner is no row of the
organisation's own translation: it is listed apart, below the table."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.components import components_of, shown
from pohon.mapping.profiles import resolve_profile
from pohon.render.tables.common import (CODES, INDICATORS, PAGU, POSITIONS, Input, component_name, crosscutting_notes,
                                        head, indicator_lines, positions, subtitle)
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc


def build_matriks(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    prof = resolve_profile(tree.doc)
    cols = [t("tabel_no", lang), t("tabel_rujukan", lang), t("tabel_peran", lang), t("tabel_kinerja", lang),
            t("tabel_indikator", lang), t("tabel_jenis_kinerja", lang), t("tabel_komponen", lang),
            t("tabel_tingkat_jabatan", lang)]
    sec = Section("Matriks", [], [[head(c) for c in cols]], cols, [5, 10, 16, 42, 42, 20, 36, 22])
    apart = []
    owners = positions(tree, lang)
    i = 0
    for node in tree.walk():
        if node.partner_handled:
            apart.append(node)
            continue
        i += 1
        role, tier = node.role, node.tier
        comps = components_of(node)
        comp_text = "\n".join(_component_text(c, node, lang) for c in comps)
        levels = prof.levels_of(node)
        level_text = "/".join(levels) if levels else "—"
        if tier is not None and not tier.perjanjian:
            level_text += "\n" + t("tabel_tanpa_pk", lang)
        named = [owners[k].nama for k in owners.keys_of(node.id) if owners[k].position is not None] \
            or [j.nama for j in node.data.jabatan]  # the positions of `pemilik:`, else the `jabatan:` text
        if named:
            level_text += "\n" + "\n".join(named)
        kinerja = node.uraian + (f" [{t('tabel_crosscutting', lang)}]" if node.is_crosscutting else "")
        sec.rows.append([
            Cell(i, kind="center"),
            Cell(t("tabel_tahap", lang, n=role.tahap) if role else "", kind="center"),
            Cell(tier.name(lang) if tier else (role.name(lang) if role else "?")),
            Cell(kinerja, problem=inp.problems(node.id, exclude=INDICATORS + CODES + PAGU + POSITIONS)),
            Cell(indicator_lines(node, [], with_target=False), problem=inp.problems(node.id, INDICATORS)),
            Cell(tier.kinerja.get(lang, tier.kinerja["id"]) if tier else ""),
            Cell(comp_text, problem=inp.problems(node.id, CODES)),
            Cell(level_text, problem=inp.problems(node.id, POSITIONS) if levels
                 else t("tabel_jabatan_belum", lang, level="?")),
        ])
    sec.notes += crosscutting_notes(apart, lang)
    return TableDoc("matriks", t("tabel_judul_matriks", lang), subtitle(tree, lang), [sec], lang=lang)


def _component_text(comp, node, lang: str) -> str:
    base = shown(comp)
    text = f"{t(f'tabel_jenis_{base.jenis}', lang)}" + (f" {base.kode}" if base.kode else "")
    if base.jenis in ("program", "kegiatan", "sub_kegiatan"):
        text += f": {component_name(base, node if base is comp else node.anchor)}"
    if comp.joins is not None:
        text += " " + t("tabel_bersama_kotak", lang, node=comp.joins.node_id)
    return text


KIND = TableKind("matriks", build_matriks, "tabel_help_matriks", order=10)
