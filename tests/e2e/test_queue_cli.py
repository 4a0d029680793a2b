"""`counter queue …` and `counter bench queue` as processes, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import queue as _queue
import subprocess
import sys
import threading
from typing import Any

from tests.integration.test_queue_support import relax_hall, scalar

ID_NUMBER = "11010519491231002X"


def counter(*args: str, db: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "ui.main", *args, "--db", db],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=os.getcwd()),
        timeout=180,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def lines(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


class Watch:
    """`counter queue watch` in the background, its JSON lines collected as they come."""

    def __init__(self, db: str, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui.main", "queue", "watch", "--db", db, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=os.getcwd()),
        )
        self.out: _queue.Queue[str] = _queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.out), daemon=True).start()
        threading.Thread(target=self._stderr, daemon=True).start()

    @staticmethod
    def _pump(stream: Any, sink: _queue.Queue[str]) -> None:
        for line in stream:
            sink.put(line)

    def _stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            if "listening" in line:
                self.ready.set()

    def take(self, n: int, timeout: float = 30) -> list[dict[str, Any]]:
        return [json.loads(self.out.get(timeout=timeout)) for _ in range(n)]


def test_issue_call_watch_and_status(hall_url: str) -> None:
    relax_hall(hall_url, open_windows=False)
    watch = Watch(hall_url, "--count", "4", "--timeout", "60", "--type", "ticket.")
    try:
        assert watch.ready.wait(30), "watch did not start"
        issued = lines(counter("queue", "issue", "--queue", "A", "--count", "2", db=hall_url))
        assert [t["number"] for t in issued] == ["A001", "A002"]
        for t in issued:
            assert {"id", "number", "queue", "issued_at", "people_ahead"} <= t.keys()
            assert t["queue"] == "A" and t["state"] == "waiting"
        assert [t["people_ahead"] for t in issued] == [0, 1]
        card = lines(
            counter(
                "queue",
                "issue",
                "--queue",
                "B",
                "--source",
                "idcard",
                "--name",
                "张三丰",
                "--id-number",
                ID_NUMBER,
                "--priority",
                "elderly",
                db=hall_url,
            )
        )[0]
        assert card["name_masked"] == "张**" and card["priority"] == "elderly"
        assert ID_NUMBER not in json.dumps(card)
        # window 3 is closed: `call` opens it, calls A001, then finishes it and calls A002
        called = lines(counter("queue", "call", "--window", "3", "--repeat", "2", db=hall_url))
        assert [(c["number"], c["window"]) for c in called] == [("A001", 3), ("A002", 3)]
        assert called[0]["called_at"] and called[0]["announcement"] == "请A001号到3号窗口办理"
        events = watch.take(4)
        assert [e["type"] for e in events] == [
            "ticket.issued",
            "ticket.issued",
            "ticket.issued",
            "ticket.called",
        ]
        assert events[3]["number"] == "A001" and events[3]["window"] == 3 and events[3]["at"]
        assert all(ID_NUMBER not in json.dumps(e) and "张三丰" not in json.dumps(e) for e in events)
        assert watch.proc.wait(timeout=30) == 0  # --count reached
    finally:
        if watch.proc.poll() is None:
            watch.proc.kill()
            watch.proc.wait()
    # nothing waits for window 3 any more: no output, exit 0 (and A002 is finished)
    empty = counter("queue", "call", "--window", "3", db=hall_url)
    assert empty.stdout == "" and empty.returncode == 0
    assert scalar(hall_url, "SELECT count(*) FROM ticket WHERE state = 'done'") == 2
    status = lines(counter("queue", "status", "--json", db=hall_url))[0]
    queues = {q["queue"]: q for q in status["queues"]}
    assert queues["A"]["done"] == 2 and queues["B"]["waiting"] == 1
    windows = {w["number"]: w for w in status["windows"]}
    assert windows[3]["state"] == "open" and windows[1]["state"] == "closed"
    text = counter("queue", "status", db=hall_url).stdout
    assert "队列 B 社保医保" in text and "窗口  3 open" in text
    # window actions, each one JSON line
    counter("queue", "call", "--window", "11", db=hall_url)
    recalled = lines(counter("queue", "recall", "--window", "11", db=hall_url))[0]
    assert recalled["number"] == "B001" and recalled["recall_count"] == 1
    moved = lines(counter("queue", "transfer", "--window", "11", "--to-window", "13", db=hall_url))
    assert moved[0]["target_window"] == 13 and moved[0]["state"] == "waiting"
    chosen = lines(counter("queue", "call", "--window", "12", "--ticket", "B1", db=hall_url))
    assert [(c["number"], c["window"], c["target_window"]) for c in chosen] == [("B001", 12, None)]


def test_refusals_exit_1_with_a_chinese_message(sqlite_hall_url: str) -> None:
    # The same code path on both backends: once is enough.
    hall_url = sqlite_hall_url
    relax_hall(hall_url, cap=1)
    counter("queue", "issue", "--queue", "D", db=hall_url)
    proc = counter("queue", "issue", "--queue", "D", db=hall_url, check=False)
    assert proc.returncode == 1 and "今日号票已取完" in proc.stderr and proc.stdout == ""
    proc = counter("queue", "call", "--window", "1", "--hall", "NOPE", db=hall_url, check=False)
    assert proc.returncode == 1 and "未找到" in proc.stderr


def test_bench_runs_on_a_fresh_database(db_url: str) -> None:
    proc = counter(
        "bench",
        "queue",
        "--windows",
        "4",
        "--tickets",
        "80",
        "--uncontended",
        "10",
        db=db_url,
    )
    summary = lines(proc)[0]
    assert summary["duplicates"] == 0 and summary["lost"] == 0 and summary["errors"] == []
    assert summary["called"] == 80 and summary["call_to_watch_ms"]["missing"] == 0
    assert summary["call_next_us"]["n"] > 0 and summary["select1_us"]["median"] > 0
    assert "layer" in summary and summary["ratio_call_next_to_select1_median"] > 0
    # a second run on the same database starts the bench hall afresh
    again = lines(counter("bench", "queue", "--windows", "2", "--tickets", "20", db=db_url))[0]
    assert again["called"] == 20 and again["lost"] == 0


def test_benches_refuse_to_run_without_db(tmp_path) -> None:
    """No --db: never the PC's configured (the hall's production) database, nor
    COUNTER_DATABASE_URL — a clear refusal, exit 2, and nothing written there."""
    home = tmp_path / "home"
    production = tmp_path / "production.sqlite3"
    env = dict(
        os.environ,
        PYTHONPATH=os.getcwd(),
        COUNTER_HOME=str(home),
        COUNTER_DATABASE_URL=f"sqlite:///{production}",
    )
    for bench in ("queue", "clerk", "report", "day", "display"):
        proc = subprocess.run(
            [sys.executable, "-m", "ui.main", "bench", bench],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 2, (bench, proc.stdout, proc.stderr)
        assert "性能测试必须用 --db 指定数据库" in proc.stderr, proc.stderr
        assert "A benchmark needs the database named with --db" in proc.stderr
        assert "Traceback" not in proc.stderr and not production.exists()
