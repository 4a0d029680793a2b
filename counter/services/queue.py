"""The queue engine (排队叫号): tickets issued at the kiosk or the window, called at every window,
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
import math
import secrets
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.masking import id_hash, mask_name, mask_phone
from counter.domain.ticketing import format_ticket_number, parse_ticket_number
from counter.errors import (
    Conflict,
    CounterError,
    InvalidInput,
    InvalidState,
    NotFound,
)
from counter.services.base import (
    CLERK,
    MANAGER,
    NOTIFY_CHANNEL,
    Actor,
    Change,
    Runtime,
    emit,
    hall_key,
    require_role,
)
from db.models import (
    Appointment,
    Hall,
    Queue,
    Ticket,
    TicketCounter,
    TicketEvent,
    Window,
    WindowQueue,
)

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

WAITING = "waiting"  # 等候
CALLED = "called"  # 已叫号
SERVING = "serving"  # 办理中
PARKED = "parked"  # 暂离
DONE = "done"  # 已办结
NO_SHOW = "no_show"  # 过号
VOID = "void"  # 作废
TICKET_STATES = (WAITING, CALLED, SERVING, PARKED, DONE, NO_SHOW, VOID)
TICKET_STATE_NAMES_ZH = {
    WAITING: "等候",
    CALLED: "已叫号",
    SERVING: "办理中",
    PARKED: "暂离",
    DONE: "已办结",
    NO_SHOW: "过号",
    VOID: "作废",
}
AT_WINDOW = (CALLED, SERVING)  # a window's current ticket is in one of these
OPEN_STATES = (WAITING, CALLED, SERVING, PARKED)  # not finished yet

SOURCES = ("kiosk", "window", "appointment", "idcard")
SOURCE_NAMES_ZH = {"kiosk": "取号机", "window": "窗口", "appointment": "预约", "idcard": "刷身份证"}

# 绿色通道 (green channel): priority reasons.
PRIORITY_REASONS = {
    "elderly": "老年人",
    "disabled": "残疾人",
    "pregnant": "孕妇",
    "veteran": "军人/退役军人",
}

W_OPEN, W_PAUSED, W_CLOSED = "open", "paused", "closed"
WINDOW_STATES = (W_OPEN, W_PAUSED, W_CLOSED)
WINDOW_STATE_NAMES_ZH = {W_OPEN: "开启", W_PAUSED: "暂停", W_CLOSED: "关闭"}

# Hall settings read here, with their defaults (Hall.settings may override each).
SETTING_DEFAULTS: dict[str, Any] = {
    "recall_limit": 3,  # 重呼次数上限
    "no_show_policy": "requeue",  # 过号: requeue | void
    "requeue_after": 3,  # 过号重排：排在其后 K 位
    "requeue_limit": 1,  # 过号最多重排几次，之后作废
    "weight_minutes": 5,  # 窗口队列权重：每多 1 点权重相当于多等 N 分钟
    "default_service_minutes": 8,  # 尚无今日办结数据时的平均办理时长
    "appointment_early_minutes": 60,  # 预约可提前签到的分钟数
    "appointment_late_minutes": 15,  # 预约时段结束后仍可签到的分钟数
}

GREEN_CHANNEL_LEAD_US = 10**13  # ≈ 116 days: a green ticket sorts before every ordinary one
# Candidates per queue looked at by one "call next" on PostgreSQL: locked ones are skipped, and
# if windows racing for the same queue took them all, the call simply tries again.
CANDIDATE_DEPTH = 16
APPOINTMENT_DEPTH = 4  # due appointments are few
PEOPLE_AHEAD_CAP = 1000  # "people ahead" is counted up to this many
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class QueueClosed(CounterError):
    code = "queue_closed"
    zh = "{queue}（{prefix}）当前不在取号时间（{hours}），请在办公时间内取号"
    en = "Queue {prefix} is not issuing tickets now (hours {hours})"


class DailyCapReached(CounterError):
    code = "daily_cap_reached"
    zh = "{queue}（{prefix}）今日号票已取完（每日上限{cap}张），请明日再来或改约"
    en = "Queue {prefix} has issued today's {cap} tickets; please come back tomorrow"


class WindowNotOpen(CounterError):
    code = "window_not_open"
    zh = "{window}号窗口未开启（当前：{state}），请先开启窗口"
    en = "Window {window} is not open (now {state_en}); open it first"


class WindowBusy(CounterError):
    code = "window_busy"
    zh = "{window}号窗口的{number}号尚未办结，请先办结、暂离或过号后再叫下一位"
    en = "Ticket {number} at window {window} is not finished; finish or park it first"


class NoCurrentTicket(CounterError):
    code = "no_current_ticket"
    zh = "{window}号窗口当前没有正在呼叫或办理的号票"
    en = "Window {window} has no ticket called or in service"


class RecallLimitReached(CounterError):
    code = "recall_limit"
    zh = "{number}号已重呼{count}次，达到上限，请按过号处理"
    en = "Ticket {number} was recalled {count} times (the limit); mark it as a no-show"


class TicketStateError(InvalidState):
    code = "ticket_state"
    zh = "{number}号当前状态为“{state}”，不能{action}"
    en = "Ticket {number} is {state_en}; cannot {action_en}"


class AppointmentError(CounterError):
    code = "appointment"
    zh = "预约签到失败：{reason}"
    en = "Appointment check-in refused: {reason_en}"


# --------------------------------------------------------------------------------------------
# Plain data returned to callers
# --------------------------------------------------------------------------------------------


def _iso(value: dt.datetime | None) -> str | None:
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
            "issued_at": _iso(self.issued_at),
            "queued_at": _iso(self.queued_at),
            "called_at": _iso(self.called_at),
            "first_called_at": _iso(self.first_called_at),
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "parked_at": _iso(self.parked_at),
            "recall_count": self.recall_count,
            "no_show_count": self.no_show_count,
            "appointment_at": _iso(self.appointment_at),
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
# Pure rules (unit-tested without a database)
# --------------------------------------------------------------------------------------------


def time_key(at: dt.datetime) -> int:
    """Microseconds since the epoch: the ``sort_key`` of a ticket that joined its line at ``at``."""
    return (at.astimezone(dt.UTC) - _EPOCH) // _US


def initial_sort_key(at: dt.datetime, green_channel: bool) -> int:
    """Place in line of a ticket joining at ``at``; green-channel tickets go before all others."""
    return time_key(at) - (GREEN_CHANNEL_LEAD_US if green_channel else 0)


def requeue_sort_key(keys: Sequence[int], after: int, end_key: int) -> int:
    """The ``sort_key`` placing a re-queued no-show after ``after`` waiting tickets.

    ``keys``: the sort keys of the queue's waiting tickets, ascending (at least ``after + 1`` of
    them if there are that many); ``end_key``: the key of joining the back of the line now.
    Fewer than ``after`` waiting: the back of the line. Ties are broken by ticket id."""
    if not keys:
        return end_key
    if after <= 0:
        return keys[0] - 1
    if len(keys) <= after:
        return max(end_key, keys[-1] + 1)
    a, b = keys[after - 1], keys[after]
    if b - a >= 2:
        return a + (b - a) // 2
    return b


def weighted_rank(cls: int, sort_key: int, weight: int, weight_minutes: float) -> tuple[int, int]:
    """Order of a candidate at a window: class (0 appointment due, 1 sent to this window,
    2 others), then ``sort_key`` less the weight head start (see the module docstring)."""
    bonus = int(weight_minutes * 60_000_000) * (max(weight, 1) - 1) if cls == 2 else 0
    return cls, sort_key - bonus


def estimate_wait_minutes(people_ahead: int, windows: int, avg_service_minutes: float) -> int:
    """Expected wait of a new ticket: the people ahead shared among the windows serving its
    queue, each taking today's average service time. 0 when nobody is ahead."""
    if people_ahead <= 0:
        return 0
    return max(1, math.ceil(people_ahead * max(avg_service_minutes, 0.5) / max(windows, 1)))


