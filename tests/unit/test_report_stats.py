"""Percentile and summary definitions of the reports (no database)."""

from __future__ import annotations

import pytest

from counter.reports.stats import nearest_rank, share, summarize


def test_nearest_rank_is_an_observed_value() -> None:
    data = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    assert nearest_rank(data, 90) == 9.0  # rank ceil(9.0) = 9
    assert nearest_rank(data[:5], 90) == 5.0  # rank ceil(4.5) = 5
    assert nearest_rank([7.0], 90) == 7.0
    assert nearest_rank([], 90) is None
    assert nearest_rank(data, 100) == 10.0
    with pytest.raises(ValueError):
        nearest_rank(data, 0)


def test_summary_of_odd_and_even_counts() -> None:
    s = summarize([30, 2, 10, 20, 5])
    assert (s.count, s.mean, s.median, s.p90, s.max) == (5, 13.4, 10, 30, 30)
    e = summarize([1, 2, 3, 4])
    assert e.median == 2.5 and e.p90 == 4 and e.mean == 2.5
    empty = summarize([])
    assert empty.count == 0 and empty.mean is None and empty.to_json()["p90"] is None


def test_share() -> None:
    assert share(1, 4) == 0.25
    assert share(0, 0) is None
