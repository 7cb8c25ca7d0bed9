"""The import's YAML writer: whatever the text, YAML reads back exactly what was written."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pohon.impor.yamlout import dump

scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**15, max_value=10**15),
                    st.floats(allow_nan=False, allow_infinity=False, width=64),
                    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
keys = st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
                 st.integers(min_value=1900, max_value=2200))
data = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(keys, data, max_size=5))
def test_dump_reads_back_the_same(value):
    assert yaml.safe_load(dump(value, ["kepala"])) == (value or None)


def test_block_style_for_notes_and_quotes_where_yaml_would_misread():
    text = dump({"kode": "8.01", "catatan": "Impor A1: satu\nImpor B2: dua", "jawab": "yes", "x": "a: b"})
    assert text == ('kode: "8.01"\ncatatan: |-\n  Impor A1: satu\n  Impor B2: dua\njawab: "yes"\nx: "a: b"\n')
