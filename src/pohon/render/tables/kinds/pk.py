"""`--jenis pk`: a Perjanjian Kinerja per position: its boxes, indicators and the year's targets
(PermenPANRB 53/2014).

The head of the organisation holds the position of the outcome/CSF boxes (JPT, Kepala …); its
name is that position's ``pemegang`` or else ``organisasi.kepala``. The head signs the JPT's
PK as Pihak Pertama; every other PK is signed by its holder (Pihak Pertama) and, when its boxes
hang under the boxes of one position, by that position's holder (Pihak Kedua, the superior):
for an Administrator, the head.
"""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.profiles import in_agreement
from pohon.render.tables.common import INDICATORS, Input, head, positions, sheet_name, subtitle, target_text
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Section, Signature, TableDoc


def build_pk(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    org = tree.doc.organisasi
    cols = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_target_tahun", lang, year=year)]
    sections = []
    used: set[str] = set()
    owners = positions(tree, lang)
    head_key = next((k for k, e in owners.items() if any(n.role_key in HEAD_ROLES for n in e["nodes"])), None)

    def holder(key: str) -> tuple[str, str]:
        """Name and NIP of a position's holder; the head's name may come from `organisasi.kepala`."""
        entry = owners[key]
        name = entry["pemegang"] or (org.kepala if key == head_key else None)
        return name or "", entry["nip"] or ""

    for key, entry in owners.items():
        nodes = [n for n in entry["nodes"] if in_agreement(n)]  # not the Tujuan, nor a partner's box
        if not nodes:
            continue
        name, nip = holder(key)
        title = [f"{t('tabel_jabatan', lang)}: {entry['nama']}",
                 f"{t('tabel_organisasi', lang)}: {org.nama}"]
        if name:
            title.insert(1, f"{t('tabel_pemegang', lang)}: {name}" + (f" (NIP {nip})" if nip else ""))
        sec = Section(sheet_name(entry["nama"], used), title, [[head(c) for c in cols]], cols, [5, 55, 58, 22])
        no = 0
        for node in nodes:
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
        sec.signatures = [Signature(t("tabel_tertanda", lang), entry["nama"], name, nip)]
        superior = _superior(tree, owners, key)
        if superior is not None:
            sec.signatures.insert(0, Signature(t("tabel_pihak_kedua", lang), owners[superior]["nama"], *holder(superior)))
        sections.append(sec)
    return TableDoc("pk", t("tabel_judul_pk", lang, year=year), subtitle(tree, lang), sections, lang=lang)


HEAD_ROLES = ("outcome", "csf")


def _superior(tree, owners: dict, key: str) -> str | None:
    """The position owning the boxes right above position ``key``'s boxes, when that is one
    position (None for the head, or when the boxes hang under several superiors)."""
    mine = {n.id for n in owners[key]["nodes"]}
    found: set[str] = set()
    for node in owners[key]["nodes"]:
        parent = tree.parent(node.id)
        if parent is not None and parent.id not in mine:
            found |= {k for k in owners.keys_of(parent.id) if k != key}
    return found.pop() if len(found) == 1 else None


KIND = TableKind("pk", build_pk, "tabel_help_pk", order=30)
