"""The back office (后台审批, 督着办): each node of a case after acceptance, time-stamped and
attributed, with the actor's role and hall checked.

- :func:`advance_case` — 初审 (``first_review``), 审核 (``review``) and 决定 (``decide``: 准予, or
  不予许可 with the reasons), each with the reviewer's opinion (审查意见). The decision is the
  reviewer's; its sealed 决定书 — and with it 办结 — is the seal keeper's
  (:func:`counter.services.seal.issue_decision`);
- :func:`send_back` — 退回 one node (审核 sends the case back to 初审, 决定 back to 审核);
- :func:`suspend_case` / :func:`resume_case` — 补正 (returned for correction), 听证, 现场勘查,
  公示: the clock stops with a reason; when the case resumes, its deadlines move by the
  suspended working days;
- :func:`post_result` — 送达 by post, with the carrier and tracking number (collecting at a
  window is :func:`counter.services.handout.hand_out`).

Roles: reviewers (后台审核人员) examine and decide; a correction may also be ended at a window
when the applicant brings the materials; anyone who mails the result may record the posting.
Halls: the case must be one the actor's hall serves, and examining and deciding belong to the
hall that decides it (the town for a village point it serves, :mod:`counter.domain.halls`).

Each public function is one unit of work; the ``*_in`` functions do the same inside the
caller's (the back-office door, :mod:`counter.backoffice`, composes them with its reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.domain.cases import (
    SUSPENDABLE_STATES,
    CaseState,
    InvalidTransition,
    Node,
    SuspensionKind,
    check_transition,
    node_target,
    suspended_working_days,
)
from counter.domain.checklist import ORIGINAL_HANDED_BACK, ORIGINAL_HELD
from counter.domain.text import bad_character, describe
from counter.domain.workdays import add_working_days
from counter.errors import Bi, InvalidInput, InvalidState
from counter.services.base import CLERK, REVIEWER, SEAL_KEEPER, Actor, Runtime, require_role
from counter.services.calendar import hall_calendar
from counter.services.cases import (
    MAX_COMMENT,
    MAX_REASON,
    CaseResult,
    OutOfScope,
    case_for,
    case_summary,
    deciding_hall_of,
    load_item,
    node_deadline,
    open_suspension,
    scope_refusals_audited,
    transition,
)
from db.models import Case, CaseSuspension

NODE_ROLES: dict[Node, tuple[str, ...]] = {
    Node.FIRST_REVIEW: (REVIEWER,),
    Node.REVIEW: (REVIEWER,),
    Node.DECIDE: (REVIEWER,),
    Node.COMPLETE: (SEAL_KEEPER,),
    Node.DELIVER: (CLERK, REVIEWER, SEAL_KEEPER),
}
"""Who may do each node: examining and deciding is the reviewers'; 办结 (stamping the decision
with the approval seal) the seal keepers'; 送达 whoever hands out or mails the result."""

SUSPEND_ROLES = (REVIEWER,)
RESUME_ROLES = (REVIEWER,)
CORRECTION_RESUME_ROLES = (REVIEWER, CLERK)
POST_ROLES = NODE_ROLES[Node.DELIVER]
CARRIERS = ("中国邮政EMS", "中国邮政挂号信", "顺丰速运", "京东物流", "中通快递", "圆通速递")
REFUSAL_REASONS = (
    "申请人不符合法定条件",
    "申请材料内容不真实",
    "申请事项不符合规划要求",
    "申请事项不符合一户一宅规定",
    "家庭经济状况不符合保障标准",
    "申请事项依法不属于本机关职权范围",
)
NODE_ACTIONS = {Node.FIRST_REVIEW: "first_review", Node.REVIEW: "review"}


class NotSuspended(InvalidState):
    code: ClassVar[str] = "not_suspended"
    zh: ClassVar[str] = "办件 {case_no} 当前为“{state}”，没有暂停计时，无需恢复"
    en: ClassVar[str] = "Case {case_no} is {state_en}: its clock is not stopped"


def clean_text(text: str, field: str, what: str, limit: int, *, required: bool) -> str:
    """``text`` stripped; refused when required and empty, too long, or with control
    characters (a clear error, nothing stored)."""
    out = (text or "").strip()
    if required and not out:
        raise InvalidInput(Bi(f"请填写{what}", "required"), field=field)
    if len(out) > limit:
        raise InvalidInput(Bi(f"{what}最多{limit}字", f"at most {limit} characters"), field=field)
    bad = bad_character(out, multiline=True)
    if bad is not None:
        raise InvalidInput(
            Bi(f"{what}含有控制字符（{describe(bad)}）", f"a control character ({describe(bad)})"),
            field=field,
        )
    return out


