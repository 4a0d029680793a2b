"""Intake at the window (受理): the applicant, the checklist and one of three outcomes.

- :func:`accept_case` — 受理: every required material received; a case number, the promised and
  statutory deadlines in working days, the materials recorded, the 受理 event, the item counted
  for the window, the 受理回执 written and its seal use logged. An on-the-spot item (即办件) is
  accepted, decided and completed in the same unit of work. Given the ``case_no`` of a case
  awaiting materials, the same case is accepted once they are brought (补正后受理);
- :func:`issue_one_time_notice` — 一次性告知书 listing exactly the missing materials and the time
  allowed (hall setting ``notice_days``, working days); the case waits for materials;
- :func:`reject_application` — 不予受理通知书 with the reason and the right to 行政复议 (60 days)
  or 行政诉讼 (6 months);
- :func:`open_case_for_completion` — the case of a one-time notice, reopened at the window;
- :func:`find_applicant` — a returning applicant's details (also for the kiosk's 自助填表).

Only a clerk (窗口人员) acts at the window; a kiosk or a screen is refused even though its system
actor holds every role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.documents import builders
from counter.documents.model import DocumentContent
from counter.domain.applicants import (
    ApplicantInput,
    applicant_error,
    validate_applicant,
)
from counter.domain.cases import (
    CaseState,
    check_transition,
)
from counter.domain.checkchars import (
    normalize_code,
)
from counter.domain.checklist import (
    MISSING,
    MaterialCheck,
    missing_for_acceptance,
    missing_for_notice,
)
from counter.domain.masking import id_hash, mask_id_number
from counter.domain.refusals import refusal_ground, refusal_reason
from counter.domain.workdays import add_working_days
from counter.errors import (
    Bi,
    CounterError,
    InvalidInput,
)
from counter.services.base import CLERK, MANAGER, Actor, Runtime, audit, require_role
from counter.services.calendar import hall_calendar
from counter.services.cases import (
    CHANNELS,
    FIELD_ZH,
    MAX_NOTES,
    MAX_REASON,
    ApplicantInfo,
    CaseDetail,
    CaseResult,
    OutOfScope,
    acceptance_seal,
    applicant_info,
    case_detail,
    case_facts,
    case_for,
    case_summary,
    check_materials,
    check_ticket,
    current_item,
    hall_settings,
    hash_key,
    insert_case,
    int_setting,
    load_item,
    material_lines,
    node_deadline,
    record_materials,
    require_window_actor,
    scope_refusals_audited,
    transition,
    upsert_applicant,
)
from counter.services.catalog import record_item_use
from counter.services.queue_state import load_hall
from counter.services.seal import (
    next_rejection_number,
    with_seal,
    write_document,
)
from db.models import (
    Applicant,
    Case,
    Hall,
    Material,
    ServiceItem,
    ServiceItemVersion,
)


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


@dataclass(frozen=True)
class _Checked:
    material: Material
    requirement: str
    status: str


def missing_materials(
    version: ServiceItemVersion, checks: Mapping[int, MaterialCheck], *, conditional: bool
) -> list[Material]:
    """The materials that keep the case from being accepted (``conditional=False``) or that a
    one-time notice demands (``conditional=True``), by the rules of
    :mod:`counter.domain.checklist`; a material not mentioned counts as missing."""
    rows = [
        _Checked(m, m.requirement, checks[m.id].status if m.id in checks else MISSING)
        for m in version.materials
    ]
    chosen = missing_for_notice(rows) if conditional else missing_for_acceptance(rows)
    return [r.material for r in chosen]


@dataclass(frozen=True)
class Prepared:
    applicant: ApplicantInput
    agent: ApplicantInput | None
    warnings: tuple[str, ...]
    notes: str


def prepare(
    applicant: ApplicantInput, agent: ApplicantInput | None, notes: str, channel: str = "window"
) -> Prepared:
    """Validate everything that needs no database, before the unit of work starts."""
    if applicant is None:
        raise InvalidInput(Bi("缺少申请人", "no applicant"), field="applicant")
    today = clock.today()
    a, w1 = validate_applicant(applicant, who="申请人", today=today)
    g, w2 = (None, ()) if agent is None else validate_applicant(agent, who="代办人", today=today)
    if g is not None and g.kind != "person":
        raise applicant_error("代办人", "kind", "代办人应为个人", "an agent is a person")
    if len(notes) > MAX_NOTES:
        raise InvalidInput(
            Bi(f"备注最多{MAX_NOTES}字", f"at most {MAX_NOTES} characters"), field="notes"
        )
    if channel not in CHANNELS:
        raise InvalidInput(
            Bi(f"受理渠道“{channel}”无效", f"unknown channel {channel!r}"), field="channel"
        )
    return Prepared(a, g, (*w1, *w2), notes.strip())


class ItemNotOffered(CounterError):
    """A village point (村便民服务点) with a list of items it may accept was asked to accept
    (or open a one-time notice for) an item not on it: the applicant goes to the town hall,
    or gets a 不予受理 notice (not this point's competence)."""

    code = "item_not_offered"
    zh = "本服务点不受理事项 {item}，请到镇便民服务中心办理"
    en = "This service point does not accept item {item}; the town hall does"


def check_item_offered(hall: Hall, item: ServiceItem) -> None:
    """Refuse an item a village point may not accept (its setting ``allowed_items``, set by
    the town's administrator; none listed: every item)."""
    if hall.kind != "village":
        return
    allowed = (hall.settings or {}).get("allowed_items") or ()
    if allowed and item.code not in allowed:
        raise ItemNotOffered(item=item.code)


def new_case(
    s: Session, actor: Actor, hall: Hall, item: ServiceItem, v: ServiceItemVersion, p: Prepared,
    *, ticket_id: int | None, channel: str,
) -> tuple[Case, dict[str, Any], list[str]]:  # fmt: skip
    """Insert a draft case with its applicant and agent; returns it, the event data about
    updated applicant details, and warnings."""
    key = hash_key(s, hall)
    applicant, a_changes = upsert_applicant(s, key, p.applicant)
    agent_id = None
    g_changes: dict[str, list[Any]] = {}
    if p.agent is not None:
        agent, g_changes = upsert_applicant(s, key, p.agent)
        agent_id = agent.id
    now = clock.now()
    case = Case(
        hall_id=hall.id,
        item_id=item.id,
        item_version_id=v.id,
        applicant_id=applicant.id,
        agent_id=agent_id,
        agent_relation=p.agent.relation if p.agent is not None else "",
        ticket_id=check_ticket(s, hall, ticket_id),
        window_id=actor.window_id,
        channel=channel,
        state=CaseState.DRAFT.value,
        accepted_by=actor.staff_id,
        notes=p.notes,
        created_at=now,
        updated_at=now,
        materials=[],  # a new case has none yet: no query to find out
    )
    insert_case(s, hall, case, clock.today())
    data: dict[str, Any] = {}
    warnings: list[str] = []
    if a_changes:
        data["applicant_changes"] = a_changes
        warnings.append("已更新申请人信息：" + "、".join(FIELD_ZH.get(f, f) for f in a_changes))
    if g_changes:
        data["agent_changes"] = g_changes
        warnings.append("已更新代办人信息：" + "、".join(FIELD_ZH.get(f, f) for f in g_changes))
    return case, data, warnings


def accept_into(
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
    record_materials(case, v, checks)
    case.accepted_at = now
    case.accepted_by = actor.staff_id
    case.window_id = actor.window_id if actor.window_id is not None else case.window_id
    case.deadline = promised.date
    case.statutory_deadline = statutory.date
    case.deadline_confirmed = confirmed
    case.node_deadline = node_deadline(v, CaseState.ACCEPTED, today, cal)
    if not confirmed:
        warnings.append(
            f"{promised.date.year}年法定节假日安排尚未载入工作日历，承诺办结日期"
            f"{promised.date.isoformat()}为按常规工作日推算的暂定日期"
        )
    received = [m for m in case.materials if m.status == "received"]
    transition(
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
        transition(s, case, actor, CaseState.APPROVED, "审批", "approve", comment="即办件当场办结")
        case.decided_at = now
        case.result = "approved"
        transition(
            s, case, actor, CaseState.COMPLETED, "办结", "complete", comment="即办件当场办结"
        )
        case.completed_at = now
        case.node_deadline = None
    if actor.window_id is not None:
        record_item_use(s, actor.window_id, item.id)
    seal = acceptance_seal(s, hall)
    s.flush()
    mats = {m.id: m for m in v.materials}
    content = builders.receipt(
        case_facts(s, case, hall, seal),
        accepted_at=now,
        materials=material_lines(received, mats),
        promised_date=promised.date,
        promised_days=v.promised_days,
        statutory_date=statutory.date,
        statutory_days=v.statutory_days,
        deadline_confirmed=confirmed,
        on_the_spot=v.on_the_spot,
    )
    write_document(s, case, actor, content, seal, "受理回执")
    content = with_seal(content, seal)
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
        hall = load_hall(s, actor.hall_id)
        digest = id_hash(number, hash_key(s, hall))
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
        return applicant_info(row)


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
    require_window_actor(rt, actor)
    p = prepare(applicant, agent, notes, channel)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        v, item, _dept = current_item(s, item_version_id)
        check_item_offered(hall, item)
        checks = check_materials(v, materials)
        missing = missing_materials(v, checks, conditional=False)
        if missing:
            raise MaterialsIncomplete(
                missing="、".join(m.name for m in missing), count=len(missing)
            )
        warnings = list(p.warnings)
        if case_no:
            case = case_for(s, actor, case_no, lock=True)
            if case.hall_id != hall.id or case.item_version_id != v.id:
                raise InvalidInput(
                    Bi("补正受理的办件与所选事项不符", "the case is for another item"),
                    field="case_no",
                )
            check_transition(case.state, CaseState.ACCEPTED)
            key = hash_key(s, hall)
            _row, changes_a = upsert_applicant(s, key, p.applicant)
            data: dict[str, Any] = {"after_notice": True}
            if changes_a:
                data["applicant_changes"] = changes_a
                warnings.append(
                    "已更新申请人信息：" + "、".join(FIELD_ZH.get(f, f) for f in changes_a)
                )
            if notes:
                case.notes = (case.notes + "\n" + p.notes).strip()
            if p.agent is not None and p.agent.relation:
                case.agent_relation = p.agent.relation
        else:
            case, data, more = new_case(
                s, actor, hall, item, v, p, ticket_id=ticket_id, channel=channel
            )
            warnings += more
        content, changes = accept_into(s, actor, hall, case, item, v, checks, data, warnings)
        s.flush()
        summary = case_summary(s, case)
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
    require_window_actor(rt, actor)
    p = prepare(applicant, agent, notes)
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        v, item, _dept = current_item(s, item_version_id)
        check_item_offered(hall, item)
        checks = check_materials(v, materials)
        missing = missing_materials(v, checks, conditional=True)
        if not missing:
            raise NothingMissing()
        case, data, warnings = new_case(
            s, actor, hall, item, v, p, ticket_id=ticket_id, channel="window"
        )
        warnings = [*p.warnings, *warnings]
        now, today = clock.now(), clock.today()
        notice_days = max(1, int_setting(hall, "notice_days", 5))
        due = add_working_days(today, notice_days, hall_calendar(s, hall.id))
        record_materials(case, v, checks)
        case.node_deadline = due.date
        transition(
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
        seal = acceptance_seal(s, hall)
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
            case_facts(s, case, hall, seal),
            issued_at=now,
            missing=lines,
            notice_days=notice_days,
            due_date=due.date,
            due_confirmed=due.confirmed,
        )
        write_document(s, case, actor, content, seal, "一次性告知书")
        content = with_seal(content, seal)
        change = emit(
            s,
            Change("case.awaiting_materials", hall.id,
                   {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
        )  # fmt: skip
        summary = case_summary(s, case)
    return CaseResult(summary, (content,), (change,), tuple(warnings))


class RefusalGroundRequired(InvalidInput):
    """A reason for 不予受理 typed freely that does not say what it rests on (a ground of
    行政许可法 第三十二条 with its 项, or the item's own legal basis): the notice must name it."""

    code: ClassVar[str] = "refusal_ground_required"
    zh: ClassVar[str] = (
        "自行填写的不予受理理由须注明依据：行政许可法第三十二条的某一项，或本事项的法律依据"
    )
    en: ClassVar[str] = (
        "A reason typed freely must say what it rests on: a ground of article 32 of the "
        "Administrative Licensing Law (with its item) or the item's own legal basis"
    )


class ItemLegalBasisMissing(RefusalGroundRequired):
    """A refusal that would cite the item's own legal basis (the coded reason ``not_eligible``,
    or a free reason on the ground ``legal_basis``) while the item's catalogue entry records
    none: nothing true to cite, so the clerk must type the reason and choose the ground of
    第三十二条 it rests on. ``params``: ``field`` (``ground``), ``reason_code``."""

    code: ClassVar[str] = "item_legal_basis_missing"
    zh: ClassVar[str] = (
        "本事项目录未载明法律依据，通知书无可援引的条款：请选择“其他理由（自行填写，须注明依据）”，"
        "写明理由并选择所依据的行政许可法第三十二条相应项"
    )
    en: ClassVar[str] = (
        "The item's catalogue entry records no legal basis, so the notice has nothing to cite: "
        "choose “other reason”, type the reason and choose the ground of article 32 of the "
        "Administrative Licensing Law it rests on"
    )


def referral_bodies(rt: Runtime, actor: Actor) -> tuple[str, ...]:
    """The bodies the window offers when a matter is not within this body's competence (行政许可法
    第三十二条第一款第（二）项): the hall setting ``referral_bodies`` (default
    :data:`counter.domain.refusals.REFERRAL_BODIES`). Offered, never imposed: the clerk may type
    another."""
    require_window_actor(rt, actor)
    with rt.unit(read_only=True) as s:
        value = hall_settings(load_hall(s, actor.hall_id)).get("referral_bodies")
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def reject_application(
    rt: Runtime,
    actor: Actor,
    *,
    item_version_id: int,
    applicant: ApplicantInput,
    reason: str,
    agent: ApplicantInput | None = None,
    ticket_id: int | None = None,
    reason_code: str = "",
    refer_to: str = "",
    ground: str = "",
) -> CaseResult:
    """不予受理 at once (not an item needing permission, or not this body's competence), with a
    sealed notice giving the reason, the clause of 行政许可法 第三十二条 it rests on (with its 项),
    for a matter outside this body's competence the body to apply to (``refer_to``, required
    then), and the right to 行政复议 or 行政诉讼 before the hall's ``review_body`` and ``court``.

    ``reason_code`` is one of :data:`counter.domain.refusals.REFUSAL_REASONS` (``reason`` then
    adds to its text) or empty for a reason typed freely, which must name the ``ground`` it
    rests on (:data:`counter.domain.refusals.REFUSAL_GROUNDS`: a ground of 第三十二条 with its
    项, or the item's own legal basis; :class:`RefusalGroundRequired` without one). A reason
    resting on the item's own legal basis (the coded ``not_eligible``, or the ground
    ``legal_basis``) while the catalogue records none is refused before anything is written
    (:class:`ItemLegalBasisMissing`: type the reason and choose a ground of 第三十二条). The
    notice always names a true clause. It carries a 文号 from
    the hall's yearly series ``rejection`` (``青山镇审批不受字〔2026〕3号``)."""
    require_window_actor(rt, actor)
    reason = (reason or "").strip()
    chosen = refusal_reason(reason_code) if reason_code else None
    if reason_code and chosen is None:
        raise InvalidInput(f"不予受理理由“{reason_code}”无效", field="reason")
    rests_on = refusal_ground(ground) if ground else None
    if ground and rests_on is None:
        raise InvalidInput(
            Bi(f"不予受理依据“{ground}”无效", f"unknown ground “{ground}”"), field="ground"
        )
    if chosen is not None:
        reason = chosen.text + (f"。{reason}" if reason and reason != chosen.text else "")
    if not reason:
        raise InvalidInput(
            Bi("请填写不予受理的理由", "give the reason for not accepting"), field="reason"
        )
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            Bi(f"理由最多{MAX_REASON}字", f"at most {MAX_REASON} characters"), field="reason"
        )
    if chosen is None and rests_on is None:
        raise RefusalGroundRequired(field="ground")
    refer_to = (refer_to or "").strip()
    refers = (
        chosen.refer_elsewhere
        if chosen is not None
        else bool(rests_on and rests_on.refer_elsewhere)
    )
    if refers and not refer_to:
        raise InvalidInput(
            Bi(
                "不属于本机关职权范围的，请填写应当向哪个机关申请（行政许可法第三十二条）",
                "name the body to apply to instead (Administrative Licensing Law, art. 32)",
            ),
            field="refer_to",
        )
    if len(refer_to) > 60:
        raise InvalidInput(
            Bi("受理机关名称最多60字", "the body's name takes at most 60 characters"),
            field="refer_to",
        )
    p = prepare(applicant, agent, "")
    with rt.unit() as s:
        hall = load_hall(s, actor.hall_id)
        v, item, _dept = load_item(s, item_version_id)
        clause = chosen.clause if chosen is not None else rests_on.clause if rests_on else ""
        if not clause:  # the reason rests on the item's own legal basis: it must have one
            clause = (v.legal_basis or "").strip()
        if not clause:  # refused before anything is written: nothing true to cite
            raise ItemLegalBasisMissing(field="ground", reason_code=reason_code)
        case, data, warnings = new_case(
            s, actor, hall, item, v, p, ticket_id=ticket_id, channel="window"
        )
        warnings = [*p.warnings, *warnings]
        case.reason = reason
        case.result = "not_accepted"
        now = clock.now()
        number = next_rejection_number(s, hall, clock.to_local(now).year)
        transition(s, case, actor, CaseState.NOT_ACCEPTED, "不予受理", "reject_application",
                    comment=reason, reason_code=reason_code, ground=ground, refer_to=refer_to,
                    number=number, **data)  # fmt: skip
        seal = acceptance_seal(s, hall)
        settings = hall_settings(hall)
        s.flush()
        content = builders.rejection_notice(
            case_facts(s, case, hall, seal),
            issued_at=now,
            reason=reason,
            clause=clause,
            refer_to=refer_to,
            review_body=str(settings.get("review_body", "") or ""),
            court=str(settings.get("court", "") or ""),
            number=number,
        )
        doc = write_document(s, case, actor, content, seal, "不予受理通知书")
        doc.reference = number
        content = with_seal(content, seal)
        change = emit(
            s,
            Change("case.not_accepted", hall.id,
                   {"case_no": case.case_no, "case_id": case.id, "state": case.state}),
        )  # fmt: skip
        summary = case_summary(s, case)
    return CaseResult(summary, (content,), (change,), tuple(warnings))


def open_case_for_completion(rt: Runtime, actor: Actor, code: str) -> CaseDetail:
    """补正后受理, step one: the case whose number was scanned from a one-time notice (or typed),
    with its applicant, agent and materials (the missing ones still marked missing), so the
    window can check the brought materials and accept it under the same number
    (:func:`accept_case` with ``case_no``). Refused unless the case belongs to this hall, waits
    for materials and its item version is still the current one."""
    require_window_actor(rt, actor)
    with scope_refusals_audited(rt, actor), rt.unit() as s:
        case = case_for(s, actor, code)
        if case.hall_id != actor.hall_id:
            raise OutOfScope(what=f"办件 {code}", case_no=case.case_no)
        audit(s, actor, "case_read", case.case_no, host=rt.host, purpose="completion")
        if case.state != CaseState.AWAITING_MATERIALS.value:
            state = CaseState(case.state)
            raise NotAwaitingMaterials(case_no=case.case_no, state=state.zh, state_en=state.en)
        current_item(s, case.item_version_id)
        return case_detail(s, case)
