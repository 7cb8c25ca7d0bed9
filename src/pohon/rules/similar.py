"""Fuzzy text rules: redundancy (M005, trik 7) and nomenclature names in strategic boxes (M009, trik 4)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from pohon.mapping.nomenclature import comparable
from pohon.diagnostics import Diagnostic, Term
from pohon.rules.context import Context

NEAR = 85  # % similarity from which two statements may be "the same condition"
TYPO_WORD = 60  # % similarity of two differing words for one to be a typo of the other
SAME_VERB_FREE = 97  # different leading "-nya" verbs are different conditions below this
MAX_CHARS = 600  # of a longer text, only the beginning is compared (bounded time per pair)
ANCHORS = 3  # a text with a misspelt word is compared with the texts sharing its 3 least common words
POOL = 400  # … at most this many of them, the nearest in the file (bounded work per text)
normalise = comparable  # case, punctuation and spacing do not count
_DIGIT = re.compile(r"\d")


def similar_pairs(texts: list[str], cutoff: float = NEAR) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) with i < j whose texts state the same condition: identical once
    normalised (score 100), or at least ``cutoff`` % alike and :func:`_same_condition`.

    A text repeated word for word is paired with its first occurrence only, however large the
    tree; the fuzzy comparison then runs over the distinct texts, and only where a re-typed copy
    can be (near-linear, see :func:`_candidates`): a text and the same text with one word more,
    or a text holding a word that no other text uses (a misspelling) and the texts sharing its
    least common words.
    """
    from rapidfuzz import fuzz

    norm = [normalise(t) for t in texts]
    first: dict[str, int] = {}
    found: dict[tuple[int, int], float] = {}
    for j, text in enumerate(norm):
        if not text:
            continue
        i = first.setdefault(text, j)
        if i != j:
            found[(i, j)] = 100.0
    distinct: list[int] = []
    short: dict[int, str] = {}
    first_short: dict[str, int] = {}
    for i in sorted(first.values()):
        text = norm[i][:MAX_CHARS]
        k = first_short.setdefault(text, i)
        if k == i:
            distinct.append(i)
            short[i] = text
        else:  # differing only after their first MAX_CHARS characters
            found[(k, i)] = 99.0
    words = {i: short[i].split() for i in distinct}
    df = Counter(w for i in distinct for w in set(words[i]))
    for i, j, score in _candidates(distinct, short, words, df, cutoff):
        if score is None:
            score = fuzz.ratio(short[i], short[j], score_cutoff=cutoff)
            if not score:
                continue
        if score >= 100:  # alike in their first MAX_CHARS characters only
            score = 99.0
        if _same_condition(words[i], words[j], score, df):
            found[(i, j)] = score
    return sorted((i, j, s) for (i, j), s in found.items())


def _candidates(distinct: list[int], short: dict[int, str], words: dict[int, list[str]], df: Counter,
                cutoff: float) -> list[tuple[int, int, float | None]]:
    """The pairs (i, j, score or None) of distinct texts that may state the same condition.

    :func:`_same_condition` accepts two texts that differ by one extra word, or by misspelt words
    of which at least one is *rare* (used by no other text: a typo). So the candidates are:

    - a text and the same text without one of its words: looked up directly (exact);
    - a text holding a rare word, and each text at least ``cutoff`` % alike among those that share
      one of its :data:`ANCHORS` least common other words (a re-typed copy keeps most words; its
      own typos make it a query too), at most :data:`POOL` of them, the nearest in the file.

    Texts without a rare word are never compared with one another, however many there are and
    however alike they read, since only a typo makes two differing texts one condition.
    """
    from rapidfuzz import fuzz, process

    out: list[tuple[int, int, float | None]] = []
    whole = {tuple(words[i]): i for i in distinct}
    for i in distinct:
        w = tuple(words[i])
        for p in range(len(w)):
            j = whole.get(w[:p] + w[p + 1:])
            if j is not None:
                out.append((min(i, j), max(i, j), None))
    postings: dict[str, list[int]] = defaultdict(list)
    for i in distinct:
        for word in set(words[i]):
            if df[word] > 1:
                postings[word].append(i)
    for i in distinct:
        if not any(df[word] == 1 and not _DIGIT.search(word) for word in words[i]):
            continue
        anchors = sorted({word for word in words[i] if df[word] > 1}, key=lambda word: (df[word], word))
        pool: set[int] = set()
        for word in anchors[:ANCHORS]:
            pool.update(postings[word])
        pool.discard(i)
        near = sorted(pool, key=lambda j: (abs(j - i), j))[:POOL] if len(pool) > POOL else sorted(pool)
        for _, score, k in process.extract(short[i], [short[j] for j in near], scorer=fuzz.ratio,
                                           score_cutoff=cutoff, limit=None):
            j = near[k]
            out.append((min(i, j), max(i, j), score))
    return out


