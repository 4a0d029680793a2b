"""the agent's relation to the applicant (代办关系), stored with the case at acceptance

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-02 06:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("service_case") as batch:
        batch.add_column(
            sa.Column("agent_relation", sa.String(length=30), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("service_case") as batch:
        batch.drop_column("agent_relation")
