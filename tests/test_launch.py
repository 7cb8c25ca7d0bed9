"""`pohon --help` from the cached page: current, identical to click's, and never used when it might differ."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pohon import launch

SCRIPT = Path(sys.executable).with_name("pohon")


def test_the_cached_page_is_current():
    """After changing a command, its help or click_id.yaml, run `.venv/bin/python -m pohon.datafiles`."""
    assert Path(launch.CACHE).read_text(encoding="utf-8") == launch.cache_text(), (
        "stale: run .venv/bin/python -m pohon.datafiles")


def _run(*args, **env):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


def _click_page(*args, **env):
    """What click itself prints (the entry point of pohon.cli, without the cache)."""
    code = "import sys; sys.argv[0] = 'pohon'; from pohon.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


@pytest.mark.skipif(not SCRIPT.exists(), reason="no pohon console script next to this python")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_the_command_prints_click_s_page(flag):
    fast, slow = _run(flag), _click_page(flag)
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, slow.stdout, "")
    assert fast.stdout.startswith("Pemakaian: pohon [OPSI] PERINTAH [ARG]...")


def test_the_cache_is_used_only_for_the_help_flag_at_the_usual_width(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/usr/bin/pohon", "--help"])
    monkeypatch.setenv("COLUMNS", "120")
    assert launch.cached_help() == launch.help_text()
    monkeypatch.setenv("COLUMNS", "60")  # a narrow terminal: click wraps differently
    assert launch.cached_help() is None
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys, "argv", ["/usr/bin/python3 -m pohon", "--help"])  # another program name
    assert launch.cached_help() is None


def test_a_stale_cache_is_not_used(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["pohon", "--help"])
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setattr(launch, "help_key", lambda: "something else")
    assert launch.cached_help() is None


@pytest.mark.skipif(not SCRIPT.exists(), reason="no pohon console script next to this python")
def test_a_narrow_terminal_gets_click_s_narrow_page():
    fast, slow = _run("--help", COLUMNS="60"), _click_page("--help", COLUMNS="60")
    assert fast.stdout == slow.stdout and max(map(len, fast.stdout.splitlines())) <= 58


@pytest.mark.skipif(not SCRIPT.exists(), reason="no pohon console script next to this python")
def test_other_commands_go_through_click():
    res = _run("rules", "--format", "json")
    assert res.returncode == 0 and res.stdout.startswith("[")
    assert _run("--help", "--lang", "en").returncode == 2


def _via_launch(command, *args, entry="run"):
    """`pohon COMMAND …` through the console script's entry point, with an exit handler that reports."""
    code = ("import atexit, sys; atexit.register(lambda: print('exit handler ran', file=sys.stderr)); "
            f"sys.argv[0] = 'pohon'; from pohon.launch import {entry}; sys.exit({entry}())")
    return subprocess.run([sys.executable, "-c", code, command, *args], capture_output=True, text=True, timeout=120)


def _check_via_launch(*args):
    return _via_launch("check", *args)


def test_ukur_ends_at_once_with_its_file_whole(tmp_path):
    """`pohon ukur -o FILE` ends the same way: the file it wrote is whole, the same as after a normal exit."""
    tree = str(Path(__file__).resolve().parent / "fixtures" / "ukur" / "triwulan" / "pohon.yaml")
    quick = _via_launch("ukur", tree, "-o", str(tmp_path / "quick.csv"))
    normal = _via_launch("ukur", tree, "-o", str(tmp_path / "normal.csv"), entry="main")
    assert quick.returncode == normal.returncode == 0 and "exit handler ran" in quick.stderr
    assert (tmp_path / "quick.csv").read_bytes() == (tmp_path / "normal.csv").read_bytes() != b""


def test_check_ends_at_once_as_a_normal_exit_would():
    """`pohon check` skips the interpreter's freeing of the loaded tree, nothing else: same status,
    all of its output, the exit handlers run."""
    import json

    root = Path(__file__).resolve().parent.parent
    bad = _check_via_launch(str(root / "trees" / "latihan-kesalahan.yaml"), "--format", "json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["summary"]["exit_code"] == 1
    assert bad.stderr.endswith("exit handler ran\n")
    good = _check_via_launch(str(root / "trees" / "kesbangpol-balangan.yaml"))
    assert good.returncode == 0 and "exit handler ran" in good.stderr
    usage = _check_via_launch(str(root / "trees" / "kesbangpol-balangan.yaml"), "--format", "xml")
    assert usage.returncode == 2 and "exit handler ran" in usage.stderr


def test_exit_at_once_leaves_other_statuses_to_the_normal_exit():
    assert launch.exit_at_once("a message") is None  # returned: Python prints it and exits 1
