"""Cases (办件): the case record every case service shares — its views, how a case is read,
numbered, moved from state to state and given its documents — and the reads of cases.

The actions live by capability: :mod:`counter.services.intake` (受理, 一次性告知, 不予受理,
补正后受理), :mod:`counter.services.handout` (出件), :mod:`counter.services.backoffice`
(初审, 审核, 决定, 补正, 中止, 邮寄送达), :mod:`counter.services.seal` (documents, the seal,
办结 by the sealed 决定书, reprints, revocation, verification) and
:mod:`counter.services.evaluation` (好差评). Each is one unit of work per user action (see
:mod:`counter.services.base`).

Halls are kept apart: every read and write of a case loads it with :func:`case_for`, which
refuses a case outside the actor's hall and the village points its back office serves
(:mod:`counter.domain.halls`) as if it did not exist (:class:`OutOfScope`, a ``NotFound``),
and :func:`scope_refusals_audited` records the refusal. Reads that show personal data (the
case page) are audited (``case_read``).

Applicants carry a keyed hash of their number (the town hall's secret, so a village point finds
the same people). An existing applicant is updated only with the fields given, and what changed
is recorded in the case event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change
from counter.documents import builders
from counter.documents.model import DocumentContent
from counter.documents.seal_text import signoff_of
from counter.domain.applicants import (
    ApplicantInput,
)
from counter.domain.cases import (
    PENDING_NODE,
    CaseState,
    OverdueLevel,
    Supervision,
    SuspensionKind,
    Thresholds,
    check_transition,
    node_budget_days,
    supervise,
)
from counter.domain.checkchars import (
    normalize_code,
)
from counter.domain.checklist import (
    FORMS,
    ORIGINAL_CHOICES,
    ORIGINAL_RETURNED,
    STATUSES,
    MaterialCheck,
    original_recorded,
)
from counter.domain.halls import HallRef, case_scope, deciding_hall
from counter.domain.masking import id_hash, mask_id_number, mask_name
from counter.domain.settings import merged as merged_settings
from counter.domain.workdays import CalendarView, add_working_days
from counter.errors import (
    Bi,
    ConfigError,
    Conflict,
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
    Runtime,
    audit,
    require_role,
)
from counter.services.calendar import hall_calendar
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    CaseSuspension,
    Department,
    Document,
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
    relation: str = ""  # an agent of a case: the relation to the applicant it recorded (代办关系)

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
    pending_node: str = ""
    days_left: int | None = None
    node_days_left: int | None = None
    countdown_zh: str = "—"
    suspension: str = ""  # kind of the open suspension (correction, hearing …) or ""
    suspended_days: int = 0
    delivery_method: str = "window"
    decided_by_name: str = ""
    assigned_to: int | None = None

    @property
    def item(self) -> str:
        return self.item_name

    @property
    def overdue_zh(self) -> str:
        return OverdueLevel(self.overdue).zh

    @property
    def pending_node_zh(self) -> str:
        from counter.domain.cases import Node

        return Node(self.pending_node).zh if self.pending_node else ""

    @property
    def status_zh(self) -> str:
        """The state as a list shows it: a suspended case says why (补正中, 听证中 …)."""
        if self.suspension:
            return SuspensionKind(self.suspension).state_zh
        return self.state_zh

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
            "pending_node": self.pending_node,
            "days_left": self.days_left,
            "suspension": self.suspension,
            "suspended_days": self.suspended_days,
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
    original: str = ""  # returned | held | filed | handed_back ("" no original seen)
    original_returned_at: dt.datetime | None = None


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
    reference: str = ""
    sealed: bool = False
    reprints: int = 0
    revoked: bool = False
    revoke_reason: str = ""


@dataclass(frozen=True)
class SuspensionInfo:
    """One suspension of the clock (补正, 听证, 现场勘查, 公示)."""

    kind: str
    kind_zh: str
    reason: str
    started_at: dt.datetime
    started_by_name: str
    ended_at: dt.datetime | None
    ended_by_name: str
    working_days: int | None
    note: str


@dataclass(frozen=True)
class CaseDetail(CaseSummary):
    """A case with its applicant, agent, materials, events and documents."""

    applicant: ApplicantInfo | None = None
    agent: ApplicantInfo | None = None
    materials: tuple[CaseMaterialInfo, ...] = ()
    events: tuple[CaseEventInfo, ...] = ()
    documents: tuple[DocumentInfo, ...] = ()
    suspensions: tuple[SuspensionInfo, ...] = ()
    notes: str = ""
    reason: str = ""
    delivery_carrier: str = ""
    delivery_tracking: str = ""


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
        raise PermissionDenied(role=Bi("窗口人员", "window clerk"))
    require_role(rt, actor, CLERK)


class OutOfScope(NotFound):
    """A case of a hall the actor does not serve: refused as if it did not exist (the number
    alone says nothing about another hall). ``params``: ``what``, ``case_no``."""

    code: ClassVar[str] = "case_out_of_scope"


CASE_READERS = (CLERK, REVIEWER, SEAL_KEEPER, MANAGER)


def hall_ref(hall: Hall) -> HallRef:
    return HallRef(hall.id, hall.parent_id, hall.kind, hall_settings(hall))


def scope_hall_ids(s: Session, hall_id: int) -> frozenset[int]:
    """The halls whose cases staff of ``hall_id`` may read and act on (their own, and a town's
    village points served by its back office)."""
    children = s.scalars(select(Hall).where(Hall.parent_id == hall_id)).all()
    return case_scope(hall_id, [hall_ref(h) for h in children])


def deciding_hall_of(s: Session, case: Case) -> Hall:
    """The hall whose back office decides ``case`` and whose seal stamps it."""
    hall = load_hall(s, case.hall_id)
    return load_hall(s, deciding_hall(hall_ref(hall)))


def case_for(s: Session, actor: Actor, case_no: str, *, lock: bool = False) -> Case:
    """The case numbered ``case_no`` if the actor's hall serves it, else :class:`OutOfScope`."""
    case = case_by_no(s, case_no, lock=lock)
    if case.hall_id not in scope_hall_ids(s, actor.hall_id):
        raise OutOfScope(what=f"办件 {case_no}", case_no=case.case_no)
    return case


