"""Sortable, filterable tables over the core's frozen rows (报表表格).

A :class:`RowTable` is described by :class:`Column`\\ s (a header, a function of the row, a
kind); the model caches the rows it is given and never queries. Sorting uses the raw value
(numbers sort as numbers, empty values last), filtering matches the text of every column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import named

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
ROW_ROLE = Qt.ItemDataRole.UserRole + 11
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """``kind``: text, int, min (minutes, one decimal), rate (shown as %), time (local)."""

    header: str
    value: Callable[[Any], Any]
    kind: str = "text"
    tone: Callable[[Any], str | None] | None = None  # "red", "amber", "green" or None


TONES = {"red": "#c62828", "amber": "#b26a00", "green": "#2e7d32", "muted": "#6b7280"}


def display(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "—" if kind != "text" else ""
    if kind == "min":
        return f"{value:.1f}"
    if kind == "rate":
        return f"{value * 100:.1f}%"
    if kind == "time":
        from ui.widgets import local_time

        return local_time(value)
    return str(value)


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == ROW_ROLE:
            return row
        value = col.value(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value, col.kind)
        if role == SORT_ROLE:
            if col.kind in ("int", "min", "rate"):
                return float(value) if value is not None else float("-inf")
            return str(value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in ("int", "min", "rate"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.tone is not None:
            tone = col.tone(row)
            if tone:
                return QBrush(QColor(TONES.get(tone, tone)))
        return None


class RowTable(QWidget):
    """A titled table with a filter box; sortable by every column."""

    def __init__(self, title: str, columns: Sequence[Column], parent: QWidget | None = None,
                 *, filter_placeholder: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.model = RowTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.title = named(QLabel(title), "sectionTitle")
        top.addWidget(self.title)
        top.addStretch(1)
        self.count = named(QLabel(""), "muted")
        top.addWidget(self.count)
        self.filter = named(QLineEdit(), "tableFilter")
        self.filter.setPlaceholderText(filter_placeholder or self.tr("筛选…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(260)
        self.filter.textChanged.connect(self._filter)
        top.addWidget(self.filter)
        lay.addLayout(top)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        # Rows come in the core's order (most serious, busiest first) until a header is clicked.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.proxy.sort(-1)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lay.addWidget(self.view, 1)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterRegularExpression(
            QRegularExpression(QRegularExpression.escape(text.strip()),
                               QRegularExpression.PatternOption.CaseInsensitiveOption)
        )  # fmt: skip
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            self.tr("%1 行").replace("%1", str(total))
            if shown == total
            else self.tr("%1 / %2 行").replace("%1", str(shown)).replace("%2", str(total))
        )

    def selected_row(self) -> Any:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None
        return self.proxy.data(idx, ROW_ROLE)

    def visible_rows(self) -> list[Any]:
        return [
            self.proxy.data(self.proxy.index(r, 0), ROW_ROLE) for r in range(self.proxy.rowCount())
        ]
