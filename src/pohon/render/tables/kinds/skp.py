"""`--jenis skp`: the Sasaran Kinerja Pegawai of each position and holder, in the form of
PermenPANRB 6/2022 (Lampiran: SKP, pendekatan hasil kerja kuantitatif), the head of the
organisation included.

- Heading (``Section.before``): SASARAN KINERJA PEGAWAI, PENDEKATAN HASIL KERJA KUANTITATIF,
  BAGI PEJABAT PIMPINAN TINGGI (the head) or BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL,
  the appraisal period, then PEGAWAI YANG DINILAI and PEJABAT PENILAI KINERJA side by side
  (No, Nama, NIP, Pangkat/Gol. Ruang, Jabatan, Unit Kerja).
- HASIL KERJA (the main table), A. Utama: the position's boxes (its Rencana Hasil Kerja).
  Below the head: No | Rencana Hasil Kerja Pimpinan yang Diintervensi | Rencana Hasil Kerja |
  Aspek | Indikator Kinerja Individu | Target, one row per indicator (its `aspek:`, default
  kuantitas) and an empty row for each aspect of ``data/forms.yaml`` no indicator covers (to
  fill: pohon invents no target). The head (JPT): No | Rencana Hasil Kerja | Indikator Kinerja
  Individu | Target | Perspektif, the perspective left to fill (its four names in a note).
  B. Tambahan: the position's `tugas_tambahan` (peta jabatan), indicator and target to fill, or an
  empty numbered row.
- PERILAKU KERJA (``Section.after``): the seven BerAKHLAK core values with their behaviours,
  each with an empty Ekspektasi Khusus Pimpinan.
- Signatures: Pejabat Penilai Kinerja and Pegawai yang Dinilai, with place and date.

RHK pimpinan: with a peta jabatan the nearest box above the row's box owned by the position's
superior (:meth:`PetaJabatan.served_box`), not simply its parent (a JF's sub kegiatan serves the
Kepala Bidang's programme, not the JF's own kegiatan); the superior is the Pejabat Penilai.
Without one: positions as in the PK, the RHK pimpinan is the parent box, and its position the
penilai. The head's appraising official is not in the tree: a dotted line to fill.
"""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.profiles import in_agreement
from pohon.render.tables.common import (DOTS, INDICATORS, Holder, Input, Owner, head, positions, section_name,
                                        sheet_name, subtitle, superior_by_boxes, target_text)
from pohon.render.tables.forms import forms, level_of, place_date, unnamed_position
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.model import Cell, Paragraph, Section, Signature, Table, TableDoc

OWNER_FIELDS = (("pemilik",),)  # a finding about the box's owner marks its RHK pimpinan cell


