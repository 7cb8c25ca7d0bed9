"""The planning forms: Renja (Tabel T-C.33), Renstra (Tabel T-C.27) and Rencana Aksi (source 004).

Headings and column order are pinned against source 000's T-C.33, the Permendagri 86/2017
lampiran (T-C.27) and source 004; golden files hold the bundled trees' tables
(``POHON_UPDATE_GOLDEN=1`` rewrites them after a deliberate change).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.app import check_file
from pohon.cli import main
from pohon.render.tables.build import build
from pohon.render.tables.writers import grid

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures"
RENJA = ROOT / "trees" / "renja-kesbangpol-balangan-2022.yaml"
KESBANGPOL = ROOT / "trees" / "kesbangpol-balangan.yaml"
METRO = FIX / "tables" / "rencana-aksi-metro.yaml"
KECIL = FIX / "tables" / "kecil.yaml"
TANPA_KODE = FIX / "forms" / "tanpa-kode.yaml"
AKSI = FIX / "forms" / "aksi-bulan.yaml"
GOLDEN = FIX / "golden"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def doc_of(kind, tree, lang="id", years=None):
    checked = check_file(tree)
    return build(kind, checked.tree, lang, years, checked.diagnostics, checked.file)


def texts(row):
    return [c.text if c is not None else None for c in row]


def csv_rows(tree, kind, *extra):
    res = run("tabel", tree, "--jenis", kind, "--format", "csv", *extra)
    return res, list(csv.reader(io.StringIO(res.output.lstrip("\ufeff"))))


def body(doc, name=None):
    """The body rows as text; a merged cell's text in every position it covers."""
    sec = doc.sections[0] if name is None else next(s for s in doc.sections if s.name == name)
    return [[c.text for c in row] for row in grid(sec)]


# -- Renja: Tabel T-C.33 ----------------------------------------------------------------------------

def test_renja_headings_follow_t_c_33():
    """Source 000 (T-C.33): Kode in five cells; Urusan/Bidang Urusan ... Program/Kegiatan;
    Indikator Kinerja; Rencana Tahun n: Lokasi, Target Capaian Kinerja, Kebutuhan Dana/Pagu
    Indikatif, Sumber Dana; Catatan Penting; Prakiraan Maju n+1: Target, Kebutuhan Dana."""
    doc = doc_of("renja", RENJA)
    assert doc.title == ("Tabel T-C.33 Rumusan Rencana Program, Kegiatan dan Sub Kegiatan Perangkat Daerah "
                         "Tahun 2022 dan Prakiraan Maju Tahun 2023")
    assert doc.orientation == "landscape"
    sec = doc.sections[0]
    h1, h2, h3 = ([c.text if c else None for c in row] for row in sec.header)
    assert [x for x in h1 if x] == [
        "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program (Outcome)/Kegiatan (Output)/Sub Kegiatan (Output)",
        "Rencana Tahun 2022 (Tahun Rencana)", "Catatan Penting", "Prakiraan Maju Rencana Tahun 2023"]
    assert h2 == ["Urusan", "Bidang Urusan", "Program", "Kegiatan", "Sub Kegiatan", None, None, "Lokasi",
                  "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif (Rp)", "Sumber Dana", None,
                  "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif (Rp)"]
    assert [x for x in h3 if x] == [f"({n})" for n in range(1, 11)]
    assert sec.title == ["Kabupaten Balangan", "Nama Perangkat Daerah: Badan Kesatuan Bangsa dan Politik Kabupaten Balangan"]


