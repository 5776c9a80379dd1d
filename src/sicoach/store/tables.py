"""Every table sicoach keeps: importing this registers them all on ``Base.metadata``.

Models live in one module per feature (people and sessions, accounts, the physician
directory); code that needs the whole schema (migrations, their tests) imports this.
"""

from __future__ import annotations

from sqlalchemy import MetaData

from sicoach.store import accounts, models, physician_models
from sicoach.store.db import Base

__all__ = ["FEATURE_MODULES", "metadata"]

FEATURE_MODULES = (models, accounts, physician_models)
metadata: MetaData = Base.metadata
