"""The queue engine's rules, one user action at a time, on SQLite and PostgreSQL."""

# ruff: noqa: F811  (the fake_clock fixture is imported, then named as a parameter)

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, text, update

from counter.domain import queue as rules
from counter.domain.masking import id_hash
from counter.errors import CounterError, PermissionDenied
from counter.services import appointments, calling, queue_state, tickets
from counter.services.base import Actor
from db.models import ChangeLog, Hall, Queue, Ticket, TicketEvent
from tests.integration.test_queue_support import (
    BASE_TIME,
    FakeClock,
    check_invariants,
    demo_actor,
    fake_clock,  # noqa: F401  (fixture)
    relax_hall,
    runtime,
)

ID_NUMBER = "11010519491231002X"


def _order(rt, actor, window: int, n: int) -> list[str]:
    """Call ``n`` tickets at ``window`` (finishing each) and return their numbers."""
    got = []
    for _ in range(n):
        r = calling.call_next(rt, actor, window, finish_current=True)
        if r is None:
            break
        got.append(r.ticket.number)
    return got


def test_numbers_restart_each_day_and_history_is_kept(hall_url: str, fake_clock: FakeClock):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        first = [tickets.issue_ticket(rt, a, "A").ticket for _ in range(2)]
        b = tickets.issue_ticket(rt, a, "b").ticket
        assert [t.number for t in first] == ["A001", "A002"] and b.number == "B001"
        assert first[0].day == dt.date(2025, 3, 10) and first[0].state == "waiting"
        fake_clock.advance(days=1)
        again = tickets.issue_ticket(rt, a, "A")
        assert again.ticket.number == "A001" and again.ticket.day == dt.date(2025, 3, 11)
        with rt.unit() as s:
            assert s.execute(text("SELECT count(*) FROM ticket")).scalar() == 4
        # yesterday's line is not called today, and opening a window voids it
        calling.open_window(rt, a, 1)
        assert _order(rt, a, 1, 5) == ["A001"]
        stats = check_invariants(hall_url, hall_id)
        assert stats["states"]["void"] == 3