def build_skp(inp: Input) -> TableDoc:
    tree, lang = inp.tree, inp.lang
    year = inp.years[0]
    org = tree.doc.organisasi
    owners = positions(tree, lang)
    sections = []
    used: set[str] = set()
    peta = owners.peta
    for key, entry in owners.items():
        nodes = [n for n in entry.nodes if in_agreement(n)]  # not the Tujuan, nor a partner's box
        if not nodes:
            continue
        declared = entry.position is not None
        unnamed_position(inp, entry)
        jpt = entry.head if declared else level_of(entry, tree) == "JPT"
        superior = owners.get(entry.superior) if declared and entry.superior else None
        if not declared and not jpt:
            found = superior_by_boxes(tree, owners, key)
            superior = owners[found] if found is not None else None
        boss = (superior.holders[0] if superior is not None and superior.holders else Holder())
        cols = _columns(jpt, lang)
        for holder in entry.holders or [Holder()]:
            sheet, label = section_name(entry, holder, owners, used)
            sec = Section(sheet, [], [[head(c) for c in cols]], cols,
                          [5, 50, 40, 12, 16] if jpt else [5, 36, 36, 11, 36, 14])
            sec.label = label
            sec.before = _heading(inp, entry, holder, superior, boss, jpt, year)
            sec.rows.append(_group(t("tabel_skp_utama", lang), len(cols)))
            no = 0
            for node in nodes:
                no += 1
                if jpt:
                    sec.rows += _jpt_rows(inp, node, no, year)
                    continue
                if declared:
                    served = peta.served_box(key, node.id)
                    rhk = served.uraian if served else ""
                    problem = inp.problems(node.id, OWNER_FIELDS) if served is None else None
                else:
                    parent = tree.parent(node.id)
                    rhk, problem = (parent.uraian if parent else ""), None
                sec.rows += _rows(inp, node, no, rhk, problem, year)
            sec.rows.append(_group(t("tabel_skp_tambahan", lang), len(cols)))
            sec.rows += _additional(entry, len(cols), jpt)
            if jpt:
                names = ", ".join(t(k, lang) for k in forms()["skp"]["perspektif"])
                sec.notes.append(t("tabel_skp_perspektif_isi", lang, names=names))
                sec.notes.append(t("tabel_skp_penilai_belum", lang))
            sec.notes.append(t("tabel_skp_isi_kosong", lang))
            sec.after = [_behaviour(lang)]
            sec.signatures = [Signature(t("tabel_dinilai", lang), entry.nama, holder.nama or DOTS, holder.nip,
                                        holder.pangkat)]
            if superior is not None:
                sec.signatures.insert(0, Signature(t("tabel_penilai", lang), superior.nama, boss.nama or DOTS,
                                                   boss.nip, boss.pangkat))
            else:
                sec.signatures.insert(0, Signature(t("tabel_penilai", lang), DOTS, DOTS))
            sec.place_date = place_date(org, year, lang)
            sections.append(sec)
    if not sections:
        cols = _columns(False, lang)
        sections.append(Section(sheet_name("SKP", used), [t("tabel_tidak_ada_baris", lang)], [[head(c) for c in cols]],
                                cols, [5, 36, 36, 11, 36, 14]))
    return TableDoc("skp", t("tabel_judul_skp", lang, year=year), subtitle(tree, lang), sections, lang=lang,
                    orientation="portrait")


def _columns(jpt: bool, lang: str) -> list[str]:
    if jpt:
        return [t("tabel_no", lang), t("tabel_hasil_kerja", lang), t("tabel_skp_iki", lang), t("tabel_target", lang),
                t("tabel_skp_perspektif", lang)]
    return [t("tabel_no", lang), t("tabel_rhk_pimpinan", lang), t("tabel_hasil_kerja", lang), t("tabel_skp_aspek", lang),
            t("tabel_skp_iki", lang), t("tabel_target", lang)]


def _additional(entry: Owner, ncols: int, jpt: bool) -> list[list]:
    """B. Tambahan: the position's `tugas_tambahan` (peta jabatan), each a work result whose
    indicator and target are left to fill; one empty numbered row when it lists none."""
    tasks = list(entry.position.data.tugas_tambahan) if entry.position is not None else []
    rows = []
    for i, task in enumerate(tasks or [""], 1):
        row = [Cell(i, kind="center")] + [Cell("") for _ in range(ncols - 1)]
        row[1 if jpt else 2] = Cell(task, style="group" if task else "")
        rows.append(row)
    return rows


def _group(label: str, ncols: int) -> list:
    return [Cell(label, colspan=ncols, style="group")] + [None] * (ncols - 1)


def _rows(inp: Input, node, no: int, rhk: str, problem: str | None, year: int) -> list[list]:
    """One Rencana Hasil Kerja: its indicators by aspect, then an empty row per aspect to fill."""
    lang = inp.lang
    found = [(ind.aspek or "kuantitas", ind) for ind in node.indikator]
    covered = {a for a, _ in found}
    lines = found + [(a, None) for a in forms()["skp"]["aspek"] if a not in covered]
    ind_problem = inp.problems(node.id, INDICATORS)
    out = []
    n = len(lines)
    for i, (aspek, ind) in enumerate(lines):
        first = i == 0
        out.append([
            Cell(no, kind="center", rowspan=n) if first else None,
            Cell(rhk, rowspan=n, problem=problem) if first else None,
            Cell(node.uraian, rowspan=n, style="group") if first else None,
            Cell(t(f"tabel_skp_aspek_{aspek}", lang), kind="center"),
            Cell(ind.uraian if ind else "", problem=ind_problem if first and not node.indikator else None),
            Cell(target_text(ind, year) if ind else "", kind="center"),
        ])
    return out


