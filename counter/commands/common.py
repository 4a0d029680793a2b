"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
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
    import getpass

    return getpass.getpass(f"工号 {staff_no} 的密码 / password: ")


def signed_actor(rt: Any, staff_no: str) -> Any:
    """Sign ``staff_no`` in (audited like any sign-in) and return the actor."""
    from counter.services.auth import sign_in

    return sign_in(rt, staff_no, staff_password(staff_no)).actor


def refused(exc: Exception) -> int:
    """Print a role or hall refusal and return :data:`EXIT_REFUSED`."""
    from counter.errors import CounterError

    if isinstance(exc, CounterError):
        print(f"错误：{exc.message_zh}\nError: {exc.message_en}", file=sys.stderr)
    return EXIT_REFUSED
