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

from pohon.model import coerce
from pohon.model.coerce import (FORMAT_VERSION, QUARTER_MONTHS, TINGKAT_LEVEL, AksiBehaviour, IndikatorBehaviour,  # noqa: F401
                                JabatanPetaBehaviour, PohonFileBehaviour, SimpulBehaviour)
from pohon.model.roles import roles

Peran = Literal[tuple(r.key for r in roles())]  # type: ignore[valid-type]
Komponen = Literal["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]

_NUMBER_OR_TEXT_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string"}]}


def _checked(pure):
    """``pure`` (a :mod:`pohon.model.coerce` function) raising pydantic's error of the same kind.
    The quick reader (:mod:`pohon.model.quick`) finds the pure function as ``.pure``."""
    def validate(v: Any) -> Any:
        try:
            return pure(v)
        except coerce.Invalid as exc:
            raise PydanticCustomError(exc.kind, exc.template, exc.params) from None
    validate.pure = pure  # type: ignore[attr-defined]
    return validate


_value = _checked(coerce.value)
_rupiah = _checked(coerce.money)
_year = _checked(coerce.year)
_years_once = _checked(coerce.years_once)
_year_map = _checked(coerce.year_map)


def _per_year(v: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A year map of whole numbers read in one go (:func:`coerce.whole_per_year`), anything else
    item by item, with the item validators' errors."""
    quick = coerce.whole_per_year(v)
    return quick if quick is not None else handler(_year_map(v))


Nilai = Annotated[
    Union[int, float, str],
    BeforeValidator(_value),
    WithJsonSchema(_NUMBER_OR_TEXT_SCHEMA),
]
Rupiah = Annotated[
    Decimal,
    BeforeValidator(_rupiah),
    PlainSerializer(coerce.money_out, return_type=Any),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}], "description": "Rupiah: 4497496565, \"4.497.496.565\" atau \"Rp 4.497.496.565,00\""}),
]
Tahun = Annotated[int, BeforeValidator(_year), WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2200})]
PerTahun = Annotated[dict[Tahun, Nilai], WrapValidator(_per_year)]
TextList = Annotated[
    list[str],
    BeforeValidator(coerce.text_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
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


class _Named(_Model):
    """A mapping that may be written as its `nama` alone (`jabatan: Kepala Bidang …`)."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        return coerce.named(v)


class KepalaDaerah(_Named):
    """Kepala daerah yang menandatangani Perjanjian Kinerja kepala organisasi (JPT) sebagai Pihak Kedua."""

    jabatan: str | None = Field(None, description="Jabatan, mis. Bupati Balangan (bila kosong: dari `pemda`).")
    nama: str | None = Field(None, description="Nama kepala daerah (bila kosong: baris titik-titik untuk ditulis tangan).")


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


_month = _checked(coerce.month)
_quarter = _checked(coerce.quarter)


def _or_single(js: dict) -> None:
    """JSON Schema for a list that may also be written as its one item (`bulan: 2`)."""
    item = js.pop("items")
    js.pop("type", None)
    js["anyOf"] = [{"type": "array", "items": item}, item]


Bulan = Annotated[int, BeforeValidator(_month), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 12})]
Triwulan = Annotated[int, BeforeValidator(_quarter), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 4})]


class Aksi(_Model, AksiBehaviour):
    """Satu aksi rencana aksi dengan bulan pelaksanaannya (jadwal kegiatan)."""

    uraian: str = Field(min_length=1, description="Uraian aksi, mis. Melaksanakan rapat koordinasi antarumat beragama.")
    bulan: Annotated[list[Bulan], BeforeValidator(coerce.one_or_list)] = Field(
        default_factory=list, description="Bulan pelaksanaan 1–12, mis. [2, 4, 9] (satu bulan: 2).",
        json_schema_extra=lambda js: _or_single(js))
    triwulan: Triwulan | None = Field(
        None, description="Triwulan 1–4 bila bulan tidak ditulis: aksi dijadwalkan pada ketiga bulan triwulan itu.")


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
        return coerce.no_category(v)


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
    aksi: Annotated[list[Aksi | None], BeforeValidator(coerce.actions)] = Field(
        default_factory=list,
        description="Aksi dengan bulan pelaksanaannya: [{uraian: ..., bulan: [1, 2]}, ...]. Bentuk lama "
                    "[aksi TW1, aksi TW2, aksi TW3, aksi TW4] tetap terbaca (aksi pada bulan-bulan triwulannya).",
        json_schema_extra=lambda js: _or_text_items(js),
    )
    anggaran: Rupiah | None = Field(None, description="Anggaran aksi tahun itu (Rupiah).")
    penanggung_jawab: str | None = Field(None, description="Pejabat penanggung jawab.")
    catatan: str | None = None


class Indikator(_Model, IndikatorBehaviour):
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
        return coerce.of_kind(v)


class Jabatan(_Named):
    """Jabatan pemilik kinerja (untuk PK/SKP)."""

    nama: str = Field(description="Nama jabatan, mis. Kepala Bidang Kewaspadaan Nasional.")
    tingkat: str | None = Field(None, description="Tingkat jabatan: JPT, Administrator, Pengawas, JF, Pelaksana.")
    pemegang: str | None = Field(None, description="Nama pemegang jabatan (opsional).")
    nip: str | None = None


class Simpul(_Model, SimpulBehaviour):
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
        return coerce.one_mapping(v)

    @field_validator("crosscutting", mode="before")
    @classmethod
    def _flag_or_partners(cls, v: Any) -> Any:
        return coerce.flag_or_partners(v)

    @field_validator("abaikan", mode="before")
    @classmethod
    def _reasons(cls, v: Any) -> Any:
        return _checked(coerce.reasons)(v)


class ProfilJabatan(_Model):
    """Profil tingkat jabatan organisasi: peran pohon → tingkat PK/SKP."""

    dasar: str = Field("bawaan", description="Profil dasar: bawaan (tanpa Pengawas) atau klasik (dengan Pengawas).")
    peta: dict[Peran, TextList] = Field(default_factory=dict, description="Menimpa pemetaan: {antara: [Pengawas]}.")


Tingkat = Literal[tuple(TINGKAT_LEVEL)]  # type: ignore[valid-type]


class Pemegang(_Named):
    """Pemegang (pejabat) sebuah jabatan: penanda tangan PK dan pegawai yang dinilai SKP."""

    nama: str = Field(min_length=1, description="Nama lengkap dengan gelar, mis. Ir. ANSYARULLAH, M.AP.")
    nip: str | None = Field(None, description="NIP, mis. 19620508 198903 1 016.")
    pangkat: str | None = Field(None, description="Pangkat/golongan, mis. Pembina Utama Muda (IV/c).")
    catatan: str | None = None


class JabatanPeta(_Model, JabatanPetaBehaviour):
    """Satu jabatan di peta jabatan organisasi: pemilik kinerja kotak-kotak yang menyebut id-nya di `pemilik:`."""

    id: str = Field(min_length=1, pattern=r"^\S+$", description="Id unik jabatan tanpa spasi, mis. KABAN, KABID-WAS.")
    nama: str = Field(min_length=1, description="Nama jabatan, mis. Kepala Bidang Kewaspadaan Nasional dan Penanganan Konflik.")
    tingkat: Annotated[Tingkat, BeforeValidator(coerce.tingkat)] = Field(
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
        return coerce.one_mapping(v)



class PohonFile(_Model, PohonFileBehaviour):
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
        return _checked(coerce.period)(v)
