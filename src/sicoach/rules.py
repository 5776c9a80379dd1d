"""Every clinical rule and threshold sicoach applies that is not a number in the seed.

One reviewable place: a clinician can read this module top to bottom and see each
rule, its value and where it comes from. ``ours=True`` marks sicoach's own choice
where the sources are silent; those are settings, not medical facts. Source tags
follow ``clinical-facts.md``: [P] primary source seen, [S] secondary summary only,
[U] not confirmed.

``sicoach rules`` prints this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

__all__ = [
    "ALTERNATE_SIDES",
    "ANGLE_SMOOTHING_SECONDS",
    "API_TOKEN_VALID_DAYS",
    "ASSESSMENT_CLEARS_DERIVED_FLAGS",
    "CAUDA_EQUINA_FLAGS",
    "CONFIDENT_VIEW_OFFSET_DEGREES",
    "CONFIDENT_VISIBILITY",
    "DEFAULT_REMINDER_TIME",
    "DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT",
    "DROP_PRIORITY",
    "EARLIEST_RECORD_DATE",
    "FAULT_MIN_SECONDS",
    "FLARE_MORNING_RISE",
    "FLARE_PAIN",
    "FORM_BASELINE_SECONDS",
    "GET_READY_SECONDS",
    "HAMSTRING_RANGES",
    "HIP_ADDUCTOR_RANGES",
    "HIP_EXTENSION_CARE",
    "HIP_FLEXION_LIMITED",
    "HIP_FLEXION_LIMIT_DEGREES",
    "HIP_PRECAUTION_BLOCKED",
    "HIP_REPLACEMENT_FLOOR_WAIT",
    "HIP_REPLACEMENT_REVIEW",
    "HIP_SURGEON_FIRST_AREAS",
    "HOLD_ENTER_SECONDS",
    "HOLD_EXIT_RANGE_MARGIN",
    "HOLD_EXIT_SECONDS",
    "HOLD_EXIT_TOLERANCE_FACTOR",
    "HOLD_MAX_GAP_SECONDS",
    "HOLD_REJOIN_SECONDS",
    "HOLD_STEP_SECONDS",
    "INVITE_VALID_DAYS",
    "KNEE_TO_CHEST_RANGES",
    "LATEST_RECORD_HOURS_AHEAD",
    "LOGIN_CLIENT_FAILURES_ALLOWED",
    "LOGIN_FAILURES_ALLOWED",
    "LOGIN_FAILURE_WINDOW_MINUTES",
    "LOGIN_SESSION_IDLE_MINUTES",
    "LOGIN_SESSION_MAX_HOURS",
    "LOWER_TRUNK_ROTATION_RANGES",
    "LYING_TRUNK_INCLINE_DEGREES",
    "MINIMUM_PASSWORD_LENGTH",
    "MIN_HOLD_SECONDS",
    "MISSED_SESSIONS_FLAG_DAYS",
    "MORNING_SETTLED_MARGIN",
    "NEEDS_EXPLICIT_YES",
    "NEW_PAIN_MAX_WEEKS",
    "NEW_PAIN_OVER_AGE",
    "NEW_PAIN_UNDER_AGE",
    "NOT_IMPROVING_AFTER_WEEKS",
    "ODI_BANDS",
    "ODI_MAX_MISSING_SECTIONS",
    "ODI_MIC",
    "OSTEOPOROSIS_FORWARD_REACH",
    "OSTEOPOROSIS_MID_RANGE",
    "OVER_LIMIT_SESSIONS_FOR_CLINICIAN",
    "PAIN_BANDS",
    "PAIN_DURING_ACCEPTABLE_MAX",
    "PAIN_DURING_SAFE_MAX",
    "PAIN_MIC_BY_BASELINE",
    "PAIN_MIC_FRACTION",
    "PAIN_MIC_POINTS",
    "PATIENT_PAGE_SIZE",
    "PATIENT_PAGE_SIZE_MAX",
    "PELVIC_ROTATION_RANGES",
    "PHYSICIAN_DEFAULT_LIMIT",
    "PHYSICIAN_DEFAULT_RADIUS_MILES",
    "PHYSICIAN_FILE_STALE_AFTER_DAYS",
    "PHYSICIAN_MAX_RADIUS_MILES",
    "PHYSICIAN_MIN_USABLE_SHARE",
    "PHYSICIAN_STAGING_ABANDONED_AFTER_HOURS",
    "PICTURE_MOVE_SECONDS",
    "PLANNED_SESSIONS_PER_WEEK",
    "PREGNANCY_LEFT_OUT_POSITIONS",
    "PREGNANCY_POSITIONS_FROM_WEEKS",
    "PRESS_UP_RANGES",
    "PROGRESS_WEEKS",
    "PSFS_ACTIVITIES",
    "PSFS_SDC",
    "QUADRICEPS_RANGES",
    "RECENT_HIP_REPLACEMENT_WEEKS",
    "RELEASE_SECONDS",
    "REMINDER_MINUTES_BEFORE",
    "RESCREEN_EVERY_DAYS",
    "REST_BETWEEN_EXERCISES_SECONDS",
    "REST_BETWEEN_REPS_SECONDS",
    "RISING_PAIN_MIN_SESSIONS",
    "RISING_PAIN_WINDOW_DAYS",
    "RULES",
    "SEE_DOCTOR_FIRST_FLAGS",
    "SETTLED_DEGREES_PER_SECOND",
    "SETTLED_TRUNK_FRACTION_PER_SECOND",
    "SHOULDER_HUNCH_TRUNK_FRACTION",
    "SHOULDER_LIFT_TRUNK_FRACTION",
    "SITTING_HIP_FLEXION_DEGREES",
    "SITTING_ON_CHAIR_KNEE_FLEXION_DEGREES",
    "SITTING_TRUNK_INCLINE_DEGREES",
    "STANDING_FEET_BELOW_HIPS",
    "STANDING_ON_ONE_LEG",
    "START_AT_FEWEST_REPETITIONS",
    "START_AT_LOW_END",
    "STRAIGHT_LEG_BEND_DEGREES",
    "SUPINE_FACE_UP",
    "SWAP_JUMP_TRUNK_FRACTION",
    "SWAP_MAX_SECONDS",
    "SWAP_RATIO",
    "SWITCH_SIDE_SECONDS",
    "VISIBILITY_GATE",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One rule: a named value, what it means, and where it comes from."""

    name: str
    value: T
    meaning: str
    source: str
    ours: bool


