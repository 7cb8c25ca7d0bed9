"""The fill-in workbook's sheets and columns (shared by :mod:`.templat`, which writes it, and
:mod:`.isian`, which reads it back). A box that is written more than once (a duplicate id in a
broken tree) is referred to as ``ID#2``, ``ID#3`` … after its first occurrence.

Every column holds one field of the tree file; what a cell cannot hold exactly (a field another
version of pohon added, a list with an empty last item, a box nested under one box while its
`induk:` names another) goes, as YAML, into the sheet's ``lainnya`` column, so that tree →
workbook → tree loses nothing.
"""

from __future__ import annotations

PETUNJUK = "Petunjuk"
INFO = "Info"
KOTAK = "Kotak"
INDIKATOR = "Indikator"
RENCANA_AKSI = "Rencana Aksi"
KOMPONEN = "Komponen"
PAGU = "Pagu"
JABATAN_KOTAK = "Jabatan Kotak"
ABAIKAN = "Abaikan"
PETA_JABATAN = "Peta Jabatan"
PEMEGANG = "Pemegang"
REALISASI_TW = "Realisasi TW"

def present(model: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The columns whose field the schema has (the schema grows; a column never names a field it lacks)."""
    from pohon.model import schema

    fields = getattr(schema, model).model_fields
    return tuple(n for n in names if n in fields or n in ("kotak", "no", "lainnya", "id", "induk"))


KOTAK_TEXT = ("peran", "uraian", "faktor", "kode", "lokasi", "sumber_dana", "catatan_penting", "catatan")
KOTAK_COLS = ("id", "induk", "peran", "uraian", "faktor", "kode", "crosscutting", "pemilik", "lokasi", "sumber_dana",
              "catatan_penting", "catatan", "lainnya")
INDIKATOR_TEXT = ("uraian", "satuan", "polaritas", "sifat", "rumus_capaian", "alasan", "formulasi", "sumber_data",
                  "penanggung_jawab", "aspek", "catatan")
INDIKATOR_VALUES = ("baseline", "tahun_baseline", "kondisi_akhir", "bobot", "iku")
RTW_COLS = ("kotak", "indikator", "tahun", "tw1", "tw2", "tw3", "tw4")
INDIKATOR_COLS = ("kotak", "no", "uraian", "satuan", "polaritas", "sifat", "rumus_capaian", "baseline",
                  "tahun_baseline", "kondisi_akhir", "bobot", "iku", "alasan", "formulasi", "sumber_data", "penanggung_jawab",
                  "aspek", "catatan", "lainnya")  # + target YYYY, realisasi YYYY before catatan
RA_COLS = ("kotak", "indikator", "tahun", "tw1", "tw2", "tw3", "tw4", "aksi1", "aksi2", "aksi3", "aksi4",
           "anggaran", "penanggung_jawab", "catatan", "lainnya")
KOMPONEN_COLS = ("kotak", "jenis", "kode", "nama", "kinerja", "indikator")
PAGU_COLS = ("kotak",)  # + pagu YYYY
JABATAN_KOTAK_COLS = ("kotak", "nama", "tingkat", "pemegang", "nip")
ABAIKAN_COLS = ("kotak", "aturan", "alasan")
PETA_COLS = ("id", "nama", "tingkat", "jenjang", "atasan", "unit", "catatan", "lainnya")
PEMEGANG_COLS = ("jabatan", "nama", "nip", "pangkat", "catatan")
INFO_COLS = ("bagian", "nilai")

KOTAK_TEXT = present("Simpul", KOTAK_TEXT)
KOTAK_COLS = present("Simpul", KOTAK_COLS)
INDIKATOR_TEXT = present("Indikator", INDIKATOR_TEXT)
INDIKATOR_VALUES = present("Indikator", INDIKATOR_VALUES)
INDIKATOR_COLS = present("Indikator", INDIKATOR_COLS)
KOMPONEN_COLS = ("kotak",) + present("KomponenRef", KOMPONEN_COLS[1:])
SIMPUL_IN_COLUMNS = {"id", "induk", "crosscutting", "pemilik", *KOTAK_TEXT, "indikator", "komponen", "pagu",
                     "jabatan", "abaikan", "cabang"}
INDIKATOR_IN_COLUMNS = {*INDIKATOR_TEXT, *INDIKATOR_VALUES, "target", "realisasi", "rencana_aksi", "realisasi_tw"}
HAS_RTW = bool(present("Indikator", ("realisasi_tw",)))
RA_IN_COLUMNS = {"tw", "aksi", "anggaran", "penanggung_jawab", "catatan"}
PETA_IN_COLUMNS = {"id", "nama", "tingkat", "jenjang", "atasan", "unit", "catatan", "pemegang"}
LIST_SEP = "; "
YES, NO = "ya", "tidak"
