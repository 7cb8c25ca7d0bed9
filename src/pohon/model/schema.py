"""The tree file format, v1: one pydantic model per YAML mapping.

Keys are Bahasa Indonesia, the users' vocabulary. Field descriptions are the hover texts of
the generated JSON Schema (``schema/pohon.schema.json``), so they are written for planners.
Fields used by later steps (mapping, budget, measurement) are part of the format now so that
files written today keep working.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pohon.model.roles import roles
from pohon.model.values import (FIRST_YEAR, LAST_YEAR, MAX_WHOLE_DIGITS, MixedValue, NumberOutOfRange,
                                is_year_text, number_or_text, parse_period, parse_year, rupiah)

FORMAT_VERSION = 1

Peran = Literal[tuple(r.key for r in roles())]  # type: ignore[valid-type]
Komponen = Literal["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]

_NUMBER_OR_TEXT_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string"}]}


def _out_of_range(exc: NumberOutOfRange) -> PydanticCustomError:
    kind = "pohon_number_precision" if exc.too_precise else "pohon_number_range"
    return PydanticCustomError(kind, "angka di luar batas: {value}", {"value": exc.text})


def _value(v: Any) -> Any:
    if v.__class__ is str and len(v) <= MAX_WHOLE_DIGITS and v.isascii() and v.isdigit():
        return int(v)  # the bulk of a big tree ("95", "2024"): number_or_text's own first case, inlined
    try:
        return number_or_text(v)
    except MixedValue:
        raise PydanticCustomError("pohon_value_mixed", "bukan satu angka: {value}", {"value": v}) from None
    except NumberOutOfRange as exc:
        raise _out_of_range(exc) from None
    except ValueError:
        raise PydanticCustomError("pohon_value", "bukan angka atau teks: {value}", {"value": v}) from None


def _rupiah(v: Any) -> Any:
    try:
        num = rupiah(v)
    except NumberOutOfRange as exc:
        raise _out_of_range(exc) from None
    if num is None:
        raise PydanticCustomError("pohon_rupiah", "bukan jumlah Rupiah: {value}", {"value": v})
    return num


def _text_list(v: Any) -> Any:
    return [v] if isinstance(v, str) else v


def _year(v: Any) -> Any:
    if v.__class__ is str and len(v) == 4 and v.isascii() and v.isdigit():
        year = int(v)  # parse_year's common case, inlined (the key of every yearly target)
        if FIRST_YEAR <= year <= LAST_YEAR:
            return year
    year = parse_year(v)
    if year is None:
        raise PydanticCustomError("pohon_year", "bukan tahun: {value}", {"value": v})
    return year


def _years_once(v: Any) -> Any:
    """A year map names each year once: two keys that are the same year (``2024`` and ``"2024"``
    from a source other than YAML) are a duplicate key, never one silently replacing the other.
    Keys from YAML are text, and two texts are one year only if they are equal (a YAML duplicate)."""
    if isinstance(v, dict) and len(v) > 1 and any(k.__class__ is not str for k in v):
        seen: dict[int, Any] = {}
        for k in v:
            year = parse_year(str(k) if isinstance(k, int) and not isinstance(k, bool) else k)
            if year is not None:
                if year in seen:
                    raise PydanticCustomError("pohon_duplicate_year", "tahun {key} ditulis dua kali",
                                              {"key": str(k), "first": str(seen[year])})
                seen[year] = k
    return v


def _year_map(v: Any) -> Any:
    """`2024: -` or `2024:` means "no target that year". A key that is not a year is kept, so that
    it is reported (`{2025: 62,5}` splits into `2025: 62` and a stray key `5`). Each year once."""
    if v.__class__ is not dict:
        return v
    blank = False
    for k, x in v.items():  # one pass over a year map (there is one per indicator and box)
        if k.__class__ is not str:
            v = _years_once(v)  # keys from a source other than YAML
            blank = True
            break
        if x is None or x.__class__ is str and (not x or x[0] in _BLANK_START or x[-1].isspace()):
            blank = True
    if blank:
        return {k: x for k, x in v.items()
                if not ((is_year_text(k) or isinstance(k, int)) and (x is None or str(x).strip() in _BLANK))}
    return v


def _per_year(v: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A year map whose keys are all years and whose values are all whole numbers, as YAML gives
    them (``{"2025": "60"}``, the bulk of a big tree), read in one call: the result the item
    validators give (`_year`, `_value`). Anything else goes through them, with their errors."""
    if v.__class__ is dict:
        out = {}
        for k, x in v.items():
            if (k.__class__ is str and len(k) == 4 and k.isascii() and k.isdigit() and x.__class__ is str
                    and 0 < len(x) <= MAX_WHOLE_DIGITS and x.isascii() and x.isdigit()):
                year = int(k)
                if FIRST_YEAR <= year <= LAST_YEAR:
                    out[year] = int(x)
                    continue
            break
        else:
            return out
    return handler(_year_map(v))


