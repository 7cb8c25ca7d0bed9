"""Fuzzy text rules: redundancy (M005, trik 7) and nomenclature names in strategic boxes (M009, trik 4)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate, chain, repeat
from operator import add, mul, sub

from pohon.mapping.nomenclature import comparable
from pohon.diagnostics import Diagnostic, Term
from pohon.rules.context import Context

NEAR = 85  # % similarity from which two statements may be "the same condition"
TYPO_WORD = 60  # % similarity of two differing words for one to be a typo of the other
SAME_VERB_FREE = 97  # different leading "-nya" verbs are different conditions below this
MAX_CHARS = 600  # of a longer text, only the beginning is compared (bounded time per pair)
ANCHORS = 3  # a text with a misspelt word is compared with texts sharing one of its 3 least common words,
POOL = 100  # … at most this many (the rarer shared word first, then the nearest): bounded work per text,
BEST = 8  # … and of those at least NEAR % alike, the most alike this many are tried
_COUNT = 1 << 96  # above any sum of one text's word hashes (≤ 300 words of < 2**63 each: < 2**72)
normalise = comparable  # case, punctuation and spacing do not count
_DIGIT = re.compile(r"\d")
_ASCII_WORD = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + bytes([32]) * 128


_ASCII_LINES = _ASCII_WORD[:10] + b"\n" + _ASCII_WORD[11:]  # the same, with line breaks kept


def _words(text: str) -> list[str]:
    """``normalise(text).split()``, quicker for the usual ASCII text."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORD).decode("ascii").lower().split()
    return normalise(text).split()


def _all_words(texts: list[str]) -> list[list[str]]:
    """``[_words(t) for t in texts]``: the ASCII texts without a line break are translated and
    lowered as one text (one call each instead of one per text), then split apart."""
    out: list = [None] * len(texts)
    plain = [i for i, t in enumerate(texts) if t.isascii()]
    joined = "\n".join([texts[i] for i in plain])
    parts = joined.encode("ascii").translate(_ASCII_LINES).decode("ascii").lower().split("\n") if plain else []
    if len(parts) == len(plain):  # else some text holds a line break itself
        for i, part in zip(plain, parts):
            out[i] = part.split()
    for i, t in enumerate(texts):
        if out[i] is None:
            out[i] = _words(t)
    return out


