"""Live changes from other PCs (实时刷新), seen from Qt.

:class:`LiveUpdates` subscribes to :mod:`counter.events` (PostgreSQL ``LISTEN/NOTIFY``, or the
polled change log on SQLite); the subscription delivers :class:`~counter.services.base.Change`
events on its own thread, and this object re-emits them as a Qt signal, so the screens refresh
on the Qt thread — and the Qt thread itself never polls the database.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class LiveUpdates(QObject):
    changed = Signal(object)  # Change
    lost = Signal()  # the listener lost the database
    restored = Signal()

    def __init__(self, backend: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self._sub: Any = None
        self.received = 0

    def start(self) -> None:
        try:
            from counter import events
        except ImportError:
            log.warning("counter.events is not available: no live refresh")
            return
        hall_id = self.backend.actor.hall_id if self.backend.signed is not None else None
        self._sub = events.subscribe(self.backend.rt.url, hall_id, self._deliver)

    def _deliver(self, change: Any) -> None:  # listener thread: emit only
        self.received += 1
        self.changed.emit(change)

    def stop(self) -> None:
        sub, self._sub = self._sub, None
        if sub is not None:
            try:
                sub.close()
            except Exception:  # noqa: BLE001 - closing a dead listener must not stop shutdown
                log.exception("closing the live subscription")
