"""The hall manager's door to the core (大厅管理员): one function per thing the manager does.

The manager screen (``ui/manager``) talks to the core only through this module. Each function
checks the actor — the hall manager (大厅管理员) or the administrator, of the actor's own hall —
opens one unit of work, reads or does what the screen needs and returns frozen dataclasses:

- :func:`sign_in` — sign in; refused to anyone who is neither manager nor administrator;
- :func:`live_hall` — everything the live view shows (on start and after a reconnect);
- :func:`live_floor` — queues, windows and throughput (after ``ticket.*`` / ``window.*``);
- :func:`live_cases` — cases near or past their deadline (after ``case.*``);
- :func:`live_followups` — 差评 awaiting follow-up (after ``evaluation.*``);
- :func:`day_report` / :func:`period_report` — the reports (period: progress and cancel);
- :func:`record_followup` — record a 差评 follow-up; returns it and the refreshed list;
- :func:`export_report` — write a report as JSON, CSV or XLSX; :func:`report_document` gives
  the A4 content that the UI draws as PDF.

:func:`refresh_for` says which part an event touches, so the screen never re-reads the whole
hall for a change it can place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from counter.changes import Change
from counter.documents.model import DocumentContent
from counter.errors import Bi, PermissionDenied
from counter.reports import export, live, queries
from counter.reports.live import CaseAlert, Floor
from counter.reports.model import BadEvaluation, Report
from counter.services import followup as followup_service
from counter.services.auth import SignedIn
from counter.services.auth import sign_in as auth_sign_in
from counter.services.base import ADMIN, MANAGER, Actor, Runtime, audit

__all__ = [
    "FollowUpDone",
    "LiveHall",
    "day_report",
    "export_report",
    "live_cases",
    "live_floor",
    "live_followups",
    "live_hall",
    "period_report",
    "record_followup",
    "refresh_for",
    "report_document",
    "sign_in",
    "system_actor",
]


@dataclass(frozen=True)
class LiveHall:
    """The whole live view: the floor, the case alerts, the follow-ups."""

    floor: Floor
    cases: tuple[CaseAlert, ...]
    followups: tuple[BadEvaluation, ...]


@dataclass(frozen=True)
class FollowUpDone:
    """A recorded follow-up, the follow-ups still pending and the change announced."""

    evaluation_id: int
    state: str
    followups: tuple[BadEvaluation, ...]
    changes: tuple[Change, ...]


def system_actor(rt: Runtime, hall_code: str | None = None) -> Actor:
    """The hall's own actor for scripts run by its IT person (``counter report``)."""
    return Actor.system(rt.hall_id(hall_code), device="cli")


def sign_in(
    rt: Runtime, staff_no: str, password: str, *, new_password: str | None = None
) -> SignedIn:
    """Sign in to the manager screen; a person holding neither the manager nor the
    administrator role is refused (and the refusal audited). A password an administrator
    reset raises :class:`counter.errors.PasswordChangeRequired` until ``new_password`` is
    given (see :func:`counter.services.auth.sign_in`)."""
    signed = auth_sign_in(rt, staff_no, password, new_password=new_password)
    if not (signed.actor.has(MANAGER) or signed.actor.has(ADMIN)):
        with rt.unit() as s:
            audit(s, signed.actor, "permission_denied", "manager screen", host=rt.host)
        raise PermissionDenied(role=Bi("大厅管理员、系统管理员", "hall manager or administrator"))
    return signed


def live_hall(rt: Runtime, actor: Actor) -> LiveHall:
    queries.require_manager(rt, actor)
    with rt.unit() as s:
        return LiveHall(
            floor=live.floor(s, actor.hall_id),
            cases=live.case_alerts(s, actor.hall_id),
            followups=live.pending_followups(s, actor.hall_id),
        )


def live_floor(rt: Runtime, actor: Actor) -> Floor:
    queries.require_manager(rt, actor)
    with rt.unit() as s:
        return live.floor(s, actor.hall_id)


def live_cases(rt: Runtime, actor: Actor) -> tuple[CaseAlert, ...]:
    queries.require_manager(rt, actor)
    with rt.unit() as s:
        return live.case_alerts(s, actor.hall_id)


def live_followups(rt: Runtime, actor: Actor) -> tuple[BadEvaluation, ...]:
    queries.require_manager(rt, actor)
    with rt.unit() as s:
        return live.pending_followups(s, actor.hall_id)


def refresh_for(event_type: str) -> str | None:
    """Which part of the live view an event touches: ``floor``, ``cases``, ``followups``,
    ``all`` (a history or seeding event), or ``None`` (nothing the manager sees)."""
    head = event_type.split(".", 1)[0]
    if head in ("ticket", "window", "queue", "appointment"):
        return "floor"
    if head == "case":
        return "cases"
    if head == "evaluation":
        return "followups"
    if head in ("history", "hall"):
        return "all"
    return None


def day_report(rt: Runtime, actor: Actor, day: dt.date) -> Report:
    return queries.day_report(rt, actor, day)


def period_report(
    rt: Runtime,
    actor: Actor,
    start: dt.date,
    end: dt.date,
    *,
    progress: queries.Progress | None = None,
    cancelled: queries.Cancelled | None = None,
) -> Report:
    return queries.period_report(rt, actor, start, end, progress=progress, cancelled=cancelled)


def record_followup(
    rt: Runtime,
    actor: Actor,
    evaluation_id: int,
    *,
    contacted: bool,
    resolved: bool,
    explanation: str,
) -> FollowUpDone:
    """Record the follow-up of a 差评 (see :func:`counter.services.followup.record_followup`)
    and read the follow-ups still pending, in one unit of work."""
    followup_service.check_followup(
        rt, actor, contacted=contacted, resolved=resolved, explanation=explanation
    )
    with rt.unit() as s:
        done = followup_service.apply_followup(
            s, rt, actor, evaluation_id, contacted=contacted, resolved=resolved,
            explanation=explanation,
        )  # fmt: skip
        pending = live.pending_followups(s, actor.hall_id)
    return FollowUpDone(done.evaluation_id, done.state, pending, done.changes)


def export_report(
    rt: Runtime,
    actor: Actor,
    report: Report,
    fmt: str,
    path: str | Path,
    *,
    progress: export.Progress | None = None,
    cancelled: export.Cancelled | None = None,
) -> Path:
    """Write ``report`` (of the actor's hall) as ``fmt`` (json, csv, xlsx) to ``path``."""
    queries.require_manager(rt, actor)
    if report.hall_id != actor.hall_id:
        raise PermissionDenied(role=Bi("本大厅的大厅管理员", "this hall's manager"))
    out = Path(path)
    export.write_report(report, out, fmt, progress=progress, cancelled=cancelled)
    return out


def report_document(report: Report) -> DocumentContent:
    """The A4 content of ``report`` (the UI draws it as PDF)."""
    return export.report_document(report)
