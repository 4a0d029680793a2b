"""The SAM frame codec (GA/T 467) on documented byte strings."""

from __future__ import annotations

import pytest

from counter.devices import errors as E
from counter.devices.sam import (
    PREAMBLE,
    Command,
    Frame,
    FrameDecoder,
    Reply,
    Request,
    checksum,
    decode_reply,
    decode_request,
    encode_reply,
    encode_request,
    encode_set_baud,
    status_error,
    status_text,
)

FIND_CARD = bytes.fromhex("AA AA AA 96 69 00 03 20 01 22")
# Reply to find card: Len 00 08, SW 00 00 9F, four data bytes 00, CHK = 08 ^ 9F = 97.
CARD_FOUND = bytes.fromhex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
NO_CARD = bytes.fromhex("AA AA AA 96 69 00 04 00 00 80 84")


def test_find_card_encodes_to_documented_bytes() -> None:
    assert encode_request(Command.FIND_CARD) == FIND_CARD
    assert encode_request(0x20, 0x01) == FIND_CARD
    assert Request(0x20, 0x01).encode() == FIND_CARD


@pytest.mark.parametrize(
    ("command", "cmd", "para"),
    [
        (Command.RESET_SAM, 0x10, 0xFF),
        (Command.SAM_STATUS, 0x11, 0xFF),
        (Command.READ_SAM_ID, 0x12, 0xFF),
        (Command.FIND_CARD, 0x20, 0x01),
        (Command.SELECT_CARD, 0x20, 0x02),
        (Command.READ_TEXT_PHOTO, 0x30, 0x01),
        (Command.READ_APPENDED_ADDRESS, 0x30, 0x03),
        (Command.READ_TEXT_PHOTO_FINGERPRINT, 0x30, 0x10),
    ],
)
def test_every_command_frame(command: Command, cmd: int, para: int) -> None:
    frame = encode_request(command)
    assert frame[:5] == PREAMBLE
    assert frame[5:7] == b"\x00\x03"  # CMD Para CHK
    assert frame[7:9] == bytes([cmd, para])
    assert frame[9] == 0x03 ^ cmd ^ para
    request = decode_request(frame)
    assert (request.cmd, request.para, request.data) == (cmd, para, b"")
    assert request.command is command


@pytest.mark.parametrize(
    ("baud", "para"), [(115200, 0), (57600, 1), (38400, 2), (19200, 3), (9600, 4)]
)
def test_set_baud(baud: int, para: int) -> None:
    frame = encode_set_baud(baud)
    assert frame[7:9] == bytes([0x60, para])
    assert decode_request(frame).command is None
    with pytest.raises(ValueError):
        encode_set_baud(4800)


def test_checksum_is_xor_after_preamble() -> None:
    assert checksum(b"\x00\x03\x20\x01") == 0x22
    assert checksum(b"") == 0


def test_decode_documented_replies() -> None:
    found = decode_reply(CARD_FOUND)
    assert found == Reply(0, 0, 0x9F, b"\x00\x00\x00\x00")
    assert found.ok and found.raise_for_status() is found
    assert encode_reply(0x9F, b"\x00" * 4) == CARD_FOUND
    none = decode_reply(NO_CARD)
    assert not none.ok
    with pytest.raises(E.SamFindCardFailed) as info:
        none.raise_for_status()
    assert info.value.code == "sam_find_failed" and "找卡失败" in str(info.value)


STATUS_CLASSES = {
    0x91: E.SamNoContent,
    0x10: E.SamChecksumError,
    0x11: E.SamLengthError,
    0x21: E.SamCommandError,
    0x23: E.SamNotAllowed,
    0x24: E.SamUnrecognised,
    0x31: E.SamCardAuthFailed,
    0x32: E.SamReaderAuthFailed,
    0x33: E.SamVerifyFailed,
    0x40: E.SamUnknownCardType,
    0x41: E.SamReadFailed,
    0x47: E.SamRandomFailed,
    0x60: E.SamSelfTestFailed,
    0x66: E.SamNotAuthorised,
    0x80: E.SamFindCardFailed,
    0x81: E.SamSelectCardFailed,
}


@pytest.mark.parametrize(("sw3", "cls"), sorted(STATUS_CLASSES.items()))
def test_every_failure_status_is_a_typed_error_with_chinese(sw3: int, cls: type) -> None:
    err = status_error(sw3)
    assert type(err) is cls
    assert isinstance(err, E.SamStatusError) and isinstance(err, E.DeviceError)
    assert err.sw3 == sw3
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.message_zh)
    assert err.message_en and err.code.startswith("sam_")
    assert status_text(sw3) == cls.zh
    with pytest.raises(cls):
        decode_reply(encode_reply(sw3)).raise_for_status()


def test_success_statuses_and_unknown_status() -> None:
    assert status_error(0x90) is None and status_error(0x9F) is None
    assert status_text(0x90) == "操作成功" and status_text(0x9F) == "寻找证/卡成功"
    unknown = status_error(0x55)
    assert type(unknown) is E.SamStatusError and "55" in unknown.message_zh
    assert E.SamChecksumError.retryable and not E.SamFindCardFailed.retryable


