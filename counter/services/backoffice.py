"""The back office (后台审批, 督着办): each step of a case after acceptance, time-stamped and
attributed: 初审, 审核, 审批 (the decision, written as a sealed 决定书), 办结."""

from __future__ import annotations

from counter import clock
from counter.changes import Change, emit
from counter.documents import builders
from counter.documents.model import DocumentContent
from counter.domain.cases import (
    CaseState,
)
from counter.errors import (
    InvalidInput,
)
from counter.services.base import REVIEWER, Actor, Runtime, require_role
from counter.services.calendar import hall_calendar
from counter.services.cases import (
    MAX_COMMENT,
    CaseResult,
    approval_seal,
    case_by_no,
    case_facts,
    case_summary,
    hall_settings,
    int_setting,
    load_item,
    node_deadline,
    transition,
)
from counter.services.queue_state import load_hall
from counter.services.seal import (
    write_document,
)

# action → (target state, node (环节), whether a comment is required)
ACTIONS: dict[str, tuple[CaseState, str, bool]] = {
    "first_review": (CaseState.FIRST_REVIEW, "初审", False),
    "review": (CaseState.REVIEW, "审核", False),
    "approve": (CaseState.APPROVED, "审批", False),
    "reject": (CaseState.REJECTED, "审批", True),
    "complete": (CaseState.COMPLETED, "办结", False),
}


def advance_case(
    rt: Runtime, actor: Actor, case_no: str, action: str, comment: str = ""
) -> CaseResult:
    """A back-office step (reviewer): ``first_review`` (初审), ``review`` (审核), ``approve`` /
    ``reject`` (审批: the decision, written as a sealed 决定书; a refusal needs the reason in
    ``comment``), ``complete`` (办结). Each step is a time-stamped event; the state machine of
    :mod:`counter.domain.cases` decides which steps are allowed."""
    if action not in ACTIONS:
        raise InvalidInput(f"未知操作“{action}”", field="action")
    target, node, needs_comment = ACTIONS[action]
    require_role(rt, actor, REVIEWER)
    comment = (comment or "").strip()
    if needs_comment and not comment:
        raise InvalidInput("请填写不予办理的理由", field="comment")
    if len(comment) > MAX_COMMENT:
        raise InvalidInput(f"意见最多{MAX_COMMENT}字", field="comment")
    with rt.unit() as s:
        case = case_by_no(s, case_no, lock=True)
        hall = load_hall(s, case.hall_id)
        v, _item_row, _dept = load_item(s, case.item_version_id)
        now, today = clock.now(), clock.today()
        cal = hall_calendar(s, hall.id)
        transition(s, case, actor, target, node, action, comment=comment)
        if target is CaseState.FIRST_REVIEW:
            case.assigned_to = actor.staff_id
        case.node_deadline = node_deadline(v, target, today, cal)
        documents: list[DocumentContent] = []
        if target in (CaseState.APPROVED, CaseState.REJECTED):
            case.decided_at = now
            case.result = "approved" if target is CaseState.APPROVED else "rejected"
            if target is CaseState.REJECTED:
                case.reason = comment
            seal = approval_seal(s, hall)
            settings = hall_settings(hall)
            content = builders.decision(
                case_facts(s, case, hall, seal),
                decided_at=now,
                approved=target is CaseState.APPROVED,
                item_kind=v.kind,
                comment=comment,
                legal_basis=v.legal_basis,
                review_body=str(settings.get("review_body", "") or ""),
                court=str(settings.get("court", "") or ""),
            )
            write_document(s, case, actor, content, seal, "决定书")
            documents.append(content)
        if target is CaseState.COMPLETED:
            case.completed_at = now
        change = emit(
            s,
            Change(f"case.{target.value}", hall.id,
                   {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
        )  # fmt: skip
        summary = case_summary(s, case, cal, int_setting(hall, "warn_days", 1), today)
    return CaseResult(summary, tuple(documents), (change,), ())
