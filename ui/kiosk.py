"""The kiosk (取号机), ``counter kiosk``: a full-screen touch screen in the hall where a citizen
takes a ticket.

Start screen: the hall's queues as big buttons (with the people waiting and the expected
wait, kept exact from change events), "find my item" (search by name or pinyin initials on an
on-screen keyboard, and be sent to the item's queue), appointment check-in (预约签到), and the
green channel (绿色通道) when the hall offers it. Swiping the ID card first puts the masked name
on the ticket (the card itself is kept only until the ticket is taken, and never shown).

After a ticket is taken it is printed (:mod:`ui.kiosk_printer`) and reported to the core: as
printed, or — when the printer fails (no paper, offline) — as the hall's rule says: shown on the
screen to photograph, or voided (:func:`counter.kiosk.print_failed`); the screen says which.
Refusals (daily cap reached, not the queue's hours, not a working day, an unknown appointment)
are said in plain words. Any page returns to the start screen after the hall's idle time.

No keyboard is needed. Full screen cannot be left without a hall manager's or an
administrator's sign-in: tap the top-left corner five times (or Ctrl+Alt+Shift+Q on a
technician's keyboard) to open the unlock page.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter import clock
from counter import kiosk as door
from counter.changes import Change
from counter.devices.errors import DeviceError
from counter.errors import CounterError, DatabaseUnavailable, PasswordChangeRequired
from counter.kiosk import CardHolder, Home, Kiosk, KioskItem, KioskQueue, KioskTicket
from ui.kiosk_printer import KioskPrinter
from ui.live import HallEvents
from ui.public_backend import ScreenBackend
from ui.widgets import error_text

log = logging.getLogger(__name__)

REF_H = 1080.0
UNLOCK_TAPS = 5
UNLOCK_WINDOW_S = 3.0

STYLE = """
#kiosk {{ background: #eef3fa; }}
#kioskHeader {{ background: #0f3d7a; }}
#kioskHeader QLabel {{ color: white; }}
#hallName {{ font-size: {h1}px; font-weight: bold; }}
#clock {{ font-size: {h2}px; }}
#title {{ font-size: {h1}px; font-weight: bold; color: #0f3d7a; }}
#hint {{ font-size: {body}px; color: #3c4b64; }}
#swipe {{ font-size: {body}px; color: #0f3d7a; background: #dce8f8; border-radius: {r}px;
    padding: {pad}px; }}
#swipe[kind="card"] {{ background: #d8f0dc; color: #14532d; }}
#banner {{ font-size: {body}px; color: #7a2e00; background: #ffe3c2; border-radius: {r}px;
    padding: {pad}px; }}
#queueButton {{ background: white; border: {b}px solid #b8c9e4; border-radius: {r}px;
    text-align: left; padding: {pad}px; color: #17233a; font-size: {body}px; }}
#queueButton:pressed {{ background: #dce8f8; }}
#queueButton:disabled {{ background: #f1f3f6; }}
#queueBadge {{ background: #0f5fc2; color: white; font-size: {h1}px; font-weight: bold;
    border-radius: {rs}px; min-width: {badge}px; min-height: {badge}px; }}
#queueBadge[kind="off"] {{ background: #9aa4b5; }}
#queueName {{ font-size: {h1}px; font-weight: bold; color: #17233a; }}
#queueLine {{ font-size: {body}px; color: #3c4b64; }}
#action {{ background: #0f5fc2; color: white; border-radius: {r}px; font-size: {h2}px;
    font-weight: bold; padding: {pad}px; }}
#action:pressed {{ background: #0b4a97; }}
#action[kind="green"] {{ background: #1b7f3b; }}
#action[kind="quiet"] {{ background: #5b6b85; }}
#key {{ background: white; border: {b}px solid #b8c9e4; border-radius: {rs}px;
    font-size: {h2}px; color: #17233a; }}
#key:pressed {{ background: #dce8f8; }}
#entry {{ font-size: {h1}px; padding: {pad}px; border: {b}px solid #0f5fc2;
    border-radius: {rs}px; background: white; color: #17233a; }}
#itemButton {{ background: white; border: {b}px solid #b8c9e4; border-radius: {rs}px;
    text-align: left; padding: {pad}px; font-size: {body}px; color: #17233a; }}
