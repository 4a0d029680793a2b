"""Sign-in and staff management (工作人员、角色、登录).

Passwords are stored as scrypt hashes; repeated failures lock the account for a while; every
sign-in, failure and lock lands in the audit log. Roles are checked here, in the services, not
only in the UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.passwords import (
    LockoutPolicy,
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from counter.domain.text import check_code, check_text
from counter.errors import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    Bi,
    Conflict,
    InvalidInput,
    LastAdministrator,
    NotFound,
    PasswordChangeRequired,
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
    must_change_password: bool = False
    hall_code: str = ""


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
    new_password: str | None = None,
) -> SignedIn:
    """Check the credentials and return the actor, or raise AuthenticationFailed /
    AccountLocked / AccountDisabled. Failures are counted and audited even though the caller
    gets an error (the failure is committed first).

    A password reset by an administrator must be replaced: with the right password but no
    ``new_password`` the sign-in raises :class:`PasswordChangeRequired` (nothing counted as a
    failure); with ``new_password`` (checked against the policy, different from the old one)
    the new password is set, audited, and the sign-in goes on."""
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
        elif staff.must_change_password and new_password is None:
            staff.failed_attempts = 0
            audit(s, None, "sign_in_failed", staff_no, host=rt.host, reason="must_change")
            error = PasswordChangeRequired()
        else:
            if staff.must_change_password and new_password is not None:
                check_password_policy(new_password)
                if new_password == password:
                    raise InvalidInput("新密码不能与管理员设置的密码相同", field="new_password")
                staff.password_hash = hash_password(new_password)
                staff.must_change_password = False
                audit(s, None, "password_changed", staff_no, host=rt.host, reason="reset")
            elif needs_rehash(staff.password_hash):
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
                    raise NotFound(what=Bi(f"{window_number}号窗口", f"window {window_number}"))
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
        raise InvalidInput(
            Bi(f"未知角色 {', '.join(bad)}", f"unknown role {', '.join(bad)}")
            if bad
            else Bi("至少一个角色", "at least one role"),
            field="roles",
        )
    return out


def _info(st: Staff, now: object = None, hall_code: str = "") -> StaffInfo:
    return StaffInfo(
        id=st.id,
        staff_no=st.staff_no,
        name=st.name,
        roles=tuple(sorted(r.role for r in st.roles)),
        active=st.active,
        locked=is_locked(st.locked_until, clock.now()),
        hall_id=st.hall_id,
        phone=st.phone,
        must_change_password=bool(st.must_change_password),
        hall_code=hall_code,
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
    staff_no = check_code(staff_no, Bi("工号", "staff number"), max_len=32)
    name = check_text(name, Bi("姓名", "name"), max_len=60, name=True)
    phone = check_text(phone, Bi("电话", "phone"), max_len=32, required=False)
    check_password_policy(password)
    with rt.unit() as s:
        if s.scalars(select(Staff.id).where(Staff.staff_no == staff_no)).first():
            raise Conflict(
                what=Bi(f"工号 {staff_no} 已存在", f"staff number {staff_no} exists already")
            )
        st = add_staff_row(s, actor.hall_id, staff_no, name, password, roles, phone)
        audit(s, actor, "staff_create", staff_no, host=rt.host, roles=list(_check_roles(roles)))
        return _info(st)


def set_roles(rt: Runtime, actor: Actor, staff_no: str, roles: Iterable[str]) -> StaffInfo:
    require_role(rt, actor, ADMIN)
    wanted = _check_roles(roles)
    with rt.unit() as s:
        st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if st is None:
            raise NotFound(what=Bi(f"工号 {staff_no}", f"staff number {staff_no}"))
        if ADMIN not in wanted:
            refuse_last_admin(s, st)
        st.roles = [StaffRole(role=r) for r in wanted]
        audit(s, actor, "staff_roles", staff_no, host=rt.host, roles=list(wanted))
        s.flush()
        return _info(st)


def reset_password(rt: Runtime, actor: Actor, staff_no: str, new_password: str) -> None:
    """Set a new password and unlock (administrator, or the person themself). A password set
    by an administrator for someone else is temporary: that person must choose a new one at
    the next sign-in (:class:`PasswordChangeRequired`)."""
    by_other = actor.staff_no != staff_no
    if by_other:
        require_role(rt, actor, ADMIN)
    check_password_policy(new_password)
    with rt.unit() as s:
        st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if st is None:
            raise NotFound(what=Bi(f"工号 {staff_no}", f"staff number {staff_no}"))
        st.password_hash = hash_password(new_password)
        st.failed_attempts = 0
        st.locked_until = None
        st.must_change_password = by_other
        audit(s, actor, "password_reset", staff_no, host=rt.host, must_change=by_other)


def unlock(rt: Runtime, actor: Actor, staff_no: str) -> None:
    require_role(rt, actor, ADMIN)
    with rt.unit() as s:
        st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if st is None:
            raise NotFound(what=Bi(f"工号 {staff_no}", f"staff number {staff_no}"))
        st.failed_attempts = 0
        st.locked_until = None
        audit(s, actor, "staff_unlock", staff_no, host=rt.host)


def list_staff(rt: Runtime, hall_id: int | None = None) -> list[StaffInfo]:
    with rt.unit() as s:
        q = select(Staff).order_by(Staff.staff_no)
        if hall_id is not None:
            q = q.where(Staff.hall_id == hall_id)
        return [_info(st) for st in s.scalars(q)]


def active_admins(s: Session) -> list[int]:
    """Ids of the active staff holding the administrator role (the whole town)."""
    return [
        int(i)
        for i in s.scalars(
            select(Staff.id)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(StaffRole.role == ADMIN, Staff.active.is_(True))
        )
    ]


def refuse_last_admin(s: Session, st: Staff) -> None:
    """Raise :class:`LastAdministrator` if ``st`` is the only active administrator left (so
    nobody can deactivate, demote or move away the last one)."""
    if st.active and any(r.role == ADMIN for r in st.roles) and active_admins(s) == [st.id]:
        raise LastAdministrator()


def create_first_admin(
    rt: Runtime, hall_code: str | None, staff_no: str, name: str, password: str
) -> StaffInfo:
    """The hall's first administrator (``counter setup --first-admin``): made once, while no
    active administrator exists anywhere in the database; refused afterwards (later ones are
    added by an administrator who signs in)."""
    staff_no, name = staff_no.strip(), name.strip()
    if not staff_no or len(staff_no) > 32:
        raise InvalidInput("工号应为1至32个字符", field="staff_no")
    if not name or len(name) > 60:
        raise InvalidInput("姓名应为1至60个字符", field="name")
    check_password_policy(password)
    hall_id = rt.hall_id(hall_code)
    with rt.unit() as s:
        if rt.is_postgres:
            # Two set-ups at the same instant: the second waits here, then sees the first's
            # administrator (SQLite's writers are serialised already).
            s.execute(text("LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE"))
        if active_admins(s):
            raise Conflict(what="已有系统管理员，请由其登录后添加 / an administrator exists")
        if s.scalars(select(Staff.id).where(Staff.staff_no == staff_no)).first():
            raise Conflict(what=f"工号 {staff_no} 已存在")
        st = add_staff_row(s, hall_id, staff_no, name, password, [ADMIN])
        audit(s, None, "staff_first_admin", staff_no, host=rt.host)
        return _info(st)


def change_temporary_password(rt: Runtime, staff_no: str, password: str, new_password: str) -> None:
    """Replace a password an administrator set (``must_change_password``) by the person's own,
    given the temporary one; the sign-in that follows is the screen's usual one. Wrong
    credentials count as a failed sign-in (see :func:`sign_in`)."""
    sign_in(rt, staff_no, password, new_password=new_password)
