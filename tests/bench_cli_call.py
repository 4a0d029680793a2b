"""What ``counter queue call --repeat N`` costs per call through a loopback proxy adding RTT.

    .venv/bin/python tests/bench_cli_call.py postgresql://postgres@127.0.0.1:5432/bench_call --rtt 10

Migrates the database, seeds the demo hall if missing, issues tickets, then times two runs of the
real command through :class:`counter.netproxy.DelayProxy` — ``--repeat 1`` and ``--repeat N`` —
each the quickest of three, so start-up cost cancels out: per call = (t_N - t_1) / (N - 1), round trips likewise, and both as
multiples of the round trip measured by a bare ``SELECT 1`` in the same run. A figure, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.engine import make_url

from counter import clock
from counter.commands.bench_clerk import _prepare, _raw_rtt
from counter.netproxy import DelayProxy
from counter.services import tickets
from counter.services.base import Actor, Runtime
from db.migrate import upgrade
from db.models import Queue

COUNTER = str(Path(sys.executable).with_name("counter"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--rtt", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    clock.install_from_env()  # COUNTER_CLOCK, as the command it times will use
    upgrade(args.url)
    hall_id = _prepare(args.url)
    rt = Runtime(args.url)
    with rt.unit() as s:
        s.execute(update(Queue).where(Queue.hall_id == hall_id).values(daily_cap=None))
    kiosk = Actor.system(hall_id, "kiosk")
    for _ in range(3 * (args.repeat + 1) + 5):
        tickets.issue_ticket(rt, kiosk, "A")
    rt.dispose()
    u = make_url(args.url)
    proxy = DelayProxy(u.host or "127.0.0.1", u.port or 5432, args.rtt)
    target = proxy.url_for(args.url)
    env = dict(os.environ)

    def run(n: int) -> tuple[float, int]:
        proxy.reset()
        t0 = time.perf_counter()
        subprocess.run(
            [COUNTER, "queue", "call", "--window", "13", "--repeat", str(n), "--db", target],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - t0, proxy.round_trips

    try:
        # the quickest of three runs of each: start-up time varies with the machine's load
        t1, r1 = min(run(1) for _ in range(3))
        tn, rn = min(run(args.repeat) for _ in range(3))
        rtt = _raw_rtt(target) or 0.0
    finally:
        proxy.close()
    per_call = (tn - t1) / (args.repeat - 1)
    trips = (rn - r1) / (args.repeat - 1)
    print(
        json.dumps(
            {
                "added_rtt_ms": args.rtt,
                "measured_rtt_ms": round(rtt * 1000, 2),
                "per_call_ms": round(per_call * 1000, 2),
                "round_trips_per_call": round(trips, 2),
                "beyond_round_trips_ms": round((per_call - trips * rtt) * 1000, 2),
                "per_call_in_rtts": round(per_call / rtt, 2) if rtt else None,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
