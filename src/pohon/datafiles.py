"""Package data (``src/pohon/data/``): tables of facts kept as files, read once.

The YAML files are the source. Those read on every run (:data:`COMPILED`) also ship as JSON
(``data/NAME.compiled.json``, within the package-data glob ``data/*.json``): ``json`` reads them
about thirty times faster than PyYAML builds them, and ``pohon --help`` (which reads
``click_id.yaml``) does not import PyYAML at all. Each copy records the CRC-32 of the YAML it was
made from; a copy that does not match its source is ignored and the YAML is parsed instead, so a
stale copy costs time, never correctness.

Regenerate the copies after editing one of those files (this also rewrites the cached
``pohon --help`` page, see :mod:`pohon.launch`)::

    .venv/bin/python -m pohon.datafiles

(``tests/test_datafiles.py`` fails while a copy is stale.)
"""

from __future__ import annotations

import os
import sys
from functools import cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from typing import Any

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
#: the YAML files with a compiled JSON copy: those read on every run, by `pohon render` or by `pohon --help`
COMPILED = ("bands.yaml", "click_id.yaml", "kata.yaml", "messages.yaml", "pengukuran.yaml", "profiles.yaml",
            "roles.yaml", "rules.yaml", "styles.yaml", "yaml_id.yaml")


def data_bytes(*parts: str) -> bytes:
    """The bytes of a package data file."""
    try:
        with open(os.path.join(DATA_DIR, *parts), "rb") as f:
            return f.read()
    except FileNotFoundError:
        if os.path.isdir(DATA_DIR):  # an ordinary install: the file really is missing
            raise
    from importlib import resources  # a zipped install

    return resources.files("pohon").joinpath("data", *parts).read_bytes()


def data_text(name: str) -> str:
    return data_bytes(name).decode("utf-8-sig")


def checksum(raw: bytes) -> int:
    """CRC-32 of a YAML source, line endings normalised (a CRLF checkout still matches its copy)."""
    from zlib import crc32

    return crc32(raw.replace(b"\r\n", b"\n"))


def compiled_name(name: str) -> str:
    return os.path.splitext(name)[0] + ".compiled.json"


@cache
def data_yaml(name: str) -> Any:
    """The parsed content of ``data/NAME`` (a YAML file), from its compiled copy when that is current."""
    raw = data_bytes(name)
    if name in COMPILED:
        found = _compiled(name, checksum(raw))
        if found is not None:
            return found[0]
    return parse_yaml(raw.decode("utf-8-sig"))


def _compiled(name: str, crc: int) -> tuple[Any] | None:
    import json

    try:
        copy = json.loads(data_bytes(compiled_name(name)))
    except (OSError, ValueError):
        return None
    if not isinstance(copy, dict) or copy.get("source") != name or copy.get("crc32") != crc:
        return None
    return (copy.get("data"),)


def parse_yaml(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def compiled_text(name: str) -> str:
    """The JSON copy of ``data/NAME`` as it should be (deterministic: keys in source order)."""
    import json

    raw = data_bytes(name)
    data = parse_yaml(raw.decode("utf-8-sig"))
    text = json.dumps({"source": name, "crc32": checksum(raw), "data": data}, ensure_ascii=False, indent=1)
    if json.loads(text)["data"] != data:  # e.g. a number used as a key: JSON would change its type
        raise ValueError(f"{name}: not representable as JSON")
    return text + "\n"


def write_if_changed(path: str, data: bytes | str) -> bool:
    """Write ``data`` (text as UTF-8 with LF line ends) to a generated file unless it already
    holds exactly that; whether it was written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(path, "rb") as f:
            if f.read() == raw:
                return False
    except FileNotFoundError:
        pass
    with open(path, "wb") as f:
        f.write(raw)
    return True


def write_compiled() -> list[str]:
    """Rewrite the copies that differ from their source; the names of the files written."""
    paths = [(os.path.join(DATA_DIR, compiled_name(name)), name) for name in COMPILED]
    return [path for path, name in paths if write_if_changed(path, compiled_text(name))]


#: the repository's top-level folder of document templates a planner may adapt (the source), and
#: the package's copy pohon uses by default; ``python -m pohon.datafiles`` copies the first to the
#: second (``tests/test_documents.py`` fails while they differ)
REPO_TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "templates")
PACKAGE_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates", "tables")
TEMPLATE_FILES = ("table.html.j2", "table.md.j2", "document.typ")


def sync_templates() -> list[str]:
    """Copy the top-level ``templates/`` files into the package (only in a source checkout)."""
    written = []
    if not os.path.isdir(REPO_TEMPLATES):
        return written
    for name in TEMPLATE_FILES:
        src, dst = os.path.join(REPO_TEMPLATES, name), os.path.join(PACKAGE_TEMPLATES, name)
        with open(src, "rb") as f:
            if write_if_changed(dst, f.read()):
                written.append(dst)
    return written


if __name__ == "__main__":
    from pohon import launch
    from pohon.mapping import nomenclature

    for written_path in sync_templates() + write_compiled() + ([launch.CACHE] if launch.write_cache() else []):
        print(written_path)
    if nomenclature.write_compiled_builtin():
        print(os.path.join(DATA_DIR, nomenclature.COMPILED))
    sys.exit(0)
