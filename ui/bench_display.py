"""``counter bench display``: how long a call made on another PC takes to reach the hall
display's screen, from its commit to the repaint.

The bench makes (or resets) its own hall (``BENCH``: queues without hours or cap, every window
open), issues enough tickets, and opens a real :class:`ui.hall_display.HallDisplay` on it
(offscreen when the machine has no display), with its real event subscription (``LISTEN`` on
PostgreSQL, the polled change log on SQLite). Another process
(:mod:`counter.commands.display_caller`) then calls the tickets one after the other, as a
window PC does, and prints when each call committed; the display records when it first painted
each call (as the current call, or among the last calls when two came in within one frame). Both read ``CLOCK_MONOTONIC``, which every process of a machine
shares.

Figures (milliseconds): ``latency`` commit → repaint (median / p95 / max); ``call`` the
caller's own round trip (send → commit returned); ``baseline`` a change applied inside the
display process and repainted (the display's own share: applying the change and painting),
measured in the same run; the ratios divide the latency by each.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import statistics
import sys
import time
from typing import Any

from PySide6.QtCore import QProcess

from counter.changes import Change

log = logging.getLogger(__name__)


def _ms(ns: float) -> float:
    return round(ns / 1e6, 2)


def _stats(values_ns: list[float]) -> dict[str, float]:
    if not values_ns:
        return {"median": float("nan"), "p95": float("nan"), "max": float("nan"), "n": 0}
    ordered = sorted(values_ns)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": _ms(statistics.median(ordered)),
        "p95": _ms(p95),
        "max": _ms(ordered[-1]),
        "n": len(ordered),
    }


def _now() -> int:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def run_bench(url: str, hall: str = "BENCH", calls: int = 200, interval_ms: float = 100.0,
              windows: int = 14) -> dict[str, Any]:  # fmt: skip
    """Run the benchmark on the database at ``url``; returns the summary."""
    from counter import display as door
    from counter.commands.display_caller import prepare_hall
    from counter.services.base import Runtime
    from ui.hall_display import HallDisplay
    from ui.public_backend import ScreenBackend
    from ui.screenshots import settle, wait_for

    prepare_hall(url, hall, windows, calls + windows + 2)
    rt = Runtime(url)
    backend: ScreenBackend[door.Screen] = ScreenBackend(rt)
    result: dict[str, Any] = {"backend": "postgresql" if rt.is_postgres else "sqlite"}
    try:
        backend.ident = door.open_screen(rt, hall)
        view = HallDisplay(backend, speak=False)
        painted: dict[tuple[int, int, int], int] = {}

        def on_paint(keys: tuple[tuple[int, int, int], ...]) -> None:
            now = _now()
            for key in keys:
                painted.setdefault(key, now)

        view.on_paint = on_paint
        view.resize(1920, 1080)
        view.show()
        view.start()
        wait_for(lambda: view.state is not None and view.events is not None
                 and view.events.connected, 20000, "display ready")  # fmt: skip
        settle(300)

        # Baseline: a change applied inside this process, to its repaint.
        base: list[float] = []
        assert view.state is not None
        first_id = 10**9
        for i in range(30):
            key = (first_id + i, 1 + i % windows, 0)
            change = Change(
                "ticket.called",
                view.state.board.hall_id,
                {"ticket_id": key[0], "number": f"Z{i + 1:03d}", "window": key[1]},
                at=dt.datetime.now(dt.UTC).isoformat(),
                id=None,
            )
            t0 = _now()
            view.on_change(change)
            wait_for(lambda key=key: key in painted, 5000, "local repaint")  # type: ignore[misc]
            base.append(painted[key] - t0)
            settle(20)

        # The calls, from another process.
        proc = QProcess()
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        lines: list[dict[str, Any]] = []
        buf = bytearray()

        def read() -> None:
            buf.extend(bytes(proc.readAllStandardOutput().data()))
            while b"\n" in buf:
                raw, _, rest = bytes(buf).partition(b"\n")
                buf[:] = rest
                try:
                    lines.append(json.loads(raw))
                except ValueError:
                    log.warning("caller said: %r", raw[:200])

        proc.readyReadStandardOutput.connect(read)
        proc.start(
            sys.executable,
            ["-m", "counter.commands.display_caller", "--db", url, "--hall", hall,
             "--calls", str(calls), "--windows", str(windows),
             "--interval-ms", str(interval_ms)],
        )  # fmt: skip
        wait_for(lambda: any(x.get("ready") for x in lines), 60000, "caller ready")
        settle(500)  # the warm-up call reaches the screen
        proc.write(b"go\n")
        wait_for(lambda: any(x.get("done") for x in lines), int(calls * interval_ms * 3 + 60000),
                 "calls made")  # fmt: skip
        made = [x for x in lines if "ticket_id" in x]
        try:
            wait_for(lambda: all((x["ticket_id"], x["window"], 0) in painted for x in made),
                 10000, "every call painted")  # fmt: skip
        except TimeoutError:
            missing = [x for x in made if (x["ticket_id"], x["window"], 0) not in painted]
            log.warning("%d of %d calls never painted", len(missing), len(made))
            made = [x for x in made if (x["ticket_id"], x["window"], 0) in painted]
            result["not_painted"] = len(missing)
        proc.waitForFinished(10000)

        latency = [painted[(x["ticket_id"], x["window"], 0)] - x["t_commit"] for x in made]
        send = [painted[(x["ticket_id"], x["window"], 0)] - x["t_send"] for x in made]
        call = [x["t_commit"] - x["t_send"] for x in made]
        lat, bl, cl = _stats(latency), _stats(base), _stats(call)
        result.update(
            {
                "calls": len(made),
                "interval_ms": interval_ms,
                "latency_commit_to_repaint_ms": lat,
                "latency_send_to_repaint_ms": _stats(send),
                "call_round_trip_ms": cl,
                "baseline_local_repaint_ms": bl,
                "ratio_to_local_repaint": {
                    "median": round(lat["median"] / bl["median"], 1) if bl["median"] else None,
                    "p95": round(lat["p95"] / bl["p95"], 1) if bl["p95"] else None,
                },
                "ratio_to_call_round_trip": {
                    "median": round(lat["median"] / cl["median"], 2) if cl["median"] else None,
                    "p95": round(lat["p95"] / cl["p95"], 2) if cl["p95"] else None,
                },
                "display_reads": view.reads,
                "events_received": view.events.received if view.events else 0,
                "subscription": (
                    "LISTEN/NOTIFY"
                    if rt.is_postgres
                    else f"change log polled every {view.events.poll_interval * 1000:.0f} ms"
                    if view.events and view.events.poll_interval
                    else ""
                ),  # fmt: skip
            }
        )
        view.stop()
        view.close()
    finally:
        backend.close()
        rt.dispose()
    return result
