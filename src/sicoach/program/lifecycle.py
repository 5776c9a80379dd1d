"""The plan's life: which state a person's care is in, and what each event does to it.

One pure module decides every transition and who may cause it; the services apply
each event in one unit of work, at write time, and a read only reads.

States (DESIGN.md contract 9):

- ``no-plan``: nothing answered yet.
- ``referred``: a red flag: emergency care now, or a doctor before starting. A
  non-emergency referral is lifted by a recorded clinician clearance; an emergency
  one never is (only new answers without the sign change it).
- ``needs-review``: a plan exists but a clinician must review it before the first
  session (a precaution, or changed answers under a clinician's prescription).
- ``active``: sessions may start (while the red flags are not due to be asked again).
- ``paused``: a flare. The person is told to contact their clinician or doctor; the
  plan resumes only when the red-flag questions have been answered again *and* a
  clinician has reviewed it, in either order.

Who may cause what (:class:`Role`): the person answers, re-screens and records
sessions and pain; a clinician reviews, clears and prescribes (in local mode the
person records the clinician's review by name); sicoach's own rules pause on a
flare and step the dose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sicoach.program.plan_model import Urgency
from sicoach.program.progression import PainVerdict
from sicoach.rules import MISSED_SESSIONS_FLAG_DAYS, RESCREEN_EVERY_DAYS

__all__ = [
    "AnswersGiven",
    "CareEvent",
    "CareState",
    "CareStatus",
    "Flag",
    "FlagKind",
    "LifecycleRefusal",
    "PainRecorded",
    "PlanAction",
    "Prescribed",
    "RedFlagsAnswered",
    "Review",
    "Reviewed",
    "Role",
    "SessionRecorded",
    "SessionStarting",
    "Transition",
    "advice",
    "decide",
    "initial_status",
    "start_refusal",
    "status_on",
]


class CareState(StrEnum):
    NO_PLAN = "no-plan"
    REFERRED = "referred"
    NEEDS_REVIEW = "needs-review"
    ACTIVE = "active"
    PAUSED = "paused"

    @property
    def label(self) -> str:
        """The state in people's words (pages, terminal), not its id."""
        return {
            CareState.NO_PLAN: "no plan yet",
            CareState.REFERRED: "referred",
            CareState.NEEDS_REVIEW: "needs review",
            CareState.ACTIVE: "active",
            CareState.PAUSED: "paused",
        }[self]


class FlagKind(StrEnum):
    PAIN_OVER_LIMIT = "pain-over-limit"
    FLARE = "flare"
    REVIEW_NEEDED = "review-needed"
    ANSWERS_CHANGED = "answers-changed"
    RESCREEN_DUE = "rescreen-due"
    MISSED_SESSIONS = "missed-sessions"

    @property
    def label(self) -> str:
        """The flag in people's words (pages, terminal), not its id."""
        return {
            FlagKind.PAIN_OVER_LIMIT: "pain over the limit",
            FlagKind.FLARE: "flare",
            FlagKind.REVIEW_NEEDED: "review needed",
            FlagKind.ANSWERS_CHANGED: "answers changed",
            FlagKind.RESCREEN_DUE: "warning-sign questions due",
            FlagKind.MISSED_SESSIONS: "missed sessions",
        }[self]


class Role(StrEnum):
    """Who causes an event."""

    PERSON = "person"
    CLINICIAN = "clinician"
    SICOACH = "sicoach"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Flag(_Frozen):
    """Something a clinician (and the person) should see, since when, in words."""

    kind: FlagKind
    since: date
    text: str


class Review(_Frozen):
    """A clinician's review or clearance, kept with the plan version it was for."""

    by: str
    role: Role
    on: date
    note: str | None = None
    plan_version: int | None = None


class CareStatus(_Frozen):
    """Where a person's care stands; stored, and changed only by :func:`decide`."""

    state: CareState = CareState.NO_PLAN
    since: date | None = None
    plan_version: int | None = None
    urgency: Urgency | None = None
    reasons: list[str] = []
    referral_flags: list[str] = []
    review_reasons: list[str] = []
    reviewed_reasons: list[str] = []
    flags: list[Flag] = []
    review: Review | None = None
    cleared: list[str] = []
    screened_on: date | None = None
    started_on: date | None = None
    rescreen_needed: bool = False
    resume_approved: bool = False
    prescribed_by: str | None = None
    last_session_on: date | None = None
    awaiting_morning: str | None = None

    def flagged(self, kind: FlagKind) -> bool:
        """Whether a flag of this kind is raised."""
        return any(f.kind is kind for f in self.flags)


