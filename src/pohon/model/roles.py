"""Node roles and tiers as data (``data/roles.yaml``): order, labels and the method's translation.

A *role* is what a box is in the method (outcome, CSF, kondisi antara utama, kondisi antara,
kondisi operasional); which roles may stand below which is data (``bawah``), so a tree may have
several kondisi antara levels. A *tier* (jenjang) is a row of the translation table: the role of
a box, except that a kondisi antara with a kondisi antara below it is an upper kondisi antara
(``antara-atas``), translated like the kondisi antara utama above it. Tiers carry the planning
component, the kind of performance, and whether a PK/SKP or an IKU belongs to them; which
position levels own them is the level profile's (``pohon.mapping.profiles``).
"""

from __future__ import annotations

from functools import cache

from pohon.datafiles import data_yaml


class Role:
    """One role of data/roles.yaml `roles` (made once per run; compared by identity)."""

    def __init__(self, key: str, rank: int, tahap: int, label: dict[str, str], bawah: tuple[str, ...] = ()) -> None:
        self.key, self.rank, self.tahap, self.label = key, rank, tahap, label
        self.bawah = bawah  # the roles a child may have, the usual one first

    def __repr__(self) -> str:
        return f"Role({self.key!r})"

    def name(self, lang: str = "id") -> str:
        return self.label.get(lang) or self.label["id"]

    @property
    def is_leaf(self) -> bool:
        """Nothing may stand below a box of this role (the kondisi operasional)."""
        return not self.bawah


class Tier:
    """One row of data/roles.yaml `jenjang` (made once per run; compared by identity)."""

    def __init__(self, key: str, peran: str, label: dict[str, str], kinerja: dict[str, str], komponen: str,
                 hasil: str, perjanjian: bool, iku: bool, sumber: dict[str, str], atas: str | None = None) -> None:
        self.key = key
        self.peran = peran  # the role of its boxes
        self.label, self.kinerja = label, kinerja
        self.komponen = komponen  # tujuan | sasaran | program | kegiatan | sub_kegiatan
        self.hasil = hasil  # outcome | output
        self.perjanjian = perjanjian  # signed in a PK/SKP
        self.iku = iku  # may carry an IKU
        self.sumber = sumber
        self.atas = atas  # the tier of a `peran` box with a child of this role

    def __repr__(self) -> str:
        return f"Tier({self.key!r})"

    def name(self, lang: str = "id") -> str:
        return self.label.get(lang) or self.label["id"]

    @property
    def outcome_level(self) -> bool:
        """Its component carries outcome indicators (Tujuan, Sasaran, Program)."""
        return self.hasil == "outcome"


@cache
def roles() -> tuple[Role, ...]:
    data = data_yaml("roles.yaml")
    return tuple(sorted((Role(**{**r, "bawah": tuple(r.get("bawah") or ())}) for r in data["roles"]),
                        key=lambda r: r.rank))


@cache
def tiers() -> tuple[Tier, ...]:
    """The rows of the translation table, top down."""
    return tuple(Tier(**t) for t in data_yaml("roles.yaml")["jenjang"])


def role(key: str) -> Role:
    return _by_key()[key]


def tier(key: str) -> Tier:
    return _tiers_by_key()[key]


@cache
def _by_key() -> dict[str, Role]:
    return {r.key: r for r in roles()}


@cache
def _tiers_by_key() -> dict[str, Tier]:
    return {t.key: t for t in tiers()}


def child_roles(key: str) -> tuple[Role, ...]:
    """The roles a box may have below a box of role ``key``, the usual one first."""
    return tuple(role(k) for k in role(key).bawah)


def next_role(key: str) -> Role | None:
    """The usual role below ``key`` (None below the kondisi operasional)."""
    below = child_roles(key)
    return below[0] if below else None


def leaf_role() -> Role:
    return roles()[-1]


def tier_of(role_key: str, below: set[str] | frozenset[str] = frozenset()) -> str:
    """The tier of a box of role ``role_key`` whose children have the roles ``below``."""
    for t in tiers():
        if t.peran == role_key and t.atas and t.atas in below:
            return t.key
    return next((t.key for t in tiers() if t.peran == role_key and not t.atas), role_key)
