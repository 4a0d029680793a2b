"""Personal data never reaches a log line, an error message or an exception text — not even when
the connection drops in the middle of an acceptance, with the applicant's data in the
statement's parameters (issue: Runtime.unit used to log SQLAlchemy's error with its values)."""

from __future__ import annotations

import logging
import traceback

import pytest
from sqlalchemy import event, text

from counter import window as door
from counter.demo.hall import DEMO_PASSWORD
from counter.domain.applicants import ApplicantInput
from counter.domain.checklist import MaterialCheck
from counter.errors import CounterError, DatabaseError, DatabaseUnavailable
from counter.netproxy import DelayProxy
from counter.services import catalog
from counter.services.base import Runtime
from tests.integration.test_queue_support import fake_clock  # noqa: F401 (fixture)

NAME = "欧阳秘密"
ID = "11010519491231002X"
PHONE = "13987654321"
ADDRESS = "青山镇保密路88号"


def _request(rt: Runtime, code: str = "MZ-011") -> door.IntakeRequest:
    item = catalog.get_item(rt, code=code)
    return door.IntakeRequest(
        item.version_id,
        ApplicantInput(name=NAME, id_number=ID, phone=PHONE, address=ADDRESS),
        tuple(MaterialCheck(m.id, "received") for m in item.materials),
    )


def _leaks(text_: str) -> list[str]:
    return [s for s in (NAME, ID, PHONE, ADDRESS, ID[-6:]) if s in text_]


@pytest.mark.pg
def test_a_connection_cut_during_an_acceptance_leaks_nothing(
    pg_hall_url: str,
    caplog: pytest.LogCaptureFixture,
    fake_clock,  # noqa: F811
) -> None:
    from sqlalchemy.engine import make_url

    u = make_url(pg_hall_url)
    with DelayProxy(u.host or "127.0.0.1", u.port or 5432, 0) as proxy:
        rt = Runtime(proxy.url_for(pg_hall_url))
        try:
            desk = door.sign_in(rt, "1001", DEMO_PASSWORD, 1)
            req = _request(rt)
            seen = {"n": 0}

            @event.listens_for(rt.engine, "before_cursor_execute")
            def cut_at_the_applicant(conn, cursor, statement, params, context, many):  # type: ignore[no-untyped-def]
                if statement.lstrip().upper().startswith("INSERT INTO APPLICANT"):
                    seen["n"] += 1
                    proxy.cut()

            caplog.set_level(logging.DEBUG)
            with pytest.raises(CounterError) as caught:
                door.accept(rt, desk, req)
            assert seen["n"] == 1
            assert isinstance(caught.value, DatabaseUnavailable)
            everything = "\n".join(
                [
                    caplog.text,
                    str(caught.value),
                    caught.value.message_en,
                    "".join(traceback.format_exception(caught.value)),
                ]
            )
            assert _leaks(everything) == [], everything
        finally:
            rt.dispose()


def test_a_refused_statement_leaks_nothing(
    hall_url: str,
    caplog: pytest.LogCaptureFixture,
    fake_clock,  # noqa: F811
) -> None:
    """A constraint violation's detail repeats the row's values (PostgreSQL: "Failing row
    contains (…)"): it never reaches the text."""
    rt = Runtime(hall_url)
    try:
        caplog.set_level(logging.DEBUG)
        with pytest.raises(DatabaseError) as caught, rt.unit() as s:
            s.execute(
                text(
                    "INSERT INTO applicant (kind, name, id_type, id_number, uscc, legal_rep, phone,"
                    " address, sex, nation, id_hash, created_at, updated_at)"
                    " VALUES ('person', NULL, '居民身份证', :i, '', '', :p, :a, '', :n, :h, :t, :t)"
                ),
                {"n": NAME, "i": ID, "p": PHONE, "a": ADDRESS, "h": ID, "t": "2026-01-01"},
            )
        everything = "\n".join(
            [caplog.text, str(caught.value), "".join(traceback.format_exception(caught.value))]
        )
        assert _leaks(everything) == [], everything
    finally:
        rt.dispose()
