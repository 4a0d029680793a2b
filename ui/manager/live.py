"""The live hall (实时大厅): waiting per queue, the longest wait, every window, today's
throughput against the same weekday last week, cases near or past their deadline, 差评
awaiting follow-up.

Refreshed by change events, part by part: :func:`counter.manager.refresh_for` says which part
an event touches (the floor, the cases or the follow-ups) and only that part is read again,
events arriving together being gathered into one read. Between events a one-second timer moves
the "for how long" clocks on the screen from the last read, without asking the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import clock, manager
from ui.manager.session import ManagerSession
from ui.manager.tables import Column, RowTable
from ui.widgets import Banner, error_text, hms, named, set_state

log = logging.getLogger(__name__)

PARTS = ("floor", "cases", "followups")
LEVEL_TONE = {"red": "red", "yellow": "amber", "warning": "amber"}


class Kpi(QFrame):
    """A figure in a card: a label, a big value, a line under it."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiCard")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(2)
        self.label = named(QLabel(label), "kpiLabel")
        self.value = named(QLabel("—"), "kpiValue")
        self.note = named(QLabel(""), "kpiNote")
        for w in (self.label, self.value, self.note):
            lay.addWidget(w)

    def set(self, value: str, note: str = "", tone: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        set_state(self.value, "tone", tone)


class WindowCard(QFrame):
    """One window: its number, what it does (ticket number only) and for how long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowCard")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(0)
        self.title = named(QLabel(""), "windowCardTitle")
        self.ticket = named(QLabel(""), "windowCardTicket")
        self.state = named(QLabel(""), "windowCardState")
        for w in (self.title, self.ticket, self.state):
            lay.addWidget(w)
        self.row: Any = None

    def show_row(self, row: Any, now: Any) -> None:
        self.row = row
        self.title.setText(self.tr("%1号窗口").replace("%1", str(row.number)))
        self.ticket.setText(row.ticket_number or "")
        since = (now - row.since).total_seconds() if row.since is not None else None
        self.state.setText(
            f"{self.tr(row.activity_label)} {hms(since) if since is not None else ''}"
        )
        set_state(self, "activity", row.activity)


class FollowUpDialog(QDialog):
    """Record the follow-up of one 差评: contacted, resolved, explanation."""

    def __init__(self, row: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("差评回访整改"))
        self.row = row
        lay = QVBoxLayout(self)
        what = row.case_no or row.ticket_number or str(row.id)
        head = named(QLabel(
            self.tr("%1 · %2 · %3").replace("%1", row.level_label).replace("%2", what)
            .replace("%3", "、".join(row.reasons) or "—"),
        ), "sectionTitle")  # fmt: skip
        lay.addWidget(head)
        if row.comment:
            c = QLabel(self.tr("群众意见：%1").replace("%1", row.comment))
            c.setWordWrap(True)
            lay.addWidget(c)
        self.contacted = QCheckBox(self.tr("已回访（电话或上门）"))
        self.contacted.setChecked(True)
        self.resolved = QCheckBox(self.tr("已整改，办结此差评"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("情况说明：回访结果、整改措施（必填）"))
        self.text.setPlainText(row.followup_note or "")
        self.message = named(QLabel(""), "formError")
        lay.addWidget(self.contacted)
        lay.addWidget(self.resolved)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(560, 380)

    def _check(self) -> None:
        if not self.text.toPlainText().strip():
            self.message.setText(self.tr("请填写情况说明"))
            return
        if not (self.contacted.isChecked() or self.resolved.isChecked()):
            self.message.setText(self.tr("请勾选“已回访”或“已整改”"))
            return
        self.accept()

    def values(self) -> tuple[bool, bool, str]:
        return (
            self.contacted.isChecked(),
            self.resolved.isChecked(),
            self.text.toPlainText().strip(),
        )


def ask_followup(row: Any, parent: QWidget | None) -> tuple[bool, bool, str] | None:
    """The follow-up dialog (tests replace this function)."""
    dialog = FollowUpDialog(row, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()


class LiveView(QWidget):
    """The live hall. Call :meth:`refresh` once after sign-in; events do the rest."""

    refreshed = Signal(str)  # the part just shown

    def __init__(self, session: ManagerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.floor: Any = None
        self.cases: tuple[Any, ...] = ()
        self.followups: tuple[Any, ...] = ()
        self.reads = {p: 0 for p in PARTS}  # reads done per part (tests, diagnostics)
        self._dirty: set[str] = set()
        self._in_flight: set[str] = set()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._flush)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_clocks)
        self._build()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(10)
        self.banner = Banner("warn")
        lay.addWidget(self.banner)
        kpis = QHBoxLayout()
        self.k_waiting = Kpi(self.tr("等候人数"))
        self.k_longest = Kpi(self.tr("最长等候"))
        self.k_served = Kpi(self.tr("今日办结（号）"))
        self.k_issued = Kpi(self.tr("今日取号"))
        self.k_cases = Kpi(self.tr("临期 / 超期办件"))
        self.k_bad = Kpi(self.tr("待整改差评"))
        for k in (
            self.k_waiting,
            self.k_longest,
            self.k_served,
            self.k_issued,
            self.k_cases,
            self.k_bad,
        ):
            kpis.addWidget(k, 1)
        lay.addLayout(kpis)
        split = QSplitter()
        self.queues = RowTable(
            self.tr("各队列"),
            [
                Column(self.tr("队列"), lambda q: f"{q.prefix} {q.name}"),
                Column(self.tr("等候"), lambda q: q.waiting, "int"),
                Column(self.tr("最长等候（分）"), lambda q: q.longest_wait_minutes, "min",
                       lambda q: "red" if (q.longest_wait_minutes or 0) > 30 else None),
                Column(self.tr("开放窗口"), lambda q: q.open_windows, "int"),
                Column(self.tr("今日取号"), lambda q: q.issued, "int"),
                Column(self.tr("今日办结"), lambda q: q.served, "int"),
            ],
        )  # fmt: skip
        self.queues.filter.hide()
        split.addWidget(self.queues)
        grid_box = QWidget()
        gl = QVBoxLayout(grid_box)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.addWidget(named(QLabel(self.tr("各窗口")), "sectionTitle"))
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(6)
        gl.addWidget(self.grid_host)
        gl.addStretch(1)
        split.addWidget(grid_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay.addWidget(split, 5)
        self.cards: list[WindowCard] = []
        tabs = QTabWidget()
        self.tabs = tabs
        self.case_table = RowTable(
            self.tr("临期与超期办件"),
            [
                Column(self.tr("督办"), lambda c: c.level_label, "text",
                       lambda c: LEVEL_TONE.get(c.level)),
                Column(self.tr("办件编号"), lambda c: c.case_no),
                Column(self.tr("事项"), lambda c: c.item_name),
                Column(self.tr("部门"), lambda c: c.department),
                Column(self.tr("环节"), lambda c: c.state_label),
                Column(self.tr("承诺期限"), lambda c: c.deadline.isoformat() if c.deadline else ""),
                Column(self.tr("剩余工作日"), lambda c: c.working_days_left, "int",
                       lambda c: "red" if (c.working_days_left or 0) < 0 else None),
                Column(self.tr("受理人"), lambda c: c.clerk),
                Column(self.tr("申请人"), lambda c: c.applicant_masked),
            ],
            filter_placeholder=self.tr("筛选办件、事项、部门…"),
        )  # fmt: skip
        tabs.addTab(self.case_table, self.tr("临期 / 超期办件"))
        bad_box = QWidget()
        bl = QVBoxLayout(bad_box)
        bl.setContentsMargins(0, 0, 0, 0)
        late = self.tr("（逾期）")  # the column functions hold words, never the widget
        self.bad_table = RowTable(
            self.tr("待回访整改的差评"),
            [
                Column(self.tr("时间"), lambda b: b.at, "time"),
                Column(self.tr("等级"), lambda b: b.level_label, "text", lambda b: "red"),
                Column(self.tr("原因"), lambda b: "、".join(b.reasons)),
                Column(self.tr("办件 / 号票"), lambda b: b.case_no or b.ticket_number),
                Column(self.tr("窗口"), lambda b: b.window, "int"),
                Column(self.tr("工作人员"), lambda b: b.clerk),
                Column(self.tr("状态"), lambda b: b.followup_state_label
                       + (late if b.followup_overdue else ""), "text",
                       lambda b: "red" if b.followup_overdue else "amber"),
                Column(self.tr("整改期限"), lambda b: b.followup_deadline.isoformat()
                       if b.followup_deadline else ""),
                Column(self.tr("意见"), lambda b: b.comment),
            ],
        )  # fmt: skip
        bl.addWidget(self.bad_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.followup_button = named(QPushButton(self.tr("记录回访整改…")), "primary")
        self.followup_button.clicked.connect(self.record_followup)
        row.addWidget(self.followup_button)
        bl.addLayout(row)
        tabs.addTab(bad_box, self.tr("待整改差评"))
        lay.addWidget(tabs, 4)

    # -- reading -----------------------------------------------------------------------------

    def start(self) -> None:
        self.refresh()
        self._tick.start()

    def stop(self) -> None:
        self._tick.stop()
        self._debounce.stop()

    def refresh(self, parts: tuple[str, ...] = PARTS) -> None:
        """Read ``parts`` again (gathered with other requests arriving within 250 ms)."""
        self._dirty.update(parts)
        if not self._debounce.isActive():
            self._debounce.start()

    def on_event(self, event: Any) -> None:
        part = manager.refresh_for(str(getattr(event, "type", "")))
        if part == "all":
            self.refresh()
        elif part is not None:
            self.refresh((part,))

    def _flush(self) -> None:
        calls = {
            "floor": (self.session.live_floor, self._show_floor),
            "cases": (self.session.live_cases, self._show_cases),
            "followups": (self.session.live_followups, self._show_followups),
        }
        for part in list(self._dirty):
            if part in self._in_flight:
                continue  # read again when this one comes back
            self._dirty.discard(part)
            self._in_flight.add(part)
            fn, show = calls[part]
            self._submit_part(part, fn, show)

    def _submit_part(self, part: str, fn: Callable[[], Any], show: Any) -> None:
        def done(result: Any) -> None:
            self._done(part, show, result)

        def failed(exc: Exception) -> None:
            self._failed(part, exc)

        self.session.worker.submit(f"live_{part}", fn, on_done=done, on_error=failed, track=False)

    def _done(self, part: str, show: Any, result: Any) -> None:
        self._in_flight.discard(part)
        self.reads[part] += 1
        self.banner.clear()
        show(result)
        self.refreshed.emit(part)
        if part in self._dirty and not self._debounce.isActive():
            self._debounce.start()

    def _failed(self, part: str, exc: object) -> None:
        self._in_flight.discard(part)
        self.banner.show_message(error_text(exc), "error")

    # -- showing -----------------------------------------------------------------------------

    def _show_floor(self, f: Any) -> None:
        self.floor = f
        self.queues.set_rows(f.queues)
        while len(self.cards) < len(f.windows):
            card = WindowCard()
            n = len(self.cards)
            self.grid.addWidget(card, n // 6, n % 6)
            self.cards.append(card)
        for card in self.cards[len(f.windows) :]:
            card.hide()
        self.k_waiting.set(str(f.waiting))
        diff = f.served_today - f.served_last_week
        pct = f" ({diff / f.served_last_week * 100:+.0f}%)" if f.served_last_week else ""
        self.k_served.set(
            str(f.served_today),
            self.tr("上周同日同时段 %1%2")
            .replace("%1", str(f.served_last_week))
            .replace("%2", pct),
            "good" if diff >= 0 else "warn",
        )
        self.k_issued.set(
            str(f.issued_today),
            self.tr("上周同日同时段 %1").replace("%1", str(f.issued_last_week)),
        )
        self._show_clocks()

    def _show_clocks(self) -> None:
        f = self.floor
        if f is None:
            return
        now = clock.now()
        for card, row in zip(self.cards, f.windows, strict=False):
            card.show()
            card.show_row(row, now)
        longest = f.longest_wait_minutes
        if longest is not None:
            longest += (now - f.at).total_seconds() / 60
        self.k_longest.set(
            # in whole minutes, the unit of the target beside it (an mm:ss reading of 00:25
            # next to "within 15 minutes" was read as 25 minutes)
            (self.tr("%1 分钟").replace("%1", str(int(longest))) if longest is not None else "—"),
            self.tr("目标 %1 分钟内").replace("%1", str(f.target_wait_minutes)),
            "warn" if (longest or 0) > f.target_wait_minutes else "",
        )

    def _show_cases(self, cases: Any) -> None:
        self.cases = tuple(cases)
        self.case_table.set_rows(self.cases)
        red = sum(1 for c in self.cases if c.level == "red")
        self.k_cases.set(
            str(len(self.cases)),
            self.tr("其中红牌 %1").replace("%1", str(red)),
            "warn" if red else "",
        )

    def _show_followups(self, rows: Any) -> None:
        self.followups = tuple(rows)
        self.bad_table.set_rows(self.followups)
        late = sum(1 for b in self.followups if b.followup_overdue)
        self.k_bad.set(
            str(len(self.followups)),
            self.tr("其中逾期 %1").replace("%1", str(late)),
            "warn" if late else "",
        )
        self.followup_button.setEnabled(bool(self.followups))

    # -- follow-up ---------------------------------------------------------------------------

    def record_followup(self) -> None:
        row = self.bad_table.selected_row()
        if row is None:
            rows = self.bad_table.visible_rows()
            row = rows[0] if rows else None
        if row is None:
            return
        answer = ask_followup(row, self)
        if answer is None:
            return
        contacted, resolved, text = answer
        self.session.worker.submit(
            "followup",
            lambda: self.session.record_followup(row.id, contacted, resolved, text),
            on_done=lambda done: self._show_followups(done.followups),
            on_error=lambda exc: self.banner.show_message(error_text(exc), "error"),
            exclusive=True,
        )
