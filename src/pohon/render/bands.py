"""Position bands: the PK/SKP level label of each row (role) of a diagram.

The band function takes the labels per role as input, so a level profile (the tree's
``profil_jabatan`` resolved by ``pohon.mapping.profiles``) can supply them; the default table
is data (``data/bands.yaml``, from the worked example's diagram legend).
"""

from __future__ import annotations

from functools import cache

from pohon.datafiles import data_yaml
from pohon.frozen import Frozen
from pohon.model.roles import roles


class Band(Frozen):
    """One band: a role's row and its label."""

    __slots__ = ("role_key", "rank", "label")

    def __init__(self, role_key: str, rank: int, label: str) -> None:
        object.__setattr__(self, "role_key", role_key)
        object.__setattr__(self, "rank", rank)
        object.__setattr__(self, "label", label)


@cache
def _data() -> dict:
    return data_yaml("bands.yaml")


def default_band_labels(lang: str = "id") -> dict[str, str]:
    """The worked example's labels: role key → band label."""
    return {key: v.get(lang) or v["id"] for key, v in _data()["bands"].items()}


def labels_from_levels(peta: dict[str, list[str]], lang: str = "id") -> dict[str, str]:
    """Band labels from a level map ``{role: [levels]}``: ``[JF, JP]`` → "PK/SKP JF/JP"."""
    labels = default_band_labels(lang)
    short = _data().get("tingkat_singkat", {})
    for role_key, levels in peta.items():
        if levels and role_key != "outcome":  # the outcome row is the organisation's goal
            labels[role_key] = "PK/SKP " + "/".join(short.get(x, str(x).upper()) for x in levels)
    return labels


def profile_band_labels(doc, lang: str = "id") -> dict[str, str]:
    """Band labels for a tree file: the worked example's, unless it declares ``profil_jabatan``."""
    spec = getattr(doc, "profil_jabatan", None) if doc is not None else None
    if spec is None:
        return default_band_labels(lang)
    try:
        from pohon.mapping.profiles import resolve_profile

        peta = resolve_profile(doc).peta
    except ImportError:  # pragma: no cover - mapping is part of the package
        peta = {k: list(v) for k, v in (spec.peta or {}).items()}
    return labels_from_levels(peta, lang)


def bands_for(role_keys, labels: dict[str, str]) -> list[Band]:
    """One band per role present (top to bottom by role rank), labelled from ``labels``."""
    present = set(role_keys)
    return [Band(r.key, r.rank, labels.get(r.key, r.key.upper())) for r in roles() if r.key in present]
