"""households: a household table and award_record.household_id

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-12 09:00:00

Issue 11, point 4: award history imports take household rows (name, address, commune).
Decisions already name households by ``recipient_name``; that column stays (it is the name as
printed on the decision) and ``household_id`` links the record to the household it is about.
Records written before this revision keep ``household_id`` empty: their households were never
identified by more than a name, and a name alone is not an identity.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("address", sa.String(length=255), nullable=True),
        sa.Column("commune", sa.String(length=120), nullable=True),
        sa.Column("identity_key", sa.String(length=640), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
        sa.UniqueConstraint("identity_key", name=op.f("uq_household_identity_key")),
    )
    with op.batch_alter_table("award_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("household_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_award_record_household_id"), ["household_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_award_record_household_id_household"),
            "household",
            ["household_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("award_record", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_award_record_household_id_household"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_award_record_household_id"))
        batch_op.drop_column("household_id")
    op.drop_table("household")
