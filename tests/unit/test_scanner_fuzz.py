"""10,000 fuzzed serial streams into the barcode scanner's line splitter: random bytes, random
chunking, every terminator, with and without a prefix, lines longer than the limit. It never
raises, never returns a code holding its terminator or an empty code, never keeps more than
``max_length`` bytes, and a well-formed code after garbage still comes through whole."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.devices.scanner import LineSplitter, Terminator, decode_code

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
GARBAGE = st.binary(max_size=300)
TERMINATORS = st.sampled_from(list(Terminator))


def _feed(splitter: LineSplitter, stream: bytes, cuts: list[int]) -> list[str]:
    got: list[str] = []
    start = 0
    for cut in sorted({min(c, len(stream)) for c in cuts}):
        got += splitter.feed(stream[start:cut])
        start = cut
    return got + splitter.feed(stream[start:])


@settings(FAST, max_examples=6000)
@given(
    stream=GARBAGE,
    terminator=TERMINATORS,
    prefix=st.sampled_from(["", "]Q", "#"]),
    cuts=st.lists(st.integers(0, 300), max_size=8),
)
def test_random_bytes_never_break_the_splitter(
    stream: bytes, terminator: Terminator, prefix: str, cuts: list[int]
) -> None:
    splitter = LineSplitter(terminator, prefix, max_length=64)
    for code in _feed(splitter, stream, cuts):
        assert code
        assert len(code.encode("utf-8", "surrogatepass")) <= 64 * 4
        assert "\n" not in code or terminator is Terminator.CR
        assert "\r" not in code or terminator is not Terminator.CR
    assert len(splitter._buf) <= 64


@settings(FAST, max_examples=4000)
@given(
    garbage=GARBAGE,
    code=st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40
    ),
    terminator=TERMINATORS,
    cuts=st.lists(st.integers(0, 400), max_size=8),
)
def test_a_good_code_after_garbage_comes_through(
    garbage: bytes, code: str, terminator: Terminator, cuts: list[int]
) -> None:
    end = terminator.as_bytes
    stream = garbage + end + code.encode() + end
    splitter = LineSplitter(terminator, max_length=64)
    got = _feed(splitter, stream, cuts)
    assert got and got[-1] == code


@settings(FAST, max_examples=500)
@given(raw=st.binary(max_size=200), encoding=st.sampled_from(["utf-8", "gb18030", "nope"]))
def test_decoding_never_raises(raw: bytes, encoding: str) -> None:
    assert isinstance(decode_code(raw, encoding), str)
