"""Calling (叫号) at the windows: what a window does with the tickets of its queues.

Each action has two forms: ``*_in(session, …)`` does it inside the caller's unit of work (the
window's door, :mod:`counter.window`, reads the window's new state in the same transaction), and
the plain function (``recall(rt, actor, window)`` …) is one unit of work of its own, for scripts
and the CLI. Each returns frozen data and the :class:`~counter.changes.Change` events it
emitted; refusals are typed :class:`~counter.errors.CounterError` subclasses with Chinese
messages.

The database decides every race:

* **Numbers** come from the counter row of the queue and the hall's local day, bumped with
  ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (the first ticket of the day creates the row);
  the row stays locked until commit, and a refusal (daily cap) rolls the bump back, so numbers
  are unique and gap-free behind the unique constraint ``(issue_queue_id, day, seq)``.
* **Next** (the clerk's F1: finish the visitor at the window, call the next one, and read the
  window's new state) on PostgreSQL is ONE statement in ONE round trip
  (:data:`counter.services.calling_pg.PG_NEXT`, sent in autocommit; recall, start, park, finish
  and resume are one statement each too): it locks the window row (``FOR UPDATE``: one current ticket per window),
  finishes its ticket, picks the best waiting ticket with ``FOR UPDATE SKIP LOCKED LIMIT 1``,
  marks it called, makes it the window's current ticket, takes it out of its queue's count,
  writes the ticket events and the change-log rows, ``NOTIFY``\\ s the screens, and returns the
  window as its clerk now sees it. On SQLite the same steps run inside the engine's
  ``BEGIN IMMEDIATE`` transaction, which holds the write lock from the start. A ticket is never
  called by two windows and never lost.
* **Counts**: every statement that moves a ticket into or out of a queue's line moves that
  queue's ``waiting`` count in the same transaction, under the counter row's lock
  (:func:`~counter.services.queue_state.bump_waiting`), and bumps its version; every change of a
  window's state or current ticket bumps the window's version. Change payloads carry both (see
  :mod:`counter.domain.live`), so every screen keeps exact counts from events alone.

Who is called next at a window (:func:`next_in`), best first:

1. an appointment ticket (预约) whose slot has begun, earliest slot first;
2. a ticket transferred to this very window (转窗口), oldest first;
3. every other waiting ticket of the window's queues, by its ``sort_key`` minus the queue's
   *weight head start*: each weight point above 1 counts as ``weight_minutes`` (hall setting,
   default 5) minutes of extra waiting. A window serving A with weight 3 and D with weight 1
   thus prefers an A ticket unless the D ticket has waited more than 10 minutes longer: the
   weights steer the mix without ever starving a light queue. Green-channel tickets (绿色通道:
   elderly, disabled, pregnant, veterans) carry a ``sort_key`` far below every ordinary ticket,
   so within class 3 they always come first, oldest first.

``sort_key`` is the time (µs since the epoch) the ticket joined its line: its issue time
(transfers keep it, so a transferred visitor does not start again at the back), the slot start
for appointments, a place after ``requeue_after`` waiting tickets for a re-queued no-show.

Ticket states: waiting → called → serving → done, with recall (重呼, at most ``recall_limit``
times), no-show (过号: ``no_show_policy`` void, or requeue after ``requeue_after`` tickets, at
most ``requeue_limit`` times), park (暂离) and resume, transfer to a queue or a named window,
and void. Statistics times are kept ordered: ``issued_at ≤ first_called_at ≤ called_at ≤
started_at ≤ finished_at`` (``called_at``/``started_at`` are those of the latest call; a transfer
starts a new service).

Only today's tickets (the hall's local day) are called; opening a window voids those left from
earlier days. A ticket's times never go backwards, even when the PCs' clocks differ a little or a
unit waited for a lock (each new time is at least the ticket's previous one).

Change payloads carry the ticket id and number, queue prefix, window number and state — never
a name or an ID number.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.domain.queue import (
    AT_WINDOW,
    CALLED,
    DONE,
    NO_SHOW,
    OPEN_STATES,
    PARKED,
    SERVING,
    VOID,
    W_CLOSED,
    W_OPEN,
    W_PAUSED,
    WAITING,
    WINDOW_STATE_NAMES_ZH,
    WINDOW_STATES,
    RecallLimitReached,
    WindowBusy,
    WindowNotOpen,
    initial_sort_key,
    requeue_sort_key,
    time_key,
    weighted_rank,
)
from counter.errors import Bi, Conflict, InvalidInput
from counter.services.base import CLERK, MANAGER, Actor, Runtime, require_role
from counter.services.calling_pg import (
    PG_NEXT,
    as_json,
    pg_ticket_action,
    pg_window_state,
    state_from_json,
    ticket_from_json,
)
from counter.services.queue_state import (
    TicketResult,
    TicketView,
    WindowResult,
    WindowState,
    bump_waiting,
    current_ticket,
    find_ticket,
    later,
    line_payload,
    load_hall,
    load_queue,
    load_window,
    local_day,
    queue_prefix,
    queue_settings,
    state_error,
    ticket_event,
    ticket_payload,
    ticket_view,
    touch_window,
    window_view,
)
from db.models import Hall, Ticket, TicketCounter, Window, WindowQueue

__all__ = [
    "CallOutcome",
    "TicketAction",
    "call_next",
    "call_ticket",
    "call_ticket_in",
    "close_window",
    "expire_stale",
    "finish_at_in",
    "finish_in",
    "finish_service",
    "next_in",
    "no_show",
    "no_show_in",
    "open_window",
    "park",
    "park_in",
    "pause_window",
    "pg_next",
    "pg_ticket_action",
    "pg_window_state",
    "recall",
    "recall_in",
    "require_free",
    "resume",
    "resume_in",
    "set_window_state",
    "set_window_state_in",
    "start_in",
    "start_service",
    "transfer",
    "transfer_in",
    "void_in",
    "void_ticket",
]


# A window action on its current ticket, inside the caller's unit of work.
TicketAction = Callable[[Session, Actor, Hall, int, dt.datetime], TicketResult]


@dataclass(frozen=True)
class CallOutcome:
    """What "next" did at a window: the ticket it finished (if any), the ticket it called (None:
    nobody waits for this window), the change events, and — on PostgreSQL, where one statement
    does it all — the window's new state (else ``None``: the caller reads it in its unit)."""

    finished: TicketView | None
    called: TicketView | None
    changes: tuple[Change, ...]
    state: WindowState | None = None


