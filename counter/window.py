"""The window's door (综合窗口): one function per thing a clerk does at the window.

Every function here is one unit of work: it checks the actor (a signed-in clerk of the hall, at
this window), does the action, reads back **what the window client shows** — the window's state:
the ticket at the window, its parked tickets, the lines of its queues with their estimates — in
the same transaction, and returns a frozen :class:`WindowResult` with the change events it
emitted. The window client applies ``result.window`` as it is, remembers the ids of
``result.changes``, and skips them when they come back from :mod:`counter.events`; other PCs'
events update the counts (:func:`apply_change`) without a read.

Round trips on PostgreSQL: "next" (finish the visitor, call the next one, read the window) is
ONE statement in autocommit, one round trip (:func:`counter.services.calling.pg_next`); a read
of the window is one statement; the other queue actions are one transaction whose window read is
one statement. On SQLite, reads never take the write lock.

The screens get their vocabularies from here (:func:`vocabulary`): ID types, material forms and
requirements, refusal reasons, sectors, evaluation reasons, green-channel reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change
from counter.documents.model import DocumentContent
from counter.domain import checklist
from counter.domain.applicants import CHECKED_ID_TYPES, ID_TYPES, ApplicantInput
from counter.domain.checklist import MaterialCheck
from counter.domain.evaluation import BadReason
from counter.domain.itemsearch import CatalogueEntry
from counter.domain.live import windows_in
from counter.domain.queue import PRIORITY_REASONS, W_CLOSED, W_OPEN, W_PAUSED
from counter.domain.refusals import (
    REFERRAL_BODIES,
    REFUSAL_GROUNDS,
    REFUSAL_REASONS,
    RefusalChoice,
    RefusalGround,
    RefusalReason,
)
from counter.errors import Bi, ConfigError, InvalidInput, PermissionDenied
from counter.services import auth, calling, catalog, evaluation, handout, intake, seal
from counter.services.base import CLERK, Actor, Runtime, require_role
from counter.services.cases import ApplicantInfo, CaseDetail, CaseResult
from counter.services.catalog import ItemDetail, ItemSummary
from counter.services.evaluation import EvaluationInfo
from counter.services.queue_state import (
    TicketView,
    WindowState,
    load_hall,
    load_window,
    window_state_in,
)

__all__ = [
    "RefusalChoice",
    "Desk",
    "IntakeRequest",
    "TransferTargets",
    "Vocabulary",
    "WindowResult",
    "accept",
    "apply_change",
    "call_ticket",
    "departments",
    "evaluate",
    "find_applicant",
    "finish",
    "hand_out",
    "return_originals",
    "item",
    "leave",
    "lookup_case",
    "next_visitor",
    "no_show",
    "notice",
    "open_window",
    "park",
    "pause",
    "recall",
    "refuse",
    "reprint",
    "resume",
    "search_items",
    "sign_in",
    "start",
    "state",
    "transfer",
    "transfer_targets",
    "vocabulary",
]


# --------------------------------------------------------------------------------------------
# What the door takes and returns
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Desk:
    """The signed-in clerk at this PC's window (工位): who, where, for whom."""

    actor: Actor
    hall_name: str
    window: int
    staff_phone: str = ""


@dataclass(frozen=True)
class WindowResult:
    """What a queue action did, the window as it now stands, and what changed.

    ``ticket``: the ticket the action was about (called, recalled, parked, …; ``None`` when
    "next" found nobody waiting); ``finished``: the visitor "next" finished first."""

    ticket: TicketView | None
    window: WindowState
    changes: tuple[Change, ...] = ()
    finished: TicketView | None = None

    @property
    def change_ids(self) -> frozenset[int]:
        return frozenset(c.id for c in self.changes if c.id is not None)


@dataclass(frozen=True)
class TransferTargets:
    """Where the ticket at the window may be sent: queues (prefix, name, waiting) and the
    other windows (number, name, state)."""

    queues: tuple[tuple[str, str, int], ...]
    windows: tuple[tuple[int, str, str], ...]
    current_queue: str | None = None


