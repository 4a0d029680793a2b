"""The back-office screen's door to the core (后台审批 · 一章审批 · 督着办).

One function per thing a reviewer (后台审核人员), a seal keeper (印章管理员) or a manager (大厅管理员)
does on the back-office screen. Each opens ONE unit of work, checks the actor's role and hall,
does the action, reads back what the screen shows — the case page, the inbox as the screen
filters it — in the same transaction, and returns a frozen result with the change events, so
the screen applies it as it is and skips those events when they come back from the database.

Refusals are typed errors; a case of a hall the actor does not serve is refused as not found,
and audited in a unit of its own. Nothing returned is an ORM object. Lists carry masked names;
the case page (an audited read) carries the applicant's details.

The window client may use :func:`verify` for a scanned verification QR code (any staff member,
any window; nothing personal is shown) and :func:`looks_like_verification_code` to tell such a
scan from a case number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change
from counter.documents import builders
from counter.documents.model import DocumentContent
from counter.domain.cases import (
    PENDING_NODE,
    SUSPENDABLE_STATES,
    CaseState,
    Node,
    OverdueLevel,
    SuspensionKind,
    Thresholds,
    node_target,
    supervise,
)
from counter.domain.masking import mask_name
from counter.domain.workdays import CalendarView
from counter.errors import Bi, CounterError, InvalidInput, NotFound, PermissionDenied
from counter.sealkey import looks_like_code
from counter.services import backoffice as bo
from counter.services import seal as sl
from counter.services.auth import SignedIn
from counter.services.auth import sign_in as _sign_in
from counter.services.base import (
    CLERK,
    MANAGER,
    REVIEWER,
    SEAL_KEEPER,
    Actor,
    Runtime,
    audit,
    require_role,
)
from counter.services.calendar import hall_calendar
from counter.services.cases import (
    MAX_COMMENT,
    MAX_REASON,
    CaseDetail,
    approval_seal,
    case_detail,
    case_facts,
    case_for,
    deciding_hall_of,
    hall_settings,
    load_hall,
    load_item,
    open_suspension,
    scope_hall_ids,
    scope_refusals_audited,
    staff_name,
)
from db.models import Applicant, Case, Department, Document, Hall, ServiceItem, ServiceItemVersion

__all__ = [
    "BACKOFFICE_ROLES",
    "ActionResult",
    "CasePage",
    "Inbox",
    "InboxQuery",
    "InboxRow",
    "NodeCount",
    "SupervisionQuery",
    "SupervisionView",
    "Vocabularies",
    "decide",
    "first_review",
    "hall_is_demo",
    "inbox",
    "issue_decision",
    "looks_like_verification_code",
    "open_case",
    "post_result",
    "preview_decision",
    "reprint_decision",
    "resume",
    "review",
    "revoke_decision",
    "send_back",
    "sign_in",
    "supervision",
    "suspend",
    "verify",
    "vocabularies",
]

BACKOFFICE_ROLES = (REVIEWER, SEAL_KEEPER, MANAGER)
INBOX_NODES = (Node.FIRST_REVIEW, Node.REVIEW, Node.DECIDE, Node.COMPLETE, Node.DELIVER)
OPEN_STATES = tuple(s.value for s in PENDING_NODE) + (CaseState.SUSPENDED.value,)
SUSPENDED = "suspended"  # the inbox of cases whose clock stands still


# --------------------------------------------------------------------------------------------
# What the screen shows
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxRow:
    """One case in an inbox or the supervision view (names masked)."""

    case_no: str
    item_name: str
    item_code: str
    department: str
    department_id: int
    item_id: int
    applicant: str
    hall_name: str
    state: str
    status_zh: str
    node: str  # the node it waits for, or "suspended"
    node_zh: str
    mark: str  # normal | warning | yellow | red
    mark_zh: str
    countdown_zh: str
    countdown_en: str
    days_left: int | None
    node_days_left: int | None
    deadline: dt.date | None
    node_deadline: dt.date | None
    accepted_at: dt.datetime | None
    reviewer: str
    reviewer_id: int | None
    village: bool = False  # accepted at a village service point


@dataclass(frozen=True)
class NodeCount:
    node: str
    node_zh: str
    total: int
    warning: int
    yellow: int
    red: int


@dataclass(frozen=True)
class InboxQuery:
    """What the inbox shows: one node's cases (or the suspended ones), optionally of one
    department or item, and optionally only the reviewer's own."""

    node: str = Node.FIRST_REVIEW.value
    department_id: int | None = None
    item_id: int | None = None
    mine: bool = False
    limit: int = 500