RULES: list[Rule[object]] = []


def _rule(name: str, value: T, meaning: str, source: str, *, ours: bool) -> Rule[T]:
    rule = Rule(name=name, value=value, meaning=meaning, source=source, ours=ours)
    RULES.append(rule)  # type: ignore[arg-type]
    return rule


# --- Catalog gaps -----------------------------------------------------------------
# The seed gives no repetitions for the hip adductor stretch or the lower trunk
# rotation. A plan still needs a number; this one sits inside the 2-4 reps that
# clinical-facts §1 reports [S].
DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT = _rule(
    "default_repetitions_when_source_silent",
    3,
    "Repetitions used in a plan when the seed gives none (per side for one-sided stretches).",
    "clinical-facts §1: about 60 s per stretch per session, 2-4 reps [S]",
    ours=True,
)


# --- Screening --------------------------------------------------------------------
# Which red flags mean emergency care and which mean a doctor first, and the two
# red flags that sicoach works out from age and how long the pain has lasted.
CAUDA_EQUINA_FLAGS = _rule(
    "cauda_equina_flags",
    (
        "bladder_or_bowel_change",
        "saddle_numbness",
        "worsening_leg_weakness_or_numbness",
        "new_difficulty_walking",
    ),
    "Red-flag answers that are possible signs of cauda equina: emergency care now, no plan.",
    "clinical-facts §3: NHS G-care low back pain pathway [P], NICE NG59 [S]",
    ours=False,
)
SEE_DOCTOR_FIRST_FLAGS = _rule(
    "see_doctor_first_flags",
    (
        "cancer_history",
        "unexplained_weight_loss",
        "fever_or_unwell",
        "immune_suppression_or_injected_drugs",
        "recent_fall_or_injury",
        "constant_night_pain",
        "visible_deformity",
        "new_pain_young_or_older",
        "pain_not_improving_after_a_month",
        "new_pain_after_hip_replacement",
    ),
    "Red flags that mean no plan until a doctor has seen the person (or, for pain since a hip"
    " replacement, the surgeon); a recorded clinician clearance lifts them.",
    "clinical-facts §3: NHS G-care pathway [P], AHCPR 1994 table [P]",
    ours=False,
)
NEW_PAIN_UNDER_AGE = _rule(
    "new_pain_under_age",
    20,
    "New back pain in a person younger than this many years is a red flag.",
    "clinical-facts §3: 'new back pain under 20 or over 50' [P]",
    ours=False,
)
NEW_PAIN_OVER_AGE = _rule(
    "new_pain_over_age",
    50,
    "New back pain in a person older than this many years is a red flag.",
    "clinical-facts §3: 'new back pain under 20 or over 50' [P]",
    ours=False,
)
NEW_PAIN_MAX_WEEKS = _rule(
    "new_pain_max_weeks",
    6,
    "Pain counts as 'new' for the age red flag when it started this many weeks ago or less.",
    "sicoach's choice: the sources do not say how recent 'new' is",
    ours=True,
)
NOT_IMPROVING_AFTER_WEEKS = _rule(
    "not_improving_after_weeks",
    4,
    "Pain that has lasted more than this many weeks is 'not improving after a month' unless the"
    " person says it is improving (intake v2 pain.improving; a v1 intake cannot say, so any"
    " pain past a month counts).",
    "clinical-facts §3: 'pain not improving after a month' [P]; reading it from pain.weeks is ours",
    ours=False,
)
ASSESSMENT_CLEARS_DERIVED_FLAGS = _rule(
    "assessment_clears_derived_flags",
    True,
    "When the person says a doctor or physical therapist has already examined them for this"
    " pain (intake v2 assessed_by_clinician), the two flags worked out from age and pain"
    " duration no longer stop the plan; the plan is marked for clinician review with them."
    " Every asked red flag still stops it.",
    "sicoach's choice: these flags mean 'see a doctor before starting', which the exam has done",
    ours=True,
)

