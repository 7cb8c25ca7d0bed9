"""`--jenis matriks`: the cascade matrix, one row per box: method step, role, performance,
indicators, kind of performance, planning components and PK/SKP position level (source 003)."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.components import components_of
from pohon.mapping.profiles import resolve_profile
from pohon.render.tables.common import CODES, INDICATORS, PAGU, POSITIONS, Input, component_name, head, indicator_lines, subtitle
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc


def build_matriks(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    prof = resolve_profile(tree.doc)
    cols = [t("tabel_no", lang), t("tabel_rujukan", lang), t("tabel_peran", lang), t("tabel_kinerja", lang),
            t("tabel_indikator", lang), t("tabel_jenis_kinerja", lang), t("tabel_komponen", lang),
            t("tabel_tingkat_jabatan", lang)]
    sec = Section("Matriks", [], [[head(c) for c in cols]], cols, [5, 10, 16, 42, 42, 20, 36, 22])
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
            Cell(indicator_lines(node, [], with_target=False), problem=inp.problems(node.id, INDICATORS)),
            Cell(role.kinerja.get(lang, role.kinerja["id"]) if role else ""),
            Cell(comp_text, problem=inp.problems(node.id, CODES)),
            Cell(level_text, problem=inp.problems(node.id, POSITIONS) if levels
                 else t("tabel_jabatan_belum", lang, level="?")),
        ])
    return TableDoc("matriks", t("tabel_judul_matriks", lang), subtitle(tree, lang), [sec], lang=lang)


KIND = TableKind("matriks", build_matriks, "tabel_help_matriks", order=10)
