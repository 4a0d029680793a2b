"""Calling (叫号) at the windows: the queue engine's window actions: tickets issued at the kiosk or the window, called at every window,
announced to every screen.

One function per user action, one unit of work each (see :mod:`counter.services.base`). Each
returns a frozen dataclass holding plain data and the :class:`~counter.services.base.Change`
events it emitted; refusals are typed :class:`~counter.errors.CounterError` subclasses with
Chinese messages.

The database decides every race:

* **Numbers** come from the counter row of the queue and the hall's local day, bumped with
  ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (the first ticket of the day creates the row);
  the row stays locked until commit, and a refusal (daily cap) rolls the bump back, so numbers
  are unique and gap-free behind the unique constraint ``(issue_queue_id, day, seq)``.
* **Call next** on PostgreSQL is ONE statement (:data:`_PG_CALL_NEXT`): it locks the window row
  (``FOR UPDATE``: one current ticket per window), picks the best waiting ticket with
  ``FOR UPDATE SKIP LOCKED LIMIT 1``, marks it called, makes it the window's current ticket,
  writes the ticket event and the change-log row and ``NOTIFY``\\ s the screens, in one round
  trip. On SQLite the same steps run inside the engine's ``BEGIN IMMEDIATE`` transaction, which
  holds the write lock from the start. A ticket is never called by two windows and never lost.

Who is called next at a window (:func:`call_next`), best first:

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

Estimated wait of a new ticket: the people ahead of it in its queue (counted up to
:data:`PEOPLE_AHEAD_CAP`) times today's average service time of the queue (its last 50 finished
tickets, ``default_service_minutes`` before any), shared among the open windows serving it.

Change payloads carry the ticket id and number, queue prefix, window number and state — never
a name or an ID number.
"""

from __future__ import annotations

import datetime as dt
import json
import time