# --- Events --------------------------------------------------------------------------


class AnswersGiven(_Frozen):
    """The whole intake, answered (or changed), with its screening."""

    on: date
    by: Role
    urgency: Urgency | None
    reasons: list[str] = []
    raised: list[str] = []
    changed: bool = True
    linked_clinician: bool = False


class RedFlagsAnswered(_Frozen):
    """The red-flag questions asked again (every few weeks, and after a flare)."""

    on: date
    by: Role
    urgency: Urgency | None
    reasons: list[str] = []
    raised: list[str] = []


class Reviewed(_Frozen):
    """A clinician reviewed the plan in force, cleared a referral, or resumed a paused plan."""

    on: date
    by: Role
    name: Annotated[str, Field(min_length=1, max_length=200)]
    note: str | None = None
    local_mode: bool = False


class Prescribed(_Frozen):
    """A clinician changed the prescription (a new plan version)."""

    on: date
    by: Role
    name: Annotated[str, Field(min_length=1, max_length=200)]


class SessionRecorded(_Frozen):
    """A session was done; ``verdict`` is how its pain went (None: no pain answers)."""

    on: date
    by: Role
    session_id: str
    verdict: PainVerdict | None
    reasons: list[str] = []
    morning_pending: bool = False


class PainRecorded(_Frozen):
    """A pain rating outside a session record; ``verdict`` for the session it completes.

    ``session_answers``: the during/after answers of a session recorded without them.
    """

    on: date
    by: Role
    verdict: PainVerdict | None
    reasons: list[str] = []
    completes_session: str | None = None
    session_answers: bool = False


class SessionStarting(_Frozen):
    """The person wants to start (or log) a session today."""

    on: date
    by: Role


CareEvent = (
    AnswersGiven
    | RedFlagsAnswered
    | Reviewed
    | Prescribed
    | SessionRecorded
    | PainRecorded
    | SessionStarting
)


class PlanAction(StrEnum):
    """What the service does to the plan versions as part of the transition."""

    NONE = "none"
    REBUILD = "rebuild"
    PRESCRIBE = "prescribe"
    DOSE = "dose"


@dataclass(frozen=True)
class Transition:
    """The status after an event, what to do to the plan, and what to tell the person."""

    status: CareStatus
    plan: PlanAction
    message: str


class LifecycleRefusal(ValueError):
    """An event the current state, or the role, does not allow; the text says why."""


# --- Words ---------------------------------------------------------------------------

PAUSED_ADVICE = (
    "Your plan is paused because your pain flared. Stop the stretches for now and contact your "
    "clinician or doctor. Before it resumes, answer the warning-sign questions again and have "
    "your clinician review the plan."
)
OVER_LIMIT_ADVICE = (
    "Your pain went above the plan's limit, so the next session steps back and does not build "
    "up. If it keeps happening, contact your clinician."
)


def advice(status: CareStatus) -> str:
    """What to do next, in the person's words."""
    if status.state is CareState.NO_PLAN:
        return "Answer the questions to get your plan."
    if status.state is CareState.REFERRED:
        if status.urgency is Urgency.EMERGENCY:
            return (
                "Get emergency care now: go to an emergency department or call your local "
                "emergency number. Do not start these stretches."
            )
        return (
            "See a doctor before you start these stretches, and show them your answers. Your "
            "plan can start once a clinician has cleared it."
        )
    if status.state is CareState.NEEDS_REVIEW:
        return (
            "Ask your clinician (doctor or physical therapist) to review your plan before your "
            "first session; it starts once the review is recorded."
        )
    if status.state is CareState.PAUSED:
        steps = []
        if status.rescreen_needed:
            steps.append("answer the warning-sign questions again")
        if not status.resume_approved:
            steps.append("have your clinician review the plan")
        return PAUSED_ADVICE if len(steps) == 2 else f"Your plan is paused: {steps[0]}."
    if status.flagged(FlagKind.RESCREEN_DUE):
        return "Please answer the warning-sign questions again before today's session."
    if status.flagged(FlagKind.PAIN_OVER_LIMIT):
        return OVER_LIMIT_ADVICE
    return "Your plan is ready: do today's session when it suits you."


# --- Reading ---------------------------------------------------------------------------


def initial_status(eligible: bool | None, urgency: Urgency | None, on: date) -> CareStatus:
    """The status of a person whose plan predates the lifecycle (no stored status yet)."""
    if eligible is None:
        return CareStatus()
    if not eligible:
        return CareStatus(state=CareState.REFERRED, since=on, urgency=urgency, started_on=on)
    if urgency is Urgency.CLINICIAN_REVIEW:
        return CareStatus(state=CareState.NEEDS_REVIEW, since=on, started_on=on, screened_on=on)
    return CareStatus(state=CareState.ACTIVE, since=on, started_on=on, screened_on=on)


