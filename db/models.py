"""SQLAlchemy 2.x models of the whole hall.

The schema covers the hall from the start (halls and village service points, windows, staff and
roles, departments, versioned service items and materials, queues, tickets, appointments,
applicants, cases and their events, documents and seal uses, evaluations, the working-day
calendar, an append-only audit log and the change log that screens follow), so later work adds
behaviour rather than tables.

Conventions:
- every time is a timezone-aware UTC ``datetime`` (:class:`UTCDateTime` keeps that on SQLite);
- a ticket's or a counter's ``day`` is the hall's local date;
- enumerations are short ASCII strings (checked in the services), with Chinese labels in the core;
- names of constraints follow ``NAMING_CONVENTION`` so migrations are stable on both databases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT on PostgreSQL, INTEGER on SQLite (where only INTEGER PRIMARY KEY autoincrements).
BigId = BigInteger().with_variant(Integer(), "sqlite")
JSONType = JSON()


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every backend.

    PostgreSQL stores ``timestamptz``; SQLite has no time zones, so values are converted to UTC
    before storing and marked UTC when read back.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSONType}


# --------------------------------------------------------------------------------------------
# Organisation: halls, departments, windows, staff
# --------------------------------------------------------------------------------------------


class Hall(Base):
    """便民服务中心 or 村便民服务点 (village service point, ``parent_id`` = its town hall)."""

    __tablename__ = "hall"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16), default="center")  # center | village
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("hall.id"))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    timezone: Mapped[str] = mapped_column(String(40), default="Asia/Shanghai")
    # Local rules: recall limit, no-show policy, evaluation window, overdue thresholds ...
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Key for the keyed hash of ID numbers on ticket rows (never the number itself). Deferred:
    # loaded only when read, so loading a hall works for a role that may not read the key.
    secret: Mapped[str] = mapped_column(String(128), deferred=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]


class Department(Base):
    """部门: the body whose items the integrated windows accept."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Staff(Base):
    """A person who signs in: clerk, reviewer, seal keeper, manager, administrator."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    staff_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Set by an administrator's password reset: the person chooses a new one at next sign-in.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sa_false()
    )
    locked_until: Mapped[dt.datetime | None]
    last_sign_in_at: Mapped[dt.datetime | None]
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    created_at: Mapped[dt.datetime]

    roles: Mapped[list[StaffRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", back_populates="staff"
    )


class StaffRole(Base):
    """Role held by a staff member: clerk, reviewer, seal_keeper, manager, admin."""

    __tablename__ = "staff_role"

    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    staff: Mapped[Staff] = relationship(back_populates="roles")


class Window(Base):
    """窗口: an integrated window of a hall; ``state`` open | paused | closed."""

    __tablename__ = "service_window"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(12), default="closed")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    current_ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("ticket.id", use_alter=True, name="fk_service_window_current_ticket_id_ticket")
    )
    state_changed_at: Mapped[dt.datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped by every change of ``state`` or ``current_ticket_id``: screens that hear of a
    # window's line in a change event keep the one with the highest version.
    version: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), default=0, server_default="0"
    )


# --------------------------------------------------------------------------------------------
# Catalogue: versioned service items and their materials
# --------------------------------------------------------------------------------------------


class ServiceItem(Base):
    """事项: the stable identity of an item; what it says lives in :class:`ServiceItemVersion`."""

    __tablename__ = "service_item"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "service_item_version.id", use_alter=True, name="fk_service_item_current_version"
        )
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ServiceItemVersion(Base):
    """One version of an item. A case points at the version it was accepted under, so editing
    an item (which writes a new version) never changes what an existing case recorded."""

    __tablename__ = "service_item_version"
    __table_args__ = (
        UniqueConstraint("item_id", "version"),
        CheckConstraint("promised_days >= 0 AND statutory_days >= 0", name="days_nonneg"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # 行政许可 公共服务 行政确认 行政给付 其他权力
    sector: Mapped[str] = mapped_column(String(16))  # 基本建设 市场准入 社会民生
    statutory_days: Mapped[int] = mapped_column(Integer)
    promised_days: Mapped[int] = mapped_column(Integer)
    on_the_spot: Mapped[bool] = mapped_column(Boolean, default=False)
    fee: Mapped[str] = mapped_column(String(80), default="不收费")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    node_budget: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    # Search keys: full pinyin without spaces and pinyin initials, lower case.
    pinyin: Mapped[str] = mapped_column(String(600), default="")
    initials: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[dt.datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    materials: Mapped[list[Material]] = relationship(
        order_by="Material.seq", lazy="selectin", cascade="all, delete-orphan"
    )


class Material(Base):
    """材料 required by one item version.

    ``form``: original | copy | original_and_copy; ``requirement``: required | optional |
    conditional (then ``condition`` says when, in words).
    """

    __tablename__ = "material"
    __table_args__ = (UniqueConstraint("item_version_id", "seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    item_version_id: Mapped[int] = mapped_column(
        ForeignKey("service_item_version.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(20), default="original")
    copies: Mapped[int] = mapped_column(Integer, default=1)
    requirement: Mapped[str] = mapped_column(String(12), default="required")
    condition: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(String(300), default="")


class WindowItemUse(Base):
    """How often a window accepted an item: the item finder shows frequent items first."""

    __tablename__ = "window_item_use"

    window_id: Mapped[int] = mapped_column(ForeignKey("service_window.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"), primary_key=True)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    last_used_at: Mapped[dt.datetime | None]


# --------------------------------------------------------------------------------------------
# Queueing
# --------------------------------------------------------------------------------------------


class Queue(Base):
    """A business queue of a hall with its ticket prefix (A 综合受理, B 社保医保 ...)."""

    __tablename__ = "queue"
    __table_args__ = (UniqueConstraint("hall_id", "prefix"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    prefix: Mapped[str] = mapped_column(String(4))
    name: Mapped[str] = mapped_column(String(60))
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    opens_at: Mapped[dt.time | None] = mapped_column(Time)
    closes_at: Mapped[dt.time | None] = mapped_column(Time)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WindowQueue(Base):
    """Which queues a window serves, with a weight."""

    __tablename__ = "window_queue"

    window_id: Mapped[int] = mapped_column(
        ForeignKey("service_window.id", ondelete="CASCADE"), primary_key=True
    )
    queue_id: Mapped[int] = mapped_column(
        ForeignKey("queue.id", ondelete="CASCADE"), primary_key=True
    )
    weight: Mapped[int] = mapped_column(Integer, default=1)


class TicketCounter(Base):
    """A queue's line on one local day.

    ``last_seq``: the last number the queue issued that day (``UPDATE … RETURNING`` makes numbers
    unique and gap-free without reading first). ``waiting``: the tickets waiting in the queue now
    (issued there or transferred in), kept by the very statements that move tickets in and out
    of the line, under this row's lock; ``version`` counts the row's changes, so a screen that
    hears counts in change events keeps the newest (day, version)."""

    __tablename__ = "ticket_counter"

    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    waiting: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), default=0, server_default="0"
    )


class Ticket(Base):
    """号票. ``state``: waiting | called | serving | parked | done | no_show | void.

    ``issued_at`` is the original issue time and survives transfers (waiting statistics);
    ``sort_key`` orders the waiting line (a re-queued no-show gets a later key).
    The row never holds the full name or ID number: only a masked name and a keyed hash.
    """

    __tablename__ = "ticket"
    __table_args__ = (
        # Numbers are handed out per issuing queue: a transferred ticket keeps its number.
        UniqueConstraint("issue_queue_id", "day", "seq"),
        Index("ix_ticket_waiting", "hall_id", "state", "queue_id", "sort_key"),
        # "Call next": appointments that are due, and tickets sent to a named window.
        Index("ix_ticket_due_appointment", "hall_id", "state", "appointment_at"),
        Index("ix_ticket_target_window", "target_window_id", "state", "sort_key"),
        # Reports and the live hall read one hall's days (migration 0012).
        Index("ix_ticket_hall_day", "hall_id", "day"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    issue_queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(12), default="kiosk")
    state: Mapped[str] = mapped_column(String(12), default="waiting")
    priority: Mapped[int] = mapped_column(Integer, default=0)
    priority_reason: Mapped[str] = mapped_column(String(20), default="")
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", use_alter=True, name="fk_ticket_appointment_id_appointment")
    )
    appointment_at: Mapped[dt.datetime | None]
    sort_key: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    target_window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    issued_at: Mapped[dt.datetime]
    queued_at: Mapped[dt.datetime]
    called_at: Mapped[dt.datetime | None]
    first_called_at: Mapped[dt.datetime | None]
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    parked_at: Mapped[dt.datetime | None]
    recall_count: Mapped[int] = mapped_column(Integer, default=0)
    no_show_count: Mapped[int] = mapped_column(Integer, default=0)
    applicant_name_masked: Mapped[str] = mapped_column(String(40), default="")
    # Deferred: public PCs' roles may not read it (counter db roles), yet load tickets.
    applicant_id_hash: Mapped[str | None] = mapped_column(String(64), index=True, deferred=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class TicketEvent(Base):
    """Every step of a ticket (issued, called, recalled, no-show, parked, transferred ...)."""

    __tablename__ = "ticket_event"
    __table_args__ = (
        # Reports: the transfers of a period, found by their time (migration 0012).
        Index(
            "ix_ticket_event_transferred",
            "at",
            postgresql_where=text("type = 'transferred'"),
            sqlite_where=text("type = 'transferred'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime]
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Appointment(Base):
    """预约: exchanged at the kiosk for a priority ticket at its time."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("service_item.id"))
    code: Mapped[str] = mapped_column(String(20), unique=True)
    slot_start: Mapped[dt.datetime]
    slot_end: Mapped[dt.datetime]
    applicant_name_masked: Mapped[str] = mapped_column(String(40), default="")
    applicant_id_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    phone_masked: Mapped[str] = mapped_column(String(20), default="")
    state: Mapped[str] = mapped_column(String(12), default="booked")
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    created_at: Mapped[dt.datetime]


