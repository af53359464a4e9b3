"""Indexes that let evaluation queries read only their scope's period

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

An evaluation report reads one scope and period. Without these, a centre's
cases opened (or closed) in a quarter were found by walking every case of the
centre, and the activities of a period by reading every activity row of the
scope's cases. Now:

- ``service_case (centre_id, opened_on)`` and ``(centre_id, closed_on)``: a
  centre's cases of a period are one index range;
- ``activity (case_id, held_on, minutes)`` replaces ``activity (case_id)``: the
  activities of a case in a period, and their minutes, come from the index
  alone (the leading ``case_id`` still serves the foreign key and case pages).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_case_centre_opened", "service_case", ["centre_id", "opened_on"])
    op.create_index("ix_case_centre_closed", "service_case", ["centre_id", "closed_on"])
    op.create_index("ix_activity_case_held", "activity", ["case_id", "held_on", "minutes"])
    op.drop_index("ix_activity_case_id", table_name="activity")


def downgrade() -> None:
    op.create_index("ix_activity_case_id", "activity", ["case_id"])
    op.drop_index("ix_activity_case_held", table_name="activity")
    op.drop_index("ix_case_centre_closed", table_name="service_case")
    op.drop_index("ix_case_centre_opened", table_name="service_case")
