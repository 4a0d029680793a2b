"""The queue bar as the clerk meets it: green-channel and appointment tickets shown as such,
F6 asking first when nothing was handled or a receipt was never printed, the transfer dialog
not starting on the ticket's own queue, and a clean finder after a visit."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog

from counter import window as door
from counter.config import StationConfig
from counter.services.base import Actor, Runtime
from counter.services.queue_state import ParkedTicket
from counter.services.tickets import issue_ticket
from tests.ui.test_window_flow import WAIT, choose_item, idle, key, open_client, sign_in
from ui.backend import Backend
from ui.queue_bar import ParkedPopup, ticket_badge
from ui.screenshots import issue_demo_ticket

pytestmark = pytest.mark.slow


def test_badges_name_the_green_channel_and_the_appointment():
    assert ticket_badge("elderly", "kiosk") == "绿色通道·老年人"
    assert ticket_badge("disabled", "idcard") == "绿色通道·残疾人"
    assert ticket_badge("", "appointment").startswith("预约")
    assert ticket_badge("", "kiosk") == ""
    both = ticket_badge("pregnant", "appointment")
    assert "孕妇" in both and "预约" in both


def test_parked_list_shows_the_badge(qtbot):
    popup = ParkedPopup()
    qtbot.addWidget(popup)
    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    popup.set_tickets(
        [
            ParkedTicket(1, "A003", "A", "综合受理", 1, now, True, "elderly", "kiosk"),
            ParkedTicket(2, "A004", "A", "综合受理", 1, now, False, "", "appointment"),
            ParkedTicket(3, "A005", "A", "综合受理", 1, now, False, "", "kiosk"),
        ]
    )
    rows = [popup.list.item(n).text() for n in range(popup.list.count())]
    assert "绿色通道·老年人" in rows[0]
    assert "预约" in rows[1]
    assert "【" not in rows[2]


@pytest.fixture
def client_at(qtbot, hall_url, monkeypatch):
    monkeypatch.setattr("ui.window_client.ask_before_leaving", lambda *_a: None)
    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1))
    sign_in(qtbot, backend)
    client = open_client(qtbot, backend, devices=False)
    yield client, backend
    client.stop()
    backend.close()
    rt.dispose()


def call(qtbot, client) -> None:  # noqa: ANN001
    key(qtbot, client, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: client.ticket is not None, timeout=WAIT)
    idle(qtbot, client)


def test_current_green_channel_ticket_is_marked(qtbot, client_at):
    client, backend = client_at
    issue_ticket(backend.rt, Actor.system(backend.rt.hall_id(), "kiosk"), "A", priority="elderly")
    client.refresh_queue()
    idle(qtbot, client)
    call(qtbot, client)
    bar = client.queue_bar
    assert bar.badge.isVisible() and "老年人" in bar.badge.text()
    key(qtbot, client, Qt.Key.Key_F4)  # parked: the parked list shows it too
    qtbot.waitUntil(lambda: client.ticket is None and bool(bar.parked), timeout=WAIT)
    assert not bar.badge.isVisible()
    assert bar.show_parked()
    assert "老年人" in bar.popup.list.item(0).text()
    bar.popup.close()


def test_f6_with_nothing_handled_asks_first(qtbot, client_at):
    client, backend = client_at
    issue_demo_ticket(backend.rt, "A")
    client.refresh_queue()
    idle(qtbot, client)
    call(qtbot, client)
    key(qtbot, client, Qt.Key.Key_F6)
    idle(qtbot, client)
    assert client.ticket is not None  # asked, not finished
    assert "未办理任何事项" in client.notice.label.text() and "F6" in client.notice.label.text()
    key(qtbot, client, Qt.Key.Key_F2)  # another key in between: the question lapses
    idle(qtbot, client)
    key(qtbot, client, Qt.Key.Key_F6)
    idle(qtbot, client)
    assert client.ticket is not None
    key(qtbot, client, Qt.Key.Key_F6)  # the next key confirms
    qtbot.waitUntil(lambda: client.ticket is None, timeout=WAIT)


def test_f6_after_an_unprinted_receipt_asks_then_a_clean_form(qtbot, client_at, monkeypatch):
    client, backend = client_at
    issue_demo_ticket(backend.rt, "A")
    client.refresh_queue()
    idle(qtbot, client)
    call(qtbot, client)
    client.applicant.name.setText("张三")
    client.applicant.id_number.setText("11010519491231002X")
    choose_item(qtbot, client, "zjd", "农村村民宅基地审批")
    client.finder.sector.setCurrentIndex(2)  # a filter left set by the clerk
    key(qtbot, client, Qt.Key.Key_F8)
    qtbot.waitUntil(client.outcome.accept_button.isEnabled, timeout=WAIT)
    key(qtbot, client, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: client.checklist.items[0].outcome == "accepted", timeout=WAIT)
    case_no = client.checklist.items[0].case_no
    key(qtbot, client, Qt.Key.Key_F6)
    idle(qtbot, client)
    assert client.ticket is not None
    assert case_no in client.notice.label.text() and "未打印" in client.notice.label.text()
    key(qtbot, client, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: client.ticket is None, timeout=WAIT)
    idle(qtbot, client)
    finder = client.finder
    assert finder.search.text() == ""
    assert finder.sector.currentIndex() == 0 and finder.department.currentIndex() == 0
    assert client.applicant.name.text() == "" and not client.checklist.items


def test_f6_after_a_printed_receipt_finishes_at_once(qtbot, client_at):
    client, _backend = client_at
    client.printed_cases.add("QS1")
    from ui.checklist import VisitItem

    item = VisitItem(1, 1, "c", "n", "d", False, 5, outcome="accepted", case_no="QS1")
    client.checklist.set_items([item])
    assert client.finish_warning() == ""
    client.printed_cases.clear()
    assert "QS1" in client.finish_warning()


def test_transfer_dialog_does_not_start_on_the_tickets_queue(qtbot, monkeypatch):
    from ui.window_client import ask_transfer_target

    seen: list[str] = []

    def fake_exec(self) -> int:  # noqa: ANN001
        combo = self.findChild(QComboBox)
        seen.append(str(combo.currentData()))
        seen.append(combo.currentText())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    targets = door.TransferTargets(
        queues=(("A", "综合受理", 3), ("B", "不动产", 1), ("C", "社保医保", 0)),
        windows=((2, "2号窗口", "open"),),
        current_queue="A",
    )
    assert ask_transfer_target(None, targets) == ("queue", "B")
    assert "B" in seen[1]
    targets = door.TransferTargets(
        queues=(("A", "综合受理", 3), ("B", "不动产", 1)), windows=(), current_queue="B"
    )
    assert ask_transfer_target(None, targets) == ("queue", "A")
