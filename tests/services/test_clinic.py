"""The clinician's patient list: flags for missed sessions and red flags, and nothing else."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import Engine, event

from sicoach.catalog import default_catalog
from sicoach.program.intake import parse_intake
from sicoach.program.lifecycle import CareState, FlagKind
from sicoach.services import accounts, care, clinic

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"
TYPICAL = yaml.safe_load((EXAMPLES / "typical.yaml").read_text())
PASSWORD = "correct horse battery"
TODAY = date(2026, 11, 25)


def _patient(
    engine: Engine,
    ann: accounts.Actor,
    email: str,
    answers: dict[str, object],
    days_ago: int,
    name: str | None = None,
) -> str:
    token = accounts.create_invite(accounts.unit_of_work(engine), ann, name=name).token
    person = accounts.accept_invite(accounts.unit_of_work(engine), token, email, PASSWORD)
    assert person.person_id is not None
    when = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) - timedelta(days=days_ago)
    care.give_answers(
        accounts.unit_of_work(engine),
        person.person_id,
        parse_intake(answers),
        default_catalog(),
        on=when.date(),
        at=when,
        linked_clinician=True,
    )
    return person.person_id


def test_patients_are_flagged_for_missed_sessions_and_red_flags(engine: Engine) -> None:
    ann = accounts.create_account(
        accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician"
    )
    red = copy.deepcopy(TYPICAL)
    red["red_flags"]["cancer_history"] = True
    new = _patient(engine, ann, "new@home.test", TYPICAL, days_ago=0)
    quiet = _patient(engine, ann, "quiet@home.test", TYPICAL, days_ago=5)
    flagged = _patient(engine, ann, "red@home.test", red, days_ago=0)
    rows = {
        r.person_id: r
        for r in clinic.patient_page(accounts.unit_of_work(engine), ann, TODAY, UTC).rows
    }
    assert rows[new].flags == [] and rows[new].state is CareState.ACTIVE
    assert [(f.kind, f.text) for f in rows[quiet].flags] == [
        (FlagKind.MISSED_SESSIONS, "no session in 5 days")
    ]
    assert rows[flagged].state is CareState.REFERRED
    assert list(rows)[-1] == new  # patients needing attention come first


def test_the_patient_list_comes_a_page_at_a_time_flagged_first_then_by_name(
    engine: Engine,
) -> None:
    ann = accounts.create_account(
        accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician"
    )
    for name, days in (("cy", 0), ("al", 0), ("bo", 4), ("di", 0)):
        _patient(engine, ann, f"{name}@home.test", TYPICAL, days_ago=days, name=name)

    def page(offset: int, limit: int) -> clinic.PatientPage:
        return clinic.patient_page(
            accounts.unit_of_work(engine), ann, TODAY, UTC, offset=offset, limit=limit
        )

    first, second = page(0, 2), page(2, 2)
    assert (first.total, second.total) == (4, 4)
    # bo has missed sessions for 4 days, so comes first; then the rest by name.
    assert [r.name for r in first.rows + second.rows] == ["bo", "al", "cy", "di"]
    assert page(4, 2).rows == []
    answered = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) - timedelta(days=4)
    assert first.rows[0].last_activity == answered


def _names(engine: Engine, ann: accounts.Actor, order: clinic.PatientOrder) -> list[str]:
    page = clinic.patient_page(accounts.unit_of_work(engine), ann, TODAY, UTC, order=order)
    return [r.name for r in page.rows]


def test_the_patient_list_sorts_by_name_or_by_the_latest_activity(engine: Engine) -> None:
    ann = accounts.create_account(
        accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician"
    )
    for name, days in (("cy", 1), ("al", 2), ("bo", 4), ("di", 0)):
        _patient(engine, ann, f"{name}@home.test", TYPICAL, days_ago=days, name=name)
    assert _names(engine, ann, "name") == ["al", "bo", "cy", "di"]
    assert _names(engine, ann, "activity") == ["di", "cy", "al", "bo"]
    assert _names(engine, ann, "attention") == ["bo", "al", "cy", "di"]


def test_the_patient_list_costs_the_same_reads_for_two_patients_or_eight(engine: Engine) -> None:
    ann = accounts.create_account(
        accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician"
    )

    def statements() -> int:
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(engine, "before_cursor_execute", count)
        try:
            page = clinic.patient_page(accounts.unit_of_work(engine), ann, TODAY, UTC, limit=25)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert page.rows
        return len(seen)

    for n in range(2):
        _patient(engine, ann, f"p{n}@home.test", TYPICAL, days_ago=n)
    few = statements()
    for n in range(2, 8):
        _patient(engine, ann, f"p{n}@home.test", TYPICAL, days_ago=n)
    assert statements() == few


def test_answer_changes_name_each_changed_field_by_its_dotted_name() -> None:
    before = {"schema": "sicoach.intake/2", "pain": {"sides": ["left"], "weeks": 3}, "age": 42}
    now = {"schema": "sicoach.intake/3", "pain": {"sides": ["left", "right"], "weeks": 3}}
    assert clinic.answer_changes(before, now) == [
        clinic.AnswerChange("pain.sides", ["left"], ["left", "right"]),
        clinic.AnswerChange("age", 42, None),
    ]


def test_a_patients_record_shows_what_changed_in_the_answers_since_the_last_review(
    engine: Engine,
) -> None:
    ann = accounts.create_account(
        accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician"
    )
    pat = _patient(engine, ann, "pat@home.test", TYPICAL, days_ago=3)
    clinic.review_patient(accounts.unit_of_work(engine), ann, pat, "ok", default_catalog(), TODAY)

    def record() -> clinic.PatientRecord:
        return clinic.patient_record(
            accounts.unit_of_work(engine), ann, pat, default_catalog(), TODAY, UTC
        )

    assert record().changes == [] and record().reviewed_at is not None
    both = copy.deepcopy(TYPICAL)
    both["pain"]["sides"] = ["left", "right"]
    care.give_answers(
        accounts.unit_of_work(engine),
        pat,
        parse_intake(both),
        default_catalog(),
        on=TODAY,
        linked_clinician=True,
    )
    assert record().changes == [clinic.AnswerChange("pain.sides", ["left"], ["left", "right"])]
