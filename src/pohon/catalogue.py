"""The rule catalogue (``data/rules.yaml``) and the one way to make a :class:`Diagnostic`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pohon.datafiles import data_yaml
from pohon.diagnostics import Diagnostic, Severity



class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, params: dict) -> str:
    return template.format_map(_Blank(params))


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    source: dict[str, str]
    message: dict[str, str]
    hint: dict[str, str]

    @property
    def group(self) -> str:
        return self.code[0]

    def text(self, part: str, lang: str, params: dict | None = None) -> str:
        table = getattr(self, part)
        return fill(table.get(lang) or table["id"], params or {})


@cache
def rules() -> dict[str, Rule]:
    return {
        code: Rule(code=code, name=r["name"], severity=Severity(r["severity"]), source=r["source"],
                   message=r["message"], hint=r["hint"])
        for code, r in sorted(data_yaml("rules.yaml").items())
    }


def rule(code: str) -> Rule:
    return rules()[code]


def diagnostic(rule_code: str, lang: str = "id", *, file: str = "", line: int = 0, col: int = 0,
               node: str | None = None, excerpt: str = "", related: tuple[str, ...] = (),
               **params) -> Diagnostic:
    r = rule(rule_code)
    params.setdefault("node", node or "")
    return Diagnostic(
        code=rule_code, severity=r.severity, message=r.text("message", lang, params),
        hint=r.text("hint", lang, params), source=r.text("source", lang), file=file, line=line,
        col=col, node=node, related=related, excerpt=excerpt,
    )


@cache
def _messages() -> dict[str, dict[str, str]]:
    return data_yaml("messages.yaml")


def t(msg_key: str, lang: str = "id", **params) -> str:
    """A user-facing string from ``data/messages.yaml`` in ``lang``."""
    entry = _messages()[msg_key]
    return fill(entry.get(lang) or entry["id"], params)
