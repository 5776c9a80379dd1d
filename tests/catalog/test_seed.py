"""Every number and rule in the clinical seed reaches the catalog exactly.

Each row quotes the seed sentence it checks. The seed is the authority: when a row
fails, the catalog is wrong, not the seed.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from sicoach.catalog import Catalog, default_catalog

SEED_COPY = resources.files("sicoach.catalog") / "source" / "si-joint-stretches.txt"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "si-joint-stretches.txt"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED_COPY.read_text(encoding="utf-8")


def _sentences_with_numbers(text: str) -> list[str]:
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    dose = re.compile(r"\b\d+( to \d+)? (seconds|times)\b")
    return [s for s in sentences if dose.search(s)]


def test_packaged_seed_is_the_shared_seed(seed: str) -> None:
    if not SHARED_SEED.exists():
        pytest.skip(f"no shared seed beside the checkout at {SHARED_SEED}")
    assert seed == SHARED_SEED.read_text(encoding="utf-8")


HOLDS = [
    # (exercise, start, goal, seed sentence)
    ("hamstring-stretch", (15, 30), (15, 30),
     "Hold the stretch for 15 to 30 seconds, then alternate legs to stretch both hamstrings 5 times."),
    ("quadriceps-stretch", (15, 30), (15, 30),
     "Hold this stretch for 15 to 30 seconds, then repeat on the left side."),
    ("hip-adductor-stretch", (5, 10), (15, 30),
     "Hold this stretch for 5 to 10 seconds, and gradually build up to holding for 15 to 30 seconds."),
    ("press-up-stretch", (5, 5), (15, 30),
     "Begin this stretch for 5 seconds, then build up to 15 to 30 seconds."),
    ("knee-to-chest-isometric", (5, 5), (5, 5),
     "Cross the fingers behind the thigh and gently push the knee down, holding the stretch for 5 seconds."),
    ("lower-trunk-rotation", (5, 10), (5, 10),
     "Hold this stretch for about 5 to 10 seconds, then repeat on the other side."),
    ("pelvic-rotation-stretch", (5, 5), (5, 5),
     "For slight resistance, push the hand on the outside of the knee and hold for 5 seconds."),
]  # fmt: skip


@pytest.mark.parametrize(("exercise_id", "start", "goal", "quote"), HOLDS)
def test_hold_seconds_match_the_seed(
    catalog: Catalog, seed: str, exercise_id: str, start: tuple[int, int], goal: tuple[int, int],
    quote: str,
) -> None:  # fmt: skip
    assert quote in " ".join(seed.split())
    hold = catalog.get(exercise_id).hold_seconds
    assert (hold.start, hold.goal) == (start, goal)


REPETITIONS = [
    # (exercise, min, max, per, seed sentence) -- None where the seed gives no number
    ("hamstring-stretch", 5, 5, "side",
     "Hold the stretch for 15 to 30 seconds, then alternate legs to stretch both hamstrings 5 times."),
    ("quadriceps-stretch", 2, 2, "side", "Alternate legs to stretch the quadriceps 2 times each."),
    ("hip-adductor-stretch", None, None, None,
     "Hold this stretch for 5 to 10 seconds, and gradually build up to holding for 15 to 30 seconds."),
    ("press-up-stretch", 5, 10, "session", "Repeat 5 to 10 times."),
    ("knee-to-chest-isometric", 5, 10, "side", "Repeat this stretch on both sides 5 to 10 times."),
    ("lower-trunk-rotation", None, None, None,
     "Hold this stretch for about 5 to 10 seconds, then repeat on the other side."),
    ("pelvic-rotation-stretch", 3, 3, "direction", "Repeat each stretch 3 times."),
]  # fmt: skip


@pytest.mark.parametrize(("exercise_id", "low", "high", "per", "quote"), REPETITIONS)
def test_repetitions_match_the_seed(
    catalog: Catalog, seed: str, exercise_id: str, low: int | None, high: int | None,
    per: str | None, quote: str,
) -> None:  # fmt: skip
    assert quote in " ".join(seed.split())
    reps = catalog.get(exercise_id).repetitions
    if low is None:
        assert reps is None
        assert any("repetitions" in gap for gap in catalog.get(exercise_id).gaps)
    else:
        assert reps is not None
        assert (reps.min, reps.max, reps.per.value) == (low, high, per)


SETUP = [
    # (exercise, group, position, equipment, laterality, seed sentence)
    ("hamstring-stretch", "targeted-muscle", "sitting-on-chair", ["two-chairs"], "each-side",
     "A simple hamstring stretch consists of sitting in a chair with one leg resting on another chair straight in front of the body."),
    ("quadriceps-stretch", "targeted-muscle", "standing", ["wall"], "each-side",
     "To stretch the quadriceps in the front of the thigh, stand with one arm against a wall for support."),
    ("hip-adductor-stretch", "targeted-muscle", "sitting-on-floor", ["floor"], "both-sides-together",
     "To stretch these muscles and reduce tension on the SI joint, sit with the legs straight and apart to form a triangle, then gently lean forward toward the toes."),
    ("press-up-stretch", "targeted-muscle", "lying-on-stomach", ["floor"], "both-sides-together",
     "Lying on the stomach, raise the upper body to the elbows and hold for 15 to 30 seconds to stretch muscles in the lower abdomen and front of the pelvis."),
    ("knee-to-chest-isometric", "targeted-muscle", "lying-on-back", ["floor"], "each-side",
     "Lying on the back, pull one knee up toward the chest while keeping the other leg straight and touching the ground."),
    ("lower-trunk-rotation", "pelvic-rotation", "lying-on-back", ["floor"], "each-side",
     "Lie on the back with both knees slightly bent, then gently move both knees to one side to twist the torso while keeping both shoulders flat on the ground."),
    ("pelvic-rotation-stretch", "pelvic-rotation", "lying-on-back", ["floor"], "each-side",
     "Lying on the back with the legs straight, bring one knee into the air so the calf is parallel to the floor."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("exercise_id", "group", "position", "equipment", "laterality", "quote"), SETUP
)
def test_group_position_equipment_and_sides_match_the_seed(
    catalog: Catalog, seed: str, exercise_id: str, group: str, position: str,
    equipment: list[str], laterality: str, quote: str,
) -> None:  # fmt: skip
    assert quote in " ".join(seed.split())
    e = catalog.get(exercise_id)
    assert (e.group.value, e.position.value, [x.value for x in e.equipment], e.laterality.value) == (
        group, position, equipment, laterality,
    )  # fmt: skip


CUES_AND_CAUTIONS = [
    # (exercise, field, words that must appear, seed sentence)
    ("press-up-stretch", "cues", "shoulders relaxed, down and away from your ears",
     "For best results, try to keep the shoulders relaxed, down, and away from the ears while relaxing the muscles in the lower back and buttocks."),
    ("press-up-stretch", "cues", "Relax your lower back and buttocks",
     "For best results, try to keep the shoulders relaxed, down, and away from the ears while relaxing the muscles in the lower back and buttocks."),
    ("knee-to-chest-isometric", "cues", "other leg straight and touching the ground",
     "Lying on the back, pull one knee up toward the chest while keeping the other leg straight and touching the ground."),
    ("lower-trunk-rotation", "cues", "both shoulders flat on the ground",
     "Lie on the back with both knees slightly bent, then gently move both knees to one side to twist the torso while keeping both shoulders flat on the ground."),
    ("pelvic-rotation-stretch", "cues", "calf level with the floor",
     "Lying on the back with the legs straight, bring one knee into the air so the calf is parallel to the floor."),
    ("pelvic-rotation-stretch", "cautions", "may not be recommended for all cases",
     "This stretch helps loosen the muscles on each side of the pelvis, but may not be recommended for all cases."),
    ("quadriceps-stretch", "cues", "hand on the same side",
     "Pull the right leg up behind the body, bent at the knee, and grasp the foot or ankle with the right hand."),
    ("hamstring-stretch", "cues", "leg on the chair straight",
     "A simple hamstring stretch consists of sitting in a chair with one leg resting on another chair straight in front of the body."),
]  # fmt: skip


@pytest.mark.parametrize(("exercise_id", "field", "words", "quote"), CUES_AND_CAUTIONS)
def test_cues_and_cautions_carry_the_seed(
    catalog: Catalog, seed: str, exercise_id: str, field: str, words: str, quote: str
) -> None:
    assert quote in " ".join(seed.split())
    texts: list[str] = getattr(catalog.get(exercise_id), field)
    assert any(words in text for text in texts), texts


def test_variations_are_the_seeds(catalog: Catalog, seed: str) -> None:
    """'For a more advanced press-up, raise the upper body to the hands with elbows straight.'
    and the pelvic rotation stretch's outward and inward turns."""
    press_up = catalog.get("press-up-stretch").variations
    assert [(v.id, v.advanced) for v in press_up] == [("straight-arms", True)]
    assert "elbows straight" in press_up[0].description
    turns = catalog.get("pelvic-rotation-stretch").variations
    assert [v.id for v in turns] == ["outward-turn", "inward-turn"]
    assert "outside of the knee" in turns[0].description
    assert "inside of the knee" in turns[1].description


