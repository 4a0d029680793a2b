"""The whole counter flow, offscreen, on the demo hall (SQLite and PostgreSQL):

sign in → call → the ID card read from the reader emulator on a pty → item found by its
initials → checklist → accept → the receipt printed to PDF (its barcode decodes back to the case
number) → missing materials → one-time notice naming exactly them → hand-out by scanning the
receipt barcode (serial scanner emulator on a pty) and reading the collector's card →
evaluation recorded from the citizen screen.

No sleeping: every wait is on a signal or a condition; modal dialogs are stubbed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from counter.config import StationConfig
from counter.devices.emulator import IdCardReaderEmulator, ScannerEmulator
from counter.services.base import Runtime
from ui.backend import Backend
from ui.screenshots import complete_case, demo_card, issue_demo_ticket

pytestmark = pytest.mark.slow

WAIT = 15000


class Printed:
    """Stands in for QPrintDialog: every print goes to a PDF file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[Path] = []

    def __call__(self, _parent, _name, _title) -> QPrinter:  # noqa: ANN001
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        path = self.folder / f"printed-{len(self.files) + 1}.pdf"
        printer.setOutputFileName(str(path))
        self.files.append(path)
        return printer


def decode_barcodes(pdf: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
    )
    png = sorted(pdf.parent.glob(prefix.name + "*.png"))[0]
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]


@pytest.fixture
def devices():
    reader = IdCardReaderEmulator(card=None).start()
    scanner = ScannerEmulator(terminator=b"\r").start()
    yield reader, scanner
    scanner.stop()
    reader.stop()


@pytest.fixture
def printed(tmp_path, monkeypatch):
    p = Printed(tmp_path)
    monkeypatch.setattr("ui.preview.ask_printer", p)
    return p


def sign_in(qtbot, backend: Backend, staff_no: str = "1001") -> None:
    from ui.signin import SignInForm

    form = SignInForm(backend)
    qtbot.addWidget(form)
    form.staff_no.setText(staff_no)
    form.password.setText("demo1234")
    with qtbot.waitSignal(form.signed_in, timeout=WAIT):
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert backend.signed_in
    form.close()


def open_client(qtbot, backend: Backend, **kw):
    from ui.window_client import WindowClient

    client = WindowClient(backend, live=False, **kw)
    qtbot.addWidget(client)
    if client.citizen is not None:
        qtbot.addWidget(client.citizen)
    client.resize(1920, 1080)
    client.show()
    client.activateWindow()
    qtbot.waitUntil(client.isActiveWindow, timeout=WAIT)
    client.start_session()
    qtbot.waitUntil(
        lambda: client.finder.model.rowCount() > 0 and client.worker.in_flight == 0, timeout=WAIT
    )
    return client


def key(qtbot, widget, k, mod=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, k, mod)


def idle(qtbot, client) -> None:
    qtbot.waitUntil(lambda: client.worker.in_flight == 0, timeout=WAIT)


def choose_item(qtbot, client, initials: str, name: str) -> None:
    finder = client.finder
    finder.search.clear()
    qtbot.keyClicks(finder.search, initials)
    qtbot.waitUntil(
        lambda: (
            name in [r.name for r in finder.model.rows()]
            and finder.search.text() == initials
            and not finder._timer.isActive()
            and client.worker.in_flight == 0
        ),
        timeout=WAIT,
    )
    row = [r.name for r in finder.model.rows()].index(name)
    for _ in range(row):
        key(qtbot, finder.view if finder.view.hasFocus() else finder.search, Qt.Key.Key_Down)
    target = finder.view if row else finder.search
    assert finder.view.currentIndex().row() == row
    key(qtbot, target, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            client.checklist.current is not None
            and client.checklist.current.name == name
            and client.checklist.current.loaded
        ),
        timeout=WAIT,
    )


