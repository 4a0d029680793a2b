"""Masking personal data for public screens, tickets and logs (脱敏).

Pure functions, no I/O. Rules (one each, applied everywhere):

- a name keeps its first character and masks every other one with ``*``, one per character
  ("张三" → "张*", "欧阳娜娜" → "欧***"); a one-character name is masked whole ("*"), so it is
  never shown in full. A character is a code point plus any combining marks and variation
  selectors after it, so a rare character (生僻字) outside the basic plane, or one written with an
  ideographic variation sequence, counts as one;
- an ID number keeps its first 6 and last 4 characters ("110105********002X"); numbers shorter
  than 15 characters (passports, permits) keep only their first and last character;
- a phone number keeps the first 3 and last 4 digits of an 11-digit mobile number
  ("138****5678"); other numbers keep only their last 4 digits (last 2 when shorter than 8
  digits), never more than half;
- :func:`id_hash` replaces a stored ID number by a keyed HMAC-SHA256, so a ticket row can find a
  returning applicant without holding the number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from counter.domain.checkchars import normalize_code
from counter.errors import ConfigError

__all__ = [
    "MASK",
    "MIN_ID_HASH_KEY_BYTES",
    "id_hash",
    "mask_id_number",
    "mask_name",
    "mask_numbers_in",
    "mask_phone",
    "user_characters",
]

MASK = "*"
_ASCII_DIGITS = frozenset("0123456789")
MIN_ID_HASH_KEY_BYTES = 16


def _is_attached(cp: str) -> bool:
    """True for code points that belong to the character before them."""
    o = ord(cp)
    if 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF:  # variation selectors
        return True
    if o == 0x200D:  # zero-width joiner
        return True
    return unicodedata.category(cp) in ("Mn", "Me", "Mc")


def user_characters(text: str) -> list[str]:
    """Split ``text`` into user-perceived characters: a base code point plus the combining marks,
    variation selectors and joiners that follow it. Iterates code points, never UTF-16 units.
    """
    chars: list[str] = []
    for cp in text:
        if chars and _is_attached(cp):
            chars[-1] += cp
        else:
            chars.append(cp)
    return chars


def mask_name(name: str) -> str:
    """Mask a person's or an agent's name: keep the first character, one ``*`` per other one.

    Surrounding whitespace is dropped; an empty name gives ``""``; a one-character name gives
    ``"*"``. Middle dots of minority and foreign names are masked like any other character.
    """
    chars = user_characters(name.strip())
    if not chars:
        return ""
    if len(chars) == 1:
        return MASK
    return chars[0] + MASK * (len(chars) - 1)


def mask_id_number(id_number: str) -> str:
    """Mask an ID number: first 6 and last 4 characters kept, each other one replaced by ``*``.

    The input is normalised first (NFKC, no whitespace, upper-case, so ``x`` → ``X``); it is not
    validated. 15 characters or more: ``110105********002X``; 3 to 14 characters: first and last
    kept (``E*******8``); shorter: all masked.
    """
    s = normalize_code(id_number)
    n = len(s)
    if n >= 15:
        return s[:6] + MASK * (n - 10) + s[-4:]
    if n >= 3:
        return s[0] + MASK * (n - 2) + s[-1]
    return MASK * n


def mask_phone(phone: str) -> str:
    """Mask a phone number.

    Separators (spaces, hyphens, brackets) are dropped and only digits kept, except a leading
    ``+``. A mainland mobile number, with or without ``+86``/``86``/``0086``, keeps its first 3
    and last 4 digits (``138****5678``, ``+86 138****5678``); any other number keeps only its
    last 4 digits when it has at least 8, else only its last 2.
    """
    text = unicodedata.normalize("NFKC", phone).strip()
    digits = "".join(c for c in text if c in _ASCII_DIGITS)
    prefix = ""
    for country in ("0086", "86"):
        rest = digits.removeprefix(country)
        if len(rest) == 11 and rest != digits and rest.startswith("1"):
            prefix = "86 " if country == "86" and not text.startswith("+") else "+86 "
            digits = rest
            break
    n = len(digits)
    if n == 11 and digits.startswith("1"):
        return prefix + digits[:3] + MASK * 4 + digits[-4:]
    keep = 4 if n >= 8 else 2 if n >= 4 else 0
    return MASK * (n - keep) + digits[n - keep :]


_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def mask_numbers_in(text: str) -> str:
    """``text`` with every ID number (18 characters) and mobile number in it masked as
    :func:`mask_id_number` and :func:`mask_phone` do: the last safeguard of a log file, where a
    traceback may quote a value that the code never meant to write."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)


def id_hash(id_number: str, key: bytes) -> str:
    """Keyed hash of an ID number: lower-case hex HMAC-SHA256 (64 characters) of its normalised
    form (see :func:`counter.domain.checkchars.normalize_code`: upper-case ``X``, no spaces, ASCII
    digits) encoded as UTF-8.

    The same number always gives the same hash under the same key, whatever its case or spacing.
    The number is not validated (permits of other card types are hashed too). ``key`` is the
    hall's secret from configuration; it must be at least :data:`MIN_ID_HASH_KEY_BYTES` bytes,
    else :class:`counter.errors.ConfigError` is raised (with a short or empty key the ~10^10
    possible numbers could be tried in minutes).
    """
    if len(key) < MIN_ID_HASH_KEY_BYTES:
        raise ConfigError(
            what=f"身份证号哈希密钥（id_hash key）至少需要{MIN_ID_HASH_KEY_BYTES}字节"
        )
    return hmac.new(key, normalize_code(id_number).encode("utf-8"), hashlib.sha256).hexdigest()
