"""Working-day arithmetic over the national calendar and a hall's closure days."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.workdays import (
    Deadline,
    DictCalendar,
    add_working_days,
    chinesecalendar_years,
    is_working_day,
    national_calendar_data,
    weekday_rule,
    working_days_between,
)
from counter.errors import ConfigError, InvalidInput

D = dt.date
NATIONAL = DictCalendar.national()


# ---- the package data the tests rely on ------------------------------------------------------


def test_package_data_for_2025_national_day() -> None:
    holidays, workdays, known = national_calendar_data([2025])
    assert known == {2025}
    for day in range(1, 9):
        assert D(2025, 10, day) in holidays
    assert holidays[D(2025, 10, 1)] == "国庆节"
    assert holidays[D(2025, 10, 6)] == "中秋"
    assert D(2025, 9, 28).weekday() == 6 and workdays[D(2025, 9, 28)] == "国庆节"
    assert D(2025, 10, 11).weekday() == 5 and D(2025, 10, 11) in workdays
    assert all(d.year == 2025 for d in [*holidays, *workdays])


def test_package_years() -> None:
    years = chinesecalendar_years()
    assert {2004, 2025} <= years
    assert 2099 not in years
    assert years == set(range(min(years), max(years) + 1))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(max(years) + 1, 1, 5))
    # unknown years are left out, not raised
    assert national_calendar_data([2099])[2] == set()


# ---- day kinds -------------------------------------------------------------------------------


def test_day_kind_precedence() -> None:
    cal = DictCalendar(
        {D(2025, 10, 1): False, D(2025, 9, 28): True, D(2099, 1, 1): False},
        known_years={2025},
        closures={D(2025, 9, 29), D(2099, 1, 2)},
    )
    assert cal.day_kind(D(2025, 10, 1)) is False  # holiday
    assert cal.day_kind(D(2025, 9, 28)) is True  # adjusted working Sunday
    assert cal.day_kind(D(2025, 9, 29)) is False  # hall closure on a Monday
    assert cal.day_kind(D(2025, 9, 30)) is True  # weekday rule, known year
    assert cal.day_kind(D(2025, 9, 27)) is False  # Saturday, known year
    assert cal.day_kind(D(2099, 1, 5)) is None  # unknown year
    assert cal.day_kind(D(2099, 1, 1)) is False  # explicit data wins
    assert cal.day_kind(D(2099, 1, 2)) is False  # so does a closure
    assert is_working_day(D(2099, 1, 5), cal)  # Monday, weekday rule
    assert not is_working_day(D(2099, 1, 4), cal)  # Sunday


def test_from_national_data_refuses_contradictions() -> None:
    with pytest.raises(ValueError):
        DictCalendar.from_national_data([D(2025, 1, 1)], [D(2025, 1, 1)], {2025})


# ---- deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # National Day and Mid-autumn 2025: 10-01..10-08 off, Sun 09-28 and Sat 10-11 worked
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # Friday + 1 = adjusted working Sunday
        (D(2025, 9, 27), 1, D(2025, 9, 28)),  # accepted on a Saturday (village agent)
        (D(2025, 9, 28), 2, D(2025, 9, 30)),
        (D(2025, 9, 29), 2, D(2025, 10, 9)),
        (D(2025, 10, 9), 2, D(2025, 10, 11)),  # adjusted working Saturday
        (D(2025, 10, 9), 3, D(2025, 10, 13)),
        (D(2025, 9, 30), 5, D(2025, 10, 14)),
        # Spring Festival 2025: 01-28..02-04 off, Sun 01-26 and Sat 02-08 worked
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 26), 1, D(2025, 1, 27)),
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 2, 7), 1, D(2025, 2, 8)),
        (D(2025, 2, 8), 1, D(2025, 2, 10)),
        # the default statutory limit: 20 working days
        (D(2025, 9, 22), 20, D(2025, 10, 24)),
        # n = 0: the same day, whatever its kind
        (D(2025, 10, 1), 0, D(2025, 10, 1)),
    ],
)
def test_add_working_days_2025(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(start, n, NATIONAL) == Deadline(expected, True)


def test_between_2025() -> None:
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9), NATIONAL) == 1
    assert working_days_between(D(2025, 9, 26), D(2025, 10, 12), NATIONAL) == 6
    assert working_days_between(D(2025, 10, 12), D(2025, 9, 26), NATIONAL) == -6
    assert working_days_between(D(2025, 10, 3), D(2025, 10, 3), NATIONAL) == 0
    assert working_days_between(D(2025, 10, 1), D(2025, 10, 8), NATIONAL) == 0


def test_unknown_year_uses_weekend_rule_unconfirmed() -> None:
    # 2099-12-31 is a Thursday.
    assert add_working_days(D(2099, 12, 31), 1, NATIONAL) == Deadline(D(2100, 1, 1), False)
    assert add_working_days(D(2099, 1, 2), 1, NATIONAL) == Deadline(D(2099, 1, 5), False)
    assert add_working_days(D(2099, 1, 2), 0, NATIONAL) == Deadline(D(2099, 1, 2), True)


def test_crossing_into_an_unknown_year_is_unconfirmed() -> None:
    cal = DictCalendar.national(years=[2025])
    # 2025-12-30 (Tue) + 1 stays in 2025: confirmed
    assert add_working_days(D(2025, 12, 30), 1, cal) == Deadline(D(2025, 12, 31), True)
    # + 3 reaches 2026, which this calendar does not know (even though the package does)
    result = add_working_days(D(2025, 12, 30), 3, cal)
    assert result == Deadline(D(2026, 1, 2), False)


def test_hall_closure_days_are_skipped() -> None:
    closures = {D(2025, 10, 9), D(2025, 10, 10)}  # e.g. the hall is moving
    cal = DictCalendar.national(years=[2025], closures=closures)
    assert add_working_days(D(2025, 9, 30), 1, cal) == Deadline(D(2025, 10, 11), True)
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 11), cal) == 1
    assert not is_working_day(D(2025, 10, 9), cal)


def test_negative_n_is_refused() -> None:
    with pytest.raises(InvalidInput):
        add_working_days(D(2025, 1, 1), -1, NATIONAL)


def test_calendar_without_working_days_is_a_config_error() -> None:
    cal = DictCalendar(
        {}, known_years={2025}, closures={D(2025, 1, 1) + dt.timedelta(i) for i in range(400)}
    )
    with pytest.raises(ConfigError):
        add_working_days(D(2024, 12, 31), 1, cal)


# ---- properties ------------------------------------------------------------------------------

years = sorted(chinesecalendar_years())
starts = st.dates(D(years[0], 1, 1), D(years[-1], 9, 30))


@given(starts, st.integers(1, 60))
def test_matches_the_package(start: dt.date, n: int) -> None:
    result = add_working_days(start, n, NATIONAL)
    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        left -= chinese_calendar.is_workday(day)
    assert result == Deadline(day, True)


@given(st.dates(D(2000, 1, 1), D(2100, 12, 31)), st.integers(0, 40))
def test_add_and_between_agree(start: dt.date, n: int) -> None:
    result = add_working_days(start, n, NATIONAL)
    assert working_days_between(start, result.date, NATIONAL) == n
    if n:
        assert is_working_day(result.date, NATIONAL)
        # the day before the result still had n - 1 working days
        before = result.date - dt.timedelta(days=1)
        assert working_days_between(start, before, NATIONAL) == n - 1


@given(st.dates(D(2090, 1, 1), D(2095, 1, 1)), st.integers(1, 30))
def test_empty_calendar_is_the_weekday_rule(start: dt.date, n: int) -> None:
    cal = DictCalendar()
    result = add_working_days(start, n, cal)
    assert not result.confirmed
    assert weekday_rule(result.date)
    assert working_days_between(start, result.date, cal) == n
