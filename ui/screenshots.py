"""``counter screenshot``: every screen of the window client and the back office on demo data,
as 1920×1080 PNGs (and the sealed decision as a PDF).

The script drives the real client the way a clerk would (sign in, call, read a card, find items,
check materials, accept, notice, reject, hand out, evaluate) against a demo hall — a temporary
one unless ``--db`` is given — and grabs each state. Documents are rendered as A4 pages. It runs
on a fixed working-day morning (:data:`counter.demo.clock.SCREENSHOT_AT`), not on the wall clock.
Waiting is done on the Qt event loop (never by sleeping, never with a busy processEvents loop).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

SIZE = (1920, 1080)


def wait_for(pred: Callable[[], bool], timeout_ms: int = 15000, what: str = "") -> None:
    """Run the event loop until ``pred()`` is true (checked every 20 ms)."""
    if pred():
        return
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    deadline = QTimer()
    deadline.setSingleShot(True)
    failed: list[bool] = []

    def check() -> None:
        if pred():
            loop.quit()

    def expire() -> None:
        failed.append(True)
        loop.quit()

    timer.timeout.connect(check)
    deadline.timeout.connect(expire)
    timer.start()
    deadline.start(timeout_ms)
    loop.exec()
    timer.stop()
    deadline.stop()
    if failed and not pred():
        raise TimeoutError(f"timed out waiting for {what or pred}")


def settle(ms: int = 120) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(widget: QWidget, path: Path) -> Path:
    widget.resize(*SIZE)
    settle(150)
    pix = widget.grab()
    pix.save(str(path))
    log.info("wrote %s", path)
    return path


def demo_card(**over: Any) -> Any:
    from counter.devices.idcard import make_card

    fields: dict[str, Any] = {
        "name": "李秀英",
        "sex": "女",
        "nation": "汉",
        "birth_date": dt.date(1968, 3, 12),
        "address": "青山镇石桥村三组27号",
        "id_number": "330102196803120028",
        "authority": "青山县公安局",
        "valid_from": dt.date(2016, 5, 1),
        "valid_to": "长期",
    }
    fields.update(over)
    fields["id_number"] = _fix_check(fields["id_number"])
    return make_card(**fields)


def _fix_check(number: str) -> str:
    from counter.domain.checkchars import citizen_id_check_char

    return number[:17] + citizen_id_check_char(number[:17])


def complete_case(url: str, case_no: str) -> None:
    """Back office, for demos and tests: take an accepted case through 初审, 审核 and 决定 (the
    demo reviewer 2002) and have its 决定书 sealed (the demo seal keeper 3001): 办结."""
    from counter.demo.hall import DEMO_PASSWORD
    from counter.services import backoffice, cases, seal
    from counter.services.auth import sign_in
    from counter.services.base import Runtime

    rt = Runtime(url)
    try:
        reviewer = sign_in(rt, "2002", DEMO_PASSWORD).actor
        keeper = sign_in(rt, "3001", DEMO_PASSWORD).actor
        state = cases.get_case(rt, reviewer, case_no).state
        steps = ("accepted", "first_review", "review")
        if state in steps:
            for node in ("first_review", "review", "decide")[steps.index(state) :]:
                backoffice.advance_case(rt, reviewer, case_no, node, "同意")
            state = "approved"
        if state in ("approved", "rejected"):
            seal.issue_decision(rt, keeper, case_no)
    finally:
        rt.dispose()


def accept_promised_case(rt: Any, desk: Any) -> str:
    """A promised item (农村村民宅基地审批, 承诺件) accepted with every material received, not yet
    through the back office; its case number (screenshots and tests)."""
    from counter import window as door
    from counter.domain import applicants, checklist

    found = door.search_items(rt, desk, "农村村民宅基地审批")
    summary = next(i for i in found if i.name == "农村村民宅基地审批")
    detail = door.item(rt, desk, summary.version_id)
    card = demo_card()
    request = door.IntakeRequest(
        version_id=summary.version_id,
        applicant=applicants.ApplicantInput(
            name=card.name, id_number=card.id_number, phone="13812345678"
        ),
        agent=None,
        materials=tuple(checklist.MaterialCheck(m.id, "received") for m in detail.materials),
    )
    return str(door.accept(rt, desk, request).case.case_no)


def issue_green_ticket(rt: Any, prefix: str, reason: str) -> Any:
    """A green-channel ticket (绿色通道: elderly, disabled …) as the kiosk issues it."""
    from counter.services.base import Actor
    from counter.services.tickets import issue_ticket

    return issue_ticket(rt, Actor.system(rt.hall_id(), "kiosk"), prefix, priority=reason).ticket


def issue_demo_ticket(rt: Any, prefix: str = "A") -> Any:
    """A ticket as the hall's kiosk would issue it (demos, screenshots and tests)."""
    from counter.services.base import Actor
    from counter.services.tickets import issue_ticket

    return issue_ticket(rt, Actor.system(rt.hall_id(), "kiosk"), prefix).ticket


