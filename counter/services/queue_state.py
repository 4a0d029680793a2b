"""The queue as screens see it (号票与窗口的视图): frozen views of tickets, windows and queues,
the reads behind the screens, and the helpers every queue service uses inside its unit of work.

Views carry ticket numbers, queue prefixes, window numbers and masked names only: never a full
name or an ID number.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.queue import (
    AT_WINDOW,
    CALLED,
    DONE,
    PARKED,
    SERVING,
    SETTING_DEFAULTS,
    TICKET_STATE_NAMES_ZH,
    W_OPEN,
    WAITING,
    NoCurrentTicket,
    TicketStateError,
    average_service_minutes,
    estimate_wait_minutes,
)
from counter.domain.ticketing import format_ticket_number, parse_ticket_number
from counter.errors import NotFound
from counter.services.base import (
    CLERK,
    MANAGER,
    Actor,
    Change,
    Runtime,
    emit,
    require_role,
)
from db.models import (
    Hall,
    Queue,
    Ticket,
    TicketCounter,
    TicketEvent,
    Window,
    WindowQueue,
)

# --------------------------------------------------------------------------------------------
# Plain data returned to callers
# --------------------------------------------------------------------------------------------


def iso_utc(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value is not None else None


@dataclass(frozen=True)
class TicketView:
    """A ticket as the screens and the CLI see it (masked name only, never an ID number)."""

    id: int
    number: str
    queue: str  # prefix of the queue it waits in / was served in
    issue_queue: str  # prefix of the queue that issued it (its number's letters)
    state: str
    source: str
    priority_reason: str
    window: int | None  # window number calling / serving / holding (parked) it
    target_window: int | None
    day: dt.date
    issued_at: dt.datetime
    queued_at: dt.datetime
    called_at: dt.datetime | None = None
    first_called_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    parked_at: dt.datetime | None = None
    recall_count: int = 0
    no_show_count: int = 0
    appointment_at: dt.datetime | None = None
    name_masked: str = ""

    @property
    def green_channel(self) -> bool:
        return bool(self.priority_reason)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "queue": self.queue,
            "issue_queue": self.issue_queue,
            "state": self.state,
            "source": self.source,
            "priority": self.priority_reason,
            "window": self.window,
            "target_window": self.target_window,
            "day": self.day.isoformat(),
            "issued_at": iso_utc(self.issued_at),
            "queued_at": iso_utc(self.queued_at),
            "called_at": iso_utc(self.called_at),
            "first_called_at": iso_utc(self.first_called_at),
            "started_at": iso_utc(self.started_at),
            "finished_at": iso_utc(self.finished_at),
            "parked_at": iso_utc(self.parked_at),
            "recall_count": self.recall_count,
            "no_show_count": self.no_show_count,
            "appointment_at": iso_utc(self.appointment_at),
            "name_masked": self.name_masked,
        }


@dataclass(frozen=True)
class IssueResult:
    ticket: TicketView
    people_ahead: int
    estimated_wait_minutes: int
    changes: tuple[Change, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            **self.ticket.to_json(),
            "people_ahead": self.people_ahead,
            "estimated_wait_minutes": self.estimated_wait_minutes,
        }


@dataclass(frozen=True)
class TicketResult:
    """The outcome of a window action on one ticket."""

    ticket: TicketView
    window: int | None
    changes: tuple[Change, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {**self.ticket.to_json(), "window": self.window}


@dataclass(frozen=True)
class WindowView:
    id: int
    number: int
    name: str
    state: str
    current_ticket_id: int | None
    current_number: str | None
    current_state: str | None
    queues: tuple[tuple[str, int], ...]  # (prefix, weight)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "state": self.state,
            "current_ticket_id": self.current_ticket_id,
            "current_number": self.current_number,
            "current_state": self.current_state,
            "queues": {p: w for p, w in self.queues},
        }


@dataclass(frozen=True)
class WindowResult:
    window: WindowView
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class QueueStatus:
    prefix: str
    name: str
    waiting: int
    parked: int
    in_service: int
    done: int
    issued: int
    daily_cap: int | None
    opens_at: dt.time | None
    closes_at: dt.time | None
    open_windows: int
    estimated_wait_minutes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "queue": self.prefix,
            "name": self.name,
            "waiting": self.waiting,
            "parked": self.parked,
            "in_service": self.in_service,
            "done": self.done,
            "issued": self.issued,
            "daily_cap": self.daily_cap,
            "opens_at": self.opens_at.isoformat() if self.opens_at else None,
            "closes_at": self.closes_at.isoformat() if self.closes_at else None,
            "open_windows": self.open_windows,
            "estimated_wait_minutes": self.estimated_wait_minutes,
        }


@dataclass(frozen=True)
class HallStatus:
    hall_id: int
    day: dt.date
    queues: tuple[QueueStatus, ...]
    windows: tuple[WindowView, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "hall_id": self.hall_id,
            "day": self.day.isoformat(),
            "queues": [q.to_json() for q in self.queues],
            "windows": [w.to_json() for w in self.windows],
        }


@dataclass(frozen=True)
class AppointmentView:
    id: int
    code: str
    queue: str
    slot_start: dt.datetime
    slot_end: dt.datetime
    state: str
    name_masked: str
    ticket_id: int | None = None


# --------------------------------------------------------------------------------------------
# Helpers inside a unit of work
# --------------------------------------------------------------------------------------------


def queue_settings(hall: Hall) -> dict[str, Any]:
    merged = dict(SETTING_DEFAULTS)
    merged.update({k: v for k, v in (hall.settings or {}).items() if v is not None})
    return merged


def local_day(hall: Hall, now: dt.datetime) -> dt.date:
    return now.astimezone(hall_tz(hall)).date()


def hall_tz(hall: Hall) -> dt.tzinfo:
    try:
        return ZoneInfo(hall.timezone or "Asia/Shanghai")
    except Exception:
        return clock.HALL_TZ


def load_hall(s: Session, hall_id: int) -> Hall:
    hall = s.get(Hall, hall_id)
    if hall is None:
        raise NotFound(what=f"便民服务中心（编号{hall_id}）")
    return hall


def load_queue(s: Session, hall_id: int, queue: str | int) -> Queue:
    if isinstance(queue, int):
        row = s.get(Queue, queue)
        if row is None or row.hall_id != hall_id:
            row = None
    else:
        row = s.scalars(
            select(Queue).where(Queue.hall_id == hall_id, Queue.prefix == queue.strip().upper())
        ).first()
    if row is None or not row.active:
        raise NotFound(what=f"队列 {queue}")
    return row


def load_window(s: Session, hall_id: int, number: int, *, lock: bool = True) -> Window:
    q = select(Window).where(Window.hall_id == hall_id, Window.number == int(number))
    if lock:
        q = q.with_for_update()
    win = s.scalars(q).first()
    if win is None or not win.active:
        raise NotFound(what=f"{number}号窗口")
    s.info.setdefault("window_number", {})[win.id] = win.number
    return win


def queue_prefix(s: Session, queue_id: int) -> str:
    cache: dict[int, str] = s.info.setdefault("queue_prefix", {})
    if queue_id not in cache:
        prefix = s.execute(select(Queue.prefix).where(Queue.id == queue_id)).scalar()
        cache[queue_id] = prefix or "?"
    return cache[queue_id]


def window_number_of(s: Session, window_id: int | None) -> int | None:
    if window_id is None:
        return None
    cache: dict[int, int | None] = s.info.setdefault("window_number", {})
    if window_id not in cache:
        cache[window_id] = s.execute(select(Window.number).where(Window.id == window_id)).scalar()
    return cache[window_id]


def ticket_view(s: Session, t: Ticket) -> TicketView:
    return TicketView(
        id=t.id,
        number=t.number,
        queue=queue_prefix(s, t.queue_id),
        issue_queue=queue_prefix(s, t.issue_queue_id),
        state=t.state,
        source=t.source,
        priority_reason=t.priority_reason,
        window=window_number_of(s, t.window_id),
        target_window=window_number_of(s, t.target_window_id),
        day=t.day,
        issued_at=t.issued_at,
        queued_at=t.queued_at,
        called_at=t.called_at,
        first_called_at=t.first_called_at,
        started_at=t.started_at,
        finished_at=t.finished_at,
        parked_at=t.parked_at,
        recall_count=t.recall_count,
        no_show_count=t.no_show_count,
        appointment_at=t.appointment_at,
        name_masked=t.applicant_name_masked,
    )


def ticket_payload(view: TicketView, **extra: Any) -> dict[str, Any]:
    """What a ticket change tells the screens: no name, no ID number."""
    return {
        "ticket_id": view.id,
        "number": view.number,
        "queue": view.queue,
        "window": view.window,
        "state": view.state,
        "priority": view.priority_reason,
        **extra,
    }


def ticket_event(
    s: Session,
    ticket_id: int,
    type_: str,
    now: dt.datetime,
    window_id: int | None,
    staff_id: int | None,
    **data: Any,
) -> None:
    s.execute(
        insert(TicketEvent).values(
            ticket_id=ticket_id,
            type=type_,
            at=now,
            window_id=window_id,
            staff_id=staff_id,
            data=data,
        )
    )


def state_error(t: Ticket, action: str, action_en: str) -> TicketStateError:
    return TicketStateError(
        number=t.number,
        state=TICKET_STATE_NAMES_ZH.get(t.state, t.state),
        state_en=t.state,
        action=action,
        action_en=action_en,
    )


def current_ticket(s: Session, win: Window, action: str, action_en: str) -> Ticket:
    """The window's current ticket, locked; refused if there is none."""
    if win.current_ticket_id is None:
        raise NoCurrentTicket(window=win.number)
    t = s.get(Ticket, win.current_ticket_id, with_for_update=True)
    if t is None or t.state not in AT_WINDOW:  # pragma: no cover - guarded by invariants
        raise NoCurrentTicket(window=win.number)
    return t


