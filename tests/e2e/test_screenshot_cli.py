"""``counter screenshot OUT_DIR`` renders every screen on demo data (a temporary demo hall)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

SCREENS = (
    "01-signin.png",
    "02-client-idle.png",
    "03-client-serving.png",
    "04-client-one-time-notice.png",
    "05-client-accepted-receipt.png",
    "06-client-handout.png",
    "07-client-handout-done.png",
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
)
DOCUMENTS = (
    "10-doc-receipt.png",
    "11-doc-one-time-notice.png",
    "12-doc-rejection.png",
    "13-doc-handover-slip.png",
    "34-doc-decision.png",
)


@pytest.mark.slow
def test_screenshot_command_writes_every_screen(tmp_path):
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTER_HOME=str(tmp_path / "home"))
    proc = subprocess.run(
        [sys.executable, "-m", "ui.main", "screenshot", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=480,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in SCREENS:
        img = QImage(str(out / name))
        assert (img.width(), img.height()) == (1920, 1080), name
    for name in DOCUMENTS:
        img = QImage(str(out / name))
        assert img.height() > img.width() > 1000, name  # an A4 page at 150 dpi
    assert (out / "34-decision.pdf").read_bytes().startswith(b"%PDF")
