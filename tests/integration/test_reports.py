"""Every figure of the day and period reports on a hand-computed hall day (tests/reportdata.py),
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter import clock
from counter.errors import InvalidInput, PermissionDenied
from counter.reports import queries
from counter.services.base import ADMIN, CLERK, MANAGER, Actor, Runtime
from db.models import Staff
from tests.reportdata import D, fixed_clock, seed_report_day


@pytest.fixture
def seeded(hall_url: str):
    fixed_clock()
    data = seed_report_day(hall_url)
    rt = Runtime(hall_url)
    yield rt, data
    rt.dispose()
    clock.set_clock(None)


def actor_for(rt: Runtime, staff_no: str, roles: tuple[str, ...] | None = None) -> Actor:
    with rt.unit() as s:
        st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).one()
        return Actor(
            hall_id=st.hall_id,
            staff_id=st.id,
            staff_no=st.staff_no,
            name=st.name,
            roles=frozenset(roles if roles is not None else [r.role for r in st.roles]),
        )


def test_day_report_tickets(seeded) -> None:
    rt, data = seeded
    r = queries.day_report(rt, actor_for(rt, "4001"), D)
    t = r.tickets
    assert (t.issued, t.called, t.served, t.no_show, t.transferred, t.voided) == (6, 5, 3, 1, 1, 1)
    # waits 2 5 10 20 30: mean 13.4, median 10, p90 = 5th of 5 (nearest rank) = 30
    w = t.waiting
    assert (w.count, w.mean, w.median, w.p90, w.max) == (5, pytest.approx(13.4), 10, 30, 30)
    # services 6 10 15
    sv = t.service
    assert (sv.count, sv.median, sv.p90, sv.max) == (3, 10, 15, 15)
    assert sv.mean == pytest.approx(31 / 3)
    assert t.target_wait_minutes == 15
    assert t.within_target == pytest.approx(3 / 5)
    j = r.to_json()
    assert j["tickets"]["issued"] == 6 and j["tickets"]["no_show"] == 1
    assert j["waiting_minutes"] == {
        "count": 5,
        "mean": 13.4,
        "median": 10.0,
        "p90": 30.0,
        "max": 30.0,
    }
    assert j["service_minutes"]["mean"] == 10.33


def test_day_report_breakdowns(seeded) -> None:
    rt, _ = seeded
    r = queries.day_report(rt, actor_for(rt, "4001"), D)
    hours = {h.key: h for h in r.by_hour}
    assert sorted(hours) == ["09", "10", "11", "14"]
    assert (hours["09"].issued, hours["09"].served, hours["09"].called) == (3, 2, 3)
    assert hours["09"].waiting.max == 20 and hours["09"].windows == 2
    assert hours["09"].no_show == 1 and hours["10"].transferred == 1
    assert (hours["10"].issued, hours["10"].served, hours["10"].waiting.mean) == (2, 0, 30)
    assert (hours["11"].issued, hours["11"].served, hours["11"].service.max) == (0, 1, 15)
    assert hours["14"].issued == 1 and hours["14"].waiting.mean == 5
    win = {w.key: w for w in r.by_window}
    assert (win["1"].called, win["1"].served, win["1"].no_show, win["1"].transferred) == (
        3,
        3,
        0,
        0,
    )
    assert win["1"].waiting.median == 20 and win["1"].service.mean == pytest.approx(31 / 3)
    assert (win["2"].called, win["2"].served, win["2"].no_show, win["2"].transferred) == (
        2,
        0,
        1,
        1,
    )
    assert win["2"].within_target == 1.0
    clerks = {c.key: c for c in r.by_clerk}
    assert clerks["1001"].served == 3 and clerks["1002"].transferred == 1
    assert clerks["1001"].label.startswith("1001 ")
    queues = {q.key: q for q in r.by_queue}
    assert (queues["A"].issued, queues["A"].called, queues["A"].served) == (5, 5, 3)
    assert (queues["B"].issued, queues["B"].called, queues["B"].transferred) == (1, 0, 1)
    hist = dict(r.waiting_histogram)
    assert hist["0–5"] == 1 and hist["5–10"] == 1 and hist["10–15"] == 1
    assert (
        hist["15–20"] == 0 and hist["20–30"] == 1 and hist["30–45"] == 1 and sum(hist.values()) == 5
    )


def test_day_report_cases(seeded) -> None:
    rt, data = seeded
    c = queries.day_report(rt, actor_for(rt, "4001"), D).cases
    assert (c.accepted, c.completed, c.completed_on_time, c.overdue) == (3, 3, 2, 1)
    assert c.on_time_rate == pytest.approx(2 / 3)
    assert (c.on_the_spot, c.first_visit) == (1, 2)
    assert c.on_the_spot_share == pytest.approx(1 / 3)
    assert c.first_visit_rate == pytest.approx(2 / 3)
    assert sum(i.accepted for i in c.by_item) == 3
    assert sum(i.overdue for i in c.by_item) == 1
    assert sum(d.completed for d in c.by_department) == 3
    top = c.by_item[0]
    assert (
        top.accepted == 2 and top.overdue == 1 and top.completed == 2 and top.completed_on_time == 1
    )


def test_day_report_evaluations(seeded) -> None:
    rt, data = seeded
    e = queries.day_report(rt, actor_for(rt, "4001"), D).evaluations
    assert e.count == 6
    assert {lc.level: lc.count for lc in e.levels} == {5: 2, 4: 1, 3: 1, 2: 1, 1: 1}
    assert e.satisfaction_rate == pytest.approx(4 / 6)
    assert [b.level for b in e.bad] == [1, 2]  # newest first
    worst = e.bad[0]
    assert worst.case_no == data.case_nos["C1"] and worst.applicant_masked == "王**"
    assert worst.followup_state == "open" and worst.followup_overdue  # deadline D−1 < D+1
    assert worst.reasons == ("服务态度差",) and worst.window == 2
    other = e.bad[1]
    assert other.ticket_number == "A002" and not other.followup_overdue
    assert other.clerk.startswith("1001 ")
    text = str(queries.day_report(rt, actor_for(rt, "4001"), D).to_json())
    assert "王建国" not in text


def test_period_report_and_trend(seeded) -> None:
    rt, _ = seeded
    prev = D - dt.timedelta(days=1)
    r = queries.period_report(rt, actor_for(rt, "4001"), prev, D)
    assert r.tickets.issued == 7 and r.tickets.served == 4
    # waits 2 5 10 20 30 30: median 15, p90 = 6th (ceil 5.4) = 30
    assert r.tickets.waiting.median == 15 and r.tickets.waiting.p90 == 30
    assert r.tickets.waiting.mean == pytest.approx(97 / 6)
    assert [d.day for d in r.by_day] == [prev, D]
    assert (r.by_day[0].issued, r.by_day[0].evaluations, r.by_day[0].waiting_p90) == (1, 1, 30)
    assert (r.by_day[1].issued, r.by_day[1].accepted, r.by_day[1].completed) == (6, 3, 3)
    assert r.evaluations.count == 7
    assert {h.key: h.issued for h in r.by_hour}["16"] == 1


def test_period_progress_and_cancel(seeded) -> None:
    rt, _ = seeded
    seen: list[tuple[int, int]] = []
    queries.period_report(
        rt,
        actor_for(rt, "4001"),
        D - dt.timedelta(days=20),
        D,
        progress=lambda a, b: seen.append((a, b)),
    )
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] and len(seen) >= 4
    with pytest.raises(queries.ReportCancelled):
        queries.period_report(
            rt, actor_for(rt, "4001"), D - dt.timedelta(days=20), D, cancelled=lambda: True
        )


def test_reports_are_for_managers_only(seeded) -> None:
    rt, _ = seeded
    with pytest.raises(PermissionDenied):
        queries.day_report(rt, actor_for(rt, "1001"), D)
    admin = actor_for(rt, "1001", (ADMIN,))
    assert queries.day_report(rt, admin, D).tickets.issued == 6
    kiosk = Actor.system(actor_for(rt, "4001").hall_id, device="kiosk")
    with pytest.raises(PermissionDenied):
        queries.day_report(rt, kiosk, D)
    clerk_manager = actor_for(rt, "1001", (CLERK, MANAGER))
    assert queries.day_report(rt, clerk_manager, D).tickets.served == 3


def test_another_halls_day_is_empty(seeded) -> None:
    rt, _ = seeded
    from db.models import Hall

    with rt.unit() as s:
        village = s.scalars(select(Hall.id).where(Hall.code == "QS-SQ")).one()
    r = queries.day_report(rt, Actor.system(village), D)
    assert r.tickets.issued == 0 and r.cases.accepted == 0 and r.evaluations.count == 0
    assert r.tickets.waiting.mean is None and r.cases.on_time_rate is None


def test_bad_period_is_refused(seeded) -> None:
    rt, _ = seeded
    with pytest.raises(InvalidInput):
        queries.period_report(rt, actor_for(rt, "4001"), D, D - dt.timedelta(days=1))
