"""The offline HTML viewer in a real browser (Debian Chromium through playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner


from pohon.cli import main
from tests.helpers import HOSTILE_TREE

MINI = Path(__file__).parent / "fixtures" / "render" / "mini.yaml"


@pytest.fixture(scope="module")
def viewer_file(tmp_path_factory):
    """The mini tree as a viewer page, with a statement that tries to inject a script."""
    tmp = tmp_path_factory.mktemp("viewer")
    text = MINI.read_text(encoding="utf-8").replace(
        "Meningkatnya pemahaman politik masyarakat",
        '"Meningkatnya <script>window.PWNED=1</script> <img src=x onerror=window.PWNED=2> pemahaman"')
    src = tmp / "pohon.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp / "pohon.html"
    r = CliRunner().invoke(main, ["render", str(src), "-o", str(out), "--tahun", "2024"])
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture()
def page(chromium_browser, viewer_file):
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda req: requests.append(req.url))
    pg.goto(viewer_file.as_uri())
    pg.wait_for_selector("#canvas svg")
    pg.errors, pg.requests = errors, requests
    yield pg
    context.close()


def _index(pg, node_id: str) -> int:
    return pg.evaluate("id => window.pohonViewer.nodes.findIndex(n => n.id === id)", node_id)


def test_click_highlights_path_and_fills_details(page, tmp_path):
    i = _index(page, "KA-WAS")
    page.click(f"#pn-{i}")
    assert page.evaluate("document.querySelector('#canvas svg').classList.contains('focus')")
    highlighted = page.evaluate("Array.from(document.querySelectorAll('#canvas svg .hl')).map(e => e.id)")
    for node_id in ("O1", "C1", "KAU-WAS", "KA-WAS"):  # the path to the outcome
        assert f"pn-{_index(page, node_id)}" in highlighted
    for node_id in ("KO-WAS-1", "KO-WAS-2"):  # descendants (stacked cells)
        assert f"a_pn-{_index(page, node_id)}" in highlighted
    assert f"pn-{_index(page, 'C2')}" not in highlighted
    assert f"pe-{_index(page, 'KAU-WAS')}" in highlighted  # edges on the path
    c2_opacity = page.evaluate(f"getComputedStyle(document.getElementById('pn-{_index(page, 'C2')}')).opacity")
    assert float(c2_opacity) < 0.5  # others dimmed
    details = page.inner_text("#details-body")
    assert "KA-WAS" in details and "Terumuskannya Kebijakan Teknis" in details
    assert "Jumlah dokumen kebijakan teknis" in details and "2024: 2" in details
    assert "PK/SKP JF" in details and "O1" in details  # band and path
    page.screenshot(path=str(tmp_path / "viewer-click.png"))
    assert (tmp_path / "viewer-click.png").stat().st_size > 10000
    assert not page.errors


def test_click_on_stacked_leaf(page):
    i = _index(page, "KO-WAS-2")
    page.click(f"#a_pn-{i}")
    details = page.inner_text("#details-body")
    assert "Terselenggaranya Koordinasi" in details and "KA-WAS" in details


def test_search_highlights_matches(page):
    page.fill("#search", "kewaspadaan")
    matched = page.evaluate("Array.from(document.querySelectorAll('#canvas svg .match')).map(e => e.id)")
    expected = {f"pn-{_index(page, 'KAU-WAS')}", f"pn-{_index(page, 'KA-WAS')}"}
    assert expected <= set(matched)
    assert f"pn-{_index(page, 'C2')}" not in matched
    assert "cocok" in page.inner_text("#matches")
    page.fill("#search", "KO-WAS-2")  # by id
    matched = page.evaluate("Array.from(document.querySelectorAll('#canvas svg .match')).map(e => e.id)")
    assert matched == [f"a_pn-{_index(page, 'KO-WAS-2')}"]
    page.fill("#search", "")
    assert page.evaluate("document.querySelectorAll('#canvas svg .match').length") == 0


def test_user_text_renders_as_text_not_markup(page):
    assert page.evaluate("window.PWNED") is None
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    i = _index(page, "KAU-POL")
    page.click(f"#pn-{i}")
    assert "<script>window.PWNED=1</script>" in page.inner_text("#details-body")
    page.click("button[data-view=table]")
    assert "<script>window.PWNED=1</script>" in page.inner_text("#view-table")
    assert not page.errors


def test_outline_and_table_views_offline(page):
    page.click("button[data-view=outline]")
    assert page.is_visible("#view-outline") and not page.is_visible("#view-diagram")
    assert page.evaluate("document.querySelectorAll('#view-outline details').length") >= 4
    page.click("#collapse")
    assert page.evaluate("Array.from(document.querySelectorAll('#view-outline details')).every(d => !d.open)")
    page.click("button[data-view=table]")
    assert page.evaluate("document.querySelectorAll('#view-table tbody tr').length") == 9
    assert all(u.startswith(("file:", "data:", "about:")) for u in page.requests)  # no network


def test_pan_and_zoom_change_view_box(page):
    before = page.get_attribute("#canvas svg", "viewBox")
    box = page.locator("#canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    zoomed = page.get_attribute("#canvas svg", "viewBox")
    assert zoomed != before
    page.click("#fit")
    assert page.get_attribute("#canvas svg", "viewBox").split() == [f"{float(x):g}" for x in before.split()] or \
        [float(x) for x in page.get_attribute("#canvas svg", "viewBox").split()] == [float(x) for x in before.split()]


# -- check findings: badges, panel, status; a finding selects its box ------------------------------

LATIHAN = Path(__file__).parents[1] / "trees" / "latihan-kesalahan.yaml"


def _expected_findings(path: Path) -> dict[str, tuple[str, int]]:
    """Node id → (worst severity, number of errors and warnings), from the check itself."""
    from pohon.app import check_file
    from pohon.diagnostics import Severity

    out: dict[str, list] = {}
    for d in check_file(path).diagnostics:
        if d.node is not None and d.severity is not Severity.INFO:
            out.setdefault(d.node, []).append(d.severity)
    return {n: ("error" if Severity.ERROR in s else "warning", len(s)) for n, s in out.items()}


@pytest.fixture(scope="module")
def findings_files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("temuan")
    hostile = tmp / "hostile.yaml"
    hostile.write_text(HOSTILE_TREE, encoding="utf-8")
    out = {}
    for name, src, lang in (("latihan", LATIHAN, "id"), ("latihan-en", LATIHAN, "en"), ("hostile", hostile, "id")):
        target = tmp / f"{name}.html"
        r = CliRunner().invoke(main, ["render", str(src), "-o", str(target), "--lang", lang])
        assert r.exit_code == 0, r.output
        out[name] = target
    return out


def _open(browser, path: Path):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(path.as_uri())
    pg.wait_for_selector("#canvas svg")
    return context, pg


def test_findings_badges_panel_and_status(chromium_browser, findings_files):
    expected = _expected_findings(LATIHAN)
    context, pg = _open(chromium_browser, findings_files["latihan"])
    try:
        badges = pg.evaluate("""Array.from(document.querySelectorAll('#fbadges .fbadge')).map(b => ({
            id: window.pohonViewer.nodes[+b.getAttribute('data-badge')].id,
            cls: b.getAttribute('class'), text: b.querySelector('text').textContent}))""")
        got = {b["id"]: (b["cls"].split("fb-")[1], int(b["text"].split()[-1])) for b in badges}
        assert got == expected
        assert pg.is_visible(f"#fb-{_index(pg, 'KO4')}")
        assert pg.evaluate("document.querySelectorAll('#findings-list li').length") == sum(n for _, n in expected.values())
        assert pg.inner_text("#status").strip() == "⚠ 6 kesalahan, 20 peringatan"
        assert "Temuan pemeriksaan (26)" in pg.inner_text("#findings")
        # the outline and the table carry the same counts
        assert pg.evaluate("document.querySelectorAll('#view-outline .fb-inline').length") == len(expected)
        assert pg.evaluate("document.querySelectorAll('#view-table .fb-inline').length") == len(expected)
        pg.click("#status")  # hides and shows the panel
        assert not pg.is_visible("#findings-list")
        pg.click("#status")
        assert pg.is_visible("#findings-list")
        assert not pg.errors
    finally:
        context.close()


def test_clicking_a_finding_selects_its_box(chromium_browser, findings_files, tmp_path):
    context, pg = _open(chromium_browser, findings_files["latihan"])
    try:
        ko4 = _index(pg, "KO4")
        k = pg.evaluate("window.pohonViewer.findings.findIndex(f => f.node === 'KO4' && f.code === 'S006')")
        before = pg.get_attribute("#canvas svg", "viewBox")
        pg.click(f'#findings-list li[data-f="{k}"]')
        assert pg.evaluate("window.pohonViewer.selected()") == ko4
        assert "sel" in pg.get_attribute(f"#pn-{ko4}", "class")
        details = pg.inner_text("#details-body")
        assert details.startswith("KO4") and "S006" in details and "Terlaksananya patroli" in details
        assert "active" in pg.get_attribute(f'#findings-list li[data-f="{k}"]', "class")
        assert pg.get_attribute("#canvas svg", "viewBox") != before  # panned/zoomed to the box
        box = pg.locator(f"#pn-{ko4}").bounding_box()
        canvas = pg.locator("#canvas").bounding_box()
        assert canvas["x"] <= box["x"] and box["x"] + box["width"] <= canvas["x"] + canvas["width"]
        assert canvas["y"] <= box["y"] and box["y"] + box["height"] <= canvas["y"] + canvas["height"]
        # a box in a stacked column, from the outline view: its row is opened and highlighted
        pg.click("button[data-view=outline]")
        pg.click("#collapse")
        ko3 = _index(pg, "KO3")
        k3 = pg.evaluate("window.pohonViewer.findings.findIndex(f => f.node === 'KO3')")
        pg.click(f'#findings-list li[data-f="{k3}"]')
        assert pg.evaluate("window.pohonViewer.selected()") == ko3
        assert pg.is_visible(f'#view-outline [data-i="{ko3}"]')
        # clicking a box highlights its findings in the panel
        pg.click("button[data-view=diagram]")
        pg.click("#fit")
        pg.click(f"#fb-{_index(pg, 'KAU2')}")  # its badge selects it too
        hl = pg.evaluate("Array.from(document.querySelectorAll('#findings-list li.hl')).map(li => li.innerText)")
        assert pg.evaluate("window.pohonViewer.selected()") == _index(pg, "KAU2")
        assert len(hl) == 3 and all("KAU2" in t for t in hl)
        pg.screenshot(path=str(tmp_path / "temuan.png"))
        assert not pg.errors
    finally:
        context.close()


def test_findings_in_english(chromium_browser, findings_files):
    context, pg = _open(chromium_browser, findings_files["latihan-en"])
    try:
        assert pg.inner_text("#status").strip() == "⚠ 6 errors, 20 warnings"
        first = pg.inner_text("#findings-list li:first-child")
        assert first.startswith("error") and "kesalahan\n" not in pg.inner_text("#findings") and "Temuan" not in pg.inner_text("#findings")
    finally:
        context.close()


def test_hostile_finding_text_stays_text(chromium_browser, findings_files):
    context, pg = _open(chromium_browser, findings_files["hostile"])
    try:
        assert pg.evaluate("window.PWNED") is None
        assert pg.evaluate("document.querySelectorAll('script').length") == 2
        assert pg.evaluate("document.querySelectorAll('img').length") == 0
        evil = "X</script><img/src=x/onerror=window.PWNED=1>"
        assert evil in pg.inner_text("#findings-list")
        pg.click("#findings-list li:first-child")
        assert pg.evaluate("window.pohonViewer.selected()") == _index(pg, evil)
        assert pg.inner_text("#details-body").startswith(evil)
        assert pg.evaluate("window.PWNED") is None and not pg.errors
    finally:
        context.close()
