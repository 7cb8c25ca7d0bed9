"""`pohon ukur`, `pohon audit`, realisation files and the measurement rules (U, A), through the
command line and the public services."""

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.app import check_text
from pohon.cli import main
from tests.helpers import tree

FIX = Path(__file__).parent / "fixtures" / "ukur"
BLITAR = FIX / "lkjip-blitar-2024.yaml"
BALANGAN = FIX / "renja-balangan-tabel-2-2.yaml"
TRIWULAN = FIX / "triwulan"
GOLDEN = FIX / "capaian-blitar.golden.md"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def codes(res_or_diags):
    return [d.code for d in res_or_diags]


# -- pohon ukur ---------------------------------------------------------------------------------

def test_capaian_table_matches_golden_file():
    """Every correct printed figure of LKjIP 2024 Tabel 3.1/3.2 (source 002), with its rounding.
    To update: POHON_UPDATE_GOLDEN=1 pytest tests/test_ukur.py, then review the diff."""
    res = run("ukur", BLITAR)
    assert res.exit_code == 0, res.output
    table = "".join(line + "\n" for line in res.stdout.splitlines() if line.startswith("|"))  # the table, not the page
    if os.environ.get("POHON_UPDATE_GOLDEN"):
        GOLDEN.write_text(table, encoding="utf-8")
    assert table == GOLDEN.read_text(encoding="utf-8")
    row = next(line for line in res.stdout.splitlines() if "Nilai SAKIP" in line)
    assert "| BB (75,3) | B (66,55) | 88,3 | Tinggi | BB (75,9) (2026) | 87,68 |" in row


def test_capaian_of_source_000_with_the_tree_formula():
    res = run("ukur", BALANGAN, "--tahun", "2020")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert "| 9 | 4 | 155,6 | Sangat tinggi |" in next(x for x in lines if "Gangguan Ketentraman" in x)
    assert "| 70 | 86 | 122,9 | Sangat tinggi |" in next(x for x in lines if "partisipasi Pemilu" in x)
    assert "**188,1**" in next(x for x in lines if "Capaian rata-rata" in x)


@pytest.mark.parametrize("jenis, expect", [
    ("anggaran", "| **Jumlah** |  |  | **66.348.353.265** | **100,00** | **66.054.901.370** | **99,56** |"),
    ("efisiensi", "| 88,3 | 95,34 | -7,97 |"),
])
def test_budget_and_efficiency_tables(jenis, expect):
    res = run("ukur", BLITAR, "--jenis", jenis)
    assert res.exit_code == 0, res.output
    assert expect in res.stdout


def test_ukur_writes_xlsx_and_never_overwrites(tmp_path):
    out = tmp_path / "capaian.xlsx"
    assert run("ukur", BLITAR, "-o", out).exit_code == 0
    assert out.read_bytes()[:2] == b"PK"
    again = run("ukur", BLITAR, "-o", out)
    assert again.exit_code == 2


def test_ukur_english_and_csv():
    res = run("ukur", BLITAR, "--format", "csv", "--lang", "en")
    assert res.exit_code == 0
    assert "Very high" in res.stdout and "Sangat tinggi" not in res.stdout


def test_year_outside_period_is_a_usage_error():
    res = run("ukur", BLITAR, "--tahun", "2030")
    assert res.exit_code == 2


def test_monitoring_with_realisation_file_beside_the_tree():
    res = run("ukur", TRIWULAN / "pohon.yaml", "--jenis", "monitoring", "--info")
    assert res.exit_code == 0, res.output
    row = next(x for x in res.stdout.splitlines() if "Jumlah rapat koordinasi" in x)
    assert "| 2 | 1 | 50,00 | tertinggal |" in row and "belum diisi" in row
    assert "U006 peringatan [KO1] Indikator \"Jumlah dokumen peta konflik\" kotak KO1: realisasi TW3 2024 belum diisi (per TW3)" in res.stderr
    assert "U007 info [KO2]" in res.stderr