# --------------------------------------------------------------------------------------------
# PostgreSQL: "next" and the window's state, one statement each
# --------------------------------------------------------------------------------------------


def pg_next(
    rt: Runtime, conn: Connection, actor: Actor, number: int, now: dt.datetime, *, finish: bool
) -> CallOutcome:
    """ "Next" on PostgreSQL: ONE statement, sent on an autocommit connection (it commits by
    itself, so one round trip). When every candidate was locked by windows calling at the same
    moment, the statement is simply sent again (the finish, already done, is not repeated)."""
    params = {
        "hall_id": actor.hall_id,
        "window": int(number),
        "now": now,
        "staff_id": actor.staff_id,
        "finish": finish,
    }
    changes: list[Change] = []
    finished: TicketView | None = None
    for attempt in range(200):
        out = as_json(conn.execute(PG_NEXT, params).scalar())
        finished = finished or ticket_from_json(out.get("finished"))
        changes += [
            Change(
                c["type"], actor.hall_id or None, dict(c["payload"]), at=now.isoformat(), id=c["id"]
            )
            for c in out.get("changes") or ()
        ]
        if not out["window_ok"]:
            with rt.unit(read_only=True) as s:  # why not: refused with the window's reason
                _why_not_called(s, actor.hall_id, number, now)
            raise Conflict(
                what=Bi(
                    f"{number}号窗口状态刚刚改变，请重试",
                    f"window {number} just changed; try again",
                )
            )  # pragma: no cover
        called = ticket_from_json(out.get("called"))
        if called is not None or not out.get("candidates"):
            state = state_from_json(conn, out["state"], now)
            return CallOutcome(finished, called, tuple(changes), state)
        params["finish"] = False
        time.sleep(min(0.001 * (attempt + 1), 0.02))  # every candidate was taken meanwhile
    raise Conflict(
        what=Bi("叫号繁忙，请重试", "calling is busy; try again")
    )  # pragma: no cover - 200 rounds of losing every race