def case_in_scope(s: Session, actor: Actor, case: Case) -> None:
    if case.hall_id not in scope_hall_ids(s, actor.hall_id):
        raise OutOfScope(what=f"办件 {case.case_no}", case_no=case.case_no)


@contextmanager
def scope_refusals_audited(rt: Runtime, actor: Actor) -> Iterator[None]:
    """Wrap a unit of work: a case refused as another hall's is audited in a unit of its own
    (the refused unit rolls back) and the error re-raised."""
    try:
        yield
    except OutOfScope as exc:
        with rt.unit() as s:
            audit(s, actor, "permission_denied", str(exc.params.get("case_no", "")), host=rt.host,
                  reason="other_hall")  # fmt: skip
        raise


def require_staff_reader(rt: Runtime, actor: Actor) -> None:
    """Case pages are for staff (a clerk, reviewer, seal keeper or manager), never for a kiosk
    or a screen, whatever roles its system actor holds."""
    if actor.device in ("kiosk", "display", "evaluator") or actor.staff_id is None:
        with rt.unit() as s:
            audit(s, actor, "permission_denied", "case read", host=rt.host, device=actor.device)
        raise PermissionDenied(role=Bi("工作人员", "staff member"))
    require_role(rt, actor, *CASE_READERS)


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
        raise NotFound(what=Bi(f"便民服务中心 {hall_id}", f"hall {hall_id}"))
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


def _seal(s: Session, hall_ids: Sequence[int | None], kind: str) -> Seal | None:
    for hid in hall_ids:
        if hid is None:
            continue
        seal = s.scalars(
            select(Seal)
            .where(Seal.hall_id == hid, Seal.kind == kind, Seal.active.is_(True))
            .order_by(Seal.id)
        ).first()
        if seal is not None:
            return seal
    return None


