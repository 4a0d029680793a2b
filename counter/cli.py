"""The ``counter`` command.

Each group of subcommands lives in its own module with a ``register(subparsers, common)``
function; this file only assembles them. Modules that need Qt import it inside their handlers so
that ``counter queue ...`` starts fast and runs on machines without a display.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from counter.errors import CounterError

# The composition root may reach the UI package; the core modules never do.
COMMAND_MODULES = (
    "counter.commands.setup",
    "counter.commands.db",
    "counter.commands.catalog",
    "counter.commands.staff",
    "counter.commands.calendar",
    "counter.commands.demo",
    "counter.commands.queue",
    "counter.commands.case",
    "counter.commands.device",
    "counter.commands.bench",
    "ui.commands",
)

log = logging.getLogger("counter")


def build_parser() -> argparse.ArgumentParser:
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # the module does not exist yet in this build
            raise
        module.register(sub, common)
    return parser


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
