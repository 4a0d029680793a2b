"""Sign-in, lockout, audit, and role checks in the services."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter import clock
from counter.demo.hall import DEMO_PASSWORD
from counter.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from counter.services.auth import create_staff, list_staff, reset_password, sign_in, unlock
from counter.services.base import Actor, Runtime
from db.models import AuditLog, Staff


@pytest.fixture
def rt(hall_url: str):
    runtime = Runtime(hall_url)
    yield runtime
    runtime.dispose()
    clock.set_clock(None)


def actions(rt: Runtime, target: str) -> list[str]:
    with rt.unit() as s:
        return list(
            s.scalars(
                select(AuditLog.action).where(AuditLog.target == target).order_by(AuditLog.id)
            )
        )


def test_sign_in_returns_actor_with_roles_and_window(rt: Runtime) -> None:
    signed = sign_in(rt, "1001", DEMO_PASSWORD, window_number=3)
    assert signed.actor.roles == frozenset({"clerk"}) and signed.actor.window_id is not None
    assert signed.hall_name == "青山镇便民服务中心"
    assert "sign_in" in actions(rt, "window 3")


def test_passwords_are_stored_hashed(rt: Runtime) -> None:
    with rt.unit() as s:
        stored = s.scalars(select(Staff.password_hash).where(Staff.staff_no == "1001")).one()
    assert stored.startswith("scrypt$") and DEMO_PASSWORD not in stored


def test_lockout_after_repeated_failures_then_unlock(rt: Runtime) -> None:
    start = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    clock.set_clock(lambda: start)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            sign_in(rt, "1002", "wrong-password")
    with pytest.raises(AccountLocked):
        sign_in(rt, "1002", "wrong-password")
    # Locked: even the right password is refused until the lock expires.
    with pytest.raises(AccountLocked):
        sign_in(rt, "1002", DEMO_PASSWORD)
    assert actions(rt, "1002").count("sign_in_failed") == 6
    assert "account_locked" in actions(rt, "1002")
    clock.set_clock(lambda: start + dt.timedelta(hours=1))
    assert sign_in(rt, "1002", DEMO_PASSWORD).actor.staff_no == "1002"


def test_administrator_unlocks(rt: Runtime) -> None:
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            sign_in(rt, "1003", "nope-nope")
    assert next(s for s in list_staff(rt) if s.staff_no == "1003").locked
    unlock(rt, Actor.system(rt.hall_id()), "1003")
    assert sign_in(rt, "1003", DEMO_PASSWORD)


def test_unknown_staff_number_is_the_same_error(rt: Runtime) -> None:
    with pytest.raises(AuthenticationFailed) as err:
        sign_in(rt, "no-such", "whatever1")
    assert err.value.message_zh == "工号或密码错误"


def test_roles_are_checked_in_the_services(rt: Runtime) -> None:
    clerk = sign_in(rt, "1001", DEMO_PASSWORD).actor
    with pytest.raises(PermissionDenied) as err:
        create_staff(rt, clerk, "5001", "新人", "good-pass-1", ["clerk"])
    assert "系统管理员" in err.value.message_zh
    with pytest.raises(PermissionDenied):
        reset_password(rt, clerk, "1002", "another-pass-1")
    # A person may change their own password.
    reset_password(rt, clerk, "1001", "another-pass-1")
    assert sign_in(rt, "1001", "another-pass-1")
    admin = sign_in(rt, "9001", DEMO_PASSWORD).actor
    info = create_staff(rt, admin, "5001", "新人", "good-pass-1", ["clerk", "reviewer"])
    assert info.roles == ("clerk", "reviewer")
