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

from dataclasses import dataclass

from sicoach.catalog import Exercise, Position
from sicoach.program.intake import Intake
from sicoach.program.plan_model import Referral, Urgency
from sicoach.rules import (
    ASSESSMENT_CLEARS_DERIVED_FLAGS,
    CAUDA_EQUINA_FLAGS,
    HIP_EXTENSION_CARE,
    HIP_FLEXION_LIMIT_DEGREES,
    HIP_FLEXION_LIMITED,
    HIP_PRECAUTION_BLOCKED,
    LYING_ON_BACK_REVIEW_IN_PREGNANCY,
    NEW_PAIN_MAX_WEEKS,
    NEW_PAIN_OVER_AGE,
    NEW_PAIN_UNDER_AGE,
    NOT_IMPROVING_AFTER_WEEKS,
    OSTEOPOROSIS_MID_RANGE,
    RECENT_HIP_REPLACEMENT_WEEKS,
)

__all__ = [
    "ASKED_RED_FLAGS",
    "EMERGENCY_ADVICE",
    "PRECAUTIONS",
    "PRECAUTION_QUESTIONS",
    "RED_FLAGS",
    "REVIEW_ADVICE",
    "SEE_DOCTOR_FIRST_ADVICE",
    "Precaution",
    "RaisedRedFlag",
    "RedFlag",
    "cleared_by_assessment",
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
        """Emergency for a possible cauda equina sign, otherwise a doctor before starting."""
        if self.key in CAUDA_EQUINA_FLAGS.value:
            return Urgency.EMERGENCY
        return Urgency.BEFORE_STARTING

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
)
ASKED_RED_FLAGS: tuple[RedFlag, ...] = tuple(f for f in RED_FLAGS if f.asked)


@dataclass(frozen=True)
class RaisedRedFlag:
    """A red flag this intake raises, with the answers that raised it."""

    flag: RedFlag
    detail: str

    def __str__(self) -> str:
        return f"{self.flag.name} ({self.detail})"


def _new_pain_at_risk_age(intake: Intake) -> bool:
    new = intake.pain.weeks <= NEW_PAIN_MAX_WEEKS.value
    return new and (intake.age < NEW_PAIN_UNDER_AGE.value or intake.age > NEW_PAIN_OVER_AGE.value)


def red_flags(intake: Intake) -> list[RaisedRedFlag]:
    """Every red flag the intake raises, in :data:`RED_FLAGS` order (empty: none)."""
    raised: list[RaisedRedFlag] = []
    weeks = f"{intake.pain.weeks:g} weeks"
    for flag in RED_FLAGS:
        if flag.key == "new_pain_young_or_older":
            if _new_pain_at_risk_age(intake):
                raised.append(RaisedRedFlag(flag, f"age {intake.age}, pain for {weeks}"))
        elif flag.key == "pain_not_improving_after_a_month":
            if intake.pain.weeks > NOT_IMPROVING_AFTER_WEEKS.value and not intake.pain.improving:
                raised.append(RaisedRedFlag(flag, f"pain for {weeks}, {_improving(intake)}"))
        elif getattr(intake.red_flags, flag.key):
            raised.append(RaisedRedFlag(flag, "answered yes"))
    if intake.assessed_by_clinician and ASSESSMENT_CLEARS_DERIVED_FLAGS.value:
        return [r for r in raised if r.flag.asked]
    return raised


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
    return [r for r in red_flags(unassessed) if not r.flag.asked]


