"""``counter bench day``: a busy hall for a simulated day, and what each person waits for.

The day (:func:`simulate_day`) runs in one process, every party on its own connections as on
its own PC:

- ``--windows`` clerks (threads), each signed in at its window through the window's door
  (:mod:`counter.window`): call next, start, serve a few milliseconds, finish — until the kiosk
  is done and nobody waits for the window;
- a kiosk (:mod:`counter.kiosk`) issuing ``--tickets`` tickets into queues A–D (55/15/15/15 %);
- the hall display and every window display (:mod:`counter.display`) following the change
  events (:func:`counter.events.subscribe`: LISTEN on PostgreSQL, the change log polled on
  SQLite), applied to their state as the screens apply them;
- the hall manager (:mod:`counter.manager`) reading the live floor and the day's report while
  it all goes on.

Before the day, a **baseline** is measured in the same run: one window alone, the kiosk issuing
``--baseline`` tickets one at a time, each called, started and finished before the next, the
displays listening and the manager reading after each — the same code with nobody else about.

Reported (JSON): p50, p95 and max in milliseconds of *issue* (a kiosk press), *call* (the
window's "next"), *display lag* (from the press of "next" to the hall display's callback
holding the call), *floor* (the manager's live view) and *report* (the day's report), for the
baseline and the day, and the day's figures as multiples of the baseline's; then the checks:
numbers unique and gap-free per queue, no ticket called twice, none lost, no window holding two,
every call seen by the display and the displays caught up, the manager's figures equal to the
tickets table. Exit 1 if a check fails.

Runnable on a fresh database: it migrates ``--db`` and creates (or empties) its own hall,
``BENCHDAY`` unless ``--hall`` says otherwise, with its windows, a clerk per window and a
manager (``CODE-01`` …, ``CODE-M``, a random password each run). The day is simulated: unless
``COUNTER_CLOCK`` is set, it runs on a clock started at ``--start`` (a working-day morning), so
the bench works at any hour; the tickets belong to that day of the bench hall only.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from counter.commands.common import print_json

QUEUE_MIX = (("A", 0.55), ("B", 0.15), ("C", 0.15), ("D", 0.15))
DEFAULT_START = "2026-03-10T09:00:00+08:00"  # a Tuesday, a working day
LATENCIES = ("issue", "call", "display_lag", "floor", "report")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    d = sub.add_parser(
        "day",
        parents=[common],
        help="模拟繁忙大厅的一天：取号、叫号、显示屏、管理员报表的延迟 / a busy hall's day",
    )
    d.add_argument("--hall", default="BENCHDAY", metavar="CODE", help="压测大厅编码")
    d.add_argument("--windows", type=int, default=34, help="窗口数（默认34）")
    d.add_argument("--tickets", type=int, default=2000, help="当天取号总数（默认2000）")
    d.add_argument("--baseline", type=int, default=40, help="单窗口基线的号数（含在总数内）")
    d.add_argument("--service-ms", type=float, default=10.0, help="每位办理的毫秒数（上限，随机）")
    d.add_argument(
        "--issue-ms", type=float, default=0.0, help="两次取号之间的毫秒数（默认0：连续取号）"
    )
    d.add_argument("--idle-ms", type=float, default=1000.0,
                   help="无人等候时窗口最多等多久再叫（有人取号即唤醒）")  # fmt: skip
    d.add_argument("--kiosks", type=int, default=2, help="取号机台数（默认2，按顺序分担号票）")
    d.add_argument("--window-displays", type=int, default=3, help="跟随事件的窗口屏数")
    d.add_argument("--start", default=DEFAULT_START, help="模拟时钟的起点（未设 COUNTER_CLOCK 时）")
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--indent", type=int, default=None)
    d.set_defaults(func=_bench_day)


# --------------------------------------------------------------------------------------------
# The hall
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayHall:
    """The bench hall: its id and code, the clerks' staff numbers by window, the manager's,
    and the password they all have for this run."""

    hall_id: int
    code: str
    clerks: dict[int, str]
    manager: str
    password: str


def prepare_hall(url: str, code: str, windows: int) -> DayHall:
    """Create (or empty) hall ``code`` with ``windows`` open windows serving queues A–D (see
    :func:`counter.commands.bench.ensure_bench_hall`), a clerk per window and a manager, all
    with a fresh random password. The database must be migrated."""
    from sqlalchemy import select, update

    from counter import clock
    from counter.commands.bench import ensure_bench_hall
    from counter.domain.passwords import hash_password
    from counter.services.base import CLERK, MANAGER, Runtime
    from db.models import Staff, StaffRole, Window

    hall_id = ensure_bench_hall(url, code, windows)
    password = secrets.token_urlsafe(12)
    digest = hash_password(password)  # once: every bench account has it
    clerks = {n: f"{code}-{n:02d}" for n in range(1, windows + 1)}
    manager = f"{code}-M"
    rt = Runtime(url)
    try:
        with rt.unit() as s:
            s.execute(
                update(Window).where(Window.hall_id == hall_id).values(staff_id=None, state="open")
            )
            wanted = {**{no: CLERK for no in clerks.values()}, manager: MANAGER}
            have = {
                st.staff_no: st
                for st in s.scalars(select(Staff).where(Staff.staff_no.in_(list(wanted))))
            }
            for no, role in wanted.items():
                st = have.get(no)
                if st is None:
                    st = Staff(hall_id=hall_id, staff_no=no, name=f"压测{no[-2:]}",
                               password_hash=digest, created_at=clock.now(),
                               roles=[StaffRole(role=role)])  # fmt: skip
                    s.add(st)
                st.hall_id, st.password_hash, st.active = hall_id, digest, True
                st.failed_attempts, st.locked_until, st.must_change_password = 0, None, False
    finally:
        rt.dispose()
    return DayHall(hall_id, code, clerks, manager, password)


# --------------------------------------------------------------------------------------------
# The day
# --------------------------------------------------------------------------------------------


@dataclass
class DayRun:
    """What every party saw during the day, for the caller to check against the database.

    ``issued``: (ticket id, number, queue) as the kiosk got them; ``calls``: (window, ticket id)
    as the windows got them; ``display_calls``: ticket id → how often the hall display's
    callback got its ``ticket.called``; ``board_final`` / ``board_fresh``: the hall display's
    state as kept from events, and as read afresh at the end (likewise ``panels_*`` for the
    window displays); ``floor`` / ``report``: the manager's last reading after the day;
    ``manager_reads``: live views and reports read during the day; ``manager_odd``: anything
    the manager saw that cannot be (figures going back, more served than issued);
    ``latency``: phase → name → seconds."""

    hall: DayHall
    windows: int
    issued: list[tuple[int, str, str]] = field(default_factory=list)
    calls: list[tuple[int, int]] = field(default_factory=list)
    display_calls: Counter[int] = field(default_factory=Counter)
    board_final: Any = None
    board_fresh: Any = None
    panels_final: dict[int, Any] = field(default_factory=dict)
    panels_fresh: dict[int, Any] = field(default_factory=dict)
    floor: Any = None
    report: Any = None
    manager_reads: Counter[str] = field(default_factory=Counter)
    manager_odd: list[str] = field(default_factory=list)
    latency: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    day_s: float = 0.0


class _Displays:
    """The hall display and the window displays of one PC, kept from change events."""

    def __init__(self, rt: Any, code: str, panels: tuple[int, ...], bell: _Bell) -> None:
        from counter import display

        self._display = display
        self.rt = rt
        self.bell = bell
        self.screen = display.open_screen(rt, code)
        self.board = display.read_board(rt, self.screen)
        self.panels = {n: display.read_window(rt, self.screen, n) for n in panels}
        self.arrived: dict[int, float] = {}
        self.calls: Counter[int] = Counter()
        self.rereads = 0
        self.lock = threading.Lock()

    def on_event(self, ev: Any) -> None:
        now = time.perf_counter()
        d = self._display
        if ev.type == "ticket.issued":
            self.bell.ring(str(ev.payload.get("queue") or ""))
        with self.lock:
            if ev.type == "ticket.called":
                tid = int(ev.payload["ticket_id"])
                self.calls[tid] += 1
                self.arrived.setdefault(tid, now)
            self.board, _call = d.apply_change(self.board, ev)
            for n, panel in self.panels.items():
                new, _c, reread = d.apply_window_change(panel, ev)
                if reread:
                    self.rereads += 1
                    new = d.read_window(self.rt, self.screen, n)
                self.panels[n] = new
            if d.needs_reread(ev):
                self.rereads += 1
                self.board = d.read_board(self.rt, self.screen)


class _Bell:
    """Wakes one idle clerk serving a queue when someone joins its line (as the window screen
    shows its queues' counts from events): no window polls the database in a tight loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[str, list[threading.Event]] = {}

    def wait(self, queues: tuple[str, ...], timeout: float) -> None:
        ev = threading.Event()
        with self._lock:
            for q in queues:
                self._idle.setdefault(q, []).append(ev)
        ev.wait(timeout)
        with self._lock:
            for q in queues:
                waiting = self._idle.get(q, [])
                if ev in waiting:
                    waiting.remove(ev)

    def ring(self, queue: str) -> None:
        with self._lock:
            waiting = self._idle.get(queue)
            if waiting:
                waiting.pop(0).set()

    def ring_all(self) -> None:
        with self._lock:
            for waiting in self._idle.values():
                for ev in waiting:
                    ev.set()
                waiting.clear()


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _ms(v: float | None) -> float | None:
    return None if v is None else round(v * 1000, 2)


def simulate_day(
    url: str,
    *,
    hall_code: str = "BENCHDAY",
    windows: int = 34,
    tickets: int = 2000,
    baseline: int = 40,
    service_s: float = 0.01,
    issue_gap_s: float = 0.0,
    idle_s: float = 1.0,
    window_displays: int = 3,
    kiosks: int = 2,
    seed: int = 1,
    timeout_s: float = 600.0,
) -> DayRun:
    """Run the day on ``url`` (migrated) as the module docstring says, on the clock in use
    (:func:`counter.clock.now`). Returns what each party saw; checks nothing itself."""
    from counter import clock, kiosk, manager
    from counter import window as door
    from counter.commands.bench import _window_queues
    from counter.events import subscribe
    from counter.services.base import Runtime

    started = time.perf_counter()
    hall = prepare_hall(url, hall_code, windows)
    run = DayRun(hall, windows)
    run.latency = {"baseline": {k: [] for k in LATENCIES}, "day": {k: [] for k in LATENCIES}}
    rng = random.Random(seed)
    prefixes = [p for p, _ in QUEUE_MIX]
    weights = [w for _, w in QUEUE_MIX]
    baseline = max(0, min(baseline, tickets))
    plan = [rng.choices(prefixes, weights)[0] for _ in range(tickets - baseline)]
    lock = threading.Lock()
    call_start: dict[int, float] = {}

    def timed(phase: str, name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        out = fn()
        run.latency[phase][name].append(time.perf_counter() - t0)
        return out

    disp_rt = Runtime(url)
    bell = _Bell()
    panels = tuple(sorted({1, (windows + 1) // 2, windows}))[: max(0, window_displays)]
    displays = _Displays(disp_rt, hall.code, panels, bell)
    sub = subscribe(url, hall.hall_id, displays.on_event)
    runtimes: list[Any] = [disp_rt]
    try:
        if not sub.wait_ready(30):
            run.errors.append("display: subscription not ready")
        kiosk_rt = Runtime(url)
        mgr_rt = Runtime(url)
        runtimes += [kiosk_rt, mgr_rt]
        the_kiosk = kiosk.open_kiosk(kiosk_rt, hall.code)
        boss = manager.sign_in(mgr_rt, hall.manager, hall.password).actor
        day = clock.today()  # the hall's local day (the bench hall is in the hall zone)

        def issue(phase: str, prefix: str, krt: Any = kiosk_rt, kio: Any = the_kiosk) -> None:
            t = timed(phase, "issue", lambda: kiosk.take_ticket(krt, kio, prefix))
            with lock:
                run.issued.append((t.ticket_id, t.number, prefix))

        def wait_seen(tid: int, limit: float = 10.0) -> None:
            deadline = time.monotonic() + limit
            while tid not in displays.arrived and time.monotonic() < deadline:
                time.sleep(0.0005)

        # ---- baseline: one window alone --------------------------------------------------
        rt1 = Runtime(url)
        runtimes.append(rt1)
        desk1 = door.sign_in(rt1, hall.clerks[1], hall.password, 1)
        door.open_window(rt1, desk1)
        for _ in range(baseline):
            issue("baseline", "A")
            t0 = time.perf_counter()
            r = door.next_visitor(rt1, desk1)
            run.latency["baseline"]["call"].append(time.perf_counter() - t0)
            if r.ticket is None:
                run.errors.append("baseline: the ticket just issued was not called")
                break
            call_start[r.ticket.id] = t0
            run.calls.append((1, r.ticket.id))
            wait_seen(r.ticket.id)
            door.start(rt1, desk1)
            door.finish(rt1, desk1)
            timed("baseline", "floor", lambda: manager.live_floor(mgr_rt, boss))
            timed("baseline", "report", lambda: manager.day_report(mgr_rt, boss, day))

        # ---- the day ---------------------------------------------------------------------
        kiosk_done = threading.Event()
        stop = threading.Event()
        ready = threading.Barrier(windows + kiosks + 2)

        kiosks_left = [kiosks]

        def kiosk_thread(part: list[str], krt: Any, kio: Any) -> None:
            try:
                ready.wait()
                for prefix in part:
                    if stop.is_set():
                        return
                    issue("day", prefix, krt, kio)
                    if issue_gap_s:
                        time.sleep(issue_gap_s)
            except Exception as exc:  # noqa: BLE001 - reported
                run.errors.append(f"kiosk: {exc!r}")
            finally:
                with lock:
                    kiosks_left[0] -= 1
                    if kiosks_left[0] == 0:
                        kiosk_done.set()

        def window_thread(number: int, wrng: random.Random) -> None:
            rt = rt1 if number == 1 else Runtime(url)
            if number != 1:
                with lock:
                    runtimes.append(rt)
            mine: list[tuple[int, int]] = []
            lat: list[float] = []
            queues = tuple(_window_queues(number, windows))
            try:
                if number == 1:
                    desk = desk1
                else:
                    desk = door.sign_in(rt, hall.clerks[number], hall.password, number)
                    door.open_window(rt, desk)
                ready.wait()
                while not stop.is_set():
                    done = kiosk_done.is_set()
                    t0 = time.perf_counter()
                    r = door.next_visitor(rt, desk)
                    t1 = time.perf_counter()
                    if r.ticket is None:
                        if done:
                            break  # nobody waits for this window, and nobody more will come
                        # nobody waits: the clerk looks again in a moment (as a clerk
                        # glances at the line on the screen), not in a tight loop
                        bell.wait(queues, idle_s)
                        continue
                    lat.append(t1 - t0)
                    with lock:
                        call_start[r.ticket.id] = t0
                    mine.append((number, r.ticket.id))
                    door.start(rt, desk)
                    if service_s:
                        time.sleep(wrng.uniform(0, service_s))
                    door.finish(rt, desk)
            except Exception as exc:  # noqa: BLE001 - reported
                run.errors.append(f"window {number}: {exc!r}")
                if isinstance(exc, threading.BrokenBarrierError):
                    return
                ready.abort()
            finally:
                with lock:
                    run.calls.extend(mine)
                    run.latency["day"]["call"].extend(lat)

        def manager_thread() -> None:
            last_issued = last_served = 0
            try:
                ready.wait()
                n = 0
                while not stop.is_set():
                    fl = timed("day", "floor", lambda: manager.live_floor(mgr_rt, boss))
                    run.manager_reads["floor"] += 1
                    if fl.issued_today < last_issued or fl.served_today < last_served:
                        run.manager_odd.append(f"went back: {fl.issued_today}/{fl.served_today}")
                    if fl.served_today > fl.issued_today:
                        run.manager_odd.append(f"served {fl.served_today} > {fl.issued_today}")
                    last_issued, last_served = fl.issued_today, fl.served_today
                    if n % 4 == 0:
                        rep = timed("day", "report", lambda: manager.day_report(mgr_rt, boss, day))
                        run.manager_reads["report"] += 1
                        if rep.tickets.served > rep.tickets.issued:
                            run.manager_odd.append("report: served > issued")
                    n += 1
                    stop.wait(0.25)
            except Exception as exc:  # noqa: BLE001 - reported
                run.errors.append(f"manager: {exc!r}")

        workers = []
        for k in range(kiosks):
            krt = kiosk_rt if k == 0 else Runtime(url)
            if k:
                runtimes.append(krt)
            kio = kiosk.open_kiosk(krt, hall.code)
            workers.append(
                threading.Thread(
                    target=kiosk_thread, args=(plan[k::kiosks], krt, kio), name=f"kiosk{k}"
                )
            )
        workers += [
            threading.Thread(
                target=window_thread, args=(n, random.Random(seed * 1000 + n)), name=f"w{n}"
            )
            for n in range(1, windows + 1)
        ]
        mgr = threading.Thread(target=manager_thread, name="manager")
        t_day = time.perf_counter()
        for t in [*workers, mgr]:
            t.start()
        try:
            ready.wait(timeout=120)
        except threading.BrokenBarrierError:
            run.errors.append("the day did not start (a party failed to sign in)")
        for t in workers:
            t.join(timeout=max(1.0, timeout_s - (time.perf_counter() - started)))
        run.day_s = time.perf_counter() - t_day
        if any(t.is_alive() for t in workers):
            run.errors.append("the day did not end in time")
        stop.set()
        bell.ring_all()
        mgr.join(timeout=60)

        # ---- after the day: the displays catch up, the manager reads once more -----------
        called = {tid for _, tid in run.calls}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not called <= displays.arrived.keys():
            time.sleep(0.05)
        time.sleep(0.5)  # the last finishes' events
        with displays.lock:
            run.board_final = displays.board
            run.panels_final = dict(displays.panels)
            run.display_calls = Counter(displays.calls)
        from counter import display

        run.board_fresh = display.read_board(disp_rt, displays.screen)
        run.panels_fresh = {n: display.read_window(disp_rt, displays.screen, n) for n in panels}
        run.floor = manager.live_floor(mgr_rt, boss)
        run.report = manager.day_report(mgr_rt, boss, day)
        for phase, calls in (("baseline", run.calls[:baseline]), ("day", run.calls[baseline:])):
            for _w, tid in calls:
                if tid in displays.arrived and tid in call_start:
                    run.latency[phase]["display_lag"].append(
                        displays.arrived[tid] - call_start[tid]
                    )
    finally:
        sub.close()
        for rt in runtimes:
            rt.dispose()
    run.elapsed_s = time.perf_counter() - started
    return run


# --------------------------------------------------------------------------------------------
# The truth, and the checks
# --------------------------------------------------------------------------------------------


def tickets_truth(url: str, hall_id: int) -> dict[str, Any]:
    """The day as the tickets table holds it: tickets by issuing queue (their sequence
    numbers), by state, by state and queue, called (first call set), calls per window (the
    ``called`` events), tickets held per window."""
    from sqlalchemy import select

    from counter.services.base import Runtime
    from db.models import Queue, Ticket, TicketEvent, Window

    rt = Runtime(url)
    try:
        with rt.unit(read_only=True) as s:
            prefix = dict(
                s.execute(select(Queue.id, Queue.prefix).where(Queue.hall_id == hall_id)).all()
            )
            wnum = dict(
                s.execute(select(Window.id, Window.number).where(Window.hall_id == hall_id)).all()
            )
            rows = s.execute(
                select(Ticket.id, Ticket.number, Ticket.issue_queue_id, Ticket.queue_id,
                       Ticket.seq, Ticket.state, Ticket.first_called_at)
                .where(Ticket.hall_id == hall_id)
            ).all()  # fmt: skip
            events = s.execute(
                select(TicketEvent.ticket_id, TicketEvent.window_id)
                .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                .where(Ticket.hall_id == hall_id, TicketEvent.type == "called")
            ).all()
            held = [
                w
                for w in s.scalars(
                    select(Window.current_ticket_id).where(
                        Window.hall_id == hall_id, Window.current_ticket_id.is_not(None)
                    )
                )
            ]
    finally:
        rt.dispose()
    seqs: dict[str, list[int]] = {}
    for _id, _no, iq, _q, seq, _st, _f in rows:
        seqs.setdefault(prefix[iq], []).append(int(seq))
    return {
        "ids": {int(r[0]) for r in rows},
        "numbers": {int(r[0]): str(r[1]) for r in rows},
        "seqs": {p: sorted(v) for p, v in seqs.items()},
        "states": Counter(str(r[5]) for r in rows),
        "waiting_by_queue": Counter(prefix[r[3]] for r in rows if r[5] == "waiting"),
        "issued_by_queue": Counter(prefix[r[2]] for r in rows),
        "served_by_queue": Counter(prefix[r[3]] for r in rows if r[5] == "done"),
        "called": sum(1 for r in rows if r[6] is not None),
        "call_events": Counter(int(t) for t, _w in events),
        "calls_by_window": Counter(wnum[w] for _t, w in events if w is not None),
        "held": held,
    }


def check_day(run: DayRun, truth: dict[str, Any]) -> dict[str, Any]:
    """The checks of the day, each a count that must be 0 (or a flag that must be true)."""
    issued_ids = [tid for tid, _n, _p in run.issued]
    called = [tid for _w, tid in run.calls]
    numbers = [n for _t, n, _p in run.issued]
    gaps = sum(1 for seq in truth["seqs"].values() if seq != list(range(1, len(seq) + 1)))
    states = truth["states"]
    not_done_or_waiting = sum(n for st, n in states.items() if st not in ("done", "waiting"))
    report = run.report.tickets if run.report is not None else None
    floor = run.floor
    manager_ok = bool(
        report is not None
        and floor is not None
        and report.issued == len(truth["ids"])
        and report.called == truth["called"]
        and report.served == states["done"]
        and report.no_show == 0
        and report.voided == 0
        and {r.key: r.issued for r in run.report.by_queue if r.issued}
        == dict(truth["issued_by_queue"])
        and {int(r.key): r.called for r in run.report.by_window if r.called}
        == dict(truth["calls_by_window"])
        and floor.issued_today == len(truth["ids"])
        and floor.served_today == states["done"]
        and {q.prefix: q.waiting for q in floor.queues if q.waiting}
        == dict(truth["waiting_by_queue"])
        and {q.prefix: q.served for q in floor.queues if q.served} == dict(truth["served_by_queue"])
    )
    board = run.board_final.board if run.board_final is not None else None
    fresh = run.board_fresh.board if run.board_fresh is not None else None
    displays_caught_up = bool(
        board is not None
        and fresh is not None
        and {p: c.waiting for p, c in board.counts.items()}
        == {p: c.waiting for p, c in fresh.counts.items()}
        and {n: (ln.state, ln.ticket) for n, ln in board.lines.items()}
        == {n: (ln.state, ln.ticket) for n, ln in fresh.lines.items()}
        and all(
            (run.panels_final[n].line.state, run.panels_final[n].line.ticket)
            == (p.line.state, p.line.ticket)
            for n, p in run.panels_fresh.items()
        )
    )
    return {
        "issued": len(issued_ids),
        "called": len(called),
        "duplicate_numbers": len(numbers) - len(set(numbers)),
        "numbers_with_gaps": gaps,
        "issued_unknown_to_db": len(set(issued_ids) - truth["ids"]),
        "in_db_not_issued": len(truth["ids"] - set(issued_ids)),
        "called_twice": sum(1 for n in Counter(called).values() if n > 1)
        + sum(1 for n in truth["call_events"].values() if n > 1),
        "calls_unknown_to_db": len(set(called) - set(truth["call_events"])),
        "lost": not_done_or_waiting + len(set(issued_ids) - truth["ids"]),
        "called_unknown_to_windows": len(set(truth["call_events"]) - set(called)),
        "window_holding_two": len(truth["held"]) - len(set(truth["held"])),
        "display_missed": len(set(called) - set(run.display_calls)),
        "display_twice": sum(1 for n in run.display_calls.values() if n > 1),
        "displays_caught_up": displays_caught_up,
        "manager_matches_tickets": manager_ok,
        "manager_odd": len(run.manager_odd),
        "errors": list(run.errors),
    }


def checks_pass(checks: dict[str, Any]) -> bool:
    zero = ("duplicate_numbers", "numbers_with_gaps", "issued_unknown_to_db", "in_db_not_issued",
            "called_twice", "calls_unknown_to_db", "lost", "called_unknown_to_windows", "window_holding_two",
            "display_missed", "display_twice", "manager_odd")  # fmt: skip
    return (
        all(checks[k] == 0 for k in zero)
        and checks["displays_caught_up"]
        and checks["manager_matches_tickets"]
        and not checks["errors"]
    )


def summary(run: DayRun, checks: dict[str, Any], backend: str) -> dict[str, Any]:
    """The JSON the command prints: latencies (ms) of the baseline and the day, their ratios,
    the checks."""
    lat: dict[str, Any] = {}
    for name in LATENCIES:
        base, day = run.latency["baseline"][name], run.latency["day"][name]
        entry: dict[str, Any] = {}
        for label, values in (("baseline", base), ("day", day)):
            entry[label] = {
                "p50": _ms(_pct(values, 0.5)),
                "p95": _ms(_pct(values, 0.95)),
                "max": _ms(max(values) if values else None),
                "n": len(values),
            }
        ratio: dict[str, float | None] = {}
        for k in ("p50", "p95", "max"):
            b, d = entry["baseline"][k], entry["day"][k]
            ratio[k] = round(d / b, 2) if b and d is not None else None
        entry["day_over_baseline"] = ratio
        lat[name] = entry
    return {
        "bench": "day",
        "backend": backend,
        "hall": run.hall.code,
        "windows": run.windows,
        "tickets": checks["issued"],
        "baseline": "one window alone, one ticket at a time, displays and manager after each",
        "latency_ms": lat,
        "measured": {
            "issue": "kiosk.take_ticket (one press)",
            "call": "window.next_visitor (the clerk's 'next')",
            "display_lag": "from entering next_visitor to the hall display's event callback",
            "floor": "manager.live_floor",
            "report": "manager.day_report (the day so far)",
        },
        "manager_reads": dict(run.manager_reads),
        "day_s": round(run.day_s, 1),
        "elapsed_s": round(run.elapsed_s, 1),
        "checks": checks,
        "ok": checks_pass(checks),
    }


def _bench_day(args: argparse.Namespace) -> int:
    from counter import clock
    from counter.commands.bench import bench_database_url
    from db.engine import is_sqlite
    from db.migrate import upgrade

    url = bench_database_url(args)
    upgrade(url)
    rc = clock.running_clock()
    if rc is None or rc.source != clock.ENV_VAR:
        clock.set_clock(clock.RunningClock(clock.parse_instant(args.start), source="bench"))
    run = simulate_day(
        url,
        hall_code=args.hall,
        windows=args.windows,
        tickets=args.tickets,
        baseline=args.baseline,
        service_s=args.service_ms / 1000,
        issue_gap_s=args.issue_ms / 1000,
        idle_s=args.idle_ms / 1000,
        window_displays=args.window_displays,
        kiosks=args.kiosks,
        seed=args.seed,
    )
    checks = check_day(run, tickets_truth(url, run.hall.hall_id))
    out = summary(run, checks, "sqlite" if is_sqlite(url) else "postgresql")
    if args.indent is None:
        print_json(out)
    else:
        print(json.dumps(out, ensure_ascii=False, indent=args.indent, default=str))
    return 0 if out["ok"] else 1


__all__ = [
    "DayHall",
    "DayRun",
    "check_day",
    "checks_pass",
    "prepare_hall",
    "simulate_day",
    "summary",
    "tickets_truth",
]
