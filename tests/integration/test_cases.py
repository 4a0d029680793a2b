"""Cases at the window and in the back office (counter.services.cases), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, text

from counter import clock
from counter.demo import cases as demo_cases
from counter.demo.hall import DEMO_PASSWORD
from counter.domain import applicants, checklist
from counter.domain.cases import InvalidTransition
from counter.domain.checkchars import InvalidIdNumber, InvalidUscc, citizen_id_check_char
from counter.errors import InvalidInput, NotFound, PermissionDenied
from counter.services import backoffice, cases, handout, intake, seal
from counter.services.auth import sign_in
from counter.services.base import Actor, Runtime
from counter.services.catalog import get_item
from db.models import (
    Applicant,
    AuditLog,
    Case,
    CaseEvent,
    ChangeLog,
    Document,
    Seal,
    SealUse,
    WindowItemUse,
)

# Made-up numbers with the right check character (GB 11643); never real people.
ID_A = "11010519491231002X"
ID_B = "440524188001010014"


def made_up_id(seq: int) -> str:
    first17 = f"33011019900101{seq:03d}"
    return first17 + citizen_id_check_char(first17)


def at_local(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hour, 0, tzinfo=clock.HALL_TZ).astimezone(dt.UTC)


@pytest.fixture
def frozen() -> Iterator[list[dt.datetime]]:
    """The clock, frozen on 30 September 2025 at 10:00 in the hall (before the National Day
    week); ``frozen[0] = ...`` moves it."""
    now = [at_local(2025, 9, 30)]
    clock.set_clock(lambda: now[0])
    yield now
    clock.set_clock(None)


@dataclass
class Hall:
    rt: Runtime
    hall_id: int
    clerk: Actor
    clerk2: Actor
    reviewer: Actor
    kiosk: Actor
    keeper: Actor

    def count(self, model: type) -> int:
        with self.rt.unit() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)

    def version(self, code: str) -> int:
        return get_item(self.rt, code=code).version_id

    def checks(
        self, code: str, missing: tuple[str, ...] = (), na: tuple[str, ...] = ()
    ) -> list[checklist.MaterialCheck]:
        """Every material received, except those named (status missing / not applicable);
        conditional and optional materials not named are not applicable."""
        out = []
        for m in get_item(self.rt, code=code).materials:
            if m.name in missing:
                status = "missing"
            elif m.name in na or m.requirement != "required":
                status = "not_applicable"
            else:
                status = "received"
            out.append(checklist.MaterialCheck(m.id, status, m.form, m.copies))
        return out


@pytest.fixture
def hall(hall_url: str, frozen: list[dt.datetime]) -> Iterator[Hall]:
    rt = Runtime(hall_url)
    hall_id = rt.hall_id("QS")
    h = Hall(
        rt,
        hall_id,
        clerk=sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor,
        clerk2=sign_in(rt, "1002", DEMO_PASSWORD, window_number=2).actor,
        reviewer=sign_in(rt, "2002", DEMO_PASSWORD).actor,
        kiosk=Actor.system(hall_id, device="kiosk"),
        keeper=sign_in(rt, "3001", DEMO_PASSWORD).actor,
    )
    yield h
    rt.dispose()


def person(name: str = "王建国", number: str = ID_A, **more: str) -> applicants.ApplicantInput:
    return applicants.ApplicantInput(kind="person", name=name, id_number=number, **more)


def accept(h: Hall, code: str = "NY-001", applicant: applicants.ApplicantInput | None = None, **kw):  # type: ignore[no-untyped-def]
    return intake.accept_case(
        h.rt,
        kw.pop("actor", h.clerk),
        item_version_id=h.version(code),
        applicant=applicant or person(),
        materials=kw.pop("materials", None) or h.checks(code),
        **kw,
    )


# ---------------------------------------------------------------------------------- accept


def test_accept_writes_case_receipt_and_seal_use_across_national_day(hall: Hall) -> None:
    r = accept(hall)
    c = r.case
    assert c.case_no == "QS20250930-0001"
    assert (c.state, c.state_zh) == ("accepted", "受理")
    # 15 and 20 working days from 30 September 2025, over the National Day week (1-8 October
    # off, Saturday 11 October worked)
    assert c.deadline == dt.date(2025, 10, 28)
    assert c.statutory_deadline == dt.date(2025, 11, 4)
    assert c.deadline_confirmed
    # until 初审 is done: the 受理 and 初审 budgets, 1 + 5 working days (9, 10, 11, 13, 14, 15 Oct)
    assert c.node_deadline == dt.date(2025, 10, 15)
    assert c.pending_node == "first_review"
    (receipt,) = r.documents
    assert receipt.kind == "receipt" and receipt.barcode == c.case_no
    assert "15个工作日（2025年10月28日前办结）" in receipt.text()
    assert "受理时间：2025年9月30日 10:00" in receipt.text()
    received = [
        m.name for m in get_item(hall.rt, code="NY-001").materials if m.requirement == "required"
    ]
    table = [b for b in receipt.blocks if type(b).__name__ == "Table"][0]
    assert [row[1] for row in table.rows] == received
    assert [ch.type for ch in r.changes] == ["case.accepted"]

    detail = cases.get_case(hall.rt, hall.clerk, c.case_no)
    assert [(e.node, e.to_state) for e in detail.events] == [("受理", "accepted")]
    assert detail.events[0].staff_name == "王丽"
    assert [d.kind for d in detail.documents] == ["receipt"]
    assert sum(m.status == "received" for m in detail.materials) == len(received)
    assert seal.case_document(hall.rt, hall.clerk, c.case_no, "receipt") == receipt
    with hall.rt.unit() as s:
        (use,) = s.scalars(select(SealUse)).all()
        assert (
            use.case_id == c.id and use.used_by == hall.clerk.staff_id and use.purpose == "受理回执"
        )
        assert (use.kind, use.serial) == ("original", "2025-00001")
        assert s.get(Seal, use.seal_id).kind == "acceptance"  # the window's 受理专用章
        assert s.scalar(select(WindowItemUse.uses).where(WindowItemUse.item_id == c.item_id)) == 1
        assert s.scalars(select(ChangeLog.type)).all()[-1] == "case.accepted"

    second = accept(hall, applicant=person("李娜", ID_B))
    assert second.case.case_no == "QS20250930-0002"


def test_deadline_over_a_year_without_calendar_is_unconfirmed(
    hall: Hall, frozen: list[dt.datetime]
) -> None:
    frozen[0] = at_local(2026, 12, 21)  # 15 working days reach 2027, not in the calendar
    r = accept(hall)
    assert r.case.deadline == dt.date(2027, 1, 11)
    assert not r.case.deadline_confirmed
    assert any("2027年法定节假日" in w for w in r.warnings)
    assert "尚未公布" in r.documents[0].text()


def test_on_the_spot_item_is_accepted_and_completed_at_once(hall: Hall) -> None:
    r = accept(hall, "WJ-001")
    assert r.case.state == "completed"
    assert r.case.deadline == dt.date(2025, 9, 30)
    detail = cases.get_case(hall.rt, hall.clerk, r.case_no)
    assert [e.node for e in detail.events] == ["受理", "审批", "办结"]
    assert detail.completed_at is not None and detail.result == "approved"
    assert detail.ready_for_handout


def test_missing_required_material_is_refused_and_nothing_stored(hall: Hall) -> None:
    with pytest.raises(intake.MaterialsIncomplete) as info:
        accept(hall, materials=hall.checks("NY-001", missing=("户口簿",)))
    assert "户口簿" in str(info.value)
    assert hall.count(Case) == hall.count(Applicant) == hall.count(Document) == 0


def test_case_remembers_the_ticket_of_the_visit(hall: Hall) -> None:
    from counter.services import tickets

    ticket = tickets.issue_ticket(hall.rt, hall.clerk, "A").ticket
    r = accept(hall, ticket_id=ticket.id)
    assert r.case.ticket_id == ticket.id
    with pytest.raises(NotFound):
        accept(hall, ticket_id=987654)


def test_conditional_material_may_be_missing_at_acceptance(hall: Hall) -> None:
    r = accept(hall, materials=hall.checks("NY-001", missing=("原宅基地退出协议",)))
    assert r.case.state == "accepted"


def test_material_of_another_item_is_refused(hall: Hall) -> None:
    foreign = hall.checks("MZ-001")[:1]
    with pytest.raises(InvalidInput):
        accept(hall, materials=hall.checks("NY-001") + foreign)


# ---------------------------------------------------------------------------------- notice


def test_one_time_notice_names_exactly_the_missing_materials(hall: Hall) -> None:
    checks = hall.checks(
        "NY-001",
        missing=("户口簿", "农村宅基地使用承诺书", "建房设计图或选用的通用图"),
        na=("原宅基地退出协议",),
    )
    r = intake.issue_one_time_notice(
        hall.rt,
        hall.clerk,
        item_version_id=hall.version("NY-001"),
        applicant=person(),
        materials=checks,
    )
    assert r.case.state == "awaiting_materials"
    (notice,) = r.documents
    table = [b for b in notice.blocks if type(b).__name__ == "Table"][0]
    assert [row[1] for row in table.rows] == [
        "户口簿",
        "农村宅基地使用承诺书",
        "建房设计图或选用的通用图",
    ]
    assert table.rows[2][4].startswith("建房超出通用图范围")
    assert (
        "5个工作日内，即2025年10月14日（含当日）前" in notice.text()
    )  # notice_days 5, over National Day
    assert r.case.node_deadline == dt.date(2025, 10, 14)
    assert hall.count(SealUse) == 1
    assert seal.case_document(hall.rt, hall.clerk, r.case_no, "notice") == notice

    # The materials arrive: the same case is accepted.
    later = intake.accept_case(
        hall.rt,
        hall.clerk,
        item_version_id=hall.version("NY-001"),
        applicant=person(),
        materials=hall.checks("NY-001"),
        case_no=r.case_no,
    )
    assert later.case_no == r.case_no and later.case.state == "accepted"
    assert [e.node for e in cases.get_case(hall.rt, hall.clerk, r.case_no).events] == [
        "一次性告知",
        "受理",
    ]
    assert hall.count(Case) == 1


def test_notice_without_missing_material_is_refused(hall: Hall) -> None:
    with pytest.raises(intake.NothingMissing):
        intake.issue_one_time_notice(
            hall.rt,
            hall.clerk,
            item_version_id=hall.version("NY-001"),
            applicant=person(),
            materials=hall.checks("NY-001"),
        )
    assert hall.count(Case) == 0


# ---------------------------------------------------------------------------------- rejection


def test_rejection_notice_with_reason_and_remedies(hall: Hall) -> None:
    with pytest.raises(InvalidInput):
        intake.reject_application(
            hall.rt,
            hall.clerk,
            item_version_id=hall.version("NY-001"),
            applicant=person(),
            reason="  ",
        )
    r = intake.reject_application(
        hall.rt,
        hall.clerk,
        item_version_id=hall.version("NY-001"),
        applicant=person(),
        reason="申请人户籍不在本镇，请向户籍所在地乡镇申请。",
        ground="art32_1_2",
        refer_to="户籍所在地乡镇便民服务中心",
    )
    assert r.case.state == "not_accepted"
    text_ = r.documents[0].text()
    assert "申请人户籍不在本镇" in text_
    assert "60日内" in text_ and "行政复议" in text_ and "6个月内" in text_ and "行政诉讼" in text_
    assert hall.count(SealUse) == 1
    with pytest.raises(InvalidTransition):
        backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "first_review")


# ---------------------------------------------------------------------------------- back office


def test_back_office_steps_are_time_stamped(hall: Hall, frozen: list[dt.datetime]) -> None:
    r = accept(hall)
    steps = ["first_review", "review", "decide"]
    for n, step in enumerate(steps, start=1):
        frozen[0] = at_local(2025, 10, 9 + n)
        out = backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, step, "同意")
    assert out.case.state == "approved" and out.case.pending_node == "complete"
    frozen[0] = at_local(2025, 10, 13)
    issued = seal.issue_decision(hall.rt, hall.keeper, r.case_no)
    assert issued.case.state == "completed"
    detail = cases.get_case(hall.rt, hall.clerk, r.case_no)
    assert [(e.node, e.to_state) for e in detail.events] == [
        ("受理", "accepted"),
        ("初审", "first_review"),
        ("审核", "review"),
        ("决定", "approved"),
        ("办结", "completed"),
    ]
    assert [e.at for e in detail.events][1:] == [at_local(2025, 10, 9 + n) for n in range(1, 5)]
    assert {e.staff_name for e in detail.events[1:4]} == {"钱核"}
    assert detail.events[-1].staff_name == "冯印"
    decision = seal.case_document(hall.rt, hall.clerk, r.case_no, "decision")
    assert decision.title == "准予行政许可决定书"
    assert decision.number == "青山镇审批〔2025〕1号" and decision.verify_code
    assert hall.count(SealUse) == 2  # receipt + decision


def test_state_machine_and_reason_rules(hall: Hall) -> None:
    r = accept(hall)
    with pytest.raises(InvalidInput):
        backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "complete")  # the seal's
    with pytest.raises(InvalidTransition):
        backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "decide")  # 初审 first
    backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "first_review")
    backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "review")
    with pytest.raises(InvalidInput):  # a refusal needs its reasons
        backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "decide", refuse=True)
    with pytest.raises(InvalidInput):
        backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "explode")
    out = backoffice.advance_case(
        hall.rt, hall.reviewer, r.case_no, "decide", refuse=True, reasons=("不符合一户一宅规定",)
    )
    assert out.case.state == "rejected" and out.case.result == "rejected"
    issued = seal.issue_decision(hall.rt, hall.keeper, r.case_no)
    assert "不符合一户一宅规定" in issued.content.text()
    assert "申请行政复议" in issued.content.text()
    assert issued.content.title == "不予行政许可决定书"


def test_node_overrun_and_limit_exceeded_show_cards(hall: Hall, frozen: list[dt.datetime]) -> None:
    r = accept(hall)  # 30 September; 15 working days → 28 October
    out = backoffice.advance_case(hall.rt, hall.reviewer, r.case_no, "first_review")
    assert out.case.node_deadline == dt.date(2025, 10, 14)  # 审核 budget: 5 working days
    frozen[0] = at_local(2025, 10, 15)
    assert cases.get_case(hall.rt, hall.clerk, r.case_no).overdue == "yellow"
    frozen[0] = at_local(2025, 10, 29)
    (listed,) = cases.list_cases(hall.rt, hall.clerk, state="first_review")
    assert (listed.overdue, listed.overdue_zh) == ("red", "红牌")
    assert listed.days_left == -1 and listed.countdown_zh == "超期1个工作日"


# ---------------------------------------------------------------------------------- hand-out


def _completed(h: Hall, **kw):  # type: ignore[no-untyped-def]
    r = accept(h, **kw)
    for step in ("first_review", "review", "decide"):
        backoffice.advance_case(h.rt, h.reviewer, r.case_no, step)
    seal.issue_decision(h.rt, h.keeper, r.case_no)
    return r


def test_hand_out_checks_the_collector(hall: Hall) -> None:
    agent = person("李娜", ID_B)
    r = _completed(hall, agent=agent)
    found = handout.find_case_for_handout(hall.rt, hall.clerk, r.documents[0].barcode or "")
    assert found.case_no == r.case_no and found.ready_for_handout
    assert found.applicant is not None and found.applicant.name == "王建国"
    assert found.agent is not None and found.agent.name == "李娜"

    with pytest.raises(handout.CollectorMismatch):
        handout.hand_out(hall.rt, hall.clerk, r.case_no, collector_id_number=made_up_id(7))
    assert cases.get_case(hall.rt, hall.clerk, r.case_no).state == "completed"
    with hall.rt.unit() as s:
        assert s.scalars(select(AuditLog.action).where(AuditLog.action == "handout_refused")).all()

    out = handout.hand_out(hall.rt, hall.clerk, r.case_no, collector_id_number=ID_B.lower())
    assert out.case.state == "delivered" and out.case.delivered_at is not None
    slip = out.documents[0]
    assert slip.kind == "handover" and "李娜" in slip.text() and ID_B not in slip.text()
    assert "准予行政许可决定书" in slip.text()
    detail = cases.get_case(hall.rt, hall.clerk, r.case_no)
    assert detail.events[-1].node == "送达" and detail.events[-1].data["collector_is"] == "agent"
    with pytest.raises(InvalidTransition):
        handout.hand_out(hall.rt, hall.clerk, r.case_no, collector_id_number=ID_A)


def test_hand_out_before_completion_is_refused(hall: Hall) -> None:
    r = accept(hall)
    with pytest.raises(InvalidTransition):
        handout.hand_out(hall.rt, hall.clerk, r.case_no, collector_id_number=ID_A)
    with pytest.raises(NotFound):
        handout.find_case_for_handout(hall.rt, hall.clerk, "QS20990101-0001")


# ---------------------------------------------------------------------------------- roles


def test_roles(hall: Hall) -> None:
    r = accept(hall)
    with pytest.raises(PermissionDenied):
        backoffice.advance_case(hall.rt, hall.clerk, r.case_no, "decide")  # a clerk cannot decide
    with pytest.raises(PermissionDenied):
        accept(hall, actor=hall.kiosk)  # the kiosk's system actor holds every role, still refused
    with pytest.raises(PermissionDenied):
        accept(hall, actor=hall.reviewer)  # back office, not a window
    with pytest.raises(PermissionDenied):
        seal.reprint(hall.rt, sign_in(hall.rt, "3001", DEMO_PASSWORD).actor, r.case_no, "handover")
    with hall.rt.unit() as s:
        assert (
            len(s.scalars(select(AuditLog).where(AuditLog.action == "permission_denied")).all())
            == 4
        )
    assert hall.count(Case) == 1


# ---------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("applicant", "error"),
    [
        (person(number="110105194912310021"), InvalidIdNumber),  # wrong check character
        (person(number="11010519491331002X"), InvalidIdNumber),  # no 31st of the 13th month
        (person(name="王" * 5000), applicants.InvalidApplicant),
        (person(name="Robert'); DROP TABLE applicant;--"), applicants.InvalidApplicant),
        (person(name=""), applicants.InvalidApplicant),
        (person(number=""), applicants.InvalidApplicant),
        (person(phone="1380013800'; --"), applicants.InvalidApplicant),
        (
            applicants.ApplicantInput(kind="enterprise", name="青山公司", uscc="91350100M000100Y4"),
            InvalidUscc,
        ),
        (
            applicants.ApplicantInput(kind="alien", name="王五", id_number=ID_A),
            applicants.InvalidApplicant,
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(
    hall: Hall, applicant: applicants.ApplicantInput, error: type[Exception]
) -> None:
    with pytest.raises(error) as info:
        accept(hall, applicant=applicant)
    assert str(info.value)  # a Chinese message for the clerk
    assert hall.count(Case) == hall.count(Applicant) == hall.count(Document) == 0
    with hall.rt.unit() as s:  # the table is still there
        assert s.execute(text("SELECT count(*) FROM applicant")).scalar() == 0


def test_long_name_message_names_the_problem(hall: Hall) -> None:
    with pytest.raises(applicants.InvalidApplicant) as info:
        accept(hall, applicant=person(name="王" * 5000))
    assert "最多60个字" in str(info.value) and info.value.params["field"] == "name"


def test_rare_characters_survive_storage(hall: Hall) -> None:
    name = "王𠀾䶮"
    r = accept(hall, applicant=person(name=name))
    assert cases.get_case(hall.rt, hall.clerk, r.case_no).applicant.name == name  # type: ignore[union-attr]
    found = intake.find_applicant(hall.rt, hall.clerk, id_number=ID_A)
    assert found is not None and found.name == name
    assert name in seal.case_document(hall.rt, hall.clerk, r.case_no, "receipt").text()


def test_enterprise_with_a_wrong_check_character_is_accepted_with_a_warning(hall: Hall) -> None:
    firm = applicants.ApplicantInput(
        kind="enterprise",
        name="青山镇绿源农产品专业合作社",
        uscc="91350100M000100Y44",
        legal_rep="王建国",
    )
    r = accept(hall, "ZF-003", applicant=firm, agent=person("李娜", ID_B))
    assert r.case.state == "accepted"
    assert any("校验位" in w for w in r.warnings)
    assert intake.find_applicant(hall.rt, hall.clerk, uscc="91350100m000100y44") is not None


# ---------------------------------------------------------------------------------- applicants


def test_existing_applicant_updated_only_with_given_fields(hall: Hall) -> None:
    accept(hall, applicant=person(phone="13800138000", address="青山镇人民路1号"))
    r = accept(hall, applicant=person(phone="13900139000"))
    assert hall.count(Applicant) == 1
    found = intake.find_applicant(hall.rt, hall.clerk, id_number=ID_A)
    assert found is not None
    assert (found.phone, found.address) == ("13900139000", "青山镇人民路1号")
    assert r.warnings == ("已更新申请人信息：联系电话",)
    event = cases.get_case(hall.rt, hall.clerk, r.case_no).events[0]
    assert event.data["applicant_changes"] == {"phone": ["13800138000", "13900139000"]}
    assert intake.find_applicant(hall.rt, hall.clerk, id_number=made_up_id(9)) is None


def test_kiosk_may_look_up_a_returning_applicant(hall: Hall) -> None:
    accept(hall)
    found = intake.find_applicant(hall.rt, hall.kiosk, id_number=f" {ID_A.lower()} ")
    assert found is not None and found.name == "王建国" and found.sex == "女"
    with hall.rt.unit() as s:
        assert s.scalars(select(AuditLog.action).where(AuditLog.action == "applicant_lookup")).all()


# ---------------------------------------------------------------------------------- reprint


def test_reprint_is_a_new_logged_seal_use(hall: Hall) -> None:
    r = accept(hall)
    again = seal.reprint(hall.rt, hall.clerk2, r.case_no, "receipt")
    assert again.mark == "补打"
    assert again.blocks == r.documents[0].blocks
    with hall.rt.unit() as s:
        first, second = s.scalars(select(SealUse).order_by(SealUse.id)).all()
        assert second.reprint_of_id == first.id and second.used_by == hall.clerk2.staff_id
        assert second.document_id == first.document_id
        nodes = s.scalars(select(CaseEvent.node).order_by(CaseEvent.id)).all()
    assert nodes == ["受理", "补打"]
    with pytest.raises(NotFound):
        seal.reprint(hall.rt, hall.clerk, r.case_no, "handover")


# ---------------------------------------------------------------------------------- concurrency


def test_case_numbers_are_unique_under_concurrent_acceptance(hall: Hall) -> None:
    workers = 6
    version = hall.version("MZ-011")
    checks = hall.checks("MZ-011")
    barrier = threading.Barrier(workers)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            r = intake.accept_case(
                hall.rt,
                hall.clerk,
                item_version_id=version,
                applicant=person(f"张{'一二三四五六'[i]}", made_up_id(100 + i)),
                materials=checks,
            )
            numbers.append(r.case_no)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [f"QS20250930-{n:04d}" for n in range(1, workers + 1)]


# ---------------------------------------------------------------------------------- demo


def test_demo_activity_has_every_state(hall_url: str) -> None:
    rt = Runtime(hall_url)
    try:
        hall_id = rt.hall_id("QS")
        demo_cases.seed_demo_activity(rt, hall_id)
        demo_cases.seed_demo_activity(rt, hall_id)  # idempotent
        listed = cases.list_cases(rt, sign_in(rt, "4001", DEMO_PASSWORD).actor)
    finally:
        rt.dispose()
    states = {c.state for c in listed}
    assert states >= {
        "accepted",
        "awaiting_materials",
        "not_accepted",
        "first_review",
        "review",
        "approved",
        "completed",
        "delivered",
        "suspended",
    }
    assert {"yellow", "red"} <= {c.overdue for c in listed}
    assert {"correction", "inspection"} <= {c.suspension for c in listed}
    assert "post" in {c.delivery_method for c in listed}
    assert len({c.case_no for c in listed}) == len(listed)


def test_case_of_a_notice_reopens_for_completion(hall: Hall) -> None:
    """补正后受理: the notice's case number opens the case with the applicant and the missing
    materials still marked missing; any other case is refused with a clear message."""
    checks = hall.checks("NY-001", missing=("户口簿",))
    r = intake.issue_one_time_notice(
        hall.rt,
        hall.clerk,
        item_version_id=hall.version("NY-001"),
        applicant=person(),
        materials=checks,
    )
    case = intake.open_case_for_completion(hall.rt, hall.clerk, r.case_no.lower())
    assert case.case_no == r.case_no and case.state == "awaiting_materials"
    assert case.applicant is not None and case.applicant.id_number == ID_A
    by_name = {m.name: m.status for m in case.materials}
    assert by_name["户口簿"] == "missing"
    assert case.item_version_id == hall.version("NY-001")

    with pytest.raises(PermissionDenied):
        intake.open_case_for_completion(hall.rt, hall.kiosk, r.case_no)
    accepted = accept(hall, case_no=r.case_no)
    with pytest.raises(intake.NotAwaitingMaterials) as err:
        intake.open_case_for_completion(hall.rt, hall.clerk, accepted.case_no)
    assert "不是待补正材料的办件" in str(err.value)
    with pytest.raises(NotFound):
        intake.open_case_for_completion(hall.rt, hall.clerk, "NOPE-1")
