"""Thin Qt item models over the core's read functions, each with a row cache.

The models never query anything themselves: a screen asks the worker for rows (a read function
of the core, on a pool thread) and hands them to :meth:`set_rows`; the model only adapts the
cached frozen dataclasses to Qt's roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.widgets import translate

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
HINT_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def why_text(why: str) -> str:
    """The core's reason an item matched (拼音首字母含 zjd, 名称含“户口” …) in the screen's
    language: its leading words translated, the term as typed."""
    for zh, words in (  # longest first: 拼音首字母含 before 拼音首字母 before 拼音
        ("拼音首字母含", translate("match", "拼音首字母含")),
        ("拼音首字母", translate("match", "拼音首字母")),
        ("拼音含", translate("match", "拼音含")),
        ("拼音", translate("match", "拼音")),
        ("编码开头", translate("match", "编码开头")),
        ("编码含", translate("match", "编码含")),
        ("编码", translate("match", "编码")),
        ("名称开头", translate("match", "名称开头")),
        ("名称含", translate("match", "名称含")),
        ("名称", translate("match", "名称")),
    ):
        if why.startswith(zh):
            return words + why[len(zh) :]
    return why


class RowCacheListModel(QAbstractListModel):
    """A list model over a cached sequence of rows (frozen dataclasses)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)


class ItemSearchModel(RowCacheListModel):
    """Search results of the catalogue (:class:`counter.services.catalog.ItemSummary`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.frequent = 0  # how many leading rows are this window's frequent items
        self.reasons: dict[int, str] = {}  # version id → why it matched (in-memory search)

    def set_matches(self, rows: Sequence[Any], reasons: dict[int, str]) -> None:
        """Rows with why each matched (shown first on its second line)."""
        self.reasons = dict(reasons)
        self.set_rows(rows)

    def reason_at(self, row: int) -> str:
        item = self.row_at(row)
        return self.reasons.get(item.version_id, "") if item is not None else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name
        if role == DETAIL_ROLE:
            if item.on_the_spot:
                limit = self.tr("即办件")
            else:
                limit = self.tr("承诺%1个工作日").replace("%1", str(item.promised_days))
            kind = translate("kinds", item.kind)
            detail = f"{item.code} · {item.department} · {kind} · {limit}"
            why = self.reasons.get(item.version_id, "")
            return (
                self.tr("匹配：%1").replace("%1", why_text(why)) + "　" + detail if why else detail
            )
        if role == HINT_ROLE:
            return f"Alt+{index.row() + 1}" if index.row() < 9 else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.name}\n{item.code} {item.department}"
        if role == ROW_ROLE:
            return item
        return None


class TwoLineDelegate(QStyledItemDelegate):
    """Name on the first line, details in grey below, a shortcut hint on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = option.fontMetrics
        return QSize(120, int(fm.height() * 2.6) + 10)  # width follows the view

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        if selected:
            painter.fillRect(option.rect, QColor("#d6e4f5"))
            painter.fillRect(
                QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()),
                QColor("#1f5fa8"),
            )
        rect = option.rect.adjusted(14, 5, -12, -5)
        font = QFont(option.font)
        font.setPixelSize(max(15, font.pixelSize()))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(pal.text().color() if not selected else QColor("#0d2b4e"))
        hint = index.data(HINT_ROLE) or ""
        hint_w = option.fontMetrics.horizontalAdvance("Alt+9") + 12 if hint else 0
        top = QRect(rect.left(), rect.top(), rect.width() - hint_w, rect.height() // 2)
        name = painter.fontMetrics().elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            top.width(),
        )
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        small = QFont(option.font)
        small.setPixelSize(max(13, option.font.pixelSize() - 2))
        painter.setFont(small)
        painter.setPen(QColor("#5a6470"))
        bottom = QRect(
            rect.left(), rect.top() + rect.height() // 2, rect.width(), rect.height() // 2
        )
        detail = painter.fontMetrics().elidedText(
            str(index.data(DETAIL_ROLE) or ""), Qt.TextElideMode.ElideRight, bottom.width()
        )
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        if hint:
            painter.setPen(QColor("#1f5fa8"))
            painter.drawText(
                QRect(rect.right() - hint_w, rect.top(), hint_w, rect.height() // 2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                hint,
            )
        painter.setPen(QColor("#e3e7ec"))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()
