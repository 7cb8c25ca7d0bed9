"""`pohon impor`: the three layouts of the real documents, CSV variants, malformed files."""

from __future__ import annotations

import io
import json
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.app import check_file
from pohon.cli import main
from pohon.impor.run import import_file
from pohon.loader.load import load_text
from tests.fixtures.impor import make_workbooks as mk

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return mk.write_all(tmp_path_factory.mktemp("impor"))


def imported(path, **kw):
    out = import_file(path, **kw)
    assert out.yaml is not None, [d.message() for d in out.findings]
    loaded = load_text(out.yaml, "hasil.yaml")
    assert loaded.tree is not None, [d.message() for d in loaded.diagnostics]
    return out, loaded.tree


def codes(out, code):
    return [d for d in out.findings if d.code == code]


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


# -- layout 3: Renja T-C.33 (source 000) -----------------------------------------------------
def test_renja_t_c33_counts_codes_and_budget_match_the_document(books):
    out, tree = imported(books["000"])
    assert out.layout == "renja" and out.sheet == "T-C.33"
    kinds = {}
    for n in tree:
        kinds.setdefault(n.data.komponen[0].jenis, []).append(n)
    assert (len(kinds["program"]), len(kinds["kegiatan"]), len(kinds["sub_kegiatan"])) == (6, 12, 37)
    total = sum(n.data.pagu.get(2022, 0) for n in kinds["program"])
    assert total == Decimal("4497496565") == sum(n.data.pagu.get(2022, 0) for n in kinds["sub_kegiatan"])
    assert sum(n.data.pagu.get(2023, 0) for n in kinds["program"]) == Decimal("5328770000")
    assert not codes(out, "I022")  # the printed TOTAL row agrees
    assert tree.doc.periode == "2022-2023" and tree.doc.organisasi.nama == "Badan Kesatuan Bangsa dan Politik"


def test_renja_matches_the_bundled_renja_tree_code_by_code(books):
    """The bundled tree was typed by hand from the same table; where the two read it differently,
    the difference is named here."""
    _, tree = imported(books["000"])
    bundled = check_file(ROOT / "trees" / "renja-kesbangpol-balangan-2022.yaml").tree
    mine = {n.data.kode: n for n in tree if n.data.kode}
    theirs = {n.data.kode: n for n in bundled if n.data.kode}
    # the bundled tree writes the foreign code as corrected (8.01.05…); the import keeps it as printed
    theirs["3.27.06.2.01.05"] = theirs.pop("8.01.05.2.01.05")
    assert set(mine) == set(theirs) and len(mine) == 55
    # a blank pagu cell is no pagu here (D021 reports it), Rp 0 there; "-" is Rp 0 in both
    assert dict(mine["8.01.06.2.01.02"].data.pagu) == {2023: 30000000}
    assert dict(theirs["8.01.06.2.01.02"].data.pagu) == {2022: 0, 2023: 30000000}
    assert {k: dict(n.data.pagu) for k, n in mine.items() if k != "8.01.06.2.01.02"} == \
        {k: dict(n.data.pagu) for k, n in theirs.items() if k != "8.01.06.2.01.02"}
    # targets: the same, except where the hand-typed tree split one printed cell into two
    # indicators (8.01.02.2.01.04) or read a "1 Keg" printed in the Catatan Penting column of a
    # continuation row as the 2023 target (8.01.03.2.01.03/04): the import keeps it as a note
    different = {k for k in mine if [dict(i.target) for i in mine[k].data.indikator]
                 != [dict(i.target) for i in theirs[k].data.indikator]}
    assert different == {"8.01.02.2.01.04", "8.01.03.2.01.03", "8.01.03.2.01.04"}
    units = {k: [i.unit(2023) for i in n.data.indikator] for k, n in mine.items()}
    assert units["8.01.06.2.01.04"] == ["%"]  # "4 Keg/ Rapat" in 2022, "100%" in 2023: satuan_tahun
    assert mine["8.01.06.2.01.04"].data.indikator[0].satuan == "Keg/ Rapat"