def within_hours(local_time: dt.time, opens: dt.time | None, closes: dt.time | None) -> bool:
    """Whether tickets may be issued at ``local_time`` (opening time inclusive, closing time
    exclusive; a missing bound is no bound)."""
    if opens is not None and local_time < opens:
        return False
    return not (closes is not None and local_time >= closes)


def average_service_minutes(
    pairs: Sequence[tuple[dt.datetime, dt.datetime]], default: float
) -> float:
    """Mean of (finished − called) in minutes over today's finished tickets, else ``default``.
    Each duration is clamped to 0.5–120 minutes so one forgotten ticket does not skew it."""
    durations = [
        min(max((end - start).total_seconds() / 60, 0.5), 120.0)
        for start, end in pairs
        if start is not None and end is not None
    ]
    if not durations:
        return float(default)
    return sum(durations) / len(durations)


# --------------------------------------------------------------------------------------------
# Helpers inside a unit of work
# --------------------------------------------------------------------------------------------


def _settings(hall: Hall) -> dict[str, Any]:
    merged = dict(SETTING_DEFAULTS)
    merged.update({k: v for k, v in (hall.settings or {}).items() if v is not None})
    return merged


def _local_day(hall: Hall, now: dt.datetime) -> dt.date:
    return now.astimezone(_tz(hall)).date()


