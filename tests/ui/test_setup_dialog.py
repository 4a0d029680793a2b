"""The set-up dialog: hall and window come from the database after a successful connection
test, so only what the database has can be saved; a failed test or a refused keyring is said on
the dialog, never in a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from counter.config import StationConfig, config_path
from ui.setup_dialog import SetupDialog

WAIT = 20000
PORTS = [("/dev/ttyUSB0", "USB-Serial CH340"), ("/dev/ttyS0", "ttyS0")]
PRINTERS = (["HP-LaserJet-M1136", "Xprinter-XP-58"], "HP-LaserJet-M1136")


def _dialog(qtbot, url: str, **kw) -> SetupDialog:
    cfg = StationConfig(database_url=url, hall="QS", window=3, job="window")
    dialog = SetupDialog(cfg, ports=PORTS, printers=PRINTERS, **kw)
    qtbot.addWidget(dialog)
    return dialog


def _tested(qtbot, dialog: SetupDialog) -> None:
    qtbot.waitUntil(lambda: dialog.worker.in_flight == 0, timeout=WAIT)


def test_hall_and_window_come_from_the_database_and_are_saved(qtbot, hall_url: str) -> None:
    dialog = _dialog(qtbot, hall_url)
    _tested(qtbot, dialog)
    assert dialog.status.text().startswith("已连接"), dialog.status.text()
    assert dialog.save_button.isEnabled()
    halls = [dialog.hall.itemData(i) for i in range(dialog.hall.count())]
    assert halls == ["QS", "QS-SQ"]
    assert dialog.hall.currentData() == "QS" and dialog.window_box.currentData() == 3
    assert dialog.window_box.count() == 15  # "not at a window" and windows 1..14

    dialog.window_box.setCurrentIndex(dialog.window_box.findData(7))
    dialog.idcard.setCurrentIndex(dialog.idcard.findData("/dev/ttyUSB0"))
    dialog.ticket.setCurrentIndex(dialog.ticket.findData("qt:Xprinter-XP-58"))
    dialog.a4.setCurrentIndex(dialog.a4.findData("HP-LaserJet-M1136"))
    if os.environ.get("COUNTER_SCREENSHOTS"):  # to look at it: the app's font and style
        from ui.app import make_app

        make_app()
        dialog.grab().save(str(Path(os.environ["COUNTER_SCREENSHOTS"]) / "setup-dialog.png"))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    cfg = StationConfig.load()
    assert (cfg.job, cfg.hall, cfg.window) == ("window", "QS", 7)
    assert cfg.idcard_port == "/dev/ttyUSB0" and cfg.scanner_port is None
    assert cfg.ticket_printer == "qt:Xprinter-XP-58" and cfg.printer == "HP-LaserJet-M1136"
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_display_has_no_window_and_a_window_display_needs_one(qtbot, hall_url: str) -> None:
    dialog = _dialog(qtbot, hall_url)
    _tested(qtbot, dialog)
    dialog.job.setCurrentIndex(dialog.job.findData("display"))
    assert not dialog.window_box.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.window_box.currentData() is None  # a display stands at no window
    dialog.job.setCurrentIndex(dialog.job.findData("window-display"))
    assert dialog.window_box.currentData() == 3  # the configured window comes back
    dialog.window_box.setCurrentIndex(0)  # "not at a window"
    assert not dialog.save_button.isEnabled() and "需要选择窗口" in dialog.hint.text()
    dialog.hall.setCurrentIndex(dialog.hall.findData("QS-SQ"))
    assert dialog.window_box.count() >= 2


def test_a_failed_test_says_why_and_nothing_can_be_saved(qtbot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, "postgresql://kiosk1@127.0.0.1:1/town")
    _tested(qtbot, dialog)
    assert dialog.status.text().startswith("无法连接数据库"), dialog.status.text()
    assert not dialog.save_button.isEnabled() and dialog.hall.count() == 0
    assert not config_path().exists()


def test_editing_the_url_asks_for_a_new_test(qtbot, hall_url: str) -> None:
    dialog = _dialog(qtbot, hall_url)
    _tested(qtbot, dialog)
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.url, "x")
    assert not dialog.save_button.isEnabled() and "重新测试" in dialog.status.text()


@pytest.mark.pg
def test_a_refused_keyring_is_said_and_the_password_is_not_saved(qtbot, pg_hall_url: str) -> None:
    dialog = _dialog(qtbot, pg_hall_url)
    _tested(qtbot, dialog)
    dialog.password.setText("a-password-for-the-keyring")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    assert dialog.isVisible() is False or dialog.banner.isVisible()
    assert "密码没有保存" in dialog.banner.label.text()
    assert "COUNTER_DB_PASSWORD" in dialog.banner.label.text()
    assert "a-password-for-the-keyring" not in config_path().read_text(encoding="utf-8")
    assert dialog.password.text() == ""
