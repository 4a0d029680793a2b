"""Checklist of materials (材料核验) and the items of this visit (本次办理事项).

One visit may open several cases: each chosen item is a :class:`VisitItem` with its own checklist
and notes; the list on top switches between them. In the table, the keyboard does everything:

- Space: received ↔ missing (an unchecked row becomes received first), then the next row;
- N: not applicable (optional or conditional materials), then the next row (as Space: the
  legend says so);
- F: original → copy → original and copy; + / −: copies;
- R: what becomes of an original seen: returned on the spot → held (given back at 出件) →
  kept for the file (:func:`counter.domain.checklist.next_original`), shown in the form column;
- F8 (window-wide): the unchecked required materials received, the unchecked optional and
  conditional ones not applicable (:func:`counter.domain.checklist.f8_status`).

Conditional materials show their condition; the clerk's note per material is editable in the
last column (F2 or a double-click), and the visit item's notes below the table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.domain import checklist as rules
from counter.domain.checklist import FORMS, MISSING, NOT_APPLICABLE, RECEIVED, UNCHECKED
from ui.widgets import named, translate

Index = QModelIndex | QPersistentModelIndex


_STATUS_MARKS = {RECEIVED: "✓", MISSING: "✗", NOT_APPLICABLE: "—", UNCHECKED: "○"}


def form_text(form: str) -> str:
    return translate("checklist", rules.FORM_NAMES.get(form, form))


def status_text(status: str) -> str:
    name = translate("checklist", rules.STATUS_NAMES.get(status, status))
    return f"{_STATUS_MARKS.get(status, '')} {name}".strip()


def requirement_text(requirement: str, condition: str) -> str:
    text = translate("checklist", rules.REQUIREMENT_NAMES.get(requirement, requirement))
    if requirement == rules.CONDITIONAL and condition:
        return f"{text}：{condition}"
    return text


@dataclass
class MaterialState:
    material_id: int
    name: str
    requirement: str = "required"
    condition: str = ""
    form: str = "original"
    copies: int = 1
    catalogue_notes: str = ""
    status: str = UNCHECKED
    note: str = ""
    original: str = ""  # "" the form's default (counter.domain.checklist.original_default)

    @property
    def recorded_original(self) -> str:
        """What the core will record for the original ("" when none is seen)."""
        try:
            return rules.original_recorded(self.status, self.form, self.original)
        except ValueError:
            return rules.original_recorded(self.status, self.form, "")

    @property
    def needed(self) -> bool:
        return self.requirement == "required"


@dataclass
class VisitItem:
    """One item of this visit and what the clerk did with it."""

    version_id: int
    item_id: int
    code: str
    name: str
    department: str = ""
    on_the_spot: bool = False
    promised_days: int = 0
    materials: list[MaterialState] = field(default_factory=list)
    notes: str = ""
    loaded: bool = False  # materials read from the catalogue
    has_legal_basis: bool = True  # the catalogue entry records a legal basis (a refusal cites it)
    outcome: str = ""  # "" | accepted | notice | rejected
    case_no: str = ""
    reject_reason: str = ""
    completes: str = ""  # 补正后受理: the case number of the one-time notice being completed
    result: Any = field(default=None, repr=False, compare=False)

    @property
    def done(self) -> bool:
        return bool(self.outcome)

    def missing(self) -> list[MaterialState]:
        """What a one-time notice would demand (the core's rule: required ones not received,
        conditional ones marked missing; an optional one is never demanded)."""
        return rules.missing_for_notice(self.materials)

    def blocking(self) -> list[MaterialState]:
        """What keeps the case from being accepted (required materials not received)."""
        return rules.missing_for_acceptance(self.materials)

    def can_accept(self) -> bool:
        return self.loaded and rules.can_accept(self.materials)

    def can_notice(self) -> bool:
        return self.loaded and rules.can_issue_notice(self.materials)

    def unchecked(self) -> list[MaterialState]:
        return [m for m in self.materials if m.status == UNCHECKED]

    def complete(self) -> bool:
        return self.can_accept()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("result", None)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> VisitItem:
        mats = [MaterialState(**m) for m in d.get("materials", [])]
        fields = {k: v for k, v in d.items() if k in cls.__dataclass_fields__ and k != "materials"}
        fields.pop("result", None)
        return cls(materials=mats, **fields)


class ChecklistModel(QAbstractTableModel):
    COLUMNS = ("状态", "材料名称", "要求", "形式", "份数", "备注")
    changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.item: VisitItem | None = None

    def set_item(self, item: VisitItem | None) -> None:
        self.beginResetModel()
        self.item = item
        self.endResetModel()

    @property
    def rows(self) -> list[MaterialState]:
        return self.item.materials if self.item is not None else []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("checklist", self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (4, 5) and not (self.item and self.item.done):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        m = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return status_text(m.status)
            if col == 1:
                return m.name
            if col == 2:
                return requirement_text(m.requirement, m.condition)
            if col == 3:
                original = m.recorded_original
                if original and role == Qt.ItemDataRole.DisplayRole:
                    name = translate("checklist", rules.ORIGINAL_NAMES[original])
                    return f"{form_text(m.form)}\n{name}"
                return form_text(m.form)
            if col == 4:
                return m.copies if role == Qt.ItemDataRole.EditRole else str(m.copies)
            if col == 5:
                return m.note
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [m.name, requirement_text(m.requirement, m.condition)]
            if m.catalogue_notes:
                parts.append(m.catalogue_notes)
            return "\n".join(parts)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 0:
                return QBrush(
                    QColor(
                        {RECEIVED: "#1b6e3a", MISSING: "#b3261e", NOT_APPLICABLE: "#6b7280"}.get(
                            m.status, "#8a5a00"
                        )
                    )
                )
            if col == 2 and m.requirement == "conditional":
                return QBrush(QColor("#6b4fa0"))
        if role == Qt.ItemDataRole.BackgroundRole and m.status == MISSING:
            return QBrush(QColor("#fdecea"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        m = self.rows[index.row()]
        if index.column() == 4:
            try:
                m.copies = max(1, min(99, int(value)))
            except (TypeError, ValueError):
                return False
        elif index.column() == 5:
            m.note = str(value)[:300]
        else:
            return False
        self._changed_row(index.row())
        return True

    def _changed_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.changed.emit()

    # -- keyboard actions -------------------------------------------------------------------

    def toggle(self, row: int) -> None:
        if not (0 <= row < len(self.rows)) or (self.item and self.item.done):
            return
        m = self.rows[row]
        m.status = MISSING if m.status == RECEIVED else RECEIVED
        self._changed_row(row)

    def set_status(self, row: int, status: str) -> None:
        if not (0 <= row < len(self.rows)) or (self.item and self.item.done):
            return
        self.rows[row].status = status
        self._changed_row(row)

    def cycle_form(self, row: int) -> None:
        if not (0 <= row < len(self.rows)) or (self.item and self.item.done):
            return
        m = self.rows[row]
        m.form = FORMS[(FORMS.index(m.form) + 1) % len(FORMS)] if m.form in FORMS else FORMS[0]
        self._changed_row(row)

    def cycle_original(self, row: int) -> None:
        """R: the next disposal of the original seen (nothing when none is seen)."""
        if not (0 <= row < len(self.rows)) or (self.item and self.item.done):
            return
        m = self.rows[row]
        nxt = rules.next_original(m.status, m.form, m.recorded_original)
        if nxt:
            m.original = nxt
            self._changed_row(row)

    def bump_copies(self, row: int, delta: int) -> None:
        if not (0 <= row < len(self.rows)) or (self.item and self.item.done):
            return
        m = self.rows[row]
        m.copies = max(1, min(99, m.copies + delta))
        self._changed_row(row)

    def mark_all_received(self) -> None:
        """F8: the core's rule (unchecked required → received, unchecked optional and
        conditional → not applicable; what the clerk set stays)."""
        if self.item is None or self.item.done:
            return
        for m in self.rows:
            m.status = rules.f8_status(m.requirement, m.status)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )
        self.changed.emit()


class ChecklistView(QTableView):
    def __init__(self, model: ChecklistModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.setModel(model)
        self.cmodel = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setDefaultSectionSize(44)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        h = self.horizontalHeader()
        h.setMinimumSectionSize(40)
        # 状态 as wide as its longest word in the screen's language (“✓ Received” in English)
        status_width = max(
            86,
            max(self.fontMetrics().horizontalAdvance(status_text(s)) for s in rules.STATUS_NAMES)
            + 20,
        )
        for col, (mode, width) in enumerate(
            (
                (QHeaderView.ResizeMode.Fixed, status_width),  # 状态
                (QHeaderView.ResizeMode.Stretch, 0),  # 材料名称
                (QHeaderView.ResizeMode.Interactive, 126),  # 要求 / 情形
                (QHeaderView.ResizeMode.Fixed, 150),  # 形式（及原件去向）
                (QHeaderView.ResizeMode.Fixed, 52),  # 份数
                (QHeaderView.ResizeMode.Interactive, 72),  # 备注
            )
        ):
            h.setSectionResizeMode(col, mode)
            if width:
                h.resizeSection(col, width)
        self.clicked.connect(self._clicked)

    def _next_row(self, row: int) -> None:
        """Space and N both move on to the next row (the last row stays)."""
        if row + 1 < self.cmodel.rowCount():
            self.setCurrentIndex(self.cmodel.index(row + 1, 0))

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            self.cmodel.toggle(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentIndex().row()
        key = event.key()
        plain = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if plain and row >= 0:
            if key == Qt.Key.Key_Space:
                self.cmodel.toggle(row)
                self._next_row(row)
                return
            if key == Qt.Key.Key_N:
                self.cmodel.set_status(row, NOT_APPLICABLE)
                self._next_row(row)
                return
            if key == Qt.Key.Key_F:
                self.cmodel.cycle_form(row)
                return
            if key == Qt.Key.Key_R:
                self.cmodel.cycle_original(row)
                return
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.cmodel.bump_copies(row, 1)
                return
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.cmodel.bump_copies(row, -1)
                return
        super().keyPressEvent(event)


class ChecklistPanel(QWidget):
    """The visit's items (top) and the checklist of the current one."""

    changed = Signal()  # anything the clerk changed (draft, outcome buttons)
    current_changed = Signal()  # read .current
    remove_requested = Signal(object)  # VisitItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[VisitItem] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(named(QLabel(self.tr("本次办理")), "sectionTitle"))
        head.addStretch(1)
        self.summary = named(QLabel(""), "muted")
        head.addWidget(self.summary)
        lay.addLayout(head)
        self.visit_list = named(QListWidget(), "visitItems")
        self.visit_list.setMaximumHeight(130)
        self.visit_list.currentRowChanged.connect(self._row_changed)
        lay.addWidget(self.visit_list)
        self.title = named(QLabel(self.tr("请选择办理事项")), "checklistTitle")
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.model = ChecklistModel(self)
        self.view = ChecklistView(self.model)
        lay.addWidget(self.view, 1)
        self.legend = legend = named(
            QLabel(
                self.tr(
                    "空格 收到/缺少 · N 不适用（两者都移到下一行）· F 原件/复印件 · +/− 份数"
                    " · R 原件退还/暂存/留存 · F8 全部收齐"
                ),
            ),
            "keyLegend",
        )
        legend.setWordWrap(True)
        lay.addWidget(legend)
        lay.addWidget(named(QLabel(self.tr("备注")), "fieldLabel"))
        self.notes = named(QPlainTextEdit(), "caseNotes")
        self.notes.setPlaceholderText(self.tr("受理备注（打印在回执上），如：补充说明、容缺承诺"))
        self.notes.setMaximumHeight(90)
        self.notes.textChanged.connect(self._notes_changed)
        lay.addWidget(self.notes)
        self.model.changed.connect(self._model_changed)

    # -- items ------------------------------------------------------------------------------

    @property
    def current(self) -> VisitItem | None:
        return self.model.item

    def add_item(self, item: VisitItem) -> None:
        self.items.append(item)
        self._refresh_list()
        self.visit_list.setCurrentRow(len(self.items) - 1)
        self.changed.emit()

    def set_items(self, items: list[VisitItem], current: int = 0) -> None:
        self.items = list(items)
        self._refresh_list()
        if self.items:
            self.visit_list.setCurrentRow(max(0, min(current, len(self.items) - 1)))
        else:
            self._row_changed(-1)

    def find_item(self, version_id: int) -> VisitItem | None:
        return next((i for i in self.items if i.version_id == version_id and not i.done), None)

    def item_updated(self, item: VisitItem) -> None:
        """An item's materials or outcome changed (loaded, accepted…): redraw."""
        self._refresh_list()
        if item is self.model.item:
            self.model.set_item(item)
            self._update_title()
        self.changed.emit()

    def clear(self) -> None:
        self.items = []
        self._refresh_list()
        self._row_changed(-1)

    def _refresh_list(self) -> None:
        row = self.visit_list.currentRow()
        self.visit_list.blockSignals(True)
        self.visit_list.clear()
        for n, it in enumerate(self.items, start=1):
            state = {
                "accepted": self.tr("已受理 %1").replace("%1", it.case_no),
                "notice": self.tr("已一次性告知"),
                "rejected": self.tr("不予受理"),
            }.get(it.outcome, self.tr("办理中"))
            if it.completes and not it.done:
                state = self.tr("补正受理 %1").replace("%1", it.completes)
            li = QListWidgetItem(f"{n}. {it.name}    [{state}]")
            if it.done:
                li.setForeground(
                    QBrush(QColor("#1b6e3a" if it.outcome == "accepted" else "#6b7280"))
                )
            self.visit_list.addItem(li)
        if 0 <= row < len(self.items):
            self.visit_list.setCurrentRow(row)
        self.visit_list.blockSignals(False)
        pending = sum(1 for i in self.items if not i.done)
        self.summary.setText(
            self.tr("共 %1 项，待办 %2 项")
            .replace("%1", str(len(self.items)))
            .replace("%2", str(pending))
            if self.items
            else ""
        )

    def _row_changed(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        self.model.set_item(item)
        self.notes.blockSignals(True)
        self.notes.setPlainText(item.notes if item else "")
        self.notes.setReadOnly(bool(item and item.done))
        self.notes.blockSignals(False)
        self._update_title()
        if item is not None and item.materials:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.current_changed.emit()

    def _update_title(self) -> None:
        item = self.model.item
        if item is None:
            self.title.setText(self.tr("请选择办理事项"))
            return
        kind = (
            self.tr("即办件")
            if item.on_the_spot
            else self.tr("承诺%1个工作日").replace("%1", str(item.promised_days))
        )
        text = f"{item.name}  ·  {item.code}  ·  {item.department}  ·  {kind}"
        if not item.loaded:
            text += "  " + self.tr("（正在读取材料清单…）")
        self.title.setText(text)

    def _notes_changed(self) -> None:
        if self.model.item is not None:
            self.model.item.notes = self.notes.toPlainText()[:1000]
            self.changed.emit()

    def _model_changed(self) -> None:
        self.changed.emit()

    def mark_all_received(self) -> None:
        self.model.mark_all_received()

    def focus_table(self) -> None:
        self.view.setFocus()
        if self.model.rowCount() and self.view.currentIndex().row() < 0:
            self.view.setCurrentIndex(self.model.index(0, 0))
