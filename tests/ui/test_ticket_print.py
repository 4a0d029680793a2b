"""A ticket drawn through Qt's print system, checked by rasterising the PDF and decoding the
barcode back (pdftoppm + zxing-cpp)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from counter.documents.ticket import TicketSlip
from ui.ticket_print import print_ticket, ticket_lines, write_ticket_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed"
)


def slip(**kwargs: object) -> TicketSlip:
    values: dict[str, object] = {
        "hall_name": "青山镇便民服务中心",
        "number": "A015",
        "queue_name": "社会保障",
        "people_ahead": 3,
        "wait_minutes": 15,
        "issued_at": dt.datetime(2025, 3, 1, 9, 15),
        "barcode": "A015",
        "footer": "请留意叫号，过号请重新取号",
    }
    values.update(kwargs)
    return TicketSlip(**values)  # type: ignore[arg-type]


def rasterise(pdf: Path) -> list[Image.Image]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(prefix)], check=True, timeout=60)
    pages = sorted(pdf.parent.glob(prefix.name + "-*.png"))
    return [Image.open(p) for p in pages]


def barcodes(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image)]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_ticket_pdf_barcode_reads_back(qapp: object, tmp_path: Path) -> None:
    pdf = write_ticket_pdf(slip(), tmp_path / "ticket.pdf")
    (page,) = rasterise(pdf)
    assert barcodes(page) == ["A015"]
    # 80 mm wide at 200 dpi
    assert abs(page.width - round(80 / 25.4 * 200)) <= 2
    text = pdf_text(pdf)
    assert "社会保障" in text and "取号时间" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts  # Chinese embedded, not boxes


def test_ticket_through_qprinter_58mm_with_long_payload(qapp: object, tmp_path: Path) -> None:
    payload = "20250301-A015-7F3A"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))
    print_ticket(slip(barcode=payload, number="B102"), printer, width_mm=58)
    assert printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter).width() == 58
    (page,) = rasterise(out)
    assert barcodes(page) == [payload]


def test_ticket_lines_are_translated_strings(qapp: object) -> None:
    lines = ticket_lines(slip(people_ahead=0, wait_minutes=0, footer=""))
    assert lines["ahead"] == "您前面还有 0 人等候"
    assert lines["wait"] == "预计等候约 0 分钟"
    assert lines["time"] == "取号时间：2025-03-01 09:15"
    assert lines["footer"] == ""
