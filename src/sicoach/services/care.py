"""The plan's life as use cases: answers, re-screen, review, prescription, sessions and pain.

Each writing function is one unit of work: it reads the stored status, lets
:func:`sicoach.program.lifecycle.decide` decide, and writes the status, the event,
the record and any new plan version (today's dose) together, or nothing. The
reads (:func:`care_view`) only read: the status and the latest plan version, in one
short transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from pydantic import ValidationError

from sicoach.catalog import Catalog
from sicoach.outcomes.pain import PainKind, PainRating, check_nrs
from sicoach.program.dosing import next_plan_dose
from sicoach.program.intake import Intake, RedFlagAnswers, parse_intake
from sicoach.program.lifecycle import (
    AnswersGiven,
    CareEvent,
    CareState,
    CareStatus,
    LifecycleRefusal,
    PainRecorded,
    PlanAction,
    Prescribed,
    RedFlagsAnswered,
    Reviewed,
    Role,
    SessionRecorded,
    Transition,
    advice,
    decide,
    initial_status,
    start_refusal,
    status_on,
)
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Plan, PlannedExercise, Referral, Urgency
from sicoach.program.prescription import DoseChange, prescribe
from sicoach.program.progression import PainResponse, PainVerdict, pain_verdict, verdict_reasons
from sicoach.program.screening import EMERGENCY_ADVICE, SEE_DOCTOR_FIRST_ADVICE, red_flags
from sicoach.rules import RISING_PAIN_WINDOW_DAYS
from sicoach.services.errors import (
    DuplicateRecord,
    InvalidRecord,
    NoPlan,
    NotNow,
    validation_problems,
)
from sicoach.services.pain import pain_kind
from sicoach.services.people import require_person
from sicoach.services.plans import next_version, screening_of
from sicoach.services.sessions import SessionSaved, check_session, session_pain
from sicoach.services.times import as_utc, now_utc
from sicoach.session.script_model import SessionRecord, StepOutcome
from sicoach.store.records import CareEntry, IntakeEntry, PlanVersion, StoredSession
from sicoach.store.unit_of_work import AbstractUnitOfWork

__all__ = [
    "ANSWERS_AUTHOR",
    "PROGRESSION_AUTHOR",
    "STATUS_SCHEMA",
    "CareView",
    "Outcome",
    "answer_red_flags",
    "care_view",
    "care_views",
    "give_answers",
    "pain_responses",
    "prescribe_plan",
    "read_view",
    "record_pain",
    "record_session",
    "record_session_pain",
    "report_emergency",
    "review_plan",
]

STATUS_SCHEMA = "sicoach.status/1"
ANSWERS_AUTHOR = "sicoach (from the person's answers)"
PROGRESSION_AUTHOR = "sicoach progression"
CLINICIAN_AUTHOR = "clinician "  # followed by the clinician's name or email
# Enough history for next_dose's rising-pain window and its run of sessions over the limit.
LOOKBACK = timedelta(days=RISING_PAIN_WINDOW_DAYS.value * 3)


@dataclass(frozen=True)
class CareView:
    """Where a person's care stands today, with the plan version in force."""

    status: CareStatus
    version: PlanVersion | None

    @property
    def plan(self) -> Plan | None:
        """The plan in force (its latest version), or None before the first answers."""
        return Plan.model_validate(self.version.plan) if self.version else None

    @property
    def today(self) -> list[PlannedExercise]:
        """Today's stretches: only when the state is active."""
        plan = self.plan
        if self.status.state is not CareState.ACTIVE or plan is None or not plan.eligible:
            return []
        return list(plan.exercises)

    @property
    def referral(self) -> Referral | None:
        """Where to get care while red flags stop the plan, or None when they do not.

        The plan's own referral; or, when answers given again stopped a plan that had
        none (a re-screen keeps the plan), the referral those answers raised.
        """
        if self.status.state is not CareState.REFERRED:
            return None
        plan = self.plan
        if plan is not None and plan.referral is not None and not plan.eligible:
            return plan.referral
        urgency = self.status.urgency or Urgency.BEFORE_STARTING
        words = EMERGENCY_ADVICE if urgency is Urgency.EMERGENCY else SEE_DOCTOR_FIRST_ADVICE
        return Referral(urgency=urgency, reasons=list(self.status.reasons), advice=words)

    @property
    def clinician_reason(self) -> str | None:
        """The clinician's reason for the plan version in force, when a clinician made it."""
        version = self.version
        if version is None or not version.changed_by.startswith(CLINICIAN_AUTHOR):
            return None
        return version.reason

    @property
    def advice(self) -> str:
        """What to do next, in the person's words."""
        return advice(self.status)

    def start_refusal(self, today: date) -> str | None:
        """Why today's session cannot start, or None when it can."""
        return start_refusal(self.status, today)

    def to_json_dict(self) -> dict[str, Any]:
        """Contract 9: the care status as JSON."""
        return {
            "schema": STATUS_SCHEMA,
            "state": self.status.state.value,
            "plan_version": self.version.number if self.version else None,
            "today": [
                {
                    "id": p.id,
                    "hold_seconds": p.hold_seconds,
                    "repetitions": p.repetitions,
                    "sides": [s.value for s in p.sides],
                }
                for p in self.today
            ],
            "flags": [
                {"kind": f.kind.value, "since": f.since.isoformat(), "text": f.text}
                for f in self.status.flags
            ],
            "advice": self.advice,
        }