# --- Precautions ------------------------------------------------------------------
RECENT_HIP_REPLACEMENT_WEEKS = _rule(
    "recent_hip_replacement_weeks",
    12,
    "A hip replacement less than this many weeks ago brings in the hip precautions.",
    "clinical-facts §3: Eannucci 2019, HSS J 15:247 [P]",
    ours=False,
)
HIP_PRECAUTION_BLOCKED = _rule(
    "hip_precaution_blocked",
    ("knee-to-chest-isometric", "lower-trunk-rotation", "pelvic-rotation-stretch"),
    "Stretches left out under hip precautions (no hip flexion past 90°, no crossing the"
    " midline, no turning the leg in) unless a surgeon has cleared them.",
    "clinical-facts §3: Eannucci 2019 [P]",
    ours=False,
)
HIP_FLEXION_LIMIT_DEGREES = _rule(
    "hip_flexion_limit_degrees",
    90,
    "Under hip precautions the hip must not bend past this angle.",
    "clinical-facts §3: Eannucci 2019 [P]",
    ours=False,
)
HIP_FLEXION_LIMITED = _rule(
    "hip_flexion_limited",
    ("hamstring-stretch", "hip-adductor-stretch"),
    "Stretches kept under hip precautions only without leaning forward (the forward lean"
    " bends the hip past 90°).",
    "clinical-facts §3 blocks the seated hamstring stretch past 90° [P]; the seated adductor"
    " stretch leans forward the same way (applying the same limit to it is ours)",
    ours=True,
)
HIP_EXTENSION_CARE = _rule(
    "hip_extension_care",
    ("press-up-stretch", "quadriceps-stretch"),
    "Stretches that extend the hip (the press-up, and the standing quadriceps stretch with the"
    " thigh behind the body): after an anterior-approach hip replacement in the last 12 weeks"
    " they wait for the surgeon's or physical therapist's review.",
    "clinical-facts §3: anterior approach, take care with hip extension [S]; leaving them out"
    " until the review is ours",
    ours=True,
)
HIP_REPLACEMENT_REVIEW = _rule(
    "hip_replacement_review",
    True,
    "A hip replacement in the last 12 weeks (or being told to keep hip precautions) always"
    " marks the plan for clinician review before the first session.",
    "clinical-facts §3: 'always clinician review within 12 weeks' [S]; the same for hip"
    " precautions without a date is ours",
    ours=False,
)
HIP_REPLACEMENT_FLOOR_WAIT = _rule(
    "hip_replacement_floor_wait",
    True,
    "In the 12 weeks after a hip replacement, stretches done on the floor are left out: getting"
    " down to and up from the floor waits for the surgeon's or physical therapist's review.",
    "clinical-facts §3: floor transfers are hard and risky in the first weeks [S]",
    ours=False,
)
HIP_SURGEON_FIRST_AREAS = _rule(
    "hip_surgeon_first_areas",
    ("buttock", "groin"),
    "Pain in these areas that began after a hip replacement of the last 12 weeks is for the"
    " surgeon first: no plan until a clinician has cleared it.",
    "clinical-facts §3: new buttock or groin pain after a hip replacement belongs with the"
    " surgeon first [S]; 'began after' read from pain.weeks is ours",
    ours=False,
)
PREGNANCY_POSITIONS_FROM_WEEKS = _rule(
    "pregnancy_positions_from_weeks",
    20,
    "From this week of pregnancy (or when the weeks are not given), stretches lying face down"
    " and lying on the back are left out; a clinician can add them back.",
    "clinical-facts §3: ACOG Committee Opinion 804 (2020), avoid lying on the back for long"
    " after the first trimester; lying face down impractical as the abdomen grows [S/U]",
    ours=False,
)
PREGNANCY_LEFT_OUT_POSITIONS = _rule(
    "pregnancy_left_out_positions",
    ("lying-on-stomach", "lying-on-back"),
    "The positions left out from that week of pregnancy.",
    "clinical-facts §3 [S/U]",
    ours=False,
)
OSTEOPOROSIS_MID_RANGE = _rule(
    "osteoporosis_mid_range",
    ("knee-to-chest-isometric", "lower-trunk-rotation"),
    "With osteoporosis or a past vertebral fracture these stretches stay in mid-range"
    " (no end-range trunk bending or twisting).",
    "clinical-facts §3: Too Fit To Fracture, Giangregorio 2015 [P]",
    ours=False,
)
OSTEOPOROSIS_FORWARD_REACH = _rule(
    "osteoporosis_forward_reach",
    ("hamstring-stretch", "hip-adductor-stretch"),
    "With osteoporosis the forward reach of these stretches stays mid-range: a hinge at the"
    " hips with a straight back, not a rounded spine.",
    "clinical-facts §3: Too Fit To Fracture, Giangregorio 2015 [P]",
    ours=False,
)
STANDING_ON_ONE_LEG = _rule(
    "standing_on_one_leg",
    ("quadriceps-stretch",),
    "Stretches done standing on one leg (left out when that is hard).",
    "seed: 'stand with one arm against a wall ... pull the right leg up behind the body'",
    ours=False,
)

# --- Plan --------------------------------------------------------------------------
NEEDS_EXPLICIT_YES = _rule(
    "needs_explicit_yes",
    ("pelvic-rotation-stretch",),
    "Stretches planned only when a clinician has agreed to them (the person says so in the"
    " intake, or a clinician prescribes it).",
    "seed: the pelvic rotation stretch 'may not be recommended for all cases'; clinical-facts §3",
    ours=False,
)

# --- Plan timing ------------------------------------------------------------------
# The seconds around each hold. The session script (sicoach.session.script) uses
# these same values, so a plan's minutes and its session's length agree.
GET_READY_SECONDS = _rule(
    "get_ready_seconds",
    10,
    "Seconds to get into position before the first hold of each stretch.",
    "sicoach's choice",
    ours=True,
)
RELEASE_SECONDS = _rule(
    "release_seconds",
    3,
    "Seconds to come out of the stretch slowly after each hold.",
    "sicoach's choice",
    ours=True,
)
REST_BETWEEN_REPS_SECONDS = _rule(
    "rest_between_reps_seconds",
    5,
    "Seconds of rest between two holds on the same side.",
    "sicoach's choice",
    ours=True,
)
SWITCH_SIDE_SECONDS = _rule(
    "switch_side_seconds",
    5,
    "Seconds to change to the other side between two holds.",
    "sicoach's choice",
    ours=True,
)
REST_BETWEEN_EXERCISES_SECONDS = _rule(
    "rest_between_exercises_seconds",
    15,
    "Seconds of rest between one stretch and the next.",
    "sicoach's choice",
    ours=True,
)
PICTURE_MOVE_SECONDS = _rule(
    "picture_move_seconds",
    3,
    "Seconds at the end of getting ready, a rest or a change of side in which the session's"
    " picture moves into the stretch, so it reaches the held pose as the hold begins.",
    "sicoach's choice",
    ours=True,
)
ALTERNATE_SIDES = _rule(
    "alternate_sides",
    True,
    "One-sided stretches alternate sides every repetition (left, right, left, ...); a stretch"
    " done in two directions does both directions on one side before changing side.",
    "seed: 'alternate legs' (hamstring, quadriceps), 'repeat on the other side' (trunk"
    " rotation); using it for every one-sided stretch is ours",
    ours=True,
)
DROP_PRIORITY = _rule(
    "drop_priority",
    {
        "joint stiff": ("pelvic-rotation", "targeted-muscle"),
        "joint not stiff": ("targeted-muscle", "pelvic-rotation"),
    },
    "The order of the two groups, by whether the joint feels stiff: stretches are kept in"
    " this order (and the seed's order within a group) while they fit the minutes a day at"
    " their fewest repetitions; the rest are left out.",
    "sicoach's choice",
    ours=True,
)

