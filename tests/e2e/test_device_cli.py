"""``counter device …`` as a process, against device emulators on pseudo-terminals."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter.devices.emulator import (
    Fault,
    IdCardReaderEmulator,
    PrinterEmulator,
    ScannerEmulator,
    sample_card,
)
from counter.devices.sam import Command

ROOT = Path(__file__).resolve().parents[2]
PROCESS_TIMEOUT = 60  # a bound for a broken build, never reached by a working one


def counter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "device", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=PROCESS_TIMEOUT,
    )


@pytest.fixture
def reader() -> Iterator[IdCardReaderEmulator]:
    with IdCardReaderEmulator(sample_card()) as emu:
        yield emu


def test_read_id_prints_the_card_as_json(reader: IdCardReaderEmulator) -> None:
    proc = counter("read-id", "--port", reader.port, "--timeout", "5")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    assert "张三" in lines[0]  # ensure_ascii=False: Chinese as is
    data = json.loads(lines[0])
    assert data == sample_card().to_json()
    assert data["valid_to"] == "长期" and data["id_number_valid"] is True


def test_read_id_without_card_exits_3(reader: IdCardReaderEmulator) -> None:
    reader.remove_card()
    proc = counter("read-id", "--port", reader.port, "--timeout", "0.3")
    assert proc.returncode == 3
    assert proc.stdout == ""
    assert "未检测到身份证" in proc.stderr


def test_read_id_with_uncured_bad_checksum_exits_4(reader: IdCardReaderEmulator) -> None:
    reader.inject(Fault.BAD_CHECKSUM, times=-1, command=Command.READ_TEXT_PHOTO)
    proc = counter(
        "read-id", "--port", reader.port, "--timeout", "3", "--retries", "1",
        "--command-timeout", "0.3",
    )  # fmt: skip
    assert proc.returncode == 4, proc.stderr
    assert "校验和错误" in proc.stderr and proc.stdout == ""


def test_read_id_with_reply_cut_short_exits_4(reader: IdCardReaderEmulator) -> None:
    reader.inject(Fault.TRUNCATE, times=-1, command=Command.READ_TEXT_PHOTO)
    proc = counter(
        "read-id", "--port", reader.port, "--timeout", "3", "--retries", "1",
        "--command-timeout", "0.3",
    )  # fmt: skip
    assert proc.returncode == 4
    assert "应答不完整" in proc.stderr


def test_read_id_cured_by_retry_exits_0(reader: IdCardReaderEmulator) -> None:
    reader.inject(Fault.BAD_CHECKSUM, times=1, command=Command.READ_TEXT_PHOTO)
    reader.inject(Fault.NOISE, times=-1)
    proc = counter("read-id", "--port", reader.port, "--timeout", "5")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["name"] == "张三"


def test_read_id_on_a_missing_port_exits_1() -> None:
    proc = counter("read-id", "--port", "/dev/does-not-exist-42", "--timeout", "0.2")
    assert proc.returncode == 1
    assert "无法打开串口" in proc.stderr


def test_list_ports() -> None:
    proc = counter("list")
    assert proc.returncode == 0
    for line in proc.stdout.splitlines():
        assert len(line.split("\t")) == 2


class Scan:
    """``counter device scan`` running, its stdout and stderr read by threads."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui.main", "device", "scan", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        for stream, q in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, q), daemon=True).start()

    @staticmethod
    def _pump(stream: object, q: queue.Queue[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            q.put(line.rstrip("\n"))

    def wait_err(self, needle: str) -> str:
        while True:
            line = self.err.get(timeout=PROCESS_TIMEOUT)
            if needle in line:
                return line

    def finish(self) -> int:
        return self.proc.wait(timeout=PROCESS_TIMEOUT)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=PROCESS_TIMEOUT)


def test_scan_prints_each_code_as_it_arrives(tmp_path: Path) -> None:
    link = tmp_path / "ttyScan"
    with ScannerEmulator(link=link, terminator=b"\r\n") as emu:
        scan = Scan("--port", str(link), "--terminator", "crlf", "--count", "3", "--timeout", "30")
        try:
            scan.wait_err("扫码枪已连接")
            emu.scan("A015")
            assert scan.out.get(timeout=PROCESS_TIMEOUT) == "A015"  # flushed line by line
            emu.scan("6901234567892")
            emu.scan("青山镇")
            assert scan.finish() == 0
        finally:
            scan.kill()
    lines = [scan.out.get(timeout=PROCESS_TIMEOUT) for _ in range(2)]
    assert lines == ["6901234567892", "青山镇"]


def test_scan_with_prefix_survives_replug(tmp_path: Path) -> None:
    link = tmp_path / "ttyScan"
    with ScannerEmulator(link=link, prefix="%") as emu:
        scan = Scan(
            "--port", str(link), "--prefix", "%", "--count", "2", "--timeout", "30",
            "--reconnect", "0.05",
        )  # fmt: skip
        try:
            scan.wait_err("扫码枪已连接")
            emu.scan("B001")
            assert scan.out.get(timeout=PROCESS_TIMEOUT) == "B001"
            emu.unplug()
            scan.wait_err("扫码枪已断开")
            emu.replug()
            scan.wait_err("扫码枪已重新连接")
            emu.scan("B002")
            assert scan.finish() == 0
        finally:
            scan.kill()
    assert scan.out.get(timeout=PROCESS_TIMEOUT) == "B002"


def test_scan_timeout_before_count_exits_3(tmp_path: Path) -> None:
    link = tmp_path / "ttyScan"
    with ScannerEmulator(link=link):
        proc = subprocess.run(
            [sys.executable, "-m", "ui.main", "device", "scan", "--port", str(link),
             "--count", "1", "--timeout", "0.3"],
            capture_output=True, text=True, cwd=ROOT, timeout=PROCESS_TIMEOUT,
        )  # fmt: skip
    assert proc.returncode == 3 and proc.stdout == ""
    assert "超时" in proc.stderr


def test_print_ticket_raw_escpos(tmp_path: Path) -> None:
    out = tmp_path / "ticket.bin"
    proc = counter(
        "print-ticket", "--raw", str(out), "--number", "A015", "--queue", "社会保障",
        "--ahead", "3", "--wait", "15", "--width", "58",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x1b@\x1c&") and b"\x1dkI\x06{BA015" in data
    assert "社会保障".encode("gb18030") in data


def test_print_ticket_to_a_serial_printer(tmp_path: Path) -> None:
    link = tmp_path / "ttyPrinter"
    with PrinterEmulator(link=link) as printer:
        proc = counter("print-ticket", "--port", str(link), "--number", "B007")
        assert proc.returncode == 0, proc.stderr
        assert printer.wait_for(b"\x1dVB\x00")  # the cut ends the ticket
        data = printer.received
    assert data.startswith(b"\x1b@\x1c&") and b"{BB007" in data


def test_print_ticket_to_a_missing_printer_exits_1() -> None:
    proc = counter("print-ticket", "--port", "/dev/does-not-exist-42")
    assert proc.returncode == 1 and "打印失败" in proc.stderr


def test_print_ticket_pdf(tmp_path: Path) -> None:
    out = tmp_path / "ticket.pdf"
    proc = counter("print-ticket", "--pdf", str(out), "--number", "C123")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert proc.stdout.strip() == str(out)
