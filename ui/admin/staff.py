"""工作人员 tab: the staff of the hall and its village points; add, deactivate, reset a password
(the person chooses a new one at the next sign-in), unlock, roles and hall. The core refuses to
remove the last administrator and says so in the banner."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter import admin as door
from counter.services.auth import StaffInfo
from ui.admin.common import AdminTab, joined
from ui.admin.session import AdminSession
from ui.widgets import named, translate


class StaffTab(AdminTab):
    def __init__(self, session: AdminSession, vocab: door.Vocabularies,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(session, parent)
        self.vocab = vocab
        self.rows: list[StaffInfo] = []
        body = QHBoxLayout()
        self.lay.addLayout(body, 1)
        self.table = named(QTableWidget(0, 5), "staffTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("工号"),
                self.tr("姓名"),
                self.tr("角色"),
                self.tr("所在大厅"),
                self.tr("状态"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)
        body.addWidget(self.table, 3)

        side = QVBoxLayout()
        body.addLayout(side, 2)
        sel = QGroupBox(self.tr("所选人员"))
        sl = QVBoxLayout(sel)
        self.role_boxes: dict[str, QCheckBox] = {}
        for key, zh in vocab.roles:
            box = QCheckBox(translate("roles", zh))
            self.role_boxes[key] = box
            sl.addWidget(box)
        self.hall_names = dict(vocab.halls)
        self.hall = QComboBox()
        for code, name in vocab.halls:
            self.hall.addItem(f"{code} {name}", code)
        sl.addWidget(self.hall)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("保存角色与大厅"), self.save_roles),
            (self.tr("重置密码"), self.reset_password),
            (self.tr("解锁"), self.unlock),
            (self.tr("停用/启用"), self.toggle_active),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        sl.addLayout(buttons)
        side.addWidget(sel)

        add = QGroupBox(self.tr("添加人员"))
        form = QFormLayout(add)
        self.new_no = QLineEdit()
        self.new_name = QLineEdit()
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(self.tr("临时密码，首次登录须修改"))
        self.new_roles = QComboBox()
        for key, zh in vocab.roles:
            self.new_roles.addItem(translate("roles", zh), key)
        self.new_hall = QComboBox()
        for code, name in vocab.halls:
            self.new_hall.addItem(f"{code} {name}", code)
        form.addRow(self.tr("工号"), self.new_no)
        form.addRow(self.tr("姓名"), self.new_name)
        form.addRow(self.tr("密码"), self.new_password)
        form.addRow(self.tr("角色"), self.new_roles)
        form.addRow(self.tr("大厅"), self.new_hall)
        ab = named(QPushButton(self.tr("添加")), "primary")
        ab.clicked.connect(self.add)
        form.addRow("", ab)
        side.addWidget(add)
        side.addStretch(1)

    def start(self) -> None:
        self.submit("staff", door.staff_list, then=self.show_list)

    def show_list(self, rows: tuple[StaffInfo, ...]) -> None:
        cur = self.current()
        keep = cur.staff_no if cur is not None else None
        self.rows = list(rows)
        names = dict(self.vocab.roles)
        self.table.setRowCount(0)
        for st in rows:
            r = self.table.rowCount()
            self.table.insertRow(r)
            state = self.tr("在用") if st.active else self.tr("停用")
            if st.locked:
                state += self.tr(" · 锁定")
            if st.must_change_password:
                state += self.tr(" · 待改密码")
            roles = joined(translate("roles", names.get(x, x)) for x in st.roles)
            hall = self.hall_names.get(st.hall_code, "")
            hall = f"{st.hall_code} {hall}" if hall else st.hall_code
            for c, text in enumerate((st.staff_no, st.name, roles, hall, state)):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if st.staff_no == keep:
                self.table.selectRow(r)

    def _result(self, result: door.StaffResult) -> None:
        self.show_list(result.staff_list)

    def current(self) -> StaffInfo | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def select(self, staff_no: str) -> None:
        for r, st in enumerate(self.rows):
            if st.staff_no == staff_no:
                self.table.selectRow(r)

    def _selected(self) -> None:
        st = self.current()
        if st is None:
            return
        for key, box in self.role_boxes.items():
            box.setChecked(key in st.roles)
        self.hall.setCurrentIndex(max(0, self.hall.findData(st.hall_code)))

    def save_roles(self) -> None:
        st = self.current()
        if st is None:
            return
        roles = [k for k, b in self.role_boxes.items() if b.isChecked()]
        self.submit("roles", door.set_roles, st.staff_no, roles, then=self._result,
                    saved=self.tr("已保存角色"))  # fmt: skip
        hall = str(self.hall.currentData())
        if hall != st.hall_code:
            self.submit("hall", door.set_staff_hall, st.staff_no, hall, then=self._result)

    def reset_password(self) -> None:
        st = self.current()
        if st is None:
            return
        password, ok = QInputDialog.getText(
            self, self.tr("重置密码"), self.tr("临时密码（本人下次登录时须修改）"),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if ok and password:
            self.submit("password", door.reset_password, st.staff_no, password,
                        then=self._result, saved=self.tr("密码已重置，下次登录须修改"))  # fmt: skip

    def unlock(self) -> None:
        st = self.current()
        if st is not None:
            self.submit("unlock", door.unlock, st.staff_no, then=self._result,
                        saved=self.tr("已解锁"))  # fmt: skip

    def toggle_active(self) -> None:
        st = self.current()
        if st is not None:
            self.submit("active", door.set_staff_active, st.staff_no, not st.active,
                        then=self._result)  # fmt: skip

    def add(self) -> None:
        self.submit(
            "add", door.add_staff, self.new_no.text(), self.new_name.text(),
            self.new_password.text(), [str(self.new_roles.currentData())],
            hall_code=str(self.new_hall.currentData()), then=self._added,
            saved=self.tr("已添加；首次登录须修改密码"),
        )  # fmt: skip

    def _added(self, result: door.StaffResult) -> None:
        self.new_password.clear()
        self.show_list(result.staff_list)
        if result.staff is not None:
            self.select(result.staff.staff_no)
