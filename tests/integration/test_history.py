"""``counter demo-data``: a few days of generated history (the 5-year run is for the bench)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from counter import clock
from counter.demo.history import HallNotSeeded, generate_history
from counter.domain.checkchars import validate_citizen_id
from counter.reports import queries
from counter.services.base import Actor, Runtime
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    Evaluation,
    Ticket,
    TicketCounter,
    TicketEvent,
    Window,
)
from tests.reportdata import TZ

END = dt.date(2026, 3, 10)  # Tuesday; Mon 9 and Sun 8 before it
NOW = dt.datetime(2026, 3, 11, 10, 0, tzinfo=TZ).astimezone(dt.UTC)


@pytest.fixture
def fixed(hall_url: str):
    clock.set_clock(lambda: NOW)
    yield hall_url
    clock.set_clock(None)


def test_three_days_of_history(fixed: str) -> None:
    url = fixed
    steps: list[tuple[int, int, str]] = []
    r = generate_history(
        url, days=3, windows=16, end=END, progress=lambda a, b, n: steps.append((a, b, n))
    )
    assert (r.start, r.end, r.days_generated) == (
        END - dt.timedelta(days=2),
        END,
        2,
    )  # Sunday closed
    assert r.tickets > 1000 and r.cases > 300 and r.evaluations > 200
    assert steps and steps[-1][0] == steps[-1][1] == 3
    rt = Runtime(url)
    try:
        with rt.unit() as s:
            hall_id = rt.hall_id("QS")
            assert (
                s.scalar(select(func.count()).select_from(Window).where(Window.hall_id == hall_id))
                == 16
            )
            days = set(s.scalars(select(Ticket.day).where(Ticket.hall_id == hall_id).distinct()))
            assert days == {END - dt.timedelta(days=1), END}
            assert s.scalar(select(func.count()).select_from(Ticket)) == r.tickets
            assert s.scalar(select(func.count()).select_from(TicketEvent)) == r.ticket_events
            assert s.scalar(select(func.count()).select_from(CaseEvent)) == r.case_events
            assert s.scalar(select(func.count()).select_from(Evaluation)) == r.evaluations
            # numbers per issuing queue and day are gap-free and agree with the counters
            for qid, day, last in s.execute(
                select(TicketCounter.queue_id, TicketCounter.day, TicketCounter.last_seq)
            ):
                n, top = s.execute(
                    select(func.count(), func.max(Ticket.seq)).where(
                        Ticket.issue_queue_id == qid, Ticket.day == day
                    )
                ).one()
                assert n == top == last
            # times are ordered, nothing is in the future
            for issued, first, finished in s.execute(
                select(Ticket.issued_at, Ticket.first_called_at, Ticket.finished_at).limit(2000)
            ):
                assert first is None or issued <= first
                assert finished is None or (first is not None and first <= finished <= NOW)
            assert s.scalar(select(func.max(Case.updated_at))) <= NOW
            # generated people only: valid made-up numbers of the demo region, stored with a hash
            for number, hashed in s.execute(
                select(Applicant.id_number, Applicant.id_hash).limit(500)
            ):
                assert number.startswith("330110") and validate_citizen_id(number) and hashed
            # the next window call of today can still number its tickets and cases
            assert s.scalar(select(func.count(func.distinct(Case.case_no)))) == s.scalar(
                select(func.count()).select_from(Case)
            )
        report = queries.day_report(rt, Actor.system(hall_id), END)
        t = report.tickets
        assert t.issued > 500 and t.served + t.no_show + t.voided == t.issued
        assert t.waiting.count == t.called and t.service.count == t.served
        assert 0 < (t.within_target or 0) <= 1 and report.cases.accepted > 0
        assert (
            report.evaluations.count > 0 and 0.8 < (report.evaluations.satisfaction_rate or 0) <= 1
        )
        peak = max(report.by_hour, key=lambda h: h.issued)
        assert (
            peak.key in ("09", "10")
            and {h.key: h.issued for h in report.by_hour}.get("12", 0) < peak.issued / 3
        )
        again = generate_history(url, days=3, windows=16, end=END)
        assert (again.days_generated, again.days_skipped, again.tickets, again.applicants) == (
            0,
            2,
            0,
            0,
        )
    finally:
        rt.dispose()


def test_needs_the_demo_hall(fixed: str) -> None:
    with pytest.raises(HallNotSeeded):
        generate_history(fixed, days=1, hall_code="NOPE", end=END)
