"""The translation table and the level profiles as Markdown, generated from the data
(``data/roles.yaml`` ``jenjang`` and ``data/profiles.yaml``), with the source of every row.

``docs/format.md`` holds this text between the markers below; ``scripts/docs_output.py``
rewrites it there, and ``tests/test_levels.py`` fails when it is stale.
"""

from __future__ import annotations

from pohon.catalogue import t
from pohon.mapping.profiles import level_labels, profile_label, profile_names, profile_sources, resolve_profile
from pohon.model.roles import role, tiers

BEGIN = "<!-- profil: mulai (dibuat dari data/roles.yaml dan data/profiles.yaml: python scripts/docs_output.py) -->"
END = "<!-- profil: selesai -->"

_HEAD = {
    "id": {"tier": "Kotak pohon", "tahap": "Tahap", "komponen": "Komponen perencanaan", "kinerja": "Jenis kinerja",
           "indikator": "Indikator", "pk": "PK/SKP", "iku": "IKU", "sumber": "Sumber", "levels": "Tingkat jabatan",
           "ya": "ya", "tidak": "tidak", "translation": "Terjemahan pohon kinerja", "profile": "Profil",
           "kosong": "tidak memetakan apa pun: seluruh peta ditulis di `profil_jabatan.peta`."},
    "en": {"tier": "Tree box", "tahap": "Step", "komponen": "Planning component", "kinerja": "Kind of performance",
           "indikator": "Indicators", "pk": "PK/SKP", "iku": "IKU", "sumber": "Source", "levels": "Position levels",
           "ya": "yes", "tidak": "no", "translation": "Translation of the performance tree", "profile": "Profile",
           "kosong": "maps nothing: the whole map is written in `profil_jabatan.peta`."},
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def profile_markdown(lang: str = "id") -> str:
    h = _HEAD[lang]
    out = [f"### {h['translation']}", "",
           f"| {h['tier']} | {h['tahap']} | {h['komponen']} | {h['kinerja']} | {h['indikator']} | {h['pk']} | {h['iku']} | {h['sumber']} |",
           "|---|---|---|---|---|---|---|---|"]
    for tier in tiers():
        out.append("| " + " | ".join(_cell(x) for x in (
            tier.name(lang), role(tier.peran).tahap, t(f"tabel_jenis_{tier.komponen}", lang),
            tier.kinerja.get(lang) or tier.kinerja["id"], tier.hasil, h["ya" if tier.perjanjian else "tidak"],
            h["ya" if tier.iku else "tidak"], tier.sumber.get(lang) or tier.sumber["id"])) + " |")
    labels = level_labels()
    for name in profile_names():
        label = profile_label(name)
        out += ["", f"### {h['profile']} `{name}`: {label.get(lang) or label.get('id', '')}", ""]
        prof = _builtin(name)
        sources = profile_sources(name)
        if not any(prof.peta.values()):
            out.append(h["kosong"])
            continue
        out += [f"| {h['tier']} | {h['levels']} | {h['sumber']} |", "|---|---|---|"]
        for tier in tiers():
            levels = ", ".join((labels.get(x) or {}).get(lang) or x for x in prof.levels(tier.key)) or "—"
            if not tier.perjanjian:
                levels += f" — {t('tabel_tanpa_pk', lang)}"
            src = sources.get(tier.key) or {}
            out.append(f"| {_cell(tier.name(lang))} | {_cell(levels)} | {_cell(src.get(lang) or src.get('id', ''))} |")
    return "\n".join(out) + "\n"


def _builtin(name: str):
    from types import SimpleNamespace

    return resolve_profile(SimpleNamespace(profil_jabatan=SimpleNamespace(dasar=name, peta={})))


def refreshed(text: str, lang: str = "id") -> str:
    """``text`` (a Markdown file) with the block between the markers regenerated."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + profile_markdown(lang) + "\n" + text[end:]
