"""The offline HTML viewer in a real browser (Debian Chromium through playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.cli import main

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
