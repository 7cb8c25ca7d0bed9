"""The JSON Schema (draft-07) of the tree file format, generated from the pydantic model.

Editors (VS Code's YAML extension, i.e. yaml-language-server) use it for completion and hover
text through a modeline at the top of a tree file, e.g.
``# yaml-language-server: $schema=../schema/pohon.schema.json``.

Two identical copies are kept in the repository: ``schema/pohon.schema.json`` (for the docs and
the bundled trees) and ``src/pohon/data/pohon.schema.json``, shipped inside the package so that
``pohon init`` can link a schema that exists on the planner's machine (:func:`schema_ref`).
Regenerate both after changing the model: ``python -m pohon.schema_gen``.
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _draft07(node):
    """Rename pydantic's ``$defs`` and fix the pieces draft-07 spells differently."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$defs":
                k = "definitions"
            out[k] = _draft07(v)
        if out.get("type") == "object" and "propertyNames" in out and "pattern" in out["propertyNames"]:
            out["propertyNames"] = {"pattern": out["propertyNames"]["pattern"]}
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def schema_dict() -> dict:
    from pohon.model.schema import PohonFile

    raw = PohonFile.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    schema = {"$schema": DRAFT_07, "$id": "https://pohon.invalid/schema/pohon-1.schema.json", **_draft07(raw)}
    return schema


def schema_json() -> str:
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def packaged_schema_path() -> Path | None:
    """The schema file shipped inside the installed package, or None when it is not a real file."""
    res = resources.files("pohon").joinpath("data", "pohon.schema.json")
    try:
        path = Path(os.fspath(res))
    except TypeError:  # e.g. a zipped package: no file an editor could open
        return None
    return path if path.is_file() else None


def schema_ref(tree_path: str | os.PathLike, schema_path: str | os.PathLike | None = None) -> str | None:
    """The ``$schema=`` value for a tree file written at ``tree_path``.

    yaml-language-server takes the value up to the first whitespace; a value without a scheme is
    a path, resolved (lexically, like Node's ``path.resolve``) against the YAML file's folder, and
    a ``file:`` URI is used as it is. So: a relative path (forward slashes) when the tree and the
    schema share a folder below the filesystem root (the repository, the home folder…) and the
    path has no whitespace, so that moving the whole folder keeps the link; otherwise (another
    drive, nothing in common but ``/``, a space in the path) the absolute, percent-encoded
    ``file://`` URI. None when there is no schema file to link.
    """
    schema = Path(schema_path) if schema_path is not None else packaged_schema_path()
    if schema is None:
        return None
    schema_abs = os.path.abspath(schema)
    folder = os.path.dirname(os.path.abspath(tree_path))
    try:
        common = Path(os.path.commonpath([schema_abs, folder]))
        rel = os.path.relpath(schema_abs, folder)
    except ValueError:  # another drive (Windows): no relative path
        common, rel = None, None
    if rel is not None and common.parent != common and not re.search(r"\s", rel):
        return Path(rel).as_posix()
    return Path(schema_abs).as_uri()


def write_schema_files(root: Path) -> list[Path]:
    """Write the schema to both copies under a source checkout ``root``; return the paths."""
    text = schema_json()
    paths = [root / "schema" / "pohon.schema.json", root / "src" / "pohon" / "data" / "pohon.schema.json"]
    for p in paths:
        p.write_text(text, encoding="utf-8")
    return paths


if __name__ == "__main__":
    for written in write_schema_files(Path(__file__).resolve().parents[2]):
        print(written)
