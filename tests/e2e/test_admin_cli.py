"""Administrative commands as processes: an administrator's sign-in or a local SQLite file the user
owns; `catalog edit/show`, `hall set/show`, `staff`, the import diff, `setup --first-admin`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from counter.demo.hall import DEMO_PASSWORD


def counter(
    *args: str,
    db: str,
    check: bool = True,
    stdin: str | None = None,
    password: str | None = None,
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("COUNTER_STAFF_PASSWORD", None)
    if password is not None:
        env["COUNTER_STAFF_PASSWORD"] = password
    proc = subprocess.run(
        [sys.executable, "-m", "ui.main", *args, "--db", db],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def not_owned(url: str) -> None:
    """Give the SQLite file to another user (the test runs as root in CI containers)."""
    path = make_url(url).database
    assert path
    if os.getuid() != 0:
        pytest.skip("needs root to give the file to another user")
    os.chown(path, 54321, -1)


def test_admin_commands_need_an_administrators_sign_in(sqlite_hall_url: str) -> None:
    db = sqlite_hall_url
    not_owned(db)
    refused = [
        ("staff", "add", "--no", "7001", "--name", "新人", "--roles", "admin", "--password-stdin"),
        ("catalog", "edit", "NY-001", "--set", "fee=10元"),
        ("catalog", "show", "NY-001", "--json"),
        ("hall", "set", "recall_limit=5"),
        ("hall", "show", "--json"),
        ("staff", "unlock", "--no", "1001"),
        ("calendar", "set", "2026-03-20", "--holiday"),
        ("calendar", "seed"),
    ]
    for args in refused:
        proc = counter(*args, db=db, check=False, stdin="long-enough-1\n")
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "系统管理员" in proc.stderr and "Traceback" not in proc.stderr
    # A clerk signs in but is refused too.
    proc = counter("hall", "show", "--json", "--staff", "1001", db=db, check=False,
                   password=DEMO_PASSWORD)  # fmt: skip
    assert proc.returncode == 2
    # The administrator may.
    out = counter("catalog", "show", "NY-001", "--json", "--staff", "9001", db=db,
                  password=DEMO_PASSWORD).stdout  # fmt: skip
    before = json.loads(out)
    out = counter(
        "catalog", "edit", "NY-001", "--set", "fee=10元", "--set", "promised_days=2", "--json",
        "--staff", "9001", db=db, password=DEMO_PASSWORD,
    ).stdout  # fmt: skip
    after = json.loads(out)
    assert after["version"] == before["version"] + 1
    assert after["fee"] == "10元" and after["promised_days"] == 2
    counter("hall", "set", "recall_limit=5", "display_notice=今日下午停电", "--staff", "9001",
            db=db, password=DEMO_PASSWORD)  # fmt: skip
    shown = json.loads(
        counter("hall", "show", "--json", "--staff", "9001", db=db, password=DEMO_PASSWORD).stdout
    )
    assert shown["settings"]["recall_limit"] == 5
    assert shown["settings"]["display_notice"] == "今日下午停电"
    proc = counter("hall", "set", "recall_limit=many", "--staff", "9001", db=db, check=False,
                   password=DEMO_PASSWORD)  # fmt: skip
    assert proc.returncode == 1 and "recall_limit" in proc.stderr


def test_local_owner_file_staff_and_reset_password(sqlite_hall_url: str) -> None:
    db = sqlite_hall_url  # a file this user owns: no sign-in needed
    counter("staff", "add", "--no", "7001", "--name", "新同事", "--roles", "clerk",
            "--password-stdin", db=db, stdin="long-enough-1\n")  # fmt: skip
    listing = counter("staff", "list", db=db).stdout
    assert "7001\t新同事\tclerk\tQS 须改密码" in listing
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        who = conn.execute(
            text("SELECT staff_no FROM audit_log WHERE action = 'staff_create' AND target = '7001'")
        ).scalar()
    engine.dispose()
    assert who is not None and who.startswith("os:")
    proc = counter("staff", "deactivate", "--no", "9001", db=db, check=False)
    assert proc.returncode == 2 and "最后一名系统管理员" in proc.stderr
    counter("staff", "roles", "--no", "7001", "--roles", "clerk,reviewer", db=db)
    counter("staff", "hall", "--no", "7001", "--to", "QS-SQ", db=db)
    assert "7001\t新同事\tclerk,reviewer\tQS-SQ" in counter("staff", "list", db=db).stdout
    counter("staff", "password", "--no", "1001", "--password-stdin", db=db,
            stdin="temporary-77\n")  # fmt: skip
    proc = counter("case", "list", "--staff", "1001", db=db, check=False, password="temporary-77")
    assert proc.returncode != 0 and "新密码" in proc.stderr


def test_catalogue_import_shows_the_diff_and_asks(sqlite_hall_url: str, tmp_path: Path) -> None:
    db = sqlite_hall_url
    out = tmp_path / "cat.json"
    counter("catalog", "export", "--out", str(out), db=db)
    items = json.loads(out.read_text(encoding="utf-8"))
    items[0]["fee"] = "20元"
    items[1]["active"] = False
    items.append({**items[2], "code": "ZZ-NEW-9", "name": "新增测试事项"})
    out.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    proc = counter("catalog", "import", str(out), db=db, check=False)
    assert proc.returncode == 1 and "--yes" in proc.stderr
    assert "新增 / added: 1" in proc.stdout and "ZZ-NEW-9" in proc.stdout
    assert "修改（新版本）/ changed: 1" in proc.stdout and "停用 / deactivated: 1" in proc.stdout
    assert "ZZ-NEW-9" not in counter("catalog", "search", "新增测试", db=db).stdout
    proc = counter("catalog", "import", str(out), "--yes", db=db)
    assert "停用 1 项" in proc.stdout and "importing" in proc.stderr
    assert "ZZ-NEW-9" in counter("catalog", "search", "新增测试", db=db).stdout
    again = counter("catalog", "import", str(out), "--yes", db=db).stdout
    assert "没有变化" in again


def test_setup_makes_the_first_administrator_once(sqlite_hall_url: str) -> None:
    db = sqlite_hall_url
    proc = counter("setup", "--job", "window", "--hall", "QS", "--window", "1", "--first-admin",
                   "8001", db=db, check=False, password="first-admin-1")  # fmt: skip
    assert proc.returncode == 1 and "已有系统管理员" in proc.stderr


def test_administrative_commands_never_act_as_the_all_roles_system_actor() -> None:
    import ast

    root = Path(__file__).resolve().parents[2] / "counter" / "commands"
    for name in ("staff.py", "catalog.py", "hall.py", "calendar.py", "setup.py"):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        calls = [
            n for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and n.attr == "system"
            and isinstance(n.value, ast.Name) and n.value.id == "Actor"
        ]  # fmt: skip
        assert not calls, f"{name} acts as Actor.system()"


def test_hall_numbers_shows_and_sets_the_next_document_number(sqlite_hall_url: str) -> None:
    db = sqlite_hall_url
    counter("hall", "numbers", "--set", "rejection=12", "--staff", "9001", db=db,
            password=DEMO_PASSWORD)  # fmt: skip
    rows = json.loads(counter("hall", "numbers", "--json", "--staff", "9001", db=db,
                              password=DEMO_PASSWORD).stdout)  # fmt: skip
    by = {r["series"]: r for r in rows}
    assert by["rejection"]["next_seq"] == 12 and by["wenhao"]["next_seq"] == 1
    assert by["rejection"]["next_reference"].endswith("不受字〔2026〕12号")
    proc = counter("hall", "numbers", "--set", "rejection=0", "--staff", "9001", db=db,
                   check=False, password=DEMO_PASSWORD)  # fmt: skip
    assert proc.returncode != 0 and "next_seq" in proc.stderr + proc.stdout


def test_every_administrative_command_goes_through_admin_actor() -> None:
    """Each command that changes staff, the catalogue, the hall's settings or the calendar
    finds its actor through ``admin_actor`` (a sign-in, or a local file the user owns)."""
    import ast

    root = Path(__file__).resolve().parents[2] / "counter" / "commands"
    changes = {
        "staff.py": ("_add", "_unlock", "_password", "_active", "_roles", "_hall", "_list"),
        "catalog.py": ("_import", "_edit", "_show"),
        "hall.py": ("_set", "_show"),
        "calendar.py": ("_set", "_seed"),
    }
    for name, functions in changes.items():
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        defs = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        for fn in functions:
            assert fn in defs, f"{name}: no {fn}"
            used = {n.id for n in ast.walk(defs[fn]) if isinstance(n, ast.Name)}
            assert "admin_actor" in used, f"{name}:{fn} does not ask for an administrator"


@pytest.mark.pg
def test_on_postgresql_administrative_commands_need_a_sign_in(pg_hall_url: str) -> None:
    db = pg_hall_url  # no file to own: a sign-in is the only way in
    refused = [
        ("staff", "add", "--no", "7001", "--name", "新人", "--roles", "admin", "--password-stdin"),
        ("staff", "password", "--no", "1001", "--password-stdin"),
        ("staff", "roles", "--no", "1001", "--roles", "admin"),
        ("catalog", "edit", "NY-001", "--set", "fee=10元"),
        ("hall", "set", "recall_limit=5"),
        ("calendar", "set", "2026-03-20", "--holiday"),
        ("calendar", "seed"),
    ]
    for args in refused:
        proc = counter(*args, db=db, check=False, stdin="long-enough-1\n")
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "系统管理员" in proc.stderr and "Traceback" not in proc.stderr
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        made = conn.execute(text("SELECT count(*) FROM staff WHERE staff_no = '7001'")).scalar()
        roles = conn.execute(
            text("SELECT count(*) FROM staff_role r JOIN staff s ON s.id = r.staff_id "
                 "WHERE s.staff_no = '1001' AND r.role = 'admin'")
        ).scalar()  # fmt: skip
    assert made == 0 and roles == 0
    # a clerk's sign-in is refused too; the administrator's is not
    proc = counter("staff", "add", "--no", "7001", "--name", "新人", "--roles", "admin",
                   "--password-stdin", "--staff", "1001", db=db, check=False,
                   stdin="long-enough-1\n", password=DEMO_PASSWORD)  # fmt: skip
    assert proc.returncode == 2
    counter("staff", "add", "--no", "7001", "--name", "新人", "--roles", "clerk",
            "--password-stdin", "--staff", "9001", db=db, stdin="long-enough-1\n",
            password=DEMO_PASSWORD)  # fmt: skip
    with engine.connect() as conn:
        who = conn.execute(
            text("SELECT staff_no FROM audit_log WHERE action = 'staff_create' AND target = '7001'")
        ).scalar()
    engine.dispose()
    assert who == "9001"


@pytest.mark.pg
def test_on_postgresql_setup_makes_the_first_administrator_once(pg_hall_url: str) -> None:
    from sqlalchemy import create_engine, text

    db = pg_hall_url
    engine = create_engine(db)
    with engine.begin() as conn:  # a new town: its hall and windows, nobody administers it yet
        conn.execute(text("DELETE FROM staff_role WHERE role = 'admin'"))
    setup = ("setup", "--job", "window", "--hall", "QS", "--window", "1", "--first-admin")
    counter(*setup, "8001", db=db, password="first-admin-1")
    proc = counter(*setup, "8002", db=db, check=False, password="first-admin-2")
    assert proc.returncode == 1 and "已有系统管理员" in proc.stderr
    with engine.connect() as conn:
        admins = conn.execute(
            text("SELECT s.staff_no FROM staff s JOIN staff_role r ON r.staff_id = s.id "
                 "WHERE r.role = 'admin' ORDER BY 1")
        ).scalars().all()  # fmt: skip
    engine.dispose()
    assert admins == ["8001"]
    # the first administrator now signs in for the next ones
    counter("staff", "add", "--no", "8002", "--name", "第二位", "--roles", "admin",
            "--password-stdin", "--staff", "8001", db=db, stdin="long-enough-1\n",
            password="first-admin-1")  # fmt: skip


def test_a_password_prompt_on_ended_stdin_is_a_typed_error(sqlite_hall_url: str) -> None:
    """`</dev/null` and no terminal (a new session has none): not "Internal error: EOFError"
    but what to do, in both languages."""
    env = dict(os.environ, COUNTER_STAFF_PASSWORD=DEMO_PASSWORD)
    for args in (
        ("db", "login", "win09", "--job", "window"),
        ("staff", "add", "--no", "7009", "--name", "新人", "--roles", "clerk", "--staff", "9001"),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "ui.main", *args, "--db", sqlite_hall_url],
            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
            start_new_session=True, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 1, (args, proc.stdout, proc.stderr)
        assert "没有输入密码（标准输入已结束）；请用 --password-stdin 或在终端中运行" in proc.stderr
        assert "no password given (standard input ended): use --password-stdin" in proc.stderr
        assert "EOFError" not in proc.stderr and "Internal error" not in proc.stderr
        assert "Traceback" not in proc.stderr and "echoed" not in proc.stderr
    listing = subprocess.run(
        [sys.executable, "-m", "ui.main", "staff", "list", "--db", sqlite_hall_url],
        capture_output=True, text=True, env=env, timeout=120,
    ).stdout  # fmt: skip
    assert "7009" not in listing
