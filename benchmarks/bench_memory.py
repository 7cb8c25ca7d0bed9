"""Peak memory and time of `check` against the bare libyaml parse, and two hostile inputs.

    .venv/bin/python benchmarks/bench_memory.py [--runs 5] [--size 50000] [--src DIR]

Each run is a fresh process; the modes are interleaved (bare, check, bare, check, …) and the
median of the runs is reported, as a ratio to the bare parse measured alongside (the machine
is shared: absolute times are noise, ratios are the figure). Both modes pause the cyclic GC.

- bare:  `yaml.load(text, Loader=CSafeLoader)` of the tree file's text
- check: `check_result(load_text(text))`, what `pohon check` does after reading the file
- cli:   `pohon check FILE` as a whole process (peak RSS only, with imports and output)

Peak memory is the process's maximum resident set (``ru_maxrss``), imports included. Time is
CPU time of the measured call (user + system), which the load of other jobs disturbs least.
`--src DIR` measures another checkout's `src/` (e.g. the commit before) with the same script.
Hostile inputs (generated in a temporary folder): 8,000 unknown keys in one mapping, and one
100,000-character anchor used 2,000 times; their whole `pohon check` process time is reported.
Nothing here is asserted by tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_tree import tree_file  # noqa: E402

_MEASURE = r"""
import gc, json, resource, sys, time
path, mode = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
if mode == "bare":
    import yaml
    gc.disable()
    cpu, wall = time.process_time(), time.perf_counter()
    yaml.load(text, Loader=yaml.CSafeLoader)
else:
    from pohon.loader.load import load_text
    from pohon.rules import check_result
    gc.disable()
    cpu, wall = time.process_time(), time.perf_counter()
    check_result(load_text(text, path))
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({"cpu": cpu, "wall": wall, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _env(src: Path | None) -> dict:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def measure(path: Path, mode: str, src: Path | None) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path), mode], capture_output=True, text=True,
                         check=True, env=_env(src))
    return json.loads(out.stdout)


_CLI = r"""
import resource, runpy, sys
sys.argv = ["pohon", "check", sys.argv[1]]
try:
    runpy.run_module("pohon", run_name="__main__")
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr)
"""


def cli_peak(path: Path, src: Path | None) -> float:
    """Peak RSS (MB) of `pohon check PATH` as a whole process (imports, report and all)."""
    proc = subprocess.run([sys.executable, "-c", _CLI, str(path)], capture_output=True, text=True, env=_env(src))
    return float(proc.stderr.strip().splitlines()[-1])


def hostile(folder: Path) -> dict[str, Path]:
    head = "pohon: 1\norganisasi: {nama: Dinas Uji}\nperiode: 2024-2025\n"
    unknown = folder / "unknown-keys-8000.yaml"
    unknown.write_text(head + "kinerja:\n  - id: O1\n    uraian: Meningkatnya x\n"
                       + "".join(f"    k{i}: x\n" for i in range(8000)), encoding="utf-8")
    alias = folder / "scalar-alias-2000.yaml"
    alias.write_text(head + f"tahap1:\n  permasalahan: &a {'x' * 100_000}\n  mandat:\n"
                     + "    - *a\n" * 2000 + "kinerja:\n  - {id: O1, uraian: Meningkatnya x}\n", encoding="utf-8")
    return {"8,000 unknown keys in one mapping": unknown, "100 KB anchor used 2,000 times": alias}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", type=int, default=50000)
    ap.add_argument("--src", type=Path, default=None, help="measure this src/ folder instead of the installed pohon")
    args = ap.parse_args(argv)
    path = tree_file(args.size)
    print(f"python {sys.version.split()[0]}, {args.size} boxes ({path.stat().st_size / 1e6:.1f} MB), "
          f"median of {args.runs} interleaved runs, GC paused" + (f", src={args.src}" if args.src else ""))

    samples: dict[str, list[dict]] = {"bare": [], "check": []}
    cli: list[float] = []
    for _ in range(args.runs):
        for mode in ("bare", "check"):
            samples[mode].append(measure(path, mode, args.src))
        cli.append(cli_peak(path, args.src))
    med = {mode: {k: statistics.median(s[k] for s in runs) for k in ("cpu", "wall", "rss_mb")}
           for mode, runs in samples.items()}
    ratio = {k: statistics.median(c[k] / b[k] for b, c in zip(samples["bare"], samples["check"]))
             for k in ("cpu", "wall", "rss_mb")}
    print(f"\n{'':34} {'bare parse':>12} {'check':>12} {'ratio':>7}")
    print(f"{'CPU time (s)':34} {med['bare']['cpu']:12.2f} {med['check']['cpu']:12.2f} {ratio['cpu']:7.2f}")
    print(f"{'wall time (s)':34} {med['bare']['wall']:12.2f} {med['check']['wall']:12.2f} {ratio['wall']:7.2f}")
    print(f"{'peak RSS (MB)':34} {med['bare']['rss_mb']:12.0f} {med['check']['rss_mb']:12.0f} {ratio['rss_mb']:7.2f}")
    cli_rss = statistics.median(cli)
    print(f"{'`pohon check` process peak RSS (MB)':34} {'':12} {cli_rss:12.0f} {cli_rss / med['bare']['rss_mb']:7.2f}")

    print("\nhostile inputs, whole `pohon check` process (s), median:")
    with tempfile.TemporaryDirectory() as tmp:
        for label, file in hostile(Path(tmp)).items():
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "pohon", "check", str(file)], capture_output=True,
                                      env=_env(args.src), timeout=600)
                times.append(time.perf_counter() - start)
            print(f"  {label:40} {statistics.median(times):7.2f}  exit {proc.returncode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
