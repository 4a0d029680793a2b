"""The counter's devices seen from Qt: the ID-card reader and a serial barcode scanner.

Both run on their own threads (the reader's session polls the SAM; the scanner's thread reads
its port) and report through Qt signals of objects living on the Qt thread, so the slots always
run on the Qt thread. Connect them to methods of QObjects.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from counter.devices.errors import DeviceError, NoCard, PortUnavailable, ReadCancelled
from counter.devices.reader import ReaderSession

log = logging.getLogger(__name__)


class CardReaderService(QObject):
    """Keeps a reader session open on ``port`` and reports each card presented.

    ``status_changed(state, text)``: state is "ready", "error" or "off".
    """

    card_read = Signal(object)  # counter.devices.idcard.IdCard
    status_changed = Signal(str, str)

    def __init__(self, port: str, baud: int = 115200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self.baud = baud
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._session: ReaderSession | None = None
        self.state = "off"
        self.cards = 0

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="CardReader", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        session = self._session
        if session is not None:
            session.cancel()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _status(self, state: str, text: str) -> None:
        if state != self.state:
            self.state = state
            self.status_changed.emit(state, text)

    def _run(self) -> None:  # reader thread: emit only

        while not self._stop.is_set():
            try:
                session = ReaderSession.open(self.port, self.baud)
            except PortUnavailable as exc:
                self._status("error", exc.message_zh)
                self._stop.wait(2.0)
                continue
            self._session = session
            self._status("ready", "读卡器就绪")
            try:
                while not self._stop.is_set():
                    try:
                        card = session.wait_for_card(1.0)
                    except NoCard:
                        continue
                    except ReadCancelled:
                        break
                    except DeviceError as exc:
                        log.warning("card reader: %s", exc.message_en)
                        self._status("error", exc.message_zh)
                        self._stop.wait(1.0)
                        if exc.code in ("device_io", "reader_not_responding"):
                            break  # reopen the port
                        continue
                    self._status("ready", "读卡器就绪")
                    self.cards += 1
                    self.card_read.emit(card)
            finally:
                self._session = None
                session.close()
        self._status("off", "")


class SerialScannerBridge(QObject):
    """A serial scanner (counter.devices.scanner) whose codes arrive as a Qt signal."""

    scanned = Signal(str)
    status_changed = Signal(str, str)

    def __init__(
        self,
        port: str,
        baud: int = 9600,
        terminator: str = "cr",
        prefix: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from counter.devices.scanner import SerialScanner, SerialSettings, Terminator

        settings = SerialSettings(
            port=port, baudrate=baud, terminator=Terminator(terminator or "cr"), prefix=prefix
        )
        self._scanner = SerialScanner(settings, self._code, self._state)

    def start(self) -> None:
        self._scanner.start()

    def stop(self) -> None:
        self._scanner.stop()

    def _code(self, code: str) -> None:  # scanner thread
        self.scanned.emit(code)

    def _state(self, status: object, detail: str) -> None:  # scanner thread
        self.status_changed.emit(
            str(getattr(status, "value", status)), getattr(status, "zh", str(status))
        )