@dataclass(frozen=True)
class Inbox:
    query: InboxQuery
    rows: tuple[InboxRow, ...]
    counts: tuple[NodeCount, ...]
    today: dt.date


@dataclass(frozen=True)
class CasePage:
    """The case page: the case (applicant, materials as recorded at acceptance, history,
    suspensions, documents), its mark, and the actions this actor may take on it now
    (none when ``read_only``)."""

    case: CaseDetail
    hall_name: str
    deciding_hall_name: str
    actions: tuple[str, ...]
    read_only: bool
    seal_name: str


@dataclass(frozen=True)
class ActionResult:
    """An action's outcome: the case page as it now stands, the inbox as the screen shows it
    (when the screen passed its query), the document printed (sealed, or a draft preview), the
    change events and warnings."""

    page: CasePage
    inbox: Inbox | None
    document: DocumentContent | None
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = ()
    serial: str = ""


@dataclass(frozen=True)
class SupervisionQuery:
    mark: str | None = None
    department_id: int | None = None
    node: str | None = None
    reviewer_id: int | None = None
    limit: int = 2000


@dataclass(frozen=True)
class SupervisionView:
    """督着办 for managers: the open cases of the halls they supervise, filtered, with counts by
    mark, department, node and reviewer."""

    query: SupervisionQuery
    rows: tuple[InboxRow, ...]
    by_mark: tuple[tuple[str, str, int], ...]  # (mark, zh, count)
    by_department: tuple[tuple[int, str, int, int, int, int], ...]  # id, name, total, w, y, r
    by_node: tuple[NodeCount, ...]
    by_reviewer: tuple[tuple[int | None, str, int, int], ...]  # id, name, total, red+yellow
    today: dt.date


@dataclass(frozen=True)
class Vocabularies:
    """The words the screen offers: nodes, suspension kinds, refusal reasons, carriers,
    departments and items of the inbox's filters, marks."""

    nodes: tuple[tuple[str, str, str], ...]  # code, zh, en
    suspension_kinds: tuple[tuple[str, str, str], ...]
    refusal_reasons: tuple[str, ...]
    carriers: tuple[str, ...]
    departments: tuple[tuple[int, str], ...]
    items: tuple[tuple[int, int, str], ...]  # item id, department id, name
    marks: tuple[tuple[str, str, str], ...]
    roles: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Sign-in and vocabularies
# --------------------------------------------------------------------------------------------


def _check_actor(rt: Runtime, actor: Actor, *roles: str) -> None:
    if actor.device or actor.staff_id is None:
        with rt.unit() as s:
            audit(s, actor, "permission_denied", "backoffice", host=rt.host, device=actor.device)
        raise PermissionDenied(role=Bi("后台工作人员", "back-office staff"))
    require_role(rt, actor, *(roles or BACKOFFICE_ROLES))


def sign_in(rt: Runtime, staff_no: str, password: str) -> SignedIn:
    """Sign in to the back office: a reviewer, seal keeper or manager (a clerk's account is
    refused here, after the sign-in itself was checked and audited)."""
    signed = _sign_in(rt, staff_no, password)
    _check_actor(rt, signed.actor)
    return signed


def hall_is_demo(rt: Runtime) -> bool:
    """True on a demo hall (its sign-in screen lists the public demo accounts)."""
    with rt.unit() as s:
        hall = s.scalars(select(Hall).where(Hall.parent_id.is_(None)).order_by(Hall.id)).first()
        return hall is not None and bool(hall_settings(hall).get("demo"))


