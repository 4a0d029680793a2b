"""Generated history of a hall (演示历史数据): years of tickets, cases and evaluations in minutes.

:func:`generate_history` fills the days before ``end`` (yesterday by default) of an existing hall
(the demo hall of ``counter demo --seed-only``) with what a busy town hall lives through:

- **volume**: about 2,000 tickets a working day for 34 windows (scaled to the window count),
  more on Mondays and after long holidays, fewer on Fridays and in summer, a little growth from
  year to year; no tickets on the calendar's non-working days (holidays and weekends from the
  ``calendar_day`` table, 调休 Saturdays open);
- **the day**: arrivals peak from 9:00 to 10:30, a lunch lull from 12:00 to 13:30 (half the
  windows break 12:00–13:00, the others 12:30–13:30), a second, flatter peak in the afternoon;
  each queue's windows serve their line first come, first served, so waits grow at the peaks;
- **tickets**: queues A 综合受理, B 社保医保, C 出件取件, D 咨询 (served at A and C windows);
  lognormal service times; 4 % no-shows, 1.5 % who leave before being called, 2 % transferred
  from A to B; 3 % green channel; ticket events issued / called / finished (and no-show,
  transferred, voided);
- **cases**: most A and B visits accept one case (some two), the item drawn from the catalogue
  with a long-tailed mix; 即办件 completed and handed out on the spot; the others go through
  first review, review and decision to completion within the promised working days (3 % late),
  then collection; 8 % had a one-time notice (一次性告知) days before; cases whose next step
  would come after ``now`` stay where they are, so the live view shows open and overdue cases;
- **evaluations**: about a third of the visits rate the service (worse after a long wait);
  every 差评 has a follow-up deadline, the older ones closed with a note.

Only generated people: names from a list of common surnames and given names, ID numbers from
:func:`counter.services.cases.demo_id_number` (right check character, made-up birth dates and
sequence numbers), stored with the hall's keyed hash like real applicants.

Speed: rows are written in bulk, a month at a time — PostgreSQL ``COPY … FROM STDIN`` through
psycopg, SQLite through Core ``insert()`` with lists of parameters — with ids allocated here (the
sequences are moved past them at the end). Days that already hold tickets of the hall are
skipped, so a second run with more years adds the older years only. Documents, seal uses and
case materials are not generated (the reports do not read them).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select, text

from counter import clock
from counter.changes import Change, emit
from counter.demo.cases import demo_id_number
from counter.domain.masking import id_hash, mask_name
from counter.domain.queue import GREEN_CHANNEL_LEAD_US, time_key
from counter.domain.ticketing import format_ticket_number
from counter.domain.workdays import add_working_days, is_working_day
from counter.errors import CounterError, InvalidInput
from counter.services.auth import add_staff_row
from counter.services.base import CLERK, Runtime
from counter.services.calendar import hall_calendar
from db.models import (
    Applicant,
    Case,
    CaseEvent,
    Department,
    Evaluation,
    Hall,
    Queue,
    ServiceItem,
    ServiceItemVersion,
    Staff,
    Ticket,
    TicketCounter,
    TicketEvent,
    Window,
    WindowQueue,
)

__all__ = ["HallNotSeeded", "HistoryResult", "generate_history", "progress_bar"]

BASE_TICKETS_34 = 2000  # tickets per ordinary working day in a 34-window hall
APPLICANT_POOL = 40000
CHUNK_DAYS = 31
MONTH_FACTOR = {1: 1.15, 2: 0.9, 3: 1.1, 4: 1.0, 5: 0.95, 6: 1.0, 7: 0.9, 8: 0.85, 9: 1.0,
                10: 0.95, 11: 1.05, 12: 1.2}  # fmt: skip
WEEKDAY_FACTOR = (1.2, 1.05, 1.0, 0.95, 0.85, 0.8, 0.8)  # Mon … Sun (调休 weekends)
# Half-hour slots from 08:30 to 17:00 and their share of the day's arrivals.
SLOTS = (0.9, 1.6, 1.8, 1.6, 1.3, 1.0, 0.6, 0.15, 0.1, 0.2, 0.8, 1.1, 1.2, 1.1, 0.9, 0.7, 0.4)
OPENS = dt.time(8, 30)
QUEUE_MIX = (("A", 0.55), ("B", 0.15), ("C", 0.15), ("D", 0.15))
SERVICE_MEAN = {"A": 5.5, "B": 4.0, "C": 3.0, "D": 3.0}  # minutes
LEVELS = (5, 4, 3, 2, 1)
LEVEL_P = (0.82, 0.12, 0.04, 0.015, 0.005)
LEVEL_P_LONG_WAIT = (0.6, 0.2, 0.1, 0.07, 0.03)
BAD_REASONS = ("low_efficiency", "poor_attitude", "unclear_notice", "repeated_trips",
               "unreasonable_materials")  # fmt: skip
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_GIVEN = ("秀英", "建国", "桂兰", "志强", "海燕", "文军", "丽华", "春生", "玉梅", "永福", "晓东",
          "婷婷", "子涵", "宇轩", "淑珍", "国平", "晨阳", "雨萱", "明", "伟", "芳", "静", "磊", "军",
          "洋", "勇", "艳", "杰", "娟", "涛", "超", "霞", "平", "刚", "桂英")  # fmt: skip
_PLACES = ("石桥村", "东山村", "溪口村", "人民路", "青山街", "南坞村", "西岭村", "新桥村")

Progress = Callable[[int, int, str], None]


class HallNotSeeded(CounterError):
    code: ClassVar[str] = "hall_not_seeded"
    zh: ClassVar[str] = "未找到大厅 {hall}，请先运行 counter demo --seed-only"
    en: ClassVar[str] = "Hall {hall} not found: run `counter demo --seed-only` first"


@dataclass(frozen=True)
class HistoryResult:
    """What a run wrote."""

    hall_id: int
    start: dt.date
    end: dt.date
    days_generated: int
    days_skipped: int
    tickets: int
    ticket_events: int
    cases: int
    case_events: int
    evaluations: int
    applicants: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.__dict__.items()
        }


# --------------------------------------------------------------------------------------------
# Writing in bulk
# --------------------------------------------------------------------------------------------


class _Writer:
    """Bulk rows into tables with explicit ids: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.pg = rt.is_postgres
        self.conn = rt.engine.connect()
        self.next_ids: dict[str, int] = {}

    def allocate(self, table: Table, n: int) -> int:
        """The first of ``n`` fresh ids of ``table``."""
        name = table.name
        if name not in self.next_ids:
            top = self.conn.execute(select(func.max(table.c.id))).scalar()
            self.next_ids[name] = int(top or 0) + 1
        first = self.next_ids[name]
        self.next_ids[name] += n
        return first

    def write(self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.pg:
            json_cols = [i for i, c in enumerate(columns) if c in ("data", "reasons", "payload")]
            raw: Any = self.conn.connection.driver_connection
            with raw.cursor() as cur:
                cols = ", ".join(columns)
                with cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as cp:
                    if json_cols:
                        for r in rows:
                            lst = list(r)
                            for i in json_cols:
                                lst[i] = json.dumps(lst[i], ensure_ascii=False)
                            cp.write_row(lst)
                    else:
                        for r in rows:
                            cp.write_row(r)
        else:
            for i in range(0, len(rows), 20000):
                self.conn.execute(
                    insert(table), [dict(zip(columns, r, strict=True)) for r in rows[i : i + 20000]]
                )

    def commit(self) -> None:
        self.conn.commit()

    def finish(self, tables: Iterable[Table]) -> None:
        self.conn.commit()
        if self.pg:
            for t in tables:
                self.conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {t.name}))"
                    )
                )
            self.conn.commit()
            raw: Any = self.conn.connection.driver_connection
            raw.autocommit = True
            for t in tables:
                raw.execute(f"ANALYZE {t.name}")
            raw.autocommit = False
        self.conn.close()


