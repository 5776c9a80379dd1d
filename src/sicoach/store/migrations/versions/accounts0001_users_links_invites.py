"""accounts: users with roles, clinician-person links, invites, failed logins

Revision ID: accounts0001
Revises:
Create Date: 2026-11-25 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sicoach.store.types import UtcDateTime

revision = "accounts0001"
down_revision = None
branch_labels = ("accounts",)
depends_on = "core0001"


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column(
            "person_uid",
            sa.String(36),
            sa.ForeignKey("people.uid", ondelete="CASCADE"),
            nullable=True,
            unique=True,
        ),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("role in ('person', 'clinician', 'admin')", name="ck_users_role"),
    )
    op.create_table(
        "care_links",
        sa.Column(
            "clinician_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "person_uid",
            sa.String(36),
            sa.ForeignKey("people.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_care_links_person_uid", "care_links", ["person_uid"])
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "clinician_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_login_failures_email_at", "login_failures", ["email", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_failures_email_at", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_table("invites")
    op.drop_index("ix_care_links_person_uid", table_name="care_links")
    op.drop_table("care_links")
    op.drop_table("users")
