"""What every service function stands on: the runtime, the acting person, units of work,
role checks, audit entries and change events.

Contract of a service function (one per user action):
- it takes the :class:`Runtime` and the :class:`Actor`, opens exactly one unit of work
  (:meth:`Runtime.unit`), checks the actor's role with :func:`require_role`, does the work,
  commits, and returns plain frozen dataclasses (never live ORM objects);
- a write records what changed with :func:`emit` inside the same transaction, so the change log
  (SQLite, polled) and ``NOTIFY`` (PostgreSQL, pushed) only ever announce committed work;
- a refusal is a typed :class:`counter.errors.CounterError`.
"""

from __future__ import annotations

import logging
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter import clock
from counter.errors import (
    REPORTED,
    Bi,
    ConfigError,
    CounterError,
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseError,
    DatabaseNotInitialised,
    DatabaseReadOnly,
    DatabaseUnavailable,
    DiskFull,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from db.engine import READ_ONLY, make_engine, make_session_factory
from db.models import AuditLog, Hall

log = logging.getLogger(__name__)

_COMMITS = 0

# :attr:`Runtime.connect_retries` of new runtimes (the CLI sets a few; see :mod:`counter.cli`).
DEFAULT_CONNECT_RETRIES: tuple[float, ...] = ()


def commits_so_far() -> int:
    """How many writing units committed in this process (the CLI repeats a command whose
    connection dropped only when none did: nothing can then be done twice)."""
    return _COMMITS


# Roles (角色). A person may hold several.
CLERK = "clerk"  # 窗口人员
REVIEWER = "reviewer"  # 后台审核人员
SEAL_KEEPER = "seal_keeper"  # 印章管理员
MANAGER = "manager"  # 大厅管理员
ADMIN = "admin"  # 系统管理员
ROLES = (CLERK, REVIEWER, SEAL_KEEPER, MANAGER, ADMIN)
ROLE_NAMES_ZH = {
    CLERK: "窗口人员",
    REVIEWER: "后台审核人员",
    SEAL_KEEPER: "印章管理员",
    MANAGER: "大厅管理员",
    ADMIN: "系统管理员",
}
ROLE_NAMES_EN = {
    CLERK: "window clerk",
    REVIEWER: "back-office reviewer",
    SEAL_KEEPER: "seal keeper",
    MANAGER: "hall manager",
    ADMIN: "administrator",
}


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in staff member, or a device of the hall (kiosk, screen, system)."""

    hall_id: int
    staff_id: int | None = None
    staff_no: str = ""
    name: str = ""
    roles: frozenset[str] = frozenset()
    window_id: int | None = None
    device: str = ""  # "kiosk", "display", "system" for actors that are not a person

    def has(self, role: str) -> bool:
        return role in self.roles

    @classmethod
    def system(cls, hall_id: int, device: str = "system") -> Actor:
        """An actor for the hall's own devices and scripts (kiosk, CLI): it holds every role."""
        return cls(hall_id=hall_id, roles=frozenset(ROLES), device=device, name=device)


class Runtime:
    """The wired core of one process: engine, session factory and database URL."""

    def __init__(self, url: str, *, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self.sessions: sessionmaker[Session] = make_session_factory(self.engine)
        self.read_sessions: sessionmaker[Session] = make_session_factory(
            self.engine.execution_options(**{READ_ONLY: True})
        )
        self.host = socket.gethostname()
        self._autocommit: Engine | None = None
        # Seconds to wait before each new attempt to connect (see :meth:`_connect`); none by
        # default: the window client reconnects by itself, the CLI sets a few.
        self.connect_retries: tuple[float, ...] = DEFAULT_CONNECT_RETRIES

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def unit(self, *, read_only: bool = False) -> Iterator[Session]:
        """One transaction: commits on success, rolls back on any error.

        ``read_only``: the unit only reads (a screen's refresh, a report): on SQLite it begins
        with a plain ``BEGIN`` and never waits for the write lock. A lost connection surfaces as
        :class:`DatabaseUnavailable` so the UI can say so and retry. Nothing of the statement or
        its parameters (they may hold names and ID numbers) reaches the log or the error.
        """
        factory = self.read_sessions if read_only else self.sessions
        connected = committing = False
        try:
            with factory.begin() as session:
                self._connect(session)
                connected = True
                yield session
                committing = not read_only
        except DBAPIError as exc:
            error = translate_db_error(exc)
            if isinstance(error, DatabaseUnavailable):
                error.outcome_unknown = committing
                error.attempts = 0 if connected else len(self.connect_retries)
            raise error from None
        except OverflowError:
            # SQLite's driver refuses a Python int beyond 64 bits before sending it (an id or
            # window number typed as 99999999999999999999): the input's fault, not a bug.
            raise InvalidInput(Bi("数值超出范围", "a number is out of range")) from None
        if not read_only:
            global _COMMITS
            _COMMITS += 1

    def _connect(self, session: Session) -> None:
        """Take the unit's connection now, trying again after each of :attr:`connect_retries`
        seconds while the database cannot be reached: nothing has been sent yet, so a retry
        can never do anything twice."""
        for delay in self.connect_retries:
            try:
                session.connection()
                return
            except OperationalError as exc:
                if not isinstance(translate_db_error(exc), DatabaseUnavailable):
                    raise
                log.info("database unreachable; trying again in %.1f s", delay)
                time.sleep(delay)
        session.connection()

    @contextmanager
    def statement(self) -> Iterator[Connection]:
        """A connection for ONE statement that commits by itself (PostgreSQL autocommit: one
        round trip, no BEGIN or COMMIT). Only for a statement that is a whole unit of work on its
        own (the window's "next", see :mod:`counter.services.calling`). Errors as :meth:`unit`."""
        if self._autocommit is None:
            self._autocommit = (
                self.engine.execution_options(isolation_level="AUTOCOMMIT")
                if not self.is_postgres
                else make_engine(self.url, isolation_level="AUTOCOMMIT", pool_size=4)
            )
        try:
            with self._autocommit.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise translate_db_error(exc) from None
        except OverflowError:
            raise InvalidInput(Bi("数值超出范围", "a number is out of range")) from None
        global _COMMITS
        _COMMITS += 1

    def hall_id(self, code: str | None = None) -> int:
        """The id of the hall with ``code``, or of the first hall when no code is given.

        A read-only unit: it may be asked inside a writing unit, which on SQLite holds the
        write lock from its first moment."""
        with self.unit(read_only=True) as s:
            q = select(Hall.id).order_by(Hall.id)
            if code:
                q = q.where(Hall.code == code)
            hid = s.scalars(q.limit(1)).first()
        if hid is None:
            raise NotFound(
                what=Bi(f"便民服务中心 {code or ''}".strip(), f"hall {code or ''}".strip())
            )
        return int(hid)

    def dispose(self) -> None:
        if self._autocommit is not None:
            self._autocommit.dispose()
        self.engine.dispose()


def describe_db_error(exc: DBAPIError) -> str:
    """What went wrong with the database, safe for a log line or a message: the driver's error
    class and SQLSTATE, never the statement, its parameters or the server's detail text (a
    unique violation's detail repeats the key's values)."""
    orig = exc.orig
    name = type(orig).__name__ if orig is not None else type(exc).__name__
    sqlstate = getattr(orig, "sqlstate", None)
    return f"{name} ({sqlstate})" if sqlstate else name


_SQLITE_KINDS = (
    ("readonly", DatabaseReadOnly),
    ("read-only", DatabaseReadOnly),
    ("disk is full", DiskFull),
    ("malformed", DatabaseCorrupt),
    ("not a database", DatabaseCorrupt),
    ("locked", DatabaseBusy),
    ("busy", DatabaseBusy),
)


def translate_db_error(exc: DBAPIError) -> CounterError:
    """The typed error a person reads for a database failure, logged once without the
    statement's values: a lost connection (:class:`DatabaseUnavailable`, the UI reconnects), a
    read-only, full, damaged or busy SQLite file, a database without the program's tables
    (:class:`DatabaseNotInitialised`), or a refusal (:class:`DatabaseError`)."""
    what = describe_db_error(exc)
    orig = exc.orig
    sqlstate = str(getattr(orig, "sqlstate", "") or "")
    message = str(orig).lower() if orig is not None else ""
    if sqlstate in ("42P01", "42703") or (
        isinstance(orig, sqlite3.Error) and message.startswith(("no such table", "no such column"))
    ):
        # An undefined table or column: never migrated, or older than the program.
        log.warning("database not initialised or out of date: %s", what, extra=REPORTED)
        return DatabaseNotInitialised(what)
    if isinstance(orig, sqlite3.Error):
        for needle, kind in _SQLITE_KINDS:
            if needle in message:
                log.warning("database: %s (%s)", kind.code, what, extra=REPORTED)
                return kind(what)
        if "unable to open" in message:
            log.warning("database unavailable: %s", what, extra=REPORTED)
            return DatabaseUnavailable(
                Bi(
                    "无法打开数据库文件：请检查文件所在的文件夹（或网络共享）是否存在、可以写入",
                    "cannot open the database file: check that its folder (or network share) "
                    "exists and can be written",
                )
            )
    elif sqlstate == "53100":
        log.warning("database: disk full (%s)", what, extra=REPORTED)
        return DiskFull(what)
    elif sqlstate.startswith("22") or "nul (0x00)" in message:
        # A data exception: the value itself (a NUL character, text longer than its column, a
        # number out of range) — the caller's input, said as such.
        log.warning("database: value refused (%s)", what, extra=REPORTED)
        return InvalidInput(field=_data_exception(sqlstate, message))
    if exc.connection_invalidated or (
        isinstance(exc, OperationalError) and (not sqlstate or sqlstate.startswith(("08", "57")))
    ):
        no_password = _keyring_reason(message)
        if no_password is not None:
            return no_password
        log.warning("database unavailable: %s", what, extra=REPORTED)
        return DatabaseUnavailable(what)
    first_line = (exc.statement or "").strip().split("\n", 1)[0][:80]
    log.warning("database refused a statement: %s [%s]", what, first_line)
    return DatabaseError(what)


def _keyring_reason(message: str) -> CounterError | None:
    """The server asked for a password this process did not have because the keyring could
    not give it (:func:`counter.config.keyring_problem`): that refusal, said now that it
    matters; None otherwise."""
    from counter.config import keyring_problem

    problem = keyring_problem()
    if problem is None or "no password supplied" not in message:
        return None
    log.warning("no database password from the keyring: %s", problem.code, extra=REPORTED)
    return ConfigError(
        Bi(
            "数据库要求密码，但没有从密钥环取得：" + problem.message_zh,
            "the database asks for a password and none came from the keyring: "
            + problem.message_en,
        )
    )


def _data_exception(sqlstate: str, message: str) -> Bi:
    if "nul" in message and "0x00" in message:
        return Bi("文字不能含空字符（NUL）", "text must not contain a NUL character")
    if sqlstate == "22001":
        return Bi("文字过长", "text too long")
    if sqlstate == "22003":
        return Bi("数字超出范围", "number out of range")
    return Bi("数据格式无效", "malformed value")


_SECRET_READABLE: dict[str, bool] = {}


def hall_key(session: Session, hall: Hall) -> bytes | None:
    """The hall's key for :func:`counter.domain.masking.id_hash`, or None when this database
    login may not read it (the kiosk's role on PostgreSQL: a public PC never holds the key, so
    its tickets carry the masked name without a hash). Asked once per database and login."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        key = bind.engine.url.render_as_string(hide_password=True)
        if key not in _SECRET_READABLE:
            _SECRET_READABLE[key] = bool(
                session.execute(
                    text("SELECT has_column_privilege('hall', 'secret', 'SELECT')")
                ).scalar()
            )
        if not _SECRET_READABLE[key]:
            return None
    return hall.secret.encode()


def audit(
    session: Session,
    actor: Actor | None,
    action: str,
    target: str = "",
    host: str = "",
    **detail: Any,
) -> None:
    """Append an audit entry inside the caller's transaction."""
    session.add(
        AuditLog(
            at=clock.now(),
            hall_id=(actor.hall_id or None) if actor else None,
            staff_id=actor.staff_id if actor else None,
            staff_no=actor.staff_no if actor else "",
            action=action,
            target=target[:120],
            host=host[:80],
            detail=detail,
        )
    )


def require_role(rt: Runtime, actor: Actor, *roles: str) -> None:
    """Refuse unless ``actor`` holds one of ``roles``; a refusal is audited in its own
    transaction (so it survives the caller's rollback)."""
    if any(actor.has(r) for r in roles):
        return
    with rt.unit() as s:
        audit(s, actor, "permission_denied", ",".join(roles), host=rt.host)
    raise PermissionDenied(
        role=Bi(
            "、".join(ROLE_NAMES_ZH.get(r, r) for r in roles),
            " or ".join(ROLE_NAMES_EN.get(r, r) for r in roles),
        )
    )
