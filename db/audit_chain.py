"""The hash chain of the audit log (审计日志哈希链).

Every ``audit_log`` row carries ``seq`` (1, 2, 3 … without gaps), ``prev_hash`` (the previous
row's ``row_hash``; :data:`GENESIS` for the first) and ``row_hash`` = SHA-256 over ``prev_hash``
and the row's canonical content (:func:`canonical`). A row changed, removed or slipped in with
SQL behind the application's back breaks the chain at that row, which
:mod:`counter.services.audit` walks and reports.

The chain is filled in by a ``before_insert`` hook on the model, so every way the application
adds an audit row (``counter.services.base.audit`` and any other) is chained. The hook locks the
single :class:`~db.models.AuditChain` head row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
writers are already serialised by ``BEGIN IMMEDIATE``), takes the next number and the last hash
from it and writes the new ones back; the lock is held until the transaction ends, so appends
from many PCs at once still form one chain, in commit order.

The hash is not keyed: anyone who may rewrite the table could recompute every later hash. What
the chain proves is that the rows agree with the head; the head's hash, printed by
``counter audit verify``, can be written down elsewhere (a daily report) to pin the past.
Pure hashing lives here (not in ``counter``) because the migration that adds the chain hashes
the rows already there with the very same function.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.engine import Connection

__all__ = ["GENESIS", "canonical", "chain_hash", "install", "normalise_detail"]

GENESIS = "0" * 64
HEAD_ID = 1


def normalise_detail(detail: Mapping[str, Any] | None) -> dict[str, Any]:
    """``detail`` as it reads back from the JSON column (tuples become lists, keys strings)."""
    return dict(json.loads(json.dumps(dict(detail or {}), ensure_ascii=False, default=str)))


def _at(value: dt.datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive UTC through raw SQL
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical(
    *,
    seq: int,
    at: dt.datetime,
    hall_id: int | None,
    staff_id: int | None,
    staff_no: str,
    action: str,
    target: str,
    host: str,
    detail: Mapping[str, Any] | None,
) -> bytes:
    """The bytes a row's hash covers: every column but ``id`` and the hashes, as sorted JSON."""
    return json.dumps(
        {
            "seq": int(seq),
            "at": _at(at),
            "hall_id": None if hall_id is None else int(hall_id),
            "staff_id": None if staff_id is None else int(staff_id),
            "staff_no": staff_no or "",
            "action": action,
            "target": target or "",
            "host": host or "",
            "detail": normalise_detail(detail),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def chain_hash(prev_hash: str, content: bytes) -> str:
    """``row_hash`` of a row whose predecessor's hash is ``prev_hash``."""
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + content).hexdigest()


def install(audit_log: Any, audit_chain: Any) -> None:
    """Register the ``before_insert`` hook on the ``AuditLog`` model (called once, by
    :mod:`db.models`)."""

    @event.listens_for(audit_log, "before_insert")
    def _chain(_mapper: Any, connection: Connection, target: Any) -> None:
        head = connection.execute(
            select(audit_chain.last_seq, audit_chain.last_hash)
            .where(audit_chain.id == HEAD_ID)
            .with_for_update()
        ).first()
        if head is None:  # a database made without the migration's head row
            connection.execute(
                insert(audit_chain).values(id=HEAD_ID, last_seq=0, last_hash=GENESIS)
            )
            last_seq, last_hash = 0, GENESIS
        else:
            last_seq, last_hash = int(head[0]), str(head[1])
        target.staff_no = target.staff_no or ""
        target.target = target.target or ""
        target.host = target.host or ""
        target.detail = normalise_detail(target.detail)
        target.seq = last_seq + 1
        target.prev_hash = last_hash
        target.row_hash = chain_hash(
            last_hash,
            canonical(
                seq=target.seq,
                at=target.at,
                hall_id=target.hall_id,
                staff_id=target.staff_id,
                staff_no=target.staff_no,
                action=target.action,
                target=target.target,
                host=target.host,
                detail=target.detail,
            ),
        )
        connection.execute(
            update(audit_chain)
            .where(audit_chain.id == HEAD_ID)
            .values(last_seq=target.seq, last_hash=target.row_hash, updated_at=target.at)
        )
