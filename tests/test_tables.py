"""`pohon tabel`: the six cascade tables in XLSX, CSV, Markdown and HTML."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.cli import main
from pohon.loader.load import load_tree
from pohon.render.tables import kinds as kinds_pkg
from pohon.render.tables.build import build
from pohon.render.tables.terbilang import terbilang
from pohon.render.tables.writers import grid

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "tables"
RENJA = ROOT / "trees" / "renja-kesbangpol-balangan-2022.yaml"
KECIL = FIX / "kecil.yaml"
METRO = FIX / "rencana-aksi-metro.yaml"
JENIS = tuple(kinds_pkg.kinds())  # in their order: matriks, renstra, renja, pk, skp, rencana-aksi, iku


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _xlsx(tmp_path, tree, jenis, *extra):
    out = tmp_path / f"{jenis}.xlsx"
    res = run("tabel", tree, "--jenis", jenis, "-o", out, *extra)
    return res, out


# -- terbilang --------------------------------------------------------------------------------

@pytest.mark.parametrize("n,words", [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (15, "lima belas"), (100, "seratus"),
    (111, "seratus sebelas"), (1000, "seribu"), (1001, "seribu satu"), (21000, "dua puluh satu ribu"),
    (1000000, "satu juta"), (1000000000, "satu miliar"), (2000000000000, "dua triliun"),
    (4497496565, "empat miliar empat ratus sembilan puluh tujuh juta empat ratus sembilan puluh enam ribu "
                 "lima ratus enam puluh lima"),
    (5328770000, "lima miliar tiga ratus dua puluh delapan juta tujuh ratus tujuh puluh ribu"),
])
def test_terbilang(n, words):
    assert terbilang(n) == words + " rupiah"
    assert terbilang(n, currency="") == words


def test_terbilang_sen():
    assert terbilang(Decimal("1500.50")) == "seribu lima ratus rupiah lima puluh sen"


# -- grids are well formed ----------------------------------------------------------------------

@pytest.mark.parametrize("jenis", JENIS)
@pytest.mark.parametrize("tree", [RENJA, KECIL, METRO], ids=["renja", "kecil", "metro"])
def test_every_grid_is_covered_exactly(jenis, tree):
    res = load_tree(tree)
    doc = build(jenis, res.tree)
    for sec in doc.sections:
        for rows in (sec.header, sec.rows):
            covered = [[0] * sec.ncols for _ in rows]
            for i, row in enumerate(rows):
                assert len(row) == sec.ncols
                for j, cell in enumerate(row):
                    if cell is None:
                        continue
                    for di in range(cell.rowspan):
                        for dj in range(cell.colspan):
                            covered[i + di][j + dj] += 1
            assert all(c == 1 for r in covered for c in r), (jenis, sec.name)
        assert all(None not in r for r in grid(sec))


# -- the registry of table kinds ------------------------------------------------------------------

def test_kinds_are_the_modules_of_the_kinds_package():
    modules = sorted(p.stem for p in Path(kinds_pkg.__file__).parent.glob("*.py") if not p.stem.startswith("_"))
    assert kinds_pkg.names() == tuple(m.replace("_", "-") for m in modules)
    assert JENIS == ("matriks", "renstra", "renja", "pk", "skp", "rencana-aksi", "iku", "capaian", "anggaran",
                     "efisiensi", "monitoring")
    from pohon.catalogue import has_message, t

    for name, kind in kinds_pkg.kinds().items():
        assert kind.name == name and callable(kind.build)
        assert has_message(kind.help) and t(kind.help, "id") != t(kind.help, "en")


def test_jenis_choices_and_help_come_from_the_registry():
    text = " ".join(run("tabel", "--help").output.split())
    assert "[" + "|".join(JENIS) + "]" in text
    assert "iku (indikator kinerja utama (manual IKU))" in text and "pk (Perjanjian Kinerja per jabatan)" in text


def test_pohon_help_imports_no_table_kind():
    code = ("import sys; from click.testing import CliRunner; from pohon.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0; "
            "print(sorted(m for m in sys.modules if m.startswith(('pohon.render.tables.', 'openpyxl', 'pohon.mapping'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_new_kind_is_one_module(tmp_path, monkeypatch):
    (tmp_path / "daftar_simpul.py").write_text(
        "from pohon.render.tables.common import Input, head\n"
        "from pohon.render.tables.kinds import TableKind\n"
        "from pohon.render.tables.model import Cell, Section, TableDoc\n"
        "def build(inp: Input) -> TableDoc:\n"
        "    rows = [[Cell(n.id), Cell(n.uraian)] for n in inp.tree.walk()]\n"
        "    return TableDoc('daftar-simpul', 'Daftar', '', [Section('Daftar', [], [[head('Id'), head('Uraian')]],"
        " ['Id', 'Uraian'], [8, 40], rows)])\n"
        "KIND = TableKind('daftar-simpul', build, 'tabel_help_iku')\n", encoding="utf-8")
    monkeypatch.setattr(kinds_pkg, "__path__", [*kinds_pkg.__path__, str(tmp_path)])
    kinds_pkg.names.cache_clear()
    kinds_pkg.kinds.cache_clear()
    try:
        assert "daftar-simpul" in kinds_pkg.names()
        doc = build("daftar-simpul", load_tree(KECIL).tree)
        assert [r[0].value for r in doc.sections[0].rows][:2] == ["T1", "S1"]
    finally:
        monkeypatch.undo()
        kinds_pkg.names.cache_clear()
        kinds_pkg.kinds.cache_clear()
    with pytest.raises(ValueError):
        build("daftar-simpul", load_tree(KECIL).tree)


# -- Renja/Renstra in XLSX (the forms themselves: tests/test_forms_plan.py) ---------------------------

def test_renja_xlsx_layout(tmp_path):
    res, out = _xlsx(tmp_path, RENJA, "renja")
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    head = next(i for i, r in enumerate(values) if r[0] == "Kode")
    assert values[head + 1][:5] == ["Urusan", "Bidang Urusan", "Program", "Kegiatan", "Sub Kegiatan"]
    assert values[head + 2][0] == "(1)" and values[head + 2][5] == "(2)"
    total_row = next(r for r in values if r[0] == "JUMLAH")
    assert total_row[9] == 4497496565 and total_row[13] == 5328770000
    # merged: the Kode heading over five columns, a sub kegiatan's pagu over its indicator rows
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    assert (head + 1, 1, head + 1, 5) in merges
    assert any(c0 == 10 and c1 == 10 and r1 > r0 for r0, c0, r1, c1 in merges)
    # layout: frozen header, A4 landscape, repeated header rows, formats
    assert ws.freeze_panes == f"A{head + 4}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == f"${head + 1}:${head + 3}"
    pagu_cell = ws.cell(row=values.index(total_row) + 1, column=10)
    assert pagu_cell.number_format == "#,##0" and pagu_cell.font.b
    notes = [r[0] for r in values if isinstance(r[0], str) and r[0].startswith("Jumlah pagu indikatif")]
    assert notes == ["Jumlah pagu indikatif tahun 2022: Rp 4.497.496.565 (empat miliar empat ratus sembilan puluh "
                     "tujuh juta empat ratus sembilan puluh enam ribu lima ratus enam puluh lima rupiah)."]


def test_renja_shared_note_in_english():
    res = run("tabel", METRO, "--jenis", "renja", "--lang", "en")
    assert "Sub-activity (Sub Kegiatan) 8.01.05.2.01.0003 is used by SK1 and SK2; its budget is counted once." in res.output
    assert "dipakai" not in res.output and "kotak" not in res.output


def test_xlsx_is_deterministic(tmp_path):
    a = tmp_path / "a.xlsx"
    b = tmp_path / "b.xlsx"
    run("tabel", RENJA, "--jenis", "matriks", "-o", a)
    run("tabel", RENJA, "--jenis", "matriks", "-o", b)
    assert a.read_bytes() == b.read_bytes()


# -- other kinds ----------------------------------------------------------------------------

def test_matriks_rows(tmp_path):
    res, out = _xlsx(tmp_path, KECIL, "matriks")
    assert res.exit_code == 0, res.output
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "No")
    body = rows[head + 1: head + 6]
    assert [r[1] for r in body] == ["Tahap 1", "Tahap 2", "Tahap 3", "Tahap 3", "Tahap 3"]
    # the component worded as source 003 does, the nomenclature below it when coded
    assert body[1][6] == "Sasaran Strategis" and body[2][6].startswith("Sasaran Program\n8.01.05 ")
    assert body[3][7] == "PK/SKP Pengawas"  # classic profile
    assert body[2][7].startswith("PK/SKP Administrator\nKepala Bidang")
    assert body[0][7].startswith("—\ntanpa PK")  # the outcome is the organisation's Tujuan


def test_pk_one_sheet_per_position(tmp_path):
    res, out = _xlsx(tmp_path, KECIL, "pk", "--tahun", "2024")
    assert res.exit_code == 0
    wb = openpyxl.load_workbook(out)
    names = wb.sheetnames
    assert names[0] == "Kepala Badan" and "Kepala Bidang Ketahanan Ekonomi" in names[1]
    ws = wb["Kepala Badan"]
    vals = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "Dra. Contoh, MM" in vals and "Meningkatnya Kerukunan Umat Beragama" in vals and "70%" in vals


def test_pk_head_of_organisation_signs(tmp_path):
    """`organisasi.kepala` (source 004: Dra. ROSITA, MM) signs the JPT's PK and is Pihak Kedua
    of the Administrator PKs; the Administrator's own holder is Pihak Pertama."""
    res, out = _xlsx(tmp_path, METRO, "pk")
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    head = [c for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Dra. ROSITA, MM" in head
    # both parties: the Kepala Daerah (from `pemda`, name to fill) and the head
    assert "Pihak Kedua" in head and "Pihak Pertama" in head and "NIP 19700315 199003 2 001" in head
    ws = wb.worksheets[1]
    rows = [r for r in ws.iter_rows(values_only=True) if any(r)]
    blocks = rows[max(i for i, r in enumerate(rows) if "Pihak Kedua" in r):]  # the attachment's signatures
    assert [r[1] for r in blocks if r[1]] == ["Pihak Kedua", "Kepala Badan Kesatuan Bangsa dan Politik",
                                              "Dra. ROSITA, MM", "NIP 19700315 199003 2 001"]
    assert [r[2] for r in blocks if r[2]] == ["Pihak Pertama", "Kepala Bidang Ketahanan Ekonomi Sosial dan Budaya",
                                              "Dra. LISMANIA AMPARAWATI"]
    md = run("tabel", METRO, "--jenis", "pk").output
    assert md.count("Pihak Kedua: Kepala Badan Kesatuan Bangsa dan Politik, Dra. ROSITA, MM") == 6  # 3 Kepala Bidang × (statement, attachment)
    # the kegiatan of different Kepala Bidang are not pooled in one "JF" PK: each unnamed JF
    # (one per kegiatan with its sub kegiatan) is signed with the Kepala Bidang above it
    assert "(jabatan belum ditulis)" not in md
    assert md.count("Pihak Pertama: JF (jabatan belum ditulis, kotak K") == 10  # five JF, each signing the statement and the attachment
    assert ("Pihak Kedua: Kepala Bidang Politik Dalam Negeri dan Ormas, I KETUT GEDE PARTITO, S.Sos  \n"
            "Pihak Pertama: JF (jabatan belum ditulis, kotak K4)\n") in md
    html = run("tabel", METRO, "--jenis", "pk", "--format", "html").output
    assert html.count('<div class="name">Dra. ROSITA, MM</div>') == 8  # 4 PK × (statement, attachment)
    en = run("tabel", METRO, "--jenis", "pk", "--lang", "en").output
    assert "Second party: Kepala Badan Kesatuan Bangsa dan Politik, Dra. ROSITA, MM" in en and "Pihak" not in en


def test_pk_holder_name_comes_before_kepala(tmp_path):
    text = KECIL.read_text(encoding="utf-8")
    both = tmp_path / "both.yaml"
    both.write_text(text.replace('  urusan: "8.01"\n', '  urusan: "8.01"\n  kepala: "Dr. Kepala Lain"\n'), encoding="utf-8")
    only = tmp_path / "only.yaml"
    only.write_text(text.replace('  urusan: "8.01"\n', '  urusan: "8.01"\n  kepala: "Dr. Kepala Lain"\n')
                    .replace(', pemegang: "Dra. Contoh, MM"', ""), encoding="utf-8")
    assert "Pihak Pertama: Kepala Badan, Dra. Contoh, MM" in run("tabel", both, "--jenis", "pk").output
    out = run("tabel", only, "--jenis", "pk").output
    assert "Pihak Pertama: Kepala Badan, Dr. Kepala Lain" in out and "Pihak Kedua: Kepala Badan, Dr. Kepala Lain" in out
    bare = run("tabel", KECIL, "--jenis", "pk", "--format", "csv").output
    assert "Pihak Kedua,Kepala Badan,\"Dra. Contoh, MM\"," in bare


def test_skp_names_superior_result(tmp_path):
    res, out = _xlsx(tmp_path, KECIL, "skp")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Kepala Badan"  # the head's SKP (JPT form, with Perspektif)
    rows = list(wb.worksheets[1].iter_rows(values_only=True))
    row = next(r for r in rows if r[2] == "Meningkatnya Ketahanan Ekonomi, Sosial dan Budaya")
    assert row[1] == "Meningkatnya Kerukunan Umat Beragama" and row[3] == "Kuantitas"


def test_rencana_aksi_quarters(tmp_path):
    res, out = _xlsx(tmp_path, KECIL, "rencana-aksi", "--tahun", "2024")
    wb = openpyxl.load_workbook(out)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    row = next(r for r in rows if r[10] == "Persentase Rapat Koordinasi Antarumat Beragama yang Terlaksana")
    assert row[11:17] == ("%", 15, 25, 15, 15, 70)
    assert row[17].startswith("1. Rapat koordinasi") and row[18] == 109000000 and row[19] == "Dra. LISMANIA AMPARAWATI"
    assert len(wb.sheetnames) >= 2 and wb.sheetnames[1] == "Jadwal 2024"


def test_iku_lists_outcome_and_csf(tmp_path):
    res = run("tabel", RENJA, "--jenis", "iku", "--format", "csv")
    lines = res.output.lstrip("\ufeff").splitlines()
    assert any(l.startswith("1,Terwujudnya Kerukunan") for l in lines)
    assert sum(1 for l in lines if "Kepala Badan Kesatuan Bangsa dan Politik" in l) == 5


# -- text formats ------------------------------------------------------------------------------

def test_csv_bom_and_semicolon(tmp_path):
    out = tmp_path / "r.csv"
    res = run("tabel", RENJA, "--jenis", "renja", "-o", out, "--sep", ";")
    assert res.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    total = next(l for l in text.splitlines() if l.startswith("JUMLAH"))
    assert total.endswith(";4497496565;;;;5328770000")
    assert "64,6" in text


def test_markdown_to_stdout_and_html(tmp_path):
    res = run("tabel", KECIL, "--jenis", "matriks")
    assert res.exit_code == 0 and res.output.startswith("# Matriks Cascading Pohon Kinerja")
    assert "| No | Rujukan Tahap |" in res.output
    out = tmp_path / "m.html"
    res = run("tabel", RENJA, "--jenis", "renstra", "-o", out)
    html = out.read_text(encoding="utf-8")
    assert res.exit_code == 0 and 'rowspan="' in html and "4.497.496.565" in html and "<thead>" in html


def test_english(tmp_path):
    res = run("tabel", KECIL, "--jenis", "iku", "--lang", "en")
    assert "Key Performance Indicators" in res.output and "Performance indicator" in res.output


def test_user_template_dir(tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "table.md.j2").write_text("JUDUL: {{ doc.title }} / {{ doc.sections|length }}\n", encoding="utf-8")
    res = run("tabel", KECIL, "--jenis", "pk", "--template-dir", tmp_path / "tpl")
    assert res.output == "JUDUL: Perjanjian Kinerja Tahun 2024 / 5\n"  # the two sub kegiatan of a Pengawas: two JF/JP


# -- exit codes and bad input ------------------------------------------------------------------

def test_usage_errors(tmp_path):
    assert run("tabel", KECIL, "--jenis", "matriks", "--format", "xlsx").exit_code == 2
    assert run("tabel", KECIL, "--jenis", "bogus").exit_code == 2
    assert run("tabel", KECIL, "--jenis", "pk", "--tahun", "2031").exit_code == 2
    assert run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / "x.txt").exit_code == 2
    out = tmp_path / "m.md"
    assert run("tabel", KECIL, "--jenis", "matriks", "-o", out).exit_code == 0
    res = run("tabel", KECIL, "--jenis", "matriks", "-o", out)
    assert res.exit_code == 2 and "--force" in res.output
    assert run("tabel", KECIL, "--jenis", "matriks", "-o", out, "--force").exit_code == 0


