"""The pose data in the catalog: every stretch has its key poses, a view and valid angles."""

from __future__ import annotations

from importlib import resources

import pytest

from sicoach.catalog import CatalogFileError, default_catalog, parse_catalog
from sicoach.catalog.schema import View
from sicoach.figures import JOINT_NAMES

EXERCISES = default_catalog().exercises
EXPECTED_VIEW = {
    "hamstring-stretch": View.SIDE,
    "quadriceps-stretch": View.SIDE,
    "press-up-stretch": View.SIDE,
    "knee-to-chest-isometric": View.SIDE,
    "hip-adductor-stretch": View.FRONT,
    "lower-trunk-rotation": View.TOP,
    "pelvic-rotation-stretch": View.TOP,
}
EXPECTED_HELD = {
    "pelvic-rotation-stretch": {"outward-turn", "inward-turn"},
    "press-up-stretch": {"stretched", "straight-arms"},
}


def _files() -> dict[str, str]:
    root = resources.files("sicoach.catalog") / "data"
    return {
        p.name: p.read_text(encoding="utf-8") for p in root.iterdir() if p.name.endswith(".yaml")
    }


def test_every_exercise_has_the_expected_view() -> None:
    assert {e.id: e.view for e in EXERCISES} == EXPECTED_VIEW


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_starts_from_a_start_pose_and_has_its_held_poses(exercise) -> None:
    names = [p.name for p in exercise.poses]
    assert names[0] == "start"
    held = {p.name for p in exercise.poses if p.held}
    assert held == EXPECTED_HELD.get(exercise.id, {"stretched"})


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_pose_names_the_joints_that_define_it(exercise) -> None:
    for pose in exercise.poses:
        assert pose.tolerance_degrees
        assert set(pose.tolerance_degrees) <= set(JOINT_NAMES)
        assert all(0 < t <= 90 for t in pose.tolerance_degrees.values())


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_props_match_the_equipment(exercise) -> None:
    kinds = sorted(p.kind.value for p in exercise.props)
    expected = {"two-chairs": ["chair", "chair"], "wall": ["wall"], "floor": ["floor"]}
    assert kinds == sorted(k for item in exercise.equipment for k in expected[item.value])


def _break(name: str, old: str, new: str) -> dict[str, str]:
    files = _files()
    assert old in files[name]
    files[name] = files[name].replace(old, new, 1)
    return files


TOLERANCES = "tolerance_degrees: {trunk_pitch: 15, hip_flexion_left: 20"
BROKEN = [
    ("knee_flexion_right: 90", "knee_flexion_right: 190", "poses.0.angles", "= 190° is outside"),
    ("knee_flexion_right: 90", "knee_bend_right: 90", "poses.0.angles", "unknown joint"),
    (TOLERANCES, TOLERANCES.replace("hip_flexion", "hip_flex"), "poses.0.tolerance", "unknown"),
    (TOLERANCES, TOLERANCES.replace("15", "0"), "poses.0.tolerance", "greater than 0"),
    ("  - name: stretched", "  - name: reaching", "(file)", "missing pose(s) stretched"),
    ("view: side", "view: diagonal", "view", "side"),
    ("{kind: chair, touches: pelvis}", "{kind: chair, touches: bottom}", "props.0", "must touch"),
]


@pytest.mark.parametrize(("old", "new", "field", "reason"), BROKEN)
def test_a_bad_pose_stops_loading_naming_file_field_and_reason(old, new, field, reason) -> None:
    with pytest.raises(CatalogFileError) as error:
        parse_catalog(_break("hamstring-stretch.yaml", old, new))
    problems = [p for p in error.value.problems if p.path == "hamstring-stretch.yaml"]
    assert any(p.field.startswith(field) and reason in p.reason for p in problems), problems


def test_a_symmetric_stretch_cannot_claim_a_working_side() -> None:
    files = _break("press-up-stretch.yaml", "working_side: both", "working_side: left")
    with pytest.raises(CatalogFileError, match="working_side is 'both' exactly when"):
        parse_catalog(files)


def test_the_animation_may_only_name_poses_that_exist() -> None:
    files = _break(
        "press-up-stretch.yaml",
        "animation: [start, rising, stretched, rising, start]",
        "animation: [start, cobra]",
    )
    with pytest.raises(CatalogFileError, match="animation names unknown pose"):
        parse_catalog(files)
