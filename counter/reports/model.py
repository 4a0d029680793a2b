"""What a report says, as frozen data (报表内容): the figures of a day or a period for one hall.

Built by :mod:`counter.reports.queries`, turned into JSON (:meth:`Report.to_json`), CSV and XLSX
(:mod:`counter.reports.export`) and an A4 document (:func:`counter.reports.export.report_document`,
drawn by the UI). Only ticket numbers, case numbers and masked applicant names appear; clerks
are named by staff number and name (the hall's own staff).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from counter.reports.stats import DurationStats

__all__ = [
    "BadEvaluation",
    "BreakdownRow",
    "CaseFigures",
    "DayRow",
    "DepartmentRow",
    "EvaluationFigures",
    "ItemRow",
    "LevelCount",
    "Report",
    "TicketFigures",
]


def _r(v: float | None, digits: int = 4) -> float | None:
    return None if v is None else round(v, digits)


def _iso(v: dt.datetime | dt.date | None) -> str | None:
    return None if v is None else v.isoformat()


@dataclass(frozen=True)
class TicketFigures:
    """号票: issued (取号), called (叫号), served (办结), no-show (过号, final), transferred
    (转办, at least once), void (作废), waiting time (issue → first call) and service time
    (last call → finish) in minutes, and the share of called tickets whose wait was within the
    hall's target (``target_wait_minutes``)."""

    issued: int
    called: int
    served: int
    no_show: int
    transferred: int
    voided: int
    waiting: DurationStats
    service: DurationStats
    target_wait_minutes: int
    within_target: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "issued": self.issued,
            "called": self.called,
            "served": self.served,
            "no_show": self.no_show,
            "transferred": self.transferred,
            "void": self.voided,
            "target_wait_minutes": self.target_wait_minutes,
            "within_target_rate": _r(self.within_target),
        }


@dataclass(frozen=True)
class BreakdownRow:
    """One line of a breakdown by hour, window, clerk or queue.

    ``key``: the hour (``"09"``), window number, staff number or queue prefix; ``label``: what a
    person reads (``09:00–10:00``, ``3号综合窗口``, ``1001 王丽``, ``A 综合受理``);
    ``windows``: for hours, the windows that called or finished a ticket in that hour (for a
    period, the mean per day with activity), else 0."""

    key: str
    label: str
    issued: int
    called: int
    served: int
    no_show: int
    transferred: int
    waiting: DurationStats
    service: DurationStats
    within_target: float | None
    windows: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "issued": self.issued,
            "called": self.called,
            "served": self.served,
            "no_show": self.no_show,
            "transferred": self.transferred,
            "waiting_minutes": self.waiting.to_json(),
            "service_minutes": self.service.to_json(),
            "within_target_rate": _r(self.within_target),
            "windows": round(self.windows, 2),
        }


@dataclass(frozen=True)
class ItemRow:
    """Cases of one item (事项): accepted, completed (on time or not), overdue."""

    item_id: int
    code: str
    name: str
    department: str
    on_the_spot: bool
    accepted: int
    completed: int
    completed_on_time: int
    overdue: int

    @property
    def on_time_rate(self) -> float | None:
        return self.completed_on_time / self.completed if self.completed else None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "department": self.department,
            "on_the_spot": self.on_the_spot,
            "accepted": self.accepted,
            "completed": self.completed,
            "completed_on_time": self.completed_on_time,
            "overdue": self.overdue,
            "on_time_rate": _r(self.on_time_rate),
        }


@dataclass(frozen=True)
class DepartmentRow:
    """Cases of one department (部门)."""

    name: str
    accepted: int
    completed: int
    completed_on_time: int
    overdue: int

    @property
    def on_time_rate(self) -> float | None:
        return self.completed_on_time / self.completed if self.completed else None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "accepted": self.accepted,
            "completed": self.completed,
            "completed_on_time": self.completed_on_time,
            "overdue": self.overdue,
            "on_time_rate": _r(self.on_time_rate),
        }


@dataclass(frozen=True)
class CaseFigures:
    """办件 of the period.

    - ``accepted``: accepted (受理) in the period, on-the-spot items (即办件) included;
    - ``completed``: completed (办结) in the period; ``completed_on_time`` those completed on or
      before their promised deadline (judged by the local date of completion);
    - ``on_time_rate`` (按时办结率) = completed on time / completed;
    - ``overdue`` (超期): cases whose promised deadline falls in the period and that were not
      completed by it — completed after it, or still not completed when the deadline is before
      the report's day (a deadline of today is not yet missed);
    - ``on_the_spot_share`` (即办件占比) = accepted on-the-spot cases / accepted;
    - ``first_visit_rate`` (一次办成率) = accepted cases that had no one-time notice (一次性告知)
      before acceptance / accepted.
    """

    accepted: int
    completed: int
    completed_on_time: int
    overdue: int
    on_the_spot: int
    first_visit: int
    by_item: tuple[ItemRow, ...]
    by_department: tuple[DepartmentRow, ...]

    @property
    def on_time_rate(self) -> float | None:
        return self.completed_on_time / self.completed if self.completed else None

    @property
    def on_the_spot_share(self) -> float | None:
        return self.on_the_spot / self.accepted if self.accepted else None

    @property
    def first_visit_rate(self) -> float | None:
        return self.first_visit / self.accepted if self.accepted else None

    def to_json(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "completed": self.completed,
            "completed_on_time": self.completed_on_time,
            "overdue": self.overdue,
            "on_time_rate": _r(self.on_time_rate),
            "on_the_spot": self.on_the_spot,
            "on_the_spot_share": _r(self.on_the_spot_share),
            "first_visit": self.first_visit,
            "first_visit_rate": _r(self.first_visit_rate),
            "by_item": [r.to_json() for r in self.by_item],
            "by_department": [r.to_json() for r in self.by_department],
        }


