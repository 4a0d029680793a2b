"""Typed errors of the devices: ID-card reader (身份证阅读器), scanners (扫码枪), ticket printer.

Every failure a device reports, and every way a reply can be damaged on the wire, is a subclass
of :class:`DeviceError` (itself a :class:`counter.errors.CounterError`), so the UI and the CLI
can tell "no card yet" from "the cable is bad" without parsing messages.

The SAM status byte SW3 of GA/T 467 maps to one class each (:data:`SAM_STATUS_ERRORS`); the
two success codes (0x90 operation succeeded, 0x9F card found) are not errors.
"""

from __future__ import annotations

from typing import ClassVar

import serial

from counter.errors import Bi, CounterError

try:  # pyserial lets termios.error (not an OSError) escape from tcflush on a vanished tty
    from termios import error as _TermiosError
except ImportError:  # pragma: no cover - Windows

    class _TermiosError(Exception):  # type: ignore[no-redef]
        pass


#: What pyserial raises when a port fails: a device pulled out, a pty whose other end closed.
PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError, _TermiosError)
#: What opening a port may raise: the above, and ValueError for a bad setting or URL.
PORT_OPEN_ERRORS: tuple[type[Exception], ...] = (*PORT_ERRORS, ValueError)


class DeviceError(CounterError):
    """Base of every device error."""

    code: ClassVar[str] = "device"
    zh: ClassVar[str] = "设备错误"
    en: ClassVar[str] = "Device error"


class PortUnavailable(DeviceError):
    """The serial port cannot be opened (absent, busy, no permission). ``params``: ``port``."""

    code: ClassVar[str] = "port_unavailable"
    zh: ClassVar[str] = "无法打开串口 {port}"
    en: ClassVar[str] = "Cannot open serial port {port}"


def port_unavailable(port: str, exc: BaseException) -> PortUnavailable:
    """The :class:`PortUnavailable` for pyserial's (or the OS's) refusal ``exc``, said in both
    languages: no such port, no permission, busy, or the class of the failure."""
    import errno

    code = getattr(exc, "errno", None)
    text = str(exc)
    if code == errno.ENOENT or "No such file" in text or "FileNotFoundError" in text:
        why = Bi(
            "该串口不存在，请用 counter device list 查看本机串口",
            "no such port (see counter device list)",
        )
    elif code == errno.EACCES or "Permission denied" in text or "PermissionError" in text:
        why = Bi(
            "没有权限（Linux 请把用户加入 dialout 组）",
            "permission denied (Linux: join the dialout group)",
        )
    elif code == errno.EBUSY or "busy" in text.lower():
        why = Bi("串口被其他程序占用", "the port is in use by another program")
    else:
        why = Bi(f"打开失败（{type(exc).__name__}）", f"open failed ({type(exc).__name__})")
    return PortUnavailable(why, port=port)


class DeviceIOError(DeviceError):
    """Reading from or writing to an open port failed (unplugged while in use)."""

    code: ClassVar[str] = "device_io"
    zh: ClassVar[str] = "设备通信中断"
    en: ClassVar[str] = "Device communication failed"


# --------------------------------------------------------------------------------------------
# ID-card reader: framing errors (what arrived on the wire is not a good frame)
# --------------------------------------------------------------------------------------------


class FrameError(DeviceError):
    """A frame from (or to) the SAM is damaged. Retrying the command usually cures it."""

    code: ClassVar[str] = "frame_error"
    zh: ClassVar[str] = "身份证阅读器数据帧错误"
    en: ClassVar[str] = "Bad frame from the ID-card reader"


class FrameChecksumError(FrameError):
    """The XOR check byte does not match. ``params``: ``expected``, ``actual`` (hex)."""

    code: ClassVar[str] = "frame_checksum"
    zh: ClassVar[str] = "身份证阅读器数据校验和错误（应为 {expected}，实为 {actual}）"
    en: ClassVar[str] = "ID-card reader checksum error (expected {expected}, got {actual})"


class FrameLengthError(FrameError):
    """The length field is impossible, or does not match the bytes. ``params``: ``length``."""

    code: ClassVar[str] = "frame_length"
    zh: ClassVar[str] = "身份证阅读器数据长度错误（{length}）"
    en: ClassVar[str] = "ID-card reader length error ({length})"


