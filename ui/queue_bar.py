"""Queue bar (叫号条): the current ticket and how long it has waited, the waiting counts per
queue, and the six queue actions, each on a function key shown on its button:

F1 叫号 call next · F2 重呼 recall · F3 过号 no-show · F4 暂离 park · F5 转移 transfer ·
F6 办结 finish · F7 暂停 pause (the window is not called; F7 again opens it).

The parked tickets (暂离) of this window are counted on the 暂离 button; Shift+F4 or a click opens
a small list of them (:class:`ParkedPopup`): arrows choose, Enter resumes, Esc closes.

The bar only shows and asks: the window client runs the calls on the worker and tells the bar
the new state. While any queue call is in flight, every queue button is disabled.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter import clock
from counter import window as door
from counter.services.queue_state import ParkedTicket, TicketView
from ui.widgets import hms, local_time, named, set_state, translate

ACTIONS = (
    ("call_next", "叫号", "F1"),
    ("recall", "重呼", "F2"),
    ("no_show", "过号", "F3"),
    ("park", "暂离", "F4"),
    ("transfer", "转移", "F5"),
    ("finish", "办结", "F6"),
    ("pause", "暂停", "F7"),
)

STATE_ZH = {
    "called": "已叫号，等候到窗",
    "serving": "办理中",
    "parked": "暂离",
    "waiting": "等候中",
}


def ticket_badge(
    priority_reason: str, source: str, appointment_at: dt.datetime | None = None
) -> str:
    """What kind of visitor a ticket brings, as the clerk must see it at once: 绿色通道 with
    its reason (老年人, 残疾人, 孕妇, 军人/退役军人, from the core's vocabulary) and 预约 with
    its time; "" for an ordinary ticket."""
    parts = []
    if priority_reason:
        reasons = door.vocabulary().priority_reasons
        name = translate("queue", reasons.get(priority_reason, priority_reason))
        parts.append(translate("queue", "绿色通道·%1").replace("%1", name))
    if source == "appointment" or appointment_at is not None:
        when = local_time(appointment_at)[-5:] if appointment_at is not None else ""
        parts.append(
            translate("queue", "预约 %1").replace("%1", when).strip()
            if when
            else translate("queue", "预约")
        )
    return " · ".join(parts)


def _seconds_since(value: dt.datetime | None) -> float | None:
    if value is None:
        return None
    now = clock.now()
    if value.tzinfo is None:
        now = now.replace(tzinfo=None)
    return (now - value).total_seconds()


class ParkedPopup(QFrame):
    """The parked tickets of this window, as a small popup list under the 暂离 button."""

    chosen = Signal(object)  # a parked ticket

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("parkedPopup")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 10)
        lay.setSpacing(6)
        lay.addWidget(named(QLabel(self.tr("暂离的号票（回车恢复办理，Esc 关闭）")), "muted"))
        self.list = named(QListWidget(), "parkedList")
        self.list.itemActivated.connect(self._activated)
        lay.addWidget(self.list)
        self.tickets: list[ParkedTicket] = []

    def set_tickets(self, tickets: list[ParkedTicket]) -> None:
        self.tickets = list(tickets)
        self.list.clear()
        for t in self.tickets:
            since = _seconds_since(t.parked_at)
            text = (
                self.tr("%1　%2　%3暂离（已 %4）")
                .replace("%1", t.number)
                .replace("%2", t.queue_name or t.queue)
                .replace("%3", local_time(t.parked_at)[-5:] if t.parked_at else "")
                .replace("%4", hms(since))
            )
            badge = ticket_badge(t.priority_reason, t.source)
            row = QListWidgetItem(f"【{badge}】{text}" if badge else text)
            if badge:
                row.setForeground(QBrush(QColor("#b45309")))
            self.list.addItem(row)
        if self.tickets:
            self.list.setCurrentRow(0)
        rows = max(1, min(len(self.tickets), 8))
        self.list.setFixedHeight(rows * 34 + 8)
        self.setMinimumWidth(520)
        self.adjustSize()

    def _activated(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if 0 <= row < len(self.tickets):
            self.close()
            self.chosen.emit(self.tickets[row])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.currentItem():
            self._activated(self.list.currentItem())
            return
        super().keyPressEvent(event)


class QueueBar(QFrame):
    action = Signal(str)
    resume_requested = Signal(object)  # a parked ticket

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueBar")
        self.ticket: TicketView | None = None
        self.parked: list[ParkedTicket] = []
        lay = QHBoxLayout(self)
        lay.setContentsMargins(18, 10, 18, 10)
        lay.setSpacing(18)
        cur = QVBoxLayout()
        cur.setSpacing(0)
        self.number = named(QLabel("—"), "ticketNumber")
        self.state = named(QLabel(self.tr("空闲：按 F1 叫下一位")), "ticketState")
        self.badge = named(QLabel(""), "ticketBadge")
        self.badge.hide()
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.number)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        cur.addLayout(top)
        cur.addWidget(self.state)
        lay.addLayout(cur)
        times = QVBoxLayout()
        times.setSpacing(2)
        self.waited = named(QLabel(""), "ticketTime")
        self.served = named(QLabel(""), "ticketTime")
        times.addWidget(self.waited)
        times.addWidget(self.served)
        lay.addLayout(times)
        sep = QFrame()
        sep.setFrameShape(QFrame.Shape.VLine)
        sep.setObjectName("sep")
        lay.addWidget(sep)
        counts = QVBoxLayout()
        counts.setSpacing(2)
        self.counts = named(QLabel(""), "waitingCounts")
        self.estimate = named(QLabel(""), "muted")
        counts.addWidget(self.counts)
        counts.addWidget(self.estimate)
        lay.addLayout(counts, 1)
        self.parked_button = named(QPushButton(""), "parkedButton")
        self.parked_button.hide()
        self.parked_button.clicked.connect(self._parked_menu)
        lay.addWidget(self.parked_button)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, fkey in ACTIONS:
            b = named(QPushButton(f"{self.tr(label)}\n{fkey}"), "queueButton")
            b.setProperty("action", key)
            b.setMinimumSize(88, 62)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, k=key: self.action.emit(k))
            self.buttons[key] = b
            lay.addWidget(b)
        self.buttons["call_next"].setObjectName("callButton")
        self.paused = False
        self.popup = ParkedPopup(self)
        self.popup.chosen.connect(self.resume_requested)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_times)
        self._tick.start()

    def set_ticket(self, ticket: TicketView | None) -> None:
        self.ticket = ticket
        badge = (
            ticket_badge(ticket.priority_reason, ticket.source, ticket.appointment_at)
            if ticket is not None
            else ""
        )
        self.badge.setText(badge)
        self.badge.setVisible(bool(badge))
        if ticket is None:
            self.number.setText("—")
            self.state.setText(self.tr("空闲：按 F1 叫下一位"))
            set_state(self.number, "active", False)
        else:
            self.number.setText(ticket.number)
            text = self.tr(STATE_ZH.get(ticket.state, ticket.state))
            if ticket.recall_count:
                text += self.tr("（已重呼%1次）").replace("%1", str(ticket.recall_count))
            self.state.setText(text)
            set_state(self.number, "active", True)
        self._update_times()

    def _update_times(self) -> None:
        t = self.ticket
        if t is None:
            self.waited.setText("")
            self.served.setText("")
            return
        called = t.first_called_at or t.called_at
        started = t.started_at
        wait = (
            (called - t.issued_at).total_seconds()
            if called is not None
            else _seconds_since(t.issued_at)
        )
        self.waited.setText(self.tr("等候 %1").replace("%1", hms(wait)))
        if started is not None:
            self.served.setText(self.tr("办理 %1").replace("%1", hms(_seconds_since(started))))
        elif called is not None:
            self.served.setText(self.tr("叫号后 %1").replace("%1", hms(_seconds_since(called))))
        else:
            self.served.setText("")

    def set_counts(
        self, rows: list[tuple[str, str, int]], estimate_minutes: int | None, window_state: str = ""
    ) -> None:
        if rows:
            parts = [
                self.tr("%1 %2：%3人").replace("%1", p).replace("%2", n).replace("%3", str(c))
                for p, n, c in rows
            ]
            self.counts.setText("　".join(parts))
        else:
            self.counts.setText(self.tr("暂无等候"))
        bits = []
        total = sum(c for _p, _n, c in rows)
        bits.append(self.tr("本窗口可叫 %1 人").replace("%1", str(total)))
        if estimate_minutes is not None:
            bits.append(self.tr("预计等候约 %1 分钟").replace("%1", str(estimate_minutes)))
        if window_state and window_state != "open":
            bits.append(
                {"paused": self.tr("窗口暂停服务"), "closed": self.tr("窗口未开启")}.get(
                    window_state, window_state
                )
            )
        self.estimate.setText(" · ".join(bits))

    def set_parked(self, parked: list[ParkedTicket]) -> None:
        self.parked = list(parked)
        self.parked_button.setText(
            self.tr("暂离 %1 人\nShift+F4").replace("%1", str(len(self.parked)))
        )
        self.parked_button.setToolTip(self.tr("暂离的号票：点击或按 Shift+F4 选择恢复办理"))
        if self.popup.isVisible():
            if self.parked:
                self.popup.set_tickets(self.parked)
            else:
                self.popup.close()
        self.parked_button.setVisible(bool(self.parked))

    def _parked_menu(self) -> None:
        self.show_parked()

    def show_parked(self) -> bool:
        """Open the list of parked tickets under the 暂离 button (False when there is none)."""
        if not self.parked:
            return False
        self.popup.set_tickets(self.parked)
        anchor = self.parked_button if self.parked_button.isVisible() else self
        pos = anchor.mapToGlobal(anchor.rect().bottomLeft())
        self.popup.move(pos)
        self.popup.show()
        self.popup.list.setFocus()
        return True

    def set_paused(self, paused: bool) -> None:
        """Show the window as paused (暂停): the pause button turns into 恢复叫号."""
        self.paused = paused
        b = self.buttons["pause"]
        b.setText(f"{self.tr('恢复叫号') if paused else self.tr('暂停')}\nF7")
        set_state(b, "paused", paused)

    def enable(self, enabled: dict[str, bool]) -> None:
        for key, b in self.buttons.items():
            b.setEnabled(enabled.get(key, False))