def vocabularies(rt: Runtime, actor: Actor) -> Vocabularies:
    _check_actor(rt, actor)
    with rt.unit() as s:
        halls = scope_hall_ids(s, actor.hall_id)
        used = s.execute(
            select(ServiceItem.id, ServiceItem.department_id, ServiceItemVersion.name)
            .join(Case, Case.item_id == ServiceItem.id)
            .join(ServiceItemVersion, ServiceItemVersion.id == ServiceItem.current_version_id)
            .where(Case.hall_id.in_(halls))
            .distinct()
        ).all()
        depts = s.execute(
            select(Department.id, Department.name)
            .where(Department.active.is_(True))
            .order_by(Department.sort, Department.code)
        ).all()
    return Vocabularies(
        nodes=tuple((n.value, n.zh, n.en) for n in INBOX_NODES) + ((SUSPENDED, "暂停计时", "Clock stopped"),),
        suspension_kinds=tuple((k.value, k.zh, k.en) for k in SuspensionKind),
        refusal_reasons=bo.REFUSAL_REASONS,
        carriers=bo.CARRIERS,
        departments=tuple((int(i), str(n)) for i, n in depts),
        items=tuple(sorted(((int(i), int(d), str(n)) for i, d, n in used), key=lambda r: r[2])),
        marks=tuple((m.value, m.zh, m.en) for m in OverdueLevel),
        roles=tuple(sorted(actor.roles)),
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------------------------


def _rows(
    s: Session, hall_ids: frozenset[int], *, states: Sequence[str], limit: int,
    department_id: int | None = None, item_id: int | None = None,
    assigned_to: int | None = None,
) -> list[InboxRow]:  # fmt: skip
    """Open cases as inbox rows, in one query; marks by :func:`supervise`."""
    q = (
        select(Case, ServiceItemVersion.name, ServiceItem.code, Department.name, Department.id,
               Applicant.name, Hall.name, Hall.parent_id)
        .join(ServiceItemVersion, ServiceItemVersion.id == Case.item_version_id)
        .join(ServiceItem, ServiceItem.id == Case.item_id)
        .join(Department, Department.id == ServiceItem.department_id)
        .join(Hall, Hall.id == Case.hall_id)
        .outerjoin(Applicant, Applicant.id == Case.applicant_id)
        .where(Case.hall_id.in_(hall_ids), Case.state.in_(list(states)))
        .order_by(Case.accepted_at, Case.id)
        .limit(max(1, min(int(limit), 5000)))
    )  # fmt: skip
    if department_id is not None:
        q = q.where(ServiceItem.department_id == department_id)
    if item_id is not None:
        q = q.where(Case.item_id == item_id)
    if assigned_to is not None:
        q = q.where(Case.assigned_to == assigned_to)
    today = clock.today()
    calendars: dict[int, CalendarView] = {}
    thresholds: dict[int, Thresholds] = {}
    names: dict[int, str] = {}
    suspended_kind: dict[int, str] = {}
    out: list[InboxRow] = []
    result = s.execute(q).all()
    for case, item_name, item_code, dept_name, dept_id, applicant, hall_name, parent in result:
        if case.hall_id not in calendars:
            calendars[case.hall_id] = hall_calendar(s, case.hall_id)
            thresholds[case.hall_id] = Thresholds.from_settings(
                hall_settings(deciding_hall_of(s, case))
            )
        completed_on = clock.to_local(case.completed_at).date() if case.completed_at else None
        mark = supervise(case.state, today, case.deadline, case.node_deadline,
                         calendars[case.hall_id], thresholds[case.hall_id],
                         completed_on=completed_on)  # fmt: skip
        state = CaseState(case.state)
        if state is CaseState.SUSPENDED:
            sp = open_suspension(s, case)
            suspended_kind[case.id] = sp.kind if sp is not None else ""
        kind = suspended_kind.get(case.id, "")
        reviewer_id = case.assigned_to
        if reviewer_id is not None and reviewer_id not in names:
            names[reviewer_id] = staff_name(s, reviewer_id)
        node = mark.node.value if mark.node else (SUSPENDED if kind else "")
        out.append(
            InboxRow(
                case_no=case.case_no,
                item_name=item_name,
                item_code=item_code,
                department=dept_name,
                department_id=int(dept_id),
                item_id=case.item_id,
                applicant=mask_name(applicant or ""),
                hall_name=hall_name,
                state=case.state,
                status_zh=SuspensionKind(kind).state_zh if kind else _waiting_zh(state),
                node=node,
                node_zh=mark.node.zh if mark.node else ("暂停计时" if kind else ""),
                mark=mark.level.value,
                mark_zh=mark.level.zh,
                countdown_zh=mark.countdown_zh if not kind else "暂停计时",
                countdown_en=mark.countdown_en if not kind else "clock stopped",
                days_left=mark.days_left,
                node_days_left=mark.node_days_left,
                deadline=case.deadline,
                node_deadline=case.node_deadline,
                accepted_at=case.accepted_at,
                reviewer=names.get(reviewer_id, "") if reviewer_id is not None else "",
                reviewer_id=reviewer_id,
                village=parent is not None,
            )
        )
    return out


def _waiting_zh(state: CaseState) -> str:
    """What an open case waits for, as lists say it (待初审, 待审核, 待决定, 准予·待用印 …)."""
    node = PENDING_NODE.get(state)
    if state in (CaseState.APPROVED, CaseState.REJECTED):
        return f"{state.zh}·待用印"
    if node is None:
        return state.zh
    return f"待{node.zh}"


def _urgent_first(rows: Sequence[InboxRow]) -> tuple[InboxRow, ...]:
    big = 10_000
    return tuple(
        sorted(
            rows,
            key=lambda r: (
                -OverdueLevel(r.mark).rank,
                r.days_left if r.days_left is not None else big,
                r.node_days_left if r.node_days_left is not None else big,
                r.accepted_at or dt.datetime.max.replace(tzinfo=dt.UTC),
            ),
        )
    )


def _count(rows: Sequence[InboxRow], node: str, zh: str) -> NodeCount:
    mine = [r for r in rows if r.node == node]
    return NodeCount(
        node,
        zh,
        len(mine),
        sum(r.mark == "warning" for r in mine),
        sum(r.mark == "yellow" for r in mine),
        sum(r.mark == "red" for r in mine),
    )


def _node_counts(rows: Sequence[InboxRow]) -> tuple[NodeCount, ...]:
    return tuple(_count(rows, n.value, n.zh) for n in INBOX_NODES) + (
        _count(rows, SUSPENDED, "暂停计时"),
    )


def _states_of(node: str) -> tuple[str, ...]:
    if node == SUSPENDED:
        return (CaseState.SUSPENDED.value,)
    try:
        n = Node(node)
    except ValueError:
        raise InvalidInput(f"未知环节“{node}”", field="node") from None
    return tuple(s.value for s, p in PENDING_NODE.items() if p is n)


def _inbox_in(s: Session, actor: Actor, query: InboxQuery) -> Inbox:
    halls = scope_hall_ids(s, actor.hall_id)
    everything = _rows(s, halls, states=OPEN_STATES, limit=5000)
    wanted = set(_states_of(query.node))
    rows = [
        r
        for r in everything
        if r.state in wanted
        and (query.department_id is None or r.department_id == query.department_id)
        and (query.item_id is None or r.item_id == query.item_id)
        and (not query.mine or r.reviewer_id == actor.staff_id)
    ]
    return Inbox(query, _urgent_first(rows)[: query.limit], _node_counts(everything), clock.today())


def inbox(rt: Runtime, actor: Actor, query: InboxQuery | None = None) -> Inbox:
    """The cases waiting at one node (初审, 审核, 决定, 办结 = 待用印, 送达) or suspended, most urgent
    first (red, yellow, warning; then the fewest working days left), with the count of every
    node's inbox and its marks."""
    _check_actor(rt, actor)
    query = query or InboxQuery()
    with rt.unit() as s:
        return _inbox_in(s, actor, query)


def _actions(s: Session, actor: Actor, case: Case, read_only: bool) -> tuple[str, ...]:
    """The actions this actor may take on ``case`` now, in the order the screen offers them."""
    if read_only:
        return ()
    out: list[str] = []
    state = CaseState(case.state)
    deciding = deciding_hall_of(s, case)
    here = deciding.id == actor.hall_id
    v, _item, _dept = load_item(s, case.item_version_id)
    if actor.has(REVIEWER) and here:
        for node, key in ((Node.FIRST_REVIEW, "first_review"), (Node.REVIEW, "review")):
            try:
                node_target(state, node, v.node_budget)
                out.append(key)
            except CounterError:
                pass
        try:
            node_target(state, Node.DECIDE, v.node_budget)
            out += ["approve", "refuse"]
        except CounterError:
            pass
        if state in (CaseState.FIRST_REVIEW, CaseState.REVIEW):
            out.append("send_back")
        if state in SUSPENDABLE_STATES:
            out.append("suspend")
        if state is CaseState.SUSPENDED:
            out.append("resume")
        if state in (CaseState.APPROVED, CaseState.REJECTED):
            out.append("preview")
    decision = s.scalars(
        select(Document)
        .where(Document.case_id == case.id, Document.kind == "decision")
        .order_by(Document.id.desc())
    ).first()
    if actor.has(SEAL_KEEPER) and here:
        if state in (CaseState.APPROVED, CaseState.REJECTED):
            out.append("issue")
        if decision is not None and decision.revoked_at is None:
            out.append("reprint")
    can_revoke = actor.has(SEAL_KEEPER) or actor.has(MANAGER)
    if can_revoke and here and decision is not None and decision.revoked_at is None:
        out.append("revoke")
    if state is CaseState.COMPLETED and any(actor.has(r) for r in bo.POST_ROLES):
        out.append("post")
    return tuple(out)


def _page(s: Session, actor: Actor, case: Case, *, read_only: bool = False) -> CasePage:
    deciding = deciding_hall_of(s, case)
    try:
        seal_name = approval_seal(s, deciding).name
    except CounterError:
        seal_name = ""
    return CasePage(
        case=case_detail(s, case),
        hall_name=load_hall(s, case.hall_id).name,
        deciding_hall_name=deciding.name,
        actions=_actions(s, actor, case, read_only),
        read_only=read_only,
        seal_name=seal_name,
    )


def open_case(rt: Runtime, actor: Actor, case_no: str, *, read_only: bool = False) -> CasePage:
    """The case page (an audited read of personal data). A manager opens it read-only from the
    supervision view; a manager who holds no other back-office role always reads only."""
    _check_actor(rt, actor)
    read_only = read_only or not (actor.has(REVIEWER) or actor.has(SEAL_KEEPER))
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no)
        audit(s, actor, "case_read", case.case_no, host=rt.host, screen="backoffice")
        return _page(s, actor, case, read_only=read_only)


