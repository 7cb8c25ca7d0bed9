"""`pohon serve`: re-render on change, diagnostics on the page, localhost only."""

from __future__ import annotations

import os
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from pohon.render.dot import RenderOptions
from pohon.render.serve import VERSION_PATH, LivePreview, make_server

MINI = Path(__file__).parent / "fixtures" / "render" / "mini.yaml"


@pytest.fixture()
def live(tmp_path):
    src = tmp_path / "pohon.yaml"
    shutil.copy(MINI, src)
    preview = LivePreview(src, RenderOptions(), interval_ms=200)
    server = make_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield src, base, server
    server.shutdown()
    server.server_close()


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def touch_with(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a visible mtime change


def test_serves_viewer_and_version(live):
    src, base, server = live
    assert server.server_address[0] == "127.0.0.1"
    page = get(base + "/")
    assert "<svg" in page and "Kesbangpol Contoh" in page and VERSION_PATH in page
    v1 = get(base + VERSION_PATH)
    assert v1 == get(base + VERSION_PATH)  # stable while the file is unchanged
    touch_with(src, src.read_text(encoding="utf-8").replace("Kesbangpol Contoh", "Kesbangpol Baru"))
    v2 = get(base + VERSION_PATH)
    assert v2 != v1
    assert "Kesbangpol Baru" in get(base + "/")


def test_errors_shown_on_page_with_last_good_diagram(live):
    src, base, _ = live
    get(base + "/")
    touch_with(src, src.read_text(encoding="utf-8").replace("kinerja:", "kinerja: [\n"))
    page = get(base + "/")
    assert 'id="diagnostics"' in page and "F001" in page
    assert "<svg" in page  # the last good diagram stays


def test_error_page_without_previous_diagram(tmp_path):
    src = tmp_path / "bad.yaml"
    src.write_text("pohon: 1\norganisasi: {nama: <b>X</b>}\nperiode: 2024\nkinerja: []\n", encoding="utf-8")
    preview = LivePreview(src, RenderOptions())
    page = preview.page()
    assert 'id="diagnostics"' in page and "<svg" not in page
    assert "<b>X</b>" not in page
    src.unlink()
    assert "missing" == preview.version()


def test_unknown_path_is_404(live):
    _, base, _ = live
    with pytest.raises(urllib.error.HTTPError) as exc:
        get(base + "/../../etc/passwd")
    assert exc.value.code == 404


def _title(page) -> str:
    try:
        return page.title()
    except Exception:  # the page is being replaced by the reload
        return ""


def test_browser_page_reloads_on_change(live, chromium_browser):
    src, base, _ = live
    page = chromium_browser.new_page()
    try:
        page.goto(base + "/")
        page.wait_for_selector("#canvas svg")
        touch_with(src, src.read_text(encoding="utf-8").replace("Kesbangpol Contoh", "Kesbangpol Segar"))
        deadline = time.time() + 8
        while "Kesbangpol Segar" not in _title(page) and time.time() < deadline:
            time.sleep(0.1)
        assert "Kesbangpol Segar" in _title(page)  # the page reloaded by itself
        touch_with(src, "pohon: 1\nkinerja: [\n")
        page.wait_for_selector("#diagnostics", timeout=8000)
        assert "F001" in page.inner_text("#diagnostics")
    finally:
        page.close()


def test_preview_does_not_rerender_unchanged_file(tmp_path):
    src = tmp_path / "p.yaml"
    shutil.copy(MINI, src)
    preview = LivePreview(src, RenderOptions())
    first = preview.page()
    t0 = time.perf_counter()
    for _ in range(50):
        assert preview.page() is first
    assert time.perf_counter() - t0 < 5  # cached: a stat per call, no layout


def _findings(page: str) -> list[dict]:
    import json
    import re

    block = re.search(r'<script type="application/json" id="pohon-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)["findings"]


def test_findings_of_the_current_file_are_shown(live):
    src, base, _ = live
    page = get(base + "/")
    assert 'id="findings"' in page and "9 peringatan" in page  # mini.yaml: warnings only
    assert {f["sev"] for f in _findings(page)} == {"warning"}
    # valid YAML, but a rule error: the new diagram, with the error listed and badged
    touch_with(src, src.read_text(encoding="utf-8").replace("                        satuan: orang\n", ""))
    page = get(base + "/")
    errors = [f for f in _findings(page) if f["sev"] == "error"]
    assert [(f["code"], f["node"]) for f in errors] == [("M002", "KO-WAS-2")]
    assert errors[0]["i"] is not None and "1 kesalahan, 9 peringatan" in page
    assert 'id="diagnostics"' not in page  # it could be drawn: no load-error banner
    # a load error: the banner above the last good diagram stays, and the status says why
    touch_with(src, src.read_text(encoding="utf-8").replace("kinerja:", "kinerja: [\n"))
    page = get(base + "/")
    assert 'id="diagnostics"' in page and "<svg" in page
    assert [f["code"] for f in _findings(page)] == ["F001"] and "1 kesalahan" in page


def test_browser_shows_findings_of_the_served_file(live, chromium_browser):
    src, base, _ = live
    touch_with(src, src.read_text(encoding="utf-8").replace("                        satuan: orang\n", ""))
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(base + "/")
        page.wait_for_selector("#findings-list li")
        assert page.inner_text("#status").strip() == "⚠ 1 kesalahan, 9 peringatan"
        assert page.evaluate("document.querySelectorAll('#findings-list li').length") == 10
        node = page.evaluate("window.pohonViewer.nodes.findIndex(n => n.id === 'KO-WAS-2')")
        assert "fb-error" in page.get_attribute(f"#fb-{node}", "class")
        page.click("#findings-list li:first-child")  # errors come first
        assert page.evaluate("window.pohonViewer.selected()") == node
        assert "M002" in page.inner_text("#details-body")
    finally:
        page.close()


# -- hostile input and connections (issue 8) ---------------------------------------------------

def test_error_page_script_is_javascript(tmp_path):
    src = tmp_path / "bad.yaml"
    src.write_text("pohon: 1\nkinerja: [\n", encoding="utf-8")
    page = LivePreview(src, RenderOptions()).page()
    script = page[page.rindex("<script>") + 8:page.rindex("</script>")]
    assert "&#x27;" not in script and "&quot;" not in script
    assert f'var v="{LivePreview(src, RenderOptions()).version()}"' in script
    assert f'fetch("{VERSION_PATH}"' in script


def test_browser_error_page_reloads_once_the_file_is_fixed(tmp_path, chromium_browser):
    src = tmp_path / "pohon.yaml"
    src.write_text("pohon: 1\nkinerja: [\n", encoding="utf-8")
    preview = LivePreview(src, RenderOptions(), interval_ms=200)
    server = make_server(preview, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    page = chromium_browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        page.wait_for_selector("#diagnostics")
        touch_with(src, MINI.read_text(encoding="utf-8"))
        page.wait_for_selector("#canvas svg", timeout=8000)  # reloaded by itself: the viewer
        assert errors == []
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def _ipv6_loopback() -> bool:
    import socket

    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_serves_on_ipv6_loopback(tmp_path):
    src = tmp_path / "pohon.yaml"
    shutil.copy(MINI, src)
    server = make_server(LivePreview(src, RenderOptions()), "::1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        assert server.server_address[0] == "::1"
        assert len(get(f"http://[::1]:{server.server_address[1]}{VERSION_PATH}")) == 16
    finally:
        server.shutdown()
        server.server_close()


def test_cli_names_the_address_it_cannot_use(tmp_path):
    from click.testing import CliRunner

    from pohon.cli import main

    r = CliRunner().invoke(main, ["serve", str(MINI), "--host", "tidak-ada.invalid", "--port", "0"])
    assert r.exit_code == 2 and "tidak-ada.invalid" in r.output and "Port 0" not in r.output


def test_idle_connections_time_out_and_threads_are_bounded(tmp_path):
    import socket

    src = tmp_path / "pohon.yaml"
    shutil.copy(MINI, src)
    server = make_server(LivePreview(src, RenderOptions()), "127.0.0.1", 0, idle_timeout=0.5, max_connections=4)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    port = server.server_address[1]
    base = threading.active_count()
    socks = []
    try:
        for _ in range(60):  # half-sent requests that never finish
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET / HTTP/1.1\r\nHost: x")
            socks.append(s)
        time.sleep(0.3)
        assert threading.active_count() - base <= 4
        assert len(get(f"http://127.0.0.1:{port}{VERSION_PATH}")) == 16  # still served
        deadline = time.time() + 10
        while threading.active_count() > base and time.time() < deadline:
            time.sleep(0.05)
        assert threading.active_count() == base  # the idle ones were closed
    finally:
        for s in socks:
            s.close()
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs /dev/zero and FIFOs")
def test_watched_file_replaced_by_a_device_or_fifo(tmp_path):
    src = tmp_path / "pohon.yaml"
    shutil.copy(MINI, src)
    preview = LivePreview(src, RenderOptions())
    assert "<svg" in preview.page()
    for make in (lambda: os.symlink("/dev/zero", src), lambda: os.mkfifo(src)):
        src.unlink()
        make()
        result: list[str] = []
        worker = threading.Thread(target=lambda: result.append(preview.page()), daemon=True)
        worker.start()
        worker.join(10)
        assert result, "the preview blocked"
        assert "bukan berkas biasa" in result[0] and "<svg" in result[0]  # the last good diagram stays
