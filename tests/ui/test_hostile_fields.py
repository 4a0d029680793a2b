"""The window client's text fields given hostile text (empty, 5,000 characters, SQL, NUL, ESC
and other controls, emoji, 𠀀 䶮, right-to-left overrides): the sign-in form refuses with a
message under the form, the item finder answers, and the applicant form says what the core
would refuse before the clerk presses accept — by the core's own rules, so that what the form
lets through the core accepts, and what the form flags the core refuses. Nothing raises (pytest-qt
fails a test on an exception inside a Qt slot), and no message shows a raw control character.
"""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import Qt

from counter.config import StationConfig
from counter.domain.applicants import validate_applicant
from counter.errors import CounterError
from counter.services.base import Runtime
from tests.integration.test_hostile_text import NASTY
from ui.applicant_panel import ApplicantPanel
from ui.backend import Backend
from ui.signin import SignInForm

WAIT = 15000
RAW = re.compile("[\x00\x1b\x9b\u202a-\u202e\u2066-\u2069]")
GOOD_ID = "11010519491231002X"


@pytest.mark.slow
def test_sign_in_refuses_hostile_text_in_words(qtbot, sqlite_hall_url):
    rt = Runtime(sqlite_hall_url)
    backend = Backend(rt, StationConfig(window=3), demo=False)
    form = SignInForm(backend)
    qtbot.addWidget(form)
    try:
        for value in NASTY:
            for staff_no, password in ((value, "demo1234"), ("1001", value)):
                form.staff_no.setText(staff_no)
                form.password.setText(password)
                qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
                qtbot.waitUntil(lambda: backend.worker.in_flight == 0, timeout=WAIT)
                assert not backend.signed_in, (staff_no, password)
                assert form.message.text(), ascii(value)  # refused in words
                assert not RAW.search(form.message.text()), ascii(form.message.text())
    finally:
        backend.close()
        rt.dispose()


def test_the_applicant_form_says_what_the_core_would_refuse(qtbot):
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    fields = {
        "name": panel.name,
        "address": panel.address,
        "phone": panel.phone,
        "nation": panel.nation,
    }
    for value in [*NASTY, "王\u00a0建国", "O'Brien"]:
        for field, edit in fields.items():
            panel.clear()
            panel.name.setText("王建国")
            panel.id_number.setText(GOOD_ID)
            edit.setText(value)
            problems = panel.problems()
            for text in problems:
                assert not RAW.search(text), ascii(text)
            applicant, _agent = panel.inputs()
            try:
                validate_applicant(applicant)
                core_refuses = False
            except CounterError:
                core_refuses = True
            # The form's checks and the core's agree. (A value a QLineEdit changed on the way —
            # it drops newlines and cuts at its length limit — is compared as the form holds it.)
            assert bool(problems) == core_refuses, (field, ascii(edit.text()), problems)


def test_the_agent_fields_too(qtbot):
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    for value in NASTY:
        panel.clear()
        panel.name.setText("王建国")
        panel.id_number.setText(GOOD_ID)
        panel.agent_box.setChecked(True)
        panel.agent_name.setText("李四")
        panel.agent_id.setText("110105194912310038")
        panel.agent_relation.setText(value)
        problems = panel.problems()
        _applicant, agent = panel.inputs()
        assert agent is not None
        try:
            validate_applicant(agent, who="代办人")
            refused = False
        except CounterError:
            refused = True
        assert bool(problems) == refused, (ascii(value), problems)