def supervision(
    rt: Runtime, actor: Actor, query: SupervisionQuery | None = None
) -> SupervisionView:
    """督着办: every open case of the halls the manager supervises, by mark, department, node
    and reviewer (managers only)."""
    _check_actor(rt, actor, MANAGER)
    query = query or SupervisionQuery()
    if query.mark is not None and query.mark not in {m.value for m in OverdueLevel}:
        raise InvalidInput(f"未知标记“{query.mark}”", field="mark")
    with rt.unit() as s:
        halls = scope_hall_ids(s, actor.hall_id)
        everything = _rows(s, halls, states=OPEN_STATES, limit=query.limit)
        audit(s, actor, "supervision_view", "", host=rt.host, rows=len(everything))
    rows = [
        r
        for r in everything
        if (query.mark is None or r.mark == query.mark)
        and (query.department_id is None or r.department_id == query.department_id)
        and (query.node is None or r.node == query.node)
        and (query.reviewer_id is None or r.reviewer_id == query.reviewer_id)
    ]
    by_dept: dict[int, list[InboxRow]] = {}
    by_rev: dict[int | None, list[InboxRow]] = {}
    for r in everything:
        by_dept.setdefault(r.department_id, []).append(r)
        by_rev.setdefault(r.reviewer_id, []).append(r)
    return SupervisionView(
        query=query,
        rows=_urgent_first(rows),
        by_mark=tuple(
            (m.value, m.zh, sum(r.mark == m.value for r in everything)) for m in OverdueLevel
        ),
        by_department=tuple(
            sorted(
                (
                    (
                        d,
                        rs[0].department,
                        len(rs),
                        sum(r.mark == "warning" for r in rs),
                        sum(r.mark == "yellow" for r in rs),
                        sum(r.mark == "red" for r in rs),
                    )
                    for d, rs in by_dept.items()
                ),
                key=lambda t: (-t[5], -t[4], -t[2], t[1]),
            )
        ),  # fmt: skip
        by_node=_node_counts(everything),
        by_reviewer=tuple(
            sorted(
                (
                    (
                        rid,
                        rs[0].reviewer or "（未分派）",
                        len(rs),
                        sum(r.mark in ("yellow", "red") for r in rs),
                    )
                    for rid, rs in by_rev.items()
                ),
                key=lambda t: (-t[3], -t[2], t[1]),
            )
        ),  # fmt: skip
        today=clock.today(),
    )


