"""Rare characters into a name: by code point in a small dialog, or Alt+X in the name field."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from counter.domain.applicants import check_name
from counter.domain.rarechars import (
    BadCodePoint,
    char_from_code_point,
    chars_from_code_points,
    convert_before_cursor,
)
from ui.applicant_panel import ApplicantPanel
from ui.rare_chars import RareCharDialog


def test_code_points_to_characters():
    assert char_from_code_point("U+20000") == "\U00020000"
    assert char_from_code_point("20000") == "\U00020000"
    assert char_from_code_point("&#x2A6D6;") == "\U0002a6d6"
    assert chars_from_code_points("U+20000, U+3400") == "\U00020000\u3400"
    for bad in ("U+0041X", "U+0021", "zzzz", "U+110000", ""):
        with pytest.raises(BadCodePoint):
            chars_from_code_points(bad)
    assert convert_before_cursor("王U+20000", 8) == ("王\U00020000", 2)
    assert convert_before_cursor("王", 1) is None
    # the name checks of the core accept it
    assert check_name("王\U00020000", "申请人", "name", "姓名", enterprise=False)


def test_dialog_previews_and_inserts(qtbot, monkeypatch):
    dialog = RareCharDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QTest.keyClicks(dialog.code, "U+21")
    assert not ok.isEnabled()
    QTest.keyClicks(dialog.code, "000")
    assert dialog.shown.text() == "\U00021000" and "U+21000" in dialog.points.text()
    assert ok.isEnabled()
    dialog.code.setText("U+0021")
    assert not ok.isEnabled() and "U+0021" in dialog.hint.text()

    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.name.setText("王")
    monkeypatch.setattr("ui.rare_chars.ask_rare_characters", lambda _p: "\U00020000")
    qtbot.mouseClick(panel.rare_button, Qt.MouseButton.LeftButton)
    assert panel.name.text() == "王\U00020000"


def test_alt_x_in_the_name_field(qtbot):
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.name.setFocus()
    panel.name.setText("\U00020000王")  # a rare character already before: UTF-16 cursor
    QTest.keyClicks(panel.name, "U+2A6D6")
    QTest.keyClick(panel.name, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert panel.name.text() == "\U00020000王\U0002a6d6"
    QTest.keyClick(panel.name, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # nothing to do
    assert panel.name.text() == "\U00020000王\U0002a6d6"  # and no "x" typed


def test_every_sample_rare_character_has_a_real_glyph(qapp):
    """Each of :data:`SAMPLE_CHARS`, laid out in the application's font, comes out as a real
    glyph of some font Qt falls back to (glyph 0 is the empty box). Extension B and later need
    fonts-hanazono (installers/setup.sh): under CI a missing font fails, elsewhere it skips."""
    import os

    from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

    from counter.domain.rarechars import SAMPLE_CHARS
    from ui.app import pick_font_family

    if not {"HanaMinA", "HanaMinB"} <= set(QFontDatabase.families()) and not os.environ.get("CI"):
        pytest.skip("fonts-hanazono is not installed (installers/setup.sh installs it)")
    font = QFont(pick_font_family())
    font.setPixelSize(16)
    missing = []
    for ch in SAMPLE_CHARS:
        layout = QTextLayout(ch, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        runs = layout.glyphRuns()
        ok = bool(runs) and all(
            all(g != 0 for g in run.glyphIndexes()) and run.rawFont().supportsCharacter(ord(ch))
            for run in runs
        )
        if not ok:
            missing.append(f"U+{ord(ch):04X}")
    assert not missing, f"no glyph for {missing}: install fonts-hanazono (installers/setup.sh)"


def test_applicant_panel_shows_a_rare_name(qtbot, tmp_path):
    """The name field with 𠀀 is drawn differently from the same name with a character no font
    has (which Qt draws as the empty box)."""
    from PySide6.QtGui import QFontDatabase

    if "HanaMinA" not in QFontDatabase.families():
        import os

        if os.environ.get("CI"):
            pytest.fail("fonts-hanazono is not installed (installers/setup.sh installs it)")
        pytest.skip("fonts-hanazono is not installed (installers/setup.sh installs it)")
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 420)
    panel.show()
    qtbot.waitExposed(panel)
    panel.name.setText("王\U00020000")
    panel.name.setCursorPosition(0)  # no blinking cursor next to the character
    drawn = panel.name.grab().toImage()
    drawn.save(str(tmp_path / "rare_name.png"))
    panel.name.setText("王\U000f0000")  # a private-use character no font has: the empty box
    panel.name.setCursorPosition(0)
    box = panel.name.grab().toImage()
    assert drawn.size() == box.size()
    assert drawn != box  # 𠀀 is drawn with its own glyph, not the box