def _jpt_rows(inp: Input, node, no: int, year: int) -> list[list]:
    inds = node.indikator or [None]
    n = len(inds)
    out = []
    for i, ind in enumerate(inds):
        first = i == 0
        out.append([
            Cell(no, kind="center", rowspan=n) if first else None,
            Cell(node.uraian, rowspan=n, style="group") if first else None,
            Cell(ind.uraian if ind else "", problem=None if ind else inp.problems(node.id, INDICATORS)),
            Cell(target_text(ind, year) if ind else "", kind="center"),
            Cell(""),
        ])
    return out


def _heading(inp: Input, entry: Owner, holder: Holder, superior: Owner | None, boss: Holder, jpt: bool,
             year: int) -> list:
    lang = inp.lang
    org = inp.tree.doc.organisasi
    unit = entry.position.data.unit if entry.position is not None and entry.position.data.unit else org.nama
    if superior is not None:
        boss_unit = (superior.position.data.unit if superior.position is not None and superior.position.data.unit
                     else org.nama)
        penilai = [boss.nama or DOTS, boss.nip, boss.pangkat, superior.nama, boss_unit]
    else:
        penilai = [DOTS, "", "", DOTS, ""]
    nama = entry.nama
    if entry.position is not None and entry.position.data.jenjang and \
            entry.position.data.jenjang.casefold() not in nama.casefold():
        nama = f"{nama} ({entry.position.data.jenjang})"
    pegawai = [holder.nama or DOTS, holder.nip, holder.pangkat, nama, unit]
    labels = [t("tabel_pemegang", lang), t("tabel_nip", lang), t("tabel_skp_pangkat", lang), t("tabel_jabatan", lang),
              t("tabel_unit_kerja", lang)]
    cols = [t("tabel_no", lang), t("tabel_skp_pegawai", lang), "", t("tabel_no", lang), t("tabel_skp_penilai", lang), ""]
    header = [[head(cols[0]), head(cols[1], colspan=2), None, head(cols[3]), head(cols[4], colspan=2), None]]
    rows = [[Cell(i, kind="center"), Cell(label), Cell(a or ""), Cell(i, kind="center"), Cell(label), Cell(b or "")]
            for i, (label, a, b) in enumerate(zip(labels, pegawai, penilai), 1)]
    who = org.pemda or org.nama
    return [Paragraph(t("tabel_skp_judul", lang), "title"),
            Paragraph(t("tabel_skp_pendekatan", lang), "center"),
            Paragraph(t("tabel_skp_bagi_jpt" if jpt else "tabel_skp_bagi_lain", lang), "center"),
            Paragraph(f"{who.upper()} — {t('tabel_skp_periode', lang, year=year)}", "small"),
            Table(header, cols, [4, 18, 30, 4, 18, 30], rows),
            Paragraph(t("tabel_skp_hasil_kerja", lang), "bold")]


def _behaviour(lang: str) -> Table:
    """PERILAKU KERJA: the seven core values and their behaviours, the superior's expectations to fill."""
    cols = [t("tabel_no", lang), t("tabel_skp_perilaku_kerja", lang), t("tabel_skp_ekspektasi", lang)]
    rows = []
    for i, value in enumerate(forms()["skp"]["perilaku"], 1):
        text = "\n".join([value["nilai"][lang]] + [f"- {b[lang]}" for b in value["perilaku"]])
        rows.append([Cell(i, kind="center"), Cell(text), Cell("")])
    return Table([[head(c) for c in cols]], cols, [5, 70, 45], rows, title=[t("tabel_skp_perilaku", lang)])


KIND = TableKind("skp", build_skp, "tabel_help_skp", order=40)
