"""The queue as screens see it (号票与窗口的视图): frozen views of tickets, windows and queues,
the reads behind the screens, and the helpers every queue service uses inside its unit of work.

Views carry ticket numbers, queue prefixes, window numbers and masked names only: never a full
name or an ID number.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.domain.live import QueueCount, WindowLine, counts_in, counts_payload, window_payload
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
from counter.errors import Bi, NotFound
from counter.services.base import CLERK, MANAGER, Actor, Runtime, require_role
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
    version: int = 0
    state_changed_at: dt.datetime | None = None

    @property
    def line(self) -> WindowLine:
        """The window as public screens see it (see :mod:`counter.domain.live`)."""
        return WindowLine(
            self.number, self.state, self.current_number, self.current_state, self.version
        )

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
            "version": self.version,
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
    day: dt.date | None = None
    version: int = 0  # of the waiting count (see :mod:`counter.domain.live`)

    @property
    def count(self) -> QueueCount:
        return QueueCount(self.prefix, self.day or dt.date.min, self.waiting, self.version)

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
            "version": self.version,
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
        raise NotFound(what=Bi(f"便民服务中心（编号{hall_id}）", f"hall (id {hall_id})"))
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
        raise NotFound(what=Bi(f"队列 {queue}", f"queue {queue}"))
    return row


def load_window(s: Session, hall_id: int, number: int, *, lock: bool = True) -> Window:
    q = select(Window).where(Window.hall_id == hall_id, Window.number == int(number))
    if lock:
        q = q.with_for_update()
    win = s.scalars(q).first()
    if win is None or not win.active:
        raise NotFound(what=Bi(f"{number}号窗口", f"window {number}"))
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
        raise NotFound(what=Bi(f"号票 {ticket}", f"ticket {ticket}"))
    parsed = parse_ticket_number(ticket)
    number = format_ticket_number(parsed.prefix, parsed.seq)
    q = select(Ticket).where(
        Ticket.hall_id == hall.id,
        Ticket.day == local_day(hall, now),
        Ticket.number.in_({number, ticket.strip().upper()}),
    )
    t = s.scalars(q.with_for_update() if lock else q).first()
    if t is None:
        raise NotFound(what=Bi(f"今日号票 {number}", f"today's ticket {number}"))
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


def touch_window(win: Window) -> None:
    """Record that ``win``'s state or current ticket changed (its line's version)."""
    win.version = (win.version or 0) + 1


def window_line(s: Session, win: Window) -> WindowLine:
    """``win`` as public screens see it, as it stands in this unit of work."""
    number, state = None, None
    if win.current_ticket_id is not None:
        cur = s.get(Ticket, win.current_ticket_id)
        if cur is not None:
            number, state = cur.number, cur.state
    return WindowLine(win.number, win.state, number, state, int(win.version or 0))


def bump_waiting(s: Session, queue_id: int, day: dt.date, delta: int) -> tuple[dt.date, int, int]:
    """Move ``delta`` tickets into (+) or out of (−) the line of queue ``queue_id`` on ``day``;
    returns ``(day, waiting, version)`` as they now stand. The counter row is created when the
    first ticket of the day enters the line, and stays locked to the end of the unit of work."""
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    stmt = (
        upsert(TicketCounter)
        .values(queue_id=queue_id, day=day, last_seq=0, waiting=delta, version=1)
        .on_conflict_do_update(
            index_elements=[TicketCounter.queue_id, TicketCounter.day],
            set_={
                "waiting": TicketCounter.waiting + delta,
                "version": TicketCounter.version + 1,
            },
        )
        .returning(TicketCounter.waiting, TicketCounter.version)
    )
    waiting, version = s.execute(stmt).one()
    return day, int(waiting), int(version)


def line_payload(
    s: Session, counts: dict[str, tuple[dt.date, int, int]], win: Window | None
) -> dict[str, Any]:
    """The ``queues`` and ``windows`` parts of a ticket change (see :mod:`counter.domain.live`)."""
    out: dict[str, Any] = {}
    if counts:
        out.update(counts_payload(counts))
    if win is not None:
        out.update(window_payload(window_line(s, win)))
    return out


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
        version=int(win.version or 0),
        state_changed_at=win.state_changed_at,
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


def average_service(
    s: Session | Connection,
    hall: Hall | None,
    queue_id: int,
    day: dt.date,
    now: dt.datetime,
    *,
    default: float | None = None,
) -> float:
    """Today's average service minutes of the queue over its last 50 finished tickets,
    recomputed at most every :data:`AVG_CACHE_SECONDS` per process (it is an estimate).
    ``default`` (else the hall's ``default_service_minutes``) before any ticket is finished."""
    engine = s.get_bind().engine if isinstance(s, Session) else s.engine
    key = (str(engine.url), queue_id, day)
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
    if default is None:
        default = float(queue_settings(hall)["default_service_minutes"]) if hall else 8.0
    value = average_service_minutes(
        [(a, b) for a, b in pairs if a is not None and b is not None], default
    )
    with _AVG_CACHE_LOCK:
        if len(_AVG_CACHE) > 1000:
            _AVG_CACHE.clear()
        _AVG_CACHE[key] = (now, value)
    return value


def get_ticket(rt: Runtime, actor: Actor, ticket: int | str) -> TicketView:
    with rt.unit(read_only=True) as s:
        hall = load_hall(s, actor.hall_id)
        return ticket_view(s, find_ticket(s, hall, ticket, clock.now(), lock=False))


def window_status(rt: Runtime, actor: Actor, window: int) -> WindowView:
    with rt.unit(read_only=True) as s:
        return window_view(s, load_window(s, actor.hall_id, window, lock=False))


def waiting_tickets(
    rt: Runtime, actor: Actor, queue: str | None = None, limit: int = 200
) -> list[TicketView]:
    """Today's waiting tickets of the hall (or of one queue), in line order."""
    with rt.unit(read_only=True) as s:
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
    priority_reason: str = ""  # 绿色通道: elderly, disabled, pregnant, veteran
    source: str = ""  # kiosk, window, appointment, idcard


def list_parked(rt: Runtime, actor: Actor, window_id: int | None = None) -> list[ParkedTicket]:
    """Today's parked tickets (暂离) of the hall, or only those ``window_id`` holds, oldest
    first. Clerks and managers."""
    require_role(rt, actor, CLERK, MANAGER)
    with rt.unit(read_only=True) as s:
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
                priority_reason=t.priority_reason or "",
                source=t.source or "",
            )
            for t, name in rows
        ]


