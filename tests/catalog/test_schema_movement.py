"""The movement lines in the catalog: what a session says to move, for every stretch and step."""

from __future__ import annotations

from importlib import resources

import pytest

from sicoach.catalog import CatalogFileError, default_catalog, parse_catalog
from sicoach.catalog.schema import Movement

EXERCISES = default_catalog().exercises


def _files() -> dict[str, str]:
    root = resources.files("sicoach.catalog") / "data"
    return {
        p.name: p.read_text(encoding="utf-8") for p in root.iterdir() if p.name.endswith(".yaml")
    }


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_held_pose_has_a_line_into_it_and_out_of_it(exercise) -> None:
    held = {p.name for p in exercise.poses if p.held}
    assert set(exercise.movement.into) == held
    assert set(exercise.movement.out_of) == held


@pytest.mark.parametrize(
    ("line", "side", "spoken"),
    [
        ("Pull your {side} knee up; keep the {other} leg straight.", "left",
         "Pull your left knee up; keep the right leg straight."),
        ("Pull your {side} knee up; keep the {other} leg straight.", "right",
         "Pull your right knee up; keep the left leg straight."),
        ("Lean forward gently.", "both", "Lean forward gently."),
    ],
)  # fmt: skip
def test_a_line_is_spoken_for_the_side_being_worked(line: str, side: str, spoken: str) -> None:
    assert Movement.spoken(line, side) == spoken


BROKEN = [
    # (file, text as written, broken text, what the problem says)
    ("hamstring-stretch.yaml", "  hold: Keep the leg on the chair straight.",
     "  hold: Smile.", "movement.hold must be one of the cues"),
    ("hamstring-stretch.yaml", "reach toward your {side} toes.",
     "reach toward your {leg} toes.", "may use only these blanks: {other}, {side}"),
    ("hip-adductor-stretch.yaml", "Lean forward gently toward your toes.",
     "Lean forward gently toward your {side} toes.", "may use only these blanks: none"),
    ("press-up-stretch.yaml", "    straight-arms: Lower yourself down slowly.\n", "",
     "movement.out_of must name each held pose: stretched, straight-arms"),
    ("hip-adductor-stretch.yaml", "  hold: Keep both legs straight.\n",
     "  hold: Keep both legs straight.\n  switch: Turn round.\n",
     "movement.switch is only for stretches done one side at a time"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "reason"), BROKEN)
def test_a_bad_movement_line_stops_loading_and_says_why(
    name: str, old: str, new: str, reason: str
) -> None:
    files = _files()
    assert old in files[name]
    files[name] = files[name].replace(old, new, 1)
    with pytest.raises(CatalogFileError) as error:
        parse_catalog(files)
    problems = [p for p in error.value.problems if p.path == name]
    assert any(reason in p.reason for p in problems), problems


def test_a_stretch_without_movement_lines_does_not_load() -> None:
    files = _files()
    text = files["quadriceps-stretch.yaml"]
    start = text.index("movement:\n")
    end = text.index("source:\n", start)
    files["quadriceps-stretch.yaml"] = text[:start] + text[end:]
    with pytest.raises(CatalogFileError) as error:
        parse_catalog(files)
    assert any("movement" in p.field for p in error.value.problems)
