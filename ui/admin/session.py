"""The admin console's session: the runtime, the signed-in administrator and the worker.

Each method is a plain call of the door :mod:`counter.admin` with the runtime and the actor,
meant to run on the worker (``session.run(key, method, *args)``). Nothing here touches a widget.
It has what :class:`ui.signin.SignInForm` and :class:`ui.live.LiveUpdates` expect of a holder
(``station``, ``demo``, ``worker``, ``sign_in``, ``rt``, ``live_hall_id``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from counter import admin as door
from counter.config import StationConfig
from counter.errors import NotSignedIn
from counter.services.base import Actor, Runtime
from ui.backend import Call
from ui.worker import Worker

P = ParamSpec("P")
R = TypeVar("R")


class AdminSession:
    def __init__(self, rt: Runtime, *, demo: bool = False) -> None:
        self.rt = rt
        self.station = StationConfig(window=None)
        self.demo = demo
        self.demo_roles = ("admin",)
        self.signed: Any = None
        self.worker = Worker(ping=self.ping)

    @property
    def actor(self) -> Actor:
        if self.signed is None:
            raise NotSignedIn()
        return self.signed.actor  # type: ignore[no-any-return]

    def live_hall_id(self) -> int | None:
        return None  # the catalogue and the village points are town-wide

    def ping(self) -> int:
        return self.rt.hall_id()

    def close(self) -> None:
        self.worker.close()

    def sign_in(self, staff_no: str, password: str) -> Any:
        """On the worker: sign in; refused to anyone who is not an administrator."""
        signed = door.sign_in(self.rt, staff_no, password)
        self.signed = signed
        return signed

    def call(
        self,
        key: str,
        fn: Callable[Concatenate[Runtime, Actor, P], R],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Call[R]:
        """``fn(rt, actor, *args, **kwargs)`` of the door on the worker, under ``key``."""
        actor = self.actor
        return Call(self.worker, key, functools.partial(fn, self.rt, actor, *args, **kwargs))
