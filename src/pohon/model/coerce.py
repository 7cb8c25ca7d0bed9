"""How the file format reads a written value, without pydantic: the functions behind the
validators of :mod:`pohon.model.schema` and the behaviour its models share.

Two readers use them: the pydantic models (the format's definition, with exact error messages)
and :mod:`pohon.model.quick`, which reads a valid file without importing pydantic. A function
here raises :class:`Invalid` for a value the format does not accept; the pydantic side turns it
into its error of the same kind, the quick reader leaves the file to pydantic.
"""

from __future__ import annotations

from pohon.model.values import (FIRST_YEAR, LAST_YEAR, MAX_WHOLE_DIGITS, MixedValue, NumberOutOfRange,
                                is_year_text, number_or_text, parse_period, parse_year, rupiah)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from typing import Any

FORMAT_VERSION = 1


class Invalid(Exception):
    """A value the format does not accept: an error ``kind``, its message template and parameters."""

    def __init__(self, kind: str, template: str, **params: Any) -> None:
        super().__init__(kind)
        self.kind, self.template, self.params = kind, template, params


def _out_of_range(exc: NumberOutOfRange) -> Invalid:
    kind = "pohon_number_precision" if exc.too_precise else "pohon_number_range"
    return Invalid(kind, "angka di luar batas: {value}", value=exc.text)


def value(v: Any) -> Any:
    """A target or realisation: a number where it is one, else text without digits."""
    if v.__class__ is str and len(v) <= MAX_WHOLE_DIGITS and v.isascii() and v.isdigit():
        return int(v)  # the bulk of a big tree ("95", "2024"): number_or_text's own first case, inlined
    try:
        return number_or_text(v)
    except MixedValue:
        raise Invalid("pohon_value_mixed", "bukan satu angka: {value}", value=v) from None
    except NumberOutOfRange as exc:
        raise _out_of_range(exc) from None
    except ValueError:
        raise Invalid("pohon_value", "bukan angka atau teks: {value}", value=v) from None


def money(v: Any) -> Any:
    """An amount of Rupiah, exact (a Decimal)."""
    try:
        num = rupiah(v)
    except NumberOutOfRange as exc:
        raise _out_of_range(exc) from None
    if num is None:
        raise Invalid("pohon_rupiah", "bukan jumlah Rupiah: {value}", value=v)
    return num


def money_out(d: Any) -> Any:
    """How an amount is written out (JSON, a dump): a whole number, else a float."""
    return int(d) if d == d.to_integral_value() else float(d)


def text_list(v: Any) -> Any:
    return [v] if isinstance(v, str) else v


def year(v: Any) -> Any:
    if v.__class__ is str and len(v) == 4 and v.isascii() and v.isdigit():
        y = int(v)  # parse_year's common case, inlined (the key of every yearly target)
        if FIRST_YEAR <= y <= LAST_YEAR:
            return y
    y = parse_year(v)
    if y is None:
        raise Invalid("pohon_year", "bukan tahun: {value}", value=v)
    return y


def years_once(v: Any) -> Any:
    """A year map names each year once: two keys that are the same year (``2024`` and ``"2024"``
    from a source other than YAML) are a duplicate key, never one silently replacing the other.
    Keys from YAML are text, and two texts are one year only if they are equal (a YAML duplicate)."""
    if isinstance(v, dict) and len(v) > 1 and any(k.__class__ is not str for k in v):
        seen: dict[int, Any] = {}
        for k in v:
            y = parse_year(str(k) if isinstance(k, int) and not isinstance(k, bool) else k)
            if y is not None:
                if y in seen:
                    raise Invalid("pohon_duplicate_year", "tahun {key} ditulis dua kali",
                                  key=str(k), first=str(seen[y]))
                seen[y] = k
    return v


BLANK_START = " \t-–"
BLANK = ("", "-", "–")


def year_map(v: Any) -> Any:
    """`2024: -` or `2024:` means "no target that year". A key that is not a year is kept, so that
    it is reported (`{2025: 62,5}` splits into `2025: 62` and a stray key `5`). Each year once."""
    if v.__class__ is not dict:
        return v
    blank = False
    for k, x in v.items():  # one pass over a year map (there is one per indicator and box)
        if k.__class__ is not str:
            v = years_once(v)  # keys from a source other than YAML
            blank = True
            break
        if x is None or x.__class__ is str and (not x or x[0] in BLANK_START or x[-1].isspace()):
            blank = True
    if blank:
        return {k: x for k, x in v.items()
                if not ((is_year_text(k) or isinstance(k, int)) and (x is None or str(x).strip() in BLANK))}
    return v


def whole_per_year(v: Any) -> dict | None:
    """A year map whose keys are all years and whose values are all whole numbers, as YAML gives
    them (``{"2025": "60"}``, the bulk of a big tree), read in one go; None for anything else
    (read item by item, by :func:`year` and :func:`value`, after :func:`year_map`)."""
    if v.__class__ is not dict:
        return None
    out = {}
    for k, x in v.items():
        if (k.__class__ is str and len(k) == 4 and k.isascii() and k.isdigit() and x.__class__ is str
                and 0 < len(x) <= MAX_WHOLE_DIGITS and x.isascii() and x.isdigit()):
            y = int(k)
            if FIRST_YEAR <= y <= LAST_YEAR:
                out[y] = int(x)
                continue
        return None
    return out


