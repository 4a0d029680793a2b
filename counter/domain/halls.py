"""Which hall's cases a person may see and act on (halls kept apart).

A town hall (便民服务中心, ``kind`` center) may have village service points (村便民服务点, ``kind``
village, ``parent_id`` = the town). A village point runs the same window client: its clerks
accept cases there (the case belongs to the point), and usually it has no back office of its
own — the town's reviewers examine and decide its cases, and the town's seal keeper stamps them
with the town's 行政审批专用章. The village point's setting ``backoffice`` says so:

- ``"town"`` (default): the town's back office examines and decides the point's cases; the
  town's windows may also hand them out (一窗出件 anywhere in the town);
- ``"own"``: the point examines its own cases; the town does not see them.

Staff of a village point act on their own point's cases only. Pure rules, no I/O: the services
load the halls and ask :func:`case_scope`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["BACKOFFICE_MODES", "HallRef", "case_scope", "deciding_hall"]

BACKOFFICE_MODES = ("town", "own")


@dataclass(frozen=True)
class HallRef:
    """What the scope rule needs to know of a hall."""

    id: int
    parent_id: int | None
    kind: str
    settings: Mapping[str, Any]

    @property
    def backoffice(self) -> str:
        """``town`` or ``own`` (only meaningful for a village point)."""
        value = str(self.settings.get("backoffice") or "town")
        return value if value in BACKOFFICE_MODES else "town"

    @property
    def served_by_town(self) -> bool:
        return self.parent_id is not None and self.backoffice == "town"


def case_scope(actor_hall: int, halls: Iterable[HallRef]) -> frozenset[int]:
    """The halls whose cases staff of ``actor_hall`` may read and act on: their own hall, and
    for a town hall the village points its back office serves (``backoffice`` ``town``)."""
    out = {actor_hall}
    for h in halls:
        if h.parent_id == actor_hall and h.served_by_town:
            out.add(h.id)
    return frozenset(out)


def deciding_hall(case_hall: HallRef) -> int:
    """The hall whose back office decides and whose seal stamps a case of ``case_hall``: the
    town for a village point it serves, else the case's own hall."""
    if case_hall.served_by_town:
        assert case_hall.parent_id is not None
        return case_hall.parent_id
    return case_hall.id