def find_ticket(
    s: Session, hall: Hall, ticket: int | str, now: dt.datetime, *, lock: bool = True
) -> Ticket:
    """A ticket by id, or by number (today's ticket of that number), locked unless ``lock``
    is False."""
    if isinstance(ticket, int) or (isinstance(ticket, str) and ticket.strip().isdigit()):
        t = s.get(Ticket, int(ticket), with_for_update=lock or None)
        if t is not None and t.hall_id == hall.id:
            return t
        raise NotFound(what=f"号票 {ticket}")
    parsed = parse_ticket_number(ticket)
    number = format_ticket_number(parsed.prefix, parsed.seq)
    q = select(Ticket).where(
        Ticket.hall_id == hall.id,
        Ticket.day == local_day(hall, now),
        Ticket.number.in_({number, ticket.strip().upper()}),
    )
    t = s.scalars(q.with_for_update() if lock else q).first()
    if t is None:
        raise NotFound(what=f"今日号票 {number}")
    return t


def ticket_change(
    s: Session, hall_id: int, type_: str, t: Ticket, **extra: Any
) -> tuple[TicketView, Change]:
    s.flush()
    view = ticket_view(s, t)
    return view, emit(s, Change(type_, hall_id, ticket_payload(view, **extra)))


def later(now: dt.datetime, *times: dt.datetime | None) -> dt.datetime:
    """``now``, or the latest of ``times`` if one is later (another PC's clock a little ahead,
    or a commit that landed while this unit waited for its lock): a ticket's times never go
    backwards."""
    return max([now, *(t for t in times if t is not None)])


