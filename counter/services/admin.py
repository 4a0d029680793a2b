"""Running a hall (系统管理): staff, hall settings, windows and queues, the calendar, village
service points, the catalogue's deactivation and import preview.

Every function here requires the administrator role (系统管理员) of the actor's hall — a
village point (村便民服务点) under it is the town administrator's too — and refuses anyone else
in the service itself (audited by :func:`counter.services.base.require_role`). Every change is
audited and announced with :func:`counter.changes.emit` in its own unit of work, so screens on
other PCs (the window client's item finder, the displays) see it without a restart. Results are
frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.domain import settings_form
from counter.domain.settings import DEFAULT_HALL_SETTINGS, merged
from counter.domain.text import check_code, check_text
from counter.errors import Bi, Conflict, InvalidInput, NotFound, PermissionDenied
from counter.services import auth
from counter.services.base import ADMIN, Actor, Runtime, audit, require_role
from counter.services.queue_state import (
    line_payload,
    load_hall,
    local_day,
    touch_window,
)
from db.models import (
    CalendarDay,
    CalendarYear,
    Hall,
    Queue,
    ServiceItem,
    ServiceItemVersion,
    Staff,
    Ticket,
    TicketCounter,
    Window,
    WindowItemUse,
    WindowQueue,
)

WAITING_STATES = ("waiting", "parked")


def require_admin(rt: Runtime, actor: Actor) -> None:
    """Refuse (audited) unless ``actor`` holds the administrator role."""
    require_role(rt, actor, ADMIN)


def _halls_of(s: Session, actor: Actor) -> dict[int, Hall]:
    """The halls ``actor`` administers: its own and the village points under it."""
    own = load_hall(s, actor.hall_id)
    out = {own.id: own}
    for h in s.scalars(select(Hall).where(Hall.parent_id == own.id)):
        out[h.id] = h
    return out


def _hall(s: Session, actor: Actor, hall_code: str | None) -> Hall:
    """The hall ``hall_code`` (default: the actor's), if the actor administers it."""
    halls = _halls_of(s, actor)
    if not hall_code:
        return halls[actor.hall_id]
    for h in halls.values():
        if h.code == hall_code:
            return h
    raise PermissionDenied(role=f"{hall_code} 的系统管理员")


# --------------------------------------------------------------------------------------------
# Staff and roles
# --------------------------------------------------------------------------------------------


def _staff(s: Session, actor: Actor, staff_no: str) -> Staff:
    st = s.scalars(select(Staff).where(Staff.staff_no == staff_no.strip())).first()
    if st is None or st.hall_id not in _halls_of(s, actor):
        raise NotFound(what=f"工号 {staff_no}")
    return st


def _info(s: Session, st: Staff) -> auth.StaffInfo:
    hall = s.get(Hall, st.hall_id)
    return auth._info(st, hall_code=hall.code if hall else "")


def list_staff(rt: Runtime, actor: Actor) -> tuple[auth.StaffInfo, ...]:
    """Every staff member of the actor's hall and its village points."""
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        halls = _halls_of(s, actor)
        rows = s.scalars(
            select(Staff).where(Staff.hall_id.in_(list(halls))).order_by(Staff.staff_no)
        )
        return tuple(auth._info(st, hall_code=halls[st.hall_id].code) for st in rows)


def check_staff_scope(rt: Runtime, actor: Actor, staff_no: str) -> None:
    """Refuse (NotFound) a staff number outside the actor's halls before a change."""
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        _staff(s, actor, staff_no)


def set_staff_active(rt: Runtime, actor: Actor, staff_no: str, active: bool) -> auth.StaffInfo:
    """Deactivate (停用) or reactivate an account; never the last administrator."""
    require_admin(rt, actor)
    with rt.unit() as s:
        st = _staff(s, actor, staff_no)
        if not active:
            auth.refuse_last_admin(s, st)
        st.active = active
        audit(s, actor, "staff_activate" if active else "staff_deactivate", st.staff_no,
              host=rt.host)  # fmt: skip
        emit(s, Change("staff.changed", actor.hall_id, {"staff_no": st.staff_no}))
        s.flush()
        return _info(s, st)


def set_staff_hall(rt: Runtime, actor: Actor, staff_no: str, hall_code: str) -> auth.StaffInfo:
    """Move a person to another hall the actor administers (a village point's agent, 代办员)."""
    require_admin(rt, actor)
    with rt.unit() as s:
        st = _staff(s, actor, staff_no)
        hall = _hall(s, actor, hall_code)
        if st.id == actor.staff_id and hall.id != actor.hall_id:
            auth.refuse_last_admin(s, st)
        st.hall_id = hall.id
        audit(s, actor, "staff_hall", st.staff_no, host=rt.host, hall=hall.code)
        emit(s, Change("staff.changed", actor.hall_id, {"staff_no": st.staff_no}))
        s.flush()
        return _info(s, st)


def staff_info(rt: Runtime, actor: Actor, staff_no: str) -> auth.StaffInfo:
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        return _info(s, _staff(s, actor, staff_no))


# --------------------------------------------------------------------------------------------
# Hall settings
# --------------------------------------------------------------------------------------------

#: Columns of the hall row edited alongside its settings.
HALL_FIELDS: dict[str, tuple[str, str, int]] = {
    "name": ("名称", "Name", 120),
    "address": ("地址", "Address", 200),
    "phone": ("电话", "Phone", 40),
    "timezone": ("时区", "Time zone", 40),
}


@dataclass(frozen=True)
class HallSettings:
    """A hall as its administrator edits it: the columns, the settings (defaults filled in)
    and the editor's rows (:func:`counter.domain.settings_form.fields`)."""

    hall_id: int
    code: str
    kind: str
    parent_code: str | None
    info: Mapping[str, str]
    settings: Mapping[str, Any]
    fields: tuple[settings_form.SettingField, ...]
    next_reference: str = ""  # the 文号 the next decision of this year gets

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "parent": self.parent_code,
            **dict(self.info),
            "next_reference": self.next_reference,
            "settings": dict(self.settings),
        }


