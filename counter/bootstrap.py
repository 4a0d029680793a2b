"""Wiring: from command-line arguments and the PC's config to a ready :class:`Runtime`."""

from __future__ import annotations

import argparse
import logging

from counter.config import StationConfig, resolve_database_url
from counter.errors import ConfigError
from counter.services.base import Runtime

log = logging.getLogger(__name__)


def database_url(
    args: argparse.Namespace | None = None, config: StationConfig | None = None
) -> str:
    return resolve_database_url(getattr(args, "db", None) if args is not None else None, config)


def runtime(args: argparse.Namespace | None = None, *, check_schema: bool = True) -> Runtime:
    """A runtime on the database the arguments / environment / config name.

    With ``check_schema`` a database that is not migrated to the current revision is refused with
    a message that says which command fixes it."""
    url = database_url(args)
    rt = Runtime(url)
    if check_schema:
        from db.migrate import current_revision, head_revision

        try:
            current = current_revision(rt.engine)
        except Exception as exc:
            rt.dispose()
            raise ConfigError(f"无法连接数据库 / cannot connect: {exc}", what=_safe(url)) from exc
        if current != head_revision():
            rt.dispose()
            raise ConfigError(
                "数据库版本不是最新，请先运行 counter db upgrade / run `counter db upgrade` first",
                what=_safe(url),
            )
    return rt


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    return _safe(url)
