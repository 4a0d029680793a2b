"""Ticket printer on a serial port (or a USB printer's virtual COM port).

The port is opened for each ticket and closed again: a kiosk prints a few hundred tickets a
day, and a printer switched off and on (paper change) must not leave a dead handle behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import serial

from counter.devices.errors import PORT_ERRORS, PORT_OPEN_ERRORS, PrinterError, PrinterOutOfPaper
from counter.devices.escpos import PAPER_STATUS_REQUEST, Paper, paper_status, render_ticket
from counter.documents.ticket import TicketSlip

log = logging.getLogger(__name__)


class SerialTicketPrinter:
    """An ESC/POS printer at ``port`` (device path or pyserial URL), 8N1.

    ``rtscts``: hardware flow control, which many thermal printers need at 115200 baud so their
    buffer does not overrun. ``width_mm``: 58 or 80. ``check_paper``: ask the paper sensor
    (DLE EOT 4) before each ticket and refuse with :class:`PrinterOutOfPaper` when the roll is
    out (a printer that does not answer within ``status_timeout`` is printed to all the same:
    not every printer reports its status).
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        width_mm: int = 80,
        rtscts: bool = False,
        write_timeout: float = 5.0,
        opener: Callable[..., Any] = serial.serial_for_url,
        check_paper: bool = False,
        status_timeout: float = 0.3,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.width_mm = width_mm
        self.rtscts = rtscts
        self.write_timeout = write_timeout
        self._opener = opener
        self.check_paper = check_paper
        self.status_timeout = status_timeout
        self.paper: Paper | None = None  # what the sensor said last (None: not asked / silent)

    def send(self, data: bytes) -> None:
        """Write ``data`` to the printer; raise :class:`PrinterError` on any port failure."""
        try:
            conn = self._opener(
                self.port,
                baudrate=self.baudrate,
                rtscts=self.rtscts,
                write_timeout=self.write_timeout,
                timeout=1.0,
            )
        except PORT_OPEN_ERRORS as exc:
            raise PrinterError(str(exc), port=self.port) from exc
        try:
            if self.check_paper:
                self.paper = self._paper(conn)
                if self.paper is Paper.OUT:
                    raise PrinterOutOfPaper(port=self.port)
            written = conn.write(data)
            conn.flush()
            if written is not None and written != len(data):
                raise PrinterError(f"{written}/{len(data)} bytes", port=self.port)
        except PORT_ERRORS as exc:  # SerialTimeoutException included
            raise PrinterError(str(exc), port=self.port) from exc
        finally:
            try:
                conn.close()
            except PORT_ERRORS:
                log.debug("closing printer port failed", exc_info=True)

    def _paper(self, conn: Any) -> Paper | None:
        """Ask the paper sensor on the open port; ``None`` when the printer does not answer."""
        conn.reset_input_buffer()
        conn.write(PAPER_STATUS_REQUEST)
        conn.flush()
        conn.timeout = self.status_timeout
        reply = conn.read(1)
        conn.timeout = 1.0
        return paper_status(reply[0]) if reply else None

    def print_ticket(self, slip: TicketSlip) -> bytes:
        """Print ``slip``; return the bytes sent (for the log or a test)."""
        data = render_ticket(slip, width_mm=self.width_mm)
        self.send(data)
        return data
