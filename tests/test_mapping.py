"""Mapping: codes, nomenclature, components, level profiles, pagu roll-up, K rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pohon.loader.load import load_text, load_tree
from pohon.mapping.budget import roll_up
from pohon.rules.context import Context
from pohon.rules.mapping import check_mapping
from pohon.mapping.codes import parse_code
from pohon.mapping.components import components_of, index
from pohon.mapping.nomenclature import builtin, load_reference
from pohon.mapping.profiles import resolve_profile
from pohon.rules import check_result

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "tables"
RENJA = ROOT / "trees" / "renja-kesbangpol-balangan-2022.yaml"


def _diags(path: Path, lang: str = "id"):
    res = load_tree(path)
    assert res.ok, res.diagnostics
    ctx = Context(res.tree, str(path), res.source)
    return res, check_mapping(ctx)


# -- codes --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,norm,level", [
    ("8.01.06", "8.01.06", "program"),
    ("8.01.06.2.01", "8.01.06.2.01", "kegiatan"),
    ("8.01.06.2.01.0003", "8.01.06.2.01.0003", "sub_kegiatan"),
    ("8.01.06.2.01.03", "8.01.06.2.01.0003", "sub_kegiatan"),
    ("8|01|06|2.01|03", "8.01.06.2.01.0003", "sub_kegiatan"),
    ("8.01", "8.01", "bidang"),
])
def test_parse_code(text, norm, level):
    code = parse_code(text)
    assert code is not None and code.text == norm and code.level == level


@pytest.mark.parametrize("text", ["", "abc", "8.01.06.2", "8.01.05.2.O1.06", "8.01.06.2.01.00003", None])
def test_parse_code_rejects(text):
    assert parse_code(text) is None


def test_code_extends():
    assert parse_code("8.01.05.2.01.05").extends(parse_code("8.01.05.2.01"))
    assert not parse_code("3.27.06.2.01.05").extends(parse_code("8.01.05.2.01"))
    assert not parse_code("8.01.05").extends(parse_code("8.01.05"))


# -- reference --------------------------------------------------------------------------------

def test_builtin_reference_counts():
    ref = builtin()
    assert len(ref) == 71  # 61 from the documents, 8 urusan and 2 bidang urusan (data/urusan_bidang.csv)
    levels = [e.tingkat for e in ref.values()]
    assert levels.count("urusan") == 8 and levels.count("bidang") == 2 and ref["8.01"].nama == "KESATUAN BANGSA DAN POLITIK"
    assert levels.count("program") == 6 and levels.count("kegiatan") == 12 and levels.count("sub_kegiatan") == 43
    assert ref["8.01.05.2.01.0005"].nama.startswith("Pelaksanaan Monitoring")


def test_user_reference_overrides(tmp_path):
    (tmp_path / "daftar.csv").write_text("\ufeffkode;nama\n8.01.06;Program Kewaspadaan Uji\n9.9.9;x\n", encoding="utf-8")
    ref = load_reference(["daftar.csv", "hilang.csv"], tmp_path)
    assert ref.get("8.01.06").nama == "Program Kewaspadaan Uji"
    assert any(name == "hilang.csv" for name, _ in ref.problems)


def test_missing_reference_file_is_located(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text((FIX / "kecil.yaml").read_text(encoding="utf-8").replace(
        "periode: 2024-2025", "periode: 2024-2025\nnomenklatur: [tidak-ada.csv]"), encoding="utf-8")
    _, diags = _diags(p)
    k13 = [d for d in diags if d.code == "K013"]
    assert k13 and k13[0].line == 8 and "tidak-ada.csv" in k13[0].message()
    assert k13[0].message().endswith(": berkas tidak ada")
    assert k13[0].message("en").endswith(": no such file") and "berkas" not in k13[0].message("en")


# -- components -------------------------------------------------------------------------------

def test_default_and_override_components():
    res = load_tree(FIX / "kecil.yaml")
    tree = res.tree
    assert [c.jenis for c in components_of(tree.node("T1"))] == ["tujuan"]
    assert [c.jenis for c in components_of(tree.node("S1"))] == ["sasaran"]
    sk1 = components_of(tree.node("SK1"))
    assert sk1[0].jenis == "sub_kegiatan" and sk1[0].kode == "8.01.05.2.01.0004" and sk1[0].field == ("kode",)


def test_merged_and_split_components_are_info():
    text = (FIX / "kecil.yaml").read_text(encoding="utf-8")
    text = text.replace('kode: "8.01.05.2.01.0005"', 'kode: "8.01.05.2.01.0004"')  # two boxes, one component
    text = text.replace('            kode: "8.01.05"\n',
                        '            komponen: [{jenis: program, kode: "8.01.05"}, {jenis: kegiatan, kode: "8.01.05.2.02"}]\n')
    res = load_text(text, "gabung.yaml")
    diags = check_mapping(Context(res.tree, "gabung.yaml", res.source))
    merged = [d for d in diags if d.code == "K011"]
    split = [d for d in diags if d.code == "K012"]
    assert merged and "SK1, SK2" in merged[0].message() and merged[0].severity.value == "info"
    assert split and split[0].node == "P1" and split[0].line > 0
    idx = index(res.tree)
    assert len(idx.merged()) == 1 and len(idx.split()) == 1


# -- profiles ---------------------------------------------------------------------------------

def test_profiles():
    res = load_tree(FIX / "kecil.yaml")
    prof = resolve_profile(res.doc)
    assert prof.name == "klasik" and prof.levels("antara") == ["Pengawas"] and not prof.unmapped
    default = resolve_profile(None)  # source 003: kondisi antara → PK/SKP JF; upper antara like antara utama
    assert default.levels("antara") == ["JF"] and default.levels("operasional") == ["JF", "JP"]
    assert default.levels("csf") == ["JPT"] and default.levels("antara-atas") == ["Administrator"]


def test_profile_leaving_role_unmapped_is_located():
    _, diags = _diags(FIX / "profil-salah.yaml")
    k7 = [d for d in diags if d.code == "K007"]
    assert len(k7) == 1 and (k7[0].line, k7[0].col) == (10, 5) and k7[0].node == "O1"
    assert "Kondisi operasional" in k7[0].message() and k7[0].file.endswith("profil-salah.yaml")
    k9 = [d for d in diags if d.code == "K009"]
    assert k9 and "Kasubbid" in k9[0].message() and k9[0].line == 9


def test_unknown_base_profile(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text((FIX / "profil-salah.yaml").read_text(encoding="utf-8").replace("dasar: bawaan", "dasar: eselon"),
                 encoding="utf-8")
    _, diags = _diags(p)
    k8 = [d for d in diags if d.code == "K008"]
    assert k8 and "eselon" in k8[0].message() and k8[0].line == 7
    assert any(d.code == "K007" for d in diags)  # nothing mapped but what the file says


def test_position_level_off_profile(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text((FIX / "kecil.yaml").read_text(encoding="utf-8").replace(
        "tingkat: Administrator", "tingkat: JF"), encoding="utf-8")
    _, diags = _diags(p)
    assert [d.node for d in diags if d.code == "K014"] == ["P1"]


# -- codes in trees ---------------------------------------------------------------------------

def test_bad_codes_are_located():
    _, diags = _diags(FIX / "kode-salah.yaml")
    by = {(d.code, d.node): d for d in diags}
    k1 = by[("K001", "SK5-5")]
    assert (k1.line, k1.col) == (34, 27) and "8.01.05.2.01" in k1.message() and "3.27.06.2.01.05" in k1.message()
    assert by[("K002", "SK5-5")].severity.value == "warning"
    assert ("K003", "SK5-6") in by and ("K004", "P6") in by
    assert k1.file.endswith("kode-salah.yaml")


def test_other_urusan_reported_once_per_branch():
    _, diags = _diags(RENJA)
    k2 = [d for d in diags if d.code == "K002"]
    assert [d.node for d in k2] == ["P1.05.01"]


def test_name_differs_from_reference():
    _, diags = _diags(RENJA)
    k5 = {d.node: d for d in diags if d.code == "K005"}
    assert "P8.01.04" in k5 and "MASYARAKAT" in k5["P8.01.04"].message() and "96% mirip" in k5["P8.01.04"].message()
    assert "SK8.01.02.2.01.04" not in k5 or "Tunggalika" in k5["SK8.01.02.2.01.04"].message()


# -- pagu ------------------------------------------------------------------------------------

def test_renja_totals_reproduced_exactly():
    res = load_tree(RENJA)
    b = roll_up(res.tree)
    assert b.total == {2022: Decimal("4497496565"), 2023: Decimal("5328770000")}
    assert b.mismatches == []
    assert b.of("P8.01.03", 2022) == Decimal("833870000")
    assert b.of("K1.05.01.2.01", 2022) == Decimal("54550900")
    idx = index(res.tree)
    assert (idx.count("program"), idx.count("kegiatan"), idx.count("sub_kegiatan")) == (6, 12, 37)


def test_pagu_not_rolling_up_shows_both_numbers():
    _, diags = _diags(FIX / "pagu-salah.yaml")
    k6 = [d for d in diags if d.code == "K006"]
    assert len(k6) == 1
    d = k6[0]
    assert d.node == "K1" and (d.line, d.col) == (24, 30)
    assert "Rp 5.260.403.700" in d.message() and "Rp 6.207.603.700" in d.message()


METRO = FIX / "rencana-aksi-metro.yaml"


def _metro(tmp_path, old: str = "", new: str = "") -> Path:
    text = METRO.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "metro.yaml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def test_shared_component_counted_once():
    """Rencana Aksi 2021 Kota Metro (source 004): two sasaran served by the same sub kegiatan,
    whose 109.000.000 the document prints twice (column sum 1.075.075.600)."""
    res = load_tree(METRO)
    b = roll_up(res.tree)
    assert b.total == {2021: Decimal("966075600")}  # was 1.075.075.600: SK1 and SK2 both counted
    assert [(s.node_ids, s.years, s.components[0].code.text) for s in b.shared] == [
        (("SK1", "SK2"), (2021,), "8.01.05.2.01.0003")]
    assert b.conflicts == [] and b.mismatches == []
    # each box's branch still shows its own pagu; the boxes of one program together count it once
    assert b.of("P1", 2021) == b.of("P2", 2021) == Decimal("109000000")
    assert b.of_boxes(res.tree, ["P1", "P2"], 2021) == Decimal("109000000")
    assert b.of_boxes(res.tree, ["T1"], 2021) == b.total[2021]
    _, diags = _diags(METRO)
    assert not [d for d in diags if d.code in ("K006", "K015")]


def test_shared_component_under_one_kegiatan_is_no_k006():
    text = """
