"""The official forms built from a tree: Perjanjian Kinerja (PermenPANRB 53/2014), SKP
(PermenPANRB 6/2022), manual IKU (PermenPAN 09/2007) and the translation matrix with its SIPD
crosswalk (source 003). Each form's headings and column order are pinned against its source;
golden files hold the whole form of every bundled tree (blocks before and after included).

Regenerate the golden files after an intended change:
    POHON_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_forms.py -k golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pohon.app import check_file, check_text
from pohon.render.tables.build import build
from pohon.render.tables.common import DOTS
from pohon.render.tables.model import PageBreak, Paragraph, Signatures, Table
from tests.formdump import dump
from tests.helpers import chain, with_field

ROOT = Path(__file__).resolve().parent.parent
TREES = {p.stem: p for p in sorted((ROOT / "trees").glob("*.yaml"))}
KESBANGPOL = TREES["kesbangpol-balangan"]
RENJA = TREES["renja-kesbangpol-balangan-2022"]
KECIL = ROOT / "tests" / "fixtures" / "tables" / "kecil.yaml"
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
FORMS = ("pk", "skp", "iku", "matriks")


def form(kind: str, source, lang: str = "id", year: int | None = None):
    checked = check_file(source) if isinstance(source, Path) else check_text(source, "t.yaml")
    return build(kind, checked.tree, lang, [year] if year else None, checked.diagnostics, checked.file,
                 checked.loaded.source)


def texts(row) -> list[str]:
    return [c.text if c is not None else None for c in row]


def header_texts(rows) -> list[list]:
    return [[c.text if c is not None else None for c in row] for row in rows]


def blocks(sec, kind):
    return [b for b in sec.before + sec.after if isinstance(b, kind)]


def codes(doc) -> list[str]:
    return [f.split()[1] for f in doc.findings]


# -- golden files: the whole form of every bundled tree -------------------------------------------

@pytest.mark.parametrize("kind", FORMS)
@pytest.mark.parametrize("name", sorted(TREES))
def test_golden(name, kind):
    got = dump(form(kind, TREES[name]))
    path = GOLDEN / f"{name}-{kind}.md"
    if os.environ.get("POHON_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: POHON_UPDATE_GOLDEN=1 pytest tests/test_forms.py -k golden"
    assert got == path.read_text(encoding="utf-8"), f"{path.name} differs; regenerate if the change is intended"


# -- Perjanjian Kinerja (PermenPANRB 53/2014) ------------------------------------------------------

def test_pk_statement_page_follows_permenpanrb_53_2014():
    doc = form("pk", KESBANGPOL)
    assert doc.orientation == "portrait" and doc.paper == "A4"
    head = doc.sections[0]
    paragraphs = [(b.style, b.text) for b in head.before if isinstance(b, Paragraph)]
    assert paragraphs == [
        ("title", "PERJANJIAN KINERJA TAHUN 2022"),
        ("", "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
             "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"),
        ("", "selanjutnya disebut pihak pertama."),
        ("", "selaku atasan pihak pertama, selanjutnya disebut pihak kedua."),
        ("", "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
             "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
             "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami."),
        ("", "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
             "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
             "dan sanksi."),
        # after the page break: the attachment's heading
        ("title", "PERJANJIAN KINERJA TAHUN 2022"),
        ("center", "BADAN KESATUAN BANGSA DAN POLITIK KABUPATEN BALANGAN"),
    ]
    kinds = [type(b).__name__ for b in head.before]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph", "Table", "Paragraph", "Paragraph", "Paragraph",
                     "Signatures", "PageBreak", "Paragraph", "Paragraph"]
    first, second = (b for b in head.before if isinstance(b, Table))
    assert [texts(r) for r in first.rows] == [["Nama", ":", "Ir. ANSYARULLAH, M.AP"], ["NIP", ":", "19620508 198903 1 016"],
                                             ["Jabatan", ":", "Kepala Badan Kesatuan Bangsa dan Politik"]]
    assert [texts(r) for r in second.rows] == [["Nama", ":", DOTS], ["Jabatan", ":", "Bupati Balangan"]]
    (sig,) = blocks(head, Signatures)
    assert sig.place_date == head.place_date == "Balangan, …………… 2022"
    assert [s.party for s in sig.parties] == ["Pihak Kedua", "Pihak Pertama"] == [s.party for s in head.signatures]
    # a Kepala Bidang's attachment names its unit under the year
    kabid = doc.sections[1]
    assert [b.text for b in kabid.before if isinstance(b, Paragraph)][-2:] == [
        "BIDANG KEWASPADAAN NASIONAL DAN PENANGANAN KONFLIK", "BADAN KESATUAN BANGSA DAN POLITIK KABUPATEN BALANGAN"]


def test_pk_attachment_heading_is_the_signers_level():
    """Sasaran Strategis for the head, Sasaran Program for an Administrator, Sasaran Kegiatan for
    a Pengawas (53/2014), Sasaran Kegiatan/Sub Kegiatan for a JF (source 003: PK/SKP JF); the
    budget block lists Program, Kegiatan or Sub Kegiatan by the same level."""
    doc = form("pk", KESBANGPOL)
    by_level = {s.signatures[-1].position: s for s in doc.sections}
    cases = {"Kepala Badan Kesatuan Bangsa dan Politik": ("Sasaran Strategis", "Program"),
             "Kepala Bidang Kewaspadaan Nasional dan Penanganan Konflik": ("Sasaran Program", "Kegiatan"),
             "Pejabat Fungsional Bidang Kewaspadaan Nasional dan Penanganan Konflik":
                 ("Sasaran Kegiatan/Sub Kegiatan", "Sub Kegiatan")}
    for position, (heading, component) in cases.items():
        sec = by_level[position]
        assert sec.columns == ["No", heading, "Indikator Kinerja", "Target"]
        assert header_texts(sec.header) == [sec.columns]
        (budget,) = blocks(sec, Table)[2:]
        assert budget.columns == ["No", component, "Anggaran (Rp)", "Keterangan"]
        assert texts(budget.rows[-1])[:1] == ["Jumlah"]
    kecil = form("pk", KECIL, year=2024)  # classic profile: the kegiatan is a Pengawas's
    assert [s.columns[1] for s in kecil.sections][:3] == ["Sasaran Strategis", "Sasaran Program", "Sasaran Kegiatan"]


def test_pk_budget_block_totals_the_renja_once_per_component():
    """The head's Program–Anggaran block of the bundled Renja tree adds up to the Renja's totals
    (source 000, T-C.33): Rp 4.497.496.565 for 2022, Rp 5.328.770.000 for 2023."""
    for year, total in ((2022, "4.497.496.565"), (2023, "5.328.770.000")):
        head = form("pk", RENJA, year=year).sections[0]
        (budget,) = blocks(head, Table)[2:]
        rows = [texts(r) for r in budget.rows]
        assert [r[1].split()[0] for r in rows[:-1]] == ["8.01.06", "8.01.02", "8.01.03", "8.01.04", "8.01.05", "1.05.01"]
        assert rows[-1] == ["Jumlah", None, total, ""] and budget.rows[-1][2].problem is None
    assert rows[0][1] == ("8.01.06 PROGRAM PENINGKATAN KEWASPADAAN NASIONAL DAN PENINGKATAN KUALITAS DAN FASILITASI "
                          "PENANGANAN KONFLIK SOSIAL") and rows[0][2] == "1.146.500.000"


def test_pk_target_is_value_and_unit_and_no_row_lacks_an_indicator():
    doc = form("pk", KESBANGPOL)
    for sec in doc.sections:
        for row in sec.rows:
            assert row[2].text and row[3].text not in ("", "-")
    jf = next(s for s in doc.sections if s.name.startswith("Pejabat Fungsional Bidang Kewas"))
    assert texts(jf.rows[0])[2:] == ["Jumlah Dokumen Kebijakan Teknis dan Pemantapan Pelaksanaan Kewaspadaan Nasional "
                                     "dan Penanganan Konflik Sosial", "1 dokumen"]


def test_pk_box_without_indicator_is_left_out_named_and_found():
    text = chain().replace('indikator: [{uraian: Jumlah laporan koordinasi, satuan: laporan, target: {2024: 4, 2025: 4}}]',
                           'catatan: tanpa indikator')
    doc = form("pk", text)
    jf = doc.sections[-1]
    assert [r[1].text for r in jf.rows if r[1]] == ["Terumuskannya kebijakan teknis kewaspadaan"]
    assert jf.notes == ["Kotak KO1 (Terlaksananya koordinasi kewaspadaan) tidak masuk lampiran: belum punya indikator. "
                        "(M001: Kotak KO1 tidak punya indikator)"]
    assert "M001" in codes(doc)


def test_pk_without_pagu_or_codes_reads_as_a_gap():
    """The worked tree has begun no translation (no code, no pagu anywhere): every budget row
    reads "pagu belum diisi" and shows the box's statement (no internal id); as in the planning
    forms, such a tree gets no D020/D021, and the Jumlah is marked, never a 0."""
    doc = form("pk", KESBANGPOL)
    head = doc.sections[0]
    (budget,) = blocks(head, Table)[2:]
    body = budget.rows[:-1]
    assert [r[1].text for r in body] == [
        "Meningkatnya kewaspadaan masyarakat dan fasilitasi penanganan konflik sosial",
        "Meningkatnya Pemahaman Masyarakat terhadap Ideologi Pancasila dan Wawasan Kebangsaan",
        "Meningkatnya Kapasitas SDM dan Penguatan Kelembagaan Organisasi Masyarakat",
        "Meningkatnya Ketahanan Ekonomi, Sosial dan Budaya dan Agama",
        "Meningkatnya Pemahaman Masyarakat terhadap Etika dan Budaya Politik"]
    assert {r[2].text for r in body} == {"pagu belum diisi"}
    assert texts(budget.rows[-1])[2] == "pagu belum diisi"
    assert budget.rows[-1][2].problem == "jumlah belum lengkap: 5 baris tanpa pagu"
    assert not {"D020", "D021"} & set(codes(doc))


def test_pk_budget_gaps_of_a_translating_tree_carry_the_checks_findings():
    """A sub kegiatan of the Renja tree without its 2022 pagu: its row in the JF's PK reads "pagu
    belum diisi" with the check's D021; a sub kegiatan without a code shows its box, marked D020."""
    text = RENJA.read_text(encoding="utf-8").replace("pagu: {2022: 0, 2023: 30000000}", "pagu: {2023: 30000000}", 1)
    doc = form("pk", text)
    rows = [(s, r) for s in doc.sections for b in blocks(s, Table)[2:] for r in b.rows[:-1]]
    gaps = [r for _, r in rows if r[2].text == "pagu belum diisi"]
    assert gaps and all("D021: Sub Kegiatan kotak" in r[2].problem for r in gaps)
    assert texts(gaps[0])[1].startswith("8.01.06.2.01.02 ")
    text = RENJA.read_text(encoding="utf-8").replace('                    kode: "8.01.06.2.01.02"\n', "", 1)
    budget_rows = [r for s in form("pk", text).sections for b in blocks(s, Table)[2:] for r in b.rows[:-1]]
    (row,) = [r for r in budget_rows if "Penyusunan Bahan Perumusan" in r[1].text]
    assert "D020" in row[1].problem