# --------------------------------------------------------------------------------------------
# Actions
# --------------------------------------------------------------------------------------------


def _result(
    s: Session, actor: Actor, case: Case, changes: Sequence[Change], query: InboxQuery | None,
    *, document: DocumentContent | None = None, warnings: Sequence[str] = (), serial: str = "",
) -> ActionResult:  # fmt: skip
    s.flush()
    return ActionResult(
        page=_page(s, actor, case),
        inbox=_inbox_in(s, actor, query) if query is not None else None,
        document=document,
        changes=tuple(changes),
        warnings=tuple(warnings),
        serial=serial,
    )


def _node_action(
    rt: Runtime, actor: Actor, case_no: str, node: Node, opinion: str, query: InboxQuery | None,
    *, refuse: bool = False, reasons: Sequence[str] = (),
) -> ActionResult:  # fmt: skip
    _check_actor(rt, actor, *bo.NODE_ROLES[node])
    opinion = bo.clean_text(opinion, "opinion", "审查意见", MAX_COMMENT, required=False)
    if refuse:
        opinion = bo.clean_text(bo.refusal_text(reasons, opinion), "reason", "不予许可的理由",
                                MAX_REASON, required=True)  # fmt: skip
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = bo.node_in(s, actor, case, node, opinion=opinion, refuse=refuse)
        draft = _draft(s, case) if node is Node.DECIDE else None
        return _result(s, actor, case, [change], query, document=draft)


