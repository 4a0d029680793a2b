"""Ticket numbers and call announcements."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.ticketing import (
    InvalidTicketNumber,
    TicketNumber,
    call_announcement,
    call_announcement_spoken,
    format_ticket_number,
    parse_ticket_number,
)
from counter.errors import InvalidInput


@pytest.mark.parametrize(
    ("prefix", "seq", "width", "text"),
    [
        ("A", 1, 3, "A001"),
        ("A", 5, 3, "A005"),
        ("A", 999, 3, "A999"),
        ("A", 1000, 3, "A1000"),
        ("b", 7, 3, "B007"),
        ("VIP", 12, 3, "VIP012"),
        ("A", 3, 4, "A0003"),
        ("A", 3, 1, "A3"),
    ],
)
def test_format(prefix: str, seq: int, width: int, text: str) -> None:
    assert format_ticket_number(prefix, seq, width) == text


@pytest.mark.parametrize(
    ("prefix", "seq", "width"),
    [
        ("", 1, 3),
        ("A1", 1, 3),
        ("ABCD", 1, 3),
        ("办", 1, 3),
        ("A", 0, 3),
        ("A", -1, 3),
        ("A", 1, 0),
    ],
)
def test_format_refuses(prefix: str, seq: int, width: int) -> None:
    with pytest.raises(InvalidTicketNumber):
        format_ticket_number(prefix, seq, width)


def test_parse() -> None:
    assert parse_ticket_number("A005") == TicketNumber("A", 5)
    assert parse_ticket_number(" a 1000 ") == ("A", 1000)
    assert parse_ticket_number("ＶＩＰ０１２") == ("VIP", 12)


@pytest.mark.parametrize("text", ["", "A", "005", "A000", "A-5", "ABCD1", "A5B", "A٥"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(InvalidTicketNumber) as info:
        parse_ticket_number(text)
    assert "A001" in str(info.value)


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    st.integers(1, 10**6),
    st.integers(1, 6),
)
def test_round_trip(prefix: str, seq: int, width: int) -> None:
    text = format_ticket_number(prefix, seq, width)
    assert parse_ticket_number(text) == (prefix, seq)
    assert len(text) == len(prefix) + max(width, len(str(seq)))


def test_announcements() -> None:
    assert call_announcement("A005", 2) == "请A005号到2号窗口办理"
    assert call_announcement("a005", "2") == "请A005号到2号窗口办理"
    assert call_announcement_spoken("A005", 2) == "请 A 0 0 5 号到 2 号窗口办理"
    assert call_announcement_spoken("VIP012", 12) == "请 V I P 0 1 2 号到 12 号窗口办理"


def test_announcement_refuses_bad_numbers() -> None:
    with pytest.raises(InvalidTicketNumber):
        call_announcement("A", 2)
    with pytest.raises(InvalidTicketNumber):
        call_announcement_spoken("5", 2)


@pytest.mark.parametrize("window", [0, -1, "", "  ", True])
def test_announcement_refuses_bad_windows(window: int | str) -> None:
    with pytest.raises(InvalidInput):
        call_announcement("A005", window)