def test_renja_totals_equal_the_document_with_pagu_on_every_row(tmp_path):
    out = tmp_path / "renja.xlsx"
    res = run("tabel", RENJA, "--jenis", "renja", "-o", out)
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "JUMLAH")
    assert total[9] == 4497496565 and total[13] == 5328770000
    assert ws.page_setup.orientation == "landscape"
    # every program, kegiatan and sub kegiatan row (a code in the program column) has both pagu
    coded = [r for r in rows if r[2] and r[0] not in ("JUMLAH",) and str(r[0]).isdigit()]
    programs = [r for r in coded if not r[3]]
    kegiatan = [r for r in coded if r[3] and not r[4]]
    subs = [r for r in coded if r[4]]
    assert (len(programs), len(kegiatan), len(subs)) == (6, 12, 37)
    assert all(isinstance(r[9], int) and isinstance(r[13], int) for r in coded)
    assert sum(r[9] for r in programs) == 4497496565 and sum(r[13] for r in programs) == 5328770000
    assert sum(r[9] for r in subs) == 4497496565 and sum(r[13] for r in subs) == 5328770000
    # as printed in source 000
    row = next(r for r in programs if r[:3] == ("1", "05", "01"))
    assert row[5] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert (row[8], row[9], row[12], row[13]) == ("64,6", 2675203565, "65,2", 2962600000)
    assert row[7] == "Kab. Balangan, Semua Kecamatan, Semua Kelurahan" and row[10] == "APBD Kab. Balangan"


def test_renja_rows_in_code_order_under_urusan_and_bidang():
    rows = body(doc_of("renja", RENJA))
    codes = [".".join(p for p in r[:5] if p) for r in rows if r[0] and r[0] != "JUMLAH"]
    headings = [(c, r[5]) for c, r in zip(codes, [r for r in rows if r[0] and r[0] != "JUMLAH"]) if c.count(".") < 2]
    assert headings == [("1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"),
                        ("1.05", "URUSAN PEMERINTAHAN BIDANG KETENTERAMAN DAN KETERTIBAN UMUM SERTA PERLINDUNGAN MASYARAKAT"),
                        ("8", "UNSUR PEMERINTAHAN UMUM"), ("8.01", "KESATUAN BANGSA DAN POLITIK")]
    programs = [c for c in codes if c.count(".") == 2]
    assert programs == ["1.05.01", "8.01.02", "8.01.03", "8.01.04", "8.01.05", "8.01.06"]
    assert codes.index("8.01.05.2.01.0005") < codes.index("8.01.06")
    # a second indicator of a sub kegiatan: its own row, code and name cells merged above it
    at = next(i for i, r in enumerate(rows) if r[6] == "Jumlah Fasilitas Forkopimda")
    assert rows[at + 1][6] == "Jumlah Fasilitas Forkopimcam" and rows[at + 1][5] == rows[at][5]
    assert (rows[at][9], rows[at][10]) == ("0", "-")  # printed "-" in the document: no budget that year


def test_renja_change_of_unit_is_kept():
    rows = body(doc_of("renja", RENJA))
    rapat = next(r for r in rows if r[6].startswith("Jumlah rapat koordinasi di Bidang Kewaspadaan"))
    assert (rapat[8], rapat[12]) == ("4 Keg/ Rapat", "100%")
    kendaraan = next(r for r in rows if r[6] == "Jumlah bulan pemeliharaan rutin /berkala kendaraan dinas operasional")
    assert (kendaraan[8], kendaraan[12]) == ("12 Bulan", "100%")


def test_renja_year_selects_n_and_forward_estimate_outside_the_period():
    res, rows = csv_rows(RENJA, "renja", "--tahun", "2023")
    assert res.exit_code == 0
    assert rows[0][0].endswith("Tahun 2023 dan Prakiraan Maju Tahun 2024")
    total = next(r for r in rows if r and r[0] == "JUMLAH")
    assert total[9] == "5328770000" and total[13] == ""
    assert ["Prakiraan maju 2024 berada di luar periode pohon (2022-2023): kolomnya dikosongkan."] in rows


def test_renja_counts_a_shared_sub_kegiatan_once():
    """Source 004 prints the same sub kegiatan (109.000.000) under two sasaran: one row here."""
    doc = doc_of("renja", METRO)
    rows = body(doc)
    at = [i for i, r in enumerate(rows) if r[4] == "0003" and r[3] == "2.01" and r[2] == "05"]
    assert len(at) == 2 and rows[at[0]][9] == "109.000.000"  # two boxes' indicators, one pagu cell
    assert doc.sections[0].rows[at[0]][9].rowspan == 2 and doc.sections[0].rows[at[1]][9] is None
    total = next(r for r in rows if r[0] == "JUMLAH")
    assert total[9] == "966.075.600"
    note = "Sub Kegiatan 8.01.05.2.01.0003 dipakai oleh SK1 dan SK2; pagunya dihitung sekali."
    assert note in doc_of("renja", METRO).sections[0].notes


