"""``counter staff add|list|unlock|password``: staff accounts from the command line (IT person)."""

from __future__ import annotations

import argparse
import getpass
import sys

from counter.bootstrap import runtime
from counter.services.base import Actor


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("staff", parents=[common], help="工作人员账号 / staff accounts")
    s = p.add_subparsers(dest="staff_command", required=True)
    add = s.add_parser("add", parents=[common])
    add.add_argument("--no", required=True, help="工号")
    add.add_argument("--name", required=True)
    add.add_argument("--roles", required=True, help="clerk,reviewer,seal_keeper,manager,admin")
    add.add_argument("--hall")
    add.add_argument("--password-stdin", action="store_true")
    add.set_defaults(func=_add)
    ls = s.add_parser("list", parents=[common])
    ls.set_defaults(func=_list)
    un = s.add_parser("unlock", parents=[common])
    un.add_argument("--no", required=True)
    un.set_defaults(func=_unlock)
    pw = s.add_parser("password", parents=[common])
    pw.add_argument("--no", required=True)
    pw.add_argument("--password-stdin", action="store_true")
    pw.set_defaults(func=_password)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("密码 / password: ")


def _add(args: argparse.Namespace) -> int:
    from counter.services.auth import create_staff

    rt = runtime(args)
    try:
        actor = Actor.system(rt.hall_id(args.hall), device="cli")
        info = create_staff(
            rt,
            actor,
            args.no,
            args.name,
            _read_password(args.password_stdin),
            args.roles.split(","),
        )
    finally:
        rt.dispose()
    print(f"已添加 / added: {info.staff_no} {info.name} {','.join(info.roles)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from counter.services.auth import list_staff

    rt = runtime(args)
    try:
        for st in list_staff(rt):
            flags = ("" if st.active else " 停用") + (" 锁定" if st.locked else "")
            print(f"{st.staff_no}\t{st.name}\t{','.join(st.roles)}{flags}")
    finally:
        rt.dispose()
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from counter.services.auth import unlock

    rt = runtime(args)
    try:
        unlock(rt, Actor.system(rt.hall_id(), device="cli"), args.no)
    finally:
        rt.dispose()
    print(f"已解锁 / unlocked: {args.no}")
    return 0


def _password(args: argparse.Namespace) -> int:
    from counter.services.auth import reset_password

    rt = runtime(args)
    try:
        reset_password(
            rt,
            Actor.system(rt.hall_id(), device="cli"),
            args.no,
            _read_password(args.password_stdin),
        )
    finally:
        rt.dispose()
    print(f"密码已更新 / password changed: {args.no}")
    return 0
