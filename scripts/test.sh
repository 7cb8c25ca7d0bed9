#!/usr/bin/env bash
# Set up and run the whole test suite: .venv with the test extras, the system packages the
# browser/LibreOffice/PDF tests need (apt-get, when root), then pytest. The reason of every
# skipped test is listed in the summary (addopts -rfEs in pyproject.toml).
set -eu
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
if ! bash scripts/install-system-deps.sh; then
  [ "${CI:-}" = "true" ] && exit 1
  echo "continuing: the tests that need these packages will skip" >&2
fi
exec .venv/bin/python -m pytest -n 2 "$@"