def test_renja_declared_pagu_kept_and_marked():
    doc = doc_of("renja", FIX / "tables" / "pagu-salah.yaml")
    sec = doc.sections[0]
    kegiatan = next(r for r in sec.rows if r[0] is not None and r[3] is not None and r[3].text == "2.01" and not r[4].text)
    assert kegiatan[9].value == 5260403700 and kegiatan[9].problem.startswith("K006: Pagu 2024 kotak K1 tertulis")
    total = next(r for r in sec.rows if r[0] is not None and r[0].text == "JUMLAH")
    assert total[9].value == 6207603700  # the sum of the sub kegiatan counts


def test_renja_in_english():
    res = run("tabel", RENJA, "--jenis", "renja", "--lang", "en")
    assert "Performance target 2023" in res.output and "Forward Estimate for 2023" in res.output
    assert "Rencana Tahun" not in res.output and "Catatan Penting" not in res.output


# -- Renstra: Tabel T-C.27 ----------------------------------------------------------------------------

def test_renstra_headings_follow_t_c_27():
    doc = doc_of("renstra", RENJA)
    assert doc.title == "Tabel T-C.27 Rencana Program, Kegiatan, dan Pendanaan Perangkat Daerah"
    assert doc.orientation == "landscape"
    sec = doc.sections[0]
    h1, h2, h3, h4 = ([c.text if c else None for c in row] for row in sec.header)
    assert [x for x in h1 if x] == [
        "Tujuan", "Sasaran", "Kode", "Program dan Kegiatan",
        "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
        "Data Capaian pada Tahun Awal Perencanaan", "Target Kinerja Program dan Kerangka Pendanaan",
        "Kondisi Kinerja pada akhir periode Renstra Perangkat Daerah",
        "Unit Kerja Perangkat Daerah Penanggung Jawab", "Lokasi"]
    assert [x for x in h2 if x] == ["Tahun 2022", "Tahun 2023", "Akhir periode (2023)"]
    assert [x for x in h3 if x] == ["Target", "Rp"] * 3
    assert [x for x in h4 if x] == [f"({n})" for n in range(1, 15)]


def test_renstra_rows_totals_and_final_condition():
    rows = body(doc_of("renstra", RENJA))
    assert rows[0][0] == "Terwujudnya Kerukunan dan Toleransi dalam Masyarakat" and rows[0][4] == "Angka Konflik Sosial Bernuansa Sara"
    program = next(r for r in rows if r[2] == "8.01.06")
    assert program[6:12] == ["100%", "777.570.000", "100%", "1.146.500.000", "100%", "1.924.070.000"]
    assert program[13] == "Kab. Balangan, Semua Kecamatan, Semua Kelurahan"
    assert program[12] == "(jabatan pemilik belum ditulis)"  # no position written: said so, no box id
    rapat = next(r for r in rows if r[4].startswith("Jumlah rapat koordinasi di Bidang Kewaspadaan"))
    assert rapat[6] == "4 Keg/ Rapat" and rapat[8] == "100%" and rapat[10] == "100%"
    total = next(r for r in rows if r[0] == "JUMLAH")
    assert (total[7], total[9], total[11]) == ("4.497.496.565", "5.328.770.000", "9.826.266.565")
    codes = [r[2] for r in rows if r[2]]
    assert codes.index("8.01.03") < codes.index("8.01.04") < codes.index("8.01.05")


def test_renstra_baseline_unit_and_explicit_final_condition(tmp_path):
    tree = tmp_path / "t.yaml"
    tree.write_text(TANPA_KODE.read_text(encoding="utf-8").replace(
        "baseline: 70, tahun_baseline: 2023,", "baseline: 70, tahun_baseline: 2023, kondisi_akhir: 75,"), encoding="utf-8")
    rows = body(doc_of("renstra", tree))
    assert rows[0][4:11] == ["Indeks Rasa Aman", "70 indeks (2023)", "72 indeks", "", "74 indeks", "", "75 indeks"]
    unit = body(doc_of("renstra", AKSI))
    assert next(r for r in unit if r[2] == "8.01.05")[-2] == "Bidang Ketahanan Ekonomi Sosial dan Budaya"  # its unit


