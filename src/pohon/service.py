"""Services behind the CLI commands: plain functions that return values and never print."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pohon.diagnostics import Diagnostic
from pohon.errors import PohonError

TREE_SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckOutcome:
    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def tree_files(paths: list[Path] | tuple[Path, ...], lang: str = "id") -> list[Path]:
    """Files named on the command line, and the tree files inside named folders (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix in TREE_SUFFIXES and f.is_file())
            if not found:
                msg = {"id": f"Folder {p} tidak memuat berkas .yaml", "en": f"Folder {p} holds no .yaml file"}
                raise PohonError(msg[lang])
            out.extend(found)
        else:
            out.append(p)
    return out


def check_paths(paths, lang: str = "id", select: str = "", ignore: str = "",
                max_bytes: int | None = None) -> CheckOutcome:
    from pohon.loader.load import DEFAULT_MAX_BYTES, load_tree
    from pohon.rules import check_result

    outcome = CheckOutcome()
    for f in tree_files(paths, lang):
        result = load_tree(f, lang=lang, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
        outcome.files.append(str(f))
        outcome.diagnostics.extend(check_result(result, lang, select, ignore))
    return outcome


def skeleton_text(lang: str = "id") -> str:
    name = "init.yaml" if lang == "id" else "init.en.yaml"
    return resources.files("pohon").joinpath("templates", name).read_text(encoding="utf-8")


def write_skeleton(path: Path, force: bool = False, lang: str = "id") -> Path:
    from pohon.io import write_text

    return write_text(path, skeleton_text(lang), force=force, lang=lang)
