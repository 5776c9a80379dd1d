"""A clinic of 100,000 patients with a year of sessions: the clinician's list and a patient page.

    PYTHONPATH=src python bench/clinic_scale.py --database-url postgresql+psycopg://... \
        [--patients 100000] [--weeks 52] [--repeat 30]

The database must be empty (PostgreSQL). One clinician account and one patient are made
through the services (the patient's intake, plan and a year of daily sessions with every
step recorded through ``record_session``); then the other patients are copied in with
PostgreSQL's COPY, each a clone of that patient's answers, plan and care status, all linked
to the clinician, with one session a week for ``--weeks`` weeks (no step rows: the list and
the patient page read sessions and pain, and a step-by-step history for 100,000 people
would not fit this machine) and a pain rating before and after each. 3 % are flagged (a
care status that needs a review), so the list's order has work to do.

Then, in process (server mode, the ASGI app called directly with the clinician's API
token): GET /api/v1/patients a page of 20 at random offsets, and GET
/api/v1/patients/{id} for random patients and for the one with daily sessions. It prints
the load time and each request's median, p99 and the slowest, in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from _web import TYPICAL, asgi_get
from sicoach.catalog import default_catalog
from sicoach.program.intake import parse_intake
from sicoach.program.screening import ASKED_RED_FLAGS
from sicoach.services import accounts, care, people
from sicoach.services.errors import NotNow
from sicoach.session.script_model import SessionRecord
from sicoach.settings import Settings
from sicoach.web.app import create_app

HOST = "clinic.example.org"
PASSWORD = "a long bench password 1"
SECRET = "bench-secret-key-that-is-long-enough-0123456789abcdef"


async def _get(app: Any, path: str, token: str) -> tuple[int, float]:
    """One GET with the clinician's API token: status and ms."""
    return await asgi_get(app, path, [(b"authorization", f"Bearer {token}".encode())], host=HOST)


def _sample_patient(engine: Engine, clinician_id: int) -> str:
    """One patient made through the services: answers, plan, a year of daily sessions."""
    uow = accounts.unit_of_work(engine)
    person = people.new_person("Sample Patient", datetime.now(UTC) - timedelta(days=400))
    with uow:
        uow.people.add(person)
        uow.commit()
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO care_links (clinician_id, person_uid) VALUES (:c, :p)"),
            {"c": clinician_id, "p": person.id},
        )
    catalog = default_catalog()
    import yaml

    intake = parse_intake(yaml.safe_load(TYPICAL.read_text()))
    first = datetime.now(UTC) - timedelta(days=366)
    care.give_answers(uow, person.id, intake, catalog, on=first.date())
    from sicoach.services import coaching

    script = coaching.today(uow, person.id, catalog, first.date()).script
    assert script is not None
    no_flags = {flag.key: False for flag in ASKED_RED_FLAGS}
    for day in range(365):
        started = first + timedelta(days=day, hours=1)
        record = _record(script.to_json_dict(), started)
        try:
            care.record_session(uow, person.id, record, catalog, tz=UTC)
        except NotNow:  # the warning-sign questions are due again (every few weeks)
            care.answer_red_flags(uow, person.id, no_flags, catalog, on=started.date())
            care.record_session(uow, person.id, record, catalog, tz=UTC)
    return person.id


def _record(script: dict[str, Any], started: datetime) -> SessionRecord:
    from _web import session_record

    data = session_record(script, str(uuid.uuid4()), started, (2, 2, 2))
    return SessionRecord.model_validate(data)


