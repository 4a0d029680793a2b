"""Cases (办件) at the window and in the back office, and the documents they print.

One function per user action, each one unit of work (see :mod:`counter.services.base`):

At the window (clerk, 窗口人员; a kiosk is refused even though its system actor holds every role):

- :func:`accept_case` — 受理: every required material received; a case number, the promised and
  statutory deadlines in working days, the materials recorded, the 受理 event, the item counted
  for the window, the 受理回执 written and its seal use logged. An on-the-spot item (即办件) is
  accepted, decided and completed in the same unit of work (events 受理, 审批, 办结: the state
  machine of :mod:`counter.domain.cases` wants a decision before completion). Given the
  ``case_no`` of a case awaiting materials, the same case is accepted once they are brought;
- :func:`issue_one_time_notice` — 一次性告知书 listing exactly the missing materials and the time
  allowed (hall setting ``notice_days``, working days); the case waits for materials;
- :func:`reject_application` — 不予受理通知书 with the reason and the right to 行政复议 (60 days)
  or 行政诉讼 (6 months);
- :func:`open_case_for_completion` — 补正后受理: the case of a one-time notice, reopened at the
  window with its applicant and checklist, then accepted under the same number;
- :func:`find_case_for_handout` and :func:`hand_out` — 出件: the collector's ID number must be the
  applicant's or the agent's (compared as keyed hashes); a 领取回执 is written;
- :func:`find_applicant` — a returning applicant's details (also for the kiosk's 自助填表).

In the back office (督着办): :func:`advance_case` with ``first_review``, ``review``, ``approve``,
``reject`` and ``complete``, each a time-stamped event.

Roles and the seal (一章审批): every voucher the window issues (受理回执, 一次性告知书,
不予受理通知书) bears the approval seal and is stamped by the clerk who issues it; every use is
logged (:class:`db.models.SealUse`). Decisions (``approve``/``reject``) need the reviewer role
(后台审核人员), who stamps the decision (决定书). Back-office steps all need the reviewer role.
A reprint (:func:`reprint`) is a new, logged seal use and needs the role that may stamp that
document: for window vouchers a clerk, a reviewer or the seal keeper (印章管理员); for a decision
a reviewer or the seal keeper; a hand-over slip carries no seal and a clerk reprints it.

Evaluations (:func:`record_evaluation`, 好差评): one per case and one per ticket visit, from any
actor of the hall (the evaluation device); a bad one (差评) gets a follow-up deadline (hall
setting ``followup_days``, working days).

Applicants: ID numbers are validated (GB 11643 check character; a USCC that is malformed is
refused, a wrong check character only warned about), names hold at most 60 characters of
letters (rare characters outside the basic plane included), and every applicant row carries a
keyed hash of its number (the town hall's secret, so a village point finds the same people).
An existing applicant is updated only with the fields given, and what changed is recorded in
the case event.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter import clock
from counter.documents import builders
from counter.documents.model import DocumentContent
from counter.domain.cases import (
    CaseState,
    OverdueLevel,
    check_transition,
    is_clock_running,
    overdue_level,
)
from counter.domain.checkchars import (
    citizen_id_check_char,
    citizen_id_info,
    normalize_code,
    uscc_check_char,
    validate_citizen_id,
    validate_uscc,
)
from counter.domain.evaluation import (
    DEFAULT_FOLLOW_UP_WORKING_DAYS,
    EvaluationLevel,
    follow_up_deadline,
    validate_evaluation,
)
from counter.domain.masking import id_hash, mask_id_number, mask_name, user_characters
from counter.domain.workdays import CalendarView, add_working_days
from counter.errors import (
    ConfigError,
    Conflict,
    CounterError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from counter.services.base import (
    CLERK,
    MANAGER,
    REVIEWER,
    SEAL_KEEPER,
    Actor,
    Change,
    Runtime,
    audit,
    emit,
    require_role,
)
from counter.services.calendar import hall_calendar
from counter.services.catalog import record_item_use
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    Department,
    Document,
    Evaluation,
    Hall,
    Material,
    Seal,
    SealUse,
    ServiceItem,
    ServiceItemVersion,
    Staff,
    Ticket,
    Window,
)

__all__ = [
    "AlreadyEvaluated",
    "ApplicantInfo",
    "ApplicantInput",
    "CaseDetail",
    "CaseEventInfo",
    "CaseMaterialInfo",
    "CaseResult",
    "CaseSummary",
    "CollectorMismatch",
    "DocumentInfo",
    "EvaluationClosed",
    "EvaluationInfo",
    "InvalidApplicant",
    "MaterialCheck",
    "MaterialsIncomplete",
    "NothingMissing",
    "accept_case",
    "advance_case",
    "case_document",
    "find_applicant",
    "find_case_for_handout",
    "get_case",
    "hand_out",
    "issue_one_time_notice",
    "list_cases",
    "record_evaluation",
    "reject_application",
    "reprint",
    "seed_demo_activity",
    "validate_applicant",
]

MAX_NAME = 60
MAX_NOTES = 2000
MAX_REASON = 1000
MAX_COMMENT = 1000
KINDS = ("person", "enterprise")
STATUSES = ("received", "missing", "not_applicable")
FORMS = ("original", "copy", "original_and_copy")
CHANNELS = ("window", "village", "agent", "online")
EVALUATION_CHANNELS = ("device", "qr", "window", "online", "sms", "phone")

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
DOCUMENT_KIND_ALIASES = {"notice": "one_time_notice", "handout": "handover"}

# Characters allowed in names besides letters and marks.
_PERSON_NAME_EXTRA = frozenset(" ·•・.．'’-")
_ENTERPRISE_NAME_EXTRA = _PERSON_NAME_EXTRA | frozenset("()（）【】[]&＆、,，/")


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class InvalidApplicant(InvalidInput):
    """The applicant's (or agent's) details are wrong. ``params``: ``field`` (the input field),
    ``reason`` (Chinese), ``reason_en``; ``who`` is 申请人 or 代办人."""

    code: ClassVar[str] = "invalid_applicant"
    zh: ClassVar[str] = "{who}信息有误：{reason}"
    en: ClassVar[str] = "Invalid {who_en} details: {reason_en}"


class MaterialsIncomplete(CounterError):
    """Required materials are missing: accept refused; issue a one-time notice instead.
    ``params["missing"]`` names them (、-separated)."""

    code: ClassVar[str] = "materials_incomplete"
    zh: ClassVar[str] = "必要材料不齐全，不能受理：{missing}。请出具一次性告知书"
    en: ClassVar[str] = "Required materials are missing ({count}); issue a one-time notice"


class NothingMissing(CounterError):
    code: ClassVar[str] = "nothing_missing"
    zh: ClassVar[str] = "没有需要补正的材料，无需出具一次性告知书，请直接受理"
    en: ClassVar[str] = "No material is missing: accept the case instead of issuing a notice"


class NotAwaitingMaterials(CounterError):
    """补正后受理 asked for a case that is not waiting for materials. ``params``: ``case_no``,
    ``state`` (Chinese) and ``state_en``."""

    code: ClassVar[str] = "not_awaiting_materials"
    zh: ClassVar[str] = "办件 {case_no} 当前状态为“{state}”，不是待补正材料的办件，不能补正受理"
    en: ClassVar[str] = "Case {case_no} is {state_en}, not awaiting materials"


class CollectorMismatch(CounterError):
    code: ClassVar[str] = "collector_mismatch"
    zh: ClassVar[str] = "领取人证件号码与申请人、代办人均不一致，不能领取"
    en: ClassVar[str] = "The collector's ID number is neither the applicant's nor the agent's"


class AlreadyEvaluated(CounterError):
    code: ClassVar[str] = "already_evaluated"
    zh: ClassVar[str] = "{what}已评价，一次办事只能评价一次"
    en: ClassVar[str] = "{what_en} has already been evaluated (one evaluation per visit)"


class EvaluationClosed(CounterError):
    code: ClassVar[str] = "evaluation_closed"
    zh: ClassVar[str] = "已超过评价期限（办结或办理后{days}天内可评价）"
    en: ClassVar[str] = "The evaluation period ({days} days) is over"


# --------------------------------------------------------------------------------------------
# Inputs and results
# --------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class MaterialCheck:
    """What the clerk found for one material of the item version."""

    material_id: int
    status: str  # received | missing | not_applicable
    form: str = "original"  # original | copy | original_and_copy
    copies: int = 1
    note: str = ""


@dataclass(frozen=True)
class ApplicantInfo:
    id: int
    kind: str
    name: str
    id_type: str
    id_number: str
    uscc: str
    legal_rep: str
    phone: str
    address: str
    sex: str
    nation: str
    birth_date: dt.date | None

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def id_masked(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else self.uscc


@dataclass(frozen=True)
class CaseSummary:
    """One case as lists show it. ``overdue`` is an :class:`OverdueLevel` value (normal,
    warning, yellow, red), only ever above normal while the promised time runs."""

    id: int
    case_no: str
    hall_id: int
    item_id: int
    item_version_id: int
    item_code: str
    item_name: str
    department: str
    on_the_spot: bool
    promised_days: int
    statutory_days: int
    state: str
    state_zh: str
    applicant_name: str
    agent_name: str
    channel: str
    window_id: int | None
    ticket_id: int | None
    accepted_by: int | None
    accepted_by_name: str
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    deadline: dt.date | None
    statutory_deadline: dt.date | None
    deadline_confirmed: bool
    node_deadline: dt.date | None
    decided_at: dt.datetime | None
    completed_at: dt.datetime | None
    delivered_at: dt.datetime | None
    result: str
    overdue: str = OverdueLevel.NORMAL.value

    @property
    def item(self) -> str:
        return self.item_name

    @property
    def overdue_zh(self) -> str:
        return OverdueLevel(self.overdue).zh

    @property
    def ready_for_handout(self) -> bool:
        return self.state == CaseState.COMPLETED.value

    def to_json(self) -> dict[str, Any]:
        def iso(v: dt.date | dt.datetime | None) -> str | None:
            return v.isoformat() if v is not None else None

        return {
            "case_no": self.case_no,
            "item": self.item_name,
            "item_code": self.item_code,
            "department": self.department,
            "state": self.state,
            "state_zh": self.state_zh,
            "applicant": mask_name(self.applicant_name),
            "channel": self.channel,
            "accepted_at": iso(self.accepted_at),
            "deadline": iso(self.deadline),
            "statutory_deadline": iso(self.statutory_deadline),
            "deadline_confirmed": self.deadline_confirmed,
            "node_deadline": iso(self.node_deadline),
            "overdue": self.overdue,
            "completed_at": iso(self.completed_at),
            "delivered_at": iso(self.delivered_at),
            "result": self.result,
        }


@dataclass(frozen=True)
class CaseMaterialInfo:
    material_id: int | None
    seq: int
    name: str
    status: str
    form: str
    copies: int
    note: str
    requirement: str = ""
    condition: str = ""


@dataclass(frozen=True)
class CaseEventInfo:
    """督着办: one node of the case, time-stamped and attributed."""

    id: int
    node: str
    action: str
    from_state: str
    to_state: str
    at: dt.datetime
    staff_id: int | None
    staff_name: str
    window_id: int | None
    comment: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    kind: str
    number: str
    title: str
    created_at: dt.datetime
    created_by: int | None


@dataclass(frozen=True)
class CaseDetail(CaseSummary):
    """A case with its applicant, agent, materials, events and documents."""

    applicant: ApplicantInfo | None = None
    agent: ApplicantInfo | None = None
    materials: tuple[CaseMaterialInfo, ...] = ()
    events: tuple[CaseEventInfo, ...] = ()
    documents: tuple[DocumentInfo, ...] = ()
    notes: str = ""
    reason: str = ""


@dataclass(frozen=True)
class CaseResult:
    """What a window or back-office action returns: the case, the documents it printed, the
    change events and warnings for the clerk (a USCC with a wrong check character, an applicant
    whose details were updated, a deadline over a year without published holidays)."""

    case: CaseSummary
    documents: tuple[DocumentContent, ...] = ()
    changes: tuple[Change, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def case_no(self) -> str:
        return self.case.case_no


@dataclass(frozen=True)
class EvaluationInfo:
    id: int
    hall_id: int
    case_id: int | None
    case_no: str
    ticket_id: int | None
    item_id: int | None
    item_name: str
    window_id: int | None
    staff_id: int | None
    channel: str
    level: int
    reasons: tuple[str, ...]
    comment: str
    created_at: dt.datetime
    followup_deadline: dt.date | None
    followup_confirmed: bool = True
    changes: tuple[Change, ...] = ()

    @property
    def level_zh(self) -> str:
        return EvaluationLevel(self.level).zh

    @property
    def is_bad(self) -> bool:
        return EvaluationLevel(self.level).is_bad


# --------------------------------------------------------------------------------------------
# Validating applicants (pure)
# --------------------------------------------------------------------------------------------


def _bad(who: str, field: str, reason: str, reason_en: str) -> InvalidApplicant:
    who_en = "agent" if who == "代办人" else "applicant"
    return InvalidApplicant(field=field, who=who, who_en=who_en, reason=reason, reason_en=reason_en)


def _check_name(value: str, who: str, field: str, label: str, *, enterprise: bool) -> str:
    name = value.strip()
    if not name:
        raise _bad(who, field, f"{label}不能为空", f"{field} is required")
    count = len(user_characters(name))
    if count > MAX_NAME or len(name) > 3 * MAX_NAME:
        raise _bad(
            who,
            field,
            f"{label}最多{MAX_NAME}个字，实际{count}个字",
            f"{field} has at most {MAX_NAME} characters, got {count}",
        )
    extra = _ENTERPRISE_NAME_EXTRA if enterprise else _PERSON_NAME_EXTRA
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
        raise _bad(
            who,
            field,
            f"{label}含有不允许的字符“{shown}”",
            f"{field} holds characters that are not allowed: {shown!r}",
        )
    if "  " in name:
        name = " ".join(name.split())
    return name


def _check_text(value: str, who: str, field: str, label: str, max_len: int) -> str:
    text = value.strip()
    if len(text) > max_len:
        raise _bad(
            who, field, f"{label}最多{max_len}个字", f"{field} has at most {max_len} characters"
        )
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise _bad(who, field, f"{label}含有控制字符", f"{field} holds control characters")
    return text


def _check_phone(value: str, who: str) -> str:
    phone = unicodedata.normalize("NFKC", value).strip()
    if len(phone) > 40 or any(c not in "0123456789+-() " for c in phone):
        raise _bad(who, "phone", "联系电话只能包含数字、空格、+、-和括号", "phone: digits only")
    return phone


def _check_sex(value: str, who: str) -> str:
    v = value.strip()
    table = {"1": "男", "男": "男", "m": "男", "male": "男", "2": "女", "女": "女", "f": "女",
             "female": "女", "0": "未知", "未知": "未知", "9": "未说明", "未说明": "未说明"}  # fmt: skip
    if not v:
        return ""
    if v.lower() not in table:
        raise _bad(who, "sex", f"性别“{v}”无效", f"sex {v!r} is not valid")
    return table[v.lower()]


def validate_applicant(
    a: ApplicantInput, *, who: str = "申请人", today: dt.date | None = None
) -> tuple[ApplicantInput, tuple[str, ...]]:
    """Check and normalise an applicant; returns it with the warnings for the clerk, or raises
    :class:`InvalidApplicant` / :class:`counter.domain.checkchars.InvalidIdNumber` /
    :class:`counter.domain.checkchars.InvalidUscc`. Pure."""
    warnings: list[str] = []
    if a.kind not in KINDS:
        raise _bad(who, "kind", "类型应为个人或单位", "kind must be person or enterprise")
    enterprise = a.kind == "enterprise"
    name = _check_name(
        a.name, who, "name", "单位名称" if enterprise else "姓名", enterprise=enterprise
    )
    id_type = ID_TYPE_ALIASES.get(a.id_type.strip(), a.id_type.strip()) or "居民身份证"
    if id_type not in ID_TYPES:
        raise _bad(who, "id_type", f"证件类型“{id_type}”无效", f"unknown ID type {id_type!r}")
    id_number = normalize_code(a.id_number)
    sex = _check_sex(a.sex, who)
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
            raise _bad(
                who,
                "id_number",
                "证件号码应为5至40位字母或数字",
                "ID number: 5-40 letters or digits",
            )
    elif not enterprise:
        raise _bad(who, "id_number", "证件号码不能为空", "the ID number is required")
    uscc = ""
    if enterprise:
        if not a.uscc.strip():
            raise _bad(who, "uscc", "统一社会信用代码不能为空", "the USCC is required")
        check = validate_uscc(a.uscc)  # raises InvalidUscc when malformed
        uscc = check.code
        if check.warning:
            warnings.append(check.message_zh)
    elif a.uscc.strip():
        raise _bad(who, "uscc", "个人不填写统一社会信用代码", "a person has no USCC")
    legal_rep = (
        _check_name(a.legal_rep, who, "legal_rep", "法定代表人", enterprise=False)
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
        phone=_check_phone(a.phone, who),
        address=_check_text(a.address, who, "address", "住址", 150),
        sex=sex,
        nation=_check_name(a.nation, who, "nation", "民族", enterprise=False)[:20]
        if a.nation.strip()
        else "",
        birth_date=birth,
    )
    return clean, tuple(warnings)


# --------------------------------------------------------------------------------------------
# Helpers inside a unit of work
# --------------------------------------------------------------------------------------------


def _require_window(rt: Runtime, actor: Actor) -> None:
    """Window actions need a clerk; a kiosk or a screen never acts at the window."""
    if actor.device in ("kiosk", "display", "evaluator"):
        with rt.unit() as s:
            audit(s, actor, "permission_denied", "window action", host=rt.host, device=actor.device)
        raise PermissionDenied(role="窗口人员")
    require_role(rt, actor, CLERK)


def _settings(hall: Hall) -> dict[str, Any]:
    from counter.services.demo import DEFAULT_HALL_SETTINGS

    return {**DEFAULT_HALL_SETTINGS, **(hall.settings or {})}


def _int_setting(hall: Hall, key: str, default: int) -> int:
    value = _settings(hall).get(key, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _hall(s: Session, hall_id: int) -> Hall:
    hall = s.get(Hall, hall_id)
    if hall is None:
        raise NotFound(what=f"便民服务中心 {hall_id}")
    return hall


def _hash_key(s: Session, hall: Hall) -> bytes:
    """The town hall's secret: a village point and its town share one applicant register."""
    root = hall
    for _ in range(5):
        if root.parent_id is None:
            break
        parent = s.get(Hall, root.parent_id)
        if parent is None:
            break
        root = parent
    return root.secret.encode("utf-8")


