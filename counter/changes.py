"""Change events (变更事件): the one type that says what a committed write changed, and the one
writer of the change log.

A write announces what it changed with :func:`emit` inside its own transaction: a row in
``change_log`` (every backend; SQLite screens poll it) and, on PostgreSQL, a ``NOTIFY`` on
:data:`NOTIFY_CHANNEL` in the same statement, so listeners hear only of committed work. A
statement that must do everything in one round trip (the window's "next", see
:mod:`counter.services.calling`) embeds the very same SQL through :func:`pg_change_log_sql`.

The same :class:`Change` comes back to every screen through :mod:`counter.events`: a screen that
made a change remembers its ``id`` and skips it when it comes back.

Payloads say what changed — type, ticket number, window number, queue prefix, counts with their
versions, time — and never carry a name or an ID number.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from counter import clock
from db.models import ChangeLog

__all__ = [
    "NOTIFY_CHANNEL",
    "NOTIFY_LIMIT",
    "PUBLIC_CHANGE_PREFIXES",
    "Change",
    "emit",
    "is_public_change",
    "pg_change_log_sql",
]

NOTIFY_CHANNEL = "counter_changes"
# PostgreSQL limits a NOTIFY payload to 8000 bytes; above this the notification says only which
# row to read ("truncated": true) and the listener reads it from the change log.
NOTIFY_LIMIT = 7900
_ENVELOPE = ("id", "type", "hall_id", "at", "truncated")
# Change types a public PC (kiosk, hall and window displays) may hear about in full. Any other
# change (cases, evaluations, appointments with their check-in codes, staff ...) is announced on
# the shared channel by id and type only — LISTEN needs no privilege — and listeners read the
# rest from the change log, where row-level security (counter db roles) hides it from the
# public PCs' database roles.
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


@dataclass(frozen=True)
class Change:
    """One change: ``type`` (``ticket.called``, ``case.accepted`` …), the hall it concerns
    (``None``: town-wide), what it says (``payload``), and — once written — its change-log
    ``id`` and time ``at`` (ISO 8601, UTC)."""

    type: str
    hall_id: int | None
    payload: Mapping[str, Any] = field(default_factory=dict)
    at: str = ""
    id: int | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.payload.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.payload,
            "id": self.id,
            "type": self.type,
            "hall_id": self.hall_id,
            "at": self.at,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, default=str)

    @classmethod
    def from_notification(cls, data: Mapping[str, Any]) -> Change:
        """A change from a ``NOTIFY`` payload (the envelope keys around the payload)."""
        hall = data.get("hall_id")
        return cls(
            type=str(data["type"]),
            hall_id=int(hall) if hall is not None else None,
            payload={k: v for k, v in data.items() if k not in _ENVELOPE},
            at=str(data.get("at", "")),
            id=int(data["id"]),
        )

    @classmethod
    def from_row(cls, row: Iterable[Any]) -> Change:
        """A change from a ``change_log`` row ``(id, at, hall_id, type, payload)``."""
        id_, at, hall_id, type_, payload = row
        if isinstance(payload, str | bytes):
            payload = json.loads(payload)
        return cls(
            type=str(type_),
            hall_id=int(hall_id) if hall_id is not None else None,
            payload=dict(payload or {}),
            at=_iso(at),
            id=int(id_),
        )


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return str(value.astimezone(dt.UTC).isoformat())
    if isinstance(value, str):  # SQLite: naive UTC text
        try:
            return _iso(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def pg_change_log_sql(*, at: str, hall_id: str, type_: str, payload: str, source: str = "") -> str:
    """The SQL of the change-log writer on PostgreSQL, as two CTEs to put in a ``WITH``:
    ``cl`` inserts the row and ``cl_notify`` sends the notification (its column ``notified``
    must be selected by the statement, or PostgreSQL skips it).

    Each argument is a SQL expression: ``at`` (timestamptz), ``hall_id`` (bigint or NULL),
    ``type_`` (text), ``payload`` (jsonb); ``source`` is an optional ``FROM`` list the
    expressions read (a CTE of the caller's); without it one row is written."""
    src = f" FROM {source}" if source else ""
    public = " OR ".join(f"cl.type LIKE '{p}%'" for p in PUBLIC_CHANGE_PREFIXES)
    envelope = (
        "jsonb_build_object('id', cl.id, 'type', cl.type, 'hall_id', cl.hall_id, "
        "'at', to_char(cl.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"'))"
    )
    return f"""cl AS (
    INSERT INTO change_log (at, hall_id, type, payload)
    SELECT {at}, {hall_id}, {type_}, CAST({payload} AS json){src}
    RETURNING id, at, hall_id, type, CAST(payload AS jsonb) AS payload
),
cl_notify AS (
    SELECT cl.id, pg_notify('{NOTIFY_CHANNEL}', CASE
        WHEN ({public})
             AND octet_length(CAST({envelope} || cl.payload AS text)) <= {NOTIFY_LIMIT}
        THEN CAST({envelope} || cl.payload AS text)
        ELSE CAST({envelope} || jsonb_build_object('truncated', true) AS text)
    END) AS notified
    FROM cl
)"""


_PG_EMIT = text(
    "WITH "
    + pg_change_log_sql(
        at="CAST(:at AS timestamptz)",
        hall_id="CAST(:hall_id AS bigint)",
        type_="CAST(:type AS text)",
        payload="CAST(:payload AS jsonb)",
    )
    + " SELECT cl_notify.id, cl_notify.notified FROM cl_notify"
)


def emit(session: Session, change: Change) -> Change:
    """Write ``change`` to the change log (and ``NOTIFY`` it on PostgreSQL) inside the caller's
    transaction, in one statement; returns it with its id and time. A ``hall_id`` of 0 is a
    town-wide change (a system actor without a hall)."""
    at = clock.now()
    hall_id = change.hall_id or None
    payload = dict(change.payload)
    if session.get_bind().dialect.name == "postgresql":
        row = session.execute(
            _PG_EMIT,
            {
                "at": at,
                "hall_id": hall_id,
                "type": change.type,
                "payload": json.dumps(payload, ensure_ascii=False, default=str),
            },
        ).one()
        new_id = int(row[0])
    else:
        new_id = int(
            session.execute(
                insert(ChangeLog)
                .values(at=at, hall_id=hall_id, type=change.type, payload=payload)
                .returning(ChangeLog.id)
            ).scalar_one()
        )
    return Change(change.type, hall_id, payload, at=at.astimezone(dt.UTC).isoformat(), id=new_id)