def _rescreen_due_on(status: CareStatus) -> date | None:
    if status.screened_on is None or status.state in (CareState.NO_PLAN, CareState.REFERRED):
        return None
    return status.screened_on + timedelta(days=RESCREEN_EVERY_DAYS.value)


def status_on(status: CareStatus, today: date) -> CareStatus:
    """The stored status with the flags that only the date raises (re-screen due, missed days)."""
    flags = [
        f for f in status.flags if f.kind not in (FlagKind.RESCREEN_DUE, FlagKind.MISSED_SESSIONS)
    ]
    due = _rescreen_due_on(status)
    if due is not None and due <= today:
        flags.append(
            Flag(
                kind=FlagKind.RESCREEN_DUE,
                since=due,
                text=f"warning-sign questions last answered {status.screened_on}",
            )
        )
    quiet_days = MISSED_SESSIONS_FLAG_DAYS.value
    last = status.last_session_on or status.since
    if status.state is CareState.ACTIVE and last is not None and (today - last).days >= quiet_days:
        flags.append(
            Flag(
                kind=FlagKind.MISSED_SESSIONS,
                since=last + timedelta(days=1),
                text=f"no session in {(today - last).days} days",
            )
        )
    if status.state is CareState.NEEDS_REVIEW and not status.flagged(FlagKind.REVIEW_NEEDED):
        flags.append(
            Flag(
                kind=FlagKind.REVIEW_NEEDED,
                since=status.since or today,
                text="; ".join(status.review_reasons) or "the plan needs a clinician's review",
            )
        )
    return status.model_copy(update={"flags": flags})


def start_refusal(status: CareStatus, today: date) -> str | None:
    """Why a session cannot start today, or None when it may (only ``active``, screened)."""
    if status.state is not CareState.ACTIVE:
        return f"the plan is {status.state.label}: {advice(status)}"
    if status_on(status, today).flagged(FlagKind.RESCREEN_DUE):
        return "the warning-sign questions are due again: answer them first"
    return None


# --- Transitions -----------------------------------------------------------------------


def _without(flags: list[Flag], *kinds: FlagKind) -> list[Flag]:
    return [f for f in flags if f.kind not in kinds]


def _with(flags: list[Flag], flag: Flag) -> list[Flag]:
    return [*_without(flags, flag.kind), flag]


def _moved(status: CareStatus, state: CareState, on: date, **changes: object) -> CareStatus:
    since = on if state is not status.state else status.since
    return status.model_copy(update={"state": state, "since": since, **changes})


def _refer(status: CareStatus, event: AnswersGiven | RedFlagsAnswered) -> Transition:
    new = _moved(
        status,
        CareState.REFERRED,
        event.on,
        urgency=event.urgency,
        reasons=list(event.reasons),
        referral_flags=list(event.raised),
        screened_on=event.on,
        rescreen_needed=False,
        resume_approved=False,
    )
    keep = status.prescribed_by is not None or isinstance(event, RedFlagsAnswered)
    return Transition(new, PlanAction.NONE if keep else PlanAction.REBUILD, advice(new))


def _answers(status: CareStatus, event: AnswersGiven) -> Transition:
    if event.by not in (Role.PERSON, Role.SICOACH):
        raise LifecycleRefusal("only the person answers their own questions")
    base = status.model_copy(
        update={"started_on": status.started_on or event.on, "screened_on": event.on}
    )
    if event.urgency in (Urgency.EMERGENCY, Urgency.BEFORE_STARTING):
        return _refer(base, event)
    needs_review = event.urgency is Urgency.CLINICIAN_REVIEW
    reasons = list(event.reasons) if needs_review else []
    flags = list(base.flags)
    answered_before = status.state is not CareState.NO_PLAN
    if event.changed and answered_before and (event.linked_clinician or status.prescribed_by):
        flags = _with(
            flags,
            Flag(
                kind=FlagKind.ANSWERS_CHANGED,
                since=event.on,
                text="new answers since the prescription: review them",
            ),
        )
    common = {"urgency": None, "referral_flags": [], "review_reasons": reasons, "flags": flags}
    if base.prescribed_by is not None and event.by is Role.PERSON:
        # The clinician's prescription stays in force; new precautions wait for a review.
        new_reasons = not set(reasons) <= set(base.reviewed_reasons)
        if status.state is CareState.PAUSED:
            state = CareState.PAUSED
        elif needs_review and new_reasons:
            state = CareState.NEEDS_REVIEW
        else:
            state = CareState.ACTIVE
        new = _moved(base, state, event.on, **common, rescreen_needed=False)
        return _resume_if_ready(new, event.on, PlanAction.NONE)
    if status.state is CareState.PAUSED:
        new = _moved(base, CareState.PAUSED, event.on, **common, rescreen_needed=False)
        return _resume_if_ready(new, event.on, PlanAction.REBUILD)
    state = CareState.NEEDS_REVIEW if needs_review else CareState.ACTIVE
    new = _moved(base, state, event.on, **common, review=None, reviewed_reasons=[])
    return Transition(new, PlanAction.REBUILD, advice(new))


