"""`PerformanceTree`: the pohon kinerja as a domain object.

The rest of pohon speaks of parents, children, roles and paths to the outcome; only this
module knows how the links are stored. Navigation runs on two small indexes (parent of each
node, children in document order); :attr:`PerformanceTree.graph` gives the same tree as a
``networkx.DiGraph`` (edges parent → child) for graph algorithms. networkx is imported only
then: it costs more start-up time than a whole `pohon check` of a 150-node tree.
Building never fails: what cannot be placed (a duplicate id, a parent that does not exist, a
cycle) is kept in plain lists for the structural rules to report.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from pohon.model.roles import Role, Tier, child_roles, leaf_role, role, roles, tier, tier_of

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    import networkx as nx

    from pohon.model.schema import PohonFile, Simpul


class Node:
    """One box of the tree, with what the file says (``data``) and what pohon derived.

    (Plain classes here and in :mod:`pohon.model.roles`, not dataclasses: making a dataclass
    costs start-up time, and `pohon check` of a small tree is mostly start-up.)"""

    def __init__(self, id: str, data: Simpul, path: tuple, order: int, nested_parent: str | None = None) -> None:
        self.id = id
        self.data = data
        self.path = path  # where the node sits in the file's data, e.g. ("kinerja", 0, "cabang", 2)
        self.order = order  # position in the file, for stable output
        self.nested_parent = nested_parent
        self.role_key: str | None = None
        self.tier: Tier | None = None  # the row of the translation table (data/roles.yaml `jenjang`)
        self.anchor: Node | None = None  # an upper kondisi antara: the box whose component it joins
        # a crosscutting box left to its partner (not decomposed here): not part of the
        # organisation's own translation (no component, PK/SKP, Renstra or matrix row)
        self.partner_handled = False
        self.components: list | None = None  # its planning components, once worked out (pohon.mapping.components_of)

    def __repr__(self) -> str:
        return f"Node({self.id!r}, role={self.role_key!r})"

    @property
    def uraian(self) -> str:
        return self.data.uraian

    @property
    def declared_parent(self) -> str | None:
        return self.nested_parent or self.data.induk

    @property
    def role(self) -> Role | None:
        return role(self.role_key) if self.role_key else None

    @property
    def tier_key(self) -> str | None:
        return self.tier.key if self.tier is not None else None

    @property
    def indikator(self):
        return self.data.indikator

    @property
    def is_crosscutting(self) -> bool:
        return self.data.is_crosscutting


class BuildProblems:
    """What the builder could not place, for the structural rules to report."""

    def __init__(self) -> None:
        self.duplicates: list[tuple[Node, Node]] = []  # (again, first)
        self.dangling: list[Node] = []
        self.conflicts: list[Node] = []  # nested under one node, induk names another
        self.cycles: list[list[str]] = []


class PerformanceTree:
    """A pohon kinerja: nodes with roles, one parent each, children in document order."""

    def __init__(self, doc: PohonFile) -> None:
        self.doc = doc
        self._nodes: dict[str, Node] = {}  # document order (duplicates keep the first)
        self._parent: dict[str, str] = {}
        self._children: dict[str, list[str]] = {}
        self.problems = BuildProblems()
        self._derived: dict = {}  # see derived()
        self._flatten()
        self._link()
        self._resolve_roles()

    # -- building ---------------------------------------------------------------------
    def _flatten(self) -> None:
        stack: list[tuple[Simpul, tuple, str | None]] = [
            (s, ("kinerja", i), None) for i, s in reversed(list(enumerate(self.doc.kinerja)))
        ]
        order = 0
        while stack:
            simpul, path, nested = stack.pop()
            node = Node(simpul.id, simpul, path, order, nested)
            order += 1
            first = self._nodes.get(simpul.id)
            if first is not None:
                self.problems.duplicates.append((node, first))
            else:
                self._nodes[simpul.id] = node
                self._children[simpul.id] = []
            for j in range(len(simpul.cabang) - 1, -1, -1):
                stack.append((simpul.cabang[j], path + ("cabang", j), simpul.id))

    def _link(self) -> None:
        parent_of: dict[str, str] = {}
        for node in self._nodes.values():
            induk = node.data.induk
            if node.nested_parent and induk and induk != node.nested_parent:
                self.problems.conflicts.append(node)
            parent = node.declared_parent
            if parent is None:
                continue
            if parent not in self._nodes:
                self.problems.dangling.append(node)
                continue
            parent_of[node.id] = parent
        # a node whose parent chain loops never reaches a root: report and cut the loop
        state: dict[str, int] = {}  # 1 = on the current walk, 2 = known to reach a root
        for start in self._nodes:
            walk = []
            cur: str | None = start
            while cur is not None and state.get(cur) is None:
                state[cur] = 1
                walk.append(cur)
                cur = parent_of.get(cur)
            if cur is not None and state[cur] == 1:
                loop = walk[walk.index(cur):]
                self.problems.cycles.append(loop)
                del parent_of[loop[-1]]  # cut at the last link so the rest stays attached
            for n in walk:
                state[n] = 2
        for node in self._nodes.values():  # document order keeps children ordered
            parent = parent_of.get(node.id)
            if parent is not None:
                self._parent[node.id] = parent
                self._children[parent].append(node.id)

    def _resolve_roles(self) -> None:
        order = self._order = list(self._walk(None))  # the links are fixed from here on: walked once
        nodes, parent_of, children = self._nodes, self._parent, self._children
        implied: dict[tuple, str] = {}  # (parent's role, has children) → role: few distinct cases
        for node in order:
            if node.data.peran:
                node.role_key = node.data.peran
                continue
            parent_id = parent_of.get(node.id)
            if parent_id is None:
                # a true root is the outcome; an orphan (its parent is missing) is unknown
                node.role_key = roles()[0].key if node.declared_parent is None else None
            elif nodes[parent_id].role_key is not None:
                case = (nodes[parent_id].role_key, bool(children[node.id]))
                found = implied.get(case)
                if found is None:
                    found = implied[case] = self._implied_role(*case)
                node.role_key = found
        tiers: dict[tuple, Tier] = {}  # (role, the children's roles) → tier
        for node in order:  # parents before children: an anchor's own tier is known
            kids = children[node.id]
            node.partner_handled = not kids and node.data.is_crosscutting
            if node.role_key is None:
                continue
            case = (node.role_key, frozenset(nodes[c].role_key for c in kids))
            t = tiers.get(case)
            if t is None:
                t = tiers[case] = tier(tier_of(*case))
            node.tier = t
            if t.atas:
                parent_id = parent_of.get(node.id)
                parent = nodes[parent_id] if parent_id is not None else None
                if parent is not None and parent.tier is not None:
                    if parent.tier.key == t.key:
                        node.anchor = parent.anchor
                    elif parent.tier.komponen == t.komponen:
                        node.anchor = parent

    @staticmethod
    def _implied_role(parent_role: str, has_children: bool) -> str:
        """The role of a box written without `peran:`: the usual role below its parent, or,
        where several may stand there (below a kondisi antara: another kondisi antara or a
        kondisi operasional), the first that may have children when it has some, and one that
        may not when it is a leaf. Below the lowest role: the lowest role (S006 reports it)."""
        below = child_roles(parent_role)
        if not below:
            return leaf_role().key
        fits = [r for r in below if r.is_leaf != has_children]
        return (fits or below)[0].key

    def derived(self, key, make):
        """A value worked out from this tree once and kept with it (its positions, a year's
        measurement, a box's planning components): ``make()`` the first time ``key`` is asked."""
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = make()
        return found

    # -- queries ----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self._nodes.values())

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def node(self, node_id: str) -> Node:
        return self._nodes[node_id]

    def get(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    @property
    def ids(self) -> list[str]:
        return [n.id for n in self]

    def parent(self, node_id: str) -> Node | None:
        parent = self._parent.get(node_id)
        return self._nodes[parent] if parent is not None else None

    def children(self, node_id: str) -> list[Node]:
        return [self._nodes[c] for c in self._children[node_id]]

    def roots(self) -> list[Node]:
        return [n for n in self if n.id not in self._parent and n.declared_parent is None]

    def leaves(self) -> list[Node]:
        return [n for n in self if not self._children[n.id]]

    def ancestors(self, node_id: str) -> list[Node]:
        """Parent first, the root last."""
        out = []
        cur = self.parent(node_id)
        while cur is not None:
            out.append(cur)
            cur = self.parent(cur.id)
        return out

    def path_to_root(self, node_id: str) -> list[Node]:
        """The node itself, then its ancestors up to the root."""
        return [self._nodes[node_id], *self.ancestors(node_id)]

    def depth(self, node_id: str) -> int:
        return len(self.ancestors(node_id))

    def descendants(self, node_id: str) -> list[Node]:
        """Every node below ``node_id``, depth-first in document order."""
        return list(self.walk(node_id))[1:]

    def walk(self, start: str | None = None) -> Iterator[Node]:
        """Depth-first, parents before children, siblings in document order.

        Without ``start``: every tree hanging from a node without a placed parent (roots,
        and nodes whose parent could not be resolved), so every node is visited once.
        """
        if start is None:
            return iter(self._order)  # worked out once when the tree was built
        return self._walk(start)

    def _walk(self, start: str | None) -> Iterator[Node]:
        starts = [start] if start else [n.id for n in self if n.id not in self._parent]
        for s in starts:
            stack = [s]
            while stack:
                nid = stack.pop()
                yield self._nodes[nid]
                stack.extend(reversed(self._children[nid]))

    def by_role(self, role_key: str) -> list[Node]:
        return [n for n in self if n.role_key == role_key]

    def subtree(self, node_id: str) -> list[Node]:
        return list(self.walk(node_id))

    @property
    def years(self) -> range:
        return self.doc.years

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The tree as a ``networkx.DiGraph``: nodes carry ``node=Node``, edges run parent → child."""
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from((n.id, {"node": n}) for n in self)
        g.add_edges_from((p, c) for c, p in self._parent.items())
        return g
