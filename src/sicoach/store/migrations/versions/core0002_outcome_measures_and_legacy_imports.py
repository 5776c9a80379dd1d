"""core: PSFS and Oswestry (answers, scores, licensed wording), legacy file imports

Revision ID: core0002
Revises: core0001
Create Date: 2026-11-25 09:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sicoach.store.types import UtcDateTime

revision = "core0002"
down_revision = "core0001"
branch_labels = None
depends_on = None


def _person_fk() -> sa.ForeignKey:
    return sa.ForeignKey("people.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "psfs_activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), _person_fk(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("retired_at", UtcDateTime(), nullable=True),
        sa.UniqueConstraint("person_id", "name", name="uq_psfs_activities_person_name"),
    )
    op.create_table(
        "psfs_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), _person_fk(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )
    op.create_index(
        "ix_psfs_assessments_person_recorded", "psfs_assessments", ["person_id", "recorded_at"]
    )
    op.create_table(
        "psfs_ratings",
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey("psfs_assessments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "activity_id",
            sa.Integer(),
            sa.ForeignKey("psfs_activities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("value >= 0 AND value <= 10", name="ck_psfs_ratings_value"),
    )
    op.create_table(
        "odi_responses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), _person_fk(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=True),
    )
    op.create_index(
        "ix_odi_responses_person_recorded", "odi_responses", ["person_id", "recorded_at"]
    )
    op.create_table(
        "odi_answers",
        sa.Column(
            "response_id",
            sa.Integer(),
            sa.ForeignKey("odi_responses.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("section", sa.String(30), primary_key=True),
        sa.Column("value", sa.SmallInteger(), nullable=True),
        sa.CheckConstraint(
            "value IS NULL OR (value >= 0 AND value <= 5)", name="ck_odi_answers_value"
        ),
    )
    op.create_table(
        "odi_wording",
        sa.Column("section", sa.String(30), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("loaded_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "legacy_imports",
        sa.Column("path", sa.String(500), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("imported_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "legacy_imports",
        "odi_wording",
        "odi_answers",
        "odi_responses",
        "psfs_ratings",
        "psfs_assessments",
        "psfs_activities",
    ):
        op.drop_table(table)
