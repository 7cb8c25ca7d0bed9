"""Node roles as data (``data/roles.yaml``): order, labels and default translation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pohon.datafiles import data_yaml


@dataclass(frozen=True)
class Role:
    key: str
    rank: int
    tahap: int
    label: dict[str, str]
    kinerja: dict[str, str]
    komponen: str

    def name(self, lang: str = "id") -> str:
        return self.label.get(lang) or self.label["id"]


@cache
def roles() -> tuple[Role, ...]:
    data = data_yaml("roles.yaml")
    return tuple(sorted((Role(**r) for r in data["roles"]), key=lambda r: r.rank))




def role(key: str) -> Role:
    return _by_key()[key]


@cache
def _by_key() -> dict[str, Role]:
    return {r.key: r for r in roles()}


def next_role(key: str) -> Role | None:
    rank = role(key).rank + 1
    return next((r for r in roles() if r.rank == rank), None)


def leaf_role() -> Role:
    return roles()[-1]
