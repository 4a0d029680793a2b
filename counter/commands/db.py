"""``counter db upgrade|status|roles|login|backup|restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from counter.bootstrap import database_url, safe_url
from counter.commands.common import ask_password, at_least
from counter.config import JOBS


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("db", parents=[common], help="数据库：迁移、角色、备份 / database")
    s = p.add_subparsers(dest="db_command", required=True)
    up = s.add_parser("upgrade", parents=[common], help="升级到最新版本（SQLite 先备份）")
    up.set_defaults(func=_upgrade)
    st = s.add_parser("status", parents=[common], help="显示当前版本")
    st.set_defaults(func=_status)

    r = s.add_parser(
        "roles",
        parents=[common],
        help="最小权限数据库角色（PostgreSQL）/ least-privilege roles",
        description="不带 --apply 时打印 SQL 脚本（可交给 psql）；--apply 直接在 --db 上执行，"
        "需以超级用户或表的所有者运行 / prints the SQL script; --apply runs it on --db as a "
        "superuser or the tables' owner",
    )
    r.add_argument("--apply", action="store_true", help="在数据库上执行 / run it on --db")
    r.add_argument("--prefix", default=None, help="角色名前缀（默认 counter_）")
    r.set_defaults(func=_roles)

    lg = s.add_parser(
        "login",
        parents=[common],
        help="为一台电脑建立数据库登录名 / a database login for one PC",
        description="登录名只属于该岗位的角色；密码在本机算成 SCRAM 校验值再发送 / the login "
        "joins its job's role only; the password travels as a SCRAM verifier",
    )
    lg.add_argument("name", help="登录名，如 kiosk1、win03")
    lg.add_argument("--job", required=True, choices=sorted(JOBS), help="岗位 / job of the PC")
    lg.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    lg.add_argument("--no-password", action="store_true", help="不设密码（只用客户端证书登录）")
    lg.add_argument("--prefix", default=None, help="角色名前缀（默认 counter_）")
    lg.add_argument(
        "--change-job",
        action="store_true",
        help="已有的登录名改属另一岗位 / move an existing login to another job",
    )
    lg.set_defaults(func=_login)

    b = s.add_parser(
        "backup",
        parents=[common],
        help="备份数据库（SQLite 在线备份；PostgreSQL 用 pg_dump）/ back up",
    )
    b.add_argument("--out", help="备份文件或目录（默认数据目录下 backups/）")
    b.add_argument("--keep", type=at_least(1), default=None, help="默认目录中只保留最新 N 份")
    b.set_defaults(func=_backup)

    rs = s.add_parser(
        "restore",
        parents=[common],
        help="从备份恢复（先停止所有客户端）/ restore a backup (stop the clients first)",
    )
    rs.add_argument("file", help="备份文件 / backup file")
    rs.add_argument("--yes", action="store_true", help="确认覆盖当前数据库 / confirm")
    rs.set_defaults(func=_restore)


def _upgrade(args: argparse.Namespace) -> int:
    from db.migrate import upgrade

    url = database_url(args)
    backup = upgrade(url)
    if backup:
        print(f"已备份 / backup: {backup}")
    print(f"已升级到最新版本 / upgraded to head: {safe_url(url)}")
    _reapply_grants(url)
    return 0


def _reapply_grants(url: str) -> None:
    """New columns need their column grants: apply the roles' grants again when they exist."""
    from db.engine import is_sqlite, make_engine

    if is_sqlite(url):
        return
    from counter.dbroles import default_prefix, reapply_grants

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if reapply_grants(conn, default_prefix()):
                print("已按新结构重新授权 / role grants re-applied to the new schema")
    except Exception as exc:  # the upgrader may not own the tables: say what to run
        print(
            "警告：未能重新授权，请以超级用户运行 counter db roles --apply / warning: grants "
            f"not re-applied ({type(exc).__name__}); run `counter db roles --apply` as a superuser",
            file=sys.stderr,
        )
    finally:
        engine.dispose()


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


def _roles(args: argparse.Namespace) -> int:
    from counter.dbroles import KIND_NAMES, apply_roles, check_prefix, default_prefix, roles_sql

    prefix = check_prefix(args.prefix) if args.prefix else default_prefix()
    if not args.apply:
        sys.stdout.write(roles_sql(prefix=prefix))
        return 0
    from db.engine import make_engine

    url = database_url(args)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            roles = apply_roles(conn, prefix)
    finally:
        engine.dispose()
    print(f"已建立角色并授权 / roles created and granted on {safe_url(url)}:")
    for kind, role in roles.items():
        zh, en = KIND_NAMES[kind]
        print(f"  {role}\t{zh} / {en}")
    print("下一步：为每台电脑建立登录名，如 / next, one login per PC, e.g.:")
    print("  counter db login kiosk1 --job kiosk --db ...")
    return 0


def _login(args: argparse.Namespace) -> int:
    from counter.dbroles import check_prefix, create_login, default_prefix
    from counter.errors import InvalidInput
    from db.engine import make_engine

    prefix = check_prefix(args.prefix) if args.prefix else default_prefix()
    password: str | None = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not args.no_password:
        password = ask_password(f"{args.name} 的密码 / password: ")
        if password != ask_password("再输入一次 / again: "):
            raise InvalidInput(field="两次输入的密码不一致 / the passwords differ")
    if password is not None and len(password) < 12:
        raise InvalidInput(field="数据库密码至少 12 个字符 / at least 12 characters")
    url = database_url(args)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            group = create_login(
                conn, args.name, args.job, password, prefix, change_job=args.change_job
            )
    finally:
        engine.dispose()
    print(f"登录名 {args.name} 属于 {group} / login {args.name} is in {group}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from counter.backup import backup

    url = database_url(args)
    result = backup(url, Path(args.out) if args.out else None, keep=args.keep)
    print(f"已备份 / backup written: {result.path} ({result.size} bytes)")
    for old in result.removed:
        print(f"已删除旧备份 / removed: {old}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from counter.backup import restore
    from counter.errors import InvalidInput

    url = database_url(args)
    if not args.yes:
        raise InvalidInput(
            field=f"恢复会覆盖 {safe_url(url)}，确认请加 --yes / restoring replaces the database: "
            "add --yes"
        )
    saved = restore(url, Path(args.file))
    if saved:
        print(f"原数据库已先备份到 / the replaced database was saved to: {saved}")
    print(f"已恢复 / restored {args.file} into {safe_url(url)}")
    return 0