# --- Progression ------------------------------------------------------------------
START_AT_LOW_END = _rule(
    "start_at_low_end",
    True,
    "A new stretch starts at the low end of the seed's starting hold range.",
    "clinical-facts §1: start at the seed's starting hold; the low end is ours",
    ours=True,
)
HOLD_STEP_SECONDS = _rule(
    "hold_step_seconds",
    5,
    "Seconds added to (or taken from) a hold in one progression step, never past the seed's"
    " goal maximum nor below its starting minimum.",
    "clinical-facts §1: no published progression algorithm; the step size is ours",
    ours=True,
)
PAIN_DURING_SAFE_MAX = _rule(
    "pain_during_safe_max",
    3,
    "Pain during a session (0-10) up to this is fine: the hold may progress.",
    "clinical-facts §2: Silbernagel 2007 zones, 0-3 safe [S]",
    ours=False,
)
PAIN_DURING_ACCEPTABLE_MAX = _rule(
    "pain_during_acceptable_max",
    5,
    "Pain during a session above the safe zone and up to this is acceptable but the hold"
    " stays; above it the hold steps back.",
    "clinical-facts §2: Silbernagel 2007, pain may reach 5/10 but not pass it [S]",
    ours=False,
)
OVER_LIMIT_SESSIONS_FOR_CLINICIAN = _rule(
    "over_limit_sessions_for_clinician",
    3,
    "Sessions running with pain over the limit (during above 5, or next morning above the"
    " pre-session pain) after which sicoach suggests contacting a clinician.",
    "clinical-facts §2: suggested encoding [U: an app choice]",
    ours=True,
)
RISING_PAIN_WINDOW_DAYS = _rule(
    "rising_pain_window_days",
    7,
    "Days looked back over to see whether pain before sessions keeps rising.",
    "clinical-facts §2: 'pain rising over a week' [U: an app choice]",
    ours=True,
)
RISING_PAIN_MIN_SESSIONS = _rule(
    "rising_pain_min_sessions",
    3,
    "Sessions needed in that window before a rise counts: pain before each never lower than"
    " the one before and the last higher than the first.",
    "sicoach's choice",
    ours=True,
)


START_AT_FEWEST_REPETITIONS = _rule(
    "start_at_fewest_repetitions",
    True,
    "Day one gives the seed's fewest repetitions; once a hold has reached the top of its range,"
    " each further step adds one repetition, up to the seed's most and within the minutes a day.",
    "seed: 'gradually build up'; clinical-facts §1 (no published progression); the rep step is"
    " ours",
    ours=True,
)
FLARE_PAIN = _rule(
    "flare_pain",
    8,
    "Pain (0-10) at or above this, during or after a session or on waking, is a flare: the plan"
    " is paused, the person is told to contact their clinician or doctor, and the red-flag"
    " questions are asked again before it resumes.",
    "clinical-facts §3: a sharp rise of pain is a reason to stop and contact a clinician [S];"
    " the number is ours",
    ours=True,
)
FLARE_MORNING_RISE = _rule(
    "flare_morning_rise",
    3,
    "Pain on waking this many points or more above the pain before the session is a flare too.",
    "clinical-facts §2-3: next-morning pain should be back to the usual level [S]; the number is"
    " ours",
    ours=True,
)
MORNING_SETTLED_MARGIN = _rule(
    "morning_settled_margin",
    0,
    "Pain on waking counts as settled ('back near' the pain before the session) when it is at"
    " most this many points above it; above that the session went over the limit.",
    "clinical-facts §2: pain must have settled by the next morning [S]; the margin is ours",
    ours=True,
)
RESCREEN_EVERY_DAYS = _rule(
    "rescreen_every_days",
    28,
    "The red-flag questions are asked again this many days after they were last answered (and"
    " after every flare); sessions wait until they are answered.",
    "clinical-facts §3: ask them again at intervals and after any flare [S]; 4 weeks is ours",
    ours=True,
)


# --- Outcomes and progress --------------------------------------------------------
# Outcome-measure thresholds from clinical-facts §5, and the two choices sicoach makes
# where the sources are silent (how many sessions a week count as "planned", and the
# pain bands that pick the baseline note).
PAIN_MIC_POINTS = _rule(
    "pain_mic_points",
    2,
    "A change in pain (NRS 0-10) of at least this many points is a minimal important change.",
    "Ostelo 2008 consensus, clinical-facts §5 [P]",
    ours=False,
)
PAIN_MIC_FRACTION = _rule(
    "pain_mic_fraction",
    0.30,
    "A change in pain of at least this share of the baseline is also a minimal important change.",
    "Ostelo 2008 consensus, clinical-facts §5 [P]",
    ours=False,
)
PAIN_MIC_BY_BASELINE = _rule(
    "pain_mic_by_baseline",
    {"mild": "about 1 point", "moderate": "about 2 points", "severe": "about 3-4 points"},
    "The change that matters depends on the starting pain; shown as a note beside the trend.",
    "clinical-facts §5 [P]",
    ours=False,
)
PAIN_BANDS = _rule(
    "pain_bands",
    {"mild": (1, 3), "moderate": (4, 6), "severe": (7, 10)},
    "NRS ranges used only to choose which baseline note to show (0 = no pain).",
    "common NRS cut-points; clinical-facts gives none",
    ours=True,
)
ODI_MAX_MISSING_SECTIONS = _rule(
    "odi_max_missing_sections",
    1,
    "An Oswestry score is given only when at most this many of the ten sections are unanswered.",
    "ODI v2.1a scoring, clinical-facts §5 [P]",
    ours=False,
)
ODI_BANDS = _rule(
    "odi_bands",
    {
        "minimal": (0, 20),
        "moderate": (21, 40),
        "severe": (41, 60),
        "crippled": (61, 80),
        "bed-bound": (81, 100),
    },
    "Oswestry score bands (percent).",
    "ODI v2.1a, clinical-facts §5 [P]",
    ours=False,
)
ODI_MIC = _rule(
    "odi_mic",
    {"points": 10, "fraction": 0.30},
    "A change in the Oswestry score of 10 points or 30 % is a minimal important change.",
    "clinical-facts §5 [P]",
    ours=False,
)
PSFS_ACTIVITIES = _rule(
    "psfs_activities",
    (3, 5),
    "A Patient-Specific Functional Scale has 3 to 5 activities, each rated 0 (unable) to 10.",
    "clinical-facts §5 [P/S]",
    ours=False,
)
PSFS_SDC = _rule(
    "psfs_smallest_detectable_change",
    {"mean": 2, "single": 3},
    "Smallest detectable change of the PSFS: 2 points in the mean, 3 points in one activity.",
    "clinical-facts §5 [P/S]",
    ours=False,
)
PLANNED_SESSIONS_PER_WEEK = _rule(
    "planned_sessions_per_week",
    7,
    "Sessions a week a plan counts as planned when measuring adherence (one a day).",
    "ACSM: daily stretching is most effective, clinical-facts §1 [P]; the count is our choice",
    ours=True,
)
PROGRESS_WEEKS = _rule(
    "progress_weeks",
    12,
    "Weeks of history the progress summary shows by default (baselines come from the start).",
    "gains plateau around weeks 4-5 (Gribble 1999, clinical-facts §1); 12 weeks shows that",
    ours=True,
)


