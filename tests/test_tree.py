from pohon.loader.load import load_text
from tests.helpers import chain, tree


def test_nested_tree_navigation():
    t = load_text(chain()).tree
    assert [n.id for n in t] == ["O1", "C1", "KAU1", "KA1", "KO1"]
    assert [n.id for n in t.roots()] == ["O1"]
    assert [n.id for n in t.leaves()] == ["KO1"]
    assert [n.id for n in t.path_to_root("KO1")] == ["KO1", "KA1", "KAU1", "C1", "O1"]
    assert t.depth("KO1") == 4
    assert t.parent("O1") is None
    assert [n.id for n in t.children("KAU1")] == ["KA1"]
    assert [n.id for n in t.descendants("KAU1")] == ["KA1", "KO1"]


def test_roles_are_inferred_from_the_parent_when_omitted():
    t = load_text(chain()).tree
    assert [n.role_key for n in t] == ["outcome", "csf", "antara-utama", "antara", "operasional"]


def test_flat_tree_with_induk_equals_nested_tree():
    flat = tree("""
        - {id: KO2, induk: KA1, uraian: Terlaksananya y}
        - {id: O1, uraian: Meningkatnya x}
        - {id: C1, induk: O1, uraian: Meningkatnya c}
        - {id: KAU1, induk: C1, uraian: Meningkatnya k}
        - {id: KA1, induk: KAU1, uraian: Terumuskannya k}
        - {id: KO1, induk: KA1, uraian: Terlaksananya x}
        """)
    t = load_text(flat).tree
    assert [n.id for n in t.walk()] == ["O1", "C1", "KAU1", "KA1", "KO2", "KO1"]
    assert t.node("KO2").role_key == "operasional"
    assert [n.id for n in t.by_role("operasional")] == ["KO2", "KO1"]


def test_build_keeps_what_it_cannot_place():
    text = tree("""
        - {id: O1, uraian: Meningkatnya x}
        - {id: O1, uraian: Meningkatnya y}
        - {id: A, induk: B, uraian: Meningkatnya a}
        - {id: B, induk: A, uraian: Meningkatnya b}
        - {id: Z, induk: nope, uraian: Meningkatnya z}
        """)
    t = load_text(text).tree
    assert [(a.id, f.order) for a, f in t.problems.duplicates] == [("O1", 0)]
    assert [n.id for n in t.problems.dangling] == ["Z"]
    assert t.problems.cycles == [["A", "B"]]
    assert len(t) == 4  # the duplicate is not a node
    assert t.node("Z").role_key is None  # an orphan's role is unknown


def test_networkx_view_matches_the_tree():
    import networkx as nx

    t = load_text(chain()).tree
    g = t.graph
    assert list(nx.topological_sort(g)) == ["O1", "C1", "KAU1", "KA1", "KO1"]
    assert g.nodes["KA1"]["node"] is t.node("KA1")
    assert set(nx.descendants(g, "KAU1")) == {n.id for n in t.descendants("KAU1")}
