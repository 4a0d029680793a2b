"""The serial scanner thread against a scanner emulator on a pseudo-terminal."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter.devices.emulator import ScannerEmulator
from counter.devices.scanner import ScannerStatus, SerialScanner, SerialSettings, Terminator

WAIT = 5.0  # upper bound for every wait; the tests never sleep


class Recorder:
    def __init__(self) -> None:
        self.codes: queue.Queue[str] = queue.Queue()
        self.statuses: queue.Queue[ScannerStatus] = queue.Queue()

    def on_status(self, status: ScannerStatus, detail: str) -> None:
        self.statuses.put(status)

    def code(self) -> str:
        return self.codes.get(timeout=WAIT)

    def status(self) -> ScannerStatus:
        return self.statuses.get(timeout=WAIT)


@pytest.fixture
def link(tmp_path: Path) -> Path:
    return tmp_path / "ttyScanner"


def start(
    link: Path, rec: Recorder, terminator: Terminator = Terminator.CR, prefix: str = ""
) -> SerialScanner:
    settings = SerialSettings(str(link), 9600, terminator=terminator, prefix=prefix)
    return SerialScanner(
        settings, rec.codes.put, rec.on_status, reconnect_interval=0.05, read_timeout=0.05
    ).start()


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def emu(link: Path) -> Iterator[ScannerEmulator]:
    with ScannerEmulator(link=link) as e:
        yield e


def test_codes_arrive_as_callbacks(emu: ScannerEmulator, link: Path, rec: Recorder) -> None:
    scanner = start(link, rec)
    try:
        assert rec.status() is ScannerStatus.CONNECTED
        emu.scan("A015")
        emu.scan("6901234567892", chunk=3)
        emu.scan("青山镇便民服务中心")
        assert [rec.code(), rec.code(), rec.code()] == [
            "A015",
            "6901234567892",
            "青山镇便民服务中心",
        ]
    finally:
        scanner.stop()
    assert rec.codes.empty()


@pytest.mark.parametrize(
    ("terminator", "raw"), [(Terminator.LF, b"\n"), (Terminator.CRLF, b"\r\n")]
)
def test_terminator_and_prefix(
    link: Path, rec: Recorder, terminator: Terminator, raw: bytes
) -> None:
    with ScannerEmulator(link=link, terminator=raw, prefix="#") as emu:
        scanner = start(link, rec, terminator, prefix="#")
        try:
            assert rec.status() is ScannerStatus.CONNECTED
            emu.send_raw(b"no prefix" + raw)
            emu.scan("B002")
            assert rec.code() == "B002"
        finally:
            scanner.stop()


def test_unplug_and_replug_is_survived(emu: ScannerEmulator, link: Path, rec: Recorder) -> None:
    scanner = start(link, rec)
    try:
        assert rec.status() is ScannerStatus.CONNECTED
        emu.scan("A001")
        assert rec.code() == "A001"
        emu.unplug()
        assert rec.status() is ScannerStatus.DISCONNECTED
        assert not scanner.connected
        emu.replug()
        assert rec.status() is ScannerStatus.RECONNECTED
        emu.scan("A002")
        assert rec.code() == "A002"
        # and once more
        emu.unplug()
        assert rec.status() is ScannerStatus.DISCONNECTED
        emu.replug()
        assert rec.status() is ScannerStatus.RECONNECTED
        emu.scan("A003")
        assert rec.code() == "A003"
    finally:
        scanner.stop()
    assert rec.statuses.empty()  # each change reported once, not every failed reopen


def test_port_absent_at_start(link: Path, rec: Recorder) -> None:
    scanner = start(link, rec)
    try:
        assert rec.status() is ScannerStatus.DISCONNECTED
        with ScannerEmulator(link=link) as emu:
            assert rec.status() is ScannerStatus.CONNECTED
            emu.scan("C003")
            assert rec.code() == "C003"
    finally:
        scanner.stop()


def test_callback_errors_do_not_stop_the_scanner(emu: ScannerEmulator, link: Path) -> None:
    got: queue.Queue[str] = queue.Queue()
    connected: queue.Queue[ScannerStatus] = queue.Queue()

    def on_code(code: str) -> None:
        if code == "boom":
            raise RuntimeError("a buggy handler")
        got.put(code)

    scanner = SerialScanner(
        SerialSettings(str(link)),
        on_code,
        lambda s, d: connected.put(s),
        reconnect_interval=0.05,
    ).start()
    try:
        assert connected.get(timeout=WAIT) is ScannerStatus.CONNECTED
        emu.scan("boom")
        emu.scan("D004")
        assert got.get(timeout=WAIT) == "D004"
    finally:
        scanner.stop()


def test_stop_is_clean_and_idempotent(emu: ScannerEmulator, link: Path, rec: Recorder) -> None:
    with start(link, rec) as scanner:
        assert rec.status() is ScannerStatus.CONNECTED
        thread = scanner._thread
    assert thread is not None and not thread.is_alive()
    scanner.stop()
