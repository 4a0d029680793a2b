"""Recording the follow-up of a 差评: states, refusals, audit and change event."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter import clock
from counter.errors import InvalidInput, NotFound, PermissionDenied
from counter.reports import queries
from counter.services.base import Actor, Runtime
from counter.services.followup import FollowUpClosed, NotABadEvaluation, record_followup
from db.models import AuditLog, ChangeLog, Evaluation, Hall
from tests.integration.test_reports import actor_for
from tests.reportdata import D, fixed_clock, seed_report_day


@pytest.fixture
def seeded(hall_url: str):
    fixed_clock()
    data = seed_report_day(hall_url)
    rt = Runtime(hall_url)
    yield rt, data
    rt.dispose()
    clock.set_clock(None)


def test_followup_goes_open_contacted_closed(seeded) -> None:
    rt, data = seeded
    manager = actor_for(rt, "4001")
    r = record_followup(rt, manager, data.bad_case_eval_id, contacted=True, resolved=False,
                        explanation="已电话回访，说明窗口人员服务规范")  # fmt: skip
    assert r.state == "contacted" and r.changes[0].type == "evaluation.followup"
    bad = {b.id: b for b in queries.day_report(rt, manager, D).evaluations.bad}
    assert bad[data.bad_case_eval_id].followup_state_label == "已回访"
    r = record_followup(rt, manager, data.bad_case_eval_id, contacted=True, resolved=True,
                        explanation="已约谈当事窗口人员并整改")  # fmt: skip
    assert r.state == "closed"
    report = queries.day_report(rt, manager, D)
    bad = {b.id: b for b in report.evaluations.bad}
    assert bad[data.bad_case_eval_id].followup_state == "closed"
    assert not bad[data.bad_case_eval_id].followup_overdue
    assert bad[data.bad_case_eval_id].followup_note == "已约谈当事窗口人员并整改"
    assert report.evaluations.bad_open == 1
    with pytest.raises(FollowUpClosed):
        record_followup(rt, manager, data.bad_case_eval_id, contacted=True, resolved=True,
                        explanation="再改")  # fmt: skip
    with rt.unit() as s:
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "evaluation_followup")).all()
        assert [a.detail["to_state"] for a in audits] == ["contacted", "closed"]
        assert all("整改" not in str(a.detail) for a in audits)  # the text stays in its row
        changes = s.scalars(select(ChangeLog).where(ChangeLog.type == "evaluation.followup")).all()
        assert len(changes) == 2


def test_followup_refusals(seeded) -> None:
    rt, data = seeded
    manager = actor_for(rt, "4001")
    with pytest.raises(PermissionDenied):
        record_followup(rt, actor_for(rt, "1001"), data.bad_ticket_eval_id, contacted=True,
                        resolved=False, explanation="x")  # fmt: skip
    with pytest.raises(InvalidInput):
        record_followup(rt, manager, data.bad_ticket_eval_id, contacted=True, resolved=False,
                        explanation="  ")  # fmt: skip
    with pytest.raises(InvalidInput):
        record_followup(rt, manager, data.bad_ticket_eval_id, contacted=False, resolved=False,
                        explanation="说明")  # fmt: skip
    with rt.unit() as s:
        good = s.scalars(select(Evaluation.id).where(Evaluation.level == 5)).first()
        village = s.scalars(select(Hall.id).where(Hall.code == "QS-SQ")).one()
    with pytest.raises(NotABadEvaluation):
        record_followup(rt, manager, good, contacted=True, resolved=False, explanation="说明")
    other_hall = Actor(hall_id=village, staff_id=manager.staff_id, roles=manager.roles)
    with pytest.raises(NotFound):
        record_followup(rt, other_hall, data.bad_ticket_eval_id, contacted=True, resolved=False,
                        explanation="说明")  # fmt: skip