TICKET_COLS = ("id", "hall_id", "queue_id", "issue_queue_id", "day", "seq", "number", "source",
               "state", "priority", "priority_reason", "sort_key", "window_id", "staff_id",
               "issued_at", "queued_at", "called_at", "first_called_at", "started_at",
               "finished_at", "recall_count", "no_show_count", "applicant_name_masked",
               "applicant_id_hash", "version")  # fmt: skip
TEVENT_COLS = ("ticket_id", "type", "at", "window_id", "staff_id", "data")
CASE_COLS = ("id", "hall_id", "case_no", "item_id", "item_version_id", "applicant_id", "ticket_id",
             "window_id", "channel", "state", "accepted_by", "assigned_to", "accepted_at",
             "deadline", "statutory_deadline", "deadline_confirmed", "decided_at",
             "completed_at", "delivered_at", "delivery_method", "result", "reason", "notes",
             "created_at", "updated_at", "version")  # fmt: skip
CEVENT_COLS = ("case_id", "node", "action", "from_state", "to_state", "at", "staff_id",
               "window_id", "comment", "data")  # fmt: skip
EVAL_COLS = ("hall_id", "case_id", "ticket_id", "item_id", "window_id", "staff_id", "channel",
             "level", "reasons", "comment", "created_at", "followup_state", "followup_deadline",
             "followup_note", "followup_by", "followup_at")  # fmt: skip
APPLICANT_COLS = ("id", "kind", "name", "id_type", "id_number", "id_hash", "uscc", "legal_rep",
                  "sex", "nation", "birth_date", "phone", "address", "created_at", "updated_at")  # fmt: skip