def _seal(s: Session, hall: Hall) -> Seal:
    for hid in (hall.id, hall.parent_id):
        if hid is None:
            continue
        seal = s.scalars(
            select(Seal)
            .where(Seal.hall_id == hid, Seal.kind == "approval", Seal.active.is_(True))
            .order_by(Seal.id)
        ).first()
        if seal is not None:
            return seal
    raise ConfigError(what=f"{hall.name}未登记行政审批专用章")


def _item(s: Session, version_id: int) -> tuple[ServiceItemVersion, ServiceItem, Department]:
    row = s.execute(
        select(ServiceItemVersion, ServiceItem, Department)
        .join(ServiceItem, ServiceItem.id == ServiceItemVersion.item_id)
        .join(Department, Department.id == ServiceItem.department_id)
        .where(ServiceItemVersion.id == version_id)
    ).first()
    if row is None:
        raise NotFound(what=f"事项版本 {version_id}")
    return row[0], row[1], row[2]


def _current_item(
    s: Session, version_id: int
) -> tuple[ServiceItemVersion, ServiceItem, Department]:
    v, item, dept = _item(s, version_id)
    if not item.active or item.current_version_id != v.id:
        raise Conflict(what=f"事项“{v.name}”已更新或停用，请重新选择事项")
    return v, item, dept


