"""Painting the hall's public screens at any size (大屏绘制).

Screens are laid out on a reference canvas (1920×1080 for the hall display) and scaled to the
widget: 1366×768 and 4K keep the same proportions; another aspect ratio is letter-boxed.
Texts that do not fit their box shrink (down to half) and are then elided, never cut.

Every string drawn goes through :meth:`Canvas.text` and is recorded in ``drawn``: a test reads
what a screen actually showed (the privacy scan), and nothing reaches the screen any other way.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Frame:
    """Where the reference canvas lands in the widget: scale and offset."""

    scale: float
    dx: float
    dy: float

    @classmethod
    def fit(cls, width: float, height: float, ref_w: float, ref_h: float) -> Frame:
        scale = min(width / ref_w, height / ref_h) if ref_w and ref_h else 1.0
        return cls(scale, (width - ref_w * scale) / 2, (height - ref_h * scale) / 2)

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        s = self.scale
        return QRectF(self.dx + x * s, self.dy + y * s, w * s, h * s)


_FONTS: dict[tuple[str, int, bool], tuple[QFont, QFontMetricsF]] = {}


def cached_font(family: str, px: int, bold: bool) -> tuple[QFont, QFontMetricsF]:
    """A font and its metrics, made once per (family, size, weight): a board repaints often,
    and building fonts and metrics is most of the cost of drawing a text."""
    key = (family, px, bold)
    hit = _FONTS.get(key)
    if hit is None:
        font = QFont(family)
        font.setPixelSize(px)
        font.setBold(bold)
        if len(_FONTS) > 400:
            _FONTS.clear()
        hit = _FONTS[key] = (font, QFontMetricsF(font))
    return hit


class Canvas:
    """A QPainter on the reference canvas: boxes and texts in reference units."""

    def __init__(self, painter: QPainter, frame: Frame, drawn: list[str]) -> None:
        self.p = painter
        self.frame = frame
        self.drawn = drawn
        self.family = QApplication.font().family()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)

    def box(self, x: float, y: float, w: float, h: float, color: str, radius: float = 0.0) -> None:
        r = self.frame.rect(x, y, w, h)
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(QColor(color))
        if radius:
            rad = radius * self.frame.scale
            self.p.drawRoundedRect(r, rad, rad)
        else:
            self.p.drawRect(r)

    def line(
        self, x1: float, y1: float, x2: float, y2: float, color: str, width: float = 1
    ) -> None:
        f = self.frame
        pen = QPen(QColor(color))
        pen.setWidthF(max(1.0, width * f.scale))
        self.p.setPen(pen)
        self.p.drawLine(
            int(f.dx + x1 * f.scale),
            int(f.dy + y1 * f.scale),
            int(f.dx + x2 * f.scale),
            int(f.dy + y2 * f.scale),
        )

    def font(self, size: float, bold: bool = False) -> QFont:
        return cached_font(self.family, max(6, round(size * self.frame.scale)), bold)[0]

    def metrics(self, size: float, bold: bool = False) -> QFontMetricsF:
        return cached_font(self.family, max(6, round(size * self.frame.scale)), bold)[1]

    def text(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        size: float,
        color: str,
        *,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        fit: bool = True,
    ) -> float:
        """Draw ``text`` in the box, vertically centred, shrinking it to fit (``fit``); returns
        the width it took, in reference units."""
        if not text:
            return 0.0
        self.drawn.append(text)
        r = self.frame.rect(x, y, w, h)
        font, metrics = self.font(size, bold), self.metrics(size, bold)
        width = metrics.horizontalAdvance(text)
        if fit and width > r.width() > 0:
            shrunk = max(size * 0.5, size * r.width() / width * 0.98)
            font, metrics = self.font(shrunk, bold), self.metrics(shrunk, bold)
            width = metrics.horizontalAdvance(text)
        shown = text
        if width > r.width():
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, r.width())
        self.p.setFont(font)
        self.p.setPen(QColor(color))
        self.p.drawText(r, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
        return min(width, r.width()) / self.frame.scale

    def advance(self, text: str, size: float, bold: bool = False) -> float:
        """The width of ``text`` at ``size``, in reference units."""
        return self.metrics(size, bold).horizontalAdvance(text) / self.frame.scale
