"""Least-privilege roles (counter db roles) on the local PostgreSQL: each job's login does its
job, and a public PC's login is refused personal data, cases and the audit log.

Roles belong to the whole cluster, so every test makes its own with a random prefix and drops
them afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from counter import clock
from counter.dbroles import (
    JOB_KIND,
    KINDS,
    apply_roles,
    compare_grants,
    create_login,
    model_schema,
    reapply_grants,
    role_name,
    roles_sql,
)
from counter.demo.hall import DEMO_PASSWORD
from counter.domain import applicants, checklist
from counter.events import subscribe
from counter.services import appointments, calling, intake, queue_state, tickets
from counter.services.auth import sign_in
from counter.services.base import Actor, Runtime
from counter.services.catalog import get_item
from db.engine import normalise_url

pytestmark = pytest.mark.pg

LOGIN_PASSWORD = "login-password-for-tests"
PERSONAL_READS = [
    "SELECT name FROM applicant",
    "SELECT id_number FROM applicant",
    "SELECT count(*) FROM applicant",
    "SELECT case_no FROM service_case",
    "SELECT count(*) FROM case_event",
    "SELECT count(*) FROM case_material",
    "SELECT content FROM document",
    "SELECT count(*) FROM seal_use",
    "SELECT comment FROM evaluation",
    "SELECT password_hash FROM staff",
    "SELECT secret FROM hall",
    "SELECT applicant_id_hash FROM ticket",
    "SELECT * FROM hall",
]
AUDIT_ALTERATIONS = [
    "UPDATE audit_log SET action = 'forged'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "DROP TRIGGER audit_log_append_only ON audit_log",
    "ALTER TABLE audit_log DROP COLUMN detail",
    "DROP TABLE audit_log",
]


def at_local(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hour, 0, tzinfo=clock.HALL_TZ).astimezone(dt.UTC)


@dataclass
class Town:
    admin_url: str
    prefix: str
    urls: dict[str, str]  # kind → URL of a login of that kind

    def rt(self, kind: str) -> Runtime:
        return Runtime(self.urls[kind])


@pytest.fixture
def town(pg_hall_url: str) -> Iterator[Town]:
    now = [at_local(2025, 6, 3)]
    clock.set_clock(lambda: now[0])
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    admin = create_engine(normalise_url(pg_hall_url))
    logins = {kind: f"{prefix}{kind}_pc" for kind in KINDS}
    job_of = {"app": "window", "kiosk": "kiosk", "display": "display", "manager": "manager"}
    with admin.begin() as conn:
        apply_roles(conn, prefix)
        for kind, login in logins.items():
            create_login(conn, login, job_of[kind], LOGIN_PASSWORD, prefix)
    base = make_url(pg_hall_url)
    urls = {
        kind: base.set(username=login, password=LOGIN_PASSWORD).render_as_string(
            hide_password=False
        )
        for kind, login in logins.items()
    }
    yield Town(pg_hall_url, prefix, urls)
    clock.set_clock(None)
    with admin.begin() as conn:
        for name in [*logins.values(), *(role_name(k, prefix) for k in KINDS)]:
            conn.exec_driver_sql(f'DROP OWNED BY "{name}"')
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
    admin.dispose()


def refused(url: str, sql: str) -> bool:
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    except ProgrammingError as exc:
        message = str(exc.orig)
        assert "permission denied" in message or "must be owner" in message, message
        return True
    finally:
        engine.dispose()
    return False


def rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(sql)]
    finally:
        engine.dispose()


def accept_a_case(rt: Runtime, clerk: Actor) -> str:
    item = get_item(rt, code="NY-001")
    checks = [
        checklist.MaterialCheck(
            m.id, "received" if m.requirement == "required" else "not_applicable", m.form, m.copies
        )
        for m in item.materials
    ]
    result = intake.accept_case(
        rt,
        clerk,
        item_version_id=item.version_id,
        applicant=applicants.ApplicantInput(
            kind="person", name="王建国", id_number="11010519491231002X"
        ),
        materials=checks,
    )
    return result.case.case_no


# ------------------------------------------------------------------------------------ kiosk


def test_kiosk_issues_tickets_and_checks_in_appointments(town: Town) -> None:
    app, kiosk_rt = town.rt("app"), town.rt("kiosk")
    try:
        hall_id = kiosk_rt.hall_id("QS")
        kiosk = Actor.system(hall_id, device="kiosk")
        plain = tickets.issue_ticket(kiosk_rt, kiosk, "A")
        swiped = tickets.issue_ticket(
            kiosk_rt,
            kiosk,
            "A",
            source="idcard",
            applicant_name="王建国",
            id_number="11010519491231002X",
        )
        assert (plain.ticket.number, swiped.ticket.number) == ("A001", "A002")
        assert swiped.ticket.name_masked == "王**"

        clerk = sign_in(app, "1001", DEMO_PASSWORD, window_number=1).actor
        booked = appointments.book_appointment(
            app,
            clerk,
            "A",
            at_local(2025, 6, 3),
            applicant_name="李娜",
            id_number="440524188001010014",
        )
        checked = appointments.check_in_appointment(kiosk_rt, kiosk, booked.code)
        assert checked.ticket.source == "appointment" and checked.ticket.name_masked == "李*"

        status = queue_state.hall_status(kiosk_rt, kiosk)
        assert {s.prefix: s.waiting for s in status.queues}["A"] == 3
        # The kiosk never held the hall's key: its ID-card ticket has no hash; the appointment's
        # hash (made by a window PC) was copied by the database, not read by the kiosk.
        hashes = rows(
            town.admin_url,
            "SELECT number, applicant_id_hash IS NOT NULL FROM ticket ORDER BY number",
        )
        assert hashes == [("A001", False), ("A002", False), ("A003", True)]
        # A window PC calls them as usual.
        calling.open_window(app, clerk, 1)
        assert calling.call_next(app, clerk, 1).ticket.number in ("A001", "A002", "A003")
    finally:
        app.dispose()
        kiosk_rt.dispose()


@pytest.mark.parametrize("sql", PERSONAL_READS)
def test_kiosk_is_refused_personal_data_and_secrets(town: Town, sql: str) -> None:
    assert refused(town.urls["kiosk"], sql)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE ticket SET state = 'void'",
        "UPDATE service_window SET state = 'open'",
        "INSERT INTO applicant (kind, name, created_at, updated_at) VALUES ('person', 'x', now(), now())",
        "DELETE FROM ticket",
        "UPDATE hall SET settings = '{}'",
    ],
)
def test_kiosk_may_not_call_or_change_the_hall(town: Town, sql: str) -> None:
    assert refused(town.urls["kiosk"], sql)


def test_kiosk_cannot_announce_a_case(town: Town) -> None:
    engine = create_engine(normalise_url(town.urls["kiosk"]))
    try:
        with pytest.raises(ProgrammingError, match="row-level security"), engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO change_log (at, type, payload) VALUES (now(), 'case.accepted', '{}')"
            )
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------------- display


def test_display_reads_queue_state_and_public_changes_only(town: Town) -> None:
    app, display_rt = town.rt("app"), town.rt("display")
    try:
        clerk = sign_in(app, "1001", DEMO_PASSWORD, window_number=1).actor
        tickets.issue_ticket(app, clerk, "A")
        calling.open_window(app, clerk, 1)
        calling.call_next(app, clerk, 1)
        case_no = accept_a_case(app, clerk)

        hall_id = display_rt.hall_id("QS")
        status = queue_state.hall_status(display_rt, Actor.system(hall_id, device="display"))
        assert status.windows[0].current_number == "A001"
        types = {t for (t,) in rows(town.urls["display"], "SELECT type FROM change_log")}
        assert "ticket.called" in types and "window.state" in types
        assert not any(t.startswith("case.") for t in types)
        everything = rows(town.admin_url, "SELECT type FROM change_log")
        assert any(t.startswith("case.") for (t,) in everything)
        payloads = json.dumps(rows(town.urls["display"], "SELECT payload FROM change_log"))
        assert case_no not in payloads
        assert rows(town.urls["display"], "SELECT name FROM staff WHERE staff_no = '1001'")
    finally:
        app.dispose()
        display_rt.dispose()


@pytest.mark.parametrize(
    "sql",
    [
        *PERSONAL_READS,
        "SELECT code FROM appointment",
        "INSERT INTO ticket_counter (queue_id, day, last_seq) VALUES (1, '2030-01-01', 1)",
        "INSERT INTO change_log (at, type, payload) VALUES (now(), 'ticket.issued', '{}')",
        "UPDATE service_window SET state = 'open'",
    ],
)
def test_display_reads_only(town: Town, sql: str) -> None:
    assert refused(town.urls["display"], sql)


def test_display_hears_of_private_changes_by_id_only(town: Town) -> None:
    """LISTEN needs no privilege: a case's notification must carry nothing but its id and
    type, and the catch-up read of the change log is filtered by row-level security."""
    import psycopg

    u = make_url(town.urls["display"])
    listener = psycopg.connect(
        host=u.host, port=u.port or 5432, user=u.username, password=u.password,
        dbname=u.database, autocommit=True,
    )  # fmt: skip
    app = town.rt("app")
    got = []
    display_rt = town.rt("display")
    hall_id = display_rt.hall_id("QS")
    sub = subscribe(town.urls["display"], hall_id, got.append, since_id=0)
    try:
        listener.execute("LISTEN counter_changes")
        clerk = sign_in(app, "1001", DEMO_PASSWORD, window_number=1).actor
        case_no = accept_a_case(app, clerk)
        tickets.issue_ticket(app, clerk, "A")
        notes = [n.payload for n in listener.notifies(timeout=2, stop_after=2)]
        assert len(notes) == 2
        case_note, ticket_note = (json.loads(n) for n in notes)
        assert case_note["type"] == "case.accepted" and case_note.get("truncated")
        assert case_no not in notes[0] and "case_no" not in case_note
        assert ticket_note["type"] == "ticket.issued" and ticket_note["number"] == "A001"
        end = time.monotonic() + 5
        while time.monotonic() < end and not any(e.type == "ticket.issued" for e in got):
            time.sleep(0.05)
        assert any(e.type == "ticket.issued" for e in got)
        assert not any(e.type.startswith("case.") for e in got)
    finally:
        sub.close()
        listener.close()
        app.dispose()
        display_rt.dispose()


# ------------------------------------------------------------------------- every role, audit


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("sql", AUDIT_ALTERATIONS)
def test_no_role_can_alter_the_audit_log(town: Town, kind: str, sql: str) -> None:
    assert refused(town.urls[kind], sql)


def test_window_client_works_on_the_app_role(town: Town) -> None:
    app = town.rt("app")
    try:
        clerk = sign_in(app, "1001", DEMO_PASSWORD, window_number=1).actor
        tickets.issue_ticket(app, clerk, "A", source="idcard", applicant_name="王建国",
                       id_number="11010519491231002X")  # fmt: skip
        calling.open_window(app, clerk, 1)
        called = calling.call_next(app, clerk, 1)
        calling.start_service(app, clerk, 1)
        case_no = accept_a_case(app, clerk)
        calling.finish_service(app, clerk, 1)
        assert called.ticket.number == "A001" and case_no.startswith("QS")
        hashed = rows(town.admin_url, "SELECT applicant_id_hash FROM ticket")
        assert hashed[0][0] and len(hashed[0][0]) == 64  # a window PC holds the key
    finally:
        app.dispose()
    assert refused(town.urls["app"], "DELETE FROM service_case")
    assert refused(town.urls["app"], "UPDATE case_event SET comment = 'x'")
    assert refused(town.urls["app"], "CREATE TABLE x (id int)")


def test_the_back_office_decides_and_seals_on_the_app_role(town: Town) -> None:
    """A back-office PC signs in with the same app login as a window: review, decision and the
    seal (the decision's verification code is part of the row it inserts: the document table
    is append-only for this role)."""
    from counter import sealkey
    from counter.services import backoffice, seal

    app = town.rt("app")
    try:
        clerk = sign_in(app, "1001", DEMO_PASSWORD, window_number=1).actor
        case_no = accept_a_case(app, clerk)
        reviewer = sign_in(app, "2001", DEMO_PASSWORD).actor
        decider = sign_in(app, "2002", DEMO_PASSWORD).actor
        keeper = sign_in(app, "3001", DEMO_PASSWORD).actor
        backoffice.advance_case(app, reviewer, case_no, "first_review", "材料齐全")
        backoffice.advance_case(app, reviewer, case_no, "review", "同意")
        backoffice.advance_case(app, decider, case_no, "decide", "同意")
        issued = seal.issue_decision(app, keeper, case_no)
        assert sealkey.looks_like_code(issued.content.verify_code)
        again = seal.reprint(app, keeper, case_no, "decision", reason="原件污损")
        assert again.verify_code == issued.content.verify_code
    finally:
        app.dispose()


def test_manager_reads_and_signs_in_but_runs_no_queue(town: Town) -> None:
    mgr = town.rt("manager")
    try:
        actor = sign_in(mgr, "4001", DEMO_PASSWORD).actor
        assert actor.has("manager")
        status = queue_state.hall_status(mgr, actor)
        assert len(status.windows) == 14
        assert rows(town.urls["manager"], "SELECT count(*) FROM service_case")
    finally:
        mgr.dispose()
    assert refused(town.urls["manager"], "UPDATE ticket SET state = 'void'")
    assert refused(town.urls["manager"], "SELECT secret FROM hall")
    assert refused(town.urls["manager"], "DELETE FROM evaluation")


# ------------------------------------------------------------------------- grants and script


def test_each_login_holds_exactly_its_jobs_grants(town: Town) -> None:
    for job, kind in JOB_KIND.items():
        engine = create_engine(normalise_url(town.urls[kind]))
        with engine.connect() as conn:
            report = compare_grants(conn, kind)
            assert report.ok, (job, report)
            assert report.groups == (role_name(kind, town.prefix),)
            wrong = compare_grants(conn, "kiosk" if kind != "kiosk" else "app")
            assert not wrong.ok and (wrong.missing or wrong.excess)
        engine.dispose()
    engine = create_engine(normalise_url(town.admin_url))
    with engine.connect() as conn:
        admin = compare_grants(conn, "app")
    engine.dispose()
    assert admin.superuser and not admin.ok


def test_upgrade_applies_the_grants_again(town: Town) -> None:
    kiosk = role_name("kiosk", town.prefix)
    engine = create_engine(normalise_url(town.admin_url))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f'REVOKE ALL ON ticket FROM "{kiosk}"')
            conn.exec_driver_sql(f'GRANT SELECT ON applicant TO "{kiosk}"')
        k = create_engine(normalise_url(town.urls["kiosk"]))
        with k.connect() as conn:
            report = compare_grants(conn, "kiosk")
            assert "SELECT applicant" in report.excess
            assert any(m.startswith("INSERT ticket") for m in report.missing)
        with engine.begin() as conn:
            assert reapply_grants(conn, town.prefix)
        with k.connect() as conn:
            assert compare_grants(conn, "kiosk").ok
        k.dispose()
    finally:
        engine.dispose()


def test_an_existing_login_changes_job_only_when_asked(town: Town) -> None:
    from counter.errors import Conflict

    login = f"{town.prefix}app_pc"
    admin = create_engine(normalise_url(town.admin_url))
    try:
        with admin.begin() as conn:  # the same job again: the password renewed, nothing moved
            assert create_login(conn, login, "window", LOGIN_PASSWORD, town.prefix).endswith("app")
        with pytest.raises(Conflict) as caught, admin.begin() as conn:
            create_login(conn, login, "kiosk", LOGIN_PASSWORD, town.prefix)
        assert "--change-job" in caught.value.message_en
        assert not refused(town.urls["app"], "SELECT count(*) FROM service_case")  # still a window
        with admin.begin() as conn:
            create_login(conn, login, "kiosk", LOGIN_PASSWORD, town.prefix, change_job=True)
        assert refused(town.urls["app"], "SELECT count(*) FROM service_case")  # now a kiosk
    finally:
        admin.dispose()


def test_login_password_is_stored_as_a_scram_verifier(town: Town) -> None:
    login = make_url(town.urls["kiosk"]).username
    (stored,) = rows(town.admin_url, f"SELECT rolpassword FROM pg_authid WHERE rolname = '{login}'")
    assert stored[0].startswith("SCRAM-SHA-256$") and LOGIN_PASSWORD not in stored[0]


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql not installed")
def test_printed_script_runs_in_psql(pg_hall_url: str) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    script = subprocess.run(
        [sys.executable, "-m", "ui.main", "db", "roles", "--prefix", prefix],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    assert script == roles_sql(model_schema(), prefix)
    u = make_url(pg_hall_url)
    try:
        proc = subprocess.run(
            ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", u.host or "127.0.0.1",
             "-p", str(u.port or 5432), "-U", u.username or "postgres", "-d", u.database or ""],
            input=script, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert rows(
            pg_hall_url, f"SELECT count(*) FROM pg_roles WHERE starts_with(rolname, '{prefix}')"
        ) == [(4,)]
    finally:
        engine = create_engine(normalise_url(pg_hall_url))
        with engine.begin() as conn:
            for kind in KINDS:
                conn.exec_driver_sql(f'DROP OWNED BY "{prefix}{kind}"')
                conn.exec_driver_sql(f'DROP ROLE "{prefix}{kind}"')
        engine.dispose()


# ------------------------------------------------------------------------------ counter doctor


def doctor(url: str, job: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "doctor", "--db", url, "--job", job, "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_doctor_checks_the_logins_grants_against_the_pcs_job(town: Town) -> None:
    proc = doctor(town.urls["kiosk"], "kiosk")
    checks = {c["key"]: c for c in json.loads(proc.stdout)}
    assert checks["grants"]["status"] == "ok", checks["grants"]
    assert checks["database"]["status"] == checks["clock"]["status"] == "ok"
    assert proc.returncode == 0, checks

    proc = doctor(town.urls["kiosk"], "window")  # a kiosk login on a window PC
    assert proc.returncode == 1
    grants = {c["key"]: c for c in json.loads(proc.stdout)}["grants"]
    assert grants["status"] == "fail" and "与岗位“窗口与后台”不符" in grants["detail_zh"]
    assert "counter db login" in grants["fix_zh"] and "counter db login" in grants["fix_en"]

    proc = doctor(town.urls["app"], "kiosk")  # the public PC with the clerks' login
    grants = {c["key"]: c for c in json.loads(proc.stdout)}["grants"]
    assert proc.returncode == 1 and "SELECT applicant" in grants["detail_en"]

    proc = doctor(town.admin_url, "window")
    grants = {c["key"]: c for c in json.loads(proc.stdout)}["grants"]
    assert proc.returncode == 1 and "超级用户" in grants["detail_zh"]


@pytest.mark.parametrize(("skew", "status"), [(0.0, "ok"), (8.0, "warn"), (-90.0, "fail")])
def test_doctor_measures_the_clock_against_the_server(
    town: Town, monkeypatch: pytest.MonkeyPatch, skew: float, status: str
) -> None:
    from counter import doctor as doc
    from counter.config import StationConfig

    real = time.time
    monkeypatch.setattr(doc.time, "time", lambda: real() + skew)
    ctx = doc.Context(StationConfig(), town.urls["display"], "display")
    ctx.found["report"] = object()  # the database check passed
    result = doc.check_clock(ctx)
    assert result.status == status, result
    if status != "ok":
        assert "w32tm" in result.fix_zh and ("快" in result.detail_zh) == (skew > 0)
