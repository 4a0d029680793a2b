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
import time
from collections.abc import Sequence
from types import ModuleType

from counter import __version__
from counter.errors import REPORTED, Bi, CounterError

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


class _NotReported(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "counter_reported", False)


class _MaskingFormatter(logging.Formatter):
    """Log lines with ID and mobile numbers masked, tracebacks included (their exception texts
    are written by whatever raised them)."""

    def format(self, record: logging.LogRecord) -> str:
        from counter.domain.masking import mask_numbers_in

        return mask_numbers_in(super().format(record))


def setup_logging(verbose: bool) -> None:
    from counter.config import data_dir

    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    with contextlib.suppress(OSError):
        handlers.append(logging.FileHandler(data_dir() / "counter.log", encoding="utf-8"))
    handlers[0].setLevel(logging.DEBUG if verbose else logging.WARNING)
    if not verbose:
        handlers[0].addFilter(_NotReported())
    formatter = _MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO, handlers=handlers, force=True
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


# Seconds the CLI waits before each new attempt when the database cannot be reached (about
# 5 s in all), both to connect (:attr:`Runtime.connect_retries`) and to repeat a command whose
# connection dropped before it had saved anything.
RETRY_DELAYS = (0.5, 1.0, 1.5, 2.0)


def main(argv: Sequence[str] | None = None, *, extra: Sequence[ModuleType] = ()) -> int:
    """Run one command. Every failure ends as one bilingual message on stderr and a non-zero
    exit code (1; 2 for a refusal by role or hall; 130 on Ctrl-C), never a traceback: typed
    errors of the core as they are, database errors translated, anything else reported as an
    internal error whose traceback goes to the log file only."""
    parser = build_parser(extra)
    args = parser.parse_args(argv)
    setup_logging(bool(getattr(args, "verbose", False)))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        _clock_from_env()
        return _run(args)
    except CounterError as exc:
        return report(exc)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``counter queue watch | head``): leave quietly.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter shutdown quiet
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback on screen
        return report(as_counter_error(exc))


def _run(args: argparse.Namespace) -> int:
    """``args.func(args)``; for the core's commands, repeated while the database cannot be
    reached and nothing has been saved yet by this process (so a repeat never does anything
    twice)."""
    from counter.services import base

    if not getattr(args.func, "__module__", "").startswith("counter."):
        # A command of the UI (the window client, the kiosk, …) reconnects by itself, and its
        # worker must learn at once that the database is gone, not after 5 s of waiting.
        return int(args.func(args) or 0)
    base.DEFAULT_CONNECT_RETRIES = RETRY_DELAYS
    try:
        return _repeat(args)
    finally:
        base.DEFAULT_CONNECT_RETRIES = ()


def _repeat(args: argparse.Namespace) -> int:
    from counter.errors import DatabaseUnavailable
    from counter.services import base

    attempts = 0
    while True:
        before = base.commits_so_far()
        try:
            return int(args.func(args) or 0)
        except Exception as exc:  # noqa: BLE001 - sorted just below
            error = exc if isinstance(exc, CounterError) else as_counter_error(exc)
            if error is exc and not isinstance(error, DatabaseUnavailable):
                raise
            if not isinstance(error, DatabaseUnavailable):
                raise error from None
            attempts = max(attempts, error.attempts)
            if (
                error.outcome_unknown
                or error.attempts
                or base.commits_so_far() != before
                or attempts >= len(RETRY_DELAYS)
            ):
                if attempts:
                    error.detail = Bi(f"已重试 {attempts} 次", f"tried again {attempts} times")
                raise error from None
            log.info(
                "database unreachable; repeating the command in %.1f s", RETRY_DELAYS[attempts]
            )
            time.sleep(RETRY_DELAYS[attempts])
            attempts += 1


def as_counter_error(exc: BaseException) -> CounterError:
    """The typed error for an exception that escaped a command: database errors translated,
    a bad URL or missing driver as a configuration error, a file error with its path, the rest
    as an internal error (the traceback goes to the log file, never to the terminal)."""
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    from counter.errors import ConfigError, FileProblem, InternalError
    from counter.services.base import translate_db_error

    if isinstance(exc, CounterError):
        return exc
    if isinstance(exc, DBAPIError):
        return translate_db_error(exc)
    if isinstance(exc, (ArgumentError, NoSuchModuleError, ModuleNotFoundError)):
        return ConfigError(
            what=Bi(
                "数据库地址无效或不受支持（支持 sqlite:///文件 和 postgresql://）",
                "database URL invalid or not supported (use sqlite:///FILE or postgresql://)",
            )
        )
    if isinstance(exc, OSError):
        return FileProblem(
            path=exc.filename or "", why=Bi(exc.strerror or "无法访问", exc.strerror or "error")
        )
    log.error("internal error", exc_info=exc, extra=REPORTED)
    return InternalError(type(exc).__name__)


def report(exc: CounterError) -> int:
    """Print ``exc`` once (Chinese, then English), log it to the file, return the exit code."""
    log.error("%s (%s)", exc.message_en, exc.code, extra=REPORTED)
    print(f"错误：{exc.message_zh}\nError: {exc.message_en}", file=sys.stderr)
    return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
