"""rapidfuzz's answers without importing rapidfuzz, on the small trees people check after every edit.

Importing rapidfuzz costs ~7 ms (a fifth of a whole ``python -c "import yaml"``), and on a small
tree the near-duplicate (M005), misspelling (M004) and nomenclature-name (M009) rules ask it a
few dozen questions, most of which a bound settles at once. So until rapidfuzz is imported (by
anything), and within :data:`PYTHON_BUDGET`, the questions are answered here:

- :func:`ratio` and :func:`extract` compute the same scores as ``fuzz.ratio`` and
  ``process.extract(..., scorer=fuzz.ratio)`` (200 × LCS / total length, the same float
  operations; the order of the results too), after a length and a character-count bound;
- :func:`partial_ratio` answers 0 when a bound shows ``fuzz.partial_ratio`` is below the cutoff,
  and asks rapidfuzz otherwise;
- :func:`levenshtein_within` answers ``Levenshtein.distance(a, b, score_cutoff=k) <= k``.

Past the budget (a big tree) everything goes to rapidfuzz, whose vectorised code is the quicker
there. The answers are the same either way (tests/test_fuzzy.py compares them with rapidfuzz's).
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import lru_cache

#: the work done in Python before rapidfuzz takes every question: about a quarter of a microsecond
#: a unit (a character of a longest-common-subsequence pass; a bound costs :data:`BOUND`), so a few
#: milliseconds, less than importing rapidfuzz; a small tree needs about 15,000
PYTHON_BUDGET = 24_000
BOUND = 12  # a bound on two texts' characters
_SLACK = 0.999  # a bound is kept a hair generous: float rounding can never make it wrong
_spent = 0


def _rapidfuzz_loaded() -> bool:
    return "rapidfuzz" in sys.modules


def _in_python(cost: int) -> bool:
    """Whether a question costing ``cost`` is answered here: rapidfuzz not imported yet (once it
    is, it answers everything) and the budget not spent."""
    global _spent
    if _rapidfuzz_loaded() or _spent + cost > PYTHON_BUDGET:
        return False
    _spent += cost
    return True


def lcs_length(s, t) -> int:
    """The length of the longest common subsequence of ``s`` and ``t`` (bit-parallel: a bit per
    item of the longer, a step per item of the shorter; Hyyrö's algorithm, as rapidfuzz's
    ``LCSseq.similarity``)."""
    if len(s) < len(t):
        s, t = t, s
    masks = _masks(s) if s.__class__ is str else _masks_of(s)
    full = (1 << len(s)) - 1
    v = full
    get = masks.get
    for c in t:
        u = v & get(c, 0)
        v = ((v + u) | (v - u)) & full
    return len(s) - bin(v).count("1")


def _masks_of(s) -> dict:
    """For each item of ``s``, the bits of the places it holds."""
    masks: dict = {}
    for i, c in enumerate(s):
        masks[c] = masks.get(c, 0) | (1 << i)
    return masks


_masks = lru_cache(maxsize=4096)(_masks_of)  # a text is compared with several others


def _score(a, b, score_cutoff: float = 0.0) -> float:
    """``fuzz.ratio(a, b, score_cutoff=…)``: rapidfuzz's normalised Indel similarity, in its
    float operations (the cutoff compared on the 0–1 scale, as rapidfuzz does)."""
    total = len(a) + len(b)
    if not total:
        return 100.0
    common = lcs_length(a, b)
    similarity = 1.0 - (total - 2 * common) / total
    return similarity * 100 if similarity >= score_cutoff / 100 else 0.0


@lru_cache(maxsize=4096)
def _chars(text: str) -> Counter:
    return Counter(text)


def _shared(a: Counter, b: Counter) -> int:
    """How many items two multisets share, counted with their multiplicity."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(n, b[x]) for x, n in a.items() if x in b)


def _ratio_may_reach(a: str, b: str, cutoff: float) -> bool:
    """False when ``fuzz.ratio(a, b)`` is surely below ``cutoff``: the LCS holds at most as many
    characters as the shorter string, and of each character at most as many as both have."""
    total = len(a) + len(b)
    if not total or not cutoff:
        return True
    if 200 * min(len(a), len(b)) < cutoff * total * _SLACK:
        return False
    return 200 * _shared(_chars(a), _chars(b)) >= cutoff * total * _SLACK


