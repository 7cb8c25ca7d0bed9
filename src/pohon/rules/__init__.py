"""The checks behind `pohon check`. Each check takes a :class:`Context` and yields diagnostics;
none of them prints. :func:`check_result` runs them all and applies selection and suppression."""

from __future__ import annotations

from pohon.diagnostics import Diagnostic
from pohon.gcpause import paused_gc
from pohon.rules import mapping, measure, method, plan_forms, positions, similar, structure
from pohon.rules.context import Context

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from pohon.loader.load import LoadResult

CHECKS = [*structure.CHECKS, *method.CHECKS, *similar.CHECKS, mapping.check_mapping, *positions.CHECKS,
          *plan_forms.CHECKS, *measure.CHECKS]


def _matches(code: str, patterns: list[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


def unknown_codes(text: str | list[str] | None) -> list[str]:
    """The codes in a --select/--ignore list that name no rule or rule group."""
    codes = _codes(text)
    if not codes:
        return []
    from pohon.catalogue import rules

    known = list(rules())
    return [c for c in codes if not any(k.startswith(c) for k in known)]


def _codes(text: str | list[str] | None) -> list[str]:
    if not text:
        return []
    items = text.split(",") if isinstance(text, str) else text
    return [c.strip().upper() for c in items if c.strip()]


def check_result(result: LoadResult, select: str | list[str] | None = None,
                 ignore: str | list[str] | None = None) -> list[Diagnostic]:
    """Every diagnostic for one loaded file: loader problems, then every rule, sorted by position."""
    diags = list(result.diagnostics)
    if result.tree is not None:
        ctx = Context(result.tree, result.file, result.source)
        with paused_gc():  # with a big tree alive, collector passes during the rules cost seconds
            for check in CHECKS:
                diags.extend(check(ctx))
        diags = _suppress(ctx, diags)
    sel, ign = _codes(select), _codes(ignore)
    if sel:
        diags = [d for d in diags if _matches(d.code, sel)]
    if ign:
        diags = [d for d in diags if not _matches(d.code, ign)]
    return sorted(set(diags), key=lambda d: d.sort_key)


def _suppress(ctx: Context, diags: list[Diagnostic]) -> list[Diagnostic]:
    """Drop what a node's `abaikan:` suppresses (with its reason); report unused suppressions (M013)."""
    wanted = {(n.id, code.upper()): n for n in ctx.tree for code in n.data.abaikan}
    used: set[tuple[str, str]] = set()
    kept = []
    for d in diags:
        key = (d.node, d.code)
        if key in wanted and not d.code.startswith("F"):
            used.add(key)
        else:
            kept.append(d)
    for (nid, code), node in wanted.items():
        if (nid, code) not in used:
            kept.append(ctx.at("M013", node, ("abaikan", code), key=True, code=code))
    return kept
