"""Each rule has a tree that must raise it and the clean tree that must not (sqlfluff style)."""

import pytest

from pohon.catalogue import rules
from pohon.loader.load import load_text
from pohon.rules import check_result
from pohon.rules.method import looks_negative, phrasing
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
    # a kondisi operasional beside a kondisi antara under the same kondisi antara
    "S013": chain(extra=f"""
        - {{id: KA2, induk: KA1, uraian: Terumuskannya pedoman deteksi dini, indikator: {ind("Jumlah pedoman", "dokumen", "{2024: 1, 2025: 1}")}}}
        - {{id: KO2, induk: KA2, uraian: Terlaksananya pelatihan deteksi dini, indikator: {ind("Jumlah peserta", "orang", "{2024: 20, 2025: 20}")}}}"""),
    "M016": chain(c="Terlaksananya rapat koordinasi kewaspadaan"),
    "M017": chain().replace("Jumlah dokumen kebijakan", "Dokumen kebijakan"),
    "M018": chain().replace("Persentase wilayah waspada", "Persentase Meningkatnya wilayah waspada"),
    "M019": chain().replace(", baseline: 85, tahun_baseline: 2023", "", 1),
    "M020": chain().replace("target: {2024: 90, 2025: 95}", "target: {2024: 95, 2025: 90}", 1),
    "M021": chain().replace("baseline: 85", "baseline: 92", 1),
    "M022": chain().replace("{uraian: Persentase wilayah waspada, satuan: '%',", "{uraian: Persentase wilayah waspada, satuan: '%', iku: false,"),
    "M023": chain().replace("{uraian: Jumlah laporan koordinasi, satuan: laporan,", "{uraian: Jumlah laporan koordinasi, satuan: laporan, iku: true,"),
    "M024": with_field(chain(), "KAU1", 'kode: "8.01.05"'),
}

# The near miss of each new rule: what the rule must let pass.
PASSING = {
    # a third kondisi antara level, every branch down to a kondisi operasional under the deepest one
    "S006": chain(extra=f"""
        - {{id: KA2, induk: KAU1, uraian: Meningkatnya kesiapsiagaan masyarakat, indikator: {ind("Persentase desa siaga", baseline="85")}}}
        - {{id: KA3, induk: KA2, uraian: Terumuskannya pedoman kesiapsiagaan, indikator: {ind("Jumlah pedoman", "dokumen", "{2024: 1, 2025: 1}")}}}
        - {{id: KO2, induk: KA3, uraian: Terlaksananya pelatihan kesiapsiagaan, indikator: {ind("Jumlah peserta", "orang", "{2024: 20, 2025: 20}")}}}"""),
    "M016": chain(kau="Meningkatnya koordinasi kewaspadaan", ka="Terlaksananya rapat koordinasi kewaspadaan"),
    "M017": chain().replace("Jumlah dokumen kebijakan", "Rata-rata waktu penyusunan kebijakan"),
    "M018": chain().replace("Persentase wilayah waspada", "Persentase peningkatan wilayah waspada"),
    # a grade as target (SAKIP predikat): no number to compare with a baseline
    "M019": chain().replace("satuan: '%', baseline: 85, tahun_baseline: 2023, target: {2024: 90, 2025: 95}",
                            "satuan: predikat, target: {2024: BB, 2025: A}", 1),
    "M020": chain().replace("{uraian: Persentase wilayah waspada, satuan: '%', baseline: 85, tahun_baseline: 2023, target: {2024: 90, 2025: 95}}",
                            "{uraian: Angka konflik sosial, satuan: kasus, polaritas: negatif, baseline: 6, tahun_baseline: 2023, target: {2024: 5, 2025: 3}}"),
    "M021": chain().replace("baseline: 85, tahun_baseline: 2023, target: {2024: 90, 2025: 95}",
                            "baseline: 85, tahun_baseline: 2023, target: {2024: 90, 2025: 95}, realisasi: {2024: 92}"),
    "M022": chain().replace("{uraian: Persentase wilayah waspada, satuan: '%',", "{uraian: Persentase wilayah waspada, satuan: '%', iku: true,"),
    "M023": chain().replace("{uraian: Persentase konflik terdeteksi dini, satuan: '%',", "{uraian: Persentase konflik terdeteksi dini, satuan: '%', iku: true,"),
    "M024": with_field(with_field(chain(), "KAU1", 'kode: "8.01.05"'), "C1", 'komponen: [sasaran, {jenis: program, kode: "8.01.01"}]'),
}