# --------------------------------------------------------------------------------------------
# Applicants and cases
# --------------------------------------------------------------------------------------------


class Applicant(Base):
    """申请人: a person (``kind`` person) or an enterprise (``kind`` enterprise).

    Personal data kept for the case file; never shown on public screens. ``id_hash`` (keyed)
    finds a returning applicant without scanning the numbers.
    """

    __tablename__ = "applicant"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), default="person")
    name: Mapped[str] = mapped_column(String(200))
    id_type: Mapped[str] = mapped_column(String(20), default="居民身份证")
    id_number: Mapped[str] = mapped_column(String(40), default="")
    id_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    uscc: Mapped[str] = mapped_column(String(18), default="")
    legal_rep: Mapped[str] = mapped_column(String(60), default="")
    sex: Mapped[str] = mapped_column(String(4), default="")
    nation: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class Case(Base):
    """办件: one application for one item.

    ``state`` follows :mod:`counter.domain.cases`. Deadlines are local dates computed in working
    days; ``deadline_confirmed`` is False when the calendar had no data for a counted year.
    """

    __tablename__ = "service_case"
    __table_args__ = (
        # Reports: a period's accepted, completed and due cases (migration 0012).
        Index("ix_service_case_hall_accepted", "hall_id", "accepted_at"),
        Index("ix_service_case_hall_completed", "hall_id", "completed_at"),
        Index("ix_service_case_hall_deadline", "hall_id", "deadline"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    case_no: Mapped[str] = mapped_column(String(40), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"))
    item_version_id: Mapped[int] = mapped_column(ForeignKey("service_item_version.id"))
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("applicant.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("applicant.id"))
    # 代办关系: the agent's relation to the applicant as told at acceptance (migration 0013)
    agent_relation: Mapped[str] = mapped_column(String(30), default="", server_default="")
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"))
    channel: Mapped[str] = mapped_column(
        String(12), default="window"
    )  # window village agent online
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    accepted_at: Mapped[dt.datetime | None]
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    statutory_deadline: Mapped[dt.date | None] = mapped_column(Date)
    deadline_confirmed: Mapped[bool] = mapped_column(Boolean, default=True)
    node_deadline: Mapped[dt.date | None] = mapped_column(Date)
    decided_at: Mapped[dt.datetime | None]
    completed_at: Mapped[dt.datetime | None]
    delivered_at: Mapped[dt.datetime | None]
    delivery_method: Mapped[str] = mapped_column(String(12), default="window")  # window | post
    delivery_carrier: Mapped[str] = mapped_column(String(40), default="")
    delivery_tracking: Mapped[str] = mapped_column(String(60), default="")
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Working days the clock stood still (补正, 听证, 现场勘查, 公示), already added to the deadlines.
    suspended_days: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(String(20), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    materials: Mapped[list[CaseMaterial]] = relationship(
        order_by="CaseMaterial.seq", lazy="selectin", cascade="all, delete-orphan"
    )


class CaseMaterial(Base):
    """What the window recorded for each material of the item version: received | missing |
    not_applicable, form and copies received. ``name`` is a snapshot.

    ``original`` (migration 0015): what became of an original the clerk saw — returned on the
    spot | held (to give back at 出件) | filed (kept) | handed_back (given back at 出件, at
    ``original_returned_at``); empty when no original was seen
    (:mod:`counter.domain.checklist`)."""

    __tablename__ = "case_material"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("service_case.id", ondelete="CASCADE"), index=True
    )
    material_id: Mapped[int | None] = mapped_column(ForeignKey("material.id"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="missing")
    form: Mapped[str] = mapped_column(String(20), default="original")
    copies: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(String(300), default="")
    original: Mapped[str] = mapped_column(String(12), default="", server_default="")
    original_returned_at: Mapped[dt.datetime | None]


class CaseEvent(Base):
    """督着办: every node of every case, time-stamped and attributed. Append-only."""

    __tablename__ = "case_event"
    __table_args__ = (
        # Reports: 一次办成率 looks for a one-time notice among a period's cases (migration 0012).
        Index(
            "ix_case_event_one_time_notice",
            "case_id",
            postgresql_where=text("action = 'one_time_notice'"),
            sqlite_where=text("action = 'one_time_notice'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_case.id"), index=True)
    node: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str] = mapped_column(String(20), default="")
    to_state: Mapped[str] = mapped_column(String(20), default="")
    at: Mapped[dt.datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"))
    comment: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CaseSuspension(Base):
    """中止 / 暂停计时 of a case: returned for correction (补正), hearing (听证), site inspection
    (现场勘查) or publicity (公示). While one is open (``ended_at`` NULL) the clock stands still;
    when it ends the deadlines move by ``working_days``."""

    __tablename__ = "case_suspension"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    from_state: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[dt.datetime]
    started_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    start_day: Mapped[dt.date] = mapped_column(Date)
    ended_at: Mapped[dt.datetime | None]
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    end_day: Mapped[dt.date | None] = mapped_column(Date)
    working_days: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class Document(Base):
    """A document issued for a case (receipt, one-time notice, rejection, decision, certificate,
    hand-over slip). ``content`` is the exact content printed, so a reprint says the same.

    A sealed decision or certificate also has its 文号 (``reference``, from the hall's yearly
    counter), ``content_digest`` (SHA-256 of the canonical content) and ``verify_code``: a keyed
    MAC over the document's id and that digest (the key is not in this database, see
    :mod:`counter.sealkey`), printed with its QR code. ``revoked_at`` marks a 撤销."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("kind", "number"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    number: Mapped[str] = mapped_column(String(40))
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reference: Mapped[str | None] = mapped_column(String(60), unique=True)
    content_digest: Mapped[str] = mapped_column(String(64), default="")
    verify_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    revoked_at: Mapped[dt.datetime | None]
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    revoke_reason: Mapped[str] = mapped_column(Text, default="")


class Seal(Base):
    """A seal of a hall: ``kind`` approval (行政审批专用章, on decisions and certificates, used by
    seal keepers only) or acceptance (受理专用章, on the window's vouchers). ``image`` is the
    seal's picture (PNG) printed on the documents; ``specimen`` marks a 样章 (demo halls)."""

    __tablename__ = "seal"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="approval")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    image: Mapped[bytes | None] = mapped_column(LargeBinary)
    image_sha256: Mapped[str] = mapped_column(String(64), default="")
    specimen: Mapped[bool] = mapped_column(Boolean, default=False)


class SealUse(Base):
    """用印登记: each use of a seal — who, when, which document of which case, the register's
    serial number, original or reprint (``kind``; a reprint gives its ``reason`` and points at
    the first use)."""

    __tablename__ = "seal_use"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    seal_id: Mapped[int] = mapped_column(ForeignKey("seal.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_case.id"), index=True)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    used_at: Mapped[dt.datetime]
    purpose: Mapped[str] = mapped_column(String(60), default="")
    reprint_of_id: Mapped[int | None] = mapped_column(ForeignKey("seal_use.id"))
    serial: Mapped[str] = mapped_column(String(24), default="")
    kind: Mapped[str] = mapped_column(String(12), default="original")  # original | reprint
    reason: Mapped[str] = mapped_column(Text, default="")


class HallCounter(Base):
    """A hall's yearly numbering (``series``: ``wenhao`` for the 文号 of decisions, ``seal`` for
    the seal register): ``UPDATE … RETURNING`` on this row, never ``max() + 1``."""

    __tablename__ = "hall_counter"

    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(16), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Evaluation(Base):
    """好差评: one per visit (ticket) and per case; ``level`` 1..5."""

    __tablename__ = "evaluation"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        # Reports: a period's evaluations; the manager's list of follow-ups (migration 0012).
        Index("ix_evaluation_hall_created", "hall_id", "created_at"),
        Index("ix_evaluation_hall_followup", "hall_id", "followup_state"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_case.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("service_item.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    channel: Mapped[str] = mapped_column(String(12), default="device")
    level: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSONType, default=list)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    followup_state: Mapped[str] = mapped_column(String(12), default="")  # '' open closed
    followup_deadline: Mapped[dt.date | None] = mapped_column(Date)
    followup_note: Mapped[str] = mapped_column(Text, default="")
    followup_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    followup_at: Mapped[dt.datetime | None]


# --------------------------------------------------------------------------------------------
# Working-day calendar
# --------------------------------------------------------------------------------------------


class CalendarYear(Base):
    """A year whose national calendar is known (seeded from chinesecalendar or entered)."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(30))
    loaded_at: Mapped[dt.datetime]


class CalendarDay(Base):
    """An exception to the weekday rule: a statutory holiday (``is_workday`` False) or an
    adjusted working day (调休, True). ``hall_id`` NULL is national; a hall's own closure days
    carry its id."""

    __tablename__ = "calendar_day"
    __table_args__ = (UniqueConstraint("day", "scope"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    # "national" or a hall code: NULLs would not be unique on PostgreSQL.
    scope: Mapped[str] = mapped_column(String(32), default="national")
    is_workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(String(30), default="chinesecalendar")


# --------------------------------------------------------------------------------------------
# Audit and change log
# --------------------------------------------------------------------------------------------


class AuditLog(Base):
    """Append-only: sign-ins and failures, role refusals, case changes, reads of personal data,
    seal uses ... On PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE.

    Rows are chained by hashes (:mod:`db.audit_chain`): ``seq`` numbers them without gaps,
    ``prev_hash`` is the previous row's ``row_hash``, ``row_hash`` covers this row's content and
    ``prev_hash``. The chain is filled in when the row is inserted, under the lock of the
    :class:`AuditChain` head row, so appends from many PCs form one chain."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(index=True)
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("hall.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    staff_no: Mapped[str] = mapped_column(String(32), default="")
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120), default="")
    host: Mapped[str] = mapped_column(String(80), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AuditChain(Base):
    """The head of the audit chain: one row (``id`` 1) with the last ``seq`` and ``row_hash``.
    Locked (``FOR UPDATE``) by every append, it serialises appends across PCs; it also lets
    ``counter audit verify`` notice rows removed from the end of the log."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    last_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime | None]


class ChangeLog(Base):
    """What changed, for screens on other PCs: followed by id on SQLite (polling) and pushed
    with NOTIFY on PostgreSQL (in the same transaction as the change)."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime]
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("hall.id"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)


# The audit chain is filled in on insert, whoever adds the row.
from db import audit_chain as _audit_chain  # noqa: E402

_audit_chain.install(AuditLog, AuditChain)
