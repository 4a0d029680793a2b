"""The ID card's content (身份证信息) as read through the SAM: parse and build.

The read reply to ``30 01`` (text + photo) is 1295 bytes::

    [0..4]     AA AA AA 96 69          preamble
    [5..6]     05 08                   Len = 1288
    [7..9]     SW1 SW2 SW3             00 00 90
    [10..11]   01 00                   text length, 256 (big-endian)
    [12..13]   04 00                   photo length, 1024
    [14..269]  text                    256 bytes, UCS-2 little-endian, space padded
    [270..1293] photo                  1024 bytes of vendor-compressed WLT (kept, never decoded)
    [1294]     CHK

The text layout depends on the card type, marked by byte 248 of the text ('J', 'I', 'Y'; a
resident ID card leaves it blank). (offset/length in bytes)

================  ===========================  ===========================
resident / J      I (foreigner, 2017)           Y (foreigner, 2023)
================  ===========================  ===========================
name 0/30         English name 0/120            name 0/30
sex 30/2          sex 120/2                     sex 30/2
nation 32/4 [*]_  number 122/30                 renewal count 32/4
birth 36/16       nationality 152/6             birth 36/16
address 52/70     Chinese name 158/30           English name 52/70
number 122/36     valid from 188/16             number 122/36
authority 158/30  valid to 204/16               (reserved) 158/30
valid from 188/16 birth 220/16                  valid from 188/16
valid to 204/16   card version 236/4            valid to 204/16
reserved 220/36   authority code 240/8          English name cont. 220/22
  (J: pass number 220/18, issue count 238/4)     nationality 242/6
type 248/2        type 248/2                    type 248/2
================  ===========================  ===========================

.. [*] reserved on a J card.

Text is decoded as UTF-16-LE, not plain UCS-2, so rare characters (生僻字) outside the basic
plane, stored as surrogate pairs, survive. A field that cannot be decoded or understood raises
:class:`~counter.devices.errors.IdCardDataError`; it is never silently replaced, because the
name and number become part of legal records.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any, Final

from counter.devices.errors import IdCardDataError, UnexpectedReply
from counter.devices.sam import Reply, Status, decode_reply, encode_reply
from counter.domain.checkchars import is_valid_citizen_id

TEXT_LEN: Final = 256
PHOTO_LEN: Final = 1024
FINGERPRINT_LEN: Final = 1024
READ_REPLY_LEN: Final = 1295
#: "长期" (long-term): the valid-to value of cards that do not expire.
LONG_TERM: Final = "长期"

# GB 3304-1991 民族代码 (the short names printed on the card).
NATIONS: Final[dict[str, str]] = {
    "01": "汉",
    "02": "蒙古",
    "03": "回",
    "04": "藏",
    "05": "维吾尔",
    "06": "苗",
    "07": "彝",
    "08": "壮",
    "09": "布依",
    "10": "朝鲜",
    "11": "满",
    "12": "侗",
    "13": "瑶",
    "14": "白",
    "15": "土家",
    "16": "哈尼",
    "17": "哈萨克",
    "18": "傣",
    "19": "黎",
    "20": "傈僳",
    "21": "佤",
    "22": "畲",
    "23": "高山",
    "24": "拉祜",
    "25": "水",
    "26": "东乡",
    "27": "纳西",
    "28": "景颇",
    "29": "柯尔克孜",
    "30": "土",
    "31": "达斡尔",
    "32": "仫佬",
    "33": "羌",
    "34": "布朗",
    "35": "撒拉",
    "36": "毛南",
    "37": "仡佬",
    "38": "锡伯",
    "39": "阿昌",
    "40": "普米",
    "41": "塔吉克",
    "42": "怒",
    "43": "乌孜别克",
    "44": "俄罗斯",
    "45": "鄂温克",
    "46": "德昂",
    "47": "保安",
    "48": "裕固",
    "49": "京",
    "50": "塔塔尔",
    "51": "独龙",
    "52": "鄂伦春",
    "53": "赫哲",
    "54": "门巴",
    "55": "珞巴",
    "56": "基诺",
    "97": "其他",
    "98": "外国血统中国籍人士",
}
NATION_CODES: Final[dict[str, str]] = {name: code for code, name in NATIONS.items()}

# GB/T 2261.1-2003 性别代码.
SEXES: Final[dict[str, str]] = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}
SEX_CODES: Final[dict[str, str]] = {name: code for code, name in SEXES.items()}


class CardType(enum.StrEnum):
    """Card type; the value is the short code (the letter at byte 248, "ID" for resident)."""

    RESIDENT = "ID"
    HMT_RESIDENCE = "J"
    FOREIGNER = "I"
    FOREIGNER_2023 = "Y"

    @property
    def zh(self) -> str:
        return _CARD_TYPE_ZH[self]


_CARD_TYPE_ZH: Final = {
    CardType.RESIDENT: "居民身份证",
    CardType.HMT_RESIDENCE: "港澳台居民居住证",
    CardType.FOREIGNER: "外国人永久居留身份证",
    CardType.FOREIGNER_2023: "外国人永久居留身份证(2023)",
}


@dataclass(frozen=True)
class IdCard:
    """What an ID card (or a J / I / Y card read the same way) says about its holder.

    Common fields (every card type): ``name`` (the Chinese name; for an I card without one, the
    English name), ``sex`` ("男"/"女"/"未知"/"未说明") and ``sex_code``, ``birth_date``,
    ``id_number`` and ``id_number_valid`` (the GB 11643 check character and birth date are
    right; always False for the 15-character numbers of I cards, which use another scheme),
    ``valid_from``, ``valid_to`` (a date or :data:`LONG_TERM`), ``card_type``.

    Resident and J cards: ``address``, ``authority``; resident only: ``nation`` (GB 3304 name,
    "" when the code is unknown) and ``nation_code``. J: ``pass_number`` (通行证号码) and
    ``issue_count`` (签发次数). I and Y: ``english_name``, ``nationality`` (ISO 3166 alpha-3);
    I: ``card_version``, and ``authority`` holds the 受理机关代码; Y: ``issue_count`` holds the
    换证次数. Absent fields are "".

    ``photo`` holds the raw WLT bytes exactly as read; they are never decoded here.
    """

    name: str
    sex: str
    sex_code: str
    nation: str
    nation_code: str
    birth_date: dt.date
    address: str
    id_number: str
    id_number_valid: bool
    authority: str
    valid_from: dt.date
    valid_to: dt.date | str
    card_type: str = CardType.RESIDENT.zh
    card_type_code: CardType = CardType.RESIDENT
    english_name: str = ""
    nationality: str = ""
    pass_number: str = ""
    issue_count: str = ""
    card_version: str = ""
    photo: bytes = field(default=b"", repr=False)

    @property
    def long_term(self) -> bool:
        return self.valid_to == LONG_TERM

    def to_json(self) -> dict[str, Any]:
        """The card as JSON-ready data: exactly the keys name, sex, nation, birth_date, address,
        id_number, id_number_valid, authority, valid_from, valid_to, card_type; dates as
        YYYY-MM-DD, valid_to may be "长期". No photo."""
        return {
            "name": self.name,
            "sex": self.sex,
            "nation": self.nation,
            "birth_date": self.birth_date.isoformat(),
            "address": self.address,
            "id_number": self.id_number,
            "id_number_valid": self.id_number_valid,
            "authority": self.authority,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": (
                self.valid_to.isoformat() if isinstance(self.valid_to, dt.date) else self.valid_to
            ),
            "card_type": self.card_type,
        }


def make_card(
    *,
    name: str,
    sex: str = "男",
    nation: str = "汉",
    birth_date: dt.date,
    address: str = "",
    id_number: str,
    authority: str = "",
    valid_from: dt.date,
    valid_to: dt.date | str,
    card_type: CardType = CardType.RESIDENT,
    photo: bytes = b"",
    **extra: str,
) -> IdCard:
    """Build an :class:`IdCard` from names (sex "男", nation "汉"), deriving the codes and the
    check-character flag the way :func:`parse_text` would. For tests, demos and the emulator."""
    nation_code = NATION_CODES.get(nation, "") if card_type is CardType.RESIDENT else ""
    return IdCard(
        name=name,
        sex=sex,
        sex_code=SEX_CODES[sex],
        nation=nation if card_type is CardType.RESIDENT else "",
        nation_code=nation_code,
        birth_date=birth_date,
        address=address,
        id_number=id_number,
        id_number_valid=is_valid_citizen_id(id_number),
        authority=authority,
        valid_from=valid_from,
        valid_to=valid_to,
        card_type=card_type.zh,
        card_type_code=card_type,
        photo=photo,
        **extra,
    )


# --------------------------------------------------------------------------------------------
# Text block: parse
# --------------------------------------------------------------------------------------------


def _field(text: bytes, offset: int, length: int, name: str) -> str:
    """Decode one field: UTF-16-LE, padding (spaces, NULs) stripped at the end."""
    raw = text[offset : offset + length]
    try:
        value = raw.decode("utf-16-le")
    except UnicodeDecodeError as exc:
        # A lone surrogate or an odd byte: damaged text, never replaced silently.
        raise IdCardDataError(field=name, value=raw.hex()) from exc
    return value.rstrip(" \x00")


def _date(value: str, name: str) -> dt.date:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise IdCardDataError(field=name, value=value)
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as exc:
        raise IdCardDataError(field=name, value=value) from exc


def _valid_to(value: str) -> dt.date | str:
    return LONG_TERM if value == LONG_TERM else _date(value, "valid_to")


def _sex(code: str) -> str:
    if code not in SEXES:
        raise IdCardDataError(field="sex", value=code)
    return SEXES[code]


def card_type_of(text: bytes) -> CardType:
    """The card type marked at byte 248 (a UCS-2 'J', 'I' or 'Y'); resident otherwise."""
    if len(text) >= 250 and text[249] == 0:
        mark = chr(text[248])
        if mark in ("J", "I", "Y"):
            return CardType(mark)
    return CardType.RESIDENT


def parse_text(text: bytes, photo: bytes = b"") -> IdCard:
    """Parse a 256-byte text block (see the module docstring) into an :class:`IdCard`.

    Raises :class:`IdCardDataError` when the block is not 256 bytes or a field is unreadable
    (undecodable text, an impossible date, an unknown sex code). An unknown nation code is
    kept in ``nation_code`` with ``nation`` = "" rather than refused.
    """
    if len(text) != TEXT_LEN:
        raise IdCardDataError(field="text_length", value=str(len(text)))
    kind = card_type_of(text)

    def f(offset: int, length: int, name: str) -> str:
        return _field(text, offset, length, name)

    if kind is CardType.FOREIGNER:
        english = f(0, 120, "english_name")
        chinese = f(158, 30, "name")
        sex_code = f(120, 2, "sex")
        number = f(122, 30, "id_number")
        return IdCard(
            name=chinese or english,
            sex=_sex(sex_code),
            sex_code=sex_code,
            nation="",
            nation_code="",
            birth_date=_date(f(220, 16, "birth_date"), "birth_date"),
            address="",
            id_number=number,
            id_number_valid=is_valid_citizen_id(number),
            authority=f(240, 8, "authority"),
            valid_from=_date(f(188, 16, "valid_from"), "valid_from"),
            valid_to=_valid_to(f(204, 16, "valid_to")),
            card_type=kind.zh,
            card_type_code=kind,
            english_name=english,
            nationality=f(152, 6, "nationality"),
            card_version=f(236, 4, "card_version"),
            photo=photo,
        )

    sex_code = f(30, 2, "sex")
    number = f(122, 36, "id_number")
    common: dict[str, Any] = {
        "name": f(0, 30, "name"),
        "sex": _sex(sex_code),
        "sex_code": sex_code,
        "birth_date": _date(f(36, 16, "birth_date"), "birth_date"),
        "id_number": number,
        "id_number_valid": is_valid_citizen_id(number),
        "valid_from": _date(f(188, 16, "valid_from"), "valid_from"),
        "valid_to": _valid_to(f(204, 16, "valid_to")),
        "card_type": kind.zh,
        "card_type_code": kind,
        "photo": photo,
    }
    if kind is CardType.FOREIGNER_2023:
        english = f(52, 70, "english_name") + f(220, 22, "english_name")
        return IdCard(
            nation="",
            nation_code="",
            address="",
            authority="",
            english_name=english.rstrip(" \x00"),
            nationality=f(242, 6, "nationality"),
            issue_count=f(32, 4, "issue_count"),
            **common,
        )
    if kind is CardType.HMT_RESIDENCE:
        return IdCard(
            nation="",
            nation_code="",
            address=f(52, 70, "address"),
            authority=f(158, 30, "authority"),
            pass_number=f(220, 18, "pass_number"),
            issue_count=f(238, 4, "issue_count"),
            **common,
        )
    nation_code = f(32, 4, "nation")
    return IdCard(
        nation=NATIONS.get(nation_code, ""),
        nation_code=nation_code,
        address=f(52, 70, "address"),
        authority=f(158, 30, "authority"),
        **common,
    )


# --------------------------------------------------------------------------------------------
# Text block: build (emulator, tests, demos)
# --------------------------------------------------------------------------------------------


def _put(block: bytearray, offset: int, length: int, value: str, name: str) -> None:
    raw = value.encode("utf-16-le")
    if len(raw) > length:
        raise IdCardDataError("太长 / too long", field=name, value=value)
    block[offset : offset + length] = raw + " ".encode("utf-16-le") * ((length - len(raw)) // 2)


def _ymd(value: dt.date | str) -> str:
    return value.strftime("%Y%m%d") if isinstance(value, dt.date) else value


def encode_text(card: IdCard) -> bytes:
    """The 256-byte text block for ``card`` (inverse of :func:`parse_text`).

    Raises :class:`IdCardDataError` when a value does not fit its field.
    """
    block = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    kind = card.card_type_code
    if kind is CardType.FOREIGNER:
        _put(block, 0, 120, card.english_name or card.name, "english_name")
        _put(block, 120, 2, card.sex_code, "sex")
        _put(block, 122, 30, card.id_number, "id_number")
        _put(block, 152, 6, card.nationality, "nationality")
        _put(block, 158, 30, card.name if card.english_name else "", "name")
        _put(block, 188, 16, _ymd(card.valid_from), "valid_from")
        _put(block, 204, 16, _ymd(card.valid_to), "valid_to")
        _put(block, 220, 16, _ymd(card.birth_date), "birth_date")
        _put(block, 236, 4, card.card_version, "card_version")
        _put(block, 240, 8, card.authority, "authority")
    else:
        _put(block, 0, 30, card.name, "name")
        _put(block, 30, 2, card.sex_code, "sex")
        _put(block, 36, 16, _ymd(card.birth_date), "birth_date")
        _put(block, 122, 36, card.id_number, "id_number")
        _put(block, 188, 16, _ymd(card.valid_from), "valid_from")
        _put(block, 204, 16, _ymd(card.valid_to), "valid_to")
        if kind is CardType.FOREIGNER_2023:
            english = card.english_name
            _put(block, 32, 4, card.issue_count, "issue_count")
            _put(block, 52, 70, english[:35], "english_name")
            _put(block, 220, 22, english[35:], "english_name")
            _put(block, 242, 6, card.nationality, "nationality")
        else:
            _put(block, 52, 70, card.address, "address")
            _put(block, 158, 30, card.authority, "authority")
            if kind is CardType.HMT_RESIDENCE:
                _put(block, 220, 18, card.pass_number, "pass_number")
                _put(block, 238, 4, card.issue_count, "issue_count")
            else:
                _put(block, 32, 4, card.nation_code, "nation")
    if kind is not CardType.RESIDENT:
        _put(block, 248, 2, kind.value, "card_type")
    return bytes(block)


def read_reply_data(card: IdCard) -> bytes:
    """The data part of the ``30 01`` reply: lengths, text, photo (padded to 1024 bytes)."""
    photo = card.photo[:PHOTO_LEN].ljust(PHOTO_LEN, b"\x00")
    return TEXT_LEN.to_bytes(2, "big") + PHOTO_LEN.to_bytes(2, "big") + encode_text(card) + photo


def encode_read_reply(card: IdCard) -> bytes:
    """The whole 1295-byte ``30 01`` reply for ``card`` (status 90)."""
    return encode_reply(Status.SUCCESS, read_reply_data(card))


# --------------------------------------------------------------------------------------------
# Read reply: parse
# --------------------------------------------------------------------------------------------


def parse_read_data(data: bytes) -> IdCard:
    """Parse the data part of a ``30 01`` reply (after SW1 SW2 SW3).

    The two big-endian lengths must leave room for the text and photo they announce; the
    text must be 256 bytes. Raises :class:`UnexpectedReply` or :class:`IdCardDataError`.
    """
    if len(data) < 4:
        raise UnexpectedReply(what=f"读卡应答过短（{len(data)} 字节）")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_LEN:
        raise UnexpectedReply(what=f"文字信息长度 {text_len}")
    if 4 + text_len + photo_len > len(data):
        raise UnexpectedReply(what=f"照片长度 {photo_len} 超出应答")
    text = data[4 : 4 + text_len]
    photo = data[4 + text_len : 4 + text_len + photo_len]
    return parse_text(text, photo)


def parse_read_reply(reply: Reply | bytes) -> IdCard:
    """Parse a read reply (a decoded :class:`Reply` or the raw 1295 bytes).

    Raises a :class:`FrameError` for damaged bytes, the :class:`SamStatusError` of a failure
    status, or :class:`IdCardDataError` / :class:`UnexpectedReply` for content that makes no
    sense. Nothing else.
    """
    if not isinstance(reply, Reply):
        reply = decode_reply(reply)
    reply.raise_for_status()
    if reply.sw3 != Status.SUCCESS:
        raise UnexpectedReply(what=f"状态 {reply.sw3:02X}")
    return parse_read_data(reply.data)
