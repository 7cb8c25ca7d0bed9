"""The diagram style table: package data merged with an optional user theme file."""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from pohon.catalogue import t
from pohon.errors import PohonError
from pohon.textsafe import clip

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MAX_THEME_BYTES = 256 * 1024  # a theme is a few dozen values
MAX_THEME_NODES = 5_000  # values, keys and collections after aliases are expanded
MAX_TEXT = 100  # characters of a text value (a font name, a line style)
QUOTE = 80  # characters of a value or key quoted in a message
# upper bounds of numeric values, by key (points for fonts and gaps, inches for distances)
_BOUNDS = {"wrap": 200, "width": 20, "nodesep": 5, "ranksep": 5, "stack_two_columns_from": 100,
           "max_codes": 50}
_DEFAULT_BOUND = 100


@cache
def _base() -> dict:
    from pohon.datafiles import data_yaml

    return data_yaml("styles.yaml")


def quote(value, limit: int = QUOTE) -> str:
    """A value as a message quotes it: at most ``limit`` characters, control characters escaped."""
    import reprlib

    if isinstance(value, str):
        text = value[: limit * 4]
    else:
        r = reprlib.Repr()
        r.maxstring = r.maxother = limit
        r.maxlist = r.maxdict = r.maxtuple = r.maxset = 6
        r.maxlevel = 3
        text = r.repr(value)
    text = "".join(c if c.isprintable() else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
                   for c in text[: limit * 4])
    return clip(text, limit)


def _merge(base: dict, override: dict, where: str, lang: str, places: dict | None = None,
           path: tuple = ()) -> dict:
    """``base`` with ``override`` on top, every key and value checked. ``places``: key path →
    (``file:line:col`` of the key, of its value), to say where a problem is."""
    out = dict(base)
    places = places or {}
    for key, value in override.items():
        key = str(key)
        here = places.get(path + (key,), ("", ""))
        try:
            if key not in base:
                raise _At(here[0], t("render_theme_key", lang, key=quote(f"{where}{key}"), allowed=", ".join(base)))
            if isinstance(base[key], dict):
                if not isinstance(value, dict):
                    raise _At(here[1], t("render_theme_value", lang, key=f"{where}{key}", value=quote(value)))
                out[key] = _merge(base[key], value, f"{where}{key}.", lang, places, path + (key,))
            else:
                out[key] = _check_value(base[key], value, f"{where}{key}", lang)
        except _At as exc:
            raise PohonError(exc.located()) from None
        except PohonError as exc:
            if path + (key,) in places and not isinstance(value, dict):
                raise PohonError(_At(here[1], exc.key).located()) from None
            raise
    return out


class _At(Exception):
    """A theme problem and where it is (``file:line:col``, or "")."""

    def __init__(self, place: str, text: str) -> None:
        super().__init__(text)
        self.place, self.text = place, text

    def located(self) -> str:
        return f"{self.place}: {self.text}" if self.place else self.text


def _check_value(default: Any, value: Any, key: str, lang: str) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, (int, float)):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            most = _BOUNDS.get(key.rsplit(".", 1)[-1], _DEFAULT_BOUND)
            if not (math.isfinite(value) and 0 < value <= most):
                raise PohonError(t("render_theme_range", lang, key=key, value=quote(value), most=most))
            return value
    elif isinstance(default, str) and isinstance(value, (str, int, float)):
        value = str(value)
        if default.startswith("#") and not _COLOUR.match(value):
            raise PohonError(t("render_theme_value", lang, key=key, value=quote(value)))
        if len(value) > MAX_TEXT or not value.isprintable() or any(c in value for c in '"<>&\\'):
            raise PohonError(t("render_theme_text", lang, key=key, value=quote(value), most=MAX_TEXT))
        return value
    raise PohonError(t("render_theme_value", lang, key=key, value=quote(value)))


