"""staff must change the password at the next sign-in

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 06:30:00

- staff.must_change_password: set when an administrator resets a password, so the person
  chooses a new one at the next sign-in (the administrator's password is never the one used).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
