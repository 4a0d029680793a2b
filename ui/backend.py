"""The window client's door to the core (后台调用门面).

Every method here is a plain function meant to run on the worker (``backend.worker.submit(key,
backend.method, ...)``): it calls one service of :mod:`counter.services` with the runtime and
the signed-in actor and returns plain data. Nothing here touches a widget, and the screens never
see the runtime: they only hold a :class:`Backend`.

Keeping the exact service signatures in one file means a change in the core is one edit here.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from counter.config import StationConfig
from counter.errors import NotSignedIn
from counter.services.base import Actor, Runtime
from ui.worker import Worker

log = logging.getLogger(__name__)


def _svc(*names: str) -> Any:
    """The services ``names`` merged into one namespace (the modules split by capability)."""
    merged: dict[str, Any] = {}
    for name in names:
        merged.update(vars(importlib.import_module(f"counter.services.{name}")))
    return SimpleNamespace(**merged)


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


@dataclass(frozen=True)
class QueueSnapshot:
    """What the queue bar shows: this window's current and parked tickets, waiting counts of the
    queues it serves, the estimated wait, the window's state."""

    current: Any = None
    parked: tuple[Any, ...] = ()
    waiting: tuple[tuple[str, str, int], ...] = ()
    estimate_minutes: int | None = None
    window_state: str = ""
    raw: Any = field(default=None, repr=False)