@dataclass(frozen=True)
class LevelCount:
    level: int  # 5 非常满意 … 1 非常不满意
    label: str
    count: int


@dataclass(frozen=True)
class BadEvaluation:
    """One 差评 (level 1 or 2) with its follow-up (回访整改): ``followup_state`` is ``open``
    (待回访), ``contacted`` (已回访，未整改完) or ``closed`` (已整改); ``followup_overdue`` when the
    deadline has passed and it is not closed."""

    id: int
    at: dt.datetime
    level: int
    level_label: str
    reasons: tuple[str, ...]
    comment: str
    case_no: str
    ticket_number: str
    item_name: str
    window: int | None
    clerk: str
    applicant_masked: str
    followup_state: str
    followup_state_label: str
    followup_deadline: dt.date | None
    followup_note: str
    followup_at: dt.datetime | None
    followup_overdue: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": _iso(self.at),
            "level": self.level,
            "level_label": self.level_label,
            "reasons": list(self.reasons),
            "comment": self.comment,
            "case_no": self.case_no,
            "ticket_number": self.ticket_number,
            "item": self.item_name,
            "window": self.window,
            "clerk": self.clerk,
            "applicant": self.applicant_masked,
            "followup_state": self.followup_state,
            "followup_state_label": self.followup_state_label,
            "followup_deadline": _iso(self.followup_deadline),
            "followup_note": self.followup_note,
            "followup_at": _iso(self.followup_at),
            "followup_overdue": self.followup_overdue,
        }


@dataclass(frozen=True)
class EvaluationFigures:
    """好差评 of the period: the distribution over the five levels, the satisfaction rate
    (满意率 = 非常满意 + 满意 + 基本满意 over all evaluations) and every 差评."""

    count: int
    levels: tuple[LevelCount, ...]
    satisfied: int
    bad: tuple[BadEvaluation, ...]

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.count if self.count else None

    @property
    def bad_open(self) -> int:
        return sum(1 for b in self.bad if b.followup_state != "closed")

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "satisfied": self.satisfied,
            "satisfaction_rate": _r(self.satisfaction_rate),
            "levels": {str(lc.level): lc.count for lc in self.levels},
            "bad_count": len(self.bad),
            "bad_open": self.bad_open,
            "bad": [b.to_json() for b in self.bad],
        }


@dataclass(frozen=True)
class DayRow:
    """One day of a period's trend."""

    day: dt.date
    issued: int
    served: int
    no_show: int
    waiting_mean: float | None
    waiting_p90: float | None
    accepted: int
    completed: int
    evaluations: int
    satisfied: int

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.evaluations if self.evaluations else None

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "issued": self.issued,
            "served": self.served,
            "no_show": self.no_show,
            "waiting_mean": _r(self.waiting_mean, 2),
            "waiting_p90": _r(self.waiting_p90, 2),
            "accepted": self.accepted,
            "completed": self.completed,
            "evaluations": self.evaluations,
            "satisfaction_rate": _r(self.satisfaction_rate),
        }


@dataclass(frozen=True)
class Report:
    """A day's (``start == end``) or a period's report of one hall; dates are the hall's local
    dates, both ends included."""

    hall_id: int
    hall_code: str
    hall_name: str
    start: dt.date
    end: dt.date
    generated_at: dt.datetime
    tickets: TicketFigures
    cases: CaseFigures
    evaluations: EvaluationFigures
    by_hour: tuple[BreakdownRow, ...]
    by_window: tuple[BreakdownRow, ...]
    by_clerk: tuple[BreakdownRow, ...]
    by_queue: tuple[BreakdownRow, ...]
    by_day: tuple[DayRow, ...]
    waiting_histogram: tuple[tuple[str, int], ...]  # (bucket label, tickets), e.g. ("10–15", 42)

    @property
    def is_day(self) -> bool:
        return self.start == self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_json(self) -> dict[str, Any]:
        return {
            "hall": {"id": self.hall_id, "code": self.hall_code, "name": self.hall_name},
            "period": {
                "from": self.start.isoformat(),
                "to": self.end.isoformat(),
                "days": self.days,
            },
            "generated_at": self.generated_at.isoformat(),
            "tickets": self.tickets.to_json(),
            "waiting_minutes": self.tickets.waiting.to_json(),
            "service_minutes": self.tickets.service.to_json(),
            "cases": self.cases.to_json(),
            "evaluations": self.evaluations.to_json(),
            "by_hour": [r.to_json() for r in self.by_hour],
            "by_window": [r.to_json() for r in self.by_window],
            "by_clerk": [r.to_json() for r in self.by_clerk],
            "by_queue": [r.to_json() for r in self.by_queue],
            "by_day": [r.to_json() for r in self.by_day],
            "waiting_histogram": [{"bucket": b, "tickets": n} for b, n in self.waiting_histogram],
        }