_BLANK_START = " \t-–"
_BLANK = ("", "-", "–")


Nilai = Annotated[
    Union[int, float, str],
    BeforeValidator(_value),
    WithJsonSchema(_NUMBER_OR_TEXT_SCHEMA),
]
Rupiah = Annotated[
    Decimal,
    BeforeValidator(_rupiah),
    PlainSerializer(lambda d: int(d) if d == d.to_integral_value() else float(d), return_type=Any),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}], "description": "Rupiah: 4497496565, \"4.497.496.565\" atau \"Rp 4.497.496.565,00\""}),
]
Tahun = Annotated[int, BeforeValidator(_year), WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2200})]
PerTahun = Annotated[dict[Tahun, Nilai], WrapValidator(_per_year)]
TextList = Annotated[
    list[str],
    BeforeValidator(_text_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
_TRUE = {"true", "yes", "ya", "y", "on", "1"}
_FALSE = {"false", "no", "tidak", "n", "off", "0"}
YEAR_KEYS = {"propertyNames": {"pattern": "^[0-9]{4}$"}}


def _or_text_items(js: dict, single: bool = False) -> None:
    """JSON Schema for list fields whose items may also be written as plain text (a shorthand)."""
    item = {"anyOf": [js["items"], {"type": "string"}]}
    js["items"] = item
    if single:  # `jabatan: Kepala Bidang …` — one item without the list
        array = {k: js.pop(k) for k in ("type", "items")}
        js["anyOf"] = [array, *item["anyOf"]]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class KepalaDaerah(_Model):
    """Kepala daerah yang menandatangani Perjanjian Kinerja kepala organisasi (JPT) sebagai Pihak Kedua."""

    jabatan: str | None = Field(None, description="Jabatan, mis. Bupati Balangan (bila kosong: dari `pemda`).")
    nama: str | None = Field(None, description="Nama kepala daerah (bila kosong: baris titik-titik untuk ditulis tangan).")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        return {"nama": v} if isinstance(v, str) else v


class Kop(_Model):
    """Kop surat dokumen (PDF, DOCX, HTML): logo, pemerintah daerah, nama organisasi, alamat dan kota."""

    logo: str | None = Field(None, description="Berkas logo PNG/JPEG (≤ 2 MB), relatif terhadap berkas ini, mis. logo-balangan.png.")
    pemda: str | None = Field(None, description="Baris pertama kop, mis. Pemerintah Kabupaten Balangan (bila kosong: `organisasi.pemda`).")
    nama: str | None = Field(None, description="Nama organisasi di kop (bila kosong: `organisasi.nama`).")
    alamat: str | None = Field(None, description="Alamat kantor, mis. Jl. A. Yani Km 1, Paringin 71662.")
    telepon: str | None = Field(None, description="Nomor telepon kantor.")
    email: str | None = Field(None, description="Alamat surel kantor.")
    laman: str | None = Field(None, description="Situs web kantor.")
    kota: str | None = Field(None, description="Kota tempat dokumen ditandatangani, mis. Paringin (baris tempat dan tanggal).")


class Pengaturan(_Model):
    """Berkas pengaturan dokumen (`pohon tabel --pengaturan BERKAS.yaml`): kop surat dan kota, bila
    tidak ditulis di berkas pohon (isinya menggantikan `organisasi.kop` kunci demi kunci)."""

    kop: Kop | None = None


class Organisasi(_Model):
    """Organisasi (OPD) pemilik pohon."""

    nama: str = Field(description="Nama lengkap organisasi, mis. Badan Kesatuan Bangsa dan Politik Kabupaten Balangan.")
    singkat: str | None = Field(None, description="Nama singkat untuk judul diagram, mis. Kesbangpol Balangan.")
    pemda: str | None = Field(None, description="Pemerintah daerah, mis. Kabupaten Balangan.")
    urusan: str | None = Field(None, description="Kode urusan.bidang organisasi menurut Permendagri 90/2019, mis. 8.01.")
    kepala: str | None = Field(None, description="Nama kepala organisasi; menandatangani Perjanjian Kinerja bila jabatan puncak di peta_jabatan tidak menyebut pemegang.")
    kepala_daerah: KepalaDaerah | None = Field(
        None, description="Kepala daerah (Bupati/Wali Kota/Gubernur): Pihak Kedua Perjanjian Kinerja JPT. "
                          "Teks = nama, atau {jabatan, nama}.",
        json_schema_extra=lambda js: js["anyOf"].insert(1, {"type": "string"}),
    )
    kop: Kop | None = Field(None, description="Kop surat dan kota penandatanganan untuk dokumen (PK, SKP, …); "
                                              "dapat juga diberikan dengan `pohon tabel --pengaturan BERKAS.yaml`.")
    catatan: str | None = None


class Tahap1(_Model):
    """Masukan Tahap 1 (menentukan outcome)."""

    mandat: TextList = Field(default_factory=list, description="Mandat, tugas dan fungsi (dasar hukum).")
    permasalahan: str | None = Field(None, description="Permasalahan yang dihadapi.")
    ekspektasi: str | None = Field(None, description="Ekspektasi masyarakat dan pemangku kepentingan.")
    catatan: str | None = None


def _month(v: Any) -> Any:
    if v.__class__ is str and v.strip().isdigit():
        v = int(v.strip())
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 12:
        return v
    raise PydanticCustomError("pohon_month", "bukan bulan 1–12: {value}", {"value": str(v)})


def _quarter(v: Any) -> Any:
    if v.__class__ is str and v.strip().isdigit():
        v = int(v.strip())
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 4:
        return v
    raise PydanticCustomError("pohon_quarter", "bukan triwulan 1–4: {value}", {"value": str(v)})


def _one_or_list(v: Any) -> Any:
    return [v] if isinstance(v, (int, str)) and not isinstance(v, bool) else v


def _or_single(js: dict) -> None:
    """JSON Schema for a list that may also be written as its one item (`bulan: 2`)."""
    item = js.pop("items")
    js.pop("type", None)
    js["anyOf"] = [{"type": "array", "items": item}, item]


Bulan = Annotated[int, BeforeValidator(_month), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 12})]
Triwulan = Annotated[int, BeforeValidator(_quarter), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 4})]
QUARTER_MONTHS = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}


