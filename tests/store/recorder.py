"""A process that records sessions one by one and says so after each commit (for the kill test).

Usage: python -m tests.store.recorder DATABASE_URL PERSON_ID COUNT
Prints "saved <id>" after each session is committed, then sleeps a little.
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta

from sicoach.store.db import make_engine
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
from tests import factories, history


def main() -> None:
    url, person_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    uow = SqlAlchemyUnitOfWork(make_engine(url))
    for n in range(count):
        session_id = f"kill-{n:05d}"
        steps = [s for _ in range(40) for s in factories.steps(reps=1)]
        steps = [s.model_copy(update={"index": i}) for i, s in enumerate(steps)]
        start = factories.T0 + timedelta(days=n)
        record = factories.session(
            session_id, start=start, steps=steps, ended_at=start + timedelta(hours=1), pain_before=4
        )
        history.keep_session(uow, person_id, record)
        sys.stdout.write(f"saved {session_id}\n")
        sys.stdout.flush()
        time.sleep(0.002)


if __name__ == "__main__":
    main()