@dataclass(frozen=True)
class Outcome:
    """What an event did: the view after it, and the words for the person."""

    view: CareView
    message: str
    verdict: PainVerdict | None = None
    saved: SessionSaved | None = None


def _current(
    uow: AbstractUnitOfWork, person_id: str, today: date
) -> tuple[PlanVersion | None, CareStatus]:
    """The plan version in force and the stored status (or, for a plan older than the
    lifecycle, the status its plan implies)."""
    latest = uow.plans.latest(person_id)
    stored = uow.care.get(person_id)
    if stored is not None:
        return latest, stored
    plan = Plan.model_validate(latest.plan) if latest else None
    urgency = plan.referral.urgency if plan and plan.referral else None
    since = latest.created_at.date() if latest else today
    first = initial_status(plan.eligible if plan else None, urgency, since)
    return latest, first.model_copy(update={"plan_version": latest.number if latest else None})


def read_view(uow: AbstractUnitOfWork, person_id: str, today: date) -> CareView:
    """:func:`care_view` inside a unit of work the caller has opened."""
    require_person(uow, person_id)
    latest, status = _current(uow, person_id, today)
    return CareView(status=status_on(status, today), version=latest)


def care_view(uow: AbstractUnitOfWork, person_id: str, today: date) -> CareView:
    """The person's care today: the stored status (with date flags) and the plan in force."""
    with uow:
        return read_view(uow, person_id, today)


def care_views(
    uow: AbstractUnitOfWork, person_ids: Sequence[str], today: date
) -> dict[str, CareStatus]:
    """The care status of many people in one read (a clinician's list); plans not loaded."""
    with uow:
        stored = uow.care.many(person_ids)
    return {pid: status_on(stored.get(pid, CareStatus()), today) for pid in person_ids}


def _decide(status: CareStatus, event: CareEvent) -> Transition:
    try:
        return decide(status, event)
    except LifecycleRefusal as exc:
        raise NotNow(str(exc)) from None


def _keep(
    uow: AbstractUnitOfWork,
    person_id: str,
    before: CareStatus,
    after: CareStatus,
    version: PlanVersion | None,
    on: date,
    *,
    kind: str,
    role: Role,
    by: str,
    detail: str,
    at: datetime,
) -> CareView:
    """Keep the new status (with the plan version in force) and the event that made it,
    commit, and give today's view."""
    after = after.model_copy(update={"plan_version": version.number if version else None})
    uow.care.put(person_id, after, at)
    uow.care.add_event(
        person_id,
        CareEntry(
            at=at,
            kind=kind,
            role=role.value,
            by=by,
            from_state=before.state.value,
            to_state=after.state.value,
            detail=detail,
        ),
    )
    uow.commit()
    return CareView(status_on(after, on), version)


def _save(
    uow: AbstractUnitOfWork,
    person_id: str,
    latest: PlanVersion | None,
    plan: Plan,
    *,
    changed_by: str,
    reason: str,
    at: datetime,
) -> PlanVersion | None:
    version = next_version(latest, plan, changed_by=changed_by, reason=reason, at=at)
    if version is not None:
        uow.plans.add(person_id, version)
    return version or latest