def test_renja_hierarchy_from_code_and_the_foreign_code_under_its_row_order_parent(books):
    out, tree = imported(books["000"])
    assert tree.parent("SK8.01.06.2.01.03").id == "K8.01.06.2.01"
    assert tree.parent("K8.01.06.2.01").id == "P8.01.06"
    assert tree.parent("SK3.27.06.2.01.05").id == "K8.01.05.2.01"
    (d,) = codes(out, "I016")
    assert str(d.location).endswith("renja-000.xlsx!T-C.33!A59") and d.node == "SK3.27.06.2.01.05"
    assert "Kode 3.27.06.2.01.05 tidak melanjutkan kode induk 8.01.05.2.01" in d.message()


def test_renja_units_split_and_continuation_rows(books):
    out, tree = imported(books["000"])
    fkdm = tree.node("SK8.01.06.2.01.03").data.indikator
    assert [i.uraian for i in fkdm] == ["Persentase Daerah Rawan Potensi konflik yang terawasi ;", "Jumlah Fasilitas FKDM"]
    assert (fkdm[1].satuan, fkdm[1].target) == ("Keg", {2022: 4, 2023: 4})
    assert 'Impor G64: Baris tanpa kode dibaca sebagai indikator tambahan kotak SK8.01.06.2.01.03' in fkdm[1].catatan
    assert 'Impor I64: "4 Keg" dipisah menjadi nilai dan satuan "Keg"' in fkdm[1].catatan
    assert len(codes(out, "I028")) == 5
    several = codes(out, "I019")
    assert [d.location.cell for d in several] == ["I42", "M42"]
    assert tree.node("SK8.01.02.2.01.04").data.indikator[0].target == {}
    akip = tree.node("P1.05.01").data.indikator[0]
    assert akip.target == {2022: 64.6, 2023: 65.2} and akip.satuan is None
    bln = [d for d in codes(out, "I025") if d.location.cell == "M27"]
    assert bln and bln[0].message() == 'Satuan "Bln" berbeda dari satuan "Bulan" di tahun lain; ditulis di `satuan_tahun` tahun itu'


def test_renja_codes_typed_as_numbers_are_repaired_with_a_note(books):
    out, tree = imported(books["000-angka"])
    assert {n.data.kode for n in tree} == {n.data.kode for n in imported(books["000"])[1]}
    d = next(d for d in codes(out, "I017") if d.location.cell == "B11")
    assert d.message() == "Kode tertulis sebagai angka 5: dibaca sebagai 05"


@pytest.mark.parametrize("sep,encoding", [(";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8-sig"), (";", "utf-16")])
def test_renja_csv_variants_give_the_same_tree(books, tmp_path, sep, encoding):
    path = mk.csv_000(tmp_path / "renja.csv", sep=sep, encoding=encoding, rp_dots=sep != ",")
    out, tree = imported(path, options=_opts(organisasi="Badan Kesatuan Bangsa dan Politik"))
    _, xlsx = imported(books["000"])
    assert {n.id: (n.data.kode, dict(n.data.pagu), [i.target for i in n.data.indikator]) for n in tree} == \
        {n.id: (n.data.kode, dict(n.data.pagu), [i.target for i in n.data.indikator]) for n in xlsx}
    assert not codes(out, "I010") and not codes(out, "I022")


def test_csv_in_windows_1252_is_read_and_said(tmp_path):
    path = tmp_path / "renja.csv"
    mk.csv_000(path, encoding="utf-8")
    path.write_bytes(path.read_bytes().decode("utf-8").replace("Penunjang", "Penunjang – café").encode("cp1252"))
    out, tree = imported(path)
    (d,) = codes(out, "I010")
    assert d.message() == "CSV bukan UTF-8: dibaca sebagai Windows-1252 (Excel lama)"
    assert "café" in tree.node("K1.05.01.2.08").uraian


def test_csv_in_an_unknown_encoding_is_refused_with_a_located_message(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"Kode;Nama\n1\x81;x\n")
    out = import_file(path)
    assert out.yaml is None
    (d,) = out.findings
    assert (d.code, str(d.location)) == ("I007", f"{path}!A1")


