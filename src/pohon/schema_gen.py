"""The JSON Schema (draft-07) of the tree file format, generated from the pydantic model.

Editors (VS Code's YAML extension) use it for completion and hover text:
``# yaml-language-server: $schema=../schema/pohon.schema.json`` at the top of a tree file.
"""

from __future__ import annotations

import json

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
