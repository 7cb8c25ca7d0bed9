"""`--jenis skp`: SKP rows of the positions below JPT, each with the superior's result it
supports (RHK pimpinan yang diintervensi; PermenPANRB 6/2022)."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.profiles import in_agreement
from pohon.render.tables.common import Input, head, position_of, positions, sheet_name, subtitle, target_text
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc


def build_skp(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    owners = positions(tree, lang)
    cols = [t("tabel_no", lang), t("tabel_rhk_pimpinan", lang), t("tabel_atasan", lang), t("tabel_hasil_kerja", lang),
            t("tabel_indikator_kinerja", lang), t("tabel_target_tahun", lang, year=year)]
    sections = []
    used: set[str] = set()
    for entry in owners.values():
        nodes = [n for n in entry["nodes"] if in_agreement(n)]  # not the Tujuan, nor a partner's box
        if "JPT" in entry["tingkat"].split("/") or not nodes:
            continue
        title = [f"{t('tabel_jabatan', lang)}: {entry['nama']}", f"{t('tabel_organisasi', lang)}: {tree.doc.organisasi.nama}"]
        if entry["pemegang"]:
            title.insert(1, f"{t('tabel_pemegang', lang)}: {entry['pemegang']}")
        sec = Section(sheet_name(entry["nama"], used), title, [[head(c) for c in cols]], cols, [5, 40, 24, 40, 44, 14])
        no = 0
        for node in nodes:
            parent = tree.parent(node.id)
            n = max(1, len(node.indikator))
            no += 1
            for i in range(n):
                ind = node.indikator[i] if node.indikator else None
                first = i == 0
                sec.rows.append([
                    Cell(no, kind="center", rowspan=n) if first else None,
                    Cell(parent.uraian if parent else "", rowspan=n) if first else None,
                    Cell(position_of(parent, owners) if parent else "", rowspan=n) if first else None,
                    Cell(node.uraian, rowspan=n, style="group") if first else None,
                    Cell(ind.uraian if ind else ""),
                    Cell(target_text(ind, year), kind="center"),
                ])
        sections.append(sec)
    if not sections:
        sections.append(Section("SKP", [t("tabel_tidak_ada_baris", lang)], [[head(c) for c in cols]], cols,
                                [5, 40, 24, 40, 44, 14]))
    return TableDoc("skp", t("tabel_judul_skp", lang, year=year), subtitle(tree, lang), sections, lang=lang)


KIND = TableKind("skp", build_skp, "tabel_help_skp", order=40)
