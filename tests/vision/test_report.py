"""Contract 3: the camera check report, and how confident it says it is."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from sicoach.vision import NoPersonError, Recording, check_recording
from sicoach.vision.synthetic import Rep, perform
from tests.vision.conftest import camera, performance

HOLD_KEYS = {"exercise", "side", "start", "end", "held_seconds", "faults"}


def _report(**options: Any) -> dict[str, object]:
    done = performance(
        "hamstring-stretch", "left", [Rep(6.0), Rep(6.0)], noise_pixels=1.5, **options
    )
    return check_recording(perform(done)).report


def test_the_report_has_exactly_the_contract_fields() -> None:
    report = _report()
    assert set(report) == {"schema", "frames", "holds", "summary"}
    assert report["schema"] == "sicoach.check/1"
    assert report["frames"] == 780  # 26 s at 30 frames a second
    holds = report["holds"]
    assert isinstance(holds, list) and len(holds) == 2
    for hold in holds:
        assert set(hold) == HOLD_KEYS
        assert hold["exercise"] == "hamstring-stretch" and hold["side"] == "left"
        assert hold["held_seconds"] == pytest.approx(hold["end"] - hold["start"], abs=0.02)


def test_the_summary_counts_reps_per_side_and_says_how_much_was_seen() -> None:
    summary = _report()["summary"]
    assert isinstance(summary, dict)
    assert summary["reps"] == {"hamstring-stretch": {"left": 2}}
    assert summary["person_seen"] == 1.0
    assert summary["confidence"]["level"] == "high"
    assert summary["confidence"]["reasons"] == []


def test_a_poorly_seen_recording_says_its_confidence_is_low() -> None:
    summary = _report(dim=[(0.0, 20.0)])["summary"]
    assert isinstance(summary, dict)
    assert summary["confidence"]["level"] == "low"
    assert any("poorly seen" in r for r in summary["confidence"]["reasons"])


@pytest.mark.parametrize(
    ("turn", "reason"), [(-25.0, "from its best view"), (-45.0, "from its best view")]
)
def test_a_camera_far_from_the_best_view_lowers_the_confidence(turn: float, reason: str) -> None:
    done = performance(
        "hamstring-stretch", "left", [Rep(6.0)], view=camera("hamstring-stretch", turn=turn)
    )
    confidence = check_recording(perform(done)).report["summary"]["confidence"]
    assert confidence["level"] == "low"
    assert any(reason in r for r in confidence["reasons"]), confidence


def test_lying_and_twisting_stretches_carry_their_limits_as_reasons() -> None:
    done = performance("lower-trunk-rotation", "right", [Rep(6.0)], noise_pixels=1.5)
    reasons = check_recording(perform(done)).report["summary"]["confidence"]["reasons"]
    assert any("lying positions are not validated" in r for r in reasons)
    assert any("twisting" in r for r in reasons)


def test_a_recording_with_nobody_in_it_is_refused() -> None:
    empty = Recording(np.arange(5) / 30, np.full((5, 33, 4), np.nan))
    with pytest.raises(NoPersonError, match="no person"):
        check_recording(empty)


def test_a_partial_recording_is_reported_for_what_was_seen() -> None:
    done = performance("quadriceps-stretch", "right", [Rep(6.0), Rep(6.0)], noise_pixels=1.5)
    whole = perform(done)
    cut = Recording(whole.times[:300], whole.landmarks[:300], whole.width, whole.height, whole.fps)
    report = check_recording(cut).report
    assert report["frames"] == 300
    assert [h["side"] for h in report["holds"]] == ["right"]
