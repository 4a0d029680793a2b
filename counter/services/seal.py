"""One seal (一章审批): the documents of a case, each use of a seal logged (用印登记), 办结 by the
sealed decision, reprints (补打), revocation (撤销) and verification (核验).

Two seals per hall:

- the **受理专用章** (acceptance seal) on the window's vouchers (受理回执, 一次性告知书,
  不予受理通知书): stamped by the clerk who issues them, at the moment of issue;
- the **行政审批专用章** (approval seal) of the hall that decides the case (the town for a
  village point it serves): only a seal keeper (印章管理员) of that hall stamps with it, and only
  a decided case (准予 / 不予许可). Stamping the 决定书 is the case's 办结: whether the promised
  time was met is judged by that time. The decision gets its 文号 from the hall's yearly counter
  and a verification code (:mod:`counter.sealkey`) printed with its QR code.

Every stamping is a :class:`db.models.SealUse` with the seal register's serial number (per seal
and year), original or reprint. A reprint needs a reason (the window's vouchers default to
"窗口补打"), prints 补打 and points at the first use. A revoked document is never reprinted, and
verification says it was revoked. The seal's image comes from the database and is handed out
with the document (``DocumentContent.seal_image``).
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass, replace
from typing import ClassVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.documents import builders
from counter.documents.model import DOCUMENT_KINDS, DocumentContent
from counter.domain.cases import CaseState
from counter.domain.masking import mask_name
from counter.errors import (
    Bi,
    InvalidInput,
    InvalidState,
    NotFound,
    PermissionDenied,
)
from counter.sealkey import (
    SealKey,
    content_digest,
    format_code,
    load_key,
    make_code,
    normalise_code,
    require_key,
)
from counter.services.base import CLERK, MANAGER, SEAL_KEEPER, Actor, Runtime, audit, require_role
from counter.services.cases import (
    DOCUMENT_KIND_ALIASES,
    MAX_REASON,
    RESULT_ZH,
    CaseSummary,
    OutOfScope,
    approval_seal,
    case_facts,
    case_for,
    case_summary,
    deciding_hall_of,
    hall_settings,
    load_hall,
    load_item,
    require_staff_reader,
    scope_refusals_audited,
    staff_name,
    transition,
)
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    Document,
    Hall,
    HallCounter,
    Seal,
    SealUse,
)

SEALED_KINDS = ("decision", "certificate")
"""Documents only a seal keeper stamps, with the approval seal."""

REPRINT_ROLES = {
    "receipt": (CLERK,),
    "one_time_notice": (CLERK,),
    "rejection": (CLERK,),
    "handover": (CLERK,),
    "decision": (SEAL_KEEPER,),
    "certificate": (SEAL_KEEPER,),
}
REVOKE_ROLES = (SEAL_KEEPER, MANAGER)
WINDOW_REPRINT_REASON = "窗口补打"


class SealNotAllowed(InvalidState):
    """The approval seal is refused for a case in this state. ``params``: ``state`` (Chinese),
    ``state_en``, ``case_no``."""

    code: ClassVar[str] = "seal_not_allowed"
    zh: ClassVar[str] = "办件 {case_no} 当前为“{state}”，尚无决定，不能加盖行政审批专用章"
    en: ClassVar[str] = "Case {case_no} is {state_en}: no decision to seal yet"


class AlreadyIssued(InvalidState):
    code: ClassVar[str] = "already_issued"
    zh: ClassVar[str] = (
        "办件 {case_no} 的{title}已用印出具（{reference}），再次打印请按补打办理并填写理由"
    )
    en: ClassVar[str] = (
        "The decision of case {case_no} was already sealed ({reference}); a new print is a reprint "
        "and needs a reason"
    )


class DocumentRevoked(InvalidState):
    code: ClassVar[str] = "document_revoked"
    zh: ClassVar[str] = "{title}（{reference}）已撤销，不能补打"
    en: ClassVar[str] = "The document {reference} was revoked and cannot be reprinted"


# --------------------------------------------------------------------------------------------
# Numbering
# --------------------------------------------------------------------------------------------


def next_number(s: Session, hall_id: int, series: str, year: int) -> int:
    """Bump the hall's yearly counter ``series`` and return the new number (the row stays
    locked to commit: two PCs never get the same number, and there are no gaps)."""
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    stmt = (
        upsert(HallCounter)
        .values(hall_id=hall_id, series=series, year=year, last_seq=1)
        .on_conflict_do_update(
            index_elements=[HallCounter.hall_id, HallCounter.series, HallCounter.year],
            set_={"last_seq": HallCounter.last_seq + 1},
        )
        .returning(HallCounter.last_seq)
    )
    return int(s.execute(stmt).scalar_one())


def doc_prefix(hall: Hall) -> str:
    """The 文号 prefix: the hall setting ``doc_prefix``, else the hall's place name + 审批."""
    explicit = str(hall_settings(hall).get("doc_prefix") or "").strip()
    if explicit:
        return explicit[:20]
    short = hall.name
    for tail in ("便民服务中心", "人民政府", "政务服务中心", "服务中心"):
        short = short.replace(tail, "")
    return f"{short or hall.code}审批"


