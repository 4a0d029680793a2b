"""``counter db upgrade|status``."""

from __future__ import annotations

import argparse

from counter.bootstrap import database_url, safe_url


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("db", parents=[common], help="数据库迁移 / database migrations")
    s = p.add_subparsers(dest="db_command", required=True)
    up = s.add_parser("upgrade", parents=[common], help="升级到最新版本（SQLite 先备份）")
    up.set_defaults(func=_upgrade)
    st = s.add_parser("status", parents=[common], help="显示当前版本")
    st.set_defaults(func=_status)


def _upgrade(args: argparse.Namespace) -> int:
    from db.migrate import upgrade

    url = database_url(args)
    backup = upgrade(url)
    if backup:
        print(f"已备份 / backup: {backup}")
    print(f"已升级到最新版本 / upgraded to head: {safe_url(url)}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from db.engine import make_engine
    from db.migrate import current_revision, head_revision

    url = database_url(args)
    engine = make_engine(url)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision()
    print(f"database: {safe_url(url)}")
    print(f"current: {current or '(empty)'}")
    print(f"head: {head}")
    print(
        "状态 / state: "
        + ("最新 / up to date" if current == head else "需要升级 / needs `counter db upgrade`")
    )
    return 0 if current == head else 1
