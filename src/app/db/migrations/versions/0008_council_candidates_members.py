"""council: candidates stored with the session, list approvals, members, times of the minutes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 20:45:00

Issue 14: the candidates of a session in the tally sheet's order (ballots typed against them
survive restarts); titles approved as a list in one action (in favour / total members).
Issues 20-21: the minutes name members present and absent, the chair and secretary, the times
and the outcome of the public comment. Existing sessions get no members and no times.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "council_list_approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=40), nullable=False),
        sa.Column("in_favour", sa.Integer(), nullable=False),
        sa.Column("members_total", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_session.id"],
            name=op.f("fk_council_list_approval_session_id_council_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["title"],
            ["catalogue_item.code"],
            name=op.f("fk_council_list_approval_title_catalogue_item"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_list_approval")),
        sa.UniqueConstraint(
            "session_id", "title", name=op.f("uq_council_list_approval_session_id_title")
        ),
    )
    with op.batch_alter_table("council_list_approval", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_list_approval_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "council_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("job_title", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("written_opinion", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_session.id"],
            name=op.f("fk_council_member_session_id_council_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_member")),
    )
    with op.batch_alter_table("council_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_member_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "council_candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("list_approval_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (unit_id IS NULL)",
            name=op.f("ck_council_candidate_one_subject"),
        ),
        sa.ForeignKeyConstraint(
            ["list_approval_id"],
            ["council_list_approval.id"],
            name=op.f("fk_council_candidate_list_approval_id_council_list_approval"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_council_candidate_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_session.id"],
            name=op.f("fk_council_candidate_session_id_council_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["title"],
            ["catalogue_item.code"],
            name=op.f("fk_council_candidate_title_catalogue_item"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_council_candidate_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_candidate")),
        sa.UniqueConstraint(
            "session_id",
            "person_id",
            "unit_id",
            "title",
            name=op.f("uq_council_candidate_session_id_person_id_unit_id_title"),
        ),
    )
    with op.batch_alter_table("council_candidate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_candidate_list_approval_id"), ["list_approval_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_council_candidate_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_council_candidate_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_council_candidate_unit_id"), ["unit_id"], unique=False)

    with op.batch_alter_table("council_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("started_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("ended_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("public_comment", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("council_session", schema=None) as batch_op:
        batch_op.drop_column("public_comment")
        batch_op.drop_column("ended_at")
        batch_op.drop_column("started_at")

    with op.batch_alter_table("council_candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_candidate_unit_id"))
        batch_op.drop_index(batch_op.f("ix_council_candidate_session_id"))
        batch_op.drop_index(batch_op.f("ix_council_candidate_person_id"))
        batch_op.drop_index(batch_op.f("ix_council_candidate_list_approval_id"))

    op.drop_table("council_candidate")
    with op.batch_alter_table("council_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_member_session_id"))

    op.drop_table("council_member")
    with op.batch_alter_table("council_list_approval", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_list_approval_session_id"))

    op.drop_table("council_list_approval")