from sqlalchemy import and_, or_, select, text, update
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.queue import (
    APPOINTMENT_DEPTH,
    AT_WINDOW,
    CALLED,
    CANDIDATE_DEPTH,
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
from counter.errors import Conflict, InvalidInput
from counter.services.base import (
    CLERK,
    MANAGER,
    NOTIFY_CHANNEL,
    Actor,
    Change,
    Runtime,
    emit,
    require_role,
)
from counter.services.queue_state import (
    TicketResult,
    TicketView,
    WindowResult,
    current_ticket,
    find_ticket,
    later,
    load_hall,
    load_queue,
    load_window,
    local_day,
    queue_settings,
    state_error,
    ticket_change,
    ticket_event,
    window_view,
)
from db.models import (
    Hall,
    Ticket,
    Window,
    WindowQueue,
)

# --------------------------------------------------------------------------------------------
# Calling
# --------------------------------------------------------------------------------------------

# ONE statement on PostgreSQL: lock the window (it must be open and free), choose the best
# waiting ticket among a few candidates per branch and lock it with SKIP LOCKED, mark it called,
# make it the window's current ticket, write the ticket event and the change-log row, NOTIFY.
_PG_CALL_NEXT = text(
    """
WITH hs AS (
    SELECT CAST(COALESCE(CAST(settings->>'weight_minutes' AS float8), 5) * 60000000 AS bigint)
               AS bonus,
           CAST(CAST(:now AS timestamptz) AT TIME ZONE timezone AS date) AS day
    FROM hall WHERE id = :hall_id
),
w AS (
    SELECT id, number FROM service_window
    WHERE hall_id = :hall_id AND number = :window AND active
      AND state = 'open' AND current_ticket_id IS NULL
    FOR UPDATE
),
wq AS (
    SELECT queue_id, weight FROM window_queue WHERE window_id = (SELECT id FROM w)
),
cand AS (
    SELECT c.id, 2 AS cls, c.sort_key - (GREATEST(wq.weight, 1) - 1) * (SELECT bonus FROM hs) AS k
    FROM wq CROSS JOIN LATERAL (
        SELECT t.id, t.sort_key FROM ticket t
        WHERE t.hall_id = :hall_id AND t.state = 'waiting' AND t.queue_id = wq.queue_id
          AND t.target_window_id IS NULL AND t.day = (SELECT day FROM hs)
        ORDER BY t.sort_key LIMIT {depth}
    ) c
    UNION ALL
    (SELECT t.id, 0, t.sort_key FROM ticket t
     WHERE t.hall_id = :hall_id AND t.state = 'waiting' AND t.appointment_at <= :now
       AND t.day = (SELECT day FROM hs)
       AND ((t.target_window_id IS NULL AND t.queue_id IN (SELECT queue_id FROM wq))
            OR t.target_window_id = (SELECT id FROM w))
     ORDER BY t.appointment_at LIMIT {appointment_depth})
    UNION ALL
    (SELECT t.id, 1, t.sort_key FROM ticket t
     WHERE t.target_window_id = (SELECT id FROM w) AND t.state = 'waiting'
       AND t.day = (SELECT day FROM hs)
     ORDER BY t.sort_key LIMIT {depth})
),
pick AS (
    SELECT t.id FROM ticket t JOIN cand c ON c.id = t.id
    WHERE t.id = ANY (ARRAY(SELECT id FROM cand))  -- primary-key lookups, never a scan
      AND t.state = 'waiting' AND EXISTS (SELECT 1 FROM w)
    ORDER BY c.cls, c.k, t.id
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED
),
upd AS (
    UPDATE ticket t
    SET state = 'called', window_id = (SELECT id FROM w), staff_id = :staff_id,
        called_at = GREATEST(CAST(:now AS timestamptz), t.queued_at, t.called_at),
        first_called_at = COALESCE(
            t.first_called_at, GREATEST(CAST(:now AS timestamptz), t.queued_at, t.called_at)),
        started_at = NULL, finished_at = NULL, target_window_id = NULL,
        version = t.version + 1
    FROM pick WHERE t.id = pick.id
    RETURNING t.id, t.number, t.queue_id, t.issue_queue_id, t.source, t.priority_reason, t.day,
              t.issued_at, t.queued_at, t.called_at, t.first_called_at, t.parked_at, t.recall_count,
              t.no_show_count, t.appointment_at, t.applicant_name_masked
),
uw AS (
    UPDATE service_window sw SET current_ticket_id = upd.id
    FROM upd WHERE sw.id = (SELECT id FROM w)
    RETURNING sw.id
),
ev AS (
    INSERT INTO ticket_event (ticket_id, type, at, window_id, staff_id, data)
    SELECT upd.id, 'called', upd.called_at, w.id, CAST(:staff_id AS bigint), CAST('{}' AS json)
    FROM upd, w
    RETURNING id
),
pl AS (
    SELECT upd.id, q.prefix, iq.prefix AS issue_prefix, w.number AS window_number,
           jsonb_build_object('ticket_id', upd.id, 'number', upd.number, 'queue', q.prefix,
                              'window', w.number, 'state', 'called',
                              'priority', upd.priority_reason) AS p
    FROM upd JOIN queue q ON q.id = upd.queue_id JOIN queue iq ON iq.id = upd.issue_queue_id, w
),
cl AS (
    INSERT INTO change_log (at, hall_id, type, payload)
    SELECT :now, :hall_id, 'ticket.called', CAST(pl.p AS json) FROM pl
    RETURNING id
)
SELECT upd.*, pl.prefix, pl.issue_prefix, pl.window_number, cl.id AS change_id,
       CAST(pl.p AS text) AS payload,
       pg_notify('{channel}', CAST(
           jsonb_build_object('id', cl.id, 'type', 'ticket.called',
                              'hall_id', CAST(:hall_id AS bigint),
                              'at', CAST(:at_iso AS text)) || pl.p AS text)) AS notified
FROM upd JOIN pl ON pl.id = upd.id, cl
"""
    # Constants, not parameters: the cached generic plan must know them to stay cheap (else
    # PostgreSQL plans the statement afresh on every call).
    .replace("{depth}", str(CANDIDATE_DEPTH))
    .replace("{appointment_depth}", str(APPOINTMENT_DEPTH))
    .replace("{channel}", NOTIFY_CHANNEL)
)


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


def _call_next_pg(
    s: Session, hall_id: int, number: int, staff_id: int | None, now: dt.datetime
) -> TicketResult | None:
    at_iso = now.isoformat()
    params = {
        "hall_id": hall_id,
        "window": int(number),
        "now": now,
        "staff_id": staff_id,
        "at_iso": at_iso,
    }
    for attempt in range(200):
        row = s.execute(_PG_CALL_NEXT, params).mappings().first()
        if row is not None:
            break
        if not _why_not_called(s, hall_id, number, now):
            return None
        time.sleep(min(0.001 * (attempt + 1), 0.02))  # every candidate was taken meanwhile
    else:  # pragma: no cover - 200 rounds of losing every race
        raise Conflict(what="叫号繁忙，请重试")
    payload = json.loads(row["payload"])
    view = TicketView(
        id=int(row["id"]),
        number=row["number"],
        queue=row["prefix"],
        issue_queue=row["issue_prefix"],
        state=CALLED,
        source=row["source"],
        priority_reason=row["priority_reason"],
        window=int(row["window_number"]),
        target_window=None,
        day=row["day"],
        issued_at=row["issued_at"].astimezone(dt.UTC),
        queued_at=row["queued_at"].astimezone(dt.UTC),
        called_at=row["called_at"].astimezone(dt.UTC),
        first_called_at=row["first_called_at"].astimezone(dt.UTC),
        parked_at=row["parked_at"].astimezone(dt.UTC) if row["parked_at"] else None,
        recall_count=int(row["recall_count"]),
        no_show_count=int(row["no_show_count"]),
        appointment_at=(
            row["appointment_at"].astimezone(dt.UTC) if row["appointment_at"] else None
        ),
        name_masked=row["applicant_name_masked"],
    )
    change = Change("ticket.called", hall_id, payload, at=at_iso, id=int(row["change_id"]))
    return TicketResult(view, view.window, (change,))


def call_next_generic(
    s: Session, hall: Hall, number: int, staff_id: int | None, now: dt.datetime
) -> TicketResult | None:
    """The same choice as :data:`_PG_CALL_NEXT`, step by step, for SQLite (whose transaction
    holds the database's write lock from ``BEGIN IMMEDIATE``, so nobody else moves meanwhile)."""
    win = load_window(s, hall.id, number)
    if win.state != W_OPEN or win.current_ticket_id is not None:
        _why_not_called(s, hall.id, number, now)
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
    ticket_id = min(ranked, key=lambda r: (r[0], r[1]))[1]
    t = s.get(Ticket, ticket_id, with_for_update=True)
    assert t is not None and t.state == WAITING
    at = mark_called(t, win, staff_id, now)
    win.current_ticket_id = t.id
    ticket_event(s, t.id, "called", at, win.id, staff_id)
    view, change = ticket_change(s, hall.id, "ticket.called", t)
    return TicketResult(view, win.number, (change,))


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


def finish_in(
    s: Session, hall_id: int, win: Window, staff_id: int | None, now: dt.datetime
) -> tuple[TicketView, Change]:
    t = current_ticket(s, win, "办结", "finish")
    at = later(now, t.started_at, t.called_at)
    t.state = DONE
    t.started_at = t.started_at or at
    t.finished_at = at
    t.version += 1
    win.current_ticket_id = None
    ticket_event(s, t.id, "finished", at, win.id, staff_id)
    return ticket_change(s, hall_id, "ticket.finished", t)


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
    with rt.unit() as s:
        finished: tuple[Change, ...] = ()
        if finish_current:
            hall = load_hall(s, actor.hall_id)
            win = load_window(s, hall.id, window)
            if win.current_ticket_id is not None:
                finished = (finish_in(s, hall.id, win, actor.staff_id, now)[1],)
                now = clock.now()  # the call comes after the finish
        if rt.is_postgres:  # the hot path: one statement, the hall row is read in it
            result = _call_next_pg(s, actor.hall_id, window, actor.staff_id, now)
        else:
            result = call_next_generic(s, load_hall(s, actor.hall_id), window, actor.staff_id, now)
        if result is None:
            return None
        if finished:
            return TicketResult(result.ticket, result.window, finished + result.changes)
        return result


def call_ticket(rt: Runtime, actor: Actor, window: int, ticket: int | str) -> TicketResult:
    """Call a particular waiting ticket (by id or today's number) to ``window``, out of turn."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        win = load_window(s, hall.id, window)
        require_free(s, win)
        t = find_ticket(s, hall, ticket, now)
        if t.state != WAITING:
            raise state_error(t, "叫号", "be called")
        at = mark_called(t, win, actor.staff_id, now)
        win.current_ticket_id = t.id
        ticket_event(s, t.id, "called", at, win.id, actor.staff_id, out_of_turn=True)
        view, change = ticket_change(s, hall.id, "ticket.called", t)
        return TicketResult(view, win.number, (change,))


def recall(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """重呼: call the window's current ticket again (at most ``recall_limit`` times)."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        win = load_window(s, hall.id, window)
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
        view, change = ticket_change(s, hall.id, "ticket.recalled", t, recall_count=t.recall_count)
        return TicketResult(view, win.number, (change,))


def no_show(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """过号: the called visitor did not come. By the hall's ``no_show_policy`` the ticket is
    void (state ``no_show``) or re-queued after ``requeue_after`` waiting tickets (at most
    ``requeue_limit`` times, then void). The window is free again."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        win = load_window(s, hall.id, window)
        t = current_ticket(s, win, "过号", "mark no-show")
        if t.state != CALLED:
            raise state_error(t, "过号", "be marked no-show")
        cfg = queue_settings(hall)
        now = later(now, t.called_at)
        t.no_show_count += 1
        t.version += 1
        win.current_ticket_id = None
        requeue = cfg["no_show_policy"] == "requeue" and t.no_show_count <= int(
            cfg["requeue_limit"]
        )
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
        else:
            t.state = NO_SHOW
        ticket_event(s, t.id, "no_show", now, win.id, actor.staff_id, requeued=requeue)
        view, change = ticket_change(
            s, hall.id, "ticket.no_show", t, requeued=requeue, window=win.number
        )
        return TicketResult(view, win.number, (change,))


def start_service(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """开始办理: the called visitor has arrived at the window."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        win = load_window(s, actor.hall_id, window)
        t = current_ticket(s, win, "开始办理", "start")
        if t.state != CALLED:
            raise state_error(t, "开始办理", "start service")
        at = later(now, t.called_at)
        t.state = SERVING
        t.started_at = at
        t.version += 1
        ticket_event(s, t.id, "started", at, win.id, actor.staff_id)
        view, change = ticket_change(s, actor.hall_id, "ticket.started", t)
        return TicketResult(view, win.number, (change,))


def finish_service(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """办结: the window's current ticket is done; the window is free for the next visitor."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        win = load_window(s, actor.hall_id, window)
        view, change = finish_in(s, actor.hall_id, win, actor.staff_id, now)
        return TicketResult(view, win.number, (change,))


def park(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """暂离: the visitor steps away (to copy a document ...); the ticket stays with this window
    as parked and the window may call the next visitor. :func:`resume` brings it back."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        win = load_window(s, actor.hall_id, window)
        t = current_ticket(s, win, "暂离", "park")
        at = later(now, t.called_at, t.started_at)
        t.state = PARKED
        t.parked_at = at
        t.version += 1
        win.current_ticket_id = None
        ticket_event(s, t.id, "parked", at, win.id, actor.staff_id)
        view, change = ticket_change(s, actor.hall_id, "ticket.parked", t)
        return TicketResult(view, win.number, (change,))


def resume(rt: Runtime, actor: Actor, window: int, ticket: int | str) -> TicketResult:
    """暂离返回: a parked ticket becomes ``window``'s current ticket again, in service if its
    service had started, else called. The window must be open and free."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        win = load_window(s, hall.id, window)
        require_free(s, win)
        t = find_ticket(s, hall, ticket, now)
        if t.state != PARKED:
            raise state_error(t, "恢复办理", "resume")
        t.state = SERVING if t.started_at is not None else CALLED
        t.window_id = win.id
        t.staff_id = actor.staff_id
        t.version += 1
        win.current_ticket_id = t.id
        ticket_event(s, t.id, "resumed", now, win.id, actor.staff_id)
        view, change = ticket_change(s, hall.id, "ticket.resumed", t)
        return TicketResult(view, win.number, (change,))


def transfer(
    rt: Runtime,
    actor: Actor,
    window: int,
    *,
    to_queue: str | int | None = None,
    to_window: int | None = None,
) -> TicketResult:
    """转办: send the window's current ticket to another queue and/or a named window. It waits
    again with its original issue time (``issued_at`` and its place by that time), so waiting
    statistics stay whole; a ticket sent to a named window is called only there."""
    require_role(rt, actor, CLERK, MANAGER)
    if to_queue is None and to_window is None:
        raise InvalidInput(field="转办目标（队列或窗口）")
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        win = load_window(s, hall.id, window)
        t = current_ticket(s, win, "转办", "transfer")
        target_q = load_queue(s, hall.id, to_queue) if to_queue is not None else None
        target_w = None
        if to_window is not None:
            if int(to_window) == win.number:
                raise InvalidInput(field="转办窗口（不能转给本窗口）")
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
        view, change = ticket_change(
            s,
            hall.id,
            "ticket.transferred",
            t,
            from_window=win.number,
            to_queue=target_q.prefix if target_q else None,
            to_window=target_w.number if target_w else None,
        )
        return TicketResult(view, None, (change,))


def void_ticket(rt: Runtime, actor: Actor, ticket: int | str, reason: str = "") -> TicketResult:
    """作废: cancel a ticket that is not finished (the visitor left, a mistaken ticket)."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        t = find_ticket(s, hall, ticket, now, lock=False)
        # Lock order everywhere: the window first, then its ticket.
        win = s.get(Window, t.window_id, with_for_update=True) if t.window_id else None
        s.refresh(t, with_for_update=True)
        if t.state not in OPEN_STATES:
            raise state_error(t, "作废", "be voided")
        if t.state in AT_WINDOW:
            if win is None or win.id != t.window_id:
                raise Conflict(what=f"{t.number}号刚被叫号，请重试")
            if win.current_ticket_id == t.id:
                win.current_ticket_id = None
        t.state = VOID
        t.version += 1
        ticket_event(s, t.id, "voided", now, t.window_id, actor.staff_id, reason=reason[:100])
        view, change = ticket_change(s, hall.id, "ticket.voided", t)
        return TicketResult(view, view.window, (change,))


def expire_stale(s: Session, hall: Hall, day: dt.date, now: dt.datetime) -> int:
    """Void the unfinished tickets of earlier days (numbers restart each day)."""
    stale = select(Ticket.id).where(
        Ticket.hall_id == hall.id, Ticket.state.in_(OPEN_STATES), Ticket.day < day
    )
    ids = list(s.scalars(stale).all())
    if not ids:
        return 0
    s.execute(
        update(Window)
        .where(Window.hall_id == hall.id, Window.current_ticket_id.in_(ids))
        .values(current_ticket_id=None)
    )
    s.execute(update(Ticket).where(Ticket.id.in_(ids)).values(state=VOID))
    for tid in ids:
        ticket_event(s, tid, "expired", now, None, None)
    emit(s, Change("queue.expired", hall.id, {"count": len(ids), "day": day.isoformat()}))
    return len(ids)


def set_window_state(rt: Runtime, actor: Actor, window: int, state: str) -> WindowResult:
    """开启 / 暂停 / 关闭 a window. Closing needs the current ticket finished or parked; opening
    a window also voids tickets left over from earlier days."""
    require_role(rt, actor, CLERK, MANAGER)
    if state not in WINDOW_STATES:
        raise InvalidInput(field=f"窗口状态“{state}”")
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        changes: list[Change] = []
        if state == W_OPEN:
            expire_stale(s, hall, local_day(hall, now), now)
        win = load_window(s, hall.id, window)
        if state == W_CLOSED and win.current_ticket_id is not None:
            cur = s.get(Ticket, win.current_ticket_id)
            raise WindowBusy(window=win.number, number=cur.number if cur else "?")
        if win.state != state:
            win.state = state
            win.state_changed_at = now
            if actor.staff_id is not None and state == W_OPEN:
                win.staff_id = actor.staff_id
            s.flush()
            changes.append(
                emit(
                    s,
                    Change(
                        "window.state",
                        hall.id,
                        {"window": win.number, "state": state, "window_id": win.id},
                    ),
                )
            )
        return WindowResult(window_view(s, win), tuple(changes))


def open_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_OPEN)


def pause_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_PAUSED)


def close_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_CLOSED)
