"""核验 (verify a sealed document): type or scan the code from the QR code under a decision;
the answer says whether it is genuine, its original record, reprints and revocation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import button_text, local_time, named, set_state


class VerifyPanel(QWidget):
    verify_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.addWidget(named(QLabel(self.tr("文书核验：扫描决定书上的二维码，或输入核验码")), "sectionTitle"))  # fmt: skip
        row = QHBoxLayout()
        self.code = named(QLineEdit(), "verifyCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code.setMaxLength(64)
        self.code.returnPressed.connect(self.submit)
        row.addWidget(self.code, 1)
        self.button = named(QPushButton(button_text(self.tr("核验"), "Enter")), "primary")
        self.button.clicked.connect(self.submit)
        row.addWidget(self.button)
        lay.addLayout(row)
        self.box = named(QFrame(), "resultBox")
        bl = QVBoxLayout(self.box)
        self.status = named(QLabel(""), "resultTitle")
        self.details = named(QLabel(""), "fieldValue")
        self.details.setWordWrap(True)
        bl.addWidget(self.status)
        bl.addWidget(self.details)
        lay.addWidget(self.box)
        lay.addStretch(1)
        self.box.hide()

    def submit(self) -> None:
        code = self.code.text().strip()
        if code:
            self.verify_requested.emit(code)

    def show_error(self, text: str) -> None:
        self.box.show()
        set_state(self.box, "kind", "error")
        self.status.setText(text)
        self.details.setText("")

    def show_result(self, v: Any) -> None:
        self.box.show()
        set_state(self.box, "kind", "" if v.status == "genuine" else
                  ("warn" if v.status in ("unchecked", "revoked") else "error"))  # fmt: skip
        self.status.setText(f"{v.code}：{v.status_zh}")
        if not v.found:
            self.details.setText(self.tr("请核对核验码；伪造或抄错的核验码查不到任何文书。"))
            return
        lines = [
            f"{v.title}　{v.reference}",
            self.tr("办件：%1　%2").replace("%1", v.case_no).replace("%2", v.hall_name),
            self.tr("事项：%1　申请人：%2　结果：%3").replace("%1", v.item_name)
            .replace("%2", v.applicant).replace("%3", v.result_zh),
        ]  # fmt: skip
        if v.original is not None:
            o = v.original
            lines.append(self.tr("原件：用印登记 %1，%2，%3").replace("%1", o.serial)
                         .replace("%2", local_time(o.used_at)).replace("%3", o.used_by_name))  # fmt: skip
        for r in v.reprints:
            lines.append(self.tr("补打：用印登记 %1，%2，%3，理由：%4").replace("%1", r.serial)
                         .replace("%2", local_time(r.used_at)).replace("%3", r.used_by_name)
                         .replace("%4", r.reason))  # fmt: skip
        if v.revoked_at is not None:
            lines.append(self.tr("已撤销：%1，%2，理由：%3").replace("%1", local_time(v.revoked_at))
                         .replace("%2", v.revoked_by_name).replace("%3", v.revoke_reason))  # fmt: skip
        if v.demo_key:
            lines.append(self.tr("（演示中心的样章文书，以公开的演示密钥核验）"))
        self.details.setText("\n".join(lines))
