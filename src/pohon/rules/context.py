"""What every check receives, and the helper that places a diagnostic on a node."""

from __future__ import annotations

from functools import cache, cached_property

from pohon.catalogue import diagnostic
from pohon.datafiles import data_yaml
from pohon.diagnostics import Diagnostic, Term

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from pohon.loader.yamlsource import SourceMap
    from pohon.model.tree import Node, PerformanceTree


class TreeFacts:
    """What several checks ask of every box, found in one pass: the boxes with pagu, the
    indicators with a rencana aksi, and whether the tree writes any code or pagu at all.
    (Plain classes here: making a dataclass costs ~0.3 ms on every run, more than a small check.)"""

    def __init__(self, with_pagu: list[Node], with_actions: list[tuple[Node, int, object]], codes: bool,
                 components: bool, translating: bool) -> None:
        self.with_pagu = with_pagu
        self.with_actions = with_actions  # (box, index of the indicator, the indicator)
        self.codes = codes  # a code somewhere (`kode:` of a box or of a component)
        self.components = components  # a box that names its components (`komponen:`)
        self.translating = translating  # a code or a pagu somewhere

    def __repr__(self) -> str:
        return (f"TreeFacts(with_pagu={self.with_pagu!r}, with_actions={self.with_actions!r}, codes={self.codes!r}, "
                f"components={self.components!r}, translating={self.translating!r})")


def tree_facts(tree: PerformanceTree) -> TreeFacts:
    with_pagu: list[Node] = []
    with_actions: list[tuple[Node, int, object]] = []
    codes = components = False
    for node in tree:
        data = node.data
        if data.pagu:
            with_pagu.append(node)
        if data.komponen:
            components = True
            codes = codes or any(k.kode for k in data.komponen)
        if data.kode:
            codes = True
        for i, ind in enumerate(data.indikator):
            if ind.rencana_aksi:
                with_actions.append((node, i, ind))
    return TreeFacts(with_pagu, with_actions, codes, components, codes or bool(with_pagu))


class Context:
    """The checked tree and where its parts came from; checks speak no language."""

    def __init__(self, tree: PerformanceTree, file: str, source: SourceMap) -> None:
        self.tree = tree
        self.file = file
        self.source = source

    def __repr__(self) -> str:
        return f"Context(tree={self.tree!r}, file={self.file!r}, source={self.source!r})"

    def at(self, rule_code: str, node: Node | None, field: str | tuple | None = None, *, key: bool = False,
           about: tuple | None = None, **params) -> Diagnostic:
        """A diagnostic for ``node``, placed on ``field`` (a key or sub-path) when given, else on its id.
        ``about`` names the field the finding is about when that field is not written (a missing key)."""
        if node is None:
            return diagnostic(rule_code, self.source.locate(()), **params)
        sub = (field,) if isinstance(field, str) else tuple(field or ())
        location = self.source.locate(node.path + (sub or ("id",)), key=key)
        return diagnostic(rule_code, location, node=node.id, field=about or sub, **params)

    def at_path(self, rule_code: str, path: tuple, node: Node | None = None, **params) -> Diagnostic:
        """A diagnostic placed on the key at ``path`` in the file (e.g. ``("profil_jabatan", "dasar")``)."""
        return diagnostic(rule_code, self.source.locate(path, key=True), node=node.id if node else None,
                          field=path, **params)

    @cached_property
    def facts(self) -> TreeFacts:
        return tree_facts(self.tree)

    @cached_property
    def budget(self):
        """The pagu roll-up (:func:`pohon.mapping.budget.roll_up`), worked out once for every check."""
        from pohon.mapping.budget import roll_up

        return roll_up(self.tree)

    @cached_property
    def reference(self):
        """The nomenclature reference: pohon's list plus the files the tree names (`nomenklatur:`)."""
        from pohon.mapping.nomenclature import load_reference

        files, base = list(self.tree.doc.nomenklatur), None
        if files and self.file:  # their paths are relative to the tree's folder
            from pathlib import Path

            base = Path(self.file).parent
        return load_reference(files, base)

    @staticmethod
    def role_name(node: Node | None):
        """The node's role, named in the reader's language."""
        return Term(f"role:{node.role_key}") if node is not None and node.role_key else "?"


@cache
def words() -> dict:
    """The word lists of ``data/kata.yaml``."""
    return data_yaml("kata.yaml")
