"""Service evaluation (好差评): one per case (一事一评) and one per ticket visit (一次一评), from any
actor of the hall (the evaluation device); a bad one (差评) gets a follow-up deadline (hall
setting ``followup_days``, working days)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select

from counter import clock
from counter.changes import Change, emit
from counter.domain.evaluation import (
    DEFAULT_FOLLOW_UP_WORKING_DAYS,
    EvaluationLevel,
    follow_up_deadline,
    validate_evaluation,
)
from counter.errors import (
    Bi,
    CounterError,
    InvalidInput,
    NotFound,
)
from counter.services.base import Actor, Runtime
from counter.services.calendar import hall_calendar
from counter.services.cases import int_setting, load_item, scope_hall_ids
from counter.services.queue_state import load_hall
from db.models import (
    Case,
    Evaluation,
    Ticket,
)

EVALUATION_CHANNELS = ("device", "qr", "window", "online", "sms", "phone")


class AlreadyEvaluated(CounterError):
    code: ClassVar[str] = "already_evaluated"
    zh: ClassVar[str] = "{what}已评价，一次办事只能评价一次"
    en: ClassVar[str] = "{what_en} has already been evaluated (one evaluation per visit)"


class EvaluationClosed(CounterError):
    code: ClassVar[str] = "evaluation_closed"
    zh: ClassVar[str] = "已超过评价期限（办结或办理后{days}天内可评价）"
    en: ClassVar[str] = "The evaluation period ({days} days) is over"


@dataclass(frozen=True)
class EvaluationInfo:
    id: int
    hall_id: int
    case_id: int | None
    case_no: str
    ticket_id: int | None
    item_id: int | None
    item_name: str
    window_id: int | None
    staff_id: int | None
    channel: str
    level: int
    reasons: tuple[str, ...]
    comment: str
    created_at: dt.datetime
    followup_deadline: dt.date | None
    followup_confirmed: bool = True
    changes: tuple[Change, ...] = ()

    @property
    def level_zh(self) -> str:
        return EvaluationLevel(self.level).zh

    @property
    def is_bad(self) -> bool:
        return EvaluationLevel(self.level).is_bad


def record_evaluation(
    rt: Runtime,
    actor: Actor,
    *,
    level: int,
    reasons: Sequence[str] = (),
    comment: str = "",
    case_id: int | None = None,
    ticket_id: int | None = None,
    channel: str = "device",
) -> EvaluationInfo:
    """Record one evaluation of a case (一事一评) and/or a ticket visit (一次一评).

    A second evaluation of the same case or ticket is refused (:class:`AlreadyEvaluated`), as is
    one after the hall's evaluation period (setting ``evaluation_days``, days after the last
    step of the case or the end of the visit). A 差评 (level 1 or 2) opens a follow-up with a
    deadline ``followup_days`` working days ahead."""
    ev = validate_evaluation(level, reasons, comment)
    if case_id is None and ticket_id is None:
        raise InvalidInput("评价须对应一个办件或一次取号", field="case_id")
    if channel not in EVALUATION_CHANNELS:
        raise InvalidInput(f"评价渠道“{channel}”无效", field="channel")
    with rt.unit() as s:
        case = s.get(Case, case_id, with_for_update=True) if case_id is not None else None
        if case_id is not None and case is None:
            raise NotFound(what=Bi(f"办件 {case_id}", f"case {case_id}"))
        ticket = s.get(Ticket, ticket_id, with_for_update=True) if ticket_id is not None else None
        if ticket_id is not None and ticket is None:
            raise NotFound(what=Bi(f"号票 {ticket_id}", f"ticket {ticket_id}"))
        served = scope_hall_ids(s, actor.hall_id)
        if case is not None and case.hall_id not in served:  # another hall's: as not found
            raise NotFound(what=Bi(f"办件 {case_id}", f"case {case_id}"))
        if ticket is not None and ticket.hall_id not in served:
            raise NotFound(what=Bi(f"号票 {ticket_id}", f"ticket {ticket_id}"))
        hall = load_hall(s, case.hall_id if case else ticket.hall_id if ticket else actor.hall_id)
        if (
            case is not None
            and s.scalars(select(Evaluation.id).where(Evaluation.case_id == case.id)).first()
        ):
            raise AlreadyEvaluated(what=f"办件 {case.case_no}", what_en=f"Case {case.case_no}")
        if (
            ticket is not None
            and s.scalars(select(Evaluation.id).where(Evaluation.ticket_id == ticket.id)).first()
        ):
            raise AlreadyEvaluated(what=f"号票 {ticket.number}", what_en=f"Ticket {ticket.number}")
        now = clock.now()
        days = int_setting(hall, "evaluation_days", 3)
        last = [t for t in (
            case.updated_at if case else None,
            (ticket.finished_at or ticket.called_at or ticket.issued_at) if ticket else None,
        ) if t is not None]  # fmt: skip
        if days > 0 and last and now - max(last) > dt.timedelta(days=days):
            raise EvaluationClosed(days=days)
        followup = None
        if ev.is_bad:
            followup = follow_up_deadline(
                clock.today(),
                hall_calendar(s, hall.id),
                max(1, int_setting(hall, "followup_days", DEFAULT_FOLLOW_UP_WORKING_DAYS)),
            )
        item_name = ""
        if case is not None:
            item_name = load_item(s, case.item_version_id)[0].name
        row = Evaluation(
            hall_id=hall.id,
            case_id=case.id if case else None,
            ticket_id=ticket.id if ticket else None,
            item_id=case.item_id if case else None,
            window_id=(ticket.window_id if ticket and ticket.window_id else None)
            or (case.window_id if case else None)
            or actor.window_id,
            staff_id=(ticket.staff_id if ticket and ticket.staff_id else None)
            or (case.accepted_by if case else None)
            or actor.staff_id,
            channel=channel,
            level=int(ev.level),
            reasons=ev.reason_codes,
            comment=ev.comment,
            created_at=now,
            followup_state="open" if followup else "",
            followup_deadline=followup.date if followup else None,
        )
        s.add(row)
        s.flush()
        change = emit(
            s,
            Change("evaluation.recorded", hall.id,
                   {"evaluation_id": row.id, "level": row.level, "bad": ev.is_bad,
                    "case_no": case.case_no if case else None,
                    "ticket_id": row.ticket_id, "window_id": row.window_id}),
        )  # fmt: skip
        return EvaluationInfo(
            id=row.id,
            hall_id=row.hall_id,
            case_id=row.case_id,
            case_no=case.case_no if case else "",
            ticket_id=row.ticket_id,
            item_id=row.item_id,
            item_name=item_name,
            window_id=row.window_id,
            staff_id=row.staff_id,
            channel=row.channel,
            level=row.level,
            reasons=tuple(row.reasons),
            comment=row.comment,
            created_at=row.created_at,
            followup_deadline=row.followup_deadline,
            followup_confirmed=followup.confirmed if followup else True,
            changes=(change,),
        )
