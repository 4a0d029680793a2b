"""What a seal says and the 落款 that goes with it (pure).

A seal's name is the organisation along its rim and, for a special-purpose seal (专用章), the
purpose across under the star: ``青山镇人民政府行政审批专用章`` is 青山镇人民政府 / 行政审批专用章.
A document's 落款 (the issuing body over the date) names the same organisation as the seal
stamped over it, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["SEAL_PURPOSES", "signoff_of", "split_seal_name"]

SEAL_PURPOSES = ("行政审批专用章", "受理专用章", "业务专用章", "审批专用章", "专用章")
"""Purposes a seal carries across (longest first)."""

_ORGS = ("人民政府", "委员会", "办公室", "政府", "中心", "局")


def split_seal_name(name: str) -> tuple[str, str]:
    """(text around the rim, text across under the star) of a seal name: a special-purpose
    seal (专用章) carries its purpose across (``青山镇人民政府`` / ``行政审批专用章``); any other
    seal has its whole name on the rim."""
    for purpose in SEAL_PURPOSES:
        if name.endswith(purpose) and len(name) > len(purpose):
            rim = name[: -len(purpose)]
            if purpose == "专用章":  # 青山镇人民政府财务专用章: the purpose starts after the body
                for org in _ORGS:
                    i = rim.rfind(org)
                    if i >= 0 and i + len(org) < len(rim):
                        return rim[: i + len(org)], name[i + len(org) :]
            return rim, purpose
    return name, ""


def signoff_of(seal_name: str, hall_name: str, settings: Mapping[str, Any] | None = None) -> str:
    """The 落款 of a document stamped with ``seal_name`` (empty: not sealed).

    A sealed document is signed off by the organisation the seal names, whatever else is
    configured (a 落款 that disagrees with its seal is not a valid voucher); an unsealed one by
    the hall setting ``signoff``, else the hall's name."""
    if seal_name:
        rim, _purpose = split_seal_name(seal_name)
        if rim:
            return rim
    explicit = str((settings or {}).get("signoff") or "").strip()
    return explicit or hall_name
