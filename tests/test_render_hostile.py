"""Hostile input and environments for `pohon render` (issue 8): what Graphviz cannot take never
reaches it, themes are read with limits, no recursion on the tree's depth, output is all or
nothing, workers die with their parent, and every failure is a one-line message (exit 1 or 2)."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.app import check_file
from pohon.cli import main
from pohon.render.dot import RenderOptions, build_dot, select
from pohon.render.graphviz import render_formats
from pohon.render.service import page_path, split_pages
from pohon.render.viewer import build_html

FIX = Path(__file__).parent / "fixtures" / "render"
MINI = FIX / "mini.yaml"
ROOT = Path(__file__).parents[1]
# what Graphviz rejects (NUL) or silently draws as an empty box (the rest)
CONTROL = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x1b\x7f\ufffe\uffff"
LONG_WORD = "x" * 17_000  # over Graphviz's 16 KB limit for one run of text


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pohon: ") and "Traceback" not in result.output
    return lines[0]


def hostile_tree():
    """The fixture tree with text that broke Graphviz, put straight into the model (whatever the
    loader makes of such text, the renderer must cope with it)."""
    tree = check_file(MINI).tree
    tree.node("O1").data.uraian = f"Meningkatnya{CONTROL} rasa {LONG_WORD} aman"
    tree.node("C1").data.indikator[0].uraian = "Persentase\x00 konflik" + "\x07" * 3
    tree.node("C3").data.crosscutting = ["Bagian\x00" + "y" * 20_000]
    tree.doc.organisasi.nama = "Dinas\x00" + "z" * 20_000
    return tree


def test_graphviz_gets_no_control_characters_nor_over_long_words():
    tree = hostile_tree()
    dot = build_dot(tree, RenderOptions(year=2024))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", dot)
    svg = render_formats(dot, ["svg"])["svg"].decode("utf-8")
    text = "".join(ET.fromstring(svg).itertext())  # well-formed XML
    assert "Meningkatnya\ufffd" in text and "rasa" in text and "aman" in text  # the box is not blank
    assert "x" * 30 in text and "Persentase\ufffd konflik\ufffd\ufffd\ufffd" in text


def test_long_or_odd_ids_render_and_name_files_safely(tmp_path):
    long_id = "C" * 300
    src = tmp_path / "ids.yaml"
    src.write_text(MINI.read_text(encoding="utf-8").replace("id: C1\n", f'id: "{long_id}"\n')
                   .replace("id: C2\n", 'id: "C2/..\\u00e9"\n'), encoding="utf-8")
    r = run("render", src, "--pisah", "-f", "svg,dot", "-o", f"{tmp_path}/p/")
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert len(names) == 8 and all(len(n.encode()) <= 120 for n in names)
    assert any(n.startswith("ids-" + "C" * 60) for n in names) and any(n.startswith("ids-C2") and "/" not in n for n in names)
    for p in (tmp_path / "p").glob("*.svg"):
        ET.parse(p)
    r = run("render", src, "-f", "svg,html", "-o", f"{tmp_path}/one/")
    assert r.exit_code == 0, r.output
    assert len(page_path(Path("x.svg"), "é" * 400).name) < 120


def test_hostile_text_from_a_file_never_crashes_render(tmp_path):
    src = tmp_path / "h.yaml"
    src.write_text(MINI.read_text(encoding="utf-8").replace(
        "Meningkatnya Rasa Aman dan Harmonis", f'"Meningkatnya\\0\\x01\\x07\\uFFFE\\uFFFF Rasa {LONG_WORD}"'),
        encoding="utf-8")
    r = run("render", src, "-f", "svg,html", "-o", f"{tmp_path}/o/")
    assert r.exit_code in (0, 1) and "internal" not in r.output.lower(), r.output
    if r.exit_code == 0:
        assert "\ufffd" in "".join(ET.parse(tmp_path / "o" / "h.svg").getroot().itertext())


def test_viewer_shows_control_characters_visibly_and_encodes():
    tree = hostile_tree()
    opts = RenderOptions(interactive=True)
    sel = select(tree)
    svg = render_formats(build_dot(tree, opts, sel), ["svg"])["svg"]
    html = build_html(tree, opts, sel, svg, findings=[])
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", html)
    assert "Meningkatnya\ufffd" in html
    html.encode("utf-8")


def _chain(n: int) -> str:
    rows = ["pohon: 1", "organisasi: {nama: Dinas Rantai}", "periode: 2024-2025", "kinerja:"]
    for i in range(n):
        rows += [f"  - id: N{i}", f"    uraian: Meningkatnya kondisi nomor {i}"] + ([f"    induk: N{i - 1}"] if i else [])
    return "\n".join(rows) + "\n"


def test_a_chain_of_2000_levels_renders_without_recursion(tmp_path):
    src = tmp_path / "rantai.yaml"
    src.write_text(_chain(2000), encoding="utf-8")
    r = run("render", src, "-f", "html,dot", "-o", f"{tmp_path}/o/")
    assert r.exit_code == 0, r.output
    html = (tmp_path / "o" / "rantai.html").read_text(encoding="utf-8")
    assert html.count('data-i="') >= 2 * 2000  # every box in the outline and the table
    pages = split_pages(check_file(src).tree)
    assert len(pages) > 1000 and max(len(p.selection.context) for p in pages) <= 7  # MAX_CONTEXT + the parent


def test_split_chain_to_dot_pages(tmp_path):
    src = tmp_path / "rantai.yaml"
    src.write_text(_chain(300), encoding="utf-8")
    r = run("render", src, "--pisah", "-f", "dot", "-o", f"{tmp_path}/p/")
    assert r.exit_code == 0, r.output


# -- themes ---------------------------------------------------------------------------------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh")) + "graph: {fontname: *h}\n"


@pytest.mark.parametrize("name, text", [
    ("bomb", BOMB.encode()),
    ("cycle", b"graph: &a {x: *a}\n"),
    ("latin1", 'graph: {fontname: "café"}\n'.encode("latin-1")),
    ("nul", b'graph: {fontname: "A\\0B"}\n'),
    ("long", b"graph: {fontname: " + b"A" * 20_000 + b"}\n"),
    ("escape", b'graph: {fontname: "\\e]0;x\\a"}\n'),
    ("inf", b"graph: {nodesep: .inf}\n"),
    ("huge", b"roles: {outcome: {fontsize: 1.0e+300}}\n"),
    ("list", b"graph: [" + b"1, " * 5000 + b"1]\n"),
])
def test_hostile_theme_is_a_short_message(tmp_path, name, text):
    theme = tmp_path / f"{name}.yaml"
    theme.write_bytes(text)
    t0 = time.perf_counter()
    r = run("render", MINI, "-o", tmp_path / "x.svg", "--tema", theme)
    line = one_line_error(r, 2)
    assert time.perf_counter() - t0 < 10 and len(line) < 400
    assert not re.search("[\x00-\x08\x1b\x7f]", line)
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_theme_that_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "tema.yaml"
    os.mkfifo(fifo)
    assert "tema.yaml" in one_line_error(run("render", MINI, "-o", tmp_path / "x.svg", "--tema", fifo), 2)
    if os.path.exists("/dev/zero"):
        one_line_error(run("render", MINI, "-o", tmp_path / "x.svg", "--tema", "/dev/zero"), 2)


# -- where output goes ----------------------------------------------------------------------------

def _pohon(*args, fsize: int | None = None, **kw):
    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run([sys.executable, "-m", "pohon", *map(str, args)], capture_output=True, text=True,
                          preexec_fn=limit if fsize else None, **kw)


def test_a_full_disk_leaves_no_partial_set(tmp_path):
    out = tmp_path / "p"
    r = _pohon("render", MINI, "--pisah", "-o", f"{out}/", fsize=20_000)  # the C1 page is bigger
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "mini-C1.svg" in r.stderr
    assert not out.exists()  # the folder it made is gone again, with the pages already drawn


def test_unwritable_places_are_one_line_messages(tmp_path):
    (tmp_path / "berkas").write_text("x")
    line = one_line_error(run("render", MINI, "-o", tmp_path / "berkas" / "x.svg"), 2)
    assert "berkas" in line and "x.svg" in line
    if os.geteuid() == 0:  # root writes through permissions: take a read-only file system
        target = Path("/proc/pohon-test.svg") if Path("/proc/self").exists() else None
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        target = ro / "x.svg"
    if target is not None:
        assert str(target) in one_line_error(run("render", MINI, "-o", target), 2)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_force_never_replaces_a_special_file(tmp_path):
    fifo = tmp_path / "x.svg"
    os.mkfifo(fifo)
    one_line_error(run("render", MINI, "-o", fifo, "--force"), 2)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_force_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "x.svg"
    target.write_text("old")
    target.chmod(0o600)
    assert run("render", MINI, "-o", target, "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text().startswith("<?xml")
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"]  # no staging folder left


# -- --pisah with workers --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_tree(tmp_path_factory):
    """A generated tree big enough for forked page workers (2,000 boxes or more)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_tree import generate
    finally:
        sys.path.pop(0)
    path = tmp_path_factory.mktemp("big") / "besar.yaml"
    path.write_text(generate(2500), encoding="utf-8")
    return path


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d))
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                    reason="reads /proc; page workers start only with two CPUs or more")
def test_workers_die_with_their_parent_and_leave_no_pages(big_tree, tmp_path):
    out = tmp_path / "p"
    proc = subprocess.Popen([sys.executable, "-m", "pohon", "render", str(big_tree), "--pisah", "-o", f"{out}/"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    workers: list[int] = []
    while time.time() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        staged = [f for d in out.glob(".pohon-*") for f in d.iterdir()] if out.exists() else []
        if len(workers) >= 2 and staged:
            break
        time.sleep(0.01)
    assert proc.poll() is None and len(workers) >= 2, "the workers never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 5
    while any(_alive(w) for w in workers) and time.time() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
    assert [p.name for p in out.iterdir() if not p.name.startswith(".pohon-")] == []  # no page in place


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or not hasattr(os, "fork"), reason="POSIX signals")
def test_terminated_run_removes_what_it_staged(big_tree, tmp_path):
    out = tmp_path / "p"
    proc = subprocess.Popen([sys.executable, "-m", "pohon", "render", str(big_tree), "--pisah", "-o", f"{out}/"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if out.exists() and any(f for d in out.glob(".pohon-*") for f in d.iterdir()):
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and b"Traceback" not in err
    assert not out.exists()


def test_a_failing_worker_stops_the_set(big_tree, tmp_path):
    out = tmp_path / "p"
    r = _pohon("render", big_tree, "--pisah", "-o", f"{out}/", fsize=60_000)
    assert r.returncode == 2 and "besar-" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert not out.exists()


# -- one PDF ----------------------------------------------------------------------------------------

def _pdf_titles(pdf: bytes) -> list[str]:
    return [bytes.fromhex(h.decode()).decode("utf-16-be") for h in re.findall(rb"/Title <FEFF([0-9A-F]*)>", pdf)]


def test_split_to_one_pdf_with_a_page_and_bookmark_per_subtree(tmp_path):
    r = run("render", MINI, "--pisah", "-o", tmp_path / "pohon.pdf")
    assert r.exit_code == 0, r.output
    assert [p.name for p in tmp_path.iterdir()] == ["pohon.pdf"]
    pdf = (tmp_path / "pohon.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert re.search(rb"/Type /Pages /Kids \[[^\]]*\] /Count 4 ", pdf)
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 4
    titles = _pdf_titles(pdf)
    assert [t.split(" · ")[0] for t in titles] == ["O1", "C1", "C2", "C3"]
    assert titles[1].startswith("C1 · Menurunnya Potensi")
    assert b"CreationDate" not in pdf  # the same pages give the same bytes
    assert run("render", MINI, "--pisah", "-o", tmp_path / "lagi.pdf").exit_code == 0
    assert (tmp_path / "lagi.pdf").read_bytes() == pdf
    r = run("render", MINI, "--pisah", "-f", "pdf", "-o", f"{tmp_path}/halaman/")
    assert sorted(p.name for p in (tmp_path / "halaman").iterdir()) == [
        "mini-C1.pdf", "mini-C2.pdf", "mini-C3.pdf", "mini-O1.pdf"]


def test_one_pdf_reads_in_poppler(tmp_path):
    import shutil

    if shutil.which("pdfinfo") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdfinfo (poppler-utils) not installed (required when CI=true)")
        pytest.skip("pdfinfo (poppler-utils) not installed; run scripts/install-system-deps.sh")
    assert run("render", MINI, "--pisah", "-o", tmp_path / "pohon.pdf").exit_code == 0
    info = subprocess.run(["pdfinfo", str(tmp_path / "pohon.pdf")], capture_output=True, text=True)
    assert info.returncode == 0 and re.search(r"Pages:\s+4", info.stdout) and not info.stderr, info.stderr
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "pohon.pdf"), "-"],
                          capture_output=True, text=True).stdout
    assert "C1" in text and "KO-WAS-1" in text


