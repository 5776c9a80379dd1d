"""Screening: every red flag stops the plan; precautions change it, with the reason shown."""

from __future__ import annotations

import pytest

from sicoach.catalog import default_catalog
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Urgency
from sicoach.program.screening import (
    ASKED_RED_FLAGS,
    EMERGENCY_ADVICE,
    RED_FLAGS,
    REVIEW_ADVICE,
    SEE_DOCTOR_FIRST_ADVICE,
    RedFlag,
    emergency_referral,
    precautions,
    red_flags,
    referral,
)
from sicoach.rules import CAUDA_EQUINA_FLAGS, SEE_DOCTOR_FIRST_FLAGS
from tests.intake_factory import TYPICAL, make_intake

# One intake per red flag that raises it and nothing else.
RAISING: dict[str, dict[str, object]] = {
    **{flag.key: {f"red_flags.{flag.key}": True} for flag in ASKED_RED_FLAGS},
    "new_pain_young_or_older": {"age": 55, "pain.weeks": 2},
    "pain_not_improving_after_a_month": {"pain.weeks": 5},
    # Buttock pain for 2 weeks, since a hip replacement 6 weeks ago.
    "new_pain_after_hip_replacement": {"precautions.hip_replacement_weeks_ago": 6, "pain.weeks": 2},
}
CATALOG = default_catalog()


def test_every_intake_red_flag_question_is_asked() -> None:
    assert [f.key for f in ASKED_RED_FLAGS] == list(TYPICAL["red_flags"])


def test_every_red_flag_has_one_urgency_in_the_rules() -> None:
    keys = [f.key for f in RED_FLAGS]
    assert sorted(keys) == sorted([*CAUDA_EQUINA_FLAGS.value, *SEE_DOCTOR_FIRST_FLAGS.value])
    assert set(CAUDA_EQUINA_FLAGS.value).isdisjoint(SEE_DOCTOR_FIRST_FLAGS.value)
    assert sorted(RAISING) == sorted(keys)


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.key)
def test_every_red_flag_is_a_plain_yes_no_question_with_a_clinician_name(flag: RedFlag) -> None:
    assert flag.question.endswith("?") and flag.name


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.key)
def test_a_red_flag_never_gets_a_plan(flag: RedFlag) -> None:
    key = flag.key
    intake = make_intake(RAISING[key])
    assert [r.flag.key for r in red_flags(intake)] == [key]
    plan = build_plan(intake, default_catalog())
    assert not plan.eligible
    assert plan.exercises == [] and plan.minutes == 0
    assert plan.referral is not None
    expected = Urgency.EMERGENCY if key in CAUDA_EQUINA_FLAGS.value else Urgency.BEFORE_STARTING
    assert plan.referral.urgency is expected
    assert plan.referral.advice == (
        EMERGENCY_ADVICE if expected is Urgency.EMERGENCY else SEE_DOCTOR_FIRST_ADVICE
    )
    assert any("doctor before you start" in line for line in plan.advice)


# clinical-facts §3: possible signs of cauda equina need emergency care now; the other
# red flags need a doctor before the stretches start.
@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("red_flags.saddle_numbness", "emergency care now"),
        ("red_flags.bladder_or_bowel_change", "emergency care now"),
        ("red_flags.cancer_history", "before you do any of these stretches"),
        ("red_flags.constant_night_pain", "before you do any of these stretches"),
    ],
)
def test_the_referral_says_how_soon_to_get_care(answer: str, words: str) -> None:
    sent_to = referral(make_intake({answer: True}), CATALOG)
    assert sent_to is not None
    assert words in sent_to.advice.lower()


def test_an_emergency_sign_outranks_other_red_flags_and_lists_them_all() -> None:
    intake = make_intake(
        {"red_flags.cancer_history": True, "red_flags.new_difficulty_walking": True}
    )
    sent_to = referral(intake, CATALOG)
    assert sent_to is not None and sent_to.urgency is Urgency.EMERGENCY
    assert sent_to.reasons == [
        "Possible cauda equina: new difficulty walking (answered yes)",
        "History of cancer (answered yes)",
    ]


@pytest.mark.parametrize(
    ("age", "weeks", "raised"),
    [
        (42, 3, []),
        (20, 3, []),
        (50, 3, []),
        (19, 3, ["new_pain_young_or_older"]),
        (51, 0, ["new_pain_young_or_older"]),
        (51, 4, ["new_pain_young_or_older"]),
        (42, 4, []),
        (42, 4.5, ["pain_not_improving_after_a_month"]),
        (70, 5, ["new_pain_young_or_older", "pain_not_improving_after_a_month"]),
        (70, 6, ["new_pain_young_or_older", "pain_not_improving_after_a_month"]),
        (70, 6.5, ["pain_not_improving_after_a_month"]),
        (16, 52, ["pain_not_improving_after_a_month"]),
    ],
)
def test_age_and_weeks_raise_the_derived_red_flags(
    age: int, weeks: float, raised: list[str]
) -> None:
    intake = make_intake({"age": age, "pain.weeks": weeks})
    assert [r.flag.key for r in red_flags(intake)] == raised


def test_a_raised_flag_says_which_answers_raised_it() -> None:
    (raised,) = red_flags(make_intake({"age": 55, "pain.weeks": 2}))
    assert str(raised) == "New back pain under 20 or over 50 (age 55, pain for 2 weeks)"