class Aksi(_Model):
    """Satu aksi rencana aksi dengan bulan pelaksanaannya (jadwal kegiatan)."""

    uraian: str = Field(min_length=1, description="Uraian aksi, mis. Melaksanakan rapat koordinasi antarumat beragama.")
    bulan: Annotated[list[Bulan], BeforeValidator(_one_or_list)] = Field(
        default_factory=list, description="Bulan pelaksanaan 1–12, mis. [2, 4, 9] (satu bulan: 2).",
        json_schema_extra=lambda js: _or_single(js))
    triwulan: Triwulan | None = Field(
        None, description="Triwulan 1–4 bila bulan tidak ditulis: aksi dijadwalkan pada ketiga bulan triwulan itu.")

    @property
    def months(self) -> list[int]:
        """The months of the schedule: `bulan`, else the three months of `triwulan`."""
        if self.bulan:
            return sorted(set(self.bulan))
        return list(QUARTER_MONTHS.get(self.triwulan or 0, ()))


def _actions(v: Any) -> Any:
    """The old form `aksi: [tw1, tw2, tw3, tw4]` (text per quarter, `null` for none) is read as
    actions in the months of their quarter: text at position n is `{uraian: text, triwulan: n}`."""
    if isinstance(v, str):
        v = [v]
    if isinstance(v, list):
        return [{"uraian": x, "triwulan": i + 1} if isinstance(x, str) and i < 4 else x for i, x in enumerate(v)]
    return v


# -- measurement (pohon ukur / pohon audit): realisation, printed figures, settings -----------

Cara = Literal["bulat", "potong"]
RumusCapaian = Literal["r/t", "2-r/t", "t/r", "(t-r)/t"]


