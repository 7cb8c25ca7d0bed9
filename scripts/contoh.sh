#!/usr/bin/env bash
# The main job on the bundled example trees: set up, check every tree, then write the
# diagrams (SVG, PDF, PNG, interactive HTML), the cascade tables (XLSX) and the PK (PDF, DOCX) of each into
# keluaran/ (regenerated on every run).
set -u
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 2
POHON=.venv/bin/pohon
OUT=keluaran
mkdir -p "$OUT"
echo "Catatan: trees/latihan-kesalahan.yaml adalah pohon latihan dengan kesalahan yang disengaja;" >&2
echo "kesalahan yang dilaporkan untuknya di bawah ini memang diharapkan." >&2
echo "== pohon check trees/ ==" >&2
$POHON check trees/
for tree in trees/*.yaml; do
  name=$(basename "$tree" .yaml)
  echo "== $tree ==" >&2
  $POHON render "$tree" -o "$OUT/$name.svg" --format svg,pdf,png,html --force
  for jenis in matriks renstra renja rencana-aksi pk iku; do
    # the tree's problems were listed by the check above: show only what was written
    $POHON tabel "$tree" --jenis "$jenis" -o "$OUT/$name-$jenis.xlsx" --force 2>&1 | grep "^ditulis" >&2
  done
  # every table in one workbook; the hand-in documents as PDF and DOCX
  $POHON tabel "$tree" -o "$OUT/$name-semua.xlsx" --force 2>&1 | grep "^ditulis" >&2
  for fmt in pdf docx; do
    $POHON tabel "$tree" --jenis pk -o "$OUT/$name-pk.$fmt" --force 2>&1 | grep "^ditulis" >&2
  done
done
echo "Selesai: diagram dan tabel ada di $OUT/." >&2
exit 0