def _holds(latest: PlanVersion | None) -> dict[str, float]:
    plan = Plan.model_validate(latest.plan) if latest else None
    if plan is None or not plan.eligible:
        return {}
    return {p.id: p.hold_seconds for p in plan.exercises}


def _latest_intake(uow: AbstractUnitOfWork, person_id: str) -> Intake | None:
    history = uow.intakes.history(person_id)
    return parse_intake(history[-1].answers) if history else None


def give_answers(
    uow: AbstractUnitOfWork,
    person_id: str,
    intake: Intake,
    catalog: Catalog,
    *,
    on: date,
    at: datetime | None = None,
    by: Role = Role.PERSON,
    source: str = "web",
    linked_clinician: bool = False,
) -> Outcome:
    """Keep the person's answers and apply them: a plan made or kept, a referral, a review."""
    moment = as_utc(at) if at else now_utc()
    with uow:
        require_person(uow, person_id)
        latest, status = _current(uow, person_id, on)
        history = uow.intakes.history(person_id)
        answers = intake.to_file_dict()
        changed = not history or history[-1].answers != answers
        plan = build_plan(intake, catalog, dose=_holds(latest), cleared=status.cleared)
        referral = plan.referral
        event = AnswersGiven(
            on=on,
            by=by,
            urgency=referral.urgency if referral else None,
            reasons=list(referral.reasons) if referral else [],
            raised=[r.flag.key for r in red_flags(intake, status.cleared)],
            changed=changed,
            linked_clinician=linked_clinician,
        )
        transition = _decide(status, event)
        uow.intakes.add(person_id, IntakeEntry(moment, source, answers, screening_of(plan)))
        version = latest
        if transition.plan is PlanAction.REBUILD:
            why = "new answers to the questions" if plan.eligible else "a red flag: see a doctor"
            version = _save(
                uow, person_id, latest, plan, changed_by=ANSWERS_AUTHOR, reason=why, at=moment
            )
        detail = "answers given" if changed else "the same answers again"
        view = _keep(
            uow,
            person_id,
            status,
            transition.status,
            version,
            on,
            kind="answers",
            role=by,
            by=by.value,
            detail=detail,
            at=moment,
        )
    return Outcome(view=view, message=transition.message)


def answer_red_flags(
    uow: AbstractUnitOfWork,
    person_id: str,
    answers: Mapping[str, object],
    catalog: Catalog,
    *,
    on: date,
    at: datetime | None = None,
) -> Outcome:
    """The red-flag questions answered again (re-screen): kept as a new intake entry."""
    try:
        flags = RedFlagAnswers.model_validate(dict(answers))
    except ValidationError as exc:
        raise InvalidRecord("the answers", validation_problems(exc, "red_flags.")) from None
    moment = as_utc(at) if at else now_utc()
    with uow:
        require_person(uow, person_id)
        latest, status = _current(uow, person_id, on)
        intake = _latest_intake(uow, person_id)
        if intake is None:
            raise NotNow("answer all the questions first")
        rescreened = intake.model_copy(update={"red_flags": flags})
        plan = build_plan(rescreened, catalog, cleared=status.cleared)
        referral = plan.referral
        event = RedFlagsAnswered(
            on=on,
            by=Role.PERSON,
            urgency=referral.urgency if referral else None,
            reasons=list(referral.reasons) if referral else [],
            raised=[r.flag.key for r in red_flags(rescreened, status.cleared)],
        )
        transition = _decide(status, event)
        uow.intakes.add(
            person_id,
            IntakeEntry(moment, "re-screen", rescreened.to_file_dict(), screening_of(plan)),
        )
        view = _keep(
            uow,
            person_id,
            status,
            transition.status,
            latest,
            on,
            kind="re-screen",
            role=Role.PERSON,
            by="person",
            detail="warning-sign questions answered again",
            at=moment,
        )
    return Outcome(view=view, message=transition.message)


def report_emergency(
    uow: AbstractUnitOfWork,
    person_id: str,
    answers: Mapping[str, bool],
    catalog: Catalog,
    *,
    on: date,
    at: datetime | None = None,
) -> Outcome | None:
    """An emergency sign answered yes part-way through the questions, kept at once.

    The red-flag answers given so far replace the stored ones; the questions not reached
    keep their last answers, and the plan is remade from them: stopped, without asking the
    rest.
    None when nothing was answered before: there is no intake to keep it with, and
    nothing is saved.
    """
    with uow:
        require_person(uow, person_id)
        intake = _latest_intake(uow, person_id)
    if intake is None:
        return None
    flags = RedFlagAnswers.model_validate({**intake.red_flags.model_dump(), **answers})
    changed = intake.model_copy(update={"red_flags": flags})
    return give_answers(uow, person_id, changed, catalog, on=on, at=at)


