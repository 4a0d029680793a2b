"""The kiosk's door (取号机): one function per thing a citizen (or the hall's IT person) does at
the ticket kiosk in the hall.

Each function is one unit of work and returns frozen data. The kiosk acts as the hall's own
device (:meth:`Actor.system` with device ``"kiosk"``); nothing it returns holds a full name or an
ID number: a swiped card (:class:`CardHolder`) goes in, and only the masked name (张*) and a
keyed hash of the number are ever stored or come back.

A ticket counts as handed out only once it is in the citizen's hand: the kiosk reports
:func:`printed` after the printer took it, or :func:`print_failed` when it did not — then, by
the hall's ``kiosk_print_failure`` rule, the ticket is shown on the screen to photograph
(recorded as handed out, ``shown``) or voided at once so that no window calls a ticket nobody
holds. Each outcome is a ticket event (``handed_out`` with how, ``print_failed`` with the
printer's error code), and :func:`hand_out_summary` counts them.

Refusals are typed: a queue outside its hours (:class:`~counter.domain.queue.QueueClosed`), past
its daily cap (:class:`~counter.domain.queue.DailyCapReached`), a day the hall's calendar says is
not a working day (:class:`NotWorkingDay`), an unknown or unusable appointment code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select

from counter import clock
from counter.changes import Change
from counter.documents.ticket import TicketSlip
from counter.domain.live import QueueCount, counts_in
from counter.domain.masking import id_hash, mask_name
from counter.domain.queue import (
    PRIORITY_REASONS,
    WAITING,
    estimate_wait_minutes,
    within_hours,
)
from counter.domain.screens import KioskSettings, kiosk_settings, qr_text
from counter.errors import Bi, CounterError, InvalidInput, NotFound, PermissionDenied
from counter.services import appointments, auth, calling, catalog
from counter.services.base import ADMIN, MANAGER, Actor, Runtime, audit
from counter.services.calendar import hall_calendar
from counter.services.queue_state import (
    IssueResult,
    average_service,
    hall_status_in,
    hall_tz,
    load_hall,
    load_queue,
    ticket_event,
)
from counter.services.tickets import check_priority, issue_in
from db.models import CalendarDay, Hall, Queue, Ticket, TicketEvent

__all__ = [
    "CardHolder",
    "HandOut",
    "HandOutSummary",
    "Home",
    "Kiosk",
    "KioskItem",
    "KioskQueue",
    "KioskTicket",
    "NotWorkingDay",
    "apply_change",
    "check_in",
    "hand_out_summary",
    "home",
    "open_kiosk",
    "print_failed",
    "printed",
    "search",
    "shown",
    "take_ticket",
    "unlock",
]

OPEN, NOT_YET, CLOSED, FULL = "open", "not_yet", "closed", "full"


class NotWorkingDay(CounterError):
    """The hall's calendar says today is not a working day. ``params``: ``day``, ``name``."""

    code = "not_working_day"
    zh = "今天（{day}{name}）不是工作日，大厅暂停取号，请在工作日前来办理"
    en = "Today ({day}{name}) is not a working day; tickets are issued on working days"


# --------------------------------------------------------------------------------------------
# What the door takes and returns
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kiosk:
    """A kiosk of a hall: who acts (the hall's kiosk device), the hall, its kiosk settings."""

    actor: Actor
    hall_code: str
    hall_name: str
    settings: KioskSettings
    queue_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def hall_id(self) -> int:
        return self.actor.hall_id


@dataclass(frozen=True)
class CardHolder:
    """The holder of the ID card swiped at the kiosk, kept only until the ticket is taken. Its
    ``repr`` and :attr:`masked_name` show the masked name only; the door stores nothing else
    than the masked name and a keyed hash of the number."""

    name: str = field(repr=False)
    id_number: str = field(repr=False)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    def __repr__(self) -> str:
        return f"CardHolder({self.masked_name})"

    @classmethod
    def from_card(cls, card: Any) -> CardHolder:
        """From a :class:`counter.devices.idcard.IdCard` (its name and number only)."""
        return cls(str(card.name), str(card.id_number))


