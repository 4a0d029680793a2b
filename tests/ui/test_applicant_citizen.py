"""Applicant panel (check characters as typed, returning applicant offered, never overwritten)
and the citizen screen (never the full name or ID number; reasons for a bad evaluation)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter.devices.emulator import sample_card
from ui.applicant_panel import ApplicantPanel, check_id_text, check_uscc_text
from ui.citizen_screen import CitizenScreen


def test_id_check_character_verified_as_typed(qtbot):
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.id_number.setText("1101051949123")
    assert panel.id_hint.text() == "已输入13位，共18位"
    panel.id_number.setText("110105194912310021")
    assert "校验码（最后一位）应为“X”" in panel.id_hint.text()
    assert any("校验码" in p for p in panel.problems())
    panel.id_number.setText("11010519491231002x")
    assert "号码校验通过" in panel.id_hint.text()
    assert panel.birth.text() == "1949-12-31" and panel.sex.currentData() == "女"
    assert check_id_text("110105194913310021")[0] == "error"  # no 13th month


def test_enterprise_credit_code_and_agent(qtbot):
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.enterprise_radio.setChecked(True)
    panel.ent_name.setText("青山镇示例农业合作社")
    panel.uscc.setText("91350100M000100Y43")
    assert "校验通过" in panel.uscc_hint.text()
    assert check_uscc_text("91350100M000100Y44")[0] == "warn"  # warn, do not block
    assert check_uscc_text("91350100M00010OY43")[0] == "error"  # the letter O never occurs
    panel.agent_box.setChecked(True)
    assert "请填写代办人姓名" in panel.problems()
    panel.agent_name.setText("王五")
    panel.agent_id.setText("440524188001010014")
    assert panel.problems() == []
    data = panel.to_dict()
    assert (
        data["applicant"]["kind"] == "enterprise"
        and data["applicant"]["uscc"] == "91350100M000100Y43"
    )
    assert data["agent"]["id_number"] == "440524188001010014"


def test_returning_applicant_is_offered_not_overwritten(qtbot):
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.show()
    card = sample_card()
    assert panel.fill_from_card(card) == "applicant"
    panel.phone.setText("13900000000")
    panel.offer_previous({"name": card.name, "phone": "13812345678", "address": "旧住址"})
    assert panel.banner.isVisible()
    assert panel.banner.label.text().startswith("上次登记的信息：")
    assert panel.phone.text() == "13900000000"  # nothing changed by the offer itself
    qtbot.mouseClick(panel.banner.button, Qt.MouseButton.LeftButton)
    assert panel.phone.text() == "13812345678"
    assert panel.address.text() == card.address  # the card's own address wins
    assert not panel.banner.isVisible()


def test_agent_card_goes_to_the_agent(qtbot):
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.name.setText("张三")
    panel.id_number.setText("440524188001010014")
    panel.agent_box.setChecked(True)
    assert panel.fill_from_card(sample_card()) == "agent"
    assert panel.agent_name.text() == sample_card().name
    assert panel.name.text() == "张三"


def test_citizen_screen_never_shows_name_or_id(qtbot):
    screen = CitizenScreen()
    qtbot.addWidget(screen)
    screen.set_clerk("青山镇便民服务中心", 2, "王丽", "1001")
    screen.show_serving("A005", "农村村民宅基地审批", "欧阳娜娜")
    text = screen.visible_text()
    assert "A005" in text and "王丽" in text and "1001" in text and "农村村民宅基地审批" in text
    assert "欧阳娜娜" not in text and "欧***" in text
    assert "11010519491231002X" not in text


def test_bad_evaluation_needs_a_reason(qtbot):
    screen = CitizenScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.show_evaluation()
    assert screen.page == "evaluation"
    with qtbot.assertNotEmitted(screen.evaluated):
        qtbot.mouseClick(screen.level_buttons[1], Qt.MouseButton.LeftButton)
    assert screen.reasons_frame.isVisible() and not screen.submit_button.isEnabled()
    screen.reason_boxes["other"].setChecked(True)
    assert not screen.submit_button.isEnabled()  # "other" needs a comment
    screen.comment.setText("叫号声音太小")
    screen.reason_boxes["long_wait"].setChecked(True)
    with qtbot.waitSignal(screen.evaluated) as blocker:
        qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [1, ["long_wait", "other"], "叫号声音太小"]
    with qtbot.waitSignal(screen.evaluated) as blocker:
        screen.show_evaluation()
        qtbot.mouseClick(screen.level_buttons[5], Qt.MouseButton.LeftButton)
    assert blocker.args == [5, [], ""]
