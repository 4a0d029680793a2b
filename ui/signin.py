"""Sign-in (登录): staff number, password, and this PC's window number.

The window number comes from the PC's config (or ``--window``); it is shown, not typed, so a clerk
cannot sign in at someone else's window by mistake. In demo mode the demo sign-ins are listed and
a double-click (or Enter on the row) fills them in. Errors — wrong password, account locked until
HH:MM, disabled — are the core's Chinese messages, shown under the form, never in a pop-up.
The check runs on the worker thread; the dialog stays responsive and the button is disabled while
it runs.
"""

from __future__ import annotations

import functools
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.config import StationConfig
from counter.errors import CounterError, DatabaseUnavailable, PasswordChangeRequired
from ui.widgets import error_text, named
from ui.worker import Worker


class SignInTarget(Protocol):
    """What a screen's holder gives the sign-in form: its station config, demo mode, worker, the
    roles its demo sign-ins list, and the sign-in itself (run on the worker)."""

    @property
    def station(self) -> StationConfig: ...

    @property
    def demo(self) -> bool: ...

    @property
    def worker(self) -> Worker: ...

    def sign_in(self, staff_no: str, password: str) -> object: ...


class SignInForm(QWidget):
    """The sign-in form (used by :class:`SignInDialog`; embeddable for screenshots)."""

    signed_in = Signal(object)  # what the holder's sign_in returns (a Desk for the window)

    def __init__(self, backend: SignInTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setObjectName("signIn")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = named(QFrame(), "signInCard")
        card.setMinimumWidth(520)
        row.addWidget(card)
        if backend.demo:
            row.addSpacing(32)
            row.addWidget(self._demo_table())
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        lay = QVBoxLayout(card)
        lay.setContentsMargins(40, 36, 40, 36)
        lay.setSpacing(14)
        title = named(QLabel(self.tr("便民服务中心综合窗口")), "signInTitle")
        lay.addWidget(title)
        self.hall_label = named(QLabel(self.tr("综合受理 · 一窗通办")), "muted")
        lay.addWidget(self.hall_label)
        lay.addSpacing(8)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        self.staff_no = named(QLineEdit(), "staffNo")
        self.staff_no.setPlaceholderText(self.tr("工号"))
        self.staff_no.setMaxLength(32)
        self.password = named(QLineEdit(), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        window = backend.station.window
        self.window_label = named(
            QLabel(
                self.tr("%1号窗口").replace("%1", str(window))
                if window
                else self.tr("未配置窗口（仅可办理非窗口业务）"),
            ),
            "windowNumber",
        )
        # Shown when an administrator reset the password: the person chooses a new one here.
        self.new_password = named(QLineEdit(), "newPassword")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(self.tr("新密码（至少8位，不能全是数字）"))
        self.new_password2 = named(QLineEdit(), "newPassword2")
        self.new_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password2.setPlaceholderText(self.tr("再输入一次新密码"))
        form.addRow(self.tr("工号"), self.staff_no)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("新密码"), self.new_password)
        form.addRow(self.tr("确认新密码"), self.new_password2)
        self._form = form
        self._show_new_password(False)
        form.addRow(self.tr("本机窗口"), self.window_label)
        lay.addLayout(form)
        self.message = named(QLabel(""), "formError")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(48)
        lay.addWidget(self.message)
        self.button = named(QPushButton(self.tr("登录")), "primary")
        self.button.setDefault(True)
        self.button.setMinimumHeight(48)
        self.button.clicked.connect(self.submit)
        lay.addWidget(self.button)
        hint = named(QLabel(self.tr("连续输错密码将暂时锁定账号")), "muted")
        lay.addWidget(hint)
        self.staff_no.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        backend.worker.busy_changed.connect(self._busy)
        self.staff_no.setFocus()

    def _demo_table(self) -> QWidget:
        from counter.demo.hall import DEMO_PASSWORD, DEMO_STAFF

        box = named(QFrame(), "demoBox")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(20, 20, 20, 20)
        lay.addWidget(named(QLabel(self.tr("演示账号（仅演示模式显示）")), "sectionTitle"))
        lay.addWidget(
            named(QLabel(self.tr("密码均为 %1，双击填入").replace("%1", DEMO_PASSWORD)), "muted")
        )
        table = named(QTableWidget(0, 2), "demoStaff")
        table.setHorizontalHeaderLabels([self.tr("工号"), self.tr("姓名")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # the window client lists its clerks; the back office passes its own roles
        wanted = set(getattr(self.backend, "demo_roles", ("clerk",)))
        clerks = [p for p in DEMO_STAFF if wanted & set(p.roles)]
        for person in clerks:
            r = table.rowCount()
            table.insertRow(r)
            table.setItem(r, 0, QTableWidgetItem(person.staff_no))
            table.setItem(r, 1, QTableWidgetItem(person.name))
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumWidth(300)
        table.setMinimumHeight(420)

        def fill(row: int, _col: int = 0) -> None:
            cell = table.item(row, 0)
            if cell is None:
                return
            self.staff_no.setText(cell.text())
            self.password.setText(DEMO_PASSWORD)
            self.button.setFocus()

        table.cellDoubleClicked.connect(fill)
        table.cellActivated.connect(fill)
        self.demo_table = table
        lay.addWidget(table)
        return box

    def _show_new_password(self, shown: bool) -> None:
        self.changing_password = shown
        for field in (self.new_password, self.new_password2):
            field.setVisible(shown)
            label = self._form.labelForField(field)
            if label is not None:
                label.setVisible(shown)

    def _busy(self, key: str, busy: bool) -> None:
        if key == "sign_in":
            self.button.setEnabled(not busy)
            self.button.setText(self.tr("正在登录…") if busy else self.tr("登录"))

    def submit(self) -> None:
        staff_no = self.staff_no.text().strip()
        if not staff_no:
            self.message.setText(self.tr("请输入工号"))
            self.staff_no.setFocus()
            return
        if not self.password.text():
            self.message.setText(self.tr("请输入密码"))
            self.password.setFocus()
            return
        self.message.setText("")
        password = self.password.text()
        call = functools.partial(self.backend.sign_in, staff_no, password)
        if self.changing_password:
            new = self.new_password.text()
            if not new or new != self.new_password2.text():
                self.message.setText(self.tr("两次输入的新密码不一致"))
                self.new_password.setFocus()
                return
            call = functools.partial(self._change_then_sign_in, staff_no, password, new)
        self.backend.worker.submit(
            "sign_in",
            call,
            on_done=self._done,
            on_error=self._failed,
            exclusive=True,
        )

    def _change_then_sign_in(self, staff_no: str, password: str, new: str) -> object:
        """On the worker: set the person's own password, then the holder's usual sign-in."""
        from counter.services.auth import change_temporary_password

        rt = getattr(self.backend, "rt")  # noqa: B009 - every holder has its runtime
        change_temporary_password(rt, staff_no, password, new)
        return self.backend.sign_in(staff_no, new)

    def _done(self, signed: object) -> None:
        self.password.clear()
        self.new_password.clear()
        self.new_password2.clear()
        self._show_new_password(False)
        self.signed_in.emit(signed)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, PasswordChangeRequired):
            # Keep the temporary password typed: the new one is asked under it.
            self._show_new_password(True)
            self.message.setText(error_text(exc))
            self.new_password.setFocus()
            return
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, DatabaseUnavailable):
            self.message.setText(self.tr("数据库连接中断，正在重连…请稍后再试"))
        elif isinstance(exc, CounterError):
            self.message.setText(error_text(exc))
        else:
            self.message.setText(self.tr("登录失败：%1").replace("%1", str(exc)))


class SignInDialog(QDialog):
    def __init__(self, backend: SignInTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登录 — 便民服务中心综合窗口"))
        self.form = SignInForm(backend, self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 24, 24, 24)
        lay.addWidget(self.form)
        self.form.signed_in.connect(lambda _r: self.accept())
        self.resize(1100, 680)
