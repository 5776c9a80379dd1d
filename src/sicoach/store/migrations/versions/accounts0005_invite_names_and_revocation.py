"""accounts: an invite names the patient (name, email) and can be revoked

Revision ID: accounts0005
Revises: accounts0004
Create Date: 2026-12-07 23:55:00

Older invites keep no name or email (both null) and were never revoked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sicoach.store.types import UtcDateTime

revision = "accounts0005"
down_revision = "accounts0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invites") as batch:
        batch.add_column(sa.Column("name", sa.String(200), nullable=True))
        batch.add_column(sa.Column("email", sa.String(254), nullable=True))
        batch.add_column(sa.Column("revoked_at", UtcDateTime(), nullable=True))
    op.create_index("ix_invites_clinician_id", "invites", ["clinician_id"])


def downgrade() -> None:
    op.drop_index("ix_invites_clinician_id", table_name="invites")
    with op.batch_alter_table("invites") as batch:
        batch.drop_column("revoked_at")
        batch.drop_column("email")
        batch.drop_column("name")
