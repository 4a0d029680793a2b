"""Service evaluation (好差评; 国办发〔2019〕51号, GB/T 39734-2020, GB/T 39735-2020).

Five levels, 非常满意 5 down to 非常不满意 1; 不满意 and 非常不满意 are bad evaluations (差评),
which need at least one reason from :class:`BadReason` and are followed up (回访整改) within a
configurable number of working days (5 by default; local practice is 5 to 15).

Pure: validation returns an :class:`EvaluationInput` value; storing it is the service's job
(reasons are stored by their codes, e.g. ``["long_wait", "other"]``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from counter.domain.workdays import CalendarView, Deadline, add_working_days
from counter.errors import CounterError, InvalidInput

__all__ = [
    "DEFAULT_FOLLOW_UP_WORKING_DAYS",
    "MAX_COMMENT_LENGTH",
    "BadReason",
    "EvaluationInput",
    "EvaluationLevel",
    "InvalidEvaluation",
    "follow_up_deadline",
    "is_bad",
    "validate_evaluation",
]

MAX_COMMENT_LENGTH = 500
DEFAULT_FOLLOW_UP_WORKING_DAYS = 5


class EvaluationLevel(enum.IntEnum):
    """The five levels of 好差评; the int value is the stored ``level``."""

    VERY_SATISFIED = 5
    SATISFIED = 4
    FAIRLY_SATISFIED = 3
    DISSATISFIED = 2
    VERY_DISSATISFIED = 1

    @property
    def zh(self) -> str:
        return _LEVEL_ZH[self]

    @property
    def en(self) -> str:
        return _LEVEL_EN[self]

    @property
    def is_bad(self) -> bool:
        """True for 不满意 and 非常不满意 (差评)."""
        return self <= EvaluationLevel.DISSATISFIED


_LEVEL_ZH = {
    EvaluationLevel.VERY_SATISFIED: "非常满意",
    EvaluationLevel.SATISFIED: "满意",
    EvaluationLevel.FAIRLY_SATISFIED: "基本满意",
    EvaluationLevel.DISSATISFIED: "不满意",
    EvaluationLevel.VERY_DISSATISFIED: "非常不满意",
}
_LEVEL_EN = {
    EvaluationLevel.VERY_SATISFIED: "Very satisfied",
    EvaluationLevel.SATISFIED: "Satisfied",
    EvaluationLevel.FAIRLY_SATISFIED: "Fairly satisfied",
    EvaluationLevel.DISSATISFIED: "Dissatisfied",
    EvaluationLevel.VERY_DISSATISFIED: "Very dissatisfied",
}


class BadReason(enum.StrEnum):
    """The reasons an applicant picks for a bad evaluation; the value is the stored code.

    Listed in the order the evaluation device shows them; :attr:`OTHER` needs a comment.
    """

    LONG_WAIT = "long_wait"
    LOW_EFFICIENCY = "low_efficiency"
    POOR_ATTITUDE = "poor_attitude"
    UNCLEAR_NOTICE = "unclear_notice"
    REPEATED_TRIPS = "repeated_trips"
    UNREASONABLE_MATERIALS = "unreasonable_materials"
    NOT_ON_TIME = "not_on_time"
    OTHER = "other"

    @property
    def zh(self) -> str:
        return _REASON_ZH[self]

    @property
    def en(self) -> str:
        return _REASON_EN[self]


_REASON_ZH = {
    BadReason.LONG_WAIT: "等候时间长",
    BadReason.LOW_EFFICIENCY: "办事效率低",
    BadReason.POOR_ATTITUDE: "服务态度差",
    BadReason.UNCLEAR_NOTICE: "一次性告知不清",
    BadReason.REPEATED_TRIPS: "多次跑腿",
    BadReason.UNREASONABLE_MATERIALS: "材料要求不合理",
    BadReason.NOT_ON_TIME: "未按时办结",
    BadReason.OTHER: "其他",
}
_REASON_EN = {
    BadReason.LONG_WAIT: "Long wait",
    BadReason.LOW_EFFICIENCY: "Slow service",
    BadReason.POOR_ATTITUDE: "Poor attitude",
    BadReason.UNCLEAR_NOTICE: "Unclear notice of materials",
    BadReason.REPEATED_TRIPS: "Several trips needed",
    BadReason.UNREASONABLE_MATERIALS: "Unreasonable materials asked",
    BadReason.NOT_ON_TIME: "Not completed on time",
    BadReason.OTHER: "Other",
}


class InvalidEvaluation(CounterError):
    """An evaluation cannot be recorded. ``params``: ``rule``, ``reason`` (Chinese),
    ``reason_en``; rules: ``level``, ``reasons_required``, ``unknown_reason``,
    ``reasons_not_allowed``, ``comment_required``, ``comment_too_long``."""

    code: ClassVar[str] = "invalid_evaluation"
    zh: ClassVar[str] = "评价无效：{reason}"
    en: ClassVar[str] = "Invalid evaluation: {reason_en}"


def _refuse(rule: str, reason: str, reason_en: str) -> InvalidEvaluation:
    return InvalidEvaluation(rule=rule, reason=reason, reason_en=reason_en)


def _level(level: int | EvaluationLevel) -> EvaluationLevel:
    if isinstance(level, bool) or not isinstance(level, int):
        raise _refuse("level", "评价等级应为1到5", "the level must be 1 to 5")
    try:
        return EvaluationLevel(level)
    except ValueError:
        raise _refuse("level", "评价等级应为1到5", "the level must be 1 to 5") from None


def is_bad(level: int | EvaluationLevel) -> bool:
    """True for 差评 (levels 1 and 2). Raises :class:`InvalidEvaluation` outside 1..5."""
    return _level(level).is_bad


def _reason(value: str | BadReason) -> BadReason:
    if isinstance(value, BadReason):
        return value
    text = value.strip()
    for reason in BadReason:
        if text in (reason.value, reason.zh):
            return reason
    raise _refuse(
        "unknown_reason",
        f"“{text}”不是可选的差评原因",
        f"{text!r} is not one of the reasons offered",
    )


@dataclass(frozen=True)
class EvaluationInput:
    """A validated evaluation: level, reasons (no duplicates, in the order given) and comment
    (stripped)."""

    level: EvaluationLevel
    reasons: tuple[BadReason, ...] = ()
    comment: str = ""

    @property
    def is_bad(self) -> bool:
        return self.level.is_bad

    @property
    def reason_codes(self) -> list[str]:
        """The reasons as stored (``evaluation.reasons``)."""
        return [r.value for r in self.reasons]


def validate_evaluation(
    level: int | EvaluationLevel,
    reasons: Iterable[str | BadReason] = (),
    comment: str = "",
) -> EvaluationInput:
    """Check an evaluation and return it normalised, or raise :class:`InvalidEvaluation`.

    Rules: ``level`` is 1..5; a bad evaluation (1 or 2) has at least one reason, each a
    :class:`BadReason` given as the enum, its code or its Chinese label; a good one (3..5) has
    none (they are reasons for dissatisfaction); choosing 其他 (``other``) needs a comment; the
    comment, stripped, has at most 500 characters.
    """
    lvl = _level(level)
    chosen: list[BadReason] = []
    for value in reasons:
        reason = _reason(value)
        if reason not in chosen:
            chosen.append(reason)
    text = comment.strip()
    if len(text) > MAX_COMMENT_LENGTH:
        raise _refuse(
            "comment_too_long",
            f"意见建议不能超过{MAX_COMMENT_LENGTH}字（当前{len(text)}字）",
            f"the comment must have at most {MAX_COMMENT_LENGTH} characters, got {len(text)}",
        )
    if lvl.is_bad:
        if not chosen:
            raise _refuse(
                "reasons_required",
                f"选择“{lvl.zh}”时请至少选择一项原因",
                f"choose at least one reason for “{lvl.en}”",
            )
        if BadReason.OTHER in chosen and not text:
            raise _refuse(
                "comment_required",
                "选择“其他”时请填写具体意见",
                "please describe the problem when choosing “Other”",
            )
    elif chosen:
        raise _refuse(
            "reasons_not_allowed",
            f"“{lvl.zh}”不需要选择差评原因",
            f"no reasons are given with “{lvl.en}”",
        )
    return EvaluationInput(lvl, tuple(chosen), text)


def follow_up_deadline(
    evaluated_on: dt.date,
    cal: CalendarView,
    working_days: int = DEFAULT_FOLLOW_UP_WORKING_DAYS,
) -> Deadline:
    """The date by which a bad evaluation must be followed up (回访整改): ``working_days``
    working days after the day of the evaluation (that day not counted). ``working_days`` comes
    from the hall's settings; it must be at least 1 (:class:`counter.errors.InvalidInput`
    otherwise)."""
    if working_days < 1:
        raise InvalidInput(field="差评整改期限（工作日）至少为1天")
    return add_working_days(evaluated_on, working_days, cal)