def hall_status(rt: Runtime, actor: Actor) -> HallStatus:
    """Waiting counts per queue (with their versions), today's figures and each window's state,
    in a handful of statements whatever the number of queues. Read only."""
    now = clock.now()
    with rt.unit(read_only=True) as s:
        return hall_status_in(s, load_hall(s, actor.hall_id), now)


def hall_status_in(s: Session, hall: Hall, now: dt.datetime) -> HallStatus:
    """:func:`hall_status` inside the caller's unit of work (a screen's door reads more in the
    same transaction)."""
    day = local_day(hall, now)
    counts: dict[tuple[int, str], int] = {}
    for qid, state, n in s.execute(
        select(Ticket.queue_id, Ticket.state, func.count())
        .where(Ticket.hall_id == hall.id, Ticket.day == day)
        .group_by(Ticket.queue_id, Ticket.state)
    ).all():
        counts[(int(qid), state)] = int(n)
    lines = {
        int(qid): (int(seq), int(waiting), int(version))
        for qid, seq, waiting, version in s.execute(
            select(
                TicketCounter.queue_id,
                TicketCounter.last_seq,
                TicketCounter.waiting,
                TicketCounter.version,
            ).where(
                TicketCounter.day == day,
                TicketCounter.queue_id.in_(select(Queue.id).where(Queue.hall_id == hall.id)),
            )
        ).all()
    }
    serving: dict[int, tuple[int, int]] = {}  # queue → (open windows, active windows)
    for qid, state, n in s.execute(
        select(WindowQueue.queue_id, Window.state, func.count())
        .join(Window, Window.id == WindowQueue.window_id)
        .where(Window.hall_id == hall.id, Window.active.is_(True))
        .group_by(WindowQueue.queue_id, Window.state)
    ).all():
        opened, active = serving.get(int(qid), (0, 0))
        serving[int(qid)] = (opened + (int(n) if state == W_OPEN else 0), active + int(n))
    queues = s.scalars(
        select(Queue).where(Queue.hall_id == hall.id).order_by(Queue.sort, Queue.prefix)
    ).all()
    qs = []
    for q in queues:
        seq, waiting, version = lines.get(q.id, (0, 0, 0))
        opened, active = serving.get(q.id, (0, 0))
        qs.append(
            QueueStatus(
                prefix=q.prefix,
                name=q.name,
                waiting=waiting,
                parked=counts.get((q.id, PARKED), 0),
                in_service=counts.get((q.id, CALLED), 0) + counts.get((q.id, SERVING), 0),
                done=counts.get((q.id, DONE), 0),
                issued=seq,
                daily_cap=q.daily_cap,
                opens_at=q.opens_at,
                closes_at=q.closes_at,
                open_windows=opened,
                estimated_wait_minutes=estimate_wait_minutes(
                    waiting, opened or active or 1, average_service(s, hall, q.id, day, now)
                ),
                day=day,
                version=version,
            )
        )
    windows = s.scalars(
        select(Window)
        .where(Window.hall_id == hall.id, Window.active.is_(True))
        .order_by(Window.number)
    ).all()
    return HallStatus(hall.id, day, tuple(qs), tuple(window_view(s, w) for w in windows))


