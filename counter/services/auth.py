"""Sign-in and staff management (工作人员、角色、登录).

Passwords are stored as scrypt hashes; repeated failures lock the account for a while; every
sign-in, failure and lock lands in the audit log. Roles are checked here, in the services, not
only in the UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.passwords import (
    LockoutPolicy,
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from counter.errors import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NotFound,
)
from counter.services.base import ADMIN, ROLES, Actor, Runtime, audit, require_role
from db.models import Hall, Staff, StaffRole, Window

is_locked = LockoutPolicy.is_locked

# A hash of a random password: verifying against it when the staff number is unknown keeps the
# time of a failed sign-in the same whether or not the account exists.
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("dummy-password-not-used")
    return _DUMMY_HASH


@dataclass(frozen=True)
class StaffInfo:
    id: int
    staff_no: str
    name: str
    roles: tuple[str, ...]
    active: bool
    locked: bool
    hall_id: int
    phone: str = ""


@dataclass(frozen=True)
class SignedIn:
    """The result of a sign-in: who, with which roles, at which window (if this PC has one)."""

    actor: Actor
    hall_name: str
    window_number: int | None
    staff_phone: str


def sign_in(
    rt: Runtime,
    staff_no: str,
    password: str,
    *,
    window_number: int | None = None,
    policy: LockoutPolicy | None = None,
) -> SignedIn:
    """Check the credentials and return the actor, or raise AuthenticationFailed /
    AccountLocked / AccountDisabled. Failures are counted and audited even though the caller
    gets an error (the failure is committed first)."""
    policy = policy or LockoutPolicy()
    staff_no = (staff_no or "").strip()[:32]
    now = clock.now()
    error: Exception | None = None
    result: SignedIn | None = None
    with rt.unit() as s:
        staff = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if staff is None:
            verify_password(password or "", _dummy_hash())
            audit(s, None, "sign_in_failed", staff_no, host=rt.host, reason="unknown")
            error = AuthenticationFailed()
        elif not staff.active:
            audit(s, None, "sign_in_failed", staff_no, host=rt.host, reason="disabled")
            error = AccountDisabled()
        elif is_locked(staff.locked_until, now):
            audit(s, None, "sign_in_failed", staff_no, host=rt.host, reason="locked")
            assert staff.locked_until is not None
            error = AccountLocked(until=clock.to_local(staff.locked_until).strftime("%H:%M"))
        elif not verify_password(password or "", staff.password_hash):
            failures, locked_until = policy.register_failure(staff.failed_attempts, now)
            staff.failed_attempts = failures
            staff.locked_until = locked_until
            audit(
                s,
                None,
                "sign_in_failed",
                staff_no,
                host=rt.host,
                reason="password",
                failures=failures,
            )
            if locked_until is not None:
                audit(s, None, "account_locked", staff_no, host=rt.host)
                error = AccountLocked(until=clock.to_local(locked_until).strftime("%H:%M"))
            else:
                error = AuthenticationFailed()
        else:
            if needs_rehash(staff.password_hash):
                staff.password_hash = hash_password(password)
            staff.failed_attempts = 0
            staff.locked_until = None
            staff.last_sign_in_at = now
            hall = s.get(Hall, staff.hall_id)
            assert hall is not None
            window_id = None
            if window_number is not None:
                window = s.scalars(
                    select(Window).where(
                        Window.hall_id == staff.hall_id, Window.number == window_number
                    )
                ).first()
                if window is None:
                    raise NotFound(what=f"{window_number}号窗口")
                window_id = window.id
            actor = Actor(
                hall_id=staff.hall_id,
                staff_id=staff.id,
                staff_no=staff.staff_no,
                name=staff.name,
                roles=frozenset(r.role for r in staff.roles),
                window_id=window_id,
            )
            audit(
                s,
                actor,
                "sign_in",
                f"window {window_number}" if window_number else "",
                host=rt.host,
            )
            result = SignedIn(actor, hall.name, window_number, staff.phone)
    if error is not None:
        raise error
    assert result is not None
    return result


def sign_out(rt: Runtime, actor: Actor) -> None:
    with rt.unit() as s:
        record_sign_out(s, rt, actor)


def record_sign_out(s: Session, rt: Runtime, actor: Actor) -> None:
    """签退, inside the caller's unit of work (the window closes in the same transaction)."""
    audit(s, actor, "sign_out", host=rt.host)