#bigNumber {{ font-size: {huge}px; font-weight: bold; color: #0f3d7a; }}
#bigNumber[kind="void"] {{ color: #9aa4b5; }}
#result {{ font-size: {h2}px; color: #17233a; }}
#status {{ font-size: {h2}px; font-weight: bold; border-radius: {r}px; padding: {pad}px; }}
#status[kind="ok"] {{ color: #14532d; background: #d8f0dc; }}
#status[kind="busy"] {{ color: #0f3d7a; background: #dce8f8; }}
#status[kind="warn"] {{ color: #7a2e00; background: #ffe3c2; }}
#status[kind="error"] {{ color: white; background: #b3261e; }}
#message {{ font-size: {h1}px; color: #17233a; }}
#refusal {{ font-size: {big}px; font-weight: bold; color: #b3261e; }}
"""


def set_kind(widget: QWidget, kind: str) -> None:
    widget.setProperty("kind", kind)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _button(text: str, name: str = "action", kind: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    if kind:
        b.setProperty("kind", kind)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return b


def _label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    lab = QLabel(text)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    return lab


class QueueButton(QPushButton):
    """A queue on the start screen: its letter, its name, and the line (or why not now)."""

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(24, 12, 24, 12)
        lay.setSpacing(24)
        self.badge = _label(prefix, "queueBadge", wrap=False)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.badge)
        col = QVBoxLayout()
        self.name = _label("", "queueName", wrap=False)
        self.line = _label("", "queueLine", wrap=False)
        col.addStretch(1)
        col.addWidget(self.name)
        col.addWidget(self.line)
        col.addStretch(1)
        lay.addLayout(col, 1)
        for lab in (self.badge, self.name, self.line):
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def show_queue(self, name: str, line: str, available: bool) -> None:
        self.name.setText(name)
        self.line.setText(line)
        self.setEnabled(available)
        set_kind(self.badge, "" if available else "off")


class QrView(QWidget):
    """A QR code drawn square in its box (the ticket's QR, for a phone to scan off the
    screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setMinimumSize(QSize(120, 120))

    def set_text(self, text: str) -> None:
        self.text = text
        self.setVisible(bool(text))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        if not self.text:
            return
        from ui.ticket_print import paint_qr

        side = min(self.width(), self.height())
        painter = QPainter(self)
        try:
            paint_qr(
                painter,
                self.text,
                QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side),
            )
        finally:
            painter.end()


