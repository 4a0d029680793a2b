"""Every failure of a `counter` command ends as one typed, bilingual message and a non-zero exit
code, never a traceback: bad database URLs, missing folders, damaged SQLite files, bad numbers,
bad ID numbers, unwritable output files, missing serial ports, broken catalogue files.

Most cases run ``counter.cli.main`` in this process (the same code the entry point runs, far
faster); a few run the installed entry point as a process to prove no traceback escapes.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter import cli

CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``counter ARGV`` in this process (the UI's commands included): exit code, out, err."""
    from ui import commands, manager_commands, station_commands

    try:
        rc = cli.main(list(argv), extra=(station_commands, commands, manager_commands))
    except SystemExit as exc:  # argparse refusals
        rc = int(exc.code or 0)
    out, err = capsys.readouterr()
    return rc, out, err


def assert_one_error(rc: int, err: str, *, zh: str = "", en: str = "") -> tuple[str, str]:
    """Exit code non-zero, exactly one Chinese line then one fully English line, no traceback;
    returns (Chinese line, English line)."""
    assert rc != 0, err
    assert "Traceback" not in err
    lines = [x for x in err.splitlines() if x.strip()]
    zh_lines = [x for x in lines if x.startswith("错误：")]
    en_lines = [x for x in lines if x.startswith("Error: ")]
    assert len(zh_lines) == 1 and len(en_lines) == 1, err  # printed once, not twice
    assert not [x for x in lines if " WARNING " in x or " ERROR " in x], err  # no log echo
    assert not CJK.search(en_lines[0]), en_lines[0]  # the English line is fully English
    assert zh in zh_lines[0], zh_lines[0]
    assert en in en_lines[0], en_lines[0]
    return zh_lines[0], en_lines[0]


def assert_argparse_refusal(rc: int, err: str, *, text: str) -> None:
    assert rc == 2 and "Traceback" not in err and text in err, err


# ---- the database URL ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "zh", "en"),
    [
        ("notaurl", "数据库地址无法识别", "cannot be parsed"),
        ("mysql://x@127.0.0.1/x", "不支持的数据库 mysql", "mysql is not supported"),
        ("postgresql://x@127.0.0.1/x?sslmode=bogus", "sslmode 取值无效", "invalid sslmode"),
        ("sqlite:////nonexistent-dir/x/counter.db", "不存在", "does not exist"),
    ],
)
@pytest.mark.parametrize("command", [("queue", "status"), ("db", "upgrade"), ("db", "status")])
def test_bad_database_urls_are_refused_before_connecting(
    capsys: pytest.CaptureFixture[str], url: str, zh: str, en: str, command: tuple[str, ...]
) -> None:
    rc, _out, err = run(capsys, *command, "--db", url)
    assert_one_error(rc, err, zh=zh, en=en)
    assert not Path("/nonexistent-dir").exists()


def test_a_file_that_is_not_sqlite_is_called_damaged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "counter.db"
    bad.write_bytes(b"this is a spreadsheet, not a database\n" * 20)
    for command in (("db", "upgrade"), ("queue", "status"), ("catalog", "search", "证")):
        rc, _out, err = run(capsys, *command, "--db", f"sqlite:///{bad}")
        assert_one_error(rc, err, zh="数据库文件已损坏", en="damaged")
    assert bad.read_bytes().startswith(b"this is a spreadsheet")  # left as it was


@pytest.fixture
def damaged_pages(sqlite_hall_url: str, tmp_path: Path) -> str:
    """A copy of the demo hall with every third page overwritten (a failing disk)."""
    src = sqlite_hall_url.removeprefix("sqlite:///")
    conn = sqlite3.connect(src)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    dst = tmp_path / "damaged.sqlite3"
    shutil.copy(src, dst)
    data = bytearray(dst.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page, 3):
        data[n * page : n * page + 100] = b"\xff" * 100
    dst.write_bytes(bytes(data))
    return f"sqlite:///{dst}"


