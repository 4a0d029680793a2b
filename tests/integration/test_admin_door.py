"""The administrator's door (counter.admin): catalogue versions, staff, hall settings, windows and
queues, the calendar and village points — on SQLite and PostgreSQL, with refusals in the service."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from counter import admin
from counter.changes import Change
from counter.demo.hall import DEMO_PASSWORD
from counter.domain import applicants, checklist
from counter.domain.checkchars import citizen_id_check_char
from counter.errors import (
    InvalidInput,
    LastAdministrator,
    NotFound,
    PasswordChangeRequired,
    PermissionDenied,
)
from counter.services import admin as admin_service
from counter.services import auth, calling, intake, seal, tickets
from counter.services.base import Actor, Runtime
from counter.services.catalog import MaterialSpec, get_item, search_items
from db.models import AuditLog, ChangeLog, Staff


@pytest.fixture
def rt(hall_url: str) -> Iterator[Runtime]:
    runtime = Runtime(hall_url)
    yield runtime
    runtime.dispose()


@pytest.fixture
def boss(rt: Runtime) -> Actor:
    return admin.sign_in(rt, "9001", DEMO_PASSWORD).actor


@pytest.fixture
def clerk(rt: Runtime) -> Actor:
    return auth.sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor


def audits(rt: Runtime, action: str) -> list[AuditLog]:
    with rt.unit() as s:
        rows = list(s.scalars(select(AuditLog).where(AuditLog.action == action)))
        s.expunge_all()
        return rows


def changes_of(rt: Runtime, type_: str) -> list[Change]:
    with rt.unit() as s:
        rows = s.execute(
            select(
                ChangeLog.id, ChangeLog.at, ChangeLog.hall_id, ChangeLog.type, ChangeLog.payload
            ).where(ChangeLog.type == type_)
        ).all()
    return [Change.from_row(r) for r in rows]


def person_id(seq: int) -> str:
    first17 = f"33011019900101{seq:03d}"
    return first17 + citizen_id_check_char(first17)


def accept(rt: Runtime, clerk: Actor, code: str) -> str:
    detail = get_item(rt, code=code)
    checks = [
        checklist.MaterialCheck(
            m.id, "received" if m.requirement == "required" else "not_applicable", m.form, m.copies
        )
        for m in detail.materials
    ]
    result = intake.accept_case(
        rt,
        clerk,
        item_version_id=detail.version_id,
        applicant=applicants.ApplicantInput(kind="person", name="王建国", id_number=person_id(7)),
        materials=checks,
    )
    return result.case_no


# -- refusals ----------------------------------------------------------------------------------


def test_console_sign_in_refuses_a_clerk_and_audits_it(rt: Runtime) -> None:
    with pytest.raises(PermissionDenied):
        admin.sign_in(rt, "1001", DEMO_PASSWORD)
    assert any(a.target == "admin console" for a in audits(rt, "permission_denied"))


@pytest.mark.parametrize(
    "call",
    [
        lambda rt, a: admin.save_item(rt, a, "NY-001", {"fee": "10元"}),
        lambda rt, a: admin.set_hall_settings(rt, a, {"recall_limit": 5}),
        lambda rt, a: admin.set_window_queues(rt, a, 1, {"A": 1}),
        lambda rt, a: admin.add_staff(rt, a, "7777", "新人", "secret-pass-1", ["clerk"]),
        lambda rt, a: admin.set_staff_active(rt, a, "1002", False),
        lambda rt, a: admin.mark_day(rt, a, dt.date(2026, 3, 20), is_workday=False),
        lambda rt, a: admin.set_item_active(rt, a, "NY-001", False),
        lambda rt, a: admin.staff_list(rt, a),
    ],
)
def test_a_non_administrator_is_refused_in_the_service(rt: Runtime, clerk: Actor, call) -> None:  # type: ignore[no-untyped-def]
    before = len(audits(rt, "permission_denied"))
    with pytest.raises(PermissionDenied):
        call(rt, clerk)
    assert len(audits(rt, "permission_denied")) == before + 1
    assert get_item(rt, code="NY-001").fee != "10元"


# -- catalogue ---------------------------------------------------------------------------------


def test_item_edit_is_a_new_version_and_an_accepted_case_keeps_its_receipt(
    rt: Runtime, boss: Actor, clerk: Actor
) -> None:
    before = get_item(rt, code="NY-001")
    case_no = accept(rt, clerk, "NY-001")
    first_material = before.materials[0].name
    saved = admin.save_item(
        rt, boss, "NY-001", {"name": before.name + "（新）", "promised_days": 3}
    )
    new_list = [MaterialSpec("新增的村委会证明", form="copy", copies=2)] + [
        MaterialSpec(m.name, m.form, m.copies, m.requirement, m.condition, m.notes)
        for m in before.materials[1:]
    ]
    saved = admin.save_materials(rt, boss, "NY-001", new_list)
    assert saved.item.version == before.version + 2
    assert saved.item.materials[0].name == "新增的村委会证明"
    assert saved.changes[0].type == "catalogue.changed" and saved.changes[0].id is not None
    # The case keeps the version it was accepted under; the receipt reprinted says the same.
    receipt = seal.reprint(rt, clerk, case_no, "receipt")
    text = json.dumps(receipt.to_dict(), ensure_ascii=False)
    assert before.name in text and first_material in text
    assert "（新）" not in text and "新增的村委会证明" not in text
    assert get_item(rt, version_id=before.version_id).name == before.name
    assert len(audits(rt, "catalogue_edit")) == 2


def test_materials_reorder_conditional_needs_its_condition(rt: Runtime, boss: Actor) -> None:
    before = get_item(rt, code="NY-001")
    specs = [MaterialSpec(m.name, m.form, m.copies, m.requirement, m.condition)
             for m in reversed(before.materials)]  # fmt: skip
    saved = admin.save_materials(rt, boss, "NY-001", specs)
    assert [m.name for m in saved.item.materials] == [m.name for m in reversed(before.materials)]
    bad = [*specs, MaterialSpec("委托书", requirement="conditional", condition="")]
    with pytest.raises(Exception, match="错误"):
        admin.save_materials(rt, boss, "NY-001", bad)
    good = [*specs, MaterialSpec("委托书", requirement="conditional", condition="委托他人办理的")]
    saved = admin.save_materials(rt, boss, "NY-001", good)
    assert saved.item.materials[-1].condition == "委托他人办理的"
    assert saved.item.materials[-1].requirement == "conditional"


def test_deactivated_item_leaves_the_finder_and_comes_back(rt: Runtime, boss: Actor) -> None:
    name = get_item(rt, code="NY-001").name
    admin.set_item_active(rt, boss, "NY-001", False)
    assert all(i.code != "NY-001" for i in search_items(rt, name))
    admin.set_item_active(rt, boss, "NY-001", True)
    assert any(i.code == "NY-001" for i in search_items(rt, name))
    assert changes_of(rt, "catalogue.changed")


def test_editing_a_deactivated_item_keeps_it_deactivated_unless_asked(
    rt: Runtime, boss: Actor
) -> None:
    before = get_item(rt, code="NY-001")
    admin.set_item_active(rt, boss, "NY-001", False)
    saved = admin.save_item(rt, boss, "NY-001", {"fee": "不收费（试行）"})
    assert saved.item.version == before.version + 1 and saved.item.fee == "不收费（试行）"
    assert not saved.item.active  # the edit did not bring it back
    assert all(i.code != "NY-001" for i in search_items(rt, before.name))
    materials = [MaterialSpec(m.name, m.form, m.copies, m.requirement, m.condition, m.notes)
                 for m in before.materials][::-1]  # fmt: skip
    assert not admin.save_materials(rt, boss, "NY-001", materials).item.active
    renamed = admin.save_item(rt, boss, "NY-001", {"code": "NY-001A"})
    assert not renamed.item.active
    back = admin.save_item(rt, boss, "NY-001A", {"code": "NY-001", "active": True})
    assert back.item.active and any(i.code == "NY-001" for i in search_items(rt, before.name))
    # asking to deactivate in an edit works too, and only a true/false is taken
    assert not admin.save_item(rt, boss, "NY-001", {"active": False}).item.active
    with pytest.raises(InvalidInput):
        admin.save_item(rt, boss, "NY-001", {"active": "yes"})
    with rt.unit() as s:
        last = s.scalars(
            select(AuditLog).where(AuditLog.action == "catalogue_edit").order_by(AuditLog.id.desc())
        ).first()
        assert last is not None and last.detail["fields"] == ["active"]


def test_import_preview_lists_added_changed_deactivated(rt: Runtime, boss: Actor) -> None:
    from counter.services.catalog import export_catalogue

    items = export_catalogue(rt)[:3]
    items[0] = {**items[0], "fee": "5元"}
    items[1] = {**items[1], "active": False}
    new = {**items[2], "code": "ZZ-NEW-1", "name": "新事项测试"}
    diff = admin.preview_import(rt, boss, [*items, new])
    assert diff.added == ("ZZ-NEW-1",)
    assert diff.changed == (items[0]["code"],)
    assert diff.deactivated == (items[1]["code"],)
    assert diff.unchanged == 1
    seen: list[tuple[int, int]] = []
    result = admin.apply_import(rt, boss, [*items, new], progress=lambda d, t: seen.append((d, t)))
    assert (result.created, result.versioned, result.deactivated) == (1, 1, 1)
    assert seen[-1] == (3, 3)
    assert admin.preview_import(rt, boss, [*items, new]).empty


# -- staff -------------------------------------------------------------------------------------


def test_reset_password_must_be_changed_at_next_sign_in(rt: Runtime, boss: Actor) -> None:
    admin.reset_password(rt, boss, "1002", "temporary-pw-1")
    with pytest.raises(PasswordChangeRequired):
        auth.sign_in(rt, "1002", "temporary-pw-1")
    with pytest.raises(InvalidInput):
        auth.sign_in(rt, "1002", "temporary-pw-1", new_password="temporary-pw-1")
    signed = auth.sign_in(rt, "1002", "temporary-pw-1", new_password="my-own-secret-9")
    assert signed.actor.staff_no == "1002"
    assert auth.sign_in(rt, "1002", "my-own-secret-9").actor.staff_no == "1002"
    assert audits(rt, "password_changed")


def test_add_deactivate_unlock_roles_and_the_last_administrator(rt: Runtime, boss: Actor) -> None:
    r = admin.add_staff(rt, boss, "7001", "新同事", "first-pass-77", ["clerk"])
    assert r.staff is not None and r.staff.must_change_password and r.staff.roles == ("clerk",)
    r = admin.set_roles(rt, boss, "7001", ["clerk", "reviewer"])
    assert r.staff is not None and r.staff.roles == ("clerk", "reviewer")
    for _ in range(5):
        with pytest.raises(Exception):  # noqa: B017 - wrong password, then locked
            auth.sign_in(rt, "7001", "wrong-password")
    assert next(s for s in admin.staff_list(rt, boss) if s.staff_no == "7001").locked
    r = admin.unlock(rt, boss, "7001")
    assert r.staff is not None and not r.staff.locked
    r = admin.set_staff_active(rt, boss, "7001", False)
    assert r.staff is not None and not r.staff.active
    # 9001 is the only administrator: neither deactivated nor demoted.
    with pytest.raises(LastAdministrator):
        admin.set_staff_active(rt, boss, "9001", False)
    with pytest.raises(LastAdministrator):
        admin.set_roles(rt, boss, "9001", ["manager"])
    admin.add_staff(rt, boss, "7002", "第二管理员", "second-pass-77", ["admin"])
    admin.set_roles(rt, boss, "9001", ["manager", "admin"])  # still fine
    r = admin.set_staff_active(rt, boss, "9001", False)  # now there is another one
    assert r.staff is not None and not r.staff.active
    assert {a.action for a in audits(rt, "staff_deactivate")} == {"staff_deactivate"}


def test_first_admin_only_once(rt: Runtime) -> None:
    with pytest.raises(Exception, match="已有系统管理员"):
        auth.create_first_admin(rt, None, "8888", "新管理员", "admin-pass-88")
    with rt.unit() as s:
        for st in s.scalars(select(Staff)):
            st.active = False
    info = auth.create_first_admin(rt, None, "8888", "新管理员", "admin-pass-88")
    assert info.roles == ("admin",)


def test_staff_of_a_village_point(rt: Runtime, boss: Actor) -> None:
    points = admin.village_points(rt, boss)
    assert points and points[0].code == "QS-SQ"
    r = admin.add_staff(rt, boss, "7101", "村代办员", "agent-pass-71", ["clerk"], hall_code="QS-SQ")
    assert r.staff is not None and r.staff.hall_code == "QS-SQ"
    with pytest.raises(PermissionDenied):
        admin.set_staff_hall(rt, boss, "7101", "NOPE")


# -- hall settings -----------------------------------------------------------------------------


def test_hall_settings_typed_unknown_refused_audited_and_announced(
    rt: Runtime, boss: Actor
) -> None:
    view, changes = admin.set_hall_settings(
        rt,
        boss,
        {"recall_limit": 5, "display_notice": "今日下午停电", "name": "青山镇便民服务中心"},
    )
    assert view.settings["recall_limit"] == 5 and view.info["name"] == "青山镇便民服务中心"
    assert changes[0].type == "hall.settings"
    with pytest.raises(InvalidInput):
        admin.set_hall_settings(rt, boss, {"recall_limit": "five"})
    with pytest.raises(InvalidInput):
        admin.set_hall_settings(rt, boss, {"no_such_key": 1})
    with pytest.raises(InvalidInput):
        admin.set_hall_settings(rt, boss, {"no_show_policy": "shout"})
    with pytest.raises(InvalidInput):
        admin.set_hall_settings(rt, boss, {"timezone": "Mars/Olympus"})
    entry = audits(rt, "hall_settings")[-1]
    assert entry.detail["before"]["recall_limit"] == 3
    assert admin.hall_settings(rt, boss).next_reference.endswith("号")
    assert "〔" in admin.hall_settings(rt, boss).next_reference
    keys = {f.key for f in admin.hall_settings(rt, boss).fields}
    assert {"recall_limit", "display_notice", "warn_days"} <= keys


# -- windows and queues ------------------------------------------------------------------------


def test_moving_a_window_between_queues_keeps_waiting_tickets(rt: Runtime, boss: Actor) -> None:
    hall_id = rt.hall_id("QS")
    kiosk = Actor.system(hall_id, "kiosk")
    floor = admin.floor(rt, boss)
    prefixes = [q.prefix for q in floor.queues]
    a, b = prefixes[0], prefixes[1]
    issued = [tickets.issue_ticket(rt, kiosk, a).ticket.number for _ in range(3)]
    waiting_before = admin.floor(rt, boss).queue(a).waiting
    # Window 1 now serves queue b only, with weight 2.
    floor = admin.set_window_queues(rt, boss, 1, {b: 2})
    assert floor.window(1).queues == ((b, 2),)
    assert floor.changes[0].type == "hall.windows"
    assert floor.queue(a).waiting == waiting_before  # nobody lost
    assert admin_service.waiting_tickets(rt, boss, a) >= 3
    # Window 1, opened, calls from b, not from a; window 2 still serves a and calls the first.
    clerk1 = auth.sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor
    calling.open_window(rt, clerk1, 1)
    got = calling.call_next(rt, clerk1, 1)
    assert got is None or not got.ticket.number.startswith(a)
    serving_a = [w.number for w in floor.windows if any(p == a for p, _w in w.queues)]
    assert serving_a
    other = serving_a[0]
    clerk2 = auth.sign_in(rt, f"10{other:02d}", DEMO_PASSWORD, window_number=other).actor
    calling.open_window(rt, clerk2, other)
    first = calling.call_next(rt, clerk2, other)
    assert first is not None and first.ticket.number == issued[0]
    # Moved back, window 1 calls the next ticket of queue a in order.
    admin.set_window_queues(rt, boss, 1, {a: 1})
    again = calling.call_next(rt, clerk1, 1, finish_current=True)
    assert again is not None and again.ticket.number == issued[1]
    with pytest.raises(NotFound):
        admin.set_window_queues(rt, boss, 1, {"ZZ": 1})
    with pytest.raises(InvalidInput):
        admin.set_window_queues(rt, boss, 1, {a: 0})


def test_queue_hours_cap_and_prefix(rt: Runtime, boss: Actor) -> None:
    hall_id = rt.hall_id("QS")
    kiosk = Actor.system(hall_id, "kiosk")
    floor = admin.save_queue(rt, boss, "Z", name="临时窗口", opens_at="09:00", closes_at="16:00",
                             daily_cap=2)  # fmt: skip
    q = floor.queue("Z")
    assert (q.opens_at, q.closes_at, q.daily_cap) == (dt.time(9), dt.time(16), 2)
    assert floor.changes[0].type == "hall.queues"
    floor = admin.save_queue(rt, boss, "Z", name="临时窗口", new_prefix="Y")
    assert "Y" in [q.prefix for q in floor.queues]
    tickets.issue_ticket(rt, kiosk, "Y")
    with pytest.raises(Exception, match="今天已取号"):
        admin.save_queue(rt, boss, "Y", name="临时窗口", new_prefix="X")
    with pytest.raises(Exception, match="等候"):
        admin.save_queue(rt, boss, "Y", name="临时窗口", active=False)
    with pytest.raises(InvalidInput):
        admin.save_queue(rt, boss, "Y", name="临时窗口", opens_at="17:00", closes_at="09:00")
    floor = admin.save_window(rt, boss, 30, name="30号临时窗口")
    assert floor.window(30).queues and floor.window(30).active


# -- calendar ----------------------------------------------------------------------------------


def test_calendar_closure_extra_day_and_unconfirmed_years(rt: Runtime, boss: Actor) -> None:
    view = admin.calendar_year(rt, boss, 2026)
    assert view.confirmed
    closure = dt.date(2026, 3, 20)  # a Friday
    view = admin.mark_day(rt, boss, closure, is_workday=False, name="停电闭厅")
    assert not view.working(closure)
    extra = dt.date(2026, 3, 21)  # a Saturday
    view = admin.mark_day(rt, boss, extra, is_workday=True, name="集中办理日")
    assert view.working(extra)
    view = admin.unmark_day(rt, boss, closure)
    assert view.working(closure)
    far = admin.calendar_year(rt, boss, 2099)
    assert not far.confirmed
    assert all(isinstance(y, int) for y in view.unconfirmed_years)
    assert changes_of(rt, "calendar.changed")


# -- village points ----------------------------------------------------------------------------


def test_village_point_items_agents_town_back_office_and_own_cases(
    rt: Runtime, boss: Actor, clerk: Actor
) -> None:
    from counter.errors import CounterError
    from counter.services import cases

    point = admin.save_village_point(rt, boss, "QS-SQ", name="青山镇石桥村便民服务点",
                                     items=["NY-001"])  # fmt: skip
    assert point.items == ("NY-001",) and point.backoffice == "town"
    admin.add_staff(rt, boss, "7201", "石桥代办员", "agent-pass-72", ["clerk"], hall_code="QS-SQ")
    assert "7201" in admin.village_points(rt, boss)[0].agents
    agent = auth.sign_in(rt, "7201", "agent-pass-72", window_number=1,
                         new_password="agent-own-pass-72").actor  # fmt: skip
    assert agent.hall_id == rt.hall_id("QS-SQ")
    village_case = accept(rt, agent, "NY-001")
    with pytest.raises(CounterError, match="本服务点不受理"):
        accept(rt, agent, "ZR-012")
    town_case = accept(rt, clerk, "ZR-012")  # the town hall itself has no such list
    # The village point sees its own cases only; the town sees both.
    mine = {c.case_no for c in cases.list_cases(rt, agent)}
    assert village_case in mine and town_case not in mine
    with pytest.raises(CounterError):
        cases.get_case(rt, agent, town_case)
    reviewer = auth.sign_in(rt, "2001", DEMO_PASSWORD).actor
    assert village_case in {c.case_no for c in cases.list_cases(rt, reviewer)}
    from counter import backoffice

    inbox = backoffice.inbox(rt, reviewer)
    assert village_case in {r.case_no for r in inbox.rows}
    # A new point: its own queue A and window 1, under the town.
    new = admin.save_village_point(rt, boss, "QS-HX", name="青山镇河西村便民服务点")
    assert new.items == () and admin.floor(rt, boss, "QS-HX").window(1).queues == (("A", 1),)


# -- the seal's image ----------------------------------------------------------------------------


def png(mode: str = "RGBA", size: int = 300, fmt: str = "PNG") -> bytes:
    import io

    from PIL import Image, ImageDraw

    img = Image.new(mode, (size, size), (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    ImageDraw.Draw(img).ellipse((10, 10, size - 10, size - 10), outline=(200, 0, 0), width=12)
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def test_seal_image_upload_checked_audited_and_on_the_sample(rt: Runtime, boss: Actor,
                                                             clerk: Actor) -> None:  # fmt: skip
    before = admin.seal_view(rt, boss)
    assert before is not None and before.specimen
    for bad, words in ((png("RGB"), "透明"), (png(fmt="JPEG", mode="RGB"), "PNG"),
                       (png(size=50), "像素"), (b"\x89PNG\r\n\x1a\nbroken", "损坏")):  # fmt: skip
        with pytest.raises(InvalidInput, match=words):
            admin.set_seal_image(rt, boss, bad)
    with pytest.raises(PermissionDenied):
        admin.set_seal_image(rt, clerk, png())
    data = png()
    view = admin.set_seal_image(rt, boss, data)
    assert view.image == data and not view.specimen
    assert admin.seal_view(rt, boss).image_sha256 == view.image_sha256  # type: ignore[union-attr]
    assert audits(rt, "seal_image")[-1].detail["after"] == view.image_sha256
    sample = admin.seal_sample(rt, boss)
    assert sample.seal_image == data and "样例" in sample.number