pohon: 1
organisasi: {nama: Badan Contoh, urusan: "8.01"}
periode: 2024-2025
kinerja:
  - {id: P1, peran: antara-utama, uraian: Meningkatnya Ketahanan Sosial, kode: "8.01.05", indikator: [{uraian: Persentase A, satuan: "%", target: {2024: 1}}]}
  - {id: K1, induk: P1, uraian: Termantapkannya Ketahanan Sosial, kode: "8.01.05.2.01", pagu: {2024: 109000000}, indikator: [{uraian: Jumlah B, satuan: dokumen, target: {2024: 1}}]}
  - {id: SK1, induk: K1, uraian: Terlaksananya Koordinasi Kerukunan, kode: "8.01.05.2.01.04", pagu: {2024: 109000000}, indikator: [{uraian: Jumlah C, satuan: orang, target: {2024: 1}}]}
  - {id: SK2, induk: K1, uraian: Tersosialisasikannya Bahaya Narkoba, kode: "8.01.05.2.01.0004", pagu: {2024: 109000000}, indikator: [{uraian: Jumlah D, satuan: orang, target: {2024: 1}}]}
  - {id: SK3, induk: K1, uraian: Terpantaunya Forum, pagu: {2024: 5000000}, indikator: [{uraian: Jumlah E, satuan: laporan, target: {2024: 1}}]}
  - {id: SK4, induk: K1, uraian: Terpantaunya Forum Lain, pagu: {2024: 5000000}, indikator: [{uraian: Jumlah F, satuan: laporan, target: {2024: 1}}]}