class FrameSyncError(FrameError):
    """A byte string handed to a whole-frame decoder does not start with the preamble."""

    code: ClassVar[str] = "frame_sync"
    zh: ClassVar[str] = "身份证阅读器数据帧头错误"
    en: ClassVar[str] = "ID-card reader frame does not start with the preamble"


class TruncatedFrame(FrameError):
    """A reply stopped before its length said it would. ``params``: ``got``, ``expected``."""

    code: ClassVar[str] = "frame_truncated"
    zh: ClassVar[str] = "身份证阅读器应答不完整（收到 {got} 字节，应为 {expected} 字节）"
    en: ClassVar[str] = "ID-card reader reply cut short ({got} of {expected} bytes)"


class ReaderNotResponding(DeviceError):
    """No byte of a reply arrived in time: reader off, wrong port or wrong baud rate."""

    code: ClassVar[str] = "reader_not_responding"
    zh: ClassVar[str] = "身份证阅读器无应答，请检查连接、端口和波特率"
    en: ClassVar[str] = "The ID-card reader does not answer; check cable, port and baud rate"


class NoCard(DeviceError):
    """No card was presented before the timeout (请放置身份证). ``params``: ``seconds``."""

    code: ClassVar[str] = "no_card"
    zh: ClassVar[str] = "{seconds} 秒内未检测到身份证，请将身份证放在阅读器上"
    en: ClassVar[str] = "No ID card within {seconds} s; place the card on the reader"


class ReadCancelled(DeviceError):
    """Waiting for a card was cancelled by the caller."""

    code: ClassVar[str] = "read_cancelled"
    zh: ClassVar[str] = "已取消读卡"
    en: ClassVar[str] = "Card reading cancelled"


class IdCardDataError(DeviceError):
    """The card's text passed the checksum but a field cannot be understood.

    ``params``: ``field`` (e.g. ``birth_date``), ``value`` (what was read, for the log).
    """

    code: ClassVar[str] = "idcard_data"
    zh: ClassVar[str] = "身份证信息格式错误：{field}（{value}）"
    en: ClassVar[str] = "Unreadable ID-card field: {field} ({value})"


class UnexpectedReply(FrameError):
    """A well-formed reply whose shape does not fit the command (e.g. a read reply that is too
    short). ``params``: ``what``."""

    code: ClassVar[str] = "unexpected_reply"
    zh: ClassVar[str] = "身份证阅读器应答格式不符：{what}"
    en: ClassVar[str] = "Unexpected reply from the ID-card reader: {what}"


# --------------------------------------------------------------------------------------------
# ID-card reader: SAM status words (SW3), GA/T 467
# --------------------------------------------------------------------------------------------


class SamStatusError(DeviceError):
    """The SAM answered with a failure status. ``sw3`` is the status byte."""

    code: ClassVar[str] = "sam_status"
    zh: ClassVar[str] = "身份证阅读器返回错误状态 {sw3}"
    en: ClassVar[str] = "The ID-card reader returned status {sw3}"
    sw3: ClassVar[int] = -1
    #: True when sending the same command again may succeed (the SAM saw a damaged request).
    retryable: ClassVar[bool] = False

    def __init__(self, detail: str | None = None, **params: object) -> None:
        params.setdefault("sw3", f"{self.sw3:02X}" if self.sw3 >= 0 else "??")
        super().__init__(detail, **params)


class SamNoContent(SamStatusError):
    code = "sam_no_content"
    zh = "证/卡中此项无内容"
    en = "The card holds no content for this item"
    sw3 = 0x91


class SamChecksumError(SamStatusError):
    code = "sam_checksum"
    zh = "SAM接收业务终端数据的校验和错"
    en = "The SAM received a request with a bad checksum"
    sw3 = 0x10
    retryable = True


class SamLengthError(SamStatusError):
    code = "sam_length"
    zh = "SAM接收业务终端数据的长度错"
    en = "The SAM received a request with a bad length"
    sw3 = 0x11
    retryable = True


