"""ESC/POS encoder for 58 mm and 80 mm thermal ticket printers (热敏小票打印机). Pure: no I/O.

Chinese text is sent in GB18030 after ``FS &`` (enter Chinese character mode), which the
domestic printers' resident fonts understand (GB2312/GBK are subsets of GB18030). The barcode
uses the printer's own Code 128 command (``GS k 73``), so it prints at the printer's full
resolution instead of as a raster image.

Commands used::

    ESC @        1B 40            initialise
    FS &         1C 26            Chinese character mode on (FS . 1C 2E off)
    ESC a n      1B 61 n          align: 0 left, 1 centre, 2 right
    ESC E n      1B 45 n          bold on/off
    GS ! n       1D 21 n          character size: (width-1) << 4 | (height-1)
    ESC d n      1B 64 n          print and feed n lines
    GS h n       1D 68 n          barcode height in dots
    GS w n       1D 77 n          barcode module width in dots (2-6)
    GS H n       1D 48 n          human-readable text position: 0 none, 2 below
    GS k 73 n d  1D 6B 49 n d…    Code 128; d starts with a code-set selector {A {B {C
    GS V 66 n    1D 56 42 n       feed n dots and cut (partial cut; 65 = full cut)
    GS ( k …     1D 28 6B …       QR code (model 2): size, error level, store, print
    DLE EOT 4    10 04 04         real-time paper sensor status (one byte back)
"""

from __future__ import annotations

import enum

from counter.devices.errors import UnprintableText
from counter.documents.ticket import TicketSlip

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
LF = b"\n"


class Align(enum.IntEnum):
    LEFT = 0
    CENTER = 1
    RIGHT = 2


#: Characters per line in the standard font (12×24 dots) by paper width in millimetres.
CHARS_PER_LINE = {58: 32, 80: 48}


def _sanitize(text: str) -> str:
    """Drop control characters: a footer or hall name from configuration must never be able to
    smuggle printer commands (ESC, GS…) into the stream."""
    return "".join(c for c in text if c >= " " and c != "\x7f")


def code128_data(data: str) -> bytes:
    """The ``GS k 73`` data for ``data``, code set selector included.

    An even-length all-digit payload uses set C (two digits per symbol, half the width);
    anything else uses set B, where a literal ``{`` is sent as ``{{``. Raises
    :class:`UnprintableText` for characters outside set B (ASCII 32-126) or a payload longer
    than the command's 255 bytes.
    """
    if not data or any(not 32 <= ord(c) <= 126 for c in data):
        raise UnprintableText(what="Code128 条码", value=repr(data))
    if len(data) % 2 == 0 and data.isdigit():
        out = b"{C" + bytes(int(data[i : i + 2]) for i in range(0, len(data), 2))
    else:
        out = b"{B" + data.replace("{", "{{").encode("ascii")
    if len(out) > 255:
        raise UnprintableText("过长 / too long", what="Code128 条码", value=data[:20] + "…")
    return out