def test_per_decides_the_past_quarters_never_today():
    early = run("ukur", TRIWULAN / "pohon.yaml", "--jenis", "monitoring", "--per", "TW1")
    assert "U006" not in early.stderr
    late = run("ukur", TRIWULAN / "pohon.yaml", "--jenis", "monitoring", "--per", "2025-01-15")
    assert late.stderr.count("U006") == 5  # TW4 of every indicator, and TW3 of KO1
    assert run("ukur", TRIWULAN / "pohon.yaml", "--per", "besok").exit_code == 2


# -- pohon audit --------------------------------------------------------------------------------

def test_audit_source_000_table_2_2():
    res = run("audit", BALANGAN)
    assert res.exit_code == 1
    err = res.stderr
    assert ('A001 kesalahan [C1] Capaian 2020 "Angka Kejadian Gangguan Ketentraman Sosial" kotak C1 tercetak 55,6%, '
            "dihitung 155,6% ((2 − R / T) × 100); angka tercetak sama dengan rumus (T − R) / T × 100") in err
    assert ('A002 kesalahan [C1] Kategori 2020 "Angka Kejadian Gangguan Ketentraman Sosial" kotak C1 tercetak "Rendah", '
            'seharusnya "Sangat tinggi" untuk capaian 155,6%; kategori itu mengikuti capaian tercetak 55,6%') in err
    assert ('A001 kesalahan [C2] Capaian 2020 "Angka partisipasi Pemilu" kotak C2 tercetak 90,5%, dihitung 122,9% '
            "(R / T × 100); angka tercetak memakai target tahun 2019 (95)") in err
    assert "A008 kesalahan Capaian rata-rata 2020 tercetak 154,7%, dihitung 188,1% dari 3 indikator" in err
    assert err.count("A0") == 4  # the correct ones (Ormas 285,7% Sangat tinggi) are not listed


def test_audit_source_002_flags_exactly_the_wrong_figures():
    """Every other printed figure (capaian, kemajuan, pagu, realisasi, %, serapan, efisiensi) agrees."""
    res = run("audit", BLITAR, "--format", "json")
    assert res.exit_code == 1
    found = json.loads(res.stdout)["diagnostics"]
    assert [(d["code"], d["node"], d["params"]["printed"], d["params"]["computed"]) for d in found] == [
        ("A007", None, "66.347.193.865", "66.348.353.265"),
        ("A009", "S4", "BB (66,55)", "B (66,55)"),
    ]
    assert found[1]["params"]["sebab"] == "predikat"


def test_audit_json_gives_the_cause_as_a_key():
    found = json.loads(run("audit", BALANGAN, "--format", "json", "--lang", "en").stdout)["diagnostics"]
    assert {d["code"]: d["params"]["sebab"] for d in found if d["node"] == "C2"} == {"A001": "tahun_target"}
    assert [d["params"]["sebab"] for d in found if d["node"] == "C1"] == ["rumus", "capaian_tercetak"]


AUDIT = tree("""
    - id: O1
      peran: outcome
      uraian: Meningkatnya rasa aman
      indikator:
        - uraian: Persentase desa aman
          satuan: '%'
          target: {2024: 86}
          realisasi: {2024: 84.61}
          dilaporkan: {2024: {capaian: 98.4}}
        - uraian: Persentase kecamatan terpetakan
          satuan: '%'
          sifat: stok
          target: {2024: 100}
          realisasi: {2024: 100}
          realisasi_tw: {2024: [25, 50, 75, 100]}
          dilaporkan: {2024: {capaian: 250}}
        - uraian: Angka konflik
          satuan: kasus
          polaritas: negatif
          target: {2024: 8}
          realisasi: {2024: 4}
          dilaporkan: {2024: {capaian: 50}}
""").replace("periode: 2024-2025\n", "periode: 2024-2025\npengukuran: {pembulatan: {capaian: {cara: potong, desimal: 1}}}\n")


