"""The domain model: the tree file schema and :class:`PerformanceTree`.

The pydantic models (``Indikator``, ``PohonFile``, ``Simpul``) are imported on first use: a valid
file is read without them (:mod:`pohon.model.quick`).
"""

from pohon.model.tree import Node, PerformanceTree

__all__ = ["Indikator", "Node", "PerformanceTree", "PohonFile", "Simpul"]


def __getattr__(name: str):
    if name in ("Indikator", "PohonFile", "Simpul"):
        from pohon.model import schema

        return getattr(schema, name)
    raise AttributeError(f"module 'pohon.model' has no attribute {name!r}")