DOC_SERIES: dict[str, tuple[str, str, str]] = {
    "wenhao": ("决定书文号", "Decision numbers", ""),
    "rejection": ("不予受理通知书文号", "Refusal notice numbers", "不受字"),
}
"""The 文号 series of a hall: series → (Chinese name, English name, the word after the prefix)."""


def reference_text(hall: Hall, series: str, year: int, seq: int) -> str:
    """The 文号 number ``seq`` of ``series`` for ``year``: ``青山镇审批不受字〔2026〕3号``."""
    return f"{doc_prefix(hall)}{DOC_SERIES[series][2]}〔{year}〕{seq}号"


def highest_used(s: Session, hall: Hall, series: str, year: int) -> int:
    """The highest number of ``series`` for ``year`` a document of ``hall`` carries (0: none),
    read from the documents' 文号 under the hall's present prefix (a 文号 is unique)."""
    head = f"{doc_prefix(hall)}{DOC_SERIES[series][2]}〔{year}〕"
    refs = s.scalars(select(Document.reference).where(Document.reference.like(f"{head}%号"))).all()
    best = 0
    for ref in refs:
        digits = (ref or "")[len(head) : -1]
        if (ref or "").startswith(head) and digits.isdigit():
            best = max(best, int(digits))
    return best


def next_reference(s: Session, hall: Hall, year: int) -> str:
    """The next 文号 of ``hall`` for ``year``: ``青山镇审批〔2025〕7号``."""
    return reference_text(hall, "wenhao", year, next_number(s, hall.id, "wenhao", year))


def next_rejection_number(s: Session, hall: Hall, year: int) -> str:
    """The next 文号 of a 不予受理通知书 of ``hall`` for ``year`` (series ``rejection``, its own
    count from 1 each year): ``青山镇审批不受字〔2026〕3号``."""
    return reference_text(hall, "rejection", year, next_number(s, hall.id, "rejection", year))


def next_serial(s: Session, seal: Seal, year: int) -> str:
    """The seal register's next serial number for ``seal``: ``2025-00012``."""
    return f"{year}-{next_number(s, seal.hall_id, f'seal{seal.id}'[:16], year):05d}"


# --------------------------------------------------------------------------------------------
# Writing and handing out documents
# --------------------------------------------------------------------------------------------


def with_seal(content: DocumentContent, seal: Seal | None) -> DocumentContent:
    """``content`` with the seal's image attached for printing (nothing for an unsealed one)."""
    if seal is None or not seal.image:
        return content
    return replace(content, seal_image=bytes(seal.image))


