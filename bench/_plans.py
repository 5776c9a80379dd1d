"""The plan the document benchmarks measure: all seven stretches at their starting dose.

Repetitions the seed leaves open use the plan's default (rules.py), as a real plan does.
"""

from __future__ import annotations

from sicoach.catalog import Laterality, default_catalog
from sicoach.program.plan_model import Plan, PlannedExercise, SideName
from sicoach.rules import DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT


def full_plan() -> Plan:
    """Every catalog stretch, starting hold, fewest repetitions, both sides where one-sided."""
    exercises = [
        PlannedExercise(
            id=e.id,
            hold_seconds=e.hold_seconds.start[0],
            repetitions=(
                e.repetitions.min if e.repetitions else DEFAULT_REPETITIONS_WHEN_SOURCE_SILENT.value
            ),
            sides=[SideName.LEFT, SideName.RIGHT]
            if e.laterality is Laterality.EACH_SIDE
            else [SideName.BOTH],
            reason="bench",
        )
        for e in default_catalog().exercises
    ]
    return Plan(eligible=True, referral=None, exercises=exercises, excluded=[], minutes=15)