def test_daily_cap_and_opening_hours_refuse_with_a_clear_message(
    hall_url: str, fake_clock: FakeClock
):
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        with rt.unit() as s:
            s.execute(update(Queue).where(Queue.prefix == "D").values(daily_cap=2))
        tickets.issue_ticket(rt, a, "D")
        tickets.issue_ticket(rt, a, "D")
        with pytest.raises(rules.DailyCapReached) as exc:
            tickets.issue_ticket(rt, a, "D")
        assert "今日号票已取完" in str(exc.value) and "2" in str(exc.value)
        fake_clock.set(dt.datetime(2025, 3, 10, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
        with pytest.raises(rules.QueueClosed) as closed:
            tickets.issue_ticket(rt, a, "A")
        assert "取号时间" in str(closed.value) and "08:30" in str(closed.value)
        fake_clock.set(dt.datetime(2025, 3, 10, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
        with pytest.raises(rules.QueueClosed):
            tickets.issue_ticket(rt, a, "A")  # 17:00 is closing time for A
        assert tickets.issue_ticket(rt, a, "C").ticket.number == "C001"  # C closes at 17:30
        with pytest.raises(CounterError):
            tickets.issue_ticket(rt, a, "Z")
        with pytest.raises(CounterError):
            tickets.issue_ticket(rt, a, "A", priority="vip")
    check_invariants(hall_url, a.hall_id)


def test_id_card_ticket_keeps_only_a_masked_name_and_a_keyed_hash(
    hall_url: str, fake_clock: FakeClock
):
    relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        r = tickets.issue_ticket(
            rt,
            a,
            "A",
            source="idcard",
            applicant_name="张三丰",
            id_number=ID_NUMBER,
            priority="elderly",
        )
        assert r.ticket.name_masked == "张**" and r.ticket.green_channel
        calling.call_next(rt, a, 1)
        with rt.unit() as s:
            secret = s.scalars(select(Hall.secret).where(Hall.id == a.hall_id)).one()
            row = s.get(Ticket, r.ticket.id)
            assert row.applicant_id_hash == id_hash(ID_NUMBER, secret.encode())
            everything = json.dumps(
                [
                    [str(v) for v in r_]
                    for r_ in s.execute(text("SELECT * FROM ticket")).all()
                    + s.execute(text("SELECT * FROM ticket_event")).all()
                    + s.execute(select(ChangeLog.type, ChangeLog.payload)).all()
                ],
                ensure_ascii=False,
            )
        assert ID_NUMBER not in everything and "张三丰" not in everything
        assert row.applicant_id_hash not in everything.replace(row.applicant_id_hash, "", 1)
        with pytest.raises(CounterError):
            tickets.issue_ticket(rt, a, "A", source="idcard")  # no card data


def test_call_order_green_channel_then_first_come_with_weight_head_start(
    hall_url: str, fake_clock: FakeClock
):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        tickets.issue_ticket(rt, a, "D")  # D001, oldest
        fake_clock.advance(minutes=1)
        tickets.issue_ticket(rt, a, "A")  # A001: weight 3 at window 1 = 10 minutes head start
        fake_clock.advance(minutes=1)
        tickets.issue_ticket(rt, a, "A", priority="pregnant")  # A002: green channel
        fake_clock.advance(minutes=1)
        tickets.issue_ticket(rt, a, "D", priority="veteran")  # D002: green channel, weight 1
        assert _order(rt, a, 1, 4) == ["A002", "D002", "A001", "D001"]
        tickets.issue_ticket(rt, a, "D")  # D003
        fake_clock.advance(minutes=11)  # ... has waited longer than the head start
        tickets.issue_ticket(rt, a, "A")  # A003
        assert _order(rt, a, 1, 3) == ["D003", "A003"]
        # window 11 serves B with weight 3, A with weight 1: B first
        tickets.issue_ticket(rt, a, "A")
        fake_clock.advance(minutes=1)
        tickets.issue_ticket(rt, a, "B")
        assert _order(rt, a, 11, 3) == ["B001", "A004"]
        # a window never calls a queue it does not serve
        tickets.issue_ticket(rt, a, "C")
        assert _order(rt, a, 1, 1) == [] and _order(rt, a, 13, 1) == ["C001"]
    check_invariants(hall_url, hall_id)


def test_appointment_is_called_first_once_its_slot_begins(hall_url: str, fake_clock: FakeClock):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        slot = BASE_TIME + dt.timedelta(minutes=30)
        appt = appointments.book_appointment(
            rt, a, "A", slot, applicant_name="李四", id_number=ID_NUMBER, phone="13812345678"
        )
        assert appt.name_masked == "李*"
        too_early = appointments.book_appointment(rt, a, "A", BASE_TIME + dt.timedelta(hours=3))
        with pytest.raises(rules.AppointmentError):
            appointments.check_in_appointment(rt, a, too_early.code)
        tickets.issue_ticket(rt, a, "A")  # A001, walk-in before the appointment's check-in
        checked = appointments.check_in_appointment(rt, a, appt.code.lower())
        assert checked.ticket.source == "appointment" and checked.ticket.appointment_at == slot
        with pytest.raises(rules.AppointmentError):
            appointments.check_in_appointment(rt, a, appt.code)  # used
        tickets.issue_ticket(rt, a, "A", priority="elderly")  # A003 green
        assert _order(rt, a, 1, 1) == ["A003"]  # slot not begun: green first
        fake_clock.set(slot + dt.timedelta(seconds=1))
        tickets.issue_ticket(rt, a, "A", priority="disabled")  # A004 green, but the slot has begun
        assert _order(rt, a, 1, 3) == ["A002", "A004", "A001"]
    check_invariants(hall_url, hall_id)


def test_window_must_be_open_and_free(hall_url: str, fake_clock: FakeClock):
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        relax_hall(hall_url, open_windows=False)
        tickets.issue_ticket(rt, a, "A")
        tickets.issue_ticket(rt, a, "A")
        with pytest.raises(rules.WindowNotOpen) as closed:
            calling.call_next(rt, a, 3)
        assert "3号窗口未开启" in str(closed.value)
        opened = calling.open_window(rt, a, 3)
        assert opened.window.state == "open" and opened.changes[0].type == "window.state"
        first = calling.call_next(rt, a, 3)
        assert first is not None and first.window == 3
        with pytest.raises(rules.WindowBusy) as busy:
            calling.call_next(rt, a, 3)
        assert "A001" in str(busy.value)
        with pytest.raises(rules.WindowBusy):
            calling.close_window(rt, a, 3)
        second = calling.call_next(rt, a, 3, finish_current=True)
        assert second.ticket.number == "A002"
        assert [c.type for c in second.changes] == ["ticket.finished", "ticket.called"]
        calling.pause_window(rt, a, 3)
        calling.finish_service(rt, a, 3)
        with pytest.raises(rules.WindowNotOpen):
            calling.call_next(rt, a, 3)
        calling.close_window(rt, a, 3)
        with pytest.raises(rules.NoCurrentTicket):
            calling.finish_service(rt, a, 3)
        with pytest.raises(CounterError):
            calling.call_next(rt, a, 99)
        assert queue_state.window_status(rt, a, 3).state == "closed"
    check_invariants(hall_url, a.hall_id)


def test_recall_limit_and_start_finish(hall_url: str, fake_clock: FakeClock):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        tickets.issue_ticket(rt, a, "A")
        calling.call_next(rt, a, 2)
        for n in (1, 2, 3):  # the demo hall allows 3
            r = calling.recall(rt, a, 2)
            assert r.ticket.recall_count == n and r.changes[0].payload["recall_count"] == n
        with pytest.raises(rules.RecallLimitReached) as exc:
            calling.recall(rt, a, 2)
        assert "重呼3次" in str(exc.value)
        started = calling.start_service(rt, a, 2)
        assert started.ticket.state == "serving"
        with pytest.raises(rules.TicketStateError):
            calling.recall(rt, a, 2)
        with pytest.raises(rules.TicketStateError):
            calling.no_show(rt, a, 2)
        done = calling.finish_service(rt, a, 2)
        t = done.ticket
        assert t.state == "done" and t.issued_at < t.first_called_at <= t.called_at
        assert t.called_at < t.started_at < t.finished_at
    check_invariants(hall_url, hall_id)


def test_no_show_requeues_after_k_then_voids(hall_url: str, fake_clock: FakeClock):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        for _ in range(6):
            tickets.issue_ticket(rt, a, "A")
        assert calling.call_next(rt, a, 1).ticket.number == "A001"
        r = calling.no_show(rt, a, 1)
        assert r.ticket.state == "waiting" and r.changes[0].payload["requeued"] is True
        line = [t.number for t in queue_state.waiting_tickets(rt, a, "A")]
        assert line == ["A002", "A003", "A004", "A001", "A005", "A006"]  # after K = 3
        assert _order(rt, a, 1, 4) == ["A002", "A003", "A004", "A001"]
        # A001 is current again: a second no-show voids it (requeue_limit 1)
        second = calling.no_show(rt, a, 1)
        assert second.ticket.state == "no_show" and second.ticket.no_show_count == 2
        with rt.unit() as s:
            hall = s.get(Hall, hall_id)
            hall.settings = {**hall.settings, "no_show_policy": "void"}
        calling.call_next(rt, a, 1)
        assert calling.no_show(rt, a, 1).ticket.state == "no_show"
        assert [t.number for t in queue_state.waiting_tickets(rt, a)] == ["A006"]
    stats = check_invariants(hall_url, hall_id)
    assert stats["states"]["no_show"] == 2


def test_requeue_to_the_back_when_fewer_than_k_wait(hall_url: str, fake_clock: FakeClock):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        for _ in range(2):
            tickets.issue_ticket(rt, a, "A")
        calling.call_next(rt, a, 1)
        calling.no_show(rt, a, 1)
        assert [t.number for t in queue_state.waiting_tickets(rt, a)] == ["A002", "A001"]
    check_invariants(hall_url, hall_id)


def test_park_and_resume(hall_url: str, fake_clock: FakeClock):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        for _ in range(3):
            tickets.issue_ticket(rt, a, "A")
        calling.call_next(rt, a, 1)
        calling.start_service(rt, a, 1)
        parked = calling.park(rt, a, 1)
        assert parked.ticket.state == "parked" and parked.ticket.window == 1
        assert calling.call_next(rt, a, 1).ticket.number == "A002"  # the window is free again
        with pytest.raises(rules.WindowBusy):
            calling.resume(rt, a, 1, "A001")
        with pytest.raises(rules.TicketStateError):
            calling.resume(rt, a, 2, "A003")  # not parked
        calling.finish_service(rt, a, 1)
        back = calling.resume(rt, a, 1, "a1")
        assert back.ticket.number == "A001" and back.ticket.state == "serving"
        calling.park(rt, a, 1)
        calling.call_next(rt, a, 2)  # A003 at window 2, finished, then A001 resumes at window 2
        calling.finish_service(rt, a, 2)
        assert calling.resume(rt, a, 2, parked.ticket.id).ticket.window == 2
        assert calling.finish_service(rt, a, 2).ticket.state == "done"
    check_invariants(hall_url, hall_id)


def test_transfer_to_a_queue_or_a_named_window_keeps_number_and_issue_time(
    hall_url: str, fake_clock: FakeClock
):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        first = tickets.issue_ticket(rt, a, "A").ticket
        for _ in range(3):
            tickets.issue_ticket(rt, a, "A")
        calling.call_next(rt, a, 1)
        calling.start_service(rt, a, 1)
        moved = calling.transfer(rt, a, 1, to_window=13)
        t = moved.ticket
        assert (t.number, t.state, t.target_window, t.issued_at) == (
            "A001",
            "waiting",
            13,
            first.issued_at,
        )
        assert moved.changes[0].payload["to_window"] == 13
        assert _order(rt, a, 2, 1) == ["A002"]  # window 2 does not take it
        again = calling.call_next(rt, a, 13, finish_current=True)
        assert again.ticket.number == "A001" and again.ticket.started_at is None
        # to another queue: it keeps its number A001 and waits in C by its issue time
        tickets.issue_ticket(rt, a, "C")
        to_c = calling.transfer(rt, a, 13, to_queue="C")
        assert to_c.ticket.queue == "C" and to_c.ticket.issue_queue == "A"
        status = {q.prefix: q for q in queue_state.hall_status(rt, a).queues}
        assert status["C"].waiting == 2
        assert _order(rt, a, 14, 2) == ["A001", "C001"]
        with pytest.raises(CounterError):
            calling.transfer(rt, a, 14)
        with pytest.raises(CounterError):
            calling.transfer(rt, a, 14, to_window=14)
        with rt.unit() as s:
            types = s.scalars(
                select(TicketEvent.type).where(TicketEvent.ticket_id == first.id)
            ).all()
        assert types.count("transferred") == 2 and types.count("called") == 3
    check_invariants(hall_url, hall_id)


def test_call_a_ticket_out_of_turn_and_void(hall_url: str, fake_clock: FakeClock):
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        for _ in range(3):
            tickets.issue_ticket(rt, a, "A")
        assert calling.call_ticket(rt, a, 4, "A003").ticket.window == 4
        with pytest.raises(rules.TicketStateError):
            calling.call_ticket(rt, a, 5, "A003")
        voided = calling.void_ticket(rt, a, "A003", "applicant left")
        assert voided.ticket.state == "void"
        assert queue_state.window_status(rt, a, 4).current_ticket_id is None
        calling.void_ticket(rt, a, "A001")
        with pytest.raises(rules.TicketStateError):
            calling.void_ticket(rt, a, "A001")
        assert _order(rt, a, 4, 3) == ["A002"]
        # "call next" with nobody waiting still finishes the current visitor
        assert queue_state.get_ticket(rt, a, "A002").state == "done"
    check_invariants(hall_url, hall_id)


def test_estimated_wait_uses_people_ahead_open_windows_and_todays_service_time(
    hall_url: str, fake_clock: FakeClock
):
    hall_id = relax_hall(hall_url)  # all 14 windows open; all of them serve A
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        first = tickets.issue_ticket(rt, a, "A")
        assert (first.people_ahead, first.estimated_wait_minutes) == (0, 0)
        for _ in range(27):
            tickets.issue_ticket(rt, a, "A")
        r = tickets.issue_ticket(rt, a, "A")
        assert r.people_ahead == 28
        assert r.estimated_wait_minutes == 16  # 28 people × 8 min (default) / 14 windows
        for w in (1, 2):
            calling.call_next(rt, a, w)
            fake_clock.advance(minutes=4)
            calling.finish_service(rt, a, w)
        fake_clock.advance(minutes=1)  # the average is refreshed every 30 s
        r = tickets.issue_ticket(rt, a, "A")
        assert r.people_ahead == 27
        assert r.estimated_wait_minutes == 8  # 27 × ~4 min / 14
        green = tickets.issue_ticket(rt, a, "A", priority="elderly")
        assert green.people_ahead == 0
        status = {q.prefix: q for q in queue_state.hall_status(rt, a).queues}
        assert (status["A"].waiting, status["A"].done, status["A"].issued) == (29, 2, 31)
    check_invariants(hall_url, hall_id)


def test_refused_without_role(hall_url: str, fake_clock: FakeClock):
    with runtime(hall_url) as rt:
        nobody = Actor(hall_id=rt.hall_id("QS"), staff_no="x", roles=frozenset())
        with pytest.raises(PermissionDenied):
            tickets.issue_ticket(rt, nobody, "A")
        with pytest.raises(PermissionDenied):
            calling.call_next(rt, nobody, 1)


def test_demo_activity_fills_every_screen(hall_url: str):
    from counter.demo.hall import seed_activity

    with runtime(hall_url) as rt:
        hall_id = rt.hall_id("QS")
        seed_activity(rt, hall_id)
        seed_activity(rt, hall_id)  # idempotent
        st = queue_state.hall_status(rt, demo_actor(rt))
        assert all(q.waiting > 0 for q in st.queues)
        busy = [w for w in st.windows if w.current_number]
        assert len(busy) >= 4 and {w.current_state for w in busy} == {"called", "serving"}
        assert any(w.state == "paused" for w in st.windows)
        with rt.unit() as s:
            sources = set(s.scalars(select(Ticket.source).where(Ticket.hall_id == hall_id)))
            greens = s.scalars(
                select(Ticket.number).where(Ticket.priority > 0, Ticket.state == "waiting")
            ).all()
        assert {"appointment", "idcard", "kiosk"} <= sources and len(greens) == 1
    stats = check_invariants(hall_url, hall_id)
    assert stats["states"]["done"] >= 4


def test_list_parked_per_window_and_hall(hall_url: str, fake_clock: FakeClock):
    relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = demo_actor(rt)
        for _ in range(3):
            tickets.issue_ticket(rt, a, "A")
        assert queue_state.list_parked(rt, a) == []
        calling.call_next(rt, a, 1)
        calling.start_service(rt, a, 1)
        calling.park(rt, a, 1)  # A001, started
        fake_clock.advance(minutes=2)
        calling.call_next(rt, a, 2)
        calling.park(rt, a, 2)  # A002, only called
        win1 = queue_state.window_status(rt, a, 1).id
        mine = queue_state.list_parked(rt, a, window_id=win1)
        assert [(p.number, p.queue, p.window, p.started) for p in mine] == [("A001", "A", 1, True)]
        assert mine[0].parked_at is not None and mine[0].queue_name
        hall = queue_state.list_parked(rt, a)
        assert [p.number for p in hall] == ["A001", "A002"]
        assert hall[0].parked_at <= hall[1].parked_at
        calling.resume(rt, a, 1, mine[0].id)
        assert queue_state.list_parked(rt, a, window_id=win1) == []
        fake_clock.advance(days=1)  # yesterday's parked tickets are not listed
        assert queue_state.list_parked(rt, a) == []
