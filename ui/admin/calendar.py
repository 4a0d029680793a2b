"""工作日历 tab: a year at a glance (twelve months, holidays red, adjusted working days and the
hall's extra working days blue, the hall's closure days grey), the year's marked days, marking
a closure day or an extra working day, reloading the national data, and which years are not
confirmed yet (deadlines over them are only estimates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter import admin as door
from counter import clock
from counter.services.admin import CalendarYearView
from ui import widgets
from ui.admin.common import AdminTab, joined
from ui.admin.session import AdminSession
from ui.widgets import named

HOLIDAY = QColor("#c62828")
WORKDAY = QColor("#1565c0")
CLOSED = QColor("#757575")


class CalendarTab(AdminTab):
    def __init__(self, session: AdminSession, vocab: door.Vocabularies,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(session, parent)
        self.view: CalendarYearView | None = None
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(lambda _v: self.start())
        top.addWidget(self.year)
        self.status = named(QLabel(""), "muted")
        top.addWidget(self.status, 1)
        top.addWidget(named(QLabel(self.tr("红：法定节假日　蓝：调休或加班工作日　灰底：本厅闭厅")),
                            "muted"))  # fmt: skip
        reload = QPushButton(self.tr("重新载入国家节假日"))
        reload.clicked.connect(self.reload)
        top.addWidget(reload)
        self.lay.addLayout(top)
        body = QHBoxLayout()
        self.lay.addLayout(body, 1)
        grid = QGridLayout()
        self.months: list[QCalendarWidget] = []
        for m in range(12):
            cal = QCalendarWidget()
            cal.setNavigationBarVisible(False)
            cal.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            cal.setHorizontalHeaderFormat(
                QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames
            )
            cal.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            cal.clicked.connect(self._picked)
            cal.setMinimumSize(230, 170)
            weekend = QTextCharFormat()
            weekend.setForeground(QColor("#8a8f98"))  # plain weekends grey: red is a holiday
            for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
                cal.setWeekdayTextFormat(day, weekend)
            view = cal.findChild(QTableView)
            if view is not None:  # seven columns always fit: no scrolling inside a month
                view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
                view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.months.append(cal)
            cell = QVBoxLayout()
            month = (
                QLocale(QLocale.Language.English).standaloneMonthName(m + 1)
                if widgets.ENGLISH
                else self.tr("%1月").replace("%1", str(m + 1))
            )
            cell.addWidget(named(QLabel(month), "muted"))
            cell.addWidget(cal)
            grid.addLayout(cell, m // 4, m % 4)
        body.addLayout(grid, 4)
        side = QVBoxLayout()
        body.addLayout(side, 1)
        self.marks = named(QTableWidget(0, 3), "calendarMarks")
        self.marks.setHorizontalHeaderLabels([self.tr("日期"), self.tr("类别"), self.tr("名称")])
        self.marks.verticalHeader().setVisible(False)
        self.marks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.marks.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.marks.horizontalHeader().setSectionResizeMode(  # "Adjusted working day" whole
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        side.addWidget(self.marks, 1)
        self.day_label = named(QLabel(self.tr("点击日期后标记")), "sectionTitle")
        side.addWidget(self.day_label)
        self.mark_name = QLineEdit()
        self.mark_name.setPlaceholderText(self.tr("说明，如：停电闭厅、集中办理日"))
        side.addWidget(self.mark_name)
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("闭厅日"), lambda: self.mark(False)),
            (self.tr("加班工作日"), lambda: self.mark(True)),
            (self.tr("取消标记"), self.unmark),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        side.addLayout(row)
        self.picked: dt.date | None = None

    def start(self) -> None:
        self.submit("year", door.calendar_year, self.year.value(), then=self.show_year)

    def show_year(self, view: CalendarYearView) -> None:
        self.view = view
        state = (
            self.tr("已确认（%1）").replace("%1", view.source)
            if view.confirmed
            else self.tr("未确认：国家节假日尚未载入或录入，期限仅为估算")
        )
        missing = joined(str(y) for y in view.unconfirmed_years)
        if missing:
            state += self.tr("　未确认年份：%1").replace("%1", missing)
        self.status.setText(state)
        for m, cal in enumerate(self.months, start=1):
            first = QDate(view.year, m, 1)
            cal.setDateTextFormat(QDate(), QTextCharFormat())  # clear
            cal.setMinimumDate(first)
            cal.setMaximumDate(first.addMonths(1).addDays(-1))
            cal.setCurrentPage(view.year, m)
        for mark in view.days:
            fmt = QTextCharFormat()
            if mark.scope != "national" and not mark.is_workday:
                fmt.setBackground(CLOSED)
                fmt.setForeground(QColor("white"))
            elif mark.is_workday:
                fmt.setForeground(WORKDAY)
                fmt.setFontWeight(700)
            else:
                fmt.setForeground(HOLIDAY)
                fmt.setFontWeight(700)
            fmt.setToolTip(mark.name)
            self.months[mark.day.month - 1].setDateTextFormat(
                QDate(mark.day.year, mark.day.month, mark.day.day), fmt
            )
        self.marks.setRowCount(0)
        for mark in view.days:
            r = self.marks.rowCount()
            self.marks.insertRow(r)
            if mark.scope == "national":
                kind = self.tr("调休上班") if mark.is_workday else self.tr("法定节假日")
            else:
                kind = self.tr("本厅加班") if mark.is_workday else self.tr("本厅闭厅")
            for c, text in enumerate((mark.day.isoformat(), kind, mark.name)):
                self.marks.setItem(r, c, QTableWidgetItem(text))

    def _picked(self, date: QDate) -> None:
        self.pick(dt.date(date.year(), date.month(), date.day()))

    def pick(self, day: dt.date) -> None:
        self.picked = day
        self.day_label.setText(day.isoformat())

    def mark(self, working: bool) -> None:
        if self.picked is None:
            self.banner.show_message(self.tr("请先点击一个日期"), "info")
            return
        self.submit("mark", door.mark_day, self.picked, is_workday=working,
                    name=self.mark_name.text().strip(), then=self.show_year,
                    saved=self.tr("已标记"))  # fmt: skip

    def unmark(self) -> None:
        if self.picked is not None:
            self.submit("unmark", door.unmark_day, self.picked, then=self.show_year)

    def reload(self) -> None:
        self.submit("reload", door.reload_national_year, self.year.value(), then=self.show_year,
                    saved=self.tr("已重新载入"))  # fmt: skip

    def on_event(self, change: Any) -> None:
        if change.type == "calendar.changed" and self.pending == 0:
            self.start()
