"""`--jenis matriks`: the translation matrix of source 003 ("Tahap menerjemahkan pohon kinerja
kedalam komponen perencanaan dan kinerja jabatan"), one row per box: method step, role,
performance, indicators, kind of performance, planning component and PK/SKP level; then the
source's final crosswalk for reconciling with SIPD.

The component column words the component as the source does — Tujuan SKPD, Sasaran Strategis,
Sasaran Program, Sasaran Kegiatan, Sasaran Sub Kegiatan (``data/forms.yaml`` ``jenis_sasaran``)
— with the nomenclature code and name below it when the box is coded. The PK column reads
"PK/SKP <levels>" and the positions owning the box; the outcome (the organisation's Tujuan) has
no PK. A crosscutting box left to its partner is no row of the organisation's own translation:
it is listed apart, below the table.

The second section, the crosswalk (source 003, last part): each kondisi operasional with its
indicator ↔ the sub kegiatan of the nomenclature (code, name) ↔ the sub kegiatan's kinerja and
indicator as SIPD states them (the component's `kinerja:` and `indikator:` in `komponen:`, else
empty to fill). A sub kegiatan without a code reads "kode belum diisi", marked with the check's
finding (D020) once the tree has begun its translation (a code or pagu anywhere)."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.components import components_of, shown
from pohon.mapping.profiles import resolve_profile
from pohon.render.tables.common import (CODES, INDICATORS, PAGU, POSITIONS, Input, component_name, crosscutting_notes,
                                        head, indicator_lines, positions, subtitle)
from pohon.render.tables.forms import sasaran_heading
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
        if tier is not None and not tier.perjanjian:
            level_text = "—\n" + t("tabel_tanpa_pk", lang)
        else:
            level_text = t("tabel_matriks_pk", lang, levels="/".join(levels)) if levels else "—"
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
    return TableDoc("matriks", t("tabel_judul_matriks", lang), subtitle(tree, lang), [sec, _crosswalk(inp)],
                    lang=lang, orientation="landscape")


def _component_text(comp, node, lang: str) -> str:
    """"Sasaran Program", and below it the nomenclature code and name when the box is coded."""
    base = shown(comp)
    text = sasaran_heading(base.jenis, lang)
    if base.jenis in ("program", "kegiatan", "sub_kegiatan") and (base.kode or base.nama):
        text += "\n" + " ".join(x for x in (base.kode, component_name(base, node if base is comp else node.anchor)) if x)
    if comp.joins is not None:
        text += " " + t("tabel_bersama_kotak", lang, node=comp.joins.node_id)
    return text


def _crosswalk(inp: Input) -> Section:
    """Kondisi operasional + indikator ↔ sub kegiatan (code, name) ↔ its kinerja and indicator."""
    lang = inp.lang
    cols = [t("tabel_no", lang), t("tabel_kondisi_operasional", lang), t("tabel_indikator", lang), t("tabel_kode", lang),
            t("tabel_sub_kegiatan_nomenklatur", lang), t("tabel_kinerja_sub_kegiatan", lang),
            t("tabel_indikator_sub_kegiatan", lang)]
    sec = Section(t("tabel_kondisi_operasional", lang), [t("tabel_crosswalk_judul", lang)], [[head(c) for c in cols]],
                  cols, [5, 40, 40, 18, 40, 36, 36])
    no = 0
    for node in inp.tree.walk():
        if node.partner_handled:
            continue
        subs = [c for c in components_of(node) if shown(c).jenis == "sub_kegiatan"]
        for comp in subs:
            base = shown(comp)
            no += 1
            ref = _ref(node, base)
            code_problem = inp.problems(base.node_id, CODES)
            name = component_name(base, node) if (base.kode or base.nama) else ""
            sec.rows.append([
                Cell(no, kind="center"),
                Cell(node.uraian),
                Cell(indicator_lines(node, [], with_target=False), problem=inp.problems(node.id, INDICATORS)),
                Cell(base.kode or t("tabel_kode_belum", lang), kind="center", problem=code_problem),
                Cell(name),
                Cell(ref.kinerja if ref is not None and ref.kinerja else ""),
                Cell(ref.indikator if ref is not None and ref.indikator else ""),
            ])
    if no == 0:
        sec.notes.append(t("tabel_tidak_ada_baris", lang))
    else:
        sec.notes.append(t("tabel_crosswalk_isi", lang))
    return sec


def _ref(node, comp):
    """The `komponen:` entry of ``node`` a component comes from (None for the tier default)."""
    refs = node.data.komponen
    if comp.node_id == node.id and comp.index is not None and comp.index < len(refs):
        return refs[comp.index]
    return None


KIND = TableKind("matriks", build_matriks, "tabel_help_matriks", order=10)