def test_groups_and_their_purpose_are_the_seeds(catalog: Catalog) -> None:
    """'For a stiff sacroiliac joint (fixation), stretches that gently rotate the joint ...'"""
    assert catalog.in_group(catalog.groups[0].id)[0].id == "hamstring-stretch"
    assert [e.id for e in catalog.exercises if e.group.value == "pelvic-rotation"] == [
        "lower-trunk-rotation",
        "pelvic-rotation-stretch",
    ]
    assert "fixation" in catalog.groups[1].purpose
    assert len(catalog.exercises) == 7


def test_consult_a_doctor_advice_is_carried(catalog: Catalog) -> None:
    """'It can be a good idea to consult with a doctor before starting new stretches ...'"""
    assert any("doctor before you start new stretches" in c for c in catalog.general_cautions)


def test_every_quote_is_verbatim_from_the_seed(catalog: Catalog, seed: str) -> None:
    flat = " ".join(seed.split())
    for exercise in catalog.exercises:
        for quote in exercise.source.quotes:
            assert quote in flat, f"{exercise.id}: {quote!r} is not in the seed"


def test_every_seed_sentence_with_a_dose_is_quoted_by_an_exercise(
    catalog: Catalog, seed: str
) -> None:
    quoted = {q for e in catalog.exercises for q in e.source.quotes}
    missing = [s for s in _sentences_with_numbers(seed) if s not in quoted]
    assert missing == []


def test_references_name_the_seeds_videos_and_slideshow(catalog: Catalog, seed: str) -> None:
    titles = [r.title for e in catalog.exercises for r in e.references]
    titles += [r.title for r in catalog.references]
    titles += [r.title for g in catalog.groups for r in g.references]
    for title in titles:
        assert title in seed
    assert "Slideshow: Sacroiliac Joint Exercises for Sciatic Pain Relief" in titles


def test_advice_that_is_not_the_seeds_is_marked_as_sicoachs_own(catalog: Catalog) -> None:
    hamstring = catalog.get("hamstring-stretch")
    own = "Reach gently toward your toes; stretch, do not bounce."
    assert hamstring.as_shown(own) == f"{own} (sicoach's own advice)"
    seed_words = "Keep the leg on the chair straight."
    assert hamstring.as_shown(seed_words) == seed_words
    assert all(text in (*e.cues, *e.cautions) for e in catalog.exercises for text in e.ours)
