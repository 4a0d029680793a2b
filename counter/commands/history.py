"""``counter demo-data``: years of generated history for the demo hall (reports and benches)."""

from __future__ import annotations

import argparse
import datetime as dt

from counter.bootstrap import database_url, safe_url
from counter.commands.common import print_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "demo-data",
        parents=[common],
        help="生成演示历史数据（号票、办件、评价）/ generate years of demo history",
    )
    span = p.add_mutually_exclusive_group(required=True)
    span.add_argument("--years", type=float, help="生成最近几年（如 5）")
    span.add_argument("--days", type=int, help="生成最近几天（如 3）")
    p.add_argument("--windows", type=int, default=34, help="窗口数（默认34，缺少的窗口会补建）")
    p.add_argument("--hall", default="QS", metavar="CODE", help="大厅编码（默认演示大厅 QS）")
    p.add_argument("--end", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                   help="最后一天（默认昨天）")  # fmt: skip
    p.add_argument("--seed", type=int, default=20261202)
    p.add_argument("--quiet", action="store_true", help="不显示进度条")
    p.set_defaults(func=_demo_data)


def _demo_data(args: argparse.Namespace) -> int:
    from counter.demo.history import generate_history, progress_bar

    url = database_url(args)
    result = generate_history(
        url,
        years=args.years,
        days=args.days,
        windows=args.windows,
        end=args.end,
        hall_code=args.hall,
        seed=args.seed,
        progress=None if args.quiet else progress_bar(),
    )
    print_json({"db": safe_url(url), **result.to_json()})
    return 0
