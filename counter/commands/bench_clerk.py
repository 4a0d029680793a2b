"""``counter bench clerk --rtt MS``: what a clerk's key press costs over a slow network.

A loopback TCP proxy (:class:`counter.netproxy.DelayProxy`) adding ``--rtt`` milliseconds of
round trip sits in front of the database, and the window's door (:mod:`counter.window`) is driven
exactly as the window client drives it — one door call per key press, its result applied as it
is, no refresh after — for: call next (F1: finish + call + the window's new state), recall (F2),
start (card read), park (F4), resume, accept a 5-material case (Ctrl+Enter) and hand out (出件).

Each press is reported as its time, its round trips counted by the proxy, and both as multiples
of the round trip measured in the same run (a bare ``SELECT 1`` on a raw connection through the
proxy). Runnable on a fresh database: it migrates ``--db`` and seeds the demo hall if it is
missing (catalogue, calendar, staff, specimen seals), opens its queues at any hour, and works
at window 14 as the demo clerk there; the cases it accepts are decided by the demo reviewer and
seal keeper before they are handed out. Use a database of its own: it adds tickets and cases.
On SQLite there is no network: ``--rtt`` is ignored and only times are reported.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from counter.commands.common import print_json

ACTIONS = ("call_next", "recall", "start", "park", "resume", "accept_5", "hand_out")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    c = sub.add_parser(
        "clerk",
        parents=[common],
        help="窗口按键的往返次数与耗时（经延迟代理）/ a clerk's key presses over a slow network",
    )
    c.add_argument("--rtt", type=float, default=0.0, metavar="MS", help="代理增加的往返毫秒数")
    c.add_argument("--repeat", type=int, default=20, help="每个按键测几次（默认20）")
    c.add_argument("--indent", type=int, default=None)
    c.set_defaults(func=_bench_clerk)


def _prepare(url: str) -> int:
    """The demo hall in ``url`` (seeded if missing: catalogue, calendar, staff, specimen seals),
    its queues open; returns its id."""
    from sqlalchemy import select, update

    from counter.demo.hall import DEMO_HALL_CODE, seed_demo
    from counter.services.base import Runtime
    from db.models import Hall, Queue

    rt = Runtime(url)
    try:
        with rt.unit() as s:
            hall_id = s.scalars(select(Hall.id).where(Hall.code == DEMO_HALL_CODE)).first()
        if hall_id is None:
            hall_id = seed_demo(url, with_activity=False, migrate=False)
        with rt.unit() as s:  # a bench runs at any hour: no opening hours, no daily cap
            s.execute(
                update(Queue)
                .where(Queue.hall_id == hall_id)
                .values(opens_at=None, closes_at=None, daily_cap=None)
            )
        return int(hall_id)
    finally:
        rt.dispose()


def _five_material_item(rt: Any) -> tuple[int, list[int]]:
    """An item with at least five materials (its version id and material ids), not 即办件."""
    from sqlalchemy import func, select

    from db.models import Material, ServiceItem, ServiceItemVersion

    with rt.unit(read_only=True) as s:
        row = s.execute(
            select(ServiceItemVersion.id)
            .join(ServiceItem, ServiceItem.current_version_id == ServiceItemVersion.id)
            .join(Material, Material.item_version_id == ServiceItemVersion.id)
            .where(ServiceItemVersion.on_the_spot.is_(False))
            .group_by(ServiceItemVersion.id)
            .having(func.count(Material.id) >= 5)
            .order_by(func.count(Material.id), ServiceItemVersion.id)
            .limit(1)
        ).first()
        assert row is not None, "the catalogue has no item with five materials"
        mids = list(
            s.scalars(
                select(Material.id).where(Material.item_version_id == row[0]).order_by(Material.seq)
            )
        )
    return int(row[0]), mids


def _raw_rtt(url: str, n: int = 200) -> float | None:
    """The median round trip of ``SELECT 1`` on a raw psycopg connection (seconds)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "postgresql":
        return None
    import psycopg

    kw = {
        k: v
        for k, v in u.translate_connect_args(username="user", database="dbname").items()
        if v is not None
    }
    with psycopg.connect(autocommit=True, **kw) as raw:
        samples = []
        for _ in range(n):
            t0 = time.perf_counter()
            raw.execute("SELECT 1").fetchone()
            samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def _bench_clerk(args: argparse.Namespace) -> int:
    from counter import window as door
    from counter.commands.bench import bench_database_url
    from counter.demo.hall import DEMO_PASSWORD
    from counter.domain.applicants import ApplicantInput
    from counter.domain.checklist import MaterialCheck
    from counter.netproxy import DelayProxy
    from counter.services import backoffice, seal, tickets
    from counter.services.auth import sign_in
    from counter.services.base import Actor, Runtime
    from db.engine import is_sqlite
    from db.migrate import upgrade

    url = bench_database_url(args)
    upgrade(url)
    hall_id = _prepare(url)
    kiosk = Actor.system(hall_id, "kiosk")
    direct = Runtime(url)
    proxy: DelayProxy | None = None
    try:
        version_id, materials = _five_material_item(direct)
        for _ in range(args.repeat * 3 + 10):
            tickets.issue_ticket(direct, kiosk, "A")
        target = url
        if not is_sqlite(url):
            from sqlalchemy.engine import make_url

            u = make_url(url)
            proxy = DelayProxy(u.host or "127.0.0.1", u.port or 5432, args.rtt)
            target = proxy.url_for(url)
        rt = Runtime(target)
        desk = door.sign_in(rt, "1014", DEMO_PASSWORD, 14)
        door.open_window(rt, desk)
        applicant = ApplicantInput(name="压测申请人", id_number="11010519491231002X")
        checks = tuple(MaterialCheck(mid, "received") for mid in materials)
        request = door.IntakeRequest(version_id, applicant, checks)
        reviewer = sign_in(direct, "2002", DEMO_PASSWORD).actor
        keeper = sign_in(direct, "3001", DEMO_PASSWORD).actor

        samples: dict[str, list[tuple[float, int]]] = {a: [] for a in ACTIONS}

        def timed(name: str, fn: Callable[[], Any]) -> Any:
            if proxy is not None:
                proxy.reset()
            t0 = time.perf_counter()
            out = fn()
            elapsed = time.perf_counter() - t0
            samples[name].append((elapsed, proxy.round_trips if proxy is not None else 0))
            return out

        # warm up every path once (caches, prepared statements, pooled connections)
        door.next_visitor(rt, desk)
        door.recall(rt, desk)
        door.start(rt, desk)
        door.accept(rt, desk, request)
        for _ in range(args.repeat):
            timed("call_next", lambda: door.next_visitor(rt, desk))
            timed("recall", lambda: door.recall(rt, desk))
            timed("start", lambda: door.start(rt, desk))
            parked = timed("park", lambda: door.park(rt, desk))
            assert parked.ticket is not None
            timed("resume", functools.partial(door.resume, rt, desk, parked.ticket.id))
            result = timed("accept_5", lambda: door.accept(rt, desk, request))
            for node in ("first_review", "review", "decide"):
                backoffice.advance_case(direct, reviewer, result.case_no, node, "同意")
            seal.issue_decision(direct, keeper, result.case_no)
            timed(
                "hand_out",
                functools.partial(door.hand_out, rt, desk, result.case_no, applicant.id_number),
            )
        rtt = _raw_rtt(target)
    finally:
        direct.dispose()
        if proxy is not None:
            proxy.close()
    report: dict[str, Any] = {
        "database": "sqlite" if is_sqlite(url) else "postgresql",
        "added_rtt_ms": args.rtt if proxy is not None else None,
        "measured_rtt_ms": round(rtt * 1000, 3) if rtt is not None else None,
        "repeat": args.repeat,
        "actions": {},
    }
    for name, rows in samples.items():
        times = sorted(t for t, _ in rows)
        trips = sorted(n for _, n in rows)
        median = statistics.median(times)
        entry: dict[str, Any] = {
            "median_ms": round(median * 1000, 2),
            "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000, 2),
            "round_trips": statistics.median(trips) if proxy is not None else None,
        }
        if rtt:
            entry["time_in_rtts"] = round(median / rtt, 2)
            entry["beyond_round_trips_ms"] = round((median - entry["round_trips"] * rtt) * 1000, 2)
        report["actions"][name] = entry
    if args.indent is None:
        print_json(report)
    else:
        print(json.dumps(report, ensure_ascii=False, indent=args.indent))
    return 0