# --------------------------------------------------------------------------------------------
# The hall as the generator sees it
# --------------------------------------------------------------------------------------------


@dataclass
class _Item:
    id: int
    version_id: int
    promised: int
    statutory: int
    on_the_spot: bool


@dataclass
class _Hall:
    id: int
    code: str
    tz: ZoneInfo
    key: bytes
    queues: dict[str, int]
    pools: dict[str, list[tuple[int, int]]]  # queue → [(window id, clerk staff id)]
    items: list[_Item]
    item_cum: list[float]
    applicants: list[tuple[int, str, str]]  # (id, name, id hash)
    manager_id: int | None
    reviewer_id: int | None
    cal: Any
    deadlines: dict[tuple[dt.date, int], tuple[dt.date, bool]] = field(default_factory=dict)

    def deadline(self, day: dt.date, n: int) -> tuple[dt.date, bool]:
        key = (day, n)
        got = self.deadlines.get(key)
        if got is None:
            d = add_working_days(day, n, self.cal)
            got = self.deadlines[key] = (d.date, d.confirmed)
        return got


def _window_group(number: int, windows: int) -> str:
    """The queue a window serves first: the demo hall's 14-window pattern scaled (10 A, 2 B,
    2 C in 14; 24 A, 5 B, 5 C in 34)."""
    b = c = max(1, round(windows * 2 / 14))
    a = windows - b - c
    if number <= a:
        return "A"
    if number <= a + b:
        return "B"
    return "C"


def _prepare_hall(rt: Runtime, code: str, windows: int, rng: random.Random) -> _Hall:
    with rt.unit() as s:
        hall = s.scalars(select(Hall).where(Hall.code == code)).first()
        if hall is None:
            raise HallNotSeeded(hall=code)
        queues = {q.prefix: q.id for q in s.scalars(select(Queue).where(Queue.hall_id == hall.id))}
        if not {"A", "B", "C", "D"} <= set(queues):
            raise HallNotSeeded(hall=f"{code}（缺少 A–D 队列）")
        existing = {w.number: w for w in s.scalars(select(Window).where(Window.hall_id == hall.id))}
        for number in range(1, windows + 1):
            if number in existing:
                continue
            w = Window(hall_id=hall.id, number=number, name=f"{number}号综合窗口", state="closed")
            s.add(w)
            s.flush()
            group = _window_group(number, windows)
            serve = {"A": {"A": 3, "D": 1}, "B": {"B": 3, "A": 1}, "C": {"C": 3, "D": 1, "A": 1}}
            for prefix, weight in serve[group].items():
                s.add(WindowQueue(window_id=w.id, queue_id=queues[prefix], weight=weight))
            existing[number] = w
        staff = {st.staff_no: st for st in s.scalars(select(Staff).where(Staff.hall_id == hall.id))}
        pools: dict[str, list[tuple[int, int]]] = {"A": [], "B": [], "C": []}
        for number in range(1, windows + 1):
            staff_no = f"10{number:02d}" if number < 100 else f"1{number:03d}"
            clerk = staff.get(staff_no)
            if clerk is None:
                name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
                clerk = add_staff_row(s, hall.id, staff_no, name, "demo1234", (CLERK,))
                s.flush()
                staff[staff_no] = clerk
            pools[_window_group(number, windows)].append((existing[number].id, clerk.id))
        managers = [st.id for st in staff.values() if any(r.role == "manager" for r in st.roles)]
        reviewers = [st.id for st in staff.values() if any(r.role == "reviewer" for r in st.roles)]
        rows = s.execute(
            select(
                ServiceItem.id,
                ServiceItemVersion.id,
                ServiceItemVersion.promised_days,
                ServiceItemVersion.statutory_days,
                ServiceItemVersion.on_the_spot,
            )
            .join(ServiceItemVersion, ServiceItemVersion.id == ServiceItem.current_version_id)
            .join(Department, Department.id == ServiceItem.department_id)
            .where(ServiceItem.active.is_(True))
            .order_by(ServiceItem.code)
        ).all()
        if not rows:
            raise HallNotSeeded(hall=f"{code}（事项目录为空）")
        items = [_Item(int(a), int(b), int(c), int(d), bool(e)) for a, b, c, d, e in rows]
        order = list(range(len(items)))
        random.Random(7).shuffle(order)  # the popular items: a fixed, long-tailed mix
        weights = [0.0] * len(items)
        for rank, idx in enumerate(order, start=1):
            weights[idx] = 1.0 / rank**0.9
        cum = []
        acc = 0.0
        for wgt in weights:
            acc += wgt
            cum.append(acc)
        cal = hall_calendar(s, hall.id)
        tz = ZoneInfo(hall.timezone or "Asia/Shanghai")
        root = hall
        while root.parent_id is not None:
            parent = s.get(Hall, root.parent_id)
            if parent is None:
                break
            root = parent
        return _Hall(
            id=hall.id,
            code=hall.code,
            tz=tz,
            key=root.secret.encode("utf-8"),
            queues=queues,
            pools=pools,
            items=items,
            item_cum=cum,
            applicants=[],
            manager_id=managers[0] if managers else None,
            reviewer_id=reviewers[0] if reviewers else None,
            cal=cal,
        )