# --------------------------------------------------------------------------------------------
# Calling, step by step (SQLite, and every backend for the actions that are not "next")
# --------------------------------------------------------------------------------------------


def _why_not_called(s: Session, hall_id: int, number: int, now: dt.datetime) -> bool:
    """After "call next" found nothing: raise if the window cannot call; else return whether a
    ticket is still waiting for it (then it was only locked by another window: try again)."""
    hall = load_hall(s, hall_id)
    win = load_window(s, hall.id, number, lock=False)
    require_free(s, win)
    return _waiting_exists(s, hall, win.id, local_day(hall, now))


def require_free(s: Session, win: Window) -> None:
    """Refuse unless ``win`` is open and has nobody at it (the next visitor cannot be called
    while the current one is unfinished)."""
    if win.state != W_OPEN:
        raise WindowNotOpen(
            window=win.number,
            state=WINDOW_STATE_NAMES_ZH.get(win.state, win.state),
            state_en=win.state,
        )
    if win.current_ticket_id is not None:
        cur = s.get(Ticket, win.current_ticket_id)
        raise WindowBusy(window=win.number, number=cur.number if cur else "?")


def _waiting_exists(s: Session, hall: Hall, window_id: int, day: dt.date) -> bool:
    served = select(WindowQueue.queue_id).where(WindowQueue.window_id == window_id)
    hit = s.execute(
        select(Ticket.id)
        .where(
            Ticket.hall_id == hall.id,
            Ticket.state == WAITING,
            Ticket.day == day,
            or_(
                and_(Ticket.target_window_id.is_(None), Ticket.queue_id.in_(served)),
                Ticket.target_window_id == window_id,
            ),
        )
        .limit(1)
    ).first()
    return hit is not None


def _emit_ticket(
    s: Session,
    hall_id: int,
    type_: str,
    t: Ticket,
    win: Window | None,
    counts: dict[str, tuple[dt.date, int, int]] | None = None,
    **extra: Any,
) -> tuple[TicketView, Change]:
    """The ticket's view and its change event, with the lines it moved (see
    :mod:`counter.domain.live`)."""
    s.flush()
    view = ticket_view(s, t)
    payload = {**ticket_payload(view, **extra), **line_payload(s, counts or {}, win)}
    return view, emit(s, Change(type_, hall_id, payload))


def _leave_line(s: Session, t: Ticket) -> dict[str, tuple[dt.date, int, int]]:
    return {queue_prefix(s, t.queue_id): bump_waiting(s, t.queue_id, t.day, -1)}


def _join_line(s: Session, t: Ticket) -> dict[str, tuple[dt.date, int, int]]:
    return {queue_prefix(s, t.queue_id): bump_waiting(s, t.queue_id, t.day, +1)}


