"""What a public screen of the hall (kiosk, hall display, window display) holds to reach the
core: the runtime, the screen's identity in its door (:class:`counter.kiosk.Kiosk`,
:class:`counter.display.Screen`), the worker that runs calls off the Qt thread, and the hall's
change events as a Qt signal.

Screens call their door's functions fully typed, as the window client does::

    self.backend.call("home", kiosk.home).then(self._show_home, self._failed)

``call`` binds the runtime and the screen's identity as the first two arguments; the call runs
on the worker and its result (or error) comes back on the Qt thread. No widget is touched from
another thread, and no screen ever sees a database session.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Concatenate, Generic, ParamSpec, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from counter import events
from counter.changes import Change
from counter.services.base import Runtime
from ui.backend import Call
from ui.worker import Worker

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class ScreenBackend(Generic[T]):
    """The runtime, the screen's identity in its door (set once it is opened), the worker."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.ident: T | None = None
        self.worker = Worker(ping=self.ping, threads=2)

    def ping(self) -> int:
        return self.rt.hall_id()

    def call(
        self,
        key: str,
        fn: Callable[Concatenate[Runtime, T, P], R],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Call[R]:
        """``fn(rt, ident, *args, **kwargs)`` on the worker, under ``key``."""
        if self.ident is None:
            raise RuntimeError("the screen is not open yet")
        return Call(self.worker, key, functools.partial(fn, self.rt, self.ident, *args, **kwargs))

    def run(self, key: str, fn: Callable[[], R]) -> Call[R]:
        """A core call that needs no identity (opening the screen) on the worker."""
        return Call(self.worker, key, fn)

    def close(self) -> None:
        self.worker.close()


class HallEvents(QObject):
    """The hall's change events (:func:`counter.events.subscribe`: ``NOTIFY`` on PostgreSQL,
    the polled change log on SQLite) re-emitted on the Qt thread as ``changed(Change)``.

    ``ready`` fires once the subscription listens (a screen reads its state after that, so no
    change falls between the reading and the events); ``lost`` / ``restored`` when its
    connection drops and comes back (it reconnects and catches up by itself). A light timer
    reads the subscription's own flags: no database call on the Qt thread."""

    changed = Signal(object)
    ready = Signal()
    lost = Signal()
    restored = Signal()

    CHECK_MS = 250

    def __init__(self, url: str, hall_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.hall_id = hall_id
        self.poll_interval = 0.05  # SQLite: a local file, cheap to look at often
        self._sub: events.Subscription | None = None
        self.down = False
        self.received = 0
        self._ready_sent = False
        self._seen_reconnects = 0
        self._watch = QTimer(self)
        self._watch.setInterval(self.CHECK_MS)
        self._watch.timeout.connect(self.check)

    @property
    def connected(self) -> bool:
        return self._sub is not None and self._sub.connected

    def start(self) -> None:
        self._sub = events.subscribe(
            self.url, self.hall_id, self._deliver, poll_interval=self.poll_interval
        )
        self._watch.start()
        QTimer.singleShot(10, self.check)

    def check(self) -> None:
        sub = self._sub
        if sub is None:
            return
        connected = sub.connected
        if connected and not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()
        dropped = sub.reconnects != self._seen_reconnects
        self._seen_reconnects = sub.reconnects
        if not self.down and self._ready_sent and (dropped or not connected):
            self.down = True
            log.warning("display lost its live connection; keeping the last state")
            self.lost.emit()
        elif self.down and connected and not dropped:
            self.down = False
            log.info("display reconnected")
            self.restored.emit()

    def _deliver(self, change: Change) -> None:  # listener thread: emit only
        self.received += 1
        self.changed.emit(change)

    def stop(self) -> None:
        self._watch.stop()
        sub, self._sub = self._sub, None
        if sub is not None:
            try:
                sub.close()
            except Exception:  # noqa: BLE001 - closing a dead listener must not stop shutdown
                log.exception("closing the display's subscription")
