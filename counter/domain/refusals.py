"""Why an application is not accepted at the window (不予受理), after 行政许可法 第三十二条.

Pure vocabulary: the window offers these reasons, the notice cites the clause each rests on,
down to its 项:

- 第三十二条第一款第（一）项 — the matter needs no licence: the applicant is told at once;
- 第三十二条第一款第（二）项 — the matter is not within this body's competence: the decision not to
  accept is made at once and the applicant is told which body to apply to (the clerk enters or
  chooses that body: ``refer_elsewhere``).

A reason that is not a ground of 第三十二条 (the applicant does not meet the item's conditions)
cites the item's own legal basis instead (``clause`` empty: the service fills it in).

A reason typed freely (no code) must say what it rests on: one of :data:`REFUSAL_GROUNDS` — a
ground of 第三十二条 with its 项, or the item's own legal basis — so the notice always names the
clause (the service refuses a free reason without one).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "LICENSING_LAW",
    "ITEM_LEGAL_BASIS",
    "REFERRAL_BODIES",
    "REFUSAL_GROUNDS",
    "REFUSAL_REASONS",
    "RefusalChoice",
    "RefusalGround",
    "RefusalReason",
    "refusal_ground",
    "refusal_reason",
]

LICENSING_LAW = "《中华人民共和国行政许可法》"


@dataclass(frozen=True)
class RefusalReason:
    """A reason to refuse at once: its text (as printed on the notice), the clause of the
    Administrative Licensing Law it rests on (with its 项; empty: the item's legal basis), and
    whether the applicant must be told which body to go to (not this body's competence)."""

    code: str
    text: str
    clause: str
    refer_elsewhere: bool = False


@dataclass(frozen=True)
class RefusalChoice:
    """What the clerk chose: a reason's ``code`` (empty: a reason typed freely), words added to
    it (the whole reason when typed freely), the body to apply to instead (required when the
    reason or the ground refers elsewhere), and for a reason typed freely the ``ground`` it
    rests on (a code of :data:`REFUSAL_GROUNDS`; required then)."""

    code: str
    extra: str = ""
    refer_to: str = ""
    ground: str = ""

    def __bool__(self) -> bool:
        return bool(self.code or self.extra.strip())


REFUSAL_REASONS: tuple[RefusalReason, ...] = (
    RefusalReason(
        "not_competent",
        "申请事项依法不属于本机关职权范围",
        f"{LICENSING_LAW}第三十二条第一款第（二）项",
        refer_elsewhere=True,
    ),
    RefusalReason(
        "no_permission_needed",
        "申请事项依法不需要取得行政许可",
        f"{LICENSING_LAW}第三十二条第一款第（一）项",
    ),
    RefusalReason(
        "not_eligible",
        "申请人不具备该事项规定的申请资格",
        "",
    ),
    RefusalReason(
        "not_this_centre",
        "申请事项不属于本便民服务中心受理范围",
        f"{LICENSING_LAW}第三十二条第一款第（二）项",
        refer_elsewhere=True,
    ),
)

REFERRAL_BODIES: tuple[str, ...] = (
    "县自然资源和规划局",
    "县市场监督管理局",
    "县人力资源和社会保障局",
    "县民政局",
    "县公安局户政窗口",
    "县不动产登记中心",
    "县政务服务中心",
)
"""Bodies a township hall often sends applicants to (offered, never imposed: the clerk may type
another). The default of the hall setting ``referral_bodies``, which the window offers."""


@dataclass(frozen=True)
class RefusalGround:
    """What a reason typed freely rests on: its name (as the window offers it), the clause it
    cites (with its 项; empty: the item's own legal basis) and whether the applicant must be
    told which body to go to."""

    code: str
    text: str
    clause: str
    refer_elsewhere: bool = False


ITEM_LEGAL_BASIS = "legal_basis"

REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        "art32_1_1",
        "依法不需要取得行政许可（第三十二条第一款第（一）项）",
        f"{LICENSING_LAW}第三十二条第一款第（一）项",
    ),
    RefusalGround(
        "art32_1_2",
        "依法不属于本机关职权范围（第三十二条第一款第（二）项）",
        f"{LICENSING_LAW}第三十二条第一款第（二）项",
        refer_elsewhere=True,
    ),
    RefusalGround(ITEM_LEGAL_BASIS, "本事项的设定依据（事项目录所载法律依据）", ""),
)


def refusal_ground(code: str) -> RefusalGround | None:
    """The ground with ``code``, or None."""
    return next((g for g in REFUSAL_GROUNDS if g.code == code), None)


def refusal_reason(code: str) -> RefusalReason | None:
    """The reason with ``code``, or None."""
    return next((r for r in REFUSAL_REASONS if r.code == code), None)
