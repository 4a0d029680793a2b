"""Engines and sessions for both backends.

SQLite (the embedded single-PC default) runs in WAL mode with foreign keys on, and every
writing transaction starts with ``BEGIN IMMEDIATE``: a writer takes the write lock at the start,
so two "call next" on one file cannot both read the same waiting ticket (the database, not luck,
decides). A connection asked for with the execution option ``counter_read_only=True``
(:data:`READ_ONLY`) begins with a plain ``BEGIN`` instead: readers never wait for the write lock.

PostgreSQL uses psycopg 3. A pooled connection is checked on checkout *without a round trip*:
a connection the server has closed (restart, ``pg_terminate_backend``) has its socket readable
(the server's farewell or EOF), so it is replaced before use; a pre-ping would cost one round
trip on every user action. Statement parameters never appear in logs or error texts
(``hide_parameters``): they may hold personal data.
"""

from __future__ import annotations

import select
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

# Execution option of a connection that only reads (see the module docstring).
READ_ONLY = "counter_read_only"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and pick the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def is_sqlite(engine_or_url: Engine | str) -> bool:
    name = (
        engine_or_url.dialect.name
        if isinstance(engine_or_url, Engine)
        else make_url(engine_or_url).get_backend_name()
    )
    return name == "sqlite"


def make_engine(url: str, *, echo: bool = False, **kwargs: Any) -> Engine:
    """Create an engine configured for this product (see the module docstring)."""
    url = normalise_url(url)
    if is_sqlite(url):
        kwargs.setdefault("hide_parameters", True)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": 30, "check_same_thread": False},
            **kwargs,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if make_url(url).database not in (None, "", ":memory:"):
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            read_only = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, echo=echo, **kwargs)

    @event.listens_for(engine, "checkout")
    def _pg_checkout(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        if not connection_alive(dbapi_conn):
            raise DisconnectionError("the server closed this pooled connection")

    return engine


def connection_alive(dbapi_conn: Any) -> bool:
    """Whether a pooled psycopg connection is still usable, decided without a round trip.

    An idle connection has nothing to read; a readable socket means the server said something
    unasked — an error before closing, or EOF — so the connection is dead. (A connection that
    LISTENs is never pooled here, so no notification can be mistaken for a farewell.)"""
    try:
        if dbapi_conn.closed or dbapi_conn.broken:
            return False
        fd = dbapi_conn.fileno()
        readable, _w, _x = select.select([fd], [], [], 0)
    except Exception:  # noqa: BLE001 - anything odd about the socket: take a new connection
        return False
    return not readable


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit: services return plain data built inside
    the unit of work, but a value read right after commit must not trigger a new query.

    Each session also holds a strong reference to every object it loads, until it closes
    (SQLAlchemy's "strong reference session" recipe). A unit of work is one user action, short
    and small; without this, an object a helper loaded and let go (the applicant, the clerk,
    the window) drops out of the weak identity map and the next ``Session.get`` of it in the
    same action costs another round trip to the database."""
    factory = sessionmaker(engine, expire_on_commit=False)
    _keep_loaded_objects(factory)
    return factory


def _keep_loaded_objects(factory: sessionmaker[Session]) -> None:
    def keep(session: Session, instance: object) -> None:
        session.info.setdefault("_loaded", set()).add(instance)

    def drop(session: Session, instance: object) -> None:
        session.info.get("_loaded", set()).discard(instance)

    for name in ("pending_to_persistent", "deleted_to_persistent", "detached_to_persistent",
                 "loaded_as_persistent"):  # fmt: skip
        event.listen(factory, name, keep)
    for name in ("persistent_to_detached", "persistent_to_deleted", "persistent_to_transient"):
        event.listen(factory, name, drop)