def test_audit_causes_truncation_stock_and_polarity(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(AUDIT, encoding="utf-8")
    found = json.loads(run("audit", path, "--format", "json").stdout)["diagnostics"]
    assert [(d["params"]["printed"], d["params"]["computed"], d["params"]["sebab"]) for d in found] == [
        ("98,4", "98,3", "pembulatan"), ("250", "100,0", "stok"), ("50", "150,0", "polaritas")]


def test_audit_without_printed_figures_says_so(tmp_path):
    res = run("audit", TRIWULAN / "pohon.yaml")
    assert res.exit_code == 0
    assert "tidak mencatat angka tercetak" in res.stderr


# -- realisation files: bad input is a located diagnostic, never a crash --------------------------

def _with_file(tmp_path, text, name="realisasi-2024.yaml"):
    shutil.copy(TRIWULAN / "pohon.yaml", tmp_path / "pohon.yaml")
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "pohon.yaml"


@pytest.mark.parametrize("text, expected", [
    ("realisasi: 1\ntahun: 2031\nkotak: {}\n", "realisasi-2024.yaml:2:8: U003 kesalahan Realisasi/angka tahun 2031 di luar periode pohon 2024-2025"),
    ("realisasi: 1\ntahun: 2024\nkotak:\n  KX9:\n    anggaran: 5\n",
     "realisasi-2024.yaml:4:3: U001 kesalahan Berkas realisasi menyebut kotak `KX9` yang tidak ada di pohon"),
    ("realisasi: 1\ntahun: 2024\nkotak:\n  KO2:\n    indikator:\n      3: {realisasi: 5}\n",
     "realisasi-2024.yaml:6:7: U002 kesalahan [KO2] Kotak KO2 tidak punya indikator `3` (kotak ini punya 1 indikator)"),
    ("realisasi: 1\ntahun: 2024\nkotak:\n  KO2:\n    indikator:\n      1: {realisasi: banyak sekali}\n",
     "realisasi-2024.yaml:6:22: U004 kesalahan [KO2] Indikator \"Jumlah rapat koordinasi\" kotak KO2, 2024: `banyak sekali` bukan angka maupun predikat"),
    ("realisasi: 1\ntahun: 2024\nkotak:\n  KO2:\n    anggaran: lima juta\n", "realisasi-2024.yaml:5:15: F004 kesalahan"),
    ("- a\n- b\n", "realisasi-2024.yaml:1:1: U012 kesalahan Bukan berkas realisasi"),
    ("realisasi: 1\ntahun: 2024\nkotak: {KO2: {anggaran: 1, anggaran: 2}}\n", "realisasi-2024.yaml:3:28: F002 kesalahan"),
    ("realisasi: 1\ntahun: 2024\nkotak:\n  KO2:\n    indikator:\n      1: {tw: [2, 2, 2, 2], realisasi: 7}\n",
     "realisasi-2024.yaml:6:15: U005 kesalahan [KO2] Indikator \"Jumlah rapat koordinasi\" kotak KO2, 2024: realisasi tahunan 7, tetapi triwulan memberi 8 (kumulatif: jumlah TW1–TW4)"),
])
def test_bad_realisation_files(tmp_path, text, expected):
    res = run("ukur", _with_file(tmp_path, text))
    assert res.exit_code == 1, res.output
    assert "kesalahan internal" not in res.stderr
    assert expected in res.stderr, res.stderr


def test_a_file_contradicting_the_tree_is_reported(tmp_path):
    path = _with_file(tmp_path, "realisasi: 1\ntahun: 2024\nkotak:\n  KO1:\n    anggaran: 5\n")
    (tmp_path / "realisasi-2024b.yaml").write_text("realisasi: 1\ntahun: 2024\nkotak:\n  KO1:\n    anggaran: 6\n")
    res = run("ukur", path)
    assert "realisasi-2024b.yaml:5:15: U013 kesalahan [KO1] Realisasi 2024 kotak KO1 ditulis dua kali dengan nilai berbeda: 6 di sini, 5" in res.stderr


def test_realisation_file_given_must_exist(tmp_path):
    res = run("ukur", TRIWULAN / "pohon.yaml", "--realisasi", tmp_path / "tidak-ada.yaml")
    assert res.exit_code == 2


# -- the U rules of `pohon check` -----------------------------------------------------------------

def _one(fields: str) -> str:
    """A one-box tree with ``fields`` (flow style) on the box."""
    return tree(f"- {{id: O1, peran: outcome, uraian: Meningkatnya rasa aman, {fields}}}")


U_FAILING = {
    "U003": "realisasi_anggaran: {2030: 5}",
    "U004": "indikator: [{uraian: Persentase A, satuan: '%', target: {2024: 80}, realisasi: {2024: Tercapai}}]",
    "U005": "indikator: [{uraian: Persentase A, satuan: '%', sifat: stok, target: {2024: 80}, realisasi: {2024: 80}, realisasi_tw: {2024: [20, 40, 60, 70]}}]",
    "U008": "indikator: [{uraian: Jumlah kasus, satuan: kasus, target: {2024: 0}, realisasi: {2024: 2}}]",
    "U009": "indikator: [{uraian: Nilai SAKIP, satuan: predikat, target: {2024: 'BB (75,3)'}, realisasi: {2024: 'BB (66,55)'}}]",
    "U014": "pagu: {2024: 100}, realisasi_anggaran: {2024: 120}",
}
U_PASSING = {
    "U003": "realisasi_anggaran: {2024: 5}",
    "U004": "indikator: [{uraian: Opini BPK, satuan: opini, target: {2024: WTP}, realisasi: {2024: WDP}}]",
    "U005": "indikator: [{uraian: Persentase A, satuan: '%', sifat: stok, target: {2024: 80}, realisasi: {2024: 70}, realisasi_tw: {2024: [20, 40, 60, 70]}}]",
    "U008": "indikator: [{uraian: Jumlah kasus, satuan: kasus, polaritas: negatif, target: {2024: 0}, realisasi: {2024: 0}}]",
    "U009": "indikator: [{uraian: Nilai SAKIP, satuan: predikat, target: {2024: 'BB (75,3)'}, realisasi: {2024: 'B (66,55)'}}]",
    "U014": "pagu: {2024: 100}, realisasi_anggaran: {2024: 100}",
}


@pytest.mark.parametrize("code", sorted(U_FAILING))
def test_u_rule_fires_and_its_near_miss_passes(code):
    assert code in codes(check_text(_one(U_FAILING[code])).diagnostics)
    assert code not in codes(check_text(_one(U_PASSING[code])).diagnostics)


def test_u010_band_table_and_u011_weights():
    bad = _one("indikator: [{uraian: A, satuan: '%', target: {2024: 1}}, {uraian: B, satuan: '%', bobot: 1, target: {2024: 1}}]")
    bad = bad.replace("periode: 2024-2025\n", "periode: 2024-2025\npengukuran:\n  agregasi: bobot\n  kategori: [{nama: Baik, min: 50}, {nama: Lebih baik, min: 80}, {nama: Kurang}]\n")
    found = check_text(bad).diagnostics
    assert [d.message("id") for d in found if d.code == "U010"] == [
        'Tabel kategori tidak dapat dipakai: `min` pita "Lebih baik" tidak lebih kecil dari pita di atasnya']
    assert [d.node for d in found if d.code == "U011"] == ["O1"]


def test_unknown_formula_name_is_a_located_error():
    text = _one("indikator: [{uraian: Angka konflik, satuan: kasus, polaritas: negatif, rumus_capaian: 2t-r, target: {2024: 1}}]")
    (d,) = [d for d in check_text(text).diagnostics if d.code == "F004"]
    assert d.field[-1] == "rumus_capaian"


def test_every_measurement_rule_is_tested():
    from pohon.catalogue import rules

    here = Path(__file__).read_text(encoding="utf-8")
    assert [c for c in rules() if c[0] in "UA" and c not in here] == []


# -- render --capaian -----------------------------------------------------------------------------

def test_render_capaian_colours_boxes_and_adds_the_legend(tmp_path):
    out = tmp_path / "p.dot"
    res = run("render", BLITAR, "--capaian", "2024", "-o", out)
    assert res.exit_code == 0, res.output
    dot = out.read_text(encoding="utf-8")
    # S1–S3 (stacked, one table cell each) Sangat tinggi, S4 Tinggi; T1 derived from them (96,6: Sangat tinggi)
    assert dot.count('BGCOLOR="#a6dba0" COLOR') == 3 + 1 and dot.count('BGCOLOR="#d9f0a3" COLOR') == 1 + 1  # + legend
    assert 'fillcolor="#a6dba0"' in dot and "Capaian 96,6% (turunan)" in dot
    assert "88,3% (Tinggi)" in dot and "Kategori capaian 2024" in dot
    assert "Sangat rendah" in dot  # the legend lists every band


def test_viewer_carries_capaian_and_quarters(tmp_path):
    out = tmp_path / "v.html"
    assert run("render", TRIWULAN / "pohon.yaml", "--capaian", "2024", "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '"tw":[["2024",[[1,"2","2",100.0,"tercapai"],[2,"2","1",50.0,"tertinggal"]' in html


def test_tabel_measurement_kinds_read_the_realisation_files_too():
    res = run("tabel", TRIWULAN / "pohon.yaml", "--jenis", "monitoring")
    assert res.exit_code == 0
    assert res.stdout.count("tertinggal") == 3


@pytest.mark.parametrize("raw, expected", [
    (b"realisasi: 1\x00\x00\x00", "F007"),
    (b"\xff\xfe r\x00", "F007"),
    ("realisasi: 1\ntahun: 2024\nkotak:\n  \"K\\e[31m\": {anggaran: 1}\n".encode(), "F014"),
    (b"realisasi: 1\ntahun: 2024\nkotak: {KO1: {indikator: {1: {tw: [1, 2,5, 3]}}}}\n", "F013"),
])
def test_hostile_realisation_files_are_findings(tmp_path, raw, expected):
    shutil.copy(TRIWULAN / "pohon.yaml", tmp_path / "pohon.yaml")
    (tmp_path / "realisasi-2024.yaml").write_bytes(raw)
    res = run("ukur", tmp_path / "pohon.yaml")
    assert res.exit_code == 1
    assert f"realisasi-2024.yaml:" in res.stderr and expected in res.stderr
    assert "\x1b" not in res.stderr and "kesalahan internal" not in res.stderr


def test_audit_budget_progress_and_efficiency_causes(tmp_path):
    """Source 002 with four figures misprinted the way reports do: truncated instead of rounded,
    efficiency from the exact capaian; and a figure pohon cannot recompute (A010, with --info)."""
    text = BLITAR.read_text(encoding="utf-8")
    for old, new in [("serapan: 94.20", "serapan: 94.19"), ("porsi: 1.70", "porsi: 1.69"),
                     ("efisiensi: -1.66", "efisiensi: -1.57"), ("kemajuan: 94.73", "kemajuan: 94.74"),
                     ("{uraian: Persentase stabilitas di bidang IPOLEKSOSBUD, satuan: \"%\", iku: false}",
                      "{uraian: Persentase stabilitas di bidang IPOLEKSOSBUD, satuan: \"%\", iku: false, dilaporkan: {2024: {capaian: 99}}}")]:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "lkjip.yaml"
    path.write_text(text, encoding="utf-8")
    found = json.loads(run("audit", path, "--format", "json", "--info").stdout)["diagnostics"]
    got = {(d["code"], d["node"]): (d["params"]["printed"], d["params"].get("computed"), d["params"].get("sebab")) for d in found}
    assert got[("A004", "S2")] == ("94,19", "94,20", "pembulatan")
    assert got[("A005", "S2")] == ("1,69", "1,70", "pembulatan")
    assert got[("A006", "S1")] == ("-1,57", "-1,66", "cki")
    assert got[("A003", "S2")] == ("94,74", "94,73", "pembulatan")
    assert got[("A010", "T1")] == ("99", None, None)


def test_u009_on_targets_of_a_tree_without_realisation():
    found = check_text(_one("indikator: [{uraian: Nilai SAKIP, satuan: predikat, "
                            "target: {2024: 'BB (66,55)', 2025: 'BB (75,3)'}}]")).diagnostics
    assert [(d.node, d.field) for d in found if d.code == "U009"] == [("O1", ("indikator", 0, "target", "2024"))]
