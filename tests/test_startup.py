"""What `pohon check` of a small tree imports (issue 9: start-up is most of its time): not click for
its usual command line, not rich for a plain report, not rapidfuzz when no near-duplicate needs
comparing, not the measurement modules of a tree without realisation, grades or band table, not
the csv module for pohon's own nomenclature; and still the same findings."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "trees" / "kesbangpol-balangan.yaml"

_RUN = """
import json, sys
sys.argv = ["pohon", *sys.argv[1:]]
from pohon.launch import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stdout.flush()
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}), file=sys.__stdout__)
"""


def _check(*args):
    done = subprocess.run([sys.executable, "-c", _RUN, "check", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    *_, last = done.stdout.strip().splitlines()
    return json.loads(last), done.stderr


def test_check_of_the_bundled_tree_imports_neither_rich_nor_rapidfuzz():
    run, stderr = _check(str(TREE))
    modules = set(run["modules"])
    assert run["exit"] == 0
    assert "1 berkas diperiksa: 0 kesalahan, 6 peringatan, 0 info" in stderr
    assert "M004 peringatan [O1]" in stderr and "M006 peringatan [C3]" in stderr
    assert not {m for m in modules if m.split(".")[0] in ("rich", "rapidfuzz", "click")}
    assert not {"pohon.measure.quantity", "pohon.measure.settings", "csv", "secrets"} & modules


def test_the_findings_are_the_same_when_rapidfuzz_answers():
    """pohon.fuzzy answers M004/M005/M009's questions on a small tree; with rapidfuzz imported
    first, rapidfuzz answers them all: the same report, byte for byte (M005 scores included)."""
    for tree in ("latihan-kesalahan.yaml", "kesbangpol-balangan.yaml"):
        args = ("--format", "json", "--info", str(ROOT / "trees" / tree))
        plain = subprocess.run([sys.executable, "-c", _RUN, "check", *args], capture_output=True, text=True,
                               timeout=120, cwd=ROOT)
        rapid = subprocess.run([sys.executable, "-c", "import rapidfuzz\n" + _RUN, "check", *args],
                               capture_output=True, text=True, timeout=120, cwd=ROOT)
        report, run = plain.stdout.rsplit("\n{", 1)
        assert "rapidfuzz" not in json.loads("{" + run)["modules"] or tree.startswith("latihan")
        assert report == rapid.stdout.rsplit("\n{", 1)[0]
        assert '"M005"' in report or tree.startswith("kesbangpol")


def test_click_modules_imported_later_speak_the_chosen_language():
    code = ("import sys, click, pohon.clicklang as cl\n"
            "print('click.shell_completion' in sys.modules, 'click._termui_impl' in sys.modules)\n"
            "import click.shell_completion, click._termui_impl\n"
            "print(click.shell_completion._ is cl.gettext, click._termui_impl._ is cl.gettext)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "False", "True", "True"]
