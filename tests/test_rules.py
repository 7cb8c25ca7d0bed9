"""Each rule has a tree that must raise it and the clean tree that must not (sqlfluff style)."""

import pytest

from pohon.catalogue import rules
from pohon.loader.load import load_text
from pohon.rules import check_result
from pohon.rules.method import phrasing
from tests.helpers import chain, ind, tree, with_field


def run(text, **kw):
    return check_result(load_text(text, "t.yaml"), **kw)


def found(text, code):
    return [(d.node, d.line) for d in run(text) if d.code == code]


FAILING = {
    "S001": chain(extra="- {id: KO1, induk: KA1, uraian: Terlaksananya y, indikator: " + ind() + "}"),
    "S002": chain(extra="- {id: KO2, induk: KA2, uraian: Terlaksananya y, indikator: " + ind() + "}"),
    "S003": chain(extra="""
        - {id: A, induk: B, uraian: Terlaksananya a}
        - {id: B, induk: A, uraian: Terlaksananya b}"""),
    "S004": tree("""
        - {id: A, induk: B, uraian: Terlaksananya a}
        - {id: B, induk: A, uraian: Terlaksananya b}"""),
    "S005": chain(extra="- {id: O2, peran: outcome, uraian: Meningkatnya lain, indikator: " + ind() + "}"),
    "S006": chain(extra="- {id: KO2, peran: operasional, induk: C1, uraian: Terlaksananya y, indikator: " + ind() + "}"),
    "S007": chain(extra="- {id: KAU2, induk: C1, uraian: Meningkatnya y, indikator: " + ind() + "}"),
    "S008": tree("[]").replace("kinerja:\n  []", "kinerja: []"),
    "S009": with_field(chain(), "KO1", "induk: KAU1"),
    "S010": chain(extra="- {id: КО1, induk: KA1, uraian: Terlaksananya y, indikator: " + ind() + "}"),
    "S011": chain(extra="- {id: KO-é, induk: KA1, uraian: Terlaksananya y, indikator: " + ind() + "}"),
    "S012": tree("- {id: C1, peran: csf, uraian: Meningkatnya x, indikator: " + ind() + "}"),
    "M001": chain().replace('indikator: [{uraian: Jumlah laporan koordinasi, satuan: laporan, target: {2024: 4, 2025: 4}}]', 'catatan: tanpa indikator'),
    "M002": chain().replace("satuan: laporan, ", ""),
    "M003": chain().replace("target: {2024: 4, 2025: 4}", "target: {2024: 4}"),
    "M004": chain(ko="Pelaksanaan koordinasi kewaspadaan"),
    "M005": chain(extra="- {id: KO2, induk: KA1, uraian: Terlaksananya kordinasi kewaspadan, indikator: "
                        + ind("Jumlah peserta", "orang") + "}"),
    "M006": chain(extra="- {id: C2, induk: O1, uraian: Terkoordinirnya batas wilayah, crosscutting: true}"),
    "M007": chain().replace("Indeks rasa aman", "Kabupaten Zero Konflik"),
    "M008": chain().replace("satuan: dokumen", "satuan: '%'"),
    "M009": chain(c="Peningkatan Kewaspadaan Nasional dan Peningkatan Kualitas dan Fasilitasi Penanganan Konflik Sosial"),
    "M010": chain().replace("target: {2024: 4, 2025: 4}", "target: {2024: 4, 2025: 4, 2030: 4}"),
    "M011": with_field(chain(), "C1", "crosscutting: [Bagian Pemerintahan Setda]"),
    "M012": chain().replace("Jumlah laporan koordinasi", "Jumlah kasus konflik"),
    "M013": with_field(chain(), "KO1", "abaikan: {M004: sudah sesuai}"),
    "M014": chain().replace("periode: 2024-2025", "periode: 2024-2035"),
    "M015": chain().replace("periode: 2024-2025", "periode: 1990-2045"),
}


def test_the_clean_tree_raises_nothing():
    assert run(chain()) == []


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fires_on_its_fixture(code):
    assert found(FAILING[code], code), [d.code for d in run(FAILING[code])]


def test_every_tree_rule_has_a_fixture():
    tree_rules = {c for c in rules() if c[0] in "SM"}
    assert tree_rules <= set(FAILING)


