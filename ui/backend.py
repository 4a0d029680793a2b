"""What a screen holds to reach the core: the runtime, this PC's station config, the signed-in
clerk (:class:`counter.window.Desk`) and the worker that runs calls off the Qt thread.

Screens call the door's functions by name, fully typed::

    self.backend.call("queue", door.recall).then(self._recalled, self._failed, exclusive=True)

``call`` binds the runtime and the desk as the first two arguments of the door function; the
call runs on the worker and its result (or error) comes back on the Qt thread. Nothing here
touches a widget, and no screen ever sees a database session.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Concatenate, Generic, ParamSpec, TypeVar

from counter import window as door
from counter.config import StationConfig
from counter.errors import NotSignedIn
from counter.services.base import Runtime
from ui.worker import OnError, Worker

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class Call(Generic[R]):
    """A door call waiting for its callbacks: :meth:`then` submits it to the worker."""

    def __init__(self, worker: Worker, key: str, fn: Callable[[], R]) -> None:
        self._worker = worker
        self._key = key
        self._fn = fn

    def then(
        self,
        on_done: Callable[[R], None] | None = None,
        on_error: OnError | None = None,
        *,
        exclusive: bool = False,
    ) -> int | None:
        """Submit; ``on_done(result)`` or ``on_error(exc)`` run later on the Qt thread. Returns
        the call id, or ``None`` when ``exclusive`` and a call of this key is in flight."""
        return self._worker.submit(
            self._key, self._fn, on_done=on_done, on_error=on_error, exclusive=exclusive
        )


class Backend:
    """The runtime, this PC's station config, the signed-in clerk, and the worker."""

    def __init__(
        self, rt: Runtime, station: StationConfig | None = None, *, demo: bool = False
    ) -> None:
        self.rt = rt
        self.station = station or StationConfig()
        self.demo = demo
        self.desk: door.Desk | None = None
        self.worker = Worker(ping=self.ping)

    @property
    def signed_in(self) -> bool:
        return self.desk is not None

    def the_desk(self) -> door.Desk:
        """The signed-in clerk's desk (raises :class:`NotSignedIn` before sign-in)."""
        if self.desk is None:
            raise NotSignedIn()
        return self.desk

    def call(
        self,
        key: str,
        fn: Callable[Concatenate[Runtime, door.Desk, P], R],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Call[R]:
        """``fn(rt, desk, *args, **kwargs)`` on the worker, under ``key`` (see :class:`Call`)."""
        desk = self.the_desk()
        return Call(self.worker, key, functools.partial(fn, self.rt, desk, *args, **kwargs))

    def run(self, key: str, fn: Callable[[], R]) -> Call[R]:
        """Any core call that needs no desk (sign-in, reads before sign-in) on the worker."""
        return Call(self.worker, key, fn)

    # -- session ----------------------------------------------------------------------------

    def live_hall_id(self) -> int | None:
        return self.desk.actor.hall_id if self.desk is not None else None

    def ping(self) -> int:
        return self.rt.hall_id()

    def sign_in(self, staff_no: str, password: str) -> door.Desk:
        """Runs on the worker: sign in at this PC's window; the desk is kept."""
        desk = door.sign_in(self.rt, staff_no, password, self.station.window)
        self.desk = desk
        return desk

    def close(self) -> None:
        self.worker.close()
