"""The manager's door (counter/manager.py): live hall, follow-ups, exports, sign-in."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from sqlalchemy import select

from counter import clock, manager
from counter.errors import PermissionDenied
from counter.services import calling, tickets
from counter.services.base import Actor, Runtime
from db.models import Hall, Queue, Ticket
from tests.integration.test_reports import actor_for
from tests.reportdata import NOW, D, at, seed_report_day


class Ticking:
    def __init__(self, start: dt.datetime) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        self.at += dt.timedelta(seconds=1)
        return self.at


@pytest.fixture
def seeded(hall_url: str):
    clock.set_clock(Ticking(NOW))
    data = seed_report_day(hall_url)
    rt = Runtime(hall_url)
    yield rt, data
    rt.dispose()
    clock.set_clock(None)


def test_live_floor_queues_windows_and_last_week(seeded) -> None:
    rt, _ = seeded
    today = D + dt.timedelta(days=1)
    week_ago = today - dt.timedelta(days=7)
    with rt.unit() as s:
        hall = s.scalars(select(Hall).where(Hall.code == "QS")).one()
        qa = s.scalars(select(Queue).where(Queue.hall_id == hall.id, Queue.prefix == "A")).one()
        for seq, finished in ((1, at(week_ago, 11, 0)), (2, at(week_ago, 13, 0))):
            s.add(Ticket(hall_id=hall.id, queue_id=qa.id, issue_queue_id=qa.id, day=week_ago,
                         seq=seq, number=f"A{seq:03d}", state="done", sort_key=0,
                         issued_at=at(week_ago, 9, 0), queued_at=at(week_ago, 9, 0),
                         finished_at=finished))  # fmt: skip
        hall_id = hall.id
    kiosk = Actor.system(hall_id, device="kiosk")
    for _ in range(3):
        tickets.issue_ticket(rt, kiosk, "A")
    clerk = actor_for(rt, "1001")
    calling.open_window(rt, clerk, 1)
    calling.call_next(rt, clerk, 1)
    calling.pause_window(rt, actor_for(rt, "1002"), 2)
    boss = actor_for(rt, "4001")
    f = manager.live_floor(rt, boss)
    a = next(q for q in f.queues if q.prefix == "A")
    assert (a.waiting, a.issued, a.served) == (2, 3, 0)
    assert a.longest_wait_minutes is not None and 0 <= a.longest_wait_minutes < 1
    assert a.open_windows >= 1
    w1, w2, w3 = f.windows[:3]
    assert (w1.activity, w1.ticket_number, w1.activity_label) == ("called", "A001", "已叫号")
    assert w1.clerk.startswith("1001 ") and w1.since is not None
    assert (w2.activity, w2.ticket_number) == ("paused", None)
    assert w3.activity == "closed"
    assert (f.issued_today, f.served_today) == (3, 0)
    assert (f.served_last_week, f.issued_last_week) == (1, 2)
    assert f.waiting == 2


def test_live_cases_and_followups(seeded) -> None:
    rt, data = seeded
    boss = actor_for(rt, "4001")
    hall = manager.live_hall(rt, boss)
    assert hall.cases, "the open case past its deadline is shown"
    first = hall.cases[0]
    assert first.case_no == data.case_nos["C5"] and first.level == "red"
    assert first.level_label == "红牌" and first.working_days_left is not None
    assert first.working_days_left < 0 and first.applicant_masked == "王**"
    assert {b.id for b in hall.followups} == {data.bad_case_eval_id, data.bad_ticket_eval_id}
    done = manager.record_followup(rt, boss, data.bad_case_eval_id, contacted=True,
                                   resolved=True, explanation="已回访并整改")  # fmt: skip
    assert done.state == "closed" and [b.id for b in done.followups] == [data.bad_ticket_eval_id]
    assert done.changes[0].type == "evaluation.followup"
    assert [b.id for b in manager.live_followups(rt, boss)] == [data.bad_ticket_eval_id]
    assert manager.live_cases(rt, boss)[0].case_no == data.case_nos["C5"]


def test_refresh_for_places_events() -> None:
    assert manager.refresh_for("ticket.called") == "floor"
    assert manager.refresh_for("window.state") == "floor"
    assert manager.refresh_for("case.accepted") == "cases"
    assert manager.refresh_for("evaluation.followup") == "followups"
    assert manager.refresh_for("history.generated") == "all"
    assert manager.refresh_for("staff.signed_in") is None


def test_door_refuses_clerks_and_signs_in_managers(seeded) -> None:
    rt, _ = seeded
    clerk = actor_for(rt, "1001")
    for fn in (manager.live_hall, manager.live_floor, manager.live_cases, manager.live_followups):
        with pytest.raises(PermissionDenied):
            fn(rt, clerk)
    with pytest.raises(PermissionDenied):
        manager.day_report(rt, clerk, D)
    assert manager.sign_in(rt, "4001", "demo1234").actor.has("manager")
    with pytest.raises(PermissionDenied):
        manager.sign_in(rt, "1001", "demo1234")


def test_exports_json_csv_xlsx(seeded, tmp_path) -> None:
    from openpyxl import load_workbook

    rt, _ = seeded
    boss = actor_for(rt, "4001")
    day = manager.day_report(rt, boss, D)
    period = manager.period_report(rt, boss, D - dt.timedelta(days=1), D)
    manager.export_report(rt, boss, day, "json", tmp_path / "d.json")
    j = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert j["tickets"]["issued"] == 6 and j["cases"]["on_time_rate"] == 0.6667
    steps: list[tuple[int, int]] = []
    manager.export_report(
        rt, boss, day, "csv", tmp_path / "d.csv", progress=lambda a, b: steps.append((a, b))
    )
    assert steps[-1][0] == steps[-1][1]
    rows = list(csv.reader((tmp_path / "d.csv").open(encoding="utf-8-sig")))
    flat = {r[0]: r[1] for r in rows if len(r) == 2}
    assert (
        flat["按时办结率"] == "66.7%"
        and flat["一次办成率"] == "66.7%"
        and flat["满意率"] == "66.7%"
    )
    assert flat["等候90分位（分钟）"] == "30.0"
    assert not any("王建国" in c for r in rows for c in r)
    manager.export_report(rt, boss, period, "xlsx", tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    assert {"概要", "按时段", "按窗口", "每日趋势", "差评及整改"} <= set(wb.sheetnames)
    assert {"图表-时段", "图表-评价", "图表-趋势"} <= set(
        wb.chartsheets and [c.title for c in wb.chartsheets]
    )
    ws = wb["按窗口"]
    assert ws["A2"].value == "项目" and ws.freeze_panes == "A3"
    rate = next(c for c in ws[3] if c.number_format == "0.0%")
    assert rate.value is not None
    village = Actor.system(boss.hall_id + 1)
    with pytest.raises(PermissionDenied):
        manager.export_report(rt, village, day, "json", tmp_path / "x.json")
    doc = manager.report_document(day)
    assert doc.title == "运行日报" and "按时办结率" in doc.text() and "王建国" not in doc.text()