class KeyPad(QWidget):
    """An on-screen keyboard: ``typed(key)`` for a letter or digit, ``erase`` and ``clear``."""

    typed = Signal(str)
    erase = Signal()
    clear = Signal()

    LETTERS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
    DIGITS = "1234567890"

    def __init__(self, digits: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = ((self.DIGITS,) if digits else ()) + self.LETTERS
        offsets = {"ASDFGHJKL": 1, "ZXCVBNM": 1}  # in half keys, as on a keyboard
        for r, row in enumerate(rows):
            offset = offsets.get(row, 0)
            for c, ch in enumerate(row):
                b = _button(ch, "key")
                b.clicked.connect(lambda _=False, ch=ch: self.typed.emit(ch))
                grid.addWidget(b, r, offset + c * 2, 1, 2)
        last = len(rows)
        back = _button(self.tr("删除"), "key")
        back.clicked.connect(self.erase.emit)
        wipe = _button(self.tr("清空"), "key")
        wipe.clicked.connect(self.clear.emit)
        grid.addWidget(back, last - 1, 15, 1, 2)
        grid.addWidget(wipe, last - 1, 17, 1, 3)


class Page(QWidget):
    """A page of the kiosk with a title and a "back to start" button."""

    back = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(40, 24, 40, 24)
        self.lay.setSpacing(18)
        top = QHBoxLayout()
        self.title = _label(title, "title", wrap=False)
        top.addWidget(self.title, 1)
        self.back_button = _button(self.tr("返回首页"), "action", "quiet")
        self.back_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.back_button.clicked.connect(self.back.emit)
        top.addWidget(self.back_button)
        self.lay.addLayout(top)


class KioskScreen(QWidget):
    """The kiosk. ``ticket_done(KioskTicket, how)`` after a ticket was printed, shown or
    voided; ``home_shown`` each time the start screen is back."""

    ticket_done = Signal(object, str)
    home_shown = Signal()
    refused = Signal(object)

    def __init__(
        self,
        backend: ScreenBackend[Kiosk],
        printer: KioskPrinter | None,
        *,
        live: bool = True,
        locked: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setWindowTitle(self.tr("自助取号机"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.backend = backend
        self.printer = printer
        self.live = live
        self.locked = locked
        self.home: Home | None = None
        self.holder: CardHolder | None = None
        self.priority = ""
        self.last_ticket: KioskTicket | None = None
        self.printer_fault = ""
        self.events: HallEvents | None = None
        self._taps: list[float] = []
        self._busy = False
        self._scale = 0.0
        self._fitted: tuple[int, int] | None = None

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.go_home)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._header())
        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        self.home_page = self._home_page()
        self.search_page = self._search_page()
        self.appointment_page = self._appointment_page()
        self.green_page = self._green_page()
        self.result_page = self._result_page()
        self.message_page = self._message_page()
        self.unlock_page = self._unlock_page()
        for page in (
            self.home_page,
            self.search_page,
            self.appointment_page,
            self.green_page,
            self.result_page,
            self.message_page,
            self.unlock_page,
        ):
            self.stack.addWidget(page)
            if isinstance(page, Page):
                page.back.connect(self.go_home)
        shortcut = QShortcut(QKeySequence("Ctrl+Alt+Shift+Q"), self)
        shortcut.activated.connect(self.show_unlock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._apply_style()

    # -- building -------------------------------------------------------------------------

    def _header(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("kioskHeader")
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(40, 14, 40, 14)
        self.corner = QPushButton()  # the unlock corner: invisible, tapped five times
        self.corner.setObjectName("corner")
        self.corner.setFlat(True)
        self.corner.setFixedSize(80, 60)
        self.corner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.corner.setStyleSheet("background: transparent; border: none;")
        self.corner.clicked.connect(self._corner_tapped)
        lay.addWidget(self.corner)
        self.hall_label = _label("", "hallName", wrap=False)
        lay.addWidget(self.hall_label, 1)
        self.clock_label = _label("", "clock", wrap=False)
        lay.addWidget(self.clock_label)
        return bar

    def _home_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(40, 24, 40, 24)
        lay.setSpacing(18)
        self.swipe = _label(
            self.tr("如需在号票上显示您的姓名，请先在下方读卡区刷身份证（可不刷）"), "swipe"
        )
        lay.addWidget(self.swipe)
        self.banner = _label("", "banner")
        self.banner.hide()
        lay.addWidget(self.banner)
        self.home_title = _label(self.tr("请选择您要办理的业务"), "title", wrap=False)
        lay.addWidget(self.home_title)
        self.queue_grid = QGridLayout()
        self.queue_grid.setSpacing(18)
        lay.addLayout(self.queue_grid, 1)
        self.queue_buttons: dict[str, QueueButton] = {}
        row = QHBoxLayout()
        row.setSpacing(18)
        self.search_button = _button(self.tr("按办理事项查找"))
        self.search_button.clicked.connect(self.show_search)
        self.appointment_button = _button(self.tr("预约签到"))
        self.appointment_button.clicked.connect(self.show_appointment)
        self.green_button = _button(self.tr("绿色通道"), "action", "green")
        self.green_button.clicked.connect(self._green_clicked)
        self.clear_card_button = _button(self.tr("清除身份证信息"), "action", "quiet")
        self.clear_card_button.clicked.connect(self.clear_card)
        self.clear_card_button.hide()
        for b in (
            self.search_button,
            self.appointment_button,
            self.green_button,
            self.clear_card_button,
        ):
            row.addWidget(b)
        lay.addLayout(row)
        return page

    def _search_page(self) -> Page:
        page = Page(self.tr("按办理事项查找"))
        page.lay.addWidget(_label(self.tr("输入事项名称的拼音首字母，如“宅基地”输入 ZJD"), "hint"))
        self.search_entry = QLineEdit()
        self.search_entry.setObjectName("entry")
        self.search_entry.setReadOnly(True)
        self.search_entry.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page.lay.addWidget(self.search_entry)
        self.results = QVBoxLayout()
        self.results.setSpacing(10)
        holder = QWidget()
        holder.setLayout(self.results)
        page.lay.addWidget(holder, 3)
        self.search_note = _label("", "hint")
        page.lay.addWidget(self.search_note)
        pad = KeyPad()
        pad.typed.connect(lambda ch: self._search_edit(self.search_entry.text() + ch))
        pad.erase.connect(lambda: self._search_edit(self.search_entry.text()[:-1]))
        pad.clear.connect(lambda: self._search_edit(""))
        page.lay.addWidget(pad, 3)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._run_search)
        self.result_buttons: list[QPushButton] = []
        return page

    def _appointment_page(self) -> Page:
        page = Page(self.tr("预约签到"))
        page.lay.addWidget(
            _label(self.tr("请输入预约短信中的预约码（YY 后面的8位），或扫描预约二维码"), "hint")
        )
        self.code_entry = QLineEdit()
        self.code_entry.setObjectName("entry")
        self.code_entry.setMaxLength(12)
        self.code_entry.returnPressed.connect(self._check_in)  # a keyboard-wedge scanner
        page.lay.addWidget(self.code_entry)
        pad = KeyPad(digits=True)
        pad.typed.connect(lambda ch: self.code_entry.setText(self.code_entry.text() + ch))
        pad.erase.connect(lambda: self.code_entry.setText(self.code_entry.text()[:-1]))
        pad.clear.connect(self.code_entry.clear)
        page.lay.addWidget(pad, 3)
        self.code_ok = _button(self.tr("确认签到"))
        self.code_ok.clicked.connect(self._check_in)
        page.lay.addWidget(self.code_ok, 1)
        return page

    def _green_page(self) -> Page:
        page = Page(self.tr("绿色通道"))
        page.lay.addWidget(_label(self.tr("请选择优先办理的类别，工作人员将核验相关证件"), "hint"))
        self.green_grid = QGridLayout()
        self.green_grid.setSpacing(18)
        page.lay.addLayout(self.green_grid, 1)
        return page

    def _result_page(self) -> Page:
        page = Page(self.tr("取号成功"))
        page.back_button.setText(self.tr("完成"))
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.big_number = _label("", "bigNumber", wrap=False)
        self.big_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.big_number, 2)
        self.result_text = _label("", "result", wrap=False)
        self.result_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.result_text, 2)
        body.addLayout(left, 3)
        right = QVBoxLayout()
        self.qr = QrView()
        right.addWidget(self.qr, 3)
        self.qr_caption = _label("", "hint")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.qr_caption)
        body.addLayout(right, 1)
        page.lay.addLayout(body, 1)
        self.status = _label("", "status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page.lay.addWidget(self.status)
        return page

    def _message_page(self) -> Page:
        page = Page(self.tr("暂时无法取号"))
        page.lay.addStretch(1)
        self.refusal = _label("", "refusal")
        self.refusal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page.lay.addWidget(self.refusal)
        self.message = _label("", "message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page.lay.addWidget(self.message)
        page.lay.addStretch(1)
        again = _button(self.tr("选择其他业务"))
        again.clicked.connect(self.go_home)
        page.lay.addWidget(again)
        return page

    def _unlock_page(self) -> Page:
        page = Page(self.tr("管理员解锁"))
        page.lay.addWidget(
            _label(self.tr("大厅管理员或系统管理员登录后可退出全屏或关闭取号机"), "hint")
        )
        row = QHBoxLayout()
        self.staff_entry = QLineEdit()
        self.staff_entry.setObjectName("entry")
        self.staff_entry.setPlaceholderText(self.tr("工号"))
        self.password_entry = QLineEdit()
        self.password_entry.setObjectName("entry")
        self.password_entry.setPlaceholderText(self.tr("密码"))
        self.password_entry.setEchoMode(QLineEdit.EchoMode.Password)
        row.addWidget(self.staff_entry)
        row.addWidget(self.password_entry)
        page.lay.addLayout(row)
        # Shown when an administrator reset the password: the person chooses a new one here.
        self.new_password_row = QWidget()
        new_row = QHBoxLayout(self.new_password_row)
        new_row.setContentsMargins(0, 0, 0, 0)
        self.new_password_entry = QLineEdit()
        self.new_password_entry.setObjectName("entry")
        self.new_password_entry.setPlaceholderText(self.tr("新密码（至少8位，不能全是数字）"))
        self.new_password_entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password2_entry = QLineEdit()
        self.new_password2_entry.setObjectName("entry")
        self.new_password2_entry.setPlaceholderText(self.tr("再输入一次新密码"))
        self.new_password2_entry.setEchoMode(QLineEdit.EchoMode.Password)
        new_row.addWidget(self.new_password_entry)
        new_row.addWidget(self.new_password2_entry)
        self.new_password_row.hide()
        page.lay.addWidget(self.new_password_row)
        self.unlock_note = _label("", "hint")
        page.lay.addWidget(self.unlock_note)
        pad = KeyPad(digits=True)
        pad.typed.connect(lambda ch: self._unlock_entry().insert(ch.lower()))
        pad.erase.connect(lambda: self._unlock_entry().backspace())
        pad.clear.connect(lambda: self._unlock_entry().clear())
        page.lay.addWidget(pad, 3)
        buttons = QHBoxLayout()
        self.unlock_ok = _button(self.tr("解锁"))
        self.unlock_ok.clicked.connect(self._unlock)
        self.exit_button = _button(self.tr("关闭取号机"), "action", "quiet")
        self.exit_button.clicked.connect(self._exit)
        self.exit_button.hide()
        self.fullscreen_button = _button(self.tr("回到全屏"), "action", "quiet")
        self.fullscreen_button.clicked.connect(self._relock)
        self.fullscreen_button.hide()
        for b in (self.unlock_ok, self.exit_button, self.fullscreen_button):
            buttons.addWidget(b)
        page.lay.addLayout(buttons, 1)
        return page

    def _unlock_entry(self) -> QLineEdit:
        for entry in (self.password_entry, self.new_password_entry, self.new_password2_entry):
            if entry.hasFocus():
                return entry
        return self.staff_entry

    def _show_new_password(self, shown: bool) -> None:
        self.new_password_entry.clear()
        self.new_password2_entry.clear()
        self.new_password_row.setVisible(shown)

    # -- style and size -------------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fitted is None:
            self._apply_style()

    def fit(self, width: int, height: int) -> None:
        """Lay the kiosk out for a ``width`` × ``height`` screen, then take that size (the
        sizes of texts and buttons follow the screen, so a small screen is not overflowed)."""
        self._fitted = (width, height)
        self._apply_style(width, height)
        for w in self.findChildren(QWidget):
            w.ensurePolished()
            if w.layout() is not None:
                w.layout().invalidate()  # type: ignore[union-attr]
        if self.layout() is not None:
            self.layout().activate()  # type: ignore[union-attr]
        self.resize(width, height)

    def showFullScreen(self) -> None:
        screen = self.screen().geometry()
        self._fitted = (screen.width(), screen.height())
        self._apply_style(screen.width(), screen.height())
        super().showFullScreen()

    def _apply_style(self, width: int | None = None, height: int | None = None) -> None:
        w, h = self._fitted or (width or self.width(), height or self.height())
        if width and height:
            w, h = width, height
        s = max(0.5, min(h / REF_H, w / 1920 * 1.25))
        if abs(s - self._scale) < 0.02:
            return
        self._scale = s

        def px(v: float) -> int:
            return max(8, round(v * s))

        self.setStyleSheet(
            STYLE.format(
                h1=px(46),
                h2=px(34),
                body=px(30),
                huge=px(210),
                r=px(18),
                rs=px(12),
                pad=px(14),
                b=max(1, px(2)),
                badge=px(96),
                big=px(84),
            )  # fmt: skip
        )
        for page in self.findChildren(Page):
            page.lay.setSpacing(px(16))
            page.lay.setContentsMargins(px(40), px(18), px(40), px(18))
        heights = {"queueButton": 110}
        for b in self.findChildren(QPushButton):
            if b.objectName() in heights:
                b.setMinimumHeight(px(heights[b.objectName()]))
        for e in self.findChildren(QLineEdit):
            e.setMinimumHeight(px(84))

    # -- life -----------------------------------------------------------------------------

    def start(self) -> None:
        """Show the start screen and follow the hall's changes (counts on the buttons)."""
        kiosk = self.backend.ident
        if kiosk is None:
            raise RuntimeError("open the kiosk first (counter.kiosk.open_kiosk)")
        self.hall_label.setText(kiosk.hall_name)
        self._clock.start()
        self._tick()
        if self.live:
            self.events = HallEvents(self.backend.rt.url, kiosk.hall_id, self)
            self.events.changed.connect(self.on_change)
            self.events.start()
        self.go_home()

    def stop(self) -> None:
        self.idle.stop()
        self._clock.stop()
        if self.events is not None:
            self.events.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _tick(self) -> None:
        self.clock_label.setText(clock.local_now().strftime("%Y-%m-%d  %H:%M"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
        ):
            self.touch()
        return False

    def touch(self) -> None:
        """Someone is using the kiosk: the idle countdown starts again."""
        if self.stack.currentWidget() is not self.home_page or self.holder or self.priority:
            self._arm_idle()

    def _arm_idle(self, seconds: int | None = None) -> None:
        kiosk = self.backend.ident
        if kiosk is None:
            return
        self.idle.start(1000 * (seconds or kiosk.settings.idle_seconds))

    def on_change(self, change: Change) -> None:
        if self.home is None:
            return
        new = door.apply_change(self.home, change)
        if new is not self.home:
            self.home = new
            self._fill_queue_buttons()

    # -- the start screen -----------------------------------------------------------------

    def go_home(self) -> None:
        """Back to the start screen: the card and the green-channel choice are forgotten."""
        self.idle.stop()
        self.holder = None
        self.priority = ""
        self._busy = False
        self.search_entry.clear()
        self.code_entry.clear()
        self.staff_entry.clear()
        self.password_entry.clear()
        self._show_swipe()
        self.stack.setCurrentWidget(self.home_page)
        self.backend.call("home", door.home).then(self._home_read, self._home_failed)

    def _home_read(self, home: Home) -> None:
        self.home = home
        kiosk = self.backend.ident
        assert kiosk is not None
        self.search_button.setVisible(kiosk.settings.item_search)
        self.appointment_button.setVisible(kiosk.settings.appointments)
        self.green_button.setVisible(bool(home.green_reasons))
        self._fill_queue_buttons()
        self._show_banner()
        self.home_shown.emit()

    def _home_failed(self, exc: Exception) -> None:
        self.banner.setText(self._words(exc))
        self.banner.show()
        QTimer.singleShot(5000, self.go_home)

    def _show_banner(self) -> None:
        home = self.home
        if home is not None and home.closed_reason is not None:
            self.banner.setText(error_text(home.closed_reason))
        elif self.printer_fault:
            self.banner.setText(self.printer_fault)
        else:
            self.banner.hide()
            return
        self.banner.show()

    def _fill_queue_buttons(self) -> None:
        home = self.home
        if home is None:
            return
        if set(self.queue_buttons) != {q.prefix for q in home.queues}:
            for b in self.queue_buttons.values():
                b.deleteLater()
            self.queue_buttons = {}
            cols = 2 if len(home.queues) > 3 else 1
            for i, q in enumerate(home.queues):
                b = QueueButton(q.prefix)
                b.clicked.connect(lambda _=False, p=q.prefix: self.take(p))
                self.queue_grid.addWidget(b, i // cols, i % cols)
                self.queue_buttons[q.prefix] = b
            self._scale = 0.0
            self._apply_style()
        for q in home.queues:
            self.queue_buttons[q.prefix].show_queue(
                q.name, self._queue_line(q), q.available and not self._busy
            )

    def _queue_line(self, q: KioskQueue) -> str:
        if not q.available:
            return self.tr(q.note)
        wait = (
            self.tr("预计约 {m} 分钟").format(m=q.estimate_minutes)
            if q.waiting
            else self.tr("无需等候")
        )
        return self.tr("{n} 人等候 · {wait}").format(n=q.waiting, wait=wait)

    def _show_swipe(self) -> None:
        if self.holder is not None:
            self.swipe.setText(
                self.tr("{name}，您好！请选择业务，号票上将显示您的姓名（已隐去部分）").format(
                    name=self.holder.masked_name
                )
            )
            set_kind(self.swipe, "card")
            self.clear_card_button.show()
        else:
            self.swipe.setText(
                self.tr("如需在号票上显示您的姓名，请先在下方读卡区刷身份证（可不刷）")
            )
            set_kind(self.swipe, "")
            self.clear_card_button.hide()
        if self.priority:
            reason = dict(self.home.green_reasons if self.home else ()).get(self.priority, "")
            self.home_title.setText(
                self.tr("绿色通道（{reason}）：请选择业务").format(reason=reason)
            )
        else:
            self.home_title.setText(self.tr("请选择您要办理的业务"))

    def card_read(self, card: object) -> None:
        """An ID card on the reader (:class:`counter.devices.idcard.IdCard`): its holder goes
        on the next ticket. Only the masked name is shown."""
        if self.stack.currentWidget() not in (self.home_page, self.search_page, self.green_page):
            return
        self.holder = CardHolder.from_card(card)
        self._show_swipe()
        self._arm_idle()

    def clear_card(self) -> None:
        self.holder = None
        self._show_swipe()

    # -- search ---------------------------------------------------------------------------

    def show_search(self) -> None:
        self.search_entry.clear()
        self._clear_results()
        self.search_note.setText("")
        self.stack.setCurrentWidget(self.search_page)
        self._arm_idle()

    def _search_edit(self, text: str) -> None:
        self.search_entry.setText(text)
        self._search_timer.start()

    def _run_search(self) -> None:
        text = self.search_entry.text()
        if not text:
            self._clear_results()
            return
        rows = 5 if self._scale >= 0.85 else 3  # what fits above the keyboard
        self.backend.call("search", door.search, text, rows).then(self._found, self._failed)

    def _clear_results(self) -> None:
        for b in self.result_buttons:
            b.deleteLater()
        self.result_buttons = []

    def _found(self, items: tuple[KioskItem, ...]) -> None:
        self._clear_results()
        self.search_note.setText(
            "" if items else self.tr("没有找到相关事项，请换个词，或直接选择“综合受理”")
        )
        for item in items:
            b = _button(
                self.tr("{name}　（{dept}）　→ {queue}").format(
                    name=item.name, dept=item.department, queue=item.queue_name
                ),
                "itemButton",
            )
            b.clicked.connect(lambda _=False, q=item.queue: self.take(q))
            self.results.addWidget(b)
            self.result_buttons.append(b)
        self._scale = 0.0
        self._apply_style()

    # -- appointments ---------------------------------------------------------------------

    def show_appointment(self) -> None:
        self.code_entry.clear()
        self.stack.setCurrentWidget(self.appointment_page)
        self.code_entry.setFocus()  # a keyboard-wedge scanner types here
        self._arm_idle()

    # -- green channel --------------------------------------------------------------------

    def _green_clicked(self) -> None:
        if self.priority:
            self.priority = ""
            self._show_swipe()
            return
        while self.green_grid.count():
            item = self.green_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        reasons = self.home.green_reasons if self.home else ()
        for i, (code, zh) in enumerate(reasons):
            b = _button(self.tr(zh), "action", "green")
            b.clicked.connect(lambda _=False, c=code: self._green_chosen(c))
            self.green_grid.addWidget(b, i // 2, i % 2)
        self._scale = 0.0
        self._apply_style()
        self.stack.setCurrentWidget(self.green_page)
        self._arm_idle()

    def _green_chosen(self, code: str) -> None:
        self.priority = code
        self.stack.setCurrentWidget(self.home_page)
        self._show_swipe()
        self._arm_idle()

    # -- taking a ticket ------------------------------------------------------------------

    def take(self, queue: str) -> None:
        """Take a ticket in ``queue`` (with the swiped card and the green-channel choice)."""
        if self._busy:
            return
        self._busy = True
        self._fill_queue_buttons()
        call = self.backend.call(
            "take", door.take_ticket, queue, holder=self.holder, priority=self.priority or None
        )
        call.then(self._taken, self._failed, exclusive=True)

    def _check_in(self) -> None:
        code = self.code_entry.text().strip()
        if not code or self._busy:
            return
        self._busy = True
        self.backend.call("take", door.check_in, code).then(self._taken, self._failed)

    def _taken(self, ticket: KioskTicket) -> None:
        self.holder = None  # the card is not kept past its ticket
        self.last_ticket = ticket
        self.big_number.setText(ticket.number)
        set_kind(self.big_number, "")
        self.result_text.setText(self._ticket_words(ticket))
        self.qr.set_text(ticket.slip.qr)
        self.qr_caption.setText(ticket.slip.qr_caption)
        self.result_page.title.setText(self.tr("取号成功"))
        self.stack.setCurrentWidget(self.result_page)
        self._arm_idle(self._result_seconds())
        if self.printer is None:
            self._set_status(self.tr("本机未连接打印机：请拍照或记下您的号码"), "warn")
            self._report(ticket, "shown")
            return
        self._set_status(self.tr("正在打印号票，请稍候…"), "busy")
        printer = self.printer
        if printer.on_worker:
            self.backend.run("print", lambda: printer.print_slip(ticket.slip)).then(
                lambda _r: self._printed(ticket), lambda exc: self._print_failed(ticket, exc)
            )
            return

        def print_here() -> None:
            try:
                printer.print_slip(ticket.slip)
            except (CounterError, OSError, RuntimeError) as exc:
                self._print_failed(ticket, exc)
            else:
                self._printed(ticket)

        QTimer.singleShot(0, print_here)  # let the page paint first

    def _ticket_words(self, t: KioskTicket) -> str:
        lines = [t.queue_name]
        if t.slip.priority:
            lines.append(t.slip.priority)
        if t.name_masked:
            lines.append(self.tr("取号人：{name}").format(name=t.name_masked))
        lines.append(self.tr("您前面还有 {n} 人等候").format(n=t.people_ahead))
        if t.people_ahead:
            lines.append(self.tr("预计等候约 {m} 分钟").format(m=t.wait_minutes))
        lines.append(
            self.tr("取号时间：{t}").format(t=clock.to_local(t.issued_at).strftime("%H:%M"))
        )
        return "\n".join(lines)

    def _result_seconds(self) -> int:
        kiosk = self.backend.ident
        return kiosk.settings.result_seconds if kiosk is not None else 15

    def _set_status(self, text: str, kind: str) -> None:
        self.status.setText(text)
        set_kind(self.status, kind)

    def _printed(self, ticket: KioskTicket) -> None:
        self.printer_fault = ""
        self._set_status(self.tr("请取走号票，留意叫号"), "ok")
        self._report(ticket, "printed")

    def _print_failed(self, ticket: KioskTicket, exc: Exception) -> None:
        code = exc.code if isinstance(exc, CounterError) else "printer"
        log.warning("ticket %s did not print: %s", ticket.number, code)
        self.backend.call("handout", door.print_failed, ticket.ticket_id, code).then(
            lambda out: self._after_failure(ticket, exc, out.how), self._report_failed
        )

    def _after_failure(self, ticket: KioskTicket, exc: Exception, how: str) -> None:
        what = (
            self.tr("打印机缺纸")
            if getattr(exc, "code", "") == "printer_no_paper"
            else self.tr("打印机故障")
        )
        if how == "voided":
            self.big_number.setText(ticket.number)
            set_kind(self.big_number, "void")
            self.result_page.title.setText(self.tr("未能出票"))
            self.result_text.setText(self.tr("本次取号已取消，请到咨询台由工作人员为您取号"))
            self.qr.set_text("")
            self.qr_caption.setText("")
            self._set_status(self.tr("{what}，号票未能打印").format(what=what), "error")
            self.printer_fault = self.tr("{what}：暂时无法打印号票，请到咨询台取号").format(
                what=what
            )
        else:
            self._set_status(
                self.tr("{what}，号票未能打印：请拍照或记下屏幕上的号码，凭号码办理").format(
                    what=what
                ),
                "error",
            )
            self.printer_fault = self.tr("{what}：号票将显示在屏幕上，请拍照或记下号码").format(
                what=what
            )
        self._arm_idle(max(self._result_seconds(), 30))
        self.ticket_done.emit(ticket, how)

    def _report(self, ticket: KioskTicket, how: str) -> None:
        fn = door.printed if how == "printed" else door.shown
        self.backend.call("handout", fn, ticket.ticket_id).then(
            lambda _o: self.ticket_done.emit(ticket, how), self._report_failed
        )

    def _report_failed(self, exc: Exception) -> None:
        log.warning("kiosk could not report a ticket's hand-out: %r", exc)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.refusal.setText(self._title_of(exc))
        self.message.setText(self._words(exc))
        self.stack.setCurrentWidget(self.message_page)
        self._arm_idle(12)
        self.refused.emit(exc)

    def _title_of(self, exc: Exception) -> str:
        code = exc.code if isinstance(exc, CounterError) else ""
        return {
            "daily_cap_reached": self.tr("今日号票已取完"),
            "queue_closed": self.tr("当前不在取号时间"),
            "not_working_day": self.tr("今天不办公"),
            "appointment": self.tr("预约签到未成功"),
            "not_found": self.tr("未找到"),
            "db_unavailable": self.tr("系统连接中断"),
        }.get(code, self.tr("暂时无法取号"))

    def _words(self, exc: Exception) -> str:
        if isinstance(exc, DatabaseUnavailable):
            return self.tr("系统正在重新连接，请稍候再试，或到咨询台由工作人员为您取号")
        if isinstance(exc, DeviceError | CounterError):
            return error_text(exc)
        return self.tr("取号未成功，请到咨询台由工作人员为您取号")

    # -- leaving full screen --------------------------------------------------------------

    def _corner_tapped(self) -> None:
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < UNLOCK_WINDOW_S] + [now]
        if len(self._taps) >= UNLOCK_TAPS:
            self._taps = []
            self.show_unlock()

    def show_unlock(self) -> None:
        self.unlock_note.setText("")
        self.staff_entry.clear()
        self.password_entry.clear()
        self._show_new_password(False)
        self.exit_button.setVisible(not self.locked)
        self.fullscreen_button.setVisible(not self.locked)
        self.stack.setCurrentWidget(self.unlock_page)
        self.staff_entry.setFocus()
        self._arm_idle(60)

    def _unlock(self) -> None:
        """The unlock sign-in. A password an administrator reset is kept typed while the person
        chooses a new one in the two rows shown then (as at the window's sign-in)."""
        staff, password = self.staff_entry.text().strip(), self.password_entry.text()
        if not staff or not password:
            self.password_entry.clear()
            self.unlock_note.setText(self.tr("请输入工号和密码"))
            return
        new: str | None = None
        if self.new_password_row.isVisible():
            new = self.new_password_entry.text()
            if not new or new != self.new_password2_entry.text():
                self.unlock_note.setText(self.tr("两次输入的新密码不一致"))
                self.new_password_entry.setFocus()
                return
        self.backend.call("unlock", door.unlock, staff, password, new_password=new).then(
            self._unlocked, self._unlock_failed
        )

    def _unlock_failed(self, exc: Exception) -> None:
        self.unlock_note.setText(error_text(exc))
        if isinstance(exc, PasswordChangeRequired):
            self._show_new_password(True)
            self.new_password_entry.setFocus()
            return
        self.password_entry.clear()

    def _unlocked(self, name: str) -> None:
        self.password_entry.clear()
        self._show_new_password(False)
        self.locked = False
        self.unlock_note.setText(self.tr("{name} 已解锁：可关闭取号机或回到全屏").format(name=name))
        self.exit_button.show()
        self.fullscreen_button.show()
        if self.isFullScreen():
            self.showNormal()

    def _relock(self) -> None:
        self.locked = True
        self.showFullScreen()
        self.go_home()

    def _exit(self) -> None:
        if not self.locked:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:
            event.ignore()  # Alt+F4 and the like: not without an unlock
            return
        self.stop()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()  # Escape never leaves the kiosk
            return
        super().keyPressEvent(event)

    # -- what is on screen (tests, the privacy scan) --------------------------------------

    def visible_texts(self) -> list[str]:
        """Every text on the kiosk's widgets: labels, buttons, entries."""
        out: list[str] = [self.windowTitle()]
        for w in self.findChildren(QWidget):
            if isinstance(w, QLabel | QAbstractButton):
                out.append(w.text())
            elif isinstance(w, QLineEdit):
                out.append(w.text())
                out.append(w.placeholderText())
            out.append(w.toolTip())
            out.append(w.accessibleName())
        if self.qr.text:
            out.append(self.qr.text)
        return [t for t in out if t]