def _staff_name(s: Session, staff_id: int | None, fallback: str = "") -> str:
    if staff_id is None:
        return fallback
    st = s.get(Staff, staff_id)
    return st.name if st is not None else fallback


def _window_name(s: Session, window_id: int | None) -> str:
    if window_id is None:
        return ""
    w = s.get(Window, window_id)
    return w.name if w is not None else ""


def _ticket(s: Session, hall: Hall, ticket_id: int | None) -> int | None:
    if ticket_id is None:
        return None
    t = s.get(Ticket, ticket_id)
    if t is None or t.hall_id != hall.id:
        raise NotFound(what=f"号票 {ticket_id}")
    return t.id


_APPLICANT_FIELDS = (
    "name",
    "id_type",
    "id_number",
    "uscc",
    "legal_rep",
    "phone",
    "address",
    "sex",
    "nation",
    "birth_date",
)


def _upsert_applicant(
    s: Session, key: bytes, a: ApplicantInput
) -> tuple[Applicant, dict[str, list[Any]]]:
    """The applicant row for ``a`` (found by kind and keyed hash, else created), updated with
    the fields ``a`` gives; returns it with ``{field: [old, new]}`` of what changed."""
    number = a.uscc if a.kind == "enterprise" else a.id_number
    digest = id_hash(number, key)
    row = s.scalars(
        select(Applicant)
        .where(Applicant.kind == a.kind, Applicant.id_hash == digest)
        .order_by(Applicant.id)
    ).first()
    now = clock.now()
    if row is None:
        row = Applicant(
            kind=a.kind,
            id_hash=digest,
            created_at=now,
            updated_at=now,
            **{f: getattr(a, f) for f in _APPLICANT_FIELDS},
        )
        s.add(row)
        s.flush()
        return row, {}
    changed: dict[str, list[Any]] = {}
    for f in _APPLICANT_FIELDS:
        new = getattr(a, f)
        if new in ("", None):
            continue  # not given: keep what is on file
        old = getattr(row, f)
        if old != new:
            changed[f] = [
                old.isoformat() if isinstance(old, dt.date) else old,
                new.isoformat() if isinstance(new, dt.date) else new,
            ]
            setattr(row, f, new)
    if changed:
        row.updated_at = now
    return row, changed


def _applicant_info(row: Applicant | None) -> ApplicantInfo | None:
    if row is None:
        return None
    return ApplicantInfo(
        id=row.id,
        kind=row.kind,
        name=row.name,
        id_type=row.id_type,
        id_number=row.id_number,
        uscc=row.uscc,
        legal_rep=row.legal_rep,
        phone=row.phone,
        address=row.address,
        sex=row.sex,
        nation=row.nation,
        birth_date=row.birth_date,
    )


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _insert_case(s: Session, hall: Hall, case: Case, day: dt.date) -> None:
    """Give ``case`` the next number of the hall's day (``QS20261122-0001``) and insert it.

    The unique constraint on the number decides races: a concurrent insert of the same number
    fails inside a savepoint and the next number is tried (on SQLite, ``BEGIN IMMEDIATE``
    already serialises writers)."""
    prefix = f"{hall.code}{day:%Y%m%d}-"
    for _attempt in range(50):
        last = s.scalars(
            select(Case.case_no)
            .where(Case.case_no.like(_like_escape(prefix) + "%", escape="\\"))
            .order_by(func.length(Case.case_no).desc(), Case.case_no.desc())
            .limit(1)
        ).first()
        seq = 1
        if last:
            try:
                seq = int(last[len(prefix) :]) + 1
            except ValueError:
                seq = 1
        case.case_no = f"{prefix}{seq:04d}"
        try:
            with s.begin_nested():
                s.add(case)
                s.flush()
            return
        except IntegrityError as exc:
            if "case_no" not in str(exc.orig):
                raise
            continue
    raise Conflict(what="办件编号分配繁忙，请重试")


def _event(
    s: Session,
    case: Case,
    actor: Actor,
    node: str,
    action: str,
    to_state: str,
    *,
    comment: str = "",
    at: dt.datetime | None = None,
    **data: Any,
) -> None:
    s.add(
        CaseEvent(
            case_id=case.id,
            node=node,
            action=action,
            from_state=case.state,
            to_state=to_state,
            at=at or clock.now(),
            staff_id=actor.staff_id,
            window_id=actor.window_id,
            comment=comment,
            data=data,
        )
    )
    case.state = to_state
    case.updated_at = at or clock.now()
    case.version += 1


def _transition(s: Session, case: Case, actor: Actor, target: CaseState, node: str, action: str,
                comment: str = "", **data: Any) -> None:  # fmt: skip
    check_transition(case.state, target)
    _event(s, case, actor, node, action, target.value, comment=comment, **data)


def _write_document(
    s: Session,
    case: Case,
    actor: Actor,
    content: DocumentContent,
    seal: Seal | None,
    purpose: str,
) -> Document:
    doc = Document(
        case_id=case.id,
        kind=content.kind,
        number=content.number,
        content=content.to_dict(),
        created_at=clock.now(),
        created_by=actor.staff_id,
    )
    s.add(doc)
    s.flush()
    if seal is not None:
        s.add(
            SealUse(
                seal_id=seal.id,
                document_id=doc.id,
                case_id=case.id,
                used_by=actor.staff_id,
                used_at=clock.now(),
                purpose=purpose,
            )
        )
        audit(s, actor, "seal_use", case.case_no, seal=seal.name, purpose=purpose)
    return doc


def _facts(s: Session, case: Case, hall: Hall, seal: Seal | None) -> builders.CaseFacts:
    v, _item_row, dept = _item(s, case.item_version_id)
    applicant = s.get(Applicant, case.applicant_id) if case.applicant_id else None
    agent = s.get(Applicant, case.agent_id) if case.agent_id else None
    shown_id = ""
    if applicant is not None:
        shown_id = applicant.uscc or (
            mask_id_number(applicant.id_number) if applicant.id_number else ""
        )
    settings = _settings(hall)
    return builders.CaseFacts(
        case_no=case.case_no,
        hall_name=hall.name,
        item_name=v.name,
        applicant_name=applicant.name if applicant else "",
        department=dept.name,
        applicant_id=shown_id,
        agent_name=agent.name if agent else "",
        clerk_name=_staff_name(s, case.accepted_by),
        window_name=_window_name(s, case.window_id),
        contact_phone=str(settings.get("contact_phone") or hall.phone or ""),
        hall_address=hall.address,
        seal_name=seal.name if seal is not None else "",
    )


def _material_lines(
    rows: Sequence[CaseMaterial], materials: Mapping[int, Material]
) -> list[builders.MaterialLine]:
    out = []
    for r in rows:
        m = materials.get(r.material_id or -1)
        out.append(
            builders.MaterialLine(
                name=r.name,
                form=r.form,
                copies=r.copies,
                requirement=m.requirement if m else "required",
                condition=m.condition if m else "",
                note=r.note or (m.notes if m else ""),
            )
        )
    return out


