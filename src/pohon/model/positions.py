"""`PetaJabatan`: the organisation's positions (peta jabatan) as a domain object.

A tree file may declare its positions (``peta_jabatan:``): id, name, level, superior (``atasan``)
and holders. Boxes name the positions that own them (``pemilik:``). This module links both:
who reports to whom, which boxes a position owns, and which box of the superior a box serves
("RHK pimpinan yang diintervensi", PermenPANRB 6/2022). Like :class:`PerformanceTree` it runs on
plain indexes and building never fails: what cannot be linked (a duplicate id, a superior or an
owner that does not exist, a loop of superiors) is kept in plain lists for the rules to report.

:class:`LevelOrder` orders position levels by the level profile's rows (the rules and tables
give it the rows, so this module needs no profile).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pohon.model.coerce import TINGKAT_LEVEL
from pohon.model.roles import roles
from pohon.model.tree import Node, PerformanceTree

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)

if TYPE_CHECKING:
    from pohon.model.schema import JabatanPeta, Pemegang


_SENIORITY = list(dict.fromkeys(TINGKAT_LEVEL.values()))  # JPT, Administrator, Pengawas, JF, JP


class Position:
    """One position of the peta jabatan, with what the file says (``data``) and where."""

    def __init__(self, id: str, data: JabatanPeta, path: tuple, order: int) -> None:
        self.id = id
        self.data = data
        self.path = path  # where it sits in the file's data: ("peta_jabatan", 3)
        self.order = order

    def __repr__(self) -> str:
        return f"Position({self.id!r})"

    @property
    def nama(self) -> str:
        return self.data.nama

    @property
    def level(self) -> str:
        """JPT, Administrator, Pengawas, JF or JP (the keys of the level profiles)."""
        return self.data.level

    @property
    def holders(self) -> list[Pemegang]:
        return list(self.data.pemegang)

    @property
    def declared_superior(self) -> str | None:
        return self.data.atasan


class PositionProblems:
    """What could not be linked, for the position rules to report."""

    def __init__(self) -> None:
        self.duplicates: list[tuple[Position, Position]] = []  # (again, first)
        self.dangling: list[Position] = []  # `atasan` names no position
        # each loop once: the position whose `atasan` link was cut, its superior, theirs, …
        self.cycles: list[list[str]] = []
        self.unknown_owners: list[tuple[Node, int, str]] = []  # (box, index in pemilik, id)


class PetaJabatan:
    """The positions of a tree file, their superiors, and the boxes each one owns."""

    def __init__(self, tree: PerformanceTree) -> None:
        self.tree = tree
        self._positions: dict[str, Position] = {}
        self._superior: dict[str, str] = {}
        self._subordinates: dict[str, list[str]] = {}
        self._owners: dict[str, list[str]] = {}  # box id -> position ids, as written
        self._boxes: dict[str, list[str]] = {}  # position id -> box ids, in tree order
        self.problems = PositionProblems()
        self._index()
        self._link()
        self._own()

    @classmethod
    def of(cls, tree: PerformanceTree) -> PetaJabatan:
        """The positions of ``tree``, built once per tree (kept with the tree)."""
        return tree.derived("positions", lambda: cls(tree))

    # -- building ---------------------------------------------------------------------
    def _index(self) -> None:
        for i, data in enumerate(self.tree.doc.peta_jabatan):
            pos = Position(data.id, data, ("peta_jabatan", i), i)
            first = self._positions.get(pos.id)
            if first is not None:
                self.problems.duplicates.append((pos, first))
                continue
            self._positions[pos.id] = pos
            self._subordinates[pos.id] = []
            self._boxes[pos.id] = []

    def _link(self) -> None:
        superior: dict[str, str] = {}
        for pos in self._positions.values():
            up = pos.declared_superior
            if up is None:
                continue
            if up not in self._positions:
                self.problems.dangling.append(pos)
                continue
            superior[pos.id] = up
        # a chain of superiors that loops never reaches the head: report it once and cut it
        state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
        for start in self._positions:
            walk = []
            cur: str | None = start
            while cur is not None and state.get(cur) is None:
                state[cur] = 1
                walk.append(cur)
                cur = superior.get(cur)
            if cur is not None and state[cur] == 1:
                loop = walk[walk.index(cur):]
                # cut the link of the most senior position (JPT before Administrator …): the
                # head of an organisation is the likeliest to have been given a superior by mistake
                cut = min(loop, key=lambda p: (_SENIORITY.index(self._positions[p].level), self._positions[p].order))
                at = loop.index(cut)
                self.problems.cycles.append(loop[at:] + loop[:at])  # from the cut link's owner
                del superior[cut]
            for p in walk:
                state[p] = 2
        for pos in self._positions.values():  # file order keeps subordinates ordered
            up = superior.get(pos.id)
            if up is not None:
                self._superior[pos.id] = up
                self._subordinates[up].append(pos.id)

    def _own(self) -> None:
        for node in self.tree.walk():
            ids: list[str] = []
            for i, pid in enumerate(node.data.pemilik):
                if pid not in self._positions:
                    self.problems.unknown_owners.append((node, i, pid))
                elif pid not in ids:
                    ids.append(pid)
            if ids:
                self._owners[node.id] = ids
                for pid in ids:
                    self._boxes[pid].append(node.id)

    # -- queries ----------------------------------------------------------------------
    @property
    def declared(self) -> bool:
        """The file declares a peta jabatan (then every box at a PK level needs an owner)."""
        return bool(self.tree.doc.peta_jabatan)

    @property
    def names_owners(self) -> bool:
        """Some box writes `pemilik:` (known or not)."""
        return bool(self._owners or self.problems.unknown_owners)

    def __len__(self) -> int:
        return len(self._positions)

    def __iter__(self) -> Iterator[Position]:
        return iter(self._positions.values())

    def __contains__(self, pos_id: object) -> bool:
        return pos_id in self._positions

    def get(self, pos_id: str | None) -> Position | None:
        return self._positions.get(pos_id) if pos_id is not None else None

    def position(self, pos_id: str) -> Position:
        return self._positions[pos_id]

    @property
    def ids(self) -> list[str]:
        return list(self._positions)

    def superior(self, pos_id: str) -> Position | None:
        """The superior (atasan langsung), when it is declared and exists (a loop is cut)."""
        up = self._superior.get(pos_id)
        return self._positions[up] if up is not None else None

    def superiors(self, pos_id: str) -> list[Position]:
        """The superior first, the head of the chain last."""
        out = []
        cur = self.superior(pos_id)
        while cur is not None:
            out.append(cur)
            cur = self.superior(cur.id)
        return out

    def subordinates(self, pos_id: str) -> list[Position]:
        return [self._positions[p] for p in self._subordinates[pos_id]]

    def heads(self) -> list[Position]:
        """The positions without a (known) superior."""
        return [p for p in self if p.id not in self._superior]

    def owners(self, node_id: str) -> list[Position]:
        """The known positions a box names in `pemilik:`, in the order written."""
        return [self._positions[p] for p in self._owners.get(node_id, ())]

    def boxes(self, pos_id: str) -> list[Node]:
        """The boxes a position owns, in tree order."""
        return [self.tree.node(n) for n in self._boxes.get(pos_id, ())]

    def owns(self, pos_id: str, node_id: str) -> bool:
        return pos_id in self._owners.get(node_id, ())

    def served_box(self, pos_id: str, node_id: str) -> Node | None:
        """The result of the superior that box ``node_id`` of position ``pos_id`` supports (RHK
        pimpinan yang diintervensi): the nearest ancestor box owned by the position's superior.
        None when the position has no superior or the superior owns none of the box's ancestors."""
        up = self._superior.get(pos_id)
        if up is None:
            return None
        return next((a for a in self.tree.ancestors(node_id) if self.owns(up, a.id)), None)


