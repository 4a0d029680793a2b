"""The one place the core reads the time, so tests and demos can move it.

All stored times are timezone-aware UTC; the hall's local date (for daily ticket numbers and
working-day deadlines) is taken in the hall's time zone, Asia/Shanghai by default.

The clock is the PC's wall clock unless something installed another with :func:`set_clock`:

* a :class:`RunningClock` starts at a chosen instant and then advances with the PC's monotonic
  time, so the order of events and the durations between them stay real. The test suite runs
  every test on one (a working-day morning: tests/conftest.py), ``counter screenshot`` and an
  out-of-hours ``counter demo`` run on one (:mod:`counter.demo.clock`), and the
  ``COUNTER_CLOCK`` environment variable (演示/培训时钟, a demo and training aid) makes the
  ``counter`` command start on one (:func:`install_from_env`);
* any other callable returning an aware datetime (tests that freeze time or step it).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from counter.errors import ConfigError

HALL_TZ = ZoneInfo("Asia/Shanghai")

#: Environment variable read by :func:`install_from_env` (the ``counter`` command at start-up).
ENV_VAR = "COUNTER_CLOCK"


def wall_clock() -> dt.datetime:
    """The PC's own clock, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


_now: Callable[[], dt.datetime] = wall_clock


class BadClockSetting(ConfigError):
    """``COUNTER_CLOCK`` is not a point in time."""

    code = "bad_clock"
    zh = "{name} 的值“{value}”不是时间，应写作 2026-03-10T10:00:00+08:00 或 2026-03-10 10:00"
    en = "{name}={value!r} is not a point in time; write 2026-03-10T10:00:00+08:00 or 2026-03-10 10:00"


class RunningClock:
    """A clock that reads ``start`` when made and then runs at the speed of the PC's monotonic
    clock (so it never jumps when the wall clock is set, and durations are real).

    ``source`` says who installed it (``COUNTER_CLOCK``, ``demo``, ``screenshot``, ``tests``);
    ``started_at`` is the instant it was made with (what the screens announce). :meth:`set` and
    :meth:`advance` move it (tests crossing midnight); readings from other threads see either
    the old or the new base, never a mix (one attribute holds both). Callable, so it can be
    given to :func:`set_clock` as it is.
    """

    def __init__(self, start: dt.datetime, *, source: str = "") -> None:
        self._base = (_aware_utc(start), time.monotonic())
        self.source = source
        self.started_at = self._base[0]

    def __call__(self) -> dt.datetime:
        start, t0 = self._base
        return start + dt.timedelta(seconds=time.monotonic() - t0)

    def set(self, at: dt.datetime) -> None:
        """Jump to ``at``; the clock keeps running from there."""
        self._base = (_aware_utc(at), time.monotonic())

    def advance(self, **delta: float) -> None:
        """Move forward (or back) by ``datetime.timedelta(**delta)``."""
        self.set(self() + dt.timedelta(**delta))

    def __repr__(self) -> str:
        return f"RunningClock({to_local(self.started_at).isoformat()}, source={self.source!r})"


def _aware_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("a clock needs a timezone-aware datetime")
    return value.astimezone(dt.UTC)


def now() -> dt.datetime:
    """Current time, timezone-aware UTC."""
    return _now()


def local_now() -> dt.datetime:
    """Current time in the hall's time zone."""
    return now().astimezone(HALL_TZ)


def today() -> dt.date:
    """The hall's local date."""
    return local_now().date()


def get_clock() -> Callable[[], dt.datetime]:
    """The clock in use (to put it back after :func:`set_clock`)."""
    return _now


def set_clock(fn: Callable[[], dt.datetime] | None) -> None:
    """Replace the clock (tests, demos); ``None`` restores the wall clock."""
    global _now
    _now = fn if fn is not None else wall_clock


def current() -> Callable[[], dt.datetime]:
    """The clock in use (to put it back later: ``set_clock(previous)``)."""
    return _now


def running_clock() -> RunningClock | None:
    """The :class:`RunningClock` in use, if the clock is one (screens say so)."""
    return _now if isinstance(_now, RunningClock) else None


@contextmanager
def using(fn: Callable[[], dt.datetime]) -> Iterator[Callable[[], dt.datetime]]:
    """Run the block on clock ``fn``; the previous clock comes back afterwards."""
    previous = _now
    set_clock(fn)
    try:
        yield fn
    finally:
        set_clock(previous)


def to_local(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(HALL_TZ)


def parse_instant(text: str, *, name: str = ENV_VAR) -> dt.datetime:
    """A point in time written as ISO 8601 (``2026-03-10T10:00:00+08:00``); without an offset
    (``2026-03-10 10:00``) it is the hall's local time. Raises :class:`BadClockSetting`."""
    value = text.strip()
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadClockSetting(name=name, value=text) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=HALL_TZ)
    return parsed.astimezone(dt.UTC)


def install_from_env(environ: Mapping[str, str] | None = None) -> RunningClock | None:
    """If ``COUNTER_CLOCK`` is set, run on a :class:`RunningClock` from that instant and return
    it; else leave the clock alone and return None. Raises :class:`BadClockSetting`."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_VAR, "").strip()
    if not value:
        return None
    rc = RunningClock(parse_instant(value), source=ENV_VAR)
    set_clock(rc)
    return rc


# Not strftime's %a, which follows the process locale (Qt sets it from the desktop's).
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def describe(rc: RunningClock) -> tuple[str, str]:
    """(Chinese, English) one-line notice that the clock is not the wall clock, for the
    terminal and the screens."""
    local = to_local(rc.started_at)
    weekday_zh = "一二三四五六日"[local.weekday()]
    weekday_en = _WEEKDAYS_EN[local.weekday()]
    zh = f"演示时钟：从 {local:%Y-%m-%d}（周{weekday_zh}）{local:%H:%M} 起计时，不是真实时间"
    en = (
        f"Demo clock: running from {weekday_en} {local:%Y-%m-%d %H:%M} hall time, not the real time"
    )
    if rc.source == ENV_VAR:
        zh += f"（由环境变量 {ENV_VAR} 设定）"
        en += f" (set by {ENV_VAR})"
    return zh, en
