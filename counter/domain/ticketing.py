"""Ticket numbers (号票号码) and call announcements (叫号).

Pure functions, no I/O. A ticket number is the queue's prefix, one or more ASCII capital letters,
followed by the day's sequence number padded with zeros to at least ``width`` digits: ``A001``,
``A999``, ``A1000``. Numbers restart each day per queue; the database hands out the sequence.
"""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar, NamedTuple

from counter.errors import CounterError, InvalidInput

__all__ = [
    "MAX_PREFIX_LENGTH",
    "InvalidTicketNumber",
    "TicketNumber",
    "call_announcement",
    "call_announcement_spoken",
    "format_ticket_number",
    "parse_ticket_number",
]

MAX_PREFIX_LENGTH = 3
_PREFIX = re.compile(rf"[A-Z]{{1,{MAX_PREFIX_LENGTH}}}")
_NUMBER = re.compile(rf"([A-Z]{{1,{MAX_PREFIX_LENGTH}}})([0-9]+)")


class InvalidTicketNumber(CounterError):
    """A ticket number, prefix or sequence is not acceptable. ``params``: ``value``."""

    code: ClassVar[str] = "invalid_ticket_number"
    zh: ClassVar[str] = "号码“{value}”无效（应为1至3个大写字母加序号，如A001）"
    en: ClassVar[str] = (
        "Invalid ticket number {value!r} (1 to 3 capital letters and a number, e.g. A001)"
    )


class TicketNumber(NamedTuple):
    """A parsed ticket number; unpacks as ``(prefix, seq)``."""

    prefix: str
    seq: int


def _normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def format_ticket_number(prefix: str, seq: int, width: int = 3) -> str:
    """``("A", 1)`` → ``"A001"``; ``("A", 1000)`` → ``"A1000"`` (never truncated).

    ``prefix`` is 1 to :data:`MAX_PREFIX_LENGTH` ASCII letters (lower case is upper-cased),
    ``seq`` ≥ 1 and ``width`` ≥ 1; anything else raises :class:`InvalidTicketNumber`.
    """
    p = _normalise(prefix)
    if not _PREFIX.fullmatch(p) or isinstance(seq, bool) or seq < 1 or width < 1:
        raise InvalidTicketNumber(value=f"{prefix}{seq}")
    return f"{p}{seq:0{width}d}"


def parse_ticket_number(text: str) -> TicketNumber:
    """``"A005"`` → ``TicketNumber("A", 5)``.

    Whitespace is ignored, full-width characters and lower case are accepted (``"ａ 5"`` → A, 5);
    the sequence must be ≥ 1. Raises :class:`InvalidTicketNumber` otherwise.
    """
    match = _NUMBER.fullmatch(_normalise(text))
    if match is None or int(match.group(2)) < 1:
        raise InvalidTicketNumber(value=text)
    return TicketNumber(match.group(1), int(match.group(2)))


def _canonical(number: str) -> str:
    """The ticket number as typed, normalised but with its zero padding kept."""
    text = _normalise(number)
    parse_ticket_number(text)
    return text


def _window(window_no: int | str) -> str:
    text = str(window_no).strip()
    if not text or (isinstance(window_no, int) and (isinstance(window_no, bool) or window_no < 1)):
        raise InvalidInput(field=f"窗口号“{window_no}”")
    return text


def call_announcement(number: str, window_no: int | str) -> str:
    """The call shown and spoken: ``("A005", 2)`` → ``"请A005号到2号窗口办理"``.

    ``number`` is checked with :func:`parse_ticket_number` and kept as written (normalised, so
    ``"a005"`` → ``A005``); ``window_no`` is a positive int or a non-empty window label.
    """
    return f"请{_canonical(number)}号到{_window(window_no)}号窗口办理"


def call_announcement_spoken(number: str, window_no: int | str) -> str:
    """The same call prepared for a text-to-speech engine: the ticket number's letters and
    digits are separated by spaces so each is read out one by one ("A 零 零 五", not "A五"),
    while the window number is read as a number: ``("A005", 12)`` →
    ``"请 A 0 0 5 号到 12 号窗口办理"``."""
    spaced = " ".join(_canonical(number))
    return f"请 {spaced} 号到 {_window(window_no)} 号窗口办理"
