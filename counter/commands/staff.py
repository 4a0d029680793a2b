"""``counter staff add|list|unlock|password|deactivate|activate|roles|hall``: staff accounts from
the command line, as a signed-in administrator (``--staff STAFF_NO``) — or, on a local SQLite file
the user owns, as that file's owner (see :func:`counter.commands.common.admin_actor`).

A password given here for someone else is temporary: that person sets a new one at the next
sign-in. Nobody can deactivate or demote the last administrator (exit 2).
"""

from __future__ import annotations

import argparse
import sys

from counter.bootstrap import runtime
from counter.commands.common import add_admin_argument, admin_actor, ask_password, refusing


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("staff", parents=[common], help="工作人员账号 / staff accounts")
    s = p.add_subparsers(dest="staff_command", required=True)
    add = s.add_parser("add", parents=[common])
    add.add_argument("--no", required=True, help="工号")
    add.add_argument("--name", required=True)
    add.add_argument("--roles", required=True, help="clerk,reviewer,seal_keeper,manager,admin")
    add.add_argument("--hall", help="大厅或村便民服务点编码（默认管理员所在大厅）")
    add.add_argument("--password-stdin", action="store_true")
    add_admin_argument(add)
    add.set_defaults(func=refusing(_add))
    ls = s.add_parser("list", parents=[common])
    add_admin_argument(ls)
    ls.set_defaults(func=refusing(_list))
    un = s.add_parser("unlock", parents=[common])
    un.add_argument("--no", required=True)
    add_admin_argument(un)
    un.set_defaults(func=refusing(_unlock))
    pw = s.add_parser("password", parents=[common], help="重置密码（本人下次登录时须修改）")
    pw.add_argument("--no", required=True)
    pw.add_argument("--password-stdin", action="store_true")
    add_admin_argument(pw)
    pw.set_defaults(func=refusing(_password))
    for name, active in (("deactivate", False), ("activate", True)):
        d = s.add_parser(name, parents=[common], help="停用账号" if not active else "启用账号")
        d.add_argument("--no", required=True)
        add_admin_argument(d)
        d.set_defaults(func=refusing(_active), active=active)
    ro = s.add_parser("roles", parents=[common], help="设置角色")
    ro.add_argument("--no", required=True)
    ro.add_argument("--roles", required=True)
    add_admin_argument(ro)
    ro.set_defaults(func=refusing(_roles))
    ha = s.add_parser("hall", parents=[common], help="调到另一大厅或村便民服务点")
    ha.add_argument("--no", required=True)
    ha.add_argument("--to", required=True, metavar="HALL_CODE")
    add_admin_argument(ha)
    ha.set_defaults(func=refusing(_hall))


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return ask_password("密码 / password: ")


def _add(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        actor = admin_actor(rt, argparse.Namespace(staff=args.staff, hall=None))
        result = admin.add_staff(
            rt, actor, args.no, args.name, _read_password(args.password_stdin),
            args.roles.split(","), hall_code=args.hall,
        )  # fmt: skip
    finally:
        rt.dispose()
    info = result.staff
    assert info is not None
    print(f"已添加 / added: {info.staff_no} {info.name} {','.join(info.roles)} {info.hall_code}")
    print("首次登录时须修改密码 / the password must be changed at the first sign-in")
    return 0


def _list(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        listing = admin.staff_list(rt, admin_actor(rt, args))
    finally:
        rt.dispose()
    for st in listing:
        flags = ("" if st.active else " 停用") + (" 锁定" if st.locked else "")
        flags += " 须改密码" if st.must_change_password else ""
        print(f"{st.staff_no}\t{st.name}\t{','.join(st.roles)}\t{st.hall_code}{flags}")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        admin.unlock(rt, admin_actor(rt, args), args.no)
    finally:
        rt.dispose()
    print(f"已解锁 / unlocked: {args.no}")
    return 0


def _password(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        admin.reset_password(rt, admin_actor(rt, args), args.no,
                             _read_password(args.password_stdin))  # fmt: skip
    finally:
        rt.dispose()
    print(f"密码已重置，下次登录须修改 / password reset, to be changed at next sign-in: {args.no}")
    return 0


def _active(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        admin.set_staff_active(rt, admin_actor(rt, args), args.no, args.active)
    finally:
        rt.dispose()
    print(f"{'已启用 / activated' if args.active else '已停用 / deactivated'}: {args.no}")
    return 0


def _roles(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        result = admin.set_roles(rt, admin_actor(rt, args), args.no, args.roles.split(","))
    finally:
        rt.dispose()
    assert result.staff is not None
    print(f"角色 / roles: {args.no} {','.join(result.staff.roles)}")
    return 0


def _hall(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        admin.set_staff_hall(rt, admin_actor(rt, args), args.no, args.to)
    finally:
        rt.dispose()
    print(f"已调整大厅 / moved: {args.no} → {args.to}")
    return 0
