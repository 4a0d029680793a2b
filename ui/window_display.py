"""A window display (窗口屏), ``counter window-display --window N``: the small screen above a
window (or a strip on a monitor) saying which window it is, the ticket being served, whether
the window is serving, paused or closed, and — when the hall wants it — the clerk's name and
staff number.

Like the hall display it reads its window once (:func:`counter.display.read_window`) after its
subscription listens and then follows the change events (:func:`counter.display.apply_window_change`:
the window's line by version); it reads once more only when the window opens or closes (another
clerk may have signed in). A call to this window is highlighted for a few seconds. A wide strip
(more than 2.5 times as wide as high) gets a one-line layout.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from counter import clock
from counter import display as door
from counter.changes import Change
from counter.display import Screen, WindowPanel
from ui.board_paint import Canvas, Frame
from ui.hall_display import GOLD, WHITE, date_text
from ui.live import HallEvents
from ui.public_backend import ScreenBackend

log = logging.getLogger(__name__)

BG = "#0b2346"
STATES = {
    # kind → (background, big words, small words)
    "called": ("#b45309", "", "请到本窗口办理"),
    "serving": (BG, "", "正在办理"),
    "free": ("#14532d", "请稍候", "等待叫号"),
    "paused": ("#5d4037", "暂停服务", "请稍候，工作人员马上回来"),
    "closed": ("#263238", "暂停办理", "本窗口暂不办理业务，请到其他窗口"),
}


class WindowDisplay(QWidget):
    """The display of window ``number``."""

    loaded = Signal()

    FLASH_MS = 450

    def __init__(
        self,
        backend: ScreenBackend[Screen],
        number: int,
        *,
        live: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("windowDisplay")
        self.setWindowTitle(self.tr("{n}号窗口屏").format(n=number))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.backend = backend
        self.number = number
        self.live = live
        self.panel: WindowPanel | None = None
        self.events: HallEvents | None = None
        self.offline = False
        self.error = ""
        self.drawn: list[str] = []
        self.reads = 0
        self._pending: list[Change] = []
        self._flash_until = 0.0
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.update)
        self._flash = QTimer(self)
        self._flash.setInterval(self.FLASH_MS)
        self._flash.timeout.connect(self._flash_tick)
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(300)
        self._reread.timeout.connect(self.read)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(3000)
        self._retry.timeout.connect(self.read)

    def start(self) -> None:
        self._clock.start()
        if self.backend.ident is None:
            raise RuntimeError("open the screen first (counter.display.open_screen)")
        if not self.live:
            self.read()
            return
        self.events = HallEvents(self.backend.rt.url, self.backend.ident.hall_id, self)
        self.events.changed.connect(self.on_change)
        self.events.ready.connect(self.read)
        self.events.lost.connect(lambda: self._set_offline(True))
        self.events.restored.connect(lambda: self._set_offline(False))
        self.events.start()

    def stop(self) -> None:
        for t in (self._clock, self._flash, self._reread, self._retry):
            t.stop()
        if self.events is not None:
            self.events.stop()

    def read(self) -> None:
        self.reads += 1
        self.backend.call("window", door.read_window, self.number).then(self._loaded, self._failed)

    def _failed(self, exc: Exception) -> None:
        from ui.widgets import error_text

        log.warning("window display could not read window %s: %r", self.number, exc)
        self.error = error_text(exc)
        self._retry.start()
        self.update()

    def _loaded(self, panel: WindowPanel) -> None:
        first = self.panel is None
        old = self.panel
        # Keep the newer line if an event overtook the reading.
        if old is not None and old.line.version > panel.line.version:
            panel = replace(panel, line=old.line, called_at=old.called_at)
        self.panel = panel
        self.error = ""
        pending, self._pending = self._pending, []
        for change in pending:
            self._apply(change, flash=False)
        self.update()
        if first:
            self.loaded.emit()

    def on_change(self, change: Change) -> None:
        if self.panel is None:
            self._pending.append(change)
            return
        self._apply(change, flash=True)

    def _apply(self, change: Change, *, flash: bool) -> None:
        assert self.panel is not None
        panel, call, reread = door.apply_window_change(self.panel, change)
        if reread:
            self._reread.start()
        if panel is self.panel:
            return
        self.panel = panel
        if call is not None and flash:
            self._flash_until = time.monotonic() + panel.settings.highlight_seconds
            self._flash.start()
        self.update()

    def _set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.update()

    def _flash_tick(self) -> None:
        if time.monotonic() >= self._flash_until:
            self._flash.stop()
        self.update()

    @property
    def kind(self) -> str:
        if self.panel is None:
            return "closed"
        line = self.panel.line
        if line.state == "closed":
            return "closed"
        if line.ticket and line.ticket_state == "called":
            return "called"
        if line.ticket:
            return "serving"
        return "paused" if line.state == "paused" else "free"

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        strip = self.width() > 2.5 * max(1, self.height())
        ref = (1920, 360) if strip else (1280, 720)
        painter = QPainter(self)
        frame = Frame.fit(self.width(), self.height(), *ref)
        drawn: list[str] = []
        c = Canvas(painter, frame, drawn)
        kind = self.kind
        bg, big, small = STATES[kind]
        flashing = time.monotonic() < self._flash_until
        if kind == "called" and flashing:
            on = int((self._flash_until - time.monotonic()) * 1000 / self.FLASH_MS) % 2 == 0
            bg = "#d32f2f" if on else "#ef6c00"
        painter.fillRect(self.rect(), QColor(bg))
        try:
            if strip:
                self._paint_strip(c, kind, big, small)
            else:
                self._paint_full(c, kind, big, small)
        finally:
            painter.end()
        self.drawn = drawn

    def _texts(self, kind: str, big: str, small: str) -> tuple[str, str, str, str]:
        p = self.panel
        title = p.name if p is not None else self.tr("{n}号窗口").format(n=self.number)
        ticket = p.line.ticket if p is not None and p.line.ticket else ""
        main = ticket if kind in ("called", "serving") else self.tr(big)
        clerk = ""
        if p is not None and p.clerk_name and kind != "closed":
            clerk = self.tr("工作人员：{name}　工号：{no}").format(name=p.clerk_name, no=p.clerk_no)
        return title, main, self.tr(small), clerk

    def _paint_full(self, c: Canvas, kind: str, big: str, small: str) -> None:
        title, main, sub, clerk = self._texts(kind, big, small)
        c.box(0, 0, 1280, 120, "#40000000")
        c.text(40, 10, 860, 100, title, 64, WHITE, bold=True)
        _day, hms = date_text(clock.local_now())
        c.text(900, 10, 340, 100, hms, 40, WHITE, align=Qt.AlignmentFlag.AlignRight)
        ticket = kind in ("called", "serving")
        center = Qt.AlignmentFlag.AlignHCenter
        c.text(
            0, 130, 1280, 300, main, 250 if ticket else 150, GOLD if kind == "called" else WHITE,
            bold=True, align=center,
        )  # fmt: skip
        c.text(0, 430, 1280, 100, sub, 60, WHITE, align=center)
        c.box(0, 560, 1280, 160, "#40000000")
        if clerk:
            c.text(40, 570, 1200, 70, clerk, 40, WHITE)
        queues = self.panel.queues if self.panel is not None else ()
        if queues:
            c.text(40, 640, 1200, 60, self.tr("办理业务：") + "、".join(queues), 30, "#c9d6ea")
        self._paint_marker(c, 1100, 660)

    def _paint_strip(self, c: Canvas, kind: str, big: str, small: str) -> None:
        title, main, sub, clerk = self._texts(kind, big, small)
        c.box(0, 0, 560, 360, "#40000000")
        c.text(30, 30, 510, 150, title, 80, WHITE, bold=True)
        if clerk:
            c.text(30, 200, 510, 60, clerk, 30, WHITE)
        queues = self.panel.queues if self.panel is not None else ()
        if queues:
            c.text(30, 270, 510, 50, "、".join(queues), 28, "#c9d6ea")
        ticket = kind in ("called", "serving")
        center = Qt.AlignmentFlag.AlignHCenter
        c.text(
            560, 20, 1360, 240, main, 210 if ticket else 130, GOLD if kind == "called" else WHITE,
            bold=True, align=center,
        )  # fmt: skip
        c.text(560, 260, 1360, 80, sub, 52, WHITE, align=center)
        self._paint_marker(c, 1800, 320)

    def _paint_marker(self, c: Canvas, x: float, y: float) -> None:
        if self.offline or self.error:
            c.box(x, y, 14, 14, "#ffb300", radius=7)
            c.text(x + 22, y - 10, 300, 34, self.tr("重连中"), 20, "#ffcc80")
