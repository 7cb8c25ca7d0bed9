"""What `pohon render --capaian YEAR` adds to a diagram: each measured box filled with the colour
of its category, the capaian under each indicator, and the bands in the legend. Computed here
from the tree (with its realisations merged); :mod:`pohon.render.dot` only draws it."""

from __future__ import annotations

from dataclasses import dataclass, field

from pohon.catalogue import t
from pohon.measure.compute import measure
from pohon.measure.numtext import dec_text


@dataclass
class CapaianView:
    year: int
    fill: dict[str, str] = field(default_factory=dict)  # box id → fill colour of its category
    lines: dict[str, list[str]] = field(default_factory=dict)  # box id → one text per indicator ("" if none)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (band name, colour), highest first
    derived: dict[str, str] = field(default_factory=dict)  # box id → text of a capaian taken from the boxes below


def capaian_view(tree, year: int, lang: str) -> CapaianView:
    m = measure(tree, year)
    view = CapaianView(year)
    name = (lambda b: b.en) if lang == "en" else (lambda b: b.id)
    view.legend = [(name(b), b.warna) for b in m.settings.bands]
    for node in tree:
        nm = m.of(node.id)
        if nm is not None and nm.band is not None:
            view.fill[node.id] = nm.band.warna
            if nm.derived:
                view.derived[node.id] = t("tabel_turunan", lang, value=f"{t('tabel_capaian', lang)} {dec_text(nm.capaian)}%") \
                    + f" · {name(nm.band)}"
    for im in m.indicators:
        lines = view.lines.setdefault(im.node.id, [""] * len(im.node.indikator))
        if im.capaian is not None:
            lines[im.index] = f"{t('tabel_capaian', lang)} {year}: {dec_text(im.capaian)}% ({name(im.band)})"
        elif im.realisasi is not None or im.target is not None:
            lines[im.index] = f"{t('tabel_capaian', lang)} {year}: {t('render_capaian_tanpa', lang)}"
    return view
