"""Safety screening: red flags that stop a plan, precautions that change it.

Red flags and precautions come from clinical-facts §3; which flag means what,
and every threshold, lives in :mod:`sicoach.rules`. Red flags raise the risk of a
serious cause; they are not a diagnosis, and the words here say so.

- :data:`RED_FLAGS`: every red flag with a clinician-readable name and a plain
  yes/no question (the CLI and the web ask :data:`ASKED_RED_FLAGS`; the other two
  are worked out from age and how long the pain has lasted).
- :func:`red_flags` / :func:`precautions`: the ones an intake raises.
- :func:`referral`: what the person should do, and how soon, or None.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sicoach.catalog import Catalog, Exercise, Position
from sicoach.program.intake import HipApproach, Intake
from sicoach.program.plan_model import Referral, Urgency
from sicoach.rules import (
    ASSESSMENT_CLEARS_DERIVED_FLAGS,
    CAUDA_EQUINA_FLAGS,
    HIP_EXTENSION_CARE,
    HIP_FLEXION_LIMIT_DEGREES,
    HIP_FLEXION_LIMITED,
    HIP_PRECAUTION_BLOCKED,
    HIP_REPLACEMENT_FLOOR_WAIT,
    HIP_REPLACEMENT_REVIEW,
    HIP_SURGEON_FIRST_AREAS,
    NEW_PAIN_MAX_WEEKS,
    NEW_PAIN_OVER_AGE,
    NEW_PAIN_UNDER_AGE,
    NOT_IMPROVING_AFTER_WEEKS,
    OSTEOPOROSIS_FORWARD_REACH,
    OSTEOPOROSIS_MID_RANGE,
    PREGNANCY_LEFT_OUT_POSITIONS,
    PREGNANCY_POSITIONS_FROM_WEEKS,
    RECENT_HIP_REPLACEMENT_WEEKS,
    SEE_DOCTOR_FIRST_FLAGS,
)

__all__ = [
    "ASKED_RED_FLAGS",
    "EMERGENCY_ADVICE",
    "EMERGENCY_SIGNS",
    "PRECAUTION_QUESTIONS",
    "RED_FLAGS",
    "REVIEW_ADVICE",
    "SEE_DOCTOR_FIRST_ADVICE",
    "Precaution",
    "RaisedRedFlag",
    "RedFlag",
    "cleared_by_assessment",
    "emergency_referral",
    "precautions",
    "red_flags",
    "referral",
]

EMERGENCY_ADVICE = (
    "Get emergency care now: go to an emergency department or call your local emergency "
    "number today. These can be signs of pressure on the nerves at the base of the spine "
    "(cauda equina), which needs urgent care. Do not start these stretches."
)
SEE_DOCTOR_FIRST_ADVICE = (
    "See a doctor (your family doctor or primary care) before you do any of these stretches: "
    "make an appointment now rather than waiting to see whether it settles, and show them "
    "these answers. sicoach gives no plan until a doctor has seen you. If you notice changes "
    "in bladder or bowel control, numbness between your legs, or your legs getting weaker, "
    "get emergency care at once."
)
EMERGENCY_SIGNS = (
    "Get emergency care now (an emergency department, or your local emergency number) if you "
    "notice any of these: new loss of control of your bladder or bowels, or being unable to pass "
    "urine; numbness between your legs, around your buttocks or genitals; weakness or numbness "
    "in your legs that is severe or getting worse; new difficulty walking."
)
REVIEW_ADVICE = (
    "Show this plan to your clinician (doctor or physical therapist) and ask them to check it "
    "before you start."
)


@dataclass(frozen=True)
class RedFlag:
    """One red flag: its intake key, a name for clinicians and a plain question."""

    key: str
    name: str
    question: str
    derived_from: tuple[str, ...] = ()

    @property
    def urgency(self) -> Urgency:
        """Emergency for a possible cauda equina sign, a doctor first for the others."""
        if self.key in CAUDA_EQUINA_FLAGS.value:
            return Urgency.EMERGENCY
        if self.key in SEE_DOCTOR_FIRST_FLAGS.value:
            return Urgency.BEFORE_STARTING
        raise LookupError(f"red flag {self.key!r} is in neither urgency list of sicoach.rules")

    @property
    def asked(self) -> bool:
        """Whether the person answers it directly (not worked out from other answers)."""
        return not self.derived_from


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "bladder_or_bowel_change",
        "Possible cauda equina: new bladder or bowel dysfunction (retention or incontinence)",
        "Have you recently lost control of your bladder or bowels, or been unable to pass urine?",
    ),
    RedFlag(
        "saddle_numbness",
        "Possible cauda equina: saddle numbness",
        "Do you have numbness between your legs, around your buttocks or genitals "
        "(where you would sit on a saddle)?",
    ),
    RedFlag(
        "worsening_leg_weakness_or_numbness",
        "Possible cauda equina: severe or worsening weakness or numbness in the legs",
        "Is there severe weakness or numbness in your legs, or is it getting worse?",
    ),
    RedFlag(
        "new_difficulty_walking",
        "Possible cauda equina: new difficulty walking",
        "Have you recently started to have difficulty walking?",
    ),
    RedFlag("cancer_history", "History of cancer", "Have you ever had cancer?"),
    RedFlag(
        "unexplained_weight_loss",
        "Unexplained weight loss",
        "Have you lost weight recently without trying to?",
    ),
    RedFlag(
        "fever_or_unwell",
        "Fever, chills or feeling unwell with the pain",
        "Do you have a fever or chills, or feel generally unwell, along with the pain?",
    ),
    RedFlag(
        "immune_suppression_or_injected_drugs",
        "Immune suppression (e.g. steroids, chemotherapy) or injected drug use",
        "Do you take medicine that weakens the immune system (such as steroids or "
        "chemotherapy), or have you ever injected drugs?",
    ),
    RedFlag(
        "recent_fall_or_injury",
        "Recent significant fall or injury, or minor injury with osteoporosis",
        "Have you recently had a bad fall or injury, or any fall or knock at all if you have "
        "osteoporosis (thin bones)?",
    ),
    RedFlag(
        "constant_night_pain",
        "Constant night pain not eased by changing position",
        "Is the pain constant at night, and not eased by changing position?",
    ),
    RedFlag(
        "visible_deformity",
        "Visible deformity",
        "Can you see a change in the shape of your back?",
    ),
    RedFlag(
        "new_pain_young_or_older",
        f"New back pain under {NEW_PAIN_UNDER_AGE.value} or over {NEW_PAIN_OVER_AGE.value}",
        f"Is this back pain new, and are you under {NEW_PAIN_UNDER_AGE.value} or over "
        f"{NEW_PAIN_OVER_AGE.value}?",
        derived_from=("age", "pain.weeks"),
    ),
    RedFlag(
        "pain_not_improving_after_a_month",
        "Pain not improving after a month",
        "Has the pain lasted more than a month without getting better?",
        derived_from=("pain.weeks",),
    ),
    RedFlag(
        "new_pain_after_hip_replacement",
        "New buttock or groin pain since a recent hip replacement: for the surgeon first",
        "Did this buttock or groin pain start after your hip replacement?",
        derived_from=("precautions.hip_replacement_weeks_ago", "pain.weeks", "pain.areas"),
    ),
)
ASKED_RED_FLAGS: tuple[RedFlag, ...] = tuple(f for f in RED_FLAGS if f.asked)


@dataclass(frozen=True)
class RaisedRedFlag:
    """A red flag this intake raises, with the answers that raised it."""

    flag: RedFlag
    detail: str

    def __str__(self) -> str:
        return f"{self.flag.name} ({self.detail})"


def emergency_referral(answers: Mapping[str, bool | None]) -> Referral | None:
    """The emergency referral as soon as a possible cauda equina sign is answered yes.

    ``answers`` are the red-flag answers given so far, keyed as in the intake; the
    questions not yet asked need not be asked: the advice is the same whatever they are.
    None while no emergency sign is answered yes.
    """
    raised = [
        f for f in ASKED_RED_FLAGS if f.urgency is Urgency.EMERGENCY and answers.get(f.key) is True
    ]
    if not raised:
        return None
    return Referral(
        urgency=Urgency.EMERGENCY, reasons=[f.name for f in raised], advice=EMERGENCY_ADVICE
    )


def _new_pain_at_risk_age(intake: Intake) -> bool:
    new = intake.pain.weeks <= NEW_PAIN_MAX_WEEKS.value
    return new and (intake.age < NEW_PAIN_UNDER_AGE.value or intake.age > NEW_PAIN_OVER_AGE.value)


def _pain_since_hip_replacement(intake: Intake) -> bool:
    weeks_ago = intake.precautions.hip_replacement_weeks_ago
    if weeks_ago is None or weeks_ago >= RECENT_HIP_REPLACEMENT_WEEKS.value:
        return False
    areas = {a.value for a in intake.pain.areas}
    return intake.pain.weeks <= weeks_ago and bool(areas & set(HIP_SURGEON_FIRST_AREAS.value))


def red_flags(intake: Intake, cleared: Collection[str] = ()) -> list[RaisedRedFlag]:
    """Every red flag the intake raises, in :data:`RED_FLAGS` order (empty: none).

    ``cleared`` names flags a clinician has cleared for this person (a recorded
    clearance); they are left out. A possible cauda equina sign is never cleared.
    """
    raised: list[RaisedRedFlag] = []
    weeks = f"{intake.pain.weeks:g} weeks"
    for flag in RED_FLAGS:
        if flag.key in cleared and flag.urgency is not Urgency.EMERGENCY:
            continue
        if flag.key == "new_pain_after_hip_replacement":
            if _pain_since_hip_replacement(intake):
                raised.append(RaisedRedFlag(flag, f"pain for {weeks}, since the operation"))
        elif flag.key == "new_pain_young_or_older":
            if _new_pain_at_risk_age(intake):
                raised.append(RaisedRedFlag(flag, f"age {intake.age}, pain for {weeks}"))
        elif flag.key == "pain_not_improving_after_a_month":
            if intake.pain.weeks > NOT_IMPROVING_AFTER_WEEKS.value and not intake.pain.improving:
                raised.append(RaisedRedFlag(flag, f"pain for {weeks}, {_improving(intake)}"))
        elif getattr(intake.red_flags, flag.key):
            raised.append(RaisedRedFlag(flag, "answered yes"))
    if intake.assessed_by_clinician and ASSESSMENT_CLEARS_DERIVED_FLAGS.value:
        return [r for r in raised if r.flag.asked or r.flag.key not in _CLEARED_BY_EXAM]
    return raised


# The derived flags a clinician's exam for this pain has covered (age and duration).
_CLEARED_BY_EXAM = ("new_pain_young_or_older", "pain_not_improving_after_a_month")


def _improving(intake: Intake) -> str:
    if intake.pain.improving is None:
        return "not known to be improving"
    return "not improving"


def cleared_by_assessment(intake: Intake) -> list[RaisedRedFlag]:
    """Flags worked out from age and pain duration that a clinician's exam has already covered.

    They no longer stop the plan, but the plan is marked for clinician review with them.
    """
    if not (intake.assessed_by_clinician and ASSESSMENT_CLEARS_DERIVED_FLAGS.value):
        return []
    unassessed = intake.model_copy(update={"assessed_by_clinician": None})
    return [r for r in red_flags(unassessed) if r.flag.key in _CLEARED_BY_EXAM]


@dataclass(frozen=True)
class Precaution:
    """A condition that changes the plan: stretches it leaves out, and notes on others.

    ``blocked`` holds (exercise id, why) pairs, ``notes`` (exercise id, note) pairs;
    ``note_for_every_stretch`` applies to all. Made per person by :func:`precautions`,
    since the side, the approach or the weeks change the words and the stretches.
    """

    key: str
    name: str
    reason: str
    blocked: tuple[tuple[str, str], ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    note_for_every_stretch: str | None = None
    clinician_review: bool = False

    def blocks(self, exercise: Exercise) -> str | None:
        """Why this precaution leaves the stretch out, or None when it stays."""
        reasons = [why for exercise_id, why in self.blocked if exercise_id == exercise.id]
        return "; ".join(reasons) if reasons else None

    def notes_for(self, exercise: Exercise) -> list[str]:
        """The limits or cues this precaution adds to a stretch that stays in."""
        found = [note for exercise_id, note in self.notes if exercise_id == exercise.id]
        if self.note_for_every_stretch:
            found.append(self.note_for_every_stretch)
        return found


def _ids_in(catalog: Catalog, positions: set[Position]) -> list[str]:
    return [e.id for e in catalog.exercises if e.position in positions]


def _hip_words(intake: Intake) -> str:
    side = intake.precautions.hip_replacement_side
    return {None: "the hip", "both": "both hips"}.get(side, f"the {side} hip")


def _hip(intake: Intake, catalog: Catalog) -> Precaution:
    answers = intake.precautions
    weeks = answers.hip_replacement_weeks_ago
    recent = weeks is not None and weeks < RECENT_HIP_REPLACEMENT_WEEKS.value
    anterior = answers.hip_replacement_approach is HipApproach.ANTERIOR
    limit = HIP_FLEXION_LIMIT_DEGREES.value
    hip = _hip_words(intake)
    cleared = "unless your surgeon has cleared it"
    blocked: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    if anterior and recent:
        blocked += [
            (
                i,
                f"it bends {hip} backwards, which waits for your surgeon's or physical "
                "therapist's review after a hip replacement from the front (anterior approach)",
            )
            for i in HIP_EXTENSION_CARE.value
        ]
    else:
        # Posterior precautions; an unknown approach is treated as posterior (clinical-facts §3).
        blocked += [
            (
                i,
                f"hip precautions: no bending {hip} past {limit}°, no crossing the midline, no "
                f"turning the leg in; left out {cleared}",
            )
            for i in HIP_PRECAUTION_BLOCKED.value
        ]
        notes += [
            (
                i,
                f"Hip precautions: sit upright and do not lean forward, so {hip} does not bend "
                f"past {limit}° ({cleared}).",
            )
            for i in HIP_FLEXION_LIMITED.value
        ]
    if recent and HIP_REPLACEMENT_FLOOR_WAIT.value:
        floor = {pos for pos in Position if pos.on_floor}
        blocked += [
            (
                i,
                "done on the floor: getting down to and up from the floor waits for your "
                "surgeon's or physical therapist's review in the first 12 weeks",
            )
            for i in _ids_in(catalog, floor)
        ]
    when = f"{weeks:g} weeks ago" if weeks is not None else "keeping hip precautions"
    return Precaution(
        key="hip_precautions",
        name=(
            f"Hip replacement in the last {RECENT_HIP_REPLACEMENT_WEEKS.value} weeks, or hip "
            "precautions"
        ),
        reason=(
            f"hip replacement or hip precautions ({when}): your surgeon or physical therapist "
            "should review the plan before you start"
        ),
        blocked=tuple(blocked),
        notes=tuple(notes),
        clinician_review=HIP_REPLACEMENT_REVIEW.value,
    )


def _pregnancy(intake: Intake, catalog: Catalog) -> Precaution:
    weeks = intake.precautions.pregnant_weeks
    from_week = PREGNANCY_POSITIONS_FROM_WEEKS.value
    late = intake.pregnant and (weeks is None or weeks >= from_week)
    blocked: tuple[tuple[str, str], ...] = ()
    if late:
        stage = (
            f"from about {from_week} weeks of pregnancy"
            if weeks is not None
            else f"in pregnancy (the weeks were not given, so taken as {from_week} or more)"
        )
        positions = {Position(p) for p in PREGNANCY_LEFT_OUT_POSITIONS.value}
        blocked = tuple(
            (i, f"done lying face down or on the back, which is not advised {stage}")
            for i in _ids_in(catalog, positions)
        )
    return Precaution(
        key="pregnant_or_postpartum",
        name="Pregnancy or birth in the last 6 months",
        reason=(
            "pregnancy or a birth in the last 6 months: a clinician should review the plan before "
            "you start"
        ),
        blocked=blocked,
        clinician_review=True,
    )


def _osteoporosis() -> Precaution:
    return Precaution(
        key="osteoporosis",
        name="Osteoporosis or past vertebral fracture",
        reason="osteoporosis: no end-range bending or twisting of the spine",
        notes=tuple(
            (
                i,
                "Osteoporosis: keep to mid-range, no bending or twisting of the spine as far as it "
                "will go.",
            )
            for i in OSTEOPOROSIS_MID_RANGE.value
        )
        + tuple(
            (
                i,
                "Osteoporosis: reach forward only to mid-range, hinging at the hips with a "
                "straight back; do not round the spine.",
            )
            for i in OSTEOPOROSIS_FORWARD_REACH.value
        ),
    )


HYPERMOBILITY = Precaution(
    key="hypermobility",
    name="Joint hypermobility",
    reason=(
        "joint hypermobility: no end-range stretching, and a clinician should review the plan "
        "before you start"
    ),
    note_for_every_stretch=(
        "Hypermobility: stop at the first gentle stretch; do not push to the end of your range."
    ),
    clinician_review=True,
)
RECENT_SURGERY = Precaution(
    key="recent_spine_or_pelvis_surgery",
    name="Recent spine or pelvis surgery",
    reason=(
        "recent spine or pelvis surgery: your surgeon or physical therapist should review the "
        "plan before you start"
    ),
    clinician_review=True,
)


def precautions(intake: Intake, catalog: Catalog) -> list[Precaution]:
    """Every precaution that applies to this person (hip, pregnancy, osteoporosis, ...)."""
    answers = intake.precautions
    found: list[Precaution] = []
    if intake.hip_precautions_apply:
        found.append(_hip(intake, catalog))
    if answers.pregnant_or_postpartum:
        found.append(_pregnancy(intake, catalog))
    if answers.osteoporosis:
        found.append(_osteoporosis())
    if answers.hypermobility:
        found.append(HYPERMOBILITY)
    if answers.recent_spine_or_pelvis_surgery:
        found.append(RECENT_SURGERY)
    return found


def referral(intake: Intake, catalog: Catalog, cleared: Collection[str] = ()) -> Referral | None:
    """Where the person should go and how soon, or None when the plan needs no one else.

    Any red flag not in ``cleared``: no plan (emergency for a possible cauda equina
    sign, otherwise a doctor before starting). A precaution that needs review: a
    plan, marked ``clinician-review``.
    """
    raised = red_flags(intake, cleared)
    review = [
        p.reason[0].upper() + p.reason[1:]
        for p in precautions(intake, catalog)
        if p.clinician_review
    ]
    review += [
        f"{r} — you said a clinician has examined you for this pain"
        for r in cleared_by_assessment(intake)
    ]
    if any(r.flag.urgency is Urgency.EMERGENCY for r in raised):
        return Referral(
            urgency=Urgency.EMERGENCY,
            reasons=[str(r) for r in raised],
            advice=EMERGENCY_ADVICE,
        )
    if raised:
        return Referral(
            urgency=Urgency.BEFORE_STARTING,
            reasons=[str(r) for r in raised],
            advice=SEE_DOCTOR_FIRST_ADVICE,
        )
    if review:
        return Referral(
            urgency=Urgency.CLINICIAN_REVIEW,
            reasons=review,
            advice=REVIEW_ADVICE,
        )
    return None


PRECAUTION_QUESTIONS: dict[str, str] = {
    "hip_replacement": "Have you had a hip replacement?",
    "hip_replacement_weeks_ago": "How many weeks ago was the hip replacement?",
    "hip_precautions": "Have you been told to keep hip precautions (limits on how you bend "
    "or turn your hip)?",
    "pregnant_or_postpartum": "Are you pregnant, or have you given birth in the last 6 months?",
    "osteoporosis": "Do you have osteoporosis (thin bones), or have you broken a bone in your "
    "spine?",
    "hypermobility": "Are your joints very flexible (joint hypermobility)?",
    "recent_spine_or_pelvis_surgery": "Have you had surgery on your spine or pelvis recently?",
    "hip_replacement_side": "Which hip was replaced: left, right or both?",
    "hip_replacement_approach": "Was the operation done from the back (posterior), the front "
    "(anterior) or the side (lateral)? Say unknown if you are not sure.",
    "pregnant": "Are you pregnant now?",
    "pregnant_weeks": "How many weeks pregnant are you?",
    "postpartum_weeks": "How many weeks ago was the birth?",
}
"""Plain questions for the precaution answers of the intake, keyed by intake field."""
