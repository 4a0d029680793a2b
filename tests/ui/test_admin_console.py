"""The admin console with pytest-qt: edit an item, its material list, a hall setting and a window's
queues through the tabs; the window client's item finder sees the edit through the change event;
a non-administrator cannot sign in."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from counter import admin as door
from counter import events
from counter.changes import Change
from counter.demo.hall import DEMO_PASSWORD
from counter.domain import settings_form
from counter.errors import PermissionDenied
from counter.services.base import Runtime
from counter.services.catalog import get_item


@pytest.fixture
def rt(sqlite_hall_url: str) -> Iterator[Runtime]:
    runtime = Runtime(sqlite_hall_url)
    yield runtime
    runtime.dispose()


@pytest.fixture
def session(rt: Runtime):  # type: ignore[no-untyped-def]
    from ui.admin.session import AdminSession

    s = AdminSession(rt)
    s.sign_in("9001", DEMO_PASSWORD)
    yield s
    s.close()


@pytest.fixture
def console(qtbot, session):  # type: ignore[no-untyped-def]
    from ui.admin.app import AdminWindow

    w = AdminWindow(session, door.vocabularies(session.rt, session.actor), live_updates=False)
    qtbot.addWidget(w)
    w.resize(1600, 960)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.pending == 0 and w.floor.floor is not None, timeout=15000)
    yield w
    w.close()


def settle(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.pending == 0, timeout=15000)
    assert tab.last_error is None, tab.last_error


def open_item(qtbot, console, code: str) -> None:  # type: ignore[no-untyped-def]
    cat = console.catalogue
    cat.search.setText(code)
    cat.run_search()
    settle(qtbot, cat)
    row = next(n for n, it in enumerate(cat.results) if it.code == code)
    cat.open_row(row)
    settle(qtbot, cat)
    assert cat.item is not None and cat.item.code == code


def test_a_clerk_cannot_sign_in_to_the_console(rt: Runtime) -> None:
    from ui.admin.session import AdminSession

    s = AdminSession(rt)
    try:
        with pytest.raises(PermissionDenied):
            s.sign_in("1001", DEMO_PASSWORD)
        assert s.signed is None
    finally:
        s.close()


def test_edit_an_item_and_the_window_clients_finder_sees_it(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    from counter.config import StationConfig
    from ui.backend import Backend
    from ui.item_finder import ItemFinder

    # The window client's item finder on its own backend, fed by the change events as the
    # window client feeds it (a catalogue change: search again).
    backend = Backend(rt, StationConfig(window=1))
    backend.sign_in("1001", DEMO_PASSWORD)
    finder = ItemFinder(backend)
    qtbot.addWidget(finder)
    finder.search.setText("NY-001")
    finder.run_search()
    qtbot.waitUntil(lambda: finder.searches >= 1, timeout=10000)
    old_name = finder.model.rows()[0].name
    heard: list[Change] = []
    got = threading.Event()

    def on_change(change: Change) -> None:
        if change.type.startswith("catalogue."):
            heard.append(change)
            got.set()

    sub = events.subscribe(rt.url, rt.hall_id("QS"), on_change)
    try:
        before = get_item(rt, code="NY-001")
        open_item(qtbot, console, "NY-001")
        cat = console.catalogue
        cat.name.setText(old_name + "（试行）")
        cat.fee.setText("工本费5元")
        cat.save_button.click()
        settle(qtbot, cat)
        after = get_item(rt, code="NY-001")
        assert after.version == before.version + 1
        assert after.name == old_name + "（试行）" and after.fee == "工本费5元"
        assert cat.version.text() == f"第 {after.version} 版"
        qtbot.waitUntil(got.is_set, timeout=10000)
        assert heard[0].get("code") == "NY-001"
        searches = finder.searches
        finder.run_search()  # what the window client does on a catalogue.* event
        qtbot.waitUntil(lambda: finder.searches > searches, timeout=10000)
        assert finder.model.rows()[0].name == old_name + "（试行）"
    finally:
        sub.close()
        backend.close()


def test_edit_the_material_list(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    from ui.admin.catalogue import MAT_COND, MAT_REQ

    open_item(qtbot, console, "NY-001")
    cat = console.catalogue
    names = [m.name for m in cat.material_specs()]
    cat.add_material()
    last = cat.materials.rowCount() - 1
    cat.materials.item(last, 0).setText("授权委托书")
    req = cat.materials.cellWidget(last, MAT_REQ)
    req.setCurrentIndex(req.findData("conditional"))
    cat.materials.item(last, MAT_COND).setText("委托他人代办的")
    cat.materials.setCurrentCell(last, 0)
    cat.move_material(-1)  # one up
    cat.materials.setCurrentCell(0, 0)
    cat.remove_material()  # the first one goes
    cat.save_button.click()
    settle(qtbot, cat)
    item = get_item(rt, code="NY-001")
    got = [m.name for m in item.materials]
    assert got == [*names[1:-1], "授权委托书", names[-1]]
    mat = next(m for m in item.materials if m.name == "授权委托书")
    assert (mat.requirement, mat.condition) == ("conditional", "委托他人代办的")
    # A conditional material without its condition is refused, in words, nothing saved.
    cat.materials.item(len(got) - 2, MAT_COND).setText("")
    cat.save_button.click()
    qtbot.waitUntil(lambda: cat.pending == 0, timeout=10000)
    assert cat.last_error is not None and "错误" in cat.banner.label.text()
    assert get_item(rt, code="NY-001").version == item.version


def test_edit_a_hall_setting(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    tab = console.settings
    settle(qtbot, tab)
    assert "review_body" in settings_form.LABELS and "court" in settings_form.LABELS
    tab.editors["display_notice"].setText("今日下午三点起暂停办理不动产业务")
    tab.editors["recall_limit"].setValue(4)
    policy = tab.editors["no_show_policy"]
    policy.setCurrentIndex(policy.findData("void"))
    assert policy.currentText() == "作废"
    tab.info["phone"].setText("0571-8888 6001")
    tab.save_button.click()
    settle(qtbot, tab)
    view = door.hall_settings(rt, console.session.actor)
    assert view.settings["display_notice"] == "今日下午三点起暂停办理不动产业务"
    assert view.settings["recall_limit"] == 4 and view.settings["no_show_policy"] == "void"
    assert view.info["phone"] == "0571-8888 6001"
    assert "设置已保存" in tab.banner.label.text()
    # A wrong JSON value is refused with the key's name and nothing changes.
    tab.editors["kiosk_green_reasons"].setText("[elderly")
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.pending == 0, timeout=10000)
    assert "kiosk_green_reasons" in tab.banner.label.text()


def test_edit_a_windows_queues(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    tab = console.floor
    floor = tab.floor
    a, b = floor.queues[0].prefix, floor.queues[1].prefix
    tab.select_window(1)
    for prefix in tab.queue_boxes:
        tab.set_queue(prefix, False)
    tab.set_queue(b, True, 3)
    tab.set_queue(a, True, 1)
    tab.save_window()
    settle(qtbot, tab)
    now = door.floor(rt, console.session.actor).window(1)
    assert dict(now.queues) == {a: 1, b: 3}
    assert tab.windows.item(0, 2).text() == f"{a}×1、{b}×3"
    # No queue at all is refused.
    for prefix in tab.queue_boxes:
        tab.set_queue(prefix, False)
    tab.save_window()
    qtbot.waitUntil(lambda: tab.pending == 0, timeout=10000)
    assert tab.last_error is not None


def test_staff_and_calendar_tabs(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    st = console.staff
    st.new_no.setText("7301")
    st.new_name.setText("新来的")
    st.new_password.setText("temp-pass-73")
    st.add()
    settle(qtbot, st)
    info = next(s for s in st.rows if s.staff_no == "7301")
    assert info.must_change_password
    st.select("9001")
    st.toggle_active()  # the last administrator
    qtbot.waitUntil(lambda: st.pending == 0, timeout=10000)
    assert "最后一名系统管理员" in st.banner.label.text()
    cal = console.calendar
    cal.pick(dt.date(cal.year.value(), 3, 20))
    cal.mark_name.setText("停电闭厅")
    cal.mark(False)
    settle(qtbot, cal)
    assert cal.view is not None and not cal.view.working(dt.date(cal.year.value(), 3, 20))
    assert any(cal.marks.item(r, 2).text() == "停电闭厅" for r in range(cal.marks.rowCount()))


def test_upload_a_seal_png_and_preview_it(qtbot, console, rt, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw

    tab = console.settings
    settle(qtbot, tab)
    path = tmp_path / "seal.png"
    img = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((8, 8, 392, 392), outline=(210, 0, 0, 255), width=14)
    img.save(path)
    tab.upload_seal(str(path))
    qtbot.waitUntil(lambda: tab.pending == 0 and "本厅公章" in tab.seal_info.text(),
                    timeout=15000)  # fmt: skip
    assert tab.seal_label.pixmap() is not None and not tab.seal_label.pixmap().isNull()
    assert tab.sample_label.pixmap() is not None and not tab.sample_label.pixmap().isNull()
    assert door.seal_view(rt, console.session.actor).image == path.read_bytes()


def test_import_a_file_shows_the_diff_and_progress(qtbot, console, rt, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from counter.services.catalog import export_catalogue

    items = export_catalogue(rt)
    items[0] = {**items[0], "fee": "工本费8元"}
    items.append({**items[1], "code": "ZZ-UI-1", "name": "控制台导入测试事项"})
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    cat = console.catalogue
    cat.import_file(path, confirm=False)
    qtbot.waitUntil(lambda: cat.pending == 0 and "已导入" in cat.banner.label.text(),
                    timeout=30000)  # fmt: skip
    assert cat.last_diff.added == ("ZZ-UI-1",) and cat.last_diff.changed == (items[0]["code"],)
    qtbot.waitUntil(lambda: bool(cat.progress_seen) and cat.progress_seen[-1][0] ==
                    cat.progress_seen[-1][1], timeout=10000)  # fmt: skip
    assert get_item(rt, code="ZZ-UI-1").name == "控制台导入测试事项"
    assert get_item(rt, code=items[0]["code"]).fee == "工本费8元"


def test_add_a_queue_and_a_window(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    tab = console.floor
    tab.new_queue()
    tab.q_prefix.setText("E")
    tab.q_name.setText("不动产登记")
    tab.q_hours.setChecked(True)
    tab.q_cap.setValue(50)
    tab.save_queue()
    settle(qtbot, tab)
    q = door.floor(rt, console.session.actor).queue("E")
    assert (q.name, q.daily_cap, q.opens_at is not None) == ("不动产登记", 50, True)
    tab.new_number.setValue(15)
    tab.add_window()
    settle(qtbot, tab)
    assert door.floor(rt, console.session.actor).window(15).name == "15号综合窗口"


def test_edit_the_bodies_to_refer_applicants_to(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    from counter import window as window_door
    from counter.domain.refusals import REFERRAL_BODIES
    from ui.outcome import RejectDialog

    tab = console.settings
    settle(qtbot, tab)
    editor = tab.editors["referral_bodies"]
    assert editor.toPlainText().splitlines() == list(REFERRAL_BODIES)  # today's list
    editor.setPlainText("县林业局\n\n  县水利局 \n县林业局\n")
    tab.save_button.click()
    settle(qtbot, tab)
    view = door.hall_settings(rt, console.session.actor)
    assert view.settings["referral_bodies"] == ["县林业局", "县水利局"]  # blank and repeat gone
    desk = window_door.sign_in(rt, "1001", DEMO_PASSWORD, 1)
    bodies = window_door.referral_bodies(rt, desk)
    assert bodies == ("县林业局", "县水利局")
    dialog = RejectDialog(None, bodies)  # the window's refusal dialog offers the hall's list
    qtbot.addWidget(dialog)
    assert [dialog.refer.itemText(i) for i in range(dialog.refer.count())] == ["", *bodies]
    # on the command line: names separated by 、
    assert settings_form.parse_value("referral_bodies", "县林业局、县水利局") == [
        "县林业局",
        "县水利局",
    ]
    with pytest.raises(Exception, match="最多60字"):
        settings_form.check_value("referral_bodies", ["局" * 61])


def test_view_and_set_the_next_document_number(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    tab = console.settings
    settle(qtbot, tab)
    qtbot.waitUntil(lambda: "rejection" in tab.number_edits, timeout=15000)
    spin = tab.number_edits["rejection"]
    assert spin.value() == 1 and "不受字" in tab.number_infos["rejection"].text()
    spin.setValue(12)
    tab.findChild(type(tab.save_button), "setNumber_rejection").click()
    settle(qtbot, tab)
    series = {x.series: x for x in door.doc_number_series(rt, console.session.actor)}
    assert series["rejection"].next_seq == 12
    qtbot.waitUntil(lambda: "12号" in tab.number_infos["rejection"].text(), timeout=15000)
    assert "文号已设置" in tab.banner.label.text()
    tab.grab().save("/tmp/admin_numbers.png")


def test_editing_a_deactivated_item_keeps_it_deactivated(qtbot, console, rt) -> None:  # type: ignore[no-untyped-def]
    open_item(qtbot, console, "NY-001")
    cat = console.catalogue
    cat.active_button.click()  # 停用事项
    settle(qtbot, cat)
    assert not get_item(rt, code="NY-001").active
    open_item(qtbot, console, "NY-001")
    assert cat.active_button.text() == "启用事项"
    cat.fee.setText("不收费（试行）")
    cat.save_button.click()
    settle(qtbot, cat)
    after = get_item(rt, code="NY-001")
    assert after.fee == "不收费（试行）" and not after.active  # saved, still deactivated
    assert cat.active_button.text() == "启用事项"
