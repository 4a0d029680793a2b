"""``counter setup`` (command line, or ``--dialog``) and ``counter doctor``.

Registered from ui/ because the dialog and two of the doctor's checks need Qt; Qt is imported
inside the handlers only, and both commands run without it (``counter doctor --no-qt``, or
when PySide6 cannot be loaded, falls back to the core's checks).
"""

from __future__ import annotations

import argparse
import sys

from counter.commands.setup import add_arguments
from counter.config import JOBS


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "setup",
        parents=[common],
        help="配置本机：数据库、岗位、大厅、窗口、设备 / set up this PC",
        description="大厅和窗口先与数据库核对再保存；密码只存入系统密钥环 / the hall and window "
        "are checked against the database before saving; the password goes to the OS keyring",
    )
    add_arguments(p)
    p.add_argument("--dialog", action="store_true", help="打开设置对话框 / open the dialog")
    p.add_argument("--lang", default=None, help="界面语言 zh 或 en")
    p.set_defaults(func=_setup)

    d = sub.add_parser(
        "doctor",
        parents=[common],
        help="本机自检：数据库、权限、时钟、字体、打印机、串口、密钥环 / check this PC",
        epilog="退出码 / exit code: 0 全部通过或仅有警告 ok or warnings; 1 有检查失败 a check failed",
    )
    d.add_argument("--job", choices=sorted(JOBS), help="按此岗位检查（默认取本机配置）")
    d.add_argument("--json", action="store_true", help="输出 JSON")
    d.add_argument("--no-qt", action="store_true", help="不用 Qt 检查字体和打印机")
    d.set_defaults(func=_doctor)


def _setup(args: argparse.Namespace) -> int:
    if args.dialog:
        from ui.setup_dialog import run_setup_dialog

        return run_setup_dialog(args.lang)
    from counter.commands.setup import run

    return run(args)


def _doctor(args: argparse.Namespace) -> int:
    from counter import doctor
    from counter.bootstrap import database_url
    from counter.config import StationConfig

    cfg = StationConfig.load()
    ctx = doctor.Context(cfg, database_url(args, cfg), args.job or cfg.job)
    checks = doctor.CORE_CHECKS
    if not args.no_qt:
        try:
            from ui.doctor_checks import qt_checks

            checks = doctor.replace(checks, **qt_checks())
        except ImportError as exc:  # no Qt on this PC: the core's checks stand in
            print(f"（未加载 Qt：{exc.name}，字体和打印机用系统命令检查）", file=sys.stderr)
    return doctor.main(ctx, checks, as_json=args.json)
