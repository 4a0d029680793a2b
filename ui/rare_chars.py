"""Entering rare characters into a name (生僻字): a small dialog taking Unicode code points, and
Alt+X in a name field (the code point just typed before the cursor becomes its character).

The rules are :mod:`counter.domain.rarechars`; this module only asks and shows. The dialog
shows the character large, with its code point, before it is inserted; a font without the
glyph shows an empty box there, which tells the clerk the printed receipt will need a font
that has it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter.domain.rarechars import (
    BadCodePoint,
    chars_from_code_points,
    code_point_of,
    convert_before_cursor,
)
from ui import widgets
from ui.widgets import named


def _py_index(text: str, utf16: int) -> int:
    """A QLineEdit cursor (UTF-16 units) as an index into the Python string."""
    return len(text.encode("utf-16-le")[: utf16 * 2].decode("utf-16-le", errors="ignore"))


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class RareCharDialog(QDialog):
    """Code points in, characters out: :attr:`chars` once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("输入生僻字"))
        self.chars = ""
        lay = QVBoxLayout(self)
        lay.addWidget(
            named(
                QLabel(self.tr("输入字符编码（如 U+20000，多个用空格分开），回车插入到姓名中")),
                "muted",
            )
        )
        self.code = named(QLineEdit(), "codePoint")
        self.code.setPlaceholderText("U+20000")
        self.code.textChanged.connect(self._preview)
        lay.addWidget(self.code)
        self.shown = named(QLabel(""), "rareCharPreview")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setMinimumHeight(96)
        font = self.shown.font()
        font.setPixelSize(64)
        self.shown.setFont(font)
        lay.addWidget(self.shown)
        self.points = named(QLabel(""), "muted")  # each character with its code point
        self.points.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.points)
        self.hint = named(QLabel(""), "formError")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._preview("")

    def _preview(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.points.setText("")
        if not text.strip():
            self.shown.setText("")
            self.hint.setText("")
            ok.setEnabled(False)
            return
        try:
            chars = chars_from_code_points(text)
        except BadCodePoint as exc:
            self.shown.setText("")
            self.hint.setText(exc.en if widgets.ENGLISH else exc.zh)
            ok.setEnabled(False)
            return
        self.shown.setText(chars)
        self.hint.setText("")
        self.points.setText("  ".join(code_point_of(c) for c in chars))
        ok.setEnabled(True)

    def _accept(self) -> None:
        try:
            self.chars = chars_from_code_points(self.code.text())
        except BadCodePoint:
            return
        self.accept()


def ask_rare_characters(parent: QWidget | None) -> str | None:
    """The characters the clerk entered by code point, or None (cancelled). Tests replace it."""
    dialog = RareCharDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chars


def insert_into(field: QLineEdit, chars: str) -> None:
    """Put ``chars`` at the field's cursor (replacing a selection)."""
    if chars:
        field.insert(chars)
        field.setFocus()


class CodePointKey(QObject):
    """Alt+X in the fields it is installed on: the code point before the cursor becomes its
    character (``U+20000`` or ``20000`` → 𠀀). A field without one is left as it is."""

    def install(self, *fields: QLineEdit) -> None:
        for f in fields:
            f.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            isinstance(obj, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_X
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
        ):
            text = obj.text()
            done = convert_before_cursor(text, _py_index(text, obj.cursorPosition()))
            if done is not None:
                new, cursor = done
                obj.setText(new)
                obj.setCursorPosition(_utf16_len(new[:cursor]))
            return True  # Alt+X never types an "x"
        return super().eventFilter(obj, event)