def _summary(s: Session, case: Case, cal: CalendarView | None = None, warn_days: int = 1,
             today: dt.date | None = None) -> CaseSummary:  # fmt: skip
    v, item, dept = _item(s, case.item_version_id)
    applicant = s.get(Applicant, case.applicant_id) if case.applicant_id else None
    agent = s.get(Applicant, case.agent_id) if case.agent_id else None
    level = OverdueLevel.NORMAL
    if is_clock_running(case.state):
        if cal is None:
            cal = hall_calendar(s, case.hall_id)
        level = overdue_level(
            today or clock.today(), case.deadline, case.node_deadline, cal, warn_days
        )
    return CaseSummary(
        id=case.id,
        case_no=case.case_no,
        hall_id=case.hall_id,
        item_id=item.id,
        item_version_id=v.id,
        item_code=item.code,
        item_name=v.name,
        department=dept.name,
        on_the_spot=v.on_the_spot,
        promised_days=v.promised_days,
        statutory_days=v.statutory_days,
        state=case.state,
        state_zh=CaseState(case.state).zh,
        applicant_name=applicant.name if applicant else "",
        agent_name=agent.name if agent else "",
        channel=case.channel,
        window_id=case.window_id,
        ticket_id=case.ticket_id,
        accepted_by=case.accepted_by,
        accepted_by_name=_staff_name(s, case.accepted_by),
        created_at=case.created_at,
        accepted_at=case.accepted_at,
        deadline=case.deadline,
        statutory_deadline=case.statutory_deadline,
        deadline_confirmed=case.deadline_confirmed,
        node_deadline=case.node_deadline,
        decided_at=case.decided_at,
        completed_at=case.completed_at,
        delivered_at=case.delivered_at,
        result=case.result,
        overdue=level.value,
    )


def _detail(s: Session, case: Case) -> CaseDetail:
    hall = _hall(s, case.hall_id)
    summary = _summary(s, case, warn_days=_int_setting(hall, "warn_days", 1))
    mids = [m.material_id for m in case.materials if m.material_id is not None]
    mats = (
        {m.id: m for m in s.scalars(select(Material).where(Material.id.in_(mids)))} if mids else {}
    )
    events = s.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.at, CaseEvent.id)
    ).all()
    docs = s.scalars(
        select(Document).where(Document.case_id == case.id).order_by(Document.id)
    ).all()
    names: dict[int, str] = {}
    for e in events:
        if e.staff_id is not None and e.staff_id not in names:
            names[e.staff_id] = _staff_name(s, e.staff_id)
    base = {f: getattr(summary, f) for f in CaseSummary.__dataclass_fields__}
    return CaseDetail(
        **base,
        applicant=_applicant_info(
            s.get(Applicant, case.applicant_id) if case.applicant_id else None
        ),
        agent=_applicant_info(s.get(Applicant, case.agent_id) if case.agent_id else None),
        materials=tuple(
            CaseMaterialInfo(
                material_id=m.material_id,
                seq=m.seq,
                name=m.name,
                status=m.status,
                form=m.form,
                copies=m.copies,
                note=m.note,
                requirement=mats[m.material_id].requirement if m.material_id in mats else "",
                condition=mats[m.material_id].condition if m.material_id in mats else "",
            )
            for m in case.materials
        ),
        events=tuple(
            CaseEventInfo(
                id=e.id,
                node=e.node,
                action=e.action,
                from_state=e.from_state,
                to_state=e.to_state,
                at=e.at,
                staff_id=e.staff_id,
                staff_name=names.get(e.staff_id, "") if e.staff_id is not None else "",
                window_id=e.window_id,
                comment=e.comment,
                data=dict(e.data or {}),
            )
            for e in events
        ),
        documents=tuple(
            DocumentInfo(
                id=d.id,
                kind=d.kind,
                number=d.number,
                title=str((d.content or {}).get("title", "")),
                created_at=d.created_at,
                created_by=d.created_by,
            )
            for d in docs
        ),
        notes=case.notes,
        reason=case.reason,
    )


def _case_by_no(s: Session, case_no: str, *, lock: bool = False) -> Case:
    code = normalize_code(case_no or "")[:40]
    q = select(Case).where(Case.case_no == code)
    if lock:
        q = q.with_for_update()
    case = s.scalars(q).first()
    if case is None:
        raise NotFound(what=f"办件 {case_no}")
    return case


def _check_materials(
    version: ServiceItemVersion, checks: Sequence[MaterialCheck]
) -> dict[int, MaterialCheck]:
    """Every check refers to a material of ``version``, once, with valid values; materials not
    mentioned count as missing."""
    own = {m.id for m in version.materials}
    out: dict[int, MaterialCheck] = {}
    for c in checks:
        if c.material_id not in own:
            raise InvalidInput(
                f"材料 {c.material_id} 不属于事项“{version.name}”", field="materials"
            )
        if c.material_id in out:
            raise InvalidInput(f"材料 {c.material_id} 重复", field="materials")
        if c.status not in STATUSES:
            raise InvalidInput(f"材料状态“{c.status}”无效", field="materials")
        if c.form not in FORMS:
            raise InvalidInput(f"材料形式“{c.form}”无效", field="materials")
        if isinstance(c.copies, bool) or not isinstance(c.copies, int) or not 0 <= c.copies <= 99:
            raise InvalidInput("份数应为0至99", field="materials")
        if len(c.note) > 300:
            raise InvalidInput("材料备注最多300字", field="materials")
        out[c.material_id] = c
    return out


def _record_materials(
    case: Case, version: ServiceItemVersion, checks: Mapping[int, MaterialCheck]
) -> None:
    case.materials.clear()
    for m in version.materials:
        c = checks.get(m.id)
        status = c.status if c else "missing"
        case.materials.append(
            CaseMaterial(
                material_id=m.id,
                seq=m.seq,
                name=m.name,
                status=status,
                form=c.form if c and status == "received" else m.form,
                copies=(c.copies if c else 0) if status == "received" else m.copies,
                note=(c.note.strip() if c else ""),
            )
        )


def _missing(version: ServiceItemVersion, checks: Mapping[int, MaterialCheck], *,
             conditional: bool) -> list[Material]:  # fmt: skip
    """Materials not received that must be: required ones (and, for a notice, conditional ones
    marked missing)."""
    out = []
    for m in version.materials:
        c = checks.get(m.id)
        status = c.status if c else "missing"
        if (
            m.requirement == "required"
            and status != "received"
            or conditional
            and m.requirement == "conditional"
            and status == "missing"
        ):
            out.append(m)
    return out


@dataclass(frozen=True)
class _Prepared:
    applicant: ApplicantInput
    agent: ApplicantInput | None
    warnings: tuple[str, ...]
    notes: str


def _prepare(
    applicant: ApplicantInput, agent: ApplicantInput | None, notes: str, channel: str = "window"
) -> _Prepared:
    """Validate everything that needs no database, before the unit of work starts."""
    if applicant is None:
        raise InvalidInput("缺少申请人", field="applicant")
    today = clock.today()
    a, w1 = validate_applicant(applicant, who="申请人", today=today)
    g, w2 = (None, ()) if agent is None else validate_applicant(agent, who="代办人", today=today)
    if g is not None and g.kind != "person":
        raise _bad("代办人", "kind", "代办人应为个人", "an agent is a person")
    if len(notes) > MAX_NOTES:
        raise InvalidInput(f"备注最多{MAX_NOTES}字", field="notes")
    if channel not in CHANNELS:
        raise InvalidInput(f"受理渠道“{channel}”无效", field="channel")
    return _Prepared(a, g, (*w1, *w2), notes.strip())


def _new_case(
    s: Session, actor: Actor, hall: Hall, item: ServiceItem, v: ServiceItemVersion, p: _Prepared,
    *, ticket_id: int | None, channel: str,
) -> tuple[Case, dict[str, Any], list[str]]:  # fmt: skip
    """Insert a draft case with its applicant and agent; returns it, the event data about
    updated applicant details, and warnings."""
    key = _hash_key(s, hall)
    applicant, a_changes = _upsert_applicant(s, key, p.applicant)
    agent_id = None
    g_changes: dict[str, list[Any]] = {}
    if p.agent is not None:
        agent, g_changes = _upsert_applicant(s, key, p.agent)
        agent_id = agent.id
    now = clock.now()
    case = Case(
        hall_id=hall.id,
        item_id=item.id,
        item_version_id=v.id,
        applicant_id=applicant.id,
        agent_id=agent_id,
        ticket_id=_ticket(s, hall, ticket_id),
        window_id=actor.window_id,
        channel=channel,
        state=CaseState.DRAFT.value,
        accepted_by=actor.staff_id,
        notes=p.notes,
        created_at=now,
        updated_at=now,
    )
    _insert_case(s, hall, case, clock.today())
    data: dict[str, Any] = {}
    warnings: list[str] = []
    if a_changes:
        data["applicant_changes"] = a_changes
        warnings.append("已更新申请人信息：" + "、".join(_FIELD_ZH.get(f, f) for f in a_changes))
    if g_changes:
        data["agent_changes"] = g_changes
        warnings.append("已更新代办人信息：" + "、".join(_FIELD_ZH.get(f, f) for f in g_changes))
    return case, data, warnings


