"""The back-office screen's session: the runtime, the signed-in person and the worker.

Every method is a plain function meant to run on the worker (``session.worker.submit(key,
session.method, ...)``); each calls one function of the door :mod:`counter.backoffice` with
the runtime and the signed-in actor. Nothing here touches a widget. It has what
:class:`ui.signin.SignInForm` and :class:`ui.live.LiveUpdates` expect of a backend (``demo``,
``station``, ``worker``, ``sign_in``, ``signed``, ``actor``, ``rt``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from counter import backoffice as door
from counter.config import StationConfig
from counter.errors import NotSignedIn
from counter.services.base import Actor, Runtime
from ui.worker import Worker


class BackofficeSession:
    def __init__(self, rt: Runtime, *, demo: bool = False) -> None:
        self.rt = rt
        # The back office has no window: the sign-in shows "no window configured".
        self.station = StationConfig(window=None)
        self.demo = demo
        self.signed: Any = None
        self.worker = Worker(ping=self.ping)
        self.query = door.InboxQuery()
        self.demo_roles = ("reviewer", "seal_keeper", "manager")  # listed on a demo sign-in

    @property
    def actor(self) -> Actor:
        if self.signed is None:
            raise NotSignedIn()
        return self.signed.actor  # type: ignore[no-any-return]

    def has(self, role: str) -> bool:
        return self.signed is not None and self.actor.has(role)

    def live_hall_id(self) -> int | None:
        return self.actor.hall_id if self.signed is not None else None

    def ping(self) -> int:
        return self.rt.hall_id()

    def close(self) -> None:
        self.worker.close()

    # -- calls (on the worker) --------------------------------------------------------------

    def sign_in(self, staff_no: str, password: str) -> Any:
        signed = door.sign_in(self.rt, staff_no, password)
        self.signed = signed
        return signed

    def sign_out(self) -> None:
        from counter.services.auth import sign_out

        if self.signed is not None:
            sign_out(self.rt, self.actor)
            self.signed = None

    def vocabularies(self) -> door.Vocabularies:
        return door.vocabularies(self.rt, self.actor)

    def inbox(self, query: door.InboxQuery) -> door.Inbox:
        return door.inbox(self.rt, self.actor, query)

    def open_case(self, case_no: str, read_only: bool = False) -> door.CasePage:
        return door.open_case(self.rt, self.actor, case_no, read_only=read_only)

    def supervision(self, query: door.SupervisionQuery) -> door.SupervisionView:
        return door.supervision(self.rt, self.actor, query)

    def act(self, action: str, case_no: str, text: str = "", *, reasons: Sequence[str] = (),
            kind: str = "", carrier: str = "", tracking: str = "",
            originals: str = "enclosed") -> door.ActionResult:  # fmt: skip
        """One action of the case page (the key is the door's action name)."""
        rt, actor, q = self.rt, self.actor, self.query
        if action == "first_review":
            return door.first_review(rt, actor, case_no, text, q)
        if action == "review":
            return door.review(rt, actor, case_no, text, q)
        if action == "approve":
            return door.decide(rt, actor, case_no, approve=True, opinion=text, query=q)
        if action == "refuse":
            return door.decide(rt, actor, case_no, approve=False, opinion=text,
                               reasons=reasons, query=q)  # fmt: skip
        if action == "send_back":
            return door.send_back(rt, actor, case_no, text, q)
        if action == "suspend":
            return door.suspend(rt, actor, case_no, kind, text, q)
        if action == "resume":
            return door.resume(rt, actor, case_no, text, q)
        if action == "issue":
            return door.issue_decision(rt, actor, case_no, q)
        if action == "reprint":
            return door.reprint_decision(rt, actor, case_no, text, q)
        if action == "revoke":
            return door.revoke_decision(rt, actor, case_no, text, q)
        if action == "post":
            return door.post_result(rt, actor, case_no, carrier=carrier, tracking=tracking,
                                    query=q, originals=originals)  # fmt: skip
        raise ValueError(f"unknown action {action!r}")

    def preview_decision(self, case_no: str) -> Any:
        return door.preview_decision(self.rt, self.actor, case_no)

    def verify(self, code: str) -> Any:
        return door.verify(self.rt, self.actor, code)
