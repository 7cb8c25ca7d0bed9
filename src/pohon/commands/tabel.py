"""`pohon tabel`: the cascade tables and hand-in documents (matriks, renstra, PK, SKP, rencana aksi, IKU)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pohon.commands.options import FORCE, LANG, print_problems, say_written

FORMATS = ("html", "md", "csv", "xlsx", "docx", "pdf")
BINARY = ("xlsx", "docx", "pdf")
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
@click.option("--jenis", cls=JenisOption, type=JenisChoice(), default=None)
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="Berkas keluaran .xlsx/.docx/.pdf/.csv/.md/.html (bawaan: Markdown ke stdout), atau folder "
                   "(diakhiri /) untuk satu dokumen per bagian/jabatan.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Format keluaran (bawaan: dari ekstensi -o; ke folder: pdf).")
@click.option("--tahun", type=int, default=None, help="Tahun target/pagu, mis. 2022 (bawaan: semua tahun periode; PK/SKP/rencana aksi: tahun pertama).")
@click.option("--sep", type=click.Choice([",", ";"]), default=",", show_default=True,
              help="Pemisah kolom CSV; ';' untuk Excel berbahasa Indonesia.")
@click.option("--template-dir", type=click.Path(path_type=Path), default=None,
              help="Folder templat sendiri (table.html.j2, table.md.j2, document.typ, document.docx).")
@click.option("--pengaturan", type=click.Path(path_type=Path), default=None,
              help="Berkas YAML pengaturan dokumen (kop surat: logo, pemda, alamat, kota).")
@FORCE
@LANG
def tabel(tree, jenis, output, fmt, tahun, sep, template_dir, pengaturan, force, lang):
    """Tabel dan dokumen dari pohon: matriks, Renstra/Renja, PK, SKP, rencana aksi, IKU / tables and documents.

    Tanpa --jenis: semua tabel yang datanya ada, satu lembar per tabel (-o NAMA.xlsx). Dengan -o
    FOLDER/: satu dokumen per bagian (mis. satu PK per jabatan). Keluar 0 bila pohon bersih, 1
    bila pohon memuat kesalahan atau temuan (dokumen tetap dibuat dengan tanda masalah bila
    memungkinkan), 2 untuk kesalahan pemakaian.
    """
    from pohon.app import check_file, exit_code, require_loaded, require_year
    from pohon.errors import PohonError
    from pohon.io import ensure_writable, write_bytes
    from pohon.render.tables import service

    directory = output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
    out = Path(output) if output is not None else None
    fmt = service.output_format(None if directory else out, fmt, lang, directory)
    if jenis is None and (fmt != "xlsx" or directory):
        raise PohonError("dok_jenis_perlu", fmt=fmt)
    if fmt in BINARY and out is None:
        raise PohonError("tabel_xlsx_perlu_o" if fmt == "xlsx" else "dok_perlu_o", fmt=fmt)
    if template_dir is not None and not template_dir.is_dir():
        raise PohonError("tabel_template_tidak_ada", path=str(template_dir))
    if out is not None and not directory:
        ensure_writable(out, force)
    settings = None
    if pengaturan is not None:
        from pohon.kop import load_settings

        settings = load_settings(pengaturan)
        if not settings.ok:
            print_problems(settings.diagnostics, lang)
            raise PohonError("dok_pengaturan_salah", path=str(pengaturan))
    if jenis is None or jenis in MEASURED:  # the measurement tables read the realisation files beside the tree too
        from pohon.ukur import measured

        checked = measured(tree)
    else:
        checked = require_loaded(check_file(tree))
    require_year(checked, tahun)
    from pohon.kop import apply_settings, letterhead

    head, found = letterhead(checked, settings, lang)
    apply_settings(checked, settings)  # the forms read the city from the tree
    found = (settings.diagnostics if settings else []) + found
    years = [tahun] if tahun else None
    if jenis is None:
        data, skipped = service.make_workbook(checked, years, lang, head)
        for kind, reason in skipped:
            click.echo(f"pohon: {_t('dok_jenis_dilewati', lang, kind=kind, reason=reason)}", err=True)
        if data is None:
            raise PohonError("dok_tidak_ada_jenis")
        print_problems(checked.errors + found, lang)
        say_written(write_bytes(out, data, force=force), lang)
        sys.exit(exit_code(checked.diagnostics + found))
    if directory:
        if out.exists() and not out.is_dir():
            raise PohonError("dok_folder_bukan_folder", path=str(out))
        doc = service.make_doc(checked, jenis, years, lang, head)
        parts = [(out / name, service.render_doc(part, fmt, sep, template_dir))
                 for name, part in service.per_section(doc, fmt)]
        if not parts:
            raise PohonError("dok_tanpa_bagian", kind=jenis)
        for path, _ in parts:  # refuse before writing any
            ensure_writable(path, force)
        print_problems(checked.errors + found, lang)
        for path, data in parts:
            say_written(write_bytes(path, data, force=force), lang)
        sys.exit(exit_code(checked.diagnostics + found))
    data = service.make_table(checked, jenis, fmt, years, sep, lang, template_dir, head)
    print_problems(checked.errors + found, lang)
    if out is None:
        click.echo(data.decode("utf-8-sig") if fmt != "csv" else data.decode("utf-8"), nl=False)
    else:
        say_written(write_bytes(out, data, force=force), lang)
    sys.exit(exit_code(checked.diagnostics + found))


def _t(key: str, lang: str, **params) -> str:
    from pohon.catalogue import t

    return t(key, lang, **params)


COMMANDS = [tabel]
