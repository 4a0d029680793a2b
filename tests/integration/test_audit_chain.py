"""The audit log's hash chain: rows altered, deleted or inserted with SQL behind the application's
back are found and named; appends from many threads (PCs) at once still form one chain."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, text

from counter.services.audit import verify_chain
from counter.services.auth import sign_in
from counter.services.base import Actor, Runtime, audit
from db.audit_chain import canonical, chain_hash


@pytest.fixture
def rt(db_url: str) -> Iterator[Runtime]:
    r = Runtime(db_url)
    with r.unit() as s:
        for n in range(6):
            audit(s, Actor(hall_id=0, staff_no=f"S{n}"), "test", f"row {n}", host="pc1", n=n)
    yield r
    r.dispose()


@contextmanager
def behind_the_back(rt: Runtime) -> Iterator[Connection]:
    """A raw connection that gets past the append-only triggers the way a database
    superuser could (PostgreSQL: triggers off for the session)."""
    with rt.engine.begin() as conn:
        if rt.is_postgres:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        yield conn


def ids(rt: Runtime) -> list[int]:
    with rt.engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(text("SELECT id FROM audit_log ORDER BY seq"))]


def test_an_intact_chain(rt: Runtime) -> None:
    report = verify_chain(rt)
    assert report.ok and report.rows == 6 and report.head_seq == 6
    assert verify_chain(rt).head_seq == 7  # each check is itself audited


def test_an_altered_row_is_named(rt: Runtime) -> None:
    third = ids(rt)[2]
    with behind_the_back(rt) as conn:
        conn.execute(text("UPDATE audit_log SET target = 'nothing happened' WHERE id = :i"),
                     {"i": third})  # fmt: skip
    p = verify_chain(rt).problem
    assert p is not None and (p.kind, p.seq, p.row_id) == ("altered", 3, third)
    assert "第 3 条" in p.message_zh()


def test_an_altered_and_rehashed_row_breaks_the_next_link(rt: Runtime) -> None:
    """Recomputing the changed row's own hash is not enough: the next row names the break."""
    rows = ids(rt)
    with rt.engine.connect() as conn:
        r = conn.execute(text("SELECT seq, at, hall_id, staff_id, staff_no, action, host, detail, "
                              "prev_hash FROM audit_log WHERE id = :i"), {"i": rows[1]}).one()  # fmt: skip
    import datetime as dt

    at = r.at if isinstance(r.at, dt.datetime) else dt.datetime.fromisoformat(str(r.at))
    detail = r.detail if isinstance(r.detail, dict) else json.loads(r.detail)
    forged = chain_hash(r.prev_hash, canonical(
        seq=r.seq, at=at, hall_id=r.hall_id, staff_id=r.staff_id, staff_no=r.staff_no,
        action=r.action, target="forged", host=r.host, detail=detail,
    ))  # fmt: skip
    with behind_the_back(rt) as conn:
        conn.execute(text("UPDATE audit_log SET target = 'forged', row_hash = :h WHERE id = :i"),
                     {"h": forged, "i": rows[1]})  # fmt: skip
    p = verify_chain(rt).problem
    assert p is not None and (p.kind, p.seq, p.row_id) == ("broken_link", 3, rows[2])


def test_a_deleted_row_is_named(rt: Runtime) -> None:
    rows = ids(rt)
    with behind_the_back(rt) as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": rows[3]})
    p = verify_chain(rt).problem
    assert p is not None and (p.kind, p.seq) == ("removed", 4)
    assert f"id {rows[2]}" in p.detail and f"id {rows[4]}" in p.detail


def test_rows_deleted_at_the_end_are_found_by_the_head(rt: Runtime) -> None:
    rows = ids(rt)
    with behind_the_back(rt) as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id >= :i"), {"i": rows[4]})
    p = verify_chain(rt).problem
    assert p is not None and (p.kind, p.seq) == ("removed", 5)


def test_an_inserted_row_is_named(rt: Runtime) -> None:
    with behind_the_back(rt) as conn:
        last = conn.execute(text("SELECT max(seq) FROM audit_log")).scalar()
        conn.execute(
            text("INSERT INTO audit_log (at, staff_no, action, target, host, detail, seq, "
                 "prev_hash, row_hash) VALUES (:at, 'X', 'sign_in', '', 'pc9', '{}', :seq, :p, "
                 ":h)"),
            {"at": "2025-09-30 02:00:00", "seq": last + 1, "p": "0" * 64, "h": "f" * 64},
        )  # fmt: skip
        new_id = conn.execute(text("SELECT max(id) FROM audit_log")).scalar()
    p = verify_chain(rt).problem
    assert p is not None and (p.kind, p.seq, p.row_id) == ("inserted", last + 1, new_id)


def test_renumbered_rows_are_found(rt: Runtime) -> None:
    """Numbers shifted (to make room for a row slipped in): the gap is named."""
    rows = ids(rt)
    with behind_the_back(rt) as conn:
        conn.execute(text("UPDATE audit_log SET seq = seq + 100 WHERE id >= :i"), {"i": rows[3]})
    p = verify_chain(rt).problem
    assert p is not None and p.kind == "removed" and p.seq == 4


def test_counter_audit_verify_exit_codes(db_url: str, tmp_path, monkeypatch) -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    r = Runtime(db_url)
    with r.unit() as s:
        audit(s, None, "one")
        audit(s, None, "two")
    env = {**__import__("os").environ, "COUNTER_HOME": str(tmp_path)}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "counter.cli", "audit", "verify", "--db",
                               db_url], capture_output=True, text=True, cwd=root, env=env,
                              timeout=120)  # fmt: skip

    ok = run()
    assert ok.returncode == 0 and "审计日志完整" in ok.stdout
    with behind_the_back(r) as conn:
        conn.execute(text("UPDATE audit_log SET action = 'zero' WHERE seq = 1"))
    bad = run()
    r.dispose()
    assert bad.returncode == 1
    assert "第 1 条" in bad.stderr and "altered" in bad.stderr and "Traceback" not in bad.stderr


def test_concurrent_appends_form_one_chain_on_postgres(pg_hall_url: str) -> None:
    """Eight threads (eight PCs) sign in and write audit rows at once, each in its own
    transactions: the head row's lock serialises the appends, the chain stays whole."""
    rt = Runtime(pg_hall_url)
    try:
        workers, each = 8, 15
        barrier = threading.Barrier(workers)
        errors: list[BaseException] = []

        def work(i: int) -> None:
            try:
                barrier.wait()
                for n in range(each):
                    if n % 5 == 0:
                        sign_in(rt, "1001", "demo1234")
                    else:
                        with rt.unit() as s:
                            audit(s, Actor(hall_id=0, staff_no=f"T{i}"), "load", f"{i}-{n}")
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        report = verify_chain(rt)
        assert report.ok, report.problem
        assert report.rows >= workers * each
        with rt.engine.connect() as conn:
            seqs = [r[0] for r in conn.execute(text("SELECT seq FROM audit_log ORDER BY seq"))]
        assert seqs == list(range(1, len(seqs) + 1))
    finally:
        rt.dispose()