# --------------------------------------------------------------------------------------------
# The window as its clerk sees it
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueLine:
    """One of a window's queues, as the window's queue bar shows it: the line's count (with its
    day and version, see :mod:`counter.domain.live`) and the estimated wait of a newcomer."""

    prefix: str
    name: str
    weight: int
    waiting: int
    day: dt.date
    version: int
    open_windows: int
    estimate_minutes: int
    service_minutes: float = 8.0  # per visitor, today's average (the estimate's basis)

    @property
    def count(self) -> QueueCount:
        return QueueCount(self.prefix, self.day, self.waiting, self.version)

    def with_count(self, count: QueueCount) -> QueueLine:
        """This line with a newer count (and the estimate that follows from it)."""
        return replace(
            self,
            waiting=count.waiting,
            day=count.day,
            version=count.version,
            estimate_minutes=estimate_wait_minutes(
                count.waiting, max(self.open_windows, 1), self.service_minutes
            ),
        )


@dataclass(frozen=True)
class WindowState:
    """A window as its clerk sees it: open / paused / closed, the ticket at it, its parked
    tickets, and the lines of the queues it serves (heaviest weight first)."""

    id: int
    number: int
    name: str
    state: str
    version: int
    day: dt.date
    current: TicketView | None
    parked: tuple[ParkedTicket, ...]
    queues: tuple[QueueLine, ...]

    @property
    def waiting(self) -> int:
        return sum(q.waiting for q in self.queues)

    @property
    def estimate_minutes(self) -> int | None:
        """The longest estimated wait over the window's queues (None: it serves none)."""
        return max((q.estimate_minutes for q in self.queues), default=None)

    @property
    def line(self) -> WindowLine:
        c = self.current
        return WindowLine(
            self.number, self.state, c.number if c else None, c.state if c else None, self.version
        )

    def with_counts(self, payload: Mapping[str, Any]) -> WindowState:
        """This state with the newer queue counts a change ``payload`` carries (another PC's
        issue or call); ``self`` when nothing of this window's queues changed."""
        counts = {c.prefix: c for c in counts_in(payload)}
        lines = []
        for q in self.queues:
            c = counts.get(q.prefix)
            lines.append(q.with_count(c) if c is not None and c.newer_than(q.count) else q)
        if all(a is b for a, b in zip(lines, self.queues, strict=True)):
            return self
        return replace(self, queues=tuple(lines))

    def merged_with(self, newer: WindowState) -> WindowState:
        """The freshest of two readings of this window: the window part (state, ticket, parked
        list) of the one with the higher window version (``newer`` on a tie), and each queue's
        line with the higher (day, version). A reading made before this window's own latest
        action can thus never put back a ticket that is gone."""
        base = newer if newer.version >= self.version else self
        mine = {q.prefix: q for q in self.queues}
        lines = []
        for q in base.queues:
            old = mine.get(q.prefix)
            lines.append(old if old is not None and old.count.newer_than(q.count) else q)
        return replace(base, queues=tuple(lines))


