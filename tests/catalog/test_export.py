"""``Catalog.export`` is DESIGN.md contract 1."""

from __future__ import annotations

import json

from sicoach.catalog import default_catalog

REQUIRED = {
    "id": str, "name": str, "group": str, "position": str, "equipment": list, "laterality": str,
    "hold_seconds": dict, "target_muscles": list, "steps": list, "cues": list, "cautions": list,
}  # fmt: skip


def test_export_is_contract_one_for_all_seven() -> None:
    exported = json.loads(json.dumps(default_catalog().export()))
    assert exported["schema"] == "sicoach.catalog/1"
    assert len(exported["exercises"]) == 7
    for exercise in exported["exercises"]:
        for key, kind in REQUIRED.items():
            assert isinstance(exercise[key], kind), (exercise["id"], key)
        assert exercise["group"] in {"targeted-muscle", "pelvic-rotation"}
        assert exercise["laterality"] in {"each-side", "both-sides-together"}
        hold = exercise["hold_seconds"]
        assert set(hold) == {"start", "goal"}
        assert all(isinstance(v, list) and len(v) == 2 for v in hold.values())
        reps = exercise["repetitions"]
        assert reps is None or (
            set(reps) == {"min", "max", "per"} and reps["per"] in {"side", "session", "direction"}
        )