def _hall_settings(s: Session, hall: Hall) -> HallSettings:
    from counter.services.seal import doc_prefix
    from db.models import HallCounter

    parent = s.get(Hall, hall.parent_id) if hall.parent_id else None
    values = merged(hall.settings)
    year = local_day(hall, clock.now()).year
    row = s.get(HallCounter, (hall.id, "wenhao", year))
    following = (row.last_seq if row is not None else 0) + 1
    return HallSettings(
        hall.id,
        hall.code,
        hall.kind,
        parent.code if parent else None,
        {k: str(getattr(hall, k) or "") for k in HALL_FIELDS},
        values,
        settings_form.fields(values),
        f"{doc_prefix(hall)}〔{year}〕{following}号",
    )


@dataclass(frozen=True)
class DocNumberSeries:
    """One 文号 series of a hall for a year, as its administrator sees it: the last number
    given (``last_seq``), the highest a document carries (``highest_used``), the next number
    and the 文号 it makes."""

    series: str
    name_zh: str
    name_en: str
    year: int
    last_seq: int
    highest_used: int
    next_seq: int
    next_reference: str


MAX_DOC_SEQ = 999_999


def _doc_series(s: Session, hall: Hall, series: str, year: int) -> DocNumberSeries:
    from counter.services.seal import DOC_SERIES, highest_used, reference_text
    from db.models import HallCounter

    row = s.get(HallCounter, (hall.id, series, year))
    last = row.last_seq if row is not None else 0
    zh, en, _word = DOC_SERIES[series]
    return DocNumberSeries(
        series, zh, en, year, last, highest_used(s, hall, series, year), last + 1,
        reference_text(hall, series, year, last + 1),
    )  # fmt: skip


def _series_year(hall: Hall, series: str, year: int | None) -> int:
    from counter.services.seal import DOC_SERIES

    if series not in DOC_SERIES:
        raise InvalidInput(
            Bi(f"未知的文号序列“{series}”", f"unknown number series “{series}”"), field="series"
        )
    if year is None:
        return local_day(hall, clock.now()).year
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidInput(Bi("年度应在2000至2100之间", "year between 2000 and 2100"), field="year")
    return year


def doc_number_series(
    rt: Runtime, actor: Actor, year: int | None = None, hall_code: str | None = None
) -> tuple[DocNumberSeries, ...]:
    """The hall's 文号 series for ``year`` (default: this year in the hall): the decisions'
    (``wenhao``) and the refusal notices' (``rejection``). Administrators only."""
    require_admin(rt, actor)
    from counter.services.seal import DOC_SERIES

    with rt.unit(read_only=True) as s:
        hall = _hall(s, actor, hall_code)
        return tuple(
            _doc_series(s, hall, series, _series_year(hall, series, year)) for series in DOC_SERIES
        )


def set_next_doc_number(
    rt: Runtime,
    actor: Actor,
    series: str,
    next_seq: int,
    year: int | None = None,
    hall_code: str | None = None,
) -> DocNumberSeries:
    """Set the next number of the hall's 文号 ``series`` for ``year`` (default: this year): the
    next document gets ``next_seq``. Refused (InvalidInput, field ``next_seq``) when a document
    already carries that number or a higher one (a 文号 is never given twice; the counter row is
    locked meanwhile, so no document is numbered behind the check); numbers skipped stay unused,
    and a jump that no document used yet may be taken back. Audited (``doc_number_set``, with
    the next number before)."""
    require_admin(rt, actor)
    if (
        isinstance(next_seq, bool)
        or not isinstance(next_seq, int)
        or not 1 <= next_seq <= MAX_DOC_SEQ
    ):
        raise InvalidInput(
            Bi(f"下一个号应为1至{MAX_DOC_SEQ}", f"the next number is 1 to {MAX_DOC_SEQ}"),
            field="next_seq",
        )
    from db.models import HallCounter

    with rt.unit() as s:
        hall = _hall(s, actor, hall_code)
        year_ = _series_year(hall, series, year)
        row = s.scalars(
            select(HallCounter)
            .where(
                HallCounter.hall_id == hall.id,
                HallCounter.series == series,
                HallCounter.year == year_,
            )
            .with_for_update()
        ).first()
        before = _doc_series(s, hall, series, year_)
        used = before.highest_used
        if next_seq <= used:
            raise InvalidInput(
                Bi(
                    f"{year_}年已用到第{used}号，下一个号不能小于{used + 1}",
                    f"number {used} of {year_} is already given: the next is at least {used + 1}",
                ),
                field="next_seq",
            )
        if row is None:
            row = HallCounter(hall_id=hall.id, series=series, year=year_, last_seq=0)
            s.add(row)
        row.last_seq = next_seq - 1
        audit(
            s, actor, "doc_number_set", hall.code, host=rt.host,
            series=series, year=year_, before=before.next_seq, next=next_seq,
        )  # fmt: skip
        s.flush()
        return _doc_series(s, hall, series, year_)


def hall_settings(rt: Runtime, actor: Actor, hall_code: str | None = None) -> HallSettings:
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        return _hall_settings(s, _hall(s, actor, hall_code))


