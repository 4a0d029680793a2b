"""A fast-typed ID number and a scanned case number in the window client's 受理 tab.

Real key events go, through QTest and the keyboard-wedge filter, to the widget that has the focus
(as from a keyboard or a keyboard-mode scanner); both arrive at scanner speed (QTest.keyClicks
sends every key at once). What the text is decides: a case number is a scan, an ID number with a
valid check character is typing and stays in the field it is typed in.
"""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from counter.domain.cases import looks_like_case_no
from counter.services.base import Runtime
from tests.ui import test_window_flow as flow
from tests.ui.test_window_more import ID_A, _notice
from ui.backend import Backend

pytestmark = pytest.mark.slow

WAIT = flow.WAIT
ID_B = "110105198001010016"  # a valid check character too


def focus_of(window: QWidget) -> QWidget:
    focus = QApplication.focusWidget()
    if focus is None or focus.window() is not window:
        return window
    return focus


@pytest.fixture
def session(qtbot, hall_url):
    rt = Runtime(hall_url)
    backend = Backend(rt, flow.StationConfig(window=1))  # no serial ports: the wedge only
    try:
        flow.sign_in(qtbot, backend)
        yield rt, backend
    finally:
        backend.close()
        rt.dispose()


def test_fast_typed_id_number_stays_in_its_field(qtbot, session):
    rt, backend = session
    client = flow.open_client(qtbot, backend)  # devices: the keyboard-wedge filter is on
    assert client.wedge is not None
    try:
        assert client.tabs.currentIndex() == 0
        client.applicant.id_number.setFocus()
        qtbot.waitUntil(lambda: focus_of(client) is client.applicant.id_number, timeout=WAIT)
        QTest.keyClicks(focus_of(client), ID_A)  # 18 keys at scanner speed
        QTest.keyClick(focus_of(client), Qt.Key.Key_Tab)  # and a scanner's terminator at once
        assert client.applicant.id_number.text() == ID_A
        assert focus_of(client) is not client.applicant.id_number  # the Tab moved on, as typed
        flow.idle(qtbot, client)
        assert client.tabs.currentIndex() == 0
        assert client.handout.code.text() == ""

        # the agent's number, Enter-terminated: the same
        client.applicant.agent_id.setFocus()
        qtbot.waitUntil(lambda: focus_of(client) is client.applicant.agent_id, timeout=WAIT)
        QTest.keyClicks(focus_of(client), ID_B.lower())
        QTest.keyClick(focus_of(client), Qt.Key.Key_Return)
        assert client.applicant.agent_id.text().upper() == ID_B
        flow.idle(qtbot, client)
        assert client.tabs.currentIndex() == 0
        assert client.handout.code.text() == ""
    finally:
        client.stop()


def test_fast_case_number_is_a_scan_wherever_the_focus_is(qtbot, session):
    rt, backend = session
    case_no = _notice(rt, backend)  # a one-time notice: its scan opens 补正后受理
    assert looks_like_case_no(case_no)
    client = flow.open_client(qtbot, backend)
    try:
        client.applicant.id_number.setFocus()
        qtbot.waitUntil(lambda: focus_of(client) is client.applicant.id_number, timeout=WAIT)
        QTest.keyClicks(focus_of(client), case_no)
        QTest.keyClick(focus_of(client), Qt.Key.Key_Return)
        assert client.applicant.id_number.text() == ""  # nothing of the scan in the ID field
        qtbot.waitUntil(lambda: client.checklist.current is not None, timeout=WAIT)
        assert client.checklist.current.completes == case_no
        assert client.tabs.currentIndex() == 0
        assert client.applicant.id_number.text() == ID_A  # the case's applicant, not the scan
    finally:
        client.stop()


def test_scanned_id_number_without_an_id_field_is_refused(qtbot, session):
    rt, backend = session
    client = flow.open_client(qtbot, backend, devices=False)
    try:
        client.finder.search.setFocus()
        client.code_scanned(ID_A)  # from a serial scanner, say
        assert client.finder.search.text() == ""
        assert client.handout.code.text() == ""
        assert "身份证号" in client.notice.label.text()
        client.applicant.id_number.setFocus()
        qtbot.waitUntil(lambda: focus_of(client) is client.applicant.id_number, timeout=WAIT)
        client.code_scanned(ID_A.lower())
        assert client.applicant.id_number.text() == ID_A
        assert client.handout.code.text() == ""
    finally:
        client.stop()
