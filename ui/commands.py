"""Commands of the UI: ``counter window``, ``counter demo``, ``counter screenshot``, and the PDF
renderers the core's ``print`` commands use (:class:`counter.commands.common.Renderers`).

Qt is imported inside the handlers, so ``counter --help`` stays fast and works without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from counter.commands.common import Renderers
from counter.documents.model import DocumentContent
from counter.documents.ticket import TicketSlip


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    Renderers.document_pdf = _document_pdf
    Renderers.ticket_pdf = _ticket_pdf
    d = sub.add_parser("demo", parents=[common], help="演示大厅 / open the demo hall")
    d.add_argument("--seed-only", action="store_true", help="只写入演示数据，不打开窗口")
    d.add_argument("--window", type=int, default=1, help="以几号窗口打开（默认1）")
    d.add_argument("--lang", default=None, help="界面语言 zh 或 en（默认跟随系统）")
    d.set_defaults(func=_demo)
    p = sub.add_parser(
        "window", parents=[common], help="打开综合窗口客户端 / open the window client"
    )
    p.add_argument("--window", type=int, default=None, help="窗口号（默认取本机配置）")
    p.add_argument("--lang", default=None, help="界面语言 zh 或 en（默认跟随系统）")
    p.set_defaults(func=_window)

    s = sub.add_parser(
        "screenshot",
        parents=[common],
        help="把每个界面渲染为 1920×1080 PNG / render every screen to PNG files",
    )
    s.add_argument("out_dir", metavar="OUT_DIR", help="输出目录")
    s.add_argument("--lang", default=None, help="界面语言 zh 或 en")
    s.set_defaults(func=_screenshot)

    from ui import public_commands  # the hall's kiosk, displays and their benchmark

    public_commands.register(sub, common)


def _window(args: argparse.Namespace) -> int:
    from counter.bootstrap import database_url, runtime

    rt = runtime(args)  # checks the schema and says which command fixes it
    rt.dispose()
    from ui.app import run_window

    return run_window(database_url(args), window=args.window, lang=args.lang)


def _screenshot(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import make_app
    from ui.screenshots import take_screenshots

    make_app(lang=args.lang)
    url = getattr(args, "db", None)
    files = take_screenshots(Path(args.out_dir), url)
    for f in files:
        print(f)
    print(f"{len(files)} 张截图 / screenshots written to {args.out_dir}", file=sys.stderr)
    return 0


def demo_url(args: argparse.Namespace) -> str:
    """``--db`` / COUNTER_DATABASE_URL if given, else a demo file separate from a real hall's."""
    from counter.config import data_dir

    return (
        getattr(args, "db", None)
        or os.environ.get("COUNTER_DATABASE_URL")
        or f"sqlite:///{data_dir() / 'demo.sqlite3'}"
    )


def _demo(args: argparse.Namespace) -> int:
    from counter.bootstrap import safe_url
    from counter.demo.hall import seed_demo

    url = demo_url(args)
    hall_id = seed_demo(url)
    print(f"演示大厅已就绪 / demo hall ready: {safe_url(url)} (hall {hall_id})")
    if args.seed_only:
        return 0
    from ui.app import run_demo

    return int(run_demo(url, window=args.window, lang=args.lang))


def _document_pdf(content: DocumentContent, path: Path) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.docrender import ensure_gui_app, render_pdf

    ensure_gui_app()
    return int(render_pdf(content, path))


def _ticket_pdf(slip: TicketSlip, path: str, width_mm: int) -> None:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.ticket_print import write_ticket_pdf_standalone

    write_ticket_pdf_standalone(slip, path, width_mm=width_mm)
