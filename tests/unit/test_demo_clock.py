"""The demo's clock: which day and hour an out-of-hours ``counter demo`` shows, and the fixed
morning ``counter screenshot`` renders at."""

from __future__ import annotations

import datetime as dt

import pytest

from counter import clock
from counter.demo.clock import (
    SCREENSHOT_AT,
    demo_notice,
    demo_start,
    install_demo_clock,
    screenshot_clock,
)
from counter.domain.workdays import DictCalendar, is_working_day

CST = clock.HALL_TZ
CAL = DictCalendar.national()


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=CST)


@pytest.mark.parametrize(
    ("now", "start"),
    [
        (at(2026, 3, 10, 9, 0), None),  # Tuesday morning: the real clock
        (at(2026, 3, 10, 8, 30), None),  # the hall opens
        (at(2026, 3, 10, 15, 59), None),  # still an hour to go
        (at(2026, 3, 10, 16, 0), at(2026, 3, 10, 10)),  # less than an hour left
        (at(2026, 3, 10, 21, 0), at(2026, 3, 10, 10)),  # the evening: today, 10:00
        (at(2026, 3, 10, 23, 59), at(2026, 3, 10, 10)),
        (at(2026, 3, 10, 3, 0), at(2026, 3, 9, 10)),  # the night: the day before
        (at(2026, 3, 10, 8, 29), at(2026, 3, 9, 10)),  # before opening
        (at(2026, 3, 9, 3, 0), at(2026, 3, 6, 10)),  # Monday night → Friday
        (at(2026, 3, 8, 12, 0), at(2026, 3, 6, 10)),  # Sunday → Friday
        (at(2026, 10, 3, 10, 0), at(2026, 9, 30, 10)),  # National Day holiday → 30 September
        (at(2026, 9, 20, 10, 0), None),  # an adjusted working Sunday (调休) works
        (at(2026, 2, 20, 10, 0), at(2026, 2, 14, 10)),  # Spring Festival → the working Saturday
    ],
)
def test_demo_start(now: dt.datetime, start: dt.datetime | None) -> None:
    assert demo_start(now.astimezone(dt.UTC), CAL) == start
    if start is not None:
        assert is_working_day(start.date(), CAL)


def test_demo_start_without_calendar_data_uses_weekdays() -> None:
    empty = DictCalendar()  # no year known: Monday to Friday
    assert demo_start(at(2031, 1, 4, 10), empty) == at(2031, 1, 3, 10)  # a Saturday → Friday


def test_install_demo_clock_at_night_and_in_hours(work_clock: clock.RunningClock) -> None:
    assert install_demo_clock(CAL) is None  # 10:00 on a Tuesday: left as it is
    assert clock.current() is work_clock
    work_clock.set(at(2026, 3, 10, 21, 0))
    rc = install_demo_clock(CAL)
    assert rc is not None and clock.running_clock() is rc and rc.source == "demo"
    local = clock.local_now()
    assert local.date() == dt.date(2026, 3, 10) and dt.time(10) <= local.time() < dt.time(10, 5)
    zh, en = demo_notice(rc)
    assert "08:30–17:00" in zh and "2026-03-10（周二）10:00" in zh and "不是真实时间" in zh
    assert "08:30-17:00" in en and "not the real time" in en


def test_screenshot_clock_is_a_fixed_working_morning() -> None:
    rc = screenshot_clock()
    assert rc.started_at == SCREENSHOT_AT
    local = clock.to_local(rc())
    assert is_working_day(local.date(), CAL) and local.time() >= dt.time(10)
    assert demo_start(SCREENSHOT_AT, CAL) is None  # inside the demo hall's day
