"""The shell scripts: setup.sh installs only when needed, contoh.sh speaks Indonesian first,
the test summary names the reason of every skipped test.

setup.sh's stamp logic is tested on a copy of the script with a fake `.venv/bin/python` that logs
its calls, so no real pip runs; the real .venv is only checked when its stamp is already current.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="bash not found")

FAKE_PYTHON = r"""#!/usr/bin/env bash
# fake .venv/bin/python: logs its call; `-m pip …` is the install, `-c …` the import check
args="$*"; echo "${args//$'\n'/ }" >> "$FAKE_LOG"
case "$1" in
  -m) [ -n "${FAKE_PIP_FAILS:-}" ] && { echo "ERROR: no network"; exit 3; }; exit 0 ;;
  -c) [ -n "${FAKE_IMPORT_FAILS:-}" ] && exit 1; exit 0 ;;
esac
exit 0
"""


@pytest.fixture
def checkout(tmp_path):
    """A copy of scripts/setup.sh and pyproject.toml beside a fake, logging .venv/bin/python."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/setup.sh", tmp_path / "scripts/setup.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    fake = tmp_path / ".venv/bin/python"
    fake.parent.mkdir(parents=True)
    fake.write_text(FAKE_PYTHON, encoding="utf-8")
    fake.chmod(0o755)
    return tmp_path


def run_setup(checkout: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = checkout / "calls.log"
    log.write_text("", encoding="utf-8")
    full_env = {**os.environ, "FAKE_LOG": str(log), **env}
    res = subprocess.run([BASH, str(checkout / "scripts/setup.sh"), *args], capture_output=True,
                         text=True, env=full_env, timeout=60)
    return res, log.read_text(encoding="utf-8").splitlines()


def pip_calls(calls: list[str]) -> list[str]:
    return [c for c in calls if c.startswith("-m pip install")]


@needs_bash
def test_setup_installs_once_then_only_checks_the_import(checkout):
    res, calls = run_setup(checkout, "test")
    assert res.returncode == 0, res.stderr
    assert pip_calls(calls) == ["-m pip install -q --disable-pip-version-check -e .[test]"]
    assert "Memasang pohon" in res.stderr
    assert (checkout / ".venv/.pohon-setup").read_text(encoding="utf-8").strip().endswith("[test]")

    res, calls = run_setup(checkout, "test")
    assert res.returncode == 0
    assert pip_calls(calls) == [] and len(calls) == 1  # one `python -c` import check, nothing else
    assert res.stdout == "" and res.stderr == ""


@needs_bash
def test_setup_reinstalls_when_pyproject_changes(checkout):
    run_setup(checkout)
    with open(checkout / "pyproject.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# a new dependency\n")
    res, calls = run_setup(checkout)
    assert len(pip_calls(calls)) == 1 and res.returncode == 0


@needs_bash
def test_setup_reinstalls_when_pohon_does_not_import(checkout):
    run_setup(checkout)
    res, calls = run_setup(checkout, FAKE_IMPORT_FAILS="1")
    assert len(pip_calls(calls)) == 1


@needs_bash
def test_setup_test_extra_serves_a_plain_run_but_not_the_reverse(checkout):
    run_setup(checkout)
    _, calls = run_setup(checkout, "test")
    assert pip_calls(calls) == ["-m pip install -q --disable-pip-version-check -e .[test]"]
    _, calls = run_setup(checkout)
    assert pip_calls(calls) == []


@needs_bash
def test_failed_install_fails_and_leaves_no_stamp(checkout):
    res, _ = run_setup(checkout, FAKE_PIP_FAILS="1")
    assert res.returncode == 3
    assert "no network" in res.stderr
    assert not (checkout / ".venv/.pohon-setup").exists()


@needs_bash
def test_setup_on_this_checkout_is_instant_when_its_stamp_is_current():
    """The real .venv: no pip when the stamp is current (skips, naming why, when it is not)."""
    stamp = ROOT / ".venv/.pohon-setup"
    if not stamp.exists():
        pytest.skip(f"{stamp} absent: run bash scripts/setup.sh test first")
    cksum = subprocess.run([BASH, "-c", "cksum < pyproject.toml | cut -d' ' -f1,2"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    if stamp.read_text(encoding="utf-8").strip() != f"{cksum} [test]":
        pytest.skip(f"{stamp} is not current for pyproject.toml: run bash scripts/setup.sh test")
    start = time.monotonic()
    res = subprocess.run([BASH, str(ROOT / "scripts/setup.sh"), "test"], capture_output=True, text=True,
                         timeout=120)
    elapsed = time.monotonic() - start
    assert res.returncode == 0, res.stderr
    assert res.stdout == "" and res.stderr == ""
    assert elapsed < 3, f"setup.sh took {elapsed:.1f} s with a current stamp"


def test_contoh_says_first_in_indonesian_that_the_training_errors_are_expected():
    text = (ROOT / "scripts/contoh.sh").read_text(encoding="utf-8")
    note = text.index("Catatan: trees/latihan-kesalahan.yaml")
    assert note < text.index("$POHON check")
    echoes = [line for line in text.splitlines() if line.lstrip().startswith("echo ")]
    assert echoes
    for line in echoes:
        assert not any(w in line for w in (" is ", " are ", "expected", "training", "errors")), line


def test_test_summary_lists_the_reason_of_a_skipped_test(tmp_path):
    (tmp_path / "test_skip.py").write_text(textwrap.dedent("""\
        import pytest

        def test_needs_a_browser():
            pytest.skip("Chromium tidak terpasang (contoh alasan)")
    """), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
                          "--rootdir", str(tmp_path), "-p", "no:cacheprovider", "-p", "no:xdist",
                          str(tmp_path / "test_skip.py")],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert "SKIPPED [1]" in res.stdout and "Chromium tidak terpasang (contoh alasan)" in res.stdout, res.stdout
