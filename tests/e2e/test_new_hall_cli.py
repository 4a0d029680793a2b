"""A real hall from nothing, as README.md and docs/deployment.md §2/§4 tell the hall's IT person:
``db upgrade`` → ``hall create`` → ``setup --first-admin`` → ``catalog import`` → ``calendar
seed`` → ``staff add`` → ``setup --job window`` → ``queue issue`` → the clerk signs in. The
commands below are the documented ones, word for word (with ``--db``)."""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

import pytest
from sqlalchemy import select

from counter.errors import PasswordChangeRequired
from counter.services.auth import sign_in
from counter.services.base import Runtime
from db.models import AuditLog, Hall, Queue, Window, WindowQueue
from tests.e2e.test_admin_cli import counter

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PW = "first-admin-1"
CLERK_PW = "clerk-temp-1"


# The documented steps (README "In short", docs/deployment.md §2), each run below with --db.
HALL_CREATE = ("hall", "create", "QS", "--name", "青山镇便民服务中心", "--address",
               "青山镇人民路1号", "--phone", "0571-88886000", "--windows", "3")  # fmt: skip
FIRST_ADMIN = ("setup", "--first-admin", "9001", "--admin-name", "李管理", "--hall", "QS")
CATALOG = ("catalog", "import", "db/seed/catalogue.json", "--yes", "--staff", "9001")
CALENDAR = ("calendar", "seed", "--staff", "9001")
STAFF_ADD = ("staff", "add", "--no", "1001", "--name", "王丽", "--roles", "clerk", "--hall", "QS",
             "--staff", "9001")  # fmt: skip
DOCUMENTED = (HALL_CREATE, FIRST_ADMIN, CATALOG, CALENDAR, STAFF_ADD)


def _documented_steps(path: Path) -> list[tuple[str, ...]]:
    """The ``counter`` commands of the code block that sets ``TOWN=`` in ``path``, without
    ``--db $TOWN`` and the comments."""
    text = path.read_text(encoding="utf-8")
    block = next(b for b in text.split("```") if "TOWN=" in b)
    steps = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["counter"] and words[1] not in ("db",):
            steps.append(tuple(w for w in words[1:] if w not in ("--db", "$TOWN")))
    return steps


@pytest.mark.parametrize("doc", ["README.md", "docs/deployment.md"])
def test_the_documents_give_the_steps_this_test_runs(doc: str) -> None:
    assert _documented_steps(ROOT / doc) == list(DOCUMENTED)


def _refused_without_sign_in(db: str) -> bool:
    """Whether this database refuses an unsigned administrative command (PostgreSQL always; a
    SQLite file only when another user owns it, which needs root)."""
    if db.startswith("postgresql"):
        return True
    from sqlalchemy.engine import make_url

    path = make_url(db).database
    assert path
    if os.getuid() != 0:
        return False
    os.chown(path, 54321, -1)
    return True


def test_the_newcomers_path_from_an_empty_database(db_url: str) -> None:
    db = db_url
    counter("db", "upgrade", db=db)
    # A new database has no hall: setup says so, and so does the first administrator.
    proc = counter("setup", "--job", "window", "--hall", "QS", "--window", "1", db=db,
                   check=False)  # fmt: skip
    assert proc.returncode == 1 and "QS" in proc.stderr
    # Bad codes, names and time zones change nothing (exit 1, said in both languages).
    for bad in (("Q S", "--name", "某镇"), ("QT", "--name", "某镇\u202e"), ("QT", "--name", " ")):
        proc = counter("hall", "create", *bad, db=db, check=False)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, bad
    proc = counter("hall", "create", "QT", "--name", "某镇", "--timezone", "Mars/Base", db=db,
                   check=False)  # fmt: skip
    assert proc.returncode == 1 and "时区" in proc.stderr
    # The hall, bootstrapped without a sign-in: queue A and three windows serving it.
    out = counter(*HALL_CREATE, db=db).stdout  # fmt: skip
    assert "QS" in out and "A 综合受理" in out and "3号综合窗口" in out
    # The first administrator, on this hall (no job named: the administrator's PC).
    out = counter(*FIRST_ADMIN, db=db, password=ADMIN_PW).stdout  # fmt: skip
    assert "9001" in out
    # Now that a hall exists, another needs an administrator's sign-in.
    if _refused_without_sign_in(db):
        proc = counter("hall", "create", "QX", "--name", "青溪镇便民服务中心", db=db, check=False)
        assert proc.returncode == 2 and "系统管理员" in proc.stderr
    counter("hall", "create", "QX", "--name", "青溪镇便民服务中心", "--staff", "9001", db=db,
            password=ADMIN_PW)  # fmt: skip
    proc = counter("hall", "create", "QX", "--name", "又一个", "--staff", "9001", db=db,
                   check=False, password=ADMIN_PW)  # fmt: skip
    assert proc.returncode == 1 and "已存在" in proc.stderr
    # Everything else through the administrative commands, signed in.
    out = counter(*CATALOG, db=db, password=ADMIN_PW).stdout  # fmt: skip
    assert "228" in out
    counter(*CALENDAR, db=db, password=ADMIN_PW)
    # the documented step asks the clerk's password; a script gives it on standard input
    counter(*STAFF_ADD, "--password-stdin", db=db, stdin=CLERK_PW + "\n", password=ADMIN_PW)
    out = counter("setup", "--job", "window", "--hall", "QS", "--window", "1", db=db).stdout
    assert "1号综合窗口" in out
    ticket = json.loads(counter("queue", "issue", "--queue", "A", "--hall", "QS", db=db).stdout)
    assert ticket["number"] == "A001" and ticket["state"] == "waiting"
    shown = json.loads(counter("hall", "show", "--json", "--hall", "QS", "--staff", "9001",
                               db=db, password=ADMIN_PW).stdout)  # fmt: skip
    assert shown["code"] == "QS"

    rt = Runtime(db)
    try:
        # The clerk signs in at window 1 (the administrator's password is temporary: replaced).
        try:
            sign_in(rt, "1001", CLERK_PW, window_number=1)
            raise AssertionError("a password set by an administrator must be changed")
        except PasswordChangeRequired:
            pass
        signed = sign_in(rt, "1001", CLERK_PW, window_number=1, new_password="clerk-own-1")
        assert signed.actor.staff_no == "1001"
        assert (
            sign_in(rt, "1001", "clerk-own-1", window_number=1).actor.hall_id
            == signed.actor.hall_id
        )
        with rt.unit(read_only=True) as s:
            hall = s.scalars(select(Hall).where(Hall.code == "QS")).one()
            assert hall.kind == "center" and hall.parent_id is None
            assert not hall.settings.get("demo")  # real documents, not specimens
            assert (hall.address, hall.phone, hall.timezone) == (
                "青山镇人民路1号", "0571-88886000", "Asia/Shanghai"
            )  # fmt: skip
            queues = s.scalars(select(Queue).where(Queue.hall_id == hall.id)).all()
            assert [(q.prefix, q.name) for q in queues] == [("A", "综合受理")]
            windows = s.scalars(
                select(Window).where(Window.hall_id == hall.id).order_by(Window.number)
            ).all()
            assert [w.number for w in windows] == [1, 2, 3]
            served = s.scalars(
                select(WindowQueue.queue_id).where(
                    WindowQueue.window_id.in_([w.id for w in windows])
                )
            ).all()
            assert served == [queues[0].id] * 3
            created = s.scalars(
                select(AuditLog.target)
                .where(AuditLog.action == "hall_create")
                .order_by(AuditLog.id)
            ).all()
            assert created == ["QS", "QX"]
    finally:
        rt.dispose()
