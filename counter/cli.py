"""The ``counter`` command.

Each group of subcommands lives in its own module with a ``register(subparsers, common)``
function; this file only assembles them. The core's commands are listed here; the commands that
open Qt are registered by the UI (``ui.main``, the installed ``counter`` entry point, adds
``ui.commands``), so nothing under ``counter/`` reaches up into ``ui/``. ``python -m counter.cli``
runs the core's commands alone.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from counter import __version__
from counter.errors import CounterError

log = logging.getLogger("counter")


def build_parser(extra: Sequence[ModuleType] = ()) -> argparse.ArgumentParser:
    """The parser of the core's commands and of ``extra`` command modules (the UI's)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="数据库地址 / database URL (or COUNTER_DATABASE_URL)",
    )
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="counter",
        description="便民服务中心综合窗口 / integrated service window client",
        parents=[common],
    )
    parser.add_argument(
        "--version", action="version", version=f"counter {__version__}", help="显示版本 / version"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (*_core_modules(), *extra):
        module.register(sub, common)
    return parser


def _core_modules() -> list[ModuleType]:
    from counter.commands import audit as audit_commands
    from counter.commands import (
        bench,
        calendar,
        case,
        catalog,
        db,
        device,
        hall,
        history,
        queue,
        sealkey,
        staff,
        verify,
    )

    # ``setup`` and ``doctor`` are registered by the UI (ui.station_commands): a dialog and two
    # of the doctor's checks need Qt.
    return [
        db, catalog, staff, hall, calendar, history, queue, case, verify, audit_commands, sealkey,
        device, bench,
    ]  # fmt: skip


def setup_logging(verbose: bool) -> None:
    from counter.config import data_dir

    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    with contextlib.suppress(OSError):
        handlers.append(logging.FileHandler(data_dir() / "counter.log", encoding="utf-8"))
    handlers[0].setLevel(logging.DEBUG if verbose else logging.WARNING)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def _clock_from_env() -> None:
    """``COUNTER_CLOCK`` (a demo and training aid): run on a clock started at that instant, and
    say so on the terminal, since every time the command writes will follow it."""
    from counter import clock

    rc = clock.install_from_env()
    if rc is not None:
        zh, en = clock.describe(rc)
        log.info("%s", en)
        print(f"{zh}\n{en}", file=sys.stderr)


def main(argv: Sequence[str] | None = None, *, extra: Sequence[ModuleType] = ()) -> int:
    parser = build_parser(extra)
    args = parser.parse_args(argv)
    setup_logging(bool(getattr(args, "verbose", False)))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        _clock_from_env()
        return int(args.func(args) or 0)
    except CounterError as exc:
        log.error("%s (%s)", exc.message_zh, exc.code)
        print(f"错误：{exc.message_zh}\nError: {exc.message_en}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``counter queue watch | head``): leave quietly.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter shutdown quiet
        return 0


if __name__ == "__main__":
    sys.exit(main())
