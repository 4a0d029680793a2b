"""Ticket content, the ESC/POS encoder, the Code 128 image and the serial printer."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import serial
import zxingcpp
from PIL import Image

from counter.devices.errors import PrinterError, UnprintableText
from counter.devices.escpos import Align, EscPos, code128_data, render_ticket
from counter.devices.printer import SerialTicketPrinter
from counter.documents.barcode import code128_image, code128_png
from counter.documents.ticket import TicketSlip
from counter.errors import InvalidInput

ISSUED = dt.datetime(2025, 3, 1, 1, 15, tzinfo=dt.UTC)  # 09:15 in the hall (UTC+8)


def slip(**kwargs: object) -> TicketSlip:
    values: dict[str, object] = {
        "hall_name": "青山镇便民服务中心",
        "number": "A015",
        "queue_name": "社会保障",
        "people_ahead": 3,
        "wait_minutes": 15,
        "issued_at": ISSUED,
        "barcode": "A015",
        "footer": "请留意叫号，过号请重新取号",
    }
    values.update(kwargs)
    return TicketSlip(**values)  # type: ignore[arg-type]


def test_slip_texts() -> None:
    s = slip()
    assert s.issued_text == "2025-03-01 09:15"
    assert s.body_lines() == [
        "社会保障",
        "您前面还有 3 人等候",
        "预计等候约 15 分钟",
        "取号时间：2025-03-01 09:15",
    ]
    naive = slip(issued_at=dt.datetime(2025, 3, 1, 9, 15))
    assert naive.issued_text == "2025-03-01 09:15"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("footer", "张三 11010519491231002X"),
        ("barcode", "440524188001010014"),
        ("queue_name", "身份证 110105491231002"),
        ("people_ahead", -1),
        ("wait_minutes", -5),
        ("number", " "),
        ("barcode", "票号Ａ"),
        ("barcode", ""),
        ("barcode", "X" * 65),
    ],
)
def test_slip_refuses_id_numbers_and_bad_values(field: str, value: object) -> None:
    with pytest.raises(InvalidInput) as info:
        slip(**{field: value})
    assert info.value.params["field"] == field


def test_slip_has_no_field_for_name_or_id_number() -> None:
    fields = set(TicketSlip.__dataclass_fields__)
    assert not fields & {"name", "citizen_name", "id_number", "id_card"}


def test_code128_native_command_data() -> None:
    assert code128_data("A015") == b"{BA015"
    assert code128_data("a{b") == b"{Ba{{b"
    assert code128_data("20250301") == b"{C" + bytes([20, 25, 3, 1])  # digits: set C
    assert code128_data("12345") == b"{B12345"  # odd count stays in set B
    for bad in ("", "号", "tab\there", "x" * 300):
        with pytest.raises(UnprintableText):
            code128_data(bad)


def test_builder_commands() -> None:
    p = EscPos().init().chinese().align(Align.CENTER).bold().size(2, 2).line("号")
    p.bold(False).size().chinese(False).feed(3).cut(partial=False)
    assert p.to_bytes() == (
        b"\x1b@"
        + b"\x1c&"
        + b"\x1ba\x01"
        + b"\x1bE\x01"
        + b"\x1d!\x11"
        + "号".encode("gb18030")
        + b"\n"
        + b"\x1bE\x00"
        + b"\x1d!\x00"
        + b"\x1c."
        + b"\x1bd\x03"
        + b"\x1dVA\x00"
    )
    assert bytes(p) == p.to_bytes()
    with pytest.raises(ValueError):
        EscPos().size(9, 1)


def test_text_is_sanitised_and_rare_characters_encode() -> None:
    assert EscPos().text("A\x1b@B\x1dV\x00").to_bytes() == b"A@BV"  # no smuggled commands
    assert EscPos().text("𠀾").to_bytes() == "𠀾".encode("gb18030")  # four-byte GB18030
    with pytest.raises(UnprintableText):
        EscPos().text("\ud800")


def test_barcode_command() -> None:
    data = EscPos().barcode128("A015", height=80, module=3).to_bytes()
    assert data == (b"\x1dh\x50" + b"\x1dw\x03" + b"\x1dH\x02" + b"\x1dkI\x06{BA015" + b"\n")


@pytest.mark.parametrize("width", [58, 80])
def test_render_ticket(width: int) -> None:
    data = render_ticket(slip(), width_mm=width)
    assert data.startswith(b"\x1b@\x1c&")  # initialise, then Chinese mode
    assert data.endswith(b"\x1dVB\x00")  # partial cut
    for text in ("青山镇便民服务中心", "社会保障", "您前面还有 3 人等候", "预计等候约 15 分钟"):
        assert text.encode("gb18030") in data
    assert "取号时间：2025-03-01 09:15".encode("gb18030") in data
    assert "请留意叫号，过号请重新取号".encode("gb18030") in data
    assert b"\x1dkI\x06{BA015" in data
    assert b"A015\n" in data
    assert ("-" * (48 if width == 80 else 32)).encode() + b"\n" in data
    assert b"\x1d!\x22A015" in data if width == 80 else b"\x1d!\x11A015" in data
    assert not render_ticket(slip(), width_mm=width, cut=False).endswith(b"\x1dVB\x00")
    with pytest.raises(ValueError):
        render_ticket(slip(), width_mm=76)


def test_ticket_without_footer() -> None:
    data = render_ticket(slip(footer=""))
    assert "请留意".encode("gb18030") not in data


@pytest.mark.parametrize("payload", ["A015", "20250301-A015", "Q{1}", "0123456789"])
def test_code128_image_decodes(payload: str) -> None:
    image = code128_image(payload)
    assert image.mode == "RGB"
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [payload]
    png = code128_png(payload, text=False)
    assert png.startswith(b"\x89PNG")
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))] == [payload]


def test_code128_image_refuses_non_ascii() -> None:
    with pytest.raises(InvalidInput):
        code128_image("号")


def test_printer_writes_ticket_through_pyserial() -> None:
    written: list[bytes] = []

    class Port:
        def write(self, data: bytes) -> int:
            written.append(data)
            return len(data)

        def flush(self) -> None: ...

        def close(self) -> None:
            written.append(b"<closed>")

    opened: list[dict[str, object]] = []

    def opener(url: str, **kwargs: object) -> Port:
        opened.append({"url": url, **kwargs})
        return Port()

    printer = SerialTicketPrinter("/dev/ttyS9", 19200, width_mm=58, opener=opener)
    sent = printer.print_ticket(slip())
    assert written == [sent, b"<closed>"]
    assert sent == render_ticket(slip(), width_mm=58)
    assert opened[0]["url"] == "/dev/ttyS9" and opened[0]["baudrate"] == 19200


def test_printer_over_loop_url() -> None:
    SerialTicketPrinter("loop://").send(b"\x1b@hello")  # pyserial's own loopback: no error


def test_printer_errors_are_typed() -> None:
    def absent(url: str, **kwargs: object) -> None:
        raise serial.SerialException("could not open port")

    with pytest.raises(PrinterError) as info:
        SerialTicketPrinter("/dev/ttyUSB7", opener=absent).send(b"x")
    assert "/dev/ttyUSB7" in str(info.value)

    class Broken:
        def write(self, data: bytes) -> int:
            raise serial.SerialTimeoutException("Write timeout")

        def flush(self) -> None: ...

        def close(self) -> None: ...

    with pytest.raises(PrinterError):
        SerialTicketPrinter("/dev/ttyUSB7", opener=lambda url, **kw: Broken()).send(b"x")
