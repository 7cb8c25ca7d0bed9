"""The tree file as text for people: block style, keys in the schema's order (the data is already
ordered), lists indented under their key, multi-line notes as ``|`` blocks, no timestamps (same
input → same bytes).

A small emitter of its own (mappings, lists, text, numbers, booleans): PyYAML's pure-Python
emitter takes ~20 s for a 5,000-box tree. A text is written plain only when YAML reads it back
as the same text (PyYAML's own implicit resolvers decide: ``8.01``, ``yes``, ``~`` are quoted),
else double-quoted with JSON escapes (valid YAML); tests load every output back and compare.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import yaml

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\r\t]*$")
_UNSAFE_INSIDE = re.compile(r": |:$|:\s| #|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_NOT_YAML_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                                 "\U00010000-\U0010ffff]")  # NEL, LS, PS are line breaks; BOM is dropped
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


def _needs_quotes(text: str) -> bool:
    if not text or text != text.strip() or not _PLAIN.match(text) or _UNSAFE_INSIDE.search(text):
        return True
    for _tag, rx in _RESOLVERS.get(text[0], ()):
        if rx.match(text):
            return True
    return False


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return _quoted(str(value))
        text = repr(value)
        if "e" in text and "." not in text.split("e")[0]:  # YAML 1.1 reads a float only with a dot: 1.0e+20
            mantissa, exp = text.split("e")
            text = f"{mantissa}.0e{exp if exp[0] in '+-' else '+' + exp}"
        return text
    text = str(value)
    return _quoted(text) if _needs_quotes(text) else text


def _quoted(text: str) -> str:
    """Double-quoted YAML: JSON's escapes, and \\uXXXX for what YAML may not hold literally (DEL, C1)."""
    out = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: "\\u%04x" % ord(m.group(0)) if ord(m.group(0)) < 0x10000
                                   else "\\U%08x" % ord(m.group(0)), out)


def _block(text: str, indent: str) -> str | None:
    """A literal block for a multi-line text, or None when one cannot hold it exactly."""
    if text != text.strip() or _CONTROL.search(text.replace("\n", "")):
        return None
    lines = text.split("\n")
    if any(line != line.rstrip() for line in lines):
        return None
    return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """``value`` (a mapping or a list) as block lines at ``indent``."""
    if isinstance(value, dict):
        for k, v in value.items():
            key = scalar(k)
            if isinstance(v, (dict, list)) and v:
                out.append(f"{indent}{key}:")
                _emit(v, indent + "  ", out)
            else:
                out.append(f"{indent}{key}: {_value(v, indent + '  ')}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                sub: list[str] = []
                _emit(item, indent + "  ", sub)
                sub[0] = f"{indent}- {sub[0][len(indent) + 2:]}"
                out.extend(sub)
            elif isinstance(item, list) and item:
                sub = []
                _emit(item, indent + "  ", sub)
                sub[0] = f"{indent}- {sub[0][len(indent) + 2:]}"
                out.extend(sub)
            else:
                out.append(f"{indent}- {_value(item, indent + '  ')}")


def _value(v: Any, indent: str) -> str:
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    if isinstance(v, str) and "\n" in v:
        block = _block(v, indent)
        if block is not None:
            return block
    return scalar(v)


def dump(data: dict, header: list[str] = ()) -> str:
    """``data`` as YAML, with ``header`` lines as comments above it."""
    out = [f"# {h}".rstrip() for h in header]
    _emit(data, "", out)
    return "\n".join(out) + "\n"
