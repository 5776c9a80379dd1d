"""The clinician's patient list for a clinic of thousands: one page, flagged first.

    PYTHONPATH=src python bench/clinic_list.py [--people 1000 5000] [--days 30]

Each clinic is one clinician with ``--people`` linked patients, bulk-loaded into a
SQLite file: a care status, a plan version, a session a day for ``--days`` days
(every fifth one stopped part-way) and a pain rating after each. Timed: one page of
50 (``services.clinic.patient_page``) in each order, medians of 15 calls, and the SQL
statements one page sends.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

from sqlalchemy import Engine, event, insert

from sicoach.program.lifecycle import CareState, CareStatus
from sicoach.services import accounts, clinic
from sicoach.store.accounts import CareLinkRow
from sicoach.store.db import open_database
from sicoach.store.models import (
    CareStatusRow,
    PainRatingRow,
    PersonRow,
    PlanVersionRow,
    SessionRow,
)

PASSWORD = "correct horse battery"
TODAY = date(2026, 12, 8)


def _load(engine: Engine, clinician_id: int, people: int, days: int) -> None:
    start = datetime.combine(TODAY, day_time(8), tzinfo=UTC) - timedelta(days=days)
    with engine.begin() as db:
        for n in range(people):
            uid = str(uuid.uuid4())
            key = db.execute(
                insert(PersonRow).values(uid=uid, display_name=f"Patient {n:05d}", created_at=start)
            ).inserted_primary_key
            assert key is not None
            person = key[0]
            db.execute(insert(CareLinkRow).values(clinician_id=clinician_id, person_uid=uid))
            # The last sessions stop a few days ago for every seventh patient: flagged.
            last = days - (4 if n % 7 == 0 else 0)
            status = CareStatus(
                state=CareState.ACTIVE,
                since=start.date(),
                plan_version=1,
                started_on=start.date(),
                screened_on=start.date(),
                last_session_on=(start + timedelta(days=last - 1)).date(),
            )
            db.execute(
                insert(CareStatusRow).values(
                    person_id=person,
                    state=status.state.value,
                    status=status.model_dump(mode="json"),
                    updated_at=start,
                )
            )
            db.execute(
                insert(PlanVersionRow).values(
                    person_id=person,
                    number=1,
                    created_at=start,
                    changed_by="bench",
                    reason="bench",
                    plan={},
                )
            )
            sessions = [
                {
                    "person_id": person,
                    "uid": f"s{d}",
                    "plan_version": 1,
                    "started_at": start + timedelta(days=d),
                    "ended_at": start + timedelta(days=d, minutes=12),
                    "completed": d % 5 != 0,
                }
                for d in range(last)
            ]
            if sessions:
                db.execute(insert(SessionRow), sessions)
                db.execute(
                    insert(PainRatingRow),
                    [
                        {
                            "person_id": person,
                            "kind": "after",
                            "value": 2 + d % 3,
                            "recorded_at": start + timedelta(days=d, minutes=13),
                        }
                        for d in range(last)
                    ],
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    print("| patients | order | median ms (15 calls) | SQL statements per page |")
    print("|---:|---|---:|---:|")
    for people in args.people:
        with tempfile.TemporaryDirectory() as folder:
            engine = open_database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
            ann = accounts.create_account(
                accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician"
            )
            assert ann.user_id is not None
            _load(engine, ann.user_id, people, args.days)
            for order in ("attention", "name", "activity"):
                statements: list[str] = []

                def count(*call: object, seen: list[str] = statements) -> None:
                    seen.append(str(call[2]))

                times = []
                for run in range(15):
                    if run == 0:
                        event.listen(engine, "before_cursor_execute", count)
                    began = time.perf_counter()
                    page = clinic.patient_page(
                        accounts.unit_of_work(engine), ann, TODAY, UTC, limit=50, order=order
                    )
                    times.append((time.perf_counter() - began) * 1000)
                    if run == 0:
                        event.remove(engine, "before_cursor_execute", count)
                    assert len(page.rows) == 50 and page.total == people
                median = statistics.median(times)
                print(f"| {people} | {order} | {median:.0f} | {len(statements)} |")
            engine.dispose()


if __name__ == "__main__":
    main()
