"""The window client takes its rules and vocabularies from the core (counter.domain via the
window's door), never from its own copies: each test puts the screen next to the core's rule."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from counter import clock
from counter import window as door
from counter.config import StationConfig
from counter.domain import checklist as rules
from counter.domain.applicants import ID_TYPES
from counter.domain.refusals import REFERRAL_BODIES, REFUSAL_REASONS
from counter.services.base import Runtime
from counter.services.catalog import SECTORS
from tests.ui.test_window_flow import WAIT, choose_item, idle, open_client, sign_in
from ui import outcome
from ui.backend import Backend
from ui.checklist import MaterialState, VisitItem

ID = "11010519491231002X"


@pytest.fixture
def client(qtbot, hall_url):  # type: ignore[no-untyped-def]
    rt = Runtime(hall_url)
    backend = Backend(rt, StationConfig(window=1))
    try:
        sign_in(qtbot, backend)
        c = open_client(qtbot, backend, devices=False)
        c.applicant.name.setText("张三")
        c.applicant.id_number.setText(ID)
        yield c
        c.stop()
    finally:
        backend.close()
        rt.dispose()


def _statuses(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.requirement: m.status for m in client.checklist.current.materials}


def test_an_optional_material_marked_missing_leaves_accept_enabled(qtbot, client) -> None:  # type: ignore[no-untyped-def]
    choose_item(qtbot, client, "shbzksl", "社会保障卡申领")
    mats = client.checklist.current.materials
    assert {m.requirement for m in mats} >= {"required", "optional", "conditional"}
    model = client.checklist.model
    for row, m in enumerate(mats):
        model.set_status(row, rules.MISSING if m.requirement == "optional" else rules.RECEIVED)
    client.update_actions()
    assert client.outcome.accept_button.isEnabled()
    assert not client.outcome.notice_button.isEnabled()  # nothing a notice could demand
    assert client.checklist.current.can_accept() == rules.can_accept(mats)
    client.accept_current()
    qtbot.waitUntil(lambda: client.checklist.current.outcome == "accepted", timeout=WAIT)


def test_f8_follows_the_cores_rule(qtbot, client) -> None:  # type: ignore[no-untyped-def]
    choose_item(qtbot, client, "shbzksl", "社会保障卡申领")
    qtbot.keyClick(client, Qt.Key.Key_F8)
    got = _statuses(client)
    assert got == {r: rules.f8_status(r, rules.UNCHECKED) for r in got}
    assert got["conditional"] == rules.NOT_APPLICABLE  # 按情形: not applicable until said
    idle(qtbot, client)
    assert client.outcome.accept_button.isEnabled()


def test_a_conditional_material_marked_missing_is_demanded_by_the_notice(qtbot, client) -> None:  # type: ignore[no-untyped-def]
    choose_item(qtbot, client, "shbzksl", "社会保障卡申领")
    model = client.checklist.model
    for row, m in enumerate(client.checklist.current.materials):
        model.set_status(row, rules.MISSING if m.requirement == "conditional" else rules.RECEIVED)
    client.update_actions()
    assert client.outcome.accept_button.isEnabled()  # a conditional one does not block
    assert client.outcome.notice_button.isEnabled()  # but the clerk may give a notice for it
    assert [m.requirement for m in client.checklist.current.missing()] == ["conditional"]


def test_visit_item_rules_are_the_cores() -> None:
    cases = [
        ("required", ""), ("required", "missing"), ("required", "received"),
        ("optional", "missing"), ("optional", ""), ("conditional", "missing"),
        ("conditional", "not_applicable"), ("conditional", ""),
    ]  # fmt: skip
    for requirement, status in cases:
        item = VisitItem(
            1, 1, "X", "X", loaded=True,
            materials=[MaterialState(1, "m", requirement=requirement, status=status)],
        )  # fmt: skip
        assert item.can_accept() == rules.can_accept(item.materials), (requirement, status)
        assert item.can_notice() == rules.can_issue_notice(item.materials), (requirement, status)


def test_vocabularies_come_from_the_core(qtbot, client) -> None:  # type: ignore[no-untyped-def]
    combo = client.applicant.id_type
    assert tuple(combo.itemData(i) for i in range(combo.count())) == tuple(ID_TYPES)
    sectors = client.finder.sector
    assert tuple(sectors.itemData(i) for i in range(1, sectors.count())) == tuple(SECTORS)
    assert tuple(r.text for r in REFUSAL_REASONS) == outcome.REJECT_REASONS
    assert door.vocabulary().forms == dict(rules.FORM_NAMES)


def test_f8_then_accept_prints_only_what_was_received(qtbot, client) -> None:  # type: ignore[no-untyped-def]
    """F8 ticks the required materials; 授权委托书 (按情形: 委托他人代办的提供) stays 不适用 for an
    applicant acting for themselves, and the receipt lists only what was received."""
    choose_item(qtbot, client, "zdshbzshqr", "最低生活保障审核确认")
    qtbot.waitUntil(lambda: client.checklist.current.loaded, timeout=WAIT)
    qtbot.keyClick(client, Qt.Key.Key_F8)
    mats = client.checklist.current.materials
    by_name = {m.name: m for m in mats}
    assert by_name["授权委托书"].requirement == rules.CONDITIONAL
    assert by_name["授权委托书"].status == rules.NOT_APPLICABLE
    assert all(
        m.status == (rules.RECEIVED if m.requirement == rules.REQUIRED else rules.NOT_APPLICABLE)
        for m in mats
    )
    # the clerk says otherwise for one conditional material: it is received and listed
    row = [m.name for m in mats].index("残疾人证或二级以上医院诊断证明")
    client.checklist.model.set_status(row, rules.RECEIVED)
    qtbot.keyClick(client, Qt.Key.Key_F8)  # a second F8 keeps what the clerk set
    assert mats[row].status == rules.RECEIVED
    idle(qtbot, client)
    client.update_actions()
    client.accept_current()
    qtbot.waitUntil(lambda: client.checklist.current.outcome == "accepted", timeout=WAIT)
    (receipt,) = client.outcome.documents
    table = next(b for b in receipt.blocks if type(b).__name__ == "Table")
    listed = [r[1] for r in table.rows]
    expected = [m.name for m in mats if m.status == rules.RECEIVED]
    assert listed == expected
    assert "授权委托书" not in listed and "残疾人证或二级以上医院诊断证明" in listed


def test_the_agents_relation_typed_in_the_panel_is_printed(qtbot, client) -> None:  # type: ignore[no-untyped-def]
    panel = client.applicant
    panel.agent_box.setChecked(True)
    panel.agent_name.setText("李娜")
    panel.agent_id.setText("440524188001010014")
    panel.agent_relation.setText("女儿")
    assert panel.inputs()[1].relation == "女儿"
    choose_item(qtbot, client, "zdshbzshqr", "最低生活保障审核确认")
    qtbot.waitUntil(lambda: client.checklist.current.loaded, timeout=WAIT)
    qtbot.keyClick(client, Qt.Key.Key_F8)
    idle(qtbot, client)
    client.update_actions()
    client.accept_current()
    qtbot.waitUntil(lambda: client.checklist.current.outcome == "accepted", timeout=WAIT)
    text = client.outcome.documents[0].text()
    assert "代办人：李娜" in text and "代办关系：女儿" in text


def test_the_reject_dialog_asks_for_the_body_to_apply_to(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = outcome.RejectDialog()
    qtbot.addWidget(dialog)
    codes = [dialog.reason.itemData(i) for i in range(dialog.reason.count())]
    assert codes == [*(r.code for r in REFUSAL_REASONS), ""]  # the last: typed freely
    dialog.reason.setCurrentIndex(codes.index("not_competent"))
    assert not dialog.can_accept()  # 行政许可法 第三十二条: say where to apply
    dialog.refer.setEditText("县自然资源和规划局")
    assert dialog.can_accept()
    dialog.extra.setPlainText("林地上建房")
    assert dialog.choice() == door.RefusalChoice(
        "not_competent", "林地上建房", "县自然资源和规划局"
    )
    dialog.reason.setCurrentIndex(codes.index("no_permission_needed"))
    assert dialog.can_accept() and dialog.choice().refer_to == ""
    assert not dialog.ground.isVisibleTo(dialog)


def test_a_reason_typed_freely_needs_its_ground(qtbot) -> None:  # type: ignore[no-untyped-def]
    from counter.domain.refusals import REFUSAL_GROUNDS

    dialog = outcome.RejectDialog(None, ("县林业局",))
    qtbot.addWidget(dialog)
    dialog.reason.setCurrentIndex(dialog.reason.count() - 1)  # other: typed freely
    assert dialog.ground.isVisibleTo(dialog) and not dialog.can_accept()
    dialog.extra.setPlainText("地块属于国有林场")
    assert not dialog.can_accept()  # no ground yet
    grounds = [dialog.ground.itemData(i) for i in range(dialog.ground.count())]
    assert grounds == ["", *(g.code for g in REFUSAL_GROUNDS)]
    dialog.ground.setCurrentIndex(grounds.index("art32_1_2"))
    assert dialog.refer.isVisibleTo(dialog) and not dialog.can_accept()  # where to go
    dialog.refer.setCurrentIndex(1)
    assert dialog.can_accept()
    assert dialog.choice() == door.RefusalChoice(
        "", "地块属于国有林场", "县林业局", ground="art32_1_2"
    )
    dialog.ground.setCurrentIndex(grounds.index("legal_basis"))
    assert dialog.can_accept() and dialog.choice().refer_to == ""
    dialog.grab().save("/tmp/reject_free.png")


def test_a_refusal_chosen_at_the_window_cites_its_item_and_the_body(  # type: ignore[no-untyped-def]
    qtbot, client, monkeypatch
) -> None:
    choice = door.RefusalChoice("not_competent", refer_to="县自然资源和规划局")
    offered: list[object] = []

    def ask(parent, bodies=None):  # type: ignore[no-untyped-def]
        offered.append(bodies)
        return choice

    monkeypatch.setattr(outcome, "ask_reject_reason", ask)
    choose_item(qtbot, client, "zdshbzshqr", "最低生活保障审核确认")
    qtbot.waitUntil(lambda: client.checklist.current.loaded, timeout=WAIT)
    idle(qtbot, client)
    client.update_actions()
    client.reject_current()
    qtbot.waitUntil(lambda: client.checklist.current.outcome == "rejected", timeout=WAIT)
    assert offered == [REFERRAL_BODIES]  # the hall's list (its default: today's list)
    (notice,) = client.outcome.documents
    assert "第三十二条第一款第（二）项" in notice.text()
    assert "请您向县自然资源和规划局提出申请" in notice.text()
    assert notice.number.endswith(f"〔{clock.today().year}〕1号") and "不受字" in notice.number


def test_an_item_without_a_legal_basis_offers_nothing_that_would_cite_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = outcome.RejectDialog(None, legal_basis=False)
    qtbot.addWidget(dialog)
    assert dialog.no_basis_note.isVisibleTo(dialog)
    assert "未载明法律依据" in dialog.no_basis_note.text()
    codes = [dialog.reason.itemData(i) for i in range(dialog.reason.count())]
    assert codes == [*(r.code for r in REFUSAL_REASONS if r.clause), ""]
    assert "not_eligible" not in codes
    dialog.reason.setCurrentIndex(len(codes) - 1)
    grounds = [dialog.ground.itemData(i) for i in range(dialog.ground.count())]
    assert grounds == ["", "art32_1_1", "art32_1_2"]  # not "the item's legal basis"
    assert not outcome.RejectDialog().no_basis_note.isVisibleTo(dialog)
    dialog.grab().save("/tmp/reject_no_basis.png")


def test_the_window_knows_an_item_has_no_legal_basis(qtbot, client, hall_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from db.models import ServiceItemVersion

    rt = Runtime(hall_url)
    with rt.unit() as s:
        s.execute(
            update(ServiceItemVersion)
            .where(ServiceItemVersion.name == "最低生活保障审核确认")
            .values(legal_basis="")
        )
    rt.dispose()
    asked: list[bool] = []

    def ask(parent, bodies=None, *, legal_basis=True):  # type: ignore[no-untyped-def]
        asked.append(legal_basis)
        return door.RefusalChoice("", "申请人户籍不在本镇", ground="art32_1_2", refer_to="县民政局")

    monkeypatch.setattr(outcome, "ask_reject_reason", ask)
    choose_item(qtbot, client, "zdshbzshqr", "最低生活保障审核确认")
    qtbot.waitUntil(lambda: client.checklist.current.loaded, timeout=WAIT)
    assert not client.checklist.current.has_legal_basis
    idle(qtbot, client)
    client.update_actions()
    client.reject_current()
    qtbot.waitUntil(lambda: client.checklist.current.outcome == "rejected", timeout=WAIT)
    assert asked == [False]
    (notice,) = client.outcome.documents
    assert "第三十二条第一款第（二）项的规定" in notice.text()
