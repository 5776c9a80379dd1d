"""A stored person's printouts and exports: the FHIR bundle read from the stored records."""

from __future__ import annotations

import json
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from sicoach.catalog import default_catalog
from sicoach.outcomes.oswestry import SECTIONS
from sicoach.services import outcomes, people, printouts
from tests import factories, history
from tests.fakes import FakeUnitOfWork

CATALOG = default_catalog()


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_a_stored_person_becomes_a_valid_bundle_with_what_the_json_export_holds() -> None:
    uow = FakeUnitOfWork()
    person = people.add_person(uow, "Ann Example")
    answers = factories.intake_answers(schema="sicoach.intake/2", preferred_time="18:15")
    history.keep_intake(uow, person.id, answers, source="cli", at=factories.T0)
    history.keep_plan(
        uow, person.id, factories.plan(), changed_by="app", reason="first", at=factories.T0
    )
    history.keep_session(uow, person.id, factories.session("s1"))
    history.keep_pain(uow, person.id, "before", 5, at=factories.T0, session_id="s1")
    outcomes.record_odi(uow, person.id, dict.fromkeys(SECTIONS, 2), at=factories.T0)

    bundle = json.loads(printouts.export_file(uow, person.id, "fhir", CATALOG))

    Bundle.model_validate(bundle)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert (
        kinds
        == ["Patient", "ActivityDefinition", "ActivityDefinition", "CarePlan", "Procedure"]
        + ["Observation"] * 2
    )
    (care_plan,) = _resources(bundle, "CarePlan")
    assert care_plan["activity"][0]["detail"]["scheduledTiming"]["repeat"]["timeOfDay"] == [
        "18:15:00"
    ]
    odi = _resources(bundle, "Observation")[1]
    assert odi["valueQuantity"]["value"] == 40
    assert bundle == json.loads(printouts.fhir_bundle(uow, person.id, CATALOG)), "stable ids"
    document = json.loads(printouts.export_file(uow, person.id, "json", CATALOG))
    assert len(_resources(bundle, "Procedure")) == len(document["sessions"])
    observations = len(document["pain_ratings"]) + len(document["odi_responses"])
    assert len(_resources(bundle, "Observation")) == observations
