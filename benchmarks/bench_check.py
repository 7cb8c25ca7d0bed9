"""Figures for `pohon check`: whole-process times and the in-process breakdown at 50k nodes.

    .venv/bin/python benchmarks/bench_check.py [--runs 5] [--sizes 150,1000,5000,50000]

Targets (2-core machine): `pohon --help` < 0.15 s; 150 nodes < 0.25 s whole process;
50k nodes < 2.5 s and within 1.3× the bare libyaml parse of the same file.
Generated trees are written to benchmarks/_data/ (git-ignored). Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "trees" / "kesbangpol-balangan.yaml"
sys.path.insert(0, str(HERE))

from gen_tree import tree_file  # noqa: E402


def whole_process(args: list[str], runs: int) -> tuple[float, int]:
    """Median wall time of ``python -m pohon ARGS`` and its exit code."""
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pohon", *args], capture_output=True)
        times.append(time.perf_counter() - start)
        code = proc.returncode
    return statistics.median(times), code


_PHASES = r"""
import gc, json, sys, time
path, mode = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
out = {}
def timed(name, fn):
    start = time.perf_counter(); value = fn(); out[name] = time.perf_counter() - start; return value
if mode == "bare":  # what a plain `yaml.load` costs, cyclic GC on (PyYAML's default)
    import yaml
    timed("bare", lambda: yaml.load(text, Loader=yaml.CSafeLoader))
elif mode == "bare-nogc":  # the same parse with the cyclic GC paused, as pohon's loader does
    import yaml
    gc.disable()
    timed("bare-nogc", lambda: yaml.load(text, Loader=yaml.CSafeLoader))
elif mode == "phases":
    from pohon.loader import yamlsource
    from pohon.model.schema import PohonFile
    from pohon.model.tree import PerformanceTree
    from pohon.rules import check_result
    from pohon.loader.load import load_text
    gc.disable()
    root = timed("compose", lambda: yamlsource.compose(text))
    data, _ = timed("to_plain", lambda: yamlsource.to_plain(root))
    doc = timed("validate", lambda: PohonFile.model_validate(data))
    timed("tree", lambda: PerformanceTree(doc))
    del root, data, doc
    gc.enable()
    result = timed("load", lambda: load_text(text, path))
    timed("rules", lambda: check_result(result))
else:  # "total": load + check in a fresh process, as `pohon check` runs them
    from pohon.loader.load import load_text
    from pohon.rules import check_result
    start = time.perf_counter()
    check_result(load_text(text, path))
    out["total"] = time.perf_counter() - start
print(json.dumps(out))
"""

LABELS = [
    ("bare", "bare libyaml parse, yaml.load(CSafeLoader)"),
    ("bare-nogc", "bare libyaml parse, cyclic GC paused"),
    ("compose", "  pohon: compose (libyaml node graph)"),
    ("to_plain", "  pohon: nodes → plain data (checks)"),
    ("validate", "  pohon: pydantic validation"),
    ("tree", "  pohon: PerformanceTree"),
    ("load", "pohon load_text (all of the above)"),
    ("rules", "pohon check_result (every rule)"),
    ("total", "pohon load + check, in process"),
]


def breakdown(path: Path, runs: int) -> dict[str, float]:
    """Median phase times, each mode in a fresh process so heaps and GC state do not leak between them."""
    import json

    samples: dict[str, list[float]] = {}
    for mode in ("bare", "bare-nogc", "phases", "total"):
        for _ in range(runs):
            proc = subprocess.run([sys.executable, "-c", _PHASES, str(path), mode], capture_output=True, text=True,
                                  check=True)
            for name, t in json.loads(proc.stdout).items():
                samples.setdefault(name, []).append(t)
    return {name: statistics.median(ts) for name, ts in samples.items()}


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
        print(f"\nin process, {n} nodes ({path.stat().st_size / 1e6:.1f} MB), each mode in a fresh process")
        rows = breakdown(path, max(3, args.runs // 2))
        for key, label in LABELS:
            print(f"{label:<44} {rows[key]:8.3f}")
        print(f"\nratio load+check / bare libyaml parse (GC on):     {rows['total'] / rows['bare']:.2f}  (target ≤ 1.3)")
        print(f"ratio load+check / bare libyaml parse (GC paused): {rows['total'] / rows['bare-nogc']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
