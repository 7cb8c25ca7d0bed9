"""Every command output shown in docs/*.md is what the command prints today."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("docs_output", ROOT / "scripts/docs_output.py")
docs_output = importlib.util.module_from_spec(spec)
spec.loader.exec_module(docs_output)

DOCS = [p for p in sorted((ROOT / "docs").glob("*.md")) if docs_output.BLOCK.search(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_command_output_in_docs_is_current(path):
    text = path.read_text(encoding="utf-8")
    assert docs_output.refresh(text) == text, "run: .venv/bin/python scripts/docs_output.py"