def first_review(
    rt: Runtime, actor: Actor, case_no: str, opinion: str = "", query: InboxQuery | None = None
) -> ActionResult:
    """初审 done, with the opinion: the case goes to 审核."""
    return _node_action(rt, actor, case_no, Node.FIRST_REVIEW, opinion, query)


def review(
    rt: Runtime, actor: Actor, case_no: str, opinion: str = "", query: InboxQuery | None = None
) -> ActionResult:
    """审核 done, with the opinion: the case goes to 决定."""
    return _node_action(rt, actor, case_no, Node.REVIEW, opinion, query)


def decide(
    rt: Runtime,
    actor: Actor,
    case_no: str,
    *,
    approve: bool,
    opinion: str = "",
    reasons: Sequence[str] = (),
    query: InboxQuery | None = None,
) -> ActionResult:
    """决定: 准予, or 不予许可 with the reasons (chosen ones and/or the words of ``opinion``;
    required). The result carries the draft 决定书 (marked 待用印, no seal) for the reviewer to
    read; the seal keeper issues the sealed one (:func:`issue_decision`)."""
    return _node_action(rt, actor, case_no, Node.DECIDE, opinion, query, refuse=not approve,
                        reasons=reasons)  # fmt: skip


def _draft(s: Session, case: Case) -> DocumentContent | None:
    """The decision as it will read, unsealed and marked 待用印 (not valid until stamped)."""
    if case.state not in (CaseState.APPROVED.value, CaseState.REJECTED.value):
        return None
    deciding = deciding_hall_of(s, case)
    v, _item, _dept = load_item(s, case.item_version_id)
    settings = hall_settings(deciding)
    facts = replace(case_facts(s, case, deciding, None), hall_name=deciding.name)
    approved = case.result == "approved"
    content = builders.decision(
        facts,
        decided_at=case.decided_at or clock.now(),
        approved=approved,
        item_kind=v.kind,
        comment=case.reason if not approved else sl.decision_opinion(s, case),
        legal_basis=v.legal_basis,
        review_body=str(settings.get("review_body", "") or ""),
        court=str(settings.get("court", "") or ""),
        number="（用印时编号）",
        sealed=True,
    )
    return replace(content, mark="待用印")


def preview_decision(rt: Runtime, actor: Actor, case_no: str) -> DocumentContent:
    """The draft 决定书 of a decided case (reviewers and seal keepers; marked 待用印)."""
    _check_actor(rt, actor, REVIEWER, SEAL_KEEPER)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no)
        draft = _draft(s, case)
        if draft is None:
            raise NotFound(
                what=Bi(
                    f"办件 {case.case_no} 的待用印决定书",
                    f"the decision awaiting the seal of case {case.case_no}",
                )
            )
        audit(s, actor, "document_read", case.case_no, host=rt.host, kind="decision_draft")
        return draft


