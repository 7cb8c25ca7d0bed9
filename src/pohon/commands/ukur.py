"""`pohon ukur` (measure: capaian, anggaran, efisiensi, monitoring tables) and `pohon audit`
(recompute the printed figures of a report)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pohon.commands.options import FORCE, LANG, print_problems, say_written

FORMATS = ("html", "md", "csv", "xlsx")
JENIS = ("capaian", "anggaran", "efisiensi", "monitoring")
REALISASI = click.option("--realisasi", "realisasi", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                         help="Berkas realisasi (realisasi-2024.yaml); boleh berulang. Bawaan: realisasi-*.yaml di samping pohon.")


@click.command()
@click.argument("tree", metavar="POHON", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tahun", type=int, default=None, help="Tahun pengukuran (bawaan: tahun terakhir yang punya realisasi).")
@REALISASI
@click.option("--jenis", type=click.Choice(JENIS), default="capaian", show_default=True,
              help="Tabel: capaian, anggaran, efisiensi atau monitoring (rencana aksi per triwulan).")
@click.option("--per", default=None, help="Triwulan terakhir yang sudah lewat: TW1–TW4 atau tanggal YYYY-MM-DD (bawaan: triwulan terakhir yang punya realisasi).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas keluaran .xlsx/.csv/.md/.html (bawaan: Markdown ke stdout).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Format keluaran (bawaan: dari ekstensi -o).")
@click.option("--sep", type=click.Choice([",", ";"]), default=",", show_default=True, help="Pemisah kolom CSV.")
@click.option("--info", "show_info", is_flag=True, help="Tampilkan juga temuan tingkat info (peringatan dini triwulan).")
@FORCE
@LANG
def ukur(tree, tahun, realisasi, jenis, per, output, fmt, sep, show_info, force, lang):
    """Ukur kinerja: capaian, kategori, anggaran, efisiensi, pemantauan triwulan / measure performance.

    Keluar 0 bila tidak ada kesalahan, 1 bila ada kesalahan (tabel tetap dibuat bila memungkinkan), 2
    untuk kesalahan pemakaian.
    """
    from pohon.app import exit_code, require_year
    from pohon.errors import PohonError
    from pohon.io import ensure_writable, write_bytes
    from pohon.render.tables.service import make_table, output_format
    from pohon.report import visible_diags
    from pohon.ukur import default_year, measured, monitoring_findings, with_findings

    fmt = output_format(output, fmt, lang)
    if fmt == "xlsx" and output is None:
        raise PohonError("tabel_xlsx_perlu_o")
    if output is not None:
        ensure_writable(output, force)
    checked = measured(tree, list(realisasi))
    require_year(checked, tahun)
    year = tahun or default_year(checked)
    checked = with_findings(checked, monitoring_findings(checked, year, per))
    data = make_table(checked, jenis, fmt, [year], sep, lang)
    print_problems(visible_diags([d for d in checked.diagnostics if d.code[0] in "FU" or d.severity.value == "error"],
                                 show_info), lang)
    if output is None:
        click.echo(data.decode("utf-8-sig") if fmt != "csv" else data.decode("utf-8"), nl=False)
    else:
        say_written(write_bytes(output, data, force=force), lang)
    sys.exit(exit_code(checked.diagnostics))


@click.command()
@click.argument("tree", metavar="POHON", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tahun", type=int, default=None, help="Hanya tahun ini (bawaan: setiap tahun yang punya angka tercetak).")
@REALISASI
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human", show_default=True)
@click.option("--info", "show_info", is_flag=True, help="Tampilkan juga angka yang tidak dapat dihitung ulang.")
@LANG
def audit(tree, tahun, realisasi, fmt, show_info, lang):
    """Audit angka tercetak laporan (`dilaporkan:`): hitung ulang dan tunjukkan selisihnya / audit printed figures.

    Keluar 0 bila semua angka cocok, 1 bila ada selisih atau kesalahan, 2 untuk kesalahan pemakaian.
    """
    from pohon.app import CheckOutcome, require_year
    from pohon.catalogue import t
    from pohon.report import report
    from pohon.ukur import audit_findings, measured, with_findings

    checked = measured(tree, list(realisasi))
    require_year(checked, tahun)
    found, n = audit_findings(checked, [tahun] if tahun else None)
    errors = [d for d in checked.diagnostics if d.severity.value == "error"]
    shown = with_findings(checked, found)
    shown.diagnostics[:] = sorted(set(errors + found), key=lambda d: d.sort_key)
    code = report(CheckOutcome([shown]), fmt=fmt, lang=lang, show_info=show_info)
    if fmt == "human" and not found and not errors:
        click.echo(t("audit_bersih", lang, n=n) if n else t("audit_tidak_ada", lang), err=True)
    sys.exit(code)


COMMANDS = [ukur, audit]
