"""窗口与队列 tab: the hall's queues (prefix, name, hours, daily cap, waiting now) and windows
(which queues each serves, with weights, and its frequent items). A window moved to other
queues during the day takes effect at its next call; the tickets waiting stay in their queues
(the core says so and keeps them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from counter import admin as door
from counter.services.admin import Floor, WindowInfo
from ui.admin.common import AdminTab, joined
from ui.admin.session import AdminSession
from ui.widgets import named


def _hm(t: dt.time | None) -> str:
    return t.strftime("%H:%M") if t else ""


class FloorTab(AdminTab):
    def __init__(self, session: AdminSession, vocab: door.Vocabularies,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(session, parent)
        self.floor: Floor | None = None
        self.queue_boxes: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        body = QHBoxLayout()
        self.lay.addLayout(body, 1)

        left = QVBoxLayout()
        body.addLayout(left, 3)
        left.addWidget(named(QLabel(self.tr("窗口", "heading")), "sectionTitle"))
        self.windows = named(QTableWidget(0, 4), "windowsTable")
        self.windows.setHorizontalHeaderLabels(
            [self.tr("窗口"), self.tr("名称"), self.tr("服务队列（权重）"), self.tr("常办事项")]
        )
        self.windows.verticalHeader().setVisible(False)
        self.windows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.windows.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.windows.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.windows.itemSelectionChanged.connect(self._window_selected)
        left.addWidget(self.windows, 2)
        left.addWidget(named(QLabel(self.tr("队列", "heading")), "sectionTitle"))
        self.queues = named(QTableWidget(0, 6), "queuesTable")
        self.queues.setHorizontalHeaderLabels(
            [self.tr("前缀"), self.tr("名称"), self.tr("开始"), self.tr("结束"),
             self.tr("每日上限"), self.tr("当前等候")]
        )  # fmt: skip
        self.queues.verticalHeader().setVisible(False)
        self.queues.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.queues.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.queues.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.queues.horizontalHeader().setSectionResizeMode(  # "Waiting now" whole
            5, QHeaderView.ResizeMode.ResizeToContents
        )
        self.queues.itemSelectionChanged.connect(self._queue_selected)
        left.addWidget(self.queues, 1)

        side = QVBoxLayout()
        body.addLayout(side, 2)
        self.win_box = QGroupBox(self.tr("所选窗口服务的队列"))
        self.win_grid = QGridLayout(self.win_box)
        side.addWidget(self.win_box)
        wrow = QHBoxLayout()
        self.win_name = QLineEdit()
        wrow.addWidget(QLabel(self.tr("名称")))
        wrow.addWidget(self.win_name, 1)
        save_w = named(QPushButton(self.tr("保存窗口")), "primary")
        save_w.clicked.connect(self.save_window)
        wrow.addWidget(save_w)
        side.addLayout(wrow)
        side.addWidget(named(QLabel(self.tr("改动即时生效：已取号的群众留在原队列，顺序不变")),
                             "muted"))  # fmt: skip

        qbox = QGroupBox(self.tr("队列设置"))
        qf = QFormLayout(qbox)
        self.q_prefix = QLineEdit()
        self.q_prefix.setMaxLength(4)
        self.q_name = QLineEdit()
        self.q_opens = QTimeEdit()
        self.q_opens.setDisplayFormat("HH:mm")
        self.q_closes = QTimeEdit()
        self.q_closes.setDisplayFormat("HH:mm")
        self.q_hours = QCheckBox(self.tr("限定取号时段"))
        self.q_cap = QSpinBox()
        self.q_cap.setRange(0, 100_000)
        self.q_cap.setSpecialValueText(self.tr("不限"))
        self.q_active = QCheckBox(self.tr("启用"))
        hours = QHBoxLayout()
        hours.addWidget(self.q_hours)
        hours.addWidget(self.q_opens)
        hours.addWidget(QLabel("—"))
        hours.addWidget(self.q_closes)
        qf.addRow(self.tr("前缀"), self.q_prefix)
        qf.addRow(self.tr("名称"), self.q_name)
        qf.addRow(self.tr("时段"), hours)
        qf.addRow(self.tr("每日上限"), self.q_cap)
        qf.addRow("", self.q_active)
        save_q = named(QPushButton(self.tr("保存队列")), "primary")
        save_q.clicked.connect(self.save_queue)
        new_q = QPushButton(self.tr("新增队列"))
        new_q.clicked.connect(self.new_queue)
        qrow = QHBoxLayout()
        qrow.addWidget(new_q)
        qrow.addWidget(save_q, 1)
        qf.addRow("", qrow)
        side.addWidget(qbox)
        add = QGroupBox(self.tr("新增窗口"))
        arow = QHBoxLayout(add)
        self.new_number = QSpinBox()
        self.new_number.setRange(1, 999)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("名称，如：15号综合窗口"))
        add_w = QPushButton(self.tr("添加窗口"))
        add_w.clicked.connect(self.add_window)
        arow.addWidget(QLabel(self.tr("窗口号")))
        arow.addWidget(self.new_number)
        arow.addWidget(self.new_name, 1)
        arow.addWidget(add_w)
        side.addWidget(add)
        side.addStretch(1)
        self.creating_queue = False

    def start(self) -> None:
        self.submit("floor", door.floor, then=self.show_floor)

    def show_floor(self, floor: Floor) -> None:
        keep = self.current_window()
        self.floor = floor
        self.windows.setRowCount(0)
        for w in floor.windows:
            r = self.windows.rowCount()
            self.windows.insertRow(r)
            queues = joined(f"{p}×{wt}" for p, wt in w.queues)
            name = w.name + ("" if w.active else self.tr("（停用）"))
            for c, text in enumerate((str(w.number), name, queues, joined(w.frequent))):
                self.windows.setItem(r, c, QTableWidgetItem(text))
        for c in (0, 1, 2):
            self.windows.resizeColumnToContents(c)
        self.queues.setRowCount(0)
        for q in floor.queues:
            r = self.queues.rowCount()
            self.queues.insertRow(r)
            cap = str(q.daily_cap) if q.daily_cap else self.tr("不限")
            name = q.name + ("" if q.active else self.tr("（停用）"))
            for c, text in enumerate((q.prefix, name, _hm(q.opens_at), _hm(q.closes_at), cap,
                                      str(q.waiting))):  # fmt: skip
                self.queues.setItem(r, c, QTableWidgetItem(text))
        # one check box and weight per queue for the selected window
        while self.win_grid.count():
            item = self.win_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.queue_boxes.clear()
        for n, q in enumerate(floor.queues):
            box = QCheckBox(f"{q.prefix} {q.name}")
            weight = QSpinBox()
            weight.setRange(1, 10)
            weight.setPrefix(self.tr("权重 "))
            self.win_grid.addWidget(box, n, 0)
            self.win_grid.addWidget(weight, n, 1)
            self.queue_boxes[q.prefix] = (box, weight)
        if keep is not None:
            self.select_window(keep.number)
        if self.queues.currentRow() < 0 and floor.queues:
            self.queues.selectRow(0)
            self._queue_selected()
        if floor.windows:
            self.new_number.setValue(max(w.number for w in floor.windows) + 1)

    def current_window(self) -> WindowInfo | None:
        r = self.windows.currentRow()
        if self.floor is None or not 0 <= r < len(self.floor.windows):
            return None
        return self.floor.windows[r]

    def select_window(self, number: int) -> None:
        assert self.floor is not None
        for r, w in enumerate(self.floor.windows):
            if w.number == number:
                self.windows.selectRow(r)
                self._window_selected()

    def _window_selected(self) -> None:
        w = self.current_window()
        if w is None:
            return
        self.win_box.setTitle(self.tr("%1号窗口服务的队列").replace("%1", str(w.number)))
        self.win_name.setText(w.name)
        served = dict(w.queues)
        for prefix, (box, weight) in self.queue_boxes.items():
            box.setChecked(prefix in served)
            weight.setValue(served.get(prefix, 1))

    def set_queue(self, prefix: str, on: bool, weight: int = 1) -> None:
        """Tick (or untick) a queue for the selected window with its weight."""
        box, spin = self.queue_boxes[prefix]
        box.setChecked(on)
        spin.setValue(weight)

    def save_window(self) -> None:
        w = self.current_window()
        if w is None:
            return
        wanted = {p: s.value() for p, (b, s) in self.queue_boxes.items() if b.isChecked()}
        self.submit("window_queues", door.set_window_queues, w.number, wanted,
                    then=self.show_floor, saved=self.tr("窗口服务的队列已更新"))  # fmt: skip
        if self.win_name.text().strip() != w.name:
            self.submit("window", door.save_window, w.number, name=self.win_name.text(),
                        active=w.active, then=self.show_floor)  # fmt: skip

    def new_queue(self) -> None:
        """Empty the queue form for a new queue (saved under the prefix typed)."""
        self.creating_queue = True
        self.queues.clearSelection()
        self.q_prefix.clear()
        self.q_name.clear()
        self.q_hours.setChecked(False)
        self.q_cap.setValue(0)
        self.q_active.setChecked(True)
        self.q_prefix.setFocus()

    def add_window(self) -> None:
        number = self.new_number.value()
        name = self.new_name.text().strip() or self.tr("%1号综合窗口").replace("%1", str(number))
        self.submit("window", door.save_window, number, name=name, then=self.show_floor,
                    saved=self.tr("窗口已添加"))  # fmt: skip

    def _queue_selected(self) -> None:
        self.creating_queue = False
        r = self.queues.currentRow()
        if self.floor is None or not 0 <= r < len(self.floor.queues):
            return
        q = self.floor.queues[r]
        self.q_prefix.setText(q.prefix)
        self.q_name.setText(q.name)
        self.q_hours.setChecked(q.opens_at is not None)
        self.q_opens.setTime(QTime(q.opens_at.hour, q.opens_at.minute) if q.opens_at
                             else QTime(8, 30))  # fmt: skip
        self.q_closes.setTime(QTime(q.closes_at.hour, q.closes_at.minute) if q.closes_at
                              else QTime(17, 0))  # fmt: skip
        self.q_cap.setValue(q.daily_cap or 0)
        self.q_active.setChecked(q.active)

    def save_queue(self) -> None:
        r = -1 if self.creating_queue else self.queues.currentRow()
        old = self.floor.queues[r].prefix if self.floor and 0 <= r < len(self.floor.queues) else ""
        prefix = old or self.q_prefix.text()
        hours: dict[str, Any] = {"opens_at": None, "closes_at": None}
        if self.q_hours.isChecked():
            hours = {"opens_at": self.q_opens.time().toString("HH:mm"),
                     "closes_at": self.q_closes.time().toString("HH:mm")}  # fmt: skip
        self.submit(
            "queue", door.save_queue, prefix, name=self.q_name.text(),
            daily_cap=self.q_cap.value() or None, active=self.q_active.isChecked(),
            new_prefix=self.q_prefix.text() if old else None, then=self.show_floor,
            saved=self.tr("队列已保存"), **hours,
        )  # fmt: skip
        self.creating_queue = False

    def on_event(self, change: Any) -> None:
        if change.type in ("hall.windows", "hall.queues") and self.pending == 0:
            self.start()
