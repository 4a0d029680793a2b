"""waiting counts per queue and day, versions of counts and windows

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 02:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("ticket_counter") as batch:
        batch.add_column(sa.Column("waiting", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("version", _BIG, nullable=False, server_default="0"))
    with op.batch_alter_table("service_window") as batch:
        batch.add_column(sa.Column("version", _BIG, nullable=False, server_default="0"))
    # Lines already waiting: a row for every queue and day that has waiting tickets, and the count.
    op.execute(
        """
        INSERT INTO ticket_counter (queue_id, day, last_seq, waiting, version)
        SELECT DISTINCT t.queue_id, t.day, 0, 0, 0 FROM ticket t
        WHERE t.state = 'waiting' AND NOT EXISTS (
            SELECT 1 FROM ticket_counter c WHERE c.queue_id = t.queue_id AND c.day = t.day)
        """
    )
    op.execute(
        """
        UPDATE ticket_counter SET waiting = (
            SELECT COUNT(*) FROM ticket t WHERE t.queue_id = ticket_counter.queue_id
              AND t.day = ticket_counter.day AND t.state = 'waiting')
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("service_window") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("ticket_counter") as batch:
        batch.drop_column("version")
        batch.drop_column("waiting")
