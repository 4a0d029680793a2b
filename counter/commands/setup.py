"""``counter setup``: tell this PC which database, job, hall and window it serves, and its devices.

The hall and window are checked against the database before anything is saved (``--no-check``
saves them unchecked, for a PC prepared before the server is up; ``counter doctor`` checks
later). The URL goes to the config file without its password; the password goes to the OS
keyring, or nowhere. The command is registered from ``ui.station_commands`` together with its
dialog (``counter setup --dialog``); everything here runs without Qt.
"""

from __future__ import annotations

import argparse
import sys

from counter.commands.common import ask_password, at_least
from counter.config import JOBS, StationConfig, config_path, load_password, strip_password


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--job", choices=sorted(JOBS), help="本机岗位 / this PC's job")
    p.add_argument("--hall", help="大厅编码 / hall code")
    p.add_argument("--window", type=at_least(1, 9999), help="本机窗口号 / this PC's window number")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取数据库密码")
    p.add_argument(
        "--no-check",
        action="store_true",
        help="不连接数据库核对大厅和窗口（服务器尚未就绪时）/ save without checking",
    )
    p.add_argument("--show", action="store_true", help="显示本机当前配置 / show the config")
    p.add_argument(
        "--first-admin",
        metavar="STAFF_NO",
        help="建立第一个系统管理员（仅当数据库中尚无管理员；密码交互输入或取 "
        "COUNTER_STAFF_PASSWORD）/ make the first administrator, once",
    )
    p.add_argument("--admin-name", default="系统管理员", help="第一个系统管理员的姓名")
    p.add_argument("--idcard-port", help="身份证阅读器串口，如 COM3、/dev/ttyUSB0（none 清除）")
    p.add_argument("--idcard-baud", type=int)
    p.add_argument("--scanner-port", help="扫码枪串口（none 或 --scanner-wedge：键盘模式）")
    p.add_argument(
        "--scanner-wedge", action="store_true", help="扫码枪为键盘模式 / keyboard-wedge scanner"
    )
    p.add_argument("--scanner-prefix", help="键盘模式扫码枪配置的前缀字符")
    p.add_argument("--scanner-baud", type=int)
    p.add_argument("--scanner-terminator", choices=("cr", "lf", "crlf"))
    p.add_argument("--ticket-printer", help="号票打印机：escpos:串口 或 qt:打印机名称（none 清除）")
    p.add_argument(
        "--a4-printer",
        "--printer",
        dest="printer",
        help="A4 文书打印机名称（none：系统默认）/ A4 printer for documents",
    )


def _clear(value: str | None) -> str | None:
    return None if value is None else ("" if value.strip().lower() == "none" else value.strip())


def apply_devices(cfg: StationConfig, args: argparse.Namespace) -> None:
    """Copy the device options given on the command line into ``cfg``."""
    from counter.station import check_ticket_printer

    for attr in ("idcard_port", "scanner_port", "scanner_prefix", "printer"):
        value = _clear(getattr(args, attr))
        if value is not None:
            setattr(cfg, attr, value or None if attr != "scanner_prefix" else value)
    if args.scanner_wedge:
        cfg.scanner_port = None
    for attr in ("idcard_baud", "scanner_baud", "scanner_terminator"):
        value = getattr(args, attr)
        if value is not None:
            setattr(cfg, attr, value)
    ticket = _clear(args.ticket_printer)
    if ticket is not None:
        cfg.ticket_printer = check_ticket_printer(ticket) or None


def show(cfg: StationConfig) -> None:
    from counter.bootstrap import safe_url

    job = JOBS.get(cfg.job or "", ("（未设置）", "not set"))
    print(f"配置文件 / config: {config_path()}")
    print(
        f"数据库 / database: {safe_url(cfg.database_url) if cfg.database_url else '（内置 SQLite）'}"
    )
    print(f"岗位 / job: {cfg.job or ''} {job[0]} / {job[1]}")
    print(f"大厅 / hall: {cfg.hall or ''}   窗口 / window: {cfg.window or ''}")
    print(f"身份证阅读器 / ID reader: {cfg.idcard_port or '无 none'} @ {cfg.idcard_baud}")
    scanner = cfg.scanner_port or f"键盘模式 keyboard wedge, prefix {cfg.scanner_prefix!r}"
    print(f"扫码枪 / scanner: {scanner}")
    print(f"号票打印机 / ticket printer: {cfg.ticket_printer or '无 none'}")
    print(f"A4 打印机 / A4 printer: {cfg.printer or '系统默认 system default'}")


