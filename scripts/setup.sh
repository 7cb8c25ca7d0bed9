#!/usr/bin/env bash
# Create .venv (if needed) and install pohon into it; with "test", also the test extras.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extra=""
[ "${1:-}" = "test" ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra" 2>&1 | grep -v -E "^WARNING: Location|^$" || true
.venv/bin/python -c "import pohon" # fail loudly if the install did not work
