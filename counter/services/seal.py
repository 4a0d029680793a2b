"""One seal (一章审批): the documents of a case, each use of the approval seal logged (用印登记),
reprints (补打) as new logged uses.

Every voucher the window issues (受理回执, 一次性告知书, 不予受理通知书) bears the approval seal and
is stamped by the clerk who issues it; decisions (决定书) by a reviewer. A reprint needs the role
that may stamp that document: for window vouchers a clerk, a reviewer or the seal keeper
(印章管理员); for a decision a reviewer or the seal keeper; a hand-over slip carries no seal and a
clerk reprints it.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.documents.model import DocumentContent
from counter.errors import (
    NotFound,
)
from counter.services.base import CLERK, REVIEWER, SEAL_KEEPER, Actor, Runtime, audit, require_role
from counter.services.cases import DOCUMENT_KIND_ALIASES, case_by_no
from db.models import (
    Case,
    CaseEvent,
    Document,
    Seal,
    SealUse,
)


def write_document(
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


def document_row(s: Session, case: Case, kind: str) -> Document:
    kind = DOCUMENT_KIND_ALIASES.get(kind, kind)
    doc = s.scalars(
        select(Document)
        .where(Document.case_id == case.id, Document.kind == kind)
        .order_by(Document.id.desc())
    ).first()
    if doc is None:
        raise NotFound(what=f"办件 {case.case_no} 的{kind_title(kind)}")
    return doc


def kind_title(kind: str) -> str:
    from counter.documents.model import DOCUMENT_KINDS

    return DOCUMENT_KINDS.get(DOCUMENT_KIND_ALIASES.get(kind, kind), kind)


def case_document(rt: Runtime, case_no: str, kind: str) -> DocumentContent:
    """The stored content of the case's latest document of ``kind`` (receipt, one_time_notice
    or notice, rejection, handover, decision), exactly as first printed."""
    with rt.unit() as s:
        case = case_by_no(s, case_no)
        return DocumentContent.from_dict(document_row(s, case, kind).content)


REPRINT_ROLES = {
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
    require_role(rt, actor, *REPRINT_ROLES.get(kind, (CLERK,)))
    with rt.unit() as s:
        case = case_by_no(s, case_no)
        doc = document_row(s, case, kind)
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