def _pick(s: Session, hall: Hall, win: Window, now: dt.datetime) -> int | None:
    """The id of the best waiting ticket for ``win`` (the module docstring's order)."""
    day = local_day(hall, now)
    weight_minutes = float(queue_settings(hall)["weight_minutes"])
    served = s.execute(
        select(WindowQueue.queue_id, WindowQueue.weight).where(WindowQueue.window_id == win.id)
    ).all()
    queue_ids = [qid for qid, _ in served]
    base = (Ticket.hall_id == hall.id, Ticket.state == WAITING, Ticket.day == day)
    ranked: list[tuple[tuple[int, int], int]] = []
    if queue_ids:
        row = s.execute(
            select(Ticket.id, Ticket.sort_key)
            .where(
                *base,
                Ticket.appointment_at <= now,
                or_(
                    and_(Ticket.target_window_id.is_(None), Ticket.queue_id.in_(queue_ids)),
                    Ticket.target_window_id == win.id,
                ),
            )
            .order_by(Ticket.appointment_at, Ticket.sort_key, Ticket.id)
            .limit(1)
        ).first()
        if row is not None:
            ranked.append((weighted_rank(0, row[1], 1, weight_minutes), row[0]))
    row = s.execute(
        select(Ticket.id, Ticket.sort_key)
        .where(*base, Ticket.target_window_id == win.id)
        .order_by(Ticket.sort_key, Ticket.id)
        .limit(1)
    ).first()
    if row is not None:
        ranked.append((weighted_rank(1, row[1], 1, weight_minutes), row[0]))
    for qid, weight in served:
        row = s.execute(
            select(Ticket.id, Ticket.sort_key)
            .where(*base, Ticket.queue_id == qid, Ticket.target_window_id.is_(None))
            .order_by(Ticket.sort_key, Ticket.id)
            .limit(1)
        ).first()
        if row is not None:
            ranked.append((weighted_rank(2, row[1], weight, weight_minutes), row[0]))
    if not ranked:
        return None
    return min(ranked, key=lambda r: (r[0], r[1]))[1]


def mark_called(t: Ticket, win: Window, staff_id: int | None, now: dt.datetime) -> dt.datetime:
    at = later(now, t.queued_at, t.called_at)
    t.state = CALLED
    t.window_id = win.id
    t.staff_id = staff_id
    t.called_at = at
    t.first_called_at = t.first_called_at or at
    t.started_at = None
    t.finished_at = None
    t.target_window_id = None
    t.version += 1
    return at


def _call_in(
    s: Session, hall: Hall, win: Window, t: Ticket, staff_id: int | None, now: dt.datetime,
    **event_data: Any,
) -> TicketResult:  # fmt: skip
    """Make waiting ticket ``t`` the current ticket of ``win`` (locked, open and free)."""
    at = mark_called(t, win, staff_id, now)
    win.current_ticket_id = t.id
    touch_window(win)
    counts = _leave_line(s, t)
    ticket_event(s, t.id, "called", at, win.id, staff_id, **event_data)
    view, change = _emit_ticket(s, hall.id, "ticket.called", t, win, counts)
    return TicketResult(view, win.number, (change,))


def next_in(
    s: Session, actor: Actor, hall: Hall, number: int, now: dt.datetime, *, finish_current: bool
) -> CallOutcome:
    """ "Next" step by step inside the caller's unit of work: finish the window's ticket (with
    ``finish_current``), then call the best waiting one. The window must be open, and free
    unless ``finish_current``. ``state`` is left for the caller to read."""
    win = load_window(s, hall.id, number)
    finished: TicketView | None = None
    changes: list[Change] = []
    if finish_current and win.current_ticket_id is not None and win.state == W_OPEN:
        done = finish_in(s, hall, win, actor.staff_id, now)
        finished = done.ticket
        changes += done.changes
        now = clock.now()  # the call comes after the finish
    require_free(s, win)
    ticket_id = _pick(s, hall, win, now)
    if ticket_id is None:
        return CallOutcome(finished, None, tuple(changes))
    t = s.get(Ticket, ticket_id, with_for_update=True)
    assert t is not None and t.state == WAITING
    called = _call_in(s, hall, win, t, actor.staff_id, now)
    return CallOutcome(finished, called.ticket, (*changes, *called.changes))


def call_ticket_in(
    s: Session, actor: Actor, hall: Hall, number: int, ticket: int | str, now: dt.datetime
) -> TicketResult:
    """Call a particular waiting ticket (by id or today's number) to window ``number``."""
    win = load_window(s, hall.id, number)
    require_free(s, win)
    t = find_ticket(s, hall, ticket, now)
    if t.state != WAITING:
        raise state_error(t, "叫号", "be called")
    return _call_in(s, hall, win, t, actor.staff_id, now, out_of_turn=True)


