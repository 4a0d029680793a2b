"""The case state machine and overdue supervision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.cases import (
    ALLOWED_TRANSITIONS,
    CLOCK_RUNNING_STATES,
    SUPERVISED_STATES,
    TERMINAL_STATES,
    TIMESTAMPED_STATES,
    CaseState,
    InvalidTransition,
    OverdueLevel,
    allowed_transitions,
    check_transition,
    is_clock_running,
    overdue_level,
)
from counter.domain.workdays import DictCalendar
from counter.errors import InvalidInput, InvalidState

S = CaseState
D = dt.date
CAL = DictCalendar.national(years=[2025])


def test_every_state_has_a_name_and_rules() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(CaseState)
    assert all(s.zh and s.en for s in CaseState)
    assert all(len(s.value) <= 20 for s in CaseState)  # service_case.state column
    assert S.ACCEPTED.zh == "受理"
    assert S.NOT_ACCEPTED.zh == "不予受理"
    assert S.COMPLETED.zh == "办结"


def test_terminal_states() -> None:
    assert {S.NOT_ACCEPTED, S.DELIVERED, S.WITHDRAWN} == TERMINAL_STATES


@pytest.mark.parametrize(
    "path",
    [
        [S.DRAFT, S.ACCEPTED, S.FIRST_REVIEW, S.REVIEW, S.APPROVED, S.COMPLETED, S.DELIVERED],
        [S.DRAFT, S.AWAITING_MATERIALS, S.ACCEPTED, S.REVIEW, S.REJECTED, S.COMPLETED],
        [S.DRAFT, S.ACCEPTED, S.APPROVED, S.COMPLETED, S.DELIVERED],  # 即办件
        [S.DRAFT, S.NOT_ACCEPTED],
        [S.DRAFT, S.AWAITING_MATERIALS, S.NOT_ACCEPTED],
        [S.DRAFT, S.ACCEPTED, S.FIRST_REVIEW, S.REVIEW, S.FIRST_REVIEW, S.REVIEW, S.APPROVED],
        [S.DRAFT, S.ACCEPTED, S.FIRST_REVIEW, S.WITHDRAWN],
    ],
)
def test_realistic_paths(path: list[CaseState]) -> None:
    for a, b in zip(path, path[1:], strict=False):
        assert check_transition(a, b) is b
        assert check_transition(a.value, b.value) is b


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (S.DRAFT, S.APPROVED),  # no decision without acceptance
        (S.DRAFT, S.COMPLETED),
        (S.AWAITING_MATERIALS, S.REVIEW),
        (S.APPROVED, S.WITHDRAWN),  # no withdrawal after a decision
        (S.APPROVED, S.REJECTED),
        (S.COMPLETED, S.APPROVED),
        (S.DELIVERED, S.COMPLETED),
        (S.NOT_ACCEPTED, S.ACCEPTED),
        (S.WITHDRAWN, S.ACCEPTED),
        (S.ACCEPTED, S.ACCEPTED),
    ],
)
def test_refused_transitions(a: CaseState, b: CaseState) -> None:
    with pytest.raises(InvalidTransition) as info:
        check_transition(a, b)
    err = info.value
    assert isinstance(err, InvalidState)
    assert err.params["from_state"] == a.value and err.params["to_state"] == b.value
    assert a.zh in str(err) and b.zh in str(err)
    assert err.to_dict()["code"] == "invalid_case_transition"


def test_unknown_state_code() -> None:
    with pytest.raises(InvalidInput):
        check_transition("draft", "archived")
    with pytest.raises(InvalidInput):
        allowed_transitions("booked")


def test_every_non_draft_state_is_reachable_from_draft() -> None:
    seen = {S.DRAFT}
    frontier = [S.DRAFT]
    while frontier:
        state = frontier.pop()
        for nxt in allowed_transitions(state):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(CaseState)


def test_every_state_can_end() -> None:
    for state in CaseState:
        seen, frontier = {state}, [state]
        while frontier:
            for nxt in ALLOWED_TRANSITIONS[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert seen & TERMINAL_STATES, state


def test_supervision_sets() -> None:
    assert S.DRAFT not in TIMESTAMPED_STATES
    assert set(SUPERVISED_STATES) <= TIMESTAMPED_STATES
    assert SUPERVISED_STATES[0] is S.ACCEPTED and SUPERVISED_STATES[-1] is S.DELIVERED
    assert is_clock_running("review")
    assert not is_clock_running(S.AWAITING_MATERIALS)
    assert not is_clock_running(S.COMPLETED)
    assert CLOCK_RUNNING_STATES.isdisjoint(TERMINAL_STATES)


# ---- overdue ---------------------------------------------------------------------------------


def test_overdue_levels_around_national_day() -> None:
    deadline = D(2025, 10, 9)  # first working day after the holiday
    node = D(2025, 9, 29)

    def level(today: dt.date, **kw: int) -> OverdueLevel:
        return overdue_level(today, deadline, node, CAL, **kw)

    assert level(D(2025, 9, 26)) is OverdueLevel.NORMAL
    assert level(D(2025, 9, 29)) is OverdueLevel.NORMAL  # node due today, 2 working days left
    # 09-30: node overran (yellow beats warning)
    assert level(D(2025, 9, 30)) is OverdueLevel.YELLOW
    # during the holiday only one working day (10-09) is left: yellow still
    assert level(D(2025, 10, 3)) is OverdueLevel.YELLOW
    assert level(D(2025, 10, 10)) is OverdueLevel.RED
    assert level(D(2025, 10, 10), red_grace_days=1) is OverdueLevel.YELLOW
    assert level(D(2025, 10, 11), red_grace_days=1) is OverdueLevel.RED
    # deadline on the last working day before National Day: one working day's grace ends 10-09
    last_before = D(2025, 9, 30)
    assert overdue_level(D(2025, 10, 8), last_before, None, CAL, red_grace_days=1) is (
        OverdueLevel.WARNING
    )
    assert overdue_level(D(2025, 10, 10), last_before, None, CAL, red_grace_days=1) is (
        OverdueLevel.RED
    )


def test_warning_before_the_deadline() -> None:
    deadline = D(2025, 10, 9)
    assert overdue_level(D(2025, 10, 3), deadline, None, CAL) is OverdueLevel.WARNING
    assert overdue_level(D(2025, 9, 30), deadline, None, CAL) is OverdueLevel.WARNING
    assert overdue_level(D(2025, 9, 29), deadline, None, CAL) is OverdueLevel.NORMAL
    assert overdue_level(D(2025, 9, 29), deadline, None, CAL, 2) is OverdueLevel.WARNING
    assert overdue_level(D(2025, 10, 9), deadline, None, CAL, 0) is OverdueLevel.WARNING
    assert overdue_level(D(2025, 10, 8), deadline, None, CAL, 0) is OverdueLevel.NORMAL
    assert overdue_level(D(2025, 10, 9), deadline, None, CAL, -1) is OverdueLevel.NORMAL


def test_yellow_grace() -> None:
    node = D(2025, 9, 26)  # Friday
    assert overdue_level(D(2025, 9, 27), None, node, CAL) is OverdueLevel.YELLOW
    # with one working day's grace the yellow card comes after Sunday 09-28 (a working day)
    assert overdue_level(D(2025, 9, 28), None, node, CAL, yellow_grace_days=1) is (
        OverdueLevel.NORMAL
    )
    assert overdue_level(D(2025, 9, 29), None, node, CAL, yellow_grace_days=1) is (
        OverdueLevel.YELLOW
    )


def test_no_deadlines_is_normal() -> None:
    assert overdue_level(D(2025, 1, 1), None, None, CAL) is OverdueLevel.NORMAL


def test_overdue_level_names() -> None:
    assert [lv.zh for lv in OverdueLevel] == ["正常", "预警", "黄牌", "红牌"]
    assert sorted(OverdueLevel, key=lambda lv: lv.rank)[-1] is OverdueLevel.RED


@given(
    st.dates(D(2025, 1, 1), D(2025, 12, 31)),
    st.dates(D(2025, 1, 1), D(2025, 12, 31)),
    st.integers(0, 5),
)
def test_red_exactly_after_the_deadline(today: dt.date, deadline: dt.date, warn: int) -> None:
    level = overdue_level(today, deadline, None, CAL, warn)
    assert (level is OverdueLevel.RED) == (today > deadline)
    assert level is not OverdueLevel.YELLOW


def test_looks_like_case_no() -> None:
    from counter.domain.cases import looks_like_case_no

    assert looks_like_case_no("QS20261122-0001")
    assert looks_like_case_no(" qs20261122-0001 ")  # typed: normalised first
    assert looks_like_case_no("0120261122-12345")  # a hall code of digits
    assert not looks_like_case_no("11010519491231002X")  # an ID number
    assert not looks_like_case_no("QS20261322-0001")  # no 13th month
    assert not looks_like_case_no("QS20261122-01")
    assert not looks_like_case_no("20261122-0001")  # no hall code
    assert not looks_like_case_no("")
