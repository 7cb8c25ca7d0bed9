"""The letterhead (kop surat) of the documents: from the tree's ``organisasi.kop`` and, key by
key over it, a settings file (``pohon tabel --pengaturan FILE.yaml``, a mapping ``kop:``).

The settings file is read like a tree file (``pohon.io.read_limited``, the loader's YAML reader
and its located messages F001–F017). A logo is a path relative to the file that names it; it
is used only when it is a regular PNG or JPEG file of at most 2 MB, otherwise the finding D050
says where it was named and why, and the documents have no logo.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Location, Term
from pohon.render.tables.model import Letterhead

MAX_SETTINGS_BYTES = 1_000_000
MAX_LOGO_BYTES = 2_000_000
KOP_FIELDS = ("logo", "pemda", "nama", "alamat", "telepon", "email", "laman", "kota")


@dataclass
class Settings:
    """A settings file that was read: its ``kop`` values, their locations, and its findings."""

    file: str = ""
    kop: dict = field(default_factory=dict)  # field → text
    where: dict = field(default_factory=dict)  # field → Location
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity.value == "error" for d in self.diagnostics)


def load_settings(path) -> Settings:
    """Read a settings file; its problems are located diagnostics (never an exception but for
    a file that cannot be read at all, which is a usage error)."""
    from pydantic import ValidationError

    from pohon.io import read_limited
    from pohon.loader.load import decode_source, format_problems, suggestion_for
    from pohon.loader.yamlsource import SourceMap, YamlProblem, parse
    from pohon.model.schema import Pengaturan

    name = os.fspath(path)
    out = Settings(name)
    raw = read_limited(name, MAX_SETTINGS_BYTES)
    text = decode_source(raw, name, out.diagnostics)
    if text is None:
        return out
    try:
        parsed = parse(text)
    except YamlProblem as p:
        out.diagnostics.append(diagnostic(p.code, Location(name, p.line, p.col), excerpt=p.excerpt, **p.params))
        return out
    if parsed is None:
        return out
    data = parsed.data
    source = SourceMap(parsed.table, name)
    if not isinstance(data, dict):
        kind = Term("kind_list" if isinstance(data, list) else "kind_scalar")
        out.diagnostics.append(diagnostic("F011", Location(name, 1, 1), kind=kind))
        return out
    allowed = list(Pengaturan.model_fields)
    for key in data:  # the loader would suggest a tree file's keys here: the settings file's own
        if key not in allowed:
            out.diagnostics.append(diagnostic("F003", source.locate((key,), key=True), key=str(key),
                                              where=Term("where_root"), suggestion=suggestion_for(str(key), allowed),
                                              allowed=", ".join(allowed)))
    if out.diagnostics:
        return out
    try:
        settings = Pengaturan.model_validate(data)
    except ValidationError as exc:
        out.diagnostics.extend(format_problems(exc, data, source))
        return out
    if settings.kop is not None:
        for key in KOP_FIELDS:
            value = getattr(settings.kop, key)
            if value:
                out.kop[key] = value
                out.where[key] = source.locate(("kop", key))
    return out


def letterhead(checked, settings: Settings | None = None, lang: str = "id") -> tuple[Letterhead | None, list[Diagnostic]]:
    """The letterhead of a checked tree (and settings), with a finding for an unusable logo."""
    tree = checked.tree
    org = tree.doc.organisasi
    values: dict = {}
    where: dict = {}
    base: dict = {}
    kop = org.kop
    if kop is not None:
        source = checked.loaded.source
        for key in KOP_FIELDS:
            value = getattr(kop, key)
            if value:
                values[key] = value
                where[key] = source.locate(("organisasi", "kop", key))
                base[key] = os.path.dirname(os.path.abspath(checked.file))
    if settings is not None:
        for key, value in settings.kop.items():
            values[key] = value
            where[key] = settings.where[key]
            base[key] = os.path.dirname(os.path.abspath(settings.file))
    if kop is None and not values:
        return None, []
    diags: list[Diagnostic] = []
    logo, logo_type = None, ""
    if values.get("logo"):
        logo, logo_type, problem = read_logo(os.path.join(base["logo"], values["logo"]))
        if problem is not None:
            diags.append(diagnostic("D050", where["logo"], field=("organisasi", "kop", "logo"), path=values["logo"],
                                    reason=problem))
    contact = [values.get("telepon"), values.get("email"), values.get("laman")]
    head = Letterhead(
        pemda=values.get("pemda") or _pemda_line(org.pemda),
        nama=values.get("nama") or org.nama,
        alamat=values.get("alamat") or "",
        kontak=" · ".join(x for x in contact if x),
        kota=values.get("kota") or "",
        logo=logo,
        logo_type=logo_type,
    )
    return head, diags


def apply_settings(checked, settings: Settings | None) -> None:
    """The settings' ``kop`` over the tree's ``organisasi.kop``, so that the forms read the city
    (and the rest) from one place. Call after :func:`letterhead` (which resolves the logo
    against the file that names it)."""
    if settings is None or not settings.kop:
        return
    from pohon.model.schema import Kop

    org = checked.tree.doc.organisasi
    merged = {**(org.kop.model_dump(exclude_none=True) if org.kop is not None else {}), **settings.kop}
    org.kop = Kop(**merged)


def _pemda_line(pemda: str | None) -> str:
    if not pemda:
        return ""
    return pemda if pemda.lower().startswith("pemerintah") else f"Pemerintah {pemda}"


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


def read_logo(path: str) -> tuple[bytes | None, str, Term | None]:
    """(bytes, "png"|"jpg", None) for a usable logo; (None, "", why) otherwise."""
    from pohon.io import ReadError, read_limited

    try:
        data = read_limited(path, MAX_LOGO_BYTES)
    except ReadError as exc:
        return None, "", exc.reason
    if data.startswith(PNG_MAGIC) and len(data) > 33 and data[12:16] == b"IHDR":
        return data, "png", None
    if data.startswith(JPEG_MAGIC) and data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return data, "jpg", None
    return None, "", Term("dok_logo_bukan_gambar")
