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

KOTAK_COLS = ("id", "induk", "peran", "uraian", "faktor", "kode", "crosscutting", "pemilik", "catatan", "lainnya")
INDIKATOR_COLS = ("kotak", "no", "uraian", "satuan", "polaritas", "sifat", "rumus_capaian", "baseline",
                  "tahun_baseline", "iku", "catatan", "lainnya")  # + target YYYY, realisasi YYYY
RA_COLS = ("kotak", "indikator", "tahun", "tw1", "tw2", "tw3", "tw4", "aksi1", "aksi2", "aksi3", "aksi4",
           "anggaran", "penanggung_jawab", "catatan", "lainnya")
KOMPONEN_COLS = ("kotak", "jenis", "kode", "nama")
PAGU_COLS = ("kotak",)  # + pagu YYYY
JABATAN_KOTAK_COLS = ("kotak", "nama", "tingkat", "pemegang", "nip")
ABAIKAN_COLS = ("kotak", "aturan", "alasan")
PETA_COLS = ("id", "nama", "tingkat", "jenjang", "atasan", "unit", "catatan", "lainnya")
PEMEGANG_COLS = ("jabatan", "nama", "nip", "pangkat", "catatan")
INFO_COLS = ("bagian", "nilai")

SIMPUL_IN_COLUMNS = {"id", "induk", "peran", "uraian", "faktor", "kode", "crosscutting", "pemilik", "catatan",
                     "indikator", "komponen", "pagu", "jabatan", "abaikan", "cabang"}
INDIKATOR_IN_COLUMNS = {"uraian", "satuan", "polaritas", "sifat", "rumus_capaian", "baseline", "tahun_baseline",
                        "iku", "catatan", "target", "realisasi", "rencana_aksi"}
RA_IN_COLUMNS = {"tw", "aksi", "anggaran", "penanggung_jawab", "catatan"}
PETA_IN_COLUMNS = {"id", "nama", "tingkat", "jenjang", "atasan", "unit", "catatan", "pemegang"}
LIST_SEP = "; "
YES, NO = "ya", "tidak"
