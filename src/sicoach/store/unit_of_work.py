"""Units of work: one database transaction per use case, rolled back unless committed."""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sicoach.store.physician_directory import (
    PhysicianDirectoryRepository,
    SqlAlchemyPhysicianDirectoryRepository,
)
from sicoach.store.repository import (
    CareRepository,
    IntakeRepository,
    LegacyImportRepository,
    OdiRepository,
    PainRepository,
    PeopleRepository,
    PersonIds,
    PlanRepository,
    PsfsRepository,
    SessionRepository,
    SqlAlchemyCareRepository,
    SqlAlchemyIntakeRepository,
    SqlAlchemyLegacyImportRepository,
    SqlAlchemyOdiRepository,
    SqlAlchemyPainRepository,
    SqlAlchemyPeopleRepository,
    SqlAlchemyPlanRepository,
    SqlAlchemyPsfsRepository,
    SqlAlchemySessionRepository,
)

__all__ = ["AbstractUnitOfWork", "SqlAlchemyUnitOfWork"]


class AbstractUnitOfWork(abc.ABC):
    """The repositories of one use case; ``with uow:`` opens it, leaving it rolls back."""

    people: PeopleRepository
    intakes: IntakeRepository
    plans: PlanRepository
    sessions: SessionRepository
    pain: PainRepository
    psfs: PsfsRepository
    odi: OdiRepository
    legacy: LegacyImportRepository
    care: CareRepository
    physicians: PhysicianDirectoryRepository

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None:
        """Make everything done in this unit of work permanent, all at once."""

    @abc.abstractmethod
    def rollback(self) -> None:
        """Forget everything not yet committed."""


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """A unit of work on one SQLAlchemy session of ``engine``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session: Session | None = None
        # The directory keeps its own transactions (imports write batch by batch).
        self.physicians = SqlAlchemyPhysicianDirectoryRepository(engine)

    def __enter__(self) -> Self:
        # A plain Session, not a sessionmaker per unit of work: each sessionmaker makes a
        # new Session subclass, whose event set-up cost more than the queries of a read.
        session = Session(bind=self._engine, expire_on_commit=False)
        self._session = session
        ids = PersonIds(session)
        self.people = SqlAlchemyPeopleRepository(session, ids)
        self.intakes = SqlAlchemyIntakeRepository(session, ids)
        self.plans = SqlAlchemyPlanRepository(session, ids)
        self.sessions = SqlAlchemySessionRepository(session, ids)
        self.pain = SqlAlchemyPainRepository(session, ids)
        self.psfs = SqlAlchemyPsfsRepository(session, ids)
        self.odi = SqlAlchemyOdiRepository(session, ids)
        self.legacy = SqlAlchemyLegacyImportRepository(session, ids)
        self.care = SqlAlchemyCareRepository(session, ids)
        return super().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        if self._session is not None:
            self._session.close()
            self._session = None

    def _active(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a 'with' block")
        return self._session

    def commit(self) -> None:
        self._active().commit()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