def record_seal_use(
    s: Session,
    actor: Actor,
    seal: Seal,
    case: Case,
    doc: Document,
    purpose: str,
    *,
    reprint_of: SealUse | None = None,
    reason: str = "",
) -> SealUse:
    """Log one stamping (用印登记) with the register's next serial, and audit it."""
    now = clock.now()
    use = SealUse(
        seal_id=seal.id,
        document_id=doc.id,
        case_id=case.id,
        used_by=actor.staff_id,
        used_at=now,
        purpose=purpose[:60],
        reprint_of_id=reprint_of.id if reprint_of is not None else None,
        serial=next_serial(s, seal, clock.to_local(now).year),
        kind="reprint" if reprint_of is not None else "original",
        reason=reason,
    )
    s.add(use)
    s.flush()
    audit(s, actor, "seal_use", case.case_no, seal=seal.name, purpose=purpose, serial=use.serial,
          document_id=doc.id, reprint=reprint_of is not None, reason=reason)  # fmt: skip
    return use


def write_document(
    s: Session,
    case: Case,
    actor: Actor,
    content: DocumentContent,
    seal: Seal | None,
    purpose: str,
) -> Document:
    """Store a window document (receipt, notice, rejection, hand-over slip); a sealed one's
    stamping is logged."""
    doc = Document(
        case_id=case.id,
        kind=content.kind,
        number=content.number,
        content=content.to_dict(),
        content_digest=content_digest(content.to_dict()),
        created_at=clock.now(),
        created_by=actor.staff_id,
    )
    s.add(doc)
    s.flush()
    if seal is not None:
        record_seal_use(s, actor, seal, case, doc, purpose)
    return doc


def kind_title(kind: str) -> str:
    return DOCUMENT_KINDS.get(DOCUMENT_KIND_ALIASES.get(kind, kind), kind)


def document_row(s: Session, case: Case, kind: str) -> Document:
    kind = DOCUMENT_KIND_ALIASES.get(kind, kind)
    doc = s.scalars(
        select(Document)
        .where(Document.case_id == case.id, Document.kind == kind)
        .order_by(Document.id.desc())
    ).first()
    if doc is None:
        raise NotFound(
            what=Bi(
                f"办件 {case.case_no} 的{kind_title(kind)}",
                f"document {kind} of case {case.case_no}",
            )
        )
    return doc


def first_use(s: Session, doc: Document) -> SealUse | None:
    return s.scalars(
        select(SealUse).where(SealUse.document_id == doc.id).order_by(SealUse.id)
    ).first()


def stored_content(s: Session, doc: Document) -> DocumentContent:
    """The document as stored, with its verification code and the seal's image attached."""
    content = DocumentContent.from_dict(doc.content)
    if doc.verify_code:
        content = replace(content, verify_code=format_code(doc.verify_code))
    use = first_use(s, doc)
    return with_seal(content, s.get(Seal, use.seal_id) if use is not None else None)


def case_document(rt: Runtime, actor: Actor, case_no: str, kind: str) -> DocumentContent:
    """The stored content of the case's latest document of ``kind`` (receipt, one_time_notice
    or notice, rejection, handover, decision), exactly as first printed. Staff of a hall that
    serves the case; the read is audited (documents name the applicant)."""
    require_staff_reader(rt, actor)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no)
        doc = document_row(s, case, kind)
        audit(s, actor, "document_read", case.case_no, host=rt.host, kind=doc.kind)
        return stored_content(s, doc)


# --------------------------------------------------------------------------------------------
# The approval seal: 办结 by the sealed decision
# --------------------------------------------------------------------------------------------


def town_key(s: Session, hall: Hall) -> SealKey:
    root = hall
    while root.parent_id is not None:
        root = load_hall(s, root.parent_id)
    return require_key(root.code, demo=bool(hall_settings(root).get("demo")))


