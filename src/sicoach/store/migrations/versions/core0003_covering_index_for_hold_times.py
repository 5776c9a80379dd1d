"""core: a covering index so hold times per stretch are read from the index alone

Revision ID: core0003
Revises: core0002
Create Date: 2026-11-25 09:50:00
"""

from __future__ import annotations

from alembic import op

revision = "core0003"
down_revision = "core0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_session_steps_holds",
        "session_steps",
        ["session_id", "phase", "outcome", "exercise", "actual_seconds"],
    )


def downgrade() -> None:
    op.drop_index("ix_session_steps_holds", table_name="session_steps")
