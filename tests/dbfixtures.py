"""Database fixtures: every integration test runs on SQLite and on PostgreSQL.

A migrated (and, for ``hall_url``, demo-seeded) template is built once per test session and
backend; each test then gets a private copy: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE``
on PostgreSQL. Under CI (``CI`` set) an unreachable PostgreSQL fails the run instead of skipping.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("COUNTER_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_admin():  # type: ignore[no-untyped-def]
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(PG_ADMIN_URL)
    return psycopg.connect(
        host=u.host or "127.0.0.1",
        port=u.port or 5432,
        user=u.username or "postgres",
        password=u.password,
        dbname=u.database or "postgres",
        autocommit=True,
        connect_timeout=5,
    )


def pg_available() -> bool:
    try:
        with _pg_admin():
            return True
    except Exception:
        return False


def _pg_url(dbname: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_ADMIN_URL).set(database=dbname).render_as_string(hide_password=False)


def require_pg() -> None:
    if not pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI but {PG_ADMIN_URL} does not answer")
        pytest.skip("PostgreSQL not reachable (set COUNTER_TEST_PG_URL)")


def _drop_pg(dbname: str) -> None:
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


class Templates:
    """Builds each template once per session (per xdist worker)."""

    def __init__(self, tmpdir: Path, worker: str) -> None:
        self.tmpdir = tmpdir
        self.worker = worker
        self.built: dict[tuple[str, str], str] = {}
        self.pg_dbs: list[str] = []

    def template(self, backend: str, kind: str, build: Callable[[str], None]) -> str:
        key = (backend, kind)
        if key in self.built:
            return self.built[key]
        if backend == "sqlite":
            path = self.tmpdir / f"template-{kind}.sqlite3"
            url = f"sqlite:///{path}"
            build(url)
            self._checkpoint(url)
            self.built[key] = str(path)
        else:
            name = f"counter_tpl_{kind}_{self.worker}_{uuid.uuid4().hex[:6]}"
            _drop_pg(name)
            with _pg_admin() as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            self.pg_dbs.append(name)
            build(_pg_url(name))
            self.built[key] = name
        return self.built[key]

    @staticmethod
    def _checkpoint(url: str) -> None:
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()

    def copy(self, backend: str, template: str, dest_dir: Path) -> tuple[str, Callable[[], None]]:
        if backend == "sqlite":
            path = dest_dir / f"db-{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copy2(template, path)
            return f"sqlite:///{path}", lambda: None
        name = f"counter_t_{self.worker}_{uuid.uuid4().hex[:10]}"
        with _pg_admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self.pg_dbs.append(name)
        return _pg_url(name), lambda: _drop_pg(name)

    def cleanup(self) -> None:
        for name in self.pg_dbs:
            with contextlib.suppress(Exception):
                _drop_pg(name)


def build_empty(url: str) -> None:
    from db.migrate import upgrade

    upgrade(url)


def build_hall(url: str) -> None:
    from counter.demo.hall import seed_demo

    build_empty(url)
    seed_demo(url, with_activity=False)


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("templates"), worker_id)
    yield t
    t.cleanup()


def _db(
    request: pytest.FixtureRequest,
    templates: Templates,
    tmp_path: Path,
    kind: str,
    build: Callable[[str], None],
) -> Iterator[str]:
    backend = request.param
    if backend == "pg":
        require_pg()
    tpl = templates.template(backend, kind, build)
    url, drop = templates.copy(backend, tpl, tmp_path)
    yield url
    from sqlalchemy import Engine  # noqa: F401  (keep import cost out of unit-only runs)

    drop()


BACKENDS = ["sqlite", pytest.param("pg", marks=pytest.mark.pg)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, _templates: Templates, tmp_path: Path) -> Iterator[str]:
    """An empty, migrated database (SQLite file or PostgreSQL database), private to the test."""
    yield from _db(request, _templates, tmp_path, "empty", build_empty)


@pytest.fixture(params=BACKENDS)
def hall_url(
    request: pytest.FixtureRequest, _templates: Templates, tmp_path: Path
) -> Iterator[str]:
    """A database holding the demo hall (catalogue, windows, queues, staff), no activity."""
    yield from _db(request, _templates, tmp_path, "hall", build_hall)


@pytest.fixture(params=[pytest.param("pg", marks=pytest.mark.pg)])
def pg_url(request: pytest.FixtureRequest, _templates: Templates, tmp_path: Path) -> Iterator[str]:
    """An empty, migrated PostgreSQL database (for behaviour only PostgreSQL has)."""
    yield from _db(request, _templates, tmp_path, "empty", build_empty)


@pytest.fixture(params=[pytest.param("pg", marks=pytest.mark.pg)])
def pg_hall_url(
    request: pytest.FixtureRequest, _templates: Templates, tmp_path: Path
) -> Iterator[str]:
    """The demo hall on PostgreSQL only."""
    yield from _db(request, _templates, tmp_path, "hall", build_hall)


@pytest.fixture(params=["sqlite"])
def sqlite_hall_url(
    request: pytest.FixtureRequest, _templates: Templates, tmp_path: Path
) -> Iterator[str]:
    """The demo hall on SQLite only (behaviour only SQLite has, or a path tested once)."""
    yield from _db(request, _templates, tmp_path, "hall", build_hall)