def run(args: argparse.Namespace) -> int:
    """The command-line flow (see the module docstring); exit 0 saved, 1 refused (nothing
    saved), 2 saved but the password could not go to a keyring."""
    from sqlalchemy.engine import make_url

    from counter.station import (
        StationChoice,
        check_job,
        check_station,
        probe_database,
        save_station,
        with_password,
    )

    cfg = StationConfig.load()
    if args.show:
        show(cfg)
        return 0
    url = getattr(args, "db", None)
    password: str | None = None
    if url:
        password = make_url(url).password
        if password:
            url = strip_password(url)
    target = url if url is not None else cfg.database_url
    remote = bool(target) and not str(target).startswith("sqlite")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n") or None
    elif remote and password is None and url and make_url(url).username and sys.stdin.isatty():
        password = ask_password("数据库密码 / database password (empty: none): ") or None
    # The first administrator's set-up names no job: this PC is then the administrator's
    # (``manager``: no window number needed), not a window client.
    job = check_job(args.job or cfg.job or ("manager" if args.first_admin else None))
    hall = args.hall if args.hall is not None else cfg.hall
    window = args.window if args.window is not None else cfg.window
    apply_devices(cfg, args)
    if args.no_check:
        if getattr(args, "first_admin", None):
            from counter.errors import InvalidInput

            raise InvalidInput("建立管理员需要连接数据库（不能与 --no-check 同用）",
                               field="--first-admin")  # fmt: skip
        choice = StationChoice(job, hall or "", "", window, "")
        print(
            "未核对大厅和窗口：之后请运行 counter doctor / not checked: run `counter doctor` later"
        )
    else:
        probe_url = target or None
        if probe_url is None:
            from counter.config import default_sqlite_url

            probe_url = default_sqlite_url()
        if remote and password is None:
            password_for_probe = load_password(str(probe_url))
        else:
            password_for_probe = password
        report = probe_database(with_password(str(probe_url), password_for_probe))
        choice = check_station(report, job, hall, window)
        if getattr(args, "first_admin", None):
            _first_admin(with_password(str(probe_url), password_for_probe), choice.hall, args)
        where = f"{choice.hall} {choice.hall_name}"
        if choice.window is not None:
            where += f"，{choice.window}号窗口 {choice.window_name}"
        print(f"已核对 / checked: {report.url}（往返 {report.rtt_ms:.2f} ms）{where}")
    result = save_station(cfg, url=url, password=password, choice=choice)
    print(f"已保存配置 / config saved: {result.path}")
    if result.keyring_error is not None:
        exc = result.keyring_error
        print(f"{exc.message_zh}\n{exc.message_en}", file=sys.stderr)
        return 2
    if result.password_stored:
        print("数据库密码已保存到系统密钥环 / password stored in the OS keyring")
    return 0


def _first_admin(url: str, hall: str | None, args: argparse.Namespace) -> None:
    """Make the database's first administrator (refused once one exists)."""
    import os

    from counter.commands.common import STAFF_PASSWORD_ENV
    from counter.errors import InvalidInput
    from counter.services.auth import create_first_admin
    from counter.services.base import Runtime

    password = os.environ.get(STAFF_PASSWORD_ENV) or ""
    if not password:
        if not sys.stdin.isatty():
            raise InvalidInput(f"请在终端输入密码，或设置 {STAFF_PASSWORD_ENV}", field="password")
        password = ask_password(f"管理员 {args.first_admin} 的密码 / password: ")
        if ask_password("再输入一次 / again: ") != password:
            raise InvalidInput("两次输入的密码不一致", field="password")
    rt = Runtime(url)
    try:
        info = create_first_admin(rt, hall or None, args.first_admin, args.admin_name, password)
    finally:
        rt.dispose()
    print(f"已建立系统管理员 / administrator made: {info.staff_no} {info.name}")
