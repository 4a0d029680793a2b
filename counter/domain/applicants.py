"""Applicants (申请人) and agents (代办人): what may be typed, read from an ID card or filled in
at the kiosk, and how it is checked. Pure: no database.

ID numbers are validated (GB 11643 check character for the resident ID and the other GB 11643
numbers; a USCC that is malformed is refused, a wrong check character only warned about), names
hold at most 60 characters of letters (rare characters outside the basic plane included, counted
as the person sees them), and control characters are refused everywhere.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from counter.domain.checkchars import (
    citizen_id_info,
    normalize_code,
    validate_citizen_id,
    validate_uscc,
)
from counter.domain.masking import user_characters
from counter.domain.text import bad_character, describe
from counter.errors import InvalidInput

MAX_NAME = 60
KINDS = ("person", "enterprise")

# ID types (证件类型); the first three carry a GB 11643 number with a check character.
CHECKED_ID_TYPES = ("居民身份证", "临时居民身份证", "港澳台居民居住证")
ID_TYPES = (
    *CHECKED_ID_TYPES,
    "港澳居民来往内地通行证",
    "台湾居民来往大陆通行证",
    "外国人永久居留身份证",
    "护照",
    "其他",
)
ID_TYPE_ALIASES = {
    "resident_id": "居民身份证",
    "id_card": "居民身份证",
    "temporary_id": "临时居民身份证",
    "residence_permit": "港澳台居民居住证",
    "J": "港澳台居民居住证",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "foreign_permanent": "外国人永久居留身份证",
    "I": "外国人永久居留身份证",
    "Y": "外国人永久居留身份证",
    "passport": "护照",
    "other": "其他",
}

# Characters allowed in names besides letters and marks.
PERSON_NAME_EXTRA = frozenset(" ·•・.．'’-")
ENTERPRISE_NAME_EXTRA = PERSON_NAME_EXTRA | frozenset("()（）【】[]&＆、,，/")


class InvalidApplicant(InvalidInput):
    """The applicant's (or agent's) details are wrong. ``params``: ``field`` (the input field),
    ``reason`` (Chinese), ``reason_en``; ``who`` is 申请人 or 代办人."""

    code: ClassVar[str] = "invalid_applicant"
    zh: ClassVar[str] = "{who}信息有误：{reason}"
    en: ClassVar[str] = "Invalid {who_en} details: {reason_en}"


@dataclass(frozen=True)
class ApplicantInput:
    """申请人 or 代办人 as typed, read from the ID card, or filled in at the kiosk.

    ``kind``: person | enterprise. A person needs an ID number (checked for 居民身份证 and the
    other GB 11643 numbers); an enterprise needs its USCC. Empty fields mean "not given".
    """

    kind: str = "person"
    name: str = ""
    id_type: str = "居民身份证"
    id_number: str = ""
    uscc: str = ""
    legal_rep: str = ""
    phone: str = ""
    address: str = ""
    sex: str = ""
    nation: str = ""
    birth_date: dt.date | None = None
    relation: str = ""  # an agent's relation to the applicant (代办关系: 子女、村代办员 …)


MAX_RELATION = 30


def applicant_error(who: str, field: str, reason: str, reason_en: str) -> InvalidApplicant:
    who_en = "agent" if who == "代办人" else "applicant"
    return InvalidApplicant(field=field, who=who, who_en=who_en, reason=reason, reason_en=reason_en)


def check_name(value: str, who: str, field: str, label: str, *, enterprise: bool) -> str:
    name = value.strip()
    if not name:
        raise applicant_error(who, field, f"{label}不能为空", f"{field} is required")
    count = len(user_characters(name))
    if count > MAX_NAME or len(name) > 3 * MAX_NAME:
        raise applicant_error(
            who,
            field,
            f"{label}最多{MAX_NAME}个字，实际{count}个字",
            f"{field} has at most {MAX_NAME} characters, got {count}",
        )
    extra = ENTERPRISE_NAME_EXTRA if enterprise else PERSON_NAME_EXTRA
    bad = sorted(
        {
            c
            for c in name
            if not (
                unicodedata.category(c)[0] in "LM"
                or c in extra
                or (enterprise and unicodedata.category(c)[0] == "N")
            )
        }
    )
    if bad:
        shown = "".join(c if c.isprintable() else "?" for c in bad[:8])
        raise applicant_error(
            who,
            field,
            f"{label}含有不允许的字符“{shown}”",
            f"{field} holds characters that are not allowed: {shown!r}",
        )
    if "  " in name:
        name = " ".join(name.split())
    return name


def check_text(value: str, who: str, field: str, label: str, max_len: int) -> str:
    text = value.strip()
    if len(text) > max_len:
        raise applicant_error(
            who, field, f"{label}最多{max_len}个字", f"{field} has at most {max_len} characters"
        )
    bad = bad_character(text)
    if bad is not None:  # a control or a bidi override (an address printed backwards)
        raise applicant_error(
            who,
            field,
            f"{label}含有不允许的控制字符（{describe(bad)}）",
            f"{field} holds a control character ({describe(bad)})",
        )
    return text


def check_phone(value: str, who: str) -> str:
    phone = unicodedata.normalize("NFKC", value).strip()
    if len(phone) > 40 or any(c not in "0123456789+-() " for c in phone):
        raise applicant_error(
            who, "phone", "联系电话只能包含数字、空格、+、-和括号", "phone: digits only"
        )
    return phone


def check_sex(value: str, who: str) -> str:
    v = value.strip()
    table = {"1": "男", "男": "男", "m": "男", "male": "男", "2": "女", "女": "女", "f": "女",
             "female": "女", "0": "未知", "未知": "未知", "9": "未说明", "未说明": "未说明"}  # fmt: skip
    if not v:
        return ""
    if v.lower() not in table:
        raise applicant_error(who, "sex", f"性别“{v}”无效", f"sex {v!r} is not valid")
    return table[v.lower()]


def text_problems(a: ApplicantInput, *, who: str = "申请人") -> tuple[InvalidApplicant, ...]:
    """What :func:`validate_applicant` would refuse in the typed texts of ``a`` (name, legal
    representative, phone, address, nation, relation), each field once, empty ones skipped —
    so a form can say it while the clerk types, by the same rules. Pure."""
    enterprise = a.kind == "enterprise"
    label = "单位名称" if enterprise else "姓名"
    checks: tuple[tuple[str, Callable[[str], str]], ...] = (
        (a.name, lambda v: check_name(v, who, "name", label, enterprise=enterprise)),
        (a.legal_rep, lambda v: check_name(v, who, "legal_rep", "法定代表人", enterprise=False)),
        (a.phone, lambda v: check_phone(v, who)),
        (a.address, lambda v: check_text(v, who, "address", "住址", 150)),
        (a.nation, lambda v: check_name(v, who, "nation", "民族", enterprise=False)),
        (a.relation, lambda v: check_text(v, who, "relation", "与申请人关系", MAX_RELATION)),
    )
    out: list[InvalidApplicant] = []
    for value, check in checks:
        if value.strip():
            try:
                check(value)
            except InvalidApplicant as exc:
                out.append(exc)
    return tuple(out)


def validate_applicant(
    a: ApplicantInput, *, who: str = "申请人", today: dt.date | None = None
) -> tuple[ApplicantInput, tuple[str, ...]]:
    """Check and normalise an applicant; returns it with the warnings for the clerk, or raises
    :class:`InvalidApplicant` / :class:`counter.domain.checkchars.InvalidIdNumber` /
    :class:`counter.domain.checkchars.InvalidUscc`. Pure."""
    warnings: list[str] = []
    if a.kind not in KINDS:
        raise applicant_error(
            who, "kind", "类型应为个人或单位", "kind must be person or enterprise"
        )
    enterprise = a.kind == "enterprise"
    name = check_name(
        a.name, who, "name", "单位名称" if enterprise else "姓名", enterprise=enterprise
    )
    id_type = ID_TYPE_ALIASES.get(a.id_type.strip(), a.id_type.strip()) or "居民身份证"
    if id_type not in ID_TYPES:
        raise applicant_error(
            who, "id_type", f"证件类型“{id_type}”无效", f"unknown ID type {id_type!r}"
        )
    id_number = normalize_code(a.id_number)
    sex = check_sex(a.sex, who)
    birth = a.birth_date
    if id_number:
        if id_type in CHECKED_ID_TYPES:
            id_number = validate_citizen_id(id_number, today=today)
            info = citizen_id_info(id_number)
            if sex in ("男", "女") and sex != info.sex.zh:
                warnings.append(f"{who}性别“{sex}”与身份证号码（{info.sex.zh}）不一致，请核对")
            if birth is not None and birth != info.birth_date:
                warnings.append(f"{who}出生日期与身份证号码不一致，请核对")
            # what the number says fills what was not given
            sex = sex or info.sex.zh
            birth = birth or info.birth_date
        elif not (5 <= len(id_number) <= 40 and id_number.isalnum() and id_number.isascii()):
            raise applicant_error(
                who,
                "id_number",
                "证件号码应为5至40位字母或数字",
                "ID number: 5-40 letters or digits",
            )
    elif not enterprise:
        raise applicant_error(who, "id_number", "证件号码不能为空", "the ID number is required")
    uscc = ""
    if enterprise:
        if not a.uscc.strip():
            raise applicant_error(who, "uscc", "统一社会信用代码不能为空", "the USCC is required")
        check = validate_uscc(a.uscc)  # raises InvalidUscc when malformed
        uscc = check.code
        if check.warning:
            warnings.append(check.message_zh)
    elif a.uscc.strip():
        raise applicant_error(who, "uscc", "个人不填写统一社会信用代码", "a person has no USCC")
    legal_rep = (
        check_name(a.legal_rep, who, "legal_rep", "法定代表人", enterprise=False)
        if a.legal_rep.strip()
        else ""
    )
    clean = ApplicantInput(
        kind=a.kind,
        name=name,
        id_type=id_type,
        id_number=id_number,
        uscc=uscc,
        legal_rep=legal_rep,
        phone=check_phone(a.phone, who),
        address=check_text(a.address, who, "address", "住址", 150),
        sex=sex,
        nation=check_name(a.nation, who, "nation", "民族", enterprise=False)[:20]
        if a.nation.strip()
        else "",
        birth_date=birth,
        relation=check_text(a.relation, who, "relation", "与申请人关系", MAX_RELATION)
        if who == "代办人"
        else "",
    )
    return clean, tuple(warnings)
