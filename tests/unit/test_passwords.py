"""Password hashing, password policy and lockout policy."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from counter.domain.passwords import (
    LockoutPolicy,
    PasswordPolicyViolation,
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from counter.errors import CounterError

SALT = bytes(range(16))


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_password("窗口Clerk#2025")


def test_format(stored: str) -> None:
    parts = stored.split("$")
    assert parts[:4] == ["scrypt", "16384", "8", "1"]
    assert len(base64.b64decode(parts[4])) == 16
    assert len(base64.b64decode(parts[5])) == 32
    assert len(stored) <= 200  # staff.password_hash column


def test_verify(stored: str) -> None:
    assert verify_password("窗口Clerk#2025", stored)
    assert not verify_password("窗口Clerk#2026", stored)
    assert not verify_password("", stored)


def test_salt_is_random_and_deterministic_when_given() -> None:
    assert hash_password("same password") != hash_password("same password")
    assert hash_password("same password", salt=SALT) == hash_password("same password", salt=SALT)


def test_full_width_input_matches_half_width() -> None:
    stored = hash_password("Abc12345", salt=SALT)
    assert verify_password("Ａｂｃ１２３４５", stored)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "plain",
        "scrypt$16384$8$1$abc",
        "bcrypt$16384$8$1$AAAA$AAAA",
        "scrypt$x$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,
        "scrypt$16383$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,  # n not a power of 2
        "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,  # n too big
        "scrypt$16384$8$1$not base64!$" + "A" * 44,
        "scrypt$16384$8$1$$" + "A" * 44,  # empty salt
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$QUFB",  # key too short
        "scrypt$-16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,
        "scrypt$１６３８４$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,
    ],
)
def test_malformed_stored_strings_are_false_and_need_rehash(bad: str) -> None:
    assert verify_password("whatever1", bad) is False
    assert needs_rehash(bad)


def test_needs_rehash(stored: str) -> None:
    assert not needs_rehash(stored)
    salt, key = stored.split("$")[4:]
    assert needs_rehash(f"scrypt$1024$8$1${salt}${key}")
    assert needs_rehash(f"scrypt$16384$4$1${salt}${key}")


def test_old_parameters_still_verify() -> None:
    import hashlib

    key = hashlib.scrypt(b"old secret1", salt=SALT, n=2**10, r=8, p=1, dklen=32)
    salt_b64, key_b64 = base64.b64encode(SALT).decode(), base64.b64encode(key).decode()
    old = f"scrypt$1024$8$1${salt_b64}${key_b64}"
    assert verify_password("old secret1", old)
    assert needs_rehash(old)


@pytest.mark.parametrize("password", ["tree-7-lamp", "12345678b", "密码是八个汉字啊"])
def test_policy_accepts(password: str) -> None:
    check_password_policy(password)


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("", "too_short"),
        ("abc123", "too_short"),
        ("1234567", "too_short"),
        ("12345678", "all_digits"),
        ("１２３４５６７８９", "all_digits"),
        ("a" * 129, "too_long"),
        ("password", "common"),
        ("PASSWORD", "common"),
        ("ｐａｓｓｗｏｒｄ", "common"),  # full-width, folded by NFKC
        ("abcd1234", "common"),
        ("P@ssw0rd", "common"),
        ("woaini1314", "common"),
        ("aaaaaaaa", "common"),
        ("abababab", "common"),
    ],
)
def test_policy_refuses(password: str, rule: str) -> None:
    with pytest.raises(PasswordPolicyViolation) as info:
        check_password_policy(password)
    assert info.value.params["rule"] == rule
    assert isinstance(info.value, CounterError)
    assert str(info.value).startswith("密码不符合要求：")


NOW = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def test_lockout_after_five_failures() -> None:
    policy = LockoutPolicy()
    failures: int = 0
    locked_until: dt.datetime | None = None
    for expected in (1, 2, 3, 4):
        failures, locked_until = policy.register_failure(failures, NOW)
        assert (failures, locked_until) == (expected, None)
        assert not policy.is_locked(locked_until, NOW)
    assert policy.remaining_attempts(failures) == 1
    failures, locked_until = policy.register_failure(failures, NOW)
    assert failures == 0
    assert locked_until == NOW + dt.timedelta(minutes=15)
    assert policy.is_locked(locked_until, NOW)
    assert policy.is_locked(locked_until, NOW + dt.timedelta(minutes=14, seconds=59))
    assert not policy.is_locked(locked_until, NOW + dt.timedelta(minutes=15))
    assert policy.register_success() == (0, None)


def test_lockout_parameters() -> None:
    policy = LockoutPolicy(max_failures=3, lock_minutes=30)
    assert policy.register_failure(1, NOW) == (2, None)
    assert policy.register_failure(2, NOW) == (0, NOW + dt.timedelta(minutes=30))
    assert policy.register_failure(-4, NOW) == (1, None)
    assert not LockoutPolicy.is_locked(None, NOW)
    with pytest.raises(ValueError):
        LockoutPolicy(max_failures=0)


def test_is_locked_treats_naive_as_utc() -> None:
    naive_until = (NOW + dt.timedelta(minutes=15)).replace(tzinfo=None)
    assert LockoutPolicy.is_locked(naive_until, NOW)
    assert not LockoutPolicy.is_locked(naive_until, NOW + dt.timedelta(minutes=15))
    shanghai = dt.timezone(dt.timedelta(hours=8))
    assert LockoutPolicy.is_locked(NOW + dt.timedelta(minutes=1), NOW.astimezone(shanghai))
