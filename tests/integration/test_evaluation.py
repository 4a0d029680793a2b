"""好差评 (counter.services.evaluation.record_evaluation), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from counter import clock
from counter.demo.hall import DEMO_PASSWORD
from counter.domain import applicants, checklist
from counter.domain.evaluation import InvalidEvaluation
from counter.errors import InvalidInput, NotFound
from counter.services import cases, evaluation, intake, tickets
from counter.services.auth import sign_in
from counter.services.base import Actor, Runtime
from counter.services.catalog import get_item
from db.models import Evaluation

ID_A = "11010519491231002X"


def at_local(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hour, 0, tzinfo=clock.HALL_TZ).astimezone(dt.UTC)


@pytest.fixture
def now() -> Iterator[list[dt.datetime]]:
    value = [at_local(2025, 9, 30)]
    clock.set_clock(lambda: value[0])
    yield value
    clock.set_clock(None)


@pytest.fixture
def rt(hall_url: str, now: list[dt.datetime]) -> Iterator[Runtime]:
    runtime = Runtime(hall_url)
    yield runtime
    runtime.dispose()


@pytest.fixture
def clerk(rt: Runtime) -> Actor:
    return sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor


@pytest.fixture
def device(rt: Runtime) -> Actor:
    """The evaluation device (评价器) at window 1: no person, no role."""
    return Actor(hall_id=rt.hall_id("QS"), device="evaluator")


def _case(rt: Runtime, clerk: Actor) -> cases.CaseResult:
    item = get_item(rt, code="MZ-011")
    return intake.accept_case(
        rt,
        clerk,
        item_version_id=item.version_id,
        applicant=applicants.ApplicantInput(kind="person", name="王建国", id_number=ID_A),
        materials=[
            checklist.MaterialCheck(
                m.id, "received" if m.requirement == "required" else "not_applicable"
            )
            for m in item.materials
        ],
    )


def test_one_evaluation_per_case(rt: Runtime, clerk: Actor, device: Actor) -> None:
    r = _case(rt, clerk)
    ev = evaluation.record_evaluation(rt, device, level=5, case_id=r.case.id)
    assert (ev.level, ev.level_zh, ev.is_bad) == (5, "非常满意", False)
    assert ev.case_no == r.case_no and ev.item_name == "老年人优待证办理"
    assert ev.staff_id == clerk.staff_id and ev.window_id == clerk.window_id
    assert ev.followup_deadline is None
    assert [c.type for c in ev.changes] == ["evaluation.recorded"]
    with pytest.raises(evaluation.AlreadyEvaluated) as info:
        evaluation.record_evaluation(rt, device, level=1, reasons=["long_wait"], case_id=r.case.id)
    assert r.case_no in str(info.value)
    with rt.unit() as s:
        assert len(s.scalars(select(Evaluation)).all()) == 1


def test_one_evaluation_per_ticket_visit(rt: Runtime, clerk: Actor, device: Actor) -> None:
    ticket = tickets.issue_ticket(rt, clerk, "A").ticket
    ev = evaluation.record_evaluation(rt, device, level=4, ticket_id=ticket.id, channel="qr")
    assert (ev.ticket_id, ev.case_id, ev.channel) == (ticket.id, None, "qr")
    with pytest.raises(evaluation.AlreadyEvaluated):
        evaluation.record_evaluation(rt, device, level=4, ticket_id=ticket.id)
    # a case of that visit may still be evaluated once, on its own
    r = _case(rt, clerk)
    evaluation.record_evaluation(rt, device, level=5, case_id=r.case.id)
    with pytest.raises(evaluation.AlreadyEvaluated):
        evaluation.record_evaluation(rt, device, level=5, case_id=r.case.id, ticket_id=ticket.id)


def test_bad_evaluation_gets_a_follow_up_deadline(rt: Runtime, clerk: Actor, device: Actor) -> None:
    r = _case(rt, clerk)
    ev = evaluation.record_evaluation(
        rt,
        device,
        level=2,
        reasons=["long_wait", "其他"],
        comment="排队一个多小时",
        case_id=r.case.id,
    )
    assert ev.is_bad and ev.reasons == ("long_wait", "other")
    # followup_days = 5 working days from 30 September 2025, over the National Day week
    assert ev.followup_deadline == dt.date(2025, 10, 14)
    with rt.unit() as s:
        row = s.get(Evaluation, ev.id)
        assert row is not None
        assert (row.followup_state, row.comment, row.hall_id) == (
            "open",
            "排队一个多小时",
            r.case.hall_id,
        )
        assert row.item_id == r.case.item_id and row.created_at == at_local(2025, 9, 30)


def test_invalid_evaluations(rt: Runtime, clerk: Actor, device: Actor) -> None:
    r = _case(rt, clerk)
    with pytest.raises(InvalidEvaluation):
        evaluation.record_evaluation(
            rt, device, level=1, case_id=r.case.id
        )  # a 差评 needs a reason
    with pytest.raises(InvalidEvaluation):
        evaluation.record_evaluation(rt, device, level=6, case_id=r.case.id)
    with pytest.raises(InvalidInput):
        evaluation.record_evaluation(rt, device, level=5)  # neither case nor visit
    with pytest.raises(InvalidInput):
        evaluation.record_evaluation(rt, device, level=5, case_id=r.case.id, channel="pigeon")
    with pytest.raises(NotFound):
        evaluation.record_evaluation(rt, device, level=5, case_id=999999)
    with rt.unit() as s:
        assert s.scalars(select(Evaluation)).all() == []


def test_late_evaluation_within_the_period_only(
    rt: Runtime, clerk: Actor, device: Actor, now: list[dt.datetime]
) -> None:
    first, second = _case(rt, clerk), _case(rt, clerk)
    now[0] = at_local(2025, 10, 2)  # evaluation_days = 3
    evaluation.record_evaluation(rt, device, level=3, case_id=first.case.id)
    now[0] = at_local(2025, 10, 4)
    with pytest.raises(evaluation.EvaluationClosed):
        evaluation.record_evaluation(rt, device, level=3, case_id=second.case.id)
