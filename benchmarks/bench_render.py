"""Figures for `pohon render`, each a ratio against its anchor measured in the same run.

    .venv/bin/python benchmarks/bench_render.py [--runs 5] [--split 50000] [--small-only]

Absolute times on a shared 2-core machine are too noisy to compare across runs, so every figure
is pohon against an anchor, interleaved (anchor, pohon, anchor, pohon, ...), median of ``--runs``:

1. the bundled 31-box tree to SVG, whole process (``pohon render x.yaml -o x.svg``), against one
   bare Graphviz ``dot`` layout+draw of the DOT that pohon emits for it, also a whole process
   (Python + pygraphviz's bundled Graphviz: ``AGraph(string=dot).draw(format="svg", prog="dot")``;
   the pygraphviz wheel ships no ``dot`` program). Goal: ≤ 2×. The floor is the same bare run
   that also imports click and reads the tree as every command does (``pohon.app.check_file``,
   rules deferred as ``render`` reads it): what is left above it is rendering's own cost (its
   modules, the DOT text, staging and writing the file). A breakdown of pohon's run by phase
   (in process, one run) says where the time goes.
2. ``render --pisah`` of a generated 50k tree (``gen_tree.py``), whole process, against the bare
   layouts of the same pages (the DOT files pohon writes with ``-f dot``) on the same number of
   forked workers, pulling pages from one queue as pohon does. Goal: ≤ 1.1×, peak memory < 500 MB
   (the largest resident set of the process or any worker, from ``wait4``). For scale the bare
   ``yaml.load`` of the same file (libyaml, GC paused) is printed too: pohon loads the tree
   before it can draw a page, so load + check + bare layouts is the floor the ratio can reach.
3. ``--pisah -o pohon.pdf`` (one PDF with a page per subtree) against the same pages' bare PDF
   layouts.

Python may cache bytecode for every command (``PYTHONDONTWRITEBYTECODE`` is dropped, one
warm-up round is not counted), as for an installed package. ``--before DIR`` adds the same pohon
commands run from another source tree (e.g. a checkout of the base commit's ``src``), in the same
rounds, for before/after figures.

Generated trees go to benchmarks/_data/ (git-ignored). Nothing here is asserted by tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "trees" / "kesbangpol-balangan.yaml"
PY = sys.executable
sys.path.insert(0, str(HERE))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BEFORE: str | None = None  # --before: a src folder to run "pohon before" from

BARE_ONE = """
import sys, pygraphviz
data = pygraphviz.AGraph(string=open(sys.argv[1], encoding="utf-8").read()).draw(format=sys.argv[3], prog="dot")
open(sys.argv[2], "wb").write(data)
"""

# Lays out every DOT file of a folder with W forked workers that take pages from one queue.
BARE_PAGES = """
import os, sys, pygraphviz
folder, fmt, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".dot"))
files.sort(key=os.path.getsize, reverse=True)  # biggest first, as pohon schedules its pages
r, w = os.pipe()
for k in range(len(files)):
    os.write(w, k.to_bytes(4, "little"))
os.close(w)
kids = []
for _ in range(workers):
    pid = os.fork()
    if pid == 0:
        while True:
            b = os.read(r, 4)
            if len(b) < 4:
                os._exit(0)
            path = files[int.from_bytes(b, "little")]
            pygraphviz.AGraph(string=open(path, encoding="utf-8").read()).draw(format=fmt, prog="dot")
    kids.append(pid)
for pid in kids:
    os.waitpid(pid, 0)
