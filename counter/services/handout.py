"""Hand-out (出件): a completed case's result given to its applicant or agent at a window.

The collector's ID number must be the applicant's or the agent's (compared as keyed hashes); a
mismatch is refused and audited. A 领取回执 is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.documents import builders
from counter.domain.applicants import (
    check_name,
)
from counter.domain.cases import (
    CaseState,
    check_transition,
)
from counter.domain.checkchars import (
    normalize_code,
)
from counter.domain.checklist import ORIGINAL_HANDED_BACK, ORIGINAL_HELD
from counter.domain.masking import id_hash, mask_id_number, mask_name
from counter.errors import (
    Bi,
    CounterError,
    InvalidInput,
)
from counter.services.base import Actor, Runtime, audit
from counter.services.cases import (
    RESULT_ZH,
    CaseDetail,
    CaseResult,
    case_detail,
    case_event,
    case_facts,
    case_for,
    case_summary,
    hash_key,
    load_hall,
    require_window_actor,
    scope_refusals_audited,
    staff_name,
    transition,
)
from counter.services.seal import (
    write_document,
)
from db.models import (
    Applicant,
    Case,
    Document,
)


class CollectorMismatch(CounterError):
    code: ClassVar[str] = "collector_mismatch"
    zh: ClassVar[str] = "领取人证件号码与申请人、代办人均不一致，不能领取"
    en: ClassVar[str] = "The collector's ID number is neither the applicant's nor the agent's"


RESULT_KINDS = ("decision", "certificate")
"""The documents that are a case's result, handed over at 出件."""


def handed_results(s: Session, case_id: int) -> list[builders.ResultLine]:
    """The case's results to hand over: its decisions and certificates still in force, each
    with its 文号, in the order they were issued."""
    docs = s.scalars(
        select(Document)
        .where(
            Document.case_id == case_id,
            Document.kind.in_(RESULT_KINDS),
            Document.revoked_at.is_(None),
        )
        .order_by(Document.id)
    ).all()
    return [
        builders.ResultLine(str(d.content.get("title") or d.kind), d.reference or "", 1)
        for d in docs
    ]


def give_back_originals(
    case: Case, seqs: Sequence[int] | None, at: dt.datetime
) -> list[builders.MaterialLine]:
    """Record the originals given back at 出件 and return them as the 领取回执 lists them.

    Only originals the hall held (recorded ``held`` at acceptance) can be given back; ``seqs``
    names them by their place in the checklist (``CaseMaterialInfo.seq``), ``None`` gives back
    every one held. A held original not named stays held (recorded, for a later hand-back);
    naming a material that is not a held original is refused (InvalidInput)."""
    held = {m.seq: m for m in case.materials if m.original == ORIGINAL_HELD}
    wanted = list(held) if seqs is None else list(dict.fromkeys(seqs))
    stray = [n for n in wanted if n not in held]
    if stray:
        raise InvalidInput(
            Bi(
                "只能退还受理时由本中心暂存的原件",
                "only originals the hall held at acceptance can be given back",
            ),
            field="returned",
        )
    out = []
    for n in sorted(wanted):
        m = held[n]
        m.original = ORIGINAL_HANDED_BACK
        m.original_returned_at = at
        out.append(builders.MaterialLine(m.name, "original", 1, original=ORIGINAL_HANDED_BACK))
    return out


def find_case_for_handout(rt: Runtime, actor: Actor, code: str) -> CaseDetail:
    """The case whose number was scanned from a receipt's barcode (or typed). Whether it can be
    handed out now is ``ready_for_handout``."""
    require_window_actor(rt, actor)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, code)
        audit(s, actor, "case_read", case.case_no, host=rt.host, purpose="handout")
        return case_detail(s, case)