def approval_seal(s: Session, hall: Hall) -> Seal:
    """The 行政审批专用章 of ``hall`` (the deciding hall): decisions and certificates only,
    stamped by its seal keepers."""
    seal = _seal(s, [hall.id], "approval")
    if seal is None:
        raise ConfigError(what=f"{hall.name}未登记行政审批专用章")
    return seal


def acceptance_seal(s: Session, hall: Hall) -> Seal:
    """The seal the window's vouchers (受理回执, 一次性告知书, 不予受理通知书) bear: by the hall
    setting ``window_seal``, the 受理专用章 (``acceptance``, the default) or the 行政审批专用章
    (``approval``); the hall's own, else its town's, else the acceptance seal."""
    seal = None
    if str(hall_settings(hall).get("window_seal") or "") == "approval":
        seal = _seal(s, [hall.id, hall.parent_id], "approval")
    seal = seal or _seal(s, [hall.id, hall.parent_id], "acceptance")
    if seal is None:
        raise ConfigError(what=f"{hall.name}未登记受理专用章")
    return seal


def load_item(s: Session, version_id: int) -> tuple[ServiceItemVersion, ServiceItem, Department]:
    """An item version with its item and department; read once per unit of work (a version
    never changes, and the item's row is the same object for the whole unit anyway)."""
    memo = s.info.setdefault("item_versions", {})
    if version_id in memo:
        return memo[version_id]  # type: ignore[no-any-return]
    row = s.execute(
        select(ServiceItemVersion, ServiceItem, Department)
        .join(ServiceItem, ServiceItem.id == ServiceItemVersion.item_id)
        .join(Department, Department.id == ServiceItem.department_id)
        .where(ServiceItemVersion.id == version_id)
    ).first()
    if row is None:
        raise NotFound(what=Bi(f"事项版本 {version_id}", f"item version {version_id}"))
    memo[version_id] = (row[0], row[1], row[2])
    return row[0], row[1], row[2]


def current_item(s: Session, version_id: int) -> tuple[ServiceItemVersion, ServiceItem, Department]:
    v, item, dept = load_item(s, version_id)
    if not item.active or item.current_version_id != v.id:
        raise Conflict(what=f"事项“{v.name}”已更新或停用，请重新选择事项")
    return v, item, dept


def staff_name(s: Session, staff_id: int | None, fallback: str = "") -> str:
    """A staff member's name (only the name is read: not the roles, not the password hash),
    once per unit of work."""
    if staff_id is None:
        return fallback
    names: dict[int, str | None] = s.info.setdefault("staff_names", {})
    if staff_id not in names:
        names[staff_id] = s.scalars(select(Staff.name).where(Staff.id == staff_id)).first()
    name = names[staff_id]
    return name if name is not None else fallback


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
        raise NotFound(what=Bi(f"号票 {ticket_id}", f"ticket {ticket_id}"))
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


_HOST = socket.gethostname()


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
    """One node of the case's trace (督着办), and the same change in the audit log."""
    audit(s, actor, f"case.{action}"[:40], case.case_no, host=_HOST, node=node,
          from_state=case.state, to_state=to_state)  # fmt: skip
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
        agent_relation=case.agent_relation if agent else "",
        clerk_name=staff_name(s, case.accepted_by),
        window_name=window_name(s, case.window_id),
        contact_phone=str(settings.get("contact_phone") or hall.phone or ""),
        hall_address=hall.address,
        seal_name=seal.name if seal is not None else "",
        signoff=signoff_of(seal.name if seal is not None else "", hall.name, settings),
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
                original=r.original or "",
            )
        )
    return out


def thresholds_of(s: Session, case: Case) -> Thresholds:
    """The supervision thresholds of the hall that decides ``case``."""
    return Thresholds.from_settings(hall_settings(deciding_hall_of(s, case)))


def open_suspension(s: Session, case: Case) -> CaseSuspension | None:
    return s.scalars(
        select(CaseSuspension)
        .where(CaseSuspension.case_id == case.id, CaseSuspension.ended_at.is_(None))
        .order_by(CaseSuspension.id.desc())
    ).first()