# --- Documents (handout, FHIR, calendar) -------------------------------------------
# The calendar reminder needs a time of day even when the intake gives none. The
# sources say daily stretching works best (clinical-facts §1) but not when.
DEFAULT_REMINDER_TIME = _rule(
    "default_reminder_time",
    "08:00",
    "Time of the daily calendar reminder when the intake gives no preferred_time (local time).",
    "sicoach's choice: the sources are silent on time of day",
    ours=True,
)
REMINDER_MINUTES_BEFORE = _rule(
    "reminder_minutes_before",
    10,
    "How many minutes before the daily stretching time the calendar alarm goes off.",
    "sicoach's choice: a few minutes to get ready and find a place on the floor",
    ours=True,
)


# --- Physician finder -------------------------------------------------------------
# physician-finder.md §6.3 asks for a warning when the NPPES file is old; CMS publishes a
# new monthly file every month, so two months means at least one newer file exists.
PHYSICIAN_FILE_STALE_AFTER_DAYS = _rule(
    "physician_file_stale_after_days",
    60,
    "A physician search warns that its NPPES file is out of date after this many days.",
    "physician-finder.md §6.3 (warn when the file is more than 60 days old)",
    ours=True,
)
PHYSICIAN_DEFAULT_RADIUS_MILES = _rule(
    "physician_default_radius_miles",
    25,
    "Radius of a physician search, between ZIP centres, when none is given.",
    "physician-finder.md §4 (radii of 10/25/50/100 mi); issue #9",
    ours=True,
)
PHYSICIAN_MAX_RADIUS_MILES = _rule(
    "physician_max_radius_miles",
    250,
    "Largest radius a physician search accepts (a day's drive; keeps a search bounded).",
    "sicoach's choice; the sources are silent",
    ours=True,
)
PHYSICIAN_DEFAULT_LIMIT = _rule(
    "physician_default_limit",
    20,
    "How many providers a physician search lists when no limit is given.",
    "sicoach's choice; the sources are silent",
    ours=True,
)
# Every row of a real NPPES file has all its columns; a file where many rows are cut short
# or are not CSV at all is damaged or not an NPPES file, and must not replace a good one.
PHYSICIAN_MIN_USABLE_SHARE = _rule(
    "physician_min_usable_share",
    0.5,
    "Share of an NPPES file's rows that must be whole rows (every column there) for the "
    "import to go ahead; below it the file is refused and the directory kept as it was.",
    "sicoach's choice: a CMS file has no cut-short rows, so half of them means a damaged file",
    ours=True,
)
# A monthly import takes minutes (~3 for the 9 million rows); a staging directory older
# than this was left by an import that was killed, not one still running.
PHYSICIAN_STAGING_ABANDONED_AFTER_HOURS = _rule(
    "physician_staging_abandoned_after_hours",
    6,
    "Age after which an unfinished physician import's staging data is removed at start-up.",
    "sicoach's choice: many times the longest import; a running import is never touched",
    ours=True,
)


