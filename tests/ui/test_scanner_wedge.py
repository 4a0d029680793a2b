"""The keyboard-wedge scanner filter: scans at scanner speed, typing at human speed.

The filter's clock is injected, so key timing is exact and no test sleeps; the only real-time
wait is for the flush timer that gives held keys back, done with ``qtbot.waitUntil``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from ui.scanner_wedge import ScannerWedge

SCANNER_MS = 10  # a HID scanner: one key every 7-16 ms
HUMAN_MS = 150  # a person


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, ms: float) -> None:
        self.now += ms / 1000.0


@dataclass
class Desk:
    qtbot: object
    window: QWidget
    edit: QLineEdit
    other: QLineEdit
    clock: FakeClock
    wedge: ScannerWedge
    scans: list[str]
    returns: list[str]

    def type(self, text: str, gap_ms: float, widget: QWidget | None = None) -> None:
        for ch in text:
            self.clock.advance(gap_ms)
            self.qtbot.keyClick(widget or self.edit, ch)  # type: ignore[attr-defined]

    def key(self, key: Qt.Key, gap_ms: float, modifier: Qt.KeyboardModifier | None = None) -> None:
        self.clock.advance(gap_ms)
        if modifier is None:
            self.qtbot.keyClick(self.edit, key)  # type: ignore[attr-defined]
        else:
            self.qtbot.keyClick(self.edit, key, modifier)  # type: ignore[attr-defined]

    def settle(self, text: str) -> None:
        """Wait for the flush timer to give held keys back, until the field shows ``text``."""
        self.qtbot.waitUntil(lambda: self.edit.text() == text, timeout=2000)  # type: ignore[attr-defined]
        assert self.wedge.pending == ""


def make_desk(qtbot: object, **options: object) -> Iterator[Desk]:
    window = QWidget()
    layout = QVBoxLayout(window)
    edit, other = QLineEdit(), QLineEdit()
    layout.addWidget(edit)
    layout.addWidget(other)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    qtbot.waitExposed(window)  # type: ignore[attr-defined]
    window.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)  # type: ignore[attr-defined]
    clock = FakeClock()
    wedge = ScannerWedge(clock=clock, **options)  # type: ignore[arg-type]
    scans: list[str] = []
    returns: list[str] = []
    wedge.scanned.connect(scans.append)
    edit.returnPressed.connect(lambda: returns.append(edit.text()))
    wedge.install()
    try:
        yield Desk(qtbot, window, edit, other, clock, wedge, scans, returns)
    finally:
        wedge.uninstall()


@pytest.fixture
def desk(qtbot: object) -> Iterator[Desk]:
    yield from make_desk(qtbot)


def test_scan_at_scanner_speed_is_taken_not_typed(desk: Desk) -> None:
    desk.type("A015", SCANNER_MS)
    assert desk.edit.text() == ""  # held back, not shown
    desk.key(Qt.Key.Key_Return, SCANNER_MS)
    assert desk.scans == ["A015"]
    assert desk.edit.text() == ""
    assert desk.returns == []  # the terminator was swallowed too
    assert desk.wedge.pending == ""


def test_typing_at_human_speed_reaches_the_widget_unchanged(desk: Desk) -> None:
    desk.type("h", HUMAN_MS)
    desk.type("e", HUMAN_MS)
    assert desk.edit.text() == "h"  # a slow key gives the previous one back at once
    desk.type("llo", HUMAN_MS)
    assert desk.edit.text() == "hell"
    desk.settle("hello")  # the last key comes back after the flush delay
    desk.key(Qt.Key.Key_Return, HUMAN_MS)
    assert desk.returns == ["hello"]
    assert desk.scans == []


def test_fast_burst_without_terminator_is_given_back_once_in_order(desk: Desk) -> None:
    desk.type("abc123", SCANNER_MS)
    desk.settle("abc123")
    assert desk.scans == []


def test_typing_then_a_scan_then_typing(desk: Desk) -> None:
    desk.type("ab", HUMAN_MS)
    desk.clock.advance(500)  # the clerk picks up the scanner
    desk.type("6901234567892", SCANNER_MS)
    desk.key(Qt.Key.Key_Tab, SCANNER_MS)
    assert desk.scans == ["6901234567892"]
    assert desk.edit.text() == "ab"
    assert QApplication.focusWidget() is desk.edit  # the Tab did not move the focus
    desk.type("c", HUMAN_MS)
    desk.settle("abc")


def test_too_short_burst_is_typing(desk: Desk) -> None:
    desk.type("ok", SCANNER_MS)  # a fast typist's roll-over, then Enter
    desk.key(Qt.Key.Key_Return, SCANNER_MS)
    assert desk.scans == []
    assert desk.edit.text() == "ok" and desk.returns == ["ok"]


def test_slow_terminator_is_typing(desk: Desk) -> None:
    desk.type("A015", SCANNER_MS)
    desk.key(Qt.Key.Key_Return, HUMAN_MS)
    assert desk.scans == []
    assert desk.returns == ["A015"]


def test_capital_letters_with_shift_still_scan(desk: Desk) -> None:
    for ch in "AB12":
        desk.clock.advance(SCANNER_MS)
        desk.qtbot.keyClick(desk.edit, ch, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    desk.key(Qt.Key.Key_Enter, SCANNER_MS)
    assert desk.scans == ["AB12"]
    assert desk.edit.text() == ""


def test_editing_key_ends_a_burst_in_order(desk: Desk) -> None:
    desk.type("abc", SCANNER_MS)
    desk.key(Qt.Key.Key_Backspace, SCANNER_MS)
    assert desk.edit.text() == "ab"  # held keys first, then the Backspace
    assert desk.scans == []


def test_shortcut_passes_straight_through(desk: Desk) -> None:
    desk.type("hello", HUMAN_MS)
    desk.settle("hello")
    desk.key(Qt.Key.Key_A, HUMAN_MS, Qt.KeyboardModifier.ControlModifier)  # select all
    assert desk.edit.selectedText() == "hello"
    assert desk.wedge.pending == ""


def test_focus_change_gives_keys_back_to_their_widget(desk: Desk) -> None:
    desk.type("xy", SCANNER_MS)
    desk.other.setFocus()
    desk.qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.other)  # type: ignore[attr-defined]
    desk.type("z", SCANNER_MS, widget=desk.other)
    assert desk.edit.text() == "xy"
    desk.qtbot.waitUntil(lambda: desk.other.text() == "z")  # type: ignore[attr-defined]


def test_two_scans_back_to_back(desk: Desk) -> None:
    desk.type("A001", SCANNER_MS)
    desk.key(Qt.Key.Key_Return, SCANNER_MS)
    desk.type("A002", SCANNER_MS)
    desk.key(Qt.Key.Key_Return, SCANNER_MS)
    assert desk.scans == ["A001", "A002"]
    assert desk.edit.text() == "" and desk.returns == []


@pytest.fixture
def prefixed(qtbot: object) -> Iterator[Desk]:
    yield from make_desk(qtbot, prefix="~", threshold_ms=30)


def test_prefix_scan(prefixed: Desk) -> None:
    prefixed.type("~C0012", SCANNER_MS)
    prefixed.key(Qt.Key.Key_Return, SCANNER_MS)
    assert prefixed.scans == ["C0012"]
    assert prefixed.edit.text() == ""


def test_prefix_mode_does_not_delay_typing(prefixed: Desk) -> None:
    prefixed.type("abc", SCANNER_MS)  # even fast: no prefix, so nothing is held
    assert prefixed.edit.text() == "abc" and prefixed.wedge.pending == ""
    prefixed.key(Qt.Key.Key_Return, SCANNER_MS)
    assert prefixed.scans == [] and prefixed.returns == ["abc"]


def test_uninstall_gives_back_held_keys(desk: Desk) -> None:
    desk.type("q", SCANNER_MS)
    desk.wedge.uninstall()
    assert desk.edit.text() == "q"
    desk.type("A015", SCANNER_MS)
    desk.key(Qt.Key.Key_Return, SCANNER_MS)
    assert desk.scans == [] and desk.edit.text() == "qA015"


def test_accept_decides_what_a_fast_burst_is(qtbot: object) -> None:
    """Timing alone is not enough: with ``accept``, a fast burst it refuses is typing (and the
    terminator reaches the widget), one it accepts is a scan."""
    for desk in make_desk(qtbot, accept=lambda code: "-" in code):
        desk.type("11010519491231002X", SCANNER_MS)
        desk.key(Qt.Key.Key_Return, SCANNER_MS)
        assert desk.scans == []
        assert desk.edit.text() == "11010519491231002X"
        assert desk.returns == ["11010519491231002X"]
        desk.edit.clear()
        desk.clock.advance(500)
        desk.type("QS20261122-0001", SCANNER_MS)
        desk.key(Qt.Key.Key_Return, SCANNER_MS)
        assert desk.scans == ["QS20261122-0001"]
        assert desk.edit.text() == ""
