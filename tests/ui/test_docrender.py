"""Documents drawn with QPainter (ui.docrender): the PDF is rasterised with pdftoppm, its barcode
decoded with zxing-cpp and its text read back with pdftotext."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from PySide6.QtGui import QColor, QImage, QPageLayout
from PySide6.QtPrintSupport import QPrinter

from counter.documents import builders as b
from counter.documents.model import DocumentContent
from ui import docrender

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) not installed",
)

AT = dt.datetime(2025, 9, 30, 2, 5, tzinfo=dt.UTC)
CASE_NO = "QS20250930-0001"
RARE_NAME = "王𠀾䶮"  # 𠀾 U+2003E (plane 2), 䶮 U+4DAE (extension A)


def facts(**over: str) -> b.CaseFacts:
    values = dict(
        case_no=CASE_NO,
        hall_name="青山镇便民服务中心",
        item_name="农村村民宅基地审批",
        applicant_name=RARE_NAME,
        department="农业农村办",
        applicant_id="110105********002X",
        clerk_name="王丽",
        window_name="1号综合窗口",
        contact_phone="0571-8888 6000",
        hall_address="青山镇人民路1号",
        seal_name="青山镇人民政府行政审批专用章",
    )
    values.update(over)
    return b.CaseFacts(**values)  # type: ignore[arg-type]


def receipt(materials: int = 3) -> DocumentContent:
    return b.receipt(
        facts(),
        accepted_at=AT,
        materials=[
            b.MaterialLine(f"第{n}项申请材料", "original_and_copy", 1)
            for n in range(1, materials + 1)
        ],
        promised_date=dt.date(2025, 10, 28),
        promised_days=15,
        statutory_date=dt.date(2025, 11, 4),
        statutory_days=20,
    )


def every_kind() -> list[DocumentContent]:
    f = facts()
    return [
        receipt(),
        b.one_time_notice(
            f,
            issued_at=AT,
            missing=[b.MaterialLine("户口簿", "original_and_copy", 1, condition="验原件后退回")],
            notice_days=5,
            due_date=dt.date(2025, 10, 14),
        ),
        b.rejection_notice(f, issued_at=AT, reason="不属于本机关职权范围。"),
        b.handover_slip(
            f,
            handed_at=AT,
            collector_name=RARE_NAME,
            collector_id="110105********002X",
            result="准予办理",
        ),
        b.decision(f, decided_at=AT, approved=True, item_kind="行政许可"),
    ]


def rasterise(pdf: Path, dpi: int = 150) -> list[Path]:
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=60
    )
    return sorted(pdf.parent.glob(prefix.name + "-*.png"))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_receipt_pdf_barcode_decodes_to_the_case_number(qapp: object, tmp_path: Path) -> None:
    pdf = tmp_path / "receipt.pdf"
    assert docrender.render_pdf(receipt(), pdf) == 1
    (page,) = rasterise(pdf, 150)
    found = zxingcpp.read_barcodes(Image.open(page))
    assert [r.text for r in found] == [CASE_NO]
    assert found[0].format == zxingcpp.BarcodeFormat.Code128


def test_pdf_text_reads_back_rare_characters_digits_and_ideographs(
    qapp: object, tmp_path: Path
) -> None:
    pdf = tmp_path / "receipt.pdf"
    docrender.render_pdf(receipt(), pdf)
    text = pdf_text(pdf)
    assert RARE_NAME in text
    assert "𠀾" in text and "䶮" in text
    assert CASE_NO in text  # Qt alone loses the digits of Noto CJK
    assert "青山镇便民服务中心" in text  # and writes radicals (⻘) for some ideographs
    assert "15个工作日（2025年10月28日前办结）" in text
    assert "⻘" not in text and "⼭" not in text


def test_every_kind_renders(qapp: object, tmp_path: Path) -> None:
    for content in every_kind():
        pdf = tmp_path / f"{content.kind}.pdf"
        assert docrender.render_pdf(content, pdf) == 1, content.kind
        text = pdf_text(pdf)
        assert content.title in text.replace(" ", "").replace("\n", "")
        assert RARE_NAME in text


def test_long_tables_continue_on_the_next_page(qapp: object, tmp_path: Path) -> None:
    content = receipt(materials=60)
    pages = docrender.page_count(content)
    assert pages >= 3
    pdf = tmp_path / "long.pdf"
    assert docrender.render_pdf(content, pdf) == pages
    text = "".join(pdf_text(pdf).split())
    assert "已收取材料清单（续）" in text
    assert "第60项申请材料" in text and f"第{pages}页共{pages}页" in text
    heads = text.count("已收材料名称")  # headers repeated on each page of the table
    assert heads >= 3 and text.count("已收取材料清单（续）") == heads - 1
    assert len(rasterise(pdf, 50)) == pages


def test_page_image_is_a4_with_a_red_seal(qapp: object) -> None:
    img = docrender.render_page_image(receipt(), dpi=100)
    assert (img.width(), img.height()) == (827, 1169)
    reds = 0
    for y in range(img.height() // 2, img.height(), 3):
        for x in range(img.width() // 2, img.width(), 3):
            c = QColor(img.pixel(x, y))
            if c.red() > 180 and c.green() < 120 and c.blue() < 120:
                reds += 1
    assert reds > 200  # the seal, on the lower right
    images = docrender.render_page_images(receipt(materials=60), dpi=40)
    assert len(images) == docrender.page_count(receipt(materials=60), dpi=40)
    assert all(isinstance(i, QImage) and not i.isNull() for i in images)


def test_render_to_a_printer(qapp: object, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert docrender.render_to_printer(receipt(), printer) == 1
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    (page,) = rasterise(out, 150)
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(page))] == [CASE_NO]


def test_seal_name_split() -> None:
    assert docrender.split_seal_name("青山镇人民政府行政审批专用章") == (
        "青山镇人民政府",
        "行政审批专用章",
    )
    assert docrender.split_seal_name("青山镇便民服务中心") == ("青山镇便民服务中心", "")
