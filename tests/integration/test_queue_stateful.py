"""Random sequences of issue / call / recall / no-show / park / resume / transfer / window
changes keep the queue's invariants, and every outcome (or refusal) matches a simple model.

The model does not re-implement the call order (the service tests pin that down); it checks
that whatever "call next" picks was callable at that window, that it answers "nobody" only when
nobody is callable there, and that every refusal is the one the rules predict.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import delete, select, update

from counter import clock
from counter.demo import queue as demo_queue
from counter.domain import queue as rules
from counter.errors import CounterError
from counter.services import calling, tickets
from counter.services.base import Actor, Runtime
from db.models import Appointment, ChangeLog, Queue, Ticket, Window
from tests.integration.test_queue_support import FakeClock, check_invariants, relax_hall

WINDOWS = (1, 11, 13)  # serving {A, D}, {B, A}, {C, D, A} in the demo hall
SERVES = {1: {"A", "D"}, 11: {"A", "B"}, 13: {"A", "C", "D"}}
QUEUES = "ABCD"


@dataclass
class T:
    id: int
    queue: str
    state: str = "waiting"
    window: int | None = None
    target: int | None = None
    started: bool = False
    recalls: int = 0
    no_shows: int = 0


class QueueMachine(RuleBasedStateMachine):
    url: str
    hall_id: int

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        clock.set_clock(self.clock)
        self.rt = Runtime(self.url)
        self.actor = Actor.system(self.hall_id, device="test")
        demo_queue.reset_hall_tickets(self.rt, self.hall_id)  # a fresh start in the same database
        with self.rt.unit() as s:
            s.execute(update(Window).values(current_ticket_id=None, state="open"))
            s.execute(delete(ChangeLog))
            s.execute(delete(Appointment))
        self.tickets: dict[int, T] = {}
        self.windows: dict[int, dict[str, object]] = {
            w: {"state": "open", "current": None} for w in WINDOWS
        }

    def teardown(self) -> None:
        self.rt.dispose()
        clock.set_clock(None)

    # ---- helpers ------------------------------------------------------------------------

    def _current(self, w: int) -> T | None:
        cur = self.windows[w]["current"]
        return self.tickets[cur] if isinstance(cur, int) else None

    def _busy(self) -> list[int]:
        return [w for w in WINDOWS if self.windows[w]["current"] is not None]

    def _any_busy(self) -> bool:
        return bool(self._busy())

    def _pick_window(self, data: st.DataObject) -> int:
        """Mostly a window with a visitor; now and then any window (to see the refusals)."""
        busy = self._busy()
        if busy and data.draw(st.integers(0, 9)) < 8:
            return data.draw(st.sampled_from(busy))
        return data.draw(st.sampled_from(WINDOWS))

    def _callable(self, t: T, w: int) -> bool:
        return t.state == "waiting" and (
            t.target == w or (t.target is None and t.queue in SERVES[w])
        )

    def _expect(self, error: type[CounterError] | None, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            result = fn(*args, **kwargs)
        except CounterError as exc:
            assert error is not None and isinstance(exc, error), (fn.__name__, exc, error)
            return None
        assert error is None, (fn.__name__, "should have been refused with", error)
        return result

    def _window_error(self, w: int, action: str) -> type[CounterError] | None:
        cur = self._current(w)
        if cur is None:
            return rules.NoCurrentTicket
        if action in ("recall", "no_show", "start") and cur.state != "called":
            return rules.TicketStateError
        if action == "recall" and cur.recalls >= 3:
            return rules.RecallLimitReached
        return None

    # ---- rules --------------------------------------------------------------------------

    @initialize(
        line=st.lists(st.tuples(st.sampled_from(QUEUES), st.booleans()), min_size=3, max_size=10)
    )
    def morning_line(self, line: list[tuple[str, bool]]) -> None:
        for queue, green in line:
            self.issue(queue, green)

    @rule(queues=st.lists(st.sampled_from(QUEUES), min_size=1, max_size=3))
    def more_visitors(self, queues: list[str]) -> None:
        for queue in queues:
            self.issue(queue, False)

    @rule(queue=st.sampled_from(QUEUES), green=st.booleans())
    def issue(self, queue: str, green: bool) -> None:
        r = tickets.issue_ticket(self.rt, self.actor, queue, priority="elderly" if green else None)
        self.tickets[r.ticket.id] = T(r.ticket.id, queue)

    @rule(
        w=st.sampled_from(WINDOWS),
        state=st.sampled_from(("open", "open", "open", "paused", "closed")),
    )
    def set_window(self, w: int, state: str) -> None:
        busy = state == "closed" and self._current(w) is not None
        if self._expect(
            rules.WindowBusy if busy else None,
            calling.set_window_state,
            self.rt,
            self.actor,
            w,
            state,
        ):
            self.windows[w]["state"] = state

    @rule(w=st.sampled_from(WINDOWS))
    def next_visitor(self, w: int) -> None:
        """The clerk's usual key: finish the current visitor and call the next."""
        self.call_next(w, True)

    @rule(w=st.sampled_from(WINDOWS), finish=st.booleans())
    def call_next(self, w: int, finish: bool) -> None:
        win, cur = self.windows[w], self._current(w)
        if win["state"] != "open":
            error: type[CounterError] | None = rules.WindowNotOpen
        elif cur is not None and not finish:
            error = rules.WindowBusy
        else:
            error = None
        try:
            r = calling.call_next(self.rt, self.actor, w, finish_current=finish)
        except CounterError as exc:
            assert error is not None and isinstance(exc, error), (exc, error)
            return
        assert error is None, f"call_next at {w} should have been refused ({error})"
        if cur is not None:  # finished first
            cur.state, cur.window, win["current"] = "done", w, None
        if r is None:
            assert not any(self._callable(t, w) for t in self.tickets.values()), "lost"
            return
        t = self.tickets[r.ticket.id]
        assert self._callable(t, w), f"{r.ticket.number} was not callable at window {w}"
        t.state, t.window, t.target, t.started = "called", w, None, False
        win["current"] = t.id

    @precondition(lambda self: self._any_busy())
    @rule(data=st.data())
    def recall(self, data: st.DataObject) -> None:
        w = self._pick_window(data)
        if self._expect(self._window_error(w, "recall"), calling.recall, self.rt, self.actor, w):
            self._current(w).recalls += 1  # type: ignore[union-attr]

    @precondition(lambda self: self._any_busy())
    @rule(data=st.data())
    def start(self, data: st.DataObject) -> None:
        w = self._pick_window(data)
        if self._expect(
            self._window_error(w, "start"), calling.start_service, self.rt, self.actor, w
        ):
            t = self._current(w)
            t.state, t.started = "serving", True  # type: ignore[union-attr]

    @precondition(lambda self: self._any_busy())
    @rule(data=st.data())
    def finish(self, data: st.DataObject) -> None:
        w = self._pick_window(data)
        if self._expect(
            self._window_error(w, "finish"), calling.finish_service, self.rt, self.actor, w
        ):
            self._current(w).state = "done"  # type: ignore[union-attr]
            self.windows[w]["current"] = None

    @precondition(lambda self: self._any_busy())
    @rule(data=st.data())
    def no_show(self, data: st.DataObject) -> None:
        w = self._pick_window(data)
        r = self._expect(self._window_error(w, "no_show"), calling.no_show, self.rt, self.actor, w)
        if r:
            t = self._current(w)
            assert t is not None
            t.no_shows += 1
            if t.no_shows <= 1:  # the demo hall re-queues once
                t.state, t.window, t.recalls = "waiting", None, 0
            else:
                t.state = "no_show"
            self.windows[w]["current"] = None

    @precondition(lambda self: self._any_busy())
    @rule(data=st.data())
    def park(self, data: st.DataObject) -> None:
        w = self._pick_window(data)
        if self._expect(self._window_error(w, "park"), calling.park, self.rt, self.actor, w):
            self._current(w).state = "parked"  # type: ignore[union-attr]
            self.windows[w]["current"] = None

    @precondition(lambda self: any(t.state == "parked" for t in self.tickets.values()))
    @rule(data=st.data())
    def resume(self, data: st.DataObject) -> None:
        parked = sorted(t.id for t in self.tickets.values() if t.state == "parked")
        t = self.tickets[data.draw(st.sampled_from(parked + sorted(self.tickets)[:1]))]
        free = [w for w in WINDOWS if self.windows[w]["current"] is None]
        w = data.draw(st.sampled_from(free if free and data.draw(st.booleans()) else WINDOWS))
        win = self.windows[w]
        error: type[CounterError] | None = None
        if win["state"] != "open":
            error = rules.WindowNotOpen
        elif win["current"] is not None:
            error = rules.WindowBusy
        elif t.state != "parked":
            error = rules.TicketStateError
        if self._expect(error, calling.resume, self.rt, self.actor, w, t.id):
            t.state, t.window = ("serving" if t.started else "called"), w
            win["current"] = t.id

    @precondition(lambda self: self._any_busy())
    @rule(
        data=st.data(),
        to_queue=st.none() | st.sampled_from(QUEUES),
        to_window=st.none() | st.sampled_from(WINDOWS),
    )
    def transfer(self, data: st.DataObject, to_queue: str | None, to_window: int | None) -> None:
        w = self._pick_window(data)
        if to_queue is None and to_window is None:
            return
        error = self._window_error(w, "transfer")
        if error is None and to_window == w:
            error = CounterError
        if self._expect(
            error, calling.transfer, self.rt, self.actor, w, to_queue=to_queue, to_window=to_window
        ):
            t = self._current(w)
            assert t is not None
            t.state, t.window, t.target, t.started, t.recalls = "waiting", None, to_window, False, 0
            t.queue = to_queue or t.queue
            self.windows[w]["current"] = None

    @rule(minutes=st.integers(min_value=1, max_value=20))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    # ---- invariants ---------------------------------------------------------------------

    @invariant()
    def database_matches_model(self) -> None:
        with self.rt.unit() as s:
            rows = s.execute(
                select(Ticket.id, Ticket.state, Window.number, Queue.prefix)
                .join(Queue, Queue.id == Ticket.queue_id)
                .outerjoin(Window, Window.id == Ticket.window_id)
                .where(Ticket.hall_id == self.hall_id)
            ).all()
            current = dict(
                s.execute(
                    select(Window.number, Window.current_ticket_id).where(
                        Window.hall_id == self.hall_id
                    )
                ).all()
            )
        assert len(rows) == len(self.tickets)
        for tid, state, window, prefix in rows:
            t = self.tickets[tid]
            assert (state, prefix) == (t.state, t.queue), (tid, state, prefix, t)
            if state in ("called", "serving", "parked"):
                assert window == t.window
        for w in WINDOWS:
            assert current[w] == self.windows[w]["current"]


def test_random_sequences_keep_the_invariants(hall_url: str) -> None:
    hall_id = relax_hall(hall_url, open_windows=False)

    class Machine(QueueMachine):
        url = hall_url

        def teardown(self) -> None:
            try:
                check_invariants(self.url, self.hall_id)
            finally:
                super().teardown()

    Machine.hall_id = hall_id
    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=40,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
