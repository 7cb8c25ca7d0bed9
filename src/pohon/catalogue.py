"""The rule catalogue (``data/rules.yaml``) and the one way to make a :class:`Diagnostic`."""

from __future__ import annotations

from functools import cache

from pohon.datafiles import data_yaml
from pohon.frozen import Frozen
from pohon.diagnostics import Diagnostic, Location, Severity, Term, frozen_params
from pohon.textsafe import PARAM_LIMIT, QUOTED_LIMIT, clip



class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, params: dict) -> str:
    return template.format_map(_Blank(params))


class Rule(Frozen):
    """One rule of ``data/rules.yaml`` (a frozen value, see :mod:`pohon.frozen`)."""

    __slots__ = ("code", "name", "severity", "source", "message", "hint")

    def __init__(self, code: str, name: str, severity: Severity, source: dict[str, str], message: dict[str, str],
                 hint: dict[str, str]) -> None:
        for attr, value in (("code", code), ("name", name), ("severity", severity), ("source", source),
                            ("message", message), ("hint", hint)):
            object.__setattr__(self, attr, value)

    @property
    def group(self) -> str:
        return self.code[0]

    def text(self, part: str, lang: str, params: dict | None = None) -> str:
        table = getattr(self, part)
        return fill(table.get(lang) or table["id"], params or {})


@cache
def rules() -> dict[str, Rule]:
    """Every rule, by code."""
    return {code: rule(code) for code in sorted(data_yaml("rules.yaml"))}


@cache
def rule(code: str) -> Rule:
    """One rule (made when first asked for: a check meets a few of the catalogue's rules)."""
    r = data_yaml("rules.yaml")[code]
    return Rule(code=code, name=r["name"], severity=Severity(r["severity"]), source=r["source"], message=r["message"],
                hint=r["hint"])


def diagnostic(rule_code: str, location=None, /, *, node: str | None = None, field: tuple = (),
               excerpt: str = "", related: tuple[str, ...] = (), **params) -> Diagnostic:
    """The one way to make a :class:`Diagnostic`: severity from the catalogue, no words yet."""
    from pohon.diagnostics import Location

    return Diagnostic(code=rule_code, severity=rule(rule_code).severity, location=location or Location(),
                      node=node, field=tuple(field), params=frozen_params(params), related=related,
                      excerpt=excerpt)


def word(value, lang: str):
    """A parameter as the reader sees it: :class:`Term` and tuples of them translated."""
    if isinstance(value, Term):
        if value.key.startswith("role:"):  # a node role, named in the roles table
            from pohon.model.roles import role

            return role(value.key[5:]).name(lang)
        if value.key == "yaml_detail":  # PyYAML's English, translated by pattern
            return yaml_detail(dict(value.params), lang)
        return t(value.key, lang, **{k: word(v, lang) for k, v in value.params})
    if isinstance(value, tuple):
        return "".join(str(word(v, lang)) for v in value)
    if isinstance(value, Location):  # another place in the same source: its line, or its cell
        return t("at_cell", lang, cell=value.cell) if value.cell else t("at_line", lang, line=value.line)
    return value


def yaml_detail(params: dict, lang: str) -> str:
    from pohon.yamltext import yaml_detail as translate

    return translate(params.get("context") or None, params.get("problem") or None, lang)


def plain_params(params: tuple, lang: str) -> dict:
    """Parameters for machine readers (JSON): translated terms, numbers as they are, the rest as text."""
    out = {}
    for k, v in params:
        v = word(v, lang)
        out[k] = v if isinstance(v, (int, float, str, bool)) or v is None else str(v)
    return out


def render_part(d: Diagnostic, part: str, lang: str) -> str:
    """The message, hint or source of ``d`` in ``lang``. Text a message quotes (``"{text}"``,
    ```{key}```) is cut to :data:`~pohon.textsafe.QUOTED_LIMIT` characters and any other parameter
    to :data:`~pohon.textsafe.PARAM_LIMIT`, so that a message stays one readable line whatever the
    tree holds (a 10,000-character statement, a cycle through 5,000 boxes)."""
    r = rule(d.code)
    if part == "source":
        return r.text("source", lang)
    template = getattr(r, part).get(lang) or getattr(r, part)["id"]
    quoted = _quoted(template)
    params = {}
    for k, v in d.params:
        v = word(v, lang)
        params[k] = clip(v, QUOTED_LIMIT if k in quoted else PARAM_LIMIT) if isinstance(v, str) else v
    params.setdefault("node", clip(d.node or "", QUOTED_LIMIT if "node" in quoted else PARAM_LIMIT))
    return fill(template, params)


_OPENING, _CLOSING = "\"'`\u201c", "\"'`\u201d"


@cache
def _quoted(template: str) -> frozenset[str]:
    """The parameters a template quotes: ``"{text}"``, ```{key}```, ``“{name}”`` (what the pattern
    ``["'`“]\\{(\\w+)\\}["'`”]`` finds, read without it: compiling it took ~0.6 ms)."""
    found = set()
    free = 0  # where the next match may start (matches do not overlap)
    at = template.find("{", 1)
    while at != -1:
        end = at + 1
        while end < len(template) and (template[end].isalnum() or template[end] == "_"):  # \w
            end += 1
        if (at - 1 >= free and template[at - 1] in _OPENING and end > at + 1 and template[end:end + 1] == "}"
                and template[end + 1:end + 2] and template[end + 1] in _CLOSING):
            found.add(template[at + 1:end])
            free = end + 2
        at = template.find("{", at + 1)
    return frozenset(found)


@cache
def _messages() -> dict[str, dict[str, str]]:
    return data_yaml("messages.yaml")


def has_message(msg_key: str) -> bool:
    return msg_key in _messages()


def t(msg_key: str, lang: str = "id", /, **params) -> str:
    """A user-facing string from ``data/messages.yaml`` in ``lang``."""
    entry = _messages()[msg_key]
    return fill(entry.get(lang) or entry["id"], params)