TRUE = {"true", "yes", "ya", "y", "on", "1"}
FALSE = {"false", "no", "tidak", "n", "off", "0"}


def _whole_between(v: Any, last: int, kind: str, template: str) -> int:
    if v.__class__ is str and v.strip().isdigit():
        v = int(v.strip())
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= last:
        return v
    raise Invalid(kind, template, value=str(v))


def month(v: Any) -> Any:
    return _whole_between(v, 12, "pohon_month", "bukan bulan 1–12: {value}")


def quarter(v: Any) -> Any:
    return _whole_between(v, 4, "pohon_quarter", "bukan triwulan 1–4: {value}")


def one_or_list(v: Any) -> Any:
    return [v] if isinstance(v, (int, str)) and not isinstance(v, bool) else v


QUARTER_MONTHS = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}


def actions(v: Any) -> Any:
    """The old form `aksi: [tw1, tw2, tw3, tw4]` (text per quarter, `null` for none) is read as
    actions in the months of their quarter: text at position n is `{uraian: text, triwulan: n}`."""
    if isinstance(v, str):
        v = [v]
    if isinstance(v, list):
        return [{"uraian": x, "triwulan": i + 1} if isinstance(x, str) and i < 4 else x for i, x in enumerate(v)]
    return v


def no_category(v: Any) -> Any:
    return None if isinstance(v, str) and v.strip() in BLANK else v


def named(v: Any) -> Any:
    """`jabatan: Kepala Bidang …`, `pemegang: Ir. …`: text is the `nama` of the mapping."""
    return {"nama": v} if isinstance(v, str) else v


def of_kind(v: Any) -> Any:
    """`komponen: [program]`: text is the `jenis` of the mapping."""
    return {"jenis": v} if isinstance(v, str) else v


def one_mapping(v: Any) -> Any:
    """One item written without its list: text or a mapping."""
    return [v] if isinstance(v, (str, dict)) else v


def flag_or_partners(v: Any) -> Any:
    if isinstance(v, str):
        word = v.strip().casefold()
        if word in TRUE or word in FALSE:
            return word in TRUE
        return [v]
    return v


def reasons(v: Any) -> Any:
    if isinstance(v, dict):
        for code, reason in v.items():
            if not reason or not str(reason).strip():
                raise Invalid("pohon_reason", "aturan {code} diabaikan tanpa alasan", code=code)
    return v


def period(v: str) -> str:
    if parse_period(v) is None:
        raise Invalid("pohon_period", "periode tidak valid: {value}", value=v)
    return v


# Tingkat jabatan as planners write them (PermenPANRB 89/2021; UU 20/2023 ASN) → the level of the
# level profiles (data/profiles.yaml `tingkat`). Written forms are matched without case, with
# the long forms on the right of _TINGKAT_ALIASES accepted too.
TINGKAT_LEVEL = {
    "JPT Utama": "JPT", "JPT Madya": "JPT", "JPT Pratama": "JPT", "JPT": "JPT",
    "Administrator": "Administrator", "Pengawas": "Pengawas",
    "JF": "JF", "Fungsional": "JF", "JP": "JP", "Pelaksana": "JP",
}
_TINGKAT_ALIASES = {
    "jabatan pimpinan tinggi": "JPT", "jabatan pimpinan tinggi pratama": "JPT Pratama",
    "jabatan pimpinan tinggi madya": "JPT Madya", "jabatan pimpinan tinggi utama": "JPT Utama",
    "jabatan administrator": "Administrator", "jabatan pengawas": "Pengawas",
    "jabatan fungsional": "Fungsional", "jabatan pelaksana": "Pelaksana",
}


def tingkat(v: Any) -> Any:
    if not isinstance(v, str):
        return v
    folded = " ".join(v.split()).casefold()
    for written in TINGKAT_LEVEL:
        if written.casefold() == folded:
            return written
    return _TINGKAT_ALIASES.get(folded, v)


# -- behaviour shared by the pydantic models and the quick reader's classes -----------------

class AksiBehaviour:
    __slots__ = ()

    @property
    def months(self) -> list[int]:
        """The months of the schedule: `bulan`, else the three months of `triwulan`."""
        if self.bulan:
            return sorted(set(self.bulan))
        return list(QUARTER_MONTHS.get(self.triwulan or 0, ()))


class IndikatorBehaviour:
    __slots__ = ()

    def unit(self, year: int | None = None) -> str | None:
        """The unit of the target of ``year``: `satuan_tahun` of that year, else `satuan`."""
        return self.satuan_tahun.get(year, self.satuan) if year is not None else self.satuan


class SimpulBehaviour:
    __slots__ = ()

    @property
    def mitra(self) -> list[str]:
        return list(self.crosscutting) if isinstance(self.crosscutting, list) else []

    @property
    def is_crosscutting(self) -> bool:
        return bool(self.crosscutting) or self.crosscutting == []


class JabatanPetaBehaviour:
    __slots__ = ()

    @property
    def level(self) -> str:
        """The level of the level profiles: JPT, Administrator, Pengawas, JF or JP."""
        return TINGKAT_LEVEL[self.tingkat]


class PohonFileBehaviour:
    __slots__ = ()

    @property
    def years(self) -> range:
        start, end = parse_period(self.periode)  # type: ignore[misc]
        return range(start, end + 1)
