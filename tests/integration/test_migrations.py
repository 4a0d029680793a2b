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
    from counter.services.base import Runtime, audit

    rt = Runtime(pg_url)
    try:
        with rt.unit() as s:
            audit(s, None, "x")
        engine = rt.engine
        for sql in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log",
                    "TRUNCATE audit_log", "TRUNCATE audit_log CASCADE",
                    "DELETE FROM audit_chain", "TRUNCATE audit_chain"):  # fmt: skip
            with (
                pytest.raises(Exception, match="append-only|cannot be removed"),
                engine.begin() as conn,
            ):
                conn.execute(text(sql))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1
        # a row without its chain fields is refused by the schema itself
        with pytest.raises(Exception, match="seq"), engine.begin() as conn:
            conn.execute(text("INSERT INTO audit_log (at, staff_no, action, target, host, detail) "
                              "VALUES (now(), '', 'x', '', '', '{}')"))  # fmt: skip
    finally:
        rt.dispose()


def test_upgrade_chains_the_audit_rows_already_there(tmp_path, request) -> None:
    """A live database at 0001 with audit rows: 0011 numbers and hashes them, so the chain is
    whole from the first row and the next append continues it."""
    from counter.services.audit import verify_chain
    from counter.services.base import Runtime, audit
    from tests.dbfixtures import _drop_pg, _pg_admin, _pg_url, pg_available

    urls = [f"sqlite:///{tmp_path / 'old.sqlite3'}"]
    name = f"counter_mig_{tmp_path.name[-12:]}".replace("-", "_").lower()
    if pg_available():
        _drop_pg(name)
        with _pg_admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        request.addfinalizer(lambda: _drop_pg(name))
        urls.append(_pg_url(name))
    for url in urls:
        upgrade(url, "0001")
        engine = make_engine(url)
        with engine.begin() as conn:
            for n in range(3):
                conn.execute(
                    text("INSERT INTO audit_log (at, staff_no, action, target, host, detail) "
                         "VALUES (:at, '', :a, '', 'pc1', :d)"),
                    {"at": f"2025-09-30 0{n}:00:00", "a": f"old{n}", "d": f'{{"n": {n}}}'},
                )  # fmt: skip
        engine.dispose()
        upgrade(url)
        rt = Runtime(url)
        try:
            report = verify_chain(rt)
            assert report.ok and report.rows == 3 and report.head_seq == 3
            with rt.unit() as s:
                audit(s, None, "new")
            report = verify_chain(rt)  # the check audited itself too
            assert report.ok and report.head_seq == 5
        finally:
            rt.dispose()
