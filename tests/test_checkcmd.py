"""`pohon check` without click (pohon.checkcmd, from pohon.launch): the same output and exit code
as through click for every command line it takes, and click for every other one."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon import checkcmd, cli

ROOT = Path(__file__).resolve().parent.parent
TREE = "trees/kesbangpol-balangan.yaml"
ERRORS = "trees/latihan-kesalahan.yaml"

FAST = [
    [TREE],
    [TREE, "--format", "json"],
    ["--lang", "en", TREE, "--info"],
    [TREE, "--lang=en", "--format=json", "--info"],
    [TREE, "--strict"],
    [TREE, "--select", "M004"],
    [TREE, "--ignore=M", "--info", "--info"],
    [TREE, "--select", "XYZ"],  # no such rule: a usage error (2)
    [TREE, "--select="],
    [TREE, "--maks-ukuran", "0.001"],  # F008
    [TREE, "--maks-ukuran=4096", "--format", "human", "--format", "json"],
    [ERRORS, "--lang", "en"],
    ["trees", "--format", "json"],
    [TREE, ERRORS, "--strict", "--format", "json"],
    ["./" + TREE],
]
CLICK = [
    [],
    ["missing.yaml"],
    [TREE, "--format", "xml"],
    [TREE, "--bogus"],
    [TREE, "--help"],
    [TREE, "-h"],
    [TREE, "--maks-ukuran", "nan"],
    [TREE, "--maks-ukuran", "0"],
    [TREE, "--maks-ukuran", "1e3"],
    [TREE, "--select", "-x"],
    [TREE, "--info=yes"],
    [TREE, "--format"],
    ["--", TREE],
    ["-", TREE],
]


def _run(entry, args):
    code = f"import sys; sys.argv[0] = 'pohon'; from {entry} import main; sys.exit(main())"
    env_code = "import sys; print(sorted(m for m in sys.modules if m == 'click' or m.startswith('click.')), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", f"import atexit\natexit.register(lambda: exec({env_code!r}))\n{code}",
                           "check", *args], capture_output=True, text=True, timeout=120, cwd=ROOT)
    *err, imported = done.stderr.rstrip("\n").split("\n")
    return done.returncode, done.stdout, "\n".join(err), imported


def test_what_is_read_without_click():
    for args in FAST:
        assert checkcmd.parse(args) is not None, args
    for args in CLICK:
        assert checkcmd.parse(args) is None, args


@pytest.mark.parametrize("args", FAST + CLICK[:4], ids=lambda a: " ".join(a) or "-")
def test_the_same_output_with_or_without_click(args):
    fast = _run("pohon.launch", args)
    slow = _run("pohon.cli", args)
    assert fast[:3] == slow[:3]
    # the usual command lines never import click (a usage error does, to write its message)
    assert (fast[3] == "[]") == (args in FAST and fast[0] != 2)


@pytest.mark.parametrize("problem, code, text", [
    (KeyboardInterrupt(), 130, "pohon: dibatalkan / interrupted\n"),
    (RuntimeError("boom"), 3, "pohon: kesalahan internal (RuntimeError: boom).\n"),
])
def test_interruptions_and_internal_errors_are_reported_alike(monkeypatch, capsys, problem, code, text):
    def run(*args, **kwargs):
        raise problem

    monkeypatch.setattr(checkcmd, "run", run)
    assert checkcmd.main(checkcmd.parse([str(ROOT / TREE)])) == code
    fast = capsys.readouterr().err
    assert fast.startswith(text)
    slow = CliRunner().invoke(cli.main, ["check", str(ROOT / TREE)])
    assert slow.exit_code == code and slow.output == fast


def test_the_options_read_without_click_are_the_click_commands():
    """checkcmd's table of options is click's `check` command: the same names, defaults,
    choices, flags and size range (a change to one without the other fails here)."""
    import click

    params = {p.name: p for p in cli.check.params if p.name != "paths"}
    assert set(params) == set(checkcmd.DEFAULTS)
    ctx = click.Context(cli.check)
    assert {name: p.type_cast_value(ctx, p.get_default(ctx)) if not p.is_flag else bool(p.get_default(ctx))
            for name, p in params.items()} == checkcmd.DEFAULTS
    options = {opt: p for p in params.values() for opt in p.opts}
    assert {opt for opt, p in options.items() if p.is_flag} == set(checkcmd._FLAGS)
    assert {opt: p.name for opt, p in options.items() if p.is_flag} == checkcmd._FLAGS
    valued = {opt: p for opt, p in options.items() if not p.is_flag}
    assert set(valued) == set(checkcmd._VALUED)
    for opt, p in valued.items():
        name, choices = checkcmd._VALUED[opt]
        assert name == p.name
        assert choices == (tuple(p.type.choices) if isinstance(p.type, click.Choice) else None)
    size = params["max_mb"].type
    assert isinstance(size, click.FloatRange) and (size.min, size.max) == checkcmd.MAX_MB
