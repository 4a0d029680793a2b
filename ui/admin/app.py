"""``counter admin``: sign in as an administrator, then the console's tabs — 事项目录, 工作人员,
工作日历, 大厅设置, 窗口与队列, 村便民服务点 — over one :class:`~ui.admin.session.AdminSession`.
Change events from other PCs (:class:`ui.live.LiveUpdates`) go to every tab; each reads again
only what it shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter import admin as door
from ui.admin.calendar import CalendarTab
from ui.admin.catalogue import CatalogueTab
from ui.admin.common import AdminTab
from ui.admin.floor import FloorTab
from ui.admin.session import AdminSession
from ui.admin.settings import SettingsTab
from ui.admin.staff import StaffTab
from ui.admin.villages import VillageTab
from ui.widgets import Banner, named


class AdminWindow(QMainWindow):
    def __init__(self, session: AdminSession, vocab: door.Vocabularies, *,
                 live_updates: bool = True, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.session = session
        signed = session.signed
        hall = str(getattr(signed, "hall_name", ""))
        self.setWindowTitle(self.tr("系统管理 — %1").replace("%1", hall))
        central = named(QWidget(), "central")
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.setContentsMargins(16, 10, 16, 0)
        top.addWidget(named(QLabel(self.tr("系统管理 · %1").replace("%1", hall)), "sectionTitle"))
        top.addStretch(1)
        who = session.actor
        top.addWidget(named(QLabel(f"{who.staff_no} {who.name}"), "muted"))
        lay.addLayout(top)
        self.banner = Banner("warn")
        lay.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.catalogue = CatalogueTab(session, vocab)
        self.staff = StaffTab(session, vocab)
        self.calendar = CalendarTab(session, vocab)
        self.settings = SettingsTab(session, vocab)
        self.floor = FloorTab(session, vocab)
        self.villages = VillageTab(session, vocab)
        self.all_tabs: tuple[AdminTab, ...] = (
            self.catalogue, self.staff, self.calendar, self.settings, self.floor, self.villages,
        )  # fmt: skip
        for tab, title in zip(
            self.all_tabs,
            (self.tr("事项目录"), self.tr("工作人员"), self.tr("工作日历"), self.tr("大厅设置"),
             self.tr("窗口与队列"), self.tr("村便民服务点")),
            strict=True,
        ):  # fmt: skip
            self.tabs.addTab(tab, title)
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.updates: Any = None
        if live_updates:
            from ui.live import LiveUpdates

            self.updates = LiveUpdates(session, self)
            self.updates.changed.connect(self.on_event, Qt.ConnectionType.QueuedConnection)
            self.updates.lost.connect(
                lambda: self.banner.show_message(self.tr("实时刷新已中断，正在重连…"), "warn")
            )
            self.updates.restored.connect(self.banner.clear)

    @property
    def pending(self) -> int:
        return sum(t.pending for t in self.all_tabs)

    def start(self) -> None:
        if self.updates is not None:
            self.updates.start()
        for tab in self.all_tabs:
            tab.start()

    def on_event(self, change: Any) -> None:
        for tab in self.all_tabs:
            tab.on_event(change)

    def stop(self) -> None:
        if self.updates is not None:
            self.updates.stop()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.stop()
        super().closeEvent(event)


def run_admin(url: str, *, lang: str | None = None, demo: bool | None = None) -> int:
    """Sign in (administrators only), then the console on ``url``. Returns the exit code."""
    from counter.services.base import Runtime
    from ui.app import make_app
    from ui.signin import SignInDialog

    app = make_app(lang=lang)
    rt = Runtime(url)
    if demo is None:
        from counter.backoffice import hall_is_demo

        demo = hall_is_demo(rt)
    session = AdminSession(rt, demo=bool(demo))
    try:
        dialog = SignInDialog(session)
        dialog.setWindowTitle(dialog.tr("登录 — 系统管理"))
        if dialog.exec() != SignInDialog.DialogCode.Accepted:
            return 0
        window = AdminWindow(session, door.vocabularies(rt, session.actor))
        window.resize(1600, 960)
        window.show()
        window.start()
        return int(app.exec())
    finally:
        session.close()
        rt.dispose()
