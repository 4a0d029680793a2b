"""The window's queue side (叫号): the window's state as the clerk sees it, kept from the door's
results and the hall's change events, and the queue actions of the F-keys.

Every action goes through :mod:`counter.window` on the worker and comes back as a
:class:`~counter.window.WindowResult`: the state is applied as it is (merged with what is
already known by versions, so a reading older than the window's own latest action cannot put
back a ticket that is gone), and the ids of its changes are remembered so that they are skipped
when they come back as events. Another PC's event updates the counts without a read; only when
the core says the window itself changed elsewhere (or the estimates changed) is the state read
again, once, debounced.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from counter import window as door
from counter.changes import Change
from counter.errors import DatabaseUnavailable
from counter.services.queue_state import TicketView, WindowState
from ui.backend import Backend
from ui.widgets import error_text

log = logging.getLogger(__name__)

QUEUE_KEY = "queue"
SEEN_IDS = 2000  # own change ids remembered (a day's actions of one window, and more)


class QueueController(QObject):
    """The window's state and its queue actions. Signals: ``state_changed(WindowState)`` on
    every new state, ``ticket_changed(TicketView | None)`` when the ticket at the window is
    another one (or none), ``message(text, kind)`` for the notice line."""

    state_changed = Signal(object)
    ticket_changed = Signal(object)
    result_applied = Signal(str, object)  # action name, WindowResult
    message = Signal(str, str)

    REFRESH_MS = 150

    def __init__(self, backend: Backend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.state: WindowState | None = None
        self._seen: deque[int] = deque(maxlen=SEEN_IDS)
        self._seen_set: set[int] = set()
        self.reads = 0  # state reads done (a test counts them)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(self.REFRESH_MS)
        self._refresh.timeout.connect(self.read_state)

    # -- what the window shows --------------------------------------------------------------

    @property
    def ticket(self) -> TicketView | None:
        return self.state.current if self.state is not None else None

    @property
    def ticket_state(self) -> str:
        t = self.ticket
        return t.state if t is not None else ""

    @property
    def paused(self) -> bool:
        return self.state is not None and self.state.state == "paused"

    @property
    def busy(self) -> bool:
        return self.backend.worker.busy(QUEUE_KEY)

    def apply(self, result: door.WindowResult) -> None:
        """Take an action's result (or a reading) as the window now stands."""
        for cid in result.change_ids:
            self._remember(cid)
        self._set_state(result.window)

    def _remember(self, cid: int) -> None:
        if len(self._seen) == self._seen.maxlen:
            self._seen_set.discard(self._seen[0])
        self._seen.append(cid)
        self._seen_set.add(cid)

    def _set_state(self, new: WindowState) -> None:
        old = self.state
        merged = old.merged_with(new) if old is not None else new
        if merged == old:
            return
        before = old.current.id if old is not None and old.current is not None else None
        self.state = merged
        self.state_changed.emit(merged)
        after = merged.current.id if merged.current is not None else None
        if before != after:
            self.ticket_changed.emit(merged.current)

    def forget(self) -> None:
        """Signed out: nothing is shown any more."""
        self.state = None
        self._refresh.stop()

    # -- reading --------------------------------------------------------------------------

    def read_state(self) -> None:
        """Read the window's state (one statement); applied like any result."""
        if not self.backend.signed_in or self.backend.worker.closed:
            return
        self.reads += 1
        self.backend.call("window_state", door.state).then(self.apply, lambda _e: None)

    def schedule_read(self) -> None:
        self._refresh.start()

    def on_change(self, change: Change) -> None:
        """A change event from any PC (this one's own are skipped by id)."""
        if change.id is not None and change.id in self._seen_set:
            return
        if not change.type.startswith(("ticket.", "window.", "queue.")):
            return
        if self.state is None:
            self.schedule_read()
            return
        updated, read = door.apply_change(self.state, change)
        if updated is not self.state:
            self.state = updated
            self.state_changed.emit(updated)
        if read:
            self.schedule_read()

    # -- actions --------------------------------------------------------------------------

    def _run(self, name: str, *, then: Callable[[door.WindowResult], None] | None = None) -> bool:
        def done(result: door.WindowResult) -> None:
            self.apply(result)
            self.result_applied.emit(name, result)
            if then is not None:
                then(result)

        fn = {
            "call_next": door.next_visitor,
            "recall": door.recall,
            "no_show": door.no_show,
            "park": door.park,
            "finish": door.finish,
            "start": door.start,
        }[name]
        key = "start" if name == "start" else QUEUE_KEY
        return self.backend.call(key, fn).then(done, self._failed, exclusive=True) is not None

    def next_visitor(self) -> bool:
        return self._run("call_next")

    def recall(self) -> bool:
        return self._run("recall")

    def no_show(self) -> bool:
        return self._run("no_show")

    def park(self) -> bool:
        return self._run("park")

    def finish(self, then: Callable[[door.WindowResult], None] | None = None) -> bool:
        return self._run("finish", then=then)

    def start(self) -> bool:
        return self._run("start")

    def pause(self, paused: bool) -> bool:
        def done(result: door.WindowResult) -> None:
            self.apply(result)
            self.result_applied.emit("pause", result)

        call = self.backend.call(QUEUE_KEY, door.pause, paused)
        return call.then(done, self._failed, exclusive=True) is not None

    def resume(self, ticket_id: int) -> bool:
        def done(result: door.WindowResult) -> None:
            self.apply(result)
            self.result_applied.emit("resume", result)

        call = self.backend.call(QUEUE_KEY, door.resume, ticket_id)
        return call.then(done, self._failed, exclusive=True) is not None

    def transfer(self, *, queue: str | None = None, window: int | None = None) -> bool:
        def done(result: door.WindowResult) -> None:
            self.apply(result)
            self.result_applied.emit("transfer", result)

        call = self.backend.call(QUEUE_KEY, door.transfer, queue=queue, window=window)
        return call.then(done, self._failed, exclusive=True) is not None

    def open(self) -> None:
        def failed(exc: Exception) -> None:
            if not isinstance(exc, DatabaseUnavailable):
                self.message.emit(error_text(exc), "warn")
            self.read_state()

        self.backend.call("window", door.open_window).then(self.apply, failed)

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, DatabaseUnavailable):
            self.message.emit(error_text(exc), "warn")
        # The action may have been refused because the window changed elsewhere, or its
        # reply was lost with the connection: the window shows what the database holds.
        self.read_state()
