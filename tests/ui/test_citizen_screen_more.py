"""The citizen screen: never over the clerk's window on a one-monitor PC, on the other monitor
when there is one; a ticked reason shows a tick mark; the screen names what is being rated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.citizen_screen import TICKED, CitizenScreen, RatedCase


def test_one_monitor_keeps_the_citizen_screen_off(qtbot):
    assert len(QGuiApplication.screens()) == 1  # the offscreen platform has one
    clerk = QWidget()
    qtbot.addWidget(clerk)
    clerk.show()
    screen = CitizenScreen()
    qtbot.addWidget(screen)
    assert screen.place_on_second_screen(clerk.screen()) is False
    assert not screen.isVisible()


def test_two_monitors_put_it_on_the_other_one(tmp_path):
    config = {
        "screens": [
            {"name": "clerk", "x": 0, "y": 0, "width": 1920, "height": 1080},
            {"name": "hall", "x": 1920, "y": 0, "width": 1280, "height": 720},
        ]
    }
    path = tmp_path / "screens.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    script = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication, QWidget
        from ui.citizen_screen import CitizenScreen
        app = QApplication([])
        screens = {s.name(): s for s in app.screens()}
        for clerk_on in ("clerk", "hall"):
            clerk = QWidget()
            clerk.setScreen(screens[clerk_on])
            clerk.setGeometry(screens[clerk_on].availableGeometry())
            clerk.show()
            citizen = CitizenScreen()
            shown = citizen.place_on_second_screen(clerk.screen())
            print(clerk_on, shown, citizen.isVisible(), citizen.screen().name())
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}")
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n")
    assert "clerk True True hall" in lines
    assert "hall True True clerk" in lines


def test_a_ticked_reason_shows_a_tick_mark(qtbot):
    screen = CitizenScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_evaluation()
    qtbot.mouseClick(screen.level_buttons[2], Qt.MouseButton.LeftButton)
    box = screen.reason_boxes["long_wait"]
    assert not box.text().startswith(TICKED)
    box.setChecked(True)
    assert box.text().startswith(TICKED)
    assert TICKED.strip() not in screen.reason_boxes["other"].text()
    box.setChecked(False)
    assert not box.text().startswith(TICKED)
    box.setChecked(True)
    screen.show_evaluation()  # a new evaluation starts with nothing ticked
    assert not any(b.text().startswith(TICKED) for b in screen.reason_boxes.values())


def test_the_screen_says_what_is_rated(qtbot):
    screen = CitizenScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_evaluation([RatedCase("农村村民宅基地审批", "QS20261202A0001")], "A005")
    text = screen.visible_text()
    assert "农村村民宅基地审批" in text and "QS20261202A0001" in text
    screen.show_evaluation([], "A006")  # a visit that opened no case
    assert "A006" in screen.visible_text()
    assert "宅基地" not in screen.visible_text()
