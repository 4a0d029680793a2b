"""Serial barcode scanner (串口扫码枪, or a USB scanner in virtual-COM mode).

Two layers, so the logic is testable without a port:

- :class:`LineSplitter` — pure: bytes in, complete codes out (terminator CR, LF or CR LF,
  optional prefix, bounded memory);
- :class:`SerialScanner` — a thread that owns the port, feeds the splitter and calls back with
  each code. When the port fails (cable pulled) it reports :attr:`ScannerStatus.DISCONNECTED`,
  retries opening every ``reconnect_interval`` seconds, and reports
  :attr:`ScannerStatus.RECONNECTED` when the scanner is back.

Callbacks run on the scanner thread; a Qt caller forwards them with a queued signal.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import serial

from counter.devices.errors import PORT_ERRORS, PORT_OPEN_ERRORS

log = logging.getLogger(__name__)


class Terminator(enum.StrEnum):
    """The suffix the scanner sends after each code."""

    CR = "cr"
    LF = "lf"
    CRLF = "crlf"

    @property
    def as_bytes(self) -> bytes:
        return {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n"}[self.value]


class ScannerStatus(enum.StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    RECONNECTED = "reconnected"

    @property
    def zh(self) -> str:
        return {
            "connected": "扫码枪已连接",
            "disconnected": "扫码枪已断开，正在重试连接",
            "reconnected": "扫码枪已重新连接",
        }[self.value]

    @property
    def en(self) -> str:
        return {
            "connected": "scanner connected",
            "disconnected": "scanner disconnected; retrying",
            "reconnected": "scanner reconnected",
        }[self.value]


def decode_code(raw: bytes, encoding: str = "utf-8") -> str:
    """Bytes of one code as text.

    Barcodes are ASCII, but QR codes may carry Chinese, and many domestic scanners send it in
    GB18030 rather than UTF-8: try ``encoding``, then GB18030, then keep the bytes as Latin-1
    (never raises, never drops the code).
    """
    for enc in dict.fromkeys((encoding, "gb18030")):
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin-1")


class LineSplitter:
    """Cut a byte stream into scanned codes. Pure; not thread-safe.

    Contract of :meth:`feed`: returns the codes completed by ``data``, in order, without the
    terminator and without the prefix; empty codes are dropped.

    - ``cr``: a code ends at CR; an LF right after the CR is dropped (a CR LF scanner set up as
      CR gives no empty or glued code). An LF elsewhere is part of the code (multi-line QR).
    - ``lf`` and ``crlf``: a code ends at LF; a CR just before it is dropped (so a CR LF scanner
      set up as LF, or the reverse, still works).
    - ``prefix``: a line must contain it and the code is what follows its first occurrence
      (bytes before it are the tail of a line cut when the port opened); other lines are
      dropped and logged.
    - A line longer than ``max_length`` bytes without a terminator is discarded up to the next
      terminator (a scanner sending no suffix must not grow memory forever).
    """

    def __init__(
        self,
        terminator: Terminator | str = Terminator.CR,
        prefix: str = "",
        *,
        encoding: str = "utf-8",
        max_length: int = 4096,
    ) -> None:
        self.terminator = Terminator(terminator)
        self.prefix = prefix
        self.encoding = encoding
        self.max_length = max_length
        self._end = 0x0D if self.terminator is Terminator.CR else 0x0A
        self._buf = bytearray()
        self._overflow = False
        self._after_cr = False

    def reset(self) -> None:
        """Forget a partial line (after a reconnect it would be glued to the next code)."""
        self._buf.clear()
        self._overflow = False
        self._after_cr = False

    def feed(self, data: bytes) -> list[str]:
        codes: list[str] = []
        cr_mode = self.terminator is Terminator.CR
        for byte in data:
            if self._after_cr:
                self._after_cr = False
                if byte == 0x0A:
                    continue
            if byte != self._end:
                if not self._overflow:
                    self._buf.append(byte)
                    if len(self._buf) > self.max_length:
                        log.warning("scanner: line longer than %d bytes dropped", self.max_length)
                        self._buf.clear()
                        self._overflow = True
                continue
            self._after_cr = cr_mode
            line = bytes(self._buf)
            self._buf.clear()
            if self._overflow:
                self._overflow = False
                continue
            if not cr_mode and line.endswith(b"\r"):
                line = line[:-1]
            code = self._finish(line)
            if code:
                codes.append(code)
        return codes

    def _finish(self, raw: bytes) -> str | None:
        text = decode_code(raw, self.encoding)
        if self.prefix:
            at = text.find(self.prefix)
            if at < 0:
                log.warning("scanner: line without prefix %r dropped: %r", self.prefix, text)
                return None
            text = text[at + len(self.prefix) :]
        return text or None


@dataclass(frozen=True)
class SerialSettings:
    """How to open the scanner's port. Defaults: 9600 8N1, CR suffix."""

    port: str
    baudrate: int = 9600
    bytesize: int = serial.EIGHTBITS
    parity: str = serial.PARITY_NONE
    stopbits: float = serial.STOPBITS_ONE
    terminator: Terminator = Terminator.CR
    prefix: str = ""
    encoding: str = "utf-8"

    def open(self, timeout: float) -> serial.Serial:
        return serial.serial_for_url(
            self.port,
            baudrate=self.baudrate,
            bytesize=self.bytesize,
            parity=self.parity,
            stopbits=self.stopbits,
            timeout=timeout,
        )


