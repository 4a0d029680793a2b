"""村便民服务点 tab (延伸办): the village points under the town hall, their agents (代办员, the
staff placed there on the staff tab) and the items each may accept (none listed: every active
item); a new point gets queue A and window 1. Cases accepted there go to the town's back office
(setting ``backoffice`` town), and the point sees its own cases only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter import admin as door
from counter.services.admin import VillagePoint
from ui.admin.common import AdminTab, joined
from ui.admin.session import AdminSession
from ui.widgets import named


def _named(codes: tuple[str, ...], names: tuple[str, ...]) -> list[str]:
    """``code 名称`` for each code (the code alone when its name is not known)."""
    out = []
    for n, code in enumerate(codes):
        name = names[n] if n < len(names) else ""
        out.append(f"{code} {name}" if name else code)
    return out


class VillageTab(AdminTab):
    def __init__(self, session: AdminSession, vocab: door.Vocabularies,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(session, parent)
        self.points: list[VillagePoint] = []
        body = QHBoxLayout()
        self.lay.addLayout(body, 1)
        self.table = named(QTableWidget(0, 5), "villageTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("编码"), self.tr("名称"), self.tr("后台审批"), self.tr("代办员"),
             self.tr("可受理事项")]
        )  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        body.addWidget(self.table, 3)
        box = QGroupBox(self.tr("服务点"))
        form = QFormLayout(box)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.items = QPlainTextEdit()
        self.items.setPlaceholderText(self.tr("事项编码，每行一个或用逗号分隔；留空为全部事项"))
        self.active = QCheckBox(self.tr("启用"))
        self.active.setChecked(True)
        form.addRow(self.tr("编码"), self.code)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("可受理事项"), self.items)
        form.addRow("", self.active)
        save = named(QPushButton(self.tr("保存服务点")), "primary")
        save.clicked.connect(self.save)
        form.addRow("", save)
        side = QVBoxLayout()
        side.addWidget(box)
        side.addStretch(1)
        body.addLayout(side, 2)

    def start(self) -> None:
        self.submit("villages", door.village_points, then=self.show_points)

    def show_points(self, points: tuple[VillagePoint, ...]) -> None:
        self.points = list(points)
        self.table.setRowCount(0)
        for p in points:
            r = self.table.rowCount()
            self.table.insertRow(r)
            back = self.tr("镇后台") if p.backoffice == "town" else self.tr("本点自审")
            items = joined(_named(p.items, p.item_names)) if p.items else self.tr("全部事项")
            agents = joined(_named(p.agents, p.agent_names))
            for c, text in enumerate((p.code, p.name, back, agents, items)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for c in (0, 1, 2, 3):
            self.table.resizeColumnToContents(c)
        if points and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _selected(self) -> None:
        r = self.table.currentRow()
        if 0 <= r < len(self.points):
            p = self.points[r]
            self.code.setText(p.code)
            self.name.setText(p.name)
            self.items.setPlainText("\n".join(p.items))
            self.active.setChecked(p.active)

    def save(self) -> None:
        codes = [c for c in self.items.toPlainText().replace(",", "\n").replace("，", "\n")
                 .split("\n") if c.strip()]  # fmt: skip
        self.submit("village", door.save_village_point, self.code.text(), name=self.name.text(),
                    items=codes, active=self.active.isChecked(), then=lambda _p: self.start(),
                    saved=self.tr("服务点已保存"))  # fmt: skip
