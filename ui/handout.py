"""Hand-out (出件 / 一窗出件): scan the receipt → the case opens → read the collector's ID card
→ it must match the applicant or the agent → mark collected and print the hand-over slip.

The originals the hall held at acceptance (暂存原件) are listed with a tick each, ticked: the
clerk unticks one not given back now; the 领取回执 lists exactly the ticked ones. One left held
(unticked at hand-out, or kept when the result was posted) is given back later: the delivered
case found by its number offers the still-held ones, ticked, and 退还原件 records them and
prints a 退还材料回执 for the applicant to sign.

The scan comes from a serial scanner or a keyboard-wedge scanner (routed here by the window
client from any screen), or the case number is typed and Enter pressed. The collector's number
can also be typed when the card cannot be read (a damaged card): the core checks it either way.

补打 (Ctrl+Shift+P) reprints the case's latest window document — the hand-over slip once handed
out, else its receipt, notice or refusal — through the core (a logged seal use, marked 补打).
A scanned one-time notice (a case waiting for materials) is routed to 补正后受理 by the client.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.devices.idcard import IdCard
from counter.domain.checkchars import normalize_code
from counter.domain.checklist import ORIGINAL_HELD
from counter.domain.masking import mask_id_number
from counter.services.cases import RESULT_ZH, ApplicantInfo, CaseDetail, CaseResult
from ui.applicant_panel import check_id_text
from ui.preview import DocumentPreview
from ui.widgets import button_text, case_state_text, local_time, named, set_state

RESULT_KINDS = ("certificate", "decision")
# Accepted and not yet 办结: the result does not exist yet.
UNFINISHED = (
    "accepted",
    "first_review",
    "review",
    "suspended",
    "approved",
    "rejected",
)  # what is handed over: 证照 and 决定书


def looks_like_id_number(code: str) -> bool:
    """A resident ID number's shape (18 characters, the last a digit or X; or the old 15
    digits): what a collector's number looks like, never a case number."""
    raw = normalize_code(code)
    if len(raw) == 15:
        return raw.isdigit()
    return len(raw) == 18 and raw[:17].isdigit() and (raw[17].isdigit() or raw[17] == "X")


def handout_results(case: CaseDetail) -> list[tuple[str, int]]:
    """The results to hand over (证照 or 决定书 name, count), from the case's documents (a
    revoked one is not handed over); in the order first issued."""
    counts: dict[str, int] = {}
    for d in case.documents:
        if d.kind in RESULT_KINDS and not d.revoked:
            counts[d.title] = counts.get(d.title, 0) + 1
    return list(counts.items())


def held_originals(case: CaseDetail) -> list[tuple[int, str]]:
    """The originals the hall holds for the applicant (seq, name): to give back at 出件."""
    return [(m.seq, m.name) for m in case.materials if m.original == ORIGINAL_HELD]


