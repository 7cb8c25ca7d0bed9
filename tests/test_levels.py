"""Levels as the method defines them (issue 10): any number of kondisi antara levels, the
translation table and level profiles with their sources, crosscutting boxes kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.cli import main
from pohon.loader.load import load_text, load_tree
from pohon.mapping.components import components_of, index
from pohon.mapping.profiles import in_agreement, resolve_profile
from pohon.model.roles import tiers
from pohon.profiledoc import BEGIN, END, refreshed
from pohon.rules import check_result
from tests.helpers import chain, ind, with_field

ROOT = Path(__file__).resolve().parent.parent
BESAR = Path(__file__).parent / "fixtures" / "levels" / "opd-besar.yaml"
KESBANGPOL = ROOT / "trees" / "kesbangpol-balangan.yaml"


def tabel(path, jenis, *args):
    res = CliRunner().invoke(main, ["tabel", str(path), "--jenis", jenis, *args])
    assert res.exit_code in (0, 1), res.output
    return res.output


@pytest.fixture(scope="module")
def besar():
    return load_tree(BESAR)


# -- roles and tiers ---------------------------------------------------------------------------------

def test_kondisi_antara_may_nest_and_roles_follow_from_children():
    """Written without `peran:`, a box under a kondisi antara is a kondisi antara while it has
    children and a kondisi operasional when it is a leaf; the upper one joins the program."""
    text = chain(extra=f"""
        - {{id: X1, induk: KAU1, uraian: Meningkatnya kesiapsiagaan, indikator: {ind("Indeks kesiapsiagaan", "indeks", baseline="85")}}}
        - {{id: X2, induk: X1, uraian: Meningkatnya desa siaga, indikator: {ind(baseline="85")}}}
        - {{id: X3, induk: X2, uraian: Terumuskannya pedoman, indikator: {ind("Jumlah pedoman", "dokumen", "{2024: 1, 2025: 1}")}}}
        - {{id: X4, induk: X3, uraian: Terlaksananya pelatihan, indikator: {ind("Jumlah peserta", "orang", "{2024: 5, 2025: 5}")}}}""")
    res = load_text(text, "t.yaml")
    tree = res.tree
    got = {n: (tree.node(n).role_key, tree.node(n).tier_key) for n in ("X1", "X2", "X3", "X4", "KA1")}
    assert got == {"X1": ("antara", "antara-atas"), "X2": ("antara", "antara-atas"), "X3": ("antara", "antara"),
                   "X4": ("operasional", "operasional"), "KA1": ("antara", "antara")}
    assert tree.node("X2").anchor is tree.node("KAU1") and tree.node("X3").anchor is None
    (x2,) = components_of(tree.node("X2"))
    assert x2.jenis == "program" and x2.joins.node_id == "KAU1"
    assert check_result(res) == []


def test_a_skipped_level_is_still_a_finding():
    text = chain(extra="- {id: KO2, peran: operasional, induk: KAU1, uraian: Terlaksananya y, indikator: " + ind() + "}")
    (d,) = [d for d in check_result(load_text(text, "t.yaml")) if d.code == "S006"]
    assert d.message().endswith("seharusnya Kondisi antara")
    text = chain(extra="- {id: C2, peran: csf, induk: KA1, uraian: Meningkatnya y, indikator: " + ind() + "}")
    (d,) = [d for d in check_result(load_text(text, "t.yaml")) if d.code == "S006"]
    assert d.message().endswith("seharusnya Kondisi antara atau Kondisi operasional")
    assert d.message("en").endswith("expected Intermediate condition or Operational condition")


def test_the_translation_table_has_a_source_for_every_row():
    keys = [t.key for t in tiers()]
    assert keys == ["outcome", "csf", "antara-utama", "antara-atas", "antara", "operasional"]
    for t in tiers():
        assert t.sumber["id"] and t.sumber["en"] and t.kinerja["id"] and t.kinerja["en"]
    outcome = tiers()[0]
    assert outcome.komponen == "tujuan" and not outcome.perjanjian  # source 003: the Tujuan, no PK


def test_default_profile_follows_source_003_and_klasik_keeps_pengawas():
    default = resolve_profile(None)
    assert {t.key: default.levels(t.key) for t in tiers()} == {
        "outcome": ["JPT"], "csf": ["JPT"], "antara-utama": ["Administrator"], "antara-atas": ["Administrator"],
        "antara": ["JF"], "operasional": ["JF", "JP"]}
    res = load_text(chain().replace("kinerja:\n", "profil_jabatan: {dasar: klasik}\nkinerja:\n"), "t.yaml")
    assert resolve_profile(res.doc).levels("antara") == ["Pengawas"]


def test_file_map_of_the_kondisi_antara_utama_also_owns_the_upper_kondisi_antara():
    text = chain().replace("kinerja:\n", "profil_jabatan: {dasar: kosong, peta: {outcome: [JPT], csf: [JPT], "
                                         "antara-utama: [Administrator], antara: [JF], operasional: [JP]}}\nkinerja:\n")
    prof = resolve_profile(load_text(text, "t.yaml").doc)
    assert prof.levels("antara-atas") == ["Administrator"] and prof.unknown_levels == []


def test_docs_show_the_translation_table_and_profiles_generated_from_the_data():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert refreshed(text) == text, "run: .venv/bin/python scripts/docs_output.py"
    assert "| Outcome | 1 | Tujuan |" in text and "tanpa PK" in text


# -- the large organisation: three kondisi antara levels ---------------------------------------------

def test_large_organisation_checks_clean(besar):
    assert check_result(besar) == []
    tree = besar.tree
    assert [tree.node(n).tier_key for n in ("KAU1", "KA1", "KA2", "KA3", "KA4", "KO1")] == [
        "antara-utama", "antara-atas", "antara-atas", "antara", "antara", "operasional"]
    idx = index(tree)
    assert (idx.count("program"), idx.count("kegiatan"), idx.count("sub_kegiatan")) == (2, 3, 4)
    assert idx.merged() == []  # the upper kondisi antara join their program: no K011


def test_large_organisation_matrix(besar):
    from pohon.render.tables.build import build

    doc = build("matriks", besar.tree, "id", None, check_result(besar))
    row = {r[3].text: [c.text for c in r] for r in doc.sections[0].rows}
    ka2 = row["Meningkatnya kemampuan puskesmas menangani kegawatdaruratan maternal"]
    assert ka2[2] == "Kondisi antara (di atas kondisi antara lain)" and ka2[5] == "Kinerja taktikal intermediate"
    assert ka2[6] == "Sasaran Program\n1.02.02 Meningkatnya pelayanan kesehatan ibu dan anak sesuai standar (bersama kotak KAU1)"
    ka3 = row["Tersedianya layanan kesehatan ibu di puskesmas"]
    assert ka3[6].startswith("Sasaran Kegiatan\n1.02.02.2.02") and ka3[5] == "Kinerja taktikal immediate"
    assert ka3[7].startswith("PK/SKP Pengawas")
    assert not any("air minum" in r[3] for r in row.values())
    out = tabel(BESAR, "matriks", "--format", "csv").lstrip("\ufeff").splitlines()
    assert any(line.startswith("Kondisi crosscutting — ditangani bersama Dinas Pekerjaan Umum dan Penataan Ruang: C3")
               for line in out)


def test_large_organisation_renstra(besar):
    """T-C.27: the program row carries the indicators of the upper kondisi antara joining it (one
    row each), the kegiatan follow in code order, the crosscutting box stays out of the rows."""
    md = tabel(BESAR, "renstra")
    lines = md.splitlines()
    at = next(i for i, line in enumerate(lines) if "| 1.02.02 | Meningkatnya pelayanan" in line)
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in lines[at:at + 4]]
    assert cells[0][4].startswith("Persentase ibu hamil") and cells[0][5] == "85% (2024)"
    assert cells[0][6:8] == ["88%", "800.000.000"]
    assert [c[4] for c in cells[1:3]] == ["Persentase persalinan di fasilitas pelayanan kesehatan",
                                          "Persentase puskesmas PONED yang memenuhi standar"]
    assert cells[3][2] == "1.02.02.2.01"  # code order: 2.01 before 2.02
    kegiatan = [line.split("|")[3].strip() for line in lines if "| 1.02.02.2.0" in line]
    assert kegiatan[:2] == ["1.02.02.2.01", "1.02.02.2.01.0014"] and "1.02.02.2.02" in kegiatan
    assert "air minum" not in md.split("Kondisi crosscutting")[0]


def test_large_organisation_pk(besar):
    md = tabel(BESAR, "pk")
    kabid = md.split("## Kepala Bidang Kesehatan Masyara")[1].split("\n## ")[0]
    assert "Meningkatnya persalinan yang ditolong" in kabid and "Meningkatnya kemampuan puskesmas" in kabid
    assert "Meningkatnya derajat kesehatan masyarakat" not in md  # the Tujuan is no PK row
    assert "air minum" not in md


# -- crosscutting and the Tujuan in the bundled tree -------------------------------------------------

def test_partner_handled_crosscutting_is_apart_from_the_translation():
    res = load_tree(KESBANGPOL)
    c3 = res.tree.node("C3")
    assert c3.partner_handled and components_of(c3) == [] and not in_agreement(c3)
    assert not in_agreement(res.tree.node("O1")) and in_agreement(res.tree.node("C1"))
    note = "Kondisi crosscutting — ditangani bersama mitra yang belum disebut: C3 Terkoordinirnya batas wilayah desa"
    for jenis in ("matriks", "renstra"):
        md = tabel(KESBANGPOL, jenis)
        assert note in md
        assert md.count("Terkoordinirnya batas wilayah") == 1, jenis
    pk = tabel(KESBANGPOL, "pk")
    assert "Terkoordinirnya" not in pk and "Meningkatkan Rasa Aman" not in pk
    jpt = pk.split("\n## ")[1]
    assert "Mencegah munculnya Potensi Konflik" in jpt and "Meningkatnya Sistem dan Budaya Politik" in jpt
    assert "Crosscutting condition — handled with a partner not yet named: C3" in tabel(KESBANGPOL, "matriks", "--lang", "en")


def test_decomposed_crosscutting_stays_in_the_translation():
    res = load_text(with_field(chain(), "C1", "crosscutting: [Bappeda]"), "t.yaml")
    c1 = res.tree.node("C1")
    assert c1.is_crosscutting and not c1.partner_handled and components_of(c1)[0].jenis == "sasaran"
