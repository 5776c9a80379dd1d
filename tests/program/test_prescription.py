"""A clinician's changes to a plan: include, leave out, change hold, reps and sides."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sicoach.catalog import default_catalog
from sicoach.program.intake import parse_intake
from sicoach.program.plan import build_plan
from sicoach.program.plan_model import Plan, SideName
from sicoach.program.prescription import DoseChange, PrescriptionError, plan_changes, prescribe

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"

CATALOG = default_catalog()


def _plan() -> Plan:
    intake = parse_intake(yaml.safe_load((EXAMPLES / "typical.yaml").read_text()))
    return build_plan(intake, CATALOG)


def _dose(id_: str, hold: float, reps: int, sides: list[str]) -> DoseChange:
    return DoseChange(id=id_, include=True, hold_seconds=hold, repetitions=reps, sides=sides)


def test_a_changed_dose_replaces_the_old_one_and_says_why() -> None:
    plan = prescribe(_plan(), [_dose("hamstring-stretch", 25, 4, ["left"])], CATALOG, "left only")
    hamstring = next(e for e in plan.exercises if e.id == "hamstring-stretch")
    assert (hamstring.hold_seconds, hamstring.repetitions, hamstring.sides) == (
        25,
        4,
        [SideName.LEFT],
    )
    assert hamstring.reason == "Dose set by your clinician."


def test_a_stretchs_own_note_is_its_reason_and_the_change_reason_is_not_repeated() -> None:
    changes = [
        _dose("hamstring-stretch", 25, 4, ["left"]).model_copy(update={"note": "knee soft"}),
        _dose("quadriceps-stretch", 25, 3, ["left", "right"]),
    ]
    plan = prescribe(_plan(), changes, CATALOG, "holds are going well")
    reasons = {e.id: e.reason for e in plan.exercises}
    assert reasons["hamstring-stretch"] == "Dose set by your clinician: knee soft"
    assert reasons["quadriceps-stretch"] == "Dose set by your clinician."
    assert not any("holds are going well" in r for r in reasons.values())


def test_a_note_alone_changes_a_stretchs_words_but_keeps_its_dose() -> None:
    before = _plan()
    hamstring = next(e for e in before.exercises if e.id == "hamstring-stretch")
    change = DoseChange(
        id="hamstring-stretch",
        include=True,
        hold_seconds=hamstring.hold_seconds,
        repetitions=hamstring.repetitions,
        sides=hamstring.sides,
        note="sit tall",
    )
    after = next(
        e for e in prescribe(before, [change], CATALOG, "x").exercises if e.id == change.id
    )
    assert after.reason == "Dose set by your clinician: sit tall"
    assert (after.hold_seconds, after.repetitions) == (
        hamstring.hold_seconds,
        hamstring.repetitions,
    )


def test_leaving_a_stretch_out_lists_it_as_excluded_with_the_reason() -> None:
    plan = prescribe(_plan(), [DoseChange(id="press-up-stretch", include=False)], CATALOG, "sore")
    assert "press-up-stretch" not in [e.id for e in plan.exercises]
    assert {"id": "press-up-stretch", "reason": "Left out by your clinician: sore"} in [
        e.model_dump() for e in plan.excluded
    ]


def test_adding_a_stretch_takes_it_out_of_the_excluded_list() -> None:
    plan = prescribe(
        _plan(), [_dose("lower-trunk-rotation", 8, 3, ["left", "right"])], CATALOG, "stiff"
    )
    assert "lower-trunk-rotation" in [e.id for e in plan.exercises]
    assert "lower-trunk-rotation" not in [e.id for e in plan.excluded]


def test_an_added_stretch_takes_its_place_by_position_not_the_end() -> None:
    before = _plan()
    added = prescribe(
        before, [_dose("lower-trunk-rotation", 8, 3, ["left", "right"])], CATALOG, "stiff"
    )
    positions = [CATALOG.get(e.id).position.order for e in added.exercises]
    assert positions == sorted(positions)
    assert [e.id for e in added.exercises if e.id != "lower-trunk-rotation"] == [
        e.id for e in before.exercises
    ]


def test_plan_changes_name_what_was_added_left_out_and_dosed() -> None:
    before = _plan()
    after = prescribe(
        before,
        [
            _dose("hamstring-stretch", 25, 4, ["left"]),
            _dose("lower-trunk-rotation", 8, 3, ["left", "right"]),
            DoseChange(id="press-up-stretch", include=False),
        ],
        CATALOG,
        "x",
    )
    found = {(c.id, c.kind) for c in plan_changes(before, after)}
    assert found == {
        ("hamstring-stretch", "changed"),
        ("lower-trunk-rotation", "added"),
        ("press-up-stretch", "left-out"),
    }
    assert plan_changes(None, after) == [] and plan_changes(after, after) == []


def test_the_minutes_follow_the_new_doses() -> None:
    before = _plan()
    after = prescribe(before, [_dose("hamstring-stretch", 30, 5, ["left", "right"])], CATALOG, "x")
    assert after.minutes > before.minutes


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ([_dose("hamstring-stretch", 20, 5, ["both"])], "hamstring-stretch.sides"),
        ([_dose("hip-adductor-stretch", 20, 3, ["left"])], "hip-adductor-stretch.sides"),
        ([_dose("no-such-stretch", 20, 3, ["left"])], "no such stretch"),
    ],
)
def test_impossible_changes_are_refused_naming_the_field(
    changes: list[DoseChange], problem: str
) -> None:
    with pytest.raises(PrescriptionError, match=problem):
        prescribe(_plan(), changes, CATALOG, "x")


def test_a_plan_cannot_lose_every_stretch() -> None:
    everything_out = [DoseChange(id=e.id, include=False) for e in _plan().exercises]
    with pytest.raises(PrescriptionError, match="at least one"):
        prescribe(_plan(), everything_out, CATALOG, "x")


@pytest.mark.parametrize(("hold", "reps"), [(0, 3), (601, 3), (20, 0), (20, 101)])
def test_out_of_range_doses_are_refused(hold: float, reps: int) -> None:
    with pytest.raises(ValueError):
        _dose("hamstring-stretch", hold, reps, ["left", "right"])