def test_the_printed_total_is_checked(tmp_path):
    path = tmp_path / "renja.csv"
    mk.csv_000(path)
    path.write_text(path.read_text(encoding="utf-8-sig").replace("Rp 4.497.496.565,00", "Rp 4.497.496.566,00"),
                    encoding="utf-8")
    out = import_file(path)
    (d,) = codes(out, "I022")
    assert d.location.cell == "E62"
    assert d.message() == "Baris TOTAL 2022 mencetak Rp 4.497.496.566, jumlah pagu program Rp 4.497.496.565"


# -- layout 1: the translation matrix (source 003) ------------------------------------------
def test_matriks_003_parents_from_row_order(books):
    out, tree = imported(books["003"], options=_opts(periode="2021-2026"))
    assert out.layout == "matriks"
    assert len(tree) == 30
    roles = [n.role_key for n in tree]
    assert (roles.count("outcome"), roles.count("csf"), roles.count("antara-utama"), roles.count("antara"),
            roles.count("operasional")) == (1, 2, 5, 5, 17)
    by_text = {n.uraian: n for n in tree}
    csf2 = by_text["Meningkatnya Sistem dan Budaya Politik yang Demokratis di Daerah"]
    assert tree.parent(csf2.id).id == "T1"
    ekonomi = by_text["Meningkatnya Ketahanan Ekonomi, Sosial dan Budaya dan Agama"]
    assert tree.parent(ekonomi.id).id == "C1"  # row order: under the first CSF, as the table reads
    assert len(codes(out, "I015")) == 29
    assert "Impor B4: Induk ditebak dari urutan baris: T1 (sel B3)" not in (tree.node("C1").data.catatan or "")
    assert tree.node("C1").data.catatan.startswith("Impor B5: Induk ditebak dari urutan baris: T1 (sel B4)")
    (merged,) = codes(out, "I023")
    assert merged.location.cell == "D3"
    assert merged.message() == ('Judul kolom "Keterangan" digabung di atas beberapa kolom; dibedakan dari isinya: '
                                "D=jenis kinerja, E=komponen, F=PK/jabatan")


def test_matriks_without_years_needs_a_period(books):
    r = run("impor", books["003"])
    assert r.exit_code == 2 and "tulis periodenya dengan --periode" in r.output


# -- layout 2: Rencana Aksi (source 004) -----------------------------------------------------
def test_rencana_aksi_004(books):
    out, tree = imported(books["004"])
    assert out.layout == "rencana-aksi" and tree.doc.periode == "2021-2021"
    assert tree.doc.organisasi.nama == "BADAN KESATUAN BANGSA DAN POLITIK KOTA METRO"
    assert len(tree) == 21
    assert [n.id for n in tree.roots()] == ["T1"]
    assert len(tree.node("T1").data.indikator) == 5  # one tujuan (merged over five rows), five indicators
    pagu = sum(n.data.pagu.get(2021, 0) for n in tree)
    assert pagu == Decimal("966075600")  # 109.000.000 once, 51.150.000, 648.510.600, 157.415.000
    (rep,) = codes(out, "I021")
    assert rep.location.cell == "S7"
    s1 = tree.node("S1").data.indikator[0]
    plan = s1.rencana_aksi[2021]
    assert (s1.satuan, plan.tw, plan.anggaran, plan.penanggung_jawab) == ("%", [15, 25, 15, 15], 109000000,
                                                                         "Dra. LISMANIA AMPARAWATI")
    assert len(plan.aksi) == 4 and (plan.aksi[2].uraian, plan.aksi[2].triwulan) == (
        "Menghadiri hari raya galungan di pura Girinata Metro", 3)
    s2 = tree.node("S2").data.indikator[0]
    assert (s2.satuan, s2.rencana_aksi[2021].tw) == ("orang", [None, None, 79, 79])
    assert s2.rencana_aksi[2021].anggaran is None  # the same 109.000.000 as row 1: counted once
    assert sum(p.anggaran or 0 for n in tree for i in n.data.indikator for p in i.rencana_aksi.values()) == pagu
    s4 = tree.node("S4").data.indikator[0]
    assert s4.rencana_aksi[2021].tw == [None, None, 35]
    keg = tree.node("S1.1.1").data.indikator[0]
    assert keg.target == {2021: 70}


