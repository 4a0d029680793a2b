"""Masking of names, ID numbers and phone numbers; the keyed ID hash."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.masking import (
    MIN_ID_HASH_KEY_BYTES,
    id_hash,
    mask_id_number,
    mask_name,
    mask_phone,
    user_characters,
)
from counter.errors import ConfigError

KEY = b"k" * 32


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("李小龙", "李**"),
        ("欧阳娜娜", "欧***"),
        (" 王五 ", "王*"),
        ("王", "*"),
        ("", ""),
        ("阿卜杜拉·买买提", "阿*******"),
        # supplementary-plane characters (CJK Extension B) count as one each
        ("𠀀𠀁", "𠀀*"),
        ("张𠀀𠀁", "张**"),
        # an ideographic variation sequence (base + VS17) is one character
        ("葛\U000e0100亮", "葛\U000e0100*"),
        ("李葛\U000e0100", "李*"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_user_characters_counts_code_points_not_utf16_units() -> None:
    name = "𪚥𪚥"
    assert len(name.encode("utf-16-le")) // 2 == 4
    assert user_characters(name) == ["𪚥", "𪚥"]
    assert user_characters("e\u0301x") == ["e\u0301", "x"]


@given(st.text(alphabet=st.characters(categories=["Lo"]), min_size=2, max_size=12))
def test_mask_name_keeps_only_the_first_character(name: str) -> None:
    masked = mask_name(name)
    chars = user_characters(name)
    assert masked == chars[0] + "*" * (len(chars) - 1)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("11010519491231002x", "110105********002X"),
        ("440524188001010014", "440524********0014"),
        ("110105491231002", "110105*****1002"),
        ("E12345678", "E*******8"),
        ("AB", "**"),
        ("", ""),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("+86 138 1234 5678", "+86 138****5678"),
        ("008613812345678", "+86 138****5678"),
        ("8613812345678", "86 138****5678"),
        ("0591-87654321", "********4321"),
        ("87654321", "****4321"),
        ("12345", "***45"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_mask_phone_never_shows_the_middle(phone: str) -> None:
    masked = mask_phone(phone)
    assert masked[3:7] == "****"
    assert masked[:3] == phone[:3] and masked[7:] == phone[7:]


def test_id_hash_is_hmac_sha256_of_normalised_number() -> None:
    expected = hmac.new(KEY, b"11010519491231002X", hashlib.sha256).hexdigest()
    assert id_hash("11010519491231002X", KEY) == expected
    assert id_hash("11010519491231002x", KEY) == expected
    assert id_hash(" 110105 19491231002x ", KEY) == expected
    assert len(expected) == 64
    assert "11010519491231002X" not in expected


def test_id_hash_depends_on_key() -> None:
    assert id_hash("11010519491231002X", KEY) != id_hash("11010519491231002X", b"q" * 32)


def test_id_hash_refuses_short_keys() -> None:
    with pytest.raises(ConfigError):
        id_hash("11010519491231002X", b"")
    with pytest.raises(ConfigError):
        id_hash("11010519491231002X", b"x" * (MIN_ID_HASH_KEY_BYTES - 1))


def test_numbers_in_a_log_line_are_masked() -> None:
    from counter.domain.masking import mask_numbers_in

    line = "bug with 11010519491231002X and 13812345678; case QS20260310-0002, id 42, hash ab12"
    out = mask_numbers_in(line)
    assert "11010519491231002X" not in out and "110105********002X" in out
    assert "13812345678" not in out
    assert "QS20260310-0002" in out and "id 42" in out
    assert mask_numbers_in("sha 0123456789abcdef01234567") == "sha 0123456789abcdef01234567"