@pytest.mark.parametrize(
    "command",
    [
        ("queue", "status"),
        ("queue", "issue", "--queue", "A"),
        ("queue", "call", "--window", "1"),
        ("catalog", "search", "证"),
    ],
)
def test_a_damaged_page_is_reported_as_damage(
    capsys: pytest.CaptureFixture[str], damaged_pages: str, command: tuple[str, ...]
) -> None:
    rc, _out, err = run(capsys, *command, "--db", damaged_pages)
    assert_one_error(rc, err, zh="数据库文件已损坏", en="damaged")


def test_a_read_only_file_is_not_a_lost_connection(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str
) -> None:
    path = sqlite_hall_url.removeprefix("sqlite:///")
    ro = f"sqlite:///file:{path}?mode=ro&uri=true"
    rc, _out, err = run(capsys, "queue", "issue", "--queue", "A", "--db", ro)
    zh, en = assert_one_error(rc, err, zh="只读", en="read-only")
    assert "连接" not in zh and "connection" not in en and "reconnect" not in err


# ---- values given on the command line -----------------------------------------------------


def test_english_line_of_a_not_found_is_english(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str
) -> None:
    rc, _out, err = run(capsys, "queue", "issue", "--queue", "Z", "--db", sqlite_hall_url)
    assert_one_error(rc, err, zh="未找到队列 Z", en="queue Z not found")


@pytest.mark.parametrize(
    "argv",
    [
        ("queue", "issue", "--queue", "A", "--count", "-5"),
        ("queue", "issue", "--queue", "A", "--count", "0"),
        ("queue", "call", "--window", "1", "--repeat", "-1"),
        ("catalog", "search", "证", "--limit", "-1"),
        ("case", "list", "--limit", "0", "--staff", "1001"),
    ],
)
def test_counts_and_limits_below_one_are_refused(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str, argv: tuple[str, ...]
) -> None:
    rc, out, err = run(capsys, *argv, "--db", sqlite_hall_url)
    assert_argparse_refusal(rc, err, text="must be at least")
    assert out == ""


def test_a_limit_below_one_is_refused_by_the_service_too(sqlite_hall_url: str) -> None:
    from counter.errors import InvalidInput
    from counter.services.base import Runtime
    from counter.services.catalog import search_items

    rt = Runtime(sqlite_hall_url)
    try:
        with pytest.raises(InvalidInput):
            search_items(rt, "证", limit=-1)
        assert len(search_items(rt, "证", limit=1)) == 1
    finally:
        rt.dispose()


VALID_ID = "11010519491231002X"


@pytest.mark.parametrize(
    ("id_number", "name", "zh", "en"),
    [
        ("110105194912310021", "张三", "校验码", "check character"),
        ("' OR 1=1;--", "张三", "身份证号码有误", "ID number"),
        ("11010519491231002X'; DROP TABLE ticket;--", "张三", "身份证号码有误", "ID number"),
        (VALID_ID, "张" * 5000, "最多60个字", "at most 60 characters"),
        (VALID_ID, "张三\x1b[2J", "控制字符", "control character"),
        (VALID_ID, "张三😀", "符号或表情", "emoji"),
        (VALID_ID, "张\u202e三", "控制字符", "control character"),
    ],
)
def test_id_card_tickets_check_the_number_and_the_name(
    capsys: pytest.CaptureFixture[str],
    sqlite_hall_url: str,
    id_number: str,
    name: str,
    zh: str,
    en: str,
) -> None:
    rc, out, err = run(
        capsys,
        "queue", "issue", "--queue", "A", "--source", "idcard",
        "--name", name, "--id-number", id_number, "--db", sqlite_hall_url,
    )  # fmt: skip
    assert_one_error(rc, err, zh=zh, en=en)
    assert out == "" and "\x1b" not in err  # nothing issued, nothing raw echoed


def test_a_valid_id_card_ticket_with_a_rare_character_is_issued(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str
) -> None:
    rc, out, err = run(
        capsys,
        "queue", "issue", "--queue", "A", "--source", "idcard",
        "--name", "𠀀䶮", "--id-number", VALID_ID.lower(), "--db", sqlite_hall_url,
    )  # fmt: skip
    assert rc == 0, err
    assert json.loads(out)["name_masked"] == "𠀀*"


