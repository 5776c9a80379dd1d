from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sicoach.catalog import Catalog
from sicoach.documents.handout import HandoutDetails, Paper, handout_pdf
from sicoach.documents.pictures import pose_pictures
from sicoach.figures.render import render_svg
from tests.documents.conftest import PlanFactory
from tests.needs import poppler


@pytest.mark.parametrize(
    ("exercise_id", "pictured"),
    [
        ("hamstring-stretch", [("Get ready", "start"), ("Hold", "stretched")]),
        (
            "pelvic-rotation-stretch",
            [
                ("Get ready", "start"),
                ("Outward turn", "outward-turn"),
                ("Inward turn", "inward-turn"),
            ],
        ),
        (
            "press-up-stretch",
            [("Get ready", "start"), ("Hold", "stretched"), ("Advanced press-up", "straight-arms")],
        ),
    ],
)
def test_pictures_are_the_start_and_every_held_pose(
    catalog: Catalog, exercise_id: str, pictured: list[tuple[str, str]]
) -> None:
    """The poses on paper are the start and the held ones, never a pose on the way."""
    exercise = catalog.get(exercise_id)
    pictures = pose_pictures(exercise)
    assert [p.caption for p in pictures] == [caption for caption, _ in pictured]
    assert [p.svg for p in pictures] == [render_svg(exercise, pose) for _, pose in pictured]


@pytest.mark.poppler
@pytest.mark.parametrize("paper", list(Paper))
def test_every_stretch_fits_its_page_with_the_real_pictures(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory, paper: Paper
) -> None:
    path = tmp_path / "handout.pdf"
    details = HandoutDetails(made_on=date(2026, 11, 25), paper=paper)
    path.write_bytes(handout_pdf(make_plan(), catalog, details, pose_pictures))
    assert "Pages:           9" in poppler("pdfinfo", str(path))
