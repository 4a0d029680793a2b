"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter.documents.ticket import TicketSlip
from counter.errors import ConfigError


class Renderers:
    """How a ticket becomes a PDF file for ``device print-ticket --pdf``. Rendering is Qt's
    business (``ui/``), and ``counter/`` never imports the UI: the composition root (the
    ``counter`` entry point in ``ui.main``) fills the slot when it registers the UI's commands.
    Run without it (``python -m counter.cli``), the command says so. (``counter print``, which
    only renders, is registered by the UI itself.)"""

    ticket_pdf: Callable[[TicketSlip, str, int], None] | None = None  # slip, path, width mm

    @classmethod
    def ticket(cls) -> Callable[[TicketSlip, str, int], None]:
        if cls.ticket_pdf is None:
            raise ConfigError(what="PDF 输出需要界面组件（请用 counter 命令）/ PDF needs the UI")
        return cls.ticket_pdf


def print_json(obj: Any) -> None:
    """One JSON object on its own line, UTF-8, flushed (scripts read it as it comes)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


STAFF_PASSWORD_ENV = "COUNTER_STAFF_PASSWORD"
EXIT_REFUSED = 2  # a refusal by role or hall (PermissionDenied), distinct from other errors


def add_staff_argument(parser: Any, *, required: bool = True) -> None:
    parser.add_argument(
        "--staff",
        metavar="STAFF_NO",
        required=required,
        help=f"工号（密码交互输入，或取环境变量 {STAFF_PASSWORD_ENV}）/ staff number",
    )


def staff_password(staff_no: str) -> str:
    """The staff member's password: ``COUNTER_STAFF_PASSWORD``, else asked on the terminal."""
    import os

    from counter.errors import InvalidInput

    env = os.environ.get(STAFF_PASSWORD_ENV)
    if env:
        return env
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"请在终端输入密码，或设置环境变量 {STAFF_PASSWORD_ENV}", field="password"
        )
    return ask_password(f"工号 {staff_no} 的密码 / password: ")


def _no_terminal() -> bool:
    """True when neither standard input nor a controlling terminal can take a typed password
    unseen (a service, a script, ``setsid``, ``</dev/null`` without a terminal)."""
    if sys.stdin is None or sys.stdin.isatty() or os.name == "nt":
        return sys.stdin is None
    try:
        with open("/dev/tty", "rb"):
            return False
    except OSError:
        return True


def ask_password(prompt: str) -> str:
    """The password typed after ``prompt`` (not echoed, on the terminal when there is one, else
    one line of standard input); :class:`NoPasswordInput` when standard input ends before a
    line comes. Every prompt for a password in the ``counter`` commands goes through here."""
    import getpass

    from counter.errors import NoPasswordInput

    if _no_terminal():
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise NoPasswordInput()
        return line.rstrip("\r\n")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise NoPasswordInput() from None


def signed_actor(rt: Any, staff_no: str) -> Any:
    """Sign ``staff_no`` in (audited like any sign-in) and return the actor. A password reset
    by an administrator is replaced first, asked twice on a terminal (refused without one)."""
    from counter.services.auth import sign_in

    password = staff_password(staff_no)
    return _with_new_password(lambda new: sign_in(rt, staff_no, password, new_password=new)).actor


def _with_new_password(sign: Callable[[str | None], Any]) -> Any:
    """``sign(None)``; if the password must be changed, ask a new one and ``sign(new)``."""
    from counter.errors import InvalidInput, PasswordChangeRequired

    try:
        return sign(None)
    except PasswordChangeRequired:
        if not sys.stdin.isatty():
            raise
        new = ask_password("请设置新密码 / new password: ")
        if ask_password("再输入一次 / again: ") != new:
            raise InvalidInput("两次输入的新密码不一致", field="new_password") from None
        return sign(new)


def refused(exc: Exception) -> int:
    """Print a role or hall refusal and return :data:`EXIT_REFUSED`."""
    from counter.errors import CounterError

    if isinstance(exc, CounterError):
        print(f"错误：{exc.message_zh}\nError: {exc.message_en}", file=sys.stderr)
    return EXIT_REFUSED


def local_owner_file(url: str) -> str | None:
    """The path of ``url`` if it is a local SQLite file owned by the user running the command
    (who can change that file anyway), else None."""
    import os

    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - an unparsable URL is simply not a local file
        return None
    if not parsed.drivername.startswith("sqlite") or not parsed.database:
        return None
    if parsed.database == ":memory:" or not hasattr(os, "getuid"):
        return None
    try:
        return parsed.database if os.stat(parsed.database).st_uid == os.getuid() else None
    except OSError:
        return None


