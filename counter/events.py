"""Change events for every screen on every PC: ONE subscription API over both backends.

Every committed write records a row in ``change_log`` (see :func:`counter.services.base.emit`);
a screen follows them with::

    sub = subscribe(url, hall_id, on_event)   # on_event(Change) runs on the listener thread
    ...
    sub.close()

* **PostgreSQL**: a listener thread holds its own connection, ``LISTEN``\\ s on the channel that
  ``emit`` notifies in the same transaction as the change (so an event is heard right after
  its commit, never before), and hands each event to the callback as it arrives. If the
  connection drops (server restart, ``pg_terminate_backend``, network) it reconnects with
  back-off, ``LISTEN``\\ s again and then catches up from ``change_log`` by id, so nothing
  committed meanwhile is missed; events are delivered at most once (ids already delivered are
  remembered over a window of :data:`LOOKBACK` ids, because concurrent transactions may commit
  in another order than their ids were taken).
* **SQLite**: the thread polls ``change_log`` by id every ``poll_interval`` seconds (200 ms by
  default) on a plain read connection, which never takes the write lock. SQLite writers are
  serialised, so ids commit in order and "id greater than the last one" misses nothing.

``since_id``: deliver the events after that id first (a screen that restarts resumes where it
stopped); ``None`` starts with the events committed from now on. Events of the hall and the
town-wide ones (``hall_id`` NULL) are delivered, unless ``include_global`` is False.

Payloads say what changed — type, ticket number, window number, queue prefix, time — and never
carry a name or an ID number. The callback runs on the listener thread: a Qt screen must hand
the event to its own thread (a queued signal) before touching a widget.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

from counter.changes import NOTIFY_CHANNEL, Change
from counter.errors import ConfigError
from db.engine import is_sqlite, normalise_url

__all__ = ["LOOKBACK", "Subscription", "subscribe"]

log = logging.getLogger(__name__)

LOOKBACK = 1000  # ids: how far back a catch-up looks for late commits
_COLUMNS = "id, at, hall_id, type, payload"


class Subscription:
    """A running subscription; :meth:`close` stops it. Also a context manager."""

    def __init__(
        self,
        url: str,
        hall_id: int | None,
        callback: Callable[[Change], None],
        since_id: int | None = None,
        *,
        poll_interval: float = 0.2,
        include_global: bool = True,
        reconnect_max_delay: float = 5.0,
    ) -> None:
        self.url = normalise_url(url)
        self.hall_id = hall_id
        self.callback = callback
        self.poll_interval = poll_interval
        self.include_global = include_global
        self.reconnect_max_delay = reconnect_max_delay
        self.backend = "sqlite" if is_sqlite(self.url) else "postgresql"
        self.reconnects = 0  # connections lost and made again
        self.delivered = 0
        self.last_id = since_id or 0  # highest id delivered (or the starting point)
        self._since = since_id
        self._floor = since_id if since_id is not None else 0
        self._seen: set[int] = set()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run_pg if self.backend == "postgresql" else self._run_sqlite,
            name=f"counter-events-{hall_id}",
            daemon=True,
        )
        self._thread.start()

    # ---- public -------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._stop.is_set()

    @property
    def connected(self) -> bool:
        return self._ready.is_set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the subscription listens (and has caught up); True if it does."""
        return self._ready.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- delivery -----------------------------------------------------------------------

    def _wanted(self, hall_id: int | None) -> bool:
        if self.hall_id is None:
            return True
        if hall_id is None:
            return self.include_global
        return hall_id == self.hall_id

    def _deliver(self, event: Change) -> None:
        cid = event.id
        if cid is None or cid <= self._floor or cid in self._seen:
            return
        self._seen.add(cid)
        if cid > self.last_id:
            self.last_id = cid
        if len(self._seen) > 2 * LOOKBACK:
            self._floor = max(self._floor, self.last_id - LOOKBACK)
            self._seen = {i for i in self._seen if i > self._floor}
        if not self._wanted(event.hall_id):
            return
        self.delivered += 1
        try:
            self.callback(event)
        except Exception:  # a faulty screen must not stop the stream
            log.exception("event callback failed for %s", event.type)

    def _where(self) -> str:
        if self.hall_id is None:
            return ""
        if self.include_global:
            return " AND (hall_id = %(h)s OR hall_id IS NULL)"
        return " AND hall_id = %(h)s"

    def _start_point(self, max_id: int) -> None:
        """``since_id=None``: everything committed so far counts as already seen."""
        if self._since is None:
            self._since = max_id
            self._floor = max_id
            self.last_id = max_id

    # ---- PostgreSQL ---------------------------------------------------------------------

    def _pg_connect(self) -> Any:
        import psycopg

        u = make_url(self.url)
        kwargs: dict[str, Any] = {
            k: v
            for k, v in u.translate_connect_args(username="user", database="dbname").items()
            if v is not None
        }
        kwargs.update({k: v for k, v in u.query.items() if isinstance(v, str)})
        kwargs.setdefault("connect_timeout", 5)
        # Notice a dead peer even when nothing is said for a while.
        kwargs.setdefault("keepalives", 1)
        kwargs.setdefault("keepalives_idle", 10)
        kwargs.setdefault("keepalives_interval", 5)
        kwargs.setdefault("keepalives_count", 3)
        kwargs.setdefault("application_name", "counter-events")
        return psycopg.connect(autocommit=True, **kwargs)

    def _pg_catch_up(self, conn: Any) -> None:
        params = {"h": self.hall_id}
        if self._since is None:
            # Everything committed so far counts as seen; an id below the maximum that commits
            # later (a concurrent transaction) is still new, so remember the recent ids.
            max_id = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM change_log").fetchone()[0])
            recent = conn.execute(
                "SELECT id FROM change_log WHERE id > %(lo)s", {"lo": max_id - LOOKBACK}
            ).fetchall()
            self._start_point(max_id)
            self._floor = max(0, max_id - LOOKBACK)
            self._seen = {int(r[0]) for r in recent}
            return
        lower = max(self._floor, self.last_id - LOOKBACK)
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM change_log WHERE id > %(lo)s{self._where()} ORDER BY id",
            {**params, "lo": lower},
        ).fetchall()
        for row in rows:
            self._deliver(Change.from_row(row))

    def _pg_fetch(self, conn: Any, ids: list[int]) -> None:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM change_log WHERE id = ANY(%(ids)s) ORDER BY id",
            {"ids": ids},
        ).fetchall()
        for row in rows:
            self._deliver(Change.from_row(row))

    def _run_pg(self) -> None:
        import psycopg

        delay = 0.1
        first = True
        while not self._stop.is_set():
            conn = None
            try:
                conn = self._pg_connect()
                conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                self._pg_catch_up(conn)  # after LISTEN: nothing falls between the two
                if not first:
                    log.info("event listener reconnected; caught up to id %s", self.last_id)
                first = False
                delay = 0.1
                self._ready.set()
                while not self._stop.is_set():
                    pending: list[int] = []
                    for note in conn.notifies(timeout=0.25):
                        try:
                            data = json.loads(note.payload)
                        except ValueError:
                            continue
                        if data.get("truncated"):
                            pending.append(int(data["id"]))
                            break  # the connection is needed to read the row
                        self._deliver(Change.from_notification(data))
                        if self._stop.is_set():
                            break
                    if pending:
                        self._pg_fetch(conn, pending)
            except psycopg.Error as exc:
                if self._stop.is_set():
                    break
                self._ready.clear()
                self.reconnects += 1
                log.warning("event listener lost its connection (%s); reconnecting", exc)
                self._stop.wait(delay)
                delay = min(delay * 2, self.reconnect_max_delay)
            except Exception:  # pragma: no cover - keep listening whatever happens
                log.exception("event listener failed; restarting")
                self._ready.clear()
                self._stop.wait(delay)
                delay = min(delay * 2, self.reconnect_max_delay)
            finally:
                if conn is not None:
                    with contextlib.suppress(Exception):
                        conn.close()

    # ---- SQLite -------------------------------------------------------------------------

    def _run_sqlite(self) -> None:
        path = make_url(self.url).database
        if not path or path == ":memory:":
            log.error("an in-memory SQLite database cannot be followed by another connection")
            return
        delay = 0.1
        while not self._stop.is_set():
            conn = None
            try:
                conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
                conn.isolation_level = None  # autocommit: each SELECT reads the latest commit
                conn.execute("PRAGMA busy_timeout=30000")
                where = self._where().replace("%(h)s", "?")
                params: tuple[Any, ...] = (self.hall_id,) if where else ()
                if self._since is None:
                    max_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM change_log").fetchone()
                    self._start_point(int(max_id[0]))
                self._ready.set()
                delay = 0.1
                while not self._stop.is_set():
                    rows = conn.execute(
                        f"SELECT {_COLUMNS} FROM change_log WHERE id > ?{where} "
                        "ORDER BY id LIMIT 1000",
                        (max(self.last_id, self._floor), *params),
                    ).fetchall()
                    for row in rows:
                        self._deliver(Change.from_row(row))
                    if len(rows) < 1000:
                        self._stop.wait(self.poll_interval)
            except sqlite3.Error as exc:
                if self._stop.is_set():
                    break
                self._ready.clear()
                self.reconnects += 1
                log.warning("event poller failed (%s); retrying", exc)
                self._stop.wait(delay)
                delay = min(delay * 2, self.reconnect_max_delay)
            finally:
                if conn is not None:
                    conn.close()


def subscribe(
    url: str,
    hall_id: int | None,
    callback: Callable[[Change], None],
    since_id: int | None = None,
    *,
    poll_interval: float = 0.2,
    include_global: bool = True,
) -> Subscription:
    """Follow the change events of ``hall_id`` (``None``: every hall) on the database at
    ``url``; ``callback(event)`` is called on a listener thread for each one, in commit order,
    at most once. Returns the running :class:`Subscription` (call ``close()`` to stop)."""
    if is_sqlite(normalise_url(url)):
        path = make_url(normalise_url(url)).database
        if not path or path == ":memory:":
            raise ConfigError(what="内存中的 SQLite 数据库无法被其他连接订阅 / in-memory SQLite")
    return Subscription(
        url,
        hall_id,
        callback,
        since_id,
        poll_interval=poll_interval,
        include_global=include_global,
    )
