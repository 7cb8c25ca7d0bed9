"""The `pohon` command's entry point (``[project.scripts]``): `pohon --help` from a cached text,
the usual `pohon check` command lines by :mod:`pohon.checkcmd` (without click), everything else by
:mod:`pohon.cli`.

Importing click and the command definitions costs more than a whole `import yaml`; the main help
page needs neither once it has been written. ``data/help.compiled.json`` holds that page (as
``pohon --help`` prints it at the usual width, 78 columns) with a key: the CRC-32 of every
source that shapes it (pohon.cli, pohon.clicklang, the command modules, click_id.yaml, pohon's
version) and the size of click's help code. The cached page is printed only when the key still
matches and nothing else would change the output (the width, stdout's encoding, Windows);
otherwise click writes the page as usual. A stale cache therefore costs time, never a wrong page.
Regenerate with ``.venv/bin/python -m pohon.datafiles`` (``tests/test_launch.py`` fails while
the cache is stale).
"""

from __future__ import annotations

import os
import sys

PACKAGE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(PACKAGE, "data", "help.compiled.json")
HELP_ARGS = (["--help"], ["-h"])
WIDTH = 78  # click's help width on a terminal of 80 columns or more, and off a terminal
PROG = "pohon"


def main():
    """Run `pohon` with ``sys.argv``."""
    if sys.argv[1:] in HELP_ARGS:
        text = cached_help()
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return 0
    if sys.argv[1:2] == ["check"]:  # the usual `pohon check` command lines need no click (pohon.checkcmd)
        from pohon import checkcmd

        opts = checkcmd.parse(sys.argv[2:])
        if opts is not None:
            return checkcmd.main(opts)
    from pohon.cli import main as cli

    return cli()


# Commands that end with :func:`exit_at_once`: they read trees, print or write whole files
# (pohon.io closes what it writes) and leave no thread or child process behind.
QUICK_EXIT = ("check", "ukur", "audit")


def run():
    """The console script: :func:`main`; `pohon check` (and the other :data:`QUICK_EXIT`
    commands) then end with :func:`exit_at_once`. (Whoever calls :func:`main` in a process of
    their own keeps that process.)"""
    check = sys.argv[1:2] and sys.argv[1] in QUICK_EXIT
    try:
        status = main()
    except SystemExit as exc:
        if check:
            exit_at_once(exc.code)
        raise
    if check:
        exit_at_once(status)
    return status


def exit_at_once(code) -> None:
    """End the process with status ``code`` as a normal exit would, minus freeing every object
    one by one: a loaded 50,000-box tree is millions of objects, and the interpreter's clean-up
    of them costs a fifth of a whole `pohon check`. The exit handlers run and the output is
    flushed first; with a status that is not a number, another thread still running, or output
    that cannot be flushed (a closed pipe), this returns and the normal exit happens."""
    if code is None:
        code = 0
    if not isinstance(code, int):
        return
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code & 0xFF)


def cached_help() -> str | None:
    """The main help page from the cache, or None when it might differ from click's."""
    if sys.platform == "win32" or os.path.basename(sys.argv[0]) != PROG or _width() != WIDTH:
        return None
    if (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") != "utf8":
        return None
    try:
        import json

        with open(CACHE, "rb") as f:
            cache = json.loads(f.read())
        if cache.get("key") != help_key():
            return None
    except (OSError, ValueError, AttributeError):
        return None
    text = cache.get("text")
    return text if isinstance(text, str) else None


def _width() -> int:
    """The width click would format help at (``shutil.get_terminal_size``, without shutil)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return max(min(columns, 80) - 2, 50)


def _sources() -> list[str]:
    commands = os.path.join(PACKAGE, "commands")
    return [os.path.join(PACKAGE, name) for name in ("__init__.py", "cli.py", "clicklang.py")] + [
        os.path.join(PACKAGE, "data", "click_id.yaml")] + [
        os.path.join(commands, name) for name in sorted(os.listdir(commands)) if name.endswith(".py")]


def _click_dir() -> str | None:
    for entry in sys.path:
        candidate = os.path.join(entry or os.getcwd(), "click")
        if os.path.isfile(os.path.join(candidate, "core.py")):
            return candidate
    return None


def help_key() -> str:
    """What the cached page depends on: pohon's sources and click's help code."""
    from zlib import crc32

    crc = 0
    for path in _sources():
        with open(path, "rb") as f:
            crc = crc32(f.read().replace(b"\r\n", b"\n"), crc)
    click = _click_dir()
    sizes = [os.path.getsize(os.path.join(click, n)) for n in ("core.py", "formatting.py", "decorators.py")] if (
        click) else []
    return f"{crc:08x}-{'-'.join(map(str, sizes))}-w{WIDTH}"


def help_text() -> str:
    """The main help page exactly as click prints it for `pohon --help` at :data:`WIDTH`."""
    import click.formatting

    from pohon import clicklang
    from pohon.cli import main as group

    clicklang.install(["--help"], group)
    forced, click.formatting.FORCED_WIDTH = click.formatting.FORCED_WIDTH, WIDTH
    try:
        with group.make_context(PROG, [], resilient_parsing=True) as ctx:
            return ctx.get_help() + "\n"
    finally:
        click.formatting.FORCED_WIDTH = forced


def cache_text() -> str:
    import json

    return json.dumps({"key": help_key(), "text": help_text()}, ensure_ascii=False, indent=1) + "\n"


def write_cache() -> bool:
    """Rewrite the cache if it differs; whether it was written."""
    from pohon.datafiles import write_if_changed

    return write_if_changed(CACHE, cache_text())
