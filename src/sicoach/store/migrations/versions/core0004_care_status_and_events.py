"""core: the plan's life: each person's care status and the events that changed it

Revision ID: core0004
Revises: core0003
Create Date: 2026-12-07 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sicoach.store.types import UtcDateTime

revision = "core0004"
down_revision = "core0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_status",
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("status", sa.JSON(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "care_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("from_state", sa.String(20), nullable=False),
        sa.Column("to_state", sa.String(20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_care_events_person_at", "care_events", ["person_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_care_events_person_at", table_name="care_events")
    op.drop_table("care_events")
    op.drop_table("care_status")
