"""An in-memory unit of work, so service tests run without a database."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sicoach.outcomes.oswestry import OdiResponse, OdiWording
from sicoach.outcomes.pain import PainKind, PainRating
from sicoach.outcomes.psfs import PsfsAssessment
from sicoach.physicians.nppes import ProviderRecord, Removal
from sicoach.physicians.search import Candidate
from sicoach.program.lifecycle import CareStatus
from sicoach.session.script_model import Phase, StepOutcome
from sicoach.store.physician_directory import (
    DirectoryInfo,
    PhysicianDirectoryRepository,
    SourceMeta,
)
from sicoach.store.records import (
    CareEntry,
    HoldRow,
    IntakeEntry,
    Person,
    PersonOverview,
    PlanVersion,
    PsfsActivity,
    SessionSummary,
    StoredSession,
)
from sicoach.store.repository import (
    CareRepository,
    IntakeRepository,
    LegacyImportRepository,
    OdiRepository,
    PainRepository,
    PeopleRepository,
    PlanRepository,
    PsfsRepository,
    SessionRepository,
)
from sicoach.store.unit_of_work import AbstractUnitOfWork


@dataclass
class _World:
    people: list[Person] = field(default_factory=list)
    intakes: dict[str, list[IntakeEntry]] = field(default_factory=lambda: defaultdict(list))
    plans: dict[str, list[PlanVersion]] = field(default_factory=lambda: defaultdict(list))
    sessions: dict[str, list[StoredSession]] = field(default_factory=lambda: defaultdict(list))
    pain: dict[str, list[PainRating]] = field(default_factory=lambda: defaultdict(list))
    activities: dict[str, list[PsfsActivity]] = field(default_factory=lambda: defaultdict(list))
    psfs: dict[str, list[PsfsAssessment]] = field(default_factory=lambda: defaultdict(list))
    odi: dict[str, list[OdiResponse]] = field(default_factory=lambda: defaultdict(list))
    wording: OdiWording | None = None
    legacy: set[tuple[str, str]] = field(default_factory=set)
    care: dict[str, CareStatus] = field(default_factory=dict)
    care_events: dict[str, list[CareEntry]] = field(default_factory=lambda: defaultdict(list))


class _Fake:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def w(self) -> _World:
        return self._uow.working

    def _known(self, person_id: str) -> None:
        if not any(p.id == person_id for p in self.w.people):
            raise LookupError(f"no person {person_id!r}")


T = TypeVar("T")


def _by_time(items: list[T], key: str) -> list[T]:
    return sorted(items, key=lambda i: getattr(i, key))


class FakePeople(PeopleRepository, _Fake):
    def add(self, person: Person) -> None:
        self.w.people.append(person)

    def get(self, person_id: str) -> Person | None:
        return next((p for p in self.w.people if p.id == person_id), None)

    def first(self) -> Person | None:
        return self.w.people[0] if self.w.people else None

    def all(self) -> list[Person]:
        return list(self.w.people)

    def set_time_zone(self, person_id: str, time_zone: str | None) -> None:
        self.w.people = [
            replace(p, time_zone=time_zone) if p.id == person_id else p for p in self.w.people
        ]

    def overview(self, person_ids: Sequence[str], since: datetime) -> dict[str, PersonOverview]:
        found = {}
        for person in self.w.people:
            if person.id not in person_ids:
                continue
            sessions = [s.record for s in self.w.sessions[person.id]]
            starts = sorted(s.started_at for s in sessions)
            plans = sorted(v.created_at for v in self.w.plans[person.id])
            answered = [i.recorded_at for i in self.w.intakes[person.id]]
            ratings = _by_time(self.w.pain[person.id], "recorded_at")
            recent = [s for s in sessions if s.started_at >= since]
            found[person.id] = PersonOverview(
                person_id=person.id,
                display_name=person.display_name,
                last_intake_at=max(answered, default=None),
                first_session_at=starts[0] if starts else None,
                last_session_at=starts[-1] if starts else None,
                first_plan_at=plans[0] if plans else None,
                last_pain=ratings[-1] if ratings else None,
                done_since=sum(s.completed for s in recent),
                partial_since=sum(not s.completed for s in recent),
            )
        return found


class FakeIntakes(IntakeRepository, _Fake):
    def add(self, person_id: str, entry: IntakeEntry) -> None:
        self._known(person_id)
        self.w.intakes[person_id].append(entry)

    def history(self, person_id: str) -> list[IntakeEntry]:
        return _by_time(self.w.intakes[person_id], "recorded_at")

    def latest_recorded_at(self, person_id: str) -> datetime | None:
        history = self.history(person_id)
        return history[-1].recorded_at if history else None


class FakePlans(PlanRepository, _Fake):
    def add(self, person_id: str, version: PlanVersion) -> None:
        self._known(person_id)
        self.w.plans[person_id].append(version)

    def latest(self, person_id: str) -> PlanVersion | None:
        versions = self.history(person_id)
        return versions[-1] if versions else None

    def history(self, person_id: str) -> list[PlanVersion]:
        return sorted(self.w.plans[person_id], key=lambda v: v.number)

    def first_created_at(self, person_id: str) -> datetime | None:
        versions = self.history(person_id)
        return versions[0].created_at if versions else None


class FakeCare(CareRepository, _Fake):
    def get(self, person_id: str) -> CareStatus | None:
        return self.w.care.get(person_id)

    def put(self, person_id: str, status: CareStatus, at: datetime) -> None:
        self._known(person_id)
        self.w.care[person_id] = status

    def add_event(self, person_id: str, entry: CareEntry) -> None:
        self._known(person_id)
        self.w.care_events[person_id].append(entry)

    def events(self, person_id: str) -> list[CareEntry]:
        return list(self.w.care_events[person_id])

    def many(self, person_ids: Sequence[str]) -> dict[str, CareStatus]:
        return {p: self.w.care[p] for p in person_ids if p in self.w.care}


class FakeSessions(SessionRepository, _Fake):
    def add(self, person_id: str, session: StoredSession) -> None:
        self._known(person_id)
        self.w.sessions[person_id].append(session)

    def exists(self, person_id: str, session_id: str) -> bool:
        return any(s.record.id == session_id for s in self.w.sessions[person_id])

    def history(self, person_id: str) -> list[StoredSession]:
        return sorted(self.w.sessions[person_id], key=lambda s: s.record.started_at)

    def _since(self, person_id: str, since: datetime | None) -> list[StoredSession]:
        return [s for s in self.history(person_id) if since is None or s.record.started_at >= since]

    def summaries(self, person_id: str, since: datetime | None) -> list[SessionSummary]:
        return [
            SessionSummary(s.record.started_at, s.record.completed)
            for s in self._since(person_id, since)
        ]

    def holds(self, person_id: str, since: datetime | None) -> list[HoldRow]:
        rows: list[HoldRow] = []
        for s in self._since(person_id, since):
            by_exercise: dict[str, list[float]] = defaultdict(list)
            for step in s.record.steps:
                if (
                    step.phase is Phase.HOLD
                    and step.outcome is StepOutcome.COMPLETED
                    and step.exercise
                ):
                    by_exercise[step.exercise].append(step.actual_seconds)
            rows.extend(
                HoldRow(s.record.started_at, name, sum(v) / len(v))
                for name, v in by_exercise.items()
            )
        return rows

    def first_started_at(self, person_id: str) -> datetime | None:
        sessions = self.history(person_id)
        return sessions[0].record.started_at if sessions else None


class FakePain(PainRepository, _Fake):
    def add(self, person_id: str, rating: PainRating) -> None:
        self._known(person_id)
        if rating.session_id is not None and not FakeSessions(self._uow).exists(
            person_id, rating.session_id
        ):
            raise LookupError(f"no session {rating.session_id!r}")
        self.w.pain[person_id].append(rating)

    def add_all(self, person_id: str, ratings: Sequence[PainRating]) -> None:
        for rating in ratings:
            self.add(person_id, rating)

    def history(self, person_id: str, since: datetime | None = None) -> list[PainRating]:
        ratings = _by_time(self.w.pain[person_id], "recorded_at")
        return [r for r in ratings if since is None or r.recorded_at >= since]

    def first(self, person_id: str, kind: PainKind) -> PainRating | None:
        return next((r for r in self.history(person_id) if r.kind is kind), None)

    def firsts(self, person_id: str) -> dict[PainKind, PainRating]:
        found = {kind: self.first(person_id, kind) for kind in PainKind}
        return {kind: rating for kind, rating in found.items() if rating is not None}


class FakePsfs(PsfsRepository, _Fake):
    def activities(self, person_id: str) -> list[PsfsActivity]:
        return sorted(self.w.activities[person_id], key=lambda a: a.position)

    def add_activity(self, person_id: str, activity: PsfsActivity) -> None:
        self._known(person_id)
        self.w.activities[person_id].append(activity)

    def update_activity(self, person_id: str, activity: PsfsActivity) -> None:
        self.w.activities[person_id] = [
            replace(a, position=activity.position, retired_at=activity.retired_at)
            if a.name == activity.name
            else a
            for a in self.w.activities[person_id]
        ]

    def add(self, person_id: str, assessment: PsfsAssessment) -> None:
        names = {a.name for a in self.w.activities[person_id]}
        if set(assessment.ratings) - names:
            raise LookupError("unknown PSFS activity")
        self.w.psfs[person_id].append(assessment)

    def history(self, person_id: str) -> list[PsfsAssessment]:
        return _by_time(self.w.psfs[person_id], "recorded_at")


class FakeOdi(OdiRepository, _Fake):
    def add(self, person_id: str, response: OdiResponse) -> None:
        self._known(person_id)
        self.w.odi[person_id].append(response)

    def history(self, person_id: str) -> list[OdiResponse]:
        return _by_time(self.w.odi[person_id], "recorded_at")

    def wording(self) -> OdiWording | None:
        return self.w.wording

    def set_wording(self, wording: OdiWording, loaded_at: datetime) -> None:
        self.w.wording = wording


class FakeLegacy(LegacyImportRepository, _Fake):
    def imported(self, path: str, sha256: str) -> bool:
        return (path, sha256) in self.w.legacy

    def mark(self, path: str, sha256: str, kind: str, imported_at: datetime) -> None:
        self.w.legacy.add((path, sha256))


class FakePhysicianDirectory(PhysicianDirectoryRepository):
    """The directory in memory: a new import replaces it only once ``check`` has passed."""

    def __init__(self) -> None:
        self.providers: dict[str, ProviderRecord] = {}
        self.info: DirectoryInfo | None = None

    def current(self) -> DirectoryInfo | None:
        return self.info

    def candidates(
        self, directory_id: int, keys: Sequence[str], zips: Sequence[str], kind: str | None
    ) -> list[Candidate]:
        assert self.info is not None and directory_id == self.info.directory_id
        return [
            Candidate(
                npi=r.npi,
                name=r.name,
                credential=r.credential,
                kind=r.kind,
                specialty=m.key,
                taxonomy_code=m.code,
                is_primary=m.is_primary,
                address=r.address,
                city=r.city,
                state=r.state,
                zip5=r.zip5,
                phone=r.phone,
            )
            for r in self.providers.values()
            if r.zip5 in zips and (kind is None or r.kind == kind)
            for m in r.specialties
            if m.key in keys
        ]

    def _swap(self, providers: dict[str, ProviderRecord], meta: SourceMeta, new: bool) -> None:
        number = (self.info.directory_id if self.info else 0) + (1 if new else 0)
        self.providers = providers
        self.info = DirectoryInfo(number, meta.file_name, meta.file_date, datetime.now(UTC))

    def import_full(
        self,
        records: Iterable[ProviderRecord],
        meta: SourceMeta,
        *,
        rows_read: Callable[[], int],
        check: Callable[[int], None] | None = None,
    ) -> int:
        staged = {r.npi: r for r in records}
        if check is not None:
            check(len(staged))
        self._swap(staged, meta, new=True)
        return len(staged)

    def apply_update(
        self,
        items: Iterable[ProviderRecord | Removal],
        meta: SourceMeta,
        *,
        rows_read: Callable[[], int],
        check: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        from sicoach.store.physician_directory import NoDirectoryError

        if self.info is None:
            raise NoDirectoryError("import a monthly NPPES file before a weekly update")
        staged = dict(self.providers)
        written, removed = 0, 0
        for item in items:
            if isinstance(item, Removal):
                removed += staged.pop(item.npi, None) is not None
            else:
                staged[item.npi] = item
                written += 1
        if check is not None:
            check(written)
        self._swap(staged, meta, new=False)
        return written, removed

    def clear_abandoned(self, older_than: timedelta) -> int:
        return 0  # nothing is staged between calls in memory


class FakeUnitOfWork(AbstractUnitOfWork):
    """Keeps records in memory; work not committed is forgotten when the block ends."""

    def __init__(self) -> None:
        self.committed = _World()
        self.working = copy.deepcopy(self.committed)
        self.commits = 0
        self.people = FakePeople(self)
        self.intakes = FakeIntakes(self)
        self.plans = FakePlans(self)
        self.sessions = FakeSessions(self)
        self.pain = FakePain(self)
        self.psfs = FakePsfs(self)
        self.odi = FakeOdi(self)
        self.legacy = FakeLegacy(self)
        self.care = FakeCare(self)
        self.physicians = FakePhysicianDirectory()

    def commit(self) -> None:
        self.committed = copy.deepcopy(self.working)
        self.commits += 1

    def rollback(self) -> None:
        self.working = copy.deepcopy(self.committed)
