"""counter doctor's checks that need no database: Windows' COM-port and font paths, printers
against the PC's job, and the report's order (Chinese first, then English, then what to do)."""

from __future__ import annotations

from pathlib import Path

import pytest
import serial

from counter import doctor
from counter.config import StationConfig
from counter.doctor import FAIL, OK, SKIP, WARN, Context


def ctx(job: str | None = "window", **cfg: object) -> Context:
    return Context(StationConfig(**cfg), "sqlite:///x.sqlite3", job)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("message", "why"),
    [
        # what pyserial says on Windows for a port another program holds, and for no such port
        ("could not open port 'COM3': PermissionError(13, 'Access is denied.', None, 5)", "busy"),
        (
            "could not open port 'COM9': FileNotFoundError(2, 'The system cannot find the file "
            "specified.', None, 2)",
            "missing",
        ),
        ("[Errno 13] could not open port /dev/ttyUSB0: [Errno 13] Permission denied", "permission"),
        ("[Errno 2] could not open port /dev/ttyUSB9: No such file or directory", "missing"),
    ],
)
def test_serial_port_faults_are_told_apart(monkeypatch, message: str, why: str) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise serial.SerialException(message)

    monkeypatch.setattr(serial, "Serial", refuse)
    assert doctor._open_port("COM3") == why


def test_serial_check_says_what_to_do_per_fault(monkeypatch) -> None:
    def refuse(port: str, **_k: object) -> None:
        raise serial.SerialException(
            "could not open port 'COM3': PermissionError(13, 'Access is denied.', None, 5)"
        )

    monkeypatch.setattr(serial, "Serial", refuse)
    result = doctor.check_serial(ctx(idcard_port="COM3", ticket_printer="escpos:COM5@9600"))
    assert result.status == FAIL
    assert "身份证阅读器 COM3 被占用" in result.detail_zh and "号票打印机 COM5" in result.detail_zh
    assert "关闭正在使用该串口的程序" in result.fix_zh and "close the program" in result.fix_en


def test_an_open_serial_port_passes(monkeypatch) -> None:
    monkeypatch.setattr(serial, "Serial", lambda *a, **k: serial.serial_for_url("loop://"))
    assert doctor.check_serial(ctx(scanner_port="COM4")).status == OK
    assert doctor.check_serial(ctx()).detail_zh.endswith("（扫码枪为键盘模式）")


@pytest.mark.parametrize(("files", "status"), [(["msyh.ttc"], OK), ([], FAIL)])
def test_font_check_on_windows_looks_in_the_fonts_folder(
    monkeypatch, tmp_path: Path, files: list[str], status: str
) -> None:
    fonts = tmp_path / "Fonts"
    fonts.mkdir()
    for f in files:
        (fonts / f).write_bytes(b"")
    monkeypatch.setattr(doctor.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    result = doctor.check_font(ctx())
    assert result.status == status
    if status == FAIL:
        assert "方框" in result.detail_zh and "fonts-noto-cjk" in result.fix_zh


def test_printers_against_the_job() -> None:
    names = ["HP-LaserJet", "Xprinter-58"]
    assert doctor.check_printers_with(ctx(printer="HP-LaserJet"), names, None).status == OK
    missing = doctor.check_printers_with(ctx(printer="Canon-A4"), names, "HP-LaserJet")
    assert missing.status == FAIL and "Canon-A4" in missing.detail_zh
    default = doctor.check_printers_with(ctx(), names, "HP-LaserJet")
    assert default.status == OK and "系统默认 HP-LaserJet" in default.detail_zh
    assert doctor.check_printers_with(ctx(), [], None).status == WARN  # a window PC prints A4
    kiosk = doctor.check_printers_with(ctx("kiosk"), names, None)
    assert kiosk.status == WARN and "号票打印机" in kiosk.detail_zh
    qt_ticket = ctx("kiosk", ticket_printer="qt:Xprinter-58")
    assert doctor.check_printers_with(qt_ticket, names, None).status == OK
    assert doctor.check_printers_with(ctx("display"), [], None).status == OK
    unset = doctor.check_printers_with(ctx(None), names, None)  # no job set up yet
    assert unset.status == SKIP and "not checked" in unset.detail_en


def test_report_puts_chinese_first_and_says_what_to_do() -> None:
    results = [
        doctor.Check("a", "数据库连接", "database", FAIL, "无法连接", "cannot connect", "开机", "turn on"),
        doctor.Check("b", "时钟", "clock", OK, "快 0.1 秒", "0.1 s ahead"),
    ]  # fmt: skip
    text = doctor.render(results)
    assert text.index("无法连接") < text.index("cannot connect") < text.index("处理：开机")
    assert text.index("处理：开机") < text.index("Fix: turn on")
    assert "1 失败" in text and "1 failed" in text


def test_a_check_that_raises_is_reported_not_a_traceback() -> None:
    def check_boom(_ctx: Context) -> doctor.Check:
        raise RuntimeError("boom")

    (result,) = doctor.run_checks(ctx(), [check_boom])
    assert result.status == FAIL and "RuntimeError" in result.detail_zh
