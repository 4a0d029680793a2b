#!/usr/bin/env bash
# Build the Debian package for domestic Linux desktops (UOS, Kylin) and Debian 12:
#   dist/counter-client_<version>_amd64.deb
# It installs the PyInstaller bundle (installers/build-bundle.sh) to /opt/counter, puts
# `counter` on the path (/usr/bin/counter), adds a desktop entry per job (窗口, 取号机, 叫号屏,
# 窗口屏, 后台, 管理) and the set-up dialog, and declares the system libraries the bundle uses
# (computed from the bundle with ldd and dpkg -S, as dpkg-shlibdeps would) plus a CJK font.
#   installers/build-deb.sh              build the bundle if missing, then the .deb
#   installers/build-deb.sh --rebuild    rebuild the bundle first
# Build on the oldest distribution you deploy to: the bundle needs its glibc or newer.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in dpkg-dev fakeroot binutils desktop-file-utils; do have_pkg "$p" || need+=("$p"); done
if [ "${#need[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${1:-}" = "--rebuild" ] || [ ! -x dist/counter/counter ]; then
  bash installers/build-bundle.sh
fi

version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' counter/__init__.py)"
arch="$(dpkg --print-architecture)"
pkg="counter-client"
stage="build/deb/${pkg}_${version}_${arch}"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
         "$stage/usr/share/doc/$pkg"
cp -a dist/counter "$stage/opt/counter"
ln -s /opt/counter/counter "$stage/usr/bin/counter"
python3 installers/shortcuts.py desktop "$stage/usr/share/applications" >/dev/null
desktop-file-validate "$stage"/usr/share/applications/*.desktop
cp resources/icons/counter.svg "$stage/usr/share/icons/hicolor/scalable/apps/counter.svg"
cp installers/linux/counter.png "$stage/usr/share/icons/hicolor/256x256/apps/counter.png"
cp README.md "$stage/usr/share/doc/$pkg/README.md"
[ -f docs/deployment.md ] && cp docs/deployment.md "$stage/usr/share/doc/$pkg/deployment.md"
cat > "$stage/usr/share/doc/$pkg/copyright" <<COPY
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: counter
Comment: 便民服务中心综合窗口客户端. Proprietary; the bundled Python, Qt (PySide6, LGPL-3.0)
 and Python packages keep their own licences, found under /opt/counter/_internal.
COPY

# System libraries the bundle links against, as packages (like dpkg-shlibdeps).
libs="$(find "$stage/opt/counter" -name '*.so*' -type f -print0 \
  | LD_LIBRARY_PATH="$stage/opt/counter/_internal" xargs -0 ldd 2>/dev/null \
  | awk '/=> \// {print $3}' | grep -v "^$here/$stage" | sort -u)"
# libdbus and the xcb cursor / xkb and EGL libraries are loaded at run time (dlopen) by Qt,
# so ldd does not see them.
pkgs="$( (for l in $libs; do dpkg -S "$(readlink -f "$l")" 2>/dev/null | cut -d: -f1; done
          printf '%s\n' libdbus-1-3 libxcb-cursor0 libxkbcommon-x11-0 libegl1) \
  | sort -u | grep -v '^libc6$' || true)"
glibc="$(getconf GNU_LIBC_VERSION | awk '{print $2}')"
depends="libc6 (>= $glibc), $(echo $pkgs | sed 's/ /, /g')"
depends="$depends, fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei | fonts-arphic-uming"
# rare characters of names (CJK Extension B and later, e.g. U+20000): no other Debian CJK font
depends="$depends, fonts-hanazono"
size="$(du -sk "$stage" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: $pkg
Version: $version
Architecture: $arch
Maintainer: counter client maintainers <counter@localhost>
Installed-Size: $size
Section: misc
Priority: optional
Depends: $depends
Recommends: libpulse0, libspeechd2, gnome-keyring | kwalletmanager, cups-client, postgresql-client
Description: 便民服务中心综合窗口客户端 / counter client for township service halls
 Window client, ticket kiosk, hall and window displays, back office and manager screens of a
 township service hall (便民服务中心), on one town database (PostgreSQL) or a single PC's
 embedded SQLite. Installs to /opt/counter; \`counter setup --dialog\` sets a PC up and
 \`counter doctor\` checks it.
CONTROL
cat > "$stage/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
POST
chmod 0755 "$stage/DEBIAN/postinst"
out="dist/${pkg}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$out" >/dev/null
echo "package: $out ($(du -h "$out" | cut -f1))"
