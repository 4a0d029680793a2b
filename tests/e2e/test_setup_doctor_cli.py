"""``counter setup`` and ``counter doctor`` as processes: a hall and window the database does
not have are refused and nothing is saved; the doctor passes on the demo hall and fails, saying
what to do, when the database is down or the password would go to a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
        env=env or dict(os.environ),
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('setup') / 'demo.sqlite3'}"
    proc = run("demo", "--seed-only", "--db", url)
    assert proc.returncode == 0, proc.stderr
    return url


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--hall", "XX", "--window", "3"], "没有编码为 XX 的大厅"),
        (["--hall", "QS", "--window", "99"], "没有启用的 99 号窗口"),
        (["--job", "window-display", "--hall", "QS"], "需要指定窗口号"),
        (["--hall", "QS", "--window", "3", "--ticket-printer", "lpt1"], "号票打印机"),
    ],
)
def test_setup_refuses_what_the_database_does_not_have(
    demo_db: str, _isolated_home: Path, args: list[str], said: str
) -> None:
    proc = run("setup", "--db", demo_db, *args)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert said in proc.stderr and "Error:" in proc.stderr and "Traceback" not in proc.stderr
    assert not (_isolated_home / "counter.ini").exists()  # nothing saved


def test_setup_saves_a_checked_station_and_doctor_passes(
    demo_db: str, _isolated_home: Path
) -> None:
    proc = run(
        "setup", "--db", demo_db, "--job", "window", "--hall", "qs", "--window", "3",
        "--idcard-port", "none", "--scanner-wedge", "--scanner-prefix", "~",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "已核对" in proc.stdout and "3号窗口" in proc.stdout
    ini = (_isolated_home / "counter.ini").read_text(encoding="utf-8")
    assert "hall = QS" in ini and "window = 3" in ini and "job = window" in ini
    assert "scanner_prefix = ~" in ini
    shown = run("setup", "--show").stdout
    assert "QS" in shown and "键盘模式" in shown

    proc = run("doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 失败" in proc.stdout and "0 failed" in proc.stdout
    checks = {c["key"]: c for c in json.loads(run("doctor", "--json").stdout)}
    assert checks["database"]["status"] == "ok" and "ms" in checks["database"]["detail_zh"]
    assert checks["schema"]["status"] == checks["station"]["status"] == "ok"
    assert checks["font"]["status"] == "ok"
    assert {c["status"] for c in checks.values()} <= {"ok", "warn", "skip"}


def test_doctor_fails_clearly_when_the_database_is_down(_isolated_home: Path) -> None:
    down = "postgresql://kiosk1@127.0.0.1:1/town"  # nothing listens on port 1
    proc = run("doctor", "--db", down, "--job", "kiosk")
    assert proc.returncode == 1
    out = proc.stdout
    line = next(x for x in out.splitlines() if "数据库连接" in x)
    assert line.startswith("[失败 FAIL]") and "无法连接数据库" in line
    assert "Cannot connect to the database" in out and "5432" in out
    assert out.index("无法连接数据库") < out.index("Cannot connect")  # Chinese first
    assert "[跳过 SKIP] 数据库版本" in out and "Traceback" not in proc.stderr


def test_setup_refuses_a_plaintext_keyring(demo_db: str, tmp_path: Path, _isolated_home: Path):
    """keyrings.alt installed and chosen: the password must not land in its base64 file."""
    pytest.importorskip("keyrings.alt")
    data = tmp_path / "xdg-data"
    env = dict(
        os.environ,
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        XDG_DATA_HOME=str(data),
        HOME=str(tmp_path),
    )
    proc = run(
        "setup", "--db", "postgresql://clerk@db.hall/town", "--hall", "QS", "--window", "4",
        "--no-check", "--password-stdin", env=env, stdin="topsecret-pw\n",
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "keyrings.alt.file.PlaintextKeyring" in proc.stderr
    assert "已拒绝使用" in proc.stderr and "refused" in proc.stderr
    assert "COUNTER_DB_PASSWORD" in proc.stderr and "Credential Manager" in proc.stderr
    for root in (tmp_path, _isolated_home):
        for f in root.rglob("*"):
            if f.is_file():
                blob = f.read_bytes()
                assert b"topsecret-pw" not in blob and b"dG9wc2VjcmV0LXB3" not in blob, f
    assert not (data / "python_keyring" / "keyring_pass.cfg").exists()

    proc = run("doctor", "--db", "postgresql://clerk@127.0.0.1:1/town", env=env)
    line = next(x for x in proc.stdout.splitlines() if "密码保管" in x)
    assert line.startswith("[失败 FAIL]") and "PlaintextKeyring" in line


def test_doctor_fails_on_a_leftover_plaintext_password(tmp_path: Path, demo_db: str) -> None:
    data = tmp_path / "xdg-data"
    (data / "python_keyring").mkdir(parents=True)
    (data / "python_keyring" / "keyring_pass.cfg").write_text(
        "[counter_2ddatabase]\nclerk_40db_3a5432_2ftown = dG9wc2VjcmV0\n", encoding="utf-8"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(data), HOME=str(tmp_path))
    proc = run("doctor", "--db", demo_db, env=env)
    assert proc.returncode == 1
    line = next(x for x in proc.stdout.splitlines() if "密码保管" in x)
    assert line.startswith("[失败 FAIL]") and "keyring_pass.cfg" in line


def test_doctor_reports_a_missing_serial_port(demo_db: str, _isolated_home: Path) -> None:
    ok = run("setup", "--db", demo_db, "--hall", "QS", "--window", "2",
             "--idcard-port", "/dev/ttyNOPE42")  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    proc = run("doctor", "--no-qt")
    assert proc.returncode == 1
    line = next(x for x in proc.stdout.splitlines() if "串口设备" in x)
    assert line.startswith("[失败 FAIL]") and "/dev/ttyNOPE42" in line
    assert "counter device list" in proc.stdout


def test_an_insecure_keyring_is_said_only_when_a_password_is_needed(
    demo_db: str, tmp_path: Path, _isolated_home: Path
) -> None:
    """keyrings.alt selected: no keyring warning on every command, neither on SQLite nor for a
    server that is simply not reachable (it never asked for a password)."""
    pytest.importorskip("keyrings.alt")
    env = dict(
        os.environ,
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        HOME=str(tmp_path),
    )
    env.pop("COUNTER_DATABASE_URL", None)
    env.pop("COUNTER_DB_PASSWORD", None)
    proc = run("db", "status", "--db", demo_db, env=env)
    assert proc.returncode == 0 and "keyring" not in proc.stderr, proc.stderr
    proc = run("setup", "--db", "postgresql://clerk@127.0.0.1:1/town", "--hall", "QS",
               "--window", "4", "--no-check", env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    proc = run("db", "status", env=env)  # the configured server: port 1 does not answer
    assert proc.returncode == 1 and "无法连接数据库" in proc.stderr
    assert "keyring_refused" not in proc.stderr and "WARNING" not in proc.stderr, proc.stderr


def test_seal_key_new_refuses_a_plaintext_keyring(demo_db: str, tmp_path: Path) -> None:
    """`counter seal-key new` once said "key stored in this PC's keyring" and wrote the key to
    keyrings.alt's file: now the same refusal as the database password's, naming the key."""
    pytest.importorskip("keyrings.alt")
    data = tmp_path / "xdg-data"
    env = dict(
        os.environ,
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        XDG_DATA_HOME=str(data),
        HOME=str(tmp_path),
    )
    env.pop("COUNTER_SEAL_KEY", None)
    proc = run("seal-key", "new", "--db", demo_db, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "stored" not in proc.stdout
    assert "文书核验密钥未保存" in proc.stderr and "COUNTER_SEAL_KEY" in proc.stderr
    assert "seal key" in proc.stderr and "COUNTER_DB_PASSWORD" not in proc.stderr
    assert not (data / "python_keyring" / "keyring_pass.cfg").exists()
    proc = run("seal-key", "new", "--db", demo_db,
               env=dict(env, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"))  # fmt: skip
    assert proc.returncode == 1 and "COUNTER_SEAL_KEY" in proc.stderr
    assert "COUNTER_DB_PASSWORD" not in proc.stderr and "数据库密码" not in proc.stderr
