"""``counter bench queue``: many windows calling at once against a real database.

Runnable on a fresh database: ``--db`` may point at an empty PostgreSQL database (or a new
SQLite file); the bench migrates it to head and creates its own hall (code ``BENCH`` unless
``--hall`` says otherwise: queues A–D without cap or hours, windows serving them with the demo
hall's weights). An existing bench hall is emptied of tickets first; other halls are untouched.

Phases:

1. issue ``--tickets`` tickets with ``--issuers`` kiosk threads (``issue_ticket``; 5 % green
   channel);
2. one window calls a few hundred of them alone (``uncontended`` figures);
3. ``--windows`` window threads share one :class:`~counter.services.base.Runtime` (pooled
   connections, one per thread at a time) and loop: finish the current ticket, time a
   ``SELECT 1`` through the same layer, time ``call_next`` — until nobody waits. A real
   subscription (:func:`counter.events.subscribe`) meanwhile times each call from the moment
   ``call_next`` was entered to the moment the ``ticket.called`` event reached its callback.

Then the database is checked: a ticket called twice is a duplicate, an issued ticket never
called (or still waiting) is lost; both must be 0. The JSON summary says through which layer
each figure was measured.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from typing import Any

from counter.bootstrap import database_url, safe_url
from counter.commands.common import print_json
from counter.errors import CounterError

BENCH_QUEUES = (("A", "综合受理"), ("B", "社保医保"), ("C", "出件取件"), ("D", "咨询"))
QUEUE_MIX = (("A", 0.55), ("B", 0.15), ("C", 0.15), ("D", 0.15))


class BenchNeedsDatabase(CounterError):
    """A benchmark writes a hall of its own and many tickets: never into the database this PC
    is configured for (the hall's production data) by default, only into one named with
    ``--db``."""

    code = "bench_needs_db"
    exit_code = 2
    zh = (
        "性能测试必须用 --db 指定数据库（例如 --db sqlite:///bench.sqlite3 或一个空的测试用 "
        "PostgreSQL 库）：它会建立测试大厅并写入大量数据，不会使用本机配置的数据库"
    )
    en = (
        "A benchmark needs the database named with --db (e.g. --db sqlite:///bench.sqlite3 or "
        "an empty test PostgreSQL database): it creates a test hall and writes a lot of data, "
        "so it never uses this PC's configured database"
    )


def bench_database_url(args: argparse.Namespace) -> str:
    """The database of a benchmark: the one ``--db`` names (checked), or
    :class:`BenchNeedsDatabase` — never the configured one nor ``COUNTER_DATABASE_URL``."""
    if not getattr(args, "db", None):
        raise BenchNeedsDatabase()
    return database_url(args)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("bench", parents=[common], help="性能测试 / benchmarks")
    s = p.add_subparsers(dest="bench_command", required=True)
    q = s.add_parser(
        "queue",
        parents=[common],
        help="多窗口并发叫号压测（自动迁移并创建 BENCH 大厅）/ concurrent call-next benchmark",
    )
    q.add_argument("--hall", default="BENCH", metavar="CODE", help="压测大厅编码（默认 BENCH）")
    q.add_argument("--windows", type=int, default=14)
    q.add_argument("--tickets", type=int, default=20000)
    q.add_argument("--issuers", type=int, default=2, help="并发取号线程数")
    q.add_argument("--uncontended", type=int, default=300, help="单窗口先叫的号数（无竞争基线）")
    q.add_argument("--seed", type=int, default=1)
    q.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        metavar="S",
        help="sys.setswitchinterval for the run (threads of one process share the GIL)",
    )
    q.add_argument("--indent", type=int, default=None, help="缩进输出的 JSON")
    q.set_defaults(func=_bench_queue)
    from counter.commands import bench_clerk

    bench_clerk.register(s, common)

    from counter.commands import bench_report

    bench_report.register(s, common)

    from counter.commands import bench_search

    bench_search.register(s, common)

    from counter.commands import bench_day

    bench_day.register(s, common)


def _window_queues(number: int, windows: int) -> dict[str, int]:
    """The demo hall's pattern scaled to ``windows`` (14: 10 × A+D, 2 × B+A, 2 × C+D+A), so
    every queue is served; with fewer than 3 windows each serves every queue."""
    if windows < 3:
        return {"A": 3, "B": 1, "C": 1, "D": 1}
    b_windows = c_windows = max(1, round(windows * 2 / 14))
    a_windows = windows - b_windows - c_windows
    if number <= a_windows:
        return {"A": 3, "D": 1}
    if number <= a_windows + b_windows:
        return {"B": 3, "A": 1}
    return {"C": 3, "D": 1, "A": 1}


def ensure_bench_hall(url: str, code: str, windows: int) -> int:
    """Create (or reset) the bench hall; returns its id. Every window ends up open and free."""
    import secrets

    from sqlalchemy import delete, select, update

    from counter import clock
    from counter.demo.queue import reset_hall_tickets
    from counter.domain.settings import DEFAULT_HALL_SETTINGS
    from counter.services.base import Runtime
    from db.models import Hall, Queue, Window, WindowQueue

    rt = Runtime(url)
    try:
        with rt.unit() as s:
            hall = s.scalars(select(Hall).where(Hall.code == code)).first()
            if hall is None:
                hall = Hall(
                    code=code,
                    name=f"压测大厅 {code}",
                    kind="center",
                    settings=dict(DEFAULT_HALL_SETTINGS),
                    secret=secrets.token_hex(32),
                    created_at=clock.now(),
                )
                s.add(hall)
                s.flush()
            queues = {q.prefix: q for q in s.scalars(select(Queue).where(Queue.hall_id == hall.id))}
            for n, (prefix, name) in enumerate(BENCH_QUEUES):
                if prefix not in queues:
                    queues[prefix] = Queue(hall_id=hall.id, prefix=prefix, name=name, sort=n)
                    s.add(queues[prefix])
                q = queues[prefix]
                q.daily_cap, q.opens_at, q.closes_at, q.active = None, None, None, True
            s.flush()
            existing = {
                w.number: w for w in s.scalars(select(Window).where(Window.hall_id == hall.id))
            }
            for number in range(1, windows + 1):
                w = existing.get(number)
                if w is None:
                    w = Window(hall_id=hall.id, number=number, name=f"{number}号窗口")
                    s.add(w)
                    s.flush()
                w.active = True
                s.execute(delete(WindowQueue).where(WindowQueue.window_id == w.id))
                for prefix, weight in _window_queues(number, windows).items():
                    s.add(WindowQueue(window_id=w.id, queue_id=queues[prefix].id, weight=weight))
            hall_id = int(hall.id)
        reset_hall_tickets(rt, hall_id)
        with rt.unit() as s:
            s.execute(
                update(Window)
                .where(Window.hall_id == hall_id)
                .values(state="open", current_ticket_id=None)
            )
            s.execute(
                update(Window)
                .where(Window.hall_id == hall_id, Window.number > windows)
                .values(state="closed")
            )
        return hall_id
    finally:
        rt.dispose()


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def _summary_us(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values) * 1e6, 1) if values else float("nan"),
        "p95": round(_pct(values, 0.95) * 1e6, 1),
        "p99": round(_pct(values, 0.99) * 1e6, 1),
        "n": len(values),
    }


def _select1_context(url: str, rt: Any, n: int = 1000) -> dict[str, float]:
    """SELECT 1 medians measured single-threaded through each layer, for reference."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    out: dict[str, float] = {}

    def med(fn: Any) -> float:
        for _ in range(50):
            fn()
        samples = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
        return round(statistics.median(samples) * 1e6, 1)

    if rt.is_postgres:
        import psycopg

        u = make_url(url)
        kw = {
            k: v
            for k, v in u.translate_connect_args(username="user", database="dbname").items()
            if v is not None
        }
        with psycopg.connect(autocommit=True, **kw) as raw:
            out["select1_raw_psycopg_us"] = med(lambda: raw.execute("SELECT 1").fetchone())
    with rt.engine.connect() as conn:
        out["select1_sqlalchemy_connection_us"] = med(
            lambda: conn.execute(text("SELECT 1")).scalar_one()
        )
        conn.rollback()

    def unit_select() -> None:
        with rt.unit() as s:
            s.execute(text("SELECT 1")).scalar_one()

    out["select1_unit_us"] = med(unit_select)
    return out


def _vacuum_analyze(rt: Any) -> str | None:
    """VACUUM ANALYZE the queue tables (PostgreSQL) or ANALYZE (SQLite); returns the server's
    autovacuum setting, which the summary reports."""
    tables = ("ticket", "ticket_counter", "ticket_event", "change_log", "service_window")
    with rt.engine.connect() as conn:
        if rt.is_postgres:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            setting = conn.exec_driver_sql("SHOW autovacuum").scalar()
            conn.exec_driver_sql("VACUUM ANALYZE " + ", ".join(tables))
            return str(setting)
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
        return None


def _bench_queue(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select, text

    from counter.changes import Change
    from counter.events import subscribe
    from counter.services.base import Actor, Runtime
    from counter.services.calling import call_next, finish_service
    from counter.services.tickets import issue_ticket
    from db.engine import make_engine
    from db.migrate import upgrade
    from db.models import Ticket, TicketEvent

    url = bench_database_url(args)
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    upgrade(url)
    hall_id = ensure_bench_hall(url, args.hall, args.windows)
    pool = args.windows + args.issuers + 4
    # LIFO: a thread gets back the connection it just used (its prepared statements are warm).
    engine = make_engine(url, pool_size=pool, max_overflow=10, pool_use_lifo=True)
    rt = Runtime(url, engine=engine)
    actor = Actor.system(hall_id, device="bench")
    rng = random.Random(args.seed)
    started = time.perf_counter()

    # ---- 1. issue ----------------------------------------------------------------------
    plan: list[tuple[str, str | None]] = []
    prefixes = [p for p, _ in QUEUE_MIX]
    weights = [w for _, w in QUEUE_MIX]
    for _ in range(args.tickets):
        plan.append(
            (
                rng.choices(prefixes, weights)[0],
                "elderly" if rng.random() < 0.05 else None,
            )
        )
    issued: list[int] = []
    issue_lat: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []

    def issuer(part: list[tuple[str, str | None]]) -> None:
        mine, lat = [], []
        try:
            for prefix, priority in part:
                t0 = time.perf_counter()
                r = issue_ticket(rt, actor, prefix, priority=priority)
                lat.append(time.perf_counter() - t0)
                mine.append(r.ticket.id)
        except Exception as exc:  # pragma: no cover - reported in the summary
            errors.append(f"issue: {exc!r}")
        with lock:
            issued.extend(mine)
            issue_lat.extend(lat)

    t_issue = time.perf_counter()
    threads = [
        threading.Thread(target=issuer, args=(plan[i :: args.issuers],))
        for i in range(args.issuers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    issue_elapsed = time.perf_counter() - t_issue

    # Fresh statistics for the planner (a server with autovacuum off would have none).
    autovacuum = _vacuum_analyze(rt)
    context = _select1_context(url, rt)

    # ---- subscriber --------------------------------------------------------------------
    call_start: dict[int, float] = {}
    delivered: dict[int, float] = {}
    deliveries: dict[int, int] = {}

    def on_event(ev: Change) -> None:
        if ev.type == "ticket.called":
            tid = int(ev.payload["ticket_id"])
            now = time.perf_counter()
            deliveries[tid] = deliveries.get(tid, 0) + 1
            delivered.setdefault(tid, now)

    sub = subscribe(url, hall_id, on_event)
    if not sub.wait_ready(30):
        errors.append("subscription not ready")

    calls: list[tuple[int, int]] = []  # (window, ticket id) as the workers saw them
    call_lat: list[float] = []
    probe_lat: list[float] = []
    finish_lat: list[float] = []

    def window_worker(number: int, limit: int | None, barrier: threading.Barrier | None) -> None:
        mine: list[tuple[int, int]] = []
        c_lat: list[float] = []
        p_lat: list[float] = []
        f_lat: list[float] = []
        current = False
        if barrier is not None:
            barrier.wait()
        try:
            while limit is None or len(mine) < limit:
                if current:
                    t0 = time.perf_counter()
                    finish_service(rt, actor, number)
                    f_lat.append(time.perf_counter() - t0)
                    current = False
                t0 = time.perf_counter()
                with rt.unit() as s:
                    s.execute(text("SELECT 1")).scalar_one()
                p_lat.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                r = call_next(rt, actor, number)
                t1 = time.perf_counter()
                if r is None:
                    break
                call_start[r.ticket.id] = t0
                c_lat.append(t1 - t0)
                mine.append((number, r.ticket.id))
                current = True
            if current:
                finish_service(rt, actor, number)
        except Exception as exc:  # pragma: no cover - reported in the summary
            errors.append(f"window {number}: {exc!r}")
        with lock:
            calls.extend(mine)
            call_lat.extend(c_lat)
            probe_lat.extend(p_lat)
            finish_lat.extend(f_lat)

    # ---- 2. uncontended baseline -------------------------------------------------------
    warm = 30  # the first calls plan the statement on each connection (psycopg prepares it)
    window_worker(1, min(args.uncontended + warm, args.tickets), None)
    unc_calls, unc_probe = call_lat[warm:], probe_lat[warm:]
    call_lat.clear()
    probe_lat.clear()
    finish_lat.clear()

    # ---- 3. every window at once -------------------------------------------------------
    barrier = threading.Barrier(args.windows + 1)
    workers = [
        threading.Thread(target=window_worker, args=(n, None, barrier), name=f"window-{n}")
        for n in range(1, args.windows + 1)
    ]
    for w in workers:
        w.start()
    barrier.wait()
    t_calls = time.perf_counter()
    for w in workers:
        w.join()
    calls_elapsed = time.perf_counter() - t_calls

    # wait for the events of every call (the subscriber may lag a little)
    deadline = time.monotonic() + 30
    called_ids = {tid for _, tid in calls}
    while time.monotonic() < deadline and not called_ids <= delivered.keys():
        time.sleep(0.05)
    sub.close()

    # ---- checks --------------------------------------------------------------------------
    counts: dict[int, int] = {}
    for _, tid in calls:
        counts[tid] = counts.get(tid, 0) + 1
    dup_workers = sum(1 for c in counts.values() if c > 1)
    with rt.unit() as s:
        dup_db = int(
            s.execute(
                select(func.count()).select_from(
                    select(TicketEvent.ticket_id)
                    .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                    .where(Ticket.hall_id == hall_id, TicketEvent.type == "called")
                    .group_by(TicketEvent.ticket_id)
                    .having(func.count() > 1)
                    .subquery()
                )
            ).scalar_one()
        )
        still_waiting = int(
            s.execute(
                select(func.count())
                .select_from(Ticket)
                .where(Ticket.hall_id == hall_id, Ticket.state == "waiting")
            ).scalar_one()
        )
    lost = len(set(issued) - called_ids)
    watch = [delivered[t] - call_start[t] for t in called_ids if t in delivered and t in call_start]
    unc_med = statistics.median(unc_calls) if unc_calls else float("nan")
    unc_probe_med = statistics.median(unc_probe) if unc_probe else float("nan")
    call_med = statistics.median(call_lat) if call_lat else float("nan")
    probe_med = statistics.median(probe_lat) if probe_lat else float("nan")
    backend = "postgresql" if rt.is_postgres else "sqlite"
    summary: dict[str, Any] = {
        "bench": "queue",
        "backend": backend,
        "database": safe_url(url),
        "hall": args.hall,
        "windows": args.windows,
        "tickets": args.tickets,
        "layer": (
            "both figures through the same service layer: call_next() = one Runtime.unit() "
            "(pooled SQLAlchemy Session: checkout with pre-ping, BEGIN, "
            + (
                "ONE Core text() statement that locks the window, picks with FOR UPDATE SKIP "
                "LOCKED, updates ticket and window, writes event + change_log and NOTIFYs"
                if rt.is_postgres
                else "the call steps under BEGIN IMMEDIATE"
            )
            + ", COMMIT); SELECT 1 = Runtime.unit() + Session.execute(text('SELECT 1')), "
            "timed by each window thread right before each call"
        ),
        "call_next_us": _summary_us(call_lat),
        "select1_us": _summary_us(probe_lat),
        "ratio_call_next_to_select1_median": round(call_med / probe_med, 2),
        "uncontended": {
            "calls": len(unc_calls),
            "call_next_median_us": round(unc_med * 1e6, 1),
            "select1_median_us": round(unc_probe_med * 1e6, 1),
            "ratio_median": round(unc_med / unc_probe_med, 2),
        },
        "select1_single_thread_us": context,
        "server_autovacuum": autovacuum,
        "switch_interval_s": sys.getswitchinterval(),
        "finish_us": _summary_us(finish_lat),
        "tickets_per_second": round(len(call_lat) / calls_elapsed, 1) if calls_elapsed else 0,
        "issue": {
            "issuers": args.issuers,
            "tickets_per_second": round(len(issued) / issue_elapsed, 1) if issue_elapsed else 0,
            "latency_us": _summary_us(issue_lat),
        },
        "call_to_watch_ms": {
            "median": round(statistics.median(watch) * 1e3, 2) if watch else None,
            "p95": round(_pct(watch, 0.95) * 1e3, 2) if watch else None,
            "max": round(max(watch) * 1e3, 2) if watch else None,
            "received": len(watch),
            "missing": len(called_ids - delivered.keys()),
            "delivered_twice": sum(1 for c in deliveries.values() if c > 1),
            "measured": "from call_next() entry to the subscriber callback (same process, "
            + ("LISTEN/NOTIFY" if rt.is_postgres else "change_log polled every 200 ms")
            + ")",
        },
        "called": len(calls),
        "duplicates": max(dup_workers, dup_db),
        "lost": lost + still_waiting,
        "errors": errors,
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    rt.dispose()
    if args.indent is None:
        print_json(summary)
    else:
        print(json.dumps(summary, ensure_ascii=False, indent=args.indent))
    return 0 if summary["duplicates"] == 0 and summary["lost"] == 0 and not errors else 1
