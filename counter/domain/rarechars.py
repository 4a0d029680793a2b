"""Rare characters in names (生僻字): entry by Unicode code point.

Many family and given names use characters outside what an input method offers (CJK Extension
B and later, e.g. U+20000 𠀀). A clerk types the code point instead — ``U+20000``, ``20000`` or
``&#x20000;`` — and the client puts in the character. Only letters are accepted (a name holds
no symbols), and only assigned code points.
"""

from __future__ import annotations

import re
import unicodedata

# Rare characters met in names, at least one from each CJK extension the client must show
# (Extension A to F; B and later need fonts-hanazono, see installers/setup.sh): the font test
# renders every one of them.
SAMPLE_CHARS: tuple[str, ...] = (
    "\u4dae",  # 䶮 Ext A (刘䶮)
    "\U00020000",  # 𠀀 Ext B, the first
    "\U00020bb7",  # 𠮷 Ext B
    "\U0002a6a5",  # 𪚥 Ext B
    "\U0002a6d6",  # 𪛖 Ext B, the last
    "\U0002a700",  # 𪜀 Ext C
    "\U0002b740",  # 𫝀 Ext D
    "\U0002b820",  # 𫠠 Ext E
    "\U0002ceb0",  # 𬺰 Ext F
)

_TOKEN = re.compile(r"^(?:u\+|0x|&#x)?([0-9a-f]{4,6});?$", re.IGNORECASE)
_TAIL = re.compile(r"(?:[uU]\+)?([0-9a-fA-F]{4,6})$")


class BadCodePoint(ValueError):
    """``text`` is not a code point of a letter. ``zh``/``en``: what to tell the clerk."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.zh = f"“{token}”不是可用于姓名的字符编码（如 U+20000）"
        self.en = f"{token!r} is not the code point of a character usable in a name (e.g. U+20000)"
        super().__init__(self.en)


def char_from_code_point(token: str) -> str:
    """The one character ``token`` (``U+20000``, ``20000``, ``0x20000``, ``&#x20000;``) names."""
    m = _TOKEN.match(token.strip())
    if m is None:
        raise BadCodePoint(token)
    value = int(m.group(1), 16)
    if value > 0x10FFFF:
        raise BadCodePoint(token)
    ch = chr(value)
    if unicodedata.category(ch)[0] not in "LM":
        raise BadCodePoint(token)
    return ch


def chars_from_code_points(text: str) -> str:
    """Several code points separated by spaces or commas, as one string of characters."""
    tokens = [t for t in re.split(r"[\s,，;；]+", text.strip()) if t]
    if not tokens:
        raise BadCodePoint(text)
    return "".join(char_from_code_point(t) for t in tokens)


def convert_before_cursor(text: str, cursor: int) -> tuple[str, int] | None:
    """Alt+X in a name field: the hex code point just before ``cursor`` (``U+20000`` or
    ``20000``) replaced by its character; the new text and cursor, or None when there is none."""
    head, tail = text[:cursor], text[cursor:]
    m = _TAIL.search(head)
    if m is None:
        return None
    try:
        ch = char_from_code_point(m.group(1))
    except BadCodePoint:
        return None
    head = head[: m.start()] + ch
    return head + tail, len(head)


def code_point_of(ch: str) -> str:
    """``U+20000`` for 𠀀 (shown next to a picked character)."""
    return f"U+{ord(ch):04X}"
