"""YAML text → plain Python data (dicts, lists, strings, None) plus a map of positions.

Every scalar stays a *string*: ``id: 1.10`` is "1.10" and ``no`` is "no"; the model decides
what a value means. Duplicate keys, foreign tags, runaway aliases and deep nesting are caught
here and reported as :class:`YamlProblem` with a position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from pohon.diagnostics import Location, Term

try:  # the libyaml parser is several times faster; fall back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"


class _StringLoader(_Loader):  # type: ignore[misc, valid-type]
    """Skips implicit typing: every plain scalar is a string here (the model decides what a value
    means), so the resolver's regular expressions need not run on each scalar. Only the merge key
    `<<` keeps its meaning; explicit tags (`!!python/...`) still reach :class:`_Builder`."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _MERGE if value == "<<" and implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_STR, _SEQ, _MAP, _MERGE = (_STD + t for t in ("str", "seq", "map", "merge"))
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 200
MAX_ALIAS_EXPANSION = 100_000
EXCERPT_WIDTH = 120  # characters of a line shown in an excerpt


@dataclass
class YamlProblem(Exception):
    """A problem found while reading YAML: rule code, message parameters and position."""

    code: str
    params: dict
    line: int = 0
    col: int = 0
    excerpt: str = ""


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def excerpt(text: str, line: int, col: int = 0, context: int = 2) -> str:
    """A numbered excerpt of ``text`` around 1-based ``line`` with a caret under ``col``."""
    lines = text.splitlines()
    if not lines or line < 1:
        return ""
    lo, hi = max(1, line - context), min(len(lines), line + context)
    width = len(str(hi))
    # very long lines (minified or generated YAML) are cut to a window around the column
    start = max(0, col - 1 - EXCERPT_WIDTH // 2) if col > EXCERPT_WIDTH else 0
    out = []
    for n in range(lo, hi + 1):
        shown = lines[n - 1]
        if start or len(shown) > start + EXCERPT_WIDTH:
            shown = ("…" if start and len(shown) > start else "") + shown[start:start + EXCERPT_WIDTH] + (
                "…" if len(shown) > start + EXCERPT_WIDTH else "")
        out.append(f"{n:>{width}} | {shown}")
        if n == line and col > 0:
            out.append(" " * width + " | " + " " * (col - 1 - start + (1 if start else 0)) + "^")
    return "\n".join(out)


def compose(text: str) -> yaml.Node | None:
    """Parse ``text`` into a YAML node graph (no construction, so no code can run)."""
    try:
        return yaml.compose(text, Loader=_StringLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            # an unclosed quote or bracket: point where it opens, not at the end of the file
            mark = exc.context_mark
        line, col = _pos(mark)
        # PyYAML's own words, translated when the message is written (pohon.yamltext)
        detail = Term.of("yaml_detail", context=exc.context or "", problem=exc.problem or "")
        raise YamlProblem("F001", {"detail": detail}, line, col, excerpt(text, line, col)) from None
    except yaml.YAMLError as exc:
        detail = Term.of("yaml_detail", context="", problem=str(exc).splitlines()[0])
        raise YamlProblem("F001", {"detail": detail}) from None
    except RecursionError:
        raise YamlProblem("F001", {"detail": _TOO_DEEP}) from None


_DIGIT_COMMA_DIGIT = re.compile(r"\d,\d")
_TOO_DEEP = Term.of("yaml_too_deep", max=MAX_DEPTH)


class _Builder:
    """Turns a node graph into plain data, counting alias expansion and noting decimal commas
    that YAML's flow syntax splits (``{2025: 62,5}``, ``[10, 12,5]``)."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.split_numbers: list[YamlProblem] = []
        self.seen: set[int] = set()
        self.active: set[int] = set()  # collections being built: meeting one again is a recursive alias
        self.expanded = 0

    def build(self, node: yaml.Node, depth: int = 0, aliased: bool = False) -> Any:
        if node.__class__ is yaml.ScalarNode and not aliased and depth <= MAX_DEPTH and node.tag in _ALLOWED_TAGS:
            # fast path for the bulk of a file: a plain, unaliased scalar (same result as below)
            return None if not node.style and node.value in _NULLS else node.value
        if depth > MAX_DEPTH:
            line, col = _pos(node.start_mark)
            raise YamlProblem("F001", {"detail": _TOO_DEEP}, line, col)
        if node.tag not in _ALLOWED_TAGS:
            line, col = _pos(node.start_mark)
            raise YamlProblem("F012", {"tag": node.tag.replace(_STD, "!!")}, line, col)
        if isinstance(node, yaml.CollectionNode):
            key = id(node)
            if key in self.active:  # `&a [*a]`: an alias inside its own anchor expands forever
                line, col = _pos(node.start_mark)
                raise YamlProblem("F009", {"limit": MAX_ALIAS_EXPANSION}, line, col)
            if not aliased:
                if key in self.seen:
                    aliased = True
                else:
                    self.seen.add(key)
        if aliased:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                line, col = _pos(node.start_mark)
                raise YamlProblem("F009", {"limit": MAX_ALIAS_EXPANSION}, line, col)
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:  # plain style is None or "" (libyaml)
                return None
            return node.value
        self.active.add(key)
        if node.flow_style and _DIGIT_COMMA_DIGIT.search(self.text, node.start_mark.index, node.end_mark.index):
            self._split_numbers(node)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self._value(item, depth + 1, aliased) for item in node.value]
            return self._mapping(node, depth, aliased)
        finally:
            self.active.discard(key)

    def _value(self, node: yaml.Node, depth: int, aliased: bool) -> Any:
        """:meth:`build`, with the common case (a plain unaliased scalar) inlined."""
        if node.__class__ is yaml.ScalarNode and not aliased and depth <= MAX_DEPTH and node.tag in _ALLOWED_TAGS:
            return None if not node.style and node.value in _NULLS else node.value
        return self.build(node, depth, aliased)

    def _mapping(self, node: yaml.MappingNode, depth: int, aliased: bool) -> dict:
        out: dict = {}
        merged: dict = {}
        value_of = self._value
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                src = self.build(value_node, depth + 1, aliased)
                for part in src if isinstance(src, list) else [src]:
                    if isinstance(part, dict):
                        merged.update({k: v for k, v in part.items() if k not in merged})
                continue
            if key_node.__class__ is not yaml.ScalarNode:
                line, col = _pos(key_node.start_mark)
                raise YamlProblem("F004", {"field_name": Term("field_key"), "detail": Term("v_key_text"),
                                           "hint": Term("h_key_text")}, line, col)
            key = key_node.value
            if key in out:
                first = next(k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key)
                line, col = _pos(key_node.start_mark)
                raise YamlProblem("F002", {"key": key, "first_line": first.start_mark.line + 1}, line, col)
            out[key] = value_of(value_node, depth + 1, aliased)
        for k, v in merged.items():
            out.setdefault(k, v)
        return out


    def _split_numbers(self, node: yaml.CollectionNode) -> None:
        """``12,5`` inside ``[…]`` or ``{…}`` is two entries, 12 and 5: the comma touches both."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        for a, b in zip(items, items[1:]):
            if (a.__class__ is yaml.ScalarNode and b.__class__ is yaml.ScalarNode and not a.style and not b.style
                    and a.value[-1:].isdigit() and b.value[:1].isdigit()
                    and self.text[a.end_mark.index:b.start_mark.index] == ","):
                line, col = _pos(a.start_mark)
                self.split_numbers.append(YamlProblem("F013", {"first": a.value, "second": b.value}, line, col))


def to_plain(root: yaml.Node, text: str = "") -> tuple[Any, list[YamlProblem]]:
    """Plain data, and the decimal commas that the flow syntax split (given the ``text``)."""
    builder = _Builder(text)
    return builder.build(root), builder.split_numbers


class SourceMap:
    """Finds the position of a value (or of its key) by its path in the plain data."""

    def __init__(self, root: yaml.Node | None, file: str = "") -> None:
        self.root = root
        self.file = file

    def locate(self, path: tuple, key: bool = False) -> Location:
        """The :class:`Location` of the value at ``path`` (or of its key)."""
        line, col = self.key(path) if key else self.value(path)
        return Location(self.file, line, col)

    def _walk(self, path: tuple) -> tuple[yaml.Node | None, yaml.Node | None, yaml.Node | None]:
        """(node at the deepest resolvable step, key node of that step, last container)."""
        node, key_node, parent = self.root, None, None
        for step in path:
            if node is None:
                break
            if isinstance(node, yaml.MappingNode):
                hit = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)), None)
                if hit is None:
                    continue  # a pydantic union/tag segment, not a data key: skip it
                parent, (key_node, node) = node, hit
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    break
                parent, key_node, node = node, None, node.value[step]
            else:
                continue
        return node, key_node, parent

    def value(self, path: tuple) -> tuple[int, int]:
        node, _, _ = self._walk(path)
        return _pos(node.start_mark) if node is not None else (1, 1)

    def key(self, path: tuple) -> tuple[int, int]:
        node, key_node, _ = self._walk(path)
        target = key_node or node
        return _pos(target.start_mark) if target is not None else (1, 1)
