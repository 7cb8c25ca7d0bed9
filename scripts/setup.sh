#!/usr/bin/env bash
# Create .venv (if needed) and install pohon into it (editable); with "test", also the test extras.
# pip runs only when needed: .venv/.pohon-setup records pyproject.toml's checksum and the extra of
# the last good install, and the install is redone when the stamp differs, or when `import pohon`
# fails or finds another checkout's pohon. An install with the test extras also serves a plain run.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extra=""
[ "${1:-}" = "test" ] && extra="[test]"
STAMP=.venv/.pohon-setup
sum=$(cksum < pyproject.toml | cut -d' ' -f1,2)
# pohon imports, from this checkout's src/ (an editable install of this repository)
imports_here() {
  .venv/bin/python -c 'import os, sys, pohon
sys.exit(not os.path.realpath(pohon.__file__).startswith(os.path.realpath(sys.argv[1]) + os.sep))' \
    "$PWD/src" 2>/dev/null
}
if [ -f "$STAMP" ] && imports_here; then
  stamped=$(cat "$STAMP")
  if [ "$stamped" = "$sum $extra" ] || [ "$stamped" = "$sum [test]" ]; then
    exit 0
  fi
fi
rm -f "$STAMP"
echo "Memasang pohon ke .venv (pip install -e .$extra) …" >&2
set +e
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra" 2>&1 | grep -v -E "^WARNING: Location|^$" >&2
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "pip install gagal (status $status)" >&2
  exit "$status"
fi
.venv/bin/python -c "import pohon" # fail loudly if the install did not work
imports_here || { echo "pohon di .venv bukan dari $PWD/src" >&2; exit 1; }
echo "$sum $extra" > "$STAMP"
