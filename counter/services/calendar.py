"""The working-day calendar kept in the database (工作日历).

National data is seeded from the ``chinesecalendar`` package for the years it knows; an
administrator can add or change days (a new year's holidays before the package knows them) and a
hall can add its own closure days. Deadlines computed over a year with no data are still
answered, with ``confirmed`` False so the UI can warn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.domain.workdays import (
    Deadline,
    add_working_days,
    chinesecalendar_years,
    national_calendar_data,
)
from counter.errors import Bi, InvalidInput
from counter.services.base import ADMIN, MANAGER, Actor, Runtime, audit, require_role
from db.models import CalendarDay, CalendarYear, Hall

NATIONAL = "national"


@dataclass
class DbCalendar:
    """A snapshot of the calendar for one hall; implements ``CalendarView``."""

    explicit: dict[dt.date, bool]
    closures: set[dt.date]
    known_years: set[int]

    def day_kind(self, day: dt.date) -> bool | None:
        if day in self.closures:
            return False
        if day in self.explicit:
            return self.explicit[day]
        if day.year not in self.known_years:
            return None
        return day.weekday() < 5


def load_calendar(s: Session, hall_code: str | None = None) -> DbCalendar:
    """Read the calendar (national days, the hall's closures, known years) in the caller's
    transaction."""
    explicit: dict[dt.date, bool] = {}
    closures: set[dt.date] = set()
    scopes = [NATIONAL] + ([hall_code] if hall_code else [])
    for row in s.scalars(select(CalendarDay).where(CalendarDay.scope.in_(scopes))):
        if row.scope == NATIONAL:
            explicit[row.day] = row.is_workday
        elif not row.is_workday:
            closures.add(row.day)
        else:
            explicit[row.day] = True
    years = set(s.scalars(select(CalendarYear.year)))
    return DbCalendar(explicit, closures, years)


def hall_calendar(s: Session, hall_id: int) -> DbCalendar:
    """The working-day calendar of ``hall_id``, read once per unit of work (a unit that edits
    the calendar reads it through :func:`load_calendar` after its changes)."""
    memo: dict[int, DbCalendar] = s.info.setdefault("calendars", {})
    if hall_id not in memo:
        hall = s.get(Hall, hall_id)
        memo[hall_id] = load_calendar(s, hall.code if hall else None)
    return memo[hall_id]


def seed_national_calendar(rt: Runtime, years: set[int] | None = None) -> int:
    """Load the national holidays and adjusted working days for ``years`` (default: every year
    the package knows) unless already loaded. Returns the number of years added."""
    years = years or chinesecalendar_years()
    with rt.unit() as s:
        have = set(s.scalars(select(CalendarYear.year)))
        todo = sorted(years - have)
        if not todo:
            return 0
        holidays, workdays, known = national_calendar_data(set(todo))
        existing = set(s.scalars(select(CalendarDay.day).where(CalendarDay.scope == NATIONAL)))
        for day, name in holidays.items():
            if day not in existing and day.year in known:
                s.add(
                    CalendarDay(
                        day=day,
                        scope=NATIONAL,
                        is_workday=False,
                        name=name,
                        source="chinesecalendar",
                    )
                )
        for day, name in workdays.items():
            if day not in existing and day.year in known:
                s.add(
                    CalendarDay(
                        day=day,
                        scope=NATIONAL,
                        is_workday=True,
                        name=name,
                        source="chinesecalendar",
                    )
                )
        now = clock.now()
        for year in sorted(known):
            s.add(CalendarYear(year=year, source="chinesecalendar", loaded_at=now))
        return len(known)


def set_day(
    rt: Runtime,
    actor: Actor,
    day: dt.date,
    *,
    is_workday: bool,
    name: str = "",
    hall_code: str | None = None,
    confirm_year: bool = False,
) -> None:
    """Set a national day (administrator) or a hall's closure / extra working day (manager).

    ``confirm_year`` marks the year as known (after entering its holidays by hand)."""
    require_role(rt, actor, ADMIN) if hall_code is None else require_role(rt, actor, ADMIN, MANAGER)
    if len(name) > 60:
        raise InvalidInput(Bi("名称最多60字", "at most 60 characters"), field="name")
    scope = hall_code or NATIONAL
    with rt.unit() as s:
        row = s.scalars(
            select(CalendarDay).where(CalendarDay.day == day, CalendarDay.scope == scope)
        ).first()
        if row is None:
            s.add(
                CalendarDay(day=day, scope=scope, is_workday=is_workday, name=name, source="admin")
            )
        else:
            row.is_workday, row.name, row.source = is_workday, name, "admin"
        if confirm_year and s.get(CalendarYear, day.year) is None:
            s.add(CalendarYear(year=day.year, source="admin", loaded_at=clock.now()))
        audit(
            s,
            actor,
            "calendar_set",
            f"{scope} {day.isoformat()}",
            host=rt.host,
            is_workday=is_workday,
            name=name,
        )
        emit(s, Change("calendar.changed", actor.hall_id, {"day": day.isoformat(), "scope": scope}))


def remove_day(rt: Runtime, actor: Actor, day: dt.date, *, hall_code: str | None = None) -> None:
    require_role(rt, actor, ADMIN) if hall_code is None else require_role(rt, actor, ADMIN, MANAGER)
    scope = hall_code or NATIONAL
    with rt.unit() as s:
        row = s.scalars(
            select(CalendarDay).where(CalendarDay.day == day, CalendarDay.scope == scope)
        ).first()
        if row is not None:
            s.delete(row)
            audit(s, actor, "calendar_remove", f"{scope} {day.isoformat()}", host=rt.host)
            emit(
                s,
                Change("calendar.changed", actor.hall_id, {"day": day.isoformat(), "scope": scope}),
            )


def deadline(
    rt: Runtime, start: dt.date, working_days: int, hall_code: str | None = None
) -> Deadline:
    """The date ``working_days`` working days after ``start`` in the hall's calendar."""
    with rt.unit() as s:
        cal = load_calendar(s, hall_code)
    return add_working_days(start, working_days, cal)
