"""Cases (办件): the case record every case service shares — its views, how a case is read,
numbered, moved from state to state and given its documents — and the reads of cases.

The actions live by capability: :mod:`counter.services.intake` (受理, 一次性告知, 不予受理,
补正后受理), :mod:`counter.services.handout` (出件), :mod:`counter.services.backoffice`
(初审, 审核, 审批, 办结), :mod:`counter.services.seal` (documents, seal uses, reprints) and
:mod:`counter.services.evaluation` (好差评). Each is one unit of work per user action (see
:mod:`counter.services.base`).

Applicants carry a keyed hash of their number (the town hall's secret, so a village point finds
the same people). An existing applicant is updated only with the fields given, and what changed
is recorded in the case event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change
from counter.documents import builders
from counter.documents.model import DocumentContent
from counter.domain.applicants import (
    ApplicantInput,
)
from counter.domain.cases import (
    CaseState,
    OverdueLevel,
    check_transition,
    is_clock_running,
    overdue_level,
)
from counter.domain.checkchars import (
    normalize_code,
)
from counter.domain.checklist import (
    FORMS,
    STATUSES,
    MaterialCheck,
)
from counter.domain.masking import id_hash, mask_id_number, mask_name
from counter.domain.settings import merged as merged_settings
from counter.domain.workdays import CalendarView, add_working_days
from counter.errors import (
    ConfigError,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from counter.services.base import CLERK, Actor, Runtime, audit, require_role
from counter.services.calendar import hall_calendar
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    Department,
    Document,
    Hall,
    Material,
    Seal,
    ServiceItem,
    ServiceItemVersion,
    Staff,
    Ticket,
    Window,
)

MAX_NOTES = 2000
MAX_REASON = 1000
MAX_COMMENT = 1000
CHANNELS = ("window", "village", "agent", "online")
DOCUMENT_KIND_ALIASES = {"notice": "one_time_notice", "handout": "handover"}

RESULT_ZH = {
    "approved": "准予办理",
    "rejected": "不予办理",
    "not_accepted": "不予受理",
}


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


def require_window_actor(rt: Runtime, actor: Actor) -> None:
    """Window actions need a clerk; a kiosk or a screen never acts at the window."""
    if actor.device in ("kiosk", "display", "evaluator"):
        with rt.unit() as s:
            audit(s, actor, "permission_denied", "window action", host=rt.host, device=actor.device)
        raise PermissionDenied(role="窗口人员")
    require_role(rt, actor, CLERK)


def hall_settings(hall: Hall) -> dict[str, Any]:
    return merged_settings(hall.settings)


def int_setting(hall: Hall, key: str, default: int) -> int:
    value = hall_settings(hall).get(key, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def load_hall(s: Session, hall_id: int) -> Hall:
    hall = s.get(Hall, hall_id)
    if hall is None:
        raise NotFound(what=f"便民服务中心 {hall_id}")
    return hall


def hash_key(s: Session, hall: Hall) -> bytes:
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


def approval_seal(s: Session, hall: Hall) -> Seal:
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


def load_item(s: Session, version_id: int) -> tuple[ServiceItemVersion, ServiceItem, Department]:
    row = s.execute(
        select(ServiceItemVersion, ServiceItem, Department)
        .join(ServiceItem, ServiceItem.id == ServiceItemVersion.item_id)
        .join(Department, Department.id == ServiceItem.department_id)
        .where(ServiceItemVersion.id == version_id)
    ).first()
    if row is None:
        raise NotFound(what=f"事项版本 {version_id}")
    return row[0], row[1], row[2]


def current_item(s: Session, version_id: int) -> tuple[ServiceItemVersion, ServiceItem, Department]:
    v, item, dept = load_item(s, version_id)
    if not item.active or item.current_version_id != v.id:
        raise Conflict(what=f"事项“{v.name}”已更新或停用，请重新选择事项")
    return v, item, dept


def staff_name(s: Session, staff_id: int | None, fallback: str = "") -> str:
    if staff_id is None:
        return fallback
    st = s.get(Staff, staff_id)
    return st.name if st is not None else fallback


def window_name(s: Session, window_id: int | None) -> str:
    if window_id is None:
        return ""
    w = s.get(Window, window_id)
    return w.name if w is not None else ""


def check_ticket(s: Session, hall: Hall, ticket_id: int | None) -> int | None:
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


def upsert_applicant(
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


def applicant_info(row: Applicant | None) -> ApplicantInfo | None:
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


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def insert_case(s: Session, hall: Hall, case: Case, day: dt.date) -> None:
    """Give ``case`` the next number of the hall's day (``QS20261122-0001``) and insert it.

    The unique constraint on the number decides races: a concurrent insert of the same number
    fails inside a savepoint and the next number is tried (on SQLite, ``BEGIN IMMEDIATE``
    already serialises writers)."""
    prefix = f"{hall.code}{day:%Y%m%d}-"
    for _attempt in range(50):
        last = s.scalars(
            select(Case.case_no)
            .where(Case.case_no.like(like_escape(prefix) + "%", escape="\\"))
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


def case_event(
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


def transition(s: Session, case: Case, actor: Actor, target: CaseState, node: str, action: str,
                comment: str = "", **data: Any) -> None:  # fmt: skip
    check_transition(case.state, target)
    case_event(s, case, actor, node, action, target.value, comment=comment, **data)


def case_facts(s: Session, case: Case, hall: Hall, seal: Seal | None) -> builders.CaseFacts:
    v, _item_row, dept = load_item(s, case.item_version_id)
    applicant = s.get(Applicant, case.applicant_id) if case.applicant_id else None
    agent = s.get(Applicant, case.agent_id) if case.agent_id else None
    shown_id = ""
    if applicant is not None:
        shown_id = applicant.uscc or (
            mask_id_number(applicant.id_number) if applicant.id_number else ""
        )
    settings = hall_settings(hall)
    return builders.CaseFacts(
        case_no=case.case_no,
        hall_name=hall.name,
        item_name=v.name,
        applicant_name=applicant.name if applicant else "",
        department=dept.name,
        applicant_id=shown_id,
        agent_name=agent.name if agent else "",
        clerk_name=staff_name(s, case.accepted_by),
        window_name=window_name(s, case.window_id),
        contact_phone=str(settings.get("contact_phone") or hall.phone or ""),
        hall_address=hall.address,
        seal_name=seal.name if seal is not None else "",
    )


def material_lines(
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


def case_summary(s: Session, case: Case, cal: CalendarView | None = None, warn_days: int = 1,
             today: dt.date | None = None) -> CaseSummary:  # fmt: skip
    v, item, dept = load_item(s, case.item_version_id)
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
        accepted_by_name=staff_name(s, case.accepted_by),
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


def case_detail(s: Session, case: Case) -> CaseDetail:
    hall = load_hall(s, case.hall_id)
    summary = case_summary(s, case, warn_days=int_setting(hall, "warn_days", 1))
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
            names[e.staff_id] = staff_name(s, e.staff_id)
    base = {f: getattr(summary, f) for f in CaseSummary.__dataclass_fields__}
    return CaseDetail(
        **base,
        applicant=applicant_info(
            s.get(Applicant, case.applicant_id) if case.applicant_id else None
        ),
        agent=applicant_info(s.get(Applicant, case.agent_id) if case.agent_id else None),
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


def case_by_no(s: Session, case_no: str, *, lock: bool = False) -> Case:
    code = normalize_code(case_no or "")[:40]
    q = select(Case).where(Case.case_no == code)
    if lock:
        q = q.with_for_update()
    case = s.scalars(q).first()
    if case is None:
        raise NotFound(what=f"办件 {case_no}")
    return case


def check_materials(
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


def record_materials(
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


FIELD_ZH = {
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
STATE_NODES: dict[CaseState, tuple[str, ...]] = {
    CaseState.ACCEPTED: ("受理",),
    CaseState.FIRST_REVIEW: ("初审",),
    CaseState.REVIEW: ("审核", "审批"),
    CaseState.APPROVED: ("办结",),
    CaseState.REJECTED: ("办结",),
}


def node_deadline(
    v: ServiceItemVersion, state: CaseState, today: dt.date, cal: CalendarView
) -> dt.date | None:
    budget = v.node_budget or {}
    nodes = [n for n in STATE_NODES.get(state, ()) if n in budget]
    if not nodes:
        return None
    return add_working_days(today, sum(int(budget[n]) for n in nodes), cal).date


def get_case(rt: Runtime, case_no: str) -> CaseDetail:
    """A case with its applicant, agent, materials, events and documents."""
    with rt.unit() as s:
        return case_detail(s, case_by_no(s, case_no))


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
                hall = load_hall(s, c.hall_id)
                calendars[c.hall_id] = (
                    hall_calendar(s, c.hall_id),
                    int_setting(hall, "warn_days", 1),
                )
            cal, warn = calendars[c.hall_id]
            out.append(case_summary(s, c, cal, warn, today))
        return out