def _applicant_pool(
    rt: Runtime, h: _Hall, w: _Writer, rng: random.Random, now: dt.datetime, size: int
) -> int:
    """The town's people who come to the hall: made once (marked in the hall's settings)."""
    with rt.unit() as s:
        hall = s.get(Hall, h.id)
        assert hall is not None
        marker = (hall.settings or {}).get("demo_history_applicants")
        if marker:
            lo, hi = int(marker[0]), int(marker[1])
            h.applicants = [
                (int(i), str(n), str(x or ""))
                for i, n, x in s.execute(
                    select(Applicant.id, Applicant.name, Applicant.id_hash).where(
                        Applicant.id >= lo, Applicant.id <= hi
                    )
                ).all()
            ]
            if h.applicants:
                return 0
    first = w.allocate(Applicant.__table__, size)  # type: ignore[arg-type]
    rows = []
    seen: set[str] = set()
    for i in range(size):
        male = rng.random() < 0.5
        number = demo_id_number(rng, male=male)
        while number in seen:
            number = demo_id_number(rng, male=male)
        seen.add(number)
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        hashed = id_hash(number, h.key)
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        rows.append((first + i, "person", name, "居民身份证", number, hashed, "", "",
                     "男" if male else "女", "汉族", born,
                     f"13{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}",
                     f"青山镇{rng.choice(_PLACES)}{rng.randint(1, 99)}号", now, now))  # fmt: skip
        h.applicants.append((first + i, name, hashed))
    w.write(Applicant.__table__, APPLICANT_COLS, rows)  # type: ignore[arg-type]
    w.commit()
    with rt.unit() as s:
        hall = s.get(Hall, h.id)
        assert hall is not None
        hall.settings = {
            **(hall.settings or {}),
            "demo_history_applicants": [first, first + size - 1],
        }
    return size


# --------------------------------------------------------------------------------------------
# One day
# --------------------------------------------------------------------------------------------


@dataclass
class _Rows:
    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    tevents: list[tuple[Any, ...]] = field(default_factory=list)
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    cevents: list[tuple[Any, ...]] = field(default_factory=list)
    evals: list[tuple[Any, ...]] = field(default_factory=list)
    counters: list[dict[str, Any]] = field(default_factory=list)

    def clear(self) -> None:
        for lst in (
            self.tickets,
            self.tevents,
            self.cases,
            self.cevents,
            self.evals,
            self.counters,
        ):
            lst.clear()


@dataclass
class _Visit:
    idx: int  # position in the day's tickets
    queue: str  # the queue it is served in (B after a transfer)
    origin: str  # the queue that issued its number
    issued: dt.datetime
    join: dt.datetime  # when it joined the line it is served from
    green: bool
    first_call: dt.datetime | None = None
    call: dt.datetime | None = None
    finish: dt.datetime | None = None
    state: str = "waiting"
    window: tuple[int, int] | None = None
    transfer: tuple[dt.datetime, tuple[int, int]] | None = None


def _lognormal(rng: random.Random, mean: float, sigma: float = 0.55) -> float:
    return rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)


def _serve_pool(
    rng: random.Random,
    visits: list[_Visit],
    servers: list[tuple[int, int]],
    day_start: dt.datetime,
    lunch: list[tuple[dt.datetime, dt.datetime]],
    transfer_rate: float,
) -> list[_Visit]:
    """First come, first served at ``servers`` (window id, clerk id); returns the visits that
    were transferred on (they join the B line at their transfer time)."""
    free = [(day_start, i) for i in range(len(servers))]
    heapq.heapify(free)
    moved: list[_Visit] = []
    for v in sorted(visits, key=lambda x: x.join):
        if v.state == "void":
            continue
        at, i = heapq.heappop(free)
        start = max(at, v.join)
        lo, hi = lunch[i % 2]
        if lo <= start < hi:
            start = hi
        if v.state == "leaves" and start - v.join > dt.timedelta(minutes=20):
            v.state = "void"  # gave up before being called
            heapq.heappush(free, (at, i))
            continue
        v.first_call = v.first_call or start
        v.call = start
        v.window = servers[i]
        if rng.random() < 0.04 and v.transfer is None:
            v.state = "no_show"
            heapq.heappush(free, (start + dt.timedelta(minutes=1), i))
            continue
        if transfer_rate and v.transfer is None and rng.random() < transfer_rate:
            end = start + dt.timedelta(minutes=_lognormal(rng, 3.0))
            v.transfer = (end, servers[i])
            v.join = end
            v.queue = "B"
            moved.append(v)
            heapq.heappush(free, (end, i))
            continue
        end = start + dt.timedelta(minutes=max(0.5, _lognormal(rng, SERVICE_MEAN[v.queue])))
        v.finish = end
        v.state = "done"
        heapq.heappush(free, (end, i))
    return moved


