"""The window's papers through the services, on SQLite and PostgreSQL: the 不予受理通知书's 文号
from a per-hall, per-year series, the clause and the body to apply to, the hall's 复议机关 and
court; the agent's relation stored at acceptance and printed; the 落款 agreeing with the seal;
the 领取回执 listing results and exactly the originals given back at 出件 (recorded per material
at acceptance: returned on the spot, or held); one name for the handed-out state."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from counter.domain import checklist
from counter.domain.cases import CaseState
from counter.errors import InvalidInput
from counter.services import backoffice, cases, handout, intake, seal
from counter.services.catalog import get_item
from db.models import Case, Document
from db.models import Hall as HallRow
from tests.integration import test_cases as tc
from tests.integration.test_cases import ID_A, ID_B, Hall, accept, at_local, person

hall = tc.hall  # the demo hall and its frozen clock (fixtures of the case tests)
frozen = tc.frozen


def refuse(h: Hall, code: str = "not_competent", refer_to: str = "县自然资源和规划局", **kw):  # type: ignore[no-untyped-def]
    return intake.reject_application(
        h.rt,
        kw.pop("actor", h.clerk),
        item_version_id=h.version("NY-001"),
        applicant=kw.pop("applicant", person()),
        reason=kw.pop("reason", ""),
        reason_code=code,
        refer_to=refer_to,
    )


def set_settings(h: Hall, **values: object) -> None:
    with h.rt.unit() as s:
        row = s.get(HallRow, h.hall_id)
        assert row is not None
        row.settings = {**(row.settings or {}), **values}


def test_rejection_numbers_run_per_hall_and_year(hall: Hall, frozen: list[dt.datetime]) -> None:
    first = refuse(hall).documents[0]
    second = refuse(hall, "no_permission_needed", "").documents[0]
    assert first.number == "青山镇审批不受字〔2025〕1号"
    assert second.number == "青山镇审批不受字〔2025〕2号"
    assert first.meta["number_label"] == "文号"
    frozen[0] = at_local(2026, 1, 5)
    assert refuse(hall).documents[0].number == "青山镇审批不受字〔2026〕1号"
    # another hall counts on its own (the village point)
    with hall.rt.unit() as s:
        village = s.scalars(select(HallRow).where(HallRow.code == "QS-SQ")).one()
        from counter.services.seal import next_rejection_number

        assert next_rejection_number(s, village, 2026).endswith("〔2026〕1号")
    with hall.rt.unit() as s:
        refs = s.scalars(
            select(Document.reference).where(Document.kind == "rejection").order_by(Document.id)
        ).all()
    assert refs == [
        "青山镇审批不受字〔2025〕1号",
        "青山镇审批不受字〔2025〕2号",
        "青山镇审批不受字〔2026〕1号",
    ]


def test_rejection_cites_its_item_names_the_body_and_the_halls_review_body(hall: Hall) -> None:
    with pytest.raises(InvalidInput) as info:
        refuse(hall, refer_to="  ")
    assert info.value.params.get("field") == "refer_to" or "机关" in str(info.value)
    set_settings(hall, review_body="青山县人民政府", court="青山县人民法院")
    r = refuse(hall, reason="申请的是林地上的建房")
    text = r.documents[0].text()
    assert "第三十二条第一款第（二）项的规定，决定不予受理" in text
    assert "申请事项依法不属于本机关职权范围。申请的是林地上的建房" in text
    assert "请您向县自然资源和规划局提出申请" in text
    assert "向青山县人民政府申请行政复议" in text and "向青山县人民法院提起行政诉讼" in text
    # a reason that is no ground of 第三十二条 cites the item's own legal basis
    other = refuse(hall, "not_eligible", "").documents[0].text()
    assert "第三十二条" not in other.split("不予受理的理由")[0]
    with pytest.raises(InvalidInput):
        refuse(hall, "no_such_reason", "")


def test_agent_relation_is_stored_shown_and_printed(hall: Hall) -> None:
    agent = person("李娜", ID_B, relation="女儿")
    r = accept(hall, agent=agent)
    receipt = r.documents[0]
    assert "代办人：李娜" in receipt.text() and "代办关系：女儿" in receipt.text()
    with hall.rt.unit() as s:
        row = s.scalars(select(Case).where(Case.case_no == r.case_no)).one()
        assert row.agent_relation == "女儿"
    detail = cases.get_case(hall.rt, hall.clerk, r.case_no)
    assert detail.agent is not None and detail.agent.relation == "女儿"
    with pytest.raises(Exception, match="与申请人关系"):
        accept(hall, agent=person("李娜", ID_B, relation="很" * 31))


def test_signoff_agrees_with_the_seal(hall: Hall) -> None:
    receipt = accept(hall).documents[0]
    sig = receipt.blocks[-1]
    assert sig.issuer == "青山镇便民服务中心"  # type: ignore[union-attr]
    assert sig.seal_name == "青山镇便民服务中心受理专用章"  # type: ignore[union-attr]
    set_settings(hall, window_seal="approval", signoff="别的单位")
    receipt = accept(hall, applicant=person("李娜", ID_B)).documents[0]
    sig = receipt.blocks[-1]
    assert sig.seal_name == "青山镇人民政府行政审批专用章"  # type: ignore[union-attr]
    assert sig.issuer == "青山镇人民政府"  # type: ignore[union-attr]


def finished(h: Hall, materials: list[checklist.MaterialCheck] | None = None, **kw):  # type: ignore[no-untyped-def]
    r = accept(h, materials=materials, **kw)
    for step in ("first_review", "review", "decide"):
        backoffice.advance_case(h.rt, h.reviewer, r.case_no, step, "同意")
    return r, seal.issue_decision(h.rt, h.keeper, r.case_no)


def with_originals(h: Hall, **originals: str) -> list[checklist.MaterialCheck]:
    """NY-001's checks, each material named in ``originals`` received as 原件及复印件 with that
    disposal of its original (returned | held | filed)."""
    names = {m.id: m.name for m in get_item(h.rt, code="NY-001").materials}
    return [
        replace(c, form="original_and_copy", original=originals[names[c.material_id]])
        if names[c.material_id] in originals
        else c
        for c in h.checks("NY-001")
    ]


def test_handover_slip_lists_results_and_the_originals_given_back(hall: Hall) -> None:
    checks = with_originals(hall, 户口簿="held", 申请人居民身份证="returned")
    r, issued = finished(hall, checks, agent=person("李娜", ID_B, relation="女儿"))
    case_no = r.case_no
    receipt = r.documents[0].text()
    assert "以下材料原件由本中心暂存，领取办理结果时凭本回执退还：户口簿。" in receipt
    detail = cases.get_case(hall.rt, hall.clerk, case_no)
    by_name = {m.name: m for m in detail.materials}
    assert by_name["户口簿"].original == "held" and by_name["户口簿"].original_returned_at is None
    assert by_name["申请人居民身份证"].original == "returned"
    assert by_name["申请人居民身份证"].original_returned_at is not None  # on the spot
    out = handout.hand_out(hall.rt, hall.clerk, case_no, collector_id_number=ID_B)
    assert out.case.state == CaseState.DELIVERED.value
    assert out.case.state_zh == "已送达"  # the one name of the handed-out state
    slip = out.documents[0]
    text = slip.text()
    assert issued.content.number in text  # the decision handed over, with its 文号
    table = [b for b in slip.blocks if type(b).__name__ == "Table"][1]
    assert [row[1:] for row in table.rows] == [("户口簿", "原件", "1")]  # exactly the held one
    assert "申请人居民身份证" not in text  # returned at acceptance, not again now
    assert "退还材料原件已当面交还" in text
    assert "代办人（签收）：" in text and "签收日期：" in text
    after = {m.name: m for m in cases.get_case(hall.rt, hall.clerk, case_no).materials}
    assert after["户口簿"].original == "handed_back"
    assert after["户口簿"].original_returned_at is not None


def test_originals_not_ticked_stay_held_and_strays_are_refused(hall: Hall) -> None:
    checks = with_originals(hall, 户口簿="held", 申请人居民身份证="held")
    r, _issued = finished(hall, checks)
    held = {m.name: m.seq for m in cases.get_case(hall.rt, hall.clerk, r.case_no).materials}
    others = [n for name, n in held.items() if name not in ("户口簿", "申请人居民身份证")]
    with pytest.raises(InvalidInput) as info:
        handout.hand_out(
            hall.rt, hall.clerk, r.case_no, collector_id_number=ID_A, returned=[others[0]]
        )
    assert info.value.params.get("field") == "returned"
    out = handout.hand_out(
        hall.rt, hall.clerk, r.case_no, collector_id_number=ID_A, returned=[held["户口簿"]]
    )
    table = [b for b in out.documents[0].blocks if type(b).__name__ == "Table"][1]
    assert [row[1] for row in table.rows] == ["户口簿"]
    after = {m.name: m.original for m in cases.get_case(hall.rt, hall.clerk, r.case_no).materials}
    assert after["户口簿"] == "handed_back" and after["申请人居民身份证"] == "held"
    # nothing held, nothing returned: the slip says so
    r2, _ = finished(hall, with_originals(hall, 户口簿="returned"), applicant=person("李娜", ID_B))
    slip = handout.hand_out(hall.rt, hall.clerk, r2.case_no, collector_id_number=ID_B)
    assert "无退还材料" in slip.documents[0].text()
    assert "退还材料原件已当面交还" not in slip.documents[0].text()


def _post_event(h: Hall, case_no: str):  # type: ignore[no-untyped-def]
    from db.models import CaseEvent

    with h.rt.unit() as s:
        case = s.scalars(select(Case).where(Case.case_no == case_no)).one()
        ev = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.action == "post")
        ).one()
        return ev.comment, dict(ev.data or {})


def test_a_posted_result_encloses_the_held_originals_by_default(hall: Hall) -> None:
    checks = with_originals(hall, 户口簿="held", 申请人居民身份证="returned")
    r, _ = finished(hall, checks)
    out = backoffice.post_result(hall.rt, hall.clerk, r.case_no, carrier="中国邮政EMS",
                                 tracking="EA123456789CN")  # fmt: skip
    assert out.case.state == CaseState.DELIVERED.value
    after = {m.name: m for m in cases.get_case(hall.rt, hall.clerk, r.case_no).materials}
    assert after["户口簿"].original == "handed_back"
    assert after["户口簿"].original_returned_at is not None
    assert after["申请人居民身份证"].original == "returned"  # given back at acceptance
    comment, data = _post_event(hall, r.case_no)
    assert comment == "中国邮政EMS EA123456789CN；暂存原件随件寄回：户口簿"
    assert data["originals"] == "enclosed"
    assert data["originals_enclosed"] == ["户口簿"] and data["originals_held"] == []


def test_a_posted_result_may_leave_the_originals_held(hall: Hall) -> None:
    r, _ = finished(hall, with_originals(hall, 户口簿="held", 申请人居民身份证="held"))
    with pytest.raises(InvalidInput) as info:
        backoffice.post_result(hall.rt, hall.clerk, r.case_no, carrier="顺丰速运",
                               tracking="SF1", originals="lost")  # fmt: skip
    assert info.value.params.get("field") == "originals"
    assert cases.get_case(hall.rt, hall.clerk, r.case_no).state == CaseState.COMPLETED.value
    backoffice.post_result(hall.rt, hall.clerk, r.case_no, carrier="顺丰速运",
                           tracking="SF1", originals="held")  # fmt: skip
    after = {m.name: m for m in cases.get_case(hall.rt, hall.clerk, r.case_no).materials}
    assert after["户口簿"].original == after["申请人居民身份证"].original == "held"
    assert after["户口簿"].original_returned_at is None
    comment, data = _post_event(hall, r.case_no)
    assert "暂存原件继续由本中心保管，待申请人领取" in comment and "户口簿" in comment
    assert data["originals"] == "held" and data["originals_enclosed"] == []
    assert sorted(data["originals_held"]) == ["户口簿", "申请人居民身份证"]


def test_an_original_kept_at_hand_out_is_returned_later_with_a_receipt(hall: Hall) -> None:
    from db.models import AuditLog

    checks = with_originals(hall, 户口簿="held", 申请人居民身份证="held")
    r, _ = finished(hall, checks)
    seqs = {m.name: m.seq for m in cases.get_case(hall.rt, hall.clerk, r.case_no).materials}
    with pytest.raises(InvalidInput) as info:  # before 出件: ticked at hand-out instead
        handout.return_originals(hall.rt, hall.clerk, r.case_no)
    assert info.value.params.get("field") == "case_no"
    handout.hand_out(hall.rt, hall.clerk, r.case_no, collector_id_number=ID_A,
                     returned=[seqs["户口簿"]])  # fmt: skip
    with pytest.raises(InvalidInput) as info:  # given back already: not held any more
        handout.return_originals(hall.rt, hall.clerk, r.case_no, [seqs["户口簿"]])
    assert info.value.params.get("field") == "returned"
    out = handout.return_originals(hall.rt, hall.clerk2, r.case_no)
    slip = out.documents[0]
    assert slip.kind == "originals_return" and slip.title == "退还材料回执"
    text = slip.text()
    assert r.case_no in text and "申请人居民身份证" in text and "户口簿" not in text
    assert "申请人（签收）：" in text and "签收日期：" in text
    after = {m.name: m for m in cases.get_case(hall.rt, hall.clerk, r.case_no).materials}
    assert after["申请人居民身份证"].original == "handed_back"
    assert after["申请人居民身份证"].original_returned_at is not None
    with pytest.raises(handout.NoOriginalsHeld):
        handout.return_originals(hall.rt, hall.clerk, r.case_no)
    with hall.rt.unit() as s:
        case = s.scalars(select(Case).where(Case.case_no == r.case_no)).one()
        kinds = s.scalars(select(Document.kind).where(Document.case_id == case.id)).all()
        logged = s.scalars(select(AuditLog).where(AuditLog.action == "case.return_originals")).all()
    assert "originals_return" in kinds
    assert [e.target for e in logged] == [r.case_no]
    # the reviewer has no window: refused by role
    from counter.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        handout.return_originals(hall.rt, hall.reviewer, r.case_no)


def test_originals_kept_when_posting_are_returned_later(hall: Hall) -> None:
    r, _ = finished(hall, with_originals(hall, 户口簿="held"))
    backoffice.post_result(hall.rt, hall.clerk, r.case_no, carrier="顺丰速运",
                           tracking="SF2", originals="held")  # fmt: skip
    out = handout.return_originals(hall.rt, hall.clerk, r.case_no)
    table = [b for b in out.documents[0].blocks if type(b).__name__ == "Table"][0]
    assert [row[1:] for row in table.rows] == [("户口簿", "原件", "1")]


def test_an_unknown_disposal_of_an_original_is_refused(hall: Hall) -> None:
    with pytest.raises(InvalidInput):
        accept(hall, materials=with_originals(hall, 户口簿="lost"))
    # a copy has no original: whatever was sent, nothing is recorded
    checks = [replace(c, form="copy", original="held") for c in hall.checks("NY-001")]
    detail = cases.get_case(hall.rt, hall.clerk, accept(hall, materials=checks).case_no)
    assert all(m.original == "" for m in detail.materials)


def test_a_reason_typed_freely_names_what_it_rests_on(hall: Hall) -> None:
    def free(ground: str, refer_to: str = "", **kw):  # type: ignore[no-untyped-def]
        return intake.reject_application(
            hall.rt,
            hall.clerk,
            item_version_id=hall.version("NY-001"),
            applicant=person(),
            reason="申请建房的地块属于国有林场",
            ground=ground,
            refer_to=refer_to,
        )

    with pytest.raises(intake.RefusalGroundRequired) as info:
        free("")
    assert info.value.params.get("field") == "ground"
    assert "第三十二条" in info.value.message_zh and "article 32" in info.value.message_en
    with pytest.raises(InvalidInput):
        free("art99")
    with pytest.raises(InvalidInput) as info:
        free("art32_1_2")  # not this body's competence: say where to go
    assert info.value.params.get("field") == "refer_to"
    text = free("art32_1_2", "县林业局").documents[0].text()
    assert "根据《中华人民共和国行政许可法》第三十二条第一款第（二）项的规定，决定不予受理" in text
    assert "申请建房的地块属于国有林场" in text and "请您向县林业局提出申请" in text
    text = free("art32_1_1").documents[0].text()
    assert "第三十二条第一款第（一）项的规定，决定不予受理" in text
    basis = get_item(hall.rt, code="NY-001").legal_basis
    assert basis
    text = free("legal_basis").documents[0].text()
    assert f"根据{basis}的规定，决定不予受理" in text
    # an item whose catalogue names no legal basis cannot be refused on it
    with hall.rt.unit() as s:
        from db.models import ServiceItemVersion

        s.get(ServiceItemVersion, hall.version("NY-001")).legal_basis = ""  # type: ignore[union-attr]
    with pytest.raises(intake.RefusalGroundRequired) as info:
        free("legal_basis")
    assert "法律依据" in str(info.value)


def test_not_eligible_cites_the_items_basis_and_is_refused_without_one(hall: Hall) -> None:
    from db.models import ServiceItemVersion

    basis = get_item(hall.rt, code="NY-001").legal_basis
    assert basis
    text = refuse(hall, "not_eligible", "").documents[0].text()
    assert f"根据{basis}的规定，决定不予受理" in text
    assert "第三十二条第一款的规定" not in text  # never the article without its 项
    with hall.rt.unit() as s:
        s.get(ServiceItemVersion, hall.version("NY-001")).legal_basis = "  "  # type: ignore[union-attr]
        before = len(s.scalars(select(Case)).all())
    with pytest.raises(intake.ItemLegalBasisMissing) as info:
        refuse(hall, "not_eligible", "", applicant=person("李娜", ID_B))
    err = info.value
    assert isinstance(err, intake.RefusalGroundRequired) and err.code == "item_legal_basis_missing"
    assert err.params.get("field") == "ground" and err.params.get("reason_code") == "not_eligible"
    assert "未载明法律依据" in err.message_zh and "其他理由" in err.message_zh
    assert "第三十二条" in err.message_zh
    assert "no legal basis" in err.message_en and "choose" in err.message_en
    with hall.rt.unit() as s:  # refused at the door: no case, no 文号 spent
        assert len(s.scalars(select(Case)).all()) == before
    with pytest.raises(intake.ItemLegalBasisMissing):  # nor a free reason on that basis
        intake.reject_application(
            hall.rt, hall.clerk, item_version_id=hall.version("NY-001"), applicant=person(),
            reason="不符合条件", ground="legal_basis",
        )  # fmt: skip
    # the clerk types the reason and chooses its ground, as for any free reason
    done = intake.reject_application(
        hall.rt, hall.clerk, item_version_id=hall.version("NY-001"), applicant=person(),
        reason="申请人不具备该事项规定的申请资格", ground="art32_1_1",
    )  # fmt: skip
    notice = done.documents[0]
    assert "第三十二条第一款第（一）项的规定，决定不予受理" in notice.text()
    assert notice.number == "青山镇审批不受字〔2025〕2号"  # the refused attempt took none


def test_an_administrator_sees_and_sets_the_next_document_number(
    hall: Hall, frozen: list[dt.datetime]
) -> None:
    from counter.demo.hall import DEMO_PASSWORD
    from counter.errors import PermissionDenied
    from counter.services import admin
    from counter.services.auth import sign_in
    from db.models import AuditLog

    boss = sign_in(hall.rt, "9001", DEMO_PASSWORD).actor
    with pytest.raises(PermissionDenied):
        admin.doc_number_series(hall.rt, hall.clerk)
    refuse(hall)
    refuse(hall)
    rejection = {x.series: x for x in admin.doc_number_series(hall.rt, boss)}["rejection"]
    assert (rejection.year, rejection.last_seq, rejection.highest_used) == (2025, 2, 2)
    assert rejection.next_reference == "青山镇审批不受字〔2025〕3号"
    with pytest.raises(InvalidInput) as info:
        admin.set_next_doc_number(hall.rt, boss, "rejection", 2)  # 2 is used
    assert info.value.params.get("field") == "next_seq" and "已用到第2号" in str(info.value)
    got = admin.set_next_doc_number(hall.rt, boss, "rejection", 40)
    assert got.next_seq == 40 and got.next_reference == "青山镇审批不受字〔2025〕40号"
    assert refuse(hall).documents[0].number == "青山镇审批不受字〔2025〕40号"
    # a jump no document used yet may be taken back; one used may not
    admin.set_next_doc_number(hall.rt, boss, "rejection", 60)
    assert admin.set_next_doc_number(hall.rt, boss, "rejection", 41).next_seq == 41
    with pytest.raises(InvalidInput):
        admin.set_next_doc_number(hall.rt, boss, "rejection", 40)
    # next year's series, set ahead; the decisions' series on its own
    assert admin.set_next_doc_number(hall.rt, boss, "wenhao", 7, year=2026).next_reference == (
        "青山镇审批〔2026〕7号"
    )
    frozen[0] = at_local(2026, 1, 5)
    series = {x.series: x for x in admin.doc_number_series(hall.rt, boss)}
    assert series["wenhao"].next_seq == 7 and series["rejection"].next_seq == 1
    for bad in (0, -1, True, "5"):
        with pytest.raises(InvalidInput):
            admin.set_next_doc_number(hall.rt, boss, "wenhao", bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        admin.set_next_doc_number(hall.rt, boss, "seal1", 5)
    with hall.rt.unit() as s:
        entries = s.scalars(select(AuditLog).where(AuditLog.action == "doc_number_set")).all()
        assert [(e.detail["series"], e.detail["before"], e.detail["next"]) for e in entries] == [
            ("rejection", 3, 40),
            ("rejection", 41, 60),
            ("rejection", 60, 41),
            ("wenhao", 1, 7),
        ]