def seal_keeper_seal(s: Session, actor: Actor, case: Case) -> tuple[Hall, Seal]:
    """The deciding hall and its approval seal, if ``actor`` is one of its seal keepers'
    hall (a seal keeper of a village point with a town back office cannot stamp for the
    town, nor the town's for another town)."""
    deciding = deciding_hall_of(s, case)
    if actor.hall_id != deciding.id:
        raise OutOfScope(what=f"办件 {case.case_no}", case_no=case.case_no)
    return deciding, approval_seal(s, deciding)


def decision_opinion(s: Session, case: Case) -> str:
    event = s.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action.in_(("approve", "refuse")))
        .order_by(CaseEvent.id.desc())
    ).first()
    return event.comment if event is not None else ""


@dataclass(frozen=True)
class Issued:
    """A sealed document handed out: its content (with code and seal image), the seal use's
    serial, the case as it now stands and the change events."""

    content: DocumentContent
    serial: str
    reprint: bool
    case: CaseSummary
    changes: tuple[Change, ...]


def issue_decision_in(s: Session, actor: Actor, case: Case, host: str = "") -> Issued:
    """Stamp and issue the 决定书 of a decided case (the caller holds the case row locked and
    has checked the seal-keeper role): 文号, content, verification code, seal use, 办结."""
    if case.state not in (CaseState.APPROVED.value, CaseState.REJECTED.value):
        existing = s.scalars(
            select(Document).where(Document.case_id == case.id, Document.kind == "decision")
        ).first()
        if existing is not None:
            raise AlreadyIssued(case_no=case.case_no, title=str(existing.content.get("title")),
                                reference=existing.reference or existing.number)  # fmt: skip
        st = CaseState(case.state)
        raise SealNotAllowed(case_no=case.case_no, state=st.zh, state_en=st.en)
    deciding, seal = seal_keeper_seal(s, actor, case)
    key = town_key(s, deciding)
    now = clock.now()
    v, _item, _dept = load_item(s, case.item_version_id)
    approved = case.result == "approved"
    reference = next_reference(s, deciding, clock.to_local(now).year)
    settings = hall_settings(deciding)
    facts = replace(case_facts(s, case, deciding, seal), hall_name=deciding.name)
    content = builders.decision(
        facts,
        decided_at=now,
        approved=approved,
        item_kind=v.kind,
        comment=case.reason if not approved else decision_opinion(s, case),
        legal_basis=v.legal_basis,
        review_body=str(settings.get("review_body", "") or ""),
        court=str(settings.get("court", "") or ""),
        number=reference,
        sealed=True,
    )
    stored = content.to_dict()
    digest = content_digest(stored)
    doc = Document(
        case_id=case.id,
        kind="decision",
        number=reference,
        reference=reference,
        content=stored,
        content_digest=digest,
        created_at=now,
        created_by=actor.staff_id,
    )
    # The verification code covers the row's id, so the id is taken first and the row
    # inserted whole: the document table is append-only for the hall's PCs (no UPDATE).
    doc.id = next_document_id(s)
    doc.verify_code = make_code(key.key, doc.id, digest)
    s.add(doc)
    s.flush()
    use = record_seal_use(s, actor, seal, case, doc, content.title)
    transition(s, case, actor, CaseState.COMPLETED, "办结", "complete",
               comment=f"{content.title} {reference} 用印", document_id=doc.id,
               reference=reference, serial=use.serial)  # fmt: skip
    case.completed_at = now
    case.node_deadline = None
    changes = (
        emit(s, Change("case.completed", case.hall_id,
                       {"case_no": case.case_no, "case_id": case.id, "state": case.state})),
        emit(s, Change("seal.used", case.hall_id,
                       {"case_no": case.case_no, "document_id": doc.id, "serial": use.serial})),
    )  # fmt: skip
    s.flush()
    out = with_seal(replace(content, verify_code=format_code(doc.verify_code)), seal)
    return Issued(out, use.serial, False, case_summary(s, case), changes)


