"""The hall's public screens for ``counter screenshot``: the kiosk (start, item search, ticket
printed, daily cap reached), the hall display with calls in progress, and a window display (a
monitor and a strip).

The screens are driven as in the hall: clerks sign in and open their windows, citizens take
tickets at the kiosk (one after swiping an ID card), the windows call. It all happens at a fixed
demo time — 10:12 on the next working day of the hall's calendar — so the pictures are the same
whatever the hour the command runs; the clock is given back afterwards.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter import clock

log = logging.getLogger(__name__)

DEMO_TIME = dt.time(10, 12)


def _fixed(at: dt.datetime) -> dt.datetime:
    return at


def demo_moment(rt: Any) -> dt.datetime:
    """10:12 (hall time) on the first working day of the hall's calendar from today on."""
    from counter import kiosk as door

    k = door.open_kiosk(rt)
    day = clock.local_now().date()
    for _ in range(30):
        at = dt.datetime.combine(day, DEMO_TIME, tzinfo=clock.HALL_TZ)
        clock_before = clock.get_clock()
        clock.set_clock(functools.partial(_fixed, at))
        try:
            if door.home(rt, k).working_day:
                return at
        finally:
            clock.set_clock(clock_before)
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, DEMO_TIME, tzinfo=clock.HALL_TZ)


def take_public_screenshots(out_dir: Path, url: str) -> list[Path]:
    """Render the kiosk, the hall display and a window display to ``out_dir``."""
    from PySide6.QtCore import QObject

    from counter import display as display_door
    from counter import kiosk as kiosk_door
    from counter.domain.queue import DailyCapReached
    from counter.services import auth, calling
    from counter.services.base import Runtime
    from ui.hall_display import HallDisplay
    from ui.kiosk import KioskScreen
    from ui.kiosk_printer import PdfPrinter
    from ui.public_backend import ScreenBackend
    from ui.screenshots import demo_card, settle, wait_for
    from ui.window_display import WindowDisplay

    out_dir.mkdir(parents=True, exist_ok=True)
    rt = Runtime(url)
    real_now = clock.get_clock()
    start = demo_moment(rt)
    begun = dt.datetime.now(dt.UTC)
    clock.set_clock(lambda: start + (dt.datetime.now(dt.UTC) - begun))
    files: list[Path] = []
    tmp = tempfile.TemporaryDirectory(prefix="counter-tickets-")
    kiosk_backend: ScreenBackend[kiosk_door.Kiosk] = ScreenBackend(rt)
    screen_backend: ScreenBackend[display_door.Screen] = ScreenBackend(rt)
    widgets: list[QObject] = []

    def shot(widget: Any, name: str, size: tuple[int, int]) -> None:
        if hasattr(widget, "fit"):
            widget.fit(*size)
        else:
            widget.resize(*size)
        settle(200)
        path = out_dir / name
        if not widget.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        files.append(path)

    def idle(backend: ScreenBackend[Any]) -> None:
        wait_for(lambda: backend.worker.in_flight == 0, what="screen idle")

    try:
        # The hall at work: clerks at windows 2–9, a line in every queue.
        k = kiosk_door.open_kiosk(rt)
        for number in range(2, 10):
            signed = auth.sign_in(rt, f"10{number:02d}", "demo1234", window_number=number)
            calling.open_window(rt, signed.actor, number)
        for prefix in "AAABADACAABDAACA":
            kiosk_door.take_ticket(rt, k, prefix)
        calls: list[tuple[int, Callable[[], Any]]] = []
        for number in range(2, 9):
            signed = auth.sign_in(rt, f"10{number:02d}", "demo1234", window_number=number)
            calls.append((number, functools.partial(calling.call_next, rt, signed.actor, number)))
        for _number, call in calls[:-1]:
            call()
        for number in (2, 4):
            signed = auth.sign_in(rt, f"10{number:02d}", "demo1234", window_number=number)
            calling.start_service(rt, signed.actor, number)
        signed = auth.sign_in(rt, "1009", "demo1234", window_number=9)
        calling.pause_window(rt, signed.actor, 9)

        # The kiosk.
        kiosk_backend.ident = k
        kiosk = KioskScreen(kiosk_backend, PdfPrinter(tmp.name), live=False, locked=False)
        widgets.append(kiosk)
        kiosk.fit(1920, 1080)
        kiosk.show()
        kiosk.start()
        idle(kiosk_backend)
        wait_for(lambda: kiosk.home is not None, what="kiosk home")
        shot(kiosk, "40-kiosk-start.png", (1920, 1080))
        kiosk.show_search()
        for ch in "ZJD":
            kiosk._search_edit(kiosk.search_entry.text() + ch)
        wait_for(lambda: bool(kiosk.result_buttons), what="kiosk search")
        shot(kiosk, "41-kiosk-search.png", (1920, 1080))
        kiosk.go_home()
        idle(kiosk_backend)
        kiosk.card_read(demo_card())
        kiosk.take("A")
        wait_for(lambda: kiosk.stack.currentWidget() is kiosk.result_page, what="ticket")
        idle(kiosk_backend)
        shot(kiosk, "42-kiosk-ticket.png", (1920, 1080))
        home = kiosk.home
        queue = home.queue("B") if home is not None else None
        kiosk._failed(
            DailyCapReached(
                queue=queue.name if queue else "社保医保",
                prefix="B",
                cap=queue.cap if queue and queue.cap else 200,
            )
        )
        shot(kiosk, "43-kiosk-cap-reached.png", (1920, 1080))
        kiosk.stop()
        kiosk.close()

        # The hall display, live: the last call comes in while it is on.
        screen_backend.ident = display_door.open_screen(rt)
        board = HallDisplay(screen_backend, speak=False)
        widgets.append(board)
        board.resize(1920, 1080)
        board.show()
        board.start()
        wait_for(lambda: board.state is not None, 20000, "display")
        shown: list[Any] = []
        board.call_shown.connect(shown.append)
        calls[-1][1]()
        wait_for(lambda: bool(shown), 20000, "the call on the display")
        shot(board, "44-display-calls.png", (1920, 1080))
        board.stop()
        board.close()

        win = WindowDisplay(screen_backend, 2, live=False)
        widgets.append(win)
        win.resize(1280, 720)
        win.show()
        win.start()
        wait_for(lambda: win.panel is not None, what="window display")
        shot(win, "45-window-display.png", (1280, 720))
        shot(win, "46-window-display-strip.png", (1920, 360))
        win.stop()
        win.close()
    finally:
        kiosk_backend.close()
        screen_backend.close()
        clock.set_clock(real_now)
        rt.dispose()
        tmp.cleanup()
    return files