class Dilaporkan(_Model):
    """Angka yang tercetak di laporan (LKjIP/Renja), dicatat untuk `pohon audit`: pohon menghitung ulang dan membandingkan."""

    capaian: Nilai | None = Field(None, description="Capaian tercetak (%), mis. 98,3.")
    kategori: str | None = Field(None, description="Kategori tercetak, mis. Sangat tinggi.")
    kemajuan: Nilai | None = Field(None, description="Tingkat kemajuan terhadap target akhir Renstra tercetak (%).")
    pagu: Rupiah | None = Field(None, description="Pagu/anggaran tercetak (Rupiah).")
    realisasi_anggaran: Rupiah | None = Field(None, description="Realisasi anggaran tercetak (Rupiah).")
    serapan: Nilai | None = Field(None, description="Penyerapan anggaran tercetak (%).")
    porsi: Nilai | None = Field(None, description="Porsi anggaran terhadap total tercetak (%).")
    efisiensi: Nilai | None = Field(None, description="Tingkat efisiensi tercetak (%).")
    realisasi: Nilai | None = Field(None, description="Realisasi tercetak, bila berbeda tabel (mis. BB (66,55)).")
    sumber: str | None = Field(None, description="Tabel/halaman sumber angka, mis. LKjIP 2024 Tabel 3.1.")

    @field_validator("kategori", mode="before")
    @classmethod
    def _no_category(cls, v: Any) -> Any:
        return None if isinstance(v, str) and v.strip() in _BLANK else v


class Pembulatan(_Model):
    """Cara pembulatan satu ukuran: bulat (setengah ke atas) atau potong, dengan jumlah desimal."""

    cara: Cara = Field("bulat", description="bulat: pembulatan setengah ke atas; potong: buang desimal berlebih.")
    desimal: int = Field(2, ge=0, le=6, description="Jumlah angka di belakang koma.")


class PembulatanUkur(_Model):
    """Pembulatan per ukuran."""

    capaian: Pembulatan | None = None
    kemajuan: Pembulatan | None = None
    serapan: Pembulatan | None = None
    porsi: Pembulatan | None = None
    efisiensi: Pembulatan | None = None


class PitaKategori(_Model):
    """Satu pita kategori capaian: capaian ≥ min (pita terakhir tanpa min)."""

    nama: str = Field(min_length=1, description="Nama kategori, mis. Sangat tinggi.")
    min: Nilai | None = Field(None, description="Batas bawah capaian (%), termasuk.")
    warna: str | None = Field(None, pattern=r"^#[0-9A-Fa-f]{6}$", description="Warna kotak di diagram, mis. #1a9850.")


class Pengukuran(_Model):
    """Aturan pengukuran kinerja pohon ini (pohon ukur): rumus, pembulatan, batas, kategori, agregasi."""

    rumus_negatif: RumusCapaian | None = Field(
        None, description="Rumus capaian indikator negatif: 2-r/t (bawaan), t/r atau (t-r)/t.")
    pembulatan: PembulatanUkur | None = Field(None, description="Pembulatan per ukuran (capaian, kemajuan, serapan, porsi, efisiensi).")
    batas_atas: Nilai | None = Field(None, description="Batas atas capaian (%), mis. 120 (bawaan: tanpa batas).")
    agregasi: Literal["rata-rata", "bobot"] | None = Field(
        None, description="Capaian kotak induk: rata-rata indikator/kotak anak, atau dengan `bobot` indikator.")
    cki: Literal["dibulatkan", "persis"] | None = Field(
        None, description="Capaian dalam rumus efisiensi: dibulatkan (seperti di tabel capaian) atau persis.")
    kategori: list[PitaKategori] | None = Field(
        None, description="Tabel kategori sendiri, dari tertinggi: [{nama: Sangat tinggi, min: 91}, …] (bawaan: Permendagri 86/2017).")
    dilaporkan: Annotated[dict[Tahun, Dilaporkan], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS,
        description="Angka total tercetak per tahun (capaian rata-rata, total pagu dan realisasi, serapan).")
    catatan: str | None = None


NilaiTw = Annotated[list[Nilai | None], Field(max_length=4)]
RupiahTw = Annotated[list[Rupiah | None], Field(max_length=4)]


@lru_cache(maxsize=8192)
def _value_of_text(v: str) -> Any:
    return _value(v)


def _value_remembered(v: Any) -> Any:
    """:func:`_value`, remembering the texts already read: a realisation file repeats its figures
    (a quarter's 25, 50, 75, 100 in every box), and reading a decimal text is the costly part."""
    return _value_of_text(v) if v.__class__ is str else _value(v)


# values of a realisation file: read exactly like the tree's
NilaiR = Annotated[Union[int, float, str], BeforeValidator(_value_remembered), WithJsonSchema(_NUMBER_OR_TEXT_SCHEMA)]
NilaiRTw = Annotated[list[NilaiR | None], Field(max_length=4)]