def test_whole_flow(qtbot, hall_url, devices, printed, tmp_path):
    reader, scanner = devices
    rt = Runtime(hall_url)
    station = StationConfig(window=1, idcard_port=reader.port, scanner_port=scanner.port)
    backend = Backend(rt, station)
    try:
        sign_in(qtbot, backend)
        client = open_client(qtbot, backend)
        qtbot.waitUntil(
            lambda: client.reader is not None and client.reader.state == "ready", timeout=WAIT
        )
        for _ in range(2):
            issue_demo_ticket(backend.rt, "A")
        client.refresh_queue()
        idle(qtbot, client)

        # call next (F1)
        key(qtbot, client, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: client.ticket is not None, timeout=WAIT)
        number = client.ticket.number
        assert client.queue_bar.number.text() == number
        assert client.citizen.page == "serving"

        # the ID card on the reader emulator (pty) fills the applicant
        card = demo_card()
        reader.present_card(card)
        qtbot.waitUntil(lambda: client.applicant.name.text() == card.name, timeout=WAIT)
        assert client.applicant.id_number.text() == card.id_number
        assert "校验通过" in client.applicant.id_hint.text()
        qtbot.waitUntil(lambda: client._ticket_state() == "serving", timeout=WAIT)
        client.applicant.phone.setText("13812345678")

        # item found by initials; checklist; accept
        choose_item(qtbot, client, "zjd", "农村村民宅基地审批")
        assert not client.outcome.accept_button.isEnabled()  # nothing checked yet
        view = client.checklist.view
        key(qtbot, view, Qt.Key.Key_Space)  # row 1 received, cursor moves on
        # printable keys pass the keyboard-wedge filter after a few ms (it tells scans apart)
        qtbot.waitUntil(
            lambda: client.checklist.current.materials[0].status == "received", timeout=WAIT
        )
        key(qtbot, client, Qt.Key.Key_F8)  # the rest of the required ones received
        mats = client.checklist.current.materials
        assert all(m.status == "received" for m in mats if m.requirement == "required")
        # what the clerk did not see is not applicable, and is not listed on the receipt
        assert all(
            m.status in ("received", "not_applicable") for m in mats if m.requirement != "required"
        )
        assert client.outcome.accept_button.isEnabled()
        key(qtbot, client, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: client.checklist.items[0].outcome == "accepted", timeout=WAIT)
        case_no = client.checklist.items[0].case_no
        assert case_no
        assert client.outcome.preview.content.kind == "receipt"
        assert case_no in client.outcome.result_title.text()

        # print the receipt (Ctrl+P; the print dialog is stubbed to a PDF)
        key(qtbot, client, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        assert len(printed.files) == 1 and printed.files[0].stat().st_size > 1000
        if shutil.which("pdftoppm"):
            assert case_no in decode_barcodes(printed.files[0])

        # a second item of the same visit, with a material missing → one-time notice
        choose_item(qtbot, client, "lnrydz", "老年人优待证办理")
        mats = client.checklist.current.materials

        def press(k, row: int, status: str) -> None:
            view.setCurrentIndex(client.checklist.model.index(row, 0))
            key(qtbot, view, k)
            qtbot.waitUntil(lambda: mats[row].status == status, timeout=WAIT)

        press(Qt.Key.Key_Space, 0, "received")
        press(Qt.Key.Key_Space, 1, "received")
        press(Qt.Key.Key_Space, 1, "missing")
        press(Qt.Key.Key_N, 2, "not_applicable")  # conditional: not applicable
        assert [m.status for m in mats] == ["received", "missing", "not_applicable"]
        assert not client.outcome.accept_button.isEnabled()
        assert client.outcome.notice_button.isEnabled()
        assert mats[1].name in client.outcome.state.text()
        key(qtbot, client, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: client.checklist.items[1].outcome == "notice", timeout=WAIT)
        notice = client.outcome.preview.content
        assert notice.kind == "one_time_notice"
        text = notice.text()
        assert mats[1].name in text
        assert mats[0].name not in text and mats[2].name not in text

        # the back office completes the accepted case; the receipt's barcode is scanned
        complete_case(hall_url, case_no)
        scanner.scan(case_no)
        qtbot.waitUntil(lambda: client.handout.case is not None, timeout=WAIT)
        assert client.tabs.currentIndex() == 1
        assert client.handout.case.case_no == case_no
        assert not client.handout.confirm.isEnabled()
        reader.present_card(card)  # the collector presents the card
        qtbot.waitUntil(lambda: client.handout.confirm.isEnabled(), timeout=WAIT)
        assert "申请人一致" in client.handout.match.text()
        key(qtbot, client, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: client.handout.preview.content is not None, timeout=WAIT)
        assert client.handout.preview.content.kind == "handover"
        key(qtbot, client, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        assert len(printed.files) == 2

        # finish (F6) → the citizen evaluates on the citizen screen
        key(qtbot, client, Qt.Key.Key_F9)
        key(qtbot, client, Qt.Key.Key_F6)
        if client.finish_warning():  # the one-time notice was not printed: asked, F6 confirms
            assert client.ticket is not None
            key(qtbot, client, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: client.citizen.page == "evaluation", timeout=WAIT)
        assert client.ticket is None
        citizen = client.citizen
        assert (
            card.name not in citizen.visible_text() and card.id_number not in citizen.visible_text()
        )
        qtbot.mouseClick(citizen.level_buttons[4], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: client.evaluations == 1, timeout=WAIT)
        assert citizen.page == "thanks"
        client.stop()
    finally:
        backend.close()
        rt.dispose()

    from sqlalchemy import func, select

    from db.models import Evaluation

    rt = Runtime(hall_url)
    try:
        with rt.unit() as s:
            rows = s.execute(
                select(Evaluation.level, Evaluation.ticket_id, func.count()).group_by(
                    Evaluation.level, Evaluation.ticket_id
                )
            ).all()
        assert len(rows) == 1 and rows[0][0] == 4 and rows[0][1] is not None
    finally:
        rt.dispose()