def parse_node(node: str | Node) -> Node:
    try:
        return Node(node)
    except ValueError:
        raise InvalidInput(f"未知环节“{node}”", field="node") from None


def check_deciding_hall(s: Session, actor: Actor, case: Case) -> None:
    """Examining and deciding belong to the hall that decides the case."""
    if deciding_hall_of(s, case).id != actor.hall_id:
        raise OutOfScope(what=f"办件 {case.case_no}", case_no=case.case_no)


def refusal_text(reasons: Sequence[str], opinion: str) -> str:
    """The reasons of a refusal as the notice states them: the chosen ones, then the words."""
    parts = [r.strip() for r in reasons if r and r.strip()]
    if opinion:
        parts.append(opinion)
    return "；".join(dict.fromkeys(parts))


def node_in(
    s: Session,
    actor: Actor,
    case: Case,
    node: Node,
    *,
    opinion: str = "",
    refuse: bool = False,
) -> Change:
    """Do ``node`` (初审, 审核, 决定) on ``case`` in the caller's unit (role already checked)."""
    check_deciding_hall(s, actor, case)
    v, _item, _dept = load_item(s, case.item_version_id)
    target = node_target(case.state, node, v.node_budget, approve=not refuse)
    now, today = clock.now(), clock.today()
    cal = hall_calendar(s, case.hall_id)
    if node is Node.DECIDE:
        action = "refuse" if refuse else "approve"
        transition(s, case, actor, target, "决定", action, comment=opinion,
                   result="rejected" if refuse else "approved")  # fmt: skip
        case.decided_at = now
        case.decided_by = actor.staff_id
        case.result = "rejected" if refuse else "approved"
        case.reason = opinion if refuse else ""
    else:
        transition(s, case, actor, target, node.zh, NODE_ACTIONS[node], comment=opinion)
    case.assigned_to = actor.staff_id
    case.node_deadline = node_deadline(v, target, today, cal)
    return emit(
        s,
        Change(f"case.{target.value}", case.hall_id,
               {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
    )  # fmt: skip


def advance_case(
    rt: Runtime,
    actor: Actor,
    case_no: str,
    node: str | Node,
    opinion: str = "",
    *,
    refuse: bool = False,
    reasons: Sequence[str] = (),
) -> CaseResult:
    """Do a back-office node: ``first_review`` (初审), ``review`` (审核) or ``decide`` (决定:
    准予, or with ``refuse`` 不予许可, which needs its reasons in ``reasons`` and/or
    ``opinion``). Each is a time-stamped, attributed event with the opinion; the node's budget
    starts the next node's deadline. Reviewers only, of the deciding hall; the nodes go in order
    (:func:`counter.domain.cases.node_target`)."""
    n = parse_node(node)
    if n not in (Node.FIRST_REVIEW, Node.REVIEW, Node.DECIDE):
        raise InvalidInput(f"环节“{n.zh}”不在后台审查中办理", field="node")
    if refuse and n is not Node.DECIDE:
        raise InvalidInput("只有决定环节可以不予许可", field="refuse")
    require_role(rt, actor, *NODE_ROLES[n])
    opinion = clean_text(opinion, "opinion", "审查意见", MAX_COMMENT, required=False)
    if refuse:
        opinion = clean_text(refusal_text(reasons, opinion), "reason", "不予许可的理由",
                             MAX_REASON, required=True)  # fmt: skip
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = node_in(s, actor, case, n, opinion=opinion, refuse=refuse)
        summary = case_summary(s, case)
    return CaseResult(summary, (), (change,), ())


def send_back_in(s: Session, actor: Actor, case: Case, opinion: str) -> Change:
    """退回: the node before the pending one must be done again (审核 → 初审, 决定 → 审核)."""
    check_deciding_hall(s, actor, case)
    back = {CaseState.REVIEW: CaseState.FIRST_REVIEW, CaseState.FIRST_REVIEW: CaseState.ACCEPTED}
    state = CaseState(case.state)
    target = back.get(state)
    if target is None:
        raise InvalidTransition(state=state.zh, target="退回", state_en=state.en,
                                target_en="sent back", from_state=state.value,
                                to_state=state.value)  # fmt: skip
    v, _item, _dept = load_item(s, case.item_version_id)
    transition(s, case, actor, target, "退回", "send_back", comment=opinion)
    case.node_deadline = node_deadline(v, target, clock.today(), hall_calendar(s, case.hall_id))
    return emit(s, Change("case.sent_back", case.hall_id,
                          {"case_no": case.case_no, "case_id": case.id, "state": case.state}))  # fmt: skip


def send_back(rt: Runtime, actor: Actor, case_no: str, opinion: str) -> CaseResult:
    """退回 one node, with the reason (reviewers of the deciding hall)."""
    require_role(rt, actor, REVIEWER)
    opinion = clean_text(opinion, "opinion", "退回理由", MAX_COMMENT, required=True)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = send_back_in(s, actor, case, opinion)
        summary = case_summary(s, case)
    return CaseResult(summary, (), (change,), ())


def parse_kind(kind: str | SuspensionKind) -> SuspensionKind:
    try:
        return SuspensionKind(kind)
    except ValueError:
        raise InvalidInput(f"未知的暂停原因“{kind}”", field="kind") from None


def suspend_in(s: Session, actor: Actor, case: Case, kind: SuspensionKind, reason: str) -> Change:
    """Stop the clock (补正, 听证, 现场勘查, 公示) in the caller's unit."""
    check_deciding_hall(s, actor, case)
    check_transition(case.state, CaseState.SUSPENDED)  # before the decision only
    assert CaseState(case.state) in SUSPENDABLE_STATES
    now = clock.now()
    s.add(
        CaseSuspension(
            case_id=case.id,
            kind=kind.value,
            reason=reason,
            from_state=case.state,
            started_at=now,
            started_by=actor.staff_id,
            start_day=clock.today(),
        )
    )
    transition(s, case, actor, CaseState.SUSPENDED, kind.zh, "suspend", comment=reason,
               kind=kind.value)  # fmt: skip
    return emit(s, Change("case.suspended", case.hall_id,
                          {"case_no": case.case_no, "case_id": case.id, "kind": kind.value}))  # fmt: skip


def suspend_case(
    rt: Runtime, actor: Actor, case_no: str, kind: str | SuspensionKind, reason: str
) -> CaseResult:
    """Stop the clock of a case under examination: returned for correction (补正) or suspended
    for a hearing (听证), a site inspection (现场勘查) or a publicity period (公示), with the
    reason. Reviewers of the deciding hall; before the decision only."""
    k = parse_kind(kind)
    require_role(rt, actor, *SUSPEND_ROLES)
    reason = clean_text(reason, "reason", f"{k.zh}的原因", MAX_REASON, required=True)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = suspend_in(s, actor, case, k, reason)
        summary = case_summary(s, case)
    return CaseResult(summary, (), (change,), ())


def resume_in(s: Session, actor: Actor, case: Case, note: str) -> tuple[Change, int]:
    """Start the clock again in the caller's unit; returns the change and the working days the
    deadlines moved by."""
    suspension = open_suspension(s, case) if case.state == CaseState.SUSPENDED.value else None
    if suspension is None:
        st = CaseState(case.state)
        raise NotSuspended(case_no=case.case_no, state=st.zh, state_en=st.en)
    kind = SuspensionKind(suspension.kind)
    if not (kind is SuspensionKind.CORRECTION and actor.has(CLERK)):
        check_deciding_hall(s, actor, case)
    now, today = clock.now(), clock.today()
    cal = hall_calendar(s, case.hall_id)
    days = suspended_working_days(suspension.start_day, today, cal)
    confirmed = case.deadline_confirmed
    if days:
        if case.deadline is not None:
            d = add_working_days(case.deadline, days, cal)
            case.deadline, confirmed = d.date, confirmed and d.confirmed
        if case.statutory_deadline is not None:
            d = add_working_days(case.statutory_deadline, days, cal)
            case.statutory_deadline, confirmed = d.date, confirmed and d.confirmed
        if case.node_deadline is not None:
            case.node_deadline = add_working_days(case.node_deadline, days, cal).date
    case.deadline_confirmed = confirmed
    case.suspended_days += days
    suspension.ended_at = now
    suspension.ended_by = actor.staff_id
    suspension.end_day = today
    suspension.working_days = days
    suspension.note = note
    target = check_transition(case.state, suspension.from_state)
    transition(s, case, actor, target, f"{kind.zh}结束", "resume", comment=note, kind=kind.value,
               suspended_days=days,
               deadline=case.deadline.isoformat() if case.deadline else None)  # fmt: skip
    change = emit(s, Change("case.resumed", case.hall_id,
                            {"case_no": case.case_no, "case_id": case.id, "state": case.state}))  # fmt: skip
    return change, days


def resume_case(rt: Runtime, actor: Actor, case_no: str, note: str = "") -> CaseResult:
    """End the suspension: the case goes back to the node it left, and its promised, statutory
    and node deadlines move by the working days it stood still. Reviewers of the deciding hall;
    a correction may also be ended by a clerk at a window when the materials are brought."""
    require_role(rt, actor, *CORRECTION_RESUME_ROLES)
    note = clean_text(note, "note", "说明", MAX_COMMENT, required=False)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        open_ = open_suspension(s, case)
        if (
            open_ is not None
            and open_.kind != SuspensionKind.CORRECTION.value
            and not actor.has(REVIEWER)
        ):
            from counter.errors import PermissionDenied

            raise PermissionDenied(role=Bi("后台审核人员", "back-office reviewer"))
        change, days = resume_in(s, actor, case, note)
        summary = case_summary(s, case)
    warnings = (f"办理时限顺延{days}个工作日",) if days else ()
    return CaseResult(summary, (), (change,), warnings)


POST_ORIGINALS_ENCLOSED = "enclosed"
"""The held originals go back in the same envelope as the result (the default)."""
POST_ORIGINALS_HELD = "held"
"""The held originals stay with the hall, for the applicant to collect."""
POST_ORIGINALS = (POST_ORIGINALS_ENCLOSED, POST_ORIGINALS_HELD)


def check_post_originals(originals: str) -> str:
    """``originals`` when it is one of :data:`POST_ORIGINALS`, else InvalidInput."""
    if originals not in POST_ORIGINALS:
        raise InvalidInput(
            Bi(
                f"暂存原件的处理方式“{originals}”无效（随件寄回 enclosed 或继续暂存 held）",
                f"unknown handling “{originals}” of the held originals (enclosed or held)",
            ),
            field="originals",
        )
    return originals


def post_in(
    s: Session, actor: Actor, case: Case, carrier: str, tracking: str,
    originals: str = POST_ORIGINALS_ENCLOSED,
) -> Change:  # fmt: skip
    """送达 by post in the caller's unit.

    The originals the hall held at acceptance (``held``) either go in the same envelope
    (``originals="enclosed"``: recorded ``handed_back`` at the posting time) or stay held for
    the applicant to collect (``"held"``; given back later by
    :func:`counter.services.handout.return_originals`). The 送达 event names them either way
    (its comment and ``originals_enclosed`` / ``originals_held``)."""
    check_post_originals(originals)
    check_transition(case.state, CaseState.DELIVERED)
    now = clock.now()
    case.delivered_at = now
    case.delivery_method = "post"
    case.delivery_carrier = carrier
    case.delivery_tracking = tracking
    held = [m for m in sorted(case.materials, key=lambda m: m.seq) if m.original == ORIGINAL_HELD]
    names = [m.name for m in held]
    comment = f"{carrier} {tracking}"
    if originals == POST_ORIGINALS_ENCLOSED:
        for m in held:
            m.original = ORIGINAL_HANDED_BACK
            m.original_returned_at = now
        if names:
            comment += f"；暂存原件随件寄回：{'、'.join(names)}"
        kept: list[str] = []
    else:
        kept, names = names, []
        if kept:
            comment += f"；暂存原件继续由本中心保管，待申请人领取：{'、'.join(kept)}"
    transition(s, case, actor, CaseState.DELIVERED, "送达", "post", comment=comment,
               carrier=carrier, tracking=tracking, originals=originals,
               originals_enclosed=names, originals_held=kept)  # fmt: skip
    return emit(s, Change("case.delivered", case.hall_id,
                          {"case_no": case.case_no, "case_id": case.id, "state": case.state,
                           "method": "post"}))  # fmt: skip


def check_tracking(carrier: str, tracking: str) -> tuple[str, str]:
    carrier = clean_text(carrier, "carrier", "承运单位", 40, required=True)
    tracking = clean_text(tracking, "tracking", "邮件号", 60, required=True)
    if not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in tracking):
        raise InvalidInput("邮件号只能包含字母、数字和连字符", field="tracking")
    return carrier, tracking.upper()


def post_result(
    rt: Runtime, actor: Actor, case_no: str, *, carrier: str, tracking: str,
    originals: str = POST_ORIGINALS_ENCLOSED,
) -> CaseResult:  # fmt: skip
    """送达 by post: a completed case's result mailed, with the carrier and tracking number;
    the held originals enclosed (default) or kept for collection (``originals``, see
    :func:`post_in`)."""
    require_role(rt, actor, *POST_ROLES)
    carrier, tracking = check_tracking(carrier, tracking)
    check_post_originals(originals)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = post_in(s, actor, case, carrier, tracking, originals)
        summary = case_summary(s, case)
    return CaseResult(summary, (), (change,), ())
