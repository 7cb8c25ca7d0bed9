"""pohon.fuzzy answers as rapidfuzz does: the same scores (to the last bit), the same order of
results, the same yes/no, whether it answers in Python or hands the question to rapidfuzz."""

import random

import pytest
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from pohon import fuzzy

ALPHABET = "aaabcdeeiknnorsty "


@pytest.fixture
def in_python(monkeypatch):
    """pohon.fuzzy answering in Python, as before rapidfuzz is imported, with budget to spare."""
    monkeypatch.setattr(fuzzy, "_rapidfuzz_loaded", lambda: False)
    monkeypatch.setattr(fuzzy, "PYTHON_BUDGET", 10**12)


def _mutated(rng, text):
    out = list(text)
    for _ in range(rng.randint(0, 6)):
        r = rng.random()
        if out and r < 0.33:
            del out[rng.randrange(len(out))]
        elif out and r < 0.66:
            out[rng.randrange(len(out))] = rng.choice(ALPHABET)
        else:
            out.insert(rng.randint(0, len(out)), rng.choice(ALPHABET))
    return "".join(out)


def _pairs(n, seed):
    rng = random.Random(seed)
    for _ in range(n):
        a = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 70)))
        b = _mutated(rng, a) if rng.random() < 0.6 else "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 70)))
        yield rng, a, b


def test_ratio_is_rapidfuzz_s_to_the_last_bit(in_python):
    for rng, a, b in _pairs(3000, 1):
        cutoff = rng.choice([0, 60, 85, 90, 97])
        assert fuzzy.ratio(a, b, cutoff) == fuzz.ratio(a, b, score_cutoff=cutoff), (a, b, cutoff)


def test_ratio_at_the_exact_cutoff_is_rapidfuzz_s(in_python):
    # 17 of 25 characters in common: 68.0 as a score, and yet below a cutoff of 68 (rapidfuzz
    # compares 0.6799999999999999 with 0.68)
    a, b = "x" * 25, "x" * 17 + "y" * 8
    assert fuzzy.ratio(a, b) == fuzz.ratio(a, b) == 68.0
    assert fuzzy.ratio(a, b, 68) == fuzz.ratio(a, b, score_cutoff=68) == 0.0
    for total in range(2, 120, 2):
        for dist in range(0, total + 1, 2):
            a = "x" * (total // 2)
            b = "x" * ((total - dist) // 2) + "y" * (total - total // 2 - (total - dist) // 2)
            for cutoff in range(50, 101):
                assert fuzzy.ratio(a, b, cutoff) == fuzz.ratio(a, b, score_cutoff=cutoff), (a, b, cutoff)


def test_partial_ratio_is_rapidfuzz_s(in_python):
    for rng, a, b in _pairs(3000, 2):
        cutoff = rng.choice([0, 60, 85, 90])
        assert fuzzy.partial_ratio(a, b, cutoff) == fuzz.partial_ratio(a, b, score_cutoff=cutoff), (a, b, cutoff)


def test_partial_ratio_of_statements_and_programme_names(in_python):
    stmt = "meningkatnya sistem dan budaya politik yang demokratis di daerah"
    name = ("perumusan kebijakan teknis dan pemantapan pelaksanaan bidang pendidikan politik etika budaya "
            "politik peningkatan demokrasi fasilitasi kelembagaan pemerintah perwakilan dan partai politik")
    assert fuzzy.partial_ratio(name, stmt, 90) == fuzz.partial_ratio(name, stmt, score_cutoff=90) == 0
    inside = "pembinaan dan pengembangan ketahanan ekonomi sosial dan budaya"
    assert fuzzy.partial_ratio(inside, f"terlaksananya {inside} di daerah", 90) == 100.0


def test_extract_is_rapidfuzz_s_results_in_its_order(in_python):
    for rng, a, _ in _pairs(600, 3):
        choices = [_mutated(rng, a) for _ in range(rng.randint(0, 15))] + [a] * rng.randint(0, 2)
        rng.shuffle(choices)
        cutoff, limit = rng.choice([0, 60, 85]), rng.choice([1, 3, 8])
        want = process.extract(a, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        assert fuzzy.extract(a, choices, cutoff, limit) == [tuple(r) for r in want]


def test_levenshtein_within_is_rapidfuzz_s(in_python):
    for rng, a, b in _pairs(3000, 4):
        k = rng.choice([0, 1, 2, 3])
        a, b = a[:14], b[:14]
        assert fuzzy.levenshtein_within(a, b, k) == (Levenshtein.distance(a, b, score_cutoff=k) <= k), (a, b, k)


def test_past_the_budget_rapidfuzz_answers_the_same(monkeypatch):
    monkeypatch.setattr(fuzzy, "_rapidfuzz_loaded", lambda: False)
    monkeypatch.setattr(fuzzy, "PYTHON_BUDGET", 0)
    a, b = "terlaksananya rapat koordinasi", "terlaksanannya rapat kordinasi"
    assert fuzzy.ratio(a, b, 85) == fuzz.ratio(a, b, score_cutoff=85) > 85
    assert fuzzy.extract(a, [b, a], 85, 8) == [tuple(r) for r in process.extract(a, [b, a], scorer=fuzz.ratio,
                                                                                  score_cutoff=85, limit=8)]
    assert fuzzy.levenshtein_within("terlaksanaya", "terlaksananya", 2)
