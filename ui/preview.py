"""Document preview (文书预览), printing and PDF export.

The preview shows the same pages the printer gets (``ui.docrender.render_page_image``); Print
asks for a printer with ``QPrintDialog`` unless this PC has one configured (``[devices]
printer``), in which case it prints straight away; Export writes an A4 PDF. Every document the
client prints goes through :func:`print_document` so tests can stub the dialog
(:func:`ask_printer`) in one place.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import button_text, named, translate

log = logging.getLogger(__name__)

PREVIEW_DPI = 110


def render_pages(content: Any, dpi: int = PREVIEW_DPI) -> list[QImage]:
    from ui import docrender

    return docrender.render_page_images(content, dpi)


def ask_printer(parent: QWidget | None, printer_name: str | None, title: str) -> QPrinter | None:
    """The printer to use: the configured one when it exists, else the user's choice in
    QPrintDialog (None when cancelled). Tests replace this function."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        names = {p.printerName() for p in QPrinterInfo.availablePrinters()}
        if printer_name in names:
            printer.setPrinterName(printer_name)
            return printer
        log.warning("configured printer %r not found; asking", printer_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_document(
    content: Any, parent: QWidget | None = None, printer_name: str | None = None
) -> bool:
    """Print ``content``; True when it went to a printer."""
    from ui import docrender

    printer = ask_printer(
        parent, printer_name, translate("preview", "打印 %1").replace("%1", content.title)
    )
    if printer is None:
        return False
    printer.setDocName(f"{content.title} {content.number}")
    docrender.render_to_printer(content, printer)
    return True


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str:
    """Where to save a PDF (QFileDialog; tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        translate("preview", "导出 PDF"),
        suggested,
        translate("preview", "PDF 文件 (*.pdf)"),
    )
    return path


def export_pdf(content: Any, path: str | Path) -> Path:
    from ui import docrender

    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    docrender.render_pdf(content, path)
    return path


class DocumentPreview(QWidget):
    """Pages of one document, with Print (Ctrl+P) and Export PDF (Ctrl+E)."""

    printed = Signal(object)  # content
    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, printer_name: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPreview")
        self.printer_name = printer_name
        self.content: Any = None
        self._images: list[QImage] = []
        self.print_count = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        head = QHBoxLayout()
        self.title = named(QLabel(self.tr("文书预览")), "sectionTitle")
        head.addWidget(self.title, 1)
        self.print_button = named(QPushButton(button_text(self.tr("打印"), "Ctrl+P")), "primary")
        self.print_button.clicked.connect(self.print_current)
        self.pdf_button = QPushButton(button_text(self.tr("导出PDF"), "Ctrl+E"))
        self.pdf_button.clicked.connect(self.export_current)
        head.addWidget(self.print_button)
        head.addWidget(self.pdf_button)
        lay.addLayout(head)
        self.area = named(QScrollArea(), "previewArea")
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages = named(QWidget(), "previewPages")
        self.pages_lay = QVBoxLayout(self.pages)
        self.pages_lay.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_lay.setSpacing(12)
        self.area.setWidget(self.pages)
        lay.addWidget(self.area, 1)
        self.status = named(QLabel(""), "muted")
        lay.addWidget(self.status)
        self.set_content(None)

    def set_content(self, content: Any) -> None:
        self.content = content
        while self.pages_lay.count():
            item = self.pages_lay.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self._images = []
        enabled = content is not None
        self.print_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)
        self.status.setText("")
        if content is None:
            self.title.setText(self.tr("文书预览"))
            empty = named(QLabel(self.tr("受理、告知或出件后，文书在此预览")), "muted")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages_lay.addWidget(empty)
            return
        self.title.setText(f"{content.title}  {content.number}")
        self._images = render_pages(content)
        self._layout_pages()

    def _layout_pages(self) -> None:
        width = max(300, self.area.viewport().width() - 36)
        for img in self._images:
            label = named(QLabel(), "previewPage")
            pix = QPixmap.fromImage(img)
            if pix.width() > width:
                pix = pix.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(pix)
            self.pages_lay.addWidget(label)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._images:
            while self.pages_lay.count():
                item = self.pages_lay.takeAt(0)
                w = item.widget() if item is not None else None
                if w is not None:
                    w.deleteLater()
            self._layout_pages()

    def print_current(self) -> bool:
        if self.content is None:
            return False
        ok = print_document(self.content, self, self.printer_name)
        if ok:
            self.print_count += 1
            self.status.setText(self.tr("已发送到打印机：%1").replace("%1", self.content.title))
            self.printed.emit(self.content)
        return ok

    def export_current(self) -> str:
        if self.content is None:
            return ""
        name = f"{self.content.title}-{self.content.number}.pdf"
        from counter.config import data_dir

        path = ask_pdf_path(self, str(data_dir() / name))
        if not path:
            return ""
        out = export_pdf(self.content, path)
        self.status.setText(self.tr("已导出：%1").replace("%1", str(out)))
        self.exported.emit(str(out))
        return str(out)
