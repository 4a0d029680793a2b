"""``counter bench day`` runs as a command with tiny numbers and reports p50/p95/max of each
latency for the baseline and the day, their ratios, and checks that pass (no timing is
asserted: figures depend on the machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dbfixtures import require_pg

ROOT = Path(__file__).resolve().parents[2]


def _bench(url: str, home: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTER_HOME=str(home))
    out = subprocess.run(
        [sys.executable, "-m", "ui.main", "bench", "day", "--db", url, "--windows", "3",
         "--tickets", "40", "--baseline", "5", "--service-ms", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr + out.stdout
    summary: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return summary


def _check(summary: dict[str, object], backend: str) -> None:
    assert summary["bench"] == "day" and summary["backend"] == backend
    assert summary["windows"] == 3 and summary["tickets"] == 40 and summary["ok"] is True
    lat = summary["latency_ms"]
    assert isinstance(lat, dict)
    for name in ("issue", "call", "display_lag", "floor", "report"):
        for phase in ("baseline", "day"):
            assert {"p50", "p95", "max", "n"} <= set(lat[name][phase]), (name, phase)
            assert lat[name][phase]["n"] > 0, (name, phase)
        assert set(lat[name]["day_over_baseline"]) == {"p50", "p95", "max"}
    checks = summary["checks"]
    assert isinstance(checks, dict)
    assert checks["lost"] == 0 and checks["called_twice"] == 0 and checks["display_missed"] == 0


def test_bench_day_on_a_new_sqlite_file(tmp_path: Path) -> None:
    _check(_bench(f"sqlite:///{tmp_path / 'day.sqlite3'}", tmp_path), "sqlite")


@pytest.mark.pg
def test_bench_day_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    require_pg()
    _check(_bench(pg_url, tmp_path), "postgresql")
