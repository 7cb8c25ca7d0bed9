"""`--jenis skp`: the SKP rows of each position below the head of the organisation, each with the
superior's result it supports (RHK pimpinan yang diintervensi; PermenPANRB 6/2022).

With a peta jabatan: one SKP per position and holder; the RHK pimpinan of a box is the nearest
box above it owned by the position's superior (:meth:`PetaJabatan.served_box`), not simply its
parent (a JF's sub kegiatan serves the Kepala Bidang's programme, not the JF's own kegiatan); the
superior signs as Pejabat Penilai Kinerja. Without one: positions as in the PK table, and the
RHK pimpinan is the parent box.
"""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.profiles import in_agreement
from pohon.render.tables.common import (DOTS, Holder, Input, head, position_of, position_title, positions,
                                        section_name, sheet_name, subtitle, target_text)
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, Signature, TableDoc

OWNER_FIELDS = (("pemilik",),)  # a finding about the box's owner marks its RHK pimpinan cell


def build_skp(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    owners = positions(tree, lang)
    cols = [t("tabel_no", lang), t("tabel_rhk_pimpinan", lang), t("tabel_atasan", lang), t("tabel_hasil_kerja", lang),
            t("tabel_indikator_kinerja", lang), t("tabel_target_tahun", lang, year=year)]
    widths = [5, 40, 24, 40, 44, 14]
    sections = []
    used: set[str] = set()
    peta = owners.peta
    for key, entry in owners.items():
        nodes = [n for n in entry.nodes if in_agreement(n)]  # not the Tujuan, nor a partner's box
        if not nodes:
            continue
        declared = entry.position is not None
        if declared and entry.head or not declared and "JPT" in entry.tingkat.split("/"):
            continue  # the head's results are the Kepala Daerah's to appraise, outside the tree
        superior = owners.get(entry.superior) if declared and entry.superior else None
        boss = (superior.holders[0] if superior is not None and superior.holders else Holder())
        for holder in entry.holders or [Holder()]:
            title = position_title(entry, holder, tree.doc.organisasi.nama, lang, nip=declared)
            if declared and superior is not None:
                title.insert(-1, f"{t('tabel_penilai', lang)}: {superior.nama}" + (f", {boss.nama}" if boss.nama else ""))
            sec = Section(section_name(entry, holder, owners, used), title, [[head(c) for c in cols]], cols, widths)
            no = 0
            for node in nodes:
                if declared:
                    served = peta.served_box(key, node.id)
                    rhk, atasan = served.uraian if served else "", superior.nama if superior else ""
                    problem = inp.problems(node.id, OWNER_FIELDS) if served is None else None
                else:
                    parent = tree.parent(node.id)
                    rhk, atasan = (parent.uraian, position_of(parent, owners)) if parent else ("", "")
                    problem = None
                n = max(1, len(node.indikator))
                no += 1
                for i in range(n):
                    ind = node.indikator[i] if node.indikator else None
                    first = i == 0
                    sec.rows.append([
                        Cell(no, kind="center", rowspan=n) if first else None,
                        Cell(rhk, rowspan=n, problem=problem) if first else None,
                        Cell(atasan, rowspan=n) if first else None,
                        Cell(node.uraian, rowspan=n, style="group") if first else None,
                        Cell(ind.uraian if ind else ""),
                        Cell(target_text(ind, year), kind="center"),
                    ])
            if declared:
                sec.signatures = [Signature(t("tabel_dinilai", lang), entry.nama, holder.nama or DOTS, holder.nip,
                                            holder.pangkat)]
                if superior is not None:
                    sec.signatures.insert(0, Signature(t("tabel_penilai", lang), superior.nama, boss.nama or DOTS,
                                                       boss.nip, boss.pangkat))
            sections.append(sec)
    if not sections:
        sections.append(Section(sheet_name("SKP", used), [t("tabel_tidak_ada_baris", lang)], [[head(c) for c in cols]],
                                cols, widths))
    return TableDoc("skp", t("tabel_judul_skp", lang, year=year), subtitle(tree, lang), sections, lang=lang)


KIND = TableKind("skp", build_skp, "tabel_help_skp", order=40)
