"""The manager screen with pytest-qt: sign-in, live hall refreshed by events part by part,
follow-up, reports with tables and charts, exports, cancel."""

from __future__ import annotations

import datetime as dt

import pytest

from counter import clock
from counter.changes import Change
from counter.services import tickets
from counter.services.base import Actor, Runtime
from tests.reportdata import NOW, D, seed_report_day


class Ticking:
    def __init__(self, start: dt.datetime) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        self.at += dt.timedelta(milliseconds=200)
        return self.at


@pytest.fixture
def hall(hall_url: str):
    clock.set_clock(Ticking(NOW))
    data = seed_report_day(hall_url)
    rt = Runtime(hall_url)
    yield rt, data
    rt.dispose()
    clock.set_clock(None)


@pytest.fixture
def session(hall):
    from ui.manager.session import ManagerSession

    rt, _ = hall
    s = ManagerSession(rt)
    s.sign_in("4001", "demo1234")
    yield s
    s.close()


@pytest.fixture
def window(qtbot, session):
    from ui.manager.app import ManagerWindow

    w = ManagerWindow(session, live_updates=False)
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: all(w.live.reads.values()), timeout=15000)
    yield w
    w.stop()
    w.close()
    import gc

    gc.collect()  # on the Qt thread, not on a pool thread later


def test_sign_in_refuses_a_clerk(qtbot, hall) -> None:
    from ui.manager.app import ManagerSignIn
    from ui.manager.session import ManagerSession

    rt, _ = hall
    s = ManagerSession(rt)
    try:
        dialog = ManagerSignIn(s)
        qtbot.addWidget(dialog)
        dialog.staff_no.setText("1001")
        dialog.password.setText("demo1234")
        dialog.submit()
        qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=10000)
        assert "大厅管理员" in dialog.message.text() and s.signed is None
        dialog.staff_no.setText("4001")
        dialog.password.setText("demo1234")
        with qtbot.waitSignal(dialog.signed_in, timeout=10000):
            dialog.submit()
        assert s.actor.staff_no == "4001"
    finally:
        s.close()


def test_live_hall_shows_cases_and_followups(window, hall) -> None:
    _, data = hall
    live = window.live
    assert live.k_cases.value.text() == str(len(live.cases)) and live.cases
    assert live.case_table.model.rows()[0].case_no == data.case_nos["C5"]
    assert live.k_bad.value.text() == "2"
    assert "王建国" not in " ".join(str(r) for r in live.case_table.model.rows())


def test_events_refresh_only_the_part_they_touch(qtbot, window, hall) -> None:
    rt, _ = hall
    live = window.live
    before = dict(live.reads)
    kiosk = Actor.system(rt.hall_id("QS"), device="kiosk")
    tickets.issue_ticket(rt, kiosk, "A")
    tickets.issue_ticket(rt, kiosk, "B")
    for _ in range(3):  # several events at once: gathered into one read
        live.on_event(Change(id=1, type="ticket.issued", hall_id=None, at=""))
    qtbot.waitUntil(lambda: live.reads["floor"] == before["floor"] + 1, timeout=10000)
    qtbot.wait(400)
    assert live.reads["floor"] == before["floor"] + 1
    assert live.reads["cases"] == before["cases"] and live.reads["followups"] == before["followups"]
    assert live.k_waiting.value.text() == "2"
    live.on_event(Change(id=2, type="case.accepted", hall_id=None, at=""))
    qtbot.waitUntil(lambda: live.reads["cases"] == before["cases"] + 1, timeout=10000)
    assert live.reads["floor"] == before["floor"] + 1
    live.on_event(Change(id=3, type="staff.signed_in", hall_id=None, at=""))
    qtbot.wait(400)
    assert live.reads["floor"] == before["floor"] + 1