def review_plan(
    uow: AbstractUnitOfWork,
    person_id: str,
    catalog: Catalog,
    *,
    name: str,
    role: Role,
    on: date,
    note: str | None = None,
    local_mode: bool = False,
    at: datetime | None = None,
) -> Outcome:
    """A clinician's review of the plan in force, a clearance of a referral, or a resume."""
    moment = as_utc(at) if at else now_utc()
    who = name.strip()
    if not who:
        raise InvalidRecord("the review", ["by: say which clinician reviewed the plan"])
    with uow:
        require_person(uow, person_id)
        latest, status = _current(uow, person_id, on)
        if status.started_on is not None and on < status.started_on:
            raise InvalidRecord("the review", [f"date: {on} is before the first answers"])
        event = Reviewed(on=on, by=role, name=who, note=note, local_mode=local_mode)
        transition = _decide(status, event)
        version = latest
        if transition.plan is PlanAction.REBUILD:
            intake = _latest_intake(uow, person_id)
            if intake is None:
                raise NoPlan(person_id)
            plan = build_plan(
                intake, catalog, dose=_holds(latest), cleared=transition.status.cleared
            )
            version = _save(
                uow,
                person_id,
                latest,
                plan,
                changed_by=who,
                reason=f"referral cleared by {who}" + (f": {note}" if note else ""),
                at=moment,
            )
        view = _keep(
            uow,
            person_id,
            status,
            transition.status,
            version,
            on,
            kind="review",
            role=role,
            by=who,
            detail=note or "reviewed",
            at=moment,
        )
    return Outcome(view=view, message=transition.message)


def prescribe_plan(
    uow: AbstractUnitOfWork,
    person_id: str,
    changes: Sequence[DoseChange],
    reason: str,
    catalog: Catalog,
    *,
    name: str,
    on: date,
    at: datetime | None = None,
) -> Outcome:
    """A clinician's prescription: a new plan version in force, with who and why."""
    why = reason.strip()
    if not why:
        raise InvalidRecord("the prescription", ["reason: say why the dose changes"])
    moment = as_utc(at) if at else now_utc()
    with uow:
        require_person(uow, person_id)
        latest, status = _current(uow, person_id, on)
        transition = _decide(status, Prescribed(on=on, by=Role.CLINICIAN, name=name))
        plan = Plan.model_validate(latest.plan) if latest else None
        if plan is None or not plan.eligible:
            raise NotNow("this person has no plan to change yet")
        changed = prescribe(plan, changes, catalog, why)
        author = f"{CLINICIAN_AUTHOR}{name}"
        version = _save(uow, person_id, latest, changed, changed_by=author, reason=why, at=moment)
        view = _keep(
            uow,
            person_id,
            status,
            transition.status,
            version,
            on,
            kind="prescription",
            role=Role.CLINICIAN,
            by=name,
            detail=why,
            at=moment,
        )
    return Outcome(view=view, message=transition.message)


def pain_responses(ratings: Sequence[PainRating], tz: tzinfo) -> dict[str, PainResponse]:
    """One pain response per session that has a before rating, by session id.

    The next-morning answer is the first next-morning rating on the day after the
    session (local dates in ``tz``).
    """
    by_session: dict[str, dict[PainKind, PainRating]] = defaultdict(dict)
    mornings: dict[date, int] = {}
    for rating in sorted(ratings, key=lambda r: r.recorded_at):
        if rating.kind is PainKind.NEXT_MORNING:
            mornings.setdefault(rating.recorded_at.astimezone(tz).date(), rating.value)
        elif rating.session_id is not None:
            by_session[rating.session_id].setdefault(rating.kind, rating)
    responses: dict[str, PainResponse] = {}
    for session_id, kinds in by_session.items():
        before = kinds.get(PainKind.BEFORE)
        if before is None:
            continue
        day = before.recorded_at.astimezone(tz).date()
        during, after = kinds.get(PainKind.DURING), kinds.get(PainKind.AFTER)
        responses[session_id] = PainResponse(
            day=day,
            before=before.value,
            during=during.value if during else None,
            after=after.value if after else None,
            next_morning=mornings.get(day + timedelta(days=1)),
        )
    return responses