@dataclass(frozen=True)
class KioskQueue:
    """A queue as its button on the kiosk shows it: the line (with its version, to keep it
    exact from events), the estimate of a newcomer, and whether tickets are issued now
    (``status``: open | not_yet | closed | full, with ``note`` saying why in words)."""

    prefix: str
    name: str
    count: QueueCount
    open_windows: int
    service_minutes: float
    status: str
    note: str
    hours: str
    cap: int | None
    issued: int

    @property
    def waiting(self) -> int:
        return self.count.waiting

    @property
    def estimate_minutes(self) -> int:
        return estimate_wait_minutes(
            self.count.waiting, max(self.open_windows, 1), self.service_minutes
        )

    @property
    def available(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class Home:
    """The kiosk's start screen: today, whether the hall issues tickets today (else
    ``closed_reason``), the queues, and the green-channel reasons the hall offers."""

    day: dt.date
    working_day: bool
    closed_reason: CounterError | None
    queues: tuple[KioskQueue, ...]
    green_reasons: tuple[tuple[str, str], ...]

    def queue(self, prefix: str) -> KioskQueue | None:
        return next((q for q in self.queues if q.prefix == prefix), None)


@dataclass(frozen=True)
class KioskItem:
    """An item found by the kiosk's search, with the queue it sends the citizen to."""

    code: str
    name: str
    department: str
    queue: str
    queue_name: str


@dataclass(frozen=True)
class KioskTicket:
    """A ticket just taken: what the screen and the paper show (``slip``), and the line of its
    queue as it now stands. ``name_masked``: the swiped card's masked name ("" without one)."""

    ticket_id: int
    number: str
    queue: str
    queue_name: str
    people_ahead: int
    wait_minutes: int
    issued_at: dt.datetime
    source: str
    priority_reason: str
    name_masked: str
    slip: TicketSlip
    count: QueueCount | None
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class HandOut:
    """What became of a ticket at the kiosk: ``how`` printed | shown | voided."""

    ticket_id: int
    number: str
    how: str
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class HandOutSummary:
    """A day's tickets of the kiosk(s): issued, printed, shown on screen, voided after a printer
    failure, and those with no outcome yet (taken but not reported)."""

    day: dt.date
    issued: int
    printed: int
    shown: int
    voided: int

    @property
    def unconfirmed(self) -> int:
        return max(0, self.issued - self.printed - self.shown - self.voided)


# --------------------------------------------------------------------------------------------
# Opening the kiosk and its start screen
# --------------------------------------------------------------------------------------------


def _hall_row(s: Any, hall_code: str | None) -> Hall:
    q = select(Hall).where(Hall.active.is_(True)).order_by(Hall.id)
    if hall_code:
        q = select(Hall).where(Hall.code == hall_code)
    hall = s.scalars(q.limit(1)).first()
    if hall is None:
        raise NotFound(what=f"便民服务中心 {hall_code or ''}".strip())
    return hall  # type: ignore[no-any-return]


def open_kiosk(rt: Runtime, hall_code: str | None = None) -> Kiosk:
    """The kiosk of hall ``hall_code`` (this PC's configured hall; the first one if none)."""
    with rt.unit(read_only=True) as s:
        hall = _hall_row(s, hall_code)
        names = {
            p: n
            for p, n in s.execute(
                select(Queue.prefix, Queue.name)
                .where(Queue.hall_id == hall.id, Queue.active.is_(True))
                .order_by(Queue.sort, Queue.prefix)
            ).all()
        }
        return Kiosk(
            actor=Actor.system(hall.id, "kiosk"),
            hall_code=hall.code,
            hall_name=hall.name,
            settings=kiosk_settings(hall.settings or {}),
            queue_names=names,
        )


def _hours(opens: dt.time | None, closes: dt.time | None) -> str:
    if opens is None and closes is None:
        return ""
    return (
        f"{opens.strftime('%H:%M') if opens else ''}–{closes.strftime('%H:%M') if closes else ''}"
    )


def _working_day(s: Any, hall: Hall, day: dt.date) -> tuple[bool, str]:
    """Whether ``day`` is a working day of the hall, and the calendar's name for the day."""
    cal = hall_calendar(s, hall.id)
    kind = cal.day_kind(day)
    if kind is None:  # a year the calendar does not know yet: weekdays work
        kind = day.weekday() < 5
    name = ""
    if not kind:
        name = s.scalars(
            select(CalendarDay.name).where(
                CalendarDay.day == day, CalendarDay.scope.in_(("national", hall.code))
            )
        ).first() or ("周末" if day.weekday() >= 5 else "")
    return bool(kind), str(name)


def _require_working_day(s: Any, hall: Hall, day: dt.date) -> None:
    ok, name = _working_day(s, hall, day)
    if not ok:
        raise NotWorkingDay(day=f"{day.month}月{day.day}日", name=f"，{name}" if name else "")


def home(rt: Runtime, kiosk: Kiosk) -> Home:
    """The start screen as it stands now (read only)."""
    now = clock.now()
    with rt.unit(read_only=True) as s:
        hall = load_hall(s, kiosk.hall_id)
        local = now.astimezone(hall_tz(hall))
        day = local.date()
        working, name = _working_day(s, hall, day)
        status = hall_status_in(s, hall, now)
        ids = {
            p: (int(i), bool(a))
            for i, p, a in s.execute(
                select(Queue.id, Queue.prefix, Queue.active).where(Queue.hall_id == hall.id)
            ).all()
        }
        queues = []
        for q in status.queues:
            qid, active = ids.get(q.prefix, (0, False))
            if not active:
                continue
            t = local.time().replace(tzinfo=None)
            if not working:
                st, note = CLOSED, "今日不办公"
            elif q.opens_at is not None and t < q.opens_at:
                st, note = NOT_YET, f"{q.opens_at.strftime('%H:%M')}开始取号"
            elif not within_hours(t, q.opens_at, q.closes_at):
                st, note = CLOSED, "今日取号已结束"
            elif q.daily_cap is not None and q.issued >= q.daily_cap:
                st, note = FULL, "今日号票已取完"
            else:
                st, note = OPEN, ""
            queues.append(
                KioskQueue(
                    prefix=q.prefix,
                    name=q.name,
                    count=q.count,
                    open_windows=q.open_windows,
                    service_minutes=average_service(s, hall, qid, day, now),
                    status=st,
                    note=note,
                    hours=_hours(q.opens_at, q.closes_at),
                    cap=q.daily_cap,
                    issued=q.issued,
                )
            )
        reason = (
            None
            if working
            else NotWorkingDay(day=f"{day.month}月{day.day}日", name=f"，{name}" if name else "")
        )
        return Home(
            day=day,
            working_day=working,
            closed_reason=reason,
            queues=tuple(queues),
            green_reasons=kiosk.settings.green_reasons if kiosk.settings.green_channel else (),
        )


def apply_change(home: Home, change: Change) -> Home:
    """``home`` with the newer waiting counts a change carries (another kiosk's ticket, a
    window's call); ``home`` itself when nothing on it changed. No read."""
    counts = {c.prefix: c for c in counts_in(change.payload)}
    if not counts:
        return home
    queues = []
    changed = False
    for q in home.queues:
        c = counts.get(q.prefix)
        if c is not None and c.newer_than(q.count) and c.day >= q.count.day:
            queues.append(replace(q, count=c))
            changed = True
        else:
            queues.append(q)
    return replace(home, queues=tuple(queues)) if changed else home


def search(rt: Runtime, kiosk: Kiosk, text: str, limit: int = 12) -> tuple[KioskItem, ...]:
    """Items matching ``text`` (name, code, pinyin or its initials: "zjd" finds 宅基地审批),
    each with the queue the hall's routes send it to (read only)."""
    if not kiosk.settings.item_search:
        raise PermissionDenied(role="本大厅未开启按事项取号")
    if not text.strip():
        return ()
    prefixes = tuple(kiosk.queue_names)
    out = []
    for item in catalog.search_items(rt, text, limit=limit):
        queue = kiosk.settings.routes.queue_for(item.code, item.department, prefixes)
        if queue is None:
            continue
        out.append(
            KioskItem(item.code, item.name, item.department, queue, kiosk.queue_names[queue])
        )
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Taking a ticket
# --------------------------------------------------------------------------------------------


def _slip(kiosk: Kiosk, queue_name: str, result: IssueResult) -> TicketSlip:
    t = result.ticket
    priority = PRIORITY_REASONS.get(t.priority_reason, "")
    if t.source == "appointment":
        label = "预约" + (f"·{priority}" if priority else "")
    else:
        label = f"绿色通道·{priority}" if priority else ""
    return TicketSlip(
        hall_name=kiosk.hall_name,
        number=t.number,
        queue_name=queue_name,
        people_ahead=result.people_ahead,
        wait_minutes=result.estimated_wait_minutes,
        issued_at=t.issued_at,
        barcode=t.number,
        footer=kiosk.settings.ticket_footer,
        name_masked=t.name_masked,
        qr=qr_text(
            kiosk.settings.qr_url, hall=kiosk.hall_code, number=t.number, day=t.day, ticket_id=t.id
        ),
        qr_caption=kiosk.settings.qr_caption if kiosk.settings.qr_url else "",
        priority=label,
    )


def _ticket(kiosk: Kiosk, queue_name: str, result: IssueResult) -> KioskTicket:
    t = result.ticket
    counts = [c for ch in result.changes for c in counts_in(ch.payload) if c.prefix == t.queue]
    return KioskTicket(
        ticket_id=t.id,
        number=t.number,
        queue=t.queue,
        queue_name=queue_name,
        people_ahead=result.people_ahead,
        wait_minutes=result.estimated_wait_minutes,
        issued_at=t.issued_at,
        source=t.source,
        priority_reason=t.priority_reason,
        name_masked=t.name_masked,
        slip=_slip(kiosk, queue_name, result),
        count=counts[-1] if counts else None,
        changes=result.changes,
    )


def take_ticket(
    rt: Runtime,
    kiosk: Kiosk,
    queue: str,
    *,
    holder: CardHolder | None = None,
    priority: str | None = None,
) -> KioskTicket:
    """取号 in ``queue`` (prefix), after a card swipe when ``holder`` is given (the ticket then
    carries the masked name; the stored hash lets a window find a returning applicant), in the
    green channel with ``priority`` (a reason the hall offers). Refused on a day the hall's
    calendar does not work, outside the queue's hours and past its daily cap."""
    reason = check_priority(priority)
    if reason and not (
        kiosk.settings.green_channel and reason in dict(kiosk.settings.green_reasons)
    ):
        raise InvalidInput(field="本大厅未开启该绿色通道")
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, kiosk.hall_id)
        _require_working_day(s, hall, now.astimezone(hall_tz(hall)).date())
        q = load_queue(s, hall.id, queue)
        digest = None
        if holder is not None:
            digest = id_hash(holder.id_number, hall.secret.encode())
        result = issue_in(
            s,
            kiosk.actor,
            hall,
            q,
            now,
            source="idcard" if holder is not None else "kiosk",
            priority_reason=reason,
            name_masked=holder.masked_name if holder is not None else "",
            id_digest=digest,
            reread_clock=True,
        )
        return _ticket(kiosk, q.name, result)


