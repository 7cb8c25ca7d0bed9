"""Options every command shares, so they read and behave the same everywhere (imports click only)."""

from __future__ import annotations

import click

def _remember_lang(ctx: click.Context, _param, value: str) -> str:
    """The language of this run, for messages written outside the command (errors, usage)."""
    ctx.find_root().meta["pohon.lang"] = value
    return value


LANG = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, is_eager=True,
                    callback=_remember_lang, help="Bahasa pesan dan label / language of messages and labels.")


def lang_of(ctx: click.Context) -> str:
    return ctx.find_root().meta.get("pohon.lang", "id")
FORCE = click.option("--force", is_flag=True, help="Timpa berkas keluaran yang sudah ada / overwrite existing output.")


def print_problems(diagnostics, lang: str) -> None:
    from pohon.report import print_diagnostics

    print_diagnostics(diagnostics, lang)


def say_written(path, lang: str) -> None:
    from pohon.catalogue import t

    click.echo(t("written", lang, path=path), err=True)
