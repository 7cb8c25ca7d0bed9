"""`pohon impor` of a 5k-row Renja (T-C.33 layout) workbook against reading the same workbook with
openpyxl alone (read-only, cached values, every cell touched), interleaved, median of ``--runs``.

    .venv/bin/python benchmarks/bench_impor.py [--runs 5] [--rows 5000]

The import does more than the anchor: the merged-range scan of the sheet XML, layout detection,
the tree, its YAML and the `pohon check` of the result (located at cells); the ratio says what
that costs. Both run in this process (the workbook is in the OS cache after the first round; one
warm-up round is not counted). The workbook goes to benchmarks/_data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def make_workbook(path: Path, rows: int) -> Path:
    """Programs of 10 kegiatan × 9 sub kegiatan, codes split over five columns, Rupiah as text."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("T-C.33")
    ws.write_row(0, 0, ["Nama Perangkat Daerah : Badan Uji"])
    ws.write_row(2, 0, ["Kode", None, None, None, None, "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
                        "Target 2024", "Pagu Indikatif 2024", "Target 2025", "Pagu Indikatif 2025"])
    r = 3
    p = k = 0
    while r < rows + 3:
        p += 1
        ws.write_row(r, 0, ["8", "01", f"{p:02d}", None, None, f"Program Uji {p}", f"Persentase capaian program {p}",
                            "100%", "9,000,000", "100%", "9,500,000"])
        r += 1
        for k in range(1, 11):
            if r >= rows + 3:
                break
            ws.write_row(r, 0, ["8", "01", f"{p:02d}", f"2.{k:02d}", None, f"Kegiatan Uji {p}.{k}",
                                f"Jumlah dokumen kegiatan {p}.{k}", "1 Dok", "900,000", "1 Dok", "950,000"])
            r += 1
            for s in range(1, 10):
                if r >= rows + 3:
                    break
                ws.write_row(r, 0, ["8", "01", f"{p:02d}", f"2.{k:02d}", f"{s:02d}", f"Sub Kegiatan Uji {p}.{k}.{s}",
                                    f"Jumlah laporan {p}.{k}.{s}", "4 Keg", "100,000", "4 Keg", "105,555"])
                r += 1
    wb.close()
    return path


def bare(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(1 for v in row if v is not None)
    wb.close()
    return n


def pohon(path: Path) -> int:
    from pohon.impor.run import import_file

    out = import_file(path)
    assert out.yaml is not None
    return out.boxes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rows", type=int, default=5000)
    args = ap.parse_args()
    data = ROOT / "benchmarks" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    path = make_workbook(data / f"renja-{args.rows}.xlsx", args.rows)
    bare(path), pohon(path)  # warm-up
    times: dict[str, list[float]] = {"openpyxl": [], "pohon impor": []}
    for i in range(args.runs):
        order = [("openpyxl", bare), ("pohon impor", pohon)]
        if i % 2:
            order.reverse()
        for name, fn in order:
            start = time.perf_counter()
            fn(path)
            times[name].append(time.perf_counter() - start)
    a, b = statistics.median(times["openpyxl"]), statistics.median(times["pohon impor"])
    print(f"{args.rows} rows, {pohon(path)} boxes; median of {args.runs}: openpyxl alone {a:.2f} s, "
          f"pohon impor {b:.2f} s; ratio {b / a:.2f}×")


if __name__ == "__main__":
    main()
