"""Every text argument of the `counter` commands, given hostile text (the same values as the
service layer's test: empty, 5,000 characters, SQL, NUL, ESC and other control characters,
emoji, 𠀀 䶮, right-to-left overrides, random Unicode): the command either does its work or
refuses with one bilingual message and a non-zero exit code — never a traceback, never a raw
control character echoed to the terminal, never a database failure for what is the input's
fault.

``counter.cli.main`` runs in this process (the code the entry point runs) on the demo hall in
a SQLite file; one database serves every example of a test, as a hall's would.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings

from counter import cli
from counter.demo.hall import DEMO_PASSWORD
from tests.integration.test_hostile_text import HOSTILE

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# What a terminal must never receive raw from a message: NUL, ESC (escape sequences), the
# C1 control introducer, and the bidi overrides that reorder what the clerk reads.
RAW = re.compile("[\x00\x1b\x9b\u202a-\u202e\u2066-\u2069]")
DATABASE_FAILURE = ("数据库繁忙", "无法连接数据库", "数据库文件已损坏", "程序内部错误")

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def counter_cmd(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sqlite_hall_url: str
) -> Runner:
    """``counter ARGV --db URL`` in this process: (exit code, out, err); ``stdin`` feeds
    ``--password-stdin``."""
    monkeypatch.setenv("COUNTER_STAFF_PASSWORD", DEMO_PASSWORD)

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            rc = cli.main([*argv, "--db", sqlite_hall_url])
        except SystemExit as exc:  # argparse refusals
            rc = int(exc.code or 0)
        out, err = capsys.readouterr()
        return rc, out, err

    return run


def said_clearly(rc: int, out: str, err: str) -> None:
    """Done (exit 0), or refused by argparse (2) or with one bilingual message (1 or 2)."""
    assert rc in (0, 1, 2), (rc, err)
    assert "Traceback" not in err and "Traceback" not in out
    assert not RAW.search(err), ascii(err)
    assert not RAW.search(out), ascii(out)
    if rc == 1:
        lines = [x for x in err.splitlines() if x.strip()]
        assert sum(x.startswith("错误：") for x in lines) == 1, err
        assert sum(x.startswith("Error: ") for x in lines) == 1, err
        assert not any(word in err for word in DATABASE_FAILURE), err


@SETTINGS
@given(text=HOSTILE)
def test_catalogue_search_and_show(counter_cmd: Runner, text: str) -> None:
    said_clearly(*counter_cmd("catalog", "search", "--", text))
    said_clearly(*counter_cmd("catalog", "show", "--", text))


@SETTINGS
@given(text=HOSTILE)
def test_queue_letters_hall_codes_and_appointment_codes(counter_cmd: Runner, text: str) -> None:
    said_clearly(*counter_cmd("queue", "issue", "--queue", text))
    said_clearly(*counter_cmd("queue", "status", "--hall", text))
    said_clearly(*counter_cmd("queue", "issue", "--queue", "A", "--appointment", text))


@SETTINGS
@given(text=HOSTILE)
def test_id_card_tickets(counter_cmd: Runner, text: str) -> None:
    said_clearly(
        *counter_cmd(
            "queue", "issue", "--queue", "A", "--source", "idcard",
            "--name", text, "--id-number", "11010519491231002X",
        )
    )  # fmt: skip
    said_clearly(
        *counter_cmd(
            "queue", "issue", "--queue", "A", "--source", "idcard",
            "--name", "王建国", "--id-number", text,
        )
    )  # fmt: skip


@SETTINGS
@given(text=HOSTILE)
def test_staff_numbers_names_and_passwords(counter_cmd: Runner, text: str) -> None:
    said_clearly(
        *counter_cmd(
            "staff", "add", "--no", text, "--name", "王建国", "--roles", "clerk",
            "--password-stdin", stdin="Hall-window-2026\n",
        )
    )  # fmt: skip
    said_clearly(
        *counter_cmd(
            "staff", "add", "--no", "9100", "--name", text, "--roles", "clerk",
            "--password-stdin", stdin="Hall-window-2026\n",
        )
    )  # fmt: skip
    said_clearly(
        *counter_cmd(
            "staff", "add", "--no", "9101", "--name", "王建国", "--roles", "clerk",
            "--password-stdin", stdin=text.replace("\n", " ") + "\n",
        )
    )  # fmt: skip


@SETTINGS
@given(text=HOSTILE)
def test_case_numbers_and_verification_codes(counter_cmd: Runner, text: str) -> None:
    said_clearly(*counter_cmd("case", "show", "--staff", "2002", "--", text))
    said_clearly(*counter_cmd("verify", "--staff", "1014", "--", text))


@SETTINGS
@given(text=HOSTILE)
def test_hall_settings(counter_cmd: Runner, text: str) -> None:
    said_clearly(*counter_cmd("hall", "set", f"name={text}"))
    said_clearly(*counter_cmd("hall", "set", f"{text}=1"))