class HandoutPanel(QWidget):
    lookup_requested = Signal(str)  # code
    # case_no, collector id, collector name, seqs of the held originals given back (list[int])
    handout_requested = Signal(str, str, str, object)
    reprint_requested = Signal(str, str)  # case_no, document kind
    # case_no, seqs of the held originals given back after 出件 (list[int])
    return_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None, *, printer_name: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutPanel")
        self.case: CaseDetail | None = None
        self.collector_name = ""
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(24)
        left = QVBoxLayout()
        left.setSpacing(10)
        lay.addLayout(left, 5)
        left.addWidget(named(QLabel(self.tr("出件")), "sectionTitle"))
        left.addWidget(
            named(
                QLabel(
                    self.tr("① 扫描受理回执上的条码（或输入办件号后按回车）"),
                ),
                "stepLabel",
            )
        )
        self.code = named(QLineEdit(), "handoutCode")
        self.code.setPlaceholderText(self.tr("办件号"))
        self.code.returnPressed.connect(self._lookup)
        left.addWidget(self.code)
        self.message = named(QLabel(""), "formError")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        self.case_box = named(QFrame(), "caseBox")
        self.case_grid = QGridLayout(self.case_box)
        self.case_grid.setContentsMargins(16, 12, 16, 12)
        self.case_grid.setHorizontalSpacing(16)
        self.case_grid.setVerticalSpacing(8)
        self._case_labels: dict[str, QLabel] = {}
        for row, (key, label) in enumerate(
            (
                ("case_no", self.tr("办件号")),
                ("item", self.tr("事项")),
                ("applicant", self.tr("申请人")),
                ("agent", self.tr("代办人")),
                ("state", self.tr("状态")),
                ("accepted_at", self.tr("受理时间")),
                ("completed_at", self.tr("办结时间")),
                ("results", self.tr("交付结果")),
            )
        ):
            name = named(QLabel(label), "fieldLabel")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = named(QLabel("—"), "fieldValue")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.case_grid.addWidget(name, row, 0)
            self.case_grid.addWidget(value, row, 1)
            self._case_labels[key] = value
        self.case_grid.setColumnStretch(1, 1)
        left.addWidget(self.case_box)
        self.originals_box = named(QFrame(), "originalsBox")
        self.originals_layout = QVBoxLayout(self.originals_box)
        self.originals_layout.setContentsMargins(16, 8, 16, 8)
        self.originals_layout.setSpacing(4)
        self.originals_layout.addWidget(
            named(QLabel(self.tr("退还暂存的原件（未退还的请取消勾选）")), "fieldLabel")
        )
        self.original_checks: list[tuple[int, QCheckBox]] = []
        left.addWidget(self.originals_box)
        left.addWidget(named(QLabel(self.tr("② 请领取人刷身份证（或输入证件号码）")), "stepLabel"))
        self.collector_id = named(QLineEdit(), "collectorId")
        self.collector_id.setPlaceholderText(self.tr("领取人身份证号码"))
        self.collector_id.textChanged.connect(self._match)
        left.addWidget(self.collector_id)
        self.match = named(QLabel(""), "matchState")
        self.match.setWordWrap(True)
        left.addWidget(self.match)
        self.confirm = named(
            QPushButton(button_text(self.tr("③ 确认出件"), "Ctrl+Return")), "primary"
        )
        self.confirm.setMinimumHeight(56)
        self.confirm.clicked.connect(self.request_handout)
        actions = QHBoxLayout()
        actions.addWidget(self.confirm, 1)
        self.reprint_button = QPushButton(button_text(self.tr("补打"), "Ctrl+Shift+P"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.setMinimumHeight(56)
        self.reprint_button.clicked.connect(self.request_reprint)
        actions.addWidget(self.reprint_button)
        self.return_button = named(QPushButton(self.tr("退还原件")), "returnOriginals")
        self.return_button.setMinimumHeight(56)
        self.return_button.clicked.connect(self.request_return)
        actions.addWidget(self.return_button)
        left.addLayout(actions)
        left.addStretch(1)
        self.preview = DocumentPreview(self, printer_name=printer_name)
        lay.addWidget(self.preview, 6)
        self.clear()

    # -- state ------------------------------------------------------------------------------

    def clear(self) -> None:
        self.case = None
        self.handed_out = False
        self.collector_name = ""
        self.code.clear()
        self.collector_id.clear()
        self.message.setText("")
        for v in self._case_labels.values():
            v.setText("—")
        self.match.setText("")
        self.collector_id.setEnabled(True)
        self.confirm.setEnabled(False)
        self.reprint_button.setEnabled(False)
        self.return_button.setVisible(False)
        self.preview.set_content(None)
        self._set_originals([])

    def _set_originals(self, originals: list[tuple[int, str]], enabled: bool = True) -> None:
        """One ticked box per held original (the box hides when there is none)."""
        for _seq, box in self.original_checks:
            self.originals_layout.removeWidget(box)
            box.deleteLater()
        self.original_checks = []
        for seq, name in originals:
            box = QCheckBox(name)
            box.setObjectName("returnOriginal")
            box.setChecked(True)
            box.setEnabled(enabled)
            self.originals_layout.addWidget(box)
            self.original_checks.append((seq, box))
        self.originals_box.setVisible(bool(originals))

    def returned_originals(self) -> list[int]:
        """The held originals ticked as given back now (their checklist seq)."""
        return [seq for seq, box in self.original_checks if box.isChecked()]

    def _lookup(self) -> None:
        code = self.code.text().strip()
        if code:
            self.lookup_requested.emit(code)

    def scanned(self, code: str) -> None:
        """A barcode or a fast-typed burst: a case number goes to field ①; an ID number (a
        collector's card number typed or scanned into field ②) goes to field ②, never ①."""
        code = code.strip()
        if looks_like_id_number(code) and (self.case is not None or self.collector_id.hasFocus()):
            self.collector_id.setText(normalize_code(code))
            self.collector_id.setFocus()
            return
        self.code.setText(code)
        self._lookup()

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    def show_case(self, case: CaseDetail) -> None:
        self.case = case
        self.handed_out = False
        self.message.setText("")
        self.collector_id.clear()
        self.collector_name = ""
        values = {
            "case_no": case.case_no,
            "item": case.item_name,
            "applicant": self._person_text(case.applicant) or case.applicant_name,
            "agent": self._person_text(case.agent) or case.agent_name or "—",
            "state": case_state_text(case.state, case.state_zh),
            "accepted_at": local_time(case.accepted_at),
            "completed_at": local_time(case.completed_at) if case.completed_at else "",
            "results": "；".join(
                self.tr("%1 × %2").replace("%1", name).replace("%2", str(n))
                for name, n in handout_results(case)
            ),
        }
        if not values["results"] and case.ready_for_handout:
            outcome = RESULT_ZH.get(case.result, case.result) if case.result else ""
            values["results"] = self.tr("无证照（办理结果：%1）").replace("%1", outcome or "办结")
        for key, value in values.items():
            self._case_labels[key].setText(str(value or "—"))
        self.preview.set_content(None)
        self.reprint_button.setEnabled(bool(self.reprint_kind()))
        blocked = self.not_ready_text()
        later = self.returns_later()
        self._set_originals(held_originals(case), enabled=not blocked or later)
        self.return_button.setVisible(later)
        self.return_button.setEnabled(later)
        self.collector_id.setEnabled(not blocked)
        if blocked:
            self.message.setText(
                blocked + (self.tr("；暂存的原件尚未退还：勾选后按“退还原件”") if later else "")
            )
        self._match()
        if blocked:
            self.code.setFocus()
            self.code.selectAll()
        else:
            self.collector_id.setFocus()

    def returns_later(self) -> bool:
        """The open case is delivered and the hall still holds some of its originals: they can
        be given back now (退还原件)."""
        case = self.case
        return case is not None and case.state == "delivered" and bool(held_originals(case))

    def request_return(self) -> None:
        """退还原件: the ticked held originals of a delivered case (nothing when none is
        ticked: says so)."""
        if self.case is None or not self.return_button.isEnabled() or not self.returns_later():
            return
        seqs = self.returned_originals()
        if not seqs:
            self.message.setText(self.tr("请勾选要退还的原件"))
            return
        self.return_requested.emit(self.case.case_no, seqs)

    def show_returned(self, result: CaseResult) -> None:
        """The originals were given back: their 退还材料回执 in the preview, the boxes off."""
        docs = list(result.documents)
        self.message.setText("")
        self.match.setText(self.tr("✓ 原件已退还，请申请人在退还材料回执上签字"))
        set_state(self.match, "kind", "ok")
        self.return_button.setEnabled(False)
        for _seq, box in self.original_checks:
            box.setEnabled(False)
        self.preview.set_content(docs[0] if docs else None)

    def not_ready_text(self) -> str:
        """Why the open case cannot be handed out now ("" when it can): not finished yet
        (with the promised date), already collected, or in another state."""
        case = self.case
        if case is None or case.ready_for_handout:
            return ""
        if case.state == "delivered":
            when = local_time(case.delivered_at) if case.delivered_at else ""
            return self.tr("已领取，不能重复出件") + (
                self.tr("（%1）").replace("%1", when) if when else ""
            )
        if case.state in UNFINISHED:
            if case.deadline is not None:
                return (
                    self.tr("未办结，预计%1月%2日办结")
                    .replace("%1", str(case.deadline.month))
                    .replace("%2", str(case.deadline.day))
                )
            return self.tr("未办结")
        return self.tr("此办件当前状态为“%1”，不能出件").replace(
            "%1", case_state_text(case.state, case.state_zh)
        )

    def reprint_kind(self) -> str:
        """The document 补打 gives: the hand-over slip once handed out, else the case's latest
        window document (receipt, notice, refusal); "" when it has none."""
        if self.case is None:
            return ""
        if self.handed_out:
            return "handover"
        kinds = [d.kind for d in self.case.documents]
        window = ("receipt", "one_time_notice", "rejection", "handover")
        return next((k for k in reversed(kinds) if k in window), "")

    def request_reprint(self) -> None:
        kind = self.reprint_kind()
        if kind and self.case is not None and self.reprint_button.isEnabled():
            self.reprint_requested.emit(self.case.case_no, kind)

    @staticmethod
    def _person_text(p: ApplicantInfo | None) -> str:
        if p is None:
            return ""
        number = p.id_number or p.uscc
        return f"{p.name}（{mask_id_number(number)}）" if number else p.name

    def expected_numbers(self) -> dict[str, str]:
        """Whose numbers may collect: applicant (or legal representative) and agent."""
        out: dict[str, str] = {}
        if self.case is None:
            return out
        for who, p in (("applicant", self.case.applicant), ("agent", self.case.agent)):
            if p is not None and p.id_number:
                out[who] = normalize_code(p.id_number)
        return out

    def card_read(self, card: IdCard) -> None:
        if not self.collector_id.isEnabled():  # the case cannot be handed out now
            return
        self.collector_name = card.name
        self.collector_id.setText(card.id_number)

    def _match(self) -> None:
        number = normalize_code(self.collector_id.text())
        if self.case is None:
            self.confirm.setEnabled(False)
            self.match.setText("")
            return
        if self.not_ready_text():
            self.confirm.setEnabled(False)
            self.match.setText(self.tr("办结后方可出件：请告知申请人预计办结日期"))
            set_state(self.match, "kind", "warn")
            return
        if not number:
            self.match.setText(self.tr("等待读取领取人身份证…"))
            set_state(self.match, "kind", "info")
            self.confirm.setEnabled(False)
            return
        state, msg = check_id_text(number)
        if state in ("error", "typing"):
            self.match.setText(msg)
            set_state(self.match, "kind", "error" if state == "error" else "info")
            self.confirm.setEnabled(False)
            return
        expected = self.expected_numbers()
        who = next((k for k, v in expected.items() if v == number), None)
        if who == "applicant":
            self.match.setText(self.tr("✓ 领取人与申请人一致"))
            set_state(self.match, "kind", "ok")
            self.confirm.setEnabled(True)
        elif who == "agent":
            self.match.setText(self.tr("✓ 领取人与代办人一致"))
            set_state(self.match, "kind", "ok")
            self.confirm.setEnabled(True)
        elif expected:
            self.match.setText(self.tr("✗ 领取人与申请人、代办人均不一致，不能出件"))
            set_state(self.match, "kind", "error")
            self.confirm.setEnabled(False)
        else:  # the core did not tell us the numbers: it checks them on hand-out
            self.match.setText(self.tr("将由系统核对领取人身份"))
            set_state(self.match, "kind", "info")
            self.confirm.setEnabled(True)

    def request_handout(self) -> None:
        if self.case is None or not self.confirm.isEnabled():
            return
        self.handout_requested.emit(
            self.case.case_no,
            normalize_code(self.collector_id.text()),
            self.collector_name,
            self.returned_originals(),
        )

    def show_done(self, result: CaseResult) -> None:
        docs = list(result.documents)
        self.handed_out = True
        self.reprint_button.setEnabled(True)
        self._case_labels["state"].setText(
            case_state_text(result.case.state, result.case.state_zh)
        )  # the core's one name: 已送达
        self.match.setText(self.tr("✓ 已出件，请领取人在领取回执上签字"))
        set_state(self.match, "kind", "ok")
        self.confirm.setEnabled(False)
        self.return_button.setVisible(False)
        for _seq, box in self.original_checks:
            box.setEnabled(False)
        self.preview.set_content(docs[0] if docs else None)
