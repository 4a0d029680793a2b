"""Check characters: citizen ID numbers (GB 11643-1999) and USCC (GB 32100-2015)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.checkchars import (
    USCC_ALPHABET,
    USCC_WEIGHTS,
    IdNumberPart,
    InvalidIdNumber,
    InvalidUscc,
    Sex,
    UsccStatus,
    check_uscc,
    citizen_id_check_char,
    citizen_id_info,
    is_valid_citizen_id,
    is_valid_uscc,
    uscc_check_char,
    validate_citizen_id,
    validate_uscc,
)
from counter.errors import CounterError

VALID_IDS = ["11010519491231002X", "440524188001010014"]
VALID_USCC = [
    "91350100M000100Y43",
    "914403001922038216",
    "91440300708461136T",
    "91512081MA62K0260E",
]


# ---- citizen ID ------------------------------------------------------------------------------


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_examples(number: str) -> None:
    assert citizen_id_check_char(number[:17]) == number[17]
    assert is_valid_citizen_id(number)
    assert validate_citizen_id(number) == number


def test_lower_case_x_full_width_and_spaces_are_normalised() -> None:
    assert validate_citizen_id("11010519491231002x") == "11010519491231002X"
    assert validate_citizen_id(" 110105 19491231 002X\n") == "11010519491231002X"
    assert validate_citizen_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"


def test_info() -> None:
    assert citizen_id_info("11010519491231002X") == (dt.date(1949, 12, 31), Sex.FEMALE)
    birth, sex = citizen_id_info("440524188001010014")
    assert birth == dt.date(1880, 1, 1)
    assert sex is Sex.MALE
    assert sex.zh == "男"


def _error(number: str, **kw: dt.date) -> InvalidIdNumber:
    with pytest.raises(InvalidIdNumber) as info:
        validate_citizen_id(number, **kw)
    assert not is_valid_citizen_id(number, **kw)
    return info.value


@pytest.mark.parametrize(
    "number", ["", "1101051949123100", "11010519491231002X1", "110105491231002"]
)
def test_wrong_length(number: str) -> None:
    err = _error(number)
    assert err.params["part"] == IdNumberPart.LENGTH
    assert "18位" in str(err)


@pytest.mark.parametrize(
    "number", ["1101051949123100XX", "11010519491231002Y", "A1010519491231002X"]
)
def test_wrong_characters(number: str) -> None:
    err = _error(number)
    assert err.params["part"] == IdNumberPart.CHARACTERS


def test_non_ascii_digits_are_refused() -> None:
    # Arabic-Indic digits are str.isdigit() but not ID digits (and NFKC keeps them).
    assert not is_valid_citizen_id("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X")


@pytest.mark.parametrize("birth", ["19490230", "19491301", "19490000", "20230229"])
def test_birth_date_not_real(birth: str) -> None:
    first17 = "110105" + birth + "002"
    number = first17 + citizen_id_check_char(first17)
    err = _error(number)
    assert err.params["part"] == IdNumberPart.BIRTH_DATE
    assert birth in str(err)


def test_leap_day_birth_is_fine_and_future_birth_refused_when_today_given() -> None:
    first17 = "11010520240229001"
    number = first17 + citizen_id_check_char(first17)
    assert is_valid_citizen_id(number)
    assert is_valid_citizen_id(number, today=dt.date(2024, 2, 29))
    err = _error(number, today=dt.date(2024, 2, 28))
    assert err.params["part"] == IdNumberPart.BIRTH_DATE


def test_wrong_check_char_names_the_right_one() -> None:
    err = _error("110105194912310021")
    assert err.params["part"] == IdNumberPart.CHECK_CHAR
    assert err.params["expected"] == "X"
    assert "“X”" in str(err)
    assert "should be X" in err.message_en
    assert isinstance(err, CounterError)
    assert err.to_dict()["code"] == "invalid_id_number"


def test_check_char_input_errors() -> None:
    with pytest.raises(InvalidIdNumber):
        citizen_id_check_char("1234")
    with pytest.raises(InvalidIdNumber):
        citizen_id_check_char("1101051949123100X")


first17s = st.text(alphabet="0123456789", min_size=6, max_size=6).flatmap(
    lambda region: st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).flatmap(
        lambda d: st.text(alphabet="0123456789", min_size=3, max_size=3).map(
            lambda seq: region + d.strftime("%Y%m%d") + seq
        )
    )
)


@given(first17s)
def test_number_with_computed_check_char_is_valid(first17: str) -> None:
    number = first17 + citizen_id_check_char(first17)
    assert is_valid_citizen_id(number)
    assert citizen_id_info(number).sex is (Sex.MALE if int(first17[16]) % 2 else Sex.FEMALE)


@given(first17s, st.integers(0, 16), st.integers(1, 9))
def test_changing_one_digit_invalidates(first17: str, pos: int, delta: int) -> None:
    number = first17 + citizen_id_check_char(first17)
    changed_digit = str((int(number[pos]) + delta) % 10)
    changed = number[:pos] + changed_digit + number[pos + 1 :]
    # Every weight is non-zero mod 11, so the check always catches a single changed digit
    # (unless the birth date became impossible first, which is also a refusal).
    assert not is_valid_citizen_id(changed)


@given(first17s, st.sampled_from("0123456789X"))
def test_changing_the_check_char_invalidates(first17: str, other: str) -> None:
    right = citizen_id_check_char(first17)
    assert is_valid_citizen_id(first17 + other) == (other == right)


# ---- unified social credit code --------------------------------------------------------------


def test_weights() -> None:
    assert USCC_WEIGHTS[:6] == (1, 3, 9, 27, 19, 26)
    assert len(USCC_WEIGHTS) == 17
    assert len(USCC_ALPHABET) == 31


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_uscc(code: str) -> None:
    assert uscc_check_char(code[:17]) == code[17]
    assert is_valid_uscc(code)
    result = check_uscc(code)
    assert result.status is UsccStatus.VALID
    assert result.valid and not result.blocked and not result.warning
    assert validate_uscc(code.lower()).code == code


def test_bad_check_char_is_a_warning_not_a_block() -> None:
    result = check_uscc("91350100M000100Y44")
    assert result.status is UsccStatus.BAD_CHECK_CHAR
    assert result.warning and not result.blocked
    assert result.expected_check_char == "3"
    assert "“3”" in result.message_zh
    assert not is_valid_uscc("91350100M000100Y44")
    assert validate_uscc("91350100M000100Y44").warning  # does not raise


@pytest.mark.parametrize(
    "code",
    ["", "91350100M000100Y4", "91350100M000100Y433", "9135O100M000100Y43", "91350100M00010-Y43"],
)
def test_malformed_uscc_is_blocked(code: str) -> None:
    result = check_uscc(code)
    assert result.status is UsccStatus.MALFORMED
    assert result.blocked
    assert result.message_zh
    with pytest.raises(InvalidUscc):
        validate_uscc(code)


@pytest.mark.parametrize("letter", "IOSVZ")
def test_letters_outside_the_alphabet(letter: str) -> None:
    assert check_uscc("91350100M000100Y4" + letter).blocked
    with pytest.raises(InvalidUscc):
        uscc_check_char("9135010" + letter + "M000100Y4")


uscc_bodies = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@given(uscc_bodies)
def test_uscc_with_computed_check_char_is_valid(body: str) -> None:
    assert is_valid_uscc(body + uscc_check_char(body))


@given(uscc_bodies, st.integers(0, 16), st.integers(1, 30))
def test_uscc_changing_one_character_invalidates(body: str, pos: int, delta: int) -> None:
    code = body + uscc_check_char(body)
    new_char = USCC_ALPHABET[(USCC_ALPHABET.index(code[pos]) + delta) % 31]
    changed = code[:pos] + new_char + code[pos + 1 :]
    # 31 is prime and every weight is non-zero mod 31: a single substitution always shows.
    assert check_uscc(changed).status is UsccStatus.BAD_CHECK_CHAR
