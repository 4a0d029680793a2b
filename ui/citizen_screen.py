"""Citizen screen (面向群众的显示屏): the second monitor facing the citizen.

A separate top-level window (placed on the second screen when there is one). It shows the ticket
being served, the clerk's name and staff number (公示：工号), the item in progress, and at the end
the five-level 好差评 (非常满意 … 非常不满意); for 不满意 and 非常不满意 the reasons to choose
appear, and the evaluation needs at least one. It NEVER shows the citizen's full name or ID
number: at most the masked name (张*).

The screen itself stores nothing: :attr:`evaluated` carries (level, reasons, comment) to the
window client, which records it through the core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter.domain.evaluation import BadReason, EvaluationLevel
from counter.domain.masking import mask_name
from ui import widgets
from ui.widgets import named

# Stars, not emoji: the CJK fonts of a hall PC have ★ but not every face emoji.
LEVEL_ICONS = {5: "★★★★★", 4: "★★★★", 3: "★★★", 2: "★★", 1: "★"}
TICKED = "✔ "
UNTICKED = "　 "


@dataclass(frozen=True)
class RatedCase:
    """A case the citizen is asked to rate, as the public screen may show it."""

    item_name: str
    case_no: str


class CitizenScreen(QWidget):
    evaluated = Signal(int, list, str)  # level, reason codes, comment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("citizenScreen")
        self.setWindowTitle(self.tr("便民服务中心 · 窗口信息"))
        self.window_no: int | None = None
        self.clerk = ""
        self.staff_no = ""
        self.hall = ""
        self.rated: tuple[RatedCase, ...] = ()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 36, 48, 36)
        outer.setSpacing(20)
        top = QHBoxLayout()
        self.hall_label = named(QLabel(""), "citizenHall")
        top.addWidget(self.hall_label)
        top.addStretch(1)
        self.window_label = named(QLabel(""), "citizenWindow")
        top.addWidget(self.window_label)
        outer.addLayout(top)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.stack.addWidget(self._idle_page())
        self.stack.addWidget(self._serving_page())
        self.stack.addWidget(self._evaluation_page())
        self.stack.addWidget(self._thanks_page())
        bottom = named(QFrame(), "citizenClerk")
        bl = QHBoxLayout(bottom)
        bl.setContentsMargins(24, 14, 24, 14)
        self.clerk_label = named(QLabel(""), "citizenClerkName")
        bl.addWidget(self.clerk_label)
        bl.addStretch(1)
        self.pledge = named(QLabel(self.tr("一窗通办 · 一次告知 · 限时办结")), "citizenPledge")
        bl.addWidget(self.pledge)
        outer.addWidget(bottom)
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(8000)
        self._thanks_timer.timeout.connect(self.show_idle)
        self.show_idle()

    # -- pages ------------------------------------------------------------------------------

    def _idle_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addStretch(1)
        self.idle_title = named(QLabel(self.tr("欢迎光临")), "citizenBig")
        self.idle_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.idle_title)
        self.idle_sub = named(
            QLabel(self.tr("请留意叫号，听到您的号码后到本窗口办理")), "citizenMedium"
        )
        self.idle_sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.idle_sub)
        lay.addStretch(2)
        return w

    def _serving_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addStretch(1)
        self.ticket_label = named(QLabel(""), "citizenTicket")
        self.ticket_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.ticket_label)
        self.call_label = named(QLabel(""), "citizenMedium")
        self.call_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.call_label)
        lay.addSpacing(24)
        self.who_label = named(QLabel(""), "citizenMedium")
        self.who_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.who_label)
        self.item_label = named(QLabel(""), "citizenItem")
        self.item_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.item_label.setWordWrap(True)
        lay.addWidget(self.item_label)
        lay.addStretch(2)
        return w

    def _evaluation_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setSpacing(18)
        title = named(QLabel(self.tr("请您对本次服务进行评价")), "citizenBig")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(title)
        self.eval_sub = named(QLabel(self.tr("好差评 · 一次一评")), "citizenMedium")
        self.eval_sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.eval_sub)
        self.rated_label = named(QLabel(""), "citizenItem")
        self.rated_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rated_label.setWordWrap(True)
        lay.addWidget(self.rated_label)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.level_buttons: dict[int, QPushButton] = {}
        for level in EvaluationLevel:
            name = level.en if widgets.ENGLISH else level.zh
            b = named(QPushButton(f"{LEVEL_ICONS[int(level)]}\n{name}"), "levelButton")
            b.setProperty("level", int(level))
            b.setMinimumSize(200, 150)
            b.clicked.connect(lambda _c=False, lv=int(level): self._level_chosen(lv))
            self.level_buttons[int(level)] = b
            row.addWidget(b)
        lay.addLayout(row)
        self.reasons_frame = named(QFrame(), "reasonsFrame")
        rl = QVBoxLayout(self.reasons_frame)
        rl.addWidget(named(QLabel(self.tr("请选择不满意的原因（可多选）")), "citizenMedium"))
        grid = QGridLayout()
        self.reason_boxes: dict[str, QCheckBox] = {}
        for n, reason in enumerate(BadReason):
            label = reason.en if widgets.ENGLISH else reason.zh
            box = named(QCheckBox(f"{UNTICKED}{label}"), "reasonBox")
            box.setProperty("label", label)
            box.toggled.connect(lambda on, b=box: self._ticked(b, on))
            self.reason_boxes[reason.value] = box
            grid.addWidget(box, n // 4, n % 4)
        rl.addLayout(grid)
        self.comment = named(QLineEdit(), "evaluationComment")
        self.comment.setPlaceholderText(self.tr("其他意见或建议（选择“其他”时必填）"))
        self.comment.setMaxLength(500)
        self.comment.textChanged.connect(lambda _t: self._update_submit())
        rl.addWidget(self.comment)
        self.submit_button = named(QPushButton(self.tr("提交评价")), "primary")
        self.submit_button.setMinimumHeight(56)
        self.submit_button.clicked.connect(self._submit_bad)
        rl.addWidget(self.submit_button)
        self.reasons_frame.hide()
        lay.addWidget(self.reasons_frame)
        lay.addStretch(1)
        self.chosen_level: int | None = None
        return w

    def _thanks_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addStretch(1)
        self.thanks_label = named(QLabel(self.tr("感谢您的评价！")), "citizenBig")
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.thanks_label)
        sub = named(QLabel(self.tr("您的意见是我们改进工作的动力")), "citizenMedium")
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(sub)
        lay.addStretch(2)
        return w

    # -- state ------------------------------------------------------------------------------

    def set_clerk(self, hall: str, window_no: int | None, name: str, staff_no: str) -> None:
        self.hall, self.window_no, self.clerk, self.staff_no = hall, window_no, name, staff_no
        self.hall_label.setText(hall)
        self.window_label.setText(
            self.tr("%1号窗口").replace("%1", str(window_no)) if window_no else ""
        )
        self.clerk_label.setText(
            self.tr("为您服务：%1　工号：%2").replace("%1", name).replace("%2", staff_no)
            if name
            else ""
        )

    @property
    def page(self) -> str:
        return ("idle", "serving", "evaluation", "thanks")[self.stack.currentIndex()]

    def show_idle(self) -> None:
        self._thanks_timer.stop()
        self.stack.setCurrentIndex(0)

    def show_serving(
        self, ticket_number: str, item_name: str = "", applicant_name: str = ""
    ) -> None:
        """``applicant_name`` is masked here whatever the caller passes."""
        self._thanks_timer.stop()
        self.ticket_label.setText(ticket_number or "—")
        self.call_label.setText(
            self.tr("请%1号到%2号窗口办理")
            .replace("%1", ticket_number)
            .replace("%2", str(self.window_no or ""))
            if ticket_number
            else ""
        )
        masked = mask_name(applicant_name) if applicant_name else ""
        self.who_label.setText(
            self.tr("您好，%1").replace("%1", masked) if masked else self.tr("您好")
        )
        self.item_label.setText(
            self.tr("正在办理：%1").replace("%1", item_name)
            if item_name
            else self.tr("请出示身份证和申请材料")
        )
        self.stack.setCurrentIndex(1)

    def show_evaluation(self, rated: Sequence[RatedCase] = (), ticket_number: str = "") -> None:
        """The five levels, for what ``rated`` names (the visit's cases: item and case number,
        nothing personal) or, with no case, the visit of ``ticket_number``."""
        self.rated = tuple(rated)
        if self.rated:
            lines = [
                self.tr("%1（办件号 %2）").replace("%1", r.item_name).replace("%2", r.case_no)
                for r in self.rated
            ]
            self.rated_label.setText(self.tr("您正在评价：") + "；".join(lines))
        elif ticket_number:
            self.rated_label.setText(
                self.tr("您正在评价：%1号本次窗口服务").replace("%1", ticket_number)
            )
        else:
            self.rated_label.setText(self.tr("您正在评价：本次窗口服务"))
        self.chosen_level = None
        for box in self.reason_boxes.values():
            box.setChecked(False)
        self.comment.clear()
        self.reasons_frame.hide()
        for b in self.level_buttons.values():
            b.setProperty("chosen", False)
            b.style().unpolish(b)
            b.style().polish(b)
        self.stack.setCurrentIndex(2)

    def show_thanks(self) -> None:
        self.stack.setCurrentIndex(3)
        self._thanks_timer.start()

    def _level_chosen(self, level: int) -> None:
        self.chosen_level = level
        for lv, b in self.level_buttons.items():
            b.setProperty("chosen", lv == level)
            b.style().unpolish(b)
            b.style().polish(b)
        if EvaluationLevel(level).is_bad:
            self.reasons_frame.show()
            self._update_submit()
            return
        self.reasons_frame.hide()
        self.evaluated.emit(level, [], "")

    def _ticked(self, box: QCheckBox, on: bool) -> None:
        """A ticked reason shows a tick mark in its text (the indicator alone is a coloured
        square that a citizen may not read as "chosen")."""
        box.setText(f"{TICKED if on else UNTICKED}{box.property('label')}")
        self._update_submit()

    def selected_reasons(self) -> list[str]:
        return [code for code, box in self.reason_boxes.items() if box.isChecked()]

    def _update_submit(self) -> None:
        reasons = self.selected_reasons()
        ok = bool(reasons) and ("other" not in reasons or bool(self.comment.text().strip()))
        self.submit_button.setEnabled(ok)

    def _submit_bad(self) -> None:
        if self.chosen_level is None:
            return
        self.evaluated.emit(self.chosen_level, self.selected_reasons(), self.comment.text().strip())

    def place_on_second_screen(self, clerk_screen: QScreen | None = None) -> bool:
        """Full screen on a monitor other than the clerk's (``QGuiApplication.screens()``
        decides); with one monitor the screen stays off, never over the clerk's window.
        Returns whether it is shown."""
        screens = QGuiApplication.screens()
        mine = clerk_screen or QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not mine]
        if not others:
            self.hide()
            return False
        geo = others[0].geometry()
        self.setScreen(others[0])
        self.setGeometry(geo)
        self.showFullScreen()
        return True

    def visible_text(self) -> str:
        """All text the screen shows now (tests check nothing personal leaks)."""
        return "\n".join(lbl.text() for lbl in self.findChildren(QLabel) if lbl.isVisibleTo(self))
