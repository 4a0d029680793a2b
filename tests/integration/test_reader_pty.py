"""The reader session against the SAM emulator on a pseudo-terminal (real pyserial, real tty)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Iterator

import pytest

from counter.devices import errors as E
from counter.devices.emulator import Fault, IdCardReaderEmulator, sample_card
from counter.devices.idcard import CardType, make_card
from counter.devices.reader import ReaderSession
from counter.devices.sam import Command

READ = Command.READ_TEXT_PHOTO


@pytest.fixture
def emulator() -> Iterator[IdCardReaderEmulator]:
    emu = IdCardReaderEmulator(sample_card())
    with emu:
        yield emu


@pytest.fixture
def session(emulator: IdCardReaderEmulator) -> Iterator[ReaderSession]:
    with ReaderSession.open(
        emulator.port, 115200, command_timeout=0.5, retries=2, poll_interval=0.02
    ) as s:
        yield s


def reads(emulator: IdCardReaderEmulator) -> int:
    return sum(1 for r in emulator.stats.requests if r.command is READ)


def test_card_read(session: ReaderSession, emulator: IdCardReaderEmulator) -> None:
    card = session.wait_for_card(2.0)
    assert card == sample_card()
    assert card.photo == sample_card().photo
    assert card.to_json()["id_number"] == "11010519491231002X"
    commands = [r.command for r in emulator.stats.requests]
    assert commands == [Command.FIND_CARD, Command.SELECT_CARD, READ]


def test_no_card_times_out(session: ReaderSession, emulator: IdCardReaderEmulator) -> None:
    emulator.remove_card()
    with pytest.raises(E.NoCard) as info:
        session.wait_for_card(0.2)
    assert "未检测到身份证" in info.value.message_zh
    finds = [r for r in emulator.stats.requests if r.command is Command.FIND_CARD]
    assert len(finds) >= 2  # it polled
    assert session.read_once() is None


def test_noise_before_every_preamble(
    session: ReaderSession, emulator: IdCardReaderEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.inject(Fault.NOISE, times=-1)
    with caplog.at_level(logging.DEBUG, logger="counter.devices"):
        assert session.wait_for_card(2.0) == sample_card()
    assert reads(emulator) == 1  # resynchronised, nothing retried


def test_reply_dribbled_a_few_bytes_at_a_time(
    session: ReaderSession, emulator: IdCardReaderEmulator
) -> None:
    emulator.inject(Fault.DRIBBLE, times=-1)
    emulator.inject(Fault.NOISE, times=-1)
    assert session.wait_for_card(2.0) == sample_card()
    assert reads(emulator) == 1


def test_bad_checksum_retried_then_cured(
    session: ReaderSession, emulator: IdCardReaderEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.inject(Fault.BAD_CHECKSUM, times=2, command=READ)
    with caplog.at_level(logging.WARNING, logger="counter.devices"):
        assert session.wait_for_card(3.0) == sample_card()
    assert reads(emulator) == 3
    assert "checksum" in caplog.text


def test_bad_checksum_not_cured_is_a_typed_error(
    session: ReaderSession, emulator: IdCardReaderEmulator
) -> None:
    emulator.inject(Fault.BAD_CHECKSUM, times=-1, command=READ)
    with pytest.raises(E.FrameChecksumError) as info:
        session.wait_for_card(3.0)
    assert "校验和错误" in info.value.message_zh
    assert reads(emulator) == 3  # one try and two retries


def test_truncated_reply_retried_then_cured(
    session: ReaderSession, emulator: IdCardReaderEmulator
) -> None:
    emulator.inject(Fault.TRUNCATE, times=1, command=READ)
    assert session.wait_for_card(3.0) == sample_card()
    assert reads(emulator) == 2


def test_truncated_reply_not_cured(emulator: IdCardReaderEmulator) -> None:
    emulator.inject(Fault.TRUNCATE, times=-1, command=READ)
    with (
        ReaderSession.open(emulator.port, command_timeout=0.3, retries=1) as s,
        pytest.raises(E.TruncatedFrame) as info,
    ):
        s.wait_for_card(3.0)
    assert info.value.params == {"got": 647, "expected": 1295}
    assert reads(emulator) == 2


def test_impossible_length_and_silence(emulator: IdCardReaderEmulator) -> None:
    emulator.inject(Fault.BAD_LENGTH, times=1, command=READ)
    emulator.inject(Fault.SILENCE, times=1, command=Command.FIND_CARD)
    with ReaderSession.open(emulator.port, command_timeout=0.3, retries=2) as s:
        assert s.wait_for_card(3.0) == sample_card()


def test_reply_hidden_behind_a_false_preamble(emulator: IdCardReaderEmulator) -> None:
    # Noise that announces a long frame swallows the real find reply until the timeout; the
    # rescan at the timeout recovers it instead of failing.
    emulator.inject(Fault.FALSE_PREAMBLE, times=1, command=Command.FIND_CARD)
    with ReaderSession.open(emulator.port, command_timeout=0.3, retries=0) as s:
        assert s.wait_for_card(2.0) == sample_card()


def test_reader_that_never_answers(emulator: IdCardReaderEmulator) -> None:
    emulator.inject(Fault.SILENCE, times=-1)
    with (
        ReaderSession.open(emulator.port, command_timeout=0.2, retries=1) as s,
        pytest.raises(E.ReaderNotResponding),
    ):
        s.wait_for_card(1.0)


def test_sam_reports_damaged_request_and_is_retried(
    session: ReaderSession, emulator: IdCardReaderEmulator
) -> None:
    emulator.force_status(READ, 0x10, times=1)  # SAM: checksum error in our request
    assert session.wait_for_card(2.0) == sample_card()
    assert reads(emulator) == 2


def test_sam_failure_status_is_raised_typed(
    session: ReaderSession, emulator: IdCardReaderEmulator
) -> None:
    emulator.force_status(Command.FIND_CARD, 0x66, times=-1)
    with pytest.raises(E.SamNotAuthorised) as info:
        session.wait_for_card(1.0)
    assert info.value.message_zh == "SAM未经授权，无法使用"


def test_select_failure_counts_as_no_card(
    session: ReaderSession, emulator: IdCardReaderEmulator
) -> None:
    emulator.force_status(Command.SELECT_CARD, 0x81, times=1)
    assert session.wait_for_card(2.0) == sample_card()


def test_card_read_twice_only_when_presented_twice(
    session: ReaderSession, emulator: IdCardReaderEmulator
) -> None:
    assert session.wait_for_card(2.0) == sample_card()
    # The card stays on the reader: no second report of the same presentation.
    with pytest.raises(E.NoCard):
        session.wait_for_card(0.2)
    assert emulator.stats.reads == 1
    emulator.remove_card()
    emulator.present_card()
    assert session.wait_for_card(2.0) == sample_card()
    assert emulator.stats.reads == 2
    other = dataclasses.replace(sample_card(), name="李四")
    emulator.present_card(other)
    assert session.wait_for_card(2.0).name == "李四"


def test_session_guard_against_a_reader_that_finds_the_same_card_again() -> None:
    with (
        IdCardReaderEmulator(sample_card(), refind_after_read=True) as emu,
        ReaderSession.open(emu.port, command_timeout=0.5, poll_interval=0.02) as s,
    ):
        assert s.wait_for_card(2.0) == sample_card()
        with pytest.raises(E.NoCard):
            s.wait_for_card(0.2)  # found and read again, but not reported
        assert emu.stats.reads >= 2
        emu.remove_card()
        assert s.read_once() is None  # a failed find: the card left
        emu.present_card()
        assert s.wait_for_card(2.0) == sample_card()


def test_other_card_types_over_the_wire() -> None:
    card = make_card(
        name="陈大文",
        birth_date=dt.date(1980, 1, 1),
        address="广东省深圳市福田区福华路1号",
        id_number="810000198001010014",
        authority="深圳市公安局",
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2025, 1, 1),
        card_type=CardType.HMT_RESIDENCE,
        pass_number="H12345678",
        issue_count="01",
        photo=bytes(range(256)) * 4,
    )
    with IdCardReaderEmulator(card) as emu, ReaderSession.open(emu.port) as s:
        got = s.wait_for_card(2.0)
    assert got == card and got.to_json()["card_type"] == "港澳台居民居住证"


def test_sam_commands(session: ReaderSession, emulator: IdCardReaderEmulator) -> None:
    assert session.read_sam_id() == bytes(range(16)).hex().upper()
    assert session.sam_status().ok
    session.reset_sam()
    session.set_baud(115200)
    assert session.find_card()
    session.select_card()
    assert session.read_appended_address() is None  # 91: no appended address
    with pytest.raises(E.SamCommandError):
        session.command(0x77, 0x01)


def test_cancel_from_another_thread(session: ReaderSession, emulator: IdCardReaderEmulator) -> None:
    emulator.remove_card()
    polled = threading.Event()
    original = session.find_card

    def find_card() -> bool:
        polled.set()
        return original()

    session.find_card = find_card  # type: ignore[method-assign]
    threading.Thread(target=lambda: polled.wait(5) and session.cancel()).start()
    with pytest.raises(E.ReadCancelled):
        session.wait_for_card(30.0)
    with pytest.raises(E.ReadCancelled):
        session.wait_for_card(30.0)  # sticky: a cancel between two waits is not lost
    session.resume()
    emulator.present_card()
    assert session.wait_for_card(2.0) == sample_card()


def test_reader_unplugged_mid_session(emulator: IdCardReaderEmulator) -> None:
    s = ReaderSession.open(emulator.port, command_timeout=0.3, retries=0)
    try:
        assert s.wait_for_card(2.0) == sample_card()
        emulator.stop()  # the pty master closes: the port fails under the session
        with pytest.raises(E.DeviceError):
            s.wait_for_card(0.5)
    finally:
        s.close()


def test_port_that_does_not_exist() -> None:
    with pytest.raises(E.PortUnavailable) as info:
        ReaderSession.open("/dev/does-not-exist-42")
    assert "/dev/does-not-exist-42" in info.value.message_zh
