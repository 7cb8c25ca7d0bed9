"""Figures for `pohon check`: whole-process times and the in-process breakdown at 50k nodes.

    .venv/bin/python benchmarks/bench_check.py [--runs 5] [--sizes 150,1000,5000,50000]

Targets (2-core machine): `pohon --help` < 0.15 s; 150 nodes < 0.25 s whole process;
50k nodes < 2.5 s and within 1.3× the bare libyaml parse of the same file.
Generated trees are written to benchmarks/_data/ (git-ignored). Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "_data"
EXAMPLE = ROOT / "trees" / "kesbangpol-balangan.yaml"
sys.path.insert(0, str(HERE))

from gen_tree import generate  # noqa: E402


def tree_file(n: int) -> Path:
    path = DATA / f"pohon-{n}.yaml"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n), encoding="utf-8")
    return path


def whole_process(args: list[str], runs: int) -> tuple[float, int]:
    """Median wall time of ``python -m pohon ARGS`` and its exit code."""
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pohon", *args], capture_output=True)
        times.append(time.perf_counter() - start)
        code = proc.returncode
    return statistics.median(times), code


def breakdown(path: Path, runs: int) -> list[tuple[str, float]]:
    """In-process phases for one file (median of ``runs``), and the bare libyaml parse."""
    import yaml
    from pydantic import ValidationError  # noqa: F401  (import cost is not a phase)

    from pohon.loader import yamlsource
    from pohon.loader.load import load_text
    from pohon.model.schema import PohonFile
    from pohon.model.tree import PerformanceTree
    from pohon.rules import check_result

    text = path.read_text(encoding="utf-8")
    rows: dict[str, list[float]] = {}

    def timed(name, fn):
        gc.collect()
        start = time.perf_counter()
        out = fn()
        rows.setdefault(name, []).append(time.perf_counter() - start)
        return out

    for _ in range(runs):
        timed("bare libyaml: yaml.load(CSafeLoader)", lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        root = timed("  compose (libyaml node graph)", lambda: yamlsource.compose(text))
        data = timed("  to_plain (nodes → dicts, checks)", lambda: yamlsource.to_plain(root))
        doc = timed("  pydantic validation", lambda: PohonFile.model_validate(data))
        timed("  PerformanceTree (networkx)", lambda: PerformanceTree(doc))
        result = timed("load_text (all of the above)", lambda: load_text(text, str(path)))
        timed("check_result (all rules)", lambda: check_result(result))
        timed("load + check (in process)", lambda: check_result(load_text(text, str(path))))
    return [(name, statistics.median(ts)) for name, ts in rows.items()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="150,1000,5000,50000")
    ap.add_argument("--no-breakdown", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    print(f"python {sys.version.split()[0]}, median of {args.runs} runs\n")
    print(f"{'whole process':<44} {'seconds':>8}  {'target':>8}  exit")
    t, code = whole_process(["--help"], args.runs)
    print(f"{'pohon --help':<44} {t:8.3f}  {'< 0.15':>8}  {code}")
    t, code = whole_process(["check", str(EXAMPLE)], args.runs)
    print(f"{'pohon check ' + EXAMPLE.name + ' (31 nodes)':<44} {t:8.3f}  {'':>8}  {code}")
    for n in sizes:
        path = tree_file(n)
        runs = args.runs if n <= 5000 else max(3, args.runs // 2)
        t, code = whole_process(["check", str(path)], runs)
        target = {150: "< 0.25", 50000: "< 2.5"}.get(n, "")
        print(f"{'pohon check ' + str(n) + ' nodes':<44} {t:8.3f}  {target:>8}  {code}")

    if not args.no_breakdown and sizes:
        n = max(sizes)
        path = tree_file(n)
        print(f"\nin process, {n} nodes ({path.stat().st_size / 1e6:.1f} MB)")
        rows = breakdown(path, max(3, args.runs // 2))
        bare = rows[0][1]
        for name, t in rows:
            print(f"{name:<44} {t:8.3f}  {t / bare:6.2f}× bare parse")
        total = dict(rows)["load + check (in process)"]
        print(f"\nratio load+check / bare libyaml parse: {total / bare:.2f} (target ≤ 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