def check_in(rt: Runtime, kiosk: Kiosk, code: str, *, priority: str | None = None) -> KioskTicket:
    """预约签到: exchange appointment ``code`` (with or without its ``YY``) for a priority ticket
    (see :func:`counter.services.appointments.check_in_appointment`)."""
    if not kiosk.settings.appointments:
        raise PermissionDenied(role="本大厅未开启预约签到")
    text = "".join(code.split()).upper()
    if not text:
        raise InvalidInput(field="预约码")
    if not text.startswith("YY"):
        text = "YY" + text
    result = appointments.check_in_appointment(rt, kiosk.actor, text, priority=priority)
    return _ticket(kiosk, kiosk.queue_names.get(result.ticket.queue, result.ticket.queue), result)


# --------------------------------------------------------------------------------------------
# Handing out: printed, shown, or voided
# --------------------------------------------------------------------------------------------


def _kiosk_ticket(s: Any, kiosk: Kiosk, ticket_id: int) -> Ticket:
    t = s.get(Ticket, int(ticket_id), with_for_update=True)
    if t is None or t.hall_id != kiosk.hall_id:
        raise NotFound(what=Bi(f"号票 {ticket_id}", f"ticket {ticket_id}"))
    return t  # type: ignore[no-any-return]


def _handed_out(rt: Runtime, kiosk: Kiosk, ticket_id: int, how: str) -> HandOut:
    now = clock.now()
    with rt.unit() as s:
        t = _kiosk_ticket(s, kiosk, ticket_id)
        ticket_event(s, t.id, "handed_out", now, None, None, how=how)
        return HandOut(t.id, t.number, how)