class RealisasiIndikator(_Model):
    """Realisasi satu indikator pada tahun berkas realisasi."""

    realisasi: NilaiR | None = Field(None, description="Realisasi tahunan.")
    tw: NilaiRTw = Field(default_factory=list, description="Realisasi triwulan TW1–TW4.")
    dilaporkan: Dilaporkan | None = Field(None, description="Angka tercetak di laporan (pohon audit).")
    catatan: str | None = None


class RealisasiKotak(_Model):
    """Realisasi satu kotak pada tahun berkas realisasi: indikatornya (nomor 1, 2, … atau uraian) dan anggarannya."""

    indikator: dict[str, RealisasiIndikator] = Field(
        default_factory=dict, description="Per indikator, dengan kunci nomor urut (1, 2, …) atau uraian indikator.")
    anggaran: Rupiah | None = Field(None, description="Realisasi anggaran tahun itu (Rupiah).")
    anggaran_tw: RupiahTw = Field(default_factory=list, description="Realisasi anggaran per triwulan TW1–TW4 (Rupiah).")
    dilaporkan: Dilaporkan | None = Field(None, description="Angka tercetak kotak ini (pohon audit).")
    catatan: str | None = None


class RealisasiBerkas(_Model):
    """Berkas realisasi satu tahun (realisasi-2024.yaml), terpisah dari pohon: kunci id kotak."""

    realisasi: int = Field(description="Versi format berkas realisasi. Tulis `realisasi: 1`.", json_schema_extra={"const": 1})
    tahun: Tahun = Field(description="Tahun realisasi, di dalam periode pohon.")
    kotak: dict[str, RealisasiKotak] = Field(default_factory=dict, description="Realisasi per id kotak.")
    catatan: str | None = None

# -- end of the measurement models --------------------------------------------------------------


class RencanaAksi(_Model):
    """Rencana aksi satu tahun untuk satu indikator (target triwulan, aksi dengan bulannya, anggaran)."""

    tw: list[Nilai | None] = Field(default_factory=list, max_length=4, description="Target triwulan TW1–TW4.")
    aksi: Annotated[list[Aksi | None], BeforeValidator(_actions)] = Field(
        default_factory=list,
        description="Aksi dengan bulan pelaksanaannya: [{uraian: ..., bulan: [1, 2]}, ...]. Bentuk lama "
                    "[aksi TW1, aksi TW2, aksi TW3, aksi TW4] tetap terbaca (aksi pada bulan-bulan triwulannya).",
        json_schema_extra=lambda js: _or_text_items(js),
    )
    anggaran: Rupiah | None = Field(None, description="Anggaran aksi tahun itu (Rupiah).")
    penanggung_jawab: str | None = Field(None, description="Pejabat penanggung jawab.")
    catatan: str | None = None


