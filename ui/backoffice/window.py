"""The back-office main window (后台审批).

- 待办 (inbox): one tab per node — 初审, 审核, 决定, 待用印, 送达, 暂停计时 — with its count and
  how many are marked, the cases most urgent first with their countdown and mark; filters by
  department and item, "mine only", and a case-number box (a scanned receipt barcode opens the
  case). Enter opens the case page; Esc goes back.
- 督办 (supervision, managers): :class:`ui.backoffice.supervision.SupervisionView`; a case opens
  read-only.
- 核验 (verify): :class:`ui.backoffice.verify.VerifyPanel`.

Every call goes through the worker to :mod:`counter.backoffice`; the window applies what an
action returns (the case page and the inbox as they now stand), remembers the ids of its own
change events and skips them when they come back from the database; other PCs' changes refresh
the inbox (after a short pause, so a burst is one refresh).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.backoffice.case_page import CasePage
from ui.backoffice.models import CaseTableModel
from ui.backoffice.session import BackofficeSession
from ui.backoffice.supervision import SupervisionView
from ui.backoffice.verify import VerifyPanel
from ui.widgets import Banner, button_text, error_text, named, translate

log = logging.getLogger(__name__)

ROLE_ZH = {"reviewer": "审核", "seal_keeper": "印章管理", "manager": "督办", "admin": "系统管理",
           "clerk": "窗口"}  # fmt: skip


class BackofficeWindow(QMainWindow):
    inbox_loaded = Signal(object)
    page_loaded = Signal(object)
    action_done = Signal(object)
    supervision_loaded = Signal(object)
    verified = Signal(object)

    def __init__(self, session: BackofficeSession, *, live: bool = True) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(self.tr("后台审批 · 一章审批 · 督着办"))
        self.vocab: Any = None
        self.inbox_data: Any = None
        self.applied: set[int] = set()
        self._live_enabled = live
        self.live: Any = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(400)
        self._refresh_timer.timeout.connect(self.refresh)

        central = named(QWidget(), "central")
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        top = QHBoxLayout()
        top.setContentsMargins(16, 10, 16, 10)
        self.title = named(QLabel(self.tr("后台审批")), "sectionTitle")
        top.addWidget(self.title)
        self.who = named(QLabel(""), "muted")
        top.addWidget(self.who, 1)
        self.refresh_button = QPushButton(button_text(self.tr("刷新"), "F5"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        self.sign_out_button = named(QPushButton(self.tr("退出登录")), "signOutButton")
        self.sign_out_button.clicked.connect(self.close)
        top.addWidget(self.sign_out_button)
        outer.addLayout(top)
        self.banner = Banner("warn")
        outer.addWidget(self.banner)

        self.tabs = named(QTabWidget(), "mainTabs")
        outer.addWidget(self.tabs, 1)

        # -- 待办
        self.work = QStackedWidget()
        inbox_page = QWidget()
        il = QVBoxLayout(inbox_page)
        il.setContentsMargins(12, 8, 12, 8)
        self.node_tabs = named(QTabBar(), "nodeTabs")
        self.node_tabs.setExpanding(False)
        self.node_codes: list[str] = []
        self.node_tabs.currentChanged.connect(self._node_changed)
        il.addWidget(self.node_tabs)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("部门")))
        self.dept = named(QComboBox(), "deptFilter")
        self.dept.setMinimumWidth(180)
        self.dept.currentIndexChanged.connect(self._filters_changed)
        filters.addWidget(self.dept)
        filters.addWidget(QLabel(self.tr("事项")))
        self.item = named(QComboBox(), "itemFilter")
        self.item.setMinimumWidth(280)
        self.item.currentIndexChanged.connect(self._filters_changed)
        filters.addWidget(self.item)
        self.mine = QCheckBox(self.tr("只看我经办的"))
        self.mine.toggled.connect(self._filters_changed)
        filters.addWidget(self.mine)
        filters.addStretch(1)
        self.lookup = named(QLineEdit(), "caseLookup")
        self.lookup.setPlaceholderText(self.tr("办件编号（可扫描回执条码） Ctrl+F"))
        self.lookup.setMinimumWidth(320)
        self.lookup.setMaxLength(40)
        self.lookup.returnPressed.connect(lambda: self.open_case(self.lookup.text().strip()))
        filters.addWidget(self.lookup)
        il.addLayout(filters)
        self.model = CaseTableModel(self)
        self.table = named(QTableView(), "inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda idx: self._open_row(idx.row()))
        self.table.doubleClicked.connect(lambda idx: self._open_row(idx.row()))
        il.addWidget(self.table, 1)
        self.legend = named(
            QLabel(
                self.tr(
                    "Ctrl+1…6 切换环节　↑↓ 选择　Enter 打开　Ctrl+F 输入办件编号　F5 刷新　"
                    "Ctrl+K 核验　红牌：超过承诺时限；黄牌：环节超时；预警：临近承诺期限"
                ),
            ),
            "keyLegend",
        )
        il.addWidget(self.legend)
        self.work.addWidget(inbox_page)
        self.case_page = CasePage()
        self.case_page.back.connect(self.show_inbox)
        self.case_page.action_requested.connect(self.run_action)
        self.work.addWidget(self.case_page)
        self.tabs.addTab(self.work, self.tr("待办"))

        # -- 督办
        self.super_stack = QStackedWidget()
        self.supervision = SupervisionView()
        self.supervision.open_case.connect(lambda no: self.open_case(no, read_only=True))
        self.supervision.query_changed.connect(self.load_supervision)
        self.super_stack.addWidget(self.supervision)
        self.super_page = CasePage()
        self.super_page.back.connect(lambda: self.super_stack.setCurrentIndex(0))
        self.super_stack.addWidget(self.super_page)
        self.super_index = self.tabs.addTab(self.super_stack, self.tr("督办"))

        # -- 核验
        self.verify_panel = VerifyPanel()
        self.verify_panel.verify_requested.connect(self.verify)
        self.verify_index = self.tabs.addTab(self.verify_panel, self.tr("核验"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.status = self.statusBar()
        self._shortcuts()
        self.session.worker.busy_changed.connect(self._busy)
        self.session.worker.offline_changed.connect(self._offline)
        self.session.worker.error.connect(lambda _k, exc: self.status.showMessage(error_text(exc)))

    # -- set-up ---------------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        keys = {
            "F5": self.refresh,
            "Ctrl+F": self._focus_lookup,
            "Ctrl+K": lambda: self._go_tab(self.verify_index),
            "Ctrl+D": lambda: self._go_tab(self.super_index),
            "Ctrl+0": self.supervision.clear_filters,
        }
        for n in range(1, 7):
            keys[f"Ctrl+{n}"] = functools.partial(self._select_node, n - 1)
        self._keys = []
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self)
            sc.activated.connect(fn)
            self._keys.append(sc)

    def start(self) -> None:
        """After sign-in: who is here, the vocabularies, the inbox (and live updates)."""
        actor = self.session.actor
        roles = "、".join(translate("roles", ROLE_ZH.get(r, r)) for r in sorted(actor.roles))
        self.who.setText(f"{actor.name}（{actor.staff_no}） {roles}")
        manager = self.session.has("manager")
        self.tabs.setTabVisible(self.super_index, manager)
        self.session.worker.submit("vocab", self.session.vocabularies, on_done=self._vocab)
        if self._live_enabled:
            from ui.live import LiveUpdates

            self.live = LiveUpdates(self.session, self)
            self.live.changed.connect(self._live_change)
            self.live.lost.connect(
                lambda: self.banner.show_message(self.tr("实时刷新中断，正在重连…"), "warn")
            )
            self.live.restored.connect(self._live_restored)
            self.live.start()

    def _vocab(self, vocab: Any) -> None:
        self.vocab = vocab
        self.case_page.set_vocabularies(vocab)
        self.super_page.set_vocabularies(vocab)
        self.dept.blockSignals(True)
        self.dept.clear()
        self.dept.addItem(self.tr("全部部门"), None)
        used = {d for _i, d, _n in vocab.items}
        for did, name in vocab.departments:
            if did in used:
                self.dept.addItem(name, did)
        self.dept.blockSignals(False)
        self._fill_items()
        self.node_tabs.blockSignals(True)
        while self.node_tabs.count():
            self.node_tabs.removeTab(0)
        self.node_codes = []
        for code, zh, _en in vocab.nodes:
            self.node_tabs.addTab(translate("nodes", "待用印" if code == "complete" else zh))
            self.node_codes.append(code)
        self.node_tabs.blockSignals(False)
        self.node_tabs.setCurrentIndex(self._default_node())
        self.refresh()

    def _default_node(self) -> int:
        """A seal keeper who reviews nothing starts on 待用印; everyone else on 初审."""
        if self.session.has("seal_keeper") and not self.session.has("reviewer"):
            return self.node_codes.index("complete") if "complete" in self.node_codes else 0
        return 0

    def _fill_items(self) -> None:
        if self.vocab is None:
            return
        dept = self.dept.currentData()
        current = self.item.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        self.item.addItem(self.tr("全部事项"), None)
        for iid, did, name in self.vocab.items:
            if dept is None or did == dept:
                self.item.addItem(name, iid)
        self.item.setCurrentIndex(max(0, self.item.findData(current)))
        self.item.blockSignals(False)

    # -- inbox --------------------------------------------------------------------------------

    def query(self) -> Any:
        node = self.node_codes[self.node_tabs.currentIndex()] if self.node_codes else "first_review"
        return replace(
            self.session.query,
            node=node,
            department_id=self.dept.currentData(),
            item_id=self.item.currentData(),
            mine=self.mine.isChecked(),
        )

    def refresh(self) -> None:
        if self.session.signed is None:
            return
        self.session.query = self.query()
        self.session.worker.submit(
            "inbox", functools.partial(self.session.inbox, self.session.query), on_done=self._inbox
        )
        if self.tabs.currentIndex() == self.super_index and self.session.has("manager"):
            self.load_supervision(self.supervision.query())

    def _inbox(self, inbox: Any) -> None:
        if inbox.query != self.session.query:
            return  # an older request; a newer one is on its way
        self.inbox_data = inbox
        selected = self._selected_case()
        self.model.set_rows(inbox.rows)
        self.table.resizeColumnsToContents()
        for i, count in enumerate(inbox.counts):
            if i >= self.node_tabs.count():
                break
            label = translate("nodes", "待用印" if count.node == "complete" else count.node_zh)
            marks = ""
            if count.red or count.yellow:
                marks = f" 红{count.red}·黄{count.yellow}" if count.red else f" 黄{count.yellow}"
            self.node_tabs.setTabText(i, f"{label} {count.total}{marks}")
        rows = [r.case_no for r in inbox.rows]
        row = rows.index(selected) if selected in rows else 0
        if rows:
            self.table.selectRow(row)
        self.inbox_loaded.emit(inbox)

    def _selected_case(self) -> str:
        idx = self.table.currentIndex()
        r = self.model.row_at(idx.row()) if idx.isValid() else None
        return str(r.case_no) if r is not None else ""

    def _node_changed(self, _i: int) -> None:
        self.refresh()

    def _select_node(self, i: int) -> None:
        self._go_tab(0)
        self.show_inbox()
        if 0 <= i < self.node_tabs.count():
            self.node_tabs.setCurrentIndex(i)

    def _filters_changed(self, *_: Any) -> None:
        if self.sender() is self.dept:
            self._fill_items()
        self.refresh()

    def _focus_lookup(self) -> None:
        self._go_tab(0)
        self.show_inbox()
        self.lookup.setFocus()
        self.lookup.selectAll()

    def _go_tab(self, index: int) -> None:
        if self.tabs.isTabVisible(index):
            self.tabs.setCurrentIndex(index)

    def _tab_changed(self, index: int) -> None:
        if index == self.super_index:
            self.load_supervision(self.supervision.query())
        elif index == self.verify_index:
            self.verify_panel.code.setFocus()

    def show_inbox(self) -> None:
        self.work.setCurrentIndex(0)
        self.table.setFocus()

    # -- case page ----------------------------------------------------------------------------

    def _open_row(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is not None:
            self.open_case(r.case_no)

    def open_case(self, case_no: str, read_only: bool = False) -> None:
        if not case_no:
            return
        page = self.super_page if read_only else self.case_page

        def done(p: Any) -> None:
            page.set_page(p)
            if read_only:
                self.super_stack.setCurrentIndex(1)
            else:
                self._go_tab(0)
                self.work.setCurrentIndex(1)
                self.lookup.clear()
            page.setFocus()
            self.page_loaded.emit(p)

        def failed(exc: object) -> None:
            self.status.showMessage(error_text(exc), 8000)

        self.session.worker.submit(
            "open",
            functools.partial(self.session.open_case, case_no, read_only),
            on_done=done,
            on_error=failed,
        )

    def run_action(self, action: str, case_no: str, text: str, extra: Any) -> None:
        if action == "preview":
            self.session.worker.submit("act", functools.partial(self.session.preview_decision, case_no), on_done=lambda doc: self.case_page.preview.set_content(doc), on_error=lambda exc: self.case_page.show_error(error_text(exc)))  # fmt: skip
            return
        self.session.query = self.query()
        self.session.worker.submit(
            "act",
            functools.partial(self.session.act, action, case_no, text, **dict(extra or {})),
            on_done=lambda result: self._acted(action, result),
            on_error=lambda exc: self.case_page.show_error(error_text(exc)),
            exclusive=True,
        )

    def _acted(self, action: str, result: Any) -> None:
        for change in result.changes:
            if change.id is not None:
                self.applied.add(int(change.id))
        self.case_page.set_page(result.page, result.document)
        if result.inbox is not None:
            self._inbox(result.inbox)
        label = translate("CasePage", _action_label(action))
        msg = self.tr("已完成：%1").replace("%1", label)
        if result.serial:
            msg += self.tr("（用印登记 %1，按 Ctrl+P 打印）").replace("%1", result.serial)
        for w in result.warnings:
            msg += f"；{w}"
        self.status.showMessage(msg, 10000)
        self.action_done.emit(result)

    def _busy(self, key: str, busy: bool) -> None:
        if key == "act":
            self.case_page.set_busy(busy)

    # -- supervision and verification ---------------------------------------------------------

    def load_supervision(self, query: Any) -> None:
        if not self.session.has("manager"):
            return

        def done(view: Any) -> None:
            self.supervision.set_view(view)
            self.supervision_loaded.emit(view)

        self.session.worker.submit(
            "supervision", functools.partial(self.session.supervision, query), on_done=done
        )

    def verify(self, code: str) -> None:
        def done(v: Any) -> None:
            self.verify_panel.show_result(v)
            self.verified.emit(v)

        self.session.worker.submit("verify", functools.partial(self.session.verify, code), on_done=done, on_error=lambda exc: self.verify_panel.show_error(error_text(exc)))  # fmt: skip

    # -- live changes and the connection ------------------------------------------------------

    def _live_change(self, change: Any) -> None:
        cid = getattr(change, "id", None)
        if cid is not None and int(cid) in self.applied:
            return
        if str(getattr(change, "type", "")).startswith(("case.", "seal.")):
            self._refresh_timer.start()

    def _live_restored(self) -> None:
        self.banner.clear()
        self.refresh()

    def _offline(self, offline: bool) -> None:
        if offline:
            self.banner.show_message(
                self.tr("数据库连接中断，正在重连…已填写的意见不会丢失"), "error"
            )
        else:
            self.banner.clear()
            self.refresh()

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def closeEvent(self, event: QCloseEvent) -> None:
        """Sign out on the worker (the session's close waits for it), never on the Qt thread."""
        self.stop()
        if self.session.signed is not None and not self.session.worker.closed:
            self.session.worker.submit(
                "sign_out", self.session.sign_out,
                on_error=lambda exc: log.warning("sign-out not recorded: %r", exc),
            )  # fmt: skip
        super().closeEvent(event)


def _action_label(action: str) -> str:
    from ui.backoffice.case_page import ACTIONS

    return ACTIONS.get(action, (action, "", ""))[0]


__all__ = ["BackofficeWindow"]
