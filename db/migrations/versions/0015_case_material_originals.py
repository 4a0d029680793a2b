"""what became of each original the window saw (原件当场退还 / 暂存、出件时退还 / 留存)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 17:05:00

- case_material.original: returned | held | filed | handed_back ("" when no original was seen);
- case_material.original_returned_at: when it was given back (on the spot, or at 出件).

Existing rows keep what the hand-out slip assumed before: a received 原件及复印件 was held and
given back at 出件 (handed_back once the case was delivered), a received 原件 was kept.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.models

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_material", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("original", sa.String(length=12), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("original_returned_at", db.models.UTCDateTime(timezone=True), nullable=True)
        )
    op.execute(
        "UPDATE case_material SET original = 'filed' "
        "WHERE status = 'received' AND form = 'original'"
    )
    op.execute(
        "UPDATE case_material SET original = CASE WHEN case_id IN "
        "(SELECT id FROM service_case WHERE state = 'delivered') "
        "THEN 'handed_back' ELSE 'held' END "
        "WHERE status = 'received' AND form = 'original_and_copy'"
    )


def downgrade() -> None:
    with op.batch_alter_table("case_material", schema=None) as batch_op:
        batch_op.drop_column("original_returned_at")
        batch_op.drop_column("original")
