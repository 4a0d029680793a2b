"""Backups (counter db backup / restore): what was committed comes back, on SQLite and
PostgreSQL; a damaged backup is refused before anything is replaced."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from counter import clock
from counter.backup import backup, prune, restore
from counter.errors import InvalidInput
from counter.services import tickets as ticket_service
from counter.services.base import Actor, Runtime
from db.models import Ticket
from tests.dbfixtures import _pg_admin, _pg_url


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    clock.set_clock(lambda: dt.datetime(2025, 6, 3, 2, 0, tzinfo=dt.UTC))  # 10:00 in the hall
    yield
    clock.set_clock(None)


def tickets(url: str) -> int:
    rt = Runtime(url)
    try:
        with rt.unit() as s:
            return int(s.scalar(select(func.count()).select_from(Ticket)) or 0)
    finally:
        rt.dispose()


def issue(rt: Runtime, n: int) -> None:
    actor = Actor.system(rt.hall_id("QS"), device="kiosk")
    for _ in range(n):
        ticket_service.issue_ticket(rt, actor, "A")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )


def test_sqlite_backup_is_online_and_restores(sqlite_hall_url: str, tmp_path: Path) -> None:
    rt = Runtime(sqlite_hall_url)  # stays open: its commits sit in the WAL, not yet in the file
    try:
        issue(rt, 3)
        db_file = Path(make_url(sqlite_hall_url).database or "")
        wal = db_file.with_name(db_file.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        copied = tmp_path / "plain-copy.sqlite3"
        shutil.copy2(db_file, copied)  # what a file copy would have kept

        out = tmp_path / "backups"
        out.mkdir()
        proc = cli("db", "backup", "--out", str(out), "--db", sqlite_hall_url)
        assert proc.returncode == 0, proc.stderr
        (made,) = out.glob("db-*.sqlite3")
        assert str(made) in proc.stdout
        assert tickets(f"sqlite:///{made}") == 3
        assert tickets(f"sqlite:///{copied}") == 0  # the file alone missed the WAL's commits

        issue(rt, 2)
    finally:
        rt.dispose()
    assert tickets(sqlite_hall_url) == 5
    refused = cli("db", "restore", str(made), "--db", sqlite_hall_url)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    proc = cli("db", "restore", str(made), "--yes", "--db", sqlite_hall_url)
    assert proc.returncode == 0, proc.stderr
    assert tickets(sqlite_hall_url) == 3
    (saved,) = db_file.parent.glob("*-before-restore-*.sqlite3")
    assert tickets(f"sqlite:///{saved}") == 5  # what was replaced is kept


def test_damaged_backup_is_refused_and_nothing_replaced(
    sqlite_hall_url: str, tmp_path: Path
) -> None:
    rt = Runtime(sqlite_hall_url)
    issue(rt, 1)
    rt.dispose()
    good = backup(sqlite_hall_url, tmp_path / "good.sqlite3").path
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    data[4096 : 4096 + 512] = b"\xff" * 512  # a page of the tables overwritten
    damaged.write_bytes(bytes(data))
    (tmp_path / "junk.sqlite3").write_text("not a database", encoding="utf-8")
    for bad in (damaged, tmp_path / "junk.sqlite3", tmp_path / "missing.sqlite3"):
        with pytest.raises(InvalidInput):
            restore(sqlite_hall_url, bad)
    assert tickets(sqlite_hall_url) == 1
    proc = cli("db", "restore", str(tmp_path / "junk.sqlite3"), "--yes", "--db", sqlite_hall_url)
    assert proc.returncode == 1 and "SQLite" in proc.stderr and "Traceback" not in proc.stderr


def test_keep_prunes_old_backups_of_the_default_directory(sqlite_hall_url: str) -> None:
    made = [backup(sqlite_hall_url, keep=2) for _ in range(3)]
    folder = made[0].path.parent
    assert made[2].removed == (made[0].path,)
    assert sorted(folder.glob("db-*.sqlite3")) == sorted(r.path for r in made[1:])
    assert prune(folder, "db-*.sqlite3", 1) == (made[1].path,)
    with sqlite3.connect(made[-1].path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump not installed")
def test_pg_dump_and_restore_into_a_new_database(pg_hall_url: str, tmp_path: Path) -> None:
    rt = Runtime(pg_hall_url)
    issue(rt, 4)
    rt.dispose()
    proc = cli("db", "backup", "--out", str(tmp_path / "town.dump"), "--db", pg_hall_url)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "town.dump").stat().st_size > 10_000
    name = f"counter_restore_{uuid.uuid4().hex[:8]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        target = _pg_url(name)
        proc = cli("db", "restore", str(tmp_path / "town.dump"), "--yes", "--db", target)
        assert proc.returncode == 0, proc.stderr
        assert tickets(target) == 4
        status = cli("db", "status", "--db", target)
        assert status.returncode == 0 and "最新" in status.stdout
    finally:
        with _pg_admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_names_carry_the_halls_local_time(sqlite_hall_url: str) -> None:
    """02:00 UTC is 10:00 in the hall: the file is named by the hall's clock, not UTC nor the
    PC's own time zone."""
    made = backup(sqlite_hall_url)
    assert made.path.name.endswith("-20250603-100000000.sqlite3"), made.path.name


def test_a_failed_sqlite_backup_leaves_no_partial_file(
    sqlite_hall_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter import backup as backup_module

    def half_copy(src: Path, dst: Path) -> None:
        dst.write_bytes(b"SQLite format 3\x00 half")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backup_module, "_online_copy", half_copy)
    out = tmp_path / "backups"
    out.mkdir()
    with pytest.raises(sqlite3.OperationalError):
        backup(sqlite_hall_url, out)
    assert list(out.iterdir()) == []


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump not installed")
def test_pg_dump_without_rights_leaves_no_partial_file(pg_hall_url: str, tmp_path: Path) -> None:
    role = f"counter_norights_{uuid.uuid4().hex[:6]}"
    with _pg_admin() as conn:
        conn.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'norights-pw'")
    try:
        url = make_url(pg_hall_url).set(username=role, password="norights-pw")
        out = tmp_path / "backups"
        out.mkdir()
        proc = cli("db", "backup", "--out", str(out / "town.dump"), "--db",
                   url.render_as_string(hide_password=False))  # fmt: skip
        assert proc.returncode != 0 and "pg_dump" in proc.stderr, proc.stderr
        assert "permission denied" in proc.stderr and "Traceback" not in proc.stderr
        assert list(out.iterdir()) == []
    finally:
        with _pg_admin() as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')