def recall_in(s: Session, actor: Actor, hall: Hall, number: int, now: dt.datetime) -> TicketResult:
    """重呼: call the window's current ticket again (at most ``recall_limit`` times)."""
    win = load_window(s, hall.id, number)
    t = current_ticket(s, win, "重呼", "recall")
    if t.state != CALLED:
        raise state_error(t, "重呼", "be recalled")
    limit = int(queue_settings(hall)["recall_limit"])
    if t.recall_count >= limit:
        raise RecallLimitReached(number=t.number, count=t.recall_count)
    at = later(now, t.called_at)
    t.recall_count += 1
    t.called_at = at
    t.version += 1
    ticket_event(s, t.id, "recalled", at, win.id, actor.staff_id, count=t.recall_count)
    view, change = _emit_ticket(s, hall.id, "ticket.recalled", t, None, recall_count=t.recall_count)
    return TicketResult(view, win.number, (change,))


def no_show_in(s: Session, actor: Actor, hall: Hall, number: int, now: dt.datetime) -> TicketResult:
    """过号: the called visitor did not come. By the hall's ``no_show_policy`` the ticket is
    void (state ``no_show``) or re-queued after ``requeue_after`` waiting tickets (at most
    ``requeue_limit`` times, then void). The window is free again."""
    win = load_window(s, hall.id, number)
    t = current_ticket(s, win, "过号", "mark no-show")
    if t.state != CALLED:
        raise state_error(t, "过号", "be marked no-show")
    cfg = queue_settings(hall)
    now = later(now, t.called_at)
    t.no_show_count += 1
    t.version += 1
    win.current_ticket_id = None
    touch_window(win)
    requeue = cfg["no_show_policy"] == "requeue" and t.no_show_count <= int(cfg["requeue_limit"])
    counts: dict[str, tuple[dt.date, int, int]] = {}
    if requeue:
        after = int(cfg["requeue_after"])
        keys = s.scalars(
            select(Ticket.sort_key)
            .where(
                Ticket.hall_id == hall.id,
                Ticket.state == WAITING,
                Ticket.queue_id == t.queue_id,
                Ticket.day == t.day,
                Ticket.target_window_id.is_(None),
            )
            .order_by(Ticket.sort_key, Ticket.id)
            .limit(after + 1)
        ).all()
        t.sort_key = requeue_sort_key(list(keys), after, time_key(now))
        t.state = WAITING
        t.window_id = None
        t.queued_at = now
        t.recall_count = 0
        counts = _join_line(s, t)
    else:
        t.state = NO_SHOW
    ticket_event(s, t.id, "no_show", now, win.id, actor.staff_id, requeued=requeue)
    view, change = _emit_ticket(
        s, hall.id, "ticket.no_show", t, win, counts, requeued=requeue, window=win.number
    )
    return TicketResult(view, win.number, (change,))


def start_in(s: Session, actor: Actor, hall: Hall, number: int, now: dt.datetime) -> TicketResult:
    """开始办理: the called visitor has arrived at the window."""
    win = load_window(s, hall.id, number)
    t = current_ticket(s, win, "开始办理", "start")
    if t.state != CALLED:
        raise state_error(t, "开始办理", "start service")
    at = later(now, t.called_at)
    t.state = SERVING
    t.started_at = at
    t.version += 1
    touch_window(win)
    ticket_event(s, t.id, "started", at, win.id, actor.staff_id)
    view, change = _emit_ticket(s, hall.id, "ticket.started", t, win)
    return TicketResult(view, win.number, (change,))


