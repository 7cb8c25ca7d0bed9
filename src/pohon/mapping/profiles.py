"""Level profiles: tier of the tree → position levels (PK/SKP), as data (``data/profiles.yaml``).

A profile maps each tier (``data/roles.yaml`` ``jenjang``: the roles, plus the upper kondisi
antara ``antara-atas``) to position levels. Which boxes are signed in a PK/SKP at all is the
tier's (the outcome is the organisation's Tujuan: no PK) and the box's (a crosscutting box left
to its partner is not the organisation's): :func:`in_agreement`.
"""

from __future__ import annotations

from pohon.datafiles import data_yaml
from pohon.model.roles import roles
from pohon.model.tree import Node

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from pohon.model.schema import PohonFile

UPPER_FALLBACK = {"antara-atas": "antara-utama"}  # a tier the profile leaves out: owned like this one


def _data() -> dict:
    return data_yaml("profiles.yaml")


def profile_names() -> list[str]:
    return list(_data()["profil"])


def level_names() -> list[str]:
    return list(_data()["tingkat"])


def level_labels() -> dict[str, dict[str, str]]:
    """Level key → its label per language."""
    return dict(_data()["tingkat"])


def profile_sources(name: str) -> dict[str, dict[str, str]]:
    """Tier key → where the built-in profile ``name``'s row comes from, per language."""
    return dict((_data()["profil"].get(name) or {}).get("sumber") or {})


def profile_label(name: str) -> dict[str, str]:
    return dict((_data()["profil"].get(name) or {}).get("label") or {})


class Profile:
    """The resolved map of a file: ``peta[tier] = [levels]`` (an empty list: unmapped). (A plain
    class: making a dataclass costs ~0.5 ms on every run, see :mod:`pohon.frozen`.)"""

    _FIELDS = ("name", "peta", "unknown_base", "unmapped", "unknown_levels", "overridden")

    def __init__(self, name: str, peta: dict[str, list[str]], unknown_base: str | None = None,
                 unmapped: list[str] | None = None, unknown_levels: list[tuple[str, str]] | None = None,
                 overridden: set[str] | None = None) -> None:
        self.name = name
        self.peta = peta
        self.unknown_base = unknown_base  # `dasar:` names no known profile
        self.unmapped = [] if unmapped is None else unmapped  # role keys without any level
        self.unknown_levels = [] if unknown_levels is None else unknown_levels  # (role, level)
        self.overridden = set() if overridden is None else overridden  # tiers the file maps itself

    def __repr__(self) -> str:
        return f"Profile({', '.join(f'{f}={getattr(self, f)!r}' for f in self._FIELDS)})"

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._FIELDS)

    __hash__ = None  # type: ignore[assignment] - mutable, as the dataclass was

    def levels(self, key: str | None) -> list[str]:
        """The levels owning a tier (or a role: the tier of the same name)."""
        return list(self.peta.get(key or "", []))

    def levels_of(self, node: Node) -> list[str]:
        return self.levels(node.tier_key or node.role_key)


def resolve_profile(doc: PohonFile | None) -> Profile:
    spec = doc.profil_jabatan if doc is not None else None
    base = (spec.dasar if spec else None) or "bawaan"
    profiles = _data()["profil"]
    unknown = None
    if base not in profiles:
        unknown, peta = base, {}
    else:
        peta = {k: list(v) for k, v in (profiles[base].get("peta") or {}).items()}
    overridden: set[str] = set()
    if spec:
        for role_key, levels in spec.peta.items():
            peta[role_key] = list(levels)
            overridden.add(role_key)
    for upper, like in UPPER_FALLBACK.items():
        if not peta.get(upper) and peta.get(like):
            peta[upper] = list(peta[like])
    known = set(level_names())
    prof = Profile(base, peta, unknown_base=unknown, overridden=overridden)
    prof.unmapped = [r.key for r in roles() if not peta.get(r.key)]
    prof.unknown_levels = [(r, lv) for r, lvs in peta.items() for lv in lvs if lv not in known
                           and (r in overridden or r not in UPPER_FALLBACK)]
    return prof


def in_agreement(node: Node) -> bool:
    """Whether the box's performance is signed in a PK/SKP of this organisation: not the
    outcome (the Tujuan), nor a crosscutting box left to its partner."""
    t = node.tier
    return t is not None and t.perjanjian and not node.partner_handled