"""
    res = load_text(text, "bersama.yaml")
    assert res.ok, res.diagnostics
    b = roll_up(res.tree)
    # the same code written two ways is one component; boxes without a code count per box
    assert b.computed["K1"] == {2024: Decimal("119000000")}
    assert b.total == {2024: Decimal("119000000")}
    assert [m.node_id for m in b.mismatches] == ["K1"]  # declared 109.000.000 ≠ 119.000.000
    assert [s.node_ids for s in b.shared] == [("SK1", "SK2")]


def test_shared_component_with_different_pagu_is_k015(tmp_path):
    p = _metro(tmp_path, "pagu: {2021: 109000000}\n                    indikator:\n                      - {uraian: Jumlah Peserta",
               "pagu: {2021: 100000000}\n                    indikator:\n                      - {uraian: Jumlah Peserta")
    res, diags = _diags(p)
    b = roll_up(res.tree)
    assert b.total == {2021: Decimal("966075600")}  # the first box (SK1) counts
    assert b.of("SK2", 2021) == b.of("K2", 2021) == Decimal("100000000")  # its own branch: its own pagu
    k15 = [d for d in diags if d.code == "K015"]
    assert [(d.node, d.field, d.severity.value) for d in k15] == [("SK2", ("pagu", 2021), "error")]
    line = next(i for i, l in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "100000000" in l)
    assert k15[0].line == line
    msg = k15[0].message()
    assert "Sub Kegiatan 8.01.05.2.01.0003" in msg and "Rp 100.000.000" in msg and "Rp 109.000.000" in msg
    assert "dengan pagu SK1" in msg
    assert "count this component once, with SK1's budget" in k15[0].message("en")
    assert not [d for d in diags if d.code == "K006"]


def test_quarterly_targets(tmp_path):
    p = tmp_path / "tw.yaml"
    text = (FIX / "kecil.yaml").read_text(encoding="utf-8")
    p.write_text(text.replace("tw: [15, 25, 15, 15]", "tw: [15, 25, 15, 10]").replace("tw: [1, 2, 3, 4]", "tw: [1, 2, 3, 3]"),
                 encoding="utf-8")
    _, diags = _diags(p)
    k10 = {d.node: d for d in diags if d.code == "K010"}
    assert set(k10) == {"SK1", "SK2"}
    assert "65" in k10["SK1"].message() and "70" in k10["SK1"].message()
    assert "TW4 = 3" in k10["SK2"].message() and k10["SK2"].line > 0


def test_english_messages():
    _, diags = _diags(FIX / "pagu-salah.yaml")
    assert "children add up to Rp 6.207.603.700" in [d for d in diags if d.code == "K006"][0].message("en")


# -- trees/ and the full checker ----------------------------------------------------------------

def test_renja_tree_has_no_errors_with_full_checker():
    res = load_tree(RENJA)
    diags = check_result(res)
    assert [d for d in diags if d.severity.value == "error"] == []


def test_kecil_is_clean():
    res = load_tree(FIX / "kecil.yaml")
    assert [d for d in check_result(res) if d.severity.value != "info"] == []


def test_rules_catalogue_has_k_group():
    from pohon.catalogue import rules

    ks = [c for c in rules() if c.startswith("K")]
    assert len(ks) >= 14
    for code in ks:
        r = rules()[code]
        assert r.message["id"] and r.message["en"] and r.hint["id"] and r.hint["en"] and r.source["id"]
