"""`pohon tabel`: the cascade tables (matriks, renstra, PK, SKP, rencana aksi, IKU)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pohon.commands.options import FORCE, LANG, print_problems, say_written

JENIS = ("matriks", "renstra", "pk", "skp", "rencana-aksi", "iku")
FORMATS = ("html", "md", "csv", "xlsx")


@click.command()
@click.argument("tree", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jenis", type=click.Choice(JENIS), required=True,
              help="Jenis tabel: matriks (cascading), renstra (Renstra/Renja), pk, skp, rencana-aksi, iku.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas keluaran .xlsx/.csv/.md/.html (bawaan: Markdown ke stdout).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Format keluaran (bawaan: dari ekstensi -o).")
@click.option("--tahun", type=int, default=None, help="Tahun target/pagu, mis. 2022 (bawaan: semua tahun periode; PK/SKP/rencana aksi: tahun pertama).")
@click.option("--sep", type=click.Choice([",", ";"]), default=",", show_default=True,
              help="Pemisah kolom CSV; ';' untuk Excel berbahasa Indonesia.")
@click.option("--template-dir", type=click.Path(path_type=Path), default=None,
              help="Folder templat Jinja2 sendiri (table.html.j2, table.md.j2).")
@FORCE
@LANG
def tabel(tree, jenis, output, fmt, tahun, sep, template_dir, force, lang):
    """Tabel cascading dari pohon: matriks, Renstra/Renja, PK, SKP, rencana aksi, IKU / cascade tables.

    Keluar 0 bila pohon bersih, 1 bila pohon memuat galat (tabel tetap dibuat dengan tanda
    masalah bila memungkinkan), 2 untuk kesalahan pemakaian.
    """
    from pohon.render.tables.service import make_table, output_format

    fmt = output_format(output, fmt, lang)
    outcome = make_table(tree, jenis, fmt, output, tahun, sep, force, lang, template_dir)
    problems = [d for d in outcome.diagnostics if d.severity.value == "error"]
    if problems:
        print_problems(problems, lang)
    if outcome.data is not None and outcome.written is None:
        click.echo(outcome.data.decode("utf-8-sig") if fmt != "csv" else outcome.data.decode("utf-8"), nl=False)
    elif outcome.written is not None:
        say_written(outcome.written, lang)
    sys.exit(1 if (problems or not outcome.loaded) else 0)


COMMANDS = [tabel]
