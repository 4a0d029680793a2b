"""The back-office screen, offscreen, on the demo hall (SQLite and PostgreSQL): sign-in lists the
back-office accounts; the inbox by node, most urgent first; the keyboard opens a case, decides
it and stamps it; the sealed decision printed to PDF carries the seal and a QR code that decodes
(from the rendered page) to a code the verify panel accepts; refusal needs reasons; a manager's
supervision view opens cases read-only. Modal dialogs are stubbed; every wait is on a signal or
a condition."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from counter import clock
from counter.demo.hall import DEMO_PASSWORD
from counter.domain import applicants, checklist
from counter.domain.checkchars import citizen_id_check_char
from counter.services import backoffice, intake
from counter.services.auth import sign_in
from counter.services.base import Runtime
from counter.services.catalog import get_item
from ui.backoffice.session import BackofficeSession
from ui.backoffice.window import BackofficeWindow

WAIT = 15000
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def made_up_id(seq: int) -> str:
    first17 = f"33011019900101{seq:03d}"
    return first17 + citizen_id_check_char(first17)


@pytest.fixture
def hall(hall_url: str):
    """The demo hall on 20 October 2025 with three cases: one waiting for 初审 since 26
    September (past its node budget: yellow), one for 审核, one for 决定."""
    now = [dt.datetime(2025, 9, 26, 10, 0, tzinfo=clock.HALL_TZ).astimezone(dt.UTC)]
    clock.set_clock(lambda: now[0])
    rt = Runtime(hall_url)
    clerk = sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor
    reviewer = sign_in(rt, "2001", DEMO_PASSWORD).actor
    item = get_item(rt, code="MZ-001")
    checks = [
        checklist.MaterialCheck(
            m.id, "received" if m.requirement == "required" else "not_applicable", m.form, 1
        )
        for m in item.materials
    ]
    numbers = []
    for n in range(3):
        r = intake.accept_case(
            rt, clerk, item_version_id=item.version_id, materials=checks,
            applicant=applicants.ApplicantInput(kind="person", name=f"李{'一二三'[n]}",
                                                id_number=made_up_id(n + 1)),
        )  # fmt: skip
        numbers.append(r.case_no)
    backoffice.advance_case(rt, reviewer, numbers[1], "first_review", "材料齐全")
    for node in ("first_review", "review"):
        backoffice.advance_case(rt, reviewer, numbers[2], node, "同意")
    now[0] = dt.datetime(2025, 10, 20, 10, 0, tzinfo=clock.HALL_TZ).astimezone(dt.UTC)
    yield rt, numbers
    rt.dispose()
    clock.set_clock(None)


@pytest.fixture
def printed(tmp_path, monkeypatch):
    files: list[Path] = []

    def ask(_parent, _name, _title):  # noqa: ANN001, ANN202 - stands in for QPrintDialog
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        path = tmp_path / f"printed-{len(files) + 1}.pdf"
        printer.setOutputFileName(str(path))
        files.append(path)
        return printer

    monkeypatch.setattr("ui.preview.ask_printer", ask)
    return files


def open_window(qtbot, rt: Runtime, staff_no: str) -> BackofficeWindow:
    session = BackofficeSession(rt, demo=True)
    from ui.signin import SignInForm

    form = SignInForm(session)  # type: ignore[arg-type]
    qtbot.addWidget(form)
    names = [form.demo_table.item(r, 0).text() for r in range(form.demo_table.rowCount())]
    assert "2002" in names and "1001" not in names  # the back office lists its own accounts
    form.staff_no.setText(staff_no)
    form.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(form.signed_in, timeout=WAIT):
        form.submit()
    win = BackofficeWindow(session, live=False)
    qtbot.addWidget(win)
    win.resize(1600, 960)
    win.show()
    with qtbot.waitSignal(win.inbox_loaded, timeout=WAIT):
        win.start()
    return win


def close(win: BackofficeWindow) -> None:
    win.close()
    win.session.close()


def test_a_clerk_cannot_sign_in_to_the_back_office(qtbot, hall) -> None:
    rt, _ = hall
    session = BackofficeSession(rt, demo=True)
    from ui.signin import SignInForm

    form = SignInForm(session)  # type: ignore[arg-type]
    qtbot.addWidget(form)
    form.staff_no.setText("1001")
    form.password.setText(DEMO_PASSWORD)
    form.submit()
    qtbot.waitUntil(lambda: "后台" in form.message.text(), timeout=WAIT)
    assert session.signed is None
    session.close()


def test_inbox_decide_and_seal_by_keyboard(qtbot, hall, printed, tmp_path) -> None:
    rt, numbers = hall
    win = open_window(qtbot, rt, "2002")  # 钱核: reviewer and seal keeper
    try:
        first = win.inbox_data
        assert [r.case_no for r in first.rows] == [numbers[0]]
        assert first.rows[0].mark == "yellow"  # its 初审 budget is spent
        assert "黄1" in win.node_tabs.tabText(0)
        qtbot.keyClick(win, Qt.Key.Key_3, CTRL)  # 决定
        qtbot.waitUntil(lambda: win.inbox_data.query.node == "decide", timeout=WAIT)
        assert [r.case_no for r in win.inbox_data.rows] == [numbers[2]]
        win.table.setFocus()
        win.table.selectRow(0)
        with qtbot.waitSignal(win.page_loaded, timeout=WAIT) as page:
            qtbot.keyClick(win.table, Qt.Key.Key_Return)
        assert page.args[0].actions[:2] == ("approve", "refuse")
        assert win.work.currentIndex() == 1
        # the materials as recorded at acceptance, and the history with the opinions
        assert win.case_page.materials.rowCount() == len(page.args[0].case.materials)
        assert win.case_page.history.item(2, 4).text() == "同意"
        # refusal without a reason is stopped on the screen, nothing is sent
        qtbot.keyClick(win.case_page, Qt.Key.Key_F9)
        assert "理由" in win.case_page.message.text()
        win.case_page.text.insertPlainText("经审查，符合条件")  # QTest types ASCII only
        with qtbot.waitSignal(win.action_done, timeout=WAIT) as done:
            qtbot.keyClick(win.case_page, Qt.Key.Key_F8)
        result = done.args[0]
        assert result.page.case.state == "approved"
        assert result.document.mark == "待用印"  # the draft, unsealed
        assert win.case_page.preview.content.mark == "待用印"
        with qtbot.waitSignal(win.action_done, timeout=WAIT) as done:
            qtbot.keyClick(win.case_page, Qt.Key.Key_S, CTRL | SHIFT)
        sealed = done.args[0].document
        assert sealed.verify_code and sealed.seal_image and done.args[0].serial
        assert done.args[0].page.case.state == "completed"
        assert "用印登记" in win.status.currentMessage()
        qtbot.keyClick(win.case_page.preview, Qt.Key.Key_P, CTRL)
        if not printed:  # the shortcut belongs to the preview's button
            win.case_page.preview.print_current()
        assert printed and printed[0].exists()
        if shutil.which("pdftoppm"):
            import zxingcpp
            from PIL import Image

            subprocess.run(["pdftoppm", "-r", "150", "-png", str(printed[0]),
                            str(tmp_path / "page")], check=True)  # fmt: skip
            png = sorted(tmp_path.glob("page*.png"))[0]
            texts = [b.text for b in zxingcpp.read_barcodes(Image.open(png))]
            assert sealed.verify_code in texts and numbers[2] in texts
        # verify at the verify tab: the decoded code is genuine, one character changed is not
        qtbot.keyClick(win, Qt.Key.Key_K, CTRL)
        assert win.tabs.currentIndex() == win.verify_index
        qtbot.keyClicks(win.verify_panel.code, sealed.verify_code)
        with qtbot.waitSignal(win.verified, timeout=WAIT) as v:
            qtbot.keyClick(win.verify_panel.code, Qt.Key.Key_Return)
        assert v.args[0].status == "genuine" and "真实有效" in win.verify_panel.status.text()
        wrong = sealed.verify_code[:-1] + ("7" if sealed.verify_code[-1] != "7" else "8")
        win.verify_panel.code.setText(wrong)
        with qtbot.waitSignal(win.verified, timeout=WAIT) as v:
            win.verify_panel.submit()
        assert v.args[0].status == "not_found" and "无效" in win.verify_panel.status.text()
    finally:
        close(win)


def test_a_reviewer_without_the_seal_cannot_stamp(qtbot, hall) -> None:
    rt, numbers = hall
    win = open_window(qtbot, rt, "2001")  # 郑审: reviewer only
    try:
        qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
        qtbot.waitUntil(lambda: win.inbox_data.query.node == "decide", timeout=WAIT)
        with qtbot.waitSignal(win.page_loaded, timeout=WAIT) as page:
            win.open_case(numbers[2])
        assert "issue" not in page.args[0].actions
        with qtbot.waitSignal(win.action_done, timeout=WAIT) as done:
            win.case_page.request("approve")
        assert "issue" not in done.args[0].page.actions
        assert not win.case_page.buttons["issue"].isVisible()
        # forced through the session anyway, the core refuses
        err: list[object] = []
        win.session.worker.submit(
            "x", lambda: win.session.act("issue", numbers[2]), on_error=err.append
        )
        qtbot.waitUntil(lambda: bool(err), timeout=WAIT)
        assert type(err[0]).__name__ == "PermissionDenied"
    finally:
        close(win)


def test_suspension_from_the_case_page(qtbot, hall) -> None:
    rt, numbers = hall
    win = open_window(qtbot, rt, "2001")
    try:
        with qtbot.waitSignal(win.page_loaded, timeout=WAIT):
            win.open_case(numbers[0])
        page = win.case_page
        page.kind.setCurrentIndex(page.kind.findData("inspection"))
        qtbot.keyClick(page, Qt.Key.Key_F10)
        assert "理由" in page.message.text()  # a suspension needs its reason
        page.text.insertPlainText("需现场核实住房情况")
        with qtbot.waitSignal(win.action_done, timeout=WAIT) as done:
            qtbot.keyClick(page, Qt.Key.Key_F10)
        assert done.args[0].page.case.status_zh == "现场勘查中"
        assert page.buttons["resume"].isVisible()
        counts = {c.node: c.total for c in done.args[0].inbox.counts}
        assert counts["suspended"] == 1 and counts["first_review"] == 0
    finally:
        close(win)


def test_supervision_opens_cases_read_only(qtbot, hall) -> None:
    rt, numbers = hall
    win = open_window(qtbot, rt, "4001")  # 何主任: manager
    try:
        assert win.tabs.isTabVisible(win.super_index)
        with qtbot.waitSignal(win.supervision_loaded, timeout=WAIT) as loaded:
            qtbot.keyClick(win, Qt.Key.Key_D, CTRL)
        view = loaded.args[0]
        assert {r.case_no for r in view.rows} == set(numbers)
        assert win.supervision.cards["yellow"].count.text() == "3"  # every node overran
        assert win.supervision.cards["red"].count.text() == "0"
        with qtbot.waitSignal(win.supervision_loaded, timeout=WAIT) as loaded:
            win.supervision.node_filter.setCurrentIndex(
                win.supervision.node_filter.findData("first_review")
            )
        assert [r.case_no for r in loaded.args[0].rows] == [numbers[0]]
        win.supervision.table.selectRow(0)
        with qtbot.waitSignal(win.page_loaded, timeout=WAIT) as page:
            qtbot.keyClick(win.supervision.table, Qt.Key.Key_Return)
        assert page.args[0].read_only and page.args[0].actions == ()
        assert win.super_stack.currentIndex() == 1
        assert not any(b.isVisible() for b in win.super_page.buttons.values())
    finally:
        close(win)


def test_posting_asks_whether_the_held_originals_go_in_the_envelope(qtbot, hall) -> None:
    from counter.services import cases, seal

    rt, _numbers = hall
    clerk = sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor
    reviewer = sign_in(rt, "2001", DEMO_PASSWORD).actor
    keeper = sign_in(rt, "3001", DEMO_PASSWORD).actor
    item = get_item(rt, code="NY-001")  # 农村村民宅基地审批: 户口簿 and ID card, 原件及复印件
    checks = [
        checklist.MaterialCheck(
            m.id,
            "received" if m.requirement == "required" else "not_applicable",
            m.form,
            1,
            original="held"
            if m.form == "original_and_copy" and m.requirement == "required"
            else "",
        )
        for m in item.materials
    ]
    case_no = intake.accept_case(
        rt, clerk, item_version_id=item.version_id, materials=checks,
        applicant=applicants.ApplicantInput(kind="person", name="李四", id_number=made_up_id(9)),
    ).case_no  # fmt: skip
    for node in ("first_review", "review", "decide"):
        backoffice.advance_case(rt, reviewer, case_no, node, "同意")
    seal.issue_decision(rt, keeper, case_no)
    held = [m.name for m in cases.get_case(rt, reviewer, case_no).materials if m.original == "held"]
    assert held
    win = open_window(qtbot, rt, "2001")
    try:
        with qtbot.waitSignal(win.page_loaded, timeout=WAIT):
            win.open_case(case_no)
        page = win.case_page
        box = page.enclose_originals
        assert box.isVisible() and box.isChecked()  # the default: in the envelope
        box.setChecked(False)  # kept for the applicant to collect
        page.carrier.setCurrentText("顺丰速运")
        page.tracking.setText("SF1234567")
        page.grab().save("/tmp/backoffice_post_originals.png")
        with qtbot.waitSignal(win.action_done, timeout=WAIT) as done:
            page.request("post")
        assert done.args[0].page.case.state == "delivered"
        after = {m.name: m.original for m in cases.get_case(rt, reviewer, case_no).materials}
        assert all(after[name] == "held" for name in held)
        assert not box.isVisible()  # delivered: nothing to post any more
    finally:
        close(win)
