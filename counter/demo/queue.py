"""Demo activity of the queue: today's tickets in the demo hall, windows open with visitors
called or in service, some finished, a green-channel ticket and an appointment."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update

from counter import clock
from counter.changes import Change, emit
from counter.domain.masking import mask_name, mask_phone
from counter.domain.queue import (
    W_OPEN,
    W_PAUSED,
)
from counter.services.base import Actor, Runtime
from counter.services.calling import (
    expire_stale,
    finish_in,
    next_in,
    start_in,
)
from counter.services.queue_state import (
    hall_tz,
    load_hall,
    local_day,
    touch_window,
)
from counter.services.tickets import (
    issue_in,
)
from db.models import (
    Appointment,
    Queue,
    Ticket,
    TicketCounter,
    TicketEvent,
    Window,
)

# --------------------------------------------------------------------------------------------
# Demo activity
# --------------------------------------------------------------------------------------------


@dataclass
class _DemoClock:
    at: dt.datetime
    step: dt.timedelta = field(default_factory=lambda: dt.timedelta(seconds=50))

    def tick(self) -> dt.datetime:
        self.at += self.step
        return self.at


def seed_demo_activity(rt: Runtime, hall_id: int) -> None:
    """Some of today's tickets in the demo hall: a line in every queue, windows open with
    visitors called or in service, some finished, one green-channel ticket and one appointment.
    Skipped if the hall already has tickets today (so ``counter demo`` may run twice)."""
    actor = Actor.system(hall_id, device="demo")
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, hall_id)
        day = local_day(hall, now)
        if s.execute(
            select(Ticket.id).where(Ticket.hall_id == hall_id, Ticket.day == day).limit(1)
        ).first():
            return
        queues = {
            q.prefix: q
            for q in s.scalars(select(Queue).where(Queue.hall_id == hall_id, Queue.active))
        }
        if not queues:
            return
        expire_stale(s, hall, day, now)
        # A demo of an earlier day left visitors at its windows: their service is over.
        for win in s.scalars(
            select(Window).where(Window.hall_id == hall_id, Window.current_ticket_id.is_not(None))
        ):
            held = s.get(Ticket, win.current_ticket_id)
            if held is not None and held.day < day:
                finish_in(s, hall, win, None, now)
        # Start early enough that every time stays in the past and on today's local date.
        local_midnight = dt.datetime.combine(day, dt.time(0, 0), tzinfo=hall_tz(hall))
        start = max(now - dt.timedelta(minutes=75), local_midnight.astimezone(dt.UTC))
        tick = _DemoClock(start, max((now - start) / 100, dt.timedelta(microseconds=10)))
        plan = [("A", 14), ("B", 6), ("C", 5), ("D", 4)]
        sources = ["kiosk", "kiosk", "idcard", "kiosk", "window"]
        n = 0
        for prefix, count in plan:
            q = queues.get(prefix)
            if q is None:
                continue
            for _ in range(count):
                n += 1
                src = sources[n % len(sources)]
                issue_in(
                    s,
                    actor,
                    hall,
                    q,
                    tick.tick(),
                    source=src,
                    name_masked=mask_name("王建国") if src == "idcard" else "",
                    enforce=False,
                )
        windows = {
            w.number: w
            for w in s.scalars(select(Window).where(Window.hall_id == hall_id, Window.active))
        }
        numbers = sorted(windows)
        for number in numbers[:8]:
            windows[number].state = W_OPEN
            windows[number].state_changed_at = start
            touch_window(windows[number])
        if len(numbers) > 8:
            windows[numbers[8]].state = W_PAUSED
            windows[numbers[8]].state_changed_at = start
            touch_window(windows[numbers[8]])
        s.flush()
        # Windows 1–4 have served a visitor or two; 1–6 have someone called or in service now.
        for number in numbers[:6]:
            win = windows[number]
            rounds = 2 if number <= 2 else 1 if number <= 4 else 0
            for _ in range(rounds):
                if (
                    next_in(s, actor, hall, number, tick.tick(), finish_current=False).called
                    is None
                ):
                    break
                start_in(s, actor, hall, number, tick.tick())
                finish_in(s, hall, win, None, tick.tick())
            called = next_in(s, actor, hall, number, tick.tick(), finish_current=False).called
            if called is not None and number % 2:
                start_in(s, actor, hall, number, tick.tick())
        # Still in line: one green-channel visitor and one appointment whose slot has begun.
        if "A" in queues:
            issue_in(
                s,
                actor,
                hall,
                queues["A"],
                tick.tick(),
                source="idcard",
                priority_reason="elderly",
                name_masked=mask_name("赵桂兰"),
                enforce=False,
            )
        first = queues.get("B") or next(iter(queues.values()))
        appt_at = tick.tick()
        appt = Appointment(
            hall_id=hall_id,
            queue_id=first.id,
            code="YYDEMO" + secrets.token_hex(3).upper(),
            slot_start=appt_at,
            slot_end=appt_at + dt.timedelta(minutes=30),
            applicant_name_masked=mask_name("李秀英"),
            phone_masked=mask_phone("13812345678"),
            state="checked_in",
            created_at=start,
        )
        s.add(appt)
        s.flush()
        issued = issue_in(
            s, actor, hall, first, appt_at, source="appointment", appointment=appt, enforce=False
        )
        appt.ticket_id = issued.ticket.id
        emit(s, Change("queue.seeded", hall_id, {"day": day.isoformat()}))


def reset_hall_tickets(rt: Runtime, hall_id: int) -> None:
    """Delete every ticket, counter and queue change of a hall (bench and test halls only)."""
    with rt.unit() as s:
        ids = select(Ticket.id).where(Ticket.hall_id == hall_id)
        s.execute(update(Window).where(Window.hall_id == hall_id).values(current_ticket_id=None))
        s.execute(update(Appointment).where(Appointment.hall_id == hall_id).values(ticket_id=None))
        s.execute(delete(TicketEvent).where(TicketEvent.ticket_id.in_(ids)))
        s.execute(delete(Ticket).where(Ticket.hall_id == hall_id))
        qids = select(Queue.id).where(Queue.hall_id == hall_id)
        s.execute(delete(TicketCounter).where(TicketCounter.queue_id.in_(qids)))


def free_window(rt: Runtime, hall_id: int) -> int:
    """The demo's window for its clerk: the lowest-numbered active window with nobody at it
    (no ticket called, in service or parked there, no clerk's visitor in the seeded activity),
    preferring an open one; the first window when every one is busy."""
    with rt.unit() as s:
        windows = list(
            s.scalars(
                select(Window)
                .where(Window.hall_id == hall_id, Window.active)
                .order_by(Window.number)
            )
        )
        held = set(
            s.scalars(
                select(Ticket.window_id).where(
                    Ticket.hall_id == hall_id,
                    Ticket.state.in_(("called", "serving", "parked")),
                    Ticket.window_id.is_not(None),
                )
            )
        )
        free = [w for w in windows if w.id not in held and w.current_ticket_id is None]
        pick = next((w for w in free if w.state == W_OPEN), free[0] if free else None)
        if pick is None:
            return windows[0].number if windows else 1
        return pick.number
