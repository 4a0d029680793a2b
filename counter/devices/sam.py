"""Frame codec of the second-generation ID-card reader (SAM, GA/T 467-2019). Pure: no I/O.

Request (business terminal → SAM)::

    AA AA AA 96 69 | Len1 Len2 | CMD | Para | Data… | CHK

Reply (SAM → business terminal)::

    AA AA AA 96 69 | Len1 Len2 | SW1 SW2 SW3 | Data… | CHK

``Len`` is big-endian and counts every byte after itself, CHK included. ``CHK`` is the XOR of
every byte after the preamble (Len1 and Len2 included) up to, not including, CHK.

:func:`encode_request` / :func:`encode_reply` build frames, :func:`decode_reply` /
:func:`decode_request` check a single whole frame, and :class:`FrameDecoder` cuts a byte stream
(noise, frames split over many reads) into frames. Every damaged input yields a typed
:class:`~counter.devices.errors.FrameError`; nothing else is ever raised for bad bytes.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from counter.devices.errors import (
    SAM_STATUS_ERRORS,
    FrameChecksumError,
    FrameError,
    FrameLengthError,
    FrameSyncError,
    SamStatusError,
    TruncatedFrame,
)

log = logging.getLogger(__name__)

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2  # preamble + Len1 Len2
#: Smallest legal Len: a request with CMD, Para and CHK.
MIN_LEN = 3
#: Largest Len accepted. The biggest reply of the standard (text + photo + fingerprint) has
#: Len 0x090A; anything far above that is noise that happened to contain a preamble.
MAX_LEN = 0x1000


class Command(enum.Enum):
    """The SAM commands (CMD, Para) of GA/T 467 that this client uses."""

    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    READ_SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_APPENDED_ADDRESS = (0x30, 0x03)
    READ_TEXT_PHOTO_FINGERPRINT = (0x30, 0x10)

    @property
    def cmd(self) -> int:
        return self.value[0]

    @property
    def para(self) -> int:
        return self.value[1]


#: Set-baud command (CMD 0x60): Para 00..04 selects one of these rates.
BAUD_PARA: dict[int, int] = {115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04}
SET_BAUD_CMD = 0x60


class Status(enum.IntEnum):
    """SW3 values that mean success. Every other value is an error (see devices.errors)."""

    SUCCESS = 0x90  # 操作成功
    CARD_FOUND = 0x9F  # 寻找证/卡成功


STATUS_ZH: dict[int, str] = {
    Status.SUCCESS: "操作成功",
    Status.CARD_FOUND: "寻找证/卡成功",
    **{sw3: cls.zh for sw3, cls in SAM_STATUS_ERRORS.items()},
}


def status_text(sw3: int) -> str:
    """Chinese meaning of a status byte (for logs and diagnostics)."""
    return STATUS_ZH.get(sw3, f"未知状态 {sw3:02X}")


def status_error(sw3: int) -> SamStatusError | None:
    """The typed error for a failure status, or None for 0x90 / 0x9F."""
    if sw3 in (Status.SUCCESS, Status.CARD_FOUND):
        return None
    cls = SAM_STATUS_ERRORS.get(sw3)
    if cls is None:
        return SamStatusError(sw3=f"{sw3:02X}")
    return cls()


def checksum(data: bytes) -> int:
    """XOR of ``data`` (pass the bytes from Len1 up to, not including, CHK)."""
    value = 0
    for byte in data:
        value ^= byte
    return value


def _frame(body: bytes) -> bytes:
    """Preamble + Len + body + CHK around ``body`` (CMD/Para/Data or SW/Data)."""
    length = len(body) + 1
    if length > 0xFFFF:
        raise FrameLengthError(length=length)
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([checksum(head + body)])


@dataclass(frozen=True)
class Request:
    """A request frame's content."""

    cmd: int
    para: int
    data: bytes = b""

    def encode(self) -> bytes:
        return encode_request(self.cmd, self.para, self.data)

    @property
    def command(self) -> Command | None:
        """The known :class:`Command`, or None (set baud, or unknown)."""
        try:
            return Command((self.cmd, self.para))
        except ValueError:
            return None


