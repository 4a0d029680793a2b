"""督着办 for managers (督办视图): the open cases of the halls the manager supervises, with
counts by mark (预警 / 黄牌 / 红牌), by department, by node and by reviewer; filters on each;
Enter or a double-click opens the case page read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.backoffice.models import CaseTableModel, mark_colours
from ui.widgets import button_text, named, translate


class MarkCard(QFrame):
    clicked = Signal(str)

    def __init__(self, mark: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mark = mark
        self.setObjectName("caseBox")
        bg, fg = mark_colours(mark)
        self.setStyleSheet(
            f"QFrame#caseBox{{background:{bg.name()};border-radius:8px;}}"
            f"QLabel{{color:{fg.name()};background:transparent;}}"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        self.count = QLabel("0")
        f = self.count.font()
        f.setPixelSize(34)
        f.setBold(True)
        self.count.setFont(f)
        lay.addWidget(self.count)
        lay.addWidget(QLabel(title))

    def mousePressEvent(self, event: Any) -> None:
        self.clicked.emit(self.mark)
        super().mousePressEvent(event)


def _count_table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class SupervisionView(QWidget):
    """``open_case(case_no)`` opens a case read-only; ``query_changed`` asks for a new view."""

    open_case = Signal(str)
    query_changed = Signal(object)  # SupervisionQuery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervision")
        self.view_data: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        title = named(QLabel(self.tr("督着办：每个办件、每个环节，看得见、管得住")), "sectionTitle")
        lay.addWidget(title)
        cards = QHBoxLayout()
        self.cards: dict[str, MarkCard] = {}
        for mark, label in (("normal", self.tr("正常")), ("warning", self.tr("预警（临期）")),
                            ("yellow", self.tr("黄牌（环节超时）")),
                            ("red", self.tr("红牌（超过承诺时限）"))):  # fmt: skip
            card = MarkCard(mark, label)
            card.clicked.connect(self._mark_clicked)
            cards.addWidget(card)
            self.cards[mark] = card
        lay.addLayout(cards)
        filters = QHBoxLayout()
        self.mark_filter = named(QComboBox(), "markFilter")
        self.dept_filter = named(QComboBox(), "deptFilter")
        self.node_filter = named(QComboBox(), "nodeFilter")
        self.reviewer_filter = named(QComboBox(), "reviewerFilter")
        for label, box in ((self.tr("标记"), self.mark_filter), (self.tr("部门"), self.dept_filter),
                           (self.tr("环节"), self.node_filter),
                           (self.tr("经办人"), self.reviewer_filter)):  # fmt: skip
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
            box.currentIndexChanged.connect(self._filters_changed)
        self.clear_button = QPushButton(button_text(self.tr("清除筛选"), "Ctrl+0"))
        self.clear_button.clicked.connect(self.clear_filters)
        filters.addWidget(self.clear_button)
        lay.addLayout(filters)
        split = QSplitter(Qt.Orientation.Vertical)
        lay.addWidget(split, 1)
        self.model = CaseTableModel(self, with_hall=True)
        self.table = named(QTableView(), "supervisionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        self.table.activated.connect(lambda idx: self._open(idx.row()))
        split.addWidget(self.table)
        bottom = QWidget()
        bl = QHBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.by_department = _count_table(
            [self.tr("部门"), self.tr("在办"), self.tr("预警"), self.tr("黄牌"), self.tr("红牌")]
        )
        self.by_node = _count_table(
            [self.tr("环节"), self.tr("在办"), self.tr("预警"), self.tr("黄牌"), self.tr("红牌")]
        )
        self.by_reviewer = _count_table([self.tr("经办人"), self.tr("在办"), self.tr("黄/红牌")])
        for t in (self.by_department, self.by_node, self.by_reviewer):
            bl.addWidget(t)
        split.addWidget(bottom)
        split.setSizes([560, 300])
        self._filling = False

    def _mark_clicked(self, mark: str) -> None:
        i = self.mark_filter.findData(mark)
        if i >= 0:
            self.mark_filter.setCurrentIndex(i)

    def clear_filters(self) -> None:
        self._filling = True
        for box in (self.mark_filter, self.dept_filter, self.node_filter, self.reviewer_filter):
            box.setCurrentIndex(0)
        self._filling = False
        self._filters_changed()

    def query(self) -> Any:
        from counter.backoffice import SupervisionQuery

        return SupervisionQuery(
            mark=self.mark_filter.currentData(),
            department_id=self.dept_filter.currentData(),
            node=self.node_filter.currentData(),
            reviewer_id=self.reviewer_filter.currentData(),
        )

    def _filters_changed(self, *_: Any) -> None:
        if not self._filling:
            self.query_changed.emit(self.query())

    def _open(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is not None:
            self.open_case.emit(r.case_no)

    def _refill(self, box: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = box.currentData()
        box.clear()
        box.addItem(self.tr("全部"), None)
        for text, data in items:
            box.addItem(text, data)
        i = box.findData(current)
        box.setCurrentIndex(max(0, i))

    def set_view(self, view: Any) -> None:
        """Show a :class:`counter.backoffice.SupervisionView`."""
        self.view_data = view
        self._filling = True
        self._refill(self.mark_filter, [(translate("marks", zh), m) for m, zh, _n in view.by_mark])
        self._refill(self.dept_filter, [(name, d) for d, name, *_ in view.by_department])
        self._refill(self.node_filter, [(_node_zh(n), n.node) for n in view.by_node])
        self._refill(self.reviewer_filter, [(name, rid) for rid, name, *_ in view.by_reviewer])
        self._filling = False
        for mark, _zh, n in view.by_mark:
            self.cards[mark].count.setText(str(n))
        self.model.set_rows(view.rows)
        self.table.resizeColumnsToContents()

        def fill(t: QTableWidget, rows: list[list[object]]) -> None:
            t.setRowCount(0)
            for row in rows:
                r = t.rowCount()
                t.insertRow(r)
                for c, value in enumerate(row):
                    item = QTableWidgetItem(str(value))
                    if c > 0:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    t.setItem(r, c, item)
            t.resizeColumnsToContents()

        fill(self.by_department, [[name, total, w, y, r]
                                  for _d, name, total, w, y, r in view.by_department])  # fmt: skip
        fill(
            self.by_node, [[_node_zh(n), n.total, n.warning, n.yellow, n.red] for n in view.by_node]
        )
        fill(self.by_reviewer, [[name, total, bad] for _r, name, total, bad in view.by_reviewer])


def _node_zh(count: Any) -> str:
    """Node names as the inbox tabs say them (办结 is waiting for the seal: 待用印)."""
    return translate("nodes", "待用印" if count.node == "complete" else count.node_zh)