def next_document_id(s: Session) -> int:
    """The id the next document row takes: from the table's sequence on PostgreSQL (nextval:
    no two sessions get the same), one past the largest on SQLite (its writers are serialised
    by the file's write lock, which this unit holds)."""
    if s.get_bind().dialect.name == "postgresql":
        return int(s.scalar(text("SELECT nextval(pg_get_serial_sequence('document', 'id'))")))
    return int(s.scalar(select(func.coalesce(func.max(Document.id), 0))) or 0) + 1


def issue_decision(rt: Runtime, actor: Actor, case_no: str) -> Issued:
    """办结: a seal keeper stamps the 决定书 of a decided case with the approval seal (see
    :func:`issue_decision_in`). Refused to other roles (:class:`PermissionDenied`), to another
    hall's seal keeper (as not found) and before a decision (:class:`SealNotAllowed`)."""
    require_role(rt, actor, SEAL_KEEPER)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        return issue_decision_in(s, actor, case, rt.host)


def reprint_in(s: Session, actor: Actor, case: Case, kind: str, reason: str) -> Issued:
    """补打 in the caller's unit of work (roles checked by the caller)."""
    kind = DOCUMENT_KIND_ALIASES.get(kind, kind)
    doc = document_row(s, case, kind)
    title = str(doc.content.get("title", kind_title(kind)))
    if doc.revoked_at is not None:
        raise DocumentRevoked(title=title, reference=doc.reference or doc.number)
    first = first_use(s, doc)
    seal = s.get(Seal, first.seal_id) if first is not None else None
    if kind in SEALED_KINDS:
        _deciding, seal = seal_keeper_seal(s, actor, case)
    use = None
    if seal is not None:
        use = record_seal_use(s, actor, seal, case, doc, f"补打{title}", reprint_of=first,
                              reason=reason)  # fmt: skip
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
            comment=f"{title}：{reason}",
            data={"document_id": doc.id, "kind": kind, "serial": use.serial if use else ""},
        )
    )
    change = emit(s, Change("case.document_reprinted", case.hall_id,
                            {"case_no": case.case_no, "kind": kind}))  # fmt: skip
    content = replace(stored_content(s, doc), mark="补打")
    return Issued(content, use.serial if use else "", True, case_summary(s, case), (change,))


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(f"请填写{what}的理由", field="reason")
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"理由最多{MAX_REASON}字", field="reason")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in reason):
        raise InvalidInput("理由含有控制字符", field="reason")
    return reason


def reprint(
    rt: Runtime, actor: Actor, case_no: str, kind: str, reason: str = ""
) -> DocumentContent:
    """补打: the stored document again, marked 补打; a sealed document's reprint is a new seal
    use (用印登记) pointing at the first one, with its reason, and a case event. A decision is
    reprinted by a seal keeper of the deciding hall and needs a reason; a window voucher by a
    clerk (reason defaults to 窗口补打)."""
    kind = DOCUMENT_KIND_ALIASES.get(kind, kind)
    require_role(rt, actor, *REPRINT_ROLES.get(kind, (CLERK,)))
    if kind in SEALED_KINDS:
        reason = _reason(reason, "补打")
    else:
        reason = (reason or "").strip()[:MAX_REASON] or WINDOW_REPRINT_REASON
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no)
        return reprint_in(s, actor, case, kind, reason).content