@dataclass(frozen=True)
class IntakeRequest:
    """An application as the clerk entered it: the item version, the applicant (and agent), the
    checklist, the visitor's ticket, notes; ``case_no`` for 补正后受理 (the case of a one-time
    notice whose materials were brought)."""

    version_id: int
    applicant: ApplicantInput
    materials: tuple[MaterialCheck, ...]
    agent: ApplicantInput | None = None
    ticket_id: int | None = None
    notes: str = ""
    case_no: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The words a window screen offers, as the core defines them."""

    id_types: tuple[str, ...]
    checked_id_types: tuple[str, ...]
    forms: Mapping[str, str]
    requirements: Mapping[str, str]
    statuses: Mapping[str, str]
    refusal_reasons: tuple[RefusalReason, ...]
    referral_bodies: tuple[str, ...]
    refusal_grounds: tuple[RefusalGround, ...]
    sectors: tuple[str, ...]
    bad_reasons: Mapping[str, str]
    priority_reasons: Mapping[str, str]
    window_states: Mapping[str, str] = field(
        default_factory=lambda: {W_OPEN: "开启", W_PAUSED: "暂停", W_CLOSED: "关闭"}
    )


def vocabulary() -> Vocabulary:
    """The vocabularies of the window screens (no database)."""
    return Vocabulary(
        id_types=tuple(ID_TYPES),
        checked_id_types=tuple(CHECKED_ID_TYPES),
        forms=dict(checklist.FORM_NAMES),
        requirements=dict(checklist.REQUIREMENT_NAMES),
        statuses=dict(checklist.STATUS_NAMES),
        refusal_reasons=REFUSAL_REASONS,
        referral_bodies=REFERRAL_BODIES,
        refusal_grounds=REFUSAL_GROUNDS,
        sectors=tuple(catalog.SECTORS),
        bad_reasons={r.value: r.zh for r in BadReason},
        priority_reasons=dict(PRIORITY_REASONS),
    )


# --------------------------------------------------------------------------------------------
# Sign-in and the window's state
# --------------------------------------------------------------------------------------------


def sign_in(rt: Runtime, staff_no: str, password: str, window: int | None) -> Desk:
    """Sign a clerk in at window ``window`` of this PC (refused without one: the window client
    needs its window; ``counter setup --window N``)."""
    if window is None:
        raise ConfigError(what="本机未配置窗口号（counter setup --window N）")
    signed = auth.sign_in(rt, staff_no, password, window_number=window)
    if not signed.actor.has(CLERK):
        require_role(rt, signed.actor, CLERK)  # audited, then refused
    return Desk(signed.actor, signed.hall_name, window, signed.staff_phone)


def _check(rt: Runtime, desk: Desk) -> None:
    if desk.actor.device in ("kiosk", "display", "evaluator"):
        raise PermissionDenied(role=Bi("窗口人员", "window clerk"))
    require_role(rt, desk.actor, CLERK)


def _state(s: Session, rt: Runtime, desk: Desk, now: dt.datetime) -> WindowState:
    """The window as its clerk sees it, read in ``s`` (one statement on PostgreSQL)."""
    if rt.is_postgres:
        return calling.pg_window_state(s.connection(), desk.actor.hall_id, desk.window, now)
    hall = load_hall(s, desk.actor.hall_id)
    return window_state_in(s, hall, load_window(s, hall.id, desk.window, lock=False), now)


def state(rt: Runtime, desk: Desk) -> WindowResult:
    """The window as it stands (a refresh: after a reconnect, or when another PC changed this
    window). Read only."""
    _check(rt, desk)
    now = clock.now()
    if rt.is_postgres:
        with rt.statement() as conn:
            st = calling.pg_window_state(conn, desk.actor.hall_id, desk.window, now)
        return WindowResult(st.current, st)
    with rt.unit(read_only=True) as s:
        st = _state(s, rt, desk, now)
    return WindowResult(st.current, st)


def open_window(rt: Runtime, desk: Desk) -> WindowResult:
    """开启: the clerk starts work at the window (after sign-in). Tickets left from earlier days
    are voided (numbers restart each day)."""
    return _window_state_action(rt, desk, W_OPEN)


def pause(rt: Runtime, desk: Desk, paused: bool) -> WindowResult:
    """暂停 (``paused``) or open the window again: a paused window is not called."""
    return _window_state_action(rt, desk, W_PAUSED if paused else W_OPEN)


def _window_state_action(rt: Runtime, desk: Desk, target: str) -> WindowResult:
    _check(rt, desk)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, desk.actor.hall_id)
        _win, changes = calling.set_window_state_in(s, desk.actor, hall, desk.window, target, now)
        st = _state(s, rt, desk, now)
    return WindowResult(st.current, st, changes)


def leave(rt: Runtime, desk: Desk, current: str = "") -> tuple[Change, ...]:
    """签退: ``current`` ("finish" | "park" | "") says what becomes of the visitor at the window;
    then the window is closed and the clerk signed out, in one unit of work."""
    if current not in ("", "finish", "park"):
        raise InvalidInput(field=f"签退时当前号票的处理“{current}”")
    _check(rt, desk)
    now = clock.now()
    changes: list[Change] = []
    with rt.unit() as s:
        hall = load_hall(s, desk.actor.hall_id)
        win = load_window(s, hall.id, desk.window)
        if win.current_ticket_id is not None and current == "finish":
            changes += calling.finish_in(s, hall, win, desk.actor.staff_id, now).changes
        elif win.current_ticket_id is not None and current == "park":
            changes += calling.park_in(s, desk.actor, hall, desk.window, now).changes
        _win, closed = calling.set_window_state_in(s, desk.actor, hall, desk.window, W_CLOSED, now)
        changes += closed
        auth.record_sign_out(s, rt, desk.actor)
    return tuple(changes)


# --------------------------------------------------------------------------------------------
# Queue actions
# --------------------------------------------------------------------------------------------


def next_visitor(rt: Runtime, desk: Desk) -> WindowResult:
    """叫号 (F1): finish the visitor at the window, if any, and call the next one; the result's
    ``ticket`` is ``None`` when nobody waits for this window. One round trip on PostgreSQL."""
    _check(rt, desk)
    now = clock.now()
    if rt.is_postgres:
        with rt.statement() as conn:
            out = calling.pg_next(rt, conn, desk.actor, desk.window, now, finish=True)
        assert out.state is not None
        return WindowResult(out.called, out.state, out.changes, out.finished)
    with rt.unit() as s:
        hall = load_hall(s, desk.actor.hall_id)
        out = calling.next_in(s, desk.actor, hall, desk.window, now, finish_current=True)
        st = _state(s, rt, desk, now)
    return WindowResult(out.called, st, out.changes, out.finished)


def _ticket_action(
    rt: Runtime, desk: Desk, fn: calling.TicketAction, pg: str | None = None
) -> WindowResult:
    """``fn`` on the ticket at the window, and the window's new state. On PostgreSQL the actions
    that have one (``pg``: recall, start, park, finish) go first as one statement; when it does
    not apply, the step-by-step path runs and says why (or does it, if the window changed)."""
    _check(rt, desk)
    now = clock.now()
    if pg is not None and rt.is_postgres:
        with rt.statement() as conn:
            fast = calling.pg_ticket_action(conn, desk.actor, pg, desk.window, now)
        if fast is not None:
            return WindowResult(fast[0].ticket, fast[1], fast[0].changes)
    with rt.unit() as s:
        hall = load_hall(s, desk.actor.hall_id)
        done = fn(s, desk.actor, hall, desk.window, now)
        st = _state(s, rt, desk, now)
    return WindowResult(done.ticket, st, done.changes)


def recall(rt: Runtime, desk: Desk) -> WindowResult:
    """重呼 (F2): call the visitor at the window again."""
    return _ticket_action(rt, desk, calling.recall_in, "recall")


def no_show(rt: Runtime, desk: Desk) -> WindowResult:
    """过号 (F3): the called visitor did not come (voided or re-queued by the hall's rule)."""
    return _ticket_action(rt, desk, calling.no_show_in)


def park(rt: Runtime, desk: Desk) -> WindowResult:
    """暂离 (F4): the visitor steps away; the ticket waits in this window's parked list."""
    return _ticket_action(rt, desk, calling.park_in, "park")


def start(rt: Runtime, desk: Desk) -> WindowResult:
    """开始办理: the called visitor is at the window (card read, item chosen)."""
    return _ticket_action(rt, desk, calling.start_in, "start")


def finish(rt: Runtime, desk: Desk) -> WindowResult:
    """办结 (F6): the visitor is done; the window is free."""
    return _ticket_action(rt, desk, calling.finish_at_in, "finish")


def resume(rt: Runtime, desk: Desk, ticket_id: int) -> WindowResult:
    """暂离返回: a parked ticket of this window comes back to it (one round trip on PostgreSQL
    when it applies; otherwise the step-by-step path says why)."""
    _check(rt, desk)
    now = clock.now()
    if rt.is_postgres:
        with rt.statement() as conn:
            fast = calling.pg_ticket_action(
                conn, desk.actor, "resume", desk.window, now, ticket_id=ticket_id
            )
        if fast is not None:
            return WindowResult(fast[0].ticket, fast[1], fast[0].changes)
    with rt.unit() as s:
        hall = load_hall(s, desk.actor.hall_id)
        done = calling.resume_in(s, desk.actor, hall, desk.window, ticket_id, now)
        st = _state(s, rt, desk, now)
    return WindowResult(done.ticket, st, done.changes)


def call_ticket(rt: Runtime, desk: Desk, ticket: int | str) -> WindowResult:
    """Call a particular waiting ticket (by id or today's number) out of turn."""
    _check(rt, desk)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, desk.actor.hall_id)
        done = calling.call_ticket_in(s, desk.actor, hall, desk.window, ticket, now)
        st = _state(s, rt, desk, now)
    return WindowResult(done.ticket, st, done.changes)