def _clone_patients(engine: Engine, sample: str, clinician_id: int, count: int, weeks: int) -> None:
    """COPY ``count`` patients like ``sample``, each with a session a week for ``weeks``."""
    with engine.begin() as connection:
        pid = connection.execute(text("SELECT id FROM people WHERE uid = :u"), {"u": sample})
        sample_id = pid.scalar_one()
        answers = connection.execute(
            text("SELECT answers, source FROM intakes WHERE person_id = :p LIMIT 1"),
            {"p": sample_id},
        ).one()
        plan = connection.execute(
            text(
                "SELECT plan, changed_by, reason FROM plan_versions WHERE person_id = :p "
                "ORDER BY number DESC LIMIT 1"
            ),
            {"p": sample_id},
        ).one()
        status = connection.execute(
            text("SELECT state, status FROM care_status WHERE person_id = :p"), {"p": sample_id}
        ).one()
        start = connection.execute(text("SELECT coalesce(max(id), 0) FROM people")).scalar_one()
        first_session = connection.execute(
            text("SELECT coalesce(max(id), 0) FROM sessions")
        ).scalar_one()
    flagged = {**status.status, "state": "needs-review"}
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        now = datetime.now(UTC).replace(tzinfo=None)
        year_ago = now - timedelta(days=7 * weeks)
        ids = range(start + 1, start + 1 + count)
        uids = {i: str(uuid.UUID(int=i)) for i in ids}
        with cursor.copy("COPY people (id, uid, display_name, created_at) FROM STDIN") as copy:
            for i in ids:
                copy.write_row((i, uids[i], f"Patient {i:06d}", year_ago))
        with cursor.copy("COPY care_links (clinician_id, person_uid) FROM STDIN") as copy:
            for i in ids:
                copy.write_row((clinician_id, uids[i]))
        intake_json = json.dumps(answers.answers)
        with cursor.copy(
            "COPY intakes (person_id, recorded_at, source, answers) FROM STDIN"
        ) as copy:
            for i in ids:
                copy.write_row((i, year_ago, answers.source, intake_json))
        plan_json = json.dumps(plan.plan)
        with cursor.copy(
            "COPY plan_versions (person_id, number, created_at, changed_by, reason, plan) "
            "FROM STDIN"
        ) as copy:
            for i in ids:
                copy.write_row((i, 1, year_ago, plan.changed_by, plan.reason, plan_json))
        rng = random.Random(15)
        normal, needs = json.dumps(status.status), json.dumps(flagged)
        with cursor.copy(
            "COPY care_status (person_id, state, status, updated_at) FROM STDIN"
        ) as copy:
            for i in ids:
                review = rng.random() < 0.03
                copy.write_row(
                    (
                        i,
                        "needs-review" if review else status.state,
                        needs if review else normal,
                        now,
                    )
                )

        def weekly() -> Iterator[tuple[int, int, int, datetime]]:
            """Every copied session: its id, its person, its week, when it started."""
            session_id = first_session
            for i in ids:
                for week in range(weeks):
                    session_id += 1
                    yield session_id, i, week, year_ago + timedelta(days=7 * week, minutes=i % 600)

        length = timedelta(minutes=12)
        with cursor.copy(
            "COPY sessions (id, person_id, uid, plan_version, started_at, ended_at, completed) "
            "FROM STDIN"
        ) as copy:
            for session_id, i, week, started in weekly():
                copy.write_row((session_id, i, f"w{week}", 1, started, started + length, True))
        with cursor.copy(
            "COPY pain_ratings (person_id, session_id, kind, value, recorded_at) FROM STDIN"
        ) as copy:
            for session_id, i, _, started in weekly():
                copy.write_row((i, session_id, "before", 3, started))
                copy.write_row((i, session_id, "after", 2, started + length))
        for table in ("people", "sessions", "pain_ratings", "intakes", "plan_versions"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def _figures(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"median {statistics.median(ordered):.1f}, p99 {p99:.1f}, slowest {ordered[-1]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=os.environ.get("SICOACH_BENCH_POSTGRES_URL"))
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not args.database_url:
        print("skipped: give --database-url (or SICOACH_BENCH_POSTGRES_URL), an empty PostgreSQL")
        return
    settings = Settings(
        data_dir=Path(tempfile.mkdtemp(prefix="sicoach-clinic-")),
        database_url=args.database_url,
        mode="server",
        secret_key=SECRET,
        base_url=f"https://{HOST}",
    )
    app = create_app(settings)
    engine = app.state.context.engine
    began = time.perf_counter()
    clinician = accounts.create_account(
        accounts.unit_of_work(engine), "dr@clinic.example.org", PASSWORD, "clinician"
    )
    assert clinician.user_id is not None
    sample = _sample_patient(engine, clinician.user_id)
    made = time.perf_counter()
    _clone_patients(engine, sample, clinician.user_id, args.patients - 1, args.weeks)
    loaded = time.perf_counter()
    print(
        f"{args.patients} patients: 1 through the services with 365 daily sessions "
        f"({made - began:.0f} s), {args.patients - 1} copied with {args.weeks} weekly "
        f"sessions each ({loaded - made:.0f} s)"
    )
    with TestClient(app, base_url=f"https://{HOST}") as client:
        answer = client.post(
            "/api/v1/tokens", json={"email": "dr@clinic.example.org", "password": PASSWORD}
        )
        token = answer.json()["token"]
    with engine.connect() as connection:
        uids = list(connection.execute(text("SELECT person_uid FROM care_links")).scalars())
    rng = random.Random(7)

    async def measure() -> None:
        cases = {
            "GET /api/v1/patients?limit=20 (first page)": ["/api/v1/patients?limit=20"],
            "GET /api/v1/patients?limit=20&offset=random": [
                f"/api/v1/patients?limit=20&offset={rng.randrange(args.patients - 20)}"
                for _ in range(args.repeat)
            ],
            "GET /api/v1/patients/{id}, random patients": [
                f"/api/v1/patients/{rng.choice(uids)}" for _ in range(args.repeat)
            ],
            "GET /api/v1/patients/{id}, a year of daily sessions": [f"/api/v1/patients/{sample}"],
        }
        for name, paths in cases.items():
            status, _ = await _get(app, paths[0], token)
            assert status == 200, (name, status)
            times = []
            for n in range(args.repeat):
                status, spent = await _get(app, paths[n % len(paths)], token)
                assert status == 200
                times.append(spent)
            print(f"| {name} | {_figures(times)} |", flush=True)

    asyncio.run(measure())


if __name__ == "__main__":
    main()
