"""`--jenis pk`: a Perjanjian Kinerja per position and holder: its boxes, indicators and the
year's targets (PermenPANRB 53/2014).

With a peta jabatan (``peta_jabatan:``) every position owning boxes gets one PK per holder
(``pemegang``), never pooled: the holder signs as Pihak Pertama, the superior's holder as Pihak
Kedua; the head of the organisation (the JPT without a superior, named by its ``pemegang`` or
else ``organisasi.kepala``) signs with the Kepala Daerah (``organisasi.kepala_daerah``, or a
dotted line to write the name by hand).

Without one, positions are those the boxes name in `jabatan:` text, or unnamed (see
:func:`pohon.render.tables.common.positions`): the holder of the outcome/CSF boxes' position (or
``organisasi.kepala``) is the head; every other PK is signed by its holder and, when its boxes
hang under the boxes of one position, by that position's holder (Pihak Kedua).
"""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.profiles import in_agreement
from pohon.render.tables.common import (DOTS, INDICATORS, Holder, Input, Owner, Positions, head, kepala_daerah,
                                        position_title, positions, section_name, subtitle, target_text)
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, Signature, TableDoc

HEAD_ROLES = ("outcome", "csf")


def build_pk(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    org = tree.doc.organisasi
    cols = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_target_tahun", lang, year=year)]
    sections = []
    used: set[str] = set()
    owners = positions(tree, lang)
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
        superior = entry.superior if owners.declared else _superior(tree, owners, key)
        for holder in holders(key):
            sec = Section(section_name(entry, holder, owners, used), position_title(entry, holder, org.nama, lang),
                          [[head(c) for c in cols]], cols, [5, 55, 58, 22])
            no = 0
            for node in nodes:
                n = max(1, len(node.indikator))
                no += 1
                for i in range(n):
                    ind = node.indikator[i] if node.indikator else None
                    sec.rows.append([
                        Cell(no, kind="center", rowspan=n) if i == 0 else None,
                        Cell(node.uraian, rowspan=n, style="group",
                             problem=inp.problems(node.id, INDICATORS)) if i == 0 else None,
                        Cell(ind.uraian if ind else ""),
                        Cell(target_text(ind, year), kind="center"),
                    ])
            sec.signatures = [_signature(t("tabel_tertanda", lang), entry, holder, owners.declared)]
            second = _second_party(owners, key, superior, holders, lang, tree)
            if second is not None:
                sec.signatures.insert(0, second)
            sections.append(sec)
    return TableDoc("pk", t("tabel_judul_pk", lang, year=year), subtitle(tree, lang), sections, lang=lang)


def _signature(party: str, entry: Owner, holder: Holder, dotted: bool) -> Signature:
    return Signature(party, entry.nama, holder.nama or (DOTS if dotted else ""), holder.nip, holder.pangkat)


def _second_party(owners: Positions, key: str, superior: str | None, holders, lang: str, tree) -> Signature | None:
    """Pihak Kedua: the superior's (first) holder; for the head of the organisation, the Kepala
    Daerah (with a peta jabatan, or when `organisasi.kepala_daerah` is written)."""
    party = t("tabel_pihak_kedua", lang)
    if superior is not None:
        return _signature(party, owners[superior], holders(superior)[0], owners.declared)
    entry = owners[key]
    org = tree.doc.organisasi
    is_head = entry.head if owners.declared else any(n.role_key in HEAD_ROLES for n in entry.nodes)
    if is_head and (owners.declared or org.kepala_daerah is not None):
        jabatan, nama = kepala_daerah(org, lang)
        return Signature(party, jabatan, nama or DOTS)
    return None


def _superior(tree, owners: Positions, key: str) -> str | None:
    """Without a peta jabatan: the position owning the boxes right above position ``key``'s
    boxes, when that is one position (None for the head, or when they hang under several)."""
    mine = {n.id for n in owners[key].nodes}
    found: set[str] = set()
    for node in owners[key].nodes:
        parent = tree.parent(node.id)
        if parent is not None and parent.id not in mine:
            found |= {k for k in owners.keys_of(parent.id) if k != key}
    return found.pop() if len(found) == 1 else None


KIND = TableKind("pk", build_pk, "tabel_help_pk", order=30)
