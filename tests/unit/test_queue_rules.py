"""The queue engine's pure rules: place in line, re-queue position, weights, estimates, hours."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from counter.domain.queue import (
    GREEN_CHANNEL_LEAD_US,
    average_service_minutes,
    estimate_wait_minutes,
    initial_sort_key,
    requeue_sort_key,
    time_key,
    weighted_rank,
    within_hours,
)

T0 = dt.datetime(2025, 3, 10, 1, 0, tzinfo=dt.UTC)


def test_time_key_is_microseconds_and_zone_independent() -> None:
    assert time_key(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) == 0
    later = T0 + dt.timedelta(microseconds=1)
    assert time_key(later) - time_key(T0) == 1
    shanghai = T0.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert time_key(shanghai) == time_key(T0)


def test_green_channel_goes_before_every_ordinary_ticket_of_the_day() -> None:
    ordinary_early = initial_sort_key(T0, False)
    green_late = initial_sort_key(T0 + dt.timedelta(hours=12), True)
    assert green_late < ordinary_early
    assert initial_sort_key(T0, True) < initial_sort_key(T0 + dt.timedelta(seconds=1), True)
    assert GREEN_CHANNEL_LEAD_US > 24 * 3600 * 1_000_000


def test_requeue_after_k() -> None:
    keys = [10, 20, 30, 40, 50]
    assert requeue_sort_key(keys, 3, 999) == 35  # between the 3rd and the 4th
    assert requeue_sort_key(keys, 0, 999) == 9  # the front
    assert requeue_sort_key(keys[:2], 3, 999) == 999  # fewer than K: the back
    assert requeue_sort_key(keys[:2], 3, 5) == 21  # the back, even if the clock lags
    assert requeue_sort_key([], 3, 77) == 77
    assert requeue_sort_key([10, 11, 12], 1, 99) == 11  # no gap: ties broken by id


@settings(max_examples=200)
@given(
    st.lists(st.integers(0, 10**15), min_size=0, max_size=20, unique=True).map(sorted),
    st.integers(0, 25),
)
def test_requeued_ticket_lands_after_k_when_there_is_room(keys: list[int], k: int) -> None:
    end = (keys[-1] + 10) if keys else 0
    key = requeue_sort_key(keys, k, end)
    ahead = sum(1 for x in keys if x < key)
    if k >= len(keys):
        assert ahead == len(keys)
    elif k == 0:
        assert ahead == 0
    elif keys[k] - keys[k - 1] >= 2:
        assert ahead == k and key not in keys


def test_weight_is_a_head_start_in_minutes_for_ordinary_tickets_only() -> None:
    key = time_key(T0)
    assert weighted_rank(2, key, 3, 5) == (2, key - 10 * 60_000_000)
    assert weighted_rank(2, key, 1, 5) == (2, key)
    assert weighted_rank(0, key, 3, 5) == (0, key)  # an appointment's turn is its slot
    a_later = weighted_rank(2, time_key(T0 + dt.timedelta(minutes=9)), 3, 5)
    d_now = weighted_rank(2, key, 1, 5)
    assert a_later < d_now  # A (weight 3) issued 9 min later still comes first
    a_much_later = weighted_rank(2, time_key(T0 + dt.timedelta(minutes=11)), 3, 5)
    assert d_now < a_much_later  # ... but not 11 min later: no starvation
    assert weighted_rank(0, key + 10**12, 1, 5) < weighted_rank(1, key, 1, 5)


def test_estimated_wait() -> None:
    assert estimate_wait_minutes(0, 3, 8) == 0
    assert estimate_wait_minutes(28, 14, 8) == 16
    assert estimate_wait_minutes(1, 14, 8) == 1  # never "0 minutes" with someone ahead
    assert estimate_wait_minutes(5, 0, 4) == 20  # no window open yet: counted as one


def test_average_service_minutes_is_clamped_and_defaults() -> None:
    pairs = [(T0, T0 + dt.timedelta(minutes=4)), (T0, T0 + dt.timedelta(minutes=6))]
    assert average_service_minutes(pairs, 8) == 5
    assert average_service_minutes([], 8) == 8
    forgotten = [(T0, T0 + dt.timedelta(hours=9))]
    assert average_service_minutes(forgotten, 8) == 120


def test_opening_hours() -> None:
    opens, closes = dt.time(8, 30), dt.time(17, 0)
    assert within_hours(dt.time(8, 30), opens, closes)
    assert not within_hours(dt.time(8, 29, 59), opens, closes)
    assert not within_hours(dt.time(17, 0), opens, closes)
    assert within_hours(dt.time(3, 0), None, None)
    assert within_hours(dt.time(23, 0), opens, None)
