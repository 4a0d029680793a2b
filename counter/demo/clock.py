"""The demo's clock (演示时钟): the demo hall works on working days from 08:30 to 17:00
(:data:`counter.demo.hall.DEMO_QUEUES`), so a demo shown in the evening, at night, at a weekend
or on a holiday would find every queue closed. Such a demo runs on a
:class:`~counter.clock.RunningClock` from 10:00 of the last working day instead, and says so.

* :func:`demo_start` decides: ``None`` (the real time suits the demo: a working day, the hall
  open and at least :data:`MIN_DEMO_TIME` of its day left) or the instant to start from.
* :func:`install_demo_clock` applies that decision (``counter demo``, before it seeds today's
  activity, so the seeded day and the demo day are the same).
* :data:`SCREENSHOT_AT` is the fixed instant ``counter screenshot`` renders at, so its pictures
  are the same whenever they are made.

Working days come from the national calendar of the ``chinesecalendar`` package (the weekday
rule for years it does not know); a hall's own closure days are not considered here.
"""

from __future__ import annotations

import datetime as dt

from counter import clock
from counter.demo.hall import DEMO_QUEUES
from counter.domain.workdays import CalendarView, DictCalendar, is_working_day

#: Where a demo clock starts: a weekday morning, the hall open, the morning's visitors in line.
DEMO_MORNING = dt.time(10, 0)

#: ``counter screenshot`` renders at this instant: Tuesday 10 March 2026, a working day, 10:00.
SCREENSHOT_AT = dt.datetime(2026, 3, 10, 10, 0, tzinfo=clock.HALL_TZ)

#: A demo on the real clock needs at least this much of the hall's day left.
MIN_DEMO_TIME = dt.timedelta(hours=1)

SOURCE = "demo"


def demo_hours() -> tuple[dt.time, dt.time]:
    """When every demo queue issues tickets: (latest opening, earliest closing)."""
    opens = max(q[3] for q in DEMO_QUEUES)
    closes = min(q[4] for q in DEMO_QUEUES)
    return opens, closes


def demo_start(now: dt.datetime, calendar: CalendarView | None = None) -> dt.datetime | None:
    """``None`` if a demo can run at ``now`` (a working day, between the demo hall's opening and
    :data:`MIN_DEMO_TIME` before its closing, hall time); else 10:00 hall time of the last
    working day that has reached 10:00 by ``now`` (today at 21:00; Friday on a Sunday)."""
    cal = calendar if calendar is not None else DictCalendar.national()
    local = clock.to_local(now)
    opens, closes = demo_hours()
    day = local.date()
    last_start = (dt.datetime.combine(day, closes) - MIN_DEMO_TIME).time()
    if is_working_day(day, cal) and opens <= local.time() < last_start:
        return None
    if local.time() < DEMO_MORNING:
        day -= dt.timedelta(days=1)
    for _ in range(366):  # no calendar has a year of rest days in a row
        if is_working_day(day, cal):
            break
        day -= dt.timedelta(days=1)
    return dt.datetime.combine(day, DEMO_MORNING, tzinfo=clock.HALL_TZ)


def demo_notice(rc: clock.RunningClock) -> tuple[str, str]:
    """(Chinese, English) what the terminal and the screens say about the demo clock."""
    opens, closes = demo_hours()
    zh, en = clock.describe(rc)
    return (
        f"演示大厅的办公时间为工作日 {opens:%H:%M}–{closes:%H:%M}，现在不在其中。{zh}",
        f"The demo hall works {opens:%H:%M}-{closes:%H:%M} on working days, not now. {en}",
    )


def install_demo_clock(calendar: CalendarView | None = None) -> clock.RunningClock | None:
    """Run on a demo clock if the current clock (the wall clock or ``COUNTER_CLOCK``) is outside
    the demo hall's day (:func:`demo_start`); returns it, or None when the clock is left as it
    is."""
    start = demo_start(clock.now(), calendar)
    if start is None:
        return None
    rc = clock.RunningClock(start, source=SOURCE)
    clock.set_clock(rc)
    return rc


def screenshot_clock() -> clock.RunningClock:
    """The clock ``counter screenshot`` renders on (from :data:`SCREENSHOT_AT`)."""
    return clock.RunningClock(SCREENSHOT_AT, source="screenshot")
