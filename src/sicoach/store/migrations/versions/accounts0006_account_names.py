"""accounts: an account has a display name (a clinician is named on the invite page)

Revision ID: accounts0006
Revises: accounts0005
Create Date: 2026-12-08 02:10:00

Older accounts keep no name (null); the pages then name the clinician by their email.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "accounts0006"
down_revision = "accounts0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("display_name", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("display_name")
