"""The window's actions as ONE PostgreSQL statement each (autocommit: one round trip).

"Next" (finish + call + the window's new state), recall, start, park, finish and resume are
each a single statement of CTEs: lock the window and its ticket, update them, write the ticket
event and the change log (with its ``NOTIFY``), and read back the window as its clerk sees it,
as JSON. This module holds those statements and turns their JSON into the same frozen views
the step-by-step path (:mod:`counter.services.calling`) returns. ``None`` from an action means
it did not apply as things stand (nothing written): the step-by-step path then says why.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter.changes import Change, pg_change_log_sql
from counter.domain.queue import APPOINTMENT_DEPTH, CANDIDATE_DEPTH, estimate_wait_minutes
from counter.errors import Bi, NotFound
from counter.services.base import Actor
from counter.services.queue_state import (
    ParkedTicket,
    QueueLine,
    TicketResult,
    TicketView,
    WindowState,
    average_service,
)

__all__ = [
    "PG_NEXT",
    "as_json",
    "pg_ticket_action",
    "pg_window_state",
    "state_from_json",
    "ticket_from_json",
]


def _ticket_json(a: str) -> str:
    """A ticket row ``a`` (a table alias or a CTE with the ticket's columns) as JSON, with the
    prefixes and window numbers a :class:`TicketView` holds."""
    return f"""json_build_object(
        'id', {a}.id, 'number', {a}.number,
        'queue', (SELECT prefix FROM queue WHERE id = {a}.queue_id),
        'issue_queue', (SELECT prefix FROM queue WHERE id = {a}.issue_queue_id),
        'state', {a}.state, 'source', {a}.source, 'priority_reason', {a}.priority_reason,
        'window', (SELECT number FROM service_window WHERE id = {a}.window_id),
        'target_window', (SELECT number FROM service_window WHERE id = {a}.target_window_id),
        'day', {a}.day, 'issued_at', {a}.issued_at, 'queued_at', {a}.queued_at,
        'called_at', {a}.called_at, 'first_called_at', {a}.first_called_at,
        'started_at', {a}.started_at, 'finished_at', {a}.finished_at,
        'parked_at', {a}.parked_at, 'recall_count', {a}.recall_count,
        'no_show_count', {a}.no_show_count, 'appointment_at', {a}.appointment_at,
        'name_masked', {a}.applicant_name_masked)"""


def _state_json(current: str, parked_from: str = "ticket") -> str:
    """The window ``wv`` (a CTE: id, number, name, state, current_ticket_id, version) as its
    clerk sees it, with ``current`` the SQL of its current ticket's JSON, the CTE ``cnt``
    (queue_id, day, waiting, version) overriding counts this statement changed, and
    ``parked_from`` the rows the parked list is read from (the statement's own parked ticket is
    not in the table's snapshot yet)."""
    return f"""(SELECT json_build_object(
        'id', wv.id, 'number', wv.number, 'name', wv.name, 'state', wv.state,
        'version', wv.version, 'day', hs.day, 'default_minutes', hs.default_minutes,
        'current', {current},
        'parked', COALESCE((
            SELECT json_agg(json_build_object(
                'id', p.id, 'number', p.number, 'queue', pq.prefix, 'queue_name', pq.name,
                'window', wv.number, 'parked_at', p.parked_at,
                'started', p.started_at IS NOT NULL, 'priority_reason', p.priority_reason,
                'source', p.source) ORDER BY p.parked_at, p.id)
            FROM {parked_from} p JOIN queue pq ON pq.id = p.queue_id
            WHERE p.hall_id = hs.id AND p.state = 'parked' AND p.day = hs.day
              AND p.window_id = wv.id), CAST('[]' AS json)),
        'queues', COALESCE((
            SELECT json_agg(json_build_object(
                'id', q.id, 'prefix', q.prefix, 'name', q.name, 'weight', wq.weight,
                'waiting', COALESCE(cnt.waiting, c.waiting, 0),
                'version', COALESCE(cnt.version, c.version, 0),
                'open_windows', (
                    SELECT count(*) FROM window_queue wq2
                    JOIN service_window w2 ON w2.id = wq2.window_id
                    WHERE wq2.queue_id = q.id AND w2.state = 'open' AND w2.active))
                ORDER BY wq.weight DESC, q.sort, q.prefix)
            FROM window_queue wq JOIN queue q ON q.id = wq.queue_id AND q.active
            LEFT JOIN ticket_counter c ON c.queue_id = q.id AND c.day = hs.day
            LEFT JOIN cnt ON cnt.queue_id = q.id AND cnt.day = hs.day
            WHERE wq.window_id = wv.id), CAST('[]' AS json))
    ) FROM wv, hs)"""


_HS = """hs AS (
    SELECT id,
           CAST(COALESCE(CAST(settings->>'weight_minutes' AS float8), 5) * 60000000 AS bigint)
               AS bonus,
           COALESCE(CAST(settings->>'default_service_minutes' AS float8), 8) AS default_minutes,
           COALESCE(CAST(settings->>'recall_limit' AS integer), 3) AS recall_limit,
           CAST(CAST(:now AS timestamptz) AT TIME ZONE timezone AS date) AS day
    FROM hall WHERE id = :hall_id
)"""

# The window's state alone, one statement (a refresh, or after a multi-statement action).
_PG_WINDOW_STATE = text(
    f"""
WITH {_HS},
wv AS (
    SELECT id, number, name, state, current_ticket_id, version FROM service_window
    WHERE hall_id = :hall_id AND number = :window AND active
),
cnt AS (
    SELECT CAST(NULL AS bigint) AS queue_id, CAST(NULL AS date) AS day,
           CAST(NULL AS integer) AS waiting, CAST(NULL AS bigint) AS version
    WHERE false
)
SELECT {_state_json(f"(SELECT {_ticket_json('t')} FROM ticket t WHERE t.id = wv.current_ticket_id)")}
"""
)

# "Next": finish the window's ticket (with :finish), call the best waiting one, read the window.
PG_NEXT = text(
    f"""
WITH {_HS},
w AS (
    SELECT id, number, name, state, current_ticket_id, version FROM service_window
    WHERE hall_id = :hall_id AND number = :window AND active
      AND state = 'open' AND (current_ticket_id IS NULL OR CAST(:finish AS boolean))
    FOR UPDATE
),
fin AS (
    UPDATE ticket t
    SET state = 'done',
        started_at = COALESCE(t.started_at, GREATEST(CAST(:now AS timestamptz), t.called_at)),
        finished_at = GREATEST(CAST(:now AS timestamptz), t.started_at, t.called_at),
        version = t.version + 1
    FROM w WHERE t.id = w.current_ticket_id AND t.state IN ('called', 'serving')
    RETURNING t.*
),
wq AS (
    SELECT queue_id, weight FROM window_queue WHERE window_id = (SELECT id FROM w)
),
cand AS (
    SELECT c.id, 2 AS cls, c.sort_key - (GREATEST(wq.weight, 1) - 1) * (SELECT bonus FROM hs) AS k
    FROM wq CROSS JOIN LATERAL (
        SELECT t.id, t.sort_key FROM ticket t
        WHERE t.hall_id = :hall_id AND t.state = 'waiting' AND t.queue_id = wq.queue_id
          AND t.target_window_id IS NULL AND t.day = (SELECT day FROM hs)
        ORDER BY t.sort_key LIMIT {CANDIDATE_DEPTH}
    ) c
    UNION ALL
    (SELECT t.id, 0, t.sort_key FROM ticket t
     WHERE t.hall_id = :hall_id AND t.state = 'waiting' AND t.appointment_at <= :now
       AND t.day = (SELECT day FROM hs)
       AND ((t.target_window_id IS NULL AND t.queue_id IN (SELECT queue_id FROM wq))
            OR t.target_window_id = (SELECT id FROM w))
     ORDER BY t.appointment_at LIMIT {APPOINTMENT_DEPTH})
    UNION ALL
    (SELECT t.id, 1, t.sort_key FROM ticket t
     WHERE t.target_window_id = (SELECT id FROM w) AND t.state = 'waiting'
       AND t.day = (SELECT day FROM hs)
     ORDER BY t.sort_key LIMIT {CANDIDATE_DEPTH})
),
pick AS (
    SELECT t.id FROM ticket t JOIN cand c ON c.id = t.id
    WHERE t.id = ANY (ARRAY(SELECT id FROM cand))  -- primary-key lookups, never a scan
      AND t.state = 'waiting' AND EXISTS (SELECT 1 FROM w)
    ORDER BY c.cls, c.k, t.id
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED
),
upd AS (
    UPDATE ticket t
    SET state = 'called', window_id = (SELECT id FROM w), staff_id = :staff_id,
        called_at = GREATEST(CAST(:now AS timestamptz), t.queued_at, t.called_at),
        first_called_at = COALESCE(
            t.first_called_at, GREATEST(CAST(:now AS timestamptz), t.queued_at, t.called_at)),
        started_at = NULL, finished_at = NULL, target_window_id = NULL,
        version = t.version + 1
    FROM pick WHERE t.id = pick.id
    RETURNING t.*
),
uw AS (
    UPDATE service_window sw
    SET current_ticket_id = (SELECT id FROM upd),
        version = sw.version + (SELECT count(*) FROM fin) + (SELECT count(*) FROM upd)
    FROM w WHERE sw.id = w.id AND (EXISTS (SELECT 1 FROM fin) OR EXISTS (SELECT 1 FROM upd))
    RETURNING sw.id, sw.number, sw.name, sw.state, sw.current_ticket_id, sw.version
),
wv AS (
    SELECT id, number, name, state, current_ticket_id, version FROM uw
    UNION ALL
    SELECT id, number, name, state, current_ticket_id, version FROM w
    WHERE NOT EXISTS (SELECT 1 FROM uw)
),
cnt AS (
    UPDATE ticket_counter c SET waiting = c.waiting - 1, version = c.version + 1
    FROM upd WHERE c.queue_id = upd.queue_id AND c.day = upd.day
    RETURNING c.queue_id, c.day, c.waiting, c.version
),
ev AS (
    INSERT INTO ticket_event (ticket_id, type, at, window_id, staff_id, data)
    SELECT fin.id, 'finished', fin.finished_at, fin.window_id, CAST(:staff_id AS bigint),
           CAST('{{}}' AS json) FROM fin
    UNION ALL
    SELECT upd.id, 'called', upd.called_at, upd.window_id, CAST(:staff_id AS bigint),
           CAST('{{}}' AS json) FROM upd
    RETURNING id
),
pl AS (
    SELECT 1 AS ord, CAST('ticket.finished' AS text) AS type, jsonb_build_object(
        'ticket_id', fin.id, 'number', fin.number, 'queue', q.prefix, 'window', w.number,
        'state', 'done', 'priority', fin.priority_reason,
        'windows', jsonb_build_object(CAST(w.number AS text), jsonb_build_object(
            'state', w.state, 'ticket', NULL, 'ticket_state', NULL, 'v', w.version + 1))
    ) AS p
    FROM fin JOIN queue q ON q.id = fin.queue_id, w
    UNION ALL
    SELECT 2, CAST('ticket.called' AS text), jsonb_build_object(
        'ticket_id', upd.id, 'number', upd.number, 'queue', q.prefix, 'window', w.number,
        'state', 'called', 'priority', upd.priority_reason,
        'windows', jsonb_build_object(CAST(w.number AS text), jsonb_build_object(
            'state', w.state, 'ticket', upd.number, 'ticket_state', 'called', 'v', wv.version))
    ) || CASE WHEN cnt.queue_id IS NULL THEN CAST('{{}}' AS jsonb) ELSE jsonb_build_object(
        'queues', jsonb_build_object(q.prefix, jsonb_build_object(
            'day', cnt.day, 'waiting', cnt.waiting, 'v', cnt.version))) END
    FROM upd JOIN queue q ON q.id = upd.queue_id
    LEFT JOIN cnt ON cnt.queue_id = upd.queue_id, w, wv
),
{
        pg_change_log_sql(
            at="CAST(:now AS timestamptz)",
            hall_id="CAST(:hall_id AS bigint)",
            type_="pl.type",
            payload="pl.p",
            source="pl ORDER BY pl.ord",
        )
    }
SELECT json_build_object(
    'window_ok', EXISTS (SELECT 1 FROM w),
    'candidates', (SELECT count(*) FROM cand),
    'finished', (SELECT {_ticket_json("fin")} FROM fin),
    'called', (SELECT {_ticket_json("upd")} FROM upd),
    'changes', COALESCE((SELECT json_agg(json_build_object(
        'id', cl.id, 'type', cl.type, 'payload', cl.payload) ORDER BY cl.id) FROM cl),
        CAST('[]' AS json)),
    'notified', (SELECT count(notified) FROM cl_notify),
    'state', {_state_json(f"(SELECT {_ticket_json('upd')} FROM upd)")}
)
"""
)


@dataclass(frozen=True)
class _Action:
    """A window action on its current ticket, as one PostgreSQL statement."""

    precondition: str  # on ``cur`` (the ticket at the window) and ``hs`` (hall settings)
    sets: str  # the ticket's new columns (alias ``t`` is the row before)
    event: str  # ticket_event type
    at: str  # the ticket column holding the event's time
    change: str  # the change type
    clears_window: bool  # the ticket leaves the window
    touches_window: bool  # the window's line changes (state of its ticket, or none)
    extra: str = "CAST('{}' AS jsonb)"  # more of the change payload, from ``upd``
    event_data: str = "CAST('{}' AS json)"
    #: the ticket acted on is ``:ticket_id`` (not the window's current one), and it becomes the
    #: window's current ticket; the window must be open and free (暂离返回)
    takes_window: bool = False


_ACTIONS: dict[str, _Action] = {
    "recall": _Action(
        precondition="cur.state = 'called' AND cur.recall_count < hs.recall_limit",
        sets="recall_count = t.recall_count + 1, "
        "called_at = GREATEST(CAST(:now AS timestamptz), t.called_at), version = t.version + 1",
        event="recalled",
        at="called_at",
        change="ticket.recalled",
        clears_window=False,
        touches_window=False,
        extra="jsonb_build_object('recall_count', upd.recall_count)",
        event_data="json_build_object('count', upd.recall_count)",
    ),
    "start": _Action(
        precondition="cur.state = 'called'",
        sets="state = 'serving', "
        "started_at = GREATEST(CAST(:now AS timestamptz), t.called_at), version = t.version + 1",
        event="started",
        at="started_at",
        change="ticket.started",
        clears_window=False,
        touches_window=True,
    ),
    "park": _Action(
        precondition="cur.state IN ('called', 'serving')",
        sets="state = 'parked', parked_at = "
        "GREATEST(CAST(:now AS timestamptz), t.called_at, t.started_at), version = t.version + 1",
        event="parked",
        at="parked_at",
        change="ticket.parked",
        clears_window=True,
        touches_window=True,
    ),
    "finish": _Action(
        precondition="cur.state IN ('called', 'serving')",
        sets="state = 'done', "
        "started_at = COALESCE(t.started_at, GREATEST(CAST(:now AS timestamptz), t.called_at)), "
        "finished_at = GREATEST(CAST(:now AS timestamptz), t.started_at, t.called_at), "
        "version = t.version + 1",
        event="finished",
        at="finished_at",
        change="ticket.finished",
        clears_window=True,
        touches_window=True,
    ),
    "resume": _Action(
        precondition="cur.state = 'parked'",
        sets="state = CASE WHEN t.started_at IS NOT NULL THEN 'serving' ELSE 'called' END, "
        "window_id = (SELECT id FROM w), staff_id = CAST(:staff_id AS bigint), "
        "version = t.version + 1",
        event="resumed",
        at="queued_at",  # replaced by :now below: resuming has no column of its own
        change="ticket.resumed",
        clears_window=False,
        touches_window=True,
        takes_window=True,
    ),
}


def _action_sql(a: _Action) -> str:
    window_line = (
        """jsonb_build_object('windows', jsonb_build_object(CAST(wv.number AS text),
            jsonb_build_object('state', wv.state, 'ticket', """
        + (
            "NULL, 'ticket_state', NULL"
            if a.clears_window
            else "upd.number, 'ticket_state', upd.state"
        )
        + ", 'v', wv.version)))"
        if a.touches_window
        else "CAST('{}' AS jsonb)"
    )
    current = "NULL" if a.clears_window else f"(SELECT {_ticket_json('upd')} FROM upd)"
    parked_from = (
        "(SELECT * FROM ticket UNION ALL SELECT * FROM upd)"
        if a.event == "parked"
        else "(SELECT * FROM ticket WHERE id NOT IN (SELECT id FROM upd))"
        if a.takes_window
        else "ticket"
    )
    cur = (
        """SELECT t.* FROM ticket t, w
    WHERE t.id = :ticket_id AND t.hall_id = :hall_id
      AND w.state = 'open' AND w.current_ticket_id IS NULL
    FOR UPDATE OF t"""
        if a.takes_window
        else """SELECT t.* FROM ticket t JOIN w ON t.id = w.current_ticket_id
    FOR UPDATE OF t"""
    )
    window_ticket = (
        "NULL"
        if a.clears_window
        else "(SELECT id FROM upd)"
        if a.takes_window
        else "sw.current_ticket_id"
    )
    event_at = "CAST(:now AS timestamptz)" if a.takes_window else f"upd.{a.at}"
    return f"""
WITH {_HS},
w AS (
    SELECT id, number, name, state, current_ticket_id, version FROM service_window
    WHERE hall_id = :hall_id AND number = :window AND active
    FOR UPDATE
),
cur AS (
    {cur}
),
upd AS (
    UPDATE ticket t SET {a.sets}
    FROM cur, hs WHERE t.id = cur.id AND {a.precondition}
    RETURNING t.*
),
uw AS (
    UPDATE service_window sw
    SET current_ticket_id = {window_ticket},
        version = sw.version + 1
    FROM w WHERE sw.id = w.id AND {"EXISTS (SELECT 1 FROM upd)" if a.touches_window else "false"}
    RETURNING sw.id, sw.number, sw.name, sw.state, sw.current_ticket_id, sw.version
),
wv AS (
    SELECT id, number, name, state, current_ticket_id, version FROM uw
    UNION ALL
    SELECT id, number, name, state, current_ticket_id, version FROM w
    WHERE NOT EXISTS (SELECT 1 FROM uw)
),
cnt AS (
    SELECT CAST(NULL AS bigint) AS queue_id, CAST(NULL AS date) AS day,
           CAST(NULL AS integer) AS waiting, CAST(NULL AS bigint) AS version
    WHERE false
),
ev AS (
    INSERT INTO ticket_event (ticket_id, type, at, window_id, staff_id, data)
    SELECT upd.id, '{a.event}', {event_at}, w.id, CAST(:staff_id AS bigint), {a.event_data}
    FROM upd, w
    RETURNING id
),
pl AS (
    SELECT 1 AS ord, CAST('{a.change}' AS text) AS type, jsonb_build_object(
        'ticket_id', upd.id, 'number', upd.number, 'queue', q.prefix,
        'window', (SELECT number FROM service_window WHERE id = upd.window_id),
        'state', upd.state, 'priority', upd.priority_reason
    ) || {a.extra} || {window_line} AS p
    FROM upd JOIN queue q ON q.id = upd.queue_id, wv
),
{
        pg_change_log_sql(
            at="CAST(:now AS timestamptz)",
            hall_id="CAST(:hall_id AS bigint)",
            type_="pl.type",
            payload="pl.p",
            source="pl ORDER BY pl.ord",
        )
    }
SELECT json_build_object(
    'ticket', (SELECT {_ticket_json("upd")} FROM upd),
    'changes', COALESCE((SELECT json_agg(json_build_object(
        'id', cl.id, 'type', cl.type, 'payload', cl.payload) ORDER BY cl.id) FROM cl),
        CAST('[]' AS json)),
    'notified', (SELECT count(notified) FROM cl_notify),
    'state', CASE WHEN EXISTS (SELECT 1 FROM upd) THEN {_state_json(current, parked_from)} END
)
"""


_PG_ACTIONS = {name: text(_action_sql(a)) for name, a in _ACTIONS.items()}


def pg_ticket_action(
    conn: Connection,
    actor: Actor,
    name: str,
    number: int,
    now: dt.datetime,
    *,
    ticket_id: int | None = None,
) -> tuple[TicketResult, WindowState] | None:
    """Recall, start, park or finish the ticket at window ``number``, or resume the parked
    ``ticket_id`` there, in ONE statement on PostgreSQL (autocommit, one round trip), with the
    window's new state. ``None`` when the action does not apply as it stands (no ticket, wrong
    state, recall limit, window not open or not free): nothing was written, and the
    step-by-step path says why in its typed error."""
    params: dict[str, Any] = {
        "hall_id": actor.hall_id,
        "window": int(number),
        "now": now,
        "staff_id": actor.staff_id,
    }
    if _ACTIONS[name].takes_window:
        if ticket_id is None:
            raise ValueError(f"{name} needs the ticket's id")
        params["ticket_id"] = int(ticket_id)
    out = as_json(conn.execute(_PG_ACTIONS[name], params).scalar())
    ticket = ticket_from_json(out.get("ticket"))
    if ticket is None or out.get("state") is None:
        return None
    changes = tuple(
        Change(c["type"], actor.hall_id or None, dict(c["payload"]), at=now.isoformat(), id=c["id"])
        for c in out.get("changes") or ()
    )
    state = state_from_json(conn, out["state"], now)
    return TicketResult(ticket, number, changes), state


def _dt(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(str(value)).astimezone(dt.UTC)


def ticket_from_json(d: Mapping[str, Any] | None) -> TicketView | None:
    if not d:
        return None
    issued = _dt(d["issued_at"])
    queued = _dt(d["queued_at"])
    assert issued is not None and queued is not None
    return TicketView(
        id=int(d["id"]),
        number=str(d["number"]),
        queue=str(d["queue"] or "?"),
        issue_queue=str(d["issue_queue"] or "?"),
        state=str(d["state"]),
        source=str(d["source"]),
        priority_reason=str(d["priority_reason"] or ""),
        window=int(d["window"]) if d["window"] is not None else None,
        target_window=int(d["target_window"]) if d["target_window"] is not None else None,
        day=dt.date.fromisoformat(str(d["day"])),
        issued_at=issued,
        queued_at=queued,
        called_at=_dt(d["called_at"]),
        first_called_at=_dt(d["first_called_at"]),
        started_at=_dt(d["started_at"]),
        finished_at=_dt(d["finished_at"]),
        parked_at=_dt(d["parked_at"]),
        recall_count=int(d["recall_count"] or 0),
        no_show_count=int(d["no_show_count"] or 0),
        appointment_at=_dt(d["appointment_at"]),
        name_masked=str(d["name_masked"] or ""),
    )


def state_from_json(conn: Connection, d: Mapping[str, Any], now: dt.datetime) -> WindowState:
    day = dt.date.fromisoformat(str(d["day"]))
    default = float(d.get("default_minutes") or 8)
    queues = []
    for q in d.get("queues") or ():
        waiting = int(q["waiting"])
        opened = int(q["open_windows"])
        minutes = average_service(conn, None, int(q["id"]), day, now, default=default)
        queues.append(
            QueueLine(
                prefix=str(q["prefix"]),
                name=str(q["name"]),
                weight=int(q["weight"]),
                waiting=waiting,
                day=day,
                version=int(q["version"]),
                open_windows=opened,
                estimate_minutes=estimate_wait_minutes(waiting, max(opened, 1), minutes),
                service_minutes=minutes,
            )
        )
    parked = tuple(
        ParkedTicket(
            id=int(p["id"]),
            number=str(p["number"]),
            queue=str(p["queue"]),
            queue_name=str(p["queue_name"]),
            window=int(p["window"]) if p["window"] is not None else None,
            parked_at=_dt(p["parked_at"]),
            started=bool(p["started"]),
            priority_reason=str(p["priority_reason"] or ""),
            source=str(p["source"] or ""),
        )
        for p in d.get("parked") or ()
    )
    return WindowState(
        id=int(d["id"]),
        number=int(d["number"]),
        name=str(d["name"]),
        state=str(d["state"]),
        version=int(d["version"]),
        day=day,
        current=ticket_from_json(d.get("current")),
        parked=parked,
        queues=tuple(queues),
    )


def as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def pg_window_state(conn: Connection, hall_id: int, number: int, now: dt.datetime) -> WindowState:
    """The window's state in one statement on PostgreSQL (raises NotFound for no such window)."""
    raw = as_json(
        conn.execute(
            _PG_WINDOW_STATE, {"hall_id": hall_id, "window": int(number), "now": now}
        ).scalar()
    )
    if raw is None:
        raise NotFound(what=Bi(f"{number}号窗口", f"window {number}"))
    return state_from_json(conn, raw, now)
