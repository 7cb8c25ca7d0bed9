"""The `pohon` command line: thin click commands that call one service each.

Heavy libraries (networkx, pydantic, pygraphviz, openpyxl…) are imported inside the
commands, never at module level, so ``pohon --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pohon import __version__, clicklang
from pohon.checkcmd import DEFAULTS, MAX_MB
from pohon.commands.options import FORCE, LANG, lang_of, print_problems


#: The commands defined in their own modules (``pohon.commands.<module>``, each in its
#: ``COMMANDS`` list): name → module. They are imported only when named on the command line or
#: listed (``pohon --help``), so ``pohon check`` loads none of them. tests/test_cli_lazy.py checks
#: this map against the modules' ``COMMANDS``.
LAZY_COMMANDS = {
    "audit": "ukur",
    "impor": "impor",
    "nomenklatur": "impor",
    "render": "render",
    "serve": "render",
    "tabel": "tabel",
    "templat": "impor",
    "ukur": "ukur",
}


class PohonGroup(click.Group):
    """Turns user errors into messages and internal errors into a short report request; loads
    the commands of :data:`LAZY_COMMANDS` when they are first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            self._load(LAZY_COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def _load(self, module_name: str) -> None:
        """Register the commands of ``pohon.commands.<module_name>``, with click's texts in the
        language :func:`clicklang.install` chose (as it did for the commands loaded then)."""
        import importlib

        module = importlib.import_module(f"pohon.commands.{module_name}")
        for cmd in module.COMMANDS:
            if cmd.name not in self.commands:
                self.add_command(cmd)
                clicklang.retranslate(cmd)

    def main(self, args=None, *rest, **kwargs):
        # click's own messages (usage errors, help) in the --lang of the command line
        clicklang.install(args, self)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx: click.Context):
        from pohon.app import TreeNotLoaded
        from pohon.errors import PohonError, ending

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except (KeyboardInterrupt, Exception) as exc:
            if not isinstance(exc, (PohonError, KeyboardInterrupt)) and ctx.obj and ctx.obj.get("debug"):
                raise  # --debug: pohon's own fault with its traceback
            lang = lang_of(ctx)
            if isinstance(exc, TreeNotLoaded):
                print_problems(exc.checked.diagnostics, lang)
            text, code = ending(exc, lang)
            click.echo(text, err=True)
            ctx.exit(code)


@click.group(cls=PohonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pohon")
@click.option("--debug", is_flag=True, help="Tampilkan traceback untuk kesalahan internal.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """pohon: susun, periksa dan gambar pohon kinerja (SAKIP).

    Build, check, map and render a pohon kinerja (performance tree).
    """
    ctx.ensure_object(dict)["debug"] = debug


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="POHON...", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human", show_default=True)
@click.option("--strict", is_flag=True, help="Peringatan dihitung sebagai kegagalan / warnings fail.")
@click.option("--select", default="", help="Hanya kode ini, dipisah koma (mis. S,M004).")
@click.option("--ignore", default="", help="Abaikan kode ini, dipisah koma (mis. M005).")
@click.option("--info", "show_info", is_flag=True, help="Tampilkan juga temuan tingkat info.")
@click.option("--maks-ukuran", "max_mb", type=click.FloatRange(min=MAX_MB[0], max=MAX_MB[1]), default=DEFAULTS["max_mb"],
              show_default=True, help="Batas ukuran berkas (MB).")
@LANG
def check(paths, fmt, strict, select, ignore, show_info, max_mb, lang):
    """Periksa pohon kinerja: struktur dan metode / check trees."""
    from pohon.checkcmd import run  # the usual command lines reach it without click (pohon.launch)

    sys.exit(run(paths, fmt=fmt, strict=strict, select=select, ignore=ignore, show_info=show_info, max_mb=max_mb,
                 lang=lang))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["human", "json", "markdown"]), default="human", show_default=True)
@LANG
def rules_cmd(fmt, lang):
    """Daftar aturan pemeriksaan / list the rule catalogue."""
    from pohon.report import print_rules

    print_rules(fmt, lang)


@main.command()
@click.argument("path", metavar="BERKAS", type=click.Path(path_type=Path))
@FORCE
@LANG
def init(path, force, lang):
    """Tulis kerangka pohon baru dengan panduan Tahap 1–4 / write a new tree skeleton."""
    from pohon.catalogue import t
    from pohon.service import write_skeleton

    written = write_skeleton(path, force=force, lang=lang)
    click.echo(t("init_done", lang, path=written), err=True)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Tulis ke berkas (bawaan: stdout).")
@FORCE
@LANG
def schema(output, force, lang):
    """JSON Schema (draft-07) format berkas pohon, untuk editor / JSON Schema for editors."""
    from pohon.io import write_text
    from pohon.schema_gen import schema_json

    text = schema_json()
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text, force=force)