def _check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    out = tuple(dict.fromkeys(roles))
    bad = [r for r in out if r not in ROLES]
    if bad or not out:
        raise InvalidInput(f"未知角色 {', '.join(bad)}" if bad else "至少一个角色", field="roles")
    return out


def _info(st: Staff, now: object = None) -> StaffInfo:
    return StaffInfo(
        id=st.id,
        staff_no=st.staff_no,
        name=st.name,
        roles=tuple(sorted(r.role for r in st.roles)),
        active=st.active,
        locked=is_locked(st.locked_until, clock.now()),
        hall_id=st.hall_id,
        phone=st.phone,
    )


def add_staff_row(
    s: object,
    hall_id: int,
    staff_no: str,
    name: str,
    password: str,
    roles: Iterable[str],
    phone: str = "",
) -> Staff:
    """Insert a staff row in the caller's session (used by services and seeding)."""
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    st = Staff(
        hall_id=hall_id,
        staff_no=staff_no,
        name=name,
        phone=phone,
        password_hash=hash_password(password),
        created_at=clock.now(),
        roles=[StaffRole(role=r) for r in _check_roles(roles)],
    )
    s.add(st)
    s.flush()
    return st


def create_staff(
    rt: Runtime,
    actor: Actor,
    staff_no: str,
    name: str,
    password: str,
    roles: Iterable[str],
    phone: str = "",
) -> StaffInfo:
    """Add a staff member (administrator). The password must meet the policy."""
    require_role(rt, actor, ADMIN)
    staff_no = staff_no.strip()
    name = name.strip()
    if not staff_no or len(staff_no) > 32:
        raise InvalidInput("工号应为1至32个字符", field="staff_no")
    if not name or len(name) > 60:
        raise InvalidInput("姓名应为1至60个字符", field="name")
    check_password_policy(password)
    with rt.unit() as s:
        if s.scalars(select(Staff.id).where(Staff.staff_no == staff_no)).first():
            raise Conflict(what=f"工号 {staff_no} 已存在")
        st = add_staff_row(s, actor.hall_id, staff_no, name, password, roles, phone)
        audit(s, actor, "staff_create", staff_no, host=rt.host, roles=list(_check_roles(roles)))
        return _info(st)


def set_roles(rt: Runtime, actor: Actor, staff_no: str, roles: Iterable[str]) -> StaffInfo:
    require_role(rt, actor, ADMIN)
    wanted = _check_roles(roles)
    with rt.unit() as s:
        st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if st is None:
            raise NotFound(what=f"工号 {staff_no}")
        st.roles = [StaffRole(role=r) for r in wanted]
        audit(s, actor, "staff_roles", staff_no, host=rt.host, roles=list(wanted))
        s.flush()
        return _info(st)


def reset_password(rt: Runtime, actor: Actor, staff_no: str, new_password: str) -> None:
    """Set a new password and unlock (administrator, or the person themself)."""
    if actor.staff_no != staff_no:
        require_role(rt, actor, ADMIN)
    check_password_policy(new_password)
    with rt.unit() as s:
        st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if st is None:
            raise NotFound(what=f"工号 {staff_no}")
        st.password_hash = hash_password(new_password)
        st.failed_attempts = 0
        st.locked_until = None
        audit(s, actor, "password_reset", staff_no, host=rt.host)


def unlock(rt: Runtime, actor: Actor, staff_no: str) -> None:
    require_role(rt, actor, ADMIN)
    with rt.unit() as s:
        st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if st is None:
            raise NotFound(what=f"工号 {staff_no}")
        st.failed_attempts = 0
        st.locked_until = None
        audit(s, actor, "staff_unlock", staff_no, host=rt.host)


def list_staff(rt: Runtime, hall_id: int | None = None) -> list[StaffInfo]:
    with rt.unit() as s:
        q = select(Staff).order_by(Staff.staff_no)
        if hall_id is not None:
            q = q.where(Staff.hall_id == hall_id)
        return [_info(st) for st in s.scalars(q)]
