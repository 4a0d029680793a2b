"""``counter bench report``: how long the day and period reports take at the history present.

Runs on a database that holds history (``counter demo-data``): times, through the same layer
(one unit of work of :class:`counter.services.base.Runtime`), a ``SELECT 1`` baseline, the day
report of ``--day`` (the last day with tickets by default) and the period report of the
``--period-days`` days ending on it, each ``--repeat`` times (the first run is reported apart:
it pays for a cold cache). ``--explain`` adds the plans of every query of the day report
(PostgreSQL ``EXPLAIN (ANALYZE, BUFFERS)``, SQLite ``EXPLAIN QUERY PLAN``) with the same
parameters. Prints one JSON object; figures are milliseconds and ratios to the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from typing import Any

from counter.bootstrap import safe_url
from counter.commands.bench import bench_database_url
from counter.commands.common import print_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    r = sub.add_parser(
        "report",
        parents=[common],
        help="日报与期间报表耗时（以现有历史数据）/ day and period report timings",
    )
    r.add_argument("--hall", default="QS", metavar="CODE")
    r.add_argument("--day", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    r.add_argument("--period-days", type=int, default=30)
    r.add_argument("--repeat", type=int, default=5)
    r.add_argument("--explain", action="store_true", help="附上日报各查询的执行计划")
    r.add_argument("--indent", type=int, default=None)
    r.set_defaults(func=_bench_report)


def _ms(samples: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(samples) * 1000, 2),
        "min": round(min(samples) * 1000, 2),
        "max": round(max(samples) * 1000, 2),
    }


def _timed(fn: Any, repeat: int) -> tuple[float, list[float]]:
    t = time.perf_counter()
    fn()
    first = time.perf_counter() - t
    samples = []
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return first, samples


def _plans(rt: Any, actor: Any, day: dt.date) -> list[dict[str, Any]]:
    """Every statement the day report runs, with its plan under the same parameters."""
    from sqlalchemy import event

    from counter.reports import queries

    captured: list[tuple[str, Any]] = []

    def before(
        conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool
    ) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, params))

    event.listen(rt.engine, "before_cursor_execute", before)
    try:
        queries.day_report(rt, actor, day)
    finally:
        event.remove(rt.engine, "before_cursor_execute", before)
    out = []
    raw = rt.engine.raw_connection()
    try:
        cur = raw.cursor()
        for statement, params in captured:
            if rt.is_postgres:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
                plan = [str(r[0]) for r in cur.fetchall()]
            else:
                cur.execute("EXPLAIN QUERY PLAN " + statement, params)
                plan = [" ".join(str(c) for c in r) for r in cur.fetchall()]
            out.append({"sql": " ".join(statement.split()), "plan": plan})
        raw.rollback()
    finally:
        raw.close()
    return out


def _bench_report(args: argparse.Namespace) -> int:
    from sqlalchemy import text

    from counter.reports import queries
    from counter.services.base import Actor, Runtime

    url = bench_database_url(args)
    rt = Runtime(url)
    try:
        hall_id = rt.hall_id(args.hall)
        actor = Actor.system(hall_id, device="bench")
        with rt.unit() as s:
            first, last, whole, tickets = queries.count_history(s, hall_id)
        if last is None:
            print_json({"error": "no ticket history: run counter demo-data first"})
            return 1
        day = args.day or whole or last
        start = day - dt.timedelta(days=max(1, args.period_days) - 1)

        def baseline() -> None:
            with rt.unit() as s:
                s.execute(text("SELECT 1")).scalar()

        def day_report() -> None:
            queries.day_report(rt, actor, day)

        def period_report() -> None:
            queries.period_report(rt, actor, start, day)

        b_first, b = _timed(baseline, max(20, args.repeat * 10))
        d_first, d = _timed(day_report, args.repeat)
        p_first, p = _timed(period_report, args.repeat)
        report = queries.day_report(rt, actor, day)
        base_ms = statistics.median(b) * 1000
        out: dict[str, Any] = {
            "db": safe_url(url),
            "backend": rt.engine.dialect.name,
            "history": {
                "first_day": first.isoformat() if first else None,
                "last_day": last.isoformat(),
                "years": round(((last - first).days + 1) / 365.25, 2) if first else 0,
                "tickets": tickets,
            },
            "day": day.isoformat(),
            "day_tickets": report.tickets.issued,
            "period": {"from": start.isoformat(), "to": day.isoformat()},
            "baseline_select1_ms": _ms(b),
            "day_report_ms": {**_ms(d), "first_run": round(d_first * 1000, 2)},
            "period_report_ms": {**_ms(p), "first_run": round(p_first * 1000, 2)},
            "day_report_to_baseline": round(statistics.median(d) * 1000 / base_ms, 1),
            "period_report_to_baseline": round(statistics.median(p) * 1000 / base_ms, 1),
            "targets_ms": {"day": 300, "period_30_days": 2000},
            "layer": "Runtime.unit() (SQLAlchemy Session); baseline SELECT 1 through the same",
        }
        if args.explain:
            out["plans"] = _plans(rt, actor, day)
        print_json(out) if args.indent is None else print(
            __import__("json").dumps(out, ensure_ascii=False, indent=args.indent)
        )
        return 0
    finally:
        rt.dispose()