def test_whole_frame_errors() -> None:
    with pytest.raises(E.FrameChecksumError) as info:
        decode_reply(CARD_FOUND[:-1] + b"\x00")
    assert info.value.params == {"expected": "97", "actual": "00"}
    with pytest.raises(E.TruncatedFrame) as trunc:
        decode_reply(CARD_FOUND[:-3])
    assert trunc.value.params == {"got": 12, "expected": 15}
    with pytest.raises(E.TruncatedFrame):
        decode_reply(PREAMBLE[:3])
    with pytest.raises(E.FrameLengthError):
        decode_reply(CARD_FOUND + b"\x00")  # bytes after the frame
    with pytest.raises(E.FrameLengthError):
        decode_reply(PREAMBLE + b"\x00\x01\x01")  # Len below the minimum
    with pytest.raises(E.FrameLengthError):
        decode_reply(PREAMBLE + b"\xff\xff" + b"\x00" * 10)  # Len above the maximum
    with pytest.raises(E.FrameLengthError):
        decode_reply(encode_request(Command.FIND_CARD))  # a request is too short for a reply
    with pytest.raises(E.FrameSyncError):
        decode_reply(b"\x00" + CARD_FOUND)


def test_decoder_returns_frames_in_order() -> None:
    decoder = FrameDecoder()
    out = decoder.feed(CARD_FOUND + NO_CARD)
    assert [item.reply().sw3 for item in out if isinstance(item, Frame)] == [0x9F, 0x80]
    assert decoder.pending == 0 and decoder.noise_bytes == 0


def test_decoder_resynchronises_after_noise() -> None:
    decoder = FrameDecoder()
    noise = b"\x00\xff\xaa\xaa\x13\xaa\xaa\xaa\x96"  # ends like a preamble that never completes
    out = decoder.feed(noise + CARD_FOUND)
    assert len(out) == 1 and isinstance(out[0], Frame) and out[0].raw == CARD_FOUND
    assert decoder.noise_bytes == len(noise)


@pytest.mark.parametrize("step", [1, 2, 3, 5, 7])
def test_decoder_takes_a_reply_a_few_bytes_at_a_time(step: int) -> None:
    decoder = FrameDecoder()
    stream = b"\x11\x22" + CARD_FOUND + NO_CARD
    got: list[Frame | E.FrameError] = []
    for i in range(0, len(stream), step):
        got += decoder.feed(stream[i : i + step])
    assert [g.raw for g in got if isinstance(g, Frame)] == [CARD_FOUND, NO_CARD]
    assert not any(isinstance(g, E.FrameError) for g in got)


def test_decoder_reports_bad_checksum_and_keeps_the_next_frame() -> None:
    decoder = FrameDecoder()
    bad = CARD_FOUND[:-1] + b"\x00"
    out = decoder.feed(bad + NO_CARD)
    assert isinstance(out[0], E.FrameChecksumError)
    assert isinstance(out[1], Frame) and out[1].raw == NO_CARD


def test_decoder_recovers_a_frame_that_follows_a_truncated_one() -> None:
    # A reply cut short, then the full reply: the length of the first swallows the start of
    # the second, the checksum fails, and the search resumes at the inner preamble.
    decoder = FrameDecoder()
    out = decoder.feed(CARD_FOUND[:9] + CARD_FOUND + NO_CARD)
    frames = [o.raw for o in out if isinstance(o, Frame)]
    assert CARD_FOUND in frames and NO_CARD in frames
    assert any(isinstance(o, E.FrameChecksumError) for o in out)


def test_decoder_impossible_length_resyncs() -> None:
    decoder = FrameDecoder()
    out = decoder.feed(PREAMBLE + b"\xff\xff" + CARD_FOUND)
    assert isinstance(out[0], E.FrameLengthError)
    assert isinstance(out[-1], Frame) and out[-1].raw == CARD_FOUND


def test_decoder_expire_reports_truncation() -> None:
    decoder = FrameDecoder()
    assert decoder.feed(CARD_FOUND[:10]) == []
    assert decoder.in_frame
    (err,) = decoder.expire()
    assert isinstance(err, E.TruncatedFrame)
    assert err.params == {"got": 10, "expected": 15}
    assert decoder.pending == 0 and decoder.expire() == []


def test_decoder_expire_rescues_a_frame_behind_a_false_preamble() -> None:
    # Noise announcing a 2048-byte frame swallows the real reply; when the caller gives up
    # waiting, the rescan finds it.
    decoder = FrameDecoder()
    assert decoder.feed(PREAMBLE + b"\x08\x00" + b"\x01\x02" + CARD_FOUND) == []
    out = decoder.expire()
    assert isinstance(out[0], E.TruncatedFrame)
    assert [o.raw for o in out if isinstance(o, Frame)] == [CARD_FOUND]
    assert decoder.pending == 0


def test_frame_as_request_and_short_reply() -> None:
    (frame,) = FrameDecoder().feed(FIND_CARD)
    assert isinstance(frame, Frame)
    assert frame.request() == Request(0x20, 0x01)
    with pytest.raises(E.FrameLengthError):
        frame.reply()
