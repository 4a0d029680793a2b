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

A scanned (or, on the 出件 tab, typed) case number opens its case: a case waiting for materials
(the barcode of its 一次性告知书) opens in the 受理 tab with its applicant and checklist, to be
accepted under the same number (补正后受理); any other case opens for hand-out.

Closing the client, or signing out, closes the window in the queue engine and signs the clerk
out; a visitor still at the window is first finished or parked (the clerk is asked). The draft
is kept either way.

Every database call runs on the worker (:mod:`ui.worker`) and comes back by signal; live
changes from other PCs arrive through :mod:`ui.live`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import drafts as core_drafts
from counter.config import data_dir
from counter.errors import CounterError, DatabaseUnavailable
from ui import outcome as outcome_module
from ui.applicant_panel import ApplicantPanel
from ui.backend import Backend
from ui.checklist import ChecklistPanel, MaterialState, VisitItem
from ui.citizen_screen import CitizenScreen
from ui.drafts import DraftKeeper
from ui.handout import HandoutPanel
from ui.item_finder import ItemFinder
from ui.outcome import OutcomePanel
from ui.preview import DocumentPreview
from ui.queue_bar import QueueBar
from ui.widgets import Banner, error_text, translate

log = logging.getLogger(__name__)

QUEUE_KEY = "queue"


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def ask_transfer_target(
    parent: QWidget | None, queues: list[tuple[str, str]], windows: list[tuple[int, str]]
) -> tuple[str, Any] | None:
    """("queue", id) or ("window", id) or None (cancelled). Tests replace this."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("client", "转移号票"))
    form = QFormLayout(dialog)
    combo = QComboBox()
    for qid, label in queues:
        combo.addItem(translate("client", "队列：%1").replace("%1", label), ("queue", qid))
    for wid, label in windows:
        combo.addItem(translate("client", "窗口：%1").replace("%1", label), ("window", wid))
    form.addRow(translate("client", "转移到"), combo)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or combo.currentIndex() < 0:
        return None
    return combo.currentData()


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
    finish.clicked.connect(lambda: (chosen.append("finish"), dialog.accept()))
    park.clicked.connect(lambda: (chosen.append("park"), dialog.accept()))
    buttons.rejected.connect(dialog.reject)
    lay.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not chosen:
        return None
    return chosen[0]


def _person_dict(p: Any) -> dict[str, Any] | None:
    """An ApplicantInfo of the core as the applicant form's dict."""
    if p is None:
        return None
    birth = _get(p, "birth_date")
    return {
        "kind": _get(p, "kind", "person"),
        "name": _get(p, "name", "") or "",
        "id_type": _get(p, "id_type", "") or "居民身份证",
        "id_number": _get(p, "id_number", "") or "",
        "uscc": _get(p, "uscc", "") or "",
        "legal_rep": _get(p, "legal_rep", "") or "",
        "phone": _get(p, "phone", "") or "",
        "address": _get(p, "address", "") or "",
        "sex": _get(p, "sex", "") or "",
        "nation": _get(p, "nation", "") or "",
        "birth_date": birth.isoformat() if birth is not None else "",
        "relation": "",
    }