def ratio(a, b, score_cutoff: float = 0.0) -> float:
    """``rapidfuzz.fuzz.ratio(a, b, score_cutoff=score_cutoff)``."""
    if _in_python(max(len(a), len(b))):
        return _score(a, b, score_cutoff)
    from rapidfuzz.fuzz import ratio as rapid

    return rapid(a, b, score_cutoff=score_cutoff)


def extract(query: str, choices: list[str], score_cutoff: float, limit: int) -> list[tuple[str, float, int]]:
    """``rapidfuzz.process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=…, limit=…)``:
    (choice, score, index) of the best ``limit`` choices scoring at least ``score_cutoff``, the
    best first (the earlier choice first among equals)."""
    if _in_python(BOUND * len(choices)):
        kept = [k for k, choice in enumerate(choices) if _ratio_may_reach(query, choice, score_cutoff)]
        if _in_python(sum(max(len(query), len(choices[k])) for k in kept)):
            found = []
            for k in kept:
                score = _score(query, choices[k], score_cutoff)
                if score or not score_cutoff:  # 0: below the cutoff (or the score, with none)
                    found.append((choices[k], score, k))
            found.sort(key=lambda r: (-r[1], r[2]))
            return found[:limit]
    from rapidfuzz import fuzz, process

    return process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=score_cutoff, limit=limit)


def partial_ratio(a: str, b: str, score_cutoff: float) -> float:
    """``rapidfuzz.fuzz.partial_ratio(a, b, score_cutoff=score_cutoff)``, 0 without asking
    rapidfuzz when a bound shows the score is below the cutoff.

    partial_ratio is the best ``fuzz.ratio`` of the shorter string s (m long) with a stretch w of
    the longer one t, at most m long. Such a stretch shares with s at most the characters t
    shares with s (C) and at most LCS(s, t) in order, and ``fuzz.ratio(s, w)`` = 200 × LCS(s, w)
    / (m + |w|) ≤ 200 × L / (m + L) for any L at least LCS(s, w) (as |w| ≥ LCS(s, w))."""
    if a and b and _in_python(BOUND):
        s, t = (a, b) if len(a) <= len(b) else (b, a)
        m = len(s)
        shared = _shared(_chars(s), _chars(t))
        if 200 * shared < score_cutoff * (m + shared) * _SLACK:
            return 0.0
        if _in_python(len(t)):
            common = lcs_length(s, t)
            if 200 * common < score_cutoff * (m + common) * _SLACK:
                return 0.0
            if len(t) > m and _in_python(len(t)) and not _stretch_may_reach(s, t, score_cutoff):
                return 0.0
    from rapidfuzz.fuzz import partial_ratio as rapid

    return rapid(a, b, score_cutoff=score_cutoff)


def _stretch_may_reach(s: str, t: str, cutoff: float) -> bool:
    """The bound of :func:`partial_ratio` stretch by stretch of ``t``: one m long shares with s
    at most C characters (counted in a window sliding along t), so scores at most 100 × C / m; a
    shorter one at either end lies inside the first or the last and scores at most
    200 × C / (m + C) with that one's C."""
    m = len(s)
    wanted = _chars(s)
    window: dict[str, int] = {}
    shared = best = first = 0
    for i, c in enumerate(t):
        have = window.get(c, 0)
        if have < wanted.get(c, 0):
            shared += 1
        window[c] = have + 1
        if i >= m:  # the character that leaves the window
            old = t[i - m]
            window[old] -= 1
            if window[old] < wanted.get(old, 0):
                shared -= 1
        if i == m - 1:
            first = shared
        if shared > best:
            best = shared
    if 100 * best >= cutoff * m * _SLACK:
        return True
    return any(200 * c >= cutoff * (m + c) * _SLACK for c in (first, shared))


def levenshtein_within(a: str, b: str, k: int) -> bool:
    """``rapidfuzz.distance.Levenshtein.distance(a, b, score_cutoff=k) <= k``: whether ``a`` and
    ``b`` (words) are at most ``k`` insertions, deletions or substitutions apart."""
    if abs(len(a) - len(b)) > k:
        return False
    if not _in_python(len(a) * len(b) // 4):
        from rapidfuzz.distance import Levenshtein

        return Levenshtein.distance(a, b, score_cutoff=k) <= k
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > k:  # a row's minimum never falls further down
            return False
        previous = current
    return previous[-1] <= k