def test_bad_pagu_still_renders_with_mark(tmp_path):
    res, out = _xlsx(tmp_path, FIX / "pagu-salah.yaml", "renja")
    assert res.exit_code == 1
    assert "K006" in res.output and "pagu-salah.yaml:24:30" in res.output
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    marked = [c for row in ws.iter_rows() for c in row if c.comment is not None]
    assert any("K006" in c.comment.text and "6.207.603.700" in c.comment.text for c in marked)
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "JUMLAH")
    assert total[9] == 6207603700  # the sum of the sub kegiatan counts
    assert "Catatan pemeriksaan" in wb.sheetnames


def test_bad_code_marked_in_markdown():
    res = run("tabel", FIX / "kode-salah.yaml", "--jenis", "renstra")
    assert res.exit_code == 1
    assert "3.27.06.2.01.05" in res.output and "⚠" in res.output and "K001" in res.output


def test_unmapped_profile_marked(tmp_path):
    res = run("tabel", FIX / "profil-salah.yaml", "--jenis", "matriks")
    assert res.exit_code == 1 and "K007" in res.output
    row = next(l for l in res.output.splitlines() if l.startswith("| 5 |"))
    assert "— ⚠" in row


def test_unloadable_tree_exit_1(tmp_path):
    p = tmp_path / "rusak.yaml"
    p.write_text("pohon: 1\norganisasi: [\n", encoding="utf-8")
    res = run("tabel", p, "--jenis", "matriks")
    assert res.exit_code == 1 and "F001" in res.output


# -- LibreOffice opens every XLSX ----------------------------------------------------------------

def test_libreoffice_converts_every_table(tmp_path, soffice):
    files = []
    for jenis in JENIS:
        res, out = _xlsx(tmp_path, RENJA, jenis)
        assert res.exit_code == 0
        files.append(out)
    bad = tmp_path / "pagu-salah.xlsx"
    assert run("tabel", FIX / "pagu-salah.yaml", "--jenis", "renstra", "-o", bad).exit_code == 1
    files.append(bad)
    pdf_dir = tmp_path / "pdf"
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                           "pdf", "--outdir", str(pdf_dir), *map(str, files)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    for f in files:
        pdf = pdf_dir / (f.stem + ".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), f
        assert pdf.stat().st_size > 5000