# --- Camera check (vision) ----------------------------------------------------------
# Single-camera pose estimates are good side-on and poor for twisting; none of these
# thresholds is validated clinically (clinical-facts §7). They are sicoach's own
# settings for recognising a held stretch and are measured against synthetic data.
VISIBILITY_GATE = _rule(
    "visibility_gate",
    0.5,
    "Mean MediaPipe visibility (0-1) of shoulders, hips, knees and ankles below which a "
    "frame is not measured; a short run of such frames does not end a hold.",
    "clinical-facts §7 (visibility 0-1 per landmark) [P]; the cut-off is ours",
    ours=True,
)
SWAP_JUMP_TRUNK_FRACTION = _rule(
    "swap_jump_trunk_fraction",
    0.08,
    "A left-right swap of the pose model is looked for only where the knees and ankles (or "
    "elbows and wrists) jump, on average, at least this fraction of the trunk's length in one "
    "frame.",
    "clinical-facts §7 (MediaPipe can swap left and right side-on) [P]; the jump is ours",
    ours=True,
)
SWAP_RATIO = _rule(
    "swap_ratio",
    0.5,
    "Such a jump is a swap when the two sides, crossed over, fit the frame before at least this "
    "much better (their distance under this fraction of the labelled one).",
    "sicoach's own setting",
    ours=True,
)
SWAP_MAX_SECONDS = _rule(
    "swap_max_seconds",
    1.5,
    "A left-right swap is undone only when the sides cross back within this many seconds; a "
    "longer one is taken as it comes.",
    "sicoach's own setting",
    ours=True,
)
STANDING_FEET_BELOW_HIPS = _rule(
    "standing_feet_below_hips",
    1.15,
    "Upright with the ankles at least this many trunk lengths below the hips in the picture reads "
    "as standing; upright with the feet nearer the hips, as sitting (seen from the front, the "
    "legs of someone sitting on the floor point at the camera and their hips look straight).",
    "sicoach's own classification threshold",
    ours=True,
)
SITTING_HIP_FLEXION_DEGREES = _rule(
    "sitting_hip_flexion_degrees",
    45.0,
    "Both hips bent at least this much (as the picture shows them) reads as sitting.",
    "sicoach's own classification threshold",
    ours=True,
)
SITTING_TRUNK_INCLINE_DEGREES = _rule(
    "sitting_trunk_incline_degrees",
    65.0,
    "Sitting needs the trunk within this many degrees of upright (leaning forward to reach "
    "the toes stays within it).",
    "sicoach's own classification threshold",
    ours=True,
)
LYING_TRUNK_INCLINE_DEGREES = _rule(
    "lying_trunk_incline_degrees",
    45.0,
    "A trunk tilted at least this far from upright (and not sitting) reads as lying.",
    "sicoach's own classification threshold",
    ours=True,
)
SITTING_ON_CHAIR_KNEE_FLEXION_DEGREES = _rule(
    "sitting_on_chair_knee_flexion_degrees",
    45.0,
    "Sitting with a knee bent at least this much reads as sitting on a chair (a foot on the "
    "floor); with both legs straight, as sitting on the floor.",
    "sicoach's own classification threshold",
    ours=True,
)
SUPINE_FACE_UP = _rule(
    "supine_face_up",
    0.2,
    "Lying with the nose pointing up by at least this sine (about 12 degrees) reads as lying on "
    "the back; a face turned toward the floor, as lying on the stomach.",
    "sicoach's own classification threshold",
    ours=True,
)
ANGLE_SMOOTHING_SECONDS = _rule(
    "angle_smoothing_seconds",
    0.3,
    "Joint angles are averaged over this centred window before they are compared.",
    "sicoach's own setting against landmark jitter",
    ours=True,
)
SETTLED_DEGREES_PER_SECOND = _rule(
    "settled_degrees_per_second",
    2.0,
    "The smallest jitter assumed for an angle. A pose counts as settled (held) while the "
    "compared angles change at under 2.5 times their jitter (root mean square); movement into "
    "and out of the stretch is not hold time.",
    "DESIGN.md contract 3 (held_seconds counts only the settled pose); the speed is ours",
    ours=True,
)
SETTLED_TRUNK_FRACTION_PER_SECOND = _rule(
    "settled_trunk_fraction_per_second",
    0.02,
    "The smallest jitter assumed for a measure in trunk lengths (as settled_degrees_per_second "
    "is for angles).",
    "sicoach's own setting",
    ours=True,
)
HOLD_EXIT_TOLERANCE_FACTOR = _rule(
    "hold_exit_tolerance_factor",
    1.5,
    "A hold is entered within the key pose's tolerance and ends only beyond this multiple of "
    "it (or of the settled speed), so jitter at the edge does not split a hold.",
    "sicoach's own hysteresis",
    ours=True,
)
HOLD_ENTER_SECONDS = _rule(
    "hold_enter_seconds",
    0.3,
    "The pose must be settled this long before a hold starts.",
    "sicoach's own hysteresis",
    ours=True,
)
HOLD_EXIT_SECONDS = _rule(
    "hold_exit_seconds",
    0.3,
    "The pose must be left this long before a hold ends.",
    "sicoach's own hysteresis",
    ours=True,
)
HOLD_MAX_GAP_SECONDS = _rule(
    "hold_max_gap_seconds",
    1.0,
    "Lost or poorly seen frames shorter than this do not end a hold; longer gaps do.",
    "sicoach's own setting",
    ours=True,
)
HOLD_REJOIN_SECONDS = _rule(
    "hold_rejoin_seconds",
    1.5,
    "Two holds of the same stretch, side and pose less than this many seconds apart are one "
    "hold: letting go and taking the stretch up again takes longer, so the break was the pose "
    "model losing the body, not a new rep.",
    "sicoach's own setting",
    ours=True,
)
MIN_HOLD_SECONDS = _rule(
    "min_hold_seconds",
    3.0,
    "A settled pose shorter than this is not reported as a hold (lying down, getting up and "
    "rolling over pass through some stretches' positions for a moment).",
    "sicoach's own setting; the shortest hold in the seed is 5 s",
    ours=True,
)
STRAIGHT_LEG_BEND_DEGREES = _rule(
    "straight_leg_bend_degrees",
    20.0,
    "A leg that should stay straight (the leg on the ground in the knee-to-chest stretch, "
    "either leg in the hip adductor stretch) bent this much more than in the key pose is a fault.",
    "seed: 'keeping the other leg straight', 'sit with the legs straight'; the angle is ours",
    ours=True,
)
SHOULDER_LIFT_TRUNK_FRACTION = _rule(
    "shoulder_lift_trunk_fraction",
    0.12,
    "Lower trunk rotation: one shoulder higher than the other by this fraction of the trunk "
    "length (about 6 cm) is a fault.",
    "seed: 'keeping both shoulders flat on the ground'; the distance is ours",
    ours=True,
)
SHOULDER_HUNCH_TRUNK_FRACTION = _rule(
    "shoulder_hunch_trunk_fraction",
    0.08,
    "Press-up: ears closer to the shoulders than in the key pose by this fraction of the trunk "
    "length (about 4 cm) is a fault.",
    "seed: 'keep the shoulders relaxed, down, and away from the ears'; the distance is ours",
    ours=True,
)
FORM_BASELINE_SECONDS = _rule(
    "form_baseline_seconds",
    1.0,
    "A form check that depends on a person's proportions (shoulders toward the ears, one "
    "shoulder lifting) compares with that person's own pose over this first part of the hold.",
    "sicoach's own setting",
    ours=True,
)
FAULT_MIN_SECONDS = _rule(
    "fault_min_seconds",
    0.5,
    "A form fault is reported when it lasts at least this long within a hold.",
    "sicoach's own setting",
    ours=True,
)
# The held stretches as ranges of what the camera measures, read from the seed's words.
# The seed gives no angles: every range is ours, set on generated people of many sizes
# doing each stretch the ways its words allow (tests/vision/population, the "tune"
# family) and measured on others (docs/benchmarks.md). Each held pose maps each measure
# to (low, high) or (low, high, exit margin); several range sets for one pose are
# alternatives (a frame matches when it fits any). "{side}" is the working side and
# "{other}" the other one; angles are in degrees as the picture shows them, other measures
# in trunk lengths. Without an exit margin a hold ends 15% of the range's half-width
# outside it (hold_exit_range_margin).
#: One stretch's ranges: held pose -> alternatives -> measure -> (low, high[, exit margin]).
HoldRanges = dict[str, tuple[dict[str, tuple[float, ...]], ...]]
HOLD_EXIT_RANGE_MARGIN = _rule(
    "hold_exit_range_margin",
    0.15,
    "A hold, once started inside a stretch's ranges, ends only this fraction of a range's "
    "half-width outside it, so jitter at the edge does not split it.",
    "sicoach's own hysteresis",
    ours=True,
)
HAMSTRING_RANGES: Rule[HoldRanges] = _rule(
    "hamstring_stretch_ranges",
    {
        "stretched": (
            {
                "knee_flexion_{side}": (0.0, 35.0),
                "knee_flexion_{other}": (50.0, 135.0),
                "trunk_incline": (9.0, 65.0, 3.0),
            },
        )
    },
    "Seated hamstring stretch held: sitting, the leg on the chair nearly straight, the other "
    "foot on the floor, the trunk leaning forward at least a little.",
    "seed: 'sitting in a chair with one leg resting on another chair straight in front of the "
    "body ... reach toward the toes'; the ranges are ours",
    ours=True,
)
QUADRICEPS_RANGES: Rule[HoldRanges] = _rule(
    "quadriceps_stretch_ranges",
    {
        "stretched": (
            {
                "knee_flexion_{side}": (85.0, 175.0),
                "knee_flexion_{other}": (0.0, 35.0),
            },
        )
    },
    "Standing quadriceps stretch held: standing on a nearly straight leg, the other knee bent "
    "with the foot pulled up behind.",
    "seed: 'Pull the right leg up behind the body, bent at the knee, and grasp the foot or "
    "ankle'; the ranges are ours",
    ours=True,
)
HIP_ADDUCTOR_RANGES: Rule[HoldRanges] = _rule(
    "hip_adductor_stretch_ranges",
    {
        "stretched": (
            {
                "knee_flexion_left": (0.0, 35.0),
                "knee_flexion_right": (0.0, 35.0),
                "leg_spread": (35.0, 170.0),
                "shoulder_span": (0.88, 3.0, 0.04),
            },
        )
    },
    "Hip adductor stretch held: sitting on the floor with both legs straight and apart, "
    "leaning forward (seen from the front, the trunk looks short against the shoulders: "
    "shoulder width over trunk length at least 0.88).",
    "seed: 'sit with the legs straight and apart to form a triangle, then gently lean forward "
    "toward the toes'; the ranges are ours",
    ours=True,
)
PRESS_UP_RANGES: Rule[HoldRanges] = _rule(
    "press_up_stretch_ranges",
    {
        "stretched": (
            {
                "trunk_incline": (40.0, 77.0, 3.0),
                "knee_flexion_left": (0.0, 40.0),
                "knee_flexion_right": (0.0, 40.0),
            },
        ),
        "straight-arms": (
            {
                "trunk_incline": (3.0, 40.0),
                "knee_flexion_left": (0.0, 40.0),
                "knee_flexion_right": (0.0, 40.0),
            },
        ),
    },
    "Press-up held: lying on the stomach with the legs straight and the upper body raised, "
    "on the elbows (the trunk 13-50 degrees up from the floor) or on straight arms (more).",
    "seed: 'Lying on the stomach, raise the upper body to the elbows ... raise the upper body "
    "to the hands with elbows straight'; the ranges are ours",
    ours=True,
)
KNEE_TO_CHEST_RANGES: Rule[HoldRanges] = _rule(
    "knee_to_chest_isometric_ranges",
    {
        "stretched": (
            {
                "hip_flexion_{side}": (70.0, 165.0),
                "knee_flexion_{side}": (40.0, 165.0),
                "hip_flexion_{other}": (0.0, 35.0),
                "hands_off_thigh_{side}": (0.0, 0.45, 0.05),
                "wrists_apart": (0.0, 0.3, 0.03),
            },
        )
    },
    "Knee-to-chest held: lying on the back, one hip and knee bent up toward the chest with "
    "both hands together at that thigh, the other leg down.",
    "seed: 'pull one knee up toward the chest while keeping the other leg straight and "
    "touching the ground. Cross the fingers behind the thigh'; the ranges are ours",
    ours=True,
)
LOWER_TRUNK_ROTATION_RANGES: Rule[HoldRanges] = _rule(
    "lower_trunk_rotation_ranges",
    {
        "stretched": (
            {
                "knees_to_left": (0.42, 2.0, 0.08),
                "hip_line_rise": (0.05, 2.0, 0.05),
                "feet_from_hips": (0.0, 1.5, 0.05),
            },
            {
                "knees_to_left": (0.05, 2.0, 0.03),
                "hip_line_rise": (-2.0, -0.05, 0.05),
                "feet_from_hips": (0.0, 1.5, 0.05),
            },
        )
    },
    "Lower trunk rotation held to the left (mirrored for the right): lying on the back with "
    "the knees bent (feet within 1.5 trunk lengths of the hips) and moved across toward the "
    "left of the hip line. Seen from above one side, knees "
    "raised and knees dropped away from the camera both look further away, so a drop away "
    "from the camera must be larger (0.42 trunk lengths) than one toward it.",
    "seed: 'Lie on the back with both knees slightly bent, then gently move both knees to one "
    "side'; the ranges are ours",
    ours=True,
)
PELVIC_ROTATION_RANGES: Rule[HoldRanges] = _rule(
    "pelvic_rotation_stretch_ranges",
    {
        "outward-turn": (
            {
                "hip_flexion_{side}": (40.0, 160.0),
                "knee_flexion_{side}": (35.0, 160.0),
                "hip_flexion_{other}": (0.0, 35.0),
                "knee_flexion_{other}": (0.0, 25.0),
                "knees_apart": (0.4, 5.0, 0.05),
                "foot_out_{side}": (0.03, 1.5, 0.03),
            },
        ),
        "inward-turn": (
            {
                "hip_flexion_{side}": (40.0, 160.0),
                "knee_flexion_{side}": (35.0, 160.0),
                "hip_flexion_{other}": (0.0, 35.0),
                "knee_flexion_{other}": (0.0, 25.0),
                "knees_apart": (0.4, 5.0, 0.05),
                "foot_out_{side}": (-1.5, -0.03, 0.03),
            },
        ),
    },
    "Pelvic rotation held: lying on the back, one hip and knee bent with the calf about "
    "level, the other leg straight (the knees apart), the foot turned out from (or in toward) "
    "the middle of the body along the hip line.",
    "seed: 'bring one knee into the air so the calf is parallel to the floor. Turn the foot so "
    "it's pointed slightly away from the body ... angled slightly toward the middle of the "
    "body'; the ranges are ours",
    ours=True,
)
CONFIDENT_VISIBILITY = _rule(
    "confident_visibility",
    0.8,
    "Below this mean visibility of the body's main landmarks, the check reports low confidence.",
    "sicoach's own setting",
    ours=True,
)
CONFIDENT_VIEW_OFFSET_DEGREES = _rule(
    "confident_view_offset_degrees",
    20.0,
    "A camera further than this from a stretch's best view gives low confidence (single-camera "
    "angles are within about 2-7 degrees only side-on).",
    "clinical-facts §7 [P]; the cut-off is ours",
    ours=True,
)


