"""The item finder answers from the catalogue held in memory: common words find their items,
each row says why it matched, and a catalogue change read from the database is searched next."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counter.changes import Change
from counter.config import StationConfig
from counter.services.base import Actor, Runtime
from counter.services.catalog import edit_item, search_items
from tests.ui.test_window_flow import WAIT, idle, open_client, sign_in
from ui.backend import Backend
from ui.models import DETAIL_ROLE

pytestmark = pytest.mark.slow


def type_chinese(field, text: str) -> None:  # noqa: ANN001
    """Chinese arrives from the input method as committed text, one character at a time
    (QTest sends only Latin key codes)."""
    for ch in text:
        field.insert(ch)


def test_common_words_why_and_a_refreshed_catalogue(qtbot, hall_url, monkeypatch):
    monkeypatch.setattr("ui.window_client.ask_before_leaving", lambda *_a: None)
    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1))
    try:
        sign_in(qtbot, backend)
        client = open_client(qtbot, backend, devices=False)
        finder = client.finder
        qtbot.waitUntil(lambda: finder.index_ready and len(finder.index) == 228, timeout=WAIT)
        idle(qtbot, client)
        finder.focus_search()
        before = client.worker.in_flight
        type_chinese(finder.search, "户口")
        # answered at once, without a database call or the debounce
        assert not finder._timer.isActive() and client.worker.in_flight == before
        rows = [r.name for r in finder.model.rows()]
        assert "居民户籍证明出具" in rows and "死亡户口注销" in rows
        row = rows.index("居民户籍证明出具")
        assert finder.model.reason_at(row) == "常用说法：户口 → 户籍"
        detail = finder.model.data(finder.model.index(row, 0), DETAIL_ROLE)
        assert detail.startswith("匹配：常用说法：户口 → 户籍")

        finder.search.clear()
        type_chinese(finder.search, "低保")
        rows = [r.name for r in finder.model.rows()]
        assert rows and all("最低生活保障" in n for n in rows)

        # the administrator renames an item elsewhere; its change event reloads the index
        code = search_items(rt, "最低生活保障审核确认")[0].code
        edit_item(rt, Actor.system(rt.hall_id()), code, name="最低生活保障审核确认（新）")
        loads = finder.catalogue_loads
        client._live_change(Change("catalogue.changed", rt.hall_id(), {"code": code}))
        qtbot.waitUntil(lambda: finder.catalogue_loads == loads + 1, timeout=WAIT)
        assert "最低生活保障审核确认（新）" in [r.name for r in finder.model.rows()]
        QTest.keyClick(finder.search, Qt.Key.Key_Escape)
        assert finder.search.text() == ""
        client.stop()
    finally:
        backend.close()
        rt.dispose()
