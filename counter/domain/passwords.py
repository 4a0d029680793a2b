"""Staff passwords: memory-hard hashing, the password policy and the lockout policy.

Pure apart from reading random bytes for salts. Hashes are self-describing strings::

    scrypt$<n>$<r>$<p>$<salt, base64>$<key, base64>

with standard base64 (with ``=`` padding). New hashes use ``n=2**14, r=8, p=1``, a 16-byte random
salt and a 32-byte key (:func:`hashlib.scrypt`); :func:`needs_rehash` says when a stored hash
uses other parameters, so the service can re-hash it after the next successful sign-in.

Passwords are normalised to NFKC before hashing and before the policy check, so a password typed
with a Chinese input method in full-width mode (ＡＢＣ１２３) matches the same password typed in
half-width mode.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from counter.errors import CounterError

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "SCRYPT_KEY_BYTES",
    "SCRYPT_N",
    "SCRYPT_P",
    "SCRYPT_R",
    "SCRYPT_SALT_BYTES",
    "LockoutPolicy",
    "PasswordPolicyViolation",
    "check_password_policy",
    "hash_password",
    "needs_rehash",
    "verify_password",
]

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_SALT_BYTES = 16
SCRYPT_KEY_BYTES = 32

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128

# Bounds accepted when reading a stored hash, so a corrupted or hostile row cannot make
# verification use gigabytes of memory or minutes of CPU.
_MAX_N = 2**20
_MAX_R = 32
_MAX_P = 16
_MAX_MEMORY = 256 * 1024 * 1024


# Passwords that are among the first any guesser tries (the most common ones in published
# leak lists, in English and in Chinese pinyin habits), compared case-insensitively after NFKC.
# Digit-only ones are refused by the digits rule already.
COMMON_PASSWORDS = frozenset(
    [
        "password",
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "p@ssword",
        "qwertyui",
        "qwerty12",
        "qwerty123",
        "qwertyuiop",
        "1qaz2wsx",
        "1q2w3e4r",
        "1q2w3e4r5t",
        "qazwsxedc",
        "zaq12wsx",
        "asdfghjk",
        "asdf1234",
        "zxcvbnm1",
        "zxcvbnm123",
        "abc12345",
        "abcd1234",
        "abc123456",
        "a1234567",
        "a12345678",
        "a123456789",
        "aa123456",
        "aa12345678",
        "admin123",
        "admin1234",
        "administrator",
        "iloveyou",
        "iloveyou1",
        "letmein1",
        "welcome1",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "superman",
        "trustno1",
        "monkey123",
        "dragon123",
        "11111111a",
        "woaini1314",
        "woaini520",
        "5201314a",
        "wangyang123",
        "changeme",
        "changeme1",
        "default1",
        "test1234",
        "testtest",
        "guest123",
        "root1234",
        "counter1",
        "counter123",
    ]
)


class PasswordPolicyViolation(CounterError):
    """A new password breaks the policy. ``params``: ``rule`` (``too_short``, ``too_long``,
    ``all_digits``, ``common``), ``reason`` (Chinese), ``reason_en``, ``min_length``, ``max_length``."""

    code: ClassVar[str] = "password_policy"
    zh: ClassVar[str] = "密码不符合要求：{reason}"
    en: ClassVar[str] = "The password does not meet the policy: {reason_en}"


def _normalise(password: str) -> bytes:
    return unicodedata.normalize("NFKC", password).encode("utf-8")


def check_password_policy(password: str) -> None:
    """Raise :class:`PasswordPolicyViolation` unless ``password`` (after NFKC) has at least
    8 and at most 128 characters (code points), is not a common password
    (:data:`COMMON_PASSWORDS`) nor made of one or two characters only, and is not made only
    of digits."""
    text = unicodedata.normalize("NFKC", password)
    if len(text) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyViolation(
            rule="too_short",
            reason=f"长度至少{MIN_PASSWORD_LENGTH}位",
            reason_en=f"it must have at least {MIN_PASSWORD_LENGTH} characters",
            min_length=MIN_PASSWORD_LENGTH,
            max_length=MAX_PASSWORD_LENGTH,
        )
    if len(text) > MAX_PASSWORD_LENGTH:
        raise PasswordPolicyViolation(
            rule="too_long",
            reason=f"长度不能超过{MAX_PASSWORD_LENGTH}位",
            reason_en=f"it must have at most {MAX_PASSWORD_LENGTH} characters",
            min_length=MIN_PASSWORD_LENGTH,
            max_length=MAX_PASSWORD_LENGTH,
        )
    folded = text.casefold()
    if folded in COMMON_PASSWORDS or len(set(folded)) <= 2:
        raise PasswordPolicyViolation(
            rule="common",
            reason="过于常见或简单，容易被猜中，请换一个",
            reason_en="it is too common or too simple to be safe; choose another",
            min_length=MIN_PASSWORD_LENGTH,
            max_length=MAX_PASSWORD_LENGTH,
        )
    if text.isdigit():
        raise PasswordPolicyViolation(
            rule="all_digits",
            reason="不能全部是数字，请加入字母或符号",
            reason_en="it must not be digits only; add letters or symbols",
            min_length=MIN_PASSWORD_LENGTH,
            max_length=MAX_PASSWORD_LENGTH,
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _maxmem(n: int, r: int, p: int) -> int:
    # OpenSSL needs 128·r·(n + p + 2) bytes; leave a margin for its own bookkeeping.
    return 128 * r * (n + p + 2) + 1024 * 1024


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        _normalise(password), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_maxmem(n, r, p)
    )


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """Hash ``password`` with scrypt (n=2**14, r=8, p=1, 32-byte key) and a fresh 16-byte random
    salt (``salt`` is for tests only). Does not apply the policy: call
    :func:`check_password_policy` when a password is set."""
    if salt is None:
        salt = os.urandom(SCRYPT_SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_KEY_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


@dataclass(frozen=True)
class _Parsed:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes


def _parse(stored: str) -> _Parsed | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        if not all(x.isascii() and x.isdigit() for x in parts[1:4]):
            return None
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        return None
    if _maxmem(n, r, p) > _MAX_MEMORY or not salt or not 16 <= len(key) <= 64:
        return None
    return _Parsed(n, r, p, salt, key)


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches the ``stored`` hash.

    Compares in constant time. Returns False (never raises) for a malformed or unsupported
    stored string, including parameters beyond sane bounds (n ≤ 2**20, r ≤ 32, p ≤ 16).
    """
    parsed = _parse(stored)
    if parsed is None:
        return False
    try:
        key = _scrypt(password, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.key))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(key, parsed.key)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` is malformed or was made with other parameters than today's
    (n, r, p, salt or key length): re-hash after the next successful sign-in."""
    parsed = _parse(stored)
    if parsed is None:
        return True
    return (parsed.n, parsed.r, parsed.p, len(parsed.salt), len(parsed.key)) != (
        SCRYPT_N,
        SCRYPT_R,
        SCRYPT_P,
        SCRYPT_SALT_BYTES,
        SCRYPT_KEY_BYTES,
    )


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


@dataclass(frozen=True)
class LockoutPolicy:
    """Account lockout after repeated failed sign-ins (pure; the service stores the state).

    Stored state per staff member: ``failed_attempts`` and ``locked_until`` (aware UTC datetime
    or None). The service must:

    1. refuse at once, without checking the password or counting, while :meth:`is_locked`;
    2. on a wrong password, store what :meth:`register_failure` returns;
    3. on success, store :meth:`register_success` (0 failures, no lock).

    The ``max_failures``-th consecutive failure locks the account for ``lock_minutes`` and resets
    the count to 0, so after the lock ends the person has ``max_failures`` tries again.
    """

    max_failures: int = 5
    lock_minutes: int = 15

    def __post_init__(self) -> None:
        if self.max_failures < 1 or self.lock_minutes < 1:
            raise ValueError("max_failures and lock_minutes must be at least 1")

    def register_failure(self, failures: int, now: dt.datetime) -> tuple[int, dt.datetime | None]:
        """Return ``(failures, locked_until)`` after one more failure.

        ``failures`` is the count stored before this attempt (negative counts as 0). Below the
        limit: ``(failures + 1, None)``; at the limit: ``(0, now + lock_minutes)``.
        """
        count = max(failures, 0) + 1
        if count >= self.max_failures:
            return 0, now + dt.timedelta(minutes=self.lock_minutes)
        return count, None

    @staticmethod
    def register_success() -> tuple[int, dt.datetime | None]:
        """The state to store after a successful sign-in: ``(0, None)``."""
        return 0, None

    @staticmethod
    def is_locked(locked_until: dt.datetime | None, now: dt.datetime) -> bool:
        """True while ``now`` is before ``locked_until`` (None means not locked).

        A naive datetime is taken as UTC (the convention of :func:`counter.clock.to_local`), so
        a naive value read back from SQLite compares with an aware ``now``.
        """
        if locked_until is None:
            return False
        return _as_utc(now) < _as_utc(locked_until)

    def remaining_attempts(self, failures: int) -> int:
        """How many wrong passwords are left before the account locks (for the sign-in form)."""
        return max(self.max_failures - max(failures, 0), 0)