@pytest.mark.parametrize("text", ["Pelaksanaan Koordinasi di Bidang Kewaspadaan", "Mencegah munculnya potensi konflik",
                                  "Penyusunan dokumen", "Meningkatkan rasa aman", "Memfasilitasi forum"])
def test_activities_and_actions_are_flagged(text):
    assert phrasing(text) is not None


@pytest.mark.parametrize("text", ["Terlaksananya Koordinasi terkait Kewaspadaan", "Meningkatnya rasa aman",
                                  "Tersusunnya dokumen", "Terkoordinirnya batas wilayah", "Indeks kepuasan"])
def test_conditions_pass(text):
    assert phrasing(text) is None


def test_phrasing_message_suggests_the_condition_form():
    (d,) = [d for d in run(chain(c="Mencegah munculnya potensi konflik")) if d.code == "M004"]
    assert d.message() == 'Simpul C1 ditulis sebagai tindakan ("Mencegah"), bukan kondisi'
    assert d.hint() == 'Tulis sebagai kondisi yang dicapai, misalnya "Tercegahnya …".'
    assert (d.node, d.line, d.col) == ("C1", 11, 17)


def test_redundancy_catches_the_retyped_variants_of_source_003():
    extra = """
        - {id: X1, induk: C1, uraian: Meningkatnya kewaspadaan masyarakat dan fasilitasi penanganan konflik sosial,
           indikator: [{uraian: Kabupaten Balangan Aman, satuan: indeks, target: {2024: 1, 2025: 1}}]}
        - {id: X2, induk: C1, uraian: Meningkatnya kesadaran masyarakat dan fasilitas pemangangan konflik sosial,
           indikator: [{uraian: Kabupaten Bangeren Aman, satuan: indeks, target: {2024: 1, 2025: 1}}]}"""
    got = [(d.node, d.message().split(" (")[0]) for d in run(chain(extra=extra)) if d.code == "M005"]
    assert got == [("X2", "Pernyataan simpul X2 hampir sama dengan simpul X1"),
                   ("X2", "Indikator simpul X2 hampir sama dengan simpul X1")]


def test_redundancy_spares_sibling_conditions_with_different_verbs_or_phrases():
    extra = """
        - {id: KO2, induk: KA1, uraian: Tersusunnya Peraturan Kepala Daerah terkait Kewaspadaan,
           indikator: [{uraian: Jumlah peraturan, satuan: dokumen, target: {2024: 1, 2025: 1}}]}
        - {id: KO3, induk: KA1, uraian: Terlaksananya Peraturan Kepala Daerah terkait Kewaspadaan,
           indikator: [{uraian: Jumlah peserta, satuan: orang, target: {2024: 1, 2025: 1}}]}
        - {id: KO4, induk: KA1, uraian: Terlaksananya Pemantauan dan Pelaporan terkait Kewaspadaan,
           indikator: [{uraian: Jumlah laporan pemantauan, satuan: laporan, target: {2024: 1, 2025: 1}}]}"""
    assert found(chain(extra=extra), "M005") == []


def test_suppression_with_reason_hides_the_rule_on_that_node_only():
    text = with_field(chain(ko="Pelaksanaan koordinasi"), "KO1", "abaikan: {M004: nama sub kegiatan dipertahankan}")
    assert [d.code for d in run(text)] == []


def test_select_and_ignore_filter_by_prefix():
    text = FAILING["M004"]
    assert [d.code for d in run(text, select="S")] == []
    assert [d.code for d in run(text, select="M004")] == ["M004"]
    assert [d.code for d in run(text, ignore="M")] == []


def test_crosscutting_csf_needs_no_indicator_or_children():
    text = chain(extra="- {id: C2, induk: O1, uraian: Terkoordinirnya batas wilayah, crosscutting: [Bagian Tapem Setda]}")
    assert run(text) == []


def test_related_nodes_travel_with_the_diagnostic():
    (cycle,) = [d for d in run(FAILING["S003"]) if d.code == "S003" and d.node == "A"]
    assert cycle.related == ("B",)
    (dup,) = [d for d in run(FAILING["M005"]) if d.code == "M005"]
    assert (dup.node, dup.related) == ("KO2", ("KO1",))