def test_pk_without_positions_is_still_a_complete_form():
    doc = form("pk", chain())
    assert [s.signatures[-1].position for s in doc.sections] == [
        "JPT (jabatan belum ditulis)", "Administrator (jabatan belum ditulis)", "JF (jabatan belum ditulis)"]
    jf = doc.sections[-1]
    assert jf.columns[1] == "Sasaran Kegiatan/Sub Kegiatan"
    first, second = blocks(jf, Table)[:2]
    assert texts(first.rows[0]) == ["Nama", ":", ""] or texts(first.rows[0])[2] in ("", DOTS)
    assert any(isinstance(b, PageBreak) for b in jf.before)
    assert codes(doc).count("D002") == 3  # one per unnamed position


def test_pk_in_english():
    doc = form("pk", KESBANGPOL, lang="en")
    head = doc.sections[0]
    assert head.columns == ["No", "Strategic objective (Sasaran Strategis)", "Performance indicator", "Target"]
    assert [b.text for b in head.before if isinstance(b, Paragraph)][0] == "PERFORMANCE AGREEMENT 2022"
    assert blocks(head, Table)[2].columns == ["No", "Programme", "Budget (Rp)", "Remarks"]


# -- SKP (PermenPANRB 6/2022) -----------------------------------------------------------------------

