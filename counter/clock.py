"""The one place the core reads the time, so tests can move it.

All stored times are timezone-aware UTC; the hall's local date (for daily ticket numbers and
working-day deadlines) is taken in the hall's time zone, Asia/Shanghai by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

HALL_TZ = ZoneInfo("Asia/Shanghai")

_now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)  # noqa: E731


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
    """Replace the clock (tests); ``None`` restores the real one."""
    global _now
    _now = fn if fn is not None else (lambda: dt.datetime.now(dt.UTC))


def to_local(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(HALL_TZ)
