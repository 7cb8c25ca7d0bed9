"""Figures for `pohon render`: whole-process and in-process render times.

    .venv/bin/python benchmarks/bench_render.py [--runs 3] [--sizes 150,1000,5000] [--split 50000]

Targets (2 cores): the bundled tree to SVG+PNG+PDF < 0.5 s whole process; a 50k-node tree
rendered split (--pisah, one page per subtree) < 10 s. One Graphviz layout grows roughly
quadratically with the node count, so single-page figures above ~5k nodes are not measured.
Generated trees are written to benchmarks/_data/ (git-ignored). Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "trees" / "kesbangpol-balangan.yaml"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from gen_tree import tree_file  # noqa: E402


def whole_process(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "pohon", *args, "-o", out + "/", "--force"],
                                  capture_output=True, text=True, cwd=ROOT)
            times.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise SystemExit(f"pohon {' '.join(args)} failed:\n{proc.stderr}")
    return statistics.median(times)


def in_process(path: Path, split: bool = False) -> dict[str, float]:
    import tempfile

    from pohon.loader.load import load_tree
    from pohon.render.dot import RenderOptions
    from pohon.render.service import output_targets, render_tree

    t0 = time.perf_counter()
    tree = load_tree(path).tree
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        formats, targets = output_targets(path, out + "/", ["svg"])
        result = render_tree(tree, formats, targets, RenderOptions(), split=split)
    t2 = time.perf_counter()
    return {"nodes": len(tree), "pages": result.pages, "load": t1 - t0, "render": t2 - t1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="150,1000,5000")
    ap.add_argument("--split", type=int, default=50000, help="node count of the split render (0: skip)")
    a = ap.parse_args(argv)

    if EXAMPLE.exists():
        t = whole_process(["render", str(EXAMPLE), "-f", "svg,png,pdf"], a.runs)
        print(f"bundled tree (31 nodes) -> SVG+PNG+PDF, whole process: {t:.3f} s  (target < 0.5 s)")
        t = whole_process(["render", str(EXAMPLE), "-f", "html"], a.runs)
        print(f"bundled tree -> HTML viewer, whole process:            {t:.3f} s")
    for n in (int(x) for x in a.sizes.split(",") if x):
        path = tree_file(n)
        w = whole_process(["render", str(path), "-f", "svg"], 1)
        r = in_process(path)
        print(f"{r['nodes']:>6} nodes -> one SVG page: whole process {w:.2f} s; in process load {r['load']:.2f} s, "
              f"render (DOT, layout, SVG, write) {r['render']:.2f} s")
    if a.split:
        path = tree_file(a.split)
        w = whole_process(["render", str(path), "-f", "svg", "--pisah"], 1)
        r = in_process(path, split=True)
        print(f"{r['nodes']:>6} nodes --pisah -> {r['pages']} SVG pages: whole process {w:.2f} s (target < 10 s); "
              f"in process load {r['load']:.2f} s, render {r['render']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