def test_skp_follows_permenpanrb_6_2022():
    doc = form("skp", KESBANGPOL)
    assert doc.orientation == "portrait"
    sec = next(s for s in doc.sections if s.name.startswith("Kepala Bidang Kewas"))
    assert [(b.style, b.text) for b in sec.before if isinstance(b, Paragraph)] == [
        ("title", "SASARAN KINERJA PEGAWAI"), ("center", "PENDEKATAN HASIL KERJA KUANTITATIF"),
        ("center", "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"),
        ("small", "KABUPATEN BALANGAN — PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2022"),
        ("bold", "HASIL KERJA")]
    people = next(b for b in sec.before if isinstance(b, Table))
    assert header_texts(people.header) == [["No", "PEGAWAI YANG DINILAI", None, "No", "PEJABAT PENILAI KINERJA", None]]
    assert [r[1].text for r in people.rows] == ["Nama", "NIP", "Pangkat/Gol. Ruang", "Jabatan", "Unit kerja"]
    assert [r[5].text for r in people.rows] == ["Ir. ANSYARULLAH, M.AP", "19620508 198903 1 016", "Pembina Utama Muda (IV/c)",
                                                "Kepala Badan Kesatuan Bangsa dan Politik",
                                                "Badan Kesatuan Bangsa dan Politik Kabupaten Balangan"]
    assert sec.columns == ["No", "Rencana Hasil Kerja Pimpinan yang Diintervensi", "Rencana Hasil Kerja", "Aspek",
                           "Indikator Kinerja Individu", "Target"]
    rows = [texts(r) for r in sec.rows]
    assert rows[0][0] == "A. Utama" and rows[-2][0] == "B. Tambahan" and rows[-1] == ["1", "", "", "", "", ""]
    assert [r[3] for r in rows[1:4]] == ["Kuantitas", "Kualitas", "Waktu"]
    assert rows[1][4:] == ["Persentase laporan potensi konflik yang tertangani", "100%"] and rows[2][4:] == ["", ""]
    (behaviour,) = sec.after
    assert behaviour.title == ["PERILAKU KERJA"] and behaviour.columns == ["No", "Perilaku Kerja", "Ekspektasi Khusus Pimpinan"]
    assert [r[1].text.split("\n")[0] for r in behaviour.rows] == [
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]
    assert {r[2].text for r in behaviour.rows} == {""}
    assert [(s.party, s.position) for s in sec.signatures] == [
        ("Pejabat Penilai Kinerja", "Kepala Badan Kesatuan Bangsa dan Politik"),
        ("Pegawai yang Dinilai", "Kepala Bidang Kewaspadaan Nasional dan Penanganan Konflik")]
    assert sec.place_date == "Balangan, …………… 2022"


