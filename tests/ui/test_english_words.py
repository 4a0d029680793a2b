"""The English the screens build at run time: one word in two senses (per context), a case's
state, why an item matched, the admin console's vocabularies — with the shipped ``.qm``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from PySide6.QtWidgets import QApplication

from ui import widgets
from ui.app import install_translation
from ui.widgets import case_state_text, translate


@pytest.fixture
def english(qtbot) -> Iterator[None]:
    del qtbot  # the QApplication
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translation(app, "en")
    try:
        yield
    finally:
        install_translation(app, "zh")
        assert not widgets.ENGLISH


def test_a_word_takes_the_english_of_its_context(english) -> None:
    # 工作人员 heads a column of clerks, and names the admin console's staff tab
    assert translate("AdminWindow", "工作人员") == "Staff"
    assert translate("LiveView", "工作人员") == "Clerk"
    # 不予受理 on the outcome button, and as the state of an item of the visit
    assert translate("OutcomePanel", "不予受理") == "Refuse"
    assert translate("ChecklistPanel", "不予受理") == "Not accepted"
    assert translate("nodes", "受理") == "Intake"
    assert translate("StaffTab", "停用") == "Inactive"
    assert translate("CatalogueTab", "停用") == "Deactivated"
    # the same word said with a disambiguation: tr("窗口", "heading") over the windows table
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("FloorTab", "窗口", "heading") == "Windows"
    assert QCoreApplication.translate("FloorTab", "窗口") == "Window"


def test_run_time_words_have_their_english(english) -> None:
    from counter.services.base import ROLE_NAMES_ZH
    from counter.services.catalog import KINDS

    for zh in (*ROLE_NAMES_ZH.values(), *KINDS):
        assert translate("roles" if zh in ROLE_NAMES_ZH.values() else "kinds", zh) != zh
    assert translate("checklist", "已收") == "Received"
    assert translate("queue", "老年人") == "elderly"


def test_case_state_and_match_reason_in_english(english) -> None:
    from ui.models import why_text

    assert case_state_text("awaiting_materials", "补正材料") == "Awaiting materials"
    assert case_state_text("no-such-state", "补正中") == "补正中"
    assert why_text("拼音首字母含 zjd") == "initials contain zjd"
    assert why_text("名称含“户口”") == "name contains “户口”"
    assert why_text("编码") == "code"


def test_in_chinese_the_core_words_stay(qtbot) -> None:
    from ui.models import why_text

    assert not widgets.ENGLISH
    assert case_state_text("awaiting_materials", "补正材料") == "补正材料"
    assert why_text("拼音首字母含 zjd") == "拼音首字母含 zjd"