class SamCommandError(SamStatusError):
    code = "sam_command"
    zh = "SAM接收业务终端的命令错误，包括命令中的各种数值或逻辑搭配错误"
    en = "The SAM rejected the command (bad value or combination)"
    sw3 = 0x21


class SamNotAllowed(SamStatusError):
    code = "sam_not_allowed"
    zh = "越权操作"
    en = "Operation not allowed"
    sw3 = 0x23


class SamUnrecognised(SamStatusError):
    code = "sam_unrecognised"
    zh = "无法识别的错误"
    en = "Unrecognised error"
    sw3 = 0x24


class SamCardAuthFailed(SamStatusError):
    code = "sam_card_auth"
    zh = "卡认证机具失败"
    en = "The card failed to authenticate the reader"
    sw3 = 0x31


class SamReaderAuthFailed(SamStatusError):
    code = "sam_reader_auth"
    zh = "机具认证卡失败"
    en = "The reader failed to authenticate the card"
    sw3 = 0x32


class SamVerifyFailed(SamStatusError):
    code = "sam_verify"
    zh = "信息验证失败"
    en = "Information verification failed"
    sw3 = 0x33


class SamUnknownCardType(SamStatusError):
    code = "sam_card_type"
    zh = "无法识别的卡类型"
    en = "Unknown card type"
    sw3 = 0x40


class SamReadFailed(SamStatusError):
    code = "sam_read_failed"
    zh = "读卡操作失败，请勿移动身份证后重试"
    en = "Reading the card failed; keep the card still and retry"
    sw3 = 0x41


class SamRandomFailed(SamStatusError):
    code = "sam_random"
    zh = "取随机数失败"
    en = "Getting a random number failed"
    sw3 = 0x47


class SamSelfTestFailed(SamStatusError):
    code = "sam_self_test"
    zh = "SAM自检失败，不能接收命令"
    en = "SAM self-test failed; it cannot accept commands"
    sw3 = 0x60


class SamNotAuthorised(SamStatusError):
    code = "sam_not_authorised"
    zh = "SAM未经授权，无法使用"
    en = "The SAM is not authorised"
    sw3 = 0x66


class SamFindCardFailed(SamStatusError):
    """No card in the field (寻找证/卡失败): the normal answer while nobody presents a card."""

    code = "sam_find_failed"
    zh = "找卡失败（未放置身份证）"
    en = "No card found"
    sw3 = 0x80


class SamSelectCardFailed(SamStatusError):
    code = "sam_select_failed"
    zh = "选卡失败"
    en = "Selecting the card failed"
    sw3 = 0x81


#: SW3 → error class, for every failure status of GA/T 467.
SAM_STATUS_ERRORS: dict[int, type[SamStatusError]] = {
    cls.sw3: cls
    for cls in (
        SamNoContent,
        SamChecksumError,
        SamLengthError,
        SamCommandError,
        SamNotAllowed,
        SamUnrecognised,
        SamCardAuthFailed,
        SamReaderAuthFailed,
        SamVerifyFailed,
        SamUnknownCardType,
        SamReadFailed,
        SamRandomFailed,
        SamSelfTestFailed,
        SamNotAuthorised,
        SamFindCardFailed,
        SamSelectCardFailed,
    )
}


# --------------------------------------------------------------------------------------------
# Printer
# --------------------------------------------------------------------------------------------


class PrinterError(DeviceError):
    """The ticket printer could not be reached or did not take the data. ``params``: ``port``."""

    code: ClassVar[str] = "printer"
    zh: ClassVar[str] = "小票打印机 {port} 打印失败"
    en: ClassVar[str] = "Ticket printer {port} failed"


class PrinterOutOfPaper(PrinterError):
    """The printer's paper sensor says the roll is out. ``params``: ``port``."""

    code: ClassVar[str] = "printer_no_paper"
    zh: ClassVar[str] = "小票打印机缺纸"
    en: ClassVar[str] = "The ticket printer is out of paper"


class UnprintableText(DeviceError):
    """Text the printer cannot encode (e.g. a barcode payload outside Code 128 set B).

    ``params``: ``what``, ``value``.
    """

    code: ClassVar[str] = "unprintable"
    zh: ClassVar[str] = "无法打印的{what}：{value}"
    en: ClassVar[str] = "Cannot print {what}: {value}"
