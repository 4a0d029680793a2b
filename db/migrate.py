"""Schema migrations (Alembic) driven from code: ``counter db upgrade`` / ``counter db status``.

An SQLite file is copied next to itself before an upgrade that has anything to do, so a failed
upgrade of a live single-PC hall can be undone by putting the copy back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from db.engine import is_sqlite, make_engine, normalise_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return current_revision_of(conn)


def current_revision_of(conn: Connection) -> str | None:
    """The revision the database behind ``conn`` is at (None: not migrated)."""
    return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(url: str) -> Path | None:
    """Copy the SQLite file (and its WAL) aside; returns the copy's path, or None."""
    path = make_url(url).database
    if not path or path == ":memory:" or not Path(path).exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = Path(f"{path}.bak-{stamp}")
    # SQLite's online backup copies a consistent snapshot, WAL content included.
    src = sqlite3.connect(path)
    dst = sqlite3.connect(backup)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return backup


def upgrade(url: str, revision: str = "head") -> Path | None:
    """Migrate the database at ``url`` to ``revision``; returns the backup path if one was made."""
    engine = make_engine(url)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    backup = None
    if current != head_revision() and is_sqlite(url) and current is not None:
        backup = backup_sqlite(url)
    command.upgrade(alembic_config(url), revision)
    return backup
