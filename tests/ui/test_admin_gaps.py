"""Admin-console gaps with pytest-qt: the village points show their agents' and items' names,
the staff tab names each hall; a password an administrator reset is replaced at the hall
manager's sign-in and at the kiosk's administrator unlock (as at the window's sign-in); the
hall's 常用事项 (setting ``frequent_items``) are edited in the settings tab and come first in the
window client's item finder."""

from __future__ import annotations

from typing import Any

import pytest

from counter import admin as door
from counter import clock
from counter.demo.hall import DEMO_PASSWORD
from counter.domain.itemsearch import ItemIndex
from counter.services import auth, catalog
from counter.services.base import Runtime
from tests.ui.test_admin_console import console, rt, session, settle  # noqa: F401 (fixtures)
from tests.ui.test_public_screens import WAIT, Hall

NEW_PASSWORD = "my-own-pass-2026"


def reset(runtime: Runtime, staff_no: str) -> None:
    admin = auth.sign_in(runtime, "9001", DEMO_PASSWORD).actor
    door.reset_password(runtime, admin, staff_no, "temp-pass-0001")


def test_village_points_and_staff_show_names(qtbot, console, rt) -> None:  # noqa: F811
    actor = console.session.actor
    door.save_village_point(rt, actor, "QS-SQ", name="青山镇石桥村便民服务点", items=["NY-001"])
    door.add_staff(rt, actor, "7101", "石桥代办员", "agent-pass-71", ["clerk"], hall_code="QS-SQ")
    tab = console.villages
    tab.start()
    settle(qtbot, tab)
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "QS-SQ")
    assert tab.table.item(row, 1).text() == "青山镇石桥村便民服务点"
    assert tab.table.item(row, 3).text() == "7101 石桥代办员"
    assert tab.table.item(row, 4).text() == "NY-001 农村村民宅基地审批"
    staff = console.staff
    staff.start()
    settle(qtbot, staff)
    hall_col = {staff.table.item(r, 0).text(): staff.table.item(r, 3).text()
                for r in range(staff.table.rowCount())}  # fmt: skip
    assert hall_col["7101"] == "QS-SQ 青山镇石桥村便民服务点"


def test_frequent_items_are_edited_and_come_first(qtbot, console, rt) -> None:  # noqa: F811
    from sqlalchemy import select

    from db.models import Window

    tab = console.settings
    settle(qtbot, tab)
    editor = tab.editors["frequent_items"]
    editor.setText("ny-001，MZ-001 ny-001")  # typed loosely: normalised, duplicates dropped
    tab.save_button.click()
    settle(qtbot, tab)
    view = door.hall_settings(rt, console.session.actor)
    assert view.settings["frequent_items"] == ["NY-001", "MZ-001"]
    assert tab.editors["frequent_items"].text() == "NY-001，MZ-001"  # the editor, reloaded
    with rt.unit(read_only=True) as s:
        window_id = s.scalars(select(Window.id).where(Window.number == 1)).first()
    index = ItemIndex(catalog.catalogue_entries(rt, window_id))
    first = [m.item.code for m in index.search("")[:2]]
    assert first == ["NY-001", "MZ-001"]
    # too many codes: refused with the key's name, nothing saved
    tab.editors["frequent_items"].setText(" ".join(f"X-{n}" for n in range(40)))
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.pending == 0, timeout=10000)
    assert "frequent_items" in tab.banner.label.text()
    assert door.hall_settings(rt, console.session.actor).settings["frequent_items"] == [
        "NY-001",
        "MZ-001",
    ]


def test_manager_sign_in_replaces_a_reset_password(qtbot, hall_url) -> None:
    from ui.manager.app import ManagerSignIn
    from ui.manager.session import ManagerSession

    runtime = Runtime(hall_url)
    s = ManagerSession(runtime)
    try:
        reset(runtime, "4001")
        dialog = ManagerSignIn(s)
        qtbot.addWidget(dialog)
        assert not dialog._form.isRowVisible(dialog.new_password)
        dialog.staff_no.setText("4001")
        dialog.password.setText("temp-pass-0001")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.changing_password, timeout=10000)
        assert dialog._form.isRowVisible(dialog.new_password)
        assert "新密码" in dialog.message.text() and s.signed is None
        assert dialog.password.text() == "temp-pass-0001"  # kept for the change
        dialog.new_password.setText(NEW_PASSWORD)
        dialog.new_password2.setText("something-else-1")
        dialog.submit()
        assert "不一致" in dialog.message.text()
        dialog.new_password2.setText(NEW_PASSWORD)
        with qtbot.waitSignal(dialog.signed_in, timeout=10000):
            dialog.submit()
        assert s.actor.staff_no == "4001"
        assert not dialog._form.isRowVisible(dialog.new_password)
        assert auth.sign_in(runtime, "4001", NEW_PASSWORD).actor.staff_no == "4001"
    finally:
        s.close()
        runtime.dispose()


@pytest.fixture
def kiosk_hall(hall_url: str) -> Any:
    from tests.ui.test_public_screens import WORKING

    clock.set_clock(lambda: WORKING)
    h = Hall(hall_url)
    try:
        yield h
    finally:
        h.close()
        clock.set_clock(None)


def test_kiosk_unlock_replaces_a_reset_password(qtbot, kiosk_hall) -> None:
    reset(kiosk_hall.rt, "4001")  # the hall manager's, by the administrator
    screen = kiosk_hall.kiosk(qtbot)
    for _ in range(5):
        screen.corner.click()
    assert screen.stack.currentWidget() is screen.unlock_page
    assert not screen.new_password_row.isVisible()
    screen.staff_entry.setText("4001")
    screen.password_entry.setText("temp-pass-0001")
    screen._unlock()
    qtbot.waitUntil(lambda: bool(screen.unlock_note.text()), timeout=WAIT)
    assert screen.new_password_row.isVisible(), screen.unlock_note.text()
    assert screen.password_entry.text() == "temp-pass-0001"  # kept for the change
    assert "新密码" in screen.unlock_note.text() and screen.locked
    screen.new_password_entry.setText(NEW_PASSWORD)
    screen.new_password2_entry.setText(NEW_PASSWORD)
    screen._unlock()
    qtbot.waitUntil(lambda: not screen.locked, timeout=WAIT)
    assert not screen.new_password_row.isVisible()
    assert auth.sign_in(kiosk_hall.rt, "4001", NEW_PASSWORD).actor.staff_no == "4001"
    assert screen.close()
