"""The application layer: every command loads, checks and maps a tree here, and nowhere else.

A :class:`CheckedTree` is what renderers, table builders and the live preview receive: the
tree, where its parts came from and every diagnostic of the check. They never read files or
run checks themselves. Exit codes are decided here too (:func:`exit_code`).
"""

from __future__ import annotations

import contextvars
import errno
import os
import stat

from pohon.diagnostics import Diagnostic, Severity, count
from pohon.errors import PohonError
from pohon.frozen import Frozen

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from pathlib import Path

TREE_SUFFIXES = (".yaml", ".yml")


class CheckedTree:
    """One tree file, loaded and checked.

    Built with ``diagnostics=None`` (``check_file(..., defer_rules=True)``), the rules run when
    :attr:`diagnostics` is first read: a command that only draws the tree never pays for them.
    Whether the tree loaded is known at once (:attr:`ok`)."""

    def __init__(self, file: str, diagnostics: list[Diagnostic] | None, loaded: object,
                 selection: Selection | None = None) -> None:
        self.file = file
        self.loaded = loaded  # pohon.loader.load.LoadResult
        self._diagnostics = diagnostics
        self._selection = selection
        # the rules run later, in the context variables' values of now (e.g. deferred rules)
        self._context = contextvars.copy_context() if diagnostics is None else None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        if self._diagnostics is None:
            from pohon.rules import check_result

            selection = self._selection or Selection()
            self._diagnostics = self._context.run(check_result, self.loaded, selection.select, selection.ignore)
            self._context = None
        return self._diagnostics

    def __repr__(self) -> str:
        return f"CheckedTree(file={self.file!r}, ok={self.ok})"

    @property
    def tree(self):
        """The :class:`PerformanceTree`, or None when the file could not be loaded."""
        return self.loaded.tree

    @property
    def ok(self) -> bool:
        return self.tree is not None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def findings(self, node_id: str) -> list[Diagnostic]:
        """The findings about one box (errors and warnings; info is advice)."""
        return [d for d in self.by_node.get(node_id, ()) if d.severity is not Severity.INFO]

    @property
    def by_node(self) -> dict[str, list[Diagnostic]]:
        cached = self.__dict__.get("_by_node")
        if cached is None:
            cached = {}
            for d in self.diagnostics:
                if d.node is not None:
                    cached.setdefault(d.node, []).append(d)
            self.__dict__["_by_node"] = cached
        return cached


class CheckOutcome:
    """The trees one `pohon check` looked at. (A plain class: making a dataclass costs ~0.5 ms,
    on every run, see :mod:`pohon.frozen`.)"""

    def __init__(self, checked: list[CheckedTree] | None = None) -> None:
        self.checked = [] if checked is None else checked

    def __repr__(self) -> str:
        return f"CheckOutcome(checked={self.checked!r})"

    def __eq__(self, other) -> bool:
        return other.__class__ is self.__class__ and other.checked == self.checked

    __hash__ = None  # type: ignore[assignment] - mutable, as the dataclass was

    @property
    def files(self) -> list[str]:
        return [c.file for c in self.checked]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for c in self.checked for d in c.diagnostics]


class Selection(Frozen):
    """`--select` / `--ignore`: rule codes or prefixes, checked against the catalogue (a frozen
    value, see :mod:`pohon.frozen`)."""

    __slots__ = ("select", "ignore")

    def __init__(self, select: str = "", ignore: str = "") -> None:
        object.__setattr__(self, "select", select)
        object.__setattr__(self, "ignore", ignore)

    def validate(self) -> Selection:
        from pohon.rules import unknown_codes

        for option, text in (("--select", self.select), ("--ignore", self.ignore)):
            bad = unknown_codes(text)
            if bad:
                raise PohonError("unknown_rule_codes", option=option, codes=", ".join(bad))
        return self