_FIELD_ZH = {
    "name": "姓名",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "uscc": "统一社会信用代码",
    "legal_rep": "法定代表人",
    "phone": "联系电话",
    "address": "住址",
    "sex": "性别",
    "nation": "民族",
    "birth_date": "出生日期",
}

# The budget nodes (事项环节时限) each state works on: the time in ``review`` covers 审核 and
# 审批, after a decision the case has the 办结 budget to be completed.
_STATE_NODES: dict[CaseState, tuple[str, ...]] = {
    CaseState.ACCEPTED: ("受理",),
    CaseState.FIRST_REVIEW: ("初审",),
    CaseState.REVIEW: ("审核", "审批"),
    CaseState.APPROVED: ("办结",),
    CaseState.REJECTED: ("办结",),
}


def _node_deadline(
    v: ServiceItemVersion, state: CaseState, today: dt.date, cal: CalendarView
) -> dt.date | None:
    budget = v.node_budget or {}
    nodes = [n for n in _STATE_NODES.get(state, ()) if n in budget]
    if not nodes:
        return None
    return add_working_days(today, sum(int(budget[n]) for n in nodes), cal).date


def _accept_into(
    s: Session, actor: Actor, hall: Hall, case: Case, item: ServiceItem, v: ServiceItemVersion,
    checks: Mapping[int, MaterialCheck], data: dict[str, Any], warnings: list[str],
) -> tuple[DocumentContent, list[Change]]:  # fmt: skip
    """Accept ``case`` (draft or awaiting materials): deadlines, materials, events, receipt,
    seal use, item use; returns the receipt and the change events."""
    now = clock.now()
    today = clock.today()
    cal = hall_calendar(s, hall.id)
    promised = add_working_days(today, v.promised_days, cal)
    statutory = add_working_days(today, v.statutory_days, cal)
    confirmed = promised.confirmed and statutory.confirmed
    _record_materials(case, v, checks)
    case.accepted_at = now
    case.accepted_by = actor.staff_id
    case.window_id = actor.window_id if actor.window_id is not None else case.window_id
    case.deadline = promised.date
    case.statutory_deadline = statutory.date
    case.deadline_confirmed = confirmed
    case.node_deadline = _node_deadline(v, CaseState.ACCEPTED, today, cal)
    if not confirmed:
        warnings.append(
            f"{promised.date.year}年法定节假日安排尚未载入工作日历，承诺办结日期"
            f"{promised.date.isoformat()}为按常规工作日推算的暂定日期"
        )
    received = [m for m in case.materials if m.status == "received"]
    _transition(
        s,
        case,
        actor,
        CaseState.ACCEPTED,
        "受理",
        "accept",
        deadline=promised.date.isoformat(),
        statutory_deadline=statutory.date.isoformat(),
        deadline_confirmed=confirmed,
        received=len(received),
        **data,
    )
    changes: list[Change] = []
    if v.on_the_spot:  # 即办件: decided and completed at once
        _transition(s, case, actor, CaseState.APPROVED, "审批", "approve", comment="即办件当场办结")
        case.decided_at = now
        case.result = "approved"
        _transition(
            s, case, actor, CaseState.COMPLETED, "办结", "complete", comment="即办件当场办结"
        )
        case.completed_at = now
        case.node_deadline = None
    if actor.window_id is not None:
        record_item_use(s, actor.window_id, item.id)
    seal = _seal(s, hall)
    s.flush()
    mats = {m.id: m for m in v.materials}
    content = builders.receipt(
        _facts(s, case, hall, seal),
        accepted_at=now,
        materials=_material_lines(received, mats),
        promised_date=promised.date,
        promised_days=v.promised_days,
        statutory_date=statutory.date,
        statutory_days=v.statutory_days,
        deadline_confirmed=confirmed,
        on_the_spot=v.on_the_spot,
    )
    _write_document(s, case, actor, content, seal, "受理回执")
    changes.append(
        emit(
            s,
            Change(
                "case.completed" if v.on_the_spot else "case.accepted",
                hall.id,
                {"case_no": case.case_no, "case_id": case.id, "state": case.state,
                 "item_id": item.id, "window_id": case.window_id},
            ),
        )
    )  # fmt: skip
    return content, changes


# --------------------------------------------------------------------------------------------
# Window actions
# --------------------------------------------------------------------------------------------


def find_applicant(
    rt: Runtime, actor: Actor, *, id_number: str | None = None, uscc: str | None = None
) -> ApplicantInfo | None:
    """A returning applicant by ID number (person) or USCC (enterprise), looked up by keyed
    hash; None when unknown. Clerks and the kiosk (自助填表); every lookup is audited."""
    if actor.device != "kiosk":
        require_role(rt, actor, CLERK, MANAGER)
    number = normalize_code(id_number or uscc or "")
    if not number or len(number) > 40:
        return None
    kind = "enterprise" if uscc and not id_number else "person"
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        digest = id_hash(number, _hash_key(s, hall))
        row = s.scalars(
            select(Applicant)
            .where(Applicant.kind == kind, Applicant.id_hash == digest)
            .order_by(Applicant.id)
        ).first()
        audit(
            s,
            actor,
            "applicant_lookup",
            mask_id_number(number),
            host=rt.host,
            found=row is not None,
        )
        return _applicant_info(row)


def accept_case(
    rt: Runtime,
    actor: Actor,
    *,
    item_version_id: int,
    applicant: ApplicantInput,
    agent: ApplicantInput | None = None,
    materials: Sequence[MaterialCheck],
    ticket_id: int | None = None,
    notes: str = "",
    channel: str = "window",
    case_no: str | None = None,
) -> CaseResult:
    """受理: accept an application whose required materials are all received (conditional and
    optional ones may be missing or not applicable), or raise :class:`MaterialsIncomplete`.

    ``case_no`` accepts a case that was waiting for materials (补正后受理) instead of opening a
    new one. Returns the case with its 受理回执."""
    _require_window(rt, actor)
    p = _prepare(applicant, agent, notes, channel)
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        v, item, _dept = _current_item(s, item_version_id)
        checks = _check_materials(v, materials)
        missing = _missing(v, checks, conditional=False)
        if missing:
            raise MaterialsIncomplete(
                missing="、".join(m.name for m in missing), count=len(missing)
            )
        warnings = list(p.warnings)
        if case_no:
            case = _case_by_no(s, case_no, lock=True)
            if case.hall_id != hall.id or case.item_version_id != v.id:
                raise InvalidInput("补正受理的办件与所选事项不符", field="case_no")
            check_transition(case.state, CaseState.ACCEPTED)
            key = _hash_key(s, hall)
            _row, changes_a = _upsert_applicant(s, key, p.applicant)
            data: dict[str, Any] = {"after_notice": True}
            if changes_a:
                data["applicant_changes"] = changes_a
                warnings.append(
                    "已更新申请人信息：" + "、".join(_FIELD_ZH.get(f, f) for f in changes_a)
                )
            if notes:
                case.notes = (case.notes + "\n" + p.notes).strip()
        else:
            case, data, more = _new_case(
                s, actor, hall, item, v, p, ticket_id=ticket_id, channel=channel
            )
            warnings += more
        content, changes = _accept_into(s, actor, hall, case, item, v, checks, data, warnings)
        s.flush()
        summary = _summary(s, case, warn_days=_int_setting(hall, "warn_days", 1))
    return CaseResult(summary, (content,), tuple(changes), tuple(warnings))


