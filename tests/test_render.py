"""`pohon render`: DOT/SVG structure, determinism, options, outputs (no pixel comparisons)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.cli import main
from pohon.loader.load import load_text, load_tree
from pohon.render.bands import bands_for, default_band_labels, labels_from_levels
from pohon.render.dot import RenderOptions, build_dot, select
from pohon.render.graphviz import clean_svg, page_fit, render_formats
from pohon.render.service import split_pages

FIX = Path(__file__).parent / "fixtures" / "render"
MINI = FIX / "mini.yaml"
EXAMPLE = Path(__file__).parents[1] / "trees" / "kesbangpol-balangan.yaml"
SVG_NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def mini():
    return load_tree(MINI).tree


@pytest.fixture(scope="module")
def mini_svg(mini):
    return render_formats(build_dot(mini, RenderOptions(year=2024)), ["svg"])["svg"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# -- DOT structure --------------------------------------------------------------------------------

def test_dot_has_every_node_edge_and_rank_per_role(mini):
    dot = build_dot(mini)
    for node in mini:  # a box of its own, or a cell of a stacked column
        assert f'"{node.id}" [' in dot or f">{node.id}</FONT>" in dot
    # KO-WAS-1/2 are sibling leaves: one stacked column, one edge into it
    assert '"KA-WAS" -> "stack KA-WAS"' in dot
    assert '"C1" -> "KAU-WAS"' in dot and '"O1" -> "C3"' in dot
    ranks = re.findall(r"\{ rank=same; (.*?); \}", dot)
    assert len(ranks) == 5
    assert ranks[0].startswith('"band outcome"') and '"O1"' in ranks[0]
    assert '"band csf"; "C1"; "C2"; "C3"' in ranks[1]
    assert '"stack KA-WAS"' in ranks[4]


def test_position_bands_follow_roles_present(mini):
    dot = build_dot(mini)
    labels = re.findall(r'class="band", label=<<B>(.*?)</B>>', dot)
    assert labels == ["TUJUAN SKPD", "PK/SKP JPT", "PK/SKP KABID", "PK/SKP JF", "PK/SKP JF/JP"]
    shallow = build_dot(mini, RenderOptions(depth=1))
    assert re.findall(r'class="band", label=<<B>(.*?)</B>>', shallow) == ["TUJUAN SKPD", "PK/SKP JPT"]


def test_band_labels_are_an_input():
    assert [b.label for b in bands_for(["csf", "outcome"], {"outcome": "A", "csf": "B"})] == ["A", "B"]
    labels = labels_from_levels({"antara": ["Pengawas"], "operasional": ["JF", "JP"]})
    assert labels["antara"] == "PK/SKP PENGAWAS" and labels["operasional"] == "PK/SKP JF/JP"
    assert default_band_labels("id")["outcome"] == "TUJUAN SKPD"


def test_profile_in_file_changes_band_label():
    text = MINI.read_text(encoding="utf-8").replace("periode: 2021-2026", "periode: 2021-2026\nprofil_jabatan: {dasar: klasik}")
    tree = load_text(text).tree
    assert "PK/SKP PENGAWAS" in build_dot(tree)


def test_crosscutting_is_dashed_with_partner(mini):
    dot = build_dot(mini)
    line = next(x for x in dot.splitlines() if x.startswith('  "C3" ['))
    assert "dashed" in line and "Bagian Tata" in line and "Pemerintahan Setda" in line
    assert "Crosscutting dengan" in line
    assert "Crosscutting with" in build_dot(mini, RenderOptions(lang="en"))


def test_indicators_targets_and_compact_view(mini):
    dot = build_dot(mini, RenderOptions(year=2024))
    assert "target 2024: 77,5 %" in dot  # Indonesian decimal comma
    assert "target 2024: –" in dot  # KAU-POL has no 2024 target
    assert "target 2024: 77.5 %" in build_dot(mini, RenderOptions(year=2024, lang="en"))
    compact = build_dot(mini, RenderOptions(indicators=False))
    assert "Persentase partisipasi" not in compact and "Meningkatnya Sistem" in compact


def test_long_statements_are_wrapped(mini):
    dot = build_dot(mini)
    rows = re.findall(r'<TD CELLPADDING="0"><FONT POINT-SIZE="[0-9.]+" COLOR="#[0-9a-f]+">(?:<B>)?([^<]*)', dot)
    assert rows and max(len(r) for r in rows) <= 34
    assert "Menurunnya Potensi Konflik" in dot


def test_root_and_depth(mini):
    sub = build_dot(mini, RenderOptions(root="C1"))
    assert ">KO-WAS-1<" in sub and '"C2"' not in sub and '"O1"' not in sub
    shallow = build_dot(mini, RenderOptions(depth=1))
    assert '"KAU-WAS"' not in shallow
    assert "+4 kotak di bawahnya" in shallow  # C1 hides four nodes
    assert len(select(mini, "C1", 0).nodes) == 1


def test_direction_lr(mini):
    assert 'rankdir="LR"' in build_dot(mini, RenderOptions(direction="LR"))


def test_user_text_is_escaped_in_dot_and_svg():
    text = MINI.read_text(encoding="utf-8").replace(
        "Meningkatnya pemahaman politik masyarakat", '"<script>alert(1)</script> & <b>tebal</b>"')
    tree = load_text(text).tree
    dot = build_dot(tree)
    assert "<script>" not in dot and "&lt;script&gt;" in dot
    svg = render_formats(dot, ["svg"])["svg"].decode()
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    ET.fromstring(svg)  # still well-formed XML


# -- SVG --------------------------------------------------------------------------------------------

def test_svg_structure_ids_and_classes(mini, mini_svg):
    root = ET.fromstring(mini_svg)
    groups = {g.get("id"): g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert groups["pn-0"] == "node pn role-outcome"
    assert "cc" in groups["pn-8"].split()  # C3 crosscutting
    assert groups["band-csf"] == "node band"
    assert "pe-1" in groups and groups["pe-1"] == "edge pe"
    texts = "".join(root.itertext())
    assert "PK/SKP KABID" in texts and "Keterangan" in texts and "Kondisi antara utama" in texts


def test_svg_has_no_version_or_timestamp(mini_svg):
    text = mini_svg.decode()
    assert "Generated by graphviz" not in text and "version" not in text.split("<svg", 1)[1]
    assert not re.search(r"20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d", text)
    assert clean_svg(b'<!-- Generated by graphviz version 1 (x)\n -->\n<svg/>') == b"<svg/>"


def test_svg_and_dot_are_byte_identical_across_runs(mini):
    a = render_formats(build_dot(mini, RenderOptions(year=2024)), ["svg", "dot"])
    b = render_formats(build_dot(load_tree(MINI).tree, RenderOptions(year=2024)), ["svg", "dot"])
    assert a["svg"] == b["svg"] and a["dot"] == b["dot"]


def test_page_fit_for_a3():
    assert page_fit("0,0,500,400") is None  # already fits
    size = page_fit("0,0,1221,981")
    w, h = (float(x) for x in size.split(","))
    assert w > h  # landscape
    assert page_fit("0 0 20000 20000") is None  # would be illegible: keep natural size


# -- CLI ----------------------------------------------------------------------------------------------

def test_cli_formats_by_extension_and_list(tmp_path):
    r = run("render", MINI, "-o", tmp_path / "pohon.pdf")
    assert r.exit_code == 0, r.output
    pdf = (tmp_path / "pohon.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    r = run("render", MINI, "-o", f"{tmp_path}/out/", "--format", "svg,png", "-f", "dot", "--dpi", "72")
    assert r.exit_code == 0, r.output
    png = (tmp_path / "out" / "mini.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10000
    assert (tmp_path / "out" / "mini.dot").read_text().startswith('digraph "pohon"')
    assert (tmp_path / "out" / "mini.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert "ditulis:" in r.output


def test_cli_never_overwrites_without_force(tmp_path):
    target = tmp_path / "a.svg"
    target.write_text("mine")
    r = run("render", MINI, "-o", target)
    assert r.exit_code == 2 and "--force" in r.output
    assert target.read_text() == "mine"
    # several formats: nothing is written when one target exists
    r = run("render", MINI, "-o", tmp_path / "a.svg", "-f", "png,svg")
    assert r.exit_code == 2 and not (tmp_path / "a.png").exists()
    assert run("render", MINI, "-o", target, "--force").exit_code == 0
    assert target.read_text().startswith("<?xml")


def test_cli_usage_errors(tmp_path):
    assert run("render", MINI, "-o", tmp_path / "x.jpg").exit_code == 2
    assert run("render", MINI, "-f", "gif", "-o", tmp_path / "x").exit_code == 2
    assert run("render", MINI, "-o", tmp_path / "x.svg", "-f", "png").exit_code == 2
    r = run("render", MINI, "--root", "NOPE", "-o", tmp_path / "x.svg")
    assert r.exit_code == 2 and "NOPE" in r.output
    assert run("render", MINI, "--dpi", "5", "-o", tmp_path / "x.png").exit_code == 2
    assert run("render", MINI, "--arah", "XY", "-o", tmp_path / "x.svg").exit_code == 2


def test_cli_load_errors_exit_1_with_diagnostics(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pohon: 1\norganisasi: {nama: X}\nperiode: 2024-2025\nkinerja:\n  - id: A\n    urian: x\n")
    r = run("render", bad, "-o", tmp_path / "bad.svg")
    assert r.exit_code == 1
    assert "F00" in r.output and "bad.yaml" in r.output
    assert not (tmp_path / "bad.svg").exists()


def test_cli_theme_overrides_style_and_rejects_unknown_keys(tmp_path):
    theme = tmp_path / "tema.yaml"
    theme.write_text("roles:\n  outcome: {fill: '#123456'}\ngraph: {fontname: DejaVu Serif}\n")
    r = run("render", MINI, "-o", tmp_path / "t.dot", "--tema", theme)
    assert r.exit_code == 0, r.output
    dot = (tmp_path / "t.dot").read_text()
    assert 'fillcolor="#123456"' in dot and "DejaVu Serif" in dot
    theme.write_text("roles:\n  outcome: {warna: '#123456'}\n")
    r = run("render", MINI, "-o", tmp_path / "u.dot", "--tema", theme)
    assert r.exit_code == 2 and "warna" in r.output
    theme.write_text("roles:\n  outcome: {fill: merah}\n")
    assert run("render", MINI, "-o", tmp_path / "v.dot", "--tema", theme).exit_code == 2


def test_cli_lang_en_labels(tmp_path):
    r = run("render", MINI, "-o", tmp_path / "en.dot", "--lang", "en")
    assert r.exit_code == 0
    dot = (tmp_path / "en.dot").read_text()
    assert "Performance tree" in dot and "Legend" in dot and "Main intermediate condition" in dot


def test_cli_split_one_page_per_subtree(tmp_path):
    r = run("render", MINI, "--pisah", "-o", tmp_path / "p.svg")
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["p-C1.svg", "p-C2.svg", "p-C3.svg", "p-O1.svg"]
    c1 = (tmp_path / "p-C1.svg").read_text()
    assert "KO&#45;WAS&#45;1" in c1 and "Meningkatnya Sistem" not in c1
    classes = [g.get("class") for g in ET.fromstring(c1).iter("{http://www.w3.org/2000/svg}g")]
    assert "node pn role-outcome ctx" in classes  # the outcome above, as context


def test_split_pages_recurse_when_big(mini):
    pages = split_pages(mini, limit=3)
    names = [p.name for p in pages]
    assert names[0] == "O1" and "KAU-WAS" in names and "KA-WAS" in names


def test_html_output_is_self_contained_and_escaped(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace(
        "Meningkatnya pemahaman politik masyarakat", '"<script>alert(1)</script></script>"')
    src = tmp_path / "x.yaml"
    src.write_text(text, encoding="utf-8")
    r = run("render", src, "-o", tmp_path / "x.html")
    assert r.exit_code == 0, r.output
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert html.count("<script") == 2  # the data block and the viewer script, nothing else
    assert "alert(1)" in html and "<script>alert" not in html
    assert not re.search(r"(src|href)=\"https?:", html)
    assert "Generated by graphviz" not in html


def test_example_tree_fits_a3_and_renders_all_formats(tmp_path):
    if not EXAMPLE.exists():
        pytest.skip("trees/kesbangpol-balangan.yaml not present")
    r = run("render", EXAMPLE, "-o", f"{tmp_path}/", "-f", "svg,png,pdf,dot,html", "--tahun", "2024")
    assert r.exit_code == 0, r.output
    pdf = (tmp_path / "kesbangpol-balangan.pdf").read_bytes()
    box = re.search(rb"/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf)
    w, h = float(box.group(1)), float(box.group(2))
    assert w <= 1191 and h <= 842  # A3 landscape, in points
    assert w > 800  # and not shrunk to a stamp
    svg_text = "".join(ET.parse(tmp_path / "kesbangpol-balangan.svg").getroot().itertext())
    tree = load_tree(EXAMPLE).tree
    assert len(tree) == 31 and all(n.id in svg_text for n in tree)


def test_awkward_ids_and_broken_structure_still_render(tmp_path):
    src = tmp_path / "aneh.yaml"
    src.write_text(
        'pohon: 1\norganisasi: {nama: "Dinas \\"Uji\\" <b>&</b>"}\nperiode: 2024-2025\nkinerja:\n'
        "  - {id: A, uraian: Meningkatnya a, induk: C}\n"
        "  - {id: B, uraian: Meningkatnya b, induk: A}\n"
        "  - {id: C, uraian: Meningkatnya c, induk: B}\n"
        "  - {id: A, uraian: duplikat}\n"
        "  - {id: D, uraian: 'x\\\\y {kurung} |pipa| <tag>', induk: TIDAKADA}\n"
        "  - {id: 'E:1', uraian: Meningkatnya e, peran: operasional, crosscutting: true}\n"
        "  - {id: 'E/1', uraian: Meningkatnya f}\n",
        encoding="utf-8")
    r = run("render", src, "-f", "svg,dot,html", "-o", f"{tmp_path}/a/")
    assert r.exit_code == 0, r.output
    ET.parse(tmp_path / "a" / "aneh.svg")
    r = run("render", src, "--pisah", "-o", f"{tmp_path}/p/")
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert "aneh-E_1.svg" in names and "aneh-E_1-2.svg" in names  # no page overwrites another


def test_separate_processes_give_identical_svg_dot_html(tmp_path):
    import subprocess
    import sys

    outs = []
    for k in (1, 2):
        out = tmp_path / f"run{k}"
        subprocess.run([sys.executable, "-m", "pohon", "render", str(MINI), "-f", "svg,dot,html", "--tahun", "2024",
                        "-o", f"{out}/"], check=True, capture_output=True)
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == 3


def test_cli_module_import_stays_light():
    import subprocess
    import sys

    code = ("import sys, pohon.cli; heavy = {'pygraphviz', 'networkx', 'jinja2', 'pydantic'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert "pygraphviz" not in out and "jinja2" not in out


def test_split_packs_small_sibling_subtrees_onto_one_page():
    kau = "".join(f"  - {{id: K{i}, induk: C1, uraian: Meningkatnya kondisi {i}}}\n"
                  f"  - {{id: L{i}, induk: K{i}, uraian: Terlaksananya kegiatan {i}}}\n" for i in range(1, 6))
    text = ("pohon: 1\norganisasi: {nama: X}\nperiode: 2024-2025\nkinerja:\n"
            "  - {id: O1, uraian: Meningkatnya hasil}\n  - {id: C1, induk: O1, uraian: Meningkatnya sasaran}\n" + kau)
    tree = load_text(text).tree
    pages = split_pages(tree, limit=150, max_columns=2)
    assert [p.name for p in pages] == ["O1", "C1", "K1--K2", "K3--K4", "K5"]
    k3 = pages[3].selection
    assert [n.id for n in k3.nodes] == ["O1", "C1", "K3", "L3", "K4", "L4"]
    assert k3.context == {"O1", "C1"}
    assert pages[1].selection.hidden == {f"K{i}": 1 for i in range(1, 6)}


GOLDEN = FIX / "mini.golden.dot"


def test_dot_matches_golden_file(mini):
    """The DOT of the fixture, byte for byte. After an intended change to the drawing, run
    POHON_UPDATE_GOLDEN=1 pytest tests/test_render.py and review the diff of the golden file."""
    import os

    dot = build_dot(mini, RenderOptions(year=2024))
    if os.environ.get("POHON_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(dot, encoding="utf-8")
    assert dot == GOLDEN.read_text(encoding="utf-8")


def test_svg_structure_matches_dot(mini, mini_svg):
    """Every DOT node and edge id is a group in the SVG, with its classes; nothing else is."""
    dot = build_dot(mini, RenderOptions(year=2024))
    dot_ids = set(re.findall(r'\[id="([a-z]+-[\w-]+|title)"', dot))
    root = ET.fromstring(mini_svg)
    svg_ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")} - {"graph0"}
    svg_ids = {i for i in svg_ids if not re.fullmatch(r"(node|edge)\d+", i)}
    assert dot_ids == svg_ids
    assert {"pn-0", "ps-3", "pe-4", "band-outcome", "title"} <= svg_ids


def test_a_kondisi_antara_under_a_kondisi_antara_is_drawn_below_its_parent_not_beside_it():
    from pohon.app import check_file

    tree = check_file(Path(__file__).parent / "fixtures" / "levels" / "opd-besar.yaml").tree
    rows = [line for line in build_dot(tree).splitlines() if "rank=same" in line]
    antara = next(line for line in rows if '"band antara"' in line)
    assert '"KA1"' in antara and '"KA2"' not in antara and '"KA4"' not in antara
