"""What a clerk needs beyond the main flow, driven by keys on the demo hall (SQLite and
PostgreSQL): 补正后受理 from a one-time notice, pausing and signing out with a visitor at the
window, the parked-tickets popup, 补打 from both tabs, and the live-updates banner.

No sleeping: every wait is on a signal or a condition; modal dialogs are stubbed.
"""

from __future__ import annotations

import json

import pytest

from PySide6.QtCore import Qt

from counter.domain import applicants, checklist
from counter.services import cases, intake, queue_state
from counter.services.base import Runtime
from counter.services.catalog import get_item
from tests.ui import test_window_flow as flow
from ui.backend import Backend
from ui.screenshots import issue_demo_ticket

pytestmark = pytest.mark.slow

WAIT = flow.WAIT
CTRL = Qt.KeyboardModifier.ControlModifier
ID_A = "11010519491231002X"


@pytest.fixture
def printed(tmp_path, monkeypatch):
    p = flow.Printed(tmp_path)
    monkeypatch.setattr("ui.preview.ask_printer", p)
    return p


@pytest.fixture
def session(qtbot, hall_url):
    """A signed-in clerk at window 1 and a runtime for setting the scene through the core."""
    rt = Runtime(hall_url)
    backend = Backend(rt, flow.StationConfig(window=1))
    try:
        flow.sign_in(qtbot, backend)
        yield rt, backend
    finally:
        backend.close()
        rt.dispose()


def _checks(rt, code: str, missing: tuple[str, ...] = ()) -> list[checklist.MaterialCheck]:
    out = []
    for m in get_item(rt, code=code).materials:
        if m.name in missing:
            status = "missing"
        elif m.requirement != "required":
            status = "not_applicable"
        else:
            status = "received"
        out.append(checklist.MaterialCheck(m.id, status, m.form, m.copies))
    return out


def _notice(rt, backend: Backend) -> str:
    r = intake.issue_one_time_notice(
        rt,
        backend.the_desk().actor,
        item_version_id=get_item(rt, code="NY-001").version_id,
        applicant=applicants.ApplicantInput(
            kind="person", name="王建国", id_number=ID_A, phone="13812345678"
        ),
        materials=_checks(rt, "NY-001", missing=("户口簿",)),
    )
    return r.case_no


