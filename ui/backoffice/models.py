"""The table model of the inbox and the supervision view: a row cache over the door's frozen
:class:`counter.backoffice.InboxRow` values, never a query of its own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui import widgets
from ui.widgets import local_time, translate

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

# mark → (background, text colour): the same colours on every screen
MARK_COLOURS = {
    "red": (QColor(214, 0, 15), QColor(255, 255, 255)),
    "yellow": (QColor(245, 196, 0), QColor(40, 30, 0)),
    "warning": (QColor(255, 228, 196), QColor(140, 60, 0)),
    "normal": (QColor(232, 245, 233), QColor(30, 90, 40)),
}


def mark_colours(mark: str) -> tuple[QColor, QColor]:
    return MARK_COLOURS.get(mark, MARK_COLOURS["normal"])


class CaseTableModel(QAbstractTableModel):
    """Cases as the inbox lists them: mark, countdown, number, item, department, applicant
    (masked), status, node deadline, promised deadline, accepted, reviewer."""

    COLUMNS = (
        ("mark", "标记"),
        ("countdown", "倒计时"),
        ("case_no", "办件编号"),
        ("item", "事项"),
        ("department", "部门"),
        ("applicant", "申请人"),
        ("status", "状态"),
        ("node_deadline", "环节期限"),
        ("deadline", "承诺期限"),
        ("accepted", "受理时间"),
        ("reviewer", "经办"),
    )

    def __init__(self, parent: Any = None, *, with_hall: bool = False) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self.with_hall = with_hall

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

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return translate("CaseTableModel", self.COLUMNS[section][1])

    def _text(self, r: Any, key: str) -> str:
        if key == "mark":
            return translate("marks", r.mark_zh)
        if key == "countdown":
            return str(r.countdown_en if widgets.ENGLISH else r.countdown_zh)
        if key == "case_no":
            return str(r.case_no)
        if key == "item":
            return str(r.item_name)
        if key == "department":
            return str(r.department)
        if key == "applicant":
            return str(r.applicant)
        if key == "status":
            status = str(r.status_zh)
            return f"{status}（{r.hall_name}）" if self.with_hall and r.village else status
        if key == "node_deadline":
            return local_time(r.node_deadline) if r.node_deadline else "—"
        if key == "deadline":
            return local_time(r.deadline) if r.deadline else "—"
        if key == "accepted":
            return local_time(r.accepted_at) if r.accepted_at else "—"
        if key == "reviewer":
            return str(r.reviewer or "—")
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_at(index.row())
        if r is None:
            return None
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, key)
        if role == ROW_ROLE:
            return r
        if key in ("mark", "countdown") and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            bg, fg = mark_colours(r.mark)
            if key == "countdown" and r.mark == "normal":
                return None
            return QBrush(bg if role == Qt.ItemDataRole.BackgroundRole else fg)
        if role == Qt.ItemDataRole.FontRole and key in ("mark", "case_no"):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("mark", "countdown"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "item":
            return f"{r.item_code} {r.item_name}"
        return None
