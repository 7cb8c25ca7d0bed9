"""`--jenis pk`: a Perjanjian Kinerja per position: its boxes, indicators and the year's targets
(PermenPANRB 53/2014)."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.render.tables.common import INDICATORS, Input, head, positions, sheet_name, subtitle, target_text
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, TableDoc


def build_pk(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    org = tree.doc.organisasi
    cols = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_target_tahun", lang, year=year)]
    sections = []
    used: set[str] = set()
    for entry in positions(tree, lang).values():
        title = [f"{t('tabel_jabatan', lang)}: {entry['nama']}",
                 f"{t('tabel_organisasi', lang)}: {org.nama}"]
        if entry["pemegang"]:
            title.insert(1, f"{t('tabel_pemegang', lang)}: {entry['pemegang']}"
                         + (f" (NIP {entry['nip']})" if entry["nip"] else ""))
        sec = Section(sheet_name(entry["nama"], used), title, [[head(c) for c in cols]], cols, [5, 55, 58, 22])
        no = 0
        for node in entry["nodes"]:
            n = max(1, len(node.indikator))
            no += 1
            for i in range(n):
                ind = node.indikator[i] if node.indikator else None
                target = target_text(ind, year)
                sec.rows.append([
                    Cell(no, kind="center", rowspan=n) if i == 0 else None,
                    Cell(node.uraian, rowspan=n, style="group", problem=inp.problems(node.id, INDICATORS)) if i == 0 else None,
                    Cell(ind.uraian if ind else ""),
                    Cell(target, kind="center"),
                ])
        sec.signature = [t("tabel_tertanda", lang), entry["nama"], entry["pemegang"] or "", ]
        sections.append(sec)
    return TableDoc("pk", t("tabel_judul_pk", lang, year=year), subtitle(tree, lang), sections, lang=lang)


KIND = TableKind("pk", build_pk, "tabel_help_pk")
