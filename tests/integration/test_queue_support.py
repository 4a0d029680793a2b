"""Shared helpers of the queue tests (no tests here): a movable clock, a hall without opening
hours or caps, and the invariant check every queue test ends with."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select, text, update

from counter import clock
from counter.domain.queue import AT_WINDOW, TICKET_STATES, WAITING
from counter.domain.ticketing import format_ticket_number
from counter.services.base import Actor, Runtime
from db.models import Queue, Ticket, TicketCounter, TicketEvent, Window

# 2025-03-10 (a Monday) 09:00 in Asia/Shanghai: inside every demo queue's opening hours.
BASE_TIME = dt.datetime(2025, 3, 10, 1, 0, tzinfo=dt.UTC)


class FakeClock:
    """A clock that moves 1 ms on every reading (so times are strictly ordered) and jumps on
    demand. Thread-safe."""

    def __init__(self, start: dt.datetime = BASE_TIME, step: dt.timedelta | None = None) -> None:
        self.at = start
        self.step = step if step is not None else dt.timedelta(milliseconds=1)
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            self.at += self.step
            return self.at

    def advance(self, **kwargs: float) -> None:
        with self._lock:
            self.at += dt.timedelta(**kwargs)

    def set(self, at: dt.datetime) -> None:
        with self._lock:
            self.at = at


@pytest.fixture
def fake_clock() -> Iterator[FakeClock]:
    fc = FakeClock()
    clock.set_clock(fc)
    try:
        yield fc
    finally:
        clock.set_clock(None)


@contextmanager
def runtime(url: str) -> Iterator[Runtime]:
    rt = Runtime(url)
    try:
        yield rt
    finally:
        rt.dispose()


def demo_actor(rt: Runtime) -> Actor:
    return Actor.system(rt.hall_id("QS"), device="test")


def relax_hall(url: str, *, cap: int | None = None, open_windows: bool = True) -> int:
    """The demo hall with every queue issuing at any hour (cap ``cap``), windows open.
    Returns the hall id."""
    with runtime(url) as rt:
        hall_id = rt.hall_id("QS")
        with rt.unit() as s:
            s.execute(
                update(Queue)
                .where(Queue.hall_id == hall_id)
                .values(opens_at=None, closes_at=None, daily_cap=cap)
            )
            if open_windows:
                s.execute(update(Window).where(Window.hall_id == hall_id).values(state="open"))
        return hall_id


def check_invariants(url: str, hall_id: int) -> dict[str, Any]:
    """Assert what must hold whatever happened; returns a few counts for the caller."""
    with runtime(url) as rt, rt.unit() as s:
        tickets = s.scalars(select(Ticket).where(Ticket.hall_id == hall_id)).all()
        windows = s.scalars(select(Window).where(Window.hall_id == hall_id)).all()
        prefixes = dict(s.execute(select(Queue.id, Queue.prefix)).all())
        counters = {
            (q, d): n
            for q, d, n in s.execute(
                select(TicketCounter.queue_id, TicketCounter.day, TicketCounter.last_seq)
            ).all()
        }
        events = Counter(
            (tid, typ)
            for tid, typ in s.execute(
                select(TicketEvent.ticket_id, TicketEvent.type)
                .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                .where(Ticket.hall_id == hall_id)
            ).all()
        )
        by_id = {t.id: t for t in tickets}
        current = [w.current_ticket_id for w in windows if w.current_ticket_id is not None]
        assert len(current) == len(set(current)), "a ticket is current at two windows"
        for w in windows:
            if w.current_ticket_id is None:
                continue
            t = by_id[w.current_ticket_id]
            assert t.state in AT_WINDOW, (w.number, t.number, t.state)
            assert t.window_id == w.id, (w.number, t.number)
        current_set = set(current)
        seqs: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
        for t in tickets:
            assert t.state in TICKET_STATES, t.state
            seqs[(t.issue_queue_id, t.day)].append(t.seq)
            assert t.number == format_ticket_number(prefixes[t.issue_queue_id], t.seq)
            assert events[(t.id, "issued")] == 1, t.number
            if t.state in AT_WINDOW:
                assert t.id in current_set, f"{t.number} {t.state} but no window has it"
            else:
                assert t.id not in current_set
            if t.state == WAITING:
                assert t.window_id is None, t.number
            if t.state == "parked":
                assert t.window_id is not None and t.parked_at is not None
            # statistics times are ordered
            assert t.issued_at <= t.queued_at, t.number
            if t.first_called_at is not None:
                assert t.issued_at <= t.first_called_at <= t.called_at, t.number
            if t.state in ("called", "serving", "done", "no_show"):
                assert t.called_at is not None and t.first_called_at is not None, t.number
            if t.started_at is not None:
                assert t.called_at is not None and t.called_at <= t.started_at, t.number
            if t.state == "serving":
                assert t.started_at is not None
            if t.state == "called":
                assert t.started_at is None
            if t.state == "done":
                assert t.started_at is not None and t.finished_at is not None
            if t.finished_at is not None:
                assert t.started_at is not None and t.started_at <= t.finished_at, t.number
        for key, got in seqs.items():
            assert sorted(got) == list(range(1, len(got) + 1)), f"numbers not gap-free: {key}"
            assert counters[key] == len(got), f"counter differs from tickets: {key}"
        # Each line's count is exactly the tickets waiting in it (issued there or sent there).
        waiting_rows = s.execute(
            select(TicketCounter.queue_id, TicketCounter.day, TicketCounter.waiting).where(
                TicketCounter.queue_id.in_(select(Queue.id).where(Queue.hall_id == hall_id))
            )
        ).all()
        waiting_now = Counter((t.queue_id, t.day) for t in tickets if t.state == WAITING)
        for q, d, n in waiting_rows:
            assert n == waiting_now.get((q, d), 0), f"waiting count of {prefixes[q]} {d}: {n}"
        assert set(waiting_now) <= {(q, d) for q, d, _n in waiting_rows}, "a line without count"
        return {
            "tickets": len(tickets),
            "states": Counter(t.state for t in tickets),
            "called_events": sum(n for (_, typ), n in events.items() if typ == "called"),
        }


def scalar(url: str, sql: str, **params: Any) -> Any:
    with runtime(url) as rt, rt.unit() as s:
        return s.execute(text(sql), params).scalar()