def test_completion_after_notice_keeps_the_case_number_and_reprints(qtbot, session, printed):
    rt, backend = session
    case_no = _notice(rt, backend)
    client = flow.open_client(qtbot, backend, devices=False)

    # the clerk types the notice's number in the 出件 field (the scanner does the same)
    flow.key(qtbot, client, Qt.Key.Key_F10)
    qtbot.keyClicks(client.handout.code, case_no.lower())
    flow.key(qtbot, client.handout.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: client.checklist.current is not None, timeout=WAIT)
    assert client.tabs.currentIndex() == 0
    item = client.checklist.current
    assert item.completes == case_no and item.name == "农村村民宅基地审批"
    assert client.applicant.name.text() == "王建国"
    assert client.applicant.id_number.text() == ID_A
    by_name = {m.name: m for m in item.materials}
    assert by_name["户口簿"].status == "missing"
    assert not client.outcome.accept_button.isEnabled()
    assert not client.outcome.notice_button.isEnabled()  # no second notice for the same case
    assert case_no in client.outcome.state.text() and "户口簿" in client.outcome.state.text()

    # the missing one is brought: mark it received, accept (Ctrl+Enter) under the same number
    row = item.materials.index(by_name["户口簿"])
    client.checklist.view.setCurrentIndex(client.checklist.model.index(row, 0))
    flow.key(qtbot, client.checklist.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: by_name["户口簿"].status == "received", timeout=WAIT)
    assert client.outcome.accept_button.isEnabled()
    flow.key(qtbot, client, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: item.outcome == "accepted", timeout=WAIT)
    assert item.case_no == case_no
    assert client.outcome.preview.content.kind == "receipt"
    case = cases.get_case(rt, backend.the_desk().actor, case_no)
    assert case.state == "accepted"
    assert [e.node for e in case.events] == ["一次性告知", "受理"]
    assert len(cases.list_cases(rt, backend.the_desk().actor)) == 1

    # 补打 from the result panel: the receipt again, marked, to the print dialog
    assert client.outcome.reprint_button.isVisible()
    with qtbot.waitSignal(client.reprinted, timeout=WAIT) as sig:
        flow.key(qtbot, client, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert sig.args[0].kind == "receipt" and sig.args[0].mark == "补打"
    assert client.outcome.preview.content.mark == "补打"
    assert len(printed.files) == 1

    # 补打 from the hand-out tab
    flow.key(qtbot, client, Qt.Key.Key_F10)
    client.handout.code.clear()
    qtbot.keyClicks(client.handout.code, case_no)
    flow.key(qtbot, client.handout.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: client.handout.case is not None, timeout=WAIT)
    assert client.handout.reprint_button.isEnabled()
    with qtbot.waitSignal(client.reprinted, timeout=WAIT):
        flow.key(qtbot, client, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert client.handout.preview.content.mark == "补打"
    assert len(printed.files) == 2
    events = [e.node for e in cases.get_case(rt, backend.the_desk().actor, case_no).events]
    assert events.count("补打") == 2

    from sqlalchemy import func, select

    from db.models import SealUse

    with rt.unit() as s:
        reprints = s.scalar(
            select(func.count()).select_from(SealUse).where(SealUse.reprint_of_id.is_not(None))
        )
    assert reprints == 2
    client.stop()


def test_completion_waits_for_the_form_in_progress(qtbot, session):
    rt, backend = session
    case_no = _notice(rt, backend)
    client = flow.open_client(qtbot, backend, devices=False)
    flow.choose_item(qtbot, client, "lnrydz", "老年人优待证办理")
    client.code_scanned(case_no)
    qtbot.waitUntil(lambda: "Ctrl+L" in client.notice.label.text(), timeout=WAIT)
    assert [i.completes for i in client.checklist.items] == [""]
    flow.key(qtbot, client, Qt.Key.Key_L, CTRL)
    client.code_scanned(case_no)
    qtbot.waitUntil(lambda: client.checklist.current is not None, timeout=WAIT)
    assert client.checklist.current.completes == case_no
    client.stop()


def test_pause_then_sign_out_parks_the_visitor_and_keeps_the_draft(qtbot, session, monkeypatch):
    rt, backend = session
    client = flow.open_client(qtbot, backend, devices=False)
    issue_demo_ticket(backend.rt, "A")
    client.refresh_queue()
    flow.idle(qtbot, client)

    # F7 pauses: the window is not called
    flow.key(qtbot, client, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: client.window_state == "paused", timeout=WAIT)
    assert queue_state.window_status(rt, backend.the_desk().actor, 1).state == "paused"
    assert not client.queue_bar.buttons["call_next"].isEnabled()
    assert "恢复叫号" in client.queue_bar.buttons["pause"].text()
    flow.key(qtbot, client, Qt.Key.Key_F1)
    flow.idle(qtbot, client)
    assert client.ticket is None
    # F7 again opens it; F1 calls
    flow.key(qtbot, client, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: client.window_state == "open", timeout=WAIT)
    flow.key(qtbot, client, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: client.ticket is not None, timeout=WAIT)
    number = client.ticket.number
    flow.choose_item(qtbot, client, "lnrydz", "老年人优待证办理")
    client.applicant.name.setText("李四")  # typed through the input method

    # signing out asks what to do with the visitor: cancelling keeps everything
    asked: list[str] = []
    answers = iter([None, "park"])

    def ask(_parent, num):
        asked.append(num)
        return next(answers)

    monkeypatch.setattr("ui.window_client.ask_before_leaving", ask)
    flow.idle(qtbot, client)
    flow.key(qtbot, client, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: asked == [number], timeout=WAIT)
    assert backend.signed_in and client.isVisible()

    # closing the client: park, close the window, sign out, close
    with qtbot.waitSignal(client.left, timeout=WAIT):
        client.close()
    assert asked == [number, number]
    assert not backend.signed_in and not client.isVisible()
    from counter.services.base import Actor

    system = Actor.system(rt.hall_id("QS"), device="test")
    assert queue_state.window_status(rt, system, 1).state == "closed"
    assert queue_state.get_ticket(rt, system, number).state == "parked"
    draft = json.loads(client.draft_file().read_text(encoding="utf-8"))
    parked = next(iter(draft["parked"].values()))
    assert parked["applicant"]["name"] == "李四"
    assert parked["items"][0]["name"] == "老年人优待证办理"


def test_parked_tickets_popup_resumes_by_keyboard(qtbot, session):
    rt, backend = session
    client = flow.open_client(qtbot, backend, devices=False)
    for _ in range(2):
        issue_demo_ticket(backend.rt, "A")
    client.refresh_queue()
    flow.idle(qtbot, client)
    numbers = []
    for _ in range(2):  # call and park two visitors (F1, F4)
        flow.key(qtbot, client, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: client.ticket is not None, timeout=WAIT)
        numbers.append(client.ticket.number)
        flow.key(qtbot, client, Qt.Key.Key_F4)
        qtbot.waitUntil(lambda: client.ticket is None, timeout=WAIT)
    client.refresh_queue()
    qtbot.waitUntil(lambda: len(client.queue_bar.parked) == 2, timeout=WAIT)
    assert client.queue_bar.parked_button.isVisible()
    assert "2" in client.queue_bar.parked_button.text()
    assert [p.number for p in client.queue_bar.parked] == numbers

    # Shift+F4 opens the list; Down, Enter resumes the second one
    flow.key(qtbot, client, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    popup = client.queue_bar.popup
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.list.count() == 2 and numbers[1] in popup.list.item(1).text()
    flow.key(qtbot, popup.list, Qt.Key.Key_Down)
    flow.key(qtbot, popup.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: client.ticket is not None, timeout=WAIT)
    assert client.ticket.number == numbers[1]
    assert not popup.isVisible()
    qtbot.waitUntil(lambda: len(client.queue_bar.parked) == 1, timeout=WAIT)
    assert client.queue_bar.parked[0].number == numbers[0]
    client.stop()


class FakeSubscription:
    """Stands in for counter.events.Subscription: the test drives its connection flags."""

    def __init__(self) -> None:
        self.connected = True
        self.reconnects = 0
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_live_connection_lost_shows_banner_and_refreshes_on_reconnect(qtbot, session, monkeypatch):
    rt, backend = session
    fake = FakeSubscription()
    monkeypatch.setattr("counter.events.subscribe", lambda *_a, **_k: fake)
    from ui.window_client import WindowClient

    client = WindowClient(backend, devices=False, live=True, citizen=False)
    qtbot.addWidget(client)
    client.start_session()
    flow.idle(qtbot, client)
    qtbot.waitUntil(lambda: client.queue.state is not None, timeout=WAIT)
    assert client.offline_banner.isHidden()
    assert "：0人" in client.queue_bar.counts.text() or "暂无" in client.queue_bar.counts.text()

    with qtbot.waitSignal(client.live.lost, timeout=WAIT):
        fake.connected = False
        fake.reconnects = 1
    assert "实时刷新连接中断" in client.offline_banner.label.text()
    assert not client.offline_banner.isHidden()

    issue_demo_ticket(backend.rt, "A")  # meanwhile, at the kiosk
    with qtbot.waitSignal(client.live.restored, timeout=WAIT):
        fake.connected = True
    assert client.offline_banner.isHidden()
    qtbot.waitUntil(lambda: "：1人" in client.queue_bar.counts.text(), timeout=WAIT)
    client.stop()
    assert fake.closed