@pytest.mark.parametrize(
    ("answers", "emergency"),
    [
        # "Loss of bladder or bowel control", "saddle numbness": emergency care at once.
        ({"bladder_or_bowel_change": True}, True),
        ({"bladder_or_bowel_change": False, "saddle_numbness": True}, True),
        ({"new_difficulty_walking": True}, True),
        # Not cauda equina signs, or not answered yes: the questions go on.
        ({"cancer_history": True}, False),
        ({"bladder_or_bowel_change": False, "saddle_numbness": False}, False),
        ({}, False),
    ],
)
def test_an_emergency_sign_answered_yes_is_an_emergency_before_the_rest_is_asked(
    answers: dict[str, bool], emergency: bool
) -> None:
    found = emergency_referral(answers)
    assert (found is not None) is emergency
    if found is not None:
        assert found.urgency is Urgency.EMERGENCY and found.advice == EMERGENCY_ADVICE
        assert all(r.startswith("Possible cauda equina") for r in found.reasons)


@pytest.mark.parametrize(
    ("changes", "keys", "urgency"),
    [
        ({}, [], None),
        # Within 12 weeks of a hip replacement a clinician always reviews the plan.
        (
            {"precautions.hip_replacement_weeks_ago": 4, "pain.areas": ["low-back"]},
            ["hip_precautions"],
            Urgency.CLINICIAN_REVIEW,
        ),
        # Buttock pain that began after the operation is for the surgeon first.
        (
            {"precautions.hip_replacement_weeks_ago": 4},
            ["hip_precautions"],
            Urgency.BEFORE_STARTING,
        ),
        ({"precautions.hip_replacement_weeks_ago": 30}, [], None),
        ({"precautions.hip_precautions": True}, ["hip_precautions"], Urgency.CLINICIAN_REVIEW),
        (
            {"precautions.pregnant_or_postpartum": True},
            ["pregnant_or_postpartum"],
            Urgency.CLINICIAN_REVIEW,
        ),
        ({"precautions.osteoporosis": True}, ["osteoporosis"], None),
        ({"precautions.hypermobility": True}, ["hypermobility"], Urgency.CLINICIAN_REVIEW),
        (
            {"precautions.recent_spine_or_pelvis_surgery": True},
            ["recent_spine_or_pelvis_surgery"],
            Urgency.CLINICIAN_REVIEW,
        ),
    ],
)
def test_precautions_and_whether_a_clinician_should_review(
    changes: dict[str, object], keys: list[str], urgency: Urgency | None
) -> None:
    intake = make_intake(changes)
    assert [p.key for p in precautions(intake, CATALOG)] == keys
    sent_to = referral(intake, CATALOG)
    assert (sent_to.urgency if sent_to else None) is urgency
    if sent_to is not None and urgency is Urgency.CLINICIAN_REVIEW:
        assert sent_to.advice == REVIEW_ADVICE


def test_a_precaution_needing_review_still_gives_a_plan_with_the_review_box() -> None:
    plan = build_plan(make_intake({"precautions.hypermobility": True}), default_catalog())
    assert plan.eligible and plan.exercises
    assert plan.referral is not None
    assert plan.referral.reasons == [
        "Joint hypermobility: no end-range stretching, and a clinician should review the plan"
        " before you start"
    ]


@pytest.mark.parametrize(
    ("changes", "raised", "urgency"),
    [
        # v1 cannot say whether pain is improving: past a month it counts as not improving.
        ({"pain.weeks": 8}, ["pain_not_improving_after_a_month"], Urgency.BEFORE_STARTING),
        ({"schema": "sicoach.intake/2", "pain.weeks": 8, "pain.improving": True}, [], None),
        (
            {"schema": "sicoach.intake/2", "pain.weeks": 8, "pain.improving": False},
            ["pain_not_improving_after_a_month"],
            Urgency.BEFORE_STARTING,
        ),
        (
            {"schema": "sicoach.intake/2", "pain.weeks": 8, "assessed_by_clinician": True},
            [],
            Urgency.CLINICIAN_REVIEW,
        ),
        (
            {
                "schema": "sicoach.intake/2",
                "age": 61,
                "pain.weeks": 2,
                "assessed_by_clinician": True,
            },
            [],
            Urgency.CLINICIAN_REVIEW,
        ),
        # An asked red flag is never cleared by an earlier examination.
        (
            {
                "schema": "sicoach.intake/2",
                "assessed_by_clinician": True,
                "red_flags.cancer_history": True,
            },
            ["cancer_history"],
            Urgency.BEFORE_STARTING,
        ),
    ],
)
def test_improving_pain_and_a_clinicians_exam_settle_the_derived_flags(
    changes: dict[str, object], raised: list[str], urgency: Urgency | None
) -> None:
    intake = make_intake(changes)
    assert [r.flag.key for r in red_flags(intake)] == raised
    found = referral(intake, CATALOG)
    assert (found.urgency if found else None) is urgency
    if urgency is Urgency.CLINICIAN_REVIEW:
        assert found is not None
        assert "you said a clinician has examined you for this pain" in found.reasons[0]
        assert build_plan(intake, default_catalog()).eligible


@pytest.mark.parametrize(
    ("field", "value"),
    [("pain.improving", True), ("assessed_by_clinician", False), ("preferred_time", "08:00")],
)
def test_version_1_intakes_refuse_the_version_2_answers(field: str, value: object) -> None:
    from sicoach.program.intake import IntakeError

    with pytest.raises(IntakeError, match=f"{field}: unknown field in sicoach.intake/1"):
        make_intake({field: value})