@dataclass(frozen=True)
class Reply:
    """A reply frame's content: status words and data."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    @property
    def ok(self) -> bool:
        """True for 0x90 (success) and 0x9F (card found)."""
        return self.sw3 in (Status.SUCCESS, Status.CARD_FOUND)

    @property
    def status_zh(self) -> str:
        return status_text(self.sw3)

    def error(self) -> SamStatusError | None:
        return status_error(self.sw3)

    def raise_for_status(self) -> Reply:
        """Return self when ok, else raise the typed :class:`SamStatusError`."""
        err = self.error()
        if err is not None:
            raise err
        return self

    def encode(self) -> bytes:
        return encode_reply(self.sw3, self.data, sw1=self.sw1, sw2=self.sw2)


def encode_request(cmd: int | Command, para: int | None = None, data: bytes = b"") -> bytes:
    """Encode a request. ``encode_request(Command.FIND_CARD)`` gives
    ``AA AA AA 96 69 00 03 20 01 22``."""
    if isinstance(cmd, Command):
        code, para = cmd.cmd, cmd.para if para is None else para
    else:
        code = cmd
    if para is None:
        raise ValueError("para is required with a numeric command")
    return _frame(bytes([code & 0xFF, para & 0xFF]) + bytes(data))


def encode_set_baud(baud: int) -> bytes:
    """The set-baud request (60 00..04). Raises ValueError for a rate the SAM does not offer."""
    try:
        para = BAUD_PARA[baud]
    except KeyError:
        raise ValueError(f"unsupported baud rate {baud}") from None
    return encode_request(SET_BAUD_CMD, para)


def encode_reply(sw3: int, data: bytes = b"", *, sw1: int = 0x00, sw2: int = 0x00) -> bytes:
    """Encode a reply (the emulator's side)."""
    return _frame(bytes([sw1 & 0xFF, sw2 & 0xFF, sw3 & 0xFF]) + bytes(data))


def _check_frame(frame: bytes, min_len: int) -> bytes:
    """Validate one whole frame and return its body (between Len and CHK)."""
    if not frame.startswith(PREAMBLE):
        if PREAMBLE.startswith(frame):
            raise TruncatedFrame(got=len(frame), expected=HEADER_LEN)
        raise FrameSyncError()
    if len(frame) < HEADER_LEN:
        raise TruncatedFrame(got=len(frame), expected=HEADER_LEN)
    length = int.from_bytes(frame[5:7], "big")
    if length < min_len or length > MAX_LEN:
        raise FrameLengthError(length=length)
    expected = HEADER_LEN + length
    if len(frame) < expected:
        raise TruncatedFrame(got=len(frame), expected=expected)
    if len(frame) > expected:
        raise FrameLengthError(f"{len(frame) - expected} extra bytes", length=length)
    chk = checksum(frame[5:-1])
    if chk != frame[-1]:
        raise FrameChecksumError(expected=f"{chk:02X}", actual=f"{frame[-1]:02X}")
    return frame[HEADER_LEN:-1]


def decode_reply(frame: bytes) -> Reply:
    """Decode exactly one reply frame; raise a :class:`FrameError` subclass if damaged.

    The status is *not* checked: call :meth:`Reply.raise_for_status`.
    """
    body = _check_frame(bytes(frame), MIN_LEN + 1)
    return Reply(body[0], body[1], body[2], body[3:])


def decode_request(frame: bytes) -> Request:
    """Decode exactly one request frame; raise a :class:`FrameError` subclass if damaged."""
    body = _check_frame(bytes(frame), MIN_LEN)
    return Request(body[0], body[1], body[2:])


@dataclass(frozen=True)
class Frame:
    """A frame cut from a stream by :class:`FrameDecoder`: length and checksum verified."""

    raw: bytes

    @property
    def body(self) -> bytes:
        return self.raw[HEADER_LEN:-1]

    def reply(self) -> Reply:
        """Read the frame as a reply; a reply needs SW1 SW2 SW3, so a shorter body is a
        :class:`FrameLengthError`."""
        body = self.body
        if len(body) < 3:
            raise FrameLengthError(length=len(body) + 1)
        return Reply(body[0], body[1], body[2], body[3:])

    def request(self) -> Request:
        body = self.body
        return Request(body[0], body[1], body[2:])


class FrameDecoder:
    """Incremental frame splitter for a byte stream.

    Contract:

    - :meth:`feed` takes any bytes (possibly empty) and returns, in stream order, every frame
      completed so far as a :class:`Frame`, and every damaged frame as a :class:`FrameError`
      instance (returned, not raised, so one bad frame cannot hide the good ones after it).
    - Bytes before a preamble are noise and dropped. A frame whose Len is impossible (< 3 or
      > ``max_len``) is reported as :class:`FrameLengthError` and the search resumes one byte
      after its preamble. A frame with a wrong CHK is reported as :class:`FrameChecksumError`;
      if another preamble starts inside it (a reply cut short and followed by the next one),
      the search resumes there, otherwise after the whole frame.
    - An incomplete frame stays buffered until more bytes come: the caller, who owns the clock,
      calls :meth:`expire` when its timeout passes to turn it into a :class:`TruncatedFrame`
      (and to rescue a frame hidden behind a false preamble).
    - Memory is bounded: at most one frame (``max_len`` + 7 bytes) is ever buffered.
    """

    def __init__(self, max_len: int = MAX_LEN) -> None:
        self.max_len = max_len
        self._buf = bytearray()
        self.noise_bytes = 0  # bytes dropped as noise since creation (for logs and tests)

    @property
    def pending(self) -> int:
        """Bytes buffered (0 when the stream ended on a frame boundary or in noise)."""
        return len(self._buf)

    @property
    def in_frame(self) -> bool:
        """True when a started frame (preamble seen) awaits more bytes."""
        return self._buf.startswith(PREAMBLE)

    def reset(self) -> None:
        self._buf.clear()

    def expire(self) -> list[Frame | FrameError]:
        """The stream has stopped (the caller's timeout passed): give up the partial frame.

        Returns a :class:`TruncatedFrame` for it, followed by any complete frame found by
        rescanning the bytes after its preamble (a preamble in noise can announce a long frame
        that swallows the real, shorter one). Afterwards nothing is pending. Empty when no
        frame was started.
        """
        out: list[Frame | FrameError] = []
        while self.in_frame:
            got = len(self._buf)
            length = int.from_bytes(self._buf[5:7], "big") if got >= HEADER_LEN else 0
            log.warning("SAM reply truncated: %d of %d bytes", got, HEADER_LEN + length)
            out.append(TruncatedFrame(got=got, expected=HEADER_LEN + length))
            self._drop(1)
            out += self.feed(b"")
        self._drop(len(self._buf))
        return out

    def _drop(self, n: int) -> None:
        if n > 0:
            self.noise_bytes += n
            log.debug("SAM stream: dropped %d noise bytes", n)
            del self._buf[:n]

    def feed(self, data: bytes) -> list[Frame | FrameError]:
        self._buf += data
        out: list[Frame | FrameError] = []
        while True:
            start = self._buf.find(PREAMBLE)
            if start < 0:
                # Keep the longest tail that could be the beginning of a preamble.
                keep = 0
                for k in range(min(len(PREAMBLE) - 1, len(self._buf)), 0, -1):
                    if PREAMBLE.startswith(self._buf[-k:]):
                        keep = k
                        break
                self._drop(len(self._buf) - keep)
                return out
            self._drop(start)
            if len(self._buf) < HEADER_LEN:
                return out
            length = int.from_bytes(self._buf[5:7], "big")
            if length < MIN_LEN or length > self.max_len:
                log.warning("SAM stream: impossible length %d, resynchronising", length)
                out.append(FrameLengthError(length=length))
                self._drop(1)
                continue
            total = HEADER_LEN + length
            if len(self._buf) < total:
                return out
            raw = bytes(self._buf[:total])
            chk = checksum(raw[5:-1])
            if chk != raw[-1]:
                log.warning("SAM stream: checksum %02X, expected %02X", raw[-1], chk)
                out.append(FrameChecksumError(expected=f"{chk:02X}", actual=f"{raw[-1]:02X}"))
                inner = raw.find(PREAMBLE, 1)
                self._drop(inner if inner > 0 else total)
                continue
            del self._buf[:total]
            out.append(Frame(raw))
