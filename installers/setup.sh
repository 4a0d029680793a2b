#!/usr/bin/env bash
# Prepare this machine to run the counter client from a source checkout (Debian 12 / Ubuntu /
# domestic Debian-based desktops): the system libraries Qt needs, CJK fonts (fonts-noto-cjk for the
# screens, fonts-hanazono for the rare characters of names: CJK Extension B and later, which Noto
# CJK does not have; Qt falls back to it per glyph), PDF tools, a virtual
# environment in .venv with the package installed. Safe to run again; it only adds what is missing.
#   installers/setup.sh               runtime only
#   installers/setup.sh --test        also the test tools
#   installers/setup.sh --system-only the system packages only (installers/build-*.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

need_pkgs=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if command -v dpkg-query >/dev/null 2>&1; then
  for p in python3-venv fonts-noto-cjk fonts-hanazono poppler-utils libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
           libfontconfig1 libdbus-1-3 libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
           libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0; do
    have_pkg "$p" || need_pkgs+=("$p")
  done
  # the tests run `counter` with the wall clock moved (libfaketime): tests/run-at.sh
  if [ -n "$extras" ]; then
    have_pkg faketime || need_pkgs+=(faketime)
  fi
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "Installing system packages: ${need_pkgs[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

[ "${1:-}" = "--system-only" ] && exit 0

py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.installed${extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".${extras}"
  touch "$stamp"
fi
