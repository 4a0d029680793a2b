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