def similar_pairs(texts: list[str], cutoff: float = NEAR) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) with i < j whose texts state the same condition: identical once
    normalised (score 100), or at least ``cutoff`` % alike and :func:`_same_condition`.

    A text repeated word for word is paired with its first occurrence only, however large the
    tree; the fuzzy comparison then runs over the distinct texts, and only where a re-typed copy
    can be (near-linear, see :func:`_candidates`): a text and the same text with one word more,
    or a text holding a word that no other text uses (a misspelling) and the texts sharing its
    least common words.
    """
    tokens = _all_words(texts)
    norm = [" ".join(w) for w in tokens]
    first: dict[str, int] = {}
    found: dict[tuple[int, int], float] = {}
    for j, text in enumerate(norm):
        if not text:
            continue
        i = first.setdefault(text, j)
        if i != j:
            found[(i, j)] = 100.0
    # by position in ``texts`` (only the distinct ones are read): the text as compared (its
    # first MAX_CHARS characters) and its words
    short, words = norm, tokens
    if any(len(text) > MAX_CHARS for text in norm):
        short, words = list(norm), list(tokens)
    distinct: list[int] = []
    first_short: dict[str, int] = {}
    for i in first.values():  # in order: each text's first occurrence
        text = norm[i]
        if len(text) > MAX_CHARS:
            text = short[i] = text[:MAX_CHARS]
            words[i] = text.split()
        k = first_short.setdefault(text, i)
        if k == i:
            distinct.append(i)
        else:  # differing only after their first MAX_CHARS characters
            found[(k, i)] = 99.0
    df = Counter(chain.from_iterable(map(set, [words[i] for i in distinct])))
    for (i, j), score in _candidates(distinct, short, words, df, cutoff).items():
        if score is None:
            score = _ratio()(short[i], short[j], score_cutoff=cutoff)
            if not score:
                continue
        if score >= 100:  # alike in their first MAX_CHARS characters only
            score = 99.0
        if _same_condition(words[i], words[j], score, df):
            found[(i, j)] = score
    return sorted((i, j, s) for (i, j), s in found.items())


def _candidates(distinct: list[int], short: list[str], words: list[list[str]], df: Counter,
                cutoff: float) -> dict[tuple[int, int], float | None]:
    """The pairs (i, j) of distinct texts that may state the same condition, with their score
    when it is known already.

    :func:`_same_condition` accepts two texts that differ by one extra word, or by misspelt words
    of which at least one is *rare* (used by no other text: a typo). So the candidates are:

    - a text and the same text without one of its words: looked up directly (exact);
    - a text holding a rare word, and the texts at least ``cutoff`` % alike among those that share
      one of its :data:`ANCHORS` least common other words (a re-typed copy keeps most words; its
      own typos make it a query too): of these, at most :data:`POOL` are compared (those sharing
      the rarer words first, then the nearest in the file) and at most :data:`BEST`, the most
      alike, are tried. The work per text is bounded, whatever the tree.

    Texts without a rare word are never compared with one another, however many there are and
    however alike they read, since only a typo makes two differing texts one condition.
    """
    out: dict[tuple[int, int], float | None] = {}
    # One word more: the other text's word count is one less and its word hashes sum to this
    # one's minus the extra word's. Both go into one key per text, the sum plus the word count
    # times _COUNT (far above any sum of a text's hashes); the keys of every text without each of
    # its words are made and looked up in one pass over all the words (most trees have none).
    lists = [words[i] for i in distinct]
    counts = list(map(len, lists))
    hashes = list(map(hash, chain.from_iterable(lists)))
    ends = list(accumulate(counts, initial=0))
    running = list(accumulate(hashes, initial=0))
    keys = list(map(add, map(sub, map(running.__getitem__, ends[1:]), map(running.__getitem__, ends[:-1])),
                    map(mul, counts, repeat(_COUNT))))
    shorter = list(map(sub, keys, repeat(_COUNT)))  # a text's key less its word count's share
    existing = set(keys)
    hits = existing.intersection(map(sub, chain.from_iterable(map(repeat, shorter, counts)), hashes))
    if hits:
        keyed: dict[int, list[int]] = {}
        for i, key in zip(distinct, keys):
            if key in hits:
                keyed.setdefault(key, []).append(i)
        for n, i in enumerate(distinct):
            # the keys the text would have without one of its words, those some shorter text has
            for key in hits.intersection(map(sub, repeat(shorter[n]), hashes[ends[n]:ends[n + 1]])):
                for j in keyed[key]:
                    if _one_word_more(words[i], words[j]):
                        out[(min(i, j), max(i, j))] = None
    del lists, hashes, running, keys, shorter, existing
    once = {word for word, count in df.items() if count == 1}
    queries = [i for i in distinct if not once.isdisjoint(words[i])
               and any(word in once and not _DIGIT.search(word) for word in words[i])]
    if not queries:
        return out
    anchors = {i: sorted({word for word in words[i] if df[word] > 1}, key=lambda word: (df[word], word))[:ANCHORS]
               for i in queries}
    wanted = set(chain.from_iterable(anchors.values()))
    postings: dict[str, list[int]] = {word: [] for word in wanted}
    for i in distinct:
        if not wanted.isdisjoint(words[i]):
            for word in wanted.intersection(words[i]):
                postings[word].append(i)
    from pohon.fuzzy import extract  # rapidfuzz's process.extract; on a small tree without importing it

    for i in queries:
        taken, pool = {i}, []
        for word in anchors[i]:  # the rarest first: they say most
            for j in sorted(_nearest(postings[word], i, POOL + 1), key=lambda j: (abs(j - i), j)):
                if j not in taken and len(pool) < POOL:
                    taken.add(j)
                    pool.append(j)
        near = sorted(pool)
        for _, score, k in extract(short[i], [short[j] for j in near], score_cutoff=cutoff, limit=BEST):
            j = near[k]
            out.setdefault((min(i, j), max(i, j)), score)
    return out


def _one_word_more(a: list[str], b: list[str]) -> bool:
    """Whether ``b`` is ``a`` without one of its words."""
    p = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(b))
    return a[p + 1:] == b[p:]


def _nearest(items: list[int], i: int, n: int) -> list[int]:
    """At most ``n`` of the sorted ``items``, those nearest to ``i`` (a window, found by bisection)."""
    if len(items) <= n:
        return items
    from bisect import bisect_left

    at = bisect_left(items, i)
    lo = min(max(0, at - n // 2), len(items) - n)
    return items[lo:lo + n]


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
    if a == b:
        return True
    if a[0] != b[0] and a[0].endswith("nya") and b[0].endswith("nya") and score < SAME_VERB_FREE:
        return False
    if abs(len(a) - len(b)) > 1:
        return False
    ratio = _ratio()
    loose = 0
    replaced = misspelt = False
    for i1, i2, j1, j2 in _differences(a, b):
        old, new = a[i1:i2], b[j1:j2]
        if any(_DIGIT.search(x) for x in old) or any(_DIGIT.search(x) for x in new):
            return False
        if old and new:  # words replaced by as many words, each a typo of the other
            if len(old) != len(new) or any(ratio(x, y) < TYPO_WORD for x, y in zip(old, new)):
                return False
            replaced = True
            misspelt = misspelt or df is None or any(df[x] == 1 for x in old) or any(df[x] == 1 for x in new)
        else:
            loose += len(old) + len(new)
            if loose > 1:
                return False
    return misspelt or not replaced


_RAPIDFUZZ: tuple = ()


def _ratio():
    """rapidfuzz's ``fuzz.ratio`` (:func:`pohon.fuzzy.ratio`: without importing rapidfuzz on a small tree)."""
    from pohon.fuzzy import ratio

    return ratio


