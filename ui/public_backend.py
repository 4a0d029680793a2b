"""What a public screen of the hall (kiosk, hall display, window display) holds to reach the
core: the runtime, the screen's identity in its door (:class:`counter.kiosk.Kiosk`,
:class:`counter.display.Screen`) and the worker that runs calls off the Qt thread. The hall's
change events reach a public screen through :class:`ui.live.HallEvents`, the live updates every
screen uses.

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