def test_change_events_arrive_from_the_database(qtbot, hall, session) -> None:
    """The real subscription (NOTIFY on PostgreSQL, the polled change log on SQLite)."""
    from ui.manager.app import ManagerWindow

    rt, _ = hall
    w = ManagerWindow(session, live_updates=True)
    qtbot.addWidget(w)
    w.start()
    try:
        qtbot.waitUntil(lambda: all(w.live.reads.values()), timeout=15000)
        qtbot.waitUntil(
            lambda: w.updates._sub is not None and w.updates._sub.connected, timeout=10000
        )
        cases_before = w.live.reads["cases"]
        kiosk = Actor.system(rt.hall_id("QS"), device="kiosk")
        tickets.issue_ticket(rt, kiosk, "A")
        qtbot.waitUntil(lambda: w.live.k_waiting.value.text() == "1", timeout=15000)
        assert w.live.reads["cases"] == cases_before
    finally:
        w.stop()
        w.close()
        import gc

        gc.collect()


def test_record_followup_from_the_live_hall(qtbot, window, hall, monkeypatch) -> None:
    import ui.manager.live as live_mod

    _, data = hall
    live = window.live
    asked = []
    monkeypatch.setattr(
        live_mod,
        "ask_followup",
        lambda row, parent: asked.append(row.id) or (True, True, "已回访并整改"),
    )
    live.tabs.setCurrentIndex(1)
    live.bad_table.view.selectRow(0)
    live.followup_button.click()
    qtbot.waitUntil(lambda: live.k_bad.value.text() == "1", timeout=10000)
    assert asked and asked[0] in (data.bad_case_eval_id, data.bad_ticket_eval_id)
    assert [b.id for b in live.followups] != asked


def test_day_report_tables_filter_and_sort(qtbot, window) -> None:
    view = window.day
    window.tabs.setCurrentWidget(view)
    view.day.setDate(view.day.date().fromString(D.isoformat(), "yyyy-MM-dd"))
    with qtbot.waitSignal(view.shown, timeout=15000):
        view.generate()
    assert view.k["issued"].value.text() == "6 / 3"
    assert view.k["p90"].value.text() == "30.0"
    assert view.k["on_time"].value.text() == "66.7%" and view.k["first"].value.text() == "66.7%"
    assert view.k["sat"].value.text() == "66.7%"
    t = view.t_window
    assert t.proxy.rowCount() == 2
    t.filter.setText("1号")
    assert t.proxy.rowCount() == 1 and "1 / 2" in t.count.text()
    t.filter.clear()
    col = 2  # 办结 (windows issue no tickets: no 取号 column)
    t.view.sortByColumn(col, pytest.importorskip("PySide6.QtCore").Qt.SortOrder.DescendingOrder)
    assert t.visible_rows()[0].served == 3
    assert view.c_hourly.chart().series() and view.c_items.chart().series()
    assert view.t_bad.model.rowCount() == 2


def test_period_report_progress_export_and_cancel(qtbot, window, tmp_path, monkeypatch) -> None:
    import ui.manager.reports as reports_mod
    from ui.manager.session import Job

    view = window.period
    window.tabs.setCurrentWidget(view)
    view.start.setDate(
        view.start.date().fromString((D - dt.timedelta(days=20)).isoformat(), "yyyy-MM-dd")
    )
    view.end.setDate(view.end.date().fromString(D.isoformat(), "yyyy-MM-dd"))
    with qtbot.waitSignal(view.shown, timeout=20000):
        view.generate()
    assert len(view.report.by_day) == 21 and view.t_days.model.rowCount() == 21
    assert view.c_trend.chart().series()
    for fmt in ("xlsx", "pdf", "csv"):
        out = tmp_path / f"period.{fmt}"
        monkeypatch.setattr(reports_mod, "ask_export_path", lambda *_a, o=out: str(o))
        view.format.setCurrentIndex(view.format.findData(fmt))
        with qtbot.waitSignal(view.exported, timeout=60000):
            view.export()
        assert out.stat().st_size > 1000
    assert (tmp_path / "period.pdf").read_bytes()[:4] == b"%PDF"
    # cancelled: the core stops between weeks and the screen says so
    monkeypatch.setattr(Job, "cancelled", lambda self: True)
    view.generate()
    qtbot.waitUntil(lambda: view.job is None, timeout=10000)
    assert "取消" in view.banner.label.text()
    assert view.generate_button.isEnabled() and not view.cancel_button.isVisible()
