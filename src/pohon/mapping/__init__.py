"""Mapping a performance tree to planning components, position levels, codes and budget.

Pure functions over :class:`pohon.model.tree.PerformanceTree`; no printing, no files written.
"""
