"""What ``pohon render`` does: load, choose formats and output paths, draw, write.

Every output path is decided and checked (``--force``) before anything is written, so a
refused overwrite leaves no half-written set of files behind.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from pohon.catalogue import t
from pohon.errors import PohonError
from pohon.io import ensure_writable, write_bytes
from pohon.render.graphviz import FORMATS

PAGE_LIMIT = 150  # --pisah: at most this many boxes on a page ...
PAGE_COLUMNS = 8  # ... and this many box columns (about one legible A3 landscape sheet)
PARALLEL_FROM = 2000  # nodes; below this a process pool costs more than it saves



@dataclass
class Page:
    name: str  # "" for the whole diagram, else the id of the page's top node
    selection: object  # pohon.render.dot.Selection


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    pages: int = 0
    nodes: int = 0


def parse_formats(values, lang: str = "id") -> list[str]:
    """``--format svg,png --format pdf`` → ["svg", "png", "pdf"] (order kept, no repeats)."""
    out: list[str] = []
    for value in values or ():
        for part in str(value).split(","):
            fmt = part.strip().lower().lstrip(".")
            if not fmt:
                continue
            if fmt not in FORMATS:
                raise PohonError(t("render_bad_format", lang, fmt=fmt, allowed=", ".join(FORMATS)))
            if fmt not in out:
                out.append(fmt)
    return out


def output_targets(tree_path: Path, output: str | Path | None, formats: list[str], lang: str = "id") -> tuple[list[str], dict[str, Path]]:
    """Formats and one base output path per format (the page name is added later for --pisah).

    ``-o diagram.pdf`` picks the format from the extension; ``-o folder/`` (or an existing folder)
    writes ``folder/<tree name>.<ext>``; no ``-o`` writes ``<tree name>.<ext>`` here.
    """
    stem = tree_path.stem
    if output is None:
        formats = formats or ["svg"]
        return formats, {f: Path(f"{stem}.{f}") for f in formats}
    text = str(output)
    output = Path(output)
    if output.is_dir() or text.endswith(("/", os.sep)):
        formats = formats or ["svg"]
        return formats, {f: output / f"{stem}.{f}" for f in formats}
    suffix = output.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        if not formats:
            formats = [suffix]
        elif suffix not in formats:
            raise PohonError(t("render_ext_mismatch", lang, path=output, fmt=",".join(formats)))
        base = output.with_suffix("")
        return formats, {f: output if f == suffix else base.with_name(f"{base.name}.{f}") for f in formats}
    if not formats:
        raise PohonError(t("render_ext_unknown", lang, path=output, allowed=", ".join(FORMATS)))
    return formats, {f: output.with_name(f"{output.name}.{f}") for f in formats}


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def page_path(base: Path, page: str) -> Path:
    if not page:
        return base
    suffix = base.suffix
    return base.with_name(f"{base.stem}-{_UNSAFE.sub('_', page)}{suffix}")


def leaf_columns(tree) -> dict[str, int]:
    """Node id → how many box columns its subtree needs at the bottom of a diagram.

    Mirrors the drawing: sibling leaves of one role stack into one column (two from
    ``stack_two_columns_from`` = 4 leaves); everything else sits side by side.
    """
    cols: dict[str, int] = {}
    for node in reversed(list(tree.walk())):
        kids = tree.children(node.id)
        if not kids:
            cols[node.id] = 1
        elif len(kids) >= 2 and all(not tree.children(k.id) for k in kids) \
                and len({k.role_key for k in kids}) == 1:
            cols[node.id] = 2 if len(kids) >= 4 else 1
        else:
            cols[node.id] = max(1, sum(cols[k.id] for k in kids))
    return cols


def split_pages(tree, root: str | None = None, limit: int = PAGE_LIMIT, max_columns: int = PAGE_COLUMNS) -> list[Page]:
    """``--pisah``: pages that each fit about one A3 sheet.

    Every top node gets an overview page (itself and its children, with "+n nodes below") and
    each child (CSF) subtree its own page; below that, a subtree that fits (at most ``limit`` nodes and ``max_columns``
    box columns) is one page, consecutive small sibling subtrees share a page, and a subtree
    too big is split again the same way. Each page repeats the ancestors of what it shows
    (marked as context) so a reader sees where it hangs.
    """
    from pohon.render.dot import Selection, select, subtree_sizes

    sizes = subtree_sizes(tree)
    cols = leaf_columns(tree)
    pages: list[Page] = []

    def fits(node_id: str) -> bool:
        return sizes[node_id] + 1 <= limit and cols[node_id] <= max_columns

    def context_of(node_id: str) -> list:
        return list(reversed(tree.ancestors(node_id)))

    def split(node_id: str) -> None:
        """``node_id`` does not fit: overview, then its children packed or split further."""
        context = context_of(node_id)
        over = select(tree, node_id, 1)
        pages.append(Page(node_id, Selection(context + over.nodes, over.hidden, {n.id for n in context})))
        group: list[str] = []
        n_nodes = n_cols = 0

        def flush() -> None:
            if not group:
                return
            ctx = context + [tree.node(node_id)]
            nodes = list(ctx)
            for child in group:
                nodes.extend(tree.subtree(child))
            name = group[0] if len(group) == 1 else f"{group[0]}--{group[-1]}"
            pages.append(Page(name, Selection(nodes, {}, {n.id for n in ctx})))
            group.clear()

        for child in tree.children(node_id):
            cid = child.id
            if not fits(cid):
                flush()
                n_nodes = n_cols = 0
                if tree.children(cid):
                    split(cid)
                else:  # pragma: no cover - a single box always fits
                    group.append(cid)
                continue
            if group and (n_nodes + sizes[cid] + 1 > limit or n_cols + cols[cid] > max_columns):
                flush()
                n_nodes = n_cols = 0
            group.append(cid)
            n_nodes += sizes[cid] + 1
            n_cols += cols[cid]
        flush()

    starts = [root] if root else [n.id for n in tree if tree.parent(n.id) is None]
    for start in starts:  # the top: an overview, then one page per child (CSF) subtree
        pages.append(Page(start, select(tree, start, 1 if tree.children(start) else 0)))
        for child in tree.children(start):
            if fits(child.id):
                context = context_of(child.id)
                pages.append(Page(child.id, Selection(context + tree.subtree(child.id), {},
                                                      {n.id for n in context})))
            else:
                split(child.id)
    return pages


# State shared with forked worker processes (set just before the pool starts; read-only there).
_JOB: dict = {}


def _page_job(k: int) -> None:
    """Draw and write every format of page ``k`` of the current job; returns the paths written."""
    from pohon.render.dot import build_dot
    from pohon.render.graphviz import render_formats

    job = _JOB
    tree, opts, page = job["tree"], job["opts"], job["pages"][k]
    formats, paths, findings = job["formats"], job["paths"], job["findings"]
    name = page.name or "pohon"
    data: dict[str, bytes] = {}
    graphviz_formats = [f for f in formats if f in ("svg", "png", "pdf", "dot")]
    if graphviz_formats:
        marks = (findings or []) if opts.mark_findings else None
        data = render_formats(build_dot(tree, opts, page.selection, name=name, findings=marks),
                              graphviz_formats, job["dpi"])
    if "html" in formats:  # the viewer's SVG carries ids/links on stacked boxes; it badges findings itself
        from pohon.render.viewer import build_html

        live = replace(opts, interactive=True)
        svg = render_formats(build_dot(tree, live, page.selection, name=name), ["svg"])["svg"]
        data["html"] = build_html(tree, opts, page.selection, svg, findings=findings).encode("utf-8")
    for f in formats:
        write_bytes(paths[(page.name, f)], data[f], force=job["force"])


def _workers(pages: int, nodes: int) -> int:
    if pages < 2 or nodes < PARALLEL_FROM or not hasattr(os, "fork"):
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(pages, cpus, 8))


def _run_pages(count: int, workers: int) -> None:
    """Draw pages ``0..count-1``; with several workers, in forked children.

    Children inherit the loaded tree (nothing is pickled), write their own files and leave with
    ``os._exit``: a normal interpreter exit would walk (and copy-on-write) the whole inherited
    heap. ``gc.freeze`` keeps their collector off it too.
    """
    if workers <= 1:
        for k in range(count):
            _page_job(k)
        return
    import gc
    import pickle

    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # (again: objects made since render_tree started)
    children = []
    for w in range(workers):
        chunk = range(w, count, workers)  # interleaved: big and small pages spread evenly
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_end)
            code, msg = 0, b""
            try:
                gc.disable()
                for k in chunk:
                    _page_job(k)
            except PohonError as exc:
                code, msg = 1, pickle.dumps((str(exc), exc.exit_code))
            except BaseException as exc:  # noqa: BLE001 - reported by the parent
                code, msg = 1, pickle.dumps((f"{type(exc).__name__}: {exc}", 3))
            try:
                os.write(write_end, msg)
            finally:
                os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    failures = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as fh:
            msg = fh.read()
        _, status = os.waitpid(pid, 0)
        if msg:
            failures.append(pickle.loads(msg))
        elif status != 0:
            failures.append((t("render_graphviz_failed", _JOB.get("lang", "id"), error=f"status {status}"), 3))
    if failures:
        message, code = failures[0]
        raise PohonError(message, code)


def render_tree(tree, formats: list[str], targets: dict[str, Path], opts, *, force: bool = False,
                dpi: int | None = None, split: bool = False, lang: str = "id",
                findings: list | None = None) -> RenderResult:
    """Draw ``tree`` in ``formats`` to ``targets`` (see :func:`output_targets`).

    ``findings``: the diagnostics of the tree's check (the caller's :class:`pohon.app.CheckedTree`),
    listed in the HTML viewer and, with ``opts.mark_findings`` (``--temuan``), marked on the boxes
    of the static diagrams. None: the tree was not checked (no findings panel, no marks).
    """

    if opts.root is not None and opts.root not in tree:
        raise PohonError(t("render_unknown_root", lang, id=opts.root))
    if len(tree) == 0:
        raise PohonError(t("render_empty", lang))
    from pohon.gcpause import frozen_heap

    # The loaded tree is millions of long-lived objects: keep the cyclic GC from rescanning
    # them on every allocation burst below (10× faster page building at 50k nodes).
    with frozen_heap():
        return _render_tree(tree, formats, targets, opts, force=force, dpi=dpi, split=split, lang=lang,
                            findings=findings)


def _render_tree(tree, formats, targets, opts, *, force, dpi, split, lang, findings) -> RenderResult:
    from pohon.render.dot import select

    if split:
        pages = split_pages(tree, opts.root)
        if opts.depth is not None:  # --depth limits each page below its top node
            pages = [Page(p.name, _limit(tree, p.selection, opts.depth)) for p in pages]
    else:
        pages = [Page("", select(tree, opts.root, opts.depth))]

    paths: dict[tuple[str, str], Path] = {}
    taken: set[Path] = set()
    for p in pages:
        for f in formats:
            path, n = page_path(targets[f], p.name), 1
            while path in taken:  # two ids that read the same once made file-safe
                n += 1
                path = page_path(targets[f], f"{p.name}-{n}")
            taken.add(path)
            paths[(p.name, f)] = path
    for path in paths.values():
        ensure_writable(path, force)

    total = sum(len(p.selection.nodes) for p in pages)
    _JOB.clear()
    _JOB.update(tree=tree, opts=opts, pages=pages, formats=formats, paths=paths, dpi=dpi, force=force, lang=lang,
                findings=findings)
    try:
        _run_pages(len(pages), _workers(len(pages), total))
    finally:
        _JOB.clear()
    written = [Path(paths[(p.name, f)]) for p in pages for f in formats]
    return RenderResult(written, pages=len(pages), nodes=total)


def _limit(tree, selection, depth: int):
    from pohon.render.dot import Selection, subtree_sizes

    top = next((n for n in selection.nodes if n.id not in selection.context), None)
    if top is None:
        return selection
    base = tree.depth(top.id)
    keep, hidden = [], dict(selection.hidden)
    sizes = subtree_sizes(tree)
    for n in selection.nodes:
        d = tree.depth(n.id) - base
        if n.id in selection.context or d <= depth:
            keep.append(n)
            if d == depth and n.id not in selection.context and sizes.get(n.id):
                hidden[n.id] = sizes[n.id]
    return Selection(keep, hidden, selection.context)
