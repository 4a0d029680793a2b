"""差评回访整改: the hall manager records the follow-up of a bad evaluation (差评).

Every 差评 (level 1 or 2) opens a follow-up with a deadline (see
:func:`counter.services.cases.record_evaluation`). The manager calls the citizen back and
records what happened with :func:`record_followup`: contacted (已回访), resolved (已整改) and an
explanation (情况说明). The follow-up state goes ``open`` → ``contacted`` → ``closed``; a closed
follow-up is final. Each record is audited and announced (``evaluation.followup``), in the same
unit of work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.errors import Bi, CounterError, InvalidInput, NotFound
from counter.services.base import ADMIN, MANAGER, Actor, Runtime, audit, require_role
from db.models import Evaluation

__all__ = [
    "FOLLOWUP_STATES",
    "FollowUpClosed",
    "FollowUpResult",
    "MAX_EXPLANATION",
    "NotABadEvaluation",
    "record_followup",
]

FOLLOWUP_STATES = ("open", "contacted", "closed")
MAX_EXPLANATION = 1000


class NotABadEvaluation(CounterError):
    code: ClassVar[str] = "not_a_bad_evaluation"
    zh: ClassVar[str] = "该评价不是差评，无需回访整改"
    en: ClassVar[str] = "This evaluation is not a bad one; it needs no follow-up"


class FollowUpClosed(CounterError):
    code: ClassVar[str] = "followup_closed"
    zh: ClassVar[str] = "该差评已整改办结，不能再修改"
    en: ClassVar[str] = "This follow-up is closed and cannot be changed"


@dataclass(frozen=True)
class FollowUpResult:
    """The evaluation's follow-up as it now stands, and the change announced."""

    evaluation_id: int
    state: str
    note: str
    deadline: dt.date | None
    at: dt.datetime
    by_staff_id: int | None
    changes: tuple[Change, ...]


def record_followup(
    rt: Runtime,
    actor: Actor,
    evaluation_id: int,
    *,
    contacted: bool,
    resolved: bool,
    explanation: str,
) -> FollowUpResult:
    """Record the follow-up of 差评 ``evaluation_id`` of the actor's hall.

    ``resolved`` closes it (``closed``); else ``contacted`` marks it called back
    (``contacted``). An explanation is required (what the citizen was told, what was fixed),
    at most :data:`MAX_EXPLANATION` characters. Manager or administrator only. Refused: an
    evaluation that is not a 差评 (:class:`NotABadEvaluation`), a closed follow-up
    (:class:`FollowUpClosed`), nothing to record (neither contacted nor resolved)."""
    check_followup(rt, actor, contacted=contacted, resolved=resolved, explanation=explanation)
    with rt.unit() as s:
        return apply_followup(
            s, rt, actor, evaluation_id, contacted=contacted, resolved=resolved,
            explanation=explanation,
        )  # fmt: skip


def check_followup(
    rt: Runtime, actor: Actor, *, contacted: bool, resolved: bool, explanation: str
) -> None:
    """The checks before any database work: role, explanation, something to record."""
    require_role(rt, actor, MANAGER, ADMIN)
    text = (explanation or "").strip()
    if not text:
        raise InvalidInput("请填写回访或整改情况说明", field="explanation")
    if len(text) > MAX_EXPLANATION:
        raise InvalidInput(f"情况说明最多{MAX_EXPLANATION}字", field="explanation")
    if not (contacted or resolved):
        raise InvalidInput("请勾选“已回访”或“已整改”", field="contacted")


def apply_followup(
    s: Session,
    rt: Runtime,
    actor: Actor,
    evaluation_id: int,
    *,
    contacted: bool,
    resolved: bool,
    explanation: str,
) -> FollowUpResult:
    """Record the follow-up in the caller's unit of work (after :func:`check_followup`)."""
    text = explanation.strip()
    ev = s.get(Evaluation, evaluation_id, with_for_update=True)
    if ev is None or ev.hall_id != actor.hall_id:
        raise NotFound(what=Bi(f"评价 {evaluation_id}", f"evaluation {evaluation_id}"))
    if ev.level > 2:
        raise NotABadEvaluation()
    before = ev.followup_state or "open"
    if before == "closed":
        raise FollowUpClosed()
    state = "closed" if resolved else "contacted"
    now = clock.now()
    ev.followup_state = state
    ev.followup_note = text
    ev.followup_by = actor.staff_id
    ev.followup_at = now
    s.flush()
    # The explanation stays in the evaluation row; the audit says who changed what state.
    audit(
        s,
        actor,
        "evaluation_followup",
        f"evaluation {ev.id}",
        host=rt.host,
        from_state=before,
        to_state=state,
        contacted=bool(contacted or resolved),
        resolved=bool(resolved),
    )
    change = emit(
        s,
        Change(
            "evaluation.followup",
            ev.hall_id,
            {"evaluation_id": ev.id, "state": state, "level": ev.level},
        ),
    )
    return FollowUpResult(
        evaluation_id=ev.id,
        state=state,
        note=text,
        deadline=ev.followup_deadline,
        at=now,
        by_staff_id=actor.staff_id,
        changes=(change,),
    )
