"""Commands of the UI: ``counter window``, ``counter demo``, ``counter backoffice``,
``counter print`` and ``counter screenshot``, and the ticket PDF renderer the core's
``device print-ticket`` uses (:class:`counter.commands.common.Renderers`).

They render with Qt, so they are registered here, not in ``counter/`` (the core never imports
Qt). Qt is imported inside the handlers, so ``counter --help`` stays fast and works without a
display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from counter.commands.common import Renderers, at_least
from counter.documents.ticket import TicketSlip


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    Renderers.ticket_pdf = _ticket_pdf
    d = sub.add_parser("demo", parents=[common], help="演示大厅 / open the demo hall")
    d.add_argument("--seed-only", action="store_true", help="只写入演示数据，不打开窗口")
    d.add_argument(
        "--window", type=at_least(1, 9999), default=None, help="以几号窗口打开（默认：空闲的窗口）"
    )
    d.add_argument("--lang", default=None, help="界面语言 zh 或 en（默认跟随系统）")
    d.set_defaults(func=_demo)
    p = sub.add_parser(
        "window", parents=[common], help="打开综合窗口客户端 / open the window client"
    )
    p.add_argument(
        "--window", type=at_least(1, 9999), default=None, help="窗口号（默认取本机配置）"
    )
    p.add_argument("--lang", default=None, help="界面语言 zh 或 en（默认跟随系统）")
    p.set_defaults(func=_window)

    b = sub.add_parser(
        "backoffice", parents=[common], help="打开后台审批 / open the back office (审批·用印·督办)"
    )
    b.add_argument("--lang", default=None, help="界面语言 zh 或 en（默认跟随系统）")
    b.set_defaults(func=_backoffice)

    from counter.commands.common import add_staff_argument

    pr = sub.add_parser("print", parents=[common], help="把办件文书输出为 PDF / document to PDF")
    pr.add_argument("case_no", metavar="CASE_NUMBER")
    pr.add_argument("--document", choices=DOCUMENT_CHOICES, default="receipt")
    pr.add_argument("--pdf", type=Path, required=True, metavar="FILE")
    pr.add_argument(
        "--reprint-reason",
        metavar="REASON",
        help="决定书已用印出具时，补打的理由（补打件注明“补打”，另行用印登记）",
    )
    add_staff_argument(pr)
    pr.set_defaults(func=_print)

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


DOCUMENT_CHOICES = ("receipt", "notice", "rejection", "handover", "decision")


def _print(args: argparse.Namespace) -> int:
    """``counter print CASE --document KIND --pdf FILE --staff STAFF_NO``.

    A window document (receipt, notice, rejection, hand-over slip) is a copy of the record as
    issued (an audited read). The decision is the sealed 决定书: the first print by a seal
    keeper stamps it (办结: 文号, verification code, seal use); once issued, printing again is a
    reprint with ``--reprint-reason`` (a new logged seal use, 补打 on the paper). Without the
    seal-keeper role the decision is refused with exit 2."""
    from counter.bootstrap import runtime
    from counter.commands.common import output_file, refused, signed_actor
    from counter.errors import PermissionDenied
    from counter.services import seal

    output_file(args.pdf, suffixes=(".pdf",))  # before a decision is sealed, not after
    rt = runtime(args)
    try:
        actor = signed_actor(rt, args.staff)
        if args.document == "decision":
            if args.reprint_reason:
                content = seal.reprint(rt, actor, args.case_no, "decision", args.reprint_reason)
                serial = ""
            else:
                issued = seal.issue_decision(rt, actor, args.case_no)
                content, serial = issued.content, issued.serial
        else:
            content = seal.case_document(rt, actor, args.case_no, args.document)
            serial = ""
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    from ui.docrender import ensure_gui_app, render_pdf

    ensure_gui_app()
    pages = render_pdf(content, args.pdf)
    print(
        f"已输出{content.title}（{pages}页）/ wrote {args.document} ({pages} page(s)): {args.pdf}"
    )
    if content.verify_code:
        print(f"核验码 / verification code: {content.verify_code}")
    if serial:
        print(f"用印登记号 / seal register: {serial}")
    return 0


def _backoffice(args: argparse.Namespace) -> int:
    from counter.bootstrap import database_url, runtime

    rt = runtime(args)
    rt.dispose()
    from ui.backoffice.app import run_backoffice

    return run_backoffice(database_url(args), lang=args.lang)


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
    from counter.demo.clock import demo_notice, install_demo_clock
    from counter.demo.hall import seed_demo

    demo_clock = install_demo_clock()  # before seeding: the seeded day is the demo's day
    if demo_clock is not None:
        print("\n".join(demo_notice(demo_clock)))
    url = demo_url(args)
    hall_id = seed_demo(url)
    print(f"演示大厅已就绪 / demo hall ready: {safe_url(url)} (hall {hall_id})")
    if args.seed_only:
        return 0
    from ui.app import run_demo

    window = args.window
    if window is None:  # a window nobody is serving at, not someone else's visit
        from counter.demo.queue import free_window
        from counter.services.base import Runtime

        rt = Runtime(url)
        try:
            window = free_window(rt, hall_id)
        finally:
            rt.dispose()
        print(f"以 {window} 号窗口打开（空闲窗口） / opening at free window {window}")
    return int(run_demo(url, window=window, lang=args.lang))


def _ticket_pdf(slip: TicketSlip, path: str, width_mm: int) -> None:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.ticket_print import write_ticket_pdf_standalone

    write_ticket_pdf_standalone(slip, path, width_mm=width_mm)
