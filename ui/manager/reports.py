"""Day and period reports (日报 / 期间报表): figures, Qt Charts, sortable and filterable
tables, and exports (CSV, XLSX, PDF, JSON) with progress and cancel.

A report is generated on the worker (:meth:`ManagerSession.day_report` /
:meth:`ManagerSession.period_report`); a period shows its progress week by week and can be
cancelled. The screen keeps the last report and draws it; exports write that same report.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import clock
from counter.reports.queries import ReportCancelled
from ui.manager import charts
from ui.manager.live import Kpi
from ui.manager.session import Job, ManagerSession
from ui.manager.tables import Column, RowTable
from ui.widgets import Banner, error_text, named

log = logging.getLogger(__name__)

EXPORT_FORMATS = (("xlsx", "Excel (*.xlsx)"), ("csv", "CSV (*.csv)"), ("pdf", "PDF (*.pdf)"),
                  ("json", "JSON (*.json)"))  # fmt: skip


def ask_export_path(parent: QWidget, suggested: str, filters: str) -> str:
    """Where to write the export (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("导出报表"), suggested, filters)
    return str(path)


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _min(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


class ReportView(QWidget):
    """A day report (``period=False``) or a period report with its daily trend."""

    shown = Signal(object)  # the report drawn
    exported = Signal(str)  # the file written

    def __init__(
        self, session: ManagerSession, *, period: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.period = period
        self.report: Any = None
        self.job: Job | None = None
        self.export_job: Job | None = None
        self._build()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        bar = QHBoxLayout()
        yesterday = clock.today() - dt.timedelta(days=1)
        if self.period:
            self.start = QDateEdit(_qdate(yesterday - dt.timedelta(days=29)))
            self.end = QDateEdit(_qdate(yesterday))
            for w in (self.start, self.end):
                w.setCalendarPopup(True)
                w.setDisplayFormat("yyyy-MM-dd")
            bar.addWidget(QLabel(self.tr("从")))
            bar.addWidget(self.start)
            bar.addWidget(QLabel(self.tr("到")))
            bar.addWidget(self.end)
            for label, days in (
                (self.tr("近7天"), 7),
                (self.tr("近30天"), 30),
                (self.tr("近一年"), 365),
            ):
                b = QPushButton(label)
                b.setProperty("days", days)
                b.clicked.connect(self._quick_period)
                bar.addWidget(b)
        else:
            self.day = QDateEdit(_qdate(clock.today()))
            self.day.setCalendarPopup(True)
            self.day.setDisplayFormat("yyyy-MM-dd")
            bar.addWidget(QLabel(self.tr("日期")))
            bar.addWidget(self.day)
            for label, back in ((self.tr("今天"), 0), (self.tr("昨天"), 1)):
                b = QPushButton(label)
                b.setProperty("back", back)
                b.clicked.connect(self._quick_day)
                bar.addWidget(b)
        self.generate_button = named(QPushButton(self.tr("生成报表")), "primary")
        self.generate_button.clicked.connect(self.generate)
        bar.addWidget(self.generate_button)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        bar.addWidget(self.progress)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        self.format = QComboBox()
        for fmt, label in EXPORT_FORMATS:
            self.format.addItem(label, fmt)
        bar.addWidget(self.format)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        bar.addWidget(self.export_button)
        lay.addLayout(bar)
        self.banner = Banner("info")
        lay.addWidget(self.banner)
        self.title = named(QLabel(""), "sectionTitle")
        lay.addWidget(self.title)
        kpis = QHBoxLayout()
        self.k = {
            "issued": Kpi(self.tr("取号 / 办结")),
            "wait": Kpi(self.tr("平均等候（分）")),
            "p90": Kpi(self.tr("等候90分位（分）")),
            "service": Kpi(self.tr("平均办理（分）")),
            "cases": Kpi(self.tr("受理 / 办结办件")),
            "on_time": Kpi(self.tr("按时办结率")),
            "first": Kpi(self.tr("一次办成率")),
            "sat": Kpi(self.tr("满意率")),
        }
        for k in self.k.values():
            kpis.addWidget(k, 1)
        lay.addLayout(kpis)
        self.tabs = QTabWidget()
        charts_page = QWidget()
        grid = QGridLayout(charts_page)
        grid.setContentsMargins(0, 0, 0, 0)
        self.c_hourly = charts.ChartView()
        self.c_hist = charts.ChartView()
        self.c_items = charts.ChartView()
        self.c_trend = charts.ChartView()
        grid.addWidget(self.c_hourly, 0, 0)
        grid.addWidget(self.c_hist, 0, 1)
        grid.addWidget(self.c_items, 1, 0)
        grid.addWidget(self.c_trend, 1, 1)
        self.c_trend.setVisible(self.period)
        if not self.period:
            grid.addWidget(self.c_items, 1, 0, 1, 2)
        self.tabs.addTab(charts_page, self.tr("图表"))
        self.t_hour = self._breakdown(self.tr("按时段"), hours=True)
        self.t_window = self._breakdown(self.tr("按窗口"), issued=False)
        self.t_clerk = self._breakdown(self.tr("按工作人员"), issued=False)
        self.t_queue = self._breakdown(self.tr("按队列"))
        yes = self.tr("是")  # the column functions hold words, never the widget
        self.t_items = RowTable(
            self.tr("办件（按事项）"),
            [
                Column(self.tr("事项编码"), lambda i: i.code),
                Column(self.tr("事项名称"), lambda i: i.name),
                Column(self.tr("部门"), lambda i: i.department),
                Column(self.tr("即办件"), lambda i: yes if i.on_the_spot else ""),
                Column(self.tr("受理"), lambda i: i.accepted, "int"),
                Column(self.tr("办结"), lambda i: i.completed, "int"),
                Column(self.tr("按时办结率"), lambda i: i.on_time_rate, "rate"),
                Column(
                    self.tr("超期"),
                    lambda i: i.overdue,
                    "int",
                    lambda i: "red" if i.overdue else None,
                ),
            ],
            filter_placeholder=self.tr("筛选事项、部门…"),
        )
        self.t_depts = RowTable(
            self.tr("办件（按部门）"),
            [
                Column(self.tr("部门"), lambda d: d.name),
                Column(self.tr("受理"), lambda d: d.accepted, "int"),
                Column(self.tr("办结"), lambda d: d.completed, "int"),
                Column(self.tr("按时办结率"), lambda d: d.on_time_rate, "rate"),
                Column(
                    self.tr("超期"),
                    lambda d: d.overdue,
                    "int",
                    lambda d: "red" if d.overdue else None,
                ),
            ],
        )
        self.t_bad = RowTable(
            self.tr("差评及整改"),
            [
                Column(self.tr("时间"), lambda b: b.at, "time"),
                Column(self.tr("等级"), lambda b: b.level_label, "text", lambda b: "red"),
                Column(self.tr("原因"), lambda b: "、".join(b.reasons)),
                Column(self.tr("办件编号"), lambda b: b.case_no),
                Column(self.tr("号票"), lambda b: b.ticket_number),
                Column(self.tr("事项"), lambda b: b.item_name),
                Column(self.tr("窗口"), lambda b: b.window, "int"),
                Column(self.tr("工作人员"), lambda b: b.clerk),
                Column(self.tr("申请人"), lambda b: b.applicant_masked),
                Column(self.tr("整改状态"), lambda b: b.followup_state_label, "text",
                       lambda b: "green" if b.followup_state == "closed" else
                       ("red" if b.followup_overdue else "amber")),
                Column(self.tr("情况说明"), lambda b: b.followup_note),
            ],
        )  # fmt: skip
        self.t_days = RowTable(
            self.tr("每日趋势"),
            [
                Column(self.tr("日期"), lambda d: d.day.isoformat()),
                Column(self.tr("取号"), lambda d: d.issued, "int"),
                Column(self.tr("办结"), lambda d: d.served, "int"),
                Column(self.tr("过号"), lambda d: d.no_show, "int"),
                Column(self.tr("平均等候"), lambda d: d.waiting_mean, "min"),
                Column(self.tr("等候90分位"), lambda d: d.waiting_p90, "min"),
                Column(self.tr("受理办件"), lambda d: d.accepted, "int"),
                Column(self.tr("办结办件"), lambda d: d.completed, "int"),
                Column(self.tr("满意率"), lambda d: d.satisfaction_rate, "rate"),
            ],
        )
        for table, label in (
            (self.t_hour, self.tr("按时段")),
            (self.t_window, self.tr("按窗口")),
            (self.t_clerk, self.tr("按工作人员")),
            (self.t_queue, self.tr("按队列")),
            (self.t_items, self.tr("事项")),
            (self.t_depts, self.tr("部门")),
            (self.t_bad, self.tr("差评")),
        ):
            self.tabs.addTab(table, label)
        if self.period:
            self.tabs.addTab(self.t_days, self.tr("每日"))
        lay.addWidget(self.tabs, 1)

    def _breakdown(self, title: str, *, hours: bool = False, issued: bool = True) -> RowTable:
        """Windows and clerks issue no tickets: no 取号 column for them."""
        cols = [
            Column(self.tr("项目"), lambda b: b.label),
            *([Column(self.tr("取号"), lambda b: b.issued, "int")] if issued else []),
            Column(self.tr("叫号"), lambda b: b.called, "int"),
            Column(self.tr("办结"), lambda b: b.served, "int"),
            Column(self.tr("过号"), lambda b: b.no_show, "int"),
            Column(self.tr("转办"), lambda b: b.transferred, "int"),
            Column(self.tr("平均等候"), lambda b: b.waiting.mean, "min"),
            Column(self.tr("等候中位数"), lambda b: b.waiting.median, "min"),
            Column(self.tr("等候90分位"), lambda b: b.waiting.p90, "min"),
            Column(self.tr("最长等候"), lambda b: b.waiting.max, "min"),
            Column(self.tr("平均办理"), lambda b: b.service.mean, "min"),
            Column(self.tr("办理90分位"), lambda b: b.service.p90, "min"),
            Column(self.tr("等候达标率"), lambda b: b.within_target, "rate"),
        ]
        if hours:
            cols.append(Column(self.tr("在岗窗口"), lambda b: b.windows, "min"))
        return RowTable(title, cols)

    # -- generating --------------------------------------------------------------------------

    def _quick_period(self) -> None:
        self.set_last_days(int(self.sender().property("days")))

    def _quick_day(self) -> None:
        back = int(self.sender().property("back"))
        self.day.setDate(_qdate(clock.today() - dt.timedelta(days=back)))

    def set_last_days(self, n: int) -> None:
        end = clock.today() - dt.timedelta(days=1)
        self.end.setDate(_qdate(end))
        self.start.setDate(_qdate(end - dt.timedelta(days=n - 1)))

    def busy(self) -> bool:
        return self.job is not None or self.export_job is not None

    def _running(self, job: Job | None) -> None:
        on = job is not None
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.generate_button.setEnabled(not on)
        self.export_button.setEnabled(not on and self.report is not None)
        if on:
            self.progress.setRange(0, 0)
            assert job is not None
            job.progress.connect(self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def generate(self) -> None:
        if self.busy():
            return
        self.banner.clear()
        job = Job(self)
        self.job = job
        self._running(job)
        fn: Callable[[], Any]
        if self.period:
            start, end = _pydate(self.start.date()), _pydate(self.end.date())
            fn = lambda: self.session.period_report(start, end, job)  # noqa: E731
        else:
            day = _pydate(self.day.date())
            fn = lambda: self.session.day_report(day)  # noqa: E731
        self.session.worker.submit(
            "report", fn, on_done=self._generated, on_error=self._generation_failed
        )

    def cancel(self) -> None:
        for job in (self.job, self.export_job):
            if job is not None:
                job.cancel()

    def _generated(self, report: Any) -> None:
        self.job = None
        self._running(None)
        self.show_report(report)

    def _generation_failed(self, exc: object) -> None:
        self.job = None
        self._running(None)
        if isinstance(exc, ReportCancelled):
            self.banner.show_message(self.tr("已取消报表生成"), "info")
        else:
            self.banner.show_message(error_text(exc), "error")

    # -- drawing -----------------------------------------------------------------------------

    def show_report(self, r: Any) -> None:
        self.report = r
        self.export_button.setEnabled(True)
        when = r.start.isoformat() if r.is_day else f"{r.start.isoformat()} — {r.end.isoformat()}"
        self.title.setText(f"{r.hall_name} · {when}")
        t, c, e = r.tickets, r.cases, r.evaluations
        self.k["issued"].set(f"{t.issued} / {t.served}", self.tr("过号 %1 · 转办 %2")
                             .replace("%1", str(t.no_show)).replace("%2", str(t.transferred)))  # fmt: skip
        self.k["wait"].set(
            _min(t.waiting.mean), self.tr("中位数 %1").replace("%1", _min(t.waiting.median))
        )
        self.k["p90"].set(
            _min(t.waiting.p90), self.tr("最长 %1").replace("%1", _min(t.waiting.max))
        )
        self.k["service"].set(
            _min(t.service.mean), self.tr("90分位 %1").replace("%1", _min(t.service.p90))
        )
        self.k["cases"].set(
            f"{c.accepted} / {c.completed}", self.tr("超期 %1").replace("%1", str(c.overdue))
        )
        self.k["on_time"].set(
            _pct(c.on_time_rate), self.tr("即办件 %1").replace("%1", _pct(c.on_the_spot_share))
        )
        self.k["first"].set(_pct(c.first_visit_rate))
        self.k["sat"].set(_pct(e.satisfaction_rate), self.tr("评价 %1 · 差评 %2")
                          .replace("%1", str(e.count)).replace("%2", str(len(e.bad))))  # fmt: skip
        hours = [h for h in r.by_hour if h.issued or h.served]
        charts.hourly(
            self.c_hourly, self.tr("各时段到达与在岗窗口"), [h.key for h in hours],
            [h.issued for h in hours], [h.served for h in hours], [h.windows for h in hours],
            issued_label=self.tr("取号"), served_label=self.tr("办结"),
            windows_label=self.tr("在岗窗口"),
        )  # fmt: skip
        labels = [b for b, _n in r.waiting_histogram]
        target_idx = next((i for i, b in enumerate(labels)
                           if int(b.split("–")[0].rstrip("+")) >= t.target_wait_minutes), None)  # fmt: skip
        charts.histogram(
            self.c_hist, self.tr("等候时长分布（分钟）"), labels, [n for _b, n in r.waiting_histogram],
            self.tr("号票"), target_idx,
        )  # fmt: skip
        top = list(c.by_item[:10])
        charts.top_items(self.c_items, self.tr("受理最多的事项"), [i.name for i in top],
                         [i.accepted for i in top], self.tr("受理"))  # fmt: skip
        if self.period:
            charts.trend(
                self.c_trend, self.tr("每日趋势"), [d.day.isoformat() for d in r.by_day],
                [d.issued for d in r.by_day], [d.served for d in r.by_day],
                [d.waiting_mean for d in r.by_day], issued_label=self.tr("取号"),
                served_label=self.tr("办结"), waiting_label=self.tr("平均等候（分，右轴）"),
            )  # fmt: skip
            self.t_days.set_rows(r.by_day)
        self.t_hour.set_rows(r.by_hour)
        self.t_window.set_rows(r.by_window)
        self.t_clerk.set_rows(r.by_clerk)
        self.t_queue.set_rows(r.by_queue)
        self.t_items.set_rows(c.by_item)
        self.t_depts.set_rows(c.by_department)
        self.t_bad.set_rows(e.bad)
        self.shown.emit(r)

    # -- exporting ---------------------------------------------------------------------------

    def export(self) -> None:
        if self.report is None or self.busy():
            return
        fmt = str(self.format.currentData())
        label = dict(EXPORT_FORMATS)[fmt]
        r = self.report
        name = f"{r.hall_code}-{r.start:%Y%m%d}" + ("" if r.is_day else f"-{r.end:%Y%m%d}")
        path = ask_export_path(self, f"{name}.{fmt}", label)
        if not path:
            return
        job = Job(self)
        self.export_job = job
        self._running(job)
        self.session.worker.submit(
            "export",
            lambda: self.session.export(r, fmt, path, job),
            on_done=self._exported,
            on_error=self._export_failed,
        )

    def _exported(self, path: Any) -> None:
        self.export_job = None
        self._running(None)
        self.banner.show_message(self.tr("已导出：%1").replace("%1", str(path)), "ok")
        self.exported.emit(str(path))

    def _export_failed(self, exc: object) -> None:
        self.export_job = None
        self._running(None)
        if isinstance(exc, ReportCancelled):
            self.banner.show_message(self.tr("已取消导出"), "info")
        else:
            self.banner.show_message(error_text(exc), "error")
