"""``counter screenshot OUT_DIR`` renders every screen on demo data (a temporary demo hall)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from PySide6.QtGui import QImage

from counter import clock
from counter.demo.clock import SCREENSHOT_AT
from counter.services.base import Runtime
from db.models import Case, Ticket

ROOT = Path(__file__).resolve().parents[2]

# 03:00 on Thursday 3 December 2026, hall time (faketime reads it in TZ=Asia/Shanghai)
NIGHT_FAKETIME = "@2026-12-03 03:00:00"
WALL_CLOCK_PROBE = (
    "import datetime as dt, zoneinfo; "
    "print(dt.datetime.now(zoneinfo.ZoneInfo('Asia/Shanghai')).strftime('%Y-%m-%d %H:%M'))"
)

SCREENS = (
    "01-signin.png",
    "02-client-idle.png",
    "03-client-serving.png",
    "03b-finder-common-word.png",
    "04-client-one-time-notice.png",
    "05-client-accepted-receipt.png",
    "05b-client-finish-asks.png",
    "06-client-handout.png",
    "06a-client-handout-unfinished.png",
    "07-client-handout-done.png",
    "07b-client-originals-returned.png",
    "08-citizen-serving.png",
    "09-citizen-evaluation.png",
    "17-manager-live.png",
    "18-manager-day-report.png",
    "19-manager-period-report.png",
    "20-manager-bad-evaluations.png",
    "30-backoffice-inbox.png",
    "31-backoffice-case.png",
    "32-backoffice-supervision.png",
    "33-backoffice-sealed.png",
    "35-backoffice-verify.png",
    "40-kiosk-start.png",
    "41-kiosk-search.png",
    "42-kiosk-ticket.png",
    "43-kiosk-cap-reached.png",
    "44-display-calls.png",
    "50-admin-catalogue.png",
    "51-admin-staff.png",
    "52-admin-calendar.png",
    "53-admin-hall-settings.png",
    "54-admin-windows-queues.png",
    "55-admin-village-points.png",
)
DOCUMENTS = (
    "10-doc-receipt.png",
    "11-doc-one-time-notice.png",
    "12-doc-rejection.png",
    "13-doc-handover-slip.png",
    "13b-doc-originals-return.png",
    "34-doc-decision.png",
)


def screenshot(
    tmp_path: Path,
    *,
    env: dict[str, str | None] | None = None,
    prefix: tuple[str, ...] = (),
    db: str = "",
) -> Path:
    """Run ``counter screenshot`` as a process (``env``: variables to set, None to unset);
    returns the output folder."""
    out = tmp_path / "shots"
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTER_HOME=str(tmp_path / "home"))
    for name, value in (env or {}).items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "ui.main", "screenshot", str(out)]
        + (["--db", db] if db else []),
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=480,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def assert_every_screen(out: Path) -> None:
    for name in SCREENS:
        img = QImage(str(out / name))
        assert (img.width(), img.height()) == (1920, 1080), name
    for name in DOCUMENTS:
        img = QImage(str(out / name))
        assert img.height() > img.width() > 1000, name  # an A4 page at 150 dpi
    assert (out / "34-decision.pdf").read_bytes().startswith(b"%PDF")
    for name in DOCUMENTS[:4]:  # the window's papers also as PDFs, every page as a PNG
        assert (out / name.replace(".png", ".pdf")).read_bytes().startswith(b"%PDF"), name


@pytest.mark.slow
def test_screenshots_at_3_in_the_night_by_the_wall_clock(tmp_path):
    """The PC's own clock says 03:00 hall time (libfaketime; no COUNTER_CLOCK): the demo the
    command renders runs on its own clock, so every screen is there."""
    if shutil.which("faketime") is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is required under CI (installers/setup.sh --test installs it)")
        pytest.skip("faketime not installed (apt-get install faketime)")
    env: dict[str, str | None] = {
        clock.ENV_VAR: None,  # the wall clock, as faked, is the only clock
        "TZ": "Asia/Shanghai",
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        # time.sleep under libfaketime 0.9.10 and Python 3.11: see tests/faketime/faketime_sleep.py
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "faketime"), str(ROOT)]),
    }
    night = ("faketime", "-f", NIGHT_FAKETIME)
    probe_env = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    probe = subprocess.run(
        [*night, sys.executable, "-c", WALL_CLOCK_PROBE],
        env=probe_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("2026-12-03 03:0"), probe.stdout  # the PC says 03:00
    out = screenshot(tmp_path, env=env, prefix=night)
    assert_every_screen(out)


@pytest.mark.slow
def test_screenshots_override_a_night_clock_and_render_their_own_morning(tmp_path, hall_url):
    """``COUNTER_CLOCK`` says 03:00: the screenshots still render every screen, on the demo's
    fixed morning (SCREENSHOT_AT), as the tickets and cases they leave in the database show."""
    out = screenshot(tmp_path, env={clock.ENV_VAR: "2026-12-03T03:00:00+08:00"}, db=hall_url)
    assert_every_screen(out)
    rt = Runtime(hall_url)
    try:
        with rt.unit() as s:
            days = set(s.scalars(select(Ticket.day)))
            issued = [clock.to_local(t) for t in s.scalars(select(Ticket.issued_at))]
            accepted = [clock.to_local(t) for t in s.scalars(select(Case.accepted_at)) if t]
    finally:
        rt.dispose()
    assert days == {SCREENSHOT_AT.date()}
    start = SCREENSHOT_AT
    assert issued and all(start <= t < start + dt.timedelta(minutes=10) for t in issued)
    assert accepted and all(start <= t < start + dt.timedelta(minutes=10) for t in accepted)