class Indikator(_Model):
    """Indikator kinerja sebuah kotak (Tahap 4)."""

    uraian: str = Field(description="Rumusan indikator: Persentase…, Jumlah…, Angka…, Indeks….")
    satuan: str | None = Field(None, description="Satuan: %, dokumen, orang, kasus, indeks….")
    satuan_tahun: Annotated[dict[Tahun, str], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS,
        description="Satuan yang berbeda pada tahun tertentu, mis. {2023: \"%\"} (satuan lain tahun itu tetap ditampilkan).")
    polaritas: Literal["positif", "negatif"] = Field(
        "positif", description="positif: makin besar makin baik; negatif: makin kecil makin baik (mis. angka konflik)."
    )
    sifat: Literal["kumulatif", "stok"] | None = Field(
        None, description="kumulatif: target tahunan = jumlah triwulan; stok: target tahunan = posisi akhir (TW4)."
    )
    rumus_capaian: RumusCapaian | None = Field(None, description="Rumus capaian indikator ini: r/t, 2-r/t, t/r atau (t-r)/t (bawaan: pengukuran.rumus_negatif untuk polaritas negatif; lihat docs/ukur.md).")
    baseline: Nilai | None = Field(None, description="Nilai awal (kondisi awal periode).")
    tahun_baseline: Tahun | None = Field(None, description="Tahun nilai baseline.")
    kondisi_akhir: Nilai | None = Field(
        None, description="Kondisi kinerja pada akhir periode Renstra (bila kosong: target tahun terakhir).")
    target: PerTahun = Field(default_factory=dict, json_schema_extra=YEAR_KEYS, description="Target per tahun, mis. {2024: 95}.")
    realisasi: PerTahun = Field(default_factory=dict, json_schema_extra=YEAR_KEYS, description="Realisasi per tahun.")
    rencana_aksi: Annotated[dict[Tahun, RencanaAksi], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS, description="Rencana aksi per tahun (TW1–TW4)."
    )
    iku: bool | None = Field(None, description="Tandai sebagai Indikator Kinerja Utama (IKU).")
    alasan: str | None = Field(None, description="Manual IKU: alasan indikator ini dipilih (mengapa ia mengukur sasarannya).")
    formulasi: str | None = Field(None, description="Manual IKU: formulasi/penjelasan, cara menghitung nilainya, mis. (a / b) × 100%.")
    sumber_data: str | None = Field(None, description="Manual IKU: sumber data nilai indikator, mis. laporan bidang, BPS, SIPD.")
    penanggung_jawab: str | None = Field(
        None, description="Manual IKU: penanggung jawab indikator (bila kosong: jabatan pemilik kotaknya)."
    )
    aspek: Literal["kuantitas", "kualitas", "waktu", "biaya"] | None = Field(
        None, description="SKP: aspek indikator kinerja individu (PermenPANRB 6/2022); bila kosong: kuantitas."
    )
    catatan: str | None = None
    # -- measurement (pohon ukur / audit) --
    realisasi_tw: Annotated[dict[Tahun, NilaiTw], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS, description="Realisasi triwulan TW1–TW4 per tahun, mis. {2024: [20, 45, 70, 95]}.")
    bobot: Nilai | None = Field(None, description="Bobot indikator untuk capaian kotak (pengukuran.agregasi: bobot).")
    dilaporkan: Annotated[dict[Tahun, Dilaporkan], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS, description="Angka tercetak di laporan per tahun (capaian, kategori, kemajuan), untuk pohon audit.")

    def unit(self, year: int | None = None) -> str | None:
        """The unit of the target of ``year``: `satuan_tahun` of that year, else `satuan`."""
        return self.satuan_tahun.get(year, self.satuan) if year is not None else self.satuan


class KomponenRef(_Model):
    """Komponen perencanaan yang diterjemahkan dari kotak ini."""

    jenis: Komponen = Field(description="tujuan, sasaran, program, kegiatan atau sub_kegiatan.")
    kode: str | None = Field(None, description="Kode nomenklatur, mis. 8.01.06.2.01.0003.")
    nama: str | None = Field(None, description="Nama nomenklatur program/kegiatan/sub kegiatan.")
    kinerja: str | None = Field(None, description="Kinerja komponen menurut nomenklatur (SIPD), mis. Terlaksananya Koordinasi di Bidang ….")
    indikator: str | None = Field(None, description="Indikator komponen menurut nomenklatur (SIPD), mis. Jumlah Orang yang Mengikuti Koordinasi ….")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        return {"jenis": v} if isinstance(v, str) else v


class Jabatan(_Model):
    """Jabatan pemilik kinerja (untuk PK/SKP)."""

    nama: str = Field(description="Nama jabatan, mis. Kepala Bidang Kewaspadaan Nasional.")
    tingkat: str | None = Field(None, description="Tingkat jabatan: JPT, Administrator, Pengawas, JF, Pelaksana.")
    pemegang: str | None = Field(None, description="Nama pemegang jabatan (opsional).")
    nip: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        return {"nama": v} if isinstance(v, str) else v


