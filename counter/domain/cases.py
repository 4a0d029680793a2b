"""The case (办件) state machine and overdue supervision (督办).

Pure rules, no I/O. The service layer checks every state change with :func:`check_transition`,
writes one time-stamped ``case_event`` per change (督着办: every node traceable), and shows
:func:`overdue_level` on the manager's and clerk's lists.

Flow (行政许可法 §32 at the window, then examination and decision)::

    draft ─┬─> accepted ─┬─> first_review ─┬─> review ─┬─> approved ─┬─> completed ─> delivered
           │             │                 │           └─> rejected ─┘
           │             └─────────────────┴─(a step may be skipped when the item has no such
           │                                  node; review may return to first_review)
           ├─> awaiting_materials ─> accepted | not_accepted | withdrawn   (一次性告知, 补正)
           ├─> not_accepted                                               (不予受理, final)
           └─> withdrawn            (from any state before a decision, final)

A rejection (决定不予) is a decision too: the case is still completed (办结) and the decision
delivered. 即办件 (done on the spot) go through the same states within minutes.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import ClassVar

from counter.domain.workdays import CalendarView, add_working_days, working_days_between
from counter.errors import InvalidInput, InvalidState

__all__ = [
    "ALLOWED_TRANSITIONS",
    "CLOCK_RUNNING_STATES",
    "SUPERVISED_STATES",
    "TERMINAL_STATES",
    "TIMESTAMPED_STATES",
    "CaseState",
    "InvalidTransition",
    "OverdueLevel",
    "allowed_transitions",
    "check_transition",
    "is_clock_running",
    "overdue_level",
    "parse_state",
]


class CaseState(enum.StrEnum):
    """State of a case; the value is what ``service_case.state`` stores (≤ 20 characters)."""

    DRAFT = "draft"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    AWAITING_MATERIALS = "awaiting_materials"
    FIRST_REVIEW = "first_review"
    REVIEW = "review"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMPLETED = "completed"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"

    @property
    def zh(self) -> str:
        """Chinese node name, as shown on screens and in the case trace."""
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
    CaseState.APPROVED: "审批通过",
    CaseState.REJECTED: "决定不予许可",
    CaseState.COMPLETED: "办结",
    CaseState.DELIVERED: "已送达",
    CaseState.WITHDRAWN: "已撤回",
}
_STATE_EN: Mapping[CaseState, str] = {
    CaseState.DRAFT: "Draft",
    CaseState.ACCEPTED: "Accepted",
    CaseState.NOT_ACCEPTED: "Not accepted",
    CaseState.AWAITING_MATERIALS: "Awaiting materials",
    CaseState.FIRST_REVIEW: "First review",
    CaseState.REVIEW: "Review",
    CaseState.APPROVED: "Approved",
    CaseState.REJECTED: "Rejected",
    CaseState.COMPLETED: "Completed",
    CaseState.DELIVERED: "Delivered",
    CaseState.WITHDRAWN: "Withdrawn",
}

_S = CaseState
ALLOWED_TRANSITIONS: Mapping[CaseState, frozenset[CaseState]] = {
    _S.DRAFT: frozenset({_S.ACCEPTED, _S.NOT_ACCEPTED, _S.AWAITING_MATERIALS, _S.WITHDRAWN}),
    _S.AWAITING_MATERIALS: frozenset({_S.ACCEPTED, _S.NOT_ACCEPTED, _S.WITHDRAWN}),
    _S.ACCEPTED: frozenset({_S.FIRST_REVIEW, _S.REVIEW, _S.APPROVED, _S.REJECTED, _S.WITHDRAWN}),
    _S.FIRST_REVIEW: frozenset({_S.REVIEW, _S.APPROVED, _S.REJECTED, _S.WITHDRAWN}),
    _S.REVIEW: frozenset({_S.FIRST_REVIEW, _S.APPROVED, _S.REJECTED, _S.WITHDRAWN}),
    _S.APPROVED: frozenset({_S.COMPLETED}),
    _S.REJECTED: frozenset({_S.COMPLETED}),
    _S.COMPLETED: frozenset({_S.DELIVERED}),
    _S.NOT_ACCEPTED: frozenset(),
    _S.DELIVERED: frozenset(),
    _S.WITHDRAWN: frozenset(),
}
"""Every allowed state change; a state with no way out is final."""

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
"""The nodes a manager supervises (受理, 初审, 审核, 审批/决定, 办结, 送达), in flow order: each may
carry a per-node budget in working days, and whether the promised limit was met is judged by the
time the case reached ``completed`` (the stamping time)."""

CLOCK_RUNNING_STATES: frozenset[CaseState] = frozenset(
    {
        CaseState.ACCEPTED,
        CaseState.FIRST_REVIEW,
        CaseState.REVIEW,
        CaseState.APPROVED,
        CaseState.REJECTED,
    }
)
"""States in which the promised time limit runs and :func:`overdue_level` applies: from
acceptance until completion. It does not run while waiting for materials (补正)."""


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

    Thresholds are local practice: take them from the hall's settings. Only call this for a case
    whose clock runs (:func:`is_clock_running`); a completed case is judged by its completion
    time instead.
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
