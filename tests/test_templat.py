"""`pohon templat` (the fill-in workbook) and reading it back with `pohon impor`: lossless on
every bundled tree, dropdowns, frozen headers, located problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pohon.app import check_file
from pohon.cli import main
from pohon.diagnostics import Location

ROOT = Path(__file__).resolve().parents[1]
TREES = sorted((ROOT / "trees").glob("*.yaml"))


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def _walk(items, parent=None):
    for s in items:
        yield s, parent
        yield from _walk(s.cabang, s.id)


def normalised(path):
    """What a tree file means: its own fields, every box (declared parent, fields) however it is
    written (nested or `induk:`), the children's order, and what `pohon check` finds."""
    checked = check_file(path)
    tree = checked.tree
    assert tree is not None, [d.message() for d in checked.diagnostics]
    top = tree.doc.model_dump(mode="json", exclude={"kinerja"})
    boxes = sorted(json.dumps([s.id, p or s.induk, s.induk if p else None,
                               s.model_dump(mode="json", exclude={"cabang", "induk"})], sort_keys=True)
                   for s, p in _walk(tree.doc.kinerja))
    children = {n.id: [c.id for c in tree.children(n.id)] for n in tree}
    findings = sorted((d.code, d.node or "", d.path, repr([(k, v) for k, v in d.params if not isinstance(v, Location)]))
                      for d in checked.diagnostics)  # a place in the file (S001 "first") is another line
    return top, boxes, children, findings


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.stem)
def test_tree_to_workbook_to_tree_is_lossless(tree, tmp_path):
    book, back = tmp_path / "isian.xlsx", tmp_path / "kembali.yaml"
    r = run("templat", tree, "-o", book)
    assert r.exit_code == 0, r.output
    r = run("impor", book, "-o", back)
    assert "Tata letak" not in r.output  # the workbook is recognised as a whole, not as a table
    assert r.exit_code in (0, 1) and back.exists(), r.output
    assert normalised(back) == normalised(tree)


def test_workbook_sheets_dropdowns_frozen_headers_and_content(tmp_path):
    book = tmp_path / "isian.xlsx"
    run("templat", ROOT / "trees" / "kesbangpol-balangan.yaml", "-o", book)
    wb = load_workbook(book)
    assert wb.sheetnames == ["Petunjuk", "Info", "Kotak", "Indikator", "Rencana Aksi", "Realisasi TW", "Komponen", "Pagu",
                             "Jabatan Kotak", "Abaikan", "Peta Jabatan", "Pemegang"]
    kotak = wb["Kotak"]
    assert [c.value for c in kotak[1]][:4] == ["id", "induk", "peran", "uraian"]
    assert kotak.freeze_panes == "B2"
    assert kotak["A2"].value == "O1" and kotak["B3"].value == "O1"
    rules = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in kotak.data_validations.dataValidation}
    assert rules["C2"] == '"outcome,csf,antara-utama,antara,operasional"'
    assert rules["B2"].startswith("'Kotak'!$A$2:$A$")
    ind = wb["Indikator"]
    heads = [c.value for c in ind[1]]
    assert "target 2022" in heads and "realisasi 2026" in heads and "target 2021" not in heads
    dv = {str(d.sqref).split(":")[0]: d.formula1 for d in ind.data_validations.dataValidation}
    assert dv[f"{chr(65 + heads.index('polaritas'))}2"] == '"positif,negatif"'
    assert '%' in dv[f"{chr(65 + heads.index('satuan'))}2"]
    petunjuk = " ".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    assert "pohon impor isian.xlsx -o pohon.yaml" in petunjuk and "Kotak: satu baris per kotak" in petunjuk


def test_workbook_is_deterministic(tmp_path):
    tree = ROOT / "trees" / "renja-kesbangpol-balangan-2022.yaml"
    run("templat", tree, "-o", tmp_path / "a.xlsx")
    run("templat", tree, "-o", tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    r = run("templat", tree, "-o", tmp_path / "a.xlsx")
    assert r.exit_code == 2  # never overwritten without --force


def test_an_empty_workbook_filled_in_becomes_a_tree(tmp_path):
    book = tmp_path / "isian.xlsx"
    assert run("templat", "-o", book, "--periode", "2025-2026").exit_code == 0
    wb = load_workbook(book)
    assert wb["Info"]["A3"].value == "organisasi.nama"
    wb["Info"]["B3"] = "Dinas Uji"
    k = wb["Kotak"]
    k.append(["O1", None, "outcome", "Meningkatnya rasa aman masyarakat"])
    k.append(["C1", "O1", None, "Meningkatnya kewaspadaan masyarakat"])
    ind = wb["Indikator"]
    heads = [c.value for c in ind[1]]
    values = {"kotak": "C1", "no": 1, "uraian": "Persentase konflik yang tertangani", "satuan": "%",
              "polaritas": "positif", "target 2025": 80, "target 2026": 90}
    ind.append([values.get(h) for h in heads])
    wb.save(book)
    r = run("impor", book)
    assert "id: C1" in r.stdout and "nama: Dinas Uji" in r.stdout
    assert "2025: 80" in r.stdout and "periode: 2025-2026" in r.stdout


def test_problems_in_a_filled_in_workbook_are_located(tmp_path):
    book = tmp_path / "isian.xlsx"
    run("templat", ROOT / "trees" / "kesbangpol-balangan.yaml", "-o", book)
    wb = load_workbook(book)
    wb["Kotak"]["C3"] = "kepala"  # not a role
    wb["Indikator"]["A2"] = "TIDAK-ADA"
    wb.save(book)
    r = run("impor", book, "-o", tmp_path / "p.yaml")
    assert (f"{book}!Kotak!C3: I027 kesalahan Kolom peran: nilai \"kepala\" tidak valid; yang diharapkan: "
            "antara, antara-utama, csf, operasional, outcome") in r.output
    assert f"{book}!Indikator!A2: I026 kesalahan Lembar Indikator menyebut kotak \"TIDAK-ADA\"" in r.output
    assert r.exit_code == 1 and (tmp_path / "p.yaml").exists()


def test_new_fields_round_trip_realisation_per_quarter_and_actions_with_months(tmp_path):
    from tests.helpers import tree as tree_text

    source = tmp_path / "pohon.yaml"
    source.write_text(tree_text("""
        - id: O1
          uraian: Meningkatnya rasa aman masyarakat
          indikator:
            - uraian: Persentase konflik yang tertangani
              satuan: "%"
              target: {2024: 90, 2025: 95}
              realisasi_tw: {2024: [20, 45, 70, 92], 2025: [25, null, 60]}
              rencana_aksi:
                2024:
                  tw: [25, 50, 75, 90]
                  aksi: [{uraian: Rapat koordinasi, bulan: [2, 4]}, {uraian: Monitoring, triwulan: 3}]
                2025:
                  aksi: [Rapat, null, Monitoring]
          lokasi: Kab. Uji
    """), encoding="utf-8")
    book, back = tmp_path / "isian.xlsx", tmp_path / "kembali.yaml"
    assert run("templat", source, "-o", book).exit_code == 0
    wb = load_workbook(book)
    assert "Realisasi TW" in wb.sheetnames
    assert [c.value for c in wb["Realisasi TW"][2]] == ["O1", 1, 2024, 20, 45, 70, 92]
    assert wb["Rencana Aksi"]["H3"].value == "Rapat"  # aksi1 of 2025: the old per-quarter form
    run("impor", book, "-o", back)
    assert normalised(back) == normalised(source)
