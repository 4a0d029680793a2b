"""Shared test set-up.

Qt must run offscreen before any QApplication exists; every test gets its own COUNTER_HOME so no
test reads or writes the real user's data or config.

No test runs on the wall clock: every test starts on a running clock at :data:`TEST_CLOCK_AT`
(a working-day morning, inside the demo hall's hours), and ``COUNTER_CLOCK`` carries the same
instant to the ``counter`` processes the end-to-end tests start; fixtures shared by several
tests run on such a clock too. A test that needs another time sets its own clock
(``counter.clock.set_clock``, or ``work_clock.set(...)``).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import datetime as dt  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402

from counter import clock  # noqa: E402

# Tuesday 10 March 2026, 10:00 in Asia/Shanghai: a working day (no holiday, no 调休), the demo
# hall's queues open (08:30–17:00), and deadlines of up to 60 working days stay in 2026, a year
# the calendar data know.
TEST_CLOCK_AT = dt.datetime(2026, 3, 10, 10, 0, tzinfo=clock.HALL_TZ)


# Outside any test too (module- and session-scoped fixtures, which are set up before a test's
# own fixtures, and the counter processes they start) the suite runs on this clock.
_SUITE_CLOCK = clock.RunningClock(TEST_CLOCK_AT, source="tests")
clock.set_clock(_SUITE_CLOCK)
os.environ[clock.ENV_VAR] = TEST_CLOCK_AT.isoformat()


@pytest.fixture(autouse=True)
def work_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[clock.RunningClock]:
    """The clock every test starts on: running from :data:`TEST_CLOCK_AT` (so order and
    durations are real); also handed to ``counter`` subprocesses through ``COUNTER_CLOCK``.
    Afterwards the suite's clock comes back, even if the test set another or none."""
    rc = clock.RunningClock(TEST_CLOCK_AT, source="tests")
    clock.set_clock(rc)
    monkeypatch.setenv(clock.ENV_VAR, TEST_CLOCK_AT.isoformat())
    yield rc
    clock.set_clock(_SUITE_CLOCK)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "counter-home"
    home.mkdir()
    monkeypatch.setenv("COUNTER_HOME", str(home))
    monkeypatch.delenv("COUNTER_DATABASE_URL", raising=False)
    monkeypatch.delenv("COUNTER_CONFIG", raising=False)
    yield home


from tests.dbfixtures import (  # noqa: E402,F401
    _templates,
    db_url,
    hall_url,
    pg_hall_url,
    pg_url,
    sqlite_hall_url,
)


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """xdist's worker id, or "main" without xdist."""
    return getattr(request.config, "workerinput", {}).get("workerid", "main")