def window_view(s: Session, win: Window) -> WindowView:
    cur = s.get(Ticket, win.current_ticket_id) if win.current_ticket_id else None
    queues = s.execute(
        select(Queue.prefix, WindowQueue.weight)
        .join(WindowQueue, WindowQueue.queue_id == Queue.id)
        .where(WindowQueue.window_id == win.id)
        .order_by(Queue.sort, Queue.prefix)
    ).all()
    return WindowView(
        id=win.id,
        number=win.number,
        name=win.name,
        state=win.state,
        current_ticket_id=win.current_ticket_id,
        current_number=cur.number if cur else None,
        current_state=cur.state if cur else None,
        queues=tuple((p, int(w)) for p, w in queues),
    )


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def serving_windows(s: Session, queue_id: int) -> int:
    """Open windows serving the queue; if none is open yet, the active ones that serve it."""
    rows = s.execute(
        select(Window.state)
        .join(WindowQueue, WindowQueue.window_id == Window.id)
        .where(WindowQueue.queue_id == queue_id, Window.active.is_(True))
    ).all()
    open_ = sum(1 for (state,) in rows if state == W_OPEN)
    return open_ or len(rows) or 1


_AVG_CACHE: dict[tuple[str, int, dt.date], tuple[dt.datetime, float]] = {}
_AVG_CACHE_LOCK = threading.Lock()
AVG_CACHE_SECONDS = 30


def average_service(s: Session, hall: Hall, queue_id: int, day: dt.date, now: dt.datetime) -> float:
    """Today's average service minutes of the queue over its last 50 finished tickets,
    recomputed at most every :data:`AVG_CACHE_SECONDS` per process (it is an estimate)."""
    bind = s.get_bind()
    key = (str(bind.engine.url), queue_id, day)
    with _AVG_CACHE_LOCK:
        hit = _AVG_CACHE.get(key)
    if hit is not None and dt.timedelta(0) <= now - hit[0] < dt.timedelta(
        seconds=AVG_CACHE_SECONDS
    ):
        return hit[1]
    pairs = s.execute(
        select(Ticket.called_at, Ticket.finished_at)
        .where(
            Ticket.issue_queue_id == queue_id,
            Ticket.day == day,
            Ticket.state == DONE,
            Ticket.finished_at.is_not(None),
        )
        .order_by(Ticket.finished_at.desc())
        .limit(50)
    ).all()
    value = average_service_minutes(
        [(a, b) for a, b in pairs if a is not None and b is not None],
        float(queue_settings(hall)["default_service_minutes"]),
    )
    with _AVG_CACHE_LOCK:
        if len(_AVG_CACHE) > 1000:
            _AVG_CACHE.clear()
        _AVG_CACHE[key] = (now, value)
    return value


