"""A loopback TCP proxy that adds round-trip time and counts round trips (for benchmarks).

Put it in front of the database to see what a clerk's key press costs over a real network (a
township PC and a database in the county's data centre): every chunk is delayed by half the
added round trip in each direction, order kept. It counts *round trips* as the client's turns:
a burst of bytes from the client after the server has spoken (or first) starts one.

Used by ``counter bench clerk --rtt MS``; never by the product itself.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from dataclasses import dataclass, field

__all__ = ["DelayProxy"]


@dataclass
class _Stats:
    turns: int = 0
    client_bytes: int = 0
    server_bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class DelayProxy:
    """``DelayProxy(target_host, target_port, rtt_ms)``: listens on 127.0.0.1 (``port``), and
    forwards each accepted connection to the target with ``rtt_ms`` of added round trip.
    ``round_trips`` counts the client's turns over all connections; :meth:`reset` zeroes it."""

    def __init__(self, target_host: str, target_port: int, rtt_ms: float = 0.0) -> None:
        self.target = (target_host, target_port)
        self.half_delay = max(0.0, rtt_ms) / 2000.0
        self._stats = _Stats()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port: int = self._listener.getsockname()[1]
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        self._down_until = 0.0  # time.monotonic() before which new connections are dropped
        self._accept_thread = threading.Thread(target=self._accept, daemon=True)
        self._accept_thread.start()

    # ---- figures ----------------------------------------------------------------------------

    @property
    def round_trips(self) -> int:
        return self._stats.turns

    def reset(self) -> None:
        with self._stats.lock:
            self._stats.turns = 0
            self._stats.client_bytes = 0
            self._stats.server_bytes = 0

    def url_for(self, url: str) -> str:
        """``url`` (a database URL) pointed at this proxy instead of its host and port."""
        from sqlalchemy.engine import make_url

        return (
            make_url(url)
            .set(host="127.0.0.1", port=self.port)
            .render_as_string(hide_password=False)
        )

    # ---- plumbing ---------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            if time.monotonic() < self._down_until:
                client.close()  # the server is "down": the client sees its connection closed
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                s.settimeout(None)
            self._sockets += [client, upstream]
            turn = {"client_speaks": False}
            for src, dst, from_client in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(
                    target=self._pump, args=(src, dst, from_client, turn), daemon=True
                ).start()

    def _pump(
        self, src: socket.socket, dst: socket.socket, from_client: bool, turn: dict[str, bool]
    ) -> None:
        # Chunks wait in a heap until their due time, then go out in order.
        queue: list[tuple[float, int, bytes]] = []
        seq = itertools.count()
        cond = threading.Condition()
        done = threading.Event()

        def sender() -> None:
            while True:
                with cond:
                    while not queue and not done.is_set():
                        cond.wait()
                    if not queue and done.is_set():
                        break
                    due, _n, data = queue[0]
                    wait = due - time.monotonic()
                    if wait > 0:
                        cond.wait(wait)
                        continue
                    heapq.heappop(queue)
                try:
                    dst.sendall(data)
                except OSError:
                    break
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

        out = threading.Thread(target=sender, daemon=True)
        out.start()
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            with self._stats.lock:
                if from_client:
                    self._stats.client_bytes += len(data)
                    if not turn["client_speaks"]:
                        self._stats.turns += 1
                        turn["client_speaks"] = True
                else:
                    self._stats.server_bytes += len(data)
                    turn["client_speaks"] = False
            with cond:
                heapq.heappush(queue, (time.monotonic() + self.half_delay, next(seq), data))
                cond.notify()
        done.set()
        with cond:
            cond.notify()
        out.join(timeout=5)

    def cut(self) -> None:
        """Drop every open connection (a network cut); new ones are still accepted."""
        sockets, self._sockets = self._sockets, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()

    def outage(self, seconds: float) -> None:
        """A server restart: drop every open connection and every new one for ``seconds``."""
        self._down_until = time.monotonic() + seconds
        self.cut()

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        for s in self._sockets:
            with contextlib.suppress(OSError):
                s.close()

    def __enter__(self) -> DelayProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
