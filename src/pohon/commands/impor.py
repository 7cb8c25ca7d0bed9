"""`pohon impor` (a spreadsheet → a tree file), `pohon templat` (a fill-in workbook) and
`pohon nomenklatur impor` (the official nomenclature lampiran → a reference file)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pohon.commands.options import FORCE, LANG, say_written

LAYOUTS = ("matriks", "rencana-aksi", "renja", "renstra", "isian")


@click.command()
@click.argument("source", metavar="BERKAS", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas pohon keluaran .yaml (bawaan: ke stdout).")
@click.option("--tata-letak", "layout", type=click.Choice(LAYOUTS), default=None,
              help="Tata letak tabel: matriks, rencana-aksi, renja, renstra, isian (bawaan: dikenali dari judul kolom).")
@click.option("--kolom", default=None, metavar="NAMA=KOLOM,…",
              help="Petakan kolom dengan tangan, mis. kinerja=B,indikator=C,jenis=D (perlu --tata-letak).")
@click.option("--lembar", default=None, help="Nama lembar kerja yang dibaca (bawaan: lembar yang dikenali).")
@click.option("--baris-judul", "header_row", type=click.IntRange(min=1), default=None,
              help="Nomor baris judul kolom untuk --kolom (bawaan: baris pertama berisi teks).")
@click.option("--periode", default=None, help="Periode pohon, mis. 2021-2026 (bawaan: dari tahun di tabel).")
@click.option("--tahun", type=click.IntRange(1900, 2200), default=None, help="Tahun rencana aksi (bawaan: dari judul tabel).")
@click.option("--organisasi", default=None, help="Nama organisasi (bawaan: dari judul tabel).")
@click.option("--diagnostik", "diag_fmt", type=click.Choice(["human", "json"]), default="human", show_default=True,
              help="Bentuk temuan di stderr: human atau json (lokasi Lembar!C12 di kunci location/sheet/cell).")
@FORCE
@LANG
def impor(source, output, layout, kolom, lembar, header_row, periode, tahun, organisasi, diag_fmt, force, lang):
    """Impor tabel Excel/CSV menjadi berkas pohon / import a spreadsheet into a tree file.

    Keluar 0 bila hasil bersih, 1 bila ada masalah impor atau temuan kesalahan pada hasil, 2 untuk
    kesalahan pemakaian.
    """
    from pohon.app import exit_code
    from pohon.catalogue import t
    from pohon.errors import PohonError
    from pohon.impor.detect import parse_kolom
    from pohon.impor.layouts import Options
    from pohon.impor.run import import_file
    from pohon.io import ensure_writable, write_text
    from pohon.report import print_diagnostics

    from pohon.model.values import parse_period

    if periode is not None and parse_period(periode) is None:
        raise PohonError("templat_periode_salah", value=periode)
    mapping = None
    if kolom is not None:
        mapping = parse_kolom(kolom)
        if mapping is None:
            raise PohonError("impor_kolom_salah", value=kolom)
    if output is not None:
        ensure_writable(output, force)
    options = Options(year=tahun, periode=periode, organisasi=organisasi, kolom=mapping,
                      header_row=header_row - 1 if header_row else None)
    out = import_file(source, layout, options, lembar, lang)
    if out.columns:
        cols = ", ".join(f"{name}={letters}" for name, letters in out.columns)
        click.echo(t("impor_kolom_dikenali", lang, layout=out.layout, sheet=out.sheet or "-", columns=cols), err=True)
    if out.unused:
        cols = ", ".join(f"{letter} ({head[:30]})" for letter, head in out.unused)
        click.echo(t("impor_kolom_diabaikan", lang, columns=cols), err=True)
    if diag_fmt == "json":
        import json

        payload = {"findings": [d.as_dict(lang) for d in out.findings],
                   "check": [d.as_dict(lang) for d in out.checked]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1), err=True)
    else:
        print_diagnostics(out.findings, lang)
    if out.yaml is None:
        click.echo(t("impor_gagal", lang, file=source), err=True)
        sys.exit(1)
    if diag_fmt == "human":
        print_diagnostics([d for d in out.checked if d.severity.value != "info"], lang)
    notes = sum(1 for d in out.findings if d.severity.value == "info")
    problems = len(out.findings) - notes
    errors = sum(1 for d in out.checked if d.severity.value == "error")
    warnings = sum(1 for d in out.checked if d.severity.value == "warning")
    click.echo(t("impor_ringkasan", lang, boxes=out.boxes, notes=notes, problems=problems, errors=errors,
                 warnings=warnings), err=True)
    if output is None:
        click.echo(out.yaml, nl=False)
    else:
        say_written(write_text(output, out.yaml, force=force), lang)
    bad = exit_code(out.findings) or exit_code(out.checked)
    sys.exit(bad)


@click.command()
@click.argument("tree", metavar="[POHON]", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Buku kerja keluaran .xlsx.")
@click.option("--periode", default=None, help="Periode untuk kolom tahun bila tanpa POHON (bawaan: 2025-2029).")
@FORCE
@LANG
def templat(tree, output, periode, force, lang):
    """Buku kerja isian Excel (kosong, atau berisi POHON) / a fill-in workbook.

    Isi di Excel lalu `pohon impor isian.xlsx -o pohon.yaml`. Keluar 0, atau 1 bila POHON tidak dapat dimuat.
    """
    from pohon.app import check_file, require_loaded
    from pohon.catalogue import t
    from pohon.errors import PohonError
    from pohon.impor.templat import DEFAULT_PERIOD, workbook
    from pohon.io import ensure_writable, write_bytes
    from pohon.model.values import parse_period

    if periode is not None and parse_period(periode) is None:
        raise PohonError("templat_periode_salah", value=periode)
    ensure_writable(output, force)
    loaded = require_loaded(check_file(tree)).tree if tree is not None else None
    data = workbook(loaded.doc if loaded is not None else None, lang, periode or DEFAULT_PERIOD)
    written = write_bytes(output, data, force=force)
    boxes = len(loaded) if loaded is not None else 0
    click.echo(t("templat_ditulis", lang, path=written, boxes=boxes), err=True)


@click.group()
def nomenklatur():
    """Daftar nomenklatur referensi (Kepmendagri) / nomenclature reference lists."""


@nomenklatur.command("impor")
@click.argument("source", metavar="BERKAS", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Berkas referensi keluaran .csv atau .yaml; sebut di pohon: `nomenklatur: [berkas.csv]`.")
@click.option("--urusan", multiple=True, metavar="8.01",
              help="Urusan.bidang pengganti kode X XX (program umum semua urusan), boleh berulang.")
@FORCE
@LANG
def nomenklatur_impor(source, output, urusan, force, lang):
    """Impor lampiran nomenklatur resmi (Excel/CSV) menjadi berkas referensi / import the official list.

    Keluar 0, 1 bila ada baris yang tidak terbaca, 2 untuk kesalahan pemakaian.
    """
    from pohon.app import exit_code
    from pohon.catalogue import t
    from pohon.errors import PohonError
    from pohon.impor.nomenklatur import as_csv, as_yaml, read_lampiran
    from pohon.io import ensure_writable, write_text
    from pohon.mapping.codes import parse_code
    from pohon.report import print_diagnostics

    codes = []
    for u in urusan:
        code = parse_code(u)
        if code is None or len(code.parts) != 2:
            raise PohonError("nomenklatur_urusan_salah", value=u)
        codes.append(code.text)
    suffix = output.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise PohonError("nomenklatur_format", path=str(output))
    ensure_writable(output, force)
    res = read_lampiran(source, codes)
    print_diagnostics(res.findings, lang)
    if not res.entries:
        click.echo(t("impor_gagal", lang, file=source), err=True)
        sys.exit(1)
    if res.columns:
        click.echo(t("nomenklatur_kolom", lang, columns=res.columns), err=True)
    text = as_csv(res.entries) if suffix == ".csv" else as_yaml(res.entries)
    say_written(write_text(output, text, force=force), lang)
    counts = {}
    for e in res.entries:
        counts[e["tingkat"]] = counts.get(e["tingkat"], 0) + 1
    click.echo(t("nomenklatur_ringkasan", lang, n=len(res.entries), sub=counts.get("sub_kegiatan", 0),
                 keg=counts.get("kegiatan", 0), prog=counts.get("program", 0), x=res.placeholders,
                 name=output.name), err=True)
    sys.exit(exit_code(res.findings))


COMMANDS = [impor, templat, nomenklatur]
