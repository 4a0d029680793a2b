"""``counter bench search --items N`` runs as a command and reports both searches and their
ratios (no timing is asserted: figures depend on the machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_search_prints_both_figures_and_ratios(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTER_HOME=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-m", "ui.main", "bench", "search", "--items", "300", "--rounds", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["bench"] == "search" and summary["items"] == 300  # grown past the 228
    assert summary["keystrokes"] > 20
    for side in ("memory", "memory_cpu", "database"):
        assert {"p50_ms", "p95_ms", "max_ms"} <= set(summary[side])
    assert summary["ratio_p50"] is not None and summary["ratio_p95"] is not None
    assert summary["goal_p95_ms"] == 10.0
    assert isinstance(summary["meets_goal"], bool)
