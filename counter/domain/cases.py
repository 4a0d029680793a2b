"""The case (办件) state machine, its nodes and overdue supervision (督办).

Pure rules, no I/O. The service layer checks every state change with :func:`check_transition`,
writes one time-stamped ``case_event`` per change (督着办: every node traceable), and shows the
one supervision mark of :func:`supervise` everywhere a case is listed.

A case's state names the last node it passed; the node it waits for is :data:`PENDING_NODE`::

    draft ─┬─> accepted ─┬─> first_review ─┬─> review ─┬─> approved ─┬─> completed ─> delivered
           │   (受理)     │   (初审)          │   (审核)   └─> rejected ─┘   (办结: the sealed
           │             │                 │              (决定)            决定书 is issued)
           │             └─────────────────┴─(a node the item does not have is skipped;
           │                                  a node may send the case back one node)
           │   accepted, first_review, review ─> suspended ─> back to where it was
           │             (补正 correction, 听证 hearing, 现场勘查 site inspection, 公示 publicity:
           │              the clock stops and the deadlines move by the suspended working days)
           ├─> awaiting_materials ─> accepted | not_accepted | withdrawn   (一次性告知, 补正)
           ├─> not_accepted                                               (不予受理, final)
           └─> withdrawn            (from any state before a decision, final)

A rejection (不予许可) is a decision too: the case is still completed (办结) when its sealed
决定书 is issued, and the decision delivered (送达: at a window, or posted). 即办件 (done on the
spot) go through accepted, approved and completed at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from counter.domain.checkchars import normalize_code
from counter.domain.workdays import CalendarView, add_working_days, working_days_between
from counter.errors import InvalidInput, InvalidState

__all__ = [
    "ALLOWED_TRANSITIONS",
    "CLOCK_RUNNING_STATES",
    "NODE_BUDGET_KEYS",
    "PENDING_NODE",
    "SUPERVISED_STATES",
    "SUSPENDABLE_STATES",
    "TERMINAL_STATES",
    "TIMESTAMPED_STATES",
    "CaseState",
    "InvalidTransition",
    "Node",
    "OverdueLevel",
    "Supervision",
    "SuspensionKind",
    "Thresholds",
    "allowed_transitions",
    "check_transition",
    "is_clock_running",
    "looks_like_case_no",
    "node_budget_days",
    "node_target",
    "overdue_level",
    "parse_state",
    "suspended_working_days",
    "supervise",
]


class CaseState(enum.StrEnum):
    """State of a case; the value is what ``service_case.state`` stores (≤ 20 characters)."""

    DRAFT = "draft"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    AWAITING_MATERIALS = "awaiting_materials"
    FIRST_REVIEW = "first_review"
    REVIEW = "review"
    SUSPENDED = "suspended"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMPLETED = "completed"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"

    @property
    def zh(self) -> str:
        """Chinese name of the last node passed, as shown on screens and in the case trace."""
        return _STATE_ZH[self]

    @property
    def en(self) -> str:
        return _STATE_EN[self]


_STATE_ZH: Mapping[CaseState, str] = {
    CaseState.DRAFT: "待受理",
    CaseState.ACCEPTED: "受理",
    CaseState.NOT_ACCEPTED: "不予受理",
    CaseState.AWAITING_MATERIALS: "补正材料",
    CaseState.FIRST_REVIEW: "初审",
    CaseState.REVIEW: "审核",
    CaseState.SUSPENDED: "暂停计时",
    CaseState.APPROVED: "准予许可",
    CaseState.REJECTED: "不予许可",
    CaseState.COMPLETED: "办结",
    CaseState.DELIVERED: "已送达",
    CaseState.WITHDRAWN: "已撤回",
}
_STATE_EN: Mapping[CaseState, str] = {
    CaseState.DRAFT: "Draft",
    CaseState.ACCEPTED: "Accepted",
    CaseState.NOT_ACCEPTED: "Not accepted",
    CaseState.AWAITING_MATERIALS: "Awaiting materials",
    CaseState.FIRST_REVIEW: "First review done",
    CaseState.REVIEW: "Review done",
    CaseState.SUSPENDED: "Clock stopped",
    CaseState.APPROVED: "Approved",
    CaseState.REJECTED: "Refused",
    CaseState.COMPLETED: "Completed",
    CaseState.DELIVERED: "Delivered",
    CaseState.WITHDRAWN: "Withdrawn",
}

_S = CaseState
ALLOWED_TRANSITIONS: Mapping[CaseState, frozenset[CaseState]] = {
    _S.DRAFT: frozenset({_S.ACCEPTED, _S.NOT_ACCEPTED, _S.AWAITING_MATERIALS, _S.WITHDRAWN}),
    _S.AWAITING_MATERIALS: frozenset({_S.ACCEPTED, _S.NOT_ACCEPTED, _S.WITHDRAWN}),
    _S.ACCEPTED: frozenset(
        {_S.FIRST_REVIEW, _S.REVIEW, _S.APPROVED, _S.REJECTED, _S.SUSPENDED, _S.WITHDRAWN}
    ),
    _S.FIRST_REVIEW: frozenset(
        {_S.ACCEPTED, _S.REVIEW, _S.APPROVED, _S.REJECTED, _S.SUSPENDED, _S.WITHDRAWN}
    ),
    _S.REVIEW: frozenset({_S.FIRST_REVIEW, _S.APPROVED, _S.REJECTED, _S.SUSPENDED, _S.WITHDRAWN}),
    _S.SUSPENDED: frozenset({_S.ACCEPTED, _S.FIRST_REVIEW, _S.REVIEW, _S.WITHDRAWN}),
    _S.APPROVED: frozenset({_S.COMPLETED}),
    _S.REJECTED: frozenset({_S.COMPLETED}),
    _S.COMPLETED: frozenset({_S.DELIVERED}),
    _S.NOT_ACCEPTED: frozenset(),
    _S.DELIVERED: frozenset(),
    _S.WITHDRAWN: frozenset(),
}
"""Every allowed state change; a state with no way out is final. A suspended case goes back
to the state it was suspended in (the service keeps that state with the suspension)."""

TERMINAL_STATES: frozenset[CaseState] = frozenset(
    s for s, t in ALLOWED_TRANSITIONS.items() if not t
)
"""Final states: not_accepted, delivered, withdrawn."""

TIMESTAMPED_STATES: frozenset[CaseState] = frozenset(CaseState) - {CaseState.DRAFT}
"""Entering any of these states is a node of the trace: the service writes a ``case_event`` with
the time, the staff member and the window (only ``draft`` is not a node)."""

SUPERVISED_STATES: tuple[CaseState, ...] = (
    CaseState.ACCEPTED,
    CaseState.FIRST_REVIEW,
    CaseState.REVIEW,
    CaseState.APPROVED,
    CaseState.REJECTED,
    CaseState.COMPLETED,
    CaseState.DELIVERED,
)
"""The nodes a manager supervises (受理, 初审, 审核, 决定, 办结, 送达), in flow order: each may
carry a per-node budget in working days, and whether the promised limit was met is judged by the
time the case reached ``completed`` (the stamping time of its sealed 决定书)."""

CLOCK_RUNNING_STATES: frozenset[CaseState] = frozenset(
    {
        CaseState.ACCEPTED,
        CaseState.FIRST_REVIEW,
        CaseState.REVIEW,
        CaseState.APPROVED,
        CaseState.REJECTED,
    }
)
"""States in which the promised time limit runs and marks apply: from acceptance until
completion. It does not run while waiting for materials (补正) nor while suspended."""

SUSPENDABLE_STATES: frozenset[CaseState] = frozenset(
    {CaseState.ACCEPTED, CaseState.FIRST_REVIEW, CaseState.REVIEW}
)
"""States from which the examination may be suspended (before the decision)."""


class InvalidTransition(InvalidState):
    """A case cannot go from its state to the one asked for.

    ``params``: ``state`` (Chinese name of the current state, as in :class:`InvalidState`),
    ``target`` (Chinese name of the target), ``from_state``/``to_state`` (codes) and
    ``state_en``/``target_en``.
    """

    code: ClassVar[str] = "invalid_case_transition"
    zh: ClassVar[str] = "办件当前状态为“{state}”，不能转为“{target}”"
    en: ClassVar[str] = "A case in state “{state_en}” cannot move to “{target_en}”"


def parse_state(value: str | CaseState) -> CaseState:
    """The :class:`CaseState` for a stored code; :class:`counter.errors.InvalidInput` if unknown."""
    try:
        return CaseState(value)
    except ValueError:
        raise InvalidInput(field=f"未知的办件状态“{value}”") from None


def allowed_transitions(state: str | CaseState) -> frozenset[CaseState]:
    """The states a case in ``state`` may move to (empty for a final state)."""
    return ALLOWED_TRANSITIONS[parse_state(state)]


def check_transition(from_state: str | CaseState, to_state: str | CaseState) -> CaseState:
    """Return ``to_state`` as a :class:`CaseState` if the change is allowed, else raise
    :class:`InvalidTransition` (or :class:`counter.errors.InvalidInput` for an unknown code).
    Staying in the same state is not a transition and is refused."""
    src, dst = parse_state(from_state), parse_state(to_state)
    if dst not in ALLOWED_TRANSITIONS[src]:
        raise InvalidTransition(
            state=src.zh,
            target=dst.zh,
            state_en=src.en,
            target_en=dst.en,
            from_state=src.value,
            to_state=dst.value,
        )
    return dst


def is_clock_running(state: str | CaseState) -> bool:
    """True when the promised time limit runs in ``state`` (see :data:`CLOCK_RUNNING_STATES`)."""
    return parse_state(state) in CLOCK_RUNNING_STATES


# --------------------------------------------------------------------------------------------
# Nodes (环节)
# --------------------------------------------------------------------------------------------


class Node(enum.StrEnum):
    """A node (环节) of the workflow: what is done to a case next."""

    ACCEPT = "accept"
    FIRST_REVIEW = "first_review"
    REVIEW = "review"
    DECIDE = "decide"
    COMPLETE = "complete"
    DELIVER = "deliver"

    @property
    def zh(self) -> str:
        return _NODE_ZH[self]

    @property
    def en(self) -> str:
        return _NODE_EN[self]


_NODE_ZH = {
    Node.ACCEPT: "受理",
    Node.FIRST_REVIEW: "初审",
    Node.REVIEW: "审核",
    Node.DECIDE: "决定",
    Node.COMPLETE: "办结",
    Node.DELIVER: "送达",
}
_NODE_EN = {
    Node.ACCEPT: "Acceptance",
    Node.FIRST_REVIEW: "First review",
    Node.REVIEW: "Review",
    Node.DECIDE: "Decision",
    Node.COMPLETE: "Completion (sealing)",
    Node.DELIVER: "Delivery",
}

PENDING_NODE: Mapping[CaseState, Node] = {
    CaseState.ACCEPTED: Node.FIRST_REVIEW,
    CaseState.FIRST_REVIEW: Node.REVIEW,
    CaseState.REVIEW: Node.DECIDE,
    CaseState.APPROVED: Node.COMPLETE,
    CaseState.REJECTED: Node.COMPLETE,
    CaseState.COMPLETED: Node.DELIVER,
}
"""The node a case in a state waits for (its inbox)."""

NODE_BUDGET_KEYS: Mapping[Node, tuple[str, ...]] = {
    Node.FIRST_REVIEW: ("受理", "初审"),
    Node.REVIEW: ("审核",),
    Node.DECIDE: ("审批", "决定"),
    Node.COMPLETE: ("办结",),
}
"""Which keys of an item's node budget (``{"受理": 1, "初审": 5, "审核": 5, "审批": 5, "办结": 5}``)
a pending node has: the time from acceptance to the end of 初审 covers 受理 and 初审 (acceptance
itself is immediate), the decision is 审批."""

_NODE_ORDER = (Node.FIRST_REVIEW, Node.REVIEW, Node.DECIDE)
_DONE_STATE = {Node.FIRST_REVIEW: CaseState.FIRST_REVIEW, Node.REVIEW: CaseState.REVIEW}


def node_budget_days(budget: Mapping[str, Any] | None, node: Node | None) -> int | None:
    """Working days the item allows for ``node`` (None: the item sets no budget for it)."""
    if not budget or node is None:
        return None
    keys = [k for k in NODE_BUDGET_KEYS.get(node, ()) if k in budget]
    if not keys:
        return None
    try:
        return sum(max(0, int(budget[k])) for k in keys)
    except (TypeError, ValueError):
        return None


def _has_node(budget: Mapping[str, Any] | None, node: Node) -> bool:
    """Whether an item requires ``node``: the decision always; 初审 and 审核 when its node
    budget names them. An item without a node budget requires none of them (a short process
    may go straight to the decision), though they may still be done."""
    if node is Node.DECIDE:
        return True
    if not budget:
        return False
    return any(k in budget for k in NODE_BUDGET_KEYS[node] if k != "受理")


def node_target(
    state: str | CaseState,
    node: Node,
    budget: Mapping[str, Any] | None = None,
    *,
    approve: bool = True,
) -> CaseState:
    """The state a case in ``state`` reaches when ``node`` (初审, 审核 or 决定) is done.

    Nodes go in order; one the item does not require (see :func:`_has_node`) may be skipped,
    one it requires may not. Raises :class:`InvalidTransition` otherwise."""
    src = parse_state(state)
    if node not in _NODE_ORDER:
        raise InvalidInput(field=f"环节“{node.zh}”不能由后台审查完成")
    target = _DONE_STATE.get(node) or (CaseState.APPROVED if approve else CaseState.REJECTED)
    pending = PENDING_NODE.get(src)
    if pending in _NODE_ORDER:
        assert pending is not None
        start, end = _NODE_ORDER.index(pending), _NODE_ORDER.index(node)
        skipped = _NODE_ORDER[start:end]
        if end >= start and all(not _has_node(budget, n) for n in skipped):
            return check_transition(src, target)
    raise InvalidTransition(
        state=src.zh,
        target=node.zh,
        state_en=src.en,
        target_en=node.en,
        from_state=src.value,
        to_state=target.value,
    )


# --------------------------------------------------------------------------------------------
# Suspensions (中止 / 暂停计时)
# --------------------------------------------------------------------------------------------


class SuspensionKind(enum.StrEnum):
    """Why the clock stops: 补正 (returned for correction), 听证 (hearing), 现场勘查 (site
    inspection), 公示 (publicity). None of their time counts towards the time limits."""

    CORRECTION = "correction"
    HEARING = "hearing"
    INSPECTION = "inspection"
    PUBLICITY = "publicity"

    @property
    def zh(self) -> str:
        return _SUSPENSION_ZH[self]

    @property
    def en(self) -> str:
        return _SUSPENSION_EN[self]

    @property
    def state_zh(self) -> str:
        """How a case suspended for this reason is shown (补正中, 听证中 …)."""
        return f"{self.zh}中"


_SUSPENSION_ZH = {
    SuspensionKind.CORRECTION: "补正",
    SuspensionKind.HEARING: "听证",
    SuspensionKind.INSPECTION: "现场勘查",
    SuspensionKind.PUBLICITY: "公示",
}
_SUSPENSION_EN = {
    SuspensionKind.CORRECTION: "Returned for correction",
    SuspensionKind.HEARING: "Hearing",
    SuspensionKind.INSPECTION: "Site inspection",
    SuspensionKind.PUBLICITY: "Publicity",
}


def suspended_working_days(start: dt.date, end: dt.date, cal: CalendarView) -> int:
    """The working days a suspension from ``start`` to ``end`` (local dates) took: the working
    days after ``start`` up to and including ``end`` (suspended and resumed the same day: 0).
    The deadlines move by this many working days."""
    return max(0, working_days_between(start, end, cal))


# --------------------------------------------------------------------------------------------
# Overdue supervision
# --------------------------------------------------------------------------------------------


class OverdueLevel(enum.StrEnum):
    """Supervision level of an open case, from least to most serious."""

    NORMAL = "normal"
    WARNING = "warning"
    YELLOW = "yellow"
    RED = "red"

    @property
    def zh(self) -> str:
        return _OVERDUE_ZH[self]

    @property
    def en(self) -> str:
        return _OVERDUE_EN[self]

    @property
    def rank(self) -> int:
        """0 normal, 1 warning, 2 yellow, 3 red (for sorting and comparing)."""
        return _OVERDUE_RANK[self]


_OVERDUE_ZH = {
    OverdueLevel.NORMAL: "正常",
    OverdueLevel.WARNING: "预警",
    OverdueLevel.YELLOW: "黄牌",
    OverdueLevel.RED: "红牌",
}
_OVERDUE_EN = {
    OverdueLevel.NORMAL: "On time",
    OverdueLevel.WARNING: "Due soon",
    OverdueLevel.YELLOW: "Yellow card (node overrun)",
    OverdueLevel.RED: "Red card (time limit exceeded)",
}
_OVERDUE_RANK = {lvl: i for i, lvl in enumerate(OverdueLevel)}


def _past(today: dt.date, limit: dt.date, grace_days: int, cal: CalendarView) -> bool:
    if grace_days <= 0:
        return today > limit
    return today > add_working_days(limit, grace_days, cal).date


def overdue_level(
    today: dt.date,
    deadline: dt.date | None,
    node_deadline: dt.date | None,
    cal: CalendarView,
    warn_days: int = 1,
    *,
    yellow_grace_days: int = 0,
    red_grace_days: int = 0,
) -> OverdueLevel:
    """Supervision level of an open case on ``today`` (the hall's local date).

    The most serious that applies wins:

    - ``RED`` (红牌) when the promised limit is exceeded: ``today`` is after ``deadline``, or after
      the ``red_grace_days``-th working day following it when a grace is configured;
    - ``YELLOW`` (黄牌) when the current node overruns: ``today`` is after ``node_deadline`` (same
      rule with ``yellow_grace_days``);
    - ``WARNING`` (预警) when ``deadline`` is at most ``warn_days`` working days away
      (``working_days_between(today, deadline) <= warn_days``; the deadline day itself is 0, so
      ``warn_days=0`` warns on that day only and a negative value never warns), and always when
      ``deadline`` has passed but the red grace has not;
    - ``NORMAL`` otherwise, and always when both deadlines are None.

    Screens do not call this directly: :func:`supervise` applies it with the hall's
    :class:`Thresholds` to a case in any state.
    """
    if deadline is not None and _past(today, deadline, red_grace_days, cal):
        return OverdueLevel.RED
    if node_deadline is not None and _past(today, node_deadline, yellow_grace_days, cal):
        return OverdueLevel.YELLOW
    if deadline is not None:
        if today > deadline:  # past the deadline but within the red grace
            return OverdueLevel.WARNING
        if warn_days >= 0 and working_days_between(today, deadline, cal) <= warn_days:
            return OverdueLevel.WARNING
    return OverdueLevel.NORMAL


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class Thresholds:
    """A hall's supervision thresholds (local practice, from the hall's settings):
    ``warn_days`` working days before the deadline a case is marked 预警; a node overrun is a
    黄牌 after ``yellow_grace_days`` working days of grace; the limit exceeded a 红牌 after
    ``red_grace_days``."""

    warn_days: int = 1
    yellow_grace_days: int = 0
    red_grace_days: int = 0

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Thresholds:
        return cls(
            warn_days=_int(settings.get("warn_days"), 1),
            yellow_grace_days=max(0, _int(settings.get("yellow_grace_days"), 0)),
            red_grace_days=max(0, _int(settings.get("red_grace_days"), 0)),
        )


@dataclass(frozen=True)
class Supervision:
    """The supervision mark of one case on one day, as every screen shows it.

    ``days_left``: working days to the promised deadline (0 on the day, negative when overdue),
    None without a deadline or when the clock does not run; ``node_days_left`` the same for the
    pending node; ``clock_running`` False while waiting for materials, suspended, or after
    completion (then a case completed late stays ``RED``: whether the promise was kept is
    judged by the completion time)."""

    level: OverdueLevel
    days_left: int | None
    node_days_left: int | None
    clock_running: bool
    node: Node | None

    @property
    def countdown_zh(self) -> str:
        """``剩3个工作日``, ``今日到期``, ``超期2个工作日``, ``暂停计时`` or ``—``."""
        if not self.clock_running:
            return "—"
        if self.days_left is None:
            return "—"
        if self.days_left > 0:
            return f"剩{self.days_left}个工作日"
        if self.days_left == 0:
            return "今日到期"
        return f"超期{-self.days_left}个工作日"

    @property
    def countdown_en(self) -> str:
        if not self.clock_running or self.days_left is None:
            return "—"
        if self.days_left > 0:
            return f"{self.days_left} working day(s) left"
        if self.days_left == 0:
            return "due today"
        return f"{-self.days_left} working day(s) overdue"

    def sort_key(self) -> tuple[int, int, int]:
        """Most urgent first: the mark, then the fewest days left (promised, then node)."""
        big = 10_000
        return (
            -self.level.rank,
            self.days_left if self.days_left is not None else big,
            self.node_days_left if self.node_days_left is not None else big,
        )


def supervise(
    state: str | CaseState,
    today: dt.date,
    deadline: dt.date | None,
    node_deadline: dt.date | None,
    cal: CalendarView,
    thresholds: Thresholds | None = None,
    *,
    completed_on: dt.date | None = None,
) -> Supervision:
    """THE supervision mark (预警 / 黄牌 / 红牌) of a case in ``state`` on ``today``: the one
    function every list, page and report uses, so a case is marked the same everywhere.

    While the clock runs (:data:`CLOCK_RUNNING_STATES`) the level is :func:`overdue_level` with
    the hall's thresholds and the countdown is counted in working days. A completed or delivered
    case is ``RED`` if it was completed (``completed_on``, local date) after its deadline, else
    ``NORMAL``; any other state is ``NORMAL`` with no countdown."""
    st = parse_state(state)
    th = thresholds or Thresholds()
    node = PENDING_NODE.get(st)
    if st in CLOCK_RUNNING_STATES:
        level = overdue_level(
            today,
            deadline,
            node_deadline,
            cal,
            th.warn_days,
            yellow_grace_days=th.yellow_grace_days,
            red_grace_days=th.red_grace_days,
        )
        left = working_days_between(today, deadline, cal) if deadline is not None else None
        node_left = (
            working_days_between(today, node_deadline, cal) if node_deadline is not None else None
        )
        return Supervision(level, left, node_left, True, node)
    if st in (CaseState.COMPLETED, CaseState.DELIVERED) and deadline is not None:
        late = completed_on is not None and completed_on > deadline
        return Supervision(
            OverdueLevel.RED if late else OverdueLevel.NORMAL, None, None, False, node
        )
    return Supervision(OverdueLevel.NORMAL, None, None, False, node)


# A case number: the hall's code, the day of acceptance and a four-digit (or longer) sequence,
# ``QS20261122-0001`` (see ``counter.services.cases.insert_case``). An ID number never has the
# dash, so the two cannot be confused.
_CASE_NO = re.compile(r"(?P<hall>\S{1,32}?)(?P<day>\d{8})-(?P<seq>\d{4,9})")


def looks_like_case_no(code: str) -> bool:
    """True when ``code`` (normalised: NFKC, no whitespace, upper case) has the shape of a case
    number: a hall code of 1-32 characters, a real date ``YYYYMMDD``, a dash and 4-9 digits.
    Says nothing about whether such a case exists. Never raises."""
    m = _CASE_NO.fullmatch(normalize_code(code or ""))
    if m is None:
        return False
    day = m["day"]
    try:
        dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        return False
    return True
