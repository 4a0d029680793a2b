"""The queries behind the manager's figures (报表查询): a day's or a period's report of one hall.

Cost: every query is bounded by the period's rows through an index (migration ``0012``):
tickets by ``(hall_id, day)``, cases by ``(hall_id, accepted_at)``, ``(hall_id, completed_at)``
and ``(hall_id, deadline)``, evaluations by ``(hall_id, created_at)``; transfers and one-time
notices are looked up through the ticket's and the case's own event index. A day's report thus
costs what the day holds, not what the years hold.

Every figure is computed in Python from the rows fetched (see :mod:`counter.reports.stats` for
the definitions of mean, median, 90th percentile and shares), so SQLite and PostgreSQL agree to
the last digit. Times are bucketed by the hall's local time (``hall.timezone``).

Attribution:

- a ticket counts on its **local day** (``ticket.day``) and, by hour, at the hour it was issued
  (issued, waiting, no-show) or finished (served, service time); a transfer at the hour it was
  sent;
- by window and by clerk: the window and clerk that last held the ticket (called, served,
  no-show); a transfer counts for the window and clerk that transferred it;
- by queue: issued by the queue that issued the number, everything else by the queue it was
  finally served in;
- waiting time = first call − issue (only called tickets), service time = finish − last call
  (only served tickets), both in minutes;
- within target = called tickets whose wait was ≤ the hall setting ``target_wait_minutes``
  (default :data:`DEFAULT_TARGET_WAIT_MINUTES`) over called tickets.

Case and evaluation figures are defined on :class:`counter.reports.model.CaseFigures` and
:class:`counter.reports.model.EvaluationFigures`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, Double, and_, cast, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.evaluation import BadReason, EvaluationLevel
from counter.domain.masking import mask_name
from counter.errors import Bi, CounterError, InvalidInput, NotFound, PermissionDenied
from counter.reports.model import (
    BadEvaluation,
    BreakdownRow,
    CaseFigures,
    DayRow,
    DepartmentRow,
    EvaluationFigures,
    ItemRow,
    LevelCount,
    Report,
    TicketFigures,
)
from counter.reports.stats import DurationStats, nearest_rank, share, summarize
from counter.services.base import ADMIN, MANAGER, Actor, Runtime, require_role
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    Department,
    Evaluation,
    Hall,
    Queue,
    ServiceItem,
    ServiceItemVersion,
    Staff,
    Ticket,
    TicketEvent,
    Window,
)

__all__ = [
    "DEFAULT_TARGET_WAIT_MINUTES",
    "FOLLOWUP_STATE_LABELS",
    "MAX_PERIOD_DAYS",
    "ReportCancelled",
    "build_report",
    "day_report",
    "hall_tz",
    "local_bounds",
    "period_report",
    "require_manager",
]

DEFAULT_TARGET_WAIT_MINUTES = 15
MAX_PERIOD_DAYS = 3 * 366 + 1
CHUNK_DAYS = 7  # tickets are read a week at a time: progress and cancellation points
WAIT_BUCKETS = (0, 5, 10, 15, 20, 30, 45, 60)  # minutes; the last bucket is open ("60+")
FOLLOWUP_STATE_LABELS = {"open": "待回访", "contacted": "已回访", "closed": "已整改", "": ""}
_DONE, _NO_SHOW, _VOID = "done", "no_show", "void"
_NOT_COUNTED = ("withdrawn", "not_accepted")  # no time limit runs for these

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ReportCancelled(CounterError):
    """The person cancelled the report while it was being computed."""

    code: ClassVar[str] = "report_cancelled"
    zh: ClassVar[str] = "报表生成已取消"
    en: ClassVar[str] = "The report was cancelled"


# --------------------------------------------------------------------------------------------
# Roles, halls, time
# --------------------------------------------------------------------------------------------


def require_manager(rt: Runtime, actor: Actor) -> None:
    """Reports are for the hall manager (大厅管理员) and the administrator only; a kiosk or a
    screen never reads them, even though its system actor holds every role."""
    if actor.device in ("kiosk", "display", "screen"):
        raise PermissionDenied(role="大厅管理员、系统管理员")
    require_role(rt, actor, MANAGER, ADMIN)


def _hall(s: Session, hall_id: int) -> Hall:
    hall = s.get(Hall, hall_id)
    if hall is None:
        raise NotFound(what=Bi(f"便民服务中心 {hall_id}", f"hall {hall_id}"))
    return hall


def hall_tz(hall: Hall) -> ZoneInfo:
    try:
        return ZoneInfo(hall.timezone or "Asia/Shanghai")
    except Exception:
        return ZoneInfo("Asia/Shanghai")


def local_bounds(tz: dt.tzinfo, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC ``[from, to)`` covering the local days ``start`` … ``end`` (both included)."""
    lo = dt.datetime.combine(start, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    return lo, hi


def _target_wait(hall: Hall) -> int:
    try:
        value = int((hall.settings or {}).get("target_wait_minutes") or DEFAULT_TARGET_WAIT_MINUTES)
    except (TypeError, ValueError):
        value = DEFAULT_TARGET_WAIT_MINUTES
    return max(1, value)


_RAW_TIME = DateTime(timezone=True)
_NAIVE_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _raw(column: Any) -> Any:
    """``column`` read as the driver gives it: the report loops turn each time into seconds
    once, instead of paying for a timezone-aware UTC ``datetime`` per value."""
    return type_coerce(column, _RAW_TIME)


def _ts(value: Any) -> float | None:
    """Seconds since the epoch of a stored time: PostgreSQL gives them as a float already
    (:func:`_seconds_column`), SQLite a naive UTC ``datetime``. Both are the nearest double to
    the exact number of seconds, so every figure is identical on the two."""
    if value is None or value.__class__ is float:
        return value
    if value.tzinfo is None:
        return (value - _NAIVE_EPOCH).total_seconds()  # type: ignore[no-any-return]
    return value.timestamp()  # type: ignore[no-any-return]


def _seconds_column(s: Session) -> Callable[[Any], Any]:
    """How to select a time column for :func:`_ts`: on PostgreSQL the epoch as float8 (the
    exact ``numeric`` of ``EXTRACT`` rounded once, cheaper to send and read than a timestamp),
    elsewhere the stored value as the driver reads it."""
    if s.get_bind().dialect.name == "postgresql":
        return lambda column: cast(func.extract("epoch", column), Double)
    return _raw


class _Local:
    """The hall's local clock over UTC seconds; the offset is looked up once per UTC hour
    (time zones change their offset on the hour)."""

    def __init__(self, tz: dt.tzinfo) -> None:
        self.tz = tz
        self._off: dict[int, float] = {}

    def shift(self, ts: float) -> float:
        k = int(ts // 3600)
        off = self._off.get(k)
        if off is None:
            at = dt.datetime.fromtimestamp(k * 3600, dt.UTC).astimezone(self.tz)
            delta = at.utcoffset()
            off = self._off[k] = delta.total_seconds() if delta is not None else 0.0
        return ts + off

    def hour(self, ts: float) -> int:
        return int(self.shift(ts) // 3600 % 24)

    def date(self, ts: float) -> dt.date:
        return dt.date.fromordinal(int(self.shift(ts) // 86400) + _EPOCH_ORDINAL)


def _rows(s: Session, stmt: Any) -> Sequence[Any]:
    """Rows through the session's connection (Core: no ORM bookkeeping per row)."""
    return s.connection().execute(stmt).all()


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise InvalidInput("结束日期早于开始日期", field="--to")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidInput(f"统计期间最长{MAX_PERIOD_DAYS}天", field="--from/--to")


# --------------------------------------------------------------------------------------------
# Accumulators
# --------------------------------------------------------------------------------------------


@dataclass
class _Acc:
    """One line's tickets: counters, and one wait per called ticket, one service time per
    served ticket (called = len(waits), served = len(services))."""

    issued: int = 0
    no_show: int = 0
    transferred: int = 0
    voided: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)

    @property
    def called(self) -> int:
        return len(self.waits)

    @property
    def served(self) -> int:
        return len(self.services)

    def stats(self, target: float) -> tuple[DurationStats, DurationStats, float | None]:
        waits = sorted(self.waits)
        within = bisect.bisect_right(waits, target)
        return summarize(waits), summarize(self.services), share(within, len(waits))

    def row(self, key: str, label: str, target: float, windows: float = 0.0) -> BreakdownRow:
        w, sv, within = self.stats(target)
        return BreakdownRow(
            key=key,
            label=label,
            issued=self.issued,
            called=self.called,
            served=self.served,
            no_show=self.no_show,
            transferred=self.transferred,
            waiting=w,
            service=sv,
            within_target=within,
            windows=windows,
        )


@dataclass
class _CaseAcc:
    accepted: int = 0
    completed: int = 0
    on_time: int = 0
    overdue: int = 0


@dataclass
class _DayAcc:
    tickets: _Acc = field(default_factory=_Acc)
    accepted: int = 0
    completed: int = 0
    evaluations: int = 0
    satisfied: int = 0


def _bucket_labels() -> list[str]:
    labels = []
    for i, lo in enumerate(WAIT_BUCKETS):
        hi = WAIT_BUCKETS[i + 1] if i + 1 < len(WAIT_BUCKETS) else None
        labels.append(f"{lo}–{hi}" if hi is not None else f"{lo}+")
    return labels


def _bucket(minutes: float) -> int:
    return max(0, bisect.bisect_right(WAIT_BUCKETS, minutes) - 1)


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)


def build_report(
    s: Session,
    hall_id: int,
    start: dt.date,
    end: dt.date,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Report:
    """The report of hall ``hall_id`` for the local days ``start`` … ``end``, read in the
    caller's transaction (no role check: see :func:`day_report` and :func:`period_report`).

    ``progress(done, total)`` is called as the weeks are read; ``cancelled()`` is asked between
    them and, when true, stops the work with :class:`ReportCancelled`."""
    _check_period(start, end)
    hall = _hall(s, hall_id)
    tz = hall_tz(hall)
    now = clock.now()
    today = now.astimezone(tz).date()
    target = _target_wait(hall)
    lo, hi = local_bounds(tz, start, end)
    total_days = (end - start).days + 1
    chunks = (total_days + CHUNK_DAYS - 1) // CHUNK_DAYS
    steps = chunks + 3  # ticket weeks, then cases, evaluations, labels

    def tick(done: int) -> None:
        if cancelled is not None and cancelled():
            raise ReportCancelled()
        if progress is not None:
            progress(done, steps)

    tick(0)
    queues = {
        int(qid): (str(prefix), str(name))
        for qid, prefix, name in s.execute(
            select(Queue.id, Queue.prefix, Queue.name).where(Queue.hall_id == hall.id)
        ).all()
    }
    windows = {
        int(wid): (int(number), str(name))
        for wid, number, name in s.execute(
            select(Window.id, Window.number, Window.name).where(Window.hall_id == hall.id)
        ).all()
    }

    total = _Acc()
    by_hour: dict[int, _Acc] = defaultdict(_Acc)
    by_window: dict[int, _Acc] = defaultdict(_Acc)
    by_clerk: dict[int, _Acc] = defaultdict(_Acc)
    by_queue: dict[int, _Acc] = defaultdict(_Acc)
    by_day: dict[dt.date, _DayAcc] = defaultdict(_DayAcc)
    hour_windows: dict[tuple[dt.date, int], set[int]] = defaultdict(set)
    local = _Local(tz)
    hour_of = local.hour
    ts = _ts
    secs = _seconds_column(s)
    all_waits = total.waits
    all_services = total.services

    for n in range(chunks):
        c_start = start + dt.timedelta(days=n * CHUNK_DAYS)
        c_end = min(end, c_start + dt.timedelta(days=CHUNK_DAYS - 1))
        rows = _rows(
            s,
            select(
                Ticket.day,
                Ticket.queue_id,
                Ticket.issue_queue_id,
                Ticket.state,
                Ticket.window_id,
                Ticket.staff_id,
                secs(Ticket.issued_at),
                secs(Ticket.first_called_at),
                secs(Ticket.called_at),
                secs(Ticket.finished_at),
            ).where(Ticket.hall_id == hall.id, Ticket.day >= c_start, Ticket.day <= c_end),
        )
        # The hottest loop of the reports: local names, one append per line a ticket counts in.
        for day, qid, iqid, state, wid, sid, issued_v, first_v, called_v, finished_v in rows:
            issued = ts(issued_v) or 0.0  # never NULL
            first = ts(first_v)
            h = hour_of(issued)
            day_acc = by_day[day].tickets
            hour_acc = by_hour[h]
            q_acc = by_queue[qid]
            w_acc = by_window[wid] if wid is not None else None
            c_acc = by_clerk[sid] if sid is not None else None
            total.issued += 1
            hour_acc.issued += 1
            by_queue[iqid].issued += 1
            day_acc.issued += 1
            if first is not None:
                wait = (first - issued) / 60.0
                if wait < 0.0:
                    wait = 0.0
                all_waits.append(wait)
                hour_acc.waits.append(wait)
                day_acc.waits.append(wait)
                q_acc.waits.append(wait)
                if w_acc is not None:
                    w_acc.waits.append(wait)
                    hour_windows[(day, hour_of(first))].add(wid)
                if c_acc is not None:
                    c_acc.waits.append(wait)
            if state == _DONE and finished_v is not None:
                finished = ts(finished_v) or 0.0  # not NULL in this branch
                called = ts(called_v)
                begun = called if called is not None else first if first is not None else finished
                service = (finished - begun) / 60.0
                if service < 0.0:
                    service = 0.0
                fh = hour_of(finished)
                all_services.append(service)
                by_hour[fh].services.append(service)
                day_acc.services.append(service)
                q_acc.services.append(service)
                if w_acc is not None:
                    w_acc.services.append(service)
                    hour_windows[(day, fh)].add(wid)
                if c_acc is not None:
                    c_acc.services.append(service)
            elif state == _NO_SHOW:
                total.no_show += 1
                day_acc.no_show += 1
                hour_acc.no_show += 1
                q_acc.no_show += 1
                if w_acc is not None:
                    w_acc.no_show += 1
                if c_acc is not None:
                    c_acc.no_show += 1
            elif state == _VOID:
                total.voided += 1
        tick(n + 1)

    # 转办: the period's transfers, found by their time through a partial index on the few
    # ``transferred`` events (a ticket lives on its day, so its transfers fall in the period),
    # counted for the window and clerk that sent them.
    # Two steps, so every planner starts from the few events: their tickets next, by id.
    events = _rows(
        s,
        select(
            TicketEvent.ticket_id, TicketEvent.window_id, TicketEvent.staff_id, secs(TicketEvent.at)
        ).where(
            # Written into the SQL, so SQLite too matches the partial index's predicate.
            TicketEvent.type == literal("transferred", literal_execute=True),
            TicketEvent.at >= lo,
            TicketEvent.at < hi,
        ),
    )
    issued_by: dict[int, int] = {}
    ids = sorted({int(e[0]) for e in events})
    for i in range(0, len(ids), 500):
        issued_by.update(
            (int(tid), int(iqid))
            for tid, iqid in _rows(
                s,
                select(Ticket.id, Ticket.issue_queue_id).where(
                    Ticket.id.in_(ids[i : i + 500]), Ticket.hall_id == hall.id
                ),
            )
        )
    transfers = [(t, w, st, at, issued_by[t]) for t, w, st, at in events if t in issued_by]
    transferred_tickets: set[int] = set()
    for tid, wid, sid, at, iqid in transfers:
        by_hour[hour_of(ts(at) or 0.0)].transferred += 1  # at the hour it was sent on
        if tid not in transferred_tickets:
            transferred_tickets.add(tid)
            by_queue[iqid].transferred += 1
        if wid is not None:
            by_window[wid].transferred += 1
        if sid is not None:
            by_clerk[sid].transferred += 1
    total.transferred = len(transferred_tickets)

    histogram = [0] * len(WAIT_BUCKETS)
    for wait in all_waits:
        histogram[_bucket(wait)] += 1

    cases = _case_figures(s, hall.id, local, lo, hi, start, end, today, by_day)
    tick(chunks + 1)
    evaluations = _evaluation_figures(s, hall.id, tz, local, lo, hi, today, by_day)
    tick(chunks + 2)

    staff = {}
    if by_clerk:
        staff = {
            int(sid): f"{no} {name}"
            for sid, no, name in s.execute(
                select(Staff.id, Staff.staff_no, Staff.name).where(Staff.id.in_(list(by_clerk)))
            ).all()
        }

    # Windows per hour: exact for a day; for a period, the mean over the days with activity.
    per_hour: dict[int, list[int]] = defaultdict(list)
    for (_day, hour), ws in hour_windows.items():
        per_hour[hour].append(len(ws))
    hours = sorted(set(by_hour) | set(per_hour))
    hour_rows = tuple(
        by_hour[h].row(
            f"{h:02d}",
            f"{h:02d}:00–{h + 1:02d}:00",
            target,
            (sum(per_hour[h]) / len(per_hour[h])) if per_hour.get(h) else 0.0,
        )
        for h in hours
    )
    window_rows = tuple(
        by_window[wid].row(
            str(windows.get(wid, (0, ""))[0]), windows.get(wid, (0, f"窗口 {wid}"))[1], target
        )
        for wid in sorted(by_window, key=lambda w: windows.get(w, (10**6, ""))[0])
    )
    clerk_rows = tuple(
        sorted(
            (
                by_clerk[sid].row(
                    staff.get(sid, str(sid)).split(" ", 1)[0],
                    staff.get(sid, f"工作人员 {sid}"),
                    target,
                )
                for sid in by_clerk
            ),
            key=lambda r: r.key,
        )
    )
    queue_rows = tuple(
        by_queue[qid].row(
            queues.get(qid, ("?", ""))[0], " ".join(queues.get(qid, ("?", ""))), target
        )
        for qid in sorted(by_queue, key=lambda q: queues.get(q, ("~", ""))[0])
    )
    day_rows = []
    for d in _days(start, end):
        acc = by_day.get(d)
        if acc is None:
            day_rows.append(DayRow(d, 0, 0, 0, None, None, 0, 0, 0, 0))
            continue
        waits = sorted(acc.tickets.waits)
        day_rows.append(
            DayRow(
                day=d,
                issued=acc.tickets.issued,
                served=acc.tickets.served,
                no_show=acc.tickets.no_show,
                waiting_mean=(sum(waits) / len(waits)) if waits else None,
                waiting_p90=nearest_rank(waits, 90),
                accepted=acc.accepted,
                completed=acc.completed,
                evaluations=acc.evaluations,
                satisfied=acc.satisfied,
            )
        )
    w, sv, within = total.stats(target)
    tick(steps)
    return Report(
        hall_id=hall.id,
        hall_code=hall.code,
        hall_name=hall.name,
        start=start,
        end=end,
        generated_at=now,
        tickets=TicketFigures(
            issued=total.issued,
            called=total.called,
            served=total.served,
            no_show=total.no_show,
            transferred=total.transferred,
            voided=total.voided,
            waiting=w,
            service=sv,
            target_wait_minutes=target,
            within_target=within,
        ),
        cases=cases,
        evaluations=evaluations,
        by_hour=hour_rows,
        by_window=window_rows,
        by_clerk=clerk_rows,
        by_queue=queue_rows,
        by_day=tuple(day_rows),
        waiting_histogram=tuple(zip(_bucket_labels(), histogram, strict=True)),
    )


def _items(s: Session) -> dict[int, tuple[str, str, str, bool]]:
    """item id → (code, current name, department, on the spot): the catalogue, a few hundred rows."""
    rows = s.execute(
        select(
            ServiceItem.id,
            ServiceItem.code,
            ServiceItemVersion.name,
            Department.name,
            ServiceItemVersion.on_the_spot,
        )
        .join(ServiceItemVersion, ServiceItemVersion.id == ServiceItem.current_version_id)
        .join(Department, Department.id == ServiceItem.department_id)
    ).all()
    return {int(i): (str(c), str(n), str(d), bool(o)) for i, c, n, d, o in rows}


def _case_figures(
    s: Session,
    hall_id: int,
    local: _Local,
    lo: dt.datetime,
    hi: dt.datetime,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    by_day: dict[dt.date, _DayAcc],
) -> CaseFigures:
    per_item: dict[int, _CaseAcc] = defaultdict(_CaseAcc)
    secs = _seconds_column(s)
    accepted = _rows(
        s,
        select(Case.id, Case.item_id, secs(Case.accepted_at), ServiceItemVersion.on_the_spot)
        .join(ServiceItemVersion, ServiceItemVersion.id == Case.item_version_id)
        .where(Case.hall_id == hall_id, Case.accepted_at >= lo, Case.accepted_at < hi),
    )
    noticed = {
        int(r[0])
        for r in _rows(
            s,
            select(CaseEvent.case_id)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(
                Case.hall_id == hall_id,
                Case.accepted_at >= lo,
                Case.accepted_at < hi,
                CaseEvent.action == literal("one_time_notice", literal_execute=True),
                CaseEvent.at <= Case.accepted_at,
            ),
        )
    }
    on_the_spot = first_visit = 0
    for cid, item_id, accepted_v, spot in accepted:
        accepted_at = _ts(accepted_v)
        if accepted_at is None:  # excluded by the query; keeps the types honest
            continue
        per_item[item_id].accepted += 1
        by_day[local.date(accepted_at)].accepted += 1
        if spot:
            on_the_spot += 1
        if cid not in noticed:
            first_visit += 1
    completed = _rows(
        s,
        select(Case.item_id, secs(Case.completed_at), Case.deadline).where(
            Case.hall_id == hall_id, Case.completed_at >= lo, Case.completed_at < hi
        ),
    )
    on_time = 0
    for item_id, completed_v, deadline in completed:
        completed_at = _ts(completed_v)
        if completed_at is None:
            continue
        day = local.date(completed_at)
        per_item[item_id].completed += 1
        by_day[day].completed += 1
        if deadline is None or day <= deadline:
            on_time += 1
            per_item[item_id].on_time += 1
    due = _rows(
        s,
        select(Case.item_id, Case.deadline, secs(Case.completed_at)).where(
            Case.hall_id == hall_id,
            Case.deadline >= start,
            Case.deadline <= end,
            Case.accepted_at.is_not(None),
            Case.state.not_in(_NOT_COUNTED),
        ),
    )
    overdue = 0
    for item_id, deadline, completed_v in due:
        if deadline is None:
            continue
        completed_at = _ts(completed_v)
        late = local.date(completed_at) > deadline if completed_at is not None else deadline < today
        if late:
            overdue += 1
            per_item[item_id].overdue += 1
    items = _items(s)
    item_rows = []
    per_dept: dict[str, _CaseAcc] = defaultdict(_CaseAcc)
    for item_id, acc in per_item.items():
        code, name, dept, spot = items.get(item_id, (str(item_id), "", "", False))
        item_rows.append(
            ItemRow(item_id, code, name, dept, spot, acc.accepted, acc.completed, acc.on_time,
                    acc.overdue)
        )  # fmt: skip
        d = per_dept[dept]
        d.accepted += acc.accepted
        d.completed += acc.completed
        d.on_time += acc.on_time
        d.overdue += acc.overdue
    item_rows.sort(key=lambda r: (-r.accepted, -r.completed, r.code))
    dept_rows = sorted(
        (
            DepartmentRow(n, a.accepted, a.completed, a.on_time, a.overdue)
            for n, a in per_dept.items()
        ),
        key=lambda r: (-r.accepted, -r.completed, r.name),
    )
    return CaseFigures(
        accepted=len(accepted),
        completed=len(completed),
        completed_on_time=on_time,
        overdue=overdue,
        on_the_spot=on_the_spot,
        first_visit=first_visit,
        by_item=tuple(item_rows),
        by_department=tuple(dept_rows),
    )


def _reason_label(code: str) -> str:
    try:
        return BadReason(code).zh
    except ValueError:
        return code


def bad_evaluations(
    s: Session, hall_id: int, tz: dt.tzinfo, today: dt.date, where: Any, limit: int | None = None
) -> list[BadEvaluation]:
    """差评 of the hall matching ``where`` (a SQL condition on :class:`Evaluation`), newest first,
    with case number, ticket number, item, window, clerk and the applicant's masked name."""
    q = (
        select(
            Evaluation,
            Case.case_no,
            Ticket.number,
            Window.number,
            Staff.staff_no,
            Staff.name,
            Applicant.name,
            ServiceItemVersion.name,
        )
        .outerjoin(Case, Case.id == Evaluation.case_id)
        .outerjoin(Applicant, Applicant.id == Case.applicant_id)
        .outerjoin(Ticket, Ticket.id == Evaluation.ticket_id)
        .outerjoin(Window, Window.id == Evaluation.window_id)
        .outerjoin(Staff, Staff.id == Evaluation.staff_id)
        .outerjoin(ServiceItem, ServiceItem.id == Evaluation.item_id)
        .outerjoin(ServiceItemVersion, ServiceItemVersion.id == ServiceItem.current_version_id)
        .where(Evaluation.hall_id == hall_id, Evaluation.level <= 2, where)
        .order_by(Evaluation.created_at.desc(), Evaluation.id.desc())
    )
    if limit is not None:
        q = q.limit(limit)
    out = []
    for ev, case_no, ticket_no, win_no, staff_no, staff_name, applicant, item in s.execute(q).all():
        state = ev.followup_state or "open"
        out.append(
            BadEvaluation(
                id=ev.id,
                at=ev.created_at,
                level=ev.level,
                level_label=EvaluationLevel(ev.level).zh,
                reasons=tuple(_reason_label(str(r)) for r in (ev.reasons or [])),
                comment=ev.comment or "",
                case_no=case_no or "",
                ticket_number=ticket_no or "",
                item_name=item or "",
                window=int(win_no) if win_no is not None else None,
                clerk=f"{staff_no} {staff_name}" if staff_no else "",
                applicant_masked=mask_name(applicant) if applicant else "",
                followup_state=state,
                followup_state_label=FOLLOWUP_STATE_LABELS.get(state, state),
                followup_deadline=ev.followup_deadline,
                followup_note=ev.followup_note or "",
                followup_at=ev.followup_at,
                followup_overdue=(
                    state != "closed"
                    and ev.followup_deadline is not None
                    and ev.followup_deadline < today
                ),
            )
        )
    return out


def _evaluation_figures(
    s: Session,
    hall_id: int,
    tz: dt.tzinfo,
    local: _Local,
    lo: dt.datetime,
    hi: dt.datetime,
    today: dt.date,
    by_day: dict[dt.date, _DayAcc],
) -> EvaluationFigures:
    secs = _seconds_column(s)
    rows = _rows(
        s,
        select(Evaluation.level, secs(Evaluation.created_at)).where(
            Evaluation.hall_id == hall_id, Evaluation.created_at >= lo, Evaluation.created_at < hi
        ),
    )
    levels = dict.fromkeys(range(1, 6), 0)
    satisfied = 0
    for level, created_v in rows:
        levels[int(level)] = levels.get(int(level), 0) + 1
        created = _ts(created_v)
        if created is None:
            continue
        acc = by_day[local.date(created)]
        acc.evaluations += 1
        if level >= 3:
            satisfied += 1
            acc.satisfied += 1
    bad = bad_evaluations(
        s,
        hall_id,
        tz,
        today,
        and_(Evaluation.created_at >= lo, Evaluation.created_at < hi),
    )
    return EvaluationFigures(
        count=len(rows),
        levels=tuple(LevelCount(lv, EvaluationLevel(lv).zh, levels[lv]) for lv in (5, 4, 3, 2, 1)),
        satisfied=satisfied,
        bad=tuple(bad),
    )


# --------------------------------------------------------------------------------------------
# Public functions (one unit of work each)
# --------------------------------------------------------------------------------------------


def day_report(rt: Runtime, actor: Actor, day: dt.date) -> Report:
    """The report of the actor's hall for one local day (日报). Manager or administrator."""
    require_manager(rt, actor)
    with rt.unit() as s:
        return build_report(s, actor.hall_id, day, day)


def period_report(
    rt: Runtime,
    actor: Actor,
    start: dt.date,
    end: dt.date,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Report:
    """The report of the actor's hall for the local days ``start`` … ``end`` (期间报表), with a
    trend line per day. Manager or administrator; see :func:`build_report` for ``progress`` and
    ``cancelled``."""
    require_manager(rt, actor)
    _check_period(start, end)
    with rt.unit() as s:
        return build_report(s, actor.hall_id, start, end, progress=progress, cancelled=cancelled)


def count_history(
    s: Session, hall_id: int
) -> tuple[dt.date | None, dt.date | None, dt.date | None, int]:
    """(first day, last day, last day before today, tickets) of the hall's ticket history
    (bench): "last day before today" is the last whole day."""
    first, last, n = s.execute(
        select(func.min(Ticket.day), func.max(Ticket.day), func.count()).where(
            Ticket.hall_id == hall_id
        )
    ).one()
    hall = _hall(s, hall_id)
    today = clock.now().astimezone(hall_tz(hall)).date()
    whole = s.scalar(
        select(func.max(Ticket.day)).where(Ticket.hall_id == hall_id, Ticket.day < today)
    )
    return first, last, whole, int(n or 0)