def _dose(
    uow: AbstractUnitOfWork,
    person_id: str,
    latest: PlanVersion | None,
    catalog: Catalog,
    responses: Mapping[str, PainResponse],
    at: datetime,
) -> tuple[PlanVersion | None, str | None]:
    """Today's dose from the pain answers, kept as a new plan version when a hold moves."""
    plan = Plan.model_validate(latest.plan) if latest else None
    if plan is None or not plan.eligible or not responses:
        return latest, None
    intake = _latest_intake(uow, person_id)
    minutes = intake.minutes_per_day if intake else None
    dosed = next_plan_dose(plan, catalog, list(responses.values()), minutes)
    if not dosed.changed:
        return latest, dosed.clinician_reason
    version = _save(
        uow,
        person_id,
        latest,
        dosed.plan,
        changed_by=PROGRESSION_AUTHOR,
        reason=dosed.reason,
        at=at,
    )
    return version, dosed.clinician_reason


def _words(transition: Transition, clinician: str | None) -> str:
    if clinician and transition.status.state is not CareState.PAUSED:
        return f"{transition.message} Please contact your clinician: {clinician}."
    return transition.message


def _verdict(response: PainResponse | None) -> tuple[PainVerdict | None, list[str]]:
    if response is None or (response.worst is None and response.next_morning is None):
        return None, []
    verdict = pain_verdict(response)
    reasons = verdict_reasons(response)
    if verdict is PainVerdict.FLARE and not reasons:
        reasons = ["pain flared"]
    return verdict, reasons


def record_session(
    uow: AbstractUnitOfWork,
    person_id: str,
    record: SessionRecord,
    catalog: Catalog,
    *,
    tz: tzinfo,
    by: Role = Role.PERSON,
) -> Outcome:
    """Keep a played (or logged) session and its pain; its pain decides the next dose.

    Only an ``active`` plan records a session; the pain before is asked every session.
    """
    checked = check_session(record, catalog.ids)
    if checked.pain_before is None:
        raise InvalidRecord(
            f"session {checked.id!r}", ["pain_before: rate your pain before the session (0-10)"]
        )
    day = checked.started_at.astimezone(tz).date()
    this = PainResponse(
        day=day, before=checked.pain_before, during=checked.pain_during, after=checked.pain_after
    )
    verdict, reasons = _verdict(this)
    with uow:
        require_person(uow, person_id)
        if uow.sessions.exists(person_id, checked.id):
            raise DuplicateRecord("session", checked.id)
        latest, status = _current(uow, person_id, day)
        event = SessionRecorded(
            on=day,
            by=by,
            session_id=checked.id,
            verdict=verdict,
            reasons=reasons,
            morning_pending=verdict is PainVerdict.WITHIN_LIMIT,
        )
        transition = _decide(status, event)
        plan_version = latest.number if latest else None
        bare = checked.model_copy(
            update={"pain_before": None, "pain_during": None, "pain_after": None}
        )
        uow.sessions.add(person_id, StoredSession(record=bare, plan_version=plan_version))
        uow.pain.add_all(person_id, session_pain(checked))
        version, clinician = latest, None
        if transition.plan is PlanAction.DOSE:
            ratings = uow.pain.history(person_id, checked.started_at - LOOKBACK)
            version, clinician = _dose(
                uow, person_id, latest, catalog, pain_responses(ratings, tz), checked.ended_at
            )
        view = _keep(
            uow,
            person_id,
            status,
            transition.status,
            version,
            day,
            kind="session",
            role=by,
            by=by.value,
            detail=f"session {checked.id}: {verdict.value if verdict else 'no pain answers'}",
            at=checked.ended_at,
        )
    saved = SessionSaved(
        id=checked.id,
        steps=len(checked.steps),
        completed_steps=sum(s.outcome is StepOutcome.COMPLETED for s in checked.steps),
        completed=checked.completed,
        plan_version=plan_version,
    )
    return Outcome(
        view=view,
        message=_words(transition, clinician),
        verdict=verdict,
        saved=saved,
    )