def send_back(
    rt: Runtime, actor: Actor, case_no: str, opinion: str, query: InboxQuery | None = None
) -> ActionResult:
    """退回 the case one node, with the reason."""
    _check_actor(rt, actor, REVIEWER)
    opinion = bo.clean_text(opinion, "opinion", "退回理由", MAX_COMMENT, required=True)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = bo.send_back_in(s, actor, case, opinion)
        return _result(s, actor, case, [change], query)


def suspend(
    rt: Runtime, actor: Actor, case_no: str, kind: str, reason: str,
    query: InboxQuery | None = None,
) -> ActionResult:  # fmt: skip
    """补正 / 听证 / 现场勘查 / 公示: stop the clock, with the reason."""
    k = bo.parse_kind(kind)
    _check_actor(rt, actor, *bo.SUSPEND_ROLES)
    reason = bo.clean_text(reason, "reason", f"{k.zh}的原因", MAX_REASON, required=True)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = bo.suspend_in(s, actor, case, k, reason)
        return _result(s, actor, case, [change], query)


def resume(
    rt: Runtime, actor: Actor, case_no: str, note: str = "", query: InboxQuery | None = None
) -> ActionResult:
    """End the suspension: back to the node it left, deadlines moved by the working days."""
    _check_actor(rt, actor, *bo.RESUME_ROLES)
    note = bo.clean_text(note, "note", "说明", MAX_COMMENT, required=False)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change, days = bo.resume_in(s, actor, case, note)
        warnings = (f"办理时限顺延{days}个工作日",) if days else ()
        return _result(s, actor, case, [change], query, warnings=warnings)


def issue_decision(
    rt: Runtime, actor: Actor, case_no: str, query: InboxQuery | None = None
) -> ActionResult:
    """用印出具 (办结): the seal keeper stamps the 决定书 with the approval seal; the result
    carries the sealed document (文号, verification code, seal image) to print."""
    _check_actor(rt, actor, SEAL_KEEPER)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        issued = sl.issue_decision_in(s, actor, case, rt.host)
        return _result(s, actor, case, issued.changes, query, document=issued.content,
                       serial=issued.serial)  # fmt: skip


def reprint_decision(
    rt: Runtime, actor: Actor, case_no: str, reason: str, query: InboxQuery | None = None
) -> ActionResult:
    """补打 the sealed 决定书 (seal keeper, with the reason): a new logged seal use, 补打 on it."""
    _check_actor(rt, actor, SEAL_KEEPER)
    reason = bo.clean_text(reason, "reason", "补打的理由", MAX_REASON, required=True)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        issued = sl.reprint_in(s, actor, case, "decision", reason)
        return _result(s, actor, case, issued.changes, query, document=issued.content,
                       serial=issued.serial)  # fmt: skip


def revoke_decision(
    rt: Runtime, actor: Actor, case_no: str, reason: str, query: InboxQuery | None = None
) -> ActionResult:
    """撤销 the 决定书 (seal keeper or manager), with the reason."""
    _check_actor(rt, actor, *sl.REVOKE_ROLES)
    reason = bo.clean_text(reason, "reason", "撤销的理由", MAX_REASON, required=True)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = sl.revoke_in(s, actor, case, "decision", reason)
        return _result(s, actor, case, [change], query)


def post_result(
    rt: Runtime, actor: Actor, case_no: str, *, carrier: str, tracking: str,
    query: InboxQuery | None = None, originals: str = bo.POST_ORIGINALS_ENCLOSED,
) -> ActionResult:  # fmt: skip
    """送达 by post, with the carrier and tracking number; the held originals enclosed
    (default) or kept for the applicant to collect (``originals``: enclosed | held)."""
    _check_actor(rt, actor, *bo.POST_ROLES)
    carrier, tracking = bo.check_tracking(carrier, tracking)
    bo.check_post_originals(originals)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        change = bo.post_in(s, actor, case, carrier, tracking, originals)
        return _result(s, actor, case, [change], query)


def verify(rt: Runtime, actor: Actor, code: str) -> sl.Verification:
    """核验 a scanned or typed verification code: genuine, original record, reprints,
    revocation (any staff member of any hall: the window too)."""
    if actor.staff_id is None or actor.device:
        raise PermissionDenied(role="工作人员")
    require_role(rt, actor, CLERK, *BACKOFFICE_ROLES)
    return sl.verify_document(rt, actor, code)


def looks_like_verification_code(text: str) -> bool:
    """True when a scan is a verification code (five groups of four), not a case number."""
    return looks_like_code(text)
