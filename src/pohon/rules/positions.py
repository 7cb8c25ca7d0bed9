"""Position rules (group J): the peta jabatan and who owns which box (PermenPANRB 89/2021 on
penjenjangan kinerja, PermenPANRB 6/2022 on SKP, the translation table of source 003).

A tree without ``peta_jabatan:`` and without ``pemilik:`` raises none of them: small trees keep
writing ``jabatan:`` text on their boxes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pohon.diagnostics import Diagnostic, Term
from pohon.mapping.profiles import Profile, in_agreement, level_names, resolve_profile
from pohon.model.positions import LevelOrder, PetaJabatan, Position, level_order
from pohon.model.tree import Node
from pohon.rules.context import Context
from pohon.rules.structure import _nearest_id, _some


def _position_at(ctx: Context, code: str, pos: Position, field: str | tuple = (), **params) -> Diagnostic:
    sub = (field,) if isinstance(field, str) else tuple(field)
    return ctx.at_path(code, pos.path + (sub or ("id",)), position=pos.id, nama=pos.nama, **params)


def check_positions(ctx: Context) -> Iterator[Diagnostic]:
    """J001–J006: the peta jabatan itself (ids, superiors, levels); J007–J012: box owners."""
    tree = ctx.tree
    peta = PetaJabatan.of(tree)
    if not peta.declared and not peta.names_owners:
        return
    prof = resolve_profile(tree.doc)
    order = level_order(prof, level_names())
    yield from _chart(ctx, peta, order)
    yield from _owners(ctx, peta, prof)


# -- the peta jabatan ---------------------------------------------------------------------------

def _chart(ctx: Context, peta: PetaJabatan, order: LevelOrder) -> Iterator[Diagnostic]:
    problems = peta.problems
    for again, first in problems.duplicates:
        yield _position_at(ctx, "J001", again, first=ctx.source.locate(first.path + ("id",)))
    for pos in problems.dangling:
        near = _nearest_id(pos.declared_superior, peta.ids)
        yield _position_at(ctx, "J002", pos, "atasan", atasan=pos.declared_superior,
                           suggestion=Term.of("did_you_mean", key=near) if near else "")
    for loop in problems.cycles:  # once per loop, on the link that was cut
        head = peta.position(loop[0])
        yield _position_at(ctx, "J003", head, "atasan", cycle=" → ".join([*loop, loop[0]]),
                           related=tuple(p for p in loop if p != head.id))
    top = min((order.rank(p.level) for p in peta if order.rank(p.level) is not None), default=None)
    for pos in peta:
        up = peta.superior(pos.id)
        if up is None:
            if (pos.declared_superior is None and top is not None and order.rank(pos.level) is not None
                    and order.rank(pos.level) > top):
                yield _position_at(ctx, "J006", pos, level=pos.data.tingkat)
            continue
        if not order.above(up.level, pos.level):
            yield _position_at(ctx, "J004", pos, "atasan", level=pos.data.tingkat, atasan=up.id,
                               atasan_nama=up.nama, atasan_level=up.data.tingkat)
            continue
        skipped = order.skipped(up.level, pos.level)
        if skipped:
            yield _position_at(ctx, "J005", pos, "atasan", level=pos.data.tingkat, atasan=up.id,
                               atasan_nama=up.nama, atasan_level=up.data.tingkat, skipped="/".join(skipped))


# -- owners of boxes ----------------------------------------------------------------------------

def _owners(ctx: Context, peta: PetaJabatan, prof: Profile) -> Iterator[Diagnostic]:
    tree = ctx.tree
    for node, i, pid in peta.problems.unknown_owners:
        near = _nearest_id(pid, peta.ids) if peta.ids else None
        hint = Term.of("did_you_mean", key=near) if near else Term("j007_no_peta") if not peta.declared else ""
        yield ctx.at("J007", node, ("pemilik", i) if len(node.data.pemilik) > 1 or i else "pemilik",
                     owner=pid, suggestion=hint)
    if not peta.declared:
        return
    by_name = {}
    for pos in peta:
        by_name.setdefault(" ".join(pos.nama.split()).casefold(), pos)
    for node in tree.walk():
        owners = peta.owners(node.id)
        if not owners:
            if node.data.jabatan:
                for j, jab in enumerate(node.data.jabatan):
                    match = by_name.get(" ".join(jab.nama.split()).casefold())
                    yield ctx.at("J012", node, ("jabatan", j) if len(node.data.jabatan) > 1 else "jabatan",
                                 jabatan=jab.nama,
                                 suggestion=Term.of("j012_use", key=match.id) if match else Term("j012_add"))
            elif in_agreement(node) and prof.levels_of(node) and not node.data.pemilik:
                yield ctx.at("J008", node, about=("pemilik",), role=ctx.role_name(node),
                             levels="/".join(prof.levels_of(node)))
            continue
        levels = prof.levels_of(node)
        for pos in owners:
            if levels and pos.level not in levels:
                yield ctx.at("J009", node, _owner_field(node, pos), position=pos.id, nama=pos.nama,
                             level=pos.data.tingkat, role=ctx.role_name(node), levels="/".join(levels))
            up = peta.superior(pos.id)
            if up is not None and peta.served_box(pos.id, node.id) is None and tree.parent(node.id) is not None:
                yield ctx.at("J011", node, _owner_field(node, pos), position=pos.id, nama=pos.nama,
                             atasan=up.id, atasan_nama=up.nama, owned=_owned_ids(peta, up))
    for pos in peta:
        if not peta.boxes(pos.id):
            yield _position_at(ctx, "J010", pos, level=pos.data.tingkat)


def _owner_field(node: Node, pos: Position) -> tuple:
    written = node.data.pemilik
    return ("pemilik", written.index(pos.id)) if len(written) > 1 else ("pemilik",)


def _owned_ids(peta: PetaJabatan, pos: Position) -> str | Term:
    ids = [n.id for n in peta.boxes(pos.id)]
    return _some(ids) if ids else Term("j011_none")


CHECKS = [check_positions]