def admin_actor(rt: Any, args: Any) -> Any:
    """The administrator an administrative command acts as.

    With ``--staff STAFF_NO``: that person signs in (password asked, or from
    ``COUNTER_STAFF_PASSWORD``) and must hold the administrator role; a password reset by an
    administrator is replaced first (asked twice on a terminal). Without it: only against a
    local SQLite file the user owns (the person who can change the file anyway) — the actor is
    then that file's owner, with the administrator role and no staff number, and every change
    is audited as such. Anything else is refused (:class:`PermissionDenied`, exit 2): the CLI
    never acts as the hall's all-roles system actor for these commands."""
    from counter.errors import Bi, PermissionDenied
    from counter.services.base import ADMIN, Actor

    staff_no = getattr(args, "staff", None)
    if staff_no:
        from counter import admin

        password = staff_password(staff_no)
        return _with_new_password(
            lambda new: admin.sign_in(rt, staff_no, password, new_password=new)
        ).actor
    path = local_owner_file(rt.url)
    if path is None:
        raise PermissionDenied(
            role=Bi(
                "系统管理员（请用 --staff 工号 登录）",
                "administrator (sign in with --staff STAFF_NO)",
            )
        )
    try:
        hall_id = rt.hall_id(getattr(args, "hall", None) or None)
    except Exception:  # noqa: BLE001 - an empty database has no hall yet
        hall_id = 0
    import getpass

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "?"
    # No staff id: the audit log names the operating-system account instead ("os:NAME").
    return Actor(hall_id=hall_id, staff_no=f"os:{user}"[:32], roles=frozenset({ADMIN}),
                 device="local-owner", name="本机数据库文件所有者")  # fmt: skip


def add_admin_argument(parser: Any) -> None:
    parser.add_argument(
        "--staff",
        metavar="STAFF_NO",
        help=(
            "系统管理员工号（密码交互输入或取 COUNTER_STAFF_PASSWORD；本人拥有的本机 SQLite "
            "文件可省略）/ administrator's staff number"
        ),
    )


def refusing(fn: Callable[[Any], int]) -> Callable[[Any], int]:
    """A command function whose role or hall refusal exits with :data:`EXIT_REFUSED` (2)."""
    import functools

    from counter.errors import LastAdministrator, PermissionDenied

    @functools.wraps(fn)
    def run(args: Any) -> int:
        try:
            return fn(args)
        except (PermissionDenied, LastAdministrator) as exc:
            return refused(exc)

    return run


def at_least(minimum: int, maximum: int = 2**31 - 1) -> Callable[[str], int]:
    """An argparse ``type``: a whole number of at least ``minimum`` and at most ``maximum``
    (``--count -5``, ``--limit -1`` and ``--window 99999999999999999999`` are refused at the
    door, with the rule in both languages)."""
    import argparse

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"应为整数 / must be a whole number: {text!r}"
            ) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(
                f"不能小于 {minimum} / must be at least {minimum}: {value}"
            )
        if value > maximum:
            raise argparse.ArgumentTypeError(
                f"不能大于 {maximum} / must be at most {maximum}: {value}"
            )
        return value

    parse.__name__ = f"at_least_{minimum}"
    return parse


def output_file(path: Path, *, suffixes: tuple[str, ...] = ()) -> Path:
    """``path`` checked before anything is written: its folder must exist and be writable
    (nothing creates it: a typo should not make a directory tree), it must not be a folder,
    and, when ``suffixes`` are given, end with one of them."""
    import os

    from counter.errors import Bi, FileProblem

    if suffixes and path.suffix.lower() not in suffixes:
        raise FileProblem(
            path=str(path),
            why=Bi(
                f"文件名应以 {'、'.join(suffixes)} 结尾",
                f"the name must end with {', '.join(suffixes)}",
            ),
        )
    folder = path.parent
    if not folder.is_dir():
        raise FileProblem(
            path=str(path), why=Bi(f"文件夹 {folder} 不存在", f"the folder {folder} does not exist")
        )
    if path.is_dir():
        raise FileProblem(path=str(path), why=Bi("这是一个文件夹", "it is a folder"))
    if not os.access(folder, os.W_OK) or str(folder.resolve()).startswith(("/proc", "/sys")):
        raise FileProblem(
            path=str(path),
            why=Bi(f"文件夹 {folder} 不可写入", f"the folder {folder} is not writable"),
        )
    return path