def get_ticket(rt: Runtime, actor: Actor, ticket: int | str) -> TicketView:
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        return ticket_view(s, find_ticket(s, hall, ticket, clock.now()))


def window_status(rt: Runtime, actor: Actor, window: int) -> WindowView:
    with rt.unit() as s:
        return window_view(s, load_window(s, actor.hall_id, window, lock=False))


def waiting_tickets(
    rt: Runtime, actor: Actor, queue: str | None = None, limit: int = 200
) -> list[TicketView]:
    """Today's waiting tickets of the hall (or of one queue), in line order."""
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        q = select(Ticket).where(
            Ticket.hall_id == hall.id,
            Ticket.state == WAITING,
            Ticket.day == local_day(hall, clock.now()),
        )
        if queue is not None:
            q = q.where(Ticket.queue_id == load_queue(s, hall.id, queue).id)
        rows = s.scalars(q.order_by(Ticket.sort_key, Ticket.id).limit(limit)).all()
        return [ticket_view(s, t) for t in rows]


@dataclass(frozen=True)
class ParkedTicket:
    """A ticket parked (暂离) at a window, as the window's list of parked visitors shows it."""

    id: int
    number: str
    queue: str  # prefix of the queue it was served in
    queue_name: str
    window: int | None  # the window holding it
    parked_at: dt.datetime | None
    started: bool  # its service had started (resumes in service, else called)


def list_parked(rt: Runtime, actor: Actor, window_id: int | None = None) -> list[ParkedTicket]:
    """Today's parked tickets (暂离) of the hall, or only those ``window_id`` holds, oldest
    first. Clerks and managers."""
    require_role(rt, actor, CLERK, MANAGER)
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        q = (
            select(Ticket, Queue.name)
            .join(Queue, Queue.id == Ticket.queue_id)
            .where(
                Ticket.hall_id == hall.id,
                Ticket.state == PARKED,
                Ticket.day == local_day(hall, clock.now()),
            )
        )
        if window_id is not None:
            q = q.where(Ticket.window_id == window_id)
        rows = s.execute(q.order_by(Ticket.parked_at, Ticket.id)).all()
        return [
            ParkedTicket(
                id=t.id,
                number=t.number,
                queue=queue_prefix(s, t.queue_id),
                queue_name=str(name),
                window=window_number_of(s, t.window_id),
                parked_at=t.parked_at,
                started=t.started_at is not None,
            )
            for t, name in rows
        ]


def hall_status(rt: Runtime, actor: Actor) -> HallStatus:
    """Waiting counts per queue, today's figures and each window's state."""
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        day = local_day(hall, now)
        counts: dict[tuple[int, str], int] = {}
        for qid, state, n in s.execute(
            select(Ticket.queue_id, Ticket.state, func.count())
            .where(Ticket.hall_id == hall.id, Ticket.day == day)
            .group_by(Ticket.queue_id, Ticket.state)
        ).all():
            counts[(int(qid), state)] = int(n)
        issued = dict(
            s.execute(
                select(TicketCounter.queue_id, TicketCounter.last_seq).where(
                    TicketCounter.day == day
                )
            ).all()
        )
        queues = s.scalars(
            select(Queue).where(Queue.hall_id == hall.id).order_by(Queue.sort, Queue.prefix)
        ).all()
        qs = []
        for q in queues:
            waiting = counts.get((q.id, WAITING), 0)
            open_windows = int(
                s.execute(
                    select(func.count())
                    .select_from(Window)
                    .join(WindowQueue, WindowQueue.window_id == Window.id)
                    .where(WindowQueue.queue_id == q.id, Window.state == W_OPEN)
                ).scalar_one()
            )
            qs.append(
                QueueStatus(
                    prefix=q.prefix,
                    name=q.name,
                    waiting=waiting,
                    parked=counts.get((q.id, PARKED), 0),
                    in_service=counts.get((q.id, CALLED), 0) + counts.get((q.id, SERVING), 0),
                    done=counts.get((q.id, DONE), 0),
                    issued=int(issued.get(q.id, 0)),
                    daily_cap=q.daily_cap,
                    opens_at=q.opens_at,
                    closes_at=q.closes_at,
                    open_windows=open_windows,
                    estimated_wait_minutes=estimate_wait_minutes(
                        waiting, serving_windows(s, q.id), average_service(s, hall, q.id, day, now)
                    ),
                )
            )
        windows = s.scalars(
            select(Window)
            .where(Window.hall_id == hall.id, Window.active.is_(True))
            .order_by(Window.number)
        ).all()
        return HallStatus(hall.id, day, tuple(qs), tuple(window_view(s, w) for w in windows))