def test_skp_of_the_head_has_the_perspective_column_and_no_superiors_result():
    head = form("skp", KESBANGPOL).sections[0]
    assert head.columns == ["No", "Rencana Hasil Kerja", "Indikator Kinerja Individu", "Target", "Perspektif"]
    assert "BAGI PEJABAT PIMPINAN TINGGI" in [b.text for b in head.before if isinstance(b, Paragraph)]
    assert texts(head.rows[1])[1:] == ["Mencegah munculnya Potensi Konflik Menjadi Konflik yang berkaitan dengan Politik, "
                                       "Ekonomi, dan Sosial, Budaya dan Agama",
                                       "Persentase potensi konflik Sosial yang ditindaklanjuti", "100%", ""]
    assert head.notes[0] == ("Kolom Perspektif diisi pimpinan: Perspektif Penerima Layanan, Perspektif Penguatan "
                             "Internal, Perspektif Proses Bisnis Internal, Perspektif Anggaran.")
    assert head.signatures[0].position == DOTS  # the head's appraiser is not in the tree


def test_skp_aspect_of_an_indicator_fills_its_row():
    text = chain().replace("{uraian: Jumlah laporan koordinasi, satuan: laporan,",
                           "{uraian: Jumlah laporan koordinasi, satuan: laporan, aspek: waktu,")
    jf = form("skp", text).sections[-1]
    rows = [texts(r) for r in jf.rows if r[0] is None or r[0].colspan == 1]
    ko = rows[rows.index(next(r for r in rows if r[2] == "Terlaksananya koordinasi kewaspadaan")):][:3]
    assert [r[3] for r in ko] == ["Waktu", "Kuantitas", "Kualitas"] and ko[0][4:] == ["Jumlah laporan koordinasi", "4 laporan"]


