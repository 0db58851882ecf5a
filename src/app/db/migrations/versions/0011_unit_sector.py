"""a unit's field of activity (lĩnh vực)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 23:30:00

Issue 26: the search of awards by field (``tdkt search --field``, "Tra cứu khen thưởng") needs
the field a unit works in ("Nông nghiệp - Nông thôn", "Tài nguyên - Môi trường"...; domain.md
§10). A unit without one takes the field of the nearest unit above it. Existing units have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        # nullable, no server default: SQLite adds the column in place, without rebuilding the
        # table the other tables' foreign keys point to
        batch_op.add_column(sa.Column("sector", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_column("sector")
