"""A person's program and records as a FHIR R4B ``Bundle`` (type ``collection``).

R4B, not R5: R5 removed ``CarePlan.activity.detail``, which carries the dose
(clinical-facts §6). The bundle holds the Patient, one ActivityDefinition per
stretch in the plan, the CarePlan, each completed session as a Procedure based on
the CarePlan, pain ratings (LOINC 72514-3) and ODI scores (LOINC 97909-6) as
survey Observations.

Every id is a UUID 5 over a stable key (the person's id, the exercise id, the plan
version, the record's id), so exporting twice gives the same ids and a receiving
system can update rather than duplicate. Naive datetimes are taken as UTC, which
is how sicoach stores them.

A plan made on the spot from an intake file has no person: its bundle
(:func:`care_plan_bundle`) holds the ActivityDefinitions and the CarePlan only,
and the CarePlan's required ``subject`` is a display-only reference saying the
person is not recorded. Its ids are keyed on a hash of the plan, so the same
intake gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sicoach.catalog import Catalog, Exercise
from sicoach.documents.wording import dose_text, minutes_text
from sicoach.program.plan_model import Plan, PlannedExercise
from sicoach.session.script_model import SessionRecord, StepOutcome

__all__ = [
    "LOINC",
    "LOINC_ODI_SCORE",
    "LOINC_PAIN_SEVERITY",
    "SNOMED",
    "SNOMED_EXERCISE_THERAPY",
    "UCUM",
    "OdiScoreRecord",
    "PainRatingRecord",
    "PersonRecord",
    "PlanVersionRecord",
    "SessionEntry",
    "care_plan_bundle",
    "fhir_bundle",
    "plan_key",
    "stable_id",
]

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SICOACH_IDENTIFIERS = "urn:sicoach"

# clinical-facts §6: the HL7 Physical Activity IG codes an exercise prescription so.
SNOMED_EXERCISE_THERAPY = ("229065009", "Exercise therapy (regime/therapy)")
LOINC_PAIN_SEVERITY = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
# The ODI score code; its LOINC display name is not in our sources, so none is sent.
LOINC_ODI_SCORE = "97909-6"

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sicoach:fhir")
_DAILY = {"frequency": 1, "period": 1, "periodUnit": "d"}


@dataclass(frozen=True)
class PersonRecord:
    """Who the bundle is about: sicoach's stable id and the name, if given."""

    id: str
    name: str | None = None


@dataclass(frozen=True)
class PlanVersionRecord:
    """One stored version of the person's plan."""

    version: int
    created_at: datetime
    plan: Plan


@dataclass(frozen=True)
class SessionEntry:
    """A session as recorded, and the plan version it was done under (if known)."""

    record: SessionRecord
    plan_version: int | None = None


@dataclass(frozen=True)
class PainRatingRecord:
    """One pain rating 0-10: when, its kind (before, after...) and its session, if any."""

    at: datetime
    score: int
    kind: str | None = None
    session_id: str | None = None


@dataclass(frozen=True)
class OdiScoreRecord:
    """One Oswestry Disability Index score, a whole percent."""

    at: datetime
    percent: int


