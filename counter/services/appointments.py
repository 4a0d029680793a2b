"""Appointments (预约): booking a slot and exchanging it at the kiosk for a priority ticket."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select

from counter import clock
from counter.changes import Change, emit
from counter.domain.masking import id_hash, mask_name, mask_phone
from counter.domain.queue import (
    AppointmentError,
)
from counter.errors import Bi, InvalidInput, NotFound
from counter.services.base import CLERK, MANAGER, Actor, Runtime, require_role
from counter.services.queue_state import (
    AppointmentView,
    IssueResult,
    load_hall,
    load_queue,
    queue_settings,
)
from counter.services.tickets import (
    check_priority,
    issue_in,
)
from db.models import (
    Appointment,
)


def book_appointment(
    rt: Runtime,
    actor: Actor,
    queue: str | int,
    slot_start: dt.datetime,
    slot_end: dt.datetime | None = None,
    *,
    applicant_name: str = "",
    id_number: str | None = None,
    phone: str = "",
) -> AppointmentView:
    """预约: book a slot in ``queue`` (the minimal booking the kiosk check-in needs; only the
    masked name and phone and a keyed hash of the ID number are kept)."""
    require_role(rt, actor, CLERK, MANAGER)
    if slot_start.tzinfo is None:
        raise InvalidInput(field=Bi("预约时间（需带时区）", "appointment time (with a time zone)"))
    slot_end = slot_end or slot_start + dt.timedelta(minutes=30)
    if slot_end <= slot_start:
        raise InvalidInput(
            field=Bi("预约时段（结束早于开始）", "appointment slot (ends before it starts)")
        )
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        q = load_queue(s, hall.id, queue)
        code = "YY" + "".join(secrets.choice("23456789ABCDEFGHJKMNPQRSTUVWXYZ") for _ in range(8))
        appt = Appointment(
            hall_id=hall.id,
            queue_id=q.id,
            code=code,
            slot_start=slot_start,
            slot_end=slot_end,
            applicant_name_masked=mask_name(applicant_name) if applicant_name else "",
            applicant_id_hash=id_hash(id_number, hall.secret.encode()) if id_number else None,
            phone_masked=mask_phone(phone) if phone else "",
            state="booked",
            created_at=now,
        )
        s.add(appt)
        s.flush()
        emit(s, Change("appointment.booked", hall.id, {"queue": q.prefix, "code": code}))
        return AppointmentView(
            appt.id, code, q.prefix, slot_start, slot_end, "booked", appt.applicant_name_masked
        )


def check_in_appointment(
    rt: Runtime, actor: Actor, code: str, *, priority: str | None = None
) -> IssueResult:
    """预约签到: exchange a booked appointment for a ticket whose turn comes at its slot (it is
    called before everyone else once the slot has begun). Allowed from
    ``appointment_early_minutes`` before the slot until ``appointment_late_minutes`` after it."""
    require_role(rt, actor, CLERK, MANAGER)
    reason = check_priority(priority)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        appt = s.scalars(
            select(Appointment)
            .where(Appointment.hall_id == hall.id, Appointment.code == code.strip().upper())
            .with_for_update()
        ).first()
        if appt is None:
            raise NotFound(what=Bi(f"预约 {code}", f"appointment {code}"))
        if appt.state != "booked":
            raise AppointmentError(reason="该预约已签到或已取消", reason_en="already used")
        cfg = queue_settings(hall)
        if now < appt.slot_start - dt.timedelta(minutes=float(cfg["appointment_early_minutes"])):
            at = clock.to_local(appt.slot_start).strftime("%H:%M")
            raise AppointmentError(reason=f"预约时间为{at}，请稍后再签到", reason_en="too early")
        if now > appt.slot_end + dt.timedelta(minutes=float(cfg["appointment_late_minutes"])):
            raise AppointmentError(reason="预约已过时，请取普通号", reason_en="expired")
        result = issue_in(
            s,
            actor,
            hall,
            load_queue(s, hall.id, appt.queue_id),
            now,
            source="appointment",
            priority_reason=reason,
            name_masked=appt.applicant_name_masked,
            id_digest=appt.applicant_id_hash,
            appointment=appt,
            enforce=False,  # a booked slot is honoured whatever the cap
            reread_clock=True,
        )
        appt.state = "checked_in"
        appt.ticket_id = result.ticket.id
        return result
