"""PyYAML's syntax-error texts ("while parsing a flow mapping", "did not find expected key"…) in
the user's language, for the detail of rule F001.

The table is data: ``data/yaml_id.yaml``. It covers the messages of PyYAML's pure-Python
scanner, parser, composer and reader and those of libyaml (``CSafeLoader``, which words most of
them differently); tests/test_i18n.py extracts both sets from the installed PyYAML and fails when
one is not translated.
"""

from __future__ import annotations

import re
from functools import cache

_FIELD = re.compile(r"\{(\w+)\}")
_TAB = "'\\t'"  # how PyYAML writes a tab character in a message (%r)


def yaml_detail(context: str | None, problem: str | None, lang: str) -> str:
    """One line describing a YAML syntax error, in ``lang``.

    ``context`` and ``problem`` are the attributes of that name of a ``yaml.MarkedYAMLError``
    (ScannerError, ParserError, ComposerError), from the pure-Python loader or from libyaml;
    either may be None or empty. For an error without them (``yaml.reader.ReaderError``, e.g.
    "unacceptable character #x0007: control characters are not allowed") pass
    ``context=None, problem=str(exc).splitlines()[0]``.

    Returns the parts that are present, each with its whitespace collapsed, context first,
    joined by ", ", and "" when both are empty. Never raises.

    - ``lang == "id"``: each part is translated by the first pattern of ``data/yaml_id.yaml`` it
      matches in full; the token, character, alias or tag name a message quotes is kept (a
      tab becomes "tab", token names such as ``'<block end>'`` are translated). A part no
      pattern matches (a PyYAML release with a new message) is kept in English.
    - any other ``lang`` (``"en"``): the English parts, cleaned; a tab character quoted as
      ``'\\t'`` gets " (tab)" after it.

    The result is plain text, without the position: the caller reports line and column (the
    error's ``problem_mark``, or ``context_mark`` for an unclosed quote or bracket).
    """
    parts = [" ".join(p.split()) for p in (context, problem) if p and p.strip()]
    if lang == "id":
        parts = [translate(p) for p in parts]
    else:
        parts = [p.replace(_TAB, _TAB + " (tab)") for p in parts]
    return ", ".join(parts)


def translate(text: str) -> str:
    """One English message part in Indonesian (unchanged when no pattern matches)."""
    table = _table()
    for pattern, template in table["pola"]:
        m = pattern.fullmatch(text)
        if m is not None:
            groups = {name: _group(name, value or "", table) for name, value in m.groupdict().items()}
            return _FIELD.sub(lambda f: groups.get(f.group(1), f.group(0)), template)
    return text


def _group(name: str, value: str, table: dict) -> str:
    """A captured part of a message, as it reads in Indonesian."""
    if name.startswith("token"):
        return table["token"].get(value.strip("'\""), value)
    if name.startswith("char"):
        return table["karakter"].get(value, value)
    if name.startswith("kata"):
        return table["kata"].get(value, value)
    if name.startswith("sub"):
        return translate(value)
    return value


def _compile(entry: dict) -> tuple[re.Pattern, str]:
    """``en:`` is the English text with ``{name}`` fields (each matches any text); ``pola:`` is
    a regular expression with named groups. ``id:`` is the Indonesian text with ``{name}``."""
    if "pola" in entry:
        return re.compile(entry["pola"]), entry["id"]
    pieces = _FIELD.split(entry["en"])
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(pieces))
    return re.compile(regex), entry["id"]


@cache
def _table() -> dict:
    from pohon.datafiles import data_yaml

    data = data_yaml("yaml_id.yaml")
    return {
        "pola": [_compile(e) for e in data["pesan"]],
        "token": data.get("token") or {},
        "karakter": data.get("karakter") or {},
        "kata": data.get("kata") or {},
    }
