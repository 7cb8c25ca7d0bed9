"""Level profiles: tree role → position levels (PK/SKP), as data (``data/profiles.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from pohon.datafiles import data_yaml
from pohon.model.roles import roles
from pohon.model.schema import PohonFile


@cache
def _data() -> dict:
    return data_yaml("profiles.yaml")


def profile_names() -> list[str]:
    return list(_data()["profil"])


def level_names() -> list[str]:
    return list(_data()["tingkat"])


@dataclass
class Profile:
    """The resolved map of a file: ``peta[role] = [levels]`` (an empty list: unmapped)."""

    name: str
    peta: dict[str, list[str]]
    unknown_base: str | None = None  # `dasar:` names no known profile
    unmapped: list[str] = field(default_factory=list)  # role keys without any level
    unknown_levels: list[tuple[str, str]] = field(default_factory=list)  # (role, level)

    def levels(self, role_key: str | None) -> list[str]:
        return list(self.peta.get(role_key or "", []))


def resolve_profile(doc: PohonFile | None) -> Profile:
    spec = doc.profil_jabatan if doc is not None else None
    base = (spec.dasar if spec else None) or "bawaan"
    profiles = _data()["profil"]
    unknown = None
    if base not in profiles:
        unknown, peta = base, {}
    else:
        peta = {k: list(v) for k, v in (profiles[base].get("peta") or {}).items()}
    if spec:
        for role_key, levels in spec.peta.items():
            peta[role_key] = list(levels)
    known = set(level_names())
    prof = Profile(base, peta, unknown_base=unknown)
    prof.unmapped = [r.key for r in roles() if not peta.get(r.key)]
    prof.unknown_levels = [(r, lv) for r, lvs in peta.items() for lv in lvs if lv not in known]
    return prof
