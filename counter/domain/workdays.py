"""Working-day arithmetic (工作日计算) for statutory and promised time limits.

Time limits count working days: weekends, statutory holidays and a hall's own closure days are
skipped, and adjusted working Saturdays and Sundays (调休) count. The calendar is
data, seen through :class:`CalendarView`; the database keeps it (seeded by
:func:`national_calendar_data` from the ``chinesecalendar`` package, editable by an administrator)
and a service builds a :class:`DictCalendar` from it. Nothing here does I/O.

When a day falls in a year the calendar knows nothing about (``day_kind`` returns None), the
weekday rule is used for it (Monday to Friday work) and the resulting :class:`Deadline` is marked
``confirmed=False``: the screen should say the date is provisional until the year is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from counter.errors import ConfigError, InvalidInput

__all__ = [
    "MAX_CONSECUTIVE_REST_DAYS",
    "CalendarView",
    "Deadline",
    "DictCalendar",
    "add_working_days",
    "chinesecalendar_years",
    "is_working_day",
    "national_calendar_data",
    "weekday_rule",
    "working_days_between",
]

# No real calendar has this many rest days in a row; more means the data are wrong.
MAX_CONSECUTIVE_REST_DAYS = 366

_ONE_DAY = dt.timedelta(days=1)


class CalendarView(Protocol):
    """What working-day arithmetic needs to know about a calendar."""

    def day_kind(self, day: dt.date) -> bool | None:
        """True for a working day, False for a rest day, None when there is no data for
        ``day``'s year (callers then use :func:`weekday_rule` and mark results unconfirmed)."""
        ...


def weekday_rule(day: dt.date) -> bool:
    """The fallback rule: Monday to Friday are working days."""
    return day.weekday() < 5


class DictCalendar:
    """A :class:`CalendarView` over explicit data.

    ``day_kind(day)``, in order of precedence:

    1. ``False`` if ``day`` is one of ``closures`` (the hall's own closure days), whatever the
       year;
    2. the value in ``days`` if listed there (False: statutory holiday; True: adjusted working
       day), whatever the year;
    3. :func:`weekday_rule` if ``day.year`` is in ``known_years``;
    4. ``None`` otherwise (no data for that year).
    """

    def __init__(
        self,
        days: Mapping[dt.date, bool] | None = None,
        known_years: Iterable[int] = (),
        closures: Iterable[dt.date] = (),
    ) -> None:
        self._days: dict[dt.date, bool] = {d: bool(v) for d, v in (days or {}).items()}
        self._known_years: frozenset[int] = frozenset(known_years)
        self._closures: frozenset[dt.date] = frozenset(closures)

    @classmethod
    def from_national_data(
        cls,
        holidays: Iterable[dt.date],
        workdays: Iterable[dt.date],
        known_years: Iterable[int],
        closures: Iterable[dt.date] = (),
    ) -> DictCalendar:
        """Build from holidays (rest) and adjusted working days, as returned by
        :func:`national_calendar_data` (the dicts' keys). Raises ``ValueError`` if a day is in
        both."""
        rest = set(holidays)
        work = set(workdays)
        both = rest & work
        if both:
            raise ValueError(f"days both holiday and working day: {sorted(both)}")
        days = {d: False for d in rest} | {d: True for d in work}
        return cls(days, known_years, closures)

    @classmethod
    def national(
        cls, years: Iterable[int] | None = None, closures: Iterable[dt.date] = ()
    ) -> DictCalendar:
        """The national calendar from the ``chinesecalendar`` package (for tests and seeding;
        the running application reads the calendar from the database)."""
        holidays, workdays, known = national_calendar_data(years)
        return cls.from_national_data(holidays, workdays, known, closures)

    @property
    def known_years(self) -> frozenset[int]:
        return self._known_years

    @property
    def closures(self) -> frozenset[dt.date]:
        return self._closures

    def day_kind(self, day: dt.date) -> bool | None:
        if day in self._closures:
            return False
        kind = self._days.get(day)
        if kind is not None:
            return kind
        if day.year in self._known_years:
            return weekday_rule(day)
        return None


@dataclass(frozen=True)
class Deadline:
    """A computed deadline (期限).

    ``confirmed`` is False when any day examined to compute it (from the day after the start up
    to and including ``date``) fell in a year without calendar data, for which the weekday rule
    was used.
    """

    date: dt.date
    confirmed: bool


