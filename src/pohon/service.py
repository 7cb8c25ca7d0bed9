"""`pohon init`: the skeleton of a new tree file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

def skeleton_text(lang: str = "id") -> str:
    name = "init.yaml" if lang == "id" else "init.en.yaml"
    return resources.files("pohon").joinpath("templates", name).read_text(encoding="utf-8")


def write_skeleton(path: Path, force: bool = False, lang: str = "id") -> Path:
    from pohon.io import write_text

    return write_text(path, skeleton_text(lang), force=force)