def finish_in(
    s: Session, hall: Hall, win: Window, staff_id: int | None, now: dt.datetime
) -> TicketResult:
    """办结 the ticket at ``win`` (locked): the window is free for the next visitor."""
    t = current_ticket(s, win, "办结", "finish")
    at = later(now, t.started_at, t.called_at)
    t.state = DONE
    t.started_at = t.started_at or at
    t.finished_at = at
    t.version += 1
    win.current_ticket_id = None
    touch_window(win)
    ticket_event(s, t.id, "finished", at, win.id, staff_id)
    view, change = _emit_ticket(s, hall.id, "ticket.finished", t, win)
    return TicketResult(view, win.number, (change,))


def finish_at_in(
    s: Session, actor: Actor, hall: Hall, number: int, now: dt.datetime
) -> TicketResult:
    """办结 the ticket at window ``number`` (a :data:`TicketAction`)."""
    return finish_in(s, hall, load_window(s, hall.id, number), actor.staff_id, now)


def park_in(s: Session, actor: Actor, hall: Hall, number: int, now: dt.datetime) -> TicketResult:
    """暂离: the visitor steps away (to copy a document ...); the ticket stays with this window
    as parked and the window may call the next visitor. :func:`resume_in` brings it back."""
    win = load_window(s, hall.id, number)
    t = current_ticket(s, win, "暂离", "park")
    at = later(now, t.called_at, t.started_at)
    t.state = PARKED
    t.parked_at = at
    t.version += 1
    win.current_ticket_id = None
    touch_window(win)
    ticket_event(s, t.id, "parked", at, win.id, actor.staff_id)
    view, change = _emit_ticket(s, hall.id, "ticket.parked", t, win)
    return TicketResult(view, win.number, (change,))


def resume_in(
    s: Session, actor: Actor, hall: Hall, number: int, ticket: int | str, now: dt.datetime
) -> TicketResult:
    """暂离返回: a parked ticket becomes window ``number``'s current ticket again, in service if
    its service had started, else called. The window must be open and free."""
    win = load_window(s, hall.id, number)
    require_free(s, win)
    t = find_ticket(s, hall, ticket, now)
    if t.state != PARKED:
        raise state_error(t, "恢复办理", "resume")
    t.state = SERVING if t.started_at is not None else CALLED
    t.window_id = win.id
    t.staff_id = actor.staff_id
    t.version += 1
    win.current_ticket_id = t.id
    touch_window(win)
    ticket_event(s, t.id, "resumed", now, win.id, actor.staff_id)
    view, change = _emit_ticket(s, hall.id, "ticket.resumed", t, win)
    return TicketResult(view, win.number, (change,))


def transfer_in(
    s: Session,
    actor: Actor,
    hall: Hall,
    number: int,
    now: dt.datetime,
    *,
    to_queue: str | int | None = None,
    to_window: int | None = None,
) -> TicketResult:
    """转办: send the window's current ticket to another queue and/or a named window. It waits
    again with its original issue time (``issued_at`` and its place by that time), so waiting
    statistics stay whole; a ticket sent to a named window is called only there."""
    if to_queue is None and to_window is None:
        raise InvalidInput(
            field=Bi("转办目标（队列或窗口）", "transfer target (a queue or a window)")
        )
    win = load_window(s, hall.id, number)
    t = current_ticket(s, win, "转办", "transfer")
    target_q = load_queue(s, hall.id, to_queue) if to_queue is not None else None
    target_w = None
    if to_window is not None:
        if int(to_window) == win.number:
            raise InvalidInput(
                field=Bi("转办窗口（不能转给本窗口）", "transfer window (not this window)")
            )
        target_w = load_window(s, hall.id, to_window, lock=False)
    if target_q is not None:
        t.queue_id = target_q.id
    t.target_window_id = target_w.id if target_w is not None else None
    now = later(now, t.called_at, t.started_at, t.queued_at)
    t.state = WAITING
    t.window_id = None
    t.queued_at = now
    t.started_at = None
    t.recall_count = 0
    t.sort_key = initial_sort_key(t.issued_at, t.priority > 0)
    t.version += 1
    win.current_ticket_id = None
    touch_window(win)
    counts = _join_line(s, t)
    ticket_event(
        s,
        t.id,
        "transferred",
        now,
        win.id,
        actor.staff_id,
        to_queue=target_q.prefix if target_q else None,
        to_window=target_w.number if target_w else None,
    )
    view, change = _emit_ticket(
        s,
        hall.id,
        "ticket.transferred",
        t,
        win,
        counts,
        from_window=win.number,
        to_queue=target_q.prefix if target_q else None,
        to_window=target_w.number if target_w else None,
    )
    return TicketResult(view, None, (change,))


