"""Options every command shares, so they read and behave the same everywhere (imports click only)."""

from __future__ import annotations

import click

LANG = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
                    help="Bahasa pesan dan label / language of messages and labels.")
FORCE = click.option("--force", is_flag=True, help="Timpa berkas keluaran yang sudah ada / overwrite existing output.")


def print_problems(diagnostics, lang: str) -> None:
    from pohon.report import print_diagnostics

    print_diagnostics(diagnostics, lang)


def say_written(path, lang: str) -> None:
    from pohon.catalogue import t

    click.echo(t("written", lang, path=path), err=True)
