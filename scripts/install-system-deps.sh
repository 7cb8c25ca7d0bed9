#!/usr/bin/env bash
# System packages some tests need: Chromium (HTML viewer tests), LibreOffice Calc and Writer (XLSX opens, DOCX converts),
# poppler-utils (PDF → PNG). Installed with apt-get when running as root; otherwise the tests
# that need them skip with a printed reason (never under CI=true).
set -u
PKGS="chromium fonts-dejavu-core fonts-dejavu-extra poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
    echo "apt-get install failed for:$missing" >&2
    exit 1
  }
else
  echo "Not root: cannot install$missing; tests needing them will skip." >&2
fi