# --- Web app ----------------------------------------------------------------------
# Accounts and the clinician's dashboard. Sources are silent on these; they are
# sicoach's own settings, chosen to slow password guessing without locking people
# out for long, and to flag a patient for a clinician's attention, not to diagnose.
LOGIN_FAILURES_ALLOWED = _rule(
    "login_failures_allowed",
    5,
    "Failed logins for one email from one client address within the window before that"
    " client's further tries for that email are refused (other clients are not locked out).",
    "sicoach's own setting (OWASP advice to rate-limit logins; no fixed number)",
    ours=True,
)
LOGIN_FAILURE_WINDOW_MINUTES = _rule(
    "login_failure_window_minutes",
    15,
    "Minutes a failed login counts against the limit.",
    "sicoach's own setting",
    ours=True,
)
PATIENT_PAGE_SIZE = _rule(
    "patient_page_size",
    50,
    "Patients per page of the clinician's list in the API when the caller gives no limit.",
    "sicoach's own setting",
    ours=True,
)
PATIENT_PAGE_SIZE_MAX = _rule(
    "patient_page_size_max",
    200,
    "The most patients one page of the clinician's list in the API may hold.",
    "sicoach's own setting: each row reads that patient's sessions and pain",
    ours=True,
)
INVITE_VALID_DAYS = _rule(
    "invite_valid_days",
    7,
    "Days a clinician's one-time invite link stays valid.",
    "sicoach's own setting",
    ours=True,
)
MISSED_SESSIONS_FLAG_DAYS = _rule(
    "missed_sessions_flag_days",
    3,
    "Days without a session after which a patient is flagged 'missed sessions' for the clinician.",
    "clinical-facts §1: 3 days a week keeps the gain (Reid & Kim 2014) [P]; the flag is ours",
    ours=True,
)
MINIMUM_PASSWORD_LENGTH = _rule(
    "minimum_password_length",
    10,
    "Shortest password an account may have.",
    "sicoach's own setting (NIST SP 800-63B asks for at least 8)",
    ours=True,
)
LOGIN_SESSION_IDLE_MINUTES = _rule(
    "login_session_idle_minutes",
    120,
    "Minutes without a request after which a browser login ends (longer than a guided session).",
    "sicoach's own setting (OWASP Session Management: idle and absolute timeouts)",
    ours=True,
)
LOGIN_SESSION_MAX_HOURS = _rule(
    "login_session_max_hours",
    12,
    "Hours after logging in when a browser login ends, however active (a working day).",
    "sicoach's own setting (OWASP Session Management: idle and absolute timeouts)",
    ours=True,
)
API_TOKEN_VALID_DAYS = _rule(
    "api_token_valid_days",
    7,
    "Days an API token (POST /api/v1/tokens) stays valid unless revoked first.",
    "sicoach's own setting",
    ours=True,
)
EARLIEST_RECORD_DATE = _rule(
    "earliest_record_date",
    date(2000, 1, 1),
    "No session, pain rating or other record may be dated before this day.",
    "sicoach's own setting (a sane window; a year-1 or year-9999 date broke pages)",
    ours=True,
)
LATEST_RECORD_HOURS_AHEAD = _rule(
    "latest_record_hours_ahead",
    24,
    "Hours after now (any time zone's today) by which a record may be dated, at most.",
    "sicoach's own setting",
    ours=True,
)
LOGIN_CLIENT_FAILURES_ALLOWED = _rule(
    "login_client_failures_allowed",
    30,
    "Failed logins from one client address, for any emails, within the window before that"
    " client's further tries are refused (slows password spraying).",
    "sicoach's own setting (OWASP Authentication Cheat Sheet: limit per source, not lockout)",
    ours=True,
)