def hand_out(
    rt: Runtime,
    actor: Actor,
    case_no: str,
    *,
    collector_id_number: str,
    collector_name: str = "",
    returned: Sequence[int] | None = None,
) -> CaseResult:
    """出件: hand a completed case's result to its applicant or agent, collected at the window.

    The collector's ID number must be the applicant's or the agent's (keyed hashes compared); a
    mismatch is refused with :class:`CollectorMismatch` and audited. ``returned``: the held
    originals given back now, by checklist ``seq`` (``None``: all held ones; see
    :func:`give_back_originals`); the 领取回执 lists exactly those."""
    require_window_actor(rt, actor)
    number = normalize_code(collector_id_number or "")
    if not number:
        raise InvalidInput(
            Bi("请读取或输入领取人证件号码", "read or type the collector's ID number"),
            field="collector_id_number",
        )
    name = (collector_name or "").strip()
    if name:
        name = check_name(name, "领取人", "collector_name", "领取人姓名", enterprise=False)
    refused = False
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        hall = load_hall(s, case.hall_id)
        check_transition(case.state, CaseState.DELIVERED)
        key = hash_key(s, hall)
        wanted = id_hash(number, key)
        matched: tuple[str, Applicant] | None = None
        for who, aid in (("applicant", case.applicant_id), ("agent", case.agent_id)):
            person = s.get(Applicant, aid) if aid else None
            if person is not None and person.id_number and id_hash(person.id_number, key) == wanted:
                matched = (who, person)
                break
        if matched is None:
            refused = True
        else:
            who, person = matched
            now = clock.now()
            collector = name or person.name
            given_back = give_back_originals(case, returned, now)
            case.delivered_at = now
            case.delivery_method = "window"
            transition(s, case, actor, CaseState.DELIVERED, "送达", "hand_out",
                        collector=mask_name(collector), collector_is=who,
                        originals_returned=[m.name for m in given_back])  # fmt: skip
            facts = replace(
                case_facts(s, case, hall, None),
                clerk_name=staff_name(s, actor.staff_id, actor.name),
            )
            content = builders.handover_slip(
                facts,
                handed_at=now,
                collector_name=collector,
                collector_id=mask_id_number(number),
                result=RESULT_ZH.get(case.result, case.result or "办结"),
                items=handed_results(s, case.id),
                returned=given_back,
                collector_is=who,
            )
            write_document(s, case, actor, content, None, "领取回执")
            change = emit(
                s,
                Change("case.delivered", hall.id,
                       {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
            )  # fmt: skip
            summary = case_summary(s, case)
    if refused:
        with rt.unit() as s:
            audit(s, actor, "handout_refused", case_no, host=rt.host, reason="id_mismatch")
        raise CollectorMismatch()
    return CaseResult(summary, (content,), (change,), ())


class NoOriginalsHeld(InvalidInput):
    """退还原件 on a case whose originals the hall no longer holds (none was held, or every one
    has been given back)."""

    code: ClassVar[str] = "no_originals_held"
    zh: ClassVar[str] = "本办件没有由本中心暂存、尚未退还的原件"
    en: ClassVar[str] = "The hall holds no original of this case that has not been given back"


def return_originals(
    rt: Runtime, actor: Actor, case_no: str, returned: Sequence[int] | None = None
) -> CaseResult:
    """退还原件 after 出件: the originals the hall still holds for a delivered case (not ticked
    at hand-out, or kept when the result was posted) given back now, by checklist ``seq``
    (``None``: every one still held; see :func:`give_back_originals`).

    Recorded per material (``handed_back``, with the time) and as a node of the case's trace
    (``return_originals``, audited); a short 退还材料回执 is written for the applicant to sign.
    Refused before 出件 (InvalidInput: held originals are given back at hand-out) and when
    nothing is held (:class:`NoOriginalsHeld`)."""
    require_window_actor(rt, actor)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        if case.state != CaseState.DELIVERED.value:
            raise InvalidInput(
                Bi(
                    "办件尚未送达：暂存的原件请在出件时勾选退还",
                    "the case is not delivered yet: give the held originals back at hand-out",
                ),
                field="case_no",
            )
        if not any(m.original == ORIGINAL_HELD for m in case.materials):
            raise NoOriginalsHeld(field="returned")
        hall = load_hall(s, case.hall_id)
        now = clock.now()
        given_back = give_back_originals(case, returned, now)
        if not given_back:
            raise InvalidInput(
                Bi("请勾选要退还的原件", "tick the originals to give back"), field="returned"
            )
        names = [m.name for m in given_back]
        case_event(s, case, actor, "送达", "return_originals", case.state,
                   comment="退还暂存原件：" + "、".join(names),
                   originals_returned=names)  # fmt: skip
        clerk = staff_name(s, actor.staff_id, actor.name)
        content = builders.originals_return_slip(
            case_facts(s, case, hall, None),
            returned_at=now,
            returned=given_back,
            clerk_name=clerk,
        )
        write_document(s, case, actor, content, None, "退还材料回执")
        change = emit(
            s,
            Change("case.originals_returned", hall.id,
                   {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
        )  # fmt: skip
        summary = case_summary(s, case)
    return CaseResult(summary, (content,), (change,), ())
