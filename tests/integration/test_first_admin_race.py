"""Two ``counter setup --first-admin`` at the same instant make one administrator, not two."""

from __future__ import annotations

from sqlalchemy import delete, select

from counter.errors import Conflict
from counter.services.auth import active_admins, create_first_admin
from counter.services.base import Runtime
from db.models import StaffRole
from tests.racing import at_once


def test_first_administrators_made_at_once_make_one(hall_url: str) -> None:
    rt = Runtime(hall_url)
    try:
        with rt.unit() as s:  # a town nobody administers yet
            s.execute(delete(StaffRole).where(StaffRole.role == "admin"))
        made, refused = at_once(
            hall_url,
            6,
            lambda own, n: (
                create_first_admin(own, "QS", f"80{n:02d}", "管理员", "first-admin-1").staff_no
            ),
        )
        assert len(made) == 1, (made, refused)
        # the others were told an administrator exists (SQLite may say the file was busy)
        assert len(refused) == 5
        assert any(isinstance(e, Conflict) for e in refused)
        with rt.unit() as s:
            assert len(active_admins(s)) == 1
            assert s.scalars(select(StaffRole.role).where(StaffRole.role == "admin")).all() == [
                "admin"
            ]
    finally:
        rt.dispose()