def test_renstra_shared_component_counted_once_and_marked(tmp_path):
    rows = body(doc_of("renstra", METRO))
    assert next(r for r in rows if r[0] == "JUMLAH")[7] == "966.075.600"
    text = METRO.read_text(encoding="utf-8")
    old = "pagu: {2021: 109000000}\n                    indikator:\n                      - {uraian: Jumlah Peserta"
    tree = tmp_path / "metro.yaml"
    tree.write_text(text.replace(old, old.replace("109000000", "100000000")), encoding="utf-8")
    doc = doc_of("renstra", tree)
    marked = [c for r in doc.sections[0].rows for c in r if c is not None and c.problem and "K015" in c.problem]
    assert [c.value for c in marked] == [100000000]
    assert next(r for r in body(doc) if r[0] == "JUMLAH")[7] == "966.075.600"  # the first box's pagu counts


def test_renstra_one_year():
    res, rows = csv_rows(RENJA, "renstra", "--tahun", "2023")
    total = next(r for r in rows if r and r[0] == "JUMLAH")
    assert res.exit_code == 0 and total[7] == "5328770000" and "4497496565" not in total


# -- Rencana Aksi (source 004) -------------------------------------------------------------------------

RA_COLUMNS = ["No", "Tujuan", "Indikator Tujuan", "Sasaran", "Indikator Kinerja Sasaran", "Program",
              "Indikator Program", "Kegiatan", "Indikator Kegiatan", "Sub Kegiatan", "Indikator Sub Kegiatan",
              "Satuan", "TW I", "TW II", "TW III", "TW IV", "Target 2021", "Rencana Aksi", "Anggaran (Rp)",
              "Penanggung Jawab"]


def test_rencana_aksi_headings_follow_source_004():
    doc = doc_of("rencana-aksi", METRO)
    sec, jadwal = doc.sections
    assert sec.columns == RA_COLUMNS and doc.orientation == "landscape"
    assert [c.text for c in sec.header[0] if c] == [c for c in RA_COLUMNS if not c.startswith("TW")][:12] + \
        ["Target Kinerja"] + RA_COLUMNS[16:]
    assert sec.title == ["RENCANA AKSI KINERJA BADAN KESATUAN BANGSA DAN POLITIK KOTA METRO TAHUN 2021"]
    assert jadwal.title == ["JADWAL KEGIATAN"]
    assert [c.text for c in jadwal.header[0] if c] == ["No", "Rencana Aksi", "TW I", "TW II", "TW III", "TW IV"]
    assert [c.text for c in jadwal.header[1] if c] == [str(m) for m in range(1, 13)]


def test_rencana_aksi_metro_rows_totals_and_signature():
    doc = doc_of("rencana-aksi", METRO)
    rows = body(doc)
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "JUMLAH"]
    assert rows[0][3] == "Meningkatnya Kerukunan Umat Beragama" and rows[0][12:17] == ["15", "25", "15", "15", "70"]
    assert rows[0][17].splitlines() == ["1. Rapat koordinasi antarumat beragama", "2. Monitoring takbir akbar",
                                        "3. Menghadiri hari raya Galungan", "4. Monitoring perayaan Natal bersama"]
    assert rows[0][18] == "109.000.000" and rows[0][19] == "Dra. LISMANIA AMPARAWATI"
    assert rows[-1][18] == "966.075.600"  # the document's column adds up to 1.075.075.600: SK1/SK2 counted twice
    assert doc.sections[0].notes[0].startswith("Jumlah kolom anggaran per baris Rp 1.075.075.600; Jumlah di atas Rp 966.075.600")
    sig = doc.sections[0].signatures[0]
    assert (sig.party, sig.position, sig.name, sig.nip) == ("Kepala Badan Kesatuan Bangsa dan Politik", "Kota Metro",
                                                            "Dra. ROSITA, MM", "19700315 199003 2 001")
    assert doc.sections[0].place_date == "……………, …………… 2021"


def test_rencana_aksi_old_form_is_read_as_actions_in_their_quarter():
    doc = doc_of("rencana-aksi", METRO)
    jadwal = body(doc, doc.sections[1].name)
    assert jadwal[0] == ["1.1", "Rapat koordinasi antarumat beragama"] + ["√"] * 3 + [""] * 9
    assert jadwal[5][0:2] == ["2.2", "Sosialisasi Perda No. 5 Tahun 2019 (masyarakat)"]
    assert jadwal[5][2:] == [""] * 9 + ["√"] * 3  # position 4 of the old list: TW IV


