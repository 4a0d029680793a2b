"""``counter admin``: the administrator's console (Qt), registered from the UI's side."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "admin",
        parents=[common],
        help="系统管理：事项目录、人员、日历、大厅设置、窗口与队列 / administration console",
    )
    p.add_argument("--lang", default=None, help="界面语言 zh 或 en")
    p.set_defaults(func=_admin)


def _admin(args: argparse.Namespace) -> int:
    from counter.bootstrap import database_url, runtime

    rt = runtime(args)  # checks the schema and says which command fixes it
    rt.dispose()
    from ui.admin.app import run_admin

    return run_admin(database_url(args), lang=args.lang)
