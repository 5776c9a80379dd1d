"""core: people, intakes and screenings, plan versions, sessions with steps, pain ratings

Revision ID: core0001
Revises:
Create Date: 2026-11-25 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sicoach.store.types import UtcDateTime

revision = "core0001"
down_revision = None
branch_labels = ("core",)
depends_on = None


def _person_fk() -> sa.ForeignKey:
    return sa.ForeignKey("people.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "intakes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), _person_fk(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
    )
    op.create_index("ix_intakes_person_recorded", "intakes", ["person_id", "recorded_at"])
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "intake_id",
            sa.Integer(),
            sa.ForeignKey("intakes.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("urgency", sa.String(40), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=True),
    )
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), _person_fk(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.UniqueConstraint("person_id", "number", name="uq_plan_versions_person_number"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), _person_fk(), nullable=False),
        sa.Column("uid", sa.String(100), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=True),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("ended_at", UtcDateTime(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("person_id", "uid", name="uq_sessions_person_uid"),
    )
    op.create_index("ix_sessions_person_started", "sessions", ["person_id", "started_at"])
    op.create_table(
        "session_steps",
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("exercise", sa.String(80), nullable=True),
        sa.Column("side", sa.String(10), nullable=True),
        sa.Column("rep", sa.Integer(), nullable=True),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("planned_seconds", sa.Float(), nullable=False),
        sa.Column("actual_seconds", sa.Float(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.CheckConstraint(
            "planned_seconds >= 0 AND actual_seconds >= 0", name="ck_session_steps_seconds"
        ),
    )
    op.create_table(
        "pain_ratings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), _person_fk(), nullable=False),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("value >= 0 AND value <= 10", name="ck_pain_ratings_value"),
    )
    op.create_index("ix_pain_ratings_person_recorded", "pain_ratings", ["person_id", "recorded_at"])
    op.create_index(
        "ix_pain_ratings_person_kind_recorded", "pain_ratings", ["person_id", "kind", "recorded_at"]
    )
    op.create_index("ix_pain_ratings_session_id", "pain_ratings", ["session_id"])


def downgrade() -> None:
    for table in (
        "pain_ratings",
        "session_steps",
        "sessions",
        "plan_versions",
        "screenings",
        "intakes",
        "people",
    ):
        op.drop_table(table)
