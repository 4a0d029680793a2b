"""Keyboard-wedge barcode scanner (USB HID 键盘模式扫码枪) as a Qt event filter.

A HID scanner "types" its code: one key every 7-16 ms, then Enter or Tab. A person types with
gaps of 80 ms and more. :class:`ScannerWedge` watches key presses and emits ``scanned(code)``
for a completed fast burst, while a person's typing reaches the focused widget unchanged.

Strategy: buffer, then replay (chosen over "let keys through and erase them afterwards").

- A printable key press (no Ctrl/Alt/Meta, not auto-repeat) is held back and remembered, with
  its release. Each further printable key arriving within ``threshold_ms`` of the previous one
  joins the burst.
- A terminator (Enter/Return/Tab) arriving within the threshold, after at least
  ``min_length`` characters (and the ``prefix``, if one is configured), completes a scan: the
  held keys and the terminator are swallowed and ``scanned`` is emitted.
- Anything else ends the burst as typing and the held keys are sent, in their original order
  and to their original widget, before the key that ended it: a slow key, a non-printable key
  (arrows, Backspace, shortcuts), a focus change, or ``flush_ms`` of silence (a timer).

Why: erasing keys after the fact needs to know how every kind of widget edits text (line edit,
text edit, spin box, table editor, their undo stacks and validators) and briefly shows the code
in the field; replaying the original events is widget-agnostic, never loses or duplicates a
character, and only delays a person's keystroke by at most ``flush_ms`` (60 ms by default),
below what a typist notices. Modifier keys on their own (Shift, which scanners send for capital
letters) pass straight through and neither end nor join a burst.

With a ``prefix`` configured (a character a person does not type, set in the scanner), only a
burst starting with it is held back, so ordinary typing is not delayed at all.

Timing alone cannot tell a fast typist from a scanner: a clerk typing an ID number from memory
reaches scanner speed. Without a prefix, ``accept`` (a test of the text) decides what a fast,
terminated burst is: only a code it accepts is a scan (the window client accepts the case-number
format); any other burst (an 18-character ID number, say) is typing and is given back, with its
terminator, to the field it was typed in.

The clock is injectable (``clock`` returns seconds) so tests control the key timing.

Limits: while a Chinese input method is composing, letters reach Qt as input-method events,
not key presses, so scanners must type into a field with the IME in English mode (digits and
most ticket codes are unaffected). Replayed keys are ordinary key events to the same widget;
application shortcuts without Ctrl/Alt/Meta (rare) do not fire on replay.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import shiboken6

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

DEFAULT_TERMINATORS: tuple[Qt.Key, ...] = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
# Modifiers that make a key a shortcut, never part of a scanned code.
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class ScannerWedge(QObject):
    """Tell scans from typing on the keyboard and emit ``scanned(code)`` for scans.

    ``threshold_ms``: largest gap between two keys of one scan (default 30). ``min_length``:
    fewest characters in a code, prefix excluded (default 3). ``prefix``: optional characters
    the scanner sends first (removed from the code). ``terminators``: keys ending a scan
    (Enter, Return, Tab). ``flush_ms``: silence after which held keys are given back as typing
    (default twice the threshold). ``clock``: seconds, monotonic (tests inject one).
    ``accept``: optional test of a completed burst's text; a burst it refuses is typing.

    Install with :meth:`install` (on the application by default, so every widget is covered).
    """

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        threshold_ms: float = 30.0,
        min_length: int = 3,
        prefix: str = "",
        terminators: Iterable[Qt.Key] = DEFAULT_TERMINATORS,
        flush_ms: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        accept: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.threshold = threshold_ms / 1000.0
        self.min_length = max(1, min_length)
        self.prefix = prefix
        self.terminators = frozenset(terminators)
        self._clock = clock
        self.accept = accept
        self._held: list[QKeyEvent] = []  # copies of held press/release events, in order
        self._chars: list[str] = []  # text of the held presses
        self._receiver: QWidget | None = None
        self._last_press: float | None = None
        self._replaying = False
        self._swallow_release: int | None = None
        self._target: QObject | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(flush_ms if flush_ms is not None else 2 * threshold_ms))
        self._timer.timeout.connect(self.flush)

    # -- installation ----------------------------------------------------------------------

    def install(self, target: QObject | None = None) -> None:
        """Start filtering the key events of ``target`` (default: the whole application)."""
        self.uninstall()
        self._target = target if target is not None else QCoreApplication.instance()
        if self._target is not None:
            self._target.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop filtering; held keys are given back first."""
        self.flush()
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = None

    @property
    def pending(self) -> str:
        """Text of the keys currently held back (empty when none)."""
        return "".join(self._chars)

    # -- decisions -------------------------------------------------------------------------

    def _is_code_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        return (
            len(text) == 1
            and text.isprintable()
            and not event.isAutoRepeat()
            and not (event.modifiers() & _SHORTCUT_MODIFIERS)
        )

    def _fits_prefix(self, chars: str) -> bool:
        """Could ``chars`` (held so far) still be the start of a prefixed scan?"""
        if not self.prefix:
            return True
        n = min(len(chars), len(self.prefix))
        return chars[:n] == self.prefix[:n]

    def _code(self) -> str | None:
        """The code if the held burst is a complete scan, else None."""
        chars = "".join(self._chars)
        if self.prefix:
            if not chars.startswith(self.prefix):
                return None
            chars = chars[len(self.prefix) :]
        if len(chars) < self.min_length:
            return None
        if self.accept is not None and not self.accept(chars):
            return None
        return chars

    # -- held keys -------------------------------------------------------------------------

    def _drop(self) -> tuple[list[QKeyEvent], QWidget | None]:
        held, receiver = self._held, self._receiver
        self._held, self._chars, self._receiver = [], [], None
        self._last_press = None
        self._timer.stop()
        return held, receiver

    def flush(self) -> None:
        """Give the held keys back to their widget as typing, in order. Idempotent."""
        held, receiver = self._drop()
        if not held or receiver is None or not shiboken6.isValid(receiver):
            return
        self._replaying = True
        try:
            for event in held:
                QCoreApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False

    # -- the filter ------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self._replaying:
            return False
        etype = event.type()
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if focus is not None and obj is not focus:
            # The same event travelling up to the parents (or to the window): seen already.
            return False
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        if etype == QEvent.Type.KeyRelease:
            return self._on_release(obj, event)
        return self._on_press(obj, event)

    def _on_release(self, obj: QWidget, event: QKeyEvent) -> bool:
        if self._swallow_release is not None and event.key() == self._swallow_release:
            if not event.isAutoRepeat():
                self._swallow_release = None
            return True
        if self._held and obj is self._receiver:
            self._held.append(QKeyEvent(event))
            return True
        return False

    def _on_press(self, obj: QWidget, event: QKeyEvent) -> bool:
        now = self._clock()
        fast = self._last_press is not None and now - self._last_press <= self.threshold
        if self._held and (obj is not self._receiver or not fast):
            self.flush()  # the burst ended: it was typing
            fast = False
        key = event.key()
        if key in self.terminators and not event.isAutoRepeat():
            code = self._code() if self._held and fast else None
            if code is None:
                self.flush()
                return False
            self._drop()
            self._swallow_release = key
            self.scanned.emit(code)
            return True
        if not self._is_code_key(event):
            self.flush()
            return False
        text = event.text()
        if not self._fits_prefix("".join(self._chars) + text):
            self.flush()
            if not self._fits_prefix(text):
                return False  # cannot start a prefixed scan: straight through, no delay
        if not self._held:
            self._receiver = obj
        self._held.append(QKeyEvent(event))
        self._chars.append(text)
        self._last_press = now
        self._timer.start()
        return True
