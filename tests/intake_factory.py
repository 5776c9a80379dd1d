"""Small factories for intakes: a typical person, changed by dotted field names."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from sicoach.program.intake import Intake, parse_intake

TYPICAL: dict[str, Any] = {
    "schema": "sicoach.intake/1",
    "age": 42,
    "pain": {"now": 5, "sides": ["left"], "areas": ["buttock", "low-back"], "weeks": 3},
    "joint_stiff": False,
    "red_flags": {
        "bladder_or_bowel_change": False,
        "saddle_numbness": False,
        "worsening_leg_weakness_or_numbness": False,
        "new_difficulty_walking": False,
        "cancer_history": False,
        "unexplained_weight_loss": False,
        "fever_or_unwell": False,
        "immune_suppression_or_injected_drugs": False,
        "recent_fall_or_injury": False,
        "constant_night_pain": False,
        "visible_deformity": False,
    },
    "precautions": {
        "hip_replacement_weeks_ago": None,
        "hip_precautions": False,
        "pregnant_or_postpartum": False,
        "osteoporosis": False,
        "hypermobility": False,
        "recent_spine_or_pelvis_surgery": False,
    },
    "hard_positions": [],
    "equipment": ["two-chairs", "wall"],
    "minutes_per_day": 15,
    "pelvic_rotation_ok": False,
}


def intake_data(changes: Mapping[str, object] | None = None) -> dict[str, Any]:
    """The typical intake mapping with ``changes`` applied ('pain.weeks': 8; value None
    under a key ending in '!' deletes that field, e.g. 'age!')."""
    data = copy.deepcopy(TYPICAL)
    for dotted, value in (changes or {}).items():
        *parents, last = dotted.rstrip("!").split(".")
        target = data
        for key in parents:
            target = target[key]
        if dotted.endswith("!"):
            del target[last]
        else:
            target[last] = value
    return data


def make_intake(changes: Mapping[str, object] | None = None) -> Intake:
    """A parsed intake: the typical one with ``changes``."""
    return parse_intake(intake_data(changes))
