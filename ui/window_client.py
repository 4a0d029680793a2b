"""The window client (综合窗口受理客户端): the clerk's screen, all day long.

Layout (1920×1080): the queue bar across the top; below it two tabs — 受理 (F9) with the
applicant and the item finder on the left, the visit's items and the checklist in the middle,
the outcome and the document preview on the right — and 出件 (F10). A banner under the queue bar
says when the database is unreachable; the status bar names the hall, the window, the clerk,
the devices and when the draft was last saved.

Keys: F1 叫号 · F2 重呼 · F3 过号 · F4 暂离 · Shift+F4 暂离列表（恢复） · F5 转移 · F6 办结 ·
F7 暂停/恢复叫号 · F8 全部收齐 · Ctrl+Enter 受理 · Ctrl+G 一次性告知 · Ctrl+R 不予受理 ·
Ctrl+P 打印 · Ctrl+Shift+P 补打 · Ctrl+E 导出PDF · Ctrl+F 查找事项 · Ctrl+U 使用上次登记信息 ·
Ctrl+L 清空表单 · F9 受理 · F10 出件 · Ctrl+Q 签退.

The screen is composed of two controllers: :class:`ui.window_queue.QueueController` (the
window's state, kept from the door's results and the hall's change events, and the F-key
actions) and :class:`ui.window_intake.IntakeController` (items, checklists, outcomes, 补正后受理,
补打 and 出件). This class lays them out, routes keys, devices and live events to them, keeps the
draft, and signs the clerk out.

Closing the client, or signing out, closes the window in the queue engine and signs the clerk
out; a visitor still at the window is first finished or parked (the clerk is asked). The draft
is kept either way. Every database call runs on the worker (:mod:`ui.worker`) and comes back by
signal; live changes from other PCs arrive through :mod:`ui.live`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import drafts as core_drafts
from counter import window as door
from counter.changes import Change
from counter.config import data_dir
from counter.devices.idcard import IdCard
from counter.domain.cases import looks_like_case_no
from counter.domain.checkchars import is_valid_citizen_id, normalize_code
from counter.errors import CounterError, DatabaseUnavailable
from counter.services.catalog import ItemSummary
from counter.services.queue_state import ParkedTicket, TicketView, WindowState
from ui import widgets
from ui.applicant_panel import ApplicantPanel
from ui.backend import Backend
from ui.checklist import ChecklistPanel, VisitItem
from ui.citizen_screen import CitizenScreen, RatedCase
from ui.devices import CardReaderService, SerialScannerBridge
from ui.drafts import DraftKeeper
from ui.handout import HandoutPanel
from ui.item_finder import ItemFinder
from ui.live import LiveUpdates
from ui.outcome import OutcomePanel
from ui.queue_bar import QueueBar
from ui.scanner_wedge import ScannerWedge
from ui.widgets import Banner, error_text, named, translate
from ui.window_intake import IntakeController
from ui.window_queue import QUEUE_KEY, QueueController

log = logging.getLogger(__name__)

TransferChoice = tuple[str, str | int]


def ask_transfer_target(
    parent: QWidget | None, targets: door.TransferTargets
) -> TransferChoice | None:
    """("queue", prefix) or ("window", number) or None (cancelled). Tests replace this.

    The visitor's own queue is not offered first: the dialog starts on the first other queue."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("client", "转移号票"))
    form = QFormLayout(dialog)
    combo = QComboBox()
    for prefix, name, waiting in targets.queues:
        label = (
            translate("client", "队列：%1 %2（等候%3人）")
            .replace("%1", prefix)
            .replace("%2", name)
            .replace("%3", str(waiting))
        )
        combo.addItem(label, ("queue", prefix))
    for number, name, state in targets.windows:
        opened = translate("client", "开启") if state == "open" else translate("client", "未开启")
        combo.addItem(
            translate("client", "窗口：%1（%2）").replace("%1", name).replace("%2", opened),
            ("window", number),
        )
    others = [n for n, (p, _n, _w) in enumerate(targets.queues) if p != targets.current_queue]
    combo.setCurrentIndex(others[0] if others else 0)
    form.addRow(translate("client", "转移到"), combo)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or combo.currentIndex() < 0:
        return None
    kind, target = combo.currentData()
    return str(kind), target