def transfer(
    rt: Runtime, desk: Desk, *, queue: str | None = None, window: int | None = None
) -> WindowResult:
    """转移 (F5): send the visitor at the window to another queue or window."""
    _check(rt, desk)
    now = clock.now()
    with rt.unit() as s:
        hall = load_hall(s, desk.actor.hall_id)
        done = calling.transfer_in(
            s, desk.actor, hall, desk.window, now, to_queue=queue, to_window=window
        )
        st = _state(s, rt, desk, now)
    return WindowResult(done.ticket, st, done.changes)


def transfer_targets(rt: Runtime, desk: Desk) -> TransferTargets:
    """Where the visitor at the window may be sent (read only)."""
    _check(rt, desk)
    from counter.services.queue_state import hall_status

    hall = hall_status(rt, desk.actor)
    st = state(rt, desk).window
    return TransferTargets(
        queues=tuple((q.prefix, q.name, q.waiting) for q in hall.queues),
        windows=tuple((w.number, w.name, w.state) for w in hall.windows if w.number != desk.window),
        current_queue=st.current.queue if st.current is not None else None,
    )


def apply_change(window: WindowState, change: Change) -> tuple[WindowState, bool]:
    """``window`` after another PC's ``change``: the newer counts of its queues are taken as
    they are (no read). The second value says whether the screen should read its state again
    (one statement): this very window was changed elsewhere (a manager voided its ticket), a new
    day began, or another window opened, paused or closed (the estimates change)."""
    updated = window.with_counts(change.payload)
    lines = windows_in(change.payload)
    mine = any(line.number == window.number and line.version > window.version for line in lines)
    others = change.type == "window.state" and any(line.number != window.number for line in lines)
    return updated, mine or others or change.type == "queue.expired"


