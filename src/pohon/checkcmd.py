"""`pohon check`: the command's work, and its usual command lines run without click.

:func:`run` is the body of the click command (:func:`pohon.cli.check`). Importing click and
building the command line costs ~20 ms, two thirds of a whole ``python -c "import yaml"``,
before a small tree is even read; and a planner runs `pohon check` after every edit. So
:mod:`pohon.launch` hands the command lines :func:`parse` understands for certain straight to
:func:`main`: ``check`` followed by existing, readable paths and the options ``--format``,
``--lang``, ``--select``, ``--ignore``, ``--maks-ukuran`` (``--x v`` or ``--x=v``, values click
would accept), ``--info`` and ``--strict``, in any order. Anything else (help, a missing file, an
unknown option or value, ``--``, a value starting with ``-``, Windows, shell completion) goes to
click, which then writes the usual usage error or page. Output and exit codes are the same either
way (tests/test_checkcmd.py runs both).
"""

from __future__ import annotations

import os

DEFAULTS = {"fmt": "human", "strict": False, "select": "", "ignore": "", "show_info": False, "max_mb": 32.0,
            "lang": "id"}
#: option → (parameter, the values click's Choice accepts, or None for any text)
_VALUED = {"--format": ("fmt", ("human", "json")), "--lang": ("lang", ("id", "en")), "--select": ("select", None),
           "--ignore": ("ignore", None), "--maks-ukuran": ("max_mb", None)}
_FLAGS = {"--info": "show_info", "--strict": "strict"}
MAX_MB = (0.001, 4096)  # the range of --maks-ukuran (click.FloatRange in pohon.cli)


def run(paths, fmt: str = "human", strict: bool = False, select: str = "", ignore: str = "",
        show_info: bool = False, max_mb: float = 32.0, lang: str = "id") -> int:
    """Check the trees and report; the exit code."""
    from pohon.app import Selection, check_paths
    from pohon.report import report

    if max_mb != max_mb:  # NaN passes every comparison of a range
        from pohon.errors import PohonError

        raise PohonError("bad_size_limit")
    outcome = check_paths(paths, Selection(select, ignore), max_bytes=int(max_mb * 1024 * 1024))
    return report(outcome, fmt=fmt, lang=lang, strict=strict, show_info=show_info)


def parse(args: list[str]) -> dict | None:
    """The parameters of :func:`run` for the arguments after ``check``, or None when click must
    read them (anything not certain to mean the same to click)."""
    if os.name == "nt" or any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    opts = dict(DEFAULTS)
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in _FLAGS and not eq:
            opts[_FLAGS[name]] = True
            continue
        if name not in _VALUED:
            return None
        if not eq:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        param, choices = _VALUED[name]
        if value.startswith("-") or (choices is not None and value not in choices):
            return None
        if param == "max_mb":
            value = _size(value)
            if value is None:
                return None
        opts[param] = value
    if not paths or not all(_readable(p) for p in paths):
        return None
    opts["paths"] = paths
    return opts


def _size(text: str) -> float | None:
    """A plain decimal number (``32``, ``0.5``) inside the range click accepts, else None."""
    whole, _, frac = text.partition(".")
    if not (whole.isascii() and whole.isdigit() and (not frac or (frac.isascii() and frac.isdigit()))):
        return None
    value = float(text)
    return value if MAX_MB[0] <= value <= MAX_MB[1] else None


def _readable(path: str) -> bool:
    """What ``click.Path(exists=True)`` requires of an argument: it exists and may be read."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return os.access(path, os.R_OK)


def main(opts: dict) -> int:
    """Run a parsed command line as pohon.cli would: problems the user can fix as one message
    (its exit code), an interruption as 130, anything else as an internal error (3)."""
    try:
        return run(**opts)
    except (KeyboardInterrupt, Exception) as exc:  # as pohon.cli ends a command (test_checkcmd compares)
        from pohon.errors import ending

        text, code = ending(exc, opts["lang"])
        _echo(text)
        return code


def _echo(text: str) -> None:
    """A message on stderr exactly as click.echo writes it (click is imported only now)."""
    import click

    click.echo(text, err=True)