def default_style() -> dict:
    """The package style table, shared (read-only: do not modify the result)."""
    return _base()


def load_style(theme: str | Path | None = None, lang: str = "id") -> dict:
    """The style table, with ``theme`` (a YAML file of the same shape) applied on top.

    Without a theme this is the shared package table (read-only: do not modify it).
    """
    if theme is None:
        return _base()
    data, places = _read_theme(Path(theme), lang)
    return _merge(_base(), data, "", lang, places)


def read_theme(path: Path, lang: str = "id") -> dict:
    """A theme file's data, read safely: a regular file of at most ``MAX_THEME_BYTES``, UTF-8, YAML
    whose aliases expand to at most ``MAX_THEME_NODES`` values. Every problem is a
    :class:`PohonError` naming the file, in one line."""
    return _read_theme(path, lang)[0]


def _read_theme(path: Path, lang: str) -> tuple[dict, dict]:
    """:func:`read_theme`, and where each key and value is (key path → ``file:line:col`` of each)."""
    import yaml

    from pohon.catalogue import word
    from pohon.io import ReadError, read_limited

    def fail(error: str):
        return PohonError(t("render_theme_read", lang, path=quote(str(path), 200), error=error))

    try:
        raw = read_limited(path, MAX_THEME_BYTES)
    except ReadError as exc:
        raise fail(word(exc.reason, lang)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line, col = before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1
        raise fail(t("render_theme_utf8", lang, byte=f"{raw[exc.start]:02X}", line=line, col=col)) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()  # a node graph: an alias is one more reference, not a copy
        if node is None:
            return {}, {}
        if _expanded_size(node) > MAX_THEME_NODES:
            raise fail(t("render_theme_aliases", lang, most=MAX_THEME_NODES))
        data = loader.construct_document(node)
        places = _places(node, quote(str(path), 200))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}: " if mark is not None else ""
        raise fail(where + quote(exc.problem or str(exc).splitlines()[0], 200)) from None
    except yaml.YAMLError as exc:
        raise fail(quote(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 200)) from None
    except RecursionError:
        raise fail(t("render_theme_aliases", lang, most=MAX_THEME_NODES)) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise fail(t("render_theme_not_mapping", lang))
    return data, places


def _places(root, name: str) -> dict[tuple, tuple[str, str]]:
    """Key path → (``name:line:col`` of the key, of its value), for the mappings of a theme (each
    mapping node visited once, aliases not expanded)."""
    import yaml

    def at(mark) -> str:
        return f"{name}:{mark.line + 1}:{mark.column + 1}"

    out: dict[tuple, tuple[str, str]] = {}
    seen: set[int] = set()
    stack = [(root, ())]
    while stack:
        node, path = stack.pop()
        if not isinstance(node, yaml.MappingNode) or id(node) in seen:
            continue
        seen.add(id(node))
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = path + (key_node.value,)
                out.setdefault(key, (at(key_node.start_mark), at(value_node.start_mark)))
                stack.append((value_node, key))
    return out


def _expanded_size(root) -> int:
    """How many nodes ``root`` stands for once every alias is expanded (a cycle counts as too many).

    Counted on the node graph, each node once (sizes of shared nodes are remembered), so a
    "billion laughs" of a few hundred bytes is measured without being built.
    """
    import yaml

    size: dict[int, int] = {}
    active: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            kids = _kids(node)
            size[key] = min(1 + sum(size[id(k)] for k in kids), MAX_THEME_NODES + 1)
            continue
        if key in size:
            continue
        if key in active:  # an alias inside its own anchor: endless
            return MAX_THEME_NODES + 1
        if isinstance(node, yaml.ScalarNode):
            size[key] = 1
            continue
        active.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in _kids(node) if id(k) not in size)
    return size[id(root)]


def _kids(node) -> list:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def role_style(style: dict, role_key: str | None) -> dict:
    roles = style["roles"]
    return roles.get(role_key or "default") or roles["default"]