def document_files(doc: Any, out_dir: Path, name: str) -> list[Path]:
    """``doc`` as ``NAME.pdf`` and every page as a PNG at 150 dpi: ``NAME.png`` for the first,
    ``NAME-p2.png`` … for the pages after it."""
    from ui import docrender

    pdf = out_dir / f"{name}.pdf"
    docrender.render_pdf(doc, pdf)
    out = [pdf]
    for index, img in enumerate(docrender.render_page_images(doc, 150)):
        path = out_dir / (f"{name}.png" if index == 0 else f"{name}-p{index + 1}.png")
        img.save(str(path))
        out.append(path)
    return out


def backoffice_screens(out_dir: Path, url: str, call: Callable[..., Any]) -> list[Path]:
    """The back office on a demo hall with activity: the inbox (决定, with marks), a case page
    with its actions, the decision sealed and previewed, the supervision view, a verification;
    the sealed decision also as a PDF (``34-decision.pdf``)."""
    from ui import docrender
    from ui.backoffice.session import BackofficeSession
    from ui.backoffice.window import BackofficeWindow

    files: list[Path] = []
    from counter.services.base import Runtime

    rt = Runtime(url)
    session = BackofficeSession(rt, demo=True)
    try:
        session.sign_in("4001", "demo1234")  # 何主任: manager and reviewer
        win = BackofficeWindow(session, live=False)
        win.resize(*SIZE)
        win.show()
        win.start()
        wait_for(lambda: win.inbox_data is not None, what="inbox")
        decide = win.node_codes.index("decide")
        win.node_tabs.setCurrentIndex(decide)
        wait_for(lambda: win.inbox_data.query.node == "decide", what="decide inbox")
        files.append(grab(win, out_dir / "30-backoffice-inbox.png"))
        first = win.model.row_at(0)
        if first is not None:
            win.open_case(first.case_no)
            wait_for(lambda: win.work.currentIndex() == 1, what="case page")
            win.case_page.tabs.setCurrentIndex(2)  # the history
            win.case_page.text.setPlainText("经审查，申请人符合最低生活保障条件，同意")
            files.append(grab(win, out_dir / "31-backoffice-case.png"))
            win.case_page.tabs.setCurrentIndex(1)  # the materials recorded at acceptance
            files.append(grab(win, out_dir / "31b-backoffice-materials.png"))
        win.tabs.setCurrentIndex(win.super_index)
        wait_for(lambda: win.supervision.view_data is not None, what="supervision")
        files.append(grab(win, out_dir / "32-backoffice-supervision.png"))
        win.close()
        session.close()
        # the seal keeper and reviewer 钱核 decides and seals a case waiting at 决定
        session = BackofficeSession(rt, demo=True)
        session.sign_in("2002", "demo1234")
        win = BackofficeWindow(session, live=False)
        win.resize(*SIZE)
        win.show()
        win.start()
        wait_for(lambda: win.inbox_data is not None, what="inbox")
        win.node_tabs.setCurrentIndex(win.node_codes.index("decide"))
        wait_for(lambda: win.inbox_data.query.node == "decide", what="decide inbox")
        row = win.model.row_at(0)
        sealed = None
        if row is not None:
            win.open_case(row.case_no)
            wait_for(lambda: win.work.currentIndex() == 1, what="case page")
            win.case_page.text.setPlainText("经审查，符合条件，同意")
            done: list[Any] = []
            win.action_done.connect(done.append)
            win.case_page.request("approve")
            wait_for(lambda: bool(done), what="decision")
            win.case_page.request("issue")
            wait_for(lambda: len(done) > 1, what="seal")
            sealed = done[-1].document
            files.append(grab(win, out_dir / "33-backoffice-sealed.png"))
        if sealed is not None:
            pdf = out_dir / "34-decision.pdf"
            docrender.render_pdf(sealed, pdf)
            files.append(pdf)
            img = docrender.render_page_image(sealed, 150)
            img.save(str(out_dir / "34-doc-decision.png"))
            files.append(out_dir / "34-doc-decision.png")
            win.tabs.setCurrentIndex(win.verify_index)
            win.verify_panel.code.setText(sealed.verify_code)
            got: list[Any] = []
            win.verified.connect(got.append)
            win.verify_panel.submit()
            wait_for(lambda: bool(got), what="verification")
            files.append(grab(win, out_dir / "35-backoffice-verify.png"))
        win.close()
    finally:
        session.close()
        rt.dispose()
    return files


