"""The domain model: the tree file schema and :class:`PerformanceTree`."""

from pohon.model.schema import Indikator, PohonFile, Simpul
from pohon.model.tree import Node, PerformanceTree

__all__ = ["Indikator", "Node", "PerformanceTree", "PohonFile", "Simpul"]
