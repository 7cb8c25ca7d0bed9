"""What every check receives, and the helper that places a diagnostic on a node."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pohon.catalogue import diagnostic
from pohon.datafiles import data_yaml
from pohon.diagnostics import Diagnostic
from pohon.loader.yamlsource import SourceMap
from pohon.model.tree import Node, PerformanceTree


@dataclass
class Context:
    tree: PerformanceTree
    file: str
    lang: str
    source: SourceMap

    def at(self, rule_code: str, node: Node | None, field: str | tuple | None = None, *, key: bool = False,
           **params) -> Diagnostic:
        """A diagnostic for ``node``; placed on ``field`` (a key or sub-path) when given, else on its id."""
        if node is None:
            line, col = 1, 1
        else:
            sub = (field,) if isinstance(field, str) else (field or ("id",))
            locate = self.source.key if key else self.source.value
            line, col = locate(node.path + tuple(sub))
        return diagnostic(rule_code, self.lang, file=self.file, line=line, col=col,
                          node=node.id if node else None, **params)

    def at_path(self, rule_code: str, path: tuple, node: Node | None = None, **params) -> Diagnostic:
        """A diagnostic placed on the key at ``path`` in the file (e.g. ``("profil_jabatan", "dasar")``)."""
        line, col = self.source.key(path) if path else (1, 1)
        return diagnostic(rule_code, self.lang, file=self.file, line=line, col=col,
                          node=node.id if node else None, **params)

    @cached_property
    def reference(self):
        """The nomenclature reference: pohon's list plus the files the tree names (`nomenklatur:`)."""
        from pohon.mapping.nomenclature import load_reference

        base = Path(self.file).parent if self.file else None
        return load_reference(list(self.tree.doc.nomenklatur), base)

    def role_name(self, node: Node | None) -> str:
        return node.role.name(self.lang) if node is not None and node.role else "?"


@cache
def words() -> dict:
    """The word lists of ``data/kata.yaml``."""
    return data_yaml("kata.yaml")
