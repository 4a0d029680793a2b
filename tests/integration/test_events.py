"""Change events reach every screen: a call on one connection reaches a subscriber on another,
on SQLite (polled change log) and PostgreSQL (LISTEN/NOTIFY); the PostgreSQL listener survives
losing its connection and catches up; payloads never carry a name or an ID number."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

from sqlalchemy import text

from counter.changes import Change
from counter.events import subscribe
from counter.services import calling, tickets
from counter.services.base import Actor
from tests.dbfixtures import _pg_admin
from tests.integration.test_queue_support import relax_hall, runtime

ID_NUMBER = "11010519491231002X"


class Inbox:
    def __init__(self) -> None:
        self.events: list[Change] = []
        self.cond = threading.Condition()

    def __call__(self, event: Change) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def wait_for(self, pred: Callable[[list[Change]], bool], timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not pred(self.events):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(left)
            return True

    def of(self, type_: str) -> list[Change]:
        with self.cond:
            return [e for e in self.events if e.type == type_]


def test_a_call_on_one_connection_reaches_a_subscriber(hall_url: str) -> None:
    hall_id = relax_hall(hall_url)
    inbox = Inbox()
    sub = subscribe(hall_url, hall_id, inbox)
    try:
        assert sub.wait_ready(20)
        with runtime(hall_url) as rt:
            a = Actor.system(hall_id, device="window")
            issued = tickets.issue_ticket(rt, a, "A").ticket
            called = calling.call_next(rt, a, 5)
            assert called is not None
        assert inbox.wait_for(lambda ev: any(e.type == "ticket.called" for e in ev))
        ev = inbox.of("ticket.called")[0]
        assert ev.payload["ticket_id"] == issued.id and ev.payload["number"] == "A001"
        assert ev.payload["window"] == 5 and ev.payload["queue"] == "A"
        assert ev.hall_id == hall_id and ev.at.endswith("+00:00")
        assert ev.id == called.changes[0].id
        issued_ev = inbox.of("ticket.issued")[0]
        assert issued_ev.id < ev.id and issued_ev.payload["number"] == "A001"
        d = ev.to_dict()
        assert {"type", "number", "window", "queue", "at", "id"} <= d.keys()
        time.sleep(0.3)
        assert len(inbox.of("ticket.called")) == 1  # at most once
    finally:
        sub.close()
    assert sub.closed and not sub._thread.is_alive()


def test_since_id_catches_up_and_payloads_hold_no_personal_data(hall_url: str) -> None:
    hall_id = relax_hall(hall_url)
    with runtime(hall_url) as rt:
        a = Actor.system(hall_id)
        tickets.issue_ticket(
            rt, a, "A", source="idcard", applicant_name="欧阳娜娜", id_number=ID_NUMBER
        )
        calling.call_next(rt, a, 1)
        calling.recall(rt, a, 1)
        calling.park(rt, a, 1)
        village = rt.hall_id("QS-SQ")  # another hall: its events are not ours
        tickets.issue_ticket(rt, Actor.system(village), "A")
    inbox = Inbox()
    sub = subscribe(hall_url, hall_id, inbox, since_id=0)
    try:
        assert inbox.wait_for(lambda ev: any(e.type == "ticket.parked" for e in ev))
        types = [e.type for e in inbox.events]
        assert types.index("ticket.issued") < types.index("ticket.called")
        assert types.index("ticket.called") < types.index("ticket.recalled")
        assert all(e.hall_id in (hall_id, None) for e in inbox.events)
        ids = [e.id for e in inbox.events]
        assert ids == sorted(set(ids))
        text = json.dumps([e.to_dict() for e in inbox.events], ensure_ascii=False)
        assert ID_NUMBER not in text and "欧阳娜娜" not in text and "娜娜" not in text
        assert ID_NUMBER.lower() not in text
    finally:
        sub.close()


def _listener_pids(dbname: str) -> list[int]:
    with _pg_admin() as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s "
            "AND application_name = 'counter-events'",
            (dbname,),
        ).fetchall()
    return [int(r[0]) for r in rows]


def test_pg_listener_survives_a_dropped_connection_and_catches_up(pg_hall_url: str) -> None:
    hall_url = pg_hall_url
    from sqlalchemy.engine import make_url

    dbname = make_url(hall_url).database
    hall_id = relax_hall(hall_url)
    inbox = Inbox()
    sub = subscribe(hall_url, hall_id, inbox)
    with runtime(hall_url) as rt:
        a = Actor.system(hall_id)
        try:
            assert sub.wait_ready(20)
            tickets.issue_ticket(rt, a, "A")  # the writer's pooled connection is open from here on
            with rt.statement() as conn:  # and that of the one-statement actions ("next")
                conn.execute(text("SELECT 1"))
            assert inbox.wait_for(lambda ev: len(ev) == 1)
            with _pg_admin() as admin:
                # no new connection may reach the database while the listener is down
                admin.execute(f'ALTER DATABASE "{dbname}" WITH ALLOW_CONNECTIONS false')
                try:
                    pids = _listener_pids(dbname)
                    assert len(pids) == 1
                    admin.execute("SELECT pg_terminate_backend(%s)", (pids[0],))
                    deadline = time.monotonic() + 20
                    while sub.reconnects == 0 and time.monotonic() < deadline:
                        time.sleep(0.02)
                    assert sub.reconnects >= 1 and not sub.connected
                    # written while nobody listens: only the catch-up can deliver these
                    for _ in range(3):
                        tickets.issue_ticket(rt, a, "B")
                    calling.call_next(rt, a, 11)
                    time.sleep(0.3)
                    assert len(inbox.events) == 1
                finally:
                    admin.execute(f'ALTER DATABASE "{dbname}" WITH ALLOW_CONNECTIONS true')
            assert inbox.wait_for(lambda ev: any(e.type == "ticket.called" for e in ev), 30)
            assert sub.wait_ready(10)
            # and live again after the reconnect
            tickets.issue_ticket(rt, a, "C")
            assert inbox.wait_for(lambda ev: any(e.payload.get("number") == "C001" for e in ev))
            numbers = [e.payload.get("number") for e in inbox.events]
            assert numbers == ["A001", "B001", "B002", "B003", "B001", "C001"]
            assert [e.type for e in inbox.events][4] == "ticket.called"
        finally:
            sub.close()


def test_sqlite_poller_follows_a_file_in_another_connection(sqlite_hall_url: str) -> None:
    hall_url = sqlite_hall_url
    hall_id = relax_hall(hall_url)
    inbox = Inbox()
    with subscribe(hall_url, hall_id, inbox, poll_interval=0.05) as sub:
        assert sub.wait_ready(10) and sub.backend == "sqlite"
        with runtime(hall_url) as rt:
            a = Actor.system(hall_id)
            for _ in range(30):
                tickets.issue_ticket(rt, a, "D")
        assert inbox.wait_for(lambda ev: len(ev) == 30)
        assert [e.payload["number"] for e in inbox.events] == [f"D{i:03d}" for i in range(1, 31)]
