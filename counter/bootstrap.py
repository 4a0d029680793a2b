"""Wiring: from command-line arguments and the PC's config to a ready :class:`Runtime`."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from counter.config import StationConfig, resolve_database_url
from counter.errors import Bi, ConfigError, CounterError
from counter.services.base import Runtime

log = logging.getLogger(__name__)


def database_url(
    args: argparse.Namespace | None = None, config: StationConfig | None = None
) -> str:
    """The database URL to use, checked (:func:`check_database_url`)."""
    url = resolve_database_url(getattr(args, "db", None) if args is not None else None, config)
    check_database_url(url)
    return url


SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def check_database_url(url: str) -> None:
    """Refuse, before any connection, a URL that cannot work: not a URL, a database this
    product does not support (only SQLite and PostgreSQL), an unknown ``sslmode``, or a SQLite
    file in a folder that does not exist or that is not a SQLite database."""
    from pathlib import Path

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from counter.errors import Bi, DatabaseCorrupt

    try:
        u = make_url(url)
    except ArgumentError:
        raise ConfigError(
            what=Bi(
                "数据库地址无法识别（应为 sqlite:///文件路径 或 postgresql://用户@主机/库名）",
                "the database URL cannot be parsed (use sqlite:///PATH or postgresql://USER@HOST/DB)",
            )
        ) from None
    backend = u.get_backend_name()
    if backend not in ("sqlite", "postgresql", "postgres"):
        raise ConfigError(
            what=Bi(
                f"不支持的数据库 {backend}（只支持 SQLite 和 PostgreSQL）",
                f"database {backend} is not supported (only SQLite and PostgreSQL)",
            )
        )
    if backend != "sqlite":
        mode = u.query.get("sslmode")
        if mode is not None and mode not in SSL_MODES:
            raise ConfigError(
                what=Bi(
                    f"sslmode 取值无效（可用：{'、'.join(SSL_MODES)}）",
                    f"invalid sslmode (use one of: {', '.join(SSL_MODES)})",
                )
            )
        return
    path = u.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    file = Path(path)
    if not file.parent.is_dir():
        raise ConfigError(
            what=Bi(
                f"数据库文件夹 {file.parent} 不存在，请先建立该文件夹",
                f"the folder {file.parent} of the database file does not exist; create it first",
            )
        )
    if file.is_file() and file.stat().st_size > 0:
        with file.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise DatabaseCorrupt(Bi(f"{file} 不是 SQLite 数据库", f"{file} is not SQLite"))


def _missing_sqlite_file(url: str) -> bool:
    """``url`` names a SQLite file that does not exist (in-memory databases never do)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - an unparsable URL is refused elsewhere, with its reason
        return False
    if not parsed.drivername.startswith("sqlite"):
        return False
    name = parsed.database or ""
    if not name or name == ":memory:" or name.startswith("file:"):
        return False
    return not Path(name).exists()


def runtime(args: argparse.Namespace | None = None, *, check_schema: bool = True) -> Runtime:
    """A runtime on the database the arguments / environment / config name.

    With ``check_schema`` a database that is not migrated to the current revision is refused with
    a message that says which command fixes it."""
    url = database_url(args)
    if check_schema:
        missing = _missing_sqlite_file(url)
        if missing:  # opening it would create an empty file and then call it "out of date"
            raise ConfigError(
                Bi(
                    "数据库文件不存在；新建请运行 counter db upgrade（演示大厅：counter demo）",
                    "no such database file: create it with `counter db upgrade` "
                    "(the demo hall: `counter demo`)",
                ),
                what=_safe(url),
            )
    rt = Runtime(url)
    if check_schema:
        from sqlalchemy.exc import DBAPIError

        from counter.services.base import translate_db_error
        from db.migrate import current_revision_of, head_revision

        try:
            with rt.unit(read_only=True) as s:
                current = current_revision_of(s.connection())
        except DBAPIError as exc:
            rt.dispose()
            raise translate_db_error(exc) from None
        except CounterError:
            rt.dispose()
            raise
        if current != head_revision():
            rt.dispose()
            raise ConfigError(
                Bi(
                    "数据库尚未初始化或版本不是最新，请先运行 counter db upgrade",
                    "the database has no tables yet or is out of date: run `counter db upgrade`",
                ),
                what=_safe(url),
            )
    return rt


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    return _safe(url)