class _Generator:
    def __init__(self, rt: Runtime, h: _Hall, w: _Writer, windows: int, seed: int,
                 now: dt.datetime) -> None:  # fmt: skip
        self.rt = rt
        self.h = h
        self.w = w
        self.windows = windows
        self.seed = seed
        self.now = now
        self.rows = _Rows()
        self.case_base: dict[str, int] = {}
        self.counts = dict.fromkeys(("tickets", "tevents", "cases", "cevents", "evals"), 0)
        self.slot_cum = list(_cumulative(SLOTS))
        self.mix_cum = list(_cumulative([p for _q, p in QUEUE_MIX]))

    # -- volume ----------------------------------------------------------------------------

    def volume(self, rng: random.Random, day: dt.date, after_closure: int, last: dt.date) -> int:
        """Tickets of ``day``: the same for the same day whatever the run's length (growth is
        counted back from the last day), so a longer run only adds older days."""
        base = BASE_TICKETS_34 * self.windows / 34
        f = MONTH_FACTOR[day.month] * WEEKDAY_FACTOR[day.weekday()]
        if after_closure >= 3:
            f *= 1.35
        f *= 1.04 ** ((day - last).days / 365.25)  # 4 % more visitors a year
        return max(0, int(base * f * rng.gauss(1.0, 0.08)))

    def local(self, day: dt.date, t: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, t, tzinfo=self.h.tz).astimezone(dt.UTC)

    # -- a day -----------------------------------------------------------------------------

    def day(self, day: dt.date, n: int) -> None:
        rng = random.Random(self.seed * 100003 + day.toordinal())
        h = self.h
        opens = self.local(day, OPENS)
        slot = dt.timedelta(minutes=30)
        arrivals = sorted(
            opens + slot * idx + dt.timedelta(seconds=rng.random() * 1800)
            for idx in (
                bisect.bisect_left(self.slot_cum, rng.random() * self.slot_cum[-1])
                for _ in range(n)
            )
        )
        visits: list[_Visit] = []
        for at in arrivals:
            q = QUEUE_MIX[bisect.bisect_left(self.mix_cum, rng.random() * self.mix_cum[-1])][0]
            v = _Visit(len(visits), q, q, at, at, rng.random() < 0.03)
            if rng.random() < 0.015:
                v.state = "leaves"
            visits.append(v)
        lunch = [
            (self.local(day, dt.time(12, 0)), self.local(day, dt.time(13, 0))),
            (self.local(day, dt.time(12, 30)), self.local(day, dt.time(13, 30))),
        ]
        pools = {}
        for group, servers in h.pools.items():
            present = list(servers)
            away = int(rng.random() * 2.2) if group == "A" else 0  # a clerk or two away
            for _ in range(min(len(present) - 1, away)):
                present.pop(rng.randrange(len(present)))
            pools[group] = present
        by_pool: dict[str, list[_Visit]] = {"A": [], "B": [], "C": []}
        for v in visits:
            # D 咨询 is served at the A windows and at the C windows (both serve it).
            pool = v.queue if v.queue in ("A", "B", "C") else ("A" if rng.random() < 0.75 else "C")
            by_pool[pool].append(v)
        moved = _serve_pool(rng, by_pool["A"], pools["A"], opens, lunch, 0.02)
        _serve_pool(rng, by_pool["B"] + moved, pools["B"], opens, lunch, 0.0)
        _serve_pool(rng, by_pool["C"], pools["C"], opens, lunch, 0.0)
        self.write_day(rng, day, visits)

    def write_day(self, rng: random.Random, day: dt.date, visits: list[_Visit]) -> None:
        h, r = self.h, self.rows
        first_id = self.w.allocate(Ticket.__table__, len(visits))  # type: ignore[arg-type]
        seqs: dict[str, int] = {}
        case_seq = self.case_base.get(f"{h.code}{day:%Y%m%d}", 0)
        minute = dt.timedelta(minutes=1)
        for v in visits:
            tid = first_id + v.idx
            issue_q = v.origin
            seq = seqs[issue_q] = seqs.get(issue_q, 0) + 1
            number = format_ticket_number(issue_q, seq)
            src_r = rng.random()
            source = "kiosk" if src_r < 0.7 else "idcard" if src_r < 0.95 else "window"
            person = (
                h.applicants[int(rng.random() ** 1.3 * len(h.applicants))] if h.applicants else None
            )
            masked = mask_name(person[1]) if person and source == "idcard" else ""
            hashed = person[2] if person and source == "idcard" else None
            state = v.state if v.state in ("done", "no_show", "void") else "void"
            win, clerk = v.window if v.window else (None, None)
            started = v.call + dt.timedelta(seconds=30) if v.call and state == "done" else None
            if started is not None and v.finish is not None and started > v.finish:
                started = v.call
            sort_key = time_key(v.issued) - (GREEN_CHANNEL_LEAD_US if v.green else 0)
            r.tickets.append((
                tid, h.id, h.queues[v.queue], h.queues[issue_q], day, seq, number, source, state,
                1 if v.green else 0, "elderly" if v.green else "", sort_key, win, clerk,
                v.issued, v.join, v.call, v.first_call, started, v.finish, 0,
                1 if state == "no_show" else 0, masked, hashed, 3,
            ))  # fmt: skip
            r.tevents.append((tid, "issued", v.issued, None, None, {"source": source}))
            if v.transfer is not None and v.first_call is not None:
                t_at, (t_win, t_clerk) = v.transfer
                r.tevents.append((tid, "called", v.first_call, t_win, t_clerk, {}))
                r.tevents.append((tid, "transferred", t_at, t_win, t_clerk,
                                  {"to_queue": "B", "to_window": None}))  # fmt: skip
            if v.call is not None and win is not None:
                r.tevents.append((tid, "called", v.call, win, clerk, {}))
            if state == "done" and v.finish is not None:
                r.tevents.append((tid, "finished", v.finish, win, clerk, {}))
            elif state == "no_show":
                r.tevents.append((tid, "no_show", (v.call or v.issued) + minute, win, clerk,
                                  {"requeued": False}))  # fmt: skip
            else:
                r.tevents.append((tid, "voided", v.issued + dt.timedelta(minutes=20), None, None,
                                  {"reason": "离开"}))  # fmt: skip
            case_id = item_id = None
            if state == "done" and v.queue in ("A", "B") and person is not None:
                n_cases = 0
                p = rng.random()
                if p < (0.62 if v.queue == "A" else 0.45):
                    n_cases = 2 if rng.random() < 0.08 else 1
                assert v.call is not None and v.finish is not None
                for k in range(n_cases):
                    case_seq += 1
                    at = v.call + (v.finish - v.call) * (0.6 + 0.2 * k)
                    cid, item_id = self.case(rng, day, case_seq, at, tid, win, clerk, person[0])
                    case_id = case_id or cid
            if state == "done" and v.finish is not None and rng.random() < 0.35:
                wait = (v.first_call - v.issued).total_seconds() / 60 if v.first_call else 0
                self.evaluation(rng, v.finish + minute, wait, tid, case_id, item_id, win, clerk)
        for prefix, last in seqs.items():
            r.counters.append({"queue_id": h.queues[prefix], "day": day, "last_seq": last})
        self.counts["tickets"] += len(visits)

    def case(self, rng: random.Random, day: dt.date, seq: int, accepted: dt.datetime, tid: int,
             win: int | None, clerk: int | None, applicant: int) -> tuple[int, int]:  # fmt: skip
        h, r = self.h, self.rows
        cid = self.w.allocate(Case.__table__, 1)  # type: ignore[arg-type]
        item = h.items[bisect.bisect_left(h.item_cum, rng.random() * h.item_cum[-1])]
        case_no = f"{h.code}{day:%Y%m%d}-{seq:04d}"
        events: list[tuple[Any, ...]] = []
        created = accepted
        if not item.on_the_spot and rng.random() < 0.08:  # came before, got a one-time notice
            created = accepted - dt.timedelta(days=rng.randint(1, 7), minutes=rng.randint(0, 120))
            events.append((cid, "一次性告知", "one_time_notice", "draft", "awaiting_materials",
                           created, clerk, win, "", {"missing": 1}))  # fmt: skip
            events.append((cid, "受理", "accept", "awaiting_materials", "accepted", accepted,
                           clerk, win, "", {}))  # fmt: skip
        else:
            events.append(
                (cid, "受理", "accept", "draft", "accepted", accepted, clerk, win, "", {})
            )
        deadline, confirmed = h.deadline(day, item.promised)
        statutory, conf2 = h.deadline(day, item.statutory)
        state = "accepted"
        decided = completed = delivered = None
        result = ""
        reviewer = h.reviewer_id
        now = self.now
        if item.on_the_spot:
            decided = completed = accepted
            delivered = accepted + dt.timedelta(minutes=2)
            result = "approved"
            events.append((cid, "审批", "approve", "accepted", "approved", accepted, clerk, win,
                           "即办件当场办结", {}))  # fmt: skip
            events.append((cid, "办结", "complete", "approved", "completed", accepted, clerk, win,
                           "即办件当场办结", {}))  # fmt: skip
            events.append((cid, "送达", "hand_out", "completed", "delivered", delivered, clerk,
                           win, "", {}))  # fmt: skip
            state = "delivered"
        else:
            promised = max(1, item.promised)
            late = rng.random() < 0.03
            k = (
                promised + rng.randint(1, 3)
                if late
                else rng.randint(max(1, promised // 3), promised)
            )
            done_day, _ = h.deadline(day, k)
            steps = []
            fr_day, _ = h.deadline(day, 1 if k > 1 else 0)
            steps.append(("初审", "first_review", "first_review", fr_day, 9))
            if k > 2:
                rv_day, _ = h.deadline(day, max(1, k * 2 // 3))
                steps.append(("审核", "review", "review", rv_day, 10))
            approve = rng.random() < 0.96
            steps.append(("审批", "approve" if approve else "reject",
                          "approved" if approve else "rejected", done_day, 11))  # fmt: skip
            steps.append(("办结", "complete", "completed", done_day, 15))
            if rng.random() < 0.95:
                dl_day, _ = h.deadline(done_day, rng.randint(1, 5))
                steps.append(("送达", "hand_out", "delivered", dl_day, 10))
            prev = "accepted"
            for node, action, to_state, when_day, hour in steps:
                at = self.local(when_day, dt.time(hour, rng.randint(0, 59)))
                at = max(at, accepted + dt.timedelta(minutes=5))
                if at > now:
                    break
                who = clerk if action == "hand_out" else reviewer
                events.append((cid, node, action, prev, to_state, at, who, None,
                               "" if approve else "不符合办理条件", {}))  # fmt: skip
                prev = state = to_state
                if to_state in ("approved", "rejected"):
                    decided = at
                    result = to_state
                elif to_state == "completed":
                    completed = at
                elif to_state == "delivered":
                    delivered = at
        last = events[-1][5]
        r.cases.append((
            cid, h.id, case_no, item.id, item.version_id, applicant, tid, win, "window", state,
            clerk, reviewer, accepted, deadline, statutory, confirmed and conf2, decided,
            completed, delivered, "window", result, "", "", created, last, len(events),
        ))  # fmt: skip
        r.cevents.extend(events)
        self.counts["cases"] += 1
        self.counts["cevents"] += len(events)
        return cid, item.id

    def evaluation(self, rng: random.Random, at: dt.datetime, wait: float, tid: int,
                   case_id: int | None, item_id: int | None, win: int | None,
                   clerk: int | None) -> None:  # fmt: skip
        p = LEVEL_P_LONG_WAIT if wait > 45 else LEVEL_P
        level = rng.choices(LEVELS, p)[0]
        reasons: list[str] = []
        comment = ""
        state = ""
        deadline = note_at = None
        note = ""
        by = None
        if level <= 2:
            reasons = ["long_wait"] if wait > 30 else [rng.choice(BAD_REASONS)]
            local_day = at.astimezone(self.h.tz).date()
            deadline, _ = self.h.deadline(local_day, 5)
            state = "open"
            if at < self.now - dt.timedelta(days=10):
                state = "closed"
                note = "已电话回访，向群众说明情况并致歉；已对窗口人员提醒整改。"
                note_at = at + dt.timedelta(days=rng.randint(1, 4))
                by = self.h.manager_id
            elif at < self.now - dt.timedelta(days=3) and rng.random() < 0.5:
                state = "contacted"
                note = "已电话回访，正在整改。"
                note_at = at + dt.timedelta(days=1)
                by = self.h.manager_id
        self.rows.evals.append((self.h.id, case_id, tid, item_id, win, clerk, "device", level,
                                reasons, comment, at, state, deadline, note, by, note_at))  # fmt: skip

    # -- flushing --------------------------------------------------------------------------

    def flush(self) -> None:
        r, w = self.rows, self.w
        w.write(Ticket.__table__, TICKET_COLS, r.tickets)  # type: ignore[arg-type]
        w.write(TicketEvent.__table__, TEVENT_COLS, r.tevents)  # type: ignore[arg-type]
        w.write(Case.__table__, CASE_COLS, r.cases)  # type: ignore[arg-type]
        w.write(CaseEvent.__table__, CEVENT_COLS, r.cevents)  # type: ignore[arg-type]
        w.write(Evaluation.__table__, EVAL_COLS, r.evals)  # type: ignore[arg-type]
        if r.counters:
            w.conn.execute(insert(TicketCounter), r.counters)
        w.commit()
        self.counts["tevents"] += len(r.tevents)
        self.counts["evals"] += len(r.evals)
        r.clear()


def _cumulative(values: Iterable[float]) -> Iterable[float]:
    acc = 0.0
    for v in values:
        acc += v
        yield acc


def progress_bar(stream: Any = None) -> Progress:
    """A progress bar on ``stream`` (stderr): ``[#####.....] 45% 2023-05-06 …``."""
    out = stream or sys.stderr
    started = time.monotonic()

    def show(done: int, total: int, note: str) -> None:
        frac = done / total if total else 1.0
        filled = int(frac * 30)
        elapsed = time.monotonic() - started
        eta = elapsed / frac - elapsed if frac > 0 else 0.0
        out.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {frac * 100:5.1f}% {note} "
            f"{elapsed:6.0f}s (≈{eta:4.0f}s left)  "
        )
        if done >= total:
            out.write("\n")
        out.flush()

    return show


def generate_history(
    url: str,
    *,
    years: float | None = None,
    days: int | None = None,
    windows: int = 34,
    end: dt.date | None = None,
    hall_code: str = "QS",
    seed: int = 20261202,
    progress: Progress | None = None,
) -> HistoryResult:
    """Generate the hall's history for the ``days`` (or ``years`` × 365) local days up to
    ``end`` (yesterday by default); see the module docstring. Returns what was written."""
    if (years is None) == (days is None):
        raise InvalidInput("请给出 --years 或 --days 之一", field="--years/--days")
    n_days = int(round(years * 365.25)) if years is not None else int(days or 0)
    if n_days < 1 or n_days > 20 * 366:
        raise InvalidInput("天数应在 1 到 7320 之间", field="--days")
    if windows < 3 or windows > 200:
        raise InvalidInput("窗口数应在 3 到 200 之间", field="--windows")
    t0 = time.monotonic()
    rt = Runtime(url)
    try:
        now = clock.now()
        rng = random.Random(seed)
        h = _prepare_hall(rt, hall_code, windows, rng)
        last = end or (now.astimezone(h.tz).date() - dt.timedelta(days=1))
        first = last - dt.timedelta(days=n_days - 1)
        with rt.unit() as s:
            taken = set(
                s.scalars(
                    select(Ticket.day)
                    .where(Ticket.hall_id == h.id, Ticket.day >= first, Ticket.day <= last)
                    .distinct()
                ).all()
            )
            # Case numbers already given on those days (the demo's own cases) are not reused.
            case_base: dict[str, int] = {}
            lo = dt.datetime.combine(first, dt.time(0), tzinfo=h.tz).astimezone(dt.UTC)
            for no in s.scalars(
                select(Case.case_no).where(Case.hall_id == h.id, Case.created_at >= lo)
            ).all():
                prefix, _, tail = no.rpartition("-")
                if tail.isdigit():
                    case_base[prefix] = max(case_base.get(prefix, 0), int(tail))
        w = _Writer(rt)
        made = _applicant_pool(rt, h, w, rng, now, min(APPLICANT_POOL, 500 + 150 * n_days))
        gen = _Generator(rt, h, w, windows, seed, now)
        gen.case_base = case_base
        closed_run = 0
        generated = skipped = 0
        day = first
        done = 0
        while day <= last:
            if not is_working_day(day, h.cal):
                closed_run += 1
            elif day in taken:
                skipped += 1
                closed_run = 0
            else:
                day_rng = random.Random(seed * 7919 + day.toordinal())
                gen.day(day, gen.volume(day_rng, day, closed_run, last))
                generated += 1
                closed_run = 0
            done += 1
            if done % CHUNK_DAYS == 0 or day == last:
                gen.flush()
                if progress is not None:
                    progress(done, n_days, f"{day.isoformat()} 号票 {gen.counts['tickets']:,} "
                             f"办件 {gen.counts['cases']:,}")  # fmt: skip
            day += dt.timedelta(days=1)
        gen.flush()
        w.finish(
            [Applicant.__table__, Ticket.__table__, TicketEvent.__table__, Case.__table__,  # type: ignore[list-item]
             CaseEvent.__table__, Evaluation.__table__]  # type: ignore[list-item]
        )  # fmt: skip
        with rt.unit() as s:
            emit(s, Change("history.generated", h.id, {"from": first.isoformat(),
                                                       "to": last.isoformat()}))  # fmt: skip
        return HistoryResult(
            hall_id=h.id,
            start=first,
            end=last,
            days_generated=generated,
            days_skipped=skipped,
            tickets=gen.counts["tickets"],
            ticket_events=gen.counts["tevents"],
            cases=gen.counts["cases"],
            case_events=gen.counts["cevents"],
            evaluations=gen.counts["evals"],
            applicants=made,
            seconds=round(time.monotonic() - t0, 1),
        )
    finally:
        rt.dispose()
