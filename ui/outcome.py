"""Outcome of the current item (办理结果): 受理, 一次性告知, 不予受理 — and its document.

- 受理 (Ctrl+Enter): allowed when the applicant is valid and no required material is missing;
  gives the case number and the deadline in working days (a warning when the calendar does not
  know the days yet), and the 受理回执 appears in the preview (Ctrl+P prints it). A 即办件 is
  completed on the spot.
- 一次性告知 (Ctrl+G): when materials are missing; the 一次性告知书 lists exactly the missing ones.
- 不予受理 (Ctrl+R): asks for the reason; the 不予受理通知书 states it.
- 补打 (Ctrl+Shift+P): the shown document again through the core, marked 补打 (logged seal use).

The buttons stay disabled while the database is unreachable or a call is in flight.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter import window as door
from ui.checklist import VisitItem
from ui.preview import DocumentPreview
from ui.widgets import button_text, case_state_text, local_time, named, set_state, translate

REJECT_REASONS = tuple(r.text for r in door.vocabulary().refusal_reasons)


class RejectDialog(QDialog):
    """The reason for 不予受理: a reason of the core's list, words added to it and, for a matter
    outside this body's competence, the body the applicant is sent to (行政许可法 第三十二条:
    chosen from the list or typed; OK stays disabled until it is given). ``bodies``: the list
    offered, the hall's setting ``referral_bodies`` (None: the core's default list).

    The last reason, "other", is typed in full by the clerk, who must then say what it rests on
    (a ground of 第三十二条 with its 项, or the item's own legal basis): OK stays disabled until
    both are given.

    ``legal_basis`` False: the item's catalogue entry records no legal basis, so what would cite
    it (a reason without a clause of its own, the ground "the item's legal basis") is not
    offered, and a note says why (the core refuses it too)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        bodies: Sequence[str] | None = None,
        *,
        legal_basis: bool = True,
    ) -> None:
        super().__init__(parent)
        vocab = door.vocabulary()
        self.setWindowTitle(translate("outcome", "不予受理的理由"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(translate("outcome", "请选择或填写不予受理的理由（将写入通知书）：")))
        self.no_basis_note = named(
            QLabel(
                translate(
                    "outcome",
                    "本事项未载明法律依据：请选“其他理由”，写明理由并选择第三十二条的相应项",
                )
            ),
            "resultWarn",
        )
        self.no_basis_note.setWordWrap(True)
        self.no_basis_note.setVisible(not legal_basis)
        lay.addWidget(self.no_basis_note)
        self.reason = QComboBox()
        self.reason.setObjectName("rejectReason")
        for r in vocab.refusal_reasons:
            if legal_basis or r.clause:
                self.reason.addItem(translate("outcome", r.text), r.code)
        self.reason.addItem(translate("outcome", "其他理由（自行填写，须注明依据）"), "")
        lay.addWidget(self.reason)
        self.ground_label = QLabel(translate("outcome", "该理由的依据（必选，将写入通知书）："))
        lay.addWidget(self.ground_label)
        self.ground = QComboBox()
        self.ground.setObjectName("rejectGround")
        self.ground.addItem(translate("outcome", "请选择依据"), "")
        for g in vocab.refusal_grounds:
            if legal_basis or g.clause:
                self.ground.addItem(translate("outcome", g.text), g.code)
        lay.addWidget(self.ground)
        self._grounds = {g.code: g for g in vocab.refusal_grounds}
        self.refer_label = QLabel(translate("outcome", "请申请人向以下机关申请（必填）："))
        lay.addWidget(self.refer_label)
        self.refer = QComboBox()
        self.refer.setObjectName("referTo")
        self.refer.setEditable(True)
        self.refer.addItem("")
        for body in vocab.referral_bodies if bodies is None else bodies:
            self.refer.addItem(body)
        lay.addWidget(self.refer)
        self.extra = QPlainTextEdit()
        self.extra.setPlaceholderText(translate("outcome", "补充说明（可选）"))
        self.extra.setMaximumHeight(100)
        lay.addWidget(self.extra)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._by_code = {r.code: r for r in vocab.refusal_reasons}
        self.reason.currentIndexChanged.connect(lambda _i: self._update())
        self.ground.currentIndexChanged.connect(lambda _i: self._update())
        self.refer.currentTextChanged.connect(lambda _t: self._update())
        self.extra.textChanged.connect(self._update)
        self._update()

    def _free(self) -> bool:
        """The clerk types the reason (no code): its ground must be chosen."""
        return not str(self.reason.currentData() or "")

    def _refers(self) -> bool:
        if self._free():
            g = self._grounds.get(str(self.ground.currentData() or ""))
            return bool(g and g.refer_elsewhere)
        r = self._by_code.get(str(self.reason.currentData()))
        return bool(r and r.refer_elsewhere)

    def _update(self) -> None:
        needs = self._refers()
        free = self._free()
        self.refer_label.setVisible(needs)
        self.refer.setVisible(needs)
        self.ground_label.setVisible(free)
        self.ground.setVisible(free)
        self.extra.setPlaceholderText(
            translate("outcome", "不予受理的理由（必填）")
            if free
            else translate("outcome", "补充说明（可选）")
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ready = not needs or bool(self.refer.currentText().strip())
        if free:
            ready = (
                ready and bool(self.ground.currentData()) and bool(self.extra.toPlainText().strip())
            )
        ok.setEnabled(ready)

    def can_accept(self) -> bool:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    def choice(self) -> door.RefusalChoice:
        return door.RefusalChoice(
            code=str(self.reason.currentData() or ""),
            extra=self.extra.toPlainText().strip(),
            refer_to=self.refer.currentText().strip() if self._refers() else "",
            ground=str(self.ground.currentData() or "") if self._free() else "",
        )


def ask_reject_reason(
    parent: QWidget | None, bodies: Sequence[str] | None = None, *, legal_basis: bool = True
) -> door.RefusalChoice | None:
    """The reason for 不予受理 as chosen in a :class:`RejectDialog` offering the hall's
    ``bodies`` (None when cancelled); ``legal_basis``: whether the item records one. Tests
    replace this."""
    dialog = RejectDialog(parent, bodies, legal_basis=legal_basis)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


class OutcomePanel(QWidget):
    accept_requested = Signal()
    notice_requested = Signal()
    reject_requested = Signal()
    reprint_requested = Signal(str)  # kind of the shown document

    def __init__(self, parent: QWidget | None = None, *, printer_name: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomePanel")
        self.documents: list[Any] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        lay.addWidget(named(QLabel(self.tr("办理结果")), "sectionTitle"))
        self.state = named(QLabel(self.tr("请选择办理事项")), "outcomeState")
        self.state.setWordWrap(True)
        lay.addWidget(self.state)
        row = QHBoxLayout()
        self.accept_button = named(
            QPushButton(button_text(self.tr("受理"), "Ctrl+Return")), "primary"
        )
        self.notice_button = named(
            QPushButton(button_text(self.tr("一次性告知"), "Ctrl+G")), "warnButton"
        )
        self.reject_button = named(
            QPushButton(button_text(self.tr("不予受理"), "Ctrl+R")), "dangerButton"
        )
        for b in (self.accept_button, self.notice_button, self.reject_button):
            b.setMinimumHeight(52)
            row.addWidget(b)
        self.accept_button.clicked.connect(self.accept_requested)
        self.notice_button.clicked.connect(self.notice_requested)
        self.reject_button.clicked.connect(self.reject_requested)
        lay.addLayout(row)
        self.result = named(QFrame(), "resultBox")
        rl = QVBoxLayout(self.result)
        rl.setContentsMargins(14, 10, 14, 10)
        self.result_title = named(QLabel(""), "resultTitle")
        self.result_title.setWordWrap(True)
        self.result_detail = named(QLabel(""), "resultDetail")
        self.result_detail.setWordWrap(True)
        self.result_warn = named(QLabel(""), "resultWarn")
        self.result_warn.setWordWrap(True)
        rl.addWidget(self.result_title)
        rl.addWidget(self.result_detail)
        rl.addWidget(self.result_warn)
        self.result.hide()
        lay.addWidget(self.result)
        docs = QHBoxLayout()
        self.doc_choice = named(QComboBox(), "documentChoice")
        self.doc_choice.currentIndexChanged.connect(self._doc_chosen)
        self.doc_choice.hide()
        docs.addWidget(self.doc_choice, 1)
        self.reprint_button = QPushButton(button_text(self.tr("补打"), "Ctrl+Shift+P"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.request_reprint)
        self.reprint_button.hide()
        docs.addStretch(0)
        docs.addWidget(self.reprint_button)
        lay.addLayout(docs)
        self.preview = DocumentPreview(self, printer_name=printer_name)
        lay.addWidget(self.preview, 1)
        self.set_enabled(False, False, False)

    def set_enabled(self, accept: bool, notice: bool, reject: bool) -> None:
        self.accept_button.setEnabled(accept)
        self.notice_button.setEnabled(notice)
        self.reject_button.setEnabled(reject)

    def show_state(self, text: str, kind: str = "info") -> None:
        self.state.setText(text)
        set_state(self.state, "kind", kind)

    def clear_result(self) -> None:
        self.result.hide()
        self.documents = []
        self.doc_choice.clear()
        self.doc_choice.hide()
        self.reprint_button.hide()
        self.preview.set_content(None)

    def request_reprint(self) -> None:
        """补打 the document shown (its kind goes to the client)."""
        index = max(0, self.doc_choice.currentIndex())
        if self.reprint_button.isVisible() and 0 <= index < len(self.documents):
            self.reprint_requested.emit(str(self.documents[index].kind))

    def show_item_result(self, item: VisitItem | None) -> None:
        """Show what was done with ``item`` (its stored result) or nothing."""
        if item is None or not item.done or item.result is None:
            self.clear_result()
            return
        result = item.result
        case = getattr(result, "case", None)
        if item.outcome == "accepted":
            title = self.tr("已受理　办件号 %1").replace("%1", item.case_no)
            kind = "ok"
        elif item.outcome == "notice":
            title = self.tr("已出具一次性告知书　%1").replace("%1", item.case_no)
            kind = "warn"
        else:
            title = self.tr("不予受理　%1").replace("%1", item.case_no)
            kind = "error"
        details: list[str] = []
        warnings = [str(w) for w in getattr(result, "warnings", ()) or ()]
        if case is not None:
            details.append(
                self.tr("状态：%1").replace(
                    "%1",
                    case_state_text(
                        str(case.state), str(getattr(case, "state_zh", "") or case.state)
                    ),
                )
            )
            deadline = getattr(case, "deadline", None)
            if item.outcome == "accepted":
                if getattr(case, "state", "") == "completed" or getattr(case, "on_the_spot", False):
                    details.append(self.tr("即办件：已当场办结，可直接出件"))
                elif deadline:
                    days = getattr(case, "promised_days", None) or item.promised_days
                    details.append(
                        self.tr("承诺办结日期：%1（%2个工作日）")
                        .replace("%1", local_time(deadline))
                        .replace("%2", str(days))
                    )
                    if not getattr(case, "deadline_confirmed", True):
                        warnings.append(
                            self.tr(
                                "办结期限跨入尚未公布节假日安排的年份，日期为预估，请以后续通知为准"
                            )
                        )
        self.result_title.setText(title)
        set_state(self.result, "kind", kind)
        self.result_detail.setText("\n".join(details))
        self.result_detail.setVisible(bool(details))
        self.result_warn.setText("\n".join("⚠ " + w for w in warnings))
        self.result_warn.setVisible(bool(warnings))
        self.result.show()
        self.set_documents(list(getattr(result, "documents", ()) or ()))

    def set_documents(self, documents: list[Any]) -> None:
        self.documents = documents
        self.doc_choice.blockSignals(True)
        self.doc_choice.clear()
        for d in documents:
            self.doc_choice.addItem(f"{d.title}  {d.number}")
        self.doc_choice.blockSignals(False)
        self.doc_choice.setVisible(len(documents) > 1)
        self.reprint_button.setVisible(bool(documents))
        self.preview.set_content(documents[0] if documents else None)

    def _doc_chosen(self, index: int) -> None:
        if 0 <= index < len(self.documents):
            self.preview.set_content(self.documents[index])
