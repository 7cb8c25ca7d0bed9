"""`pohon tabel`: the cascade tables (matriks, renstra, PK, SKP, rencana aksi, IKU)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pohon.commands.options import FORCE, LANG, print_problems, say_written

FORMATS = ("html", "md", "csv", "xlsx")
MEASURED = ("capaian", "anggaran", "efisiensi", "monitoring")  # see `pohon ukur`


class JenisChoice(click.Choice):
    """The table kinds (``render/tables/kinds/``), read only when ``--jenis`` is checked or shown,
    so that ``pohon --help`` imports none of them."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from pohon.render.tables.kinds import kinds

        return tuple(kinds())

    @choices.setter
    def choices(self, value) -> None:  # click.Choice.__init__ sets it; the kinds decide
        pass


class JenisOption(click.Option):
    """``--jenis`` whose help lists the kinds with their descriptions, read when the help is shown."""

    def get_help_record(self, ctx):
        from pohon.catalogue import t
        from pohon.render.tables.kinds import kinds

        self.help = t("tabel_jenis_help", "id", kinds="; ".join(f"{k.name} ({t(k.help, 'id')})" for k in kinds().values()))
        return super().get_help_record(ctx)


@click.command()
@click.argument("tree", metavar="POHON", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jenis", cls=JenisOption, type=JenisChoice(), required=True)
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
    from pohon.app import check_file, exit_code, require_loaded, require_year
    from pohon.errors import PohonError
    from pohon.io import ensure_writable, write_bytes
    from pohon.render.tables.service import make_table, output_format

    fmt = output_format(output, fmt, lang)
    if fmt == "xlsx" and output is None:
        raise PohonError("tabel_xlsx_perlu_o")
    if template_dir is not None and not template_dir.is_dir():
        raise PohonError("tabel_template_tidak_ada", path=str(template_dir))
    if output is not None:
        ensure_writable(output, force)
    if jenis in MEASURED:  # the measurement tables read the realisation files beside the tree too
        from pohon.ukur import measured

        checked = measured(tree)
    else:
        checked = require_loaded(check_file(tree))
    require_year(checked, tahun)
    data = make_table(checked, jenis, fmt, [tahun] if tahun else None, sep, lang, template_dir)
    print_problems(checked.errors, lang)
    if output is None:
        click.echo(data.decode("utf-8-sig") if fmt != "csv" else data.decode("utf-8"), nl=False)
    else:
        say_written(write_bytes(output, data, force=force), lang)
    sys.exit(exit_code(checked.diagnostics))


COMMANDS = [tabel]