def revoke_in(s: Session, actor: Actor, case: Case, kind: str, reason: str) -> Change:
    kind = DOCUMENT_KIND_ALIASES.get(kind, kind)
    if kind not in SEALED_KINDS:
        raise InvalidInput("只有决定书、证照可以撤销", field="kind")
    doc = document_row(s, case, kind)
    title = str(doc.content.get("title", kind_title(kind)))
    if doc.revoked_at is not None:
        raise DocumentRevoked(title=title, reference=doc.reference or doc.number)
    deciding = deciding_hall_of(s, case)
    if actor.hall_id != deciding.id:
        raise OutOfScope(what=f"办件 {case.case_no}", case_no=case.case_no)
    now = clock.now()
    doc.revoked_at = now
    doc.revoked_by = actor.staff_id
    doc.revoke_reason = reason
    s.add(
        CaseEvent(
            case_id=case.id,
            node="撤销",
            action="revoke",
            from_state=case.state,
            to_state=case.state,
            at=now,
            staff_id=actor.staff_id,
            window_id=actor.window_id,
            comment=f"{title}（{doc.reference or doc.number}）：{reason}",
            data={"document_id": doc.id, "kind": kind},
        )
    )
    audit(s, actor, "document_revoke", case.case_no, document_id=doc.id, kind=kind,
          reference=doc.reference or doc.number, reason=reason)  # fmt: skip
    return emit(s, Change("case.document_revoked", case.hall_id,
                          {"case_no": case.case_no, "kind": kind}))  # fmt: skip


def revoke_document(rt: Runtime, actor: Actor, case_no: str, kind: str, reason: str) -> Change:
    """撤销 a sealed decision or certificate (seal keeper or manager of the deciding hall), with
    the reason; verification says so from then on and the document can no longer be
    reprinted."""
    require_role(rt, actor, *REVOKE_ROLES)
    reason = _reason(reason, "撤销")
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, case_no, lock=True)
        return revoke_in(s, actor, case, kind, reason)


# --------------------------------------------------------------------------------------------
# Verification (核验)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealUseInfo:
    serial: str
    kind: str  # original | reprint
    used_at: dt.datetime
    used_by_name: str
    reason: str


STATUS_ZH = {
    "genuine": "真实有效",
    "revoked": "已撤销",
    "altered": "记录与用印时不符，疑似篡改",
    "unchecked": "记录存在（本机未配置核验密钥，未复核内容）",
    "not_found": "核验码无效：未找到对应文书",
}
STATUS_EN = {
    "genuine": "Genuine",
    "revoked": "Revoked",
    "altered": "The record differs from what was sealed: possibly tampered with",
    "unchecked": "Record found (no verification key on this PC: content not re-checked)",
    "not_found": "Invalid code: no such document",
}


@dataclass(frozen=True)
class Verification:
    """What verifying a code shows: whether the document is genuine, its original record,
    reprints and revocation. Names are masked (a verification is shown at any window)."""

    code: str
    status: str  # genuine | revoked | altered | unchecked | not_found
    title: str = ""
    reference: str = ""
    case_no: str = ""
    hall_name: str = ""
    item_name: str = ""
    applicant: str = ""
    result_zh: str = ""
    issued_at: dt.datetime | None = None
    original: SealUseInfo | None = None
    reprints: tuple[SealUseInfo, ...] = ()
    revoked_at: dt.datetime | None = None
    revoked_by_name: str = ""
    revoke_reason: str = ""
    demo_key: bool = False

    @property
    def found(self) -> bool:
        return self.status != "not_found"

    @property
    def genuine(self) -> bool:
        """A real, unaltered, unrevoked document (or, without the key here, a real record)."""
        return self.status in ("genuine", "unchecked")

    @property
    def status_zh(self) -> str:
        return STATUS_ZH[self.status]

    @property
    def status_en(self) -> str:
        return STATUS_EN[self.status]

    @property
    def reprinted(self) -> bool:
        return bool(self.reprints)

    def to_json(self) -> dict[str, object]:
        def use(u: SealUseInfo | None) -> dict[str, object] | None:
            if u is None:
                return None
            return {"serial": u.serial, "kind": u.kind, "at": u.used_at.isoformat(),
                    "by": u.used_by_name, "reason": u.reason}  # fmt: skip

        return {
            "code": self.code,
            "status": self.status,
            "status_zh": self.status_zh,
            "genuine": self.genuine,
            "title": self.title,
            "reference": self.reference,
            "case_no": self.case_no,
            "hall": self.hall_name,
            "item": self.item_name,
            "applicant": self.applicant,
            "result": self.result_zh,
            "issued_at": self.issued_at.isoformat() if self.issued_at else None,
            "original": use(self.original),
            "reprints": [use(u) for u in self.reprints],
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "revoke_reason": self.revoke_reason,
            "demo_key": self.demo_key,
        }