def printed(rt: Runtime, kiosk: Kiosk, ticket_id: int) -> HandOut:
    """The printer took the ticket: it counts as handed out (``printed``)."""
    return _handed_out(rt, kiosk, ticket_id, "printed")


def shown(rt: Runtime, kiosk: Kiosk, ticket_id: int) -> HandOut:
    """The kiosk has no printer and showed the ticket on its screen (``shown``)."""
    return _handed_out(rt, kiosk, ticket_id, "shown")


def print_failed(rt: Runtime, kiosk: Kiosk, ticket_id: int, error_code: str) -> HandOut:
    """The printer failed (``error_code``: the device error's code, e.g. ``printer_no_paper``).
    By the hall's ``kiosk_print_failure``: ``show`` — the kiosk shows the ticket to photograph,
    and it counts as handed out (``shown``); ``void`` — the ticket is voided at once (its
    line's count goes down; the change says so to every screen)."""
    now = clock.now()
    code = "".join(c for c in error_code if c.isalnum() or c == "_")[:40] or "printer"
    with rt.unit() as s:
        hall = load_hall(s, kiosk.hall_id)
        t = _kiosk_ticket(s, kiosk, ticket_id)
        ticket_event(s, t.id, "print_failed", now, None, None, error=code)
        if kiosk.settings.print_failure == "show" or t.state != WAITING:
            ticket_event(s, t.id, "handed_out", now, None, None, how="shown")
            return HandOut(t.id, t.number, "shown")
        done = calling.void_in(s, kiosk.actor, hall, t.id, now, reason=f"取号机打印失败（{code}）")
        return HandOut(t.id, t.number, "voided", done.changes)