CodeCallback = Callable[[str], None]
StatusCallback = Callable[[ScannerStatus, str], None]


class SerialScanner:
    """Read codes from a serial scanner on a background thread, surviving unplug/replug.

    ``on_code(code)`` is called for each code; ``on_status(status, detail)`` on each change of
    connection state (first CONNECTED; then DISCONNECTED / RECONNECTED pairs). A port that cannot
    be opened at start is reported DISCONNECTED once and retried like an unplugged one. An
    exception raised by a callback is logged and does not stop the scanner.
    """

    def __init__(
        self,
        settings: SerialSettings,
        on_code: CodeCallback,
        on_status: StatusCallback | None = None,
        *,
        reconnect_interval: float = 1.0,
        read_timeout: float = 0.1,
        opener: Callable[[SerialSettings, float], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.on_code = on_code
        self.on_status = on_status
        self.reconnect_interval = reconnect_interval
        self.read_timeout = read_timeout
        self._opener = opener or (lambda s, t: s.open(t))
        self.splitter = LineSplitter(
            settings.terminator, settings.prefix, encoding=settings.encoding
        )
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: Any = None
        self._ever_connected = False
        self._last_status: ScannerStatus | None = None
        self.connected = False

    def start(self) -> SerialScanner:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="SerialScanner", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread and close the port. Idempotent."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._close()

    def __enter__(self) -> SerialScanner:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- thread ----------------------------------------------------------------------------

    def _emit_status(self, status: ScannerStatus, detail: str = "") -> None:
        if status is self._last_status:
            return  # report changes, not every failed reopen
        self._last_status = status
        log.info("scanner %s: %s %s", self.settings.port, status.value, detail)
        if self.on_status is not None:
            try:
                self.on_status(status, detail)
            except Exception:  # a UI callback must not kill the reader thread
                log.exception("scanner status callback failed")

    def _close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(*PORT_ERRORS):
                port.close()

    def _try_open(self) -> bool:
        try:
            self._port = self._opener(self.settings, self.read_timeout)
        except PORT_OPEN_ERRORS as exc:
            self.connected = False
            self._emit_status(ScannerStatus.DISCONNECTED, str(exc))
            return False
        self.splitter.reset()
        self.connected = True
        first = not self._ever_connected
        self._ever_connected = True
        self._emit_status(ScannerStatus.CONNECTED if first else ScannerStatus.RECONNECTED)
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._port is None:
                if not self._try_open():
                    self._stop.wait(self.reconnect_interval)
                continue
            try:
                data = self._port.read(max(1, self._port.in_waiting))
            except PORT_ERRORS as exc:
                self._close()
                self.connected = False
                self._emit_status(ScannerStatus.DISCONNECTED, str(exc))
                self._stop.wait(self.reconnect_interval)
                continue
            if not data:
                continue
            for code in self.splitter.feed(data):
                try:
                    self.on_code(code)
                except Exception:
                    log.exception("scanner code callback failed")