def verify_in(s: Session, code: str) -> Verification:
    """Verify ``code`` in the caller's unit of work (no role needed: nothing personal is
    shown)."""
    wanted = normalise_code(code)
    shown = format_code(wanted) if wanted else ""
    doc = (
        s.scalars(select(Document).where(Document.verify_code == wanted)).first()
        if wanted
        else None
    )
    if doc is None or doc.case_id is None:
        return Verification(shown, "not_found")
    case = s.get(Case, doc.case_id)
    assert case is not None
    deciding = deciding_hall_of(s, case)
    root = deciding
    while root.parent_id is not None:
        root = load_hall(s, root.parent_id)
    key = load_key(root.code, demo=bool(hall_settings(root).get("demo")))
    digest = content_digest(doc.content)
    if key is None:
        status = "unchecked" if digest == doc.content_digest else "altered"
    else:
        ok = digest == doc.content_digest and hmac.compare_digest(
            make_code(key.key, doc.id, digest), wanted
        )
        status = "genuine" if ok else "altered"
    if status != "altered" and doc.revoked_at is not None:
        status = "revoked"
    uses = s.scalars(
        select(SealUse).where(SealUse.document_id == doc.id).order_by(SealUse.id)
    ).all()
    infos = [
        SealUseInfo(u.serial, "reprint" if u.reprint_of_id else "original", u.used_at,
                    staff_name(s, u.used_by), u.reason)
        for u in uses
    ]  # fmt: skip
    v, _item, _dept = load_item(s, case.item_version_id)
    applicant = s.get(Applicant, case.applicant_id) if case.applicant_id else None
    return Verification(
        code=shown,
        status=status,
        title=str(doc.content.get("title", "")),
        reference=doc.reference or doc.number,
        case_no=case.case_no,
        hall_name=deciding.name,
        item_name=v.name,
        applicant=mask_name(applicant.name) if applicant is not None else "",
        result_zh=RESULT_ZH.get(case.result, case.result),
        issued_at=doc.created_at,
        original=next((u for u in infos if u.kind == "original"), None),
        reprints=tuple(u for u in infos if u.kind == "reprint"),
        revoked_at=doc.revoked_at,
        revoked_by_name=staff_name(s, doc.revoked_by),
        revoke_reason=doc.revoke_reason,
        demo_key=key is not None and key.is_demo,
    )


def verify_document(rt: Runtime, actor: Actor | None, code: str) -> Verification:
    """核验: what the document with verification ``code`` is — genuine, revoked, altered since
    it was sealed, or unknown — with its original seal use and reprints. From any window or
    ``counter verify`` (``actor`` None); every verification is audited."""
    if len(code or "") > 200:
        raise InvalidInput("核验码过长", field="code")
    if actor is not None and actor.device in ("display",):
        raise PermissionDenied(role=Bi("工作人员", "staff member"))
    with rt.unit() as s:
        result = verify_in(s, code)
        audit(s, actor, "document_verify", result.reference or result.code[:20], host=rt.host,
              status=result.status, case_no=result.case_no)  # fmt: skip
        return result


__all__ = [
    "AlreadyIssued",
    "DocumentRevoked",
    "Issued",
    "SealNotAllowed",
    "SealUseInfo",
    "Verification",
    "case_document",
    "issue_decision",
    "issue_decision_in",
    "next_number",
    "next_reference",
    "reprint",
    "reprint_in",
    "revoke_document",
    "revoke_in",
    "verify_document",
    "verify_in",
    "with_seal",
    "write_document",
]
