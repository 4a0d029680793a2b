"""Pure figures over lists of durations (统计口径), identical whatever database the rows came from.

The report queries fetch the durations of a day or period (one number per ticket) and compute
every figure here, in Python, so SQLite and PostgreSQL give the same numbers to the last digit:
neither database is asked for a percentile (PostgreSQL's ``percentile_cont`` interpolates,
SQLite has none).

Definitions:

- **mean**: the arithmetic mean;
- **median**: the middle value of the sorted values, or the mean of the two middle values when
  there is an even number of them (``statistics.median``);
- **p90** (90th percentile): *nearest rank* — the value at rank ``ceil(0.9 × n)`` (1-based) of
  the sorted values, so it is always one of the observed values (n = 10: the 9th smallest;
  n = 1: the value itself);
- **max**: the largest value;
- **share within a target**: the values ``≤ target`` over all values.

Empty input gives ``None`` for every figure (a day with nobody served has no mean wait, not 0).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["DurationStats", "nearest_rank", "share", "summarize"]


def nearest_rank(sorted_values: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile (0 < p ≤ 100) by nearest rank: the value at rank
    ``ceil(p/100 × n)`` of ``sorted_values`` (ascending). ``None`` when empty."""
    if not 0 < p <= 100:
        raise ValueError("percentile must be in (0, 100]")
    n = len(sorted_values)
    if n == 0:
        return None
    rank = max(1, math.ceil(p / 100 * n - 1e-9))
    return sorted_values[rank - 1]


def share(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator`` or ``None`` when the denominator is 0."""
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class DurationStats:
    """Mean, median, 90th percentile (nearest rank) and maximum of durations, in minutes."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None
    max: float | None

    def to_json(self, digits: int = 2) -> dict[str, Any]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(v, digits)

        return {
            "count": self.count,
            "mean": r(self.mean),
            "median": r(self.median),
            "p90": r(self.p90),
            "max": r(self.max),
        }


EMPTY = DurationStats(0, None, None, None, None)


def summarize(values: Iterable[float]) -> DurationStats:
    """The :class:`DurationStats` of ``values`` (any order)."""
    data = sorted(values)
    if not data:
        return EMPTY
    return DurationStats(
        count=len(data),
        mean=math.fsum(data) / len(data),
        median=float(statistics.median(data)),
        p90=nearest_rank(data, 90),
        max=data[-1],
    )
