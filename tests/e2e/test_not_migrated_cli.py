"""A database without the program's tables (never migrated) is said to be one, with what to
do, on SQLite and on PostgreSQL: not "UndefinedTable (42P01)" or "no such table"."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dbfixtures import _drop_pg, _pg_admin, _pg_url, require_pg

ROOT = Path(__file__).resolve().parents[2]
SAID_ZH = "数据库尚未初始化或版本过旧，请运行 counter db upgrade"
SAID_EN = "The database has no tables yet or is out of date: run counter db upgrade"


def _counter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def bare_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database that exists and holds none of the program's tables."""
    if request.param == "sqlite":
        path = tmp_path / "bare.sqlite3"
        sqlite3.connect(path).execute("CREATE TABLE notes (x TEXT)").connection.close()
        yield f"sqlite:///{path}"
        return
    require_pg()
    name = f"counter_bare_{uuid.uuid4().hex[:10]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        _drop_pg(name)


def test_demo_data_on_a_database_never_migrated_says_run_db_upgrade(bare_url: str) -> None:
    proc = _counter("demo-data", "--days", "1", "--quiet", "--db", bare_url)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[-2].startswith(f"错误：{SAID_ZH}"), proc.stderr
    assert lines[-1].startswith(f"Error: {SAID_EN}"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_translate_db_error_names_an_undefined_table(bare_url: str) -> None:
    from sqlalchemy import select
    from sqlalchemy.exc import DBAPIError

    from counter.errors import DatabaseNotInitialised
    from counter.services.base import Runtime, translate_db_error
    from db.models import Ticket

    rt = Runtime(bare_url)
    try:
        with pytest.raises(DBAPIError) as caught, rt.engine.connect() as conn:
            conn.execute(select(Ticket.id).limit(1))
        err = translate_db_error(caught.value)
    finally:
        rt.dispose()
    assert isinstance(err, DatabaseNotInitialised)
    assert SAID_ZH in err.message_zh and SAID_EN in err.message_en
