"""The one helper that runs core calls off the Qt thread (后台调用).

Every database call of the UI goes through :meth:`Worker.submit`: the function runs on a pool
thread, and its result or error comes back on the Qt thread through a queued signal, where the
callbacks run. No widget is ever touched from a pool thread.

Calls carry a *key* ("call_next", "accept", "search"…). While a key is in flight
:meth:`Worker.busy` is true and :attr:`Worker.busy_changed` tells the screens, so a button
bound to that key is disabled and a second press cannot send a second request. An *exclusive*
submit of a key already in flight is refused (returns ``None``).

A :class:`counter.errors.DatabaseUnavailable` from any call switches the worker *offline*:
:attr:`offline_changed` fires, and a timer pings the database (on the pool, never on the Qt
thread) every few seconds until it answers; then ``offline_changed(False)`` fires and the
screens refresh. Nothing is re-sent on its own: a write the clerk made while offline stays in the
form (and its draft) until the clerk sends it again.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from counter.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

R = TypeVar("R")
OnError = Callable[[Exception], None]


@dataclass
class _Pending:
    key: str
    on_done: Callable[[Any], None] | None
    on_error: OnError | None
    track: bool


class _Task(QRunnable):
    def __init__(self, worker: Worker, cid: int, fn: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker
        self._cid = cid
        self._fn = fn

    def run(self) -> None:  # runs on a pool thread: only emit, never touch widgets
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - every error goes back to the Qt thread
            if not isinstance(exc, DatabaseUnavailable):
                log.debug("call %s failed:\n%s", self._cid, traceback.format_exc())
            self._worker._failed.emit(self._cid, [exc])
        else:
            # Wrapped in a list: PySide mis-counts references of a bare None sent through a
            # queued ``object`` argument (a crash in none_dealloc).
            self._worker._finished.emit(self._cid, [result])


class Worker(QObject):
    """Runs functions on a thread pool and hands results back on the Qt thread."""

    busy_changed = Signal(str, bool)  # key, in flight
    offline_changed = Signal(bool)
    reconnected = Signal()
    error = Signal(str, object)  # key, exception (calls without their own on_error)
    idle = Signal()

    _finished = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        threads: int = 3,
        ping: Callable[[], Any] | None = None,
        retry_ms: int = 3000,
    ) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._busy: dict[str, int] = {}
        self._offline = False
        self._ping = ping
        self._pinging = False
        self._closed = False
        self._retry = QTimer(self)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._try_reconnect)
        self._finished.connect(self._on_finished)
        self._failed.connect(self._on_failed)

    # -- state ------------------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        return self._offline

    @property
    def closed(self) -> bool:
        """True after :meth:`close`: no new call is accepted."""
        return self._closed

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    def busy(self, key: str) -> bool:
        return self._busy.get(key, 0) > 0

    def set_ping(self, ping: Callable[[], Any] | None) -> None:
        self._ping = ping

    # -- calls ------------------------------------------------------------------------------

    def submit(
        self,
        key: str,
        fn: Callable[[], R],
        *,
        on_done: Callable[[R], None] | None = None,
        on_error: OnError | None = None,
        exclusive: bool = False,
        track: bool = True,
    ) -> int | None:
        """Run ``fn()`` on the pool; ``on_done(result)`` or ``on_error(exc)`` run later on the
        Qt thread. Returns a call id, or None when ``exclusive`` and ``key`` is already in flight
        (or the worker is closed)."""
        if self._closed or (exclusive and self.busy(key)):
            return None
        cid = next(self._ids)
        self._pending[cid] = _Pending(key, on_done, on_error, track)
        if track:
            self._busy[key] = self._busy.get(key, 0) + 1
            if self._busy[key] == 1:
                self.busy_changed.emit(key, True)
        self.pool.start(_Task(self, cid, fn))
        return cid

    def _release(self, cid: int) -> _Pending | None:
        pending = self._pending.pop(cid, None)
        if pending is None:
            return None
        if pending.track:
            n = self._busy.get(pending.key, 1) - 1
            if n <= 0:
                self._busy.pop(pending.key, None)
                self.busy_changed.emit(pending.key, False)
            else:
                self._busy[pending.key] = n
        return pending

    @Slot(int, object)
    def _on_finished(self, cid: int, boxed: list[object]) -> None:
        result = boxed[0]
        pending = self._release(cid)
        if pending is None:
            return
        if self._offline and pending.key != "__ping__":
            self._set_offline(False)
        try:
            if pending.on_done is not None:
                pending.on_done(result)
        finally:
            self._maybe_idle()

    @Slot(int, object)
    def _on_failed(self, cid: int, boxed: list[Exception]) -> None:
        exc = boxed[0]
        pending = self._release(cid)
        if pending is None:
            return
        try:
            if isinstance(exc, DatabaseUnavailable):
                self._set_offline(True)
            if pending.on_error is not None:
                pending.on_error(exc)
            elif not isinstance(exc, DatabaseUnavailable):
                log.warning("call %s failed: %r", pending.key, exc)
                self.error.emit(pending.key, exc)
        finally:
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._pending:
            self.idle.emit()

    # -- offline / reconnect ------------------------------------------------------------------

    def _set_offline(self, offline: bool) -> None:
        if offline == self._offline:
            return
        self._offline = offline
        if offline:
            log.warning("database unavailable; retrying every %d ms", self._retry.interval())
            if self._ping is not None:
                self._retry.start()
        else:
            self._retry.stop()
            log.info("database reachable again")
        self.offline_changed.emit(offline)
        if not offline:
            self.reconnected.emit()

    def report_offline(self) -> None:
        """Mark the database unreachable (e.g. the event listener lost its connection)."""
        self._set_offline(True)

    def _try_reconnect(self) -> None:
        if self._pinging or self._ping is None or self._closed:
            return
        self._pinging = True

        def done(_: object) -> None:
            self._pinging = False
            self._set_offline(False)

        def failed(exc: Exception) -> None:
            self._pinging = False
            log.debug("database still unavailable: %r", exc)

        self.submit("__ping__", self._ping, on_done=done, on_error=failed, track=False)

    def retry_now(self) -> None:
        self._try_reconnect()

    # -- shutdown ---------------------------------------------------------------------------

    def close(self, timeout_ms: int = 10000) -> None:
        """Refuse new calls and wait for running ones (their callbacks are dropped)."""
        self._closed = True
        self._retry.stop()
        self.pool.waitForDone(timeout_ms)
        self._pending.clear()
        self._busy.clear()