def ask_before_leaving(parent: QWidget | None, number: str) -> str | None:
    """A visitor is still at the window when the clerk closes the client or signs out: "finish"
    (办结), "park" (暂离) or None (stay). Tests replace this."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("client", "签退"))
    lay = QVBoxLayout(dialog)
    label = QLabel(
        translate("client", "%1 号仍在窗口办理。签退前请先办结或暂离（填写内容会保留）：").replace(
            "%1", number
        )
    )
    label.setWordWrap(True)
    lay.addWidget(label)
    buttons = QDialogButtonBox()
    finish = buttons.addButton(
        translate("client", "办结后签退"), QDialogButtonBox.ButtonRole.AcceptRole
    )
    park = buttons.addButton(
        translate("client", "暂离后签退"), QDialogButtonBox.ButtonRole.ActionRole
    )
    buttons.addButton(translate("client", "取消"), QDialogButtonBox.ButtonRole.RejectRole)
    chosen: list[str] = []

    def choose(what: str) -> None:
        chosen.append(what)
        dialog.accept()

    finish.clicked.connect(lambda: choose("finish"))
    park.clicked.connect(lambda: choose("park"))
    buttons.rejected.connect(dialog.reject)
    lay.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not chosen:
        return None
    return chosen[0]


class WindowClient(QMainWindow):
    """The clerk's main window. ``devices``: start the configured card reader / serial scanner
    and the keyboard-wedge filter; ``live``: subscribe to changes from other PCs."""

    visit_finished = Signal()
    left = Signal()  # the window was closed in the queue engine and the clerk signed out
    reprinted = Signal(object)  # the reprinted DocumentContent

    def __init__(
        self,
        backend: Backend,
        parent: QWidget | None = None,
        *,
        devices: bool = True,
        live: bool = True,
        citizen: bool = True,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.worker = backend.worker
        self.setObjectName("windowClient")
        self.parked_forms: dict[int, dict[str, Any]] = {}
        self.eval_context: dict[str, int | None] | None = None
        self.evaluations = 0
        self._finish_armed = False
        self.printed_cases: set[str] = set()  # case numbers whose window document was printed
        self._f8_pending: VisitItem | None = None  # F8 pressed while its checklist loaded
        self._started_for: int | None = None
        self._live_down = False
        self._leaving = False
        self._left = False
        self._stopped = False
        self.reader: CardReaderService | None = None
        self.serial_scanner: SerialScannerBridge | None = None
        self.wedge: ScannerWedge | None = None
        self.live: LiveUpdates | None = None
        desk = backend.desk
        self.window_number = backend.station.window
        title = self.tr("便民服务中心综合窗口")
        if desk is not None:
            title = f"{desk.hall_name} · {desk.window}{self.tr('号窗口')} · {desk.actor.name}"
        self.setWindowTitle(title)

        central = named(QWidget(), "central")
        root = QVBoxLayout(central)
        root.setContentsMargins(16, 12, 16, 8)
        root.setSpacing(10)
        self.offline_banner = Banner("error")
        self.offline_banner.action.connect(self.worker.retry_now)
        root.addWidget(self.offline_banner)
        self.queue_bar = QueueBar()
        self.queue_bar.action.connect(self.queue_action)
        self.queue_bar.resume_requested.connect(self.resume_ticket)
        root.addWidget(self.queue_bar)
        self.notice = Banner("info")
        self.notice.action.connect(self.notice.clear)
        root.addWidget(self.notice)

        self.tabs = named(QTabWidget(), "modeTabs")
        root.addWidget(self.tabs, 1)
        intake = named(QWidget(), "intakeTab")
        il = QVBoxLayout(intake)
        il.setContentsMargins(0, 8, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = named(QWidget(), "leftColumn")
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 8, 0)
        ll.setSpacing(14)
        self.applicant = ApplicantPanel()
        ll.addWidget(self.applicant)
        self.finder = ItemFinder(backend)
        ll.addWidget(self.finder, 1)
        split.addWidget(left)
        self.checklist = ChecklistPanel()
        mid = named(QWidget(), "middleColumn")
        ml = QVBoxLayout(mid)
        ml.setContentsMargins(8, 0, 8, 0)
        ml.addWidget(self.checklist)
        split.addWidget(mid)
        self.outcome = OutcomePanel(printer_name=backend.station.printer)
        right = named(QWidget(), "rightColumn")
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.addWidget(self.outcome)
        split.addWidget(right)
        split.setSizes([600, 720, 580])
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 5)
        il.addWidget(split)
        self.tabs.addTab(intake, self.tr("受理  F9"))
        self.handout = HandoutPanel(printer_name=backend.station.printer)
        ho = named(QWidget(), "handoutTab")
        hl = QVBoxLayout(ho)
        hl.setContentsMargins(0, 8, 0, 0)
        hl.addWidget(self.handout)
        self.tabs.addTab(ho, self.tr("出件  F10"))
        self.setCentralWidget(central)

        sb = self.statusBar()
        self.who_label = QLabel("")
        self.signout_button = named(
            QPushButton(self.tr("签退  Ctrl+Q"), flat=True), "signOutButton"
        )
        self.signout_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.signout_button.clicked.connect(self.sign_out)
        self.device_label = QLabel("")
        self.draft_label = QLabel("")
        sb.addWidget(self.who_label, 1)
        sb.addPermanentWidget(self.device_label)
        sb.addPermanentWidget(self.draft_label)
        sb.addPermanentWidget(self.signout_button)
        if desk is not None:
            self.who_label.setText(
                self.tr("%1 · %2号窗口 · %3（工号 %4）")
                .replace("%1", desk.hall_name)
                .replace("%2", str(desk.window))
                .replace("%3", desk.actor.name)
                .replace("%4", desk.actor.staff_no)
            )

        # citizen screen
        self.citizen = CitizenScreen() if citizen else None
        if self.citizen is not None and desk is not None:
            self.citizen.set_clerk(
                desk.hall_name, desk.window, desk.actor.name, desk.actor.staff_no
            )
            self.citizen.evaluated.connect(self.record_evaluation)

        # drafts
        staff_no = desk.actor.staff_no if desk is not None else "anon"
        self.drafts = DraftKeeper(
            core_drafts.draft_path(data_dir(), window=self.window_number, staff_no=staff_no),
            self.collect_draft,
            self,
        )
        self.drafts.saved.connect(
            lambda t: self.draft_label.setText(self.tr("草稿已保存 %1").replace("%1", t))
        )
        self.drafts.failed.connect(
            lambda e: self.draft_label.setText(self.tr("草稿保存失败：%1").replace("%1", e))
        )

        # controllers
        self.queue = QueueController(backend, self)
        self.queue.state_changed.connect(self._state_changed)
        self.queue.ticket_changed.connect(self._ticket_changed)
        self.queue.result_applied.connect(self._queue_result)
        self.queue.message.connect(self.notice.show_message)
        self.intake = IntakeController(
            backend,
            applicant=self.applicant,
            checklist=self.checklist,
            outcome=self.outcome,
            handout=self.handout,
            tabs=self.tabs,
            drafts=self.drafts,
            ticket_id=lambda: self.ticket.id if self.ticket is not None else None,
            started=self._ensure_started,
            dialog_parent=self,
            parent=self,
        )
        self.intake.message.connect(self.notice.show_message)
        self.intake.actions_changed.connect(self.update_actions)
        self.intake.reprinted.connect(self.reprinted)
        self.intake.citizen_changed.connect(self._update_citizen)
        self.intake.item_loaded.connect(self._item_loaded)
        self.intake.outcome_done.connect(self._outcome_done)

        # wiring
        self.finder.chosen.connect(self.intake.add_item)
        self.applicant.changed.connect(self._form_changed)
        self.applicant.lookup_wanted.connect(self.lookup_applicant)
        self.checklist.changed.connect(self._form_changed)
        self.checklist.current_changed.connect(self._current_item_changed)
        self.outcome.preview.printed.connect(self._printed)
        self.worker.busy_changed.connect(lambda _k, _b: self.update_actions())
        self.worker.offline_changed.connect(self._offline_changed)
        self.worker.reconnected.connect(self.refresh_queue)
        self.worker.error.connect(self._call_failed)
        self._shortcuts()

        if devices:
            self.start_devices()
        if live:
            self.start_live()
        self.update_actions()

    # ------------------------------------------------------------------------------ set-up

    def _shortcuts(self) -> None:
        keys: dict[str, Callable[[], object]] = {
            "F1": lambda: self.queue_action("call_next"),
            "F2": lambda: self.queue_action("recall"),
            "F3": lambda: self.queue_action("no_show"),
            "F4": lambda: self.queue_action("park"),
            "F5": lambda: self.queue_action("transfer"),
            "F6": lambda: self.queue_action("finish"),
            "F7": lambda: self.queue_action("pause"),
            "Shift+F4": self.show_parked,
            "Ctrl+Shift+P": self.intake.reprint_current,
            "Ctrl+Q": self.sign_out,
            "F8": self.mark_all_received,
            "Ctrl+Return": self.accept_current,
            "Ctrl+Enter": self.accept_current,
            "Ctrl+G": self.notice_current,
            "Ctrl+R": self.reject_current,
            "Ctrl+P": self.print_current,
            "Ctrl+E": self.export_current,
            "Ctrl+F": self.focus_search,
            "Ctrl+U": self.applicant.apply_previous,
            "Ctrl+L": self.new_visit,
            "F9": lambda: self.tabs.setCurrentIndex(0),
            "F10": self.show_handout,
        }
        for n in range(1, 10):  # the finder's first nine rows, from wherever the focus is
            keys[f"Alt+{n}"] = functools.partial(self.choose_listed, n - 1)
        self.shortcuts: dict[str, QShortcut] = {}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            if seq != "F6":  # F6's question is answered by the very next key only
                sc.activated.connect(self._disarm_finish)
            sc.activated.connect(fn)
            self.shortcuts[seq] = sc

    def start_devices(self) -> None:
        station = self.backend.station
        if station.idcard_port:
            self.reader = CardReaderService(station.idcard_port, station.idcard_baud, self)
            self.reader.card_read.connect(self.card_read)
            self.reader.status_changed.connect(self._device_status)
            self.reader.start()
        if station.scanner_port:
            self.serial_scanner = SerialScannerBridge(
                station.scanner_port,
                station.scanner_baud,
                station.scanner_terminator,
                station.scanner_prefix,
                self,
            )
            self.serial_scanner.scanned.connect(self.code_scanned)
            self.serial_scanner.status_changed.connect(self._device_status)
            self.serial_scanner.start()
        prefix = station.scanner_prefix if not station.scanner_port else ""
        # Without a prefix nothing marks the scanner's bursts: only the case-number format is a
        # scan, so a fast-typed ID number stays in the field it is typed in.
        self.wedge = ScannerWedge(
            self, prefix=prefix, accept=None if prefix else looks_like_case_no
        )
        self.wedge.scanned.connect(self.code_scanned)
        self.wedge.install()
        self._device_status("", "")

    def start_live(self) -> None:
        self.live = LiveUpdates(self.backend, self)
        self.live.changed.connect(self._live_change)
        self.live.lost.connect(self._live_lost)
        self.live.restored.connect(self._live_restored)
        self.live.start()

    def stop(self) -> None:
        """Stop devices and listeners, save the draft (called on close). A stopped client
        closes without signing out."""
        self._stopped = True
        self.drafts.flush()
        if self.reader is not None:
            self.reader.stop()
        if self.serial_scanner is not None:
            self.serial_scanner.stop()
        if self.wedge is not None:
            self.wedge.uninstall()
        if self.live is not None:
            self.live.stop()
        if self.citizen is not None:
            self.citizen.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Closing while signed in first closes the window and signs out (:meth:`sign_out`)."""
        if self._left or self._stopped or not self.backend.signed_in or self.worker.closed:
            self.stop()
            super().closeEvent(event)
            return
        event.ignore()
        self.sign_out()

    def sign_out(self) -> None:
        """签退: finish or park the visitor at the window (asked), close the window in the queue
        engine, sign out, then close the client. The draft is kept."""
        if self._leaving or not self.backend.signed_in:
            return
        current = ""
        if self.ticket is not None:
            choice = ask_before_leaving(self, self.ticket.number)
            if choice is None:
                return
            current = choice
            if current == "park":  # the form goes with the parked ticket, as on F4
                self.parked_forms[self.ticket.id] = self.collect_draft()
                self.applicant.clear()
                self.checklist.clear()
        self._leaving = True
        self.drafts.flush()

        def done(_r: object) -> None:
            self._leaving = False
            self._left = True
            self.drafts.flush()
            self.backend.desk = None
            self.queue.forget()
            self.left.emit()
            self.close()

        def failed(exc: Exception) -> None:
            self._leaving = False
            if isinstance(exc, DatabaseUnavailable):
                # Nothing more can be done from here: leave; the draft is on this PC.
                self._left = True
                self.drafts.flush()
                self.left.emit()
                self.close()
                return
            self.notice.show_message(self.tr("未能签退：%1").replace("%1", error_text(exc)), "warn")
            self.refresh_queue()

        submitted = self.backend.call("leave", door.leave, current).then(
            done, failed, exclusive=True
        )
        if submitted is None:
            self._leaving = False
        self.update_actions()

    def show_all(self) -> None:
        """Show the client maximised on its screen (its available geometry first, for a desktop
        without a window manager that would ignore "maximised") and the citizen screen on
        another monitor, or not at all with one (again when a monitor is plugged in or out)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.showMaximized()
        self.place_citizen_screen()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(lambda _s: self.place_citizen_screen())
            app.screenRemoved.connect(lambda _s: self.place_citizen_screen())
        self.start_session()

    def place_citizen_screen(self) -> bool:
        """The citizen screen on a monitor other than this window's; False when it stays off."""
        if self.citizen is None or self._stopped:
            return False
        return self.citizen.place_on_second_screen(self.screen())

    def start_session(self) -> None:
        """After sign-in: open the window (its state comes back with it), load the catalogue,
        restore the draft."""
        self.queue.open()
        self.finder.load_departments()
        self.finder.run_search()
        self.finder.load_catalogue()
        self.restore_draft()

    def _device_status(self, _state: str, _text: str) -> None:
        parts = []
        if self.reader is not None:
            parts.append(
                self.tr("读卡器：%1").replace(
                    "%1", self.tr("就绪") if self.reader.state == "ready" else self.tr("未连接")
                )
            )
        else:
            parts.append(self.tr("读卡器：未配置"))
        if self.serial_scanner is not None:
            parts.append(self.tr("扫码枪：串口"))
        else:
            parts.append(self.tr("扫码枪：键盘模式"))
        self.device_label.setText("　".join(parts))
        if self.reader is not None and self.reader.state == "error":
            self.applicant.card_state.setText(self.tr("读卡器未连接，请手工录入"))

    # ------------------------------------------------------------------------------ queue

    @property
    def ticket(self) -> TicketView | None:
        """The ticket at the window, as the core last said."""
        return self.queue.ticket

    @property
    def window_state(self) -> str:
        return self.queue.state.state if self.queue.state is not None else ""

    @property
    def parked_tickets(self) -> list[ParkedTicket]:
        return list(self.queue.state.parked) if self.queue.state is not None else []

    def _ticket_state(self) -> str:
        return self.queue.ticket_state

    def refresh_queue(self) -> None:
        """Read the window's state again (after a reconnect, or when asked)."""
        self.queue.read_state()

    def _state_changed(self, st: WindowState) -> None:
        self.queue_bar.set_ticket(st.current)
        self.queue_bar.set_counts(
            [(q.prefix, q.name, q.waiting) for q in st.queues], st.estimate_minutes, st.state
        )
        self.queue_bar.set_paused(st.state == "paused")
        self.queue_bar.set_parked(list(st.parked))
        self.update_actions()

    def _ticket_changed(self, ticket: TicketView | None) -> None:
        if self.citizen is not None:
            if ticket is None:
                if self.citizen.page == "serving":
                    self.citizen.show_idle()
            else:
                self._update_citizen()
        self.update_actions()

    def queue_action(self, name: str) -> None:
        if not self.queue_bar.buttons[name].isEnabled():
            return
        if name == "call_next":
            self.notice.clear()
            if self.checklist.items and all(i.done for i in self.checklist.items):
                self.new_visit()
            self.queue.next_visitor()
        elif name == "recall":
            self.queue.recall()
        elif name == "no_show":
            self.queue.no_show()
        elif name == "park":
            if self.ticket is not None:
                self.parked_forms[self.ticket.id] = self.collect_draft()
            self.queue.park()
        elif name == "transfer":
            self.backend.call("targets", door.transfer_targets).then(self._transfer)
        elif name == "finish":
            self.finish_visit()
        elif name == "pause":
            self.toggle_pause()
        self.update_actions()

    def _queue_result(self, name: str, result: door.WindowResult) -> None:
        """What the clerk is told after a queue action came back."""
        number = result.ticket.number if result.ticket is not None else ""
        if name == "call_next":
            if result.ticket is None:
                self.notice.show_message(self.tr("当前没有等候的群众"), "info")
            else:
                self._started_for = None
                self.focus_search()
        elif name == "recall":
            self.notice.show_message(self.tr("已重呼 %1").replace("%1", number), "info")
        elif name == "no_show":
            self.notice.show_message(f"{number} {self.tr('已过号')}", "info")
        elif name == "park":
            self.new_visit(keep_draft=False)
            self.notice.show_message(f"{number} {self.tr('暂离，可从“暂离”按钮恢复')}", "info")
        elif name == "transfer":
            self.notice.show_message(f"{number} {self.tr('已转移')}", "info")
        elif name == "resume" and result.ticket is not None:
            form = self.parked_forms.pop(result.ticket.id, None)
            if form:
                self.restore_form(form)
        elif name == "pause":
            self.notice.show_message(
                self.tr("窗口已暂停服务，不会再被叫号；按 F7 恢复叫号")
                if result.window.state == "paused"
                else self.tr("窗口已恢复叫号"),
                "info",
            )

    def toggle_pause(self) -> None:
        """暂停 (F7): the window is no longer called; F7 again opens it."""
        self.queue.pause(not self.queue.paused)

    def show_parked(self) -> None:
        """Shift+F4: the list of this window's parked tickets (Enter resumes one)."""
        if not self.queue_bar.show_parked():
            self.notice.show_message(self.tr("本窗口没有暂离的号票"), "info")

    def resume_ticket(self, ticket: ParkedTicket) -> None:
        if self.ticket is not None:
            self.notice.show_message(self.tr("请先办结或暂离当前号票，再恢复暂离的号票"), "warn")
            return
        self.queue.resume(ticket.id)

    def _transfer(self, targets: door.TransferTargets) -> None:
        choice = ask_transfer_target(self, targets)
        if choice is None:
            return
        kind, target = choice
        if kind == "queue":
            self.queue.transfer(queue=str(target))
        else:
            self.queue.transfer(window=int(target))

    def _ensure_started(self) -> None:
        """The citizen is at the window (card read, item chosen): start service once."""
        if self.ticket is None or self._ticket_state() != "called":
            return
        if self._started_for == self.ticket.id:
            return
        self._started_for = self.ticket.id
        self.queue.start()

    def _disarm_finish(self) -> None:
        self._finish_armed = False

    def finish_warning(self) -> str:
        """Why F6 asks before finishing ("" when it need not): items still open, no item
        handled at all, or an outcome whose document was never printed."""
        items = self.checklist.items
        pending = [i for i in items if not i.done]
        if pending:
            return self.tr("还有 %1 项未办理（已保存草稿）").replace("%1", str(len(pending)))
        if not items:
            return self.tr("本次未办理任何事项")
        unprinted = [i.case_no for i in items if i.case_no and i.case_no not in self.printed_cases]
        if unprinted:
            return self.tr("办件 %1 的文书尚未打印（Ctrl+P 打印）").replace(
                "%1", (", " if widgets.ENGLISH else "、").join(unprinted)
            )
        return ""

    def finish_visit(self) -> None:
        """F6 办结. When :meth:`finish_warning` has something to say, the first F6 says it and
        the second (the next key the clerk presses being F6) finishes; any change in between
        disarms it."""
        warning = self.finish_warning()
        if warning and not self._finish_armed:
            self._finish_armed = True
            self.notice.show_message(
                warning + self.tr("。确认结束本次服务请再按 F6"),
                "warn",
            )
            return
        self._finish_armed = False
        ticket = self.ticket
        case_ids = self.intake.case_ids()
        rated = [RatedCase(i.name, i.case_no) for i in self.checklist.items if i.result is not None]

        def done(_r: door.WindowResult) -> None:
            self.eval_context = {
                "ticket_id": ticket.id if ticket is not None else None,
                "case_id": case_ids[0] if case_ids else None,
            }
            self.new_visit(keep_draft=False)
            if self.citizen is not None:
                self.citizen.show_evaluation(rated, ticket.number if ticket is not None else "")
            self.notice.show_message(
                self.tr("%1 已办结，请群众在评价器上评价").replace(
                    "%1", ticket.number if ticket is not None else ""
                ),
                "ok",
            )
            self.visit_finished.emit()

        self.queue.finish(then=done)

    def _printed(self, content: object) -> None:
        case_no = getattr(content, "barcode", None)
        if case_no:
            self.printed_cases.add(str(case_no))
        self._finish_armed = False
        self.notice.show_message(self.tr("已打印"), "ok")

    def record_evaluation(self, level: int, reasons: list[str], comment: str) -> None:
        ctx = self.eval_context or {}

        def done(_r: object) -> None:
            self.evaluations += 1
            self.eval_context = None
            if self.citizen is not None:
                self.citizen.show_thanks()

        def failed(exc: Exception) -> None:
            self.notice.show_message(
                self.tr("评价未保存：%1").replace("%1", error_text(exc)), "warn"
            )

        self.backend.call(
            "evaluation",
            door.evaluate,
            level,
            reasons,
            comment,
            case_id=ctx.get("case_id"),
            ticket_id=ctx.get("ticket_id"),
        ).then(done, failed, exclusive=True)

    # ------------------------------------------------------------------------------ live

    def _live_lost(self) -> None:
        self._live_down = True
        self._show_offline_banner()

    def _live_restored(self) -> None:
        self._live_down = False
        self._show_offline_banner()
        self.refresh_queue()

    def _show_offline_banner(self) -> None:
        if self.worker.offline:
            self.offline_banner.show_message(
                self.tr("数据库连接中断，正在重连…　已填写的内容保存在本机，不会丢失"),
                "error",
                self.tr("立即重试"),
            )
        elif self._live_down:
            self.offline_banner.show_message(
                self.tr("实时刷新连接中断，正在重连…　叫号和等候人数可能不是最新"), "warn"
            )
        else:
            self.offline_banner.clear()

    def _live_change(self, change: Change) -> None:
        if change.type.startswith("catalogue."):
            self.finder.load_catalogue()
            return
        self.queue.on_change(change)

    # ------------------------------------------------------------------------------ applicant

    def card_read(self, card: IdCard) -> None:
        if self.tabs.currentIndex() == 1:
            self.handout.card_read(card)
            return
        where = self.applicant.fill_from_card(card)
        if where == "applicant":
            self._ensure_started()
            self._update_citizen()
        if self.checklist.current is None:
            self.focus_search()

    def lookup_applicant(self, kind: str, value: str) -> None:
        def done(info: object) -> None:
            current = self.applicant.to_dict()["applicant"]
            if current.get("id_number" if kind == "id_number" else "uscc") == value:
                from counter.services.cases import ApplicantInfo
                from ui.applicant_panel import person_form

                self.applicant.offer_previous(
                    person_form(info) if isinstance(info, ApplicantInfo) else None
                )

        self.backend.call(
            "applicant", door.find_applicant, "uscc" if kind == "uscc" else "person", value
        ).then(done, lambda _e: None)

    # ------------------------------------------------------------------------------ items

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.finder.focus_search()

    def add_item(self, summary: ItemSummary) -> None:
        self.intake.add_item(summary)

    def choose_listed(self, row: int) -> None:
        """Alt+1…Alt+9: add the finder's row ``row`` to the visit; the focus moves to its
        checklist (the key never types into the finder: it is a window shortcut)."""
        self.tabs.setCurrentIndex(0)
        self.finder.choose_row(row)

    def mark_all_received(self) -> None:
        """F8 on the current item; pressed while its checklist is still being read, it applies
        as soon as the materials arrive (the clerk need not wait for the screen)."""
        current = self.checklist.current
        if current is not None and not current.loaded and not current.done:
            self._f8_pending = current
            self.notice.show_message(self.tr("正在读取材料清单，读取后全部收齐（F8）"), "info")
            return
        self._f8_pending = None
        self.checklist.mark_all_received()
        self.checklist.focus_table()

    def _outcome_done(self, item: VisitItem) -> None:
        """An accepted item counts as one more use at this window: it moves up in the finder
        at once (the core counted it too; the next catalogue reading agrees)."""
        if item.outcome == "accepted":
            self.finder.index.bump(item.item_id)

    def _item_loaded(self, item: VisitItem) -> None:
        if item is self._f8_pending:
            self._f8_pending = None
            if item is self.checklist.current:
                self.notice.clear()
                self.mark_all_received()

    def _current_item_changed(self) -> None:
        self.outcome.show_item_result(self.checklist.current)
        self.update_actions()
        self._update_citizen()

    def _update_citizen(self) -> None:
        if self.citizen is None or self.ticket is None:
            return
        current = self.checklist.current
        item_name = current.name if current is not None else ""
        self.citizen.show_serving(self.ticket.number, item_name, self.applicant.display_name())

    # ------------------------------------------------------------------------------ actions

    def update_actions(self) -> None:
        offline = self.worker.offline
        busy_q = self.worker.busy(QUEUE_KEY)
        state = self._ticket_state()
        has = self.ticket is not None
        ok = not offline and not busy_q and self.backend.signed_in
        paused = self.window_state == "paused"
        self.queue_bar.enable(
            {
                "call_next": ok and not has and not paused,
                "pause": ok and not self._leaving,
                "recall": ok and state == "called",
                "no_show": ok and state == "called",
                "park": ok and has,
                "transfer": ok and has,
                "finish": ok and has,
            }
        )
        self.intake.update_outcome()
        self.handout.confirm.setEnabled(
            self.handout.confirm.isEnabled() and not offline
            if self.handout.case is not None
            else False
        )

    def accept_current(self) -> None:
        self.intake.accept_current()

    def notice_current(self) -> None:
        self.intake.notice_current()

    def reject_current(self) -> None:
        self.intake.reject_current()

    def print_current(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.handout.preview.print_current()
        else:
            self.outcome.preview.print_current()

    def export_current(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.handout.preview.export_current()
        else:
            self.outcome.preview.export_current()

    # ------------------------------------------------------------------------------ hand-out

    def show_handout(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.handout.code.setFocus()

    def code_scanned(self, code: str) -> None:
        """A barcode from any scanner, routed by what it is, never by where the focus happens
        to be. A case number: a one-time notice's case (waiting for materials) opens for
        补正后受理 in the 受理 tab, any other case for hand-out. An ID number (valid check
        character) is a person's number, never a case: with a case open for hand-out it is the
        collector's (field ②), otherwise it goes into the ID-number field that has the focus;
        with no such field it is refused with a notice. Anything else is looked up as a case
        number (the hand-out tab says when there is none)."""
        if not looks_like_case_no(code) and is_valid_citizen_id(code):
            number = normalize_code(code)
            if self.tabs.currentIndex() == 1 and self.handout.case is not None:
                self.handout.scanned(number)
                return
            focus = QApplication.focusWidget()
            if isinstance(focus, QLineEdit) and focus in self.applicant.id_fields():
                focus.setText(number)
                return
            self.notice.show_message(self.tr("扫到的是身份证号，不是办件编号"), "warn")
            return
        self.handout.scanned(code)

    # ------------------------------------------------------------------------------ drafts

    def _form_changed(self) -> None:
        self._finish_armed = False
        self.drafts.schedule()
        self.update_actions()

    def collect_draft(self) -> dict[str, Any]:
        form = self.applicant.to_dict()
        return {
            "applicant": form["applicant"],
            "agent": form["agent"] or {},
            "source": form["source"],
            "items": [i.to_dict() for i in self.checklist.items],
            "current": self.checklist.visit_list.currentRow(),
            "ticket_id": self.ticket.id if self.ticket is not None else None,
            "ticket_number": self.ticket.number if self.ticket is not None else None,
            "parked": {str(k): v for k, v in self.parked_forms.items()},
        }

    def restore_form(self, data: dict[str, Any]) -> None:
        self.applicant.from_dict(
            {
                "applicant": data.get("applicant"),
                "agent": data.get("agent") or None,
                "source": data.get("source", ""),
            }
        )
        items = [VisitItem.from_dict(d) for d in data.get("items", [])]
        self.checklist.set_items(items, int(data.get("current", 0) or 0))
        for it in items:
            if not it.loaded:
                self.intake.load_item(it)
        self.update_actions()

    def restore_draft(self) -> bool:
        data = self.drafts.load()
        if not data:
            return False
        self.parked_forms = {int(k): v for k, v in (data.get("parked") or {}).items()}
        self.restore_form(data)
        saved = str(data.get("saved_at", ""))[:19].replace("T", " ")
        self.notice.show_message(
            self.tr("已恢复上次未完成的填写（保存于 %1）").replace("%1", saved),
            "info",
            self.tr("知道了"),
        )
        return True

    def new_visit(self, keep_draft: bool = False) -> None:
        """Clear the form for the next applicant (Ctrl+L): the applicant, the items and their
        checklists, the outcome, and the item finder's text and filters. The draft is
        discarded unless kept."""
        self.intake.new_visit(keep_draft)
        self.finder.reset()
        self.printed_cases.clear()
        self._f8_pending = None
        self._finish_armed = False

    # ------------------------------------------------------------------------------ errors

    def _offline_changed(self, offline: bool) -> None:
        if offline:
            self.drafts.flush()
        else:
            self.notice.show_message(self.tr("数据库连接已恢复"), "ok")
        self._show_offline_banner()
        self.update_actions()

    def _call_failed(self, key: str, exc: Exception) -> None:
        if isinstance(exc, CounterError):
            self.notice.show_message(error_text(exc), "warn")
        else:
            log.error("call %s failed: %r", key, exc)
            self.notice.show_message(self.tr("操作失败：%1").replace("%1", str(exc)), "error")

    # test / screenshot helpers
    def draft_file(self) -> Path:
        return self.drafts.path
