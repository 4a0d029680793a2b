"""The kiosk's ticket printer, whatever it is (取号机打印机).

This PC's ``[devices] printer`` (``counter setup --printer``) or ``counter kiosk --printer``:

- ``escpos:PORT`` (or ``escpos:PORT@BAUD``, or a bare ``/dev/…`` / ``COM3``): an ESC/POS thermal
  printer on a serial port (:class:`counter.devices.printer.SerialTicketPrinter`), its paper
  sensor asked before each ticket; printed on the worker thread (the port may block);
- ``qt:NAME``: a printer the system knows, drawn with QPainter (:mod:`ui.ticket_print`);
- ``pdf:FOLDER``: each ticket written as a PDF into FOLDER (a demo, or a hall that photographs
  nothing);
- nothing: no printer; the kiosk shows the ticket on its screen.

:meth:`KioskPrinter.print_slip` raises a :class:`counter.devices.errors.PrinterError` (a
:class:`~counter.errors.CounterError`) when the ticket did not come out.
"""

from __future__ import annotations

import logging
from pathlib import Path

from counter.devices.errors import PrinterError
from counter.documents.ticket import TicketSlip

log = logging.getLogger(__name__)


class KioskPrinter:
    """A printer for tickets. ``on_worker``: print off the Qt thread (serial ports)."""

    on_worker = False
    label = ""

    def print_slip(self, slip: TicketSlip) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class EscPosPrinter(KioskPrinter):
    on_worker = True

    def __init__(self, port: str, baud: int = 9600, width_mm: int = 80) -> None:
        from counter.devices.printer import SerialTicketPrinter

        self.port = port
        self.label = f"ESC/POS {port}"
        self._printer = SerialTicketPrinter(port, baud, width_mm=width_mm, check_paper=True)

    def print_slip(self, slip: TicketSlip) -> None:
        self._printer.print_ticket(slip)


class QtPrinter(KioskPrinter):
    def __init__(self, name: str) -> None:
        self.name = name
        self.label = name

    def print_slip(self, slip: TicketSlip) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        from ui.ticket_print import print_ticket

        names = {p.printerName() for p in QPrinterInfo.availablePrinters()}
        if self.name not in names:
            raise PrinterError("未找到该打印机", port=self.name)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(self.name)
        try:
            print_ticket(slip, printer)
        except RuntimeError as exc:
            raise PrinterError(str(exc), port=self.name) from exc
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise PrinterError(port=self.name)


class PdfPrinter(KioskPrinter):
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.label = f"PDF {self.folder}"
        self.written: list[Path] = []

    def print_slip(self, slip: TicketSlip) -> None:
        from ui.ticket_print import write_ticket_pdf

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = slip.issued_local.strftime("%Y%m%d-%H%M%S")
            path = self.folder / f"ticket-{stamp}-{slip.number}.pdf"
            self.written.append(write_ticket_pdf(slip, path))
        except OSError as exc:
            raise PrinterError(str(exc), port=str(self.folder)) from exc


def make_printer(spec: str | None) -> KioskPrinter | None:
    """The printer a spec names (see the module docstring); ``None`` for no printer."""
    spec = (spec or "").strip()
    if not spec or spec.lower() in ("none", "screen"):
        return None
    kind, _, rest = spec.partition(":")
    kind = kind.lower()
    if kind == "qt" and rest:
        return QtPrinter(rest)
    if kind == "pdf" and rest:
        return PdfPrinter(rest)
    if kind == "escpos" and rest:
        port, _, baud = rest.rpartition("@") if "@" in rest else (rest, "", "")
        return EscPosPrinter(port, int(baud) if baud.isdigit() else 9600)
    return EscPosPrinter(spec)  # a bare port name
