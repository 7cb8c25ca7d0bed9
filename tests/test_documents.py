"""The hand-in documents' engine: PDF (typst), DOCX (python-docx), the blocks of a section in
every writer, the letterhead, templates, every kind in one workbook and one file per section."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pohon.cli import main

ROOT = Path(__file__).resolve().parent.parent
TREES = ROOT / "trees"
KESBANG = TREES / "kesbangpol-balangan.yaml"
RENJA = TREES / "renja-kesbangpol-balangan-2022.yaml"
KECIL = ROOT / "tests" / "fixtures" / "tables" / "kecil.yaml"
KINDS = ("matriks", "renstra", "renja", "pk", "skp", "rencana-aksi", "iku", "capaian", "anggaran", "efisiensi",
         "monitoring")
PORTRAIT = ("pk", "skp")  # the letter-like forms; the matrices are landscape
HOSTILE = "#set page(fill: red) $x$ *b* ] \\ @ref <lab> =cmd|' /C calc'!A0 <script>alert(1)</script>"


def _png(size: int = 8) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xc0\x20\x20" * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PNG = _png()


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing (CI=true: scripts/install-system-deps.sh installs it)")
        pytest.skip(f"{name} is not installed (scripts/install-system-deps.sh installs it)")
    return found


def pdf_text(path: Path) -> str:
    return subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_info(path: Path) -> dict:
    out = subprocess.run([tool("pdfinfo"), "-f", "1", "-l", "1000", str(path)], capture_output=True, text=True,
                         check=True).stdout
    info = {"sizes": re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)}
    info["pages"] = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return info


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    out = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    return [(r.split()[0], r.split()[-5]) for r in rows if r.strip()]


def tree_with(tmp_path: Path, name: str = "t.yaml", **org) -> Path:
    data = yaml.safe_load(KECIL.read_text(encoding="utf-8"))
    data["organisasi"].update(org)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def source_for(kind: str) -> Path:
    return RENJA if kind in ("renstra", "renja") else KESBANG


def test_kinds_are_those_tested():
    from pohon.render.tables.kinds import kinds

    assert sorted(kinds()) == sorted(KINDS)


def title_of(kind: str, lang: str = "id") -> str:
    """The title a document prints: the form's own (PK, SKP), else the table's."""
    from pohon.render.tables.blocks import own_title
    from pohon.render.tables.service import make_doc
    from pohon.ukur import measured

    doc = make_doc(measured(source_for(kind)), kind, None, lang)
    return doc.sections[0].before[0].text if own_title(doc.sections[0]) else doc.title


# -- PDF --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_as_pdf(tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    res = run("tabel", source_for(kind), "--jenis", kind, "-o", out)
    assert res.exit_code in (0, 1) and out.exists(), res.output
    info = pdf_info(out)
    assert info["pages"] >= 1
    landscape = kind not in PORTRAIT
    for w, h in info["sizes"]:  # A4, the form's orientation on every page
        assert sorted((round(float(w)), round(float(h)))) == [595, 842]
        assert (float(w) > float(h)) == landscape, (kind, w, h)
    text = " ".join(pdf_text(out).split())
    assert " ".join(title_of(kind).upper().split()) in text
    assert "Badan Kesatuan Bangsa dan Politik Kabupaten Balangan".upper() in text.upper()
    assert re.search(r"Halaman 1 dari \d+", text)
    fonts = pdf_fonts(out)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts


def test_pdf_pk_one_agreement_per_position_with_page_numbers(tmp_path):
    out = tmp_path / "pk.pdf"
    run("tabel", KESBANG, "--jenis", "pk", "-o", out)
    text = pdf_text(out)
    pages = text.split("\f")
    assert pdf_info(out)["pages"] == 23  # 11 positions (statement and attachment), then the check findings
    assert all(re.search(rf"Halaman {1 + k % 2} dari 2\s*$", p.strip()) for k, p in enumerate(pages[:22]))
    assert "Pihak Pertama" in pages[0] and "Ir. ANSYARULLAH, M.AP" in pages[0]
    raw = out.read_bytes()  # a bookmark per agreement
    assert re.search(rb"/Type\s*/Outlines\s*/First \d+ 0 R\s*/Last \d+ 0 R\s*/Count 11", raw)
    assert b"/Title(Kepala Badan Kesatuan Bangsa dan Politik)" in raw  # the position's full name


def test_pdf_deterministic_and_f4(tmp_path):
    from pohon.app import check_file
    from pohon.render.tables.pdf import TEMPLATE, to_pdf
    from pohon.render.tables.service import make_doc
    from pohon.templatefiles import default_template

    checked = check_file(KECIL)
    a = to_pdf(make_doc(checked, "pk"), default_template(TEMPLATE))
    b = to_pdf(make_doc(checked, "pk"), default_template(TEMPLATE))
    assert a == b and a.startswith(b"%PDF-")
    doc = make_doc(checked, "renstra")
    doc.paper = "F4"
    (tmp_path / "f4.pdf").write_bytes(to_pdf(doc, default_template(TEMPLATE)))
    # 330 × 215 mm, landscape
    assert {(round(float(w), 1), round(float(h), 1)) for w, h in pdf_info(tmp_path / "f4.pdf")["sizes"]} == {
        (935.4, 609.4)}


def test_cli_pdf_bytes_identical_twice(tmp_path):
    for name in ("a.pdf", "b.pdf", "a.docx", "b.docx", "a.xlsx", "b.xlsx"):
        assert run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / name).exit_code == 0
    for ext in ("pdf", "docx", "xlsx"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes(), ext


# -- hostile text -----------------------------------------------------------------------------

def hostile_tree(tmp_path: Path) -> Path:
    data = yaml.safe_load(KECIL.read_text(encoding="utf-8"))
    data["kinerja"][0]["cabang"][0]["uraian"] = HOSTILE
    data["organisasi"]["kop"] = {"alamat": "Jl. #emph[x] $y$ No. 1", "kota": "Kota ]Contoh["}
    path = tmp_path / "jahat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_hostile_text_prints_literally_in_pdf(tmp_path):
    tree = hostile_tree(tmp_path)
    out = tmp_path / "pk.pdf"
    res = run("tabel", tree, "--jenis", "pk", "-o", out)
    assert res.exit_code in (0, 1), res.output
    text = pdf_text(out)
    flat = "".join(text.split())
    assert "".join(HOSTILE.split()) in flat
    assert "Jl.#emph[x]$y$No.1" in flat
    assert pdf_info(out)["pages"] >= 1


def test_hostile_text_in_docx_is_text(tmp_path):
    import docx

    tree = hostile_tree(tmp_path)
    out = tmp_path / "pk.docx"
    run("tabel", tree, "--jenis", "pk", "-o", out)
    d = docx.Document(str(out))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert any(HOSTILE in c for c in cells)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert "fldSimple" not in xml and "instrText" not in xml  # no field from the tree


def test_hostile_text_in_html_and_md(tmp_path):
    tree = hostile_tree(tmp_path)
    html = run("tabel", tree, "--jenis", "pk", "--format", "html").output
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = run("tabel", tree, "--jenis", "pk").output
    assert "<script>" not in md


# -- DOCX -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_as_docx(tmp_path, kind):
    import docx
    from docx.enum.section import WD_ORIENT
    out = tmp_path / f"{kind}.docx"
    res = run("tabel", source_for(kind), "--jenis", kind, "-o", out)
    assert res.exit_code in (0, 1) and out.exists(), res.output
    d = docx.Document(str(out))
    sec = d.sections[0]
    landscape = kind not in PORTRAIT
    assert (sec.orientation == WD_ORIENT.LANDSCAPE) == landscape
    assert sorted([round(sec.page_width.mm), round(sec.page_height.mm)]) == [210, 297]
    assert (sec.page_width > sec.page_height) == landscape
    assert d.tables, kind
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert '<w:tblHeader w:val="true"/>' in xml  # header rows repeat on every page
    footer = zipfile.ZipFile(out).read("word/footer1.xml").decode("utf-8") if "word/footer1.xml" in zipfile.ZipFile(
        out).namelist() else "".join(zipfile.ZipFile(out).read(n).decode("utf-8") for n in zipfile.ZipFile(out).namelist()
                                     if n.startswith("word/footer"))
    assert 'w:instr="PAGE"' in footer
    props = d.core_properties
    assert props.created.year == 2000 and props.modified.year == 2000 and props.author == "pohon"
    assert {i.date_time for i in zipfile.ZipFile(out).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert round(sec.page_width.mm) == (297 if landscape else 210)


def test_docx_merged_cells_and_signatures(tmp_path):
    import docx

    out = tmp_path / "renstra.docx"
    run("tabel", RENJA, "--jenis", "renstra", "-o", out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert xml.count('<w:vMerge w:val="restart"/>') > 10 and xml.count("<w:gridSpan") > 3
    table = docx.Document(str(out)).tables[-1]
    assert table.cell(0, 0).text == table.cell(1, 0).text  # a header cell over two rows
    out = tmp_path / "pk.docx"
    run("tabel", KESBANG, "--jenis", "pk", "-o", out)
    d = docx.Document(str(out))
    texts = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert any("Pihak Pertama" in x and "Ir. ANSYARULLAH, M.AP" in x for x in texts)


def test_every_docx_converts_with_libreoffice(tmp_path):
    """Every kind's DOCX opens in LibreOffice (one conversion run for all of them), keeps its
    orientation and prints its title; the PK has a page per position and both parties."""
    soffice = tool("soffice")
    files = []
    for kind in KINDS:
        src = tmp_path / f"{kind}.docx"
        assert run("tabel", source_for(kind), "--jenis", kind, "-o", src).exit_code in (0, 1)
        files.append(src)
    res = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                          "pdf", "--outdir", str(tmp_path / "lo-out"), *map(str, files)], capture_output=True,
                         text=True, timeout=300)
    for kind in KINDS:
        out = tmp_path / "lo-out" / f"{kind}.pdf"
        assert out.exists(), (kind, res.stderr)
        w, h = (float(x) for x in pdf_info(out)["sizes"][0])
        assert (w > h) == (kind not in PORTRAIT), kind
        assert " ".join(title_of(kind).upper().split()) in " ".join(pdf_text(out).upper().split()), kind
    pk = tmp_path / "lo-out" / "pk.pdf"
    assert pdf_info(pk)["pages"] >= 11  # a PK per position, each on its own page
    assert "PERJANJIAN KINERJA TAHUN 2022" in pdf_text(pk) and "Pihak Kedua" in pdf_text(pk)


def test_docx_reference_document_from_template_dir(tmp_path):
    import docx

    folder = tmp_path / "tpl"
    folder.mkdir()
    ref = docx.Document()
    ref.add_paragraph("isi lama yang dikosongkan")
    ref.save(str(folder / "document.docx"))
    out = tmp_path / "pk.docx"
    assert run("tabel", KECIL, "--jenis", "pk", "-o", out, "--template-dir", folder).exit_code == 0
    assert "isi lama" not in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    (folder / "document.docx").write_bytes(b"not a zip")
    res = run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / "y.docx", "--template-dir", folder)
    assert res.exit_code == 2 and res.output == (
        f"pohon: {folder}/document.docx:0: templat tidak dapat dipakai: bukan dokumen Word .docx (BadZipFile)\n")


# -- blocks of a section in every writer ------------------------------------------------------

def blocks_doc():
    from pohon.render.tables.model import (Cell, Letterhead, PageBreak, Paragraph, Section, Signature, Signatures,
                                           Table, TableDoc)

    head = [[Cell("No", style="head"), Cell("Program", style="head"), Cell("Anggaran", style="head")]]
    rows = [[Cell(1, kind="center"), Cell("Program Satu"), Cell(1500000, kind="rupiah")]]
    extra = Table([[Cell("Program/Kegiatan", style="head", colspan=2), None]], ["Program", "Anggaran"], [30, 20],
                  [[Cell("Program Dua"), Cell(2500000, kind="rupiah")], [Cell("Jumlah", style="total"),
                                                                        Cell(2500000, kind="rupiah", style="total")]],
                  ["Tabel tambahan"])
    sec = Section("Satu", ["Jabatan: Kepala"], head, ["No", "Program", "Anggaran"], [5, 40, 20], rows,
                  before=[Paragraph("Pernyataan pembuka perjanjian.", "center")],
                  after=[extra, Paragraph("Catatan penutup.", "small"), PageBreak(),
                         Signatures([Signature("Mengetahui", "Sekretaris", "Budi", "1970")], "Paringin, 2 Januari 2024")],
                  signatures=[Signature("Pihak Kedua", "Bupati", "Ani"), Signature("Pihak Pertama", "Kepala", "Cici",
                                                                                   "1980")],
                  place_date="Paringin, 3 Januari 2024")
    return TableDoc("pk", "Perjanjian Kinerja Tahun 2024", "Dinas Contoh", [sec],
                    letterhead=Letterhead("Pemerintah Kabupaten Contoh", "Dinas Contoh", "Jl. Satu No. 2",
                                          "Telp. 123", "Paringin", PNG, "png"))


BLOCK_TEXTS = ["Pernyataan pembuka perjanjian.", "Tabel tambahan", "Program Dua", "Catatan penutup.",
               "Paringin, 2 Januari 2024", "Paringin, 3 Januari 2024", "Mengetahui", "Pihak Pertama", "Cici"]


def test_blocks_in_html_md_csv():
    from pohon.render.tables.writers import to_csv, to_html, to_markdown

    html = to_html(blocks_doc())
    md = to_markdown(blocks_doc())
    csv = to_csv(blocks_doc()).decode("utf-8-sig")
    for text in BLOCK_TEXTS:
        assert text in html and text in md and text in csv, text
    assert html.index("Pernyataan pembuka") < html.index("Program Satu") < html.index("Program Dua") < html.index(
        "Paringin, 3 Januari")
    assert 'class="pagebreak"' in html and "PEMERINTAH" not in html and "Pemerintah Kabupaten Contoh" in html
    assert 'src="data:image/png;base64,' in html and "@page { size: A4 portrait;" in html
    assert md.index("Pernyataan pembuka") < md.index("| 1 | Program Satu |") < md.index("Program Dua")
    assert csv.index("Pernyataan pembuka") < csv.index("Program Satu") < csv.index("Program Dua")


def test_blocks_in_xlsx():
    import openpyxl

    from pohon.render.tables.xlsx import to_xlsx

    doc = blocks_doc()
    doc.orientation, doc.paper = "landscape", "F4"
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc))).worksheets[0]
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    for text in BLOCK_TEXTS:
        assert any(text in v for v in values), text
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 14  # Folio 8½ × 13 in
    assert ws.print_title_rows and ws.oddFooter.right.text == "Halaman &P / &N"
    assert len(ws.row_breaks.brk) == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    # the two-column block spreads over the sheet's three columns in proportion (30:20 on 5, 40, 20)
    dua = next(c for row in ws.iter_rows() for c in row if c.value == "Program Dua")
    assert f"A{dua.row}:B{dua.row}" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.page_setup.fitToHeight == 0  # as many pages down as needed, one across


def test_blocks_in_pdf_and_docx(tmp_path):
    import docx

    from pohon.render.tables.docx import to_docx
    from pohon.render.tables.pdf import TEMPLATE, to_pdf
    from pohon.templatefiles import default_template

    (tmp_path / "b.pdf").write_bytes(to_pdf(blocks_doc(), default_template(TEMPLATE)))
    text = pdf_text(tmp_path / "b.pdf")
    flat = " ".join(text.split())
    for t in BLOCK_TEXTS:
        assert t in flat, t
    assert "PEMERINTAH KABUPATEN CONTOH" in flat
    assert pdf_info(tmp_path / "b.pdf")["pages"] == 2  # the page break
    d = docx.Document(io.BytesIO(to_docx(blocks_doc())))
    body = "\n".join(p.text for p in d.paragraphs) + "\n".join(
        c.text for t in d.tables for row in t.rows for c in row.cells)
    for t in BLOCK_TEXTS:
        assert t in body, t
    assert len(d.inline_shapes) == 1  # the logo


# -- letterhead -------------------------------------------------------------------------------

def test_letterhead_from_tree_with_logo(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    tree = tree_with(tmp_path, pemda="Kota Contoh", kop={"logo": "logo.png", "alamat": "Jl. Merdeka 1",
                                                         "telepon": "(0511) 1", "kota": "Contoh"})
    out = tmp_path / "pk.pdf"
    res = run("tabel", tree, "--jenis", "pk", "-o", out)
    assert res.exit_code == 0, res.output
    text = " ".join(pdf_text(out).split())
    assert "PEMERINTAH KOTA CONTOH" in text and "Jl. Merdeka 1" in text and "Telp" not in text
    assert "(0511) 1" in text
    images = subprocess.run([tool("pdfimages"), "-list", str(out)], capture_output=True, text=True).stdout
    assert len(images.splitlines()) > 2


def test_unusable_logo_is_a_located_warning(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"GIF89a not a png")
    tree = tree_with(tmp_path, kop={"logo": "logo.png"})
    line = next(i for i, x in enumerate(tree.read_text().splitlines(), 1) if "logo:" in x)
    res = run("tabel", tree, "--jenis", "pk", "-o", tmp_path / "pk.pdf")
    assert res.exit_code == 0 and (tmp_path / "pk.pdf").exists()
    assert f"{tree}:{line}:" in res.output and "D050" in res.output
    assert "Logo kop surat logo.png tidak dipakai: bukan berkas PNG atau JPEG yang utuh" in res.output
    res = run("tabel", tree_with(tmp_path, "u.yaml", kop={"logo": "tidak-ada.png"}), "--jenis", "pk", "-o",
              tmp_path / "pk2.pdf", "--lang", "en")
    assert "The letterhead logo tidak-ada.png is not used:" in res.output


def test_settings_file(tmp_path):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "logo.png").write_bytes(PNG)
    cfg = tmp_path / "cfg" / "pengaturan.yaml"
    cfg.write_text("kop:\n  logo: logo.png\n  pemda: Pemerintah Kabupaten Uji\n  kota: Paringin\n", encoding="utf-8")
    out = tmp_path / "pk.pdf"
    res = run("tabel", KECIL, "--jenis", "pk", "-o", out, "--pengaturan", cfg)
    assert res.exit_code == 0, res.output
    assert "PEMERINTAH KABUPATEN UJI" in pdf_text(out)
    cfg.write_text("kop:\n  pemda: X\n  kotta: Paringin\n", encoding="utf-8")
    res = run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / "pk2.pdf", "--pengaturan", cfg)
    assert res.exit_code == 2 and f"{cfg}:3:3" in res.output and "F003" in res.output
    assert res.output.rstrip().endswith(f"pohon: Berkas pengaturan {cfg} memuat kesalahan (lihat di atas); dokumen tidak dibuat")
    assert not (tmp_path / "pk2.pdf").exists()


# -- templates --------------------------------------------------------------------------------

def test_top_level_templates_are_the_package_defaults():
    from pohon.datafiles import PACKAGE_TEMPLATES, REPO_TEMPLATES, TEMPLATE_FILES

    for name in TEMPLATE_FILES:
        assert (Path(REPO_TEMPLATES) / name).read_bytes() == (Path(PACKAGE_TEMPLATES) / name).read_bytes(), (
            f"templates/{name} differs from the package's copy: run python -m pohon.datafiles")
    assert (ROOT / "templates" / "README.md").exists()


def test_user_typst_template(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "document.typ").write_text('#let data = json("data.json")\nTEMPLAT SAYA: #data.title\n', encoding="utf-8")
    out = tmp_path / "pk.pdf"
    assert run("tabel", KECIL, "--jenis", "pk", "-o", out, "--template-dir", folder).exit_code == 0
    assert "TEMPLAT SAYA: Perjanjian Kinerja Tahun 2024" in pdf_text(out)


@pytest.mark.parametrize("source", ['#read("/etc/passwd")', '#read("../../etc/passwd")',
                                    '#import "@preview/cetz:0.2.2": *', '#import "@local/x:0.1.0": *',
                                    '#let p = "@pre" + "view/cetz:0.2.2"\n#import p: *', "#let x = (1\n"])
def test_user_typst_template_sandbox(tmp_path, source):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "document.typ").write_text(source, encoding="utf-8")
    out = tmp_path / "pk.pdf"
    res = run("tabel", KECIL, "--jenis", "pk", "-o", out, "--template-dir", folder)
    assert res.exit_code == 2 and res.output.startswith(f"pohon: {folder}/document.typ:"), res.output
    assert re.match(rf"pohon: {re.escape(str(folder))}/document.typ:[1-9]\d*: templat tidak dapat dipakai: ", res.output)
    assert not out.exists()
    assert "root:" not in res.output  # nothing of the file outside the root is shown


# -- every kind in one workbook, one file per section -----------------------------------------

def test_workbook_of_every_kind(tmp_path):
    import openpyxl

    out = tmp_path / "dokumen.xlsx"
    res = run("tabel", KESBANG, "-o", out)
    assert res.exit_code == 0
    names = openpyxl.load_workbook(out).sheetnames
    assert names == ["Matriks Cascading", "Renstra", "Renja T-C.33", "Perjanjian Kinerja", "SKP", "Rencana Aksi",
                     "IKU", "Capaian Kinerja", "Realisasi Anggaran", "Efisiensi", "Catatan pemeriksaan"]
    assert len(set(n.lower() for n in names)) == len(names) and all(len(n) <= 31 for n in names)


def test_workbook_leaves_out_kinds_without_rows(tmp_path):
    import openpyxl

    tree = tmp_path / "mini.yaml"
    tree.write_text("pohon: 1\norganisasi: {nama: Dinas Contoh}\nperiode: 2024-2025\nkinerja:\n  - id: T1\n"
                    "    peran: outcome\n    uraian: Meningkatnya layanan\n    indikator:\n"
                    "      - {uraian: Indeks layanan, satuan: indeks, target: {2024: 70, 2025: 75}}\n", encoding="utf-8")
    res = run("tabel", tree, "-o", tmp_path / "d.xlsx")
    assert res.exit_code == 0
    assert res.output.startswith("pohon: tabel pk dilewati: pohon tidak memuat data untuknya (tidak ada baris)\n"
                                 "pohon: tabel skp dilewati: pohon tidak memuat data untuknya (tidak ada baris)\n")
    names = openpyxl.load_workbook(tmp_path / "d.xlsx").sheetnames
    assert "Perjanjian Kinerja" not in names and "SKP" not in names and names[0] == "Matriks Cascading"


def test_no_jenis_needs_a_workbook(tmp_path):
    res = run("tabel", KECIL, "-o", tmp_path / "x.pdf", "--lang", "en")
    assert res.exit_code == 2 and res.output == ("pohon: Without --jenis pohon writes every table into one workbook: "
                                                 "use -o NAME.xlsx, or choose one --jenis for the format pdf\n")
    res = run("tabel", KECIL, "--jenis", "pk", "--format", "pdf")
    assert res.exit_code == 2 and res.output == "pohon: Format pdf perlu berkas keluaran: -o NAMA.pdf\n"


def test_one_file_per_position_into_a_folder(tmp_path):
    folder = tmp_path / "pk"
    res = run("tabel", KESBANG, "--jenis", "pk", "-o", f"{folder}/")
    assert res.exit_code == 0, res.output
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 11 and files[0] == "01-kepala-badan-kesatuan-bangsa-dan-politik.pdf"
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.pdf", f) for f in files)
    first = (folder / files[0]).read_bytes()
    assert pdf_info(folder / files[0])["pages"] == 3  # the agreement and its attachment, then the check findings
    # nothing overwritten without --force: refused before any file is written
    (folder / files[0]).write_bytes(b"mine")
    res = run("tabel", KESBANG, "--jenis", "pk", "-o", folder)
    assert res.exit_code == 2 and "--force" in res.output
    assert (folder / files[0]).read_bytes() == b"mine"
    res = run("tabel", KESBANG, "--jenis", "pk", "-o", folder, "--force", "--format", "docx")
    assert res.exit_code == 0 and len(list(folder.glob("*.docx"))) == 11
    assert run("tabel", KESBANG, "--jenis", "pk", "-o", folder, "--force").exit_code == 0
    assert (folder / files[0]).read_bytes() == first


def test_file_stem_is_safe_ascii():
    from pohon.render.tables.service import file_stem

    assert file_stem("Kepala Bidang Politik & Ormas") == "kepala-bidang-politik-ormas"
    assert file_stem("Ánğkà/../../etc") == "angka-etc"
    assert file_stem("CON") == "con-"
    assert file_stem("\u202e\x1b") == ""


def test_user_typst_template_bounded_in_time_and_memory(tmp_path, monkeypatch):
    from pohon.render.tables import pdf

    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "document.typ").write_text('#let s = "x" * 10000000000\n#s.len()\n', encoding="utf-8")
    res = run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / "a.pdf", "--template-dir", folder)
    assert res.exit_code == 2 and res.output.startswith(f"pohon: {folder}/document.typ: templat berhenti tanpa PDF")
    monkeypatch.setattr(pdf, "USER_TIMEOUT", 2)
    (folder / "document.typ").write_text("#let n = 0\n#for i in range(100000) { for j in range(100000) { n = n + 1 } }\n#n\n",
                                         encoding="utf-8")
    res = run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / "b.pdf", "--template-dir", folder)
    assert res.exit_code == 2 and res.output == (
        f"pohon: {folder}/document.typ: templat tidak selesai dalam 2 detik; dihentikan\n")
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()


def test_folder_output_refusals(tmp_path):
    mini = tmp_path / "mini.yaml"
    mini.write_text("pohon: 1\norganisasi: {nama: Dinas Contoh}\nperiode: 2024-2025\nkinerja:\n  - id: T1\n"
                    "    peran: outcome\n    uraian: Meningkatnya layanan\n", encoding="utf-8")
    res = run("tabel", mini, "--jenis", "pk", "-o", f"{tmp_path}/pk/")
    assert res.exit_code == 2 and res.output.endswith(
        "pohon: Tabel pk tidak memuat satu bagian pun untuk pohon ini; tidak ada berkas yang ditulis\n")
    assert not (tmp_path / "pk").exists()
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    res = run("tabel", KECIL, "--jenis", "pk", "-o", f"{tmp_path}/berkas/")
    assert res.exit_code == 2 and res.output == f"pohon: {tmp_path}/berkas bukan folder\n"


def test_english_labels_and_f4_docx(tmp_path):
    import docx

    from pohon.app import check_file
    from pohon.render.tables.docx import to_docx
    from pohon.render.tables.service import make_doc

    out = tmp_path / "pk.pdf"
    assert run("tabel", KECIL, "--jenis", "pk", "-o", out, "--lang", "en").exit_code == 0
    text = " ".join(pdf_text(out).split())
    assert "PERFORMANCE AGREEMENT 2024" in text and re.search(r"Page 1 of \d", text) and "Halaman" not in text
    doc = make_doc(check_file(KECIL), "renstra")
    doc.paper = "F4"
    sec = docx.Document(io.BytesIO(to_docx(doc))).sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (330, 215)


def test_formula_text_in_blocks_stays_text():
    import openpyxl

    from pohon.render.tables.model import Paragraph
    from pohon.render.tables.writers import to_csv
    from pohon.render.tables.xlsx import to_xlsx

    doc = blocks_doc()
    doc.sections[0].before.append(Paragraph("=cmd|' /C calc'!A0"))
    csv = to_csv(doc).decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in csv
    doc = blocks_doc()
    doc.sections[0].before.append(Paragraph("=cmd|' /C calc'!A0"))
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc))).worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0")
    assert cell.data_type == "s" and cell.quotePrefix


def test_settings_file_top_level_typo_suggests_its_own_key(tmp_path):
    cfg = tmp_path / "p.yaml"
    cfg.write_text("kopp:\n  kota: X\n", encoding="utf-8")
    res = run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / "x.pdf", "--pengaturan", cfg)
    assert res.exit_code == 2
    assert res.output.startswith(f"{cfg}:1:1: F003 kesalahan Kunci `kopp` tidak dikenal di akar berkas\n"
                                 "    saran: Maksud Anda `kop`? Kunci yang diizinkan: kop.\n")


def test_place_and_date_without_signatures_in_every_writer(tmp_path):
    import docx
    import openpyxl

    from pohon.render.tables.docx import to_docx
    from pohon.render.tables.pdf import TEMPLATE, to_pdf
    from pohon.render.tables.writers import to_csv, to_html, to_markdown
    from pohon.render.tables.xlsx import to_xlsx
    from pohon.templatefiles import default_template

    def doc():
        d = blocks_doc()
        d.sections[0].signatures = []
        d.sections[0].place_date = "Paringin, 9 Januari 2024"
        return d

    assert all("Paringin, 9 Januari 2024" in x for x in (to_html(doc()), to_markdown(doc()),
                                                         to_csv(doc()).decode("utf-8-sig")))
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc()))).worksheets[0]
    assert any(c.value == "Paringin, 9 Januari 2024" for row in ws.iter_rows() for c in row)
    d = docx.Document(io.BytesIO(to_docx(doc())))
    assert any("Paringin, 9 Januari 2024" in c.text for t in d.tables for row in t.rows for c in row.cells)
    (tmp_path / "x.pdf").write_bytes(to_pdf(doc(), default_template(TEMPLATE)))
    assert "Paringin, 9 Januari 2024" in pdf_text(tmp_path / "x.pdf")


def test_docx_keeps_line_breaks_and_tabs_as_text():
    import docx

    from pohon.render.tables.docx import to_docx
    from pohon.render.tables.model import Paragraph

    doc = blocks_doc()
    doc.sections[0].before.append(Paragraph("baris satu\nbaris\tdua"))
    d = docx.Document(io.BytesIO(to_docx(doc)))
    found = next(p for p in d.paragraphs if "baris satu" in p.text)
    assert found.text == "baris satu\nbaris\tdua"
    assert len(found._p.xpath(".//w:br")) == 1


def test_spans_beyond_the_table_are_cut_in_pdf_and_docx(tmp_path):
    import docx

    from pohon.render.tables.docx import to_docx
    from pohon.render.tables.model import Cell
    from pohon.render.tables.pdf import TEMPLATE, to_pdf
    from pohon.templatefiles import default_template

    def doc():
        d = blocks_doc()
        d.sections[0].rows = [[Cell(1, rowspan=5), Cell("Lebar", colspan=9), None]]
        return d

    (tmp_path / "x.pdf").write_bytes(to_pdf(doc(), default_template(TEMPLATE)))
    assert "Lebar" in pdf_text(tmp_path / "x.pdf")
    assert any("Lebar" in c.text for t in docx.Document(io.BytesIO(to_docx(doc()))).tables for row in t.rows
               for c in row.cells)
    import openpyxl

    from pohon.render.tables.xlsx import to_xlsx

    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc()))).worksheets[0]
    assert any(c.value == "Lebar" for row in ws.iter_rows() for c in row)


def test_user_template_fonts_folder(tmp_path):
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("DejaVu Sans is missing (fonts-dejavu-core, scripts/install-system-deps.sh)")
        pytest.skip("DejaVu Sans is not installed (fonts-dejavu-core)")
    folder = tmp_path / "tpl"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(font, folder / "fonts" / font.name)
    (folder / "document.typ").write_text('#set text(font: "DejaVu Sans")\n#let data = json("data.json")\n#data.title\n',
                                         encoding="utf-8")
    out = tmp_path / "pk.pdf"
    assert run("tabel", KECIL, "--jenis", "pk", "-o", out, "--template-dir", folder).exit_code == 0
    assert [name.split("+")[-1] for name, _ in pdf_fonts(out)] == ["DejaVuSans"]


def test_docx_reference_that_unpacks_too_far_is_refused(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    with zipfile.ZipFile(folder / "document.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * 100_000_001)
    res = run("tabel", KECIL, "--jenis", "pk", "-o", tmp_path / "x.docx", "--template-dir", folder)
    assert res.exit_code == 2 and res.output == (f"pohon: {folder}/document.docx:0: templat tidak dapat dipakai: isinya "
                                                 "lebih dari 100000000 byte setelah diurai\n")


def test_settings_city_reaches_the_forms(tmp_path):
    cfg = tmp_path / "p.yaml"
    cfg.write_text("kop:\n  kota: Kota Pengaturan\n", encoding="utf-8")
    out = run("tabel", KECIL, "--jenis", "pk", "--format", "csv", "--pengaturan", cfg).output
    assert "Kota Pengaturan, " in out


def test_city_from_the_letterhead_fills_the_place():
    from pohon.render.tables.blocks import place_date

    assert place_date("……………, …………… 2022", "Paringin") == "Paringin, …………… 2022"
    assert place_date("", "Paringin") == "Paringin, ……………"
    assert place_date("Metro, 2 Januari 2021", "Paringin") == "Metro, 2 Januari 2021"
    assert place_date("……………, …………… 2022", "") == "……………, …………… 2022"


def test_city_in_a_form_with_a_place_and_date(tmp_path):
    tree = tree_with(tmp_path, kop={"kota": "Kota Contoh"})
    out = run("tabel", tree, "--jenis", "rencana-aksi", "--format", "csv").output
    assert "Kota Contoh, …………… 2024" in out
