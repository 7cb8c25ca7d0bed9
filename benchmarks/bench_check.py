"""`pohon check` against its anchors: every figure is a ratio measured in one interleaved run.

    .venv/bin/python benchmarks/bench_check.py [--runs 5] [--only startup,big,m005] [--src DIR]

The machine is shared (2 cores, other jobs running), so absolute times mislead: each figure is
pohon's median over ``--runs`` rounds divided by the median of its anchor, the two run
alternately in the same rounds (the order rotates every round).

- startup: ``pohon --help`` and ``pohon check`` of the bundled 31-box tree, whole process, vs
  ``python -c "import yaml"`` (goals: ≤ 1.3× and ≤ 3×), and reference points under them (the
  modules check cannot do without; click, which every other command line imports);
- big: ``pohon check`` of a generated 50,000-box tree vs a bare libyaml parse of the same file
  with the cyclic GC paused (``yaml.load(text, CSafeLoader)``), whole process: wall time and
  peak RSS (goal ≤ 1.0× both); and the similar-text 50k tree vs the normal one (goal ≤ 1.3×);
- m005: the near-duplicate rule alone, in process, on the 5,000-box look-alike-names tree (and
  the normal one) vs the bare parse of the same file, with the number of M005 findings (goal 0).

``--src DIR`` runs another checkout's pohon (its ``src/`` first on PYTHONPATH) with this
interpreter, for before/after figures from one script; ``--before DIR`` runs that checkout's
pohon *as well*, in the same rounds (before and after against one anchor). Generated trees go to
benchmarks/_data/ (git-ignored). Nothing here is asserted by tests.
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
EXAMPLE = ROOT / "trees" / "kesbangpol-balangan.yaml"
sys.path.insert(0, str(HERE))

from gen_tree import tree_file  # noqa: E402

PY = sys.executable
# Reference points under the start-up figures: what `pohon check` cannot do without (the data
# files are JSON, figures are Decimals), and click, which any other command line imports (check's
# usual command lines are read without it: pohon.checkcmd).
FLOORS = [
    ("stdlib", "import yaml, json, decimal", "import yaml, json, decimal (check's floor)"),
    ("click", "import yaml, click", "import yaml, click (any other command line)"),
]
# bytecode cached as an installed copy has it (this machine sets PYTHONDONTWRITEBYTECODE=1,
# which would make every run compile pohon's modules: ~55 ms of a 300 ms start-up)
BYTECODE_CACHE = {"PYTHONDONTWRITEBYTECODE": "",
                  "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "pohon-bench-pyc")}
BARE_PARSE = ("import gc, sys, yaml; gc.disable(); "
              "yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)")


def _pohon(checkout: Path) -> list[str]:
    """What the `pohon` console script of ``checkout`` runs (its ``[project.scripts]`` entry point,
    as pip's script does it), so that another checkout's pohon runs as it would be installed."""
    import re

    found = re.search(r'^pohon\s*=\s*"([\w.]+):(\w+)"', (checkout / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    module, func = found.groups() if found else ("pohon.cli", "main")
    return [PY, "-c", f"import re, sys; sys.argv[0] = 'pohon'; from {module} import {func}; sys.exit({func}())"]


def run_once(cmd: list[str], env: dict) -> tuple[float, float, int, float]:
    """Wall time (s), peak RSS (MB), exit status and CPU time (user + system, s) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def interleaved(cmds: dict[str, list[str]], runs: int, env: dict, envs: dict | None = None) -> dict[str, dict]:
    """Median wall time and peak RSS of each command, the commands taking turns in every round
    (``envs``: another environment for some of them, by name)."""
    names = list(cmds)
    samples: dict[str, list[tuple[float, float, int, float]]] = {n: [] for n in names}
    for r in range(runs):
        for name in names[r % len(names):] + names[:r % len(names)]:
            samples[name].append(run_once(cmds[name], (envs or {}).get(name, env)))
    return {n: {"time": statistics.median(s[0] for s in v), "rss": statistics.median(s[1] for s in v),
                "exit": v[-1][2], "cpu": statistics.median(s[3] for s in v)} for n, v in samples.items()}


_M005 = r"""
import gc, json, sys, time
import yaml
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
gc.disable()
start = time.perf_counter(); yaml.load(text, Loader=yaml.CSafeLoader); bare = time.perf_counter() - start
gc.enable()
from pohon.loader.load import load_text
from pohon.rules.context import Context
from pohon.rules import similar
loaded = load_text(text, path)
ctx = Context(loaded.tree, loaded.file, loaded.source)
gc.disable()
start = time.perf_counter(); found = list(similar.check_redundancy(ctx)); m005 = time.perf_counter() - start
print(json.dumps({"bare": bare, "m005": m005, "found": len(found)}))
"""


def m005_alone(path: Path, runs: int, env: dict) -> dict:
    """The M005 rule alone on a loaded tree vs the bare parse of the same file, each run a fresh process."""
    rows = [json.loads(subprocess.run([PY, "-c", _M005, str(path)], capture_output=True, text=True, env=env,
                                      check=True).stdout) for _ in range(runs)]
    return {"ratio": statistics.median(r["m005"] / r["bare"] for r in rows),
            "m005": statistics.median(r["m005"] for r in rows), "found": rows[-1]["found"]}


def row(label: str, value: float, anchor: float, goal: str, unit: str = "s") -> None:
    print(f"{label:<52} {value:9.3f} {anchor:9.3f} {unit:>3} {value / anchor:7.2f}×  {goal}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="rounds (median of this many; at least 5)")
    ap.add_argument("--only", default="startup,big,m005")
    ap.add_argument("--big", type=int, default=50000, help="size of the big trees")
    ap.add_argument("--src", type=Path, help="run the pohon in this checkout's src/ (for 'before' figures)")
    ap.add_argument("--before", type=Path, metavar="CHECKOUT",
                    help="also run this checkout's pohon in the same rounds (before/after in one run)")
    args = ap.parse_args(argv)
    runs = max(5, args.runs)
    parts = set(args.only.split(","))
    cache = BYTECODE_CACHE
    env = dict(os.environ, **cache)
    if args.src:
        env["PYTHONPATH"] = os.pathsep.join([str(args.src.resolve() / "src"), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep)
    pohon = _pohon(args.src.resolve() if args.src else ROOT)
    envs: dict[str, dict] = {}
    before: list[str] = []
    if args.before:
        before = _pohon(args.before.resolve())
        benv = dict(os.environ, **cache, PYTHONPATH=str(args.before.resolve() / "src"))
        envs = {"check before": benv, "normal before": benv}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
          f"median of {runs} interleaved rounds; pohon from {args.src or ROOT}\n")
    print(f"{'measure':<52} {'pohon':>9} {'anchor':>9} {'':>3} {'ratio':>8}  goal")

    if "startup" in parts:
        anchor = [PY, "-c", "import yaml"]
        cmds = {"yaml": anchor, "help": pohon + ["--help"], "check": pohon + ["check", str(EXAMPLE)]}
        if before:
            cmds["check before"] = before + ["check", str(EXAMPLE)]
        cmds.update({name: [PY, "-c", code] for name, code, _ in FLOORS})
        res = interleaved(cmds, max(runs, 11), env, envs)
        row("pohon --help  vs  python -c 'import yaml'", res["help"]["time"], res["yaml"]["time"], "≤ 1.3×")
        row("pohon check (31 boxes)  vs  python -c 'import yaml'", res["check"]["time"], res["yaml"]["time"],
            "≤ 3×")
        if before:
            row("  before: pohon check (31 boxes)  vs  import yaml", res["check before"]["time"],
                res["yaml"]["time"], "")
        for name, _, label in FLOORS:
            row(f"  floor: {label}", res[name]["time"], res["yaml"]["time"], "")

    if "big" in parts:
        normal, similar = tree_file(args.big), tree_file(args.big, "similar")
        cmds = {"bare": [PY, "-c", BARE_PARSE, str(normal)], "normal": pohon + ["check", str(normal)],
                "similar": pohon + ["check", str(similar)]}
        if before:
            cmds["normal before"] = before + ["check", str(normal)]
        res = interleaved(cmds, runs, env, envs)
        k = f"{args.big // 1000}k"
        row(f"check {k} time  vs  bare libyaml parse (GC paused)", res["normal"]["time"], res["bare"]["time"], "≤ 1.0×")
        row("  the same in CPU time (user + system)", res["normal"]["cpu"], res["bare"]["cpu"], "")
        row(f"check {k} peak RSS  vs  bare libyaml parse", res["normal"]["rss"], res["bare"]["rss"], "≤ 1.0×", "MB")
        row(f"check {k} similar-text  vs  check {k} normal", res["similar"]["time"], res["normal"]["time"], "≤ 1.3×")
        if before:
            row(f"  before: check {k} time  vs  bare libyaml parse", res["normal before"]["time"],
                res["bare"]["time"], "")
            row("  before: the same in CPU time", res["normal before"]["cpu"], res["bare"]["cpu"], "")
            row(f"  before: check {k} peak RSS  vs  bare libyaml parse", res["normal before"]["rss"],
                res["bare"]["rss"], "", "MB")
        for name in ("normal", "similar"):
            if res[name]["exit"] != 0:
                print(f"  (check {k} {name} exited {res[name]['exit']})")

    if "m005" in parts:
        for variant in ("lookalike", "normal"):
            got = m005_alone(tree_file(5000, variant), runs, env)
            print(f"{'M005 alone, 5k ' + variant + '  vs  bare parse of the file':<52} {got['m005']:9.3f} "
                  f"{'':>9} {'s':>3} {got['ratio']:7.2f}×  findings: {got['found']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
