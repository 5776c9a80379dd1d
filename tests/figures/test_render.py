"""SVG pictures: well-formed stills and animations, props drawn, the working leg marked."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from sicoach.catalog import default_catalog
from sicoach.figures import (
    animation_frames,
    render_animated_svg,
    render_frames_svg,
    render_movement_svg,
    render_svg,
)
from sicoach.figures.render import PX_PER_METRE

SVG = "{http://www.w3.org/2000/svg}"
EXERCISES = default_catalog().exercises
STILLS = [
    pytest.param(exercise, pose.name, id=f"{exercise.id}:{pose.name}")
    for exercise in EXERCISES
    for pose in exercise.poses
]


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _defs(root: ET.Element) -> dict[str, ET.Element]:
    return {el.get("id", ""): el for el in root.iter() if el.get("id")}


@pytest.mark.parametrize(("exercise", "pose"), STILLS)
def test_every_still_is_well_formed_svg_with_a_title_and_the_whole_body(exercise, pose) -> None:
    root = _parse(render_svg(exercise, pose))
    assert exercise.name in root.findtext(f"{SVG}title", "")
    parts = _defs(root)
    for part in ("head", "trunk", "leg_left", "leg_right", "arm_left", "arm_right"):
        assert part in parts
    assert root.find(f".//{SVG}animate") is None


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_animation_is_well_formed_and_moves_without_javascript(exercise) -> None:
    svg = render_animated_svg(exercise)
    root = _parse(svg)
    animations = root.findall(f".//{SVG}animate")
    assert animations
    assert "<script" not in svg
    frames = len(animation_frames(exercise))
    for animate in animations:
        assert animate.get("repeatCount") == "indefinite"
        assert len(animate.get("values", "").split(";")) == frames


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_picture_is_drawn_to_the_scale_of_the_body(exercise) -> None:
    root = _parse(render_svg(exercise, "start"))
    head = _defs(root)["head"]
    assert float(head.get("r", 0)) == pytest.approx(0.10 * PX_PER_METRE)


def _props(root: ET.Element) -> list[str]:
    return [el.get("fill", "") for el in root if el.tag == f"{SVG}polygon"]


def test_the_hamstring_picture_has_two_chairs() -> None:
    root = _parse(render_svg(default_catalog().get("hamstring-stretch"), "stretched"))
    chair_fill = "#c9b59c"
    # A chair is a seat, four legs and a backrest.
    assert _props(root).count(chair_fill) == 2 * 6


def test_the_quadriceps_picture_has_a_wall() -> None:
    root = _parse(render_svg(default_catalog().get("quadriceps-stretch"), "stretched"))
    assert "#e4e8ec" in _props(root)


@pytest.mark.parametrize(
    ("exercise_id", "has_mat"),
    [("hip-adductor-stretch", True), ("press-up-stretch", True), ("hamstring-stretch", False)],
)
def test_floor_stretches_are_drawn_on_a_mat(exercise_id: str, has_mat: bool) -> None:
    root = _parse(render_svg(default_catalog().get(exercise_id), "start"))
    assert ("#dde6ea" in _props(root)) is has_mat


def _uses_of(root: ET.Element, part: str) -> list[ET.Element]:
    return [el for el in root if el.tag == f"{SVG}use" and el.get("href") == f"#{part}"]


def test_the_working_leg_is_drawn_hollow_and_the_other_is_not() -> None:
    exercise = default_catalog().get("quadriceps-stretch")
    left = _parse(render_svg(exercise, "stretched", "left"))
    assert len(_uses_of(left, "leg_left")) == 3
    assert len(_uses_of(left, "leg_right")) == 2
    right = _parse(render_svg(exercise, "stretched", "right"))
    assert len(_uses_of(right, "leg_right")) == 3


def test_a_symmetric_stretch_marks_no_leg() -> None:
    root = _parse(render_svg(default_catalog().get("press-up-stretch"), "stretched"))
    assert len(_uses_of(root, "leg_left")) == len(_uses_of(root, "leg_right")) == 2


def test_a_side_view_is_seen_from_the_working_side() -> None:
    exercise = default_catalog().get("knee-to-chest-isometric")
    left, right = (_parse(render_svg(exercise, "stretched", side)) for side in ("left", "right"))
    # Seen from the working side, the person's head points the other way on the page.
    head_x = [float(_defs(r)["head"].get("cx", 0)) for r in (left, right)]
    assert head_x[0] == pytest.approx(-head_x[1], abs=0.2)


def test_stills_of_one_exercise_share_their_props() -> None:
    exercise = default_catalog().get("hamstring-stretch")
    start, stretched = (_parse(render_svg(exercise, p)) for p in ("start", "stretched"))
    chairs = [
        [el.get("points") for el in r if el.get("fill") == "#c9b59c"] for r in (start, stretched)
    ]
    assert chairs[0] == chairs[1]


def test_an_animation_needs_frames() -> None:
    with pytest.raises(ValueError, match="frame"):
        render_frames_svg(EXERCISES[0], [])


def test_a_single_frame_renders_as_a_still() -> None:
    frames = animation_frames(EXERCISES[0])[:1]
    root = _parse(render_frames_svg(EXERCISES[0], frames))
    assert root.find(f".//{SVG}animate") is None


def test_the_sheet_shows_every_stretch_held_and_named_with_unique_ids() -> None:
    from sicoach.figures import render_sheet_svg

    svg = render_sheet_svg(EXERCISES)
    root = _parse(svg)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert labels[: len(EXERCISES)] == [e.name for e in EXERCISES]
    assert "the leg that does the work" in labels
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    hrefs = {el.get("href", "")[1:] for el in root.iter(f"{SVG}use")}
    assert hrefs <= set(ids)


def test_a_sheet_needs_something_to_show() -> None:
    from sicoach.figures import render_sheet_svg

    with pytest.raises(ValueError, match="at least one"):
        render_sheet_svg([])


def _coordinates(root: ET.Element) -> list[tuple[float, float]]:
    pairs = []
    for el in root.iter():
        for pair in el.get("points", "").split():
            x, y = pair.split(",")
            pairs.append((float(x), float(y)))
        if el.get("cx") is not None:
            pairs.append((float(el.get("cx", 0)), float(el.get("cy", 0))))
    return sorted(pairs)


ONE_SIDED = [e for e in EXERCISES if e.working_side.value != "both"]


@pytest.mark.parametrize("exercise", ONE_SIDED, ids=lambda e: e.id)
def test_the_other_side_is_drawn_as_the_mirror_image_props_included(exercise) -> None:
    held = next(p.name for p in exercise.poses if p.held)
    left = _coordinates(_parse(render_svg(exercise, held, "left")))
    right = _coordinates(_parse(render_svg(exercise, held, "right")))
    assert len(left) == len(right)
    for (lx, ly), (rx, ry) in zip(left, sorted((-x, y) for x, y in right), strict=True):
        assert (lx, ly) == pytest.approx((rx, ry), abs=0.15)


def test_the_readme_picture_is_what_the_sheet_draws_now() -> None:
    from pathlib import Path

    from sicoach.figures import render_sheet_svg

    committed = Path(__file__).resolve().parents[2] / "docs" / "img" / "stretches.svg"
    assert committed.read_text(encoding="utf-8") == render_sheet_svg(EXERCISES), (
        "redraw it: sicoach exercises sheet --out docs/img/stretches.svg"
    )


def _ink_of(root: ET.Element, part: str) -> set[str]:
    return {el.get("stroke", "") for el in _uses_of(root, part) if el.get("stroke") != "#ffffff"}


def test_seen_from_above_the_body_casts_a_shadow_and_from_the_side_it_does_not() -> None:
    catalog = default_catalog()
    above = _parse(render_svg(catalog.get("lower-trunk-rotation"), "stretched"))
    shadows = [g for g in above if g.tag == f"{SVG}g" and g.get("opacity")]
    assert len(shadows) == 1
    assert {u.get("href") for u in shadows[0]} >= {"#shadow-leg_left", "#shadow-leg_right"}
    side = _parse(render_svg(catalog.get("press-up-stretch"), "stretched"))
    assert not [g for g in side if g.tag == f"{SVG}g"]


@pytest.mark.parametrize(
    ("exercise_id", "pose", "side", "far"),
    [
        ("knee-to-chest-isometric", "stretched", "left", "right"),  # seen from the left
        ("knee-to-chest-isometric", "stretched", "right", "left"),
        ("pelvic-rotation-stretch", "outward-turn", "left", "left"),  # from the right, foot end
        ("hip-adductor-stretch", "stretched", "both", "right"),  # from the front and left
    ],
)
def test_the_far_limbs_are_paler(exercise_id: str, pose: str, side: str, far: str) -> None:
    root = _parse(render_svg(default_catalog().get(exercise_id), pose, side))  # type: ignore[arg-type]
    near = "right" if far == "left" else "left"
    assert _ink_of(root, f"arm_{far}") == {"#8d99a6"}
    assert _ink_of(root, f"arm_{near}") == {"#2f3e4c"}


def test_a_movement_plays_once_framed_like_the_stills_of_its_stretch() -> None:
    exercise = default_catalog().get("press-up-stretch")
    moving = _parse(render_movement_svg(exercise, ["start", "rising", "stretched"], "both", 2.5))
    animations = [el for el in moving.iter() if el.tag == f"{SVG}animate"]
    assert animations
    assert {(a.get("dur"), a.get("repeatCount"), a.get("fill")) for a in animations} == {
        ("2.5s", "1", "freeze")
    }
    still = _parse(render_svg(exercise, "stretched", "both", framed=True))
    assert moving.get("viewBox") == still.get("viewBox")
    # The last frame of the movement is the held pose, drawn where the still draws it.
    head = _defs(moving)["head"].find(f"{SVG}animate[@attributeName='cx']")
    assert head is not None
    assert head.get("values", "").split(";")[-1] == _defs(still)["head"].get("cx")
