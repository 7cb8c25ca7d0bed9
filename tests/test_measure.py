"""The measurement arithmetic, by hand-computed values: capaian formulas (zero, negative, missing,
grades), rounding modes, category bands, roll-up and efficiency."""

from decimal import Decimal as D

import pytest

from pohon.app import check_text
from pohon.measure.bands import category, default_bands
from pohon.measure.compute import measure
from pohon.measure.formulas import capaian
from pohon.measure.quantity import Grade, grade_fits, quantity
from pohon.measure.rounding import round_to
from tests.helpers import tree

B = default_bands()


@pytest.mark.parametrize("r, t, formula, expected", [
    (D("84.61"), D(86), "r/t", D("84.61") / 86 * 100),  # 98.383…
    (D(86), D(70), "r/t", D(86) / 70 * 100),  # 122.857…
    (D(4), D(9), "2-r/t", (2 - D(4) / 9) * 100),  # 155.555…
    (D(4), D(9), "t/r", D(225)),
    (D(4), D(9), "(t-r)/t", D(5) / 9 * 100),  # 55.555…
    (D(20), D(8), "2-r/t", D(-50)),  # more than twice a lower-is-better target: negative, kept
    (D(0), D(0), "r/t", D(100)),  # nothing planned, nothing happened
    (D(0), D(0), "t/r", D(100)),
    (D(0), D(5), "t/r", None),  # a zero divisor: no capaian
    (D(3), D(0), "r/t", None),
    (D(3), D(0), "2-r/t", None),
    (D(0), D(9), "2-r/t", D(200)),  # no conflict at all against 9 expected
])
def test_capaian_formulas_by_hand(r, t, formula, expected):
    assert capaian(r, t, formula).value == expected


def test_missing_and_zero_say_why():
    assert capaian(None, D(5)).reason == "no_realisation"
    assert capaian(D(5), None).reason == "no_target"
    assert capaian(D(3), D(0)).reason == "zero_target"
    assert capaian(D(0), D(5), "t/r").reason == "zero_realisation"
    assert capaian(D(5), quantity("BB")).reason == "mixed"


def test_grades_use_scores_or_ranks():
    assert quantity("BB (75,3)") == Grade("BB", 5, D("75.3"))
    assert capaian(quantity("B (66,55)"), quantity("BB (75,3)")).value == D("66.55") / D("75.3") * 100  # 88.379…
    assert capaian(quantity("B"), quantity("BB")).value == D(80)  # rank 4 of 5
    assert capaian(quantity("A"), quantity("BB")).value == D(120)
    assert not grade_fits(quantity("BB (66,55)")) and grade_fits(quantity("B (66,55)"))
    assert quantity("Tercapai") is None


def test_cap_limits_and_says_so():
    res = capaian(D(10), D("3.5"), "r/t", D(120))
    assert (res.value, res.capped) == (D(120), True)


@pytest.mark.parametrize("value, cara, n, expected", [
    (D("55.555"), "bulat", 1, D("55.6")),
    (D("55.555"), "potong", 1, D("55.5")),
    (D("98.3837"), "potong", 1, D("98.3")),
    (D("94.7368"), "potong", 2, D("94.73")),
    (D("94.1968"), "bulat", 2, D("94.20")),
    (D("-1.655"), "bulat", 2, D("-1.66")),  # half away from zero
    (D("-1.659"), "potong", 2, D("-1.65")),  # toward zero
    (D("2.675"), "bulat", 2, D("2.68")),  # exact decimal (a float 2.675 would round to 2.67)
])
def test_rounding_modes(value, cara, n, expected):
    assert round_to(value, cara, n) == expected


@pytest.mark.parametrize("value, name", [
    (D(91), "Sangat tinggi"), (D("90.9"), "Tinggi"), (D(76), "Tinggi"), (D("75.9"), "Sedang"), (D(66), "Sedang"),
    (D("65.9"), "Rendah"), (D(51), "Rendah"), (D("50.9"), "Sangat rendah"), (D(-10), "Sangat rendah"),
])
def test_permendagri_86_bands(value, name):
    assert category(value, B).id == name
    assert category(None, B) is None


