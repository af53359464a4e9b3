"""enterprise.name_sorted: words of the name in order, for bounded duplicate search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from plut_nb.rules.text import name_sorted_key

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHUNK = 5000


def upgrade() -> None:
    with op.batch_alter_table("enterprise") as batch:
        batch.add_column(
            sa.Column("name_sorted", sa.String(length=200), nullable=False, server_default="")
        )
    # Fill existing rows in chunks (a data migration: word sorting is not portable SQL).
    conn = op.get_bind()
    ent = sa.table(
        "enterprise",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_sorted", sa.String),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(ent.c.id, ent.c.name).where(ent.c.id > last).order_by(ent.c.id).limit(_CHUNK)
        ).all()
        if not rows:
            break
        conn.execute(
            ent.update()
            .where(ent.c.id == sa.bindparam("b_id"))
            .values(name_sorted=sa.bindparam("b_sorted")),
            [{"b_id": r.id, "b_sorted": name_sorted_key(r.name)} for r in rows],
        )
        last = rows[-1].id
    with op.batch_alter_table("enterprise") as batch:
        batch.create_index("ix_enterprise_village_sorted", ["village_code", "name_sorted"])
        batch.create_index("ix_enterprise_district_sorted", ["district_code", "name_sorted"])
        # name-ordered indexes also carry name_sorted, so the search never reads the table
        batch.drop_index("ix_enterprise_village_name")
        batch.drop_index("ix_enterprise_district_name")
        batch.create_index(
            "ix_enterprise_village_name", ["village_code", "name_key", "name_sorted"]
        )
        batch.create_index(
            "ix_enterprise_district_name", ["district_code", "name_key", "name_sorted"]
        )


def downgrade() -> None:
    with op.batch_alter_table("enterprise") as batch:
        batch.drop_index("ix_enterprise_district_sorted")
        batch.drop_index("ix_enterprise_village_sorted")
        batch.drop_index("ix_enterprise_village_name")
        batch.drop_index("ix_enterprise_district_name")
        batch.create_index("ix_enterprise_village_name", ["village_code", "name_key"])
        batch.create_index("ix_enterprise_district_name", ["district_code", "name_key"])
        batch.drop_column("name_sorted")