REPRINTABLE = ("receipt", "one_time_notice", "rejection", "handover")


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
        self.ticket: Any = None
        # Bumped whenever this window's own action changes its ticket: queue snapshots asked
        # for before that are stale and are dropped.
        self._ticket_generation = 0
        self.snapshot: Any = None
        self.parked_forms: dict[int, dict[str, Any]] = {}
        self.parked_tickets: list[Any] = []
        self.eval_context: dict[str, Any] | None = None
        self.evaluations = 0
        self._finish_armed = False
        self._started_for: int | None = None
        self.window_state = ""
        self._live_down = False
        self._leaving = False
        self._left = False
        self._stopped = False
        self.reader = None
        self.serial_scanner = None
        self.wedge = None
        self.live = None
        signed = backend.signed
        self.window_number = backend.station.window
        title = self.tr("便民服务中心综合窗口")
        if signed is not None:
            title = f"{signed.hall_name} · {self.window_number or '—'}{self.tr('号窗口')} · {signed.actor.name}"
        self.setWindowTitle(title)

        central = QWidget(objectName="central")
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

        self.tabs = QTabWidget(objectName="modeTabs")
        root.addWidget(self.tabs, 1)
        intake = QWidget(objectName="intakeTab")
        il = QVBoxLayout(intake)
        il.setContentsMargins(0, 8, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = QWidget(objectName="leftColumn")
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 8, 0)
        ll.setSpacing(14)
        self.applicant = ApplicantPanel()
        ll.addWidget(self.applicant)
        self.finder = ItemFinder(backend)
        ll.addWidget(self.finder, 1)
        split.addWidget(left)
        self.checklist = ChecklistPanel()
        mid = QWidget(objectName="middleColumn")
        ml = QVBoxLayout(mid)
        ml.setContentsMargins(8, 0, 8, 0)
        ml.addWidget(self.checklist)
        split.addWidget(mid)
        self.outcome = OutcomePanel(printer_name=backend.station.printer)
        right = QWidget(objectName="rightColumn")
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
        ho = QWidget(objectName="handoutTab")
        hl = QVBoxLayout(ho)
        hl.setContentsMargins(0, 8, 0, 0)
        hl.addWidget(self.handout)
        self.tabs.addTab(ho, self.tr("出件  F10"))
        self.setCentralWidget(central)

        sb = self.statusBar()
        self.who_label = QLabel("")
        self.signout_button = QPushButton(
            self.tr("签退  Ctrl+Q"), objectName="signOutButton", flat=True
        )
        self.signout_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.signout_button.clicked.connect(self.sign_out)
        self.device_label = QLabel("")
        self.draft_label = QLabel("")
        sb.addWidget(self.who_label, 1)
        sb.addPermanentWidget(self.device_label)
        sb.addPermanentWidget(self.draft_label)
        sb.addPermanentWidget(self.signout_button)
        if signed is not None:
            self.who_label.setText(
                self.tr("%1 · %2号窗口 · %3（工号 %4）")
                .replace("%1", signed.hall_name)
                .replace("%2", str(self.window_number or "—"))
                .replace("%3", signed.actor.name)
                .replace("%4", signed.actor.staff_no)
            )

        # citizen screen
        self.citizen = CitizenScreen() if citizen else None
        if self.citizen is not None and signed is not None:
            self.citizen.set_clerk(
                signed.hall_name, self.window_number, signed.actor.name, signed.actor.staff_no
            )
            self.citizen.evaluated.connect(self.record_evaluation)

        # drafts
        staff_no = signed.actor.staff_no if signed is not None else "anon"
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

        # wiring
        self.finder.chosen.connect(self.add_item)
        self.applicant.changed.connect(self._form_changed)
        self.applicant.lookup_wanted.connect(self.lookup_applicant)
        self.checklist.changed.connect(self._form_changed)
        self.checklist.current_changed.connect(self._current_item_changed)
        self.outcome.accept_requested.connect(self.accept_current)
        self.outcome.notice_requested.connect(self.notice_current)
        self.outcome.reject_requested.connect(self.reject_current)
        self.outcome.preview.printed.connect(
            lambda _c: self.notice.show_message(self.tr("已打印"), "ok")
        )
        self.handout.lookup_requested.connect(self.lookup_handout)
        self.handout.handout_requested.connect(self.do_handout)
        self.handout.reprint_requested.connect(
            lambda no, kind: self.reprint(no, kind, self.handout.preview)
        )
        self.outcome.reprint_requested.connect(self.reprint_result)
        self.worker.busy_changed.connect(lambda _k, _b: self.update_actions())
        self.worker.offline_changed.connect(self._offline_changed)
        self.worker.reconnected.connect(self.refresh_queue)
        self.worker.error.connect(self._call_failed)
        self._shortcuts()

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh_queue)

        if devices:
            self.start_devices()
        if live:
            self.start_live()
        self.update_actions()

    # ------------------------------------------------------------------------------ set-up

    def _shortcuts(self) -> None:
        keys = {
            "F1": lambda: self.queue_action("call_next"),
            "F2": lambda: self.queue_action("recall"),
            "F3": lambda: self.queue_action("no_show"),
            "F4": lambda: self.queue_action("park"),
            "F5": lambda: self.queue_action("transfer"),
            "F6": lambda: self.queue_action("finish"),
            "F7": lambda: self.queue_action("pause"),
            "Shift+F4": self.show_parked,
            "Ctrl+Shift+P": self.reprint_current,
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
        self.shortcuts: dict[str, QShortcut] = {}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(fn)
            self.shortcuts[seq] = sc

    def start_devices(self) -> None:
        station = self.backend.station
        from ui.devices import CardReaderService, SerialScannerBridge

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
        from ui.scanner_wedge import ScannerWedge

        self.wedge = ScannerWedge(
            self, prefix=station.scanner_prefix if not station.scanner_port else ""
        )
        self.wedge.scanned.connect(self.code_scanned)
        self.wedge.install()
        self._device_status("", "")

    def start_live(self) -> None:
        from ui.live import LiveUpdates

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

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing while signed in first closes the window and signs out (:meth:`sign_out`)."""
        if (
            self._left
            or self._stopped
            or self.backend.signed is None
            or self.worker.closed
            or self.backend.window_id is None
        ):
            self.stop()
            super().closeEvent(event)
            return
        event.ignore()
        self.sign_out()

    def sign_out(self) -> None:
        """签退: finish or park the visitor at the window (asked), close the window in the queue
        engine, sign out, then close the client. The draft is kept."""
        if self._leaving or self.backend.signed is None:
            return
        current = ""
        tid = _get(self.ticket, "id")
        if self.ticket is not None:
            choice = ask_before_leaving(self, str(_get(self.ticket, "number", "")))
            if choice is None:
                return
            current = choice
            if current == "park":  # the form goes with the parked ticket, as on F4
                self.parked_forms[int(tid)] = self.collect_draft()
                self.applicant.clear()
                self.checklist.clear()
        self._leaving = True
        self.drafts.flush()

        def done(_r: Any) -> None:
            self._leaving = False
            self._left = True
            self.drafts.flush()
            self.left.emit()
            self.close()

        def failed(exc: object) -> None:
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

        submitted = self.worker.submit(
            "leave", self.backend.leave, current, on_done=done, on_error=failed, exclusive=True
        )
        if submitted is None:
            self._leaving = False
        self.update_actions()

    def show_all(self) -> None:
        """Show the client maximised and the citizen screen on the second monitor."""
        self.showMaximized()
        if self.citizen is not None:
            self.citizen.place_on_second_screen()
        self.start_session()

    def start_session(self) -> None:
        """After sign-in: open the window, load the queue, the catalogue, the draft."""
        self.worker.submit(
            "window",
            self.backend.open_window,
            on_done=lambda _r: self.refresh_queue(),
            on_error=self._window_open_failed,
        )
        self.finder.load_departments()
        self.finder.run_search()
        self.restore_draft()

    def _window_open_failed(self, exc: object) -> None:
        if not isinstance(exc, DatabaseUnavailable):
            self.notice.show_message(error_text(exc), "warn")
        self.refresh_queue()

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

    def refresh_queue(self) -> None:
        if self.backend.signed is None:
            return
        generation = self._ticket_generation
        self.worker.submit(
            "snapshot",
            self.backend.queue_snapshot,
            on_done=lambda snap: self._snapshot(snap, generation),
            on_error=lambda _e: None,
        )

    def _snapshot(self, snap: Any, generation: int | None = None) -> None:
        if generation is not None and generation != self._ticket_generation:
            # Read before this window's own latest call / finish came back: it would put back
            # a ticket state that is already gone. Ask again instead.
            self.refresh_queue()
            return
        self.snapshot = snap
        current = snap.current
        if current is not None and (
            self.ticket is None or _get(current, "id") != _get(self.ticket, "id")
        ):
            self.set_ticket(current)
        elif current is None and self.ticket is not None and not self.worker.busy(QUEUE_KEY):
            self.set_ticket(None)
        elif current is not None:
            self.ticket = current
            self.queue_bar.set_ticket(current)
        self.queue_bar.set_counts(list(snap.waiting), snap.estimate_minutes, snap.window_state)
        self.window_state = str(snap.window_state or "")
        self.queue_bar.set_paused(self.window_state == "paused")
        self.parked_tickets = list(snap.parked)
        self.queue_bar.set_parked(self.parked_tickets)
        self.update_actions()

    def set_ticket(self, ticket: Any) -> None:
        if ticket is not None or self.ticket is not None:
            self._ticket_generation += 1
        self.ticket = ticket
        self.queue_bar.set_ticket(ticket)
        if self.citizen is not None:
            if ticket is None:
                if self.citizen.page in ("serving",):
                    self.citizen.show_idle()
            else:
                self._update_citizen()
        self.update_actions()

    def _ticket_state(self) -> str:
        return str(_get(self.ticket, "state", "")) if self.ticket is not None else ""

    def queue_action(self, name: str) -> None:
        if not self.queue_bar.buttons[name].isEnabled():
            return
        tid = _get(self.ticket, "id")
        if name == "call_next":
            self._queue_call(self.backend.call_next, on_done=self._called)
        elif name == "recall":
            self._queue_call(self.backend.recall, tid, on_done=self._recalled)
        elif name == "no_show":
            self._queue_call(
                self.backend.no_show, tid, on_done=lambda _r: self._ticket_gone(self.tr("已过号"))
            )
        elif name == "park":
            self.parked_forms[int(tid)] = self.collect_draft()
            self._queue_call(self.backend.park, tid, on_done=self._parked)
        elif name == "transfer":
            self.worker.submit(
                "targets", self.backend.transfer_targets, on_done=lambda r: self._transfer(tid, r)
            )
        elif name == "finish":
            self.finish_visit()
        elif name == "pause":
            self.toggle_pause()

    def toggle_pause(self) -> None:
        """暂停 (F7): the window is no longer called; F7 again opens it."""
        pause = self.window_state != "paused"

        def done(state: str) -> None:
            self.window_state = state
            self.queue_bar.set_paused(state == "paused")
            self.notice.show_message(
                self.tr("窗口已暂停服务，不会再被叫号；按 F7 恢复叫号")
                if state == "paused"
                else self.tr("窗口已恢复叫号"),
                "info",
            )
            self.refresh_queue()

        self._queue_call(self.backend.set_paused, pause, on_done=done)

    def show_parked(self) -> None:
        """Shift+F4: the list of this window's parked tickets (Enter resumes one)."""
        if not self.queue_bar.show_parked():
            self.notice.show_message(self.tr("本窗口没有暂离的号票"), "info")

    def _queue_call(self, fn: Any, *args: Any, on_done: Any) -> None:
        self.worker.submit(
            QUEUE_KEY, fn, *args, on_done=on_done, on_error=self._queue_failed, exclusive=True
        )
        self.update_actions()

    def _queue_failed(self, exc: object) -> None:
        if not isinstance(exc, DatabaseUnavailable):
            self.notice.show_message(error_text(exc), "warn")
        self.refresh_queue()

    def _called(self, ticket: Any) -> None:
        if ticket is None:
            self.notice.show_message(self.tr("当前没有等候的群众"), "info")
            self.refresh_queue()
            return
        self.notice.clear()
        if all(i.done for i in self.checklist.items) and self.checklist.items:
            self.new_visit()
        self._started_for = None
        self.set_ticket(ticket)
        self.refresh_queue()
        self.focus_search()

    def _recalled(self, ticket: Any) -> None:
        if ticket is not None:
            self.set_ticket(ticket)
        self.notice.show_message(
            self.tr("已重呼 %1").replace("%1", str(_get(self.ticket, "number", ""))), "info"
        )
        self.refresh_queue()

    def _ticket_gone(self, text: str) -> None:
        number = _get(self.ticket, "number", "")
        self.set_ticket(None)
        self.notice.show_message(f"{number} {text}", "info")
        self.refresh_queue()

    def _parked(self, ticket: Any) -> None:
        if ticket is not None:
            self.parked_tickets.append(ticket)
            self.queue_bar.set_parked(self.parked_tickets)
        self.new_visit(keep_draft=False)
        self._ticket_gone(self.tr("暂离，可从“暂离”按钮恢复"))

    def resume_ticket(self, ticket: Any) -> None:
        if self.ticket is not None:
            self.notice.show_message(self.tr("请先办结或暂离当前号票，再恢复暂离的号票"), "warn")
            return
        tid = int(_get(ticket, "id"))

        def done(t: Any) -> None:
            self.parked_tickets = [p for p in self.parked_tickets if int(_get(p, "id")) != tid]
            self.queue_bar.set_parked(self.parked_tickets)
            form = self.parked_forms.pop(tid, None)
            if form:
                self.restore_form(form)
            self.set_ticket(t if t is not None else ticket)
            self.refresh_queue()

        self._queue_call(self.backend.resume, tid, on_done=done)

    def _transfer(self, tid: Any, targets: tuple[list[Any], list[Any]]) -> None:
        choice = ask_transfer_target(self, targets[0], targets[1])
        if choice is None:
            return
        kind, target = choice
        kwargs = {"queue": target} if kind == "queue" else {"window": target}
        self.worker.submit(
            QUEUE_KEY,
            lambda: self.backend.transfer(tid, **kwargs),
            on_done=lambda _r: self._ticket_gone(self.tr("已转移")),
            on_error=self._queue_failed,
            exclusive=True,
        )

    def _ensure_started(self) -> None:
        """The citizen is at the window (card read, item chosen): start service once."""
        if self.ticket is None or self._ticket_state() != "called":
            return
        tid = int(_get(self.ticket, "id"))
        if self._started_for == tid:
            return
        self._started_for = tid

        def done(t: Any) -> None:
            if (
                t is not None
                and self.ticket is not None
                and _get(t, "id") == _get(self.ticket, "id")
            ):
                self.ticket = t
                self.queue_bar.set_ticket(t)
            self.update_actions()

        self.worker.submit(
            "start", self.backend.start_service, tid, on_done=done, on_error=lambda _e: None
        )

    def finish_visit(self) -> None:
        pending = [i for i in self.checklist.items if not i.done]
        if pending and not self._finish_armed:
            self._finish_armed = True
            self.notice.show_message(
                self.tr("还有 %1 项未办理（已保存草稿）。确认结束本次服务请再按 F6").replace(
                    "%1", str(len(pending))
                ),
                "warn",
            )
            return
        self._finish_armed = False
        tid = _get(self.ticket, "id")
        case_ids = [
            int(_get(_get(i.result, "case"), "id"))
            for i in self.checklist.items
            if i.result is not None and _get(_get(i.result, "case"), "id") is not None
        ]

        def done(_r: Any) -> None:
            self.eval_context = {"ticket_id": tid, "case_id": case_ids[0] if case_ids else None}
            number = _get(self.ticket, "number", "")
            self.set_ticket(None)
            self.new_visit(keep_draft=False)
            if self.citizen is not None:
                self.citizen.show_evaluation()
            self.notice.show_message(
                self.tr("%1 已办结，请群众在评价器上评价").replace("%1", str(number)), "ok"
            )
            self.refresh_queue()
            self.visit_finished.emit()

        self._queue_call(self.backend.finish_service, tid, on_done=done)

    def record_evaluation(self, level: int, reasons: list[str], comment: str) -> None:
        ctx = self.eval_context or {}

        def done(_r: Any) -> None:
            self.evaluations += 1
            self.eval_context = None
            if self.citizen is not None:
                self.citizen.show_thanks()

        def failed(exc: object) -> None:
            self.notice.show_message(
                self.tr("评价未保存：%1").replace("%1", error_text(exc)), "warn"
            )

        self.worker.submit(
            "evaluation",
            self.backend.record_evaluation,
            level,
            reasons,
            comment,
            case_id=ctx.get("case_id"),
            ticket_id=ctx.get("ticket_id"),
            on_done=done,
            on_error=failed,
            exclusive=True,
        )

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

    def _live_change(self, change: Any) -> None:
        kind = str(_get(change, "type", ""))
        if kind.startswith(("ticket.", "window.", "queue.")):
            self._refresh_timer.start()
        elif kind.startswith("catalogue."):
            self.finder.run_search()

    # ------------------------------------------------------------------------------ applicant

    def card_read(self, card: Any) -> None:
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
        def done(info: Any) -> None:
            current = self.applicant.to_dict()["applicant"]
            if current.get("id_number" if kind == "id_number" else "uscc") == value:
                self.applicant.offer_previous(info)

        self.worker.submit(
            "applicant",
            self.backend.find_applicant,
            kind,
            value,
            on_done=done,
            on_error=lambda _e: None,
        )

    # ------------------------------------------------------------------------------ items

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.finder.focus_search()

    def add_item(self, summary: Any) -> None:
        existing = self.checklist.find(int(summary.version_id))
        if existing is not None:
            self.checklist.visit_list.setCurrentRow(self.checklist.items.index(existing))
            self.checklist.focus_table()
            return
        item = VisitItem(
            version_id=int(summary.version_id),
            item_id=int(summary.id),
            code=summary.code,
            name=summary.name,
            department=summary.department,
            on_the_spot=bool(summary.on_the_spot),
            promised_days=int(summary.promised_days),
        )
        self.checklist.add_item(item)
        self.checklist.focus_table()
        self._ensure_started()
        self._update_citizen()
        self.worker.submit(
            "item",
            self.backend.get_item,
            item.version_id,
            on_done=lambda detail: self._item_loaded(item, detail),
            on_error=lambda exc: self.notice.show_message(error_text(exc), "warn"),
        )

    def _item_loaded(self, item: VisitItem, detail: Any) -> None:
        if not item.loaded:
            item.materials = [
                MaterialState(
                    material_id=m.id,
                    name=m.name,
                    requirement=m.requirement,
                    condition=m.condition,
                    form=m.form,
                    copies=m.copies,
                    catalogue_notes=m.notes,
                )
                for m in detail.materials
            ]
            item.loaded = True
            item.promised_days = detail.promised_days
            item.on_the_spot = detail.on_the_spot
        self.checklist.item_updated(item)
        if item is self.checklist.current:
            self.checklist.focus_table()
        self.update_actions()

    def mark_all_received(self) -> None:
        self.checklist.mark_all_received()
        self.checklist.focus_table()

    def _current_item_changed(self) -> None:
        self.outcome.show_item_result(self.checklist.current)
        self.update_actions()
        self._update_citizen()

    def _update_citizen(self) -> None:
        if self.citizen is None or self.ticket is None:
            return
        current = self.checklist.current
        item_name = current.name if current is not None else ""
        self.citizen.show_serving(
            str(_get(self.ticket, "number", "")), item_name, self.applicant.display_name()
        )

    # ------------------------------------------------------------------------------ outcome

    def _payload(self, item: VisitItem) -> dict[str, Any]:
        form = self.applicant.to_dict()
        return {
            "version_id": item.version_id,
            "applicant": form["applicant"],
            "agent": form["agent"],
            "materials": [
                {
                    "material_id": m.material_id,
                    "status": m.status or "missing",
                    "form": m.form,
                    "copies": m.copies,
                    "note": m.note,
                }
                for m in item.materials
            ],
            "notes": item.notes,
            "ticket_id": _get(self.ticket, "id"),
            "case_no": item.completes,
        }

    def _can_act(self, item: VisitItem | None) -> bool:
        return (
            item is not None
            and item.loaded
            and not item.done
            and not self.worker.offline
            and not self.worker.busy("outcome")
            and self.backend.signed is not None
        )

    def update_actions(self) -> None:
        offline = self.worker.offline
        busy_q = self.worker.busy(QUEUE_KEY)
        state = self._ticket_state()
        has = self.ticket is not None
        ok = not offline and not busy_q and self.backend.window_id is not None
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
        item = self.checklist.current
        problems = self.applicant.problems()
        can = self._can_act(item)
        assert item is not None or not can
        missing = item.missing() if item is not None else []
        completing = item is not None and bool(item.completes)
        self.outcome.set_enabled(
            can and not problems and not missing,
            can and not problems and bool(missing) and not completing,
            can and not problems and not completing,
        )
        self.handout.confirm.setEnabled(
            self.handout.confirm.isEnabled() and not offline
            if self.handout.case is not None
            else False
        )
        if offline:
            self.outcome.show_state(
                self.tr("数据库连接中断：填写的内容已保存在本机，恢复后即可受理"), "error"
            )
        elif item is None:
            self.outcome.show_state(self.tr("请在左侧查找并选择办理事项"), "info")
        elif item.done:
            self.outcome.show_state(self.tr("此事项已办理"), "ok")
        elif not item.loaded:
            self.outcome.show_state(self.tr("正在读取材料清单…"), "info")
        elif problems:
            self.outcome.show_state("；".join(problems), "warn")
        elif missing and completing:
            assert item is not None
            names = "、".join(m.name for m in missing)
            self.outcome.show_state(
                self.tr("补正受理（办件号 %1）：仍缺 %2 项材料：%3。收齐后按 Ctrl+Enter 受理")
                .replace("%1", item.completes)
                .replace("%2", str(len(missing)))
                .replace("%3", names),
                "warn",
            )
        elif completing:
            assert item is not None
            self.outcome.show_state(
                self.tr("补正受理（办件号 %1）：材料已补齐，可以受理（Ctrl+Enter）").replace(
                    "%1", item.completes
                ),
                "ok",
            )
        elif missing:
            names = "、".join(m.name for m in missing)
            unchecked = [m for m in missing if not m.status]
            text = (
                self.tr("缺少 %1 项材料：%2。")
                .replace("%1", str(len(missing)))
                .replace("%2", names)
            )
            if unchecked:
                text += self.tr("（未核验的必要材料按缺少处理，可按 F8 全部收齐）")
            text += self.tr("可出具一次性告知书（Ctrl+G）")
            self.outcome.show_state(text, "warn")
        else:
            self.outcome.show_state(self.tr("材料齐全，可以受理（Ctrl+Enter）"), "ok")

    def _submit_outcome(self, fn: Any, *args: Any, outcome: str) -> None:
        item = self.checklist.current
        if item is None or not self._can_act(item):
            return
        payload = self._payload(item)
        self.drafts.flush()
        self.worker.submit(
            "outcome",
            fn,
            payload,
            *args,
            on_done=lambda r: self._outcome_done(item, outcome, r),
            on_error=self._outcome_failed,
            exclusive=True,
        )
        self.update_actions()

    def accept_current(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.handout.request_handout()
            return
        if self.outcome.accept_button.isEnabled():
            self._submit_outcome(self.backend.accept, outcome="accepted")

    def notice_current(self) -> None:
        if self.outcome.notice_button.isEnabled():
            self._submit_outcome(self.backend.one_time_notice, outcome="notice")

    def reject_current(self) -> None:
        if not self.outcome.reject_button.isEnabled():
            return
        reason = outcome_module.ask_reject_reason(self)  # a module attribute: tests stub it
        if reason:
            self._submit_outcome(self.backend.reject, reason, outcome="rejected")

    def _outcome_done(self, item: VisitItem, outcome: str, result: Any) -> None:
        case = _get(result, "case")
        item.outcome = outcome
        item.case_no = str(_get(case, "case_no", "") or "")
        item.result = result
        self.checklist.item_updated(item)
        if item is self.checklist.current:
            self.outcome.show_item_result(item)
        self.drafts.schedule()
        self.update_actions()
        nxt = next((i for i in self.checklist.items if not i.done), None)
        if nxt is None:
            self.notice.show_message(
                self.tr("本次事项均已办理：打印文书（Ctrl+P）后按 F6 办结"), "ok"
            )

    def _outcome_failed(self, exc: object) -> None:
        if isinstance(exc, DatabaseUnavailable):
            self.notice.show_message(
                self.tr("未提交：数据库连接中断。填写内容已保存，恢复连接后请再提交"), "error"
            )
        else:
            self.notice.show_message(error_text(exc), "warn")
        self.update_actions()

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
        """A barcode from any scanner: a case number. A one-time notice's case (waiting for
        materials) opens for 补正后受理 in the 受理 tab, any other case for hand-out."""
        self.handout.scanned(code)

    def lookup_handout(self, code: str) -> None:
        def failed(exc: object) -> None:
            self.tabs.setCurrentIndex(1)
            self.handout.show_error(error_text(exc))

        self.worker.submit(
            "handout_lookup",
            self.backend.lookup_case,
            code,
            on_done=self._case_found,
            on_error=failed,
        )

    def _case_found(self, case: Any) -> None:
        if str(_get(case, "state", "")) == "awaiting_materials":
            self.handout.clear()
            self.open_completion(case)
        else:
            self.tabs.setCurrentIndex(1)
            self.handout.show_case(case)

    def open_completion(self, case: Any) -> bool:
        """补正后受理: the case of a one-time notice in the 受理 tab, its applicant and checklist
        prefilled (the missing materials still marked missing), to accept under its number."""
        case_no = str(_get(case, "case_no", ""))
        self.tabs.setCurrentIndex(0)
        same = next((i for i in self.checklist.items if i.completes == case_no), None)
        if same is not None and not same.done:
            self.checklist.visit_list.setCurrentRow(self.checklist.items.index(same))
            self.checklist.focus_table()
            return True
        if any(not i.done for i in self.checklist.items):
            self.notice.show_message(
                self.tr(
                    "办件 %1 待补正材料：请先办理完或清空（Ctrl+L）当前表单，再扫描一次性告知书"
                ).replace("%1", case_no),
                "warn",
            )
            return False
        self.new_visit()
        self.applicant.from_dict(
            {
                "applicant": _person_dict(_get(case, "applicant")),
                "agent": _person_dict(_get(case, "agent")),
                "source": "case",
            }
        )
        item = VisitItem(
            version_id=int(_get(case, "item_version_id")),
            item_id=int(_get(case, "item_id")),
            code=str(_get(case, "item_code", "")),
            name=str(_get(case, "item_name", "")),
            department=str(_get(case, "department", "")),
            on_the_spot=bool(_get(case, "on_the_spot", False)),
            promised_days=int(_get(case, "promised_days", 0) or 0),
            materials=[
                MaterialState(
                    material_id=int(m.material_id),
                    name=m.name,
                    requirement=m.requirement or "required",
                    condition=m.condition,
                    form=m.form,
                    copies=m.copies,
                    status=m.status,
                    note=m.note,
                )
                for m in _get(case, "materials", ()) or ()
                if m.material_id is not None
            ],
            notes="",
            loaded=True,
            completes=case_no,
        )
        self.checklist.add_item(item)
        self.checklist.focus_table()
        self._ensure_started()
        self._update_citizen()
        self.notice.show_message(
            self.tr(
                "补正受理：办件号 %1。请核对补齐的材料（空格 收到 · F8 全部收齐）后受理"
            ).replace("%1", case_no),
            "info",
        )
        self.update_actions()
        return True

    # ------------------------------------------------------------------------------ reprint

    def reprint_current(self) -> None:
        """Ctrl+Shift+P: 补打 the document of the current tab (hand-out or result)."""
        if self.tabs.currentIndex() == 1:
            self.handout.request_reprint()
        else:
            self.outcome.request_reprint()

    def reprint_result(self, kind: str) -> None:
        item = self.checklist.current
        if item is None or not item.case_no:
            return
        self.reprint(item.case_no, kind, self.outcome.preview)

    def reprint(self, case_no: str, kind: str, preview: DocumentPreview) -> None:
        """补打 through the core (a new logged seal use, marked 补打), shown in ``preview`` and
        sent to the usual print dialog."""
        if self.worker.offline or kind not in REPRINTABLE:
            return

        def done(content: Any) -> None:
            preview.set_content(content)
            self.notice.show_message(
                self.tr("已补打 %1（%2），已记录用印")
                .replace("%1", str(content.title))
                .replace("%2", case_no),
                "ok",
            )
            self.reprinted.emit(content)
            preview.print_current()

        self.worker.submit(
            "reprint",
            self.backend.reprint,
            case_no,
            kind,
            on_done=done,
            on_error=lambda exc: self.notice.show_message(error_text(exc), "warn"),
            exclusive=True,
        )

    def do_handout(self, case_no: str, collector_id: str, collector_name: str) -> None:
        if self.worker.offline:
            return

        def done(result: Any) -> None:
            self.handout.show_done(result)
            self.notice.show_message(
                self.tr("已出件：%1，请打印领取回执（Ctrl+P）").replace("%1", case_no), "ok"
            )

        self.worker.submit(
            "handout",
            self.backend.hand_out,
            case_no,
            collector_id,
            collector_name,
            on_done=done,
            on_error=lambda exc: self.handout.show_error(error_text(exc)),
            exclusive=True,
        )

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
            "ticket_id": _get(self.ticket, "id"),
            "ticket_number": _get(self.ticket, "number"),
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
                self.worker.submit(
                    "item",
                    self.backend.get_item,
                    it.version_id,
                    on_done=lambda d, it=it: self._item_loaded(it, d),
                )
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
        """Clear the form for the next applicant (Ctrl+L). The draft is discarded unless kept."""
        self.applicant.clear()
        self.checklist.clear()
        self.outcome.clear_result()
        if not keep_draft:
            self.drafts.discard()
        self.update_actions()

    # ------------------------------------------------------------------------------ errors

    def _offline_changed(self, offline: bool) -> None:
        if offline:
            self.drafts.flush()
        else:
            self.notice.show_message(self.tr("数据库连接已恢复"), "ok")
        self._show_offline_banner()
        self.update_actions()

    def _call_failed(self, key: str, exc: object) -> None:
        if isinstance(exc, CounterError):
            self.notice.show_message(error_text(exc), "warn")
        else:
            log.error("call %s failed: %r", key, exc)
            self.notice.show_message(self.tr("操作失败：%1").replace("%1", str(exc)), "error")

    # test / screenshot helpers
    def draft_file(self) -> Path:
        return self.drafts.path
