"""The other PC of ``counter bench display``: makes calls, one after the other, and says when
each committed (``python -m counter.commands.display_caller --db URL --hall CODE ...``).

Each call is the clerk's "next" (finish the visitor at the window, call the next one) at the
windows in turn, through :func:`counter.services.calling.call_next`, in this process — as a
window PC would. For each call one JSON line goes to stdout: the ticket called and the
monotonic clock (``CLOCK_MONOTONIC``, shared by every process of the machine, in ns) just
before the call was sent and just after its commit returned. The display process pairs them
with the moment its widget painted the call.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def prepare_hall(url: str, hall: str, windows: int, tickets: int) -> None:
    """Migrate the database, make (or reset) the bench hall with every window open, and issue
    ``tickets`` tickets over its queues."""
    from counter.commands.bench import ensure_bench_hall
    from counter.services.base import Actor, Runtime
    from counter.services.tickets import issue_ticket
    from db.migrate import upgrade

    upgrade(url)
    ensure_bench_hall(url, hall, windows)
    rt = Runtime(url)
    try:
        actor = Actor.system(rt.hall_id(hall), "kiosk")
        for i in range(tickets):
            issue_ticket(rt, actor, "ABCD"[i % 4] if i % 3 else "A")
    finally:
        rt.dispose()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="display_caller")
    p.add_argument("--db", required=True)
    p.add_argument("--hall", default="BENCH")
    p.add_argument("--calls", type=int, default=200)
    p.add_argument("--windows", type=int, default=14)
    p.add_argument("--interval-ms", type=float, default=100.0)
    p.add_argument("--at", default=None, help="make the calls at this ISO time (tests)")
    p.add_argument("--no-warm-up", action="store_true", help="no first call before the signal")
    args = p.parse_args(argv)
    if args.at:
        import datetime as dt

        from counter import clock

        fixed = dt.datetime.fromisoformat(args.at)
        clock.set_clock(lambda: fixed)

    from counter.services import calling
    from counter.services.base import Actor, Runtime

    rt = Runtime(args.db)
    try:
        actor = Actor.system(rt.hall_id(args.hall), "bench")
        # Warm the pool and the statement caches: the first call is not the one measured.
        if not args.no_warm_up:
            calling.call_next(rt, actor, 1, finish_current=True)
        print(json.dumps({"ready": True}), flush=True)
        sys.stdin.readline()  # the display says when it is listening
        for i in range(args.calls):
            window = 1 + i % args.windows
            t0 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            result = calling.call_next(rt, actor, window, finish_current=True)
            t1 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            if result is not None:
                line = {
                    "ticket_id": result.ticket.id,
                    "number": result.ticket.number,
                    "window": window,
                    "t_send": t0,
                    "t_commit": t1,
                }
                print(json.dumps(line), flush=True)
            time.sleep(max(0.0, args.interval_ms / 1000 - (time.monotonic_ns() - t0) / 1e9))
        print(json.dumps({"done": True}), flush=True)
    finally:
        rt.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
