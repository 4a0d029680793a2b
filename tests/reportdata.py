"""A small hall day whose every report figure is computed by hand (see the test modules).

Day D = 2026-03-10 (a Tuesday), clock fixed at D+1 12:00 Asia/Shanghai. Times are local.

Tickets of D (waits and services in minutes):

====  =====  =======  ==========  ======================  =====  =======  ====  ====
 no.  queue  issued   first call  end                     state  window   wait  serv
====  =====  =======  ==========  ======================  =====  =======  ====  ====
A001  A      09:00    09:10       finished 09:20          done   1/1001    10    10
A002  A      09:05    09:25       finished 09:31          done   1/1001    20     6
A003  A      09:30    09:32       no-show                 no     2/1002     2     –
B001  B→A    10:00    10:30 (w2)  transferred 10:40 by    done   1/1001    30    15
                                  w2/1002, called again
                                  10:50 at w1, fin. 11:05
A004  A      10:10    –           voided                  void   –          –     –
A005  A      14:00    14:05       in service              serv.  2/1002     5     –
====  =====  =======  ==========  ======================  =====  =======  ====  ====

One ticket of D−1: A001 issued 16:00, called 16:30, finished 16:40 (wait 30, service 10).

Cases: C1 item X accepted D 09:15 (deadline D+5, open); C2 on-the-spot item accepted and
completed D 09:28 (deadline D); C3 item X, one-time notice D−3, accepted D 11:00; C4 item X
accepted D−10, deadline D−1, completed D 10:00 (late); C5 item X accepted D−8, deadline D, in
review (not completed: overdue, as the clock is at D+1); C6 item X accepted D−9, deadline D,
completed D 16:00 (on time).

Evaluations of D: levels 5 (00:30, only D in local time), 5, 4, 3, 2 (ticket A001, follow-up
open) and 1 (case C1, applicant 王建国). One at D−1 23:50 (level 5) belongs to D−1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select

from counter import clock
from counter.services.base import Runtime
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    Evaluation,
    Hall,
    Queue,
    ServiceItem,
    ServiceItemVersion,
    Staff,
    Ticket,
    TicketEvent,
    Window,
)

TZ = ZoneInfo("Asia/Shanghai")
D = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 11, 12, 0, tzinfo=TZ).astimezone(dt.UTC)


def at(day: dt.date, hh: int, mm: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=TZ).astimezone(dt.UTC)


@dataclass(frozen=True)
class Seeded:
    hall_id: int
    manager_staff_no: str
    bad_ticket_eval_id: int
    bad_case_eval_id: int
    ticket_ids: dict[str, int]
    case_nos: dict[str, str]


def seed_report_day(url: str) -> Seeded:
    """Write the day above into the demo hall of ``url``; returns what the tests need."""
    rt = Runtime(url)
    try:
        with rt.unit() as s:
            hall = s.scalars(select(Hall).where(Hall.code == "QS")).one()
            hall.settings = {**(hall.settings or {}), "target_wait_minutes": 15}
            q = {x.prefix: x for x in s.scalars(select(Queue).where(Queue.hall_id == hall.id))}
            w = {x.number: x for x in s.scalars(select(Window).where(Window.hall_id == hall.id))}
            st = {x.staff_no: x for x in s.scalars(select(Staff))}
            items = s.execute(
                select(ServiceItem, ServiceItemVersion)
                .join(ServiceItemVersion, ServiceItemVersion.id == ServiceItem.current_version_id)
                .order_by(ServiceItem.code)
            ).all()
            item_x = next((i, v) for i, v in items if not v.on_the_spot)
            item_spot = next((i, v) for i, v in items if v.on_the_spot)
            ids: dict[str, int] = {}

            def ticket(
                key: str, number: str, day: dt.date, queue: str, issued: dt.datetime, *,
                state: str, first: dt.datetime | None = None, called: dt.datetime | None = None,
                finished: dt.datetime | None = None, window: int | None = None,
                staff: str | None = None, issue_queue: str | None = None,
            ) -> Ticket:  # fmt: skip
                t = Ticket(
                    hall_id=hall.id,
                    queue_id=q[queue].id,
                    issue_queue_id=q[issue_queue or queue].id,
                    day=day,
                    seq=int(number[1:]),
                    number=number,
                    state=state,
                    sort_key=0,
                    window_id=w[window].id if window else None,
                    staff_id=st[staff].id if staff else None,
                    issued_at=issued,
                    queued_at=issued,
                    first_called_at=first,
                    called_at=called or first,
                    started_at=called or first,
                    finished_at=finished,
                )
                s.add(t)
                s.flush()
                ids[key] = t.id
                return t

            ticket("A001", "A001", D, "A", at(D, 9, 0), state="done", first=at(D, 9, 10),
                   finished=at(D, 9, 20), window=1, staff="1001")  # fmt: skip
            ticket("A002", "A002", D, "A", at(D, 9, 5), state="done", first=at(D, 9, 25),
                   finished=at(D, 9, 31), window=1, staff="1001")  # fmt: skip
            ticket("A003", "A003", D, "A", at(D, 9, 30), state="no_show", first=at(D, 9, 32),
                   window=2, staff="1002")  # fmt: skip
            b = ticket("B001", "B001", D, "A", at(D, 10, 0), state="done", first=at(D, 10, 30),
                       called=at(D, 10, 50), finished=at(D, 11, 5), window=1, staff="1001",
                       issue_queue="B")  # fmt: skip
            s.add(TicketEvent(ticket_id=b.id, type="transferred", at=at(D, 10, 40),
                              window_id=w[2].id, staff_id=st["1002"].id, data={"to_queue": "A"}))  # fmt: skip
            ticket("A004", "A004", D, "A", at(D, 10, 10), state="void")
            ticket("A005", "A005", D, "A", at(D, 14, 0), state="serving", first=at(D, 14, 5),
                   window=2, staff="1002")  # fmt: skip
            prev = D - dt.timedelta(days=1)
            ticket("P001", "A001", prev, "A", at(prev, 16, 0), state="done",
                   first=at(prev, 16, 30), finished=at(prev, 16, 40), window=1, staff="1001")  # fmt: skip

            person = Applicant(name="王建国", id_number="", created_at=NOW, updated_at=NOW)
            s.add(person)
            s.flush()
            case_nos: dict[str, str] = {}
            case_ids: dict[str, int] = {}

            def case(
                key: str, item: tuple[ServiceItem, ServiceItemVersion], *, state: str,
                accepted: dt.datetime | None, deadline: dt.date | None,
                completed: dt.datetime | None = None, created: dt.datetime | None = None,
            ) -> Case:  # fmt: skip
                c = Case(
                    hall_id=hall.id,
                    case_no=f"QS-T-{key}",
                    item_id=item[0].id,
                    item_version_id=item[1].id,
                    applicant_id=person.id,
                    state=state,
                    accepted_at=accepted,
                    deadline=deadline,
                    completed_at=completed,
                    created_at=created or accepted or NOW,
                    updated_at=completed or accepted or NOW,
                )
                s.add(c)
                s.flush()
                case_nos[key] = c.case_no
                case_ids[key] = c.id
                return c

            d = dt.timedelta(days=1)
            case("C1", item_x, state="accepted", accepted=at(D, 9, 15), deadline=D + 5 * d)
            case("C2", item_spot, state="completed", accepted=at(D, 9, 28), deadline=D,
                 completed=at(D, 9, 28))  # fmt: skip
            c3 = case("C3", item_x, state="accepted", accepted=at(D, 11, 0), deadline=D + 7 * d,
                      created=at(D - 3 * d, 10, 0))  # fmt: skip
            s.add(CaseEvent(case_id=c3.id, node="一次性告知", action="one_time_notice",
                            to_state="awaiting_materials", at=at(D - 3 * d, 10, 0)))  # fmt: skip
            s.add(CaseEvent(case_id=c3.id, node="受理", action="accept", from_state="awaiting_materials",
                            to_state="accepted", at=at(D, 11, 0)))  # fmt: skip
            case("C4", item_x, state="completed", accepted=at(D - 10 * d, 9, 0), deadline=D - d,
                 completed=at(D, 10, 0))  # fmt: skip
            case("C5", item_x, state="review", accepted=at(D - 8 * d, 9, 0), deadline=D)
            case("C6", item_x, state="delivered", accepted=at(D - 9 * d, 9, 0), deadline=D,
                 completed=at(D, 16, 0))  # fmt: skip

            def evaluation(level: int, when: dt.datetime, **kw: object) -> Evaluation:
                e = Evaluation(hall_id=hall.id, level=level, created_at=when, **kw)
                s.add(e)
                s.flush()
                return e

            evaluation(5, at(D, 0, 30))
            evaluation(5, at(D, 9, 21), ticket_id=ids["A001"], window_id=w[1].id)
            evaluation(4, at(D, 9, 32))
            evaluation(3, at(D, 11, 6))
            bad_t = evaluation(
                2, at(D, 9, 33), ticket_id=ids["A002"], window_id=w[1].id,
                staff_id=st["1001"].id, reasons=["long_wait"], comment="等了二十分钟",
                followup_state="open", followup_deadline=D + 7 * d,
            )  # fmt: skip
            bad_c = evaluation(
                1, at(D, 12, 0), case_id=case_ids["C1"], item_id=item_x[0].id,
                window_id=w[2].id, staff_id=st["1002"].id, reasons=["poor_attitude"],
                followup_state="open", followup_deadline=D - d,
            )  # fmt: skip
            evaluation(5, at(prev, 23, 50))
            return Seeded(
                hall_id=hall.id,
                manager_staff_no="4001",
                bad_ticket_eval_id=bad_t.id,
                bad_case_eval_id=bad_c.id,
                ticket_ids=ids,
                case_nos=case_nos,
            )
    finally:
        rt.dispose()


def fixed_clock() -> None:
    clock.set_clock(lambda: NOW)
