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
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from counter import events
from counter.changes import Change
from counter.services.base import Runtime

log = logging.getLogger(__name__)


class LiveSource(Protocol):
    """What a screen's holder gives the live updates: its runtime and the hall it follows
    (``None``: every hall)."""

    @property
    def rt(self) -> Runtime: ...

    def live_hall_id(self) -> int | None: ...


class LiveUpdates(QObject):
    changed = Signal(object)  # Change
    lost = Signal()  # the listener lost the database
    restored = Signal()

    CHECK_MS = 500

    def __init__(self, source: LiveSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._sub: events.Subscription | None = None
        self.received = 0
        self.down = False
        self._seen_reconnects = 0
        self._was_connected = False
        self._watch = QTimer(self)
        self._watch.setInterval(self.CHECK_MS)
        self._watch.timeout.connect(self.check)

    def start(self) -> None:
        self._sub = events.subscribe(self.source.rt.url, self.source.live_hall_id(), self._deliver)
        self._seen_reconnects = self._sub.reconnects
        self._watch.start()

    def check(self) -> None:
        """Compare the subscription's connection with what the screens were told."""
        sub = self._sub
        if sub is None:
            return
        connected = sub.connected
        reconnects = sub.reconnects
        dropped = reconnects != self._seen_reconnects
        self._seen_reconnects = reconnects
        if connected:
            self._was_connected = True
        if not self.down and (dropped or (self._was_connected and not connected)):
            self.down = True
            log.warning("live updates lost their connection")
            self.lost.emit()
        if self.down and connected and not dropped:
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
