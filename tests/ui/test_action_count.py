"""How many actions the clerk needs from "call next" to a printed receipt, for a standard item
with the ID-card reader (emulator on a pty) and a scanner configured. Goal: ≤ 6.

Every key press, click and card placement goes through :meth:`Actions.do`, which counts it;
waiting for the screen (signals, the worker) is not an action.
"""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from counter.config import StationConfig
from counter.devices.emulator import IdCardReaderEmulator, ScannerEmulator
from counter.domain import applicants, checklist
from counter.services import intake
from counter.services.base import Actor, Runtime
from counter.services.catalog import get_item, search_items
from tests.ui.test_window_flow import WAIT, Printed, open_client, sign_in
from ui.backend import Backend
from ui.screenshots import demo_card, issue_demo_ticket

pytestmark = pytest.mark.slow

STANDARD_ITEM = "农村村民宅基地审批"


class Actions:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.log: list[str] = []

    def key(self, widget, k, mod=Qt.KeyboardModifier.NoModifier, label: str = "") -> None:
        self.log.append(label or str(k))
        self.qtbot.keyClick(widget, k, mod)

    def do(self, label: str, fn) -> None:  # noqa: ANN001
        self.log.append(label)
        fn()

    @property
    def count(self) -> int:
        return len(self.log)


def _accept_once_at_window(url: str) -> None:
    """History: window 1 has accepted the standard item before (it is a frequent item there)."""
    rt = Runtime(url)
    try:
        hall = rt.hall_id()
        version = next(i for i in search_items(rt, "zjd") if i.name == STANDARD_ITEM).version_id
        detail = get_item(rt, version_id=version)
        actor = Actor(
            hall_id=hall,
            staff_id=None,
            staff_no="1001",
            name="王丽",
            roles=frozenset({"clerk"}),
            window_id=1,
        )
        from sqlalchemy import select

        from db.models import Staff, Window

        with rt.unit() as s:
            staff_id = s.scalars(select(Staff.id).where(Staff.staff_no == "1001")).one()
            window_id = s.scalars(
                select(Window.id).where(Window.hall_id == hall, Window.number == 1)
            ).one()
        actor = Actor(
            hall_id=hall,
            staff_id=staff_id,
            staff_no="1001",
            name="王丽",
            roles=frozenset({"clerk"}),
            window_id=window_id,
        )
        intake.accept_case(
            rt,
            actor,
            item_version_id=version,
            applicant=applicants.ApplicantInput(name="张三", id_number="11010519491231002X"),
            materials=[checklist.MaterialCheck(m.id, "received") for m in detail.materials],
        )
    finally:
        rt.dispose()


def test_actions_from_call_to_printed_receipt(qtbot, hall_url, tmp_path, monkeypatch):
    _accept_once_at_window(hall_url)
    printed = Printed(tmp_path)
    monkeypatch.setattr("ui.preview.ask_printer", printed)
    reader = IdCardReaderEmulator(card=None).start()
    scanner = ScannerEmulator().start()
    rt = Runtime(hall_url)
    backend = Backend(
        rt, StationConfig(window=1, idcard_port=reader.port, scanner_port=scanner.port)
    )
    try:
        sign_in(qtbot, backend)
        client = open_client(qtbot, backend)
        qtbot.waitUntil(lambda: client.reader.state == "ready", timeout=WAIT)
        for _ in range(2):
            issue_demo_ticket(backend.rt, "A")
        client.refresh_queue()
        qtbot.waitUntil(lambda: client.worker.in_flight == 0, timeout=WAIT)
        card = demo_card()

        def visit(use_initials: bool) -> int:
            acts = Actions(qtbot)
            n_prints = len(printed.files)
            acts.key(client, Qt.Key.Key_F1, label="F1 叫号")
            qtbot.waitUntil(lambda: client.ticket is not None, timeout=WAIT)
            acts.do("放身份证", lambda: reader.present_card(card))
            qtbot.waitUntil(
                lambda: client.applicant.id_number.text() == card.id_number, timeout=WAIT
            )
            finder = client.finder
            if use_initials:
                for ch in "zjd":
                    acts.key(finder.search, getattr(Qt.Key, f"Key_{ch.upper()}"), label=ch)
                qtbot.waitUntil(
                    lambda: (
                        finder.search.text() == "zjd"
                        and not finder._timer.isActive()
                        and client.worker.in_flight == 0
                        and finder.model.rowCount() > 0
                    ),
                    timeout=WAIT,
                )
                assert finder.model.row_at(0).name == STANDARD_ITEM  # frequent at this window
                acts.key(finder.search, Qt.Key.Key_Return, label="Enter")
            else:
                assert finder.model.row_at(0).name == STANDARD_ITEM  # empty search: frequent first
                acts.key(client, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier, label="Alt+1")
            qtbot.waitUntil(
                lambda: client.checklist.current is not None and client.checklist.current.loaded,
                timeout=WAIT,
            )
            assert client.checklist.current.name == STANDARD_ITEM
            acts.key(client, Qt.Key.Key_F8, label="F8 全部收齐")
            acts.key(
                client,
                Qt.Key.Key_Return,
                Qt.KeyboardModifier.ControlModifier,
                label="Ctrl+Enter 受理",
            )
            qtbot.waitUntil(lambda: client.checklist.current.outcome == "accepted", timeout=WAIT)
            acts.key(client, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier, label="Ctrl+P 打印")
            assert len(printed.files) == n_prints + 1
            assert client.outcome.preview.content.kind == "receipt"
            print(
                f"\n{'首字母查找' if use_initials else '常办事项 Alt+1'}: {acts.count} 步：{' → '.join(acts.log)}"
            )
            # end the visit for the next one
            qtbot.keyClick(client, Qt.Key.Key_F6)
            qtbot.waitUntil(
                lambda: client.ticket is None and client.worker.in_flight == 0, timeout=WAIT
            )
            client.finder.search.clear()
            client.finder.run_search()
            qtbot.waitUntil(
                lambda: client.worker.in_flight == 0 and client.finder.model.rowCount() > 0,
                timeout=WAIT,
            )
            reader.remove_card()
            return acts.count

        frequent = visit(use_initials=False)
        typed = visit(use_initials=True)
        print(f"ACTIONS call→printed receipt: frequent item {frequent}, by initials {typed}")
        assert frequent <= 6
        assert typed <= 9
        client.stop()
    finally:
        backend.close()
        rt.dispose()
        scanner.stop()
        reader.stop()
