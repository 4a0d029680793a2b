"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import backup_sqlite, current_revision, head_revision, upgrade
from db.models import Base


def test_upgrade_to_head_matches_models(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(db_url: str) -> None:
    assert upgrade(db_url) is None  # nothing to do, no backup


def test_sqlite_backup_copies_the_file(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    upgrade(url)
    backup = backup_sqlite(url)
    assert backup is not None and backup.exists() and backup.stat().st_size > 0
    engine = make_engine(f"sqlite:///{backup}")
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_audit_log_is_append_only_on_postgres(pg_url: str) -> None:
    from counter.services.base import Runtime, audit

    rt = Runtime(pg_url)
    try:
        with rt.unit() as s:
            audit(s, None, "x")
        engine = rt.engine
        for sql in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log",
                    "TRUNCATE audit_log", "TRUNCATE audit_log CASCADE",
                    "DELETE FROM audit_chain", "TRUNCATE audit_chain"):  # fmt: skip
            with (
                pytest.raises(Exception, match="append-only|cannot be removed"),
                engine.begin() as conn,
            ):
                conn.execute(text(sql))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1
        # a row without its chain fields is refused by the schema itself
        with pytest.raises(Exception, match="seq"), engine.begin() as conn:
            conn.execute(text("INSERT INTO audit_log (at, staff_no, action, target, host, detail) "
                              "VALUES (now(), '', 'x', '', '', '{}')"))  # fmt: skip
    finally:
        rt.dispose()


def test_upgrade_chains_the_audit_rows_already_there(tmp_path, request) -> None:
    """A live database at 0001 with audit rows: 0011 numbers and hashes them, so the chain is
    whole from the first row and the next append continues it."""
    from counter.services.audit import verify_chain
    from counter.services.base import Runtime, audit
    from tests.dbfixtures import _drop_pg, _pg_admin, _pg_url, pg_available

    urls = [f"sqlite:///{tmp_path / 'old.sqlite3'}"]
    name = f"counter_mig_{tmp_path.name[-12:]}".replace("-", "_").lower()
    if pg_available():
        _drop_pg(name)
        with _pg_admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        request.addfinalizer(lambda: _drop_pg(name))
        urls.append(_pg_url(name))
    for url in urls:
        upgrade(url, "0001")
        engine = make_engine(url)
        with engine.begin() as conn:
            for n in range(3):
                conn.execute(
                    text("INSERT INTO audit_log (at, staff_no, action, target, host, detail) "
                         "VALUES (:at, '', :a, '', 'pc1', :d)"),
                    {"at": f"2025-09-30 0{n}:00:00", "a": f"old{n}", "d": f'{{"n": {n}}}'},
                )  # fmt: skip
        engine.dispose()
        upgrade(url)
        rt = Runtime(url)
        try:
            report = verify_chain(rt)
            assert report.ok and report.rows == 3 and report.head_seq == 3
            with rt.unit() as s:
                audit(s, None, "new")
            report = verify_chain(rt)  # the check audited itself too
            assert report.ok and report.head_seq == 5
        finally:
            rt.dispose()


def test_0015_records_the_originals_cases_already_have(hall_url: str) -> None:
    """Down to 0014 and up again: a received 原件及复印件 was held (handed back once the case was
    delivered), a received 原件 kept, anything else records no original."""
    from alembic import command

    from counter.demo.hall import DEMO_PASSWORD
    from counter.domain import applicants, checklist
    from counter.services import handout, intake
    from counter.services.auth import sign_in
    from counter.services.base import Runtime
    from counter.services.catalog import get_item
    from db.migrate import alembic_config
    from tests.integration.test_cases import ID_A

    rt = Runtime(hall_url)
    try:
        clerk = sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor
        for code in ("NY-001", "WJ-001"):  # one in review, one done on the spot and handed out
            item = get_item(rt, code=code)
            r = intake.accept_case(
                rt, clerk, item_version_id=item.version_id,
                applicant=applicants.ApplicantInput(kind="person", name="王建国", id_number=ID_A),
                materials=[checklist.MaterialCheck(m.id, "received", m.form, 1)
                           for m in item.materials],
            )  # fmt: skip
        handout.hand_out(rt, clerk, r.case_no, collector_id_number=ID_A)
    finally:
        rt.dispose()
    command.downgrade(alembic_config(hall_url), "0014")
    command.upgrade(alembic_config(hall_url), "head")
    engine = make_engine(hall_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT m.status, m.form, m.original, c.state FROM case_material m "
                    "JOIN service_case c ON c.id = m.case_id"
                )
            ).all()
    finally:
        engine.dispose()
    assert rows
    for status, form, original, state in rows:
        if status != "received" or form == "copy":
            assert original == ""
        elif form == "original":
            assert original == "filed"
        else:
            assert original == ("handed_back" if state == "delivered" else "held")
    assert {r[2] for r in rows} >= {"held", "filed", "handed_back"}