def _kind(day: dt.date, cal: CalendarView) -> tuple[bool, bool]:
    """(is working day, known) for ``day``."""
    kind = cal.day_kind(day)
    if kind is None:
        return weekday_rule(day), False
    return kind, True


def is_working_day(day: dt.date, cal: CalendarView) -> bool:
    """True when ``day`` is a working day (the weekday rule if the calendar has no data)."""
    return _kind(day, cal)[0]


def add_working_days(start: dt.date, n: int, cal: CalendarView) -> Deadline:
    """The date ``n`` working days after ``start``.

    The day of acceptance (``start``) does not count, whatever its kind: accepted on a Friday
    with ``n=1`` gives the next working day. ``n=0`` gives ``start`` itself, confirmed (即办件:
    the same day). For ``n >= 1`` the result is always a working day and
    ``working_days_between(start, result.date, cal) == n``.

    Raises :class:`counter.errors.InvalidInput` if ``n`` is negative, and
    :class:`counter.errors.ConfigError` if the calendar has more than
    :data:`MAX_CONSECUTIVE_REST_DAYS` rest days in a row (wrong data).
    """
    if n < 0:
        raise InvalidInput(field="工作日数（n）不能为负数")
    day = start
    remaining = n
    confirmed = True
    rest_run = 0
    while remaining > 0:
        day += _ONE_DAY
        working, known = _kind(day, cal)
        confirmed = confirmed and known
        if working:
            remaining -= 1
            rest_run = 0
        else:
            rest_run += 1
            if rest_run > MAX_CONSECUTIVE_REST_DAYS:
                raise ConfigError(what=f"工作日历自{day - rest_run * _ONE_DAY}起没有工作日")
    return Deadline(day, confirmed)


def working_days_between(a: dt.date, b: dt.date, cal: CalendarView) -> int:
    """Working days after ``a`` up to and including ``b``; ``-working_days_between(b, a)`` when
    ``b < a``; 0 when equal. E.g. the working days left until a deadline, or how many working
    days it is overdue."""
    if b < a:
        return -working_days_between(b, a, cal)
    count = 0
    day = a
    while day < b:
        day += _ONE_DAY
        if is_working_day(day, cal):
            count += 1
    return count


# --------------------------------------------------------------------------------------------
# National data from the chinesecalendar package
# --------------------------------------------------------------------------------------------


def chinesecalendar_years() -> set[int]:
    """The years the installed ``chinesecalendar`` package has data for (it raises
    ``NotImplementedError`` for any other year). Version 1.11.0 covers 2004 to 2026; a new
    version comes out each November with the next year."""
    import chinese_calendar

    holidays: Mapping[dt.date, object] = chinese_calendar.holidays
    years = [d.year for d in holidays]
    return set(range(min(years), max(years) + 1))


def _holiday_name(value: object) -> str:
    """Chinese name (春节, 国庆节 …) of a ``chinese_calendar`` holiday value, else its text."""
    import chinese_calendar

    try:
        holiday = chinese_calendar.Holiday(value)
    except ValueError:
        return str(value)
    chinese = getattr(holiday, "chinese", None)
    return chinese if isinstance(chinese, str) else str(value)


def national_calendar_data(
    years: Iterable[int] | None = None,
) -> tuple[dict[dt.date, str], dict[dt.date, str], set[int]]:
    """National holidays and adjusted working days from the ``chinesecalendar`` package.

    Returns ``(holidays, workdays, known_years)``: holidays (rest days, weekend days of a holiday
    included) and adjusted working days (调休), each mapping the date to the Chinese name of the
    holiday it belongs to (``国庆节``), for the requested ``years`` (all the package knows when
    None). Requested years the package does not cover are left out of ``known_years`` instead of
    raising.
    """
    import chinese_calendar

    available = chinesecalendar_years()
    wanted = available if years is None else set(years) & available
    source_holidays: Mapping[dt.date, object] = chinese_calendar.holidays
    source_workdays: Mapping[dt.date, object] = chinese_calendar.workdays
    holidays = {d: _holiday_name(v) for d, v in source_holidays.items() if d.year in wanted}
    workdays = {d: _holiday_name(v) for d, v in source_workdays.items() if d.year in wanted}
    return holidays, workdays, set(wanted)
