"""Keep the command output shown in docs/*.md true.

A block in a Markdown file written as

    <!-- keluaran: pohon check trees/kesbangpol-balangan.yaml -->
    ```text
    …
    ```

holds the real output (stdout and stderr) of that command, run from a scratch folder that holds
a copy of `trees/`. `python scripts/docs_output.py` rewrites every such block;
tests/test_docs.py fails when a block is stale.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import tempfile
from contextlib import chdir
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"(<!-- keluaran: (?P<cmd>.+?) -->\n```text\n)(?P<out>.*?)(```)", re.DOTALL)


def run(command: str, cwd: Path) -> str:
    from click.testing import CliRunner

    from pohon.cli import main

    args = shlex.split(command)
    assert args[0] == "pohon", command
    with chdir(cwd):
        result = CliRunner().invoke(main, args[1:], catch_exceptions=False, terminal_width=200)
    return result.output


def refresh(text: str) -> str:
    from pohon.profiledoc import BEGIN, refreshed

    if BEGIN in text:  # the level table generated from data/roles.yaml and data/profiles.yaml
        text = refreshed(text)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "trees", work / "trees")
        return BLOCK.sub(lambda m: m.group(1) + run(m.group("cmd"), work) + m.group(4), text)


def main() -> int:
    for path in sorted((ROOT / "docs").glob("*.md")):
        old = path.read_text(encoding="utf-8")
        new = refresh(old)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