def test_rencana_aksi_new_form_months_and_holders():
    doc = doc_of("rencana-aksi", AKSI)
    jadwal = body(doc, doc.sections[1].name)
    marks = {r[1]: [m for m in range(1, 13) if r[m + 1] == "√"] for r in jadwal}
    assert marks == {"Melaksanakan rapat koordinasi antarumat beragama": [2], "Monitoring takbir akbar": [4, 9],
                     "Menghadiri hari raya Galungan": [12], "Monitoring perayaan Natal bersama": [10, 11, 12],
                     "Sosialisasi Perda bagi mahasiswa": [7, 8, 9], "Sosialisasi Perda bagi masyarakat": [10, 11, 12]}
    rows = body(doc)
    assert [r[19] for r in rows[:2]] == ["Dra. ROSITA, MM", "Budi Santoso, S.Sos"]  # holders from the peta jabatan
    assert rows[-1][18] == "109.000.000"
    sig = doc.sections[0].signatures[0]
    assert (sig.name, sig.rank) == ("Dra. ROSITA, MM", "Pembina Utama Muda")


def test_rencana_aksi_month_13_is_a_located_error(tmp_path):
    tree = tmp_path / "bulan.yaml"
    text = AKSI.read_text(encoding="utf-8").replace("bulan: [4, 9]", "bulan: [4, 13]")
    tree.write_text(text, encoding="utf-8")
    res = run("check", tree)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "bulan: [4, 13]" in l)
    col = text.splitlines()[line - 1].index("13") + 1
    assert res.exit_code == 1
    assert f"{tree}:{line}:{col}: F004 kesalahan [S1]" in res.output and 'bukan bulan 1–12: "13"' in res.output


def test_rencana_aksi_action_without_months_is_marked(tmp_path):
    tree = tmp_path / "tanpa-bulan.yaml"
    tree.write_text(AKSI.read_text(encoding="utf-8").replace(", bulan: [12]}", "}"), encoding="utf-8")
    res = run("check", tree)
    assert ('D022 peringatan [S1] Aksi "Menghadiri hari raya Galungan" rencana aksi 2024 indikator '
            '"Persentase Kerukunan Umat Beragama yang Terjaga" kotak S1 belum menyebut bulan pelaksanaannya') in res.output
    doc = doc_of("rencana-aksi", tree)
    row = next(r for r in doc.sections[1].rows if r[1].value == "Menghadiri hari raya Galungan")
    assert row[1].problem == "bulan pelaksanaan belum diisi" and all(c.value == "" for c in row[2:])


def test_rencana_aksi_without_any_plan_lists_the_operational_boxes():
    doc = doc_of("rencana-aksi", KESBANGPOL)
    rows = body(doc)
    assert len(rows) > 5 and rows[-1][0] == "JUMLAH" and rows[-1][18] == "pagu belum diisi"
    assert doc.sections[1].notes == ["(belum ada aksi dengan bulan pelaksanaannya)"]


# -- trees without codes or pagu ---------------------------------------------------------------------

def test_tree_without_codes_gives_readable_forms_and_findings():
    checked = check_file(TANPA_KODE)
    codes = sorted((d.code, d.node, d.field) for d in checked.diagnostics if d.code.startswith("D"))
    assert codes == [("D020", "K1", ("kode",)), ("D020", "P1", ("kode",)), ("D020", "SK1", ("kode",)),
                     ("D020", "SK2", ("kode",)), ("D020", "SK3", ("kode",)), ("D021", "SK2", ("pagu",)),
                     ("D021", "SK3", ("pagu",))]
    assert [d.message("id") for d in checked.diagnostics if d.code == "D021"] == [
        'Sub Kegiatan kotak SK2 belum berpagu untuk 2025; Renja/Renstra mencetak "pagu belum diisi"',
        'Sub Kegiatan kotak SK3 belum berpagu untuk 2024, 2025; Renja/Renstra mencetak "pagu belum diisi"']
    for kind in ("renja", "renstra"):
        doc = doc_of(kind, TANPA_KODE)
        cells = [c for r in doc.sections[0].rows for c in r if c is not None]
        text = " ".join(str(c.value) for c in cells)
        assert "Terdatanya Orang Asing" in text and "pagu belum diisi" in text
        assert not any(c.value in ("P1", "K1", "SK1", "SK2", "SK3") for c in cells)  # no internal ids as labels
        assert sum(1 for f in doc.findings if " D02" in f) == 7
    rows = body(doc_of("renja", TANPA_KODE))
    sk3 = next(r for r in rows if r[5] == "Terdatanya Orang Asing")
    assert sk3[:5] == [""] * 5 and sk3[9] == "pagu belum diisi" and sk3[13] == "pagu belum diisi"
    marked = [c for r in doc_of("renja", TANPA_KODE).sections[0].rows for c in r
              if c is not None and c.value == "pagu belum diisi"]
    assert len(marked) == 3 and all(c.problem and c.problem.startswith("D021") for c in marked)


