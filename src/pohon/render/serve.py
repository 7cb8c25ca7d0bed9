"""``pohon serve``: a live preview on 127.0.0.1 for trainers.

Standard library only (``http.server``). The page is the offline viewer plus a poll of
``/__versi`` every second; when the tree file changes the server re-renders and the page reloads.
A file that cannot be drawn shows its diagnostics above the last good diagram; the check
findings of the current file (rule errors and warnings too) are listed in the viewer's findings
panel and badged on their boxes, as in ``pohon render -f html``.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pohon.catalogue import t
from pohon.errors import PohonError

VERSION_PATH = "/__versi"


def _diag_rows(diags, lang: str) -> list[dict]:
    return [{"where": str(d.location), "code": d.code, "message": d.message(lang), "hint": d.hint(lang)}
            for d in diags]


class LivePreview:
    """Renders ``path`` again whenever its bytes change; thread-safe."""

    def __init__(self, path: str | Path, opts, interval_ms: int = 1000) -> None:
        self.path = Path(path)
        self.opts = replace(opts, interactive=True)
        self.lang = opts.lang
        self.interval_ms = interval_ms
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._version = ""
        self._html = ""
        self._good = None  # (tree, selection, svg) of the last file that rendered

    def _read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def refresh(self) -> None:
        try:
            st = self.path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        with self._lock:
            if stamp is not None and stamp == self._stamp and self._html:
                return
            raw = self._read()
            version = hashlib.sha256(raw).hexdigest()[:16] if raw is not None else "missing"
            self._stamp = stamp
            if version == self._version and self._html:
                return
            self._version = version
            try:
                self._html = self._render(raw)
            except Exception as exc:  # keep serving: show the problem on the page
                row = {"where": str(self.path), "code": "", "message": f"{type(exc).__name__}: {exc}", "hint": ""}
                self._html = self._error_page([row], {"interval": self.interval_ms})

    def _render(self, raw: bytes | None) -> str:
        from pohon.render.dot import build_dot, select
        from pohon.render.graphviz import render_formats
        from pohon.render.viewer import build_html

        live = {"poll": VERSION_PATH, "version": self._version, "interval": self.interval_ms}
        diags: list[dict] = []
        findings = None  # the current file's check findings (None: the file could not be read)
        if raw is None:
            diags = [{"where": str(self.path), "code": "", "message": t("render_serve_missing", self.lang), "hint": ""}]
        else:
            from pohon.app import check_file
            from pohon.diagnostics import Severity

            checked = check_file(self.path)
            findings = [d for d in checked.diagnostics if d.severity is not Severity.INFO]
            if checked.ok:
                try:
                    sel = select(checked.tree)
                    svg = render_formats(build_dot(checked.tree, self.opts, sel), ["svg"])["svg"]
                    self._good = (checked.tree, sel, svg)
                    return build_html(checked.tree, self.opts, sel, svg, live=live, findings=findings)
                except PohonError as exc:
                    diags = [{"where": str(self.path), "code": "", "message": exc.text(self.lang), "hint": ""}]
            else:
                diags = _diag_rows(checked.diagnostics, self.lang)
        if self._good is not None:
            tree, sel, svg = self._good
            live["diagnostics"] = diags
            live["message"] = t("render_serve_errors", self.lang, n=len(diags))
            return build_html(tree, self.opts, sel, svg, live=live, findings=findings)
        return self._error_page(diags, live)

    def _error_page(self, diags: list[dict], live: dict) -> str:
        items = "".join(
            f"<li><code>{escape(d['where'])}</code> <b>{escape(d['code'])}</b> {escape(d['message'])}"
            + (f" <i>{escape(d['hint'])}</i>" if d["hint"] else "") + "</li>" for d in diags)
        return (f'<!DOCTYPE html><html lang="{self.lang}"><head><meta charset="utf-8"><title>pohon</title>'
                '<style>body{font-family:sans-serif;margin:2em}#diagnostics{background:#fdecea;padding:1em;'
                'border-left:4px solid #c0392b}</style></head><body>'
                f'<section id="diagnostics" role="alert"><p><strong>{escape(t("render_serve_noprev", self.lang, n=len(diags)))}'
                f"</strong></p><ul>{items}</ul></section>"
                f"<script>var v={escape(repr(self._version))};setInterval(function(){{fetch({VERSION_PATH!r},"
                "{cache:'no-store'}).then(function(r){return r.text()}).then(function(x){if(x.trim()&&x.trim()!==v)"
                f"location.reload()}}).catch(function(){{}})}},{int(live['interval'])});</script></body></html>")

    def page(self) -> str:
        self.refresh()
        with self._lock:
            return self._html

    def version(self) -> str:
        self.refresh()
        with self._lock:
            return self._version


def make_server(preview: LivePreview, host: str = "127.0.0.1", port: int = 8765) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            path = self.path.split("?", 1)[0]
            if path == VERSION_PATH:
                self._send(200, preview.version().encode(), "text/plain; charset=utf-8")
            elif path in ("/", "/index.html"):
                self._send(200, preview.page().encode("utf-8"), "text/html; charset=utf-8")
            else:
                self._send(404, b"not found", "text/plain; charset=utf-8")

        def _send(self, code: int, body: bytes, ctype: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # quiet: the terminal is for the trainer
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def serve_forever(path, opts, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False,
                  lang: str = "id") -> None:
    import click

    preview = LivePreview(path, opts)
    try:
        server = make_server(preview, host, port)
    except OSError as exc:
        raise PohonError(t("render_serve_port", lang, port=port, error=exc.strerror or exc)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(t("render_serve_host", lang, host=host), err=True)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_address[1]}/"
    click.echo(t("render_serve_listening", lang, url=url), err=True)
    preview.refresh()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