def test_the_clean_tree_raises_nothing():
    assert run(chain()) == []


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fires_on_its_fixture(code):
    assert found(FAILING[code], code), [d.code for d in run(FAILING[code])]


@pytest.mark.parametrize("code", sorted(PASSING))
def test_rule_lets_its_near_miss_pass(code):
    assert not found(PASSING[code], code), [d.code for d in run(PASSING[code])]


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
    assert d.message() == 'Kotak C1 ditulis sebagai tindakan ("Mencegah"), bukan kondisi'
    assert d.hint() == 'Tulis sebagai kondisi yang dicapai, misalnya "Tercegahnya munculnya potensi konflik".'
    assert (d.node, d.line, d.col) == ("C1", 11, 17)


def test_redundancy_catches_the_retyped_variants_of_source_003():
    extra = """
        - {id: X1, induk: C1, uraian: Meningkatnya kewaspadaan masyarakat dan fasilitasi penanganan konflik sosial,
           indikator: [{uraian: Kabupaten Balangan Aman, satuan: indeks, target: {2024: 1, 2025: 1}}]}
        - {id: X2, induk: C1, uraian: Meningkatnya kesadaran masyarakat dan fasilitas pemangangan konflik sosial,
           indikator: [{uraian: Kabupaten Bangeren Aman, satuan: indeks, target: {2024: 1, 2025: 1}}]}"""
    got = [(d.node, d.message().split(" (")[0]) for d in run(chain(extra=extra)) if d.code == "M005"]
    assert got == [("X2", "Pernyataan kotak X2 hampir sama dengan kotak X1"),
                   ("X2", "Indikator kotak X2 hampir sama dengan kotak X1")]


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


# -- M004: conditions by their real forms, suggestions at the box's level ------------------------

@pytest.mark.parametrize("text,kind", [
    ("Adanya dokumen perencanaan", "not_condition"), ("Banyaknya ormas aktif", "problem"),
    ("Rendahnya partisipasi pemilih", "problem"), ("Belum optimalnya sistem politik", "problem"),
    ("Terlaksanaya koordinasi", "misspelt"), ("Meningkatanya rasa aman", "misspelt"),
    ("Terumusannya kebijakan teknis", "misspelt"), ("Pelaksanaannya koordinasi", "activity"),
    ("Sudahnya dokumen", "not_condition")])
def test_words_that_are_no_condition(text, kind):
    assert phrasing(text)[0] == kind


@pytest.mark.parametrize("text", ["Terbukanya lapangan kerja", "Kondusifnya situasi politik", "Diterapkannya SPBE",
                                  "Termantapkannya ketahanan sosial", "Berfungsinya forum", "Meratanya layanan",
                                  "Optimalnya pelayanan publik", "Terkoordinirnya batas wilayah"])
def test_condition_forms_pass(text):
    assert phrasing(text) is None


def _m004(text: str, **levels):
    (d,) = [d for d in run(chain(**levels)) if d.code == "M004"]
    return d


def test_m004_suggests_a_result_where_the_box_carries_outcome_indicators():
    d = _m004("", c="Pelaksanaan kewaspadaan nasional")
    assert d.hint() == ('Tulis sebagai kondisi yang dicapai, misalnya "Meningkatnya kewaspadaan nasional". Kotak Critical '
                        'success factor (CSF) menyatakan hasil, bukan keluaran seperti "Terlaksananya …".')
    assert _m004("", kau="Penyusunan dokumen perencanaan").hint().startswith(
        'Tulis sebagai kondisi yang dicapai, misalnya "Meningkatnya kualitas dokumen perencanaan".')
    # at the operational level the output condition is the right one
    assert _m004("", ko="Pelaksanaan koordinasi kewaspadaan").hint() == (
        'Tulis sebagai kondisi yang dicapai, misalnya "Terlaksananya koordinasi kewaspadaan".')


def test_m004_turns_a_problem_into_its_condition_and_fixes_a_misspelling():
    d = _m004("", c="Belum optimalnya sistem dan budaya politik")
    assert d.message() == 'Kotak C1 ditulis sebagai masalah (faktor Tahap 2) ("Belum"), bukan kondisi'
    assert '"Meningkatnya sistem dan budaya politik"' in d.hint()
    d = _m004("", ka="Terumusannya kebijakan teknis")
    assert '"Terumuskannya kebijakan teknis"' in d.hint() and "salah ketik" in d.message()
    assert '"Tersedianya data konflik"' in _m004("", ko="Adanya data konflik").hint()


