"""The serial scanner's line splitting (pure, no port)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter.devices.scanner import LineSplitter, Terminator, decode_code


@pytest.mark.parametrize(
    ("terminator", "stream"),
    [
        ("cr", b"A015\r6901234567892\r"),
        ("lf", b"A015\n6901234567892\n"),
        ("crlf", b"A015\r\n6901234567892\r\n"),
    ],
)
def test_each_terminator(terminator: str, stream: bytes) -> None:
    assert LineSplitter(terminator).feed(stream) == ["A015", "6901234567892"]


def test_terminator_bytes() -> None:
    assert [t.as_bytes for t in Terminator] == [b"\r", b"\n", b"\r\n"]


def test_codes_split_over_many_reads() -> None:
    splitter = LineSplitter("crlf")
    got: list[str] = []
    for byte in b"A0" + b"15\r" + b"\nB02\r\n":
        got += splitter.feed(bytes([byte]))
    assert got == ["A015", "B02"]


def test_partial_code_waits_for_its_terminator() -> None:
    splitter = LineSplitter("cr")
    assert splitter.feed(b"A01") == []
    assert splitter.feed(b"5\rB0") == ["A015"]
    assert splitter.feed(b"2\r") == ["B02"]


def test_tolerates_crlf_scanner_configured_as_cr_or_lf() -> None:
    assert LineSplitter("cr").feed(b"A015\r\nB02\r\n") == ["A015", "B02"]
    assert LineSplitter("lf").feed(b"A015\r\nB02\r\n") == ["A015", "B02"]
    assert LineSplitter("crlf").feed(b"A015\nB02\n") == ["A015", "B02"]


def test_lf_inside_a_cr_terminated_code_is_content() -> None:
    # A multi-line QR code (e.g. a contact card) read by a CR-terminated scanner.
    assert LineSplitter("cr").feed(b"line1\nline2\r") == ["line1\nline2"]


def test_empty_lines_are_dropped() -> None:
    assert LineSplitter("cr").feed(b"\r\r\rA015\r\r") == ["A015"]


def test_prefix_is_required_and_removed() -> None:
    splitter = LineSplitter("cr", prefix="#")
    assert splitter.feed(b"#A015\r") == ["A015"]
    assert splitter.feed(b"garbage#B02\r") == ["B02"]  # tail of a line cut at port open
    assert splitter.feed(b"no-prefix\r") == []
    assert splitter.feed(b"#\r") == []  # nothing after the prefix
    assert LineSplitter("lf", prefix="]C1").feed(b"]C1ABC\n") == ["ABC"]  # AIM-style id


def test_chinese_payload_in_utf8_or_gb18030() -> None:
    text = "青山镇便民服务中心"
    assert LineSplitter("cr").feed(text.encode("utf-8") + b"\r") == [text]
    assert LineSplitter("cr").feed(text.encode("gb18030") + b"\r") == [text]
    assert decode_code(b"\xff\xfe\xfd") == "\xff\xfe\xfd"  # neither: kept as Latin-1
    assert decode_code(b"abc", "no-such-codec") == "abc"


def test_overlong_line_is_discarded_up_to_its_terminator() -> None:
    splitter = LineSplitter("cr", max_length=8)
    assert splitter.feed(b"123456789012\rA015\r") == ["A015"]
    assert splitter.feed(b"x" * 100) == []
    assert splitter.feed(b"more\rB02\r") == ["B02"]


def test_reset_forgets_a_partial_line() -> None:
    splitter = LineSplitter("cr")
    splitter.feed(b"A0")
    splitter.reset()
    assert splitter.feed(b"B02\r") == ["B02"]


codes = st.lists(
    st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40
    ),
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(
    codes=codes, terminator=st.sampled_from(list(Terminator)), cuts=st.lists(st.integers(0, 400))
)
def test_any_chunking_gives_the_same_codes(
    codes: list[str], terminator: Terminator, cuts: list[int]
) -> None:
    stream = b"".join(c.encode() + terminator.as_bytes for c in codes)
    splitter = LineSplitter(terminator)
    got: list[str] = []
    start = 0
    for cut in sorted({min(c, len(stream)) for c in cuts}):
        got += splitter.feed(stream[start:cut])
        start = cut
    got += splitter.feed(stream[start:])
    assert got == codes
