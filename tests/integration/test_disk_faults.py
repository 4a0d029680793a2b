"""A full disk and a read-only SQLite file: the core says which, in both languages, and the
database is left whole (SQLite rolls the transaction back; ``integrity_check`` stays ``ok``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from counter.errors import DatabaseReadOnly, DatabaseUnavailable, DiskFull
from counter.services import tickets
from counter.services.base import Actor, Runtime
from tests.integration.test_queue_support import relax_hall


def _integrity(path: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def full_disk(sqlite_hall_url: str) -> Iterator[tuple[Runtime, int, str]]:
    """A runtime whose every connection may not grow the file by one page: a full disk."""
    hall_id = relax_hall(sqlite_hall_url)
    rt = Runtime(sqlite_hall_url)

    @event.listens_for(rt.engine, "connect")
    def _no_room(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    yield rt, hall_id, sqlite_hall_url.removeprefix("sqlite:///")
    rt.dispose()


def test_a_full_disk_is_said_and_the_database_stays_whole(
    full_disk: tuple[Runtime, int, str],
) -> None:
    rt, hall_id, path = full_disk
    kiosk = Actor.system(hall_id, device="kiosk")
    with pytest.raises(DiskFull) as info:
        for _ in range(2000):  # until the pages free in the file are used up
            tickets.issue_ticket(rt, kiosk, "A")
    assert "磁盘空间已满" in info.value.message_zh and "disk is full" in info.value.message_en
    assert not isinstance(info.value, DatabaseUnavailable)
    rt.dispose()
    assert _integrity(path) == "ok"


def test_a_read_only_file_is_said_and_left_alone(sqlite_hall_url: str) -> None:
    hall_id = relax_hall(sqlite_hall_url)
    path = sqlite_hall_url.removeprefix("sqlite:///")
    before = open(path, "rb").read()  # noqa: SIM115
    rt = Runtime(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with pytest.raises(DatabaseReadOnly) as info:
            tickets.issue_ticket(rt, Actor.system(hall_id, device="kiosk"), "A")
    finally:
        rt.dispose()
    assert "只读" in info.value.message_zh and "read-only" in info.value.message_en
    assert "connection" not in info.value.message_en
    assert open(path, "rb").read() == before  # noqa: SIM115
    assert _integrity(path) == "ok"
