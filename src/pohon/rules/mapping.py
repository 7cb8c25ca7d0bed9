"""Mapping checks (rule group K): codes, nomenclature names, pagu roll-up, level profile,
quarterly targets, merged/split components.

``check_mapping(ctx)`` takes the :class:`pohon.rules.context.Context` every check receives.
"""

from __future__ import annotations


from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Term
from pohon.mapping.profiles import level_names, profile_names, resolve_profile
from pohon.rules.context import Context
from pohon.model.values import format_number, format_rupiah

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from pohon.model.tree import Node, PerformanceTree

NAME_SIMILARITY_OK = 100  # anything below an exact (case/punctuation-insensitive) match is reported


def _jenis(jenis: str) -> Term:
    return Term(f"tabel_jenis_{jenis}")


def org_urusan(tree: PerformanceTree) -> list[str]:
    from pohon.mapping.codes import parse_code

    raw = tree.doc.organisasi.urusan or ""
    out = []
    for part in raw.replace(";", ",").split(","):
        code = parse_code(part)
        if code is not None and len(code.parts) >= 2:
            out.append(code.urusan_bidang)
    return out


def check_mapping(ctx: Context) -> list[Diagnostic]:
    """The K rules: codes and names, pagu roll-up, level profile, quarterly targets, merged/split."""
    return [d for check in (_check_codes, _check_budget, _check_negative_budget, _check_profile, _check_quarters,
                            _check_merge_split)
            for d in check(ctx)]


# -- codes and names --------------------------------------------------------------------------

def _check_codes(ctx: Context) -> list[Diagnostic]:
    tree = ctx.tree
    out: list[Diagnostic] = []
    ref = ctx.reference
    for i, (name, detail) in enumerate(ref.problems):
        idx = next((j for j, f in enumerate(tree.doc.nomenklatur) if f == name), i)
        out.append(_ref_problem(ctx, idx, name, detail))
    if not ctx.facts.codes:  # no code written anywhere: no component has one
        return out
    from pohon.mapping.codes import expected_level  # only a tree with codes needs these
    from pohon.mapping.components import components_of
    from pohon.mapping.nomenclature import comparable, name_similarity

    urusan = org_urusan(tree)
    for node in tree.walk():
        comps = components_of(node)
        for comp in comps:
            if not comp.kode:
                continue
            code = comp.code
            if code is None:
                out.append(ctx.at("K003", node, comp.field, kode=comp.kode))
                continue
            want = expected_level(comp.jenis)
            if want and code.level != want:
                out.append(ctx.at("K004", node, comp.field, kode=comp.kode, found=_jenis(code.level)
                                  if code.level in ("program", "kegiatan", "sub_kegiatan") else code.level,
                                  jenis=_jenis(comp.jenis)))
            parent = _parent_code(tree, node, comp)
            inherited = parent is not None and parent[1].code.urusan_bidang == code.urusan_bidang
            if urusan and code.urusan_bidang not in urusan and not inherited:
                # reported once, on the highest code of that urusan/bidang
                out.append(ctx.at("K002", node, comp.field, kode=comp.kode, found=code.urusan_bidang,
                                  expected=", ".join(urusan)))
            if parent is not None:
                pnode, pcomp = parent
                if not code.extends(pcomp.code):
                    out.append(ctx.at("K001", node, comp.field, kode=comp.kode, jenis=_jenis(comp.jenis),
                                      parent_code=pcomp.kode, parent=pnode.id))
            entry = ref.get(comp.kode)
            if entry is not None and comp.nama and comparable(comp.nama) != comparable(entry.nama):
                score = name_similarity(comp.nama, entry.nama)
                out.append(ctx.at("K005", node, comp.name_field, jenis=_jenis(comp.jenis),
                                  kode=entry.kode, name=comp.nama, ref_name=entry.nama, score=score,
                                  ref_source=entry.sumber))
    return out


def _ref_problem(ctx, idx: int, name: str, detail) -> Diagnostic:
    path = ("nomenklatur", idx) if idx < len(ctx.tree.doc.nomenklatur) else ("nomenklatur",)
    return diagnostic("K013", ctx.source.locate(path), field=path, berkas=name, detail=detail)



def _parent_code(tree: PerformanceTree, node: Node, comp):
    """The coded component this one must extend: a higher-level code of the node itself
    (a split node: program + kegiatan) or of the nearest coded ancestor."""
    from pohon.mapping.components import components_of

    own = [c for c in components_of(node) if c is not comp and c.code is not None
           and len(c.code.parts) < len(comp.code.parts)]
    if own:
        best = max(own, key=lambda c: len(c.code.parts))
        return node, best
    for anc in tree.ancestors(node.id):
        coded = [c for c in components_of(anc) if c.code is not None and len(c.code.parts) < len(comp.code.parts)]
        if coded:
            return anc, max(coded, key=lambda c: len(c.code.parts))
    return None


# -- budget ---------------------------------------------------------------------------------

