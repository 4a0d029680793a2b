"""The live hall (实时大厅) as the manager sees it: who waits, what each window does, today's
throughput against the same weekday last week, cases near or past their deadline and 差评
awaiting follow-up.

Each part is its own read so a screen can refresh only what a change event touched
(``ticket.*`` and ``window.*`` → :func:`floor`; ``case.*`` → :func:`case_alerts`;
``evaluation.*`` → :func:`pending_followups`). Every read is bounded by today's rows or by the
open items (indexes of migration ``0012``), never by the years of history.

Windows show the ticket number only, never a name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.cases import CLOCK_RUNNING_STATES, CaseState, OverdueLevel, overdue_level
from counter.domain.masking import mask_name
from counter.domain.workdays import add_working_days, working_days_between
from counter.reports.model import BadEvaluation
from counter.reports.queries import _hall, _target_wait, bad_evaluations, hall_tz
from counter.services.calendar import hall_calendar
from db.models import (
    Applicant,
    Case,
    Department,
    Evaluation,
    Queue,
    ServiceItem,
    ServiceItemVersion,
    Staff,
    Ticket,
    Window,
    WindowQueue,
)

__all__ = [
    "CaseAlert",
    "Floor",
    "QueueNow",
    "WindowNow",
    "case_alerts",
    "floor",
    "pending_followups",
]

WINDOW_STATE_LABELS = {"open": "空闲", "paused": "暂停", "closed": "关闭"}
TICKET_AT_WINDOW_LABELS = {"called": "已叫号", "serving": "办理中"}


@dataclass(frozen=True)
class QueueNow:
    """One queue now: waiting, the longest wait (minutes since the oldest waiting ticket was
    issued), open windows serving it, issued and served today."""

    prefix: str
    name: str
    waiting: int
    longest_wait_minutes: float | None
    open_windows: int
    issued: int
    served: int


@dataclass(frozen=True)
class WindowNow:
    """One window now: ``activity`` is ``serving`` / ``called`` (with the ticket number),
    ``idle`` (open, nobody), ``paused`` or ``closed``; ``since`` is when that began (the
    ticket's call or the window's state change)."""

    number: int
    name: str
    state: str
    activity: str
    activity_label: str
    ticket_number: str | None
    since: dt.datetime | None
    clerk: str


@dataclass(frozen=True)
class Floor:
    """The hall floor now (queues, windows, throughput); one read."""

    at: dt.datetime
    day: dt.date
    queues: tuple[QueueNow, ...]
    windows: tuple[WindowNow, ...]
    issued_today: int
    served_today: int
    served_last_week: int  # same weekday a week ago, by the same time of day
    issued_last_week: int
    target_wait_minutes: int = 15

    @property
    def waiting(self) -> int:
        return sum(q.waiting for q in self.queues)

    @property
    def longest_wait_minutes(self) -> float | None:
        waits = [q.longest_wait_minutes for q in self.queues if q.longest_wait_minutes is not None]
        return max(waits) if waits else None


@dataclass(frozen=True)
class CaseAlert:
    """An open case near or past its deadline: 预警 (warning), 黄牌 (node overrun) or 红牌
    (limit exceeded); ``working_days_left`` is negative once past."""

    case_no: str
    item_name: str
    department: str
    state: str
    state_label: str
    accepted_at: dt.datetime | None
    deadline: dt.date | None
    level: str
    level_label: str
    working_days_left: int | None
    clerk: str
    applicant_masked: str


def floor(s: Session, hall_id: int) -> Floor:
    """Queues, windows and throughput of the hall now."""
    hall = _hall(s, hall_id)
    tz = hall_tz(hall)
    now = clock.now()
    day = now.astimezone(tz).date()
    queues = s.execute(
        select(Queue.id, Queue.prefix, Queue.name)
        .where(Queue.hall_id == hall.id, Queue.active.is_(True))
        .order_by(Queue.sort, Queue.prefix)
    ).all()
    per_state: dict[tuple[int, str], int] = {}
    oldest: dict[int, dt.datetime] = {}
    issued_by_queue: dict[int, int] = {}
    for qid, iqid, state, n, first in s.execute(
        select(Ticket.queue_id, Ticket.issue_queue_id, Ticket.state, func.count(),
               func.min(Ticket.issued_at))
        .where(Ticket.hall_id == hall.id, Ticket.day == day)
        .group_by(Ticket.queue_id, Ticket.issue_queue_id, Ticket.state)
    ).all():  # fmt: skip
        per_state[(qid, state)] = per_state.get((qid, state), 0) + int(n)
        issued_by_queue[iqid] = issued_by_queue.get(iqid, 0) + int(n)
        if state == "waiting" and first is not None:
            oldest[qid] = min(first, oldest.get(qid, first))
    open_windows = dict(
        s.execute(
            select(WindowQueue.queue_id, func.count())
            .join(Window, Window.id == WindowQueue.window_id)
            .where(Window.hall_id == hall.id, Window.state == "open", Window.active.is_(True))
            .group_by(WindowQueue.queue_id)
        ).all()
    )
    qs = tuple(
        QueueNow(
            prefix=str(prefix),
            name=str(name),
            waiting=per_state.get((qid, "waiting"), 0),
            longest_wait_minutes=(
                max(0.0, (now - oldest[qid]).total_seconds() / 60) if qid in oldest else None
            ),
            open_windows=int(open_windows.get(qid, 0)),
            issued=issued_by_queue.get(qid, 0),
            served=per_state.get((qid, "done"), 0),
        )
        for qid, prefix, name in queues
    )
    rows = s.execute(
        select(Window, Ticket.number, Ticket.state, Ticket.called_at, Ticket.started_at,
               Staff.staff_no, Staff.name)
        .outerjoin(Ticket, Ticket.id == Window.current_ticket_id)
        .outerjoin(Staff, Staff.id == Window.staff_id)
        .where(Window.hall_id == hall.id, Window.active.is_(True))
        .order_by(Window.number)
    ).all()  # fmt: skip
    windows = []
    for win, number, t_state, called_at, _started, staff_no, staff_name in rows:
        if win.state == "open" and number is not None:
            activity = "serving" if t_state == "serving" else "called"
            since = called_at
            label = TICKET_AT_WINDOW_LABELS.get(activity, activity)
        elif win.state == "open":
            activity, since, label = "idle", win.state_changed_at, WINDOW_STATE_LABELS["open"]
        else:
            activity = win.state
            since = win.state_changed_at
            label = WINDOW_STATE_LABELS.get(win.state, win.state)
            if number is not None:  # paused with a visitor parked at the window
                label = f"{label}（{number}）"
        windows.append(
            WindowNow(
                number=int(win.number),
                name=win.name,
                state=win.state,
                activity=activity,
                activity_label=label,
                ticket_number=str(number) if number is not None else None,
                since=since,
                clerk=f"{staff_no} {staff_name}" if staff_no and win.state != "closed" else "",
            )
        )
    week_ago = day - dt.timedelta(days=7)
    then = now - dt.timedelta(days=7)
    served_last_week = s.scalar(
        select(func.count()).where(
            Ticket.hall_id == hall.id, Ticket.day == week_ago, Ticket.state == "done",
            Ticket.finished_at <= then,
        )
    )  # fmt: skip
    issued_last_week = s.scalar(
        select(func.count()).where(
            Ticket.hall_id == hall.id, Ticket.day == week_ago, Ticket.issued_at <= then
        )
    )
    return Floor(
        at=now,
        day=day,
        queues=qs,
        windows=tuple(windows),
        issued_today=sum(issued_by_queue.values()),
        served_today=sum(n for (_q, st), n in per_state.items() if st == "done"),
        served_last_week=int(served_last_week or 0),
        issued_last_week=int(issued_last_week or 0),
        target_wait_minutes=_target_wait(hall),
    )


def case_alerts(s: Session, hall_id: int, limit: int = 300) -> tuple[CaseAlert, ...]:
    """Open cases of the hall (their time limit running) with a warning, yellow or red card,
    the most serious and the earliest deadline first."""
    hall = _hall(s, hall_id)
    tz = hall_tz(hall)
    today = clock.now().astimezone(tz).date()
    cal = hall_calendar(s, hall.id)
    warn_days = int((hall.settings or {}).get("warn_days", 1) or 1)
    horizon = add_working_days(today, max(0, warn_days), cal).date
    rows = s.execute(
        select(Case.case_no, Case.state, Case.accepted_at, Case.deadline, Case.node_deadline,
               ServiceItemVersion.name, Department.name, Staff.staff_no, Staff.name,
               Applicant.name)
        .join(ServiceItemVersion, ServiceItemVersion.id == Case.item_version_id)
        .join(ServiceItem, ServiceItem.id == Case.item_id)
        .join(Department, Department.id == ServiceItem.department_id)
        .outerjoin(Staff, Staff.id == Case.accepted_by)
        .outerjoin(Applicant, Applicant.id == Case.applicant_id)
        .where(
            Case.hall_id == hall.id,
            Case.state.in_([st.value for st in CLOCK_RUNNING_STATES]),
            # Only what can carry a card today: due within the warning days, or a node overrun.
            or_(Case.deadline <= horizon, Case.node_deadline < today),
        )
    ).all()  # fmt: skip
    out = []
    for no, state, accepted, deadline, node_deadline, item, dept, sno, sname, applicant in rows:
        level = overdue_level(today, deadline, node_deadline, cal, warn_days)
        if level is OverdueLevel.NORMAL:
            continue
        left = None
        if deadline is not None:
            left = (
                working_days_between(today, deadline, cal)
                if deadline >= today
                else -working_days_between(deadline, today, cal)
            )
        out.append(
            CaseAlert(
                case_no=str(no),
                item_name=str(item),
                department=str(dept),
                state=str(state),
                state_label=CaseState(state).zh,
                accepted_at=accepted,
                deadline=deadline,
                level=level.value,
                level_label=level.zh,
                working_days_left=left,
                clerk=f"{sno} {sname}" if sno else "",
                applicant_masked=mask_name(applicant) if applicant else "",
            )
        )
    out.sort(key=lambda a: (-OverdueLevel(a.level).rank, a.deadline or dt.date.max, a.case_no))
    return tuple(out[:limit])


def pending_followups(s: Session, hall_id: int, limit: int = 300) -> tuple[BadEvaluation, ...]:
    """差评 of the hall whose follow-up is not closed (待回访, 已回访), newest first."""
    hall = _hall(s, hall_id)
    tz = hall_tz(hall)
    today = clock.now().astimezone(tz).date()
    return tuple(
        bad_evaluations(
            s, hall.id, tz, today, Evaluation.followup_state.in_(("open", "contacted")), limit
        )
    )