"""

BARE_YAML = """
import gc, sys, yaml
gc.disable()
yaml.load(open(sys.argv[1], encoding="utf-8").read(), Loader=yaml.CSafeLoader)
"""


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, workers included) and peak resident set (MB) of
    the largest process of ``cmd``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env or ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def interleaved(commands: dict[str, list[str]], runs: int, before=None, warm: bool = True) -> dict[str, dict[str, float]]:
    """Run each command once per round, rounds ``runs`` times (after a warm-up round when ``warm``);
    medians of wall time and peak. A command's name starting with "pohon before" runs the
    ``--before`` source tree."""
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, list[float]] = {k: [] for k in commands}
    envs = {k: dict(ENV, PYTHONPATH=BEFORE) if k.startswith("pohon before") else ENV for k in commands}
    for r in range(runs + (1 if warm else 0)):
        for name, cmd in commands.items():
            if before:
                before(name)
            w, c, m = timed(cmd, envs[name])
            if warm and r == 0:
                continue
            walls[name].append(w)
            cpus[name].append(c)
            peaks[name].append(m)
    return {k: {"wall": statistics.median(walls[k]), "cpu": statistics.median(cpus[k]), "peak": max(peaks[k]),
                "min": min(walls[k])} for k in commands}


def pohon(*args) -> list[str]:
    return [PY, "-m", "pohon", *map(str, args)]


def workers_of_pohon() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from pohon.render import service

    most = getattr(service, "MAX_WORKERS", 8)

    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, most))


def phases(path: Path) -> list[tuple[str, float]]:
    """pohon's render of ``path`` to SVG, phase by phase, in a fresh process (milliseconds)."""
    code = f"""
import time
t = [time.perf_counter()]
import click, pohon.cli; t.append(time.perf_counter())
from pohon.app import check_file
from pohon.render import service
from pohon.render.dot import RenderOptions, build_dot; t.append(time.perf_counter())
from pohon.render.style import load_style
style = load_style(None); t.append(time.perf_counter())
checked = check_file({str(path)!r}, defer_rules=True); t.append(time.perf_counter())
dot = build_dot(checked.tree, RenderOptions(style=style)); t.append(time.perf_counter())
from pohon.render.graphviz import render_formats
svg = render_formats(dot, ["svg"]); t.append(time.perf_counter())
print(" ".join(str(b - a) for a, b in zip(t, t[1:])))
"""
    names = ["import click + pohon.cli", "import app, render service, DOT builder (model)", "style table",
             "check_file (load; rules run only when findings are shown)", "build DOT", "Graphviz layout + SVG (pygraphviz import included)"]
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    return list(zip(names, (1000 * float(x) for x in out)))