@pytest.mark.parametrize(
    ("no", "name", "password", "zh", "en"),
    [
        ("10\x1b[31m", "新人", "tree-7-lamp", "工号应为", "staff number must be"),
        ("5001", "新人\x1b]0;pwned\x07", "tree-7-lamp", "控制字符", "control character"),
        ("5001", "新人🎉", "tree-7-lamp", "符号或表情", "emoji"),
        ("5001", "新人", "password", "过于常见", "too common"),
        ("5001", "新人", "Password", "过于常见", "too common"),
        ("5001", "新人", "12345678", "不能全部是数字", "digits only"),
    ],
)
def test_staff_accounts_refuse_control_characters_emoji_and_weak_passwords(
    capsys: pytest.CaptureFixture[str],
    sqlite_hall_url: str,
    monkeypatch: pytest.MonkeyPatch,
    no: str,
    name: str,
    password: str,
    zh: str,
    en: str,
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    rc, _out, err = run(
        capsys,
        "staff", "add", "--no", no, "--name", name, "--roles", "clerk", "--password-stdin",
        "--db", sqlite_hall_url,
    )  # fmt: skip
    assert_one_error(rc, err, zh=zh, en=en)
    assert "\x1b" not in err and "\x07" not in err


# ---- files ---------------------------------------------------------------------------------


def test_print_to_an_unwritable_place_is_refused_before_anything_is_done(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTER_STAFF_PASSWORD", "demo1234")
    for pdf, zh in (("/proc/x.pdf", "不可写入"), ("/nonexistent-dir/x.pdf", "不存在")):
        rc, _out, err = run(
            capsys, "print", "QS-1", "--document", "decision", "--pdf", pdf,
            "--staff", "3001", "--db", sqlite_hall_url,
        )  # fmt: skip
        assert_one_error(rc, err, zh=zh)
        assert "QPainter" not in err


def test_catalogue_export_checks_the_output_file(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no" / "such" / "x.json"
    rc, _out, err = run(capsys, "catalog", "export", "--out", str(missing), "--db", sqlite_hall_url)
    assert_one_error(rc, err, zh="不存在", en="does not exist")
    assert not (tmp_path / "no").exists()  # no directory made for a typo
    xlsx = tmp_path / "x.xlsx"
    rc, _out, err = run(capsys, "catalog", "export", "--out", str(xlsx), "--db", sqlite_hall_url)
    assert rc == 0, err
    assert xlsx.read_bytes()[:2] == b"PK"  # an xlsx (a zip), not JSON with the wrong name
    for args in (("--out", str(tmp_path / "x.txt")), ("--out", str(xlsx), "--format", "json")):
        rc, _out, err = run(capsys, "catalog", "export", *args, "--db", sqlite_hall_url)
        assert_one_error(rc, err, zh=".json 或 .xlsx", en=".json or .xlsx")


def _catalogue_sample(n: int = 2) -> list[dict[str, object]]:
    root = Path(__file__).resolve().parents[2]
    items: list[dict[str, object]] = json.loads(
        (root / "db" / "seed" / "catalogue.json").read_text(encoding="utf-8")
    )
    return items[:n]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-16"])
def test_catalogue_files_from_windows_tools_are_read(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str, tmp_path: Path, encoding: str
) -> None:
    f = tmp_path / "cat.json"
    f.write_text(json.dumps(_catalogue_sample(), ensure_ascii=False), encoding=encoding)
    rc, out, err = run(capsys, "catalog", "import", str(f), "--db", sqlite_hall_url)
    assert rc == 0, err
    assert "未变 / unchanged: 2" in out


def test_a_deeply_nested_catalogue_is_refused(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str, tmp_path: Path
) -> None:
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    rc, _out, err = run(capsys, "catalog", "import", str(f), "--db", sqlite_hall_url)
    assert rc == 1 and "Traceback" not in err and "nested too deeply" in err


@pytest.mark.parametrize(
    ("field", "value", "en"),
    [
        ("code", "'; DROP TABLE x;--", "field code: must be letters"),
        ("code", "MZ 011", "field code: must be letters"),
        ("name", "低保\x00审核", "control character"),
        ("department", "民政\x1b[31m办", "control character"),
        ("promised_days", -1, "from 0 to 3650"),
        ("promised_days", 10**12, "from 0 to 3650"),
        ("statutory_days", "20", "from 0 to 3650"),
        ("on_the_spot", "yes", "true or false"),
        ("kind", "许可", "must be one of"),
        ("name", "", "is required"),
        ("name", "长" * 5000, "too long"),
    ],
)
def test_catalogue_files_broken_in_a_field_are_refused_whole(
    capsys: pytest.CaptureFixture[str],
    sqlite_hall_url: str,
    tmp_path: Path,
    field: str,
    value: object,
    en: str,
) -> None:
    items = _catalogue_sample()
    items[1] = {**items[1], field: value}
    f = tmp_path / "cat.json"
    f.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    rc, out, err = run(capsys, "catalog", "import", str(f), "--db", sqlite_hall_url)
    assert rc == 1 and "Traceback" not in err and en in err, err
    assert "\x1b" not in err and "\x00" not in err


# ---- devices -------------------------------------------------------------------------------


def test_a_missing_serial_port_is_reported_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    t0 = time.monotonic()
    rc, _out, err = run(capsys, "device", "scan", "--port", "/dev/ttyNOPE", "--timeout", "30")
    assert_one_error(rc, err, zh="该串口不存在", en="no such port")
    assert time.monotonic() - t0 < 5  # not waited for, let alone forever


# ---- anything else -------------------------------------------------------------------------


def test_an_unexpected_failure_is_an_internal_error_with_the_traceback_in_the_log(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sqlite_hall_url: str,
    _isolated_home: Path,
) -> None:
    from counter.commands import queue as queue_commands

    def broken(_args: object) -> int:
        raise RuntimeError("a bug with 11010519491231002X in it")

    monkeypatch.setattr(queue_commands, "_status", broken)
    rc, _out, err = run(capsys, "queue", "status", "--db", sqlite_hall_url)
    assert_one_error(rc, err, zh="程序内部错误", en="Internal error")
    assert "RuntimeError" in err and VALID_ID not in err
    log = (_isolated_home / "counter.log").read_text(encoding="utf-8")
    assert "Traceback" in log  # for whoever fixes it
    assert VALID_ID not in log and "110105********002X" in log  # masked even in a traceback


def test_no_traceback_escapes_the_entry_point(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"\x00" * 4096)
    for argv in (
        ["--db", "mysql://a@b/c", "queue", "status"],
        ["db", "upgrade", "--db", f"sqlite:///{tmp_path}/missing/x.db"],
        ["queue", "status", "--db", f"sqlite:///{bad}"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "ui.main", *argv], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert_one_error(proc.returncode, proc.stderr)


# ---- a dropped connection ------------------------------------------------------------------


@pytest.mark.pg
def test_the_cli_tries_a_dropped_connection_again(
    capsys: pytest.CaptureFixture[str], pg_hall_url: str
) -> None:
    """The server restarts (every connection dropped, none accepted for 1.5 s) just as a
    command starts: the command waits, connects again and succeeds, well within 5 s."""
    from sqlalchemy.engine import make_url

    from counter.netproxy import DelayProxy

    u = make_url(pg_hall_url)
    with DelayProxy(u.host or "127.0.0.1", u.port or 5432) as proxy:
        url = proxy.url_for(pg_hall_url)
        proxy.outage(1.5)
        t0 = time.monotonic()
        rc, out, err = run(capsys, "queue", "issue", "--queue", "A", "--db", url)
        took = time.monotonic() - t0
        assert rc == 0, err
        assert json.loads(out)["number"] == "A001"  # issued once, not twice
        assert 1.4 < took < 5.0
        rc, out, err = run(capsys, "queue", "status", "--json", "--db", url)
        assert rc == 0 and json.loads(out)["queues"][0]["issued"] == 1, out


@pytest.mark.pg
def test_the_cli_gives_up_and_says_so(capsys: pytest.CaptureFixture[str], pg_hall_url: str) -> None:
    from sqlalchemy.engine import make_url

    from counter.netproxy import DelayProxy

    u = make_url(pg_hall_url)
    with DelayProxy(u.host or "127.0.0.1", u.port or 5432) as proxy:
        proxy.outage(60)
        rc, _out, err = run(capsys, "queue", "status", "--db", proxy.url_for(pg_hall_url))
    zh, en = assert_one_error(rc, err, zh="无法连接数据库", en="cannot be reached")
    assert "已重试 4 次" in zh and "tried again 4 times" in en
    assert "正在重连" not in err and "reconnecting" not in err


def test_zh_en_texts_and_bilingual_parameters_split_by_language() -> None:
    from counter.errors import Bi, ConfigError, InvalidInput, NotFound

    e = InvalidInput(field="两次输入的密码不一致 / the passwords differ")
    assert (e.message_zh, e.message_en) == (
        "输入无效：两次输入的密码不一致",
        "Invalid input: the passwords differ",
    )
    e = NotFound(what=Bi("队列 Z", "queue Z"))
    assert (e.message_zh, e.message_en) == ("未找到队列 Z", "queue Z not found")
    url = ConfigError(what="sqlite:///a / b")  # a path with " / " in it is not split
    assert "sqlite:///a / b" in url.message_en
    assert InvalidInput().message_en == "Invalid input"  # a parameter left out drops its place


@pytest.mark.parametrize(
    "argv",
    [
        ("queue", "issue", "--queue", "A", "--priority", "elderly", "--source", "appointment"),
        ("queue", "transfer", "--window", "1"),
    ],
)
def test_refusals_of_the_queue_commands_are_english_in_english(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str, argv: tuple[str, ...]
) -> None:
    rc, _out, err = run(capsys, *argv, "--db", sqlite_hall_url)
    assert_one_error(rc, err)


def test_back_office_texts_are_refused_in_both_languages() -> None:
    from counter.errors import InvalidInput
    from counter.services.backoffice import clean_text

    for text, en in (("", "required"), ("意" * 600, "at most"), ("好\x00", "U+0000"),
                     ("好\u2066", "U+2066")):  # fmt: skip
        with pytest.raises(InvalidInput) as info:
            clean_text(text, "opinion", "审查意见", 500, required=True)
        assert en in info.value.message_en and not CJK.search(info.value.message_en)
    assert clean_text(" 同意\n𠀀 ", "opinion", "审查意见", 500, required=True) == "同意\n𠀀"


def test_numbers_out_of_range_are_refused(
    capsys: pytest.CaptureFixture[str], sqlite_hall_url: str
) -> None:
    big = "9" * 23
    rc, _out, err = run(capsys, "queue", "call", "--window", big, "--db", sqlite_hall_url)
    assert_argparse_refusal(rc, err, text="must be at most 9999")
    # ... and the core itself, should a number that large reach the SQLite driver
    from counter.errors import InvalidInput
    from counter.services.base import Runtime
    from db.models import Ticket

    rt = Runtime(sqlite_hall_url)
    try:
        with pytest.raises(InvalidInput) as caught, rt.unit(read_only=True) as s:
            s.get(Ticket, int(big))
        assert caught.value.message_en.endswith("a number is out of range")
    finally:
        rt.dispose()


def test_a_missing_sqlite_file_is_said_and_not_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "nothing-here.sqlite3"
    rc, _out, err = run(capsys, "queue", "status", "--db", f"sqlite:///{db}")
    assert_one_error(rc, err, zh="数据库文件不存在", en="no such database file")
    assert not db.exists()  # not created empty, to be called "out of date" next time
