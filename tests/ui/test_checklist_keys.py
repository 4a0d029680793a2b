"""Space and N in the checklist both set the row and move to the next one, as the legend says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.checklist import ChecklistPanel, MaterialState, VisitItem


def panel_with(qtbot, n: int = 3) -> ChecklistPanel:  # noqa: ANN001
    panel = ChecklistPanel()
    qtbot.addWidget(panel)
    item = VisitItem(
        version_id=1,
        item_id=1,
        code="X1",
        name="测试事项",
        materials=[
            MaterialState(material_id=k, name=f"材料{k}", requirement=req, condition="")
            for k, req in zip(
                range(1, n + 1), ("required", "conditional", "optional"), strict=False
            )
        ],
        loaded=True,
    )
    panel.add_item(item)
    panel.show()
    panel.focus_table()
    return panel


def test_space_and_n_move_to_the_next_row(qtbot):
    panel = panel_with(qtbot)
    view, rows = panel.view, panel.current.materials
    assert view.currentIndex().row() == 0
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert rows[0].status == "received" and view.currentIndex().row() == 1
    QTest.keyClick(view, Qt.Key.Key_N)
    assert rows[1].status == "not_applicable" and view.currentIndex().row() == 2
    QTest.keyClick(view, Qt.Key.Key_N)  # the last row: set, and the cursor stays
    assert rows[2].status == "not_applicable" and view.currentIndex().row() == 2
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert rows[2].status == "received" and view.currentIndex().row() == 2


def test_the_legend_says_both_move_on(qtbot):
    panel = panel_with(qtbot)
    text = panel.legend.text()
    assert "空格" in text and "N 不适用" in text and "下一行" in text


def test_r_says_what_becomes_of_an_original_seen(qtbot):
    panel = panel_with(qtbot)
    view, rows, model = panel.view, panel.current.materials, panel.model
    rows[0].form = "original_and_copy"
    QTest.keyClick(view, Qt.Key.Key_R)  # not received yet: no original seen, nothing to say
    assert rows[0].original == "" and rows[0].recorded_original == ""
    QTest.keyClick(view, Qt.Key.Key_Space)  # received (and on to row 2)
    view.setCurrentIndex(model.index(0, 0))
    assert rows[0].recorded_original == "returned"  # the default of 原件及复印件
    assert "原件当场退还" in model.index(0, 3).data()
    QTest.keyClick(view, Qt.Key.Key_R)
    assert rows[0].recorded_original == "held"
    assert "原件暂存，出件时退还" in model.index(0, 3).data()
    QTest.keyClick(view, Qt.Key.Key_R)
    assert rows[0].recorded_original == "filed"
    QTest.keyClick(view, Qt.Key.Key_R)
    assert rows[0].recorded_original == "returned"
    rows[0].form = "copy"  # a copy has no original: nothing is recorded
    assert rows[0].recorded_original == ""
    assert "R 原件" in panel.legend.text()