# --------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------


def search_items(
    rt: Runtime,
    desk: Desk,
    text: str,
    *,
    department_id: int | None = None,
    sector: str | None = None,
    limit: int = 300,
) -> list[ItemSummary]:
    """Items matching ``text`` (name, code, pinyin, initials), this window's frequent first."""
    _check(rt, desk)
    return catalog.search_items(
        rt,
        text,
        department_id=department_id,
        sector=sector,
        window_id=desk.actor.window_id,
        limit=limit,
    )


def catalogue(rt: Runtime, desk: Desk) -> tuple[CatalogueEntry[ItemSummary], ...]:
    """The active catalogue for the client's in-memory search (read again on a
    ``catalogue.*`` change), with this window's and the town's use counts."""
    _check(rt, desk)
    window_id = desk.actor.window_id
    return tuple(catalog.catalogue_entries(rt, window_id))


def item(rt: Runtime, desk: Desk, version_id: int) -> ItemDetail:
    """An item version with its materials (the checklist)."""
    _check(rt, desk)
    return catalog.get_item(rt, version_id=version_id)


def departments(rt: Runtime, desk: Desk) -> list[tuple[int, str, str]]:
    _check(rt, desk)
    return catalog.list_departments(rt)


# --------------------------------------------------------------------------------------------
# Intake, hand-out, evaluation
# --------------------------------------------------------------------------------------------


def find_applicant(rt: Runtime, desk: Desk, kind: str, number: str) -> ApplicantInfo | None:
    """A returning applicant by ID number (``kind`` person) or USCC (enterprise); audited."""
    _check(rt, desk)
    if kind == "uscc":
        return intake.find_applicant(rt, desk.actor, uscc=number)
    return intake.find_applicant(rt, desk.actor, id_number=number)