def case_mark(
    s: Session,
    case: Case,
    cal: CalendarView | None = None,
    thresholds: Thresholds | None = None,
    today: dt.date | None = None,
) -> Supervision:
    """The supervision mark of ``case`` (:func:`counter.domain.cases.supervise`)."""
    if cal is None:
        cal = hall_calendar(s, case.hall_id)
    completed_on = clock.to_local(case.completed_at).date() if case.completed_at else None
    return supervise(
        case.state,
        today or clock.today(),
        case.deadline,
        case.node_deadline,
        cal,
        thresholds or thresholds_of(s, case),
        completed_on=completed_on,
    )


def case_summary(s: Session, case: Case, cal: CalendarView | None = None,
                 thresholds: Thresholds | None = None,
                 today: dt.date | None = None) -> CaseSummary:  # fmt: skip
    v, item, dept = load_item(s, case.item_version_id)
    applicant = s.get(Applicant, case.applicant_id) if case.applicant_id else None
    agent = s.get(Applicant, case.agent_id) if case.agent_id else None
    mark = case_mark(s, case, cal, thresholds, today)
    suspension = open_suspension(s, case) if case.state == CaseState.SUSPENDED.value else None
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
        overdue=mark.level.value,
        pending_node=mark.node.value if mark.node else "",
        days_left=mark.days_left,
        node_days_left=mark.node_days_left,
        countdown_zh=mark.countdown_zh
        if mark.clock_running
        else ("暂停计时" if suspension is not None else "—"),
        suspension=suspension.kind if suspension is not None else "",
        suspended_days=case.suspended_days,
        delivery_method=case.delivery_method,
        decided_by_name=staff_name(s, case.decided_by),
        assigned_to=case.assigned_to,
    )


def _with_relation(info: ApplicantInfo | None, relation: str) -> ApplicantInfo | None:
    return dataclasses.replace(info, relation=relation or "") if info is not None else None


def case_detail(s: Session, case: Case) -> CaseDetail:
    """Everything the case page shows, the applicant's personal data included (the caller
    audits the read)."""
    summary = case_summary(s, case)
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
    uses: dict[int, list[SealUse]] = {}
    if docs:
        for u in s.scalars(select(SealUse).where(SealUse.document_id.in_([d.id for d in docs]))):
            uses.setdefault(u.document_id or 0, []).append(u)
    suspensions = s.scalars(
        select(CaseSuspension).where(CaseSuspension.case_id == case.id).order_by(CaseSuspension.id)
    ).all()
    names: dict[int, str] = {}
    for sid in [e.staff_id for e in events] + [
        x for p in suspensions for x in (p.started_by, p.ended_by)
    ]:
        if sid is not None and sid not in names:
            names[sid] = staff_name(s, sid)
    base = {f: getattr(summary, f) for f in CaseSummary.__dataclass_fields__}
    return CaseDetail(
        **base,
        applicant=applicant_info(
            s.get(Applicant, case.applicant_id) if case.applicant_id else None
        ),
        agent=_with_relation(
            applicant_info(s.get(Applicant, case.agent_id) if case.agent_id else None),
            case.agent_relation,
        ),
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
                original=m.original or "",
                original_returned_at=m.original_returned_at,
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
                reference=d.reference or "",
                sealed=bool(uses.get(d.id)),
                reprints=sum(u.kind == "reprint" or u.reprint_of_id is not None
                             for u in uses.get(d.id, ())),
                revoked=d.revoked_at is not None,
                revoke_reason=d.revoke_reason,
            )
            for d in docs
        ),
        suspensions=tuple(
            SuspensionInfo(
                kind=p.kind,
                kind_zh=SuspensionKind(p.kind).zh,
                reason=p.reason,
                started_at=p.started_at,
                started_by_name=names.get(p.started_by or 0, ""),
                ended_at=p.ended_at,
                ended_by_name=names.get(p.ended_by or 0, ""),
                working_days=p.working_days,
                note=p.note,
            )
            for p in suspensions
        ),
        notes=case.notes,
        reason=case.reason,
        delivery_carrier=case.delivery_carrier,
        delivery_tracking=case.delivery_tracking,
    )  # fmt: skip