class LevelOrder:
    """Position levels ranked top down by a level profile's rows (one list of levels per role,
    top role first). Levels that own the same row are peers (JF and JP); a level no row names
    (Pengawas in a profile without it) sits just below the nearest named level above it in
    ``known`` (all levels, top down)."""

    def __init__(self, rows: Iterable[list[str]], known: list[str]) -> None:
        groups: list[set[str]] = []
        for row in rows:
            levels = set(row)
            if not levels:
                continue
            touching = [g for g in groups if g & levels]
            if touching:
                merged = set().union(levels, *touching)
                first = groups.index(touching[0])
                groups = [g for g in groups if g not in touching]
                groups.insert(first, merged)
            else:
                groups.append(levels)
        self._rank: dict[str, float] = {lv: float(i) for i, g in enumerate(groups) for lv in g}
        above = -0.5
        for lv in known:
            if lv in self._rank:
                above = self._rank[lv]
            else:
                self._rank[lv] = above + 0.5

    def rank(self, level: str) -> float | None:
        """0 for the top level; a step down adds 1 (0.5 for a level the profile does not name)."""
        return self._rank.get(level)

    def above(self, upper: str, lower: str) -> bool:
        a, b = self.rank(upper), self.rank(lower)
        return a is not None and b is not None and a < b

    def skipped(self, upper: str, lower: str) -> list[str]:
        """The profile's levels strictly between ``upper`` and ``lower`` (a whole step or more)."""
        a, b = self.rank(upper), self.rank(lower)
        if a is None or b is None or b - a <= 1:
            return []
        return sorted((lv for lv, r in self._rank.items() if a < r < b and r == int(r)),
                      key=lambda lv: self._rank[lv])


def level_order(profile, known: list[str]) -> LevelOrder:
    """The levels of a level profile (``pohon.mapping.profiles.Profile``), top down, among the
    ``known`` levels (``pohon.mapping.profiles.level_names()``)."""
    return LevelOrder((profile.levels(r.key) for r in roles()), known)