def test_skp_in_english():
    sec = form("skp", KESBANGPOL, lang="en").sections[1]
    assert sec.columns == ["No", "Superior's result supported", "Work result", "Aspect", "Individual performance indicator",
                           "Target"]
    assert sec.after[0].rows[0][1].text.startswith("Service-oriented (Berorientasi Pelayanan)\n- Understands")


# -- manual IKU (PermenPAN 09/2007) -----------------------------------------------------------------

def test_iku_manual_columns_and_fields():
    doc = form("iku", KESBANGPOL)
    assert doc.orientation == "landscape"
    (sec,) = doc.sections
    years = [str(y) for y in range(2022, 2027)]
    assert header_texts(sec.header) == [
        ["No", "Sasaran", "Indikator Kinerja", "Alasan", "Formulasi/Penjelasan", "Satuan", "Kondisi Awal", "Target",
         None, None, None, None, "Sumber Data", "Penanggung Jawab"],
        [None] * 7 + years + [None, None]]
    rows = [texts(r) for r in sec.rows]
    assert [r[2] for r in rows] == ["Kabupaten Balangan Zero Konflik Sosial",
                                    "Persentase potensi konflik Sosial yang ditindaklanjuti",
                                    "Persentase Meningkatnya Partisipasi Masyarakat Dalam Pemilu dan Pilkukada"]
    assert rows[0][3].startswith("Permasalahan yang dihadapi adalah konflik sosial") and sec.rows[0][3].problem is None
    assert rows[0][4] == "Polaritas negatif: makin kecil makin baik." and "D001" in sec.rows[0][4].problem
    assert rows[0][12] == "" and "formulasi, sumber_data" in sec.rows[0][12].problem
    assert rows[0][13] == "Kepala Badan Kesatuan Bangsa dan Politik"  # the owner, by default
    assert [f.split()[1] for f in doc.findings].count("D001") == 3


def test_iku_manual_fields_and_baseline_from_the_file():
    text = chain().replace("{uraian: Persentase wilayah waspada, satuan: '%',",
                           "{uraian: Persentase wilayah waspada, satuan: '%', alasan: Ukuran langsung kewaspadaan, "
                           "formulasi: wilayah waspada / seluruh wilayah × 100%, sumber_data: Laporan bidang, "
                           "penanggung_jawab: Kepala Bidang Kewaspadaan,")
    (sec,) = form("iku", text).sections
    row = texts(sec.rows[1])
    assert row[2:] == ["Persentase wilayah waspada", "Ukuran langsung kewaspadaan", "wilayah waspada / seluruh wilayah × 100%",
                       "%", "85 (2023)", "90", "95", "Laporan bidang", "Kepala Bidang Kewaspadaan"]
    assert all(c.problem is None for c in sec.rows[1])


