"""Check findings where people look: `pohon render --temuan` marks boxes in the static diagrams;
the HTML viewer carries the findings as data (badges, panel, status)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner


from pohon.app import check_file
from pohon.cli import main
from pohon.diagnostics import Severity
from pohon.render.dot import RenderOptions, box_findings, build_dot, findings_text
from pohon.render.style import default_style
from tests.helpers import HOSTILE_TREE

ROOT = Path(__file__).parents[1]
FIX = Path(__file__).parent / "fixtures" / "render"
MINI = FIX / "mini.yaml"
LATIHAN = ROOT / "trees" / "latihan-kesalahan.yaml"


# The row a marked box carries under its id: ``⚠ <count> · <codes>`` on the severity's colour.
_MARK = re.compile(r'>([^<>]+)</FONT></TD></TR><TR><TD ALIGN="LEFT" BGCOLOR="(#[0-9a-f]{6})"><FONT POINT-SIZE="[0-9.]+" '
                   r'COLOR="#[0-9a-f]{6}"><B>⚠ (\d+) · ([^<]*)</B>')
_ID_ROW = re.compile(r'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="[0-9.]+" COLOR="#[0-9a-f]{6}">([^<>]+)</FONT></TD></TR>')


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def expected_marks(path: Path) -> dict[str, tuple[str, int, str]]:
    """Node id → (worst severity, count, codes) from the check itself (errors and warnings)."""
    out: dict[str, list] = {}
    for d in check_file(path).diagnostics:
        if d.node is not None and d.severity is not Severity.INFO:
            out.setdefault(d.node, []).append(d)
    return {n: ("error" if any(d.severity is Severity.ERROR for d in ds) else "warning", len(ds),
                ", ".join(sorted({d.code for d in ds}))) for n, ds in out.items()}


def marks_in(dot: str) -> dict[str, tuple[str, int, str]]:
    colours = {v["fill"]: k for k, v in default_style()["findings"].items() if isinstance(v, dict)}
    return {unescape(m.group(1)): (colours[m.group(2)], int(m.group(3)), m.group(4)) for m in _MARK.finditer(dot)}


@pytest.fixture(scope="module")
def latihan_dot(tmp_path_factory):
    out = tmp_path_factory.mktemp("temuan") / "latihan.dot"
    r = run("render", LATIHAN, "--temuan", "-o", out)
    assert r.exit_code == 0, r.output
    return out.read_text(encoding="utf-8")


def test_temuan_marks_exactly_the_boxes_with_findings(latihan_dot):
    expected = expected_marks(LATIHAN)
    assert expected["KO4"][0] == "error" and expected["C1"][0] == "warning"  # both kinds present
    assert marks_in(latihan_dot) == expected
    drawn = {unescape(i) for i in _ID_ROW.findall(latihan_dot)}
    assert set(expected) <= drawn and drawn - set(expected)  # some boxes stay unmarked (KAU1)
    assert "KAU1" not in marks_in(latihan_dot)


def test_temuan_borders_and_classes_follow_the_worst_severity(latihan_dot):
    fs = default_style()["findings"]
    lines = {m.group(1): m.group(0) for m in re.finditer(r'^  "([^"]+)" \[.*$', latihan_dot, re.M)}
    assert 'class="pn role-operasional f-error"' in lines["KO4"] and f'color="{fs["error"]["border"]}"' in lines["KO4"]
    assert " f-warning" in lines["C1"] and f'color="{fs["warning"]["border"]}"' in lines["C1"]
    assert f'penwidth="{fs["penwidth"]}"' in lines["C1"]
    assert " f-" not in lines["KAU1"]
    cc = lines["C3"]  # crosscutting with a warning: still dashed, amber
    assert "dashed" in cc and f'color="{fs["warning"]["border"]}"' in cc
    # a box in a stacked column: its cell border
    stack = next(v for k, v in lines.items() if k.startswith("stack "))
    assert f'COLOR="{fs["error"]["border"]}" BORDER="{fs["cell_border"]}"' in stack


def test_temuan_legend_and_summary_in_both_languages(tmp_path, latihan_dot):
    assert "Kotak dengan kesalahan" in latihan_dot and "Kotak dengan peringatan" in latihan_dot
    assert "hasil pemeriksaan: 6 kesalahan, 20 peringatan" in latihan_dot
    out = tmp_path / "en.dot"
    assert run("render", LATIHAN, "--temuan", "--lang", "en", "-o", out).exit_code == 0
    en = out.read_text(encoding="utf-8")
    assert "Box with errors" in en and "Box with warnings" in en and "check: 6 errors, 20 warnings" in en
    assert "kesalahan" not in en and "peringatan" not in en
    assert marks_in(en) == marks_in(latihan_dot)  # the marks themselves carry no words


def test_default_render_is_unchanged(tmp_path):
    """Without --temuan: byte for byte the golden DOT; findings=None is the same as no findings."""
    out = tmp_path / "mini.dot"
    assert run("render", MINI, "--tahun", "2024", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == (FIX / "mini.golden.dot").read_text(encoding="utf-8")
    tree = check_file(LATIHAN).tree
    assert build_dot(tree, RenderOptions()) == build_dot(tree, RenderOptions(), findings=None)
    out = tmp_path / "latihan.dot"
    assert run("render", LATIHAN, "-o", out).exit_code == 0
    plain = out.read_text(encoding="utf-8")
    assert "⚠" not in plain and " f-error" not in plain and "Kotak dengan kesalahan" not in plain


def test_temuan_output_is_deterministic(tmp_path):
    outs = []
    for k in (1, 2):
        r = run("render", LATIHAN, "--temuan", "-f", "svg,dot", "-o", f"{tmp_path}/r{k}/")
        assert r.exit_code == 0, r.output
        outs.append({p.name: p.read_bytes() for p in (tmp_path / f"r{k}").iterdir()})
    assert outs[0] == outs[1]
    assert "⚠ 2 · M002, S001".encode() in outs[0]["latihan-kesalahan.svg"]  # KO1: two errors


def test_temuan_without_findings_says_so(tmp_path):
    clean = tmp_path / "bersih.yaml"
    clean.write_text("pohon: 1\norganisasi: {nama: X}\nperiode: 2024-2024\nkinerja:\n"
                     "  - {id: O1, peran: outcome, uraian: Meningkatnya hasil,"
                     " indikator: [{uraian: Angka konflik, satuan: kasus, target: {2024: 1}}]}\n", encoding="utf-8")
    checked = check_file(clean)
    assert {d.severity for d in checked.diagnostics} == {Severity.INFO}  # advice only (M012, M019)
    findings = [d for d in checked.diagnostics if d.severity is not Severity.INFO]
    dot = build_dot(checked.tree, RenderOptions(mark_findings=True), findings=findings)
    assert not marks_in(dot) and "hasil pemeriksaan: Tidak ada temuan" in dot
    # info, if a caller passes it, is advice: it marks no box
    assert not marks_in(build_dot(checked.tree, RenderOptions(mark_findings=True), findings=checked.diagnostics))


def test_theme_overrides_finding_colours(tmp_path):
    theme = tmp_path / "tema.yaml"
    theme.write_text("findings:\n  error: {border: '#123456'}\n", encoding="utf-8")
    out = tmp_path / "t.dot"
    r = run("render", LATIHAN, "--temuan", "--tema", theme, "-o", out)
    assert r.exit_code == 0, r.output
    assert 'color="#123456"' in out.read_text(encoding="utf-8")
    theme.write_text("findings:\n  error: {border: merah}\n", encoding="utf-8")
    assert run("render", LATIHAN, "--temuan", "--tema", theme, "-o", tmp_path / "u.dot").exit_code == 2


def test_helpers():
    diags = check_file(LATIHAN).diagnostics
    marks = box_findings(diags)
    assert marks["KO1"].severity == "error" and marks["KO1"].count == 2 and marks["KO1"].codes == ("M002", "S001")
    assert "C1" in marks and marks["C1"].codes == ("M004",)  # its M012 is info: not counted
    assert findings_text([], "id") == "Tidak ada temuan" and findings_text([], "en") == "No findings"
    one = [d for d in diags if d.code == "M001"]
    assert findings_text(one, "en") == "1 error" and findings_text(one, "id") == "1 kesalahan"


# -- the viewer page carries the findings as data ---------------------------------------------------

def _data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="pohon-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def test_viewer_embeds_findings_as_data(tmp_path):
    out = tmp_path / "l.html"
    assert run("render", LATIHAN, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    data = _data(html)
    found = data["findings"]
    assert len(found) == 26 and [f["sev"] for f in found[:6]] == ["error"] * 6  # errors first
    assert all(f["sev"] != "info" for f in found)
    nodes = data["nodes"]
    ko4 = next(f for f in found if f["node"] == "KO4")
    assert nodes[ko4["i"]]["id"] == "KO4" and ko4["code"] == "S006" and ko4["where"].endswith(":76:24")
    assert ko4["field"] == "peran" and ko4["message"] and ko4["hint"]
    by_id = {n["id"]: n for n in nodes}
    assert by_id["KO1"]["nf"] == 2 and by_id["KO1"]["fsev"] == "error" and by_id["KAU1"]["nf"] == 0
    assert 'id="status"' in html and "6 kesalahan, 20 peringatan" in html


def test_viewer_findings_cannot_break_out_of_the_page(tmp_path):
    src = tmp_path / "h.yaml"
    src.write_text(HOSTILE_TREE, encoding="utf-8")
    out = tmp_path / "h.html"
    r = run("render", src, "-o", out)
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert html.count("<script") == 2 and "<img" not in html
    assert "</script><img" not in html
    found = _data(html)["findings"]
    assert any(f["node"] == "X</script><img/src=x/onerror=window.PWNED=1>" for f in found)


def test_render_tree_without_findings_has_no_panel(tmp_path):
    from pohon.render.dot import select
    from pohon.render.graphviz import render_formats
    from pohon.render.viewer import build_html

    tree = check_file(MINI).tree
    opts = RenderOptions(interactive=True)
    sel = select(tree)
    svg = render_formats(build_dot(tree, opts, sel), ["svg"])["svg"]
    html = build_html(tree, opts, sel, svg)
    assert 'id="findings"' not in html and 'id="status"' not in html and _data(html)["findings"] is None
    html = build_html(tree, opts, sel, svg, findings=[])
    assert 'id="findings"' in html and "Tidak ada temuan" in html