ROLLUP = tree("""
    - id: O1
      peran: outcome
      uraian: Meningkatnya rasa aman
      cabang:
        - id: C1
          uraian: Meningkatnya kewaspadaan
          indikator:
            - {uraian: Persentase A, satuan: '%', bobot: 3, target: {2024: 80}, realisasi: {2024: 80}}
            - {uraian: Persentase B, satuan: '%', bobot: 1, target: {2024: 80}, realisasi: {2024: 40}}
        - id: C2
          uraian: Meningkatnya ketertiban
          indikator:
            - {uraian: Persentase C, satuan: '%', target: {2024: 50}, realisasi: {2024: 45}}
""")


def test_roll_up_mean_and_derived_parent():
    m = measure(check_text(ROLLUP).tree, 2024)
    assert m.of("C1").capaian == D("75.00")  # (100 + 50) / 2
    assert m.of("C2").capaian == D("90.00")
    assert (m.of("O1").capaian, m.of("O1").derived) == (D("82.50"), True)
    assert m.of("C1").band.id == "Sedang"


def test_roll_up_with_declared_weights():
    text = ROLLUP.replace("periode: 2024-2025\n", "periode: 2024-2025\npengukuran: {agregasi: bobot}\n")
    m = measure(check_text(text).tree, 2024)
    assert m.of("C1").capaian == D("87.50")  # (3 × 100 + 1 × 50) / 4


BLITAR = "tests/fixtures/ukur/lkjip-blitar-2024.yaml"


def test_efficiency_of_source_002_per_sasaran():
    from pohon.app import check_file

    m = measure(check_file(BLITAR).tree, 2024)
    assert [m.of(s).efisiensi for s in ("S1", "S2", "S3", "S4")] == [D("-1.66"), D("5.80"), D("0.11"), D("-7.97")]
    assert [m.of(s).serapan for s in ("S1", "S2", "S3", "S4")] == [D("99.93"), D("94.20"), D("99.89"), D("95.34")]
    assert (m.total_pagu, m.total_realisasi, m.total_serapan) == (D(66348353265), D(66054901370), D("99.56"))


def test_efficiency_with_exact_capaian_differs():
    from pohon.app import check_file

    doc = check_file(BLITAR)
    doc.tree.doc.pengukuran.cki = "persis"
    m = measure(doc.tree, 2024)
    assert m.of("S1").efisiensi == D("-1.57")  # with 98,3837…% instead of the printed 98,3%


SHARED = tree("""
    - id: O1
      peran: outcome
      uraian: Meningkatnya rasa aman
      cabang:
        - id: C1
          uraian: Meningkatnya kewaspadaan
          cabang:
            - id: KAU1
              uraian: Meningkatnya deteksi dini
              kode: "8.01.05"
              cabang:
                - id: KA1
                  uraian: Terpetakannya potensi konflik
                  kode: "8.01.05.2.01"
                  pagu: {2024: 100.000.000}
                  realisasi_anggaran: {2024: 80.000.000}
                - id: KA2
                  uraian: Terpetakannya potensi konflik di desa
                  kode: "8.01.05.2.01"
                  pagu: {2024: 100.000.000}
                  realisasi_anggaran: {2024: 80.000.000}
                - id: KA3
                  uraian: Terlaksananya forum kewaspadaan
                  kode: "8.01.05.2.02"
                  pagu: {2024: 50.000.000}
""")


def test_budget_realisation_counts_a_shared_component_once_and_never_guesses_a_missing_one():
    m = measure(check_text(SHARED).tree, 2024)
    assert (m.of("KA1").pagu, m.of("KA1").realisasi, m.of("KA1").serapan) == (D(100000000), D(80000000), D("80.00"))
    assert m.of("KAU1").pagu == D(150000000)  # 8.01.05.2.01 once, 8.01.05.2.02 once
    assert m.of("KAU1").realisasi is None  # KA3 has no realisation: no sum is printed that is not one
    assert m.total_pagu == D(150000000) and m.total_realisasi is None


def test_budget_realisation_rolls_up_when_complete():
    line = next(x for x in SHARED.splitlines() if "pagu: {2024: 50.000.000}" in x)
    text = SHARED.replace(line, line + "\n" + line.replace("pagu: {2024: 50.000.000}", "realisasi_anggaran: {2024: 50.000.000}"))
    m = measure(check_text(text).tree, 2024)
    assert (m.of("KAU1").realisasi, m.of("KAU1").serapan) == (D(130000000), D("86.67"))
    assert m.of("C1").efisiensi is None  # no capaian anywhere in the branch: no efficiency