@dataclass(frozen=True)
class Precaution:
    """A condition that changes the plan: stretches it blocks, and notes on others.

    ``notes`` holds (exercise id, note) pairs; ``position_notes`` (position, note)
    pairs; ``note_for_every_stretch`` applies to all.
    """

    key: str
    name: str
    reason: str
    blocked: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    position_notes: tuple[tuple[Position, str], ...] = ()
    note_for_every_stretch: str | None = None
    clinician_review: bool = False

    def blocks(self, exercise: Exercise) -> bool:
        """Whether this precaution leaves the stretch out."""
        return exercise.id in self.blocked

    def notes_for(self, exercise: Exercise) -> list[str]:
        """The limits or cues this precaution adds to a stretch that stays in."""
        found = [note for exercise_id, note in self.notes if exercise_id == exercise.id]
        found += [note for position, note in self.position_notes if position is exercise.position]
        if self.note_for_every_stretch:
            found.append(self.note_for_every_stretch)
        return found


_LIMIT = HIP_FLEXION_LIMIT_DEGREES.value
HIP = Precaution(
    key="hip_precautions",
    name=(
        f"Hip precautions (hip replacement in the last {RECENT_HIP_REPLACEMENT_WEEKS.value} "
        "weeks, or told to keep hip precautions)"
    ),
    reason=(
        f"hip precautions: no bending the hip past {_LIMIT}°, no crossing the midline, no "
        "turning the leg in; left out unless your surgeon has cleared it"
    ),
    blocked=HIP_PRECAUTION_BLOCKED.value,
    notes=tuple(
        (
            exercise_id,
            f"Hip precautions: sit upright and do not lean forward, so the hip does not bend "
            f"past {_LIMIT}° (unless your surgeon has cleared it).",
        )
        for exercise_id in HIP_FLEXION_LIMITED.value
    )
    + tuple(
        (
            exercise_id,
            "Hip replacement from the front (anterior approach): take care, this stretch bends "
            "the hip backwards.",
        )
        for exercise_id in HIP_EXTENSION_CARE.value
    ),
)
PREGNANCY = Precaution(
    key="pregnant_or_postpartum",
    name="Pregnancy or birth in the last 6 months",
    reason=(
        "pregnancy or a birth in the last 6 months: a clinician should review the plan before "
        "you start"
    ),
    position_notes=(
        (
            Position(LYING_ON_BACK_REVIEW_IN_PREGNANCY.value),
            "Pregnancy: marked for review, ask your clinician about this stretch; after about "
            "20 weeks of pregnancy avoid lying flat on your back for long.",
        ),
    ),
    clinician_review=True,
)
OSTEOPOROSIS = Precaution(
    key="osteoporosis",
    name="Osteoporosis or past vertebral fracture",
    reason="osteoporosis: no end-range bending or twisting of the spine",
    notes=tuple(
        (
            exercise_id,
            "Osteoporosis: keep to mid-range, no bending or twisting of the spine as far as it "
            "will go.",
        )
        for exercise_id in OSTEOPOROSIS_MID_RANGE.value
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
PRECAUTIONS: tuple[Precaution, ...] = (HIP, PREGNANCY, OSTEOPOROSIS, HYPERMOBILITY, RECENT_SURGERY)


def precautions(intake: Intake) -> list[Precaution]:
    """Every precaution that applies to this person, in :data:`PRECAUTIONS` order."""
    answers = intake.precautions
    applies = {
        HIP.key: intake.hip_precautions_apply,
        PREGNANCY.key: answers.pregnant_or_postpartum,
        OSTEOPOROSIS.key: answers.osteoporosis,
        HYPERMOBILITY.key: answers.hypermobility,
        RECENT_SURGERY.key: answers.recent_spine_or_pelvis_surgery,
    }
    return [p for p in PRECAUTIONS if applies[p.key]]


def referral(intake: Intake) -> Referral | None:
    """Where the person should go and how soon, or None when the plan needs no one else.

    Any red flag: no plan (emergency for a possible cauda equina sign, otherwise a
    doctor before starting). A precaution that needs review: a plan, marked
    ``clinician-review``.
    """
    raised = red_flags(intake)
    review = [p.reason[0].upper() + p.reason[1:] for p in precautions(intake) if p.clinician_review]
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
}
"""Plain questions for the precaution answers of the intake, keyed by intake field."""
