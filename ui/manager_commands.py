"""Commands of the hall manager: ``counter manager`` (the screen) and ``counter report``.

``counter report`` writes JSON, CSV and XLSX from the core (:mod:`counter.reports.export`) and
draws PDF here with Qt (:mod:`ui.docrender`), which is why the command lives in ``ui/``: the core
never imports Qt. Qt is imported only for ``--format pdf`` and the screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    m = sub.add_parser(
        "manager", parents=[common], help="大厅管理员：实时大厅与报表 / hall manager"
    )
    m.add_argument("--lang", default=None, help="界面语言 zh 或 en")
    m.set_defaults(func=_manager)

    r = sub.add_parser(
        "report",
        parents=[common],
        help="导出日报或期间报表 / write a day or period report (json, csv, xlsx, pdf)",
    )
    when = r.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="某一天")
    when.add_argument("--from", dest="start", type=dt.date.fromisoformat, metavar="D",
                      help="期间开始（与 --to 一起）")  # fmt: skip
    r.add_argument("--to", dest="end", type=dt.date.fromisoformat, metavar="D", help="期间结束")
    r.add_argument("--hall", default=None, metavar="CODE", help="大厅编码（默认第一个大厅）")
    r.add_argument("--format", choices=("json", "csv", "xlsx", "pdf"), default="json")
    r.add_argument("--out", required=True, metavar="FILE", help="输出文件（- 为标准输出，仅 json）")
    r.add_argument("--quiet", action="store_true", help="不显示进度")
    r.set_defaults(func=_report)


def _progress(quiet: bool) -> Any:
    if quiet:
        return None
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - started < 0.5 and done < total:
            return  # short reports print nothing
        frac = done / total if total else 1.0
        sys.stderr.write(f"\r报表生成 / report [{'#' * int(frac * 30):<30}] {frac * 100:5.1f}%")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _report(args: argparse.Namespace) -> int:
    from counter.bootstrap import runtime
    from counter.errors import InvalidInput
    from counter.manager import system_actor
    from counter.reports import export, queries

    if args.date is None and (args.start is None or args.end is None):
        raise InvalidInput("期间报表需要同时给出 --from 和 --to", field="--from/--to")
    if args.date is not None and args.end is not None:
        raise InvalidInput("--to 只与 --from 一起使用", field="--to")
    if args.out == "-" and args.format != "json":
        raise InvalidInput("只有 json 可以写到标准输出", field="--out")
    rt = runtime(args)
    try:
        actor = system_actor(rt, args.hall)
        if args.date is not None:
            report = queries.day_report(rt, actor, args.date)
        else:
            report = queries.period_report(
                rt, actor, args.start, args.end, progress=_progress(args.quiet)
            )
    finally:
        rt.dispose()
    if args.out == "-":
        import json

        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
        return 0
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "pdf":
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui import docrender

        docrender.ensure_gui_app()
        pages = docrender.render_pdf(export.report_document(report), out)
        print(f"{out} ({pages} 页 / pages)")
        return 0
    export.write_report(report, out, args.format)
    print(str(out))
    return 0


def _manager(args: argparse.Namespace) -> int:
    from counter.bootstrap import database_url, runtime

    rt = runtime(args)  # checks the schema and says which command fixes it
    rt.dispose()
    from ui.manager.app import run_manager

    return run_manager(database_url(args), lang=args.lang)
