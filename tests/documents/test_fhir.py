from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given, settings
from hypothesis import strategies as st

from sicoach.catalog import Catalog, default_catalog
from sicoach.documents.fhir import (
    OdiScoreRecord,
    PainRatingRecord,
    PersonRecord,
    PlanVersionRecord,
    SessionEntry,
    care_plan_bundle,
    fhir_bundle,
)
from sicoach.program.plan_model import Plan, PlannedExercise, Referral, SideName, Urgency
from tests.documents.conftest import PlanFactory, make_session

CREATED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _full_bundle(catalog: Catalog, plan: Plan) -> dict[str, Any]:
    return fhir_bundle(
        person=PersonRecord(id="person-1", name="Ann Example"),
        plans=[PlanVersionRecord(2, CREATED, plan)],
        catalog=catalog,
        sessions=[
            SessionEntry(make_session(1), 2),
            SessionEntry(make_session(2)),
            SessionEntry(make_session(3, completed=False), 2),
        ],
        pain_ratings=[
            PainRatingRecord(datetime(2026, 11, 2, 7, 30), 4, "before", "session-1"),
            PainRatingRecord(datetime(2026, 11, 3, 8, 0, tzinfo=UTC), 3),
        ],
        odi_scores=[OdiScoreRecord(datetime(2026, 11, 1, 9, 0, tzinfo=UTC), 34)],
        preferred_time=time(7, 30),
    )


