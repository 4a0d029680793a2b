"""The kiosk's and the displays' doors on SQLite and PostgreSQL: tickets with a swiped card keep
only the masked name and a hash; refusals (cap, hours, not a working day) are typed; a ticket
whose printing failed is shown or voided by the hall's rule and never counted as printed; the
display's board kept from events equals a fresh reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from counter import clock, display, kiosk
from counter.changes import Change
from counter.domain.queue import DailyCapReached, QueueClosed
from counter.errors import AuthenticationFailed, PermissionDenied
from counter.kiosk import CardHolder, NotWorkingDay
from counter.services import appointments, calling, queue_state
from counter.services.base import Actor, Runtime
from db.models import ChangeLog, Hall, Queue, Ticket, TicketEvent

# A Wednesday, 10:30 in the hall (a working day in the national calendar).
WORKING = dt.datetime(2025, 3, 12, 2, 30, tzinfo=dt.UTC)
HOLIDAY = dt.datetime(2025, 10, 1, 2, 30, tzinfo=dt.UTC)  # 国庆节
NAME, ID_NUMBER = "欧阳娜娜", "11010519491231002X"


@pytest.fixture
def rt(hall_url: str) -> Iterator[Runtime]:
    clock.set_clock(lambda: WORKING)
    runtime = Runtime(hall_url)
    try:
        yield runtime
    finally:
        runtime.dispose()
        clock.set_clock(None)


def _set(rt: Runtime, **settings: object) -> None:
    with rt.unit() as s:
        hall = s.scalars(select(Hall).where(Hall.code == "QS")).one()
        hall.settings = {**(hall.settings or {}), **settings}


def test_a_swiped_ticket_keeps_only_the_masked_name(rt: Runtime) -> None:
    k = kiosk.open_kiosk(rt, "QS")
    holder = CardHolder(NAME, ID_NUMBER)
    assert NAME not in repr(holder) and ID_NUMBER not in repr(holder)
    t = kiosk.take_ticket(rt, k, "A", holder=holder, priority="elderly")
    assert t.name_masked == "欧***" and t.slip.name_masked == "欧***"
    assert t.source == "idcard" and t.slip.priority == "绿色通道·老年人"
    assert t.slip.qr.endswith("no=A001") and t.count is not None and t.count.waiting == 1
    for text in (repr(t), repr(t.slip), *(c.to_json() for c in t.changes)):
        assert NAME not in text and ID_NUMBER not in text
    with rt.unit() as s:
        row = s.get(Ticket, t.ticket_id)
        assert row is not None and row.applicant_name_masked == "欧***"
        assert row.applicant_id_hash and ID_NUMBER not in row.applicant_id_hash
        payloads = [str(p) for p in s.scalars(select(ChangeLog.payload))]
    assert not any(NAME in p or ID_NUMBER in p for p in payloads)


def test_refusals_are_said_plainly(rt: Runtime) -> None:
    k = kiosk.open_kiosk(rt, "QS")
    with rt.unit() as s:
        s.execute(update(Queue).where(Queue.prefix == "B").values(daily_cap=1))
    kiosk.take_ticket(rt, k, "B")
    with pytest.raises(DailyCapReached):
        kiosk.take_ticket(rt, k, "B")
    home = kiosk.home(rt, k)
    b = home.queue("B")
    assert b is not None and b.status == "full" and not b.available
    clock.set_clock(lambda: dt.datetime(2025, 3, 12, 10, 0, tzinfo=dt.UTC))  # 18:00
    with pytest.raises(QueueClosed):
        kiosk.take_ticket(rt, k, "A")
    assert all(q.status == "closed" for q in kiosk.home(rt, k).queues)
    clock.set_clock(lambda: dt.datetime(2025, 3, 11, 23, 50, tzinfo=dt.UTC))  # 07:50
    assert kiosk.home(rt, k).queue("A").status == "not_yet"  # type: ignore[union-attr]
    clock.set_clock(lambda: HOLIDAY)
    with pytest.raises(NotWorkingDay) as info:
        kiosk.take_ticket(rt, k, "A")
    assert "国庆" in info.value.message_zh
    home = kiosk.home(rt, k)
    assert not home.working_day and isinstance(home.closed_reason, NotWorkingDay)


def test_a_green_channel_the_hall_does_not_offer_is_refused(rt: Runtime) -> None:
    _set(rt, kiosk_green_channel=False)
    k = kiosk.open_kiosk(rt, "QS")
    with pytest.raises(Exception, match="绿色通道"):
        kiosk.take_ticket(rt, k, "A", priority="elderly")
    assert kiosk.home(rt, k).green_reasons == ()


@pytest.mark.parametrize("policy", ["show", "void"])
def test_a_ticket_that_did_not_print_is_not_counted_as_printed(rt: Runtime, policy: str) -> None:
    _set(rt, kiosk_print_failure=policy)
    k = kiosk.open_kiosk(rt, "QS")
    ok = kiosk.take_ticket(rt, k, "A")
    assert kiosk.printed(rt, k, ok.ticket_id).how == "printed"
    bad = kiosk.take_ticket(rt, k, "A")
    out = kiosk.print_failed(rt, k, bad.ticket_id, "printer_no_paper")
    summary = kiosk.hand_out_summary(rt, k)
    assert summary.issued == 2 and summary.printed == 1 and summary.unconfirmed == 0
    with rt.unit() as s:
        events = [
            (e.type, e.data)
            for e in s.scalars(select(TicketEvent).where(TicketEvent.ticket_id == bad.ticket_id))
        ]
        state = s.get(Ticket, bad.ticket_id).state  # type: ignore[union-attr]
    assert ("print_failed", {"error": "printer_no_paper"}) in events
    status = queue_state.hall_status(rt, k.actor)
    waiting = next(q.waiting for q in status.queues if q.prefix == "A")
    if policy == "show":
        assert out.how == "shown" and summary.shown == 1 and state == "waiting"
        assert waiting == 2
    else:
        assert out.how == "voided" and summary.voided == 1 and state == "void"
        assert waiting == 1 and out.changes  # every screen hears the line shrink


def test_appointment_check_in_at_the_kiosk(rt: Runtime) -> None:
    k = kiosk.open_kiosk(rt, "QS")
    appt = appointments.book_appointment(
        rt, Actor.system(k.hall_id), "A", WORKING, applicant_name=NAME, id_number=ID_NUMBER
    )
    t = kiosk.check_in(rt, k, appt.code.removeprefix("YY").lower())
    assert t.source == "appointment" and t.name_masked == "欧***"
    assert t.slip.priority.startswith("预约")
    with pytest.raises(Exception, match="已签到"):
        kiosk.check_in(rt, k, appt.code)


def test_item_search_sends_the_citizen_to_the_routed_queue(rt: Runtime) -> None:
    k = kiosk.open_kiosk(rt, "QS")
    items = kiosk.search(rt, k, "zjd")
    assert any(i.name == "农村村民宅基地审批" and i.queue == "A" for i in items)
    social = [i for i in kiosk.search(rt, k, "养老保险") if i.department == "社会保障服务中心"]
    assert social and all(i.queue == "B" for i in social)


def test_only_a_manager_unlocks_the_kiosk(rt: Runtime) -> None:
    k = kiosk.open_kiosk(rt, "QS")
    assert kiosk.unlock(rt, k, "4001", "demo1234") == "何主任"
    with pytest.raises(PermissionDenied):
        kiosk.unlock(rt, k, "1001", "demo1234")  # a clerk
    with pytest.raises(AuthenticationFailed):
        kiosk.unlock(rt, k, "4001", "wrong")


def test_the_board_kept_from_events_equals_a_fresh_reading(rt: Runtime) -> None:
    k = kiosk.open_kiosk(rt, "QS")
    screen = display.open_screen(rt, "QS")
    state = display.read_board(rt, screen)
    with rt.unit() as s:
        last = s.scalar(select(ChangeLog.id).order_by(ChangeLog.id.desc()).limit(1)) or 0
    clerk = Actor.system(k.hall_id)
    for number in (1, 2, 3):
        calling.open_window(rt, clerk, number)
    for prefix in "AABADA":
        kiosk.take_ticket(rt, k, prefix)
    calling.call_next(rt, clerk, 1)
    calling.call_next(rt, clerk, 2)
    calling.recall(rt, clerk, 2)
    calling.start_service(rt, clerk, 1)
    calling.call_next(rt, clerk, 3)
    calling.no_show(rt, clerk, 3)
    calling.pause_window(rt, clerk, 3)
    with rt.unit() as s:
        rows = s.execute(
            select(ChangeLog.id, ChangeLog.at, ChangeLog.hall_id, ChangeLog.type, ChangeLog.payload)
            .where(ChangeLog.id > last)
            .order_by(ChangeLog.id)
        ).all()
    news = []
    for row in reversed(rows):  # in the worst order
        state, call = display.apply_change(state, Change.from_row(row))
        if call is not None:
            news.append(call.number)
    fresh = display.read_board(rt, screen)
    for q in fresh.board.queues:
        assert state.board.waiting(q.prefix) == fresh.board.waiting(q.prefix), q.prefix
    for number, line in fresh.board.lines.items():
        mine = state.board.lines[number]
        assert (mine.state, mine.ticket, mine.ticket_state) == (line.state, line.ticket,
                                                                  line.ticket_state)  # fmt: skip
    assert {c.number for c in fresh.board.calls} == {c.number for c in state.board.calls}
    panel = display.read_window(rt, screen, 1)
    assert panel.line.ticket_state == "serving" and panel.queues[0] == "综合受理"