def parked_of(s: Session, hall: Hall, window_id: int, day: dt.date) -> tuple[ParkedTicket, ...]:
    rows = s.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.queue_id,
            Queue.name,
            Ticket.window_id,
            Ticket.parked_at,
            Ticket.started_at,
            Ticket.priority_reason,
            Ticket.source,
        )
        .join(Queue, Queue.id == Ticket.queue_id)
        .where(
            Ticket.hall_id == hall.id,
            Ticket.state == PARKED,
            Ticket.day == day,
            Ticket.window_id == window_id,
        )
        .order_by(Ticket.parked_at, Ticket.id)
    ).all()
    return tuple(
        ParkedTicket(
            id=int(r.id),
            number=r.number,
            queue=queue_prefix(s, r.queue_id),
            queue_name=str(r.name),
            window=window_number_of(s, r.window_id),
            parked_at=r.parked_at,
            started=r.started_at is not None,
            priority_reason=r.priority_reason or "",
            source=r.source or "",
        )
        for r in rows
    )


def queue_lines(
    s: Session, hall: Hall, window_id: int, day: dt.date, now: dt.datetime
) -> tuple[QueueLine, ...]:
    """The window's queues with their counts of ``day`` and estimates, heaviest first."""
    open_windows = (
        select(func.count())
        .select_from(WindowQueue)
        .join(Window, Window.id == WindowQueue.window_id)
        .where(WindowQueue.queue_id == Queue.id, Window.state == W_OPEN, Window.active.is_(True))
        .correlate(Queue)
        .scalar_subquery()
    )
    rows = s.execute(
        select(
            Queue.id,
            Queue.prefix,
            Queue.name,
            WindowQueue.weight,
            TicketCounter.waiting,
            TicketCounter.version,
            open_windows.label("open_windows"),
        )
        .join(WindowQueue, WindowQueue.queue_id == Queue.id)
        .outerjoin(
            TicketCounter, and_(TicketCounter.queue_id == Queue.id, TicketCounter.day == day)
        )
        .where(WindowQueue.window_id == window_id, Queue.active.is_(True))
        .order_by(WindowQueue.weight.desc(), Queue.sort, Queue.prefix)
    ).all()
    out = []
    for r in rows:
        waiting = int(r.waiting or 0)
        opened = int(r.open_windows or 0)
        minutes = average_service(s, hall, int(r.id), day, now)
        out.append(
            QueueLine(
                prefix=r.prefix,
                name=r.name,
                weight=int(r.weight),
                waiting=waiting,
                day=day,
                version=int(r.version or 0),
                open_windows=opened,
                estimate_minutes=estimate_wait_minutes(waiting, max(opened, 1), minutes),
                service_minutes=minutes,
            )
        )
    return tuple(out)


def window_state_in(s: Session, hall: Hall, win: Window, now: dt.datetime) -> WindowState:
    """``win`` as its clerk sees it, read in the caller's unit of work (after its writes)."""
    s.flush()
    day = local_day(hall, now)
    cur = s.get(Ticket, win.current_ticket_id) if win.current_ticket_id else None
    return WindowState(
        id=win.id,
        number=win.number,
        name=win.name,
        state=win.state,
        version=int(win.version or 0),
        day=day,
        current=ticket_view(s, cur) if cur is not None else None,
        parked=parked_of(s, hall, win.id, day),
        queues=queue_lines(s, hall, win.id, day, now),
    )
