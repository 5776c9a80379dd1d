"""accounts: a private calendar address per person

Revision ID: accounts0002
Revises: accounts0001
Create Date: 2026-11-25 10:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sicoach.store.types import UtcDateTime

revision = "accounts0002"
down_revision = "accounts0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column(
            "person_uid",
            sa.String(36),
            sa.ForeignKey("people.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds")
