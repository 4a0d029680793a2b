"""Small widgets and helpers shared by the screens."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from counter import clock
from counter.errors import CounterError

ENGLISH = False  # set by ui.app.install_translation

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (the style sheet and the tests find it by name)."""
    widget.setObjectName(name)
    return widget


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` under the name pyside6-lupdate looks for."""
    return QCoreApplication.translate(context, text)


def error_text(exc: object) -> str:
    """The words a clerk reads for an error: the core's Chinese message (English when the UI is
    in English); never a traceback."""
    if isinstance(exc, CounterError):
        return exc.message_en if ENGLISH else exc.message_zh
    return translate("errors", "操作失败：%1").replace("%1", str(exc) or type(exc).__name__)


def case_state_text(state: str, zh: str) -> str:
    """A case's state as the screen says it: the core's Chinese name ``zh`` (补正中 …), or the
    English of ``state`` (a :class:`~counter.domain.cases.CaseState` value) in English."""
    if not ENGLISH:
        return zh
    from counter.domain.cases import CaseState

    try:
        return CaseState(state).en
    except ValueError:
        return zh


def key_text(seq: str) -> str:
    """A shortcut as the platform writes it (``Ctrl+Return`` → ``Ctrl+Enter``)."""
    text = QKeySequence(seq).toString(QKeySequence.SequenceFormat.NativeText)
    return text.replace("Return", "Enter")


def button_text(label: str, seq: str) -> str:
    return f"{label}  {key_text(seq)}"


def hms(seconds: float | int | None) -> str:
    if seconds is None:
        return "—"
    s = max(0, int(seconds))
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60:02d}:{s % 60:02d}"


def local_time(value: object) -> str:
    """A stored (UTC) time in the hall's time zone, as the documents print it — not in the PC's
    own zone, which may be set wrong."""
    if isinstance(value, dt.datetime):
        return clock.to_local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")


class Banner(QFrame):
    """A one-line message across the top of a panel, with an optional action button.

    ``kind``: "info" (blue), "warn" (amber), "error" (red), "ok" (green) — set as the
    ``kind`` property for the style sheet."""

    action = Signal()

    def __init__(self, kind: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        set_state(self, "kind", kind)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 8, 8, 8)
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.button = QPushButton("")
        self.button.setObjectName("bannerButton")
        self.button.clicked.connect(self.action)
        self.button.hide()
        lay.addWidget(self.button)
        self.hide()

    def show_message(self, text: str, kind: str | None = None, button: str = "") -> None:
        if kind is not None:
            set_state(self, "kind", kind)
        self.label.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.show()

    def clear(self) -> None:
        self.label.setText("")
        self.hide()


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property used by the style sheet and re-polish."""
    # The last value is remembered on the Python side: reading back a property that was never
    # set gives an invalid QVariant, whose conversion to None corrupts None's reference count
    # in PySide 6.12 (a crash after a few thousand reads).
    props = widget.__dict__.setdefault("_qss_props", {})
    if props.get(name, object()) == value:
        return
    props[name] = value
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
