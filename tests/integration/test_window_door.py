"""The window's door (counter.window), on SQLite and PostgreSQL: every action returns the window
exactly as a fresh read shows it, its changes carry the counts other screens keep, and another
PC's change updates the counts without a read."""

from __future__ import annotations

import threading

import pytest

from counter import window as door
from counter.changes import Change
from counter.demo.hall import DEMO_PASSWORD
from counter.domain.live import merge_counts, merge_windows
from counter.errors import PermissionDenied
from counter.events import subscribe
from counter.services import tickets
from counter.services.base import Actor, Runtime
from counter.services.queue_state import WindowState, hall_status
from tests.integration.test_queue_support import (
    check_invariants,
    fake_clock,  # noqa: F401  (fixture)
    relax_hall,
    runtime,
)


def _same(a: WindowState, b: WindowState) -> None:
    """Two readings of a window agree (estimates come from the same cached averages)."""
    assert a == b, (a, b)


@pytest.fixture
def desk(hall_url: str, fake_clock):  # type: ignore[no-untyped-def]  # noqa: F811
    hall_id = relax_hall(hall_url, open_windows=False)
    with runtime(hall_url) as rt:
        d = door.sign_in(rt, "1003", DEMO_PASSWORD, 3)
        yield rt, d, hall_id


def test_every_action_returns_the_window_as_a_fresh_read(desk) -> None:  # type: ignore[no-untyped-def]
    rt, d, hall_id = desk
    kiosk = Actor.system(hall_id, "kiosk")
    opened = door.open_window(rt, d)
    assert opened.window.state == "open" and opened.window.current is None
    _same(opened.window, door.state(rt, d).window)
    assert [q.prefix for q in opened.window.queues] == ["A", "D"]  # heaviest weight first

    empty = door.next_visitor(rt, d)
    assert empty.ticket is None
    for prefix in "AADA":
        tickets.issue_ticket(rt, kiosk, prefix)

    first = door.next_visitor(rt, d)
    assert first.ticket is not None and first.ticket.number == "A001"
    assert first.window.current == first.ticket
    assert {q.prefix: q.waiting for q in first.window.queues} == {"A": 2, "D": 1}
    _same(first.window, door.state(rt, d).window)
    assert [c.type for c in first.changes] == ["ticket.called"]
    assert all(c.id is not None for c in first.changes)

    again = door.recall(rt, d)
    assert again.ticket is not None and again.ticket.recall_count == 1
    _same(again.window, door.state(rt, d).window)

    parked = door.park(rt, d)
    assert parked.window.current is None
    assert [p.number for p in parked.window.parked] == ["A001"]
    _same(parked.window, door.state(rt, d).window)

    second = door.next_visitor(rt, d)  # nobody at the window: nothing to finish
    assert second.finished is None and second.ticket is not None
    assert second.ticket.number == "A002"
    third = door.next_visitor(rt, d)  # finishes A002, calls the next
    assert third.finished is not None and third.finished.number == "A002"
    assert third.ticket is not None
    assert [c.type for c in third.changes] == ["ticket.finished", "ticket.called"]
    _same(third.window, door.state(rt, d).window)

    moved = door.transfer(rt, d, queue="B")
    assert moved.window.current is None
    _same(moved.window, door.state(rt, d).window)

    back = door.resume(rt, d, parked.window.parked[0].id)
    assert back.window.current is not None and back.window.current.number == "A001"
    assert back.window.parked == ()
    _same(back.window, door.state(rt, d).window)

    done = door.finish(rt, d)
    assert done.window.current is None
    _same(done.window, door.state(rt, d).window)
    check_invariants(rt.url, hall_id)


def test_changes_carry_the_counts_and_lines_screens_keep(desk) -> None:  # type: ignore[no-untyped-def]
    """A screen that starts from one reading of the hall and then only merges the counts and
    window lines of every change (its own and other PCs', in any order) ends exactly where the
    database is."""
    rt, d, hall_id = desk
    kiosk = Actor.system(hall_id, "kiosk")
    door.open_window(rt, d)
    start = hall_status(rt, kiosk)
    counts = {q.prefix: q.count for q in start.queues}
    lines = {w.number: w.line for w in start.windows}
    changes: list[Change] = []
    for prefix in "AAADDB":
        changes += tickets.issue_ticket(rt, kiosk, prefix).changes
    for action in (
        door.next_visitor,
        door.no_show,
        door.next_visitor,
        door.park,
        door.next_visitor,
    ):
        changes += action(rt, d).changes
    changes += door.transfer(rt, d, queue="B").changes
    for change in reversed(changes):  # order does not matter
        counts = merge_counts(counts, change.payload) or counts
        lines = merge_windows(lines, change.payload) or lines
    end = hall_status(rt, kiosk)
    assert {p: c.waiting for p, c in counts.items()} == {q.prefix: q.waiting for q in end.queues}
    assert lines[3] == next(w.line for w in end.windows if w.number == 3)


