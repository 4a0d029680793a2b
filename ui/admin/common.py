"""What every tab of the admin console shares: the session, a banner for the core's messages
and a count of the calls in flight (tests wait on it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from counter.errors import DatabaseUnavailable
from ui import widgets
from ui.admin.session import AdminSession
from ui.widgets import Banner, error_text


def joined(words: Iterable[str]) -> str:
    """A list in a table cell: 、 between Chinese words, a comma in English."""
    return (", " if widgets.ENGLISH else "、").join(words)


class AdminTab(QWidget):
    """A tab: ``self.lay`` below a banner; :meth:`submit` runs a door call on the worker."""

    def __init__(self, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pending = 0
        self.last_error: Exception | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        self.banner = Banner("info")
        outer.addWidget(self.banner)
        self.lay = QVBoxLayout()
        outer.addLayout(self.lay, 1)

    def submit(
        self,
        key: str,
        fn: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], None] | None = None,
        saved: str = "",
        **kwargs: Any,
    ) -> None:
        """``fn(rt, actor, *args, **kwargs)`` on the worker; ``then(result)`` on the Qt thread,
        ``saved`` shown in the banner on success, the core's message on a refusal."""
        self.pending += 1

        def done(result: Any) -> None:
            self.pending -= 1
            self.last_error = None
            if saved:
                self.banner.show_message(saved, "ok")
            if then is not None:
                then(result)

        def failed(exc: Exception) -> None:
            self.pending -= 1
            self.last_error = exc
            if isinstance(exc, DatabaseUnavailable):
                self.banner.show_message(self.tr("数据库连接中断，正在重连…请稍后再试"), "error")
            else:
                self.banner.show_message(error_text(exc), "error")

        self.session.call(key, fn, *args, **kwargs).then(done, failed)

    def start(self) -> None:
        """Read what the tab shows (called once signed in)."""

    def on_event(self, change: Any) -> None:
        """Another PC's change (default: nothing)."""