def test_single_pdf_is_shrunk_onto_a3_without_a_second_layout_and_is_deterministic(tmp_path):
    from pohon.render.pdfjoin import page_size

    example = ROOT / "trees" / "kesbangpol-balangan.yaml"
    assert run("render", example, "-o", tmp_path / "a.pdf").exit_code == 0
    assert run("render", example, "-o", tmp_path / "b.pdf").exit_code == 0
    a = (tmp_path / "a.pdf").read_bytes()
    assert a == (tmp_path / "b.pdf").read_bytes() and b"CreationDate" not in a
    w, h = page_size(a)
    assert max(w, h) <= 1191 and min(w, h) <= 842 and max(w, h) > 800  # A3, still legible
    assert re.search(rb"q 0\.\d+ 0 0 0\.\d+ 0 0 cm", a)  # scaled inside the PDF


def test_deep_chain_pages_and_records_cost_what_they_show():
    from pohon.loader.load import load_text
    from pohon.render.viewer import node_records

    tree = load_text(_chain(5000)).tree
    pages = split_pages(tree)
    last = pages[-1].selection
    assert [n.id for n in last.nodes][-1] == "N4999" and len(last.context) <= 7
    records = node_records(tree, last)
    assert all(r["depth"] == int(r["id"][1:]) for r in records) and records[-1]["depth"] == 4999


def test_theme_problems_say_where_they_are(tmp_path):
    theme = tmp_path / "tema.yaml"
    theme.write_text("graph:\n  nodesep: 99\n", encoding="utf-8")
    assert one_line_error(run("render", MINI, "-o", tmp_path / "x.svg", "--tema", theme), 2).startswith(
        f"pohon: {theme}:2:12: ")
    theme.write_text("roles:\n  outcome: {warna: x}\n", encoding="utf-8")
    assert f"{theme}:2:13: " in one_line_error(run("render", MINI, "-o", tmp_path / "x.svg", "--tema", theme), 2)
    theme.write_text("- a\n", encoding="utf-8")
    assert "graph:" in one_line_error(run("render", MINI, "-o", tmp_path / "x.svg", "--tema", theme, "--lang", "en"), 2)