def stable_id(*key: str) -> str:
    """A UUID 5 over ``key``: the same key gives the same id in every export."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(key)))


def _instant(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.isoformat()


def _reference(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def _coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    return {"system": system, "code": code, **({"display": display} if display else {})}


def _exercise_therapy(text: str) -> dict[str, Any]:
    return {"coding": [_coding(SNOMED, *SNOMED_EXERCISE_THERAPY)], "text": text}


def _identifier(kind: str, value: str) -> list[dict[str, str]]:
    return [{"system": f"{SICOACH_IDENTIFIERS}:{kind}", "value": value}]


def _patient(person: PersonRecord) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": stable_id("patient", person.id),
        "identifier": _identifier("person", person.id),
    }
    if person.name:
        resource["name"] = [{"text": person.name}]
    return resource


def _activity_definition(exercise: Exercise) -> dict[str, Any]:
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(exercise.steps, start=1))
    return {
        "resourceType": "ActivityDefinition",
        "id": stable_id("activity-definition", exercise.id),
        "url": f"urn:uuid:{stable_id('activity-definition', exercise.id)}",
        "identifier": _identifier("exercise", exercise.id),
        "title": exercise.name,
        "status": "active",
        "kind": "ServiceRequest",
        "code": _exercise_therapy(exercise.name),
        "description": f"{exercise.summary}\n\n{steps}",
        "usage": " ".join(exercise.cues),
    }


def _timing(preferred_time: time | None) -> dict[str, Any]:
    repeat: dict[str, Any] = dict(_DAILY)
    if preferred_time is not None:
        repeat["timeOfDay"] = [preferred_time.strftime("%H:%M:%S")]
    return {"repeat": repeat}


def _activity(
    planned: PlannedExercise, exercise: Exercise, timing: dict[str, Any]
) -> dict[str, Any]:
    return {
        "detail": {
            "kind": "ServiceRequest",
            "instantiatesCanonical": [f"urn:uuid:{stable_id('activity-definition', exercise.id)}"],
            "code": _exercise_therapy(exercise.name),
            "status": "scheduled",
            "scheduledTiming": timing,
            "quantity": {
                "value": planned.repetitions,
                "unit": "repetitions",
                "system": UCUM,
                "code": "{repetitions}",
            },
            "description": f"{exercise.name}: {dose_text(planned, exercise)}.",
        }
    }


def _care_plan(
    plan: Plan,
    catalog: Catalog,
    *,
    care_plan_id: str,
    subject: dict[str, str],
    created: datetime,
    preferred_time: time | None,
) -> dict[str, Any]:
    timing = _timing(preferred_time)
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": care_plan_id,
        "status": "active" if plan.eligible else "on-hold",
        "intent": "plan",
        "title": "SI joint stretching program",
        "description": f"Daily SI joint stretches, {minutes_text(plan.minutes)} a day.",
        "subject": subject,
        "created": _instant(created),
        "period": {"start": _instant(created)},
    }
    if plan.exercises:
        resource["activity"] = [_activity(p, catalog.get(p.id), timing) for p in plan.exercises]
    notes = list(plan.advice)
    if plan.referral is not None:
        notes = [*plan.referral.reasons, plan.referral.advice, *notes]
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    return resource


def _care_plans(
    person: PersonRecord,
    plans: Sequence[PlanVersionRecord],
    catalog: Catalog,
    preferred_time: time | None,
) -> list[dict[str, Any]]:
    """One CarePlan per plan version; each replaces the one before, only the newest is active."""
    resources = []
    previous_id: str | None = None
    for index, version in enumerate(plans):
        resource = _care_plan(
            version.plan,
            catalog,
            care_plan_id=stable_id("care-plan", person.id, str(version.version)),
            subject=_reference(stable_id("patient", person.id)),
            created=version.created_at,
            preferred_time=preferred_time,
        )
        if index < len(plans) - 1:
            resource["status"] = "revoked"
            resource["period"]["end"] = _instant(plans[index + 1].created_at)
        if previous_id is not None:
            resource["replaces"] = [_reference(previous_id)]
        previous_id = resource["id"]
        resources.append(resource)
    return resources


def _procedure(
    session: SessionRecord, *, patient_id: str, care_plan_id: str | None
) -> dict[str, Any]:
    holds = [s for s in session.steps if s.phase.value == "hold"]
    done = sum(1 for s in holds if s.outcome is StepOutcome.COMPLETED)
    resource: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": stable_id("procedure", session.id),
        "identifier": _identifier("session", session.id),
        "status": "completed",
        "code": _exercise_therapy("SI joint stretching session"),
        "subject": _reference(patient_id),
        "performedPeriod": {
            "start": _instant(session.started_at),
            "end": _instant(session.ended_at),
        },
        "note": [{"text": f"{done} of {len(holds)} holds completed."}],
    }
    if care_plan_id is not None:
        resource["basedOn"] = [_reference(care_plan_id)]
    return resource


def _survey() -> list[dict[str, Any]]:
    return [{"coding": [_coding(OBSERVATION_CATEGORY, "survey", "Survey")]}]


def _pain_observation(
    rating: PainRatingRecord, *, person_id: str, procedure_ids: dict[str, str]
) -> dict[str, Any]:
    key = (person_id, _instant(rating.at), rating.kind or "", rating.session_id or "")
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": stable_id("observation", "pain", *key),
        "status": "final",
        "category": _survey(),
        "code": {"coding": [_coding(LOINC, *LOINC_PAIN_SEVERITY)], "text": "Pain 0-10"},
        "subject": _reference(stable_id("patient", person_id)),
        "effectiveDateTime": _instant(rating.at),
        "valueInteger": rating.score,
    }
    if rating.session_id in procedure_ids:
        resource["partOf"] = [_reference(procedure_ids[rating.session_id])]
    if rating.kind:
        resource["note"] = [{"text": f"When rated: {rating.kind.replace('-', ' ')}."}]
    return resource


def _odi_observation(score: OdiScoreRecord, *, person_id: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": stable_id("observation", "odi", person_id, _instant(score.at)),
        "status": "final",
        "category": _survey(),
        "code": {
            "coding": [_coding(LOINC, LOINC_ODI_SCORE)],
            "text": "Oswestry Disability Index",
        },
        "subject": _reference(stable_id("patient", person_id)),
        "effectiveDateTime": _instant(score.at),
        "valueQuantity": {"value": score.percent, "unit": "%", "system": UCUM, "code": "%"},
    }


def _activity_definitions(plans: Sequence[Plan], catalog: Catalog) -> list[dict[str, Any]]:
    """One ActivityDefinition per stretch any of the plans uses, in the catalog's order."""
    used = {p.id for plan in plans for p in plan.exercises}
    return [_activity_definition(e) for e in catalog.exercises if e.id in used]


