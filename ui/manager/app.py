"""``counter manager``: sign in as the hall manager, then the live hall and the reports.

:class:`ManagerWindow` holds three tabs — 实时大厅 (live), 日报 (day report), 期间报表 (period
report) — over one :class:`~ui.manager.session.ManagerSession`. Change events arrive through
:class:`ui.live.LiveUpdates` (PostgreSQL ``NOTIFY`` or the polled change log) and go to the live
view, which reads again only the part an event touches.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter.errors import DatabaseUnavailable, PasswordChangeRequired
from ui.manager.live import LiveView
from ui.manager.reports import ReportView
from ui.manager.session import ManagerSession
from ui.widgets import Banner, error_text, named

log = logging.getLogger(__name__)


class ManagerSignIn(QDialog):
    """Staff number and password; only a manager or an administrator gets in."""

    signed_in = Signal(object)

    def __init__(self, session: ManagerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("登录 — 大厅管理"))
        outer = QVBoxLayout(self)
        card = named(QFrame(), "signInCard")
        outer.addWidget(card)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(40, 32, 40, 32)
        lay.addWidget(named(QLabel(self.tr("便民服务中心 · 大厅管理")), "signInTitle"))
        lay.addWidget(named(QLabel(self.tr("实时大厅、日报与期间报表")), "muted"))
        form = QFormLayout()
        self.staff_no = named(QLineEdit(), "staffNo")
        self.staff_no.setPlaceholderText(self.tr("工号"))
        self.password = named(QLineEdit(), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
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
        self.changing_password = False
        self._show_new_password(False)
        lay.addLayout(form)
        if session.demo:
            lay.addWidget(named(QLabel(self.tr("演示账号：4001 或 9001，密码 demo1234")), "muted"))
        self.message = named(QLabel(""), "formError")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.button = named(QPushButton(self.tr("登录")), "primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        lay.addWidget(self.button)
        self.staff_no.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.new_password.returnPressed.connect(self.new_password2.setFocus)
        self.new_password2.returnPressed.connect(self.submit)
        self.signed_in.connect(self._accept)
        self.resize(520, 380)

    def _accept(self, _signed: object) -> None:
        self.accept()

    def submit(self) -> None:
        if not self.staff_no.text().strip() or not self.password.text():
            self.message.setText(self.tr("请输入工号和密码"))
            return
        self.message.setText("")
        staff_no, password = self.staff_no.text().strip(), self.password.text()
        new: str | None = None
        if self.changing_password:
            new = self.new_password.text()
            if not new or new != self.new_password2.text():
                self.message.setText(self.tr("两次输入的新密码不一致"))
                self.new_password.setFocus()
                return
        self.session.worker.submit(
            "sign_in",
            lambda: self.session.sign_in(staff_no, password, new),
            on_done=self._done,
            on_error=self._failed,
            exclusive=True,
        )

    def _show_new_password(self, shown: bool) -> None:
        """The two new-password rows, shown only while a reset password is being replaced."""
        self.changing_password = shown
        for field in (self.new_password, self.new_password2):
            self._form.setRowVisible(field, shown)
            field.clear()

    def _done(self, result: object) -> None:
        self.password.clear()
        self._show_new_password(False)
        self.signed_in.emit(result)

    def _failed(self, exc: object) -> None:
        if isinstance(exc, PasswordChangeRequired):
            # Keep the temporary password typed: the new one is asked under it.
            self._show_new_password(True)
            self.message.setText(error_text(exc))
            self.new_password.setFocus()
            return
        self.password.clear()
        if isinstance(exc, DatabaseUnavailable):
            self.message.setText(self.tr("数据库连接中断，正在重连…请稍后再试"))
        else:
            self.message.setText(error_text(exc))


class ManagerWindow(QMainWindow):
    """The manager's main window: live hall, day report, period report."""

    def __init__(self, session: ManagerSession, *, live_updates: bool = True,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.session = session
        signed = session.signed
        self.setWindowTitle(
            self.tr("大厅管理 — %1").replace("%1", str(getattr(signed, "hall_name", "")))
        )
        central = named(QWidget(), "central")
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.setContentsMargins(16, 10, 16, 0)
        hall = named(QLabel(str(getattr(signed, "hall_name", ""))), "sectionTitle")
        top.addWidget(hall)
        top.addStretch(1)
        who = session.actor
        top.addWidget(named(QLabel(f"{who.staff_no} {who.name}"), "muted"))
        lay.addLayout(top)
        self.banner = Banner("warn")
        lay.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.live = LiveView(session)
        self.day = ReportView(session, period=False)
        self.period = ReportView(session, period=True)
        self.tabs.addTab(self.live, self.tr("实时大厅"))
        self.tabs.addTab(self.day, self.tr("日报"))
        self.tabs.addTab(self.period, self.tr("期间报表"))
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.updates: Any = None
        if live_updates:
            from ui.live import LiveUpdates

            self.updates = LiveUpdates(session, self)
            self.updates.changed.connect(self.live.on_event, Qt.ConnectionType.QueuedConnection)
            self.updates.lost.connect(self._lost)
            self.updates.restored.connect(self._restored)
        session.worker.offline_changed.connect(self._offline)

    def start(self) -> None:
        if self.updates is not None:
            self.updates.start()
        self.live.start()

    def stop(self) -> None:
        self.live.stop()
        if self.updates is not None:
            self.updates.stop()

    def _lost(self) -> None:
        self.banner.show_message(self.tr("实时刷新已中断，正在重连…"), "warn")

    def _restored(self) -> None:
        self.banner.clear()
        self.live.refresh()  # catch up on whatever changed meanwhile

    def _offline(self, offline: bool) -> None:
        if offline:
            self.banner.show_message(self.tr("数据库连接中断，正在重连…"), "error")
        else:
            self.banner.clear()
            self.live.refresh()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.stop()
        super().closeEvent(event)


def run_manager(url: str, *, lang: str | None = None, demo: bool = False) -> int:
    """Sign in, then the manager window on ``url``. Returns the exit code."""
    from counter.services.base import Runtime
    from ui.app import make_app

    app = make_app(lang=lang)
    rt = Runtime(url)
    session = ManagerSession(rt, demo=demo)
    try:
        dialog = ManagerSignIn(session)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        window = ManagerWindow(session)
        window.resize(1600, 960)
        window.show()
        window.start()
        return int(app.exec())
    finally:
        session.close()
        rt.dispose()
