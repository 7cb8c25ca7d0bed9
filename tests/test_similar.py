"""M005 (the same condition stated twice) at scale: findings on the generated trees of
benchmarks/gen_tree.py, precision on names and numbers, long texts."""

import sys
from pathlib import Path

import pytest

from pohon.loader.load import load_text
from pohon.rules import check_result
from pohon.rules.similar import MAX_CHARS, similar_pairs
from tests.helpers import chain

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from gen_tree import generate  # noqa: E402


def m005(text):
    return [(d.node, d.args["other"], d.field) for d in check_result(load_text(text, "t.yaml"), select="M005")]


@pytest.mark.parametrize("variant", ["similar", "lookalike"])
def test_generated_trees_of_distinct_alike_statements_raise_no_m005(variant):
    """Distinct statements over 85 % alike as text, differing in a village name (alike or not)."""
    assert m005(generate(800, variant=variant)) == []


def _with_box(text: str, box: str) -> str:
    return text + "  " + box + "\n"


def _box_line(text: str, box: str, field: str) -> str:
    """The text of ``field`` of box ``box`` in a flat generated tree."""
    lines = text.splitlines()
    at = lines.index(f"  - id: {box}")
    return next(x for x in lines[at + 1:] if field in x).split(field, 1)[1]


def test_a_retyped_statement_is_found_among_thousands_of_alike_ones():
    text = generate(2500, flat=True, variant="similar")
    retyped = _box_line(text, "K1200", "uraian: ").replace("pembinaan", "pembinan").replace("pengawasan", "pengawsan")
    box = (f"- {{id: KX, induk: A1, uraian: {retyped}, indikator: [{{uraian: Jumlah laporan tersendiri, "
           f"satuan: laporan, target: {{2025: 1, 2026: 1, 2027: 1, 2028: 1, 2029: 1}}}}]}}")
    assert m005(_with_box(text, box)) == [("KX", "K1200", ("uraian",))]


def test_a_retyped_indicator_is_found_too():
    text = generate(1200, flat=True, variant="lookalike")
    indicator = _box_line(text, "K700", "{uraian: ").split(", satuan")[0]
    box = (f"- {{id: KX, induk: A1, uraian: Tersedianya laporan tersendiri, indikator: [{{uraian: "
           f"{indicator.replace('fasilitas', 'fasiltas')}, satuan: unit, target: {{2025: 1, 2026: 1, 2027: 1, "
           f"2028: 1, 2029: 1}}}}]}}")
    assert m005(_with_box(text, box)) == [("KX", "K700", ("indikator", 0, "uraian"))]


def test_statements_that_differ_in_a_number_are_distinct():
    texts = ["Terbangunnya jalan desa tahap 1", "Terbangunnya jalan desa tahap 2",
             "Tersedianya data kependudukan 2024", "Tersedianya data kependudukan 2025",
             "Terbangunnya jalan desa tahap 1 2"]
    assert similar_pairs(texts) == []


def test_statements_that_differ_in_a_name_the_tree_uses_elsewhere_are_distinct():
    """Lampihong and Lampihang are two villages (each named by another box too), not a typo."""
    extra = """
        - {id: KO2, induk: KA1, uraian: Terlaksananya pembinaan kegiatan pangan di Desa Lampihong}
        - {id: KO3, induk: KA1, uraian: Terlaksananya pembinaan kegiatan pangan di Desa Lampihang}
        - {id: KO4, induk: KA1, uraian: Terlaksananya pengawasan pasar di Desa Lampihong}
        - {id: KO5, induk: KA1, uraian: Terlaksananya pengawasan pasar di Desa Lampihang}"""
    assert m005(chain(extra=extra)) == []


def test_a_name_used_nowhere_else_is_a_typo_of_its_look_alike():
    """Source 003 wrote "Kabupaten Bangeren Aman" for "Kabupaten Balangan Aman"."""
    assert similar_pairs(["Kabupaten Balangan Aman", "Kabupaten Bangeren Aman"]) == [(0, 1, pytest.approx(86.96, 0.01))]


def test_one_word_more_is_the_same_condition_even_when_the_word_is_common():
    texts = ["Persentase laporan potensi konflik yang tertangani", "Persentase potensi konflik yang tertangani",
             "Jumlah laporan kegiatan"]
    assert [(i, j) for i, j, _ in similar_pairs(texts)] == [(0, 1)]


def test_long_near_identical_statements_are_each_reported_once_and_quickly():
    words = [f"kata{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x" for i in range(1500)]
    texts = []
    for k in range(25):
        copy = list(words)
        copy[k * 7] = copy[k * 7][:-1] + "q"  # one typo each, early in the text
        texts.append("Terlaksananya " + " ".join(copy))
    pairs = similar_pairs(texts)
    assert sorted({j for _, j, _ in pairs}) == list(range(1, 25))


def test_texts_alike_in_their_first_part_are_near_duplicates_not_identical():
    head = "Terlaksananya " + "koordinasi pengawasan " * (MAX_CHARS // 20)
    assert similar_pairs([head + "ekor satu", head + "ekor dua"]) == [(0, 1, 99.0)]


def test_texts_with_line_breaks_or_other_scripts_are_compared_like_the_rest():
    """The ASCII texts are normalised in one batch; a line break inside a text or a non-ASCII
    text takes the text-by-text way, with the same pairs."""
    texts = ["Terlaksananya rapat\nkoordinasi", "Terlaksananya rapat koordinasi", "Meningkatnya mutu layanan",
             "MENINGKATNYA mutu  layanan!", "Tersusunnya dokumen Renstra", "Tersusunnya dokumen Renstra Désa"]
    pairs = similar_pairs(texts)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1), (2, 3), (4, 5)]  # the last: one word more
    assert pairs[:2] == [(0, 1, 100.0), (2, 3, 100.0)]
    assert similar_pairs([t.replace("\n", " ") for t in texts]) == pairs
