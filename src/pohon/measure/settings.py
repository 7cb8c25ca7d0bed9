"""The measurement settings of a tree: its ``pengukuran:`` block over the defaults of
``data/pengukuran.yaml`` (``bawaan``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pohon.datafiles import data_yaml
from pohon.measure.bands import Band, default_bands
from pohon.measure.quantity import as_decimal
from pohon.measure.rounding import round_to

MEASURES = ("capaian", "kemajuan", "serapan", "porsi", "efisiensi")
_COLOURS = ("#a6dba0", "#d9f0a3", "#fff2a8", "#fdc086", "#f4a5a5", "#e7a1c8")


@dataclass(frozen=True)
class Settings:
    negative: str  # the formula of lower-is-better indicators without their own
    rounding: dict  # measure → (cara, desimal)
    cap: Decimal | None
    aggregation: str  # rata-rata | bobot
    cki: str  # dibulatkan | persis
    bands: tuple[Band, ...]
    own_bands: bool  # the tree declares its band table

    def round(self, measure: str, value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        cara, desimal = self.rounding[measure]
        return round_to(value, cara, desimal)


def settings_of(doc) -> Settings:
    base = data_yaml("pengukuran.yaml")["bawaan"]
    spec = getattr(doc, "pengukuran", None)
    rounding = {m: (base["pembulatan"][m]["cara"], int(base["pembulatan"][m]["desimal"])) for m in MEASURES}
    negative, cap, aggregation, cki = base["rumus_negatif"], None, base["agregasi"], base["cki"]
    bands, own = default_bands(base["kategori"]), False
    if spec is not None:
        negative = spec.rumus_negatif or negative
        if spec.pembulatan is not None:
            for m in MEASURES:
                r = getattr(spec.pembulatan, m)
                if r is not None:
                    rounding[m] = (r.cara, r.desimal)
        cap = as_decimal(spec.batas_atas) if spec.batas_atas is not None else None
        aggregation = spec.agregasi or aggregation
        cki = spec.cki or cki
        if spec.kategori:
            bands = tuple(Band(p.nama, p.nama, as_decimal(p.min), p.warna or _COLOURS[min(i, len(_COLOURS) - 1)], i)
                          for i, p in enumerate(spec.kategori))
            own = True
    return Settings(negative, rounding, cap, aggregation, cki, bands, own)
