"""Deadlines from the calendar kept in the database."""

from __future__ import annotations

import datetime as dt

import pytest

from counter.errors import PermissionDenied
from counter.services.base import Actor, Runtime
from counter.services.calendar import deadline, set_day

D = dt.date


@pytest.fixture
def rt(hall_url: str):
    runtime = Runtime(hall_url)
    yield runtime
    runtime.dispose()


def test_national_day_week_2025(rt: Runtime) -> None:
    # 2025-10-01..08 are holidays; Sunday 09-28 and Saturday 10-11 are adjusted working days.
    assert deadline(rt, D(2025, 9, 30), 1).date == D(2025, 10, 9)
    assert deadline(rt, D(2025, 9, 26), 1).date == D(2025, 9, 28)
    assert deadline(rt, D(2025, 10, 9), 2).date == D(2025, 10, 11)
    assert deadline(rt, D(2025, 9, 29), 5).date == D(2025, 10, 13)
    assert deadline(rt, D(2025, 9, 30), 1).confirmed


def test_year_without_data_is_answered_but_unconfirmed(rt: Runtime) -> None:
    result = deadline(rt, D(2099, 1, 2), 1)
    assert result.date == D(2099, 1, 5) and not result.confirmed


def test_hall_closure_day_is_skipped_for_that_hall_only(rt: Runtime) -> None:
    admin = Actor.system(rt.hall_id())
    set_day(rt, admin, D(2025, 11, 3), is_workday=False, name="闭厅检修", hall_code="QS")
    assert deadline(rt, D(2025, 10, 31), 1, "QS").date == D(2025, 11, 4)
    assert deadline(rt, D(2025, 10, 31), 1).date == D(2025, 11, 3)


def test_administrator_enters_a_new_year(rt: Runtime) -> None:
    admin = Actor.system(rt.hall_id())
    set_day(rt, admin, D(2099, 1, 2), is_workday=False, name="元旦", confirm_year=True)
    result = deadline(rt, D(2099, 1, 1), 1)
    assert result.date == D(2099, 1, 5) and result.confirmed


def test_clerk_cannot_edit_the_national_calendar(rt: Runtime) -> None:
    clerk = Actor(hall_id=rt.hall_id(), staff_no="1001", roles=frozenset({"clerk"}))
    with pytest.raises(PermissionDenied):
        set_day(rt, clerk, D(2026, 5, 6), is_workday=False)
