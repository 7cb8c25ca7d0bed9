"""What ``pohon render`` does: choose formats and output paths, draw, write.

Every output path is decided and checked (``--force``) before anything is drawn, so a refused
overwrite costs nothing. Output is all or nothing: every file (one per format, or per page and
format with ``--pisah``) is first written into a hidden folder next to its target
(``.pohon-XXXX/``; a set of one file: a hidden file beside it) and moved into place only when all
of them are complete; a failed page, a full disk or an interrupted run leaves no partial set
behind. ``--pisah`` draws pages in forked
worker processes that take pages from one queue and die with their parent.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from contextlib import contextmanager
from pathlib import Path

from pohon.catalogue import t
from pohon.errors import PohonError
from pohon.render.graphviz import FORMATS

PAGE_LIMIT = 150  # --pisah: at most this many boxes on a page ...
PAGE_COLUMNS = 8  # ... and this many box columns (about one legible A3 landscape sheet)
PARALLEL_FROM = 2000  # nodes; below this a process pool costs more than it saves
MAX_WORKERS = 8
MAX_PAGE_NAME = 80  # characters of a page's id in its file name (a longer id is cut, plus a digest)



# Plain classes, not dataclasses: defining a dataclass costs ~0.5 ms at import, on every render.
class Page:
    __slots__ = ("name", "selection")

    def __init__(self, name: str, selection) -> None:
        self.name = name  # "" for the whole diagram, else the id of the page's top node
        self.selection = selection  # pohon.render.dot.Selection

    def __repr__(self) -> str:
        return f"Page(name={self.name!r}, selection={self.selection!r})"


class RenderResult:
    __slots__ = ("written", "pages", "nodes")

    def __init__(self, written: list[Path] | None = None, pages: int = 0, nodes: int = 0) -> None:
        self.written = [] if written is None else written
        self.pages = pages
        self.nodes = nodes

    def __repr__(self) -> str:
        return f"RenderResult(written={self.written!r}, pages={self.pages!r}, nodes={self.nodes!r})"


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


def is_folder(output: str | Path | None) -> bool:
    """Whether ``-o`` names a folder (an existing one, or a name ending in ``/``)."""
    return output is not None and (Path(output).is_dir() or str(output).endswith(("/", os.sep)))


def page_path(base: Path, page: str) -> Path:
    """``base`` with the page's id added to its name, made safe for any file system: letters,
    digits, ``.``, ``_`` and ``-`` only, and a long id cut to ``MAX_PAGE_NAME`` characters plus a
    digest of the whole id (a 300-character id would exceed the 255 bytes of a file name)."""
    if not page:
        return base
    safe = _UNSAFE.sub("_", page)
    if len(safe) > MAX_PAGE_NAME:
        import hashlib

        digest = hashlib.sha256(page.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        safe = f"{safe[:MAX_PAGE_NAME - 13]}-{digest}"
    stem = base.stem[:120]  # the tree file's own name, bounded too
    return base.with_name(f"{stem}-{safe}{base.suffix}")


def leaf_columns(tree, sizes: dict[str, int] | None = None) -> dict[str, int]:
    """Node id → how many box columns its subtree needs at the bottom of a diagram.

    Mirrors the drawing: sibling leaves of one role stack into one column (two from
    ``stack_two_columns_from`` = 4 leaves); everything else sits side by side. ``sizes``: the
    tree's :func:`pohon.render.dot.subtree_sizes`, when the caller has them (a leaf has size 0).
    """
    if sizes is None:
        from pohon.render.dot import subtree_sizes

        sizes = subtree_sizes(tree)
    cols: dict[str, int] = {}
    for node in reversed(list(tree.walk())):
        if not sizes[node.id]:
            cols[node.id] = 1
            continue
        kids = tree.children(node.id)
        if len(kids) >= 2 and all(not sizes[k.id] for k in kids) and len({k.role_key for k in kids}) == 1:
            cols[node.id] = 2 if len(kids) >= 4 else 1
        else:
            cols[node.id] = max(1, sum(cols[k.id] for k in kids))
    return cols


def _subtrees(tree, sizes: dict[str, int]):
    """``subtree(node_id)``: the node and everything below it, as ``tree.subtree`` lists them.

    ``tree.walk()`` is depth-first with parents before children and siblings in document
    order, so a subtree is the run of ``size + 1`` nodes that starts at its top: a slice of one
    list instead of a walk per page.
    """
    order = list(tree.walk())
    at = {n.id: k for k, n in enumerate(order)}

    def subtree(node_id: str) -> list:
        k = at.get(node_id)
        if k is None or order[k].id != node_id:  # pragma: no cover - a node outside the walk
            return tree.subtree(node_id)
        return order[k:k + sizes[node_id] + 1]

    return subtree


MAX_CONTEXT = 6  # ancestors repeated above a split page's subtree (the nearest ones)


def split_pages(tree, root: str | None = None, limit: int = PAGE_LIMIT, max_columns: int = PAGE_COLUMNS) -> list[Page]:
    """``--pisah``: pages that each fit about one A3 sheet.

    Every top node gets an overview page (itself and its children, with "+n nodes below") and
    each child (CSF) subtree its own page; below that, a subtree that fits (at most ``limit`` nodes and ``max_columns``
    box columns) is one page, consecutive small sibling subtrees share a page, and a subtree
    too big is split again the same way. Each page repeats the ancestors of what it shows (the
    nearest ``MAX_CONTEXT``, marked as context) so a reader sees where it hangs. No recursion: a
    chain thousands of levels deep splits like any tree.
    """
    from pohon.render.dot import Selection, select, subtree_sizes

    sizes = subtree_sizes(tree)
    cols = leaf_columns(tree, sizes)
    subtree = _subtrees(tree, sizes)
    pages: list[Page] = []

    def fits(node_id: str) -> bool:
        return sizes[node_id] + 1 <= limit and cols[node_id] <= max_columns

    def context_of(node_id: str) -> list:
        """The nearest ``MAX_CONTEXT`` ancestors, top first (never the whole way up a deep chain)."""
        out = []
        parent = tree.parent(node_id)
        while parent is not None and len(out) < MAX_CONTEXT:
            out.append(parent)
            parent = tree.parent(parent.id)
        return list(reversed(out))

    def plan(node_id: str) -> list[tuple[str, str, list[str]]]:
        """What follows the overview of ``node_id`` (which does not fit): its children packed into
        pages (``("group", node_id, ids)``) or split again (``("split", node_id, [child])``)."""
        items: list[tuple[str, str, list[str]]] = []
        group: list[str] = []
        n_nodes = n_cols = 0
        for child in tree.children(node_id):
            cid = child.id
            if not fits(cid):
                if group:
                    items.append(("group", node_id, group))
                    group = []
                n_nodes = n_cols = 0
                if tree.children(cid):
                    items.append(("split", node_id, [cid]))
                else:  # pragma: no cover - a single box always fits
                    group.append(cid)
                continue
            if group and (n_nodes + sizes[cid] + 1 > limit or n_cols + cols[cid] > max_columns):
                items.append(("group", node_id, group))
                group = []
                n_nodes = n_cols = 0
            group.append(cid)
            n_nodes += sizes[cid] + 1
            n_cols += cols[cid]
        if group:
            items.append(("group", node_id, group))
        return items

    def overview(node_id: str) -> Page:
        context = context_of(node_id)
        over = select(tree, node_id, 1)
        return Page(node_id, Selection(context + over.nodes, over.hidden, {n.id for n in context}))

    def group_page(parent_id: str, group: list[str]) -> Page:
        ctx = context_of(parent_id) + [tree.node(parent_id)]
        nodes = list(ctx)
        for child in group:
            nodes.extend(subtree(child))
        name = group[0] if len(group) == 1 else f"{group[0]}--{group[-1]}"
        return Page(name, Selection(nodes, {}, {n.id for n in ctx}))

    def split(node_id: str) -> None:
        """``node_id`` does not fit: overview, then its children packed or split further (depth first)."""
        pages.append(overview(node_id))
        stack = [iter(plan(node_id))]
        while stack:
            item = next(stack[-1], None)
            if item is None:
                stack.pop()
                continue
            kind, parent_id, ids = item
            if kind == "group":
                pages.append(group_page(parent_id, ids))
            else:
                pages.append(overview(ids[0]))
                stack.append(iter(plan(ids[0])))

    starts = [root] if root else [n.id for n in tree if tree.parent(n.id) is None]
    for start in starts:  # the top: an overview, then one page per child (CSF) subtree
        pages.append(Page(start, select(tree, start, 1 if tree.children(start) else 0)))
        for child in tree.children(start):
            if fits(child.id):
                context = context_of(child.id)
                pages.append(Page(child.id, Selection(context + subtree(child.id), {},
                                                      {n.id for n in context})))
            else:
                split(child.id)
    return pages


# State shared with forked worker processes (set just before the pool starts; read-only there).
_JOB: dict = {}


def _page_job(k: int) -> None:
    """Draw every format of page ``k`` of the current job into its staged files."""
    from pohon.render.dot import build_dot
    from pohon.render.graphviz import render_formats

    job = _JOB
    tree, opts, page = job["tree"], job["opts"], job["pages"][k]
    formats, findings = job["formats"], job["findings"]
    name = page.name or "pohon"
    data: dict[str, bytes] = {}
    graphviz_formats = [f for f in formats if f in ("svg", "png", "pdf", "dot")]
    if graphviz_formats:
        marks = (findings or []) if opts.mark_findings else None
        data = render_formats(build_dot(tree, opts, page.selection, name=name, findings=marks),
                              graphviz_formats, job["dpi"])
    if "html" in formats:  # the viewer's SVG carries ids/links on stacked boxes; it badges findings itself
        from pohon.render.viewer import build_html

        live = opts.replace(interactive=True)
        svg = render_formats(build_dot(tree, live, page.selection, name=name), ["svg"])["svg"]
        data["html"] = build_html(tree, opts, page.selection, svg, findings=findings).encode("utf-8")
    for f in formats:
        out = job["outputs"][(k, f)]
        try:
            with open(out.staged, "xb") as fh:
                fh.write(data[f])
        except OSError as exc:
            raise _write_error(out.final, exc) from None


def _write_error(path: Path, exc: OSError) -> PohonError:
    """A one-line message naming the file that could not be written, and why (exit 2): the same
    words as every other output of pohon (:mod:`pohon.io`)."""
    from pohon.io import _failed  # pohon.io's reasons for a failed write, shared on purpose

    return _failed(Path(path), exc)


def _workers(pages: int, nodes: int) -> int:
    if pages < 2 or nodes < PARALLEL_FROM or not hasattr(os, "fork"):
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(pages, cpus, MAX_WORKERS))


def _die_with_parent(parent: int) -> None:  # pragma: no cover - runs in a forked child
    """Make this worker end when its parent does, even by ``kill -9``: the kernel sends it SIGKILL
    (Linux ``PR_SET_PDEATHSIG``); elsewhere a thread waits for the parent's end of a pipe to close
    and exits (between two pages)."""
    lifeline = _JOB.get("lifeline")
    done = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            done = libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            done = False
    if not done and lifeline is not None:
        import threading

        def watch() -> None:
            try:
                os.read(lifeline, 1)
            finally:
                os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)


def _run_pages(count: int, workers: int) -> None:
    """Draw pages ``0..count-1``; with several workers, in forked children.

    Children inherit the loaded tree (nothing is pickled) and take page numbers from one pipe,
    biggest pages first, so no worker idles while another still has a queue. They write their
    own (staged) files, die with the parent, and leave with ``os._exit``: a normal interpreter exit
    would walk (and copy-on-write) the whole inherited heap; ``gc.freeze`` keeps their collector
    off it too. The first failure stops the others.
    """
    if workers <= 1:
        for k in range(count):
            _page_job(k)
        return
    import gc
    import pickle
    import selectors
    import signal

    sizes = [len(p.selection.nodes) for p in _JOB["pages"]]
    order = sorted(range(count), key=lambda k: -sizes[k])
    if sys.platform.startswith("linux"):
        import ctypes  # noqa: F401 - imported once here rather than in every child
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # (again: objects made since render_tree started)
    parent = os.getpid()
    jobs_r, jobs_w = os.pipe()
    life_r, life_w = os.pipe()
    _JOB["lifeline"] = life_r
    children: dict[int, int] = {}  # pid -> read end of its result pipe
    failures: list[tuple] = []
    try:
        for _ in range(workers):
            res_r, res_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                code, msg = 0, b""
                try:
                    os.close(jobs_w)
                    os.close(life_w)
                    os.close(res_r)
                    _die_with_parent(parent)
                    gc.disable()
                    while True:
                        b = os.read(jobs_r, 4)
                        if len(b) < 4:
                            break
                        _page_job(int.from_bytes(b, "little"))
                except PohonError as exc:
                    code, msg = 1, pickle.dumps((exc.key, exc.params, exc.exit_code))
                except BaseException as exc:  # noqa: BLE001 - reported by the parent
                    code, msg = 1, pickle.dumps(("render_worker_failed",
                                                 {"error": f"{type(exc).__name__}: {exc}"[:300]}, 3))
                try:
                    os.write(res_w, msg)
                finally:
                    os._exit(code)
            os.close(res_w)
            children[pid] = res_r
        os.close(jobs_r)
        os.close(life_r)
        try:
            # whole 4-byte numbers per write, each write atomic: a reader never gets half a number
            data = b"".join(k.to_bytes(4, "little") for k in order)
            for at in range(0, len(data), 4096):
                os.write(jobs_w, data[at:at + 4096])
        except BrokenPipeError:  # every worker has stopped (each reports why)
            pass
        finally:
            os.close(jobs_w)
        with selectors.DefaultSelector() as sel:
            for pid, fd in children.items():
                sel.register(fd, selectors.EVENT_READ, pid)
            while children and not failures:
                for key, _ in sel.select():
                    pid = key.data
                    msg = b""
                    while chunk := os.read(key.fd, 65536):
                        msg += chunk
                    sel.unregister(key.fd)
                    os.close(key.fd)
                    _, status = os.waitpid(pid, 0)
                    del children[pid]
                    if msg:
                        failures.append(pickle.loads(msg))
                    elif status != 0:
                        failures.append(("render_worker_failed", {"error": f"status {status}"}, 3))
    finally:
        for pid, fd in children.items():  # after a failure or an interrupt: stop the rest now
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            os.close(fd)
        os.close(life_w)
        _JOB.pop("lifeline", None)
    if failures:
        key, params, code = failures[0]
        raise PohonError(key, code, **params)


class _Output:
    __slots__ = ("final", "staged")

    def __init__(self, final: Path, staged: Path) -> None:
        self.final = final  # where the file goes
        self.staged = staged  # where it is written first (inside a hidden staging folder next to it)


class _Staging:
    """Hidden folders next to the targets, where a whole output set is written before it is moved."""

    def __init__(self) -> None:
        self.dirs: dict[Path, Path] = {}  # target folder -> its staging folder
        self.files: list[Path] = []  # hidden files beside their targets (a set of one file)
        self.made: list[Path] = []  # target folders this run created (removed again on failure)

    def file_for(self, final: Path) -> Path:
        """Where a set of one file is written first: a hidden file beside it. (Making and
        removing a staging folder costs more than drawing a small diagram on some file systems.)"""
        self._make_parents(final.parent, final)
        path = final.parent / f".{final.name[:60]}.{os.urandom(5).hex()}.pohon"
        self.files.append(path)
        return path

    def folder_for(self, final: Path) -> Path:
        parent = final.parent
        if parent not in self.dirs:
            self._make_parents(parent, final)
            try:
                self.dirs[parent] = _hidden_folder(parent)
            except OSError as exc:
                raise _write_error(final, exc) from None
        return self.dirs[parent]

    def _make_parents(self, parent: Path, final: Path) -> None:
        missing = []
        p = parent
        while not p.exists() and p != p.parent:
            if p.is_symlink():  # a dangling link: mkdir would fail obscurely
                break
            missing.append(p)
            p = p.parent
        if p.exists() and not p.is_dir():
            raise _not_folder(final, p)
        for d in reversed(missing):
            try:
                d.mkdir()
            except FileExistsError:
                if not d.is_dir():
                    raise _not_folder(final, d) from None
            except OSError as exc:
                raise _write_error(final, exc) from None
            self.made.append(d)

    def discard(self) -> None:
        for f in self.files:
            try:
                f.unlink()
            except OSError:
                pass
        for d in self.dirs.values():
            try:
                d.rmdir()  # empty once every file has been moved into place (the usual end)
            except OSError:
                import shutil

                shutil.rmtree(d, ignore_errors=True)
        for d in reversed(self.made):
            try:
                d.rmdir()  # only if still empty
            except OSError:
                pass


def _hidden_folder(parent: Path) -> Path:
    """A new private folder ``.pohon-XXXXXXXX`` in ``parent`` (what ``tempfile.mkdtemp`` makes,
    without importing it and its random-number machinery on every render)."""
    for _ in range(100):
        path = parent / f".pohon-{os.urandom(5).hex()}"
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "no free name for a staging folder", str(parent))


def _not_folder(final: Path, where: Path) -> PohonError:
    from pohon.diagnostics import Term

    return PohonError("write_gagal", path=str(final), reason=Term.of("write_bukan_folder", folder=str(where)))


def _check_target(path: Path, force: bool) -> None:
    """Refuse an existing target without ``--force``, and anything but a regular file even with it
    (:func:`pohon.io.ensure_writable`)."""
    from pohon.io import ensure_writable

    ensure_writable(path, force)


def _commit(outputs: list[_Output], force: bool) -> None:
    """Move staged files into place; without ``--force`` each target is created exclusively (a file
    that appeared meanwhile is never replaced): as a hard link to the staged file where the file
    system has them (20× cheaper here than creating the target and renaming over it). On failure
    the files moved so far that were new are removed again."""
    created: list[Path] = []
    try:
        for out in outputs:
            if force:
                try:
                    st = os.lstat(out.final)
                except FileNotFoundError:
                    st = None
                if st is not None and stat.S_ISDIR(st.st_mode):
                    from pohon.diagnostics import Term

                    raise PohonError("write_bukan_berkas", path=str(out.final), what=Term("write_jenis_folder"))
                if st is not None and stat.S_ISREG(st.st_mode):
                    os.chmod(out.staged, stat.S_IMODE(st.st_mode))  # keep the file's permissions
                elif st is None:
                    created.append(out.final)
            else:
                try:  # a second name for the staged file: fails if the target exists, never replaces it
                    os.link(out.staged, out.final)
                except FileExistsError:
                    raise PohonError("output_exists", path=str(out.final)) from None
                except OSError:  # no hard links here: create the target exclusively, then replace it
                    try:
                        os.close(os.open(out.final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                    except FileExistsError:
                        raise PohonError("output_exists", path=str(out.final)) from None
                else:
                    created.append(out.final)
                    os.unlink(out.staged)
                    continue
                created.append(out.final)
            os.replace(out.staged, out.final)
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise _write_error(out.final, exc) from None
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise


def render_tree(tree, formats: list[str], targets: dict[str, Path], opts, *, force: bool = False,
                dpi: int | None = None, split: bool = False, lang: str = "id",
                findings: list | None = None, one_pdf: bool = False) -> RenderResult:
    """Draw ``tree`` in ``formats`` to ``targets`` (see :func:`output_targets`).

    ``findings``: the diagnostics of the tree's check (the caller's :class:`pohon.app.CheckedTree`),
    listed in the HTML viewer and, with ``opts.mark_findings`` (``--temuan``), marked on the boxes
    of the static diagrams. None: the tree was not checked (no findings panel, no marks).
    ``one_pdf`` (with ``split``): the pages go into one PDF at ``targets["pdf"]``, a page each,
    instead of one PDF per page.
    """

    if opts.root is not None and opts.root not in tree:
        raise PohonError(t("render_unknown_root", lang, id=opts.root))
    if len(tree) == 0:
        raise PohonError(t("render_empty", lang))
    from pohon.gcpause import frozen_heap

    # The loaded tree is millions of long-lived objects: keep the cyclic GC from rescanning
    # them on every allocation burst below (10× faster page building at 50k nodes).
    with frozen_heap(), _terminate_cleans_up():
        return _render_tree(tree, formats, targets, opts, force=force, dpi=dpi, split=split, lang=lang,
                            findings=findings, one_pdf=one_pdf and split and "pdf" in formats)


@contextmanager
def _terminate_cleans_up():
    """While drawing, SIGTERM (``kill``) ends the run like Ctrl+C: workers stopped, staged files
    removed. (``kill -9`` cannot be caught: the workers still die with the parent, and only the
    hidden staging folder is left.)"""
    import threading

    try:  # the C module: the ``signal`` wrapper builds its enums on import (~0.5 ms a run)
        import _signal as signal
    except ImportError:  # pragma: no cover - not CPython
        import signal

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _render_tree(tree, formats, targets, opts, *, force, dpi, split, lang, findings, one_pdf) -> RenderResult:
    from pohon.render.dot import select

    if split:
        pages = split_pages(tree, opts.root)
        if opts.depth is not None:  # --depth limits each page below its top node
            depths = _depths(tree)
            pages = [Page(p.name, _limit(tree, p.selection, opts.depth, depths)) for p in pages]
    else:
        pages = [Page("", select(tree, opts.root, opts.depth))]

    # every final path, decided and checked before anything is drawn
    finals: dict[tuple[int, str], Path] = {}
    taken: set[str] = set()
    for k, p in enumerate(pages):
        for f in formats:
            if one_pdf and f == "pdf":
                continue
            path, n = page_path(targets[f], p.name), 1
            while os.path.normcase(str(path)).casefold() in taken:  # ids that read the same once made file-safe
                n += 1
                path = page_path(targets[f], f"{p.name}-{n}")
            taken.add(os.path.normcase(str(path)).casefold())
            finals[(k, f)] = path
    merged = Path(targets["pdf"]) if one_pdf else None
    for path in [*finals.values(), *([merged] if merged else [])]:
        _check_target(path, force)

    staging = _Staging()
    try:
        outputs: dict[tuple[int, str], _Output] = {}
        one = len(finals) == 1 and merged is None
        for key, final in finals.items():
            outputs[key] = _Output(final, staging.file_for(final) if one else staging.folder_for(final) / final.name)
        if merged is not None:
            folder = staging.folder_for(merged)
            for k in range(len(pages)):
                outputs[(k, "pdf")] = _Output(merged, folder / f".page-{k:06d}.pdf")
        total = sum(len(p.selection.nodes) for p in pages)
        _JOB.clear()
        _JOB.update(tree=tree, opts=opts, pages=pages, formats=formats, outputs=outputs, dpi=dpi, lang=lang,
                    findings=findings)
        try:
            _run_pages(len(pages), _workers(len(pages), total))
        finally:
            _JOB.clear()
        final_set = [outputs[(k, f)] for k in range(len(pages)) for f in formats if (k, f) in finals]
        if merged is not None:
            whole = _Output(merged, staging.folder_for(merged) / merged.name)
            _join_pages(tree, pages, [outputs[(k, "pdf")].staged for k in range(len(pages))], whole)
            final_set.append(whole)
        _commit(final_set, force)
    except BaseException:
        staging.discard()
        raise
    staging.made.clear()  # the folders made for the output stay
    staging.files.clear()  # (moved into place)
    staging.discard()  # (the staging folders are empty now)
    written: list[Path] = []
    for k in range(len(pages)):
        written.extend(finals[(k, f)] for f in formats if (k, f) in finals)
    if merged is not None:
        written.append(merged)
    return RenderResult(written, pages=len(pages), nodes=total)


def _join_pages(tree, pages: list[Page], files: list[Path], out: _Output) -> None:
    """One PDF from the pages' PDFs, with a bookmark per page (its id and statement)."""
    from pohon.render.dot import clean_text
    from pohon.render.pdfjoin import PdfJoinError, join_pdfs

    def title(page: Page) -> str:
        top = next((n for n in page.selection.nodes if n.id not in page.selection.context), None)
        text = page.name if top is None else f"{page.name} · {top.uraian}"
        text = " ".join(clean_text(text).split())
        return text if len(text) <= 100 else text[:99] + "…"

    try:
        with open(out.staged, "xb") as fh:
            join_pdfs(zip(files, (title(p) for p in pages)), fh)
    except OSError as exc:
        raise _write_error(out.final, exc) from None
    except PdfJoinError as exc:
        raise PohonError("render_pdf_join", exit_code=3, path=str(out.final), error=str(exc)[:200]) from None
    for f in files:
        f.unlink(missing_ok=True)


def _depths(tree) -> dict[str, int]:
    """Node id → its depth (roots 0), for every node at once."""
    depth: dict[str, int] = {}
    for node in tree.walk():
        parent = tree.parent(node.id)
        depth[node.id] = depth[parent.id] + 1 if parent is not None and parent.id in depth else 0
    return depth


def _limit(tree, selection, depth: int, depths: dict[str, int] | None = None):
    from pohon.render.dot import Selection, subtree_sizes

    top = next((n for n in selection.nodes if n.id not in selection.context), None)
    if top is None:
        return selection
    depths = depths if depths is not None else _depths(tree)
    base = depths[top.id]
    keep, hidden = [], dict(selection.hidden)
    sizes = subtree_sizes(tree)
    for n in selection.nodes:
        d = depths[n.id] - base
        if n.id in selection.context or d <= depth:
            keep.append(n)
            if d == depth and n.id not in selection.context and sizes.get(n.id):
                hidden[n.id] = sizes[n.id]
    return Selection(keep, hidden, selection.context)