def _import() -> tuple:
    global _RAPIDFUZZ
    from rapidfuzz.distance import Indel
    from rapidfuzz.fuzz import ratio

    _RAPIDFUZZ = (ratio, Indel.opcodes)
    return _RAPIDFUZZ


def _differences(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The stretches (i1, i2, j1, j2) where the word lists differ, between the words they share in
    order (their longest common subsequence): a[i1:i2] stands where b has b[j1:j2]."""
    opcodes = (_RAPIDFUZZ or _import())[1]
    out = []
    i = j = 0
    for ba, bb, size in opcodes(a, b).as_matching_blocks():
        if i < ba or j < bb:
            out.append((i, ba, j, bb))
        i, j = ba + size, bb + size
    return out


def check_redundancy(ctx: Context) -> Iterator[Diagnostic]:
    """M005: the same (or nearly the same) condition or indicator stated twice."""
    nodes = list(ctx.tree)
    yield from _report(ctx, [n.uraian for n in nodes], lambda: [(n, ("uraian",)) for n in nodes], "stmt")
    texts = [x.uraian for n in nodes for x in n.indikator]
    yield from _report(ctx, texts, lambda: [(n, ("indikator", i, "uraian")) for n in nodes
                                            for i in range(len(n.indikator))], "ind")


def _report(ctx: Context, texts: list[str], places, what: str) -> Iterator[Diagnostic]:
    """M005 for the pairs of ``texts``; ``places()`` gives each text's (box, field), made only
    when some pair is found."""
    pairs = similar_pairs(texts)
    if not pairs:
        return
    items = places()
    reported: set[int] = set()
    for i, j, score in pairs:
        (first, _), (again, field) = items[i], items[j]
        if first is again or j in reported or _distinct_by_code(first, again):
            continue
        reported.add(j)  # once per repeated text, against its earliest look-alike
        theirs, mine = marked(texts[i], texts[j])
        yield ctx.at("M005", again, field, other=first.id, related=(first.id,), score=int(score), text=theirs,
                     mine=mine, what=Term(f"similar_{what}"),
                     how=Term("similar_same" if score >= 100 else "similar_near"))


def marked(a: str, b: str) -> tuple[str, str]:
    """Both texts with the words that differ between them marked «so»; identical texts unmarked."""
    from rapidfuzz.distance import Indel

    wa, wb = a.split(), b.split()
    ka, kb = [normalise(w) for w in wa], [normalise(w) for w in wb]
    out_a, out_b = list(wa), list(wb)
    for tag, i1, i2, j1, j2 in Indel.opcodes(ka, kb):
        if tag == "equal":
            continue
        for words, lo, hi in ((out_a, i1, i2), (out_b, j1, j2)):
            if hi > lo:
                words[lo] = "«" + words[lo]
                words[hi - 1] += "»"
    return " ".join(out_a), " ".join(out_b)


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
    from pohon.fuzzy import partial_ratio  # rapidfuzz's, asked only when a bound cannot say no

    names = [(e.kode, e.tingkat, e.nama, normalise(_PROGRAM_WORD.sub("", e.nama)))
             for e in ctx.reference.entries.values() if e.tingkat in ("program", "kegiatan")]
    for node in ctx.tree:
        if node.role is None or node.role.rank > 1:
            continue
        stmt = normalise(node.uraian)
        for code, level, name, norm in names:
            if len(norm) >= 20 and partial_ratio(norm, stmt, 90):
                yield ctx.at("M009", node, "uraian", role=ctx.role_name(node), level=level, code=code, name=name)
                break


CHECKS = [check_redundancy, check_nomenclature_names]
