#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle of the product: dist/counter/ holding the `counter`
# executable (and counterw.exe on Windows), Qt without WebEngine, the migrations, the catalogue,
# styles and translations. Fonts, X/xcb and GL come from the PC it runs on.
#
# The bundle is made in its own virtual environment (build/bundle-venv) holding the product's
# dependencies and PyInstaller only, never the test packages of .venv (keyrings.alt, pytest...).
# Safe to run again: the venv is reused until pyproject.toml changes.
#   installers/build-bundle.sh            -> dist/counter/
#   PYTHON=/usr/bin/python3 installers/build-bundle.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash installers/setup.sh --system-only

py="${PYTHON:-python3}"
venv="build/bundle-venv"
if [ -x "$venv/Scripts/python.exe" ]; then vpy="$venv/Scripts/python.exe"; else vpy="$venv/bin/python"; fi
if [ ! -x "$vpy" ]; then
  "$py" -m venv "$venv"
  if [ -x "$venv/Scripts/python.exe" ]; then vpy="$venv/Scripts/python.exe"; else vpy="$venv/bin/python"; fi
fi
stamp="$venv/.installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "$vpy" -m pip install -q --upgrade pip >/dev/null
  # The product's dependencies and PyInstaller; the product itself is frozen from the source
  # tree (pathex in the spec), so it is uninstalled again.
  "$vpy" -m pip install -q ".[bundle]"
  "$vpy" -m pip uninstall -q -y counter
  touch "$stamp"
fi
for banned in keyrings.alt pytest pytest-qt hypothesis; do
  if "$vpy" -m pip show -q "$banned" >/dev/null 2>&1; then
    echo "build/bundle-venv holds the test package $banned: remove build/bundle-venv" >&2
    exit 1
  fi
done
"$vpy" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller installers/counter.spec
du -sh dist/counter | awk '{print "bundle: dist/counter (" $1 ")"}'
