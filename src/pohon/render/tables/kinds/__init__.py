"""The table kinds of ``pohon tabel --jenis``: one module per kind in this package.

A kind's module defines a module-level ``KIND = TableKind(name, build, help, order)``; its name
is the module's name with ``-`` for ``_`` (``rencana_aksi.py`` → ``--jenis rencana-aksi``).
Adding a kind is adding a module here (and its strings in ``data/messages.yaml``): the command's
choices and help, the builder dispatch and the tests follow from this package.

:func:`names` lists the kinds from the module names without importing them; :func:`kinds`
imports them, in ``order`` (only when a table is built, or ``--jenis`` is checked or its help
shown), so ``pohon --help`` stays fast. This module imports nothing but the standard library at
module level.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from pohon.render.tables.common import Input
    from pohon.render.tables.model import TableDoc


@dataclass(frozen=True)
class TableKind:
    name: str  # the --jenis value; must be the module's name with "-" for "_"
    build: Callable[[Input], TableDoc]  # the tree (with its check diagnostics) → a format-neutral table
    help: str  # data/messages.yaml key: what the table holds, a few words (command help)
    order: int = 100  # position among the kinds (choices, help): the planner's order of work


def kind_name(module: str) -> str:
    return module.replace("_", "-")


@cache
def names() -> tuple[str, ...]:
    """The kinds' names, from the module names in this package (nothing imported)."""
    return tuple(sorted(kind_name(m.name) for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")))


@cache
def kinds() -> dict[str, TableKind]:
    """Every kind by name, in their ``order`` (imports the kind modules)."""
    found = []
    for name in names():
        kind = importlib.import_module(f"{__name__}.{name.replace('-', '_')}").KIND
        if kind.name != name:
            raise RuntimeError(f"{__name__}.{name.replace('-', '_')}: KIND.name is {kind.name!r}, expected {name!r}")
        found.append(kind)
    return {k.name: k for k in sorted(found, key=lambda k: (k.order, k.name))}


def get(name: str) -> TableKind:
    try:
        return kinds()[name]
    except KeyError:
        raise ValueError(f"unknown table kind {name!r}; known: {', '.join(names())}") from None
