"""Measuring performance (the measurement half of SAKIP): capaian, categories, roll-up, budget
absorption and efficiency, quarterly monitoring, and the audit of printed figures.

Small modules with one job each: :mod:`quantity` (reading targets/realisations as exact numbers
or SAKIP grades), :mod:`formulas` (capaian by polarity), :mod:`rounding`, :mod:`bands`
(categories), :mod:`settings` (a tree's ``pengukuran:`` block over ``data/pengukuran.yaml``),
:mod:`realisasi` (realisation files per year), :mod:`compute` (one year's measurement of a
tree), :mod:`findings` (the U rules), :mod:`audit` (the A rules). Speaks no language: words are
added at the edges (tables, CLI).
"""