def test_iku_in_english():
    (sec,) = form("iku", KESBANGPOL, lang="en").sections
    assert sec.columns[:5] == ["No", "Objective", "Performance indicator", "Reason", "Formula/explanation"]
    assert sec.columns[-2:] == ["Data source", "Officer responsible"]


# -- translation matrix and crosswalk (source 003) -------------------------------------------------

def test_matriks_words_components_as_source_003():
    doc = form("matriks", KESBANGPOL)
    assert doc.orientation == "landscape"
    main, crosswalk = doc.sections
    assert main.columns == ["No", "Rujukan Tahap", "Peran dalam Pohon", "Kinerja", "Indikator", "Jenis Kinerja",
                            "Komponen Perencanaan", "PK/SKP Tingkat Jabatan"]
    rows = {r[0].text: texts(r) for r in main.rows}
    assert [rows[n][6] for n in ("1", "2", "3", "4", "5")] == [
        "Tujuan SKPD", "Sasaran Strategis", "Sasaran Program", "Sasaran Kegiatan", "Sasaran Sub Kegiatan"]
    assert rows["1"][7] == "—\ntanpa PK: tujuan organisasi, dipegang kepala\nKepala Badan Kesatuan Bangsa dan Politik"
    assert rows["2"][7].startswith("PK/SKP JPT\n") and rows["3"][7].startswith("PK/SKP Administrator\n")
    assert rows["5"][7].startswith("PK/SKP JF/JP\n")
    assert not any("Terkoordinirnya batas wilayah" in r[3] for r in rows.values())  # crosscutting: apart
    assert any(n.startswith("Kondisi crosscutting") for n in main.notes)
    renja = {r[0].text: texts(r) for r in form("matriks", RENJA).sections[0].rows}
    assert renja["3"][6] == ("Sasaran Program\n8.01.06 PROGRAM PENINGKATAN KEWASPADAAN NASIONAL DAN PENINGKATAN KUALITAS "
                             "DAN FASILITASI PENANGANAN KONFLIK SOSIAL")


def test_matriks_crosswalk_for_sipd():
    main, crosswalk = form("matriks", RENJA).sections
    assert crosswalk.title == ["Keselarasan Kondisi Operasional dengan Nomenklatur Sub Kegiatan (rekonsiliasi SIPD)"]
    assert crosswalk.columns == ["No", "Kondisi Operasional", "Indikator", "Kode", "Sub Kegiatan (Nomenklatur)",
                                 "Kinerja Sub Kegiatan", "Indikator Sub Kegiatan"]
    first = texts(crosswalk.rows[0])
    assert first[3] == "8.01.06.2.01.02" and first[4].startswith("Penyusunan Bahan Perumusan Kebijakan")
    # the sub kegiatan's kinerja and indicator as SIPD states them, from `komponen:`
    text = with_field(chain(), "KO1", "komponen: [{jenis: sub_kegiatan, kode: 8.01.06.2.01.0004, nama: Pelaksanaan "
                      "Koordinasi, kinerja: Terlaksananya Koordinasi di Bidang Kewaspadaan, indikator: Jumlah Orang yang "
                      "Mengikuti}]")
    (row,) = form("matriks", text).sections[1].rows
    assert texts(row)[1:] == ["Terlaksananya koordinasi kewaspadaan", "Jumlah laporan koordinasi", "8.01.06.2.01.0004",
                              "Pelaksanaan Koordinasi", "Terlaksananya Koordinasi di Bidang Kewaspadaan",
                              "Jumlah Orang yang Mengikuti"]


def test_matriks_crosswalk_without_codes():
    """Without codes the crosswalk reads "kode belum diisi"; marked with D020 once the tree has begun
    its translation (a code or pagu anywhere), unmarked in the worked tree that has not."""
    crosswalk = form("matriks", KESBANGPOL).sections[1]
    assert {r[3].text for r in crosswalk.rows} == {"kode belum diisi"} and len(crosswalk.rows) == 17
    assert all(r[3].problem is None for r in crosswalk.rows)
    text = with_field(chain(), "KA1", "kode: 8.01.06.2.01")
    (row,) = form("matriks", text).sections[1].rows
    assert row[3].text == "kode belum diisi" and row[3].problem.startswith("D020: ")


