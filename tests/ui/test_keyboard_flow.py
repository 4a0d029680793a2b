"""The keyboard flow of the window client, driven by real key events sent where Qt routes them.

Every key goes to the widget that has the focus at that moment (``QApplication.focusWidget()``,
the window when none has it), through QTest, so the window's shortcut map decides first, as
with a physical keyboard: the test never picks the widget a key lands in, and never moves the
focus itself. The flow: sign in (工号, Enter, 密码, Enter) → F1 → the ID card on the reader
emulator (a pty) → Alt+1 → F8 → Ctrl+Enter, and the case is accepted.
"""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from counter.config import StationConfig
from counter.devices.emulator import IdCardReaderEmulator
from counter.services.base import Runtime
from tests.ui.test_window_flow import WAIT
from ui.backend import Backend
from ui.screenshots import demo_card, issue_demo_ticket

pytestmark = pytest.mark.slow

NO = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focus_of(window: QWidget) -> QWidget:
    """Where a key pressed now goes: the focus widget, or the window itself."""
    focus = QApplication.focusWidget()
    if focus is None or focus.window() is not window:
        return window
    return focus


def press(window: QWidget, key: Qt.Key, mod: Qt.KeyboardModifier = NO) -> QWidget:
    """One key press and release, as the keyboard sends it, to where the focus is."""
    target = focus_of(window)
    QTest.keyClick(target, key, mod)
    return target


def type_text(qtbot, window: QWidget, text: str) -> None:
    """Type ``text`` as a person does (the keyboard-wedge filter holds fast bursts back for a
    few ms to tell scans from typing, so each key waits until it has landed)."""
    for ch in text:
        target = focus_of(window)
        before = getattr(target, "text", lambda: "")()
        QTest.keyClicks(target, ch)
        qtbot.waitUntil(lambda t=target, b=before: t.text() != b, timeout=WAIT)


@pytest.fixture
def reader():
    emulator = IdCardReaderEmulator(card=None).start()
    yield emulator
    emulator.stop()


def test_whole_flow_by_keyboard_alone(qtbot, hall_url, reader):
    from ui.signin import SignInForm
    from ui.window_client import WindowClient

    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1, idcard_port=reader.port))
    try:
        form = SignInForm(backend)
        qtbot.addWidget(form)
        form.show()
        form.activateWindow()
        qtbot.waitUntil(form.isActiveWindow, timeout=WAIT)
        type_text(qtbot, form, "1001")
        press(form, Qt.Key.Key_Return)  # to the password
        type_text(qtbot, form, "demo1234")
        with qtbot.waitSignal(form.signed_in, timeout=WAIT):
            press(form, Qt.Key.Key_Return)
        form.close()

        for _ in range(2):
            issue_demo_ticket(backend.rt, "A")
        client = WindowClient(backend, live=False)
        qtbot.addWidget(client)
        if client.citizen is not None:
            qtbot.addWidget(client.citizen)
        client.show_all()
        client.activateWindow()
        qtbot.waitUntil(client.isActiveWindow, timeout=WAIT)
        assert client.isMaximized()
        qtbot.waitUntil(
            lambda: (
                client.reader is not None
                and client.reader.state == "ready"
                and client.finder.model.rowCount() > 0
                and client.worker.in_flight == 0
            ),
            timeout=WAIT,
        )
        first = client.finder.model.row_at(0)

        press(client, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: client.ticket is not None, timeout=WAIT)

        card = demo_card()
        reader.present_card(card)
        qtbot.waitUntil(lambda: client.applicant.id_number.text() == card.id_number, timeout=WAIT)
        qtbot.waitUntil(lambda: client.worker.in_flight == 0, timeout=WAIT)
        assert focus_of(client) is client.finder.search  # the reader left the focus there

        searched = client.finder.search.text()
        press(client, Qt.Key.Key_1, ALT)
        assert client.checklist.current is not None
        assert client.checklist.current.version_id == first.version_id
        assert client.finder.search.text() == searched  # Alt+1 typed nothing
        assert focus_of(client) is client.checklist.view  # the chosen item has the focus

        press(client, Qt.Key.Key_F8)  # at once: works even while the checklist is loading
        qtbot.waitUntil(lambda: client.checklist.current.loaded, timeout=WAIT)
        mats = client.checklist.current.materials
        assert mats and all(m.status for m in mats if m.requirement == "required")
        assert client.finder.search.text() == searched
        qtbot.waitUntil(client.outcome.accept_button.isEnabled, timeout=WAIT)

        press(client, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: client.checklist.current.outcome == "accepted", timeout=WAIT)
        assert client.checklist.current.case_no
        assert client.outcome.preview.content.kind == "receipt"
        # one more use at this window: first in the finder's empty search
        assert client.finder.index.search("")[0].item.version_id == first.version_id
        client.stop()
    finally:
        backend.close()
        rt.dispose()
