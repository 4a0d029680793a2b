"""``counter demo-data``, ``counter report`` and ``counter bench report`` as processes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
END = "2026-03-10"


def run(
    *args: str, home: Path, timeout: int = 300, at: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTER_HOME=str(home))
    if at is not None:
        env["COUNTER_CLOCK"] = at
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("report-cli")
    url = f"sqlite:///{tmp / 'hall.sqlite3'}"
    home = tmp / "home"
    home.mkdir()
    # The demo's own day is the day after END: END and the day before are history.
    p = run("demo", "--seed-only", "--db", url, home=home, at="2026-03-11T10:00:00+08:00")
    assert p.returncode == 0, p.stderr[-2000:]
    p = run("demo-data", "--days", "3", "--windows", "14", "--end", END, "--db", url, home=home)
    assert p.returncode == 0, p.stderr[-2000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["days_generated"] == 2 and out["tickets"] > 500
    assert "100.0%" in p.stderr  # the progress bar went to stderr
    return url, home


@pytest.mark.slow
def test_report_formats(history_db: tuple[str, Path], tmp_path: Path) -> None:
    url, home = history_db
    p = run("report", "--date", END, "--format", "json", "--out", "-", "--db", url, home=home)
    assert p.returncode == 0, p.stderr[-2000:]
    j = json.loads(p.stdout)
    for key in ("issued", "served", "no_show", "transferred"):
        assert isinstance(j["tickets"][key], int)
    for part in ("waiting_minutes", "service_minutes"):
        assert set(j[part]) >= {"mean", "median", "p90", "max"}
    for key in ("accepted", "completed", "overdue", "on_time_rate"):
        assert key in j["cases"]
    assert {"count", "satisfaction_rate"} <= set(j["evaluations"])
    assert j["by_hour"] and j["by_window"] and j["by_queue"]
    assert j["tickets"]["issued"] == sum(h["issued"] for h in j["by_hour"])
    for fmt in ("csv", "xlsx", "pdf"):
        out = tmp_path / f"r.{fmt}"
        args = ["report", "--from", "2026-03-09", "--to", END, "--format", fmt, "--out", str(out)]
        p = run(*args, "--db", url, home=home)
        assert p.returncode == 0, p.stderr[-2000:]
        assert out.stat().st_size > 1000, fmt
    rows = list(csv.reader((tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert any(r and r[0] == "按时办结率" for r in rows)
    assert (tmp_path / "r.pdf").read_bytes()[:4] == b"%PDF"
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True
    )
    if text.returncode == 0:
        assert "运行报表" in text.stdout and "按时办结率" in text.stdout
    bad = run("report", "--from", END, "--format", "json", "--out", "-", "--db", url, home=home)
    assert bad.returncode == 1 and "--to" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.slow
def test_bench_report(history_db: tuple[str, Path]) -> None:
    url, home = history_db
    p = run(
        "bench",
        "report",
        "--repeat",
        "1",
        "--period-days",
        "2",
        "--explain",
        "--db",
        url,
        home=home,
        at="2026-03-11T10:00:00+08:00",  # the day after END: END is the last day of history
    )
    assert p.returncode == 0, p.stderr[-2000:]
    j = json.loads(p.stdout)
    assert j["day"] == END and j["day_tickets"] > 500
    assert j["day_report_ms"]["median"] > 0 and j["baseline_select1_ms"]["median"] > 0
    assert j["day_report_to_baseline"] > 1
    plans = "\n".join(line for plan in j["plans"] for line in plan["plan"])
    assert "ix_ticket_hall_day" in plans and "ix_service_case_hall_accepted" in plans
    assert "ix_evaluation_hall_created" in plans and "ix_ticket_event_transferred" in plans