def issue_one_time_notice(
    rt: Runtime,
    actor: Actor,
    *,
    item_version_id: int,
    applicant: ApplicantInput,
    agent: ApplicantInput | None = None,
    materials: Sequence[MaterialCheck],
    ticket_id: int | None = None,
    notes: str = "",
) -> CaseResult:
    """一次性告知: the case waits for materials; the notice lists exactly the required materials
    not received and the conditional ones marked missing, with form, copies and condition, and
    the time allowed (hall setting ``notice_days`` working days)."""
    _require_window(rt, actor)
    p = _prepare(applicant, agent, notes)
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        v, item, _dept = _current_item(s, item_version_id)
        checks = _check_materials(v, materials)
        missing = _missing(v, checks, conditional=True)
        if not missing:
            raise NothingMissing()
        case, data, warnings = _new_case(
            s, actor, hall, item, v, p, ticket_id=ticket_id, channel="window"
        )
        warnings = [*p.warnings, *warnings]
        now, today = clock.now(), clock.today()
        notice_days = max(1, _int_setting(hall, "notice_days", 5))
        due = add_working_days(today, notice_days, hall_calendar(s, hall.id))
        _record_materials(case, v, checks)
        case.node_deadline = due.date
        _transition(
            s,
            case,
            actor,
            CaseState.AWAITING_MATERIALS,
            "一次性告知",
            "one_time_notice",
            missing=[m.name for m in missing],
            due=due.date.isoformat(),
            **data,
        )
        seal = _seal(s, hall)
        s.flush()
        by_id = {r.material_id: r for r in case.materials}
        lines = [
            builders.MaterialLine(
                name=m.name,
                form=m.form,
                copies=m.copies,
                requirement=m.requirement,
                condition=m.condition,
                note=(by_id[m.id].note if m.id in by_id and by_id[m.id].note else m.notes),
            )
            for m in missing
        ]
        content = builders.one_time_notice(
            _facts(s, case, hall, seal),
            issued_at=now,
            missing=lines,
            notice_days=notice_days,
            due_date=due.date,
            due_confirmed=due.confirmed,
        )
        _write_document(s, case, actor, content, seal, "一次性告知书")
        change = emit(
            s,
            Change("case.awaiting_materials", hall.id,
                   {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
        )  # fmt: skip
        summary = _summary(s, case)
    return CaseResult(summary, (content,), (change,), tuple(warnings))


def reject_application(
    rt: Runtime,
    actor: Actor,
    *,
    item_version_id: int,
    applicant: ApplicantInput,
    reason: str,
    agent: ApplicantInput | None = None,
    ticket_id: int | None = None,
) -> CaseResult:
    """不予受理 at once (not an item needing permission, or not this body's competence), with a
    sealed notice giving the reason and the right to 行政复议 or 行政诉讼."""
    _require_window(rt, actor)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写不予受理的理由", field="reason")
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"理由最多{MAX_REASON}字", field="reason")
    p = _prepare(applicant, agent, "")
    with rt.unit() as s:
        hall = _hall(s, actor.hall_id)
        v, item, _dept = _item(s, item_version_id)
        case, data, warnings = _new_case(
            s, actor, hall, item, v, p, ticket_id=ticket_id, channel="window"
        )
        warnings = [*p.warnings, *warnings]
        case.reason = reason
        case.result = "not_accepted"
        _transition(s, case, actor, CaseState.NOT_ACCEPTED, "不予受理", "reject_application",
                    comment=reason, **data)  # fmt: skip
        seal = _seal(s, hall)
        settings = _settings(hall)
        s.flush()
        content = builders.rejection_notice(
            _facts(s, case, hall, seal),
            issued_at=clock.now(),
            reason=reason,
            review_body=str(settings.get("review_body", "") or ""),
            court=str(settings.get("court", "") or ""),
        )
        _write_document(s, case, actor, content, seal, "不予受理通知书")
        change = emit(
            s,
            Change("case.not_accepted", hall.id,
                   {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
        )  # fmt: skip
        summary = _summary(s, case)
    return CaseResult(summary, (content,), (change,), tuple(warnings))


def find_case_for_handout(rt: Runtime, actor: Actor, code: str) -> CaseDetail:
    """The case whose number was scanned from a receipt's barcode (or typed). Whether it can be
    handed out now is ``ready_for_handout``."""
    _require_window(rt, actor)
    with rt.unit() as s:
        return _detail(s, _case_by_no(s, code))


def open_case_for_completion(rt: Runtime, actor: Actor, code: str) -> CaseDetail:
    """补正后受理, step one: the case whose number was scanned from a one-time notice (or typed),
    with its applicant, agent and materials (the missing ones still marked missing), so the
    window can check the brought materials and accept it under the same number
    (:func:`accept_case` with ``case_no``). Refused unless the case belongs to this hall, waits
    for materials and its item version is still the current one."""
    _require_window(rt, actor)
    with rt.unit() as s:
        case = _case_by_no(s, code)
        if case.hall_id != actor.hall_id:
            raise NotFound(what=f"办件 {code}")
        if case.state != CaseState.AWAITING_MATERIALS.value:
            state = CaseState(case.state)
            raise NotAwaitingMaterials(case_no=case.case_no, state=state.zh, state_en=state.en)
        _current_item(s, case.item_version_id)
        return _detail(s, case)


def hand_out(
    rt: Runtime,
    actor: Actor,
    case_no: str,
    *,
    collector_id_number: str,
    collector_name: str = "",
) -> CaseResult:
    """出件: hand a completed case's result to its applicant or agent, collected at the window.

    The collector's ID number must be the applicant's or the agent's (keyed hashes compared); a
    mismatch is refused with :class:`CollectorMismatch` and audited."""
    _require_window(rt, actor)
    number = normalize_code(collector_id_number or "")
    if not number:
        raise InvalidInput("请读取或输入领取人证件号码", field="collector_id_number")
    name = (collector_name or "").strip()
    if name:
        name = _check_name(name, "领取人", "collector_name", "领取人姓名", enterprise=False)
    refused = False
    with rt.unit() as s:
        case = _case_by_no(s, case_no, lock=True)
        hall = _hall(s, case.hall_id)
        check_transition(case.state, CaseState.DELIVERED)
        key = _hash_key(s, hall)
        wanted = id_hash(number, key)
        matched: tuple[str, Applicant] | None = None
        for who, aid in (("applicant", case.applicant_id), ("agent", case.agent_id)):
            person = s.get(Applicant, aid) if aid else None
            if person is not None and person.id_number and id_hash(person.id_number, key) == wanted:
                matched = (who, person)
                break
        if matched is None:
            refused = True
        else:
            who, person = matched
            now = clock.now()
            collector = name or person.name
            case.delivered_at = now
            case.delivery_method = "window"
            _transition(s, case, actor, CaseState.DELIVERED, "送达", "hand_out",
                        collector=mask_name(collector), collector_is=who)  # fmt: skip
            decision = s.scalars(
                select(Document)
                .where(Document.case_id == case.id, Document.kind == "decision")
                .order_by(Document.id.desc())
            ).first()
            items = [str(decision.content.get("title"))] if decision is not None else []
            facts = replace(
                _facts(s, case, hall, None), clerk_name=_staff_name(s, actor.staff_id, actor.name)
            )
            content = builders.handover_slip(
                facts,
                handed_at=now,
                collector_name=collector,
                collector_id=mask_id_number(number),
                result=_RESULT_ZH.get(case.result, case.result or "办结"),
                items=items,
            )
            _write_document(s, case, actor, content, None, "领取回执")
            change = emit(
                s,
                Change("case.delivered", hall.id,
                       {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
            )  # fmt: skip
            summary = _summary(s, case)
    if refused:
        with rt.unit() as s:
            audit(s, actor, "handout_refused", case_no, host=rt.host, reason="id_mismatch")
        raise CollectorMismatch()
    return CaseResult(summary, (content,), (change,), ())


_RESULT_ZH = {
    "approved": "准予办理",
    "rejected": "不予办理",
    "not_accepted": "不予受理",
}


# --------------------------------------------------------------------------------------------
# Back office
# --------------------------------------------------------------------------------------------

# action → (target state, node (环节), whether a comment is required)
ACTIONS: dict[str, tuple[CaseState, str, bool]] = {
    "first_review": (CaseState.FIRST_REVIEW, "初审", False),
    "review": (CaseState.REVIEW, "审核", False),
    "approve": (CaseState.APPROVED, "审批", False),
    "reject": (CaseState.REJECTED, "审批", True),
    "complete": (CaseState.COMPLETED, "办结", False),
}


def advance_case(
    rt: Runtime, actor: Actor, case_no: str, action: str, comment: str = ""
) -> CaseResult:
    """A back-office step (reviewer): ``first_review`` (初审), ``review`` (审核), ``approve`` /
    ``reject`` (审批: the decision, written as a sealed 决定书; a refusal needs the reason in
    ``comment``), ``complete`` (办结). Each step is a time-stamped event; the state machine of
    :mod:`counter.domain.cases` decides which steps are allowed."""
    if action not in ACTIONS:
        raise InvalidInput(f"未知操作“{action}”", field="action")
    target, node, needs_comment = ACTIONS[action]
    require_role(rt, actor, REVIEWER)
    comment = (comment or "").strip()
    if needs_comment and not comment:
        raise InvalidInput("请填写不予办理的理由", field="comment")
    if len(comment) > MAX_COMMENT:
        raise InvalidInput(f"意见最多{MAX_COMMENT}字", field="comment")
    with rt.unit() as s:
        case = _case_by_no(s, case_no, lock=True)
        hall = _hall(s, case.hall_id)
        v, _item_row, _dept = _item(s, case.item_version_id)
        now, today = clock.now(), clock.today()
        cal = hall_calendar(s, hall.id)
        _transition(s, case, actor, target, node, action, comment=comment)
        if target is CaseState.FIRST_REVIEW:
            case.assigned_to = actor.staff_id
        case.node_deadline = _node_deadline(v, target, today, cal)
        documents: list[DocumentContent] = []
        if target in (CaseState.APPROVED, CaseState.REJECTED):
            case.decided_at = now
            case.result = "approved" if target is CaseState.APPROVED else "rejected"
            if target is CaseState.REJECTED:
                case.reason = comment
            seal = _seal(s, hall)
            settings = _settings(hall)
            content = builders.decision(
                _facts(s, case, hall, seal),
                decided_at=now,
                approved=target is CaseState.APPROVED,
                item_kind=v.kind,
                comment=comment,
                legal_basis=v.legal_basis,
                review_body=str(settings.get("review_body", "") or ""),
                court=str(settings.get("court", "") or ""),
            )
            _write_document(s, case, actor, content, seal, "决定书")
            documents.append(content)
        if target is CaseState.COMPLETED:
            case.completed_at = now
        change = emit(
            s,
            Change(f"case.{target.value}", hall.id,
                   {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
        )  # fmt: skip
        summary = _summary(s, case, cal, _int_setting(hall, "warn_days", 1), today)
    return CaseResult(summary, tuple(documents), (change,), ())


# --------------------------------------------------------------------------------------------
# Reading and reprinting
# --------------------------------------------------------------------------------------------


def get_case(rt: Runtime, case_no: str) -> CaseDetail:
    """A case with its applicant, agent, materials, events and documents."""
    with rt.unit() as s:
        return _detail(s, _case_by_no(s, case_no))


def list_cases(
    rt: Runtime, *, hall_id: int | None = None, state: str | None = None, limit: int = 200
) -> list[CaseSummary]:
    """Cases, newest first, with their overdue level (预警, 黄牌, 红牌)."""
    if state is not None and state not in {s.value for s in CaseState}:
        raise InvalidInput(f"未知的办件状态“{state}”", field="state")
    limit = max(1, min(int(limit), 5000))
    with rt.unit() as s:
        q = select(Case).order_by(Case.created_at.desc(), Case.id.desc()).limit(limit)
        if hall_id is not None:
            q = q.where(Case.hall_id == hall_id)
        if state is not None:
            q = q.where(Case.state == state)
        cases = s.scalars(q).all()
        today = clock.today()
        calendars: dict[int, tuple[CalendarView, int]] = {}
        out = []
        for c in cases:
            if c.hall_id not in calendars:
                hall = _hall(s, c.hall_id)
                calendars[c.hall_id] = (
                    hall_calendar(s, c.hall_id),
                    _int_setting(hall, "warn_days", 1),
                )
            cal, warn = calendars[c.hall_id]
            out.append(_summary(s, c, cal, warn, today))
        return out


def _document_row(s: Session, case: Case, kind: str) -> Document:
    kind = DOCUMENT_KIND_ALIASES.get(kind, kind)
    doc = s.scalars(
        select(Document)
        .where(Document.case_id == case.id, Document.kind == kind)
        .order_by(Document.id.desc())
    ).first()
    if doc is None:
        raise NotFound(what=f"办件 {case.case_no} 的{_kind_title(kind)}")
    return doc


def _kind_title(kind: str) -> str:
    from counter.documents.model import DOCUMENT_KINDS

    return DOCUMENT_KINDS.get(DOCUMENT_KIND_ALIASES.get(kind, kind), kind)


def case_document(rt: Runtime, case_no: str, kind: str) -> DocumentContent:
    """The stored content of the case's latest document of ``kind`` (receipt, one_time_notice
    or notice, rejection, handover, decision), exactly as first printed."""
    with rt.unit() as s:
        case = _case_by_no(s, case_no)
        return DocumentContent.from_dict(_document_row(s, case, kind).content)


_REPRINT_ROLES = {
    "receipt": (CLERK, REVIEWER, SEAL_KEEPER),
    "one_time_notice": (CLERK, REVIEWER, SEAL_KEEPER),
    "rejection": (CLERK, REVIEWER, SEAL_KEEPER),
    "decision": (REVIEWER, SEAL_KEEPER),
    "handover": (CLERK,),
}


def reprint(rt: Runtime, actor: Actor, case_no: str, kind: str) -> DocumentContent:
    """补打: the stored document again, marked 补打; a sealed document's reprint is a new seal
    use (用印登记) pointing at the first one, and a case event."""
    kind = DOCUMENT_KIND_ALIASES.get(kind, kind)
    require_role(rt, actor, *_REPRINT_ROLES.get(kind, (CLERK,)))
    with rt.unit() as s:
        case = _case_by_no(s, case_no)
        doc = _document_row(s, case, kind)
        content = DocumentContent.from_dict(doc.content)
        first = s.scalars(
            select(SealUse).where(SealUse.document_id == doc.id).order_by(SealUse.id)
        ).first()
        if first is not None:
            s.add(
                SealUse(
                    seal_id=first.seal_id,
                    document_id=doc.id,
                    case_id=case.id,
                    used_by=actor.staff_id,
                    used_at=clock.now(),
                    purpose=f"补打{content.title}"[:60],
                    reprint_of_id=first.id,
                )
            )
            audit(s, actor, "seal_use", case.case_no, purpose=f"补打{content.title}", reprint=True)
        s.add(
            CaseEvent(
                case_id=case.id,
                node="补打",
                action="reprint",
                from_state=case.state,
                to_state=case.state,
                at=clock.now(),
                staff_id=actor.staff_id,
                window_id=actor.window_id,
                comment=content.title,
                data={"document_id": doc.id, "kind": kind},
            )
        )
        emit(s, Change("case.document_reprinted", case.hall_id,
                       {"case_no": case.case_no, "kind": kind}))  # fmt: skip
    return replace(content, mark="补打")


# --------------------------------------------------------------------------------------------
# Evaluation (好差评)
# --------------------------------------------------------------------------------------------


def record_evaluation(
    rt: Runtime,
    actor: Actor,
    *,
    level: int,
    reasons: Sequence[str] = (),
    comment: str = "",
    case_id: int | None = None,
    ticket_id: int | None = None,
    channel: str = "device",
) -> EvaluationInfo:
    """Record one evaluation of a case (一事一评) and/or a ticket visit (一次一评).

    A second evaluation of the same case or ticket is refused (:class:`AlreadyEvaluated`), as is
    one after the hall's evaluation period (setting ``evaluation_days``, days after the last
    step of the case or the end of the visit). A 差评 (level 1 or 2) opens a follow-up with a
    deadline ``followup_days`` working days ahead."""
    ev = validate_evaluation(level, reasons, comment)
    if case_id is None and ticket_id is None:
        raise InvalidInput("评价须对应一个办件或一次取号", field="case_id")
    if channel not in EVALUATION_CHANNELS:
        raise InvalidInput(f"评价渠道“{channel}”无效", field="channel")
    with rt.unit() as s:
        case = s.get(Case, case_id, with_for_update=True) if case_id is not None else None
        if case_id is not None and case is None:
            raise NotFound(what=f"办件 {case_id}")
        ticket = s.get(Ticket, ticket_id, with_for_update=True) if ticket_id is not None else None
        if ticket_id is not None and ticket is None:
            raise NotFound(what=f"号票 {ticket_id}")
        hall = _hall(s, case.hall_id if case else ticket.hall_id if ticket else actor.hall_id)
        if (
            case is not None
            and s.scalars(select(Evaluation.id).where(Evaluation.case_id == case.id)).first()
        ):
            raise AlreadyEvaluated(what=f"办件 {case.case_no}", what_en=f"Case {case.case_no}")
        if (
            ticket is not None
            and s.scalars(select(Evaluation.id).where(Evaluation.ticket_id == ticket.id)).first()
        ):
            raise AlreadyEvaluated(what=f"号票 {ticket.number}", what_en=f"Ticket {ticket.number}")
        now = clock.now()
        days = _int_setting(hall, "evaluation_days", 3)
        last = [t for t in (
            case.updated_at if case else None,
            (ticket.finished_at or ticket.called_at or ticket.issued_at) if ticket else None,
        ) if t is not None]  # fmt: skip
        if days > 0 and last and now - max(last) > dt.timedelta(days=days):
            raise EvaluationClosed(days=days)
        followup = None
        if ev.is_bad:
            followup = follow_up_deadline(
                clock.today(),
                hall_calendar(s, hall.id),
                max(1, _int_setting(hall, "followup_days", DEFAULT_FOLLOW_UP_WORKING_DAYS)),
            )
        item_name = ""
        if case is not None:
            item_name = _item(s, case.item_version_id)[0].name
        row = Evaluation(
            hall_id=hall.id,
            case_id=case.id if case else None,
            ticket_id=ticket.id if ticket else None,
            item_id=case.item_id if case else None,
            window_id=(ticket.window_id if ticket and ticket.window_id else None)
            or (case.window_id if case else None)
            or actor.window_id,
            staff_id=(ticket.staff_id if ticket and ticket.staff_id else None)
            or (case.accepted_by if case else None)
            or actor.staff_id,
            channel=channel,
            level=int(ev.level),
            reasons=ev.reason_codes,
            comment=ev.comment,
            created_at=now,
            followup_state="open" if followup else "",
            followup_deadline=followup.date if followup else None,
        )
        s.add(row)
        s.flush()
        change = emit(
            s,
            Change("evaluation.recorded", hall.id,
                   {"evaluation_id": row.id, "level": row.level, "bad": ev.is_bad,
                    "case_no": case.case_no if case else None,
                    "ticket_id": row.ticket_id, "window_id": row.window_id}),
        )  # fmt: skip
        return EvaluationInfo(
            id=row.id,
            hall_id=row.hall_id,
            case_id=row.case_id,
            case_no=case.case_no if case else "",
            ticket_id=row.ticket_id,
            item_id=row.item_id,
            item_name=item_name,
            window_id=row.window_id,
            staff_id=row.staff_id,
            channel=row.channel,
            level=row.level,
            reasons=tuple(row.reasons),
            comment=row.comment,
            created_at=row.created_at,
            followup_deadline=row.followup_deadline,
            followup_confirmed=followup.confirmed if followup else True,
            changes=(change,),
        )


# --------------------------------------------------------------------------------------------
# Demo activity
# --------------------------------------------------------------------------------------------

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ("秀英", "建国", "桂兰", "志强", "海燕", "文军", "丽华", "春生", "玉梅", "永福",
          "晓东", "婷婷", "子涵", "宇轩", "淑珍", "国平", "晨阳", "雨萱")  # fmt: skip
_RARE_GIVEN = ("䶮宁", "𠀾")  # 生僻字 in the basic plane's extension A and in plane 2
_REGION = "330110"  # 杭州市余杭区 region code; numbers are generated, never real people's


def demo_id_number(
    rng: random.Random, *, born: dt.date | None = None, male: bool | None = None
) -> str:
    """A made-up citizen ID number with the right check character (demo data)."""
    born = born or dt.date(rng.randint(1940, 2004), rng.randint(1, 12), rng.randint(1, 28))
    seq = rng.randint(0, 99)
    sex_digit = rng.choice(
        "13579" if (male if male is not None else rng.random() < 0.5) else "02468"
    )
    first17 = f"{_REGION}{born:%Y%m%d}9{seq % 10}{sex_digit}"
    return first17 + citizen_id_check_char(first17)


def demo_uscc(rng: random.Random) -> str:
    """A made-up unified social credit code with the right check character (demo data)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = "92" + _REGION + "MA" + "".join(rng.choice(alphabet) for _ in range(7))
    return first17 + uscc_check_char(first17)


@contextmanager
def _clock_at(when: dt.datetime) -> Iterator[None]:
    """Run demo actions as if at ``when`` (the caller restores the clock)."""
    clock.set_clock(lambda: when)
    yield


def _demo_actor(
    s: Session, hall_id: int, staff_no: str, window_number: int | None = None
) -> Actor | None:
    st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
    if st is None:
        return None
    window_id = None
    if window_number is not None:
        window_id = s.scalars(
            select(Window.id).where(Window.hall_id == hall_id, Window.number == window_number)
        ).first()
    return Actor(
        hall_id=hall_id,
        staff_id=st.id,
        staff_no=st.staff_no,
        name=st.name,
        roles=frozenset(r.role for r in st.roles),
        window_id=window_id,
    )


def seed_demo_activity(rt: Runtime, hall_id: int) -> None:
    """Cases in every state for the demo hall: accepted, awaiting materials, not accepted, in
    first review, in review, approved, completed awaiting collection, delivered, and some
    overdue (yellow and red cards). Skipped when the hall already has cases."""
    with rt.unit() as s:
        if s.scalars(select(Case.id).where(Case.hall_id == hall_id).limit(1)).first():
            return
        clerks = [a for a in (_demo_actor(s, hall_id, f"10{n:02d}", n) for n in range(1, 6)) if a]
        reviewer = _demo_actor(s, hall_id, "2002")
        versions = {
            code: vid
            for code, vid in s.execute(
                select(ServiceItem.code, ServiceItem.current_version_id).where(
                    ServiceItem.code.in_(
                        ["NY-001", "MZ-001", "MZ-011", "WJ-001", "MZ-006", "MZ-007", "ZF-003"]
                    )
                )
            ).all()
            if vid is not None
        }
        mats = {
            vid: [(m.id, m.requirement, m.form) for m in _item(s, vid)[0].materials]
            for vid in versions.values()
        }
    if not clerks or reviewer is None or not versions:
        return
    rng = random.Random(20261122)
    used: set[str] = set()

    def person(rare: bool = False) -> ApplicantInput:
        while True:
            name = rng.choice(_SURNAMES) + rng.choice(_RARE_GIVEN if rare else _GIVEN)
            if name not in used:
                used.add(name)
                break
        male = rng.random() < 0.5
        number = demo_id_number(rng, male=male)
        return ApplicantInput(
            kind="person",
            name=name,
            id_number=number,
            phone=f"13{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}",
            address=f"青山镇{rng.choice(['石桥村', '东山村', '人民路', '溪口村'])}{rng.randint(1, 99)}号",
            sex="男" if male else "女",
            nation="汉族",
        )

    def checks(vid: int, *, all_in: bool = True) -> list[MaterialCheck]:
        out = []
        for i, (mid, req, form) in enumerate(mats[vid]):
            if req == "required":
                status = "received" if all_in or i != 1 else "missing"
            else:
                status = "not_applicable"
            out.append(MaterialCheck(mid, status, form, 1))
        return out

    now = clock.now()
    local_today = clock.today()

    def at(days_ago: int, hour: int = 9, minute: int = 30) -> dt.datetime:
        day = local_today - dt.timedelta(days=days_ago)
        local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.HALL_TZ)
        return min(local.astimezone(dt.UTC), now)

    # (item code, days ago, steps after acceptance, clerk index)
    # (item code, accepted days ago, steps as (action, days after acceptance), clerk index)
    plan: list[tuple[str, int, tuple[tuple[str, int], ...], int]] = [
        ("NY-001", 0, (), 0),  # accepted today
        ("MZ-001", 1, (), 1),
        ("NY-001", 12, (("first_review", 1),), 2),  # first review overran → yellow card
        ("MZ-007", 4, (("first_review", 1), ("review", 3)), 3),
        ("MZ-001", 40, (("first_review", 2), ("review", 12)), 0),  # limit exceeded → red card
        ("MZ-006", 3, (("approve", 1),), 1),
        ("NY-001", 20, (("first_review", 1), ("review", 6), ("approve", 12), ("complete", 14)), 2),
        ("MZ-007", 15, (("first_review", 1), ("review", 4), ("reject", 8), ("complete", 9)), 3),
        ("MZ-011", 2, (), 4),  # on the spot: completed, to be collected
        ("WJ-001", 6, (("hand_out", 0),), 0),  # on the spot, collected at once
        ("MZ-006", 12, (("approve", 1), ("complete", 2), ("hand_out", 4)), 1),
    ]
    previous = clock._now  # restored afterwards, even if a test froze it
    try:
        for n, (code, days_ago, steps, who) in enumerate(plan):
            vid = versions.get(code)
            if vid is None:
                continue
            clerk = clerks[who % len(clerks)]
            a = person(rare=n == 1)
            when = at(days_ago, 9 + who, 10 + 3 * who)
            with _clock_at(when):
                result = accept_case(
                    rt, clerk, item_version_id=vid, applicant=a, materials=checks(vid)
                )
            for step, after in steps:
                with _clock_at(min(when + dt.timedelta(days=after, minutes=20), now)):
                    if step == "hand_out":
                        hand_out(rt, clerk, result.case_no, collector_id_number=a.id_number)
                    else:
                        comment = "经核查，申请人家庭收入超过救助标准" if step == "reject" else ""
                        advance_case(rt, reviewer, result.case_no, step, comment)
        # a one-time notice and a rejection today
        vid = versions.get("NY-001")
        if vid is not None:
            with _clock_at(at(0, 10, 40)):
                issue_one_time_notice(rt, clerks[0], item_version_id=vid, applicant=person(),
                                      materials=checks(vid, all_in=False))  # fmt: skip
        vid = versions.get("MZ-001")
        if vid is not None:
            with _clock_at(at(0, 11, 5)):
                reject_application(
                    rt,
                    clerks[1 % len(clerks)],
                    item_version_id=vid,
                    applicant=person(),
                    reason="申请人户籍不在本镇，不属于本中心受理范围，请向户籍所在地乡镇（街道）申请。",
                )
        # an enterprise, represented by an agent (代办人), accepted and in first review
        vid = versions.get("ZF-003")
        if vid is not None:
            firm = ApplicantInput(
                kind="enterprise",
                name="青山镇绿源农产品专业合作社",
                uscc=demo_uscc(rng),
                legal_rep=rng.choice(_SURNAMES) + "永福",
                phone="0571-8866 1234",
                address="青山镇工业园区8号",
            )
            with _clock_at(at(2, 14, 20)):
                r = accept_case(rt, clerks[2 % len(clerks)], item_version_id=vid, applicant=firm,
                                agent=person(), materials=checks(vid))  # fmt: skip
            with _clock_at(at(1, 9, 0)):
                advance_case(rt, reviewer, r.case_no, "first_review")
    finally:
        clock.set_clock(previous)
