"""Make Python 3.11+ usable under libfaketime 0.9.10 (Debian 12's ``faketime``), for running
the suite and the ``counter`` command as if the wall clock said another hour (tests/run-at.sh,
tests/e2e/test_screenshot_cli.py). Imported at start-up, by ``sitecustomize`` from this
directory on PYTHONPATH or by a ``.pth`` line; does nothing unless libfaketime is preloaded.

libfaketime is used with ``FAKETIME_DONT_FAKE_MONOTONIC=1``: with a faked monotonic clock,
every timed lock wait of Python (``sem_clockwait``, which libfaketime 0.9.10 does not
intercept) waits for decades. With the monotonic clock left alone, that version breaks
``clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)``, which ``time.sleep`` uses since Python
3.11 (EINVAL: libfaketime issue #426). So ``time.sleep`` is replaced by waits in ``select()``
up to a monotonic deadline, which behave the same.
"""

from __future__ import annotations

import os
import select
import time


def _sleep(secs: float) -> None:
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    end = time.monotonic() + secs
    while (left := end - time.monotonic()) > 0:
        select.select([], [], [], left)


if "faketime" in os.environ.get("LD_PRELOAD", ""):
    time.sleep = _sleep