class Backend:
    """The runtime, this PC's station config, the signed-in clerk, and the worker."""

    def __init__(
        self, rt: Runtime, station: StationConfig | None = None, *, demo: bool = False
    ) -> None:
        self.rt = rt
        self.station = station or StationConfig()
        self.demo = demo
        self.signed: Any = None
        self.worker = Worker(ping=self.ping)

    # -- session ----------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        if self.signed is None:
            raise NotSignedIn()
        return self.signed.actor  # type: ignore[no-any-return]

    @property
    def window_id(self) -> int | None:
        return self.signed.actor.window_id if self.signed is not None else None

    def ping(self) -> int:
        return self.rt.hall_id()

    def sign_in(self, staff_no: str, password: str) -> Any:
        from counter.services.auth import sign_in

        signed = sign_in(self.rt, staff_no, password, window_number=self.station.window)
        self.signed = signed
        return signed

    def sign_out(self) -> None:
        from counter.services.auth import sign_out

        if self.signed is not None:
            sign_out(self.rt, self.actor)
            self.signed = None

    def close(self) -> None:
        self.worker.close()

    # -- queue ------------------------------------------------------------------------------

    def _q(self) -> Any:
        return _svc("queue_state", "tickets", "calling")

    @property
    def window_number(self) -> int:
        number = self.signed.window_number if self.signed is not None else None
        if number is None:
            from counter.errors import ConfigError

            raise ConfigError(what="本机未配置窗口号（counter setup --window N）")
        return int(number)

    def open_window(self) -> Any:
        return self._q().open_window(self.rt, self.actor, self.window_number)

    def pause_window(self) -> Any:
        return self._q().pause_window(self.rt, self.actor, self.window_number)

    def close_window(self) -> Any:
        return self._q().close_window(self.rt, self.actor, self.window_number)

    def set_paused(self, paused: bool) -> str:
        """暂停 (``paused``) or open the window again; returns the window's new state."""
        fn = self.pause_window if paused else self.open_window
        return str(fn().window.state)

    def leave(self, current: str = "") -> None:
        """Closing the client or signing out: first ``current`` ("finish" | "park") the
        ticket at the window, then close the window in the queue engine and sign out."""
        if current == "finish":
            self.finish_service()
        elif current == "park":
            self.park()
        self.close_window()
        self.sign_out()

    def queue_snapshot(self) -> QueueSnapshot:
        """This window's state, its current ticket and the waiting counts of its queues."""
        q = self._q()
        win = q.window_status(self.rt, self.actor, self.window_number)
        current = None
        if win.current_ticket_id is not None:
            current = q.get_ticket(self.rt, self.actor, win.current_ticket_id)
        hall = q.hall_status(self.rt, self.actor)
        mine = [prefix for prefix, _w in sorted(win.queues, key=lambda pw: -pw[1])]
        by_prefix = {qs.prefix: qs for qs in hall.queues}
        rows = tuple(
            (p, by_prefix[p].name, int(by_prefix[p].waiting)) for p in mine if p in by_prefix
        )
        estimates = [by_prefix[p].estimated_wait_minutes for p in mine if p in by_prefix]
        parked = tuple(q.list_parked(self.rt, self.actor, window_id=win.id))
        return QueueSnapshot(
            current=current,
            parked=parked,
            waiting=rows,
            estimate_minutes=max(estimates) if estimates else None,
            window_state=str(win.state),
            raw=win,
        )

    def _ticket(self, result: Any) -> Any:
        return None if result is None else result.ticket

    def call_next(self) -> Any:
        return self._ticket(self._q().call_next(self.rt, self.actor, self.window_number))

    def recall(self, _ticket_id: int | None = None) -> Any:
        return self._ticket(self._q().recall(self.rt, self.actor, self.window_number))

    def no_show(self, _ticket_id: int | None = None) -> Any:
        return self._ticket(self._q().no_show(self.rt, self.actor, self.window_number))

    def park(self, _ticket_id: int | None = None) -> Any:
        return self._ticket(self._q().park(self.rt, self.actor, self.window_number))

    def resume(self, ticket_id: int) -> Any:
        return self._ticket(self._q().resume(self.rt, self.actor, self.window_number, ticket_id))

    def start_service(self, _ticket_id: int | None = None) -> Any:
        return self._ticket(self._q().start_service(self.rt, self.actor, self.window_number))

    def finish_service(self, _ticket_id: int | None = None) -> Any:
        return self._ticket(self._q().finish_service(self.rt, self.actor, self.window_number))

    def transfer(
        self, _ticket_id: int | None = None, *, queue: str | None = None, window: int | None = None
    ) -> Any:
        return self._ticket(
            self._q().transfer(
                self.rt, self.actor, self.window_number, to_queue=queue, to_window=window
            )
        )

    def transfer_targets(self) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
        """(queues as (prefix, label), windows as (number, label)) a ticket may go to."""
        hall = self._q().hall_status(self.rt, self.actor)
        queues = [(qs.prefix, f"{qs.prefix} {qs.name}（等候{qs.waiting}人）") for qs in hall.queues]
        windows = [
            (int(w.number), f"{w.name}（{'开启' if w.state == 'open' else '未开启'}）")
            for w in hall.windows
            if int(w.number) != self.window_number
        ]
        return queues, windows

    # -- catalogue --------------------------------------------------------------------------

    def search_items(
        self, text: str, department_id: int | None = None, sector: str | None = None
    ) -> list[Any]:
        from counter.services.catalog import search_items

        return search_items(
            self.rt,
            text,
            department_id=department_id,
            sector=sector,
            window_id=self.window_id,
            limit=300,
        )

    def get_item(self, version_id: int) -> Any:
        from counter.services.catalog import get_item

        return get_item(self.rt, version_id=version_id)

    def departments(self) -> list[tuple[int, str, str]]:
        from counter.services.catalog import list_departments

        return list_departments(self.rt)

    # -- cases ------------------------------------------------------------------------------

    def _c(self) -> Any:
        return _svc("cases", "intake", "handout", "seal", "evaluation")

    def find_applicant(self, kind: str, value: str) -> dict[str, Any] | None:
        c = self._c()
        key = {"uscc": value} if kind == "uscc" else {"id_number": value}
        found = c.find_applicant(self.rt, self.actor, **key)
        if found is None:
            return None
        keys = (
            "kind",
            "name",
            "id_number",
            "uscc",
            "legal_rep",
            "phone",
            "address",
            "sex",
            "nation",
            "birth_date",
        )
        out = {}
        for k in keys:
            v = getattr(found, k, "")
            out[k] = "" if v is None else str(v)
        return out

    def _applicant_input(self, d: dict[str, Any] | None) -> Any:
        if not d:
            return None
        c = self._c()
        birth = d.get("birth_date") or None
        if isinstance(birth, str) and birth:
            try:
                birth = dt.date.fromisoformat(birth)
            except ValueError:
                birth = None
        fields = getattr(c.ApplicantInput, "__dataclass_fields__", {})
        values = {
            "kind": d.get("kind", "person"),
            "name": d.get("name", ""),
            "id_type": d.get("id_type") or "居民身份证",
            "id_number": d.get("id_number", ""),
            "uscc": d.get("uscc", ""),
            "legal_rep": d.get("legal_rep", ""),
            "phone": d.get("phone", ""),
            "address": d.get("address", ""),
            "sex": d.get("sex", ""),
            "nation": d.get("nation", ""),
            "birth_date": birth,
        }
        if fields:
            values = {k: v for k, v in values.items() if k in fields}
        return c.ApplicantInput(**values)

    def _material_checks(self, materials: list[dict[str, Any]]) -> list[Any]:
        c = self._c()
        out = []
        for m in materials:
            status = m.get("status") or "missing"
            out.append(
                c.MaterialCheck(
                    material_id=int(m["material_id"]),
                    status=status,
                    form=m.get("form", "original"),
                    copies=int(m.get("copies", 1)),
                    note=m.get("note", ""),
                )
            )
        return out

    def accept(self, payload: dict[str, Any]) -> Any:
        c = self._c()
        return c.accept_case(
            self.rt,
            self.actor,
            item_version_id=payload["version_id"],
            applicant=self._applicant_input(payload["applicant"]),
            agent=self._applicant_input(payload.get("agent")),
            materials=self._material_checks(payload["materials"]),
            ticket_id=payload.get("ticket_id"),
            notes=payload.get("notes", ""),
            case_no=payload.get("case_no") or None,
        )

    def one_time_notice(self, payload: dict[str, Any]) -> Any:
        c = self._c()
        return c.issue_one_time_notice(
            self.rt,
            self.actor,
            item_version_id=payload["version_id"],
            applicant=self._applicant_input(payload["applicant"]),
            agent=self._applicant_input(payload.get("agent")),
            materials=self._material_checks(payload["materials"]),
            ticket_id=payload.get("ticket_id"),
            notes=payload.get("notes", ""),
        )

    def reject(self, payload: dict[str, Any], reason: str) -> Any:
        c = self._c()
        return c.reject_application(
            self.rt,
            self.actor,
            item_version_id=payload["version_id"],
            applicant=self._applicant_input(payload["applicant"]),
            reason=reason,
            agent=self._applicant_input(payload.get("agent")),
            ticket_id=payload.get("ticket_id"),
        )

    def find_case_for_handout(self, code: str) -> Any:
        return self._c().find_case_for_handout(self.rt, self.actor, code)

    def lookup_case(self, code: str) -> Any:
        """A scanned or typed case number: a case waiting for materials (its one-time notice)
        opens for 补正后受理, any other case for hand-out. Route on ``state``."""
        c = self._c()
        case = c.find_case_for_handout(self.rt, self.actor, code)
        if case.state == "awaiting_materials":
            return c.open_case_for_completion(self.rt, self.actor, code)
        return case

    def reprint(self, case_no: str, kind: str) -> Any:
        """补打: the case's document again, marked 补打 (a new logged seal use)."""
        return self._c().reprint(self.rt, self.actor, case_no, kind)

    def hand_out(self, case_no: str, collector_id_number: str, collector_name: str = "") -> Any:
        return self._c().hand_out(
            self.rt,
            self.actor,
            case_no,
            collector_id_number=collector_id_number,
            collector_name=collector_name,
        )

    def record_evaluation(
        self,
        level: int,
        reasons: list[str],
        comment: str = "",
        *,
        case_id: int | None = None,
        ticket_id: int | None = None,
    ) -> Any:
        return self._c().record_evaluation(
            self.rt,
            self.actor,
            level=level,
            reasons=tuple(reasons),
            comment=comment,
            case_id=case_id,
            ticket_id=ticket_id,
            channel="device",
        )

    # -- demo helpers -------------------------------------------------------------------------

    def issue_demo_ticket(self, prefix: str = "A") -> Any:
        """A ticket as the kiosk would issue it (demo, screenshots and tests)."""
        q = self._q()
        return q.issue_ticket(self.rt, Actor.system(self.actor.hall_id, "kiosk"), prefix).ticket
