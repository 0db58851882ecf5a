"""catalogue as data, rule sets from files, attachments in the database

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 21:20:00

Issue 13: the catalogue table is the one source at run time: coefficients with the date they
take effect (``catalogue_coefficient``), synonyms, forms the clerk added (``local``) and the
fields the clerk changed (``clerk_changed``: an update of the shipped values leaves them);
rule sets loaded from a file (``rule_set``); the day a candidate's dossier was received.
Issue 21: files kept in the database (``attachment``) for every clerk of a shared database.
Existing rows keep their values; the coefficients are seeded by the program at start-up.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index("ix_attachment_owner", ["owner_kind", "owner_id"], unique=False)

    op.create_table(
        "rule_set",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_rule_set")),
    )
    op.create_table(
        "catalogue_coefficient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("coef_ca_nhan", sa.Numeric(precision=8, scale=3), nullable=True),
        sa.Column("coef_tap_the", sa.Numeric(precision=8, scale=3), nullable=True),
        sa.Column("coef_ho_gia_dinh", sa.Numeric(precision=8, scale=3), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["code"],
            ["catalogue_item.code"],
            name=op.f("fk_catalogue_coefficient_code_catalogue_item"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_coefficient")),
        sa.UniqueConstraint(
            "code", "effective_from", name=op.f("uq_catalogue_coefficient_code_effective_from")
        ),
    )
    with op.batch_alter_table("catalogue_coefficient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_coefficient_code"), ["code"], unique=False)

    with op.batch_alter_table("catalogue_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("synonyms", sa.Text(), nullable=True))
        batch_op.add_column(
            # a plain '0' (not an expression): SQLite adds the column in place, without
            # rebuilding the table other tables' foreign keys point to
            sa.Column("local", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("clerk_changed", sa.Text(), nullable=True))

    with op.batch_alter_table("council_candidate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("received_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("council_candidate", schema=None) as batch_op:
        batch_op.drop_column("received_on")

    with op.batch_alter_table("catalogue_item", schema=None) as batch_op:
        batch_op.drop_column("clerk_changed")
        batch_op.drop_column("local")
        batch_op.drop_column("synonyms")

    with op.batch_alter_table("catalogue_coefficient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_coefficient_code"))

    op.drop_table("catalogue_coefficient")
    op.drop_table("rule_set")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index("ix_attachment_owner")

    op.drop_table("attachment")