def _tz(hall: Hall) -> dt.tzinfo:
    try:
        return ZoneInfo(hall.timezone or "Asia/Shanghai")
    except Exception:
        return clock.HALL_TZ


def _hall(s: Session, hall_id: int) -> Hall:
    hall = s.get(Hall, hall_id)
    if hall is None:
        raise NotFound(what=f"便民服务中心（编号{hall_id}）")
    return hall


def _queue(s: Session, hall_id: int, queue: str | int) -> Queue:
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


def _window(s: Session, hall_id: int, number: int, *, lock: bool = True) -> Window:
    q = select(Window).where(Window.hall_id == hall_id, Window.number == int(number))
    if lock:
        q = q.with_for_update()
    win = s.scalars(q).first()
    if win is None or not win.active:
        raise NotFound(what=f"{number}号窗口")
    s.info.setdefault("window_number", {})[win.id] = win.number
    return win


def _prefix(s: Session, queue_id: int) -> str:
    cache: dict[int, str] = s.info.setdefault("queue_prefix", {})
    if queue_id not in cache:
        prefix = s.execute(select(Queue.prefix).where(Queue.id == queue_id)).scalar()
        cache[queue_id] = prefix or "?"
    return cache[queue_id]


def _window_number(s: Session, window_id: int | None) -> int | None:
    if window_id is None:
        return None
    cache: dict[int, int | None] = s.info.setdefault("window_number", {})
    if window_id not in cache:
        cache[window_id] = s.execute(select(Window.number).where(Window.id == window_id)).scalar()
    return cache[window_id]