def _resume_if_ready(status: CareStatus, on: date, plan: PlanAction) -> Transition:
    if status.state is CareState.PAUSED and not status.rescreen_needed and status.resume_approved:
        state = CareState.NEEDS_REVIEW if status.review_reasons and not status.review else None
        resumed = _moved(
            status,
            state or CareState.ACTIVE,
            on,
            flags=_without(status.flags, FlagKind.FLARE, FlagKind.PAIN_OVER_LIMIT),
            resume_approved=False,
        )
        return Transition(resumed, plan, "Your plan has resumed. " + advice(resumed))
    return Transition(status, plan, advice(status))


def _red_flags(status: CareStatus, event: RedFlagsAnswered) -> Transition:
    if event.by is not Role.PERSON:
        raise LifecycleRefusal("only the person answers the warning-sign questions")
    if status.state in (CareState.NO_PLAN, CareState.REFERRED):
        raise LifecycleRefusal("answer all the questions again instead")
    if event.urgency in (Urgency.EMERGENCY, Urgency.BEFORE_STARTING):
        return _refer(status, event)
    new = status.model_copy(
        update={
            "screened_on": event.on,
            "rescreen_needed": False,
            "flags": _without(status.flags, FlagKind.RESCREEN_DUE),
        }
    )
    return _resume_if_ready(new, event.on, PlanAction.NONE)


def _review(status: CareStatus, event: Reviewed) -> Transition:
    if event.by is Role.SICOACH or (event.by is Role.PERSON and not event.local_mode):
        raise LifecycleRefusal("only the person's clinician can review the plan")
    record = Review(
        by=event.name, role=event.by, on=event.on, note=event.note, plan_version=status.plan_version
    )
    if status.state is CareState.NO_PLAN:
        raise LifecycleRefusal("there is no plan to review yet: the questions come first")
    if status.state is CareState.REFERRED:
        if status.urgency is Urgency.EMERGENCY:
            raise LifecycleRefusal(
                "an emergency referral is never lifted by a review: get emergency care now"
            )
        cleared = sorted({*status.cleared, *status.referral_flags})
        new = _moved(
            status,
            CareState.ACTIVE,
            event.on,
            urgency=None,
            cleared=cleared,
            referral_flags=[],
            reasons=[],
            review=record,
            reviewed_reasons=list(status.review_reasons),
            flags=_without(status.flags, FlagKind.REVIEW_NEEDED, FlagKind.ANSWERS_CHANGED),
        )
        action = PlanAction.NONE if status.prescribed_by else PlanAction.REBUILD
        return Transition(new, action, "The referral is cleared. " + advice(new))
    cleared_flags = [FlagKind.REVIEW_NEEDED, FlagKind.ANSWERS_CHANGED, FlagKind.PAIN_OVER_LIMIT]
    if status.state is CareState.PAUSED:
        new = status.model_copy(
            update={
                "resume_approved": True,
                "review": record,
                "reviewed_reasons": list(status.review_reasons),
                "flags": _without(status.flags, *cleared_flags),
            }
        )
        return _resume_if_ready(new, event.on, PlanAction.NONE)
    new = _moved(
        status,
        CareState.ACTIVE,
        event.on,
        review=record,
        reviewed_reasons=list(status.review_reasons),
        flags=_without(status.flags, *cleared_flags),
    )
    return Transition(new, PlanAction.NONE, "The review is recorded. " + advice(new))


