"""Hand-out (出件) as the clerk meets it: an unfinished case says so with its promised date and
step ③ stays off; an ID number scanned or typed fast never lands in field ①; the results to
hand over and the 办结 time are shown."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from counter import window as door
from counter.domain import applicants, checklist
from counter.services.base import Runtime
from tests.ui.test_action_count import STANDARD_ITEM
from ui.handout import HandoutPanel, handout_results, looks_like_id_number
from ui.screenshots import complete_case

pytestmark = pytest.mark.slow

APPLICANT_ID = "11010519491231002X"


def accepted_case(rt: Runtime, desk: door.Desk) -> str:
    summary = next(i for i in door.search_items(rt, desk, "zjd") if i.name == STANDARD_ITEM)
    detail = door.item(rt, desk, summary.version_id)
    request = door.IntakeRequest(
        version_id=summary.version_id,
        applicant=applicants.ApplicantInput(
            name="张三", id_number=APPLICANT_ID, phone="13812345678"
        ),
        agent=None,
        materials=tuple(checklist.MaterialCheck(m.id, "received") for m in detail.materials),
    )
    return door.accept(rt, desk, request).case.case_no


def test_id_number_shape():
    assert looks_like_id_number(APPLICANT_ID) and looks_like_id_number("110105491231002")
    assert not looks_like_id_number("QS20261202000001")


def test_unfinished_then_finished(qtbot, hall_url):
    rt = Runtime(hall_url)
    try:
        desk = door.sign_in(rt, "1001", "demo1234", 1)
        case_no = accepted_case(rt, desk)
        panel = HandoutPanel()
        qtbot.addWidget(panel)
        panel.show()

        case = door.lookup_case(rt, desk, case_no)
        assert case.deadline is not None
        panel.show_case(case)
        expected = f"未办结，预计{case.deadline.month}月{case.deadline.day}日办结"
        assert panel.message.text() == expected
        assert not panel.collector_id.isEnabled()
        panel.collector_id.setText(APPLICANT_ID)  # even the applicant's own number
        assert not panel.confirm.isEnabled()
        panel.request_handout()  # Ctrl+Enter does nothing either
        # a fast-typed or scanned ID number with the case open goes to field ②, never ①
        panel.code.setText(case_no)
        panel.scanned(APPLICANT_ID)
        assert panel.code.text() == case_no

        complete_case(hall_url, case_no)
        case = door.lookup_case(rt, desk, case_no)
        panel.show_case(case)
        assert panel.message.text() == ""
        assert panel.collector_id.isEnabled()
        results = handout_results(case)
        assert results and all(n >= 1 for _name, n in results)
        name, count = results[0]
        assert f"{name} × {count}" in panel._case_labels["results"].text()
        assert panel._case_labels["completed_at"].text() not in ("", "—")
        panel.scanned(APPLICANT_ID)  # the collector's number, scanned into field ②
        assert panel.code.text() == case_no
        assert panel.collector_id.text() == APPLICANT_ID
        assert panel.confirm.isEnabled()
    finally:
        rt.dispose()


def test_held_originals_are_offered_ticked_and_the_slip_lists_the_ticked(qtbot, hall_url):
    rt = Runtime(hall_url)
    try:
        desk = door.sign_in(rt, "1001", "demo1234", 1)
        summary = next(i for i in door.search_items(rt, desk, "zjd") if i.name == STANDARD_ITEM)
        detail = door.item(rt, desk, summary.version_id)
        both = [m for m in detail.materials if m.form == "original_and_copy"]
        assert len(both) >= 2
        held = {m.id for m in both[:2]}
        request = door.IntakeRequest(
            version_id=summary.version_id,
            applicant=applicants.ApplicantInput(
                name="张三", id_number=APPLICANT_ID, phone="13812345678"
            ),
            agent=None,
            materials=tuple(
                checklist.MaterialCheck(
                    m.id, "received", m.form, 1, original="held" if m.id in held else ""
                )
                for m in detail.materials
            ),
        )
        case_no = door.accept(rt, desk, request).case.case_no
        panel = HandoutPanel()
        qtbot.addWidget(panel)
        panel.show()
        panel.show_case(door.lookup_case(rt, desk, case_no))
        assert not panel.originals_box.isHidden()
        assert all(not box.isEnabled() for _s, box in panel.original_checks)  # not finished yet

        complete_case(hall_url, case_no)
        panel.show_case(door.lookup_case(rt, desk, case_no))
        boxes = panel.original_checks
        assert [box.text() for _s, box in boxes] == [m.name for m in both[:2]]
        assert all(box.isChecked() and box.isEnabled() for _s, box in boxes)  # pre-ticked
        boxes[1][1].setChecked(False)  # the second one is not given back now
        panel.collector_id.setText(APPLICANT_ID)
        with qtbot.waitSignal(panel.handout_requested) as sent:
            panel.request_handout()
        case_arg, number, _name, returned = sent.args
        assert (case_arg, number, returned) == (case_no, APPLICANT_ID, [boxes[0][0]])
        result = door.hand_out(rt, desk, case_no, number, "", returned)
        panel.show_done(result)
        slip = result.documents[0].text()
        assert both[0].name in slip and both[1].name not in slip
        assert all(not box.isEnabled() for _s, box in panel.original_checks)
        panel.grab().save("/tmp/handout_originals.png")
        panel.clear()
        assert panel.originals_box.isHidden() and panel.original_checks == []
    finally:
        rt.dispose()


def test_an_original_left_held_is_returned_later_from_the_handout_tab(qtbot, hall_url):
    from counter.config import StationConfig
    from tests.ui.test_window_flow import WAIT, open_client, sign_in
    from ui.backend import Backend

    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1))
    try:
        desk = door.sign_in(rt, "1001", "demo1234", 1)
        summary = next(i for i in door.search_items(rt, desk, "zjd") if i.name == STANDARD_ITEM)
        detail = door.item(rt, desk, summary.version_id)
        both = [m for m in detail.materials if m.form == "original_and_copy"][:2]
        request = door.IntakeRequest(
            version_id=summary.version_id,
            applicant=applicants.ApplicantInput(
                name="张三", id_number=APPLICANT_ID, phone="13812345678"
            ),
            agent=None,
            materials=tuple(
                checklist.MaterialCheck(
                    m.id, "received", m.form, 1, original="held" if m in both else ""
                )
                for m in detail.materials
            ),
        )
        case_no = door.accept(rt, desk, request).case.case_no
        complete_case(hall_url, case_no)
        panel = HandoutPanel()
        qtbot.addWidget(panel)
        panel.show_case(door.lookup_case(rt, desk, case_no))
        assert panel.return_button.isHidden()  # not handed out yet: ticked at 出件
        seqs = [seq for seq, _box in panel.original_checks]
        door.hand_out(rt, desk, case_no, APPLICANT_ID, "", [seqs[0]])  # the second kept

        sign_in(qtbot, backend)
        client = open_client(qtbot, backend, devices=False)
        handout = client.handout
        client.tabs.setCurrentIndex(1)
        handout.code.setText(case_no)
        handout.code.setFocus()
        qtbot.keyClick(handout.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: handout.case is not None, timeout=WAIT)
        assert "已领取" in handout.message.text() and "退还原件" in handout.message.text()
        assert handout.return_button.isVisible() and handout.return_button.isEnabled()
        assert [box.text() for _s, box in handout.original_checks] == [both[1].name]
        assert all(box.isEnabled() and box.isChecked() for _s, box in handout.original_checks)
        assert not handout.collector_id.isEnabled() and not handout.confirm.isEnabled()
        handout.original_checks[0][1].setChecked(False)
        with qtbot.assertNotEmitted(handout.return_requested):
            qtbot.mouseClick(handout.return_button, Qt.MouseButton.LeftButton)
        assert handout.message.text() == "请勾选要退还的原件"
        handout.original_checks[0][1].setChecked(True)
        qtbot.mouseClick(handout.return_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: handout.preview.content is not None, timeout=WAIT)
        shown = handout.preview.content
        assert shown.kind == "originals_return" and shown.title == "退还材料回执"
        text = shown.text()
        assert case_no in text and both[1].name in text and both[0].name not in text
        assert "申请人（签收）：" in text
        assert "原件已退还" in handout.match.text()
        assert not handout.return_button.isEnabled()
        assert all(not box.isEnabled() for _s, box in handout.original_checks)
        qtbot.waitUntil(lambda: handout.preview.pages_lay.count() >= 1, timeout=WAIT)
        qtbot.wait(50)  # the placeholder deleted, the page laid out
        handout.grab().save("/tmp/handout_return_later.png")
        from ui.preview import render_pages

        render_pages(shown)[0].save("/tmp/originals_return_slip.png")
        after = {m.name: m.original for m in door.lookup_case(rt, desk, case_no).materials}
        assert after[both[1].name] == "handed_back"
        # looked up again: nothing held any more, no 退还原件
        qtbot.keyClick(handout.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: handout.return_button.isHidden(), timeout=WAIT)
        assert handout.originals_box.isHidden()
    finally:
        rt.dispose()