def _check_budget(ctx: Context) -> list[Diagnostic]:
    tree = ctx.tree
    out = []
    if not ctx.facts.with_pagu:  # no pagu anywhere: the roll-up has no mismatch and no conflict
        return out
    b = ctx.budget
    for m in b.mismatches:
        node = tree.node(m.node_id)
        out.append(ctx.at("K006", node, ("pagu", m.year), year=m.year, declared=format_rupiah(m.declared),
                          computed=format_rupiah(m.computed), diff=format_rupiah(m.declared - m.computed)))
    for c in b.conflicts:
        out.append(ctx.at("K015", tree.node(c.node_id), ("pagu", c.year), year=c.year,
                          component=_joined([comp.term for comp in c.components], "; "),
                          amount=format_rupiah(c.amount), first=c.counted_node, counted=format_rupiah(c.counted)))
    return out


def _signed_rupiah(amount) -> str:
    """``Rp -0,50``: the amount with its sign, also below one rupiah."""
    return ("Rp -" + format_rupiah(-amount, prefix="")) if amount < 0 else format_rupiah(amount)


def _check_negative_budget(ctx: Context) -> list[Diagnostic]:
    """K016: a pagu or an action plan's budget below zero (located on the value)."""
    out = []
    facts = ctx.facts
    for node in facts.with_pagu:
        for year, amount in sorted(node.data.pagu.items()):
            if amount < 0:
                out.append(ctx.at("K016", node, ("pagu", year), what=Term("k016_pagu"), year=year,
                                  amount=_signed_rupiah(amount)))
    for node, i, ind in facts.with_actions:
        for year, plan in sorted(ind.rencana_aksi.items()):
            if plan.anggaran is not None and plan.anggaran < 0:
                out.append(ctx.at("K016", node, ("indikator", i, "rencana_aksi", year, "anggaran"),
                                  what=Term.of("k016_anggaran", indicator=ind.uraian), year=year,
                                  amount=_signed_rupiah(plan.anggaran)))
    return out


# -- level profile --------------------------------------------------------------------------

def _check_profile(ctx: Context) -> list[Diagnostic]:
    tree = ctx.tree
    out = []
    prof = resolve_profile(tree.doc)
    has_spec = tree.doc.profil_jabatan is not None
    if prof.unknown_base:
        out.append(ctx.at_path("K008", ("profil_jabatan", "dasar") if has_spec else (), name=prof.unknown_base,
                            known=", ".join(profile_names())))
    used_roles = {n.role_key for n in tree}
    for role_key in prof.unmapped:
        if role_key not in used_roles:
            continue
        first = next(n for n in tree if n.role_key == role_key)
        role_name = ctx.role_name(first)
        if has_spec and role_key in tree.doc.profil_jabatan.peta:
            path = ("profil_jabatan", "peta", role_key)
        elif has_spec:
            path = ("profil_jabatan",)
        else:
            path = ()
        d = ctx.at_path("K007", path, node=first, profile=prof.name, role=role_name, role_key=role_key)
        out.append(d)
    known = level_names()
    for role_key, level in prof.unknown_levels:
        path = ("profil_jabatan", "peta", role_key)
        out.append(ctx.at_path("K009", path, level=level, where=f"profil_jabatan.peta.{role_key}",
                            known=", ".join(known)))
    for node in tree:
        for j, jab in enumerate(node.data.jabatan):
            if not jab.tingkat:
                continue
            if jab.tingkat not in known:
                out.append(ctx.at("K009", node, ("jabatan", j, "tingkat"), level=jab.tingkat,
                                  where=f"{node.id}: {jab.nama}", known=", ".join(known)))
                continue
            levels = prof.levels_of(node)
            if levels and jab.tingkat not in levels:
                out.append(ctx.at("K014", node, ("jabatan", j, "tingkat"), jabatan=jab.nama, level=jab.tingkat,
                                  role=ctx.role_name(node),
                                  levels="/".join(levels)))
    return out


# -- quarterly targets ------------------------------------------------------------------------

def _check_quarters(ctx: Context) -> list[Diagnostic]:
    out = []
    if not ctx.facts.with_actions:  # no rencana aksi anywhere
        return out
    from pohon.mapping.quarters import quarter_status

    for node, i, ind in ctx.facts.with_actions:
        for year in sorted(ind.rencana_aksi):
            st = quarter_status(ind, year)
            if st is None or st[0]:
                continue
            out.append(ctx.at("K010", node, ("indikator", i, "rencana_aksi", year, "tw"), year=year,
                              indicator=ind.uraian, detail=st[1], target=format_number(st[2])))
    return out


# -- merged / split ---------------------------------------------------------------------------

def _check_merge_split(ctx: Context) -> list[Diagnostic]:
    tree = ctx.tree
    out = []
    if not ctx.facts.codes and not ctx.facts.components:
        # every box has its tier's one component, keyed by the box (or joins its anchor's):
        # none is shared by two boxes that chose it, none is split
        return out
    from pohon.mapping.components import index

    idx = index(tree)
    for comps in idx.merged():
        nodes = []
        for c in comps:
            if c.node_id not in nodes:
                nodes.append(c.node_id)
        first = tree.node(nodes[0])
        out.append(ctx.at("K011", first, comps[0].field, component=comps[0].term, count=len(nodes),
                          nodes=", ".join(nodes)))
    for comps in idx.split():
        node = tree.node(comps[0].node_id)
        out.append(ctx.at("K012", node, ("komponen",), count=len(comps),
                          components=_joined([c.term for c in comps], "; ")))
    return out


def _joined(parts: list[tuple], sep: str) -> tuple:
    out: tuple = ()
    for i, p in enumerate(parts):
        out += ((sep,) if i else ()) + p
    return out