def parse_assignments(pairs: Iterable[str]) -> dict[str, Any]:
    """``KEY=VALUE`` texts as typed values (hall columns stay text)."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InvalidInput("应写成 KEY=VALUE", field=pair[:40])
        out[key] = value.strip() if key in HALL_FIELDS else settings_form.parse_value(key, value)
    return out


def set_hall_settings(
    rt: Runtime, actor: Actor, changes: Mapping[str, Any], hall_code: str | None = None
) -> tuple[HallSettings, tuple[Change, ...]]:
    """Change hall columns (``name``, ``address``, ``phone``, ``timezone``) and settings (any
    key of :data:`~counter.domain.settings.DEFAULT_HALL_SETTINGS`, checked by type). An unknown
    key is refused (a typo must not pass silently). Audited with the keys and old values."""
    require_admin(rt, actor)
    if not changes:
        raise InvalidInput("没有要修改的设置", field="settings")
    checked: dict[str, Any] = {}
    columns: dict[str, str] = {}
    for key, value in changes.items():
        if key in HALL_FIELDS:
            zh, en, limit = HALL_FIELDS[key]
            text = check_text(
                str(value), Bi(zh, en), max_len=limit, required=key == "name"
            )  # no control or bidi characters: the name is shown on the hall's screens
            if key == "timezone":
                try:
                    ZoneInfo(text)
                except (ZoneInfoNotFoundError, ValueError):
                    raise InvalidInput("未知时区（如 Asia/Shanghai）", field=key) from None
            columns[key] = text
        elif key in DEFAULT_HALL_SETTINGS:
            checked[key] = settings_form.check_value(key, value)
        else:
            raise InvalidInput(Bi("未知的设置项", "no such setting"), field=key)
    with rt.unit() as s:
        hall = _hall(s, actor, hall_code)
        before = merged(hall.settings)
        for key, text in columns.items():
            setattr(hall, key, text)
        if checked:
            hall.settings = {**(hall.settings or {}), **checked}
        audit(
            s, actor, "hall_settings", hall.code, host=rt.host,
            keys=sorted([*columns, *checked]),
            before={k: before.get(k) for k in checked},
        )  # fmt: skip
        change = emit(s, Change("hall.settings", hall.id, {"keys": sorted([*columns, *checked])}))
        s.flush()
        return _hall_settings(s, hall), (change,)


# --------------------------------------------------------------------------------------------
# Windows and queues
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueInfo:
    prefix: str
    name: str
    opens_at: dt.time | None
    closes_at: dt.time | None
    daily_cap: int | None
    active: bool
    waiting: int  # waiting today (issued there or transferred in)


@dataclass(frozen=True)
class WindowInfo:
    number: int
    name: str
    active: bool
    state: str
    queues: tuple[tuple[str, int], ...]  # (prefix, weight)
    frequent: tuple[str, ...]  # item codes accepted most often here


@dataclass(frozen=True)
class Floor:
    """The windows and queues of one hall as the administrator edits them."""

    hall_code: str
    queues: tuple[QueueInfo, ...]
    windows: tuple[WindowInfo, ...]
    changes: tuple[Change, ...] = ()

    def window(self, number: int) -> WindowInfo:
        return next(w for w in self.windows if w.number == number)

    def queue(self, prefix: str) -> QueueInfo:
        return next(q for q in self.queues if q.prefix == prefix)


def _floor(s: Session, hall: Hall, changes: tuple[Change, ...] = ()) -> Floor:
    today = local_day(hall, clock.now())
    waiting = dict(
        s.execute(
            select(TicketCounter.queue_id, TicketCounter.waiting).where(TicketCounter.day == today)
        ).all()
    )
    queues = list(s.scalars(select(Queue).where(Queue.hall_id == hall.id).order_by(Queue.sort)))
    prefix = {q.id: q.prefix for q in queues}
    qinfo = tuple(
        QueueInfo(
            q.prefix,
            q.name,
            q.opens_at,
            q.closes_at,
            q.daily_cap,
            q.active,
            int(waiting.get(q.id, 0)),
        )  # fmt: skip
        for q in queues
    )
    windows = list(
        s.scalars(select(Window).where(Window.hall_id == hall.id).order_by(Window.number))
    )
    links: dict[int, list[tuple[str, int]]] = {}
    for wq in s.scalars(
        select(WindowQueue).where(WindowQueue.window_id.in_([w.id for w in windows] or [-1]))
    ):
        links.setdefault(wq.window_id, []).append((prefix.get(wq.queue_id, "?"), int(wq.weight)))
    frequent: dict[int, list[str]] = {}
    for wid, code in s.execute(
        select(WindowItemUse.window_id, ServiceItem.code)
        .join(ServiceItem, ServiceItem.id == WindowItemUse.item_id)
        .where(WindowItemUse.window_id.in_([w.id for w in windows] or [-1]))
        .order_by(WindowItemUse.uses.desc())
    ).all():
        if len(frequent.setdefault(wid, [])) < 5:
            frequent[wid].append(code)
    order = {q.prefix: n for n, q in enumerate(queues)}
    winfo = tuple(
        WindowInfo(
            w.number,
            w.name,
            w.active,
            w.state,
            tuple(sorted(links.get(w.id, []), key=lambda p: order.get(p[0], 99))),
            tuple(frequent.get(w.id, [])),
        )  # fmt: skip
        for w in windows
    )
    return Floor(hall.code, qinfo, winfo, changes)


def floor(rt: Runtime, actor: Actor, hall_code: str | None = None) -> Floor:
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        return _floor(s, _hall(s, actor, hall_code))


def set_window_queues(
    rt: Runtime,
    actor: Actor,
    number: int,
    queues: Mapping[str, int],
    hall_code: str | None = None,
) -> Floor:
    """Which queues window ``number`` serves, with weights (1–10), from now on.

    Tickets belong to queues, not to windows: moving a window from one queue to another during
    the day leaves every waiting ticket where it is, in its queue and its place, to be called by
    the windows that serve that queue (or by this one once it serves it again). The window's
    line is touched so its own screen reads its state again."""
    require_admin(rt, actor)
    if not queues:
        raise InvalidInput("窗口至少服务一个队列", field="queues")
    for p, w in queues.items():
        if isinstance(w, bool) or not isinstance(w, int) or not 1 <= w <= 10:
            raise InvalidInput("权重应为1至10", field=f"weight {p}")
    with rt.unit() as s:
        hall = _hall(s, actor, hall_code)
        win = s.scalars(
            select(Window).where(Window.hall_id == hall.id, Window.number == int(number))
            .with_for_update()
        ).first()  # fmt: skip
        if win is None:
            raise NotFound(what=f"{number}号窗口")
        by_prefix = {q.prefix: q for q in s.scalars(select(Queue).where(Queue.hall_id == hall.id))}
        wanted: dict[int, int] = {}
        for p, w in queues.items():
            q = by_prefix.get(p.strip().upper())
            if q is None or not q.active:
                raise NotFound(what=f"队列 {p}")
            wanted[q.id] = w
        before = {
            wq.queue_id: wq for wq in s.scalars(
                select(WindowQueue).where(WindowQueue.window_id == win.id))
        }  # fmt: skip
        for qid, wq in before.items():
            if qid not in wanted:
                s.delete(wq)
        for qid, weight in wanted.items():
            if qid in before:
                before[qid].weight = weight
            else:
                s.add(WindowQueue(window_id=win.id, queue_id=qid, weight=weight))
        touch_window(win)
        s.flush()
        names = {q.id: q.prefix for q in by_prefix.values()}
        audit(s, actor, "window_queues", f"{hall.code} {win.number}", host=rt.host,
              queues={names[q]: w for q, w in wanted.items()})  # fmt: skip
        change = emit(
            s,
            Change("hall.windows", hall.id, {**line_payload(s, {}, win), "window": win.number}),
        )
        return _floor(s, hall, (change,))


def save_window(
    rt: Runtime,
    actor: Actor,
    number: int,
    *,
    name: str,
    active: bool = True,
    hall_code: str | None = None,
) -> Floor:
    """Add window ``number`` or change its name / active flag (a new window serves the
    hall's first queue until told otherwise). A window serving a visitor is not deactivated."""
    require_admin(rt, actor)
    name = name.strip()
    if not name or len(name) > 60:
        raise InvalidInput("窗口名称应为1至60个字符", field="name")
    if isinstance(number, bool) or not 1 <= int(number) <= 999:
        raise InvalidInput("窗口号应为1至999", field="number")
    with rt.unit() as s:
        hall = _hall(s, actor, hall_code)
        win = s.scalars(
            select(Window).where(Window.hall_id == hall.id, Window.number == int(number))
        ).first()
        if win is None:
            win = _new_window(s, hall, int(number), name)
        else:
            if not active and win.current_ticket_id is not None:
                raise Conflict(what=f"{number}号窗口正在办理，不能停用")
            win.name = name
        win.active = active
        touch_window(win)
        s.flush()
        audit(s, actor, "window_save", f"{hall.code} {win.number}", host=rt.host, name=name,
              active=active)  # fmt: skip
        change = emit(
            s,
            Change("hall.windows", hall.id, {**line_payload(s, {}, win), "window": win.number}),
        )
        return _floor(s, hall, (change,))


def _new_window(s: Session, hall: Hall, number: int, name: str) -> Window:
    """A new (closed) window ``number`` of ``hall`` serving the hall's first active queue."""
    win = Window(hall_id=hall.id, number=number, name=name, state="closed")
    s.add(win)
    s.flush()
    first = s.scalars(
        select(Queue).where(Queue.hall_id == hall.id, Queue.active.is_(True)).order_by(Queue.sort)
    ).first()
    if first is not None:
        s.add(WindowQueue(window_id=win.id, queue_id=first.id, weight=1))
    return win


def _new_queue(s: Session, hall: Hall, prefix: str, name: str) -> Queue:
    """A new queue ``prefix`` of ``hall``, sorted after its others."""
    q = Queue(hall_id=hall.id, prefix=prefix, name=name,
              sort=int(s.scalar(select(func.count()).select_from(Queue)
                                .where(Queue.hall_id == hall.id)) or 0))  # fmt: skip
    s.add(q)
    return q


def _time(value: dt.time | str | None, field: str) -> dt.time | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput("时间应为 HH:MM", field=field) from None


def save_queue(
    rt: Runtime,
    actor: Actor,
    prefix: str,
    *,
    name: str,
    opens_at: dt.time | str | None = None,
    closes_at: dt.time | str | None = None,
    daily_cap: int | None = None,
    active: bool = True,
    new_prefix: str | None = None,
    hall_code: str | None = None,
) -> Floor:
    """Add queue ``prefix`` or change its name, hours, daily cap, active flag or prefix. The
    prefix of a queue that issued tickets today stays (those numbers carry it); a queue with
    tickets waiting is not deactivated."""
    require_admin(rt, actor)
    prefix = prefix.strip().upper()
    target = (new_prefix or prefix).strip().upper()
    if not (1 <= len(target) <= 4 and target.isascii() and target.isalnum()):
        raise InvalidInput("队列前缀应为1至4位字母或数字", field="prefix")
    name = name.strip()
    if not name or len(name) > 60:
        raise InvalidInput("队列名称应为1至60个字符", field="name")
    opens, closes = _time(opens_at, "opens_at"), _time(closes_at, "closes_at")
    if opens and closes and opens >= closes:
        raise InvalidInput("开始时间应早于结束时间", field="hours")
    if daily_cap is not None and (isinstance(daily_cap, bool) or not 1 <= daily_cap <= 100_000):
        raise InvalidInput("每日上限应为正整数", field="daily_cap")
    with rt.unit() as s:
        hall = _hall(s, actor, hall_code)
        today = local_day(hall, clock.now())
        q = s.scalars(select(Queue).where(Queue.hall_id == hall.id, Queue.prefix == prefix)).first()
        if q is None:
            q = _new_queue(s, hall, target, name)
        else:
            counter = s.get(TicketCounter, (q.id, today))
            if target != prefix:
                if counter is not None and counter.last_seq:
                    raise Conflict(what=f"队列 {prefix} 今天已取号，前缀明天起才能修改")
                if s.scalars(select(Queue.id).where(Queue.hall_id == hall.id,
                                                    Queue.prefix == target)).first():  # fmt: skip
                    raise Conflict(what=f"队列前缀 {target} 已存在")
                q.prefix = target
            if not active and counter is not None and counter.waiting > 0:
                raise Conflict(what=f"队列 {prefix} 还有 {counter.waiting} 人等候，不能停用")
        q.name, q.opens_at, q.closes_at, q.daily_cap, q.active = (
            name,
            opens,
            closes,
            daily_cap,
            active,
        )
        s.flush()
        audit(s, actor, "queue_save", f"{hall.code} {q.prefix}", host=rt.host, name=name,
              opens=str(opens or ""), closes=str(closes or ""), cap=daily_cap,
              active=active)  # fmt: skip
        change = emit(s, Change("hall.queues", hall.id, {"queue": q.prefix}))
        return _floor(s, hall, (change,))


def waiting_tickets(rt: Runtime, actor: Actor, prefix: str, hall_code: str | None = None) -> int:
    """How many of today's tickets of queue ``prefix`` wait (or are parked) now."""
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        hall = _hall(s, actor, hall_code)
        q = s.scalars(select(Queue).where(Queue.hall_id == hall.id, Queue.prefix == prefix)).first()
        if q is None:
            raise NotFound(what=f"队列 {prefix}")
        return int(
            s.scalar(
                select(func.count()).select_from(Ticket).where(
                    Ticket.queue_id == q.id, Ticket.state.in_(WAITING_STATES),
                    Ticket.day == local_day(hall, clock.now()),
                )
            ) or 0
        )  # fmt: skip


# --------------------------------------------------------------------------------------------
# Catalogue: deactivation and the import preview
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportDiff:
    """What importing a file would do: codes added, changed (a new version) and deactivated
    (marked ``"active": false`` in the file, or — with ``deactivate_missing`` — active items the
    file does not list), and how many stay as they are."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    deactivated: tuple[str, ...]
    unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deactivated)


def import_diff(
    rt: Runtime, actor: Actor, raw: Any, *, deactivate_missing: bool = False
) -> ImportDiff:
    """Compare a parsed catalogue file with the current catalogue (nothing is written)."""
    from counter.services.catalog import _version_differs, validate_items

    require_admin(rt, actor)
    specs = validate_items(raw)
    off = {str(o.get("code", "")).strip() for o in raw if isinstance(o, dict)
           and o.get("active") is False}  # fmt: skip
    with rt.unit(read_only=True) as s:
        from db.models import Department

        current = {
            item.code: (item, v)
            for item, v in s.execute(
                select(ServiceItem, ServiceItemVersion).join(
                    ServiceItemVersion, ServiceItem.current_version_id == ServiceItemVersion.id
                )
            ).all()
        }
        dept_of = {
            code: name
            for code, name in s.execute(
                select(ServiceItem.code, Department.name).join(
                    Department, Department.id == ServiceItem.department_id
                )
            ).all()
        }
        added, changed, gone = [], [], []
        unchanged = 0
        for spec in specs:
            if spec.code in off:
                if spec.code in current and current[spec.code][0].active:
                    gone.append(spec.code)
                continue
            if spec.code not in current:
                added.append(spec.code)
            elif (
                _version_differs(current[spec.code][1], spec)
                or dept_of.get(spec.code) != spec.department
                or not current[spec.code][0].active
            ):
                changed.append(spec.code)
            else:
                unchanged += 1
        if deactivate_missing:
            listed = {sp.code for sp in specs}
            gone += sorted(c for c, (i, _v) in current.items() if c not in listed and i.active)
    return ImportDiff(tuple(added), tuple(changed), tuple(gone), unchanged)


def set_item_active(rt: Runtime, actor: Actor, codes: Iterable[str], active: bool) -> Change:
    """Deactivate (停用: no new case, existing cases untouched) or reactivate items."""
    require_admin(rt, actor)
    wanted = sorted({c.strip() for c in codes if c.strip()})
    if not wanted:
        raise InvalidInput("没有事项编码", field="code")
    with rt.unit() as s:
        items = list(s.scalars(select(ServiceItem).where(ServiceItem.code.in_(wanted))))
        missing = set(wanted) - {i.code for i in items}
        if missing:
            raise NotFound(what=f"事项 {', '.join(sorted(missing))}")
        for item in items:
            item.active = active
        audit(s, actor, "catalogue_activate" if active else "catalogue_deactivate",
              ",".join(wanted)[:120], host=rt.host, codes=wanted)  # fmt: skip
        return emit(
            s,
            Change("catalogue.changed", actor.hall_id, {"codes": wanted, "active": active}),
        )


# --------------------------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayMark:
    day: dt.date
    is_workday: bool
    name: str
    scope: str  # "national" or the hall's code
    source: str


@dataclass(frozen=True)
class CalendarYearView:
    """A year as the administrator sees it: whether its national data is confirmed (loaded
    from the package or entered and confirmed), the marked days (national and the hall's), and
    which years around it are still unconfirmed."""

    year: int
    confirmed: bool
    source: str
    days: tuple[DayMark, ...]
    unconfirmed_years: tuple[int, ...]

    def working(self, day: dt.date) -> bool:
        """Whether ``day`` (of this year) is a working day for the hall."""
        marks = [m for m in self.days if m.day == day]
        if any(m.scope != "national" and not m.is_workday for m in marks):
            return False
        national = [m for m in marks if m.scope == "national"]
        if national:
            return national[0].is_workday
        hall_extra = [m for m in marks if m.is_workday]
        return bool(hall_extra) or day.weekday() < 5


def calendar_year(rt: Runtime, actor: Actor, year: int) -> CalendarYearView:
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        hall = load_hall(s, actor.hall_id)
        row = s.get(CalendarYear, year)
        days = tuple(
            DayMark(d.day, d.is_workday, d.name, d.scope, d.source)
            for d in s.scalars(
                select(CalendarDay)
                .where(
                    CalendarDay.day >= dt.date(year, 1, 1),
                    CalendarDay.day <= dt.date(year, 12, 31),
                    CalendarDay.scope.in_(["national", hall.code]),
                )
                .order_by(CalendarDay.day)
            )
        )
        known = set(s.scalars(select(CalendarYear.year)))
        this = local_day(hall, clock.now()).year
        unconfirmed = tuple(y for y in range(this - 1, this + 2) if y not in known)
        return CalendarYearView(year, row is not None, row.source if row else "", days, unconfirmed)


def mark_day(
    rt: Runtime,
    actor: Actor,
    day: dt.date,
    *,
    is_workday: bool,
    name: str = "",
    national: bool = False,
    confirm_year: bool = False,
) -> CalendarYearView:
    """Mark a closure day (``is_workday`` False) or an extra working day for the hall, or a
    national day (``national``; an entered holiday before the package knows the year)."""
    from counter.services import calendar as cal

    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        code = None if national else load_hall(s, actor.hall_id).code
    cal.set_day(rt, actor, day, is_workday=is_workday, name=name, hall_code=code,
                confirm_year=confirm_year)  # fmt: skip
    return calendar_year(rt, actor, day.year)


def unmark_day(
    rt: Runtime, actor: Actor, day: dt.date, *, national: bool = False
) -> CalendarYearView:
    from counter.services import calendar as cal

    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        code = None if national else load_hall(s, actor.hall_id).code
    cal.remove_day(rt, actor, day, hall_code=code)
    return calendar_year(rt, actor, day.year)


def reload_national_year(rt: Runtime, actor: Actor, year: int) -> CalendarYearView:
    """Load the national holidays of ``year`` again from the package (after it was updated):
    the year's national days from the package are replaced; days entered by an administrator
    stay. Refused for a year the package does not know."""
    from counter.domain.workdays import chinesecalendar_years, national_calendar_data

    require_admin(rt, actor)
    if year not in chinesecalendar_years():
        raise InvalidInput(f"chinesecalendar 尚无 {year} 年的数据，请手工录入", field="year")
    holidays, workdays, _known = national_calendar_data({year})
    with rt.unit() as s:
        old = list(
            s.scalars(
                select(CalendarDay).where(
                    CalendarDay.scope == "national",
                    CalendarDay.day >= dt.date(year, 1, 1),
                    CalendarDay.day <= dt.date(year, 12, 31),
                )
            )
        )
        entered = {d.day for d in old if d.source == "admin"}
        for d in old:
            if d.source != "admin":
                s.delete(d)
        s.flush()
        for marks, working in ((holidays, False), (workdays, True)):
            for day, name in marks.items():
                if day.year == year and day not in entered:
                    s.add(CalendarDay(day=day, scope="national", is_workday=working, name=name,
                                      source="chinesecalendar"))  # fmt: skip
        row = s.get(CalendarYear, year)
        if row is None:
            s.add(CalendarYear(year=year, source="chinesecalendar", loaded_at=clock.now()))
        else:
            row.source, row.loaded_at = "chinesecalendar", clock.now()
        audit(s, actor, "calendar_reload", str(year), host=rt.host)
        emit(s, Change("calendar.changed", actor.hall_id, {"year": year}))
    return calendar_year(rt, actor, year)


# --------------------------------------------------------------------------------------------
# A new town hall
# --------------------------------------------------------------------------------------------

NEW_HALL_QUEUE = ("A", "综合受理")  # the queue a new hall starts with; its windows serve it


def has_town_hall(rt: Runtime) -> bool:
    """Whether the database holds a town hall (便民服务中心) yet; an empty one is bootstrapped
    by :func:`create_hall` without a sign-in."""
    with rt.unit(read_only=True) as s:
        return _town_hall_exists(s)


def _town_hall_exists(s: Session) -> bool:
    return s.scalars(select(Hall.id).where(Hall.parent_id.is_(None)).limit(1)).first() is not None


def create_hall(
    rt: Runtime,
    actor: Actor | None,
    code: str,
    *,
    name: str,
    address: str = "",
    phone: str = "",
    timezone: str = "Asia/Shanghai",
    windows: int = 1,
) -> Floor:
    """A new town hall (便民服务中心) ``code`` — a real one: not a demo hall, its documents are
    real — with queue A 综合受理 and ``windows`` integrated windows 1..N serving it (the
    administrator then sets hours, caps, more queues and the seal in the console).

    Without an actor (``counter hall create`` on a new database, before the first
    administrator exists) it is allowed only while the database holds no town hall at all;
    afterwards only an administrator may create another (:class:`PermissionDenied`). On
    PostgreSQL the hall table is locked before that check, so two bootstraps at the same
    instant make one hall, and the second is refused (SQLite serialises its writers already).
    Audited (``hall_create``) and announced (``hall.settings``)."""
    code = check_code(code, Bi("大厅编码", "hall code"), max_len=32)
    name = check_text(name, Bi("大厅名称", "hall name"), max_len=120, name=True)
    address = check_text(address, Bi("地址", "address"), max_len=200, required=False)
    phone = check_text(phone, Bi("电话", "phone"), max_len=40, required=False)
    timezone = timezone.strip()
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("未知时区（如 Asia/Shanghai）", field="timezone") from None
    if isinstance(windows, bool) or not 1 <= int(windows) <= 999:
        raise InvalidInput("窗口数应为1至999", field="windows")
    if actor is not None:
        require_admin(rt, actor)
    import secrets

    from sqlalchemy import text

    with rt.unit() as s:
        if rt.is_postgres:
            # Two bootstraps at the same instant: the second waits here, then sees the first's
            # hall and is refused without a sign-in.
            s.execute(text("LOCK TABLE hall IN SHARE ROW EXCLUSIVE MODE"))
        if actor is None and _town_hall_exists(s):
            raise PermissionDenied(role="系统管理员（已有大厅，请用 --staff 工号 登录）")
        if s.scalars(select(Hall.id).where(Hall.code == code)).first() is not None:
            raise Conflict(what=f"大厅编码 {code} 已存在")
        hall = Hall(code=code, name=name, kind="center", address=address, phone=phone,
                    timezone=timezone, settings={"demo": False}, secret=secrets.token_hex(32),
                    created_at=clock.now())  # fmt: skip
        s.add(hall)
        s.flush()
        _new_queue(s, hall, *NEW_HALL_QUEUE)
        s.flush()
        for number in range(1, int(windows) + 1):
            _new_window(s, hall, number, f"{number}号综合窗口")
        s.flush()
        audit(s, actor, "hall_create", code, host=rt.host, name=name, windows=int(windows),
              bootstrap=actor is None)  # fmt: skip
        change = emit(s, Change("hall.settings", hall.id, {"keys": ["hall"]}))
        return _floor(s, hall, (change,))


# --------------------------------------------------------------------------------------------
# Village service points (延伸办, 村级代办)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VillagePoint:
    """A village point under the town hall: its agents (代办员) and the items it may accept
    (empty: every active item). ``backoffice`` ``town``: its cases go to the town's back
    office."""

    code: str
    name: str
    active: bool
    backoffice: str
    agents: tuple[str, ...]  # staff numbers
    items: tuple[str, ...]
    agent_names: tuple[str, ...] = ()  # the agents' names, beside ``agents``
    item_names: tuple[str, ...] = ()  # the items' current names ("" for an unknown code)


def _village(s: Session, h: Hall) -> VillagePoint:
    people = s.execute(select(Staff.staff_no, Staff.name).where(Staff.hall_id == h.id)
                       .order_by(Staff.staff_no)).all()  # fmt: skip
    values = merged(h.settings)
    items = tuple(str(c) for c in values.get("allowed_items") or ())
    names: dict[str, str] = {}
    if items:
        names = {
            code: name
            for code, name in s.execute(
                select(ServiceItem.code, ServiceItemVersion.name)
                .join(ServiceItemVersion, ServiceItemVersion.id == ServiceItem.current_version_id)
                .where(ServiceItem.code.in_(items))
            ).all()
        }
    return VillagePoint(h.code, h.name, h.active, str(values.get("backoffice", "town")),
                        tuple(p[0] for p in people), items, tuple(p[1] for p in people),
                        tuple(names.get(c, "") for c in items))  # fmt: skip


def village_points(rt: Runtime, actor: Actor) -> tuple[VillagePoint, ...]:
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        halls = _halls_of(s, actor)
        return tuple(
            _village(s, h) for h in sorted(halls.values(), key=lambda h: h.code)
            if h.id != actor.hall_id
        )  # fmt: skip


def save_village_point(
    rt: Runtime,
    actor: Actor,
    code: str,
    *,
    name: str,
    items: Iterable[str] | None = None,
    active: bool = True,
) -> VillagePoint:
    """Add a village point under the actor's hall (with an 综合受理 queue A and window 1), or
    change its name, active flag and the items it may accept (codes of active items)."""
    import secrets

    require_admin(rt, actor)
    code, name = code.strip(), name.strip()
    if not code or len(code) > 32 or not code.replace("-", "").isalnum():
        raise InvalidInput("编码应为1至32位字母、数字或连字符", field="code")
    if not name or len(name) > 120:
        raise InvalidInput("名称应为1至120个字符", field="name")
    with rt.unit() as s:
        town = load_hall(s, actor.hall_id)
        if town.parent_id is not None:
            raise PermissionDenied(
                role=Bi("镇便民服务中心的系统管理员", "the town hall's administrator")
            )
        h = s.scalars(select(Hall).where(Hall.code == code)).first()
        if h is None:
            h = Hall(code=code, name=name, kind="village", parent_id=town.id,
                     timezone=town.timezone, settings={"backoffice": "town"},
                     secret=secrets.token_hex(32), created_at=clock.now())  # fmt: skip
            s.add(h)
            s.flush()
            q = Queue(hall_id=h.id, prefix="A", name="综合受理", sort=0)
            w = Window(hall_id=h.id, number=1, name="综合窗口", state="closed")
            s.add_all([q, w])
            s.flush()
            s.add(WindowQueue(window_id=w.id, queue_id=q.id, weight=1))
        elif h.parent_id != town.id:
            raise Conflict(what=f"编码 {code} 已被其他大厅使用")
        h.name, h.active = name, active
        if items is not None:
            wanted = sorted({c.strip() for c in items if c.strip()})
            known = set(
                s.scalars(
                    select(ServiceItem.code).where(
                        ServiceItem.code.in_(wanted), ServiceItem.active.is_(True)
                    )
                )
            )
            if set(wanted) - known:
                raise NotFound(what=f"事项 {', '.join(sorted(set(wanted) - known))}")
            h.settings = {**(h.settings or {}), "allowed_items": wanted}
        s.flush()
        audit(s, actor, "village_point_save", code, host=rt.host, name=name, active=active)
        emit(s, Change("hall.settings", h.id, {"keys": ["village_point"]}))
        return _village(s, h)


def allowed_items(s: Session, hall: Hall) -> tuple[str, ...] | None:
    """The item codes a village point may accept, or None (no limit: a town hall, or a
    village point with no list)."""
    if hall.kind != "village":
        return None
    codes = merged(hall.settings).get("allowed_items") or ()
    return tuple(codes) or None


# --------------------------------------------------------------------------------------------
# The seal's image
# --------------------------------------------------------------------------------------------

SEAL_KINDS = {"approval": "行政审批专用章", "acceptance": "受理专用章"}
MAX_SEAL_BYTES = 2_000_000


@dataclass(frozen=True)
class SealView:
    """A seal of a hall as the administrator sees it (the image itself, to preview)."""

    kind: str
    name: str
    image: bytes
    image_sha256: str
    specimen: bool


def check_seal_png(data: bytes) -> tuple[int, int]:
    """``(width, height)`` of a seal image fit to print: a PNG (no other format) of 200 to
    2000 pixels a side, with transparency (an alpha channel or a transparent colour: a seal
    is stamped over the date line), at most 2 MB. Anything else is refused in words."""
    import io

    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_SEAL_BYTES:
        raise InvalidInput("图片不能超过 2 MB", field="seal")
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise InvalidInput("公章图片须为 PNG 格式", field="seal")
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            size, mode, info = img.size, img.mode, dict(img.info)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InvalidInput("PNG 文件已损坏", field="seal") from None
    if not (min(size) >= 200 and max(size) <= 2000):
        raise InvalidInput("图片边长应为 200 至 2000 像素", field="seal")
    if not (mode in ("RGBA", "LA", "PA") or "transparency" in info):
        raise InvalidInput("公章图片须有透明背景（带透明通道的 PNG）", field="seal")
    return size


def _seal(s: Session, hall: Hall, kind: str) -> Any:
    from db.models import Seal

    if kind not in SEAL_KINDS:
        raise InvalidInput("印章种类应为 approval 或 acceptance", field="kind")
    return s.scalars(
        select(Seal).where(Seal.hall_id == hall.id, Seal.kind == kind, Seal.active.is_(True))
    ).first()


def seal_view(rt: Runtime, actor: Actor, kind: str = "approval",
              hall_code: str | None = None) -> SealView | None:  # fmt: skip
    require_admin(rt, actor)
    with rt.unit(read_only=True) as s:
        seal = _seal(s, _hall(s, actor, hall_code), kind)
        if seal is None:
            return None
        return SealView(seal.kind, seal.name, bytes(seal.image or b""), seal.image_sha256,
                        seal.specimen)  # fmt: skip


def set_seal_image(
    rt: Runtime, actor: Actor, png: bytes, kind: str = "approval", hall_code: str | None = None
) -> SealView:
    """Replace the image of the hall's seal of ``kind`` (checked by :func:`check_seal_png`).
    The documents already issued keep the image they were printed with in the seal register
    (its digest); the image is no longer a specimen (样章) once a hall's own is uploaded."""
    import hashlib

    require_admin(rt, actor)
    check_seal_png(png)
    digest = hashlib.sha256(png).hexdigest()
    with rt.unit() as s:
        hall = _hall(s, actor, hall_code)
        seal = _seal(s, hall, kind)
        if seal is None:
            from db.models import Seal

            seal = Seal(hall_id=hall.id, name=f"{hall.name}{SEAL_KINDS[kind]}"[:80], kind=kind)
            s.add(seal)
        before = seal.image_sha256 or ""
        seal.image, seal.image_sha256, seal.specimen = png, digest, False
        s.flush()
        audit(s, actor, "seal_image", f"{hall.code} {kind}", host=rt.host, before=before,
              after=digest)  # fmt: skip
        emit(s, Change("hall.settings", hall.id, {"keys": [f"seal_{kind}"]}))
        return SealView(seal.kind, seal.name, png, digest, False)


def seal_sample(rt: Runtime, actor: Actor, kind: str = "approval",
                hall_code: str | None = None) -> Any:  # fmt: skip
    """A sample document (样例, not a real one: no number, no case) with the seal's image over
    its date line, as the printed documents carry it (the UI draws it)."""
    from counter.documents.model import DocumentContent, Paragraph, Signature

    view = seal_view(rt, actor, kind, hall_code)
    with rt.unit(read_only=True) as s:
        hall = _hall(s, actor, hall_code)
        name = hall.name
    return DocumentContent(
        kind="sample",
        title="用章样例",
        number="样例 · 非正式文书",
        hall_name=name,
        issued_at=clock.now(),
        blocks=(
            Paragraph("本页仅用于核对公章图片在文书上的位置、大小和透明效果，不具法律效力。"),
            Paragraph("印章盖在落款日期之上；透明背景处应能看见下面的文字。"),
            Signature(
                issuer=name,
                date_text=clock.today().strftime("%Y年%m月%d日"),
                seal_name=view.name if view else "",
            ),
        ),  # fmt: skip
        seal_image=view.image if view else b"",
    )
