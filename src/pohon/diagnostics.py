"""A diagnostic is a value: what is wrong, where, which rule says so, and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def order(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Position:
    """1-based line and column in a file."""

    file: str
    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    hint: str = ""
    source: str = ""
    file: str = ""
    line: int = 0
    col: int = 0
    node: str | None = None
    related: tuple[str, ...] = field(default=())
    excerpt: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.code, self.node or "", self.message)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        d["related"] = list(self.related)
        return d


def count(diags: list[Diagnostic]) -> dict[str, int]:
    out = {s.value: 0 for s in Severity}
    for d in diags:
        out[d.severity.value] += 1
    return out
