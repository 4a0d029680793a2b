"""好差评 levels, reasons, validation and follow-up deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.evaluation import (
    DEFAULT_FOLLOW_UP_WORKING_DAYS,
    BadReason,
    EvaluationLevel,
    InvalidEvaluation,
    follow_up_deadline,
    is_bad,
    validate_evaluation,
)
from counter.domain.workdays import Deadline, DictCalendar
from counter.errors import InvalidInput


def test_levels() -> None:
    assert [(lv.value, lv.zh) for lv in EvaluationLevel] == [
        (5, "非常满意"),
        (4, "满意"),
        (3, "基本满意"),
        (2, "不满意"),
        (1, "非常不满意"),
    ]
    assert all(lv.en for lv in EvaluationLevel)
    assert [is_bad(n) for n in range(1, 6)] == [True, True, False, False, False]
    assert is_bad(EvaluationLevel.DISSATISFIED)


@pytest.mark.parametrize("level", [0, 6, -1, True])
def test_level_out_of_range(level: int) -> None:
    with pytest.raises(InvalidEvaluation) as info:
        validate_evaluation(level)
    assert info.value.params["rule"] == "level"
    with pytest.raises(InvalidEvaluation):
        is_bad(level)


def test_reasons() -> None:
    assert [r.zh for r in BadReason] == [
        "等候时间长",
        "办事效率低",
        "服务态度差",
        "一次性告知不清",
        "多次跑腿",
        "材料要求不合理",
        "未按时办结",
        "其他",
    ]
    assert all(r.en for r in BadReason)
    assert all(len(r.value) <= 30 for r in BadReason)


def test_good_evaluation() -> None:
    ev = validate_evaluation(5, comment="  很好  ")
    assert ev.level is EvaluationLevel.VERY_SATISFIED
    assert ev.comment == "很好"
    assert ev.reasons == ()
    assert not ev.is_bad


def test_bad_evaluation_reasons_by_enum_code_or_label() -> None:
    ev = validate_evaluation(
        1, [BadReason.LONG_WAIT, "poor_attitude", "多次跑腿", "long_wait"], "排了一上午"
    )
    assert ev.reasons == (BadReason.LONG_WAIT, BadReason.POOR_ATTITUDE, BadReason.REPEATED_TRIPS)
    assert ev.reason_codes == ["long_wait", "poor_attitude", "repeated_trips"]
    assert ev.is_bad


@pytest.mark.parametrize(
    ("level", "reasons", "comment", "rule"),
    [
        (2, [], "", "reasons_required"),
        (1, [], "很差", "reasons_required"),
        (2, ["态度不好"], "", "unknown_reason"),
        (2, ["other"], "", "comment_required"),
        (2, ["其他"], "   ", "comment_required"),
        (4, ["long_wait"], "", "reasons_not_allowed"),
        (3, [], "好" * 501, "comment_too_long"),
    ],
)
def test_refusals(level: int, reasons: list[str], comment: str, rule: str) -> None:
    with pytest.raises(InvalidEvaluation) as info:
        validate_evaluation(level, reasons, comment)
    assert info.value.params["rule"] == rule
    assert str(info.value).startswith("评价无效：")


def test_comment_length_counts_characters() -> None:
    assert len(validate_evaluation(5, comment="𠀀" * 500).comment) == 500


@given(st.integers(1, 2), st.sets(st.sampled_from(list(BadReason)), min_size=1))
def test_any_listed_reasons_are_accepted_for_bad(level: int, reasons: set[BadReason]) -> None:
    ev = validate_evaluation(level, sorted(reasons), "说明")
    assert set(ev.reasons) == reasons


def test_follow_up_deadline() -> None:
    cal = DictCalendar.national(years=[2025])
    # a 差评 on the last working day before National Day: five working days after it
    assert DEFAULT_FOLLOW_UP_WORKING_DAYS == 5
    assert follow_up_deadline(dt.date(2025, 9, 30), cal) == Deadline(dt.date(2025, 10, 14), True)
    assert follow_up_deadline(dt.date(2025, 9, 30), cal, 15).date == dt.date(2025, 10, 28)
    with pytest.raises(InvalidInput):
        follow_up_deadline(dt.date(2025, 9, 30), cal, 0)
