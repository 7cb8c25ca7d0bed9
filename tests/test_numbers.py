"""Numbers are never silently wrong: every value pohon cannot read exactly is a located error.

Each test is a regression for a misreading found with realistic trees (issue: "Numbers are never
silently wrong").
"""

import json

import pytest
from click.testing import CliRunner

from pohon.app import check_text
from pohon.cli import main
from tests.helpers import chain, tree

TARGETS = """
- id: O1
  uraian: Meningkatnya rasa aman masyarakat
  indikator:
    - uraian: Indeks rasa aman
      satuan: indeks
      sifat: stok
      target: {target}
      rencana_aksi:
        2024: {{tw: {tw}}}
"""


def targets(target="{2024: 70, 2025: 72}", tw="[70, 70, 70, 70]"):
    return tree(TARGETS.format(target=target, tw=tw))


def diags(text, *codes):
    return [d for d in check_text(text, "t.yaml").diagnostics if not codes or d.code in codes]


def test_a_decimal_comma_inside_a_flow_mapping_is_an_error_at_its_position():
    (d,) = diags(targets(target="{2024: 62,5, 2025: 64}"))
    assert (d.code, d.line, d.col) == ("F013", 11, 24)
    assert d.message() == "Koma desimal di dalam {…} atau […]: `62,5` terbaca sebagai dua isian, 62 dan 5"
    assert d.hint().startswith('desimal koma di dalam {…}: tulis "62,5" dalam tanda kutip')
    assert d.message("en") == "Decimal comma inside {…} or […]: `62,5` reads as two entries, 62 and 5"


def test_a_decimal_comma_inside_a_flow_list_is_an_error_and_every_one_is_listed():
    found = diags(targets(target="{2024: 62,5, 2025: 64}", tw="[10, 12,5, 15, 20]"))
    assert [(d.code, d.line, d.args["first"], d.args["second"]) for d in found] == [
        ("F013", 11, "62", "5"), ("F013", 13, "12", "5")]


def test_quoted_and_block_decimal_commas_are_read_as_numbers():
    text = targets(target='{2024: "62,5", 2025: 64}', tw='["62,5", "62,5", "62,5", "62,5"]')
    checked = check_text(text, "t.yaml")
    assert [d.code for d in checked.errors] == []
    ind = checked.tree.node("O1").indikator[0]
    assert ind.target == {2024: 62.5, 2025: 64} and ind.rencana_aksi[2024].tw == [62.5] * 4


def test_a_key_in_a_year_map_that_is_not_a_year_is_an_error_even_without_a_value():
    text = targets(target="\n        2024: 70\n        2025: 72\n        5:")
    (d,) = diags(text, "F004")
    assert d.node == "O1" and d.field == ("indikator", 0, "target", "5") and d.line == 14
    assert "bukan tahun" in d.message()


@pytest.mark.parametrize("value", ['"4 5"', '"12 Dokumen"', '"1.2.3"', '"1e3"', '"70 80"'])
def test_a_value_that_is_not_one_number_is_an_error_never_a_guess(value):
    (d,) = diags(targets(target=f"{{2024: {value}, 2025: 72}}"), "F004")
    assert (d.node, d.line, d.col) == ("O1", 11, 24)
    assert d.field == ("indikator", 0, "target", "2024")
    assert d.message() == f"Nilai `target` tidak valid: \"{value.strip(chr(34))}\" bukan satu angka " \
                          "(ada spasi di dalamnya, dua angka, atau angka bercampur teks)"


@pytest.mark.parametrize("value, read", [('"BB"', "BB"), ('"BB (75,3)"', "BB (75,3)"), ('"75 %"', 75),
                                         ('"Rp 1.500"', 1500), ("WTP", "WTP")])
def test_text_grades_percentages_and_rupiah_are_still_read(value, read):
    checked = check_text(targets(target=f"{{2024: {value}, 2025: 72}}"), "t.yaml")
    assert checked.errors == []
    assert checked.tree.node("O1").indikator[0].target[2024] == read


def test_yaml_null_and_tilde_are_nothing_not_the_text_null():
    text = chain().replace("- id: C1\n", "- id: C1\n        induk: ~\n", 1)
    text = text.replace("- id: O1\n", "- id: O1\n    induk: null\n    catatan: ~\n", 1)
    checked = check_text(text, "t.yaml")
    assert checked.errors == []
    assert checked.tree.node("O1").data.induk is None and checked.tree.node("O1").data.catatan is None


