"""`pohon render` (diagrams) and `pohon serve` (live preview). Heavy imports stay inside."""

from __future__ import annotations

from pathlib import Path

import click

from pohon.commands.options import FORCE, LANG, say_written


@click.command()
@click.argument("tree", metavar="POHON", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Berkas keluaran (format dari ekstensinya) atau folder (akhiri dengan /).")
@click.option("-f", "--format", "formats", multiple=True, metavar="svg,png,pdf,dot,html",
              help="Format keluaran; boleh beberapa: --format svg,png,pdf.")
@FORCE
@click.option("--dpi", type=int, default=None, help="Resolusi PNG (bawaan 96).")
@click.option("--tahun", type=int, default=None, help="Tampilkan target tahun ini, mis. 2024.")
@click.option("--root", default=None, metavar="ID", help="Gambar hanya subpohon di bawah kotak ini.")
@click.option("--depth", type=int, default=None, metavar="N", help="Paling banyak N tingkat di bawah akar.")
@click.option("--arah", type=click.Choice(["TB", "LR"], case_sensitive=False), default="TB", show_default=True,
              metavar="TB|LR",
              help="Arah diagram: TB atas-bawah, LR kiri-kanan.")
@click.option("--tanpa-indikator", is_flag=True, help="Tampilan ringkas tanpa indikator.")
@click.option("--pisah", is_flag=True, help="Satu halaman per subpohon (untuk pohon besar).")
@click.option("--tema", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Berkas tema YAML yang menimpa tabel gaya (warna, huruf).")
@click.option("--temuan", is_flag=True,
              help="Tandai kotak yang punya kesalahan/peringatan pemeriksaan (SVG, PNG, PDF, DOT) / mark boxes with check findings.")
@click.option("--capaian", "capaian_year", type=int, default=None, metavar="TAHUN",
              help="Warnai kotak menurut kategori capaian tahun ini, dengan capaian di bawah indikator (realisasi-*.yaml di samping pohon ikut dibaca).")
@click.option("--realisasi", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas realisasi untuk --capaian; boleh berulang.")
@LANG
def render(tree, output, formats, force, dpi, tahun, root, depth, arah, tanpa_indikator, pisah, tema, temuan,
           capaian_year, realisasi, lang):
    """Gambar pohon kinerja: SVG, PNG, PDF, DOT atau HTML interaktif / draw the tree."""
    from pohon.app import check_file, require_loaded, require_year
    from pohon.catalogue import t
    from pohon.diagnostics import Severity
    from pohon.errors import PohonError
    from pohon.render import service
    from pohon.render.dot import RenderOptions
    from pohon.render.style import load_style

    if dpi is not None and not 36 <= dpi <= 1200:
        raise PohonError(t("render_dpi", lang))
    if depth is not None and depth < 0:
        raise PohonError(t("render_bad_depth", lang))
    fmts, targets = service.output_targets(tree, output, service.parse_formats(formats, lang), lang)
    style = load_style(tema, lang)
    if capaian_year is not None or realisasi:
        from pohon.render.capaian import capaian_view
        from pohon.ukur import measured

        checked, view = measured(tree, list(realisasi)), None
        if capaian_year is not None:
            require_year(checked, capaian_year)
            view = capaian_view(checked.tree, capaian_year, lang)
    else:
        checked, view = require_loaded(check_file(tree, defer_rules=True)), None
    require_year(checked, tahun)
    opts = RenderOptions(year=tahun, root=root, depth=depth, direction=arah.upper(), lang=lang,
                         indicators=not tanpa_indikator, style=style, mark_findings=temuan, capaian=view)
    findings = None  # the rules run only when the output shows their findings (viewer, --temuan)
    if temuan or "html" in fmts:
        findings = [d for d in checked.diagnostics if d.severity is not Severity.INFO]  # as `pohon check` shows them
    result = service.render_tree(checked.tree, fmts, targets, opts, force=force, dpi=dpi, split=pisah, lang=lang,
                                 findings=findings, one_pdf=pisah and not service.is_folder(output))
    for path in result.written:
        say_written(path, lang)


@click.command()
@click.argument("tree", metavar="POHON", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: pilih bebas).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat; bawaan hanya komputer ini.")
@click.option("--tahun", type=int, default=None, help="Tampilkan target tahun ini.")
@click.option("--tanpa-indikator", is_flag=True, help="Tampilan ringkas tanpa indikator.")
@click.option("--tema", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Berkas tema YAML.")
@click.option("--buka", is_flag=True, help="Buka peramban / open the browser.")
@LANG
def serve(tree, port, host, tahun, tanpa_indikator, tema, buka, lang):
    """Pratinjau langsung: gambar ulang saat berkas berubah / live preview."""
    from pohon.render.dot import RenderOptions
    from pohon.render.serve import serve_forever
    from pohon.render.style import load_style

    opts = RenderOptions(year=tahun, lang=lang, indicators=not tanpa_indikator, style=load_style(tema, lang))
    serve_forever(tree, opts, host=host, port=port, open_browser=buka, lang=lang)


COMMANDS = [render, serve]
