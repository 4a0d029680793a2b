"""Halls kept apart for tickets and applicants (cases and documents: tests/integration/
test_backoffice.py). Another town's staff, on the same database, can neither issue into this
hall's queues, nor call, recall or finish its tickets, nor find its applicants; both backends."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from counter import clock
from counter.demo.hall import DEMO_PASSWORD
from counter.domain import applicants, checklist
from counter.errors import NotFound
from counter.services import calling, catalog, intake, tickets
from counter.services.auth import add_staff_row, sign_in
from counter.services.base import Actor, Runtime
from db.models import Hall, Queue, Ticket, Window
from tests.integration.test_queue_support import relax_hall

ID = "11010519491231002X"


@pytest.fixture
def rt(hall_url: str) -> Iterator[Runtime]:
    relax_hall(hall_url)
    runtime = Runtime(hall_url)
    yield runtime
    runtime.dispose()


def _other_town(rt: Runtime) -> Actor:
    """Another town with one open window and a clerk-manager signed in at it."""
    with rt.unit() as s:
        town = Hall(code="BS", name="白沙镇便民服务中心", kind="center", settings={},
                    secret=secrets.token_hex(16), created_at=clock.now())  # fmt: skip
        s.add(town)
        s.flush()
        s.add(Window(hall_id=town.id, number=1, name="1号窗口", state="open"))
        add_staff_row(s, town.id, "B1001", "白窗", DEMO_PASSWORD, ["clerk", "manager"])
    return sign_in(rt, "B1001", DEMO_PASSWORD, window_number=1).actor


def test_another_towns_staff_cannot_touch_this_halls_tickets(rt: Runtime) -> None:
    hall_id = rt.hall_id("QS")
    kiosk = Actor.system(hall_id, device="kiosk")
    ticket = tickets.issue_ticket(rt, kiosk, "A").ticket
    other = _other_town(rt)
    with rt.unit() as s:
        queue_id = s.scalars(
            select(Queue.id).where(Queue.hall_id == hall_id, Queue.prefix == "A")
        ).one()
    refused = [
        lambda: tickets.issue_ticket(rt, other, queue_id),  # this hall's queue, by id
        lambda: tickets.issue_ticket(rt, other, "A"),  # a prefix the other town lacks
        lambda: calling.call_ticket(rt, other, 1, ticket.id),
        lambda: calling.call_ticket(rt, other, 1, ticket.number),
    ]
    for act in refused:
        with pytest.raises(NotFound):
            act()
    assert calling.call_next(rt, other, 1) is None  # its window sees none of this hall's line
    with rt.unit() as s:
        t = s.get(Ticket, ticket.id)
        assert t is not None and t.state == "waiting" and t.window_id is None


def test_another_towns_clerk_does_not_find_this_halls_applicant(rt: Runtime) -> None:
    clerk = sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor
    item = catalog.get_item(rt, code="MZ-011")
    checks = [
        checklist.MaterialCheck(m.id, "received" if m.requirement == "required" else
                                "not_applicable", m.form, m.copies)
        for m in item.materials
    ]  # fmt: skip
    intake.accept_case(
        rt,
        clerk,
        item_version_id=item.version_id,
        applicant=applicants.ApplicantInput(kind="person", name="王建国", id_number=ID),
        materials=checks,
    )
    assert intake.find_applicant(rt, clerk, id_number=ID) is not None
    other = _other_town(rt)
    assert intake.find_applicant(rt, other, id_number=ID) is None  # keyed with its own hall key
