"""The window flow at any hour, and across midnight (SQLite and PostgreSQL, offscreen).

The demo hall issues tickets 08:30–17:00 only; these tests open its queues around the clock
(:func:`relax_hall`: no opening hours, no daily cap), as a hall with an evening or night service
would, and move the test's running clock (``work_clock``, tests/conftest.py) to the hour tested.

* At 03:00 and at 23:59: sign in, call next, accept a case, finish, call the next visitor.
* Across midnight: tickets issued at 23:50; the clock passes 00:00; numbers restart at 001 for
  the new day; the visitor called before midnight is still served and finished; yesterday's
  waiting ticket is never called, is not counted as waiting, and is voided when a window opens
  today (``expire_stale``).
* A window opening after midnight leaves alone the visitor another window is still serving.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt

from counter import clock
from counter import window as door
from counter.config import StationConfig
from counter.domain.queue import QueueClosed
from counter.services.base import Runtime
from db.models import Ticket, TicketEvent
from tests.integration.test_queue_support import relax_hall
from tests.ui.test_window_flow import WAIT, choose_item, idle, key, open_client, sign_in
from ui.backend import Backend
from ui.screenshots import demo_card, issue_demo_ticket

pytestmark = pytest.mark.slow

CTRL = Qt.KeyboardModifier.ControlModifier
DAY = dt.date(2026, 3, 10)  # a Tuesday, a working day
NEXT_DAY = DAY + dt.timedelta(days=1)


def hall_time(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.HALL_TZ)


def tickets(url: str) -> dict[tuple[dt.date, str], Ticket]:
    """Every ticket of the database by (day, number), detached."""
    rt = Runtime(url)
    try:
        with rt.unit() as s:
            rows = s.scalars(select(Ticket)).all()
            s.expunge_all()
            return {(t.day, t.number): t for t in rows}
    finally:
        rt.dispose()


def ticket_events(url: str, ticket_id: int) -> list[str]:
    rt = Runtime(url)
    try:
        with rt.unit() as s:
            return list(
                s.scalars(
                    select(TicketEvent.type)
                    .where(TicketEvent.ticket_id == ticket_id)
                    .order_by(TicketEvent.id)
                )
            )
    finally:
        rt.dispose()


def counts_text(client) -> str:  # noqa: ANN001
    return client.queue_bar.estimate.text()


def call_next(qtbot, client) -> str:  # noqa: ANN001
    previous = client.ticket.id if client.ticket is not None else None
    key(qtbot, client, Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: client.ticket is not None and client.ticket.id != previous, timeout=WAIT
    )
    idle(qtbot, client)
    return str(client.ticket.number)


def finish(qtbot, client) -> None:  # noqa: ANN001
    key(qtbot, client, Qt.Key.Key_F6)
    if client.finish_warning():  # nothing handled or nothing printed: F6 again confirms
        key(qtbot, client, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: client.ticket is None, timeout=WAIT)
    idle(qtbot, client)


@pytest.mark.parametrize("hhmm", ["03:00", "23:59"])
def test_window_flow_at_night(qtbot, hall_url, work_clock, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    work_clock.set(hall_time(DAY, hour, minute))
    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1))
    try:
        sign_in(qtbot, backend)
        with pytest.raises(QueueClosed):  # the demo hall's own hours refuse at this hour
            issue_demo_ticket(backend.rt, "A")
        relax_hall(hall_url, open_windows=False)  # queues open around the clock (see above)
        client = open_client(qtbot, backend, devices=False)
        assert [issue_demo_ticket(backend.rt, "A").number for _ in range(2)] == ["A001", "A002"]
        client.refresh_queue()
        qtbot.waitUntil(lambda: "本窗口可叫 2 人" in counts_text(client), timeout=WAIT)

        assert call_next(qtbot, client) == "A001"
        card = demo_card()
        client.card_read(card)
        qtbot.waitUntil(lambda: client.applicant.name.text() == card.name, timeout=WAIT)
        client.applicant.phone.setText("13812345678")
        choose_item(qtbot, client, "zjd", "农村村民宅基地审批")
        key(qtbot, client, Qt.Key.Key_F8)  # every material received
        key(qtbot, client, Qt.Key.Key_Return, CTRL)  # accept
        qtbot.waitUntil(lambda: client.checklist.items[0].outcome == "accepted", timeout=WAIT)
        receipt = client.outcome.preview.content
        assert receipt.kind == "receipt"
        assert f"2026年3月10日 {hhmm}" in receipt.text()  # the hall's time, not the PC's

        finish(qtbot, client)
        assert client.citizen.page == "evaluation"
        assert call_next(qtbot, client) == "A002"
        finish(qtbot, client)
        qtbot.waitUntil(lambda: "本窗口可叫 0 人" in counts_text(client), timeout=WAIT)
        client.stop()
    finally:
        backend.close()
        rt.dispose()

    # the whole flow stayed on the day and at the hour it was tested at
    assert clock.today() == DAY
    rows = tickets(hall_url)
    assert sorted(rows) == [(DAY, "A001"), (DAY, "A002")]
    for t in rows.values():
        assert t.state == "done"
        assert clock.to_local(t.issued_at).strftime("%H:%M") == hhmm
        assert t.issued_at <= t.called_at <= t.finished_at


def test_across_midnight(qtbot, hall_url, work_clock):
    work_clock.set(hall_time(DAY, 23, 50))
    relax_hall(hall_url, open_windows=False)  # queues open around the clock (see above)
    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1))
    other = Backend(rt, StationConfig(window=2))
    try:
        sign_in(qtbot, backend)
        client = open_client(qtbot, backend, devices=False)
        before = [issue_demo_ticket(backend.rt, "A").number for _ in range(3)]
        assert before == ["A001", "A002", "A003"]
        assert call_next(qtbot, client) == "A001"
        finish(qtbot, client)
        assert call_next(qtbot, client) == "A002"  # at the window when midnight comes
        client.refresh_queue()
        qtbot.waitUntil(lambda: "本窗口可叫 1 人" in counts_text(client), timeout=WAIT)

        # 00:05 of the next day
        work_clock.set(hall_time(NEXT_DAY, 0, 5))
        client.refresh_queue()
        idle(qtbot, client)
        # yesterday's A003 is not waiting today; the visitor at the window still is served
        qtbot.waitUntil(lambda: "本窗口可叫 0 人" in counts_text(client), timeout=WAIT)
        assert client.ticket is not None and client.ticket.number == "A002"
        new = issue_demo_ticket(backend.rt, "A")
        assert new.number == "A001"  # numbers restart for the new day
        client.refresh_queue()
        qtbot.waitUntil(lambda: "本窗口可叫 1 人" in counts_text(client), timeout=WAIT)

        finish(qtbot, client)  # yesterday's visitor is finished normally
        assert call_next(qtbot, client) == "A001"  # today's, not yesterday's A003
        assert client.ticket.id == new.id

        # another clerk opens window 2 today: yesterday's waiting ticket is voided
        sign_in(qtbot, other, staff_no="1002")
        door.open_window(rt, other.the_desk())
        client.refresh_queue()
        idle(qtbot, client)
        assert client.ticket is not None and client.ticket.id == new.id  # untouched
        assert "本窗口可叫 0 人" in counts_text(client)
        finish(qtbot, client)
        key(qtbot, client, Qt.Key.Key_F1)  # nobody left: yesterday's A003 is never called
        qtbot.waitUntil(lambda: "当前没有等候的群众" in client.notice.label.text(), timeout=WAIT)
        assert client.ticket is None
        client.stop()
    finally:
        other.close()
        backend.close()
        rt.dispose()

    rows = tickets(hall_url)
    assert sorted(rows) == [(DAY, "A001"), (DAY, "A002"), (DAY, "A003"), (NEXT_DAY, "A001")]
    assert rows[(DAY, "A001")].state == "done"
    assert rows[(DAY, "A002")].state == "done"
    assert rows[(NEXT_DAY, "A001")].state == "done"
    stale = rows[(DAY, "A003")]
    assert stale.state == "void" and stale.called_at is None
    assert ticket_events(hall_url, stale.id) == ["issued", "expired"]
    # yesterday's visitor was finished after midnight; its times stay in order
    a002 = rows[(DAY, "A002")]
    assert clock.to_local(a002.called_at).date() == DAY
    assert clock.to_local(a002.finished_at).date() == NEXT_DAY


def test_a_visitor_served_across_midnight_stays_when_another_window_opens(
    qtbot, hall_url, work_clock
):
    work_clock.set(hall_time(DAY, 23, 55))
    relax_hall(hall_url, open_windows=False)  # queues open around the clock (see above)
    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1))
    other = Backend(rt, StationConfig(window=2))
    try:
        sign_in(qtbot, backend)
        client = open_client(qtbot, backend, devices=False)
        issue_demo_ticket(backend.rt, "A")
        assert call_next(qtbot, client) == "A001"
        work_clock.set(hall_time(NEXT_DAY, 0, 5))
        sign_in(qtbot, other, staff_no="1002")
        door.open_window(rt, other.the_desk())  # a new day at window 2
        client.refresh_queue()
        idle(qtbot, client)
        # the visitor at window 1 is still there, and the clerk finishes the service
        assert client.ticket is not None and client.ticket.number == "A001"
        finish(qtbot, client)
        assert tickets(hall_url)[(DAY, "A001")].state == "done"
        client.stop()
    finally:
        other.close()
        backend.close()
        rt.dispose()
