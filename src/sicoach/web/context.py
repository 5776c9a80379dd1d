"""What every request handler needs, made once per app: settings, the database, the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from sicoach.catalog import Catalog, default_catalog
from sicoach.services.coaching import ScriptCache
from sicoach.services.mail import Mailer, mailer_from_url
from sicoach.settings import Settings
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

__all__ = ["WebContext"]


@dataclass(frozen=True)
class WebContext:
    """The app's long-lived collaborators; only the scripts cache fills between requests."""

    settings: Settings
    engine: Engine
    catalog: Catalog
    mailer: Mailer | None = None
    scripts: ScriptCache = field(init=False)

    def __post_init__(self) -> None:
        # Derived data only, keyed by person and plan version (see ScriptCache), so
        # worker processes may each hold their own without disagreeing.
        object.__setattr__(self, "scripts", ScriptCache(self.catalog))

    @classmethod
    def open(cls, settings: Settings, *, engine: Engine) -> WebContext:
        """The context for ``settings`` on an engine whose schema is up to date; a bad
        ``SICOACH_SMTP_URL`` stops the app at start with what is wrong (MailError)."""
        mailer = mailer_from_url(settings.smtp_url) if settings.smtp_url else None
        return cls(settings=settings, engine=engine, catalog=default_catalog(), mailer=mailer)

    def uow(self) -> SqlAlchemyUnitOfWork:
        """A fresh unit of work on this app's database (one per use case)."""
        return SqlAlchemyUnitOfWork(self.engine)

    @property
    def server_mode(self) -> bool:
        """Whether accounts and roles are on (``SICOACH_MODE=server``)."""
        return self.settings.mode == "server"
