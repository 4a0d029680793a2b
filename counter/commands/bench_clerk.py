"""``counter bench clerk --rtt MS``: what a clerk's key press costs over a slow network.

A loopback TCP proxy (:class:`counter.netproxy.DelayProxy`) adding ``--rtt`` milliseconds of
round trip sits in front of the database, and the window's door (:mod:`counter.window`) is driven
exactly as the window client drives it — one door call per key press, its result applied as it
is, no refresh after — for: call next (F1: finish + call + the window's new state), recall (F2),
start (card read), park (F4), resume, accept a 5-material case (Ctrl+Enter) and hand out (出件).

Each press is reported as its time, its round trips counted by the proxy, and both as multiples
of the round trip measured in the same run (a bare ``SELECT 1`` on a raw connection through the
proxy). Runnable on a fresh database: it migrates ``--db``, seeds the catalogue and the calendar
if they are missing, and uses its own hall (``BENCH``, emptied of tickets first) with its own
clerk. On SQLite there is no network: ``--rtt`` is ignored and only times are reported.
"""

from __future__ import annotations

import argparse
import functools
import json
import secrets
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
    c.add_argument("--hall", default="BENCH", metavar="CODE")
    c.add_argument("--indent", type=int, default=None)
    c.set_defaults(func=_bench_clerk)


def _prepare(url: str, code: str) -> tuple[int, str, str]:
    """The bench hall with one window and a clerk; returns (hall id, staff no, password)."""
    from sqlalchemy import select

    from counter.commands.bench import ensure_bench_hall
    from counter.domain.passwords import hash_password
    from counter.services.auth import add_staff_row
    from counter.services.base import CLERK, Runtime
    from counter.services.calendar import seed_national_calendar
    from counter.services.catalog import seed_catalogue
    from db.models import Seal, ServiceItem, Staff

    hall_id = ensure_bench_hall(url, code, 2)
    rt = Runtime(url)
    staff_no = f"{code}-CLERK"
    password = secrets.token_urlsafe(12)
    try:
        with rt.unit() as s:
            has_items = s.scalars(select(ServiceItem.id).limit(1)).first() is not None
        if not has_items:
            seed_catalogue(rt)
        seed_national_calendar(rt)
        with rt.unit() as s:
            if s.scalars(select(Seal.id).where(Seal.hall_id == hall_id)).first() is None:
                s.add(Seal(hall_id=hall_id, name="压测大厅行政审批专用章（样章）", kind="approval"))
            old = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
            if old is None:
                add_staff_row(s, hall_id, staff_no, "压测窗口人员", password, (CLERK,))
            else:  # a new password for this run (the clerk's history stays)
                old.password_hash = hash_password(password)
                old.failed_attempts, old.locked_until, old.active = 0, None, True
    finally:
        rt.dispose()
    return hall_id, staff_no, password


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
    from counter.bootstrap import database_url
    from counter.domain.applicants import ApplicantInput
    from counter.domain.checklist import MaterialCheck
    from counter.netproxy import DelayProxy
    from counter.services import backoffice, tickets
    from counter.services.base import Actor, Runtime
    from db.engine import is_sqlite
    from db.migrate import upgrade

    url = database_url(args)
    upgrade(url)
    hall_id, staff_no, password = _prepare(url, args.hall)
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
        desk = door.sign_in(rt, staff_no, password, 1)
        door.open_window(rt, desk)
        applicant = ApplicantInput(name="压测申请人", id_number="11010519491231002X")
        checks = tuple(MaterialCheck(mid, "received") for mid in materials)
        request = door.IntakeRequest(version_id, applicant, checks)
        reviewer = Actor.system(hall_id, "bench")

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
            for step in ("first_review", "review", "approve", "complete"):
                backoffice.advance_case(direct, reviewer, result.case_no, step, comment="同意")
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