def test_full_bundle_parses_with_r4b_and_round_trips(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    bundle = _full_bundle(catalog, make_plan())
    parsed = Bundle.model_validate_json(json.dumps(bundle))
    assert json.loads(parsed.model_dump_json(exclude_none=True)) == bundle
    assert bundle["type"] == "collection"


def test_bundle_holds_patient_definitions_care_plan_procedures_and_observations(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    bundle = _full_bundle(catalog, make_plan(without=("press-up-stretch",)))
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 1
    assert kinds.count("ActivityDefinition") == 6
    assert kinds.count("CarePlan") == 1
    assert kinds.count("Procedure") == 2, "the unfinished session is not a Procedure"
    assert kinds.count("Observation") == 3
    titles = {a["title"] for a in _resources(bundle, "ActivityDefinition")}
    assert "Press-up stretch" not in titles


def test_care_plan_activities_carry_exercise_therapy_daily_timing_and_dose(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    (care_plan,) = _resources(_full_bundle(catalog, make_plan()), "CarePlan")
    assert (care_plan["status"], care_plan["intent"]) == ("active", "plan")
    detail = care_plan["activity"][0]["detail"]
    assert detail["code"]["coding"] == [
        {
            "system": "http://snomed.info/sct",
            "code": "229065009",
            "display": "Exercise therapy (regime/therapy)",
        }
    ]
    assert detail["scheduledTiming"]["repeat"] == {
        "frequency": 1,
        "period": 1.0,
        "periodUnit": "d",
        "timeOfDay": ["07:30:00"],
    }
    assert (
        detail["description"]
        == "Seated hamstring stretch: hold 15 seconds, 5 times each side (left and right)."
    )
    assert detail["quantity"] == {
        "value": 5,
        "unit": "repetitions",
        "system": "http://unitsofmeasure.org",
        "code": "{repetitions}",
    }
    steps = _resources(_full_bundle(catalog, make_plan()), "ActivityDefinition")[0]["description"]
    assert "1. Sit on a chair with a second chair straight in front of you." in steps


def test_procedures_are_based_on_the_care_plan(catalog: Catalog, make_plan: PlanFactory) -> None:
    bundle = _full_bundle(catalog, make_plan())
    (care_plan,) = _resources(bundle, "CarePlan")
    for procedure in _resources(bundle, "Procedure"):
        assert procedure["basedOn"] == [{"reference": f"urn:uuid:{care_plan['id']}"}]
        assert procedure["status"] == "completed"
        assert procedure["code"]["coding"][0]["code"] == "229065009"


def test_pain_and_odi_observations_carry_loinc_codes_and_units(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    bundle = _full_bundle(catalog, make_plan())
    observations = _resources(bundle, "Observation")
    pain = [o for o in observations if o["code"]["coding"][0]["code"] == "72514-3"]
    odi = [o for o in observations if o["code"]["coding"][0]["code"] == "97909-6"]
    assert [p["valueInteger"] for p in pain] == [4, 3]
    assert pain[0]["effectiveDateTime"] == "2026-11-02T07:30:00Z", "naive times are UTC"
    session_1 = next(
        p for p in _resources(bundle, "Procedure") if p["identifier"][0]["value"] == "session-1"
    )
    assert pain[0]["partOf"] == [{"reference": f"urn:uuid:{session_1['id']}"}]
    assert "partOf" not in pain[1]
    assert odi[0]["valueQuantity"] == {
        "value": 34,
        "unit": "%",
        "system": "http://unitsofmeasure.org",
        "code": "%",
    }
    for observation in observations:
        assert observation["code"]["coding"][0]["system"] == "http://loinc.org"
        assert observation["category"][0]["coding"][0] == {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }


def test_exporting_twice_gives_the_same_ids(catalog: Catalog, make_plan: PlanFactory) -> None:
    first = _full_bundle(catalog, make_plan())
    second = _full_bundle(catalog, make_plan())
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    assert first == second


def test_every_reference_resolves_inside_the_bundle(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    bundle = _full_bundle(catalog, make_plan())
    full_urls = {e["fullUrl"] for e in bundle["entry"]}
    text = json.dumps(bundle)
    references = {part.split('"')[0] for part in text.split('"reference": "')[1:]}
    canonicals = {
        c
        for cp in _resources(bundle, "CarePlan")
        for a in cp["activity"]
        for c in a["detail"]["instantiatesCanonical"]
    }
    assert references | canonicals <= full_urls


def test_each_plan_version_is_a_care_plan_replacing_the_one_before(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    later = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    bundle = fhir_bundle(
        person=PersonRecord(id="person-1"),
        plans=[
            PlanVersionRecord(1, CREATED, make_plan()),
            PlanVersionRecord(2, later, make_plan(without=("press-up-stretch",))),
        ],
        catalog=catalog,
        sessions=[SessionEntry(make_session(1), 1), SessionEntry(make_session(12), 2)],
    )
    old, new = _resources(bundle, "CarePlan")
    assert (old["status"], new["status"]) == ("revoked", "active")
    assert old["period"]["end"] == new["period"]["start"] == "2026-11-10T09:00:00Z"
    assert new["replaces"] == [{"reference": f"urn:uuid:{old['id']}"}]
    first, second = _resources(bundle, "Procedure")
    assert first["basedOn"] == [{"reference": f"urn:uuid:{old['id']}"}]
    assert second["basedOn"] == [{"reference": f"urn:uuid:{new['id']}"}]
    titles = [a["title"] for a in _resources(bundle, "ActivityDefinition")]
    assert "Press-up stretch" in titles, "the old version still points at it"


def test_export_without_a_plan_has_no_care_plan_and_sessions_based_on_nothing(
    catalog: Catalog,
) -> None:
    bundle = fhir_bundle(
        person=PersonRecord(id="p"),
        plans=[],
        catalog=catalog,
        sessions=[SessionEntry(make_session(1))],
    )
    Bundle.model_validate(bundle)
    assert _resources(bundle, "CarePlan") == []
    assert "basedOn" not in _resources(bundle, "Procedure")[0]


def test_plan_made_on_the_spot_gives_care_plan_without_patient(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    bundle = care_plan_bundle(make_plan(), catalog, created=date(2026, 11, 25))
    Bundle.model_validate(bundle)
    assert _resources(bundle, "Patient") == []
    (care_plan,) = _resources(bundle, "CarePlan")
    assert "reference" not in care_plan["subject"]
    assert care_plan["subject"]["display"].startswith("Person not recorded")
    assert bundle == care_plan_bundle(make_plan(), catalog, created=date(2026, 11, 25))


def test_plan_with_a_referral_is_on_hold_with_the_advice_as_notes(catalog: Catalog) -> None:
    plan = Plan(
        eligible=False,
        referral=Referral(
            urgency=Urgency.EMERGENCY, reasons=["saddle numbness"], advice="Get care now."
        ),
        exercises=[],
        excluded=[],
        minutes=0,
    )
    (care_plan,) = _resources(
        care_plan_bundle(plan, catalog, created=date(2026, 11, 25)), "CarePlan"
    )
    assert care_plan["status"] == "on-hold"
    assert "activity" not in care_plan
    assert [n["text"] for n in care_plan["note"]] == ["saddle numbness", "Get care now."]


@pytest.mark.parametrize("score", [0, 10])
def test_pain_scores_at_both_ends_of_the_scale_are_exported(
    catalog: Catalog, make_plan: PlanFactory, score: int
) -> None:
    bundle = fhir_bundle(
        person=PersonRecord(id="p"),
        plans=[PlanVersionRecord(1, CREATED, make_plan())],
        catalog=catalog,
        pain_ratings=[PainRatingRecord(CREATED, score)],
    )
    assert _resources(bundle, "Observation")[0]["valueInteger"] == score


@settings(max_examples=25, deadline=None)
@given(chosen=st.sets(st.sampled_from(default_catalog().ids), min_size=1))
def test_any_selection_of_stretches_gives_a_valid_bundle_with_one_definition_each(
    chosen: set[str],
) -> None:
    catalog = default_catalog()
    plan = Plan(
        eligible=True,
        referral=None,
        exercises=[
            PlannedExercise(id=i, hold_seconds=5, repetitions=3, sides=[SideName.LEFT], reason="r")
            for i in sorted(chosen)
        ],
        excluded=[],
        minutes=10,
    )
    bundle = care_plan_bundle(plan, catalog, created=date(2026, 11, 25))
    Bundle.model_validate(bundle)
    definitions = _resources(bundle, "ActivityDefinition")
    assert {d["identifier"][0]["value"] for d in definitions} == chosen
    assert len(_resources(bundle, "CarePlan")[0]["activity"]) == len(chosen)
