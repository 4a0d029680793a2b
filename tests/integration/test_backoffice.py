"""The back office (后台审批), one seal (一章审批) and supervision (督着办), on SQLite and PostgreSQL:
every path of a case (approve, refuse, correction, suspension, overdue, post) with deadlines over
weekends and the National Day 调休 week; the seal refused to other roles, other halls and wrong
states; 文号 and seal-register serials; reprints, revocations and verification codes; halls kept
apart, village points included; the door module's inbox, case page and supervision view."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, text

from counter import backoffice as door
from counter import clock, sealkey
from counter.demo.hall import DEMO_PASSWORD, specimen_seal
from counter.domain import applicants, checklist
from counter.domain.cases import InvalidTransition
from counter.domain.checkchars import citizen_id_check_char
from counter.domain.workdays import DictCalendar, add_working_days
from counter.errors import InvalidInput, NotFound, PermissionDenied
from counter.services import backoffice, cases, handout, intake, seal
from counter.services.auth import add_staff_row, sign_in
from counter.services.base import Actor, Runtime
from counter.services.catalog import get_item
from db.models import AuditLog, Document, Hall, SealUse

CAL = DictCalendar.national(years=[2025, 2026])


def made_up_id(seq: int) -> str:
    first17 = f"33011019900101{seq:03d}"
    return first17 + citizen_id_check_char(first17)


def at_local(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hour, 0, tzinfo=clock.HALL_TZ).astimezone(dt.UTC)


@pytest.fixture
def now() -> Iterator[list[dt.datetime]]:
    """The clock, frozen on Friday 26 September 2025 at 10:00 in the hall, before the National
    Day week (1–8 October off; Sunday 28 September and Saturday 11 October worked)."""
    box = [at_local(2025, 9, 26)]
    clock.set_clock(lambda: box[0])
    yield box
    clock.set_clock(None)


@dataclass
class H:
    rt: Runtime
    hall_id: int
    clerk: Actor
    reviewer: Actor  # 郑审: reviewer only
    decider: Actor  # 钱核: reviewer and seal keeper
    keeper: Actor  # 冯印: seal keeper only
    manager: Actor  # 何主任: manager and reviewer
    seq: int = 0

    def accept(self, code: str = "NY-001", actor: Actor | None = None) -> str:
        self.seq += 1
        item = get_item(self.rt, code=code)
        checks = [
            checklist.MaterialCheck(
                m.id, "received" if m.requirement == "required" else "not_applicable", m.form, 1
            )
            for m in item.materials
        ]
        r = intake.accept_case(
            self.rt,
            actor or self.clerk,
            item_version_id=item.version_id,
            applicant=applicants.ApplicantInput(
                kind="person", name=f"王建{'一二三四五六七八九十'[self.seq % 10]}",
                id_number=made_up_id(self.seq),
            ),
            materials=checks,
        )  # fmt: skip
        return r.case_no

    def count(self, model: type) -> int:
        with self.rt.unit() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)

    def audits(self, action: str) -> list[AuditLog]:
        with self.rt.unit() as s:
            return list(s.scalars(select(AuditLog).where(AuditLog.action == action)))


@pytest.fixture
def h(hall_url: str, now: list[dt.datetime]) -> Iterator[H]:
    rt = Runtime(hall_url)

    def actor(no: str, window: int | None = None) -> Actor:
        return sign_in(rt, no, DEMO_PASSWORD, window_number=window).actor

    yield H(rt, rt.hall_id("QS"), actor("1001", 1), actor("2001"), actor("2002"), actor("3001"),
            actor("4001"))  # fmt: skip
    rt.dispose()


def through_review(h: H, case_no: str) -> None:
    backoffice.advance_case(h.rt, h.reviewer, case_no, "first_review", "材料齐全")
    backoffice.advance_case(h.rt, h.reviewer, case_no, "review", "同意")


# ---------------------------------------------------------------------------------- paths


def test_approve_path_over_the_national_day_week(h: H, now: list[dt.datetime]) -> None:
    case_no = h.accept()  # Friday 26 September; NY-001 promises 15 working days
    c = cases.get_case(h.rt, h.reviewer, case_no)
    # 28 Sep (Sunday, worked), 29, 30, then 9, 10, 11 (Saturday, worked) … 23 October
    assert (
        c.deadline == dt.date(2025, 10, 23) == add_working_days(dt.date(2025, 9, 26), 15, CAL).date
    )
    assert c.node_deadline == dt.date(2025, 10, 11)  # 受理 1 + 初审 5: 28-30 Sep, 9-11 Oct
    now[0] = at_local(2025, 9, 30)
    r = backoffice.advance_case(h.rt, h.reviewer, case_no, "first_review", "材料齐全，情况属实")
    assert (r.case.state, r.case.pending_node) == ("first_review", "review")
    assert r.case.node_deadline == dt.date(2025, 10, 14)  # 审核 5: 9, 10, 11, 13, 14 Oct
    now[0] = at_local(2025, 10, 11)  # the adjusted working Saturday
    r = backoffice.advance_case(h.rt, h.reviewer, case_no, "review", "同意")
    assert r.case.node_deadline == dt.date(2025, 10, 15)  # 审批 3: 13, 14, 15
    now[0] = at_local(2025, 10, 13)
    r = backoffice.advance_case(h.rt, h.decider, case_no, "decide", "符合一户一宅规定，同意")
    assert (r.case.state, r.case.pending_node) == ("approved", "complete")
    assert r.case.decided_by_name == "钱核"
    now[0] = at_local(2025, 10, 14)
    issued = seal.issue_decision(h.rt, h.keeper, case_no)
    assert issued.case.state == "completed" and issued.case.overdue == "normal"
    doc = issued.content
    assert doc.title == "准予行政许可决定书"
    assert doc.number == "青山镇审批〔2025〕1号" and doc.meta["number_label"] == "文号"
    assert doc.barcode == case_no and sealkey.looks_like_code(doc.verify_code)
    assert doc.seal_image.startswith(b"\x89PNG")
    assert "符合一户一宅规定，同意" in doc.text()
    detail = cases.get_case(h.rt, h.reviewer, case_no)
    assert [(e.node, e.staff_name, e.comment) for e in detail.events] == [
        ("受理", "王丽", ""),
        ("初审", "郑审", "材料齐全，情况属实"),
        ("审核", "郑审", "同意"),
        ("决定", "钱核", "符合一户一宅规定，同意"),
        ("办结", "冯印", f"准予行政许可决定书 {doc.number} 用印"),
    ]
    assert [e.at for e in detail.events][1:] == [
        at_local(2025, 9, 30), at_local(2025, 10, 11), at_local(2025, 10, 13),
        at_local(2025, 10, 14),
    ]  # fmt: skip
    now[0] = at_local(2025, 10, 15)
    out = backoffice.post_result(h.rt, h.clerk, case_no, carrier="中国邮政EMS",
                                 tracking="ea123456789cn")  # fmt: skip
    assert out.case.state == "delivered" and out.case.delivery_method == "post"
    detail = cases.get_case(h.rt, h.reviewer, case_no)
    assert (detail.delivery_carrier, detail.delivery_tracking) == ("中国邮政EMS", "EA123456789CN")
    assert detail.events[-1].node == "送达"
    # every change of the case is in the audit log too
    assert {a.action for a in h.audits("case.review")} == {"case.review"}
    assert (
        len([a for a in _all_audits(h) if a.target == case_no and a.action.startswith("case.")])
        == 6
    )


def _all_audits(h: H) -> list[AuditLog]:
    with h.rt.unit() as s:
        return list(s.scalars(select(AuditLog).order_by(AuditLog.seq)))


def test_refuse_path_needs_reasons_and_prints_them(h: H) -> None:
    case_no = h.accept()
    through_review(h, case_no)
    with pytest.raises(InvalidInput):
        backoffice.advance_case(h.rt, h.decider, case_no, "decide", refuse=True)
    with pytest.raises(InvalidInput):
        backoffice.advance_case(h.rt, h.decider, case_no, "review", refuse=True, reasons=("x",))
    r = backoffice.advance_case(h.rt, h.decider, case_no, "decide", "经实地核查",
                                refuse=True, reasons=("申请事项不符合一户一宅规定",))  # fmt: skip
    assert r.case.state == "rejected" and r.case.result == "rejected"
    doc = seal.issue_decision(h.rt, h.keeper, case_no).content
    assert doc.title == "不予行政许可决定书"
    t = doc.text()
    assert "申请事项不符合一户一宅规定；经实地核查" in t
    assert "行政复议" in t and "行政诉讼" in t


def test_items_without_a_node_go_straight_to_the_decision(h: H) -> None:
    """MZ-006 has no node budget: 初审 and 审核 may be skipped; NY-001 names them: may not."""
    quick = h.accept("MZ-006")
    r = backoffice.advance_case(h.rt, h.decider, quick, "decide", "急难型，先行救助")
    assert r.case.state == "approved"
    full = h.accept()
    with pytest.raises(InvalidTransition):
        backoffice.advance_case(h.rt, h.decider, full, "review")


def test_send_back_returns_one_node(h: H) -> None:
    case_no = h.accept()
    through_review(h, case_no)
    with pytest.raises(InvalidInput):
        backoffice.send_back(h.rt, h.decider, case_no, "  ")
    r = backoffice.send_back(h.rt, h.decider, case_no, "审核意见不明确，请重新审核")
    assert (r.case.state, r.case.pending_node) == ("first_review", "review")


def test_correction_stops_the_clock_and_the_window_ends_it(h: H, now: list[dt.datetime]) -> None:
    case_no = h.accept()  # Friday 26 Sep, deadline 23 Oct
    now[0] = at_local(2025, 9, 29)
    r = backoffice.suspend_case(h.rt, h.reviewer, case_no, "correction", "宅基地四至图不清，请补正")
    assert (r.case.state, r.case.suspension, r.case.status_zh) == (
        "suspended",
        "correction",
        "补正中",
    )
    assert r.case.countdown_zh == "暂停计时" and r.case.overdue == "normal"
    with pytest.raises(InvalidTransition):
        backoffice.advance_case(h.rt, h.reviewer, case_no, "first_review")
    with pytest.raises(InvalidTransition):
        backoffice.suspend_case(h.rt, h.reviewer, case_no, "hearing", "again")
    now[0] = at_local(2025, 10, 13)  # brought back after the holiday: 30 Sep, 9, 10, 11, 13 Oct
    r = backoffice.resume_case(h.rt, h.clerk, case_no, "补正材料已收到")  # at the window
    assert r.case.state == "accepted" and r.case.suspended_days == 5
    assert r.warnings == ("办理时限顺延5个工作日",)
    assert (
        r.case.deadline
        == add_working_days(dt.date(2025, 10, 23), 5, CAL).date
        == dt.date(2025, 10, 30)
    )
    assert r.case.node_deadline == dt.date(2025, 10, 17)  # 10 Oct + 5 working days
    detail = cases.get_case(h.rt, h.reviewer, case_no)
    (sp,) = detail.suspensions
    assert (sp.kind_zh, sp.working_days, sp.ended_by_name) == ("补正", 5, "王丽")
    assert [e.node for e in detail.events][-2:] == ["补正", "补正结束"]


def test_hearing_is_ended_by_the_back_office_only(h: H, now: list[dt.datetime]) -> None:
    case_no = h.accept()
    backoffice.advance_case(h.rt, h.reviewer, case_no, "first_review")
    backoffice.suspend_case(h.rt, h.reviewer, case_no, "hearing", "利害关系人申请听证")
    with pytest.raises(PermissionDenied):
        backoffice.resume_case(h.rt, h.clerk, case_no)
    r = backoffice.resume_case(h.rt, h.reviewer, case_no, "听证结束")
    assert r.case.state == "first_review"  # back where it left
    with pytest.raises(backoffice.NotSuspended):
        backoffice.resume_case(h.rt, h.reviewer, case_no)


def test_publicity_over_the_adjusted_working_saturday(h: H, now: list[dt.datetime]) -> None:
    now[0] = at_local(2025, 9, 30)
    case_no = h.accept()  # 15 working days from 30 Sep: 28 October
    assert cases.get_case(h.rt, h.reviewer, case_no).deadline == dt.date(2025, 10, 28)
    backoffice.suspend_case(h.rt, h.reviewer, case_no, "publicity", "拟批准结果在村务公开栏公示")
    now[0] = at_local(2025, 10, 11)  # resumed on the worked Saturday: 9, 10, 11 Oct count
    r = backoffice.resume_case(h.rt, h.reviewer, case_no, "公示期满无异议")
    assert r.case.suspended_days == 3
    assert r.case.deadline == dt.date(2025, 10, 31)
    assert r.case.statutory_deadline == add_working_days(dt.date(2025, 11, 4), 3, CAL).date


def test_overdue_marks_follow_the_hall_thresholds(h: H, now: list[dt.datetime]) -> None:
    case_no = h.accept()  # deadline 23 Oct, 初审 due 10 Oct
    now[0] = at_local(2025, 10, 13)
    c = cases.get_case(h.rt, h.reviewer, case_no)
    assert (c.overdue, c.days_left) == ("yellow", 8)
    now[0] = at_local(2025, 10, 22)
    assert cases.get_case(h.rt, h.reviewer, case_no).overdue == "yellow"  # yellow beats warning
    backoffice.advance_case(h.rt, h.reviewer, case_no, "first_review")
    c = cases.get_case(h.rt, h.reviewer, case_no)
    assert (c.overdue, c.countdown_zh) == ("warning", "剩1个工作日")
    now[0] = at_local(2025, 10, 24)
    c = cases.get_case(h.rt, h.reviewer, case_no)
    assert (c.overdue, c.countdown_zh) == ("red", "超期1个工作日")
    with h.rt.unit() as s:  # the hall gives one working day's grace before a red card
        hall = s.get(Hall, h.hall_id)
        hall.settings = {**hall.settings, "red_grace_days": 1, "warn_days": 3}
    assert cases.get_case(h.rt, h.reviewer, case_no).overdue == "warning"
    inbox = door.inbox(h.rt, h.reviewer, door.InboxQuery(node="review"))
    (row,) = [r for r in inbox.rows if r.case_no == case_no]
    assert row.mark == "warning" and row.countdown_zh == "超期1个工作日"  # the same mark
    # completed late stays red (judged by the stamping time)
    now[0] = at_local(2025, 10, 27)
    backoffice.advance_case(h.rt, h.reviewer, case_no, "review")
    backoffice.advance_case(h.rt, h.decider, case_no, "decide")
    issued = seal.issue_decision(h.rt, h.keeper, case_no)
    assert issued.case.overdue == "red"


# ---------------------------------------------------------------------------------- the seal


def test_the_seal_is_refused_to_other_roles_and_wrong_states(h: H) -> None:
    case_no = h.accept()
    with pytest.raises(seal.SealNotAllowed):
        seal.issue_decision(h.rt, h.keeper, case_no)  # no decision yet
    through_review(h, case_no)
    backoffice.advance_case(h.rt, h.reviewer, case_no, "decide")
    for who in (h.reviewer, h.clerk, h.manager):  # a reviewer without the role cannot seal
        with pytest.raises(PermissionDenied):
            seal.issue_decision(h.rt, who, case_no)
    assert h.count(Document) == 1  # the receipt only
    first = seal.issue_decision(h.rt, h.decider, case_no)  # reviewer and seal keeper
    assert first.serial == "2025-00001"
    with pytest.raises(seal.AlreadyIssued):
        seal.issue_decision(h.rt, h.keeper, case_no)
    assert len(h.audits("permission_denied")) == 3


def test_reference_numbers_and_serials_come_from_counter_rows(h: H, now: list[dt.datetime]) -> None:
    numbers = []
    for _ in range(3):
        c = h.accept("MZ-006")
        backoffice.advance_case(h.rt, h.decider, c, "decide")
        numbers.append(seal.issue_decision(h.rt, h.keeper, c).content.number)
    assert numbers == [f"青山镇审批〔2025〕{n}号" for n in (1, 2, 3)]
    now[0] = at_local(2026, 1, 5)  # a new year starts again at 1
    c = h.accept("MZ-006")
    backoffice.advance_case(h.rt, h.decider, c, "decide")
    issued = seal.issue_decision(h.rt, h.keeper, c)
    assert (issued.content.number, issued.serial) == ("青山镇审批〔2026〕1号", "2026-00001")
    with h.rt.unit() as s:
        serials = [u.serial for u in s.scalars(select(SealUse).order_by(SealUse.id))]
    assert len(set(serials)) < len(serials)  # two registers: acceptance and approval seals


def test_reprint_needs_a_reason_and_is_logged(h: H) -> None:
    case_no = h.accept("MZ-006")
    backoffice.advance_case(h.rt, h.decider, case_no, "decide")
    original = seal.issue_decision(h.rt, h.keeper, case_no)
    with pytest.raises(InvalidInput):
        seal.reprint(h.rt, h.keeper, case_no, "decision")
    with pytest.raises(PermissionDenied):
        seal.reprint(h.rt, h.reviewer, case_no, "decision", "遗失")
    again = seal.reprint(h.rt, h.keeper, case_no, "decision", "申请人遗失原件")
    assert again.mark == "补打" and "补打" in again.text()
    assert (
        again.verify_code == original.content.verify_code
        and again.blocks == original.content.blocks
    )
    with h.rt.unit() as s:
        first, second = s.scalars(
            select(SealUse).where(SealUse.purpose.like("%决定书")).order_by(SealUse.id)
        ).all()
        assert (first.kind, second.kind, second.reprint_of_id) == ("original", "reprint", first.id)
        assert second.reason == "申请人遗失原件" and second.serial == "2025-00002"
    v = seal.verify_document(h.rt, None, original.content.verify_code)
    assert v.status == "genuine" and v.reprinted
    assert [r.reason for r in v.reprints] == ["申请人遗失原件"]
    assert v.original is not None and v.original.used_by_name == "冯印"


def test_revocation_is_recorded_and_verified(h: H) -> None:
    case_no = h.accept("MZ-006")
    backoffice.advance_case(h.rt, h.decider, case_no, "decide")
    code = seal.issue_decision(h.rt, h.keeper, case_no).content.verify_code
    with pytest.raises(PermissionDenied):
        seal.revoke_document(h.rt, h.reviewer, case_no, "decision", "x")
    seal.revoke_document(h.rt, h.manager, case_no, "decision", "申请人隐瞒家庭财产")
    v = seal.verify_document(h.rt, h.clerk, code)
    assert (v.status, v.genuine, v.revoke_reason) == ("revoked", False, "申请人隐瞒家庭财产")
    assert v.revoked_by_name == "何主任"
    with pytest.raises(seal.DocumentRevoked):
        seal.reprint(h.rt, h.keeper, case_no, "decision", "再打")
    with pytest.raises(seal.DocumentRevoked):
        seal.revoke_document(h.rt, h.keeper, case_no, "decision", "again")
    detail = cases.get_case(h.rt, h.reviewer, case_no)
    assert detail.events[-1].node == "撤销"
    assert [d.revoked for d in detail.documents if d.kind == "decision"] == [True]


def test_verification_codes(h: H, monkeypatch: pytest.MonkeyPatch) -> None:
    case_no = h.accept("MZ-006")
    backoffice.advance_case(h.rt, h.decider, case_no, "decide")
    code = seal.issue_decision(h.rt, h.keeper, case_no).content.verify_code
    v = seal.verify_document(h.rt, None, code)
    assert (v.status, v.case_no, v.demo_key) == ("genuine", case_no, True)
    assert v.applicant.endswith("*") and "王建" not in v.applicant  # masked
    assert seal.verify_document(h.rt, None, code.lower().replace("-", " ")).status == "genuine"
    for i in (0, 7, len(code) - 1):  # one changed character: no such document
        ch = code[i]
        wrong = code[:i] + ("7" if ch != "7" else "8") + code[i + 1 :]
        assert seal.verify_document(h.rt, None, wrong).status == "not_found"
    assert len(h.audits("document_verify")) == 5
    # the stored content changed behind the application's back no longer verifies
    with h.rt.unit() as s:
        doc = s.scalars(select(Document).where(Document.kind == "decision")).one()
        doc.content = {**doc.content, "title": "准予办理决定书（改）"}
    assert seal.verify_document(h.rt, None, code).status == "altered"
    # a forged row with a made-up code does not verify either
    with h.rt.unit() as s:
        doc = s.scalars(select(Document).where(Document.kind == "decision")).one()
        doc.content = {**doc.content, "title": "准予办理决定书"}
        doc.verify_code = "ABCD0123456789ABCDEF"
    assert seal.verify_document(h.rt, None, "ABCD-0123-4567-89AB-CDEF").status == "altered"


def test_the_key_lives_outside_the_database(h: H, monkeypatch: pytest.MonkeyPatch) -> None:
    key = secrets.token_hex(32)
    monkeypatch.setenv(sealkey.ENV, key)
    case_no = h.accept("MZ-006")
    backoffice.advance_case(h.rt, h.decider, case_no, "decide")
    code = seal.issue_decision(h.rt, h.keeper, case_no).content.verify_code
    v = seal.verify_document(h.rt, None, code)
    assert v.status == "genuine" and not v.demo_key
    with h.rt.unit() as s:  # nowhere in any text or binary column
        for table in ("document", "seal_use", "seal", "hall", "audit_log", "hall_counter"):
            for row in s.execute(text(f"SELECT * FROM {table}")):
                assert key not in " ".join(str(x) for x in row)
    monkeypatch.setenv(sealkey.ENV, secrets.token_hex(32))  # another key: the code is not its
    assert seal.verify_document(h.rt, None, code).status == "altered"
    monkeypatch.delenv(sealkey.ENV)
    with h.rt.unit() as s:  # a real (not demo) hall without a key: sealing refused, verify says so
        hall = s.get(Hall, h.hall_id)
        hall.settings = {k: v for k, v in hall.settings.items() if k != "demo"}
    assert seal.verify_document(h.rt, None, code).status == "unchecked"
    other = h.accept("MZ-006")
    backoffice.advance_case(h.rt, h.decider, other, "decide")
    with pytest.raises(sealkey.SealKeyMissing):
        seal.issue_decision(h.rt, h.keeper, other)
    assert cases.get_case(h.rt, h.reviewer, other).state == "approved"  # nothing half-done


# ---------------------------------------------------------------------------------- halls


def _second_town(h: H) -> Actor:
    """Another town hall with its own reviewer and seal keeper."""
    with h.rt.unit() as s:
        town = Hall(code="BS", name="白沙镇便民服务中心", kind="center", settings={"demo": True},
                    secret=secrets.token_hex(16), created_at=clock.now())  # fmt: skip
        s.add(town)
        s.flush()
        s.add(specimen_seal(town.id, "白沙镇人民政府行政审批专用章", "approval"))
        add_staff_row(
            s, town.id, "B2001", "白审", DEMO_PASSWORD, ["reviewer", "seal_keeper", "manager"]
        )
    return sign_in(h.rt, "B2001", DEMO_PASSWORD).actor


def test_another_towns_staff_cannot_see_or_touch_a_case(h: H) -> None:
    case_no = h.accept()
    other = _second_town(h)
    calls = [
        lambda: cases.get_case(h.rt, other, case_no),
        lambda: backoffice.advance_case(h.rt, other, case_no, "first_review"),
        lambda: backoffice.suspend_case(h.rt, other, case_no, "hearing", "x"),
        lambda: seal.case_document(h.rt, other, case_no, "receipt"),
        lambda: door.open_case(h.rt, other, case_no),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    assert (
        len([a for a in h.audits("permission_denied") if a.detail.get("reason") == "other_hall"])
        == 5
    )
    assert cases.list_cases(h.rt, other) == []
    assert door.inbox(h.rt, other).rows == ()
    assert door.supervision(h.rt, other).rows == ()
    through_review(h, case_no)
    backoffice.advance_case(h.rt, h.reviewer, case_no, "decide")
    with pytest.raises(NotFound):
        seal.issue_decision(h.rt, other, case_no)  # another town's seal keeper
    assert cases.get_case(h.rt, h.reviewer, case_no).state == "approved"


def _village_clerk(h: H) -> tuple[int, Actor]:
    with h.rt.unit() as s:
        village = s.scalars(select(Hall).where(Hall.parent_id == h.hall_id)).one()
        add_staff_row(s, village.id, "V1001", "石桥代办员", DEMO_PASSWORD, ["clerk"])
        add_staff_row(
            s, village.id, "V2001", "石桥审核员", DEMO_PASSWORD, ["reviewer", "seal_keeper"]
        )
        vid = village.id
    return vid, sign_in(h.rt, "V1001", DEMO_PASSWORD, window_number=1).actor


def test_a_village_points_cases_are_decided_by_the_town(h: H) -> None:
    village_id, vclerk = _village_clerk(h)
    case_no = h.accept(actor=vclerk)
    assert case_no.startswith("QS-SQ")
    vreviewer = sign_in(h.rt, "V2001", DEMO_PASSWORD).actor
    with pytest.raises(NotFound):  # the point's own staff cannot examine it: the town does
        backoffice.advance_case(h.rt, vreviewer, case_no, "first_review")
    # the town's back office sees it in its inbox, marked as a village case
    row = next(r for r in door.inbox(h.rt, h.reviewer).rows if r.case_no == case_no)
    assert row.village and row.hall_name == "青山镇石桥村便民服务点"
    through_review(h, case_no)
    backoffice.advance_case(h.rt, h.reviewer, case_no, "decide")
    with pytest.raises(NotFound):
        seal.issue_decision(h.rt, vreviewer, case_no)
    doc = seal.issue_decision(h.rt, h.keeper, case_no).content  # the town's seal and 文号
    assert doc.hall_name == "青山镇便民服务中心" and doc.number.startswith("青山镇审批")
    # the village clerk hands it out at the point; a town clerk may too
    found = handout.find_case_for_handout(h.rt, vclerk, case_no)
    assert found.ready_for_handout
    assert handout.find_case_for_handout(h.rt, h.clerk, case_no).case_no == case_no
    # a town case is not the village point's
    town_case = h.accept()
    with pytest.raises(NotFound):
        handout.find_case_for_handout(h.rt, vclerk, town_case)
    # a point with its own back office: the town no longer sees its cases
    with h.rt.unit() as s:
        v = s.get(Hall, village_id)
        v.settings = {**v.settings, "backoffice": "own"}
        s.add(specimen_seal(village_id, "石桥村审批专用章", "approval"))
    with pytest.raises(NotFound):
        cases.get_case(h.rt, h.reviewer, case_no)
    second = h.accept(actor=vclerk)
    backoffice.advance_case(h.rt, vreviewer, second, "first_review")


def test_case_reads_take_the_actor_and_are_audited(h: H) -> None:
    case_no = h.accept()
    kiosk = Actor.system(h.hall_id, device="kiosk")
    with pytest.raises(PermissionDenied):
        cases.get_case(h.rt, kiosk, case_no)  # every role, still not a person
    before = len(h.audits("case_read"))
    detail = cases.get_case(h.rt, h.reviewer, case_no)
    assert detail.applicant is not None and detail.applicant.id_number == made_up_id(1)
    reads = h.audits("case_read")
    assert len(reads) == before + 1 and reads[-1].target == case_no
    assert made_up_id(1) not in str(reads[-1].detail)  # the log names the case, not the person
    seal.case_document(h.rt, h.clerk, case_no, "receipt")
    assert h.audits("document_read")


# ---------------------------------------------------------------------------------- the door


def test_door_inbox_page_and_actions(h: H, now: list[dt.datetime]) -> None:
    late = h.accept("MZ-001")  # 初审 budget 1 + 7
    fresh = h.accept("MZ-001")
    now[0] = at_local(2025, 10, 20)  # the first two are past their 初审 budget by now
    newest = h.accept("MZ-001")
    backoffice.advance_case(h.rt, h.reviewer, fresh, "first_review")
    inbox = door.inbox(h.rt, h.reviewer, door.InboxQuery(node="first_review"))
    assert [r.case_no for r in inbox.rows] == [late, newest]
    assert inbox.rows[0].mark == "yellow" and inbox.rows[1].mark == "normal"
    assert inbox.rows[0].applicant.endswith("*")
    counts = {c.node: c.total for c in inbox.counts}
    assert counts["first_review"] == 2 and counts["review"] == 1
    page = door.open_case(h.rt, h.reviewer, late)
    assert page.actions == ("first_review", "suspend") and not page.read_only
    assert page.case.materials and page.case.materials[0].status == "received"
    q = door.InboxQuery(node="first_review")
    res = door.first_review(h.rt, h.reviewer, late, "情况属实", q)
    assert res.page.case.state == "first_review" and [c.type for c in res.changes] == [
        "case.first_review"
    ]
    assert res.inbox is not None and [r.case_no for r in res.inbox.rows] == [newest]
    assert res.changes[0].id is not None
    # the decision: a draft to read, the seal keeper's sealed document to print
    door.review(h.rt, h.reviewer, late, "同意")
    res = door.decide(h.rt, h.decider, late, approve=False, reasons=("家庭经济状况不符合保障标准",))
    assert (
        res.document is not None and res.document.mark == "待用印" and not res.document.seal_image
    )
    assert "issue" in res.page.actions  # 钱核 holds the seal too
    assert "issue" not in door.open_case(h.rt, h.reviewer, late).actions
    res = door.issue_decision(h.rt, h.keeper, late)
    assert res.document is not None and res.document.verify_code and res.serial
    assert set(res.page.actions) == {"reprint", "revoke", "post"}
    v = door.verify(h.rt, h.clerk, res.document.verify_code)
    assert v.genuine and door.looks_like_verification_code(res.document.verify_code)
    assert not door.looks_like_verification_code(late)
    # the manager's page from the supervision view is read-only
    assert door.open_case(h.rt, h.manager, newest, read_only=True).actions == ()
    with pytest.raises(PermissionDenied):
        door.supervision(h.rt, h.reviewer)
    with pytest.raises(PermissionDenied):
        door.inbox(h.rt, h.clerk)


def test_supervision_by_mark_department_node_and_reviewer(h: H, now: list[dt.datetime]) -> None:
    a = h.accept("MZ-001")
    b = h.accept("NY-001")
    backoffice.advance_case(h.rt, h.reviewer, b, "first_review")
    now[0] = at_local(2025, 11, 20)
    view = door.supervision(h.rt, h.manager)
    assert {r.case_no for r in view.rows} == {a, b}
    assert dict((m, n) for m, _zh, n in view.by_mark)["red"] == 2
    assert {name for _d, name, *_ in view.by_department} == {"民政办", "农业农村办"}
    by_rev = {name: total for _r, name, total, _bad in view.by_reviewer}
    assert by_rev == {"郑审": 1, "（未分派）": 1}
    only = door.supervision(h.rt, h.manager, door.SupervisionQuery(node="review"))
    assert [r.case_no for r in only.rows] == [b]
    rid = h.reviewer.staff_id
    assert [
        r.case_no
        for r in door.supervision(h.rt, h.manager, door.SupervisionQuery(reviewer_id=rid)).rows
    ] == [b]
    with pytest.raises(InvalidInput):
        door.supervision(h.rt, h.manager, door.SupervisionQuery(mark="purple"))


# ---------------------------------------------------------------------------------- concurrency


def test_concurrent_sealing_gives_distinct_consecutive_references(h: H) -> None:
    workers = 5
    numbers: list[str] = []
    errors: list[BaseException] = []
    todo = []
    for _ in range(workers):
        c = h.accept("MZ-006")
        backoffice.advance_case(h.rt, h.decider, c, "decide")
        todo.append(c)
    barrier = threading.Barrier(workers)

    def work(case_no: str) -> None:
        try:
            barrier.wait()
            numbers.append(seal.issue_decision(h.rt, h.keeper, case_no).content.number)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c,)) for c in todo]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == sorted(f"青山镇审批〔2025〕{n}号" for n in range(1, workers + 1))
    from counter.services.audit import verify_chain

    assert verify_chain(h.rt).ok


def test_an_evaluation_device_of_another_town_cannot_rate_a_case(h: H) -> None:
    from counter.services.evaluation import record_evaluation

    case_no = h.accept("MZ-011")  # on the spot: completed at once
    other = _second_town(h)
    case_id = cases.get_case(h.rt, h.reviewer, case_no).id
    with pytest.raises(NotFound):
        record_evaluation(h.rt, Actor.system(other.hall_id, "evaluator"), level=5, case_id=case_id)
    ev = record_evaluation(h.rt, Actor.system(h.hall_id, "evaluator"), level=5, case_id=case_id)
    assert ev.case_no == case_no
