"""Structural rules: ids, parents, cycles, roots, role order, leaves."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from pohon.diagnostics import Diagnostic, Term
from pohon.model.roles import child_roles, roles
from pohon.rules.context import Context, words


def check_build_problems(ctx: Context) -> Iterator[Diagnostic]:
    """S001 duplicate ids, S002 unknown parents, S003 cycles, S009 nested vs `induk` (S001–S003, S009)."""
    tree, problems = ctx.tree, ctx.tree.problems
    for again, first in problems.duplicates:
        yield ctx.at("S001", again, first=ctx.source.locate(first.path + ("id",)))
    for node in problems.dangling:
        near = _nearest_id(node.declared_parent, tree.ids)
        suggestion = Term.of("did_you_mean", key=near) if near else ""
        yield ctx.at("S002", node, "induk" if node.data.induk else "id", parent=node.declared_parent,
                     suggestion=suggestion)
    for loop in problems.cycles:  # once per cycle, on the box written first; the others are related
        first = min((tree.node(n) for n in loop), key=lambda n: n.order)
        at = loop.index(first.id)
        ring = loop[at:] + loop[:at]
        yield ctx.at("S003", first, "induk", cycle=" → ".join([*ring, ring[0]]), related=tuple(ring[1:]))
    for node in problems.conflicts:
        yield ctx.at("S009", node, "induk", nested=node.nested_parent, parent=node.data.induk)


_TYPED_ALIKE = str.maketrans({"0": "o", "1": "l", "i": "l", "5": "s", "_": "-", " ": "-", ".": "-"})


def _nearest_id(wanted: str, ids: list[str]) -> str | None:
    """The existing id ``wanted`` was probably meant to be: same letters once look-alikes
    (``01``/``O1``, Cyrillic ``С1``/``C1``, ``KA_WAS``/``KA-WAS``) are folded, else a close spelling."""
    from rapidfuzz import fuzz, process

    folded = _skeleton(wanted).translate(_TYPED_ALIKE)
    same = [i for i in ids if _skeleton(i).translate(_TYPED_ALIKE) == folded]
    if same:
        return same[0]
    best = process.extractOne(wanted, ids, scorer=fuzz.ratio, score_cutoff=70)
    return best[0] if best else None


def check_roots(ctx: Context) -> Iterator[Diagnostic]:
    """S004 no root, S005 several roots, S008 empty tree, S012 root not an outcome."""
    tree = ctx.tree
    if len(tree) == 0:
        yield ctx.at_path("S008", ("kinerja",))
        return
    roots = tree.roots()
    if not roots:
        yield ctx.at_path("S004", ("kinerja",))
        return
    if len(roots) > 1:
        names = _some(r.id for r in roots)
        for r in roots[1:]:
            yield ctx.at("S005", r, count=len(roots), roots=names)
    top = roles()[0]
    for r in roots:
        if r.role_key and r.role_key != top.key:
            yield ctx.at("S012", r, "peran" if r.data.peran else "id", role=ctx.role_name(r))


LISTED = 10  # ids a message lists before "and N more"


def _some(ids) -> str | Term:
    """The first :data:`LISTED` ids, then how many more: a message stays short however many there are."""
    ids = list(ids)
    if len(ids) <= LISTED:
        return ", ".join(ids)
    return Term.of("list_and_more", items=", ".join(ids[:LISTED]), more=len(ids) - LISTED)


def check_role_order(ctx: Context) -> Iterator[Diagnostic]:
    """S006: a child's role is one of the roles that may stand below its parent's (below a
    kondisi antara: another kondisi antara or a kondisi operasional); S013: a kondisi operasional
    beside a kondisi antara under the same kondisi antara (its levels are uneven)."""
    for node in ctx.tree:
        parent = ctx.tree.parent(node.id)
        if parent is None or parent.role_key is None or node.role_key is None:
            continue
        allowed = child_roles(parent.role_key)
        if node.role_key not in {r.key for r in allowed}:
            yield ctx.at("S006", node, "peran" if node.data.peran else "id", role=ctx.role_name(node),
                         parent=parent.id, parent_role=ctx.role_name(parent), expected=_expected(ctx, parent, allowed))
        elif parent.tier is not None and parent.tier.atas and node.role_key != parent.tier.atas:
            other = next(c for c in ctx.tree.children(parent.id) if c.role_key == parent.tier.atas)
            yield ctx.at("S013", node, "peran" if node.data.peran else "id", role=ctx.role_name(node),
                         parent=parent.id, parent_role=ctx.role_name(parent), other=other.id,
                         other_role=Term(f"role:{other.role_key}"))


def _expected(ctx: Context, parent, allowed) -> Term:
    if not allowed:
        return Term.of("role_none_below", role=ctx.role_name(parent))
    out = Term(f"role:{allowed[-1].key}")
    for r in reversed(allowed[:-1]):  # "Kondisi antara atau Kondisi operasional"
        out = Term.of("role_either", first=Term(f"role:{r.key}"), rest=out)
    return out


def check_leaves(ctx: Context) -> Iterator[Diagnostic]:
    """S007: every leaf is an operational condition, unless it is crosscutting."""
    for node in ctx.tree.leaves():
        if (node.role is not None and not node.role.is_leaf and not node.is_crosscutting
                and len(ctx.tree) > 1):
            yield ctx.at("S007", node, role=ctx.role_name(node))


def _skeleton(text: str) -> str:
    if text.isascii():
        return text.casefold()
    table = words()["mirip_latin"]
    folded = "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFKC", text))
    return folded.casefold()


def check_ids(ctx: Context) -> Iterator[Diagnostic]:
    """S010 ids that look alike but differ; S011 non-ASCII ids."""
    seen: dict[str, str] = {}
    for node in ctx.tree:
        odd = [] if node.id.isascii() else [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in node.id
                                             if ord(c) > 127]
        skel = _skeleton(node.id)
        other = seen.get(skel)
        if other is not None and other != node.id and node.id.casefold() != other.casefold():
            yield ctx.at("S010", node, other=other, detail=", ".join(odd))
        elif odd:
            yield ctx.at("S011", node, detail=", ".join(odd))
        seen.setdefault(skel, node.id)


CHECKS = [check_build_problems, check_roots, check_role_order, check_leaves, check_ids]