class EscPos:
    """A fluent ESC/POS byte builder: ``EscPos().init().line("你好").cut().to_bytes()``."""

    def __init__(self, encoding: str = "gb18030") -> None:
        self.encoding = encoding
        self._out = bytearray()

    def raw(self, data: bytes) -> EscPos:
        self._out += data
        return self

    def init(self) -> EscPos:
        return self.raw(ESC + b"@")

    def chinese(self, on: bool = True) -> EscPos:
        return self.raw(FS + (b"&" if on else b"."))

    def align(self, align: Align) -> EscPos:
        return self.raw(ESC + b"a" + bytes([align]))

    def bold(self, on: bool = True) -> EscPos:
        return self.raw(ESC + b"E" + bytes([1 if on else 0]))

    def size(self, width: int = 1, height: int = 1) -> EscPos:
        """Character magnification, 1-8 each way (double size = ``size(2, 2)``)."""
        if not (1 <= width <= 8 and 1 <= height <= 8):
            raise ValueError("magnification must be 1..8")
        return self.raw(GS + b"!" + bytes([(width - 1) << 4 | (height - 1)]))

    def text(self, text: str) -> EscPos:
        try:
            return self.raw(_sanitize(text).encode(self.encoding))
        except UnicodeEncodeError as exc:
            raise UnprintableText(what="文字", value=text) from exc

    def line(self, text: str = "") -> EscPos:
        return self.text(text).raw(LF)

    def feed(self, lines: int = 1) -> EscPos:
        return self.raw(ESC + b"d" + bytes([max(0, min(255, lines))]))

    def barcode128(
        self, data: str, *, height: int = 80, module: int = 2, hri: bool = True
    ) -> EscPos:
        """A Code 128 barcode with the printer's native command, text printed below if ``hri``."""
        payload = code128_data(data)
        return (
            self.raw(GS + b"h" + bytes([max(1, min(255, height))]))
            .raw(GS + b"w" + bytes([max(2, min(6, module))]))
            .raw(GS + b"H" + bytes([2 if hri else 0]))
            .raw(GS + b"k" + bytes([73, len(payload)]) + payload)
            .raw(LF)
        )

    def qr(self, data: str, *, module: int = 6, level: str = "M") -> EscPos:
        """A QR code (model 2) of ``data`` (UTF-8), ``module`` dots per module (1-16), error
        correction ``level`` L, M, Q or H. Raises :class:`UnprintableText` for an empty or
        too long payload."""
        raw = data.encode("utf-8")
        if not raw or len(raw) > 700:
            raise UnprintableText(what="二维码", value=data[:20])
        ec = {"L": 48, "M": 49, "Q": 50, "H": 51}[level]
        store = len(raw) + 3
        return (
            self.raw(GS + b"(k\x04\x00\x31\x41\x32\x00")  # model 2
            .raw(GS + b"(k\x03\x00\x31\x43" + bytes([max(1, min(16, module))]))
            .raw(GS + b"(k\x03\x00\x31\x45" + bytes([ec]))
            .raw(GS + b"(k" + bytes([store & 0xFF, store >> 8]) + b"\x31\x50\x30" + raw)
            .raw(GS + b"(k\x03\x00\x31\x51\x30")  # print it
            .raw(LF)
        )

    def cut(self, *, partial: bool = True, feed_dots: int = 0) -> EscPos:
        return self.raw(GS + b"V" + bytes([66 if partial else 65, max(0, min(255, feed_dots))]))

    def to_bytes(self) -> bytes:
        return bytes(self._out)

    def __bytes__(self) -> bytes:
        return self.to_bytes()


def render_ticket(slip: TicketSlip, *, width_mm: int = 80, cut: bool = True) -> bytes:
    """The ESC/POS bytes of one ticket for a ``width_mm`` (58 or 80) printer."""
    if width_mm not in CHARS_PER_LINE:
        raise ValueError("width_mm must be 58 or 80")
    rule = "-" * CHARS_PER_LINE[width_mm]
    big = 3 if width_mm == 80 else 2
    p = EscPos().init().chinese(True).align(Align.CENTER)
    p.bold(True).size(1, 2).line(slip.hall_name).size(1, 1).bold(False)
    p.line(rule)
    p.bold(True).size(big, big).line(slip.number).size(1, 1).bold(False)
    p.size(1, 2).line(slip.queue_name).size(1, 1)
    if slip.priority:
        p.bold(True).line(slip.priority).bold(False)
    if slip.name_masked:
        p.line(slip.name_masked)
    p.line(slip.ahead_text).line(slip.wait_text)
    p.feed(1).barcode128(slip.barcode, height=64 if width_mm == 58 else 80)
    p.line(slip.time_text)
    if slip.qr:
        p.feed(1).qr(slip.qr, module=5 if width_mm == 58 else 6)
        if slip.qr_caption:
            p.line(slip.qr_caption)
    if slip.footer:
        p.line(rule).line(slip.footer)
    p.feed(3)
    if cut:
        p.cut()
    return p.to_bytes()


#: DLE EOT 4: the printer answers one byte about its paper roll sensor.
PAPER_STATUS_REQUEST = b"\x10\x04\x04"


class Paper(enum.Enum):
    """What the paper roll sensor says (bits 2-3: near its end; bits 5-6: out)."""

    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"


def paper_status(reply: int) -> Paper:
    """The paper state in a DLE EOT 4 reply byte (a reply byte always has bits 1 and 4 set,
    bits 0 and 7 clear: anything else is not a status byte, read as :attr:`Paper.OK`)."""
    if reply & 0x93 != 0x12:
        return Paper.OK
    if reply & 0x60:
        return Paper.OUT
    if reply & 0x0C:
        return Paper.NEAR_END
    return Paper.OK
