"""The manager screen's session: the runtime, the signed-in manager and the worker.

Every method is a plain call of :mod:`counter.manager` (the manager's one door to the core),
meant to run on the worker (``session.worker.submit(key, session.method, ...)``). Nothing here
touches a widget. Long calls (period reports, exports) take a :class:`Job`, whose progress
signal crosses to the Qt thread and whose ``cancel()`` the pool thread sees.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from counter import manager
from counter.config import StationConfig
from counter.errors import NotSignedIn
from counter.services.base import Actor, Runtime
from ui.worker import Worker


class Job(QObject):
    """Progress and cancellation of one long call (emitted from the pool thread)."""

    progress = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> None:  # pool thread: emit only
        self.progress.emit(done, total)


class ManagerSession:
    """The runtime, the signed-in manager and the worker of the manager screen."""

    def __init__(self, rt: Runtime, *, demo: bool = False) -> None:
        self.rt = rt
        self.demo = demo
        self.station = StationConfig()
        self.signed: Any = None
        self.worker = Worker(ping=self.ping)

    @property
    def actor(self) -> Actor:
        if self.signed is None:
            raise NotSignedIn()
        return self.signed.actor  # type: ignore[no-any-return]

    def ping(self) -> int:
        return self.rt.hall_id()

    def live_hall_id(self) -> int | None:
        return self.signed.actor.hall_id if self.signed is not None else None

    def close(self) -> None:
        self.worker.close()

    # -- calls (pool thread) -----------------------------------------------------------------

    def sign_in(self, staff_no: str, password: str, new_password: str | None = None) -> Any:
        signed = manager.sign_in(self.rt, staff_no, password, new_password=new_password)
        self.signed = signed
        return signed

    def live_hall(self) -> manager.LiveHall:
        return manager.live_hall(self.rt, self.actor)

    def live_floor(self) -> Any:
        return manager.live_floor(self.rt, self.actor)

    def live_cases(self) -> Any:
        return manager.live_cases(self.rt, self.actor)

    def live_followups(self) -> Any:
        return manager.live_followups(self.rt, self.actor)

    def day_report(self, day: dt.date) -> Any:
        return manager.day_report(self.rt, self.actor, day)

    def period_report(self, start: dt.date, end: dt.date, job: Job | None = None) -> Any:
        return manager.period_report(
            self.rt,
            self.actor,
            start,
            end,
            progress=job.report if job else None,
            cancelled=job.cancelled if job else None,
        )

    def record_followup(
        self, evaluation_id: int, contacted: bool, resolved: bool, explanation: str
    ) -> manager.FollowUpDone:
        return manager.record_followup(
            self.rt,
            self.actor,
            evaluation_id,
            contacted=contacted,
            resolved=resolved,
            explanation=explanation,
        )

    def export(self, report: Any, fmt: str, path: str, job: Job | None = None) -> Path:
        """Write ``report`` as json / csv / xlsx (the core) or pdf (drawn here with Qt)."""
        if fmt == "pdf":
            from ui import docrender

            if job is not None:
                job.report(0, 2)
            content = manager.report_document(report)
            if job is not None and job.cancelled():
                from counter.reports.queries import ReportCancelled

                raise ReportCancelled()
            docrender.render_pdf(content, path)
            if job is not None:
                job.report(2, 2)
            return Path(path)
        return manager.export_report(
            self.rt,
            self.actor,
            report,
            fmt,
            path,
            progress=job.report if job else None,
            cancelled=job.cancelled if job else None,
        )
