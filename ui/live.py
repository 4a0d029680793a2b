"""Live changes from other PCs (实时刷新), seen from Qt.

:class:`LiveUpdates` subscribes to :mod:`counter.events` (PostgreSQL ``LISTEN/NOTIFY``, or the
polled change log on SQLite); the subscription delivers :class:`~counter.changes.Change`
events on its own thread, and this object re-emits them as a Qt signal, so the screens refresh
on the Qt thread — and the Qt thread itself never polls the database.

When the subscription loses its connection (it reconnects on its own, with back-off) ``lost``
fires; ``restored`` fires once it listens again. A light timer reads the subscription's own
flags (``connected``, ``reconnects``): no database call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from counter import events
from counter.changes import Change

log = logging.getLogger(__name__)


class _Database(Protocol):
    @property
    def url(self) -> str: ...


class LiveSource(Protocol):
    """What a screen's holder gives the live updates: its runtime (or anything with the
    database's ``url``) and the hall it follows (``None``: every hall)."""

    @property
    def rt(self) -> _Database: ...

    def live_hall_id(self) -> int | None: ...


class LiveUpdates(QObject):
    """The changes of the hall ``source`` follows, as ``changed(Change)`` on the Qt thread.

    ``ready`` fires once the subscription listens (a screen that reads its state after that
    misses no change between the reading and the events); ``lost`` / ``restored`` when its
    connection drops and comes back (it reconnects and catches up by itself)."""

    changed = Signal(object)  # Change
    ready = Signal()  # listening: read the state now
    lost = Signal()  # the listener lost the database
    restored = Signal()

    CHECK_MS = 500

    def __init__(
        self,
        source: LiveSource,
        parent: QObject | None = None,
        *,
        poll_interval: float | None = None,
        check_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.poll_interval = poll_interval  # SQLite's change log; None: the default
        self._sub: events.Subscription | None = None
        self.received = 0
        self.down = False
        self._seen_reconnects = 0
        self._was_connected = False
        self._watch = QTimer(self)
        self._watch.setInterval(check_ms or self.CHECK_MS)
        self._watch.timeout.connect(self.check)

    @property
    def connected(self) -> bool:
        return self._sub is not None and self._sub.connected

    def start(self) -> None:
        url, hall_id = self.source.rt.url, self.source.live_hall_id()
        if self.poll_interval is None:
            self._sub = events.subscribe(url, hall_id, self._deliver)
        else:
            self._sub = events.subscribe(
                url, hall_id, self._deliver, poll_interval=self.poll_interval
            )
        self._seen_reconnects = self._sub.reconnects
        self._watch.start()
        QTimer.singleShot(10, self.check)

    def check(self) -> None:
        """Compare the subscription's connection with what the screens were told."""
        sub = self._sub
        if sub is None:
            return
        connected = sub.connected
        reconnects = sub.reconnects
        dropped = reconnects != self._seen_reconnects
        self._seen_reconnects = reconnects
        if connected and not self._was_connected:
            self._was_connected = True
            self.ready.emit()
        if not self.down and (dropped or (self._was_connected and not connected)):
            self.down = True
            log.warning("live updates lost their connection")
            self.lost.emit()
        elif self.down and connected and not dropped:
            self.down = False
            log.info("live updates reconnected")
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
                log.exception("closing the live subscription")


@dataclass(frozen=True)
class _Fixed:
    url: str
    hall_id: int | None

    @property
    def rt(self) -> _Fixed:
        return self

    def live_hall_id(self) -> int | None:
        return self.hall_id


class HallEvents(LiveUpdates):
    """The live updates of a public screen (kiosk, hall display, window display): one hall of
    one database, the SQLite change log looked at every 50 ms (a local file, cheap), the
    connection checked every 250 ms."""

    def __init__(self, url: str, hall_id: int, parent: QObject | None = None) -> None:
        super().__init__(_Fixed(url, hall_id), parent, poll_interval=0.05, check_ms=250)
