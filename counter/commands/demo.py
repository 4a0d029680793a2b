"""``counter demo``: the model hall on an embedded SQLite file (or ``--db``), opened in the UI."""

from __future__ import annotations

import argparse
import importlib.util

from counter.bootstrap import safe_url
from counter.config import data_dir


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", parents=[common], help="演示大厅 / open the demo hall")
    p.add_argument("--seed-only", action="store_true", help="只写入演示数据，不打开窗口")
    p.add_argument("--window", type=int, default=1, help="以几号窗口打开（默认1）")
    p.set_defaults(func=_demo)


def demo_url(args: argparse.Namespace) -> str:
    """``--db`` / COUNTER_DATABASE_URL if given, else a demo file separate from a real hall's."""
    import os

    return (
        getattr(args, "db", None)
        or os.environ.get("COUNTER_DATABASE_URL")
        or f"sqlite:///{data_dir() / 'demo.sqlite3'}"
    )


def _demo(args: argparse.Namespace) -> int:
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
    if importlib.util.find_spec("ui.app") is None:
        print("界面尚未安装 / the UI is not available in this build")
        return 0
    from ui.app import run_demo

    return int(run_demo(url, window=args.window))
