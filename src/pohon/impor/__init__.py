"""Importing planners' spreadsheets (XLSX, CSV) into a tree file.

- :mod:`.read`: the sheets of a workbook or a CSV file as rows of values, safely and within limits
  (merged cells forward-filled, formula errors and missing cached values reported per cell);
- :mod:`.cells`: reading one cell's value (Rupiah, targets like "4 Keg", codes);
- :mod:`.detect`: which layout a sheet has, from its headers (or ``--kolom`` by hand);
- :mod:`.layouts`: one module per layout, each turning rows into a :class:`.draft.Draft`;
- :mod:`.draft`: the tree being built, with the note on every interpreted value;
- :mod:`.yamlout`: the tree file written for people (the schema's key order, block style);
- :mod:`.templat` and :mod:`.isian`: the fill-in workbook and reading it back;
- :mod:`.nomenklatur`: the official nomenclature lampiran → a reference file.

Problems are diagnostics (rule codes I001–I043) located at ``Lembar!C12``; nothing here prints.
"""
