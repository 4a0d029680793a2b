"""Document content as data (counter.documents): the builders and the JSON round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.documents import builders as b
from counter.documents.model import (
    DocumentContent,
    Fields,
    Heading,
    Paragraph,
    Signature,
    Table,
    block_from_dict,
)

ACCEPTED = dt.datetime(2025, 9, 30, 2, 5, tzinfo=dt.UTC)  # 10:05 in the hall
SEAL = "青山镇人民政府行政审批专用章"


def facts(**over: str) -> b.CaseFacts:
    base = dict(
        case_no="QS20250930-0001",
        hall_name="青山镇便民服务中心",
        item_name="农村村民宅基地审批",
        applicant_name="王𠀾䶮",
        department="农业农村办",
        applicant_id="330110********0018",
        clerk_name="王丽",
        window_name="1号综合窗口",
        contact_phone="0571-8888 6000",
        hall_address="青山镇人民路1号",
        seal_name=SEAL,
    )
    base.update(over)
    return b.CaseFacts(**base)  # type: ignore[arg-type]


def blocks_of(content: DocumentContent, kind: type) -> list:
    return [x for x in content.blocks if isinstance(x, kind)]


def field_map(content: DocumentContent) -> dict[str, str]:
    return {k: v for f in blocks_of(content, Fields) for k, v in f.rows if k}


RECEIVED = [
    b.MaterialLine("农村宅基地和建房（规划许可）申请表", "original", 1),
    b.MaterialLine("申请人居民身份证", "original_and_copy", 1),
    b.MaterialLine("户口簿", "original_and_copy", 2),
]


def test_receipt() -> None:
    c = b.receipt(
        facts(),
        accepted_at=ACCEPTED,
        materials=RECEIVED,
        promised_date=dt.date(2025, 10, 28),
        promised_days=15,
        statutory_date=dt.date(2025, 11, 4),
        statutory_days=20,
    )
    assert (c.kind, c.title, c.number, c.barcode) == (
        "receipt",
        "受理回执",
        "QS20250930-0001",
        "QS20250930-0001",
    )
    assert c.hall_name == "青山镇便民服务中心"
    f = field_map(c)
    assert f["办件编号"] == "QS20250930-0001"
    assert f["受理时间"] == "2025年9月30日 10:05"
    assert f["申请人"] == "王𠀾䶮"
    assert f["受理人"] == "王丽（1号综合窗口）"
    assert f["承办部门"] == "农业农村办"
    assert f["承诺时限"] == "15个工作日（2025年10月28日前办结）"
    assert f["法定时限"] == "20个工作日（2025年11月4日前）"
    (table,) = blocks_of(c, Table)
    assert [r[1:] for r in table.rows] == [
        ("农村宅基地和建房（规划许可）申请表", "原件", "1"),
        ("申请人居民身份证", "原件及复印件", "1"),
        ("户口簿", "原件及复印件", "2"),
    ]
    (sig,) = blocks_of(c, Signature)
    assert (sig.issuer, sig.date_text, sig.seal_name) == (
        "青山镇便民服务中心",
        "2025年9月30日",
        SEAL,
    )
    assert "0571-8888 6000" in c.text()
    assert "尚未公布" not in c.text()  # the calendar knew the year


def test_receipt_unconfirmed_deadline_has_a_note() -> None:
    c = b.receipt(
        facts(),
        accepted_at=ACCEPTED,
        materials=RECEIVED,
        promised_date=dt.date(2027, 1, 11),
        promised_days=15,
        deadline_confirmed=False,
    )
    notes = [p for p in blocks_of(c, Paragraph) if p.small and "尚未公布" in p.text]
    assert len(notes) == 1
    assert c.meta["deadline_confirmed"] is False


def test_receipt_on_the_spot() -> None:
    c = b.receipt(
        facts(item_name="生育登记"),
        accepted_at=ACCEPTED,
        materials=RECEIVED[:1],
        promised_date=dt.date(2025, 9, 30),
        promised_days=0,
        statutory_date=dt.date(2025, 10, 9),
        statutory_days=1,
        on_the_spot=True,
    )
    f = field_map(c)
    assert f["承诺时限"].startswith("即办件")
    assert "法定时限" not in f
    assert "已当场办结" in c.text()


def test_one_time_notice_lists_exactly_the_missing_materials() -> None:
    missing = [
        b.MaterialLine("农村宅基地使用承诺书", "original", 1),
        b.MaterialLine(
            "村民小组会议讨论通过记录及村委会意见", "original", 1, note="公示不少于5个工作日"
        ),
        b.MaterialLine(
            "建房设计图或选用的通用图",
            "copy",
            2,
            requirement="conditional",
            condition="建房超出通用图范围或三层以上的提供",
        ),
    ]
    c = b.one_time_notice(
        facts(), issued_at=ACCEPTED, missing=missing, notice_days=5, due_date=dt.date(2025, 10, 14)
    )
    assert (c.kind, c.title) == ("one_time_notice", "一次性告知书")
    (table,) = blocks_of(c, Table)
    assert [r[1] for r in table.rows] == [m.name for m in missing]
    assert table.rows[2][2:] == ("复印件", "2", "建房超出通用图范围或三层以上的提供")
    assert table.rows[1][4] == "公示不少于5个工作日"
    assert table.rows[0][4] == "—"
    text = c.text()
    assert "共3项" in text
    assert "5个工作日内，即2025年10月14日（含当日）前" in text
    assert "截止日当天计入" in text and "不是您的补正期限" in text
    assert "第三十二条第一款第（四）项" in text
    assert blocks_of(c, Signature)[0].seal_name == SEAL


def test_rejection_notice_gives_reason_and_remedies() -> None:
    c = b.rejection_notice(
        facts(),
        issued_at=ACCEPTED,
        reason="该事项不属于本机关职权范围。",
        review_body="青山县人民政府",
    )
    assert (c.kind, c.title) == ("rejection", "不予受理通知书")
    text = c.text()
    assert "该事项不属于本机关职权范围。" in text
    assert "60日内依法向青山县人民政府申请行政复议" in text
    assert "6个月内依法向人民法院提起行政诉讼" in text
    assert any(isinstance(x, Heading) and x.text == "不予受理的理由" for x in c.blocks)
    assert blocks_of(c, Signature)[0].seal_name == SEAL


def test_handover_slip_is_signed_not_sealed() -> None:
    c = b.handover_slip(
        facts(),
        handed_at=ACCEPTED,
        collector_name="李四",
        collector_id="330110********0026",
        result="准予办理",
        items=["准予行政许可决定书"],
    )
    assert (c.kind, c.title, c.barcode) == ("handover", "领取回执", "QS20250930-0001")
    f = field_map(c)
    assert (f["领取人"], f["领取人证件"], f["办理结果"]) == (
        "李四",
        "330110********0026",
        "准予办理",
    )
    (sig,) = blocks_of(c, Signature)
    assert sig.seal_name == ""
    assert sig.sign_lines[:2] == ("申请人（签收）：", "签收日期：")


def test_handover_slip_lists_results_and_materials_returned() -> None:
    c = b.handover_slip(
        facts(agent_name="李四", agent_relation="子女"),
        handed_at=ACCEPTED,
        collector_name="李四",
        collector_id="330110********0026",
        result="准予办理",
        items=[b.ResultLine("准予行政许可决定书", "青山镇审批〔2025〕7号")],
        returned=[b.MaterialLine("户口簿", "original", 1)],
        collector_is="agent",
    )
    results, returned = blocks_of(c, Table)
    assert results.rows == (("1", "准予行政许可决定书", "青山镇审批〔2025〕7号", "1"),)
    assert returned.caption == "退还材料清单"
    assert returned.rows == (("1", "户口簿", "原件", "1"),)
    assert blocks_of(c, Signature)[0].sign_lines[0] == "代办人（签收）："
    assert field_map(c)["代办关系"] == "子女"
    empty = b.handover_slip(
        facts(), handed_at=ACCEPTED, collector_name="王五", collector_id="x", result="办结"
    )
    assert [t.rows[0][1] for t in blocks_of(empty, Table)] == ["无书面办理结果", "无退还材料"]


def test_originals_return_slip_lists_the_originals_for_the_applicant_to_sign() -> None:
    c = b.originals_return_slip(
        facts(),
        returned_at=ACCEPTED,
        returned=[b.MaterialLine("户口簿", "original", 1), b.MaterialLine("结婚证", "original", 1)],
        clerk_name="王丽",
    )
    assert (c.kind, c.title, c.number, c.barcode) == (
        "originals_return",
        "退还材料回执",
        "QS20250930-0001",
        "QS20250930-0001",
    )
    f = field_map(c)
    assert f["办件编号"] == "QS20250930-0001" and f["经办人"] == "王丽"
    (table,) = blocks_of(c, Table)
    assert table.caption == "退还材料清单"
    assert table.rows == (("1", "户口簿", "原件", "1"), ("2", "结婚证", "原件", "1"))
    (sig,) = blocks_of(c, Signature)
    assert sig.seal_name == "" and sig.sign_lines == ("申请人（签收）：", "签收日期：")
    text = c.text()
    assert "现已当面退还申请人" in text and "2025年" in sig.date_text


def test_window_papers_carry_the_applicants_acknowledgement() -> None:
    f = facts()
    papers = [
        b.receipt(
            f,
            accepted_at=ACCEPTED,
            materials=RECEIVED,
            promised_date=dt.date(2025, 10, 28),
            promised_days=15,
        ),
        b.one_time_notice(
            f,
            issued_at=ACCEPTED,
            missing=RECEIVED[:1],
            notice_days=5,
            due_date=dt.date(2025, 10, 14),
        ),  # fmt: skip
    ]
    for c in papers:
        (sig,) = blocks_of(c, Signature)
        assert sig.sign_lines == ("申请人（签收）：", "签收日期：")
        assert sig.seal_name == SEAL


def test_agent_and_relation_on_the_receipt() -> None:
    c = b.receipt(
        facts(agent_name="李四", agent_relation="村代办员"),
        accepted_at=ACCEPTED,
        materials=RECEIVED,
        promised_date=dt.date(2025, 10, 28),
        promised_days=15,
    )
    f = field_map(c)
    assert (f["代办人"], f["代办关系"]) == ("李四", "村代办员")
    assert "代办关系" not in field_map(
        b.receipt(
            facts(),
            accepted_at=ACCEPTED,
            materials=RECEIVED,
            promised_date=dt.date(2025, 10, 28),
            promised_days=15,
        )  # fmt: skip
    )


def test_the_signoff_is_the_body_the_seal_names() -> None:
    from counter.documents.seal_text import signoff_of, split_seal_name

    assert split_seal_name("青山镇人民政府行政审批专用章") == ("青山镇人民政府", "行政审批专用章")
    assert split_seal_name("青山镇石桥村便民服务点受理专用章") == (
        "青山镇石桥村便民服务点",
        "受理专用章",
    )
    assert split_seal_name("青山镇人民政府财务专用章") == ("青山镇人民政府", "财务专用章")
    assert split_seal_name("青山镇便民服务中心") == ("青山镇便民服务中心", "")
    hall = "青山镇便民服务中心"
    assert signoff_of("青山镇人民政府行政审批专用章", hall) == "青山镇人民政府"
    # a configured 落款 never contradicts the seal on a sealed paper
    assert signoff_of("青山镇人民政府行政审批专用章", hall, {"signoff": "别的单位"}) == (
        "青山镇人民政府"
    )
    assert signoff_of("", hall, {"signoff": "青山镇人民政府"}) == "青山镇人民政府"
    assert signoff_of("", hall, {}) == hall
    c = b.decision(
        facts(signoff="青山镇人民政府"), decided_at=ACCEPTED, approved=True, item_kind="行政许可"
    )
    (sig,) = blocks_of(c, Signature)
    assert (sig.issuer, sig.seal_name) == ("青山镇人民政府", SEAL)


def test_rejection_cites_the_item_of_the_article_and_the_body_to_apply_to() -> None:
    from counter.domain.refusals import REFUSAL_REASONS, refusal_reason

    for r in REFUSAL_REASONS:
        assert not r.clause or r.clause.endswith("项")  # every cited clause names its 项
    reason = refusal_reason("not_competent")
    assert reason is not None and reason.refer_elsewhere
    c = b.rejection_notice(
        facts(),
        issued_at=ACCEPTED,
        reason=reason.text,
        clause=reason.clause,
        refer_to="县自然资源和规划局",
        review_body="青山县人民政府",
        court="青山县人民法院",
        number="青山镇审批不受字〔2025〕3号",
    )
    text = c.text()
    assert "根据《中华人民共和国行政许可法》第三十二条第一款第（二）项的规定，决定不予受理" in text
    assert "请您向县自然资源和规划局提出申请" in text
    assert "向青山县人民政府申请行政复议" in text and "向青山县人民法院提起行政诉讼" in text
    assert c.number == "青山镇审批不受字〔2025〕3号" and c.meta["number_label"] == "文号"
    assert blocks_of(c, Signature)[0].sign_lines[0] == "申请人（签收）："


@pytest.mark.parametrize(
    ("approved", "kind", "title", "remedy"),
    [
        (True, "行政许可", "准予行政许可决定书", False),
        (False, "行政许可", "不予行政许可决定书", True),
        (True, "行政给付", "准予办理决定书", False),
        (False, "公共服务", "不予办理决定书", True),
    ],
)
def test_decision(approved: bool, kind: str, title: str, remedy: bool) -> None:
    c = b.decision(facts(), decided_at=ACCEPTED, approved=approved, item_kind=kind, comment="理由")
    assert c.title == title
    assert ("申请行政复议" in c.text()) is remedy


def test_date_texts_use_the_hall_time_zone() -> None:
    late = dt.datetime(2025, 9, 30, 17, 30, tzinfo=dt.UTC)  # 01:30 on 1 October in the hall
    assert b.date_text(late) == "2025年10月1日"
    assert b.datetime_text(late) == "2025年10月1日 01:30"
    assert b.date_text(dt.date(2026, 1, 5)) == "2026年1月5日"


def test_round_trip_through_json() -> None:
    c = b.receipt(
        facts(),
        accepted_at=ACCEPTED,
        materials=RECEIVED,
        promised_date=dt.date(2025, 10, 28),
        promised_days=15,
    )
    back = DocumentContent.from_dict(json.loads(json.dumps(c.to_dict(), ensure_ascii=False)))
    assert back == c
    assert back.issued_at == ACCEPTED and back.issued_at.tzinfo is not None


def test_unknown_block_type_is_refused() -> None:
    with pytest.raises(ValueError):
        block_from_dict({"type": "video"})


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_blocks = st.one_of(
    st.builds(Heading, _text, st.integers(1, 3)),
    st.builds(Paragraph, _text, st.booleans(), st.booleans(), st.booleans()),
    st.builds(Fields, st.lists(st.tuples(_text, _text), max_size=4).map(tuple), st.integers(1, 2)),
    st.builds(
        Table,
        st.lists(_text, min_size=1, max_size=3).map(tuple),
        st.lists(st.lists(_text, max_size=3).map(tuple), max_size=3).map(tuple),
        st.lists(st.floats(0.5, 5), max_size=3).map(tuple),
        _text,
    ),
    st.builds(Signature, _text, _text, _text, st.lists(_text, max_size=2).map(tuple)),
)


@given(
    blocks=st.lists(_blocks, max_size=6),
    title=_text,
    barcode=st.one_of(st.none(), st.text("ABCQS0123456789-", min_size=1, max_size=20)),
)
def test_any_content_round_trips(blocks: list, title: str, barcode: str | None) -> None:
    c = DocumentContent(
        kind="receipt",
        title=title,
        number="QS20250930-0001",
        hall_name="青山镇便民服务中心",
        issued_at=ACCEPTED,
        blocks=tuple(blocks),
        barcode=barcode,
    )
    assert DocumentContent.from_dict(json.loads(json.dumps(c.to_dict()))) == c
