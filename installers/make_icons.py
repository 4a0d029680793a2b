"""Render resources/icons/counter.svg to the icons the installers ship:
installers/linux/counter.png (256 px, hicolor) and installers/windows/counter.ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installers/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "counter.svg"


def render(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    big = render(256)
    big.save(ROOT / "installers" / "linux" / "counter.png")
    big.save(
        ROOT / "installers" / "windows" / "counter.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
