"""``create_hall``: bootstrapped once without a sign-in, even when several start at the same
instant; afterwards an administrator only."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counter.errors import PermissionDenied
from counter.services import admin
from counter.services.base import CLERK, Actor, Runtime
from db.models import Hall
from tests.racing import at_once


def test_bootstraps_made_at_once_make_one_hall(db_url: str) -> None:
    made, refused = at_once(
        db_url,
        6,
        lambda own, n: admin.create_hall(own, None, f"H{n}", name=f"第{n}镇便民服务中心").hall_code,
    )
    assert len(made) == 1, (made, refused)
    assert len(refused) == 5
    # the others were refused for want of a sign-in (SQLite may say the file was busy)
    assert any(isinstance(e, PermissionDenied) for e in refused)
    rt = Runtime(db_url)
    try:
        with rt.unit(read_only=True) as s:
            assert s.scalar(select(func.count()).select_from(Hall)) == 1
        hall_id = rt.hall_id(made[0])
        clerk = Actor(hall_id=hall_id, staff_no="1001", roles=frozenset({CLERK}))
        with pytest.raises(PermissionDenied):
            admin.create_hall(rt, clerk, "QX", name="青溪镇便民服务中心")
        assert admin.has_town_hall(rt)
    finally:
        rt.dispose()