def small(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        dot = Path(tmp) / "k.dot"
        subprocess.run(pohon("render", EXAMPLE, "-o", dot), check=True, capture_output=True, cwd=ROOT)
        script = Path(tmp) / "bare.py"
        script.write_text(BARE_ONE, encoding="utf-8")
        out = Path(tmp) / "x.svg"
        floor = Path(tmp) / "floor.py"  # what every command does: click, and reading the tree
        floor.write_text("import click\nfrom pohon.app import check_file\n"
                         f"check_file({str(EXAMPLE)!r}, defer_rules=True)\n" + BARE_ONE, encoding="utf-8")
        cmds = {
            "python": [PY, "-c", "pass"],
            "import yaml": [PY, "-c", "import yaml"],
            "bare dot": [PY, str(script), str(dot), str(Path(tmp) / "bare.svg"), "svg"],
            "floor": [PY, str(floor), str(dot), str(Path(tmp) / "floor.svg"), "svg"],
            "pohon render": pohon("render", EXAMPLE, "-o", out, "--force"),
            **({"pohon before render": pohon("render", EXAMPLE, "-o", out, "--force")} if BEFORE else {}),
            "pohon render html": pohon("render", EXAMPLE, "-o", Path(tmp) / "x.html", "--force"),
            "pohon check": pohon("check", EXAMPLE),
        }
        res = interleaved(cmds, runs)
    anchor, cpu = res["bare dot"]["wall"], res["bare dot"]["cpu"]
    print(f"1. bundled tree (31 boxes) -> SVG, whole process, median of {runs} (interleaved); wall and CPU time:")
    for name, r in res.items():
        print(f"   {name:20s} {r['wall'] * 1000:6.1f} ms = {r['wall'] / anchor:4.2f}x   "
              f"cpu {r['cpu'] * 1000:6.1f} ms = {r['cpu'] / cpu:4.2f}x bare dot")
    names = ["pohon render"] + (["pohon before render"] if BEFORE else [])
    for name in names:
        print(f"   => {name} / bare dot = {res[name]['wall'] / anchor:.2f}x wall, {res[name]['cpu'] / cpu:.2f}x cpu "
              f"(goal <= 2x)")
    print(f"   => floor (bare dot + import click + reading the tree) / bare dot = {res['floor']['wall'] / anchor:.2f}x wall, "
          f"{res['floor']['cpu'] / cpu:.2f}x cpu")
    print("   where pohon's time goes (one run, in process, ms):")
    for name, ms in phases(EXAMPLE):
        print(f"     {ms:7.1f}  {name}")


def split(n: int, runs: int) -> None:
    from gen_tree import tree_file

    path = tree_file(n)
    workers = workers_of_pohon()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        dots = tmp / "dots"
        subprocess.run(pohon("render", path, "--pisah", "-f", "dot", "-o", f"{dots}/"), check=True,
                       capture_output=True, cwd=ROOT)
        pages = len(list(dots.glob("*.dot")))
        bare = tmp / "bare.py"
        bare.write_text(BARE_PAGES, encoding="utf-8")
        yml = tmp / "bare_yaml.py"
        yml.write_text(BARE_YAML, encoding="utf-8")
        out = tmp / "out"

        def clean(_name):
            shutil.rmtree(out, ignore_errors=True)

        cmds = {
            "bare layouts svg": [PY, str(bare), str(dots), "svg", str(workers)],
            "pohon --pisah svg": pohon("render", path, "--pisah", "-o", f"{out}/"),
            **({"pohon before --pisah svg": pohon("render", path, "--pisah", "-o", f"{out}/")} if BEFORE else {}),
            "bare layouts pdf": [PY, str(bare), str(dots), "pdf", str(workers)],
            "pohon --pisah pdf": pohon("render", path, "--pisah", "-o", out / "pohon.pdf"),
            "bare yaml.load": [PY, str(yml), str(path)],
            "pohon check": pohon("check", path),
        }
        res = interleaved(cmds, runs, before=clean, warm=False)
    print(f"2. {n:,}-box tree, --pisah, {pages} pages, {workers} workers, median of {runs} (interleaved):")
    for name, r in res.items():
        print(f"   {name:24s} {r['wall']:7.2f} s  cpu {r['cpu']:7.2f} s  peak {r['peak']:6.0f} MB")
    svg = res["pohon --pisah svg"]
    pdf = res["pohon --pisah pdf"]
    bare = res["bare layouts svg"]
    print(f"   => --pisah svg / bare page layouts = {svg['wall'] / bare['wall']:.2f}x wall (goal <= 1.1x), "
          f"{svg['cpu'] / bare['cpu']:.2f}x cpu, peak {svg['peak']:.0f} MB (goal < 500 MB)")
    print(f"   => --pisah one PDF / bare page PDF layouts = {pdf['wall'] / res['bare layouts pdf']['wall']:.2f}x, "
          f"peak {pdf['peak']:.0f} MB")
    if BEFORE:
        b = res["pohon before --pisah svg"]
        print(f"   => before: --pisah svg / bare page layouts = {b['wall'] / bare['wall']:.2f}x wall, "
              f"{b['cpu'] / bare['cpu']:.2f}x cpu, peak {b['peak']:.0f} MB")
    floor = res["bare yaml.load"]["wall"] + res["bare layouts svg"]["wall"]
    print(f"   => --pisah svg / (bare yaml.load + bare page layouts) = {svg['wall'] / floor:.2f}x; "
          f"peak / pohon check's peak = {svg['peak'] / res['pohon check']['peak']:.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--split", type=int, default=50000, help="box count of the --pisah tree (0: skip)")
    ap.add_argument("--split-runs", type=int, default=None, help="runs of the --pisah figures (default: --runs)")
    ap.add_argument("--small-only", action="store_true")
    ap.add_argument("--skip-small", action="store_true")
    ap.add_argument("--before", default=None, metavar="SRC", help="also run pohon from this src folder")
    a = ap.parse_args(argv)
    global BEFORE
    BEFORE = str(Path(a.before).resolve()) if a.before else None
    if not a.skip_small:
        small(a.runs)
    if a.split and not a.small_only:
        split(a.split, a.split_runs or a.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