def test_null_quarters_do_not_hide_the_quarterly_check():
    # stok: the year's target is the TW4 position; 79 is not 80
    (d,) = diags(targets(target="{2024: 80, 2025: 82}", tw="[null, null, 79, 79]"), "K010")
    assert d.node == "O1" and d.field[:4] == ("indikator", 0, "rencana_aksi", 2024)
    assert diags(targets(target="{2024: 79, 2025: 82}", tw="[null, ~, 79, 79]"), "K010") == []


def test_null_targets_never_print_as_null_in_tables(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(targets(target="{2024: null, 2025: 72}"), encoding="utf-8")
    res = CliRunner().invoke(main, ["tabel", str(path), "--jenis", "iku"])
    assert "null" not in res.stdout.lower() and "72" in res.stdout


def test_unknown_rule_codes_are_a_usage_error(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(chain(), encoding="utf-8")
    for option in ("--select", "--ignore"):
        res = CliRunner().invoke(main, ["check", str(path), option, "M004,X999"])
        assert res.exit_code == 2
        assert f"{option}: kode aturan tidak dikenal: X999" in res.stderr
    assert CliRunner().invoke(main, ["check", str(path), "--select", "S,M00"]).exit_code == 0


def test_render_year_outside_the_period_is_a_usage_error(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(chain(), encoding="utf-8")
    res = CliRunner().invoke(main, ["render", str(path), "--tahun", "2031", "-o", str(tmp_path / "x.svg")])
    assert res.exit_code == 2 and "Tahun 2031 di luar periode pohon (2024-2025)" in res.stderr
    assert not (tmp_path / "x.svg").exists()


def test_json_diagnostics_carry_field_path_and_parameters(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(targets(target='{2024: "4 5", 2025: 72}'), encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    (d,) = json.loads(res.stdout)["diagnostics"]
    assert d["field"] == "indikator[0].target.2024" and d["node"] == "O1"
    assert d["location"] == f"{path}:11:24" and d["params"]["value"] == "4 5"


M005_TREE = """
- id: O1
  uraian: Meningkatnya rasa aman masyarakat
  indikator: [{uraian: Indeks rasa aman, satuan: indeks, target: {2024: 70, 2025: 72}}]
  cabang:
    - id: P1
      uraian: Meningkatnya pelayanan administrasi perkantoran
      kode: "1.05.01"
      indikator: [{uraian: Persentase layanan tepat waktu, satuan: "%", target: {2024: 90, 2025: 95}}]
      cabang:
        - id: K1
          uraian: Tersedianya jasa penunjang urusan pemerintahan daerah
          kode: "1.05.01.2.08"
          indikator:
            - {uraian: Jumlah Fasilitas Forkopimda, satuan: Keg, target: {2024: 4, 2025: 4}}
            - {uraian: Jumlah Fasilitas Forkopimcam, satuan: Keg, target: {2024: 4, 2025: 4}}
        - id: SK1
          uraian: Tersedianya Peralatan dan Perlengkapan Kantor
          kode: "1.05.01.2.06.02"
          indikator: [{uraian: Jumlah paket peralatan, satuan: paket, target: {2024: 1, 2025: 1}}]
        - id: SK2
          uraian: Tersedianya jasa Peralatan dan Perlengkapan kantor
          kode: "1.05.01.2.08.03"
          indikator: [{uraian: Jumlah bulan layanan, satuan: bulan, target: {2024: 12, 2025: 12}}]
        - id: SK3
          uraian: Tersedianya jasa Peralatan dan Perlengkapan kantor
          indikator: [{uraian: Jumlah bulan pemeliharaan, satuan: bulan, target: {2024: 12, 2025: 12}}]
"""


def test_m005_never_compares_a_box_with_itself_nor_distinct_coded_components():
    found = [(d.node, d.args["other"]) for d in diags(tree(M005_TREE), "M005")]
    # K1's two indicators are its own; SK1 and SK2 carry different valid codes; SK3 has no code
    assert found == [("SK3", "SK2")]
