"""Issuing tickets (取号): from the kiosk, at a window (walk-in) or by swiping an ID card.

Numbers come from the counter row of the queue and the hall's local day, bumped with
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (the first ticket of the day creates the row);
the row stays locked until commit, and a refusal (daily cap) rolls the bump back, so numbers are
unique and gap-free behind the unique constraint ``(issue_queue_id, day, seq)``.

Estimated wait of a new ticket: the people ahead of it in its queue (counted up to
:data:`~counter.domain.queue.PEOPLE_AHEAD_CAP`) times today's average service time of the queue
(its last 50 finished tickets, ``default_service_minutes`` before any), shared among the open
windows serving it.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.domain.checkchars import validate_citizen_id
from counter.domain.live import counts_payload
from counter.domain.masking import id_hash, mask_name
from counter.domain.queue import (
    PEOPLE_AHEAD_CAP,
    PRIORITY_REASONS,
    SOURCES,
    WAITING,
    DailyCapReached,
    QueueClosed,
    estimate_wait_minutes,
    initial_sort_key,
    within_hours,
)
from counter.domain.text import check_text
from counter.domain.ticketing import format_ticket_number
from counter.errors import Bi, InvalidInput
from counter.services.base import CLERK, MANAGER, Actor, Runtime, hall_key, require_role
from counter.services.queue_state import (
    IssueResult,
    TicketView,
    average_service,
    hall_tz,
    later,
    load_hall,
    load_queue,
    serving_windows,
    ticket_event,
    ticket_payload,
)
from db.models import (
    Appointment,
    Hall,
    Queue,
    Ticket,
    TicketCounter,
)

# --------------------------------------------------------------------------------------------
# Issuing
# --------------------------------------------------------------------------------------------


def next_seq(s: Session, queue_id: int, day: dt.date) -> tuple[int, tuple[dt.date, int, int]]:
    """Bump the queue's counter for ``day``: the new number, and the line with the new ticket
    in it as ``(day, waiting, version)`` (the row stays locked to commit)."""
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    stmt = (
        upsert(TicketCounter)
        .values(queue_id=queue_id, day=day, last_seq=1, waiting=1, version=1)
        .on_conflict_do_update(
            index_elements=[TicketCounter.queue_id, TicketCounter.day],
            set_={
                "last_seq": TicketCounter.last_seq + 1,
                "waiting": TicketCounter.waiting + 1,
                "version": TicketCounter.version + 1,
            },
        )
        .returning(TicketCounter.last_seq, TicketCounter.waiting, TicketCounter.version)
    )
    seq, waiting, version = s.execute(stmt).one()
    return int(seq), (day, int(waiting), int(version))


def issue_in(
    s: Session,
    actor: Actor,
    hall: Hall,
    q: Queue,
    now: dt.datetime,
    *,
    source: str,
    priority_reason: str = "",
    name_masked: str = "",
    id_digest: str | None = None,
    appointment: Appointment | None = None,
    enforce: bool = True,
    reread_clock: bool = False,
) -> IssueResult:
    local = now.astimezone(hall_tz(hall))
    day = local.date()
    if enforce and not within_hours(local.time().replace(tzinfo=None), q.opens_at, q.closes_at):
        hours = (
            f"{q.opens_at.strftime('%H:%M') if q.opens_at else '—'}"
            f"–{q.closes_at.strftime('%H:%M') if q.closes_at else '—'}"
        )
        raise QueueClosed(queue=q.name, prefix=q.prefix, hours=hours)
    seq, line = next_seq(s, q.id, day)
    if enforce and q.daily_cap is not None and seq > q.daily_cap:
        raise DailyCapReached(queue=q.name, prefix=q.prefix, cap=q.daily_cap)
    if reread_clock:  # the counter row is ours now: issue times follow the numbers
        now = later(clock.now(), now)
    number = format_ticket_number(q.prefix, seq)
    green = bool(priority_reason)
    if appointment is not None:
        key = initial_sort_key(appointment.slot_start, green)
    else:
        key = initial_sort_key(now, green)
    ticket_id = s.execute(
        insert(Ticket)
        .values(
            hall_id=hall.id,
            queue_id=q.id,
            issue_queue_id=q.id,
            day=day,
            seq=seq,
            number=number,
            source=source,
            state=WAITING,
            priority=1 if green else 0,
            priority_reason=priority_reason,
            appointment_id=appointment.id if appointment is not None else None,
            appointment_at=appointment.slot_start if appointment is not None else None,
            sort_key=key,
            issued_at=now,
            queued_at=now,
            applicant_name_masked=name_masked,
            applicant_id_hash=id_digest,
            recall_count=0,
            no_show_count=0,
            version=1,
        )
        .returning(Ticket.id)
    ).scalar_one()
    ticket_event(s, ticket_id, "issued", now, None, actor.staff_id, source=source)
    ahead = (
        select(Ticket.id)
        .where(
            Ticket.hall_id == hall.id,
            Ticket.state == WAITING,
            Ticket.queue_id == q.id,
            Ticket.day == day,
            Ticket.sort_key < key,
        )
        .limit(PEOPLE_AHEAD_CAP)
        .subquery()
    )
    people_ahead = int(s.execute(select(func.count()).select_from(ahead)).scalar_one())
    wait = estimate_wait_minutes(
        people_ahead, serving_windows(s, q.id), average_service(s, hall, q.id, day, now)
    )
    view = TicketView(
        id=ticket_id,
        number=number,
        queue=q.prefix,
        issue_queue=q.prefix,
        state=WAITING,
        source=source,
        priority_reason=priority_reason,
        window=None,
        target_window=None,
        day=day,
        issued_at=now,
        queued_at=now,
        appointment_at=appointment.slot_start if appointment is not None else None,
        name_masked=name_masked,
    )
    change = emit(
        s,
        Change(
            "ticket.issued",
            hall.id,
            {
                **ticket_payload(
                    view, source=source, people_ahead=people_ahead, estimated_wait=wait
                ),
                **counts_payload({q.prefix: line}),
            },
        ),
    )
    return IssueResult(view, people_ahead, wait, (change,))


_OLD_FOREIGNER_CARD = re.compile(r"[A-Z]{3}[0-9]{12}")


def check_card_number(number: str) -> str:
    """The number read from an ID card, normalised, or refused: an 18-character number (citizen
    card, residence permit of Hong Kong, Macao and Taiwan residents, the 2023 foreigner card)
    must pass the GB 11643 check (:func:`validate_citizen_id`: length, characters, birth date,
    check character); the old 15-character foreigner card is three letters and 12 digits."""
    text = number.strip().upper()
    if _OLD_FOREIGNER_CARD.fullmatch(text):
        return text
    return validate_citizen_id(text, today=clock.today())


def check_priority(priority: str | None) -> str:
    p = (priority or "").strip()
    if p and p not in PRIORITY_REASONS:
        raise InvalidInput(
            field=Bi(
                f"绿色通道类别“{p}”（可选：{'、'.join(PRIORITY_REASONS)}）",
                f"green channel {p!r} (one of: {', '.join(PRIORITY_REASONS)})",
            )
        )
    return p


def issue_ticket(
    rt: Runtime,
    actor: Actor,
    queue: str | int,
    *,
    source: str = "kiosk",
    priority: str | None = None,
    applicant_name: str | None = None,
    id_number: str | None = None,
) -> IssueResult:
    """取号: a new ticket in ``queue`` (prefix or id) from the kiosk, a window (walk-in) or an ID
    card swipe (``source="idcard"`` with ``applicant_name`` and ``id_number``: only the masked
    name and a keyed hash of the number, keyed with the hall's secret, are stored).

    ``priority``: a green-channel reason (elderly, disabled, pregnant, veteran). Refused outside
    the queue's hours (:class:`QueueClosed`) or past its daily cap (:class:`DailyCapReached`).
    Appointments use :func:`check_in_appointment`."""
    require_role(rt, actor, CLERK, MANAGER)
    if source not in SOURCES or source == "appointment":
        raise InvalidInput(
            field=Bi(
                f"取号来源“{source}”（预约请用预约码签到）",
                f"ticket source {source!r} (appointments check in by code)",
            )
        )
    reason = check_priority(priority)
    if source == "idcard" and not (id_number and applicant_name):
        raise InvalidInput(
            field=Bi(
                "刷身份证取号需要姓名和身份证号", "an ID-card ticket needs a name and ID number"
            )
        )
    if applicant_name:
        applicant_name = check_text(applicant_name, Bi("姓名", "name"), max_len=60, name=True)
    if id_number:
        id_number = check_card_number(id_number)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        key = hall_key(s, hall) if id_number else None  # None at the kiosk: masked name only
        digest = id_hash(id_number, key) if id_number and key else None
        masked = mask_name(applicant_name) if applicant_name else ""
        return issue_in(
            s,
            actor,
            hall,
            load_queue(s, hall.id, queue),
            now,
            source=source,
            priority_reason=reason,
            name_masked=masked,
            id_digest=digest,
            reread_clock=True,
        )