def test_trees_not_yet_translated_raise_no_form_findings():
    for tree in (KESBANGPOL, ROOT / "trees" / "latihan-kesalahan.yaml"):
        assert not [d for d in check_file(tree).diagnostics if d.code.startswith("D02")]


# -- golden files for the bundled trees ---------------------------------------------------------------

GOLDEN_CASES = [(RENJA, "renja"), (RENJA, "renstra"), (RENJA, "rencana-aksi"), (KESBANGPOL, "renja"),
                (KESBANGPOL, "renstra"), (KESBANGPOL, "rencana-aksi"), (METRO, "rencana-aksi")]


@pytest.mark.parametrize("tree,kind", GOLDEN_CASES, ids=[f"{t.stem}-{k}" for t, k in GOLDEN_CASES])
def test_golden(tree, kind):
    res = run("tabel", tree, "--jenis", kind, "--format", "csv")
    assert res.exit_code in (0, 1)
    path = GOLDEN / f"{tree.stem}.{kind}.csv"
    if os.environ.get("POHON_UPDATE_GOLDEN"):
        path.write_text(res.output, encoding="utf-8")
    assert res.output == path.read_text(encoding="utf-8")


# -- the file format: rencana aksi actions -----------------------------------------------------------

def test_actions_old_new_and_shorthands_are_read(tmp_path):
    from pohon.loader.load import load_tree

    path = tmp_path / "t.yaml"
    path.write_text(AKSI.read_text(encoding="utf-8").replace("bulan: [12]}", "bulan: 12}"), encoding="utf-8")
    tree = load_tree(path).tree
    new = tree.node("S1").indikator[0].rencana_aksi[2024].aksi
    assert [(a.uraian, a.months) for a in new] == [
        ("Melaksanakan rapat koordinasi antarumat beragama", [2]), ("Monitoring takbir akbar", [4, 9]),
        ("Menghadiri hari raya Galungan", [12]), ("Monitoring perayaan Natal bersama", [10, 11, 12])]
    old = tree.node("SK1").indikator[0].rencana_aksi[2024].aksi
    assert old[:2] == [None, None] and [(a.triwulan, a.months) for a in old[2:]] == [(3, [7, 8, 9]), (4, [10, 11, 12])]


@pytest.mark.parametrize("old,new,message", [
    ("triwulan: 4}", "triwulan: 5}", 'Nilai `triwulan` tidak valid: bukan triwulan 1–4: "5"'),
    ("bulan: [2]}", "bulan: [0]}", 'Nilai `bulan` tidak valid: bukan bulan 1–12: "0"'),
    ("[null, null, Sosialisasi Perda bagi mahasiswa, Sosialisasi Perda bagi masyarakat]",
     "[a, b, c, d, e]", "Nilai `aksi` tidak valid: harus berupa mapping"),
])
def test_bad_actions_are_located_errors(tmp_path, old, new, message):
    text = AKSI.read_text(encoding="utf-8")
    assert old in text
    tree = tmp_path / "t.yaml"
    tree.write_text(text.replace(old, new), encoding="utf-8")
    res = run("check", tree)
    assert res.exit_code == 1 and " F004 kesalahan " in res.output and message in res.output
    assert "Input should" not in res.output  # no English inside the Indonesian message
