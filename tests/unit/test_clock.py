"""The clock: the running clock every test starts on, ``set_clock`` / ``using``, and
``COUNTER_CLOCK``."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from counter import clock
from counter.domain.workdays import DictCalendar, is_working_day
from tests.conftest import TEST_CLOCK_AT

CST = clock.HALL_TZ
CAL = DictCalendar.national()


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=CST)


def test_every_test_starts_on_a_working_morning(work_clock: clock.RunningClock) -> None:
    assert clock.running_clock() is work_clock
    local = clock.local_now()
    assert TEST_CLOCK_AT <= local < TEST_CLOCK_AT + dt.timedelta(minutes=5)
    assert local.date().weekday() == 1 and is_working_day(local.date(), CAL)
    assert dt.time(8, 30) <= local.time() < dt.time(17, 0)
    assert clock.today() == dt.date(2026, 3, 10)


def test_running_clock_runs_with_real_durations_and_keeps_order() -> None:
    rc = clock.RunningClock(at(2026, 3, 10, 23, 59))
    first = rc()
    time.sleep(0.02)
    second = rc()
    assert dt.timedelta(milliseconds=15) <= second - first < dt.timedelta(seconds=5)
    assert first.tzinfo is dt.UTC
    readings = [rc() for _ in range(1000)]
    assert readings == sorted(readings)


def test_running_clock_set_and_advance_cross_midnight() -> None:
    rc = clock.RunningClock(at(2026, 3, 10, 23, 50))
    with clock.using(rc):
        assert clock.today() == dt.date(2026, 3, 10)
        rc.advance(minutes=15)
        assert clock.today() == dt.date(2026, 3, 11)
        assert clock.local_now().time() >= dt.time(0, 5)
        rc.set(at(2026, 3, 12, 3, 0))
        assert clock.local_now().replace(microsecond=0, second=0) == at(2026, 3, 12, 3, 0)


def test_running_clock_readings_from_threads_see_a_whole_base() -> None:
    rc = clock.RunningClock(at(2026, 3, 10, 10))
    stop = threading.Event()
    seen: list[dt.datetime] = []

    def read() -> None:
        while not stop.is_set():
            seen.append(rc())

    t = threading.Thread(target=read)
    t.start()
    for day in range(11, 21):
        rc.set(at(2026, 3, day, 10))
    stop.set()
    t.join()
    # every reading is within a few seconds after one of the instants set, never in between
    bases = [at(2026, 3, d, 10) for d in range(10, 21)]
    for r in seen:
        assert any(b <= r < b + dt.timedelta(seconds=30) for b in bases), r


def test_using_puts_the_previous_clock_back(work_clock: clock.RunningClock) -> None:
    frozen = at(2025, 1, 1, 3)
    with clock.using(lambda: frozen):
        assert clock.now() == frozen
        assert clock.running_clock() is None
    assert clock.current() is work_clock


def test_set_clock_none_is_the_wall_clock() -> None:
    clock.set_clock(None)
    assert clock.current() is clock.wall_clock
    assert abs(clock.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24T10:00:00+08:00", at(2026, 11, 24, 10)),
        ("2026-11-24T02:00:00Z", at(2026, 11, 24, 10)),
        ("2026-11-24 10:00", at(2026, 11, 24, 10)),  # no offset: hall time
        ("  2026-11-24T23:59  ", at(2026, 11, 24, 23, 59)),
    ],
)
def test_parse_instant(text: str, expected: dt.datetime) -> None:
    parsed = clock.parse_instant(text)
    assert parsed == expected and parsed.tzinfo is dt.UTC


@pytest.mark.parametrize("text", ["tomorrow", "10:00", "2026-13-01T10:00", "2026-11-24T25:00"])
def test_bad_clock_setting_is_a_clear_error(text: str) -> None:
    with pytest.raises(clock.BadClockSetting) as err:
        clock.parse_instant(text)
    assert "COUNTER_CLOCK" in err.value.message_zh and text in err.value.message_zh
    assert "2026-03-10T10:00:00+08:00" in err.value.message_en


def test_install_from_env() -> None:
    assert clock.install_from_env({}) is None
    assert clock.install_from_env({"COUNTER_CLOCK": " "}) is None
    rc = clock.install_from_env({"COUNTER_CLOCK": "2026-11-24T03:00:00+08:00"})
    assert rc is not None and clock.running_clock() is rc
    assert clock.local_now().date() == dt.date(2026, 11, 24)
    assert clock.local_now().time() < dt.time(3, 5)
    zh, en = clock.describe(rc)
    assert "2026-11-24（周二）03:00" in zh and "COUNTER_CLOCK" in zh and "不是真实时间" in zh
    assert "Tue 2026-11-24 03:00" in en and "COUNTER_CLOCK" in en
