"""Nomenclature codes (Permendagri 90/2019): ``8.01.06.2.01.0003``.

urusan ``8`` . bidang ``01`` . program ``06`` . kegiatan ``2.01`` . sub kegiatan ``0003``.
Older documents write the sub kegiatan part with two digits (``…2.01.03``); both are accepted
and compared in the normalised 4-digit form.
"""

from __future__ import annotations

import re

from pohon.frozen import Frozen

_SPLIT = re.compile(r"\s*[.|]\s*|\s+")
LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")


class Code(Frozen):
    """A parsed nomenclature code. ``parts`` are normalised strings. (A frozen value, see
    :mod:`pohon.frozen`.)"""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple[str, ...]) -> None:
        object.__setattr__(self, "parts", parts)

    @property
    def level(self) -> str:
        return {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}[len(self.parts)]

    @property
    def text(self) -> str:
        return ".".join(self.parts)

    @property
    def urusan_bidang(self) -> str:
        return ".".join(self.parts[:2])

    def extends(self, parent: "Code") -> bool:
        return len(self.parts) > len(parent.parts) and self.parts[: len(parent.parts)] == parent.parts

    def __str__(self) -> str:
        return self.text


def parse_code(text: str | None) -> Code | None:
    """Parse and normalise a code; None when it is not a nomenclature code.

    ``8|01|06|2.01|03`` and ``8.01.06.2.01.03`` → ``8.01.06.2.01.0003``; ``8.1`` → ``8.01``.
    """
    if text is None:
        return None
    raw = [p for p in _SPLIT.split(str(text).strip()) if p != ""]
    if not raw or not all(p.isdigit() for p in raw):
        return None
    if len(raw) not in (1, 2, 3, 5, 6):
        return None
    parts = [str(int(raw[0]))]
    if len(raw) >= 2:
        parts.append(raw[1].zfill(2))
    if len(raw) >= 3:
        parts.append(raw[2].zfill(2))
    if len(raw) >= 5:
        parts += [raw[3], raw[4].zfill(2)]
    if len(raw) == 6:
        parts.append(raw[5].zfill(4))
    if any(len(p) > w for p, w in zip(parts, (2, 2, 2, 1, 2, 4))):
        return None
    return Code(tuple(parts))


def normalise(text: str | None) -> str | None:
    code = parse_code(text)
    return code.text if code else None


def expected_level(jenis: str) -> str | None:
    """The code level a planning component's code must have (None for tujuan/sasaran)."""
    return jenis if jenis in ("program", "kegiatan", "sub_kegiatan") else None
