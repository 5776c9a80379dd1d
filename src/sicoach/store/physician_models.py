"""Tables of the offline physician directory (Alembic branch ``physicians``).

Every provider row belongs to a directory (one import of a monthly file). An import fills a
new directory batch by batch and, at the end, makes it current in one short transaction: a
search only ever reads the current directory, so a failed or killed import leaves the previous
one whole and searchable. Weekly updates change the current directory in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sicoach.store.db import Base

__all__ = ["PhysicianDirectory", "PhysicianProvider", "PhysicianSourceFile", "PhysicianSpecialty"]


class PhysicianDirectory(Base):
    """One imported monthly file; at most one is current."""

    __tablename__ = "physician_directories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    is_current: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class PhysicianSourceFile(Base):
    """A file applied to a directory: the monthly file first, then each weekly update."""

    __tablename__ = "physician_source_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    directory_id: Mapped[int] = mapped_column(
        ForeignKey("physician_directories.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    file_date: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_kept: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PhysicianProvider(Base):
    """An active provider at its practice location (never the mailing address)."""

    __tablename__ = "physician_providers"

    directory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    npi: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    credential: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(250))
    city: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(40))
    zip5: Mapped[str] = mapped_column(String(5))
    phone: Mapped[str] = mapped_column(String(20))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    last_update: Mapped[date | None] = mapped_column(Date)


class PhysicianSpecialty(Base):
    """A specialty key a provider matches; keyed for 'these keys in these ZIPs' look-ups."""

    __tablename__ = "physician_specialties"

    directory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    specialty: Mapped[str] = mapped_column(String(40), primary_key=True)
    zip5: Mapped[str] = mapped_column(String(5), primary_key=True)
    npi: Mapped[str] = mapped_column(String(10), primary_key=True)
    taxonomy_code: Mapped[str] = mapped_column(String(10))
    is_primary: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_physician_specialties_npi", "directory_id", "npi"),)