# -- M012: lower-is-better only where what is measured is a bad thing -----------------------------

@pytest.mark.parametrize("text", ["Angka konflik sosial", "Jumlah kasus konflik", "Persentase penduduk miskin",
                                  "Tingkat pengangguran terbuka", "Prevalensi stunting", "Angka Kejadian Gangguan Ketentraman"])
def test_polarity_hint_on_bad_things(text):
    assert looks_negative(text)


@pytest.mark.parametrize("text", [
    "Persentase potensi konflik Sosial yang ditindaklanjuti", "Persentase laporan potensi konflik yang tertangani",
    "Cakupan penanganan kasus kekerasan terhadap perempuan", "Jumlah kasus yang ditangani",
    "Jumlah Dokumen Kebijakan Teknis dan Pemantapan Pelaksanaan Kewaspadaan Nasional dan Penanganan Konflik Sosial",
    "Jumlah koordinasi deteksi dini konflik sosial", "Indeks kerukunan umat beragama",
    "Persentase Daerah Rawan Konflik yang Terpetakan", "Persentase desa bebas narkoba"])
def test_no_polarity_hint_on_handling_rates_and_coverage(text):
    assert not looks_negative(text)


# -- M016: outputs at the levels that carry outcome indicators -------------------------------------

def test_output_indicator_at_an_outcome_level_is_one_finding():
    text = chain().replace("Persentase wilayah waspada, satuan: '%'", "Jumlah rapat koordinasi kewaspadaan, satuan: rapat")
    got = [(d.code, d.node, d.path) for d in run(text)]
    assert got == [("M016", "C1", "indikator[0].uraian")]
    text = chain().replace("Persentase wilayah waspada, satuan: '%'", "Terlaksananya rapat koordinasi, satuan: rapat")  # no measure either
    assert [(d.code, d.node) for d in run(text)] == [("M016", "C1")]
    assert found(chain().replace("Persentase konflik terdeteksi dini", "Persentase kegiatan yang terlaksana tepat waktu"),
                 "M016") == [("KAU1", 16)]


@pytest.mark.parametrize("text, word", [
    ("Kabupaten bebas konflik dengan nol kasus", "Kabupaten bebas"),  # the leftmost, not the first listed
    ("Persentase 100% desa zero konflik", "100%"),  # the target written first is quoted
    ("Jumlah desa zero konflik 95 persen", "zero"),
    ("Jumlah desa ZERO konflik", "ZERO"),  # any case (ASCII texts are searched only if they hold the word)
    ("Persentase capaian 75 PERSEN", "75 PERSEN"),
    ("Jumlah kasus NIHIL di Désa Ünggul", "NIHIL"),  # not ASCII: every pattern is searched
])
def test_m007_quotes_the_first_target_written_into_the_indicator(text, word):
    got = [d for d in run(chain().replace("Indeks rasa aman", text)) if d.code == "M007"]
    assert [dict(d.params)["word"] for d in got] == [word]


@pytest.mark.parametrize("name", ["kesbangpol-balangan", "latihan-kesalahan", "renja-kesbangpol-balangan-2022"])
def test_rules_deferred_until_the_findings_are_read_find_the_same(name):
    """`render` loads with the rules deferred (they run only if its output shows findings)."""
    from pathlib import Path

    from pohon.app import check_file

    path = Path(__file__).resolve().parent.parent / "trees" / f"{name}.yaml"
    deferred = check_file(path, defer_rules=True)
    assert deferred.ok
    assert deferred.diagnostics == check_file(path).diagnostics != []


@pytest.mark.parametrize("pattern, needs", [
    (r"\bnihil\b", ("nihil",)), (r"\b\d+([.,]\d+)?\s*(%|persen)", ("%", "persen")),
    (r"^(kabupaten|kota)\b.*\bbebas\b", ("bebas",)), (r"\d+", None), (r"a|b", None), (r"(ab|)c", ("c",)),
    (r"(?=zero)\w+", None), ("\u212a+elvin", ("elvin",)),  # the Kelvin sign matches "k": not a need
])
def test_the_words_a_pattern_needs(pattern, needs):
    """The quick test before an M007 search: a text without any of these words cannot match."""
    from pohon.rules.method import needed_words

    assert needed_words(pattern) == needs
