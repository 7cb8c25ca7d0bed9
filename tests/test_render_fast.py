"""`pohon render`'s fast paths give what the plain ones give: the line-at-a-time word wrap, the
split pages' subtrees as slices of the walk, a single output staged beside its target, Graphviz
through its compiled binding only; and the render path stays free of what it does not need."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.cli import main
from pohon.errors import PohonError
from pohon.loader.load import load_text
from pohon.render import dot, service
from pohon.render.dot import RenderOptions, build_dot
from pohon.render.service import split_pages

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "trees" / "kesbangpol-balangan.yaml"


def greedy_wrap(text: str, width: int) -> list[str]:
    """The reference: words added to a line one by one while they fit; a word longer than a line
    cut into pieces of a line each, what is left of it starting the next line."""
    width = max(8, int(width))
    text = dot.clean_text(text)
    if len(text) > dot.MAX_TEXT:
        text = text[:dot.MAX_TEXT - 1] + "…"
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if len(word) > width:
            if cur:
                lines.append(cur)
            while len(word) > width:
                lines.append(word[:width])
                word = word[width:]
            cur = word
        elif not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines or [""]


def _statement(rnd: random.Random) -> str:
    words = ["di", "dan", "Meningkatnya", "pelayanan", "x" * 9, "y" * 31, "z" * 75, "&", "<b>", "'kutip'",
             "\u00a0", "Tamgirtam", "a" * 200]
    seps = [" ", "  ", "\t", " \n "]
    return "Meningkatnya " + "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(0, 30)))


def test_statements_wrap_as_the_greedy_rule_says(monkeypatch):
    rnd = random.Random(11)
    rows = "".join(f"  - {{id: N{k}, induk: O1, uraian: {_statement(rnd)!r}, "
                   f"indikator: [{{uraian: {_statement(rnd)!r}, satuan: '%', target: {{2024: 1}}}}]}}\n"
                   for k in range(120))
    tree = load_text("pohon: 1\norganisasi: {nama: X}\nperiode: 2024-2025\nkinerja:\n"
                     "  - {id: O1, uraian: Meningkatnya hasil}\n" + rows).tree
    assert len(tree) == 121
    fast = build_dot(tree, RenderOptions(year=2024))
    monkeypatch.setattr(dot, "_wrap", greedy_wrap)
    assert build_dot(tree, RenderOptions(year=2024)) == fast


def _wide_tree(seed: int, n: int = 400) -> str:
    rnd = random.Random(seed)
    rows, ids = [], ["O1"]
    for k in range(n):
        parent = rnd.choice(ids[-12:] if rnd.random() < 0.7 else ids)
        rows.append(f"  - {{id: N{k}, induk: {parent}, uraian: Meningkatnya kondisi {k}}}\n")
        ids.append(f"N{k}")
    return ("pohon: 1\norganisasi: {nama: X}\nperiode: 2024-2025\nkinerja:\n"
            "  - {id: O1, uraian: Meningkatnya hasil}\n" + "".join(rows))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_split_pages_hold_the_same_subtrees_as_walking_them(seed, monkeypatch):
    tree = load_text(_wide_tree(seed)).tree

    def pages():
        return [(p.name, [n.id for n in p.selection.nodes], p.selection.hidden, p.selection.context)
                for p in split_pages(tree, limit=12, max_columns=3)]

    fast = pages()
    monkeypatch.setattr(service, "_subtrees", lambda tree, sizes: tree.subtree)
    assert pages() == fast
    assert len(fast) > 20  # the tree was split many times, overviews and groups both


def test_a_single_output_leaves_nothing_but_itself(tmp_path):
    out = tmp_path / "d"
    r = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out / "pohon.svg")])
    assert r.exit_code == 0, r.output
    assert [p.name for p in out.iterdir()] == ["pohon.svg"]  # no staging file or folder left


def test_a_failed_single_output_leaves_nothing(tmp_path, monkeypatch):
    import pohon.render.graphviz as graphviz

    def broken(*args, **kwargs):
        raise PohonError("render_graphviz_failed", exit_code=3, error="uji")

    monkeypatch.setattr(graphviz, "render_formats", broken)
    out = tmp_path / "d"
    out.mkdir()
    r = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out / "pohon.svg")])
    assert r.exit_code == 3
    assert list(out.iterdir()) == []


def test_render_options_replace_and_compare():
    a = RenderOptions(year=2024, lang="en")
    b = a.replace(interactive=True)
    assert (b.year, b.lang, b.interactive, a.interactive) == (2024, "en", True, False)
    assert a == RenderOptions(2024, lang="en") and a != b
    with pytest.raises(TypeError):
        RenderOptions(warna="merah")
    with pytest.raises(TypeError):
        RenderOptions(2024, year=2025)


def test_render_path_imports_only_what_it_uses(tmp_path):
    code = (
        "import sys\n"
        "from pohon.cli import main\n"
        f"sys.argv = ['pohon', 'render', {str(EXAMPLE)!r}, '-o', {str(tmp_path / 'x.svg')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "skip = {'pygraphviz.agraph', 'html', 'tempfile', 'shutil', 'hashlib', 'secrets', 'subprocess',\n"
        "        'pydantic', 'jinja2', 'rich', 'rapidfuzz', 'pohon.rules', 'signal'}\n"
        "print(sorted(m for m in sys.modules if m in skip or m.split('.')[0] in skip))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "x.svg").read_bytes().startswith(b"<?xml")


def test_a_file_that_appears_while_drawing_is_never_replaced(tmp_path, monkeypatch):
    out = tmp_path / "d"
    real = service._run_pages

    def draw_then_appear(count, workers):
        real(count, workers)
        (out / "pohon.dot").write_bytes(b"punya orang lain")  # written by someone else meanwhile

    monkeypatch.setattr(service, "_run_pages", draw_then_appear)
    r = CliRunner().invoke(main, ["render", str(EXAMPLE), "-f", "svg,dot", "-o", str(out / "pohon.svg")])
    assert r.exit_code == 2
    assert [p.name for p in out.iterdir()] == ["pohon.dot"]  # the SVG moved first is taken back
    assert (out / "pohon.dot").read_bytes() == b"punya orang lain"
