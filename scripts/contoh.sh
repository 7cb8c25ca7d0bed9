#!/usr/bin/env bash
# The main job on the bundled example trees: set up, check every tree, and write the
# diagrams and tables of each into keluaran/ (regenerated on every run).
set -u
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 2
POHON=.venv/bin/pohon
OUT=keluaran
mkdir -p "$OUT"
echo "== pohon check trees/ ==" >&2
$POHON check trees/
status=$?
for tree in trees/*.yaml; do
  name=$(basename "$tree" .yaml)
  if $POHON --help | grep -q "^  render"; then
    $POHON render "$tree" -o "$OUT/$name.svg" --format svg,pdf,png,html --force >/dev/null 2>&1 \
      && echo "diagram: $OUT/$name.{svg,pdf,png,html}" >&2
  fi
  if $POHON --help | grep -q "^  tabel"; then
    for jenis in matriks renstra; do
      $POHON tabel "$tree" --jenis "$jenis" -o "$OUT/$name-$jenis.xlsx" --force >/dev/null 2>&1 \
        && echo "tabel: $OUT/$name-$jenis.xlsx" >&2
    done
  fi
done
echo "(trees/latihan-kesalahan.yaml is a training tree with deliberate mistakes: its errors are expected)" >&2
exit 0