def _view(s: Session, t: Ticket) -> TicketView:
    return TicketView(
        id=t.id,
        number=t.number,
        queue=_prefix(s, t.queue_id),
        issue_queue=_prefix(s, t.issue_queue_id),
        state=t.state,
        source=t.source,
        priority_reason=t.priority_reason,
        window=_window_number(s, t.window_id),
        target_window=_window_number(s, t.target_window_id),
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


def _payload(view: TicketView, **extra: Any) -> dict[str, Any]:
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


def _event(
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


def _state_error(t: Ticket, action: str, action_en: str) -> TicketStateError:
    return TicketStateError(
        number=t.number,
        state=TICKET_STATE_NAMES_ZH.get(t.state, t.state),
        state_en=t.state,
        action=action,
        action_en=action_en,
    )


def _current(s: Session, win: Window, action: str, action_en: str) -> Ticket:
    """The window's current ticket, locked; refused if there is none."""
    if win.current_ticket_id is None:
        raise NoCurrentTicket(window=win.number)
    t = s.get(Ticket, win.current_ticket_id, with_for_update=True)
    if t is None or t.state not in AT_WINDOW:  # pragma: no cover - guarded by invariants
        raise NoCurrentTicket(window=win.number)
    return t


def _find_ticket(
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
        Ticket.day == _local_day(hall, now),
        Ticket.number.in_({number, ticket.strip().upper()}),
    )
    t = s.scalars(q.with_for_update() if lock else q).first()
    if t is None:
        raise NotFound(what=f"今日号票 {number}")
    return t


def _ticket_change(
    s: Session, hall_id: int, type_: str, t: Ticket, **extra: Any
) -> tuple[TicketView, Change]:
    s.flush()
    view = _view(s, t)
    return view, emit(s, Change(type_, hall_id, _payload(view, **extra)))


# --------------------------------------------------------------------------------------------
# Issuing
# --------------------------------------------------------------------------------------------


def _next_seq(s: Session, queue_id: int, day: dt.date) -> int:
    """Bump the queue's counter for ``day`` and return the new number (row locked to commit)."""
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    stmt = (
        upsert(TicketCounter)
        .values(queue_id=queue_id, day=day, last_seq=1)
        .on_conflict_do_update(
            index_elements=[TicketCounter.queue_id, TicketCounter.day],
            set_={"last_seq": TicketCounter.last_seq + 1},
        )
        .returning(TicketCounter.last_seq)
    )
    return int(s.execute(stmt).scalar_one())


def _issue(
    s: Session,
    actor: Actor,
    hall: Hall,
    q: Queue,
    now: dt.datetime,
    *,
    source: str,
    priority_reason: str = "",
    name_masked: str = "",
    id_digest: str | None = None,
    appointment: Appointment | None = None,
    enforce: bool = True,
    reread_clock: bool = False,
) -> IssueResult:
    local = now.astimezone(_tz(hall))
    day = local.date()
    if enforce and not within_hours(local.time().replace(tzinfo=None), q.opens_at, q.closes_at):
        hours = (
            f"{q.opens_at.strftime('%H:%M') if q.opens_at else '—'}"
            f"–{q.closes_at.strftime('%H:%M') if q.closes_at else '—'}"
        )
        raise QueueClosed(queue=q.name, prefix=q.prefix, hours=hours)
    seq = _next_seq(s, q.id, day)
    if enforce and q.daily_cap is not None and seq > q.daily_cap:
        raise DailyCapReached(queue=q.name, prefix=q.prefix, cap=q.daily_cap)
    if reread_clock:  # the counter row is ours now: issue times follow the numbers
        now = _later(clock.now(), now)
    number = format_ticket_number(q.prefix, seq)
    green = bool(priority_reason)
    if appointment is not None:
        key = initial_sort_key(appointment.slot_start, green)
    else:
        key = initial_sort_key(now, green)
    ticket_id = s.execute(
        insert(Ticket)
        .values(
            hall_id=hall.id,
            queue_id=q.id,
            issue_queue_id=q.id,
            day=day,
            seq=seq,
            number=number,
            source=source,
            state=WAITING,
            priority=1 if green else 0,
            priority_reason=priority_reason,
            appointment_id=appointment.id if appointment is not None else None,
            appointment_at=appointment.slot_start if appointment is not None else None,
            sort_key=key,
            issued_at=now,
            queued_at=now,
            applicant_name_masked=name_masked,
            applicant_id_hash=id_digest,
            recall_count=0,
            no_show_count=0,
            version=1,
        )
        .returning(Ticket.id)
    ).scalar_one()
    _event(s, ticket_id, "issued", now, None, actor.staff_id, source=source)
    ahead = (
        select(Ticket.id)
        .where(
            Ticket.hall_id == hall.id,
            Ticket.state == WAITING,
            Ticket.queue_id == q.id,
            Ticket.day == day,
            Ticket.sort_key < key,
        )
        .limit(PEOPLE_AHEAD_CAP)
        .subquery()
    )
    people_ahead = int(s.execute(select(func.count()).select_from(ahead)).scalar_one())
    wait = estimate_wait_minutes(
        people_ahead, _serving_windows(s, q.id), _avg_service(s, hall, q.id, day, now)
    )
    view = TicketView(
        id=ticket_id,
        number=number,
        queue=q.prefix,
        issue_queue=q.prefix,
        state=WAITING,
        source=source,
        priority_reason=priority_reason,
        window=None,
        target_window=None,
        day=day,
        issued_at=now,
        queued_at=now,
        appointment_at=appointment.slot_start if appointment is not None else None,
        name_masked=name_masked,
    )
    change = emit(
        s,
        Change(
            "ticket.issued",
            hall.id,
            _payload(view, source=source, people_ahead=people_ahead, estimated_wait=wait),
        ),
    )
    return IssueResult(view, people_ahead, wait, (change,))


def _serving_windows(s: Session, queue_id: int) -> int:
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


def _avg_service(s: Session, hall: Hall, queue_id: int, day: dt.date, now: dt.datetime) -> float:
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
        float(_settings(hall)["default_service_minutes"]),
    )
    with _AVG_CACHE_LOCK:
        if len(_AVG_CACHE) > 1000:
            _AVG_CACHE.clear()
        _AVG_CACHE[key] = (now, value)
    return value


def _check_priority(priority: str | None) -> str:
    p = (priority or "").strip()
    if p and p not in PRIORITY_REASONS:
        raise InvalidInput(
            field=f"绿色通道类别“{p}”（可选：{'、'.join(PRIORITY_REASONS)}）",
        )
    return p


def issue_ticket(
    rt: Runtime,
    actor: Actor,
    queue: str | int,
    *,
    source: str = "kiosk",
    priority: str | None = None,
    applicant_name: str | None = None,
    id_number: str | None = None,
) -> IssueResult:
    """取号: a new ticket in ``queue`` (prefix or id) from the kiosk, a window (walk-in) or an ID
    card swipe (``source="idcard"`` with ``applicant_name`` and ``id_number``: only the masked
    name and a keyed hash of the number, keyed with the hall's secret, are stored).

    ``priority``: a green-channel reason (elderly, disabled, pregnant, veteran). Refused outside
    the queue's hours (:class:`QueueClosed`) or past its daily cap (:class:`DailyCapReached`).
    Appointments use :func:`check_in_appointment`."""
    require_role(rt, actor, CLERK, MANAGER)
    if source not in SOURCES or source == "appointment":
        raise InvalidInput(field=f"取号来源“{source}”（预约请用预约码签到）")
    reason = _check_priority(priority)
    if source == "idcard" and not (id_number and applicant_name):
        raise InvalidInput(field="刷身份证取号需要姓名和身份证号")
    now = clock.now()
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        key = hall_key(s, hall) if id_number else None  # None at the kiosk: masked name only
        digest = id_hash(id_number, key) if id_number and key else None
        masked = mask_name(applicant_name) if applicant_name else ""
        return _issue(
            s,
            actor,
            hall,
            _queue(s, hall.id, queue),
            now,
            source=source,
            priority_reason=reason,
            name_masked=masked,
            id_digest=digest,
            reread_clock=True,
        )


def book_appointment(
    rt: Runtime,
    actor: Actor,
    queue: str | int,
    slot_start: dt.datetime,
    slot_end: dt.datetime | None = None,
    *,
    applicant_name: str = "",
    id_number: str | None = None,
    phone: str = "",
) -> AppointmentView:
    """预约: book a slot in ``queue`` (the minimal booking the kiosk check-in needs; only the
    masked name and phone and a keyed hash of the ID number are kept)."""
    require_role(rt, actor, CLERK, MANAGER)
    if slot_start.tzinfo is None:
        raise InvalidInput(field="预约时间（需带时区）")
    slot_end = slot_end or slot_start + dt.timedelta(minutes=30)
    if slot_end <= slot_start:
        raise InvalidInput(field="预约时段（结束早于开始）")
    now = clock.now()
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        q = _queue(s, hall.id, queue)
        code = "YY" + "".join(secrets.choice("23456789ABCDEFGHJKMNPQRSTUVWXYZ") for _ in range(8))
        appt = Appointment(
            hall_id=hall.id,
            queue_id=q.id,
            code=code,
            slot_start=slot_start,
            slot_end=slot_end,
            applicant_name_masked=mask_name(applicant_name) if applicant_name else "",
            applicant_id_hash=id_hash(id_number, hall.secret.encode()) if id_number else None,
            phone_masked=mask_phone(phone) if phone else "",
            state="booked",
            created_at=now,
        )
        s.add(appt)
        s.flush()
        emit(s, Change("appointment.booked", hall.id, {"queue": q.prefix, "code": code}))
        return AppointmentView(
            appt.id, code, q.prefix, slot_start, slot_end, "booked", appt.applicant_name_masked
        )


def check_in_appointment(
    rt: Runtime, actor: Actor, code: str, *, priority: str | None = None
) -> IssueResult:
    """预约签到: exchange a booked appointment for a ticket whose turn comes at its slot (it is
    called before everyone else once the slot has begun). Allowed from
    ``appointment_early_minutes`` before the slot until ``appointment_late_minutes`` after it."""
    require_role(rt, actor, CLERK, MANAGER)
    reason = _check_priority(priority)
    now = clock.now()
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        appt = s.scalars(
            select(Appointment)
            .where(Appointment.hall_id == hall.id, Appointment.code == code.strip().upper())
            .with_for_update()
        ).first()
        if appt is None:
            raise NotFound(what=f"预约 {code}")
        if appt.state != "booked":
            raise AppointmentError(reason="该预约已签到或已取消", reason_en="already used")
        cfg = _settings(hall)
        if now < appt.slot_start - dt.timedelta(minutes=float(cfg["appointment_early_minutes"])):
            at = clock.to_local(appt.slot_start).strftime("%H:%M")
            raise AppointmentError(reason=f"预约时间为{at}，请稍后再签到", reason_en="too early")
        if now > appt.slot_end + dt.timedelta(minutes=float(cfg["appointment_late_minutes"])):
            raise AppointmentError(reason="预约已过时，请取普通号", reason_en="expired")
        result = _issue(
            s,
            actor,
            hall,
            _queue(s, hall.id, appt.queue_id),
            now,
            source="appointment",
            priority_reason=reason,
            name_masked=appt.applicant_name_masked,
            id_digest=appt.applicant_id_hash,
            appointment=appt,
            enforce=False,  # a booked slot is honoured whatever the cap
            reread_clock=True,
        )
        appt.state = "checked_in"
        appt.ticket_id = result.ticket.id
        return result


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
    hall = _hall(s, hall_id)
    win = _window(s, hall.id, number, lock=False)
    _require_free(s, win)
    return _waiting_exists(s, hall, win.id, _local_day(hall, now))


def _require_free(s: Session, win: Window) -> None:
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


def _call_next_generic(
    s: Session, hall: Hall, number: int, staff_id: int | None, now: dt.datetime
) -> TicketResult | None:
    """The same choice as :data:`_PG_CALL_NEXT`, step by step, for SQLite (whose transaction
    holds the database's write lock from ``BEGIN IMMEDIATE``, so nobody else moves meanwhile)."""
    win = _window(s, hall.id, number)
    if win.state != W_OPEN or win.current_ticket_id is not None:
        _why_not_called(s, hall.id, number, now)
    day = _local_day(hall, now)
    weight_minutes = float(_settings(hall)["weight_minutes"])
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
    at = _mark_called(t, win, staff_id, now)
    win.current_ticket_id = t.id
    _event(s, t.id, "called", at, win.id, staff_id)
    view, change = _ticket_change(s, hall.id, "ticket.called", t)
    return TicketResult(view, win.number, (change,))


def _later(now: dt.datetime, *times: dt.datetime | None) -> dt.datetime:
    """``now``, or the latest of ``times`` if one is later (another PC's clock a little ahead,
    or a commit that landed while this unit waited for its lock): a ticket's times never go
    backwards."""
    return max([now, *(t for t in times if t is not None)])


def _mark_called(t: Ticket, win: Window, staff_id: int | None, now: dt.datetime) -> dt.datetime:
    at = _later(now, t.queued_at, t.called_at)
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


def _finish(
    s: Session, hall_id: int, win: Window, staff_id: int | None, now: dt.datetime
) -> tuple[TicketView, Change]:
    t = _current(s, win, "办结", "finish")
    at = _later(now, t.started_at, t.called_at)
    t.state = DONE
    t.started_at = t.started_at or at
    t.finished_at = at
    t.version += 1
    win.current_ticket_id = None
    _event(s, t.id, "finished", at, win.id, staff_id)
    return _ticket_change(s, hall_id, "ticket.finished", t)


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
            hall = _hall(s, actor.hall_id)
            win = _window(s, hall.id, window)
            if win.current_ticket_id is not None:
                finished = (_finish(s, hall.id, win, actor.staff_id, now)[1],)
                now = clock.now()  # the call comes after the finish
        if rt.is_postgres:  # the hot path: one statement, the hall row is read in it
            result = _call_next_pg(s, actor.hall_id, window, actor.staff_id, now)
        else:
            result = _call_next_generic(s, _hall(s, actor.hall_id), window, actor.staff_id, now)
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
        hall = _hall(s, actor.hall_id)
        win = _window(s, hall.id, window)
        _require_free(s, win)
        t = _find_ticket(s, hall, ticket, now)
        if t.state != WAITING:
            raise _state_error(t, "叫号", "be called")
        at = _mark_called(t, win, actor.staff_id, now)
        win.current_ticket_id = t.id
        _event(s, t.id, "called", at, win.id, actor.staff_id, out_of_turn=True)
        view, change = _ticket_change(s, hall.id, "ticket.called", t)
        return TicketResult(view, win.number, (change,))


def recall(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """重呼: call the window's current ticket again (at most ``recall_limit`` times)."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        win = _window(s, hall.id, window)
        t = _current(s, win, "重呼", "recall")
        if t.state != CALLED:
            raise _state_error(t, "重呼", "be recalled")
        limit = int(_settings(hall)["recall_limit"])
        if t.recall_count >= limit:
            raise RecallLimitReached(number=t.number, count=t.recall_count)
        at = _later(now, t.called_at)
        t.recall_count += 1
        t.called_at = at
        t.version += 1
        _event(s, t.id, "recalled", at, win.id, actor.staff_id, count=t.recall_count)
        view, change = _ticket_change(s, hall.id, "ticket.recalled", t, recall_count=t.recall_count)
        return TicketResult(view, win.number, (change,))


def no_show(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """过号: the called visitor did not come. By the hall's ``no_show_policy`` the ticket is
    void (state ``no_show``) or re-queued after ``requeue_after`` waiting tickets (at most
    ``requeue_limit`` times, then void). The window is free again."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        win = _window(s, hall.id, window)
        t = _current(s, win, "过号", "mark no-show")
        if t.state != CALLED:
            raise _state_error(t, "过号", "be marked no-show")
        cfg = _settings(hall)
        now = _later(now, t.called_at)
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
        _event(s, t.id, "no_show", now, win.id, actor.staff_id, requeued=requeue)
        view, change = _ticket_change(
            s, hall.id, "ticket.no_show", t, requeued=requeue, window=win.number
        )
        return TicketResult(view, win.number, (change,))


def start_service(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """开始办理: the called visitor has arrived at the window."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        win = _window(s, actor.hall_id, window)
        t = _current(s, win, "开始办理", "start")
        if t.state != CALLED:
            raise _state_error(t, "开始办理", "start service")
        at = _later(now, t.called_at)
        t.state = SERVING
        t.started_at = at
        t.version += 1
        _event(s, t.id, "started", at, win.id, actor.staff_id)
        view, change = _ticket_change(s, actor.hall_id, "ticket.started", t)
        return TicketResult(view, win.number, (change,))


def finish_service(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """办结: the window's current ticket is done; the window is free for the next visitor."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        win = _window(s, actor.hall_id, window)
        view, change = _finish(s, actor.hall_id, win, actor.staff_id, now)
        return TicketResult(view, win.number, (change,))


def park(rt: Runtime, actor: Actor, window: int) -> TicketResult:
    """暂离: the visitor steps away (to copy a document ...); the ticket stays with this window
    as parked and the window may call the next visitor. :func:`resume` brings it back."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        win = _window(s, actor.hall_id, window)
        t = _current(s, win, "暂离", "park")
        at = _later(now, t.called_at, t.started_at)
        t.state = PARKED
        t.parked_at = at
        t.version += 1
        win.current_ticket_id = None
        _event(s, t.id, "parked", at, win.id, actor.staff_id)
        view, change = _ticket_change(s, actor.hall_id, "ticket.parked", t)
        return TicketResult(view, win.number, (change,))


def resume(rt: Runtime, actor: Actor, window: int, ticket: int | str) -> TicketResult:
    """暂离返回: a parked ticket becomes ``window``'s current ticket again, in service if its
    service had started, else called. The window must be open and free."""
    require_role(rt, actor, CLERK, MANAGER)
    now = clock.now()
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        win = _window(s, hall.id, window)
        _require_free(s, win)
        t = _find_ticket(s, hall, ticket, now)
        if t.state != PARKED:
            raise _state_error(t, "恢复办理", "resume")
        t.state = SERVING if t.started_at is not None else CALLED
        t.window_id = win.id
        t.staff_id = actor.staff_id
        t.version += 1
        win.current_ticket_id = t.id
        _event(s, t.id, "resumed", now, win.id, actor.staff_id)
        view, change = _ticket_change(s, hall.id, "ticket.resumed", t)
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
        hall = _hall(s, actor.hall_id)
        win = _window(s, hall.id, window)
        t = _current(s, win, "转办", "transfer")
        target_q = _queue(s, hall.id, to_queue) if to_queue is not None else None
        target_w = None
        if to_window is not None:
            if int(to_window) == win.number:
                raise InvalidInput(field="转办窗口（不能转给本窗口）")
            target_w = _window(s, hall.id, to_window, lock=False)
        if target_q is not None:
            t.queue_id = target_q.id
        t.target_window_id = target_w.id if target_w is not None else None
        now = _later(now, t.called_at, t.started_at, t.queued_at)
        t.state = WAITING
        t.window_id = None
        t.queued_at = now
        t.started_at = None
        t.recall_count = 0
        t.sort_key = initial_sort_key(t.issued_at, t.priority > 0)
        t.version += 1
        win.current_ticket_id = None
        _event(
            s,
            t.id,
            "transferred",
            now,
            win.id,
            actor.staff_id,
            to_queue=target_q.prefix if target_q else None,
            to_window=target_w.number if target_w else None,
        )
        view, change = _ticket_change(
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
        hall = _hall(s, actor.hall_id)
        t = _find_ticket(s, hall, ticket, now, lock=False)
        # Lock order everywhere: the window first, then its ticket.
        win = s.get(Window, t.window_id, with_for_update=True) if t.window_id else None
        s.refresh(t, with_for_update=True)
        if t.state not in OPEN_STATES:
            raise _state_error(t, "作废", "be voided")
        if t.state in AT_WINDOW:
            if win is None or win.id != t.window_id:
                raise Conflict(what=f"{t.number}号刚被叫号，请重试")
            if win.current_ticket_id == t.id:
                win.current_ticket_id = None
        t.state = VOID
        t.version += 1
        _event(s, t.id, "voided", now, t.window_id, actor.staff_id, reason=reason[:100])
        view, change = _ticket_change(s, hall.id, "ticket.voided", t)
        return TicketResult(view, view.window, (change,))


# --------------------------------------------------------------------------------------------
# Windows
# --------------------------------------------------------------------------------------------


def _window_view(s: Session, win: Window) -> WindowView:
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


def _expire_stale(s: Session, hall: Hall, day: dt.date, now: dt.datetime) -> int:
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
        _event(s, tid, "expired", now, None, None)
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
        hall = _hall(s, actor.hall_id)
        changes: list[Change] = []
        if state == W_OPEN:
            _expire_stale(s, hall, _local_day(hall, now), now)
        win = _window(s, hall.id, window)
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
        return WindowResult(_window_view(s, win), tuple(changes))


def open_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_OPEN)


def pause_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_PAUSED)


def close_window(rt: Runtime, actor: Actor, window: int) -> WindowResult:
    return set_window_state(rt, actor, window, W_CLOSED)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def get_ticket(rt: Runtime, actor: Actor, ticket: int | str) -> TicketView:
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        return _view(s, _find_ticket(s, hall, ticket, clock.now()))


def window_status(rt: Runtime, actor: Actor, window: int) -> WindowView:
    with rt.unit() as s:
        return _window_view(s, _window(s, actor.hall_id, window, lock=False))


def waiting_tickets(
    rt: Runtime, actor: Actor, queue: str | None = None, limit: int = 200
) -> list[TicketView]:
    """Today's waiting tickets of the hall (or of one queue), in line order."""
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        q = select(Ticket).where(
            Ticket.hall_id == hall.id,
            Ticket.state == WAITING,
            Ticket.day == _local_day(hall, clock.now()),
        )
        if queue is not None:
            q = q.where(Ticket.queue_id == _queue(s, hall.id, queue).id)
        rows = s.scalars(q.order_by(Ticket.sort_key, Ticket.id).limit(limit)).all()
        return [_view(s, t) for t in rows]


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
        hall = _hall(s, actor.hall_id)
        q = (
            select(Ticket, Queue.name)
            .join(Queue, Queue.id == Ticket.queue_id)
            .where(
                Ticket.hall_id == hall.id,
                Ticket.state == PARKED,
                Ticket.day == _local_day(hall, clock.now()),
            )
        )
        if window_id is not None:
            q = q.where(Ticket.window_id == window_id)
        rows = s.execute(q.order_by(Ticket.parked_at, Ticket.id)).all()
        return [
            ParkedTicket(
                id=t.id,
                number=t.number,
                queue=_prefix(s, t.queue_id),
                queue_name=str(name),
                window=_window_number(s, t.window_id),
                parked_at=t.parked_at,
                started=t.started_at is not None,
            )
            for t, name in rows
        ]


def hall_status(rt: Runtime, actor: Actor) -> HallStatus:
    """Waiting counts per queue, today's figures and each window's state."""
    now = clock.now()
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        day = _local_day(hall, now)
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
                        waiting, _serving_windows(s, q.id), _avg_service(s, hall, q.id, day, now)
                    ),
                )
            )
        windows = s.scalars(
            select(Window)
            .where(Window.hall_id == hall.id, Window.active.is_(True))
            .order_by(Window.number)
        ).all()
        return HallStatus(hall.id, day, tuple(qs), tuple(_window_view(s, w) for w in windows))


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
        hall = _hall(s, hall_id)
        day = _local_day(hall, now)
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
        _expire_stale(s, hall, day, now)
        # Start early enough that every time stays in the past and on today's local date.
        local_midnight = dt.datetime.combine(day, dt.time(0, 0), tzinfo=_tz(hall))
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
                _issue(
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
        if len(numbers) > 8:
            windows[numbers[8]].state = W_PAUSED
            windows[numbers[8]].state_changed_at = start
        s.flush()
        # Windows 1–4 have served a visitor or two; 1–6 have someone called or in service now.
        for number in numbers[:6]:
            win = windows[number]
            rounds = 2 if number <= 2 else 1 if number <= 4 else 0
            for _ in range(rounds):
                if _call_next_generic(s, hall, number, None, tick.tick()) is None:
                    break
                _demo_start(s, win, tick.tick())
                _finish(s, hall.id, win, None, tick.tick())
            if _call_next_generic(s, hall, number, None, tick.tick()) is not None and number % 2:
                _demo_start(s, win, tick.tick())
        # Still in line: one green-channel visitor and one appointment whose slot has begun.
        if "A" in queues:
            _issue(
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
        issued = _issue(
            s, actor, hall, first, appt_at, source="appointment", appointment=appt, enforce=False
        )
        appt.ticket_id = issued.ticket.id
        emit(s, Change("queue.seeded", hall_id, {"day": day.isoformat()}))


def _demo_start(s: Session, win: Window, at: dt.datetime) -> None:
    t = _current(s, win, "开始办理", "start")
    t.state = SERVING
    t.started_at = at
    _event(s, t.id, "started", at, win.id, None)


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