def test_no_internal_ids_as_labels():
    """A form's cells show statements, names and codes, never a box or position id by itself."""
    for kind in FORMS:
        for name, path in TREES.items():
            checked = check_file(path)
            ids = set(checked.tree.ids) | {p.id for p in checked.tree.doc.peta_jabatan}
            doc = form(kind, path)
            for sec in doc.sections:
                tables = [sec.rows] + [b.rows for b in sec.before + sec.after if isinstance(b, Table)]
                for rows in tables:
                    for row in rows:
                        assert not any(c is not None and c.text in ids for c in row), (kind, name, texts(row))


def test_pk_budget_counts_a_shared_component_once():
    """Source 004 prints sub kegiatan 8.01.05.2.01.0003 (Rp 109.000.000) under two sasaran, so its
    budget column adds up to Rp 1.075.075.600; the head's PK lists programme 8.01.05 once and its
    Jumlah is Rp 966.075.600."""
    head = form("pk", ROOT / "tests" / "fixtures" / "tables" / "rencana-aksi-metro.yaml").sections[0]
    (budget,) = blocks(head, Table)[2:]
    rows = [texts(r) for r in budget.rows]
    assert [r[1].split()[0] for r in rows[:-1]] == ["8.01.05", "8.01.03", "8.01.04", "8.01.06"]
    assert rows[0][2] == "109.000.000" and rows[-1][2] == "966.075.600"


def test_place_of_signing():
    """The city of `organisasi.kop` when the file gives one, else the Pemda's name, else dots."""
    from types import SimpleNamespace

    from pohon.render.tables.forms import place_date

    org = SimpleNamespace(pemda="Kabupaten Balangan", kop=None)
    assert place_date(org, 2024, "id") == "Balangan, …………… 2024"
    assert place_date(SimpleNamespace(pemda="Kabupaten Balangan", kop=SimpleNamespace(kota="Paringin")), 2024,
                      "id") == "Paringin, …………… 2024"
    assert place_date(SimpleNamespace(pemda="Kota Metro"), 2021, "en") == "Metro, …………… 2021"
    assert place_date(SimpleNamespace(pemda=None), 2021, "id") == "……………, …………… 2021"


def test_skp_additional_work_results_from_the_peta_jabatan():
    text = KESBANGPOL.read_text(encoding="utf-8").replace(
        "    unit: Bidang Politik Dalam Negeri\n  - id: JF-WAS",
        "    unit: Bidang Politik Dalam Negeri\n    tugas_tambahan: [Tersusunnya laporan tim pemantau pemilu]\n  - id: JF-WAS")
    pol = next(s for s in form("skp", text).sections if s.signatures[-1].position == "Kepala Bidang Politik Dalam Negeri")
    rows = [texts(r) for r in pol.rows]
    assert rows[-2][0] == "B. Tambahan" and rows[-1] == ["1", "", "Tersusunnya laporan tim pemantau pemilu", "", "", ""]


def test_pk_and_skp_targets_carry_the_unit_of_their_year():
    """`satuan_tahun`: the 2023 target of the coordination meetings is 100 %, not "100 Keg/ Rapat"
    (the PK and SKP used the indicator's first unit for every year)."""
    from click.testing import CliRunner

    from pohon.cli import main

    tree = Path(__file__).resolve().parent.parent / "trees" / "renja-kesbangpol-balangan-2022.yaml"
    for kind in ("pk", "skp"):
        out = CliRunner().invoke(main, ["tabel", str(tree), "--jenis", kind, "--tahun", "2023"]).stdout
        rows = [r for r in out.splitlines() if "Jumlah rapat koordinasi di Bidang Kewaspadaan Dini" in r]
        assert rows and all("| 100% |" in r and "100 Keg/ Rapat" not in r for r in rows), kind
