"""Commands of the hall's public screens: ``counter kiosk``, ``counter display``,
``counter window-display --window N`` and ``counter bench display``.

Each takes ``--db`` like every command and ``--hall CODE`` (default: this PC's configured hall,
else the first one); full screen unless ``--windowed``. A screen that cannot reach the database
at start-up says so and tries again every few seconds: a PC in the hall is never left on an
error dialog. Qt is imported inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from counter.commands.common import at_least


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    k = sub.add_parser("kiosk", parents=[common], help="自助取号机 / the ticket kiosk")
    _screen_args(k)
    k.add_argument(
        "--printer",
        default=None,
        help="号票打印机：escpos:PORT[@BAUD]、qt:NAME、pdf:DIR 或 none（默认取本机配置）",
    )
    k.add_argument("--idcard-port", default=None, help="身份证阅读器串口（默认取本机配置）")
    k.set_defaults(func=_kiosk)

    d = sub.add_parser("display", parents=[common], help="叫号大屏 / the hall display")
    _screen_args(d)
    d.add_argument("--mute", action="store_true", help="不播报语音叫号")
    d.set_defaults(func=_display)

    w = sub.add_parser("window-display", parents=[common], help="窗口屏 / a window's display")
    _screen_args(w)
    w.add_argument(
        "--window", type=at_least(1, 9999), default=None, help="窗口号（默认取本机配置）"
    )
    w.set_defaults(func=_window_display)

    bench = _bench_subparsers(sub)
    if bench is not None:
        b = bench.add_parser(
            "display",
            parents=[common],
            help="叫号→大屏重绘延迟（另一进程叫号）/ call → repaint latency of the hall display",
        )
        b.add_argument("--hall", default="BENCH", metavar="CODE", help="压测大厅编码（默认 BENCH）")
        b.add_argument("--calls", type=int, default=200)
        b.add_argument("--interval-ms", type=float, default=100.0, help="两次叫号的间隔")
        b.add_argument("--windows", type=int, default=14)
        b.add_argument("--indent", type=int, default=None)
        b.set_defaults(func=_bench_display)


def _bench_subparsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    """The subcommands of the core's ``counter bench`` (to add the UI's own benchmark)."""
    bench = sub.choices.get("bench")
    if bench is None:
        return None
    for action in bench._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def _screen_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--hall", default=None, metavar="CODE", help="大厅编码（默认取本机配置）")
    p.add_argument("--windowed", action="store_true", help="以窗口方式运行（调试、演示）")
    p.add_argument("--screen", type=int, default=None, help="全屏显示在第几块显示器（从0起）")
    p.add_argument("--lang", default=None, help="界面语言 zh 或 en")


def _prepare(args: argparse.Namespace) -> tuple[str, Any]:
    from counter.bootstrap import database_url
    from counter.config import StationConfig

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return database_url(args), StationConfig.load()


def _show(widget: Any, args: argparse.Namespace, size: tuple[int, int] = (1920, 1080)) -> None:
    from PySide6.QtGui import QGuiApplication

    screens = QGuiApplication.screens()
    if args.screen is not None and 0 <= args.screen < len(screens):
        widget.setScreen(screens[args.screen])
        widget.move(screens[args.screen].geometry().topLeft())
    if args.windowed:
        widget.resize(*size)
        widget.show()
    else:
        widget.showFullScreen()


class _Opener:
    """Opens a screen's door on a worker; until the database answers, a full-screen message
    says so and it tries again every 5 s."""

    RETRY_MS = 5000

    def __init__(self, opener: Callable[[], Any], then: Callable[[Any], None], title: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel

        from ui.worker import Worker

        self.opener = opener
        self.then = then
        self.title = title
        self.worker = Worker(threads=1)
        self.wait = QLabel(title)
        self.wait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wait.setStyleSheet("background: #0a1a33; color: white; font-size: 40px;")
        self.attempt()

    def attempt(self) -> None:
        self.worker.submit("open", self.opener, on_done=self.done, on_error=self.failed)

    def done(self, ident: Any) -> None:
        self.wait.hide()
        self.then(ident)

    def failed(self, exc: Exception) -> None:
        from PySide6.QtCore import QTimer

        from ui.widgets import error_text

        self.wait.setText(f"{self.title}\n{error_text(exc)}\n5 秒后重试 / retrying in 5 s")
        if not self.wait.isVisible():
            self.wait.showFullScreen()
        QTimer.singleShot(self.RETRY_MS, self.attempt)

    def stop(self) -> None:
        self.worker.close()


def _kiosk(args: argparse.Namespace) -> int:
    url, station = _prepare(args)
    from counter import kiosk as door
    from counter.services.base import Runtime
    from ui.app import make_app
    from ui.kiosk import KioskScreen
    from ui.kiosk_printer import make_printer
    from ui.public_backend import ScreenBackend

    app = make_app(lang=args.lang)
    rt = Runtime(url)
    backend: ScreenBackend[door.Kiosk] = ScreenBackend(rt)
    printer = make_printer(args.printer if args.printer is not None else station.printer)
    held: list[Any] = []

    def opened(kiosk: door.Kiosk) -> None:
        backend.ident = kiosk
        screen = KioskScreen(backend, printer, locked=not args.windowed)
        held.append(screen)
        port = args.idcard_port or station.idcard_port
        if port:
            from ui.devices import CardReaderService

            reader = CardReaderService(port, station.idcard_baud, parent=screen)
            reader.card_read.connect(screen.card_read)
            reader.start()
            held.append(reader)
        screen.start()
        _show(screen, args)

    held.append(
        _Opener(lambda: door.open_kiosk(rt, args.hall or station.hall), opened, "自助取号机")
    )
    try:
        return int(app.exec())
    finally:
        for obj in held:
            if hasattr(obj, "stop"):
                obj.stop()
        backend.close()
        rt.dispose()


def _display(args: argparse.Namespace) -> int:
    url, station = _prepare(args)
    from counter import display as door
    from counter.services.base import Runtime
    from ui.app import make_app
    from ui.hall_display import HallDisplay
    from ui.public_backend import ScreenBackend

    app = make_app(lang=args.lang)
    rt = Runtime(url)
    backend: ScreenBackend[door.Screen] = ScreenBackend(rt)
    held: list[Any] = []

    def opened(screen: door.Screen) -> None:
        backend.ident = screen
        view = HallDisplay(backend, speak=not args.mute)
        held.append(view)
        view.start()
        _show(view, args)

    held.append(
        _Opener(lambda: door.open_screen(rt, args.hall or station.hall), opened, "叫号大屏")
    )
    try:
        return int(app.exec())
    finally:
        for obj in held:
            if hasattr(obj, "stop"):
                obj.stop()
        backend.close()
        rt.dispose()


def _window_display(args: argparse.Namespace) -> int:
    url, station = _prepare(args)
    number = args.window if args.window is not None else station.window
    if number is None:
        print("请用 --window N 指定窗口号 / give the window with --window N", file=sys.stderr)
        return 2
    from counter import display as door
    from counter.services.base import Runtime
    from ui.app import make_app
    from ui.public_backend import ScreenBackend
    from ui.window_display import WindowDisplay

    app = make_app(lang=args.lang)
    rt = Runtime(url)
    backend: ScreenBackend[door.Screen] = ScreenBackend(rt)
    held: list[Any] = []

    def opened(screen: door.Screen) -> None:
        backend.ident = screen
        view = WindowDisplay(backend, int(number))
        held.append(view)
        view.start()
        _show(view, args, (1280, 720))

    held.append(
        _Opener(
            lambda: door.open_screen(rt, args.hall or station.hall), opened, f"{number}号窗口屏"
        )
    )
    try:
        return int(app.exec())
    finally:
        for obj in held:
            if hasattr(obj, "stop"):
                obj.stop()
        backend.close()
        rt.dispose()


def _bench_display(args: argparse.Namespace) -> int:
    from counter.bootstrap import safe_url
    from counter.commands.bench import bench_database_url

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    url = bench_database_url(args)  # only the database --db names, never the configured one
    from ui.app import make_app
    from ui.bench_display import run_bench

    make_app()
    result = run_bench(
        url, args.hall, calls=args.calls, interval_ms=args.interval_ms, windows=args.windows
    )
    result["database"] = safe_url(url)
    print(json.dumps(result, ensure_ascii=False, indent=args.indent))
    return 0
