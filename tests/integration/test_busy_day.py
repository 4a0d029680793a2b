"""A busy hall for a simulated day on PostgreSQL: 34 windows (threads, each signed in at its
window and working through the window's door on its own connections), two kiosks issuing 2,000
tickets into four queues while the windows call, the hall display and three window displays
following the change events (LISTEN), and the hall manager reading the live floor and the day's
report all along (:func:`counter.commands.bench_day.simulate_day`, the day ``counter bench day``
runs).

Checked here against the tickets table, not against what the bench says of itself: every ticket
issued once, numbers unique and gap-free per queue; no ticket called twice, every call known to
the window that made it; none lost (each ticket done or still waiting, no window holding two);
the display heard every call once and its state equals a fresh reading; the manager's figures
equal the counts of the tickets table. Runs on the suite's clock (a working-day morning).
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from counter.commands.bench_day import check_day, checks_pass, simulate_day, tickets_truth
from db.models import Queue, Ticket, TicketEvent, Window
from tests.integration.test_queue_support import check_invariants, runtime

WINDOWS = 34
TICKETS = 2000


@pytest.mark.pg
@pytest.mark.slow
def test_a_busy_day_of_34_windows_and_2000_tickets(pg_url: str) -> None:
    run = simulate_day(
        pg_url, hall_code="DAY", windows=WINDOWS, tickets=TICKETS, baseline=20, service_s=0.005
    )
    assert run.errors == []
    hall_id = run.hall.hall_id
    with runtime(pg_url) as rt, rt.unit() as s:
        prefix = dict(
            s.execute(select(Queue.id, Queue.prefix).where(Queue.hall_id == hall_id)).all()
        )
        wnum = dict(
            s.execute(select(Window.id, Window.number).where(Window.hall_id == hall_id)).all()
        )
        rows = s.execute(
            select(Ticket.id, Ticket.number, Ticket.issue_queue_id, Ticket.queue_id, Ticket.seq,
                   Ticket.state, Ticket.window_id)
            .where(Ticket.hall_id == hall_id)
        ).all()  # fmt: skip
        called = Counter(
            (int(tid), wnum[wid])
            for tid, wid in s.execute(
                select(TicketEvent.ticket_id, TicketEvent.window_id)
                .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                .where(Ticket.hall_id == hall_id, TicketEvent.type == "called")
            )
        )
        held = [
            t
            for t in s.scalars(select(Window.current_ticket_id).where(Window.hall_id == hall_id))
            if t is not None
        ]

    # issued once each, numbers unique and gap-free per queue, all four queues used
    assert len(rows) == TICKETS
    assert sorted(tid for tid, _n, _p in run.issued) == sorted(int(r.id) for r in rows)
    assert len({r.number for r in rows}) == TICKETS
    seqs: dict[str, list[int]] = {}
    for r in rows:
        seqs.setdefault(prefix[r.issue_queue_id], []).append(int(r.seq))
        assert r.number == f"{prefix[r.issue_queue_id]}{int(r.seq):03d}"
    assert set(seqs) == {"A", "B", "C", "D"}
    for p, got in seqs.items():
        assert sorted(got) == list(range(1, len(got) + 1)), p

    # called at most once, each call made by the window that says it made it
    assert max(Counter(tid for tid, _w in called).values()) == 1, "called twice"
    assert Counter((tid, w) for w, tid in run.calls) == called
    assert len({w for w, _tid in run.calls}) >= WINDOWS // 2  # the work was shared

    # none lost: every ticket done or still waiting, no window holding two
    states = Counter(str(r.state) for r in rows)
    assert set(states) <= {"done", "waiting"}, states
    waiting = {int(r.id) for r in rows if r.state == "waiting"}
    assert {tid for tid, _w in called} | waiting == {int(r.id) for r in rows}
    assert len(held) == len(set(held))
    stats = check_invariants(pg_url, hall_id)
    assert stats["tickets"] == TICKETS

    # the display heard every call, once, and is caught up
    assert set(run.display_calls) == {tid for tid, _w in called}
    assert set(run.display_calls.values()) == {1}
    assert {p: c.waiting for p, c in run.board_final.board.counts.items()} == {
        p: c.waiting for p, c in run.board_fresh.board.counts.items()
    }
    assert run.board_final.board.lines == run.board_fresh.board.lines
    for n, panel in run.panels_fresh.items():
        assert run.panels_final[n].line == panel.line, n

    # the manager's figures are the tickets table's
    report, floor = run.report, run.floor
    assert report.tickets.issued == floor.issued_today == TICKETS
    assert report.tickets.called == len(called)
    assert report.tickets.served == floor.served_today == states["done"]
    assert {r.key: r.issued for r in report.by_queue if r.issued} == {
        p: len(v) for p, v in seqs.items()
    }
    assert {int(r.key): r.called for r in report.by_window if r.called} == dict(
        Counter(w for _tid, w in called)
    )
    assert {q.prefix: q.waiting for q in floor.queues if q.waiting} == dict(
        Counter(prefix[r.queue_id] for r in rows if r.state == "waiting")
    )
    assert run.manager_reads["floor"] >= 3 and run.manager_reads["report"] >= 1
    assert run.manager_odd == []

    # and the bench's own checks agree
    checks = check_day(run, tickets_truth(pg_url, hall_id))
    assert checks_pass(checks), checks
    for name in ("issue", "call", "display_lag", "floor", "report"):
        assert run.latency["baseline"][name] and run.latency["day"][name], name
