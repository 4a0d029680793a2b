"""Check characters of citizen ID numbers (居民身份证号码) and unified social credit codes
(统一社会信用代码).

Pure functions, no I/O.

Citizen ID number, GB 11643-1999: 6-digit region code, 8-digit birth date ``YYYYMMDD``, 3-digit
sequence (the last of them odd for men, even for women) and one check character computed with the
weights ``7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2``: ``r = Σ digit·weight mod 11`` and the check
character is ``"10X98765432"[r]``.

Unified social credit code, GB 32100-2015: 18 characters over the alphabet
``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O, S, V, Z); the 18th is the check character,
``(31 − Σ value·3^(i−1) mod 31) mod 31`` for i = 1..17. Some real codes fail the check, so
:func:`check_uscc` tells a malformed code (block it) from a wrong check character (warn only).

Normalisation, used by every function that accepts user input here: NFKC (full-width digits and
letters become ASCII, as typed with a Chinese IME in full-width mode), all whitespace removed,
letters upper-cased.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from counter.errors import CounterError

__all__ = [
    "CITIZEN_ID_CHECK_CHARS",
    "CITIZEN_ID_WEIGHTS",
    "USCC_ALPHABET",
    "USCC_WEIGHTS",
    "CitizenIdInfo",
    "IdNumberPart",
    "InvalidIdNumber",
    "InvalidUscc",
    "Sex",
    "UsccCheck",
    "UsccStatus",
    "citizen_id_check_char",
    "citizen_id_info",
    "check_uscc",
    "is_valid_citizen_id",
    "is_valid_uscc",
    "normalize_code",
    "uscc_check_char",
    "validate_citizen_id",
    "validate_uscc",
]

CITIZEN_ID_WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CITIZEN_ID_CHECK_CHARS = "10X98765432"
_DIGITS = frozenset("0123456789")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS: tuple[int, ...] = tuple(pow(3, i, 31) for i in range(17))
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}


def normalize_code(s: str) -> str:
    """Return ``s`` in NFKC form, without any whitespace, upper-cased.

    Never raises; does not check anything.
    """
    text = unicodedata.normalize("NFKC", s)
    return "".join(text.split()).upper()


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class IdNumberPart(enum.StrEnum):
    """Which part of a citizen ID number is wrong (``InvalidIdNumber.params["part"]``)."""

    LENGTH = "length"
    CHARACTERS = "characters"
    BIRTH_DATE = "birth_date"
    CHECK_CHAR = "check_char"


class InvalidIdNumber(CounterError):
    """A citizen ID number (居民身份证号码) is wrong.

    ``params``: ``part`` (an :class:`IdNumberPart` value), ``reason`` (Chinese),
    ``reason_en`` (English) and, for a wrong check character, ``expected`` and ``actual``.
    """

    code: ClassVar[str] = "invalid_id_number"
    zh: ClassVar[str] = "身份证号码有误：{reason}"
    en: ClassVar[str] = "Invalid citizen ID number: {reason_en}"


class InvalidUscc(CounterError):
    """A unified social credit code is malformed (length or characters); see :func:`check_uscc`.

    ``params``: ``reason`` (Chinese), ``reason_en`` (English).
    """

    code: ClassVar[str] = "invalid_uscc"
    zh: ClassVar[str] = "统一社会信用代码有误：{reason}"
    en: ClassVar[str] = "Invalid unified social credit code: {reason_en}"


def _id_error(part: IdNumberPart, reason: str, reason_en: str, **extra: str) -> InvalidIdNumber:
    return InvalidIdNumber(part=part.value, reason=reason, reason_en=reason_en, **extra)


# --------------------------------------------------------------------------------------------
# Citizen ID number
# --------------------------------------------------------------------------------------------


class Sex(enum.StrEnum):
    """Sex as coded by GB/T 2261.1 (the ID card uses '1' male, '2' female)."""

    MALE = "1"
    FEMALE = "2"

    @property
    def zh(self) -> str:
        return "男" if self is Sex.MALE else "女"

    @property
    def en(self) -> str:
        return "male" if self is Sex.MALE else "female"


class CitizenIdInfo(NamedTuple):
    """What a citizen ID number says about its holder; unpacks as ``(birth_date, sex)``."""

    birth_date: dt.date
    sex: Sex


def _is_ascii_digits(s: str) -> bool:
    return all(c in _DIGITS for c in s)


def citizen_id_check_char(first17: str) -> str:
    """Return the check character ('0'–'9' or 'X') for the first 17 digits of an ID number.

    ``first17`` is normalised first (see :func:`normalize_code`). Raises :class:`InvalidIdNumber`
    (part ``length`` or ``characters``) unless it is exactly 17 ASCII digits. The birth date is
    not checked here.
    """
    body = normalize_code(first17)
    if len(body) != 17:
        raise _id_error(
            IdNumberPart.LENGTH,
            f"前17位应为17位数字，实际{len(body)}位",
            f"the first part must be 17 digits, got {len(body)}",
        )
    if not _is_ascii_digits(body):
        raise _id_error(
            IdNumberPart.CHARACTERS,
            "前17位只能是数字",
            "the first 17 characters must be digits",
        )
    total = sum(int(c) * w for c, w in zip(body, CITIZEN_ID_WEIGHTS, strict=True))
    return CITIZEN_ID_CHECK_CHARS[total % 11]


def _birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_citizen_id(s: str, *, today: dt.date | None = None) -> str:
    """Return the normalised 18-character ID number (upper-case 'X') or raise.

    Checks, in this order, each failure raising :class:`InvalidIdNumber` with ``part``:
    ``length`` (18 characters after normalisation; the old 15-digit numbers are refused),
    ``characters`` (17 ASCII digits then a digit or X; a lower-case x is accepted),
    ``birth_date`` (digits 7–14 are a real date, and not after ``today`` when given),
    ``check_char`` (the 18th character; the message names the expected one).
    """
    number = normalize_code(s)
    if len(number) != 18:
        raise _id_error(
            IdNumberPart.LENGTH,
            f"应为18位，实际{len(number)}位",
            f"it must have 18 characters, got {len(number)}",
        )
    if not _is_ascii_digits(number[:17]) or not (number[17] in _DIGITS or number[17] == "X"):
        raise _id_error(
            IdNumberPart.CHARACTERS,
            "前17位应为数字，最后一位应为数字或X",
            "the first 17 characters must be digits and the last a digit or X",
        )
    birth = _birth_date(number)
    if birth is None:
        raise _id_error(
            IdNumberPart.BIRTH_DATE,
            f"出生日期“{number[6:14]}”不是有效日期",
            f"the birth date {number[6:14]} is not a real date",
        )
    if today is not None and birth > today:
        raise _id_error(
            IdNumberPart.BIRTH_DATE,
            f"出生日期“{number[6:14]}”晚于今天",
            f"the birth date {number[6:14]} is in the future",
        )
    expected = citizen_id_check_char(number[:17])
    if number[17] != expected:
        raise _id_error(
            IdNumberPart.CHECK_CHAR,
            f"校验码（最后一位）应为“{expected}”，实际为“{number[17]}”，请核对号码",
            f"the check character (last) should be {expected}, not {number[17]}",
            expected=expected,
            actual=number[17],
        )
    return number


def is_valid_citizen_id(s: str, *, today: dt.date | None = None) -> bool:
    """True exactly when :func:`validate_citizen_id` would accept ``s``."""
    try:
        validate_citizen_id(s, today=today)
    except InvalidIdNumber:
        return False
    return True


def citizen_id_info(s: str) -> CitizenIdInfo:
    """Birth date and sex of a valid ID number (digit 17 odd = male, even = female).

    Raises :class:`InvalidIdNumber` like :func:`validate_citizen_id`.
    """
    number = validate_citizen_id(s)
    birth = _birth_date(number)
    assert birth is not None  # validated above
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return CitizenIdInfo(birth, sex)


# --------------------------------------------------------------------------------------------
# Unified social credit code
# --------------------------------------------------------------------------------------------


class UsccStatus(enum.StrEnum):
    """Outcome of :func:`check_uscc`."""

    VALID = "valid"
    BAD_CHECK_CHAR = "bad_check_char"  # warn, do not block: some real codes fail the check
    MALFORMED = "malformed"  # block


@dataclass(frozen=True)
class UsccCheck:
    """Result of :func:`check_uscc`.

    ``code`` is the normalised input (whatever its shape); ``expected_check_char`` is set when the
    first 17 characters are well formed; ``message_zh``/``message_en`` are empty when valid.
    """

    status: UsccStatus
    code: str
    expected_check_char: str | None = None
    message_zh: str = ""
    message_en: str = ""

    @property
    def blocked(self) -> bool:
        """True when the code must be refused (malformed)."""
        return self.status is UsccStatus.MALFORMED

    @property
    def warning(self) -> bool:
        """True when the code may be kept but the clerk should be warned."""
        return self.status is UsccStatus.BAD_CHECK_CHAR

    @property
    def valid(self) -> bool:
        return self.status is UsccStatus.VALID


def _uscc_check_from_normalised(body: str) -> str:
    total = sum(_USCC_VALUE[c] * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def _uscc_bad_chars(s: str) -> list[str]:
    return sorted({c for c in s if c not in _USCC_VALUE})


def _uscc_shape_problem(code: str, length: int) -> tuple[str, str] | None:
    """(Chinese, English) reason why ``code`` is not ``length`` alphabet characters, or None."""
    if len(code) != length:
        return (
            f"应为{length}位，实际{len(code)}位",
            f"it must have {length} characters, got {len(code)}",
        )
    bad = "".join(_uscc_bad_chars(code))
    if bad:
        return (
            f"含有不允许的字符“{bad}”（只用数字和除I、O、S、V、Z外的大写字母）",
            f"characters not allowed: {bad} (digits and capitals except I, O, S, V, Z)",
        )
    return None


def uscc_check_char(first17: str) -> str:
    """Return the check character for the first 17 characters of a unified social credit code.

    ``first17`` is normalised first. Raises :class:`InvalidUscc` unless it is 17 characters of
    :data:`USCC_ALPHABET`.
    """
    body = normalize_code(first17)
    problem = _uscc_shape_problem(body, 17)
    if problem is not None:
        raise InvalidUscc(reason=f"前17位{problem[0]}", reason_en=f"first 17: {problem[1]}")
    return _uscc_check_from_normalised(body)


def check_uscc(s: str) -> UsccCheck:
    """Classify a unified social credit code; never raises.

    - ``MALFORMED`` (block): not 18 characters after normalisation, or a character outside
      :data:`USCC_ALPHABET` (the letters I, O, S, V, Z never occur);
    - ``BAD_CHECK_CHAR`` (warn only): well formed but the 18th character is not the computed one;
    - ``VALID``.
    """
    code = normalize_code(s)
    problem = _uscc_shape_problem(code, 18)
    if problem is not None:
        return UsccCheck(
            UsccStatus.MALFORMED,
            code,
            message_zh=f"统一社会信用代码有误：{problem[0]}",
            message_en=f"Invalid unified social credit code: {problem[1]}",
        )
    expected = _uscc_check_from_normalised(code[:17])
    if code[17] != expected:
        return UsccCheck(
            UsccStatus.BAD_CHECK_CHAR,
            code,
            expected_check_char=expected,
            message_zh=f"统一社会信用代码校验位应为“{expected}”，实际为“{code[17]}”，"
            "请与营业执照核对（个别真实代码不符合校验规则，核对无误可继续办理）",
            message_en=f"The check character should be {expected}, not {code[17]}; compare with "
            "the licence (a few real codes fail the check: if it matches, go on)",
        )
    return UsccCheck(UsccStatus.VALID, code, expected_check_char=expected)


def is_valid_uscc(s: str) -> bool:
    """True when ``s`` is well formed and its check character is right (strict)."""
    return check_uscc(s).valid


def validate_uscc(s: str) -> UsccCheck:
    """Return :func:`check_uscc` of ``s``, raising :class:`InvalidUscc` if it is malformed.

    A wrong check character does not raise: the caller shows ``result.message_zh`` as a warning.
    """
    code = normalize_code(s)
    problem = _uscc_shape_problem(code, 18)
    if problem is not None:
        raise InvalidUscc(reason=problem[0], reason_en=problem[1])
    return check_uscc(code)
