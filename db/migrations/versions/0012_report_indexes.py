"""indexes for the manager's reports: a day costs what the day holds

Revision ID: 0012
Revises: 0001
Create Date: 2026-12-02 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_ticket_hall_day", "ticket", ["hall_id", "day"]),
    ("ix_service_case_hall_accepted", "service_case", ["hall_id", "accepted_at"]),
    ("ix_service_case_hall_completed", "service_case", ["hall_id", "completed_at"]),
    ("ix_service_case_hall_deadline", "service_case", ["hall_id", "deadline"]),
    ("ix_evaluation_hall_created", "evaluation", ["hall_id", "created_at"]),
    ("ix_evaluation_hall_followup", "evaluation", ["hall_id", "followup_state"]),
)


# Partial indexes: only the rare rows a report looks for among a period's tickets and cases.
PARTIAL = (
    ("ix_ticket_event_transferred", "ticket_event", ["at"], "type = 'transferred'"),
    ("ix_case_event_one_time_notice", "case_event", ["case_id"], "action = 'one_time_notice'"),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    for name, table, columns, where in PARTIAL:
        op.create_index(
            name,
            table,
            columns,
            unique=False,
            postgresql_where=sa.text(where),
            sqlite_where=sa.text(where),
        )


def downgrade() -> None:
    for name, table, _columns, _where in reversed(PARTIAL):
        op.drop_index(name, table_name=table)
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