def _bundle(bundle_id: str, resources: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Validate with the R4B models and return the bundle as JSON-ready data."""
    from fhir.resources.R4B.bundle import Bundle

    data = {
        "resourceType": "Bundle",
        "id": bundle_id,
        "type": "collection",
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
    bundle = Bundle.model_validate(data)
    return json.loads(bundle.model_dump_json(exclude_none=True))  # type: ignore[no-any-return]


def fhir_bundle(
    *,
    person: PersonRecord,
    plans: Sequence[PlanVersionRecord],
    catalog: Catalog,
    sessions: Sequence[SessionEntry] = (),
    pain_ratings: Sequence[PainRatingRecord] = (),
    odi_scores: Sequence[OdiScoreRecord] = (),
    preferred_time: time | None = None,
) -> dict[str, Any]:
    """Everything sicoach holds on one person, as a FHIR R4B collection bundle.

    ``plans`` are the stored plan versions, oldest first; the last is the current
    one (with none there is no CarePlan to base sessions on). Only completed
    sessions become Procedures, each based on the CarePlan of the version it was
    done under (the current one if unknown); a pain rating from one of them points
    at it with ``partOf``.
    """
    patient = _patient(person)
    care_plans = _care_plans(person, plans, catalog, preferred_time)
    by_version = {v.version: cp["id"] for v, cp in zip(plans, care_plans, strict=True)}
    current = care_plans[-1]["id"] if care_plans else None
    procedures = [
        _procedure(
            s.record,
            patient_id=patient["id"],
            care_plan_id=by_version.get(s.plan_version or -1, current),
        )
        for s in sessions
        if s.record.completed
    ]
    procedure_ids = {p["identifier"][0]["value"]: p["id"] for p in procedures}
    resources = [
        patient,
        *_activity_definitions([v.plan for v in plans], catalog),
        *care_plans,
        *procedures,
        *(
            _pain_observation(r, person_id=person.id, procedure_ids=procedure_ids)
            for r in pain_ratings
        ),
        *(_odi_observation(s, person_id=person.id) for s in odi_scores),
    ]
    return _bundle(stable_id("bundle", person.id), resources)


def plan_key(plan: Plan) -> str:
    """A short hash of the plan's content, the stable key of a plan with no person."""
    canonical = json.dumps(plan.to_json_dict(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def care_plan_bundle(
    plan: Plan, catalog: Catalog, *, created: date, preferred_time: time | None = None
) -> dict[str, Any]:
    """The CarePlan and its ActivityDefinitions for a plan made on the spot (no Patient)."""
    key = plan_key(plan)
    care_plan = _care_plan(
        plan,
        catalog,
        care_plan_id=stable_id("care-plan", "intake", key),
        subject={"display": "Person not recorded (plan made from an intake file)"},
        created=datetime.combine(created, time(), tzinfo=UTC),
        preferred_time=preferred_time,
    )
    return _bundle(
        stable_id("bundle", "intake", key), [*_activity_definitions([plan], catalog), care_plan]
    )
