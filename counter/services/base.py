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

import json
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter import clock
from counter.errors import DatabaseUnavailable, NotFound, PermissionDenied
from db.engine import make_engine, make_session_factory
from db.models import AuditLog, ChangeLog, Hall

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "counter_changes"
# Change types a public PC (kiosk, hall and window displays) may hear about in full. Any other
# change (cases, evaluations, appointments with their check-in codes, staff ...) is announced on
# the shared channel by id and type only; listeners read the rest from the change log, where
# row-level security (counter db roles) hides it from the public PCs' database roles.
PUBLIC_CHANGE_PREFIXES = (
    "ticket.",
    "window.",
    "queue.",
    "hall.",
    "calendar.",
    "catalogue.",
    "display.",
    "kiosk.",
)


def is_public_change(type_: str) -> bool:
    return type_.startswith(PUBLIC_CHANGE_PREFIXES)


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


@dataclass(frozen=True)
class Change:
    """A small event saying what a committed write changed (``ticket.called``, ``case.accepted``)."""

    type: str
    hall_id: int | None
    payload: dict[str, Any] = field(default_factory=dict)
    at: str = ""
    id: int | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "type": self.type,
                "hall_id": self.hall_id,
                "at": self.at,
                **self.payload,
            },
            ensure_ascii=False,
            default=str,
        )


class Runtime:
    """The wired core of one process: engine, session factory and database URL."""

    def __init__(self, url: str, *, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self.sessions: sessionmaker[Session] = make_session_factory(self.engine)
        self.host = socket.gethostname()

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """One transaction: commits on success, rolls back on any error.

        A lost connection surfaces as :class:`DatabaseUnavailable` so the UI can say so and retry.
        """
        try:
            with self.sessions.begin() as session:
                yield session
        except OperationalError as exc:
            log.warning("database unavailable: %s", exc)
            raise DatabaseUnavailable(str(exc.orig) if exc.orig else None) from exc
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise DatabaseUnavailable(str(exc.orig)) from exc
            raise

    def hall_id(self, code: str | None = None) -> int:
        """The id of the hall with ``code``, or of the first hall when no code is given."""
        with self.unit() as s:
            q = select(Hall.id).order_by(Hall.id)
            if code:
                q = q.where(Hall.code == code)
            hid = s.scalars(q.limit(1)).first()
        if hid is None:
            raise NotFound(what=f"便民服务中心 {code or ''}".strip())
        return int(hid)

    def dispose(self) -> None:
        self.engine.dispose()


def emit(session: Session, change: Change) -> Change:
    """Record ``change`` in the change log and, on PostgreSQL, ``NOTIFY`` it — both inside the
    caller's transaction, so listeners hear only of committed work. Returns it with id and time."""
    at = clock.now()
    hall_id = change.hall_id or None  # 0: a town-wide change (system actor without a hall)
    row = ChangeLog(at=at, hall_id=hall_id, type=change.type, payload=change.payload)
    session.add(row)
    session.flush()
    done = Change(
        type=change.type, hall_id=hall_id, payload=change.payload, at=at.isoformat(), id=row.id
    )
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        payload = done.to_json()
        # NOTIFY payloads are limited to 8000 bytes; LISTEN needs no privilege, so a change
        # that is not public travels without its payload (the listener reads the row).
        if not is_public_change(change.type) or len(payload.encode()) > 7900:
            payload = json.dumps(
                {
                    "id": row.id,
                    "type": change.type,
                    "hall_id": hall_id,
                    "at": done.at,
                    "truncated": True,
                }
            )
        session.execute(text("SELECT pg_notify(:ch, :p)"), {"ch": NOTIFY_CHANNEL, "p": payload})
    return done


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
    raise PermissionDenied(role="、".join(ROLE_NAMES_ZH.get(r, r) for r in roles))
