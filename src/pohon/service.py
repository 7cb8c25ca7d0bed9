"""`pohon init`: the skeleton of a new tree file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SCHEMA_PLACEHOLDER = "{schema}"


def skeleton_text(lang: str = "id", target: Path | None = None) -> str:
    """The ``pohon init`` skeleton, its modeline linking the schema shipped inside the package.

    The link is relative to ``target``'s folder when possible (see ``schema_gen.schema_ref``);
    without a target it is the schema's absolute ``file://`` URI. Without a schema file on disk
    (a zipped install) the modeline is left out.
    """
    from pohon.schema_gen import packaged_schema_path, schema_ref

    name = "init.yaml" if lang == "id" else "init.en.yaml"
    text = resources.files("pohon").joinpath("templates", name).read_text(encoding="utf-8")
    if target is not None:
        ref = schema_ref(target)
    else:
        schema = packaged_schema_path()
        ref = schema.resolve().as_uri() if schema is not None else None
    if ref is None:
        return "".join(line for line in text.splitlines(keepends=True) if SCHEMA_PLACEHOLDER not in line)
    return text.replace(SCHEMA_PLACEHOLDER, ref)


def write_skeleton(path: Path, force: bool = False, lang: str = "id") -> Path:
    from pohon.io import write_text

    return write_text(path, skeleton_text(lang, target=path), force=force)
