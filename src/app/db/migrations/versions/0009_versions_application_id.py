"""a version on every record a clerk edits; SQLite files marked as TĐKT's (application_id)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 09:00:00

Issue 18: two clerks on a shared PostgreSQL database must not overwrite each other's saves. The
records a clerk edits get a ``version`` (optimistic locking, ``app.db.base.Versioned``): people,
units, assignments, grades, unit grades, discipline, initiatives, households, awards, settings,
campaigns, Council sessions and members, condition marks, base salaries and catalogue items.
Existing rows start at version 1.

An SQLite file gets ``PRAGMA application_id`` = :data:`app.db.migrate.APPLICATION_ID` so a
restore can tell a TĐKT file from another program's (``app.services.restore``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# "TDKT" in ASCII; the same number as app.db.migrate.APPLICATION_ID (a migration keeps its own
# copy: it must not change if the constant ever did).
APPLICATION_ID = 0x54444B54

VERSIONED_TABLES = (
    "catalogue_item",
    "unit",
    "person",
    "assignment",
    "person_grade",
    "unit_grade",
    "discipline",
    "initiative",
    "household",
    "award_record",
    "app_setting",
    "campaign",
    "council_session",
    "council_member",
    "condition_mark",
    "base_salary",
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 0")
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
