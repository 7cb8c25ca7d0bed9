"""`pohon nomenklatur impor`: the official lampiran → a reference file that `pohon check` uses."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from pohon.app import check_file
from pohon.cli import main
from tests.fixtures.impor import make_workbooks as mk


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_lampiran_to_csv_with_urusan_for_the_x_rows(tmp_path):
    book = mk.lampiran(tmp_path / "lampiran.xlsx")
    r = run("nomenklatur", "impor", book, "-o", tmp_path / "ref.csv", "--urusan", "8.01")
    rows = list(csv.DictReader((tmp_path / "ref.csv").open(encoding="utf-8")))
    by = {x["kode"]: x for x in rows}
    assert by["8.01.01.2.01.0001"] == {
        "kode": "8.01.01.2.01.0001", "tingkat": "sub_kegiatan", "nama": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "kinerja": "Tersusunnya Dokumen Perencanaan Perangkat Daerah",
        "indikator": "Jumlah Dokumen Perencanaan Perangkat Daerah", "satuan": "Dokumen"}
    assert by["8.01.06.2.01.0006"]["indikator"] == "Jumlah Fasilitas Forkopimda; Jumlah Fasilitas Forkopimcam"
    assert by["8.01.06"]["tingkat"] == "program" and by["8"]["tingkat"] == "urusan"
    assert f"{book}!Lampiran!F16: I035 peringatan Baris nomenklatur dilewati: kode \"8 01 06 2-01 07\" tidak terbaca" \
        in r.output
    assert "Kolom dikenali: urusan=A, bidang=B, program=C, kegiatan=D, sub_kegiatan=E, nama=F, kinerja=G, indikator=H, satuan=I" in r.output
    assert r.exit_code == 0  # a warning


def test_x_rows_need_urusan_and_yaml_output(tmp_path):
    book = mk.lampiran(tmp_path / "lampiran.xlsx")
    r = run("nomenklatur", "impor", book, "-o", tmp_path / "ref.yaml")
    assert "5 baris berkode X XX dilewati (pakai --urusan)" in r.output
    text = (tmp_path / "ref.yaml").read_text(encoding="utf-8")
    assert "kode: 8.01.06.2.01.0006" in text and "X" not in text.split("nomenklatur:")[1].split("kode")[0]


def _tree(tmp_path: Path, ref: str, nama: str) -> Path:
    path = tmp_path / "pohon.yaml"
    path.write_text(f"""pohon: 1
organisasi: {{nama: Badan Uji, urusan: "8.01"}}
periode: 2024-2024
nomenklatur: [{ref}]
kinerja:
  - id: O1
    uraian: Meningkatnya rasa aman masyarakat
    indikator: [{{uraian: Persentase konflik tertangani, satuan: "%", target: {{2024: 90}}}}]
    cabang:
      - id: SK1
        peran: operasional
        uraian: Tersusunnya dokumen perencanaan
        indikator: [{{uraian: Jumlah dokumen, satuan: dokumen, target: {{2024: 1}}}}]
        komponen: [{{jenis: sub_kegiatan, kode: 8.01.01.2.01.0001, nama: "{nama}"}}]
""", encoding="utf-8")
    return path


def test_check_uses_the_imported_reference(tmp_path):
    book = mk.lampiran(tmp_path / "lampiran.xlsx")
    for ext in ("csv", "yaml"):
        run("nomenklatur", "impor", book, "-o", tmp_path / f"ref.{ext}", "--urusan", "8.01", "--force")
        good = check_file(_tree(tmp_path, f"ref.{ext}", "Penyusunan Dokumen Perencanaan Perangkat Daerah"))
        assert not [d for d in good.diagnostics if d.code.startswith("K")], [d.message() for d in good.diagnostics]
        bad = check_file(_tree(tmp_path, f"ref.{ext}", "Penyusunan Dokumen Perencana"))
        (d,) = [d for d in bad.diagnostics if d.code == "K005"]
        assert f"ref.{ext}" in d.message() + d.hint()
