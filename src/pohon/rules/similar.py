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
FULL_COMPARE = 1500  # up to this many texts compare all pairs; above, only pairs sharing rare words
normalise = comparable  # case, punctuation and spacing do not count


def similar_pairs(texts: list[str], cutoff: float = NEAR) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) with i < j whose normalised texts are at least ``cutoff`` % alike.

    A text repeated word for word is paired with its first occurrence only (score 100), however
    large the tree; the fuzzy comparison then runs over the distinct texts.
    """
    from rapidfuzz import fuzz, process

    norm = [normalise(t) for t in texts]
    first: dict[str, int] = {}
    found: dict[tuple[int, int], float] = {}
    for j, text in enumerate(norm):
        if not text:
            continue
        i = first.setdefault(text, j)
        if i != j:
            found[(i, j)] = 100.0
    distinct = sorted(first.values())
    groups = [distinct] if len(distinct) <= FULL_COMPARE else _blocks(norm, distinct)
    for members in groups:
        for x, i in enumerate(members):
            rest = [norm[j] for j in members[x + 1:]]
            for _, score, k in process.extract(norm[i], rest, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                j = members[x + 1 + k]
                if not _same_condition(norm[i].split(), norm[j].split(), score):
                    continue
                found[(min(i, j), max(i, j))] = score
    return sorted((i, j, s) for (i, j), s in found.items())


def _same_condition(a: list[str], b: list[str], score: float) -> bool:
    """Whether two alike texts are one condition typed twice, not two sibling conditions.

    A re-typed condition differs word for word by typos ("Pemangangan"/"Penanganan",
    "Bangeren"/"Balangan"); siblings swap whole phrases ("Pemantauan dan Pelaporan" for
    "Peraturan / Keputusan Kepala Daerah"), and a different leading "-nya" verb
    ("Tersusunnya"/"Terlaksananya") makes a different condition.
    """
    from difflib import SequenceMatcher

    from rapidfuzz import fuzz

    if a == b:
        return True
    if a[0] != b[0] and a[0].endswith("nya") and b[0].endswith("nya") and score < SAME_VERB_FREE:
        return False
    loose = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace":
            if i2 - i1 != j2 - j1:
                return False
            if any(fuzz.ratio(x, y) < TYPO_WORD for x, y in zip(a[i1:i2], b[j1:j2])):
                return False
        elif op in ("insert", "delete"):
            loose += (i2 - i1) + (j2 - j1)
    return loose <= 1


def _blocks(norm: list[str], indices: list[int]) -> list[list[int]]:
    """Large trees: group texts by each one's two rarest words.

    A re-typed condition keeps most of its words, so the two copies share a rare word and meet
    in one group; groups too common to say anything (over 200 texts) are skipped.
    """
    words = [(i, set(norm[i].split())) for i in indices]
    df = Counter(w for _, ws in words for w in ws)
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, ws in words:
        for w in sorted(sorted(ws), key=df.__getitem__)[:2]:  # rarest first, ties by spelling
            buckets[w].append(i)
    return [m for _, m in sorted(buckets.items()) if 1 < len(m) <= 200]




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