# -- the command -----------------------------------------------------------------------------
def test_command_says_which_columns_it_recognised_and_writes_without_overwriting(books, tmp_path):
    target = tmp_path / "renja.yaml"
    r = run("impor", books["000"], "-o", target)
    assert r.exit_code == 1  # the check of the result finds errors (six roots): listed
    assert "Tata letak renja (lembar T-C.33); kolom dikenali: kode=A,B,C,D,E, nama=F, indikator=G, lokasi=H, target=I,M, pagu=J,N, sumber_dana=K, catatan=L" in r.output
    assert "55 kotak diimpor" in r.output
    first = target.read_bytes()
    r = run("impor", books["000"], "-o", target)
    assert r.exit_code == 2 and target.read_bytes() == first
    r = run("impor", books["000"], "-o", target, "--force")
    assert target.read_bytes() == first  # deterministic
    assert check_file(target).tree is not None


def test_json_diagnostics_carry_the_sheet_and_cell(books):
    r = CliRunner().invoke(main, ["impor", str(books["000"]), "--diagnostik", "json"])
    payload = json.loads(r.stderr[r.stderr.index("{"):r.stderr.rindex("}") + 1])
    d = next(d for d in payload["findings"] if d["code"] == "I016")
    assert (d["sheet"], d["cell"]) == ("T-C.33", "A59") and d["location"].endswith("!T-C.33!A59")


def test_english_messages(books):
    r = run("impor", books["000"], "--lang", "en")
    assert "Layout renja (sheet T-C.33); columns recognised:" in r.output
    assert "Code 3.27.06.2.01.05 does not extend its parent's code 8.01.05.2.01" in r.output


def test_kolom_by_hand(tmp_path):
    path = tmp_path / "aneh.csv"
    path.write_text("x;y;z\nT;Meningkatnya rasa aman;kinerja strategis skpd\nC;Meningkatnya kewaspadaan;kinerja strategis\n",
                    encoding="utf-8")
    r = run("impor", path, "--periode", "2024-2025")
    assert r.exit_code == 1 and "I011" in r.output
    r = run("impor", path, "--periode", "2024-2025", "--tata-letak", "matriks", "--kolom", "kinerja=B,jenis=C,indikator=D")
    assert "id: C1" in r.stdout and "peran: csf" in r.stdout
    r = run("impor", path, "--kolom", "kinerja")
    assert r.exit_code == 2 and "--kolom tidak terbaca" in r.output


# -- malformed files -------------------------------------------------------------------------
def _one(path, code):
    out = import_file(path)
    assert out.yaml is None
    assert [d.code for d in out.findings] == [code]
    return out.findings[0]


def test_empty_files(tmp_path):
    (tmp_path / "e.csv").write_bytes(b"")
    assert _one(tmp_path / "e.csv", "I004").message() == "Berkas atau lembar kerja kosong: tidak ada baris untuk diimpor"
    from openpyxl import Workbook

    Workbook().save(tmp_path / "e.xlsx")
    _one(tmp_path / "e.xlsx", "I004")