def tree_files(paths, unreadable: dict | None = None) -> list[str | Path]:
    """Files named on the command line, and the tree files inside named folders (sorted).

    In a folder, only regular files ending in .yaml/.yml are taken (a link to a device or a FIFO
    is not a tree) and links to folders are not followed. A folder inside that cannot be listed
    goes into ``unreadable`` (path → the OSError) when given, so that it is reported, not skipped.
    A file is named as :class:`pathlib.Path` writes it (``./a.yaml`` is ``a.yaml``); one already
    written so stays the text it was (pathlib costs ~3 ms to import, on every check)."""
    out: list[str | Path] = []
    for p in paths:
        if isinstance(p, str) and _plain(p) and not _is_dir(p):
            out.append(p)
            continue
        from pathlib import Path

        p = Path(p)
        if p.is_dir():
            found: list[Path] = []
            errors: dict[Path, OSError] = {}
            for folder, dirs, files in os.walk(p, onerror=lambda e: errors.setdefault(Path(e.filename), e)):
                dirs.sort()
                found.extend(f for f in map(Path(folder).joinpath, files) if f.suffix in TREE_SUFFIXES and f.is_file())
            if not found and not errors:
                raise PohonError("folder_without_trees", path=str(p))
            out.extend(sorted(found))
            if unreadable is not None:
                unreadable.update(errors)
        else:
            out.append(p)
    return out


def _plain(path: str) -> bool:
    """Whether ``str(Path(path)) == path`` on POSIX: no empty or ``.`` part, no trailing ``/``."""
    if os.sep != "/" or os.altsep:
        return False
    body = path[1:] if path.startswith("/") else path
    return bool(body) and not body.startswith("/") and all(part and part != "." for part in body.split("/"))


def _is_dir(path: str) -> bool:
    """``Path(path).is_dir()``: False when there is no such folder (or a link loop, or a name the
    system cannot take), the error itself when the system will not say."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            raise
        return False
    except ValueError:
        return False


def check_file(path: str | os.PathLike, selection: Selection = Selection(), max_bytes: int | None = None, *,
               defer_rules: bool = False) -> CheckedTree:
    """Load and check one tree file. Problems in the file are diagnostics, never exceptions.

    ``defer_rules``: the rules run when the diagnostics are first read, maybe never (a command
    that only draws the tree); only for a caller that does not change the tree meanwhile."""
    from pohon.loader.load import DEFAULT_MAX_BYTES, load_tree

    return _checked(load_tree(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES), selection, defer_rules)


def check_text(text: str, name: str = "<teks>", selection: Selection = Selection()) -> CheckedTree:
    """Check a tree given as text (tests, previews)."""
    from pohon.loader.load import load_text

    return _checked(load_text(text, name), selection)


def _checked(loaded, selection: Selection, defer_rules: bool = False) -> CheckedTree:
    checked = CheckedTree(loaded.file, None, loaded, selection)
    if not defer_rules:
        checked.diagnostics  # noqa: B018 - the rules run now
    return checked


def check_paths(paths, selection: Selection = Selection(), max_bytes: int | None = None) -> CheckOutcome:
    """Check every tree file named or found in the named folders. A file or folder that cannot be
    read is one finding (F015) among the others: the run goes on."""
    selection.validate()
    unreadable: dict = {}  # folder → OSError
    checked = [check_file(f, selection, max_bytes) for f in tree_files(paths, unreadable)]
    if unreadable:
        from pohon.catalogue import diagnostic
        from pohon.diagnostics import Location, os_problem
        from pohon.loader.load import LoadResult

        for folder, exc in sorted(unreadable.items()):
            loaded = LoadResult(str(folder), [diagnostic("F015", Location(str(folder), 1, 1), detail=os_problem(exc))])
            checked.append(_checked(loaded, selection))
    return CheckOutcome(checked)


def require_loaded(checked: CheckedTree) -> CheckedTree:
    """For commands that draw or tabulate: a tree that could not be loaded stops them (exit 1)."""
    if not checked.ok:
        raise TreeNotLoaded(checked)
    return checked


def require_year(checked: CheckedTree, year: int | None) -> None:
    if year is not None and year not in checked.tree.years:
        raise PohonError("year_outside_period", year=year, period=checked.tree.doc.periode)


class TreeNotLoaded(PohonError):
    """The tree file has load errors; its diagnostics say why."""

    def __init__(self, checked: CheckedTree) -> None:
        super().__init__("tree_not_loaded", exit_code=1, file=checked.file, n=len(checked.diagnostics))
        self.checked = checked


def exit_code(diags: list[Diagnostic], strict: bool = False) -> int:
    """0 clean, 1 when errors were found (or warnings, with ``strict``)."""
    c = count(diags)
    return 1 if c["error"] or (strict and c["warning"]) else 0