def take_screenshots(out_dir: Path, url: str | None = None) -> list[Path]:
    """Render every screen and document to ``out_dir``; returns the files written.

    The demo runs on its own clock from :data:`counter.demo.clock.SCREENSHOT_AT` (a working-day
    morning), whatever the wall clock or ``COUNTER_CLOCK`` say: the queues are open, and the
    pictures are the same at any hour. The previous clock comes back afterwards."""
    from counter import clock
    from counter.demo.clock import screenshot_clock

    with clock.using(screenshot_clock()):
        return _take_screenshots(out_dir, url)


def _take_screenshots(out_dir: Path, url: str | None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.TemporaryDirectory(prefix="counter-shots-")
    os.environ.setdefault("COUNTER_HOME", tmp.name)
    own_demo = url is None
    if url is None:
        from counter.demo.hall import seed_demo

        url = f"sqlite:///{Path(tmp.name) / 'demo.sqlite3'}"
        seed_demo(url, with_activity=False)
    from counter.config import StationConfig
    from counter.services.base import Runtime
    from ui.app import make_app
    from ui.backend import Backend
    from ui.signin import SignInDialog
    from ui.window_client import WindowClient

    make_app()
    rt = Runtime(url)
    backend = Backend(rt, StationConfig(window=1), demo=True)
    files: list[Path] = []
    worker = backend.worker

    def idle() -> None:
        wait_for(lambda: worker.in_flight == 0, what="worker idle")

    def call(fn: Callable[..., Any], *args: Any) -> Any:
        box: list[Any] = []
        err: list[Exception] = []
        worker.submit("script", lambda: fn(*args), on_done=box.append, on_error=err.append)
        wait_for(lambda: bool(box or err), what=getattr(fn, "__name__", "call"))
        if err:
            raise err[0]
        return box[0]

    try:
        dialog = SignInDialog(backend)
        dialog.form.staff_no.setText("1001")
        files.append(grab(dialog, out_dir / "01-signin.png"))
        dialog.form.password.setText("demo1234")
        dialog.form.submit()
        wait_for(lambda: backend.signed_in, what="sign-in")
        dialog.close()

        client = WindowClient(backend, devices=False, live=False)
        client.resize(*SIZE)
        client.show()
        client.start_session()
        idle()
        wait_for(lambda: client.finder.model.rowCount() > 0, what="catalogue")
        for prefix in ("A", "A", "A", "D"):
            call(issue_demo_ticket, rt, prefix)
        call(issue_green_ticket, rt, "A", "elderly")  # served first, marked 绿色通道·老年人
        client.refresh_queue()
        idle()
        files.append(grab(client, out_dir / "02-client-idle.png"))

        # serving: call, card, item found by initials, checklist partly checked
        client.queue_action("call_next")
        idle()
        client.card_read(demo_card())
        idle()
        client.applicant.phone.setText("13812345678")
        client.finder.search.setText("zjd")
        client.finder.run_search()
        idle()
        names = [r.name for r in client.finder.model.rows()]
        row = names.index("农村村民宅基地审批") if "农村村民宅基地审批" in names else 0
        client.finder.view.setCurrentIndex(client.finder.model.index(row, 0))
        client.finder._choose(row)
        idle()
        wait_for(lambda: client.checklist.current is not None and client.checklist.current.loaded)
        model = client.checklist.model
        for row in range(model.rowCount()):
            if row < 2:
                model.set_status(row, "received")
        client.checklist.view.setCurrentIndex(model.index(2, 0))
        files.append(grab(client, out_dir / "03-client-serving.png"))
        assert client.citizen is not None
        files.append(grab(client.citizen, out_dir / "08-citizen-serving.png"))

        # the finder answering from memory: a common word, and why each item matched
        current_row = client.checklist.view.currentIndex()
        client.finder.search.setText("户口")
        client.finder.run_search()
        idle()
        files.append(grab(client.finder, out_dir / "03b-finder-common-word.png"))
        client.finder.search.clear()
        client.finder.run_search()
        idle()
        client.checklist.view.setCurrentIndex(current_row)

        # a rare character by its code point
        from ui.rare_chars import RareCharDialog

        rare = RareCharDialog(client)
        rare.code.setText("U+20000")
        rare.show()
        settle()
        rare.grab().save(str(out_dir / "03c-rare-character.png"))  # at its own size
        files.append(out_dir / "03c-rare-character.png")
        rare.close()

        # one-time notice: one material missing
        client.mark_all_received()
        model.set_status(model.rowCount() - 1, "missing")
        client.update_actions()
        client.notice_current()
        idle()
        files.append(grab(client, out_dir / "04-client-one-time-notice.png"))
        notice_doc = client.outcome.documents[0] if client.outcome.documents else None
        noticed_case = client.checklist.current.case_no if client.checklist.current else ""

        # accepted with receipt preview: a second item of the visit, with eight materials (F8
        # ticks the required ones; the receipt runs to a second page with its closing block)
        client.finder.search.setText("yljz")
        client.finder.run_search()
        idle()
        names = [r.name for r in client.finder.model.rows()]
        client.finder._choose(names.index("医疗救助") if "医疗救助" in names else 0)
        idle()
        wait_for(lambda: client.checklist.current is not None and client.checklist.current.loaded)
        client.mark_all_received()
        # the hall keeps two originals seen (户口簿 and the like) to give back at 出件 (R)
        current = client.checklist.current
        if current is not None:
            both = [m for m in current.materials if m.form == "original_and_copy"]
            for m in both[:2]:
                m.original = "held"
        client.accept_current()
        idle()
        files.append(grab(client, out_dir / "05-client-accepted-receipt.png"))
        accepted = client.checklist.current
        receipt_doc = client.outcome.documents[0] if client.outcome.documents else None

        # rejection of a third item (for its document)
        client.finder.search.setText("lmcfxkzhf")
        client.finder.run_search()
        idle()
        client.finder._choose(0)
        idle()
        wait_for(lambda: client.checklist.current is not None and client.checklist.current.loaded)
        import ui.outcome as outcome_mod
        from counter import window as door

        def reason(
            parent: QWidget | None, bodies: Sequence[str] | None = None, *, legal_basis: bool = True
        ) -> door.RefusalChoice | None:
            del parent, bodies, legal_basis
            return door.RefusalChoice("not_competent", refer_to="县自然资源和规划局")

        outcome_mod.ask_reject_reason = reason
        client.reject_current()
        idle()
        rejection_doc = client.outcome.documents[0] if client.outcome.documents else None

        # finish: F6 asks first (the one-time notice was not printed), F6 again finishes →
        # the evaluation on the citizen screen, naming the cases rated
        client.queue_action("finish")
        idle()
        files.append(grab(client, out_dir / "05b-client-finish-asks.png"))
        client.queue_action("finish")
        idle()
        wait_for(lambda: client.citizen is not None and client.citizen.page == "evaluation")
        client.citizen._level_chosen(2)
        client.citizen.reason_boxes["long_wait"].setChecked(True)
        files.append(grab(client.citizen, out_dir / "09-citizen-evaluation.png"))
        client.citizen._submit_bad()
        idle()

        # hand-out: the accepted case goes through the back office, then is scanned
        handover_doc = return_doc = None
        if accepted is not None and accepted.case_no:
            # a promised item scanned before the back office has finished: said plainly with
            # its date, step ③ stays off
            pending = call(accept_promised_case, rt, backend.desk)
            client.code_scanned(pending)
            idle()
            client.card_read(demo_card())
            idle()
            files.append(grab(client, out_dir / "06a-client-handout-unfinished.png"))
            client.handout.clear()
            complete_case(url, accepted.case_no)
            client.code_scanned(accepted.case_no)
            idle()
            client.card_read(demo_card())
            idle()
            files.append(grab(client, out_dir / "06-client-handout.png"))
            # the applicant forgot one held original: its tick taken off, it stays held
            if len(client.handout.original_checks) > 1:
                client.handout.original_checks[-1][1].setChecked(False)
            client.accept_current()
            idle()
            files.append(grab(client, out_dir / "07-client-handout-done.png"))
            handover_doc = client.handout.preview.content
            # ... and comes back for it: the delivered case scanned again, 退还原件
            client.handout.clear()
            client.code_scanned(accepted.case_no)
            idle()
            if client.handout.returns_later():
                client.handout.request_return()
                idle()
                files.append(grab(client, out_dir / "07b-client-originals-returned.png"))
                return_doc = client.handout.preview.content

        # 补正后受理: the one-time notice's barcode is scanned when the materials are brought
        if noticed_case:
            client.code_scanned(noticed_case)
            idle()
            wait_for(lambda: client.checklist.current is not None, what="completion")
            files.append(grab(client, out_dir / "14-client-completion.png"))

        # parked tickets: call the next visitor, park them, open the list (Shift+F4)
        call(issue_green_ticket, rt, "A", "disabled")
        client.refresh_queue()
        idle()
        client.queue_action("call_next")
        idle()
        if client.ticket is not None:
            client.queue_action("park")
            idle()
            client.refresh_queue()
            idle()
            if client.queue_bar.show_parked():
                settle()
                popup = client.queue_bar.popup
                popup.grab().save(str(out_dir / "15-parked-popup.png"))  # at its own size
                files.append(out_dir / "15-parked-popup.png")
                popup.close()
                files.append(grab(client, out_dir / "16-client-parked.png"))

        client.tabs.setCurrentIndex(0)
        for name, doc in (
            ("10-doc-receipt", receipt_doc),
            ("11-doc-one-time-notice", notice_doc),
            ("12-doc-rejection", rejection_doc),
            ("13-doc-handover-slip", handover_doc),
            ("13b-doc-originals-return", return_doc),
        ):
            if doc is not None:
                files.extend(document_files(doc, out_dir, name))
        client.stop()
        client.close()
        if own_demo:
            # A month of generated history behind today, so the reports have something to say.
            from counter.demo.history import generate_history

            generate_history(url, days=35, windows=14)
            _busy_hall(rt)
        files.extend(take_manager_screenshots(out_dir, rt))
        # the back office, always on a demo hall of its own with cases in every state (a
        # database given with --db may hold no case waiting at a node)
        from counter.demo.hall import seed_demo

        bo_url = f"sqlite:///{Path(tmp.name) / 'backoffice.sqlite3'}"
        seed_demo(bo_url, with_activity=True)
        files += backoffice_screens(out_dir, bo_url, call)

        # the kiosk and the displays, on a demo hall of their own (they run at their own moment
        # of a working morning, and issue tickets)
        from ui.public_screenshots import take_public_screenshots

        pub_url = f"sqlite:///{Path(tmp.name) / 'public.sqlite3'}"
        seed_demo(pub_url, with_activity=False)
        files += take_public_screenshots(out_dir, pub_url)

        # the admin console, on a demo hall of its own (it edits what it shows)
        from ui.admin.screenshots import take_admin_screenshots

        admin_url = f"sqlite:///{Path(tmp.name) / 'admin.sqlite3'}"
        seed_demo(admin_url, with_activity=False)
        files += take_admin_screenshots(out_dir, admin_url)
    finally:
        backend.close()
        rt.dispose()
        tmp.cleanup()
    return files


def take_manager_screenshots(out_dir: Path, rt: Any) -> list[Path]:
    """The manager screen: the live hall, yesterday's day report and the last 30 days."""
    from ui.manager.app import ManagerWindow
    from ui.manager.session import ManagerSession

    session = ManagerSession(rt, demo=True)
    files: list[Path] = []
    box: list[Any] = []
    err: list[Any] = []
    session.worker.submit(
        "sign_in",
        lambda: session.sign_in("4001", "demo1234"),
        on_done=box.append,
        on_error=err.append,
    )
    wait_for(lambda: bool(box or err), what="manager sign-in")
    if err:
        raise err[0]
    window = ManagerWindow(session, live_updates=False)
    try:
        window.resize(*SIZE)
        window.show()
        window.start()
        wait_for(lambda: all(window.live.reads.values()), what="live hall")
        files.append(grab(window, out_dir / "17-manager-live.png"))
        window.tabs.setCurrentIndex(1)
        window.day.day.setDate(window.day.day.date().addDays(-1))
        window.day.generate()
        wait_for(lambda: window.day.report is not None, 60000, what="day report")
        files.append(grab(window, out_dir / "18-manager-day-report.png"))
        window.tabs.setCurrentIndex(2)
        window.period.generate()
        wait_for(lambda: window.period.report is not None, 120000, what="period report")
        files.append(grab(window, out_dir / "19-manager-period-report.png"))
        window.period.tabs.setCurrentIndex(window.period.tabs.count() - 2)  # 差评
        files.append(grab(window, out_dir / "20-manager-bad-evaluations.png"))
    finally:
        window.stop()
        window.close()
        session.close()
    return files


def _busy_hall(rt: Any) -> None:
    """More of today's life for the live view: a line in every queue, windows calling and
    serving, one paused."""
    from counter.services import calling, tickets
    from counter.services.base import Actor

    hall = rt.hall_id()
    kiosk = Actor.system(hall, "kiosk")
    staff = Actor.system(hall, "demo")
    for prefix in "AAABADAABCAADABAACAADBA":
        tickets.issue_ticket(rt, kiosk, prefix)
    for number in range(2, 9):
        calling.open_window(rt, staff, number)
        if calling.call_next(rt, staff, number) is not None and number % 3:
            calling.start_service(rt, staff, number)
    calling.open_window(rt, staff, 11)
    calling.call_next(rt, staff, 11)
    calling.pause_window(rt, staff, 9)
