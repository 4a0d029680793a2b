"""The ID card's text block and the 1295-byte read reply (GA/T 467)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from counter.devices import errors as E
from counter.devices.emulator import sample_card
from counter.devices.idcard import (
    LONG_TERM,
    NATIONS,
    CardType,
    IdCard,
    card_type_of,
    encode_read_reply,
    encode_text,
    make_card,
    parse_read_data,
    parse_read_reply,
    parse_text,
)
from counter.devices.sam import decode_reply, encode_reply

PHOTO = bytes((i * 7) % 256 for i in range(1024))


def ucs2(value: str, length: int) -> bytes:
    raw = value.encode("utf-16-le")
    assert len(raw) <= length
    return raw + " ".encode("utf-16-le") * ((length - len(raw)) // 2)


def resident_text(
    *,
    name: str = "张三",
    sex: str = "2",
    nation: str = "01",
    birth: str = "19491231",
    address: str = "北京市西城区复兴门外大街999号院11号楼3单元502室",
    number: str = "11010519491231002X",
    authority: str = "北京市公安局西城分局",
    valid_from: str = "20100101",
    valid_to: str = "长期",
    mark: str = " ",
) -> bytes:
    """The text block built by hand from the documented offsets (not by encode_text)."""
    text = (
        ucs2(name, 30)  # 0
        + ucs2(sex, 2)  # 30
        + ucs2(nation, 4)  # 32
        + ucs2(birth, 16)  # 36
        + ucs2(address, 70)  # 52
        + ucs2(number, 36)  # 122
        + ucs2(authority, 30)  # 158
        + ucs2(valid_from, 16)  # 188
        + ucs2(valid_to, 16)  # 204
        + ucs2("", 28)  # 220: reserved up to the type mark
        + ucs2(mark, 2)  # 248
        + ucs2("", 6)  # 250
    )
    assert len(text) == 256
    return text


def test_read_reply_layout_of_1295_bytes() -> None:
    card = dataclasses.replace(sample_card(), photo=PHOTO)
    frame = encode_read_reply(card)
    assert len(frame) == 1295
    assert frame[:5] == bytes.fromhex("AAAAAA9669")
    assert frame[5:7] == bytes.fromhex("0508")  # 1288 bytes after Len
    assert frame[7:10] == bytes.fromhex("000090")
    assert frame[10:12] == bytes.fromhex("0100")
    assert frame[12:14] == bytes.fromhex("0400")
    assert frame[14:270] == resident_text()
    assert frame[270:1294] == PHOTO
    xor = 0
    for b in frame[5:1294]:
        xor ^= b
    assert frame[1294] == xor
    assert parse_read_reply(frame) == card
    assert parse_read_reply(decode_reply(frame)) == card


def test_resident_card_fields_and_json() -> None:
    card = parse_text(resident_text(), PHOTO)
    assert card.name == "张三"
    assert (card.sex, card.sex_code) == ("女", "2")
    assert (card.nation, card.nation_code) == ("汉", "01")
    assert card.birth_date == dt.date(1949, 12, 31)
    assert card.address == "北京市西城区复兴门外大街999号院11号楼3单元502室"
    assert card.id_number == "11010519491231002X" and card.id_number_valid
    assert card.authority == "北京市公安局西城分局"
    assert card.valid_from == dt.date(2010, 1, 1)
    assert card.valid_to == LONG_TERM and card.long_term
    assert card.card_type == "居民身份证" and card.card_type_code is CardType.RESIDENT
    assert card.photo == PHOTO  # raw WLT bytes, untouched
    data = card.to_json()
    assert list(data) == [
        "name",
        "sex",
        "nation",
        "birth_date",
        "address",
        "id_number",
        "id_number_valid",
        "authority",
        "valid_from",
        "valid_to",
        "card_type",
    ]
    assert data["birth_date"] == "1949-12-31" and data["valid_to"] == "长期"
    assert data["valid_from"] == "2010-01-01" and data["id_number_valid"] is True


def test_dated_validity_and_male() -> None:
    card = parse_text(
        resident_text(
            name="李四",
            sex="1",
            nation="03",
            birth="18800101",
            number="440524188001010014",
            valid_from="20150101",
            valid_to="20350101",
        )
    )
    assert (card.sex, card.nation) == ("男", "回")
    assert card.valid_to == dt.date(2035, 1, 1) and not card.long_term
    assert card.to_json()["valid_to"] == "2035-01-01"
    assert card.id_number_valid


def test_wrong_check_character_is_flagged_not_refused() -> None:
    card = parse_text(resident_text(number="110105194912310021"))
    assert card.id_number == "110105194912310021" and not card.id_number_valid


@pytest.mark.parametrize(
    ("code", "sex"), [("0", "未知"), ("1", "男"), ("2", "女"), ("9", "未说明")]
)
def test_sex_codes(code: str, sex: str) -> None:
    card = parse_text(resident_text(sex=code))
    assert (card.sex, card.sex_code) == (sex, code)


def test_nation_table_is_complete() -> None:
    assert len(NATIONS) == 58
    assert [NATIONS[f"{i:02d}"] for i in (1, 2, 5, 56)] == ["汉", "蒙古", "维吾尔", "基诺"]
    assert NATIONS["97"] == "其他" and NATIONS["98"] == "外国血统中国籍人士"
    for code, name in NATIONS.items():
        card = parse_text(resident_text(nation=code))
        assert (card.nation, card.nation_code) == (name, code)


def test_unknown_nation_code_is_kept() -> None:
    card = parse_text(resident_text(nation="77"))
    assert (card.nation, card.nation_code) == ("", "77")


@pytest.mark.parametrize(
    "name",
    [
        "王䶮",  # U+4DAE, CJK extension A (basic plane)
        "李𠀾",  # U+2003E, extension B: a surrogate pair in UTF-16
        "𠀾𠀾𠀾𠀾𠀾𠀾𠀾",  # seven supplementary characters: 28 of the 30 bytes
        "欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜",  # 15 characters: the field exactly full
    ],
)
def test_rare_characters_survive(name: str) -> None:
    text = resident_text(name=name)
    card = parse_text(text)
    assert card.name == name
    assert encode_text(card) == text


def test_supplementary_character_is_stored_as_surrogate_pair() -> None:
    text = resident_text(name="李𠀾")
    assert text[2:6] == bytes.fromhex("40D83EDC")  # D840 DC3E, little-endian


def test_lone_surrogate_is_a_typed_error() -> None:
    text = bytearray(resident_text())
    text[0:2] = bytes.fromhex("40D8")  # a high surrogate followed by '三'
    with pytest.raises(E.IdCardDataError) as info:
        parse_text(bytes(text))
    assert info.value.params["field"] == "name"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"birth": "19491332"}, "birth_date"),
        ({"birth": "1949123"}, "birth_date"),
        ({"valid_from": "2010010X"}, "valid_from"),
        ({"valid_to": "永久"}, "valid_to"),
        ({"sex": "5"}, "sex"),
    ],
)
def test_unreadable_fields_are_typed_errors(kwargs: dict[str, str], field: str) -> None:
    with pytest.raises(E.IdCardDataError) as info:
        parse_text(resident_text(**kwargs))
    assert info.value.params["field"] == field
    assert "身份证信息格式错误" in str(info.value)


def test_text_block_must_be_256_bytes() -> None:
    with pytest.raises(E.IdCardDataError):
        parse_text(resident_text()[:200])


def hmt_text() -> bytes:
    text = bytearray(
        resident_text(
            name="陈大文",
            sex="1",
            nation="",
            birth="19800101",
            address="广东省深圳市福田区福华路1号",
            number="810000198001010014",
            authority="深圳市公安局",
            valid_from="20200101",
            valid_to="20250101",
            mark="J",
        )
    )
    text[220:238] = ucs2("H12345678", 18)
    text[238:242] = ucs2("01", 4)
    return bytes(text)


def test_hong_kong_macao_taiwan_residence_permit() -> None:
    text = hmt_text()
    assert card_type_of(text) is CardType.HMT_RESIDENCE
    card = parse_text(text)
    assert card.card_type == "港澳台居民居住证" and card.card_type_code is CardType.HMT_RESIDENCE
    assert card.name == "陈大文" and card.sex == "男"
    assert card.nation == "" and card.address == "广东省深圳市福田区福华路1号"
    assert card.id_number == "810000198001010014" and card.id_number_valid
    assert (card.pass_number, card.issue_count) == ("H12345678", "01")
    assert card.valid_to == dt.date(2025, 1, 1)
    assert encode_text(card) == text
    assert card.to_json()["card_type"] == "港澳台居民居住证"


def foreigner_2017_text() -> bytes:
    text = (
        ucs2("SMITH, JOHN", 120)  # English name
        + ucs2("1", 2)  # sex
        + ucs2("USA110080101001", 30)  # 15-character permanent residence number
        + ucs2("USA", 6)  # nationality
        + ucs2("史密斯", 30)  # Chinese name
        + ucs2("20170101", 16)
        + ucs2("20270101", 16)
        + ucs2("19800101", 16)  # birth
        + ucs2("01", 4)  # card version
        + ucs2("1100", 8)  # authority code
        + ucs2("I", 2)
        + ucs2("", 6)
    )
    assert len(text) == 256
    return text


def test_foreigner_permanent_residence_card_2017() -> None:
    text = foreigner_2017_text()
    card = parse_text(text)
    assert card.card_type == "外国人永久居留身份证" and card.card_type_code is CardType.FOREIGNER
    assert card.name == "史密斯" and card.english_name == "SMITH, JOHN"
    assert card.sex == "男" and card.nationality == "USA"
    assert card.id_number == "USA110080101001" and not card.id_number_valid  # not GB 11643
    assert card.birth_date == dt.date(1980, 1, 1)
    assert card.authority == "1100" and card.card_version == "01"
    assert card.valid_from == dt.date(2017, 1, 1) and card.valid_to == dt.date(2027, 1, 1)
    assert encode_text(card) == text


def test_foreigner_permanent_residence_card_2023() -> None:
    english = "MONTGOMERY-WILLIAMSON, ALEXANDRA ELIZABETH"  # 42 characters: spills over 35
    card = make_card(
        name="蒙哥马利",
        sex="女",
        birth_date=dt.date(1990, 6, 1),
        id_number="931586199006010021",
        valid_from=dt.date(2023, 12, 1),
        valid_to=dt.date(2033, 12, 1),
        card_type=CardType.FOREIGNER_2023,
        english_name=english,
        nationality="GBR",
        issue_count="00",
    )
    text = encode_text(card)
    assert text[248:250] == "Y".encode("utf-16-le")
    assert text[52:122] == ucs2(english[:35], 70) and text[220:242] == ucs2(english[35:], 22)
    assert text[242:248] == ucs2("GBR", 6)
    back = parse_text(text)
    assert back == card
    assert back.card_type == "外国人永久居留身份证(2023)"
    assert back.card_type_code is CardType.FOREIGNER_2023 and back.english_name == english
    assert back.id_number_valid  # the 2023 numbers follow GB 11643


def test_make_card_matches_parse() -> None:
    card = sample_card()
    assert parse_text(encode_text(card), card.photo) == card


def test_value_too_long_for_its_field() -> None:
    card = dataclasses.replace(sample_card(), name="一二三四五六七八九十一二三四五六")
    with pytest.raises(E.IdCardDataError):
        encode_text(card)


def test_read_reply_failure_status_and_bad_lengths() -> None:
    with pytest.raises(E.SamReadFailed):
        parse_read_reply(encode_reply(0x41))
    with pytest.raises(E.UnexpectedReply):
        parse_read_reply(encode_reply(0x9F))  # success, but not a read reply
    with pytest.raises(E.UnexpectedReply):
        parse_read_data(b"\x01")
    with pytest.raises(E.UnexpectedReply):
        parse_read_data(b"\x00\x80\x04\x00" + resident_text())  # text length 128
    with pytest.raises(E.UnexpectedReply):
        parse_read_data(b"\x01\x00\x04\x00" + resident_text() + b"\x00" * 100)  # photo cut
    with pytest.raises(E.FrameChecksumError):
        frame = encode_read_reply(sample_card())
        parse_read_reply(frame[:-1] + bytes([frame[-1] ^ 1]))


def test_idcard_is_frozen_and_photo_not_in_repr() -> None:
    card = sample_card()
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.name = "x"  # type: ignore[misc]
    assert "photo" not in repr(card)
    assert isinstance(card, IdCard)
