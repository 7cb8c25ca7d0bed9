"""`pohon ukur` against `pohon check` on the same generated tree: one ratio, interleaved runs.

    .venv/bin/python benchmarks/bench_ukur.py [--runs 5] [--n 5000]

The tree is gen_tree's n-box tree; beside it a realisation file for the year 2025 gives every
box's indicators an annual realisation and four quarters (TW1–TW4), and every leaf a budget
realisation. `pohon ukur TREE --tahun 2025` (reads the tree, checks it, merges the realisation
file, re-checks the measured figures, measures the year and writes the capaian table to stdout)
is timed against `pohon check TREE`, whole processes taking turns in every round (the order
rotates); the figure is the ratio of the medians (goal ≤ 1.5×), of wall time and of CPU time (user +
system, the steadier figure when other jobs share the cores). Nothing here is asserted by tests.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import BYTECODE_CACHE, PY  # noqa: E402
from gen_tree import generate  # noqa: E402

YEAR = 2025


def realisation_file(tree_text: str) -> str:
    """Four quarters and an annual figure for every indicator of the tree, a budget for every leaf."""
    import yaml

    data = yaml.load(tree_text, Loader=yaml.CSafeLoader)
    lines = ["realisasi: 1", f"tahun: {YEAR}", "kotak:"]
    stack = list(data["kinerja"])
    while stack:
        box = stack.pop()
        stack.extend(box.get("cabang", []))
        entries = []
        for k, ind in enumerate(box.get("indikator", []), start=1):
            target = ind.get("target", {}).get(YEAR)
            if not isinstance(target, (int, float)):
                continue
            tw = [round(target * q / 4, 2) for q in (1, 2, 3, 4)]
            entries.append(f"      {k}: {{realisasi: {tw[-1]}, tw: [{', '.join(map(str, tw))}]}}")
        if not entries and box.get("cabang"):
            continue
        lines.append(f"  {box['id']}:")
        if not box.get("cabang"):
            lines.append("    anggaran: 10000000")
        if entries:
            lines.append("    indikator:")
            lines.extend(entries)
    return "\n".join(lines) + "\n"


def run_once(cmd: list[str], env: dict) -> tuple[float, float, float, int]:
    """Wall time, CPU time (user + system) in s, peak RSS in MB and exit status of one process."""
    import subprocess
    import time

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            os.waitstatus_to_exitcode(status))


def interleaved(cmds: dict[str, list[str]], runs: int, env: dict) -> dict[str, dict]:
    """Medians of each command's wall time, CPU time and peak RSS, the commands taking turns in
    every round (the order rotates). CPU time is the steadier figure on a shared machine."""
    import statistics

    names = list(cmds)
    samples: dict[str, list] = {n: [] for n in names}
    for r in range(runs):
        for name in names[r % len(names):] + names[:r % len(names)]:
            samples[name].append(run_once(cmds[name], env))
    return {n: {"time": statistics.median(x[0] for x in v), "cpu": statistics.median(x[1] for x in v),
                "rss": statistics.median(x[2] for x in v), "exit": v[-1][3]} for n, v in samples.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=5000)
    args = ap.parse_args(argv)
    folder = HERE / "_data" / f"ukur-{args.n}"
    folder.mkdir(parents=True, exist_ok=True)
    tree = folder / "pohon.yaml"
    if not tree.exists():
        tree.write_text(generate(args.n), encoding="utf-8")
    real = folder / f"realisasi-{YEAR}.yaml"
    if not real.exists():
        real.write_text(realisation_file(tree.read_text(encoding="utf-8")), encoding="utf-8")
    pohon = [PY, "-m", "pohon"]
    env = dict(os.environ, **BYTECODE_CACHE, PYTHONPATH=str(HERE.parent / "src"))
    cmds = {"check": pohon + ["check", str(tree)], "ukur": pohon + ["ukur", str(tree), "--tahun", str(YEAR)]}
    res = interleaved(cmds, max(5, args.runs), env)
    for name, r in res.items():
        print(f"{name:6} median wall {r['time']:.2f} s  CPU {r['cpu']:.2f} s  peak RSS {r['rss']:.0f} MB  exit {r['exit']}")
    print(f"ukur / check = {res['ukur']['time'] / res['check']['time']:.2f}× wall, "
          f"{res['ukur']['cpu'] / res['check']['cpu']:.2f}× CPU (goal ≤ 1.5×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