def _prescribe(status: CareStatus, event: Prescribed) -> Transition:
    if event.by is not Role.CLINICIAN:
        raise LifecycleRefusal("only a clinician changes the prescription")
    if status.state is CareState.NO_PLAN:
        raise LifecycleRefusal("this person has not answered the questions yet")
    if status.state is CareState.REFERRED:
        raise LifecycleRefusal(
            "this person has a red flag: clear the referral (review) before prescribing"
            if status.urgency is not Urgency.EMERGENCY
            else "this person needs emergency care; no prescription until new answers"
        )
    record = Review(by=event.name, role=event.by, on=event.on, plan_version=status.plan_version)
    updates: dict[str, object] = {
        "prescribed_by": event.name,
        "flags": _without(status.flags, FlagKind.REVIEW_NEEDED, FlagKind.ANSWERS_CHANGED),
    }
    if status.state is CareState.PAUSED:
        new = status.model_copy(update=updates)
    else:
        # Prescribing is a clinician's review of the plan.
        updates |= {"review": record, "reviewed_reasons": list(status.review_reasons)}
        new = _moved(status, CareState.ACTIVE, event.on, **updates)
    return Transition(new, PlanAction.PRESCRIBE, advice(new))


def _pain(
    status: CareStatus,
    on: date,
    verdict: PainVerdict | None,
    reasons: list[str],
    dose: bool,
    **changes: object,
) -> Transition:
    base = status.model_copy(update=changes)
    if verdict is PainVerdict.FLARE:
        flare = Flag(kind=FlagKind.FLARE, since=on, text="; ".join(reasons) or "pain flared")
        if base.state in (CareState.ACTIVE, CareState.NEEDS_REVIEW, CareState.PAUSED):
            new = _moved(
                base,
                CareState.PAUSED,
                on,
                flags=_with(base.flags, flare),
                rescreen_needed=True,
                resume_approved=False,
                awaiting_morning=None,
            )
            return Transition(new, PlanAction.DOSE if dose else PlanAction.NONE, PAUSED_ADVICE)
        return Transition(base, PlanAction.NONE, advice(base))
    if verdict is PainVerdict.OVER_LIMIT:
        over = Flag(kind=FlagKind.PAIN_OVER_LIMIT, since=on, text="; ".join(reasons))
        new = base.model_copy(update={"flags": _with(base.flags, over)})
        return Transition(new, PlanAction.DOSE if dose else PlanAction.NONE, OVER_LIMIT_ADVICE)
    if verdict is PainVerdict.WITHIN_LIMIT:
        base = base.model_copy(update={"flags": _without(base.flags, FlagKind.PAIN_OVER_LIMIT)})
    return Transition(base, PlanAction.DOSE if dose else PlanAction.NONE, advice(base))


def _session(status: CareStatus, event: SessionRecorded) -> Transition:
    if event.by is Role.CLINICIAN:
        raise LifecycleRefusal("only the person records their own sessions")
    refusal = start_refusal(status, event.on)
    if refusal is not None and event.by is Role.PERSON:
        raise LifecycleRefusal(f"no session can be recorded now: {refusal}")
    pending = event.session_id if event.morning_pending else None
    return _pain(
        status,
        event.on,
        event.verdict,
        event.reasons,
        dose=status.state is CareState.ACTIVE,
        last_session_on=event.on,
        awaiting_morning=pending,
    )


def _pain_rating(status: CareStatus, event: PainRecorded) -> Transition:
    if event.by is Role.CLINICIAN:
        raise LifecycleRefusal("only the person rates their own pain")
    active = status.state is CareState.ACTIVE
    changes: dict[str, object] = {}
    if event.session_answers:
        dose = active
        within = event.verdict is PainVerdict.WITHIN_LIMIT
        changes["awaiting_morning"] = event.completes_session if within else None
    else:
        waiting = event.completes_session is not None and (
            event.completes_session == status.awaiting_morning
        )
        dose = waiting and active
        if waiting:
            changes["awaiting_morning"] = None
    return _pain(status, event.on, event.verdict, event.reasons, dose=dose, **changes)


def _starting(status: CareStatus, event: SessionStarting) -> Transition:
    refusal = start_refusal(status, event.on)
    if refusal is not None:
        raise LifecycleRefusal(f"today's session cannot start: {refusal}")
    return Transition(status, PlanAction.NONE, advice(status))


def decide(status: CareStatus, event: CareEvent) -> Transition:
    """The status after ``event``, what to do to the plan, and the words for the person.

    Raises :class:`LifecycleRefusal` when the state or the role does not allow it.
    """
    match event:
        case AnswersGiven():
            return _answers(status, event)
        case RedFlagsAnswered():
            return _red_flags(status, event)
        case Reviewed():
            return _review(status, event)
        case Prescribed():
            return _prescribe(status, event)
        case SessionRecorded():
            return _session(status, event)
        case PainRecorded():
            return _pain_rating(status, event)
        case SessionStarting():
            return _starting(status, event)
