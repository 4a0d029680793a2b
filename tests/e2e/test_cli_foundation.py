"""The `counter` command as a process: demo seeding, db status, catalogue, calendar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def counter(
    *args: str, db: str, check: bool = True, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    proc = subprocess.run(
        [sys.executable, "-m", "counter.cli", *args, "--db", db],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'demo.sqlite3'}"
    out = counter("demo", "--seed-only", db=url).stdout
    assert "演示大厅已就绪" in out
    return url


def test_db_status_on_fresh_and_migrated(tmp_path: Path, demo_db: str) -> None:
    fresh = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    proc = counter("db", "status", db=fresh, check=False)
    assert proc.returncode == 1 and "counter db upgrade" in proc.stdout
    counter("db", "upgrade", db=fresh)
    from db.migrate import head_revision

    assert f"head: {head_revision()}" in counter("db", "status", db=fresh).stdout


def test_catalogue_export_has_228_items_in_38_departments(tmp_path: Path, demo_db: str) -> None:
    out = tmp_path / "cat.json"
    counter("catalog", "export", "--format", "json", "--out", str(out), db=demo_db)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 228 and len({i["department"] for i in items}) == 38
    xlsx = tmp_path / "cat.xlsx"
    proc = counter("catalog", "export", "--format", "xlsx", "--out", str(xlsx), db=demo_db)
    assert xlsx.stat().st_size > 0 and "228" in proc.stdout


def test_catalogue_search_by_initials(demo_db: str) -> None:
    out = counter("catalog", "search", "zjd", db=demo_db).stdout
    assert any("农村村民宅基地审批" in line for line in out.splitlines()[:3])


def test_bad_import_names_item_and_field(tmp_path: Path, demo_db: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps([{"code": "X-1", "name": "坏事项", "kind": "不存在"}], ensure_ascii=False),
        encoding="utf-8",
    )
    proc = counter("catalog", "import", str(bad), db=demo_db, check=False)
    assert proc.returncode == 1
    assert "第1项「坏事项」 字段 kind" in proc.stderr and "field materials" in proc.stderr


def test_deadline_across_national_day(demo_db: str) -> None:
    assert (
        counter(
            "calendar", "deadline", "--from", "2025-09-30", "--days", "1", db=demo_db
        ).stdout.strip()
        == "2025-10-09"
    )
    out = counter("calendar", "deadline", "--from", "2099-03-02", "--days", "1", db=demo_db).stdout
    assert "未确认" in out


def test_staff_add_reads_password_from_stdin(demo_db: str) -> None:
    counter(
        "staff",
        "add",
        "--no",
        "7001",
        "--name",
        "新同事",
        "--roles",
        "clerk",
        "--password-stdin",
        db=demo_db,
        stdin="long-enough-1\n",
    )
    assert "7001\t新同事\tclerk" in counter("staff", "list", db=demo_db).stdout


def test_setup_without_keyring_keeps_the_password_out_of_files(_isolated_home: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "counter.cli",
            "setup",
            "--db",
            "postgresql://clerk:topsecret@db.hall/town",
            "--hall",
            "QS",
            "--window",
            "4",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "密钥环" in proc.stderr and "COUNTER_DB_PASSWORD" in proc.stderr
    files = [p for p in _isolated_home.rglob("*") if p.is_file()]
    assert files, "the config file was written"
    assert all(b"topsecret" not in p.read_bytes() for p in files)
    ini = (_isolated_home / "counter.ini").read_text(encoding="utf-8")
    assert "postgresql://clerk@db.hall/town" in ini and "window = 4" in ini
