"""What a typed text may hold, checked at the door (输入校验).

A person's name, a staff number or a code is shown on screens, printed, echoed to terminals and
written to logs: it must not carry characters that change how the rest is shown. Refused:

- control characters (C0, C1, DEL; NUL, ESC of a terminal escape sequence, a newline in a
  one-line field), which PostgreSQL (NUL) or a terminal (ESC) would act on;
- bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C),
  which make a text read differently from what is stored;
- in a person's name, emoji and other pictographs (a name is printed on vouchers).

Rare characters (生僻字, e.g. 𠀀 U+20000, 䶮 U+4DAE) are letters and always accepted.
"""

from __future__ import annotations

import re
import unicodedata

from counter.errors import Bi, InvalidInput

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def bad_character(text: str, *, multiline: bool = False, name: bool = False) -> str | None:
    """The first character of ``text`` that such a field may not hold, or None.

    ``multiline``: newlines and tabs are allowed (notes, reasons). ``name``: a person's name,
    where symbols and emoji (Unicode categories ``So``, ``Sk``, ``Cs``, ``Co``, ``Cn`` and the
    emoji joiners) are refused too."""
    for ch in text:
        if multiline and ch in "\n\t\r":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs") or ch in BIDI_CONTROLS:
            return ch
        if name and (cat in ("So", "Sk", "Co", "Cn") or ch in "\u200d\ufe0f\ufe0e\u20e3"):
            return ch
    return None


def describe(ch: str) -> str:
    """``U+001B`` and the like: how a refused character is named in a message (never the
    character itself, which is what must not reach a terminal)."""
    return f"U+{ord(ch):04X}"


def check_text(
    value: str,
    field: Bi,
    *,
    max_len: int,
    required: bool = True,
    multiline: bool = False,
    name: bool = False,
) -> str:
    """``value`` stripped, or :class:`InvalidInput` naming ``field`` and the rule broken:
    empty when ``required``, longer than ``max_len`` characters, or holding a character
    :func:`bad_character` refuses."""
    text = value.strip()
    if required and not text:
        raise InvalidInput(field=Bi(f"{field.zh}不能为空", f"{field.en} is required"))
    if len(text) > max_len:
        raise InvalidInput(
            field=Bi(
                f"{field.zh}最多{max_len}个字，实际{len(text)}个",
                f"{field.en}: at most {max_len} characters, got {len(text)}",
            )
        )
    bad = bad_character(text, multiline=multiline, name=name)
    if bad is not None:
        what = "符号或表情" if name and unicodedata.category(bad)[0] != "C" else "控制字符"
        what_en = (
            "a symbol or emoji" if name and unicodedata.category(bad)[0] != "C" else "a control"
        )
        raise InvalidInput(
            field=Bi(
                f"{field.zh}含有不允许的{what}（{describe(bad)}）",
                f"{field.en} holds {what_en} character ({describe(bad)})",
            )
        )
    return text


def check_code(value: str, field: Bi, *, max_len: int) -> str:
    """A code (staff number, item code): ASCII letters, digits, ``.``, ``_`` and ``-``,
    starting with a letter or digit, at most ``max_len`` characters."""
    text = value.strip()
    if not text or len(text) > max_len or not _CODE.fullmatch(text):
        raise InvalidInput(
            field=Bi(
                f"{field.zh}应为1至{max_len}位字母、数字、“.”、“_”或“-”",
                f"{field.en} must be 1 to {max_len} letters, digits, '.', '_' or '-'",
            )
        )
    return text


def shown(text: str, limit: int = 40) -> str:
    """``text`` made safe to echo in a message: every character :func:`bad_character` refuses
    becomes U+FFFD, and a long text is cut to ``limit`` characters with an ellipsis."""
    safe = "".join("\ufffd" if bad_character(ch) else ch for ch in text)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"
