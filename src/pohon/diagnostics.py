"""A diagnostic is a value: which rule, how severe, where, about which node and field, with
which parameters. It holds no sentence: messages are written from the rule catalogue in the
reader's language at the edges (:mod:`pohon.catalogue`), so the domain never needs a language.
"""

from __future__ import annotations

from enum import Enum

from pohon.frozen import Frozen, Ordered

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def order(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Location(Ordered):
    """Where a finding is: a line and column in a text file, or a cell of a spreadsheet
    (``sheet`` and ``cell``). Rules never build one themselves: the source map of what was
    read does, so they do not know which kind it is."""

    __slots__ = ("file", "line", "col", "sheet", "cell")  # a frozen value, see pohon.frozen

    def __init__(self, file: str = "", line: int = 0, col: int = 0, sheet: str = "", cell: str = "") -> None:
        set_ = object.__setattr__
        set_(self, "file", file)
        set_(self, "line", line)
        set_(self, "col", col)
        set_(self, "sheet", sheet)
        set_(self, "cell", cell)

    def _key(self) -> tuple:
        return (self.file, self.line, self.col, self.sheet, self.cell)

    def __str__(self) -> str:
        if self.cell:
            return f"{self.file}!{self.sheet}!{self.cell}" if self.sheet else f"{self.file}!{self.cell}"
        return f"{self.file}:{self.line}:{self.col}"


class Term(Frozen):
    """A translatable piece of a message parameter: a message key of ``data/messages.yaml``
    with its own parameters, written in the reader's language when the message is."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, params: tuple[tuple[str, Any], ...] = ()) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", params)

    def _key(self) -> tuple:
        return (self.key, self.params)

    @classmethod
    def of(cls, msg_key: str, /, **params: Any) -> Term:
        return cls(msg_key, frozen_params(params))


def frozen_params(params: dict) -> tuple[tuple[str, Any], ...]:
    """Parameters as a hashable value: what is not (a list a user wrote, say) is kept as its text."""
    out = []
    for k, v in sorted(params.items()):
        try:
            hash(v)
        except TypeError:
            v = str(v)
        out.append((k, v))
    return tuple(out)


def os_problem(exc: OSError) -> Term:
    """Why a file could not be read, in words pohon translates (the OS's own text is English)."""
    import errno

    key = {errno.ENOENT: "os_missing", errno.EACCES: "os_denied", errno.EPERM: "os_denied",
           errno.EISDIR: "os_is_dir"}.get(exc.errno or 0, "os_other")
    return Term.of(key, error=type(exc).__name__)


def field_path(path: tuple) -> str:
    """``("indikator", 0, "target", 2025)`` → ``indikator[0].target.2025``."""
    out = ""
    for step in path:
        if isinstance(step, int) and step < 1000 and out:  # a list index (years are dict keys)
            out += f"[{step}]"
        else:
            out += ("." if out else "") + str(step)
    return out


_NOWHERE = Location()


class Diagnostic(Frozen):
    """A finding (a frozen value, see :mod:`pohon.frozen`; :meth:`replace` makes a changed copy)."""

    __slots__ = ("code", "severity", "location", "node", "field", "params", "related", "excerpt")

    def __init__(self, code: str, severity: Severity, location: Location = _NOWHERE, node: str | None = None,
                 field: tuple = (), params: tuple[tuple[str, Any], ...] = (), related: tuple[str, ...] = (),
                 excerpt: str = "") -> None:
        set_ = object.__setattr__
        set_(self, "code", code)
        set_(self, "severity", severity)
        set_(self, "location", location)
        set_(self, "node", node)
        set_(self, "field", field)  # path of the field inside ``node`` (or inside the file when node is None)
        set_(self, "params", params)
        set_(self, "related", related)
        set_(self, "excerpt", excerpt)

    def _key(self) -> tuple:
        return (self.code, self.severity, self.location, self.node, self.field, self.params, self.related,
                self.excerpt)

    def replace(self, **changes) -> Diagnostic:
        """A copy with some fields changed (as ``dataclasses.replace``)."""
        values = dict(zip(self.__slots__, self._key()))
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"Diagnostic has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return Diagnostic(**values)

    # -- the location, as readers use it ---------------------------------------------------
    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def col(self) -> int:
        return self.location.col

    @property
    def path(self) -> str:
        return field_path(self.field)

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.params)

    def about(self, *prefix) -> bool:
        """Whether the finding is about the field ``prefix`` (or something inside it)."""
        return self.field[:len(prefix)] == prefix

    @property
    def sort_key(self) -> tuple:
        return (self.location, self.code, self.node or "", self.path, repr(self.params))

    # -- words, written at the edges --------------------------------------------------------
    def message(self, lang: str = "id") -> str:
        from pohon.catalogue import render_part

        return render_part(self, "message", lang)

    def hint(self, lang: str = "id") -> str:
        from pohon.catalogue import render_part

        return render_part(self, "hint", lang)

    def source(self, lang: str = "id") -> str:
        from pohon.catalogue import render_part

        return render_part(self, "source", lang)

    def as_dict(self, lang: str = "id") -> dict:
        from pohon.catalogue import plain_params

        loc = self.location
        return {
            "code": self.code, "severity": self.severity.value, "location": str(loc),
            "file": loc.file, "line": loc.line, "col": loc.col, "sheet": loc.sheet, "cell": loc.cell,
            "node": self.node, "field": self.path, "params": plain_params(self.params, lang),
            "related": list(self.related), "message": self.message(lang), "hint": self.hint(lang),
            "source": self.source(lang), "excerpt": self.excerpt,
        }


def count(diags: list[Diagnostic]) -> dict[str, int]:
    out = {s.value: 0 for s in Severity}
    for d in diags:
        out[d.severity.value] += 1
    return out
