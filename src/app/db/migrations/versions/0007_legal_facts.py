"""legal facts: initiative use, how holds ended, years in the sector, clusters, revocations

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 20:05:26

Issue 12: facts the eligibility rules need, recorded instead of assumed.
- ``initiative_use``: which initiative supports which award (one initiative, one use).
- ``discipline.outcome`` / ``concluded_on`` / ``penalty_id``: how a hold ended; existing holds
  stay open (no outcome) as they were read before.
- ``person.sector_start_date`` / ``sector_break_months`` / ``remote_area_years`` /
  ``death_date``: years in the sector for the Kỷ niệm chương.
- ``cluster`` and ``cluster_member``: clusters (cụm, khối thi đua) of a year and results.
- ``award_record.revocation_number`` / ``revocation_date``: revocations in award history.
- ``condition_mark.met``: a fact entered as met; existing marks are "unmet" as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cluster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("organiser", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster")),
        sa.UniqueConstraint("year", "name", name=op.f("uq_cluster_year_name")),
    )
    with op.batch_alter_table("cluster", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cluster_year"), ["year"], unique=False)

    op.create_table(
        "cluster_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["cluster.id"],
            name=op.f("fk_cluster_member_cluster_id_cluster"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_cluster_member_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_member")),
        sa.UniqueConstraint(
            "cluster_id", "unit_id", name=op.f("uq_cluster_member_cluster_id_unit_id")
        ),
    )
    with op.batch_alter_table("cluster_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cluster_member_cluster_id"), ["cluster_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cluster_member_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "initiative_use",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("catalogue_code", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("award_record_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (unit_id IS NULL)", name=op.f("ck_initiative_use_one_subject")
        ),
        sa.ForeignKeyConstraint(
            ["award_record_id"],
            ["award_record.id"],
            name=op.f("fk_initiative_use_award_record_id_award_record"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["catalogue_code"],
            ["catalogue_item.code"],
            name=op.f("fk_initiative_use_catalogue_code_catalogue_item"),
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_initiative_use_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_initiative_use_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_initiative_use_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative_use")),
        sa.UniqueConstraint(
            "initiative_id",
            "year",
            "person_id",
            "unit_id",
            "catalogue_code",
            name=op.f("uq_initiative_use_initiative_id_year_person_id_unit_id_catalogue_code"),
        ),
    )
    with op.batch_alter_table("initiative_use", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_use_award_record_id"), ["award_record_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_initiative_use_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_initiative_use_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_initiative_use_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiative_use_year"), ["year"], unique=False)

    with op.batch_alter_table("award_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revocation_number", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("revocation_date", sa.Date(), nullable=True))

    with op.batch_alter_table("condition_mark", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("met", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("concluded_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("penalty_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_discipline_penalty_id"), ["penalty_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_discipline_penalty_id_discipline"),
            "discipline",
            ["penalty_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sector_start_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("sector_break_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("remote_area_years", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("death_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("death_date")
        batch_op.drop_column("remote_area_years")
        batch_op.drop_column("sector_break_months")
        batch_op.drop_column("sector_start_date")

    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_discipline_penalty_id_discipline"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_discipline_penalty_id"))
        batch_op.drop_column("penalty_id")
        batch_op.drop_column("concluded_on")
        batch_op.drop_column("outcome")

    with op.batch_alter_table("condition_mark", schema=None) as batch_op:
        batch_op.drop_column("met")

    with op.batch_alter_table("award_record", schema=None) as batch_op:
        batch_op.drop_column("revocation_date")
        batch_op.drop_column("revocation_number")

    with op.batch_alter_table("initiative_use", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_use_year"))
        batch_op.drop_index(batch_op.f("ix_initiative_use_unit_id"))
        batch_op.drop_index(batch_op.f("ix_initiative_use_person_id"))
        batch_op.drop_index(batch_op.f("ix_initiative_use_initiative_id"))
        batch_op.drop_index(batch_op.f("ix_initiative_use_award_record_id"))

    op.drop_table("initiative_use")
    with op.batch_alter_table("cluster_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cluster_member_unit_id"))
        batch_op.drop_index(batch_op.f("ix_cluster_member_cluster_id"))

    op.drop_table("cluster_member")
    with op.batch_alter_table("cluster", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cluster_year"))

    op.drop_table("cluster")
