"""``counter setup``: tell this PC which database, hall and window it serves.

The URL goes to the config file without its password; the password goes to the OS keyring.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from counter.config import StationConfig, config_path, store_password, strip_password
from counter.errors import KeyringUnavailable


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("setup", parents=[common], help="配置本机：数据库、大厅、窗口号、设备")
    p.add_argument("--hall", help="大厅编码 / hall code")
    p.add_argument("--window", type=int, help="本机窗口号 / this PC's window number")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取数据库密码")
    p.add_argument("--idcard-port")
    p.add_argument("--scanner-port")
    p.add_argument("--scanner-baud", type=int)
    p.add_argument("--scanner-terminator", choices=("cr", "lf", "crlf"))
    p.add_argument("--printer", help="escpos:PORT or qt:PRINTER NAME")
    p.set_defaults(func=_setup)


def _setup(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    cfg = StationConfig.load()
    password = None
    url = getattr(args, "db", None)
    if url:
        u = make_url(url)
        password = u.password
        cfg.database_url = strip_password(url) if password else url
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif (
        cfg.database_url
        and not cfg.database_url.startswith("sqlite")
        and password is None
        and sys.stdin.isatty()
    ):
        password = getpass.getpass("数据库密码 / database password (empty: none): ") or None
    for attr in (
        "hall",
        "window",
        "idcard_port",
        "scanner_port",
        "scanner_baud",
        "scanner_terminator",
        "printer",
    ):
        value = getattr(args, attr)
        if value is not None:
            setattr(cfg, attr, value)
    path = cfg.save()
    print(f"已保存配置 / config saved: {path}")
    if password:
        assert cfg.database_url
        try:
            store_password(cfg.database_url, password)
        except KeyringUnavailable as exc:
            print(f"{exc.message_zh}\n{exc.message_en}", file=sys.stderr)
            return 2
        print("数据库密码已保存到系统密钥环 / password stored in the OS keyring")
    return 0


__all__ = ["register", "config_path"]