class Simpul(_Model):
    """Satu kotak pohon kinerja: sebuah kondisi (hasil), bukan kegiatan."""

    id: str = Field(min_length=1, pattern=r"^\S+$", description="Id unik tanpa spasi, mis. C1, KA-WAS, S1.2.")
    uraian: str = Field(min_length=1, description="Pernyataan kondisi, bentuk \"-nya\": Meningkatnya…, Terlaksananya….")
    peran: Peran | None = Field(
        None,
        description="outcome | csf | antara-utama | antara | operasional. Boleh dihilangkan: diturunkan dari induknya.",
    )
    induk: str | None = Field(None, description="Id induk, bila kotak tidak ditulis bersarang di `cabang:` induknya.")
    faktor: str | None = Field(None, description="Tahap 2: faktor/permasalahan sebelum dirumuskan menjadi kondisi.")
    indikator: list[Indikator] = Field(default_factory=list, description="Indikator kinerja (Tahap 4).")
    crosscutting: bool | list[str] = Field(
        False,
        json_schema_extra=lambda js: js["anyOf"].insert(1, {"type": "string"}),
        description="Organisasi mitra bila kondisi ini ditangani bersama/oleh organisasi lain, mis. [Bagian Tata Pemerintahan Setda]."
    )
    komponen: list[KomponenRef] = Field(
        default_factory=list,
        description="Komponen perencanaan hasil terjemahan (menimpa bawaan peran): [program] atau [{jenis: program, kode: 8.01.06}].",
        json_schema_extra=lambda js: _or_text_items(js),
    )
    kode: str | None = Field(None, description="Kode nomenklatur komponen kotak, mis. 8.01.06.2.01.0003.")
    pagu: Annotated[dict[Tahun, Rupiah], BeforeValidator(_years_once)] = Field(default_factory=dict, json_schema_extra=YEAR_KEYS, description="Pagu anggaran per tahun (Rupiah).")
    lokasi: str | None = Field(None, description="Lokasi (Renja/Renstra), mis. Kab. Balangan, Semua Kecamatan; bila kosong: lokasi kotak di atasnya.")
    sumber_dana: str | None = Field(None, description="Sumber dana (Renja), mis. APBD Kab. Balangan; bila kosong: sumber dana kotak di atasnya.")
    catatan_penting: str | None = Field(None, description="Catatan penting Renja (kolom Catatan Penting T-C.33).")
    jabatan: list[Jabatan] = Field(
        default_factory=list,
        description="Jabatan pemilik kinerja ini (PK/SKP): nama jabatan, {nama, tingkat, pemegang} atau daftarnya.",
        json_schema_extra=lambda js: _or_text_items(js, single=True),
    )
    pemilik: TextList = Field(
        default_factory=list,
        description="Id jabatan pemilik kinerja kotak ini, dari `peta_jabatan` (satu id, atau daftar untuk kotak bersama).",
    )
    abaikan: dict[str, str] = Field(
        default_factory=dict, description="Aturan yang sengaja diabaikan di kotak ini, dengan alasannya: {M004: \"alasan\"}."
    )
    catatan: str | None = Field(None, description="Catatan bebas.")
    # -- measurement (pohon ukur / audit) --
    realisasi_anggaran: Annotated[dict[Tahun, Rupiah], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS, description="Realisasi anggaran per tahun (Rupiah).")
    realisasi_anggaran_tw: Annotated[dict[Tahun, RupiahTw], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS, description="Realisasi anggaran per triwulan TW1–TW4 per tahun (Rupiah, jumlah triwulan itu saja, bukan kumulatif).")
    dilaporkan: Annotated[dict[Tahun, Dilaporkan], BeforeValidator(_years_once)] = Field(
        default_factory=dict, json_schema_extra=YEAR_KEYS, description="Angka tercetak per tahun untuk kotak ini (capaian sasaran, pagu, realisasi, serapan, porsi, efisiensi), untuk pohon audit.")
    cabang: list[Simpul] = Field(default_factory=list, description="Kotak anak (kondisi di bawahnya).")

    @field_validator("jabatan", mode="before")
    @classmethod
    def _one_jabatan(cls, v: Any) -> Any:
        return [v] if isinstance(v, (str, dict)) else v

    @field_validator("crosscutting", mode="before")
    @classmethod
    def _flag_or_partners(cls, v: Any) -> Any:
        if isinstance(v, str):
            word = v.strip().casefold()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            return [v]
        return v

    @field_validator("abaikan", mode="before")
    @classmethod
    def _reasons(cls, v: Any) -> Any:
        if isinstance(v, dict):
            for code, reason in v.items():
                if not reason or not str(reason).strip():
                    raise PydanticCustomError("pohon_reason", "aturan {code} diabaikan tanpa alasan", {"code": code})
        return v

    @property
    def mitra(self) -> list[str]:
        return list(self.crosscutting) if isinstance(self.crosscutting, list) else []

    @property
    def is_crosscutting(self) -> bool:
        return bool(self.crosscutting) or self.crosscutting == []


class ProfilJabatan(_Model):
    """Profil tingkat jabatan organisasi: peran pohon → tingkat PK/SKP."""

    dasar: str = Field("bawaan", description="Profil dasar: bawaan (tanpa Pengawas) atau klasik (dengan Pengawas).")
    peta: dict[Peran, TextList] = Field(default_factory=dict, description="Menimpa pemetaan: {antara: [Pengawas]}.")


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
Tingkat = Literal[tuple(TINGKAT_LEVEL)]  # type: ignore[valid-type]


def _tingkat(v: Any) -> Any:
    if not isinstance(v, str):
        return v
    folded = " ".join(v.split()).casefold()
    for written in TINGKAT_LEVEL:
        if written.casefold() == folded:
            return written
    return _TINGKAT_ALIASES.get(folded, v)


