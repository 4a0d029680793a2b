"""``COUNTER_CLOCK`` as the ``counter`` command sees it, and ``counter demo`` out of hours."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from counter import clock
from counter.demo.clock import DEMO_MORNING
from counter.services.base import Runtime
from db.models import Case, Ticket

ROOT = Path(__file__).resolve().parents[2]


def counter(*args: str, at: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop(clock.ENV_VAR, None)
    if at is not None:
        env[clock.ENV_VAR] = at
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_the_command_runs_on_counter_clock_and_says_so(sqlite_hall_url: str) -> None:
    night = counter("queue", "issue", "--queue", "A", "--db", sqlite_hall_url,
                    at="2026-03-10T03:00:00+08:00")  # fmt: skip
    assert night.returncode == 1
    assert "演示时钟：从 2026-03-10（周二）03:00 起计时" in night.stderr
    assert "COUNTER_CLOCK" in night.stderr
    assert "当前不在取号时间（08:30–17:00）" in night.stderr  # the demo hall's own hours

    morning = counter("queue", "issue", "--queue", "A", "--db", sqlite_hall_url,
                      at="2026-03-10 10:00")  # fmt: skip
    assert morning.returncode == 0, morning.stderr
    ticket = json.loads(morning.stdout.splitlines()[0])
    assert ticket["number"] == "A001"
    issued = clock.to_local(dt.datetime.fromisoformat(ticket["issued_at"]))
    assert issued.date() == dt.date(2026, 3, 10) and dt.time(10) <= issued.time() < dt.time(10, 5)


def test_a_bad_counter_clock_is_a_clear_error(sqlite_hall_url: str) -> None:
    proc = counter("queue", "status", "--db", sqlite_hall_url, at="half past nine")
    assert proc.returncode == 1
    assert "COUNTER_CLOCK 的值“half past nine”不是时间" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_demo_out_of_hours_seeds_and_runs_on_the_last_working_morning(tmp_path: Path) -> None:
    """Sunday 8 March 2026 at 21:00: the demo hall is closed; the demo runs from 10:00 on
    Friday 6 March, and the activity it seeds is that morning's."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    proc = counter("demo", "--seed-only", "--db", url, at="2026-03-08T21:00:00+08:00")
    assert proc.returncode == 0, proc.stderr
    assert "演示大厅的办公时间为工作日 08:30–17:00，现在不在其中" in proc.stdout
    assert "演示时钟：从 2026-03-06（周五）10:00 起计时，不是真实时间" in proc.stdout
    assert "Demo clock: running from Fri 2026-03-06 10:00" in proc.stdout
    friday = dt.date(2026, 3, 6)
    start = dt.datetime.combine(friday, DEMO_MORNING, tzinfo=clock.HALL_TZ)
    rt = Runtime(url)
    try:
        with rt.unit() as s:
            tickets = s.scalars(select(Ticket)).all()
            accepted = [a for a in s.scalars(select(Case.accepted_at)) if a is not None]
            assert tickets and {t.day for t in tickets} == {friday}
            assert all(
                clock.to_local(t.issued_at) <= start + dt.timedelta(minutes=5) for t in tickets
            )
            assert all(clock.to_local(a) <= start + dt.timedelta(minutes=5) for a in accepted)
            assert any(clock.to_local(a).date() == friday for a in accepted)  # "accepted today"
    finally:
        rt.dispose()

    # In the hall's hours the demo keeps the real time (here COUNTER_CLOCK's): no demo clock.
    again = counter("demo", "--seed-only", "--db", url, at="2026-03-09T09:00:00+08:00")
    assert again.returncode == 0, again.stderr
    assert "演示大厅的办公时间" not in again.stdout