def _add_rating(
    uow: AbstractUnitOfWork,
    person_id: str,
    catalog: Catalog,
    ratings: Sequence[PainRating],
    *,
    tz: tzinfo,
    on: date,
    response_of: str | None,
    session_answers: bool,
    at: datetime,
) -> Outcome:
    latest, status = _current(uow, person_id, on)
    if status.started_on is not None and on < status.started_on:
        raise InvalidRecord("the pain rating", [f"date: {on} is before the first answers"])
    uow.pain.add_all(person_id, ratings)
    history = uow.pain.history(person_id, at - LOOKBACK - timedelta(days=2))
    responses = pain_responses(history, tz)
    session_id = response_of
    if session_id is None and ratings[0].kind is PainKind.NEXT_MORNING:
        yesterday = [sid for sid, r in responses.items() if r.day == on - timedelta(days=1)]
        session_id = yesterday[-1] if yesterday else None
    response = responses.get(session_id) if session_id else None
    verdict, reasons = _verdict(response)
    if response is None:
        worst = max(r.value for r in ratings)
        standalone = PainResponse(day=on, before=0, during=worst)
        if pain_verdict(standalone) is PainVerdict.FLARE:
            verdict, reasons = PainVerdict.FLARE, [f"pain {worst}/10"]
    event = PainRecorded(
        on=on,
        by=Role.PERSON,
        verdict=verdict,
        reasons=reasons,
        completes_session=session_id,
        session_answers=session_answers,
    )
    transition = _decide(status, event)
    version, clinician = latest, None
    if transition.plan is PlanAction.DOSE:
        version, clinician = _dose(uow, person_id, latest, catalog, responses, at)
    kinds = ", ".join(f"{r.kind.value} {r.value}" for r in ratings)
    view = _keep(
        uow,
        person_id,
        status,
        transition.status,
        version,
        on,
        kind="pain",
        role=Role.PERSON,
        by="person",
        detail=f"pain {kinds}",
        at=at,
    )
    return Outcome(
        view=view,
        message=_words(transition, clinician),
        verdict=verdict,
    )


def record_pain(
    uow: AbstractUnitOfWork,
    person_id: str,
    kind: str,
    value: int,
    catalog: Catalog,
    *,
    tz: tzinfo,
    at: datetime | None = None,
    session_id: str | None = None,
) -> Outcome:
    """Keep one pain rating (before, during, after or next-morning) and apply it.

    Pain on waking completes yesterday's session: it may move the dose; pain at the
    flare level pauses the plan whenever it is given.
    """
    moment = as_utc(at) if at else now_utc()
    rating = PainRating(
        kind=pain_kind(kind), value=check_nrs(value), recorded_at=moment, session_id=session_id
    )
    on = moment.astimezone(tz).date()
    with uow:
        require_person(uow, person_id)
        if session_id is not None and not uow.sessions.exists(person_id, session_id):
            raise InvalidRecord("the pain rating", [f"session_id: no session {session_id!r}"])
        return _add_rating(
            uow,
            person_id,
            catalog,
            [rating],
            tz=tz,
            on=on,
            response_of=session_id,
            session_answers=False,
            at=moment,
        )


def record_session_pain(
    uow: AbstractUnitOfWork,
    person_id: str,
    session_id: str,
    catalog: Catalog,
    *,
    during: int | None,
    after: int,
    tz: tzinfo,
    at: datetime | None = None,
) -> Outcome:
    """The pain during and after a session recorded without them; decides the next dose once."""
    moment = as_utc(at) if at else now_utc()
    ratings = [
        PainRating(kind=kind, value=check_nrs(value), recorded_at=moment, session_id=session_id)
        for kind, value in ((PainKind.DURING, during), (PainKind.AFTER, after))
        if value is not None
    ]
    with uow:
        require_person(uow, person_id)
        if not uow.sessions.exists(person_id, session_id):
            raise InvalidRecord("the pain rating", [f"session_id: no session {session_id!r}"])
        given = pain_responses(uow.pain.history(person_id, moment - LOOKBACK), tz).get(session_id)
        if given is not None and given.worst is not None:
            raise DuplicateRecord("pain during and after the session", session_id)
        return _add_rating(
            uow,
            person_id,
            catalog,
            ratings,
            tz=tz,
            on=moment.astimezone(tz).date(),
            response_of=session_id,
            session_answers=True,
            at=moment,
        )