def accept(rt: Runtime, desk: Desk, req: IntakeRequest) -> CaseResult:
    """受理 (Ctrl+Enter): every required material received; returns the case and its receipt."""
    _check(rt, desk)
    return intake.accept_case(
        rt,
        desk.actor,
        item_version_id=req.version_id,
        applicant=req.applicant,
        agent=req.agent,
        materials=req.materials,
        ticket_id=req.ticket_id,
        notes=req.notes,
        case_no=req.case_no or None,
    )


def notice(rt: Runtime, desk: Desk, req: IntakeRequest) -> CaseResult:
    """一次性告知 (Ctrl+G): the materials the applicant must still bring, in one notice."""
    _check(rt, desk)
    return intake.issue_one_time_notice(
        rt,
        desk.actor,
        item_version_id=req.version_id,
        applicant=req.applicant,
        agent=req.agent,
        materials=req.materials,
        ticket_id=req.ticket_id,
        notes=req.notes,
    )


def refuse(rt: Runtime, desk: Desk, req: IntakeRequest, reason: str | RefusalChoice) -> CaseResult:
    """不予受理 (Ctrl+R) with its sealed notice: a reason chosen from the vocabulary (its clause
    cited with its 项, the body to apply to when it refers elsewhere) or typed freely."""
    _check(rt, desk)
    choice = reason if isinstance(reason, RefusalChoice) else RefusalChoice("", reason)
    return intake.reject_application(
        rt,
        desk.actor,
        item_version_id=req.version_id,
        applicant=req.applicant,
        reason=choice.extra,
        agent=req.agent,
        ticket_id=req.ticket_id,
        reason_code=choice.code,
        refer_to=choice.refer_to,
        ground=choice.ground,
    )


def referral_bodies(rt: Runtime, desk: Desk) -> tuple[str, ...]:
    """The bodies this hall offers to refer an applicant to (hall setting ``referral_bodies``)."""
    _check(rt, desk)
    return intake.referral_bodies(rt, desk.actor)


def lookup_case(rt: Runtime, desk: Desk, code: str) -> CaseDetail:
    """A scanned or typed case number: a case waiting for materials (its one-time notice) opens
    for 补正后受理, any other case for hand-out. The caller routes on ``state``."""
    _check(rt, desk)
    case = handout.find_case_for_handout(rt, desk.actor, code)
    if case.state == "awaiting_materials":
        return intake.open_case_for_completion(rt, desk.actor, code)
    return case


def hand_out(
    rt: Runtime,
    desk: Desk,
    case_no: str,
    collector_id_number: str,
    collector_name: str = "",
    returned: Sequence[int] | None = None,
) -> CaseResult:
    """出件: the result handed to the applicant or the agent (ID number checked), with the
    held originals given back (``returned``: their checklist ``seq``; None: all held)."""
    _check(rt, desk)
    return handout.hand_out(
        rt,
        desk.actor,
        case_no,
        collector_id_number=collector_id_number,
        collector_name=collector_name,
        returned=returned,
    )


def return_originals(
    rt: Runtime, desk: Desk, case_no: str, returned: Sequence[int] | None = None
) -> CaseResult:
    """退还原件 after 出件: the held originals ticked (``returned``: checklist ``seq``; None: all
    still held) given back, with a 退还材料回执 to sign."""
    _check(rt, desk)
    return handout.return_originals(rt, desk.actor, case_no, returned)


def reprint(rt: Runtime, desk: Desk, case_no: str, kind: str) -> DocumentContent:
    """补打: a case's document again, marked 补打 (a new, logged seal use)."""
    _check(rt, desk)
    return seal.reprint(rt, desk.actor, case_no, kind)


def evaluate(
    rt: Runtime,
    desk: Desk,
    level: int,
    reasons: Sequence[str],
    comment: str = "",
    *,
    case_id: int | None = None,
    ticket_id: int | None = None,
) -> EvaluationInfo:
    """好差评 from the evaluation device at this window (一次一评 / 一事一评)."""
    return evaluation.record_evaluation(
        rt,
        desk.actor,
        level=level,
        reasons=tuple(reasons),
        comment=comment,
        case_id=case_id,
        ticket_id=ticket_id,
        channel="device",
    )