def case_by_no(s: Session, case_no: str, *, lock: bool = False) -> Case:
    code = normalize_code(case_no or "")[:40]
    q = select(Case).where(Case.case_no == code)
    if lock:
        q = q.with_for_update()
    case = s.scalars(q).first()
    if case is None:
        raise NotFound(what=Bi(f"办件 {case_no}", f"case {case_no}"))
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
        if c.original and c.original not in ORIGINAL_CHOICES:
            raise InvalidInput(
                Bi(
                    f"原件处理方式“{c.original}”无效",
                    f"unknown disposal of an original: {c.original}",
                ),
                field="materials",
            )
        out[c.material_id] = c
    return out


def record_materials(
    case: Case, version: ServiceItemVersion, checks: Mapping[int, MaterialCheck]
) -> None:
    case.materials.clear()
    now = clock.now()
    for m in version.materials:
        c = checks.get(m.id)
        status = c.status if c else "missing"
        form = c.form if c and status == "received" else m.form
        original = original_recorded(status, form, c.original if c else "")
        case.materials.append(
            CaseMaterial(
                material_id=m.id,
                seq=m.seq,
                name=m.name,
                status=status,
                form=form,
                copies=(c.copies if c else 0) if status == "received" else m.copies,
                note=(c.note.strip() if c else ""),
                original=original,
                original_returned_at=now if original == ORIGINAL_RETURNED else None,
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


def node_deadline(
    v: ServiceItemVersion, state: CaseState, today: dt.date, cal: CalendarView
) -> dt.date | None:
    """The day the node a case entering ``state`` waits for must be done by: the item's budget
    for that node in working days from ``today`` (None without a budget)."""
    days = node_budget_days(v.node_budget, PENDING_NODE.get(state))
    if days is None:
        return None
    return add_working_days(today, days, cal).date


def get_case(rt: Runtime, actor: Actor, case_no: str) -> CaseDetail:
    """The case page: the case with its applicant, agent, materials as recorded at acceptance,
    events, suspensions and documents. Staff only, of a hall that serves the case; the read
    of personal data is audited."""
    require_staff_reader(rt, actor)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no)
        audit(s, actor, "case_read", case.case_no, host=rt.host)
        return case_detail(s, case)


def list_cases(
    rt: Runtime, actor: Actor, *, state: str | None = None, limit: int = 200
) -> list[CaseSummary]:
    """Cases of the halls the actor serves, newest first, with their supervision mark (预警,
    黄牌, 红牌). Staff only; the list (which names applicants) is audited."""
    require_staff_reader(rt, actor)
    if state is not None and state not in {s.value for s in CaseState}:
        raise InvalidInput(f"未知的办件状态“{state}”", field="state")
    limit = max(1, min(int(limit), 5000))
    with rt.unit() as s:
        halls = scope_hall_ids(s, actor.hall_id)
        q = (
            select(Case)
            .where(Case.hall_id.in_(halls), Case.state != CaseState.DRAFT.value)
            .order_by(Case.created_at.desc(), Case.id.desc())
            .limit(limit)
        )
        if state is not None:
            q = q.where(Case.state == state)
        cases = s.scalars(q).all()
        out = summaries(s, cases)
        audit(s, actor, "case_list", state or "", host=rt.host, count=len(out))
        return out


def summaries(s: Session, cases: Sequence[Case]) -> list[CaseSummary]:
    """Summaries of ``cases`` on today, calendars and thresholds read once per hall."""
    today = clock.today()
    calendars: dict[int, CalendarView] = {}
    thresholds: dict[int, Thresholds] = {}
    out = []
    for c in cases:
        if c.hall_id not in calendars:
            calendars[c.hall_id] = hall_calendar(s, c.hall_id)
            thresholds[c.hall_id] = thresholds_of(s, c)
        out.append(case_summary(s, c, calendars[c.hall_id], thresholds[c.hall_id], today))
    return out