def _same_condition(a: list[str], b: list[str], score: float, df: Counter | None = None) -> bool:
    """Whether two alike texts are one condition typed twice, not two sibling conditions.

    A re-typed condition differs word for word by typos ("Pemangangan"/"Penanganan",
    "Bangeren"/"Balangan"); siblings swap whole phrases ("Pemantauan dan Pelaporan" for
    "Peraturan / Keputusan Kepala Daerah"), and a different leading "-nya" verb
    ("Tersusunnya"/"Terlaksananya") makes a different condition. A word with a digit is never a
    typo ("Tahap 1"/"Tahap 2"). With ``df`` (in how many texts each word occurs), two texts that
    differ only in words the tree uses elsewhere are two conditions, not a typo: two villages
    ("Desa Lampihong"/"Desa Lampihang"), two subjects ("kualitas"/"kuantitas"); a typo is a word
    used nowhere else.
    """
    from rapidfuzz import fuzz

    if a == b:
        return True
    if a[0] != b[0] and a[0].endswith("nya") and b[0].endswith("nya") and score < SAME_VERB_FREE:
        return False
    loose = 0
    replaced = misspelt = False
    for i1, i2, j1, j2 in _differences(a, b):
        old, new = a[i1:i2], b[j1:j2]
        if any(_DIGIT.search(x) for x in old + new):
            return False
        if old and new:  # words replaced by as many words, each a typo of the other
            if len(old) != len(new) or any(fuzz.ratio(x, y) < TYPO_WORD for x, y in zip(old, new)):
                return False
            replaced = True
            misspelt = misspelt or df is None or any(df[x] == 1 for x in old + new)
        else:
            loose += len(old) + len(new)
    return loose <= 1 and (misspelt or not replaced)


def _differences(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The stretches (i1, i2, j1, j2) where the word lists differ, between the words they share in
    order (their longest common subsequence): a[i1:i2] stands where b has b[j1:j2]."""
    from rapidfuzz.distance import Indel

    out = []
    i = j = 0
    for block in Indel.opcodes(a, b).as_matching_blocks():
        if i < block.a or j < block.b:
            out.append((i, block.a, j, block.b))
        i, j = block.a + block.size, block.b + block.size
    return out

def check_redundancy(ctx: Context) -> Iterator[Diagnostic]:
    """M005: the same (or nearly the same) condition or indicator stated twice."""
    nodes = list(ctx.tree)
    yield from _report(ctx, [(n, ("uraian",), n.uraian) for n in nodes], "stmt")
    ind = [(n, ("indikator", i, "uraian"), x.uraian) for n in nodes for i, x in enumerate(n.indikator)]
    yield from _report(ctx, ind, "ind")


def _report(ctx: Context, items: list, what: str) -> Iterator[Diagnostic]:
    reported: set[int] = set()
    for i, j, score in similar_pairs([text for _, _, text in items]):
        (first, _, text), (again, field, _) = items[i], items[j]
        if first is again or j in reported or _distinct_by_code(first, again):
            continue
        reported.add(j)  # once per repeated text, against its earliest look-alike
        yield ctx.at("M005", again, field, other=first.id, related=(first.id,), score=int(score), text=text,
                     what=Term(f"similar_{what}"), how=Term("similar_same" if score >= 100 else "similar_near"))


def _distinct_by_code(a, b) -> bool:
    """Two boxes that carry different valid nomenclature codes are distinct by regulation, however
    alike their names (two Kegiatan that each have a Sub Kegiatan "Penyediaan Alat Bantu")."""
    from pohon.mapping.components import components_of

    codes_a = {c.code.text for c in components_of(a) if c.code is not None}
    codes_b = {c.code.text for c in components_of(b) if c.code is not None}
    return bool(codes_a) and bool(codes_b) and not codes_a & codes_b


_PROGRAM_WORD = re.compile(r"^program\s+", re.IGNORECASE)


def check_nomenclature_names(ctx: Context) -> Iterator[Diagnostic]:
    """M009: outcome and CSF statements do not reuse program/kegiatan names (trik 4)."""
    from rapidfuzz import fuzz

    names = [(e.kode, e.tingkat, e.nama, normalise(_PROGRAM_WORD.sub("", e.nama)))
             for e in ctx.reference.entries.values() if e.tingkat in ("program", "kegiatan")]
    for node in ctx.tree:
        if node.role is None or node.role.rank > 1:
            continue
        stmt = normalise(node.uraian)
        for code, level, name, norm in names:
            if len(norm) >= 20 and fuzz.partial_ratio(norm, stmt, score_cutoff=90):
                yield ctx.at("M009", node, "uraian", role=ctx.role_name(node), level=level, code=code, name=name)
                break


CHECKS = [check_redundancy, check_nomenclature_names]
