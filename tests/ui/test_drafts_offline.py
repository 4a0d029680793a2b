"""Never lose work: the form is saved as it is typed and restored after a crash; when the
database drops, a banner says so, accepting is disabled, the draft stays, and the client
reconnects by itself."""

from __future__ import annotations

import json

import pytest

from PySide6.QtCore import Qt

from counter.config import StationConfig
from counter.errors import DatabaseUnavailable
from counter.services.base import Runtime
from tests.ui.test_window_flow import WAIT, choose_item, open_client, sign_in
from ui.backend import Backend

ID = "11010519491231002X"


def _client(qtbot, url):
    rt = Runtime(url)
    backend = Backend(rt, StationConfig(window=1))
    sign_in(qtbot, backend)
    return rt, backend, open_client(qtbot, backend, devices=False)


def test_draft_saved_while_typing_and_restored_after_a_crash(qtbot, hall_url):
    rt, backend, client = _client(qtbot, hall_url)
    try:
        client.applicant.name.setText("张三")
        client.applicant.id_number.setText(ID)
        client.applicant.agent_box.setChecked(True)
        client.applicant.agent_name.setText("李四")
        choose_item(qtbot, client, "lnrydz", "老年人优待证办理")
        client.checklist.model.set_status(1, "missing")
        client.checklist.notes.setPlainText("照片明天补交")
        path = client.draft_file()
        qtbot.waitUntil(
            lambda: path.exists() and "照片明天补交" in path.read_text("utf-8"), timeout=WAIT
        )
        data = json.loads(path.read_text("utf-8"))
        assert data["applicant"]["id_number"] == ID
        assert data["agent"]["name"] == "李四"
        assert data["items"][0]["materials"][1]["status"] == "missing"
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        # the "crash": the window is gone without a proper close, nothing else is written
        client.drafts.enabled = False
        client.hide()
    finally:
        backend.close()
        rt.dispose()

    rt, backend, again = _client(qtbot, hall_url)
    try:
        assert again.applicant.name.text() == "张三"
        assert again.applicant.id_number.text() == ID
        assert again.applicant.agent_box.isChecked() and again.applicant.agent_name.text() == "李四"
        assert [i.name for i in again.checklist.items] == ["老年人优待证办理"]
        assert again.checklist.current.materials[1].status == "missing"
        assert again.checklist.notes.toPlainText() == "照片明天补交"
        assert "已恢复" in again.notice.label.text()
        # Ctrl+L clears the form for the next applicant and drops the draft
        qtbot.keyClick(again, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert again.applicant.name.text() == "" and not again.checklist.items
        assert not again.draft_file().exists()
    finally:
        backend.close()
        rt.dispose()


@pytest.mark.parametrize("hall_url", ["sqlite"], indirect=True)
def test_database_drop_keeps_the_form_and_reconnects(qtbot, hall_url, monkeypatch):
    rt, backend, client = _client(qtbot, hall_url)
    try:
        client.applicant.name.setText("张三")
        client.applicant.id_number.setText(ID)
        choose_item(qtbot, client, "lnrydz", "老年人优待证办理")
        client.mark_all_received()
        assert client.outcome.accept_button.isEnabled()

        down = {"on": True}
        real_ping = backend.ping

        def accept(_rt, _desk, _request):
            raise DatabaseUnavailable("connection refused")

        def ping():
            if down["on"]:
                raise DatabaseUnavailable("connection refused")
            return real_ping()

        monkeypatch.setattr("counter.window.accept", accept)
        backend.worker.set_ping(ping)
        backend.worker._retry.setInterval(50)
        qtbot.keyClick(client, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: backend.worker.offline, timeout=WAIT)
        assert client.offline_banner.isVisible()
        assert "数据库连接中断，正在重连" in client.offline_banner.label.text()
        assert not client.outcome.accept_button.isEnabled()
        assert not client.queue_bar.buttons["call_next"].isEnabled()
        assert client.checklist.current.outcome == ""
        assert client.applicant.name.text() == "张三"
        assert client.draft_file().exists() and ID in client.draft_file().read_text("utf-8")

        down["on"] = False  # the server is back: the client notices by itself
        qtbot.waitUntil(lambda: not backend.worker.offline, timeout=WAIT)
        assert not client.offline_banner.isVisible()
        assert client.outcome.accept_button.isEnabled()
        assert client.applicant.name.text() == "张三"
    finally:
        backend.close()
        rt.dispose()
