"""Fuzzing the SAM codec, the card parser and the reader's transport loop.

Over 10,000 random and mutated frames in total: every outcome is a result or a typed
:class:`~counter.devices.errors.DeviceError`, never another exception, and every loop ends.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.devices.emulator import sample_card
from counter.devices.errors import DeviceError, FrameError
from counter.devices.idcard import (
    CardType,
    encode_read_reply,
    make_card,
    parse_read_reply,
    parse_text,
)
from counter.devices.reader import ReaderSession
from counter.devices.sam import (
    PREAMBLE,
    Command,
    Frame,
    FrameDecoder,
    Reply,
    checksum,
    decode_reply,
    decode_request,
    encode_reply,
    encode_request,
)

FAST = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

READ_REPLY = encode_read_reply(sample_card())
HMT_REPLY = encode_read_reply(
    make_card(
        name="陈大文",
        birth_date=dt.date(1980, 1, 1),
        id_number="810000198001010014",
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2025, 1, 1),
        card_type=CardType.HMT_RESIDENCE,
    )
)
SEEDS = [
    encode_request(Command.FIND_CARD),
    encode_request(Command.READ_TEXT_PHOTO),
    encode_reply(0x9F, b"\x00" * 4),
    encode_reply(0x80),
    encode_reply(0x90, b"\x00" * 8),
    READ_REPLY,
    HMT_REPLY,
]

# Mutations are drawn as one byte string and read four bytes at a time: kind, position (two
# bytes, taken modulo the frame's length, so a 1295-byte reply is reached everywhere) and a
# value. One cheap binary draw per example keeps ten thousand examples fast and shrinkable.
KINDS = ("flip", "set", "insert", "delete", "truncate", "dup")
mutations_st = st.binary(min_size=4, max_size=24)


def mutate(frame: bytes, spec: bytes) -> bytes:
    data = bytearray(frame)
    for k in range(0, len(spec) - 3, 4):
        kind = KINDS[spec[k] % len(KINDS)]
        pos = int.from_bytes(spec[k + 1 : k + 3], "big")
        value = spec[k + 3]
        if not data:
            data.append(value)
            continue
        i = pos % len(data)
        if kind == "flip":
            data[i] ^= 1 << (value % 8)
        elif kind == "set":
            data[i] = value
        elif kind == "insert":
            data.insert(i, value)
        elif kind == "delete":
            del data[i]
        elif kind == "truncate":
            del data[i:]
        else:
            data[i:i] = data[i : i + 1 + value % 16]
    return bytes(data)


def decode_everything(data: bytes) -> None:
    """Every entry point on ``data``; only typed errors may escape."""
    try:
        reply = decode_reply(data)
    except FrameError:
        pass
    else:
        assert isinstance(reply, Reply)
        with contextlib.suppress(DeviceError):
            parse_read_reply(reply)
    with contextlib.suppress(FrameError):
        decode_request(data)


@settings(FAST, max_examples=3000)
@given(st.binary(max_size=64), st.integers(0, 1400))
def test_random_bytes(data: bytes, length: int) -> None:
    decode_everything(data)
    decode_everything(PREAMBLE + data)
    # A plausible header with a random body: reaches the checksum and content checks.
    body = (data * (length // max(1, len(data)) + 1))[:length]
    head = (length + 1).to_bytes(2, "big")
    decode_everything(PREAMBLE + head + body + bytes([checksum(head + body)]))


@settings(FAST, max_examples=3500)
@given(seed=st.sampled_from(SEEDS), mutations=mutations_st)
def test_mutated_frames(seed: bytes, mutations: bytes) -> None:
    data = mutate(seed, mutations)
    decode_everything(data)
    # Fix the checksum so the damage reaches the content parser too.
    if len(data) > 8 and data.startswith(PREAMBLE):
        decode_everything(data[:-1] + bytes([checksum(data[5:-1])]))


@settings(FAST, max_examples=2000)
@given(text=st.binary(min_size=256, max_size=256))
def test_random_text_blocks(text: bytes) -> None:
    with contextlib.suppress(DeviceError):
        parse_text(text)


@settings(FAST, max_examples=1500)
@given(
    parts=st.lists(st.sampled_from(SEEDS[:5] + [READ_REPLY]) | st.binary(max_size=24), max_size=8),
    mutations=st.binary(max_size=12),
    cut_spec=st.binary(max_size=12),
)
def test_stream_decoder(parts: list[bytes], mutations: bytes, cut_spec: bytes) -> None:
    stream = mutate(b"".join(parts), mutations) if len(mutations) >= 4 else b"".join(parts)
    cuts = [1 + b for b in cut_spec]
    decoder = FrameDecoder()
    items: list[Frame | FrameError] = []
    start = 0
    for size in cuts:
        items += decoder.feed(stream[start : start + size])
        start += size
    items += decoder.feed(stream[start:])
    assert decoder.pending <= len(PREAMBLE) + 2 + 0x1000  # bounded memory
    items += decoder.expire()
    assert decoder.pending == 0
    for item in items:
        assert isinstance(item, Frame | FrameError)
        if isinstance(item, Frame):
            assert item.raw[-1] == checksum(item.raw[5:-1])  # only verified frames come out
    if len(mutations) < 4 and all(p in SEEDS for p in parts):
        # An undamaged stream of frames comes out exactly, however it was cut.
        assert [i.raw for i in items if isinstance(i, Frame)] == parts
        assert not any(isinstance(i, FrameError) for i in items)


class ScriptedPort:
    """A serial port that returns ``data`` in pieces, then times out; its clock is fake."""

    def __init__(self, data: bytes, cuts: list[int]) -> None:
        self.data = data
        self.cuts = cuts or [len(data) or 1]
        self.timeout: float | None = None
        self.time = 0.0
        self.reads = 0

    def clock(self) -> float:
        return self.time

    def write(self, data: bytes, /) -> int:
        return len(data)

    def read(self, size: int = 1, /) -> bytes:
        self.time += 0.05  # every read takes one read slice of fake time
        self.reads += 1
        assert self.reads < 10_000, "transport loop does not end"
        cut = self.cuts[self.reads % len(self.cuts)]
        piece, self.data = self.data[:cut], self.data[cut:]
        return piece

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...

    @property
    def in_waiting(self) -> int:
        return 0


@settings(FAST, max_examples=1000)
@given(
    seed=st.sampled_from(SEEDS[2:]),
    mutations=st.binary(max_size=16),
    noise=st.binary(max_size=16),
    cut_spec=st.binary(max_size=6),
)
def test_reader_transport_on_damaged_replies(
    seed: bytes, mutations: bytes, noise: bytes, cut_spec: bytes
) -> None:
    port = ScriptedPort(noise + mutate(seed, mutations), [1 + 3 * b for b in cut_spec])
    session = ReaderSession(port, command_timeout=1.0, retries=0, clock=port.clock)
    try:
        reply = session.transact(encode_request(Command.READ_TEXT_PHOTO))
        if reply.sw3 == 0x90 and len(reply.data) > 200:
            parse_read_reply(reply)
    except DeviceError:
        pass
