"""The document checklist (材料清单): what the clerk records for each material of an item, and
which materials each outcome needs. Pure: no database. These rules live here only; the window
client asks them (it never re-derives them), and the services apply the same ones.

A material is *required* (必要), *optional* (非必要) or *conditional* (按情形: needed only when its
condition applies, e.g. 授权委托书 when an agent acts). The clerk marks each one *received*
(已收), *missing* (缺) or *not applicable* (不适用); a material not yet looked at is *unchecked*
(待核, only on the screen: sent to the core it counts as missing).

- **Acceptance** (受理) needs every required material received; optional and conditional ones
  may be missing or not applicable.
- **A one-time notice** (一次性告知书) lists every required material not received and every
  conditional one marked missing (the clerk decided its condition applies). An optional one is
  never demanded.
- **F8** ("all received") ticks the unchecked *required* materials as received, and marks the
  unchecked optional and conditional ones not applicable: a receipt never lists what the clerk
  did not see (授权委托书 for an applicant acting for themselves).
- **The receipt** (受理回执) lists the materials received, and only those.
- **Originals** (原件): for a material received with its original (form 原件 or 原件及复印件) the
  clerk records what became of the original: returned on the spot after checking (核验原件后当场
  退还, the default for 原件及复印件), held by the hall to be given back at hand-out (暂存，出件时
  退还), or kept for the file (留存归档, the default for 原件). At 出件 the held ones are given
  back and recorded as such (``handed_back``); the 领取回执 lists exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

__all__ = [
    "CONDITIONAL",
    "FORMS",
    "FORM_NAMES",
    "MISSING",
    "NOT_APPLICABLE",
    "OPTIONAL",
    "RECEIVED",
    "REQUIRED",
    "REQUIREMENT_NAMES",
    "STATUSES",
    "STATUS_NAMES",
    "UNCHECKED",
    "MaterialCheck",
    "ORIGINAL_CHOICES",
    "ORIGINAL_FILED",
    "ORIGINAL_HANDED_BACK",
    "ORIGINAL_HELD",
    "ORIGINAL_NAMES",
    "ORIGINAL_RETURNED",
    "next_original",
    "original_default",
    "original_recorded",
    "original_seen",
    "blocks_acceptance",
    "can_accept",
    "can_issue_notice",
    "demanded_by_notice",
    "f8_status",
    "listed_on_receipt",
    "missing_for_acceptance",
    "missing_for_notice",
    "status_sent",
]

REQUIRED, OPTIONAL, CONDITIONAL = "required", "optional", "conditional"
RECEIVED, MISSING, NOT_APPLICABLE = "received", "missing", "not_applicable"
UNCHECKED = ""  # on screen only

STATUSES = (RECEIVED, MISSING, NOT_APPLICABLE)
FORMS = ("original", "copy", "original_and_copy")
FORM_NAMES: Mapping[str, str] = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
}
REQUIREMENT_NAMES: Mapping[str, str] = {REQUIRED: "必要", OPTIONAL: "非必要", CONDITIONAL: "按情形"}
STATUS_NAMES: Mapping[str, str] = {
    RECEIVED: "已收",
    MISSING: "缺",
    NOT_APPLICABLE: "不适用",
    UNCHECKED: "待核",
}


ORIGINAL_RETURNED = "returned"  # 核验原件后当场退还
ORIGINAL_HELD = "held"  # 原件由本中心暂存，出件时退还
ORIGINAL_FILED = "filed"  # 原件留存归档（申请表、承诺书等）
ORIGINAL_HANDED_BACK = "handed_back"  # 暂存的原件已在出件时退还
ORIGINAL_CHOICES = (ORIGINAL_RETURNED, ORIGINAL_HELD, ORIGINAL_FILED)
"""What the clerk may record at acceptance for an original seen (``handed_back`` comes later)."""
ORIGINAL_NAMES: Mapping[str, str] = {
    ORIGINAL_RETURNED: "原件当场退还",
    ORIGINAL_HELD: "原件暂存，出件时退还",
    ORIGINAL_FILED: "原件留存",
    ORIGINAL_HANDED_BACK: "原件已于出件时退还",
}


@dataclass(frozen=True)
class MaterialCheck:
    """What the clerk found for one material of the item version. ``original``: what became
    of the original when one was seen (one of :data:`ORIGINAL_CHOICES`; empty: the default of
    the form, :func:`original_default`)."""

    material_id: int
    status: str  # received | missing | not_applicable
    form: str = "original"  # original | copy | original_and_copy
    copies: int = 1
    note: str = ""
    original: str = ""


def original_seen(status: str, form: str) -> bool:
    """Whether the clerk saw this material's original (received as 原件 or 原件及复印件)."""
    return status == RECEIVED and form in ("original", "original_and_copy")


def original_default(form: str) -> str:
    """What becomes of an original when the clerk says nothing: the original of 原件及复印件
    is returned on the spot (the copy is kept), a bare 原件 is kept for the file."""
    if form == "original_and_copy":
        return ORIGINAL_RETURNED
    return ORIGINAL_FILED if form == "original" else ""


def original_recorded(status: str, form: str, original: str) -> str:
    """What the core records for the original ("" when none was seen). Raises ValueError for
    a value that is not one of :data:`ORIGINAL_CHOICES`."""
    if original and original not in ORIGINAL_CHOICES:
        raise ValueError(original)
    if not original_seen(status, form):
        return ""
    return original or original_default(form)


def next_original(status: str, form: str, original: str) -> str:
    """The window's key R: returned on the spot → held → kept for the file → returned …
    ("" when no original was seen)."""
    if not original_seen(status, form):
        return ""
    now = original or original_default(form)
    i = ORIGINAL_CHOICES.index(now) if now in ORIGINAL_CHOICES else -1
    return ORIGINAL_CHOICES[(i + 1) % len(ORIGINAL_CHOICES)]


class Checked(Protocol):
    """A material as the rules see it: its requirement and the clerk's status."""

    @property
    def requirement(self) -> str: ...

    @property
    def status(self) -> str: ...


M = TypeVar("M", bound=Checked)


def status_sent(status: str) -> str:
    """The status the core records for what the screen shows (unchecked counts as missing)."""
    return status if status in STATUSES else MISSING


def blocks_acceptance(requirement: str, status: str) -> bool:
    """Whether this material keeps the case from being accepted (a required one not received)."""
    return requirement == REQUIRED and status_sent(status) != RECEIVED


def demanded_by_notice(requirement: str, status: str) -> bool:
    """Whether a one-time notice demands this material."""
    sent = status_sent(status)
    if requirement == REQUIRED:
        return sent != RECEIVED
    return requirement == CONDITIONAL and status == MISSING


def listed_on_receipt(status: str) -> bool:
    return status == RECEIVED


def f8_status(requirement: str, status: str) -> str:
    """The status F8 ("all received") gives a material: unchecked required → received,
    unchecked optional / conditional → not applicable; what the clerk set stays."""
    if status != UNCHECKED:
        return status
    return RECEIVED if requirement == REQUIRED else NOT_APPLICABLE


def can_accept(materials: Iterable[Checked]) -> bool:
    return not any(blocks_acceptance(m.requirement, m.status) for m in materials)


def can_issue_notice(materials: Iterable[Checked]) -> bool:
    return any(demanded_by_notice(m.requirement, m.status) for m in materials)


def missing_for_acceptance(materials: Iterable[M]) -> list[M]:
    return [m for m in materials if blocks_acceptance(m.requirement, m.status)]


def missing_for_notice(materials: Iterable[M]) -> list[M]:
    return [m for m in materials if demanded_by_notice(m.requirement, m.status)]