def test_not_a_spreadsheet(tmp_path):
    (tmp_path / "p.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert "berkas biner yang bukan .xlsx" in _one(tmp_path / "p.xlsx", "I002").message()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    (tmp_path / "z.xlsx").write_bytes(buf.getvalue())
    assert "arsip ZIP tanpa buku kerja Excel" in _one(tmp_path / "z.xlsx", "I002").message()
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04" + bytes(100))
    assert "arsip ZIP rusak" in _one(tmp_path / "b.xlsx", "I002").message()


def test_password_protected_workbook(tmp_path):
    # an encrypted OOXML file is an OLE compound document (EncryptionInfo + EncryptedPackage)
    (tmp_path / "kunci.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    d = _one(tmp_path / "kunci.xlsx", "I003")
    assert d.message() == "Buku kerja dilindungi kata sandi (terenkripsi) atau berformat lama .xls"


def test_formula_errors_and_formulas_without_values_are_located(tmp_path, books):
    import xlsxwriter

    path = tmp_path / "rumus.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Renja")
    head = ["Kode", "Program/Kegiatan", "Indikator", "Target 2024", "Pagu 2024"]
    for c, h in enumerate(head):
        ws.write_string(0, c, h)
    ws.write_row(1, 0, ["8.01.06", "Program Kewaspadaan", "Persentase konflik tertangani"])
    ws.write_formula(1, 3, "=1/0", None, "#DIV/0!")
    ws.write_number(1, 4, 1000)
    wb.close()
    out = import_file(path)
    (d,) = codes(out, "I008")
    assert (str(d.location), d.message()) == (f"{path}!Renja!D2", "Sel berisi galat rumus #DIV/0!: dibaca sebagai kosong")
    from openpyxl import Workbook

    wb2 = Workbook()
    ws2 = wb2.active
    ws2.title = "Renja"
    ws2.append(head)
    ws2.append(["8.01.06", "Program Kewaspadaan", "Persentase konflik tertangani", "=10/2", 1000])
    wb2.save(tmp_path / "tanpa-nilai.xlsx")
    out = import_file(tmp_path / "tanpa-nilai.xlsx")
    (d,) = codes(out, "I009")
    assert d.location.cell == "D2" and d.location.sheet == "Renja"


def test_a_100k_row_sheet_stops_at_the_limit_quickly(tmp_path):
    import xlsxwriter

    path = tmp_path / "besar.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["Kode", "Program", "Indikator", "Target 2024"])
    for r in range(1, 100_001):
        ws.write_row(r, 0, [f"8.01.{r % 99:02d}", f"Program {r}", "Jumlah dokumen", r])
    wb.close()
    start = time.perf_counter()
    out = import_file(path)
    elapsed = time.perf_counter() - start
    assert out.yaml is None and elapsed < 30
    (d,) = out.findings
    assert d.code == "I005" and d.location.sheet == "Data"
    assert d.message().startswith("Melebihi batas impor: lembar memuat")


def test_unknown_layout_lists_the_headers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Nama;Alamat\nBudi;Jl. Mawar\n", encoding="utf-8")
    out = import_file(path)
    (d,) = out.findings
    assert d.code == "I011" and "judul kolom yang ditemukan: Nama; Alamat" in d.message()


def _opts(**kw):
    from pohon.impor.layouts import Options

    return Options(**kw)


# -- layout 4: pohon's own tables ------------------------------------------------------------
def _shape(tree):
    return [(n.uraian, n.role_key, tree.parent(n.id).uraian if tree.parent(n.id) else None,
             [i.uraian for i in n.data.indikator]) for n in tree if not n.partner_handled]


@pytest.mark.parametrize("name", ["kesbangpol-balangan", "renja-kesbangpol-balangan-2022"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_pohon_matriks_table_imports_back_to_the_same_tree(tmp_path, name, fmt):
    """`pohon tabel --jenis matriks` → `pohon impor` → the same boxes, roles, parents, indicators
    (the table shows no ids, targets or pagu, and lists a box left to its partner only in a note
    under the table: those are not compared)."""
    source = ROOT / "trees" / f"{name}.yaml"
    table = tmp_path / f"matriks.{fmt}"
    r = run("tabel", source, "--jenis", "matriks", "-o", table)
    assert table.exists(), r.output
    original = check_file(source).tree
    out, tree = imported(table, options=_opts(periode=original.doc.periode))
    assert out.layout == "matriks"
    assert _shape(tree) == _shape(original)


def test_control_characters_in_cells_are_shown_and_located(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Rujukan tahapan;Kinerja;Indikator kinerja;Keterangan\n"
                    "tahap 1;Meningkatnya rasa aman\x1b[8m rahasia;Angka konflik;kinerja strategis skpd\r\n",
                    encoding="utf-8")
    out, tree = imported(path, options=_opts(periode="2024-2025"))
    (d,) = codes(out, "I037")
    assert str(d.location) == f"{path}!B2"
    assert tree.node("T1").uraian == "Meningkatnya rasa aman\u241b[8m rahasia"


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(410):
                fh.write(chunk)
    d = _one(path, "I005")
    assert d.message().startswith("Melebihi batas impor: isi buku kerja yang dibongkar terlalu besar")


def test_a_merge_over_the_whole_sheet_is_bounded(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Rujukan tahapan", "Kinerja", "Indikator kinerja", "Keterangan"])
    for i in range(3000):
        ws.append(["tahap 3", f"Terlaksananya hal {i}", "Jumlah hal", "kinerja operasional"])
    wb.save(tmp_path / "plain.xlsx")
    # the merge written straight into the sheet's XML (openpyxl's merge_cells makes a cell object
    # for each of the 588,000 covered cells: seconds spent building the fixture)
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, zipfile.ZipFile(tmp_path / "gabung.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="E1:GR3000"/>'
                                    b"</mergeCells>", 1)
                assert b"mergeCell ref" in data
            dst.writestr(item, data)
    start = time.perf_counter()
    out = import_file(tmp_path / "gabung.xlsx", options=_opts(periode="2024-2025"))
    assert time.perf_counter() - start < 60
    (d,) = codes(out, "I038")
    assert (d.location.cell, d.message()) == ("E1", "Sel gabungan melebihi batas 200000 sel: rentang ini dan sesudahnya "
                                                     "tidak diisi ke bawah")
    assert out.yaml is not None


def test_notes_in_english(books):
    out, tree = imported(books["000"], lang="en")
    assert 'Import I64: "4 Keg" split into a value and the unit "Keg"' in tree.node("SK8.01.06.2.01.03").data.indikator[1].catatan
    assert out.yaml.startswith("# Imported from renja-000.xlsx (layout renja, sheet T-C.33)")


def test_a_bad_period_is_a_usage_error(books):
    r = run("impor", books["003"], "--periode", "2021")
    assert r.exit_code == 2 and "--periode tidak valid" in r.output


def test_several_indicators_in_one_cell_get_their_own_targets(tmp_path):
    """As printed in T-C.33 (8.01.02.2.01.04): two indicators in one cell, "1 Keg 2 Keg" as targets."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target 2022", "Pagu 2022", "Target 2023"])
    ws.append(["8.01.02", "PROGRAM PENGUATAN IDEOLOGI PANCASILA DAN KARAKTER KEBANGSAAN", "Persentase Peran Aktif", "100%",
               "60,850,000", "100%"])
    ws.append(["8.01.02.2.01", "Perumusan kebijakan teknis", "Dokumen Rumusan Kebijakan", "1 Dok", "60,850,000", "1 Dok"])
    ws.append(["8.01.02.2.01.04", "Pelaksanaan Koordinasi di Bidang Ideologi Pancasila dan Karakter Kebangsaan",
               "Jumlah koordinasi gugus tugas GNRM yang dilaksanakan\nJumlah fasilitasi pelaksanaan Forum Pembauran Kebangsaan",
               "1 Keg 2 Keg", "60,850,000", "1 Keg\n2 Keg"])
    wb.save(tmp_path / "dua.xlsx")
    out, tree = imported(tmp_path / "dua.xlsx")
    inds = tree.node("SK8.01.02.2.01.04").data.indikator
    assert [(i.uraian, i.satuan, i.target) for i in inds] == [
        ("Jumlah koordinasi gugus tugas GNRM yang dilaksanakan", "Keg", {2022: 1, 2023: 1}),
        ("Jumlah fasilitasi pelaksanaan Forum Pembauran Kebangsaan", "Keg", {2022: 2, 2023: 2})]
    assert [d.location.cell for d in codes(out, "I036")] == ["C4"]
    (d,) = codes(out, "I039")
    assert (d.location.cell, d.message()) == ("D4", '"1 Keg 2 Keg": 2 nilai dibagikan berurutan ke 2 indikator sel itu')


def test_a_value_in_the_notes_column_of_a_continuation_row_is_kept(books):
    _, tree = imported(books["000"])
    ind = tree.node("SK8.01.03.2.01.03").data.indikator[1]
    assert ind.uraian == "Jumlah pembinaan Etika Budaya Politik bagi Parpol"
    assert ind.catatan.startswith("1 Keg\nImpor G47: Baris tanpa kode dibaca sebagai indikator tambahan")
