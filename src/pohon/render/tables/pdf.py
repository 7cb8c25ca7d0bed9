"""PDF writer: pohon typesets the document itself with Typst (the ``typst`` package bundles the
compiler; no LibreOffice, no browser).

Safe by construction: the document's text never becomes Typst markup. The table is written as
JSON (``data.json``) into a private temporary folder, the compile root, next to the template
(pohon's ``templates/tables/document.typ`` or the user's from ``--template-dir``) and the logo;
the template reads it with ``json()`` and places every text as a string, so ``#``, ``$``, ``*``,
``]`` or ``\\`` in a box print as themselves. The root holds nothing else: a template cannot read
the user's files (Typst refuses paths outside its root), nor local packages (the package folders
point into the root), nor download packages (a user's template compiles in a child process whose
proxy is unreachable, with a time and memory limit: :mod:`pohon.render.tables.typstchild`).

Fonts: only those Typst bundles (Libertinus Serif for text, DejaVu Sans Mono as fallback for
symbols), embedded and subset, so the bytes are the same on every machine. Deterministic: the
document has no date, and the PDF's timestamp is fixed.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from pohon.catalogue import t
from pohon.errors import PohonError
from pohon.render.tables.blocks import flow, letterhead_city, own_title
from pohon.render.tables.model import Cell, PageBreak, Paragraph, Signatures, Table, TableDoc
from pohon.render.tables.safe import make_safe

FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
TEMPLATE = "document.typ"
PAPER_MM = {"A4": (210, 297), "F4": (215, 330)}
_PROXY_VARS = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")
_NO_PROXY_VARS = ("NO_PROXY", "no_proxy")


def _cell(c: Cell, rows_left: int, cols_left: int) -> dict:
    """A cell for the template; spans cut to the table (Typst refuses a span beyond it)."""
    return {"text": c.text, "rowspan": max(1, min(int(c.rowspan), rows_left)),
            "colspan": max(1, min(int(c.colspan), cols_left)), "kind": c.kind, "style": c.style or "",
            "problem": bool(c.problem)}


def _cells(rows, ncols: int) -> list[dict]:
    n = len(rows)
    return [_cell(c, n - i, ncols - j) for i, row in enumerate(rows) for j, c in enumerate(row[:ncols])
            if c is not None]


def _block(b) -> dict:
    if isinstance(b, Paragraph):
        return {"type": "paragraph", "text": b.text or "", "style": b.style or ""}
    if isinstance(b, Table):
        ncols = max(1, len(b.columns) or max((len(r) for r in [*b.header, *b.rows]), default=1))
        widths = [float(w) if w and w > 0 else 10.0 for w in list(b.widths)[:ncols]]
        widths += [10.0] * (ncols - len(widths))
        return {"type": "table", "title": list(b.title), "widths": widths, "header": _cells(b.header, ncols),
                "body": _cells(b.rows, ncols)}
    if isinstance(b, Signatures):
        return {"type": "signatures", "place_date": b.place_date or "", "parties": [
            {"party": s.party or "", "position": s.position or "", "name": s.name or "", "nip": s.nip or "",
             "rank": s.rank or ""} for s in b.parties]}
    if isinstance(b, PageBreak):
        return {"type": "pagebreak"}
    raise TypeError(f"not a block: {b!r}")


def document_data(doc: TableDoc, logo_name: str = "") -> dict:
    """Everything a document template reads (``data.json``); documented in templates/README.md."""
    lang = doc.lang
    head = doc.letterhead
    city = letterhead_city(doc)
    width, height = PAPER_MM.get(doc.paper, PAPER_MM["A4"])
    return {
        "lang": lang,
        "kind": doc.kind,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "footer": doc.title,
        "page": {"paper": doc.paper, "width": width, "height": height, "landscape": doc.orientation == "landscape"},
        "labels": {"page": t("dok_halaman", lang), "of": t("dok_dari", lang), "nip": "NIP",
                   "findings": t("tabel_catatan_periksa", lang)},
        "letterhead": None if not head else {"pemda": head.pemda, "nama": head.nama, "alamat": head.alamat,
                                             "kontak": head.kontak, "kota": head.kota, "logo": logo_name},
        "sections": [{"name": sec.full_name, "title": list(sec.title), "own_title": own_title(sec),
                      "blocks": [_block(b) for b in flow(sec, city)]} for sec in doc.sections],
        "findings": list(doc.findings),
    }


USER_TIMEOUT = 120  # seconds a user's template may take (in a child process)
USER_MEMORY = 4 << 30  # bytes of address space it may use


class _TemplateFailed(Exception):
    def __init__(self, message: str, diagnostic: str = "") -> None:
        super().__init__(message)
        self.message, self.diagnostic = message, diagnostic


def to_pdf(doc: TableDoc, source: bytes, user_path: str | None = None, fonts: str | None = None) -> bytes:
    """``doc`` typeset with the Typst template ``source``: pohon's (in this process), or the
    user's at ``user_path`` (in a child process with a time and memory limit), which may also
    use the fonts of the folder ``fonts`` (``fonts/`` beside it, e.g. Arial or Bookman Old Style)."""
    make_safe(doc)
    head = doc.letterhead
    logo = head.logo if head and head.logo else None
    try:
        return _compile(doc, source, logo, head.logo_type if logo else "", user_path, fonts)
    except _TemplateFailed as e:
        if user_path is not None:
            raise PohonError("tabel_templat_galat", file=user_path, line=_line_of(e), detail=_detail(e)) from None
        if logo is not None:  # a logo Typst cannot decode: the document without it
            return _compile(doc, source, None, "", None)
        raise RuntimeError(f"pohon's Typst template failed: {e.message} {e.diagnostic}") from None


def _compile(doc: TableDoc, source: bytes, logo: bytes | None, logo_type: str, user_path: str | None,
             fonts: str | None = None) -> bytes:
    logo_name = f"logo.{logo_type}" if logo else ""
    data = document_data(doc, logo_name)
    with tempfile.TemporaryDirectory(prefix="pohon-typst-") as root:  # private (0700), removed after
        Path(root, "data.json").write_bytes(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        main = os.path.join(root, TEMPLATE)
        Path(main).write_bytes(source)
        if logo:
            Path(root, logo_name).write_bytes(logo)
        packages = os.path.join(root, "packages")
        os.mkdir(packages)
        if user_path is not None:
            return _compile_child(root, user_path, fonts)
        import typst

        try:  # pohon's own template imports no package
            return typst.compile(main, root=root, ignore_system_fonts=True, timestamp=FIXED_TIME,
                                 package_path=packages, package_cache_path=packages)
        except typst.TypstError as e:
            raise _TemplateFailed(str(getattr(e, "message", "") or e), str(getattr(e, "diagnostic", ""))) from None


def _compile_child(root: str, user_path: str, fonts: str | None = None) -> bytes:
    import subprocess
    import sys

    env = dict(os.environ)
    for k in _PROXY_VARS:
        env[k] = "http://127.0.0.1:9"
    for k in _NO_PROXY_VARS:
        env.pop(k, None)
    try:
        res = subprocess.run([sys.executable, "-m", "pohon.render.tables.typstchild", root, *([fonts] if fonts else [])],
                             capture_output=True, timeout=USER_TIMEOUT, env=env, cwd=root, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise PohonError("dok_templat_terlalu_lama", file=user_path, seconds=USER_TIMEOUT) from None
    if res.returncode == 3:
        try:
            found = json.loads(res.stderr.decode("utf-8", "replace"))
            raise _TemplateFailed(str(found.get("message", "")), str(found.get("diagnostic", "")))
        except ValueError:
            pass
    if res.returncode != 0 or not res.stdout.startswith(b"%PDF"):
        raise PohonError("dok_templat_gagal", file=user_path, code=res.returncode)
    return res.stdout


def _detail(e: _TemplateFailed) -> str:
    text = " ".join(e.message.split()) or type(e).__name__
    return text if len(text) <= 300 else text[:299] + "…"


def _line_of(e: _TemplateFailed) -> int:
    import re

    m = re.search(r":(\d+):\d+", e.diagnostic or "")
    return int(m.group(1)) if m else 0
