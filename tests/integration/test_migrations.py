"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import backup_sqlite, current_revision, head_revision, upgrade
from db.models import Base


def test_upgrade_to_head_matches_models(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(db_url: str) -> None:
    assert upgrade(db_url) is None  # nothing to do, no backup


def test_sqlite_backup_copies_the_file(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    upgrade(url)
    backup = backup_sqlite(url)
    assert backup is not None and backup.exists() and backup.stat().st_size > 0
    engine = make_engine(f"sqlite:///{backup}")
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_audit_log_is_append_only_on_postgres(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audit_log (at, staff_no, action, target, host, detail) VALUES (now(), '', 'x', '', '', '{}')"
                )
            )
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET action = 'y'"))
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
    finally:
        engine.dispose()
