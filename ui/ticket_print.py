"""Draw a ticket slip (号票) with QPainter: to a printer (QPrinter) or a PDF (QPdfWriter).

The content comes from :class:`counter.documents.ticket.TicketSlip`; this module only lays it
out on a narrow page the width of a thermal roll (58 or 80 mm). The barcode is the Code 128
image of :mod:`counter.documents.barcode`, drawn at its natural size (whole pixels per module
at 300 dpi) and never smoothed, so it reads back from paper and from a PDF rendering.

Chinese text relies on a CJK font being installed (Noto CJK on Linux); Qt's font fallback
finds the glyphs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLineF, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from counter.documents.barcode import code128_png
from counter.documents.qr import qr_matrix
from counter.documents.ticket import TicketSlip

BARCODE_DPI = 300
MARGIN_MM = 4.0
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei"]


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("TicketPrint", text, None, n)


def ticket_lines(slip: TicketSlip) -> dict[str, str]:
    """The translated texts of a ticket, by role."""
    return {
        "hall": slip.hall_name,
        "number": slip.number,
        "queue": slip.queue_name,
        "ahead": tr("您前面还有 %n 人等候", slip.people_ahead),
        "wait": tr("预计等候约 {minutes} 分钟").format(minutes=slip.wait_minutes),
        "time": tr("取号时间：{time}").format(time=slip.issued_text),
        "footer": slip.footer,
        "priority": slip.priority,
        "name": tr("取号人：{name}").format(name=slip.name_masked) if slip.name_masked else "",
        "qr_caption": slip.qr_caption,
    }


def page_size(width_mm: float = 80.0, height_mm: float = 165.0) -> QPageSize:
    """A page the size of one ticket on a roll of ``width_mm``."""
    return QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "Ticket")


def _font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def paint_ticket(painter: QPainter, slip: TicketSlip, rect: QRectF, dpi: float) -> float:
    """Draw ``slip`` inside ``rect`` (device units, ``dpi`` of the device); return the height
    used, so a caller can cut the paper right after it."""
    texts = ticket_lines(slip)
    device = painter.device()
    mm = dpi / 25.4
    y = rect.top()
    center = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
    wrap = center | Qt.TextFlag.TextWordWrap

    def block(text: str, font: QFont, gap_mm: float = 1.5) -> None:
        nonlocal y
        if not text:
            return
        painter.setFont(font)
        metrics = QFontMetricsF(font, device)
        bound = metrics.boundingRect(QRectF(rect.left(), y, rect.width(), 10_000), wrap, text)
        painter.drawText(QRectF(rect.left(), y, rect.width(), bound.height()), wrap, text)
        y += bound.height() + gap_mm * mm

    def rule() -> None:
        nonlocal y
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(0.2 * mm)
        painter.setPen(pen)
        painter.drawLine(QLineF(rect.left(), y, rect.right(), y))
        y += 2 * mm

    painter.setPen(Qt.GlobalColor.black)
    block(texts["hall"], _font(11, bold=True))
    rule()
    block(texts["number"], _font(36, bold=True), gap_mm=1.0)
    block(texts["queue"], _font(14, bold=True))
    block(texts["priority"], _font(11, bold=True), gap_mm=0.5)
    block(texts["name"], _font(10), gap_mm=0.5)
    block(texts["ahead"], _font(10), gap_mm=0.5)
    block(texts["wait"], _font(10))

    image = QImage.fromData(code128_png(slip.barcode, dpi=BARCODE_DPI))
    width = image.width() * dpi / BARCODE_DPI
    height = image.height() * dpi / BARCODE_DPI
    if width > rect.width():  # a long payload: shrink to the paper, keep the proportions
        height *= rect.width() / width
        width = rect.width()
    target = QRectF(rect.left() + (rect.width() - width) / 2, y, width, height)
    # No smoothing: blurred bar edges are what makes a scanner fail.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(target, image)
    y += height + 1.5 * mm

    block(texts["time"], _font(9))
    if slip.qr:
        side = min(rect.width(), 28 * mm)
        paint_qr(painter, slip.qr, QRectF(rect.left() + (rect.width() - side) / 2, y, side, side))
        y += side + 1.0 * mm
        block(texts["qr_caption"], _font(8))
    if texts["footer"]:
        rule()
        block(texts["footer"], _font(9))
    return y - rect.top()


def paint_qr(painter: QPainter, text: str, rect: QRectF, *, border: int = 2) -> None:
    """The QR code of ``text`` in the square ``rect`` (white quiet zone of ``border`` modules),
    drawn as filled squares: crisp at any resolution."""
    matrix = qr_matrix(text)
    n = len(matrix) + 2 * border
    module = min(rect.width(), rect.height()) / n
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.white)
    painter.drawRect(QRectF(rect.left(), rect.top(), module * n, module * n))
    painter.setBrush(Qt.GlobalColor.black)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                painter.drawRect(
                    QRectF(
                        rect.left() + (c + border) * module,
                        rect.top() + (r + border) * module,
                        module + 0.01,
                        module + 0.01,
                    )
                )
    painter.restore()


def print_ticket(slip: TicketSlip, device: QPagedPaintDevice, *, width_mm: float = 80.0) -> None:
    """Draw ``slip`` on one page of ``device`` (a configured QPrinter, or a QPdfWriter).

    The page is set to a ticket-sized page ``width_mm`` wide, with small margins.
    """
    device.setPageSize(page_size(width_mm))
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("cannot start painting on the print device")
    try:
        dpi = float(device.logicalDpiX())
        margin = MARGIN_MM * dpi / 25.4
        rect = QRectF(margin, margin, device.width() - 2 * margin, device.height() - 2 * margin)
        paint_ticket(painter, slip, rect, dpi)
    finally:
        painter.end()


def write_ticket_pdf(
    slip: TicketSlip, path: str | Path, *, width_mm: float = 80.0, dpi: int = 300
) -> Path:
    """Write ``slip`` as a one-page PDF at ``path`` (CJK fonts embedded); return the path."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    writer.setTitle(tr("号票 {number}").format(number=slip.number))
    writer.setCreator("counter")
    print_ticket(slip, writer, width_mm=width_mm)
    del writer  # the file is complete only once the writer is gone
    return path


def write_ticket_pdf_standalone(
    slip: TicketSlip, path: str | Path, *, width_mm: float = 80.0
) -> Path:
    """:func:`write_ticket_pdf` from a command line: creates the Qt application if there is
    none, offscreen when the machine has no display."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])
    try:
        return write_ticket_pdf(slip, path, width_mm=width_mm)
    finally:
        del app
