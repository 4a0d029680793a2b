"""The case page of the back office (办件详情).

Left: the case — applicant and agent, the materials as the window recorded them at acceptance
(the case's own snapshot, not today's catalogue), the history of every node with actor, time and
opinion, the suspensions of the clock, the documents with their seal uses. Right: what this
person may do now (the door says which actions), with one text box for the opinion or the
reason, the common refusal reasons to tick, the kind of suspension, the carrier and tracking
number for posting; below, the document printed or previewed.

Keyboard first: every action has its key (shown on its button); Ctrl+Enter does the first one
offered; Esc goes back to the list. A read-only page (a manager from the supervision view) has
no actions.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.backoffice.models import mark_colours
from ui.preview import DocumentPreview
from ui.widgets import button_text, local_time, named, translate

FORM_ZH = {"original": "原件", "copy": "复印件", "original_and_copy": "原件及复印件"}
STATUS_ZH = {"received": "已收", "missing": "缺", "not_applicable": "不适用"}

# action → (label, shortcut, object name for the style)
ACTIONS: dict[str, tuple[str, str, str]] = {
    "first_review": ("初审通过", "F6", "primary"),
    "review": ("审核通过", "F7", "primary"),
    "approve": ("准予许可", "F8", "primary"),
    "refuse": ("不予许可", "F9", "dangerButton"),
    "send_back": ("退回上一环节", "Ctrl+B", "warnButton"),
    "suspend": ("暂停计时", "F10", "warnButton"),
    "resume": ("恢复计时", "F11", "primary"),
    "preview": ("预览决定书", "Ctrl+R", ""),
    "issue": ("用印出具（办结）", "Ctrl+Shift+S", "primary"),
    "reprint": ("补打决定书", "Ctrl+Shift+P", "warnButton"),
    "revoke": ("撤销决定书", "Ctrl+Shift+D", "dangerButton"),
    "post": ("邮寄送达", "Ctrl+Shift+M", ""),
}
# actions whose text box holds a required reason
NEEDS_TEXT = {"send_back", "suspend", "reprint", "revoke"}


def _cell(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text) if text is not None else "")
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setWordWrap(True)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[list[object]]) -> None:
    table.setRowCount(0)
    for row in rows:
        r = table.rowCount()
        table.insertRow(r)
        for c, value in enumerate(row):
            table.setItem(r, c, _cell(value))
    table.resizeColumnsToContents()
    table.resizeRowsToContents()


class CasePage(QWidget):
    """One case and the actions on it. ``action_requested(action, case_no, text, extra)``
    asks the window to run an action; ``back`` returns to the list."""

    action_requested = Signal(str, str, str, object)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePage")
        self.page: Any = None
        self.vocab: Any = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(8)

        head = QHBoxLayout()
        self.back_button = QPushButton(button_text(self.tr("返回列表"), "Esc"))
        self.back_button.clicked.connect(self.back)
        head.addWidget(self.back_button)
        self.title = named(QLabel(""), "resultTitle")
        head.addWidget(self.title, 1)
        self.mark = named(QLabel(""), "markBadge")
        self.mark.setMinimumWidth(90)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head.addWidget(self.mark)
        self.countdown = named(QLabel(""), "sectionTitle")
        head.addWidget(self.countdown)
        outer.addLayout(head)

        facts = named(QFrame(), "caseBox")
        self.facts = QGridLayout(facts)
        self.facts.setContentsMargins(12, 8, 12, 8)
        self.facts.setHorizontalSpacing(18)
        self.fact_values: dict[str, QLabel] = {}
        labels = [
            ("item", self.tr("事项")),
            ("department", self.tr("承办部门")),
            ("status", self.tr("状态")),
            ("node", self.tr("待办环节")),
            ("accepted", self.tr("受理")),
            ("deadline", self.tr("承诺办结")),
            ("statutory", self.tr("法定期限")),
            ("node_deadline", self.tr("环节期限")),
            ("hall", self.tr("受理地点")),
            ("deciding", self.tr("审批机关")),
            ("suspended", self.tr("暂停计时")),
            ("delivery", self.tr("送达")),
        ]
        for i, (key, label) in enumerate(labels):
            lab = named(QLabel(label), "fieldLabel")
            val = named(QLabel(""), "fieldValue")
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            val.setWordWrap(True)
            self.facts.addWidget(lab, i // 4, (i % 4) * 2)
            self.facts.addWidget(val, i // 4, (i % 4) * 2 + 1)
            self.fact_values[key] = val
        outer.addWidget(facts)

        split = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(split, 1)
        self.tabs = QTabWidget()
        split.addWidget(self.tabs)
        # applicant
        who = QWidget()
        self.who = QFormLayout(who)
        self.who.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.tabs.addTab(who, self.tr("申请人"))
        self.materials = _table(
            [self.tr("序号"), self.tr("材料（受理时记录）"), self.tr("情况"), self.tr("形式"),
             self.tr("份数"), self.tr("要求"), self.tr("备注")]
        )  # fmt: skip
        self.tabs.addTab(self.materials, self.tr("材料"))
        self.history = _table(
            [self.tr("时间"), self.tr("环节"), self.tr("经办人"), self.tr("状态"), self.tr("意见")]
        )
        self.tabs.addTab(self.history, self.tr("办理过程"))
        self.documents = _table(
            [self.tr("文书"), self.tr("编号/文号"), self.tr("出具时间"), self.tr("用印"),
             self.tr("状态")]
        )  # fmt: skip
        self.tabs.addTab(self.documents, self.tr("文书"))

        right = QWidget()
        split.addWidget(right)
        split.setSizes([900, 700])
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        self.read_only_note = named(QLabel(self.tr("只读：督办查看，不能办理")), "resultWarn")
        rl.addWidget(self.read_only_note)
        self.text_label = named(QLabel(self.tr("审查意见 / 理由")), "fieldLabel")
        rl.addWidget(self.text_label)
        self.text = named(QPlainTextEdit(), "opinion")
        self.text.setPlaceholderText(
            self.tr("审查意见；不予许可、退回、暂停计时、补打和撤销须写明理由")
        )
        self.text.setMaximumHeight(96)
        rl.addWidget(self.text)
        self.reasons = named(QListWidget(), "refusalReasons")
        self.reasons.setMaximumHeight(120)
        self.reasons_label = named(QLabel(self.tr("不予许可的理由（可多选，空格勾选）")), "muted")
        rl.addWidget(self.reasons_label)
        rl.addWidget(self.reasons)
        extra = QHBoxLayout()
        self.kind = named(QComboBox(), "suspendKind")
        self.kind_label = QLabel(self.tr("暂停原因"))
        extra.addWidget(self.kind_label)
        extra.addWidget(self.kind)
        self.carrier = named(QComboBox(), "carrier")
        self.carrier.setEditable(True)
        self.tracking = named(QLineEdit(), "tracking")
        self.tracking.setPlaceholderText(self.tr("邮件号"))
        self.tracking.setMaxLength(60)
        self.post_label = QLabel(self.tr("邮寄"))
        extra.addWidget(self.post_label)
        extra.addWidget(self.carrier)
        extra.addWidget(self.tracking)
        self.enclose_originals = named(QCheckBox(self.tr("暂存原件随件寄回")), "encloseOriginals")
        self.enclose_originals.setToolTip(
            self.tr("不勾选：暂存的原件继续由本中心保管，待申请人来领取")
        )
        self.enclose_originals.setChecked(True)
        extra.addWidget(self.enclose_originals)
        extra.addStretch(1)
        rl.addLayout(extra)
        self.button_box = QGridLayout()
        rl.addLayout(self.button_box)
        self.buttons: dict[str, QPushButton] = {}
        self.shortcuts: list[QShortcut] = []
        for n, (key, (label, seq, obj)) in enumerate(ACTIONS.items()):
            b = QPushButton(button_text(translate("CasePage", label), seq))
            if obj:
                b.setObjectName(obj)
            b.setMinimumHeight(44)
            b.clicked.connect(lambda _c=False, k=key: self.request(k))
            self.button_box.addWidget(b, n // 3, n % 3)
            self.buttons[key] = b
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda k=key: self.request(k))
            self.shortcuts.append(sc)
        first = QShortcut(QKeySequence("Ctrl+Return"), self)
        first.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        first.activated.connect(self.request_first)
        self.shortcuts.append(first)
        esc = QShortcut(QKeySequence("Esc"), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.back)
        self.shortcuts.append(esc)
        self.message = named(QLabel(""), "formError")
        self.message.setWordWrap(True)
        rl.addWidget(self.message)
        self.preview = DocumentPreview(self)
        rl.addWidget(self.preview, 1)
        self.set_page(None)

    # -- content ------------------------------------------------------------------------------

    def set_vocabularies(self, vocab: Any) -> None:
        self.vocab = vocab
        self.reasons.clear()
        for text in vocab.refusal_reasons:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.reasons.addItem(item)
        self.kind.clear()
        for code, zh, _en in vocab.suspension_kinds:
            self.kind.addItem(zh, code)
        self.carrier.clear()
        self.carrier.addItems(list(vocab.carriers))

    def set_page(self, page: Any, document: Any = None) -> None:
        """Show ``page`` (a :class:`counter.backoffice.CasePage`, or None)."""
        self.page = page
        self.message.setText("")
        if page is None:
            self.title.setText(self.tr("未选择办件"))
            for b in self.buttons.values():
                b.hide()
            self.preview.set_content(None)
            return
        c = page.case
        self.title.setText(f"{c.case_no}　{c.item_name}")
        bg, fg = mark_colours(c.overdue)
        self.mark.setText(translate("marks", c.overdue_zh))
        self.mark.setStyleSheet(
            f"background:{bg.name()};color:{fg.name()};border-radius:6px;padding:4px 10px;"
            "font-weight:bold;"
        )
        self.countdown.setText(c.countdown_zh)
        v = self.fact_values
        v["item"].setText(f"{c.item_code} {c.item_name}")
        v["department"].setText(c.department)
        v["status"].setText(c.status_zh)
        v["node"].setText(c.pending_node_zh or "—")
        v["accepted"].setText(f"{local_time(c.accepted_at)} {c.accepted_by_name}")
        v["deadline"].setText(
            f"{local_time(c.deadline)}（{c.promised_days}个工作日）" if c.deadline else "—"
        )
        v["statutory"].setText(local_time(c.statutory_deadline) if c.statutory_deadline else "—")
        v["node_deadline"].setText(local_time(c.node_deadline) if c.node_deadline else "—")
        v["hall"].setText(page.hall_name)
        v["deciding"].setText(page.deciding_hall_name)
        v["suspended"].setText(
            self.tr("累计%1个工作日").replace("%1", str(c.suspended_days))
            if c.suspended_days
            else "—"
        )
        if c.delivered_at:
            how = (f"邮寄 {c.delivery_carrier} {c.delivery_tracking}"
                   if c.delivery_method == "post" else "窗口领取")  # fmt: skip
            v["delivery"].setText(f"{local_time(c.delivered_at)} {how}")
        else:
            v["delivery"].setText("—")
        self._fill_applicant(c)
        _fill(
            self.materials,
            [
                [m.seq, m.name, STATUS_ZH.get(m.status, m.status), FORM_ZH.get(m.form, m.form),
                 m.copies, {"required": "必要", "optional": "非必要",
                            "conditional": "按情形"}.get(m.requirement, m.requirement),
                 m.note or m.condition]
                for m in c.materials
            ],
        )  # fmt: skip
        _fill(
            self.history,
            [[local_time(e.at), e.node, e.staff_name, e.to_state and _state_zh(e.to_state),
              e.comment] for e in c.events],
        )  # fmt: skip
        _fill(
            self.documents,
            [
                [d.title, d.reference or d.number, local_time(d.created_at),
                 (self.tr("已用印") if d.sealed else "—")
                 + (self.tr("，补打%1次").replace("%1", str(d.reprints)) if d.reprints else ""),
                 self.tr("已撤销：%1").replace("%1", d.revoke_reason) if d.revoked else
                 self.tr("有效")]
                for d in c.documents
            ],
        )  # fmt: skip
        self._show_actions(page)
        self.preview.set_content(document)

    def _fill_applicant(self, c: Any) -> None:
        while self.who.rowCount():
            self.who.removeRow(0)
        for title, person in ((self.tr("申请人"), c.applicant), (self.tr("代办人"), c.agent)):
            if person is None:
                continue
            head = named(QLabel(title), "sectionTitle")
            self.who.addRow(head)
            number = person.uscc if person.kind == "enterprise" else person.id_number
            rows = [
                (self.tr("姓名/名称"), person.name),
                (self.tr("证件"), f"{person.id_type if person.kind == 'person' else '统一社会信用代码'}"
                                  f" {number}"),
                (self.tr("联系电话"), person.phone),
                (self.tr("住址"), person.address),
            ]  # fmt: skip
            if person.legal_rep:
                rows.append((self.tr("法定代表人"), person.legal_rep))
            for label, value in rows:
                val = named(QLabel(str(value or "—")), "fieldValue")
                val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.who.addRow(label, val)
        if c.notes:
            self.who.addRow(self.tr("备注"), QLabel(c.notes))

    def _show_actions(self, page: Any) -> None:
        allowed = set(page.actions)
        for b in self.buttons.values():
            self.button_box.removeWidget(b)
        n = 0
        for key, b in self.buttons.items():  # the offered ones side by side, in flow order
            b.setVisible(key in allowed)
            b.setEnabled(key in allowed)
            if key in allowed:
                self.button_box.addWidget(b, n // 3, n % 3)
                n += 1
        editable = bool(allowed - {"preview"})
        self.read_only_note.setVisible(page.read_only)
        self.text_label.setVisible(editable)
        self.text.setVisible(editable)
        refusing = "refuse" in allowed
        self.reasons.setVisible(refusing)
        self.reasons_label.setVisible(refusing)
        suspending, posting = "suspend" in allowed, "post" in allowed
        self.kind.setVisible(suspending)
        self.kind_label.setVisible(suspending)
        self.carrier.setVisible(posting)
        self.tracking.setVisible(posting)
        self.post_label.setVisible(posting)
        held = any(m.original == "held" for m in page.case.materials)
        self.enclose_originals.setVisible(posting and held)
        self.enclose_originals.setChecked(True)
        self.text.clear()
        self.tracking.clear()
        for i in range(self.reasons.count()):
            self.reasons.item(i).setCheckState(Qt.CheckState.Unchecked)

    def set_busy(self, busy: bool) -> None:
        allowed = set(self.page.actions) if self.page is not None else set()
        for key, b in self.buttons.items():
            b.setEnabled(not busy and key in allowed)

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    # -- actions ------------------------------------------------------------------------------

    def checked_reasons(self) -> list[str]:
        return [
            self.reasons.item(i).text()
            for i in range(self.reasons.count())
            if self.reasons.item(i).checkState() == Qt.CheckState.Checked
        ]

    def request_first(self) -> None:
        if self.page is not None:
            for key in self.page.actions:
                if key != "preview":
                    self.request(key)
                    return

    def request(self, action: str) -> None:
        """Ask for ``action`` with what the form holds; a missing reason is said here, and
        nothing is sent."""
        if self.page is None or action not in self.page.actions:
            return
        text = self.text.toPlainText().strip()
        extra: dict[str, Any] = {}
        if action == "refuse":
            extra["reasons"] = self.checked_reasons()
            if not text and not extra["reasons"]:
                self.show_error(self.tr("请勾选或填写不予许可的理由"))
                self.text.setFocus()
                return
        if action in NEEDS_TEXT and not text:
            self.show_error(self.tr("请在“审查意见 / 理由”中写明理由"))
            self.text.setFocus()
            return
        if action == "suspend":
            extra["kind"] = self.kind.currentData()
        if action == "post":
            extra["carrier"] = self.carrier.currentText().strip()
            extra["tracking"] = self.tracking.text().strip()
            extra["originals"] = "enclosed" if self.enclose_originals.isChecked() else "held"
            if not extra["carrier"] or not extra["tracking"]:
                self.show_error(self.tr("请填写承运单位和邮件号"))
                self.tracking.setFocus()
                return
        self.message.setText("")
        self.action_requested.emit(action, self.page.case.case_no, text, extra)


def _state_zh(state: str) -> str:
    from counter.domain.cases import CaseState

    try:
        return CaseState(state).zh
    except ValueError:
        return state
