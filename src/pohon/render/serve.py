"""``pohon serve``: a live preview on 127.0.0.1 for trainers.

Standard library only (``http.server``). The page is the offline viewer plus a poll of
``/__versi`` every second; when the tree file changes the server re-renders and the page reloads.
A file that cannot be drawn shows its diagnostics above the last good diagram (or alone, and
reloads by itself once the file is fixed); the check findings of the current file (rule errors
and warnings too) are listed in the viewer's findings panel and badged on their boxes, as in
``pohon render -f html``.

Limits: the watched file is read only while it is a regular file of at most 32 MB (a link to
``/dev/zero`` or a FIFO shows a message, it never blocks the server or fills memory); a
connection that sends nothing for ``IDLE_TIMEOUT`` seconds is closed, and at most
``MAX_CONNECTIONS`` are served at once (one thread each). IPv4 and IPv6 addresses both work.
"""

from __future__ import annotations

import hashlib
import json
import socket
import socketserver
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pohon.catalogue import t, word
from pohon.errors import PohonError

VERSION_PATH = "/__versi"
IDLE_TIMEOUT = 10.0  # seconds a connection may stay silent
MAX_CONNECTIONS = 32  # connections (threads) served at once
MAX_BYTES = 32 * 1024 * 1024  # the watched file, as `pohon check`'s default limit


def _diag_rows(diags, lang: str) -> list[dict]:
    return [{"where": str(d.location), "code": d.code, "message": d.message(lang), "hint": d.hint(lang)}
            for d in diags]


class LivePreview:
    """Renders ``path`` again whenever its bytes change; thread-safe."""

    def __init__(self, path: str | Path, opts, interval_ms: int = 1000) -> None:
        self.path = Path(path)
        self.opts = opts.replace(interactive=True)
        self.lang = opts.lang
        self.interval_ms = interval_ms
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._version = ""
        self._html = ""
        self._good = None  # (tree, selection, svg) of the last file that rendered

    def _read(self) -> bytes | str | None:
        """The file's bytes; None when it is missing; the reason (a message) when it is not read."""
        from pohon.io import ReadError, read_limited

        try:
            return read_limited(self.path, MAX_BYTES)
        except ReadError as exc:
            if not self.path.exists() and not self.path.is_symlink():
                return None
            return word(exc.reason, self.lang)

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
            if isinstance(raw, bytes):
                version = hashlib.sha256(raw).hexdigest()[:16]
            else:
                version = "missing" if raw is None else "unreadable-" + hashlib.sha256(raw.encode()).hexdigest()[:8]
            self._stamp = stamp
            if version == self._version and self._html:
                return
            self._version = version
            try:
                self._html = self._render(raw)
            except Exception as exc:  # keep serving: show the problem on the page
                text = f"{type(exc).__name__}: {exc}"
                row = {"where": str(self.path), "code": "", "message": text[:300], "hint": ""}
                self._html = self._error_page([row], {"interval": self.interval_ms})

    def _render(self, raw: bytes | str | None) -> str:
        from pohon.render.dot import build_dot, select
        from pohon.render.graphviz import render_formats
        from pohon.render.viewer import build_html

        live = {"poll": VERSION_PATH, "version": self._version, "interval": self.interval_ms}
        diags: list[dict] = []
        findings = None  # the current file's check findings (None: the file could not be read)
        if raw is None:
            diags = [{"where": str(self.path), "code": "", "message": t("render_serve_missing", self.lang), "hint": ""}]
        elif isinstance(raw, str):  # not a regular file, or too big: never handed to the loader
            diags = [{"where": str(self.path), "code": "", "message": raw, "hint": ""}]
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
                # JSON, not HTML escapes: the text of a <script> element is not HTML
                f"<script>var v={_js(self._version)};setInterval(function(){{fetch({_js(VERSION_PATH)},"
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


def _js(value) -> str:
    """A value as a JavaScript literal inside ``<script>`` (no ``</script>`` can end it early)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Server(ThreadingHTTPServer):
    """A threading HTTP server for one address family, with at most ``max_connections`` threads:
    a connection beyond them waits a moment for a free slot, then is closed."""

    daemon_threads = True

    def __init__(self, address, handler, family: int, max_connections: int) -> None:
        self.address_family = family
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def server_bind(self) -> None:
        # HTTPServer would look the name up in DNS (socket.getfqdn), which can hang; not needed
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(timeout=1.0):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_server(preview: LivePreview, host: str = "127.0.0.1", port: int = 8765, *,
                idle_timeout: float = IDLE_TIMEOUT, max_connections: int = MAX_CONNECTIONS) -> ThreadingHTTPServer:
    """The preview's HTTP server on ``host`` (an IPv4 or IPv6 address or a name) and ``port``.
    Raises OSError (``socket.gaierror`` for an unknown host) when it cannot listen there."""

    class Handler(BaseHTTPRequestHandler):
        timeout = idle_timeout  # a half-sent request does not hold its thread for ever
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

    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    return _Server(address, Handler, family, max_connections)


def serve_forever(path, opts, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False,
                  lang: str = "id") -> None:
    import click

    preview = LivePreview(path, opts)
    try:
        server = make_server(preview, host, port)
    except OSError as exc:
        raise PohonError(t("render_serve_bind", lang, host=host[:100], port=port, error=exc.strerror or exc)) from None
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
