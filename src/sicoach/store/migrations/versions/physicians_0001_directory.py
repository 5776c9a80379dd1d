"""Physician directory: directories, their source files, providers and specialty look-ups.

Revision ID: physicians_0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "physicians_0001"
down_revision = None
branch_labels = ("physicians",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "physician_directories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
    )
    op.create_index("ix_physician_directories_is_current", "physician_directories", ["is_current"])
    op.create_table(
        "physician_source_files",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "directory_id",
            sa.Integer,
            sa.ForeignKey("physician_directories.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("file_date", sa.Date, nullable=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("rows_read", sa.Integer, nullable=False),
        sa.Column("rows_kept", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_physician_source_files_directory_id", "physician_source_files", ["directory_id"]
    )
    op.create_table(
        "physician_providers",
        sa.Column("directory_id", sa.Integer, primary_key=True),
        sa.Column("npi", sa.String(10), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("credential", sa.String(100), nullable=False),
        sa.Column("address", sa.String(250), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("state", sa.String(40), nullable=False),
        sa.Column("zip5", sa.String(5), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("last_update", sa.Date, nullable=True),
    )
    op.create_table(
        "physician_specialties",
        sa.Column("directory_id", sa.Integer, primary_key=True),
        sa.Column("specialty", sa.String(40), primary_key=True),
        sa.Column("zip5", sa.String(5), primary_key=True),
        sa.Column("npi", sa.String(10), primary_key=True),
        sa.Column("taxonomy_code", sa.String(10), nullable=False),
        sa.Column("is_primary", sa.Boolean, nullable=False),
    )
    op.create_index(
        "ix_physician_specialties_npi", "physician_specialties", ["directory_id", "npi"]
    )


def downgrade() -> None:
    op.drop_table("physician_specialties")
    op.drop_table("physician_providers")
    op.drop_table("physician_source_files")
    op.drop_table("physician_directories")