class Pemegang(_Model):
    """Pemegang (pejabat) sebuah jabatan: penanda tangan PK dan pegawai yang dinilai SKP."""

    nama: str = Field(min_length=1, description="Nama lengkap dengan gelar, mis. Ir. ANSYARULLAH, M.AP.")
    nip: str | None = Field(None, description="NIP, mis. 19620508 198903 1 016.")
    pangkat: str | None = Field(None, description="Pangkat/golongan, mis. Pembina Utama Muda (IV/c).")
    catatan: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        return {"nama": v} if isinstance(v, str) else v


class JabatanPeta(_Model):
    """Satu jabatan di peta jabatan organisasi: pemilik kinerja kotak-kotak yang menyebut id-nya di `pemilik:`."""

    id: str = Field(min_length=1, pattern=r"^\S+$", description="Id unik jabatan tanpa spasi, mis. KABAN, KABID-WAS.")
    nama: str = Field(min_length=1, description="Nama jabatan, mis. Kepala Bidang Kewaspadaan Nasional dan Penanganan Konflik.")
    tingkat: Annotated[Tingkat, BeforeValidator(_tingkat)] = Field(
        description="JPT Pratama (atau JPT Madya/Utama), Administrator, Pengawas, Fungsional (JF) atau Pelaksana (JP)."
    )
    jenjang: str | None = Field(None, description="Jenjang jabatan fungsional, mis. Ahli Muda, Ahli Pertama, Terampil.")
    atasan: str | None = Field(None, description="Id jabatan atasan langsung (kosong untuk kepala organisasi).")
    unit: str | None = Field(None, description="Unit kerja, mis. Bidang Kewaspadaan Nasional dan Penanganan Konflik.")
    pemegang: list[Pemegang] = Field(
        default_factory=list,
        description="Pemegang jabatan: nama, {nama, nip, pangkat}, atau daftarnya (satu PK/SKP per pemegang).",
        json_schema_extra=lambda js: _or_text_items(js, single=True),
    )
    tugas_tambahan: TextList = Field(
        default_factory=list,
        description="SKP: hasil kerja tambahan jabatan ini (tugas di luar kotak pohonnya), satu teks per baris B. Tambahan.",
    )
    catatan: str | None = None

    @field_validator("pemegang", mode="before")
    @classmethod
    def _one_holder(cls, v: Any) -> Any:
        return [v] if isinstance(v, (str, dict)) else v

    @property
    def level(self) -> str:
        """The level of the level profiles: JPT, Administrator, Pengawas, JF or JP."""
        return TINGKAT_LEVEL[self.tingkat]


class PohonFile(_Model):
    """Berkas pohon kinerja (format v1)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"title": "Pohon kinerja (pohon v1)"},
    )

    pohon: int = Field(description="Versi format berkas. Tulis `pohon: 1`.", json_schema_extra={"const": FORMAT_VERSION})
    organisasi: Organisasi
    periode: str = Field(pattern=r"^\s*[0-9]{4}\s*[-–]\s*[0-9]{4}\s*$", description="Periode perencanaan, mis. 2021-2026.")
    tahap1: Tahap1 | None = None
    profil_jabatan: ProfilJabatan | None = Field(None, description="Profil tingkat jabatan (PK/SKP).")
    nomenklatur: TextList = Field(
        default_factory=list, description="Berkas referensi nomenklatur tambahan, CSV atau YAML (buatan `pohon nomenklatur impor`), relatif terhadap berkas ini."
    )
    peta_jabatan: list[JabatanPeta] = Field(
        default_factory=list,
        description="Peta jabatan organisasi: jabatan, tingkat, atasan dan pemegangnya; kotak menyebut pemiliknya dengan `pemilik: ID`.",
    )
    kinerja: list[Simpul] = Field(description="Kotak pohon, bersarang lewat `cabang:` atau datar lewat `induk:`.")
    pengukuran: Pengukuran | None = Field(None, description="Aturan pengukuran kinerja (pohon ukur, pohon audit): rumus, pembulatan, kategori.")
    catatan: str | None = None

    @field_validator("periode")
    @classmethod
    def _period(cls, v: str) -> str:
        if parse_period(v) is None:
            raise PydanticCustomError("pohon_period", "periode tidak valid: {value}", {"value": v})
        return v

    @property
    def years(self) -> range:
        start, end = parse_period(self.periode)  # type: ignore[misc]
        return range(start, end + 1)