def void_in(
    s: Session, actor: Actor, hall: Hall, ticket: int | str, now: dt.datetime, reason: str = ""
) -> TicketResult:
    """作废: cancel a ticket that is not finished (the visitor left, a mistaken ticket)."""
    t = find_ticket(s, hall, ticket, now, lock=False)
    # Lock order everywhere: the window first, then its ticket.
    win = s.get(Window, t.window_id, with_for_update=True) if t.window_id else None
    s.refresh(t, with_for_update=True)
    if t.state not in OPEN_STATES:
        raise state_error(t, "作废", "be voided")
    counts: dict[str, tuple[dt.date, int, int]] = {}
    at_window = None
    if t.state in AT_WINDOW:
        if win is None or win.id != t.window_id:
            raise Conflict(
                what=Bi(f"{t.number}号刚被叫号，请重试", f"{t.number} was just called; try again")
            )
        if win.current_ticket_id == t.id:
            win.current_ticket_id = None
            touch_window(win)
            at_window = win
    elif t.state == WAITING:
        counts = _leave_line(s, t)
    t.state = VOID
    t.version += 1
    ticket_event(s, t.id, "voided", now, t.window_id, actor.staff_id, reason=reason[:100])
    view, change = _emit_ticket(s, hall.id, "ticket.voided", t, at_window, counts)
    return TicketResult(view, view.window, (change,))


def expire_stale(s: Session, hall: Hall, day: dt.date, now: dt.datetime) -> int:
    """Void the unfinished tickets of earlier days (numbers restart each day): those still
    waiting (their lines are emptied) and those parked. A visitor still at a window — called
    before midnight and being served — stays with that window until it finishes them."""
    stale = select(Ticket.id).where(
        Ticket.hall_id == hall.id, Ticket.state.in_((WAITING, PARKED)), Ticket.day < day
    )
    ids = list(s.scalars(stale).all())
    if not ids:
        return 0
    s.execute(update(Ticket).where(Ticket.id.in_(ids)).values(state=VOID))
    queue_ids = select(WindowQueue.queue_id).join(Window, Window.id == WindowQueue.window_id)
    s.execute(
        update(TicketCounter)
        .where(
            TicketCounter.day < day,
            TicketCounter.waiting != 0,
            TicketCounter.queue_id.in_(queue_ids.where(Window.hall_id == hall.id)),
        )
        .values(waiting=0, version=TicketCounter.version + 1)
    )
    for tid in ids:
        ticket_event(s, tid, "expired", now, None, None)
    emit(s, Change("queue.expired", hall.id, {"count": len(ids), "day": day.isoformat()}))
    return len(ids)


def set_window_state_in(
    s: Session, actor: Actor, hall: Hall, number: int, state: str, now: dt.datetime
) -> tuple[Window, tuple[Change, ...]]:
    """开启 / 暂停 / 关闭 window ``number``. Closing needs the current ticket finished or
    parked; opening a window also voids tickets left over from earlier days."""
    if state not in WINDOW_STATES:
        raise InvalidInput(field=Bi(f"窗口状态“{state}”", f"window state {state!r}"))
    if state == W_OPEN:
        expire_stale(s, hall, local_day(hall, now), now)
    win = load_window(s, hall.id, number)
    if state == W_CLOSED and win.current_ticket_id is not None:
        cur = s.get(Ticket, win.current_ticket_id)
        raise WindowBusy(window=win.number, number=cur.number if cur else "?")
    if win.state == state:
        return win, ()
    win.state = state
    win.state_changed_at = now
    touch_window(win)
    if actor.staff_id is not None and state == W_OPEN:
        win.staff_id = actor.staff_id
    s.flush()
    payload = {"window": win.number, "state": state, "window_id": win.id}
    change = emit(s, Change("window.state", hall.id, {**payload, **line_payload(s, {}, win)}))
    return win, (change,)


