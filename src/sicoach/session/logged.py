"""A session done without the guide (from the handout), as a session record.

``sicoach log`` keeps one: the steps of today's script as planned, completed (or,
for part of a session, not known step by step, so marked skipped), and the pain.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sicoach.session.script_model import Script, SessionRecord, StepOutcome, StepResult

__all__ = ["logged_session"]


def logged_session(
    script: Script, *, ended_at: datetime, completed: bool, pain: tuple[int, int, int]
) -> SessionRecord:
    """Today's ``script`` recorded as done by the person, ending at ``ended_at``.

    A whole session counts every step as done for its planned seconds; part of one
    cannot say which steps were done, so none is counted as a completed hold.
    """
    outcome = StepOutcome.COMPLETED if completed else StepOutcome.SKIPPED
    steps = [
        StepResult(
            index=number,
            exercise=step.exercise,
            side=step.side,
            rep=step.rep,
            phase=step.phase,
            planned_seconds=step.seconds,
            actual_seconds=step.seconds if completed else 0.0,
            outcome=outcome,
        )
        for number, step in enumerate(script.steps)
    ]
    before, during, after = pain
    return SessionRecord(
        id=f"logged-{uuid.uuid4()}",
        started_at=ended_at - timedelta(seconds=script.total_seconds),
        ended_at=ended_at,
        completed=completed,
        steps=steps,
        pain_before=before,
        pain_during=during,
        pain_after=after,
    )