def hand_out_summary(rt: Runtime, kiosk: Kiosk, day: dt.date | None = None) -> HandOutSummary:
    """How the kiosk tickets of ``day`` (today by default) reached the citizens (read only)."""
    now = clock.now()
    with rt.unit(read_only=True) as s:
        hall = load_hall(s, kiosk.hall_id)
        day = day or now.astimezone(hall_tz(hall)).date()
        issued = int(
            s.execute(
                select(func.count())
                .select_from(Ticket)
                .where(
                    Ticket.hall_id == hall.id,
                    Ticket.day == day,
                    Ticket.source.in_(("kiosk", "idcard", "appointment")),
                )
            ).scalar_one()
        )
        outcome: dict[int, str] = {}  # ticket → printed | shown | failed
        for tid, type_, data in s.execute(
            select(TicketEvent.ticket_id, TicketEvent.type, TicketEvent.data)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(
                Ticket.hall_id == hall.id,
                Ticket.day == day,
                TicketEvent.type.in_(("handed_out", "print_failed")),
            )
            .order_by(TicketEvent.id)
        ).all():
            if type_ == "handed_out":
                outcome[int(tid)] = str((data or {}).get("how") or "printed")
            else:
                outcome.setdefault(int(tid), "failed")
        hows = list(outcome.values())
        return HandOutSummary(
            day, issued, hows.count("printed"), hows.count("shown"), hows.count("failed")
        )


# --------------------------------------------------------------------------------------------
# Leaving full screen
# --------------------------------------------------------------------------------------------


def unlock(
    rt: Runtime, kiosk: Kiosk, staff_no: str, password: str, *, new_password: str | None = None
) -> str:
    """A hall manager or administrator unlocks the kiosk (to leave full screen, or to close
    it): their sign-in is checked (and audited, failures counted towards the lockout) and must
    hold one of those roles, in this hall. Returns the staff member's name. A password an
    administrator reset raises :class:`counter.errors.PasswordChangeRequired` until
    ``new_password`` is given (the person's own, set then)."""
    signed = auth.sign_in(rt, staff_no, password, new_password=new_password)
    actor = signed.actor
    if actor.hall_id != kiosk.hall_id or not (actor.has(MANAGER) or actor.has(ADMIN)):
        with rt.unit() as s:
            audit(s, actor, "kiosk_unlock_denied", kiosk.hall_code, host=rt.host)
        raise PermissionDenied(role="大厅管理员、系统管理员")
    with rt.unit() as s:
        audit(s, actor, "kiosk_unlocked", kiosk.hall_code, host=rt.host)
    return actor.name
