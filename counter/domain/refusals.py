"""Why an application is not accepted at the window (不予受理), after 行政许可法 第三十二条.

Pure vocabulary: the window offers these reasons, the notice cites the clause each rests on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REFUSAL_REASONS", "RefusalReason"]


@dataclass(frozen=True)
class RefusalReason:
    """A reason to refuse at once: its text (as printed on the notice), the clause of the
    Administrative Licensing Law it rests on, and whether the applicant must be told which body
    to go to (not this body's competence)."""

    code: str
    text: str
    clause: str
    refer_elsewhere: bool = False


REFUSAL_REASONS: tuple[RefusalReason, ...] = (
    RefusalReason(
        "not_competent",
        "申请事项依法不属于本机关职权范围",
        "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        refer_elsewhere=True,
    ),
    RefusalReason(
        "no_permission_needed",
        "申请事项依法不需要取得行政许可",
        "《中华人民共和国行政许可法》第三十二条第一款第（一）项",
    ),
    RefusalReason(
        "not_eligible",
        "申请人不具备申请资格",
        "《中华人民共和国行政许可法》第三十二条",
    ),
    RefusalReason(
        "not_this_centre",
        "申请事项不属于本便民服务中心受理范围，请向有关部门申请",
        "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        refer_elsewhere=True,
    ),
)