def test_another_windows_call_updates_the_counts_without_a_read(desk) -> None:  # type: ignore[no-untyped-def]
    rt, d, hall_id = desk
    kiosk = Actor.system(hall_id, "kiosk")
    door.open_window(rt, d)
    for _ in range(3):
        tickets.issue_ticket(rt, kiosk, "A")
    before = door.state(rt, d).window
    other = door.sign_in(rt, "1004", DEMO_PASSWORD, 4)
    opened = door.open_window(rt, other)
    # another window opening changes the estimates: the screen is told to read its state
    assert door.apply_change(before, opened.changes[-1])[1]
    mine = door.state(rt, d).window
    called = door.next_visitor(rt, other)
    after, elsewhere = door.apply_change(mine, called.changes[-1])
    assert not elsewhere
    assert {q.prefix: q.waiting for q in after.queues}["A"] == 2
    assert after.queues[0].version > mine.queues[0].version
    stale, _ = door.apply_change(after, tickets.issue_ticket(rt, kiosk, "D").changes[0])
    _same(stale, door.state(rt, d).window)
    # an old event arriving late changes nothing
    late, _ = door.apply_change(stale, called.changes[-1])
    assert late == stale


def test_a_kiosk_actor_is_refused_at_the_window(desk) -> None:  # type: ignore[no-untyped-def]
    rt, d, hall_id = desk
    kiosk_desk = door.Desk(Actor.system(hall_id, "kiosk"), d.hall_name, 3)
    with pytest.raises(PermissionDenied):
        door.next_visitor(rt, kiosk_desk)


def test_own_changes_come_back_as_events_with_the_same_ids(desk) -> None:  # type: ignore[no-untyped-def]
    rt, d, hall_id = desk
    kiosk = Actor.system(hall_id, "kiosk")
    door.open_window(rt, d)
    tickets.issue_ticket(rt, kiosk, "A")
    got: list[Change] = []
    arrived = threading.Event()

    def on(change: Change) -> None:
        got.append(change)
        if change.type == "ticket.called":
            arrived.set()

    sub = subscribe(rt.url, hall_id, on, poll_interval=0.05)
    try:
        assert sub.wait_ready(20)
        result = door.next_visitor(rt, d)
        assert arrived.wait(20)
    finally:
        sub.close()
    heard = {c.id for c in got}
    assert result.change_ids <= heard
    echoed = next(c for c in got if c.type == "ticket.called")
    mine = next(c for c in result.changes if c.type == "ticket.called")
    assert echoed.payload == mine.payload


def test_the_demo_hall_counts_match_after_seeding(hall_url: str) -> None:
    from counter.demo.queue import seed_demo_activity

    with runtime(hall_url) as rt:
        hall_id = rt.hall_id("QS")
        seed_demo_activity(rt, hall_id)
        check_invariants(hall_url, hall_id)
        assert isinstance(rt, Runtime)


def test_refusals_are_the_same_on_every_path(desk) -> None:  # type: ignore[no-untyped-def]
    """Where PostgreSQL's one statement does not apply, nothing is written and the step-by-step
    path refuses with the typed error a clerk reads."""
    from counter.domain.queue import NoCurrentTicket, RecallLimitReached, TicketStateError

    rt, d, hall_id = desk
    door.open_window(rt, d)
    with pytest.raises(NoCurrentTicket):
        door.recall(rt, d)
    with pytest.raises(NoCurrentTicket):
        door.park(rt, d)
    tickets.issue_ticket(rt, Actor.system(hall_id, "kiosk"), "A")
    door.next_visitor(rt, d)
    for _ in range(3):  # the demo hall's recall limit
        door.recall(rt, d)
    with pytest.raises(RecallLimitReached):
        door.recall(rt, d)
    started = door.start(rt, d)
    assert started.window.current is not None and started.window.current.state == "serving"
    with pytest.raises(TicketStateError):
        door.start(rt, d)
    with pytest.raises(TicketStateError):
        door.recall(rt, d)
    _same(door.finish(rt, d).window, door.state(rt, d).window)

    # 暂离返回: only a parked ticket, only to a free window, only of this hall
    from counter.domain.queue import WindowBusy
    from counter.errors import NotFound

    tickets.issue_ticket(rt, Actor.system(hall_id, "kiosk"), "A")
    tickets.issue_ticket(rt, Actor.system(hall_id, "kiosk"), "A")
    door.next_visitor(rt, d)
    parked = door.park(rt, d).window.parked[-1]
    serving = door.next_visitor(rt, d).ticket
    assert serving is not None
    with pytest.raises(WindowBusy):
        door.resume(rt, d, parked.id)
    door.finish(rt, d)
    with pytest.raises(TicketStateError):
        door.resume(rt, d, serving.id)  # finished, not parked
    with pytest.raises(NotFound):
        door.resume(rt, d, 10**9)
    back = door.resume(rt, d, parked.id)
    assert back.ticket is not None and back.ticket.id == parked.id
    assert back.ticket.state == "called" and back.window.parked == ()
    assert [c.type for c in back.changes] == ["ticket.resumed"]
    _same(back.window, door.state(rt, d).window)
    check_invariants(rt.url, hall_id)
