"""The hall display (叫号大屏), ``counter display``: the ticket called now, the last calls, each
window's state, the waiting counts, a scrolling notice, the date and time.

It reads the hall once (:func:`counter.display.read_board`) after its event subscription
listens, and from then on keeps everything exact from change events alone
(:func:`counter.display.apply_change`): counts and window lines by version, calls as they come.
A new call is highlighted for the hall's ``display_highlight_seconds`` and spoken
(:mod:`ui.voice`: the display PC speaks, not every PC). When the connection is lost the screen
keeps its last state with a small marker, and the subscription reconnects and catches up by
itself; once a day (tickets of the day before voided) or when the hall's set-up changes it reads
the hall once more.

Everything is painted on a 1920×1080 reference canvas and scaled (:mod:`ui.board_paint`); only
ticket numbers, window numbers and queue names are ever drawn.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from counter import clock
from counter import display as door
from counter.changes import Change
from counter.display import DisplayState, Screen
from counter.domain.board import CallLine
from counter.domain.voice import announcement
from ui.board_paint import Canvas, Frame
from ui.live import HallEvents
from ui.public_backend import ScreenBackend
from ui.voice import CallVoice

log = logging.getLogger(__name__)

REF_W, REF_H = 1920, 1080
WEEKDAYS = "一二三四五六日"
SPEAK_WITHIN_S = 120  # a call heard later than this (a catch-up after a reconnect) is not spoken

BG = "#0a1a33"
PANEL = "#102849"
HEADER = "#0f2a52"
GOLD = "#ffd54f"
WHITE = "#ffffff"
DIM = "#9fb7da"

# Window tiles: state → (fill, text colour, words under the number)
TILE = {
    "called": ("#ffb300", "#1a1a1a", "请前往"),
    "serving": ("#1e4d8c", WHITE, "办理中"),
    "free": ("#1b5e20", WHITE, "空闲"),
    "paused": ("#5d4037", "#ffe0b2", "暂停服务"),
    "closed": ("#263238", "#90a4ae", "未开放"),
}


def tile_kind(state: str, ticket: str | None, ticket_state: str | None) -> str:
    if state == "closed":
        return "closed"
    if ticket and ticket_state == "called":
        return "called"
    if ticket:
        return "serving"
    return "paused" if state == "paused" else "free"


def date_text(d: dt.datetime) -> tuple[str, str]:
    """The date with its weekday, and the time, as the screens show them."""
    return (
        f"{d.year}年{d.month}月{d.day}日  星期{WEEKDAYS[d.weekday()]}",
        d.strftime("%H:%M:%S"),
    )


class HallDisplay(QWidget):
    """The hall display. ``call_shown(CallLine)`` fires when a new call is on screen;
    ``painted(key)`` after each paint, with the key of the call shown as current (the
    benchmark times call → repaint with it)."""

    call_shown = Signal(object)
    loaded = Signal()

    FLASH_MS = 450
    MARQUEE_MS = 33
    REREAD_MS = 300
    RETRY_MS = 3000

    def __init__(
        self,
        backend: ScreenBackend[Screen],
        *,
        live: bool = True,
        speak: bool = True,
        voice: CallVoice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hallDisplay")
        self.setWindowTitle(self.tr("叫号大屏"))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.backend = backend
        self.live = live
        self.speak = speak
        self.voice = voice
        self.state: DisplayState | None = None
        self.events: HallEvents | None = None
        self.offline = False
        self.drawn: list[str] = []
        self.reads = 0
        # Called after each paint with the keys of the calls on screen (the current one first):
        # the benchmark times call → repaint with it.
        self.on_paint: Callable[[tuple[tuple[int, int, int], ...]], None] | None = None
        self._pending: list[Change] = []
        self._flash_until = 0.0
        self._marquee = 0.0
        self._marquee_width = 0.0
        self._strip: tuple[tuple[str, float], QPixmap] | None = None
        self._started = time.monotonic()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._flash = QTimer(self)
        self._flash.setInterval(self.FLASH_MS)
        self._flash.timeout.connect(self._flash_tick)
        self._scroll = QTimer(self)
        self._scroll.setInterval(self.MARQUEE_MS)
        self._scroll.timeout.connect(self._scroll_tick)
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(self.REREAD_MS)
        self._reread.timeout.connect(self.read)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(self.RETRY_MS)
        self._retry.timeout.connect(self.read)

    # -- life -----------------------------------------------------------------------------

    def start(self) -> None:
        """Subscribe, then read the hall once the subscription listens."""
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
        for t in (self._clock, self._flash, self._scroll, self._reread, self._retry):
            t.stop()
        if self.events is not None:
            self.events.stop()
        if self.voice is not None:
            self.voice.stop()

    def read(self) -> None:
        """Read the hall (on the worker); applied with the changes heard meanwhile."""
        self.reads += 1
        self.backend.call("board", door.read_board).then(self._loaded, self._read_failed)

    def _read_failed(self, exc: Exception) -> None:
        log.warning("display could not read the hall: %r", exc)
        self._set_offline(True)
        self._retry.start()

    def _loaded(self, state: DisplayState) -> None:
        first = self.state is None
        self.state = state
        pending, self._pending = self._pending, []
        for change in pending:
            self._apply(change, announce=False)
        if self.speak and self.voice is None:
            self.voice = CallVoice(state.settings.voice, parent=self)
        elif self.voice is not None:
            self.voice.set_settings(state.settings.voice)
        if self.offline and (self.events is None or not self.events.down):
            self._set_offline(False)
        if state.settings.notice and not self._scroll.isActive():
            self._scroll.start()
        self.update()
        if first:
            self.loaded.emit()

    # -- changes --------------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        if self.state is None:
            self._pending.append(change)
            return
        self._apply(change, announce=True)

    def _apply(self, change: Change, *, announce: bool) -> None:
        assert self.state is not None
        new, call = door.apply_change(self.state, change)
        if door.needs_reread(change):
            self._reread.start()
        if new is self.state:
            return
        self.state = new
        if call is not None:
            self._new_call(call, announce)
        self.update()

    def _new_call(self, call: CallLine, announce: bool) -> None:
        age = (clock.now() - call.at).total_seconds()
        if not announce or age > SPEAK_WITHIN_S:
            return
        assert self.state is not None
        self._flash_until = time.monotonic() + self.state.settings.highlight_seconds
        self._flash.start()
        if self.voice is not None:
            self.voice.announce(announcement(call.number, call.window, key=call.key))
        self.call_shown.emit(call)

    def _set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.update()

    # -- timers ---------------------------------------------------------------------------

    def _tick(self) -> None:
        if self.state is not None:
            today = clock.local_now().date()
            if today > self.state.board.day:
                self.state = replace(self.state, board=self.state.board.on_day(today))
                self.update()
                return
        self.update(self._px(1100, 0, 820, 96))

    def _flash_tick(self) -> None:
        if not self.flashing:
            self._flash.stop()
        self.update(self._px(40, 120, 1140, 500))

    def _scroll_tick(self) -> None:
        self._marquee += 3.0
        if self._marquee_width and self._marquee > self._marquee_width + 40:
            self._marquee = -1840.0  # come in again from the right
        self.update(self._px(0, 960, 1920, 120))

    @property
    def flashing(self) -> bool:
        return time.monotonic() < self._flash_until

    @property
    def current_key(self) -> tuple[int, int, int] | None:
        if self.state is None or self.state.board.current is None:
            return None
        return self.state.board.current.key

    @property
    def shown_keys(self) -> tuple[tuple[int, int, int], ...]:
        """The calls on screen: the current one and the last ones."""
        if self.state is None:
            return ()
        return tuple(c.key for c in self.state.board.calls[: 1 + self.state.settings.recent_calls])

    def _px(self, x: float, y: float, w: float, h: float) -> QRect:
        return Frame.fit(self.width(), self.height(), REF_W, REF_H).rect(x, y, w, h).toAlignedRect()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A display has no keyboard in use; Escape leaves full screen on a technician's PC.
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        frame = Frame.fit(self.width(), self.height(), REF_W, REF_H)
        drawn: list[str] = []
        c = Canvas(painter, frame, drawn)
        region = event.region()

        def wants(x: float, y: float, w: float, h: float) -> bool:
            return region.intersects(frame.rect(x, y, w, h).toAlignedRect())

        painter.fillRect(self.rect(), QColor(BG))
        try:
            if wants(0, 0, 1920, 96):
                self._paint_header(c)
            if wants(40, 120, 1140, 500):
                self._paint_current(c)
            if wants(1200, 120, 680, 500):
                self._paint_recent(c)
            if wants(40, 640, 1420, 300):
                self._paint_windows(c)
            if wants(1480, 640, 400, 300):
                self._paint_counts(c)
            if wants(0, 960, 1920, 120):
                self._paint_notice(c)
        finally:
            painter.end()
        self.drawn = drawn
        if self.on_paint is not None:
            self.on_paint(self.shown_keys)

    def _paint_header(self, c: Canvas) -> None:
        c.box(0, 0, 1920, 96, HEADER)
        name = (
            self.state.hall_name
            if self.state
            else (self.backend.ident.hall_name if self.backend.ident else "")
        )
        c.text(40, 8, 1040, 60, name, 40, WHITE, bold=True)
        if self.offline:
            c.box(40, 70, 12, 12, "#ffb300", radius=6)
            c.text(
                60, 62, 900, 28, self.tr("网络连接中断，显示最后状态，正在自动重连…"), 18, "#ffcc80"
            )
        day, hms = date_text(clock.local_now())
        c.text(1100, 8, 780, 36, day, 26, DIM, align=Qt.AlignmentFlag.AlignRight)
        c.text(1100, 42, 780, 50, hms, 40, WHITE, bold=True, align=Qt.AlignmentFlag.AlignRight)

    def _paint_current(self, c: Canvas) -> None:
        flashing = self.flashing
        on = (
            flashing and int((self._flash_until - time.monotonic()) * 1000 / self.FLASH_MS) % 2 == 0
        )
        fill = ("#d32f2f" if on else "#ef6c00") if flashing else "#13315f"
        c.box(40, 120, 1140, 500, fill, radius=18)
        center = Qt.AlignmentFlag.AlignHCenter
        c.text(80, 136, 1060, 56, self.tr("正在呼叫"), 36, WHITE if flashing else DIM)
        call = self.state.board.current if self.state else None
        if call is None:
            c.text(40, 230, 1140, 220, self.tr("请留意叫号"), 120, DIM, bold=True, align=center)
            return
        c.text(
            40,
            190,
            1140,
            270,
            call.number,
            250,
            WHITE if flashing else GOLD,
            bold=True,
            align=center,
        )
        c.text(
            40,
            470,
            1140,
            120,
            self.tr("请到 {window} 号窗口办理").format(window=call.window),
            88,
            WHITE,
            bold=True,
            align=center,
        )

    def _paint_recent(self, c: Canvas) -> None:
        c.box(1200, 120, 680, 500, PANEL, radius=18)
        c.text(1230, 132, 620, 56, self.tr("最近叫号"), 34, DIM)
        if self.state is None:
            return
        shown = self.state.board.calls[1 : 1 + self.state.settings.recent_calls]
        rows = max(1, self.state.settings.recent_calls)
        h = min(80.0, 420.0 / rows)
        for i, call in enumerate(shown):
            y = 196 + i * h
            c.line(1230, y, 1850, y, "#1f3d66", 2)
            c.text(1230, y, 330, h, call.number, h * 0.66, "#ffe082", bold=True)
            c.text(
                1540,
                y,
                310,
                h,
                self.tr("{window} 号窗口").format(window=call.window),
                h * 0.56,
                WHITE,
                align=Qt.AlignmentFlag.AlignRight,
            )

    def _paint_windows(self, c: Canvas) -> None:
        if self.state is None:
            return
        windows = self.state.board.windows
        n = len(windows)
        if not n:
            return
        rows = 1 if n <= 7 else 2 if n <= 16 else 3
        cols = -(-n // rows)
        gap = 12.0
        w = (1420 - (cols - 1) * gap) / cols
        h = (300 - (rows - 1) * gap) / rows
        for i, win in enumerate(windows):
            r, k = divmod(i, cols)
            x, y = 40 + k * (w + gap), 640 + r * (h + gap)
            line = self.state.board.line(win.number)
            kind = tile_kind(line.state, line.ticket, line.ticket_state) if line else "closed"
            fill, ink, words = TILE[kind]
            c.box(x, y, w, h, fill, radius=12)
            c.text(
                x + 12,
                y + 4,
                w - 24,
                h * 0.3,
                self.tr("{n}号窗口").format(n=win.number),
                h * 0.19,
                ink,
                bold=True,
            )
            if line is not None and line.ticket and kind in ("called", "serving"):
                c.text(
                    x,
                    y + h * 0.3,
                    w,
                    h * 0.42,
                    line.ticket,
                    h * 0.34,
                    ink,
                    bold=True,
                    align=Qt.AlignmentFlag.AlignHCenter,
                )
                c.text(
                    x,
                    y + h * 0.7,
                    w,
                    h * 0.26,
                    self.tr(words),
                    h * 0.17,
                    ink,
                    align=Qt.AlignmentFlag.AlignHCenter,
                )
            else:
                c.text(
                    x,
                    y + h * 0.36,
                    w,
                    h * 0.5,
                    self.tr(words),
                    h * 0.24,
                    ink,
                    bold=True,
                    align=Qt.AlignmentFlag.AlignHCenter,
                )

    def _paint_counts(self, c: Canvas) -> None:
        c.box(1480, 640, 400, 300, PANEL, radius=18)
        c.text(1504, 648, 360, 48, self.tr("等候人数"), 30, DIM)
        if self.state is None:
            return
        board = self.state.board
        queues = board.queues
        if not queues:
            return
        today = max(board.day, clock.local_now().date())
        h = min(64.0, 232.0 / len(queues))
        for i, q in enumerate(queues):
            y = 700 + i * h
            c.text(1504, y, 250, h, q.name, h * 0.5, WHITE)
            c.text(
                1700,
                y,
                160,
                h,
                self.tr("{n} 人").format(n=board.waiting(q.prefix, today)),
                h * 0.58,
                GOLD,
                bold=True,
                align=Qt.AlignmentFlag.AlignRight,
            )

    def _paint_notice(self, c: Canvas) -> None:
        c.box(0, 960, 1920, 120, HEADER)
        text = self.state.settings.notice if self.state else ""
        if not text:
            c.text(
                40,
                975,
                1840,
                90,
                self.tr("请留意屏幕叫号与语音提示，过号请到咨询台"),
                38,
                "#fff3c4",
                align=Qt.AlignmentFlag.AlignHCenter,
            )
            return
        c.drawn.append(text)
        strip = self._notice_strip(c, text)
        self._marquee_width = strip.width() / c.frame.scale
        x = 40 - self._marquee if self._marquee_width > 1840 else 40
        clip = c.frame.rect(40, 960, 1840, 120)
        c.p.save()
        c.p.setClipRect(clip)
        target = c.frame.rect(x, 975, self._marquee_width, 90)
        c.p.drawPixmap(target.topLeft(), strip)
        c.p.restore()

    def _notice_strip(self, c: Canvas, text: str) -> QPixmap:
        """The notice drawn once into a pixmap (at this scale): scrolling it is a blit, not a
        text layout 30 times a second."""
        key = (text, round(c.frame.scale, 4))
        if self._strip is None or self._strip[0] != key:
            font, metrics = c.font(40), c.metrics(40)
            w = int(metrics.horizontalAdvance(text)) + 4
            h = int(90 * c.frame.scale)
            pix = QPixmap(max(1, w), max(1, h))
            pix.fill(QColor(HEADER))
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.setFont(font)
            p.setPen(QColor("#fff3c4"))
            p.drawText(0, 0, w, h, int(Qt.AlignmentFlag.AlignVCenter), text)
            p.end()
            self._strip = (key, pix)
        return self._strip[1]