# --------------------------------------------------------------------------------------------
# One unit of work each (scripts, the CLI)
# --------------------------------------------------------------------------------------------


def call_next(
    rt: Runtime, actor: Actor, window: int, *, finish_current: bool = False
) -> TicketResult | None:
    """叫号 (call next) at window number ``window``; ``None`` when nobody waits for it.

    The window must be open and free: with an unfinished current ticket it is refused
    (:class:`WindowBusy`) unless ``finish_current`` (finish it first, in the same unit of work;
    the clerk's "next" key: the current visitor is finished even when nobody else waits).
    See the module docstring for who comes next."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    if rt.is_postgres:
        with rt.statement() as conn:
            out = pg_next(rt, conn, actor, window, now, finish=finish_current)
    else:
        with rt.unit() as s:
            out = next_in(
                s, actor, load_hall(s, actor.hall_id), window, now, finish_current=finish_current
            )
    if out.called is None:
        return None
    return TicketResult(out.called, window, out.changes)


def _one(rt: Runtime, actor: Actor, fn: Any, *args: Any, **kwargs: Any) -> Any:
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        return fn(s, actor, load_hall(s, actor.hall_id), *args, now, **kwargs)


def call_ticket(rt: Runtime, actor: Actor, window: int, ticket: int | str) -> TicketResult:
    """Call a particular waiting ticket (by id or today's number) to ``window``, out of turn."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        return call_ticket_in(s, actor, load_hall(s, actor.hall_id), window, ticket, now)


def recall(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """重呼 (see :func:`recall_in`)."""
    return _one(rt, actor, recall_in, window)  # type: ignore[no-any-return]


def no_show(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """过号 (see :func:`no_show_in`)."""
    return _one(rt, actor, no_show_in, window)  # type: ignore[no-any-return]


def start_service(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """开始办理 (see :func:`start_in`)."""
    return _one(rt, actor, start_in, window)  # type: ignore[no-any-return]


def finish_service(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """办结: the window's current ticket is done; the window is free for the next visitor."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        return finish_in(s, hall, load_window(s, hall.id, window), actor.staff_id, now)


def park(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """暂离 (see :func:`park_in`)."""
    return _one(rt, actor, park_in, window)  # type: ignore[no-any-return]


def resume(rt: Runtime, actor: Actor, window: int, ticket: int | str) -> TicketResult:
    """暂离返回 (see :func:`resume_in`)."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        return resume_in(s, actor, load_hall(s, actor.hall_id), window, ticket, now)


def transfer(
    rt: Runtime,
    actor: Actor,
    window: int,
    *,
    to_queue: str | int | None = None,
    to_window: int | None = None,
) -> TicketResult:
    """转办 (see :func:`transfer_in`)."""
    return _one(  # type: ignore[no-any-return]
        rt, actor, transfer_in, window, to_queue=to_queue, to_window=to_window
    )


def void_ticket(rt: Runtime, actor: Actor, ticket: int | str, reason: str = "") -> TicketResult:
    """作废 (see :func:`void_in`)."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        return void_in(s, actor, load_hall(s, actor.hall_id), ticket, now, reason)


def set_window_state(rt: Runtime, actor: Actor, window: int, state: str) -> WindowResult:
    """开启 / 暂停 / 关闭 a window (see :func:`set_window_state_in`)."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        win, changes = set_window_state_in(s, actor, hall, window, state, now)
        return WindowResult(window_view(s, win), changes)


def open_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_OPEN)


def pause_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_PAUSED)


def close_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_CLOSED)
